/**
 * Time as the scheduler sees it. `sleep` ends early when `wake` is called: a child's exit
 * calls it, so a dependent starts at once instead of a poll interval later (e3 sleeps
 * the whole interval). Tests drive a fake clock; the run uses SystemClock.
 */
export interface Clock {
  /** Monotonic milliseconds, for durations and deadlines. */
  now(): number
  /** Wall-clock milliseconds since the epoch, for `started-at`. */
  wallTime(): number
  /** Resolves after `ms`, or as soon as `wake` is called. */
  sleep(ms: number): Promise<void>
  /** Ends the current sleep, or the next one at once if none is in progress. */
  wake(): void
}

export class SystemClock implements Clock {
  /** Ends the sleep in progress; undefined when not sleeping. */
  private endSleep: (() => void) | undefined
  /** Set by a wake that came while not sleeping: the next sleep returns at once. */
  private wokenEarly = false

  now(): number {
    return performance.now()
  }

  wallTime(): number {
    return Date.now()
  }

  sleep(ms: number): Promise<void> {
    if (this.wokenEarly) {
      this.wokenEarly = false
      return Promise.resolve()
    }
    return new Promise(resolve => {
      const finish = (): void => {
        clearTimeout(timer)
        this.endSleep = undefined
        resolve()
      }
      const timer = setTimeout(finish, Math.max(0, ms))
      this.endSleep = finish
    })
  }

  wake(): void {
    if (this.endSleep) this.endSleep()
    else this.wokenEarly = true
  }
}
