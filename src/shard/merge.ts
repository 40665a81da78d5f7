import { readTimings, updatedTimings, writeTimings } from '../timings/timings-file.js'
import { balanceOf, type Balance } from './balance.js'
import { checkShards } from './check-shards.js'
import { measuredDurations, mergeShardRecords, type MergedRun } from './merged-record.js'
import { readShardFiles } from './read-records.js'
import { recordFiles } from './record-files.js'

export type MergeOutcome =
  | {
      readonly ok: false
      /** Why the files cannot be merged: each says which file or shard, and what to do. */
      readonly refused: readonly string[]
    }
  | {
      readonly ok: true
      readonly merged: MergedRun
      readonly balance: Balance
      /** Shards missing, failed or cancelled: the whole graph fails, each says why. */
      readonly failing: readonly string[]
      /** JSON files found that are not run records (other artifacts), left alone. */
      readonly skipped: readonly string[]
    }

/** Finds, reads, checks and joins the shards' results files. Runs nothing. */
export function mergeResults(patterns: readonly string[], cwd: string): MergeOutcome {
  const found = recordFiles(patterns, cwd)
  if (found.problems.length > 0) return { ok: false, refused: found.problems }
  const read = readShardFiles(found.files)
  if (read.problems.length > 0) return { ok: false, refused: read.problems }
  if (read.shards.length === 0) {
    return {
      ok: false,
      refused: [
        `none of the JSON files found is a shard's results file (${read.skipped.join(', ')}): ` +
          'run each shard job with `shard: I/N` (or --shard I/N), upload its `results-file`, ' +
          'and download them all here'
      ]
    }
  }
  const check = checkShards(read.shards)
  if (check.refused.length > 0) return { ok: false, refused: check.refused }
  const merged = mergeShardRecords(read.shards)
  return {
    ok: true,
    merged,
    balance: balanceOf(merged),
    failing: check.failing,
    skipped: read.skipped
  }
}

/**
 * The timings file after a merge: every step that succeeded in some shard adds its
 * duration, so the next run's shards balance on this one. Returns why it could not be
 * written. A corrupt previous file is started afresh (its warning is returned too).
 */
export function saveMergedTimings(file: string, merged: MergedRun): string | undefined {
  const previous = readTimings(file)
  const ids = merged.record.steps.map(step => step.id)
  const problem = writeTimings(
    file,
    updatedTimings(previous.timings, ids, measuredDurations(merged))
  )
  return problem ?? previous.warning
}
