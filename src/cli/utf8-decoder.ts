/** What the decoder makes of each byte: exactly one of these, in order. */
export interface Utf8Events {
  ascii(byte: number): void
  /** A whole character of two to four bytes. */
  character(bytes: readonly number[]): void
  /** A byte that belongs to no valid character (maximal subparts, as WHATWG decodes). */
  invalid(byte: number): void
}

/**
 * A streaming UTF-8 decoder that never makes a string: it only tells, byte by byte, where
 * characters are, so a character cut across chunks is whole once its last byte comes, and
 * no byte is ever replaced. The ranges are those of the Unicode standard's table 3-7
 * (no overlong forms, no surrogates, nothing above U+10FFFF).
 */
export class Utf8Decoder {
  /** The bytes of a character begun but not complete (at most 3). */
  private readonly partial: number[] = []
  /** Continuation bytes still needed by `partial`, and the range the next one must be in. */
  private needed = 0
  private lower = 0x80
  private upper = 0xbf

  constructor(private readonly events: Utf8Events) {}

  /** Whether a character has begun and not ended. */
  get midCharacter(): boolean {
    return this.needed > 0
  }

  byte(byte: number): void {
    if (this.needed > 0) {
      if (byte >= this.lower && byte <= this.upper) {
        this.partial.push(byte)
        this.lower = 0x80
        this.upper = 0xbf
        if (--this.needed === 0) this.events.character(this.partial.splice(0))
        return
      }
      this.end()
    }
    if (byte < 0x80) this.events.ascii(byte)
    else if (byte >= 0xc2 && byte <= 0xdf) this.begin(byte, 1, 0x80, 0xbf)
    else if (byte === 0xe0) this.begin(byte, 2, 0xa0, 0xbf)
    else if (byte === 0xed) this.begin(byte, 2, 0x80, 0x9f)
    else if (byte >= 0xe1 && byte <= 0xef) this.begin(byte, 2, 0x80, 0xbf)
    else if (byte === 0xf0) this.begin(byte, 3, 0x90, 0xbf)
    else if (byte >= 0xf1 && byte <= 0xf3) this.begin(byte, 3, 0x80, 0xbf)
    else if (byte === 0xf4) this.begin(byte, 3, 0x80, 0x8f)
    else this.events.invalid(byte)
  }

  /** No more bytes for the character begun (the stream ended, or a byte broke it): invalid. */
  end(): void {
    this.needed = 0
    this.lower = 0x80
    this.upper = 0xbf
    for (const byte of this.partial.splice(0)) this.events.invalid(byte)
  }

  private begin(lead: number, needed: number, lower: number, upper: number): void {
    this.partial.push(lead)
    this.needed = needed
    this.lower = lower
    this.upper = upper
  }
}
