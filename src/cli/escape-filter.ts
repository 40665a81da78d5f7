import { characterBoundary, specialByteSearch } from './escape-scan.js'
import { Utf8Decoder } from './utf8-decoder.js'

/**
 * What a step's output may put on the CLI's output. Never an escape sequence or a C1
 * control, except, with `colour`, colours (SGR, `ESC [ ... m`):
 * - `plain` (a pipe, a file): text, and C0 controls as the step wrote them (single
 *   characters, not sequences);
 * - `terminal` (NO_COLOR): text, TAB, LF and CR: BS, VT, FF, SO, SI and the other C0
 *   controls move the cursor or switch character sets under the live view;
 * - `colour`: as `terminal`, and colours.
 * Nothing can then move the cursor, clear the screen, set the title or the clipboard, or
 * switch screens or character sets.
 */
export type EscapePolicy = 'plain' | 'terminal' | 'colour'

const TAB = 0x09
const LF = 0x0a
const CR = 0x0d
const BEL = 0x07
const CAN = 0x18
const SUB = 0x1a
const ESC = 0x1b
const DEL = 0x7f
const LEFT_BRACKET = 0x5b
const BACKSLASH = 0x5c
const LETTER_M = 0x6d
/** C1's string terminator, U+009C. */
const ST = 0x9c
/** C1's control sequence introducer, U+009B: ESC [. */
const C1_CSI = 0x9b

const GROUND = 0
/** After ESC (or a C1 control other than a CSI or a string's start). */
const ESCAPE = 1
/** After ESC [ or U+009B: parameters, intermediates, then a final byte. */
const CSI = 2
/** OSC, DCS, SOS, PM, APC: discarded up to their terminator. */
const STRING = 3
/** An ESC inside a string: `\` ends the string, anything else starts a new sequence. */
const STRING_ESCAPE = 4
type State = typeof GROUND | typeof ESCAPE | typeof CSI | typeof STRING | typeof STRING_ESCAPE

/** Parameters of a colour longer than this are not a colour anyone means: dropped. */
const MAX_COLOUR_PARAMETERS = 256
/** Enough room for what a chunk can release besides its own bytes: a held colour, a character. */
const HELD_ROOM = MAX_COLOUR_PARAMETERS + 8

/**
 * A streaming filter for one output stream of one attempt: escape sequences are removed
 * (`colour`: all but SGR) whatever the chunking, since the state carries over from one
 * chunk to the next; bytes are never decoded to a string, so UTF-8 split across chunks
 * stays intact, and text comes out byte for byte.
 *
 * It follows the shape of ECMA-48 and of the DEC parser terminals use: ESC sequences,
 * CSI, and the strings OSC, DCS, SOS, PM and APC, ended by ST (`ESC \` or U+009C), BEL,
 * CAN or SUB. The C1 controls count in both their forms: 7-bit (ESC [) and UTF-8
 * (U+009B); a byte 0x80-0x9F outside a valid UTF-8 character is an 8-bit C1 control to
 * a terminal that is not in UTF-8 mode, and is dropped. C0 controls: see EscapePolicy.
 *
 * Invariant: nothing is ever emitted from inside a sequence, so wherever a sequence is
 * cut (a chunk, the end of the stream, a line break) none of it reaches the output. A
 * sequence never spans a line: LF or CR ends it, so a stray ESC hides at most the rest of
 * its line, never the rest of the output.
 */
export class EscapeFilter {
  private state: State = GROUND
  /** ESC was followed by an intermediate byte (0x20-0x2F): `[` `]` ... are finals then. */
  private escapeIntermediate = false
  /** `colour`: the parameters of a CSI that may still be a colour; undefined when it cannot. */
  private colour: number[] | undefined
  /** Where the characters are: the state machine sees ASCII, C1 controls and text. */
  private readonly utf8 = new Utf8Decoder({
    ascii: byte => {
      this.ascii(byte)
    },
    character: bytes => {
      this.character(bytes)
    },
    invalid: byte => {
      this.invalid(byte)
    }
  })
  private out: Buffer = Buffer.alloc(0)
  private length = 0

  constructor(private readonly policy: EscapePolicy) {}

  /** The bytes of `chunk` that may be shown, in order (a prefix may be held for the next). */
  push(chunk: Buffer): Buffer {
    let i = 0
    if (this.state === GROUND && !this.utf8.midCharacter) {
      // The common case, nothing to change: the chunk itself, not a copy.
      const boundary = characterBoundary(chunk)
      if (
        boundary === chunk.length &&
        specialByteSearch(chunk, 0, boundary, this.policy)(0) === boundary
      )
        return chunk
    }
    this.out = Buffer.allocUnsafe(chunk.length + HELD_ROOM)
    this.length = 0
    // A character begun in the last chunk ends first.
    while (i < chunk.length && this.utf8.midCharacter) this.utf8.byte(chunk[i++] as number)
    // Up to the last character boundary, text is copied span by span: only the bytes that
    // may start something go through the state machine (and every byte inside a sequence).
    const boundary = Math.max(i, characterBoundary(chunk))
    const special = specialByteSearch(chunk, i, boundary, this.policy)
    while (i < boundary) {
      if (this.state === GROUND && !this.utf8.midCharacter) {
        const end = special(i)
        this.length += chunk.copy(this.out, this.length, i, end)
        i = end
        if (i === boundary) break
      }
      this.utf8.byte(chunk[i++] as number)
    }
    while (i < chunk.length) this.utf8.byte(chunk[i++] as number)
    return this.take()
  }

  /**
   * The end of the stream: an unfinished character is passed on as it is (its bytes
   * 0x80-0x9F dropped, as anywhere outside a character); an unfinished sequence is dropped.
   */
  end(): Buffer {
    this.out = Buffer.allocUnsafe(HELD_ROOM)
    this.length = 0
    this.utf8.end()
    this.state = GROUND
    this.colour = undefined
    return this.take()
  }

  private take(): Buffer {
    const out = this.out.subarray(0, this.length)
    this.out = Buffer.alloc(0)
    return out
  }

  /** A whole UTF-8 character of two or more bytes: a C1 control (U+0080-U+009F) or text. */
  private character(bytes: readonly number[]): void {
    const [lead, second] = bytes as [number, number]
    if (lead === 0xc2 && second <= 0x9f) {
      this.c1(second)
      return
    }
    if (!this.leaveSequenceForText()) return
    for (const byte of bytes) this.emit(byte)
  }

  /** A byte that is not part of any character: dropped in 0x80-0x9F (8-bit C1), else kept. */
  private invalid(byte: number): void {
    if (!this.leaveSequenceForText()) return
    if (byte < 0x80 || byte > 0x9f) this.emit(byte)
  }

  /**
   * Text arrived: inside an ESC sequence or a CSI it ends the sequence (which is dropped)
   * and is shown; inside a string it is the string's content, discarded. Returns whether
   * the text is to be shown.
   */
  private leaveSequenceForText(): boolean {
    if (this.state === STRING) return false
    this.state = GROUND
    this.colour = undefined
    return true
  }

  /** A C1 control, U+0080-U+009F: the same as ESC followed by (code - 0x40). */
  private c1(code: number): void {
    if (this.state === STRING && code === ST) {
      this.state = GROUND
      return
    }
    // Anything else ends a sequence in progress and starts its own.
    this.state = ESCAPE
    this.escapeIntermediate = false
    this.colour = undefined
    if (code === C1_CSI || isStringStart(code - 0x40)) this.escape(code - 0x40)
    else this.state = GROUND // a single-character control (NEL, RI, ST ...): dropped
  }

  private ascii(byte: number): void {
    switch (this.state) {
      case GROUND:
        this.ground(byte)
        return
      case ESCAPE:
        this.escape(byte)
        return
      case CSI:
        this.csi(byte)
        return
      case STRING:
        this.string(byte)
        return
      case STRING_ESCAPE:
        if (byte === BACKSLASH) {
          this.state = GROUND
          return
        }
        this.state = ESCAPE
        this.escapeIntermediate = false
        this.escape(byte)
    }
  }

  private ground(byte: number): void {
    if (byte === ESC) this.startEscape()
    else this.control(byte)
  }

  private startEscape(): void {
    this.state = ESCAPE
    this.escapeIntermediate = false
    this.colour = undefined
  }

  /**
   * A byte in ground state, or a C0 control met inside a sequence (terminals execute
   * those). `plain` keeps C0 controls; on a terminal, only TAB, LF and CR pass.
   */
  private control(byte: number): void {
    if (this.policy === 'plain' || (byte >= 0x20 && byte < DEL)) this.emit(byte)
    else if (byte === TAB || byte === LF || byte === CR) this.emit(byte)
  }

  /** Common to every sequence: what ends it early, and the C0 controls inside it. */
  private interrupted(byte: number): boolean {
    if (byte === ESC) {
      this.startEscape()
      return true
    }
    if (byte === CAN || byte === SUB) {
      this.state = GROUND
      this.colour = undefined
      return true
    }
    if (byte === LF || byte === CR) {
      this.state = GROUND
      this.colour = undefined
      this.emit(byte)
      return true
    }
    if (byte < 0x20 || byte === DEL) {
      this.control(byte)
      return true
    }
    return false
  }

  private escape(byte: number): void {
    if (this.interrupted(byte)) return
    if (byte < 0x30) {
      this.escapeIntermediate = true
      return
    }
    if (!this.escapeIntermediate && byte === LEFT_BRACKET) {
      this.state = CSI
      this.colour = this.policy === 'colour' ? [] : undefined
      return
    }
    this.state = !this.escapeIntermediate && isStringStart(byte) ? STRING : GROUND
  }

  private csi(byte: number): void {
    if (this.interrupted(byte)) return
    if (byte < 0x40) {
      // Parameters (0x30-0x3F) and intermediates (0x20-0x2F): a colour has only digits, `;`, `:`.
      if (this.colour && isColourParameter(byte) && this.colour.length < MAX_COLOUR_PARAMETERS)
        this.colour.push(byte)
      else this.colour = undefined
      return
    }
    if (byte === LETTER_M && this.colour) {
      this.emit(ESC)
      this.emit(LEFT_BRACKET)
      for (const parameter of this.colour) this.emit(parameter)
      this.emit(LETTER_M)
    }
    this.state = GROUND
    this.colour = undefined
  }

  private string(byte: number): void {
    if (byte === BEL) this.state = GROUND
    else if (byte === ESC) this.state = STRING_ESCAPE
    else if (byte === CAN || byte === SUB) this.state = GROUND
    else if (byte === LF || byte === CR) {
      this.state = GROUND
      this.emit(byte)
    }
  }

  private emit(byte: number): void {
    this.out[this.length++] = byte
  }
}

/** `]` OSC, `P` DCS, `X` SOS, `^` PM, `_` APC: the finals that open a string. */
function isStringStart(byte: number): boolean {
  return byte === 0x5d || byte === 0x50 || byte === 0x58 || byte === 0x5e || byte === 0x5f
}

function isColourParameter(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || byte === 0x3b || byte === 0x3a
}

/** A whole text of stepgraph's own (a line, the final table), filtered the same way. */
export function filterText(text: string, policy: EscapePolicy): string {
  const filter = new EscapeFilter(policy)
  const bytes = Buffer.from(text, 'utf8')
  return Buffer.concat([filter.push(bytes), filter.end()]).toString('utf8')
}
