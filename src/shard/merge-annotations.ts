import { ANNOTATION_TAIL_LINES, type Annotation } from '../report/annotations.js'
import { oneLine } from '../report/text.js'
import type { MergeOutcome } from './merge.js'

type Merged = Extract<MergeOutcome, { ok: true }>

/**
 * The merge's own annotations, before the budget (planAnnotations): an error for each
 * shard that is missing or was cancelled, and one for each failed step, with its shard and
 * last lines, as a run gives them; a warning for each step that passed only on a retry.
 */
export function mergeAnnotations(outcome: Merged): {
  readonly errors: Annotation[]
  readonly warnings: Annotation[]
} {
  const { merged, failing } = outcome
  const shards = merged.shards.length
  const errors: Annotation[] = failing
    .filter(message => !/^shard \d+\/\d+ failed/.test(message))
    .map(message => ({ level: 'error', title: 'stepgraph: merge', message }))
  const warnings: Annotation[] = []
  merged.shards.forEach((shard, k) => {
    for (const step of shard?.record.steps ?? []) {
      const where = `${oneLine(step.name)} (shard ${k + 1}/${shards})`
      if (shard?.record.failed.includes(step.id)) {
        const exit =
          step.signal !== null ? `signal ${step.signal}` : `exit code ${step['exit-code'] ?? '—'}`
        errors.push({
          level: 'error',
          title: `${where}: ${step.status}, ${exit}`,
          message: step['last-lines'].slice(-ANNOTATION_TAIL_LINES).join('\n') || step.status,
          step: step.id
        })
      } else if (step.status === 'success' && step.attempts.length > 1) {
        warnings.push({
          level: 'warning',
          title: `${where} is flaky`,
          message: `passed only on attempt ${step.attempts.length}`,
          step: step.id
        })
      }
    }
  })
  return { errors, warnings }
}
