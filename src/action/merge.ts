import * as core from '@actions/core'
import type { RunOptions } from '../options.js'
import { ActionLog } from '../report/action-log.js'
import { planAnnotations } from '../report/annotations.js'
import { count } from '../report/plan.js'
import { resultsOutput } from '../report/results-output.js'
import { balanceLines } from '../shard/balance.js'
import { mergeAnnotations } from '../shard/merge-annotations.js'
import { annotationOf } from '../report/run-record.js'
import { mergeSummary } from '../shard/merge-summary.js'
import { mergeResults, saveMergedTimings } from '../shard/merge.js'
import { Output } from './input-names.js'
import { appendJobSummary } from './job-summary.js'
import { writeResultsFile } from './results-file.js'
import { setOutputs } from './run.js'

/**
 * The `merge` input: runs nothing. Reads the shards' results files, and reports the whole
 * graph from them as one run would: the log, the annotations within the runner's
 * allowance, one job summary, and the outputs; updates the timings file when one is given.
 * Fails when the files cannot be merged, and when a shard is missing, failed or was
 * cancelled, each time saying which and what to do.
 */
export async function mergeAsAction(merge: string, options: RunOptions): Promise<void> {
  const log = new ActionLog()
  const outcome = mergeResults([merge], process.cwd())
  if (!outcome.ok) {
    for (const problem of outcome.refused) log.line(`✖ ${problem}`)
    if (options.annotations)
      for (const problem of outcome.refused.slice(0, 9))
        log.annotate({ level: 'error', title: 'stepgraph: cannot merge', message: problem })
    await log.flush()
    fail(`the shards' results files cannot be merged: ${outcome.refused.join('; ')}`, options)
    return
  }
  const { merged, failing, skipped } = outcome
  const { record } = merged
  if (skipped.length > 0)
    log.line(
      `stepgraph merge: ${count(skipped.length, 'JSON file')} that are not run records left alone`
    )
  for (const line of balanceLines(outcome.balance)) log.line(line)
  for (const line of failing) log.line(`✖ ${line}`)
  const runFails = record.status !== 'success'
  const plan = planAnnotations(
    mergeAnnotations(outcome),
    record.annotations.map(annotationOf),
    runFails,
    record['annotations-left-out']
  )
  if (options.annotations) for (const annotation of plan.emit) log.annotate(annotation)
  if (options.summary) {
    const leftOut = options.annotations
      ? { listed: plan.dropped, unlisted: plan.unlisted }
      : { listed: [], unlisted: 0 }
    const problem = await appendJobSummary(mergeSummary(outcome, leftOut))
    if (problem) warn(log, problem)
  }
  if (options.timingsFile !== undefined) {
    const problem = saveMergedTimings(options.timingsFile, merged)
    if (problem !== undefined) warn(log, `stepgraph: ${problem}`)
  }
  const written = writeResultsFile(record)
  if ('problem' in written) warn(log, written.problem)
  setOutputs(
    {
      [Output.status]: record.status,
      [Output.results]: resultsOutput(record).json,
      [Output.failed]: JSON.stringify(record.failed),
      [Output.resultsFile]: 'file' in written ? written.file : ''
    },
    log
  )
  await log.flush()
  if (!runFails) return
  const why =
    failing.length > 0
      ? failing.join('; ')
      : `${count(record.failed.length, 'step')} failed: ${record.failed.join(', ')}`
  fail(
    `the sharded run ${record.status === 'cancelled' ? 'was cancelled' : 'failed'}: ${why}`,
    options
  )
}

function warn(log: ActionLog, message: string): void {
  log.command(() => {
    core.warning(message)
  })
}

function fail(message: string, options: RunOptions): void {
  if (options.annotations) core.setFailed(`stepgraph: ${message}`)
  else {
    core.info(`stepgraph: ${message}`)
    process.exitCode = 1
  }
}
