/**
 * The runner's key-value file commands (`GITHUB_OUTPUT`, `GITHUB_ENV`), read exactly as
 * its `EnvFileKeyValuePairs` enumerator reads them (FileCommandManager.cs), including its
 * error messages; `GITHUB_ENV`'s block list is `SetEnvFileCommand`'s.
 */
export interface CommandFile {
  /** Assignments in file order; a later one for the same name wins, as in the runner. */
  readonly entries: readonly (readonly [name: string, value: string])[]
  /**
   * Why the rest of the file was not read, when it was malformed (the runner's exception
   * message; it fails the step, and the pairs before it have already been applied).
   */
  readonly error?: string
}

/**
 * Reads `NAME=value` lines (when `=` comes before any `<<`) and `NAME<<DELIMITER` heredocs,
 * skipping empty lines. A heredoc's value is the original text between its first line and
 * the delimiter line, without the line break before the delimiter, so line breaks inside
 * the value are kept exactly as written. `platform` decides what ends a line (see
 * `LineReader`); it is a parameter so the Windows rules can be tested anywhere.
 */
export function parseCommandFile(
  text: string,
  platform: NodeJS.Platform = process.platform
): CommandFile {
  const entries: [string, string][] = []
  const reader = new LineReader(text, platform === 'win32')
  for (let line = reader.next(); line !== undefined; line = reader.next()) {
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals)
      // Deliberate difference: the runner means to refuse an empty name here with this
      // message, but its check tests the whole line (`string.IsNullOrEmpty(line)`, never
      // true there), so it accepts `=value` as a variable or output named ''. Such a line
      // is always a script's bug (`echo "$UNSET=x"`), and an environment variable with
      // an empty name cannot be passed on cleanly, so stepgraph refuses it as intended.
      if (name === '') return { entries, error: `Invalid format '${line}'. Name must not be empty` }
      entries.push([name, line.slice(equals + 1)])
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      if (name === '' || delimiter === '') {
        const error = `Invalid format '${line}'. Name must not be empty and delimiter must not be empty`
        return { entries, error }
      }
      const value = readHeredoc(reader, delimiter)
      if (value.error !== undefined) return { entries, error: value.error }
      entries.push([name, value.text])
    } else {
      return { entries, error: `Invalid format '${line}'` }
    }
  }
  return { entries }
}

/** The entries as a map: the last assignment to a name wins. */
export function commandFileValues(file: CommandFile): Map<string, string> {
  return new Map(file.entries)
}

/** A `GITHUB_ENV` assignment the runner does not apply, with the runner's message. */
export interface RefusedEnv {
  /** The name as written, in its own letter case. */
  readonly name: string
  readonly message: string
}

/**
 * `SetEnvFileCommand._setEnvBlockList`: names a step may not set through `GITHUB_ENV`,
 * compared with `StringComparison.OrdinalIgnoreCase`. NODE_OPTIONS would let a step
 * inject code (`--require`) into every later JavaScript action.
 */
const SET_ENV_BLOCK_LIST = ['NODE_OPTIONS']

/**
 * Splits `GITHUB_ENV` entries as `SetEnvFileCommand.ProcessCommand` does: a blocked name
 * is skipped and reported (the runner adds an error issue but does not fail the step);
 * every other entry is applied.
 */
export function refuseBlockedEnv(entries: CommandFile['entries']): {
  readonly accepted: CommandFile['entries']
  readonly refused: readonly RefusedEnv[]
} {
  const accepted: (readonly [string, string])[] = []
  const refused: RefusedEnv[] = []
  for (const entry of entries) {
    const blocked = SET_ENV_BLOCK_LIST.find(name => equalsOrdinalIgnoreCase(name, entry[0]))
    if (blocked === undefined) accepted.push(entry)
    else {
      // The runner names the block-list entry, not the name as written.
      const message = `Can't store ${blocked} output parameter using '$GITHUB_ENV' command.`
      refused.push({ name: entry[0], message })
    }
  }
  return { accepted, refused }
}

/**
 * .NET's OrdinalIgnoreCase against an upper-case ASCII name: only ASCII letters fold to
 * ASCII letters. .NET's ordinal casing table keeps U+0131 `ı` and U+017F `ſ` apart from
 * `I` and `S` (dotnet/runtime, GlobalizationNative_InitOrdinalCasingPage), where
 * JavaScript's toUpperCase would fold them.
 */
function equalsOrdinalIgnoreCase(ascii: string, name: string): boolean {
  return name.length === ascii.length && name.replace(/[a-z]+/g, upper) === ascii
}

function upper(letters: string): string {
  return letters.toUpperCase()
}

/** The heredoc's value: the text from after its `NAME<<DELIMITER` line to the delimiter. */
function readHeredoc(
  reader: LineReader,
  delimiter: string
): { readonly text: string; readonly error?: undefined } | { readonly error: string } {
  const start = reader.index
  let end = start
  let line = reader.next()
  while (line !== delimiter) {
    if (line === undefined)
      return { error: `Invalid value. Matching delimiter not found '${delimiter}'` }
    // The last line of the file, not the delimiter: the runner's wording for it.
    if (reader.newline === undefined)
      return { error: 'Invalid value. EOF marker missing new line.' }
    end = reader.index - reader.newline.length
    line = reader.next()
  }
  return { text: end > start ? reader.text.slice(start, end) : '' }
}

/**
 * `EnvFileKeyValuePairs.ReadLine`: on Linux and macOS only LF ends a line (a CR before it
 * stays in the line, and so in a `NAME=value` value); on Windows (`#if OS_WINDOWS`) CRLF
 * or LF does. A last line without a line break is a line, with no `newline`.
 */
class LineReader {
  /** Where the next line starts. */
  index = 0
  /** The line break that ended the last line read, if any. */
  newline: '\n' | '\r\n' | undefined

  constructor(
    readonly text: string,
    private readonly windows: boolean
  ) {}

  next(): string | undefined {
    const { text } = this
    const start = this.index
    if (start >= text.length) {
      this.newline = undefined
      return undefined
    }
    const lf = text.indexOf('\n', start)
    if (lf < 0) {
      this.index = text.length
      this.newline = undefined
      return text.slice(start)
    }
    // The runner looks for the first CRLF before the first LF: only a CR right before it.
    if (this.windows && lf > start && text[lf - 1] === '\r') {
      this.index = lf + 1
      this.newline = '\r\n'
      return text.slice(start, lf - 1)
    }
    this.index = lf + 1
    this.newline = '\n'
    return text.slice(start, lf)
  }
}
