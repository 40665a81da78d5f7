import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import { expectedDurations, timePriorities } from '../../src/timings/expected-durations.js'
import type { Timings } from '../../src/timings/timings-file.js'

async function graphOf(yaml: string): Promise<StepGraph> {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

const timingsOf = (steps: Record<string, number[]>): Timings => ({
  steps: new Map(Object.entries(steps))
})

describe('expected durations', () => {
  it('a step renamed or added is expected to take the median of the recorded steps', async () => {
    const graph = await graphOf('build: {run: "true"}\ncheck: {run: "true"}\nlint: {run: "true"}')
    // `test` was renamed `check` since: its record is under the old id, which this graph lacks.
    const expected = expectedDurations(
      graph.steps,
      timingsOf({ build: [1000, 9000, 1100], test: [50_000], lint: [300] })
    )
    expect(expected && [...expected.durations]).toEqual([1100, 700, 300])
    expect(expected?.sources).toEqual(['recorded', 'median', 'recorded'])
    expect(expected?.recorded).toBe(2)
    expect(expected?.unknownStepMs).toBe(700)
  })

  it('a new matrix instance is expected to take what its recorded siblings take', async () => {
    const graph = await graphOf(
      ['test: {matrix: {node: [18, 20, 22]}, run: "true"}', 'lint: {run: "true"}'].join('\n')
    )
    const ids = graph.steps.map(step => step.id)
    const [node18, node20] = ids
    const expected = expectedDurations(
      graph.steps,
      timingsOf({ [node18 ?? '']: [4000], [node20 ?? '']: [6000], lint: [100] })
    )
    expect(expected?.sources).toEqual(['recorded', 'recorded', 'siblings', 'recorded'])
    expect(expected?.durations[2]).toBe(5000)
  })

  it('expects nothing when no step of the graph has a record (a stale file of another graph)', async () => {
    const graph = await graphOf('a: {run: "true"}')
    expect(expectedDurations(graph.steps, timingsOf({ other: [5] }))).toBeUndefined()
  })

  it('orders by the longest expected time to the end, not by the number of steps', async () => {
    const graph = await graphOf(
      ['a: {run: "true"}', 'b: {needs: [a], run: "true"}', 'long: {run: "true"}'].join('\n')
    )
    const priorities = timePriorities(graph.dag, [1000, 1000, 10_000])
    expect([...priorities]).toEqual([2000, 1000, 10_000])
    // Steps recorded as instant still count: the longer chain goes first.
    expect([...timePriorities(graph.dag, [0, 0, 0])]).toEqual([2, 1, 1])
  })
})
