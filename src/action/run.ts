import * as core from '@actions/core'
import type { StepGraph } from '../graph/load.js'
import type { RunOptions } from '../options.js'
import { ActionLog } from '../report/action-log.js'
import { ChildAnnotations, planAnnotations, runAnnotations } from '../report/annotations.js'
import { LogRelay } from '../report/log-relay.js'
import { dispatchLatencyLine } from '../report/dispatch-latency.js'
import { count } from '../report/plan.js'
import { failureMessage, runStatus } from '../report/results.js'
import { LEFT_OUT_KEY, resultsOutput } from '../report/results-output.js'
import { makeRunRecord } from '../report/run-record.js'
import { buildSummary } from '../report/summary.js'
import { isRunnerSet } from '../process/step-environment.js'
import { runGraph, runNotes, type GraphRun } from '../run/run-graph.js'
import { Output } from './input-names.js'
import { appendJobSummary } from './job-summary.js'
import { writeResultsFile } from './results-file.js'

/**
 * Runs the graph as the action: the log relayed while steps run, then the report (see
 * `writeReport`), and the action failed exactly when a step fails the run.
 */
export async function runAsAction(graph: StepGraph, options: RunOptions): Promise<void> {
  const log = new ActionLog()
  const children = new ChildAnnotations()
  let relay: LogRelay | undefined
  const lastLines = (step: number, lines: number): string[] => relay?.lastLines(step, lines) ?? []
  const outcome = await runGraph(
    graph,
    options,
    ({ outputDirectory, timings, estimate }) => {
      if (timings.warning !== undefined) warn(log, `stepgraph: ${timings.warning}`)
      relay = new LogRelay({
        graph,
        mode: options.output,
        log,
        spillDirectory: outputDirectory,
        annotations: children,
        now: () => performance.now(),
        showDebug: core.isDebug(),
        ...(estimate && { estimate })
      })
      return relay
    },
    run => writeReport(run, { log, options, children, lastLines })
  )

  const status = runStatus(graph, outcome.result)
  if (status === 'success') return
  const message = failureMessage(graph, outcome.result)
  if (options.annotations) core.setFailed(message)
  else {
    core.info(message)
    process.exitCode = 1
  }
}

interface ReportContext {
  readonly log: ActionLog
  readonly options: RunOptions
  readonly children: ChildAnnotations
  readonly lastLines: (step: number, lines: number) => string[]
}

/**
 * The report, as soon as every step has ended and before the log is flushed: the notes
 * and annotations within the runner's allowance are queued on the log, then the job
 * summary, the outputs and the steps' exports are written to their files, which never
 * wait for the log. After a cancel the runner kills the action 7.5 s after its first
 * signal; a slow log replaying megabytes must not cost the outputs or the summary. What
 * these steps print (a warning, a debug line) goes through the log, in its order.
 */
async function writeReport(run: GraphRun, context: ReportContext): Promise<void> {
  const { log, options, children, lastLines } = context
  const { graph, result } = run
  const status = runStatus(graph, result)

  for (const line of runNotes(run)) log.line(line)
  if (run.timingsProblem !== undefined) warn(log, `stepgraph: ${run.timingsProblem}`)
  const ours = runAnnotations(
    graph,
    result,
    step => lastLines(step, 10),
    run.conflicts,
    run.refused
  )
  const plan = planAnnotations(ours, children.all, status !== 'success', children.notKept)
  if (options.annotations) for (const annotation of plan.emit) log.annotate(annotation)

  if (options.summary) {
    const summary = buildSummary({
      graph,
      run: result,
      slots: options.maxParallel,
      lastLines,
      stepSummaries: step => run.summaries.text(step),
      droppedAnnotations: options.annotations ? plan.dropped : [],
      unlistedAnnotations: options.annotations ? plan.unlisted : 0,
      recorded: run.timings.recorded,
      // Shown when the workflow runs with debug logging (RUNNER_DEBUG=1).
      debugLines:
        process.env.RUNNER_DEBUG === '1' ? [dispatchLatencyLine(graph.dag, result) ?? ''] : []
    })
    const problem = await appendJobSummary(summary)
    if (problem) warn(log, problem)
  }

  setOutputs(runOutputs(run, context), log)
  handOnExports(run, log)
}

/**
 * The outputs of a run, all from its run record: `results` within GitHub's limit for an
 * output (a warning says what was left out), the whole record in the `results-file`.
 */
function runOutputs(run: GraphRun, context: ReportContext): Record<string, string> {
  const { log, options, children, lastLines } = context
  const record = makeRunRecord(run, {
    slots: options.maxParallel,
    lastLines,
    annotations: children.all,
    annotationsLeftOut: children.notKept
  })
  const written = writeResultsFile(record)
  if ('problem' in written) warn(log, written.problem)
  const results = resultsOutput(record)
  const { outputs, steps } = results.leftOut
  if (outputs + steps > 0) {
    warn(
      log,
      `stepgraph: \`results\` would pass GitHub's limit of 1 MB for an output: ` +
        `${count(outputs, 'output value')} and ${count(steps, 'step')} were left out of it ` +
        `(its \`${LEFT_OUT_KEY}\` key says how many)` +
        ('file' in written ? `; the whole run is in ${written.file} (output \`results-file\`)` : '')
    )
  }
  return {
    [Output.status]: record.status,
    [Output.results]: results.json,
    [Output.failed]: JSON.stringify(record.failed),
    [Output.resultsFile]: 'file' in written ? written.file : ''
  }
}

/**
 * The action's outputs. With GITHUB_OUTPUT (always, on a runner) they are written to that
 * file at once; without it, core writes `::set-output` commands, which take their place in
 * the log. A GITHUB_OUTPUT the runner did not create (or that was deleted) makes
 * `core.setOutput` throw: the outputs are lost, but not the run's result, its log, its
 * summary or its exit code.
 */
export function setOutputs(outputs: Readonly<Record<string, string>>, log: ActionLog): void {
  const set = (): string | undefined => {
    try {
      for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
      return undefined
    } catch (error) {
      return `stepgraph: the outputs could not be set: ${(error as Error).message}`
    }
  }
  if (process.env.GITHUB_OUTPUT) {
    const problem = set()
    if (problem) warn(log, problem)
    return
  }
  log.command(() => {
    const problem = set()
    if (problem) core.warning(problem)
  })
}

/** A warning of stepgraph's own, in its place in the log. */
function warn(log: ActionLog, message: string): void {
  log.command(() => {
    core.warning(message)
  })
}

/**
 * What the steps wrote to GITHUB_ENV and GITHUB_PATH goes on to the job's own files, so
 * later workflow steps see it as after ordinary `run:` steps. Names the runner sets for
 * every step (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_SHA, RUNNER_TEMP ...) are not: they would
 * change nothing for later steps, and core.exportVariable sets process.env first, so an
 * exported GITHUB_ENV would send every later export, and the action's own, to a file of
 * the step's choosing.
 */
function handOnExports(outcome: GraphRun, log: ActionLog): void {
  try {
    if (process.env.GITHUB_ENV) {
      for (const [name, value] of outcome.exported.vars) {
        if (isRunnerSet(name)) {
          log.command(() => {
            core.debug(`${name} is not handed on: the runner sets it`)
          })
        } else core.exportVariable(name, value)
      }
    }
    if (process.env.GITHUB_PATH) {
      for (const directory of outcome.exported.path) core.addPath(directory)
    }
  } catch (error) {
    warn(
      log,
      `stepgraph: GITHUB_ENV and GITHUB_PATH could not be handed on: ${(error as Error).message}`
    )
  }
}
