import { findCycles } from './cycles.js'
import { Dag } from './dag.js'
import { expandMatrices } from './matrix.js'
import { usesExpressions } from './expression-text.js'
import type { GraphExpressions } from './expressions.js'
import { readStepTree, type ParsedStep } from './parse.js'
import { compareProblems, visibleControls, type GraphSource, type Problem } from './source.js'
import type { StepSpec } from './spec.js'
import { unknownNeedMessage } from './needs-hints.js'
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
  /** Step index by id (an instance of a matrix step by its own id: `test (20, linux)`). */
  readonly indexOf: ReadonlyMap<string, number>
  /**
   * The steps each declared id stands for, as `needs` reads it: the step itself, or every
   * instance of a matrix step, in order (`needs: test` waits for all of them).
   */
  readonly stepsOf: ReadonlyMap<string, readonly number[]>
  /** The steps' expressions, parsed; undefined when the graph has none. */
  readonly expressions?: GraphExpressions
  /**
   * For a graph selected from a larger one (`subGraph`: the CLI's targets), the graph as
   * declared: what outlives a run (the timings file) is kept for all of its steps.
   */
  readonly whole?: StepGraph
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
 * any problem is read again from the positioned tree, so each problem has its place. So
 * is a graph with a matrix: only that reader knows `20` from `"20"`, which types the value.
 */
export async function loadStepGraph(source: GraphSource): Promise<LoadResult> {
  const fast = fastTree(source.text)
  const fromFast = fast && (await validate(fast, source))
  if (fromFast?.ok) return fromFast
  const { positionedTree } = await import('./yaml-positions.js')
  return (await validate(positionedTree(source.text), source)) as LoadResult
}

/** The steps each declared id stands for: the step, or each instance of a matrix step. */
export function stepsByDeclaredId(steps: readonly StepSpec[]): Map<string, number[]> {
  const stepsOf = new Map<string, number[]>()
  steps.forEach((step, index) => {
    const id = step.instanceOf ?? step.id
    const indexes = stepsOf.get(id)
    if (indexes) indexes.push(index)
    else stepsOf.set(id, [index])
  })
  return stepsOf
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

/**
 * The graph of the steps `kept` (indexes in `graph`, in order) and the needs among them:
 * a graph of its own, as loaded, its steps renumbered.
 */
export function subGraph(graph: StepGraph, kept: readonly number[]): StepGraph {
  const renumbered = new Map(kept.map((v, index) => [v, index]))
  const specs = kept.map(v => graph.steps[v]).filter(step => step !== undefined)
  const needs = kept.map(v =>
    (graph.dag.predecessors[v] ?? []).flatMap(p => renumbered.get(p) ?? [])
  )
  const expressions = graph.expressions
  const sub: StepGraph = {
    source: graph.source,
    steps: specs,
    dag: new Dag(needs),
    indexOf: new Map(specs.map((step, index) => [step.id, index])),
    stepsOf: stepsByDeclaredId(specs),
    whole: graph.whole ?? graph,
    ...(expressions && {
      expressions: kept.flatMap(v => {
        const compiled = expressions[v]
        return compiled === undefined ? [] : [compiled]
      })
    })
  }
  stepLists.set(sub, specs)
  return sub
}

/** undefined: the tree cannot tell (a matrix in the fast tree); read the positioned one. */
async function validate(tree: YamlTree, source: GraphSource): Promise<LoadResult | undefined> {
  const parsed = readStepTree(tree)
  const problems = [...parsed.problems]
  const declared = keepFirstOfEachId(parsed.steps, problems)
  if (!tree.positioned && declared.some(step => step.matrix !== undefined)) return undefined
  const steps = expandMatrices(declared, problems)
  const indexOf = new Map(steps.map((step, index) => [step.spec.id, index]))
  const stepsOf = stepsByDeclaredId(steps.map(step => step.spec))
  const needs = resolveNeeds(steps, stepsOf, problems)
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
    stepsOf,
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

/**
 * Each step's needs as indexes (a matrix step's: all its instances); unknown ids are
 * reported and left out, once per declared step (its instances share its `needs`).
 */
function resolveNeeds(
  steps: readonly ParsedStep[],
  stepsOf: ReadonlyMap<string, readonly number[]>,
  problems: Problem[]
): number[][] {
  let suggestionsLeft = MAX_SUGGESTED_UNKNOWN_NEEDS
  let specs: StepSpec[] | undefined
  /** Declared ids (a matrix step's, not its instances'), for the messages. */
  let declared: Map<string, number> | undefined
  return steps.map(({ spec, position, needsPositions }) => {
    const resolved: number[] = []
    const reports = spec.instanceNumber === undefined || spec.instanceNumber === 1
    spec.needs.forEach((need, i) => {
      const indexes = stepsOf.get(need)
      if (indexes !== undefined) {
        resolved.push(...indexes)
        return
      }
      if (!reports) return
      specs ??= steps.map(step => step.spec)
      declared ??= new Map([...stepsOf].map(([id, indexes]) => [id, indexes[0] ?? 0]))
      problems.push({
        message: unknownNeedMessage(
          spec.instanceOf ?? spec.id,
          need,
          declared,
          specs,
          suggestionsLeft-- > 0
        ),
        position: needsPositions[i] ?? position
      })
    })
    return resolved
  })
}

/**
 * Reported where the cycle's first step names the next one in its `needs`. Needs are
 * written between declared steps, so the path names them (`a -> test -> a`), not the
 * instances the cycle went through: instances of one step share its needs, so two in a
 * row are a step that needs itself.
 */
function describeCycle(cycle: readonly number[], steps: readonly ParsedStep[]): Problem {
  const declared = (v: number): string => {
    const spec = steps[v]?.spec
    return spec?.instanceOf ?? spec?.id ?? '?'
  }
  const ids = cycle.map(declared).filter((id, i, all) => id !== all[(i + 1) % all.length])
  if (ids.length === 0) ids.push(declared(cycle[0] ?? 0))
  const first = steps[cycle[0] ?? 0]
  const at = first?.spec.needs.indexOf(declared(cycle[1] ?? cycle[0] ?? 0)) ?? -1
  const path = [...ids, ids[0]].join(' -> ')
  const explanation = ids.length === 1 ? 'a step cannot need itself' : 'each step needs the next'
  return {
    message: `needs form a cycle: ${path} (${explanation})`,
    position: first?.needsPositions[at] ?? first?.position ?? { line: 1, column: 1 }
  }
}
