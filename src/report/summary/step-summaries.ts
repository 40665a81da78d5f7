import { count } from '../plan.js'
import { stripAnsi } from '../text.js'
import type { SummaryModel } from './model.js'
import { stepLabel } from './step-label.js'

/**
 * Each step's own GITHUB_STEP_SUMMARY under its name: Markdown, as the step meant it
 * (a table stays a table), with escape codes removed, each cut to `limit` characters.
 * Last in the summary, so that an unclosed tag in one can only affect what follows it,
 * never stepgraph's own sections.
 */
export function stepSummariesSection(model: SummaryModel, limit: number): string | null {
  const parts: string[] = []
  for (const step of model.steps) {
    const text = stripAnsi(step.ownSummary).trim()
    if (text === '') continue
    const shown =
      text.length > limit
        ? `${text.slice(0, limit)}\n\n_… cut: ${count(text.length - limit, 'more character')}._`
        : text
    parts.push(`### From ${stepLabel(step)}\n\n${shown}`)
  }
  return parts.length > 0 ? parts.join('\n\n') : null
}
