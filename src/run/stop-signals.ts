/**
 * SIGINT and SIGTERM while steps run: the first cancels the run (steps are signalled and
 * killed after a grace period, results still written), the next ends every step at once.
 * The runner cancels a job with SIGINT, then SIGTERM 7.5 s later.
 */
export function onStopSignals(
  cancel: (signal: NodeJS.Signals) => void,
  killNow: (signal: NodeJS.Signals) => void
): () => void {
  let received = 0
  const handler = (signal: NodeJS.Signals): void => {
    received++
    if (received === 1) cancel(signal)
    else killNow(signal)
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return () => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }
}
