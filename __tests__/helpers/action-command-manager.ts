/**
 * src/Runner.Worker/ActionCommandManager.cs: TryProcessCommand and ValidateStopToken.
 */
import { tryParse, tryParseV2, type ActionCommand } from './action-command.js'
import {
  COMMAND_EXTENSIONS,
  type CommandExtension,
  type CommandScope
} from './command-extensions.js'
import { equalsOrdinalIgnoreCase, OrdinalIgnoreCaseSet } from './dotnet.js'
import { RunnerException } from './execution-context.js'

const STOP_COMMAND = 'stop-commands'

/** Constants.Runner.UnsupportedStopCommandTokenDisabled */
export const UNSUPPORTED_STOP_COMMAND_TOKEN =
  "You cannot use a endToken that is an empty string, the string 'pause-logging', or another workflow command. For more information see: https://docs.github.com/actions/learn-github-actions/workflow-commands-for-github-actions#example-stopping-and-starting-workflow-commands or opt into insecure command execution by setting the `ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS` environment variable to `true`."

export interface ProcessedCommand {
  readonly extension: CommandExtension
  readonly command: ActionCommand
}

export class ActionCommandManager {
  /** `_registeredCommands`: OrdinalIgnoreCase, and holding the stop token while stopped. */
  private readonly registered = new OrdinalIgnoreCaseSet([
    STOP_COMMAND,
    ...COMMAND_EXTENSIONS.map(e => e.command)
  ])
  private stopped = false
  private stopToken: string | undefined
  /** Commands handed to an extension, in order (including ones that then failed). */
  readonly processed: ProcessedCommand[] = []

  constructor(
    private readonly scope: CommandScope,
    private readonly allowUnsecureStopCommandTokens: boolean
  ) {}

  get isStopped(): boolean {
    return this.stopped
  }

  /**
   * TryProcessCommand: whether the line was taken as a command (and so is not shown as
   * output). Throws, as the runner does, on an invalid stop token.
   */
  tryProcessCommand(input: string): boolean {
    if (input === '') return false
    const command = tryParseV2(input, this.registered) ?? tryParse(input, this.registered)
    if (!command) return false
    const { context, settings } = this.scope
    if (!settings.enhancedAnnotations && command.command === 'notice') {
      context.debug(
        "Enhanced Annotations not enabled on the server: 'notice' command will not be processed."
      )
      return false
    }
    if (this.stopped) return this.resume(input, command)
    if (equalsOrdinalIgnoreCase(command.command, STOP_COMMAND)) {
      this.stop(input, command.data)
      return true
    }
    const extension = COMMAND_EXTENSIONS.find(e =>
      equalsOrdinalIgnoreCase(e.command, command.command)
    )
    if (!extension) {
      context.warning(`Can't find command extension for ##[${command.command}.command].`)
      return true
    }
    this.run(extension, input, command)
    return true
  }

  /** While stopped: only a command named like the token (in any casing) is taken. */
  private resume(input: string, command: ActionCommand): boolean {
    const { context } = this.scope
    const token = this.stopToken ?? ''
    if (token === '' || !equalsOrdinalIgnoreCase(command.command, token)) {
      context.debug(`Process commands has been stopped and waiting for '##[${token}]' to resume.`)
      return false
    }
    context.output(input)
    context.debug('Resume processing commands')
    this.registered.delete(token)
    this.stopped = false
    this.stopToken = undefined
    return true
  }

  private stop(input: string, token: string): void {
    this.validateStopToken(token)
    this.stopToken = token
    this.stopped = true
    this.registered.add(token)
    if (token.length > 6) this.scope.masker.addValue(token)
    this.scope.context.output(input)
    this.scope.context.debug(
      'Paused processing commands until the token you called ::stopCommands:: with is received'
    )
  }

  /** ValidateStopToken: empty, `pause-logging` or a registered command name throws. */
  private validateStopToken(token: string): void {
    const invalid =
      this.registered.has(token) || token === '' || equalsOrdinalIgnoreCase(token, 'pause-logging')
    if (invalid && !this.allowUnsecureStopCommandTokens) {
      throw new RunnerException(UNSUPPORTED_STOP_COMMAND_TOKEN)
    }
  }

  /** Echo unless the extension omits it; a failure is reported and fails the step. */
  private run(extension: CommandExtension, input: string, command: ActionCommand): void {
    const { context } = this.scope
    if (context.echoOnActionCommand && !extension.omitEcho) context.output(input)
    this.processed.push({ extension, command })
    try {
      extension.process(this.scope, input, command)
    } catch (error) {
      if (!(error instanceof RunnerException)) throw error
      const information = extension.omitEcho ? extension.command : input
      context.error(`Unable to process command '${information}' successfully.`)
      context.errorException(error)
      context.commandFailed = true
    }
  }
}
