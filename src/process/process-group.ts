import { spawn } from 'node:child_process'

/** The signals stepgraph ends steps with. */
export type EndSignal = 'SIGTERM' | 'SIGKILL'

/**
 * Signals a step's process group: the step's shell leads it (spawned detached: setsid),
 * so a negative pid reaches the shell and everything it started that stayed in its group,
 * atomically. What moved to another group of the step's session (job control, GNU
 * `timeout`) is reached through the process table (`SessionReaper`). On Windows there are
 * no groups: `taskkill /T /F` ends the tree, and both signals mean "end now" (untested in
 * CI: see the README).
 */
export function signalGroup(pid: number, signal: EndSignal): void {
  if (process.platform === 'win32') {
    spawn('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true }).on(
      'error',
      () => undefined
    )
    return
  }
  signalWithoutStack(-pid, signal) // ESRCH: the group is already empty
}

/** Signals each of `pids`, found by a scan of the process table; one that has gone is skipped. */
export function signalProcesses(pids: readonly number[], signal: EndSignal): void {
  for (const pid of pids) signalWithoutStack(pid, signal) // ESRCH: it ended since the scan
}

/**
 * Whether `kill(-pgid, 0)` finds any member of the group, zombies included. What decides
 * whether a step's leftovers live where there is no process table (macOS); never on
 * Windows, which has no groups.
 */
export function groupExists(pid: number): boolean {
  if (process.platform === 'win32') return false
  const error = signalWithoutStack(-pid, 0)
  return error === undefined || error === 'EPERM'
}

/**
 * `process.kill`, answering the error's code instead of throwing it. Every step's end
 * signals its group, which is nearly always empty by then (ESRCH): the exception's stack
 * trace is most of the cost of that system call, so none is captured.
 */
function signalWithoutStack(pid: number, signal: EndSignal | 0): string | undefined {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    process.kill(pid, signal)
    return undefined
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unknown'
  } finally {
    Error.stackTraceLimit = limit
  }
}
