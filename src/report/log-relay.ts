import type { StepGraph } from '../graph/load.js'
import { fileStem, type StepSpec } from '../graph/spec.js'
import type { OutputMode } from '../options.js'
import type { FlowControl, OutputSink, StreamName } from '../process/output-sink.js'
import type { RunReporters } from '../run/run-graph.js'
import { countsAsFailed } from '../scheduler/policy.js'
import type { StepResult } from '../scheduler/results.js'
import type { AttemptEnd, AttemptStart, SchedulerObserver } from '../scheduler/scheduler.js'
import type { Placement } from '../scheduler/worker.js'
import { remainingText, type RemainingTime } from '../timings/estimate.js'
import type { ChildAnnotations } from './annotations.js'
import type { Log } from './log.js'
import { LAST_LINES_KEPT, OutputBuffer, OutputTail, STEP_LOG_CAP } from './output-buffer.js'
import { OutputFilter, type Filtered } from './output-filter.js'
import { prefixLines } from './line-prefix.js'
import { StepCommands } from './step-commands.js'
import { describeAttempt, STATUS_MARK } from './step-text.js'
import { formatDuration, oneLine } from './text.js'
import type { WorkflowCommand } from './workflow-commands.js'
import { outputRelayed } from './young-garbage.js'

/** A progress line comes after this long without a step ending. */
export const PROGRESS_EVERY_MS = 30_000

/**
 * How long after the first stop signal the log may take to catch up. The runner kills
 * the action 7.5 s after its SIGINT (sometimes 10 s): by 5 s the steps are dead (their
 * grace is 2.5 s) and the outputs and summary are written, since they never wait for the
 * log; what the log has not written by then is cut, leaving time for the little that
 * follows (the notes, the annotations) to reach the runner.
 */
export const LOG_DEADLINE_AFTER_STOP_MS = 5000

export interface LogRelayOptions {
  readonly graph: StepGraph
  readonly mode: OutputMode
  readonly log: Log
  /** Where grouped output goes once it outgrows memory (the run's directory). */
  readonly spillDirectory: string
  /** Receives the steps' own `::error`/`::warning`/`::notice` lines. */
  readonly annotations: ChildAnnotations
  /** Monotonic milliseconds. */
  readonly now: () => number
  /**
   * Whether a step's `::debug::` lines are shown. The runner shows them only with debug
   * logging on, so the action passes that; the CLI shows them.
   */
  readonly showDebug?: boolean
  readonly progressEveryMs?: number
  /** How long the run has left, by recorded durations: the progress line says it. */
  readonly estimate?: RemainingTime
}

/** One attempt's output on its way to the log. */
interface AttemptOutput {
  readonly placement: Placement
  readonly filters: Record<StreamName, OutputFilter>
  /** Grouped mode: everything the attempt printed, until it ends. */
  readonly buffer: OutputBuffer | undefined
  /** The end of the output (the buffer's own in grouped mode). */
  readonly tail: OutputTail
  /** Stream mode: bytes relayed so far, and past the cap. */
  relayed: number
  cut: number
  /** Stream mode: whether the last byte relayed ended a line. */
  atLineStart: boolean
  /** Stream mode: `[id] `, put before each line. */
  readonly prefix: Buffer
}

const RED = '\u001b[1;31m'
const RESET = '\u001b[0m'

/**
 * The log while steps run. `grouped` (default): a line when a step starts; when an
 * attempt ends, its whole output as one group titled with a status mark, the name and the
 * duration; a failure that fails the run is printed outside any group, under a header, so
 * it is seen without a click. `stream`: every line as it comes, prefixed with the step id.
 * Both: a progress line when nothing has ended for a while, a line for each skipped step.
 */
export class LogRelay implements RunReporters {
  readonly observer: SchedulerObserver
  private readonly attempts = new Map<string, AttemptOutput>()
  /** tails[v]: the end of step v's last attempt's output. */
  private readonly tails = new Map<number, OutputTail>()
  private readonly running = new Map<string, { step: number; startedAt: number }>()
  private lastEnd: number
  private finished = 0
  /** Stream mode: the attempt whose over-long line is open in the log, if any. */
  private openLine: AttemptOutput | undefined
  private readonly paused = new Set<FlowControl>()

  constructor(private readonly options: LogRelayOptions) {
    this.lastEnd = options.now()
    options.log.onDrain(() => {
      for (const flow of this.paused) flow.resume()
      this.paused.clear()
    })
    this.observer = {
      attemptStarted: event => {
        this.attemptStarted(event)
      },
      attemptEnded: event => {
        this.attemptEnded(event)
      },
      stepFinished: result => {
        this.stepFinished(result)
      },
      pollRound: now => {
        this.maybeProgress(now)
      }
    }
  }

  /** After the run: everything relayed is out (spilled output replayed) before files go. */
  finish(): Promise<void> {
    return this.options.log.flush()
  }

  /** A stop signal: the log gets a deadline; a second signal cuts it at once. */
  stopping(_signal: NodeJS.Signals, killing: boolean): void {
    this.options.log.cutAfter(killing ? 0 : LOG_DEADLINE_AFTER_STOP_MS)
  }

  /** The last lines step v printed (its last attempt), for the summary and annotations. */
  lastLines(step: number, count: number): string[] {
    return this.tails.get(step)?.lastLines(count) ?? []
  }

  outputFor(placement: Placement, flow: FlowControl): OutputSink {
    const spec = this.spec(placement.step)
    const onCommand = (command: WorkflowCommand): 'relay' | 'drop' => {
      if (command.name === 'add-mask') {
        // The mask must start a line: end any step's line that is open in the log.
        this.closeOpenLine()
        this.options.log.mask(command.data)
        return 'drop'
      }
      if (command.name === 'debug') return this.options.showDebug === false ? 'drop' : 'relay'
      this.options.annotations.add(spec, command)
      return 'relay'
    }
    const commands = new StepCommands(onCommand)
    const buffer =
      this.options.mode === 'grouped'
        ? new OutputBuffer(this.options.spillDirectory, `${fileStem(spec)}.${placement.attempt}`)
        : undefined
    const attempt: AttemptOutput = {
      placement,
      filters: {
        stdout: new OutputFilter(commands.handle, () => commands.resumeName),
        stderr: new OutputFilter(commands.handle, () => commands.resumeName)
      },
      buffer,
      tail: buffer?.tail ?? new OutputTail(),
      relayed: 0,
      cut: 0,
      atLineStart: true,
      prefix: Buffer.from(`[${spec.id}] `)
    }
    this.attempts.set(key(placement), attempt)
    this.tails.set(placement.step, attempt.tail)
    let midLine: StreamName | undefined
    const take = (stream: StreamName, filtered: Filtered): void => {
      const other: StreamName = stream === 'stdout' ? 'stderr' : 'stdout'
      if (filtered.chunks.length > 0 && midLine === other) {
        this.deliver(attempt, attempt.filters[other].breakLine(), flow)
        midLine = undefined
      }
      this.deliver(attempt, filtered.chunks, flow)
      if (filtered.endsMidLine) midLine = stream
      else if (midLine === stream) midLine = undefined
    }
    // Stream mode: stdout waits one turn of the event loop, so that what stderr brought in
    // the same turn goes first, as the runner handles the lines of both pipes (stderr's
    // first, ProcessInvoker.ProcessOutput): a mask on stderr precedes the secret on stdout.
    let waitingStdout: Buffer[] = []
    const takeWaitingStdout = (): void => {
      const chunks = waitingStdout
      waitingStdout = []
      for (const chunk of chunks) take('stdout', attempt.filters.stdout.push(chunk))
    }
    return {
      write: (stream, chunk) => {
        if (this.options.mode === 'stream' && stream === 'stdout') {
          if (waitingStdout.push(chunk) === 1) setImmediate(takeWaitingStdout)
          return
        }
        take(stream, attempt.filters[stream].push(chunk))
      },
      note: message => {
        takeWaitingStdout()
        take('stderr', {
          chunks: [Buffer.from(`stepgraph: ${oneLine(message)}\n`)],
          endsMidLine: false
        })
      },
      close: () => {
        takeWaitingStdout()
        take('stdout', { chunks: attempt.filters.stdout.end(), endsMidLine: false })
        take('stderr', { chunks: attempt.filters.stderr.end(), endsMidLine: false })
      }
    }
  }

  /** Grouped: into the attempt's buffer. Stream: to the log at once, each line prefixed. */
  private deliver(attempt: AttemptOutput, chunks: readonly Buffer[], flow: FlowControl): void {
    for (const chunk of chunks) outputRelayed(chunk.length)
    const buffer = attempt.buffer
    if (buffer) {
      if (!buffer.append(chunks) && !this.paused.has(flow)) {
        this.paused.add(flow)
        flow.pause()
        buffer.onDrain(() => {
          this.paused.delete(flow)
          flow.resume()
        })
      }
      return
    }
    for (const chunk of chunks) attempt.tail.push(chunk)
    const log = this.options.log
    if (this.openLine && this.openLine !== attempt) this.closeOpenLine()
    for (const chunk of chunks) {
      if (chunk.length === 0) continue
      const room = STEP_LOG_CAP - attempt.relayed
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk
      attempt.cut += chunk.length - kept.length
      if (kept.length === 0) continue
      attempt.relayed += kept.length
      log.output([prefixLines(kept, attempt.prefix, attempt)])
    }
    this.openLine = attempt.atLineStart ? undefined : attempt
    if (!log.wantsMore && !this.paused.has(flow)) {
      this.paused.add(flow)
      flow.pause()
    }
  }

  /** Stream mode: ends the over-long line another attempt left open, before anything else. */
  private closeOpenLine(): void {
    const open = this.openLine
    if (!open) return
    this.openLine = undefined
    this.options.log.output([
      ...open.filters.stdout.breakLine(),
      ...open.filters.stderr.breakLine()
    ])
    open.atLineStart = true
  }

  private attemptStarted(event: AttemptStart): void {
    this.running.set(key(event), { step: event.step, startedAt: event.at })
    const spec = this.spec(event.step)
    const attempt = event.attempt > 1 ? ` (attempt ${event.attempt} of ${spec.retries + 1})` : ''
    this.ownLine(event.step, `▶ ${oneLine(spec.name)}${attempt} started in slot ${event.slot}`)
  }

  private attemptEnded(event: AttemptEnd): void {
    // Both ends of the attempt as the scheduler timed them: one clock, so never negative.
    const startedAt = this.running.get(key(event))?.startedAt ?? event.at
    this.running.delete(key(event))
    this.lastEnd = event.at
    const attempt = this.attempts.get(key(event))
    this.attempts.delete(key(event))
    // Its output is complete (the sink was closed before the exit was reported). Only the
    // last lines of what did not succeed are ever shown again: keep those, a few KiB.
    attempt?.tail.compact(event.status === 'success' ? 0 : LAST_LINES_KEPT)
    const spec = this.spec(event.step)
    const ended = describeAttempt({ ...event, startedAt, endedAt: event.at })
    // A cancelled attempt says how long it ran in `ended` ("cancelled after 3.2s").
    const duration =
      event.status === 'cancelled' ? '' : ` · ${formatDuration(event.at - startedAt)}`
    const name = oneLine(spec.name)
    const mark = STATUS_MARK[event.status]
    const attemptText =
      event.retryAt !== undefined || event.attempt > 1
        ? ` (attempt ${event.attempt} of ${spec.retries + 1})`
        : ''
    const retrying =
      event.retryAt !== undefined
        ? ` · retrying in ${formatDuration(event.retryAt - event.at)}`
        : ''
    const cut = (attempt?.buffer?.cut ?? 0) + (attempt?.cut ?? 0)
    const cutNote =
      cut > 0
        ? `stepgraph: the output above was cut at 1 GiB; ${cut} more bytes were not shown`
        : ''

    if (!attempt?.buffer) {
      // Stream mode: the lines are already out; end with the step's status.
      if (this.openLine === attempt) this.closeOpenLine()
      if (cutNote) this.ownLine(event.step, cutNote)
      const status = event.status === 'success' ? `${mark} ${name}` : `${mark} ${name}: ${ended}`
      this.ownLine(event.step, `${status}${attemptText}${duration}${retrying}`)
      return
    }
    const log = this.options.log
    const visible = event.retryAt === undefined && countsAsFailed(event.status, spec)
    if (visible) {
      log.line(`${RED}${mark} ${name}: ${ended}${attemptText}${duration}${RESET}`)
      this.writeOutput(attempt.buffer)
      if (cutNote) log.line(cutNote)
      log.line(`${RED}── end of ${name} ──${RESET}`)
      return
    }
    const title =
      event.status === 'success'
        ? `${mark} ${name}${attemptText}${duration}`
        : `${mark} ${name}: ${ended}${attemptText}${duration}${retrying}`
    log.startGroup(title)
    this.writeOutput(attempt.buffer)
    if (cutNote) log.line(cutNote)
    log.endGroup()
  }

  private writeOutput(buffer: OutputBuffer): void {
    if (buffer.size === 0) this.options.log.line('(no output)')
    else this.options.log.outputBuffer(buffer)
  }

  private stepFinished(result: StepResult): void {
    this.finished++
    // Skipped and never-started steps say why ("not started: ..."); so does a failed step
    // that was not run again because the run was stopping.
    if (result.reason === undefined) return
    const spec = this.spec(result.step)
    this.ownLine(
      result.step,
      `${STATUS_MARK[result.status]} ${oneLine(spec.name)} ${result.status}: ${result.reason}`
    )
  }

  /** A progress line when nothing has ended for a while: what runs, for how long, what waits. */
  private maybeProgress(now: number): void {
    const every = this.options.progressEveryMs ?? PROGRESS_EVERY_MS
    if (now - this.lastEnd < every || this.running.size === 0) return
    this.lastEnd = now
    const running = [...this.running.values()]
      .map(
        ({ step, startedAt }) =>
          `${oneLine(this.spec(step).name)} (${formatDuration(now - startedAt)})`
      )
      .join(', ')
    const total = this.options.graph.dag.size
    const waiting = total - this.finished - this.running.size
    const estimate = this.options.estimate
    const left = estimate ? ` · ${remainingText(estimate.remaining(now))}` : ''
    this.options.log.line(
      `⏳ running: ${running} · waiting: ${waiting} · done: ${this.finished} of ${total}${left}`
    )
  }

  /** A line of stepgraph's own; in stream mode, prefixed like the step's lines. */
  private ownLine(step: number, text: string): void {
    if (this.options.mode === 'stream') {
      if (this.openLine) this.closeOpenLine()
      this.options.log.line(`[${this.spec(step).id}] ${text}`)
    } else {
      this.options.log.line(text)
    }
  }

  private spec(step: number): StepSpec {
    return this.options.graph.steps[step] as StepSpec
  }
}

function key(placement: Placement): string {
  return `${placement.step}/${placement.attempt}`
}
