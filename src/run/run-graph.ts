import type { StepGraph } from '../graph/load.js'
import type { RunOptions } from '../options.js'
import type { FlowControl, OutputSink } from '../process/output-sink.js'
import { ProcessWorkers } from '../process/process-workers.js'
import type { RefusedCommand, StepFileContents } from '../process/step-files.js'
import type { StepSummaries } from '../process/step-summaries.js'
import { SystemClock } from '../scheduler/clock.js'
import type { RunResult, StepResult } from '../scheduler/results.js'
import { MultiprocessScheduler, type SchedulerObserver } from '../scheduler/scheduler.js'
import type { Placement } from '../scheduler/worker.js'
import { RunEstimate, type RemainingTime } from '../timings/estimate.js'
import type { FinishedSteps } from './needs-context.js'
import { makeRunDirectories, removeRunDirectories } from './run-directory.js'
import { loadRunTimings, saveRunTimings, type RunTimings } from './run-timings.js'
import { stepStart } from './step-start.js'
import { onStopSignals, stopSignalsDelivered } from './stop-signals.js'

/** What a front end plugs into a run: scheduler events and where output goes. */
export interface RunReporters {
  readonly observer: SchedulerObserver
  /** Where an attempt's output goes; `flow` pauses its pipes when the log falls behind. */
  outputFor(placement: Placement, flow: FlowControl): OutputSink
  /** Awaited after the run, before its temp directory is removed (spilled output). */
  finish?(): Promise<void>
  /** A stop signal arrived: the first cancels the run, a later one kills every step at once. */
  stopping?(signal: NodeJS.Signals, killing: boolean): void
}

/** What reporters may use during the run. */
export interface RunContext {
  /** Where step output that outgrows memory may go; removed after `finish`. */
  readonly outputDirectory: string
  /** What the timings file held; its `warning`, if any, is for the reporters to show. */
  readonly timings: RunTimings
  /** How long the run has left, by the recorded durations; undefined without any. */
  readonly estimate?: RemainingTime
}

/** A finished run with everything the reporters and outputs need. */
export interface GraphRun {
  readonly graph: StepGraph
  readonly result: RunResult
  /** files[v]: step v's last attempt's command files (outputs, env, path). */
  readonly files: readonly (StepFileContents | undefined)[]
  /** What each step wrote to GITHUB_STEP_SUMMARY (its last attempt), within a budget. */
  readonly summaries: StepSummaries
  /** What all steps exported, for the job's own GITHUB_ENV and GITHUB_PATH. */
  readonly exported: {
    readonly vars: ReadonlyMap<string, string>
    readonly path: readonly string[]
  }
  /** Variables set differently by steps with no order between them. */
  readonly conflicts: readonly string[]
  /** What the steps wrote that the runner refuses (NODE_OPTIONS to GITHUB_ENV). */
  readonly refused: readonly RefusedCommand[]
  /** The stop signal that cancelled the run, if one did. */
  readonly stoppedBy?: NodeJS.Signals
  /** The timings file as it was before the run (what the summary compares this run with). */
  readonly timings: RunTimings
  /** Why the timings file could not be updated, if it could not. */
  readonly timingsProblem?: string
}

/**
 * Runs a validated graph with real processes. A stop signal (SIGINT, SIGTERM, SIGHUP ...:
 * `stop-signal-set.ts`) cancels it, a second one kills every step at once; either way it
 * returns with every step's status, after every process it started is gone. A signal that
 * came before the run, even while the graph was parsed, cancels it before any step starts.
 * `report` is called as soon as every step has ended, before the log is flushed: what it
 * writes to files (outputs, summary) never waits for a slow log, and stop signals still
 * reach the reporters while the log is flushed.
 */
export async function runGraph(
  graph: StepGraph,
  options: RunOptions,
  makeReporters: (context: RunContext) => RunReporters,
  report?: (run: GraphRun) => Promise<void>
): Promise<GraphRun> {
  // What each step's expressions and STEPGRAPH_NEEDS read: how its needs ended (from the
  // scheduler) and what they wrote (from the workers).
  const finished: (StepResult | undefined)[] = []
  const finishedSteps: FinishedSteps = {
    status: step => finished[step]?.status,
    outputs: step => workers.files[step]?.outputs.entries ?? []
  }
  const start = await stepStart(
    graph,
    finishedSteps,
    step => workers.startingEnvironment(step),
    process.env
  )
  const directories = makeRunDirectories()
  // Read before the run, written after it: durations order the ready steps (longest
  // expected time to the end first) and estimate what is left.
  const timings = loadRunTimings(options.timingsFile, graph)
  const expected = timings.expected
  const estimate =
    expected &&
    new RunEstimate(graph.dag, expected.durations, expected.priorities, options.maxParallel)
  const reporters = makeReporters({
    outputDirectory: directories.output,
    timings,
    ...(estimate && { estimate })
  })
  const clock = new SystemClock()
  const workers = new ProcessWorkers({
    graph,
    defaultShell: options.shell,
    workingDirectory: options.workingDirectory,
    controlDirectories: { tmpfs: directories.tmpfs, disk: directories.output },
    baseEnv: options.stepEnvironment ? { ...process.env, ...options.stepEnvironment } : process.env,
    outputFor: (placement, flow) => reporters.outputFor(placement, flow),
    wake: () => {
      clock.wake()
    },
    starter: start.starter
  })
  const scheduler = new MultiprocessScheduler(
    graph.dag,
    graph.steps,
    workers,
    clock,
    {
      slots: options.maxParallel,
      failFast: options.failFast,
      ...(start.conditions && { conditions: start.conditions }),
      ...(expected && { priorities: expected.priorities })
    },
    {
      ...reporters.observer,
      // The estimate learns of each event before the reporters that show it.
      attemptStarted: event => {
        estimate?.observer.attemptStarted?.(event)
        reporters.observer.attemptStarted?.(event)
      },
      attemptEnded: event => {
        estimate?.observer.attemptEnded?.(event)
        reporters.observer.attemptEnded?.(event)
      },
      stepFinished: result => {
        finished[result.step] = result
        estimate?.observer.stepFinished?.(result)
        reporters.observer.stepFinished?.(result)
      },
      pollRound: now => {
        workers.reaper.poll(now)
        reporters.observer.pollRound?.(now)
      }
    }
  )
  let stoppedBy: NodeJS.Signals | undefined
  const stopListening = onStopSignals(
    signal => {
      stoppedBy = signal
      reporters.stopping?.(signal, false)
      scheduler.cancel(`the run was cancelled (${signal})`)
    },
    signal => {
      reporters.stopping?.(signal, true)
      scheduler.killNow()
    }
  )
  try {
    // Signals sent while the graph was read are still in libuv's pipe: take them in before
    // the first spawn, so that one of them cancels the run with nothing started.
    await stopSignalsDelivered()
    const result = await scheduler.run()
    await workers.reaper.settle()
    const timingsProblem = saveRunTimings(timings, graph, result)
    const run: GraphRun = {
      graph,
      result,
      files: workers.files,
      summaries: workers.summaries,
      exported: workers.envFlow.everything(),
      conflicts: workers.envFlow.conflicts(),
      refused: workers.files.flatMap(files => files?.refused ?? []),
      ...(stoppedBy !== undefined && { stoppedBy }),
      timings,
      ...(timingsProblem !== undefined && { timingsProblem })
    }
    await report?.(run)
    await reporters.finish?.()
    return run
  } finally {
    stopListening()
    try {
      removeRunDirectories(directories)
    } catch {
      // A directory a step made unremovable: the runner cleans RUNNER_TEMP after the job,
      // and the run's result must not be lost for it.
    }
  }
}

/** Lines for the log about what the steps exported: conflicts, and what was refused. */
export function runNotes(run: GraphRun): string[] {
  return [
    ...run.refused.map(({ step, message }) => `✖ ${step}: ${message}`),
    ...run.conflicts.map(conflict => `⚠ ${conflict}`)
  ]
}
