/**
 * Text as the runner reads its command files: `File.ReadAllText(path)` and
 * `File.ReadAllLines(path, Encoding.UTF8)` both go through a .NET `StreamReader` with UTF-8
 * as the default and byte-order-mark detection on (`StreamReader.DetectEncoding`). A file
 * written by PowerShell 5 (`Out-File` is UTF-16 LE with a BOM) or by an editor that adds
 * a UTF-8 BOM therefore reads as its text, not with U+FEFF glued to the first name.
 */

const REPLACEMENT = '\uFFFD'

/**
 * Decodes a file's bytes as `StreamReader` does: the BOMs it checks, in its order
 * (`FE FF` UTF-16 BE; `FF FE 00 00` UTF-32 LE, else `FF FE` UTF-16 LE; `EF BB BF` UTF-8;
 * `00 00 FE FF` UTF-32 BE) are dropped and select the decoding; without one, UTF-8.
 * Invalid sequences become U+FFFD, as with .NET's replacement fallback (both follow
 * Unicode's "maximal subpart" practice for UTF-8). Only the first BOM is dropped: a
 * second one is text, as in .NET.
 */
export function decodeText(bytes: Uint8Array): string {
  const [b0, b1, b2, b3] = bytes
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes.subarray(2), 'be')
  if (b0 === 0xff && b1 === 0xfe) {
    // FF FE 00 00 is UTF-32 LE even when UTF-16 LE text starting with U+0000 was meant.
    if (bytes.length >= 4 && b2 === 0 && b3 === 0) return decodeUtf32(bytes.subarray(4), 'le')
    return decodeUtf16(bytes.subarray(2), 'le')
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return utf8.decode(bytes.subarray(3))
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)
    return decodeUtf32(bytes.subarray(4), 'be')
  return utf8.decode(bytes)
}

/**
 * The lines of a text as `File.ReadAllLines` returns them (`TextReader.ReadLine`): CR, LF
 * and CRLF each end a line, on every OS; a terminator at the very end adds no empty line.
 */
export function readAllLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split(/\r\n|\r|\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

// ignoreBOM: keep a U+FEFF that follows the BOM already dropped (it is text to .NET).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true })

function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be'): string {
  if (order === 'le') return utf16le.decode(bytes)
  // Swapped to little-endian here: Node's 'utf-16be' decoder needs full ICU. An odd last
  // byte stays last and decodes to U+FFFD, as .NET's decoder flushes it.
  const swapped = Uint8Array.from(bytes)
  for (let i = 0; i + 1 < swapped.length; i += 2) {
    swapped[i] = bytes[i + 1] as number
    swapped[i + 1] = bytes[i] as number
  }
  return utf16le.decode(swapped)
}

/** UTF-32 (TextDecoder has none): surrogates and values past U+10FFFF become U+FFFD. */
function decodeUtf32(bytes: Uint8Array, order: 'le' | 'be'): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const parts: string[] = []
  const whole = bytes.length - (bytes.length % 4)
  for (let i = 0; i < whole; i += 4) {
    const code = view.getUint32(i, order === 'le')
    const valid = code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    parts.push(valid ? String.fromCodePoint(code) : REPLACEMENT)
  }
  // A cut-off last unit: one replacement, as the decoder's fallback gives on flush.
  if (whole < bytes.length) parts.push(REPLACEMENT)
  return parts.join('')
}
