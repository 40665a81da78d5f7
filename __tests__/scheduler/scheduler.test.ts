import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import type { RunResult } from '../../src/scheduler/results.js'
import {
  MultiprocessScheduler,
  type SchedulerObserver,
  type SchedulerOptions
} from '../../src/scheduler/scheduler.js'
import { FakeClock, FakeWorkers, type FakeBehaviour } from '../helpers/fake-scheduling.js'

async function graphOf(yaml: string): Promise<StepGraph> {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

interface Scenario {
  readonly graph: StepGraph
  readonly clock: FakeClock
  readonly workers: FakeWorkers
  readonly scheduler: MultiprocessScheduler
  readonly finished: number[]
}

/** A scheduler over fake workers; `behaviour` is by step id and attempt (default: 10 ms, exit 0). */
async function scenario(
  yaml: string,
  behaviour: Record<string, FakeBehaviour | ((attempt: number) => FakeBehaviour)> = {},
  options: Partial<SchedulerOptions> = {},
  observer: SchedulerObserver = {}
): Promise<Scenario> {
  const graph = await graphOf(yaml)
  const clock = new FakeClock()
  const workers = new FakeWorkers(clock, (step, attempt) => {
    const chosen = behaviour[graph.steps[step]?.id ?? '']
    if (typeof chosen === 'function') return chosen(attempt)
    return chosen ?? { durationMs: 10 }
  })
  const finished: number[] = []
  const scheduler = new MultiprocessScheduler(
    graph.dag,
    graph.steps,
    workers,
    clock,
    { slots: 2, failFast: false, ...options },
    {
      ...observer,
      stepFinished: result => {
        finished.push(result.step)
        observer.stepFinished?.(result)
      }
    }
  )
  return { graph, clock, workers, scheduler, finished }
}

/** Step id -> status. */
function statuses(graph: StepGraph, run: RunResult): Record<string, string> {
  return Object.fromEntries(
    run.results.map(r => [graph.steps[r.step]?.id ?? '?', r.status] as const)
  )
}

function startTimes(s: Scenario): Record<string, number> {
  return Object.fromEntries(
    s.workers.events
      .filter(e => e.kind === 'start')
      .map(e => [s.graph.steps[e.step]?.id ?? '?', e.at] as const)
  )
}

describe('MultiprocessScheduler', () => {
  it('runs a diamond, each step starting the moment its needs end', async () => {
    const s = await scenario(
      'a: {run: x}\nb: {needs: a, run: x}\nc: {needs: a, run: x}\nd: {needs: [b, c], run: x}',
      {
        a: { durationMs: 100 },
        b: { durationMs: 50 },
        c: { durationMs: 70 }
      }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({
      a: 'success',
      b: 'success',
      c: 'success',
      d: 'success'
    })
    expect(startTimes(s)).toEqual({ a: 0, b: 100, c: 100, d: 170 })
    expect(run.endedAt).toBe(180)
  })

  it('shows no poll-interval wait along a chain of 200 steps', async () => {
    const yaml = Array.from(
      { length: 200 },
      (_, i) => `s${i}: {run: x${i > 0 ? `, needs: s${i - 1}` : ''}}`
    ).join('\n')
    const s = await scenario(yaml, {}, { slots: 1 })
    const run = await s.scheduler.run()
    // Each of the 200 steps takes 10 ms: any lag between an end and the next start shows here.
    expect(run.endedAt).toBe(2000)
  })

  it('gives dependents of a failed step `skipped` with the reason, through a chain', async () => {
    const s = await scenario(
      'a: {run: x}\nb: {needs: a, run: x}\nc: {needs: b, run: x}\nd: {run: x}',
      {
        a: { durationMs: 10, exitCode: 2 }
      }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({
      a: 'failure',
      b: 'skipped',
      c: 'skipped',
      d: 'success'
    })
    expect(run.results[1]).toMatchObject({ reason: 'needs `a`, which failed', skippedBecauseOf: 0 })
    expect(run.results[2]).toMatchObject({
      reason: 'needs `b`, which was skipped after a failure',
      skippedBecauseOf: 0
    })
  })

  it('runs `if: failure()` steps when a need failed, even through a skipped step', async () => {
    const s = await scenario(
      'a: {run: x}\nb: {needs: a, run: x}\nnotify: {needs: b, if: failure(), run: x}\n' +
        'cleanup: {needs: a, if: always(), run: x}\nok: {run: x}\nonfail: {needs: ok, if: failure(), run: x}',
      { a: { durationMs: 10, exitCode: 1 } }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({
      a: 'failure',
      b: 'skipped',
      notify: 'success',
      cleanup: 'success',
      ok: 'success',
      onfail: 'skipped'
    })
    expect(run.results[5]?.reason).toBe('`if: failure()` and no step it needs failed')
  })

  it('lets dependents of a continue-on-error step run as if it had succeeded', async () => {
    const s = await scenario('a: {run: x, continue-on-error: true}\nb: {needs: a, run: x}', {
      a: { durationMs: 10, exitCode: 1 }
    })
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({ a: 'failure', b: 'success' })
  })

  it('skips dependents of a step that was skipped without a failure', async () => {
    const s = await scenario(
      'ok: {run: x}\nonfail: {needs: ok, if: failure(), run: x}\nafter: {needs: onfail, run: x}'
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({ ok: 'success', onfail: 'skipped', after: 'skipped' })
    expect(run.results[2]?.reason).toBe('needs `onfail`, which was skipped')
    expect(run.results[2]?.skippedBecauseOf).toBeUndefined()
  })

  it('retries a failed step after a backoff, without holding its slot', async () => {
    const s = await scenario(
      'flaky: {run: x, retries: 2}\nother: {run: x}',
      {
        flaky: attempt => ({ durationMs: 10, exitCode: attempt < 3 ? 1 : 0 }),
        other: { durationMs: 1500 }
      },
      { slots: 2, retryBackoffMs: attempt => 1000 * attempt }
    )
    const run = await s.scheduler.run()
    expect(run.results[0]?.status).toBe('success')
    expect(run.results[0]?.attempts.map(a => [a.attempt, a.startedAt, a.status])).toEqual([
      [1, 0, 'failure'],
      [2, 1010, 'failure'],
      [3, 3020, 'success']
    ])
  })

  it('ends `failure` when the retries run out', async () => {
    const s = await scenario('a: {run: x, retries: 1}\nb: {needs: a, run: x}', {
      a: { durationMs: 5, exitCode: 3 }
    })
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({ a: 'failure', b: 'skipped' })
    expect(run.results[0]?.attempts).toHaveLength(2)
  })

  it('times a step out: SIGTERM, then SIGKILL after the grace period', async () => {
    const s = await scenario(
      'slow: {run: x, timeout-minutes: 0.001}\ntrapper: {run: x, timeout-minutes: 0.002}',
      { slow: { durationMs: 10_000 }, trapper: { durationMs: 10_000, trapsTerm: true } },
      { timeoutGraceMs: 500 }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({ slow: 'timed-out', trapper: 'timed-out' })
    expect(s.workers.stops).toEqual([
      { step: 0, attempt: 1, at: 60, graceMs: 500 },
      { step: 1, attempt: 1, at: 120, graceMs: 500 }
    ])
    expect(run.results[1]?.attempts[0]?.endedAt).toBe(620)
  })

  it('retries a step that timed out', async () => {
    const s = await scenario('a: {run: x, timeout-minutes: 0.001, retries: 1}', {
      a: attempt => ({ durationMs: attempt === 1 ? 10_000 : 10 })
    })
    const run = await s.scheduler.run()
    expect(run.results[0]?.attempts.map(a => a.status)).toEqual(['timed-out', 'success'])
    expect(run.results[0]?.status).toBe('success')
  })

  it('fail-fast starts nothing new and cancels the running steps', async () => {
    const s = await scenario(
      'bad: {run: x}\nlong: {run: x}\nlater: {needs: long, run: x}\nwaiting: {run: x}',
      { bad: { durationMs: 10, exitCode: 1 }, long: { durationMs: 10_000 } },
      { slots: 2, failFast: true, cancelGraceMs: 100 }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({
      bad: 'failure',
      long: 'cancelled',
      later: 'cancelled',
      waiting: 'cancelled'
    })
    expect(run.results[3]?.reason).toBe('not started: fail-fast: `bad` failed')
    expect(s.workers.stops).toEqual([{ step: 1, attempt: 1, at: 10, graceMs: 100 }])
    expect(run.cancelled).toBe(false)
  })

  it('does not fail fast on a failure that will be retried, nor on continue-on-error', async () => {
    const s = await scenario(
      'flaky: {run: x, retries: 1}\ntolerated: {run: x, continue-on-error: true}\nlong: {run: x}',
      {
        flaky: attempt => ({ durationMs: 10, exitCode: attempt === 1 ? 1 : 0 }),
        tolerated: { durationMs: 5, exitCode: 1 },
        long: { durationMs: 3000 }
      },
      { slots: 3, failFast: true, retryBackoffMs: () => 100 }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({
      flaky: 'success',
      tolerated: 'failure',
      long: 'success'
    })
  })

  it('cancel() ends running steps as cancelled, and nothing else starts', async () => {
    const s = await scenario(
      'a: {run: x}\nb: {needs: a, run: x}\nc: {run: x}',
      { a: { durationMs: 5000 }, c: { durationMs: 5000, trapsTerm: true } },
      { cancelGraceMs: 2500 },
      {
        pollRound: now => {
          if (now >= 100 && !cancelled) {
            cancelled = true
            s.scheduler.cancel()
          }
        }
      }
    )
    let cancelled = false
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({ a: 'cancelled', b: 'cancelled', c: 'cancelled' })
    expect(run.cancelled).toBe(true)
    expect(run.results[1]?.reason).toBe('not started: the run was cancelled')
    // The TERM-trapping step is killed at the end of the grace period.
    expect(run.endedAt).toBe(100 + 2500)
  })

  it('starts the ready step with the longest chain ahead first, declaration order breaking ties', async () => {
    const s = await scenario(
      'single: {run: x}\nhead: {run: x}\nmid: {needs: head, run: x}\ntail: {needs: mid, run: x}\nother: {run: x}',
      {},
      { slots: 1 }
    )
    await s.scheduler.run()
    const order = s.workers.events
      .filter(e => e.kind === 'start')
      .map(e => s.graph.steps[e.step]?.id)
    // After `mid`, `single`, `tail` and `other` each have one step ahead: declaration order.
    expect(order).toEqual(['head', 'mid', 'single', 'tail', 'other'])
  })

  it('reports a step that could not start as a failure', async () => {
    const s = await scenario('a: {run: x}\nb: {needs: a, run: x}', {
      a: { durationMs: 0, exitCode: undefined, error: 'shell `fish` was not found' }
    })
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({ a: 'failure', b: 'skipped' })
  })

  it('reports death by signal as a failure', async () => {
    const s = await scenario('a: {run: x}', { a: { durationMs: 5, signal: 'SIGSEGV' } })
    const run = await s.scheduler.run()
    expect(run.results[0]?.status).toBe('failure')
    expect(run.results[0]?.attempts[0]?.exit).toEqual({ exitCode: null, signal: 'SIGSEGV' })
  })

  it('records when each step became ready, for queue waits', async () => {
    const s = await scenario(
      'a: {run: x}\nb: {run: x}\nc: {run: x}',
      { a: { durationMs: 100 } },
      { slots: 1 }
    )
    const run = await s.scheduler.run()
    expect(run.results.map(r => [r.readyAt, r.attempts[0]?.startedAt])).toEqual([
      [0, 0],
      [0, 100],
      [0, 110]
    ])
  })
})
