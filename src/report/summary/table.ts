import { count } from '../plan.js'
import { STATUS_MARK } from '../step-text.js'
import { code, formatDuration } from '../text.js'
import type { RunPath } from './critical-path.js'
import { stepDuration, type SummaryModel, type SummaryStep } from './model.js'
import { stepLabel } from './step-label.js'

/**
 * A no-break space: a cell's status ("✓ success") or time ("+1m 05s") is one unit, and a
 * table wider than the page breaks its cells at spaces (GitHub fits a table to the
 * page); the step's name and its needs wrap instead.
 */
const NBSP = '\u00a0'

function unbroken(text: string): string {
  return text.replace(/ /g, NBSP)
}

function time(ms: number): string {
  return unbroken(formatDuration(ms))
}

/**
 * Every step (or, shortened, every step that did not succeed): status, name, needs, start,
 * duration, queue wait, slot, attempts; in a merge, the shard too. The steps on the
 * critical path are marked ◆, and a wait for a slot on it ⇢.
 */
export function tableSection(
  model: SummaryModel,
  path: RunPath,
  onlyUnsuccessful: boolean
): string {
  const sharded = model.steps.some(step => step.shard !== undefined)
  const rows = model.steps
    .map((step, index) => ({ step, index }))
    .filter(({ step }) => !onlyUnsuccessful || step.status !== 'success')
  const head = ['Status', 'Step', 'Needs', ...(sharded ? ['Shard'] : []), 'Start', 'Duration']
  const tail = ['Queue wait', 'Slot', 'Attempts']
  const lines = [
    '### Steps',
    '',
    `| ${[...head, ...tail].join(' | ')} |`,
    `| :-- | :-- | :-- | ${[...(sharded ? ['--:'] : []), '--:', '--:', '--:', '--:', '--:'].join(' | ')} |`
  ]
  for (const { step, index } of rows) lines.push(row(model, path, step, index, sharded))
  const notes: string[] = []
  if (onlyUnsuccessful && rows.length < model.steps.length) {
    notes.push(`${count(model.steps.length - rows.length, 'successful step')} not listed.`)
  }
  if (path.steps.size > 0) {
    notes.push(
      '◆ on the critical path' +
        (path.slotWaits.size > 0
          ? '; ⇢ a wait for a slot on it (more slots could have helped)'
          : '') +
        '.'
    )
  }
  if (notes.length > 0) lines.push('', `_${notes.join(' ')}_`)
  return lines.join('\n')
}

function row(
  model: SummaryModel,
  path: RunPath,
  step: SummaryStep,
  index: number,
  sharded: boolean
): string {
  const first = step.attempts[0]
  const duration = stepDuration(step)
  const slots = [...new Set(step.attempts.map(a => a.slot))].join(', ')
  const wait = first && step.readyAt !== null ? Math.max(0, first.startedAt - step.readyAt) : null
  const slotWait = path.slotWaits.get(index)
  const waitCell =
    slotWait !== undefined ? `**⇢${NBSP}${time(slotWait)}**` : wait !== null ? time(wait) : '—'
  // The words of a status, not how it ended: the failures above say that, in full.
  const status =
    step.status === 'cancelled' && !first ? 'not started' : unbroken(step.status.replace('-', ' '))
  const cells = [
    `${STATUS_MARK[step.status]}${NBSP}${unbroken(status)}`,
    `${path.steps.has(index) ? `◆${NBSP}` : ''}${stepLabel(step)}`,
    step.needs.map(code).join(', ') || '—',
    ...(sharded ? [step.shard === undefined ? '—' : String(step.shard)] : []),
    first ? `+${time(first.startedAt)}` : '—',
    duration !== null ? time(duration) : '—',
    waitCell,
    slots || '—',
    String(step.attempts.length)
  ]
  return `| ${cells.join(' | ')} |`
}
