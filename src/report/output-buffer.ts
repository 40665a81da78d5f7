import { closeSync, openSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'

/** Output an attempt keeps in memory before it goes to a file. */
export const MEMORY_LIMIT = 256 * 1024
/** Output of one attempt that reaches the log; beyond it, bytes are counted, not kept. */
export const STEP_LOG_CAP = 1024 * 1024 * 1024
/** How much of the end of the output is kept for the summary and annotations. */
export const TAIL_BYTES = 64 * 1024

/**
 * Everything one attempt printed, in order, with memory bounded: the first MEMORY_LIMIT
 * bytes stay in memory, and whenever that fills it is written to a file (under the run's
 * directory, so RUNNER_TEMP on a runner). Past STEP_LOG_CAP, bytes are only counted.
 */
export class OutputBuffer {
  private memory: Buffer[] = []
  private memoryBytes = 0
  private file: { readonly path: string; readonly fd: number } | undefined
  private fileBytes = 0
  /** Bytes kept (in memory and in the file). */
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

  append(chunks: readonly Buffer[]): void {
    for (const whole of chunks) {
      if (whole.length === 0) continue
      let chunk = whole
      const room = this.cap - this.keptBytes
      if (chunk.length > room) {
        this.cutBytes += chunk.length - room
        chunk = chunk.subarray(0, room)
      }
      this.tail.push(whole)
      if (chunk.length === 0) continue
      this.memory.push(chunk)
      this.memoryBytes += chunk.length
      this.keptBytes += chunk.length
      if (this.memoryBytes >= MEMORY_LIMIT) this.spill()
    }
  }

  /** Where the kept output is: the file's first `fileBytes` bytes, then `memory`. */
  contents(): {
    readonly file?: string
    readonly fileBytes: number
    readonly memory: readonly Buffer[]
  } {
    if (this.file) {
      closeSync(this.file.fd)
      const file = this.file.path
      this.file = { path: file, fd: -1 }
      return { file, fileBytes: this.fileBytes, memory: this.memory }
    }
    return { fileBytes: 0, memory: this.memory }
  }

  /** Removes the file, if the output went to one. */
  dispose(): void {
    if (!this.file) return
    if (this.file.fd >= 0) closeSync(this.file.fd)
    rmSync(this.file.path, { force: true })
    this.file = undefined
  }

  private spill(): void {
    this.file ??= {
      path: path.join(this.directory, `${this.name}.log`),
      fd: openSync(path.join(this.directory, `${this.name}.log`), 'w')
    }
    // One block, written until all of it is: a write may be partial, and a vectored
    // write of many small chunks may stop at IOV_MAX of them.
    const block =
      this.memory.length === 1
        ? (this.memory[0] as Buffer)
        : Buffer.concat(this.memory, this.memoryBytes)
    for (let written = 0; written < block.length;) {
      written += writeSync(this.file.fd, block, written, block.length - written)
    }
    this.fileBytes += this.memoryBytes
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
