import path from 'node:path'
import { SpillFile } from './spill-file.js'

/** Output is copied into blocks of this size; the first stays in memory. */
export const BLOCK_SIZE = 256 * 1024
/** Blocks on their way to the file at most; past this, the step's pipes are paused. */
const MAX_BLOCKS_IN_FLIGHT = 4
/** Output of one attempt that reaches the log; beyond it, bytes are counted, not kept. */
export const STEP_LOG_CAP = 1024 * 1024 * 1024
/** How much of the end of the output is kept for the summary and annotations. */
export const TAIL_BYTES = 64 * 1024

/**
 * An attempt's kept output, in order: `memory`, then the file's first `file.bytes` bytes.
 * When `lost` is set, the output went on after that but could not be kept.
 */
export interface BufferedOutput {
  readonly memory: readonly Buffer[]
  readonly file?: {
    readonly bytes: number
    read(buffer: Buffer, length: number, position: number): Promise<number>
  }
  readonly lost?: { readonly bytes: number; readonly reason: string }
}

/**
 * Everything one attempt printed, in order, with memory bounded and nearly constant.
 * Output is copied at once into blocks stepgraph owns, so the pipe's read buffers die
 * young (held longer, they reach the old generation and pile up until V8's 64 MB
 * external-memory limit forces a full collection: 187 MiB peaks were measured that way).
 * The first block stays in memory; the blocks after it go to a file in the run's
 * directory (under RUNNER_TEMP on a runner) by positioned asynchronous writes, so the
 * disk works while the pipe is read, and the step's pipes pause while four blocks are in
 * flight. Past STEP_LOG_CAP, bytes are only counted.
 *
 * A file that cannot be created or written (the directory removed, EMFILE, ENOSPC) costs
 * this attempt the output from that point on, and nothing else: what came before it is
 * kept, the rest is counted, and `contents` says what was lost and why. Nothing here
 * throws into the step's pipe events.
 */
export class OutputBuffer {
  /** The first full block: kept in memory whatever happens to the file. */
  private head: Buffer | undefined
  private current: Buffer | undefined
  private currentLength = 0
  private readonly spare: Buffer[] = []
  private spill: SpillFile | undefined
  /** Bytes handed to the file so far (each write at its own position). */
  private fileBytes = 0
  private inFlight = 0
  /** The first byte of the output that could not be kept, and why. */
  private fault: { at: number; reason: string } | undefined
  private readonly drainListeners: (() => void)[] = []
  private readonly idleListeners: (() => void)[] = []
  /** Bytes within the cap (kept, or lost to a fault). */
  private keptBytes = 0
  /** Bytes printed past the cap. */
  private cutBytes = 0
  /** The end of the output, for "last lines". */
  readonly tail = new OutputTail()

  constructor(
    private readonly directory: string,
    private readonly name: string,
    private readonly cap = STEP_LOG_CAP
  ) {}

  /** Bytes past the cap, not shown. */
  get cut(): number {
    return this.cutBytes
  }

  get size(): number {
    return this.keptBytes
  }

  /**
   * Adds output. Returns false while too many blocks are on their way to the file: the
   * caller pauses the step's pipes until `onDrain`.
   */
  append(chunks: readonly Buffer[]): boolean {
    for (const whole of chunks) {
      if (whole.length === 0) continue
      this.tail.push(whole)
      const room = this.cap - this.keptBytes
      const chunk = whole.length > room ? whole.subarray(0, room) : whole
      this.cutBytes += whole.length - chunk.length
      this.keptBytes += chunk.length
      // After a fault, bytes are only counted.
      for (let copied = 0; copied < chunk.length && !this.fault;) {
        this.current ??= this.spare.pop() ?? Buffer.allocUnsafe(BLOCK_SIZE)
        const n = chunk.copy(this.current, this.currentLength, copied)
        copied += n
        this.currentLength += n
        if (this.currentLength === BLOCK_SIZE) this.blockFilled()
      }
    }
    return this.inFlight < MAX_BLOCKS_IN_FLIGHT
  }

  /** Calls `listener` once the file has caught up after `append` returned false. */
  onDrain(listener: () => void): void {
    if (this.inFlight < MAX_BLOCKS_IN_FLIGHT) listener()
    else this.drainListeners.push(listener)
  }

  /**
   * The kept output, once every byte of it is in its file. Call after the last append
   * (again if need be: the same answer), then `dispose` once done with it. Never rejects.
   */
  async contents(): Promise<BufferedOutput> {
    const last = this.current?.subarray(0, this.currentLength)
    this.current = undefined
    if (this.spill && last) this.writeBlock(last)
    if (this.inFlight > 0) await new Promise<void>(resolve => this.idleListeners.push(resolve))
    const memory = [this.head, this.spill ? undefined : last].filter(
      (block): block is Buffer => block !== undefined && block.length > 0
    )
    const spill = this.spill
    const memoryBytes = memory.reduce((sum, block) => sum + block.length, 0)
    const fileBytes = Math.min(this.fileBytes, (this.fault?.at ?? Infinity) - memoryBytes)
    const lostBytes = this.keptBytes - memoryBytes - (spill ? fileBytes : 0)
    return {
      memory,
      ...(spill && {
        file: {
          bytes: fileBytes,
          read: (buffer: Buffer, length: number, position: number) =>
            spill.read(buffer, length, position)
        }
      }),
      ...(this.fault && lostBytes > 0 && { lost: { bytes: lostBytes, reason: this.fault.reason } })
    }
  }

  /** Removes the file, if the output went to one. Call after `contents` has resolved. */
  dispose(): void {
    this.spill?.remove()
    this.spill = undefined
  }

  private blockFilled(): void {
    const block = this.current as Buffer
    this.current = undefined
    this.currentLength = 0
    if (!this.head) {
      this.head = block
      return
    }
    if (!this.spill) {
      const file = path.join(this.directory, `${this.name}.log`)
      try {
        this.spill = SpillFile.create(file)
      } catch (error) {
        this.lose(
          BLOCK_SIZE,
          `its file in the temp directory could not be created (${message(error)})`
        )
        this.spare.push(block)
        return
      }
    }
    this.writeBlock(block)
  }

  private writeBlock(block: Buffer): void {
    const spill = this.spill as SpillFile
    const position = this.fileBytes
    this.fileBytes += block.length
    this.inFlight++
    spill.write(block, position, (error, written) => {
      if (error) {
        const at = BLOCK_SIZE + position + written
        this.lose(at, `its file in the temp directory could not be written (${message(error)})`)
      }
      this.inFlight--
      if (block.length === BLOCK_SIZE && this.spare.length < MAX_BLOCKS_IN_FLIGHT)
        this.spare.push(block)
      if (this.inFlight < MAX_BLOCKS_IN_FLIGHT)
        for (const listener of this.drainListeners.splice(0)) listener()
      if (this.inFlight === 0) for (const listener of this.idleListeners.splice(0)) listener()
    })
  }

  /** Output from byte `at` on is not kept; the earliest fault is the one reported. */
  private lose(at: number, reason: string): void {
    if (this.fault && this.fault.at <= at) return
    this.fault = { at, reason }
    this.current = undefined
    this.currentLength = 0
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Lines of an ended attempt's output kept for the summary, annotations and run record. */
export const LAST_LINES_KEPT = 30
/** At most this many bytes of them (after each line is cut to LAST_LINE_CHARS). */
export const LAST_LINES_BYTES = 8 * 1024
/**
 * The summary shows 1,000 characters of a line, once escape codes are removed: twice that
 * is kept, room for the codes.
 */
export const LAST_LINE_CHARS = 2000

/**
 * The end of an output, for its last lines: the last TAIL_BYTES or so while the attempt
 * runs; once it has ended, `compact` keeps only its last lines, so that a run of many
 * steps holds a few KiB per step, not 64 KiB.
 */
export class OutputTail {
  /** The newest is a reference to the caller's chunk; older ones are copies. */
  private chunks: Buffer[] = []
  private bytes = 0
  /** Once compacted: the last lines, whole (no partial first line), and no chunks. */
  private compacted: readonly string[] | undefined

  push(chunk: Buffer): void {
    // Nothing is pushed after the end; if it were, it would be ignored, not grow the tail.
    if (this.compacted) return
    const piece = chunk.length > TAIL_BYTES ? chunk.subarray(chunk.length - TAIL_BYTES) : chunk
    this.chunks.push(piece)
    this.bytes += piece.length
    while (this.chunks.length > 1 && this.bytes - (this.chunks[0]?.length ?? 0) >= TAIL_BYTES) {
      this.bytes -= this.chunks.shift()?.length ?? 0
    }
    // Copy what stays behind the newest chunk: holding a pipe's read buffer would keep it
    // alive. With 64 KiB reads, the previous chunk has usually just been dropped.
    const previous = this.chunks.length - 2
    if (previous >= 0) this.chunks[previous] = Buffer.from(this.chunks[previous] as Buffer)
  }

  /** Bytes held: up to TAIL_BYTES (and a chunk) while running, a few KiB once compacted. */
  get heldBytes(): number {
    return this.compacted
      ? this.compacted.reduce((total, line) => total + Buffer.byteLength(line) + 1, 0)
      : this.chunks.reduce((total, chunk) => total + chunk.length, 0)
  }

  /** The last `count` lines, as text. */
  lastLines(count: number): string[] {
    if (this.compacted) return count > 0 ? this.compacted.slice(-count) : []
    const lines = Buffer.concat(this.chunks).toString('utf8').split('\n')
    if (lines[lines.length - 1] === '') lines.pop()
    // The kept bytes may start inside a line: drop that partial line unless it is all there is.
    if (this.bytes >= TAIL_BYTES && lines.length > 1) lines.shift()
    return count > 0 ? lines.slice(-count) : []
  }

  /**
   * The attempt has ended: keep its last `lines` lines, each cut to LAST_LINE_CHARS, and
   * of those only as many of the last as fit in LAST_LINES_BYTES (0 lines: nothing).
   */
  compact(lines = LAST_LINES_KEPT): void {
    const kept: string[] = []
    let bytes = 0
    for (const line of this.lastLines(lines).reverse()) {
      const cut = line.length > LAST_LINE_CHARS ? line.slice(0, LAST_LINE_CHARS) : line
      bytes += Buffer.byteLength(cut) + 1
      if (bytes > LAST_LINES_BYTES) break
      kept.push(cut)
    }
    this.compacted = kept.reverse()
    this.chunks = []
    this.bytes = 0
  }
}
