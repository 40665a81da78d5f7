/**
 * The critical path of a run as it went: the chain of events that really set its wall
 * time. Plain data in (times in milliseconds on one clock), so a run's record and a merge
 * of several records give it alike.
 */

/** One attempt of a step: the slot it ran in and when. */
export interface PathAttempt {
  readonly slot: number
  readonly startedAt: number
  readonly endedAt: number
  /** Ended by a stop (fail-fast, a signal): its end says when the stop came, not its work. */
  readonly cancelled: boolean
}

/** One step, as the path needs it. */
export interface PathStep {
  /** The steps it needs (indices into the same list; a matrix step's every instance). */
  readonly needs: readonly number[]
  /** When its needs had all finished (for a step that never ran: when it was released). */
  readonly readyAt: number | null
  /** In order; empty when it never ran. */
  readonly attempts: readonly PathAttempt[]
  /**
   * Only on a service: when it was ready (null: never). A service released the steps that
   * need it at that moment, holds no slot, and ends after them, because they ended: its
   * end never holds anything back.
   */
  readonly serviceReadyAt?: number | null
}

/** What held back the start of a link. */
export type HeldBy =
  /** Nothing: it started with the run. */
  | { readonly kind: 'start' }
  /** The need whose end made it ready (it started as soon as it was ready). */
  | { readonly kind: 'need'; readonly step: number }
  /**
   * It was ready, but every slot was busy: it started when `step`'s attempt `attempt`
   * left the slot it took, after waiting `waitedMs` from ready to start. More slots would
   * have helped there.
   */
  | {
      readonly kind: 'slot'
      readonly step: number
      readonly attempt: number
      readonly waitedMs: number
    }
  /** A retry: the step's own attempt before it (its failure, the backoff, any wait after). */
  | { readonly kind: 'retry' }

export interface CriticalLink {
  readonly step: number
  /** Which attempt (1-based); 0 for a step that never ran, which the path passes through. */
  readonly attempt: number
  readonly startedAt: number
  readonly endedAt: number
  readonly heldBy: HeldBy
}

/**
 * How far apart two moments may be and still count as one: the scheduler starts a ready
 * step in the poll round that released it, so a need's end and the start it allows are
 * the same reading of the clock, but a run record rounds each to whole milliseconds.
 */
const SAME_MOMENT_MS = 5

interface Placed {
  readonly step: number
  /** 1-based. */
  readonly attempt: number
  readonly slot: number
  readonly startedAt: number
  readonly endedAt: number
}

/**
 * The chain of events that set the run's wall time, from the start to the end: from the
 * attempt that ended last (one that a stop did not end, if any did: a cancelled step's end
 * is when the stop came), back to the start, each link is what held back the start of
 * the one after it:
 * - a retry is held by the attempt before it;
 * - a step whose ready moment came while every slot was busy is held by the attempt that
 *   left the slot it took (a wait for a slot: more slots would have helped there);
 * - otherwise by the need released last: the need's last attempt, or, for a need that
 *   never ran (skipped because a step before it failed), that need itself, at the moment
 *   it was released, and on through what released it;
 * - a step without needs, ready with the run, in a free slot, starts the chain.
 * Not the longest chain of `needs`: a step that waited for a slot is on the path through
 * that slot's previous occupant. Empty when nothing ran.
 */
export function runCriticalPath(steps: readonly PathStep[]): CriticalLink[] {
  const placed: Placed[] = steps.flatMap((step, index) =>
    step.attempts.map((attempt, i) => ({ step: index, attempt: i + 1, ...attempt }))
  )
  const last = lastEnded(steps, placed)
  if (!last) return []
  const bySlot = new Map<number, Placed[]>()
  for (const attempt of placed) {
    const list = bySlot.get(attempt.slot) ?? []
    list.push(attempt)
    bySlot.set(attempt.slot, list)
  }
  const chain: CriticalLink[] = []
  const seen = new Set<string>()
  let current: { step: number; attempt: number } | undefined = last
  while (current && !seen.has(`${current.step}/${current.attempt}`)) {
    seen.add(`${current.step}/${current.attempt}`)
    const link = linkOf(steps, bySlot, current.step, current.attempt)
    if (!link) break
    chain.push(link)
    current = previousLink(steps, link)
  }
  return chain.reverse()
}

/** The attempt that ended last, preferring one that a stop did not end. */
function lastEnded(
  steps: readonly PathStep[],
  placed: readonly Placed[]
): { step: number; attempt: number } | undefined {
  const cancelled = (p: Placed): boolean =>
    steps[p.step]?.attempts[p.attempt - 1]?.cancelled ?? false
  // A service ends after the steps that need it: the path ends with the last of the others.
  const work = placed.some(p => !isService(steps[p.step]))
    ? placed.filter(p => !isService(steps[p.step]))
    : placed
  const candidates = work.some(p => !cancelled(p)) ? work.filter(p => !cancelled(p)) : work
  return candidates.reduce<Placed | undefined>(
    (latest, p) => (latest === undefined || p.endedAt > latest.endedAt ? p : latest),
    undefined
  )
}

function linkOf(
  steps: readonly PathStep[],
  bySlot: ReadonlyMap<number, readonly Placed[]>,
  step: number,
  attempt: number
): CriticalLink | undefined {
  const spec = steps[step]
  if (!spec) return undefined
  if (attempt === 0) {
    // A step that never ran: released at its ready moment, by its needs.
    const at = spec.readyAt ?? 0
    return { step, attempt, startedAt: at, endedAt: at, heldBy: releasedBy(steps, step) }
  }
  const own = spec.attempts[attempt - 1]
  if (!own) return undefined
  const base = { step, attempt, startedAt: own.startedAt, endedAt: releasedAt(spec) ?? own.endedAt }
  if (attempt > 1) return { ...base, heldBy: { kind: 'retry' } }
  // A service takes no slot: only its needs hold it back.
  if (isService(spec)) return { ...base, heldBy: releasedBy(steps, step) }
  const readyAt = spec.readyAt ?? 0
  const occupant = previousOccupant(bySlot.get(own.slot) ?? [], step, own.startedAt)
  // The slot it took came free after it was ready: it waited for that slot. (A slot that
  // came free before, or as, it was ready was not what held it: a late start then is the
  // loop's own latency.)
  if (
    occupant &&
    own.startedAt - readyAt > SAME_MOMENT_MS &&
    occupant.endedAt > readyAt + SAME_MOMENT_MS
  ) {
    return {
      ...base,
      heldBy: {
        kind: 'slot',
        step: occupant.step,
        attempt: occupant.attempt,
        waitedMs: own.startedAt - readyAt
      }
    }
  }
  return { ...base, heldBy: releasedBy(steps, step) }
}

/** The attempt that left `slot` last before `startedAt` (attempts in a slot never overlap). */
function previousOccupant(
  inSlot: readonly Placed[],
  step: number,
  startedAt: number
): Placed | undefined {
  let found: Placed | undefined
  for (const p of inSlot) {
    if (p.step === step) continue
    if (p.endedAt > startedAt + SAME_MOMENT_MS) continue
    // On a tie the later start left last: an attempt that could not start ends as it starts.
    if (
      !found ||
      p.endedAt > found.endedAt ||
      (p.endedAt === found.endedAt && p.startedAt > found.startedAt)
    )
      found = p
  }
  return found
}

/** The need released last, or the start of the run for a step without needs. */
function releasedBy(steps: readonly PathStep[], step: number): HeldBy {
  let latest: number | undefined
  let latestAt = -Infinity
  for (const need of steps[step]?.needs ?? []) {
    const at = releasedAt(steps[need])
    if (at !== undefined && at > latestAt) {
      latest = need
      latestAt = at
    }
  }
  return latest === undefined ? { kind: 'start' } : { kind: 'need', step: latest }
}

/**
 * When a step let the steps that need it go: a service when it was ready, any other step
 * at its last end, or, one that never ran, when it was decided.
 */
function releasedAt(step: PathStep | undefined): number | undefined {
  if (!step) return undefined
  if (step.serviceReadyAt != null) return step.serviceReadyAt
  const last = step.attempts[step.attempts.length - 1]
  return last ? last.endedAt : (step.readyAt ?? undefined)
}

/** The link before `link` on the chain, or undefined at the start. */
function previousLink(
  steps: readonly PathStep[],
  link: CriticalLink
): { step: number; attempt: number } | undefined {
  const held = link.heldBy
  switch (held.kind) {
    case 'start':
      return undefined
    case 'retry':
      return { step: link.step, attempt: link.attempt - 1 }
    case 'slot':
      return { step: held.step, attempt: held.attempt }
    case 'need':
      return { step: held.step, attempt: steps[held.step]?.attempts.length ?? 0 }
  }
}

function isService(step: PathStep | undefined): boolean {
  return step?.serviceReadyAt !== undefined
}
