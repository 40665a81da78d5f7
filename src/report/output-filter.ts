import { parseCommand, type WorkflowCommand } from './workflow-commands.js'

const LF = 0x0a
const CR = 0x0d
const ESC = 0x1b
const NEWLINE = Buffer.from('\n')
const RESET_NEWLINE = Buffer.from('\u001b[0m\n')
/** Put before `##[` at the start of a line: the log viewer no longer reads it as markup. */
const ZERO_WIDTH_SPACE = Buffer.from('\u200b')
const LEGACY_COMMAND = Buffer.from('##[')
const COMMAND = Buffer.from('::')

/**
 * Longest line start held back while waiting for its end. A longer line is passed on in
 * pieces (each still in order, never mixed with another step's output) so that memory
 * stays bounded whatever a step prints.
 */
export const MAX_HELD_LINE = 1024 * 1024
/** Lines longer than this are never read as workflow commands. */
export const MAX_COMMAND_LINE = 64 * 1024

/** What to do with a child's workflow command line: relay it, or drop it from the log. */
export type CommandHandler = (command: WorkflowCommand) => 'relay' | 'drop'

export interface Filtered {
  /** The bytes to relay, in order. */
  readonly chunks: readonly Buffer[]
  /** Whether the last chunk ends inside a line (one longer than MAX_HELD_LINE). */
  readonly endsMidLine: boolean
}

/**
 * One output stream of one step, from raw bytes to what may reach the log:
 * - line breaks normalized: CRLF and lone CR become LF, so every line the runner sees is a
 *   line stepgraph saw (the runner masks secrets line by line);
 * - a line that starts with `##[` (the log viewer's markup) gets a zero-width space first;
 * - a line that carries escape codes gets an ANSI reset at its end;
 * - `::command` lines are handed to `onCommand` (annotations, masks) and relayed or dropped.
 * Bytes are never decoded except for command lines, and lines are only split at ASCII
 * line breaks, so UTF-8 (and invalid UTF-8, NULs) pass through intact across chunks.
 * Chunks without any of CR, ESC, `::` or `##[` take a fast path and are not copied.
 */
export class OutputFilter {
  /** The start of a line whose end has not come yet (at most MAX_HELD_LINE bytes). */
  private held: Buffer[] = []
  private heldBytes = 0
  /** A line longer than MAX_HELD_LINE is being passed on in pieces. */
  private midLine = false
  private midLineHasEscape = false
  /** The last chunk ended with CR: an LF starting the next one belongs to it. */
  private afterCR = false

  constructor(private readonly onCommand: CommandHandler) {}

  push(raw: Buffer): Filtered {
    let data = this.normalizeLineBreaks(raw)
    const out: Buffer[] = []
    if (this.midLine) {
      const lf = data.indexOf(LF)
      if (lf < 0) {
        if (data.includes(ESC)) this.midLineHasEscape = true
        return { chunks: [data], endsMidLine: true }
      }
      if (data.subarray(0, lf).includes(ESC)) this.midLineHasEscape = true
      out.push(data.subarray(0, lf), this.midLineHasEscape ? RESET_NEWLINE : NEWLINE)
      this.midLine = false
      this.midLineHasEscape = false
      data = data.subarray(lf + 1)
    }
    if (this.heldBytes > 0) {
      const lf = data.indexOf(LF)
      if (lf < 0) return this.hold(data, out)
      const line = Buffer.concat([...this.held, data.subarray(0, lf + 1)])
      this.held = []
      this.heldBytes = 0
      out.push(...this.filterLines(line))
      data = data.subarray(lf + 1)
    }
    const lastLF = data.lastIndexOf(LF)
    if (lastLF >= 0) out.push(...this.filterLines(data.subarray(0, lastLF + 1)))
    return this.hold(data.subarray(lastLF + 1), out)
  }

  /**
   * The relay had to end the over-long line being passed on (another stream or step
   * printed meanwhile): returns the line break to write, and what follows is read as the
   * start of a new line.
   */
  breakLine(): Buffer {
    const ending = this.midLineHasEscape ? RESET_NEWLINE : NEWLINE
    this.midLine = false
    this.midLineHasEscape = false
    return ending
  }

  /** The end of the stream: a last line without a line break is completed. */
  end(): Buffer[] {
    if (this.midLine) {
      this.midLine = false
      return [this.midLineHasEscape ? RESET_NEWLINE : NEWLINE]
    }
    if (this.heldBytes === 0) return []
    const line = Buffer.concat([...this.held, NEWLINE])
    this.held = []
    this.heldBytes = 0
    return this.filterLines(line)
  }

  /** Keeps an incomplete line, or passes on its start when it is too long to keep. */
  private hold(rest: Buffer, out: Buffer[]): Filtered {
    if (rest.length === 0) return { chunks: out, endsMidLine: false }
    this.held.push(Buffer.from(rest)) // a copy: do not pin the whole chunk in memory
    this.heldBytes += rest.length
    if (this.heldBytes <= MAX_HELD_LINE) return { chunks: out, endsMidLine: false }
    const start = Buffer.concat(this.held)
    this.held = []
    this.heldBytes = 0
    this.midLine = true
    this.midLineHasEscape = start.includes(ESC)
    out.push(...neutralizeLineStart(start))
    return { chunks: out, endsMidLine: true }
  }

  /** Whole lines, each ending in LF. */
  private filterLines(block: Buffer): Buffer[] {
    if (!block.includes(ESC) && !block.includes(COMMAND) && !block.includes(LEGACY_COMMAND))
      return [block]
    const out: Buffer[] = []
    for (let start = 0; start < block.length;) {
      const end = block.indexOf(LF, start)
      const line = block.subarray(start, end)
      start = end + 1
      const first = firstNonBlank(line)
      if (line.length <= MAX_COMMAND_LINE && startsWithAt(line, first, COMMAND)) {
        const command = parseCommand(line.toString('utf8'))
        if (command && this.onCommand(command) === 'drop') continue
      }
      if (startsWithAt(line, first, LEGACY_COMMAND)) {
        out.push(line.subarray(0, first), ZERO_WIDTH_SPACE, line.subarray(first))
      } else {
        out.push(line)
      }
      out.push(line.includes(ESC) ? RESET_NEWLINE : NEWLINE)
    }
    return out
  }

  /** CRLF and lone CR become LF, including a CRLF split across chunks. */
  private normalizeLineBreaks(chunk: Buffer): Buffer {
    let data = chunk
    if (this.afterCR && data[0] === LF) data = data.subarray(1)
    this.afterCR = false
    if (!data.includes(CR)) return data
    const out = Buffer.allocUnsafe(data.length)
    let length = 0
    for (let i = 0; i < data.length; i++) {
      const byte = data[i] as number
      if (byte !== CR) {
        out[length++] = byte
        continue
      }
      out[length++] = LF
      if (i + 1 === data.length) this.afterCR = true
      else if (data[i + 1] === LF) i++
    }
    return out.subarray(0, length)
  }
}

function firstNonBlank(line: Buffer): number {
  let i = 0
  while (i < line.length && (line[i] === 0x20 || line[i] === 0x09)) i++
  return i
}

function startsWithAt(line: Buffer, at: number, prefix: Buffer): boolean {
  return (
    line.length - at >= prefix.length &&
    line.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0
  )
}

/** The start of an over-long line: only the `##[` markup needs handling there. */
function neutralizeLineStart(start: Buffer): Buffer[] {
  const first = firstNonBlank(start)
  if (!startsWithAt(start, first, LEGACY_COMMAND)) return [start]
  return [start.subarray(0, first), ZERO_WIDTH_SPACE, start.subarray(first)]
}
