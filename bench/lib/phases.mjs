// Where a stepgraph run's wall time goes besides its steps, measured from outside in one
// extra, untimed run: `strace -f --seccomp-bpf -e trace=execve,exit_group -ttt` stops
// only at those two calls (each step adds a few of them), and stepgraph is not changed.
//   start-up: the action's own execve to its first step's (bash's) execve
//   end:      the last step process's exit to the action's own
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { available } from './peers.mjs'

/**
 * @param {import('./measure.mjs').Contender} contender a `node` contender
 * @returns {Promise<{ startup: number, end: number } | undefined>} seconds; undefined without strace
 */
export async function phases(contender) {
  if (!available('strace') || !contender.node) return undefined
  const scratch = mkdtempSync(path.join(tmpdir(), 'stepgraph-phases-'))
  const trace = path.join(scratch, 'trace')
  contender.prepare?.()
  const child = spawn(
    'strace',
    [
      '-f',
      '--seccomp-bpf',
      '-ttt',
      '-e',
      'trace=execve,exit_group',
      '-o',
      trace,
      contender.runtime ?? process.execPath,
      ...contender.node
    ],
    {
      cwd: contender.cwd,
      env: { ...process.env, ...contender.env },
      stdio: ['ignore', 'ignore', 'ignore']
    }
  )
  await new Promise(resolve => child.on('close', resolve))
  const lines = readFileSync(trace, 'utf8').split('\n')
  rmSync(scratch, { recursive: true, force: true })
  /** @type {{ pid: number, time: number, text: string }[]} */
  const events = []
  for (const line of lines) {
    const match = /^(\d+)\s+(\d+\.\d+)\s+(.*)$/.exec(line)
    if (match) events.push({ pid: Number(match[1]), time: Number(match[2]), text: match[3] ?? '' })
  }
  const main = events[0]
  if (!main) return undefined
  const firstSpawn = events.find(e => e.pid !== main.pid && e.text.startsWith('execve('))
  // Processes that ran a program: the steps and theirs, not the action's threads.
  const programs = new Set(
    events.filter(e => e.pid !== main.pid && e.text.startsWith('execve(')).map(e => e.pid)
  )
  const childEnds = events.filter(e => programs.has(e.pid) && e.text.startsWith('+++'))
  const mainEnd = events.findLast(e => e.pid === main.pid && e.text.startsWith('+++'))
  const lastChildEnd = childEnds.at(-1)
  if (!firstSpawn || !mainEnd || !lastChildEnd) return undefined
  return { startup: firstSpawn.time - main.time, end: mainEnd.time - lastChildEnd.time }
}
