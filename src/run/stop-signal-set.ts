/**
 * Which signals stop a run. A signal whose default action ends the process (Term or Core
 * in Linux's signal(7), "terminate process" or "create core image" in macOS's signal(3))
 * would otherwise kill stepgraph with no outputs, no summary and its steps left running.
 * So every such signal that JavaScript can safely listen to is caught and means "stop":
 * cancel the run, write the report, exit. The others keep their default, for the reason
 * given. The table is keyed by every name Node knows (`NodeJS.Signals`), so a name cannot
 * be left without a decision.
 */
export type SignalDecision =
  | {
      readonly stop: true
      /** Only where its default ends the process: SIGIO is discarded on macOS. */
      readonly onlyOn?: NodeJS.Platform
    }
  | { readonly stop: false; readonly because: string }

const STOP = { stop: true } as const

const FAULT =
  "a fault in the action's own code (memory, arithmetic, illegal instruction, breakpoint, " +
  'forbidden system call): a listener that returns resumes the faulting code, which then ' +
  "hangs instead of crashing (Node's docs), and SIGSEGV is V8's WebAssembly trap handler"
const KERNEL = 'no process can catch it'
const NODE_IGNORES =
  'Node ignores it from its start: the write fails with EPIPE or EFBIG instead, an I/O error'
const IGNORED = 'its default is to ignore it'
const SUSPENDS = 'its default suspends the process (SIGCONT resumes it); it does not end it'

export const SIGNAL_DECISIONS: Readonly<Record<NodeJS.Signals, SignalDecision>> = {
  SIGHUP: STOP,
  SIGINT: STOP,
  SIGQUIT: STOP,
  // abort(3) resets SIGABRT to its default and raises it again when a listener returns:
  // a real abort (a failed check in Node, out of memory) still ends the process.
  SIGABRT: STOP,
  SIGIOT: STOP, // SIGABRT's other name
  // Listening replaces Node's own SIGUSR1 handler, which opens the inspector.
  SIGUSR1: STOP,
  SIGUSR2: STOP,
  SIGALRM: STOP,
  SIGTERM: STOP,
  SIGVTALRM: STOP,
  // Unless a profiler runs: see `profilerOwnsSigprof`.
  SIGPROF: STOP,
  SIGXCPU: STOP,
  SIGIO: { stop: true, onlyOn: 'linux' },
  SIGPOLL: { stop: true, onlyOn: 'linux' }, // SIGIO's other name
  SIGPWR: STOP, // Linux only
  SIGSTKFLT: STOP, // Linux only
  SIGLOST: STOP, // neither Linux nor macOS has it
  SIGBREAK: STOP, // Windows only: Ctrl-Break
  SIGKILL: { stop: false, because: KERNEL },
  SIGSTOP: { stop: false, because: KERNEL },
  SIGSEGV: { stop: false, because: FAULT },
  SIGBUS: { stop: false, because: FAULT },
  SIGFPE: { stop: false, because: FAULT },
  SIGILL: { stop: false, because: FAULT },
  SIGTRAP: { stop: false, because: FAULT },
  SIGSYS: { stop: false, because: FAULT },
  SIGUNUSED: { stop: false, because: FAULT }, // SIGSYS's old name
  SIGPIPE: { stop: false, because: NODE_IGNORES },
  SIGXFSZ: { stop: false, because: NODE_IGNORES },
  SIGCHLD: { stop: false, because: IGNORED },
  SIGURG: { stop: false, because: IGNORED },
  SIGWINCH: { stop: false, because: IGNORED },
  SIGINFO: { stop: false, because: IGNORED }, // macOS: Ctrl-T
  SIGCONT: { stop: false, because: IGNORED },
  SIGTSTP: { stop: false, because: SUSPENDS },
  SIGTTIN: { stop: false, because: SUSPENDS },
  SIGTTOU: { stop: false, because: SUSPENDS }
}

export interface SignalHost {
  readonly platform: NodeJS.Platform
  /** The host's signal numbers by name (`os.constants.signals`): what Node can listen to. */
  readonly numbers: Readonly<Partial<Record<string, number>>>
  /** A profiler samples with SIGPROF: catching it would take every tick for a stop. */
  readonly profiling: boolean
}

/**
 * The stop signals on a host, one name per signal number (SIGIO and SIGPOLL are one
 * signal: listening to both would deliver each SIGIO twice, a stop then a kill).
 * Real-time signals (SIGRTMIN to SIGRTMAX on Linux) also end a process by default, but
 * Node gives them no name and JavaScript cannot listen to them.
 */
export function stopSignals(host: SignalHost): NodeJS.Signals[] {
  const numbers = new Set<number>()
  const stops: NodeJS.Signals[] = []
  for (const [name, decision] of Object.entries(SIGNAL_DECISIONS) as [
    NodeJS.Signals,
    SignalDecision
  ][]) {
    const number = host.numbers[name]
    if (number === undefined || numbers.has(number) || !decision.stop) continue
    if (decision.onlyOn !== undefined && decision.onlyOn !== host.platform) continue
    if (name === 'SIGPROF' && host.profiling) continue
    numbers.add(number)
    stops.push(name)
  }
  return stops
}

/** Node's own flags, from its command line and NODE_OPTIONS, without their values. */
export function nodeFlags(execArgv: readonly string[], nodeOptions = ''): Set<string> {
  const words = [...execArgv, ...nodeOptions.split(/\s+/)]
  return new Set(words.filter(word => word.startsWith('-')).map(word => word.split('=')[0] ?? ''))
}

/**
 * V8's sampling profiler (`--cpu-prof`, `--prof`, or one started through the inspector)
 * sends the main thread a SIGPROF every millisecond; a listener takes those ticks from it
 * (no profile is written) and Node refuses one while a debugger may be attached.
 */
export function profilerOwnsSigprof(flags: ReadonlySet<string>): boolean {
  return ['--cpu-prof', '--prof', '--inspect', '--inspect-brk', '--inspect-wait'].some(flag =>
    flags.has(flag)
  )
}
