import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ownedPrefix, removeStaleDirectories } from './stale-directories.js'

/** Where one run keeps its files. */
export interface RunDirectories {
  /**
   * For each attempt's script and command files (GITHUB_OUTPUT ...), which are small,
   * created and deleted once per attempt: a directory on a tmpfs (/dev/shm) when one is
   * writable, because creating files is slow on disks (2,000 attempts' files took
   * 2.7-12.7 s on this machine's ext4, 0.1 s on tmpfs). Undefined with no usable tmpfs
   * (macOS has none; /dev/shm may be missing or read-only). Each attempt still decides
   * where its files go (`createStepFilesIn`): a tmpfs may be small or full.
   */
  readonly tmpfs: string | undefined
  /**
   * Step output that outgrows memory (possibly gigabytes), and the attempts' files the
   * tmpfs cannot take: RUNNER_TEMP or the temp directory.
   */
  readonly output: string
}

/** Where a run may put its directories, each list tried in order. */
export interface TempLocations {
  /** For the control files: tmpfs mounts. */
  readonly tmpfs: readonly string[]
  /** For the output, and the control files when no tmpfs is usable (unset ones skipped). */
  readonly temp: readonly (string | undefined)[]
}

/**
 * /dev/shm on Linux only: it is a tmpfs there. macOS has no /dev/shm (its shared memory
 * has no path), and on other systems nothing says it would be a tmpfs.
 */
export function defaultTempLocations(): TempLocations {
  return {
    tmpfs: process.platform === 'linux' ? ['/dev/shm'] : [],
    temp: [process.env.RUNNER_TEMP, tmpdir()]
  }
}

/**
 * Fresh directories for one run. The output one is under RUNNER_TEMP on a runner
 * (cleaned with the job), else the system's temp directory; RUNNER_TEMP unusable, the
 * system's. Throws with every reason when no directory is writable.
 *
 * A tmpfs outlives a killed run and is not cleaned with the job (a self-hosted runner's
 * /dev/shm lasts until a reboot), so what killed runs left there is removed first.
 */
export function makeRunDirectories(
  locations: TempLocations = defaultTempLocations()
): RunDirectories {
  const output = makeTempDirectory(locations.temp, 'stepgraph-')
  let tmpfs: string | undefined
  if (locations.tmpfs.length > 0) {
    for (const base of locations.tmpfs) removeStaleDirectories(base)
    try {
      tmpfs = makeTempDirectory(locations.tmpfs, ownedPrefix())
    } catch {
      // No usable tmpfs (missing, not a directory, not writable): the control files live
      // with the output.
    }
  }
  return { tmpfs, output }
}

export function removeRunDirectories({ tmpfs, output }: RunDirectories): void {
  if (tmpfs !== undefined) rmSync(tmpfs, { recursive: true, force: true })
  rmSync(output, { recursive: true, force: true })
}

function makeTempDirectory(bases: readonly (string | undefined)[], prefix: string): string {
  const failures: string[] = []
  for (const base of bases) {
    if (!base) continue
    try {
      return mkdtempSync(path.join(base, prefix))
    } catch (error) {
      failures.push(`${base}: ${(error as Error).message}`)
    }
  }
  throw new Error(`no temp directory is writable (${failures.join('; ')})`)
}
