import * as core from '@actions/core'
import { statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { MAX_GRAPH_BYTES, formatMiB, readGraphFile } from '../graph/read-file.js'
import type { GraphSource } from '../graph/source.js'
import {
  parseMaxParallel,
  parseOutputMode,
  parseShell,
  type Parsed,
  type RunOptions
} from '../options.js'
import { Input } from './input-names.js'

/** Everything the action was asked to do, read and checked. */
export interface ActionInputs {
  readonly source: GraphSource
  readonly options: RunOptions
}

/** One or more inputs are unusable; each message names its input. */
export class InputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
    this.name = 'InputError'
  }
}

/**
 * The one place that reads the action's inputs. Defaults apply to empty inputs as well as
 * missing ones, so `node dist/index.js` run by hand behaves as under the runner. Every bad
 * input is reported at once.
 */
export function readActionInputs(): ActionInputs {
  const problems: string[] = []
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()

  function parsed<T>(name: string, parse: (text: string) => Parsed<T>, fallback: T): T {
    const text = core.getInput(name)
    if (text === '') return fallback
    const result = parse(text)
    if (result.ok) return result.value
    problems.push(`Input \`${name}\`: ${result.reason}`)
    return fallback
  }

  /** As @actions/core's getBooleanInput (the YAML 1.2 core schema's spellings). */
  function boolean(name: string, fallback: boolean): boolean {
    if (core.getInput(name) === '') return fallback
    try {
      return core.getBooleanInput(name)
    } catch {
      // core's message spans two lines; this one names the input like the others.
      problems.push(`Input \`${name}\`: expected true or false, got "${core.getInput(name)}"`)
      return fallback
    }
  }

  const cpus = availableParallelism()
  const maxParallel = parsed(Input.maxParallel, text => parseMaxParallel(text, cpus), cpus)
  const failFast = boolean(Input.failFast, false)
  const shell = parsed<string | undefined>(Input.shell, parseShell, undefined)
  const output = parsed(Input.output, parseOutputMode, 'grouped' as const)
  const summary = boolean(Input.summary, true)
  const annotations = boolean(Input.annotations, true)
  const dryRun = boolean(Input.dryRun, false)
  const workingDirectory = readWorkingDirectory(workspace, problems)
  // Relative to the workspace, where actions/cache restores `path`. Whatever the file
  // holds (or lacks) is never an input error: the run goes on without it.
  const timingsFileInput = core.getInput(Input.timingsFile).trim()
  const timingsFile =
    timingsFileInput === '' ? undefined : path.resolve(workspace, timingsFileInput)
  const source = readGraphSource(workspace, problems)

  if (problems.length > 0 || source === undefined) throw new InputError(problems)
  return {
    source,
    options: {
      maxParallel,
      failFast,
      workingDirectory,
      output,
      summary,
      annotations,
      dryRun,
      ...(shell !== undefined && { shell }),
      ...(timingsFile !== undefined && { timingsFile })
    }
  }
}

function readWorkingDirectory(workspace: string, problems: string[]): string {
  const given = core.getInput(Input.workingDirectory).trim()
  const directory = path.resolve(workspace, given)
  if (given === '') return directory
  try {
    if (statSync(directory).isDirectory()) return directory
    problems.push(`Input \`${Input.workingDirectory}\`: ${given} is not a directory`)
  } catch {
    problems.push(`Input \`${Input.workingDirectory}\`: ${given} does not exist`)
  }
  return directory
}

/** Exactly one of `steps` and `steps-file`. */
function readGraphSource(workspace: string, problems: string[]): GraphSource | undefined {
  const steps = core.getInput(Input.steps, { trimWhitespace: false })
  const stepsFile = core.getInput(Input.stepsFile).trim()
  const hasSteps = steps.trim() !== ''
  if (hasSteps && stepsFile !== '') {
    problems.push(
      `Inputs \`${Input.steps}\` and \`${Input.stepsFile}\` were both given: use one of them`
    )
    return undefined
  }
  if (!hasSteps && stepsFile === '') {
    problems.push(
      `Input \`${Input.steps}\` or \`${Input.stepsFile}\` is required: give the step graph as YAML text or as a file`
    )
    return undefined
  }
  if (hasSteps) {
    const bytes = Buffer.byteLength(steps)
    if (bytes <= MAX_GRAPH_BYTES) return { text: steps }
    problems.push(
      `Input \`${Input.steps}\` is ${formatMiB(bytes)}; step graphs are limited to ${formatMiB(MAX_GRAPH_BYTES)}`
    )
    return undefined
  }
  try {
    return readGraphFile(stepsFile, workspace)
  } catch (error) {
    problems.push(`Input \`${Input.stepsFile}\`: ${(error as Error).message}`)
    return undefined
  }
}
