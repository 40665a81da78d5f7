import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import type { RunOptions } from '../../src/options.js'
import { simpleLog } from '../../src/report/simple-log.js'
import { runGraph, type GraphRun } from '../../src/run/run-graph.js'

export function graphOf(yaml: string): StepGraph {
  const loaded = loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

export interface RealRun extends GraphRun {
  /** The log lines, group markers included. */
  readonly log: readonly string[]
  readonly workingDirectory: string
  /** status by step id */
  readonly statuses: Readonly<Record<string, string>>
}

/** Runs a graph with real shells in a fresh working directory. */
export async function runReal(yaml: string, options: Partial<RunOptions> = {}): Promise<RealRun> {
  const graph = graphOf(yaml)
  const workingDirectory = mkdtempSync(path.join(tmpdir(), 'stepgraph-test-'))
  const log: string[] = []
  const run = await runGraph(
    graph,
    {
      maxParallel: availableParallelism(),
      failFast: false,
      workingDirectory,
      output: 'grouped',
      summary: false,
      annotations: false,
      dryRun: false,
      ...options
    },
    simpleLog(graph, {
      line: text => log.push(text),
      startGroup: title => log.push(`::group::${title}`),
      endGroup: () => log.push('::endgroup::')
    })
  )
  const statuses = Object.fromEntries(
    run.result.results.map(r => [graph.steps[r.step]?.id ?? '?', r.status])
  )
  return { ...run, log, workingDirectory, statuses }
}

/** The lines a step printed, from the group of its last attempt. */
export function outputOf(run: RealRun, name: string): string[] {
  const lines: string[] = []
  let inside = false
  for (const line of run.log) {
    if (line.startsWith('::group::') && line.endsWith(` ${name}`)) {
      inside = true
      lines.length = 0
    } else if (line === '::endgroup::') inside = false
    else if (inside) lines.push(line)
  }
  return lines
}

/** Processes whose command line contains `marker` (a unique string the test put there). */
export function processesMatching(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', '-a', marker], { encoding: 'utf8' })
      .split('\n')
      .filter(line => line.trim() !== '' && !line.includes('pgrep'))
  } catch {
    return [] // pgrep exits 1 when nothing matches
  }
}

/** A marker no other process on the machine will have: a `sleep` of an odd duration. */
export function uniqueSleep(): string {
  return `sleep ${300 + Math.floor(Math.random() * 1_000_000) / 1000}`
}
