import { describe, expect, it } from 'vitest'
import { runAnnotations } from '../../src/report/annotations.js'
import { failedIds, failureMessage, runStatus } from '../../src/report/results.js'
import type { Attempt, RunResult, StepResult } from '../../src/scheduler/results.js'
import { MultiprocessScheduler } from '../../src/scheduler/scheduler.js'
import { FakeClock, FakeWorkers } from '../helpers/fake-scheduling.js'
import { graphOf } from '../helpers/processes.js'

function attempt(status: Attempt['status'], n = 1): Attempt {
  return {
    attempt: n,
    slot: 1,
    startedAt: 0,
    endedAt: 10,
    startedAtWall: 1_700_000_000_000,
    status,
    exit:
      status === 'success'
        ? { exitCode: 0, signal: null }
        : status === 'failure'
          ? { exitCode: 1, signal: null }
          : { exitCode: null, signal: 'SIGTERM' }
  }
}

function ran(step: number, ...statuses: Attempt['status'][]): StepResult {
  const attempts = statuses.map((status, i) => attempt(status, i + 1))
  return { step, status: statuses[statuses.length - 1] ?? 'cancelled', attempts, readyAt: 0 }
}

/** The steps each of the three names: the failure message, `failed`, the error annotations. */
function named(graph: Awaited<ReturnType<typeof graphOf>>, run: RunResult) {
  const message = failureMessage(graph, run)
  const list = /failed: (.*)$/.exec(message)?.[1]
  return {
    message: list === undefined ? [] : list.split(', '),
    failed: failedIds(graph, run),
    errors: runAnnotations(graph, run, () => [], []).errors.map(a => a.step)
  }
}

describe('the steps that failed', () => {
  it('are the same in the failure message, the `failed` output and the error annotations', async () => {
    const graph = await graphOf(`
ok: {run: x}
broken: {run: x}
slow: {run: x, timeout-minutes: 1}
tolerated: {run: x, continue-on-error: true}
tolerated-slow: {run: x, continue-on-error: true, timeout-minutes: 1}
flaky: {run: x, retries: 2}
not-retried: {run: x, retries: 2}
stopped: {run: x}
never-started: {run: x}
skipped: {needs: broken, run: x}
`)
    const run: RunResult = {
      results: [
        ran(0, 'success'),
        ran(1, 'failure'),
        ran(2, 'timed-out'),
        ran(3, 'failure'),
        ran(4, 'timed-out'),
        ran(5, 'failure', 'success'),
        { ...ran(6, 'failure'), reason: 'not retried: fail-fast: `broken` failed' },
        ran(7, 'cancelled'),
        { step: 8, status: 'cancelled', attempts: [], readyAt: 0, reason: 'not started' },
        {
          step: 9,
          status: 'skipped',
          attempts: [],
          readyAt: 0,
          reason: 'needs `broken`, which failed',
          skippedBecauseOf: 1
        }
      ],
      startedAt: 0,
      endedAt: 10,
      startedAtWall: 1_700_000_000_000,
      cancelled: false
    }
    expect(runStatus(graph, run)).toBe('failure')
    const expected = ['broken', 'slow', 'not-retried']
    expect(named(graph, run)).toEqual({ message: expected, failed: expected, errors: expected })
    expect(failureMessage(graph, run)).toBe('stepgraph: 3 steps failed: broken, slow, not-retried')
    // The tolerated failures are warnings, not errors; the cancelled steps are in neither.
    const warnings = runAnnotations(graph, run, () => [], []).warnings.map(a => a.step)
    expect(warnings).toEqual(['tolerated', 'tolerated-slow', 'flaky'])
  })

  it.each([
    ['a: {run: x}', 'b: {run: x}'],
    ['b: {run: x}', 'a: {run: x}']
  ])(
    'after fail-fast: both steps that failed in one scan, none of the cancelled ones (%s first)',
    async (first, second) => {
      const g = await graphOf(
        `${first}\n${second}\nlong: {run: x}\nwaiting: {run: x}\n` +
          'tolerated: {run: x, continue-on-error: true}'
      )
      const clock = new FakeClock()
      // Steps 0 and 1 (in slots 1 and 2) fail at 10; `tolerated` fails at 5, tolerated.
      const workers = new FakeWorkers(clock, step =>
        step <= 1
          ? { durationMs: 10, exitCode: 1 }
          : step === 4
            ? { durationMs: 5, exitCode: 1 }
            : { durationMs: 10_000 }
      )
      const run = await new MultiprocessScheduler(g.dag, g.steps, workers, clock, {
        slots: 5,
        failFast: true,
        cancelGraceMs: 100
      }).run()
      expect(run.results.map(r => r.status)).toEqual([
        'failure',
        'failure',
        'cancelled',
        'cancelled',
        'failure'
      ])
      const both = [g.steps[0]?.id, g.steps[1]?.id]
      expect(named(g, run)).toEqual({ message: both, failed: both, errors: both })
    }
  )

  it('a cancelled run says so', async () => {
    const graph = await graphOf('a: {run: x}')
    const run: RunResult = {
      results: [ran(0, 'cancelled')],
      startedAt: 0,
      endedAt: 10,
      startedAtWall: 0,
      cancelled: true
    }
    expect(failureMessage(graph, run)).toBe('stepgraph: the run was cancelled')
  })
})
