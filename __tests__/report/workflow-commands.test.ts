import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  hasCommandLineStart,
  RUNNER_WHITESPACE,
  runnerWhitespaceBytes,
  trimRunnerWhitespace
} from '../../src/report/runner-whitespace.js'
import { OutputFilter } from '../../src/report/output-filter.js'
import { isDotNetWhiteSpace } from '../helpers/dotnet-whitespace.js'
import { StepCommands } from '../../src/report/step-commands.js'
import { foldCase, parseCommand } from '../../src/report/workflow-commands.js'
import { tryParse, tryParseV2 } from '../helpers/action-command.js'
import { COMMAND_EXTENSIONS } from '../helpers/command-extensions.js'
import { OrdinalIgnoreCaseSet } from '../helpers/dotnet.js'

// The rules are the runner's (actions/runner 2.336, src/Runner.Common/ActionCommand.cs and
// src/Runner.Worker/ActionCommandManager.cs); each test names the one it checks.

describe('runner whitespace (.NET Char.IsWhiteSpace, used by TrimStart in TryParseV2)', () => {
  it('has NEL and the Unicode spaces, and not the BOM, unlike JavaScript', () => {
    expect(RUNNER_WHITESPACE).toContain('\u0085')
    expect(RUNNER_WHITESPACE).toContain('\u00a0')
    expect(RUNNER_WHITESPACE).toContain('\u3000')
    expect(RUNNER_WHITESPACE).not.toContain('\ufeff')
    expect(trimRunnerWhitespace('\u0085\u2007 x')).toBe('x')
    expect(trimRunnerWhitespace('\ufeffx')).toBe('\ufeffx')
  })

  it("is the runner model's set, built independently from .NET's definition", () => {
    const product = new Set(Array.from(RUNNER_WHITESPACE, char => char.charCodeAt(0)))
    for (let code = 0; code <= 0xffff; code++)
      expect([code, product.has(code)]).toEqual([
        code,
        isDotNetWhiteSpace(String.fromCharCode(code))
      ])
  })

  it('finds the same whitespace in UTF-8 bytes as in text, for every character', () => {
    for (let code = 0; code <= 0x3000; code++) {
      const char = String.fromCharCode(code)
      if (code >= 0xd800 && code <= 0xdfff) continue
      const bytes = Buffer.from(`${char}x`)
      const expected = RUNNER_WHITESPACE.includes(char) ? bytes.length - 1 : 0
      expect([code, runnerWhitespaceBytes(bytes)]).toEqual([code, expected])
    }
  })

  it('sees `::` at the start of any line, after any runner whitespace', () => {
    expect(hasCommandLineStart('a\n\u00a0::x')).toBe(true)
    expect(hasCommandLineStart('a\r\u0085::x')).toBe(true)
    expect(hasCommandLineStart('a ::x')).toBe(false)
  })
})

describe('parseCommand, as TryParseV2 then TryParse', () => {
  it('V2: after any leading .NET whitespace, with a registered name in any case', () => {
    expect(parseCommand('\u00a0\u2003::ADD-MASK::s')).toMatchObject({ name: 'add-mask', data: 's' })
    expect(parseCommand('\ufeff::add-mask::s')?.name).toBeUndefined()
    expect(parseCommand('::not-a-command::s')).toBeUndefined()
  })

  it('legacy: `##[name]data` anywhere in the line, only at its first `##[`', () => {
    expect(parseCommand('log: ##[add-mask]s')).toMatchObject({ name: 'add-mask', data: 's' })
    expect(parseCommand('##[group] ##[add-mask]s')?.name).toBe('group')
    expect(parseCommand('##[nope] ##[add-mask]s')).toBeUndefined()
    expect(parseCommand('##[add-mask no closing bracket')).toBeUndefined()
  })

  it('V2 first: a V2 command line is never read as a legacy one', () => {
    expect(parseCommand('::error::x ##[add-mask]s')).toMatchObject({ name: 'error' })
  })

  it('unescapes with the runner\u2019s tables: ordinal and case-sensitive, in table order', () => {
    expect(parseCommand('::add-mask::a%0Ab%0Dc%25d%0ae%3A')?.data).toBe('a\nb\rc%d%0ae%3A')
    expect(parseCommand('::error title=a%3Ab%2Cc%3a::x')?.properties.title).toBe('a:b,c%3a')
    expect(parseCommand('##[add-mask]a%3Bb%5Dc%0Ad%25e%3b')?.data).toBe('a;b]c\nd%e%3b')
    // %25 is replaced last: %250A stays %0A, as String.Replace in sequence leaves it.
    expect(parseCommand('::add-mask::%250A')?.data).toBe('%0A')
  })

  it('reads properties as the runner splits them, keys without case', () => {
    const command = parseCommand('::error Title=t,,LINE=3,col==4,endLine=,=x,file=a=b::m')
    expect({ ...command?.properties }).toEqual({ title: 't', line: '3', col: '4', file: 'a=b' })
    expect(parseCommand('##[warning file=a;line=2]m')?.properties).toMatchObject({
      file: 'a',
      line: '2'
    })
  })
})

describe("a step's own ::stop-commands:: (ActionCommandManager, one per step)", () => {
  const feed = (text: string): { honoured: string[]; out: string } => {
    const honoured: string[] = []
    const commands = new StepCommands(command => {
      honoured.push(`${command.name}:${command.data}`)
      return command.name === 'add-mask' ? 'drop' : 'relay'
    })
    const stdout = new OutputFilter(commands.handle, () => commands.resumeName)
    const stderr = new OutputFilter(commands.handle, () => commands.resumeName)
    const out: Buffer[] = []
    // Both streams share the step's state: stop on one, resume on the other.
    const [first = '', second = ''] = text.split('|')
    out.push(...stdout.push(Buffer.from(first)).chunks, ...stdout.end())
    out.push(...stderr.push(Buffer.from(second)).chunks, ...stderr.end())
    return { honoured, out: Buffer.concat(out).toString() }
  }

  it('nothing is honoured until the token resumes, in any case; the lines are shown', () => {
    const { honoured, out } = feed(
      '::stop-commands::Tok1\n::add-mask::hidden\n::error::inert\n|::TOK1::\n::add-mask::live\n'
    )
    expect(honoured).toEqual(['add-mask:live'])
    expect(out).toBe('::stop-commands::Tok1\n::add-mask::hidden\n::error::inert\n::TOK1::\n')
  })

  it('an invalid token (empty, a command, pause-logging) stops nothing', () => {
    for (const token of ['', 'error', 'Pause-Logging']) {
      const { honoured } = feed(`::stop-commands::${token}\n::add-mask::m\n|`)
      expect(honoured).toEqual(['add-mask:m'])
    }
  })
})

describe('parseCommand against the runner model (ActionCommand.cs ported in __tests__/helpers)', () => {
  const registered = new OrdinalIgnoreCaseSet([
    'stop-commands',
    ...COMMAND_EXTENSIONS.map(extension => extension.command)
  ])
  const model = (line: string): [string, Record<string, string>, string] | undefined => {
    const command = tryParseV2(line, registered) ?? tryParse(line, registered)
    if (!command) return undefined
    const properties: Record<string, string> = {}
    for (const [key, value] of command.properties.entries()) properties[foldCase(key)] = value
    return [foldCase(command.command), properties, command.data]
  }
  const product = (line: string): [string, Record<string, string>, string] | undefined => {
    const command = parseCommand(line)
    return command && [command.name, { ...command.properties }, command.data]
  }
  // Lines built from the pieces that matter to the parsers.
  const piece = fc.constantFrom(
    '::',
    '##[',
    ']',
    ' ',
    ',',
    ';',
    '=',
    '%',
    '%0A',
    '%0a',
    '%25',
    '%3A',
    '%2C',
    '%3B',
    '%5D',
    '\u00a0',
    '\u0085',
    '\ufeff',
    '\t',
    'add-mask',
    'ADD-MASK',
    'error',
    'title',
    'File',
    'add-mas\u212a',
    'x',
    'é',
    '::error',
    '::add-mask::',
    '##[warning '
  )
  it('agrees on every line (property)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), pieces => {
        const line = pieces.join('')
        expect(product(line)).toEqual(model(line))
      }),
      { numRuns: 20_000 }
    )
  })

  it('does not fold the Kelvin sign into k, as OrdinalIgnoreCase does not', () => {
    expect(parseCommand('::add-mas\u212a::x')).toBeUndefined()
  })
})
