/**
 * The runner's file commands (`GITHUB_OUTPUT`, `GITHUB_ENV`), read by the runner's rules:
 * lines split on LF (a CR before it is kept, as on Linux runners), empty lines skipped,
 * `NAME=value` when `=` comes before any `<<`, otherwise `NAME<<DELIMITER` followed by the
 * value's lines up to a line that is exactly the delimiter.
 */
export interface CommandFile {
  /** Assignments in file order; a later one for the same name wins, as in the runner. */
  readonly entries: readonly (readonly [name: string, value: string])[]
  /** Why the rest of the file was not read, when it was malformed (the runner fails the step). */
  readonly error?: string
}

export function parseCommandFile(text: string): CommandFile {
  const entries: [string, string][] = []
  let index = 0
  const readLine = (): string | undefined => {
    if (index >= text.length) return undefined
    const end = text.indexOf('\n', index)
    const line = text.slice(index, end < 0 ? text.length : end)
    index = end < 0 ? text.length : end + 1
    return line
  }
  for (let line = readLine(); line !== undefined; line = readLine()) {
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals)
      if (name === '') return { entries, error: `invalid line '${line}': the name is empty` }
      entries.push([name, line.slice(equals + 1)])
      continue
    }
    if (heredoc < 0)
      return { entries, error: `invalid line '${line}': expected NAME=value or NAME<<DELIMITER` }
    const name = line.slice(0, heredoc)
    const delimiter = line.slice(heredoc + 2)
    if (name === '' || delimiter === '') {
      return {
        entries,
        error: `invalid line '${line}': the name and the delimiter must not be empty`
      }
    }
    const valueLines: string[] = []
    for (;;) {
      const next = readLine()
      if (next === undefined)
        return { entries, error: `no line '${delimiter}' ends the value of ${name}` }
      if (next === delimiter) break
      valueLines.push(next)
    }
    entries.push([name, valueLines.join('\n')])
  }
  return { entries }
}

/** The entries as a map: the last assignment to a name wins. */
export function commandFileValues(file: CommandFile): Map<string, string> {
  return new Map(file.entries)
}
