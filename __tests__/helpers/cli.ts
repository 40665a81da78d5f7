import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repositoryRoot } from './action.js'

/** The bundled command, as `npx stepgraph` runs it. */
export const cliEntry = path.join(repositoryRoot, 'dist/cli/index.js')

export interface CliRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  /** stdout decoded once, whole (never chunk by chunk, which could split a character). */
  readonly stdout: string
  readonly stdoutBytes: Buffer
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
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
    child.on('close', (exitCode, exitSignal) => {
      resolve([exitCode, exitSignal])
    })
  )
  const stdoutBytes = Buffer.concat(stdout)
  return {
    code,
    signal,
    stdout: stdoutBytes.toString('utf8'),
    stdoutBytes,
    stderr: Buffer.concat(stderr).toString('utf8'),
    directory
  }
}

/** A real pseudo-terminal: tmux on a socket of its own, with its own configuration. */
export class Tmux {
  private readonly socket = `stepgraph-test-${process.pid}-${Math.random().toString(36).slice(2)}`

  /** `config`: tmux commands read when the server starts (e.g. `set -g set-clipboard on`). */
  constructor(command: string, cwd: string, config: readonly string[] = []) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'stepgraph-tmux-')), 'tmux.conf')
    writeFileSync(file, config.map(line => `${line}\n`).join(''))
    this.tmux([
      '-f',
      file,
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      '110',
      '-y',
      '40',
      '-c',
      cwd,
      command
    ])
  }

  screen(escapes = false): string {
    return this.tmux(['capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'main'])
  }

  keys(...keys: string[]): void {
    this.tmux(['send-keys', '-t', 'main', ...keys])
  }

  /** A tmux format about the pane, e.g. `#{pane_title}` or `#{alternate_on}`. */
  display(format: string): string {
    return this.tmux(['display-message', '-p', '-t', 'main', format]).trimEnd()
  }

  /** tmux's paste buffers: where OSC 52 puts what a program sends to the clipboard. */
  buffers(): string {
    return this.tmux(['list-buffers'])
  }

  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const screen = this.screen()
      if (pattern.test(screen)) return screen
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${screen}`)
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  }

  kill(): void {
    try {
      this.tmux(['kill-server'])
    } catch {
      // already gone
    }
  }

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' })
  }
}

/** The command run in a terminal: the CLI on `g.yml`, then its exit code, then a pause to read the screen. */
export function terminalCommand(env = ''): string {
  return `${env} ${process.execPath} ${cliEntry} run g.yml --summary-file summary.md; echo "EXIT=$?"; sleep 60`
}
