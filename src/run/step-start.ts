import { recordStartedSpec, type StepGraph } from '../graph/load.js'
import type { StepSpec } from '../graph/spec.js'
import { runnerSetValues } from '../process/step-environment.js'
import type { StepStarter } from '../process/process-workers.js'
import type { StepConditions } from '../scheduler/conditions.js'
import { needsContext, needsJson, type FinishedSteps } from './needs-context.js'

/** What a run plugs into the workers and the scheduler for the steps' expressions. */
export interface StepStart {
  readonly starter: StepStarter
  /** How the scheduler decides `if:`; undefined: status functions only (no expressions). */
  readonly conditions?: StepConditions
}

/**
 * Every step gets STEPGRAPH_NEEDS; a graph with expressions also gets their evaluation,
 * loaded with import() only then (the library was loaded with the graph already).
 * `startingEnvironment` is the workers': the environment a step starts from.
 */
export async function stepStart(
  graph: StepGraph,
  finished: FinishedSteps,
  startingEnvironment: (step: number) => NodeJS.ProcessEnv,
  actionEnv: NodeJS.ProcessEnv
): Promise<StepStart> {
  const needs = (step: number): string => needsJson(needsContext(graph, step, finished))
  if (graph.expressions === undefined) {
    return { starter: { expand: step => graph.steps[step] as StepSpec, needsJson: needs } }
  }
  const { expressionEvaluation } = await import('./step-expressions.js')
  const { conditions, templates } = expressionEvaluation(graph, {
    finished,
    runnerSet: runnerSetValues(actionEnv),
    startingEnvironment,
    started: (step, spec) => {
      recordStartedSpec(graph, step, spec)
    }
  })
  return {
    starter: { expand: (step, env) => templates.expand(step, env), needsJson: needs },
    conditions
  }
}
