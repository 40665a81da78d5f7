/**
 * The whitespace the runner trims before it looks for a workflow command: .NET's
 * `Char.IsWhiteSpace`, which `String.TrimStart()` uses (ActionCommand.TryParseV2). It is
 * not JavaScript's `\s`: it has U+0085 (NEL) and lacks U+FEFF (the BOM). A line that
 * starts with any of these before `::` is a command to the runner, so stepgraph must see
 * it as one too (to honour a mask, and to never print one of its own by accident).
 */
export const RUNNER_WHITESPACE =
  '\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000'

// Every one is a single UTF-16 unit, so char codes are code points.
const WHITESPACE = new Set(Array.from(RUNNER_WHITESPACE, char => char.charCodeAt(0)))

/** `text.TrimStart()` as .NET does it. */
export function trimRunnerWhitespace(text: string): string {
  let start = 0
  while (start < text.length && WHITESPACE.has(text.charCodeAt(start))) start++
  return text.slice(start)
}

/** `text.Trim()` as .NET does it. */
export function trimRunnerWhitespaceBothEnds(text: string): string {
  let end = text.length
  while (end > 0 && WHITESPACE.has(text.charCodeAt(end - 1))) end--
  return trimRunnerWhitespace(text.slice(0, end))
}

/** Whether any line of `text` starts, after runner whitespace, with `::`. */
export function hasCommandLineStart(text: string): boolean {
  return COMMAND_LINE_START.test(text)
}

const COMMAND_LINE_START = new RegExp(`(?:^|[\\r\\n])[${RUNNER_WHITESPACE}]*::`, 'u')

/**
 * How many bytes of UTF-8 at `from` are runner whitespace (the line's bytes are never
 * decoded to find out). Multi-byte spaces are matched by their encodings.
 */
export function runnerWhitespaceBytes(line: Uint8Array, from = 0): number {
  let i = from
  for (;;) {
    const byte = line[i]
    if (byte === undefined) break
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) {
      i += 1
    } else if (byte === 0xc2 && (line[i + 1] === 0x85 || line[i + 1] === 0xa0)) {
      i += 2
    } else if (byte >= 0xe1 && byte <= 0xe3 && isThreeByteSpace(line, i)) {
      i += 3
    } else break
  }
  return i - from
}

/** U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F and U+3000 in UTF-8. */
function isThreeByteSpace(line: Uint8Array, i: number): boolean {
  const [a, b, c] = [line[i], line[i + 1], line[i + 2]]
  if (b === undefined || c === undefined) return false
  if (a === 0xe1) return b === 0x9a && c === 0x80
  if (a === 0xe3) return b === 0x80 && c === 0x80
  if (b === 0x80) return (c >= 0x80 && c <= 0x8a) || c === 0xa8 || c === 0xa9 || c === 0xaf
  return b === 0x81 && c === 0x9f
}
