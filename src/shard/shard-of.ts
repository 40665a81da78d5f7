import type { Parsed } from '../options.js'

/** This job's share of a sharded graph: shard `index` of `count`, both 1-based. */
export interface ShardOf {
  readonly index: number
  readonly count: number
}

/**
 * The most shards a graph is spread over: a workflow's matrix makes at most 256 jobs, so a
 * larger count can only be a mistake.
 */
export const MAX_SHARDS = 256

/** `I/N` as shard and matrix jobs write it (`2/4`): whole numbers, 1 <= I <= N <= 256. */
export function parseShard(text: string): Parsed<ShardOf> {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  if (!match) {
    return {
      ok: false,
      reason: `expected I/N, this job's shard and the number of shards (such as 2/4), got "${text}"`
    }
  }
  const index = Number(match[1])
  const count = Number(match[2])
  if (count < 1 || count > MAX_SHARDS) {
    return {
      ok: false,
      reason: `the number of shards must be 1 to ${MAX_SHARDS} (a matrix makes at most ${MAX_SHARDS} jobs), got "${text}"`
    }
  }
  if (index < 1 || index > count) {
    return {
      ok: false,
      reason: `the shard must be 1 to ${count} (shards are numbered from 1), got "${text}"`
    }
  }
  return { ok: true, value: { index, count } }
}

export function shardText(shard: ShardOf): string {
  return `${shard.index}/${shard.count}`
}
