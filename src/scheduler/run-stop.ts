import type { StepSpec } from '../graph/spec.js'
import { countsAsFailed, describeFailure } from './policy.js'
import type { Attempt } from './results.js'

/**
 * After a cancellation's SIGTERM (fail-fast, a signal to stepgraph), how long before
 * SIGKILL. Short enough that a cancelled run is over within about 3 s, inside the runner's 7.5 s.
 */
export const DEFAULT_CANCEL_GRACE_MS = 2500

/** An attempt judged in a scan, as fail-fast sees it. */
export interface JudgedAttempt {
  readonly step: number
  readonly attempt: number
  readonly status: Attempt['status']
}

/**
 * Whether the run is stopping, and why: fail-fast (a step failed the run) or a
 * cancellation from outside (a signal to stepgraph). Once stopping, it stays stopping; a
 * cancellation after fail-fast still marks the run cancelled.
 */
export class RunStop {
  private state: { readonly reason: string; readonly cancelled: boolean } | undefined

  get stopping(): boolean {
    return this.state !== undefined
  }

  /** Why the run stopped; undefined while it has not. */
  get reason(): string | undefined {
    return this.state?.reason
  }

  /** Whether it was cancelled from outside (a signal), as opposed to fail-fast. */
  get cancelled(): boolean {
    return this.state?.cancelled ?? false
  }

  /** Stops the run; true the first time only (the caller then asks running steps to end). */
  begin(reason: string, cancelled: boolean): boolean {
    if (this.state) {
      if (cancelled && !this.state.cancelled) this.state = { reason: this.state.reason, cancelled }
      return false
    }
    this.state = { reason, cancelled }
    return true
  }
}

/**
 * Fail-fast over the exits of one scan, decided before any of them is recorded: every step
 * that failed in it for good (no retry left) is named, so that the outcome does not depend
 * on which slot came first. Undefined when none failed the run.
 */
export function failFastReason(
  judged: readonly JudgedAttempt[],
  steps: readonly StepSpec[]
): string | undefined {
  const failed = judged
    .filter(({ step, attempt, status }) => {
      const spec = steps[step] as StepSpec
      return countsAsFailed(status, spec) && attempt > spec.retries
    })
    .sort((a, b) => a.step - b.step)
  if (failed.length === 0) return undefined
  const what = failed.map(
    ({ step, status }) => `\`${(steps[step] as StepSpec).id}\` ${describeFailure(status)}`
  )
  return `fail-fast: ${what.join(', ')}`
}
