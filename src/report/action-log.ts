import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import type { Annotation } from './annotations.js'
import type { Log } from './log.js'
import type { OutputBuffer } from './output-buffer.js'
import { QueuedWriter } from './queued-writer.js'
import { replayOutput } from './replay.js'
import { hasCommandLineStart } from './runner-whitespace.js'

/**
 * The runner's log, and the only writer of the action's stdout while it runs. Everything
 * but stepgraph's own workflow commands is written inside `::stop-commands::`, so a step's
 * output (and a hostile step name or graph key) cannot set outputs, open groups, add
 * matchers or silence annotations, in the `::cmd::` form or the legacy `##[cmd]` one. The
 * runner resumes only on a random token, which no step ever sees. stepgraph's own commands are @actions/core's, queued in order; each starts a line
 * (the runner reads a command nowhere else), even when a step's line was cut off before.
 */
export class ActionLog implements Log {
  private readonly writer = new QueuedWriter(process.stdout)
  /**
   * The `stop-commands` token: one per log, so the runner's masker (which masks every
   * token) holds one more value, not one per stop. Steps never see stdout, so it stays
   * secret.
   */
  private readonly stopToken = randomBytes(16).toString('hex')
  /** Whether commands are stopped. */
  private stopped = false

  /**
   * A line of stepgraph's own. It may hold step names and text from the graph: when it
   * holds anything the runner could read as a command (`##[` anywhere, `::` at the start
   * of a line after whitespace), it goes out with commands stopped; otherwise as it is,
   * which spares the log a stop and a resume line.
   */
  line(text: string): void {
    this.writer.startLine()
    if (text.includes('##[') || hasCommandLineStart(text)) this.stopCommands()
    this.writer.write(`${text}\n`)
  }

  /** A step's output: whole lines, or pieces of one over-long line in order. */
  output(chunks: readonly Buffer[]): void {
    this.stopCommands()
    for (const chunk of chunks) this.writer.output(chunk)
  }

  outputBuffer(buffer: OutputBuffer): void {
    this.stopCommands()
    this.writer.job(target => replayOutput(buffer, target))
  }

  startGroup(title: string): void {
    this.command(() => {
      core.startGroup(title)
    })
  }

  endGroup(): void {
    this.command(() => {
      core.endGroup()
    })
  }

  mask(value: string): void {
    this.command(() => {
      core.setSecret(value)
    })
  }

  annotate(annotation: Annotation): void {
    const { level, message, title, file, line, endLine, col, endColumn } = annotation
    const given: core.AnnotationProperties = {
      title,
      file,
      startLine: issueNumber(line),
      endLine: issueNumber(endLine),
      startColumn: issueNumber(col),
      endColumn: issueNumber(endColumn)
    }
    // Only what is set: given no property at all, core writes `::notice::`, not `::notice ::`.
    const properties = Object.fromEntries(
      Object.entries(given).filter(([, value]) => value !== undefined)
    ) as core.AnnotationProperties
    const issue = ISSUE[level]
    this.command(() => {
      issue(message, properties)
    })
  }

  get wantsMore(): boolean {
    return this.writer.wantsMore
  }

  onDrain(listener: () => void): void {
    this.writer.onDrain(listener)
  }

  /**
   * Commands live again and everything written: what follows (the summary's warning, the
   * action's failure) may use @actions/core directly.
   */
  async flush(): Promise<void> {
    this.writer.startLine()
    this.resumeCommands()
    await this.writer.flush()
  }

  cutAfter(delayMs: number): void {
    this.writer.cutAfter(delayMs, CUT_REASON)
  }

  /**
   * One of stepgraph's own workflow commands (a call of @actions/core that writes to
   * stdout), live, at the start of a line, in its place in the log.
   */
  command(call: () => void): void {
    this.writer.startLine()
    this.resumeCommands()
    this.writer.external(call)
  }

  private stopCommands(): void {
    if (this.stopped) return
    this.writer.startLine()
    this.stopped = true
    this.writer.write(`::stop-commands::${this.stopToken}\n`)
  }

  private resumeCommands(): void {
    if (!this.stopped) return
    this.writer.write(`::${this.stopToken}::\n`)
    this.stopped = false
  }
}

/** Why the log is cut after a stop signal. */
export const CUT_REASON =
  'the run was cancelled, and the log could not keep up within the runner’s grace period'

/**
 * core's function for each annotation level, named one by one: a computed `core[level]`
 * would make the bundler keep every export of core, its OIDC client included.
 */
const ISSUE = { error: core.error, warning: core.warning, notice: core.notice } as const

/**
 * A line or column as the runner reads it (`int.TryParse`: optional sign and surrounding
 * whitespace); anything else is left out, as the runner would ignore it.
 */
function issueNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*[+-]?\d+\s*$/.test(text)) return undefined
  const value = Number(text)
  return Number.isSafeInteger(value) ? value : undefined
}
