import { closeSync, openSync, read, rmSync, write } from 'node:fs'

/**
 * The file an attempt's output spills to. It is read back through the descriptor it was
 * written with, never reopened by name: a step that removes the run's directory
 * (`rm -rf "$RUNNER_TEMP"/*`), or a descriptor limit reached meanwhile, cannot take back
 * what was already written. Every fault reaches the caller as an error in a callback or a
 * rejected promise, never as a throw out of a stream's event.
 */
export class SpillFile {
  private closed = false

  private constructor(
    readonly path: string,
    private readonly fd: number
  ) {}

  /**
   * Creates the file (never an existing one: the name is the attempt's own, so anything
   * there was planted). Throws what the system said: ENOENT, EMFILE, ENOSPC...
   */
  static create(file: string): SpillFile {
    return new SpillFile(file, openSync(file, 'wx+', 0o600))
  }

  /**
   * Writes all of `block` at `position`. `done` gets how many bytes of the block reached
   * the file before an error (a full file often takes part of a write, then refuses).
   */
  write(
    block: Buffer,
    position: number,
    done: (error: NodeJS.ErrnoException | null, written: number) => void
  ): void {
    const from = (offset: number): void => {
      write(this.fd, block, offset, block.length - offset, position + offset, (error, n) => {
        if (error) done(error, offset)
        else if (n === 0) done(new Error('the file took no more bytes'), offset)
        else if (offset + n < block.length) from(offset + n)
        else done(null, block.length)
      })
    }
    from(0)
  }

  /** Reads up to `length` bytes at `position` into the start of `buffer`: 0 at the end. */
  read(buffer: Buffer, length: number, position: number): Promise<number> {
    return new Promise((resolve, reject) => {
      read(this.fd, buffer, 0, length, position, (error, n) => {
        if (error) reject(error)
        else resolve(n)
      })
    })
  }

  /**
   * Closes and deletes the file; call when no write is in flight. Never throws: what cannot
   * be removed now goes with the run's directory (or the runner's temp directory).
   */
  remove(): void {
    if (this.closed) return
    this.closed = true
    try {
      closeSync(this.fd)
    } catch {
      // EIO on close: the data is no longer needed.
    }
    try {
      rmSync(this.path, { force: true })
    } catch {
      // Removed with the run's directory.
    }
  }
}
