import type { Worker, WorkerExit } from '../scheduler/worker.js'
import type { OutputSink } from './output-sink.js'
import { LEFTOVER_GRACE_MS } from './process-worker.js'
import { Readiness, type ReadinessOptions, type ReadyCheck } from './readiness.js'

/** The service's own process, as ProcessWorkers starts it for any step. */
export type ServiceProcess = Required<Pick<Worker, 'poll' | 'stop' | 'kill' | 'hasExited'>> &
  Pick<Worker, 'nextDeadline'>

/**
 * A service's worker: its process (an ordinary step's worker) with its readiness. The
 * readiness sees the output as it comes (`observe`, for `line:`), and its `run:` check
 * is a process of its own, ended with the service: the attempt is over only once both
 * have ended, so a check started just before the stop is not left behind.
 */
export class ServiceWorker implements Worker {
  private readonly readiness: Readiness
  private wasReady = false
  /** The process's exit, once seen: it is read (its command files too) only once. */
  private exit: WorkerExit | undefined

  constructor(
    private readonly process: ServiceProcess,
    options: ReadinessOptions,
    /** Called once, when every condition has held (the command files are read then). */
    private readonly onReady: () => void
  ) {
    this.readiness = new Readiness(options)
  }

  /** What the readiness needs to see of the output: wraps the sink the output goes to. */
  static watching(sink: OutputSink, readiness: () => ServiceWorker | undefined): OutputSink {
    return {
      write: (stream, chunk) => {
        readiness()?.readiness.observe(stream, chunk)
        sink.write(stream, chunk)
      },
      note: message => {
        sink.note(message)
      },
      close: () => {
        sink.close()
      }
    }
  }

  poll(now: number): WorkerExit | undefined {
    this.exit ??= this.process.poll(now)
    const exit = this.exit
    if (exit === undefined) return undefined
    // The service has ended: so does its readiness, and its check must be gone first.
    this.readiness.close(now)
    return this.readiness.settled(now) ? exit : undefined
  }

  isReady(now: number): boolean {
    if (this.wasReady) return true
    if (!this.readiness.isReady(now)) return false
    this.wasReady = true
    this.onReady()
    return true
  }

  notReadyBecause(): string | undefined {
    return this.readiness.notReadyBecause()
  }

  stop(now: number, graceMs: number): void {
    this.readiness.close(now)
    this.process.stop(now, graceMs)
  }

  kill(): void {
    this.readiness.kill(performance.now())
    this.process.kill()
  }

  hasExited(): boolean {
    return this.process.hasExited()
  }

  nextDeadline(): number | undefined {
    const deadlines = [this.process.nextDeadline?.(), this.readiness.nextDeadline()]
    const set = deadlines.filter((d): d is number => d !== undefined)
    return set.length > 0 ? Math.min(...set) : undefined
  }
}

/** A `run:` check as a step's worker runs it: how it ended, the session ended with it. */
export function checkOf(worker: Worker): ReadyCheck {
  return {
    poll: now => {
      const exit = worker.poll(now)
      if (exit === undefined) return undefined
      if (exit.error !== undefined) return { ok: false, why: exit.error }
      if (exit.signal !== null) return { ok: false, why: `it was ended by ${exit.signal}` }
      return exit.exitCode === 0
        ? { ok: true }
        : { ok: false, why: `it exited with ${exit.exitCode ?? '?'}` }
    },
    stop: now => {
      worker.stop(now, LEFTOVER_GRACE_MS)
    },
    kill: () => {
      worker.kill()
    }
  }
}

/**
 * A check that could not start (its script could not be written: EMFILE, ENOSPC): it
 * fails with the reason, and is tried again at the next interval like any failed check.
 */
export function failedCheck(why: string): ReadyCheck {
  return { poll: () => ({ ok: false, why }), stop: () => undefined, kill: () => undefined }
}
