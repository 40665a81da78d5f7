import * as core from '@actions/core'
import { loadStepGraph, type StepGraph } from '../graph/load.js'
import { formatProblem, type GraphSource, type Problem } from '../graph/source.js'
import type { RunOptions } from '../options.js'
import { ActionLog } from '../report/action-log.js'
import { AnnotationBudget } from '../report/annotation-budget.js'
import { count, makePlan, planLines, planMarkdown } from '../report/plan.js'
import { loadRunTimings } from '../run/run-timings.js'
import { Output } from './input-names.js'
import { appendJobSummary } from './job-summary.js'
import { InputError, readActionInputs, type ActionInputs } from './inputs.js'
import { runAsAction, setOutputs } from './run.js'

/** The action: read the inputs, check the graph, then plan it or run it. */
export async function runAction(): Promise<void> {
  const inputs = readInputs()
  if (!inputs) return
  const loaded = await loadStepGraph(inputs.source)
  if (!loaded.ok) {
    await reportInvalidGraph(loaded.problems, inputs.source, inputs.options)
    return
  }
  if (inputs.options.dryRun) {
    await dryRun(loaded.graph, inputs.options)
    return
  }
  await runAsAction(loaded.graph, inputs.options)
}

function readInputs(): ActionInputs | undefined {
  try {
    return readActionInputs()
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    for (const problem of error.problems) core.error(problem, { title: 'stepgraph: invalid input' })
    process.exitCode = 1
    return undefined
  }
}

/**
 * Every problem in the log, one error annotation per problem (pointing into the steps
 * file when there is one) within the runner's allowance, and the action failed. The
 * problems quote the graph's text, so they go through the log that keeps them from ever
 * being read as workflow commands.
 */
async function reportInvalidGraph(
  problems: readonly Problem[],
  source: GraphSource,
  options: RunOptions
): Promise<void> {
  const log = new ActionLog()
  const where = source.file ?? 'input `steps`'
  log.line(
    `stepgraph: the step graph (${where}) has ${count(problems.length, 'problem')}; nothing was run:`
  )
  for (const problem of problems) log.line(`  ${formatProblem(problem, source)}`)
  if (options.annotations) {
    const budget = new AnnotationBudget({ error: 1, notice: 1 })
    let annotated = 0
    for (const problem of problems) {
      if (!budget.take('error')) break
      annotated++
      const title = 'stepgraph: invalid step graph'
      log.annotate(
        source.file
          ? {
              level: 'error',
              title,
              message: problem.message,
              file: source.file,
              line: String(problem.position.line),
              col: String(problem.position.column)
            }
          : { level: 'error', title, message: formatProblem(problem, source) }
      )
    }
    if (annotated < problems.length) {
      log.annotate({
        level: 'notice',
        message: `${count(problems.length - annotated, 'more problem')} listed in the log`
      })
    }
  }
  await log.flush()
  fail(`the step graph has ${count(problems.length, 'problem')}; nothing was run`, options)
}

async function dryRun(graph: StepGraph, options: RunOptions): Promise<void> {
  const timings = loadRunTimings(options.timingsFile, graph)
  const plan = makePlan(graph, options.maxParallel, timings.expected)
  const log = new ActionLog()
  const warning = timings.warning
  if (warning !== undefined) {
    log.command(() => {
      core.warning(`stepgraph: ${warning}`)
    })
  }
  for (const line of planLines(graph, plan)) log.line(line)
  if (options.summary) {
    const problem = await appendJobSummary(planMarkdown(graph, plan))
    if (problem) {
      log.command(() => {
        core.warning(problem)
      })
    }
  }
  setOutputs({ [Output.status]: 'success', [Output.results]: '{}', [Output.failed]: '[]' }, log)
  await log.flush()
}

/** Fails the action; with annotations off, without spending an error annotation. */
function fail(message: string, options: RunOptions): void {
  if (options.annotations) {
    core.setFailed(`stepgraph: ${message}`)
  } else {
    core.info(`stepgraph: ${message}`)
    process.exitCode = 1
  }
}
