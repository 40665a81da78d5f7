/* eslint-disable no-control-regex -- the patterns below exist to match control characters */
import { isUtf8 } from 'node:buffer'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EscapeFilter, filterText, type EscapePolicy } from '../../src/cli/escape-filter.js'

const ESC = '\u001b'
const POLICIES: readonly EscapePolicy[] = ['plain', 'terminal', 'colour']

/** Feeds the chunks through one filter and returns all it let out, its end included. */
function run(policy: EscapePolicy, chunks: readonly Buffer[]): Buffer {
  const filter = new EscapeFilter(policy)
  // Copies: a filter may hand back the chunk itself.
  const out: Buffer[] = chunks.map(chunk => Buffer.from(filter.push(chunk)))
  out.push(filter.end())
  return Buffer.concat(out)
}

function bytes(input: Bytes): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input)
}

/** The input cut in two at every point, and cut into single bytes. */
function chunkings(input: Buffer): Buffer[][] {
  const cuts: Buffer[][] = [[input]]
  for (let at = 1; at < input.length; at++) cuts.push([input.subarray(0, at), input.subarray(at)])
  cuts.push(Array.from(input, (_, i) => input.subarray(i, i + 1)))
  return cuts
}

/** Text as UTF-8, or bytes. */
type Bytes = string | readonly number[]

/** The input itself, unchanged. */
const SAME = Symbol('same')

/** What each sequence becomes, by policy. */
interface Case {
  readonly name: string
  readonly input: string | readonly number[]
  readonly plain: Bytes | typeof SAME
  /** As `plain` when not given. */
  readonly terminal?: Bytes | typeof SAME
  readonly colour: Bytes | typeof SAME
}

const CASES: readonly Case[] = [
  { name: 'a clear screen', input: `a${ESC}[2Jb`, plain: 'ab', colour: 'ab' },
  { name: 'a cursor move', input: `a${ESC}[10;20Hb${ESC}[5Ac`, plain: 'abc', colour: 'abc' },
  { name: 'cursor save and restore', input: `${ESC}7x${ESC}8`, plain: 'x', colour: 'x' },
  { name: 'the alternate screen', input: `${ESC}[?1049hx${ESC}[?1049l`, plain: 'x', colour: 'x' },
  { name: 'a colour', input: `${ESC}[1;31mred${ESC}[0m`, plain: 'red', colour: SAME },
  {
    name: 'a colour with colons',
    input: `${ESC}[38:2::255:0:0mX${ESC}[m`,
    plain: 'X',
    colour: SAME
  },
  { name: 'a private `m` (key modifiers)', input: `${ESC}[>4;2mX`, plain: 'X', colour: 'X' },
  {
    name: 'OSC 52 ended by BEL',
    input: `${ESC}]52;c;aGVsbG8=\u0007after`,
    plain: 'after',
    colour: 'after'
  },
  {
    name: 'a title ended by ST',
    input: `${ESC}]0;title${ESC}\\after`,
    plain: 'after',
    colour: 'after'
  },
  { name: 'a DCS ended by ST', input: `${ESC}P1$r0m${ESC}\\x`, plain: 'x', colour: 'x' },
  { name: 'an APC', input: `${ESC}_Gf=100;AAAA${ESC}\\x`, plain: 'x', colour: 'x' },
  { name: 'C1 CSI (U+009B) in UTF-8', input: 'a\u009b2Jb', plain: 'ab', colour: 'ab' },
  { name: 'a colour through C1 CSI', input: '\u009b31mX', plain: 'X', colour: `${ESC}[31mX` },
  {
    name: 'C1 OSC (U+009D) ended by C1 ST',
    input: '\u009d52;c;Zm9v\u009cafter',
    plain: 'after',
    colour: 'after'
  },
  { name: 'C1 OSC ended by BEL', input: '\u009d0;t\u0007after', plain: 'after', colour: 'after' },
  { name: 'C1 DCS ended by ESC \\', input: '\u0090q#0;2;0;0;0\u001b\\x', plain: 'x', colour: 'x' },
  { name: 'single C1 controls (NEL, RI)', input: 'a\u0085b\u008dc', plain: 'abc', colour: 'abc' },
  {
    name: 'an 8-bit CSI byte outside UTF-8',
    input: [0x61, 0x9b, 0x32, 0x4a],
    plain: [0x61, 0x32, 0x4a],
    colour: [0x61, 0x32, 0x4a]
  },
  { name: 'UTF-8 of 2, 3 and 4 bytes', input: 'é → 世界 🎉 ©°', plain: SAME, colour: SAME },
  {
    name: 'invalid UTF-8 outside C1',
    input: [0xff, 0xfe, 0xc3, 0x41, 0xa0],
    plain: [0xff, 0xfe, 0xc3, 0x41, 0xa0],
    colour: [0xff, 0xfe, 0xc3, 0x41, 0xa0]
  },
  {
    name: 'a string never ended: only the rest of its line',
    input: `${ESC}]0;never\nnext\n`,
    plain: '\nnext\n',
    colour: '\nnext\n'
  },
  { name: 'ESC at the end of the stream', input: `abc${ESC}`, plain: 'abc', colour: 'abc' },
  { name: 'a CSI cut by CAN', input: `${ESC}[2\u0018J`, plain: 'J', colour: 'J' },
  {
    name: 'ESC in a string starts a sequence',
    input: `${ESC}]0;t${ESC}[31mX`,
    plain: 'X',
    colour: `${ESC}[31mX`
  },
  {
    name: 'C0 controls',
    input: 'a\bb\u000ec\u000fd\u0007\te\r\n',
    plain: SAME,
    terminal: 'abcd\te\r\n',
    colour: 'abcd\te\r\n'
  },
  { name: 'plain text', input: 'line one\n\tline two\r\n', plain: SAME, colour: SAME }
]

describe('EscapeFilter', () => {
  for (const policy of POLICIES) {
    for (const testCase of CASES) {
      it(`${policy}: ${testCase.name}, cut at every point`, () => {
        const input = bytes(testCase.input)
        const expected =
          policy === 'terminal' ? (testCase.terminal ?? testCase.plain) : testCase[policy]
        const wanted = expected === SAME ? input : bytes(expected)
        for (const chunks of chunkings(input)) {
          expect(
            run(policy, chunks).toString('hex'),
            `chunks ${chunks.map(c => c.toString('hex')).join('|')}`
          ).toBe(wanted.toString('hex'))
        }
      })
    }
  }

  it('keeps a character cut in two, never making U+FFFD of it', () => {
    const filter = new EscapeFilter('plain')
    const arrow = Buffer.from('→')
    const first = filter.push(Buffer.concat([Buffer.from('a'), arrow.subarray(0, 1)]))
    const second = filter.push(arrow.subarray(1))
    expect(Buffer.concat([first, second]).toString('utf8')).toBe('a→')
  })

  it('returns a chunk with nothing to change as it is (no copy)', () => {
    const chunk = Buffer.from('plain → text\n')
    expect(new EscapeFilter('plain').push(chunk)).toBe(chunk)
  })

  it('drops a colour whose parameters never end', () => {
    const input = `${ESC}[${'1;'.repeat(1000)}mX`
    expect(filterText(input, 'colour')).toBe('X')
  })

  it('filters whole texts of its own the same way', () => {
    expect(filterText(`${ESC}[32mok${ESC}[39m${ESC}]52;c;eA==\u0007`, 'colour')).toBe(
      `${ESC}[32mok${ESC}[39m`
    )
    expect(filterText(`${ESC}[32mok${ESC}[39m`, 'terminal')).toBe('ok')
  })
})

/** Bytes that make sequences, to make random input interesting. */
const SEQUENCE_BYTES = [
  0x1b, 0x5b, 0x5d, 0x50, 0x5f, 0x5c, 0x07, 0x18, 0x0a, 0x0d, 0x6d, 0x3b, 0x3a, 0x3f, 0x31, 0x32,
  0x48, 0x4a, 0xc2, 0x9b, 0x9c, 0x9d, 0x90, 0xe2, 0x86, 0x92, 0xf0, 0x9f, 0x8e, 0x89, 0x08, 0x0e
]
const someBytes = fc
  .array(fc.oneof(fc.constantFrom(...SEQUENCE_BYTES), fc.integer({ min: 0, max: 255 })), {
    maxLength: 120
  })
  .map(array => Buffer.from(array))

/** Cuts `input` at the given fractions of its length. */
function cut(input: Buffer, fractions: readonly number[]): Buffer[] {
  const points = [...new Set(fractions.map(f => Math.floor(f * input.length)))].sort(
    (a, b) => a - b
  )
  const chunks: Buffer[] = []
  let from = 0
  for (const point of points) {
    chunks.push(input.subarray(from, point))
    from = point
  }
  chunks.push(input.subarray(from))
  return chunks
}

const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 })

/** Whether every byte 0x80-0x9F of `out` is inside a valid UTF-8 character other than C1. */
function noC1(out: Buffer): boolean {
  for (let i = 0; i < out.length; i++) {
    const byte = out[i] as number
    if (byte < 0x80 || byte > 0x9f) continue
    // A continuation byte: find its lead, at most 3 back, and check the whole character.
    let lead = i - 1
    while (lead >= 0 && i - lead <= 3 && ((out[lead] as number) & 0xc0) === 0x80) lead--
    const first = out[lead]
    if (first === undefined || first < 0xc3) return false // no lead, or C2 (a C1 control)
    const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : 2
    if (lead + length <= i || !isUtf8(out.subarray(lead, lead + length))) return false
  }
  return true
}

/** A well-formed sequence, and what `colour` keeps of it. */
const sequence: fc.Arbitrary<{ bytes: string; kept: string }> = fc.oneof(
  // CSI: parameters, intermediates, a final byte.
  fc
    .record({
      intro: fc.constantFrom(`${ESC}[`, '\u009b'),
      parameters: fc.string({
        unit: fc.constantFrom(...Array.from('0123456789;:<=>?')),
        maxLength: 12
      }),
      intermediates: fc.string({
        unit: fc.constantFrom(...Array.from(' !"#$%&\'()*+,-./')),
        maxLength: 2
      }),
      final: fc.integer({ min: 0x40, max: 0x7e }).map(code => String.fromCharCode(code))
    })
    .map(({ intro, parameters, intermediates, final }) => ({
      bytes: `${intro}${parameters}${intermediates}${final}`,
      kept:
        final === 'm' && intermediates === '' && /^[0-9;:]*$/.test(parameters)
          ? `${ESC}[${parameters}m`
          : ''
    })),
  // Strings: OSC, DCS, SOS, PM, APC, in 7-bit or C1 form, with each terminator.
  fc
    .record({
      intro: fc.constantFrom(
        ...[']', 'P', 'X', '^', '_'].flatMap(f => [
          `${ESC}${f}`,
          String.fromCharCode(f.charCodeAt(0) + 0x40)
        ])
      ),
      content: fc
        .string({ unit: 'binary', maxLength: 20 })
        .map(text => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')),
      end: fc.constantFrom('\u0007', `${ESC}\\`, '\u009c')
    })
    .map(({ intro, content, end }) => ({ bytes: `${intro}${content}${end}`, kept: '' })),
  // Other ESC sequences: intermediates and a final byte.
  fc
    .record({
      intermediates: fc.string({
        unit: fc.constantFrom(...Array.from(' !"#$%&\'()*+,-./')),
        maxLength: 2
      }),
      final: fc.integer({ min: 0x30, max: 0x7e }).map(code => String.fromCharCode(code))
    })
    .filter(({ intermediates, final }) => intermediates !== '' || !'[]PX^_'.includes(final))
    .map(({ intermediates, final }) => ({ bytes: `${ESC}${intermediates}${final}`, kept: '' })),
  // Single C1 controls.
  fc
    .integer({ min: 0x80, max: 0x9f })
    .filter(code => ![0x9b, 0x9d, 0x90, 0x98, 0x9e, 0x9f].includes(code))
    .map(code => ({ bytes: String.fromCharCode(code), kept: '' }))
)

/** Text with no control but TAB, LF and CR: what `colour` passes byte for byte. */
const plainText = fc
  .string({ unit: 'binary', maxLength: 30 })
  .map(text => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, ''))

describe('EscapeFilter, properties', () => {
  it('gives the same output however the input is cut', () => {
    fc.assert(
      fc.property(someBytes, fractions, fc.constantFrom(...POLICIES), (input, at, policy) => {
        expect(run(policy, cut(input, at)).equals(run(policy, [input]))).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })

  it('lets no escape sequence or C1 control out (plain), nor C0 (terminal), nothing but colours (colour)', () => {
    fc.assert(
      fc.property(someBytes, fractions, (input, at) => {
        const plain = run('plain', cut(input, at))
        expect(plain.includes(0x1b)).toBe(false)
        expect(noC1(plain)).toBe(true)
        for (const policy of ['terminal', 'colour'] as const) {
          const out = run(policy, cut(input, at))
          expect(noC1(out)).toBe(true)
          // `colour`: every ESC starts a colour; neither lets any other C0 out but TAB, LF, CR.
          const rest = out.toString('latin1')
          const withoutColours = policy === 'colour' ? rest.replace(/\u001b\[[0-9;:]*m/g, '') : rest
          expect(withoutColours).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/)
        }
      }),
      { numRuns: 2000 }
    )
  })

  it('passes plain text byte for byte, however it is cut', () => {
    fc.assert(
      fc.property(plainText, fractions, fc.constantFrom(...POLICIES), (text, at, policy) => {
        const input = Buffer.from(text)
        expect(run(policy, cut(input, at)).equals(input)).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })

  it('removes every sequence between texts and keeps the texts (and colours) whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(plainText, sequence), { maxLength: 8 }),
        fractions,
        (pieces, at) => {
          const input = Buffer.from(pieces.map(([text, s]) => text + s.bytes).join(''))
          const text = pieces.map(([text]) => text).join('')
          const colour = pieces.map(([text, s]) => text + s.kept).join('')
          for (const policy of ['plain', 'terminal'] as const)
            expect(run(policy, cut(input, at)).toString('hex')).toBe(
              Buffer.from(text).toString('hex')
            )
          expect(run('colour', cut(input, at)).toString('hex')).toBe(
            Buffer.from(colour).toString('hex')
          )
        }
      ),
      { numRuns: 2000 }
    )
  })
})
