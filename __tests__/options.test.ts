import { describe, expect, it } from 'vitest'
import { MAX_SLOTS, parseMaxParallel, parseOutputMode, parseShell } from '../src/options.js'

describe('parseMaxParallel', () => {
  it.each([
    ['4', 4],
    [' 2 ', 2],
    ['1', 1],
    ['100%', 8],
    ['50%', 4],
    ['1%', 1],
    ['12.5%', 1]
  ])('%s with 8 CPUs is %d slots', (text, slots) => {
    expect(parseMaxParallel(text, 8)).toEqual({ ok: true, value: slots })
  })

  it.each(['0', '-1', 'abc', '2.5', '150%', '0%', '', '1e3', '99999999999999999999'])(
    'refuses %j',
    text => {
      expect(parseMaxParallel(text, 8).ok).toBe(false)
    }
  )

  it('takes up to MAX_SLOTS slots and refuses absurd counts at once, saying the limit', () => {
    expect(parseMaxParallel(String(MAX_SLOTS), 8)).toEqual({ ok: true, value: MAX_SLOTS })
    for (const text of ['1000000000', String(2 ** 53 - 1), '9'.repeat(400)]) {
      expect(parseMaxParallel(text, 8)).toEqual({
        ok: false,
        reason: `expected at most ${MAX_SLOTS} slots (more processes than one machine runs at once), got "${text}"`
      })
    }
  })
})

describe('parseOutputMode and parseShell', () => {
  it('accepts the known modes only', () => {
    expect(parseOutputMode('stream')).toEqual({ ok: true, value: 'stream' })
    expect(parseOutputMode('verbose').ok).toBe(false)
  })

  it('accepts known shells and {0} templates', () => {
    expect(parseShell('sh')).toEqual({ ok: true, value: 'sh' })
    expect(parseShell('perl {0}')).toEqual({ ok: true, value: 'perl {0}' })
    expect(parseShell('zsh').ok).toBe(false)
  })
})
