import { groupIsAlive, signalGroup } from './process-group.js'

/**
 * Process groups whose shell has exited but where something may still run: background
 * jobs a step left behind after closing their output, or processes that trapped SIGTERM.
 * They get SIGKILL once their grace has passed, and the run does not end while any is
 * left, so no step's process outlives stepgraph.
 */
export class GroupReaper {
  /** Group leader pid -> monotonic time of the SIGKILL. */
  private readonly groups = new Map<number, number>()

  /** Last resort if stepgraph itself dies: leave nothing behind. Synchronous, as 'exit' requires. */
  private readonly killAllOnExit = (): void => {
    for (const pid of this.groups.keys()) signalGroup(pid, 'SIGKILL')
  }

  constructor() {
    process.once('exit', this.killAllOnExit)
  }

  /** SIGTERM the group now and SIGKILL it at `killAt` if anything is left. */
  add(pid: number, now: number, graceMs: number): void {
    if (!groupIsAlive(pid)) return
    signalGroup(pid, 'SIGTERM')
    this.groups.set(pid, now + graceMs)
  }

  /** Called on poll rounds: escalates overdue groups, forgets empty ones. */
  poll(now: number): void {
    for (const [pid, killAt] of this.groups) {
      if (!groupIsAlive(pid)) this.groups.delete(pid)
      else if (now >= killAt) signalGroup(pid, 'SIGKILL')
    }
  }

  /** At the end of the run: SIGKILL whatever is left and wait (at most `timeoutMs`) for it to go. */
  async settle(timeoutMs = 2000): Promise<void> {
    const deadline = performance.now() + timeoutMs
    for (const pid of this.groups.keys()) signalGroup(pid, 'SIGKILL')
    while (this.groups.size > 0 && performance.now() < deadline) {
      for (const pid of this.groups.keys()) if (!groupIsAlive(pid)) this.groups.delete(pid)
      if (this.groups.size > 0) await new Promise(resolve => setTimeout(resolve, 20))
    }
    // Anything still listed keeps the last resort; otherwise the run holds no listener.
    if (this.groups.size === 0) process.off('exit', this.killAllOnExit)
  }
}
