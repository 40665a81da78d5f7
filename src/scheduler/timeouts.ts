import type { StepSpec } from '../graph/spec.js'
import type { RunningAttempt } from './running-attempt.js'

/** After a timeout's SIGTERM, how long before SIGKILL. */
export const DEFAULT_TIMEOUT_GRACE_MS = 5000

/** When an attempt of `spec` started at `now` times out: undefined for no `timeout-minutes`. */
export function deadlineOf(spec: StepSpec | undefined, now: number): number | undefined {
  const minutes = spec?.timeoutMinutes
  return minutes === undefined ? undefined : now + minutes * 60_000
}

/** Whether a running attempt has passed its deadline and was not asked to end yet. */
export function hasTimedOut(running: RunningAttempt, now: number): boolean {
  return (
    running.deadline !== undefined && running.stopReason === undefined && now >= running.deadline
  )
}

/** The deadline the poll loop must wake for, if the attempt still has one pending. */
export function pendingDeadline(running: RunningAttempt): number | undefined {
  return running.stopReason === undefined ? running.deadline : undefined
}
