import { closeSync, openSync, readSync } from 'node:fs'
import type { Writable } from 'node:stream'

/** Queued bytes above which writers are asked to slow down (their pipes are paused). */
export const HIGH_WATER = 8 * 1024 * 1024
const REPLAY_CHUNK = 1024 * 1024

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
    this.enqueue(data)
  }

  /** Bytes `[0, length)` of a file; `done` runs once they are written (to delete it). */
  writeFile(file: string, length: number, done?: () => void): void {
    this.enqueue(async () => {
      const fd = openSync(file, 'r')
      try {
        for (let position = 0; position < length && !this.broken;) {
          const chunk = Buffer.allocUnsafe(Math.min(REPLAY_CHUNK, length - position))
          const read = readSync(fd, chunk, 0, chunk.length, position)
          if (read === 0) break
          position += read
          await this.writeNow(chunk.subarray(0, read))
        }
      } finally {
        closeSync(fd)
        done?.()
      }
    })
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

  private async writeNow(data: Buffer | string): Promise<void> {
    if (this.broken) return
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
