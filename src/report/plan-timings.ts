import type { StepGraph } from '../graph/load.js'
import { mermaidText } from '../graph/render.js'
import type { Expectations } from '../timings/expected-durations.js'
import { simulateSchedule } from '../timings/simulate.js'
import { code, formatDuration } from './text.js'

/** Slots listed one by one in the plan; more are counted (each is a line or a row). */
const MAX_LISTED_SLOTS = 32
/** Steps named on a slot's line in the log; the rest are counted. */
const MAX_STEPS_PER_SLOT_LINE = 8
/** A chart of more bars says little, and Mermaid refuses large diagrams. */
const MAX_CHART_BARS = 200
/** Steps without a record named in the plan; the rest are counted. */
const MAX_NAMED_ESTIMATES = 10

/** One step in the expected schedule, by id; milliseconds from the start. */
export interface ExpectedBar {
  readonly id: string
  readonly start: number
  readonly end: number
}

export interface ExpectedSlot {
  readonly slot: number
  /** The sum of its steps' expected durations. */
  readonly busyMs: number
  readonly bars: readonly ExpectedBar[]
}

/** What the dry run expects of the run, by the recorded durations. */
export interface ExpectedPlan {
  /** When the last step is expected to end, with the plan's slots and the scheduler's order. */
  readonly wallMs: number
  /** The heaviest chain of needs by expected duration: no number of slots ends sooner. */
  readonly criticalPath: readonly string[]
  readonly criticalPathMs: number
  readonly slots: readonly ExpectedSlot[]
  readonly steps: number
  /** Steps with a record of their own. */
  readonly recorded: number
  /** Steps without one: each expected to take `unknownStepMs`, or its siblings' median. */
  readonly estimated: readonly string[]
  /** Whether some of them are matrix instances estimated by their recorded siblings. */
  readonly bySiblings: boolean
  readonly unknownStepMs: number
}

/**
 * The run as the scheduler would go through it with every step taking its expected time:
 * the same priorities (longest expected time to the end first) and the same slots.
 */
export function expectedPlan(
  graph: StepGraph,
  slots: number,
  expected: Expectations & { readonly priorities: ArrayLike<number> }
): ExpectedPlan {
  const id = (v: number): string => graph.steps[v]?.id ?? '?'
  const schedule = simulateSchedule(graph.dag, expected.durations, expected.priorities, slots)
  const bySlot = new Map<number, ExpectedBar[]>()
  for (const bar of schedule.bars) {
    const list = bySlot.get(bar.slot) ?? []
    list.push({ id: id(bar.step), start: bar.start, end: bar.end })
    bySlot.set(bar.slot, list)
  }
  const critical = graph.dag.criticalPath(v => expected.durations[v] as number)
  return {
    wallMs: schedule.wallMs,
    criticalPath: critical.steps.map(id),
    criticalPathMs: critical.length,
    slots: [...bySlot]
      .sort(([a], [b]) => a - b)
      .map(([slot, bars]) => ({
        slot,
        busyMs: bars.reduce((sum, bar) => sum + (bar.end - bar.start), 0),
        bars
      })),
    steps: graph.steps.length,
    recorded: expected.recorded,
    estimated: graph.steps.flatMap((step, v) =>
      expected.sources[v] === 'recorded' ? [] : [step.id]
    ),
    bySiblings: expected.sources.includes('siblings'),
    unknownStepMs: expected.unknownStepMs
  }
}

/** The expected schedule for the log. */
export function expectedPlanLines(plan: ExpectedPlan): string[] {
  const lines = [
    `Expected by the recorded durations (${recordedWords(plan, id => id)}):`,
    `  wall time: ${formatDuration(plan.wallMs)} with ${plan.slots.length} busy ${plan.slots.length === 1 ? 'slot' : 'slots'}`,
    `  critical path (${formatDuration(plan.criticalPathMs)}): ${plan.criticalPath.join(' -> ')}`
  ]
  for (const { slot, busyMs, bars } of plan.slots.slice(0, MAX_LISTED_SLOTS)) {
    const shown = bars
      .slice(0, MAX_STEPS_PER_SLOT_LINE)
      .map(bar => `${bar.id} ${span(bar)}`)
      .join(', ')
    const more = bars.length - MAX_STEPS_PER_SLOT_LINE
    lines.push(
      `  slot ${slot}: busy ${formatDuration(busyMs)}: ${shown}${more > 0 ? `, and ${more} more` : ''}`
    )
  }
  const moreSlots = plan.slots.length - MAX_LISTED_SLOTS
  if (moreSlots > 0) lines.push(`  and ${moreSlots} more slots`)
  return lines
}

/** The expected schedule for the job summary: the facts, a table of slots and a chart. */
export function expectedPlanMarkdown(plan: ExpectedPlan): string[] {
  const parts = [
    '### Expected by the recorded durations',
    '',
    `**${formatDuration(plan.wallMs)}** of wall-clock time with ${plan.slots.length} busy ` +
      `${plan.slots.length === 1 ? 'slot' : 'slots'}; ` +
      `expected critical path (${formatDuration(plan.criticalPathMs)}): ` +
      `${plan.criticalPath.map(code).join(' → ')}. ${capitalised(recordedWords(plan, code))}.`,
    '',
    '| Slot | Busy | Steps | Busy from | Until |',
    '| --: | --: | --: | --: | --: |',
    ...plan.slots
      .slice(0, MAX_LISTED_SLOTS)
      .map(
        ({ slot, busyMs, bars }) =>
          `| ${slot} | ${formatDuration(busyMs)} | ${bars.length} | ` +
          `${offset(bars[0]?.start ?? 0)} | ${offset(bars.at(-1)?.end ?? 0)} |`
      ),
    ''
  ]
  const moreSlots = plan.slots.length - MAX_LISTED_SLOTS
  if (moreSlots > 0) parts.push(`_and ${moreSlots} more slots_`, '')
  const bars = plan.slots.reduce((total, slot) => total + slot.bars.length, 0)
  if (bars <= MAX_CHART_BARS) {
    parts.push('```mermaid', 'gantt', '  dateFormat x', ...axis(plan.wallMs), '  todayMarker off')
    for (const { slot, bars: slotBars } of plan.slots) {
      parts.push(`  section Slot ${slot}`)
      for (const bar of slotBars) {
        const start = Math.round(bar.start)
        const end = Math.max(start + 1, Math.round(bar.end))
        // A prefix keeps a label from being read as a keyword (`title`, `section`).
        parts.push(`  ▸ ${mermaidText(bar.id)} :${start}, ${end}`)
      }
    }
    parts.push('```', '')
  }
  return parts
}

/** Which steps the plan estimates, and how: an estimate is always said to be one. */
function recordedWords(plan: ExpectedPlan, show: (id: string) => string): string {
  if (plan.recorded === plan.steps) return `every step has a record`
  const named = plan.estimated.slice(0, MAX_NAMED_ESTIMATES).map(show).join(', ')
  const more = plan.estimated.length - MAX_NAMED_ESTIMATES
  const list = more > 0 ? `${named} and ${more} more` : named
  return (
    `${plan.recorded} of ${plan.steps} steps have a record; without one, ${list} ` +
    `${plan.estimated.length === 1 ? 'is' : 'are each'} expected to take ` +
    `${formatDuration(plan.unknownStepMs)}, the median of the recorded steps` +
    (plan.bySiblings ? ', or a matrix instance the median of its recorded siblings' : '')
  )
}

/**
 * Ticks that read as durations ("5s", "2m30s"), never the zero-padded "05.000s". Under
 * 10 s, mermaid would tick every half second: ticks every second keep whole seconds (a
 * run under 2 s, with a tick or two, is told to the millisecond).
 */
function axis(wallMs: number): string[] {
  if (wallMs < 2000) return ['  axisFormat %-S.%Ls']
  if (wallMs < 10_000) return ['  tickInterval 1second', '  axisFormat %-Ss']
  if (wallMs < 60_000) return ['  axisFormat %-Ss']
  return [`  axisFormat ${wallMs < 3_600_000 ? '%-Mm%Ss' : '%-Hh%Mm'}`]
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}

/** "+1.2s", "+0s". */
function offset(ms: number): string {
  return ms === 0 ? '+0s' : `+${formatDuration(ms)}`
}

function span(bar: ExpectedBar): string {
  return `${offset(bar.start)}..${offset(bar.end)}`
}
