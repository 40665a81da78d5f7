import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

describe('expressions and outputs through `stepgraph run FILE`', () => {
  it('a dependent reads its need’s outputs in run, env and name, and in STEPGRAPH_NEEDS', async () => {
    const run = await runCli(['run', 'graph.yml', '--results-file', 'results.json'], {
      'graph.yml': `
build:
  run: |
    echo "version=1.2.3" >> "$GITHUB_OUTPUT"
    echo "deploy=true" >> "$GITHUB_OUTPUT"
deploy:
  needs: build
  name: Deploy \${{ needs.build.outputs.version }}
  if: needs.build.outputs.deploy == 'true'
  env:
    VERSION: v\${{ needs.build.outputs.version }}
  run: |
    echo "run sees \${{ needs.build.outputs.version }}, env sees $VERSION"
    echo "jq reads $(printf '%s' "$STEPGRAPH_NEEDS" | jq -r .build.outputs.version)"
`
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('▶ Deploy 1.2.3 started')
    expect(run.stdout).toContain('run sees 1.2.3, env sees v1.2.3')
    expect(run.stdout).toContain('jq reads 1.2.3')
    expect(run.stdout).toMatch(/✓ success {2}Deploy 1\.2\.3/)
    const record = JSON.parse(readFileSync(path.join(run.directory, 'results.json'), 'utf8')) as {
      steps: { id: string; name: string }[]
    }
    expect(record.steps.find(step => step.id === 'deploy')?.name).toBe('Deploy 1.2.3')
  })

  it('with fail-fast, a step whose `if` calls cancelled() still runs; `!cancelled()` is skipped', async () => {
    const run = await runCli(['run', 'graph.yml', '--fail-fast'], {
      'graph.yml': `
fails:
  run: exit 1
long:
  run: sleep 30
after:
  needs: long
  run: echo NEVER-RAN
cleanup:
  needs: after
  if: cancelled()
  run: echo "cleanup sees \${{ needs.after.result }}"
not-cancelled:
  needs: long
  if: "!cancelled()"
  run: echo NEVER-RAN
always:
  needs: long
  if: always()
  run: echo NEVER-RAN
`
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('cleanup sees cancelled')
    expect(run.stdout).toMatch(/↷ skipped +not-cancelled .*`if: !cancelled\(\)` is false/)
    // `always()` alone does not start a step once the run stops: it must end in time.
    expect(run.stdout).toMatch(/⊘ cancelled +always .*not started: fail-fast/)
    expect(run.stdout).not.toContain('NEVER-RAN')
  })

  it('an `if` that fails to evaluate fails its step, with the reason, and `failure()` after it runs', async () => {
    const run = await runCli(['run', 'graph.yml', '--summary-file', 'summary.md'], {
      'graph.yml': `
parse:
  if: fromJSON('not json') == 1
  run: echo NEVER-RAN
handler:
  needs: parse
  if: failure()
  run: echo handled
`
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      "✗ parse: `if: fromJSON('not json') == 1` could not be evaluated: fromJSON:"
    )
    expect(run.stdout).toContain('handled')
    expect(readFileSync(path.join(run.directory, 'summary.md'), 'utf8')).toContain(
      "#### ✗ `parse`: \\`if: fromJSON\\('not json'\\) == 1\\` could not be evaluated: fromJSON:"
    )
    expect(run.stdout).not.toContain('NEVER-RAN')
  })

  it('reports problems with their line and column, and a did-you-mean, before anything runs', async () => {
    const run = await runCli(['run', 'graph.yml'], {
      'graph.yml': `build:
  run: touch ran
test:
  needs: build
  if: sucess() && needs.build.outputs.ok == 'yes'
  run: echo \${{ need.build.outputs.ok }}
`
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      'graph.yml:5:7: `if` of step `test`: unknown function `sucess()`; did you mean `success()`?'
    )
    expect(run.stderr).toContain(
      'graph.yml:6:17: `run` of step `test`: unknown context `need`; did you mean `needs`?'
    )
    expect(run.stdout).not.toContain('started')
  })
})
