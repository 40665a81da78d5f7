import type { Writable } from 'node:stream'
import type { OutputSink, StreamName } from '../process/output-sink.js'
import type { Log } from '../report/log.js'
import type { OutputBuffer } from '../report/output-buffer.js'
import { QueuedWriter } from '../report/queued-writer.js'
import { replayOutput } from '../report/replay.js'
import { EscapeFilter, filterText, type EscapePolicy } from './escape-filter.js'
import type { Paint } from './terminal.js'

/**
 * The log on a developer's terminal or in a pipe: the same relay as the action, without
 * workflow commands. A group is a header line.
 *
 * Nothing reaches the output but what `policy` allows (see EscapePolicy): step output is
 * filtered as it comes, per attempt and stream, by the sink `stepOutput` wraps (a
 * sequence cut across reads, or across the chunks of a replayed file, is still whole
 * there); stepgraph's own lines, which quote names and error messages, are filtered whole.
 */
export class TerminalLog implements Log {
  private readonly writer: QueuedWriter

  constructor(
    out: Writable,
    private readonly paint: Paint,
    private readonly policy: EscapePolicy
  ) {
    this.writer = new QueuedWriter(out)
  }

  /** Where an attempt's output goes before the relay: filtered per stream, state kept across reads. */
  stepOutput(sink: OutputSink): OutputSink {
    const filters: Record<StreamName, EscapeFilter> = {
      stdout: new EscapeFilter(this.policy),
      stderr: new EscapeFilter(this.policy)
    }
    const pass = (stream: StreamName, bytes: Buffer): void => {
      if (bytes.length > 0) sink.write(stream, bytes)
    }
    return {
      write: (stream, chunk) => {
        pass(stream, filters[stream].push(chunk))
      },
      note: message => {
        sink.note(message)
      },
      close: () => {
        pass('stdout', filters.stdout.end())
        pass('stderr', filters.stderr.end())
        sink.close()
      }
    }
  }

  line(text: string): void {
    this.writer.write(`${filterText(text, this.policy)}\n`)
  }

  /** Step output, already filtered by `stepOutput`. */
  output(chunks: readonly Buffer[]): void {
    for (const chunk of chunks) this.writer.output(chunk)
  }

  /** Step output, already filtered by `stepOutput` before it was buffered. */
  outputBuffer(buffer: OutputBuffer): void {
    this.writer.job(target => replayOutput(buffer, target))
  }

  startGroup(title: string): void {
    this.writer.write(`${this.paint.bold(filterText(title, this.policy))}\n`)
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

  cutAfter(delayMs: number): void {
    this.writer.cutAfter(delayMs, 'the run was interrupted, and the terminal could not keep up')
  }

  flush(): Promise<void> {
    return this.writer.flush()
  }
}
