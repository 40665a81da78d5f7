import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/report/run-record.js'
import { buildSummary, summaryModelOf } from '../../src/report/summary.js'
import { commandLines, repositoryRoot, runAction, type ActionRun } from '../helpers/action.js'

/** The run record the action's `results-file` output names. */
function recordOf(run: ActionRun): RunRecord {
  const file = run.outputs.get('results-file') ?? ''
  return JSON.parse(readFileSync(file, 'utf8')) as RunRecord
}

describe('the results-file: the whole run, one versioned record', () => {
  it('holds every step, attempt, output, duration, failure tail and summary, in RUNNER_TEMP', async () => {
    const steps = [
      'build:',
      '  run: |',
      '    echo "version=1.2.3" >> $GITHUB_OUTPUT',
      '    echo "# Built" >> $GITHUB_STEP_SUMMARY',
      'test:',
      '  needs: build',
      '  retries: 1',
      '  run: |',
      '    for i in $(seq 1 40); do echo "line $i"; done',
      '    exit 3',
      'docs: {needs: test, run: "true"}'
    ].join('\n')
    const run = await runAction({ steps })
    expect(run.exitCode).toBe(1)
    const file = run.outputs.get('results-file') ?? ''
    // Outside the run's own directory, which is gone: it outlives the action.
    expect(path.dirname(file)).toBe(path.join(path.dirname(run.workspace), 'runner-temp'))
    expect(existsSync(file)).toBe(true)
    const record = recordOf(run)
    expect(record).toMatchObject({
      format: 'stepgraph-run-record',
      version: 1,
      status: 'failure',
      cancelled: false,
      failed: ['test'],
      annotations: [],
      'annotations-left-out': 0
    })
    expect(record.steps.map(step => [step.id, step.status])).toEqual([
      ['build', 'success'],
      ['test', 'failure'],
      ['docs', 'skipped']
    ])
    const [build, test, docs] = record.steps
    expect(build).toMatchObject({
      outputs: { version: '1.2.3' },
      summary: '# Built\n',
      'last-lines': [],
      'exit-code': 0
    })
    expect(test?.attempts.map(a => [a.attempt, a.status, a['exit-code']])).toEqual([
      [1, 'failure', 3],
      [2, 'failure', 3]
    ])
    expect(test?.['last-lines']).toEqual(Array.from({ length: 30 }, (_, i) => `line ${i + 11}`))
    expect(test?.needs).toEqual(['build'])
    expect(docs).toMatchObject({
      'skipped-because-of': 'test',
      reason: 'needs `test`, which failed',
      attempts: []
    })
    // `results` is written from the same record.
    const results = JSON.parse(run.outputs.get('results') ?? '') as Record<
      string,
      { status: string }
    >
    expect(Object.keys(results)).toEqual(['build', 'test', 'docs'])
    expect(results.test?.status).toBe('failure')
  })

  it('holds all the job summary is drawn from: the summary rebuilt from the file alone is the same', async () => {
    // What a merge of shards does with their files. Two slots, a failure with its tail,
    // a skipped step, a step's own summary; no annotations are left out here.
    const steps = [
      'first: {run: "echo \\"# First\\" >> $GITHUB_STEP_SUMMARY; sleep 0.2"}',
      'second: {run: "sleep 0.1"}',
      'third: {needs: [first, second], run: "echo out; echo err >&2; exit 4"}',
      'after: {needs: third, run: "true"}'
    ].join('\n')
    const run = await runAction({ steps, 'max-parallel': '2' })
    expect(run.exitCode).toBe(1)
    const record = recordOf(run)
    expect(record.steps.map(step => step['ready-ms'] !== null)).toEqual([true, true, true, true])
    expect(buildSummary(summaryModelOf(record))).toBe(run.summary)
  })

  it('keeps `results` within 1 MB, saying what it left out, while the file has everything', async () => {
    const steps = Array.from(
      { length: 30 },
      (_, i) =>
        `s${i}: {run: "echo small=${i} >> $GITHUB_OUTPUT; printf 'big=%0100000d\\\\n' ${i} >> $GITHUB_OUTPUT"}`
    ).join('\n')
    const run = await runAction({ steps })
    expect(run.exitCode).toBe(0)
    const json = run.outputs.get('results') ?? ''
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(1_000_000)
    const results = JSON.parse(json) as Record<string, { outputs: Record<string, string> }>
    expect(results['…']).toEqual({ 'left-out': { outputs: 21, steps: 0 } })
    for (let i = 0; i < 30; i++) expect(results[`s${i}`]?.outputs.small).toBe(String(i))
    // Equal sizes: the first declared keep theirs.
    expect(Object.keys(results.s8?.outputs ?? {})).toEqual(['small', 'big'])
    expect(Object.keys(results.s9?.outputs ?? {})).toEqual(['small'])
    const warning = commandLines(run.stdout, 'warning').join('\n')
    expect(warning).toContain(
      "`results` would pass GitHub's limit of 1 MB for an output: 21 output values and 0 steps were left out of it"
    )
    const record = recordOf(run)
    expect(record.steps.every(step => step.outputs.big?.length === 100_000)).toBe(true)
  })

  it('is written by the CLI with --results-file', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-cli-record-'))
    writeFileSync(path.join(directory, 'steps.yml'), 'a: {run: "echo v=1 >> $GITHUB_OUTPUT"}\n')
    const cli = spawnSync(
      process.execPath,
      [
        path.join(repositoryRoot, 'dist/cli/index.js'),
        'run',
        'steps.yml',
        '--results-file',
        'out/../record.json'
      ],
      { cwd: directory, encoding: 'utf8' }
    )
    expect(cli.status).toBe(0)
    const record = JSON.parse(
      readFileSync(path.join(directory, 'record.json'), 'utf8')
    ) as RunRecord
    expect(record.version).toBe(1)
    expect(record.steps[0]).toMatchObject({ id: 'a', status: 'success', outputs: { v: '1' } })
  })
})
