import { data } from '@actions/expressions'
import type { StepGraph } from '../graph/load.js'
import { needsContext, type FinishedSteps } from './needs-context.js'
import { SafeDictionary, toData } from './expression-data.js'

/**
 * The contexts a step's expressions read, when it is ready:
 * - `needs`: its needs' `result` and `outputs` (needs-context.ts);
 * - `env`: the environment it starts from (the job's, and what its needs exported to
 *   GITHUB_ENV), with its own `env` for its run, name and working directory;
 * - `matrix`: a matrix instance's values;
 * - `github` and `runner`: the GITHUB_* and RUNNER_* values the runner sets for every
 *   step, lower-cased without the prefix (`github.sha`, `runner.os`), except a step's own
 *   command files (`github.output`...), which are not the action's.
 */

/** github.* keys that name a step's own files: each step of the graph has private ones. */
const OWN_FILES = new Set(['env', 'path', 'output', 'state', 'step_summary'])

export class ExpressionContexts {
  private readonly github: SafeDictionary
  private readonly runner: SafeDictionary

  constructor(
    private readonly graph: StepGraph,
    private readonly finished: FinishedSteps,
    /** The runner's own GITHUB_* and RUNNER_* values (step-environment.ts). */
    runnerSet: ReadonlyMap<string, string>
  ) {
    const github: [string, data.ExpressionData][] = []
    const runner: [string, data.ExpressionData][] = []
    for (const [name, value] of runnerSet) {
      const upper = name.toUpperCase()
      const key = upper.replace(/^(GITHUB|RUNNER)_/, '').toLowerCase()
      if (upper.startsWith('GITHUB_') && !OWN_FILES.has(key))
        github.push([key, new data.StringData(value)])
      if (upper.startsWith('RUNNER_')) runner.push([key, new data.StringData(value)])
    }
    this.github = new SafeDictionary(github)
    this.runner = new SafeDictionary(runner)
  }

  /**
   * Step v's contexts. `env` is the environment it starts from; `own` (its evaluated
   * `env`) goes over it when given.
   */
  of(step: number, env: NodeJS.ProcessEnv, own?: ReadonlyMap<string, string>): SafeDictionary {
    const matrix = this.graph.steps[step]?.matrix
    return new SafeDictionary([
      ['needs', toData(this.needs(step))],
      ['env', environment(env, own)],
      ['matrix', matrix === undefined ? new data.Null() : toData(matrix)],
      ['github', this.github],
      ['runner', this.runner]
    ])
  }

  needs(step: number): ReturnType<typeof needsContext> {
    return needsContext(this.graph, step, this.finished)
  }
}

/** Own values first: a dictionary keeps the first of a name (in any case). */
function environment(
  env: NodeJS.ProcessEnv,
  own: ReadonlyMap<string, string> | undefined
): SafeDictionary {
  const dictionary = new SafeDictionary()
  for (const [name, value] of own ?? []) dictionary.add(name, new data.StringData(value))
  // for...in: the step's own variables, then those of the base it is built on.
  for (const name in env) {
    const value = env[name]
    if (value !== undefined) dictionary.add(name, new data.StringData(value))
  }
  return dictionary
}
