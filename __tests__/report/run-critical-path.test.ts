import { describe, expect, it } from 'vitest'
import { Dag } from '../../src/graph/dag.js'
import { runCriticalPath } from '../../src/report/run-critical-path.js'
import type { RunResult, StepResult } from '../../src/scheduler/results.js'

/** A step that ran once, in `slot`, from `start` to `end` (ms), ready at `ready`. */
function ran(step: number, slot: number, ready: number, start: number, end: number): StepResult {
  return {
    step,
    status: 'success',
    readyAt: ready,
    attempts: [
      {
        attempt: 1,
        slot,
        startedAt: start,
        endedAt: end,
        startedAtWall: start,
        status: 'success',
        exit: { exitCode: 0, signal: null }
      }
    ]
  }
}

function run(results: StepResult[]): RunResult {
  return { results, startedAt: 0, endedAt: 100_000, startedAtWall: 0, cancelled: false }
}

describe('the critical path of a run as it went', () => {
  it('follows the need that ended last when steps started as soon as they were ready', () => {
    // a -> c, b -> c; b ends later than a.
    const dag = new Dag([[], [], [0, 1]])
    const path = runCriticalPath(
      dag,
      run([ran(0, 1, 0, 0, 1000), ran(1, 2, 0, 0, 3000), ran(2, 1, 3000, 3000, 4000)])
    )
    expect(path.map(link => [link.step, link.heldBy.kind])).toEqual([
      [1, 'start'],
      [2, 'need']
    ])
  })

  it('goes through the slot a ready step waited for, not the longest chain of needs', () => {
    // install -> bundle -> check; typecheck needs install. Two slots: lint holds slot 2
    // until 28 s, so typecheck, ready at 2 s, waits 26 s and ends last. The wall time was
    // set by lint and that wait, not by install -> bundle -> check.
    const dag = new Dag([[], [0], [1], [0], []])
    const path = runCriticalPath(
      dag,
      run([
        ran(0, 1, 0, 0, 2000), // install
        ran(1, 1, 2000, 2000, 20_000), // bundle
        ran(2, 1, 20_000, 20_000, 21_000), // check
        ran(3, 2, 2000, 28_000, 60_000), // typecheck
        ran(4, 2, 0, 0, 28_000) // lint
      ])
    )
    expect(path.map(link => link.step)).toEqual([4, 3])
    expect(path[1]?.heldBy).toEqual({ kind: 'slot', step: 4, waitedMs: 26_000 })
  })

  it('names the slot occupant when a ready step waited for a free slot', () => {
    // One slot: a, b, c are independent; c waits for b's slot, b for a's.
    const dag = new Dag([[], [], []])
    const path = runCriticalPath(
      dag,
      run([ran(0, 1, 0, 0, 1000), ran(1, 1, 0, 1000, 2000), ran(2, 1, 0, 2000, 3000)])
    )
    expect(path.map(link => [link.step, link.heldBy.kind])).toEqual([
      [0, 'start'],
      [1, 'slot'],
      [2, 'slot']
    ])
    expect(path[2]?.heldBy).toEqual({ kind: 'slot', step: 1, waitedMs: 2000 })
  })

  it('is empty when nothing ran', () => {
    expect(
      runCriticalPath(
        new Dag([[]]),
        run([{ step: 0, status: 'skipped', attempts: [], readyAt: null }])
      )
    ).toEqual([])
  })

  it('takes a service at its ready moment: it ends after its dependents, never holding them', () => {
    // build -> db (a service, ready at 3 s, stopped at 12 s) -> test (3 s to 11 s).
    const dag = new Dag([[], [0], [1]])
    const db = { ...ran(1, 0, 1000, 1000, 12_000), serviceReadyAt: 3000 }
    const path = runCriticalPath(
      dag,
      run([ran(0, 1, 0, 0, 1000), db, ran(2, 1, 3000, 3000, 11_000)])
    )
    expect(path.map(link => [link.step, link.heldBy.kind])).toEqual([
      [0, 'start'],
      [1, 'need'],
      [2, 'need']
    ])
  })
})
