import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * A fresh directory for one run's scripts and command files: under RUNNER_TEMP on a
 * runner (cleaned with the job), else the system's temp directory. Falls back to the
 * system's when RUNNER_TEMP is unusable; throws with both reasons when neither works.
 */
export function makeRunDirectory(): string {
  const candidates = [process.env.RUNNER_TEMP, tmpdir()].filter((dir): dir is string => !!dir)
  const failures: string[] = []
  for (const base of candidates) {
    try {
      return mkdtempSync(path.join(base, 'stepgraph-'))
    } catch (error) {
      failures.push(`${base}: ${(error as Error).message}`)
    }
  }
  throw new Error(`no temp directory is writable (${failures.join('; ')})`)
}

export function removeRunDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true })
}
