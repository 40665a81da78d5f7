import { Evaluator, type Expr } from '@actions/expressions'
import { truthy } from '@actions/expressions/result'
import type { Template } from '../graph/expressions.js'
import type { StepGraph } from '../graph/load.js'
import type { StepSpec } from '../graph/spec.js'
import type { StepStarter } from '../process/process-workers.js'
import type { StepConditions } from '../scheduler/conditions.js'
import { decide, type Decision, type NeedState, type StatusValues } from '../scheduler/policy.js'
import { ExpressionContexts } from './expression-contexts.js'
import { functionsFor } from './expression-data.js'
import type { FinishedSteps } from './needs-context.js'

/**
 * The evaluation of a graph's expressions (parsed and checked by src/graph/expressions.ts),
 * loaded with import() only for a graph that has any. Each is evaluated once, when its
 * step is ready: the `if` when the scheduler decides the step, the `${{ }}` of its env,
 * name, run and working directory when it starts. What an expression gives is used as
 * text and never read as an expression again (an output holding `${{ }}` stays as it is).
 */

/** What the evaluation reads, besides the graph. */
export interface EvaluationSources {
  readonly finished: FinishedSteps
  /** The runner's own GITHUB_* and RUNNER_* values: the `github` and `runner` contexts. */
  readonly runnerSet: ReadonlyMap<string, string>
  /** The environment step v starts from: the job's and what its needs exported. */
  readonly startingEnvironment: (step: number) => NodeJS.ProcessEnv
  /** Step v starts with this spec, its `${{ }}` evaluated (`recordStartedSpec`). */
  readonly started: (step: number, spec: StepSpec) => void
}

export function expressionEvaluation(
  graph: StepGraph,
  sources: EvaluationSources
): { readonly conditions: ExpressionConditions; readonly templates: StepTemplates } {
  const contexts = new ExpressionContexts(graph, sources.finished, sources.runnerSet)
  return {
    conditions: new ExpressionConditions(graph, contexts, sources.startingEnvironment),
    templates: new StepTemplates(graph, contexts, sources.started)
  }
}

class ExpressionConditions implements StepConditions {
  constructor(
    private readonly graph: StepGraph,
    private readonly contexts: ExpressionContexts,
    private readonly startingEnvironment: (step: number) => NodeJS.ProcessEnv
  ) {}

  startsWhenStopping(step: number): boolean {
    return this.graph.expressions?.[step]?.condition.calls.has('cancelled') ?? false
  }

  decide(step: number, needs: readonly NeedState[], stopping: boolean): Decision {
    const condition = this.graph.expressions?.[step]?.condition
    const text = this.graph.steps[step]?.if ?? ''
    if (condition === undefined) throw new Error(`step ${step} has no parsed condition`)
    return decide({ text, callsStatus: condition.calls.size > 0 }, needs, stopping, values => {
      try {
        return truthy(this.evaluate(condition.expression, step, values))
      } catch (error) {
        return { error: messageOf(error) }
      }
    })
  }

  private evaluate(
    expression: Expr,
    step: number,
    values: StatusValues
  ): ReturnType<Evaluator['evaluate']> {
    const contexts = this.contexts.of(step, this.startingEnvironment(step))
    return new Evaluator(expression, contexts, functionsFor(values)).evaluate()
  }
}

/** The `${{ }}` of a step's env, name, run and working directory, when it starts. */
class StepTemplates implements Pick<StepStarter, 'expand'> {
  /** The specs as written: `graph.steps` takes each one's evaluated spec when it starts. */
  private readonly written: readonly StepSpec[]
  /** Each step's evaluated spec, for its retries: evaluated once, as a job's step is. */
  private readonly evaluated = new Map<number, StepSpec | { readonly error: string }>()

  constructor(
    private readonly graph: StepGraph,
    private readonly contexts: ExpressionContexts,
    private readonly started: EvaluationSources['started']
  ) {
    this.written = [...graph.steps]
  }

  expand(step: number, env: NodeJS.ProcessEnv): StepSpec | { readonly error: string } {
    const known = this.evaluated.get(step)
    if (known !== undefined) return known
    const evaluated = this.evaluate(step, env)
    this.evaluated.set(step, evaluated)
    if (!('error' in evaluated) && evaluated !== this.written[step]) this.started(step, evaluated)
    return evaluated
  }

  private evaluate(step: number, env: NodeJS.ProcessEnv): StepSpec | { readonly error: string } {
    const spec = this.written[step] as StepSpec
    const templates = this.graph.expressions?.[step]
    if (templates === undefined) return spec
    const { run, name, workingDirectory } = templates
    if (templates.env.size === 0 && !run && !name && !workingDirectory) return spec
    let field = '`env`'
    try {
      const before = this.contexts.of(step, env)
      const ownEnv = new Map(spec.env)
      for (const [variable, template] of templates.env) {
        field = `\`${variable}\` in \`env\``
        ownEnv.set(variable, text(template, before))
      }
      const contexts = this.contexts.of(step, env, ownEnv)
      field = '`name`'
      const evaluatedName = name ? text(name, contexts) : spec.name
      field = '`run`'
      const evaluatedRun = run ? text(run, contexts) : spec.run
      field = '`working-directory`'
      const directory = workingDirectory ? text(workingDirectory, contexts) : spec.workingDirectory
      return {
        ...spec,
        name: evaluatedName,
        run: evaluatedRun,
        env: ownEnv,
        ...(directory !== undefined && { workingDirectory: directory })
      }
    } catch (error) {
      return { error: `could not evaluate \`\${{ }}\` in ${field}: ${messageOf(error)}` }
    }
  }
}

/**
 * A template's text, each expression's value as a string (null is ''). A NUL is refused,
 * as in every string of a step: no process can be given one.
 */
function text(template: Template, contexts: ReturnType<ExpressionContexts['of']>): string {
  const value = template
    .map(part =>
      typeof part === 'string'
        ? part
        : new Evaluator(part, contexts, functionsFor()).evaluate().coerceString()
    )
    .join('')
  if (value.includes('\0'))
    throw new Error('it gives a NUL character (no process can be given one)')
  return value
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
