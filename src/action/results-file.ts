import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runRecordJson, type RunRecord } from '../report/run-record.js'

/**
 * Writes the run record for the `results-file` output, in RUNNER_TEMP itself, not in the
 * run's own directory (removed when the action ends): later steps of the job read it, and
 * the runner empties RUNNER_TEMP after the job. Returns its path, or the reason it could
 * not be written.
 */
export function writeResultsFile(
  record: RunRecord
): { readonly file: string } | { readonly problem: string } {
  const directory = process.env.RUNNER_TEMP || tmpdir()
  // Unique: a job may run stepgraph more than once, and each run keeps its own record.
  const file = path.join(directory, `stepgraph-results-${randomUUID()}.json`)
  try {
    writeFileSync(file, runRecordJson(record), { flag: 'wx' })
    return { file }
  } catch (error) {
    return {
      problem: `stepgraph: the results file could not be written to ${directory}: ${(error as Error).message}`
    }
  }
}
