import { describe, expect, it } from 'vitest'
import { parseCommandFile, refuseBlockedEnv } from '../../src/process/command-files.js'
import { decodeText } from '../../src/process/dotnet-text.js'

/**
 * The runner's L0 tests (SetEnvFileCommandL0, SetOutputFileCommandL0, which share
 * EnvFileKeyValuePairs), ported: their WriteContent joins the lines with the OS's newline
 * (or the one given), without a newline at the end, in UTF-8 with a BOM.
 */
const platforms = [
  { platform: 'linux', newline: '\n' },
  { platform: 'win32', newline: '\r\n' }
] as const

function l0(lines: readonly string[], platform: NodeJS.Platform, newline: string) {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join(newline))])
  return parseCommandFile(decodeText(bytes), platform)
}

describe.each(platforms)('the runner’s L0 cases on $platform', ({ platform, newline }) => {
  const parse = (lines: readonly string[], joiner: string = newline) => l0(lines, platform, joiner)
  const values = (lines: readonly string[]) => Object.fromEntries(parse(lines).entries)

  it('EmptyFile, Simple, SkipEmptyLines, EmptyValue, MultipleValues', () => {
    expect(parse([])).toEqual({ entries: [] })
    expect(values(['MY_ENV=MY VALUE'])).toEqual({ MY_ENV: 'MY VALUE' })
    expect(values(['', 'MY_ENV=my value', '', 'MY_ENV_2=my second value', ''])).toEqual({
      MY_ENV: 'my value',
      MY_ENV_2: 'my second value'
    })
    expect(values(['MY_ENV='])).toEqual({ MY_ENV: '' })
    expect(values(['MY_ENV=my value', 'MY_ENV_2=', 'MY_ENV_3=my third value'])).toEqual({
      MY_ENV: 'my value',
      MY_ENV_2: '',
      MY_ENV_3: 'my third value'
    })
  })

  it('Simple_SpecialCharacters', () => {
    expect(values(['MY_ENV==abc', 'MY_ENV_2=def=ghi', 'MY_ENV_3=jkl='])).toEqual({
      MY_ENV: '=abc',
      MY_ENV_2: 'def=ghi',
      MY_ENV_3: 'jkl='
    })
  })

  it('Heredoc, Heredoc_EmptyValue, Heredoc_SkipEmptyLines', () => {
    expect(values(['MY_ENV<<EOF', 'line one', 'line two', 'line three', 'EOF'])).toEqual({
      MY_ENV: `line one${newline}line two${newline}line three`
    })
    expect(values(['MY_ENV<<EOF', 'EOF'])).toEqual({ MY_ENV: '' })
    const lines = ['', 'MY_ENV<<EOF', 'hello', 'world', 'EOF', '']
    expect(values([...lines, 'MY_ENV_2<<EOF', 'HELLO', 'AGAIN', 'EOF', ''])).toEqual({
      MY_ENV: `hello${newline}world`,
      MY_ENV_2: `HELLO${newline}AGAIN`
    })
  })

  it('Heredoc_SpecialCharacters', () => {
    const lines = [
      ...['MY_ENV<<=EOF', 'hello', 'one', '=EOF'],
      ...['MY_ENV_2<<<EOF', 'hello', 'two', '<EOF'],
      ...['MY_ENV_3<<EOF', 'hello', '', 'three', '', 'EOF'],
      ...['MY_ENV_4<<EOF', 'hello=four', 'EOF'],
      ...['MY_ENV_5<<EOF', ' EOF', 'EOF']
    ]
    expect(values(lines)).toEqual({
      MY_ENV: `hello${newline}one`,
      MY_ENV_2: `hello${newline}two`,
      MY_ENV_3: `hello${newline}${newline}three${newline}`,
      MY_ENV_4: 'hello=four',
      MY_ENV_5: ' EOF'
    })
  })

  it('Heredoc_MissingNewLine, Heredoc_MissingNewLineMultipleLines', () => {
    const lines = ['MY_ENV<<EOF', 'line one', 'line two', 'line three', 'EOF']
    expect(parse(lines, ' ').error).toBe(
      "Invalid value. Matching delimiter not found 'EOF line one line two line three EOF'"
    )
    const verbatim = 'line one\n                    line two\n                    line three'
    expect(parse(['MY_ENV<<EOF', verbatim, 'EOF'], ' ').error).toBe(
      'Invalid value. EOF marker missing new line.'
    )
  })

  it('BlockListItemsFiltered, BlockListItemsFiltered_Heredoc', () => {
    for (const lines of [['NODE_OPTIONS=asdf'], ['NODE_OPTIONS<<EOF', 'asdf', 'EOF']]) {
      expect(refuseBlockedEnv(parse(lines).entries)).toEqual({
        accepted: [],
        refused: [
          {
            name: 'NODE_OPTIONS',
            message: "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command."
          }
        ]
      })
    }
  })
})

describe('line breaks: EnvFileKeyValuePairs.ReadLine', () => {
  it('on Windows, Heredoc_PreservesNewline: a file written with LF keeps LF in values', () => {
    expect(l0(['MY_ENV<<EOF', 'hello', 'world', 'EOF'], 'win32', '\n').entries).toEqual([
      ['MY_ENV', 'hello\nworld']
    ])
  })

  it('on Linux and macOS only LF ends a line: a CR stays in the value and the delimiter', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(parseCommandFile('A=1\r\nB=x\ry\n', platform).entries).toEqual([
        ['A', '1\r'],
        ['B', 'x\ry']
      ])
      // The delimiter line `EOF\r` matches the closing `EOF\r`: the value keeps its CR.
      expect(parseCommandFile('A<<EOF\r\nv\r\nEOF\r\nB=2\r\n', platform).entries).toEqual([
        ['A', 'v\r'],
        ['B', '2\r']
      ])
      expect(parseCommandFile('A<<EOF\r\nv\r\nEOF\n', platform).error).toBe(
        "Invalid value. Matching delimiter not found 'EOF\r'"
      )
    }
  })

  it('on Windows CRLF or LF ends a line; a lone CR is text', () => {
    expect(parseCommandFile('A=1\r\nB=x\ry\nC=3', 'win32').entries).toEqual([
      ['A', '1'],
      ['B', 'x\ry'],
      ['C', '3']
    ])
  })

  it('a heredoc value is the original text between its lines, line breaks as written', () => {
    expect(parseCommandFile('A<<EOF\r\nl1\r\nl2\nl3\r\nEOF\r\n', 'win32').entries).toEqual([
      ['A', 'l1\r\nl2\nl3']
    ])
    expect(parseCommandFile('A<<EOF\n\r\n\nEOF\n', 'win32').entries).toEqual([['A', '\r\n']])
    expect(parseCommandFile('A<<EOF\n\n\nEOF\n', 'linux').entries).toEqual([['A', '\n']])
  })

  it('accepts a closing delimiter without a line break at the end of the file', () => {
    expect(parseCommandFile('A<<EOF\nv\nEOF', 'linux').entries).toEqual([['A', 'v']])
  })
})

describe('malformed files: the runner’s messages, and what came before is kept', () => {
  it('says "EOF marker missing new line" when the file ends on a value line', () => {
    expect(parseCommandFile('A=1\nB<<EOF\nvalue', 'linux')).toEqual({
      entries: [['A', '1']],
      error: 'Invalid value. EOF marker missing new line.'
    })
  })

  it('says "Matching delimiter not found" when the file ends after a complete line', () => {
    expect(parseCommandFile('A<<EOF\nnever closed\n', 'linux').error).toBe(
      "Invalid value. Matching delimiter not found 'EOF'"
    )
    expect(parseCommandFile('A<<EOF', 'linux').error).toBe(
      "Invalid value. Matching delimiter not found 'EOF'"
    )
  })

  it('refuses a line with neither = nor <<, and a heredoc without name or delimiter', () => {
    expect(parseCommandFile('a=1\njunk\nb=2\n', 'linux')).toEqual({
      entries: [['a', '1']],
      error: "Invalid format 'junk'"
    })
    for (const line of ['<<EOF', 'A<<'])
      expect(parseCommandFile(`${line}\n`, 'linux').error).toBe(
        `Invalid format '${line}'. Name must not be empty and delimiter must not be empty`
      )
  })

  it('prefers whichever of = and << comes first', () => {
    expect(parseCommandFile('a=b<<c\n', 'linux').entries).toEqual([['a', 'b<<c']])
    expect(parseCommandFile('a<<=\nv\n=\n', 'linux').entries).toEqual([['a', 'v']])
  })

  it('refuses NAME=value with an empty name (a deliberate difference: the runner accepts it)', () => {
    expect(parseCommandFile('=1\n', 'linux').error).toBe(
      "Invalid format '=1'. Name must not be empty"
    )
  })
})

describe('refuseBlockedEnv: SetEnvFileCommand’s block list', () => {
  it('refuses NODE_OPTIONS in any letter case, keeps the rest in order', () => {
    const entries = [
      ['A', '1'],
      ['node_options', '--require=/tmp/x'],
      ['B', '2'],
      ['Node_Options', 'x']
    ] as const
    const message = "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command."
    expect(refuseBlockedEnv(entries)).toEqual({
      accepted: [
        ['A', '1'],
        ['B', '2']
      ],
      refused: [
        { name: 'node_options', message },
        { name: 'Node_Options', message }
      ]
    })
  })

  it('compares as OrdinalIgnoreCase: only ASCII letters fold', () => {
    const names = ['NODE_OPTıONS', 'NODE_OPTIONſ', 'NODE_OPTIONS_X', 'XNODE_OPTIONS']
    const entries = names.map(name => [name, 'v'] as const)
    expect(refuseBlockedEnv(entries).refused).toEqual([])
  })
})
