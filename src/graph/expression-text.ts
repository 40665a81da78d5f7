import type { StepSpec } from './spec.js'

/**
 * Where expressions are in a step's text, found without the expression library: the
 * library (`@actions/expressions`) is loaded only for a graph that has an expression other
 * than a bare status call, so the graphs that have none never pay its start-up.
 */

/** GitHub's status functions, lower case (function names ignore case). */
export const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'] as const
export type StatusFunction = (typeof STATUS_FUNCTIONS)[number]

/** A step's `if` when none is written, as for jobs. */
export const DEFAULT_CONDITION = 'success()'

/** One piece of a templated value: text kept as written, or an expression to evaluate. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'expression'
      /** What is between `${{` and `}}`, untrimmed. */
      readonly text: string
      /** Where that text starts in the value. */
      readonly offset: number
    }

/** A templated value that cannot be split: what is wrong and where, in the value. */
export interface TemplateError {
  readonly error: string
  readonly offset: number
}

const OPEN = '${{'

export function hasTemplate(value: string): boolean {
  return value.includes(OPEN)
}

/**
 * Splits a value into text and `${{ }}` expressions, as the runner's template reader
 * does: an expression ends at the first `}}` outside a string literal (`'...'`, where
 * `''` is a quote), so `${{ format('{0}}}', x) }}` is one expression.
 */
export function splitTemplate(value: string): TemplatePart[] | TemplateError {
  const parts: TemplatePart[] = []
  let from = 0
  for (;;) {
    const open = value.indexOf(OPEN, from)
    if (open < 0) break
    if (open > from) parts.push({ kind: 'text', text: value.slice(from, open) })
    const start = open + OPEN.length
    const close = closingBraces(value, start)
    if (close < 0) {
      return { error: '`${{` is never closed with `}}`', offset: open }
    }
    const text = value.slice(start, close)
    if (text.trim() === '') return { error: '`${{ }}` holds no expression', offset: open }
    parts.push({ kind: 'expression', text, offset: start })
    from = close + 2
  }
  if (from < value.length) parts.push({ kind: 'text', text: value.slice(from) })
  return parts
}

/** The index of the `}}` that ends an expression starting at `start`, or -1. */
function closingBraces(value: string, start: number): number {
  let inString = false
  for (let i = start; i < value.length; i++) {
    const char = value[i]
    // `''` inside a string toggles twice: an escaped quote needs no case of its own.
    if (char === "'") inString = !inString
    else if (!inString && char === '}' && value[i + 1] === '}') return i
  }
  return -1
}

/** An `if:` as written: the expression, and where it starts in the written value. */
export interface ConditionText {
  readonly text: string
  readonly offset: number
}

/**
 * The expression of an `if:`, with or without `${{ }}` as in workflows: `failure()` and
 * `${{ failure() }}` are the same condition. `${{ }}` around part of it only is refused:
 * the runner would make the whole condition a string, which is always true.
 */
export function conditionText(written: string): ConditionText | TemplateError {
  const leading = written.length - written.trimStart().length
  const trimmed = written.trim()
  if (trimmed === '') return { error: 'is empty', offset: 0 }
  if (!hasTemplate(trimmed)) return { text: trimmed, offset: leading }
  const parts = splitTemplate(written)
  if ('error' in parts) return parts
  const expressions = parts.filter(part => part.kind === 'expression')
  const onlyOne =
    expressions.length === 1 &&
    parts.every(part => part.kind === 'expression' || part.text.trim() === '')
  const [expression] = expressions
  if (!onlyOne || expression === undefined) {
    return {
      error: 'is one expression: write it without `${{ }}`, or put all of it inside one `${{ }}`',
      offset: written.indexOf(OPEN)
    }
  }
  const inner = expression.text
  return {
    text: inner.trim(),
    offset: expression.offset + inner.length - inner.trimStart().length
  }
}

/** `success()`, `Failure( )`...: the status function a condition only calls, if it is one. */
export function bareStatusCall(condition: string): StatusFunction | undefined {
  const match = /^\s*([A-Za-z]+)\s*\(\s*\)\s*$/.exec(condition)
  const name = match?.[1]?.toLowerCase()
  return STATUS_FUNCTIONS.find(status => status === name)
}

/**
 * Whether a step needs the expression library: an `if` other than a bare status call, or
 * `${{` in a templated value.
 */
export function usesExpressions(spec: StepSpec): boolean {
  return (
    bareStatusCall(spec.if) === undefined ||
    hasTemplate(spec.run) ||
    hasTemplate(spec.name) ||
    (spec.workingDirectory !== undefined && hasTemplate(spec.workingDirectory)) ||
    [...spec.env.values()].some(hasTemplate)
  )
}
