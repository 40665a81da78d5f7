import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catchStopSignals, onStopSignals } from '../../src/run/stop-signals.js'
import { runReal } from '../helpers/processes.js'

// One test: the signals it emits are remembered for the rest of the process.
describe('stop signals', () => {
  it('a signal before the run cancels it at once; later ones go to the run, or nowhere', async () => {
    catchStopSignals()
    // The runner cancels the job while stepgraph is still loading the graph.
    process.emit('SIGTERM', 'SIGTERM')
    const run = await runReal('a: {run: "touch a-ran"}\nb: {needs: a, run: "touch b-ran"}')
    expect(run.statuses).toEqual({ a: 'cancelled', b: 'cancelled' })
    expect(run.result.cancelled).toBe(true)
    expect(readdirSync(run.workingDirectory)).toEqual([])

    const calls: string[] = []
    const stopListening = onStopSignals(
      signal => calls.push(`cancel ${signal}`),
      signal => calls.push(`kill ${signal}`)
    )
    expect(calls).toEqual(['cancel SIGTERM'])
    process.emit('SIGINT', 'SIGINT')
    expect(calls).toEqual(['cancel SIGTERM', 'kill SIGINT'])
    stopListening()
    // After a run the report is being written: a signal is still caught, and goes nowhere.
    process.emit('SIGINT', 'SIGINT')
    expect(calls).toHaveLength(2)
    expect(process.listenerCount('SIGINT')).toBeGreaterThan(0)
  })
})
