import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction } from '../helpers/action.js'
import { sessionMembers } from '../helpers/processes.js'

// Cancellation reaches what left a step's process group (GNU `timeout`, job control), and
// nothing of any step's session outlives the action. Each step records its session id
// (its shell's pid), and the process table is read by session after the action exits.

let recorded: number[] = []
afterEach(() => {
  for (const session of recorded.splice(0)) {
    for (const member of sessionMembers(session)) process.kill(Number(member.split(' ')[0]), 9)
  }
})

const STEP = `
    echo $$ >> sessions
    timeout 100 sleep 1000 >/dev/null 2>&1 &
    set -m
    sleep 1001 &
    set +m`

describe('the action’s steps and their sessions', () => {
  it('on SIGTERM to the action, ends every session, and none outlives the action', async () => {
    const graph = `
long:
  run: |${STEP}
    sleep 1002
other:
  run: |${STEP}
    sleep 1003
ended:
  run: |${STEP}
    echo left them behind
`
    const run = await runAction(
      { steps: graph, 'max-parallel': '3' },
      {
        onSpawn: (child: ChildProcess) => {
          let seen = ''
          child.stdout?.on('data', (chunk: Buffer) => {
            seen += chunk.toString()
            if ((seen.match(/ started in slot /g) ?? []).length === 3) {
              seen = ''
              // Let every step start its background jobs first.
              setTimeout(() => child.kill('SIGTERM'), 500)
            }
          })
        }
      }
    )
    recorded = readFileSync(path.join(run.workspace, 'sessions'), 'utf8')
      .trim()
      .split('\n')
      .map(Number)
    expect(run.outputs.get('status')).toBe('cancelled')
    expect(recorded).toHaveLength(3)
    expect(recorded.flatMap(sessionMembers)).toEqual([])
  })
})
