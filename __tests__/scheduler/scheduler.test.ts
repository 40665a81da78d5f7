import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import type { RunResult } from '../../src/scheduler/results.js'
import {
  MultiprocessScheduler,
  type SchedulerObserver,
  type SchedulerOptions
} from '../../src/scheduler/scheduler.js'
import {
  FakeClock,
  FakeWorkers,
  type FakeBehaviour,
  type FakeWorkersOptions
} from '../helpers/fake-scheduling.js'

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
  observer: SchedulerObserver = {},
  workerOptions: FakeWorkersOptions = {}
): Promise<Scenario> {
  const graph = await graphOf(yaml)
  const clock = new FakeClock()
  const workers = new FakeWorkers(
    clock,
    (step, attempt) => {
      const chosen = behaviour[graph.steps[step]?.id ?? '']
      if (typeof chosen === 'function') return chosen(attempt)
      return chosen ?? { durationMs: 10 }
    },
    workerOptions
  )
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

  it('takes any slot count, using no more slots than there are steps', async () => {
    // A table of 2^53-1 (or a billion) slots cannot be allocated: the scheduler sizes it
    // by the steps, which is all that can ever run at once.
    const s = await scenario(
      'a: {run: x}\nb: {run: x}\nc: {needs: a, run: x}',
      {},
      {
        slots: Number.MAX_SAFE_INTEGER
      }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({ a: 'success', b: 'success', c: 'success' })
    const slots = run.results.flatMap(r => r.attempts.map(a => a.slot))
    expect(Math.max(...slots)).toBeLessThanOrEqual(3)
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

  it('never has a step ready after it started, when time passes between readings of the clock', async () => {
    // A real clock moves between two readings; this one moves 1 ms at each reading. A step
    // released by a skip in the same round that starts it used to get a readiness time
    // read after its start, and a negative queue wait in the summary.
    const s = await scenario(
      'a: {run: x}\nb: {needs: a, run: x}\nc: {needs: b, if: always(), run: x}',
      { a: { durationMs: 10, exitCode: 1 } }
    )
    const read = s.clock.now.bind(s.clock)
    s.clock.now = () => {
      s.clock.time += 1
      return read()
    }
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({ a: 'failure', b: 'skipped', c: 'success' })
    for (const result of run.results) {
      const first = result.attempts[0]
      if (first && result.readyAt !== null)
        expect(first.startedAt - result.readyAt).toBeGreaterThanOrEqual(0)
      for (const attempt of result.attempts)
        expect(attempt.endedAt - attempt.startedAt).toBeGreaterThanOrEqual(0)
    }
  })

  // Fail-fast and cancellation decide the status only of steps still running: a step whose
  // process had already ended keeps the status of its exit, whatever its slot.
  describe.each([
    ['workers that report their exit early (hasExited)', true],
    ['workers known to have ended only through poll', false]
  ])('a real exit always wins, with %s', (_, reportExit) => {
    const failFast = { slots: 4, failFast: true, cancelGraceMs: 100 }

    /** The same graph with two steps declared in either order, so they swap slots. */
    const bothOrders = (first: string, second: string, rest: string): [string, string][] => [
      ['in slot order', `${first}\n${second}\n${rest}`],
      ['in reverse slot order', `${second}\n${first}\n${rest}`]
    ]

    it.each(bothOrders('a: {run: x}', 'b: {run: x}', 'long: {run: x}\nwaiting: {run: x}'))(
      'two steps failing in the same scan both end `failure` (%s)',
      async (_, yaml) => {
        const s = await scenario(
          yaml,
          {
            a: { durationMs: 10, exitCode: 1 },
            b: { durationMs: 10, exitCode: 2 },
            long: { durationMs: 10_000 }
          },
          { ...failFast, slots: 3 },
          {},
          { reportExit }
        )
        const run = await s.scheduler.run()
        expect(statuses(s.graph, run)).toEqual({
          a: 'failure',
          b: 'failure',
          long: 'cancelled',
          waiting: 'cancelled'
        })
        const first = s.graph.steps[0]?.id ?? ''
        const second = s.graph.steps[1]?.id ?? ''
        // Both are named, in declaration order whatever their slots.
        expect(run.results[3]?.reason).toBe(
          `not started: fail-fast: \`${first}\` failed, \`${second}\` failed`
        )
        // Only the step still running was asked to stop.
        expect(s.workers.stops).toEqual([{ step: 2, attempt: 1, at: 10, graceMs: 100 }])
      }
    )

    it.each(bothOrders('bad: {run: x}', 'ok: {run: x}', 'long: {run: x}\nwaiting: {run: x}'))(
      'a step succeeding in the same scan as the first failure stays `success` (%s)',
      async (_, yaml) => {
        const s = await scenario(
          yaml,
          {
            bad: { durationMs: 10, exitCode: 1 },
            ok: { durationMs: 10 },
            long: { durationMs: 10_000 }
          },
          { ...failFast, slots: 3 },
          {},
          { reportExit }
        )
        const run = await s.scheduler.run()
        expect(statuses(s.graph, run)).toEqual({
          bad: 'failure',
          ok: 'success',
          long: 'cancelled',
          waiting: 'cancelled'
        })
        // The two ended in the slots their declaration order gave them.
        expect(run.results.map(r => r.attempts[0]?.slot)).toEqual([1, 2, 3, undefined])
      }
    )

    it.each(
      bothOrders(
        'bad: {run: x}',
        'slow: {run: x, timeout-minutes: 0.001}',
        'long: {run: x}\nwaiting: {run: x}'
      )
    )(
      'a step reaching its timeout in the same scan as the first failure ends `timed-out` (%s)',
      async (_, yaml) => {
        const s = await scenario(
          yaml,
          {
            // The failure and the 60 ms timeout are seen in the same poll round.
            bad: { durationMs: 60, exitCode: 1 },
            slow: { durationMs: 10_000 },
            long: { durationMs: 10_000 }
          },
          { ...failFast, slots: 3, timeoutGraceMs: 500 },
          {},
          { reportExit }
        )
        const run = await s.scheduler.run()
        expect(statuses(s.graph, run)).toEqual({
          bad: 'failure',
          slow: 'timed-out',
          long: 'cancelled',
          waiting: 'cancelled'
        })
        const slow = s.graph.steps.findIndex(step => step.id === 'slow')
        const long = s.graph.steps.findIndex(step => step.id === 'long')
        expect(s.workers.stops).toEqual([
          { step: slow, attempt: 1, at: 60, graceMs: 500 },
          { step: long, attempt: 1, at: 60, graceMs: 100 }
        ])
      }
    )

    it('a step ending `timed-out` and one failing in the same scan keep `timed-out` and `failure`', async () => {
      const s = await scenario(
        'slow: {run: x, timeout-minutes: 0.001}\nbad: {run: x}\nlong: {run: x}',
        {
          slow: { durationMs: 10_000 },
          // SIGTERM at 60 ends `slow` at 61, when `bad` fails: the timed-out step (slot 1)
          // is the first failure of the scan, and must not cancel `bad` (slot 2).
          bad: { durationMs: 61, exitCode: 1 },
          long: { durationMs: 10_000 }
        },
        failFast,
        {},
        { reportExit }
      )
      const run = await s.scheduler.run()
      expect(statuses(s.graph, run)).toEqual({
        slow: 'timed-out',
        bad: 'failure',
        long: 'cancelled'
      })
    })

    it('cancels every step still running, and only those', async () => {
      const s = await scenario(
        'bad: {run: x}\nok: {run: x}\nlong1: {run: x}\nlong2: {run: x, continue-on-error: true}\n' +
          'later: {needs: long1, run: x}',
        {
          bad: { durationMs: 10, exitCode: 1 },
          ok: { durationMs: 10 },
          long1: { durationMs: 10_000 },
          long2: { durationMs: 10_000, trapsTerm: true }
        },
        failFast,
        {},
        { reportExit }
      )
      const run = await s.scheduler.run()
      expect(statuses(s.graph, run)).toEqual({
        bad: 'failure',
        ok: 'success',
        long1: 'cancelled',
        long2: 'cancelled',
        later: 'cancelled'
      })
      expect(s.workers.stops).toEqual([
        { step: 2, attempt: 1, at: 10, graceMs: 100 },
        { step: 3, attempt: 1, at: 10, graceMs: 100 }
      ])
      expect(run.results[2]?.attempts[0]?.exit).toEqual({ exitCode: null, signal: 'SIGTERM' })
      expect(run.results[3]?.attempts[0]?.exit).toEqual({ exitCode: null, signal: 'SIGKILL' })
      expect(run.endedAt).toBe(110)
    })

    it.each(
      bothOrders(
        'bad: {run: x}',
        'flaky: {run: x, retries: 2}',
        'long: {run: x}\nwaiting: {run: x}'
      )
    )(
      'a step with retries left failing in the same scan is not retried and ends `failure` (%s)',
      async (_, yaml) => {
        const retryAts: (number | undefined)[] = []
        const s = await scenario(
          yaml,
          {
            bad: { durationMs: 10, exitCode: 1 },
            flaky: { durationMs: 10, exitCode: 1 },
            long: { durationMs: 10_000 }
          },
          { ...failFast, slots: 3 },
          { attemptEnded: event => retryAts.push(event.retryAt) },
          { reportExit }
        )
        const run = await s.scheduler.run()
        expect(statuses(s.graph, run)).toEqual({
          bad: 'failure',
          flaky: 'failure',
          long: 'cancelled',
          waiting: 'cancelled'
        })
        const flaky = s.graph.steps.findIndex(step => step.id === 'flaky')
        expect(run.results[flaky]).toMatchObject({
          reason: 'not retried: fail-fast: `bad` failed'
        })
        expect(run.results[flaky]?.attempts).toHaveLength(1)
        // No attempt was announced as about to run again.
        expect(retryAts.every(at => at === undefined)).toBe(true)
      }
    )

    it('a step waiting for its retry when fail-fast stops the run keeps its last attempt’s status', async () => {
      const s = await scenario(
        'flaky: {run: x, retries: 1}\nbad: {run: x}\nslow: {run: x, timeout-minutes: 0.001, retries: 1}',
        {
          flaky: { durationMs: 5, exitCode: 1 },
          bad: { durationMs: 80, exitCode: 1 },
          slow: { durationMs: 10_000 }
        },
        { ...failFast, retryBackoffMs: () => 1000 },
        {},
        { reportExit }
      )
      const run = await s.scheduler.run()
      expect(statuses(s.graph, run)).toEqual({
        flaky: 'failure',
        bad: 'failure',
        slow: 'timed-out'
      })
      expect(run.results[0]).toMatchObject({ reason: 'not retried: fail-fast: `bad` failed' })
      expect(run.results[2]).toMatchObject({ reason: 'not retried: fail-fast: `bad` failed' })
    })
  })

  describe('a process that ended while its output still drains keeps the status of its exit', () => {
    it('when fail-fast cancels the others', async () => {
      const s = await scenario(
        'bad: {run: x}\nbroken: {run: x}\nok: {run: x}\nlong: {run: x}',
        {
          bad: { durationMs: 20, exitCode: 1 },
          // Both exited at 10, but a leftover keeps their output open until 40.
          broken: { durationMs: 10, exitCode: 3, drainMs: 30 },
          ok: { durationMs: 10, drainMs: 30 },
          long: { durationMs: 10_000 }
        },
        { slots: 4, failFast: true, cancelGraceMs: 100 }
      )
      const run = await s.scheduler.run()
      expect(statuses(s.graph, run)).toEqual({
        bad: 'failure',
        broken: 'failure',
        ok: 'success',
        long: 'cancelled'
      })
      expect(run.results[1]?.attempts[0]?.exit).toEqual({ exitCode: 3, signal: null })
    })

    it('when the run is cancelled from outside', async () => {
      let cancelled = false
      const s = await scenario(
        'done: {run: x}\nlong: {run: x}',
        { done: { durationMs: 10, drainMs: 500 }, long: { durationMs: 10_000 } },
        { cancelGraceMs: 100 },
        {
          pollRound: now => {
            if (now >= 20 && !cancelled) {
              cancelled = true
              s.scheduler.cancel()
            }
          }
        }
      )
      const run = await s.scheduler.run()
      expect(statuses(s.graph, run)).toEqual({ done: 'success', long: 'cancelled' })
      expect(run.cancelled).toBe(true)
    })

    it('when its deadline passes during the drain', async () => {
      const s = await scenario('a: {run: x, timeout-minutes: 0.001}', {
        a: { durationMs: 50, drainMs: 100 }
      })
      const run = await s.scheduler.run()
      expect(run.results[0]?.status).toBe('success')
    })
  })
})
