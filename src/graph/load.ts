import { findCycles } from './cycles.js'
import { Dag } from './dag.js'
import { usesExpressions } from './expression-text.js'
import type { GraphExpressions } from './expressions.js'
import { readStepTree, type ParsedStep } from './parse.js'
import { compareProblems, visibleControls, type GraphSource, type Problem } from './source.js'
import type { StepSpec } from './spec.js'
import { closestMatch } from './suggest.js'
import { fastTree, type YamlTree } from './yaml-tree.js'

/** A validated step graph: `steps[v]` is vertex v of `dag`. */
export interface StepGraph {
  readonly source: GraphSource
  /**
   * steps[v]: step v's spec, as written until the step starts (and for a step that never
   * does). A step with `${{ }}` in its name, run, env or working directory then gets the
   * values it runs with (`recordStartedSpec`), so that everything reported about it from
   * then on (log, summary, results) shows them.
   */
  readonly steps: readonly StepSpec[]
  readonly dag: Dag
  /** Step index by id. */
  readonly indexOf: ReadonlyMap<string, number>
  /** The steps' expressions, parsed; undefined when the graph has none. */
  readonly expressions?: GraphExpressions
}

export type LoadResult =
  | { readonly ok: true; readonly graph: StepGraph }
  | { readonly ok: false; readonly problems: readonly Problem[] }

/**
 * Unknown ids in `needs` get a "did you mean" from the closest id. Edit distance against
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
  const fromFast = fast && (await validate(fast, source))
  if (fromFast?.ok) return fromFast
  const { positionedTree } = await import('./yaml-positions.js')
  return validate(positionedTree(source.text), source)
}

/**
 * The spec step v runs with, its `${{ }}` evaluated (src/run/step-expressions.ts), in
 * place of the one written: the only change a loaded graph ever sees.
 */
export function recordStartedSpec(graph: StepGraph, step: number, spec: StepSpec): void {
  const steps = stepLists.get(graph)
  if (steps === undefined || steps[step] === undefined) throw new RangeError(`no step ${step}`)
  steps[step] = spec
}

/** Each loaded graph's own list of specs, for `recordStartedSpec`. */
const stepLists = new WeakMap<StepGraph, StepSpec[]>()

async function validate(tree: YamlTree, source: GraphSource): Promise<LoadResult> {
  const parsed = readStepTree(tree)
  const problems = [...parsed.problems]
  const steps = keepFirstOfEachId(parsed.steps, problems)
  const indexOf = new Map(steps.map((step, index) => [step.spec.id, index]))
  const needs = resolveNeeds(steps, indexOf, problems)
  for (const cycle of findCycles(needs)) problems.push(describeCycle(cycle, steps))
  const expressions = await compileExpressions(steps, source, problems)
  if (problems.length > 0) {
    const shown = problems.map(problem => ({
      ...problem,
      message: visibleControls(problem.message)
    }))
    return { ok: false, problems: shown.sort(compareProblems) }
  }
  const specs = steps.map(step => step.spec)
  const graph: StepGraph = {
    source,
    steps: specs,
    dag: new Dag(needs),
    indexOf,
    ...(expressions && { expressions })
  }
  stepLists.set(graph, specs)
  return { ok: true, graph }
}

/**
 * Parses and checks the steps' expressions, with `@actions/expressions` loaded only when
 * a step has one (an `if` other than a bare status call, or `${{` in a templated value):
 * a graph without any never pays the library's start-up.
 */
async function compileExpressions(
  steps: readonly ParsedStep[],
  source: GraphSource,
  problems: Problem[]
): Promise<GraphExpressions | undefined> {
  if (!steps.some(step => usesExpressions(step.spec))) return undefined
  const { compileGraphExpressions } = await import('./expressions.js')
  return compileGraphExpressions(steps, { inline: source.file === undefined }, problems)
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
  return steps.map(({ spec, position, needsPositions }) => {
    const resolved: number[] = []
    spec.needs.forEach((need, i) => {
      const index = indexOf.get(need)
      if (index !== undefined) {
        resolved.push(index)
        return
      }
      const suggestion = suggestionsLeft-- > 0 ? closestMatch(need, indexOf.keys()) : undefined
      problems.push({
        message:
          `step \`${spec.id}\` needs \`${need}\`, which is not a step` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
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
