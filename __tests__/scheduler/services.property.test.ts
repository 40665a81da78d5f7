import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadStepGraph } from '../../src/graph/load.js'
import { MultiprocessScheduler } from '../../src/scheduler/scheduler.js'
import { FakeClock, FakeWorkers, type FakeBehaviour } from '../helpers/fake-scheduling.js'

/**
 * The scheduler with fake services among fake steps: random graphs where some steps are
 * services that become ready (or never do), crash (before or after being ready), or trap
 * SIGTERM; random slots, fail-fast and a cancel at a random moment.
 */

interface Plan {
  readonly needs: number[]
  readonly service: boolean
  readonly condition: 'success()' | 'always()'
  readonly behaviour: FakeBehaviour
}

/** `ready-timeout-minutes: 0.001`: a service not ready 60 ms after its start fails. */
const READY_TIMEOUT_MS = 60
const STOP_GRACE_MS = 20
const CANCEL_GRACE_MS = 15

const serviceBehaviour: fc.Arbitrary<FakeBehaviour> = fc.record({
  // Mostly runs until stopped; sometimes crashes on its own.
  durationMs: fc.oneof(
    fc.constant(1_000_000),
    fc.constant(1_000_000),
    fc.integer({ min: 0, max: 120 })
  ),
  exitCode: fc.constantFrom(0, 1),
  trapsTerm: fc.boolean(),
  readyAfterMs: fc.oneof(
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 0, max: 40 }),
    fc.constant(Infinity)
  )
})

const stepBehaviour: fc.Arbitrary<FakeBehaviour> = fc.record({
  durationMs: fc.integer({ min: 0, max: 60 }),
  exitCode: fc.constantFrom(0, 0, 0, 1),
  trapsTerm: fc.boolean()
})

const plans: fc.Arbitrary<Plan[]> = fc.integer({ min: 1, max: 14 }).chain(size =>
  fc.tuple(
    ...Array.from({ length: size }, (_, v) =>
      fc.boolean().chain(service =>
        fc.record({
          needs: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, v - 1) }), {
            maxLength: v === 0 ? 0 : 3
          }),
          service: fc.constant(service),
          condition: fc.constantFrom(
            'success()' as const,
            'success()' as const,
            'always()' as const
          ),
          behaviour: service ? serviceBehaviour : stepBehaviour
        })
      )
    )
  )
)

function yamlOf(list: readonly Plan[]): string {
  return list
    .map((plan, v) =>
      [
        `s${v}:`,
        '  run: x',
        `  if: ${plan.condition}`,
        plan.service ? '  service: true\n  ready-timeout-minutes: 0.001' : '',
        plan.needs.length > 0 ? `  needs: [${plan.needs.map(p => `s${p}`).join(', ')}]` : ''
      ]
        .filter(Boolean)
        .join('\n')
    )
    .join('\n')
}

const runs = fc.record({
  plans,
  slots: fc.integer({ min: 1, max: 3 }),
  failFast: fc.boolean(),
  cancelAt: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined, freq: 3 })
})

describe('scheduler invariants with services', () => {
  it('holds every invariant', async () => {
    await fc.assert(
      fc.asyncProperty(runs, async ({ plans: list, slots, failFast, cancelAt }) => {
        const loaded = await loadStepGraph({ text: yamlOf(list) })
        if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
        const { dag, steps } = loaded.graph
        const clock = new FakeClock()
        clock.maxSleeps = 100_000
        const workers = new FakeWorkers(clock, step => list[step]?.behaviour ?? { durationMs: 1 })
        const finishedAt = new Map<number, number>()
        const readyAt = new Map<number, number>()
        let cancelledAt: number | undefined
        let stoppingAt: number | undefined
        const scheduler: MultiprocessScheduler = new MultiprocessScheduler(
          dag,
          steps,
          workers,
          clock,
          {
            slots,
            failFast,
            serviceStopGraceMs: STOP_GRACE_MS,
            cancelGraceMs: CANCEL_GRACE_MS
          },
          {
            stepFinished: result => {
              finishedAt.set(result.step, clock.now())
              if (
                failFast &&
                stoppingAt === undefined &&
                (result.status === 'failure' || result.status === 'timed-out')
              )
                stoppingAt = clock.now()
            },
            serviceReady: event => readyAt.set(event.step, event.at),
            pollRound: now => {
              if (cancelAt !== undefined && now >= cancelAt && cancelledAt === undefined) {
                cancelledAt = now
                stoppingAt = Math.min(stoppingAt ?? now, now)
                scheduler.cancel()
              }
            }
          }
        )
        const run = await scheduler.run()
        const events = workers.events
        const startOf = (v: number): number | undefined =>
          events.find(e => e.kind === 'start' && e.step === v)?.at
        const endOf = (v: number): number | undefined =>
          events.find(e => e.kind === 'end' && e.step === v)?.at

        // Every step has one result; every process started has ended: no service is left.
        expect(run.results).toHaveLength(list.length)
        expect(finishedAt.size).toBe(list.length)
        for (const start of events.filter(e => e.kind === 'start')) {
          expect(endOf(start.step), `s${start.step} never ended`).toBeDefined()
        }

        // Services hold no slot; other attempts never exceed the slots.
        let busy = 0
        for (const event of events) {
          const service = list[event.step]?.service ?? false
          expect(event.slot === 0).toBe(service)
          if (service) continue
          busy += event.kind === 'start' ? 1 : -1
          expect(busy).toBeLessThanOrEqual(slots)
        }

        run.results.forEach((result, v) => {
          const plan = list[v] as Plan
          const start = startOf(v)
          // A step starts after each need: a service once ready and while it runs, any
          // other step once it has finished.
          if (start !== undefined) {
            for (const need of plan.needs) {
              const ready = readyAt.get(need)
              if (list[need]?.service && ready !== undefined) {
                expect(ready).toBeLessThanOrEqual(start)
              } else {
                // A service never ready: only an `always()` step runs, once it has ended.
                expect(finishedAt.get(need) as number).toBeLessThanOrEqual(start)
              }
            }
          }
          if (!plan.service) return
          const ready = readyAt.get(v)
          expect(result.serviceReadyAt ?? null).toBe(ready ?? null)
          // A service never ready: its dependents never ran, but for `if: always()`.
          if (ready === undefined) {
            for (let d = 0; d < list.length; d++) {
              const dependent = list[d]
              if (dependent?.needs.includes(v) && dependent.condition === 'success()') {
                expect(startOf(d)).toBeUndefined()
              }
            }
          }
          // Stopped only when no dependent needs it any more, when it was not ready in
          // time, or when the run stopped.
          const stop = workers.stops.find(s => s.step === v)
          if (stop !== undefined) {
            const timedOut = ready === undefined && stop.at === (start as number) + READY_TIMEOUT_MS
            const runStopping = stoppingAt !== undefined && stop.at >= stoppingAt
            if (!timedOut && !runStopping) {
              for (let d = 0; d < list.length; d++) {
                if (list[d]?.needs.includes(v)) {
                  expect(finishedAt.get(d) as number).toBeLessThanOrEqual(stop.at)
                }
              }
            }
          }
          // Its status: stopped while ready is success; before ready, failure (not in time)
          // or cancelled (the run stopped).
          const attempt = result.attempts[0]
          if (attempt === undefined) {
            expect(['skipped', 'cancelled', 'failure']).toContain(result.status)
            return
          }
          const exitsAt = (start as number) + plan.behaviour.durationMs
          const stoppedFirst = stop !== undefined && stop.at < exitsAt
          if (ready !== undefined && stoppedFirst) expect(result.status).toBe('success')
          if (ready === undefined && !stoppedFirst) expect(result.status).toBe('failure')
          if (ready === undefined && stoppedFirst) {
            expect(['failure', 'cancelled']).toContain(result.status)
          }
        })

        expect(run.cancelled).toBe(cancelledAt !== undefined)
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) }
    )
  })
})
