import { isUtf8 } from 'node:buffer'
import type { EscapePolicy } from './escape-filter.js'

/**
 * Where, in a chunk of step output, the bytes are that the escape filter's state machine
 * must see: everything else is text, copied span by span.
 */

const TAB = 0x09
const LF = 0x0a
const CR = 0x0d
const ESC = 0x1b
const DEL = 0x7f
/** The lead byte UTF-8 gives U+0080-U+00BF, the C1 controls among them. */
const C1_LEAD = 0xc2

/** C0 controls but TAB, LF and CR (ESC among them), and DEL. */
function controlBytes(): number[] {
  const bytes = [DEL]
  for (let byte = 0; byte < 0x20; byte++)
    if (byte !== TAB && byte !== LF && byte !== CR) bytes.push(byte)
  return bytes
}

/** A 256-entry table: 1 for the bytes given and for every byte from `from` up. */
function byteTable(bytes: readonly number[], from = 0x100): Uint8Array {
  const table = new Uint8Array(256)
  for (const byte of bytes) table[byte] = 1
  table.fill(1, from)
  return table
}

/** On a terminal, C0 controls count; in bytes that are not valid UTF-8, every byte from 0x80. */
const IN_TERMINAL = {
  utf8: byteTable([...controlBytes(), C1_LEAD]),
  bytes: byteTable(controlBytes(), 0x80)
}
const SPECIAL: Readonly<Record<EscapePolicy, typeof IN_TERMINAL>> = {
  plain: { utf8: byteTable([ESC, C1_LEAD]), bytes: byteTable([ESC], 0x80) },
  terminal: IN_TERMINAL,
  colour: IN_TERMINAL
}

/**
 * A search for the next byte at or after a position in [from, to) that needs the state
 * machine (`to` when none). In valid UTF-8 under `plain`, only ESC and the lead of a C1
 * control (C2 80-C2 9F) do, both found by the native `indexOf`: a large log costs two
 * memchr. Otherwise bytes are looked up in a table.
 */
export function specialByteSearch(
  chunk: Buffer,
  from: number,
  to: number,
  policy: EscapePolicy
): (at: number) => number {
  const valid = isUtf8(chunk.subarray(from, to))
  if (valid && policy === 'plain') {
    let escape = -1
    let c1Lead = -1
    return at => {
      if (escape < at) escape = indexOrEnd(chunk.indexOf(ESC, at), to)
      if (c1Lead < at) c1Lead = indexOrEnd(chunk.indexOf(C1_LEAD, at), to)
      return Math.min(escape, c1Lead, to)
    }
  }
  const table = SPECIAL[policy][valid ? 'utf8' : 'bytes']
  return at => {
    let i = at
    while (i < to && table[chunk[i] as number] === 0) i++
    return i
  }
}

function indexOrEnd(index: number, end: number): number {
  return index < 0 ? end : index
}

/**
 * Where the last character of `chunk` starts if it is incomplete (a lead byte without all
 * its continuation bytes), else the chunk's length.
 */
export function characterBoundary(chunk: Buffer): number {
  for (let back = 1; back <= 3 && back <= chunk.length; back++) {
    const byte = chunk[chunk.length - back] as number
    if (byte < 0x80) return chunk.length
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      return length > back ? chunk.length - back : chunk.length
    }
  }
  return chunk.length
}
