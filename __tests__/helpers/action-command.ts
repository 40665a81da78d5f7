/**
 * src/Runner.Common/ActionCommand.cs: reading one line as a command, in the `::name
 * k=v,...::data` form (TryParseV2) or the legacy `##[name k=v;...]data` one (TryParse).
 *
 * Not modelled: `StartsWith("::")`, `IndexOf("::")` and `IndexOf("##[")` there are
 * culture-sensitive searches (ICU on Linux), which skip characters collation ignores
 * (U+200B, U+00AD, NUL…) and do not match inside a combining sequence (`::` right
 * before U+0301). They are ordinal here, which they are for every line without such
 * characters next to the markers.
 */
import {
  OrdinalIgnoreCaseDictionary,
  replaceOrdinal,
  split,
  trim,
  trimStart,
  type OrdinalIgnoreCaseSet
} from './dotnet.js'

export interface ActionCommand {
  /** The name as written (it matched a registered command, ignoring case). */
  readonly command: string
  readonly properties: OrdinalIgnoreCaseDictionary
  readonly data: string
}

type EscapeMappings = readonly (readonly [token: string, replacement: string])[]

/** `_escapeMappings`: the legacy form's, for properties and data. */
export const ESCAPE_MAPPINGS: EscapeMappings = [
  [';', '%3B'],
  ['\r', '%0D'],
  ['\n', '%0A'],
  [']', '%5D'],
  ['%', '%25']
]

/** `_escapeDataMappings`: the data of a `::` command. */
export const ESCAPE_DATA_MAPPINGS: EscapeMappings = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  ['%', '%25']
]

/** `_escapePropertyMappings`: property values of a `::` command. */
export const ESCAPE_PROPERTY_MAPPINGS: EscapeMappings = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  [':', '%3A'],
  [',', '%2C'],
  ['%', '%25']
]

/**
 * Unescape / UnescapeData / UnescapeProperty: each replacement in table order, with
 * `String.Replace` (ordinal and case-sensitive: `%0a` stays as it is).
 */
export function unescape(text: string, mappings: EscapeMappings): string {
  let out = text
  for (const [token, replacement] of mappings) out = replaceOrdinal(out, replacement, token)
  return out
}

const COMMAND_KEY = '::'
const PREFIX = '##['

/** ActionCommand.TryParseV2. */
export function tryParseV2(
  line: string,
  registered: OrdinalIgnoreCaseSet
): ActionCommand | undefined {
  if (line === '') return undefined
  const message = trimStart(line)
  if (!message.startsWith(COMMAND_KEY)) return undefined
  const endIndex = message.indexOf(COMMAND_KEY, COMMAND_KEY.length)
  if (endIndex < 0) return undefined
  const info = message.slice(COMMAND_KEY.length, endIndex)
  return command(info, registered, ',', ESCAPE_PROPERTY_MAPPINGS, trim, () =>
    unescape(message.slice(endIndex + COMMAND_KEY.length), ESCAPE_DATA_MAPPINGS)
  )
}

/** ActionCommand.TryParse: the first `##[` anywhere in the line, up to the next `]`. */
export function tryParse(
  line: string,
  registered: OrdinalIgnoreCaseSet
): ActionCommand | undefined {
  if (line === '') return undefined
  const prefixIndex = line.indexOf(PREFIX)
  if (prefixIndex < 0) return undefined
  const rbIndex = line.indexOf(']', prefixIndex)
  if (rbIndex < 0) return undefined
  const info = line.slice(prefixIndex + PREFIX.length, rbIndex)
  return command(
    info,
    registered,
    ';',
    ESCAPE_MAPPINGS,
    text => text,
    () => unescape(line.slice(rbIndex + 1), ESCAPE_MAPPINGS)
  )
}

/**
 * The part both parsers share: the name up to the first space must be registered; the
 * properties after it are split on the separator (empty entries dropped), each pair on
 * its first `=` with `Split('=', 2, RemoveEmptyEntries)`, and kept when that gives two
 * parts; a later key replaces the value of an earlier one in any casing.
 */
function command(
  info: string,
  registered: OrdinalIgnoreCaseSet,
  separator: string,
  propertyMappings: EscapeMappings,
  trimProperties: (text: string) => string,
  data: () => string
): ActionCommand | undefined {
  const spaceIndex = info.indexOf(' ')
  const name = spaceIndex < 0 ? info : info.slice(0, spaceIndex)
  // `new ActionCommand("")` throws (ArgUtil.NotNullOrEmpty), and the parser returns false.
  if (!registered.has(name) || name === '') return undefined
  const properties = new OrdinalIgnoreCaseDictionary()
  if (spaceIndex > 0) {
    const text = trimProperties(info.slice(spaceIndex + 1))
    for (const property of split(text, separator, { removeEmptyEntries: true })) {
      const pair = split(property, '=', { count: 2, removeEmptyEntries: true })
      if (pair.length === 2)
        properties.set(pair[0] as string, unescape(pair[1] as string, propertyMappings))
    }
  }
  return { command: name, properties, data: data() }
}
