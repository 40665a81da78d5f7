import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs'

/** A file that is not an ordinary one (a FIFO, a device, a directory): never read. */
export class NotAFileError extends Error {
  override readonly name = 'NotAFileError'
  constructor(readonly kind: string) {
    super(`is ${kind}, not a file`)
  }
}

/** What a bounded read found: the first bytes, and the size the file said it had. */
export interface FilePrefix {
  /** At most the read's limit. */
  readonly bytes: Buffer
  /** The file's size by fstat, which a pseudo-file (/proc) or a growing file may belie. */
  readonly size: number
}

// Opening a FIFO must not wait for a writer, nor a read of a /proc file for the kernel.
// Windows has no O_NONBLOCK (undefined there, whatever the types say).
const NON_BLOCKING = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0

/**
 * Reads at most `limit` bytes of an ordinary file, whatever its size says and whatever
 * writes to it meanwhile: memory is bounded by `limit`, not by the file. A FIFO, a device,
 * a directory or a socket throws NotAFileError at once; `check` sees the file's stat
 * before anything is read (to refuse it for its size). Other errors (ENOENT, EACCES,
 * EAGAIN) are thrown as they are.
 */
export function readFilePrefix(
  file: string,
  limit: number,
  check?: (stat: Stats) => void
): FilePrefix {
  const fd = openSync(file, constants.O_RDONLY | NON_BLOCKING)
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) throw new NotAFileError(kindOf(stat))
    check?.(stat)
    return { bytes: readUpTo(fd, limit, stat.size + 1), size: stat.size }
  } finally {
    closeSync(fd)
  }
}

/**
 * Whether `file` is missing or, by one `lstat`, an ordinary file of no bytes: what nearly
 * every step's command files are when it ends. Such a file reads as empty without being
 * opened, which spares four system calls and a 64 KiB read buffer each (`readFilePrefix`
 * must read a file whose size says 0, a pseudo-file's, in one large read). Anything else
 * answers false and is read as usual: a symbolic link (its target may be a pseudo-file
 * whose size says 0), a FIFO, a device, a file with bytes, an error other than ENOENT.
 */
export function isMissingOrEmptyFile(file: string): boolean {
  try {
    const stat = lstatSync(file, { throwIfNoEntry: false })
    return stat === undefined || (stat.isFile() && stat.size === 0)
  } catch {
    return false // EACCES, ENOTDIR...: the read says why
  }
}

/** The first read's size at least: some pseudo-files refuse reads of a byte or two. */
const MIN_READ = 64 * 1024

/**
 * Up to `limit` bytes, to the end of the file: into a buffer of `expected` bytes first
 * (the size plus one, so the end is seen in one read), grown by doubling, never past
 * `limit`, when the file holds more than it said. The bytes come back in a buffer of
 * their own size, so a caller that keeps them keeps nothing more.
 */
function readUpTo(fd: number, limit: number, expected: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(expected, MIN_READ)))
  let length = 0
  for (;;) {
    if (length === buffer.length) {
      if (length >= limit) break
      const bigger = Buffer.allocUnsafe(Math.min(limit, length * 2))
      buffer.copy(bigger, 0, 0, length)
      buffer = bigger
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null)
    if (n === 0) break
    length += n
  }
  return length === buffer.length ? buffer : Buffer.from(buffer.subarray(0, length))
}

/** What a file is, in words: "a named pipe (FIFO)", "a character device" ... */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory'
  if (stat.isFIFO()) return 'a named pipe (FIFO)'
  if (stat.isCharacterDevice()) return 'a character device'
  if (stat.isBlockDevice()) return 'a block device'
  if (stat.isSocket()) return 'a socket'
  return 'not an ordinary file'
}
