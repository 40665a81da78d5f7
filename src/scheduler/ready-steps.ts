import type { StepSpec } from '../graph/spec.js'
import type { StepConditions } from './conditions.js'
import { countsAsFailed } from './policy.js'
import type { StepResult } from './results.js'
import type { RunStop } from './run-stop.js'
import type { StepLedger } from './step-ledger.js'

/**
 * What becomes of a step the DAG iterator hands out: it starts, or it ends without
 * running, with the result to record (and, when that fails the run under fail-fast, why
 * the run stops).
 */
export type ReadyOutcome =
  | { readonly start: true }
  | { readonly start: false; readonly result: StepResult; readonly failsFast?: string }

export interface ReadyStepContext {
  readonly steps: readonly StepSpec[]
  readonly ledger: StepLedger
  readonly conditions: StepConditions
  readonly stop: RunStop
  readonly failFast: boolean
}

/**
 * Decides a ready step: its `if` with how its needs ended. Once the run is stopping, only
 * a step whose `if` calls `cancelled()` is decided; the others are cancelled as they
 * become ready, which releases the steps after them. An `if` that could not be evaluated
 * fails the step, which may fail fast.
 */
export function decideReadyStep(
  step: number,
  now: number,
  context: ReadyStepContext
): ReadyOutcome {
  const { ledger, stop } = context
  const readyAt = ledger.readyAtOf(step) ?? now
  if (stop.stopping && !context.conditions.startsWhenStopping(step)) {
    const reason = `not started: ${stop.reason ?? 'the run stopped'}`
    return { start: false, result: { step, status: 'cancelled', attempts: [], readyAt, reason } }
  }
  const decision = context.conditions.decide(step, ledger.needStates(step), stop.stopping)
  if (decision.run) return { start: true }
  const { reason, because } = decision
  const result: StepResult = {
    step,
    status: decision.failed ? 'failure' : 'skipped',
    attempts: [],
    readyAt,
    reason,
    ...(because !== undefined && !decision.failed && { skippedBecauseOf: because })
  }
  const spec = context.steps[step] as StepSpec
  const failsFast =
    decision.failed && context.failFast && countsAsFailed('failure', spec)
      ? `fail-fast: \`${spec.id}\` failed`
      : undefined
  return { start: false, result, ...(failsFast !== undefined && { failsFast }) }
}
