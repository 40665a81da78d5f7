import { randomBytes } from 'node:crypto'
import type { Writable } from 'node:stream'
import type { Log } from './log.js'
import type { OutputBuffer } from './output-buffer.js'
import { QueuedWriter, replayFile } from './queued-writer.js'
import { formatCommand } from './workflow-commands.js'

/**
 * The runner's log. Everything but stepgraph's own workflow commands is written inside
 * `::stop-commands::`, so a step's output (and a hostile step name) cannot set outputs,
 * open groups, add matchers or silence annotations, in the `::cmd::` form or the legacy
 * `##[cmd]` one. Each stop has a fresh random token; the runner resumes only on that
 * token, which no step ever sees. The state is tracked as jobs are queued, which is
 * the order they are written in.
 */
export class ActionLog implements Log {
  private readonly writer: QueuedWriter
  /** The token of the `stop-commands` in force, or undefined when commands are live. */
  private stopToken: string | undefined

  constructor(out: Writable = process.stdout) {
    this.writer = new QueuedWriter(out)
  }

  /**
   * A line of stepgraph's own. It may hold step names: when it holds anything the runner
   * could read as a command (`##[` anywhere, `::` at the start), it goes out with commands
   * stopped; otherwise as it is, which spares the log a stop and a resume line.
   */
  line(text: string): void {
    if (mightBeCommand(text)) this.stopCommands()
    this.writer.write(`${text}\n`)
  }

  output(chunks: readonly Buffer[]): void {
    this.stopCommands()
    for (const chunk of chunks) this.writer.write(chunk)
  }

  outputBuffer(buffer: OutputBuffer): void {
    this.stopCommands()
    this.writer.job(async write => {
      const { file, fileBytes, memory } = await buffer.contents()
      try {
        if (file) await replayFile(file, fileBytes, write)
        for (const chunk of memory) await write(chunk)
      } finally {
        buffer.dispose()
      }
    })
  }

  startGroup(title: string): void {
    this.command(formatCommand('group', {}, title))
  }

  endGroup(): void {
    this.command(formatCommand('endgroup', {}, ''))
  }

  mask(value: string): void {
    this.command(formatCommand('add-mask', {}, value))
  }

  /** One of stepgraph's own workflow commands (an annotation, a group), live. */
  command(line: string): void {
    this.resumeCommands()
    this.writer.write(`${line}\n`)
  }

  get wantsMore(): boolean {
    return this.writer.wantsMore
  }

  onDrain(listener: () => void): void {
    this.writer.onDrain(listener)
  }

  /** Commands live again (for what follows the run: the action's failure message), everything written. */
  async flush(): Promise<void> {
    this.resumeCommands()
    await this.writer.flush()
  }

  private stopCommands(): void {
    if (this.stopToken !== undefined) return
    this.stopToken = randomBytes(16).toString('hex')
    this.writer.write(`::stop-commands::${this.stopToken}\n`)
  }

  private resumeCommands(): void {
    if (this.stopToken === undefined) return
    this.writer.write(`::${this.stopToken}::\n`)
    this.stopToken = undefined
  }
}

function mightBeCommand(text: string): boolean {
  return text.includes('##[') || /^\s*::/m.test(text) || /[\r\n]/.test(text.trimEnd())
}
