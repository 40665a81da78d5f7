import type { Dag } from '../graph/dag.js'
import { releasedDependentsAt, type RunResult, type StepResult } from '../scheduler/results.js'
import { count } from './plan.js'

/**
 * Dispatch latency as the scheduler sees it: from the end of the attempt a step was last
 * waiting for to the spawn of that step. When every slot is busy at that moment, it
 * includes the wait for one; along a chain, or with slots to spare, it is the scheduler's
 * own delay.
 */
export function dispatchLatencies(dag: Dag, run: RunResult): number[] {
  const latencies: number[] = []
  for (const result of run.results) {
    const first = result.attempts[0]
    const needs = dag.predecessors[result.step] ?? []
    if (!first || needs.length === 0) continue
    const ends = needs.map(need => releasedAt(run.results[need]))
    const lastEnd = Math.max(...ends)
    if (lastEnd === -Infinity) continue
    latencies.push(first.startedAt - lastEnd)
  }
  return latencies
}

/** A service's ready moment, any other step's end. */
function releasedAt(result: StepResult | undefined): number {
  return (result && releasedDependentsAt(result)) ?? -Infinity
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

/** One summary line, when there is anything to say. */
export function dispatchLatencyLine(dag: Dag, run: RunResult): string | undefined {
  const sorted = dispatchLatencies(dag, run).sort((a, b) => a - b)
  if (sorted.length === 0) return undefined
  const p50 = percentile(sorted, 50)
  const p99 = percentile(sorted, 99)
  return (
    `_Dispatch latency (a step's end to its dependent's spawn, as the scheduler sees it), ` +
    `over ${count(sorted.length, 'dependent')}: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms._`
  )
}
