import { readdirSync, readlinkSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * A run's directory on a tmpfs is named after its owner: `stepgraph-PID-NS-XXXXXX`, with
 * the owner's pid, the inode of its pid namespace (what makes the pid mean something:
 * containers sharing /dev/shm have namespaces of their own) and mkdtemp's random suffix.
 */
const OWNED_NAME = /^stepgraph-(\d+)-(\d+)-[A-Za-z0-9]{6}$/

/**
 * How long a dead owner's directory must have been left untouched before it is removed:
 * belt and braces on top of the pid check (a run's directory changes whenever a step
 * starts or ends in it).
 */
export const STALE_AFTER_MS = 60_000

/** Linux's highest pid_max (2^22): a larger number in a name is no pid. */
const MAX_PID = 4_194_304

/** The prefix for mkdtemp of a directory this process owns. */
export function ownedPrefix(pidNamespace: string = ownPidNamespace()): string {
  return `stepgraph-${process.pid}-${pidNamespace}-`
}

/**
 * The inode number of this process's pid namespace ("pid:[4026531836]"), or "0" where
 * none can be read (no /proc: macOS): then no directory is ever judged stale.
 */
export function ownPidNamespace(procRoot = '/proc'): string {
  try {
    return /\[(\d+)\]/.exec(readlinkSync(`${procRoot}/self/ns/pid`))?.[1] ?? '0'
  } catch {
    return '0'
  }
}

/**
 * Removes the run directories in `base` that a killed run left behind: named after an
 * owner of this pid namespace that is no longer alive, and untouched for STALE_AFTER_MS.
 * A live run's directory is never removed: its owner's pid answers `kill(pid, 0)` (EPERM
 * counts: alive, another user's), a recycled pid only keeps a stale one longer, and a
 * directory of another namespace (a container sharing /dev/shm), whose owner cannot be
 * checked from here, is left alone. Best effort: anything unreadable is skipped.
 */
export function removeStaleDirectories(
  base: string,
  pidNamespace: string = ownPidNamespace(),
  now: number = Date.now()
): string[] {
  if (pidNamespace === '0') return []
  let entries: string[]
  try {
    entries = readdirSync(base)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const entry of entries) {
    const owner = OWNED_NAME.exec(entry)
    if (!owner || owner[2] !== pidNamespace || isAlive(Number(owner[1]))) continue
    const directory = path.join(base, entry)
    try {
      if (now - statSync(directory).mtimeMs < STALE_AFTER_MS) continue
      rmSync(directory, { recursive: true, force: true })
      removed.push(directory)
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return removed
}

/** Whether `pid` names a live process; anything that is not a plain pid counts as alive. */
function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 1 || pid > MAX_PID) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
