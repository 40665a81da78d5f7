/** e3's starting poll interval, in milliseconds. */
export const INITIAL_POLL_INTERVAL_MS = 100

/**
 * e3's `compute_next_dyn_poll`: after more than 8 scans of a wait, poll less often (×1.25,
 * up to 1 s); otherwise poll more often (×0.75, down to 0.1 ms). Polling too often wastes
 * the CPU the steps need; too rarely, and timeouts and progress lag.
 */
export function computeNextDynPoll(pollCounter: number, pollIntervalMs: number): number {
  if (pollCounter > 8 && pollIntervalMs < 1000) return pollIntervalMs * 1.25
  if (pollIntervalMs > 0.1) return pollIntervalMs * 0.75
  return pollIntervalMs
}
