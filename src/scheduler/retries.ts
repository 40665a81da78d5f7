import type { StepSpec } from '../graph/spec.js'
import type { Attempt } from './results.js'

/** Short backoff: 1 s, 2 s, 4 s, ... at most 10 s. */
export const DEFAULT_RETRY_BACKOFF_MS = (failedAttempt: number): number =>
  Math.min(10_000, 1000 * 2 ** (failedAttempt - 1))

/** Whether an attempt that ended with `status` may run again under the step's `retries`. */
export function retriable(status: Attempt['status'], attempt: number, spec: StepSpec): boolean {
  return (status === 'failure' || status === 'timed-out') && attempt <= spec.retries
}

export interface PendingRetry {
  readonly step: number
  /** The attempt that will run. */
  readonly attempt: number
  readonly dueAt: number
}

/**
 * Failed attempts waiting for their backoff, earliest first. Their steps stay busy in the
 * DAG iterator meanwhile, so nothing that needs them starts; they hold no slot.
 */
export class RetryQueue {
  private readonly queue: PendingRetry[] = []

  constructor(private readonly backoffMs: (failedAttempt: number) => number) {}

  /** Schedules the next attempt of `step` after `failedAttempt`; returns when it is due. */
  schedule(step: number, failedAttempt: number, now: number): number {
    const dueAt = now + this.backoffMs(failedAttempt)
    let i = this.queue.length
    while (i > 0 && (this.queue[i - 1] as PendingRetry).dueAt > dueAt) i--
    this.queue.splice(i, 0, { step, attempt: failedAttempt + 1, dueAt })
    return dueAt
  }

  isDue(now: number): boolean {
    const first = this.queue[0]
    return first !== undefined && first.dueAt <= now
  }

  /** The earliest retry if it is due, taken off the queue. */
  takeDue(now: number): PendingRetry | undefined {
    return this.isDue(now) ? this.queue.shift() : undefined
  }

  /** When the earliest retry falls due, if any waits. */
  get nextDueAt(): number | undefined {
    return this.queue[0]?.dueAt
  }

  /** Takes every waiting retry away (the run is stopping). */
  drain(): PendingRetry[] {
    return this.queue.splice(0)
  }
}
