import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseCommandFile, refuseBlockedEnv, type CommandFile } from './command-files.js'
import { decodeText, readAllLines } from './dotnet-text.js'

/** The files of one attempt, side by side in the run's control directory. */
export interface StepFiles {
  readonly script: string
  /** Private GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY. */
  readonly output: string
  readonly env: string
  readonly path: string
  readonly summary: string
  /**
   * Private GITHUB_STATE: the runner gives every step one, and a `run:` step's state is
   * never read. The action's own must not be handed to the steps.
   */
  readonly state: string
}

/** What an attempt wrote to its private files. */
export interface StepFileContents {
  readonly outputs: CommandFile
  /** What the runner would apply: without the entries in `refused`. */
  readonly env: CommandFile
  /**
   * Directories it added to PATH, in the order written, empty lines left out; a directory
   * written twice is in twice (EnvFlow applies the runner's "moves to the front").
   */
  readonly path: readonly string[]
  readonly summary: string
  /**
   * What the step wrote that the runner refuses without failing the step (today:
   * NODE_OPTIONS in GITHUB_ENV, in any letter case), one per line written, in file order.
   * The runner reports each as an error annotation with `message`.
   */
  readonly refused: readonly RefusedCommand[]
}

/** A file command the runner refuses and reports, without failing the step. */
export interface RefusedCommand {
  /** The id of the step that wrote it. */
  readonly step: string
  /** The file it was written to. */
  readonly file: 'GITHUB_ENV'
  /** The variable's name as written. */
  readonly name: string
  /** The runner's message, e.g. "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command." */
  readonly message: string
}

/**
 * Creates an attempt's script (in `directory`) and empty command files (in
 * `commandDirectory`, the same by default), named after the attempt: each step writes its
 * own files, so parallel steps never interleave in one file. No directory per attempt:
 * creating directories is slow on disks. On failure (ENOSPC, EMFILE...) nothing is left
 * behind and the error is thrown.
 */
export function createStepFiles(
  directory: string,
  name: string,
  scriptExtension: string,
  script: string,
  commandDirectory: string = directory
): StepFiles {
  const files: StepFiles = {
    script: path.join(directory, `${name}.script${scriptExtension}`),
    output: path.join(commandDirectory, `${name}.github_output`),
    env: path.join(commandDirectory, `${name}.github_env`),
    path: path.join(commandDirectory, `${name}.github_path`),
    summary: path.join(commandDirectory, `${name}.step_summary`),
    state: path.join(commandDirectory, `${name}.github_state`)
  }
  try {
    // No BOM: it breaks shebang lines and some shells, as the runner notes.
    writeFileSync(files.script, script)
    for (const file of commandFiles(files)) writeFileSync(file, '')
  } catch (error) {
    removeStepFiles(files)
    throw error
  }
  return files
}

function commandFiles(files: StepFiles): string[] {
  return [files.output, files.env, files.path, files.summary, files.state]
}

/** Deletes an attempt's files once read; a file the step deleted is fine. */
export function removeStepFiles(files: StepFiles): void {
  for (const file of [files.script, ...commandFiles(files)]) {
    try {
      unlinkSync(file) // one system call; rmSync checks first
    } catch {
      // Already gone: the step deleted it.
    }
  }
}

/**
 * Reads an attempt's command files as the runner's FileCommandManager does (a file the
 * step deleted reads as empty):
 * - every file decoded as .NET reads text: a BOM selects the encoding and is dropped
 *   (CreateStepSummaryCommand's StreamReader does the same for the summary);
 * - GITHUB_OUTPUT and GITHUB_ENV by EnvFileKeyValuePairs' rules for `platform`, and
 *   GITHUB_ENV through SetEnvFileCommand's block list (what it refuses goes to `refused`);
 * - GITHUB_PATH as AddPathFileCommand reads it (`File.ReadAllLines`: CR, LF and CRLF end
 *   a line on every OS), empty lines skipped.
 */
export function readStepFiles(
  files: StepFiles,
  step: string,
  platform: NodeJS.Platform = process.platform
): StepFileContents {
  const env = parseCommandFile(readIfPresent(files.env), platform)
  const { accepted, refused } = refuseBlockedEnv(env.entries)
  return {
    outputs: parseCommandFile(readIfPresent(files.output), platform),
    env: { ...env, entries: accepted },
    path: readAllLines(readIfPresent(files.path)).filter(line => line !== ''),
    summary: readIfPresent(files.summary),
    refused: refused.map(({ name, message }) => ({ step, file: 'GITHUB_ENV', name, message }))
  }
}

function readIfPresent(file: string): string {
  let bytes
  try {
    bytes = readFileSync(file)
  } catch {
    return ''
  }
  return decodeText(bytes)
}
