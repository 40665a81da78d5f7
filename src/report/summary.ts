import { annotationsLeftOutSection } from './summary/annotations-left-out.js'
import { criticalPathSection, runPathOf } from './summary/critical-path.js'
import { FAILURE_TAIL_LINES, failuresSection } from './summary/failures.js'
import { headlineSection } from './summary/headline.js'
import type { SummaryModel } from './summary/model.js'
import { stepSummariesSection } from './summary/step-summaries.js'
import { tableSection } from './summary/table.js'
import { timelineSection } from './summary/timeline.js'

export { MAX_GANTT_BARS } from './summary/timeline.js'
export { summaryModelOf, joinShards, type SummaryModel } from './summary/model.js'

/**
 * GitHub drops a job summary over 1 MiB entirely: stay under it with room to spare for
 * the note that says what was cut.
 */
export const SUMMARY_BUDGET = 1024 * 1024 - 4 * 1024
const STEP_SUMMARY_CHARS = 20_000

/** A part of the summary: its renderings from fullest to most compact (null: left out). */
export interface SummarySection {
  /** Named in the note when it had to be cut. */
  readonly name: string
  /** Larger is more important: cut last. */
  readonly priority: number
  readonly renderings: readonly (() => string | null)[]
}

export interface SummaryOptions {
  /**
   * Sections of other reports (a comparison with recorded runs), placed after the
   * timeline and before the annotations list, in the order given, within the same budget.
   */
  readonly extraSections?: readonly SummarySection[]
  /** Extra lines for the end (dispatch latency, when debugging). */
  readonly debugLines?: readonly string[]
}

/**
 * The job summary, in order: a headline; failures first, each with its last lines and the
 * steps skipped because of it; the critical path; the table of all steps; a Mermaid gantt
 * timeline, one section per slot; any extra sections (the comparison with recorded runs,
 * `summary-timings.ts`); annotations that did not fit; each
 * step's own summary. Each section is a module of ./summary/ drawn from the model alone
 * (one run's record, or a merge of shards' records). Text from steps is escaped
 * everywhere. When the whole would pass GitHub's 1 MiB limit, the least important parts
 * are shortened or left out first, and a note says so.
 */
export function buildSummary(model: SummaryModel, options: SummaryOptions = {}): string {
  const path = runPathOf(model)
  const sections: SummarySection[] = [
    { name: 'headline', priority: 100, renderings: [() => headlineSection(model)] },
    {
      name: 'the last lines of failed steps',
      priority: 90,
      renderings: FAILURE_TAIL_LINES.map(lines => () => failuresSection(model, lines))
    },
    {
      name: 'the critical path',
      priority: 80,
      renderings: [() => criticalPathSection(model, path)]
    },
    {
      name: 'rows of the table',
      priority: 70,
      renderings: [
        () => tableSection(model, path, false),
        () => tableSection(model, path, true),
        () => null
      ]
    },
    {
      name: 'the timeline',
      priority: 60,
      renderings: [() => timelineSection(model, path), () => null]
    },
    ...(options.extraSections ?? []),
    {
      name: 'annotations that did not fit',
      priority: 50,
      renderings: [
        () => annotationsLeftOutSection(model, Infinity),
        () => annotationsLeftOutSection(model, 20),
        () => null
      ]
    },
    {
      name: 'the steps’ own summaries',
      priority: 40,
      renderings: [
        () => stepSummariesSection(model, Infinity),
        () => stepSummariesSection(model, STEP_SUMMARY_CHARS),
        () => null
      ]
    }
  ]
  return withinBudget(sections, options.debugLines ?? [])
}

/** The sections joined, the least important shortened first until the whole fits. */
function withinBudget(sections: readonly SummarySection[], debugLines: readonly string[]): string {
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
  const debug = debugLines.filter(line => line !== '')
  if (debug.length > 0) parts.push(debug.join('\n'))
  if (shortened.length > 0) {
    parts.push(
      `_This summary was shortened to fit GitHub's 1 MiB limit: ${shortened.join(', ')} ` +
        'were cut or left out. The full output of every step is in the log._'
    )
  }
  return `${parts.join('\n\n')}\n`
}
