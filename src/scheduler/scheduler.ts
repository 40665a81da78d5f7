import type { Dag } from '../graph/dag.js'
import type { StepSpec } from '../graph/spec.js'
import type { Clock } from './clock.js'
import { StatusConditions, type StepConditions } from './conditions.js'
import { DagIterator } from './dag-iterator.js'
import type { SchedulerObserver } from './observer.js'
import { decideReadyStep, type ReadyStepContext } from './ready-steps.js'
import { computeNextDynPoll, INITIAL_POLL_INTERVAL_MS } from './poll-interval.js'
import type { Attempt, RunResult } from './results.js'
import { DEFAULT_RETRY_BACKOFF_MS, retriable, RetryQueue } from './retries.js'
import { DEFAULT_CANCEL_GRACE_MS, failFastReason, RunStop } from './run-stop.js'
import {
  attemptStatus,
  endedAttempt,
  stopAttempt,
  type EndedAttempt,
  type RunningAttempt
} from './running-attempt.js'
import { StepLedger } from './step-ledger.js'
import { deadlineOf, DEFAULT_TIMEOUT_GRACE_MS, hasTimedOut, pendingDeadline } from './timeouts.js'
import type { Placement, WorkerExit, WorkerFactory } from './worker.js'

export type { AttemptEnd, AttemptStart, SchedulerObserver } from './observer.js'
export { DEFAULT_RETRY_BACKOFF_MS } from './retries.js'
export { DEFAULT_CANCEL_GRACE_MS } from './run-stop.js'
export { DEFAULT_TIMEOUT_GRACE_MS } from './timeouts.js'

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

/**
 * A port of e3-testsuite's MultiprocessScheduler: a fixed set of slots, a DAG iterator
 * with a busy state, and a poll loop whose interval adapts with e3's rule. Two changes
 * where Node allows better: the wait between poll rounds ends the moment a child exits
 * (the worker factory wakes the clock), so a dependent starts at once; and the rounds
 * also drive timeouts, kill escalation, retries and progress.
 *
 * This file is the loop only; what it decides about steps lives beside it, each in one
 * module it calls: `step-ledger.ts` (results, and releasing a finished step's dependents),
 * `retries.ts`, `timeouts.ts`, `run-stop.ts` (fail-fast and cancellation),
 * `running-attempt.ts` (how an attempt ended: a real exit always wins), `ready-steps.ts`
 * with `conditions.ts` and `policy.ts` (`if:`, and what a need's end means to its
 * dependents).
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
  private readonly ledger: StepLedger
  private readonly retries: RetryQueue
  private readonly stop = new RunStop()
  private readonly conditions: StepConditions
  private readonly readyStepContext: ReadyStepContext

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
    this.ledger = new StepLedger(dag, steps, this.iterator, observer)
    this.retries = new RetryQueue(options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS)
    this.conditions = options.conditions ?? new StatusConditions(steps)
    this.readyStepContext = {
      steps,
      ledger: this.ledger,
      conditions: this.conditions,
      stop: this.stop,
      failFast: options.failFast
    }
  }

  get hasFreeSlots(): boolean {
    return this.activeWorkers < this.workers.length
  }

  /** Runs every step to a final status. */
  async run(): Promise<RunResult> {
    const startedAt = this.clock.now()
    const startedAtWall = this.clock.wallTime()
    this.ledger.start(startedAt)
    while (this.activeWorkers > 0 || !this.noWorkLeft) await this.poll()
    this.ledger.finishUnended(this.stop.reason ?? 'the run stopped', this.clock.now())
    return {
      results: this.ledger.finalResults(),
      startedAt,
      endedAt: this.clock.now(),
      startedAtWall,
      cancelled: this.stop.cancelled
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
    if (!this.noWorkLeft && this.hasFreeSlots && (!this.noFreeItem || this.retries.isDue(now))) {
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
   * A due retry first, then the iterator's next ready step whose `if` holds
   * (`ready-steps.ts`); a step that does not start is finished as it is handed out.
   */
  private nextToStart(now: number): Omit<Placement, 'slot'> | 'busy' | 'done' {
    const retry = this.retries.takeDue(now)
    if (retry) return { step: retry.step, attempt: retry.attempt }
    for (;;) {
      const next = this.iterator.next()
      if (next === 'busy' || next === 'done') return next
      const outcome = decideReadyStep(next, now, this.readyStepContext)
      if (outcome.start) return { step: next, attempt: 1 }
      this.finish(outcome.result, now)
      if (outcome.failsFast !== undefined) this.stopStarting(outcome.failsFast, false)
    }
  }

  private spawnWorker(placement: Placement, now: number): void {
    const index = placement.slot - 1
    if (this.workers[index] !== undefined) throw new Error(`slot ${placement.slot} is busy`)
    const running: RunningAttempt = {
      ...placement,
      worker: this.factory.start(placement, now),
      startedAt: now,
      startedAtWall: this.clock.wallTime(),
      deadline: deadlineOf(this.steps[placement.step], now)
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
    return this.noFreeItem && !this.retries.isDue(now)
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
      const timeout = pendingDeadline(running)
      if (timeout !== undefined) until = Math.min(until, timeout - now)
      const workerDeadline = running.worker.nextDeadline?.()
      if (workerDeadline !== undefined) until = Math.min(until, workerDeadline - now)
    }
    const retryAt = this.retries.nextDueAt
    if (retryAt !== undefined && !this.noWorkLeft && this.hasFreeSlots) {
      until = Math.min(until, retryAt - now)
    }
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
      if (running && hasTimedOut(running, now)) stopAttempt(running, 'timeout', now, grace)
    }
  }

  /** Judges the exits of one scan; fail-fast is decided for the scan as a whole first. */
  private judge(ended: readonly EndedAttempt[], now: number): void {
    const judged = ended.map(({ running, exit }) => ({
      running,
      exit,
      step: running.step,
      attempt: running.attempt,
      status: attemptStatus(running, exit)
    }))
    if (this.options.failFast && !this.stop.stopping) {
      const reason = failFastReason(judged, this.steps)
      if (reason !== undefined) this.stopStarting(reason, false)
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
    this.ledger.recordAttempt(step, endedAttempt(running, exit, status, now))
    const again = retriable(status, attempt, this.steps[step] as StepSpec)
    if (again && !this.stop.stopping) {
      const retryAt = this.retries.schedule(step, attempt, now)
      this.observer.attemptEnded?.({ step, attempt, slot, at: now, status, exit, retryAt })
      return
    }
    this.observer.attemptEnded?.({ step, attempt, slot, at: now, status, exit })
    this.finish(
      {
        step,
        status,
        attempts: this.ledger.attemptsOf(step),
        readyAt: this.ledger.readyAtOf(step),
        ...(again && { reason: `not retried: ${this.stop.reason ?? 'the run stopped'}` })
      },
      now
    )
  }

  /** A step's final result: its dependents are released, and the slots may be filled again. */
  private finish(result: Parameters<StepLedger['finish']>[0], now: number): void {
    this.ledger.finish(result, now)
    this.noFreeItem = false
  }

  /** Fail-fast or cancellation: start nothing more and ask every running step to end. */
  private stopStarting(reason: string, cancelled: boolean): void {
    if (!this.stop.begin(reason, cancelled)) return
    const now = this.clock.now()
    this.noWorkLeft = !this.mayStartWhenStopping()
    if (!this.noWorkLeft) this.endPendingRetries(now)
    const grace = this.options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS
    for (const running of this.workers) {
      if (running === undefined || running.stopReason !== undefined) continue
      stopAttempt(running, 'cancel', now, grace)
    }
  }

  /** Whether a step not finished yet has an `if` that calls `cancelled()`. */
  private mayStartWhenStopping(): boolean {
    for (const v of this.ledger.unfinished()) if (this.conditions.startsWhenStopping(v)) return true
    return false
  }

  /**
   * A stop takes away the retries still waiting: their steps end now with their last
   * attempt's status, so that the steps after them are released (and cancelled, or
   * decided if they call `cancelled()`).
   */
  private endPendingRetries(now: number): void {
    const reason = `not retried: ${this.stop.reason ?? 'the run stopped'}`
    for (const { step } of this.retries.drain()) {
      const attempts = this.ledger.attemptsOf(step)
      const status = attempts.at(-1)?.status ?? 'cancelled'
      this.finish({ step, status, attempts, readyAt: this.ledger.readyAtOf(step), reason }, now)
    }
  }
}
