import { describe, expect, it } from 'vitest'
import { runAnnotations } from '../../src/report/annotations.js'
import { readableTail } from '../../src/report/tail-text.js'
import type { RunResult } from '../../src/scheduler/results.js'
import { graphOf } from '../helpers/processes.js'

describe('a step’s last lines, as a reader sees them', () => {
  it('shows what the runner shows of its commands, and drops blank lines at the ends', () => {
    const lines = [
      '\u001b[1m\u001b[0m',
      '::group::Compile',
      '  ::warning file=a.ts,line=3,col=5,title=Unused::x is never read',
      '::endgroup::',
      '::set-output name=x::1',
      '##[error]legacy form',
      'plain :: text',
      ''
    ]
    expect(readableTail(lines, 'as-text')).toEqual([
      '▸ Compile',
      'Warning a.ts:3:5 Unused: x is never read',
      'Error: legacy form',
      'plain :: text'
    ])
    expect(readableTail(lines, 'omit')).toEqual(['▸ Compile', 'plain :: text'])
  })

  it('keeps every line as text while commands are stopped, as the runner does', () => {
    expect(
      readableTail(['::stop-commands::tok', '::error::a', '::TOK::', '::error::b'], 'as-text')
    ).toEqual(['::error::a', 'Error: b'])
  })
})

describe('stepgraph’s annotation of a failed step', () => {
  it('does not repeat the step’s own ::error, which is an annotation of its own', async () => {
    const graph = await graphOf('t: {run: x}')
    const run: RunResult = {
      results: [
        {
          step: 0,
          status: 'failure',
          readyAt: 0,
          attempts: [
            {
              attempt: 1,
              slot: 1,
              startedAt: 0,
              endedAt: 10,
              startedAtWall: 0,
              status: 'failure',
              exit: { exitCode: 2, signal: null }
            }
          ]
        }
      ],
      startedAt: 0,
      endedAt: 10,
      startedAtWall: 0,
      cancelled: false
    }
    const lines = ['one', '::error file=a.ts,line=3::Bad type', 'two']
    const [annotation] = runAnnotations(graph, run, () => lines, []).errors
    expect(annotation?.message).toBe('exit code 2. Last lines:\none\ntwo')
  })
})
