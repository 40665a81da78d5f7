import { count } from '../plan.js'
import { describeStep, neverStarted, ranFor, STATUS_MARK, whyNotStarted } from '../step-text.js'
import { readableTail } from '../tail-text.js'
import { code, formatDuration, markdownText, preText } from '../text.js'
import { stepDuration, type SummaryModel, type SummaryStep } from './model.js'
import { stepLabel } from './step-label.js'

/** The fullest rendering shows this many of a failure's last lines; shorter ones fewer. */
export const FAILURE_TAIL_LINES = [30, 10, 0] as const
const TAIL_LINE_CHARS = 1000

/**
 * Failures first: each failed or timed-out step with how it ended, the steps skipped
 * because of it and its last `tailLines` lines, open (no click to see why a run failed);
 * then the cancelled steps, those that ran (and for how long) apart from those that never
 * started. Null when nothing failed or was cancelled.
 */
export function failuresSection(model: SummaryModel, tailLines: number): string | null {
  const failed = model.steps.filter(s => s.status === 'failure' || s.status === 'timed-out')
  const cancelled = model.steps.filter(s => s.status === 'cancelled')
  if (failed.length === 0 && cancelled.length === 0) return null
  const parts = failed.length > 0 ? ['### Failures'] : []
  for (const step of failed) parts.push(failure(model, step, tailLines))
  const stopped = cancelled.filter(s => !neverStarted(s))
  if (stopped.length > 0) {
    const each = stopped.map(s => {
      const last = s.attempts[s.attempts.length - 1]
      return `${code(s.id)} ${last ? markdownText(ranFor(last)) : ''}`.trim()
    })
    parts.push(`**Cancelled while running:** ${each.join(', ')}`)
  }
  // Never started: grouped by why (one reason, as a rule: the stop that ended the run).
  const notStarted = new Map<string, string[]>()
  for (const step of cancelled.filter(neverStarted)) {
    const why = whyNotStarted(step) ?? ''
    notStarted.set(why, [...(notStarted.get(why) ?? []), code(step.id)])
  }
  for (const [why, ids] of notStarted)
    parts.push(`**Not started:** ${ids.join(', ')}${why ? ` (${markdownText(why)})` : ''}`)
  return parts.join('\n\n')
}

function failure(model: SummaryModel, step: SummaryStep, tailLines: number): string {
  const duration = stepDuration(step)
  const lines = [
    `#### ${STATUS_MARK[step.status]} ${stepLabel(step)}: ${markdownText(describeStep(step))}` +
      (duration !== null ? ` after ${formatDuration(duration)}` : '') +
      (step.attempts.length > 1 ? `, ${count(step.attempts.length, 'attempt')}` : '') +
      (step.continueOnError ? ' (continue-on-error)' : '')
  ]
  const victims = model.steps.filter(
    other => other.skippedBecauseOf === step.id && other.shard === step.shard
  )
  if (victims.length > 0) {
    lines.push('', `Skipped because of it: ${victims.map(v => code(v.id)).join(', ')}`)
  }
  if (tailLines > 0) {
    const tail = readableTail(step.lastLines, 'as-text')
      .slice(-tailLines)
      .map(line => truncate(line, TAIL_LINE_CHARS))
    if (tail.length > 0) {
      // The label counts the lines below it: readableTail left out what shows as nothing.
      lines.push(
        '',
        `Last ${count(tail.length, 'line')} of output:`,
        '',
        `<pre>${tail.map(line => preText(line)).join('\n')}</pre>`
      )
    }
  }
  return lines.join('\n')
}

function truncate(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text
}
