import { describe, expect, it } from 'vitest'
import {
  runCriticalPath,
  type CriticalLink,
  type PathAttempt,
  type PathStep
} from '../../src/report/run-critical-path.js'

/** An attempt in `slot` from `start` to `end` (ms). */
function attempt(slot: number, start: number, end: number, cancelled = false): PathAttempt {
  return { slot, startedAt: start, endedAt: end, cancelled }
}

/** A step that ran once, in `slot`, from `start` to `end`, ready at `ready`. */
function ran(needs: number[], slot: number, ready: number, start: number, end: number): PathStep {
  return { needs, readyAt: ready, attempts: [attempt(slot, start, end)] }
}

/** [step, attempt, what held it] for each link, from the start. */
function shape(path: readonly CriticalLink[]): [number, number, string][] {
  return path.map(link => [link.step, link.attempt, link.heldBy.kind])
}

describe('the critical path of a run as it went', () => {
  it('follows the need that ended last when steps started as soon as they were ready', () => {
    // a -> c, b -> c; b ends later than a.
    const path = runCriticalPath([
      ran([], 1, 0, 0, 1000),
      ran([], 2, 0, 0, 3000),
      ran([0, 1], 1, 3000, 3000, 4000)
    ])
    expect(shape(path)).toEqual([
      [1, 1, 'start'],
      [2, 1, 'need']
    ])
    expect(path[1]).toMatchObject({ startedAt: 3000, endedAt: 4000 })
  })

  it('goes through the slot a ready step waited for, not the longest chain of needs', () => {
    // install -> bundle -> check; typecheck needs install. Two slots: lint holds slot 2
    // until 28 s, so typecheck, ready at 2 s, waits 26 s and ends last. The wall time was
    // set by lint and that wait, not by install -> bundle -> check.
    const path = runCriticalPath([
      ran([], 1, 0, 0, 2000), // install
      ran([0], 1, 2000, 2000, 20_000), // bundle
      ran([1], 1, 20_000, 20_000, 21_000), // check
      ran([0], 2, 2000, 28_000, 60_000), // typecheck
      ran([], 2, 0, 0, 28_000) // lint
    ])
    expect(shape(path)).toEqual([
      [4, 1, 'start'],
      [3, 1, 'slot']
    ])
    expect(path[1]?.heldBy).toEqual({ kind: 'slot', step: 4, attempt: 1, waitedMs: 26_000 })
  })

  it('with one slot, every step that waited is held by the one before it in the slot', () => {
    const path = runCriticalPath([
      ran([], 1, 0, 0, 1000),
      ran([], 1, 0, 1000, 2000),
      ran([], 1, 0, 2000, 3000)
    ])
    expect(shape(path)).toEqual([
      [0, 1, 'start'],
      [1, 1, 'slot'],
      [2, 1, 'slot']
    ])
    expect(path[2]?.heldBy).toEqual({ kind: 'slot', step: 1, attempt: 1, waitedMs: 2000 })
  })

  it('does not call a late start a wait for a slot when the slot was already free', () => {
    // b needs a; a's slot was free from 1000, but b started 40 ms after it was ready (a
    // busy loop): the need held it, not the slot's previous occupant `x`.
    const path = runCriticalPath([
      ran([], 1, 0, 0, 1000), // a
      ran([0], 2, 1000, 1040, 2000), // b
      ran([], 2, 0, 0, 500) // x
    ])
    expect(shape(path)).toEqual([
      [0, 1, 'start'],
      [1, 1, 'need']
    ])
  })

  it('does not call it a wait for a slot when the slot came free as the step became ready', () => {
    // b needs a and takes a's own slot, 20 ms later.
    const path = runCriticalPath([ran([], 1, 0, 0, 1000), ran([0], 1, 1000, 1020, 2000)])
    expect(shape(path)).toEqual([
      [0, 1, 'start'],
      [1, 1, 'need']
    ])
  })

  it('goes through each attempt of a retried step, each retry held by the attempt before', () => {
    // flaky fails at 1 s, is retried after a 1 s backoff, succeeds at 3 s; then deploy.
    const path = runCriticalPath([
      { needs: [], readyAt: 0, attempts: [attempt(1, 0, 1000), attempt(1, 2000, 3000)] },
      ran([0], 1, 3000, 3000, 3500)
    ])
    expect(shape(path)).toEqual([
      [0, 1, 'start'],
      [0, 2, 'retry'],
      [1, 1, 'need']
    ])
  })

  it('follows a slot to the attempt that left it, not to the end of that step', () => {
    // Two slots. a's first attempt leaves slot 1 at 1 s; b, ready at 0, takes it. a's
    // retry runs in slot 2 once c has left it, and ends before b.
    const path = runCriticalPath([
      { needs: [], readyAt: 0, attempts: [attempt(1, 0, 1000), attempt(2, 2000, 2500)] }, // a
      ran([], 1, 0, 1000, 5000), // b
      ran([], 2, 0, 0, 2000) // c
    ])
    expect(shape(path)).toEqual([
      [0, 1, 'start'],
      [1, 1, 'slot']
    ])
    expect(path[1]?.heldBy).toEqual({ kind: 'slot', step: 0, attempt: 1, waitedMs: 1000 })
  })

  it('passes through a need that never ran, released when the failure before it ended', () => {
    // test fails at 2 s; deploy (needs test) is skipped at once; notify (needs deploy,
    // runs always) starts then.
    const path = runCriticalPath([
      ran([], 1, 0, 0, 2000), // test
      { needs: [0], readyAt: 2000, attempts: [] }, // deploy: skipped
      ran([1], 1, 2000, 2000, 2100) // notify
    ])
    expect(shape(path)).toEqual([
      [0, 1, 'start'],
      [1, 0, 'need'],
      [2, 1, 'need']
    ])
    expect(path[1]).toMatchObject({ startedAt: 2000, endedAt: 2000 })
  })

  it('ends with the last attempt a stop did not end: a cancelled end only says when the stop came', () => {
    // fail-fast: bad fails at 1 s, slow (running since 0) is cancelled and ends at 1.5 s.
    const path = runCriticalPath([
      ran([], 1, 0, 0, 1000), // bad
      { needs: [], readyAt: 0, attempts: [attempt(2, 0, 1500, true)] } // slow
    ])
    expect(shape(path)).toEqual([[0, 1, 'start']])
  })

  it('ends with the last cancelled attempt when every attempt was cancelled', () => {
    const path = runCriticalPath([
      { needs: [], readyAt: 0, attempts: [attempt(1, 0, 1000, true)] },
      { needs: [], readyAt: 0, attempts: [attempt(2, 0, 1200, true)] }
    ])
    expect(shape(path)).toEqual([[1, 1, 'start']])
  })

  it('takes attempts that could not start (they end as they start) in its stride', () => {
    // One slot: x runs first; a's directory is missing, so it ends as it starts, at 1 s;
    // b, ready from the start too, takes the slot after it.
    const path = runCriticalPath([
      ran([], 1, 0, 0, 1000), // x
      ran([], 1, 0, 1000, 1000), // a
      ran([], 1, 0, 1010, 2000) // b
    ])
    expect(shape(path)).toEqual([
      [0, 1, 'start'],
      [1, 1, 'slot'],
      [2, 1, 'slot']
    ])
  })

  it('is empty when nothing ran', () => {
    expect(runCriticalPath([{ needs: [], readyAt: null, attempts: [] }])).toEqual([])
  })

  it('takes a service at its ready moment: it ends after its dependents, never holding them', () => {
    // build -> db (a service, ready at 3 s, stopped at 12 s) -> test (3 s to 11 s).
    const db: PathStep = { ...ran([0], 0, 1000, 1000, 12_000), serviceReadyAt: 3000 }
    const path = runCriticalPath([ran([], 1, 0, 0, 1000), db, ran([1], 1, 3000, 3000, 11_000)])
    expect(shape(path)).toEqual([
      [0, 1, 'start'],
      [1, 1, 'need'],
      [2, 1, 'need']
    ])
    // The service's link ends when it was ready: that is what released `test`.
    expect(path[1]).toMatchObject({ startedAt: 1000, endedAt: 3000 })
  })

  it('never has a service wait for a slot: services share slot 0 without taking it', () => {
    // Two services both in slot 0, the second started while the first ran.
    const first: PathStep = { ...ran([], 0, 0, 0, 9000), serviceReadyAt: 500 }
    const second: PathStep = { ...ran([], 0, 0, 100, 9000), serviceReadyAt: 2000 }
    const path = runCriticalPath([first, second, ran([0, 1], 1, 2000, 2000, 8000)])
    expect(shape(path)).toEqual([
      [1, 1, 'start'],
      [2, 1, 'need']
    ])
  })
})
