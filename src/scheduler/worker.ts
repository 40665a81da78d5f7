/**
 * What the scheduler drives: one attempt of one step in one slot. A worker reports facts
 * about its process (how it ended); what that means for the step (success, failure,
 * timed-out, cancelled, retry) is the scheduler's business. The scheduler knows nothing
 * of processes, so it is tested with fake workers.
 */
export interface WorkerExit {
  /** The exit code, or null when the process was ended by a signal or never started. */
  readonly exitCode: number | null
  /** The signal that ended the process, if one did. */
  readonly signal: NodeJS.Signals | null
  /** Why the attempt could not run at all (missing shell or directory, spawn failure). */
  readonly error?: string
}

export interface Worker {
  /**
   * Called on every poll round. Returns the exit once the attempt is over — its process
   * has ended and its output is complete — and undefined while it is still running. A
   * worker asked to stop escalates here once its grace period has passed.
   */
  poll(now: number): WorkerExit | undefined
  /** Ask the attempt to end (SIGTERM to its process group); SIGKILL after `graceMs`. */
  stop(now: number, graceMs: number): void
  /** End the attempt at once (SIGKILL to its process group). */
  kill(): void
  /** When this worker next needs a poll round (to escalate a kill, end a drain), if ever. */
  nextDeadline?(): number | undefined
  /**
   * Whether the process has already ended on its own, even if the attempt is not over yet
   * (its output may still be draining). The scheduler asks before it stops an attempt: a
   * stop that comes after the process ended cannot change how it ended, so the exit, not
   * the stop, gives the status. A worker without this method has ended once `poll` says so.
   */
  hasExited?(): boolean
  /**
   * A service's worker (`service: true`): whether every `ready-when` condition has held.
   * Asked on every poll round until it says true; a worker without it is ready once
   * started. How long it may take is the scheduler's business (`ready-timeout-minutes`).
   */
  isReady?(now: number): boolean
  /** A service not ready in time: which conditions never held, and its last lines. */
  notReadyBecause?(): string | undefined
}

/**
 * The slot of a service, which holds none (an idle server must not keep a test step
 * waiting: src/scheduler/services.ts); every other attempt runs in 1..slots.
 */
export const SERVICE_SLOT = 0

/** Where a step's attempt runs: the slot it was given and which attempt it is. */
export interface Placement {
  readonly step: number
  /**
   * 1..slots, unique among running attempts; SERVICE_SLOT for a service.
   */
  readonly slot: number
  /** 1 on the first run of the step. */
  readonly attempt: number
}

export interface WorkerFactory {
  start(placement: Placement, now: number): Worker
}
