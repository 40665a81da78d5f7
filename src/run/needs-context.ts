import type { StepGraph } from '../graph/load.js'
import type { StepStatus } from '../scheduler/results.js'

/**
 * A step's `needs` context, as a job's: for each step it needs, its `result` and the
 * `outputs` its last attempt wrote to GITHUB_OUTPUT. Plain data: it is also what every
 * step gets as STEPGRAPH_NEEDS, with or without the expression library.
 */
export type NeedContext = {
  readonly result: 'success' | 'failure' | 'cancelled' | 'skipped'
  readonly outputs: Readonly<Record<string, string>>
}

/** What the run knows of a finished step. */
export interface FinishedSteps {
  /** Its final status; undefined while it has not finished. */
  status(step: number): StepStatus | undefined
  /** What its last attempt wrote to GITHUB_OUTPUT, in file order (a later one wins). */
  outputs(step: number): readonly (readonly [name: string, value: string])[]
}

/**
 * Keyed by the needs' ids, in the order written; objects without a prototype, so that
 * an id or output named `__proto__` is an ordinary key (in the JSON too). A matrix step
 * is one need, as a matrix job is: its result is `failure` if an instance failed, else
 * `cancelled` if one was, else `skipped` if all were, else `success`; its outputs are
 * every instance's, a later instance's value winning (GitHub leaves which one wins
 * unspecified; here it is the last in the matrix's order).
 */
export function needsContext(
  graph: StepGraph,
  step: number,
  finished: FinishedSteps
): Readonly<Record<string, NeedContext>> {
  const results = new Map<string, NeedContext['result'][]>()
  const outputsOf = new Map<string, Record<string, string>>()
  for (const need of graph.dag.predecessors[step] ?? []) {
    const spec = graph.steps[need]
    if (spec === undefined) continue
    const id = spec.instanceOf ?? spec.id
    const outputs = outputsOf.get(id) ?? (Object.create(null) as Record<string, string>)
    for (const [name, value] of finished.outputs(need)) outputs[name] = value
    outputsOf.set(id, outputs)
    results.set(id, [
      ...(results.get(id) ?? []),
      resultOf(finished.status(need), spec.continueOnError)
    ])
  }
  const context = Object.create(null) as Record<string, NeedContext>
  for (const [id, instances] of results)
    context[id] = { result: combined(instances), outputs: outputsOf.get(id) ?? {} }
  return context
}

/** A matrix step's result from its instances' (a step without a matrix: its own). */
function combined(results: readonly NeedContext['result'][]): NeedContext['result'] {
  if (results.includes('failure')) return 'failure'
  if (results.includes('cancelled')) return 'cancelled'
  if (results.every(result => result === 'skipped')) return 'skipped'
  return 'success'
}

/**
 * A job's result: `timed-out` is a failure, and a failure with `continue-on-error` is a
 * success, as the steps that need it treat it.
 */
function resultOf(status: StepStatus | undefined, continueOnError: boolean): NeedContext['result'] {
  switch (status) {
    case 'success':
      return 'success'
    case 'failure':
    case 'timed-out':
      return continueOnError ? 'success' : 'failure'
    case 'skipped':
      return 'skipped'
    default:
      return 'cancelled'
  }
}

/** STEPGRAPH_NEEDS: exactly what `toJSON(needs)` gives. */
export function needsJson(context: Readonly<Record<string, NeedContext>>): string {
  return JSON.stringify(context, null, 2)
}
