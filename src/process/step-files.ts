import { unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { NotAFileError, isMissingOrEmptyFile, readFilePrefix } from '../bounded-file.js'
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
  /**
   * STEPGRAPH_NEEDS_FILE: the JSON of the step's `needs` context, written only when it is
   * too large for the environment (`NEEDS_IN_ENVIRONMENT_LIMIT`).
   */
  readonly needs?: string
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
  /** Why GITHUB_PATH was not read, or not to its end (it fails the step). */
  readonly pathError?: string
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
 * Creates an attempt's script (in `directory`, with the needs' JSON when given) and empty command files (in
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
  commandDirectory: string = directory,
  needsJson?: string
): StepFiles {
  const files: StepFiles = {
    ...(needsJson !== undefined && { needs: path.join(directory, `${name}.needs.json`) }),
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
    if (files.needs !== undefined) writeFileSync(files.needs, needsJson ?? '')
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
  for (const file of [
    files.script,
    ...commandFiles(files),
    ...(files.needs === undefined ? [] : [files.needs])
  ]) {
    try {
      unlinkSync(file) // one system call; rmSync checks first
    } catch {
      // Already gone: the step deleted it.
    }
  }
}

/**
 * The most of GITHUB_OUTPUT, GITHUB_ENV or GITHUB_PATH read, each: more could not be used
 * (an output passes GitHub's 1 MB limit, an environment Linux's 2 MiB for a command line
 * and its environment), and reading it whole would let one step's file fill memory.
 */
export const COMMAND_FILE_LIMIT = 1024 * 1024

/**
 * Reads an attempt's command files as the runner's FileCommandManager does (a file the
 * step deleted reads as empty):
 * - every file decoded as .NET reads text: a BOM selects the encoding and is dropped;
 * - GITHUB_OUTPUT and GITHUB_ENV by EnvFileKeyValuePairs' rules for `platform`, and
 *   GITHUB_ENV through SetEnvFileCommand's block list (what it refuses goes to `refused`);
 * - GITHUB_PATH as AddPathFileCommand reads it (`File.ReadAllLines`: CR, LF and CRLF end
 *   a line on every OS), empty lines skipped.
 * Where stepgraph differs, it is to stay bounded and never pass on what no process can
 * take: a file over COMMAND_FILE_LIMIT, or one that is not an ordinary file (a FIFO, a
 * device), is not read, and a NUL in a variable or a directory stops the file there; each
 * is an error that fails the step. (The summary is read apart: StepSummaries.)
 */
export function readStepFiles(
  files: StepFiles,
  step: string,
  platform: NodeJS.Platform = process.platform
): StepFileContents {
  const envFile = readCommandFile(files.env)
  const env = withoutNul(
    'error' in envFile
      ? { entries: [], error: envFile.error }
      : parseCommandFile(envFile.text, platform)
  )
  const { accepted, refused } = refuseBlockedEnv(env.entries)
  const outputFile = readCommandFile(files.output)
  const pathFile = readCommandFile(files.path)
  const path = 'error' in pathFile ? [] : readAllLines(pathFile.text).filter(line => line !== '')
  const nul = path.findIndex(line => line.includes('\0'))
  const pathError =
    'error' in pathFile ? pathFile.error : nul >= 0 ? nulError('a directory', nul) : undefined
  return {
    outputs:
      'error' in outputFile
        ? { entries: [], error: outputFile.error }
        : parseCommandFile(outputFile.text, platform),
    env: { ...env, entries: accepted },
    path: nul >= 0 ? path.slice(0, nul) : path,
    ...(pathError !== undefined && { pathError }),
    refused: refused.map(({ name, message }) => ({ step, file: 'GITHUB_ENV', name, message }))
  }
}

/** What fails the step in its command files, named after the file, if anything. */
export function commandFilesError(contents: StepFileContents): string | undefined {
  if (contents.outputs.error !== undefined) return `GITHUB_OUTPUT: ${contents.outputs.error}`
  if (contents.env.error !== undefined) return `GITHUB_ENV: ${contents.env.error}`
  if (contents.pathError !== undefined) return `GITHUB_PATH: ${contents.pathError}`
  return undefined
}

/** GITHUB_ENV up to its first entry with a NUL, which no process can be given. */
function withoutNul(file: CommandFile): CommandFile {
  if (file.error !== undefined) return file
  const nul = file.entries.findIndex(([name, value]) => name.includes('\0') || value.includes('\0'))
  if (nul < 0) return file
  const [name = ''] = file.entries[nul] ?? []
  const what = name.includes('\0') ? 'a variable name' : `the value of ${name}`
  return { entries: file.entries.slice(0, nul), error: nulError(what, nul) }
}

function nulError(what: string, index: number): string {
  return `${what} (entry ${index + 1}) holds a NUL character, which no process can be given; nothing from there on was used`
}

/** A command file's text, or why it was not read; a file the step deleted is empty. */
function readCommandFile(file: string): { readonly text: string } | { readonly error: string } {
  if (isMissingOrEmptyFile(file)) return { text: '' }
  try {
    const { bytes } = readFilePrefix(file, COMMAND_FILE_LIMIT, stat => {
      if (stat.size > COMMAND_FILE_LIMIT) throw new TooLargeError(stat.size)
    })
    // A file that held more than it said: as large a file as one that says so.
    if (bytes.length >= COMMAND_FILE_LIMIT) throw new TooLargeError(bytes.length)
    return { text: decodeText(bytes) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { text: '' }
    if (error instanceof TooLargeError || error instanceof NotAFileError)
      return { error: `the file ${error.message}; stepgraph did not use it` }
    return { error: `the file could not be read: ${(error as Error).message}` }
  }
}

class TooLargeError extends Error {
  constructor(size: number) {
    super(
      `is ${size.toLocaleString('en-US')} bytes, more than the 1 MiB ` +
        `(${COMMAND_FILE_LIMIT.toLocaleString('en-US')} bytes) stepgraph reads of a command file`
    )
  }
}
