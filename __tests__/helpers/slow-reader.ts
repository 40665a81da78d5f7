import type { ChildProcess } from 'node:child_process'

/**
 * Reads a child's stdout slowly (64 KiB every 100 ms: a log that cannot keep up) until
 * `fast()` is called. Listeners on its 'data' event still see every byte, as it is read.
 */
export function slowReader(child: ChildProcess): { fast: () => void } {
  const stdout = child.stdout
  if (!stdout) throw new Error('no stdout')
  stdout.pause()
  const timer = setInterval(() => {
    for (let taken = 0; taken < 64 * 1024;) {
      const chunk = stdout.read(16 * 1024) as Buffer | string | null
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
