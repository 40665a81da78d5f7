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
  /** When its process ends, from the start. */
  readonly durationMs: number
  readonly exitCode?: number
  readonly signal?: NodeJS.Signals
  readonly error?: string
  /** Ignores SIGTERM: only the SIGKILL after the grace period ends it. */
  readonly trapsTerm?: boolean
  /**
   * After its process ends, how long its output stays open (a leftover holding the pipes,
   * as the real worker's drain): the attempt is over only then. Default 0.
   */
  readonly drainMs?: number
  /**
   * A service's: how long after its start every `ready-when` condition holds (Infinity:
   * never). Undefined: the worker has no readiness check, and is ready once started.
   */
  readonly readyAfterMs?: number
}

export interface FakeEvent {
  readonly kind: 'start' | 'end'
  readonly step: number
  readonly slot: number
  readonly attempt: number
  readonly at: number
}

export interface FakeWorkersOptions {
  /**
   * Whether the workers tell the scheduler that their process has ended before the attempt
   * is over (`Worker.hasExited`, as the real worker does). Default true; false is a worker
   * whose exit the scheduler learns only from `poll`.
   */
  readonly reportExit?: boolean
}

/** Starts fake workers whose behaviour is chosen per step and attempt. */
export class FakeWorkers implements WorkerFactory {
  readonly events: FakeEvent[] = []
  readonly stops: { step: number; attempt: number; at: number; graceMs: number }[] = []

  constructor(
    private readonly clock: FakeClock,
    private readonly behaviour: (step: number, attempt: number) => FakeBehaviour,
    private readonly options: FakeWorkersOptions = {}
  ) {}

  start(placement: Placement, now: number): Worker {
    this.events.push({ kind: 'start', ...placement, at: now })
    const behaviour = this.behaviour(placement.step, placement.attempt)
    const clock = this.clock
    const events = this.events
    const stops = this.stops
    /** When the process ends, and when the attempt is over (its output closed). */
    let exitsAt = now + behaviour.durationMs
    let overAt = exitsAt + (behaviour.drainMs ?? 0)
    let exit: WorkerExit = {
      exitCode: behaviour.signal ? null : (behaviour.exitCode ?? 0),
      signal: behaviour.signal ?? null,
      ...(behaviour.error !== undefined && { error: behaviour.error })
    }
    let ended = false
    clock.at(overAt)
    const worker: Worker = {
      poll(at: number): WorkerExit | undefined {
        if (ended || at < overAt) return undefined
        ended = true
        events.push({ kind: 'end', ...placement, at })
        return exit
      },
      stop(at: number, graceMs: number): void {
        stops.push({ step: placement.step, attempt: placement.attempt, at, graceMs })
        const endBy = behaviour.trapsTerm ? at + graceMs : at + 1
        // The signal ends the process, unless it has ended first: then its exit stays.
        if (endBy < exitsAt) {
          exitsAt = endBy
          exit = { exitCode: null, signal: behaviour.trapsTerm ? 'SIGKILL' : 'SIGTERM' }
        }
        // It also ends whatever held the output open.
        overAt = Math.min(overAt, Math.max(exitsAt, endBy))
        clock.at(overAt)
      },
      kill(): void {
        const now = clock.now()
        if (now < exitsAt) {
          exitsAt = now
          exit = { exitCode: null, signal: 'SIGKILL' }
        }
        overAt = Math.min(overAt, now)
      }
    }
    if (this.options.reportExit ?? true) worker.hasExited = () => clock.now() >= exitsAt
    const readyAfter = behaviour.readyAfterMs
    if (readyAfter !== undefined) {
      const readyAt = now + readyAfter
      if (Number.isFinite(readyAt)) clock.at(readyAt)
      worker.isReady = at => at >= readyAt
      worker.notReadyBecause = () => 'the fake never became ready'
    }
    return worker
  }
}
