import type { StepGraph } from '../graph/load.js'
import type { RunResult } from '../scheduler/results.js'
import { expectedDurations, timePriorities } from '../timings/expected-durations.js'
import { simulateSchedule } from '../timings/simulate.js'
import { expectedDuration, type Timings } from '../timings/timings-file.js'
import { count } from './plan.js'
import { code, formatDuration } from './text.js'

/**
 * A step's duration is notably off its record when it is more than half its median away
 * and more than 2 s: the ratio alone would flag every 200 ms step that took 400 ms (noise
 * of a busy runner), the seconds alone every long step that varies by a few percent.
 */
export const NOTABLE_RATIO = 0.5
export const NOTABLE_MS = 2000
/** Rows listed in each of the slower and faster tables; the rest are counted. */
const MAX_ROWS = 20

export interface TimingsComparisonInput {
  readonly graph: StepGraph
  readonly run: RunResult
  readonly slots: number
  /** The timings file as it was before this run; undefined: the run kept none. */
  readonly recorded?: Timings
}

/** Whether `ms` is notably slower or faster than `medianMs` (see NOTABLE_RATIO). */
export function notablyOff(ms: number, medianMs: number): 'slower' | 'faster' | undefined {
  const off = ms - medianMs
  if (Math.abs(off) <= NOTABLE_MS || Math.abs(off) <= NOTABLE_RATIO * medianMs) return undefined
  return off > 0 ? 'slower' : 'faster'
}

interface Compared {
  readonly step: number
  readonly ms: number
  readonly medianMs: number
  readonly runs: number
}

/**
 * The summary's section "Against the recorded runs": the wall time against what the
 * recorded durations expected with as many slots, and the steps that were notably slower
 * or faster than their record (their successful attempt against the median of their last
 * runs). Null when no step of the graph has a record (a first run, or no timings file).
 */
export function timingsComparison(input: TimingsComparisonInput): string | null {
  const { graph, run, recorded } = input
  if (recorded === undefined) return null
  const expected = expectedDurations(graph.steps, recorded)
  if (expected === undefined) return null
  const schedule = simulateSchedule(
    graph.dag,
    expected.durations,
    timePriorities(graph.dag, expected.durations),
    input.slots
  )
  const wall = run.endedAt - run.startedAt
  const complete = run.results.every(result => result.status === 'success')
  const lines = [
    '### Against the recorded runs',
    '',
    `This run took **${formatDuration(wall)}**; the recorded durations expected ` +
      `**${formatDuration(schedule.wallMs)}** with ${count(input.slots, 'slot')}` +
      (complete ? '.' : ' (not every step succeeded in this run, so its time is not comparable).')
  ]
  const unknown = graph.steps.length - expected.recorded
  if (unknown > 0) {
    const unrecorded = graph.steps.flatMap((step, v) =>
      expected.sources[v] === 'recorded' ? [] : [code(step.id)]
    )
    lines.push(
      '',
      `No record yet for ${count(unknown, 'step')} (${listed(unrecorded)}): ` +
        `${unknown === 1 ? 'it was' : 'each was'} expected to take ` +
        `${formatDuration(expected.unknownStepMs)}, the median of the recorded steps` +
        (expected.sources.includes('siblings')
          ? ', or a matrix instance the median of its recorded siblings.'
          : '.')
    )
  }

  const compared: Compared[] = []
  for (const result of run.results) {
    const last = result.attempts.at(-1)
    const id = graph.steps[result.step]?.id
    if (result.status !== 'success' || last === undefined || id === undefined) continue
    const medianMs = expectedDuration(recorded, id)
    const runs = recorded.steps.get(id)?.length ?? 0
    if (medianMs !== undefined)
      compared.push({ step: result.step, ms: last.endedAt - last.startedAt, medianMs, runs })
  }
  const slower = compared.filter(c => notablyOff(c.ms, c.medianMs) === 'slower')
  const faster = compared.filter(c => notablyOff(c.ms, c.medianMs) === 'faster')
  const rule = `more than ${NOTABLE_RATIO * 100}% and ${formatDuration(NOTABLE_MS)}`
  if (slower.length === 0 && faster.length === 0) {
    lines.push(
      '',
      `No step was notably slower or faster than its record (${rule} off the median of its ` +
        `last runs; ${count(compared.length, 'step')} compared).`
    )
  }
  if (slower.length > 0)
    lines.push('', `**Notably slower** (${rule} over the median of its last runs):`, '')
  if (slower.length > 0) lines.push(...comparisonTable(graph, slower))
  if (faster.length > 0)
    lines.push('', `**Notably faster** (${rule} under the median of its last runs):`, '')
  if (faster.length > 0) lines.push(...comparisonTable(graph, faster))
  return lines.join('\n')
}

/** The rows furthest off their record first. */
function comparisonTable(graph: StepGraph, rows: readonly Compared[]): string[] {
  const sorted = [...rows].sort(
    (a, b) => Math.abs(b.ms - b.medianMs) - Math.abs(a.ms - a.medianMs) || a.step - b.step
  )
  const lines = [
    '| Step | This run | Recorded median | Runs recorded |',
    '| :-- | --: | --: | --: |'
  ]
  for (const { step, ms, medianMs, runs } of sorted.slice(0, MAX_ROWS)) {
    const ratio = medianMs > 0 ? ` (${(ms / medianMs).toFixed(1)}×)` : ''
    lines.push(
      `| ${code(graph.steps[step]?.id ?? '?')} | ${formatDuration(ms)}${ratio} | ` +
        `${formatDuration(medianMs)} | ${runs} |`
    )
  }
  if (sorted.length > MAX_ROWS)
    lines.push('', `_and ${count(sorted.length - MAX_ROWS, 'more step')}_`)
  return lines
}

/** Ids in a sentence: the first few, then how many more. */
function listed(ids: readonly string[], shown = 10): string {
  const more = ids.length - shown
  return more > 0 ? `${ids.slice(0, shown).join(', ')} and ${count(more, 'more')}` : ids.join(', ')
}
