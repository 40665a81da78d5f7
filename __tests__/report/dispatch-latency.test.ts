import { describe, expect, it } from 'vitest'
import {
  dispatchLatencies,
  dispatchLatencyLine,
  percentile
} from '../../src/report/dispatch-latency.js'
import type { Attempt, RunResult, StepResult } from '../../src/scheduler/results.js'
import { graphOf } from '../helpers/processes.js'

const attempt = (startedAt: number, endedAt: number): Attempt => ({
  attempt: 1,
  slot: 1,
  startedAt,
  endedAt,
  startedAtWall: 0,
  status: 'success',
  exit: { exitCode: 0, signal: null }
})

const graph = await graphOf(
  'a: {run: x}\nb: {run: x}\nc: {needs: [a, b], run: x}\nd: {needs: a, run: x}'
)

describe('dispatch latency', () => {
  const results: StepResult[] = [
    { step: 0, status: 'success', attempts: [attempt(0, 10)], readyAt: 0 },
    { step: 1, status: 'success', attempts: [attempt(0, 20)], readyAt: 0 },
    // c waited for b, its last need: 0.5 ms after b ended.
    { step: 2, status: 'success', attempts: [attempt(20.5, 30)], readyAt: 20 },
    // d started 15 ms after a, its only need, ended.
    { step: 3, status: 'success', attempts: [attempt(25, 26)], readyAt: 10 }
  ]
  const run: RunResult = { results, startedAt: 0, endedAt: 30, startedAtWall: 0, cancelled: false }

  it('measures from the last need’s end to the spawn', () => {
    expect(dispatchLatencies(graph.dag, run)).toEqual([0.5, 15])
  })

  it('gives p50 and p99', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2)
    expect(percentile([1, 2, 3, 4], 99)).toBe(4)
    expect(dispatchLatencyLine(graph.dag, run)).toContain(
      'over 2 dependents: p50 0.500 ms, p99 15.000 ms'
    )
  })

  it('measures a service’s dependents from its ready moment, not its end', async () => {
    const withService = await graphOf('db: {run: x, service: true}\nt: {needs: db, run: x}')
    const latencies = dispatchLatencies(withService.dag, {
      results: [
        {
          step: 0,
          status: 'success',
          attempts: [attempt(0, 500)],
          readyAt: 0,
          serviceReadyAt: 100
        },
        { step: 1, status: 'success', attempts: [attempt(100.25, 400)], readyAt: 100 }
      ],
      startedAt: 0,
      endedAt: 500,
      startedAtWall: 0,
      cancelled: false
    })
    expect(latencies).toEqual([0.25])
  })
})
