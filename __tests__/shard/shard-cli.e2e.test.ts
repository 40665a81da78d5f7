import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/report/run-record.js'
import { runCli } from '../helpers/cli.js'
import { graphYaml, randomDag, seededRandom } from '../helpers/graphs.js'

const GRAPH = [
  'install: { run: echo installed }',
  'lint: { run: echo linted }',
  'build: { needs: install, run: echo built }',
  'unit: { needs: build, run: echo unit }',
  'e2e: { needs: build, run: "echo e2e; exit ${E2E_EXIT:-0}" }',
  'report: { run: echo report, shards: first }'
].join('\n')

/** A directory shared by the shard processes, as a machine running them side by side. */
function workspace(graph = GRAPH): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-shards-'))
  writeFileSync(path.join(directory, 'steps.yml'), graph)
  return directory
}

async function runShards(
  directory: string,
  count: number,
  extra: (index: number) => readonly string[] = () => [],
  env: Readonly<Record<string, string>> = {}
) {
  return Promise.all(
    Array.from({ length: count }, (_, k) =>
      runCli(
        [
          'run',
          path.join(directory, 'steps.yml'),
          '--shard',
          `${k + 1}/${count}`,
          '-j',
          '2',
          '--results-file',
          path.join(directory, 'results', `shard-${k + 1}.json`),
          ...extra(k + 1)
        ],
        {},
        undefined,
        { env }
      )
    )
  )
}

describe('stepgraph run --shard and stepgraph merge, through dist/cli', () => {
  it('runs the shards as separate processes and merges their records', async () => {
    const directory = workspace()
    mkdirSync(path.join(directory, 'results'))
    const shards = await runShards(directory, 3, () => ['--no-timings'])
    for (const shard of shards) expect(shard.code).toBe(0)
    expect(shards[0]?.stdout).toMatch(/^stepgraph: shard 1\/3: /)
    const merged = await runCli([
      'merge',
      path.join(directory, 'results'),
      '--summary-file',
      path.join(directory, 'summary.md'),
      '--results-file',
      path.join(directory, 'merged.json')
    ])
    expect(merged.code).toBe(0)
    expect(merged.stdout).toMatch(/^stepgraph merge: 3 shards, wall \S+, machine \S+, balance/)
    const record = JSON.parse(
      readFileSync(path.join(directory, 'merged.json'), 'utf8')
    ) as RunRecord
    expect(record.steps.map(step => step.id)).toEqual([
      'install',
      'lint',
      'build',
      'unit',
      'e2e',
      'report'
    ])
    expect(readFileSync(path.join(directory, 'summary.md'), 'utf8')).toContain('### Shards')
  })

  it('exits 1 when a shard failed, and 2 when the shards split the graph differently', async () => {
    const directory = workspace()
    mkdirSync(path.join(directory, 'results'))
    // Shard 2 reads timings that the others do not: its split differs.
    writeFileSync(
      path.join(directory, 'other.json'),
      JSON.stringify({
        version: 1,
        steps: { lint: { 'durations-ms': [60000] }, unit: { 'durations-ms': [10] } }
      })
    )
    const shards = await runShards(directory, 2, index =>
      index === 2 ? ['--timings', path.join(directory, 'other.json')] : ['--no-timings']
    )
    for (const shard of shards) expect(shard.code).toBe(0)
    const refused = await runCli(['merge', path.join(directory, 'results', '*.json')])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('shard-2.json (shard 2/2) split the graph differently')
    expect(refused.stderr).toContain('they read different timings')

    const failing = await runShards(directory, 2, () => ['--no-timings'], { E2E_EXIT: '4' })
    expect(failing.some(shard => shard.code === 1)).toBe(true)
    const merged = await runCli(['merge', path.join(directory, 'results')])
    expect(merged.code).toBe(1)
    expect(merged.stdout).toMatch(/✖ shard [12]\/2 failed: `e2e`/)
    expect(merged.stdout).toContain('status: failure')
  })

  it('reads the timings file but leaves it to the merge', async () => {
    const directory = workspace()
    mkdirSync(path.join(directory, 'results'))
    const timings = path.join(directory, 'timings.json')
    const before = JSON.stringify({ version: 1, steps: { lint: { 'durations-ms': [5000] } } })
    writeFileSync(timings, before)
    const shards = await runShards(directory, 2, () => ['--timings', timings])
    for (const shard of shards) expect(shard.code).toBe(0)
    // Shards side by side must all split by the same timings: none of them writes it.
    expect(readFileSync(timings, 'utf8')).toBe(before)
    const merged = await runCli(['merge', path.join(directory, 'results'), '--timings', timings])
    expect(merged.code).toBe(0)
    const after = JSON.parse(readFileSync(timings, 'utf8')) as { steps: Record<string, unknown> }
    expect(Object.keys(after.steps).sort()).toEqual(
      ['build', 'e2e', 'install', 'lint', 'report', 'unit'].sort()
    )
  })

  it('refuses pins that contradict each other, before running anything', async () => {
    const directory = workspace(
      [
        'setup: { run: echo setup, shards: first }',
        'warm: { needs: setup, run: echo warm, shards: all }'
      ].join('\n')
    )
    const out = await runCli(['run', path.join(directory, 'steps.yml'), '--shard', '1/2'])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain(
      'step `warm` has `shards: all` but needs `setup`, which has `shards: first`'
    )
    expect(out.stdout).not.toContain('echo')
  })

  it('refuses a shard out of range and a merge with nothing to read', async () => {
    const directory = workspace()
    const out = await runCli(['run', path.join(directory, 'steps.yml'), '--shard', '0/2'])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('--shard: the shard must be 1 to 2')
    const none = await runCli(['merge'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain("merge needs the shards' results files")
    const flag = await runCli(['merge', 'x', '--fail-fast'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain('--fail-fast is not an option of merge')
  })
})

describe('every process computes the same assignment', () => {
  it('in two processes with different locales and time zones, over seeded random graphs', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seededRandom(seed)
      const size = 20 + Math.floor(random() * 60)
      const needs = randomDag(size, 1 + Math.floor(random() * 3), seed, 10)
      // Ids whose order differs between a locale's collation and code units.
      const graph = graphYaml(needs)
        .replace(/^s(\d+):/gm, (_, v: string) => (Number(v) % 3 === 0 ? `B${v}:` : `a${v}:`))
        .replace(/\bs(\d+)\b/g, (_, v: string) => (Number(v) % 3 === 0 ? `B${v}` : `a${v}`))
      const timings = {
        version: 1,
        steps: Object.fromEntries(
          needs.flatMap((_, v) =>
            random() < 0.7
              ? [
                  [
                    `${v % 3 === 0 ? 'B' : 'a'}${v}`,
                    { 'durations-ms': [Math.floor(random() * 5) * 100] }
                  ]
                ]
              : []
          )
        )
      }
      const directory = workspace(graph)
      writeFileSync(path.join(directory, 't.json'), JSON.stringify(timings))
      const count = 2 + (seed % 4)
      const plan = (env: Record<string, string>) =>
        runCli(
          [
            'run',
            path.join(directory, 'steps.yml'),
            '--shard',
            `1/${count}`,
            '--dry-run',
            '--timings',
            path.join(directory, 't.json')
          ],
          {},
          undefined,
          { env }
        )
      const [one, two] = await Promise.all([
        plan({ LC_ALL: 'C', TZ: 'UTC' }),
        plan({ LC_ALL: 'sv_SE.UTF-8', LANG: 'tr_TR.UTF-8', TZ: 'Pacific/Chatham' })
      ])
      expect(one.code).toBe(0)
      const shards = (text: string) => text.slice(text.indexOf('Shards ('))
      expect(shards(one.stdout)).toMatch(new RegExp(`  ${count}/${count}: expected`))
      expect(shards(two.stdout)).toBe(shards(one.stdout))
    }
  })
})
