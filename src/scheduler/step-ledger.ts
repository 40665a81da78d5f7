import type { Dag } from '../graph/dag.js'
import type { StepSpec } from '../graph/spec.js'
import type { DagIterator } from './dag-iterator.js'
import type { SchedulerObserver } from './observer.js'
import { verdictOf, type NeedState } from './policy.js'
import type { Attempt, StepResult } from './results.js'

/**
 * What the scheduler knows of each step: its attempts so far, when it became ready, and
 * its final result. Finishing a step is the one place where the steps waiting for it are
 * released (the DAG iterator's `leave`) and reporters hear of it: exactly once per step.
 */
export class StepLedger {
  /** results[v]: step v's final result, once it has one. */
  private readonly results: (StepResult | undefined)[]
  /** Attempts of each step so far. */
  private readonly attempts: Attempt[][]
  /** When each step's needs had all finished: the start of its queue wait. */
  private readonly readyAt: (number | undefined)[]

  constructor(
    private readonly dag: Dag,
    private readonly steps: readonly StepSpec[],
    private readonly iterator: DagIterator,
    private readonly observer: SchedulerObserver
  ) {
    this.results = new Array<StepResult | undefined>(dag.size).fill(undefined)
    this.attempts = Array.from({ length: dag.size }, () => [])
    this.readyAt = new Array<number | undefined>(dag.size).fill(undefined)
  }

  /** The steps with no needs are ready at the start of the run. */
  start(now: number): void {
    for (const v of this.iterator.initiallyReady()) this.readyAt[v] = now
  }

  isFinished(step: number): boolean {
    return this.results[step] !== undefined
  }

  recordAttempt(step: number, attempt: Attempt): void {
    this.attempts[step]?.push(attempt)
  }

  attemptsOf(step: number): readonly Attempt[] {
    return this.attempts[step] ?? []
  }

  lastAttemptOf(step: number): Attempt | undefined {
    return this.attempts[step]?.at(-1)
  }

  readyAtOf(step: number): number | null {
    return this.readyAt[step] ?? null
  }

  /**
   * Records a step's final result and releases the steps waiting for it, ready at `now`:
   * the time of the round that decided it. A fresh reading of the clock would be later
   * than the `now` a released step may be started with in the same round, and its queue
   * wait would come out negative.
   */
  finish(result: StepResult, now: number): void {
    this.results[result.step] = result
    for (const released of this.iterator.leave(result.step)) this.readyAt[released] = now
    this.observer.stepFinished?.(result)
  }

  /** How each of a ready step's needs ended, as its `if` sees them. */
  needStates(step: number): NeedState[] {
    return (this.dag.predecessors[step] ?? []).map(need => {
      const result = this.results[need] as StepResult
      const spec = this.steps[need] as StepSpec
      const verdict = verdictOf(result, spec)
      const rootFailure =
        verdict !== 'failed'
          ? undefined
          : result.status === 'skipped'
            ? result.skippedBecauseOf
            : need
      return {
        step: need,
        id: spec.id,
        verdict,
        status: result.status,
        ...(rootFailure !== undefined && { rootFailure })
      }
    })
  }

  /** Steps not finished yet, in declaration order. */
  *unfinished(): Generator<number> {
    for (let v = 0; v < this.dag.size; v++) if (this.results[v] === undefined) yield v
  }

  /**
   * After the loop: steps never started end `cancelled`. A step still waiting for a retry
   * did run, and its last attempt ended with a real exit: it keeps that attempt's status
   * (`failure` or `timed-out`), the retry that never came being the reason.
   */
  finishUnended(reason: string, now: number): void {
    for (const v of this.unfinished()) {
      const attempts = this.attemptsOf(v)
      const last = attempts.at(-1)
      this.finish(
        {
          step: v,
          status: last?.status ?? 'cancelled',
          attempts,
          readyAt: this.readyAtOf(v),
          reason: last ? `not retried: ${reason}` : `not started: ${reason}`
        },
        now
      )
    }
  }

  /** Every step's final result, by index. */
  finalResults(): StepResult[] {
    return this.results.map(
      (result, step) =>
        result ?? { step, status: 'cancelled', attempts: [], readyAt: null, reason: 'not started' }
    )
  }
}
