import { NotAFileError, isMissingOrEmptyFile, readFilePrefix } from '../bounded-file.js'
import { decodeText } from './dotnet-text.js'

/**
 * The bytes of the steps' own GITHUB_STEP_SUMMARY files kept, all steps together: the job
 * summary cannot pass GitHub's 1 MiB, so more could never be shown.
 */
export const STEP_SUMMARIES_BUDGET = 1024 * 1024

const NO_BYTES = Buffer.alloc(0)

/** A step's summary as kept: `size` bytes written, the first `bytes.length` of them held. */
interface KeptSummary {
  /** Cut again, with a copy, whenever the level goes below its length. */
  bytes: Buffer
  readonly size: number
  /** Why the file was not read (a FIFO, a device, unreadable). */
  readonly problem?: string
}

/**
 * What each step wrote to its GITHUB_STEP_SUMMARY, within one budget for all of them, so
 * that memory stays bounded however many steps write however much.
 *
 * The budget is shared like water poured into vessels: each summary keeps
 * min(its size, level), the level being the highest at which everything fits. Small
 * summaries are kept whole, large ones are cut to the same length. Steps end in any order:
 * each is read up to the level of the steps recorded so far, and every later record can
 * only lower the level and cut more, so what is finally kept does not depend on that
 * order (a retried step counts with the largest summary any of its attempts wrote).
 * A cut summary ends with a note saying so; none is ever dropped without one.
 */
export class StepSummaries {
  /** summaries[v]: step v's last attempt's summary, once it has ended. */
  private readonly summaries: (KeptSummary | undefined)[]
  /** wanted[v]: the most step v may want (its largest summary, at most the budget). */
  private readonly wanted: number[]
  /** The wanted sizes above 0, ascending, and their sum: the level's inputs. */
  private readonly sorted: number[] = []
  private totalWanted = 0
  /** No summary keeps more bytes than this. Only ever goes down. */
  private level = Infinity

  constructor(
    steps: number,
    private readonly budget = STEP_SUMMARIES_BUDGET
  ) {
    this.summaries = new Array<KeptSummary | undefined>(steps).fill(undefined)
    this.wanted = new Array<number>(steps).fill(0)
  }

  /** Reads an ended attempt's summary file (a file the step deleted reads as empty). */
  record(step: number, file: string): void {
    if (isMissingOrEmptyFile(file)) {
      this.summaries[step] = { bytes: NO_BYTES, size: 0 } // as read, without opening it
      return
    }
    try {
      this.summaries[step] = this.read(step, file)
    } catch (error) {
      const problem = describeProblem(error)
      this.summaries[step] = { bytes: Buffer.alloc(0), size: 0, ...(problem && { problem }) }
    }
  }

  /**
   * Step v's summary as Markdown text, with a note when it was cut or could not be read;
   * '' when it wrote none.
   */
  text(step: number): string {
    const summary = this.summaries[step]
    if (!summary) return ''
    if (summary.problem) return `_stepgraph did not read this step's summary: ${summary.problem}._`
    const text = decodeText(summary.bytes)
    if (summary.bytes.length >= summary.size) return text
    // The cut may fall inside a character: drop its remains.
    const whole = text.replace(/\uFFFD$/, '')
    // First, so that it stays when the job summary cuts the text again.
    const note =
      `_stepgraph kept the first ${formatBytes(summary.bytes.length)} of the ${formatBytes(summary.size)} ` +
      `this step wrote: the steps' own summaries share ${formatBytes(this.budget)}, ` +
      'as much as a job summary can hold._'
    return whole.trim() === '' ? note : `${note}\n\n${whole}`
  }

  /** Bytes held, all summaries together (at most the budget). */
  get heldBytes(): number {
    return this.summaries.reduce((total, summary) => total + (summary?.bytes.length ?? 0), 0)
  }

  /** Step v's file, read up to the level its size leaves it; the others cut to that level. */
  private read(step: number, file: string): KeptSummary {
    let size = 0
    const { bytes } = readFilePrefix(file, this.budget, stat => {
      size = stat.size
      this.want(step, Math.min(stat.size, this.budget))
    })
    // Never more than the level, nor than the size it said (what it held past that was
    // written after the step ended, and would escape the budget).
    const allowed = Math.min(this.level, size)
    const kept = bytes.length > allowed ? Buffer.from(bytes.subarray(0, allowed)) : bytes
    return { bytes: kept, size: Math.max(size, bytes.length) }
  }

  /** Step v may want `size` bytes: the level goes down if that no longer fits. */
  private want(step: number, size: number): void {
    const before = this.wanted[step] ?? 0
    if (size <= before) return
    this.wanted[step] = size
    if (before > 0) this.sorted.splice(insertionPoint(this.sorted, before), 1)
    this.sorted.splice(insertionPoint(this.sorted, size), 0, size)
    this.totalWanted += size - before
    if (this.totalWanted <= this.budget) return
    const level = waterLevel(this.sorted, this.budget)
    if (level >= this.level) return
    this.level = level
    for (const summary of this.summaries) {
      // A copy, so that the bytes cut off are freed.
      if (summary && summary.bytes.length > level)
        summary.bytes = Buffer.from(summary.bytes.subarray(0, level))
    }
  }
}

/**
 * The highest level L at which Σ min(size, L) over `ascending` fits in `budget`; Infinity
 * when all of it fits.
 */
export function waterLevel(ascending: readonly number[], budget: number): number {
  let left = budget
  for (let i = 0; i < ascending.length; i++) {
    const size = ascending[i] as number
    const sharing = ascending.length - i
    if (size * sharing > left) return Math.floor(left / sharing)
    left -= size
  }
  return Infinity
}

/** The first index of `sorted` (ascending) whose value is not below `value`. */
function insertionPoint(sorted: readonly number[], value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] as number) < value) low = middle + 1
    else high = middle
  }
  return low
}

function describeProblem(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return undefined // the step deleted it: no summary
  if (error instanceof NotAFileError) return `GITHUB_STEP_SUMMARY ${error.message}`
  return `GITHUB_STEP_SUMMARY could not be read (${error instanceof Error ? error.message : String(error)})`
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
