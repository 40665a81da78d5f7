import type { Dag } from '../graph/dag.js'
import type { StepSpec } from '../graph/spec.js'
import { expectedDuration, median, type Timings } from './timings-file.js'

/** Where a step's expected duration comes from. */
export type ExpectationSource =
  /** The median of its own recorded runs. */
  | 'recorded'
  /** A matrix instance without a record: the median of its recorded sibling instances. */
  | 'siblings'
  /** A step without a record (new, or renamed): the median of the recorded steps. */
  | 'median'

/** What the recorded runs expect of this graph's steps. */
export interface Expectations {
  /** durations[v]: step v's expected duration in milliseconds. */
  readonly durations: Float64Array
  readonly sources: readonly ExpectationSource[]
  /** How many steps have a record of their own. */
  readonly recorded: number
  /** What a step without any record is expected to take: the median of the recorded steps. */
  readonly unknownStepMs: number
}

/**
 * Each step's expected duration, for the order of ready steps, the dry run's plan, the
 * estimates while a run goes on and the balance of shards. A step's own record gives it
 * (the median of its last runs); a step without one (added, or renamed: the file knows it
 * by its old id) is estimated: a matrix instance by the median of its step's other
 * instances that have a record (a new combination of a matrix runs the same script),
 * anything else by the median of the steps that have one. Undefined when no step of the
 * graph has a record: then nothing is expected, and steps are ordered by the longest
 * chain of steps, as without a timings file.
 */
export function expectedDurations(
  steps: readonly StepSpec[],
  timings: Timings
): Expectations | undefined {
  const own = steps.map(step => expectedDuration(timings, step.id))
  const known = own.filter((ms): ms is number => ms !== undefined)
  if (known.length === 0) return undefined
  const unknownStepMs = median(known)
  const byMatrixStep = new Map<string, number[]>()
  steps.forEach((step, v) => {
    const ms = own[v]
    if (step.instanceOf === undefined || ms === undefined) return
    const siblings = byMatrixStep.get(step.instanceOf) ?? []
    siblings.push(ms)
    byMatrixStep.set(step.instanceOf, siblings)
  })
  const durations = new Float64Array(steps.length)
  const sources: ExpectationSource[] = []
  steps.forEach((step, v) => {
    const recorded = own[v]
    const siblings = step.instanceOf === undefined ? undefined : byMatrixStep.get(step.instanceOf)
    if (recorded !== undefined) {
      durations[v] = recorded
      sources.push('recorded')
    } else if (siblings !== undefined) {
      durations[v] = median(siblings)
      sources.push('siblings')
    } else {
      durations[v] = unknownStepMs
      sources.push('median')
    }
  })
  return { durations, sources, recorded: known.length, unknownStepMs }
}

/**
 * The scheduler's priorities by expected time: for each step, the longest expected time
 * from its start to the end of the graph (the critical path by duration, as ninja orders
 * ready edges). A step counts at least 1 ms, so that among steps recorded as instant the
 * longer chain still goes first.
 */
export function timePriorities(dag: Dag, durations: ArrayLike<number>): Float64Array {
  return dag.remainingPath(v => Math.max(1, durations[v] as number))
}
