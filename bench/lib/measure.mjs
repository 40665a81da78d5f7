import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const PEAK_RSS = new URL('./peak-rss.cjs', import.meta.url).pathname

/**
 * A whole process to time, as `bash -c SCRIPT` or `node FILE ARGS`.
 * @typedef {object} Contender
 * @property {string} name
 * @property {string} [shell] a bash script (peers)
 * @property {string[]} [node] node arguments: a script and its arguments (stepgraph, floors)
 * @property {Record<string, string>} [env] extra environment
 * @property {string} [cwd]
 * @property {boolean} [rss] also measure the peak RSS (node contenders only)
 * @property {string} [runtime] the node that runs `node` (default: this process's)
 * @property {() => void} [prepare] called before each run, untimed (a file to restore)
 */

/**
 * @typedef {object} Sample
 * @property {number} seconds
 * @property {number | undefined} rssMiB
 * @property {number | null} code
 */

/**
 * Runs one contender to its end, stdout to /dev/null, and times it.
 * @param {Contender} contender
 * @returns {Promise<Sample>}
 */
export async function run(contender) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'stepgraph-bench-'))
  const rssFile = path.join(scratch, 'rss')
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, ...contender.env }
  let command = 'bash'
  /** @type {string[]} */
  let args = ['-c', contender.shell ?? '']
  if (contender.node) {
    command = contender.runtime ?? process.execPath
    args = contender.rss ? ['-r', PEAK_RSS, ...contender.node] : contender.node
    if (contender.rss) env.STEPGRAPH_BENCH_RSS_FILE = rssFile
  }
  contender.prepare?.()
  const started = performance.now()
  const child = spawn(command, args, {
    cwd: contender.cwd,
    env,
    stdio: ['ignore', 'ignore', 'inherit']
  })
  /** @type {number | null} */
  const code = await new Promise(resolve => child.on('close', resolve))
  const seconds = (performance.now() - started) / 1000
  let rssMiB
  if (contender.rss) rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024
  rmSync(scratch, { recursive: true, force: true })
  return { seconds, rssMiB, code }
}

/**
 * Runs contenders side by side: a warm-up of each, then `repetitions` rounds, each
 * round running every contender once, in an order that rotates from round to round (the
 * machine is shared: whatever else it does falls on all of them alike).
 * @param {Contender[]} contenders
 * @param {{ repetitions: number, warmup?: number, log?: (line: string) => void }} options
 * @returns {Promise<Map<string, Sample[]>>}
 */
export async function compare(contenders, { repetitions, warmup = 1, log = () => undefined }) {
  /** @type {Map<string, Sample[]>} */
  const samples = new Map(contenders.map(c => [c.name, []]))
  for (let w = 0; w < warmup; w++) for (const contender of contenders) await run(contender)
  for (let round = 0; round < repetitions; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const contender = /** @type {Contender} */ (contenders[(i + round) % contenders.length])
      const sample = await run(contender)
      if (sample.code !== 0) throw new Error(`${contender.name} exited with ${sample.code}`)
      samples.get(contender.name)?.push(sample)
      log(
        `  ${contender.name}: ${sample.seconds.toFixed(2)} s${sample.rssMiB ? `, ${sample.rssMiB.toFixed(0)} MiB` : ''}`
      )
    }
  }
  return samples
}

/**
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
}

/**
 * @param {Map<string, Sample[]>} samples
 * @param {string} name
 * @returns {number} median seconds
 */
export function medianSeconds(samples, name) {
  return median((samples.get(name) ?? []).map(s => s.seconds))
}
