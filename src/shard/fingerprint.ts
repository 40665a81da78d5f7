import { createHash } from 'node:crypto'
import type { StepGraph } from '../graph/load.js'
import type { ShardAssignment } from './assign.js'

/**
 * What identifies a graph across the shards' jobs: every step's id, name, script, needs,
 * condition and pin, in order. Two shards with the same fingerprint ran the same graph; a
 * merge refuses records whose fingerprints differ (a shard of another commit, a re-run
 * after the graph changed). 16 hex digits of SHA-256: a name, not a secret.
 */
export function graphFingerprint(graph: StepGraph): string {
  const hash = createHash('sha256')
  graph.steps.forEach((step, v) => {
    hash.update(
      JSON.stringify([
        step.id,
        step.name,
        step.run,
        step.if,
        step.shards ?? null,
        graph.dag.predecessors[v] ?? []
      ])
    )
    hash.update('\n')
  })
  return hash.digest('hex').slice(0, 16)
}

/**
 * What identifies an assignment: which shard runs each step. Shards that read different
 * timings (a cache restored in one job and not another) would split the graph differently
 * and together leave steps out or run them twice; a merge refuses them.
 */
export function assignmentFingerprint(assignment: ShardAssignment): string {
  const hash = createHash('sha256')
  for (const share of assignment.shares) hash.update(`${share.steps.join(',')}\n`)
  return hash.digest('hex').slice(0, 16)
}
