/**
 * The parts of src/Runner.Worker/ExecutionContext.cs that command handling writes to: the
 * step's log (Write, Output, Debug), its issues (AddIssue, Error, Warning) and its
 * command result.
 */
import type { SecretMasker } from './secret-masker.js'

export type IssueType = 'error' | 'warning' | 'notice'

export interface RunnerIssue {
  readonly type: IssueType
  /** Masked, and cut to 4096 characters. */
  readonly message: string
  /** The command's properties, for an issue from `::error` / `::warning` / `::notice`. */
  readonly properties?: Readonly<Record<string, string>>
  /** Among the first 10 of its type: the ones the timeline record (the annotations) keeps. */
  readonly recorded: boolean
  /** An issue of the runner's own (a failed command, a warning about one). */
  readonly own: boolean
}

/** ExecutionContext._maxCountPerIssueType */
const MAX_COUNT_PER_ISSUE_TYPE = 10
/** ExecutionContext._maxIssueMessageLength */
const MAX_ISSUE_MESSAGE_LENGTH = 4096

/** WellKnownTags */
const TAGS: Readonly<Record<IssueType | 'debug', string>> = {
  error: '##[error]',
  warning: '##[warning]',
  notice: '##[notice]',
  debug: '##[debug]'
}

export interface ExecutionContextOptions {
  /** ACTIONS_STEP_DEBUG: Global.WriteDebug and the initial EchoOnActionCommand. */
  readonly stepDebug: boolean
  /** A step of a composite action: its issues are not on its own record. */
  readonly embedded: boolean
}

export class ExecutionContext {
  /** The log's lines, masked, as the log file holds them (a message with `\n` is several). */
  readonly displayed: string[] = []
  /** Indexes in `displayed` of the `##[group]` / `##[endgroup]` lines of group commands. */
  readonly groupMarkup = new Set<number>()
  readonly issues: RunnerIssue[] = []
  echoOnActionCommand: boolean
  /** CommandResult = TaskResult.Failed: the step fails whatever its exit code. */
  commandFailed = false
  private readonly counts: Record<IssueType, number> = { error: 0, warning: 0, notice: 0 }

  constructor(
    private readonly masker: SecretMasker,
    private readonly options: ExecutionContextOptions
  ) {
    this.echoOnActionCommand = options.stepDebug
  }

  /** ExecutionContext.Write: the tag and message masked together; PagingLogger writes it. */
  write(tag: string, message: string): void {
    this.displayed.push(...this.masker.maskSecrets(`${tag}${message}`).split('\n'))
  }

  output(message: string): void {
    this.write('', message)
  }

  /** A `##[group]` / `##[endgroup]` line written by a group command. */
  outputGroupMarkup(message: string): void {
    this.output(message)
    this.groupMarkup.add(this.displayed.length - 1)
  }

  /** The Debug extension method: only with step debug, one `##[debug]` line per line. */
  debug(message: string): void {
    if (!this.options.stepDebug) return
    for (const line of message.split('\r\n').join('\n').split('\n')) this.write(TAGS.debug, line)
  }

  /**
   * ExecutionContext.AddIssue with ExecutionContextLogOptions.Default. Issues from
   * `::error` / `::warning` / `::notice` come with their properties; the runner's own
   * issues without.
   */
  addIssue(type: IssueType, message: string, properties?: Readonly<Record<string, string>>): void {
    const own = properties === undefined
    const masked = this.masker.maskSecrets(message).slice(0, MAX_ISSUE_MESSAGE_LENGTH)
    const recorded = !this.options.embedded && this.counts[type] < MAX_COUNT_PER_ISSUE_TYPE
    if (recorded) this.counts[type]++
    this.issues.push({ type, message: masked, ...(properties && { properties }), recorded, own })
    if (masked !== '') this.write(TAGS[type], masked)
  }

  error(message: string): void {
    this.addIssue('error', message)
  }

  warning(message: string): void {
    this.addIssue('warning', message)
  }

  /** `Error(Exception)`: the message as an error, `ex.ToString()` as debug (the stack left out). */
  errorException(error: RunnerException): void {
    this.error(error.message)
    this.debug(`${error.type}: ${error.message}`)
  }
}

/** An exception thrown by the runner's code, with its .NET type for `ToString()`. */
export class RunnerException extends Error {
  constructor(
    message: string,
    readonly type = 'System.Exception'
  ) {
    super(message)
  }
}

/** `ArgUtil.NotNullOrEmpty(value, name)`. */
export function notNullOrEmpty(value: string, name: string): void {
  if (value === '') {
    throw new RunnerException(
      `Value cannot be null. (Parameter '${name}')`,
      'System.ArgumentNullException'
    )
  }
}
