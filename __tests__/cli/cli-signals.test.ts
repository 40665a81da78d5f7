import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { constants } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { processesWithEnvironment } from '../helpers/processes.js'
import { bytesRead, catchesEveryStopSignal, spinUntil } from '../helpers/signals.js'

/** A value for STEPGRAPH_TEST_RUN: every process of the run inherits it. */
function runMarker(): { env: Record<string, string>; marker: string } {
  const value = randomUUID()
  return { env: { STEPGRAPH_TEST_RUN: value }, marker: `STEPGRAPH_TEST_RUN=${value}` }
}

describe('stepgraph run, stopped by a signal', () => {
  it.each(['SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM', 'SIGTERM'] as const)(
    '%s: steps cancelled, summary written, exit 128 + its number, nothing left running',
    async signal => {
      const { env, marker } = runMarker()
      const run = await runCli(
        ['run', 'g.yml', '--summary-file', 'summary.md'],
        { 'g.yml': 'long: {run: "sleep 30"}\nwaiting: {needs: long, run: "touch never"}' },
        child => {
          child.stdout?.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('started in slot')) child.kill(signal)
          })
        },
        { env }
      )
      expect(run.signal).toBeNull()
      expect(run.code).toBe(128 + constants.signals[signal])
      expect(run.stdout).toContain(`${signal}: stopping`)
      expect(run.stdout).toContain('⊘ cancelled')
      expect(readFileSync(path.join(run.directory, 'summary.md'), 'utf8')).toContain(
        '**The run was cancelled**'
      )
      expect(existsSync(path.join(run.directory, 'never'))).toBe(false)
      expect(processesWithEnvironment(marker)).toEqual([])
    }
  )

  it('a second stop signal, of another kind, kills every step at once', async () => {
    const { env, marker } = runMarker()
    const run = await runCli(
      ['run', 'g.yml'],
      { 'g.yml': `stubborn:\n  run: |\n    trap '' TERM\n    echo trapped\n    sleep 30` },
      child => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (!chunk.toString().includes('started in slot')) return
          child.kill('SIGHUP')
          setTimeout(() => child.kill('SIGQUIT'), 300)
        })
      },
      { env }
    )
    expect(run.stdout).toContain('SIGHUP: stopping')
    expect(run.stdout).toContain('SIGQUIT: killing every step now')
    expect(run.code).toBe(128 + constants.signals.SIGHUP)
    expect(processesWithEnvironment(marker)).toEqual([])
  })

  it('stop signals to the very last moment: exit 128 + N, never killed', async () => {
    // Node's teardown after the event loop empties gave every signal its default back.
    const { env, marker } = runMarker()
    const flood = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
    const run = await runCli(
      ['run', 'g.yml'],
      { 'g.yml': 'a: {run: "sleep 30"}' },
      child => {
        let sent = 0
        const timer = setInterval(() => {
          if (child.exitCode !== null || child.signalCode !== null) clearInterval(timer)
          else if (sent > 0 || catchesEveryStopSignal(child.pid ?? 0))
            child.kill(flood[sent++ % flood.length])
        }, 1)
        child.on('exit', () => {
          clearInterval(timer)
        })
      },
      { env }
    )
    expect(run.signal).toBeNull()
    // SIGINT was sent first, but two signals a millisecond apart may be handled by two
    // threads of the process in either order.
    expect(flood.map(signal => 128 + constants.signals[signal])).toContain(run.code)
    expect(processesWithEnvironment(marker)).toEqual([])
  })

  it('a stop signal while the graph is still being parsed: no step ever starts', async () => {
    // A graph of 7-8 MiB, most of it the environment of a step that needs the others.
    const lines = ['s0: {run: "touch s0-ran"}', 's1: {run: "touch s1-ran"}', 'heavy:']
    lines.push('  needs: [s0, s1]', '  run: touch heavy-ran', '  env:')
    for (let i = 0; i < 110_000; i++) lines.push(`    VAR_${i}: value-${i}-${'x'.repeat(40)}`)
    const graph = `${lines.join('\n')}\n`
    const { env, marker } = runMarker()
    const run = await runCli(
      ['run', 'g.yml', '-j', '4'],
      { 'g.yml': graph },
      child => {
        const pid = child.pid ?? 0
        // Once the command has read the whole file, it is parsing it.
        spinUntil(() => bytesRead(pid) > Buffer.byteLength(graph))
        child.kill('SIGHUP')
      },
      { env }
    )
    expect(run.code).toBe(128 + constants.signals.SIGHUP)
    expect(run.stdout).not.toContain('started in slot')
    expect(readdirSync(run.directory)).toEqual(['g.yml'])
    expect(processesWithEnvironment(marker)).toEqual([])
  })

  it('leaves SIGPROF to a profiler: a run under --cpu-prof ends normally with its profile', async () => {
    const run = await runCli(['run', 'g.yml'], { 'g.yml': 'a: {run: "sleep 0.3"}' }, undefined, {
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir=profile']
    })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('SIGPROF')
    expect(readdirSync(path.join(run.directory, 'profile'))).toEqual([
      expect.stringMatching(/\.cpuprofile$/)
    ])
  })
})
