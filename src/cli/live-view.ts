import type { StepGraph } from '../graph/load.js'
import type { SchedulerObserver } from '../scheduler/scheduler.js'
import { formatDuration, oneLine } from '../report/text.js'
import { remainingText, type RemainingTime } from '../timings/estimate.js'
import type { Paint } from './terminal.js'

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
/** Running steps listed at most; the rest are counted. */
const MAX_LISTED = 8

/**
 * What the live region shows while a run goes on: each running step with its slot and
 * elapsed time, how many are done of how many, failures so far, and with recorded
 * durations, how long the run has left.
 */
export class LiveView {
  readonly observer: SchedulerObserver
  private readonly running = new Map<string, { step: number; slot: number; startedAt: number }>()
  private done = 0
  private failed = 0
  private frame = 0
  private readonly stopMessages: string[] = []
  private estimate: RemainingTime | undefined

  constructor(
    private readonly graph: StepGraph,
    private readonly now: () => number,
    private readonly paint: Paint,
    private readonly startedAt = now()
  ) {
    this.observer = {
      attemptStarted: event => {
        this.running.set(`${event.step}/${event.attempt}`, {
          step: event.step,
          slot: event.slot,
          startedAt: event.at
        })
      },
      attemptEnded: event => {
        this.running.delete(`${event.step}/${event.attempt}`)
      },
      stepFinished: result => {
        this.done++
        if (result.status === 'failure' || result.status === 'timed-out') this.failed++
      }
    }
  }

  /** With recorded durations: the time left is shown beside the time spent. */
  showRemaining(estimate: RemainingTime): void {
    this.estimate = estimate
  }

  /** Shown in the region once the run is being stopped (a first Ctrl-C), the latest last. */
  setStopping(message: string): void {
    this.stopMessages.push(message)
  }

  /**
   * Every stop message shown, in order: the region is erased at the end, so the command
   * prints them as lines of the log before its final table.
   */
  get stoppedWith(): readonly string[] {
    return this.stopMessages
  }

  render(): string {
    const now = this.now()
    const total = this.graph.dag.size
    const spinner = SPINNER[this.frame++ % SPINNER.length] ?? ''
    const failures = this.failed > 0 ? ` · ${this.paint.red(`${this.failed} failed`)}` : ''
    const left = this.estimate ? ` · ${remainingText(this.estimate.remaining(now))}` : ''
    const lines = [
      `${spinner} ${this.running.size} running · ${this.done}/${total} done${failures} · ${formatDuration(now - this.startedAt)}${left}`
    ]
    const running = [...this.running.values()].sort((a, b) => a.slot - b.slot)
    for (const { step, slot, startedAt } of running.slice(0, MAX_LISTED)) {
      const name = oneLine(this.graph.steps[step]?.name ?? '?')
      lines.push(
        this.paint.dim(`  [${slot}] `) +
          `${name} ${this.paint.dim(formatDuration(now - startedAt))}`
      )
    }
    if (running.length > MAX_LISTED)
      lines.push(this.paint.dim(`  … and ${running.length - MAX_LISTED} more`))
    const stopping = this.stopMessages.at(-1)
    if (stopping) lines.push(this.paint.yellow(stopping))
    return lines.join('\n')
  }
}
