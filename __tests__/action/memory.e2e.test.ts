import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandLines, runAction, type ActionRun } from '../helpers/action.js'
import { samplePeakRss } from '../helpers/processes.js'

/** Runs the action, sampling its peak RSS (VmHWM) as it runs. */
async function runMeasured(
  inputs: Readonly<Record<string, string>>
): Promise<{ run: ActionRun; peakRssMiB: number }> {
  let peak: (() => number) | undefined
  const run = await runAction(inputs, {
    onSpawn: child => {
      peak = samplePeakRss(child.pid)
    }
  })
  return { run, peakRssMiB: peak?.() ?? Infinity }
}

// Each bound is the README's ("Faults and limits"), with room for the machine; before these
// fixes the same runs peaked at 714 MiB, 640 MiB (then crashed) and 242 MiB.
describe('memory stays bounded whatever the steps write, however many there are', () => {
  it('six steps writing 50 MB summaries: 1 MiB of them kept, each cut with a note', async () => {
    const steps = Array.from(
      { length: 6 },
      (_, i) =>
        `s${i}: {run: "head -c 52428800 /dev/zero | tr '\\\\0' ${i} >> $GITHUB_STEP_SUMMARY"}`
    ).join('\n')
    const { run, peakRssMiB } = await runMeasured({ steps })
    console.log(`six 50 MB step summaries: peak RSS ${peakRssMiB.toFixed(0)} MiB`)
    expect(run.exitCode).toBe(0)
    expect(peakRssMiB).toBeLessThan(150)
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024)
    for (let i = 0; i < 6; i++) {
      expect(run.summary).toContain(
        `### From \`s${i}\`\n\n_stepgraph kept the first 170.7 KiB of the 50.0 MiB this step wrote: ` +
          "the steps' own summaries share 1.0 MiB, as much as a job summary can hold._\n\n" +
          String(i).repeat(1000)
      )
    }
  }, 120_000)

  it('a step printing two million annotations: a thousand kept, the rest counted', async () => {
    const steps = 'flood: {run: "yes ::warning::look at this | head -n 2000000"}'
    const { run, peakRssMiB } = await runMeasured({ steps })
    console.log(`two million annotations: peak RSS ${peakRssMiB.toFixed(0)} MiB`)
    expect(run.exitCode).toBe(0)
    expect(peakRssMiB).toBeLessThan(200)
    // stepgraph's own (titled with the step), not the step's lines relayed inert.
    expect(
      commandLines(run.stdout, 'warning').filter(line => line.startsWith('::warning title=flood'))
    ).toHaveLength(10)
    expect(commandLines(run.stdout, 'notice')).toEqual([
      "::notice title=stepgraph%3A more annotations::1,999,990 more annotations did not fit the runner's limit of 10 per kind: see the job summary"
    ])
    expect(run.summary).toContain('- _and 1,999,000 more annotations_')
  }, 180_000)

  it('two thousand steps printing 70 KB each: a few KiB kept per ended step', async () => {
    const steps = Array.from(
      { length: 2000 },
      (_, i) => `s${i}: {run: "printf '%070000d\\\\n' ${i}"}`
    ).join('\n')
    const { run, peakRssMiB } = await runMeasured({ steps, 'max-parallel': '8' })
    console.log(`2,000 steps of 70 KB: peak RSS ${peakRssMiB.toFixed(0)} MiB`)
    expect(run.exitCode).toBe(0)
    expect(peakRssMiB).toBeLessThan(180)
  }, 300_000)

  it('a service printing 100 MB, grouped: one group when it stops, memory bounded', async () => {
    const steps = [
      'server:',
      '  service: true',
      "  run: yes 'a line of the service log' | head -n 4000000; echo printed; exec sleep 1000",
      '  ready-when: {line: ^printed$}',
      'use: {needs: server, run: echo used}'
    ].join('\n')
    const { run, peakRssMiB } = await runMeasured({ steps, output: 'grouped' })
    console.log(`a service printing 100 MB, grouped: peak RSS ${peakRssMiB.toFixed(0)} MiB`)
    expect(run.exitCode).toBe(0)
    expect(peakRssMiB).toBeLessThan(150)
    // Its group comes when it stops, after its dependent's, and holds all it printed.
    const group = run.stdout.indexOf('::group::✓ server')
    expect(group).toBeGreaterThan(run.stdout.indexOf('::group::✓ use'))
    expect(run.stdout.indexOf('printed', group)).toBeGreaterThan(group + 100_000_000)
  }, 180_000)
})

// Every spawn forks the action, copying the page tables of all it has touched: V8's young
// generation must not grow to 16 MiB while a large graph is read (src/run/young-generation.ts).
describe('the young generation stays at its starting size', () => {
  it('reading 2,000 steps leaves it under 4 MiB (V8 grows it to 8 MiB on Node 20, 16 on Node 24)', async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'stepgraph-young-'))
    const preload = path.join(scratch, 'young.cjs')
    const report = path.join(scratch, 'young-generation')
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, ` +
        "String(require('node:v8').getHeapSpaceStatistics().find(s => s.space_name === 'new_space').space_size)))"
    )
    const steps = Array.from({ length: 2000 }, (_, i) => `s${i}: {run: "true"}`).join('\n')
    try {
      const run = await runAction(
        { steps, 'dry-run': 'true' },
        { env: { NODE_OPTIONS: `--require ${preload}` } }
      )
      expect(run.exitCode).toBe(0)
      expect(Number(readFileSync(report, 'utf8')) / 2 ** 20).toBeLessThan(4)
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  }, 120_000)
})
