import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import { makePlan, planLines, planMarkdown } from '../../src/report/plan.js'
import { expectedDurations, timePriorities } from '../../src/timings/expected-durations.js'

async function graphOf(yaml: string): Promise<StepGraph> {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

const YAML = [
  'short1: {run: "true"}',
  'short2: {run: "true"}',
  'chain1: {run: "true"}',
  'chain2: {needs: chain1, run: "true"}',
  'long: {run: "true"}',
  'new: {run: "true"}'
].join('\n')
const RECORDED = new Map([
  ['short1', [1000]],
  ['short2', [1000, 1200, 9000]],
  ['chain1', [2000]],
  ['chain2', [2000]],
  ['long', [6000]]
])

async function expectedPlanOf(slots: number): Promise<{ graph: StepGraph; lines: string[] }> {
  const graph = await graphOf(YAML)
  const expected = expectedDurations(graph.steps, { steps: RECORDED })
  if (!expected) throw new Error('nothing expected')
  const plan = makePlan(graph, slots, {
    ...expected,
    priorities: timePriorities(graph.dag, expected.durations)
  })
  return { graph, lines: planLines(graph, plan) }
}

describe('the dry run with recorded durations', () => {
  it('shows the expected wall time, critical path and when each slot is busy', async () => {
    // Expected: short1 1s, short2 1.2s (the median), chains 2s + 2s, long 6s, new 2s (the
    // median of the recorded steps). By time: long, chain1, then new and chain2, ...
    const { lines } = await expectedPlanOf(2)
    const from = lines.findIndex(line => line.startsWith('Expected by the recorded durations'))
    expect(lines.slice(from, from + 5)).toEqual([
      'Expected by the recorded durations (5 of 6 steps have a record; without one, new is ' +
        'expected to take 2.0s, the median of the recorded steps):',
      '  wall time: 7.2s with 2 busy slots',
      '  critical path (6.0s): long',
      // short2 (1.2s) before short1 (1.0s): longest first among the ready.
      '  slot 1: busy 7.2s: long +0s..+6.0s, short2 +6.0s..+7.2s',
      '  slot 2: busy 7.0s: chain1 +0s..+2.0s, chain2 +2.0s..+4.0s, new +4.0s..+6.0s, short1 +6.0s..+7.0s'
    ])
  })

  it('says nothing of expectations without a record', async () => {
    const graph = await graphOf(YAML)
    const plan = makePlan(graph, 2)
    expect(planLines(graph, plan).join('\n')).not.toMatch(/Expected/)
    expect(planMarkdown(graph, plan)).not.toMatch(/Expected/)
  })

  it('charts the expected schedule in the job summary', async () => {
    const graph = await graphOf(YAML)
    const expected = expectedDurations(graph.steps, { steps: RECORDED })
    if (!expected) throw new Error('nothing expected')
    const markdown = planMarkdown(
      graph,
      makePlan(graph, 2, { ...expected, priorities: timePriorities(graph.dag, expected.durations) })
    )
    expect(markdown).toContain('### Expected by the recorded durations')
    expect(markdown).toContain('| 1 | 7.2s | 2 | +0s | +7.2s |')
    expect(markdown).toContain('  tickInterval 1second\n  axisFormat %-Ss')
    expect(markdown).toContain('  section Slot 1\n  ▸ long :0, 6000\n  ▸ short2 :6000, 7200')
  })
})
