import type { Attempt, StepStatus } from '../scheduler/results.js'
import { formatDuration } from './text.js'

/** One mark per status, the same in the log, the summary and the CLI. */
export const STATUS_MARK: Readonly<Record<StepStatus, string>> = {
  success: '✓',
  failure: '✗',
  'timed-out': '⏱',
  skipped: '↷',
  cancelled: '⊘'
}

/**
 * What the text needs of an attempt: how it ended, and when it started and ended. A live
 * attempt is one, and so is one read back from a run record (whose signal is any name).
 */
export interface AttemptEnding {
  readonly status: Attempt['status']
  readonly exit: {
    readonly exitCode: number | null
    readonly signal: string | null
    readonly error?: string
  }
  readonly startedAt: number
  readonly endedAt: number
}

/** What the text needs of a step: how it ended, its attempts, why it did not run. */
export interface StepEnding {
  readonly status: StepStatus
  readonly attempts: readonly AttemptEnding[]
  readonly reason?: string
  /** Only on a service: when it was ready (null: never). */
  readonly serviceReadyAt?: number | null
}

/**
 * How an attempt ended, in words: "exit code 7", "killed by SIGSEGV", "timed out",
 * "cancelled after 3.2s (ended by SIGTERM)". A cancelled attempt had started: it says for
 * how long it ran, which tells it from a step that never started.
 */
export function describeAttempt(attempt: AttemptEnding): string {
  const { status, exit } = attempt
  if (status === 'success') return 'succeeded'
  if (status === 'timed-out')
    return exit.signal ? `timed out (ended by ${exit.signal})` : 'timed out'
  if (status === 'cancelled') return `cancelled ${ranFor(attempt)}`
  if (exit.error !== undefined)
    return exit.exitCode === null ? exit.error : `exit code ${exit.exitCode}, but ${exit.error}`
  if (exit.signal) return `killed by ${exit.signal}`
  return `exit code ${exit.exitCode ?? '?'}`
}

/** "after 3.2s", and how the process ended when it says more: "(ended by SIGKILL)". */
export function ranFor(attempt: AttemptEnding): string {
  return `after ${formatDuration(attempt.endedAt - attempt.startedAt)}${howItEnded(attempt.exit)}`
}

function howItEnded(exit: AttemptEnding['exit']): string {
  if (exit.signal) return ` (ended by ${exit.signal})`
  if (exit.exitCode !== null) return ` (exit code ${exit.exitCode})`
  return ''
}

/**
 * How a step ended: its last attempt's end, or, for a step that never ran, why
 * (`skipped` and never-started `cancelled` steps carry their reason, "not started: ...").
 */
export function describeStep(result: StepEnding): string {
  const last = result.attempts[result.attempts.length - 1]
  // A failed service says why (not ready in time, exited while needed): its exit alone
  // would be the SIGTERM that stopped it, or a code that says nothing of readiness.
  if (last && result.serviceReadyAt !== undefined && result.status === 'failure' && result.reason)
    return `failed: ${result.reason}`
  if (last) return describeAttempt(last)
  return result.reason ?? (result.status === 'cancelled' ? 'not started' : result.status)
}

/** A cancelled step that never started: the only kind that may be called "not started". */
export function neverStarted(result: Pick<StepEnding, 'status' | 'attempts'>): boolean {
  return result.status === 'cancelled' && result.attempts.length === 0
}

/** Why a step never started: its reason without the "not started: " the scheduler puts first. */
export function whyNotStarted(result: Pick<StepEnding, 'reason'>): string | undefined {
  const why = result.reason?.replace(/^not started(: )?/, '')
  return why === '' ? undefined : why
}

/**
 * Why the times of a run are partial, when they are: steps were cancelled (by a signal or
 * by fail-fast), so the step time is not what the work takes, and a speed-up computed from
 * it would claim what did not happen. Undefined for a run that ran everything it could.
 */
export function partialBecause(run: {
  readonly cancelled: boolean
  readonly results: readonly Pick<StepEnding, 'status'>[]
}): string | undefined {
  if (run.cancelled) return 'the run was cancelled'
  if (run.results.some(result => result.status === 'cancelled'))
    return 'fail-fast cancelled the rest of the run'
  return undefined
}

/**
 * What a step adds to the step time: its attempts; a service, only until it was ready (it
 * then runs beside the steps that use it: one after another, they would run while it
 * serves, not after it).
 */
export function stepTime(step: StepEnding): number {
  const ran = step.attempts.reduce((sum, a) => sum + (a.endedAt - a.startedAt), 0)
  const first = step.attempts[0]
  return step.serviceReadyAt != null && first ? step.serviceReadyAt - first.startedAt : ran
}
