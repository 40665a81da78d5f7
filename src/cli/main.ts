import { statSync, writeFileSync } from 'node:fs'
import { availableParallelism, constants } from 'node:os'
import path from 'node:path'
import packageJson from '../../package.json' with { type: 'json' }
import { loadStepGraph, type StepGraph } from '../graph/load.js'
import { readGraphFile } from '../graph/read-file.js'
import { toDot, toMermaid } from '../graph/render.js'
import { formatProblem } from '../graph/source.js'
import type { RunOptions } from '../options.js'
import { ChildAnnotations } from '../report/annotations.js'
import { LogRelay } from '../report/log-relay.js'
import { count, makePlan, planLines, planMarkdown } from '../report/plan.js'
import { runStatus } from '../report/results.js'
import { makeRunRecord, runRecordJson } from '../report/run-record.js'
import { buildSummary } from '../report/summary.js'
import { runGraph, runNotes } from '../run/run-graph.js'
import { loadRunTimings } from '../run/run-timings.js'
import { catchStopSignals } from '../run/stop-signals.js'
import { HELP, parseCliArgs, UsageError, type RunFlags } from './args.js'
import { failuresInView, finalTable } from './final-table.js'
import { LiveView } from './live-view.js'
import { escapePolicyFor, LiveRegion, paintFor } from './terminal.js'
import { stepColourEnvironment } from './step-colours.js'
import { selectTargets } from './targets.js'
import { TerminalLog } from './terminal-log.js'
import { timingsFileFor } from './timings-place.js'

/** Exit codes, as SPEC.md says; a run stopped by signal N exits 128 + N (`interrupted`). */
export const EXIT = { success: 0, failure: 1, invalid: 2, interrupted: 130 } as const

/** 128 + the signal's number, as a shell reports a command the signal ended: 130 for SIGINT. */
export function interruptedExit(signal: NodeJS.Signals | undefined): number {
  const number = signal === undefined ? undefined : constants.signals[signal]
  return number === undefined ? EXIT.interrupted : 128 + number
}

export interface Terminal {
  readonly stdout: NodeJS.WriteStream
  readonly stderr: NodeJS.WriteStream
  readonly cwd: string
}

/** The `stepgraph` command: returns the exit code. */
export async function main(
  argv: readonly string[],
  terminal: Terminal = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }
): Promise<number> {
  const { stdout, stderr } = terminal
  let command
  try {
    command = parseCliArgs(argv, availableParallelism())
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    stderr.write(`stepgraph: ${error.message}\nRun 'stepgraph --help' for usage.\n`)
    return EXIT.invalid
  }
  if (command.kind === 'help') {
    stdout.write(HELP)
    return EXIT.success
  }
  if (command.kind === 'version') {
    stdout.write(`${packageJson.version}\n`)
    return EXIT.success
  }
  // A run catches stop signals from here: one that comes while the graph is read cancels
  // the run before any step starts. Other commands keep the defaults: Ctrl-C ends them.
  if (command.kind === 'run' && !command.flags.dryRun) catchStopSignals()
  const loaded = await loadGraph(command.file, terminal)
  const targeted = loaded && selectTargets(loaded, command.targets, stderr)
  if (!targeted) return EXIT.invalid
  const { graph, note } = targeted
  if (command.kind === 'graph') {
    const critical = new Set(graph.dag.criticalPath().steps)
    const options = { label: (v: number) => graph.steps[v]?.name ?? '', highlight: critical }
    const ids = graph.steps.map(step => step.id)
    stdout.write(
      `${command.format === 'dot' ? toDot(graph.dag, ids, options) : toMermaid(graph.dag, options)}\n`
    )
    return EXIT.success
  }
  const options = runOptions(command.file, command.flags, terminal)
  if (!options) return EXIT.invalid
  if (options.dryRun) {
    const timings = loadRunTimings(options.timingsFile, graph)
    if (timings.warning !== undefined) stderr.write(`stepgraph: ${timings.warning}\n`)
    const plan = makePlan(graph, options.maxParallel, timings.expected)
    stdout.write(`${[...(note ? [note] : []), ...planLines(graph, plan)].join('\n')}\n`)
    if (command.flags.summaryFile)
      writeSummary(command.flags.summaryFile, planMarkdown(graph, plan), terminal)
    return EXIT.success
  }
  return run(graph, options, command.flags, terminal, note)
}

async function loadGraph(file: string, { stderr, cwd }: Terminal): Promise<StepGraph | undefined> {
  let source
  try {
    source = readGraphFile(file, cwd)
  } catch (error) {
    stderr.write(`stepgraph: ${(error as Error).message}\n`)
    return undefined
  }
  const loaded = await loadStepGraph(source)
  if (loaded.ok) return loaded.graph
  for (const problem of loaded.problems) stderr.write(`${formatProblem(problem, source)}\n`)
  stderr.write(
    `stepgraph: ${source.file ?? file} has ${count(loaded.problems.length, 'problem')}; nothing was run\n`
  )
  return undefined
}

function runOptions(
  graphFile: string,
  flags: RunFlags,
  { stderr, cwd }: Terminal
): RunOptions | undefined {
  const workingDirectory = path.resolve(cwd, flags.workingDirectory ?? '.')
  try {
    if (!statIsDirectory(workingDirectory)) throw new Error('not a directory')
  } catch {
    stderr.write(`stepgraph: --working-directory: ${workingDirectory} is not a directory\n`)
    return undefined
  }
  const timingsFile = timingsFileFor(flags.timings, graphFile, cwd)
  return {
    maxParallel: flags.maxParallel ?? availableParallelism(),
    failFast: flags.failFast,
    workingDirectory,
    output: flags.output,
    summary: flags.summaryFile !== undefined,
    annotations: false,
    dryRun: flags.dryRun,
    ...(flags.shell !== undefined && { shell: flags.shell }),
    ...(timingsFile !== undefined && { timingsFile })
  }
}

async function run(
  graph: StepGraph,
  runOptions: RunOptions,
  { summaryFile, resultsFile }: RunFlags,
  terminal: Terminal,
  note: string | undefined
): Promise<number> {
  const { stdout } = terminal
  const paint = paintFor(stdout)
  const policy = escapePolicyFor(stdout, paint)
  const options: RunOptions = {
    ...runOptions,
    stepEnvironment: stepColourEnvironment(stdout, policy, process.env)
  }
  const now = (): number => performance.now()
  // Live progress only on a terminal: in CI or a pipe, plain lines and no cursor control.
  const live = stdout.isTTY ? new LiveView(graph, now, paint) : undefined
  const region = live ? await LiveRegion.create(stdout, () => live.render()) : undefined
  // Everything goes through the log, the final table too, so that nothing overtakes it.
  const log = new TerminalLog(region?.stream ?? stdout, paint, policy)
  if (note) log.line(note)
  let relay: LogRelay | undefined
  const annotations = new ChildAnnotations()
  region?.start()
  const outcome = await runGraph(graph, options, ({ outputDirectory, timings, estimate }) => {
    if (timings.warning !== undefined) log.line(`stepgraph: ${timings.warning}`)
    if (estimate) live?.showRemaining(estimate)
    const created = new LogRelay({
      graph,
      mode: options.output,
      log,
      spillDirectory: outputDirectory,
      annotations,
      now,
      ...(estimate && { estimate })
    })
    relay = created
    return {
      observer: {
        attemptStarted: event => {
          created.observer.attemptStarted?.(event)
          live?.observer.attemptStarted?.(event)
        },
        attemptEnded: event => {
          created.observer.attemptEnded?.(event)
          live?.observer.attemptEnded?.(event)
        },
        stepFinished: result => {
          created.observer.stepFinished?.(result)
          live?.observer.stepFinished?.(result)
        },
        pollRound: at => {
          created.observer.pollRound?.(at)
        }
      },
      outputFor: (placement, flow) => log.stepOutput(created.outputFor(placement, flow)),
      finish: () => created.finish(),
      stopping: (signal, killing) => {
        created.stopping(signal, killing)
        const message = killing
          ? `${signal}: killing every step now`
          : `${signal}: stopping (steps get SIGTERM, then SIGKILL); press Ctrl-C again to kill at once`
        if (live) live.setStopping(message)
        else log.line(`stepgraph: ${message}`)
      }
    }
  })
  region?.stop()
  // The region showed the stop messages and is gone: they become lines, before the table.
  for (const message of live?.stoppedWith ?? []) log.line(`stepgraph: ${message}`)
  for (const line of runNotes(outcome)) log.line(line)
  if (outcome.timingsProblem !== undefined) log.line(`stepgraph: ${outcome.timingsProblem}`)
  log.line(`\n${finalTable(graph, outcome.result, paint)}`)
  const failures = failuresInView(
    graph,
    outcome.result,
    (step, n) => relay?.lastLines(step, n) ?? [],
    paint
  )
  if (failures) log.line(`\n${failures}`)
  await log.flush()
  if (summaryFile) {
    const summary = buildSummary({
      graph,
      run: outcome.result,
      slots: options.maxParallel,
      lastLines: (step, lines) => relay?.lastLines(step, lines) ?? [],
      stepSummaries: step => outcome.summaries.text(step),
      droppedAnnotations: [],
      recorded: outcome.timings.recorded
    })
    writeSummary(summaryFile, summary, terminal)
  }
  if (resultsFile) {
    const record = makeRunRecord(outcome, {
      slots: options.maxParallel,
      lastLines: (step, lines) => relay?.lastLines(step, lines) ?? [],
      annotations: annotations.all,
      annotationsLeftOut: annotations.notKept
    })
    writeOutputFile('--results-file', resultsFile, runRecordJson(record), terminal)
  }
  const status = runStatus(graph, outcome.result)
  return status === 'cancelled'
    ? interruptedExit(outcome.stoppedBy)
    : status === 'failure'
      ? EXIT.failure
      : EXIT.success
}

function writeSummary(file: string, markdown: string, terminal: Terminal): void {
  writeOutputFile('--summary-file', file, markdown, terminal)
}

function writeOutputFile(
  flag: string,
  file: string,
  text: string,
  { stderr, cwd }: Terminal
): void {
  try {
    writeFileSync(path.resolve(cwd, file), text)
  } catch (error) {
    stderr.write(`stepgraph: ${flag}: ${(error as Error).message}\n`)
  }
}

function statIsDirectory(directory: string): boolean {
  return statSync(directory).isDirectory()
}
