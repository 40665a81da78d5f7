// The benchmarks of order: graphs whose declaration order hides the long chain and whose
// durations vary widely, run by stepgraph twice (its second run reads the timings file
// the first wrote) and by the peers users pick for the same job, against the bound.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { seededRandom } from './lib/graphs.mjs'
import { compare, median, medianSeconds, run } from './lib/measure.mjs'
import {
  bound,
  commandLines,
  makefile,
  ninjaFile,
  stepgraphYaml,
  turboRepo
} from './lib/peer-files.mjs'
import { available, ninjaPeer, npmPeer } from './lib/peers.mjs'

/**
 * @typedef {import('./lib/measure.mjs').Contender} Contender
 * @typedef {import('./lib/peer-files.mjs').TimedGraph} TimedGraph
 * @typedef {object} Context
 * @property {string} work
 * @property {number} repetitions
 * @property {(line: string) => void} log
 * @property {(name: string, file: string, inputs?: Record<string, string>) => Contender[]} stepgraphs
 *   one contender per runtime, named `${name}, Node NN`
 */

/** 20 short steps, a chain of 3, and the long step declared last (issue 15's example). */
export function hiddenLongStep() {
  /** @type {TimedGraph} */
  const graph = { names: [], needs: [], seconds: [] }
  /** @param {string} name @param {number[]} needs @param {number} seconds */
  const add = (name, needs, seconds) => {
    graph.names.push(name)
    graph.needs.push(needs)
    graph.seconds.push(seconds)
  }
  for (let i = 0; i < 20; i++) add(`short${i}`, [], 0.2)
  for (let i = 0; i < 3; i++) {
    add(`chain${i}`, i === 0 ? [] : [graph.names.length - 1], 0.3)
  }
  add('long', [], 3)
  return graph
}

/**
 * A seeded DAG of `size` steps with durations from 20 ms to 2 s (log-uniform: most
 * short, a few long), declared in an order that puts the long ones late: stepgraph's
 * fallback (the longest chain of steps) and make's and ninja's orders cannot see them.
 * @param {number} seed @param {number} size
 */
export function variedDag(seed, size) {
  const random = seededRandom(seed)
  /** @type {TimedGraph} */
  const graph = { names: [], needs: [], seconds: [] }
  for (let v = 0; v < size; v++) {
    const seconds = Math.round(20 * Math.exp(random() * Math.log(100))) / 1000
    // Each step needs up to 2 earlier ones; longer steps tend to come later.
    /** @type {Set<number>} */
    const needs = new Set()
    const wanted = Math.min(v, Math.floor(random() * 3))
    while (needs.size < wanted) needs.add(Math.floor(random() * v))
    graph.names.push(`s${v}`)
    graph.needs.push([...needs].sort((a, b) => a - b))
    graph.seconds.push(seconds)
  }
  return graph
}

/**
 * Every contender for one graph: stepgraph on each runtime, first run (no timings file)
 * and second run (the file a previous run wrote), then the peers that can run it.
 * @param {Context} context @param {TimedGraph} graph @param {string} name @param {number} slots
 * @param {string[]} notes where left-out peers are said
 * @returns {Promise<Contender[]>}
 */
async function contenders(context, graph, name, slots, notes) {
  const dir = path.join(context.work, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const yaml = stepgraphYaml(graph, path.join(dir, 'steps.yml'))
  const inputs = { 'max-parallel': String(slots) }
  /** @type {Contender[]} */
  const list = []
  for (const first of context.stepgraphs('stepgraph, first run', yaml, inputs)) {
    const timings = path.join(dir, `first-${list.length}.timings.json`)
    list.push({
      ...first,
      env: { ...first.env, 'INPUT_TIMINGS-FILE': timings },
      prepare: () => {
        rmSync(timings, { force: true })
      }
    })
  }
  for (const second of context.stepgraphs('stepgraph, second run', yaml, inputs)) {
    // Recorded once by a run of its own; each timed run starts from that same file.
    const recorded = path.join(dir, `recorded-${list.length}.timings.json`)
    const timings = path.join(dir, `second-${list.length}.timings.json`)
    await run({ ...second, env: { ...second.env, 'INPUT_TIMINGS-FILE': recorded } })
    list.push({
      ...second,
      env: { ...second.env, 'INPUT_TIMINGS-FILE': timings },
      prepare: () => {
        copyFileSync(recorded, timings)
      }
    })
  }
  const ninja = ninjaPeer(context.log)
  if (ninja)
    list.push({
      name: `ninja -j${slots}`,
      shell: `${ninja} -C ${path.join(dir, 'ninja')} -f ${ninjaFile(graph, path.join(dir, 'ninja'))} -j${slots} >/dev/null`
    })
  else notes.push('ninja is not installed (Debian: `apt-get install ninja-build`): left out.')
  list.push({
    name: `make -j${slots}`,
    shell: `make -s -j${slots} -f ${makefile(graph, path.join(dir, 'make'))}`
  })
  const turbo = npmPeer('turbo', context.log)
  if (turbo) {
    const repo = turboRepo(graph, path.join(dir, 'turbo'))
    list.push({
      name: `turbo --concurrency=${slots}`,
      shell: `cd ${repo} && ${turbo} run step --concurrency=${slots} --output-logs=none --ui=stream >/dev/null 2>&1`,
      env: { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' }
    })
  } else notes.push('Turborepo (npm `turbo`) could not be installed: left out.')
  const lines = commandLines(graph, path.join(dir, 'lines'))
  if (lines) {
    const listFile = path.join(dir, 'lines.txt')
    writeFileSync(listFile, `${lines.join('\n')}\n`)
    list.push({
      name: `xargs -P${slots}`,
      shell: `xargs -P${slots} -d '\\n' -n1 bash -c < ${listFile}`
    })
    if (available('parallel'))
      list.push({ name: `GNU parallel -j${slots}`, shell: `parallel -j${slots} < ${listFile}` })
    else notes.push('GNU parallel is not installed (Debian: `apt-get install parallel`): left out.')
    const concurrently = npmPeer('concurrently', context.log)
    if (concurrently)
      list.push({
        name: `concurrently -m ${slots}`,
        shell: `${concurrently} -m ${slots} ${lines.map(line => `'${line}'`).join(' ')} >/dev/null`
      })
    else notes.push('concurrently (npm) could not be installed: left out.')
  }
  return list
}

/** @param {number} s */
const seconds = s => `${s.toFixed(2)} s`

/**
 * @param {Context} context
 * @param {{ benchmark: string, measured: string, target: string, met: boolean }[]} targets
 * @param {string[]} sections
 */
export function schedulingBenchmarks(context, targets, sections) {
  return {
    async order() {
      const graph = hiddenLongStep()
      const slots = 2
      const limit = bound(graph, slots)
      context.log('order: 20 short steps, a chain of 3, one 3 s step declared last, two slots')
      /** @type {string[]} */
      const notes = []
      const list = await contenders(context, graph, 'order', slots, notes)
      const samples = await compare(list, {
        repetitions: context.repetitions,
        warmup: 0,
        log: context.log
      })
      const rows = ['| | median | min–max | ÷ bound |', '| --- | --: | --: | --: |']
      for (const [name, runs] of samples) {
        const times = runs.map(r => r.seconds)
        rows.push(
          `| ${name} | ${seconds(median(times))} | ${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)} s | ${(median(times) / limit).toFixed(2)}× |`
        )
      }
      const second = [...samples.keys()].find(n => n.startsWith('stepgraph, second run')) ?? ''
      const ninja = [...samples.keys()].find(n => n.startsWith('ninja')) ?? ''
      if (ninja)
        targets.push({
          benchmark: 'order: hidden long step, second run, against ninja',
          measured: `${(medianSeconds(samples, second) / medianSeconds(samples, ninja)).toFixed(2)}×`,
          target: '≤ 1.00×',
          met: medianSeconds(samples, second) <= medianSeconds(samples, ninja)
        })
      sections.push(
        '### Order: 20 short steps (0.2 s), a chain of 3 (0.3 s each), one 3 s step declared last, two slots\n\n' +
          `The bound is max(critical path, total work ÷ 2) = ${seconds(limit)}. stepgraph's first run ` +
          'has no timings file; its second starts from the file a previous run wrote. Tools ' +
          'without dependencies run the chain as one `&&` line, in declaration order. Whole ' +
          'processes, start-up included.\n\n' +
          rows.join('\n') +
          (notes.length > 0 ? `\n\n${notes.join(' ')}` : '')
      )
    },

    async dags() {
      const seeds = [1, 2, 3]
      const size = 30
      const slots = 4
      context.log(
        `varied DAGs: ${seeds.length} seeded DAGs of ${size} steps (20 ms–2 s), ${slots} slots`
      )
      /** @type {string[]} */
      const notes = ['xargs, GNU parallel and concurrently know no dependencies: left out.']
      /** @type {Map<string, number[]>} */
      const ratios = new Map()
      /** @type {string[]} */
      let header = []
      const rows = []
      for (const seed of seeds) {
        const graph = variedDag(seed, size)
        const limit = bound(graph, slots)
        /** @type {string[]} */
        const ignored = []
        const list = await contenders(context, graph, `dag${seed}`, slots, ignored)
        const samples = await compare(list, {
          repetitions: Math.min(3, context.repetitions),
          warmup: 0,
          log: context.log
        })
        header = [...samples.keys()]
        rows.push(
          `| ${seed} | ${seconds(limit)} | ${header.map(n => (medianSeconds(samples, n) / limit).toFixed(2)).join(' | ')} |`
        )
        for (const n of header)
          ratios.set(n, [...(ratios.get(n) ?? []), medianSeconds(samples, n) / limit])
        for (const note of ignored) if (!notes.includes(note)) notes.push(note)
      }
      const table = [
        `| seed | bound | ${header.join(' | ')} |`,
        `| --: | --: | ${header.map(() => '--:').join(' | ')} |`,
        ...rows,
        `| median | | ${header.map(n => median(ratios.get(n) ?? []).toFixed(2)).join(' | ')} |`
      ]
      sections.push(
        `### Varied DAGs: ${seeds.length} seeded DAGs of ${size} \`sleep\` steps (20 ms–2 s, log-uniform), ${slots} slots\n\n` +
          'Each cell is the median of 3 runs ÷ the bound (max(critical path, total work ÷ 4)); ' +
          'whole processes, start-up included. stepgraph as in "Order".\n\n' +
          table.join('\n') +
          `\n\n${notes.join(' ')}`
      )
    }
  }
}
