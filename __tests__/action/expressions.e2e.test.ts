import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { StepResultJson } from '../../src/report/results.js'
import { commandLines, runAction, type ActionRun } from '../helpers/action.js'

function resultsOf(run: ActionRun): Record<string, StepResultJson> {
  return JSON.parse(run.outputs.get('results') ?? '{}') as Record<string, StepResultJson>
}

/** A step that writes what its dependents read: a version, a flag and a directory. */
const BUILD = `
build:
  run: |
    echo "version=1.2.3" >> "$GITHUB_OUTPUT"
    echo "deploy=true" >> "$GITHUB_OUTPUT"
    echo "dir=sub" >> "$GITHUB_OUTPUT"
`

/** Reads STEPGRAPH_NEEDS with jq, or with node where there is no jq. */
const READ_VERSION = `if command -v jq >/dev/null; then
      v=$(printf '%s' "$STEPGRAPH_NEEDS" | jq -r .build.outputs.version)
    else
      v=$(node -e 'process.stdout.write(JSON.parse(process.env.STEPGRAPH_NEEDS).build.outputs.version)')
    fi
    echo "read $v from STEPGRAPH_NEEDS"`

describe('expressions and outputs through dist/index.js', () => {
  it('a steps file: `${{ }}` in run, env, name and working-directory, evaluated when the step starts', async () => {
    const graph = `${BUILD}
deploy:
  needs: build
  name: Deploy \${{ needs.build.outputs.version }}
  if: needs.build.outputs.deploy == 'true'
  env:
    VERSION: v\${{ needs.build.outputs.version }}
  working-directory: \${{ needs.build.outputs.dir }}
  run: |
    echo "run sees \${{ needs.build.outputs.version }}, env sees $VERSION, in $(basename "$PWD")"
    echo "ran=\${{ needs.build.result }}" >> "$GITHUB_OUTPUT"
no-deploy:
  needs: build
  if: \${{ needs.build.outputs.deploy != 'true' }}
  run: echo never
same-json:
  needs: build
  run: |
    cat > expected.json <<'EOF'
    \${{ toJSON(needs) }}
    EOF
    printf '%s\\n' "$STEPGRAPH_NEEDS" | diff - expected.json && echo "toJSON(needs) is STEPGRAPH_NEEDS"
from-runner:
  if: github.sha == 'abc123' && runner.os == 'Linux' && env.FROM_JOB == 'job value'
  run: echo "\${{ github.sha }} on \${{ runner.os }} with \${{ env.FROM_JOB }}"
`
    const run = await runAction(
      { 'steps-file': 'graph.yml' },
      {
        files: { 'graph.yml': graph, 'sub/.keep': '' },
        env: { GITHUB_SHA: 'abc123', RUNNER_OS: 'Linux', FROM_JOB: 'job value' }
      }
    )
    expect(run.exitCode).toBe(0)
    const results = resultsOf(run)
    expect(results.deploy).toMatchObject({
      name: 'Deploy 1.2.3',
      status: 'success',
      outputs: { ran: 'success' }
    })
    expect(run.stdout).toContain('run sees 1.2.3, env sees v1.2.3, in sub')
    expect(run.stdout).toContain('Deploy 1.2.3 started in slot')
    expect(results['no-deploy']?.status).toBe('skipped')
    expect(run.stdout).toContain("`if: needs.build.outputs.deploy != 'true'` is false")
    expect(run.stdout).toContain('toJSON(needs) is STEPGRAPH_NEEDS')
    expect(run.stdout).toContain('abc123 on Linux with job value')
    expect(run.summary).toContain('Deploy 1\\.2\\.3 (`deploy`)')
  })

  it('an inline graph reads its needs from STEPGRAPH_NEEDS, and `if:` needs no `${{ }}`', async () => {
    const run = await runAction({
      steps: `${BUILD}
use:
  needs: build
  if: needs.build.outputs.version == '1.2.3' && needs.build.result == 'success'
  run: |
    ${READ_VERSION}
alone:
  run: echo "alone has $STEPGRAPH_NEEDS"
`
    })
    expect(run.exitCode).toBe(0)
    expect(resultsOf(run).use?.status).toBe('success')
    expect(run.stdout).toContain('read 1.2.3 from STEPGRAPH_NEEDS')
    expect(run.stdout).toContain('alone has {}')
  })

  it('needs too large for the environment are in STEPGRAPH_NEEDS_FILE, and the step starts', async () => {
    // Two outputs of 100 KB: Linux takes at most 128 KiB in one variable (E2BIG).
    const run = await runAction({
      steps: `
big1:
  run: printf 'list=%0100000d\\n' 0 >> "$GITHUB_OUTPUT"
big2:
  run: printf 'list=%0100000d\\n' 0 >> "$GITHUB_OUTPUT"
use:
  needs: [big1, big2]
  run: |
    echo "in the environment: \${STEPGRAPH_NEEDS:-nothing}"
    jq -r '.big1.outputs.list + .big2.outputs.list | length' "$STEPGRAPH_NEEDS_FILE"
mid:
  run: printf 'list=%060000d\\n' 0 >> "$GITHUB_OUTPUT"
small:
  needs: mid
  run: test -z "$STEPGRAPH_NEEDS_FILE" && echo "small reads $(jq -r '.mid.outputs.list | length' <<< "$STEPGRAPH_NEEDS") from the environment"
`
    })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('in the environment: nothing')
    expect(run.stdout).toContain('200000')
    expect(run.stdout).toMatch(
      /STEPGRAPH_NEEDS would be 200,\d{3} bytes, more than the environment is given \(64 KiB\): it is in the file named by STEPGRAPH_NEEDS_FILE/
    )
    expect(run.stdout).toContain('small reads 60000 from the environment')
  })

  it('`failure() && needs.test.result == ...` runs a handler only for the failure it names', async () => {
    const run = await runAction(
      {
        'steps-file': 'graph.yml'
      },
      {
        files: {
          'graph.yml': `
test:
  run: exit 3
report:
  needs: test
  if: failure() && needs.test.result == 'failure'
  run: echo "test ended \${{ needs.test.result }}"
wrong-result:
  needs: test
  if: failure() && needs.test.result == 'cancelled'
  run: echo never
on-success:
  needs: test
  if: needs.test.result == 'failure'
  run: echo never
`
        }
      }
    )
    expect(run.exitCode).toBe(1)
    const results = resultsOf(run)
    expect(results.report?.status).toBe('success')
    expect(run.stdout).toContain('test ended failure')
    expect(results['wrong-result']?.status).toBe('skipped')
    // Without a status function, `if` means `success() && (...)`, as for jobs.
    expect(results['on-success']).toMatchObject({ status: 'skipped' })
    expect(run.stdout).toContain('on-success skipped: needs `test`, which failed')
  })

  it('an `if` that fails to evaluate: an error annotation with the reason', async () => {
    const run = await runAction({ steps: "parse:\n  if: fromJSON('{') == 1\n  run: echo never\n" })
    expect(run.exitCode).toBe(1)
    expect(commandLines(run.stdout, 'error')).toContainEqual(
      expect.stringMatching(
        /^::error title=parse failed::`if: fromJSON\('\{'\) == 1` could not be evaluated: fromJSON: /
      )
    )
  })

  it('`cancelled()`: a step that calls it still starts when the run is cancelled', async () => {
    const run = await runAction(
      {
        steps: `
long:
  run: sleep 30
cleanup:
  needs: long
  if: cancelled()
  run: echo "cleanup after $(printf '%s' "$STEPGRAPH_NEEDS" | jq -r .long.result)"
usual:
  needs: long
  run: echo never
`
      },
      {
        onSpawn: child => {
          whenStarted(child, () => child.kill('SIGINT'))
        }
      }
    )
    expect(run.exitCode).toBe(1)
    const results = resultsOf(run)
    expect(results.long?.status).toBe('cancelled')
    expect(results.cleanup?.status).toBe('success')
    expect(run.stdout).toContain('cleanup after cancelled')
    expect(results.usual).toMatchObject({ status: 'cancelled', attempts: 0 })
  })

  it('reports every problem in the expressions of a steps file, positioned, before anything runs', async () => {
    const run = await runAction(
      { 'steps-file': 'graph.yml' },
      {
        files: {
          'graph.yml': `build:
  run: echo "version=1" >> "$GITHUB_OUTPUT"
deploy:
  needs: build
  if: needs.bild.result == 'success'
  run: |
    touch ran
    echo \${{ secrets.TOKEN }} \${{ needs.build.outputs.version ) }}
`
        }
      }
    )
    expect(run.exitCode).toBe(1)
    expect(commandLines(run.stdout, 'error')).toEqual([
      expect.stringContaining('file=graph.yml,line=5,col=13'),
      expect.stringContaining('file=graph.yml,line=8,col=14'),
      expect.stringContaining('file=graph.yml,line=8,col=63'),
      expect.stringContaining('the step graph has 3 problems; nothing was run')
    ])
    expect(run.stdout).toContain('`needs.bild`: `bild` is not a step; did you mean `build`?')
    expect(run.stdout).toContain('the runner never gives an action the `secrets` context')
    expect(run.stdout).toContain('invalid expression: unexpected symbol `)`')
    expect(run.stdout).not.toContain('build started')
  })
})

/** Calls `then` once the action's log says a step has started. */
function whenStarted(child: ChildProcess, then: () => void): void {
  let seen = ''
  let done = false
  child.stdout?.on('data', (chunk: Buffer) => {
    seen += chunk.toString()
    if (!done && seen.includes(' started in slot ')) {
      done = true
      then()
    }
  })
}
