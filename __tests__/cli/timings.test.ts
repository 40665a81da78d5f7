import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCliArgs, UsageError } from '../../src/cli/args.js'
import { timingsFileFor } from '../../src/cli/timings-place.js'
import { cliEntry, terminalCommand, Tmux } from '../helpers/cli.js'
import { cleanUpTempDirectories, tempDirectory } from '../helpers/files.js'
import { skipWithout } from '../helpers/skip-without.js'

/** The timings file as JSON, in the shape stepgraph writes it. */
interface TimingsJson {
  readonly version: number
  readonly steps: Record<string, { readonly 'durations-ms': readonly number[] }>
}

function timingsIn(file: string): TimingsJson {
  return JSON.parse(readFileSync(file, 'utf8')) as TimingsJson
}

cleanUpTempDirectories()

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** `node dist/cli/index.js ARGS` in `directory`, with pipes, under `launcher` if given. */
async function cli(
  directory: string,
  args: readonly string[],
  launcher: readonly string[] = []
): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.FORCE_COLOR
  const [command, ...rest] = [...launcher, process.execPath, cliEntry, ...args]
  const child = spawn(command as string, rest, {
    cwd: directory,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  return { code, stdout, stderr }
}

/** Step ids in the order the log says they started. */
function startOrder(stdout: string): string[] {
  return [...stdout.matchAll(/^▶ (\S+) started in slot \d+$/gm)].map(match => match[1] ?? '')
}

/**
 * The issue's case, small: short steps and a chain of 2 declared first, the long step last,
 * on 2 slots. Counting steps the chain goes first and the long step last of all.
 */
const ISSUE_GRAPH = [
  ...Array.from({ length: 6 }, (_, i) => `short${i}: {run: "sleep 0.05"}`),
  'chain1: {run: "sleep 0.1"}',
  'chain2: {needs: chain1, run: "sleep 0.1"}',
  'long: {run: "sleep 0.8"}'
].join('\n')

describe('the --timings flag', () => {
  it('is parsed, and refused beside --no-timings or with graph', () => {
    expect(parseCliArgs(['run', 'g.yml', '--timings', 't.json'], 2)).toMatchObject({
      flags: { timings: 't.json' }
    })
    expect(parseCliArgs(['run', 'g.yml', '--no-timings'], 2)).toMatchObject({
      flags: { timings: false }
    })
    expect(() => parseCliArgs(['run', 'g.yml', '--timings', 't', '--no-timings'], 2)).toThrow(
      UsageError
    )
    expect(() => parseCliArgs(['run', 'g.yml', '--timings', ''], 2)).toThrow(/expected a path/)
    expect(() => parseCliArgs(['graph', 'g.yml', '--timings', 't'], 2)).toThrow(/an option of run/)
  })

  it('defaults to a file per graph in .stepgraph beside it', () => {
    expect(timingsFileFor(undefined, 'ci/steps.yml', '/repo')).toBe(
      '/repo/ci/.stepgraph/steps.yml.timings.json'
    )
    expect(timingsFileFor('t.json', 'ci/steps.yml', '/repo')).toBe('/repo/t.json')
    expect(timingsFileFor(false, 'ci/steps.yml', '/repo')).toBeUndefined()
  })
})

describe('timings with the command', () => {
  it('records the first run by default, and starts the long step first in the next', async () => {
    const directory = tempDirectory()
    writeFileSync(path.join(directory, 'g.yml'), ISSUE_GRAPH)
    const first = await cli(directory, ['run', 'g.yml', '-j', '2'])
    expect(first.code).toBe(0)
    expect(startOrder(first.stdout).slice(0, 2)).toEqual(['chain1', 'short0'])
    expect(startOrder(first.stdout).at(-1)).toBe('long')

    const state = path.join(directory, '.stepgraph')
    expect(readdirSync(state).sort()).toEqual(['.gitignore', 'g.yml.timings.json'])
    // Nothing for `git add .` to pick up.
    expect(readFileSync(path.join(state, '.gitignore'), 'utf8')).toMatch(/^\*$/m)
    const recorded = timingsIn(path.join(state, 'g.yml.timings.json'))
    expect(recorded.version).toBe(1)
    expect(Object.keys(recorded.steps)).toHaveLength(9)

    const dry = await cli(directory, ['run', 'g.yml', '-j', '2', '--dry-run'])
    expect(dry.stdout).toMatch(/^Expected by the recorded durations \(every step has a record\):$/m)
    expect(dry.stdout).toMatch(/^ {2}wall time: \S+ with 2 busy slots$/m)
    expect(dry.stdout).toMatch(/^ {2}critical path \(\S+\): long$/m)
    expect(dry.stdout).toMatch(/^ {2}slot 1: busy \S+: long \+0s\.\./m)

    const second = await cli(directory, ['run', 'g.yml', '-j', '2'])
    expect(second.code).toBe(0)
    expect(startOrder(second.stdout)[0]).toBe('long')
    const after = timingsIn(path.join(state, 'g.yml.timings.json'))
    expect(after.steps.long?.['durations-ms']).toHaveLength(2)
  })

  it('warns of a corrupt file, runs on without it, and writes a whole one', async () => {
    const directory = tempDirectory()
    writeFileSync(path.join(directory, 'g.yml'), 'a: {run: "true"}')
    writeFileSync(path.join(directory, 't.json'), '\u0000\u0001 not json')
    const run = await cli(directory, ['run', 'g.yml', '--timings', 't.json'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^stepgraph: the timings file .*t\.json was ignored: it is not JSON$/m
    )
    expect(timingsIn(path.join(directory, 't.json')).version).toBe(1)
    expect(existsSync(path.join(directory, '.stepgraph'))).toBe(false)
  })

  it('keeps none with --no-timings', async () => {
    const directory = tempDirectory()
    writeFileSync(path.join(directory, 'g.yml'), 'a: {run: "true"}')
    const run = await cli(directory, ['run', 'g.yml', '--no-timings'])
    expect(run.code).toBe(0)
    expect(readdirSync(directory)).toEqual(['g.yml'])
  })

  it('warns when the file cannot be written (a full filesystem), and the run succeeds', async () => {
    const directory = tempDirectory()
    writeFileSync(path.join(directory, 'g.yml'), 'a: {run: "echo done"}')
    const full = path.join(directory, 'full')
    mkdirSync(full)
    // A private tmpfs of one page, filled: the run's own files are elsewhere (TMPDIR).
    const launcher = [
      'unshare',
      '-m',
      'sh',
      '-c',
      `mount -t tmpfs -o size=4k tmpfs "${full}" && (cat /dev/zero > "${full}/fill" 2>/dev/null; exec "$@")`,
      'sh'
    ]
    const run = await cli(directory, ['run', 'g.yml', '--timings', 'full/t.json'], launcher)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^stepgraph: the timings file .*full\/t\.json could not be written: ENOSPC/m
    )
    expect(run.stdout).toMatch(/^✓ success +a /m)
  })
})

describe.skipIf(skipWithout('tmux'))('timings on a terminal', () => {
  it('the live view says how long the run has left by the recorded durations', async () => {
    const directory = tempDirectory()
    writeFileSync(path.join(directory, 'g.yml'), 'slow: {run: "sleep 20"}')
    mkdirSync(path.join(directory, '.stepgraph'))
    writeFileSync(
      path.join(directory, '.stepgraph/g.yml.timings.json'),
      '{"version": 1, "steps": {"slow": {"durations-ms": [60000]}}}'
    )
    const tmux = new Tmux(terminalCommand(), directory)
    try {
      const live = await tmux.waitFor(/· about \S+ left/)
      const left = /1 running · 0\/1 done · \S+ · about (\d+)\.\ds left/.exec(live)
      // 60 s recorded, a few seconds at most gone.
      expect(Number(left?.[1])).toBeGreaterThan(40)
      expect(Number(left?.[1])).toBeLessThanOrEqual(60)
    } finally {
      tmux.kill()
    }
  })
})
