import { connect } from 'node:net'
import type { ReadyWhen } from '../graph/spec.js'
import type { StreamName } from './output-sink.js'

/** How often a `port`, `http` or `run` condition that has not held is tried again. */
export const READY_PROBE_INTERVAL_MS = 250
/** How long one `port` or `http` try may take before it counts as not holding. */
export const READY_PROBE_TIMEOUT_MS = 2000
/** The longest line `line:` is matched against: a longer one is matched by its start. */
export const READY_LINE_MAX_CHARS = 64 * 1024

/** A `run:` check as the service worker starts it: a process, polled to its end. */
export interface ReadyCheck {
  /** How it ended, once it has: whether it succeeded, and if not, why. */
  poll(now: number): CheckEnd | undefined
  /** Ends it and what it started (the service stopped): SIGTERM, SIGKILL after a grace. */
  stop(now: number): void
  /** Ends it at once (SIGKILL: a second interrupt). */
  kill(): void
}

/** A check that ended: it succeeded (exit 0), or why it did not. */
export type CheckEnd = { readonly ok: true } | { readonly ok: false; readonly why: string }

/** What the readiness of one service needs from the outside. */
export interface ReadinessOptions {
  readonly readyWhen: ReadyWhen
  /** Starts the `run:` check once more. */
  readonly startCheck: () => ReadyCheck
  /** A try ended: the scheduler should poll (and ask `isReady`) now. */
  readonly wake: () => void
}

type Condition = 'line' | 'port' | 'http' | 'run'

/**
 * Whether a service's `ready-when` conditions have all held, each at least once. It is
 * driven by the scheduler's poll rounds: `isReady(now)` starts the tries that are due and
 * reads those that ended; `nextDeadline` tells the loop when the next try is due. A
 * condition that held stays held (a server that answered once is up: later failures are
 * its dependents' to see). `line` is matched against the service's output as it comes,
 * with one partial line per stream kept, bounded by READY_LINE_MAX_CHARS.
 */
export class Readiness {
  private readonly pending = new Set<Condition>()
  private readonly line: RegExp | undefined
  private readonly partial: Record<StreamName, string> = { stdout: '', stderr: '' }
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() }
  /** When each probed condition may be tried again; absent while a try is under way. */
  private readonly dueAt = new Map<Condition, number>()
  private check: ReadyCheck | undefined
  private readonly inFlight = new Set<Condition>()
  private readonly lastFailure = new Map<Condition, string>()
  private readonly aborts = new Set<AbortController>()
  private closed = false

  constructor(private readonly options: ReadinessOptions) {
    const { readyWhen } = options
    if (readyWhen.line !== undefined) {
      this.line = new RegExp(readyWhen.line)
      this.pending.add('line')
    }
    for (const condition of ['port', 'http', 'run'] as const) {
      if (readyWhen[condition] !== undefined) {
        this.pending.add(condition)
        this.dueAt.set(condition, -Infinity)
      }
    }
  }

  /** Output of the service, as read from its pipes. */
  observe(stream: StreamName, chunk: Buffer): void {
    if (!this.pending.has('line') || this.line === undefined) return
    const text = this.partial[stream] + this.decoders[stream].decode(chunk, { stream: true })
    const lines = text.split('\n')
    const rest = lines.pop() ?? ''
    for (const line of lines) {
      if (this.line.test(line.replace(/\r$/, ''))) {
        this.held('line')
        return
      }
    }
    // A prompt without a newline ("listening on 8080") is matched as it stands.
    this.partial[stream] = rest.slice(0, READY_LINE_MAX_CHARS)
    if (this.partial[stream] !== '' && this.line.test(this.partial[stream])) this.held('line')
  }

  isReady(now: number): boolean {
    if (this.check !== undefined) {
      const end = this.check.poll(now)
      if (end !== undefined) {
        this.check = undefined
        if (end.ok) this.held('run')
        else this.failed('run', end.why, now)
      }
    }
    for (const [condition, due] of this.dueAt) {
      if (this.inFlight.has(condition) || now < due || !this.pending.has(condition)) continue
      this.dueAt.delete(condition)
      this.inFlight.add(condition)
      this.probe(condition, now)
    }
    return this.pending.size === 0
  }

  /** When a try falls due, if one is waiting. */
  nextDeadline(): number | undefined {
    let next: number | undefined
    for (const due of this.dueAt.values()) next = Math.min(next ?? due, due)
    return next
  }

  /** Which conditions never held, and how their last try failed. */
  notReadyBecause(): string | undefined {
    if (this.pending.size === 0) return undefined
    const readyWhen = this.options.readyWhen
    const parts = [...this.pending].map(condition => {
      const last = this.lastFailure.get(condition)
      switch (condition) {
        case 'line':
          return `no line matched \`${readyWhen.line ?? ''}\``
        case 'port':
          return (
            `port ${readyWhen.port ?? ''} never accepted a connection` + (last ? ` (${last})` : '')
          )
        case 'http':
          return `${readyWhen.http ?? ''} never answered 2xx` + (last ? ` (${last})` : '')
        case 'run':
          return `the check never succeeded` + (last ? ` (${last})` : '')
      }
    })
    return parts.join('; ')
  }

  /** The service is stopping: no more tries; a check still running is ended (once). */
  close(now: number): void {
    if (this.closed) return
    this.closed = true
    this.dueAt.clear()
    for (const abort of this.aborts) abort.abort()
    this.check?.stop(now)
  }

  /** A second interrupt: a check still running is killed at once. */
  kill(now: number): void {
    this.close(now)
    this.check?.kill()
  }

  /** Polls a check still running after `close`; true once none is left. */
  settled(now: number): boolean {
    if (this.check !== undefined && this.check.poll(now) !== undefined) this.check = undefined
    return this.check === undefined
  }

  private probe(condition: Condition, now: number): void {
    const { readyWhen } = this.options
    if (condition === 'run') {
      this.check = this.options.startCheck()
      return
    }
    const abort = new AbortController()
    this.aborts.add(abort)
    const attempt =
      condition === 'port'
        ? portAccepts(readyWhen.port ?? 0, abort.signal)
        : httpAnswers(readyWhen.http ?? '', abort.signal)
    void attempt.then(failure => {
      this.aborts.delete(abort)
      if (this.closed) return
      if (failure === undefined) this.held(condition)
      else this.failed(condition, failure, now)
      this.options.wake()
    })
  }

  private held(condition: Condition): void {
    this.inFlight.delete(condition)
    this.pending.delete(condition)
    this.dueAt.delete(condition)
    this.options.wake()
  }

  private failed(condition: Condition, why: string, startedAt: number): void {
    this.inFlight.delete(condition)
    this.lastFailure.set(condition, why)
    if (!this.closed)
      this.dueAt.set(condition, Math.max(startedAt, performance.now()) + READY_PROBE_INTERVAL_MS)
  }
}

/** Undefined when a TCP connection to the port on localhost is accepted; else why not. */
function portAccepts(port: number, signal: AbortSignal): Promise<string | undefined> {
  return new Promise(resolve => {
    // `localhost`, so that a server listening on ::1 only is found too (Node tries both
    // address families).
    const socket = connect({ host: 'localhost', port, timeout: READY_PROBE_TIMEOUT_MS, signal })
    socket.once('connect', () => {
      socket.destroy()
      resolve(undefined)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve('the connection timed out')
    })
    socket.once('error', error => {
      socket.destroy()
      resolve((error as NodeJS.ErrnoException).code ?? error.message)
    })
  })
}

/** Undefined when the URL answers with a 2xx status; else why not. */
async function httpAnswers(url: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    const response = await fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(READY_PROBE_TIMEOUT_MS)])
    })
    await response.body?.cancel()
    return response.status >= 200 && response.status < 300
      ? undefined
      : `it answered ${response.status}`
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause
    return cause?.code ?? (error instanceof Error ? error.message : String(error))
  }
}
