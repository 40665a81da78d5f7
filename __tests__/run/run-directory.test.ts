import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { chmodSync, existsSync, mkdirSync, readdirSync, utimesSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  defaultTempLocations,
  makeRunDirectories,
  removeRunDirectories,
  type RunDirectories,
  type TempLocations
} from '../../src/run/run-directory.js'
import {
  ownPidNamespace,
  removeStaleDirectories,
  STALE_AFTER_MS
} from '../../src/run/stale-directories.js'
import { cleanUpTempDirectories, tempDirectory, writeFile } from '../helpers/files.js'

// The control files go to a tmpfs (/dev/shm on Linux) when one is usable, else with the
// output. The candidates are injected to check each fallback, as on macOS (no /dev/shm).
cleanUpTempDirectories()

function directoriesWith(tmpfs: readonly string[]): RunDirectories {
  const temp = tempDirectory()
  const locations: TempLocations = { tmpfs, temp: [undefined, temp] }
  const directories = makeRunDirectories(locations)
  expect(path.dirname(directories.output)).toBe(temp)
  removeRunDirectories(directories)
  if (directories.tmpfs !== undefined) expect(existsSync(directories.tmpfs)).toBe(false)
  expect(existsSync(directories.output)).toBe(false)
  return directories
}

describe('makeRunDirectories', () => {
  it('uses /dev/shm on Linux only, RUNNER_TEMP first, then the temp directory', () => {
    const locations = defaultTempLocations()
    expect(locations.tmpfs).toEqual(process.platform === 'linux' ? ['/dev/shm'] : [])
    expect(locations.temp.at(0)).toBe(process.env.RUNNER_TEMP)
  })

  it('puts the control files on the tmpfs when it is writable', () => {
    const base = tempDirectory()
    const { tmpfs } = directoriesWith([base])
    expect(path.dirname(tmpfs ?? '')).toBe(base)
    // Named after its owner, so that a later run can tell whether it was left behind.
    expect(path.basename(tmpfs ?? '')).toMatch(
      new RegExp(`^stepgraph-${process.pid}-${ownPidNamespace()}-\\w{6}$`)
    )
  })

  it('puts them with the output without a tmpfs: none (macOS), missing, not a directory', () => {
    for (const tmpfs of [
      [],
      [path.join(tempDirectory(), 'no-shm')],
      [writeFile(tempDirectory(), 'shm', 'a file')]
    ]) {
      expect(directoriesWith(tmpfs).tmpfs).toBeUndefined()
    }
  })

  it('puts them with the output when the tmpfs is not writable', () => {
    // /proc exists and no one, root included, may create a directory in it.
    expect(directoriesWith(['/proc']).tmpfs).toBeUndefined()
  })

  it.skipIf(process.getuid?.() === 0)(
    'puts them with the output when the tmpfs is read-only to this user',
    () => {
      const readOnly = tempDirectory()
      chmodSync(readOnly, 0o555)
      expect(directoriesWith([readOnly]).tmpfs).toBeUndefined()
      chmodSync(readOnly, 0o755)
    }
  )

  it('tries the next temp location, and fails with every reason when none is writable', () => {
    const missing = path.join(tempDirectory(), 'missing')
    const temp = tempDirectory()
    const directories = makeRunDirectories({ tmpfs: [], temp: [missing, temp] })
    expect(path.dirname(directories.output)).toBe(temp)
    removeRunDirectories(directories)
    const file = writeFile(tempDirectory(), 'file')
    expect(() => makeRunDirectories({ tmpfs: [], temp: [undefined, missing, file] })).toThrow(
      new RegExp(`^no temp directory is writable \\(${missing}: .*; ${file}: .*\\)$`)
    )
  })
})

describe('directories that killed runs left on the tmpfs', () => {
  const sleepers: ChildProcess[] = []
  afterEach(() => {
    for (const sleeper of sleepers.splice(0)) sleeper.kill('SIGKILL')
  })

  /** The pid of a process that has exited. */
  async function deadPid(): Promise<number> {
    const child = spawn('true')
    await once(child, 'exit')
    return child.pid ?? 0
  }

  /** A run directory in `base` for `pid`, with a file in it, last touched `ageMs` ago. */
  function runDirectory(base: string, name: string, ageMs: number): string {
    const directory = path.join(base, name)
    mkdirSync(directory)
    writeFile(directory, 'a.1.github_output', 'x=1\n')
    const at = (Date.now() - ageMs) / 1000
    utimesSync(directory, at, at)
    return directory
  }

  it('are removed at the next start when their owner is dead; a live run’s are kept', async () => {
    const base = tempDirectory()
    const namespace = ownPidNamespace()
    const dead = await deadPid()
    const sleeper = spawn('sleep', ['30'])
    sleepers.push(sleeper)
    const old = STALE_AFTER_MS + 60_000
    const stale = runDirectory(base, `stepgraph-${dead}-${namespace}-AbC123`, old)
    const kept = [
      // Live owners: this process, and another one, idle for long.
      runDirectory(base, `stepgraph-${process.pid}-${namespace}-abc123`, old),
      runDirectory(base, `stepgraph-${sleeper.pid}-${namespace}-abc123`, old),
      // A dead owner's, touched just now (the age threshold).
      runDirectory(base, `stepgraph-${dead}-${namespace}-def456`, 0),
      // Another pid namespace's (a container sharing /dev/shm): its owner cannot be checked.
      runDirectory(base, `stepgraph-${dead}-1-abc123`, old),
      // Not a run directory of this naming.
      runDirectory(base, `stepgraph-${dead}-x`, old),
      runDirectory(base, 'stepgraph-AbC123', old)
    ]
    const directories = makeRunDirectories({ tmpfs: [base], temp: [tempDirectory()] })
    expect(existsSync(stale)).toBe(false)
    for (const directory of kept) expect(existsSync(directory)).toBe(true)
    expect(readdirSync(base)).toHaveLength(kept.length + 1)
    removeRunDirectories(directories)
  })

  it('are never judged without a pid namespace to check owners in (no /proc)', async () => {
    const base = tempDirectory()
    expect(ownPidNamespace(path.join(base, 'no-proc'))).toBe('0')
    expect(ownPidNamespace()).toMatch(/^[1-9]\d*$/)
    const stale = runDirectory(base, `stepgraph-${await deadPid()}-0-abc123`, STALE_AFTER_MS * 2)
    expect(removeStaleDirectories(base, '0')).toEqual([])
    expect(existsSync(stale)).toBe(true)
  })
})
