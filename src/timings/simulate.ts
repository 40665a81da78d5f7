import type { Dag } from '../graph/dag.js'
import { Heap } from '../scheduler/heap.js'

/** One step's place in a simulated schedule; times from the simulation's start. */
export interface SimulatedBar {
  readonly step: number
  /** 1-based, as the scheduler numbers slots. */
  readonly slot: number
  readonly start: number
  readonly end: number
}

export interface SimulatedSchedule {
  /** When the last step ends. */
  readonly wallMs: number
  /** Every step started by the simulation, in the order it started. */
  readonly bars: readonly SimulatedBar[]
}

/** Where a run stands, for a simulation of what is left of it. */
export interface ScheduleState {
  /** Steps that have ended (or will never run): they hold nothing back. */
  readonly finished: ArrayLike<boolean>
  /** Steps running now, with how long each is expected to run still (0 once overdue). */
  readonly running: ReadonlyMap<number, number>
}

/**
 * The run as the scheduler would go through it if every step took its expected time and
 * succeeded: ready steps start by `priorities` (higher first, ties to the earlier step,
 * as the scheduler's heap orders them), each in the lowest free slot, and the steps that
 * end at one moment release their dependents before any slot is filled again, as one of
 * the scheduler's poll rounds does. O((V + E) log V).
 *
 * From the start (the dry run's plan), or from `state` (what is left while a run goes on:
 * its running steps keep their slots until their expected end; those slots are numbered
 * from 1 in no particular order).
 */
export function simulateSchedule(
  dag: Dag,
  durations: ArrayLike<number>,
  priorities: ArrayLike<number>,
  slots: number,
  state?: ScheduleState
): SimulatedSchedule {
  const usable = Math.max(1, Math.min(slots, dag.size))
  const waiting = new Int32Array(dag.size)
  const ready = new Heap((a, b) => {
    const pa = priorities[a] as number
    const pb = priorities[b] as number
    return pa > pb || (pa === pb && a < b)
  })
  const endOf = new Float64Array(dag.size)
  const slotOf = new Int32Array(dag.size)
  const running = new Heap(
    (a, b) => (endOf[a] as number) < (endOf[b] as number) || (endOf[a] === endOf[b] && a < b)
  )
  const freeSlots = new Heap((a, b) => a < b)
  const bars: SimulatedBar[] = []

  const finished = (v: number): boolean => state?.finished[v] === true
  let slot = 0
  for (const [step, remaining] of state?.running ?? []) {
    endOf[step] = Math.max(0, remaining)
    slotOf[step] = ++slot
    running.push(step)
  }
  for (let s = slot + 1; s <= usable; s++) freeSlots.push(s)
  for (let v = 0; v < dag.size; v++) {
    if (finished(v) || state?.running.has(v) === true) continue
    for (const p of dag.predecessors[v] ?? [])
      if (!finished(p)) waiting[v] = (waiting[v] as number) + 1
    if (waiting[v] === 0) ready.push(v)
  }

  let now = 0
  const fill = (): void => {
    while (freeSlots.size > 0 && ready.size > 0) {
      const step = ready.pop() as number
      const free = freeSlots.pop() as number
      const end = now + Math.max(0, durations[step] as number)
      endOf[step] = end
      slotOf[step] = free
      running.push(step)
      bars.push({ step, slot: free, start: now, end })
    }
  }
  fill()
  while (running.size > 0) {
    const first = running.pop() as number
    now = endOf[first] as number
    const ended = [first]
    for (;;) {
      const next = running.pop()
      if (next === undefined) break
      if (endOf[next] !== now) {
        running.push(next)
        break
      }
      ended.push(next)
    }
    for (const step of ended) {
      freeSlots.push(slotOf[step] as number)
      for (const s of dag.successors[step] ?? []) {
        if (finished(s)) continue
        const left = (waiting[s] as number) - 1
        waiting[s] = left
        if (left === 0) ready.push(s)
      }
    }
    fill()
  }
  return { wallMs: now, bars }
}
