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

/**
 * One observer that tells each of `observers` of every event, in the order given (so an
 * estimate can learn of an event before the reporter that shows it).
 */
export function observeAll(
  ...observers: readonly (SchedulerObserver | undefined)[]
): SchedulerObserver {
  const present = observers.filter(observer => observer !== undefined)
  return {
    attemptStarted: event => {
      for (const observer of present) observer.attemptStarted?.(event)
    },
    attemptEnded: event => {
      for (const observer of present) observer.attemptEnded?.(event)
    },
    stepFinished: result => {
      for (const observer of present) observer.stepFinished?.(result)
    },
    serviceReady: event => {
      for (const observer of present) observer.serviceReady?.(event)
    },
    serviceStopping: event => {
      for (const observer of present) observer.serviceStopping?.(event)
    },
    pollRound: now => {
      for (const observer of present) observer.pollRound?.(now)
    }
  }
}
