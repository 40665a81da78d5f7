import type { Clock } from '../../src/scheduler/clock.js'
import type { Placement, Worker, WorkerExit, WorkerFactory } from '../../src/scheduler/worker.js'

/**
 * Virtual time for scheduler tests. `sleep` jumps to the earlier of its deadline and the
 * next scheduled event (a fake child exiting), which is what the real clock's `wake` does.
 */
export class FakeClock implements Clock {
  time = 0
  sleeps = 0
  private woken = false
  private readonly events: number[] = []

  now(): number {
    return this.time
  }

  wallTime(): number {
    return 1_700_000_000_000 + this.time
  }

  /** Something will happen at `time`: a sleep does not pass it. */
  at(time: number): void {
    this.events.push(time)
  }

  /** A livelocked scheduler never blocks on a fake clock: fail instead of hanging. */
  maxSleeps = 1_000_000

  sleep(ms: number): Promise<void> {
    this.sleeps++
    if (this.sleeps > this.maxSleeps) {
      throw new Error(
        `more than ${this.maxSleeps} sleeps at t=${this.time}: the scheduler is livelocked`
      )
    }
    if (this.woken) {
      this.woken = false
      return Promise.resolve()
    }
    let target = this.time + ms
    for (const event of this.events) if (event > this.time && event < target) target = event
    this.time = target
    return Promise.resolve()
  }

  wake(): void {
    this.woken = true
  }
}

/** How a fake attempt behaves: how long it runs and how it ends. */
export interface FakeBehaviour {
  readonly durationMs: number
  readonly exitCode?: number
  readonly signal?: NodeJS.Signals
  readonly error?: string
  /** Ignores SIGTERM: only the SIGKILL after the grace period ends it. */
  readonly trapsTerm?: boolean
}

export interface FakeEvent {
  readonly kind: 'start' | 'end'
  readonly step: number
  readonly slot: number
  readonly attempt: number
  readonly at: number
}

/** Starts fake workers whose behaviour is chosen per step and attempt. */
export class FakeWorkers implements WorkerFactory {
  readonly events: FakeEvent[] = []
  readonly stops: { step: number; attempt: number; at: number; graceMs: number }[] = []

  constructor(
    private readonly clock: FakeClock,
    private readonly behaviour: (step: number, attempt: number) => FakeBehaviour
  ) {}

  start(placement: Placement, now: number): Worker {
    this.events.push({ kind: 'start', ...placement, at: now })
    const behaviour = this.behaviour(placement.step, placement.attempt)
    const clock = this.clock
    const events = this.events
    const stops = this.stops
    let endsAt = now + behaviour.durationMs
    let exit: WorkerExit = {
      exitCode: behaviour.signal ? null : (behaviour.exitCode ?? 0),
      signal: behaviour.signal ?? null,
      ...(behaviour.error !== undefined && { error: behaviour.error })
    }
    let ended = false
    clock.at(endsAt)
    return {
      poll(at: number): WorkerExit | undefined {
        if (ended || at < endsAt) return undefined
        ended = true
        events.push({ kind: 'end', ...placement, at })
        return exit
      },
      stop(at: number, graceMs: number): void {
        stops.push({ step: placement.step, attempt: placement.attempt, at, graceMs })
        const endBy = behaviour.trapsTerm ? at + graceMs : at + 1
        if (endBy < endsAt) {
          endsAt = endBy
          exit = { exitCode: null, signal: behaviour.trapsTerm ? 'SIGKILL' : 'SIGTERM' }
          clock.at(endsAt)
        }
      },
      kill(): void {
        endsAt = Math.min(endsAt, clock.now())
        exit = { exitCode: null, signal: 'SIGKILL' }
      }
    }
  }
}
