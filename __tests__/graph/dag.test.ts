import { describe, expect, it } from 'vitest'
import { findCycles } from '../../src/graph/cycles.js'
import { Dag } from '../../src/graph/dag.js'
import { loadStepGraph } from '../../src/graph/load.js'
import { randomDag, graphYaml } from '../helpers/graphs.js'

//   0 ─┬─► 2 ─► 3
//   1 ─┘        ▲
//   4 ──────────┘
const diamond = new Dag([[], [], [0, 1], [2, 4], []])

describe('Dag', () => {
  it('keeps successor lists and predecessor counts', () => {
    expect(diamond.successors).toEqual([[2], [2], [3], [], [3]])
    expect([0, 1, 2, 3, 4].map(v => diamond.predecessorCount(v))).toEqual([0, 0, 2, 2, 0])
    expect(diamond.edgeCount).toBe(4)
  })

  it('orders every step after the steps it needs', () => {
    const position = new Map(diamond.topologicalOrder.map((v, i) => [v, i]))
    for (let v = 0; v < diamond.size; v++) {
      for (const p of diamond.predecessors[v] ?? []) {
        expect(position.get(p)).toBeLessThan(position.get(v) ?? -1)
      }
    }
  })

  it('groups steps into levels by their deepest need', () => {
    expect(diamond.levels()).toEqual([[0, 1, 4], [2], [3]])
  })

  it('finds the critical path by step count, earlier steps winning ties', () => {
    expect(diamond.criticalPath()).toEqual({ steps: [0, 2, 3], length: 3 })
  })

  it('finds the critical path by duration when durations are known', () => {
    const durations = [1, 1, 1, 1, 10]
    expect(diamond.criticalPath(v => durations[v] ?? 0)).toEqual({ steps: [4, 3], length: 11 })
  })

  it('computes the remaining path from each step', () => {
    expect([...diamond.remainingPath()]).toEqual([3, 3, 2, 1, 2])
  })

  it('handles an empty graph', () => {
    const empty = new Dag([])
    expect(empty.levels()).toEqual([])
    expect(empty.criticalPath()).toEqual({ steps: [], length: 0 })
  })

  it('refuses a cycle and an unknown step', () => {
    expect(() => new Dag([[1], [0]])).toThrow(/cycle/)
    expect(() => new Dag([[7]])).toThrow(RangeError)
  })

  it('handles a 10,000-step chain without deep recursion', () => {
    const chain = Array.from({ length: 10_000 }, (_, v) => (v === 0 ? [] : [v - 1]))
    const dag = new Dag(chain)
    expect(dag.levels()).toHaveLength(10_000)
    expect(dag.criticalPath().length).toBe(10_000)
    expect(findCycles(chain)).toEqual([])
  })

  it('handles a random 10,000-step, 30,000-edge graph', () => {
    const needs = randomDag(10_000, 3, 42)
    const dag = new Dag(needs)
    expect(dag.edgeCount).toBe(30_000 - 6) // steps 0, 1 and 2 have fewer than 3 steps before them
    const levels = dag.levels()
    expect(levels.flat()).toHaveLength(10_000)
    const path = dag.criticalPath()
    expect(path.length).toBe(levels.length)
    for (let i = 1; i < path.steps.length; i++) {
      expect(dag.predecessors[path.steps[i] ?? -1]).toContain(path.steps[i - 1])
    }
  })
})

describe('findCycles', () => {
  it('finds a self-loop', () => {
    expect(findCycles([[0]])).toEqual([[0]])
  })

  it('gives the shortest cycle through the earliest step of a tangle', () => {
    // 0 needs 1 and 3; 1 needs 2; 2 needs 0; 3 needs 0.
    expect(findCycles([[1, 3], [2], [0], [0]])).toEqual([[0, 3]])
  })

  it('finds a cycle at the end of a 10,000-step chain', () => {
    const chain = Array.from({ length: 10_000 }, (_, v) => (v === 0 ? [9_999] : [v - 1]))
    expect(findCycles(chain)[0]).toHaveLength(10_000)
  })
})

describe('loadStepGraph at scale', () => {
  it('loads a generated 10,000-step, 30,000-edge graph', async () => {
    const result = await loadStepGraph({ text: graphYaml(randomDag(10_000, 3, 7)) })
    expect(result.ok && result.graph.dag.size).toBe(10_000)
  })
})
