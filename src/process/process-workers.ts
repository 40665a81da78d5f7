import path from 'node:path'
import type { StepGraph } from '../graph/load.js'
import { fileStem, type StepSpec } from '../graph/spec.js'
import type { Placement, Worker, WorkerExit, WorkerFactory } from '../scheduler/worker.js'
import { EnvFlow } from './env-flow.js'
import type { FlowControl, OutputSink } from './output-sink.js'
import { ProcessWorker } from './process-worker.js'
import { startService } from './service-start.js'
import { SessionReaper } from './reaper.js'
import { hostPlatform, type Platform } from './platform.js'
import { findShell, invocation, scriptContents, shellSpec } from './shell.js'
import { createStepFilesIn, type StepFilePlaces } from './step-file-places.js'
import {
  commandFilesError,
  readStepFiles,
  removeStepFiles,
  type StepFileContents,
  type StepFiles
} from './step-files.js'
import { matrixVariables } from '../graph/matrix.js'
import { EnvironmentBuilder, runnerSetValues, runStepEnvironment } from './step-environment.js'
import { StepSummaries } from './step-summaries.js'

export interface ProcessWorkersOptions {
  readonly graph: StepGraph
  /** Shell for steps that name none; undefined: the runner's default for the platform. */
  readonly defaultShell: string | undefined
  /** Absolute; steps' own working directories are relative to it. */
  readonly workingDirectory: string
  /** Where each attempt's script and command files may go (deleted once read). */
  readonly controlDirectories: StepFilePlaces
  /** The environment every step starts from (the action's own). */
  readonly baseEnv: NodeJS.ProcessEnv
  /** Where each attempt's output goes; `flow` pauses and resumes its pipes. */
  readonly outputFor: (placement: Placement, flow: FlowControl) => OutputSink
  /** Wakes the scheduler's wait (a child exited). */
  readonly wake: () => void
  /** Whose rules find, write and start the shell; the host's (reading `baseEnv`) by default. */
  readonly platform?: Platform
  /**
   * What the run gives each step as it starts (src/run/: runGraph always gives one).
   * Without it, a step runs as written and gets no STEPGRAPH_NEEDS.
   */
  readonly starter?: StepStarter
}

/** What a step gets from the run as it starts, beyond what the workers know. */
export interface StepStarter {
  /**
   * The spec the step runs with: its `${{ }}` evaluated, `env` being the environment it
   * starts from (`ProcessWorkers.startingEnvironment`); or why it cannot start.
   */
  expand(step: number, env: NodeJS.ProcessEnv): StepSpec | { readonly error: string }
  /** STEPGRAPH_NEEDS: the JSON of the step's `needs` context, as `toJSON(needs)` gives it. */
  needsJson(step: number): string
}

/**
 * Starts steps as real processes, exactly as the runner would start a `run:` step, with
 * what the steps before them exported through GITHUB_ENV and GITHUB_PATH.
 */
export class ProcessWorkers implements WorkerFactory {
  readonly envFlow: EnvFlow
  readonly reaper = new SessionReaper()
  /** files[v]: what step v's last attempt wrote to its command files. */
  readonly files: (StepFileContents | undefined)[]
  /** What the steps wrote to GITHUB_STEP_SUMMARY, within one budget for all. */
  readonly summaries: StepSummaries
  private readonly platform: Platform
  private readonly pathKey: string
  /** A snapshot of the base environment: the prototype of every step's (never frozen: a
   * read-only inherited key could not be set on a step's own environment). It has no
   * prototype itself, so any variable name, `__proto__` included, is an ordinary key. */
  private readonly baseEnv: NodeJS.ProcessEnv
  /** The runner's GITHUB_* and RUNNER_* values, which no step can change. */
  private readonly runnerSet: ReadonlyMap<string, string>
  /** Windows: the spelling of each base variable's name (names ignore case there). */
  private readonly baseSpelling: ReadonlyMap<string, string> | undefined
  /** Services whose exports were recorded when they were ready, for the steps that need them. */
  private readonly exportedWhenReady = new Set<number>()

  constructor(private readonly options: ProcessWorkersOptions) {
    const { graph, baseEnv } = options
    this.envFlow = new EnvFlow(
      graph.dag,
      graph.steps.map(step => step.id)
    )
    this.files = new Array<StepFileContents | undefined>(graph.dag.size).fill(undefined)
    this.summaries = new StepSummaries(graph.dag.size)
    // Windows spells it Path; the variable's name is whatever the environment uses.
    this.pathKey = Object.keys(baseEnv).find(key => key.toUpperCase() === 'PATH') ?? 'PATH'
    this.platform = options.platform ?? hostPlatform(baseEnv)
    this.baseEnv = runStepEnvironment(baseEnv)
    this.runnerSet = runnerSetValues(baseEnv)
    this.baseSpelling =
      this.platform.os === 'win32' ? EnvironmentBuilder.spellingOf(this.baseEnv) : undefined
  }

  start(placement: Placement): Worker {
    const written = this.options.graph.steps[placement.step] as StepSpec
    const starting = this.starting(placement.step)
    const spec = this.options.starter?.expand(placement.step, starting.builder.env) ?? written
    if ('error' in spec) return failedToStart(spec.error, this.options, placement)
    const { os } = this.platform
    const shell = shellSpec(spec.shell ?? this.options.defaultShell, os)
    const needs = this.options.starter?.needsJson(placement.step)
    const needsInFile = needs !== undefined && Buffer.byteLength(needs) > NEEDS_IN_ENVIRONMENT_LIMIT
    let files
    try {
      files = createStepFilesIn(
        this.options.controlDirectories,
        `${fileStem(spec)}.${placement.attempt}`,
        shell.extension,
        scriptContents(shell, spec.run, os),
        undefined,
        needsInFile ? needs : undefined
      )
    } catch (error) {
      return failedToStart(
        `could not create the step's script and command files: ${(error as Error).message}`,
        this.options,
        placement
      )
    }
    const { env, shellPath } = this.environment(starting, spec, placement, files, needs)
    const command = findShell(shell, shellPath, this.platform)
    const cwd = path.resolve(this.options.workingDirectory, spec.workingDirectory ?? '.')
    const service =
      spec.service &&
      startService(
        spec.service,
        { shell, command, os, cwd, env, files, reaper: this.reaper, wake: this.options.wake },
        () => {
          this.exportsWhenReady(placement, files)
        }
      )
    const worker = new ProcessWorker({
      invocation:
        command === undefined
          ? { error: `the shell \`${shell.candidates.at(-1) ?? ''}\` was not found on PATH` }
          : invocation(shell, command, files.script, os),
      cwd,
      env,
      output: flow => {
        const sink = this.options.outputFor(placement, flow)
        if (needsInFile) sink.note(needsInFileNote(needs))
        return service ? service.watching(sink) : sink
      },
      reaper: this.reaper,
      wake: this.options.wake
    })
    const own: Worker = {
      poll: at => {
        const exit = worker.poll(at)
        return exit && this.collect(placement, files, exit)
      },
      stop: (at, graceMs) => {
        worker.stop(at, graceMs)
      },
      kill: () => {
        worker.kill()
      },
      hasExited: () => worker.hasExited(),
      nextDeadline: () => worker.nextDeadline()
    }
    return service ? service.worker(own) : own
  }

  /**
   * A service is ready: what it wrote to its command files so far is what the steps that
   * need it get (its outputs, and its GITHUB_ENV and GITHUB_PATH, recorded once: a
   * dependent's view must not change under it). Its outputs are read again when it stops.
   */
  private exportsWhenReady(placement: Placement, files: StepFiles): void {
    const contents = readStepFiles(
      files,
      this.options.graph.steps[placement.step]?.id ?? '?',
      this.platform.os
    )
    this.files[placement.step] = contents
    this.envFlow.record(placement.step, contents.env.entries, contents.path)
    this.exportedWhenReady.add(placement.step)
  }

  /** Reads the attempt's command files before its dependents can start. */
  private collect(
    placement: Placement,
    files: Parameters<typeof readStepFiles>[0],
    exit: WorkerExit
  ): WorkerExit {
    const contents = readStepFiles(
      files,
      this.options.graph.steps[placement.step]?.id ?? '?',
      this.platform.os
    )
    this.summaries.record(placement.step, files.summary)
    removeStepFiles(files)
    this.files[placement.step] = contents
    if (!this.exportedWhenReady.has(placement.step)) {
      this.envFlow.record(placement.step, contents.env.entries, contents.path)
    }
    // As the runner does, a malformed command file fails the step; a refused entry
    // (contents.refused) does not: the runner only reports it.
    const problem = commandFilesError(contents)
    if (problem === undefined || exit.error !== undefined) return exit
    return { ...exit, error: problem }
  }

  /**
   * The environment step v starts from, before its own `env`: the job's (the action's,
   * without what only actions get) and what its needs exported. The `env` context of its
   * `if` and of its `env` values.
   */
  startingEnvironment(step: number): NodeJS.ProcessEnv {
    return this.starting(step).builder.env
  }

  /** The environment step v starts from, and the directories its needs added to PATH. */
  private starting(step: number): Starting {
    const builder = new EnvironmentBuilder(this.baseEnv, this.baseSpelling)
    const inherited = this.envFlow.inherited(step)
    for (const [name, value] of inherited.vars) builder.set(name, value)
    return { builder, path: inherited.path }
  }

  /**
   * A step's environment, in the runner's order for a `run:` step (ScriptHandler): the
   * job's and what its needs exported (`starting`), its `env`; PATH
   * with the GITHUB_PATH additions in front; the runner's own GITHUB_* and RUNNER_*
   * values over all of that; then stepgraph's variables and the step's private command
   * files. Also where its shell is looked up: the runner's own PATH with the additions in
   * front (`prependPath`), whatever PATH the step's env sets.
   */
  private environment(
    starting: Starting,
    spec: StepSpec,
    placement: Placement,
    files: StepFiles,
    needs: string | undefined
  ): { readonly env: NodeJS.ProcessEnv; readonly shellPath: string | undefined } {
    const step = starting.builder
    for (const [name, value] of spec.env) step.set(name, value)
    const separator = this.platform.os === 'win32' ? ';' : ':'
    // The newest directory first, as the runner prepends GITHUB_PATH entries.
    const added = [...starting.path].reverse().join(separator)
    const prepend = (path: string | undefined): string | undefined =>
      added === '' ? path : path ? `${added}${separator}${path}` : added
    // To the PATH the step would otherwise have (an exported or declared one included).
    const stepPath = prepend(step.get('PATH'))
    if (stepPath !== undefined) step.set(this.pathKey, stepPath)
    for (const [name, value] of this.runnerSet) step.set(name, value)
    step.set('STEPGRAPH_STEP_ID', spec.id)
    step.set('STEPGRAPH_SLOT', String(placement.slot))
    step.set('STEPGRAPH_ATTEMPT', String(placement.attempt))
    if (files.needs !== undefined) step.set('STEPGRAPH_NEEDS_FILE', files.needs)
    else if (needs !== undefined) step.set('STEPGRAPH_NEEDS', needs)
    // As `toJSON(matrix)` gives it, and each value on its own; only an instance has them.
    if (spec.matrix !== undefined) {
      step.set('STEPGRAPH_MATRIX', JSON.stringify(spec.matrix, null, 2))
      for (const [name, value] of matrixVariables(spec)) step.set(name, value)
    }
    step.set('GITHUB_OUTPUT', files.output)
    step.set('GITHUB_ENV', files.env)
    step.set('GITHUB_PATH', files.path)
    step.set('GITHUB_STEP_SUMMARY', files.summary)
    step.set('GITHUB_STATE', files.state)
    return { env: step.env, shellPath: prepend(this.baseEnv[this.pathKey]) }
  }
}

/**
 * The largest STEPGRAPH_NEEDS put in the environment, in bytes. Linux takes at most
 * 128 KiB in one variable (MAX_ARG_STRLEN) and 2 MiB for all of them with the arguments:
 * needs that wrote large outputs (each may write up to 1 MiB) would keep the step from
 * starting (E2BIG). A larger one is written to a file, STEPGRAPH_NEEDS_FILE.
 */
export const NEEDS_IN_ENVIRONMENT_LIMIT = 64 * 1024

function needsInFileNote(needs: string): string {
  const size = Buffer.byteLength(needs).toLocaleString('en-US')
  return (
    `STEPGRAPH_NEEDS would be ${size} bytes, more than the environment is given ` +
    '(64 KiB): it is in the file named by STEPGRAPH_NEEDS_FILE'
  )
}

/** The environment a step starts from, and its needs' GITHUB_PATH additions. */
interface Starting {
  readonly builder: EnvironmentBuilder
  readonly path: readonly string[]
}

/** A worker for an attempt that failed before a process could exist. */
function failedToStart(
  error: string,
  options: ProcessWorkersOptions,
  placement: Placement
): Worker {
  const output = options.outputFor(placement, { pause: () => undefined, resume: () => undefined })
  let closed = false
  return {
    poll: () => {
      if (!closed) {
        closed = true
        output.close()
      }
      return { exitCode: null, signal: null, error }
    },
    stop: () => undefined,
    kill: () => undefined
  }
}
