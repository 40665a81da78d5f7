import { closeSync, openSync, readdirSync, readSync } from 'node:fs'

/**
 * Linux's process table. Other systems (macOS) have no /proc, or one in another format
 * (FreeBSD's procfs), so they read none.
 */
export const PROC_ROOT: string | undefined = process.platform === 'linux' ? '/proc' : undefined

/** Live members of each session asked for: pid lists, empty when nothing lives in it. */
export type SessionMembers = ReadonlyMap<number, readonly number[]>

/**
 * "pid (comm) state ppid pgrp session ...": 512 bytes reach the session field whatever
 * the command's name (comm is at most 64 bytes, escaped).
 */
const STAT_BYTES = 512
const statBuffer = Buffer.allocUnsafe(STAT_BYTES)

/**
 * One scan of the process table at `procRoot` (PROC_ROOT, or one made for a test): for each session in `sessions`, the pids
 * of its members that are not zombies (field 6 of /proc/PID/stat is the session id).
 *
 * A session outlives its leader, and every process its members start stays in it unless
 * it calls setsid itself: moving to another process group (job control, GNU `timeout`)
 * keeps the session. A zombie runs nothing and holds no pipe: a killed background job is
 * reparented to PID 1, which may reap it late or, in a container without an init, never.
 *
 * Costs one open, read and close per process on the machine (about 10 µs each here),
 * so callers scan once for every session they want, not once per session. Undefined
 * when there is no process table to read (not mounted, or not Linux's).
 */
export function readSessionMembers(
  sessions: ReadonlySet<number>,
  procRoot: string | undefined
): SessionMembers | undefined {
  if (procRoot === undefined) return undefined
  let entries: string[]
  try {
    entries = readdirSync(procRoot)
  } catch {
    return undefined
  }
  const members = new Map<number, number[]>()
  for (const session of sessions) members.set(session, [])
  for (const entry of entries) {
    const first = entry.charCodeAt(0)
    if (first < 48 || first > 57) continue // not a pid: self, sys, uptime...
    const stat = readStat(`${procRoot}/${entry}/stat`)
    if (stat === undefined) continue // gone meanwhile
    // comm may hold spaces and parentheses: the fields are read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ', 4)
    const state = fields[0]
    if (state === 'Z' || state === 'X') continue
    members.get(Number(fields[3]))?.push(Number(entry))
  }
  return members
}

/**
 * Whether `pid` has exited and waits to be reaped (a zombie, state Z). Node learns of a
 * child's exit only when the event loop turns; the process table knows at once. False
 * when unknown (no process table).
 */
export function isZombie(pid: number, procRoot: string | undefined = PROC_ROOT): boolean {
  if (procRoot === undefined) return false
  const stat = readStat(`${procRoot}/${pid}/stat`)
  return (
    stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z'
  )
}

/** The start of a stat file, through one shared buffer (the scan allocates nothing per process). */
function readStat(file: string): string | undefined {
  let descriptor: number
  try {
    descriptor = openSync(file, 'r')
  } catch {
    return undefined
  }
  try {
    return statBuffer.toString('latin1', 0, readSync(descriptor, statBuffer, 0, STAT_BYTES, null))
  } catch {
    return undefined
  } finally {
    closeSync(descriptor)
  }
}
