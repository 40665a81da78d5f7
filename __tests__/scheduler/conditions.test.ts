import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import { StatusConditions, type StepConditions } from '../../src/scheduler/conditions.js'
import type { RunResult } from '../../src/scheduler/results.js'
import {
  MultiprocessScheduler,
  type SchedulerObserver,
  type SchedulerOptions
} from '../../src/scheduler/scheduler.js'
import { FakeClock, FakeWorkers, type FakeBehaviour } from '../helpers/fake-scheduling.js'

/**
 * `if:` as the scheduler decides it, with fake workers and a fake clock: the status
 * functions (the default `StatusConditions`), `cancelled()` once the run stops, and an
 * `if` that cannot be evaluated (a `StepConditions` given to the scheduler).
 */

interface Scenario {
  readonly graph: StepGraph
  readonly clock: FakeClock
  readonly workers: FakeWorkers
  readonly scheduler: MultiprocessScheduler
}

async function scenario(
  yaml: string,
  behaviour: Record<string, FakeBehaviour | ((attempt: number) => FakeBehaviour)> = {},
  options: Partial<SchedulerOptions> & {
    conditionsFor?: (graph: StepGraph) => StepConditions
  } = {},
  observer: SchedulerObserver = {}
): Promise<Scenario> {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  const graph = loaded.graph
  const clock = new FakeClock()
  const workers = new FakeWorkers(clock, (step, attempt) => {
    const chosen = behaviour[graph.steps[step]?.id ?? '']
    return typeof chosen === 'function' ? chosen(attempt) : (chosen ?? { durationMs: 10 })
  })
  const scheduler = new MultiprocessScheduler(
    graph.dag,
    graph.steps,
    workers,
    clock,
    {
      slots: 4,
      failFast: false,
      cancelGraceMs: 100,
      retryBackoffMs: () => 1000,
      ...options,
      ...(options.conditionsFor && { conditions: options.conditionsFor(graph) })
    },
    observer
  )
  return { graph, clock, workers, scheduler }
}

function statuses(graph: StepGraph, run: RunResult): Record<string, string> {
  return Object.fromEntries(run.results.map(r => [graph.steps[r.step]?.id ?? '?', r.status]))
}

function reasonOf(graph: StepGraph, run: RunResult, id: string): string | undefined {
  return run.results[graph.indexOf.get(id) ?? -1]?.reason
}

const AFTER_A_STOP = `
fails: {run: x}
long: {run: x}
after: {needs: long, run: x}
cleanup: {needs: after, if: cancelled(), run: x}
not-cancelled: {needs: long, if: "\${{ !cancelled() }}", run: x}
always: {needs: long, if: always(), run: x}
`

describe('`if:` as the scheduler decides it', () => {
  it('after fail-fast, only a step whose `if` calls cancelled() starts; the rest is cancelled', async () => {
    // `!cancelled()` is not a bare status call: the scheduler is given how to decide it.
    const s = await scenario(
      AFTER_A_STOP,
      { fails: { durationMs: 10, exitCode: 1 }, long: { durationMs: 10_000 } },
      { failFast: true, conditionsFor: withNotCancelled }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({
      fails: 'failure',
      long: 'cancelled',
      after: 'cancelled',
      cleanup: 'success',
      'not-cancelled': 'skipped',
      always: 'cancelled'
    })
    expect(reasonOf(s.graph, run, 'after')).toBe('not started: fail-fast: `fails` failed')
    expect(reasonOf(s.graph, run, 'always')).toBe('not started: fail-fast: `fails` failed')
    // cleanup starts once `long` has ended, within its cancel grace.
    const cleanupStart = s.workers.events.find(e => e.kind === 'start' && e.step === 3)
    expect(cleanupStart?.at).toBeLessThanOrEqual(10 + 100)
  })

  it('after cancel(), a cancelled() step starts; after killNow(), nothing starts', async () => {
    const yaml = 'long: {run: x}\ncleanup: {needs: long, if: cancelled(), run: x}'
    let cancelled = false
    const s = await scenario(
      yaml,
      { long: { durationMs: 10_000 } },
      {},
      {
        pollRound: now => {
          if (now >= 50 && !cancelled) {
            cancelled = true
            s.scheduler.cancel()
          }
        }
      }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({ long: 'cancelled', cleanup: 'success' })
    expect(run.cancelled).toBe(true)

    let stopped = 0
    const killed = await scenario(
      yaml,
      { long: { durationMs: 10_000, trapsTerm: true } },
      {},
      {
        pollRound: now => {
          if (now >= 50 && stopped === 0) {
            stopped = 1
            killed.scheduler.cancel()
          } else if (now >= 60 && stopped === 1) {
            stopped = 2
            killed.scheduler.killNow()
          }
        }
      }
    )
    const killedRun = await killed.scheduler.run()
    expect(statuses(killed.graph, killedRun)).toEqual({ long: 'cancelled', cleanup: 'cancelled' })
    expect(killed.workers.events.filter(e => e.kind === 'start')).toHaveLength(1)
  })

  it('a stop ends the retries still waiting, so that a cancelled() step after them runs', async () => {
    const s = await scenario(
      'flaky: {retries: 3, run: x}\nfails: {run: x}\ncleanup: {needs: flaky, if: cancelled(), run: x}',
      { flaky: { durationMs: 10, exitCode: 1 }, fails: { durationMs: 20, exitCode: 1 } },
      { failFast: true }
    )
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({
      flaky: 'failure',
      fails: 'failure',
      cleanup: 'success'
    })
    expect(reasonOf(s.graph, run, 'flaky')).toBe('not retried: fail-fast: `fails` failed')
    // Not retried after the stop: the retry, due at 1010 ms, never starts.
    expect(run.results[0]?.attempts).toHaveLength(1)
    expect(run.endedAt).toBeLessThan(1010)
  })

  it('an `if` that cannot be evaluated fails its step: failure() after it runs, fail-fast stops', async () => {
    const yaml =
      'broken: {run: x}\nhandler: {needs: broken, if: failure(), run: x}\nlong: {run: x}\nlater: {needs: handler, run: x}'
    const conditionsFor = (graph: StepGraph): StepConditions => {
      const statusOnly = new StatusConditions(graph.steps)
      return {
        startsWhenStopping: step => statusOnly.startsWhenStopping(step),
        decide: (step, needs, stopping) =>
          step === 0
            ? { run: false, failed: true, reason: '`if: x` could not be evaluated: boom' }
            : statusOnly.decide(step, needs, stopping)
      }
    }
    const s = await scenario(yaml, { long: { durationMs: 10_000 } }, { conditionsFor })
    const run = await s.scheduler.run()
    expect(statuses(s.graph, run)).toEqual({
      broken: 'failure',
      handler: 'success',
      long: 'success',
      later: 'success'
    })
    expect(run.results[0]).toMatchObject({
      attempts: [],
      reason: '`if: x` could not be evaluated: boom'
    })

    const failFast = await scenario(
      yaml,
      { long: { durationMs: 10_000 } },
      {
        conditionsFor,
        failFast: true,
        slots: 1
      }
    )
    const stopped = await failFast.scheduler.run()
    expect(statuses(failFast.graph, stopped)).toMatchObject({
      broken: 'failure',
      long: 'cancelled'
    })
  })

  it('refuses, by default, an `if` that is more than a status function', async () => {
    await expect(scenario("a: {if: github.sha == 'x', run: x}")).rejects.toThrow(
      "`if: github.sha == 'x'` needs the expression evaluator"
    )
  })
})

/** Status functions, and `!cancelled()` for the step named `not-cancelled`. */
function withNotCancelled(graph: StepGraph): StepConditions {
  const notCancelled = graph.indexOf.get('not-cancelled')
  const statusOnly = new StatusConditions(
    graph.steps.map((spec, v) => (v === notCancelled ? { ...spec, if: 'success()' } : spec))
  )
  return {
    startsWhenStopping: step => step === notCancelled || statusOnly.startsWhenStopping(step),
    decide: (step, needs, stopping) => {
      if (step !== notCancelled) return statusOnly.decide(step, needs, stopping)
      return stopping ? { run: false, reason: '`if: !cancelled()` is false' } : { run: true }
    }
  }
}
