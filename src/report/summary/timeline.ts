import { mermaidText } from '../../graph/render.js'
import { count } from '../plan.js'
import { STATUS_MARK } from '../step-text.js'
import { attemptKey, type RunPath } from './critical-path.js'
import type { SummaryAttempt, SummaryModel, SummaryStep } from './model.js'

/** Mermaid refuses diagrams over 50,000 characters by default; a chart of more bars says little. */
export const MAX_GANTT_BARS = 200

/**
 * The time axis of a gantt. Bars are placed at `ms / msPerUnit`, read by Mermaid as
 * milliseconds from 1970 (`dateFormat x`), and the ticks are labelled with `%s`
 * (seconds since 1970) or `%Q` (milliseconds): counts from the start of the run that no
 * time zone changes, unlike `%M` and `%H`, which the reader's browser draws in local time
 * (off by 30 minutes in India). A longer run is scaled so that a unit of its axis is a
 * Mermaid second: `%s` then counts its minutes or hours. `tickInterval` puts the ticks on
 * whole units (at most 8 of them), so no label carries digits that say nothing.
 */
export interface GanttAxis {
  /** Real milliseconds per Mermaid millisecond. */
  readonly msPerUnit: number
  readonly tickInterval: string
  readonly axisFormat: string
}

/** A tick every 1, 2, 5... units: at most this many, so that each label reads at a glance. */
const MAX_TICKS = 8
const STEPS_MS = [100, 200, 250, 500] as const
const STEPS_OF_UNITS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600] as const

export function ganttAxis(wallMs: number): GanttAxis {
  const wall = Math.max(1, wallMs)
  if (wall < 4000) {
    const step = STEPS_MS.find(ms => wall / ms <= MAX_TICKS) ?? 500
    return { msPerUnit: 1, tickInterval: `${step}millisecond`, axisFormat: '%Qms' }
  }
  // Seconds up to 5 minutes, minutes up to 5 hours, then hours.
  const [msPerUnit, suffix] =
    wall <= 300_000 ? [1, 's'] : wall <= 18_000_000 ? [60, 'min'] : [3600, 'h']
  const units = wall / msPerUnit / 1000
  const step = STEPS_OF_UNITS.find(n => units / n <= MAX_TICKS) ?? 600
  return { msPerUnit, tickInterval: `${step}second`, axisFormat: `%s${suffix}` }
}

/**
 * A section's name: the slot, and in a merge the shard on a line above it (Mermaid gives
 * the names a fixed margin, which one line of "Shard 2 slot 1" overruns).
 */
function sectionName(step: SummaryStep, slot: number): string {
  // Services hold no slot (they run in slot 0): one section of their own.
  const name = step.serviceReadyAt !== undefined ? 'Services' : `Slot ${slot}`
  return step.shard === undefined ? name : `Shard ${step.shard}<br>${name.toLowerCase()}`
}

interface Bar {
  readonly step: SummaryStep
  readonly index: number
  readonly attempt: SummaryAttempt
}

/**
 * A Mermaid gantt: a section per slot (per shard and slot in a merge), a bar per attempt;
 * failures red (`crit`), the critical path highlighted (`active`), and, when the path
 * waited for a slot, each such wait as a bar of its own, where more slots would have helped.
 */
export function timelineSection(model: SummaryModel, path: RunPath): string | null {
  const bars: Bar[] = model.steps.flatMap((step, index) =>
    step.attempts.map(attempt => ({ step, index, attempt }))
  )
  if (bars.length === 0) return null
  if (bars.length + path.slotWaits.size > MAX_GANTT_BARS) {
    return `### Timeline\n\n_${count(bars.length, 'attempt')}: too many to draw._`
  }
  const axis = ganttAxis(model.wallMs)
  const at = (ms: number): number => Math.round(ms / axis.msPerUnit)
  const bySlot = new Map<string, Bar[]>()
  for (const bar of bars) {
    const name = sectionName(bar.step, bar.attempt.slot)
    bySlot.set(name, [...(bySlot.get(name) ?? []), bar])
  }
  const lines = [
    '### Timeline',
    '',
    '```mermaid',
    'gantt',
    '  dateFormat x',
    `  axisFormat ${axis.axisFormat}`,
    `  tickInterval ${axis.tickInterval}`,
    // Time 0 is 1970 here: "today" would be drawn far off the chart.
    '  todayMarker off'
  ]
  const order = (a: Bar): [number, number] => [a.step.shard ?? 0, a.attempt.slot]
  const sections = [...bySlot.entries()].sort(([, a], [, b]) => {
    const [shardA, slotA] = order(a[0] as Bar)
    const [shardB, slotB] = order(b[0] as Bar)
    return shardA - shardB || slotA - slotB
  })
  for (const [name, inSlot] of sections) {
    lines.push(`  section ${name}`)
    for (const { step, index, attempt } of inSlot.sort(
      (a, b) => a.attempt.startedAt - b.attempt.startedAt
    )) {
      const tag =
        attempt.status === 'failure' || attempt.status === 'timed-out'
          ? 'crit'
          : path.attempts.has(attemptKey(index, attempt.attempt))
            ? 'active'
            : 'done'
      let start = at(attempt.startedAt)
      const end = Math.max(start + 1, at(attempt.endedAt))
      // A service: a bar until it was ready, then its own from the ready moment on.
      if (step.serviceReadyAt != null) {
        const ready = Math.min(end - 1, Math.max(start, at(step.serviceReadyAt)))
        if (ready > start)
          lines.push(`  ◔ ${mermaidText(step.id)} starting :done, ${start}, ${ready}`)
        start = ready
      }
      const retry = attempt.attempt > 1 ? ` #${attempt.attempt}` : ''
      // The mark first: a bar's label can never be read as a keyword (`title`, `section`);
      // an instance's id (`test (a:b)`) escaped, so that its `:` or `#` is only text.
      lines.push(
        `  ${STATUS_MARK[attempt.status]} ${mermaidText(step.id)}${retry} :${tag}, ${start}, ${end}`
      )
    }
  }
  const waits = path.links.filter(link => link.heldBy.kind === 'slot')
  if (waits.length > 0) {
    lines.push('  section Slot waits')
    for (const link of waits) {
      const step = model.steps[link.step] as SummaryStep
      const start = at(step.readyAt ?? 0)
      const end = Math.max(start + 1, at(link.startedAt))
      lines.push(`  ⇢ ${mermaidText(step.id)} waits :${start}, ${end}`)
    }
  }
  lines.push(
    '```',
    '',
    '_Red: failed or timed out. Highlighted: the critical path' +
      (waits.length > 0 ? '; its waits for a slot are drawn apart' : '') +
      '._'
  )
  return lines.join('\n')
}
