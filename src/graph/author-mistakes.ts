import { STEP_KEYS } from './spec.js'
import { suggestStepKey } from './suggest.js'
import type { TreeNode } from './yaml-tree.js'

/**
 * What a workflow author brings along when moving a job's steps into a step graph, and
 * what to write instead. A step of the graph is a workflow `run:` step with `needs:`: the
 * job's own keys belong to the job that runs stepgraph, and `uses:` steps (with their
 * `with:`) are not run by stepgraph at all. Every message says what went wrong and what
 * to write; none of them is a bare "unknown key".
 */

/**
 * Keys of a workflow job (`jobs.<id>.*`) that a step does not take. The job keys a step
 * shares (`name`, `needs`, `if`, `env`, `timeout-minutes`, `continue-on-error`) are step
 * keys; `environment` is left to the "did you mean `env`" of suggest.ts.
 */
const JOB_ONLY_KEYS: ReadonlySet<string> = new Set([
  'runs-on',
  'steps',
  'strategy',
  'container',
  'services',
  'permissions',
  'concurrency',
  'outputs',
  'defaults',
  'snapshot',
  'secrets'
])

/** The keys a workflow job may have, for recognising a pasted job. */
export const WORKFLOW_JOB_KEYS: ReadonlySet<string> = new Set([
  ...JOB_ONLY_KEYS,
  'name',
  'needs',
  'if',
  'env',
  'environment',
  'timeout-minutes',
  'continue-on-error',
  'uses',
  'with'
])

/** Job keys whose place is the job that runs stepgraph, as they are. */
const JOB_SETTINGS = new Set([
  'runs-on',
  'container',
  'services',
  'permissions',
  'concurrency',
  'snapshot'
])

/**
 * The message for a key that is not a step key, given the step's other keys; undefined
 * when nothing needs saying (the `with:` of a `uses:` step: `uses:` says it for both).
 */
export function unknownKeyMessage(
  key: string,
  id: string,
  stepKeys: ReadonlySet<string>
): string | undefined {
  const at = `\`${key}\` in step \`${id}\``
  if (key === 'uses') return usesMessage(id)
  if (key === 'with') {
    if (stepKeys.has('uses')) return undefined
    return (
      `${at} gives inputs to an action (\`uses:\`), which a step of the graph is not; ` +
      'pass values to the script through `env:`'
    )
  }
  if (JOB_SETTINGS.has(key)) {
    return (
      `${at} is a job key: every step of the graph runs in the job that runs stepgraph; ` +
      `set \`${key}\` on that job and remove it here`
    )
  }
  switch (key) {
    case 'steps':
      return (
        `step \`${id}\` holds \`steps:\`, a job's list of steps: in a step graph each of ` +
        'them is a step of its own; write them at the top level and order them with `needs:`'
      )
    case 'strategy':
      return (
        `${at} is a job key: ` +
        ((STEP_KEYS as readonly string[]).includes('matrix')
          ? 'give the step its matrix directly, as `matrix:`'
          : 'a step has no matrix; write one step per combination') +
        " (for `fail-fast` and `max-parallel`, use stepgraph's own settings of those names)"
      )
    case 'defaults':
      return (
        `${at} is a job key: give the step \`shell:\` or \`working-directory:\` itself, ` +
        "or set stepgraph's `shell` and `working-directory` for every step"
      )
    case 'secrets':
      return (
        `${at} is a job key (for reusable workflows): give the secret to the stepgraph ` +
        "step's `env:` in the workflow (`TOKEN: ${{ secrets.TOKEN }}`); every step of the " +
        'graph inherits it'
      )
    case 'outputs':
      return (
        `${at} is a job key: a step's outputs are the lines it writes to ` +
        '`$GITHUB_OUTPUT` (`echo "name=value" >> "$GITHUB_OUTPUT"`), and reach `results`'
      )
  }
  const suggestion = suggestStepKey(key, STEP_KEYS)
  return (
    `unknown key \`${key}\` in step \`${id}\`` +
    (suggestion ? `; did you mean \`${suggestion}\`?` : `; step keys are ${STEP_KEYS.join(', ')}`)
  )
}

/**
 * Whether a step with these keys lacks a `run:` that nothing else explains: the message
 * for `uses:` (an action's step) or `steps:` (a job's steps) already says why there is
 * none, and "has no `run`" would repeat the same mistake.
 */
export function lacksRun(keys: { has(key: string): boolean }): boolean {
  return !['run', 'uses', 'steps'].some(key => keys.has(key))
}

/** `uses:` names an action; stepgraph runs shell commands only. */
function usesMessage(id: string): string {
  return (
    `\`uses:\` in step \`${id}\` is not supported: stepgraph runs shell commands; ` +
    'run actions (and their `with:`) as ordinary workflow steps before or after the stepgraph step'
  )
}

/**
 * A value of the wrong shape that a workflow author is likely to write, with what to write
 * instead; undefined when the value's shape is not one of these (the key's own reader then
 * checks it).
 */
export function valueShapeMessage(key: string, field: string, value: TreeNode): string | undefined {
  if (key === 'run' && value.kind === 'list') {
    return (
      `${field} is a list: a step runs one script; ` +
      'write its commands as a block, `run: |` with one command a line beneath'
    )
  }
  if (key === 'env' && value.kind === 'list') {
    return (
      `${field} must be a mapping of variable names to values, not a list: ` +
      'write each variable as `NAME: value` on a line of its own'
    )
  }
  return undefined
}
