import { readFile } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hostStopSignals, onStopSignals, stopSignalsDelivered } from '../../src/run/stop-signals.js'

/**
 * Routes stop signals into a list. Signals received earlier in this process come first:
 * the tests run in order, in a process of their own.
 */
function routeInto(calls: string[]): () => void {
  return onStopSignals(
    signal => calls.push(`cancel ${signal}`),
    signal => calls.push(`kill ${signal}`)
  )
}

describe('every stop signal, sent for real', () => {
  it('reaches the run: the first cancels it, each later one kills every step at once', async () => {
    const calls: string[] = []
    const stopListening = routeInto(calls)
    const signals = hostStopSignals()
    expect(signals).toEqual(expect.arrayContaining(['SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2']))
    for (const signal of signals) {
      // Without a listener, most of these would end this test's process.
      process.kill(process.pid, signal)
      await stopSignalsDelivered()
    }
    stopListening()
    expect(calls).toEqual(signals.map((signal, i) => `${i === 0 ? 'cancel' : 'kill'} ${signal}`))
    // SIGUSR1 went to the run, not to Node's inspector.
    expect(process.getBuiltinModule('node:inspector').url()).toBeUndefined()
  })

  it('reaches the run before it starts, even when sent from a poll-phase callback', async () => {
    const calls: string[] = []
    const stopListening = routeInto(calls)
    const before = calls.length
    // In a poll-phase callback (an fs completion) one setImmediate runs before the next
    // poll, so the signal would still be in libuv's pipe after it.
    await new Promise<void>(resolve => {
      readFile(import.meta.filename, () => {
        process.kill(process.pid, 'SIGUSR2')
        void stopSignalsDelivered().then(() => {
          resolve()
        })
      })
    })
    stopListening()
    expect(calls.slice(before)).toEqual(['kill SIGUSR2'])
  })
})
