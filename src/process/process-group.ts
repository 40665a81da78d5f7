import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/**
 * Signals a step's whole process tree. On POSIX each step leads its own process group
 * (spawned detached: setsid), so a negative pid reaches the shell and everything it
 * started, grandchildren and `cmd &` included, unless they left the group themselves
 * (setsid, a daemon's double fork). On Windows there are no groups: `taskkill /T /F`
 * ends the tree, and both signals mean "end now" (untested in CI: see the README).
 */
export function signalGroup(pid: number, signal: 'SIGTERM' | 'SIGKILL'): void {
  if (process.platform === 'win32') {
    spawn('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true }).on(
      'error',
      () => undefined
    )
    return
  }
  try {
    process.kill(-pid, signal)
  } catch {
    // ESRCH: the group is already empty.
  }
}

/**
 * Linux's process table. Other systems (macOS) have no /proc, or one in another format
 * (FreeBSD's procfs), so they read none.
 */
export const PROC_ROOT: string | undefined = process.platform === 'linux' ? '/proc' : undefined

/**
 * Whether any live process is left in the group. Zombies do not count: a killed
 * background job is reparented to PID 1, which may reap it late (1.7 s seen here) or, in
 * a container without an init, never; it runs nothing and holds no pipe.
 *
 * Telling zombies apart needs the process table at `procRoot`. Without one (macOS, or a
 * Linux without /proc mounted), the group counts as alive while `kill(-pgid, 0)` finds
 * any member, zombies included: a leftover zombie then keeps the reaper waiting until
 * its new parent reaps it, and at the end of a run for at most the reaper's settle time.
 */
export function groupIsAlive(pid: number, procRoot: string | undefined = PROC_ROOT): boolean {
  if (process.platform === 'win32') return false
  try {
    process.kill(-pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  return procRoot === undefined ? true : hasLiveMember(pid, procRoot)
}

/** Scans a Linux process table for a process of the group that is not a zombie. */
function hasLiveMember(groupId: number, procRoot: string): boolean {
  let entries: string[]
  try {
    entries = readdirSync(procRoot)
  } catch {
    return true // no process table here after all: kill's answer stands
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`${procRoot}/${entry}/stat`, 'latin1')
    } catch {
      continue // gone meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[2]) === groupId && fields[0] !== 'Z' && fields[0] !== 'X') return true
  }
  return false
}
