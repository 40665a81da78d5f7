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

export type Decision =
  | { readonly run: true }
  | { readonly run: false; readonly reason: string; readonly because?: number }

export interface NeedState {
  readonly step: number
  readonly id: string
  readonly verdict: Verdict
  readonly status: StepStatus
  /** The failed step behind a `failed` verdict: the need itself or what it was skipped for. */
  readonly rootFailure?: number
}

/** Evaluates a ready step's `if:` against how its needs ended. */
export function decide(spec: StepSpec, needs: readonly NeedState[]): Decision {
  const failed = needs.find(need => need.verdict === 'failed')
  switch (spec.if) {
    case 'always()':
      return { run: true }
    case 'failure()':
      return failed
        ? { run: true }
        : { run: false, reason: '`if: failure()` and no step it needs failed' }
    case 'success()': {
      if (failed) {
        const how =
          failed.status === 'skipped'
            ? 'was skipped after a failure'
            : describeFailure(failed.status)
        return {
          run: false,
          reason: `needs \`${failed.id}\`, which ${how}`,
          ...(failed.rootFailure !== undefined && { because: failed.rootFailure })
        }
      }
      const notRun = needs.find(need => need.verdict === 'not-run')
      if (notRun) {
        return { run: false, reason: `needs \`${notRun.id}\`, which was ${notRun.status}` }
      }
      return { run: true }
    }
  }
}

/** `timed out` or `failed`, for a step that counts as failed. */
export function describeFailure(status: StepStatus): string {
  return status === 'timed-out' ? 'timed out' : 'failed'
}
