/**
 * What the Actions runner would make of the action's stdout, by the rules of its
 * ActionCommandManager: `::name props::data` after leading whitespace, the legacy
 * `##[name props]data` anywhere in a line, every command ignored after
 * `::stop-commands::TOKEN` until a command named TOKEN. Plus what the log viewer draws:
 * lines starting with `##[group]` / `##[endgroup]` open and close groups there.
 */

const REGISTERED = new Set([
  'set-output',
  'set-env',
  'add-path',
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'group',
  'endgroup',
  'error',
  'warning',
  'notice',
  'debug',
  'save-state',
  'echo',
  'stop-commands'
])

export interface EmulatedCommand {
  readonly name: string
  readonly properties: Readonly<Record<string, string>>
  readonly data: string
}

export interface RunnerView {
  /** Commands the runner acted on, in order. */
  readonly processed: readonly EmulatedCommand[]
  /** Groups opened minus closed at each point never went below zero, and end at this depth. */
  readonly groupDepth: number
  readonly groupUnderflow: boolean
  /** Groups the log viewer would draw from raw `##[group]` lines. */
  readonly viewerGroups: number
  readonly masks: readonly string[]
  readonly annotations: readonly EmulatedCommand[]
  readonly outputsSetByCommand: readonly string[]
  readonly matchersAdded: number
}

function parse(line: string, registered: ReadonlySet<string>): EmulatedCommand | undefined {
  const trimmed = line.trimStart()
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2)
    if (end >= 0) {
      const info = trimmed.slice(2, end)
      const space = info.indexOf(' ')
      const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
      if (registered.has(name)) {
        return {
          name,
          properties: properties(space < 0 ? '' : info.slice(space + 1), ','),
          data: trimmed.slice(end + 2)
        }
      }
    }
  }
  const legacy = line.indexOf('##[')
  if (legacy >= 0) {
    const close = line.indexOf(']', legacy)
    if (close >= 0) {
      const info = line.slice(legacy + 3, close)
      const space = info.indexOf(' ')
      const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
      if (registered.has(name)) {
        return {
          name,
          properties: properties(space < 0 ? '' : info.slice(space + 1), ';'),
          data: line.slice(close + 1)
        }
      }
    }
  }
  return undefined
}

function properties(text: string, separator: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const pair of text.split(separator)) {
    const equals = pair.indexOf('=')
    if (equals > 0) result[pair.slice(0, equals).trim()] = unescape(pair.slice(equals + 1))
  }
  return result
}

/** The runner's unescaping of command data and properties. */
function unescape(text: string): string {
  return text
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%0D/gi, '\r')
    .replace(/%0A/gi, '\n')
    .replace(/%25/g, '%')
}

export function emulateRunner(stdout: string): RunnerView {
  const registered = new Set(REGISTERED)
  let stopToken: string | undefined
  const processed: EmulatedCommand[] = []
  let depth = 0
  let underflow = false
  let viewerGroups = 0
  for (const raw of stdout.split(/\r\n|\r|\n/)) {
    if (/^\s*##\[group\]/.test(raw)) viewerGroups++
    const command = parse(raw, registered)
    if (!command) continue
    if (stopToken !== undefined) {
      if (command.name === stopToken.toLowerCase()) {
        registered.delete(stopToken.toLowerCase())
        stopToken = undefined
      }
      continue
    }
    if (command.name === 'stop-commands') {
      stopToken = command.data
      registered.add(stopToken.toLowerCase())
      continue
    }
    processed.push(command)
    if (command.name === 'group') depth++
    if (command.name === 'endgroup') {
      depth--
      if (depth < 0) underflow = true
    }
  }
  return {
    processed,
    groupDepth: depth,
    groupUnderflow: underflow,
    viewerGroups,
    masks: processed.filter(c => c.name === 'add-mask').map(c => c.data),
    annotations: processed.filter(c => ['error', 'warning', 'notice'].includes(c.name)),
    outputsSetByCommand: processed
      .filter(c => c.name === 'set-output')
      .map(c => c.properties.name ?? ''),
    matchersAdded: processed.filter(c => c.name === 'add-matcher').length
  }
}
