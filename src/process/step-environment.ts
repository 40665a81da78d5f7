/**
 * The environment of a `run:` step, worked out from the runner's handlers (actions/runner
 * 2.336). stepgraph is a JavaScript action, and the runner gives an action more than it
 * gives a `run:` step; a step of the graph must see only what a `run:` step would.
 */

/**
 * Given by NodeScriptActionHandler to actions only: with them any program a step runs
 * could write to the job's cache and artifacts. (`ACTIONS_ID_TOKEN_REQUEST_*` and
 * `ACTIONS_ORCHESTRATION_ID` are given to `run:` steps too, by ScriptHandler.)
 */
const ACTION_ONLY = new Set([
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_CACHE_MODE',
  // ActionRunner sets these for an action from a repository and clears them for a script.
  'GITHUB_ACTION_REPOSITORY',
  'GITHUB_ACTION_REF'
])

/** Handler.AddInputsToEnvironment: the action's inputs. */
const INPUT_PREFIX = 'INPUT_'

/**
 * The github and runner context keys the runner sets as GITHUB_<KEY> and RUNNER_<KEY> for
 * every step (GitHubContext's allow-list, RunnerContext), after the step's own `env` and
 * what GITHUB_ENV exported: a step cannot change them, and neither can a graph step.
 */
const GITHUB_CONTEXT_KEYS = [
  'action_path',
  'action_ref',
  'action_repository',
  'action',
  'actor',
  'actor_id',
  'api_url',
  'artifacts',
  'artifacts_list',
  'base_ref',
  'env',
  'event_name',
  'event_path',
  'graphql_url',
  'head_ref',
  'job',
  'output',
  'path',
  'ref_name',
  'ref_protected',
  'ref_type',
  'ref',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'retention_days',
  'run_attempt',
  'run_id',
  'run_number',
  'server_url',
  'sha',
  'state',
  'step_summary',
  'triggering_actor',
  'workflow',
  'workflow_ref',
  'workflow_sha',
  'workspace'
]
const RUNNER_CONTEXT_KEYS = [
  'arch',
  'debug',
  'environment',
  'name',
  'os',
  'temp',
  'tool_cache',
  'workspace'
]

/** GITHUB_* and RUNNER_* names the runner sets for each step itself, in upper case. */
export const RUNNER_SET_NAMES: ReadonlySet<string> = new Set([
  ...GITHUB_CONTEXT_KEYS.map(key => `GITHUB_${key.toUpperCase()}`),
  ...RUNNER_CONTEXT_KEYS.map(key => `RUNNER_${key.toUpperCase()}`)
])

/** Whether the runner sets `name` for every step, whatever a step exports or declares. */
export function isRunnerSet(name: string): boolean {
  return RUNNER_SET_NAMES.has(name.toUpperCase())
}

/**
 * What every step starts from: the action's environment without what only actions get.
 * Names are compared in upper case: on Windows the environment ignores case.
 */
export function runStepEnvironment(actionEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // No prototype, here and in every step's environment built on it: a variable named
  // `__proto__` or `constructor` is an ordinary name, set and passed on like any other.
  const env = Object.create(null) as NodeJS.ProcessEnv
  for (const [name, value] of Object.entries(actionEnv)) {
    const upper = name.toUpperCase()
    if (ACTION_ONLY.has(upper) || upper.startsWith(INPUT_PREFIX)) continue
    env[name] = value
  }
  return env
}

/**
 * The runner's own GITHUB_* and RUNNER_* values, as the action received them: put back
 * last in every step's environment, over its `env` and what its needs exported.
 */
export function runnerSetValues(actionEnv: NodeJS.ProcessEnv): ReadonlyMap<string, string> {
  const values = new Map<string, string>()
  for (const [name, value] of Object.entries(actionEnv)) {
    if (value !== undefined && isRunnerSet(name) && !ACTION_ONLY.has(name.toUpperCase()))
      values.set(name, value)
  }
  return values
}

/**
 * A step's environment, built on the shared base environment (its prototype: no copy of
 * a hundred variables per step). Where names ignore case (Windows), setting a name
 * replaces the variable under any other spelling, as the runner's environment dictionary
 * does; Node would otherwise pass both spellings and keep whichever sorts first.
 */
export class EnvironmentBuilder {
  readonly env: NodeJS.ProcessEnv
  /** Upper-cased name -> the spelling in use, when names ignore case. */
  private readonly spelling: Map<string, string> | undefined

  constructor(base: NodeJS.ProcessEnv, baseSpelling: ReadonlyMap<string, string> | undefined) {
    this.env = Object.create(base) as NodeJS.ProcessEnv
    this.spelling = baseSpelling && new Map(baseSpelling)
  }

  /** The spelling of each name in `env`, for builders where names ignore case. */
  static spellingOf(env: NodeJS.ProcessEnv): Map<string, string> {
    return new Map(Object.keys(env).map(name => [name.toUpperCase(), name]))
  }

  get(name: string): string | undefined {
    return this.env[this.spelling?.get(name.toUpperCase()) ?? name]
  }

  set(name: string, value: string): void {
    if (this.spelling) {
      const upper = name.toUpperCase()
      const previous = this.spelling.get(upper)
      // Undefined hides an inherited spelling: spawn leaves undefined values out.
      if (previous !== undefined && previous !== name) this.env[previous] = undefined
      this.spelling.set(upper, name)
    }
    this.env[name] = value
  }
}
