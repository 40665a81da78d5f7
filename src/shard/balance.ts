import { count } from '../report/plan.js'
import { formatDuration } from '../report/text.js'
import type { MergedRun } from './merged-record.js'

/** How one shard went, against the others. */
export interface ShardBalance {
  readonly index: number
  /** null for a missing shard. */
  readonly status: string | null
  readonly wallMs: number | null
  /** The time its steps took, summed (what the job's machine was busy with). */
  readonly stepMs: number | null
  readonly expectedMs: number | null
  readonly steps: number | null
}

export interface Balance {
  readonly shards: readonly ShardBalance[]
  /** From the first shard's start to the last one's end. */
  readonly wallMs: number
  /** Step time summed over every shard (setup run in several shards counted in each). */
  readonly machineMs: number
  /** The slowest shard's wall time over the mean of the shards' (1 is perfect); null if none ran. */
  readonly ratio: number | null
}

export function balanceOf(merged: MergedRun): Balance {
  const shards = merged.shards.map((shard, k): ShardBalance => {
    if (shard === undefined)
      return {
        index: k + 1,
        status: null,
        wallMs: null,
        stepMs: null,
        expectedMs: null,
        steps: null
      }
    const { record } = shard
    return {
      index: k + 1,
      status: record.status,
      wallMs: record['duration-ms'],
      stepMs: record.steps.reduce((sum, step) => sum + (step['duration-ms'] ?? 0), 0),
      expectedMs: record.shard['expected-ms'],
      steps: record.steps.length
    }
  })
  const walls = shards.flatMap(shard => (shard.wallMs === null ? [] : [shard.wallMs]))
  const mean = walls.reduce((a, b) => a + b, 0) / Math.max(1, walls.length)
  return {
    shards,
    wallMs: merged.record['duration-ms'],
    machineMs: shards.reduce((sum, shard) => sum + (shard.stepMs ?? 0), 0),
    ratio: walls.length === 0 || mean === 0 ? null : Math.max(...walls) / mean
  }
}

/** The job summary's account of the shards: wall time against machine time, and balance. */
export function balanceSection(balance: Balance): string {
  const { shards } = balance
  const ratio = balance.ratio === null ? '—' : balance.ratio.toFixed(2)
  const cell = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms))
  return [
    '### Shards',
    '',
    `${count(shards.length, 'shard')} · wall time ${formatDuration(balance.wallMs)} ` +
      `(first start to last end) · machine time ${formatDuration(balance.machineMs)} ` +
      `(step time summed over the shards) · balance ${ratio} (slowest shard ÷ mean; 1 is even)`,
    '',
    '| Shard | Status | Wall time | Step time | Expected | Steps |',
    '| ---: | --- | ---: | ---: | ---: | ---: |',
    ...shards.map(
      shard =>
        `| ${shard.index}/${shards.length} | ${shard.status ?? '**missing**'} | ${cell(shard.wallMs)} | ` +
        `${cell(shard.stepMs)} | ${cell(shard.expectedMs)} | ${shard.steps ?? '—'} |`
    ),
    ''
  ].join('\n')
}

/** The log's account of the same, one line per shard. */
export function balanceLines(balance: Balance): string[] {
  const cell = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms))
  return [
    `stepgraph merge: ${count(balance.shards.length, 'shard')}, wall ${formatDuration(balance.wallMs)}, ` +
      `machine ${formatDuration(balance.machineMs)}, balance ` +
      `${balance.ratio === null ? '—' : balance.ratio.toFixed(2)} (slowest shard ÷ mean)`,
    ...balance.shards.map(
      shard =>
        `  ${shard.index}/${balance.shards.length}: ${shard.status ?? 'missing'}, wall ${cell(shard.wallMs)}, ` +
        `steps ${cell(shard.stepMs)}${shard.expectedMs === null ? '' : `, expected ${cell(shard.expectedMs)}`}`
    )
  ]
}
