import type { StepGraph } from '../graph/load.js'
import { mermaidText } from '../graph/render.js'
import type { StepSpec } from '../graph/spec.js'
import {
  lastAttempt,
  stepDuration,
  type RunResult,
  type StepResult,
  type StepStatus
} from '../scheduler/results.js'
import type { Annotation } from './annotations.js'
import { count } from './plan.js'
import { timingsComparison, type TimingsComparisonInput } from './summary-timings.js'
import {
  describeAttempt,
  describeStep,
  neverStarted,
  partialBecause,
  ranFor,
  STATUS_MARK,
  whyNotStarted
} from './step-text.js'
import { code, formatDuration, markdownText, preText, stripAnsi } from './text.js'

/**
 * GitHub drops a job summary over 1 MiB entirely: stay under it with room to spare for
 * the note that says what was cut.
 */
export const SUMMARY_BUDGET = 1024 * 1024 - 4 * 1024
/** Mermaid refuses diagrams over 50,000 characters by default; a chart of more bars says little. */
export const MAX_GANTT_BARS = 200
const FAILURE_TAIL_LINES = [30, 10, 0] as const
const TAIL_LINE_CHARS = 1000
const STEP_SUMMARY_CHARS = 20_000

export interface SummaryInput extends TimingsComparisonInput {
  readonly graph: StepGraph
  readonly run: RunResult
  readonly slots: number
  /** The last lines step v printed (its last attempt). */
  readonly lastLines: (step: number, count: number) => readonly string[]
  /** What each step wrote to its own GITHUB_STEP_SUMMARY. */
  readonly stepSummaries: (step: number) => string
  /** Annotations that did not fit the runner's allowance. */
  readonly droppedAnnotations: readonly Annotation[]
  /** How many more did not fit and were not kept (only counted): "and N more". */
  readonly unlistedAnnotations?: number
  /** Extra lines for the end (dispatch latency, when debugging). */
  readonly debugLines?: readonly string[]
}

/** A part of the summary: its renderings from fullest to most compact (null: left out). */
interface Section {
  readonly name: string
  /** Larger is more important: cut last. */
  readonly priority: number
  readonly renderings: readonly (() => string | null)[]
}

/**
 * The job summary, in order: a headline; failures first, each with its last lines and the
 * steps skipped because of it; the table of all steps; a Mermaid gantt timeline, one
 * section per slot; the critical path; annotations that did not fit; each step's own
 * summary. Text from steps is escaped everywhere. When the whole would pass GitHub's
 * 1 MiB limit, the least important parts are shortened or left out first, and a note says so.
 */
export function buildSummary(input: SummaryInput): string {
  const sections: Section[] = [
    { name: 'headline', priority: 100, renderings: [() => headline(input)] },
    {
      name: 'the last lines of failed steps',
      priority: 90,
      renderings: FAILURE_TAIL_LINES.map(lines => () => failures(input, lines))
    },
    { name: 'the critical path', priority: 80, renderings: [() => criticalPath(input)] },
    {
      name: 'rows of the table',
      priority: 70,
      renderings: [() => table(input, false), () => table(input, true), () => null]
    },
    { name: 'the timeline', priority: 60, renderings: [() => gantt(input), () => null] },
    {
      name: 'the comparison with recorded runs',
      priority: 55,
      renderings: [() => timingsComparison(input), () => null]
    },
    {
      name: 'annotations that did not fit',
      priority: 50,
      renderings: [
        () => droppedAnnotations(input, Infinity),
        () => droppedAnnotations(input, 20),
        () => null
      ]
    },
    {
      name: 'the steps’ own summaries',
      priority: 40,
      renderings: [
        () => stepSummaries(input, Infinity),
        () => stepSummaries(input, STEP_SUMMARY_CHARS),
        () => null
      ]
    }
  ]
  const level = sections.map(() => 0)
  const render = (i: number): string => sections[i]?.renderings[level[i] ?? 0]?.() ?? ''
  const texts = sections.map((_, i) => render(i))
  const size = (): number =>
    texts.reduce((total, text) => total + Buffer.byteLength(text, 'utf8'), 0)
  const shortened: string[] = []
  while (size() > SUMMARY_BUDGET) {
    // The least important section that can still shrink.
    const candidates = sections
      .map((section, i) => ({ section, i }))
      .filter(({ section, i }) => (level[i] ?? 0) < section.renderings.length - 1)
      .sort((a, b) => a.section.priority - b.section.priority)
    const next = candidates[0]
    if (!next) break
    level[next.i] = (level[next.i] ?? 0) + 1
    texts[next.i] = render(next.i)
    if (!shortened.includes(next.section.name)) shortened.push(next.section.name)
  }
  const parts = texts.filter(text => text !== '')
  const debug = (input.debugLines ?? []).filter(line => line !== '')
  if (debug.length > 0) parts.push(debug.join('\n'))
  if (shortened.length > 0) {
    parts.push(
      `_This summary was shortened to fit GitHub's 1 MiB limit: ${shortened.join(', ')} ` +
        'were cut or left out. The full output of every step is in the log._'
    )
  }
  return `${parts.join('\n\n')}\n`
}

function spec(input: SummaryInput, step: number): StepSpec {
  return input.graph.steps[step] as StepSpec
}

/** "Build (`build`)": the name escaped, the id when it differs. */
function stepLabel(step: StepSpec): string {
  return step.name === step.id ? code(step.id) : `${markdownText(step.name)} (${code(step.id)})`
}

function headline(input: SummaryInput): string {
  const { run } = input
  const counts = new Map<StepStatus, number>()
  for (const result of run.results) counts.set(result.status, (counts.get(result.status) ?? 0) + 1)
  const order: StepStatus[] = ['failure', 'timed-out', 'cancelled', 'success', 'skipped']
  const words: Record<StepStatus, string> = {
    failure: 'failed',
    'timed-out': 'timed out',
    cancelled: 'cancelled',
    success: 'succeeded',
    skipped: 'skipped'
  }
  const notStarted = run.results.filter(neverStarted).length
  const parts = order
    .filter(status => (counts.get(status) ?? 0) > 0)
    .map(
      status =>
        `${STATUS_MARK[status]} ${counts.get(status) ?? 0} ${words[status]}` +
        (status === 'cancelled' && notStarted > 0 ? ` (${notStarted} never started)` : '')
    )
  const wall = run.endedAt - run.startedAt
  const work = run.results.reduce(
    (total, r) => total + r.attempts.reduce((sum, a) => sum + (a.endedAt - a.startedAt), 0),
    0
  )
  // Cancelled steps did not do their work: their time is partial, and so is any speed-up.
  const partial = partialBecause(run)
  const speedup = wall > 0 && partial === undefined ? work / wall : 0
  const lines = [
    `## stepgraph: ${parts.join(' · ')}`,
    '',
    `**${formatDuration(wall)}** of wall-clock time for **${formatDuration(work)}** of step time` +
      (speedup >= 1.05 ? `: **${speedup.toFixed(1)}× faster** than one after another` : '') +
      `, with ${count(input.slots, 'slot')} (at most ${peakConcurrency(run)} running at once).`
  ]
  if (run.cancelled)
    lines.push(
      '',
      '**The run was cancelled**: unfinished steps are marked cancelled, and the times ' +
        'above are partial.'
    )
  else if (partial !== undefined)
    lines.push('', `**Steps were cancelled** (${partial}): the times above are partial.`)
  return lines.join('\n')
}

function peakConcurrency(run: RunResult): number {
  const events = run.results
    .flatMap(r => r.attempts)
    .flatMap(a => [
      [a.startedAt, 1],
      [a.endedAt, -1]
    ])
    .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number))
  let running = 0
  let peak = 0
  for (const [, delta] of events) {
    running += delta as number
    peak = Math.max(peak, running)
  }
  return peak
}

function failures(input: SummaryInput, tailLines: number): string | null {
  const failed = input.run.results.filter(r => r.status === 'failure' || r.status === 'timed-out')
  const cancelled = input.run.results.filter(r => r.status === 'cancelled')
  if (failed.length === 0 && cancelled.length === 0) return null
  const parts = failed.length > 0 ? ['### Failures'] : []
  for (const result of failed) parts.push(failure(input, result, tailLines))
  const stopped = cancelled.filter(r => !neverStarted(r))
  if (stopped.length > 0) {
    const each = stopped.map(r => {
      const last = lastAttempt(r)
      return `${code(spec(input, r.step).id)} ${last ? markdownText(ranFor(last)) : ''}`.trim()
    })
    parts.push(`**Cancelled while running:** ${each.join(', ')}`)
  }
  // Never started: grouped by why (one reason, as a rule: the stop that ended the run).
  const notStarted = new Map<string, string[]>()
  for (const result of cancelled.filter(neverStarted)) {
    const why = whyNotStarted(result) ?? ''
    notStarted.set(why, [...(notStarted.get(why) ?? []), code(spec(input, result.step).id)])
  }
  for (const [why, ids] of notStarted)
    parts.push(`**Not started:** ${ids.join(', ')}${why ? ` (${markdownText(why)})` : ''}`)
  return parts.join('\n\n')
}

function failure(input: SummaryInput, result: StepResult, tailLines: number): string {
  const step = spec(input, result.step)
  const ended = describeStep(result)
  const duration = stepDuration(result)
  const tolerated = step.continueOnError ? ' (continue-on-error)' : ''
  const lines = [
    `#### ${STATUS_MARK[result.status]} ${stepLabel(step)}: ${markdownText(ended)}` +
      (duration !== null ? ` after ${formatDuration(duration)}` : '') +
      (result.attempts.length > 1 ? `, ${count(result.attempts.length, 'attempt')}` : '') +
      tolerated
  ]
  const victims = input.run.results.filter(r => r.skippedBecauseOf === result.step)
  if (victims.length > 0) {
    lines.push(
      '',
      `Skipped because of it: ${victims.map(r => code(spec(input, r.step).id)).join(', ')}`
    )
  }
  if (tailLines > 0) {
    const tail = input
      .lastLines(result.step, tailLines)
      .map(line => truncate(stripAnsi(line), TAIL_LINE_CHARS))
    if (tail.length > 0) {
      lines.push(
        '',
        `<details><summary>Last ${count(tail.length, 'line')} of output</summary>`,
        '',
        `<pre>${tail.map(line => preText(line)).join('\n')}</pre>`,
        '',
        '</details>'
      )
    }
  }
  return lines.join('\n')
}

function table(input: SummaryInput, onlyUnsuccessful: boolean): string {
  const { run } = input
  const rows = run.results.filter(r => !onlyUnsuccessful || r.status !== 'success')
  const lines = [
    '### Steps',
    '',
    '| Status | Step | Needs | Start | Duration | Queue wait | Slot | Attempts |',
    '| :-- | :-- | :-- | --: | --: | --: | --: | --: |'
  ]
  for (const result of rows) {
    const step = spec(input, result.step)
    const first = result.attempts[0]
    const duration = stepDuration(result)
    const slots = [...new Set(result.attempts.map(a => a.slot))].join(', ')
    const wait = first && result.readyAt !== null ? first.startedAt - result.readyAt : null
    const last = lastAttempt(result)
    // A cancelled step says whether it had started, and for how long it ran.
    const status =
      result.status !== 'cancelled'
        ? result.status
        : last
          ? markdownText(describeAttempt(last))
          : 'cancelled, not started'
    lines.push(
      `| ${STATUS_MARK[result.status]} ${status} | ${stepLabel(step)} | ` +
        `${step.needs.map(code).join(', ') || '—'} | ` +
        `${first ? `+${formatDuration(first.startedAt - run.startedAt)}` : '—'} | ` +
        `${duration !== null ? formatDuration(duration) : '—'} | ` +
        `${wait !== null ? formatDuration(wait) : '—'} | ${slots || '—'} | ${result.attempts.length} |`
    )
  }
  if (onlyUnsuccessful && rows.length < run.results.length) {
    lines.push('', `_${count(run.results.length - rows.length, 'successful step')} not listed._`)
  }
  return lines.join('\n')
}

/**
 * The steps on the critical path of the run as it went, by how long each took. Steps that
 * never ran add nothing to the wall time and are left out.
 */
function criticalSteps(input: SummaryInput): { steps: number[]; length: number } {
  const durations = input.run.results.map(r => stepDuration(r) ?? 0)
  const path = input.graph.dag.criticalPath(v => durations[v] ?? 0)
  const ran = path.steps.filter(v => (input.run.results[v]?.attempts.length ?? 0) > 0)
  return { steps: ran, length: path.length }
}

/** Tick labels that differ along the axis: seconds and milliseconds for short runs. */
function axisFormat(wallMs: number): string {
  if (wallMs < 60_000) return '%S.%Ls'
  if (wallMs < 3_600_000) return '%M:%S'
  return '%H:%M:%S'
}

function gantt(input: SummaryInput): string | null {
  const { run } = input
  const attempts = run.results.flatMap(r => r.attempts.map(a => ({ step: r.step, attempt: a })))
  if (attempts.length === 0) return null
  if (attempts.length > MAX_GANTT_BARS) {
    return `### Timeline\n\n_${count(attempts.length, 'attempt')}: too many to draw._`
  }
  const critical = new Set(criticalSteps(input).steps)
  const bySlot = new Map<number, typeof attempts>()
  for (const entry of attempts) {
    const list = bySlot.get(entry.attempt.slot) ?? []
    list.push(entry)
    bySlot.set(entry.attempt.slot, list)
  }
  const wall = run.endedAt - run.startedAt
  const lines = [
    '### Timeline',
    '',
    '```mermaid',
    'gantt',
    '  dateFormat x',
    `  axisFormat ${axisFormat(wall)}`,
    // Time 0 is 1970 here: "today" would be drawn far off the chart.
    '  todayMarker off'
  ]
  for (const slot of [...bySlot.keys()].sort((a, b) => a - b)) {
    lines.push(`  section Slot ${slot}`)
    const bars = (bySlot.get(slot) ?? []).sort((a, b) => a.attempt.startedAt - b.attempt.startedAt)
    for (const { step, attempt } of bars) {
      const id = spec(input, step).id
      const tag =
        attempt.status === 'failure' || attempt.status === 'timed-out'
          ? 'crit'
          : critical.has(step)
            ? 'active'
            : 'done'
      const start = Math.round(attempt.startedAt - run.startedAt)
      const end = Math.max(start + 1, Math.round(attempt.endedAt - run.startedAt))
      const retry = attempt.attempt > 1 ? ` #${attempt.attempt}` : ''
      // The mark first: a bar's label can never be read as a keyword (`title`, `section`);
      // an instance's id (`test (a:b)`) escaped, so that its `:` or `#` is only text.
      lines.push(
        `  ${STATUS_MARK[attempt.status]} ${mermaidText(id)}${retry} :${tag}, ${start}, ${end}`
      )
    }
  }
  lines.push('```', '', '_Red: failed or timed out. Highlighted: the critical path._')
  return lines.join('\n')
}

function criticalPath(input: SummaryInput): string | null {
  const path = criticalSteps(input)
  if (path.steps.length === 0 || path.length === 0) return null
  const wall = input.run.endedAt - input.run.startedAt
  return (
    `**Critical path** (${count(path.steps.length, 'step')}, ${formatDuration(path.length)} of the ` +
    `${formatDuration(wall)} wall-clock time): ${path.steps.map(v => code(spec(input, v).id)).join(' → ')}`
  )
}

function droppedAnnotations(input: SummaryInput, limit: number): string | null {
  const dropped = input.droppedAnnotations
  const unlisted = input.unlistedAnnotations ?? 0
  if (dropped.length === 0 && unlisted === 0) return null
  const lines = ['### Annotations that did not fit the runner’s limit', '']
  for (const annotation of dropped.slice(0, limit)) {
    const where = annotation.file
      ? ` (${markdownText(annotation.file)}${annotation.line ? `:${markdownText(annotation.line)}` : ''})`
      : ''
    lines.push(
      `- **${annotation.level}**${where} ${markdownText(annotation.title ?? '')}: ` +
        truncate(markdownText(annotation.message), 500)
    )
  }
  const more = Math.max(0, dropped.length - limit) + unlisted
  if (more > 0) lines.push(`- _and ${count(more, 'more annotation')}_`)
  return lines.join('\n')
}

/**
 * Each step's own GITHUB_STEP_SUMMARY under its name: Markdown, as the step meant it
 * (a table stays a table), with escape codes removed. Last, so that an unclosed tag in one
 * can only affect what follows it, never stepgraph's own sections.
 */
function stepSummaries(input: SummaryInput, limit: number): string | null {
  const parts: string[] = []
  for (const result of input.run.results) {
    const text = stripAnsi(input.stepSummaries(result.step)).trim()
    if (text === '') continue
    const shown =
      text.length > limit
        ? `${text.slice(0, limit)}\n\n_… cut: ${count(text.length - limit, 'more character')}._`
        : text
    parts.push(`### From ${stepLabel(spec(input, result.step))}\n\n${shown}`)
  }
  return parts.length > 0 ? parts.join('\n\n') : null
}

function truncate(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text
}
