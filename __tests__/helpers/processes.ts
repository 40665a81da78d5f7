import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import type { RunOptions } from '../../src/options.js'
import { ChildAnnotations } from '../../src/report/annotations.js'
import type { Log } from '../../src/report/log.js'
import { LogRelay } from '../../src/report/log-relay.js'
import type { OutputBuffer } from '../../src/report/output-buffer.js'
import { replayOutput } from '../../src/report/replay.js'
import { runGraph, type GraphRun } from '../../src/run/run-graph.js'

export async function graphOf(yaml: string): Promise<StepGraph> {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

/** A Log that keeps everything in memory: stepgraph's own lines apart from step output. */
export class MemoryLog implements Log {
  readonly lines: string[] = []
  readonly masks: string[] = []
  private readonly outputChunks: Buffer[] = []
  /** Everything in order: own lines, output, and group markers. */
  readonly transcript: string[] = []
  wantsMore = true
  /** Keeps the order across buffered output, which is read asynchronously. */
  private pending: Promise<void> = Promise.resolve()

  private then(step: () => void | Promise<void>): void {
    this.pending = this.pending.then(step)
  }
  line(text: string): void {
    this.then(() => {
      this.lines.push(text)
      this.transcript.push(`${text}\n`)
    })
  }
  output(chunks: readonly Buffer[]): void {
    const copy = [...chunks]
    this.then(() => {
      this.outputChunks.push(...copy)
      this.transcript.push(Buffer.concat(copy).toString('utf8'))
    })
  }
  outputBuffer(buffer: OutputBuffer): void {
    this.then(async () => {
      const chunks: Buffer[] = []
      // Copies: the replay reuses its buffers once a write has resolved.
      await replayOutput(buffer, {
        write: pieces => {
          chunks.push(...pieces.map(piece => Buffer.from(piece)))
          return Promise.resolve()
        },
        note: text => {
          chunks.push(Buffer.from(`${text}\n`))
          return Promise.resolve()
        },
        stopped: undefined,
        hurried: false
      })
      this.outputChunks.push(...chunks)
      this.transcript.push(Buffer.concat(chunks).toString('utf8'))
    })
  }
  startGroup(title: string): void {
    this.then(() => {
      this.transcript.push(`::group::${title}\n`)
    })
  }
  endGroup(): void {
    this.then(() => {
      this.transcript.push('::endgroup::\n')
    })
  }
  mask(value: string): void {
    this.then(() => {
      this.masks.push(value)
    })
  }
  onDrain(): void {
    // Never full.
  }
  flush(): Promise<void> {
    return this.pending
  }
  cutAfter(): void {
    // Never cut: it keeps up.
  }
  /** All step output, as text. */
  get output_(): string {
    return Buffer.concat(this.outputChunks).toString('utf8')
  }
}

export interface RealRun extends GraphRun {
  readonly log: MemoryLog
  readonly workingDirectory: string
  /** status by step id */
  readonly statuses: Readonly<Record<string, string>>
  readonly annotations: ChildAnnotations
}

/** Runs a graph with real shells in a fresh working directory, the log relayed in stream mode. */
export async function runReal(
  yaml: string,
  options: Partial<RunOptions> = {},
  relayOptions: { progressEveryMs?: number } = {}
): Promise<RealRun> {
  const graph = await graphOf(yaml)
  const workingDirectory = mkdtempSync(path.join(tmpdir(), 'stepgraph-test-'))
  const log = new MemoryLog()
  const annotations = new ChildAnnotations()
  const run = await runGraph(
    graph,
    {
      maxParallel: availableParallelism(),
      failFast: false,
      workingDirectory,
      output: 'stream',
      summary: false,
      annotations: false,
      dryRun: false,
      ...options
    },
    ({ outputDirectory }) =>
      new LogRelay({
        graph,
        mode: options.output ?? 'stream',
        log,
        spillDirectory: outputDirectory,
        annotations,
        now: () => performance.now(),
        ...relayOptions
      })
  )
  const statuses = Object.fromEntries(
    run.result.results.map(r => [graph.steps[r.step]?.id ?? '?', r.status])
  )
  return { ...run, log, workingDirectory, statuses, annotations }
}

/** The lines a step printed (stream mode: the lines prefixed with its id). */
export function outputOf(run: RealRun, id: string): string[] {
  const prefix = `[${id}] `
  return run.log.output_
    .split('\n')
    .filter(line => line.startsWith(prefix))
    .map(line => line.slice(prefix.length))
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

/**
 * Live processes whose environment holds `marker` (KEY=value): every process a run
 * starts inherits the action's environment, so this finds them all, grandchildren and
 * daemons included. Zombies (dead, waiting to be reaped by PID 1) do not count.
 */
export function processesWithEnvironment(marker: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1')
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
      if (state === 'Z' || state === 'X') continue
      const environment = readFileSync(`/proc/${entry}/environ`, 'latin1')
      if (environment.split('\0').includes(marker)) {
        found.push(
          `${entry} ${readFileSync(`/proc/${entry}/cmdline`, 'latin1').replace(/\0/g, ' ')}`
        )
      }
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found
}

/**
 * Samples process `pid`'s peak resident memory (VmHWM) every 50 ms; call the returned
 * function once it has exited to stop and get the peak in MiB.
 */
export function samplePeakRss(pid: number | undefined): () => number {
  let peakKiB = 0
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      peakKiB = Math.max(peakKiB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
    } catch {
      // Exited.
    }
  }, 50)
  return () => {
    clearInterval(sampler)
    return peakKiB / 1024
  }
}

/**
 * The live members of session `session` ("pid stat args"), zombies left out, read with
 * `ps`, independently of stepgraph's own scan of /proc. A step's shell leads its session,
 * so a step that prints `$$` names it.
 */
export function sessionMembers(session: number): string[] {
  return execFileSync('ps', ['-e', '-o', 'sid=,pid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map(line => line.trim().split(/\s+/))
    .filter(([sid, , stat]) => Number(sid) === session && !stat?.startsWith('Z'))
    .map(fields => fields.slice(1).join(' '))
}
