import { describe, expect, it } from 'vitest'
import {
  buildSummary,
  joinShards,
  SUMMARY_BUDGET,
  summaryModelOf
} from '../../src/report/summary.js'
import { ganttAxis } from '../../src/report/summary/timeline.js'
import type { RunRecord } from '../../src/report/run-record.js'
import { attemptRecord, runRecord, stepRecord } from '../helpers/run-records.js'

/** `~` stands for the no-break space that keeps a table cell on one line. */
function nb(text: string): string {
  return text.replace(/~/g, '\u00a0')
}

/** The summary of one run, drawn from its record alone, as the action draws it. */
function summaryOf(record: RunRecord): string {
  return buildSummary(summaryModelOf(record))
}

const record = runRecord([
  stepRecord('build', 'success', 0, [attemptRecord(1, 0, 1000)], {
    name: 'Build <it>',
    summary: '| artifact | size |\n| --- | --- |\n| app.js | 12 kB |\n'
  }),
  stepRecord('unit', 'failure', 1000, [attemptRecord(1, 1000, 4000, 'failure')], {
    needs: ['build'],
    'last-lines': ['FAIL parser.test.ts', '  expected <b>1</b> got 2', '\u001b[31mred\u001b[0m']
  }),
  stepRecord('lint', 'success', 0, [
    attemptRecord(2, 0, 300, 'failure'),
    attemptRecord(2, 1300, 1500, 'success')
  ]),
  stepRecord('deploy', 'skipped', 4000, [], {
    needs: ['unit'],
    reason: 'needs `unit`, which failed',
    'skipped-because-of': 'unit'
  })
])

describe('buildSummary of a run record', () => {
  const summary = summaryOf(record)

  it('puts the headline first, then failures, the critical path, the table, the timeline and the steps’ own summaries', () => {
    const order = [
      '## stepgraph:',
      '### Failures',
      '**Critical path**',
      '### Steps',
      '### Timeline',
      '### From'
    ]
    const positions = order.map(marker => summary.indexOf(marker))
    expect(positions.every(p => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('counts statuses and compares the wall-clock time with the sum of step times', () => {
    expect(summary).toContain('## stepgraph: ✗ 1 failed · ✓ 2 succeeded · ↷ 1 skipped')
    expect(summary).toContain(
      '**4.0s** of wall-clock time for **4.5s** of step time: **1.1× faster** than one after another, with 2 slots (at most 2 running at once).'
    )
  })

  it('shows each failure with how it ended, what it caused to be skipped, and its last lines open', () => {
    expect(summary).toContain('#### ✗ `unit`: exit code 1 after 3.0s')
    expect(summary).toContain('Skipped because of it: `deploy`')
    expect(summary).toContain(
      'Last 3 lines of output:\n\n<pre>FAIL parser.test.ts\n  expected &lt;b&gt;1&lt;/b&gt; got 2\nred</pre>'
    )
    // Not behind a click.
    expect(summary).not.toContain('<details>')
  })

  it('lists every step, its status and times on one line each, the critical path marked', () => {
    expect(summary).toContain(
      nb('| ✓~success | ◆~Build &lt;it&gt; (`build`) | — | +0ms | 1.0s | 0ms | 1 | 1 |')
    )
    expect(summary).toContain(nb('| ✗~failure | ◆~`unit` | `build` | +1.0s | 3.0s | 0ms | 1 | 1 |'))
    expect(summary).toContain(nb('| ✓~success | `lint` | — | +0ms | 1.5s | 0ms | 2 | 2 |'))
    expect(summary).toContain(nb('| ↷~skipped | `deploy` | `unit` | — | — | — | — | 0 |'))
    expect(summary).toContain('_◆ on the critical path._')
  })

  it('draws a gantt with a section per slot, whole seconds on its axis, failures as crit and the critical path highlighted', () => {
    expect(summary).toContain(
      [
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %ss',
        '  tickInterval 1second',
        '  todayMarker off',
        '  section Slot 1',
        '  ✓ build :active, 0, 1000',
        '  ✗ unit :crit, 1000, 4000',
        '  section Slot 2',
        '  ✗ lint :crit, 0, 300',
        '  ✓ lint #2 :done, 1300, 1500',
        '```'
      ].join('\n')
    )
  })

  it('names the critical path of the run as it went', () => {
    expect(summary).toContain(
      '**Critical path**: what set the 4.0s of wall-clock time, from the start: `build` → `unit`'
    )
  })

  it('includes a step’s own summary as Markdown under its name', () => {
    expect(summary).toContain('### From Build &lt;it&gt; (`build`)\n\n| artifact | size |')
  })

  it('stays under the 1 MiB limit with 50 failures of 100 KB each, cutting the least important first', () => {
    const longLine = 'x'.repeat(5000)
    const many = runRecord(
      Array.from({ length: 50 }, (_, i) =>
        stepRecord(
          `s${i}`,
          'failure',
          0,
          [attemptRecord((i % 4) + 1, i * 10, i * 10 + 5, 'failure')],
          {
            'last-lines': Array.from({ length: 20 }, () => longLine),
            summary: 'y'.repeat(100 * 1024)
          }
        )
      )
    )
    const text = summaryOf(many)
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_BUDGET)
    expect(text).toContain(
      "_This summary was shortened to fit GitHub's 1 MiB limit: the steps’ own summaries"
    )
    for (let i = 0; i < 50; i++) expect(text).toContain(`#### ✗ \`s${i}\`: exit code 1`)
  })
})

describe('the critical path in the summary: what really set the wall time', () => {
  // From a trial on a real project: install -> bundle -> check, and typecheck needs
  // install. Two slots: lint holds slot 2 until 28 s, so typecheck, ready at 2 s, waits
  // 26 s for it and ends the run. The chain of needs is not what set the wall time.
  const summary = summaryOf(
    runRecord([
      stepRecord('install', 'success', 0, [attemptRecord(1, 0, 2000)]),
      stepRecord('bundle', 'success', 2000, [attemptRecord(1, 2000, 20_000)], {
        needs: ['install']
      }),
      stepRecord('check', 'success', 20_000, [attemptRecord(1, 20_000, 21_000)], {
        needs: ['bundle']
      }),
      stepRecord('typecheck', 'success', 2000, [attemptRecord(2, 28_000, 60_000)], {
        needs: ['install']
      }),
      stepRecord('lint', 'success', 0, [attemptRecord(2, 0, 28_000)])
    ])
  )

  it('goes through the slot that typecheck waited for, and says so', () => {
    expect(summary).toContain(
      '**Critical path**: what set the 1m 00s of wall-clock time, from the start: ' +
        '`lint` ⇢ `typecheck` (**waited 26.0s** for slot 2)'
    )
    expect(summary).toContain(
      '1 wait for a slot on it (26.0s in all, ⇢): more slots could have shortened the run there.'
    )
    expect(summary).not.toMatch(/Critical path[^\n]*`bundle`/)
  })

  it('marks it in the table: the steps on it, and the wait for a slot', () => {
    expect(summary).toContain(nb('| ✓~success | ◆~`lint` | — | +0ms | 28.0s | 0ms | 2 | 1 |'))
    expect(summary).toContain(
      nb('| ✓~success | ◆~`typecheck` | `install` | +28.0s | 32.0s | **⇢~26.0s** | 2 | 1 |')
    )
    expect(summary).toContain(nb('| ✓~success | `bundle` | `install` |'))
    expect(summary).toContain(
      '_◆ on the critical path; ⇢ a wait for a slot on it (more slots could have helped)._'
    )
  })

  it('marks it in the timeline, with the wait drawn as a bar of its own', () => {
    expect(summary).toContain('  ✓ lint :active, 0, 28000')
    expect(summary).toContain('  ✓ typecheck :active, 28000, 60000')
    expect(summary).toContain('  ✓ bundle :done, 2000, 20000')
    expect(summary).toContain('  section Slot waits\n  ⇢ typecheck waits :2000, 28000\n```')
    expect(summary).toContain('  axisFormat %ss\n  tickInterval 10second')
  })
})

describe('the critical path through retries, skipped steps and matrix instances', () => {
  // test (a matrix) fails on its second instance after a retry; deploy, which needs it,
  // is skipped at once; notify (runs always) starts then.
  const summary = summaryOf(
    runRecord([
      stepRecord('test (1)', 'success', 0, [attemptRecord(1, 0, 500)], { 'instance-of': 'test' }),
      stepRecord(
        'test (2)',
        'failure',
        0,
        [attemptRecord(2, 0, 1000, 'failure'), attemptRecord(2, 2000, 3000, 'failure')],
        { 'instance-of': 'test' }
      ),
      stepRecord('deploy', 'skipped', 3000, [], {
        needs: ['test'],
        reason: 'needs `test`, which failed',
        'skipped-because-of': 'test (2)'
      }),
      stepRecord('notify', 'success', 3000, [attemptRecord(1, 3000, 3200)], { needs: ['deploy'] })
    ])
  )

  it('names each link: the retry, the skipped need, the step it let start', () => {
    expect(summary).toContain(
      'from the start: `test (2)` → `test (2)` attempt 2 (a retry) → `deploy` (skipped) → `notify`'
    )
    expect(summary).toContain('  ✗ test (2) #2 :crit, 2000, 3000')
    expect(summary).toContain('  ✓ notify :active, 3000, 3200')
  })
})

describe('the timeline’s axis', () => {
  it.each([
    [900, { msPerUnit: 1, tickInterval: '200millisecond', axisFormat: '%Qms' }],
    [2500, { msPerUnit: 1, tickInterval: '500millisecond', axisFormat: '%Qms' }],
    [4000, { msPerUnit: 1, tickInterval: '1second', axisFormat: '%ss' }],
    [20_000, { msPerUnit: 1, tickInterval: '5second', axisFormat: '%ss' }],
    [59_000, { msPerUnit: 1, tickInterval: '10second', axisFormat: '%ss' }],
    [90_000, { msPerUnit: 1, tickInterval: '15second', axisFormat: '%ss' }],
    [600_000, { msPerUnit: 60, tickInterval: '2second', axisFormat: '%smin' }],
    [3_600_000, { msPerUnit: 60, tickInterval: '10second', axisFormat: '%smin' }],
    [6 * 3_600_000, { msPerUnit: 3600, tickInterval: '1second', axisFormat: '%sh' }]
  ])(
    'for a run of %i ms: ticks on whole units, labelled as counts from the start',
    (wall, axis) => {
      expect(ganttAxis(wall)).toEqual(axis)
    }
  )

  it('places the bars of a long run in its units (minutes as Mermaid seconds)', () => {
    const long = summaryOf(
      runRecord([stepRecord('slow', 'success', 0, [attemptRecord(1, 0, 600_000)])])
    )
    expect(long).toContain('  axisFormat %smin\n  tickInterval 2second')
    expect(long).toContain('  ✓ slow :active, 0, 10000')
  })
})

describe('a failure’s last lines, as a reader sees them', () => {
  const failing = (lines: string[]): string =>
    summaryOf(
      runRecord([
        stepRecord('t', 'failure', 0, [attemptRecord(1, 0, 50, 'failure')], {
          'last-lines': lines
        })
      ])
    )

  it('counts the lines it shows: blank lines at the ends and commands that show nothing are not among them', () => {
    const summary = failing([
      '',
      '::group::Compile',
      'src/a.ts: 1 error',
      '::endgroup::',
      '::debug::internal',
      'done',
      '   ',
      ''
    ])
    expect(summary).toContain(
      'Last 3 lines of output:\n\n<pre>▸ Compile\nsrc/a.ts: 1 error\ndone</pre>'
    )
  })

  it('shows a step’s own ::error once, as the log shows it, not as the command it printed', () => {
    const summary = failing(['one', '::error file=a.ts,line=3::Bad type', 'two'])
    expect(summary).toContain('<pre>one\nError a.ts:3: Bad type\ntwo</pre>')
    expect(summary).not.toContain('::error')
  })

  it('takes lines as text while the step had stopped commands', () => {
    const summary = failing(['::stop-commands::pause', '::error::literal', '::pause::', 'after'])
    expect(summary).toContain('<pre>::error::literal\nafter</pre>')
  })
})

describe('buildSummary of a cancelled run', () => {
  // Two steps ran side by side and were cancelled after 3.2 s (one needed SIGKILL); a
  // third, which needed the first, never started.
  const cancelled = (slot: number, signal: string) =>
    attemptRecord(slot, 0, 3200, 'cancelled', { signal })
  const steps = [
    stepRecord('a', 'cancelled', 0, [cancelled(1, 'SIGTERM')]),
    stepRecord('b', 'cancelled', 0, [cancelled(2, 'SIGKILL')]),
    stepRecord('c', 'cancelled', null, [], {
      needs: ['a'],
      reason: 'not started: the run was cancelled (SIGINT)'
    })
  ]
  const summaryOfRun = (wasCancelled: boolean): string =>
    summaryOf(runRecord(steps, { cancelled: wasCancelled, status: 'cancelled' }))

  it('claims no speed-up, and says the times are partial', () => {
    const summary = summaryOfRun(true)
    expect(summary).toContain('## stepgraph: ⊘ 3 cancelled (1 never started)')
    expect(summary).toContain(
      '**3.2s** of wall-clock time for **6.4s** of step time, with 2 slots (at most 2 running at once).'
    )
    expect(summary).not.toMatch(/faster|×/)
    expect(summary).toContain(
      '**The run was cancelled**: unfinished steps are marked cancelled, and the times above are partial.'
    )
  })

  it('claims no speed-up when fail-fast cancelled steps either', () => {
    const summary = summaryOfRun(false)
    expect(summary).not.toMatch(/faster|×/)
    expect(summary).toContain(
      '**Steps were cancelled** (fail-fast cancelled the rest of the run): the times above are partial.'
    )
  })

  it('says which steps were cancelled while running, and after how long; only the others were not started', () => {
    const summary = summaryOfRun(true)
    expect(summary).toContain(
      '**Cancelled while running:** `a` after 3\\.2s \\(ended by SIGTERM\\), `b` after 3\\.2s \\(ended by SIGKILL\\)'
    )
    expect(summary).toContain('**Not started:** `c` (the run was cancelled \\(SIGINT\\))')
    expect(summary).toContain(nb('| ⊘~cancelled | `b` | — | +0ms | 3.2s |'))
    expect(summary).toContain(nb('| ⊘~not~started | `c` | `a` | — |'))
  })
})

describe('the summary of a merge of shards’ records', () => {
  // Two shards: each ran `install`, then its share; shard 2 started 1 s after shard 1.
  const shard = (n: number, test: string, end: number): RunRecord =>
    runRecord([
      stepRecord('install', 'success', 0, [attemptRecord(1, 0, 1000)]),
      stepRecord(test, 'success', 1000, [attemptRecord(1, 1000, end)], { needs: ['install'] })
    ])
  const model = joinShards(
    [
      summaryModelOf(shard(1, 'unit', 3000), undefined, { shard: 1, offsetMs: 0 }),
      summaryModelOf(shard(2, 'e2e', 5000), undefined, { shard: 2, offsetMs: 1000 })
    ],
    { listed: [], unlisted: 0 }
  )
  const summary = buildSummary(model)

  it('draws every section from the records alone: a shard column, a timeline section per shard and slot', () => {
    expect(summary).toContain('**6.0s** of wall-clock time for **8.0s** of step time')
    expect(summary).toContain('with 4 slots')
    expect(summary).toContain('| Status | Step | Needs | Shard | Start | Duration |')
    expect(summary).toContain(
      nb('| ✓~success | ◆~`e2e` | `install` | 2 | +2.0s | 4.0s | 0ms | 1 | 1 |')
    )
    expect(summary).toContain('  section Shard 1<br>slot 1\n  ✓ install :done, 0, 1000')
    expect(summary).toContain('  section Shard 2<br>slot 1\n  ✓ install :active, 1000, 2000')
  })

  it('follows the needs within a shard for the critical path', () => {
    expect(summary).toContain('from the start: `install` → `e2e`')
  })
})

describe('buildSummary with a service', () => {
  it('draws a service in a section of its own, with its ready moment', () => {
    const summary = summaryOf(
      runRecord([
        stepRecord('db', 'success', 0, [attemptRecord(0, 0, 900)], { 'service-ready-ms': 250 }),
        stepRecord('t', 'success', 250, [attemptRecord(1, 250, 850)], { needs: ['db'] })
      ])
    )
    expect(summary).toContain(
      ['  section Services', '  ◔ db starting :done, 0, 250', '  ✓ db :active, 250, 900'].join('\n')
    )
    expect(summary).toContain('  section Slot 1\n  ✓ t :active, 250, 850')
    // On the critical path, a service counts until it was ready, not while it served.
    expect(summary).toContain('from the start: `db` → `t`')
    // Step time: the service until it was ready (250 ms) and `t` (600 ms); in the slots,
    // one step at a time.
    expect(summary).toContain(
      '**900ms** of wall-clock time for **850ms** of step time, with 2 slots (at most 1 running at once).'
    )
  })

  it('says why a service failed, not the SIGTERM that stopped it', () => {
    const summary = summaryOf(
      runRecord([
        stepRecord(
          'db',
          'failure',
          0,
          [attemptRecord(0, 0, 1200, 'failure', { 'exit-code': null, signal: 'SIGTERM' })],
          {
            'service-ready-ms': null,
            reason: 'not ready within 0.02 minutes: port 5432 never accepted a connection'
          }
        ),
        stepRecord('t', 'skipped', 1200, [], {
          needs: ['db'],
          reason: 'needs `db`, which failed',
          'skipped-because-of': 'db'
        })
      ])
    )
    expect(summary).toContain(
      '#### ✗ `db`: failed: not ready within 0\\.02 minutes: port 5432 never accepted a connection after 1.2s'
    )
  })
})
