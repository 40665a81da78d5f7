import type { Dag } from '../graph/dag.js'
import type { StepSpec } from '../graph/spec.js'
import type { Clock } from './clock.js'
import { StatusConditions, type StepConditions } from './conditions.js'
import { DagIterator } from './dag-iterator.js'
import { countsAsFailed, describeFailure, verdictOf, type NeedState } from './policy.js'
import { computeNextDynPoll, INITIAL_POLL_INTERVAL_MS } from './poll-interval.js'
import type { Attempt, RunResult, StepResult } from './results.js'
import type { Placement, Worker, WorkerExit, WorkerFactory } from './worker.js'

export interface SchedulerOptions {
  /** Slots: the most attempts running at once. */
  readonly slots: number
  /** On the first failure, start nothing new and cancel the running steps. */
  readonly failFast: boolean
  /** Milliseconds to wait before running a failed step again, by the attempt that failed. */
  readonly retryBackoffMs?: (failedAttempt: number) => number
  /** After a timeout's SIGTERM, how long before SIGKILL. */
  readonly timeoutGraceMs?: number
  /** After a cancellation's SIGTERM (fail-fast, a signal to stepgraph), how long before SIGKILL. */
  readonly cancelGraceMs?: number
  /** Decides each ready step's `if:`; default: status functions only (`StatusConditions`). */
  readonly conditions?: StepConditions
  /**
   * priorities[v]: how urgent step v is among ready steps, higher first (ties: declaration
   * order). Default: the longest chain of steps from v to the end (`Dag.remainingPath`);
   * with recorded durations, the longest remaining time.
   */
  readonly priorities?: ArrayLike<number>
}

/** Short backoff: 1 s, 2 s, 4 s, ... at most 10 s. */
export const DEFAULT_RETRY_BACKOFF_MS = (failedAttempt: number): number =>
  Math.min(10_000, 1000 * 2 ** (failedAttempt - 1))
export const DEFAULT_TIMEOUT_GRACE_MS = 5000
/** Short enough that a cancelled run is over within about 3 s, inside the runner's 7.5 s. */
export const DEFAULT_CANCEL_GRACE_MS = 2500

export interface AttemptStart extends Placement {
  readonly at: number
  readonly wallTime: number
}

export interface AttemptEnd extends Placement {
  readonly at: number
  readonly status: Attempt['status']
  readonly exit: WorkerExit
  /** When the step will run again, if it will. */
  readonly retryAt?: number
}

/** What the scheduler tells reporters; every callback is optional. */
export interface SchedulerObserver {
  attemptStarted?(event: AttemptStart): void
  attemptEnded?(event: AttemptEnd): void
  /** Exactly once per step, when its status is final. */
  stepFinished?(result: StepResult): void
  /** Once per poll round while waiting: drives progress lines. */
  pollRound?(now: number): void
}

/** A step's attempt in a slot. */
interface RunningAttempt extends Placement {
  readonly worker: Worker
  readonly startedAt: number
  readonly startedAtWall: number
  /** Monotonic time at which the attempt times out; undefined for no timeout. */
  readonly deadline: number | undefined
  /** Why the scheduler asked the attempt to end, once it has. */
  stopReason?: 'timeout' | 'cancel'
  /**
   * Whether its process had already ended on its own when the scheduler asked it to end
   * (its output was still draining): then the exit, not the stop, gives its status.
   */
  exitedBeforeStop?: boolean
}

/** An attempt whose worker reported its exit in this poll round, not yet judged. */
interface EndedAttempt {
  readonly running: RunningAttempt
  readonly exit: WorkerExit
}

interface PendingRetry {
  readonly step: number
  readonly attempt: number
  readonly dueAt: number
}

/**
 * A port of e3-testsuite's MultiprocessScheduler: a fixed set of slots, a DAG iterator
 * with a busy state, and a poll loop whose interval adapts with e3's rule. Two changes
 * where Node allows better: the wait between poll rounds ends the moment a child exits
 * (the worker factory wakes the clock), so a dependent starts at once; and the rounds
 * also drive timeouts, kill escalation, retries and progress.
 *
 * A real exit always wins: a step whose process ended on its own keeps the status of that
 * exit (`success`, `failure`), whatever the scheduler decided about it afterwards. A
 * timeout or a cancellation (fail-fast, a signal to stepgraph) decides the status only of
 * attempts still running when it came. See `scan` and `attemptStatus`.
 */
export class MultiprocessScheduler {
  /**
   * workers[slot - 1]: the attempt running in that slot, undefined when the slot is free.
   * Slots are numbered 1..slots, so running attempts always have distinct slots.
   */
  private readonly workers: (RunningAttempt | undefined)[]
  /** Equivalent to the number of defined entries in `workers`. */
  private activeWorkers = 0
  /** Hands out ready steps, longest remaining chain first. */
  private readonly iterator: DagIterator
  /** Milliseconds to wait between poll rounds when no child wakes the loop. */
  private pollInterval = INITIAL_POLL_INTERVAL_MS
  /** True when every step not yet started waits for a running one: e3's `no_free_item`. */
  private noFreeItem = false
  /** True when nothing more will start: all steps handed out, or the run is stopping. */
  private noWorkLeft = false
  /** Set once fail-fast or a cancellation has stopped the run; says why. */
  private stopping: { readonly reason: string; readonly cancelled: boolean } | undefined
  /** Failed attempts waiting for their backoff, earliest first; their steps stay busy. */
  private readonly retries: PendingRetry[] = []
  /** results[v]: step v's final result, once it has one. */
  private readonly results: (StepResult | undefined)[]
  /** Attempts of each step so far. */
  private readonly attempts: Attempt[][]
  /** When each step's needs had all finished: the start of its queue wait. */
  private readonly readyAt: (number | undefined)[]
  private readonly conditions: StepConditions

  constructor(
    private readonly dag: Dag,
    private readonly steps: readonly StepSpec[],
    private readonly factory: WorkerFactory,
    private readonly clock: Clock,
    private readonly options: SchedulerOptions,
    private readonly observer: SchedulerObserver = {}
  ) {
    if (!(options.slots >= 1)) throw new RangeError('a scheduler needs at least one slot')
    // At most one attempt of each step runs at once: slots beyond the step count would
    // never be used, and a table of a billion slots would not fit in memory.
    const usable = Math.max(1, Math.min(options.slots, dag.size))
    this.workers = new Array<RunningAttempt | undefined>(usable).fill(undefined)
    this.iterator = new DagIterator(dag, options.priorities ?? dag.remainingPath())
    this.results = new Array<StepResult | undefined>(dag.size).fill(undefined)
    this.attempts = Array.from({ length: dag.size }, () => [])
    this.readyAt = new Array<number | undefined>(dag.size).fill(undefined)
    this.conditions = options.conditions ?? new StatusConditions(steps)
  }

  get hasFreeSlots(): boolean {
    return this.activeWorkers < this.workers.length
  }

  /** Runs every step to a final status. */
  async run(): Promise<RunResult> {
    const startedAt = this.clock.now()
    const startedAtWall = this.clock.wallTime()
    for (const v of this.iterator.initiallyReady()) this.readyAt[v] = startedAt
    while (this.activeWorkers > 0 || !this.noWorkLeft) await this.poll()
    this.cancelWhatNeverEnded()
    return {
      results: this.results.map((result, v) => result ?? this.neverStarted(v)),
      startedAt,
      endedAt: this.clock.now(),
      startedAtWall,
      cancelled: this.stopping?.cancelled ?? false
    }
  }

  /**
   * Stops the run from outside (SIGINT, SIGTERM): nothing new starts, running steps get
   * SIGTERM and, after the cancel grace, SIGKILL. `run()` then returns with them cancelled.
   */
  cancel(reason = 'the run was cancelled'): void {
    this.stopStarting(reason, true)
    this.clock.wake()
  }

  /** Ends every running attempt at once with SIGKILL (a second interrupt). */
  killNow(): void {
    this.cancel()
    // Not even a step whose `if` calls cancelled() starts any more.
    this.noWorkLeft = true
    for (const running of this.workers) running?.worker.kill()
    this.clock.wake()
  }

  /** One round of e3's loop: fill the free slots, then wait until one frees up. */
  private async poll(): Promise<void> {
    let now = this.clock.now()
    if (!this.noWorkLeft && this.hasFreeSlots && (!this.noFreeItem || this.retryDue(now))) {
      this.fillFreeSlots(now)
    }
    let pollCounter = 0
    while (this.mustWait(now)) {
      pollCounter++
      this.scan(now)
      this.observer.pollRound?.(now)
      if (!this.mustWait(now)) break
      await this.clock.sleep(this.sleepFor(now))
      now = this.clock.now()
      // e3 adjusts the interval once per wait, but one wait can last as long as the
      // longest step: keep backing off inside a long wait instead of polling at the
      // short interval a burst of quick steps left behind.
      if (pollCounter > 8) this.pollInterval = computeNextDynPoll(pollCounter, this.pollInterval)
    }
    if (pollCounter <= 8) this.pollInterval = computeNextDynPoll(pollCounter, this.pollInterval)
  }

  /** e3's linear scan for free slots, giving each the next step that may start. */
  private fillFreeSlots(now: number): void {
    for (
      let index = 0;
      index < this.workers.length && this.hasFreeSlots && !this.noWorkLeft;
      index++
    ) {
      if (this.workers[index] !== undefined) continue
      const next = this.nextToStart(now)
      if (next === 'done') {
        this.noWorkLeft = true
        break
      }
      if (next === 'busy') {
        this.noFreeItem = true
        break
      }
      this.spawnWorker({ ...next, slot: index + 1 }, now)
    }
  }

  /**
   * A due retry first, then the iterator's next ready step whose `if` holds. Once the run
   * is stopping, only a step whose `if` calls `cancelled()` is decided; the others are
   * cancelled as they become ready, which releases the steps after them.
   */
  private nextToStart(now: number): Omit<Placement, 'slot'> | 'busy' | 'done' {
    const retry = this.retries[0]
    if (retry && retry.dueAt <= now) {
      this.retries.shift()
      return { step: retry.step, attempt: retry.attempt }
    }
    for (;;) {
      const next = this.iterator.next()
      if (next === 'busy' || next === 'done') return next
      const readyAt = this.readyAt[next] ?? now
      if (this.stopping && !this.conditions.startsWhenStopping(next)) {
        const reason = `not started: ${this.stopping.reason}`
        this.finish({ step: next, status: 'cancelled', attempts: [], readyAt, reason }, now)
        continue
      }
      const decision = this.conditions.decide(next, this.needStates(next), !!this.stopping)
      if (decision.run) return { step: next, attempt: 1 }
      const { reason, because } = decision
      this.finish(
        {
          step: next,
          status: decision.failed ? 'failure' : 'skipped',
          attempts: [],
          readyAt,
          reason,
          ...(because !== undefined && !decision.failed && { skippedBecauseOf: because })
        },
        now
      )
      const spec = this.steps[next] as StepSpec
      if (decision.failed && this.options.failFast && countsAsFailed('failure', spec)) {
        this.stopStarting(`fail-fast: \`${spec.id}\` failed`, false)
      }
    }
  }

  private spawnWorker(placement: Placement, now: number): void {
    const index = placement.slot - 1
    if (this.workers[index] !== undefined) throw new Error(`slot ${placement.slot} is busy`)
    const timeoutMinutes = this.steps[placement.step]?.timeoutMinutes
    const running: RunningAttempt = {
      ...placement,
      worker: this.factory.start(placement, now),
      startedAt: now,
      startedAtWall: this.clock.wallTime(),
      deadline: timeoutMinutes === undefined ? undefined : now + timeoutMinutes * 60_000
    }
    this.workers[index] = running
    this.activeWorkers++
    this.observer.attemptStarted?.({ ...placement, at: now, wallTime: running.startedAtWall })
  }

  private releaseWorker(slot: number): void {
    if (this.workers[slot - 1] === undefined) throw new Error(`slot ${slot} is already free`)
    this.workers[slot - 1] = undefined
    this.activeWorkers--
  }

  /** Whether to keep waiting rather than go back to filling slots. */
  private mustWait(now: number): boolean {
    if (this.activeWorkers === 0 && this.noWorkLeft) return false
    if (!this.hasFreeSlots) return true
    if (this.noWorkLeft) return this.activeWorkers > 0
    return this.noFreeItem && !this.retryDue(now)
  }

  private retryDue(now: number): boolean {
    const first = this.retries[0]
    return first !== undefined && first.dueAt <= now
  }

  /**
   * The poll interval, cut to the nearest deadline: a timeout, a worker's own (a kill to
   * escalate), or a retry falling due while a slot is free to take it. A due retry with no
   * free slot must not cut the sleep to zero: that would spin until a slot frees up.
   */
  private sleepFor(now: number): number {
    let until = this.pollInterval
    for (const running of this.workers) {
      if (running === undefined) continue
      if (running.deadline !== undefined && running.stopReason === undefined) {
        until = Math.min(until, running.deadline - now)
      }
      const workerDeadline = running.worker.nextDeadline?.()
      if (workerDeadline !== undefined) until = Math.min(until, workerDeadline - now)
    }
    const retry = this.retries[0]
    if (retry && !this.noWorkLeft && this.hasFreeSlots) until = Math.min(until, retry.dueAt - now)
    return Math.max(0, until)
  }

  /**
   * e3's scan of the slots, in three steps so that slot order decides nothing:
   * 1. collect: every attempt whose worker reports its exit leaves its slot;
   * 2. time out the attempts still running whose deadline has passed;
   * 3. judge the exits collected in 1, which may fail fast.
   * Fail-fast cancels only what is still running after 1 and 2: an attempt that ended in
   * this same scan, or that had reached its deadline, keeps `success`, `failure` or
   * `timed-out`. Judging each exit as it was collected would cancel a step that ended in
   * a later slot of the same scan as the first failure.
   */
  private scan(now: number): void {
    const ended = this.collectFinished(now)
    this.enforceTimeouts(now)
    this.judge(ended, now)
  }

  private collectFinished(now: number): EndedAttempt[] {
    const ended: EndedAttempt[] = []
    for (const running of this.workers) {
      if (running === undefined) continue
      const exit = running.worker.poll(now)
      if (exit === undefined) continue
      this.releaseWorker(running.slot)
      ended.push({ running, exit })
    }
    return ended
  }

  private enforceTimeouts(now: number): void {
    const grace = this.options.timeoutGraceMs ?? DEFAULT_TIMEOUT_GRACE_MS
    for (const running of this.workers) {
      if (running?.deadline === undefined || running.stopReason !== undefined) continue
      if (now < running.deadline) continue
      this.stopAttempt(running, 'timeout', now, grace)
    }
  }

  /**
   * Judges the exits of one scan. Fail-fast is decided for the scan as a whole, before any
   * of them is recorded: every step that ended failed in it is named, and none of its exits
   * is retried, so the outcome does not depend on which slot came first.
   */
  private judge(ended: readonly EndedAttempt[], now: number): void {
    const judged = ended.map(({ running, exit }) => ({
      running,
      exit,
      status: attemptStatus(running, exit)
    }))
    if (this.options.failFast && !this.stopping) {
      const failed = judged
        .filter(({ running, status }) => {
          const spec = this.steps[running.step] as StepSpec
          return countsAsFailed(status, spec) && running.attempt > spec.retries
        })
        .sort((a, b) => a.running.step - b.running.step)
      if (failed.length > 0) {
        const what = failed.map(
          ({ running, status }) =>
            `\`${(this.steps[running.step] as StepSpec).id}\` ${describeFailure(status)}`
        )
        this.stopStarting(`fail-fast: ${what.join(', ')}`, false)
      }
    }
    for (const { running, exit, status } of judged) this.attemptEnded(running, exit, status, now)
  }

  private attemptEnded(
    running: RunningAttempt,
    exit: WorkerExit,
    status: Attempt['status'],
    now: number
  ): void {
    const { step, attempt, slot } = running
    this.attempts[step]?.push({
      attempt,
      slot,
      startedAt: running.startedAt,
      endedAt: now,
      startedAtWall: running.startedAtWall,
      status,
      exit
    })
    const spec = this.steps[step] as StepSpec
    const retriable = (status === 'failure' || status === 'timed-out') && attempt <= spec.retries
    if (retriable && !this.stopping) {
      const retryAt = now + (this.options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS)(attempt)
      insertByDueTime(this.retries, { step, attempt: attempt + 1, dueAt: retryAt })
      this.observer.attemptEnded?.({ step, attempt, slot, at: now, status, exit, retryAt })
      return
    }
    this.observer.attemptEnded?.({ step, attempt, slot, at: now, status, exit })
    this.finish(
      {
        step,
        status,
        attempts: this.attempts[step] ?? [],
        readyAt: this.readyAt[step] ?? null,
        ...(retriable && this.stopping && { reason: `not retried: ${this.stopping.reason}` })
      },
      now
    )
  }

  /**
   * Records a step's final result and releases the steps waiting for it, ready at `now`:
   * the time of the round that decided it. A fresh reading of the clock would be later
   * than the `now` a released step may be started with in the same round, and its queue
   * wait would come out negative.
   */
  private finish(result: StepResult, now: number): void {
    this.results[result.step] = result
    for (const released of this.iterator.leave(result.step)) this.readyAt[released] = now
    this.noFreeItem = false
    this.observer.stepFinished?.(result)
  }

  /** Fail-fast or cancellation: start nothing more and ask every running step to end. */
  private stopStarting(reason: string, cancelled: boolean): void {
    if (this.stopping) {
      if (cancelled && !this.stopping.cancelled)
        this.stopping = { reason: this.stopping.reason, cancelled }
      return
    }
    this.stopping = { reason, cancelled }
    const now = this.clock.now()
    this.noWorkLeft = !this.mayStartWhenStopping()
    if (!this.noWorkLeft) this.endPendingRetries(now)
    const grace = this.options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS
    for (const running of this.workers) {
      if (running === undefined || running.stopReason !== undefined) continue
      this.stopAttempt(running, 'cancel', now, grace)
    }
  }

  /** Whether a step not finished yet has an `if` that calls `cancelled()`. */
  private mayStartWhenStopping(): boolean {
    for (let v = 0; v < this.dag.size; v++) {
      if (this.results[v] === undefined && this.conditions.startsWhenStopping(v)) return true
    }
    return false
  }

  /**
   * A stop takes away the retries still waiting: their steps end now with their last
   * attempt's status, so that the steps after them are released (and cancelled, or
   * decided if they call `cancelled()`).
   */
  private endPendingRetries(now: number): void {
    const reason = `not retried: ${this.stopping?.reason ?? 'the run stopped'}`
    for (const { step } of this.retries.splice(0)) {
      const attempts = this.attempts[step] ?? []
      const last = attempts[attempts.length - 1]
      const readyAt = this.readyAt[step] ?? null
      this.finish({ step, status: last?.status ?? 'cancelled', attempts, readyAt, reason }, now)
    }
  }

  /**
   * Asks a running attempt to end, noting whether its process had already ended on its
   * own: if it had, the stop changes nothing about how it ended (`attemptStatus`).
   */
  private stopAttempt(
    running: RunningAttempt,
    reason: 'timeout' | 'cancel',
    now: number,
    graceMs: number
  ): void {
    running.stopReason = reason
    running.exitedBeforeStop = running.worker.hasExited?.() ?? false
    running.worker.stop(now, graceMs)
  }

  /**
   * After the loop: steps never started end `cancelled`. A step still waiting for a retry
   * did run, and its last attempt ended with a real exit: it keeps that attempt's status
   * (`failure` or `timed-out`), the retry that never came being the reason.
   */
  private cancelWhatNeverEnded(): void {
    const reason = this.stopping?.reason ?? 'the run stopped'
    const now = this.clock.now()
    for (let v = 0; v < this.dag.size; v++) {
      if (this.results[v] !== undefined) continue
      const attempts = this.attempts[v] ?? []
      const last = attempts[attempts.length - 1]
      this.finish(
        {
          step: v,
          status: last?.status ?? 'cancelled',
          attempts,
          readyAt: this.readyAt[v] ?? null,
          reason: last ? `not retried: ${reason}` : `not started: ${reason}`
        },
        now
      )
    }
  }

  private neverStarted(step: number): StepResult {
    return { step, status: 'cancelled', attempts: [], readyAt: null, reason: 'not started' }
  }

  private needStates(step: number): NeedState[] {
    return (this.dag.predecessors[step] ?? []).map(need => {
      const result = this.results[need] as StepResult
      const spec = this.steps[need] as StepSpec
      const verdict = verdictOf(result, spec)
      const rootFailure =
        verdict !== 'failed'
          ? undefined
          : result.status === 'skipped'
            ? result.skippedBecauseOf
            : need
      return {
        step: need,
        id: spec.id,
        verdict,
        status: result.status,
        ...(rootFailure !== undefined && { rootFailure })
      }
    })
  }
}

/**
 * How an attempt ended. A real exit always wins: a timeout or a cancellation gives the
 * status only when it was asked for before the process ended; a process that had already
 * ended keeps the status of its exit.
 */
function attemptStatus(running: RunningAttempt, exit: WorkerExit): Attempt['status'] {
  if (running.stopReason !== undefined && !running.exitedBeforeStop) {
    return running.stopReason === 'timeout' ? 'timed-out' : 'cancelled'
  }
  return exit.error === undefined && exit.exitCode === 0 && exit.signal === null
    ? 'success'
    : 'failure'
}

function insertByDueTime(queue: PendingRetry[], retry: PendingRetry): void {
  let i = queue.length
  while (i > 0 && (queue[i - 1] as PendingRetry).dueAt > retry.dueAt) i--
  queue.splice(i, 0, retry)
}
