import { expectedDuration, median, type Timings } from '../timings/timings-file.js'

/** How the expected durations the balance used were found. */
export type WeightBasis = 'timings' | 'some-timings' | 'step-count'

export interface ShardWeights {
  /** weights[v]: step v's expected duration in ms, or 1 per step without any timings. */
  readonly weights: readonly number[]
  readonly basis: WeightBasis
}

/**
 * Each step's expected duration for the balance: the median of its recorded durations.
 * A step without any (new, renamed) is expected to take what a typical step with timings
 * takes (their median): zero would pile new steps on one shard. Without any timings every
 * step counts as one, so the shards get equal numbers of steps. The declared
 * `timeout-minutes` is not used: it is a bound, set generously, not an estimate.
 */
export function shardWeights(ids: readonly string[], timings: Timings | undefined): ShardWeights {
  const known = ids.map(id => (timings ? expectedDuration(timings, id) : undefined))
  const measured = known.filter((ms): ms is number => ms !== undefined)
  if (measured.length === 0) return { weights: ids.map(() => 1), basis: 'step-count' }
  const typical = median(measured)
  return {
    weights: known.map(ms => ms ?? typical),
    basis: measured.length === ids.length ? 'timings' : 'some-timings'
  }
}
