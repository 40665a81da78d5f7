import type { Writable } from 'node:stream'
import type { Log } from '../report/log.js'
import type { OutputBuffer } from '../report/output-buffer.js'
import { QueuedWriter } from '../report/queued-writer.js'
import { replayOutput } from '../report/replay.js'
import { stripAnsi } from '../report/text.js'
import type { Paint } from './terminal.js'

/**
 * The log on a developer's terminal or in a pipe: the same relay as the action, without
 * workflow commands. A group is a header line. Without colour (not a terminal, NO_COLOR),
 * escape codes are removed from everything, step output included, so a log file or a
 * pipe gets plain text.
 */
export class TerminalLog implements Log {
  private readonly writer: QueuedWriter

  constructor(
    out: Writable,
    private readonly paint: Paint
  ) {
    this.writer = new QueuedWriter(out)
  }

  line(text: string): void {
    this.writer.write(`${this.plain(text)}\n`)
  }

  output(chunks: readonly Buffer[]): void {
    for (const chunk of chunks) this.writer.output(this.plainBytes(chunk))
  }

  outputBuffer(buffer: OutputBuffer): void {
    this.writer.job(target => replayOutput(buffer, target, data => this.plainBytes(data)))
  }

  startGroup(title: string): void {
    this.writer.write(`${this.paint.bold(this.plain(title))}\n`)
  }

  endGroup(): void {
    // A header is enough on a terminal.
  }

  mask(): void {
    // Masking is the runner's; locally there is no log to protect.
  }

  get wantsMore(): boolean {
    return this.writer.wantsMore
  }

  onDrain(listener: () => void): void {
    this.writer.onDrain(listener)
  }

  flush(): Promise<void> {
    return this.writer.flush()
  }

  cutAfter(delayMs: number): void {
    this.writer.cutAfter(delayMs, 'the run was interrupted, and the terminal could not keep up')
  }

  private plain(text: string): string {
    return this.paint.enabled ? text : stripAnsi(text)
  }

  private plainBytes(chunk: Buffer): Buffer {
    return this.paint.enabled || !chunk.includes(0x1b)
      ? chunk
      : Buffer.from(stripAnsi(chunk.toString('utf8')))
  }
}
