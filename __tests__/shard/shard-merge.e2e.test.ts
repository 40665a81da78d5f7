import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/report/run-record.js'
import { commandLines, runAction, type ActionRun } from '../helpers/action.js'

/** Seven balanced steps (lint, four test instances, e2e, and docs everywhere) over setup. */
function graph(failing = ''): string {
  return [
    'install: { run: echo installed }',
    'lint: { run: echo linted }',
    'build: { needs: install, run: echo built }',
    'test:',
    '  needs: build',
    '  matrix: { n: [1, 2, 3, 4] }',
    `  run: 'case "$STEPGRAPH_MATRIX" in *${failing || 'none'}*) echo "test broke" ; exit 3;; esac'`,
    'e2e: { needs: build, run: echo e2e }',
    'docs: { run: echo docs, shards: all }'
  ].join('\n')
}

function recordOf(run: ActionRun): RunRecord {
  return JSON.parse(readFileSync(run.outputs.get('results-file') ?? '', 'utf8')) as RunRecord
}

/** Runs every shard as its own action process, side by side, as a matrix would. */
async function runShards(steps: string, count: number): Promise<ActionRun[]> {
  return Promise.all(
    Array.from({ length: count }, (_, k) =>
      runAction({ steps, shard: `${k + 1}/${count}`, 'max-parallel': '2' })
    )
  )
}

/** The results files laid out as actions/download-artifact does: a directory per artifact. */
function downloaded(runs: readonly ActionRun[]): Record<string, string> {
  return Object.fromEntries(
    runs.map((run, k) => {
      const file = run.outputs.get('results-file') ?? ''
      return [`shards/stepgraph-shard-${k + 1}/${path.basename(file)}`, readFileSync(file, 'utf8')]
    })
  )
}

describe('sharded runs through dist/index.js, merged', () => {
  it('runs each balanced step in one shard, setup where needed, and merges into one report', async () => {
    const runs = await runShards(graph(), 3)
    for (const run of runs) expect(run.exitCode).toBe(0)
    const records = runs.map(recordOf)
    const ranIn = new Map<string, number[]>()
    records.forEach((record, k) => {
      expect(record.shard).toMatchObject({ index: k + 1, count: 3, 'graph-steps': 9 })
      for (const step of record.steps) ranIn.set(step.id, [...(ranIn.get(step.id) ?? []), k + 1])
    })
    for (const id of ['lint', 'test (1)', 'test (2)', 'test (3)', 'test (4)', 'e2e'])
      expect(ranIn.get(id)).toHaveLength(1)
    expect(ranIn.get('docs')).toEqual([1, 2, 3])
    // Setup runs in each shard whose share needs it, and only there.
    const needBuild = records.flatMap((record, k) =>
      record.steps.some(step => step.id === 'e2e' || step.id.startsWith('test')) ? [k + 1] : []
    )
    expect(ranIn.get('build')).toEqual(needBuild)
    expect(ranIn.get('install')).toEqual(needBuild)
    expect(runs[0]?.stdout).toMatch(/stepgraph: shard 1\/3: \d+ steps of 9/)

    const merge = await runAction({ merge: 'shards' }, { files: downloaded(runs) })
    expect(merge.exitCode).toBe(0)
    expect(merge.outputs.get('status')).toBe('success')
    expect(merge.outputs.get('failed')).toBe('[]')
    const results = JSON.parse(merge.outputs.get('results') ?? '{}') as Record<string, unknown>
    expect(Object.keys(results)).toEqual([
      'install',
      'lint',
      'build',
      'test (1)',
      'test (2)',
      'test (3)',
      'test (4)',
      'e2e',
      'docs'
    ])
    expect(merge.summary).toContain('### Shards')
    expect(merge.summary).toMatch(/\| 3\/3 \| success \|/)
    expect(merge.summary).toContain('| Status | Step | Needs | Shard |')
    expect(merge.summary).toContain('section Shard 3<br>slot 1')
    expect(merge.summary).toMatch(/balance \d+\.\d\d/)
    const merged = recordOf(merge)
    expect(merged.shard).toBeUndefined()
    expect(merged.steps).toHaveLength(9)
    expect(merged.slots).toBe(6)
  })

  it('fails the merge when a shard failed, naming the shard, the step and its last lines', async () => {
    const runs = await runShards(graph('3'), 2)
    const failedShard = runs.findIndex(run => run.exitCode !== 0)
    expect(failedShard).toBeGreaterThanOrEqual(0)
    const merge = await runAction({ merge: 'shards/**/*.json' }, { files: downloaded(runs) })
    expect(merge.exitCode).toBe(1)
    expect(merge.outputs.get('status')).toBe('failure')
    expect(merge.outputs.get('failed')).toBe('["test (3)"]')
    expect(merge.stdout).toContain(`shard ${failedShard + 1}/2 failed: \`test (3)\``)
    const errors = commandLines(merge.stdout, 'error')
    expect(
      errors.some(line =>
        line.includes(`title=test (3) (shard ${failedShard + 1}/2)%3A failure%2C exit code 3`)
      )
    ).toBe(true)
    // Failures first in the summary, with the step's last lines.
    const summary = merge.summary
    expect(summary.indexOf('### Failures')).toBeLessThan(summary.indexOf('### Shards'))
    expect(summary).toContain('test broke')
  })

  it('fails a merge with a shard missing, saying which and what to do', async () => {
    const runs = await runShards(graph(), 3)
    const merge = await runAction(
      { merge: 'shards' },
      { files: downloaded([runs[0], runs[2]].filter(r => r !== undefined)) }
    )
    expect(merge.exitCode).toBe(1)
    expect(merge.outputs.get('status')).toBe('failure')
    expect(merge.stdout).toContain('shard 2/3 has no results file')
    expect(merge.stdout).toContain('Re-run the failed jobs')
    expect(merge.summary).toContain('**missing**')
  })

  it('refuses files of different graphs, shard counts, or one shard twice', async () => {
    const [three, two, other] = await Promise.all([
      runShards(graph(), 3),
      runShards(graph(), 2),
      runShards(`${graph()}\nextra: { run: echo extra }`, 3)
    ])
    const mixed = async (runs: ActionRun[]): Promise<ActionRun> =>
      runAction({ merge: 'shards' }, { files: downloaded(runs) })
    const counts = await mixed([...three.slice(0, 1), ...two.slice(1)])
    expect(counts.exitCode).toBe(1)
    expect(counts.stdout).toContain('different numbers of shards')
    expect(counts.outputs.get('status')).toBeUndefined()

    const graphs = await mixed([...three.slice(0, 2), ...other.slice(2)])
    expect(graphs.exitCode).toBe(1)
    expect(graphs.stdout).toMatch(
      /\(shard 3\/3\) ran a different step graph from .* \(shard 1\/3\)/
    )

    const twice = await mixed([...three, ...three.slice(1, 2)])
    expect(twice.exitCode).toBe(1)
    expect(twice.stdout).toContain('download the artifacts of one workflow run only')
  })

  it('refuses a merge of no shard files, and shard with merge together', async () => {
    const empty = await runAction({ merge: 'nothing' })
    expect(empty.exitCode).toBe(1)
    expect(empty.stdout).toContain('no results files at')
    const both = await runAction({ merge: 'x', shard: '1/2' })
    expect(both.exitCode).toBe(1)
    expect(both.stdout).toContain('Inputs `merge` and `shard` were both given')
    const bad = await runAction({ steps: 'a: { run: "true" }', shard: '3/2' })
    expect(bad.exitCode).toBe(1)
    expect(bad.stdout).toContain('Input `shard`: the shard must be 1 to 2')
  })

  it('plans every shard in a dry run, with expected times from the timings file', async () => {
    const timings = {
      version: 1,
      steps: { lint: { 'durations-ms': [9000] }, e2e: { 'durations-ms': [8000] } }
    }
    const run = await runAction(
      { steps: graph(), shard: '2/3', 'dry-run': 'true', 'timings-file': 'timings.json' },
      { files: { 'timings.json': JSON.stringify(timings) } }
    )
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('Shards (expected durations from the timings file')
    expect(run.stdout).toMatch(/ {2}2\/3 \(this one\): expected [\d.]+s, \d+ steps: /)
    expect(run.summary).toContain('| Shard | Expected | Steps |')
  })
})

describe('the merge updates the timings file with every shard’s durations', () => {
  it('writes the durations of steps that ran in any shard', async () => {
    const runs = await runShards(graph(), 2)
    const merge = await runAction(
      { merge: 'shards', 'timings-file': 'timings.json' },
      { files: downloaded(runs) }
    )
    expect(merge.exitCode).toBe(0)
    const written = JSON.parse(
      readFileSync(path.join(merge.workspace, 'timings.json'), 'utf8')
    ) as { steps: Record<string, unknown> }
    expect(Object.keys(written.steps).sort()).toEqual(
      [
        'build',
        'docs',
        'e2e',
        'install',
        'lint',
        'test (1)',
        'test (2)',
        'test (3)',
        'test (4)'
      ].sort()
    )
  })
})
