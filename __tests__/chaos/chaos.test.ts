import { randomUUID } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { StepResultJson } from '../../src/report/results.js'
import { STEP_STATUSES } from '../../src/scheduler/results.js'
import { runAction } from '../helpers/action.js'
import { randomDag, seededRandom } from '../helpers/graphs.js'
import { processesWithEnvironment } from '../helpers/processes.js'

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
  'echo "k=v" >> "$GITHUB_OUTPUT"; echo "X_$STEPGRAPH_STEP_ID=1" >> "$GITHUB_ENV"'
] as const

interface ChaosRun {
  readonly seed: number
  readonly graph: string
  readonly ids: readonly string[]
  readonly interruptAfterMs: number | undefined
}

function chaosGraph(seed: number): ChaosRun {
  const random = seededRandom(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const size = 3 + Math.floor(random() * 10)
  const needs = randomDag(size, 2, seed, 4)
  const ids = needs.map((_, v) => `c${v}`)
  const steps = needs.map((list, v) => {
    const behaviour = pick(BEHAVIOURS)
    const lines = [`c${v}:`, `  run: ${JSON.stringify(behaviour)}`]
    if (list.length > 0) lines.push(`  needs: [${list.map(p => `c${p}`).join(', ')}]`)
    if (random() < 0.3) lines.push(`  if: ${pick(['always()', 'failure()', 'success()'])}`)
    if (random() < 0.2) lines.push('  continue-on-error: true')
    if (random() < 0.2) lines.push('  retries: 1')
    // Long sleeps always get a timeout, so a run ends on its own in seconds.
    if (behaviour.includes('sleep 30') || random() < 0.2) lines.push('  timeout-minutes: 0.01')
    return lines.join('\n')
  })
  const interruptAfterMs = random() < 0.35 ? Math.floor(random() * 1500) : undefined
  const header = [`# chaos seed ${seed}`, `# max-parallel and options come from the inputs`]
  return { seed, graph: [...header, ...steps].join('\n'), ids, interruptAfterMs }
}

describe('chaos', () => {
  const seeds = Array.from({ length: RUNS }, (_, i) => FIRST_SEED + i)

  it.each(seeds)(
    'seed %i: every invariant holds',
    async seed => {
      const chaos = chaosGraph(seed)
      const random = seededRandom(seed * 31)
      const marker = `STEPGRAPH_CHAOS=${randomUUID()}`
      let interrupted = false
      const run = await runAction(
        {
          steps: chaos.graph,
          'max-parallel': String(1 + Math.floor(random() * 4)),
          'fail-fast': random() < 0.25 ? 'true' : 'false',
          output: random() < 0.5 ? 'grouped' : 'stream'
        },
        {
          env: { STEPGRAPH_CHAOS: marker.split('=')[1] ?? '' },
          onSpawn: (child: ChildProcess) => {
            if (chaos.interruptAfterMs === undefined) return
            // Timed from the run's first line: Node itself dies of a SIGINT that comes
            // before the action has started (a few tens of milliseconds).
            child.stdout?.once('data', () =>
              setTimeout(() => {
                interrupted = child.exitCode === null
                child.kill('SIGINT')
              }, chaos.interruptAfterMs)
            )
          }
        }
      )
      const context = `seed ${seed}\n${chaos.graph}\n--- stdout tail ---\n${run.stdout.slice(-3000)}\n${run.stderr}`

      // No process of the run survives it.
      expect(processesWithEnvironment(marker), context).toEqual([])

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
      if (status === 'cancelled') expect(interrupted, context).toBe(true)
      else expect(status, context).toBe(fails ? 'failure' : 'success')
      expect(run.exitCode, context).toBe(status === 'success' ? 0 : 1)
    },
    60_000
  )
})
