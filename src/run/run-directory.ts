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
   * tmpfs holds at most one set per slot.
   */
  readonly control: string
  /** Step output that outgrows memory (possibly gigabytes): RUNNER_TEMP or the temp directory. */
  readonly output: string
}

/**
 * Fresh directories for one run. The output one is under RUNNER_TEMP on a runner
 * (cleaned with the job), else the system's temp directory; RUNNER_TEMP unusable, the
 * system's. Throws with every reason when no directory is writable.
 */
export function makeRunDirectories(): RunDirectories {
  const output = makeTempDirectory([process.env.RUNNER_TEMP, tmpdir()])
  let control = output
  if (process.platform === 'linux') {
    try {
      control = makeTempDirectory(['/dev/shm'])
    } catch {
      // No usable tmpfs: the control files live with the output.
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
