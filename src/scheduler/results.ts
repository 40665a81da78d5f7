import type { WorkerExit } from './worker.js'

export const STEP_STATUSES = ['success', 'failure', 'timed-out', 'skipped', 'cancelled'] as const
export type StepStatus = (typeof STEP_STATUSES)[number]

/** One run of a step's script in a slot. */
export interface Attempt {
  readonly attempt: number
  readonly slot: number
  /** Monotonic milliseconds. */
  readonly startedAt: number
  readonly endedAt: number
  /** Wall-clock milliseconds since the epoch at the start. */
  readonly startedAtWall: number
  readonly status: Exclude<StepStatus, 'skipped'>
  readonly exit: WorkerExit
}

/** How a step ended: exactly one per step, whatever happened. */
export interface StepResult {
  readonly step: number
  readonly status: StepStatus
  /** Every run of the step, in order; empty when it never started. */
  readonly attempts: readonly Attempt[]
  /** Monotonic milliseconds when all its needs had finished; null if they never did. */
  readonly readyAt: number | null
  /**
   * Why it did not run, for `skipped` and never-started `cancelled` steps; why it was not
   * run again, for a failed step whose retry the end of the run took away.
   */
  readonly reason?: string
  /** For a step skipped because of a failure: the failed step that caused it. */
  readonly skippedBecauseOf?: number
  /**
   * Only for a service that started: monotonic milliseconds when it was ready (every
   * `ready-when` condition held, and its dependents were released); null if it never was.
   */
  readonly serviceReadyAt?: number | null
}

/** The result of a whole run. */
export interface RunResult {
  /** results[v] is step v's. */
  readonly results: readonly StepResult[]
  /** Monotonic milliseconds at the start and end of the run. */
  readonly startedAt: number
  readonly endedAt: number
  readonly startedAtWall: number
  /** Whether the run was cancelled from outside (a signal), as opposed to fail-fast. */
  readonly cancelled: boolean
}

export function lastAttempt(result: StepResult): Attempt | undefined {
  return result.attempts[result.attempts.length - 1]
}

/** From the first attempt's start to the last attempt's end (backoff included). */
export function stepDuration(result: StepResult): number | null {
  const first = result.attempts[0]
  const last = lastAttempt(result)
  return first && last ? last.endedAt - first.startedAt : null
}

/**
 * When a step let the steps that need it start: a service when it was ready, any other
 * step when its last attempt ended (undefined: it never ran, or a service never ready
 * and still ended, which releases them with its end). A service ends after the steps that
 * need it: its end never held them back.
 */
export function releasedDependentsAt(result: StepResult): number | undefined {
  return result.serviceReadyAt ?? lastAttempt(result)?.endedAt
}
