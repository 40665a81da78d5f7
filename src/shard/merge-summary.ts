import { count } from '../report/plan.js'
import { SUMMARY_BUDGET } from '../report/summary.js'
import { code, formatDuration, markdownText, preText } from '../report/text.js'
import { balanceSection } from './balance.js'
import type { MergeOutcome } from './merge.js'

type Merged = Extract<MergeOutcome, { ok: true }>

/** Lines of a failed step shown in the summary (the record keeps up to 30). */
const TAIL_LINES = 30

/**
 * The merge's job summary: what failed across all shards first (shards missing, failed
 * or cancelled, then each failed step with its shard and last lines), then the shards'
 * balance (wall time against machine time), then one table of every step with its shard.
 * Cut to the runner's 1 MiB with a note.
 */
export function mergeSummary(outcome: Merged): string {
  const { merged, failing, balance } = outcome
  const { record } = merged
  const status = record.status
  const parts: string[] = [
    `## stepgraph merge: ${status === 'success' ? '✅' : status === 'cancelled' ? '⏹' : '❌'} ` +
      `${status} · ${count(record.steps.length, 'step')} over ${count(merged.shards.length, 'shard')}`,
    ''
  ]
  if (failing.length > 0) parts.push(...failing.map(line => `- ${markdownText(line)}`), '')
  const failed = merged.shards.flatMap((shard, k) =>
    (shard?.record.steps ?? [])
      .filter(step => shard?.record.failed.includes(step.id))
      .map(step => ({ shard: k + 1, step }))
  )
  if (failed.length > 0) {
    parts.push('### Failures', '')
    for (const { shard, step } of failed) {
      const exit =
        step.signal !== null
          ? `signal ${step.signal}`
          : step['exit-code'] !== null
            ? `exit code ${step['exit-code']}`
            : step.status
      parts.push(
        `**${code(step.id)}** (shard ${shard}/${merged.shards.length}): ${step.status}, ${exit}`,
        ''
      )
      const tail = step['last-lines'].slice(-TAIL_LINES)
      if (tail.length > 0) parts.push('<pre>', ...tail.map(preText), '</pre>', '')
    }
  }
  parts.push(balanceSection(balance))
  parts.push(
    '### Steps',
    '',
    '| Shard | Status | Step | Start | Duration | Attempts |',
    '| ---: | --- | --- | ---: | ---: | ---: |'
  )
  merged.shards.forEach((shard, k) => {
    const offset = merged.offsets[k] ?? 0
    for (const step of shard?.record.steps ?? []) {
      const start = step.attempts[0]
      parts.push(
        `| ${k + 1} | ${step.status} | ${code(step.id)} | ` +
          `${start ? `+${formatDuration(offset + start['start-ms'])}` : '—'} | ` +
          `${step['duration-ms'] === null ? '—' : formatDuration(step['duration-ms'])} | ${step.attempts.length} |`
      )
    }
  })
  parts.push('')
  return withinBudget(parts.join('\n'))
}

function withinBudget(markdown: string): string {
  if (Buffer.byteLength(markdown) <= SUMMARY_BUDGET) return markdown
  const note = '\n\n_The summary was cut here: it would pass the runner’s 1 MiB limit._\n'
  const cut = Buffer.from(markdown)
    .subarray(0, SUMMARY_BUDGET - 200)
    .toString('utf8')
  return cut.slice(0, cut.lastIndexOf('\n')) + note
}
