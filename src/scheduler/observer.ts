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

/** A service is ready: the steps that need it are released. */
export interface ServiceReady {
  readonly step: number
  readonly at: number
  /** When it started: `at - startedAt` is how long it took to be ready. */
  readonly startedAt: number
}

/** The scheduler asks a service to end (SIGTERM to its tree, SIGKILL after a grace). */
export interface ServiceStopping {
  readonly step: number
  readonly at: number
  /** Why: no step needs it any more, the run is stopping, or it was not ready in time. */
  readonly reason: string
}

/** What the scheduler tells reporters; every callback is optional. */
export interface SchedulerObserver {
  attemptStarted?(event: AttemptStart): void
  attemptEnded?(event: AttemptEnd): void
  /** Exactly once per step, when its status is final. */
  stepFinished?(result: StepResult): void
  serviceReady?(event: ServiceReady): void
  serviceStopping?(event: ServiceStopping): void
  /** Once per poll round while waiting: drives progress lines. */
  pollRound?(now: number): void
}
