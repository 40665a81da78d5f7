import type { Attempt, StepResult } from './results.js'
import type { Placement, WorkerExit } from './worker.js'

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
