import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Where one run keeps its files. */
export interface RunDirectories {
  /**
   * Each attempt's script and command files (GITHUB_OUTPUT ...): small, created and
   * deleted once per attempt. On a tmpfs when one is writable (/dev/shm), because creating
   * files is slow on disks: 2,000 attempts' files took 2.7-12.7 s on this machine's ext4
   * and 0.1 s on tmpfs. Each attempt's files are deleted as soon as they are read, so the
   * tmpfs holds at most one set per slot. With no usable tmpfs (macOS has none; /dev/shm
   * may be missing or read-only), the same directory as `output`.
   */
  readonly control: string
  /** Step output that outgrows memory (possibly gigabytes): RUNNER_TEMP or the temp directory. */
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
 */
export function makeRunDirectories(
  locations: TempLocations = defaultTempLocations()
): RunDirectories {
  const output = makeTempDirectory(locations.temp)
  let control = output
  if (locations.tmpfs.length > 0) {
    try {
      control = makeTempDirectory(locations.tmpfs)
    } catch {
      // No usable tmpfs (missing, not a directory, not writable): the control files live
      // with the output.
    }
  }
  return { control, output }
}

export function removeRunDirectories({ control, output }: RunDirectories): void {
  rmSync(control, { recursive: true, force: true })
  if (output !== control) rmSync(output, { recursive: true, force: true })
}

function makeTempDirectory(bases: readonly (string | undefined)[]): string {
  const failures: string[] = []
  for (const base of bases) {
    if (!base) continue
    try {
      return mkdtempSync(path.join(base, 'stepgraph-'))
    } catch (error) {
      failures.push(`${base}: ${(error as Error).message}`)
    }
  }
  throw new Error(`no temp directory is writable (${failures.join('; ')})`)
}
