import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PROC_ROOT, readSessionMembers } from '../../src/process/process-table.js'
import { SessionReaper } from '../../src/process/reaper.js'
import { cleanUpTempDirectories, tempDirectory, writeFile } from '../helpers/files.js'
import { sessionMembers } from '../helpers/processes.js'

// Steps lead their own session; what job control or GNU `timeout` moves to another process
// group stays in it. The process table's location is injected to check zombies and the
// fallback of systems without one (macOS), where only the step's group is reached.
cleanUpTempDirectories()

const leaders: number[] = []
afterEach(() => {
  // Whatever a test left: the whole session, by the process table (independently of the
  // code under test).
  for (const leader of leaders.splice(0)) {
    for (const member of sessionMembers(leader)) process.kill(Number(member.split(' ')[0]), 9)
  }
})

/** The process group of `pid`, from its stat line. */
function groupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
}

/**
 * A session as a step makes one: a shell leading it (spawned detached: setsid) that puts
 * each job in a process group of its own (`set -m`), then waits for them, or exits at
 * once when `exitAfter` is set. Each job prints its pid when it is ready (its traps set):
 * `ready(command)` wraps a command so.
 */
async function sessionWithJobs(
  jobs: string[],
  exitAfter = false
): Promise<{ leader: ChildProcess & { pid: number }; jobPids: number[] }> {
  const script = `set -m\n${jobs.map(job => `${job} &`).join('\n')}\n${exitAfter ? '' : 'wait'}`
  const leader = spawn('bash', ['-c', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore']
  })
  if (leader.pid === undefined) throw new Error('bash did not start')
  leaders.push(leader.pid)
  let printed = ''
  leader.stdout.setEncoding('utf8')
  while (printed.split('\n').length <= jobs.length) {
    const [chunk] = (await once(leader.stdout, 'data')) as [string]
    printed += chunk
  }
  const jobPids = printed.trim().split('\n').map(Number)
  return { leader: leader as ChildProcess & { pid: number }, jobPids }
}

/** A job that prints its pid once `setup` has run, then becomes `command`. */
function ready(command: string, setup = ''): string {
  return `bash -c '${setup} echo $$; exec ${command}'`
}

/** Resolves once `child` has exited, even if it already has. */
async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit')
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) return false
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  return true
}

/** A process table with one process of session `session` in `state`, and entries to skip. */
function fakeProcRoot(session: number, state: string): string {
  const root = tempDirectory()
  // comm may hold spaces and parentheses: fields are read after the last ')'.
  writeFile(root, '4242/stat', `4242 (a (b) c) ${state} 1 4242 ${session} 0 -1 4194304\n`)
  writeFile(root, '4243/stat', `4243 (x) S 1 ${session} ${session + 1} 0 -1\n`)
  writeFile(root, 'self/stat', `1 (x) S 0 ${session} ${session} 0\n`)
  writeFile(root, 'uptime', '1.0 1.0\n')
  return root
}

describe('readSessionMembers', () => {
  it('reads /proc on Linux only', () => {
    expect(PROC_ROOT).toBe(process.platform === 'linux' ? '/proc' : undefined)
  })

  it('finds every live member of a session, whatever its process group', async () => {
    const { leader, jobPids } = await sessionWithJobs([ready('sleep 30'), ready('sleep 31')])
    for (const job of jobPids) expect(groupOf(job)).not.toBe(leader.pid)
    const members = readSessionMembers(new Set([leader.pid, process.pid]), PROC_ROOT)
    expect([...(members?.get(leader.pid) ?? [])].sort()).toEqual([leader.pid, ...jobPids].sort())
    // stepgraph's own session is not the step's.
    expect(members?.get(process.pid) ?? []).not.toContain(leader.pid)
  })

  it('reads the session field after the command name, and leaves zombies out', () => {
    expect(readSessionMembers(new Set([77]), fakeProcRoot(77, 'S'))?.get(77)).toEqual([4242])
    expect(readSessionMembers(new Set([77]), fakeProcRoot(77, 'Z'))?.get(77)).toEqual([])
    expect(readSessionMembers(new Set([77]), fakeProcRoot(77, 'X'))?.get(77)).toEqual([])
    // 4243 leads group 77 but belongs to session 78.
    expect(readSessionMembers(new Set([78]), fakeProcRoot(77, 'S'))?.get(78)).toEqual([4243])
  })

  it('reads nothing without a process table (macOS, or /proc not mounted)', () => {
    expect(readSessionMembers(new Set([1]), undefined)).toBeUndefined()
    expect(readSessionMembers(new Set([1]), path.join(tempDirectory(), 'none'))).toBeUndefined()
  })
})

describe('SessionReaper', () => {
  it('signals the members that left the leader’s process group', async () => {
    const reaper = new SessionReaper()
    const { leader, jobPids } = await sessionWithJobs([
      ready('sleep 30'),
      `timeout 100 ${ready('sleep 30')}`
    ])
    reaper.started(leader.pid)
    reaper.signal(leader.pid, 'SIGTERM')
    reaper.poll(performance.now())
    expect(await waitUntil(() => sessionMembers(leader.pid).length === 0)).toBe(true)
    expect(reaper.isAlive(leader.pid)).toBe(false)
    expect(jobPids).toHaveLength(2)
    await reaper.settle()
  })

  it('ends what an ended step left in other groups: SIGTERM, then SIGKILL after the grace', async () => {
    const reaper = new SessionReaper()
    const { leader } = await sessionWithJobs(
      [ready('sleep 30'), ready('sleep 32', `trap "" TERM;`)],
      true
    )
    reaper.started(leader.pid)
    await exited(leader)
    const ended = performance.now()
    reaper.add(leader.pid, ended, 60_000)
    reaper.poll(ended)
    // The plain job ends on SIGTERM; the one ignoring it lives on until its grace is over.
    expect(await waitUntil(() => sessionMembers(leader.pid).length === 1)).toBe(true)
    expect(sessionMembers(leader.pid)[0]).toContain('sleep 32')
    expect(reaper.isAlive(leader.pid)).toBe(true)
    reaper.poll(ended + 60_000)
    expect(await waitUntil(() => sessionMembers(leader.pid).length === 0)).toBe(true)
    reaper.poll(ended + 60_000 + 1000)
    await reaper.settle(0)
    expect(reaper.isAlive(leader.pid)).toBe(false)
  })

  it('at the end of a run, kills what is left and waits for it', async () => {
    const reaper = new SessionReaper()
    const { leader } = await sessionWithJobs([ready('sleep 33', `trap "" TERM;`)], true)
    await exited(leader)
    reaper.add(leader.pid, performance.now(), 60_000)
    await reaper.settle()
    expect(sessionMembers(leader.pid)).toEqual([])
  })

  it('if stepgraph exits with steps running, kills their whole sessions on the way out', async () => {
    const listeners = process.listenerCount('exit')
    const reaper = new SessionReaper()
    expect(process.listenerCount('exit')).toBe(listeners + 1)
    const { leader } = await sessionWithJobs([
      ready('sleep 35'),
      `timeout 100 ${ready('sleep 36')}`
    ])
    reaper.started(leader.pid)
    reaper.killEverything()
    expect(await waitUntil(() => sessionMembers(leader.pid).length === 0)).toBe(true)
    // Once every step has ended and nothing is left, the run holds no 'exit' listener.
    await exited(leader)
    reaper.add(leader.pid, performance.now(), 1000)
    await reaper.settle()
    expect(process.listenerCount('exit')).toBe(listeners)
  })

  it('without a process table (macOS), reaches the leader’s group only', async () => {
    const reaper = new SessionReaper({ procRoot: undefined })
    expect(reaper.reach).toBe('process group')
    const { leader, jobPids } = await sessionWithJobs([ready('sleep 34')])
    reaper.signal(leader.pid, 'SIGKILL')
    reaper.poll(performance.now())
    await exited(leader)
    // The job in its own group is out of reach: the documented limit without /proc.
    expect(sessionMembers(leader.pid).map(member => Number(member.split(' ')[0]))).toEqual(jobPids)
    await reaper.settle(0)
  })
})
