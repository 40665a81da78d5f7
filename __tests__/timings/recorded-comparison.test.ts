import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import { notablyOff, timingsComparison } from '../../src/report/summary-timings.js'
import type { RunResult, StepResult } from '../../src/scheduler/results.js'

async function graphOf(yaml: string): Promise<StepGraph> {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

/** Every step succeeded, one after the other, step v taking ms[v]. */
function sequentialRun(ms: readonly number[]): RunResult {
  let at = 0
  const results: StepResult[] = ms.map((duration, step) => {
    const startedAt = at
    at += duration
    return {
      step,
      status: 'success',
      readyAt: startedAt,
      attempts: [
        {
          attempt: 1,
          slot: 1,
          startedAt,
          endedAt: at,
          startedAtWall: 0,
          status: 'success',
          exit: { exitCode: 0, signal: null }
        }
      ]
    }
  })
  return { results, startedAt: 0, endedAt: at, startedAtWall: 0, cancelled: false }
}

describe('the summary against the recorded runs', () => {
  it('names the steps notably slower and faster than their record, and the estimated ones', async () => {
    const graph = await graphOf(
      'build: {run: x}\ntest: {run: x}\nlint: {run: x}\nsteady: {run: x}\nnew: {run: x}'
    )
    const recorded = {
      steps: new Map([
        ['build', [10_000, 10_000, 60_000]],
        ['test', [20_000, 21_000, 19_000]],
        ['lint', [100]],
        ['steady', [30_000]]
      ])
    }
    const section = timingsComparison({
      graph,
      run: sequentialRun([31_000, 8000, 900, 31_000, 500]),
      slots: 1,
      recorded
    })
    expect(section).toContain('### Against the recorded runs')
    // 1 slot: every expected duration end to end (the new step: the median, 15 s).
    expect(section).toContain(
      'This run took **1m 11s**; the recorded durations expected **1m 15s** with 1 slot.'
    )
    expect(section).toContain('No record yet for 1 step (`new`): it was expected to take 15.0s')
    expect(section).toContain('| `build` | 31.0s (3.1×) | 10.0s | 3 |')
    expect(section).toContain('| `test` | 8.0s (0.4×) | 20.0s | 3 |')
    // 9× its record, but 800 ms is the noise of a busy runner; 1 s over 30 s is no change.
    expect(section).not.toContain('`lint`')
    expect(section).not.toContain('`steady`')
    expect(section?.indexOf('Notably slower')).toBeLessThan(section?.indexOf('`build`') ?? 0)
    expect(section?.indexOf('Notably faster')).toBeLessThan(section?.indexOf('`test`') ?? 0)
  })

  it('is left out of a first run, and of a run that keeps no timings', async () => {
    const graph = await graphOf('a: {run: x}')
    const run = sequentialRun([5])
    expect(timingsComparison({ graph, run, slots: 1 })).toBeNull()
    expect(timingsComparison({ graph, run, slots: 1, recorded: { steps: new Map() } })).toBeNull()
  })

  it('counts a step notably off only beyond both half its median and 2 s', () => {
    expect(notablyOff(400, 200)).toBeUndefined()
    expect(notablyOff(31_000, 30_000)).toBeUndefined()
    expect(notablyOff(16_000, 10_000)).toBe('slower')
    expect(notablyOff(4000, 10_000)).toBe('faster')
  })
})
