import type { Writable } from 'node:stream'
import type { ReplayTarget } from './replay.js'

/** Queued bytes above which writers are asked to slow down (their pipes are paused). */
export const HIGH_WATER = 2 * 1024 * 1024

/**
 * A job: stepgraph's own text (a string, always written), a step's output (a Buffer, left
 * out once the log is cut), or work that writes asynchronously.
 */
type Job = string | Buffer | (() => Promise<void>)

/**
 * Everything written to stdout goes through one queue, in order. Writes honour the
 * stream's backpressure (stdout is asynchronous for pipes on POSIX: a slow reader would
 * otherwise grow our memory), files are replayed in chunks, and `flush` resolves only when
 * every byte has been handed to the stream.
 *
 * After a stop signal the log gets a deadline (`cutAfter`): past it, step output still
 * queued or being replayed is left out with a note, and the rest (stepgraph's own lines
 * and commands) is handed to the stream without waiting for the reader, so the report is
 * never held up by a slow log.
 */
export class QueuedWriter {
  private readonly jobs: Job[] = []
  private head = 0
  private pumping = false
  private queuedBytes = 0
  private broken = false
  /** Why the log was cut, once it was. */
  private cutReason: string | undefined
  private cutTimer: NodeJS.Timeout | undefined
  private cutDeadline = Infinity
  private hurry = false
  /** Whether the note for step output left out after the cut was written. */
  private outputCutNoted = false
  /** Whether the last byte handed to the stream ended a line. */
  private atLineStart = true
  /** Whether what is queued so far ends a line: known for bytes, unknown after a job. */
  private queueEndsLine: boolean | undefined = true
  private readonly idleWaiters: (() => void)[] = []
  private readonly drainListeners: (() => void)[] = []
  /** Waits on the stream that the cut ends at once. */
  private readonly cutWaiters = new Set<() => void>()

  constructor(private readonly out: Writable) {
    // EPIPE and friends: nobody reads any more; drop the rest rather than crash.
    out.on('error', () => {
      this.broken = true
    })
  }

  /** Whether the queue is short enough to take more without pausing the producers. */
  get wantsMore(): boolean {
    return this.cutReason !== undefined || this.queuedBytes < HIGH_WATER
  }

  /** stepgraph's own text: written even after the log is cut. */
  write(text: string): void {
    this.queue(text)
  }

  /** A step's output: left out (with a note) once the log is cut. */
  output(data: Buffer): void {
    this.queue(data)
  }

  /**
   * Makes what comes next start a line: a line break is written first if the bytes before
   * it (whatever wrote them: a write, a replayed file) ended inside a line. Workflow
   * commands are only read at the start of a line, so everything of stepgraph's own is
   * queued after this.
   */
  startLine(): void {
    if (this.queueEndsLine === true) return
    if (this.queueEndsLine === false) {
      this.write('\n')
      return
    }
    this.queueEndsLine = true
    this.enqueue(() => this.ensureLineStart())
  }

  /**
   * Queues a call that writes whole lines to the stream itself (@actions/core's
   * commands), so that it comes out at this point of the order.
   */
  external(call: () => void): void {
    this.queueEndsLine = true
    this.enqueue(() => {
      if (!this.broken) call()
      this.atLineStart = true
      return Promise.resolve()
    })
  }

  /** Queues work that writes asynchronously (replaying a step's output) at this point of the order. */
  job(work: (target: ReplayTarget) => Promise<void>): void {
    this.queueEndsLine = undefined
    this.enqueue(() => work(this.target))
  }

  /** Called once each time the queue falls back below the high-water mark. */
  onDrain(listener: () => void): void {
    this.drainListeners.push(listener)
  }

  /** Resolves when everything queued so far has been handed to the stream. */
  async flush(): Promise<void> {
    if (!this.pumping && this.head === this.jobs.length) return
    await new Promise<void>(resolve => this.idleWaiters.push(resolve))
  }

  /**
   * A stop signal came: from now on output is replayed in small pieces, and `delayMs`
   * from now (at once for 0) the log is cut, `reason` saying why. The earliest deadline
   * holds.
   */
  cutAfter(delayMs: number, reason: string): void {
    this.hurry = true
    if (this.cutReason !== undefined || Date.now() + delayMs >= this.cutDeadline) return
    this.cutDeadline = Date.now() + delayMs
    clearTimeout(this.cutTimer)
    if (delayMs <= 0) {
      this.cut(reason)
      return
    }
    this.cutTimer = setTimeout(() => {
      this.cut(reason)
    }, delayMs)
    // The deadline alone must not keep the process alive.
    this.cutTimer.unref()
  }

  /** What a replay job writes through. */
  private readonly target: ReplayTarget = ((): ReplayTarget => {
    const stopped = (): string | undefined => this.stopReason
    const hurried = (): boolean => this.hurry
    return {
      write: pieces => this.handOver(pieces),
      note: async text => {
        await this.ensureLineStart()
        await this.writeNow(`${text}\n`)
      },
      get stopped() {
        return stopped()
      },
      get hurried() {
        return hurried()
      }
    }
  })()

  /** Why step output is no longer written, if it is not. */
  private get stopReason(): string | undefined {
    return this.cutReason ?? (this.broken ? 'nobody reads the log any more' : undefined)
  }

  private cut(reason: string): void {
    if (this.cutReason !== undefined) return
    this.cutReason = reason
    for (const wake of [...this.cutWaiters]) wake()
    // Producers paused by the queue go on: what they send now is left out.
    for (const listener of this.drainListeners) listener()
  }

  private queue(data: Buffer | string): void {
    if (data.length === 0) return
    this.queuedBytes += data.length
    this.queueEndsLine = endsLine(data)
    this.enqueue(data)
  }

  private enqueue(job: Job): void {
    this.jobs.push(job)
    if (!this.pumping) void this.pump()
  }

  private async pump(): Promise<void> {
    this.pumping = true
    while (this.head < this.jobs.length) {
      const job = this.jobs[this.head] as Job
      this.jobs[this.head++] = ''
      if (this.head > 1024 && this.head * 2 > this.jobs.length) {
        this.jobs.splice(0, this.head)
        this.head = 0
      }
      if (typeof job === 'function') {
        await this.run(job)
        continue
      }
      const before = this.queuedBytes
      this.queuedBytes -= job.length
      if (before >= HIGH_WATER && this.queuedBytes < HIGH_WATER) {
        for (const listener of this.drainListeners) listener()
      }
      if (this.cutReason === undefined) await this.writeNow(job)
      else await this.writeAfterCut(job)
    }
    this.pumping = false
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  /**
   * Runs a queued job. Jobs handle their own faults; should one throw all the same, the
   * queue goes on (a stalled queue would hold the report) and the log says what was lost.
   */
  private async run(job: () => Promise<void>): Promise<void> {
    try {
      await job()
    } catch (error) {
      await this.ensureLineStart()
      const text = error instanceof Error ? error.message : String(error)
      await this.writeNow(`stepgraph: part of the log was lost: ${text}\n`)
    }
  }

  /** After the cut: own text goes out on lines of its own, step output is left out. */
  private async writeAfterCut(job: Buffer | string): Promise<void> {
    if (typeof job === 'string') {
      if (job !== '\n') await this.ensureLineStart()
      await this.writeNow(job)
      return
    }
    if (this.outputCutNoted) return
    this.outputCutNoted = true
    await this.ensureLineStart()
    await this.writeNow(
      `stepgraph: step output from here on is not shown: ${this.cutReason ?? ''}\n`
    )
  }

  private async ensureLineStart(): Promise<void> {
    if (!this.atLineStart) await this.writeNow('\n')
  }

  /**
   * Hands pieces to the stream together; resolves once the stream is done with them (their
   * buffers may be reused), or at the cut.
   */
  private handOver(pieces: readonly Buffer[]): Promise<void> {
    if (this.stopReason !== undefined) return Promise.resolve()
    let last: Buffer | undefined
    for (const piece of pieces) {
      if (piece.length === 0) continue
      if (last) this.out.write(last)
      last = piece
    }
    if (!last) return Promise.resolve()
    const final = last
    this.atLineStart = endsLine(final)
    return this.untilCut(done => {
      this.out.write(final, done)
      return () => undefined
    })
  }

  /** Hands data to the stream; waits for the stream to drain, unless the log is cut. */
  private async writeNow(data: Buffer | string): Promise<void> {
    if (this.broken) return
    this.atLineStart = endsLine(data)
    if (this.out.write(data) || this.cutReason !== undefined) return
    await this.untilCut(done => {
      this.out.on('drain', done)
      this.out.on('error', done)
      this.out.on('close', done)
      return () => {
        this.out.off('drain', done)
        this.out.off('error', done)
        this.out.off('close', done)
      }
    })
  }

  /**
   * Waits for what `start` starts (it calls `done` once, and returns how to stop
   * listening), or for the cut, whichever comes first.
   */
  private untilCut(start: (done: () => void) => () => void): Promise<void> {
    if (this.cutReason !== undefined) return Promise.resolve()
    return new Promise(resolve => {
      // Streams call back and emit asynchronously: `stop` is set before `done` can run.
      const listening: { stop?: () => void } = {}
      const done = (): void => {
        if (!this.cutWaiters.delete(done)) return
        listening.stop?.()
        resolve()
      }
      this.cutWaiters.add(done)
      listening.stop = start(done)
    })
  }
}

function endsLine(data: Buffer | string): boolean {
  return typeof data === 'string' ? data.endsWith('\n') : data[data.length - 1] === 0x0a
}
