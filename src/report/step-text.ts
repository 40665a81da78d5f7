import type { StepStatus } from '../scheduler/results.js'
import type { WorkerExit } from '../scheduler/worker.js'

/** One mark per status, the same in the log, the summary and the CLI. */
export const STATUS_MARK: Readonly<Record<StepStatus, string>> = {
  success: '✓',
  failure: '✗',
  'timed-out': '⏱',
  skipped: '↷',
  cancelled: '⊘'
}

/** How an attempt ended, in words: "exit code 7", "killed by SIGSEGV", "timed out". */
export function describeEnd(status: StepStatus, exit: WorkerExit): string {
  if (status === 'success') return 'succeeded'
  if (status === 'timed-out')
    return exit.signal ? `timed out (ended by ${exit.signal})` : 'timed out'
  if (status === 'cancelled') return 'cancelled'
  if (exit.error !== undefined)
    return exit.exitCode === null ? exit.error : `exit code ${exit.exitCode}, but ${exit.error}`
  if (exit.signal) return `killed by ${exit.signal}`
  return `exit code ${exit.exitCode ?? '?'}`
}
