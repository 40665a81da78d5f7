import type { StepStatus } from '../scheduler/results.js'
import type { StepResultJson } from './results.js'
import type { RunRecord, StepRecord } from './run-record.js'

/**
 * GitHub refuses an output over 1 MB: `results` stays within it (UTF-8 bytes of the JSON).
 * The whole record is in the `results-file`.
 */
export const RESULTS_OUTPUT_LIMIT = 1_000_000
/**
 * The key of the note on what was left out: never a step id (ids start with a letter or
 * `_`), so it cannot collide with one.
 */
export const LEFT_OUT_KEY = '…'

/** What `results` left out to stay within the limit. */
export interface LeftOut {
  /** Output values left out (their names too), largest first. */
  readonly outputs: number
  /** Whole steps left out, once no output was left. */
  readonly steps: number
}

/**
 * Statuses in the order their steps are left out, when even without outputs the JSON is
 * too large: the steps that succeeded first, those that failed last (the ones a later
 * workflow step most wants to look at). Within a status, the last declared goes first.
 */
const LEAVE_OUT_FIRST: readonly StepStatus[] = [
  'success',
  'skipped',
  'cancelled',
  'timed-out',
  'failure'
]

/** One step's part of the JSON: its fields, and each output as `"name":"value"`. */
interface StepJson {
  readonly head: string
  readonly outputs: (string | undefined)[]
  readonly status: StepStatus
  /** Outputs not left out. */
  left: number
  /** Bytes of the step's JSON as it stands. */
  bytes: number
  kept: boolean
}

/**
 * The `results` output: a JSON object keyed by step id, in declaration order, each with
 * `name`, `status`, `exit-code`, `signal`, `attempts`, `started-at`, `duration-ms`,
 * `service-ready-ms` (a service only) and `outputs`; an instance of a matrix step is keyed by its own id (`test (20, linux)`),
 * after `name` with `instance-of` (the matrix step's id) and `matrix` (its values). When that would pass `limit` bytes, output values are left out, largest
 * first (the last declared first among equals), then whole steps (see LEAVE_OUT_FIRST),
 * until it fits; a last key `…` then says
 * how many: `"…":{"left-out":{"outputs":N,"steps":M}}`. The same record always gives the
 * same JSON.
 */
export function resultsOutput(
  record: RunRecord,
  limit = RESULTS_OUTPUT_LIMIT
): { readonly json: string; readonly leftOut: LeftOut } {
  const steps = record.steps.map(stepJson)
  // Bytes of `{` `}` and each kept step with a comma: one more than the JSON, never less.
  let size = steps.reduce((total, step) => total + step.bytes + 1, 2)
  let outputsLeftOut = 0
  let stepsLeftOut = 0
  if (size > limit) {
    // Room for the note, in its longest form, and its comma.
    const longest = leftOutNote(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    const budget = limit - Buffer.byteLength(longest) - 1
    const outputs = steps
      .flatMap((step, s) =>
        step.outputs.map((text, o) => ({ s, o, bytes: Buffer.byteLength(text ?? '') }))
      )
      // Largest first; among equals, the last declared (as for steps).
      .sort((a, b) => b.bytes - a.bytes || b.s - a.s || b.o - a.o)
    for (const { s, o, bytes } of outputs) {
      if (size <= budget) break
      const step = steps[s] as StepJson
      step.outputs[o] = undefined
      step.left--
      // Its comma goes with it; the last one leaves `{}`, which the head's `{` already counts.
      const freed = bytes + (step.left > 0 ? 1 : 0)
      step.bytes -= freed
      size -= freed
      outputsLeftOut++
    }
    const order = steps
      .map((step, s) => ({ step, s }))
      .sort(
        (a, b) =>
          LEAVE_OUT_FIRST.indexOf(a.step.status) - LEAVE_OUT_FIRST.indexOf(b.step.status) ||
          b.s - a.s
      )
    for (const { step } of order) {
      if (size <= budget) break
      step.kept = false
      size -= step.bytes + 1
      stepsLeftOut++
    }
  }
  const parts = steps
    .filter(step => step.kept)
    .map(step => `${step.head}${step.outputs.filter(text => text !== undefined).join(',')}}}`)
  if (outputsLeftOut + stepsLeftOut > 0) parts.push(leftOutNote(outputsLeftOut, stepsLeftOut))
  return {
    json: `{${parts.join(',')}}`,
    leftOut: { outputs: outputsLeftOut, steps: stepsLeftOut }
  }
}

function stepJson(step: StepRecord): StepJson {
  const withoutOutputs: Omit<StepResultJson, 'outputs'> = {
    name: step.name,
    ...(step['instance-of'] !== undefined && { 'instance-of': step['instance-of'] }),
    ...(step.matrix !== undefined && { matrix: step.matrix }),
    status: step.status,
    'exit-code': step['exit-code'],
    signal: step.signal,
    attempts: step.attempts.length,
    'started-at': step['started-at'],
    'duration-ms': step['duration-ms'],
    ...(step['service-ready-ms'] !== undefined && { 'service-ready-ms': step['service-ready-ms'] })
  }
  const fields = JSON.stringify(withoutOutputs)
  // `{"name":…,"duration-ms":…` + `,"outputs":{` … `}}`
  const head = `${JSON.stringify(step.id)}:${fields.slice(0, -1)},"outputs":{`
  const outputs = Object.entries(step.outputs).map(
    ([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`
  )
  // The head, the outputs with a comma between each two, and `}}`.
  const bytes =
    Buffer.byteLength(head) +
    outputs.reduce((total, text) => total + Buffer.byteLength(text), 0) +
    Math.max(0, outputs.length - 1) +
    2
  return { head, outputs, status: step.status, left: outputs.length, bytes, kept: true }
}

function leftOutNote(outputs: number, steps: number): string {
  return `${JSON.stringify(LEFT_OUT_KEY)}:${JSON.stringify({ 'left-out': { outputs, steps } })}`
}
