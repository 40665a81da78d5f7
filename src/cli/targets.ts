import type { StepGraph } from '../graph/load.js'
import { selectSteps } from '../graph/select.js'
import { count } from '../report/plan.js'

/** The graph a command works on: every step, or the targets and what they need. */
export interface Targeted {
  readonly graph: StepGraph
  /** Says what was selected, before a run or a plan; undefined when every step is. */
  readonly note?: string
}

/**
 * `stepgraph run FILE ID...`: the steps named and the steps they need, as `make TARGET`
 * builds a target's prerequisites. An unknown id is a usage error (exit 2), each one said
 * on stderr with what it likely meant.
 */
export function selectTargets(
  graph: StepGraph,
  targets: readonly string[],
  stderr: NodeJS.WritableStream
): Targeted | undefined {
  if (targets.length === 0) return { graph }
  const selection = selectSteps(graph, targets)
  if (!selection.ok) {
    for (const problem of selection.problems) stderr.write(`stepgraph: ${problem}\n`)
    return undefined
  }
  const named = [...new Set(targets)]
  const selected = selection.graph.steps.length
  const needed =
    selected > named.length ? ` with what ${named.length === 1 ? 'it needs' : 'they need'}` : ''
  return {
    graph: selection.graph,
    note: `stepgraph: ${named.join(', ')}${needed}: ${count(selected, 'step')} of ${graph.steps.length}`
  }
}
