import { foldCase, isRegistered, type WorkflowCommand } from './workflow-commands.js'

/** What to do with a step's command line: relay it to the log, or drop it. */
export type CommandHandler = (command: WorkflowCommand) => 'relay' | 'drop'

/**
 * One attempt's workflow commands, both streams together, as the runner takes them in a
 * plain `run:` step (one ActionCommandManager per step): `honour` gets each command,
 * except while the step has stopped commands itself with `::stop-commands::TOKEN`; then
 * every line is only text until a command named TOKEN (in any case) resumes them. A token
 * longer than 6 characters is masked, as the runner masks it.
 */
export class StepCommands {
  /** The step's own stop token while its commands are stopped. */
  private stopToken: string | undefined

  constructor(private readonly honour: CommandHandler) {}

  /** While stopped, the token is a command name too: the line that resumes. */
  get resumeName(): string | undefined {
    return this.stopToken
  }

  readonly handle: CommandHandler = command => {
    if (this.stopToken !== undefined) {
      if (command.name === foldCase(this.stopToken)) this.stopToken = undefined
      return 'relay'
    }
    if (command.name === 'stop-commands') {
      if (!isValidStopToken(command.data)) return 'relay'
      // The runner masks a token longer than 6 characters for the rest of the job.
      if (command.data.length > 6) this.honour({ ...command, name: 'add-mask' })
      this.stopToken = command.data
      return 'relay'
    }
    return this.honour(command)
  }
}

/**
 * ActionCommandManager.ValidateStopToken: not empty, not a command's name, not
 * `pause-logging`. (The runner then fails the step; stepgraph only ignores the stop.)
 */
function isValidStopToken(token: string): boolean {
  return token !== '' && !isRegistered(token) && foldCase(token) !== 'pause-logging'
}
