import { spawn, type ChildProcess } from 'node:child_process'
import { statSync } from 'node:fs'
import type { Worker, WorkerExit } from '../scheduler/worker.js'
import type { FlowControl, OutputSink, StreamName } from './output-sink.js'
import { isZombie } from './process-table.js'
import type { SessionReaper } from './reaper.js'
import type { ShellInvocation } from './shell.js'

/** After the shell exits, how long its pipes may stay open before its session is ended. */
export const DRAIN_MS = 100
/** After that SIGTERM (or a leftover's), how long before SIGKILL. */
export const LEFTOVER_GRACE_MS = 1000
/** After the SIGKILL, how long to wait for pipes held by processes outside the session. */
export const ABANDON_MS = 250

export interface ProcessWorkerOptions {
  /** How to start the shell, or why it cannot start (it was not found on PATH). */
  readonly invocation: ShellInvocation | { readonly error: string }
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  /** Where the output goes, given the worker itself to pause and resume its pipes. */
  readonly output: (flow: FlowControl) => OutputSink
  /** Signals the attempt's session, and ends what it leaves behind. */
  readonly reaper: SessionReaper
  /** Called whenever the scheduler should poll: the shell exited, the pipes closed. */
  readonly wake: () => void
}

/**
 * One attempt of a step as a real process: the shell leading its own session and process
 * group (so a signal reaches everything it started, through the reaper), stdin closed
 * (reads get end-of-file at once), stdout and stderr piped to the sink.
 *
 * The attempt is over when the shell has exited and both pipes have closed. A background
 * job that keeps the pipes open (`server &`) must not hang the run: after a short drain
 * the session gets SIGTERM, then SIGKILL, and if a process outside it (a setsid daemon)
 * still holds the pipes, stepgraph stops reading them and says so.
 */
export class ProcessWorker implements Worker, FlowControl {
  private readonly child: ChildProcess | undefined
  /** Why the process could not start, once known. */
  private startError: string | undefined
  /** How the shell ended, once it has. */
  private exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined
  private openStreams = 2
  /** Set when the shell's exit is first seen: the pipes may drain until then. */
  private drainUntil: number | undefined
  /** When to SIGKILL the session (a stop's grace, or the drain's). */
  private killAt: number | undefined
  /** After the drain's SIGKILL: when to stop waiting for the pipes. */
  private abandonAt: number | undefined
  private signalledAfterExit = false
  private result: WorkerExit | undefined
  private readonly output: OutputSink

  constructor(private readonly options: ProcessWorkerOptions) {
    this.output = options.output(this)
    const { invocation } = options
    // The runner looks the shell up before it starts anything (ScriptHandler), so a
    // missing shell is reported before a missing working directory.
    if ('error' in invocation) {
      this.startError = invocation.error
      this.child = undefined
      return
    }
    const problem = missingDirectory(options.cwd)
    if (problem) {
      this.startError = problem
      this.child = undefined
      return
    }
    let child: ChildProcess
    try {
      child = spawn(invocation.command, invocation.args, {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // A new session and process group, led by the shell: the reaper reaches the whole
        // tree through them.
        detached: process.platform !== 'win32',
        windowsHide: true,
        windowsVerbatimArguments: invocation.verbatimArguments,
        ...(invocation.argv0 !== undefined && { argv0: invocation.argv0 })
      })
    } catch (error) {
      this.startError = `could not start \`${invocation.command}\`: ${(error as Error).message}`
      this.child = undefined
      return
    }
    this.child = child
    if (child.pid !== undefined) options.reaper.started(child.pid)
    child.on('error', error => {
      if (child.pid === undefined) this.startError = describeSpawnError(invocation.command, error)
      options.wake()
    })
    child.on('exit', (code, signal) => {
      this.exitStatus = { code, signal }
      options.wake()
    })
    this.pipe('stdout', child)
    this.pipe('stderr', child)
  }

  poll(now: number): WorkerExit | undefined {
    if (this.result) return this.result
    if (this.startError !== undefined)
      return this.finish({ exitCode: null, signal: null, error: this.startError })
    const pid = this.child?.pid
    if (this.exitStatus === undefined || pid === undefined) {
      if (pid !== undefined && this.killAt !== undefined && now >= this.killAt) {
        this.options.reaper.signal(pid, 'SIGKILL')
        this.killAt = undefined
      }
      return undefined
    }
    const exit: WorkerExit = { exitCode: this.exitStatus.code, signal: this.exitStatus.signal }
    if (this.openStreams === 0) {
      // Leftovers that closed their output (`sleep 300 >/dev/null &`), or that trapped the
      // SIGTERM, end with the step too: the reaper sees to it.
      this.options.reaper.add(pid, now, LEFTOVER_GRACE_MS)
      return this.finish(exit)
    }
    this.drainUntil ??= now + DRAIN_MS
    if (now < this.drainUntil) return undefined
    if (!this.signalledAfterExit) {
      this.signalledAfterExit = true
      this.options.reaper.signal(pid, 'SIGTERM')
      this.killAt = now + LEFTOVER_GRACE_MS
    } else if (this.killAt !== undefined && now >= this.killAt) {
      this.options.reaper.signal(pid, 'SIGKILL')
      this.killAt = undefined
      this.abandonAt = now + ABANDON_MS
    } else if (this.abandonAt !== undefined && now >= this.abandonAt) {
      this.output.note(
        `a process outside the step’s ${this.options.reaper.reach} (started with setsid, or a ` +
          'daemon) still holds its output open; stepgraph stopped reading it and could not ' +
          'end that process'
      )
      this.child?.stdout?.destroy()
      this.child?.stderr?.destroy()
      this.options.reaper.add(pid, now, LEFTOVER_GRACE_MS)
      return this.finish(exit)
    }
    return undefined
  }

  stop(now: number, graceMs: number): void {
    const pid = this.child?.pid
    if (pid === undefined || this.result) return
    this.options.reaper.signal(pid, 'SIGTERM')
    this.killAt = Math.min(this.killAt ?? Infinity, now + graceMs)
  }

  kill(): void {
    const pid = this.child?.pid
    if (pid === undefined || this.result) return
    this.options.reaper.signal(pid, 'SIGKILL')
    this.killAt = undefined
  }

  /**
   * The shell has exited (or could not start), though its pipes may still be draining.
   * Asked when the run stops the step: an exit Node has not been told of yet (it learns
   * of it when the event loop turns) is found in the process table, so a step that had
   * already ended on its own keeps its own status.
   */
  hasExited(): boolean {
    if (this.result !== undefined || this.exitStatus !== undefined) return true
    if (this.startError !== undefined) return true
    const pid = this.child?.pid
    return pid !== undefined && isZombie(pid)
  }

  nextDeadline(): number | undefined {
    const deadlines = [this.killAt, this.abandonAt, this.exitStatus ? this.drainUntil : undefined]
    const set = deadlines.filter((d): d is number => d !== undefined)
    return set.length > 0 ? Math.min(...set) : undefined
  }

  /** Stops reading the pipes until `resume` (the log cannot keep up). */
  pause(): void {
    this.child?.stdout?.pause()
    this.child?.stderr?.pause()
  }

  resume(): void {
    this.child?.stdout?.resume()
    this.child?.stderr?.resume()
  }

  /** Whether anything of this attempt's session may still be running (for tests). */
  get sessionAlive(): boolean {
    const pid = this.child?.pid
    return pid !== undefined && this.options.reaper.isAlive(pid)
  }

  private pipe(name: StreamName, child: ChildProcess): void {
    const stream = name === 'stdout' ? child.stdout : child.stderr
    if (!stream) {
      this.openStreams--
      return
    }
    stream.on('data', (chunk: Buffer) => {
      this.output.write(name, chunk)
    })
    stream.on('error', () => undefined)
    stream.once('close', () => {
      this.openStreams--
      if (this.openStreams === 0) this.options.wake()
    })
  }

  private finish(exit: WorkerExit): WorkerExit {
    this.result = exit
    this.output.close()
    return exit
  }
}

function missingDirectory(directory: string): string | undefined {
  try {
    return statSync(directory).isDirectory()
      ? undefined
      : `the working directory ${directory} is not a directory`
  } catch {
    return `the working directory ${directory} does not exist`
  }
}

function describeSpawnError(command: string, error: Error): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return `the shell \`${command}\` was not found on PATH`
  if (code === 'EACCES') return `the shell \`${command}\` is not executable`
  return `could not start \`${command}\`: ${error.message}`
}
