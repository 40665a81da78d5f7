/**
 * SIGINT and SIGTERM. The runner cancels a job with SIGINT, then SIGTERM 7.5 s later; a
 * stop signal must never kill stepgraph before its results are written. So both are
 * caught from the program's start (`catchStopSignals`) until it exits:
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

/** Catches SIGINT and SIGTERM from now on; idempotent. */
export function catchStopSignals(): void {
  if (catching) return
  catching = true
  process.on('SIGINT', receive)
  process.on('SIGTERM', receive)
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
