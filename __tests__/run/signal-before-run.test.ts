import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catchStopSignals } from '../../src/run/stop-signals.js'
import { runReal } from '../helpers/processes.js'

// Alone in its file: a signal is remembered for the rest of the process.
describe('a stop signal that comes before the run', () => {
  it('cancels it before any step starts, though no listener has run yet', async () => {
    // As the action does from its first line.
    catchStopSignals()
    // Delivered now, but its listener runs only when the event loop polls; the graph is
    // then read and the run set up without a turn of the loop.
    process.kill(process.pid, 'SIGHUP')
    const run = await runReal(
      'a: {run: "touch a-ran"}\nb: {run: "touch b-ran"}\nc: {needs: a, run: "touch c-ran"}'
    )
    expect(run.statuses).toEqual({ a: 'cancelled', b: 'cancelled', c: 'cancelled' })
    expect(run.result.results.map(result => result.attempts.length)).toEqual([0, 0, 0])
    expect(run.stoppedBy).toBe('SIGHUP')
    expect(readdirSync(run.workingDirectory)).toEqual([])
  })
})
