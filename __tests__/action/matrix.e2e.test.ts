import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/report/run-record.js'
import { commandLines, runAction } from '../helpers/action.js'
import { tableText } from '../helpers/summary-text.js'

/**
 * A 2×2 matrix with one exclude and one include: four instances between `build` and
 * `deploy`. Each instance records itself in a file; the `mac` one does so a second late,
 * so `deploy`, which checks that all four did, fails unless it waited for every instance.
 * With FAIL set, the `mac` instance fails.
 */
const graph = [
  'build:',
  '  run: echo built',
  'test:',
  '  needs: build',
  '  run: |',
  '    case "$STEPGRAPH_STEP_ID" in *mac*) sleep 1;; esac',
  '    echo "$STEPGRAPH_STEP_ID" >> instances.txt',
  '    echo "id=$STEPGRAPH_STEP_ID" >> "$GITHUB_OUTPUT"',
  '    echo "ran $STEPGRAPH_STEP_ID"',
  '    if [ -n "$FAIL" ]; then case "$STEPGRAPH_STEP_ID" in *mac*) echo "mac broke" >&2; exit 3;; esac; fi',
  '  matrix:',
  '    node: [20, 22]',
  '    os: [linux, mac]',
  '    exclude:',
  '      - node: 20',
  '        os: mac',
  '    include:',
  '      - node: 24',
  '        os: linux',
  'deploy:',
  '  needs: test',
  '  run: test "$(wc -l < instances.txt)" -eq 4 && echo "deployed after $(sort instances.txt | tr "\\n" ";")"'
].join('\n')

const instances = ['test (20, linux)', 'test (22, linux)', 'test (22, mac)', 'test (24, linux)']

interface ResultJson {
  readonly name: string
  readonly 'instance-of'?: string
  readonly matrix?: Record<string, unknown>
  readonly status: string
  readonly outputs: Record<string, string>
}

function resultsOf(outputs: Map<string, string>): Record<string, ResultJson> {
  return JSON.parse(outputs.get('results') ?? '{}') as Record<string, ResultJson>
}

describe('a matrix on a step, through the action', () => {
  it('runs each combination as a step of its own, and `needs: test` waits for all of them', async () => {
    const run = await runAction(
      { 'steps-file': 'graph.yml', 'max-parallel': '4' },
      { files: { 'graph.yml': graph } }
    )
    expect(run.exitCode).toBe(0)
    const deployed = `deployed after ${[...instances].sort().join(';')};`
    expect(run.stdout).toContain(deployed)

    // `results`: one entry per instance, keyed by its id, in declaration order, with the
    // step it comes from and its values; each instance saw its own id.
    const results = resultsOf(run.outputs)
    expect(Object.keys(results)).toEqual(['build', ...instances, 'deploy'])
    expect(results['test (22, mac)']).toMatchObject({
      name: 'test (22, mac)',
      'instance-of': 'test',
      matrix: { node: 22, os: 'mac' },
      status: 'success',
      outputs: { id: 'test (22, mac)' }
    })
    expect(results['test (24, linux)']?.matrix).toEqual({ node: 24, os: 'linux' })
    expect(results.build).not.toHaveProperty('instance-of')
    expect(results.build).not.toHaveProperty('matrix')

    // The log: each instance's group under its own name.
    for (const id of instances) {
      expect(run.stdout).toMatch(new RegExp(`^::group::✓ ${escape(id)} · `, 'm'))
      expect(run.stdout).toContain(`ran ${id}\n`)
    }

    // The summary's table: the instances' rows together, where the step was declared, each
    // needing what the step needs; `deploy` needs `test`, as written.
    const rows = tableText(run.summary)
      .split('\n')
      .filter(line => line.startsWith('| ✓'))
    expect(rows.map(row => row.split(' | ').slice(1, 3))).toEqual([
      ['`build`', '—'],
      ...instances.map(id => [`\`${id}\``, '`build`']),
      ['`deploy`', '`test`']
    ])

    // The results file: the same, with the whole record.
    const record = JSON.parse(
      readFileSync(run.outputs.get('results-file') ?? '', 'utf8')
    ) as RunRecord
    expect(record.steps.map(step => [step.id, step['instance-of'] ?? null])).toEqual([
      ['build', null],
      ...instances.map(id => [id, 'test']),
      ['deploy', null]
    ])
  })

  it('a failing instance fails the action and skips the dependent, naming the instance', async () => {
    const run = await runAction(
      { 'steps-file': 'graph.yml', 'max-parallel': '4' },
      { files: { 'graph.yml': graph }, env: { FAIL: '1' } }
    )
    expect(run.exitCode).toBe(1)
    const results = resultsOf(run.outputs)
    expect(Object.entries(results).map(([id, result]) => [id, result.status])).toEqual([
      ['build', 'success'],
      ['test (20, linux)', 'success'],
      ['test (22, linux)', 'success'],
      ['test (22, mac)', 'failure'],
      ['test (24, linux)', 'success'],
      ['deploy', 'skipped']
    ])
    expect(run.outputs.get('failed')).toBe('["test (22, mac)"]')
    expect(run.stdout).toContain('↷ deploy skipped: needs `test (22, mac)`, which failed')
    // The annotation names the instance (a comma in a property is written %2C).
    expect(commandLines(run.stdout, 'error')).toContain(
      '::error title=test (22%2C mac) failed::exit code 3. Last lines:%0Aran test (22, mac)%0Amac broke'
    )
    expect(run.summary).toContain('#### ✗ `test (22, mac)`: exit code 3')
    expect(run.summary).toContain('Skipped because of it: `deploy`')
  })

  it('dry-run lists the instances in the plan and the graph', async () => {
    const run = await runAction(
      { 'steps-file': 'graph.yml', 'dry-run': 'true' },
      { files: { 'graph.yml': graph } }
    )
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^stepgraph dry run: 6 steps, 8 needs, 3 levels, max-parallel \d+$/m)
    expect(run.stdout).toContain(`\n  1. build\n  2. ${instances.join(', ')}\n  3. deploy\n`)
    expect(run.summary).toContain(`| 2 | ${instances.map(id => `\`${id}\``).join(', ')} |`)
    expect(run.summary).toContain('s2["test (22, linux)"]')
    expect(run.summary).toContain('s2 --> s5')
  })

  it('values with any character: files named safely, ids shown safely, output whole', async () => {
    // A `/` would be a directory in a file named after the id; 97 CJK characters are 291
    // bytes, past a file name's 255; `|` and a backtick would break the summary's table.
    const long = '漢'.repeat(97)
    const steps = [
      'test:',
      '  run: |',
      '    head -c 600000 /dev/zero | tr "\\0" "x" | fold -w 100; echo',
      '    echo "end of $STEPGRAPH_STEP_ID"',
      '  matrix:',
      `    v: [a/b, "../c", "p|q", "tick\`s", "${long}"]`
    ].join('\n')
    const run = await runAction({ steps })
    expect(run.exitCode).toBe(0)
    const results = resultsOf(run.outputs)
    const ids = Object.keys(results)
    expect(ids.slice(0, 4)).toEqual(['test (a/b)', 'test (../c)', 'test (p|q)', 'test (tick`s)'])
    // Cut as GitHub cuts a name, made unique by its number.
    expect(ids[4]).toBe(`test (${long.slice(0, 91)}... #5`)
    for (const [id, { name }] of Object.entries(results)) {
      // All 6,000 lines of 100 x's (past the 256 KiB kept in memory: spilled to a file and
      // read back), then the last line; the group is titled with the name.
      const group = run.stdout.split(`::group::✓ ${name} · `)[1]?.split('::endgroup::')[0] ?? ''
      expect(group.split('\n').filter(line => line === 'x'.repeat(100))).toHaveLength(6000)
      expect(group).toContain(`end of ${id}\n`)
    }
    expect(run.stdout).not.toContain('was lost')
    const table = tableText(run.summary)
    expect(table).toContain('| ✓ success | <code>test \\(p\\|q\\)</code> |')
    expect(table).toContain('| ✓ success | <code>test \\(tick\\`s\\)</code> |')
    expect(table).toContain('| ✓ success | `test (a/b)` |')
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
