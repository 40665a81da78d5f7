import type { StepGraph } from '../graph/load.js'
import type { MatrixValue, StepSpec } from '../graph/spec.js'
import { count } from './plan.js'
import { countsAsFailed, failsTheRun } from '../scheduler/policy.js'
import type { RunResult } from '../scheduler/results.js'

export type RunStatus = 'success' | 'failure' | 'cancelled'

/** The action's `status`: cancelled from outside, else failure when a step fails the run. */
export function runStatus(graph: StepGraph, result: RunResult): RunStatus {
  if (result.cancelled) return 'cancelled'
  const failed = result.results.some(r => failsTheRun(r.status, graph.steps[r.step] as StepSpec))
  return failed ? 'failure' : 'success'
}

/** One step in the `results` output (results-output.ts writes it). */
export interface StepResultJson {
  readonly name: string
  /** Only on an instance of a matrix step (keyed by its own id): that step's id. */
  readonly 'instance-of'?: string
  /** Only on an instance of a matrix step: its combination's values. */
  readonly matrix?: Readonly<Record<string, MatrixValue>>
  readonly status: string
  readonly 'exit-code': number | null
  readonly signal: string | null
  readonly attempts: number
  readonly 'started-at': string | null
  readonly 'duration-ms': number | null
  /** Only on a service: from its start to its ready moment; null if never ready. */
  readonly 'service-ready-ms'?: number | null
  readonly outputs: Readonly<Record<string, string>>
}

/**
 * The steps that failed: ended `failure` or `timed-out`, without `continue-on-error`
 * (`countsAsFailed`). The `failed` output, the action's failure message and the error
 * annotations all name these, in declaration order.
 */
export function failedIds(graph: StepGraph, result: RunResult): string[] {
  return result.results
    .filter(r => countsAsFailed(r.status, graph.steps[r.step] as StepSpec))
    .map(r => graph.steps[r.step]?.id ?? '?')
}

/** The action's failure message, for a run whose status is not `success`. */
export function failureMessage(graph: StepGraph, result: RunResult): string {
  if (result.cancelled) return 'stepgraph: the run was cancelled'
  const failed = failedIds(graph, result)
  return `stepgraph: ${count(failed.length, 'step')} failed: ${failed.join(', ')}`
}
