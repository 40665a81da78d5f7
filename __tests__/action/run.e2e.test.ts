import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { StepResultJson } from '../../src/report/results.js'
import { commandLines, runAction } from '../helpers/action.js'
import { processesMatching, uniqueSleep } from '../helpers/processes.js'

function resultsOf(outputs: Map<string, string>): Record<string, StepResultJson> {
  return JSON.parse(outputs.get('results') ?? '{}') as Record<string, StepResultJson>
}

describe('running a graph through dist/index.js', () => {
  it('runs diamonds, a failing branch, a flaky step and a timeout with the promised statuses and outputs', async () => {
    const sleep = uniqueSleep()
    const graph = `
setup:
  run: |
    echo "VERSION=1.2.3" >> "$GITHUB_ENV"
    echo "sha=abc123" >> "$GITHUB_OUTPUT"
left:
  needs: setup
  run: echo "left sees $VERSION"
right:
  needs: setup
  run: |
    echo "right sees $VERSION"
    echo "result<<EOF" >> "$GITHUB_OUTPUT"
    echo "two" >> "$GITHUB_OUTPUT"
    echo "lines" >> "$GITHUB_OUTPUT"
    echo "EOF" >> "$GITHUB_OUTPUT"
join:
  needs: [left, right]
  run: echo joined
broken:
  needs: setup
  run: |
    echo "about to fail" >&2
    exit 7
after-broken:
  needs: broken
  run: echo never
on-failure:
  needs: broken
  if: failure()
  run: echo "cleaning up after broken"
flaky:
  retries: 2
  run: |
    echo "attempt $STEPGRAPH_ATTEMPT"
    [ "$STEPGRAPH_ATTEMPT" -ge 2 ]
slow:
  timeout-minutes: 0.01
  run: ${sleep}
tolerated:
  continue-on-error: true
  run: exit 1
`
    const run = await runAction({ steps: graph, 'max-parallel': '3' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.get('status')).toBe('failure')
    // The steps the failure message and the error annotations name (`tolerated` is a warning).
    expect(JSON.parse(run.outputs.get('failed') ?? '')).toEqual(['broken', 'slow'])
    const results = resultsOf(run.outputs)
    expect(Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.status]))).toEqual({
      setup: 'success',
      left: 'success',
      right: 'success',
      join: 'success',
      broken: 'failure',
      'after-broken': 'skipped',
      'on-failure': 'success',
      flaky: 'success',
      slow: 'timed-out',
      tolerated: 'failure'
    })
    expect(results.setup?.outputs).toEqual({ sha: 'abc123' })
    expect(results.right?.outputs).toEqual({ result: 'two\nlines' })
    expect(results.broken).toMatchObject({ 'exit-code': 7, signal: null, attempts: 1 })
    expect(results.flaky?.attempts).toBe(2)
    expect(results.slow).toMatchObject({ 'exit-code': null, signal: 'SIGTERM' })
    expect(results['after-broken']).toMatchObject({
      'exit-code': null,
      attempts: 0,
      'started-at': null,
      'duration-ms': null
    })
    expect(Date.parse(results.setup?.['started-at'] ?? '')).toBeGreaterThan(Date.now() - 60_000)
    expect(results.slow?.['duration-ms']).toBeGreaterThanOrEqual(600)
    expect(run.stdout).toContain('left sees 1.2.3')
    expect(commandLines(run.stdout, 'error')).toEqual([
      '::error title=broken failed::exit code 7. Last lines:%0Aabout to fail',
      '::error title=slow timed out::timed out (ended by SIGTERM).',
      '::error::stepgraph: 2 steps failed: broken, slow'
    ])
    expect(commandLines(run.stdout, 'warning')).toEqual([
      '::warning title=flaky is flaky::passed only on attempt 2 of 3; before that: exit code 1',
      '::warning title=tolerated failed::exit code 1.'
    ])
    expect(processesMatching(sleep)).toEqual([])
  })

  it('hands GITHUB_ENV and GITHUB_PATH on to the job', async () => {
    const run = await runAction({
      steps: 'a: {run: "echo NAME=value >> $GITHUB_ENV; echo /opt/tool/bin >> $GITHUB_PATH"}'
    })
    expect(run.exitCode).toBe(0)
    expect(run.jobEnv).toContain('NAME<<')
    expect(run.jobEnv).toContain('\nvalue\n')
    expect(run.jobPath).toBe('/opt/tool/bin\n')
  })
})

/** Starts a run whose steps never end by themselves, and signals the action once they run. */
async function interruptedRun(signals: NodeJS.Signals[], marker: string) {
  const graph = `
long: {run: "${marker}"}
stubborn:
  run: |
    trap '' TERM INT
    while true; do ${marker}; done
waiting: {needs: long, run: "echo never"}
`
  let signalledAt = 0
  const run = await runAction(
    { steps: graph, 'max-parallel': '2' },
    {
      onSpawn: (child: ChildProcess) => {
        let seen = ''
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString()
          if (signalledAt === 0 && (seen.match(/ started in slot /g) ?? []).length === 2) {
            signalledAt = performance.now()
            // Let the shells reach their traps before the first signal.
            setTimeout(() => {
              signals.forEach((signal, i) => setTimeout(() => child.kill(signal), i * 300))
            }, 300)
          }
        })
      }
    }
  )
  return { run, seconds: (performance.now() - signalledAt) / 1000 }
}

describe('cancelling the action', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s: stops, kills every process, writes results, and exits inside 7.5 s',
    async signal => {
      const marker = uniqueSleep()
      const { run, seconds } = await interruptedRun([signal], marker)
      // The step that ignores SIGTERM is killed when the 2.5 s grace runs out.
      expect(seconds).toBeGreaterThan(2.4)
      expect(seconds).toBeLessThan(7.5)
      expect(run.exitCode).toBe(1)
      expect(run.outputs.get('status')).toBe('cancelled')
      const results = resultsOf(run.outputs)
      expect(results.long?.status).toBe('cancelled')
      expect(results.stubborn?.status).toBe('cancelled')
      expect(results.waiting?.status).toBe('cancelled')
      expect(processesMatching(marker)).toEqual([])
    }
  )

  it('on a second SIGINT, kills at once', async () => {
    const marker = uniqueSleep()
    const { run, seconds } = await interruptedRun(['SIGINT', 'SIGINT'], marker)
    // The first signal alone waits out the 2.5 s grace for the TERM-trapping step.
    expect(seconds).toBeLessThan(2.5)
    expect(run.outputs.get('status')).toBe('cancelled')
    expect(processesMatching(marker)).toEqual([])
  })
})
