/**
 * Where a character of a YAML scalar's value is in the source text, so that a problem
 * inside a value (an expression in a script) points at the character, not only at the
 * scalar. Mapped exactly for the forms where each character of the value comes from one
 * place: a plain or quoted scalar on one line, and a literal block (`|`), whose lines are
 * the source's lines without their indentation. Folded forms (`>`, a plain or quoted
 * scalar over several lines) join lines, and are located at their start.
 */

/** The scalar forms of the `yaml` library (`Scalar.Type`). */
export type ScalarForm =
  'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED'

/**
 * The offset in `source` of character `offset` of `value`, a scalar of this form starting
 * at `start`; undefined when the form is not mapped or the source does not match.
 */
export function sourceOffset(
  source: string,
  form: ScalarForm | undefined,
  start: number,
  value: string,
  offset: number
): number | undefined {
  if (offset < 0 || offset > value.length) return undefined
  switch (form) {
    case 'PLAIN':
      return !value.includes('\n') && source.startsWith(value, start) ? start + offset : undefined
    case 'QUOTE_SINGLE':
      return singleQuoted(source, start + 1, value, offset)
    case 'QUOTE_DOUBLE':
      return doubleQuoted(source, start + 1, value, offset)
    case 'BLOCK_LITERAL':
      return literalBlock(source, start, value, offset)
    default:
      return undefined
  }
}

/** `'it''s'`: a quote is written twice; a line break would fold. */
function singleQuoted(
  source: string,
  from: number,
  value: string,
  offset: number
): number | undefined {
  let at = from
  for (let k = 0; k < offset; k++) {
    const char = value[k]
    if (char === '\n' || source[at] !== char) return undefined
    at += char === "'" ? 2 : 1
  }
  return at
}

/** The length of each escape's source and of what it stands for. */
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 }

/** `"a\tb\x41"`: an escape is several source characters for one (or a pair) of the value. */
function doubleQuoted(
  source: string,
  from: number,
  value: string,
  offset: number
): number | undefined {
  let at = from
  let k = 0
  while (k < offset) {
    if (source[at] === '\\') {
      const kind = source[at + 1] ?? ''
      // An escaped line break continues the scalar on the next line: folded.
      if (kind === '\n' || kind === '\r' || kind === '') return undefined
      const digits = HEX_DIGITS[kind] ?? 0
      const code = digits > 0 ? parseInt(source.slice(at + 2, at + 2 + digits), 16) : 0
      const units = code > 0xffff ? 2 : 1
      // A character inside a surrogate pair is located at its escape.
      if (k + units > offset) return at
      k += units
      at += 2 + digits
      continue
    }
    if (source[at] !== value[k] || value[k] === '\n') return undefined
    k++
    at++
  }
  return at
}

/** `|`: line L of the value is the L-th line after the header, less its indentation. */
function literalBlock(
  source: string,
  start: number,
  value: string,
  offset: number
): number | undefined {
  const before = value.slice(0, offset)
  const line = before.split('\n').length - 1
  const column = offset - (before.lastIndexOf('\n') + 1)
  let at = source.indexOf('\n', start) + 1
  for (let i = 0; i < line && at > 0; i++) at = source.indexOf('\n', at) + 1
  if (at <= 0) return undefined
  const end = source.indexOf('\n', at)
  const sourceLine = source.slice(at, end < 0 ? source.length : end).replace(/\r$/, '')
  const valueLine = value.split('\n')[line] ?? ''
  if (!sourceLine.endsWith(valueLine)) return undefined
  return at + sourceLine.length - valueLine.length + column
}
