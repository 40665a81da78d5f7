import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { groupIsAlive, PROC_ROOT } from '../../src/process/process-group.js'
import { cleanUpTempDirectories, tempDirectory, writeFile } from '../helpers/files.js'

// groupIsAlive reads Linux's /proc to leave zombies out. Its location is injected here to
// check the fallback of systems without one (macOS): kill(-pgid, 0) alone decides.
cleanUpTempDirectories()

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

/** A live process group: a sleep leading its own group. */
async function liveGroup(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' })
  children.push(child)
  await once(child, 'spawn')
  if (child.pid === undefined) throw new Error('sleep did not start')
  return child as ChildProcess & { pid: number }
}

/** A process table holding one process of group `group`, in `state`, and an entry to skip. */
function fakeProcRoot(group: number, state: string): string {
  const root = tempDirectory()
  // comm may hold spaces and parentheses: fields are read after the last ')'.
  writeFile(root, '4242/stat', `4242 (a (b) c) ${state} 1 ${group} ${group} 0 -1 4194304\n`)
  writeFile(root, 'self/stat', `1 (x) S 0 ${group} 0\n`)
  writeFile(root, 'uptime', '1.0 1.0\n')
  return root
}

describe('groupIsAlive', () => {
  it('reads /proc on Linux only', () => {
    expect(PROC_ROOT).toBe(process.platform === 'linux' ? '/proc' : undefined)
  })

  it('counts a live group as alive, with the real /proc and without any', async () => {
    const { pid } = await liveGroup()
    expect(groupIsAlive(pid)).toBe(true)
    expect(groupIsAlive(pid, path.join(tempDirectory(), 'no-proc'))).toBe(true)
    expect(groupIsAlive(pid, undefined)).toBe(true)
  })

  it('leaves zombies out when a process table says so', async () => {
    const { pid } = await liveGroup()
    expect(groupIsAlive(pid, fakeProcRoot(pid, 'Z'))).toBe(false)
    expect(groupIsAlive(pid, fakeProcRoot(pid, 'X'))).toBe(false)
    expect(groupIsAlive(pid, fakeProcRoot(pid, 'S'))).toBe(true)
    expect(groupIsAlive(pid, fakeProcRoot(pid + 1, 'S'))).toBe(false)
  })

  it('without a process table, counts a group as alive while kill finds a member', async () => {
    const child = await liveGroup()
    const noProc = path.join(tempDirectory(), 'no-proc')
    child.kill('SIGKILL')
    await once(child, 'exit')
    expect(groupIsAlive(child.pid, noProc)).toBe(false)
    expect(groupIsAlive(child.pid, undefined)).toBe(false)
    expect(groupIsAlive(child.pid)).toBe(false)
  })
})
