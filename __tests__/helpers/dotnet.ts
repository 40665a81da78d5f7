/**
 * The few .NET string behaviours the runner's command handling depends on, as .NET 8 (the
 * runner's target framework) has them. Strings are UTF-16 in both worlds, so indexes and
 * lengths carry over as they are.
 */
import { isDotNetWhiteSpace } from './dotnet-whitespace.js'

/** `int.MaxValue`: the count `string.Split` uses when none is given. */
const INT_MAX = 2_147_483_647

/** `string.TrimStart()`. */
export function trimStart(text: string): string {
  let start = 0
  while (start < text.length && isDotNetWhiteSpace(text.charAt(start))) start++
  return text.slice(start)
}

/** `string.Trim()`. */
export function trim(text: string): string {
  let end = text.length
  while (end > 0 && isDotNetWhiteSpace(text.charAt(end - 1))) end--
  return trimStart(text.slice(0, end))
}

/** `string.IsNullOrWhiteSpace(text)`. */
export function isNullOrWhiteSpace(text: string | undefined): boolean {
  return text === undefined || trim(text) === ''
}

/** `string.Replace(string, string)`: ordinal, case-sensitive, every occurrence, left to right. */
export function replaceOrdinal(text: string, oldValue: string, newValue: string): string {
  return text.split(oldValue).join(newValue)
}

export interface SplitOptions {
  readonly count?: number
  readonly removeEmptyEntries?: boolean
  readonly trimEntries?: boolean
}

/**
 * `string.Split(char[] separator, int count, StringSplitOptions options)`, after .NET 8's
 * String.SplitMerge.cs (SplitInternal, SplitWithPostProcessing,
 * SplitWithoutPostProcessing). What the runner relies on, and this follows:
 * - with RemoveEmptyEntries and a count, empty entries do not use up the count: once
 *   count - 1 entries are taken, the empty entries that follow are skipped and the rest of
 *   the string, from the first non-empty entry, is the last one. So (.NET Core 3.0 and
 *   later, unlike .NET Framework) `"a==b".Split('=', 2, RemoveEmptyEntries)` is
 *   `["a", "b"]`, `"=a=b"` gives `["a", "b"]`, `"a=b=c"` gives `["a", "b=c"]`, and `"a="`,
 *   `"a=="`, `"=a"` give `["a"]` alone;
 * - the last entry is taken as it is (separators and all), trimmed only with TrimEntries;
 * - a count of 0 gives no entry, a count of 1 or a string without separators gives the
 *   whole string (trimmed, and dropped if empty, per the options).
 */
export function split(text: string, separators: string, options: SplitOptions = {}): string[] {
  const count = options.count ?? INT_MAX
  if (count <= 1 || text.length === 0) return soleValue(text, count, options)
  const separatorIndexes: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (separators.includes(text.charAt(i))) separatorIndexes.push(i)
  }
  if (separatorIndexes.length === 0) return soleValue(text, 1, options)
  return options.removeEmptyEntries === true || options.trimEntries === true
    ? splitWithPostProcessing(text, separatorIndexes, count, options)
    : splitWithoutPostProcessing(text, separatorIndexes, count)
}

/** The `ShortCircuit:` branch of SplitInternal. */
function soleValue(text: string, count: number, options: SplitOptions): string[] {
  let candidate = text
  if (options.trimEntries === true && count > 0) candidate = trim(candidate)
  if (options.removeEmptyEntries === true && candidate.length === 0) return []
  return count === 0 ? [] : [candidate]
}

function splitWithPostProcessing(
  text: string,
  separatorIndexes: readonly number[],
  count: number,
  options: SplitOptions
): string[] {
  const entry = (from: number, to?: number): string => {
    const raw = text.slice(from, to)
    return options.trimEntries === true ? trim(raw) : raw
  }
  const keep = (value: string): boolean => value !== '' || options.removeEmptyEntries !== true
  const result: string[] = []
  let current = 0
  for (let i = 0; i < separatorIndexes.length; i++) {
    const at = separatorIndexes[i] as number
    const value = entry(current, at)
    if (keep(value)) result.push(value)
    current = at + 1
    if (result.length === count - 1) {
      // Skip the empty entries before the last one.
      if (options.removeEmptyEntries === true) {
        while (++i < separatorIndexes.length) {
          const next = separatorIndexes[i] as number
          if (entry(current, next) !== '') break
          current = next + 1
        }
      }
      break
    }
  }
  const last = entry(current)
  if (keep(last)) result.push(last)
  return result
}

function splitWithoutPostProcessing(
  text: string,
  separatorIndexes: readonly number[],
  count: number
): string[] {
  const replaces = Math.min(separatorIndexes.length, count - 1)
  const result: string[] = []
  let current = 0
  for (let i = 0; i < replaces && current < text.length; i++) {
    const at = separatorIndexes[i] as number
    result.push(text.slice(current, at))
    current = at + 1
  }
  if (current < text.length) result.push(text.slice(current))
  else if (result.length === replaces) result.push('')
  return result
}

/**
 * The upper-casing behind `StringComparer.OrdinalIgnoreCase` (.NET 8 OrdinalCasing): each
 * UTF-16 unit (or surrogate pair) by its simple upper-case mapping, except that U+0131
 * (dotless i) and U+017F (long s) are left alone, so no non-ASCII character ever equals an
 * ASCII one. JavaScript only has full case mappings: the few characters whose full
 * upper case is longer than one character (ß, ŉ, the Greek with ypogegrammeni…) are
 * left as they are here, where .NET would use their simple mapping if they have one.
 */
export function ordinalUpper(text: string): string {
  let out = ''
  for (const char of text) {
    if (char === '\u0131' || char === '\u017f') {
      out += char
      continue
    }
    const upper = char.toUpperCase()
    out += upper.length === char.length ? upper : char
  }
  return out
}

/** `string.Equals(a, b, StringComparison.OrdinalIgnoreCase)`. */
export function equalsOrdinalIgnoreCase(a: string, b: string): boolean {
  return a.length === b.length && ordinalUpper(a) === ordinalUpper(b)
}

/** `ToUpperInvariant()`: simple upper-case mappings, U+0131 kept as it is (pal_casing.c). */
export function toUpperInvariant(text: string): string {
  let out = ''
  for (const char of text) {
    const upper = char === '\u0131' ? char : char.toUpperCase()
    out += upper.length === char.length ? upper : char
  }
  return out
}

/** `HashSet<string>(StringComparer.OrdinalIgnoreCase)`. */
export class OrdinalIgnoreCaseSet {
  private readonly items = new Map<string, string>()

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value)
  }

  add(value: string): void {
    const key = ordinalUpper(value)
    if (!this.items.has(key)) this.items.set(key, value)
  }

  has(value: string): boolean {
    return this.items.has(ordinalUpper(value))
  }

  delete(value: string): void {
    this.items.delete(ordinalUpper(value))
  }
}

/**
 * `Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)`. Setting a key that is
 * already there under another casing changes the value and keeps the first casing.
 */
export class OrdinalIgnoreCaseDictionary {
  private readonly items = new Map<string, { key: string; value: string }>()

  set(key: string, value: string): void {
    const folded = ordinalUpper(key)
    const existing = this.items.get(folded)
    this.items.set(folded, { key: existing?.key ?? key, value })
  }

  get(key: string): string | undefined {
    return this.items.get(ordinalUpper(key))?.value
  }

  has(key: string): boolean {
    return this.items.has(ordinalUpper(key))
  }

  delete(key: string): void {
    this.items.delete(ordinalUpper(key))
  }

  entries(): [string, string][] {
    return [...this.items.values()].map(({ key, value }) => [key, value])
  }

  /**
   * A read-only record view: its own keys are the stored keys, and reading any casing of
   * a key finds it, as the dictionary does (`properties.title` finds `Title`).
   */
  asRecord(): Readonly<Record<string, string>> {
    const target = Object.create(null) as Record<string, string>
    for (const [key, value] of this.entries()) target[key] = value
    return new Proxy(target, {
      get: (_, key) => (typeof key === 'string' ? this.get(key) : undefined),
      has: (_, key) => typeof key === 'string' && this.has(key),
      set: () => false,
      deleteProperty: () => false
    })
  }
}

/**
 * `int.TryParse(string, out int)`: NumberStyles.Integer under the invariant culture
 * (the runner's): white space (U+0009–U+000D, U+0020) around, one `+` or `-`, ASCII digits,
 * trailing NULs ignored, within Int32.
 */
export function intTryParse(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  // eslint-disable-next-line no-control-regex -- Number.Parsing accepts trailing NULs
  const match = /^[\t\n\v\f\r ]*([+-]?)([0-9]+)[\t\n\v\f\r ]*\u0000*$/.exec(text)
  if (!match) return undefined
  const value = Number(`${match[1] ?? ''}${match[2] ?? ''}`)
  return value >= -2_147_483_648 && value <= INT_MAX ? value + 0 : undefined
}
