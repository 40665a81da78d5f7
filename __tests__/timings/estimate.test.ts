import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import { MultiprocessScheduler } from '../../src/scheduler/scheduler.js'
import { RunEstimate, remainingText } from '../../src/timings/estimate.js'
import { timePriorities } from '../../src/timings/expected-durations.js'
import { FakeClock, FakeWorkers } from '../helpers/fake-scheduling.js'

async function graphOf(yaml: string): Promise<StepGraph> {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

const YAML = [
  'a: {run: "true"}',
  'b: {needs: a, run: "true"}',
  'c: {run: "true"}',
  'd: {run: "true"}',
  'e: {needs: [b, c], run: "true"}'
].join('\n')

/**
 * A run over fake workers whose steps take `actual`, with an estimate that expects
 * `expected`: the estimate's answer (ms, overdue) at every start and end of an attempt.
 */
async function estimatesDuring(
  actual: readonly number[],
  expected: readonly number[]
): Promise<{ at: number; ms: number; overdue: boolean; endedAt: number }[]> {
  const graph = await graphOf(YAML)
  const clock = new FakeClock()
  const workers = new FakeWorkers(clock, step => ({ durationMs: actual[step] ?? 0 }))
  const durations = Float64Array.from(expected)
  const priorities = timePriorities(graph.dag, durations)
  const estimate = new RunEstimate(graph.dag, durations, priorities, 2)
  const seen: { at: number; ms: number; overdue: boolean }[] = []
  const look = (): void => {
    seen.push({ at: clock.now(), ...estimate.remaining(clock.now()) })
  }
  const scheduler = new MultiprocessScheduler(
    graph.dag,
    graph.steps,
    workers,
    clock,
    { slots: 2, failFast: false, priorities },
    {
      attemptStarted: event => {
        estimate.observer.attemptStarted?.(event)
        look()
      },
      attemptEnded: event => {
        estimate.observer.attemptEnded?.(event)
        look()
      },
      stepFinished: result => {
        estimate.observer.stepFinished?.(result)
        look()
      }
    }
  )
  const run = await scheduler.run()
  return seen.map(s => ({ ...s, endedAt: run.endedAt }))
}

describe('the estimate of the time left', () => {
  it('is exact at every event when every step takes what was recorded', async () => {
    const durations = [1000, 2000, 1500, 500, 700]
    const seen = await estimatesDuring(durations, durations)
    expect(seen.length).toBeGreaterThan(10)
    for (const { at, ms, endedAt } of seen) expect(ms).toBe(endedAt - at)
    // Before anything ran: the simulated schedule's wall time.
    expect(seen[0]).toMatchObject({ at: 0, ms: 3700, overdue: false })
  })

  it('follows a slower run: what has started counts from its real start', async () => {
    // `a` takes 3 s instead of 1 s: once it has ended, the estimate is exact again.
    const seen = await estimatesDuring([3000, 2000, 1500, 500, 700], [1000, 2000, 1500, 500, 700])
    const afterA = seen.filter(s => s.at >= 3000)
    expect(afterA.length).toBeGreaterThan(0)
    for (const { at, ms, endedAt } of afterA) expect(ms).toBe(endedAt - at)
  })

  it('says when the run goes on longer than the record, rather than making up a time', async () => {
    const graph = await graphOf('slow: {run: "true"}')
    const estimate = new RunEstimate(graph.dag, [1000], [1000], 1)
    estimate.observer.attemptStarted?.({ step: 0, slot: 1, attempt: 1, at: 0, wallTime: 0 })
    expect(estimate.remaining(400)).toEqual({ ms: 600, overdue: false })
    const late = estimate.remaining(5000)
    expect(late).toEqual({ ms: 0, overdue: true })
    expect(remainingText(late)).toBe('longer than the recorded runs')
    expect(remainingText({ ms: 80_000, overdue: false })).toBe('about 1m 20s left')
    expect(remainingText({ ms: 200, overdue: false })).toBe('less than 1s left')
  })
})
