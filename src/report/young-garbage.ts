import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** Output relayed between two minor collections. */
const BYTES_PER_COLLECTION = 8 * 1024 * 1024

type Collect = (options: { type: 'minor' }) => void

let collect: Collect | undefined | null = null

/**
 * Relaying output allocates a 64 KiB buffer per pipe read and almost no JavaScript
 * objects, so young-generation collections rarely run and dead read buffers pile up
 * until V8's 64 MB external-memory limit forces a full one: on Node 24 the action's peak
 * RSS reached 146-187 MiB relaying 1 GiB. A minor collection every 8 MiB relayed frees
 * them while they are young (measured relaying 1 GiB, peak RSS grouped / stream: Node 24
 * 107 / 110 MiB, Node 20 88 / 105 MiB, and no slower). Node has no API for this; exposing
 * `gc` at run time is the documented way. Without it, this does nothing.
 */
export function outputRelayed(bytes: number): void {
  relayedSinceCollection += bytes
  if (relayedSinceCollection < BYTES_PER_COLLECTION) return
  relayedSinceCollection = 0
  if (collect === null) collect = exposeGc()
  collect?.({ type: 'minor' })
}

let relayedSinceCollection = 0

/**
 * What reading one command line leaves behind (its text decoded, the parsed command):
 * counted as this many bytes relayed. A step printing millions of `::warning::` lines
 * relays little but allocates much; without this, Node 24's young generation (64 MB,
 * against Node 20's 16 MB) grew the action to 200 MiB on two million such lines.
 */
const BYTES_PER_COMMAND_READ = 2048

/** A command line was read: its garbage counts toward the next minor collection. */
export function commandRead(): void {
  outputRelayed(BYTES_PER_COMMAND_READ)
}

function exposeGc(): Collect | undefined {
  try {
    setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('gc')
    return typeof gc === 'function' ? (gc as Collect) : undefined
  } catch {
    return undefined
  }
}
