import { describe, expect, it } from 'vitest'
import { decodeText, readAllLines } from '../../src/process/dotnet-text.js'

const bytes = (...values: number[]) => Uint8Array.from(values)
const utf16 = (text: string, order: 'le' | 'be') => {
  const le = Buffer.from(text, 'utf16le')
  return order === 'le' ? le : le.swap16()
}
const utf32 = (text: string, order: 'le' | 'be') => {
  // Code points, one UTF-32 unit each (Array.from iterates the string by code point).
  const points = Array.from(text, char => char.codePointAt(0) as number)
  const buffer = Buffer.alloc(points.length * 4)
  points.forEach((point, i) =>
    order === 'le' ? buffer.writeUInt32LE(point, i * 4) : buffer.writeUInt32BE(point, i * 4)
  )
  return buffer
}

describe('decodeText: StreamReader with UTF-8 and byte-order-mark detection', () => {
  const text = 'NAME=välue 🎉\n'

  it('drops a UTF-8 BOM, and only the first', () => {
    expect(decodeText(Buffer.from(`\uFEFF${text}`))).toBe(text)
    expect(decodeText(Buffer.from(`\uFEFF\uFEFFA=1`))).toBe('\uFEFFA=1')
  })

  it('decodes UTF-16 LE and BE after their BOMs', () => {
    expect(decodeText(Buffer.concat([bytes(0xff, 0xfe), utf16(text, 'le')]))).toBe(text)
    expect(decodeText(Buffer.concat([bytes(0xfe, 0xff), utf16(text, 'be')]))).toBe(text)
  })

  it('decodes UTF-32 LE and BE after their BOMs', () => {
    expect(decodeText(Buffer.concat([bytes(0xff, 0xfe, 0, 0), utf32(text, 'le')]))).toBe(text)
    expect(decodeText(Buffer.concat([bytes(0, 0, 0xfe, 0xff), utf32(text, 'be')]))).toBe(text)
  })

  it('reads UTF-8 without a BOM, invalid bytes as U+FFFD', () => {
    expect(decodeText(Buffer.from(text))).toBe(text)
    expect(decodeText(bytes(0x41, 0xff, 0x42, 0xe2, 0x82))).toBe('A\uFFFDB\uFFFD')
    expect(decodeText(bytes())).toBe('')
  })

  it('replaces what cannot be decoded in UTF-16 and UTF-32', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0, 0x42))).toBe('A\uFFFD')
    expect(decodeText(bytes(0xfe, 0xff, 0, 0x41, 0xd8, 0))).toBe('A\uFFFD')
    expect(decodeText(bytes(0xff, 0xfe, 0, 0, 0x41, 0, 0, 0, 0, 0, 0x11, 0, 0x42))).toBe(
      'A\uFFFD\uFFFD'
    )
  })

  it('takes FF FE 00 00 as UTF-32 LE, as .NET does', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0, 0, 0x41, 0, 0, 0))).toBe('A')
    expect(decodeText(bytes(0xff, 0xfe, 0, 0))).toBe('')
  })
})

describe('readAllLines: File.ReadAllLines', () => {
  it('ends a line at CR, LF or CRLF, with no empty line after a final terminator', () => {
    expect(readAllLines('a\rb\nc\r\nd')).toEqual(['a', 'b', 'c', 'd'])
    expect(readAllLines('a\n')).toEqual(['a'])
    expect(readAllLines('a\n\n')).toEqual(['a', ''])
    expect(readAllLines('\r\n')).toEqual([''])
    expect(readAllLines('')).toEqual([])
  })
})
