import { describe, expect, it } from 'vitest'
import { parseCommandFile } from '../../src/process/command-files.js'

describe('parseCommandFile', () => {
  it('reads NAME=value lines, skipping empty lines', () => {
    expect(parseCommandFile('a=1\n\nb=x=y\nc=\n')).toEqual({
      entries: [
        ['a', '1'],
        ['b', 'x=y'],
        ['c', '']
      ]
    })
  })

  it('reads heredoc values across lines, keeping inner empty lines', () => {
    const text = 'json<<EOF\n{\n\n  "a": 1\n}\nEOF\nnext=1\nempty<<X\nX\n'
    expect(parseCommandFile(text).entries).toEqual([
      ['json', '{\n\n  "a": 1\n}'],
      ['next', '1'],
      ['empty', '']
    ])
  })

  it('prefers = when it comes before <<', () => {
    expect(parseCommandFile('a=b<<c\n').entries).toEqual([['a', 'b<<c']])
    expect(parseCommandFile('a<<=\nv\n=\n').entries).toEqual([['a', 'v']])
  })

  it('keeps what came before a malformed line and says what is wrong', () => {
    expect(parseCommandFile('a=1\njunk\nb=2\n')).toEqual({
      entries: [['a', '1']],
      error: "invalid line 'junk': expected NAME=value or NAME<<DELIMITER"
    })
    expect(parseCommandFile('a<<EOF\nnever closed\n').error).toBe(
      "no line 'EOF' ends the value of a"
    )
    expect(parseCommandFile('=1\n').error).toBe("invalid line '=1': the name is empty")
    expect(parseCommandFile('<<EOF\n').error).toBe(
      "invalid line '<<EOF': the name and the delimiter must not be empty"
    )
  })

  it('reads a last line without a newline', () => {
    expect(parseCommandFile('a=1').entries).toEqual([['a', '1']])
  })
})
