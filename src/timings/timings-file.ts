import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { NotAFileError, readFilePrefix } from '../bounded-file.js'

/**
 * The timings file: how long each step took in the last few runs, kept between runs (with
 * actions/cache on a runner, in the working directory locally) so that the next run can
 * order ready steps by expected time and estimate when it will end.
 *
 * ```json
 * { "version": 1, "steps": { "build": { "durations-ms": [61200, 59800, 60400] } } }
 * ```
 *
 * Newest last, at most HISTORY runs per step, successful attempts only (a failure ends at
 * an arbitrary moment). A step's expected duration is the median of its history: one slow
 * run among five moves nothing.
 */
export const TIMINGS_VERSION = 1
/** Runs remembered per step. */
export const HISTORY = 5
/**
 * The largest timings file read: about 100 bytes per step, so 32 MiB is far beyond any
 * graph (8 MiB of YAML at most); a larger file is not one stepgraph wrote.
 */
export const MAX_TIMINGS_BYTES = 32 * 1024 * 1024

export interface Timings {
  /** Step id -> durations in milliseconds, oldest first. */
  readonly steps: ReadonlyMap<string, readonly number[]>
}

export const NO_TIMINGS: Timings = { steps: new Map() }

/**
 * The timings in `file`. A missing, unreadable, corrupt or future-version file is never an
 * error: the run goes on without timings, and `warning` says why (nothing for a missing
 * file: the first run has none).
 */
export function readTimings(file: string): {
  readonly timings: Timings
  readonly warning?: string
} {
  let text: string
  try {
    // Bounded, and never from a FIFO or a device: a read that waits for a writer or
    // reads without end would hold up the run it was meant to speed up.
    const { bytes } = readFilePrefix(file, MAX_TIMINGS_BYTES + 1)
    if (bytes.length > MAX_TIMINGS_BYTES) return ignored(file, 'it is larger than 32 MiB')
    text = bytes.toString('utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { timings: NO_TIMINGS }
    if (error instanceof NotAFileError) return ignored(file, `it ${error.message}`)
    return ignored(file, (error as Error).message)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return ignored(file, 'it is not JSON')
  }
  if (!isObject(parsed) || parsed.version !== TIMINGS_VERSION || !isObject(parsed.steps))
    return ignored(file, `it is not a version ${TIMINGS_VERSION} timings file`)
  const steps = new Map<string, number[]>()
  for (const [id, entry] of Object.entries(parsed.steps)) {
    const durations = isObject(entry) ? entry['durations-ms'] : undefined
    if (!Array.isArray(durations)) continue
    const valid = durations.filter(
      (value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0
    )
    if (valid.length > 0) steps.set(id, valid.slice(-HISTORY))
  }
  return { timings: { steps } }
}

/**
 * The timings after a run: each step that succeeded adds its duration to its history;
 * steps of the graph that did not run (skipped, failed, not among the targets) keep
 * theirs. Entries of ids the graph no longer has (a step removed, or renamed: its new id
 * starts a history of its own) are dropped, so the file never grows beyond the graph.
 */
export function updatedTimings(
  previous: Timings,
  graphIds: readonly string[],
  measured: ReadonlyMap<string, number>
): Timings {
  const steps = new Map<string, readonly number[]>()
  for (const id of graphIds) {
    const history = previous.steps.get(id) ?? []
    const duration = measured.get(id)
    const next = duration === undefined ? history : [...history, Math.round(duration)]
    if (next.length > 0) steps.set(id, next.slice(-HISTORY))
  }
  return { steps }
}

/**
 * stepgraph's own directory (the CLI's default place for timings, beside the graph file).
 * When a write creates it, it gets a `.gitignore` of `*`, as pytest does for its cache, so
 * that a run in a checkout never leaves files for `git add .` to pick up; a directory of
 * that name the user made keeps whatever it has.
 */
export const STATE_DIRECTORY = '.stepgraph'
const STATE_GITIGNORE =
  '# Created by stepgraph: its timings, kept between runs on this machine.\n*\n'

/**
 * Writes the timings, creating the file's directory (a cache that missed restores
 * nothing; `STATE_DIRECTORY` gets its `.gitignore`). The text goes to a temporary file renamed into place, so that a run killed
 * meanwhile, or a disk that fills, never leaves half a file: the previous one stays until
 * the new one is whole, and the temporary file is removed when it could not be. Returns
 * why it could not be written, rather than throwing.
 */
export function writeTimings(file: string, timings: Timings): string | undefined {
  const directory = path.dirname(file)
  const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.tmp`)
  try {
    // The first directory made, if any: the file's own one when it was missing.
    const made = mkdirSync(directory, { recursive: true })
    if (made !== undefined && path.basename(directory) === STATE_DIRECTORY)
      writeFileSync(path.join(directory, '.gitignore'), STATE_GITIGNORE)
    writeFileSync(temporary, timingsJson(timings))
    renameSync(temporary, file)
    return undefined
  } catch (error) {
    try {
      rmSync(temporary, { force: true })
    } catch {
      // Its directory refuses changes: there is nothing of ours to remove either.
    }
    return `the timings file ${file} could not be written: ${(error as Error).message}`
  }
}

/** The file's text: one step a line, so that a change to it reads as a change to those steps. */
export function timingsJson(timings: Timings): string {
  const steps = [...timings.steps].map(
    ([id, durations]) =>
      `    ${JSON.stringify(id)}: { "durations-ms": ${JSON.stringify(durations).replace(/,/g, ', ')} }`
  )
  const body = steps.length > 0 ? `{\n${steps.join(',\n')}\n  }` : '{}'
  return `{\n  "version": ${TIMINGS_VERSION},\n  "steps": ${body}\n}\n`
}

/** A step's expected duration: the median of its history; undefined when it has none. */
export function expectedDuration(timings: Timings, id: string): number | undefined {
  const history = timings.steps.get(id)
  return history && history.length > 0 ? median(history) : undefined
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function ignored(file: string, why: string): { timings: Timings; warning: string } {
  return { timings: NO_TIMINGS, warning: `the timings file ${file} was ignored: ${why}` }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
