import type { RunRecord, StepRecord } from '../report/run-record.js'
import type { ShardFile } from './read-records.js'

/** What a merge makes of the shards' records. */
export interface MergedRun {
  /**
   * The whole graph's record, as one run of it would have it: every step once, in the
   * graph's order (a step several shards ran, such as an install: the run that did not
   * succeed, if one did not, else the first shard's), the shards' annotations, started
   * with the first shard and ended with the last. Without `shard`. What the merge's
   * `results`, `failed` and `results-file` are written from.
   */
  readonly record: RunRecord
  /** Each shard's record, by shard (1-based index - 1); undefined for a missing shard. */
  readonly shards: readonly (ShardFile | undefined)[]
  /** Each shard's start after the first shard's, in ms (the timeline's offsets). */
  readonly offsets: readonly number[]
}

/** How bad a step's ending is, to pick among the runs of a step several shards ran. */
const SEVERITY: Readonly<Record<StepRecord['status'], number>> = {
  success: 0,
  skipped: 1,
  cancelled: 2,
  'timed-out': 3,
  failure: 4
}

/**
 * Joins checked shard files (checkShards: one graph, one count, one split, each shard
 * once). A shard without a file fails the whole graph: its steps are simply absent.
 */
export function mergeShardRecords(files: readonly ShardFile[]): MergedRun {
  const count = files[0]?.record.shard.count ?? 0
  const shards: (ShardFile | undefined)[] = Array.from({ length: count }, () => undefined)
  for (const file of files) shards[file.record.shard.index - 1] = file
  const present = shards.filter((shard): shard is ShardFile => shard !== undefined)
  const starts = present.map(shard => Date.parse(shard.record['started-at']))
  const start = Math.min(...starts)
  const end = Math.max(
    ...present.map((shard, i) => (starts[i] as number) + shard.record['duration-ms'])
  )

  const byIndex = new Map<number, StepRecord>()
  for (const { record } of present) {
    record.steps.forEach((step, i) => {
      const at = record.shard['graph-indexes'][i] ?? -1
      const earlier = byIndex.get(at)
      if (earlier === undefined || SEVERITY[step.status] > SEVERITY[earlier.status])
        byIndex.set(at, step)
    })
  }
  const steps = [...byIndex].sort(([a], [b]) => a - b).map(([, step]) => step)
  const failed = new Set(present.flatMap(shard => shard.record.failed))
  const missing = present.length < count
  const cancelled = present.some(shard => shard.record.cancelled)
  const anyFailed = missing || present.some(shard => shard.record.status === 'failure')
  const record: RunRecord = {
    format: present[0]?.record.format ?? 'stepgraph-run-record',
    version: present[0]?.record.version ?? 1,
    status: anyFailed
      ? 'failure'
      : present.some(shard => shard.record.status === 'cancelled')
        ? 'cancelled'
        : 'success',
    cancelled,
    'started-at': new Date(start).toISOString(),
    'duration-ms': Math.max(0, end - start),
    slots: present.reduce((sum, shard) => sum + shard.record.slots, 0),
    failed: steps.filter(step => failed.has(step.id)).map(step => step.id),
    steps,
    annotations: present.flatMap(shard => shard.record.annotations),
    'annotations-left-out': present.reduce(
      (sum, shard) => sum + shard.record['annotations-left-out'],
      0
    )
  }
  const offsets = shards.map(shard =>
    shard === undefined ? 0 : Date.parse(shard.record['started-at']) - start
  )
  return { record, shards, offsets }
}

/** Each step's duration in its successful run, for the timings file (any shard's). */
export function measuredDurations(merged: MergedRun): Map<string, number> {
  const measured = new Map<string, number>()
  for (const shard of merged.shards) {
    for (const step of shard?.record.steps ?? []) {
      const last = step.attempts.at(-1)
      if (step.status === 'success' && last !== undefined && !measured.has(step.id))
        measured.set(step.id, last['duration-ms'])
    }
  }
  return measured
}
