/**
 * .NET's `Char.IsWhiteSpace`, which the runner's `TrimStart()`, `Trim()`,
 * `string.IsNullOrWhiteSpace` and `StringSplitOptions.TrimEntries` all use: the Unicode
 * space separators (Zs), the line and paragraph separators, U+0009–U+000D and U+0085.
 *
 * It is not JavaScript's `\s` / `String.prototype.trim`: JavaScript also strips U+FEFF
 * (which .NET keeps) and does not strip U+0085 (which .NET does).
 */
export const DOTNET_WHITESPACE: readonly number[] = [
  0x0009, 0x000a, 0x000b, 0x000c, 0x000d, 0x0020, 0x0085, 0x00a0, 0x1680, 0x2000, 0x2001, 0x2002,
  0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f,
  0x3000
]

const WHITESPACE = new Set(DOTNET_WHITESPACE)

/** `Char.IsWhiteSpace(c)` for one UTF-16 code unit. */
export function isDotNetWhiteSpace(char: string): boolean {
  return char.length === 1 && WHITESPACE.has(char.charCodeAt(0))
}
