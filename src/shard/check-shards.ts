import path from 'node:path'
import type { ShardFile } from './read-records.js'

/** What a merge found wrong with the shards' files. */
export interface ShardCheck {
  /** The files cannot be merged at all (different graphs, counts or splits; a shard twice). */
  readonly refused: readonly string[]
  /** Merged, but the whole graph fails: a shard missing, failed or cancelled. */
  readonly failing: readonly string[]
}

const named = (shard: ShardFile): string =>
  `${path.basename(shard.file)} (shard ${shard.record.shard.index}/${shard.record.shard.count})`

/**
 * Checks that the files are the shards of one run of one graph, each once, and says of
 * each shard that failed, was cancelled or is missing which one it is and what to do.
 */
export function checkShards(shards: readonly ShardFile[]): ShardCheck {
  const refused: string[] = []
  const failing: string[] = []
  const first = shards[0]
  if (first === undefined) return { refused: ['no shard results files to merge'], failing }
  const { count } = first.record.shard

  const counts = new Map<number, ShardFile[]>()
  for (const shard of shards) {
    const same = counts.get(shard.record.shard.count) ?? []
    same.push(shard)
    counts.set(shard.record.shard.count, same)
  }
  if (counts.size > 1) {
    const sizes = [...counts].map(([n, files]) => `${files.map(named).join(', ')} of ${n}`)
    refused.push(
      `the results files come from different numbers of shards: ${sizes.join('; ')}. ` +
        "Merge one workflow run's files: download only its artifacts (one matrix size)"
    )
    return { refused, failing }
  }
  for (const shard of shards) {
    if (shard.record.shard.graph !== first.record.shard.graph) {
      refused.push(
        `${named(shard)} ran a different step graph from ${named(first)}: the shards ran ` +
          "different commits or graphs. Merge one workflow run's files, or re-run all its shards"
      )
    } else if (shard.record.shard.assignment !== first.record.shard.assignment) {
      refused.push(
        `${named(shard)} split the graph differently from ${named(first)}: they read different ` +
          'timings, so steps would be missing or run twice. Give every shard the same timings ' +
          'file (restore one cache key in all of them, as in the README), and re-run the shards'
      )
    }
  }
  const byIndex = new Map<number, ShardFile[]>()
  for (const shard of shards) {
    const same = byIndex.get(shard.record.shard.index) ?? []
    same.push(shard)
    byIndex.set(shard.record.shard.index, same)
  }
  for (const [index, files] of byIndex) {
    if (files.length > 1)
      refused.push(
        `shard ${index}/${count} has ${files.length} results files (${files.map(f => f.file).join(', ')}): ` +
          'download the artifacts of one workflow run only, one file per shard'
      )
  }
  if (refused.length > 0) return { refused, failing }

  for (let index = 1; index <= count; index++) {
    const shard = byIndex.get(index)?.[0]
    if (shard === undefined) {
      failing.push(
        `shard ${index}/${count} has no results file: its job failed or was cancelled before ` +
          'writing it, or did not upload it. Re-run the failed jobs of the workflow run, then this merge'
      )
    } else if (shard.record.status === 'failure') {
      const ids = shard.record.failed.map(id => `\`${id}\``).join(', ')
      failing.push(
        `shard ${index}/${count} failed${ids ? `: ${ids}` : ''} (see Failures in the summary)`
      )
    } else if (shard.record.status === 'cancelled') {
      failing.push(
        `shard ${index}/${count} was cancelled: its unfinished steps are marked cancelled. Re-run it, then this merge`
      )
    }
  }
  return { refused, failing }
}
