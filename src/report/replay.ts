import type { BufferedOutput, OutputBuffer } from './output-buffer.js'

/** Where a replay writes: the log's queue, at the replay's place in it. */
export interface ReplayTarget {
  /**
   * Hands `pieces` to the log together: a cut of the log never falls between them.
   * Resolves once their buffers may be reused (at once when the log is cut).
   */
  write(pieces: readonly Buffer[]): Promise<void>
  /** A line of stepgraph's own among the step's output, on a line of its own. */
  note(text: string): Promise<void>
  /** Why the log takes no more step output (cut at its deadline, nobody reads it), if so. */
  readonly stopped: string | undefined
  /** A stop signal came: replay in small pieces, so little is in flight when the log is cut. */
  readonly hurried: boolean
}

const CHUNK = 1024 * 1024
const HURRIED_CHUNK = 64 * 1024
const LF = 0x0a

/**
 * Writes a buffered output to the log, then disposes of it. Never rejects: a spill file
 * that cannot be read back, or output that could not be kept, ends the output with a
 * note saying how much was lost and why; a log cut at its deadline ends it with a note
 * saying how much was not shown. Either note comes after whole lines only: the runner
 * masks secrets line by line, so the part of a line before a loss or a cut is never shown.
 */
export async function replayOutput(
  buffer: OutputBuffer,
  target: ReplayTarget,
  transform: (data: Buffer) => Buffer = data => data
): Promise<void> {
  try {
    const output = await buffer.contents()
    const memoryBytes = output.memory.reduce((sum, block) => sum + block.length, 0)
    if (!output.file && !output.lost) {
      // All in memory, nothing lost (most outputs): one piece of work, no copy.
      if (target.stopped) await cutNote(target, 0, memoryBytes)
      else await target.write(output.memory.map(transform))
      return
    }
    await replayKept(output, memoryBytes, target, transform)
  } finally {
    buffer.dispose()
  }
}

/**
 * The kept bytes in chunks read in turn into two buffers (one is read while the other is
 * written), each chunk ending at a line break so that a cut falls between lines; a line
 * longer than a chunk is passed on in pieces, as the output filter passed it.
 */
async function replayKept(
  output: BufferedOutput,
  memoryBytes: number,
  target: ReplayTarget,
  transform: (data: Buffer) => Buffer
): Promise<void> {
  let end = memoryBytes + (output.file?.bytes ?? 0)
  let lost = output.lost?.bytes ?? 0
  let reason = output.lost?.reason
  const size = Math.max(1, Math.min(CHUNK, end))
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)] as const
  const writes: [Promise<void>, Promise<void>] = [Promise.resolve(), Promise.resolve()]
  const read = readKept(output, memoryBytes)
  let position = 0
  let atLineStart = true
  for (let turn: 0 | 1 = 0; position < end; turn = turn === 0 ? 1 : 0) {
    await writes[turn]
    if (target.stopped) {
      await Promise.all(writes)
      await cutNote(target, position, end - position + lost)
      return
    }
    const want = Math.min(target.hurried ? HURRIED_CHUNK : size, end - position)
    const buffer = buffers[turn]
    let n: number
    try {
      n = await read(buffer, want, position)
    } catch (error) {
      lost += end - position
      reason = `its file in the temp directory could not be read back (${message(error)})`
      break
    }
    if (n < want) {
      // Regular files read short only at their end: someone truncated it.
      lost += end - position - n
      reason = 'its file in the temp directory was shortened by another process'
      end = position + n
    }
    const last = position + n === end
    const chunk = buffer.subarray(0, n)
    let take = n
    if (!last || reason !== undefined) {
      const lineEnd = chunk.lastIndexOf(LF) + 1
      // A chunk with no line break is a piece of a long line (passed on in pieces anyway);
      // a partial last line of what was kept, starting in this chunk, is never shown.
      if (lineEnd > 0) take = lineEnd
      else if (last && atLineStart) take = 0
    }
    if (take > 0) {
      const piece = chunk.subarray(0, take)
      atLineStart = piece[take - 1] === LF
      writes[turn] = target.write([transform(piece)])
    }
    if (last) {
      lost += end - position - take
      break
    }
    position += take
  }
  await Promise.all(writes)
  if (reason !== undefined && lost > 0) {
    await target.note(
      `stepgraph: the rest of this output (${formatBytes(lost)}) was lost: ${reason}`
    )
  }
}

/** Reads the kept bytes as one file: the memory blocks, then the spill file. */
function readKept(
  output: BufferedOutput,
  memoryBytes: number
): (buffer: Buffer, length: number, position: number) => Promise<number> {
  return async (buffer, length, position) => {
    let n = 0
    let offset = 0
    for (const block of output.memory) {
      if (n === length) break
      const from = position + n - offset
      if (from < block.length)
        n += block.copy(buffer, n, from, Math.min(block.length, from + length - n))
      offset += block.length
    }
    if (n < length && output.file) {
      n += await output.file.read(buffer.subarray(n), length - n, position + n - memoryBytes)
    }
    return n
  }
}

function cutNote(target: ReplayTarget, shown: number, notShown: number): Promise<void> {
  const what = shown === 0 ? 'this output' : 'the rest of this output'
  return target.note(
    `stepgraph: ${what} (${formatBytes(notShown)}) was not shown: ${target.stopped ?? ''}`
  )
}

/** 12 bytes, 4.0 KiB, 2.5 MiB, 1.2 GiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  const units = ['KiB', 'MiB', 'GiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit] ?? ''}`
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
