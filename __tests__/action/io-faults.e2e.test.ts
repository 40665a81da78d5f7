import { describe, expect, it } from 'vitest'
import type { StepResultJson } from '../../src/report/results.js'
import { runAction, type ActionRun } from '../helpers/action.js'
import { linesAfter, numberedRun } from '../helpers/step-output.js'

function statuses(run: ActionRun): Record<string, string> {
  const results = JSON.parse(run.outputs.get('results') ?? '{}') as Record<string, StepResultJson>
  return Object.fromEntries(Object.entries(results).map(([id, result]) => [id, result.status]))
}

/** The run went on and was reported in full: no crash, every output, the summary. */
function expectCompleteReport(run: ActionRun, steps: number): void {
  expect(run.stderr).toBe('')
  expect(run.exitCode).toBe(0)
  expect(run.outputs.get('status')).toBe('success')
  expect(run.outputs.get('failed')).toBe('[]')
  expect(run.summary).toContain(`✓ ${steps} succeeded`)
}

/** A step's numbered lines in the log, whole and in order, then what came after them. */
function stepOutput(run: ActionRun, id: string): { count: number; next: string | undefined } {
  return numberedRun(linesAfter(run.stdout, new RegExp(`^::group::✓ ${id} · `)))
}

describe('I/O faults in the output path (the action)', () => {
  it('a step removes the run’s directory: spilled output is kept whole, a later step loses only what it could not spill, and the rest goes on', async () => {
    const run = await runAction({
      'max-parallel': '4',
      steps: [
        'early:',
        '  run: |',
        '    seq 1 300000',
        '    touch printed',
        '    until [ -e removed ]; do sleep 0.05; done',
        '    seq 300001 400000',
        'cleaner:',
        '  run: |',
        '    until [ -e printed ]; do sleep 0.05; done',
        '    rm -rf "$RUNNER_TEMP"/stepgraph-*',
        '    touch removed',
        'late: {needs: cleaner, run: "seq 1 200000"}',
        'quiet: {needs: late, run: "echo still here"}'
      ].join('\n')
    })
    expectCompleteReport(run, 4)
    expect(statuses(run)).toEqual({
      early: 'success',
      cleaner: 'success',
      late: 'success',
      quiet: 'success'
    })
    // Written before the directory went: read back through the open file.
    const early = stepOutput(run, 'early')
    expect(early.count).toBe(400_000)
    expect(early.next).toMatch(/^::/)
    // Created after: the first block, to its last whole line, then why the rest is missing.
    const late = stepOutput(run, 'late')
    expect(late.count).toBeGreaterThan(30_000)
    expect(late.next).toMatch(
      /^stepgraph: the rest of this output \(.*\) was lost: its file in the temp directory could not be created \(ENOENT: no such file or directory, open '.*\/late\.1\.log'\)$/
    )
    expect(run.stdout).toMatch(/::group::✓ quiet · .*\n::stop-commands::\w+\nstill here\n/)
  })

  it('the action out of file descriptors: the step’s spill file cannot be opened, the step keeps its first block, and the rest goes on', async () => {
    // The step lowers the action's own descriptor limit (`prlimit --pid`) while it prints,
    // so that nothing else is affected, and puts it back before it ends.
    const run = await runAction(
      {
        'max-parallel': '2',
        steps: [
          'before: {run: "echo before is fine"}',
          'flood:',
          '  needs: before',
          '  run: |',
          '    soft=$(prlimit --pid "$ACTION_PID" --nofile --raw --noheadings --output SOFT)',
          '    prlimit --pid "$ACTION_PID" --nofile=3:',
          '    seq 1 200000',
          '    prlimit --pid "$ACTION_PID" --nofile="$soft":',
          'after: {needs: flood, run: "echo after is fine"}'
        ].join('\n')
      },
      // The action's pid reaches the step through a shell that exports it, then becomes node.
      { launcher: ['sh', '-c', 'ACTION_PID=$$ exec "$@"', 'sh'] }
    )
    expectCompleteReport(run, 3)
    const flood = stepOutput(run, 'flood')
    expect(flood.count).toBeGreaterThan(30_000)
    expect(flood.next).toMatch(
      /^stepgraph: the rest of this output \(.*\) was lost: its file in the temp directory could not be created \(EMFILE: too many open files, open '.*\/flood\.1\.log'\)$/
    )
    expect(run.stdout).toMatch(/::group::✓ after · .*\n::stop-commands::\w+\nafter is fine\n/)
  })

  it('a full filesystem under RUNNER_TEMP: each step keeps what was written before it filled, and the rest goes on', async () => {
    const run = await runAction(
      {
        'max-parallel': '2',
        steps: [
          'big1: {run: "seq 1 1000000"}',
          'big2: {run: "seq 1 1000000"}',
          'small: {needs: [big1, big2], run: "echo small is fine"}'
        ].join('\n')
      },
      {
        // A 2 MiB tmpfs in a private mount namespace: nothing outside the action sees it.
        launcher: [
          'unshare',
          '-m',
          'sh',
          '-c',
          'mount -t tmpfs -o size=2m tmpfs "$RUNNER_TEMP" && exec "$@"',
          'sh'
        ]
      }
    )
    expectCompleteReport(run, 3)
    for (const id of ['big1', 'big2']) {
      const big = stepOutput(run, id)
      expect(big.count).toBeGreaterThan(30_000)
      expect(big.next).toMatch(
        /^stepgraph: the rest of this output \(.* MiB\) was lost: its file in the temp directory could not be written \(ENOSPC: no space left on device, write\)$/
      )
    }
    expect(run.stdout).toMatch(/::group::✓ small · .*\n::stop-commands::\w+\nsmall is fine\n/)
  })

  it('a run directory that cannot be removed at the end (a step mounted something in it) costs the run nothing', async () => {
    const run = await runAction(
      {
        steps: [
          'mounts:',
          '  run: |',
          '    for d in "$RUNNER_TEMP"/stepgraph-*; do mkdir "$d/busy" && mount -t tmpfs tmpfs "$d/busy"; done',
          'after: {needs: mounts, run: "echo after is fine"}'
        ].join('\n')
      },
      // A private mount namespace: the mount goes with the action.
      { launcher: ['unshare', '-m'] }
    )
    expectCompleteReport(run, 2)
  })
})
