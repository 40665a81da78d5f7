import type { Attempt } from './results.js'
import type { Placement, Worker, WorkerExit } from './worker.js'

/** Why the scheduler asked an attempt to end. */
export type StopReason = 'timeout' | 'cancel'

/** A step's attempt while its worker runs. */
export interface RunningAttempt extends Placement {
  readonly worker: Worker
  readonly startedAt: number
  readonly startedAtWall: number
  /** Monotonic time at which the attempt times out; undefined for no timeout. */
  readonly deadline: number | undefined
  /** Why the scheduler asked the attempt to end, once it has. */
  stopReason?: StopReason
  /**
   * Whether its process had already ended on its own when the scheduler asked it to end
   * (its output was still draining): then the exit, not the stop, gives its status.
   */
  exitedBeforeStop?: boolean
}

/** An attempt whose worker reported its exit in this poll round, not yet judged. */
export interface EndedAttempt {
  readonly running: RunningAttempt
  readonly exit: WorkerExit
}

/**
 * Asks a running attempt to end, noting whether its process had already ended on its
 * own: if it had, the stop changes nothing about how it ended (`attemptStatus`).
 */
export function stopAttempt(
  running: RunningAttempt,
  reason: StopReason,
  now: number,
  graceMs: number
): void {
  running.stopReason = reason
  running.exitedBeforeStop = running.worker.hasExited?.() ?? false
  running.worker.stop(now, graceMs)
}

/**
 * How an attempt ended. A real exit always wins: a timeout or a cancellation gives the
 * status only when it was asked for before the process ended; a process that had already
 * ended keeps the status of its exit.
 */
export function attemptStatus(running: RunningAttempt, exit: WorkerExit): Attempt['status'] {
  if (stoppedBeforeExit(running))
    return running.stopReason === 'timeout' ? 'timed-out' : 'cancelled'
  return exitSucceeded(exit) ? 'success' : 'failure'
}

/** Whether the scheduler's stop came before the process ended on its own. */
export function stoppedBeforeExit(running: RunningAttempt): boolean {
  return running.stopReason !== undefined && !running.exitedBeforeStop
}

export function exitSucceeded(exit: WorkerExit): boolean {
  return exit.error === undefined && exit.exitCode === 0 && exit.signal === null
}

/** The attempt as the results keep it, ended at `now` with `status`. */
export function endedAttempt(
  running: RunningAttempt,
  exit: WorkerExit,
  status: Attempt['status'],
  now: number
): Attempt {
  return {
    attempt: running.attempt,
    slot: running.slot,
    startedAt: running.startedAt,
    endedAt: now,
    startedAtWall: running.startedAtWall,
    status,
    exit
  }
}
