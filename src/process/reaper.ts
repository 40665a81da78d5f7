import { groupExists, signalGroup, signalProcesses, type EndSignal } from './process-group.js'
import { PROC_ROOT, readSessionMembers, type SessionMembers } from './process-table.js'

/**
 * At most how often the process table is scanned only to watch ended steps' leftovers: a
 * scan reads every process on the machine (about 1 ms here for 90 processes), and a busy
 * run ends steps hundreds of times a second. Slower scans are spaced further apart
 * (SCAN_SHARE), so that watching leftovers never takes more than 1% of the time.
 */
export const LEFTOVER_SCAN_MS = 100
/** The share of the time scans that only watch leftovers may take: 1 in 100. */
const SCAN_SHARE = 100
/** At the end of a run, how often to look whether the last leftovers have gone. */
const SETTLE_POLL_MS = 20

interface Leftovers {
  /** Monotonic time of the SIGKILL. */
  readonly killAt: number
  /** Whether the members outside the leader's group have had their SIGTERM. */
  warned: boolean
}

/**
 * Ends steps' sessions. Each step's shell leads a session of its own (it is spawned
 * detached: setsid), and everything it starts stays in that session unless it calls setsid
 * itself, including what job control (`set -m`) or GNU `timeout` moved to a process group
 * of its own, which a signal to the step's group misses. So on Linux every member of the
 * session is signalled, found by its session id in /proc; without a process table (macOS)
 * the step's group is, as nothing lists a session there.
 *
 * The leader's group is signalled at once (one system call, atomic); the session's other
 * members at the next `poll`, which the scheduler runs in the same poll round, with one
 * scan of /proc for every session that needs one. Invariant: a session id stays valid
 * while any member lives (Linux does not reuse a pid that is some process's session id),
 * so a tracked session is never another step's.
 *
 * Sessions whose step has ended but where something may still run (background jobs that
 * closed their output, processes that trapped SIGTERM) get SIGTERM, then SIGKILL once
 * their grace has passed, and the run does not end while any is left, so no step's process
 * outlives stepgraph. Only a process that starts a session of its own (setsid, a daemon's
 * double fork) escapes.
 */
export class SessionReaper {
  /** Sessions of attempts still running: ended too if stepgraph exits first. */
  private readonly running = new Set<number>()
  /** Sessions of ended attempts that may hold leftovers. */
  private readonly leftovers = new Map<number, Leftovers>()
  /** Signals for the members outside each leader's group, sent by the next scan. */
  private readonly pending = new Map<number, EndSignal>()
  /** When leftovers may be watched again (a signal to send scans at once). */
  private watchAgainAt = -Infinity

  /** Last resort if stepgraph itself dies (an exception, process.exit): leave nothing behind. */
  private readonly killAllOnExit = (): void => {
    this.killEverything()
  }

  private readonly procRoot: string | undefined

  /** `procRoot`: the process table to read sessions from; none (macOS): groups only. */
  constructor(options: { readonly procRoot: string | undefined } = { procRoot: PROC_ROOT }) {
    this.procRoot = options.procRoot
    process.once('exit', this.killAllOnExit)
  }

  /** What a signal reaches: the whole session where the process table can list it. */
  get reach(): 'session' | 'process group' {
    return this.readsSessions ? 'session' : 'process group'
  }

  /** An attempt's shell started, leading session `session`. */
  started(session: number): void {
    this.running.add(session)
  }

  /** Signals a step's session: its leader's group now, its other members at the next poll. */
  signal(session: number, signal: EndSignal): void {
    signalGroup(session, signal)
    if (this.readsSessions && this.pending.get(session) !== 'SIGKILL') {
      this.pending.set(session, signal)
    }
  }

  /**
   * An attempt is over: SIGTERM whatever it left running (its group now, the rest of its
   * session by the next scan) and SIGKILL it at `now + graceMs` if anything is left.
   */
  add(session: number, now: number, graceMs: number): void {
    this.running.delete(session)
    if (!this.readsSessions && !groupExists(session)) return
    signalGroup(session, 'SIGTERM')
    this.leftovers.set(session, { killAt: now + graceMs, warned: false })
  }

  /**
   * Called on poll rounds: sends the pending signals, escalates overdue leftovers, forgets
   * sessions with nothing left. Scans /proc when a signal is pending, or every
   * LEFTOVER_SCAN_MS or more while leftovers are watched; otherwise costs nothing.
   */
  poll(now: number): void {
    const watch = this.leftovers.size > 0 && now >= this.watchAgainAt
    if (this.pending.size === 0 && !watch) return
    const scanStarted = performance.now()
    const members = this.readMembers(new Set([...this.pending.keys(), ...this.leftovers.keys()]))
    const scanMs = performance.now() - scanStarted
    this.watchAgainAt = now + Math.max(LEFTOVER_SCAN_MS, scanMs * SCAN_SHARE)
    for (const [session, signal] of this.pending) {
      signalProcesses(members?.get(session) ?? [], signal)
    }
    this.pending.clear()
    for (const [session, leftovers] of this.leftovers) {
      const live = members === undefined ? undefined : (members.get(session) ?? [])
      if (live === undefined ? !groupExists(session) : live.length === 0) {
        this.leftovers.delete(session)
      } else if (now >= leftovers.killAt) {
        signalGroup(session, 'SIGKILL')
        signalProcesses(live ?? [], 'SIGKILL')
      } else if (!leftovers.warned) {
        leftovers.warned = true
        signalProcesses(live ?? [], 'SIGTERM')
      }
    }
  }

  /**
   * SIGKILL to every session known, running steps' included: what runs when stepgraph exits
   * with any left. Synchronous, as an 'exit' listener must be.
   */
  killEverything(): void {
    const sessions = new Set([...this.running, ...this.leftovers.keys(), ...this.pending.keys()])
    for (const session of sessions) signalGroup(session, 'SIGKILL')
    const members = this.readMembers(sessions)
    for (const pids of members?.values() ?? []) signalProcesses(pids, 'SIGKILL')
  }

  /** Whether anything of the session lives (zombies aside where /proc tells them apart). */
  isAlive(session: number): boolean {
    const members = this.readMembers(new Set([session]))
    return members === undefined ? groupExists(session) : (members.get(session)?.length ?? 0) > 0
  }

  /** At the end of the run: SIGKILL whatever is left and wait (at most `timeoutMs`) for it to go. */
  async settle(timeoutMs = 2000): Promise<void> {
    const deadline = performance.now() + timeoutMs
    for (const [session, leftovers] of this.leftovers) {
      this.leftovers.set(session, { ...leftovers, killAt: -Infinity })
    }
    for (;;) {
      this.watchAgainAt = -Infinity
      this.poll(performance.now())
      if (this.leftovers.size === 0 || performance.now() >= deadline) break
      await new Promise(resolve => setTimeout(resolve, SETTLE_POLL_MS))
    }
    // Anything still listed keeps the last resort; otherwise the run holds no listener.
    if (this.leftovers.size === 0 && this.running.size === 0) {
      process.off('exit', this.killAllOnExit)
    }
  }

  private get readsSessions(): boolean {
    return this.procRoot !== undefined && process.platform !== 'win32'
  }

  /** One scan for all of `sessions`; undefined without a process table (groups decide). */
  private readMembers(sessions: ReadonlySet<number>): SessionMembers | undefined {
    if (sessions.size === 0 || !this.readsSessions) return undefined
    return readSessionMembers(sessions, this.procRoot)
  }
}
