import { bareStatusCall } from '../graph/expression-text.js'
import type { StepSpec } from '../graph/spec.js'
import type { StepResult, StepStatus } from './results.js'

/**
 * What a finished step means to the steps that need it:
 * - `succeeded`: it succeeded, or failed with `continue-on-error` (dependents run as if it
 *   had succeeded);
 * - `failed`: it failed or timed out, or it was skipped because a step before it failed
 *   (so `if: failure()` further down a chain still runs, as with jobs);
 * - `not-run`: skipped for another reason, or cancelled.
 */
export type Verdict = 'succeeded' | 'failed' | 'not-run'

export function verdictOf(result: StepResult, spec: StepSpec): Verdict {
  switch (result.status) {
    case 'success':
      return 'succeeded'
    case 'failure':
    case 'timed-out':
      return spec.continueOnError ? 'succeeded' : 'failed'
    case 'skipped':
      return result.skippedBecauseOf === undefined ? 'not-run' : 'failed'
    case 'cancelled':
      return 'not-run'
  }
}

/**
 * Whether a step counts as failed: it ended `failure` or `timed-out`, without
 * `continue-on-error`. The one definition behind fail-fast, the action's failure message,
 * the `failed` output and the error annotations, so that they all name the same steps.
 */
export function countsAsFailed(status: StepStatus, spec: StepSpec): boolean {
  return (status === 'failure' || status === 'timed-out') && !spec.continueOnError
}

/** Whether a final status fails the action: a step that counts as failed, or a cancelled one. */
export function failsTheRun(status: StepStatus, spec: StepSpec): boolean {
  return countsAsFailed(status, spec) || (status === 'cancelled' && !spec.continueOnError)
}

/**
 * What becomes of a ready step: it runs; it is skipped (`because`: the failed step behind
 * it, when a need failed); or it fails without running, its `if` having failed to evaluate.
 */
export type Decision =
  | { readonly run: true }
  | {
      readonly run: false
      readonly reason: string
      readonly because?: number
      /** Its `if` could not be evaluated: the step fails, as a job does. */
      readonly failed?: true
    }

export interface NeedState {
  readonly step: number
  readonly id: string
  readonly verdict: Verdict
  readonly status: StepStatus
  /** The failed step behind a `failed` verdict: the need itself or what it was skipped for. */
  readonly rootFailure?: number
  /** Why a failed service failed (it was not ready in time, it exited while needed). */
  readonly reason?: string
}

/**
 * The status functions of a ready step, as for jobs: `success()` when every need
 * succeeded and the run is not stopping; `failure()` when a need failed (or was skipped
 * because a step before it failed); `cancelled()` when the run is stopping (a stop signal,
 * or fail-fast); `always()` always.
 */
export interface StatusValues {
  readonly success: boolean
  readonly failure: boolean
  readonly cancelled: boolean
}

export function statusValues(needs: readonly NeedState[], stopping: boolean): StatusValues {
  return {
    success: !stopping && needs.every(need => need.verdict === 'succeeded'),
    failure: needs.some(need => need.verdict === 'failed'),
    cancelled: stopping
  }
}

/** A step's `if`, as the policy needs to see it. */
export interface ConditionShape {
  /** As written, without `${{ }}`. */
  readonly text: string
  /** Whether it calls a status function; if not, it means `success() && (text)`, as for jobs. */
  readonly callsStatus: boolean
}

/** What evaluating an `if` gave: whether it holds, or why it could not be evaluated. */
export type ConditionOutcome = boolean | { readonly error: string }

/**
 * Decides a ready step. `holds` evaluates its `if` with the status functions' values; it
 * is not called when an `if` without status functions already fails its implied
 * `success()`.
 */
export function decide(
  condition: ConditionShape,
  needs: readonly NeedState[],
  stopping: boolean,
  holds: (values: StatusValues) => ConditionOutcome
): Decision {
  const values = statusValues(needs, stopping)
  if (!condition.callsStatus && !values.success) return notSucceeded(needs)
  const outcome = holds(values)
  if (typeof outcome === 'object') {
    return {
      run: false,
      failed: true,
      reason: `\`if: ${condition.text}\` could not be evaluated: ${outcome.error}`
    }
  }
  if (outcome) return { run: true }
  switch (bareStatusCall(condition.text)) {
    case 'success':
      return notSucceeded(needs)
    case 'failure':
      return { run: false, reason: `\`if: ${condition.text}\` and no step it needs failed` }
    case 'cancelled':
      return { run: false, reason: `\`if: ${condition.text}\` and the run was not cancelled` }
  }
  // A need that failed is still why the step did not run: `failure()` further down holds.
  const failed = needs.find(need => need.verdict === 'failed')
  return {
    run: false,
    reason: `\`if: ${condition.text}\` is false`,
    ...(failed?.rootFailure !== undefined && { because: failed.rootFailure })
  }
}

/** `success()` is false: which need failed, and which failure caused it. */
function notSucceeded(needs: readonly NeedState[]): Decision {
  const failed = needs.find(need => need.verdict === 'failed')
  if (failed) {
    const how =
      failed.status === 'skipped' ? 'was skipped after a failure' : describeFailure(failed.status)
    return {
      run: false,
      reason: `needs \`${failed.id}\`, which ${how}${failed.reason ? ` (${failed.reason})` : ''}`,
      ...(failed.rootFailure !== undefined && { because: failed.rootFailure })
    }
  }
  const notRun = needs.find(need => need.verdict !== 'succeeded')
  return notRun
    ? { run: false, reason: `needs \`${notRun.id}\`, which was ${notRun.status}` }
    : { run: false, reason: 'the run is stopping' }
}

/** `timed out` or `failed`, for a step that counts as failed. */
export function describeFailure(status: StepStatus): string {
  return status === 'timed-out' ? 'timed out' : 'failed'
}
