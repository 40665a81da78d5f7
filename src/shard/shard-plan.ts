import { subGraph, type StepGraph } from '../graph/load.js'
import { loadRunTimings } from '../run/run-timings.js'
import type { Expectations } from '../timings/expected-durations.js'
import { assignShards, type ShardAssignment } from './assign.js'
import { assignmentFingerprint, graphFingerprint } from './fingerprint.js'
import { shardText, type ShardOf } from './shard-of.js'
import { shardWeights, type ShardWeights } from './weights.js'

/** What a shard's run record says of the shard: what a merge checks and reports. */
export interface ShardRecord {
  readonly index: number
  readonly count: number
  /** The whole graph's fingerprint (fingerprint.ts): every shard must have the same. */
  readonly graph: string
  /** The assignment's fingerprint: every shard must have split the graph the same way. */
  readonly assignment: string
  /** Steps in the whole graph, matrix instances counted one by one. */
  readonly 'graph-steps': number
  /**
   * Where each of this record's steps is in the whole graph (its index in declaration
   * order, matrix instances counted one by one): a merge puts the steps of all shards back
   * in the graph's order, and checks that together they are the whole graph.
   */
  readonly 'graph-indexes': readonly number[]
  /** The ids of this shard's balanced work (the others are what it needs). */
  readonly balanced: readonly string[]
  /** This shard's expected time (ms), or null when the balance counted steps (no timings). */
  readonly 'expected-ms': number | null
}

/** The whole graph split, and this job's share of it as a graph of its own. */
export interface ShardPlan {
  readonly shard: ShardOf
  readonly whole: StepGraph
  readonly assignment: ShardAssignment
  readonly weights: ShardWeights
  /** The steps this shard runs, and the needs among them. */
  readonly graph: StepGraph
  readonly record: ShardRecord
}

export type PlannedShard =
  | { readonly ok: true; readonly plan: ShardPlan }
  | { readonly ok: false; readonly problems: readonly string[] }

export function planShard(
  whole: StepGraph,
  shard: ShardOf,
  expected: Expectations | undefined
): PlannedShard {
  const weights = shardWeights(whole.steps.length, expected)
  const assignment = assignShards(whole, shard.count, v => weights.weights[v] ?? 1)
  if (assignment.conflicts.length > 0) return { ok: false, problems: assignment.conflicts }
  const share = assignment.shares[shard.index - 1]
  if (share === undefined) throw new RangeError(`no shard ${shardText(shard)}`)
  const id = (v: number): string => whole.steps[v]?.id ?? '?'
  return {
    ok: true,
    plan: {
      shard,
      whole,
      assignment,
      weights,
      graph: subGraph(whole, share.steps),
      record: {
        index: shard.index,
        count: shard.count,
        graph: graphFingerprint(whole),
        assignment: assignmentFingerprint(assignment),
        'graph-steps': whole.steps.length,
        'graph-indexes': share.steps,
        balanced: share.balanced.map(id),
        'expected-ms': weights.basis === 'step-count' ? null : Math.round(share.expected)
      }
    }
  }
}

/** The plan of `shard`, its balance from the timings file (read again by the shard's run). */
export function planShardWithTimings(
  whole: StepGraph,
  shard: ShardOf,
  timingsFile: string | undefined
): PlannedShard {
  return planShard(whole, shard, loadRunTimings(timingsFile, whole).expected)
}
