import type { StepGraph } from '../graph/load.js'
import type { RefusedCommand } from '../process/step-files.js'
import type { StepSpec } from '../graph/spec.js'
import { countsAsFailed } from '../scheduler/policy.js'
import type { RunResult, StepResult } from '../scheduler/results.js'
import { ANNOTATIONS_PER_LEVEL, type AnnotationLevel } from './annotation-budget.js'
import { count } from './plan.js'
import { describeAttempt, describeStep } from './step-text.js'
import { readableTail } from './tail-text.js'
import { oneLine } from './text.js'
import type { WorkflowCommand } from './workflow-commands.js'

/** An annotation as the runner takes it, with the step it is about. */
export interface Annotation {
  readonly level: AnnotationLevel
  readonly message: string
  readonly title?: string
  readonly file?: string
  readonly line?: string
  readonly endLine?: string
  readonly col?: string
  readonly endColumn?: string
  /** The id of the step it came from or is about. */
  readonly step?: string
}

/** Lines of a failed step's output carried in its annotation. */
export const ANNOTATION_TAIL_LINES = 10
const ANNOTATION_MESSAGE_LIMIT = 4000

/**
 * The steps' own annotations kept, at most: the runner shows 10 of each kind, the job
 * summary lists the others, and it could not hold many more. Beyond this they are only
 * counted, so that a step printing millions of `::warning::` lines costs no memory.
 */
export const MAX_CHILD_ANNOTATIONS = 1000
/**
 * The runner cuts an annotation's message at this many characters (ExecutionContext's
 * `_maxIssueMessageLength`); its properties are cut there too, to bound what is kept.
 */
export const RUNNER_MESSAGE_LIMIT = 4096

/** `::error`, `::warning` and `::notice` lines the steps printed, in the order they came. */
export class ChildAnnotations {
  private readonly list: Annotation[] = []
  private counted = 0

  /** The first MAX_CHILD_ANNOTATIONS, in the order they came. */
  get all(): readonly Annotation[] {
    return this.list
  }

  /** How many came after those: counted, not kept. */
  get notKept(): number {
    return this.counted
  }

  /** Records a child's command if it is an annotation; says whether it was one. */
  add(spec: StepSpec, command: WorkflowCommand): boolean {
    if (command.name !== 'error' && command.name !== 'warning' && command.name !== 'notice')
      return false
    if (this.list.length >= MAX_CHILD_ANNOTATIONS) {
      this.counted++
      return true
    }
    // Property names as the runner's IssueCommandProperties, looked up without case.
    const properties = command.properties
    const [title, file, line, endLine, col, endColumn] = [
      properties.title,
      properties.file,
      properties.line,
      properties.endline,
      properties.col,
      properties.endcolumn
    ].map(value => value?.slice(0, RUNNER_MESSAGE_LIMIT))
    const name = oneLine(spec.name)
    this.list.push({
      level: command.name,
      message: command.data.slice(0, RUNNER_MESSAGE_LIMIT),
      title: title ? `${name}: ${oneLine(title)}` : name,
      step: spec.id,
      ...(file !== undefined && { file }),
      ...(line !== undefined && { line }),
      ...(endLine !== undefined && { endLine }),
      ...(col !== undefined && { col }),
      ...(endColumn !== undefined && { endColumn })
    })
    return true
  }
}

/**
 * stepgraph's own annotations about the run: an error for each step that failed it (those
 * `countsAsFailed` picks, as the failure message and the `failed` output do; a warning for
 * a failure with continue-on-error), titled with the step's name and carrying how it ended
 * and its last lines; a warning for each step that passed only on a retry.
 */
export function runAnnotations(
  graph: StepGraph,
  run: RunResult,
  lastLines: (step: number) => readonly string[],
  conflicts: readonly string[],
  refused: readonly RefusedCommand[] = []
): { readonly errors: Annotation[]; readonly warnings: Annotation[] } {
  const errors: Annotation[] = []
  const warnings: Annotation[] = []
  for (const result of run.results) {
    const spec = graph.steps[result.step] as StepSpec
    if (countsAsFailed(result.status, spec)) {
      errors.push(failureAnnotation(spec, result, lastLines(result.step)))
    } else if (result.status === 'failure' || result.status === 'timed-out') {
      const annotation = failureAnnotation(spec, result, lastLines(result.step))
      warnings.push({ ...annotation, level: 'warning' })
    } else if (result.status === 'success' && result.attempts.length > 1) {
      warnings.push({
        level: 'warning',
        title: `${oneLine(spec.name)} is flaky`,
        message:
          `passed only on attempt ${result.attempts.length} of ${spec.retries + 1}; before that: ` +
          result.attempts.slice(0, -1).map(describeAttempt).join(', '),
        step: spec.id
      })
    }
  }
  // The runner reports these as errors of the step, without failing it.
  for (const { step, message } of refused) {
    const spec = graph.steps.find(candidate => candidate.id === step)
    errors.push({ level: 'error', title: oneLine(spec?.name ?? step), message, step })
  }
  for (const conflict of conflicts) {
    warnings.push({
      level: 'warning',
      title: 'stepgraph: conflicting GITHUB_ENV',
      message: conflict
    })
  }
  return { errors, warnings }
}

function failureAnnotation(
  spec: StepSpec,
  result: StepResult,
  lines: readonly string[]
): Annotation {
  const ended = describeStep(result)
  // The step's own `::error` lines are annotations of their own: not repeated in this one.
  const tail = readableTail(lines, 'omit').slice(-ANNOTATION_TAIL_LINES)
  let message = tail.length > 0 ? `${ended}. Last lines:\n${tail.join('\n')}` : `${ended}.`
  if (message.length > ANNOTATION_MESSAGE_LIMIT)
    message = `…${message.slice(-ANNOTATION_MESSAGE_LIMIT)}`
  return {
    level: 'error',
    title: `${oneLine(spec.name)} ${result.status === 'timed-out' ? 'timed out' : 'failed'}`,
    message,
    step: spec.id
  }
}

export interface AnnotationPlan {
  /** What to emit, in order. */
  readonly emit: readonly Annotation[]
  /** What did not fit: listed in the job summary. */
  readonly dropped: readonly Annotation[]
  /** How many more did not fit and were never kept (ChildAnnotations.notKept). */
  readonly unlisted: number
}

/**
 * Fits the annotations into the runner's allowance of 10 per level for the one workflow
 * step stepgraph is: stepgraph's own first, then the steps', then, if anything was left
 * out, one notice saying how many more the summary lists. When the run fails, one error
 * is kept for the action's failure message.
 */
export function planAnnotations(
  ours: { readonly errors: readonly Annotation[]; readonly warnings: readonly Annotation[] },
  children: readonly Annotation[],
  runFails: boolean,
  unlisted = 0
): AnnotationPlan {
  const candidates: Record<AnnotationLevel, Annotation[]> = {
    error: [...ours.errors, ...children.filter(a => a.level === 'error')],
    warning: [...ours.warnings, ...children.filter(a => a.level === 'warning')],
    notice: children.filter(a => a.level === 'notice')
  }
  const allowed: Record<AnnotationLevel, number> = {
    error: ANNOTATIONS_PER_LEVEL - (runFails ? 1 : 0),
    warning: ANNOTATIONS_PER_LEVEL,
    notice: ANNOTATIONS_PER_LEVEL
  }
  const overflows = (): boolean =>
    unlisted > 0 ||
    (['error', 'warning', 'notice'] as const).some(
      level => candidates[level].length > allowed[level]
    )
  if (overflows()) allowed.notice -= 1
  const emit: Annotation[] = []
  const dropped: Annotation[] = []
  for (const level of ['error', 'warning', 'notice'] as const) {
    emit.push(...candidates[level].slice(0, allowed[level]))
    dropped.push(...candidates[level].slice(allowed[level]))
  }
  if (dropped.length + unlisted > 0) {
    emit.push({
      level: 'notice',
      title: 'stepgraph: more annotations',
      message: `${count(dropped.length + unlisted, 'more annotation')} did not fit the runner's limit of 10 per kind: see the job summary`
    })
  }
  return { emit, dropped, unlisted }
}
