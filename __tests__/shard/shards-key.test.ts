import { describe, expect, it } from 'vitest'
import { loadStepGraph } from '../../src/graph/load.js'
import { parseShard } from '../../src/shard/shard-of.js'

describe('the shards step key', () => {
  it('reads first and all, and matrix instances keep the pin', async () => {
    const loaded = await loadStepGraph({
      text: 'a: { run: x, shards: first }\nb:\n  run: x\n  shards: all\n  matrix: { n: [1, 2] }\n'
    })
    expect(loaded.ok && loaded.graph.steps.map(step => step.shards)).toEqual([
      'first',
      'all',
      'all'
    ])
  })

  it('refuses any other value where it is written', async () => {
    const loaded = await loadStepGraph({ text: 'a:\n  run: x\n  shards: second\n' })
    expect(loaded.ok).toBe(false)
    if (loaded.ok) return
    expect(loaded.problems).toEqual([
      {
        message:
          '`shards` of step `a` must be `first` (once, in shard 1) or `all` (in every shard), got `second`',
        position: { line: 3, column: 11 }
      }
    ])
  })
})

describe('I/N', () => {
  it('reads a shard and a count', () => {
    expect(parseShard('2/4')).toEqual({ ok: true, value: { index: 2, count: 4 } })
    expect(parseShard(' 1 / 1 ')).toEqual({ ok: true, value: { index: 1, count: 1 } })
  })

  it.each([
    ['x', 'expected I/N'],
    ['2', 'expected I/N'],
    ['-1/2', 'expected I/N'],
    ['1.5/2', 'expected I/N'],
    ['0/4', 'the shard must be 1 to 4 (shards are numbered from 1)'],
    ['5/4', 'the shard must be 1 to 4'],
    ['1/0', 'the number of shards must be 1 to 256'],
    ['1/257', 'the number of shards must be 1 to 256']
  ])('refuses %s', (text, reason) => {
    const parsed = parseShard(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.reason).toContain(reason)
  })
})
