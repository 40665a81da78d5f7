import type { Dag } from '../graph/dag.js'
import type { StepSpec } from '../graph/spec.js'
import type { SchedulerObserver } from './observer.js'
import type { Attempt, StepResult } from './results.js'
import { exitSucceeded } from './running-attempt.js'
import type { StepLedger } from './step-ledger.js'
import { SERVICE_SLOT, type Worker, type WorkerExit, type WorkerFactory } from './worker.js'

/**
 * After a service's SIGTERM when no step needs it any more (or it was not ready in time),
 * how long before SIGKILL: long enough for a database to shut down cleanly.
 */
export const DEFAULT_SERVICE_STOP_GRACE_MS = 5000

/** Why the scheduler asked a service to end. */
type ServiceStop = 'unneeded' | 'run-stop' | 'ready-timeout'

interface RunningService {
  readonly step: number
  readonly worker: Worker
  readonly startedAt: number
  readonly startedAtWall: number
  /** Not ready by then: it is stopped, and fails (`ready-timeout-minutes`). */
  readonly readyBy: number
  /** When every `ready-when` condition had held; undefined while not ready. */
  readyAt?: number
  /** Its dependents that have not finished: counted from when it is ready. */
  readonly neededBy: Set<number>
  stop?: ServiceStop
  /** The run's stop reason, for a service stopped before it was ready. */
  stopReason?: string
  /** Whether its process had already ended on its own when it was asked to end. */
  exitedBeforeStop?: boolean
}

/** What one round of the services gave the loop. */
export interface ServiceRound {
  /** Services that ended this round, with their final result (to `finish`). */
  readonly finished: readonly StepResult[]
  /** Whether a service became ready: steps were released, slots may be filled. */
  readonly released: boolean
}

/**
 * The life cycle of services (`service: true`), in one place. A service starts like any
 * step but holds no slot: slots bound the work running at once, and a database idling
 * while four test steps use four slots must not take a fifth step's place. Then:
 *
 * 1. starting: the worker is asked each round whether every `ready-when` condition has
 *    held (`Worker.isReady`); not ready by `ready-timeout-minutes`, it is stopped and
 *    fails, and the steps that need it are skipped with that reason;
 * 2. ready: the steps that need it are released (`StepLedger.releaseService`) and see it
 *    as succeeded; it runs until every one of them has finished (`dependentFinished`),
 *    then gets SIGTERM to its whole tree and SIGKILL after the grace;
 * 3. ended: being stopped is its normal end (`success`). Ending on its own before it was
 *    ready, or while a step that needs it has not finished, is a `failure` with its exit;
 *    the steps that needed it and had not started are then skipped with that reason.
 *
 * A stop of the run (fail-fast, a signal) stops every service: one that was ready ends
 * `success`, one that was not is `cancelled`. Invariant: the run's loop does not end
 * while a service runs, so none outlives the run.
 */
export class Services {
  private readonly running = new Map<number, RunningService>()

  constructor(
    private readonly dag: Dag,
    private readonly steps: readonly StepSpec[],
    private readonly factory: WorkerFactory,
    private readonly ledger: StepLedger,
    private readonly observer: SchedulerObserver,
    private readonly stopGraceMs: number
  ) {}

  /** How many services are running (starting, ready or stopping). */
  get count(): number {
    return this.running.size
  }

  start(step: number, now: number, wallTime: number): void {
    const placement = { step, slot: SERVICE_SLOT, attempt: 1 }
    const minutes = this.steps[step]?.service?.readyTimeoutMinutes ?? Infinity
    this.running.set(step, {
      step,
      worker: this.factory.start(placement, now),
      startedAt: now,
      startedAtWall: wallTime,
      readyBy: now + minutes * 60_000,
      neededBy: new Set()
    })
    this.observer.attemptStarted?.({ ...placement, at: now, wallTime })
  }

  /** One poll round: services that ended, that became ready, that were not ready in time. */
  poll(now: number): ServiceRound {
    const finished: StepResult[] = []
    let released = false
    for (const service of [...this.running.values()]) {
      const exit = service.worker.poll(now)
      if (exit !== undefined) {
        this.running.delete(service.step)
        finished.push(this.ended(service, exit, now))
      } else if (service.readyAt === undefined && service.stop === undefined) {
        if (service.worker.isReady?.(now) ?? true) {
          this.ready(service, now)
          released = true
        } else if (now >= service.readyBy) {
          this.stop(service, 'ready-timeout', now, this.stopGraceMs, this.notReadyReason(service))
        }
      }
    }
    return { finished, released }
  }

  /** A step has its final result: a ready service it needed may no longer be needed. */
  dependentFinished(step: number, now: number): void {
    for (const need of this.dag.predecessors[step] ?? []) {
      const service = this.running.get(need)
      if (service?.readyAt === undefined || !service.neededBy.delete(step)) continue
      if (service.neededBy.size === 0 && service.stop === undefined) {
        this.stop(service, 'unneeded', now, this.stopGraceMs, 'no step needs it any more')
      }
    }
  }

  /** The run is stopping (fail-fast, a signal): every service is asked to end. */
  stopAll(reason: string, now: number, graceMs: number): void {
    for (const service of this.running.values()) {
      if (service.stop === undefined) {
        service.stopReason = reason
        this.stop(service, 'run-stop', now, graceMs, reason)
      }
    }
  }

  /** Ends every service at once (a second interrupt). */
  killAll(): void {
    for (const service of this.running.values()) service.worker.kill()
  }

  /** The earliest moment a round is needed: a ready timeout, a worker's own deadline. */
  nextDeadline(): number | undefined {
    let next: number | undefined
    for (const service of this.running.values()) {
      const deadlines = [
        service.readyAt === undefined && service.stop === undefined ? service.readyBy : undefined,
        service.worker.nextDeadline?.()
      ]
      for (const deadline of deadlines) {
        if (deadline !== undefined) next = Math.min(next ?? deadline, deadline)
      }
    }
    return next
  }

  private ready(service: RunningService, now: number): void {
    service.readyAt = now
    for (const dependent of this.dag.successors[service.step] ?? []) {
      service.neededBy.add(dependent)
    }
    this.ledger.releaseService(service.step, now)
    this.observer.serviceReady?.({ step: service.step, at: now, startedAt: service.startedAt })
    if (service.neededBy.size === 0) {
      this.stop(service, 'unneeded', now, this.stopGraceMs, 'no step needs it')
    }
  }

  private stop(
    service: RunningService,
    stop: ServiceStop,
    now: number,
    graceMs: number,
    reason: string
  ): void {
    service.stop = stop
    service.exitedBeforeStop = service.worker.hasExited?.() ?? false
    this.observer.serviceStopping?.({ step: service.step, at: now, reason })
    service.worker.stop(now, graceMs)
  }

  /** The service's final result, recorded with its one attempt. */
  private ended(service: RunningService, exit: WorkerExit, now: number): StepResult {
    const { step } = service
    const { status, reason } = this.judge(service, exit)
    const attempt: Attempt = {
      attempt: 1,
      slot: SERVICE_SLOT,
      startedAt: service.startedAt,
      endedAt: now,
      startedAtWall: service.startedAtWall,
      status,
      exit
    }
    this.ledger.recordAttempt(step, attempt)
    this.observer.attemptEnded?.({ step, attempt: 1, slot: SERVICE_SLOT, at: now, status, exit })
    return {
      step,
      status,
      attempts: this.ledger.attemptsOf(step),
      readyAt: this.ledger.readyAtOf(step),
      serviceReadyAt: service.readyAt ?? null,
      ...(reason !== undefined && { reason })
    }
  }

  /** How a service ended: a stop asked for before it exited is its normal end. */
  private judge(
    service: RunningService,
    exit: WorkerExit
  ): { status: Attempt['status']; reason?: string } {
    const stoppedFirst = service.stop !== undefined && !service.exitedBeforeStop
    if (service.readyAt === undefined) {
      if (stoppedFirst && service.stop === 'ready-timeout') {
        return { status: 'failure', reason: this.notReadyReason(service) }
      }
      if (stoppedFirst) {
        return {
          status: 'cancelled',
          reason: `stopped before it was ready: ${service.stopReason ?? 'the run stopped'}`
        }
      }
      return {
        status: 'failure',
        reason: exit.error ?? `exited before it was ready (${describeExit(exit)})`
      }
    }
    // Stopped while ready: its normal end, unless what it wrote fails it as any step
    // (a malformed GITHUB_OUTPUT, read when it ended).
    if (stoppedFirst) {
      return exit.error === undefined
        ? { status: 'success' }
        : { status: 'failure', reason: exit.error }
    }
    const needing = [...service.neededBy].sort((a, b) => a - b)[0]
    if (needing !== undefined) {
      const id = this.steps[needing]?.id ?? '?'
      return {
        status: 'failure',
        reason: `exited (${describeExit(exit)}) while \`${id}\` needed it`
      }
    }
    return exitSucceeded(exit) ? { status: 'success' } : { status: 'failure' }
  }

  private notReadyReason(service: RunningService): string {
    const minutes = this.steps[service.step]?.service?.readyTimeoutMinutes ?? 0
    const pending = service.worker.notReadyBecause?.()
    return `not ready within ${formatMinutes(minutes)}` + (pending ? `: ${pending}` : '')
  }
}

function formatMinutes(minutes: number): string {
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

function describeExit(exit: WorkerExit): string {
  if (exit.error !== undefined) return exit.error
  if (exit.signal !== null) return `signal ${exit.signal}`
  return `exit code ${exit.exitCode ?? '?'}`
}
