import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { StepResultJson } from '../../src/report/results.js'
import { runAction, type ActionRun } from '../helpers/action.js'

// The steps' control files and /dev/shm as containers have it: small (Docker and
// Kubernetes give 64 MiB) or full. Each run gets a /dev/shm of its own: a tmpfs of `size`
// mounted over it in a private mount namespace, prepared by `setup` (a shell command).

function canMountTmpfs(): boolean {
  try {
    execFileSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=4k tmpfs /dev/shm'], {
      stdio: 'ignore'
    })
    return true
  } catch {
    return false
  }
}

/** Runs the action over a private /dev/shm of `size`, prepared by `setup`. */
function withShm(size: string, setup: string, steps: string): Promise<ActionRun> {
  const script = `mount -t tmpfs -o size=${size} tmpfs /dev/shm || exit 99\n${setup}\nexec "$0" "$@"`
  return runAction(
    { steps, 'max-parallel': '4' },
    { launcher: ['unshare', '-m', 'sh', '-c', script] }
  )
}

function results(run: ActionRun): Record<string, StepResultJson> {
  return JSON.parse(run.outputs.get('results') ?? '{}') as Record<string, StepResultJson>
}

/** Where a step's files were: its GITHUB_OUTPUT and its script ($0), as outputs. */
const WHERE =
  'echo "output=$GITHUB_OUTPUT" >> "$GITHUB_OUTPUT"; echo "script=$0" >> "$GITHUB_OUTPUT"'

/** A 300 KB value, more than a 100 KB /dev/shm can hold. */
const BIG = "big=$(head -c 300000 /dev/zero | tr '\\0' x)"

describe.skipIf(!canMountTmpfs())('/dev/shm small or full', () => {
  it('a full /dev/shm: every step starts, its files on disk', async () => {
    const run = await withShm(
      '100k',
      'head -c 200000 /dev/zero > /dev/shm/fill 2>/dev/null',
      ['a', 'b', 'c', 'd', 'e'].map(id => `${id}: {run: '${WHERE}'}`).join('\n')
    )
    expect(run.exitCode, run.stdout).toBe(0)
    const all = Object.values(results(run))
    expect(all.map(result => result.status)).toEqual(Array(5).fill('success'))
    for (const { outputs } of all) {
      expect(outputs.output).not.toMatch(/^\/dev\/shm\//)
      expect(outputs.script).not.toMatch(/^\/dev\/shm\//)
    }
  })

  it('a small /dev/shm: a step writes more to GITHUB_OUTPUT and its summary than it holds', async () => {
    const run = await withShm(
      '100k',
      '',
      [
        'big:',
        '  run: |',
        `    echo "${BIG}" >> "$GITHUB_OUTPUT"`,
        `    echo "# summary-start" >> "$GITHUB_STEP_SUMMARY"`,
        `    head -c 300000 /dev/zero | tr '\\0' y >> "$GITHUB_STEP_SUMMARY"`,
        `    ${WHERE}`
      ].join('\n')
    )
    expect(run.exitCode, run.stdout).toBe(0)
    const big = results(run).big
    expect(big?.status).toBe('success')
    expect(big?.outputs.big?.length).toBe(300_000)
    expect(big?.outputs.big?.replace(/x/g, '')).toBe('')
    expect(run.summary).toContain('summary-start')
    // The script, which stepgraph writes, still takes the fast path; the files the step
    // writes do not.
    expect(big?.outputs.script).toMatch(/^\/dev\/shm\/stepgraph-/)
    expect(big?.outputs.output).not.toMatch(/^\/dev\/shm\//)
  })

  it('a /dev/shm with room to spare keeps every file of a step there (the fast path)', async () => {
    // A tmpfs's size is a limit, not an allocation: 2 GiB costs nothing here.
    const run = await withShm('2g', '', `a: {run: '${WHERE}'}`)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(results(run).a?.outputs.output).toMatch(/^\/dev\/shm\/stepgraph-/)
    expect(results(run).a?.outputs.script).toMatch(/^\/dev\/shm\/stepgraph-/)
  })

  it('removes what a killed run left in /dev/shm, and keeps a live run’s', async () => {
    const setup = [
      'ns=$(readlink /proc/self/ns/pid | tr -dc 0-9)',
      'true & dead=$!; wait $dead',
      // This shell's pid is the action's once it execs Node: a live run's.
      'for name in "stepgraph-$dead-$ns-Dead00" "stepgraph-$$-$ns-Live00"; do',
      '  mkdir /dev/shm/$name && touch /dev/shm/$name/a.1.github_output',
      "  touch -d '-2 hours' /dev/shm/$name",
      'done'
    ].join('\n')
    const run = await withShm('1m', setup, `list: {run: 'ls /dev/shm | tr "\\\\n" " "'}`)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/stepgraph-\d+-\d+-Live00/)
    expect(run.stdout).not.toMatch(/stepgraph-\d+-\d+-Dead00/)
  })
})
