import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repositoryRoot } from '../helpers/action.js'
import { cleanUpTempDirectories, tempDirectory } from '../helpers/files.js'
import { slowReader } from '../helpers/slow-reader.js'
import { linesAfter, numberedRun } from '../helpers/step-output.js'

cleanUpTempDirectories()

const cli = path.join(repositoryRoot, 'dist/cli/index.js')

interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * `stepgraph run steps.yml` with pipes, its temp directory (TMPDIR: the CLI has no
 * RUNNER_TEMP) a fresh one of the test's, under `launcher` if given.
 */
async function runCli(
  steps: string,
  options: {
    readonly launcher?: readonly string[]
    readonly onSpawn?: (child: ChildProcess) => void
  } = {}
): Promise<CliRun> {
  const directory = tempDirectory()
  const temp = path.join(directory, 'temp')
  mkdirSync(temp)
  writeFileSync(path.join(directory, 'steps.yml'), steps)
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: temp }
  delete env.RUNNER_TEMP
  delete env.FORCE_COLOR
  const [command, ...args] = [
    ...(options.launcher ?? []),
    process.execPath,
    cli,
    'run',
    'steps.yml',
    '-j',
    '2'
  ]
  const child = spawn(command, args, {
    cwd: directory,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  options.onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  return { code, stdout, stderr }
}

/** A step's numbered lines under its header, whole and in order, then what followed. */
function stepOutput(run: CliRun, id: string): { count: number; next: string | undefined } {
  return numberedRun(linesAfter(run.stdout, new RegExp(`^✓ ${id} · `)))
}

const LOST = String.raw`^stepgraph: the rest of this output \(.*\) was lost: its file in the temp directory could not be`

describe('I/O faults in the output path (the CLI)', () => {
  it('a step removes the run’s directory: the run goes on and every step is reported', async () => {
    const run = await runCli(
      [
        'early:',
        '  run: |',
        '    seq 1 300000',
        '    rm -rf "$TMPDIR"/stepgraph-*',
        '    seq 300001 400000',
        'late: {needs: early, run: "seq 1 200000"}',
        'quiet: {needs: late, run: "echo still here"}'
      ].join('\n')
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(stepOutput(run, 'early').count).toBe(400_000)
    const late = stepOutput(run, 'late')
    expect(late.count).toBeGreaterThan(30_000)
    expect(late.next).toMatch(new RegExp(`${LOST} created \\(ENOENT: `))
    expect(run.stdout).toMatch(/^✓ quiet · .*\nstill here\n/m)
    expect(run.stdout).toMatch(/^3 steps: ✓ 3 success · /m)
  })

  it('out of file descriptors: the step keeps its first block and the run goes on', async () => {
    // The step lowers the CLI's own descriptor limit while it prints, and puts it back.
    const run = await runCli(
      [
        'flood:',
        '  run: |',
        '    soft=$(prlimit --pid "$CLI_PID" --nofile --raw --noheadings --output SOFT)',
        '    prlimit --pid "$CLI_PID" --nofile=3:',
        '    seq 1 200000',
        '    prlimit --pid "$CLI_PID" --nofile="$soft":',
        'after: {needs: flood, run: "echo after is fine"}'
      ].join('\n'),
      // The CLI's pid reaches the step through a shell that exports it, then becomes node.
      { launcher: ['sh', '-c', 'CLI_PID=$$ exec "$@"', 'sh'] }
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const flood = stepOutput(run, 'flood')
    expect(flood.count).toBeGreaterThan(30_000)
    expect(flood.next).toMatch(new RegExp(`${LOST} created \\(EMFILE: `))
    expect(run.stdout).toMatch(/^✓ after · .*\nafter is fine\n/m)
  })

  it('a full filesystem under the temp directory: each step keeps what was written before it filled', async () => {
    const run = await runCli(
      [
        'big1: {run: "seq 1 1000000"}',
        'big2: {run: "seq 1 1000000"}',
        'small: {needs: [big1, big2], run: "echo small is fine"}'
      ].join('\n'),
      {
        launcher: [
          'unshare',
          '-m',
          'sh',
          '-c',
          'mount -t tmpfs -o size=2m tmpfs "$TMPDIR" && exec "$@"',
          'sh'
        ]
      }
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    for (const id of ['big1', 'big2']) {
      const big = stepOutput(run, id)
      expect(big.count).toBeGreaterThan(30_000)
      expect(big.next).toMatch(new RegExp(`${LOST} written \\(ENOSPC: `))
    }
    expect(run.stdout).toMatch(/^✓ small · .*\nsmall is fine\n/m)
  })
})

describe('Ctrl-C while a slow terminal replays a long output', () => {
  it('cuts the replay after whole lines with a note, and still ends with the final table', async () => {
    const run = await runCli('big: {run: "seq 1 3000000"}\nslow: {run: "sleep 40"}', {
      onSpawn: child => {
        const reader = slowReader(child)
        let seen = ''
        const watch = (chunk: Buffer): void => {
          const text = seen + chunk.toString()
          seen = text.slice(-100)
          if (!text.includes('✓ big · ')) return
          child.stdout?.off('data', watch)
          child.kill('SIGINT')
          // Past the log's deadline, the terminal catches up.
          setTimeout(() => {
            reader.fast()
          }, 7500)
        }
        child.stdout?.on('data', watch)
      }
    })
    expect(run.code).toBe(130)
    const big = numberedRun(linesAfter(run.stdout, /^✓ big · /))
    expect(big.count).toBeGreaterThan(0)
    expect(big.count).toBeLessThan(3_000_000)
    expect(big.next).toMatch(
      /^stepgraph: the rest of this output \(.* MiB\) was not shown: the run was interrupted, and the terminal could not keep up$/
    )
    expect(run.stdout).toMatch(/^2 steps: ✓ 1 success · /m)
  }, 60_000)
})
