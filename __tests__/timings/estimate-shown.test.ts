import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LiveView } from '../../src/cli/live-view.js'
import { ChildAnnotations } from '../../src/report/annotations.js'
import { LogRelay } from '../../src/report/log-relay.js'
import { RunEstimate } from '../../src/timings/estimate.js'
import { graphOf, MemoryLog } from '../helpers/processes.js'

const plain = {
  enabled: false,
  green: (text: string) => text,
  red: (text: string) => text,
  yellow: (text: string) => text,
  dim: (text: string) => text,
  bold: (text: string) => text
}

describe('the expected time left, shown while a run goes on', () => {
  it('ends the action’s progress line', async () => {
    const graph = await graphOf('slow: {run: x}\nafter: {needs: slow, run: x}')
    // `slow` is expected to take 60 s, `after` 20 s.
    const estimate = new RunEstimate(graph.dag, [60_000, 20_000], [80_000, 20_000], 2)
    const log = new MemoryLog()
    let now = 0
    const relay = new LogRelay({
      graph,
      mode: 'grouped',
      log,
      spillDirectory: mkdtempSync(path.join(tmpdir(), 'stepgraph-estimate-')),
      annotations: new ChildAnnotations(),
      now: () => now,
      progressEveryMs: 10_000,
      estimate
    })
    const started = { step: 0, attempt: 1, slot: 1, at: 0, wallTime: 0 }
    estimate.observer.attemptStarted?.(started)
    relay.observer.attemptStarted?.(started)
    now = 15_000
    relay.observer.pollRound?.(now)
    await log.flush()
    expect(log.lines).toContain(
      '⏳ running: slow (15.0s) · waiting: 1 · done: 0 of 2 · about 1m 05s left'
    )
  })

  it('ends the first line of the CLI’s live view', async () => {
    const graph = await graphOf('slow: {run: x}')
    const estimate = new RunEstimate(graph.dag, [30_000], [30_000], 1)
    let now = 0
    const view = new LiveView(graph, () => now, plain)
    const started = { step: 0, attempt: 1, slot: 1, at: 0, wallTime: 0 }
    estimate.observer.attemptStarted?.(started)
    view.observer.attemptStarted?.(started)
    expect(view.render().split('\n')[0]).not.toMatch(/left/)
    view.showRemaining(estimate)
    now = 12_000
    expect(view.render().split('\n')[0]).toMatch(
      /1 running · 0\/1 done · 12\.0s · about 18\.0s left$/
    )
  })
})
