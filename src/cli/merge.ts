import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { runRecordJson } from '../report/run-record.js'
import { balanceLines } from '../shard/balance.js'
import { mergeSummary } from '../shard/merge-summary.js'
import { mergeResults, saveMergedTimings } from '../shard/merge.js'
import type { CliCommand } from './args.js'

type MergeCommand = Extract<CliCommand, { kind: 'merge' }>

/**
 * `stepgraph merge FILES|DIR|GLOB...`: the shards' results files reported as one run, as
 * the action's `merge` input does. Exit 2 when they cannot be merged, 1 when the whole
 * graph failed (a shard missing, failed or cancelled), 0 otherwise.
 */
export function mergeCommand(
  command: MergeCommand,
  terminal: {
    readonly stdout: NodeJS.WritableStream
    readonly stderr: NodeJS.WritableStream
    readonly cwd: string
  }
): number {
  const { stdout, stderr, cwd } = terminal
  const outcome = mergeResults(command.sources, cwd)
  if (!outcome.ok) {
    for (const problem of outcome.refused) stderr.write(`stepgraph merge: ${problem}\n`)
    return 2
  }
  const { merged, failing } = outcome
  const skipped = outcome.skipped.map(
    file => `stepgraph merge: ${file} is not a shard's results file: left alone`
  )
  const lines = [...skipped, ...balanceLines(outcome.balance), ...failing.map(line => `✖ ${line}`)]
  if (merged.record.failed.length > 0) lines.push(`✖ failed: ${merged.record.failed.join(', ')}`)
  lines.push(`status: ${merged.record.status}`)
  stdout.write(`${lines.join('\n')}\n`)
  const write = (flag: string, file: string, text: string): void => {
    try {
      writeFileSync(path.resolve(cwd, file), text)
    } catch (error) {
      stderr.write(`stepgraph merge: ${flag}: ${(error as Error).message}\n`)
    }
  }
  if (command.summaryFile) write('--summary-file', command.summaryFile, mergeSummary(outcome))
  if (command.resultsFile)
    write('--results-file', command.resultsFile, runRecordJson(merged.record))
  if (command.timings) {
    const problem = saveMergedTimings(path.resolve(cwd, command.timings), merged)
    if (problem !== undefined) stderr.write(`stepgraph merge: ${problem}\n`)
  }
  return merged.record.status === 'success' ? 0 : 1
}
