import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { outputOf, runReal, sessionMembers, type RealRun } from '../helpers/processes.js'

// A step leads its own session. GNU `timeout` and job control (`set -m`) move processes
// to process groups of their own, still in that session: a signal to the step's group
// misses them, so stepgraph ends the whole session. Each step here records its session id
// (its shell's pid, `$$`), and the process table is read by session after the run.

/** Leaves the step's process group twice: `timeout` makes its own, `set -m` one per job. */
const LEAVERS = [
  'echo $$ >> sessions',
  'timeout 100 sleep 1000 >/dev/null 2>&1 &',
  'set -m',
  'sleep 1001 &',
  'set +m'
]

function step(id: string, lines: string[], extra: string[] = []): string {
  return [
    `${id}:`,
    ...extra.map(line => `  ${line}`),
    '  run: |',
    ...lines.map(l => `    ${l}`)
  ].join('\n')
}

let recorded: number[] = []
afterEach(() => {
  // Whatever a failing test left, by session, independently of the code under test.
  for (const session of recorded.splice(0)) {
    for (const member of sessionMembers(session)) process.kill(Number(member.split(' ')[0]), 9)
  }
})

async function run(yaml: string, failFast = false): Promise<RealRun & { sessions: number[] }> {
  const result = await runReal(yaml, { failFast, maxParallel: 4 })
  recorded = readFileSync(path.join(result.workingDirectory, 'sessions'), 'utf8')
    .trim()
    .split('\n')
    .map(Number)
  return { ...result, sessions: recorded }
}

function aliveIn(sessions: number[]): string[] {
  return sessions.flatMap(sessionMembers)
}

describe('a step’s whole session ends with it', () => {
  it('when the step ends: leftovers in other groups, one holding its output', async () => {
    const result = await run(step('leaver', [...LEAVERS, 'echo started']))
    expect(result.statuses.leaver).toBe('success')
    expect(outputOf(result, 'leaver')).toEqual(['started'])
    // Ended by the drain, not abandoned as out of reach.
    expect(result.log.output_).not.toContain('outside the step')
    expect(result.sessions).toHaveLength(1)
    expect(aliveIn(result.sessions)).toEqual([])
  })

  it('on the step’s timeout', async () => {
    const result = await run(step('slow', [...LEAVERS, 'sleep 1002'], ['timeout-minutes: 0.01']))
    expect(result.statuses.slow).toBe('timed-out')
    expect(aliveIn(result.sessions)).toEqual([])
  })

  it('on fail-fast', async () => {
    const result = await run(
      [
        step('long', [...LEAVERS, 'sleep 1002']),
        step('other', [...LEAVERS, 'sleep 1003']),
        'bad: {run: "sleep 0.5; exit 1"}'
      ].join('\n'),
      true
    )
    expect(result.statuses).toEqual({ long: 'cancelled', other: 'cancelled', bad: 'failure' })
    expect(result.sessions).toHaveLength(2)
    expect(aliveIn(result.sessions)).toEqual([])
  })
})
