import { WORKFLOW_JOB_KEYS } from './author-mistakes.js'
import type { Problem } from './source.js'
import type { ListNode, MappingNode, TreeNode } from './yaml-tree.js'

/**
 * A step graph pasted with the workflow around it: a job (`steps:` holding the list, maybe
 * with `runs-on:` and the job's other keys) or a whole workflow (`jobs:`). Read as a
 * mapping of step ids, each key would be a step and the message would be about a step
 * called `steps`; instead one problem says what the text is and what to keep.
 */
export interface PastedWorkflow {
  readonly problem: Problem
  /** The job's list of steps, read as the list form so that its own problems show too. */
  readonly steps?: ListNode
}

export function pastedWorkflow(root: MappingNode): PastedWorkflow | undefined {
  // Most graphs have neither key: one pass, nothing allocated.
  const suspect = root.entries.some(
    ([key]) => key.kind === 'scalar' && (key.text === 'jobs' || key.text === 'steps')
  )
  if (!suspect) return undefined
  const keys = root.entries.flatMap(([key, value]) =>
    key.kind === 'scalar' ? [{ name: key.text, key, value }] : []
  )
  if (keys.length !== root.entries.length) return undefined
  const jobs = keys.find(entry => entry.name === 'jobs')
  if (jobs && isWorkflowJobs(jobs.value)) {
    return {
      problem: {
        message:
          'this is a whole workflow (`jobs:`), not a step graph: give the steps of one job, ' +
          'without `jobs:`, the job and its `steps:` (a list of steps, or a mapping of step ids)',
        position: jobs.key.position
      }
    }
  }
  const steps = keys.find(entry => entry.name === 'steps')
  if (steps?.value.kind !== 'list') return undefined
  const others = keys.filter(entry => entry !== steps).map(entry => entry.name)
  if (!others.every(name => WORKFLOW_JOB_KEYS.has(name))) return undefined
  const message =
    others.length === 0
      ? 'the step graph is wrapped in `steps:`, as in a workflow job: remove the `steps:` ' +
        'line and give the list itself (or a mapping of step ids)'
      : `the step graph is a workflow job (${[...others, 'steps'].map(name => `\`${name}\``).join(', ')}): ` +
        "give only the list under `steps:`, without `steps:` and the job's other keys " +
        '(they belong to the job that runs stepgraph)'
  return { problem: { message, position: steps.key.position }, steps: steps.value }
}

/** `jobs:` as a workflow writes it: job ids to mappings with `steps`, `runs-on` or `uses`. */
function isWorkflowJobs(value: TreeNode): boolean {
  return (
    value.kind === 'mapping' &&
    value.entries.some(
      ([, job]) =>
        job.kind === 'mapping' &&
        job.entries.some(
          ([key]) => key.kind === 'scalar' && ['steps', 'runs-on', 'uses'].includes(key.text)
        )
    )
  )
}
