import type { AttemptRecord, RunRecord, StepRecord } from '../../src/report/run-record.js'
import type { StepStatus } from '../../src/scheduler/results.js'

/** An attempt as a run record holds it: in `slot`, from `start` to `end` (ms from the run's start). */
export function attemptRecord(
  slot: number,
  start: number,
  end: number,
  status: AttemptRecord['status'] = 'success',
  fields: Partial<AttemptRecord> = {}
): AttemptRecord {
  return {
    attempt: 1,
    slot,
    status,
    'exit-code': status === 'success' ? 0 : status === 'cancelled' ? null : 1,
    signal: null,
    error: null,
    'start-ms': start,
    'duration-ms': end - start,
    ...fields
  }
}

/** A step as a run record holds it; `ready` is when its needs had all ended. */
export function stepRecord(
  id: string,
  status: StepStatus,
  ready: number | null,
  attempts: AttemptRecord[],
  fields: Partial<StepRecord> = {}
): StepRecord {
  const first = attempts[0]
  const last = attempts[attempts.length - 1]
  return {
    id,
    name: id,
    needs: [],
    'continue-on-error': false,
    status,
    reason: null,
    'skipped-because-of': null,
    'exit-code': last?.['exit-code'] ?? null,
    signal: last?.signal ?? null,
    'started-at': first ? new Date(1_700_000_000_000 + first['start-ms']).toISOString() : null,
    'duration-ms':
      first && last ? last['start-ms'] + last['duration-ms'] - first['start-ms'] : null,
    'queue-wait-ms': first && ready !== null ? first['start-ms'] - ready : null,
    'ready-ms': ready,
    attempts: attempts.map((attempt, i) => ({ ...attempt, attempt: i + 1 })),
    outputs: {},
    'last-lines': [],
    summary: null,
    ...fields
  }
}

/** A run record of these steps; its wall time ends with the last attempt unless given. */
export function runRecord(steps: StepRecord[], fields: Partial<RunRecord> = {}): RunRecord {
  const end = Math.max(
    0,
    ...steps.flatMap(step => step.attempts.map(a => a['start-ms'] + a['duration-ms']))
  )
  return {
    format: 'stepgraph-run-record',
    version: 1,
    status: steps.some(step => step.status === 'failure') ? 'failure' : 'success',
    cancelled: false,
    'started-at': new Date(1_700_000_000_000).toISOString(),
    'duration-ms': end,
    slots: 2,
    failed: steps.filter(step => step.status === 'failure').map(step => step.id),
    steps,
    annotations: [],
    'annotations-left-out': 0,
    ...fields
  }
}
