import { realpathSync } from 'node:fs'
import path from 'node:path'
import { NotAFileError, readFilePrefix } from '../bounded-file.js'
import type { GraphSource } from './source.js'

/**
 * The largest step graph read, in bytes. A 10,000-step graph is about 0.5 MB; beyond a few
 * MB the text is almost certainly a mistake (a binary, a log), and reading it would only
 * delay the error.
 */
export const MAX_GRAPH_BYTES = 8 * 1024 * 1024

/**
 * Linux's pseudo-file systems: their files say they are regular, with a size that is not
 * their content's (0 for /proc/self/pagemap, which reads as gigabytes; /proc/kmsg blocks
 * until the kernel logs something). A step graph is never one of them.
 */
const PSEUDO_FILE_SYSTEMS = ['/proc', '/sys']

/**
 * Reads a step graph file. `file` is taken relative to `base`; messages and annotations
 * name it relative to `base` when it lies inside. Throws an Error saying what went wrong.
 *
 * Only an ordinary file is read, and never more than MAX_GRAPH_BYTES of it, whatever its
 * size says: a device, a FIFO or a /proc file is refused at once, without waiting for a
 * writer and without reading what it would produce.
 */
export function readGraphFile(file: string, base: string): GraphSource {
  const absolute = path.resolve(base, file)
  const relative = path.relative(base, absolute)
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative
  let text: string
  try {
    text = readOrdinaryFile(absolute, shown)
  } catch (error) {
    throw new Error(describeFsError(error, shown), { cause: error })
  }
  return { text, file: shown.split(path.sep).join('/') }
}

function readOrdinaryFile(absolute: string, shown: string): string {
  const pseudo = pseudoFileSystem(absolute)
  if (pseudo) throw new Error(`${shown} is a file of ${pseudo}, not a step graph`)
  const tooLarge = (size: number): Error =>
    new Error(
      `${shown} is ${formatMiB(size)}; step graphs are limited to ${formatMiB(MAX_GRAPH_BYTES)}`
    )
  // One byte over the limit: enough to see a file larger than it said.
  const { bytes, size } = readFilePrefix(absolute, MAX_GRAPH_BYTES + 1, stat => {
    if (stat.size > MAX_GRAPH_BYTES) throw tooLarge(stat.size)
  })
  if (bytes.length > size) {
    throw new Error(
      `${shown} changed while it was read, or is not an ordinary file (it said ${size} ${size === 1 ? 'byte' : 'bytes'})`
    )
  }
  return bytes.toString('utf8')
}

/** The pseudo-file system `file` lies in, after following links; undefined for others. */
function pseudoFileSystem(file: string): string | undefined {
  if (process.platform !== 'linux') return undefined
  let real: string
  try {
    real = realpathSync(file)
  } catch {
    return undefined // open says why
  }
  return PSEUDO_FILE_SYSTEMS.find(root => real === root || real.startsWith(`${root}/`))
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function describeFsError(error: unknown, shown: string): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return `${shown} does not exist`
  if (code === 'EACCES') return `${shown} cannot be read (permission denied)`
  if (code === 'ENXIO') return `${shown} is a socket, not a file`
  if (code === 'EAGAIN') return `${shown} cannot be read without waiting: not an ordinary file`
  if (error instanceof NotAFileError) return `${shown} ${error.message}`
  if (code === undefined && error instanceof Error) return error.message
  return `${shown} cannot be read: ${error instanceof Error ? error.message : String(error)}`
}
