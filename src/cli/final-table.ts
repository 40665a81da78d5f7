import type { StepGraph } from '../graph/load.js'
import { count } from '../report/plan.js'
import {
  describeStep,
  neverStarted,
  partialBecause,
  STATUS_MARK,
  stepTime
} from '../report/step-text.js'
import { formatDuration, oneLine, stripAnsi } from '../report/text.js'
import { lastAttempt, stepDuration, type RunResult, type StepStatus } from '../scheduler/results.js'
import type { Paint } from './terminal.js'
import { SERVICE_SLOT } from '../scheduler/worker.js'

/** The table after a run: every step, how it ended, how long, where; then the totals. */
export function finalTable(graph: StepGraph, run: RunResult, paint: Paint): string {
  const colour = (status: StepStatus, text: string): string =>
    status === 'success'
      ? paint.green(text)
      : status === 'failure' || status === 'timed-out'
        ? paint.red(text)
        : status === 'cancelled'
          ? paint.yellow(text)
          : paint.dim(text)
  const rows = run.results.map(result => {
    const spec = graph.steps[result.step]
    const last = lastAttempt(result)
    const duration = stepDuration(result)
    // How it ended: "cancelled after 3.2s" for a step that ran, "not started: ..." else.
    const detail = result.status === 'success' ? '' : describeStep(result)
    return {
      status: result.status,
      cells: [
        `${STATUS_MARK[result.status]} ${result.status}`,
        oneLine(spec?.name ?? '?'),
        duration === null ? '—' : formatDuration(duration),
        last ? (last.slot === SERVICE_SLOT ? 'svc' : String(last.slot)) : '—',
        String(result.attempts.length),
        oneLine(detail)
      ]
    }
  })
  const header = ['status', 'step', 'time', 'slot', 'tries', '']
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map(row => Array.from(row.cells[i] ?? '').length))
  )
  const pad = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - Array.from(cell).length)))
      .join('  ')
      .trimEnd()
  const lines = [paint.dim(pad(header))]
  for (const row of rows) {
    const [first = '', ...rest] = row.cells
    const text = pad([first, ...rest])
    lines.push(colour(row.status, text.slice(0, first.length)) + text.slice(first.length))
  }
  const counts = new Map<StepStatus, number>()
  for (const result of run.results) counts.set(result.status, (counts.get(result.status) ?? 0) + 1)
  const wall = run.endedAt - run.startedAt
  const work = run.results.reduce((sum, result) => sum + stepTime(result), 0)
  const notStarted = run.results.filter(neverStarted).length
  const parts = [...counts].map(([status, n]) =>
    colour(
      status,
      `${STATUS_MARK[status]} ${n} ${status}` +
        (status === 'cancelled' && notStarted > 0 ? ` (${notStarted} never started)` : '')
    )
  )
  // Cancelled steps did not do their work: no speed-up is claimed from partial times.
  const partial = partialBecause(run)
  const parallel =
    partial !== undefined
      ? ` (partial: ${partial})`
      : wall > 0 && work / wall >= 1.05
        ? ` (${(work / wall).toFixed(1)}× parallel)`
        : ''
  lines.push(
    '',
    `${count(run.results.length, 'step')}: ${parts.join(' · ')} · ${formatDuration(wall)} wall, ` +
      `${formatDuration(work)} of steps${parallel}`
  )
  return lines.join('\n')
}

/** Lines of each failed step shown again under the table, so the failure is in view. */
const FAILURE_LINES = 10

/** Each failed step's last lines, under the table: what went wrong without scrolling back. */
export function failuresInView(
  graph: StepGraph,
  run: RunResult,
  lastLines: (step: number, count: number) => readonly string[],
  paint: Paint
): string {
  const parts: string[] = []
  for (const result of run.results) {
    if (result.status !== 'failure' && result.status !== 'timed-out') continue
    const name = oneLine(graph.steps[result.step]?.name ?? '?')
    parts.push(paint.red(`${STATUS_MARK[result.status]} ${name}: ${describeStep(result)}`))
    for (const line of lastLines(result.step, FAILURE_LINES))
      parts.push(`  ${paint.enabled ? line : stripAnsi(line)}`)
  }
  return parts.join('\n')
}
