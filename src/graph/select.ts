import { subGraph, type StepGraph } from './load.js'
import { meantStepHint } from './needs-hints.js'

export type Selection =
  | { readonly ok: true; readonly graph: StepGraph }
  | { readonly ok: false; readonly problems: readonly string[] }

/**
 * The steps `targets` names and every step they need, directly or not, as a graph of its
 * own, in declaration order: what `make TARGET` or `turbo run TASK` would run. A matrix
 * step's id names all its instances; an instance's own id, that one. Steps that need a
 * target are left out. Unknown ids are refused, each with what it likely meant. O(V + E)
 * over the steps kept.
 */
export function selectSteps(graph: StepGraph, targets: readonly string[]): Selection {
  const stepsOf = (target: string): readonly number[] | undefined => {
    const index = graph.indexOf.get(target)
    return graph.stepsOf.get(target) ?? (index === undefined ? undefined : [index])
  }
  const problems = targets
    .filter(target => stepsOf(target) === undefined)
    .map(
      target =>
        `no step \`${target}\` in ${graph.source.file ?? 'the step graph'}` +
        meantStepHint(target, graph.indexOf, graph.steps)
    )
  if (problems.length > 0) return { ok: false, problems }
  const kept = new Uint8Array(graph.dag.size)
  const pending = targets.flatMap(target => stepsOf(target) ?? [])
  for (let v = pending.pop(); v !== undefined; v = pending.pop()) {
    if (kept[v]) continue
    kept[v] = 1
    for (const p of graph.dag.predecessors[v] ?? []) pending.push(p)
  }
  const old = graph.steps.flatMap((_, v) => (kept[v] ? [v] : []))
  if (old.length === graph.steps.length) return { ok: true, graph }
  return { ok: true, graph: subGraph(graph, old) }
}
