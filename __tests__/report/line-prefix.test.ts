import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prefixLines } from '../../src/report/line-prefix.js'

/** The plain definition: the prefix before every byte that starts a line. */
function reference(text: string, prefix: string): string {
  let out = ''
  let atLineStart = true
  for (const character of text) {
    if (atLineStart) out += prefix
    out += character
    atLineStart = character === '\n'
  }
  return out
}

describe('prefixLines', () => {
  it('puts the prefix before every line, continuing lines across chunks', () => {
    const state = { atLineStart: true }
    const prefix = Buffer.from('[p] ')
    const out = [Buffer.from('a\nbb'), Buffer.from('b\n\nc\n'), Buffer.from('d')].map(chunk =>
      prefixLines(chunk, prefix, state).toString()
    )
    expect(out.join('')).toBe('[p] a\n[p] bbb\n[p] \n[p] c\n[p] d')
    expect(state.atLineStart).toBe(false)
  })

  it('equals the plain definition however the stream is cut (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\r', '\0') }), {
          maxLength: 12
        }),
        pieces => {
          const state = { atLineStart: true }
          const prefix = Buffer.from('[p] ')
          const out = pieces
            .map(piece => prefixLines(Buffer.from(piece), prefix, state))
            .map(buffer => buffer.toString())
            .join('')
          expect(out).toBe(reference(pieces.join(''), '[p] '))
        }
      ),
      { numRuns: 500 }
    )
  })
})
