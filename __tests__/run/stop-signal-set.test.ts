import { constants } from 'node:os'
import { describe, expect, it } from 'vitest'
import {
  nodeFlags,
  profilerOwnsSigprof,
  SIGNAL_DECISIONS,
  stopSignals
} from '../../src/run/stop-signal-set.js'

/** macOS's numbers (signal(3)): no SIGPOLL, SIGPWR or SIGSTKFLT; SIGIO is discarded there. */
const MACOS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGIOT: 6,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGBUS: 10,
  SIGSEGV: 11,
  SIGSYS: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGURG: 16,
  SIGSTOP: 17,
  SIGTSTP: 18,
  SIGCONT: 19,
  SIGCHLD: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGIO: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGINFO: 29,
  SIGUSR1: 30,
  SIGUSR2: 31
}

describe('which signals stop a run', () => {
  it('has a decision for every signal this Node knows', () => {
    expect(Object.keys(constants.signals).filter(name => !(name in SIGNAL_DECISIONS))).toEqual([])
  })

  it('on Linux: every signal whose default ends the process and that can be caught safely', () => {
    const linux = stopSignals({ platform: 'linux', numbers: constants.signals, profiling: false })
    expect(linux).toEqual([
      'SIGHUP',
      'SIGINT',
      'SIGQUIT',
      'SIGABRT',
      'SIGUSR1',
      'SIGUSR2',
      'SIGALRM',
      'SIGTERM',
      'SIGVTALRM',
      'SIGPROF',
      'SIGXCPU',
      'SIGIO',
      'SIGPWR',
      'SIGSTKFLT'
    ])
  })

  it('on macOS: the same but SIGIO, whose default there is to discard it', () => {
    const macos = stopSignals({ platform: 'darwin', numbers: MACOS, profiling: false })
    expect(macos).toEqual([
      'SIGHUP',
      'SIGINT',
      'SIGQUIT',
      'SIGABRT',
      'SIGUSR1',
      'SIGUSR2',
      'SIGALRM',
      'SIGTERM',
      'SIGVTALRM',
      'SIGPROF',
      'SIGXCPU'
    ])
  })

  it('listens once per signal number: SIGIO and SIGPOLL, SIGABRT and SIGIOT are one each', () => {
    const linux = stopSignals({ platform: 'linux', numbers: constants.signals, profiling: false })
    const numbers = linux.map(name => constants.signals[name])
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(linux).not.toContain('SIGPOLL')
    expect(linux).not.toContain('SIGIOT')
  })

  it('leaves faults, ignored signals and what the kernel keeps at their default', () => {
    const linux = stopSignals({ platform: 'linux', numbers: constants.signals, profiling: false })
    for (const name of [
      'SIGKILL',
      'SIGSTOP',
      'SIGSEGV',
      'SIGBUS',
      'SIGFPE',
      'SIGILL',
      'SIGTRAP',
      'SIGSYS',
      'SIGPIPE',
      'SIGXFSZ',
      'SIGCHLD',
      'SIGWINCH',
      'SIGTSTP'
    ] as const) {
      expect(linux).not.toContain(name)
      expect(SIGNAL_DECISIONS[name].stop).toBe(false)
    }
  })

  it('leaves SIGPROF to a profiler that samples with it', () => {
    expect(
      stopSignals({ platform: 'linux', numbers: constants.signals, profiling: true })
    ).not.toContain('SIGPROF')
    expect(profilerOwnsSigprof(nodeFlags(['--cpu-prof', '--cpu-prof-dir=/tmp/p']))).toBe(true)
    expect(profilerOwnsSigprof(nodeFlags([], '--max-old-space-size=100 --prof'))).toBe(true)
    expect(profilerOwnsSigprof(nodeFlags(['--inspect=0']))).toBe(true)
    expect(
      profilerOwnsSigprof(nodeFlags(['--enable-source-maps'], '--max-old-space-size=100'))
    ).toBe(false)
  })
})
