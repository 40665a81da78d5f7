import { describe, expect, it } from 'vitest'
import {
  LAST_LINE_CHARS,
  LAST_LINES_BYTES,
  OutputTail,
  TAIL_BYTES
} from '../../src/report/output-buffer.js'

/** `count` lines `line N` pushed in 4 KiB chunks, as a pipe would deliver them. */
function tailOf(count: number, line = (n: number) => `line ${n}`): OutputTail {
  const tail = new OutputTail()
  const text = Buffer.from(Array.from({ length: count }, (_, n) => `${line(n)}\n`).join(''))
  for (let at = 0; at < text.length; at += 4096) tail.push(text.subarray(at, at + 4096))
  return tail
}

describe('OutputTail: the end of an output, and only its last lines once it has ended', () => {
  it('keeps about 64 KiB while the attempt runs', () => {
    const tail = tailOf(100_000)
    expect(tail.heldBytes).toBeGreaterThanOrEqual(TAIL_BYTES)
    expect(tail.heldBytes).toBeLessThan(TAIL_BYTES + 4096)
    expect(tail.lastLines(2)).toEqual(['line 99998', 'line 99999'])
  })

  it('compacts an ended attempt to its last 30 lines, a few KiB', () => {
    const tail = tailOf(100_000)
    tail.compact()
    expect(tail.lastLines(100)).toEqual(Array.from({ length: 30 }, (_, i) => `line ${99_970 + i}`))
    expect(tail.lastLines(10)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${99_990 + i}`))
    expect(tail.heldBytes).toBeLessThan(400)
  })

  it('keeps nothing of a tail compacted to no lines (an attempt that succeeded)', () => {
    const tail = tailOf(1000)
    tail.compact(0)
    expect(tail.heldBytes).toBe(0)
    expect(tail.lastLines(30)).toEqual([])
  })

  it('cuts long lines and keeps only the last that fit in LAST_LINES_BYTES', () => {
    const tail = tailOf(40, n => `${n} ${'x'.repeat(10_000)}`)
    tail.compact()
    const lines = tail.lastLines(30)
    expect(lines.length).toBe(Math.floor(LAST_LINES_BYTES / (LAST_LINE_CHARS + 1)))
    expect(lines.at(-1)).toBe(`39 ${'x'.repeat(LAST_LINE_CHARS - 3)}`)
    expect(tail.heldBytes).toBeLessThanOrEqual(LAST_LINES_BYTES)
  })

  it('keeps a short output whole, first line included', () => {
    const tail = tailOf(3)
    tail.compact()
    expect(tail.lastLines(30)).toEqual(['line 0', 'line 1', 'line 2'])
  })
})
