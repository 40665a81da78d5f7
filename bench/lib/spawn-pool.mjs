// A naive Node pool: N spawns of one command line, at most SLOTS at once (with one slot,
// the floor for any Node launcher: back to back), each in its own
// process group with piped output, all from the main thread.
// Usage: node spawn-pool.mjs N SLOTS COMMAND [ARGS...]
import { spawn } from 'node:child_process'

const [count = '0', slots = '1', command = 'true', ...args] = process.argv.slice(2)
let started = 0

/** @returns {Promise<void>} */
function once() {
  return new Promise(resolve => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    child.stdout.resume()
    child.stderr.resume()
    child.on('close', () => {
      resolve()
    })
  })
}

await Promise.all(
  Array.from({ length: Number(slots) }, async () => {
    while (started < Number(count)) {
      started++
      await once()
    }
  })
)
