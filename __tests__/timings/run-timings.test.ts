import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadStepGraph, subGraph, type StepGraph } from '../../src/graph/load.js'
import { loadRunTimings, saveRunTimings } from '../../src/run/run-timings.js'
import type { RunResult, StepResult, StepStatus } from '../../src/scheduler/results.js'

/** The timings file as JSON, in the shape stepgraph writes it. */
interface TimingsJson {
  readonly version: number
  readonly steps: Record<string, { readonly 'durations-ms': readonly number[] }>
}

function timingsIn(file: string): TimingsJson {
  return JSON.parse(readFileSync(file, 'utf8')) as TimingsJson
}

const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-run-timings-'))

async function graphOf(yaml: string): Promise<StepGraph> {
  const loaded = await loadStepGraph({ text: yaml })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

/** A finished run in which step v took `ms[v]` (its last attempt) and ended as `status[v]`. */
function runOf(ms: readonly number[], status: readonly StepStatus[] = []): RunResult {
  const results: StepResult[] = ms.map((duration, step) => {
    const ended = status[step] ?? 'success'
    return {
      step,
      status: ended,
      readyAt: 0,
      attempts:
        ended === 'skipped'
          ? []
          : [
              // A failed first attempt: no part of what the step takes when it succeeds.
              {
                attempt: 1,
                slot: 1,
                startedAt: 0,
                endedAt: 99_999,
                startedAtWall: 0,
                status: 'failure',
                exit: { exitCode: 1, signal: null }
              },
              {
                attempt: 2,
                slot: 1,
                startedAt: 100_000,
                endedAt: 100_000 + duration,
                startedAtWall: 0,
                status: ended === 'success' ? 'success' : 'failure',
                exit: { exitCode: ended === 'success' ? 0 : 1, signal: null }
              }
            ]
    }
  })
  return { results, startedAt: 0, endedAt: 200_000, startedAtWall: 0, cancelled: false }
}

describe('timings across runs', () => {
  it('round-trips through the file: each successful step adds its successful attempt', async () => {
    const file = path.join(directory, 'round-trip/timings.json')
    const graph = await graphOf('build: {run: "true"}\ntest: {needs: build, run: "true"}')
    const first = loadRunTimings(file, graph)
    expect(first.warning).toBeUndefined()
    expect(first.expected).toBeUndefined()
    expect(
      saveRunTimings(first, graph, runOf([1200, 3400], ['success', 'failure']))
    ).toBeUndefined()
    expect(timingsIn(file)).toEqual({
      version: 1,
      steps: { build: { 'durations-ms': [1200] } }
    })
    const second = loadRunTimings(file, graph)
    expect(second.expected && [...second.expected.durations]).toEqual([1200, 1200])
    expect(second.expected?.sources).toEqual(['recorded', 'median'])
    // Longest expected time to the end first: build, then its dependent.
    expect(second.expected && [...second.expected.priorities]).toEqual([2400, 1200])
  })

  it('a renamed step starts a record of its own; the old id is dropped', async () => {
    const file = path.join(directory, 'renamed.json')
    const before = await graphOf('build: {run: "true"}\ntest: {run: "true"}')
    saveRunTimings(loadRunTimings(file, before), before, runOf([1000, 5000]))
    const after = await graphOf('build: {run: "true"}\ncheck: {run: "true"}')
    const loaded = loadRunTimings(file, after)
    expect(loaded.warning).toBeUndefined()
    expect(loaded.expected?.sources).toEqual(['recorded', 'median'])
    saveRunTimings(loaded, after, runOf([1100, 4900]))
    expect(Object.keys(timingsIn(file).steps)).toEqual(['build', 'check'])
  })

  it('a run of some targets keeps the records of the steps it did not run', async () => {
    const file = path.join(directory, 'targets.json')
    const whole = await graphOf('a: {run: "true"}\nb: {run: "true"}')
    saveRunTimings(loadRunTimings(file, whole), whole, runOf([10, 20]))
    const onlyB = subGraph(whole, [1])
    saveRunTimings(loadRunTimings(file, onlyB), onlyB, runOf([30]))
    expect(timingsIn(file).steps).toEqual({
      a: { 'durations-ms': [10] },
      b: { 'durations-ms': [20, 30] }
    })
  })

  it('a corrupt file and a stale one are warnings, and the run goes on without them', async () => {
    const graph = await graphOf('a: {run: "true"}')
    const corrupt = path.join(directory, 'corrupt.json')
    writeFileSync(corrupt, '{"version": 1, "ste')
    const fromCorrupt = loadRunTimings(corrupt, graph)
    expect(fromCorrupt.warning).toMatch(/was ignored: it is not JSON/)
    expect(fromCorrupt.expected).toBeUndefined()
    // The next run writes a whole file over it.
    expect(saveRunTimings(fromCorrupt, graph, runOf([5]))).toBeUndefined()
    expect(loadRunTimings(corrupt, graph).warning).toBeUndefined()

    const stale = path.join(directory, 'stale.json')
    writeFileSync(stale, '{"version": 1, "steps": {"other": {"durations-ms": [7]}}}')
    expect(loadRunTimings(stale, graph).warning).toMatch(/records none of this graph's steps/)
  })

  it('writes nothing when nothing was recorded before and nothing succeeded now', async () => {
    const file = path.join(directory, 'nothing/timings.json')
    const graph = await graphOf('a: {run: "false"}')
    expect(
      saveRunTimings(loadRunTimings(file, graph), graph, runOf([5], ['failure']))
    ).toBeUndefined()
    expect(existsSync(path.dirname(file))).toBe(false)
  })

  it('keeps none without a file', async () => {
    const graph = await graphOf('a: {run: "true"}')
    const none = loadRunTimings(undefined, graph)
    expect(none.expected).toBeUndefined()
    expect(saveRunTimings(none, graph, runOf([5]))).toBeUndefined()
  })
})
