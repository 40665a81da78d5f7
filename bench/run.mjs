// The benchmarks: stepgraph (through dist/, as users run it) against its peers and the
// physical limit, side by side on the same machine in the same run. Writes the tables to
// docs/benchmarks.md.
//
//   npm run bench                        all of them
//   npm run bench -- throughput relay    some of them
//   npm run bench -- --reps 3 --no-write fewer rounds, print only
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, release, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { graphYaml, randomDag, seededRandom } from './lib/graphs.mjs'
import { compare, median, medianSeconds, run } from './lib/measure.mjs'
import { available, ninjaPeer, npmPeer, runtimes, versionOf } from './lib/peers.mjs'
import { phases } from './lib/phases.mjs'
import { schedulingBenchmarks } from './scheduling.mjs'

const root = path.resolve(new URL('.', import.meta.url).pathname, '..')
const action = path.join(root, 'dist/index.js')
// One slot: the floor for any Node launcher, the same command lines spawned back to back.
const spawnPool = path.join(root, 'bench/lib/spawn-pool.mjs')

const args = process.argv.slice(2)
const repsAt = args.indexOf('--reps')
const repetitions = repsAt >= 0 ? Number(args[repsAt + 1]) : 3
const write = !args.includes('--no-write')
const only = args.filter((arg, i) => !arg.startsWith('--') && (repsAt < 0 || i !== repsAt + 1))

const work = mkdtempSync(path.join(tmpdir(), 'stepgraph-bench-'))
const script = path.join(work, 'step.sh')
writeFileSync(script, 'true\n')
const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`)

// Node 24, the runtime action.yml declares, and Node 20 beside it.
const nodes = runtimes(log)
const OURS = `stepgraph, ${nodes[0]?.name ?? 'Node'}`

/** Environment for dist/index.js as the runner runs it, minus anything inherited. */
function actionEnv(/** @type {Record<string, string>} */ inputs) {
  /** @type {Record<string, string>} */
  const env = {}
  for (const key of Object.keys(process.env))
    if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) env[key] = ''
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  // As the runner does, the files exist before the action starts.
  for (const file of ['summary.md', 'output']) writeFileSync(path.join(work, file), '')
  return {
    ...env,
    GITHUB_STEP_SUMMARY: path.join(work, 'summary.md'),
    GITHUB_OUTPUT: path.join(work, 'output')
  }
}

/**
 * @param {string} name
 * @param {string} file
 * @param {Record<string, string>} [inputs]
 * @returns {import('./lib/measure.mjs').Contender}
 */
function stepgraph(name, file, inputs = {}) {
  return { name, node: [action], env: actionEnv({ 'steps-file': file, ...inputs }), cwd: work }
}

/**
 * stepgraph on each runtime, named `${name}, Node NN`.
 * @param {string} name @param {string} file @param {Record<string, string>} [inputs]
 * @returns {import('./lib/measure.mjs').Contender[]}
 */
function stepgraphs(name, file, inputs = {}) {
  return nodes.map(({ name: runtime, node }) => ({
    ...stepgraph(`${name}, ${runtime}`, file, inputs),
    runtime: node
  }))
}

/**
 * The same Node contender on each runtime.
 * @param {string} name @param {string[]} args
 * @returns {import('./lib/measure.mjs').Contender[]}
 */
function onEachNode(name, args) {
  return nodes.map(({ name: runtime, node }) => ({
    name: `${name}, ${runtime}`,
    node: args,
    runtime: node
  }))
}

/**
 * Start-up (the action's start to its first step's) and end (its last step's exit to its
 * own), from one extra run of each runtime's contender under strace.
 * @param {import('./lib/measure.mjs').Contender[]} contenders
 */
async function phaseLine(contenders) {
  const parts = []
  for (const contender of contenders) {
    const measured = await phases(contender)
    if (measured)
      parts.push(
        `${contender.name}: start-up ${(measured.startup * 1000).toFixed(0)} ms, end ${(measured.end * 1000).toFixed(0)} ms`
      )
  }
  return parts.length > 0
    ? `Outside the makespan (one extra run under \`strace -f --seccomp-bpf -e trace=execve,exit_group\`): ${parts.join('; ')}.`
    : 'strace is not installed: start-up and end not measured.'
}

/** @param {number} a @param {number} b */
const ratio = (a, b) => `${(a / b).toFixed(2)}×`
const seconds = (/** @type {number} */ s) => `${s.toFixed(2)} s`
/** @type {{ benchmark: string, measured: string, target: string, met: boolean }[]} */
const targets = []
/** @type {string[]} */
const sections = []

/**
 * A table of medians and each contender's time against stepgraph's.
 * @param {Map<string, import('./lib/measure.mjs').Sample[]>} samples
 * @param {string} reference name of stepgraph's row
 */
function table(samples, reference = OURS) {
  const reference_ = medianSeconds(samples, reference)
  const lines = [`| | median | min–max | ${reference} ÷ this |`, '| --- | --: | --: | --: |']
  for (const [name, runs] of samples) {
    const time = medianSeconds(samples, name)
    const times = runs.map(r => r.seconds)
    lines.push(
      `| ${name} | ${seconds(time)} | ${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)} s | ${name === reference ? '—' : ratio(reference_, time)} |`
    )
  }
  return lines.join('\n')
}

const benchmarks = {
  async startup() {
    const file = path.join(work, 'one.yml')
    writeFileSync(file, graphYaml([[]]))
    log('start-up: a one-step graph, the action through dist/index.js, against bare Node')
    const samples = await compare(
      [
        ...stepgraphs('stepgraph', file, { summary: 'false' }).map(c => ({ ...c, rss: true })),
        ...onEachNode('node -e 0', ['-e', '0']).map(c => ({ ...c, rss: true }))
      ],
      { repetitions: Math.max(repetitions, 20), log }
    )
    const rss = (/** @type {string} */ name) =>
      median((samples.get(name) ?? []).map(sample => sample.rssMiB ?? 0))
    const costs = nodes.map(({ name }) => {
      const ours = medianSeconds(samples, `stepgraph, ${name}`)
      const bare = medianSeconds(samples, `node -e 0, ${name}`)
      return (
        `on ${name}, ${((ours - bare) * 1000).toFixed(0)} ms and ` +
        `${(rss(`stepgraph, ${name}`) - rss(`node -e 0, ${name}`)).toFixed(0)} MiB of peak RSS above bare Node ` +
        `(${rss(`stepgraph, ${name}`).toFixed(0)} MiB against ${rss(`node -e 0, ${name}`).toFixed(0)} MiB)`
      )
    })
    sections.push(
      '### Start-up: a one-step graph (`true`), the whole action process\n\n' +
        `${table(samples)}\n\n` +
        `stepgraph's own cost: ${costs.join('; ')}.`
    )
  },

  async dispatch() {
    const size = 500
    const file = path.join(work, 'chain.yml')
    writeFileSync(file, graphYaml(Array.from({ length: size }, (_, v) => (v === 0 ? [] : [v - 1]))))
    log(`dispatch: a chain of ${size} \`true\` steps, one slot`)
    const samples = await compare(
      [
        ...stepgraphs('stepgraph', file, { 'max-parallel': '1' }),
        ...onEachNode('bare Node spawn loop (floor)', [
          spawnPool,
          String(size),
          '1',
          'bash',
          '-e',
          script
        ]),
        { name: 'bash loop', shell: `for i in $(seq ${size}); do bash -e ${script}; done` }
      ],
      { repetitions, log }
    )
    const ours = medianSeconds(samples, OURS)
    const floor = medianSeconds(samples, `bare Node spawn loop (floor), ${nodes[0]?.name}`)
    targets.push({
      benchmark: 'dispatch: chain of 500, against the Node floor',
      measured: ratio(ours, floor),
      target: '≤ 1.10×',
      met: ours / floor <= 1.1
    })
    // The scheduler's own view, from a run with RUNNER_DEBUG=1.
    const debug = stepgraphs('stepgraph', file, { 'max-parallel': '1' })[0]
    if (debug) await run({ ...debug, env: { ...debug.env, RUNNER_DEBUG: '1' } })
    const latency =
      /Dispatch latency.*/.exec(readFileSync(path.join(work, 'summary.md'), 'utf8'))?.[0] ?? ''
    sections.push(
      `### Dispatch overhead: a chain of ${size} \`true\` steps, one slot\n\n${table(samples)}\n\n` +
        `Per step (${OURS}): stepgraph ${((ours / size) * 1000).toFixed(2)} ms, the floor ${((floor / size) * 1000).toFixed(2)} ms, ` +
        `${(((ours - floor) / size) * 1000).toFixed(2)} ms more (whole processes, start-up included). ${latency.replace(/_/g, '')}`
    )
  },

  async throughput() {
    const size = 2000
    const file = path.join(work, 'wide.yml')
    writeFileSync(file, graphYaml(Array.from({ length: size }, () => [])))
    const makefile = path.join(work, 'Makefile')
    writeFileSync(
      makefile,
      `all: ${Array.from({ length: size }, (_, i) => `t${i}`).join(' ')}\n` +
        Array.from({ length: size }, (_, i) => `t${i}:\n\t@bash -e ${script}\n`).join('') +
        `.PHONY: all ${Array.from({ length: size }, (_, i) => `t${i}`).join(' ')}\n`
    )
    log(`throughput: ${size} independent \`true\` steps, two slots`)
    /** @type {import('./lib/measure.mjs').Contender[]} */
    const contenders = [
      ...stepgraphs('stepgraph', file, { 'max-parallel': '2' }),
      ...onEachNode('bare Node pool of 2', [spawnPool, String(size), '2', 'bash', '-e', script]),
      { name: 'xargs -P2', shell: `seq ${size} | xargs -P2 -I{} bash -e ${script}` },
      { name: 'make -j2', shell: `make -s -j2 -f ${makefile}` }
    ]
    /** @type {string[]} */
    const notes = ['Turborepo is left out: it runs each task through `npm run`, hours for 2,000.']
    const ninja = ninjaPeer(log)
    if (ninja) {
      const ninjaFile = path.join(work, 'wide.ninja')
      writeFileSync(
        ninjaFile,
        `rule step\n  command = bash -e ${script}\n` +
          Array.from({ length: size }, (_, i) => `build t${i}: step\n`).join('')
      )
      contenders.push({
        name: 'ninja -j2',
        shell: `${ninja} -C ${work} -f ${ninjaFile} -j2 >/dev/null`
      })
    } else notes.push('ninja is not installed (Debian: `apt-get install ninja-build`): left out.')
    const concurrently = npmPeer('concurrently', log)
    if (concurrently) {
      const lines = path.join(work, 'wide.args')
      writeFileSync(lines, Array.from({ length: size }, () => `bash -e ${script}`).join('\n'))
      contenders.push({
        name: 'concurrently -m 2',
        shell: `xargs -d '\\n' -s 200000 -x ${concurrently} -m 2 < ${lines} >/dev/null`
      })
    } else notes.push('concurrently (npm) could not be installed: left out.')
    if (available('parallel'))
      contenders.push({
        name: 'GNU parallel -j2',
        shell: `seq ${size} | parallel -j2 bash -e ${script}`
      })
    else log('  GNU parallel is not installed (apt-get install parallel): left out')
    const samples = await compare(contenders, { repetitions, log })
    const ours = medianSeconds(samples, OURS)
    const xargs = medianSeconds(samples, 'xargs -P2')
    const pool = medianSeconds(samples, `bare Node pool of 2, ${nodes[0]?.name}`)
    targets.push({
      benchmark: `throughput: 2,000 steps, two slots, against the bare Node pool (${nodes[0]?.name})`,
      measured: ratio(ours, pool),
      target: '≤ 1.2×',
      met: ours / pool <= 1.2
    })
    targets.push({
      benchmark: 'throughput: 2,000 steps, two slots, against xargs -P2',
      measured: ratio(ours, xargs),
      target: '≤ 1.5×',
      met: ours / xargs <= 1.5
    })
    sections.push(
      `### Throughput: ${size} independent \`true\` steps, two slots\n\n${table(samples)}\n\n` +
        `Per step against the bare Node pool (${OURS}): ${(((ours - pool) / size) * 1000).toFixed(2)} ms more. ` +
        `${await phaseLine(stepgraphs('stepgraph', file, { 'max-parallel': '2' }))} ${notes.join(' ')}`
    )
  },

  async makespan() {
    const dags = 20
    const size = 50
    const slots = 4
    log(`makespan: ${dags} random DAGs of ${size} sleep steps, ${slots} slots`)
    // What any Node program pays before its first line runs: make starts in milliseconds.
    const nodeStart = medianSeconds(
      await compare([{ name: 'node -e 0', shell: 'node -e 0' }], { repetitions, log }),
      'node -e 0'
    )
    const runtimeNames = nodes.map(n => n.name)
    const ninja = ninjaPeer(log)
    const rows = [
      `| seed | bound | ${runtimeNames.map(n => `stepgraph, ${n}`).join(' | ')} |${ninja ? ' ninja -j4 |' : ''} make -j4 | make -j4, each recipe \`bash -e\` | ${OURS} ÷ bound |${ninja ? ' ninja ÷ bound |' : ''} make ÷ bound |`,
      `| --: | --: | ${runtimeNames.map(() => '--:').join(' | ')} |${ninja ? ' --: |' : ''} --: | --: | --: |${ninja ? ' --: |' : ''} --: |`
    ]
    /** The action's start-up and end (strace, seed 1), to set aside against ninja. */
    let outside = 0
    let phaseNote = ''
    let slowerThanNinja = 0
    /** @type {number[]} */
    const ours = []
    let slowerThanMake = 0
    let slowerThanMakeAfterNodeStart = 0
    let slowerThanBashMake = 0
    for (let seed = 1; seed <= dags; seed++) {
      const needs = randomDag(size, 2, seed, 12)
      const random = seededRandom(seed * 7919)
      const durations = needs.map(() => Math.round(20 + random() * 280) / 1000)
      const weight = durations.map((d, v) => d + longestBefore(needs, durations, v))
      const bound = Math.max(Math.max(...weight), durations.reduce((a, b) => a + b, 0) / slots)
      const file = path.join(work, `dag${seed}.yml`)
      writeFileSync(
        file,
        graphYaml(needs, v => `sleep ${durations[v]}`)
      )
      /** A Makefile of the graph whose recipe for step v is `recipe(v)`. */
      const makefileOf = (
        /** @type {string} */ name,
        /** @type {(v: number) => string} */ recipe
      ) => {
        const makefile = path.join(work, name)
        const targets = needs.map((_, v) => `s${v}`).join(' ')
        const rules = needs.map(
          (list, v) => `s${v}: ${list.map(p => `s${p}`).join(' ')}\n\t@${recipe(v)}\n`
        )
        writeFileSync(makefile, `all: ${targets}\n${rules.join('')}.PHONY: all ${targets}\n`)
        return makefile
      }
      const makefile = makefileOf(`dag${seed}.mk`, v => `sleep ${durations[v]}`)
      // The same, each recipe run as stepgraph runs a step: a script file under bash -e.
      const bashMakefile = makefileOf(`dag${seed}-bash.mk`, v => {
        const stepScript = path.join(work, `dag${seed}-s${v}.sh`)
        writeFileSync(stepScript, `sleep ${durations[v]}\n`)
        return `bash -e ${stepScript}`
      })
      const ninjaFile = path.join(work, `dag${seed}.ninja`)
      writeFileSync(
        ninjaFile,
        'rule step\n  command = $cmd\n' +
          needs
            .map(
              (list, v) =>
                `build s${v}: step ${list.map(p => `s${p}`).join(' ')}\n  cmd = bash -e ${path.join(work, `dag${seed}-s${v}.sh`)}\n`
            )
            .join('')
      )
      const ourRuns = stepgraphs('stepgraph', file, { 'max-parallel': String(slots) })
      if (seed === 1 && ourRuns[0]) {
        const measured = await phases(ourRuns[0])
        if (measured) {
          outside = measured.startup + measured.end
          phaseNote = `${OURS}, seed 1, one extra run under \`strace -f --seccomp-bpf -e trace=execve,exit_group\`: start-up ${(measured.startup * 1000).toFixed(0)} ms, end ${(measured.end * 1000).toFixed(0)} ms.`
        }
      }
      const samples = await compare(
        [
          ...ourRuns,
          ...(ninja
            ? [
                {
                  name: 'ninja',
                  shell: `${ninja} -C ${work} -f ${ninjaFile} -j${slots} >/dev/null`
                }
              ]
            : []),
          { name: 'make', shell: `make -s -j${slots} -f ${makefile}` },
          { name: 'make, bash', shell: `make -s -j${slots} -f ${bashMakefile}` }
        ],
        { repetitions: 1, warmup: 0 }
      )
      const s = medianSeconds(samples, OURS)
      const n = ninja ? medianSeconds(samples, 'ninja') : NaN
      if (ninja && s - outside > n) slowerThanNinja++
      const m = medianSeconds(samples, 'make')
      const mb = medianSeconds(samples, 'make, bash')
      ours.push(s / bound)
      if (s > m) slowerThanMake++
      if (s - nodeStart > m) slowerThanMakeAfterNodeStart++
      if (s > mb) slowerThanBashMake++
      rows.push(
        `| ${seed} | ${seconds(bound)} | ${runtimeNames.map(r => seconds(medianSeconds(samples, `stepgraph, ${r}`))).join(' | ')} |${ninja ? ` ${seconds(n)} |` : ''} ${seconds(m)} | ${seconds(mb)} | ${(s / bound).toFixed(3)} |${ninja ? ` ${(n / bound).toFixed(3)} |` : ''} ${(m / bound).toFixed(3)} |`
      )
      log(
        `  seed ${seed}: bound ${bound.toFixed(2)} s, stepgraph ${s.toFixed(2)} s, make ${m.toFixed(2)} s`
      )
    }
    const medianRatio = median(ours)
    targets.push({
      benchmark: 'makespan: median over 20 DAGs, against the bound',
      measured: `${medianRatio.toFixed(3)}×`,
      target: '≤ 1.10×',
      met: medianRatio <= 1.1
    })
    targets.push({
      benchmark: 'makespan: DAGs where stepgraph was slower than make -j4',
      measured: `${slowerThanMake} of ${dags}`,
      target: '0',
      met: slowerThanMake === 0
    })
    sections.push(
      `### Makespan: ${dags} seeded random DAGs of ${size} \`sleep\` steps (20-300 ms), ${slots} slots\n\n` +
        'The bound is max(critical path, total work ÷ 4), from the known durations; whole ' +
        'processes are timed, start-up included.\n\n' +
        rows.join('\n') +
        `\n\nNode's own start-up (\`node -e 0\`, median): ${seconds(nodeStart)}. Without it, stepgraph ` +
        `would still be slower than make on ${slowerThanMakeAfterNodeStart} of ${dags} DAGs. ` +
        `Against make running each recipe as a script under \`bash -e\` (as stepgraph runs a step), ` +
        `stepgraph was slower on ${slowerThanBashMake} of ${dags}.` +
        (ninja
          ? ` ${phaseNote} With that set aside, ${OURS} was slower than ninja (each edge \`bash -e\` a script, as stepgraph runs a step) on ${slowerThanNinja} of ${dags} DAGs.`
          : ' ninja is not installed (Debian: `apt-get install ninja-build`): left out.')
    )
    if (ninja)
      targets.push({
        benchmark:
          'makespan: DAGs where stepgraph, start-up and end aside, was slower than ninja -j4',
        measured: `${slowerThanNinja} of ${dags}`,
        target: '0',
        met: slowerThanNinja === 0
      })
  },

  async relay() {
    const line = '0'.repeat(99)
    const lines = 10_737_418 // 1 GiB in 100-byte lines
    const produce = `yes ${line} | head -n ${lines}`
    log('relay: one step printing 1 GiB in 100-byte lines')
    const one = path.join(work, 'relay.yml')
    writeFileSync(one, `big: {run: ${JSON.stringify(produce)}}`)
    const samples = await compare(
      [
        ...stepgraphs('stepgraph (grouped)', one).map(c => ({ ...c, rss: true })),
        ...stepgraphs('stepgraph (stream)', one, { output: 'stream' }).map(c => ({
          ...c,
          rss: true
        })),
        { name: 'the same pipeline to /dev/null', shell: `${produce} > /dev/null` }
      ],
      { repetitions: Math.max(3, Math.floor(repetitions / 2)), log }
    )
    const baseline = medianSeconds(samples, 'the same pipeline to /dev/null')
    for (const mode of ['grouped', 'stream']) {
      const name = `stepgraph (${mode}), ${nodes[0]?.name}`
      const rss = Math.max(...(samples.get(name) ?? []).map(s => s.rssMiB ?? 0))
      targets.push({
        benchmark: `relay of 1 GiB, ${mode}, against the pipeline to /dev/null`,
        measured: ratio(medianSeconds(samples, name), baseline),
        target: '≤ 2.5×',
        met: medianSeconds(samples, name) / baseline <= 2.5
      })
      targets.push({
        benchmark: `relay of 1 GiB, ${mode}: the action's peak RSS`,
        measured: `${rss.toFixed(0)} MiB`,
        target: '< 150 MiB',
        met: rss < 150
      })
    }
    const eight = path.join(work, 'relay8.yml')
    const produce100 = `yes ${line} | head -n 1048576` // 100 MiB each
    writeFileSync(
      eight,
      Array.from({ length: 8 }, (_, i) => `s${i}: {run: ${JSON.stringify(produce100)}}`).join('\n')
    )
    const parallel = await compare(
      [
        ...stepgraphs('stepgraph, 8 × 100 MiB at once', eight, { 'max-parallel': '8' }).map(c => ({
          ...c,
          rss: true
        })),
        {
          name: 'the 8 pipelines to /dev/null',
          shell: `for i in 1 2 3 4 5 6 7 8; do (${produce100} > /dev/null) & done; wait`
        }
      ],
      { repetitions: 3, log }
    )
    const peak = (
      /** @type {Map<string, import('./lib/measure.mjs').Sample[]>} */ s,
      /** @type {string} */ n
    ) => Math.max(...(s.get(n) ?? []).map(x => x.rssMiB ?? 0)).toFixed(0)
    sections.push(
      '### Output relay: one step printing 1 GiB in 100-byte lines\n\n' +
        `${table(samples, `stepgraph (grouped), ${nodes[0]?.name}`)}\n\nPeak RSS of the action: ` +
        nodes
          .map(
            ({ name }) =>
              `${name}: grouped ${peak(samples, `stepgraph (grouped), ${name}`)} MiB, stream ${peak(samples, `stepgraph (stream), ${name}`)} MiB`
          )
          .join('; ') +
        '. Every line is counted in the test suite (limits.e2e.test.ts).\n\n' +
        `Eight steps printing 100 MiB each at once:\n\n${table(parallel, `stepgraph, 8 × 100 MiB at once, ${nodes[0]?.name}`)}\n\n` +
        `Peak RSS: ${nodes.map(({ name }) => `${name} ${peak(parallel, `stepgraph, 8 × 100 MiB at once, ${name}`)} MiB`).join(', ')}.`
    )
  },

  async scale() {
    const size = 10_000
    const needs = randomDag(size, 3, 1)
    const file = path.join(work, 'scale.yml')
    writeFileSync(file, graphYaml(needs))
    const edges = needs.reduce((sum, list) => sum + list.length, 0)
    log(`scale: ${size} steps, ${edges} needs`)
    const dry = await compare(stepgraphs('stepgraph dry run', file, { 'dry-run': 'true' }), {
      repetitions,
      log
    })
    const dryRun = medianSeconds(dry, `stepgraph dry run, ${nodes[0]?.name}`)
    targets.push({
      benchmark: 'scale: dry run of 10,000 steps / 29,994 needs, whole process',
      measured: seconds(dryRun),
      target: '< 1 s',
      met: dryRun < 1
    })
    const wide = path.join(work, 'scale-run.yml')
    writeFileSync(wide, graphYaml(Array.from({ length: size }, () => [])))
    const full = await compare(
      [
        ...stepgraphs('stepgraph', wide, { 'max-parallel': '2' }),
        { name: 'xargs -P2', shell: `seq ${size} | xargs -P2 -I{} bash -e ${script}` }
      ],
      { repetitions: Math.min(3, repetitions), log }
    )
    const ours = medianSeconds(full, OURS)
    targets.push({
      benchmark: 'scale: 10,000 `true` steps, two slots, against xargs -P2',
      measured: ratio(ours, medianSeconds(full, 'xargs -P2')),
      target: '≤ 1.5×',
      met: ours / medianSeconds(full, 'xargs -P2') <= 1.5
    })
    sections.push(
      `### Scale: ${size.toLocaleString('en-US')} steps, ${edges.toLocaleString('en-US')} needs\n\n` +
        `Dry run (whole process: start-up, YAML, validation, plan):\n\n${table(dry, `stepgraph dry run, ${nodes[0]?.name}`)}\n\n` +
        `A full run of ${size.toLocaleString('en-US')} independent \`true\` steps, two slots:\n\n${table(full)}`
    )
  }
}

/**
 * The longest chain of durations that must end before step v starts.
 * @param {readonly (readonly number[])[]} needs
 * @param {readonly number[]} durations
 * @param {number} v
 * @param {Map<number, number>} [memo]
 * @returns {number}
 */
function longestBefore(needs, durations, v, memo = new Map()) {
  const known = memo.get(v)
  if (known !== undefined) return known
  let longest = 0
  for (const p of needs[v] ?? [])
    longest = Math.max(longest, (durations[p] ?? 0) + longestBefore(needs, durations, p, memo))
  memo.set(v, longest)
  return longest
}

Object.assign(
  benchmarks,
  schedulingBenchmarks({ work, repetitions, log, stepgraphs }, targets, sections)
)
const chosen = Object.entries(benchmarks).filter(
  ([name]) => only.length === 0 || only.includes(name)
)
for (const [, benchmark] of chosen) await benchmark()
rmSync(work, { recursive: true, force: true })

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: root,
  encoding: 'utf8'
}).trim()
const machine =
  `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
  `Linux ${release()}; stepgraph on ${nodes.map(n => `${n.name} (${versionOf(n.node)})`).join(' and ')}; peers: ` +
  [
    ['ninja', versionOf(ninjaPeer(() => {}) ?? 'ninja')],
    ['make', versionOf('make')?.replace('GNU Make ', '')],
    ['GNU parallel', versionOf('parallel')?.replace('GNU parallel ', '')],
    ['turbo', versionOf(npmPeer('turbo', () => {}) ?? 'turbo')],
    ['concurrently', versionOf(npmPeer('concurrently', () => {}) ?? 'concurrently')]
  ]
    .filter(([, version]) => version)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
const report = [
  `Measured ${new Date().toISOString().slice(0, 10)} at commit ${commit} on ${machine}; ${repetitions} rounds ` +
    'after a warm-up, contenders alternating; medians.',
  '',
  '| benchmark | measured | target | met |',
  '| --- | --: | --: | :-: |',
  ...targets.map(t => `| ${t.benchmark} | ${t.measured} | ${t.target} | ${t.met ? '✓' : '✗'} |`),
  '',
  ...sections.flatMap(section => [section, ''])
].join('\n')
process.stdout.write(`${report}\n`)

if (write && only.length === 0) {
  const docs = path.join(root, 'docs/benchmarks.md')
  const text = readFileSync(docs, 'utf8')
  const start = '<!-- bench:start -->'
  const end = '<!-- bench:end -->'
  const before = text.slice(0, text.indexOf(start) + start.length)
  const after = text.slice(text.indexOf(end))
  // Formatted as the repository's lint expects, so a rerun commits cleanly.
  const prettier = await import('prettier')
  const options = (await prettier.resolveConfig(docs)) ?? {}
  writeFileSync(
    docs,
    await prettier.format(`${before}\n${report}\n${after}`, { ...options, filepath: docs })
  )
  log(`wrote ${path.relative(process.cwd(), docs)}`)
}
