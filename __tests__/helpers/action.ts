import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { commandFileValues, parseCommandFile } from '../../src/process/command-files.js'

export const repositoryRoot = path.resolve(import.meta.dirname, '../..')
export const actionEntry = path.join(repositoryRoot, 'dist/index.js')

export interface ActionRun {
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  /** What the action wrote to GITHUB_OUTPUT. */
  readonly outputs: Map<string, string>
  /** What the action wrote to GITHUB_STEP_SUMMARY. */
  readonly summary: string
  /** What the action wrote to the job's GITHUB_ENV and GITHUB_PATH. */
  readonly jobEnv: string
  readonly jobPath: string
  readonly workspace: string
}

export interface ActionRunOptions {
  /** Files to create in the workspace, by relative path. */
  readonly files?: Readonly<Record<string, string>>
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>
  /**
   * A command to run the action under, e.g. `unshare -m sh -c '... exec "$0" "$@"'`: Node
   * and the action's entry are appended to it.
   */
  readonly under?: readonly string[]
  /** Called with the child once spawned, e.g. to signal it. */
  readonly onSpawn?: (child: import('node:child_process').ChildProcess) => void
}

/** The environment variable the runner sets for an input: spaces to `_`, upper case, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Runs `node dist/index.js` the way the runner runs a JavaScript action: inputs as
 * `INPUT_*` variables, fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a workspace.
 */
export async function runAction(
  inputs: Readonly<Record<string, string>>,
  options: ActionRunOptions = {}
): Promise<ActionRun> {
  const root = mkdtempSync(path.join(tmpdir(), 'stepgraph-e2e-'))
  const workspace = path.join(root, 'workspace')
  const runnerTemp = path.join(root, 'runner-temp')
  mkdirSync(workspace)
  mkdirSync(runnerTemp)
  for (const [file, text] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true })
    writeFileSync(path.join(workspace, file), text)
  }
  const outputFile = path.join(root, 'github-output')
  const summaryFile = path.join(root, 'step-summary')
  const envFile = path.join(root, 'github-env')
  const pathFile = path.join(root, 'github-path')
  for (const file of [outputFile, summaryFile, envFile, pathFile]) writeFileSync(file, '')

  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('INPUT_') && !key.startsWith('GITHUB_') && !key.startsWith('RUNNER_')) {
      env[key] = value
    }
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ENV: envFile,
    GITHUB_PATH: pathFile,
    RUNNER_TEMP: runnerTemp
  })
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  Object.assign(env, options.env)

  const [command, ...args]: string[] = [...(options.under ?? []), process.execPath]
  const child = spawn(command ?? process.execPath, [...args, actionEntry], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  options.onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
    child.on('close', (code, sig) => {
      resolve([code, sig])
    })
  )
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: commandFileValues(parseCommandFile(readFileSync(outputFile, 'utf8'))),
    summary: readFileSync(summaryFile, 'utf8'),
    jobEnv: readFileSync(envFile, 'utf8'),
    jobPath: readFileSync(pathFile, 'utf8'),
    workspace
  }
}

/** The workflow commands of a kind in the action's stdout, e.g. all `::error ...` lines. */
export function commandLines(stdout: string, command: string): string[] {
  return stdout
    .split('\n')
    .filter(line => line.startsWith(`::${command} `) || line.startsWith(`::${command}::`))
}
