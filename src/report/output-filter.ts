import { LongLine } from './long-line.js'
import { runnerWhitespaceBytes } from './runner-whitespace.js'
import type { CommandHandler } from './step-commands.js'
import { parseCommand } from './workflow-commands.js'
import { commandRead } from './young-garbage.js'

const LF = 0x0a
const CR = 0x0d
const ESC = 0x1b
const EMPTY = Buffer.alloc(0)
const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf])
const NEWLINE = Buffer.from('\n')
const RESET_NEWLINE = Buffer.from('\u001b[0m\n')
/** Put before `##[` at the start of a line: the log viewer no longer reads it as markup. */
const ZERO_WIDTH_SPACE = Buffer.from('\u200b')
const LEGACY_COMMAND = Buffer.from('##[')
const COMMAND = Buffer.from('::')

/**
 * Longest line start held back while waiting for its end. A longer line is passed on in
 * pieces (each still in order, never mixed with another step's output) so that memory
 * stays bounded whatever a step prints; of the commands on such a line, only an add-mask
 * is honoured (see LongLine).
 */
export const MAX_HELD_LINE = 1024 * 1024

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
 * - command lines, as the runner finds them (`::name` after whitespace, or `##[name]`
 *   anywhere), are handed to `onCommand` (annotations, masks) and relayed or dropped.
 * Bytes are never decoded except for command lines, and lines are only split at ASCII
 * line breaks, so UTF-8 (and invalid UTF-8, NULs) pass through intact across chunks.
 * Chunks without any of CR, ESC, `::` or `##[` take a fast path and are not copied.
 */
export class OutputFilter {
  /** The start of a line whose end has not come yet (at most MAX_HELD_LINE bytes). */
  private held: Buffer[] = []
  private heldBytes = 0
  /** A line longer than MAX_HELD_LINE, being passed on in pieces. */
  private long: LongLine | undefined
  /** Whether the part of the long line in the log carries an escape code. */
  private longHasEscape = false
  /** The long line's display was broken: its next piece starts a line in the log. */
  private longAtLineStart = false
  /** The last chunk ended with CR: an LF starting the next one belongs to it. */
  private afterCR = false
  /**
   * The stream's first bytes while they could still be a UTF-8 byte-order mark, which
   * the runner's StreamReader drops (a mask on the first line must still be one);
   * undefined once past the start.
   */
  private streamStart: Buffer | undefined = EMPTY

  /**
   * `onCommand` gets each command line; `resumeName` is a name that is a command for the
   * moment (the step's own stop token, while it has stopped commands).
   */
  constructor(
    private readonly onCommand: CommandHandler,
    private readonly resumeName: () => string | undefined = () => undefined
  ) {}

  push(raw: Buffer): Filtered {
    let data = this.normalizeLineBreaks(this.dropByteOrderMark(raw))
    const out: Buffer[] = []
    if (this.long) {
      const lf = data.indexOf(LF)
      this.takeLong(lf < 0 ? data : data.subarray(0, lf), out)
      if (lf < 0) return { chunks: out, endsMidLine: this.long.relayedAny }
      this.endLong(out)
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
   * printed meanwhile): returns what ends it in the log (nothing when no line is open):
   * the bytes it was still holding back, and a line break. The line goes on being read as
   * one line, as the runner would read it; in the log its next piece starts a new line.
   */
  breakLine(): Buffer[] {
    const long = this.long
    if (!long?.relayedAny || this.longAtLineStart) return []
    const out: Buffer[] = []
    this.relayLong(long.release(), out)
    out.push(this.longHasEscape ? RESET_NEWLINE : NEWLINE)
    this.longHasEscape = false
    this.longAtLineStart = true
    return out
  }

  /** The end of the stream: a last line without a line break is completed. */
  end(): Buffer[] {
    const start = this.streamStart
    this.streamStart = undefined
    if (start && start.length > 0) return [...this.push(start).chunks, ...this.end()]
    if (this.long) {
      const out: Buffer[] = []
      this.endLong(out)
      return out
    }
    if (this.heldBytes === 0) return []
    const line = Buffer.concat([...this.held, NEWLINE])
    this.held = []
    this.heldBytes = 0
    return this.filterLines(line)
  }

  /** Keeps an incomplete line, or starts passing it on when it is too long to keep. */
  private hold(rest: Buffer, out: Buffer[]): Filtered {
    if (rest.length === 0) return { chunks: out, endsMidLine: false }
    this.held.push(Buffer.from(rest)) // a copy: do not pin the whole chunk in memory
    this.heldBytes += rest.length
    if (this.heldBytes <= MAX_HELD_LINE) return { chunks: out, endsMidLine: false }
    const start = Buffer.concat(this.held)
    this.held = []
    this.heldBytes = 0
    this.longHasEscape = false
    this.longAtLineStart = true
    const pieces: Buffer[] = []
    this.long = new LongLine(command => this.onCommand(command))
    this.long.take(start, pieces)
    this.relayLong(pieces, out)
    return { chunks: out, endsMidLine: this.long.relayedAny }
  }

  private takeLong(piece: Buffer, out: Buffer[]): void {
    const pieces: Buffer[] = []
    this.long?.take(piece, pieces)
    this.relayLong(pieces, out)
  }

  /** The long line ended: its end, and a line break if any of it is in the log. */
  private endLong(out: Buffer[]): void {
    const long = this.long
    if (!long) return
    this.long = undefined
    const pieces: Buffer[] = []
    long.end(pieces)
    this.relayLong(pieces, out)
    if (long.relayedAny && !this.longAtLineStart)
      out.push(this.longHasEscape ? RESET_NEWLINE : NEWLINE)
  }

  private relayLong(pieces: readonly Buffer[], out: Buffer[]): void {
    for (const piece of pieces) {
      if (piece.length === 0) continue
      if (piece.includes(ESC)) this.longHasEscape = true
      out.push(...(this.longAtLineStart ? neutralizeLineStart(piece) : [piece]))
      this.longAtLineStart = false
    }
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
      if (mightBeCommand(line)) {
        const command = parseCommand(line.toString('utf8'), this.resumeName())
        commandRead()
        if (command && this.onCommand(command) === 'drop') continue
      }
      out.push(...neutralizeLineStart(line))
      out.push(line.includes(ESC) ? RESET_NEWLINE : NEWLINE)
    }
    return out
  }

  private dropByteOrderMark(chunk: Buffer): Buffer {
    if (this.streamStart === undefined) return chunk
    const head = this.streamStart.length > 0 ? Buffer.concat([this.streamStart, chunk]) : chunk
    if (
      head.length < BYTE_ORDER_MARK.length &&
      BYTE_ORDER_MARK.subarray(0, head.length).equals(head)
    ) {
      this.streamStart = Buffer.from(head)
      return EMPTY
    }
    this.streamStart = undefined
    return startsWithAt(head, 0, BYTE_ORDER_MARK) ? head.subarray(BYTE_ORDER_MARK.length) : head
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

/** `::` after the runner's whitespace, or `##[` anywhere: the runner tries to parse it. */
function mightBeCommand(line: Buffer): boolean {
  return startsWithAt(line, runnerWhitespaceBytes(line), COMMAND) || line.includes(LEGACY_COMMAND)
}

/** Spaces and tabs: where the log viewer still reads `##[` as markup. */
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

/** A line (or the start of one) in which `##[` at the start gets a zero-width space. */
function neutralizeLineStart(start: Buffer): Buffer[] {
  const first = firstNonBlank(start)
  if (!startsWithAt(start, first, LEGACY_COMMAND)) return [start]
  return [start.subarray(0, first), ZERO_WIDTH_SPACE, start.subarray(first)]
}
