import type { Dag } from '../graph/dag.js'
import { Heap } from './heap.js'

/** What `next()` found: a step to start, nothing ready yet, or nothing left at all. */
export type NextStep = number | 'busy' | 'done'

/**
 * e3's DAGIterator with its busy state: `next()` hands out a ready step and marks it busy,
 * `leave()` marks a busy step visited and releases the steps that were waiting only for
 * it. Unlike e3's, which rescans every unvisited vertex on each `next()`, readiness is
 * kept as predecessor counts and a heap of ready steps: a whole run is O((V + E) log V).
 *
 * Among ready steps, the one with the longest chain of steps still ahead of it goes first
 * (declaration order breaks ties): on wide graphs with few slots, starting the long chains
 * early shortens the wall time.
 *
 * Services (`isService`) are kept apart and handed out by `nextService()`: they hold no
 * slot, so the loop starts them as soon as they are ready, even while every slot is busy.
 */
export class DagIterator {
  /** waiting[v]: how many of v's predecessors have not been left yet. */
  private readonly waiting: Int32Array
  /** Steps whose predecessors have all been left and that were not handed out yet. */
  private readonly ready: Heap
  /** Services whose predecessors have all been left, in declaration order. */
  private readonly readyServices: number[] = []
  /** Steps left (visited) so far; `next()` is 'done' when this reaches the graph's size. */
  private visitedCount = 0

  constructor(
    private readonly dag: Dag,
    /** priority[v]: larger goes first. */
    priority: ArrayLike<number>,
    private readonly isService: (step: number) => boolean = () => false
  ) {
    this.waiting = Int32Array.from({ length: dag.size }, (_, v) => dag.predecessorCount(v))
    this.ready = new Heap((a, b) => {
      const pa = priority[a] as number
      const pb = priority[b] as number
      return pa > pb || (pa === pb && a < b)
    })
    for (let v = 0; v < dag.size; v++) if (this.waiting[v] === 0) this.push(v)
  }

  /** A ready service, marked busy; undefined when none is ready. */
  nextService(): number | undefined {
    return this.readyServices.shift()
  }

  get hasReadyService(): boolean {
    return this.readyServices.length > 0
  }

  next(): NextStep {
    const step = this.ready.pop()
    if (step !== undefined) return step
    return this.visitedCount === this.dag.size ? 'done' : 'busy'
  }

  /** Steps with no needs: ready from the start. */
  initiallyReady(): number[] {
    const ready: number[] = []
    this.waiting.forEach((count, v) => {
      if (count === 0) ready.push(v)
    })
    return ready
  }

  /**
   * Marks a busy step visited; its successors become ready once all their needs are left.
   * Returns the steps this made ready.
   */
  leave(step: number): number[] {
    this.visitedCount++
    const released: number[] = []
    for (const s of this.dag.successors[step] ?? []) {
      const left = (this.waiting[s] as number) - 1
      this.waiting[s] = left
      if (left === 0) {
        this.push(s)
        released.push(s)
      }
    }
    return released
  }

  private push(step: number): void {
    if (this.isService(step)) this.readyServices.push(step)
    else this.ready.push(step)
  }
}
