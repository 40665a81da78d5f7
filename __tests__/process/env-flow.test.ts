import { describe, expect, it } from 'vitest'
import { Dag } from '../../src/graph/dag.js'
import { EnvFlow } from '../../src/process/env-flow.js'

/** A flow over steps 0..n-1, `needs[v]` the steps v needs; ids are letters. */
function flow(needs: readonly (readonly number[])[]): EnvFlow {
  return new EnvFlow(
    new Dag(needs),
    needs.map((_, i) => String.fromCharCode(97 + i))
  )
}

describe('EnvFlow and GITHUB_PATH: the runner’s PrependPath (RemoveAll + Add)', () => {
  it('places a directory a step writes twice by its last line', () => {
    const env = flow([[], [0]])
    env.record(0, [], ['/a', '/b', '/a'])
    expect(env.inherited(1).path).toEqual(['/b', '/a'])
    expect(env.everything().path).toEqual(['/b', '/a'])
  })

  it('moves a directory a dependent adds again to the front, for its dependents and the job', () => {
    const env = flow([[], [0], [1]])
    env.record(0, [], ['/x', '/y'])
    env.record(1, [], ['/x'])
    expect(env.inherited(2).path).toEqual(['/y', '/x'])
    expect(env.everything().path).toEqual(['/y', '/x'])
  })

  it('moves it to the front where the views of several needs meet', () => {
    // a adds /x; b (alone) adds /y; c (after a) adds /x again, last; d needs b and c.
    const env = flow([[], [], [0], [1, 2]])
    env.record(0, [], ['/x'])
    env.record(1, [], ['/y'])
    env.record(2, [], ['/x'])
    expect(env.inherited(3).path).toEqual(['/y', '/x'])
    expect(env.everything().path).toEqual(['/y', '/x'])
  })

  it('orders unrelated steps’ directories by when each was last added', () => {
    const env = flow([[], [], []])
    env.record(0, [], ['/x', '/z'])
    env.record(1, [], ['/y'])
    env.record(2, [], ['/x'])
    expect(env.everything().path).toEqual(['/z', '/y', '/x'])
  })

  it('keeps the inherited order when a step adds nothing new', () => {
    const env = flow([[], [0], [1]])
    env.record(0, [], ['/x', '/y'])
    env.record(1, [['V', '1']], [])
    expect(env.inherited(2)).toEqual({ vars: new Map([['V', '1']]), path: ['/x', '/y'] })
  })
})

describe('EnvFlow and steps that never ran', () => {
  it('passes on through a skipped step what the steps before it exported', () => {
    // a exports; b ran and failed (exports nothing); c was skipped; d runs if: always().
    const env = flow([[], [0], [1], [2]])
    env.record(0, [['V', '1']], ['/a'])
    env.record(1, [], [])
    expect(env.inherited(3)).toEqual({ vars: new Map([['V', '1']]), path: ['/a'] })
  })

  it('walks a long chain of skipped steps without recursion', () => {
    const length = 100_000
    const env = flow(Array.from({ length }, (_, i) => (i === 0 ? [] : [i - 1])))
    env.record(0, [['V', '1']], [])
    expect(env.inherited(length - 1).vars.get('V')).toBe('1')
  })
})
