import { describe, expect, it } from 'vitest'
import type { StepGraph } from '../../src/graph/load.js'
import type { Attempt, RunResult, StepResult } from '../../src/scheduler/results.js'
import { buildSummary, SUMMARY_BUDGET, type SummaryInput } from '../../src/report/summary.js'
import { graphOf } from '../helpers/processes.js'

function attempt(
  slot: number,
  startedAt: number,
  endedAt: number,
  status: Attempt['status'],
  exitCode = 0,
  n = 1
): Attempt {
  return {
    attempt: n,
    slot,
    startedAt,
    endedAt,
    startedAtWall: 1_700_000_000_000 + startedAt,
    status,
    exit: { exitCode: status === 'success' ? 0 : exitCode, signal: null }
  }
}

function input(
  graph: StepGraph,
  results: StepResult[],
  overrides: Partial<SummaryInput> = {}
): SummaryInput {
  const run: RunResult = {
    results,
    startedAt: 0,
    endedAt: Math.max(...results.flatMap(r => r.attempts.map(a => a.endedAt)), 0),
    startedAtWall: 1_700_000_000_000,
    cancelled: false
  }
  return {
    graph,
    run,
    slots: 2,
    lastLines: () => [],
    stepSummaries: () => '',
    droppedAnnotations: [],
    ...overrides
  }
}

const graph = await graphOf(`
build: {name: "Build <it>", run: x}
unit: {needs: build, run: x}
lint: {run: x}
deploy: {needs: unit, run: x}
`)

const results: StepResult[] = [
  { step: 0, status: 'success', attempts: [attempt(1, 0, 1000, 'success')], readyAt: 0 },
  { step: 1, status: 'failure', attempts: [attempt(1, 1000, 4000, 'failure', 7)], readyAt: 1000 },
  {
    step: 2,
    status: 'success',
    attempts: [attempt(2, 0, 300, 'failure', 1), attempt(2, 1300, 1500, 'success', 0, 2)],
    readyAt: 0
  },
  {
    step: 3,
    status: 'skipped',
    attempts: [],
    readyAt: 4000,
    reason: 'needs `unit`, which failed',
    skippedBecauseOf: 1
  }
]

describe('buildSummary', () => {
  const summary = buildSummary(
    input(graph, results, {
      lastLines: step =>
        step === 1
          ? ['FAIL parser.test.ts', '  expected <b>1</b> got 2', '\u001b[31mred\u001b[0m']
          : [],
      stepSummaries: step =>
        step === 0 ? '| artifact | size |\n| --- | --- |\n| app.js | 12 kB |\n' : ''
    })
  )

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

  it('shows each failure with how it ended, its last lines escaped, and what it caused to be skipped', () => {
    expect(summary).toContain('#### ✗ `unit`: exit code 7 after 3.0s')
    expect(summary).toContain('Skipped because of it: `deploy`')
    expect(summary).toContain(
      '<pre>FAIL parser.test.ts\n  expected &lt;b&gt;1&lt;/b&gt; got 2\nred</pre>'
    )
  })

  it('lists every step with needs, start, duration, queue wait, slot and attempts', () => {
    expect(summary).toContain(
      '| ✓ success | Build &lt;it&gt; (`build`) | — | +0ms | 1.0s | 0ms | 1 | 1 |'
    )
    expect(summary).toContain('| ✗ failure | `unit` | `build` | +1.0s | 3.0s | 0ms | 1 | 1 |')
    expect(summary).toContain('| ✓ success | `lint` | — | +0ms | 1.5s | 0ms | 2 | 2 |')
    expect(summary).toContain('| ↷ skipped | `deploy` | `unit` | — | — | — | — | 0 |')
  })

  it('draws a gantt with a section per slot, failures as crit and the critical path highlighted', () => {
    expect(summary).toContain(
      [
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %S.%Ls',
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

  it('names the critical path by duration, leaving out steps that never ran', () => {
    expect(summary).toContain(
      '**Critical path** (2 steps, 4.0s of the 4.0s wall-clock time): `build` → `unit`'
    )
  })

  it('includes a step’s own summary as Markdown under its name', () => {
    expect(summary).toContain('### From Build &lt;it&gt; (`build`)\n\n| artifact | size |')
  })

  it('stays under the 1 MiB limit with 50 failures of 100 KB each, cutting the least important first', async () => {
    const many = await graphOf(Array.from({ length: 50 }, (_, i) => `s${i}: {run: x}`).join('\n'))
    const failed: StepResult[] = Array.from({ length: 50 }, (_, i) => ({
      step: i,
      status: 'failure',
      attempts: [attempt((i % 4) + 1, i * 10, i * 10 + 5, 'failure', 1)],
      readyAt: 0
    }))
    const longLine = 'x'.repeat(5000)
    const text = buildSummary(
      input(many, failed, {
        lastLines: (_step, n) => Array.from({ length: Math.min(n, 20) }, () => longLine),
        stepSummaries: () => 'y'.repeat(100 * 1024)
      })
    )
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_BUDGET)
    expect(text).toContain(
      "_This summary was shortened to fit GitHub's 1 MiB limit: the steps’ own summaries"
    )
    // Every failure is still there, with its heading.
    for (let i = 0; i < 50; i++) expect(text).toContain(`#### ✗ \`s${i}\`: exit code 1`)
  })
})

describe('buildSummary of a cancelled run', () => {
  // Two steps ran side by side and were cancelled after 3.2 s (one needed SIGKILL); a
  // third, which needed the first, never started.
  const cancelledAttempt = (slot: number, signal: NodeJS.Signals): Attempt => ({
    ...attempt(slot, 0, 3200, 'cancelled'),
    exit: { exitCode: null, signal }
  })
  const cancelledGraph = graphOf('a: {run: x}\nb: {run: x}\nc: {needs: a, run: x}')
  const cancelledResults: StepResult[] = [
    { step: 0, status: 'cancelled', attempts: [cancelledAttempt(1, 'SIGTERM')], readyAt: 0 },
    { step: 1, status: 'cancelled', attempts: [cancelledAttempt(2, 'SIGKILL')], readyAt: 0 },
    {
      step: 2,
      status: 'cancelled',
      attempts: [],
      readyAt: null,
      reason: 'not started: the run was cancelled (SIGINT)'
    }
  ]
  const summaryOf = async (cancelled: boolean): Promise<string> => {
    const base = input(await cancelledGraph, cancelledResults)
    return buildSummary({ ...base, run: { ...base.run, cancelled } })
  }

  it('claims no speed-up, and says the times are partial', async () => {
    const summary = await summaryOf(true)
    expect(summary).toContain('## stepgraph: ⊘ 3 cancelled (1 never started)')
    expect(summary).toContain(
      '**3.2s** of wall-clock time for **6.4s** of step time, with 2 slots (at most 2 running at once).'
    )
    expect(summary).not.toMatch(/faster|×/)
    expect(summary).toContain(
      '**The run was cancelled**: unfinished steps are marked cancelled, and the times above are partial.'
    )
  })

  it('claims no speed-up when fail-fast cancelled steps either', async () => {
    const summary = await summaryOf(false)
    expect(summary).not.toMatch(/faster|×/)
    expect(summary).toContain(
      '**Steps were cancelled** (fail-fast cancelled the rest of the run): the times above are partial.'
    )
  })

  it('says which steps were cancelled while running, and after how long; only the others were not started', async () => {
    const summary = await summaryOf(true)
    expect(summary).toContain(
      '**Cancelled while running:** `a` after 3\\.2s \\(ended by SIGTERM\\), `b` after 3\\.2s \\(ended by SIGKILL\\)'
    )
    expect(summary).toContain('**Not started:** `c` (the run was cancelled \\(SIGINT\\))')
    expect(summary).toContain('| ⊘ cancelled after 3\\.2s \\(ended by SIGTERM\\) | `a` |')
    expect(summary).toContain('| ⊘ cancelled, not started | `c` |')
    expect(summary.match(/not started/gi)).toHaveLength(2)
  })
})

describe('buildSummary with a service', () => {
  it('draws a service in a section of its own, with its ready moment', async () => {
    const withService = await graphOf('db: {run: x, service: true}\nt: {needs: db, run: x}')
    const summary = buildSummary(
      input(withService, [
        {
          step: 0,
          status: 'success',
          attempts: [attempt(0, 0, 900, 'success')],
          readyAt: 0,
          serviceReadyAt: 250
        },
        { step: 1, status: 'success', attempts: [attempt(1, 250, 850, 'success')], readyAt: 250 }
      ])
    )
    expect(summary).toContain(
      ['  section Services', '  ◔ db starting :done, 0, 250', '  ✓ db :active, 250, 900'].join('\n')
    )
    expect(summary).toContain('  section Slot 1\n  ✓ t :active, 250, 850')
    // On the critical path, a service counts until it was ready, not while it served.
    expect(summary).toContain('**Critical path** (2 steps, 850ms of the 900ms wall-clock time)')
  })

  it('says why a service failed, not the SIGTERM that stopped it', async () => {
    const withService = await graphOf('db: {run: x, service: true}\nt: {needs: db, run: x}')
    const db: StepResult = {
      step: 0,
      status: 'failure',
      attempts: [
        { ...attempt(0, 0, 1200, 'failure'), exit: { exitCode: null, signal: 'SIGTERM' } }
      ],
      readyAt: 0,
      serviceReadyAt: null,
      reason: 'not ready within 0.02 minutes: port 5432 never accepted a connection'
    }
    const skipped: StepResult = {
      step: 1,
      status: 'skipped',
      attempts: [],
      readyAt: 1200,
      reason: 'needs `db`, which failed',
      skippedBecauseOf: 0
    }
    const summary = buildSummary(input(withService, [db, skipped]))
    expect(summary).toContain(
      '#### ✗ `db`: failed: not ready within 0\\.02 minutes: port 5432 never accepted a connection after 1.2s'
    )
  })
})
