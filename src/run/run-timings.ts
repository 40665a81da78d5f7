import type { StepGraph } from '../graph/load.js'
import type { RunResult } from '../scheduler/results.js'
import {
  expectedDurations,
  timePriorities,
  type Expectations
} from '../timings/expected-durations.js'
import {
  NO_TIMINGS,
  readTimings,
  updatedTimings,
  writeTimings,
  type Timings
} from '../timings/timings-file.js'

/** What recorded runs tell about this one. */
export interface RunTimings {
  /** The timings file (absolute); undefined when the run keeps none. */
  readonly file?: string
  /** The file's timings as they were before the run. */
  readonly recorded: Timings
  /** Each step's expected duration; undefined when no step has a record. */
  readonly expected?: Expectations & {
    /** The scheduler's priorities: longest expected time to the end first. */
    readonly priorities: Float64Array
  }
  /**
   * Why the file was ignored (corrupt, unreadable, another version) or is of no use (stale:
   * it records none of the graph's steps); the run goes on.
   */
  readonly warning?: string
}

/**
 * Reads the timings file before a run (or a dry run). Never fails: a missing file is no
 * timings, anything else wrong with it is a warning to show and no timings.
 */
export function loadRunTimings(file: string | undefined, graph: StepGraph): RunTimings {
  if (file === undefined) return { recorded: NO_TIMINGS }
  const read = readTimings(file)
  const { timings } = read
  const warning = read.warning ?? staleWarning(file, timings, graph.whole ?? graph)
  const expected = expectedDurations(graph.steps, timings)
  return {
    file,
    recorded: timings,
    ...(expected && {
      expected: { ...expected, priorities: timePriorities(graph.dag, expected.durations) }
    }),
    ...(warning !== undefined && { warning })
  }
}

/**
 * After a run: each step that succeeded adds the duration of its successful attempt (a
 * retry's backoff and failed attempts are no part of what the step takes) to its record,
 * a matrix instance under its own id. Entries are kept for every step of the graph as
 * declared, also when this run ran only part of it (the CLI's targets): only steps the
 * graph no longer has are dropped. Returns why the file could not be written.
 */
export function saveRunTimings(
  timings: RunTimings,
  graph: StepGraph,
  result: RunResult
): string | undefined {
  if (timings.file === undefined) return undefined
  const measured = new Map<string, number>()
  for (const step of result.results) {
    const last = step.attempts.at(-1)
    const id = graph.steps[step.step]?.id
    if (step.status !== 'success' || last === undefined || id === undefined) continue
    measured.set(id, last.endedAt - last.startedAt)
  }
  // Nothing recorded before, nothing measured now (a run stopped before any step ended,
  // or in which all failed): no file to write, and no directory to leave behind.
  if (measured.size === 0 && timings.recorded.steps.size === 0) return undefined
  const declared = (graph.whole ?? graph).steps.map(step => step.id)
  return writeTimings(timings.file, updatedTimings(timings.recorded, declared, measured))
}

/**
 * A file that records steps, none of them in the graph, is stale: kept for another graph
 * (a `timings-file` shared by two jobs), or from before every step was renamed. Its steps
 * are dropped at the end of the run, as any step the graph no longer has; the warning says
 * why nothing was expected of this run. Some steps unknown to the file is the ordinary case
 * of steps added or renamed, and goes without a word here (the plan and summary name them).
 */
function staleWarning(file: string, timings: Timings, graph: StepGraph): string | undefined {
  if (timings.steps.size === 0) return undefined
  if (graph.steps.some(step => timings.steps.has(step.id))) return undefined
  return (
    `the timings file ${file} records none of this graph's steps (it is stale, or kept ` +
    'for another graph): steps are ordered by the longest chain of steps, and the file ' +
    'will record this run'
  )
}
