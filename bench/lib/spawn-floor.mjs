// The floor for any Node launcher: a bare script spawning the same command line N times
// back to back, each in its own process group with piped output, as stepgraph does.
// Usage: node spawn-floor.mjs N COMMAND [ARGS...]
import { spawn } from 'node:child_process'

const [count = '0', command = 'true', ...args] = process.argv.slice(2)

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

for (let i = 0; i < Number(count); i++) await once()
