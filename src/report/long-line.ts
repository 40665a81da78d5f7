import { runnerWhitespaceBytes } from './runner-whitespace.js'
import type { CommandHandler } from './step-commands.js'
import { foldCase, parseCommand } from './workflow-commands.js'

/**
 * Longest add-mask command held to be honoured. A longer one is neither honoured nor shown
 * (its value is not printed), and the step's log says so: no secret is that long.
 */
export const MAX_MASK_LINE = 64 * 1024 * 1024

const LEGACY = Buffer.from('##[')
const EMPTY = Buffer.alloc(0)
const ADD_MASK = 'add-mask'

/**
 * A line longer than the filter holds, passed on in pieces as it arrives, except that an
 * add-mask command is never passed on: the runner would honour it whatever its length, so
 * stepgraph holds it (up to MAX_MASK_LINE) and hands it over when the line ends. The
 * runner's rules decide what is a mask (ActionCommand.cs): a line that starts, after
 * whitespace, with `::add-mask`; else one whose first `##[` opens `add-mask` (everything
 * before that is shown, everything from it is held).
 */
export class LongLine {
  /**
   * 'start': nothing seen yet; 'plain': relay everything; 'scanning': look for the first
   * `##[`; 'name': hold it until its name is known; 'mask': hold the whole command.
   */
  private state: 'start' | 'plain' | 'scanning' | 'name' | 'mask' = 'start'
  /** Held bytes: the `##[...` being decided, or the whole mask command. */
  private held: Buffer[] = []
  private heldBytes = 0
  /** The last bytes scanned, so a `##[` split across pieces is found. */
  private carry = EMPTY
  private overflow = 0
  /** Whether any byte of this line was relayed: the log has a line open. */
  relayedAny = false

  /** `onCommand` decides on the mask when the line ends (a step may have stopped commands). */
  constructor(private readonly onCommand: CommandHandler) {}

  /** The next piece of the line (the first is its start): what to relay goes onto `out`. */
  take(piece: Buffer, out: Buffer[]): void {
    if (this.state === 'start') this.state = startsAsMask(piece) ? 'mask' : 'scanning'
    if (this.state === 'plain') this.relay(piece, out)
    else if (this.state === 'scanning') this.scan(piece, out)
    else {
      this.hold(piece)
      if (this.state === 'name') this.decideName(out)
    }
  }

  /**
   * The log is about to break this line: the bytes kept back to find a split `##[` go
   * out now, in their place (a `##[` split exactly there is not looked for).
   */
  release(): Buffer[] {
    if (this.state !== 'scanning' || this.carry.length === 0) return []
    const carry = this.carry
    this.carry = EMPTY
    return [carry]
  }

  /** The line ended: a mask is handed over, anything still held is relayed. */
  end(out: Buffer[]): void {
    if (this.overflow > 0) {
      out.push(
        Buffer.from(
          `${this.relayedAny ? '\n' : ''}stepgraph: an add-mask command of ${this.heldBytes + this.overflow} bytes ` +
            `is longer than ${MAX_MASK_LINE / 1024 / 1024} MiB: it was not honoured and is not shown`
        )
      )
      this.relayedAny = true
      return
    }
    if (this.state === 'scanning') this.relay(this.carry, out)
    if (this.state !== 'mask' && this.state !== 'name') return
    const text = Buffer.concat(this.held).toString('utf8')
    const command = parseCommand(text)
    if (command?.name !== ADD_MASK || this.onCommand(command) === 'relay')
      this.relay(Buffer.concat(this.held), out)
    this.held = []
  }

  private relay(piece: Buffer, out: Buffer[]): void {
    if (piece.length === 0) return
    out.push(piece)
    this.relayedAny = true
  }

  private hold(piece: Buffer): void {
    if (this.overflow > 0 || this.heldBytes + piece.length > MAX_MASK_LINE) {
      this.overflow += piece.length
      this.held = []
      return
    }
    this.held.push(Buffer.from(piece)) // a copy: never pin a pipe's read buffer
    this.heldBytes += piece.length
  }

  /**
   * Relays up to the first `##[`, from which bytes are held until its name is known. The
   * last bytes of a piece wait (in `carry`, not yet relayed) in case `##[` is split
   * across pieces.
   */
  private scan(piece: Buffer, out: Buffer[]): void {
    const window = this.carry.length > 0 ? Buffer.concat([this.carry, piece]) : piece
    const at = window.indexOf(LEGACY)
    if (at < 0) {
      const keep = Math.min(window.length, LEGACY.length - 1)
      this.relay(window.subarray(0, window.length - keep), out)
      this.carry = Buffer.from(window.subarray(window.length - keep))
      return
    }
    this.relay(window.subarray(0, at), out)
    this.carry = EMPTY
    this.state = 'name'
    this.hold(window.subarray(at))
    this.decideName(out)
  }

  /** `##[add-mask` followed by a space or `]` makes the line a mask; anything else, plain. */
  private decideName(out: Buffer[]): void {
    const needed = LEGACY.length + ADD_MASK.length + 1
    if (this.heldBytes < needed) return
    const head = Buffer.concat(this.held).subarray(LEGACY.length, needed).toString('latin1')
    if (foldCase(head.slice(0, -1)) === ADD_MASK && (head.endsWith(' ') || head.endsWith(']'))) {
      this.state = 'mask'
      return
    }
    this.state = 'plain'
    for (const piece of this.held) this.relay(piece, out)
    this.held = []
    this.heldBytes = 0
  }
}

/** `::add-mask` after whitespace, then a space (properties) or `::` (the value). */
function startsAsMask(start: Buffer): boolean {
  const at = runnerWhitespaceBytes(start)
  const head = start.subarray(at, at + 2 + ADD_MASK.length + 2).toString('latin1')
  if (!head.startsWith('::') || foldCase(head.slice(2, 2 + ADD_MASK.length)) !== ADD_MASK)
    return false
  const after = head.slice(2 + ADD_MASK.length)
  return after.startsWith(' ') || after === '::'
}
