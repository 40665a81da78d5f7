/**
 * The runner's workflow commands, `::name key=value,...::data`, in both directions:
 * formatting stepgraph's own and reading a child's, with the runner's escapes.
 */

export interface WorkflowCommand {
  readonly name: string
  readonly properties: Readonly<Record<string, string>>
  readonly data: string
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function unescapeData(text: string): string {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

function unescapeProperty(text: string): string {
  return unescapeData(text.replace(/%3A/gi, ':').replace(/%2C/gi, ','))
}

/** One command line, without its line break. Empty property values are left out. */
export function formatCommand(
  name: string,
  properties: Readonly<Record<string, string | number | undefined>>,
  data: string
): string {
  const props = Object.entries(properties)
    .filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== ''
    )
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',')
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(data)}`
}

/**
 * A child's command line, as the runner's TryParseV2 reads it: `::` after leading
 * whitespace, the name up to a space, properties split on `,` and `=`. Undefined when the
 * line is not a command.
 */
export function parseCommand(line: string): WorkflowCommand | undefined {
  const text = line.trimStart()
  if (!text.startsWith('::')) return undefined
  const end = text.indexOf('::', 2)
  if (end < 0) return undefined
  const info = text.slice(2, end)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (name === '') return undefined
  // The keys are the child's: no prototype, so `__proto__` is just a key.
  const properties = Object.create(null) as Record<string, string>
  if (space >= 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')) {
      const equals = pair.indexOf('=')
      if (equals > 0) properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1))
    }
  }
  return { name: name.toLowerCase(), properties, data: unescapeData(text.slice(end + 2)) }
}
