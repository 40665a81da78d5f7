import { readFileSync } from 'node:fs'
import { RUN_RECORD_FORMAT, RUN_RECORD_VERSION, type RunRecord } from '../report/run-record.js'
import type { ShardRecord } from './shard-plan.js'

/** A shard's run record, as read back by a merge. */
export interface ShardFile {
  readonly file: string
  readonly record: RunRecord & { readonly shard: ShardRecord }
}

/**
 * The largest results file a merge reads: a record holds at most 1 MiB of step summaries,
 * 30 last lines per step and 1,000 annotations, so anything near this is not a record.
 */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024

/**
 * Reads each file as a shard's run record. Files that are JSON but not shards' records
 * (other artifacts downloaded into the same directory, the record of a run without
 * `shard`) are skipped and listed; a record of another version is a problem that names
 * the file.
 */
export function readShardFiles(files: readonly string[]): {
  readonly shards: readonly ShardFile[]
  readonly skipped: readonly string[]
  readonly problems: readonly string[]
} {
  const shards: ShardFile[] = []
  const skipped: string[] = []
  const problems: string[] = []
  for (const file of files) {
    let parsed: unknown
    try {
      const text = readFileSync(file, 'utf8')
      if (text.length > MAX_RECORD_BYTES) throw new Error('it is too large for a run record')
      parsed = JSON.parse(text)
    } catch (error) {
      problems.push(`${file} could not be read: ${(error as Error).message}`)
      continue
    }
    if (!isObject(parsed) || parsed.format !== RUN_RECORD_FORMAT) {
      skipped.push(file)
      continue
    }
    if (parsed.version !== RUN_RECORD_VERSION) {
      problems.push(
        `${file} is a version ${String(parsed.version)} run record; this stepgraph reads version ` +
          `${RUN_RECORD_VERSION}: run the shards and the merge with the same stepgraph version`
      )
      continue
    }
    // A record of a run without `shard` (an earlier merge's, written beside the shards'
    // files) is no shard's: left alone like any other JSON, and said so.
    if (!isShardRecord(parsed.shard) || !Array.isArray(parsed.steps)) {
      skipped.push(file)
      continue
    }
    // Written by stepgraph itself (format and version checked): its fields are as typed.
    shards.push({ file, record: parsed as unknown as ShardFile['record'] })
  }
  return { shards, skipped, problems }
}

function isShardRecord(value: unknown): value is ShardRecord {
  return (
    isObject(value) &&
    Number.isInteger(value.index) &&
    Number.isInteger(value.count) &&
    typeof value.graph === 'string' &&
    typeof value.assignment === 'string' &&
    Number.isInteger(value['graph-steps']) &&
    Array.isArray(value['graph-indexes'])
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
