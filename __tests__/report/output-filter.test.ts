import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_MASK_LINE } from '../../src/report/long-line.js'
import { MAX_HELD_LINE, OutputFilter } from '../../src/report/output-filter.js'
import type { WorkflowCommand } from '../../src/report/workflow-commands.js'

/** Feeds chunks through a filter and returns everything it let out, as bytes. */
function run(chunks: (string | Buffer)[], commands: WorkflowCommand[] = []): Buffer {
  const filter = new OutputFilter(command => {
    commands.push(command)
    return command.name === 'add-mask' ? 'drop' : 'relay'
  })
  const out: Buffer[] = []
  for (const chunk of chunks)
    out.push(...filter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)).chunks)
  out.push(...filter.end())
  return Buffer.concat(out)
}

const text = (chunks: (string | Buffer)[]): string => run(chunks).toString('utf8')

describe('OutputFilter', () => {
  it('relays whole lines, completing a last line without a newline', () => {
    expect(text(['one\ntwo\nthr', 'ee'])).toBe('one\ntwo\nthree\n')
  })

  it('normalizes CRLF and lone CR to LF, including a CRLF split across chunks', () => {
    expect(text(['a\r\nb\rc\r', '\nd\r', 'e'])).toBe('a\nb\nc\nd\ne\n')
    expect(text(['progress 10%\rprogress 50%\rdone\r\n'])).toBe(
      'progress 10%\nprogress 50%\ndone\n'
    )
  })

  it('keeps UTF-8 intact across chunk boundaries', () => {
    const bytes = Buffer.from('héllo → 世界 🎉\n')
    const pieces = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1))
    expect(text(pieces)).toBe('héllo → 世界 🎉\n')
  })

  it('passes invalid UTF-8 and NUL bytes through untouched', () => {
    const raw = Buffer.from([0x61, 0x00, 0xff, 0xfe, 0xc3, 0x0a])
    expect(run([raw])).toEqual(raw)
  })

  it('returns a chunk without anything to change as it is (no copy)', () => {
    const filter = new OutputFilter(() => 'relay')
    const chunk = Buffer.from('plain line\nanother line\n')
    const [out] = filter.push(chunk).chunks
    // The same memory, not a copy.
    expect(out?.buffer).toBe(chunk.buffer)
    expect(out?.byteOffset).toBe(chunk.byteOffset)
    expect(out?.length).toBe(chunk.length)
  })

  it('neutralizes `##[` at the start of a line, also after indentation and across chunks', () => {
    expect(text(['##[group]x\n  ##[endgroup]\nmid ##[error] stays\n', '#', '#[warning]y\n'])).toBe(
      '\u200b##[group]x\n  \u200b##[endgroup]\nmid ##[error] stays\n\u200b##[warning]y\n'
    )
  })

  it('ends every line that carries escape codes with a reset, unclosed ones included', () => {
    expect(text(['\u001b[31mred\nplain\n\u001b[1mbold never closed'])).toBe(
      '\u001b[31mred\u001b[0m\nplain\n\u001b[1mbold never closed\u001b[0m\n'
    )
  })

  it('hands command lines over, drops masks, relays the rest', () => {
    const commands: WorkflowCommand[] = []
    const out = run(
      [
        '::error file=a.ts,line=3::bad%0Athing\n',
        '::add-mask::secret\nsecret\n',
        'not::a command\n'
      ],
      commands
    ).toString()
    expect(out).toBe('::error file=a.ts,line=3::bad%0Athing\nsecret\nnot::a command\n')
    expect(commands.map(c => [c.name, c.data])).toEqual([
      ['error', 'bad\nthing'],
      ['add-mask', 'secret']
    ])
    expect(commands[0]?.properties).toEqual({ file: 'a.ts', line: '3' })
  })

  it('reads a command line split across chunks', () => {
    const commands: WorkflowCommand[] = []
    run(['::warn', 'ing title=T::half', ' and half\n'], commands)
    expect(commands.map(c => [c.name, c.properties.title, c.data])).toEqual([
      ['warning', 'T', 'half and half']
    ])
  })

  it('holds at most MAX_HELD_LINE of an endless line, passing the rest on in order', () => {
    const filter = new OutputFilter(() => 'relay')
    const piece = Buffer.alloc(64 * 1024, 0x78) // 'x'
    let out = 0
    let pieces = 0
    for (let i = 0; i < 64; i++) {
      const result = filter.push(piece)
      for (const chunk of result.chunks) out += chunk.length
      if (result.chunks.length > 0) pieces++
    }
    // 4 MiB of one line: passed on once more than MAX_HELD_LINE had arrived.
    expect(out).toBeGreaterThan(4 * 1024 * 1024 - MAX_HELD_LINE - 64 * 1024)
    expect(pieces).toBeGreaterThan(1)
    const end = Buffer.concat(filter.end())
    expect(out + end.length).toBe(4 * 1024 * 1024 + 1)
  })

  it('starts a fresh line after breakLine, so markup there is still neutralized', () => {
    const filter = new OutputFilter(() => 'relay')
    const big = Buffer.alloc(MAX_HELD_LINE + 10, 0x61)
    const first = filter.push(big)
    expect(first.endsMidLine).toBe(true)
    // The last two bytes wait in case they begin a `##[`; the break lets them out.
    expect(Buffer.concat(filter.breakLine()).toString()).toBe('aa\n')
    const after = Buffer.concat(filter.push(Buffer.from('##[group]tail\n')).chunks).toString()
    expect(after).toBe('\u200b##[group]tail\n')
  })

  it('never loses or reorders bytes, however the stream is cut (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', ' ', 'z', '世'), { maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 50 }),
        (parts, cuts) => {
          const whole = Buffer.from(parts.join(''))
          const chunks: Buffer[] = []
          for (let at = 0, i = 0; at < whole.length; i++) {
            const size = cuts[i % cuts.length] ?? 1
            chunks.push(whole.subarray(at, at + size))
            at += size
          }
          const expected = parts.join('').replace(/\r\n|\r/g, '\n')
          const output = run(chunks).toString('utf8')
          expect(output).toBe(
            expected === '' || expected.endsWith('\n') ? expected : `${expected}\n`
          )
        }
      ),
      { numRuns: 500 }
    )
  })

  it('honours a mask in both forms the runner reads: V2 after .NET whitespace, legacy anywhere', () => {
    const commands: WorkflowCommand[] = []
    const out = run(
      [
        '\u00a0\u0085::add-mask::one\n',
        'prefix ##[add-mask]two%0Athree\n',
        '##[x] ##[add-mask]no\n'
      ],
      commands
    ).toString()
    expect(commands.map(c => [c.name, c.data])).toEqual([
      ['add-mask', 'one'],
      ['add-mask', 'two\nthree']
    ])
    // Mask lines never reach the log; a line whose first `##[` is not a command does.
    expect(out).toBe('\u200b##[x] ##[add-mask]no\n')
  })

  describe('a mask on a line longer than the filter holds', () => {
    const feed = (line: Buffer, pieceSize = 256 * 1024): { out: string; masks: string[] } => {
      const masks: string[] = []
      const filter = new OutputFilter(command => {
        if (command.name === 'add-mask') masks.push(command.data)
        return command.name === 'add-mask' ? 'drop' : 'relay'
      })
      const out: Buffer[] = []
      for (let at = 0; at < line.length; at += pieceSize)
        out.push(...filter.push(line.subarray(at, at + pieceSize)).chunks)
      out.push(...filter.end())
      return { out: Buffer.concat(out).toString('latin1'), masks }
    }

    it('V2: the whole value is honoured and nothing of the line is shown', () => {
      const secret = 's'.repeat(3 * MAX_HELD_LINE)
      const { out, masks } = feed(Buffer.from(` ::add-mask::${secret}\nafter\n`))
      expect(masks).toEqual([secret])
      expect(out).toBe('after\n')
    })

    it('legacy after megabytes of text: what comes before `##[` is shown, the value never', () => {
      const before = 'x'.repeat(2 * MAX_HELD_LINE + 3)
      const secret = `${'y'.repeat(MAX_HELD_LINE)}SECRET`
      // Pieces of 7 bytes at the boundary would split `##[`; 256 KiB pieces split the line.
      const { out, masks } = feed(Buffer.from(`${before}##[ADD-MASK]${secret}\nnext\n`), 100_003)
      expect(masks).toEqual([secret])
      expect(out).toBe(`${before}\nnext\n`)
      expect(out).not.toContain('SECRET')
    })

    it('a `##[` split across two reads is found once, and no byte is repeated', () => {
      const filter = new OutputFilter(() => 'relay')
      const first = `${'x'.repeat(MAX_HELD_LINE + 100)}A#`
      const out = [
        ...filter.push(Buffer.from(first)).chunks,
        ...filter.push(Buffer.from('#[foo]B tail\n')).chunks,
        ...filter.end()
      ]
      expect(Buffer.concat(out).toString()).toBe(`${first}#[foo]B tail\n`)
    })

    it('a `##[` that is not add-mask lets the line through whole, in order', () => {
      const line = `${'a'.repeat(MAX_HELD_LINE + 5)}##[group]${'b'.repeat(MAX_HELD_LINE)}`
      const { out, masks } = feed(Buffer.from(`${line}\n`), 65_537)
      expect(masks).toEqual([])
      expect(out).toBe(`${line}\n`)
    })

    it('one longer than MAX_MASK_LINE is not honoured, not shown, and says so', () => {
      const line = Buffer.alloc(MAX_MASK_LINE + 10, 0x73)
      line.write('::add-mask::')
      const { out, masks } = feed(Buffer.concat([line, Buffer.from('\n')]), 4 * 1024 * 1024)
      expect(masks).toEqual([])
      expect(out).toMatch(
        /^stepgraph: an add-mask command of \d+ bytes is longer than 64 MiB: it was not honoured and is not shown\n$/
      )
    })
  })
})
