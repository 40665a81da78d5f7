import { execFile, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { InputError, readActionInputs } from '../../src/action/inputs.js'
import type { StepResultJson } from '../../src/report/results.js'
import { actionEntry, commandLines, inputVariable, runAction } from '../helpers/action.js'
import { emulateRunner } from '../helpers/runner-emulator.js'
import { processesMatching, samplePeakRss, uniqueSleep } from '../helpers/processes.js'

const execFileAsync = promisify(execFile)

function results(outputs: Map<string, string>): Record<string, StepResultJson> {
  return JSON.parse(outputs.get('results') ?? '{}') as Record<string, StepResultJson>
}

describe('graph and input faults', () => {
  it('runs nothing when the graph has a cycle', async () => {
    const run = await runAction({
      steps:
        'a: {needs: b, run: "touch a-ran"}\nb: {needs: a, run: "touch b-ran"}\nc: {run: "touch c-ran"}'
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('needs form a cycle: a -> b -> a')
    for (const file of ['a-ran', 'b-ran', 'c-ran'])
      expect(existsSync(path.join(run.workspace, file))).toBe(false)
  })

  it('refuses a steps file over the 8 MiB limit, naming the input', async () => {
    const big = `a: {run: x}\n# ${'x'.repeat(10 * 1024 * 1024)}\n`
    const run = await runAction({ 'steps-file': 'big.yml' }, { files: { 'big.yml': big } })
    expect(run.exitCode).toBe(1)
    expect(commandLines(run.stdout, 'error')[0]).toContain(
      'Input `steps-file`: big.yml is 10.0 MiB; step graphs are limited to 8.0 MiB'
    )
  })

  it('refuses a 10 MB steps input, naming the input (the runner could not even pass it on Linux)', () => {
    const saved = process.env[inputVariable('steps')]
    process.env[inputVariable('steps')] = `a: {run: x}\n# ${'x'.repeat(10 * 1024 * 1024)}`
    try {
      expect(() => readActionInputs()).toThrow(InputError)
      expect(() => readActionInputs()).toThrow(
        'Input `steps` is 10.0 MiB; step graphs are limited to 8.0 MiB'
      )
    } finally {
      process.env[inputVariable('steps')] = saved ?? ''
    }
  })
})

describe('step faults', () => {
  it('kills a step that traps TERM when it times out, after the grace period', async () => {
    const sleep = uniqueSleep()
    const run = await runAction({
      steps: `stubborn:\n  timeout-minutes: 0.005\n  run: |\n    trap '' TERM INT\n    ${sleep}`
    })
    const stubborn = results(run.outputs).stubborn
    expect(stubborn).toMatchObject({ status: 'timed-out', signal: 'SIGKILL' })
    // 0.3 s to the timeout, then 5 s of grace before SIGKILL.
    expect(stubborn?.['duration-ms']).toBeGreaterThanOrEqual(5000)
    expect(processesMatching(sleep)).toEqual([])
  })

  it('retries a step that timed out, and the retry counts', async () => {
    const run = await runAction({
      steps:
        'flaky:\n  timeout-minutes: 0.005\n  retries: 1\n  run: \'if [ "$STEPGRAPH_ATTEMPT" = 1 ]; then sleep 30; fi; echo done\''
    })
    expect(results(run.outputs).flaky).toMatchObject({ status: 'success', attempts: 2 })
    expect(run.exitCode).toBe(0)
  })

  it('reports a setsid daemon holding the output: the step ends, with a note (a documented limitation)', async () => {
    const sleep = uniqueSleep()
    const started = performance.now()
    const run = await runAction({ steps: `daemon: {run: "setsid ${sleep} & echo started"}` })
    try {
      expect(results(run.outputs).daemon?.status).toBe('success')
      expect(run.stdout).toContain('stepgraph: a process outside the step’s session')
      expect(performance.now() - started).toBeLessThan(10_000)
      // It escaped the step's process group: stepgraph cannot end it, and says so.
      expect(processesMatching(sleep)).toHaveLength(1)
    } finally {
      spawn('pkill', ['-f', sleep])
    }
  })
})

describe('run-control faults', () => {
  it('fail-fast with many steps running: every group is dead before the summary', async () => {
    const sleep = uniqueSleep()
    const long = Array.from({ length: 6 }, (_, i) => `long${i}: {run: "${sleep} & ${sleep}"}`).join(
      '\n'
    )
    const run = await runAction({
      steps: `${long}\nbad: {run: "sleep 0.5; exit 1"}`,
      'max-parallel': '7',
      'fail-fast': 'true'
    })
    expect(run.exitCode).toBe(1)
    const statuses = Object.values(results(run.outputs)).map(r => r.status)
    expect(statuses.filter(s => s === 'cancelled')).toHaveLength(6)
    expect(run.summary).toContain('**Cancelled while running:** `long0` after')
    expect(processesMatching(sleep)).toEqual([])
  })

  it('a stop signal while the report is written does not lose it', async () => {
    // A FIFO as the summary file holds the action in the report phase until it is read.
    const fifo = path.join(mkdtempSync(path.join(tmpdir(), 'stepgraph-fifo-')), 'summary')
    execFileSync('mkfifo', [fifo])
    let summary: Promise<{ stdout: string }> | undefined
    const run = await runAction(
      { steps: 'a: {run: "echo done"}' },
      {
        env: { GITHUB_STEP_SUMMARY: fifo },
        onSpawn: child => {
          let seen = ''
          child.stdout?.on('data', (chunk: Buffer) => {
            seen += chunk.toString()
            if (!seen.includes('✓ a')) return
            seen = ''
            // The run is over; the action waits on the FIFO. Interrupt it, then read.
            setTimeout(() => {
              child.kill('SIGINT')
              setTimeout(() => {
                // A reader of its own, killed if the action never writes.
                summary = execFileAsync('cat', [fifo], { encoding: 'utf8', timeout: 5000 })
              }, 200)
            }, 200)
          })
        }
      }
    )
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(0)
    expect((await summary)?.stdout).toContain('1 succeeded')
    expect(run.outputs.get('status')).toBe('success')
  })
})

/** Runs the action with stdout as raw bytes (not decoded), sampling its peak RSS. */
async function rawRun(
  steps: string,
  output = 'grouped'
): Promise<{ stdout: Buffer; peakMiB: number; code: number | null }> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'stepgraph-raw-'))
  writeFileSync(path.join(workspace, 'summary.md'), '')
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('INPUT_'))),
    GITHUB_STEP_SUMMARY: path.join(workspace, 'summary.md'),
    [inputVariable('steps')]: steps,
    [inputVariable('output')]: output
  }
  const child = spawn(process.execPath, [actionEntry], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const peakRssMiB = samplePeakRss(child.pid)
  const chunks: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  return { stdout: Buffer.concat(chunks), peakMiB: peakRssMiB(), code }
}

describe('output faults', () => {
  it('relays a 100 MB single line whole, with memory bounded', async () => {
    const { stdout, peakMiB, code } = await rawRun(
      'long: {run: "head -c 100000000 /dev/zero | tr \'\\\\0\' x; echo"}'
    )
    expect(code).toBe(0)
    let xs = 0
    for (let at = stdout.indexOf(0x78); at >= 0; at = stdout.indexOf(0x78, at + 1)) {
      const end = stdout.indexOf(0x0a, at)
      xs += stdout.subarray(at, end).filter(byte => byte === 0x78).length
      at = end
    }
    expect(xs).toBeGreaterThanOrEqual(100_000_000)
    expect(peakMiB).toBeLessThan(150)
  }, 120_000)

  it('passes NUL bytes and invalid UTF-8 through untouched, and resets unclosed colours', async () => {
    const { stdout } = await rawRun(
      String.raw`bytes: {run: "printf 'a\\000b\\377\\376c\\n'; printf '\\033[31mnever closed\\n'"}`
    )
    expect(stdout.includes(Buffer.from([0x61, 0x00, 0x62, 0xff, 0xfe, 0x63, 0x0a]))).toBe(true)
    expect(stdout.includes(Buffer.from('\u001b[31mnever closed\u001b[0m\n'))).toBe(true)
  })

  it.each(['grouped', 'stream'])(
    '32 steps flooding at once lose and reorder nothing (%s)',
    async mode => {
      const steps = Array.from(
        { length: 32 },
        (_, i) => `f${i}: {run: "seq -f 'f${i} line %g' 20000"}`
      ).join('\n')
      const run = await runAction({ steps, 'max-parallel': '32', output: mode })
      expect(run.exitCode).toBe(0)
      for (let i = 0; i < 32; i++) {
        const pattern = new RegExp(`f${i} line (\\d+)$`)
        const numbers = run.stdout
          .split('\n')
          .map(line => pattern.exec(line)?.[1])
          .filter((n): n is string => n !== undefined)
          .map(Number)
        expect(numbers).toHaveLength(20000)
        expect(numbers.every((n, at) => n === at + 1)).toBe(true)
      }
    }
  )
})

describe('limits and files', () => {
  it('falls back to the system temp directory when RUNNER_TEMP is unusable', async () => {
    const run = await runAction(
      { steps: 'a: {run: "echo fine"}' },
      { env: { RUNNER_TEMP: '/nonexistent/runner-temp' } }
    )
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('fine')
  })

  it('fails clearly when no temp directory is writable', async () => {
    const run = await runAction(
      { steps: 'a: {run: "echo fine"}' },
      { env: { RUNNER_TEMP: '/nonexistent/a', TMPDIR: '/nonexistent/b' } }
    )
    expect(run.exitCode).toBe(1)
    const [error] = emulateRunner(run.stdout).annotations
    expect(error?.data).toMatch(
      /^stepgraph: no temp directory is writable \(\/nonexistent\/a: .*; \/nonexistent\/b: .*\)$/
    )
  })

  it.each([
    ['unset', ''],
    ['in a missing directory', '/nonexistent/dir/summary.md']
  ])('warns when GITHUB_STEP_SUMMARY is %s, and the run goes on', async (_, file) => {
    const run = await runAction(
      { steps: 'a: {run: "echo fine"}' },
      { env: { GITHUB_STEP_SUMMARY: file } }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs.get('status')).toBe('success')
    expect(commandLines(run.stdout, 'warning').join('\n')).toMatch(/job summary/)
  })

  it('warns when GITHUB_OUTPUT is a missing file, and keeps the result', async () => {
    const run = await runAction(
      { steps: 'a: {run: "exit 1"}' },
      { env: { GITHUB_OUTPUT: '/nonexistent/output' } }
    )
    expect(run.exitCode).toBe(1)
    expect(commandLines(run.stdout, 'warning').join('\n')).toContain(
      'stepgraph: the outputs could not be set'
    )
    expect(run.summary).toContain('✗ 1 failed')
  })
})
