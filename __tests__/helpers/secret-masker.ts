/**
 * The runner's secret masking: src/Sdk/DTLogging/Logging/SecretMasker.cs, ValueSecret.cs
 * and ValueEncoders.cs, with the encoders src/Runner.Common/HostContext.cs registers.
 *
 * - Every registered value, and each of its encodings, is masked wherever it occurs
 *   (ordinal, case-sensitive; overlapping occurrences found one character apart).
 * - Overlapping or touching occurrences merge into one `***`.
 * - There is no minimum length: a one-character secret masks every such character.
 * - A value is registered once; an encoder that gives an empty string adds nothing.
 */

export type ValueEncoder = (value: string) => string

/** Lone surrogates become U+FFFD, as .NET's UTF-8 encoder and Uri escaping do. */
function wellFormed(value: string): string {
  return value.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd'
  )
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64')
}

function utf8(value: string): Buffer {
  return Buffer.from(wellFormed(value), 'utf8')
}

/** ValueEncoders.Base64StringEscapeShift: the base64 of the bytes after the first `shift`. */
function base64Shift(value: string, shift: number): string {
  const bytes = utf8(value)
  return base64(bytes.length > shift ? bytes.subarray(shift) : bytes)
}

/** `Uri.EscapeDataString`: all but A-Z a-z 0-9 - . _ ~ as %XX of the UTF-8 bytes. */
function uriEscapeDataString(value: string): string {
  let out = ''
  for (const char of wellFormed(value)) {
    if (/^[A-Za-z0-9\-._~]$/.test(char)) out += char
    else
      for (const byte of Buffer.from(char, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** Newtonsoft `JsonConvert.ToString(value)` without its quotes (StringEscapeHandling.Default). */
function jsonStringEscape(value: string): string {
  const named: Readonly<Record<string, string>> = {
    '\b': '\\b',
    '\t': '\\t',
    '\n': '\\n',
    '\f': '\\f',
    '\r': '\\r',
    '\\': '\\\\',
    '"': '\\"',
    '\u0085': '\\u0085',
    '\u2028': '\\u2028',
    '\u2029': '\\u2029'
  }
  let out = ''
  for (const char of value) {
    const code = char.charCodeAt(0)
    if (named[char] !== undefined) out += named[char]
    // StringUtils.ToCharAsUnicode: lower-case hex digits
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`
    else out += char
  }
  return out
}

/** `SecurityElement.Escape`. */
function xmlDataEscape(value: string): string {
  const entities: Readonly<Record<string, string>> = {
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&apos;',
    '&': '&amp;'
  }
  return value.replace(/[<>"'&]/g, char => entities[char] ?? char)
}

/**
 * ValueEncoders.cs, one function each. `IndexOf("&+")` and `LastIndexOf("&")` there are
 * culture-sensitive string searches in .NET; they are taken as ordinal here, which they
 * are for every string without characters that ICU collation ignores.
 */
export const valueEncoders = {
  base64StringEscape: (value: string): string => base64(utf8(value)),
  base64StringEscapeShift1: (value: string): string => base64Shift(value, 1),
  base64StringEscapeShift2: (value: string): string => base64Shift(value, 2),
  commandLineArgumentEscape: (value: string): string => value.split('"').join('\\"'),
  expressionStringEscape: (value: string): string => value.split("'").join("''"),
  jsonStringEscape,
  uriDataEscape: uriEscapeDataString,
  xmlDataEscape,
  trimDoubleQuotes: (value: string): string =>
    value.length > 8 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : '',
  powerShellPreAmpersandEscape: (value: string): string => {
    if (!value.includes('&')) return ''
    const section = value.includes('&+')
      ? value.slice(0, value.indexOf('&+') + 2)
      : value.slice(0, value.lastIndexOf('&') + 1)
    return section.length >= 6 ? section : ''
  },
  powerShellPostAmpersandEscape: (value: string): string => {
    if (!value.includes('&')) return ''
    let section = ''
    if (value.includes('&+')) {
      // +1 to skip the letter that got colored
      if (value.length > value.indexOf('&+') + 3) section = value.slice(value.indexOf('&+') + 3)
    } else {
      section = value.slice(value.lastIndexOf('&') + 1)
    }
    return section.length >= 6 ? section : ''
  }
} satisfies Record<string, ValueEncoder>

/** The encoders HostContext's constructor adds, in its order. */
export const HOST_CONTEXT_ENCODERS: readonly ValueEncoder[] = [
  valueEncoders.base64StringEscape,
  valueEncoders.base64StringEscapeShift1,
  valueEncoders.base64StringEscapeShift2,
  valueEncoders.commandLineArgumentEscape,
  valueEncoders.expressionStringEscape,
  valueEncoders.jsonStringEscape,
  valueEncoders.uriDataEscape,
  valueEncoders.xmlDataEscape,
  valueEncoders.trimDoubleQuotes,
  valueEncoders.powerShellPreAmpersandEscape,
  valueEncoders.powerShellPostAmpersandEscape
]

export class SecretMasker {
  /** The values given to addValue, in order (m_originalValueSecrets). */
  private readonly originals = new Set<string>()
  /** The values masked: the originals and their encodings (m_valueSecrets). */
  private readonly values = new Set<string>()
  private readonly encoders: ValueEncoder[] = []

  /** SecretMasker.AddValue: empty and already registered values are ignored. */
  addValue(value: string): void {
    if (value === '' || this.originals.has(value)) return
    this.originals.add(value)
    this.values.add(value)
    for (const encoder of this.encoders) {
      const encoded = encoder(value)
      if (encoded !== '') this.values.add(encoded)
    }
  }

  /** SecretMasker.AddValueEncoder: also encodes the values already registered. */
  addValueEncoder(encoder: ValueEncoder): void {
    if (this.encoders.includes(encoder)) return
    this.encoders.push(encoder)
    for (const original of this.originals) {
      const encoded = encoder(original)
      if (encoded !== '') this.values.add(encoded)
    }
  }

  get secrets(): readonly string[] {
    return [...this.originals]
  }

  /** SecretMasker.MaskSecrets. */
  maskSecrets(input: string): string {
    if (input === '') return ''
    const positions: { start: number; end: number }[] = []
    for (const value of this.values) positions.push(...valuePositions(value, input))
    if (positions.length === 0) return input
    positions.sort((a, b) => a.start - b.start)
    const merged: { start: number; end: number }[] = []
    for (const position of positions) {
      const current = merged.at(-1)
      // Overlapping or touching: one replacement
      if (current && position.start <= current.end)
        current.end = Math.max(current.end, position.end)
      else merged.push({ ...position })
    }
    let out = ''
    let index = 0
    for (const { start, end } of merged) {
      out += `${input.slice(index, start)}***`
      index = end
    }
    return out + input.slice(index)
  }
}

/** ValueSecret.GetPositions: every ordinal occurrence, the next search one character on. */
function valuePositions(value: string, input: string): { start: number; end: number }[] {
  const positions: { start: number; end: number }[] = []
  let start = 0
  while (start > -1 && start < input.length && input.length - start >= value.length) {
    start = input.indexOf(value, start)
    if (start > -1) {
      positions.push({ start, end: start + value.length })
      start++
    }
  }
  return positions
}

/** HostContext's masker: a SecretMasker with the runner's value encoders. */
export function createHostSecretMasker(): SecretMasker {
  const masker = new SecretMasker()
  for (const encoder of HOST_CONTEXT_ENCODERS) masker.addValueEncoder(encoder)
  return masker
}
