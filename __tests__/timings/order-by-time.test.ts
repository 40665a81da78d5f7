import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import type { RunResult } from '../../src/scheduler/results.js'
import { MultiprocessScheduler } from '../../src/scheduler/scheduler.js'
import { expectedDurations, timePriorities } from '../../src/timings/expected-durations.js'
import { simulateSchedule } from '../../src/timings/simulate.js'
import { NO_TIMINGS, updatedTimings, type Timings } from '../../src/timings/timings-file.js'
import { FakeClock, FakeWorkers } from '../helpers/fake-scheduling.js'

/**
 * The case: 20 short steps, a chain of 3, and one long step declared last, on 2
 * slots. Counting steps, the chain goes first and the long step, tied with the short ones,
 * waits behind all of them; by time, it starts first.
 */
const SHORT_MS = 150
const CHAIN_MS = 300
const LONG_MS = 3000
const YAML = [
  ...Array.from({ length: 20 }, (_, i) => `short${i}: {run: "true"}`),
  'chain1: {run: "true"}',
  'chain2: {needs: chain1, run: "true"}',
  'chain3: {needs: chain2, run: "true"}',
  'long: {run: "true"}'
].join('\n')

async function graphOf(yaml: string): Promise<StepGraph> {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

function durationOf(id: string): number {
  if (id === 'long') return LONG_MS
  return id.startsWith('chain') ? CHAIN_MS : SHORT_MS
}

interface FakeRun {
  readonly result: RunResult
  readonly startOf: (id: string) => number
}

async function fakeRun(graph: StepGraph, priorities?: Float64Array): Promise<FakeRun> {
  const clock = new FakeClock()
  const workers = new FakeWorkers(clock, step => ({
    durationMs: durationOf(graph.steps[step]?.id ?? '')
  }))
  const scheduler = new MultiprocessScheduler(graph.dag, graph.steps, workers, clock, {
    slots: 2,
    failFast: false,
    ...(priorities && { priorities })
  })
  const result = await scheduler.run()
  const startOf = (id: string): number =>
    workers.events.find(e => e.kind === 'start' && e.step === graph.indexOf.get(id))?.at ?? NaN
  return { result, startOf }
}

/** What the run leaves in the timings file. */
function recorded(graph: StepGraph, result: RunResult, before: Timings = NO_TIMINGS): Timings {
  const measured = new Map<string, number>()
  for (const step of result.results) {
    const last = step.attempts.at(-1)
    if (last) measured.set(graph.steps[step.step]?.id ?? '', last.endedAt - last.startedAt)
  }
  return updatedTimings(
    before,
    graph.steps.map(step => step.id),
    measured
  )
}

describe('order by time', () => {
  it('without timings the long step waits; with the first run recorded, it starts first', async () => {
    const graph = await graphOf(YAML)
    const first = await fakeRun(graph)
    // Counting steps: the chain, then the short steps in declared order, the long one last.
    expect(first.startOf('chain1')).toBe(0)
    expect(first.startOf('long')).toBeGreaterThan(first.startOf('short19'))
    const firstWall = first.result.endedAt - first.result.startedAt

    const expected = expectedDurations(graph.steps, recorded(graph, first.result))
    if (!expected) throw new Error('the first run recorded nothing')
    const priorities = timePriorities(graph.dag, expected.durations)
    const second = await fakeRun(graph, priorities)
    expect(second.startOf('long')).toBe(0)
    expect(second.startOf('chain1')).toBe(0)
    const secondWall = second.result.endedAt - second.result.startedAt
    // The bound: half of all the work on 2 slots (6.9 s / 2), which the long step does not exceed.
    const bound = (20 * SHORT_MS + 3 * CHAIN_MS + LONG_MS) / 2
    expect(secondWall).toBe(bound)
    expect(firstWall).toBeGreaterThan(secondWall + 1000)

    // The dry run's simulation expects what the scheduler did.
    const simulated = simulateSchedule(graph.dag, expected.durations, priorities, 2)
    expect(simulated.wallMs).toBe(secondWall)
    expect(simulated.bars.find(bar => graph.steps[bar.step]?.id === 'long')).toMatchObject({
      start: 0,
      end: LONG_MS
    })
  })
})
