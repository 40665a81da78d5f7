import { closeSync, openSync, readSync } from 'node:fs'
import type { Writable } from 'node:stream'

/** Queued bytes above which writers are asked to slow down (their pipes are paused). */
export const HIGH_WATER = 2 * 1024 * 1024

type Job = Buffer | string | (() => Promise<void>)

/**
 * Everything written to stdout goes through one queue, in order. Writes honour the
 * stream's backpressure (stdout is asynchronous for pipes on POSIX: a slow reader would
 * otherwise grow our memory), files are replayed in chunks, and `flush` resolves only when
 * every byte has been handed to the stream.
 */
export class QueuedWriter {
  private readonly jobs: Job[] = []
  private head = 0
  private pumping = false
  private queuedBytes = 0
  private broken = false
  /** Whether the last byte handed to the stream ended a line. */
  private atLineStart = true
  /** Whether what is queued so far ends a line: known for bytes, unknown after a job. */
  private queueEndsLine: boolean | undefined = true
  private readonly idleWaiters: (() => void)[] = []
  private readonly drainListeners: (() => void)[] = []

  constructor(private readonly out: Writable) {
    // EPIPE and friends: nobody reads any more; drop the rest rather than crash.
    out.on('error', () => {
      this.broken = true
    })
  }

  /** Whether the queue is short enough to take more without pausing the producers. */
  get wantsMore(): boolean {
    return this.queuedBytes < HIGH_WATER
  }

  write(data: Buffer | string): void {
    if (data.length === 0) return
    this.queuedBytes += data.length
    this.queueEndsLine = endsLine(data)
    this.enqueue(data)
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
    this.enqueue(async () => {
      if (!this.atLineStart) await this.writeNow('\n')
    })
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

  /**
   * Queues work that writes asynchronously (replaying a file) at this point of the
   * order. `write` resolves once the stream is done with the bytes, so their buffer may
   * be reused.
   */
  job(work: (write: (data: Buffer) => Promise<void>) => Promise<void>): void {
    this.queueEndsLine = undefined
    this.enqueue(() => work(data => this.writeAndWait(data)))
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
        await job()
        continue
      }
      const before = this.queuedBytes
      this.queuedBytes -= job.length
      if (before >= HIGH_WATER && this.queuedBytes < HIGH_WATER) {
        for (const listener of this.drainListeners) listener()
      }
      await this.writeNow(job)
    }
    this.pumping = false
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  /** Resolves once the stream has handed the bytes on (its write callback). */
  private writeAndWait(data: Buffer): Promise<void> {
    if (this.broken) return Promise.resolve()
    if (data.length > 0) this.atLineStart = endsLine(data)
    return new Promise(resolve => {
      this.out.write(data, () => {
        resolve()
      })
    })
  }

  private async writeNow(data: Buffer | string): Promise<void> {
    if (this.broken) return
    this.atLineStart = endsLine(data)
    if (!this.out.write(data)) {
      await new Promise<void>(resolve => {
        const done = (): void => {
          this.out.off('drain', done)
          this.out.off('error', done)
          this.out.off('close', done)
          resolve()
        }
        this.out.on('drain', done)
        this.out.on('error', done)
        this.out.on('close', done)
      })
    }
  }
}

function endsLine(data: Buffer | string): boolean {
  return typeof data === 'string' ? data.endsWith('\n') : data[data.length - 1] === 0x0a
}

const REPLAY_CHUNK = 1024 * 1024

/**
 * Writes bytes `[0, length)` of a file through `write`, a chunk at a time, with two
 * buffers in turn: one is read into while the other is written, and neither is reused
 * before its write is done. A gigabyte replayed allocates two megabytes.
 */
export async function replayFile(
  file: string,
  length: number,
  write: (data: Buffer) => Promise<void>
): Promise<void> {
  const fd = openSync(file, 'r')
  const buffers = [Buffer.allocUnsafe(REPLAY_CHUNK), Buffer.allocUnsafe(REPLAY_CHUNK)] as const
  const writes: [Promise<void>, Promise<void>] = [Promise.resolve(), Promise.resolve()]
  try {
    for (let position = 0, turn: 0 | 1 = 0; position < length; turn = turn === 0 ? 1 : 0) {
      await writes[turn]
      const buffer = buffers[turn]
      const read = readSync(fd, buffer, 0, Math.min(REPLAY_CHUNK, length - position), position)
      if (read === 0) break
      position += read
      writes[turn] = write(buffer.subarray(0, read))
    }
    await Promise.all(writes)
  } finally {
    closeSync(fd)
  }
}
