import * as core from './runner.js'
import type { StepGraph } from '../graph/load.js'
import type { RunOptions } from '../options.js'
import { ActionLog } from '../report/action-log.js'
import {
  annotationCommand,
  ChildAnnotations,
  planAnnotations,
  runAnnotations
} from '../report/annotations.js'
import { LogRelay } from '../report/log-relay.js'
import { dispatchLatencyLine } from '../report/dispatch-latency.js'
import { failedIds, failureMessage, resultsJson, runStatus } from '../report/results.js'
import { buildSummary } from '../report/summary.js'
import { appendJobSummary } from '../report/summary-file.js'
import { runGraph, type GraphRun } from '../run/run-graph.js'
import { Output } from './input-names.js'

/**
 * Runs the graph as the action: the log relayed while steps run, then annotations within
 * the runner's allowance, the job summary, the outputs, the steps' exports handed on to
 * the job, and the action failed exactly when a step fails the run.
 */
export async function runAsAction(graph: StepGraph, options: RunOptions): Promise<void> {
  const log = new ActionLog()
  const children = new ChildAnnotations()
  let relay: LogRelay | undefined
  const outcome = await runGraph(graph, options, ({ outputDirectory }) => {
    relay = new LogRelay({
      graph,
      mode: options.output,
      log,
      spillDirectory: outputDirectory,
      annotations: children,
      now: () => performance.now()
    })
    return relay
  })
  const lastLines = (step: number, lines: number): string[] => relay?.lastLines(step, lines) ?? []
  const status = runStatus(graph, outcome.result)

  for (const conflict of outcome.conflicts) log.line(`⚠ ${conflict}`)
  const ours = runAnnotations(graph, outcome.result, step => lastLines(step, 10), outcome.conflicts)
  const plan = planAnnotations(ours, children.all, status !== 'success')
  if (options.annotations)
    for (const annotation of plan.emit) log.command(annotationCommand(annotation))
  await log.flush()

  if (options.summary) {
    const summary = buildSummary({
      graph,
      run: outcome.result,
      slots: options.maxParallel,
      lastLines,
      stepSummaries: step => outcome.files[step]?.summary ?? '',
      droppedAnnotations: options.annotations ? plan.dropped : [],
      // Shown when the workflow runs with debug logging (RUNNER_DEBUG=1).
      debugLines:
        process.env.RUNNER_DEBUG === '1'
          ? [dispatchLatencyLine(graph.dag, outcome.result) ?? '']
          : []
    })
    const problem = await appendJobSummary(summary)
    if (problem) core.warning(problem)
  }

  setOutputs({
    [Output.status]: status,
    [Output.results]: JSON.stringify(resultsJson(graph, outcome.result, outcome.files)),
    [Output.failed]: JSON.stringify(failedIds(graph, outcome.result))
  })
  handOnExports(outcome)

  if (status === 'success') return
  const message = failureMessage(graph, outcome.result)
  if (options.annotations) core.setFailed(message)
  else {
    core.info(message)
    process.exitCode = 1
  }
}

/**
 * The action's outputs. A GITHUB_OUTPUT the runner did not create (or that was deleted)
 * makes `core.setOutput` throw: the outputs are lost, but not the run's result, its log,
 * its summary or its exit code.
 */
export function setOutputs(outputs: Readonly<Record<string, string>>): void {
  try {
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  } catch (error) {
    core.warning(`stepgraph: the outputs could not be set: ${(error as Error).message}`)
  }
}

/**
 * What the steps wrote to GITHUB_ENV and GITHUB_PATH goes on to the job's own files, so
 * later workflow steps see it as after ordinary `run:` steps.
 */
function handOnExports(outcome: GraphRun): void {
  try {
    if (process.env.GITHUB_ENV) {
      for (const [name, value] of outcome.exported.vars) core.exportVariable(name, value)
    }
    if (process.env.GITHUB_PATH) {
      for (const directory of outcome.exported.path) core.addPath(directory)
    }
  } catch (error) {
    core.warning(
      `stepgraph: GITHUB_ENV and GITHUB_PATH could not be handed on: ${(error as Error).message}`
    )
  }
}
