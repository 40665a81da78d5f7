import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadStepGraph } from '../../src/graph/load.js'
import { StatusConditions } from '../../src/scheduler/conditions.js'
import { verdictOf, type NeedState } from '../../src/scheduler/policy.js'
import { MultiprocessScheduler } from '../../src/scheduler/scheduler.js'
import type { RunResult } from '../../src/scheduler/results.js'
import {
  FakeClock,
  FakeWorkers,
  type FakeBehaviour,
  type FakeEvent
} from '../helpers/fake-scheduling.js'

interface StepPlan {
  readonly needs: number[]
  readonly condition: 'success()' | 'failure()' | 'always()'
  readonly retries: number
  readonly continueOnError: boolean
  readonly timeoutMs: number | undefined
  /** Behaviour of each attempt, the last one repeating. */
  readonly attempts: FakeBehaviour[]
}

const behaviour: fc.Arbitrary<FakeBehaviour> = fc.record({
  durationMs: fc.integer({ min: 0, max: 60 }),
  exitCode: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1), fc.constant(127)),
  trapsTerm: fc.boolean(),
  drainMs: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 40 }))
})

const stepPlans: fc.Arbitrary<StepPlan[]> = fc.integer({ min: 1, max: 25 }).chain(size =>
  fc.tuple(
    ...Array.from({ length: size }, (_, v) =>
      fc.record({
        needs: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, v - 1) }), {
          maxLength: v === 0 ? 0 : 3
        }),
        condition: fc.constantFrom('success()', 'success()', 'failure()', 'always()'),
        retries: fc.integer({ min: 0, max: 2 }),
        continueOnError: fc.boolean(),
        timeoutMs: fc.option(fc.constantFrom(30, 60, 120), { nil: undefined }),
        attempts: fc.array(behaviour, { minLength: 1, maxLength: 3 })
      })
    )
  )
)

function yamlOf(plans: readonly StepPlan[]): string {
  return plans
    .map((plan, v) =>
      [
        `s${v}:`,
        '  run: x',
        `  if: ${plan.condition}`,
        `  retries: ${plan.retries}`,
        `  continue-on-error: ${plan.continueOnError}`,
        plan.needs.length > 0 ? `  needs: [${plan.needs.map(p => `s${p}`).join(', ')}]` : '',
        plan.timeoutMs !== undefined ? `  timeout-minutes: ${plan.timeoutMs / 60_000}` : ''
      ]
        .filter(Boolean)
        .join('\n')
    )
    .join('\n')
}

const TIMEOUT_GRACE_MS = 25
const CANCEL_GRACE_MS = 15

interface Outcome {
  readonly run: RunResult
  readonly events: readonly FakeEvent[]
  readonly finishedOrder: readonly number[]
  /** When `cancel()` was actually called, if it was. */
  readonly cancelledAt: number | undefined
  readonly stops: FakeWorkers['stops']
}

async function simulate(
  plans: readonly StepPlan[],
  slots: number,
  failFast: boolean,
  cancelAt: number | undefined,
  reportExit: boolean
): Promise<Outcome> {
  const loaded = await loadStepGraph({ text: yamlOf(plans) })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  const { dag, steps } = loaded.graph
  const clock = new FakeClock()
  clock.maxSleeps = 100_000
  const workers = new FakeWorkers(clock, (step, attempt) => behaviourOf(plans, step, attempt), {
    reportExit
  })
  const finishedOrder: number[] = []
  let cancelledAt: number | undefined
  const scheduler: MultiprocessScheduler = new MultiprocessScheduler(
    dag,
    steps,
    workers,
    clock,
    {
      slots,
      failFast,
      retryBackoffMs: () => 7,
      timeoutGraceMs: TIMEOUT_GRACE_MS,
      cancelGraceMs: CANCEL_GRACE_MS
    },
    {
      stepFinished: result => finishedOrder.push(result.step),
      pollRound: now => {
        if (cancelAt !== undefined && now >= cancelAt && cancelledAt === undefined) {
          cancelledAt = now
          scheduler.cancel()
        }
      }
    }
  )
  const run = await scheduler.run()
  return { run, events: workers.events, finishedOrder, cancelledAt, stops: workers.stops }
}

function behaviourOf(plans: readonly StepPlan[], step: number, attempt: number): FakeBehaviour {
  const list = plans[step]?.attempts ?? []
  const chosen = list[Math.min(attempt, list.length) - 1] ?? { durationMs: 1 }
  return chosen
}

/** Attempts as intervals [start, end) with their slot, from the fake workers' log. */
function intervals(
  events: readonly FakeEvent[]
): { step: number; slot: number; start: number; end: number }[] {
  const open = new Map<string, FakeEvent>()
  const done: { step: number; slot: number; start: number; end: number }[] = []
  for (const event of events) {
    const key = `${event.step}/${event.attempt}`
    if (event.kind === 'start') open.set(key, event)
    else {
      const start = open.get(key)
      if (start) done.push({ step: event.step, slot: event.slot, start: start.at, end: event.at })
    }
  }
  return done
}

const runs = fc.record({
  plans: stepPlans,
  slots: fc.integer({ min: 1, max: 4 }),
  failFast: fc.boolean(),
  cancelAt: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined, freq: 4 }),
  /** Whether workers report their process's end early (`Worker.hasExited`), as the real one does. */
  reportExit: fc.boolean()
})

describe('scheduler invariants over random graphs and outcomes', () => {
  it('holds every invariant', async () => {
    await fc.assert(
      fc.asyncProperty(runs, async ({ plans, slots, failFast, cancelAt, reportExit }) => {
        // A worker without `hasExited` is known to have ended only once its output closed:
        // give it none to drain, or its exit could not be told from a stop's.
        if (!reportExit) {
          plans = plans.map(plan => ({
            ...plan,
            attempts: plan.attempts.map(a => ({ ...a, drainMs: 0 }))
          }))
        }
        const { run, events, finishedOrder, cancelledAt, stops } = await simulate(
          plans,
          slots,
          failFast,
          cancelAt,
          reportExit
        )
        const size = plans.length
        const attempts = intervals(events)

        // Every step ends with exactly one status.
        expect(run.results).toHaveLength(size)
        expect([...finishedOrder].sort((a, b) => a - b)).toEqual([...Array(size).keys()])
        run.results.forEach((result, v) => {
          expect(result.step).toBe(v)
        })

        // Every started attempt ended.
        expect(attempts).toHaveLength(events.filter(e => e.kind === 'start').length)

        // Never more running than slots, and slot ids unique among running attempts: the
        // fake workers' log is in the order things happened, so sweep it.
        const busySlots = new Set<number>()
        for (const event of events) {
          if (event.kind === 'start') {
            expect(busySlots.has(event.slot)).toBe(false)
            expect(event.slot).toBeGreaterThanOrEqual(1)
            expect(event.slot).toBeLessThanOrEqual(slots)
            busySlots.add(event.slot)
          } else {
            busySlots.delete(event.slot)
          }
          expect(busySlots.size).toBeLessThanOrEqual(slots)
        }

        // No step starts before its needs have ended.
        for (const a of attempts) {
          for (const need of plans[a.step]?.needs ?? []) {
            const needAttempts = attempts.filter(b => b.step === need)
            for (const b of needAttempts) expect(b.end).toBeLessThanOrEqual(a.start)
            expect(finishedOrder.indexOf(need)).toBeGreaterThanOrEqual(0)
          }
        }

        // Attempts: at most retries + 1; a success is always the last one.
        run.results.forEach((result, v) => {
          const plan = plans[v] as StepPlan
          expect(result.attempts.length).toBeLessThanOrEqual(plan.retries + 1)
          const successAt = result.attempts.findIndex(a => a.status === 'success')
          if (successAt >= 0) {
            expect(successAt).toBe(result.attempts.length - 1)
            expect(result.status).toBe('success')
          }
          if (result.status === 'skipped') expect(result.attempts).toHaveLength(0)
        })

        // Whether each step ran follows its `if` and how its needs ended.
        const loaded = await loadStepGraph({ text: yamlOf(plans) })
        if (!loaded.ok) return
        const conditions = new StatusConditions(loaded.graph.steps)
        run.results.forEach((result, v) => {
          if (result.status === 'cancelled' && result.attempts.length === 0) return
          const spec = loaded.graph.steps[v]
          if (!spec) return
          const needs: NeedState[] = (plans[v]?.needs ?? []).map(p => {
            const needResult = run.results[p]
            const needSpec = loaded.graph.steps[p]
            if (!needResult || !needSpec) throw new Error('missing need')
            return {
              step: p,
              id: needSpec.id,
              verdict: verdictOf(needResult, needSpec),
              status: needResult.status
            }
          })
          expect(conditions.decide(v, needs, false).run).toBe(result.status !== 'skipped')
        })

        // Fail-fast: once a step has failed the run, no new attempt starts. (A step whose
        // retry the stop took away failed the run only when it stopped: not counted.)
        if (failFast) {
          const firstFailure = Math.min(
            ...run.results
              .filter(r => {
                const plan = plans[r.step] as StepPlan
                return (
                  (r.status === 'failure' || r.status === 'timed-out') &&
                  !plan.continueOnError &&
                  !r.reason?.startsWith('not retried')
                )
              })
              .map(r => r.attempts[r.attempts.length - 1]?.endedAt ?? Infinity)
          )
          for (const a of attempts) expect(a.start).toBeLessThanOrEqual(firstFailure)
        }

        // A real exit always wins. Each attempt's status comes from whichever came first:
        // its process ending on its own, a timeout's stop, or a cancellation's stop (fail-fast
        // or cancel()). A stop at the very moment the process ends comes second.
        run.results.forEach((result, v) => {
          const plan = plans[v] as StepPlan
          for (const attempt of result.attempts) {
            const own = behaviourOf(plans, v, attempt.attempt)
            const exitsAt = attempt.startedAt + own.durationMs
            const stop = stops.find(s => s.step === v && s.attempt === attempt.attempt)
            const context = { step: v, attempt, stop, exitsAt }
            if (stop === undefined || stop.at >= exitsAt) {
              expect(attempt.status, JSON.stringify(context)).toBe(
                own.exitCode === 0 ? 'success' : 'failure'
              )
              expect(attempt.exit).toEqual({ exitCode: own.exitCode, signal: null })
            } else {
              expect(attempt.status, JSON.stringify(context)).toBe(
                stop.graceMs === TIMEOUT_GRACE_MS ? 'timed-out' : 'cancelled'
              )
              // A step is never cancelled once its deadline has passed: it has timed out.
              if (stop.graceMs === CANCEL_GRACE_MS && plan.timeoutMs !== undefined) {
                expect(stop.at).toBeLessThan(attempt.startedAt + plan.timeoutMs)
              }
            }
          }
          // A step that ran ends with the status of its last attempt.
          const last = result.attempts[result.attempts.length - 1]
          if (last) expect(result.status).toBe(last.status)
        })

        // Cancellation: nothing starts after it, and the run says it was cancelled.
        expect(run.cancelled).toBe(cancelledAt !== undefined)
        for (const a of attempts) expect(a.start).toBeLessThanOrEqual(cancelledAt ?? Infinity)
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) }
    )
  })
})
