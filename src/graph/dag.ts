/**
 * The step graph as the scheduler and reporters see it: vertices are step indexes in
 * declaration order, an edge runs from a step to each step that needs it.
 *
 * Unlike e3's DAGIterator, which rescans every unvisited vertex on each `next()`, finding
 * the steps a finished step releases costs only its own successor list: with predecessor
 * counts, a whole run is O(V + E).
 */
export class Dag {
  /** Number of steps. */
  readonly size: number
  /** Number of distinct `needs` edges. */
  readonly edgeCount: number
  /** successors[v]: the steps that need v, in declaration order. */
  readonly successors: readonly (readonly number[])[]
  /** predecessors[v]: the steps v needs, without duplicates. */
  readonly predecessors: readonly (readonly number[])[]
  /** Every step after all the steps it needs. */
  readonly topologicalOrder: readonly number[]

  /** `needs[v]` lists the steps v needs; the graph must be acyclic (see findCycles). */
  constructor(needs: readonly (readonly number[])[]) {
    this.size = needs.length
    const predecessors = needs.map(list => [...new Set(list)])
    const successors: number[][] = predecessors.map(() => [])
    let edgeCount = 0
    predecessors.forEach((list, v) => {
      for (const p of list) {
        if (p < 0 || p >= this.size) throw new RangeError(`step ${v} needs unknown step ${p}`)
        successors[p]?.push(v)
        edgeCount++
      }
    })
    this.predecessors = predecessors
    this.successors = successors
    this.edgeCount = edgeCount
    this.topologicalOrder = kahnOrder(predecessors, successors)
  }

  /** The number of steps v needs: the count a scheduler decrements as they finish. */
  predecessorCount(v: number): number {
    return this.predecessors[v]?.length ?? 0
  }

  /**
   * Steps grouped by depth: level 0 needs nothing, a step in level k needs at least one
   * step of level k-1 and nothing deeper. With unlimited slots, each level could start as
   * soon as the previous one ended.
   */
  levels(): number[][] {
    const depth = new Int32Array(this.size)
    const levels: number[][] = []
    for (const v of this.topologicalOrder) {
      let d = 0
      for (const p of this.predecessors[v] ?? []) d = Math.max(d, (depth[p] as number) + 1)
      depth[v] = d
      ;(levels[d] ??= []).push(v)
    }
    for (const level of levels) level.sort((a, b) => a - b)
    return levels
  }

  /**
   * For each step, the heaviest chain from it to the end of the graph, its own weight
   * included. With unit weights this is the number of steps still to run in sequence; the
   * scheduler starts the ready step with the largest value first.
   */
  remainingPath(weight: (v: number) => number = () => 1): Float64Array {
    const remaining = new Float64Array(this.size)
    for (let i = this.size - 1; i >= 0; i--) {
      const v = this.topologicalOrder[i] as number
      let longest = 0
      for (const s of this.successors[v] ?? []) longest = Math.max(longest, remaining[s] as number)
      remaining[v] = weight(v) + longest
    }
    return remaining
  }

  /**
   * The chain of steps that bounds the wall time however many slots there are: the
   * heaviest path, by step count or by the given weights (durations). Ties go to the
   * earlier-declared step.
   */
  criticalPath(weight: (v: number) => number = () => 1): { steps: number[]; length: number } {
    if (this.size === 0) return { steps: [], length: 0 }
    const remaining = this.remainingPath(weight)
    let current = -1
    for (let v = 0; v < this.size; v++) {
      if (this.predecessorCount(v) !== 0) continue
      if (current === -1 || (remaining[v] as number) > (remaining[current] as number)) current = v
    }
    const steps: number[] = []
    const length = remaining[current] as number
    while (current !== -1) {
      steps.push(current)
      let next = -1
      for (const s of this.successors[current] ?? []) {
        if (next === -1 || (remaining[s] as number) > (remaining[next] as number)) next = s
      }
      current = next
    }
    return { steps, length }
  }
}

function kahnOrder(
  predecessors: readonly (readonly number[])[],
  successors: readonly (readonly number[])[]
): number[] {
  const waiting = Int32Array.from(predecessors, list => list.length)
  const order: number[] = []
  waiting.forEach((count, v) => {
    if (count === 0) order.push(v)
  })
  for (let head = 0; head < order.length; head++) {
    for (const s of successors[order[head] as number] ?? []) {
      waiting[s] = (waiting[s] as number) - 1
      if (waiting[s] === 0) order.push(s)
    }
  }
  if (order.length !== predecessors.length) throw new Error('the step graph has a cycle')
  return order
}
