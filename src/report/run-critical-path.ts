import type { Dag } from '../graph/dag.js'
import {
  lastAttempt,
  releasedDependentsAt,
  type Attempt,
  type RunResult
} from '../scheduler/results.js'

/** What held back the start of a step on the critical path. */
export type HeldBy =
  /** Its last need ended (the step was ready, and a slot was free). */
  | { readonly kind: 'need'; readonly step: number }
  /** It was ready, but waited this long for the step in its slot to end. */
  | { readonly kind: 'slot'; readonly step: number; readonly waitedMs: number }
  /** Nothing: it started with the run (or nothing ran before it). */
  | { readonly kind: 'start' }

export interface CriticalLink {
  readonly step: number
  /** From its first attempt's start to its last attempt's end (retries included). */
  readonly startedAt: number
  readonly endedAt: number
  readonly heldBy: HeldBy
}

/** Starts within this much of an event count as caused by it (the loop's own latency). */
const SAME_MOMENT_MS = 5

/**
 * The chain of events that really set the run's wall time, as it went: from the step that
 * ended last back to the start, each link is what held back the start of the one after it
 * — the need that ended last (the step started the moment it was ready), or the step
 * whose slot it took (it was ready earlier and waited for a slot: more slots would have
 * helped there). Not the longest chain of `needs`: a step that waited for a slot is on
 * the path through the slot's previous occupant. Steps that never started are not on it.
 * Returned from the start to the end.
 */
export function runCriticalPath(dag: Dag, run: RunResult): CriticalLink[] {
  const ran = run.results.filter(result => result.attempts.length > 0)
  if (ran.length === 0) return []
  const attemptsInSlot = new Map<number, { step: number; attempt: Attempt }[]>()
  for (const result of ran) {
    for (const attempt of result.attempts) {
      const list = attemptsInSlot.get(attempt.slot) ?? []
      list.push({ step: result.step, attempt })
      attemptsInSlot.set(attempt.slot, list)
    }
  }
  const endOf = (step: number): number => lastAttempt(run.results[step] ?? noResult)?.endedAt ?? 0
  // A service ends after the steps that need it, because they ended: the path ends with
  // the last of the other steps (a run of services only: the last service).
  const work = ran.filter(result => result.serviceReadyAt === undefined)
  let current = (work.length > 0 ? work : ran).reduce((latest, result) =>
    endOf(result.step) > endOf(latest.step) ? result : latest
  ).step
  const chain: CriticalLink[] = []
  const seen = new Set<number>()
  while (!seen.has(current)) {
    seen.add(current)
    const result = run.results[current]
    const first = result?.attempts[0]
    if (!result || !first) break
    const heldBy = whatHeldBack(current, first, result.readyAt, dag, run, attemptsInSlot)
    chain.push({ step: current, startedAt: first.startedAt, endedAt: endOf(current), heldBy })
    if (heldBy.kind === 'start') break
    current = heldBy.step
  }
  return chain.reverse()
}

const noResult = { step: -1, status: 'skipped', attempts: [], readyAt: null } as const

function whatHeldBack(
  step: number,
  first: Attempt,
  readyAt: number | null,
  dag: Dag,
  run: RunResult,
  attemptsInSlot: ReadonlyMap<number, readonly { step: number; attempt: Attempt }[]>
): HeldBy {
  const ready = readyAt ?? run.startedAt
  if (first.startedAt - ready > SAME_MOMENT_MS) {
    // Ready before it started: the slot's previous occupant ended just before.
    const previous = (attemptsInSlot.get(first.slot) ?? [])
      .filter(({ attempt }) => attempt.endedAt <= first.startedAt + SAME_MOMENT_MS)
      .filter(({ attempt }) => attempt !== first)
      .reduce<{ step: number; attempt: Attempt } | undefined>(
        (latest, entry) =>
          latest === undefined || entry.attempt.endedAt > latest.attempt.endedAt ? entry : latest,
        undefined
      )
    if (previous && previous.step !== step)
      return { kind: 'slot', step: previous.step, waitedMs: first.startedAt - ready }
  }
  // Started when it was ready: the need that ended last.
  let latestNeed: number | undefined
  let latestEnd = -Infinity
  for (const need of dag.predecessors[step] ?? []) {
    // A service released its dependents when it was ready, not when it ended.
    const ended = releasedDependentsAt(run.results[need] ?? noResult)
    if (ended !== undefined && ended > latestEnd) {
      latestEnd = ended
      latestNeed = need
    }
  }
  return latestNeed === undefined ? { kind: 'start' } : { kind: 'need', step: latestNeed }
}
