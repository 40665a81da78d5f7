import type { Dag } from '../graph/dag.js'
import type { ShardPin } from '../graph/spec.js'

/** What the assignment reads of a step. */
export interface ShardedStep {
  readonly id: string
  readonly shards?: ShardPin
  readonly instanceOf?: string
}

/** What the assignment reads of a graph: its needs and its steps' ids and pins. */
export interface ShardedGraph {
  readonly dag: Dag
  readonly steps: readonly ShardedStep[]
}

/** One shard's share. */
export interface ShardShare {
  /** Every step this shard runs, in declaration order: its balanced work and what it needs. */
  readonly steps: readonly number[]
  /** The balanced work given to this shard (leaves and matrix instances), in declaration order. */
  readonly balanced: readonly number[]
  /** The sum of the expected durations of `steps`. */
  readonly expected: number
}

export interface ShardAssignment {
  /** shares[k]: shard k + 1's. */
  readonly shares: readonly ShardShare[]
  /** Pins that contradict each other (a `shards: all` step that needs a `shards: first` one). */
  readonly conflicts: readonly string[]
}

/**
 * Spreads a graph over `count` shards, the same way in every process given the same graph
 * and weights (no randomness, no locale, no iteration over hashed keys): every shard of a
 * matrix computes its own share without talking to the others.
 *
 * - The balanced work is the steps nothing needs (they end a branch) and matrix instances.
 *   Each runs in exactly one shard. Balanced steps one of which needs another (a matrix
 *   instance a leaf needs) go together: a shard cannot wait for another shard's step.
 * - A shard also runs every step its balanced work needs, directly or not (an install):
 *   such a step runs in each shard that needs it, as in hand-made matrix jobs.
 * - `shards: all` runs the step and what it needs in every shard; `shards: first` runs it
 *   once, in shard 1, with everything that needs it (which could not run elsewhere).
 * - Balance: longest processing time first. Groups of balanced work, heaviest first (ties:
 *   the smallest id, compared by code units), each go to the shard whose expected time is
 *   lowest once the group and the steps it needs that the shard lacks are added (ties: the
 *   lowest shard). This bounds the slowest shard by 4/3 of the best possible split of
 *   the same groups (Graham, 1969), and needs one pass.
 *
 * `weight(v)` is step v's expected duration (src/shard/weights.ts). O(U·(V + E) + G·N·C)
 * for U balanced steps, G groups, N shards and C steps a group needs.
 */
export function assignShards(
  graph: ShardedGraph,
  count: number,
  weight: (v: number) => number
): ShardAssignment {
  const { dag, steps } = graph
  const size = dag.size
  const everywhere = stepsNeededByAll(graph)
  const afterFirst = stepsAfterFirst(graph)
  const conflicts = pinConflicts(graph, afterFirst)

  const balanced = (v: number): boolean =>
    !everywhere[v] && ((dag.successors[v]?.length ?? 0) === 0 || steps[v]?.instanceOf !== undefined)
  const groups = groupBalancedWork(dag, balanced, everywhere)

  const present = Array.from({ length: count }, () => new Uint8Array(size))
  const load = new Float64Array(count)
  const given: number[][] = Array.from({ length: count }, () => [])
  for (let v = 0; v < size; v++) {
    if (!everywhere[v]) continue
    for (let k = 0; k < count; k++) {
      ;(present[k] as Uint8Array)[v] = 1
      load[k] = (load[k] as number) + weight(v)
    }
  }
  const place = (group: Group, k: number): void => {
    const has = present[k] as Uint8Array
    for (const v of group.closure) {
      if (has[v]) continue
      has[v] = 1
      load[k] = (load[k] as number) + weight(v)
    }
    ;(given[k] as number[]).push(...group.members)
  }

  const ordered = groups
    .map(group => ({
      ...group,
      weight: group.members.reduce((sum, v) => sum + weight(v), 0),
      key: group.members.map(v => steps[v]?.id ?? '').reduce(minByCodeUnits)
    }))
    .sort((a, b) => b.weight - a.weight || compareCodeUnits(a.key, b.key))
  for (const group of ordered) {
    if (group.members.some(v => afterFirst[v])) {
      place(group, 0)
      continue
    }
    let best = 0
    let bestLoad = Infinity
    for (let k = 0; k < count; k++) {
      const has = present[k] as Uint8Array
      let after = load[k] as number
      for (const v of group.closure) if (!has[v]) after += weight(v)
      if (after < bestLoad) {
        best = k
        bestLoad = after
      }
    }
    place(group, best)
  }

  const shares = present.map((has, k) => ({
    steps: indexesOf(has),
    balanced: [...(given[k] as number[])].sort((a, b) => a - b),
    expected: load[k] as number
  }))
  return { shares, conflicts }
}

interface Group {
  /** The balanced steps of the group, in declaration order. */
  readonly members: readonly number[]
  /** The members and every step they need, but the steps every shard runs. */
  readonly closure: readonly number[]
}

/**
 * Balanced steps joined when one needs another, directly or through steps that are not
 * balanced (union-find over an upward search from each balanced step, which stops at
 * balanced steps: their own searches go on from there).
 */
function groupBalancedWork(
  dag: Dag,
  balanced: (v: number) => boolean,
  everywhere: Uint8Array
): Group[] {
  const parent = Int32Array.from({ length: dag.size }, (_, v) => v)
  const root = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v] as number] as number
      v = parent[v] as number
    }
    return v
  }
  const seen = new Int32Array(dag.size).fill(-1)
  for (let w = 0; w < dag.size; w++) {
    if (!balanced(w)) continue
    const pending = [...(dag.predecessors[w] ?? [])]
    for (let v = pending.pop(); v !== undefined; v = pending.pop()) {
      if (seen[v] === w || everywhere[v]) continue
      seen[v] = w
      if (balanced(v)) {
        const [a, b] = [root(v), root(w)]
        // The smaller index is the root, so that groups do not depend on the search order.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
        continue
      }
      for (const p of dag.predecessors[v] ?? []) pending.push(p)
    }
  }
  const membersOf = new Map<number, number[]>()
  for (let v = 0; v < dag.size; v++) {
    if (!balanced(v)) continue
    const r = root(v)
    const members = membersOf.get(r)
    if (members) members.push(v)
    else membersOf.set(r, [v])
  }
  const inClosure = new Int32Array(dag.size).fill(-1)
  return [...membersOf.values()].map((members, g) => {
    const closure: number[] = []
    const pending = [...members]
    for (let v = pending.pop(); v !== undefined; v = pending.pop()) {
      if (inClosure[v] === g || everywhere[v]) continue
      inClosure[v] = g
      closure.push(v)
      for (const p of dag.predecessors[v] ?? []) pending.push(p)
    }
    return { members, closure: closure.sort((a, b) => a - b) }
  })
}

/** `shards: all` steps and every step they need: each shard runs them. */
function stepsNeededByAll({ dag, steps }: ShardedGraph): Uint8Array {
  const marked = new Uint8Array(dag.size)
  const pending = steps.flatMap((step, v) => (step.shards === 'all' ? [v] : []))
  for (let v = pending.pop(); v !== undefined; v = pending.pop()) {
    if (marked[v]) continue
    marked[v] = 1
    for (const p of dag.predecessors[v] ?? []) pending.push(p)
  }
  return marked
}

/** `shards: first` steps and every step that needs one, directly or not: shard 1's alone. */
function stepsAfterFirst({ dag, steps }: ShardedGraph): Uint8Array {
  const marked = new Uint8Array(dag.size)
  for (const v of dag.topologicalOrder) {
    if (steps[v]?.shards === 'first' || (dag.predecessors[v] ?? []).some(p => marked[p]))
      marked[v] = 1
  }
  return marked
}

/** A `shards: all` step after a `shards: first` one would run that step in every shard. */
function pinConflicts({ dag, steps }: ShardedGraph, afterFirst: Uint8Array): string[] {
  const conflicts: string[] = []
  steps.forEach((step, v) => {
    if (step.shards !== 'all' || !afterFirst[v]) return
    const first = pinnedFirstAncestor(dag, steps, v)
    conflicts.push(
      `step \`${step.id}\` has \`shards: all\` but needs \`${first}\`, which has \`shards: first\` ` +
        `(it runs once, in shard 1): remove one of the two pins`
    )
  })
  return conflicts
}

function pinnedFirstAncestor(dag: Dag, steps: readonly ShardedStep[], from: number): string {
  const seen = new Uint8Array(dag.size)
  const pending = [from]
  for (let v = pending.shift(); v !== undefined; v = pending.shift()) {
    if (seen[v]) continue
    seen[v] = 1
    if (v !== from && steps[v]?.shards === 'first') return steps[v]?.id ?? '?'
    pending.push(...(dag.predecessors[v] ?? []))
  }
  return steps[from]?.id ?? '?'
}

function indexesOf(marks: Uint8Array): number[] {
  const indexes: number[] = []
  marks.forEach((mark, v) => {
    if (mark) indexes.push(v)
  })
  return indexes
}

/** Ids compared by UTF-16 code units: the same in every process, whatever its locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function minByCodeUnits(a: string, b: string): string {
  return compareCodeUnits(a, b) <= 0 ? a : b
}
