import type { MatrixValue, StepSpec } from '../graph/spec.js'
import type { ShardRecord } from '../shard/shard-plan.js'
import type { GraphRun } from '../run/run-graph.js'
import { lastAttempt, stepDuration, type StepStatus } from '../scheduler/results.js'
import type { Annotation } from './annotations.js'
import { LAST_LINES_KEPT } from './output-buffer.js'
import { failedIds, runStatus, type RunStatus } from './results.js'

/**
 * The version of the run record's format: a reader (a merge of shards' records) refuses
 * versions it does not know. Raised when a field changes meaning or goes; a new field
 * does not raise it (readers ignore fields they do not know).
 */
export const RUN_RECORD_VERSION = 1
export const RUN_RECORD_FORMAT = 'stepgraph-run-record'

/**
 * One finished run, whole: what `results`, the `results-file`, and later the summary,
 * annotations and a timings file are written from, and what a merge of several shards'
 * records reads back to report on the whole graph. Field names are the outputs' own
 * (kebab-case); times are ISO 8601 (wall clock) or whole milliseconds.
 */
export interface RunRecord {
  readonly format: typeof RUN_RECORD_FORMAT
  readonly version: typeof RUN_RECORD_VERSION
  /** The action's `status`. */
  readonly status: RunStatus
  /** Whether the run was cancelled from outside (a signal), not by fail-fast. */
  readonly cancelled: boolean
  readonly 'started-at': string
  readonly 'duration-ms': number
  /** The slots it was given (max-parallel). */
  readonly slots: number
  /** The `failed` output: ids that ended failure or timed-out without continue-on-error. */
  readonly failed: readonly string[]
  /** Every step, in declaration order. */
  readonly steps: readonly StepRecord[]
  /** The steps' own `::error`/`::warning`/`::notice` annotations, as kept. */
  readonly annotations: readonly AnnotationRecord[]
  /** How many more the steps printed: counted, not kept. */
  readonly 'annotations-left-out': number
  /** Only in a shard's record (`shard: I/N`): which shard, of which graph and split. */
  readonly shard?: ShardRecord
}

export interface StepRecord {
  /** An instance of a matrix step has its own id (`test (20, linux)`) and name. */
  readonly id: string
  readonly name: string
  /** Only on an instance of a matrix step: the id of that step, which `needs` names. */
  readonly 'instance-of'?: string
  /** Only on an instance of a matrix step: its combination's values. */
  readonly matrix?: Readonly<Record<string, MatrixValue>>
  readonly needs: readonly string[]
  readonly 'continue-on-error': boolean
  readonly status: StepStatus
  /** Why it did not run (skipped, cancelled before it started), or was not run again. */
  readonly reason: string | null
  /** For a step skipped because of a failure: the id of the step that failed. */
  readonly 'skipped-because-of': string | null
  /** Of the last attempt; null when it never ran, or was ended by a signal. */
  readonly 'exit-code': number | null
  readonly signal: string | null
  /** When the first attempt started; null when it never ran. */
  readonly 'started-at': string | null
  /** From the first attempt's start to the last one's end (backoff included). */
  readonly 'duration-ms': number | null
  /** From when its needs had all finished to its first start. */
  readonly 'queue-wait-ms': number | null
  /**
   * When its needs had all finished, from the start of the run; null when they never did.
   * Also for a step that never ran (skipped): when it was released, which is what the
   * critical path of a run follows through a skipped step.
   */
  readonly 'ready-ms': number | null
  readonly attempts: readonly AttemptRecord[]
  /**
   * Only on a service (`service: true`): from its start to the moment it was ready (every
   * `ready-when` condition held); null when it started but never was ready, or never started.
   */
  readonly 'service-ready-ms'?: number | null
  /** What its last attempt wrote to GITHUB_OUTPUT, in file order (a later one wins). */
  readonly outputs: Readonly<Record<string, string>>
  /** The last lines of its last attempt's output (up to 30), unless it succeeded. */
  readonly 'last-lines': readonly string[]
  /** What it wrote to GITHUB_STEP_SUMMARY (all steps share 1 MiB; a cut one says so). */
  readonly summary: string | null
}

export interface AttemptRecord {
  readonly attempt: number
  readonly slot: number
  readonly status: Exclude<StepStatus, 'skipped'>
  readonly 'exit-code': number | null
  readonly signal: string | null
  /** Why it could not run, or what failed it besides its exit (a malformed GITHUB_OUTPUT). */
  readonly error: string | null
  /** Its start, from the start of the run. */
  readonly 'start-ms': number
  readonly 'duration-ms': number
}

export interface AnnotationRecord {
  readonly step: string | null
  readonly level: Annotation['level']
  readonly title: string | null
  readonly message: string
  readonly file: string | null
  readonly line: string | null
  readonly 'end-line': string | null
  readonly col: string | null
  readonly 'end-column': string | null
}

/** What the record needs beyond the run itself. */
export interface RunRecordExtras {
  readonly slots: number
  /** The last lines step v printed (its last attempt). */
  readonly lastLines: (step: number, count: number) => readonly string[]
  /** The steps' own annotations kept, and how many more were only counted. */
  readonly annotations: readonly Annotation[]
  readonly annotationsLeftOut: number
  readonly shard?: ShardRecord
}

export function makeRunRecord(run: GraphRun, extras: RunRecordExtras): RunRecord {
  const { graph, result } = run
  return {
    format: RUN_RECORD_FORMAT,
    version: RUN_RECORD_VERSION,
    status: runStatus(graph, result),
    cancelled: result.cancelled,
    'started-at': new Date(result.startedAtWall).toISOString(),
    'duration-ms': whole(result.endedAt - result.startedAt),
    slots: extras.slots,
    failed: failedIds(graph, result),
    steps: result.results.map(stepResult => {
      const spec = graph.steps[stepResult.step] as StepSpec
      const last = lastAttempt(stepResult)
      const first = stepResult.attempts[0]
      const duration = stepDuration(stepResult)
      const summary = run.summaries.text(stepResult.step)
      const because = stepResult.skippedBecauseOf
      return {
        id: spec.id,
        name: spec.name,
        ...(spec.instanceOf !== undefined && { 'instance-of': spec.instanceOf }),
        ...(spec.matrix !== undefined && { matrix: spec.matrix }),
        needs: spec.needs,
        'continue-on-error': spec.continueOnError,
        status: stepResult.status,
        reason: stepResult.reason ?? null,
        'skipped-because-of': because === undefined ? null : (graph.steps[because]?.id ?? null),
        'exit-code': last?.exit.exitCode ?? null,
        signal: last?.exit.signal ?? null,
        'started-at': first ? new Date(first.startedAtWall).toISOString() : null,
        'duration-ms': duration === null ? null : whole(duration),
        'queue-wait-ms':
          first && stepResult.readyAt !== null ? whole(first.startedAt - stepResult.readyAt) : null,
        'ready-ms':
          stepResult.readyAt === null ? null : whole(stepResult.readyAt - result.startedAt),
        attempts: stepResult.attempts.map(attempt => ({
          attempt: attempt.attempt,
          slot: attempt.slot,
          status: attempt.status,
          'exit-code': attempt.exit.exitCode,
          signal: attempt.exit.signal,
          error: attempt.exit.error ?? null,
          'start-ms': whole(attempt.startedAt - result.startedAt),
          'duration-ms': whole(attempt.endedAt - attempt.startedAt)
        })),
        ...(spec.service !== undefined && {
          'service-ready-ms':
            first && stepResult.serviceReadyAt != null
              ? whole(stepResult.serviceReadyAt - first.startedAt)
              : null
        }),
        // fromEntries defines each name as its own property: `__proto__` is just a name.
        outputs: Object.fromEntries(run.files[stepResult.step]?.outputs.entries ?? []),
        'last-lines':
          stepResult.status === 'success' || stepResult.attempts.length === 0
            ? []
            : [...extras.lastLines(stepResult.step, LAST_LINES_KEPT)],
        summary: summary === '' ? null : summary
      }
    }),
    annotations: extras.annotations.map(annotationRecord),
    'annotations-left-out': extras.annotationsLeftOut,
    ...(extras.shard && { shard: extras.shard })
  }
}

/** An annotation as the record holds it: every property present, null when not set. */
export function annotationRecord(annotation: Annotation): AnnotationRecord {
  return {
    step: annotation.step ?? null,
    level: annotation.level,
    title: annotation.title ?? null,
    message: annotation.message,
    file: annotation.file ?? null,
    line: annotation.line ?? null,
    'end-line': annotation.endLine ?? null,
    col: annotation.col ?? null,
    'end-column': annotation.endColumn ?? null
  }
}

/** The annotation a record holds, back as the reports take it (annotationRecord's inverse). */
export function annotationOf(record: AnnotationRecord): Annotation {
  return {
    level: record.level,
    message: record.message,
    ...(record.title !== null && { title: record.title }),
    ...(record.file !== null && { file: record.file }),
    ...(record.line !== null && { line: record.line }),
    ...(record['end-line'] !== null && { endLine: record['end-line'] }),
    ...(record.col !== null && { col: record.col }),
    ...(record['end-column'] !== null && { endColumn: record['end-column'] }),
    ...(record.step !== null && { step: record.step })
  }
}

/** Whole milliseconds, never negative (clocks are monotonic, rounding is not). */
function whole(ms: number): number {
  return Math.max(0, Math.round(ms))
}

/** The record as the results file holds it: one JSON object and a line break. */
export function runRecordJson(record: RunRecord): string {
  return `${JSON.stringify(record)}\n`
}
