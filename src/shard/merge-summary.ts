import type { Annotation } from '../report/annotations.js'
import { buildSummary, joinShards, summaryModelOf } from '../report/summary.js'
import { markdownText } from '../report/text.js'
import { balanceSection } from './balance.js'
import type { MergeOutcome } from './merge.js'

type Merged = Extract<MergeOutcome, { ok: true }>

/** Shards' problems shown above the summary (at most ~300 bytes each). */
const SHOWN_PROBLEMS = 10

/**
 * The merge's job summary, drawn by the sections of one run's summary (src/report/
 * summary/) from the shards' records joined: failures first across all shards, the
 * critical path, one table with a shard column, a timeline per shard and slot. Before
 * them, what is wrong with the shards themselves (missing, failed, cancelled); after the
 * timeline, the shards' balance: wall time against machine time, and each shard's time.
 */
export function mergeSummary(
  outcome: Merged,
  annotationsLeftOut: { readonly listed: readonly Annotation[]; readonly unlisted: number } = {
    listed: [],
    unlisted: 0
  }
): string {
  const { merged, failing, balance } = outcome
  const models = merged.shards.flatMap((shard, k) =>
    shard === undefined
      ? []
      : [
          summaryModelOf(shard.record, undefined, {
            shard: k + 1,
            offsetMs: merged.offsets[k] ?? 0
          })
        ]
  )
  const summary = buildSummary(joinShards(models, annotationsLeftOut), {
    extraSections: [
      { name: 'the shards’ balance', priority: 85, renderings: [() => balanceSection(balance)] }
    ]
  })
  if (failing.length === 0) return summary
  // Within the budget: the summary leaves 4 KiB of room; the log has every line.
  const shown = failing.slice(0, SHOWN_PROBLEMS).map(line => `> ❌ ${markdownText(line)}`)
  if (failing.length > SHOWN_PROBLEMS)
    shown.push(`> and ${failing.length - SHOWN_PROBLEMS} more shards: see the log`)
  return `${shown.join('\n>\n')}\n\n${summary}`
}
