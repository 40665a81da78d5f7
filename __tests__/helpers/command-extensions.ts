/**
 * The command extensions of src/Runner.Worker/ActionCommandManager.cs, the ones
 * ExtensionManager registers (internal-set-repo-path is only for plugins). Each throws a
 * RunnerException where the runner's throws.
 *
 * Not modelled: loading and applying problem matchers (add-matcher's file is not read),
 * the set-output debug line (it names the step's context), rewriting an annotation's
 * `file` relative to the workspace.
 */
import type { ActionCommand } from './action-command.js'
import {
  equalsOrdinalIgnoreCase,
  intTryParse,
  isNullOrWhiteSpace,
  split,
  toUpperInvariant,
  trim
} from './dotnet.js'
import { notNullOrEmpty, RunnerException, type ExecutionContext } from './execution-context.js'
import type { SecretMasker } from './secret-masker.js'

export interface CommandSettings {
  /** ACTIONS_ALLOW_UNSECURE_COMMANDS: set-env and add-path work. */
  readonly allowUnsecureCommands: boolean
  /** The server's DistributedTask.EnhancedAnnotations (github.com: on). */
  readonly enhancedAnnotations: boolean
  /** The server's DistributedTask.DeprecateStepOutputCommands (github.com: on). */
  readonly deprecateStepOutputCommands: boolean
}

/** What the commands changed, besides the log and the issues. */
export interface CommandEffects {
  readonly outputs: string[]
  readonly state: Map<string, string>
  readonly env: Map<string, string>
  readonly path: string[]
  /** add-mask values given to the masker: the whole value, then each line. */
  readonly masks: string[]
  matchersAdded: number
}

export interface CommandScope {
  readonly context: ExecutionContext
  readonly masker: SecretMasker
  readonly settings: CommandSettings
  readonly effects: CommandEffects
}

export interface CommandExtension {
  readonly command: string
  readonly omitEcho: boolean
  process(scope: CommandScope, line: string, command: ActionCommand): void
}

/** Constants.Runner.UnsupportedCommandMessage */
const deprecated = (name: string): string =>
  `The \`${name}\` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/`

/** Constants.Runner.UnsupportedCommandMessageDisabled */
const disabled = (name: string): string =>
  `The \`${name}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`

function requiredName(command: ActionCommand, name: string): string {
  const value = command.properties.get('name') ?? ''
  if (value === '')
    throw new RunnerException(`Required field 'name' is missing in ##[${name}] command.`)
  return value
}

const setEnv: CommandExtension = {
  command: 'set-env',
  omitEcho: false,
  process({ context, settings, effects }, _, command) {
    if (!settings.allowUnsecureCommands) throw new RunnerException(disabled('set-env'))
    const name = requiredName(command, 'set-env')
    if (equalsOrdinalIgnoreCase(name, 'NODE_OPTIONS')) {
      context.addIssue(
        'error',
        "Can't update NODE_OPTIONS environment variable using ::set-env:: command."
      )
      return
    }
    effects.env.set(name, command.data)
    context.debug(`${name}='${command.data}'`)
  }
}

const setOutput: CommandExtension = {
  command: 'set-output',
  omitEcho: false,
  process({ context, settings, effects }, _, command) {
    if (settings.deprecateStepOutputCommands) context.addIssue('warning', deprecated('set-output'))
    effects.outputs.push(requiredName(command, 'set-output'))
  }
}

const saveState: CommandExtension = {
  command: 'save-state',
  omitEcho: false,
  process({ context, settings, effects }, _, command) {
    if (settings.deprecateStepOutputCommands) context.addIssue('warning', deprecated('save-state'))
    const name = requiredName(command, 'save-state')
    effects.state.set(name, command.data)
    context.debug(`Save intra-action state ${name} = ${command.data}`)
  }
}

const addPath: CommandExtension = {
  command: 'add-path',
  omitEcho: false,
  process({ settings, effects }, _, command) {
    if (!settings.allowUnsecureCommands) throw new RunnerException(disabled('add-path'))
    notNullOrEmpty(command.data, 'path')
    effects.path.push(command.data)
  }
}

/** AddMaskCommandExtension: the whole value, then each of its lines, trimmed. */
const addMask: CommandExtension = {
  command: 'add-mask',
  omitEcho: true,
  process({ context, masker, effects }, _, command) {
    if (isNullOrWhiteSpace(command.data)) {
      context.warning("Can't add secret mask for empty string in ##[add-mask] command.")
      return
    }
    if (context.echoOnActionCommand) context.output('::add-mask::***')
    const lines = split(command.data, '\r\n', { removeEmptyEntries: true, trimEntries: true })
    for (const value of [command.data, ...lines]) {
      if (!effects.masks.includes(value)) effects.masks.push(value)
      masker.addValue(value)
    }
  }
}

const addMatcher: CommandExtension = {
  command: 'add-matcher',
  omitEcho: false,
  process({ context, effects }, _, command) {
    if (command.data === '') {
      context.warning('File path must be specified.')
      return
    }
    effects.matchersAdded++
  }
}

const removeMatcher: CommandExtension = {
  command: 'remove-matcher',
  omitEcho: false,
  process({ context }, _, command) {
    const owner = command.properties.get('owner') ?? ''
    if (owner !== '' && command.data !== '') {
      context.warning(
        'Either specify an owner name or a file path in ##[remove-matcher] command. Both values cannot be set.'
      )
    } else if (owner === '' && command.data === '') {
      context.warning(
        'Either an owner name or a file path must be specified in ##[remove-matcher] command.'
      )
    }
  }
}

const debug: CommandExtension = {
  command: 'debug',
  omitEcho: true,
  process({ context }, _, command) {
    context.debug(command.data)
  }
}

function parseInt32(text: string | undefined): [parsed: boolean, value: number] {
  const value = intTryParse(text)
  return [value !== undefined, value ?? 0]
}

/** IssueCommandExtension.ValidateLinesAndColumns: drops inconsistent lines and columns. */
export function validateLinesAndColumns(command: ActionCommand, context: ExecutionContext): void {
  const props = command.properties
  let line = props.get('line')
  const endLine = props.get('endLine')
  const column = props.get('col')
  const endColumn = props.get('endColumn')
  // int.TryParse: false and 0 when the text is not a number.
  const [startLineParsed, lineNumber] = parseInt32(line)
  const [hasEndLine, endLineNumber] = parseInt32(endLine)
  const [startColumnParsed, columnNumber] = parseInt32(column)
  const [hasEndColumn, endColumnNumber] = parseInt32(endColumn)
  let hasStartLine = startLineParsed
  let hasStartColumn = startColumnParsed
  const hasColumn = hasStartColumn || hasEndColumn
  const invalid = (why: string): void => {
    context.debug(`Invalid ${command.command} command value. ${why}`)
  }
  if (hasEndLine && !hasStartLine) {
    invalid("'endLine' can only be set if 'line' is provided")
    props.set('line', endLine as string)
    hasStartLine = true
    line = endLine
  }
  if (hasEndColumn && !hasStartColumn) {
    invalid("'endColumn' can only be set if 'col' is provided")
    props.set('col', endColumn as string)
    hasStartColumn = true
  }
  const dropColumns = (): void => {
    props.delete('col')
    props.delete('endColumn')
  }
  if (!hasStartLine && hasColumn) {
    invalid("'col' and 'endColumn' can only be set if 'line' value is provided.")
    dropColumns()
  }
  if (hasEndLine && line !== endLine && hasColumn) {
    invalid("'col' and 'endColumn' cannot be set if 'line' and 'endLine' are different values.")
    dropColumns()
  }
  // The numbers parsed at first: a line copied from endLine still compares as 0.
  if (hasStartLine && hasEndLine && endLineNumber < lineNumber) {
    invalid("'endLine' cannot be less than 'line'.")
    props.delete('line')
    props.delete('endLine')
  }
  if (hasStartColumn && hasEndColumn && endColumnNumber < columnNumber) {
    invalid("'endColumn' cannot be less than 'col'.")
    dropColumns()
  }
}

function issue(type: 'error' | 'warning' | 'notice'): CommandExtension {
  return {
    command: type,
    omitEcho: true,
    process({ context, settings }, _, command) {
      validateLinesAndColumns(command, context)
      if (!settings.enhancedAnnotations) {
        context.debug(
          "Enhanced Annotations not enabled on the server. The 'title', 'end_line', and 'end_column' fields are unsupported."
        )
      }
      context.addIssue(type, command.data, command.properties.asRecord())
    }
  }
}

/** GroupingCommandExtension: the log viewer's `##[group]title` / `##[endgroup]` markup. */
function grouping(name: 'group' | 'endgroup'): CommandExtension {
  return {
    command: name,
    omitEcho: false,
    process({ context }, _, command) {
      context.outputGroupMarkup(`##[${name}]${name === 'group' ? command.data : ''}`)
    }
  }
}

const echo: CommandExtension = {
  command: 'echo',
  omitEcho: false,
  process({ context }, _, command) {
    notNullOrEmpty(command.data, 'value')
    switch (toUpperInvariant(trim(command.data))) {
      case 'ON':
        context.echoOnActionCommand = true
        context.debug("Setting echo command value to 'on'")
        break
      case 'OFF':
        context.echoOnActionCommand = false
        context.debug("Setting echo command value to 'off'")
        break
      default:
        throw new RunnerException(
          `Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: '${command.data}'.`
        )
    }
  }
}

/** ExtensionManager's list for IActionCommandExtension, less internal-set-repo-path. */
export const COMMAND_EXTENSIONS: readonly CommandExtension[] = [
  setEnv,
  setOutput,
  saveState,
  addPath,
  addMask,
  addMatcher,
  removeMatcher,
  issue('warning'),
  issue('error'),
  issue('notice'),
  debug,
  grouping('group'),
  grouping('endgroup'),
  echo
]
