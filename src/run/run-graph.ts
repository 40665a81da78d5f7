import type { StepGraph } from '../graph/load.js'
import type { RunOptions } from '../options.js'
import type { FlowControl, OutputSink } from '../process/output-sink.js'
import { ProcessWorkers } from '../process/process-workers.js'
import type { RefusedCommand, StepFileContents } from '../process/step-files.js'
import { SystemClock } from '../scheduler/clock.js'
import type { RunResult } from '../scheduler/results.js'
import { MultiprocessScheduler, type SchedulerObserver } from '../scheduler/scheduler.js'
import type { Placement } from '../scheduler/worker.js'
import { makeRunDirectories, removeRunDirectories } from './run-directory.js'
import { onStopSignals } from './stop-signals.js'

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
}

/** A finished run with everything the reporters and outputs need. */
export interface GraphRun {
  readonly graph: StepGraph
  readonly result: RunResult
  /** files[v]: step v's last attempt's command files (outputs, env, path, summary). */
  readonly files: readonly (StepFileContents | undefined)[]
  /** What all steps exported, for the job's own GITHUB_ENV and GITHUB_PATH. */
  readonly exported: {
    readonly vars: ReadonlyMap<string, string>
    readonly path: readonly string[]
  }
  /** Variables set differently by steps with no order between them. */
  readonly conflicts: readonly string[]
  /** What the steps wrote that the runner refuses (NODE_OPTIONS to GITHUB_ENV). */
  readonly refused: readonly RefusedCommand[]
}

/**
 * Runs a validated graph with real processes. SIGINT or SIGTERM cancels it (a second one
 * kills every step at once); either way it returns with every step's status, after every
 * process it started is gone.
 */
export async function runGraph(
  graph: StepGraph,
  options: RunOptions,
  makeReporters: (context: RunContext) => RunReporters
): Promise<GraphRun> {
  const directories = makeRunDirectories()
  const reporters = makeReporters({ outputDirectory: directories.output })
  const clock = new SystemClock()
  const workers = new ProcessWorkers({
    graph,
    defaultShell: options.shell,
    workingDirectory: options.workingDirectory,
    controlDirectories: { tmpfs: directories.tmpfs, disk: directories.output },
    baseEnv: process.env,
    outputFor: (placement, flow) => reporters.outputFor(placement, flow),
    wake: () => {
      clock.wake()
    }
  })
  const scheduler = new MultiprocessScheduler(
    graph.dag,
    graph.steps,
    workers,
    clock,
    { slots: options.maxParallel, failFast: options.failFast },
    {
      ...reporters.observer,
      pollRound: now => {
        workers.reaper.poll(now)
        reporters.observer.pollRound?.(now)
      }
    }
  )
  const stopListening = onStopSignals(
    signal => {
      reporters.stopping?.(signal, false)
      scheduler.cancel(`the run was cancelled (${signal})`)
    },
    signal => {
      reporters.stopping?.(signal, true)
      scheduler.killNow()
    }
  )
  try {
    const result = await scheduler.run()
    await workers.reaper.settle()
    await reporters.finish?.()
    return {
      graph,
      result,
      files: workers.files,
      exported: workers.envFlow.everything(),
      conflicts: workers.envFlow.conflicts(),
      refused: workers.files.flatMap(files => files?.refused ?? [])
    }
  } finally {
    stopListening()
    removeRunDirectories(directories)
  }
}

/** Lines for the log about what the steps exported: conflicts, and what was refused. */
export function runNotes(run: GraphRun): string[] {
  return [
    ...run.refused.map(({ step, message }) => `✖ ${step}: ${message}`),
    ...run.conflicts.map(conflict => `⚠ ${conflict}`)
  ]
}
