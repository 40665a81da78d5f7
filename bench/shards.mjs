// Sharding: one graph spread over N local shard processes (`stepgraph run --shard I/N`,
// each with its own slots), against the ideal and against one machine with the same slots
// per shard. Seeded graphs of `sleep` steps with known durations, and a timings file that
// records exactly those durations (what a second CI run would have).
//
//   node bench/shards.mjs            print the table
//   node bench/shards.mjs --write    also put it in docs/benchmarks.md (its own section)
//
// Figures per graph and shard count N (S slots per shard):
//   ideal    max(total work ÷ (N × S), critical path): no split does better
//   slowest  the slowest shard's run (its record's duration: the scheduler's start to end)
//   one      the whole graph on one machine with S slots (same measure)
//   balance  slowest shard ÷ mean shard (1 is even)
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import path from 'node:path'
import { randomDag, seededRandom } from './lib/graphs.mjs'

const root = path.resolve(new URL('.', import.meta.url).pathname, '..')
const cli = path.join(root, 'dist/cli/index.js')
const write = process.argv.includes('--write')
const SLOTS = 1
const work = mkdtempSync(path.join(tmpdir(), 'stepgraph-bench-shards-'))

/**
 * @typedef {object} BenchGraph
 * @property {string} name
 * @property {number[][]} needs
 * @property {number[]} ms durations of the steps
 */

/**
 * The part of a run record (the results file) read here.
 * @typedef {{ 'duration-ms': number, steps: { id: string }[] }} RunRecordJson
 */

/** Leaves dominate: one 150 ms install, then 48 tests of 40-600 ms (skewed: a few long). */
/** @param {number} seed @returns {BenchGraph} */
function wide(seed) {
  const random = seededRandom(seed)
  /** @type {number[][]} */
  const needs = [[]]
  const ms = [150]
  for (let v = 1; v <= 48; v++) {
    needs.push([0])
    ms.push(Math.round(40 + 560 * random() ** 2))
  }
  return { name: `wide (seed ${seed}): 1 setup + 48 leaves`, needs, ms }
}

/** The same shape with steps of CI length (0.3-3 s): the cost of starting a step fades. */
/** @param {number} seed @returns {BenchGraph} */
function wideLong(seed) {
  const random = seededRandom(seed)
  /** @type {number[][]} */
  const needs = [[]]
  const ms = [500]
  for (let v = 1; v <= 32; v++) {
    needs.push([0])
    ms.push(Math.round(300 + 2700 * random() ** 2))
  }
  return { name: `wide, longer steps (seed ${seed}): 1 setup + 32 leaves`, needs, ms }
}

/** A random DAG of 60 steps (up to 2 needs among the last 8): chains matter too. */
/** @param {number} seed @returns {BenchGraph} */
function layered(seed) {
  const random = seededRandom(seed)
  const needs = randomDag(60, 2, seed, 8)
  return {
    name: `random DAG (seed ${seed}): 60 steps`,
    needs,
    ms: needs.map(() => Math.round(20 + 230 * random()))
  }
}

/** @param {BenchGraph} graph */
function yamlOf(graph) {
  return graph.needs
    .map((list, v) => {
      const needsLine = list.length > 0 ? `\n  needs: [${list.map(p => `s${p}`).join(', ')}]` : ''
      return `s${v}:${needsLine}\n  run: sleep ${((graph.ms[v] ?? 0) / 1000).toFixed(3)}`
    })
    .join('\n')
}

/** @param {BenchGraph} graph */
function criticalPath(graph) {
  /** @type {number[]} */
  const finish = []
  graph.needs.forEach((list, v) => {
    finish[v] = (graph.ms[v] ?? 0) + Math.max(0, ...list.map(p => finish[p] ?? 0))
  })
  return Math.max(...finish)
}

/**
 * @param {string} file
 * @returns {RunRecordJson}
 */
function readRecord(file) {
  /** @type {unknown} */
  const parsed = JSON.parse(readFileSync(file, 'utf8'))
  return /** @type {RunRecordJson} */ (parsed)
}

/**
 * Runs the CLI to its end; returns its run record.
 * @param {string[]} args
 * @param {string} record
 * @returns {RunRecordJson}
 */
function runRecord(args, record) {
  try {
    execFileSync(process.execPath, [cli, 'run', ...args, '--results-file', record], {
      stdio: 'ignore'
    })
  } catch {
    // A failed run still writes its record; a missing record throws below.
  }
  return readRecord(record)
}

/**
 * N shard processes side by side; each shard's run record.
 * @param {string} file
 * @param {number} count
 * @param {string | undefined} timings
 * @returns {Promise<RunRecordJson[]>}
 */
async function runShards(file, count, timings) {
  const { spawn } = await import('node:child_process')
  const records = Array.from({ length: count }, (_, k) => path.join(work, `shard-${k + 1}.json`))
  await Promise.all(
    records.map(
      (record, k) =>
        new Promise((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              cli,
              'run',
              file,
              '--shard',
              `${k + 1}/${count}`,
              '-j',
              String(SLOTS),
              ...(timings ? ['--timings', timings] : ['--no-timings']),
              '--results-file',
              record
            ],
            { stdio: 'ignore' }
          )
          child.on('error', reject)
          child.on('close', resolve)
        })
    )
  )
  return records.map(readRecord)
}

const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(2)} s`
const percent = (/** @type {number} */ ratio) =>
  `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(0)}%`
const rows = []
for (const graph of [wide(1), wide(2), wideLong(5), layered(3), layered(4)]) {
  const file = path.join(work, 'steps.yml')
  writeFileSync(file, yamlOf(graph))
  const timings = path.join(work, 'timings.json')
  const steps = Object.fromEntries(graph.ms.map((ms, v) => [`s${v}`, { 'durations-ms': [ms] }]))
  writeFileSync(timings, JSON.stringify({ version: 1, steps }))
  const total = graph.ms.reduce((a, b) => a + b, 0)
  const path_ = criticalPath(graph)
  const one = runRecord([file, '-j', String(SLOTS), '--no-timings'], path.join(work, 'one.json'))[
    'duration-ms'
  ]
  for (const count of [2, 4]) {
    for (const withTimings of [true, false]) {
      const records = await runShards(file, count, withTimings ? timings : undefined)
      const walls = records.map(record => record['duration-ms'])
      // What the split gave the busiest shard: the known durations of the steps it ran.
      const planned = Math.max(
        ...records.map(record =>
          record.steps.reduce((sum, step) => sum + (graph.ms[Number(step.id.slice(1))] ?? 0), 0)
        )
      )
      const slowest = Math.max(...walls)
      const mean = walls.reduce((a, b) => a + b, 0) / walls.length
      const ideal = Math.max(total / (count * SLOTS), path_)
      rows.push(
        `| ${graph.name} | ${count} | ${withTimings ? 'recorded' : 'none (step count)'} | ` +
          `${seconds(total)} | ${seconds(path_)} | ${seconds(ideal)} | ` +
          `${seconds(planned)} (${percent(planned / ideal - 1)}) | ` +
          `${seconds(slowest)} (${percent(slowest / ideal - 1)}) | ${(slowest / mean).toFixed(2)} | ${seconds(one)} |`
      )
      process.stderr.write(`${rows.at(-1)}\n`)
    }
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`
const table = [
  `<!-- shards:begin (written by node bench/shards.mjs --write) -->`,
  '### Sharding: N local shard processes against the ideal',
  '',
  `Seeded graphs of \`sleep\` steps with known durations, ${SLOTS} slot per shard, on ${machine}. ` +
    'Each shard is its own `stepgraph run --shard I/N` process, all started together; with ' +
    '"recorded" timings they read a timings file holding exactly the steps\' durations (a ' +
    'second CI run), with "none" every step counts as one. **Ideal** = max(total work ÷ (N × ' +
    "slots), critical path); **slowest** = the slowest shard's run (its record's " +
    "`duration-ms`), and in brackets how far above the ideal; **planned** = the busiest shard's " +
    "steps at their known durations (what the split gave it, setup included: the assignment's " +
    'own quality, without process start-up or a loaded machine); **balance** = ' +
    'slowest ÷ mean shard; **one machine** = the whole graph in one process with the same ' +
    'slots. Setup steps run in every shard that needs them, and count in its time but not in ' +
    'the ideal. Rerun with `node bench/shards.mjs --write` (after `npm run bundle`).',
  '',
  '| graph | N | timings | total work | critical path | ideal | planned, busiest shard | slowest shard | balance | one machine |',
  '| --- | --: | --- | --: | --: | --: | --: | --: | --: | --: |',
  ...rows,
  '<!-- shards:end -->'
].join('\n')
process.stdout.write(`${table}\n`)

if (write) {
  const page = path.join(root, 'docs/benchmarks.md')
  const text = readFileSync(page, 'utf8')
  const begin = text.indexOf('<!-- shards:begin')
  const end = text.indexOf('<!-- shards:end -->')
  const next =
    begin >= 0 && end > begin
      ? text.slice(0, begin) + table + text.slice(end + '<!-- shards:end -->'.length)
      : `${text.trimEnd()}\n\n${table}\n`
  writeFileSync(page, next)
}
