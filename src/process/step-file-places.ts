import { statfsSync } from 'node:fs'
import { createStepFiles, type StepFiles } from './step-files.js'

/** Where an attempt's files may go. */
export interface StepFilePlaces {
  /**
   * A directory on a tmpfs (/dev/shm): creating a file there takes microseconds, against
   * 0.1-6 ms on this machine's disk. Undefined when no tmpfs is usable.
   */
  readonly tmpfs?: string
  /** A directory on disk (under RUNNER_TEMP): room for whatever a step writes. */
  readonly disk: string
}

/**
 * How much free space the tmpfs must have for an attempt's command files to go there: the
 * step writes into them, and nothing bounds what it writes. Docker's 64 MiB /dev/shm (and
 * Kubernetes') is too small for that, and a full one is useless; a runner's (half of its
 * memory: gigabytes) has room to spare.
 */
export const TMPFS_MIN_FREE_BYTES = 1024 ** 3

/** Free space for an unprivileged writer, in bytes; 0 when unknown (counts as no room). */
export function freeBytes(directory: string): number {
  try {
    const stats = statfsSync(directory)
    return stats.bavail * stats.bsize
  } catch {
    return 0
  }
}

/**
 * Creates an attempt's files where they fit, checked anew for each attempt (a tmpfs fills
 * up and empties during a run):
 * - the script, which stepgraph writes (a known size), on the tmpfs;
 * - the command files, which the step writes, on the tmpfs only while it has
 *   TMPFS_MIN_FREE_BYTES free, otherwise on disk, so a small or full tmpfs never limits
 *   what a step can write to GITHUB_OUTPUT or GITHUB_STEP_SUMMARY.
 * When creating them fails (ENOSPC, EDQUOT, EMFILE, a directory removed...), the other
 * place is tried, all on disk first; the error names every place tried.
 */
export function createStepFilesIn(
  places: StepFilePlaces,
  name: string,
  scriptExtension: string,
  script: string,
  free: (directory: string) => number = freeBytes,
  /** Written beside the script when given: STEPGRAPH_NEEDS_FILE. */
  needsJson?: string
): StepFiles {
  const { tmpfs, disk } = places
  const tries: [script: string, commands: string][] = []
  if (tmpfs === undefined) tries.push([disk, disk])
  else if (free(tmpfs) >= TMPFS_MIN_FREE_BYTES) tries.push([tmpfs, tmpfs], [disk, disk])
  else tries.push([tmpfs, disk], [disk, disk], [tmpfs, tmpfs])
  const failures: string[] = []
  for (const [scriptDirectory, commandDirectory] of tries) {
    try {
      return createStepFiles(
        scriptDirectory,
        name,
        scriptExtension,
        script,
        commandDirectory,
        needsJson
      )
    } catch (error) {
      failures.push((error as Error).message) // it names the file
    }
  }
  throw new Error(failures.join('; '))
}
