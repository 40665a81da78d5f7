import { constants } from 'node:os'
import { closeUnaskedInspector } from './inspector-guard.js'
import { nodeFlags, profilerOwnsSigprof, stopSignals } from './stop-signal-set.js'

/**
 * Stop signals: every signal whose default would end the process (`stop-signal-set.ts`).
 * The runner cancels a job with SIGINT, then SIGTERM 7.5 s later; a wrapper, the system or
 * a step may send any of the others. A stop signal must never kill stepgraph before its
 * results are written. So all are caught from the program's start (`catchStopSignals`)
 * until it exits:
 *   - before a run starts, they are remembered and the run is cancelled as it starts
 *     (nothing is spawned, every step ends cancelled);
 *   - during a run, the first cancels it (steps are signalled, killed after a grace
 *     period), the next ends every step at once;
 *   - after the run, the report is being written: it goes on and the process exits as the
 *     run's statuses say.
 */
type StopListener = (signal: NodeJS.Signals) => void

const received: NodeJS.Signals[] = []
let listener: StopListener | undefined
let catching = false

function receive(signal: NodeJS.Signals): void {
  received.push(signal)
  listener?.(signal)
}

/** The stop signals of this host and this Node process. */
export function hostStopSignals(): NodeJS.Signals[] {
  return stopSignals({
    platform: process.platform,
    numbers: constants.signals,
    profiling: profilerOwnsSigprof(nodeFlags(process.execArgv, process.env.NODE_OPTIONS))
  })
}

/** Catches every stop signal from now on; idempotent. */
export function catchStopSignals(): void {
  if (catching) return
  catching = true
  for (const signal of hostStopSignals()) {
    try {
      process.on(signal, receive)
    } catch {
      // libuv refuses what the platform cannot deliver (Windows emulates only a few
      // signals): that signal keeps its default.
    }
  }
}

/**
 * A SIGUSR1 that came before the listener opened the inspector: close it, and stop.
 * Checked before the first spawn only: loading `node:inspector` costs milliseconds, and
 * the inspector opens at an interrupt or loop turn after the signal, not at once.
 */
function noticeEarlySigusr1(): void {
  if (!closeUnaskedInspector()) return
  process.stderr.write(
    "stepgraph: a SIGUSR1 opened Node's inspector before stepgraph caught it; closed it, and the run stops\n"
  )
  receive('SIGUSR1')
}

/**
 * Resolves once every signal already delivered to the process has reached `receive`.
 * Listeners run only when the event loop polls: libuv's handler writes the signal to a
 * pipe, read in the poll phase. While the graph is parsed (synchronously) nothing is
 * read, so the run must let the loop turn before its first spawn. One `setImmediate` is
 * not enough: called from a poll-phase callback (an fs or pipe completion), it runs in the
 * same iteration's check phase, before the next poll. After a second one, a full poll
 * phase has run since this was called. A SIGUSR1 that Node took for its inspector before
 * stepgraph listened is noticed here too: the inspector starts at the main thread's next
 * interrupt or loop turn.
 */
export async function stopSignalsDelivered(): Promise<void> {
  await loopTurn()
  await loopTurn()
  noticeEarlySigusr1()
}

function loopTurn(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve))
}

/**
 * Keeps stop signals caught until the process is gone; call it once the program's work is
 * done. When the event loop empties, Node tears its environment down before exiting, and
 * closing the signal listeners gives each signal back its default: a stop signal in that
 * moment (the runner's second one, a step's leftover) killed the finished program, a
 * death by signal instead of its exit code. `process.exit` from the 'exit' event ends the
 * process without that teardown; the loop is empty by then, so nothing is left unwritten.
 * Registered last, it lets every other 'exit' listener run first.
 */
export function exitWithoutTeardown(): void {
  process.once('exit', code => {
    process.exit(code)
  })
}

/**
 * Routes stop signals to a run until the returned function is called: the first to
 * `cancel`, later ones to `killNow`. Signals received before the call are delivered at once.
 */
export function onStopSignals(
  cancel: (signal: NodeJS.Signals) => void,
  killNow: (signal: NodeJS.Signals) => void
): () => void {
  catchStopSignals()
  let delivered = 0
  const deliver: StopListener = signal => {
    delivered++
    if (delivered === 1) cancel(signal)
    else killNow(signal)
  }
  for (const signal of received) deliver(signal)
  listener = deliver
  return () => {
    if (listener === deliver) listener = undefined
  }
}
