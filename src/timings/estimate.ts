import type { Dag } from '../graph/dag.js'
import type { SchedulerObserver } from '../scheduler/scheduler.js'
import { formatDuration } from '../report/text.js'
import { simulateSchedule } from './simulate.js'

/** How long a run is expected to go on. */
export interface Remaining {
  readonly ms: number
  /** A running step has run longer than expected, and nothing else is left to wait for. */
  readonly overdue: boolean
}

/** What the reporters may ask while a run goes on. */
export interface RemainingTime {
  /** From `now` (monotonic), by the recorded durations. */
  remaining(now: number): Remaining
}

/**
 * How long the run still has, by the recorded durations: what is left of the schedule is
 * simulated (`simulateSchedule`) from where the run stands, each running step expected to
 * run for what is left of its expected time (nothing once it has run longer: then the
 * estimate can only be short, never made up), each step not started yet for all of it.
 * Fed by the scheduler's events through `observer`; steps that ended, were skipped or
 * cancelled hold nothing back.
 *
 * A simulation costs O((V + E) log V): it is computed again only when a step starts or
 * ends, or after `refreshMs` (the running steps' remaining times shrink meanwhile, and
 * an estimate a second old is exact enough to show).
 */
export class RunEstimate implements RemainingTime {
  readonly observer: SchedulerObserver
  /** Monotonic start of each running step's current attempt. */
  private readonly running = new Map<number, number>()
  private readonly finished: Uint8Array
  /** The last simulation: when it was made, and the end it gave. */
  private cached: { at: number; endsAt: number } | undefined

  constructor(
    private readonly dag: Dag,
    private readonly durations: ArrayLike<number>,
    private readonly priorities: ArrayLike<number>,
    private readonly slots: number,
    private readonly refreshMs = 1000
  ) {
    this.finished = new Uint8Array(dag.size)
    this.observer = {
      attemptStarted: event => {
        this.running.set(event.step, event.at)
        this.cached = undefined
      },
      attemptEnded: event => {
        this.running.delete(event.step)
        // An attempt that will not be retried ends its step: it holds nothing back from
        // here on, also in the moment before `stepFinished` says so (a step that is
        // neither running nor finished would be simulated again from its start). One
        // that will be retried is expected to take its whole time again, from now (its
        // backoff is not counted: the estimate is short by it, never made up).
        if (event.retryAt === undefined) this.finished[event.step] = 1
        this.cached = undefined
      },
      stepFinished: result => {
        this.finished[result.step] = 1
        this.running.delete(result.step)
        this.cached = undefined
      }
    }
  }

  remaining(now: number): Remaining {
    if (this.cached === undefined || now - this.cached.at >= this.refreshMs) {
      const running = new Map<number, number>()
      for (const [step, startedAt] of this.running) {
        const expected = this.durations[step] as number
        running.set(step, Math.max(0, expected - (now - startedAt)))
      }
      const finished = Array.from(this.finished, done => done === 1)
      const schedule = simulateSchedule(this.dag, this.durations, this.priorities, this.slots, {
        finished,
        running
      })
      this.cached = { at: now, endsAt: now + schedule.wallMs }
    }
    const ms = Math.max(0, this.cached.endsAt - now)
    const overrun = [...this.running].some(
      ([step, startedAt]) => now - startedAt > (this.durations[step] as number)
    )
    return { ms, overdue: ms < 1000 && overrun }
  }
}

/** The estimate as the progress line and the live view say it: "about 1m 20s left". */
export function remainingText({ ms, overdue }: Remaining): string {
  if (overdue) return 'longer than the recorded runs'
  return ms >= 1000 ? `about ${formatDuration(ms)} left` : 'less than 1s left'
}
