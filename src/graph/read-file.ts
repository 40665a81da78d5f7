import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { GraphSource } from './source.js'

/**
 * The largest step graph read, in bytes. A 10,000-step graph is about 0.5 MB; beyond a few
 * MB the text is almost certainly a mistake (a binary, a log), and reading it would only
 * delay the error.
 */
export const MAX_GRAPH_BYTES = 8 * 1024 * 1024

/**
 * Reads a step graph file. `file` is taken relative to `base`; messages and annotations
 * name it relative to `base` when it lies inside. Throws an Error saying what went wrong.
 */
export function readGraphFile(file: string, base: string): GraphSource {
  const absolute = path.resolve(base, file)
  const relative = path.relative(base, absolute)
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative
  let size: number
  try {
    const stat = statSync(absolute)
    if (!stat.isFile()) throw new Error(`${shown} is not a file`)
    size = stat.size
  } catch (error) {
    throw new Error(describeFsError(error, shown), { cause: error })
  }
  if (size > MAX_GRAPH_BYTES) {
    throw new Error(
      `${shown} is ${formatMiB(size)}; step graphs are limited to ${formatMiB(MAX_GRAPH_BYTES)}`
    )
  }
  return { text: readFileSync(absolute, 'utf8'), file: shown.split(path.sep).join('/') }
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function describeFsError(error: unknown, shown: string): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return `${shown} does not exist`
  if (code === 'EACCES') return `${shown} cannot be read (permission denied)`
  return error instanceof Error ? error.message : `${shown} cannot be read`
}
