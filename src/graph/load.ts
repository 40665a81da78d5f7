import { findCycles } from './cycles.js'
import { Dag } from './dag.js'
import { readStepTree, type ParsedStep } from './parse.js'
import { compareProblems, visibleControls, type GraphSource, type Problem } from './source.js'
import type { StepSpec } from './spec.js'
import { unknownNeedMessage } from './needs-hints.js'
import { fastTree, type YamlTree } from './yaml-tree.js'

/** A validated step graph: `steps[v]` is vertex v of `dag`. */
export interface StepGraph {
  readonly source: GraphSource
  readonly steps: readonly StepSpec[]
  readonly dag: Dag
  /** Step index by id. */
  readonly indexOf: ReadonlyMap<string, number>
}

export type LoadResult =
  | { readonly ok: true; readonly graph: StepGraph }
  | { readonly ok: false; readonly problems: readonly Problem[] }

/**
 * Unknown ids in `needs` get a "did you mean" from the closest id or a step's name. Edit distance against
 * every id is O(steps) per lookup, so a generated graph with thousands of broken references
 * gets suggestions for the first ones only.
 */
const MAX_SUGGESTED_UNKNOWN_NEEDS = 100

/**
 * Parses and validates a step graph: the graph ready to plan and run, or every problem at
 * once, sorted by position. A valid graph is read once, from the fast tree; a graph with
 * any problem is read again from the positioned tree, so each problem has its place.
 */
export async function loadStepGraph(source: GraphSource): Promise<LoadResult> {
  const fast = fastTree(source.text)
  const fromFast = fast && validate(fast, source)
  if (fromFast?.ok) return fromFast
  const { positionedTree } = await import('./yaml-positions.js')
  return validate(positionedTree(source.text), source)
}

function validate(tree: YamlTree, source: GraphSource): LoadResult {
  const parsed = readStepTree(tree)
  const problems = [...parsed.problems]
  const steps = keepFirstOfEachId(parsed.steps, problems)
  const indexOf = new Map(steps.map((step, index) => [step.spec.id, index]))
  const needs = resolveNeeds(steps, indexOf, problems)
  for (const cycle of findCycles(needs)) problems.push(describeCycle(cycle, steps))
  if (problems.length > 0) {
    const shown = problems.map(problem => ({
      ...problem,
      message: visibleControls(problem.message)
    }))
    return { ok: false, problems: shown.sort(compareProblems) }
  }
  return {
    ok: true,
    graph: { source, steps: steps.map(step => step.spec), dag: new Dag(needs), indexOf }
  }
}

function keepFirstOfEachId(steps: readonly ParsedStep[], problems: Problem[]): ParsedStep[] {
  const first = new Map<string, ParsedStep>()
  for (const step of steps) {
    const earlier = first.get(step.spec.id)
    if (earlier === undefined) {
      first.set(step.spec.id, step)
      continue
    }
    const { line, column } = earlier.position
    problems.push({
      message: `duplicate step id \`${step.spec.id}\` (first declared at ${line}:${column})`,
      position: step.position
    })
  }
  return [...first.values()]
}

/** Each step's needs as indexes; unknown ids are reported and left out. */
function resolveNeeds(
  steps: readonly ParsedStep[],
  indexOf: ReadonlyMap<string, number>,
  problems: Problem[]
): number[][] {
  let suggestionsLeft = MAX_SUGGESTED_UNKNOWN_NEEDS
  let specs: StepSpec[] | undefined
  return steps.map(({ spec, position, needsPositions }) => {
    const resolved: number[] = []
    spec.needs.forEach((need, i) => {
      const index = indexOf.get(need)
      if (index !== undefined) {
        resolved.push(index)
        return
      }
      specs ??= steps.map(step => step.spec)
      problems.push({
        message: unknownNeedMessage(spec.id, need, indexOf, specs, suggestionsLeft-- > 0),
        position: needsPositions[i] ?? position
      })
    })
    return resolved
  })
}

/** Reported where the cycle's first step names the next one in its `needs`. */
function describeCycle(cycle: readonly number[], steps: readonly ParsedStep[]): Problem {
  const ids = cycle.map(v => steps[v]?.spec.id ?? '?')
  const first = steps[cycle[0] ?? 0]
  const nextId = ids[1] ?? ids[0]
  const at = first?.spec.needs.indexOf(nextId ?? '') ?? -1
  const path = [...ids, ids[0]].join(' -> ')
  const explanation = cycle.length === 1 ? 'a step cannot need itself' : 'each step needs the next'
  return {
    message: `needs form a cycle: ${path} (${explanation})`,
    position: first?.needsPositions[at] ?? first?.position ?? { line: 1, column: 1 }
  }
}
