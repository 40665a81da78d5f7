import { shellHint } from './graph/shell-hint.js'
import { isValidShell, SHELL_NAMES } from './graph/spec.js'

/** How step output reaches the log. */
export const OUTPUT_MODES = ['grouped', 'stream'] as const
export type OutputMode = (typeof OUTPUT_MODES)[number]

/** Everything about a run besides the graph itself: what the action inputs and CLI flags set. */
export interface RunOptions {
  /** Slots: the most steps running at once (at least 1). */
  readonly maxParallel: number
  readonly failFast: boolean
  /** Shell for steps that name none; undefined means bash if on PATH, else sh. */
  readonly shell?: string
  /** Absolute directory for steps that name none, and the base of relative ones. */
  readonly workingDirectory: string
  readonly output: OutputMode
  readonly summary: boolean
  readonly annotations: boolean
  readonly dryRun: boolean
  /**
   * The timings file (absolute): recorded durations read before the run, to order ready
   * steps and estimate the time left, and updated after it. Undefined: none.
   */
  readonly timingsFile?: string
  /**
   * Variables added to the environment every step starts from, under what the step's needs
   * export and its own `env` (the CLI's colour variables on a terminal).
   */
  readonly stepEnvironment?: Readonly<Record<string, string>>
}

/** A parsed option value, or why the text was refused (without the option's name: the caller adds it). */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const refuse = <T>(reason: string): Parsed<T> => ({ ok: false, reason })

/**
 * The most slots a run may ask for. A run never uses more slots than it has steps (the
 * scheduler's slot table is sized by both), so a large count costs nothing; beyond this
 * one it is a mistake (a mistyped number, 2^53-1 for "unlimited") and is refused at once.
 */
export const MAX_SLOTS = 100_000

/**
 * `4` or `50%` (of the CPUs, rounded down, at least 1). Percentages above 100% are refused:
 * more slots than CPUs is a deliberate choice, so it is asked for with a number.
 */
export function parseMaxParallel(text: string, cpuCount: number): Parsed<number> {
  const trimmed = text.trim()
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(trimmed)
  if (percent) {
    const share = Number(percent[1])
    if (share <= 0 || share > 100) {
      return refuse(
        `a percentage must be above 0% and at most 100% of the CPUs, got "${text}"; for more slots than CPUs, give a number`
      )
    }
    return ok(Math.max(1, Math.floor((cpuCount * share) / 100)))
  }
  if (/^\d+$/.test(trimmed)) {
    const slots = Number(trimmed)
    if (slots < 1) return refuse(`expected a positive whole number, got "${text}"`)
    if (slots > MAX_SLOTS) {
      return refuse(
        `expected at most ${MAX_SLOTS} slots (more processes than one machine runs at once), got "${text}"`
      )
    }
    return ok(slots)
  }
  return refuse(
    `expected a positive whole number or a percentage of the CPUs such as 50%, got "${text}"`
  )
}

export function parseOutputMode(text: string): Parsed<OutputMode> {
  const mode = OUTPUT_MODES.find(known => known === text.trim())
  return mode ? ok(mode) : refuse(`expected ${OUTPUT_MODES.join(' or ')}, got "${text}"`)
}

export function parseShell(text: string): Parsed<string> {
  return isValidShell(text)
    ? ok(text.trim())
    : refuse(
        `expected ${SHELL_NAMES.join(', ')} or a command template containing {0}, got "${text}"` +
          shellHint(text, template => `"${template}"`)
      )
}
