import { trimRunnerWhitespace, trimRunnerWhitespaceBothEnds } from './runner-whitespace.js'

/**
 * A step's workflow command lines, read exactly as the runner reads them
 * (actions/runner ActionCommand.cs, ActionCommandManager.cs): stepgraph relays step output
 * with commands stopped, so it must itself find the commands the runner would have acted
 * on in a plain `run:` step (masks, annotations), and only those.
 */
export interface WorkflowCommand {
  /** Lower case: the runner matches names case-insensitively. */
  readonly name: string
  /** Keys in lower case: the runner's property dictionary ignores case. */
  readonly properties: Readonly<Record<string, string>>
  readonly data: string
}

/** The commands the runner has an extension for (its registered set). */
const REGISTERED = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning'
])

/** Whether the runner has a command of this name (it ignores case). */
export function isRegistered(name: string): boolean {
  return REGISTERED.has(foldCase(name))
}

/**
 * Lower case for ASCII letters only. The runner compares names with OrdinalIgnoreCase,
 * under which no other character equals an ASCII letter (JavaScript's toLowerCase would
 * turn the Kelvin sign into `k`).
 */
export function foldCase(text: string): string {
  return text.replace(/[A-Z]+/g, letters => letters.toLowerCase())
}

type Table = readonly (readonly [escaped: string, text: string])[]

/** The runner's unescape tables, applied in order with ordinal, case-sensitive Replace. */
const V2_DATA: Table = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%']
]
const V2_PROPERTY: Table = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%']
]
const LEGACY: Table = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%']
]

function unescape(text: string, table: Table): string {
  let result = text
  for (const [escaped, plain] of table) {
    if (result.includes(escaped)) result = result.split(escaped).join(plain)
  }
  return result
}

/**
 * The command on a line, as the runner's TryProcessCommand finds it: the `::name
 * props::data` form after leading whitespace first, else the legacy `##[name props]data`
 * form at the first `##[` of the line. Undefined when the runner would print the line.
 * `extraName`: a name registered for the moment (a step's stop token, while stopped).
 */
export function parseCommand(line: string, extraName?: string): WorkflowCommand | undefined {
  const known = (name: string): boolean =>
    REGISTERED.has(name) || (extraName !== undefined && name === foldCase(extraName))
  return parseV2(line, known) ?? parseLegacy(line, known)
}

/** ActionCommand.TryParseV2. */
function parseV2(line: string, known: (name: string) => boolean): WorkflowCommand | undefined {
  const text = trimRunnerWhitespace(line)
  if (!text.startsWith('::')) return undefined
  const end = text.indexOf('::', 2)
  if (end < 0) return undefined
  const info = text.slice(2, end)
  const space = info.indexOf(' ')
  const name = foldCase(space < 0 ? info : info.slice(0, space))
  if (!known(name)) return undefined
  const properties =
    space > 0
      ? readProperties(trimRunnerWhitespaceBothEnds(info.slice(space + 1)), ',', V2_PROPERTY)
      : noProperties()
  return { name, properties, data: unescape(text.slice(end + 2), V2_DATA) }
}

/** ActionCommand.TryParse: only the first `##[` of a line counts. */
function parseLegacy(line: string, known: (name: string) => boolean): WorkflowCommand | undefined {
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const close = line.indexOf(']', prefix)
  if (close < 0) return undefined
  const info = line.slice(prefix + 3, close)
  const space = info.indexOf(' ')
  const name = foldCase(space < 0 ? info : info.slice(0, space))
  if (!known(name)) return undefined
  const properties = space > 0 ? readProperties(info.slice(space + 1), ';', LEGACY) : noProperties()
  return { name, properties, data: unescape(line.slice(close + 1), LEGACY) }
}

/**
 * `key=value` pairs split on `separator`, empty entries dropped, each pair as .NET's
 * `Split('=', 2, RemoveEmptyEntries)` splits it: empty entries before the key and between
 * the key and the value are skipped (`=a==b` is `a` = `b`); kept only with both parts.
 */
function readProperties(text: string, separator: string, table: Table): Record<string, string> {
  const properties = noProperties()
  for (const pair of text.split(separator)) {
    const entry = pair.replace(/^=+/, '')
    const equals = entry.indexOf('=')
    if (equals < 0) continue
    const value = entry.slice(equals + 1).replace(/^=+/, '')
    if (value !== '') properties[foldCase(entry.slice(0, equals))] = unescape(value, table)
  }
  return properties
}

/** The keys are the step's: no prototype, so `__proto__` is just a key. */
function noProperties(): Record<string, string> {
  return Object.create(null) as Record<string, string>
}
