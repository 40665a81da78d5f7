import type { Expectations } from '../timings/expected-durations.js'

/** How the expected durations the balance used were found. */
export type WeightBasis = 'timings' | 'some-timings' | 'step-count'

export interface ShardWeights {
  /** weights[v]: step v's expected duration in ms, or 1 per step without any timings. */
  readonly weights: ArrayLike<number>
  readonly basis: WeightBasis
}

/**
 * Each step's weight in the balance: its expected duration from the timings file
 * (src/timings/expected-durations.ts: its own record, else its matrix siblings', else the
 * median step's; never zero for a step merely new, which would pile new steps on one
 * shard). Without any timings every step counts as one, so the shards get equal numbers
 * of steps. The declared `timeout-minutes` is not used: it is a bound, set generously,
 * not an estimate.
 */
export function shardWeights(size: number, expected: Expectations | undefined): ShardWeights {
  if (expected === undefined)
    return { weights: new Float64Array(size).fill(1), basis: 'step-count' }
  return {
    weights: expected.durations,
    basis: expected.recorded === size ? 'timings' : 'some-timings'
  }
}
