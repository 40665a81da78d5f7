import { randomUUID } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { StepResultJson } from '../../src/report/results.js'
import { hostStopSignals } from '../../src/run/stop-signals.js'
import { STEP_STATUSES } from '../../src/scheduler/results.js'
import { runAction } from '../helpers/action.js'
import { randomDag, seededRandom } from '../helpers/graphs.js'
import { processesWithEnvironment } from '../helpers/processes.js'
import { slowReader } from '../helpers/slow-reader.js'
import { tableText } from '../helpers/summary-text.js'

/** Runs in the test suite; `npm run chaos` runs many more. */
const RUNS = Number(process.env.CHAOS_RUNS ?? 6)
const FIRST_SEED = Number(process.env.CHAOS_SEED ?? 1)

/** What a chaos step does, chosen at random. */
const BEHAVIOURS = [
  'echo ok',
  'exit 3',
  'kill -9 $$',
  'kill -SEGV $$',
  'sleep 0.2',
  'sleep 30',
  'yes "flood $STEPGRAPH_STEP_ID" | head -c 3000000',
  'sleep 300 & echo left a background job',
  // Out of the step's process group, still in its session: job control and GNU timeout.
  'set -m; sleep 300 & echo left a job in a group of its own',
  'timeout 300 sleep 300 >/dev/null & echo left timeout running',
  "trap '' TERM; sleep 30",
  'printf "no newline at the end"',
  'echo "::error::from a step"; exit 1',
  'echo "k=v" >> "$GITHUB_OUTPUT"; echo "X_$STEPGRAPH_STEP_ID=1" >> "$GITHUB_ENV"',
  // A step that stops the action itself; SIGUSR1 must not open Node's inspector either.
  'kill -USR1 $PPID; sleep 1',
  // I/O faults in the output path: the run's spill directory removed under it...
  'rm -rf "$RUNNER_TEMP"/stepgraph-*; yes "after the removal $STEPGRAPH_STEP_ID" | head -c 2000000',
  // ... and the action out of file descriptors while this step floods (the limit is put
  // back when the step ends, however it ends but SIGKILL).
  'restore() { prlimit --pid "$ACTION_PID" --nofile="$ACTION_NOFILE":; }; trap restore EXIT; ' +
    'trap \'exit 143\' TERM INT; prlimit --pid "$ACTION_PID" --nofile=3:; ' +
    'yes "no descriptors $STEPGRAPH_STEP_ID" | head -c 2000000'
] as const

/**
 * How a step that is a service becomes ready: once started, by a line, by a port nothing
 * listens on (never: its ready timeout ends it), by a check command.
 */
const READY_WHEN = ['', '{line: ok}', '{port: 1}', '{run: "true"}', '{run: "exit 1"}'] as const

/** Every signal that stops the action; the runner's SIGINT twice as often as any other. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', ...hostStopSignals()]

interface Interruption {
  readonly afterMs: number
  readonly signal: NodeJS.Signals
  /** A second stop signal, this much later: it kills every step at once. */
  readonly again?: { readonly afterMs: number; readonly signal: NodeJS.Signals }
}

/** A step added to the runs whose log is read slowly. */
const SLOW_LOG_FLOOD = 'yes "for a slow log $STEPGRAPH_STEP_ID" | head -c 20000000'

/** A note of stepgraph's own about a step's output (lost, or cut); it must start a line. */
const OUTPUT_NOTE = /stepgraph: ((the rest of )?this output \(|step output from here on)/

interface ChaosRun {
  readonly seed: number
  readonly graph: string
  readonly ids: readonly string[]
  readonly interruption: Interruption | undefined
  /** The size of the tmpfs RUNNER_TEMP is on (a full filesystem), if any. */
  readonly runnerTempMiB: number | undefined
  /** An interrupted run whose log is read slowly: the replay is cut at its deadline. */
  readonly slowLog: boolean
}

function chaosGraph(seed: number): ChaosRun {
  const random = seededRandom(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  // Services are drawn apart, so that each seed's other choices stay what they were.
  const serviceRandom = seededRandom(seed * 7 + 3)
  const size = 3 + Math.floor(random() * 10)
  const needs = randomDag(size, 2, seed, 4)
  const ids = needs.map((_, v) => `c${v}`)
  const steps = needs.map((list, v) => {
    const behaviour = pick(BEHAVIOURS)
    const lines = [`c${v}:`, `  run: ${JSON.stringify(behaviour)}`]
    if (list.length > 0) lines.push(`  needs: [${list.map(p => `c${p}`).join(', ')}]`)
    if (random() < 0.3) lines.push(`  if: ${pick(['always()', 'failure()', 'success()'])}`)
    if (random() < 0.2) lines.push('  continue-on-error: true')
    const retries = random() < 0.2
    // Long sleeps always get a timeout, so a run ends on its own in seconds.
    const timeout = behaviour.includes('sleep 30') || random() < 0.2
    // A service has neither (it runs until the steps that need it end): its start is
    // bounded by its ready timeout.
    if (serviceRandom() < 0.25) {
      const readyWhen = READY_WHEN[Math.floor(serviceRandom() * READY_WHEN.length)] ?? ''
      lines.push('  service: true', '  ready-timeout-minutes: 0.01')
      if (readyWhen !== '') lines.push(`  ready-when: ${readyWhen}`)
    } else {
      if (retries) lines.push('  retries: 1')
      if (timeout) lines.push('  timeout-minutes: 0.01')
    }
    return lines.join('\n')
  })
  const interruption: Interruption | undefined =
    random() < 0.35
      ? {
          afterMs: Math.floor(random() * 1500),
          signal: pick(STOP_SIGNALS),
          ...(random() < 0.3 && {
            again: { afterMs: Math.floor(random() * 1000), signal: pick(STOP_SIGNALS) }
          })
        }
      : undefined
  const runnerTempMiB = random() < 0.3 ? 1 + Math.floor(random() * 3) : undefined
  const slowLog = interruption !== undefined && random() < 0.3
  if (slowLog) {
    // Enough output that the log is still behind when its deadline comes.
    ids.push(`c${size}`)
    steps.push(`c${size}:\n  run: ${JSON.stringify(SLOW_LOG_FLOOD)}`)
  }
  const header = [
    `# chaos seed ${seed}`,
    `# max-parallel and options come from the inputs`,
    ...(interruption ? [`# stopped by ${JSON.stringify(interruption)}`] : []),
    `# RUNNER_TEMP: ${runnerTempMiB === undefined ? 'the disk' : `a ${runnerTempMiB} MiB tmpfs`}`,
    `# the log: ${slowLog ? 'read slowly until 7.5 s after the stop' : 'read at once'}`
  ]
  const graph = [...header, ...steps].join('\n')
  return { seed, graph, ids, interruption, runnerTempMiB, slowLog }
}

/**
 * What the action runs under: a shell that tells the steps its pid and descriptor limit
 * (for the descriptor fault), in a private mount namespace with RUNNER_TEMP on a small
 * tmpfs when the run has one (a full filesystem).
 */
function launcher(runnerTempMiB: number | undefined): string[] {
  const exec = 'ACTION_PID=$$ ACTION_NOFILE=$(ulimit -n) exec "$@"'
  if (runnerTempMiB === undefined) return ['sh', '-c', exec, 'sh']
  const mount = `mount -t tmpfs -o size=${runnerTempMiB}m tmpfs "$RUNNER_TEMP"`
  return ['unshare', '-m', 'sh', '-c', `${mount} && ${exec}`, 'sh']
}

describe('chaos', () => {
  const seeds = Array.from({ length: RUNS }, (_, i) => FIRST_SEED + i)

  it.each(seeds)(
    'seed %i: every invariant holds',
    async seed => {
      const chaos = chaosGraph(seed)
      const random = seededRandom(seed * 31)
      const marker = `STEPGRAPH_CHAOS=${randomUUID()}`
      // Set from a callback: an object, so that the check below is not narrowed to false.
      const stop = { sent: false }
      const run = await runAction(
        {
          steps: chaos.graph,
          'max-parallel': String(1 + Math.floor(random() * 4)),
          'fail-fast': random() < 0.25 ? 'true' : 'false',
          output: random() < 0.5 ? 'grouped' : 'stream'
        },
        {
          env: { STEPGRAPH_CHAOS: marker.split('=')[1] ?? '' },
          launcher: launcher(chaos.runnerTempMiB),
          onSpawn: (child: ChildProcess) => {
            const interruption = chaos.interruption
            if (interruption === undefined) return
            // 80 KB/s: the log is still behind when its deadline comes.
            const reader = chaos.slowLog ? slowReader(child, 8 * 1024) : undefined
            // Timed from the run's first line: Node itself dies of a stop signal that
            // comes before the action has started (a few tens of milliseconds).
            child.stdout?.once('data', () =>
              setTimeout(() => {
                stop.sent = child.exitCode === null
                child.kill(interruption.signal)
                const again = interruption.again
                if (again)
                  setTimeout(() => {
                    if (child.exitCode === null) child.kill(again.signal)
                  }, again.afterMs)
                // The runner's grace: by then the log has been cut, if it had to be.
                setTimeout(() => reader?.fast(), 7500)
              }, interruption.afterMs)
            )
          }
        }
      )
      const context = `seed ${seed}\n${chaos.graph}\n--- stdout tail ---\n${run.stdout.slice(-3000)}\n${run.stderr}`

      // No process of the run survives it, and the action died of no signal.
      expect(processesWithEnvironment(marker), context).toEqual([])
      expect(run.signal, context).toBeNull()
      expect(`${run.stdout}${run.stderr}`, context).not.toContain('Debugger listening')

      // Nothing escaped as an exception (I/O faults included), and every note about a
      // step's output starts a line of its own.
      expect(run.stderr, context).not.toMatch(/^\s+at /m)
      for (const line of run.stdout.split('\n').filter(line => OUTPUT_NOTE.test(line)))
        expect(line, context).toMatch(new RegExp(`^${OUTPUT_NOTE.source}`))

      // `results` is valid JSON with exactly one known status per step.
      const results = JSON.parse(run.outputs.get('results') ?? 'null') as Record<
        string,
        StepResultJson
      >
      expect(Object.keys(results).sort(), context).toEqual([...chaos.ids].sort())
      for (const result of Object.values(results))
        expect(STEP_STATUSES, context).toContain(result.status)
      expect(JSON.parse(run.outputs.get('failed') ?? 'null'), context).toBeInstanceOf(Array)

      // The summary exists and fits the runner's limit.
      expect(run.summary.length, context).toBeGreaterThan(0)
      expect(Buffer.byteLength(run.summary), context).toBeLessThan(1024 * 1024)

      // The reports tell the truth: no negative duration; a cancelled step that ran is
      // never "not started"; no speed-up is claimed from a run whose steps were cancelled.
      for (const result of Object.values(results))
        expect(result['duration-ms'] ?? 0, context).toBeGreaterThanOrEqual(0)
      expect(run.stdout, context).not.toMatch(/ · -\d/)
      expect(run.summary, context).not.toMatch(/ [+]?-\d[\d.]*m?s\b/)
      for (const [id, result] of Object.entries(results)) {
        if (result.status !== 'cancelled' || result.attempts === 0) continue
        expect(run.stdout, context).not.toContain(`${id} cancelled: not started`)
        expect(tableText(run.summary), context).not.toContain(`| ⊘ not started | \`${id}\` |`)
      }
      if (Object.values(results).some(r => r.status === 'cancelled'))
        expect(run.summary, context).not.toMatch(/× faster/)

      // The exit code and `status` match the statuses.
      const status = run.outputs.get('status')
      const graphSteps = chaos.graph.split('\n')
      const tolerated = (id: string): boolean => {
        const at = graphSteps.indexOf(`${id}:`)
        const end = graphSteps.findIndex((line, i) => i > at && /^c\d+:/.test(line))
        return graphSteps.slice(at, end < 0 ? undefined : end).includes('  continue-on-error: true')
      }
      const fails = Object.entries(results).some(
        ([id, r]) => ['failure', 'timed-out', 'cancelled'].includes(r.status) && !tolerated(id)
      )
      // A step that signals the action (`$PPID`) stops the run as a signal from outside.
      if (status === 'cancelled')
        expect(stop.sent || chaos.graph.includes('$PPID'), context).toBe(true)
      else expect(status, context).toBe(fails ? 'failure' : 'success')
      expect(run.exitCode, context).toBe(status === 'success' ? 0 : 1)
    },
    60_000
  )
})
