import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StepResultJson } from '../../src/report/results.js'
import { runAction, type ActionRun } from '../helpers/action.js'
import { processesWithEnvironment } from '../helpers/processes.js'
import {
  bytesRead,
  catches,
  catchesEveryStopSignal,
  listeningPorts,
  spinUntil
} from '../helpers/signals.js'

function resultsOf(run: ActionRun): Record<string, StepResultJson> {
  return JSON.parse(run.outputs.get('results') ?? '{}') as Record<string, StepResultJson>
}

/** A value for STEPGRAPH_TEST_RUN: every process of the run inherits it. */
function runMarker(): { env: Record<string, string>; marker: string } {
  const value = randomUUID()
  return { env: { STEPGRAPH_TEST_RUN: value }, marker: `STEPGRAPH_TEST_RUN=${value}` }
}

/**
 * SIGUSR1 makes Node open its inspector on this port: any free one, so that the tests see
 * it open whatever else listens on the default 9229.
 */
const ANY_INSPECTOR_PORT = { NODE_OPTIONS: '--inspect-port=0' }

/** Calls `then` once the action's log says `count` steps have started. */
function whenStarted(child: ChildProcess, count: number, then: () => void): void {
  let seen = ''
  let done = false
  child.stdout?.on('data', (chunk: Buffer) => {
    seen += chunk.toString()
    if (!done && (seen.match(/ started in slot /g) ?? []).length >= count) {
      done = true
      then()
    }
  })
}

describe('every stop signal ends the action as a cancel does', () => {
  // SIGINT and SIGTERM: run.e2e.test.ts. Each of these ended the action at once, with no
  // outputs, no summary, and its steps left running.
  it.each([
    'SIGHUP',
    'SIGQUIT',
    'SIGUSR1',
    'SIGUSR2',
    'SIGALRM',
    'SIGVTALRM',
    'SIGPROF',
    'SIGXCPU',
    'SIGABRT',
    'SIGIO',
    'SIGPWR',
    'SIGSTKFLT'
  ] as const)(
    '%s: steps cancelled, outputs and summary written, exit 1, nothing left running',
    async signal => {
      const { env, marker } = runMarker()
      const run = await runAction(
        {
          steps: 'long: {run: "sleep 30"}\nwaiting: {needs: long, run: "touch never"}',
          output: 'stream'
        },
        {
          env: { ...env, ...ANY_INSPECTOR_PORT },
          onSpawn: child => {
            whenStarted(child, 1, () => child.kill(signal))
          }
        }
      )
      expect(run.signal).toBeNull()
      expect(run.exitCode).toBe(1)
      expect(run.outputs.get('status')).toBe('cancelled')
      const results = resultsOf(run)
      expect(results.long).toMatchObject({ status: 'cancelled', signal: 'SIGTERM' })
      expect(results.waiting).toMatchObject({ status: 'cancelled', attempts: 0 })
      expect(run.outputs.get('failed')).toBe('[]')
      expect(run.summary).toContain('**The run was cancelled**')
      expect(run.summary).toContain(signal)
      expect(existsSync(path.join(run.workspace, 'never'))).toBe(false)
      expect(`${run.stdout}${run.stderr}`).not.toContain('Debugger listening')
      expect(processesWithEnvironment(marker)).toEqual([])
    }
  )

  it('a step sending SIGUSR1 to the action stops the run and opens no inspector', async () => {
    const { env, marker } = runMarker()
    let ports: number[] | undefined
    const run = await runAction(
      {
        // The step outlives the cancel's SIGTERM, so the action is still there to look at
        // (and ends on its own if the action does not stop).
        steps: `signaller:\n  run: |\n    trap '' TERM\n    kill -USR1 $PPID\n    echo sent\n    for i in $(seq 100); do sleep 0.1; done`,
        output: 'stream'
      },
      {
        env: { ...env, ...ANY_INSPECTOR_PORT },
        onSpawn: child => {
          let seen = ''
          child.stdout?.on('data', (chunk: Buffer) => {
            seen += chunk.toString()
            if (ports === undefined && seen.includes('sent')) {
              ports = []
              // Node's inspector would be listening well within this.
              setTimeout(() => {
                ports = listeningPorts(child.pid ?? 0)
              }, 500)
            }
          })
        }
      }
    )
    expect(ports).toEqual([])
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/Debugger listening|inspector/i)
    expect(run.exitCode).toBe(1)
    expect(run.outputs.get('status')).toBe('cancelled')
    expect(resultsOf(run).signaller).toMatchObject({ status: 'cancelled', signal: 'SIGKILL' })
    expect(processesWithEnvironment(marker)).toEqual([])
  })

  it('a SIGUSR1 that reaches Node before stepgraph listens: inspector closed, run stopped', async () => {
    // Node installs its SIGUSR1 handler while it starts, but opens the inspector on it only
    // once its inspector agent runs; stepgraph's listener comes a little later. SIGUSR1 is
    // sent every millisecond from Node's handler to stepgraph's, so that one lands between.
    let inspectorOpened = false
    for (let attempt = 0; attempt < 10 && !inspectorOpened; attempt++) {
      const { env, marker } = runMarker()
      const run = await runAction(
        { steps: 'a: {run: "touch a-ran"}' },
        {
          env: { ...env, ...ANY_INSPECTOR_PORT },
          onSpawn: child => {
            const pid = child.pid ?? 0
            try {
              spinUntil(() => catches(pid, 'SIGUSR1'))
              const end = performance.now() + 20_000
              while (!catchesEveryStopSignal(pid) && performance.now() < end) {
                child.kill('SIGUSR1')
                const next = performance.now() + 1
                spinUntil(() => performance.now() > next)
              }
            } catch {
              // The action ended first.
            }
          }
        }
      )
      const log = `${run.stdout}${run.stderr}`
      if (!log.includes('Debugger listening')) continue
      inspectorOpened = true
      expect(log).toContain("a SIGUSR1 opened Node's inspector before stepgraph caught it")
      expect(run.exitCode).toBe(1)
      expect(run.outputs.get('status')).toBe('cancelled')
      expect(resultsOf(run).a).toMatchObject({ status: 'cancelled', attempts: 0 })
      expect(readdirSync(run.workspace)).toEqual([])
      expect(processesWithEnvironment(marker)).toEqual([])
    }
    expect(inspectorOpened).toBe(true)
  })

  it('a stop signal while the graph is still being parsed: no step ever starts', async () => {
    // A graph of 7-8 MiB, most of it the environment of a step that needs the others: the
    // parse takes hundreds of milliseconds, during which no listener can run.
    const lines = ['s0: {run: "touch s0-ran"}', 's1: {run: "touch s1-ran"}', 'heavy:']
    lines.push('  needs: [s0, s1]', '  run: touch heavy-ran', '  env:')
    for (let i = 0; i < 110_000; i++) lines.push(`    VAR_${i}: value-${i}-${'x'.repeat(40)}`)
    const graph = `${lines.join('\n')}\n`
    const graphBytes = Buffer.byteLength(graph)
    const { env, marker } = runMarker()
    const run = await runAction(
      { 'steps-file': 'graph/steps.yml', 'max-parallel': '4' },
      {
        files: { 'graph/steps.yml': graph },
        env,
        onSpawn: child => {
          const pid = child.pid ?? 0
          // Once the action has read the whole file, it is parsing it.
          spinUntil(() => bytesRead(pid) > graphBytes)
          child.kill('SIGHUP')
        }
      }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.get('status')).toBe('cancelled')
    const results = resultsOf(run)
    for (const id of ['s0', 's1', 'heavy'])
      expect(results[id]).toMatchObject({ status: 'cancelled', attempts: 0, 'started-at': null })
    expect(readdirSync(run.workspace)).toEqual(['graph'])
    expect(processesWithEnvironment(marker)).toEqual([])
  })

  it('stop signals to the very last moment: the action exits 1, never dies of one', async () => {
    // Node's teardown after the event loop empties gave every signal its default back.
    const { env, marker } = runMarker()
    const flood = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
    const run = await runAction(
      { steps: 'a: {run: "sleep 30"}', output: 'stream' },
      {
        env,
        onSpawn: child => {
          whenStarted(child, 1, () => {
            let sent = 0
            const timer = setInterval(() => {
              if (child.exitCode !== null || child.signalCode !== null) clearInterval(timer)
              else child.kill(flood[sent++ % flood.length])
            }, 1)
            child.on('exit', () => {
              clearInterval(timer)
            })
          })
        }
      }
    )
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(1)
    expect(run.outputs.get('status')).toBe('cancelled')
    expect(processesWithEnvironment(marker)).toEqual([])
  })

  it('signals whose default is not to end the process change nothing', async () => {
    // SIGPIPE and SIGXFSZ: Node ignores them; the others are ignored by default.
    const ignored = ['SIGPIPE', 'SIGXFSZ', 'SIGCHLD', 'SIGURG', 'SIGWINCH', 'SIGCONT'] as const
    const run = await runAction(
      { steps: 'a: {run: "sleep 1"}\nb: {needs: a, run: "echo b ran"}', output: 'stream' },
      {
        onSpawn: child => {
          whenStarted(child, 1, () => {
            for (const signal of ignored) child.kill(signal)
          })
        }
      }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs.get('status')).toBe('success')
    expect(run.stdout).toContain('b ran')
  })
})
