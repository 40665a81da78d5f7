import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Dag } from '../../src/graph/dag.js'
import type { ShardPin } from '../../src/graph/spec.js'
import { assignShards, type ShardedStep } from '../../src/shard/assign.js'

interface RandomGraph {
  readonly dag: Dag
  readonly steps: readonly ShardedStep[]
  readonly weights: readonly number[]
}

/**
 * Random acyclic graphs (needs only on earlier steps), some steps instances of a matrix
 * step (consecutive steps sharing its id and its needs), a few pinned.
 */
const graphs: fc.Arbitrary<RandomGraph> = fc.integer({ min: 1, max: 40 }).chain(size =>
  fc
    .tuple(
      ...Array.from({ length: size }, (_, v) =>
        fc.record({
          needs: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, v - 1) }), {
            maxLength: v === 0 ? 0 : 3
          }),
          instances: fc.constantFrom(1, 1, 1, 2, 3),
          pin: fc.constantFrom<ShardPin | undefined>(
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            'first',
            'all'
          ),
          weight: fc.integer({ min: 0, max: 1000 })
        })
      )
    )
    .map(declared => {
      // Declared step d becomes `instances` steps; needs name all of a step's instances.
      const stepsOf: number[][] = []
      const steps: ShardedStep[] = []
      const needs: number[][] = []
      const weights: number[] = []
      declared.forEach((step, d) => {
        const own: number[] = []
        for (let i = 0; i < step.instances; i++) {
          own.push(steps.length)
          steps.push({
            id: step.instances === 1 ? `s${d}` : `s${d} (${i + 1})`,
            ...(step.pin && { shards: step.pin }),
            ...(step.instances > 1 && { instanceOf: `s${d}` })
          })
          needs.push(step.needs.flatMap(p => stepsOf[p] ?? []))
          weights.push(step.weight + i)
        }
        stepsOf.push(own)
      })
      return { dag: new Dag(needs), steps, weights }
    })
)

function ancestorsOf(dag: Dag, roots: readonly number[]): Set<number> {
  const seen = new Set<number>()
  const pending = [...roots]
  for (let v = pending.pop(); v !== undefined; v = pending.pop()) {
    if (seen.has(v)) continue
    seen.add(v)
    pending.push(...(dag.predecessors[v] ?? []))
  }
  return seen
}

function descendantsOf(dag: Dag, roots: readonly number[]): Set<number> {
  const seen = new Set<number>()
  const pending = [...roots]
  for (let v = pending.pop(); v !== undefined; v = pending.pop()) {
    if (seen.has(v)) continue
    seen.add(v)
    pending.push(...(dag.successors[v] ?? []))
  }
  return seen
}

describe('shard assignment over random graphs', () => {
  it('runs every step, balanced work exactly once, each shard closed under needs and nothing more', () => {
    fc.assert(
      fc.property(graphs, fc.integer({ min: 1, max: 6 }), (graph, count) => {
        const { dag, steps } = graph
        const assignment = assignShards(graph, count, v => graph.weights[v] ?? 0)
        const pinned = (pin: ShardPin): number[] =>
          steps.flatMap((step, v) => (step.shards === pin ? [v] : []))
        const everywhere = ancestorsOf(dag, pinned('all'))
        const afterFirst = descendantsOf(dag, pinned('first'))
        const conflicting = pinned('all').filter(v => afterFirst.has(v))
        expect(assignment.conflicts.length).toBe(conflicting.length)
        if (conflicting.length > 0) return

        expect(assignment.shares).toHaveLength(count)
        const shardsOf = steps.map(() => [] as number[])
        assignment.shares.forEach((share, k) => {
          for (const v of share.steps) shardsOf[v]?.push(k)
          const here = new Set(share.steps)
          // Nothing runs before its needs in its own shard: each need is in the shard too.
          for (const v of share.steps)
            for (const p of dag.predecessors[v] ?? []) expect(here.has(p)).toBe(true)
          // And the shard runs nothing but its balanced work, what that needs, and `all`.
          const expected = new Set([...ancestorsOf(dag, share.balanced), ...everywhere])
          expect([...here].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b))
          expect(share.steps).toEqual([...share.steps].sort((a, b) => a - b))
        })
        steps.forEach((step, v) => {
          const shards = shardsOf[v] ?? []
          expect(shards.length).toBeGreaterThan(0)
          const balanced =
            !everywhere.has(v) &&
            ((dag.successors[v]?.length ?? 0) === 0 || step.instanceOf !== undefined)
          const given = assignment.shares.flatMap((share, k) =>
            share.balanced.includes(v) ? [k] : []
          )
          // Balanced work runs in exactly one shard, and it is the one it was given to.
          if (balanced) expect(shards).toEqual(given)
          else expect(given).toEqual([])
          if (everywhere.has(v)) expect(shards).toHaveLength(count)
          // `shards: first`, and whatever needs it, runs once, in shard 1.
          if (afterFirst.has(v)) expect(shards).toEqual([0])
        })
      }),
      { numRuns: 400 }
    )
  })

  it('gives the same assignment whatever the order of its groups was found in', () => {
    // The same graph with the same weights twice: identical shares (no hidden state).
    fc.assert(
      fc.property(graphs, fc.integer({ min: 1, max: 6 }), (graph, count) => {
        const weight = (v: number): number => graph.weights[v] ?? 0
        expect(assignShards(graph, count, weight)).toEqual(assignShards(graph, count, weight))
      }),
      { numRuns: 100 }
    )
  })

  it('balances independent leaves by weight: longest first to the least loaded shard', () => {
    // Weights 7, 5, 4, 3, 3, 2 over 2 shards: LPT gives 7+3+2 = 12 and 5+4+3 = 12.
    const weights = [7, 5, 4, 3, 3, 2]
    const graph = {
      dag: new Dag(weights.map(() => [])),
      steps: weights.map((_, v) => ({ id: `s${v}` }))
    }
    const { shares } = assignShards(graph, 2, v => weights[v] ?? 0)
    expect(shares.map(share => share.steps)).toEqual([
      [0, 3, 5],
      [1, 2, 4]
    ])
    expect(shares.map(share => share.expected)).toEqual([12, 12])
  })

  it('breaks ties by id, compared by code units, not by declaration order or locale', () => {
    // Equal weights: the smallest id goes first, to shard 1. "B" < "a" in code units.
    const graph = { dag: new Dag([[], []]), steps: [{ id: 'a' }, { id: 'B' }] }
    const { shares } = assignShards(graph, 2, () => 1)
    expect(shares.map(share => share.balanced)).toEqual([[1], [0]])
  })

  it('counts a setup step once per shard that needs it when choosing the shard', () => {
    // install (10) is needed by x and y (1 each); z (5) needs nothing. Two shards: z, the
    // heaviest, takes shard 1; x then makes 11 on shard 2 against 16 on shard 1; y joins
    // x, where install already is (12 against 16), though shard 1 is less loaded.
    const graph = {
      dag: new Dag([[], [0], [0], []]),
      steps: [{ id: 'install' }, { id: 'x' }, { id: 'y' }, { id: 'z' }]
    }
    const weights = [10, 1, 1, 5]
    const { shares } = assignShards(graph, 2, v => weights[v] ?? 0)
    expect(shares.map(share => share.steps)).toEqual([[3], [0, 1, 2]])
  })

  it('says which pins contradict each other', () => {
    const graph = {
      dag: new Dag([[], [0]]),
      steps: [
        { id: 'setup', shards: 'first' as const },
        { id: 'everywhere', shards: 'all' as const }
      ]
    }
    expect(assignShards(graph, 2, () => 1).conflicts).toEqual([
      'step `everywhere` has `shards: all` but needs `setup`, which has `shards: first` (it runs once, in shard 1): remove one of the two pins'
    ])
  })
})
