import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { EOL } from 'node:os'
import { delimiter } from 'node:path'
import { formatCommand } from '../report/workflow-commands.js'

/**
 * The runner's protocol for a JavaScript action, as @actions/core 3 speaks it: inputs
 * from `INPUT_*` variables, outputs and exports through the file commands, everything
 * else as workflow commands on stdout. stepgraph used @actions/core itself; importing it
 * cost 120 ms of start-up and 20 MiB of memory (its OIDC client loads undici), which made
 * every run and every fork of a step slower (see docs/benchmarks.md). The formats here
 * are core's, byte for byte, and the tests read them back with the runner's rules.
 */

/** Where an annotation points; the runner's own property names. */
export interface AnnotationProperties {
  readonly title?: string
  readonly file?: string
  readonly line?: number | string
  readonly endLine?: number | string
  readonly col?: number | string
  readonly endColumn?: number | string
}

/** An input by its name in action.yml: `INPUT_` + the name upper-cased, spaces to `_`. */
export function getInput(
  name: string,
  options: { readonly trimWhitespace?: boolean } = {}
): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
  return options.trimWhitespace === false ? value : value.trim()
}

export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) appendFileCommand(process.env.GITHUB_OUTPUT, keyValue(name, value))
  else writeLine(EOL + formatCommand('set-output', { name }, value))
}

export function exportVariable(name: string, value: string): void {
  process.env[name] = value
  if (process.env.GITHUB_ENV) appendFileCommand(process.env.GITHUB_ENV, keyValue(name, value))
  else writeLine(formatCommand('set-env', { name }, value))
}

export function addPath(directory: string): void {
  if (process.env.GITHUB_PATH) appendFileCommand(process.env.GITHUB_PATH, directory)
  else writeLine(formatCommand('add-path', {}, directory))
  process.env.PATH = `${directory}${delimiter}${process.env.PATH ?? ''}`
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  writeLine(formatCommand('error', { ...properties }, message))
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  writeLine(formatCommand('warning', { ...properties }, message))
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  writeLine(formatCommand('notice', { ...properties }, message))
}

export function debug(message: string): void {
  writeLine(formatCommand('debug', {}, message))
}

export function info(message: string): void {
  writeLine(message)
}

/** Fails the action: exit code 1, and the message as an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

function writeLine(text: string): void {
  process.stdout.write(text + EOL)
}

/** `name<<ghadelimiter_UUID` ... as core writes it, refusing a delimiter inside the value. */
function keyValue(name: string, value: string): string {
  const end = `ghadelimiter_${randomUUID()}`
  if (name.includes(end) || value.includes(end)) {
    throw new Error(`unexpected input: the name or value of ${name} contains the delimiter ${end}`)
  }
  return `${name}<<${end}${EOL}${value}${EOL}${end}`
}

function appendFileCommand(file: string, message: string): void {
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, message + EOL, { encoding: 'utf8' })
}
