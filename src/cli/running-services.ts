import type { StepGraph } from '../graph/load.js'
import type { SchedulerObserver } from '../scheduler/scheduler.js'
import { formatDuration, oneLine } from '../report/text.js'
import type { Paint } from './terminal.js'
import { SERVICE_SLOT } from '../scheduler/worker.js'

/**
 * The services running, for the CLI's live region: listed apart from the running steps
 * (they hold no slot, and run as long as the steps that need them), each starting, ready
 * or stopping, and for how long.
 */
export class RunningServices {
  private readonly services = new Map<
    number,
    { startedAt: number; state: 'starting' | 'ready' | 'stopping' }
  >()

  constructor(private readonly graph: StepGraph) {}

  /** Observes the run; the events of steps that are not services are ignored. */
  readonly observer: SchedulerObserver = {
    attemptStarted: event => {
      if (event.slot === SERVICE_SLOT)
        this.services.set(event.step, { startedAt: event.at, state: 'starting' })
    },
    serviceReady: event => {
      const service = this.services.get(event.step)
      if (service) service.state = 'ready'
    },
    serviceStopping: event => {
      const service = this.services.get(event.step)
      if (service) service.state = 'stopping'
    },
    attemptEnded: event => {
      if (event.slot === SERVICE_SLOT) this.services.delete(event.step)
    }
  }

  /** One line, or none when no service runs. */
  line(now: number, paint: Paint): string[] {
    if (this.services.size === 0) return []
    const listed = [...this.services].map(([step, { startedAt, state }]) => {
      const name = oneLine(this.graph.steps[step]?.name ?? '?')
      return `${name} ${paint.dim(`${state} ${formatDuration(now - startedAt)}`)}`
    })
    return [`${paint.dim('  services:')} ${listed.join(', ')}`]
  }
}
