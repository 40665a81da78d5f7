import type { StepStatus } from '../../scheduler/results.js'
import { count } from '../plan.js'
import { neverStarted, partialBecause, STATUS_MARK, stepTime } from '../step-text.js'
import { formatDuration } from '../text.js'
import type { SummaryModel } from './model.js'

const ORDER: readonly StepStatus[] = ['failure', 'timed-out', 'cancelled', 'success', 'skipped']
const WORDS: Readonly<Record<StepStatus, string>> = {
  failure: 'failed',
  'timed-out': 'timed out',
  cancelled: 'cancelled',
  success: 'succeeded',
  skipped: 'skipped'
}

/**
 * How many steps ended how; the wall-clock time against the sum of the steps' times (the
 * speed-up, unless steps were cancelled: their times are partial, and so would it be).
 */
export function headlineSection(model: SummaryModel): string {
  const counts = new Map<StepStatus, number>()
  for (const step of model.steps) counts.set(step.status, (counts.get(step.status) ?? 0) + 1)
  const notStarted = model.steps.filter(neverStarted).length
  const parts = ORDER.filter(status => (counts.get(status) ?? 0) > 0).map(
    status =>
      `${STATUS_MARK[status]} ${counts.get(status) ?? 0} ${WORDS[status]}` +
      (status === 'cancelled' && notStarted > 0 ? ` (${notStarted} never started)` : '')
  )
  const wall = model.wallMs
  const work = model.steps.reduce((total, step) => total + stepTime(step), 0)
  const partial = partialBecause({ cancelled: model.cancelled, results: model.steps })
  const speedup = wall > 0 && partial === undefined ? work / wall : 0
  const lines = [
    `## stepgraph: ${parts.join(' · ')}`,
    '',
    `**${formatDuration(wall)}** of wall-clock time for **${formatDuration(work)}** of step time` +
      (speedup >= 1.05 ? `: **${speedup.toFixed(1)}× faster** than one after another` : '') +
      `, with ${count(model.slots, 'slot')} (at most ${peakConcurrency(model)} running at once).`
  ]
  if (model.cancelled)
    lines.push(
      '',
      '**The run was cancelled**: unfinished steps are marked cancelled, and the times ' +
        'above are partial.'
    )
  else if (partial !== undefined)
    lines.push('', `**Steps were cancelled** (${partial}): the times above are partial.`)
  return lines.join('\n')
}

/**
 * The most attempts running at one moment in the slots (an end and a start at the same
 * moment: not both); services hold no slot and are not counted.
 */
function peakConcurrency(model: SummaryModel): number {
  const events = model.steps
    .filter(step => step.serviceReadyAt === undefined)
    .flatMap(step => step.attempts)
    .flatMap(a => [
      { at: a.startedAt, delta: 1 },
      { at: a.endedAt, delta: -1 }
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta)
  let running = 0
  let peak = 0
  for (const { delta } of events) {
    running += delta
    peak = Math.max(peak, running)
  }
  return peak
}
