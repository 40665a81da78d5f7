import { bareStatusCall } from '../graph/expression-text.js'
import type { StepSpec } from '../graph/spec.js'
import { decide, type Decision, type NeedState } from './policy.js'

/**
 * How the scheduler decides a ready step's `if:`. The scheduler has how each need ended;
 * what an expression may also read (the needs' outputs, the environment) belongs to the
 * workers, so the evaluation is given to the scheduler behind this interface:
 * `StatusConditions` here (status functions only: the fake-worker tests, and graphs
 * without expressions), src/run/step-conditions.ts for expressions.
 */
export interface StepConditions {
  /**
   * Whether the step's `if` calls `cancelled()`: only such a step may still start once the
   * run is stopping (a stop signal, or fail-fast). Any other is cancelled unstarted, as
   * before there were expressions: a cancelled run must end within the runner's grace.
   */
  startsWhenStopping(step: number): boolean
  /** Whether a ready step runs, is skipped, or fails because its `if` could not be evaluated. */
  decide(step: number, needs: readonly NeedState[], stopping: boolean): Decision
}

/** `if:` that is a bare status call: `success()`, `failure()`, `always()`, `cancelled()`. */
export class StatusConditions implements StepConditions {
  private readonly calls: ReturnType<typeof bareStatusCall>[]

  constructor(private readonly steps: readonly StepSpec[]) {
    this.calls = steps.map(spec => {
      const call = bareStatusCall(spec.if)
      if (call === undefined) {
        throw new Error(`step \`${spec.id}\`: \`if: ${spec.if}\` needs the expression evaluator`)
      }
      return call
    })
  }

  startsWhenStopping(step: number): boolean {
    return this.calls[step] === 'cancelled'
  }

  decide(step: number, needs: readonly NeedState[], stopping: boolean): Decision {
    const call = this.calls[step] ?? 'success'
    const text = this.steps[step]?.if ?? 'success()'
    return decide({ text, callsStatus: true }, needs, stopping, values =>
      call === 'always' ? true : values[call]
    )
  }
}
