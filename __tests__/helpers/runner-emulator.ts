/**
 * What the Actions runner (actions/runner 2.336) would make of an action's stdout, after
 * its source:
 * - src/Runner.Sdk/ProcessInvoker.cs reads lines with StreamReader.ReadLine;
 * - src/Runner.Worker/Handlers/OutputManager.cs hands each line with `::` or `##[` to
 *   the command manager, and writes the others to the log;
 * - src/Runner.Worker/ActionCommandManager.cs parses (src/Runner.Common/ActionCommand.cs)
 *   and runs the commands, see action-command-manager.ts and command-extensions.ts;
 * - src/Runner.Worker/ExecutionContext.cs masks every log line with the job's
 *   SecretMasker (secret-masker.ts) and records the issues, see execution-context.ts;
 * - src/Runner.Worker/StepsRunner.cs fails the step on an exception out of the step.
 * Plus what the log viewer draws: `##[group]` lines that no group command wrote.
 *
 * The model reads stdout alone; the runner reads stderr the same way, interleaved.
 */
import { ActionCommandManager } from './action-command-manager.js'
import type { CommandEffects, CommandSettings } from './command-extensions.js'
import { ExecutionContext, RunnerException, type RunnerIssue } from './execution-context.js'
import { createHostSecretMasker, type SecretMasker } from './secret-masker.js'

export interface RunnerOptions extends Partial<CommandSettings> {
  /** ACTIONS_STEP_DEBUG: commands echoed, `##[debug]` lines shown. Default false. */
  readonly stepDebug?: boolean
  /** ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS. Default false. */
  readonly allowUnsecureStopCommandTokens?: boolean
  /** The step runs inside a composite action. Default false. */
  readonly embedded?: boolean
  /** Values already in the job's masker (the job's secrets, earlier steps' masks). */
  readonly secrets?: readonly string[]
}

export interface EmulatedCommand {
  /** The extension that ran it, lower case (`error`, `group`…). */
  readonly name: string
  /** The name as written in the line. */
  readonly written: string
  /** As the runner's OrdinalIgnoreCase dictionary: `properties.title` finds `Title`. */
  readonly properties: Readonly<Record<string, string>>
  readonly data: string
}

export interface RunnerView {
  /** Commands handed to an extension, in order (stop and resume are not). */
  readonly processed: readonly EmulatedCommand[]
  /** Groups opened minus closed at each point never went below zero, and end at this depth. */
  readonly groupDepth: number
  readonly groupUnderflow: boolean
  /** `##[group]` lines in the log that no group command wrote: groups the viewer draws anyway. */
  readonly viewerGroups: number
  /** Values add-mask gave the masker (the whole value, then each line), each once. */
  readonly masks: readonly string[]
  /** Every value the masker holds at the end: the given secrets, stop tokens, masks. */
  readonly secrets: readonly string[]
  readonly annotations: readonly EmulatedCommand[]
  readonly outputsSetByCommand: readonly string[]
  readonly matchersAdded: number
  /** The log's lines as the runner writes them: masked, commands not echoed left out. */
  readonly displayed: readonly string[]
  /** The runner's own errors and warnings, as logged (`##[error]…`, `##[warning]…`). */
  readonly errors: readonly string[]
  /** Every issue: the commands' annotations and the runner's own. */
  readonly issues: readonly RunnerIssue[]
  /** Commands are stopped at the end of the output. */
  readonly stopped: boolean
  /** The runner fails the step whatever its exit code: a command failed, or the output loop threw. */
  readonly stepFailed: boolean
  /** The index of the line whose handling threw out of the step (nothing after it is read). */
  readonly abortedAtLine?: number
}

/**
 * ProcessInvoker's reading: StreamReader.ReadLine ends a line at `\r`, `\n` or `\r\n`; a
 * last line without a line break still counts, an empty end does not. The StreamReader
 * (made by System.Diagnostics.Process with detectEncodingFromByteOrderMarks) drops a
 * byte order mark at the very start.
 */
export function readLines(stdout: string): string[] {
  const text = stdout.startsWith('\ufeff') ? stdout.slice(1) : stdout
  if (text === '') return []
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** OutputManager.OnDataReceived, less problem matchers. */
function onDataReceived(
  line: string,
  manager: ActionCommandManager,
  context: ExecutionContext
): void {
  if (line !== '' && (line.includes('##[') || line.includes('::'))) {
    if (manager.tryProcessCommand(line)) return
  }
  // Runner-controlled markers are defused in the step's own output.
  const output = line
    .split('##[start-action')
    .join('##[\\start-action')
    .split('##[end-action')
    .join('##[\\end-action')
  context.output(output)
}

export function emulateRunner(stdout: string, options: RunnerOptions = {}): RunnerView {
  const masker = createHostSecretMasker()
  for (const secret of options.secrets ?? []) masker.addValue(secret)
  const context = new ExecutionContext(masker, {
    stepDebug: options.stepDebug ?? false,
    embedded: options.embedded ?? false
  })
  const effects: CommandEffects = {
    outputs: [],
    state: new Map(),
    env: new Map(),
    path: [],
    masks: [],
    matchersAdded: 0
  }
  const settings: CommandSettings = {
    allowUnsecureCommands: options.allowUnsecureCommands ?? false,
    enhancedAnnotations: options.enhancedAnnotations ?? true,
    deprecateStepOutputCommands: options.deprecateStepOutputCommands ?? true
  }
  const manager = new ActionCommandManager(
    { context, masker, settings, effects },
    options.allowUnsecureStopCommandTokens ?? false
  )
  let abortedAtLine: number | undefined
  const lines = readLines(stdout)
  for (const [index, line] of lines.entries()) {
    try {
      onDataReceived(line, manager, context)
    } catch (error) {
      // Out of ProcessInvoker.ExecuteAsync and the handler: StepsRunner logs it, fails the step.
      if (!(error instanceof RunnerException)) throw error
      context.errorException(error)
      abortedAtLine = index
      break
    }
  }
  return view(manager, masker, context, effects, abortedAtLine)
}

function view(
  manager: ActionCommandManager,
  masker: SecretMasker,
  context: ExecutionContext,
  effects: CommandEffects,
  abortedAtLine: number | undefined
): RunnerView {
  const processed = manager.processed.map(({ extension, command }) => ({
    name: extension.command,
    written: command.command,
    properties: command.properties.asRecord(),
    data: command.data
  }))
  const { depth, underflow } = groupBalance(processed)
  return {
    processed,
    groupDepth: depth,
    groupUnderflow: underflow,
    viewerGroups: context.displayed.filter(
      (line, index) => !context.groupMarkup.has(index) && /^\s*##\[group\]/.test(line)
    ).length,
    masks: effects.masks,
    secrets: masker.secrets,
    annotations: processed.filter(c => ['error', 'warning', 'notice'].includes(c.name)),
    outputsSetByCommand: effects.outputs,
    matchersAdded: effects.matchersAdded,
    displayed: context.displayed,
    errors: context.issues
      .filter(issue => issue.own)
      .map(issue => `##[${issue.type}]${issue.message}`),
    issues: context.issues,
    stopped: manager.isStopped,
    stepFailed: context.commandFailed || abortedAtLine !== undefined,
    ...(abortedAtLine !== undefined && { abortedAtLine })
  }
}

function groupBalance(processed: readonly EmulatedCommand[]): {
  depth: number
  underflow: boolean
} {
  let depth = 0
  let underflow = false
  for (const command of processed) {
    if (command.name === 'group') depth++
    if (command.name === 'endgroup' && --depth < 0) underflow = true
  }
  return { depth, underflow }
}
