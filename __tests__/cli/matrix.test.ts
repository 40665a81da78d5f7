import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/report/run-record.js'
import { runCli, terminalCommand, Tmux } from '../helpers/cli.js'
import { tableText } from '../helpers/summary-text.js'

/** A 2×2 matrix with one exclude and one include; with FAIL set, the `mac` instance fails. */
const graph = [
  'build: {run: echo built}',
  'test:',
  '  needs: build',
  '  run: |',
  '    echo "ran $STEPGRAPH_STEP_ID"',
  '    if [ -n "$FAIL" ]; then case "$STEPGRAPH_STEP_ID" in *mac*) echo "mac broke" >&2; exit 3;; esac; fi',
  '  matrix:',
  '    node: [20, 22]',
  '    os: [linux, mac]',
  '    exclude: [{ node: 20, os: mac }]',
  '    include: [{ node: 24, os: linux }]',
  'deploy: {needs: test, run: echo deployed}'
].join('\n')

const instances = ['test (20, linux)', 'test (22, linux)', 'test (22, mac)', 'test (24, linux)']

describe('a matrix on a step, through the command', () => {
  it('runs each instance, with a row of its own in the final table, in declaration order', async () => {
    const run = await runCli(['run', 'g.yml', '-j', '4', '--results-file', 'r.json'], {
      'g.yml': graph
    })
    expect(run.code).toBe(0)
    for (const id of instances) expect(run.stdout).toContain(`ran ${id}\n`)
    const table = run.stdout
      .split('\n')
      .filter(line => /^[✓✗↷] (success|failure|skipped) {2}/.test(line))
    expect(table.map(line => line.split(/ {2,}/)[1])).toEqual(['build', ...instances, 'deploy'])
    expect(run.stdout).toContain('6 steps: ✓ 6 success')
    const record = JSON.parse(readFileSync(path.join(run.directory, 'r.json'), 'utf8')) as RunRecord
    expect(record.steps[3]).toMatchObject({
      id: 'test (22, mac)',
      'instance-of': 'test',
      matrix: { node: 22, os: 'mac' },
      needs: ['build']
    })
  })

  it('a failing instance exits 1 and skips the dependent, with the instance in view', async () => {
    const run = await runCli(
      ['run', 'g.yml', '-j', '4', '--summary-file', 's.md'],
      {
        'g.yml': graph
      },
      undefined,
      { env: { FAIL: '1' } }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^✗ failure {2}test \(22, mac\) {2}.*exit code 3$/m)
    expect(run.stdout).toMatch(/^↷ skipped {2}deploy .*needs `test \(22, mac\)`, which failed$/m)
    expect(run.stdout.trimEnd().split('\n').slice(-3)).toEqual([
      '✗ test (22, mac): exit code 3',
      '  ran test (22, mac)',
      '  mac broke'
    ])
    const summary = readFileSync(path.join(run.directory, 's.md'), 'utf8')
    expect(tableText(summary)).toContain('| ✗ failure | `test (22, mac)` | `build` |')
  })

  it('prefixes each instance’s lines with its id in stream mode', async () => {
    const run = await runCli(['run', 'g.yml', '--output', 'stream'], { 'g.yml': graph })
    expect(run.code).toBe(0)
    for (const id of instances) expect(run.stdout).toContain(`[${id}] ran ${id}\n`)
  })

  it('shows the instances in the dry run and the graph', async () => {
    const plan = await runCli(['run', 'g.yml', '--dry-run', '-j', '2'], { 'g.yml': graph })
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain(
      [
        'stepgraph dry run: 6 steps, 8 needs, 3 levels, max-parallel 2',
        'Levels (each can start once the one before it has finished):',
        '  1. build',
        `  2. ${instances.join(', ')}`,
        '  3. deploy'
      ].join('\n')
    )
    const mermaid = await runCli(['graph', 'g.yml'], { 'g.yml': graph })
    expect(mermaid.stdout).toContain('  s1["test (20, linux)"]\n')
    expect(mermaid.stdout).toContain('  s0 --> s1\n')
    expect(mermaid.stdout).toContain('  s4 --> s5\n')
    const dot = await runCli(['graph', 'g.yml', '--format', 'dot'], { 'g.yml': graph })
    expect(dot.stdout).toContain('  "test (22, mac)" [label="test (22, mac)"];\n')
    expect(dot.stdout).toContain('  "test (22, mac)" -> "deploy";\n')
  })

  it('reports a matrix problem with its line and column, and runs nothing', async () => {
    const run = await runCli(['run', 'g.yml'], {
      'g.yml': 'test:\n  run: touch ran\n  matrix:\n    os: linux\n'
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      'g.yml:4:9: `os` in the matrix of step `test` must be a list of values, e.g. `os: [linux]`'
    )
  })

  it('lists running instances by name in the live view', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-tty-'))
    writeFileSync(
      path.join(directory, 'g.yml'),
      'wait:\n  run: while [ ! -e go ]; do sleep 0.1; done\n  matrix: { n: [1, 2] }\n'
    )
    const tmux = new Tmux(terminalCommand(), directory)
    try {
      await tmux.waitFor(/\[\d\] wait \(1\) \d/)
      writeFileSync(path.join(directory, 'go'), '')
      const end = await tmux.waitFor(/EXIT=\d+/)
      expect(end).toContain('EXIT=0')
      expect(end).toMatch(/✓ success {2}wait \(1\)/)
      expect(end).toMatch(/✓ success {2}wait \(2\)/)
    } finally {
      tmux.kill()
    }
  })
})
