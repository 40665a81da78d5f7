import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandLines, runAction } from '../helpers/action.js'

/** Step ids in the order the log says they started. */
function startOrder(stdout: string): string[] {
  return [...stdout.matchAll(/^▶ (\S+) started in slot \d+$/gm)].map(match => match[1] ?? '')
}

const TIMINGS = '.stepgraph-timings.json'

/** The short steps and a chain declared first, the long step last; 2 slots. */
const ISSUE_GRAPH = [
  ...Array.from({ length: 6 }, (_, i) => `short${i}: {run: "sleep 0.05"}`),
  'chain1: {run: "sleep 0.1"}',
  'chain2: {needs: chain1, run: "sleep 0.1"}',
  'long: {run: "sleep 0.8"}'
].join('\n')

describe('the timings-file input through dist/index.js', () => {
  it('records a run; the next run, its file restored, starts the long step first', async () => {
    const inputs = { steps: ISSUE_GRAPH, 'max-parallel': '2', 'timings-file': TIMINGS }
    const first = await runAction(inputs)
    expect(first.exitCode).toBe(0)
    expect(commandLines(first.stdout, 'warning')).toEqual([])
    expect(startOrder(first.stdout).at(-1)).toBe('long')
    const recorded = readFileSync(path.join(first.workspace, TIMINGS), 'utf8')
    expect(recorded).toMatch(/^ {4}"long": \{ "durations-ms": \[\d+\] \},?$/m)
    // Nothing to compare with on a first run.
    expect(first.summary).not.toContain('Against the recorded runs')

    // As actions/cache restores it into a fresh workspace.
    const second = await runAction(inputs, { files: { [TIMINGS]: recorded } })
    expect(second.exitCode).toBe(0)
    expect(startOrder(second.stdout)[0]).toBe('long')
    expect(second.summary).toContain('### Against the recorded runs')

    const dry = await runAction(
      { ...inputs, 'dry-run': 'true' },
      { files: { [TIMINGS]: recorded } }
    )
    expect(dry.stdout).toMatch(/^ {2}critical path \(\S+\): long$/m)
    expect(dry.summary).toContain('### Expected by the recorded durations')
  })

  it('says which steps were notably slower or faster than recorded', async () => {
    const recorded = JSON.stringify({
      version: 1,
      steps: {
        slow: { 'durations-ms': [10, 12, 11] },
        quick: { 'durations-ms': [9000, 9100, 60_000] }
      }
    })
    const run = await runAction(
      {
        steps: 'slow: {run: "sleep 2.3"}\nquick: {run: "true"}\nnew: {run: "true"}',
        'timings-file': 'cache/timings.json'
      },
      { files: { 'cache/timings.json': recorded } }
    )
    expect(run.exitCode).toBe(0)
    expect(run.summary).toMatch(/\*\*Notably slower\*\*[^|]*\| Step [^\n]*\n[^\n]*\n\| `slow` \|/)
    expect(run.summary).toMatch(/\*\*Notably faster\*\*[^|]*\| Step [^\n]*\n[^\n]*\n\| `quick` \|/)
    expect(run.summary).toContain('No record yet for 1 step (`new`)')
    const after = JSON.parse(
      readFileSync(path.join(run.workspace, 'cache/timings.json'), 'utf8')
    ) as { steps: Record<string, { 'durations-ms': number[] }> }
    expect(after.steps.quick?.['durations-ms']).toHaveLength(4)
    expect(after.steps.new?.['durations-ms']).toHaveLength(1)
  })

  it('warns of a corrupt file and runs on; a missing one is a first run', async () => {
    const corrupt = await runAction(
      { steps: 'a: {run: "echo ran"}', 'timings-file': TIMINGS },
      { files: { [TIMINGS]: '{"version": 1, "steps": {"a": ' } }
    )
    expect(corrupt.exitCode).toBe(0)
    expect(commandLines(corrupt.stdout, 'warning')).toEqual([
      expect.stringMatching(
        /^::warning::stepgraph: the timings file .* was ignored: it is not JSON$/
      )
    ])
    expect(corrupt.outputs.get('status')).toBe('success')
    expect(JSON.parse(readFileSync(path.join(corrupt.workspace, TIMINGS), 'utf8'))).toMatchObject({
      version: 1
    })

    const stale = await runAction(
      { steps: 'a: {run: "true"}', 'timings-file': TIMINGS },
      { files: { [TIMINGS]: '{"version": 1, "steps": {"gone": {"durations-ms": [5]}}}' } }
    )
    expect(stale.exitCode).toBe(0)
    expect(commandLines(stale.stdout, 'warning').join('\n')).toMatch(
      /records none of this graph's steps/
    )
  })

  it('keeps no file without the input', async () => {
    const run = await runAction({ steps: 'a: {run: "true"}' })
    expect(run.exitCode).toBe(0)
    expect(readdirSync(run.workspace)).toEqual([])
  })
})
