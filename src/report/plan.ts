import type { StepGraph } from '../graph/load.js'
import { toMermaid } from '../graph/render.js'
import type { Expectations } from '../timings/expected-durations.js'
import {
  expectedPlan,
  expectedPlanLines,
  expectedPlanMarkdown,
  type ExpectedPlan
} from './plan-timings.js'
import { code } from './text.js'

/**
 * Mermaid refuses diagrams past a size (500 edges and 50,000 characters by default), and a
 * graph of hundreds of boxes explains nothing: larger graphs get the levels table only.
 */
export const MAX_DRAWN_STEPS = 150
export const MAX_DRAWN_EDGES = 400

export interface Plan {
  readonly levels: readonly (readonly string[])[]
  readonly criticalPath: readonly string[]
  readonly slots: number
  /** The expected schedule, when the timings file has durations. */
  readonly expected?: ExpectedPlan
}

/** `expected`: the recorded durations (`loadRunTimings`), for the expected schedule. */
export function makePlan(
  graph: StepGraph,
  slots: number,
  expected?: Expectations & { readonly priorities: ArrayLike<number> }
): Plan {
  const id = (v: number): string => graph.steps[v]?.id ?? '?'
  return {
    levels: graph.dag.levels().map(level => level.map(id)),
    criticalPath: graph.dag.criticalPath().steps.map(id),
    slots,
    ...(expected && { expected: expectedPlan(graph, slots, expected) })
  }
}

/** The plan for the log: one line per level, then the critical path. */
export function planLines(graph: StepGraph, plan: Plan): string[] {
  const { size, edgeCount } = graph.dag
  return [
    `stepgraph dry run: ${count(size, 'step')}, ${count(edgeCount, 'need')}, ` +
      `${count(plan.levels.length, 'level')}, max-parallel ${plan.slots}`,
    'Levels (each can start once the one before it has finished):',
    ...plan.levels.map((level, i) => `  ${i + 1}. ${level.join(', ')}`),
    `Critical path (${count(plan.criticalPath.length, 'step')}): ${plan.criticalPath.join(' -> ')}`,
    ...(plan.expected ? expectedPlanLines(plan.expected) : []),
    'Nothing was run (dry-run).'
  ]
}

/** The plan for the job summary: the same facts, a table and a Mermaid graph. */
export function planMarkdown(graph: StepGraph, plan: Plan): string {
  const { size, edgeCount } = graph.dag
  const parts = [
    '## stepgraph plan (dry run)',
    '',
    `${count(size, 'step')} · ${count(edgeCount, 'need')} · ${count(plan.levels.length, 'level')} · ` +
      `max-parallel ${plan.slots}. Nothing was run.`,
    '',
    `**Critical path** (${count(plan.criticalPath.length, 'step')}): ${plan.criticalPath.map(code).join(' → ')}`,
    '',
    '| Level | Steps |',
    '| ---: | --- |',
    ...plan.levels.map((level, i) => `| ${i + 1} | ${level.map(code).join(', ')} |`),
    '',
    ...(plan.expected ? expectedPlanMarkdown(plan.expected) : [])
  ]
  if (size <= MAX_DRAWN_STEPS && edgeCount <= MAX_DRAWN_EDGES) {
    const critical = new Set(plan.criticalPath.map(id => graph.indexOf.get(id) ?? -1))
    const diagram = toMermaid(graph.dag, {
      label: v => graph.steps[v]?.name ?? '',
      highlight: critical
    })
    parts.push('```mermaid', diagram, '```', '')
  } else {
    parts.push(
      `_The graph is too large to draw here (${count(size, 'step')}); ` +
        '`stepgraph graph FILE --format dot` renders it with Graphviz._',
      ''
    )
  }
  return parts.join('\n')
}

export function count(n: number, noun: string): string {
  // Not toLocaleString: loading ICU for it costs more than the rest of a small dry run.
  return `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} ${noun}${n === 1 ? '' : 's'}`
}
