import { describe, expect, it } from 'vitest'
import { runAction } from '../helpers/action.js'
import { runCli } from '../helpers/cli.js'

/** Outputs, expressions and a matrix together, as the README's example uses them. */
const graph = [
  'build:',
  '  run: echo "version=1.2.3" >> "$GITHUB_OUTPUT"',
  'test:',
  '  needs: build',
  '  matrix:',
  '    node: [20, 22]',
  '  env:',
  '    VERSION: ${{ needs.build.outputs.version }}',
  '  run: |',
  '    echo "node ${{ matrix.node }} ($STEPGRAPH_MATRIX_NODE) tests v$VERSION"',
  '    echo "tested=${{ matrix.node }}" >> "$GITHUB_OUTPUT"',
  'report:',
  '  needs: test',
  "  if: needs.test.result == 'success'",
  '  run: |',
  '    echo "test ${{ needs.test.result }}, last ${{ needs.test.outputs.tested }}"',
  '    node -e \'const n = JSON.parse(process.env.STEPGRAPH_NEEDS); console.log("needs:", Object.keys(n).join(","), n.test.result)\''
].join('\n')

describe('a matrix step as a need', () => {
  it('its instances read the need outputs; its dependent reads it as one need', async () => {
    const run = await runAction({ 'steps-file': 'graph.yml' }, { files: { 'graph.yml': graph } })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('node 20 (20) tests v1.2.3')
    expect(run.stdout).toContain('node 22 (22) tests v1.2.3')
    expect(run.stdout).toContain('test success, last 22')
    expect(run.stdout).toContain('needs: test success')
    expect(Object.keys(JSON.parse(run.outputs.get('results') ?? '{}') as object)).toEqual([
      'build',
      'test (20)',
      'test (22)',
      'report'
    ])
  })

  it("the CLI runs a matrix step's every instance and what they need", async () => {
    const run = await runCli(['run', 'graph.yml', 'test'], { 'graph.yml': graph })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('node 20 (20) tests v1.2.3')
    expect(run.stdout).toContain('node 22 (22) tests v1.2.3')
    expect(run.stdout).not.toContain('test success')
  })
})
