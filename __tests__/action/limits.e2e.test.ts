import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { actionEntry, commandLines, inputVariable, runAction } from '../helpers/action.js'
import { emulateRunner } from '../helpers/runner-emulator.js'
import { samplePeakRss } from '../helpers/processes.js'

describe('limits', () => {
  it('50 failing steps with 100 KB of output each: summary under 1 MiB, annotations within budget', async () => {
    const steps = Array.from(
      { length: 50 },
      (_, i) =>
        `fail${i}: {run: "yes 'assertion failed in case ${i}: expected 1 got 2' | head -c 102400; exit 1"}`
    ).join('\n')
    const run = await runAction({ steps, 'max-parallel': '4' })
    expect(run.exitCode).toBe(1)
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024)
    expect(run.summary).toContain('#### ✗ `fail49`: exit code 1')
    const errors = commandLines(run.stdout, 'error')
    expect(errors).toHaveLength(10) // 9 failed steps + core.setFailed
    expect(errors.at(-1)).toBe(
      '::error::stepgraph: 50 steps failed: ' +
        Array.from({ length: 50 }, (_, i) => `fail${i}`).join(', ')
    )
    expect(commandLines(run.stdout, 'notice')).toEqual([
      "::notice title=stepgraph%3A more annotations::41 more annotations did not fit the runner's limit of 10 per kind: see the job summary"
    ])
    expect(run.summary).toContain('### Annotations that did not fit the runner’s limit')
  })

  it('more than 10 failures: 10 errors, then the overflow notice; the rest in the summary', async () => {
    const steps = Array.from(
      { length: 12 },
      (_, i) => `s${i}: {run: "echo '::error::child error ${i}'; exit 1"}`
    ).join('\n')
    const run = await runAction({ steps })
    // What the runner acts on: the steps' own `::error` lines are relayed inert.
    const annotations = emulateRunner(run.stdout).annotations
    const errors = annotations.filter(a => a.name === 'error')
    expect(errors).toHaveLength(10)
    expect(errors.slice(0, 9).map(a => a.properties.title)).toEqual(
      Array.from({ length: 9 }, (_, i) => `s${i} failed`)
    )
    expect(annotations.filter(a => a.name === 'notice')).toHaveLength(1)
    // 12 failed steps and 12 child errors: 9 + setFailed shown, 15 listed in the summary.
    expect(run.summary).toContain('child error 11')
    expect(run.summary).toContain('s11 failed')
  })
})

/**
 * Runs the action on a step printing 1 GiB in 100-byte lines, counting what reaches
 * stdout without keeping it, and sampling the action's peak RSS (VmHWM) as it runs.
 */
async function relayOneGiB(
  output: 'grouped' | 'stream'
): Promise<{ lines: number; peakRssMiB: number; seconds: number }> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'stepgraph-volume-'))
  const summary = path.join(workspace, 'summary.md')
  writeFileSync(summary, '')
  const line = '0'.repeat(99)
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('INPUT_'))),
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: workspace
  }
  env[inputVariable('steps')] = `big: {run: "yes ${line} | head -n 10737418"}`
  env[inputVariable('output')] = output
  const started = performance.now()
  const child = spawn(process.execPath, [actionEntry], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const peakRssMiB = samplePeakRss(child.pid)
  const expected = Buffer.from(output === 'stream' ? `[big] ${line}\n` : `${line}\n`)
  let lines = 0
  let carry = Buffer.alloc(0)
  child.stdout.on('data', (chunk: Buffer) => {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
    let start = 0
    for (let lf = data.indexOf(10, start); lf >= 0; lf = data.indexOf(10, start)) {
      if (
        lf + 1 - start === expected.length &&
        data.compare(expected, 0, expected.length, start, lf + 1) === 0
      )
        lines++
      start = lf + 1
    }
    carry = Buffer.from(data.subarray(start))
  })
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  expect(code).toBe(0)
  return { lines, peakRssMiB: peakRssMiB(), seconds: (performance.now() - started) / 1000 }
}

describe('volume', () => {
  it.each(['grouped', 'stream'] as const)(
    'relays 1 GiB from one step in %s mode, every line, with memory bounded',
    async output => {
      const { lines, peakRssMiB, seconds } = await relayOneGiB(output)
      console.log(
        `1 GiB relayed in ${output} mode: ${seconds.toFixed(1)} s, peak RSS ${peakRssMiB.toFixed(0)} MiB`
      )
      expect(lines).toBe(10_737_418)
      expect(peakRssMiB).toBeLessThan(150)
    },
    180_000
  )
})
