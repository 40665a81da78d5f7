import type { StepStatus } from '../../scheduler/results.js'
import type { Annotation } from '../annotations.js'
import type { RunRecord, StepRecord } from '../run-record.js'
import type { AttemptEnding, StepEnding } from '../step-text.js'

/**
 * What every section of the job summary is drawn from: plain data, times in milliseconds
 * from the start of the run (of the first shard, for a merge). One run gives it from its
 * run record (`summaryModelOf`); a merge of shards' records gives it by joining each
 * shard's model (`joinShards`), so the summary of a merge needs the records and nothing else.
 */
export interface SummaryModel {
  /** Wall-clock time: from the start to the end of the run (of the last shard to end). */
  readonly wallMs: number
  /** The slots the run had: max-parallel, summed over the shards of a merge. */
  readonly slots: number
  /** Cancelled from outside (a signal), not by fail-fast. */
  readonly cancelled: boolean
  /** Every step, in declaration order (a merge: shard after shard). */
  readonly steps: readonly SummaryStep[]
  /** Annotations that did not fit the runner's allowance, and how many more were only counted. */
  readonly annotationsLeftOut: { readonly listed: readonly Annotation[]; readonly unlisted: number }
}

export interface SummaryStep extends StepEnding {
  readonly id: string
  readonly name: string
  /** The ids it needs, as declared (a matrix step's id stands for all its instances). */
  readonly needs: readonly string[]
  /** Only on an instance of a matrix step: that step's id. */
  readonly instanceOf?: string
  readonly continueOnError: boolean
  readonly status: StepStatus
  readonly reason?: string
  /** For a step skipped because of a failure: the id of the step that failed. */
  readonly skippedBecauseOf?: string
  /** When its needs had all ended (for a step that never ran: when it was released). */
  readonly readyAt: number | null
  readonly attempts: readonly SummaryAttempt[]
  /** The last lines of its last attempt's output (kept for steps that did not succeed). */
  readonly lastLines: readonly string[]
  /** What it wrote to its GITHUB_STEP_SUMMARY ('' for nothing). */
  readonly ownSummary: string
  /** In a merge: the shard that ran it (1-based). Undefined for a single run. */
  readonly shard?: number
}

export interface SummaryAttempt extends AttemptEnding {
  readonly attempt: number
  /** The slot it ran in (within its shard). */
  readonly slot: number
}

/** Reading a record for a merge: which shard it is, and how long after the first it started. */
export interface ShardPlace {
  readonly shard: number
  /** Its `started-at` less the earliest shard's: added to every time it holds. */
  readonly offsetMs: number
}

/**
 * The model of one run, from its run record alone (what the `results-file` holds).
 * `annotationsLeftOut` comes from the caller: which annotations fit the runner's allowance
 * is decided when they are emitted, for one run or for the merge as a whole.
 */
export function summaryModelOf(
  record: RunRecord,
  annotationsLeftOut: SummaryModel['annotationsLeftOut'] = { listed: [], unlisted: 0 },
  place?: ShardPlace
): SummaryModel {
  const offset = place?.offsetMs ?? 0
  return {
    wallMs: offset + record['duration-ms'],
    slots: record.slots,
    cancelled: record.cancelled,
    steps: record.steps.map(step => stepOf(step, offset, place?.shard)),
    annotationsLeftOut
  }
}

function stepOf(step: StepRecord, offset: number, shard: number | undefined): SummaryStep {
  return {
    id: step.id,
    name: step.name,
    needs: step.needs,
    ...(step['instance-of'] !== undefined && { instanceOf: step['instance-of'] }),
    continueOnError: step['continue-on-error'],
    status: step.status,
    ...(step.reason !== null && { reason: step.reason }),
    ...(step['skipped-because-of'] !== null && { skippedBecauseOf: step['skipped-because-of'] }),
    readyAt: step['ready-ms'] === null ? null : offset + step['ready-ms'],
    attempts: step.attempts.map(attempt => ({
      attempt: attempt.attempt,
      slot: attempt.slot,
      status: attempt.status,
      exit: {
        exitCode: attempt['exit-code'],
        signal: attempt.signal,
        ...(attempt.error !== null && { error: attempt.error })
      },
      startedAt: offset + attempt['start-ms'],
      endedAt: offset + attempt['start-ms'] + attempt['duration-ms']
    })),
    ...(step['service-ready-ms'] !== undefined && {
      serviceReadyAt: serviceReadyAt(step, offset)
    }),
    lastLines: step['last-lines'],
    ownSummary: step.summary ?? '',
    ...(shard !== undefined && { shard })
  }
}

/** A service's ready moment on the model's clock, from its first start and `service-ready-ms`. */
function serviceReadyAt(step: StepRecord, offset: number): number | null {
  const first = step.attempts[0]
  const readyMs = step['service-ready-ms']
  return first === undefined || readyMs == null ? null : offset + first['start-ms'] + readyMs
}

/**
 * The model of a merge: each shard's model (made with its ShardPlace) joined into one.
 * The wall time ends with the last shard; slots add up; a step that ran in several shards
 * (a setup step each of them needed) appears once per shard.
 */
export function joinShards(
  shards: readonly SummaryModel[],
  annotationsLeftOut: SummaryModel['annotationsLeftOut']
): SummaryModel {
  return {
    wallMs: Math.max(0, ...shards.map(shard => shard.wallMs)),
    slots: shards.reduce((total, shard) => total + shard.slots, 0),
    cancelled: shards.some(shard => shard.cancelled),
    steps: shards.flatMap(shard => shard.steps),
    annotationsLeftOut
  }
}

/** Where a step's attempt ran: its slot, and in a merge its shard's too. */
export function slotName(step: Pick<SummaryStep, 'shard'>, slot: number): string {
  return step.shard === undefined ? `Slot ${slot}` : `Shard ${step.shard} slot ${slot}`
}

/** From the first attempt's start to the last one's end; null when it never ran. */
export function stepDuration(step: Pick<SummaryStep, 'attempts'>): number | null {
  const first = step.attempts[0]
  const last = step.attempts[step.attempts.length - 1]
  return first && last ? last.endedAt - first.startedAt : null
}
