import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { constants } from 'node:os'
import { hostStopSignals } from '../../src/run/stop-signals.js'

/**
 * What a running process looks like from outside, read from Linux's /proc: which signals
 * it has a handler for, how much it has read, which TCP ports it listens on. Tests use
 * them to send a signal at a precise moment of another process's life.
 */

/** Whether `pid` has a handler installed for `signal` (SigCgt in /proc/PID/status). */
export function catches(pid: number, signal: NodeJS.Signals): boolean {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const mask = BigInt(`0x${/^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? '0'}`)
  const number = constants.signals[signal]
  return ((mask >> BigInt(number - 1)) & 1n) === 1n
}

/** Whether `pid` has a handler for every stop signal: stepgraph listens to all of them. */
export function catchesEveryStopSignal(pid: number): boolean {
  return hostStopSignals().every(signal => catches(pid, signal))
}

/** Bytes `pid` has read through read(2) and its kin so far (rchar in /proc/PID/io). */
export function bytesRead(pid: number): number {
  return Number(/^rchar:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0)
}

/**
 * Busy-waits (no event loop turn: the moment may last only milliseconds) until
 * `condition` holds; throws after `timeoutMs` or when the process has gone.
 */
export function spinUntil(condition: () => boolean, timeoutMs = 20_000): void {
  const end = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > end) throw new Error(`condition not met in ${timeoutMs} ms`)
  }
}

/** The TCP ports `pid` listens on: its socket descriptors matched with /proc/PID/net/tcp{,6}. */
export function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>()
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
      if (target?.[1]) inodes.add(target[1])
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = []
  for (const table of ['tcp', 'tcp6']) {
    for (const row of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/)
      // local_address is HEXIP:HEXPORT, st 0A is LISTEN, the inode is the tenth field.
      const [, local, , state, , , , , , inode] = fields
      if (state === '0A' && inode !== undefined && inodes.has(inode) && local) {
        ports.push(parseInt(local.split(':')[1] ?? '0', 16))
      }
    }
  }
  return ports
}
