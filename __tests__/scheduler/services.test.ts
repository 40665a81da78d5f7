import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import type { RunResult, StepResult } from '../../src/scheduler/results.js'
import {
  MultiprocessScheduler,
  type SchedulerObserver,
  type SchedulerOptions
} from '../../src/scheduler/scheduler.js'
import { FakeClock, FakeWorkers, type FakeBehaviour } from '../helpers/fake-scheduling.js'

/** A long-running fake service: ready after `readyAfterMs`, ends only when stopped. */
const SERVER: FakeBehaviour = { durationMs: 1_000_000, readyAfterMs: 20 }

async function scenario(
  yaml: string,
  behaviour: Record<string, FakeBehaviour>,
  options: Partial<SchedulerOptions> = {},
  observer: SchedulerObserver = {}
) {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  const graph: StepGraph = loaded.graph
  const clock = new FakeClock()
  const workers = new FakeWorkers(clock, step => {
    return behaviour[graph.steps[step]?.id ?? ''] ?? { durationMs: 10 }
  })
  const scheduler = new MultiprocessScheduler(
    graph.dag,
    graph.steps,
    workers,
    clock,
    { slots: 1, failFast: false, serviceStopGraceMs: 50, cancelGraceMs: 30, ...options },
    observer
  )
  return { graph, clock, workers, scheduler }
}

function byId(graph: StepGraph, run: RunResult): Record<string, StepResult> {
  return Object.fromEntries(run.results.map(r => [graph.steps[r.step]?.id ?? '?', r] as const))
}

function startOf(workers: FakeWorkers, graph: StepGraph, id: string): number | undefined {
  const step = graph.steps.findIndex(s => s.id === id)
  return workers.events.find(e => e.kind === 'start' && e.step === step)?.at
}

describe('services in the scheduler', () => {
  it('starts dependents when the service is ready, holds no slot, and stops it after the last one', async () => {
    const s = await scenario(
      'db: {run: x, service: true}\n' +
        'a: {run: x, needs: db}\nb: {run: x, needs: db}\nc: {run: x}',
      { db: SERVER, a: { durationMs: 30 }, b: { durationMs: 40 }, c: { durationMs: 5 } }
    )
    const run = await s.scheduler.run()
    const results = byId(s.graph, run)
    expect(results.db?.status).toBe('success')
    expect(results.db?.serviceReadyAt).toBe(20)
    expect(results.db?.attempts[0]?.slot).toBe(0)
    // One slot: c runs while db starts; a and b one after the other once db is ready.
    expect(startOf(s.workers, s.graph, 'db')).toBe(0)
    expect(startOf(s.workers, s.graph, 'c')).toBe(0)
    expect(startOf(s.workers, s.graph, 'a')).toBe(20)
    expect(startOf(s.workers, s.graph, 'b')).toBe(50)
    // Stopped once b, the last step that needs it, finished.
    expect(s.workers.stops).toEqual([{ step: 0, attempt: 1, at: 90, graceMs: 50 }])
    expect(results.a?.status).toBe('success')
    expect(results.b?.status).toBe('success')
  })

  it('fails a service not ready in time, and skips its dependents with that reason', async () => {
    const s = await scenario(
      'db: {run: x, service: true, ready-timeout-minutes: 0.001}\na: {run: x, needs: db}',
      { db: { ...SERVER, readyAfterMs: Infinity } }
    )
    const run = await s.scheduler.run()
    const results = byId(s.graph, run)
    expect(results.db?.status).toBe('failure')
    expect(results.db?.serviceReadyAt).toBeNull()
    expect(results.db?.reason).toBe('not ready within 0.001 minutes: the fake never became ready')
    expect(s.workers.stops[0]?.at).toBe(60)
    expect(results.a?.status).toBe('skipped')
    expect(results.a?.reason).toBe(
      'needs `db`, which failed (not ready within 0.001 minutes: the fake never became ready)'
    )
  })

  it('fails a service that exits before it is ready', async () => {
    const s = await scenario('db: {run: x, service: true}\na: {run: x, needs: db}', {
      db: { durationMs: 5, exitCode: 3, readyAfterMs: 20 }
    })
    const results = byId(s.graph, await s.scheduler.run())
    expect(results.db?.status).toBe('failure')
    expect(results.db?.reason).toBe('exited before it was ready (exit code 3)')
    expect(results.a?.status).toBe('skipped')
  })

  it('fails a service that exits while a dependent still needs it; unstarted ones are skipped', async () => {
    const s = await scenario(
      'db: {run: x, service: true}\na: {run: x, needs: db}\nb: {run: x, needs: db}',
      { db: { durationMs: 30, exitCode: 0, readyAfterMs: 0 }, a: { durationMs: 100 } }
    )
    const results = byId(s.graph, await s.scheduler.run())
    expect(results.db?.status).toBe('failure')
    expect(results.db?.reason).toBe('exited (exit code 0) while `a` needed it')
    // a was running (one slot): it keeps running; b had not started: skipped.
    expect(results.a?.status).toBe('success')
    expect(results.b?.status).toBe('skipped')
    expect(results.b?.reason).toContain('needs `db`, which failed (exited (exit code 0)')
  })

  it('a cancel stops a ready service (its normal end) and cancels one still starting', async () => {
    let cancel = (): void => undefined
    let cancelled = false
    const s = await scenario(
      'db: {run: x, service: true}\nslow: {run: x, service: true}\n' +
        'a: {run: x, needs: [db]}\nb: {run: x, needs: slow}',
      { db: SERVER, slow: { ...SERVER, readyAfterMs: 500 }, a: { durationMs: 1000 } },
      {},
      {
        pollRound: now => {
          if (now >= 100 && !cancelled) {
            cancelled = true
            cancel()
          }
        }
      }
    )
    cancel = () => {
      s.scheduler.cancel()
    }
    const results = byId(s.graph, await s.scheduler.run())
    expect(results.db?.status).toBe('success')
    expect(results.slow?.status).toBe('cancelled')
    expect(results.slow?.reason).toBe('stopped before it was ready: the run was cancelled')
    expect(results.a?.status).toBe('cancelled')
    expect(results.b?.status).toBe('cancelled')
    // Both services were asked to end with the cancel's grace.
    expect(s.workers.stops.filter(stop => stop.graceMs === 30)).toHaveLength(3)
  })

  it('fail-fast when a service fails', async () => {
    const s = await scenario(
      'db: {run: x, service: true}\na: {run: x, needs: db}\nother: {run: x}\nlater: {run: x, needs: other}',
      { db: { durationMs: 5, exitCode: 1, readyAfterMs: 50 }, other: { durationMs: 100 } },
      { failFast: true, slots: 2 }
    )
    const run = await s.scheduler.run()
    const results = byId(s.graph, run)
    expect(results.db?.status).toBe('failure')
    expect(results.other?.status).toBe('cancelled')
    expect(results.later?.status).toBe('cancelled')
  })

  it('stops a service nothing needs as soon as it is ready', async () => {
    const s = await scenario('db: {run: x, service: true}', { db: SERVER })
    const results = byId(s.graph, await s.scheduler.run())
    expect(results.db?.status).toBe('success')
    expect(s.workers.stops[0]?.at).toBe(20)
  })

  it('a service that needs a service starts once the first is ready, even with every slot busy', async () => {
    const s = await scenario(
      'db: {run: x, service: true}\napi: {run: x, service: true, needs: db}\n' +
        'busy: {run: x}\nt: {run: x, needs: api}',
      { db: SERVER, api: SERVER, busy: { durationMs: 200 } }
    )
    const run = await s.scheduler.run()
    const results = byId(s.graph, run)
    expect(startOf(s.workers, s.graph, 'api')).toBe(20)
    expect(results.api?.serviceReadyAt).toBe(40)
    expect(startOf(s.workers, s.graph, 't')).toBe(200)
    // db stops once api (which needs it) has finished: after t.
    const stops = s.workers.stops.map(stop => [s.graph.steps[stop.step]?.id, stop.at])
    expect(stops).toEqual([
      ['api', 210],
      ['db', 211]
    ])
    expect(Object.values(results).map(r => r.status)).toEqual(Array(4).fill('success'))
  })

  it('a second interrupt kills services at once, as every step', async () => {
    let killed = false
    let kill = (): void => undefined
    const s = await scenario(
      'db: {run: x, service: true}\na: {run: x, needs: db}',
      { db: { ...SERVER, trapsTerm: true }, a: { durationMs: 1000, trapsTerm: true } },
      { cancelGraceMs: 100_000, serviceStopGraceMs: 100_000 },
      {
        pollRound: now => {
          if (now >= 50 && !killed) {
            killed = true
            kill()
          }
        }
      }
    )
    kill = () => {
      s.scheduler.killNow()
    }
    const run = await s.scheduler.run()
    const results = byId(s.graph, run)
    expect(results.db?.attempts[0]?.exit.signal).toBe('SIGKILL')
    expect(results.a?.attempts[0]?.exit.signal).toBe('SIGKILL')
    // Not after the grace: at once.
    expect(run.endedAt).toBeLessThan(1000)
  })

  it('starts no service once the run is stopping, even with `if: cancelled()`', async () => {
    const s = await scenario(
      'bad: {run: x}\n' +
        'db: {run: x, service: true, needs: bad, if: cancelled()}\n' +
        'cleanup: {run: x, needs: db, if: cancelled()}',
      { bad: { durationMs: 10, exitCode: 1 }, db: { ...SERVER, readyAfterMs: Infinity } },
      { failFast: true }
    )
    const run = await s.scheduler.run()
    const results = byId(s.graph, run)
    expect(results.db?.status).toBe('cancelled')
    expect(results.db?.reason).toBe('not started: fail-fast: `bad` failed')
    expect(results.db?.attempts).toEqual([])
    // The run did not wait for a ready timeout.
    expect(run.endedAt).toBeLessThan(1000)
  })
})
