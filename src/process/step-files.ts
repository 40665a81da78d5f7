import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseCommandFile, type CommandFile } from './command-files.js'

/** The files of one attempt, in its own directory under the run's temp directory. */
export interface StepFiles {
  readonly directory: string
  readonly script: string
  /** Private GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY. */
  readonly output: string
  readonly env: string
  readonly path: string
  readonly summary: string
}

/** What an attempt wrote to its private files. */
export interface StepFileContents {
  readonly outputs: CommandFile
  readonly env: CommandFile
  /** Directories it added to PATH, in the order written. */
  readonly path: readonly string[]
  readonly summary: string
}

/**
 * Creates an attempt's directory with its script and empty command files: each step
 * writes its own files, so parallel steps never interleave in one file.
 */
export function createStepFiles(
  runDirectory: string,
  name: string,
  scriptName: string,
  script: string
): StepFiles {
  const directory = path.join(runDirectory, name)
  mkdirSync(directory)
  const files: StepFiles = {
    directory,
    script: path.join(directory, scriptName),
    output: path.join(directory, 'github_output'),
    env: path.join(directory, 'github_env'),
    path: path.join(directory, 'github_path'),
    summary: path.join(directory, 'step_summary')
  }
  // No BOM: it breaks shebang lines and some shells, as the runner notes.
  writeFileSync(files.script, script)
  for (const file of [files.output, files.env, files.path, files.summary]) writeFileSync(file, '')
  return files
}

/** Reads an attempt's command files; a file the step deleted reads as empty. */
export function readStepFiles(files: StepFiles): StepFileContents {
  return {
    outputs: parseCommandFile(readIfPresent(files.output)),
    env: parseCommandFile(readIfPresent(files.env)),
    path: readIfPresent(files.path)
      .split('\n')
      .map(line => line.replace(/\r$/, ''))
      .filter(line => line !== ''),
    summary: readIfPresent(files.summary)
  }
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}
