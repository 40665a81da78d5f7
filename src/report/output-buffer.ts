import { createWriteStream, rmSync, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import path from 'node:path'

/** Output an attempt keeps in memory before it goes to a file. */
export const MEMORY_LIMIT = 256 * 1024
/** Bytes queued for the file before the step's pipes are paused. */
const FILE_HIGH_WATER = 4 * 1024 * 1024
/** Output of one attempt that reaches the log; beyond it, bytes are counted, not kept. */
export const STEP_LOG_CAP = 1024 * 1024 * 1024
/** How much of the end of the output is kept for the summary and annotations. */
export const TAIL_BYTES = 64 * 1024

/** Where an attempt's kept output is: the file's first `fileBytes` bytes, then `memory`. */
export interface BufferedOutput {
  readonly file?: string
  readonly fileBytes: number
  readonly memory: readonly Buffer[]
}

/**
 * Everything one attempt printed, in order, with memory bounded: the first MEMORY_LIMIT
 * bytes stay in memory; past that, output goes to a file in the run's directory (under
 * RUNNER_TEMP on a runner) through an asynchronous stream, so the disk works while the
 * step's pipe is read, and the pipes are paused whenever the disk falls behind. Past
 * STEP_LOG_CAP, bytes are only counted.
 */
export class OutputBuffer {
  private memory: Buffer[] = []
  private memoryBytes = 0
  private file: { readonly path: string; readonly stream: WriteStream } | undefined
  private fileBytes = 0
  /** Bytes kept (in memory and in the file). */
  private keptBytes = 0
  /** Bytes printed past the cap. */
  private cutBytes = 0
  private writeError: Error | undefined
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
   * Adds output. Returns false when the file has fallen behind: the caller pauses the
   * step's pipes until `onDrain`.
   */
  append(chunks: readonly Buffer[]): boolean {
    for (const whole of chunks) {
      if (whole.length === 0) continue
      this.tail.push(whole)
      const room = this.cap - this.keptBytes
      const chunk = whole.length > room ? whole.subarray(0, room) : whole
      this.cutBytes += whole.length - chunk.length
      if (chunk.length === 0) continue
      this.keptBytes += chunk.length
      if (this.file) {
        this.fileBytes += chunk.length
        this.file.stream.write(chunk)
        continue
      }
      this.memory.push(chunk)
      this.memoryBytes += chunk.length
      if (this.memoryBytes >= MEMORY_LIMIT) this.spill()
    }
    return !this.file || this.file.stream.writableLength < FILE_HIGH_WATER
  }

  /** Calls `listener` once the file has caught up after `append` returned false. */
  onDrain(listener: () => void): void {
    if (this.file) this.file.stream.once('drain', listener)
    else listener()
  }

  /** The kept output, once every byte of it is in its file. Call once, after the last append. */
  async contents(): Promise<BufferedOutput> {
    if (!this.file) return { fileBytes: 0, memory: this.memory }
    const { stream, path: file } = this.file
    stream.end()
    if (!stream.closed) await once(stream, 'close')
    if (this.writeError) {
      const note = Buffer.from(
        `stepgraph: part of this output was lost: ${this.writeError.message}\n`
      )
      return { file, fileBytes: this.fileBytes, memory: [note] }
    }
    return { file, fileBytes: this.fileBytes, memory: [] }
  }

  /** Removes the file, if the output went to one. */
  dispose(): void {
    if (!this.file) return
    this.file.stream.destroy()
    rmSync(this.file.path, { force: true })
    this.file = undefined
  }

  private spill(): void {
    const file = path.join(this.directory, `${this.name}.log`)
    const stream = createWriteStream(file, { highWaterMark: 1024 * 1024 })
    stream.on('error', error => {
      this.writeError = error
    })
    this.file = { path: file, stream }
    const block =
      this.memory.length === 1
        ? (this.memory[0] as Buffer)
        : Buffer.concat(this.memory, this.memoryBytes)
    stream.write(block)
    this.fileBytes = this.memoryBytes
    this.memory = []
    this.memoryBytes = 0
  }
}

/** The last TAIL_BYTES or so of an output, for its last lines. */
export class OutputTail {
  private chunks: Buffer[] = []
  private bytes = 0

  push(chunk: Buffer): void {
    // References, not copies: pipe reads are fresh buffers, never reused, and only a few
    // chunks are ever held here.
    const piece = chunk.length > TAIL_BYTES ? chunk.subarray(chunk.length - TAIL_BYTES) : chunk
    this.chunks.push(piece)
    this.bytes += piece.length
    while (this.chunks.length > 1 && this.bytes - (this.chunks[0]?.length ?? 0) >= TAIL_BYTES) {
      this.bytes -= this.chunks.shift()?.length ?? 0
    }
  }

  /** The last `count` lines, as text. */
  lastLines(count: number): string[] {
    const lines = Buffer.concat(this.chunks).toString('utf8').split('\n')
    if (lines[lines.length - 1] === '') lines.pop()
    // The kept bytes may start inside a line: drop that partial line unless it is all there is.
    if (this.bytes >= TAIL_BYTES && lines.length > 1) lines.shift()
    return lines.slice(-count)
  }
}
