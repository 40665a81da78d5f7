import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repositoryRoot } from './action.js'

export const cliEntry = path.join(repositoryRoot, 'dist/cli/index.js')

export interface CliRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly directory: string
}

export interface CliRunOptions {
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>
  /** Node's own flags, before the script. */
  readonly nodeArgs?: readonly string[]
}

/** Runs `node dist/cli/index.js` with pipes (not a terminal) in a fresh directory. */
export async function runCli(
  args: readonly string[],
  files: Readonly<Record<string, string>> = {},
  onSpawn?: (child: ChildProcess) => void,
  options: CliRunOptions = {}
): Promise<CliRun> {
  const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-cli-'))
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(directory, file), text)
  const env = { ...process.env, ...options.env }
  delete env.FORCE_COLOR
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), cliEntry, ...args], {
    cwd: directory,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
    child.on('close', (exitCode, exitSignal) => {
      resolve([exitCode, exitSignal])
    })
  )
  return { code, signal, stdout, stderr, directory }
}
