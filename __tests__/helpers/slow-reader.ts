import type { ChildProcess } from 'node:child_process'

/**
 * Reads a child's stdout slowly (`bytesPerTenth` every 100 ms: a log that cannot keep up)
 * until `fast()` is called. Listeners on its 'data' event still see every byte, as it is
 * read.
 */
export function slowReader(child: ChildProcess, bytesPerTenth = 64 * 1024): { fast: () => void } {
  const stdout = child.stdout
  if (!stdout) throw new Error('no stdout')
  stdout.pause()
  const timer = setInterval(() => {
    for (let taken = 0; taken < bytesPerTenth;) {
      const chunk = stdout.read(Math.min(16 * 1024, bytesPerTenth)) as Buffer | string | null
      if (chunk === null) break
      taken += chunk.length
    }
  }, 100)
  return {
    fast: () => {
      clearInterval(timer)
      stdout.resume()
    }
  }
}
