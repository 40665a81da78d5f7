/**
 * The test-side model of the Actions runner, one test per rule, each named after the rule
 * and the runner file it comes from (actions/runner 2.336). Tests named after an L0 test
 * port that test's cases.
 */
import { describe, expect, it } from 'vitest'
import { tryParse, tryParseV2 } from './action-command.js'
import {
  equalsOrdinalIgnoreCase,
  intTryParse,
  isNullOrWhiteSpace,
  OrdinalIgnoreCaseSet,
  split,
  trim,
  trimStart
} from './dotnet.js'
import { DOTNET_WHITESPACE, isDotNetWhiteSpace } from './dotnet-whitespace.js'
import { emulateRunner, readLines } from './runner-emulator.js'
import { createHostSecretMasker, SecretMasker, valueEncoders } from './secret-masker.js'

const lines = (...text: string[]): string => `${text.join('\n')}\n`

/** A parsed command as plain data: name, properties, data. */
function parsed(command: ReturnType<typeof tryParseV2>): unknown {
  return (
    command && [command.command, Object.fromEntries(command.properties.entries()), command.data]
  )
}

describe('.NET string semantics the runner relies on', () => {
  it('Char.IsWhiteSpace: Zs, U+2028, U+2029, U+0009–U+000D and U+0085; not U+FEFF (System.Char)', () => {
    const codes = Array.from({ length: 0x10000 }, (_, code) => code)
    const expected = codes.filter(
      code =>
        /\p{Zs}/u.test(String.fromCharCode(code)) ||
        (code >= 0x09 && code <= 0x0d) ||
        [0x85, 0x2028, 0x2029].includes(code)
    )
    expect(codes.filter(code => isDotNetWhiteSpace(String.fromCharCode(code)))).toEqual(expected)
    expect(DOTNET_WHITESPACE).toEqual(expected)
    expect(isDotNetWhiteSpace('\ufeff')).toBe(false)
    expect(isDotNetWhiteSpace('\u180e')).toBe(false)
    expect(isDotNetWhiteSpace('\u001f')).toBe(false)
  })

  it('TrimStart / Trim / IsNullOrWhiteSpace use Char.IsWhiteSpace, unlike JavaScript trim (System.String)', () => {
    expect(trimStart('\u0085\u00a0\u3000::x ')).toBe('::x ')
    expect('\u0085::x'.trimStart()).toBe('\u0085::x')
    expect(trim('\ufeffx\ufeff')).toBe('\ufeffx\ufeff')
    expect('\ufeffx\ufeff'.trim()).toBe('x')
    expect(trim(' \u2028x\u0085 ')).toBe('x')
    expect(isNullOrWhiteSpace('\u0085 \t')).toBe(true)
    expect(isNullOrWhiteSpace('\ufeff')).toBe(false)
  })

  it("Split('=', 2, RemoveEmptyEntries) skips empty entries before the last one (.NET Core String.SplitMerge.cs)", () => {
    const pair = (text: string): string[] =>
      split(text, '=', { count: 2, removeEmptyEntries: true })
    expect(pair('a==b')).toEqual(['a', 'b'])
    expect(pair('=a=b')).toEqual(['a', 'b'])
    expect(pair('a===b=')).toEqual(['a', 'b='])
    expect(pair('a=b=c')).toEqual(['a', 'b=c'])
    expect(pair('a=')).toEqual(['a'])
    expect(pair('a==')).toEqual(['a'])
    expect(pair('=a')).toEqual(['a'])
    expect(pair('==')).toEqual([])
    expect(pair('ab')).toEqual(['ab'])
    expect(pair('')).toEqual([])
  })

  it('Split: RemoveEmptyEntries drops empty entries, TrimEntries trims each, None keeps all (String.SplitMerge.cs)', () => {
    expect(split('a,,b,', ',', { removeEmptyEntries: true })).toEqual(['a', 'b'])
    expect(split('a,,b,', ',')).toEqual(['a', '', 'b', ''])
    expect(
      split(' a \r\n\u0085\r b', '\r\n', { removeEmptyEntries: true, trimEntries: true })
    ).toEqual(['a', 'b'])
    expect(split(' a ', '\r\n', { removeEmptyEntries: true, trimEntries: true })).toEqual(['a'])
    expect(split(' ', '\r\n', { removeEmptyEntries: true, trimEntries: true })).toEqual([])
    expect(split('a=b', '=', { count: 1 })).toEqual(['a=b'])
    expect(split('a=b', '=', { count: 0 })).toEqual([])
  })

  it('OrdinalIgnoreCase: case-insensitive, and no non-ASCII letter equals an ASCII one (OrdinalCasing)', () => {
    expect(equalsOrdinalIgnoreCase('Set-Output', 'SET-OUTPUT')).toBe(true)
    expect(equalsOrdinalIgnoreCase('\u017fet-output', 'set-output')).toBe(false)
    expect(equalsOrdinalIgnoreCase('not\u0131ce', 'notice')).toBe(false)
    expect(equalsOrdinalIgnoreCase('\u00e4bc', '\u00c4BC')).toBe(true)
    const set = new OrdinalIgnoreCaseSet(['group'])
    expect(set.has('GROUP')).toBe(true)
    expect(set.has('group ')).toBe(false)
  })

  it('int.TryParse: white space around, one sign, ASCII digits, trailing NULs, Int32 range (Number.Parsing)', () => {
    expect(intTryParse(' 12\t')).toBe(12)
    expect(intTryParse('+7')).toBe(7)
    expect(intTryParse('-0')).toBe(0)
    expect(intTryParse('3\u0000\u0000')).toBe(3)
    expect(intTryParse('2147483647')).toBe(2147483647)
    expect(intTryParse('2147483648')).toBeUndefined()
    expect(intTryParse('1.0')).toBeUndefined()
    expect(intTryParse('\u0663')).toBeUndefined()
    expect(intTryParse('')).toBeUndefined()
    expect(intTryParse('\u00a01')).toBeUndefined()
  })
})

describe('ActionCommand.cs: reading a line as a command', () => {
  const doSomething = new OrdinalIgnoreCaseSet(['do-something'])

  it('CommandParserTest (ActionCommandL0.cs): the legacy ##[name k=v;]data form', () => {
    const legacy = (message: string): unknown => parsed(tryParse(message, doSomething))
    expect(legacy('##[do-something k1=v1;]msg')).toEqual(['do-something', { k1: 'v1' }, 'msg'])
    expect(legacy('##[do-something]')).toEqual(['do-something', {}, ''])
    expect(legacy('##[do-something k1=%3B=%0D=%0A=%5D;]%3B-%0D-%0A-%5D')).toEqual([
      'do-something',
      { k1: ';=\r=\n=]' },
      ';-\r-\n-]'
    ])
    expect(legacy('##[do-something k1=%253B=%250D=%250A=%255D;]%253B-%250D-%250A-%255D')).toEqual([
      'do-something',
      { k1: '%3B=%0D=%0A=%5D' },
      '%3B-%0D-%0A-%5D'
    ])
    expect(legacy('##[do-something k1=;k2=;]')).toEqual(['do-something', {}, ''])
    expect(legacy('>>>   ##[do-something k1=v1;]msg')).toEqual([
      'do-something',
      { k1: 'v1' },
      'msg'
    ])
  })

  it('CommandParserV2Test (ActionCommandL0.cs): the ::name k=v,::data form', () => {
    const v2 = (message: string): unknown => parsed(tryParseV2(message, doSomething))
    expect(v2('::do-something k1=v1,::msg')).toEqual(['do-something', { k1: 'v1' }, 'msg'])
    expect(v2('::do-something::')).toEqual(['do-something', {}, ''])
    expect(v2('::do-something k1=;=%2C=%0D=%0A=]=%3A,::;-%0D-%0A-]-:-,')).toEqual([
      'do-something',
      { k1: ';=,=\r=\n=]=:' },
      ';-\r-\n-]-:-,'
    ])
    expect(v2('::do-something k1=;=%252C=%250D=%250A=]=%253A,::;-%250D-%250A-]-:-,')).toEqual([
      'do-something',
      { k1: ';=%2C=%0D=%0A=]=%3A' },
      ';-%0D-%0A-]-:-,'
    ])
    expect(v2('::do-something k1=,k2=,::')).toEqual(['do-something', {}, ''])
    expect(v2('::do-something k1=v1::')).toEqual(['do-something', { k1: 'v1' }, ''])
    expect(v2('   ::do-something k1=v1,::msg')).toEqual(['do-something', { k1: 'v1' }, 'msg'])
    expect(v2('   >>>   ::do-something k1=v1,::msg')).toBeUndefined()
  })

  it('TryParseV2: `::` after TrimStart (.NET white space, U+FEFF not), data after the next `::`', () => {
    expect(parsed(tryParseV2('\u0085\u00a0\v::do-something::a::b', doSomething))).toEqual([
      'do-something',
      {},
      'a::b'
    ])
    expect(tryParseV2('\ufeff::do-something::x', doSomething)).toBeUndefined()
    expect(tryParseV2('::do-something', doSomething)).toBeUndefined()
    expect(tryParseV2('::do-something x=1:', doSomething)).toBeUndefined()
  })

  it('TryParseV2: properties trimmed as a whole, keys and values not; pairs split on the first `=` with empties skipped', () => {
    const command = tryParseV2(
      '::do-something  k1=a ,\u0085k2=b,=k3=c,k4==d,k5=,=,k6\u0085::',
      doSomething
    )
    expect(parsed(command)).toEqual([
      'do-something',
      { k1: 'a ', '\u0085k2': 'b', k3: 'c', k4: 'd' },
      ''
    ])
  })

  it('Unescaping is ordinal and case-sensitive, each table in its order (UnescapeData / UnescapeProperty / Unescape)', () => {
    expect(
      parsed(tryParseV2('::do-something k=%3a%2c%0d%3A%2C::%0a%0d%3A%0A%2525', doSomething))
    ).toEqual(['do-something', { k: '%3a%2c%0d:,' }, '%0a%0d%3A\n%25'])
    expect(parsed(tryParse('##[do-something k=%3b%5d%3A]%5d%2C%3B', doSomething))).toEqual([
      'do-something',
      { k: '%3b%5d%3A' },
      '%5d%2C;'
    ])
  })

  it('The name matches the registered set ignoring case; properties are an OrdinalIgnoreCase dictionary', () => {
    const command = tryParseV2('::Do-Something Title=a,TITLE=b,x=1::d', doSomething)
    expect(command?.command).toBe('Do-Something')
    expect(command?.properties.entries()).toEqual([
      ['Title', 'b'],
      ['x', '1']
    ])
    expect(command?.properties.get('title')).toBe('b')
    expect(command?.properties.asRecord().title).toBe('b')
    expect(tryParseV2('::do-somethin::d', doSomething)).toBeUndefined()
  })

  it('TryParse: only the first `##[` in the line, up to the next `]`', () => {
    expect(parsed(tryParse('x ##[do-something]y ##[other]z', doSomething))).toEqual([
      'do-something',
      {},
      'y ##[other]z'
    ])
    expect(tryParse('##[other] ##[do-something]y', doSomething)).toBeUndefined()
    expect(tryParse('##[do-something', doSomething)).toBeUndefined()
  })

  it('An empty command name never parses, even when registered (new ActionCommand("") throws, caught)', () => {
    const withEmpty = new OrdinalIgnoreCaseSet([''])
    expect(tryParseV2('::::x', withEmpty)).toBeUndefined()
    expect(tryParse('##[]x', withEmpty)).toBeUndefined()
  })
})

describe('ProcessInvoker.cs and OutputManager.cs: which lines are commands, what is shown', () => {
  it('StreamReader.ReadLine: \\r, \\n and \\r\\n end a line; a last line without break counts; a leading BOM is dropped', () => {
    expect(readLines('a\rb\r\nc\nd')).toEqual(['a', 'b', 'c', 'd'])
    expect(readLines('a\n\r')).toEqual(['a', ''])
    expect(readLines('\n')).toEqual([''])
    expect(readLines('')).toEqual([])
    expect(readLines('\ufeffa\ufeff')).toEqual(['a\ufeff'])
    const runner = emulateRunner('x\r::warning::w\r\n::error::e')
    expect(runner.annotations.map(a => a.data)).toEqual(['w', 'e'])
    expect(runner.displayed).toEqual(['x', '##[warning]w', '##[error]e'])
  })

  it('OnDataReceived: a line that is not a registered command is shown as it is', () => {
    const runner = emulateRunner(lines('::foo::bar', '##[foo]bar', 'plain', '', ':: warning::y'))
    expect(runner.processed).toEqual([])
    expect(runner.displayed).toEqual(['::foo::bar', '##[foo]bar', 'plain', '', ':: warning::y'])
  })

  it('OnDataReceived: TryParseV2, then the legacy TryParse on the same line', () => {
    const runner = emulateRunner(lines('::foo:: ##[warning k=v;]legacy', 'text ##[group]mid-line'))
    expect(runner.annotations.map(a => [a.name, a.properties.k, a.data])).toEqual([
      ['warning', 'v', 'legacy']
    ])
    expect(runner.groupDepth).toBe(1)
    expect(runner.displayed).toEqual(['##[warning]legacy', '##[group]mid-line'])
  })

  it('StripCompositeMarkers (OutputManagerL0.cs): ##[start-action / ##[end-action are defused in output', () => {
    const runner = emulateRunner(
      lines(
        '##[start-action display=Fake;id=fake]',
        '##[end-action id=fake;outcome=success;conclusion=success;duration_ms=100]',
        'Some text ##[start-action display=fake;id=fake] more text'
      )
    )
    expect(runner.displayed).toEqual([
      '##[\\start-action display=Fake;id=fake]',
      '##[\\end-action id=fake;outcome=success;conclusion=success;duration_ms=100]',
      'Some text ##[\\start-action display=fake;id=fake] more text'
    ])
  })

  it('StripCompositeMarkers_PreservesOtherCommands (OutputManagerL0.cs): ##[group] is a command, its markup shown', () => {
    const runner = emulateRunner(lines('##[group]My Group'))
    expect(runner.displayed).toEqual(['##[group]My Group'])
    expect(runner.groupDepth).toBe(1)
    expect(runner.viewerGroups).toBe(0)
  })
})

describe('ActionCommandManager.cs: stop-commands', () => {
  it('StopProcessCommand (ActionCommandManagerL0.cs): commands are text until the token, then work again', () => {
    const runner = emulateRunner(
      lines('##[stop-commands]stopToken', '##[warning]ignored', '##[stopToken]', '##[warning]w')
    )
    expect(runner.annotations.map(a => a.data)).toEqual(['w'])
    expect(runner.displayed).toEqual([
      '##[stop-commands]***',
      '##[warning]ignored',
      '##[***]',
      '##[warning]w'
    ])
    expect(runner.stopped).toBe(false)
  })

  it('StopProcessCommandAcceptsValidToken (ActionCommandManagerL0.cs): resume by a command named like the token, in any casing', () => {
    const runner = emulateRunner(
      lines('::stop-commands::randomToken', '::warning::no', '::RANDOMTOKEN::', '::warning::yes')
    )
    expect(runner.annotations.map(a => a.data)).toEqual(['yes'])
    expect(runner.displayed).toEqual([
      '::stop-commands::***',
      '::warning::no',
      '::RANDOMTOKEN::',
      '##[warning]yes'
    ])
  })

  it('StopProcessCommandMasksValidTokenForEntireRun (ActionCommandManagerL0.cs): a token longer than 6 characters is masked', () => {
    const runner = emulateRunner(
      lines(
        '::stop-commands::randomToken',
        '::randomToken::',
        'randomToken',
        '::stop-commands::abcdef',
        'abcdef'
      )
    )
    expect(runner.displayed).toEqual([
      '::stop-commands::***',
      '::***::',
      '***',
      '::stop-commands::abcdef',
      'abcdef'
    ])
    expect(runner.secrets).toEqual(['randomToken'])
    expect(runner.masks).toEqual([])
    expect(runner.stopped).toBe(true)
  })

  it.each(['', 'stop-commands', 'set-env', 'SET-ENV', 'pause-logging', 'Pause-Logging'])(
    'StopProcessCommand__FailOnInvalidStopTokens (ActionCommandManagerL0.cs): %j throws, the stop is not applied, the step fails',
    token => {
      const runner = emulateRunner(lines('before', `::stop-commands::${token}`, '::warning::after'))
      expect(runner.stopped).toBe(false)
      expect(runner.stepFailed).toBe(true)
      expect(runner.abortedAtLine).toBe(1)
      expect(runner.errors).toEqual([
        expect.stringMatching(/^##\[error\]You cannot use a endToken that is an empty string/)
      ])
      // The exception leaves ProcessInvoker's output loop: nothing after it is read.
      expect(runner.displayed).toEqual(['before', runner.errors[0]])
      expect(runner.annotations).toEqual([])
    }
  )

  it('StopProcessCommand__AllowsInvalidStopTokens__IfEnvVarIsSet (ActionCommandManagerL0.cs): with ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS the stop happens', () => {
    const options = { allowUnsecureStopCommandTokens: true }
    const empty = emulateRunner(
      lines('::stop-commands::', '::warning::a', '::::', '::warning::b'),
      options
    )
    // An empty token never resumes.
    expect(empty.stopped).toBe(true)
    expect(empty.annotations).toEqual([])
    // A command name as token resumes on that command, which is then no longer registered
    // (and, longer than 6 characters, is masked).
    const setEnv = emulateRunner(
      lines(
        '::stop-commands::set-env',
        '::set-env name=a::1',
        '::set-env name=b::2',
        '::warning::w'
      ),
      options
    )
    expect(setEnv.stopped).toBe(false)
    expect(setEnv.annotations.map(a => a.data)).toEqual(['w'])
    expect(setEnv.displayed).toEqual([
      '::stop-commands::***',
      '::*** name=a::1',
      '::*** name=b::2',
      '##[warning]w'
    ])
    expect(setEnv.stepFailed).toBe(false)
  })

  it('Stopped: the token is registered (so it parses in the legacy form too) and only it is taken', () => {
    const runner = emulateRunner(
      lines('::stop-commands::tok3n-long', 'x ##[tok3n-long]', '::warning::w'),
      {}
    )
    expect(runner.stopped).toBe(false)
    expect(runner.displayed).toEqual(['::stop-commands::***', 'x ##[***]', '##[warning]w'])
  })

  it('Stopped: a token with a space or `::` never matches a command name, so commands never resume', () => {
    expect(
      emulateRunner(lines('::stop-commands::my token', '::my token::', '::my::')).stopped
    ).toBe(true)
    expect(emulateRunner(lines('::stop-commands::a::b', '::a::b::', '::a::')).stopped).toBe(true)
  })
})

describe('ActionCommandManager.cs: echo, and what each command shows', () => {
  it('EchoProcessCommand (ActionCommandManagerL0.cs): ::echo::on / off, any casing, trimmed', () => {
    const runner = emulateRunner(
      lines(
        '::echo::on',
        '::group::a',
        '::echo::off',
        '::group::b',
        '::echo::ON',
        '::group::c',
        '::echo::Off   ',
        '::group::d'
      )
    )
    expect(runner.displayed).toEqual([
      '::group::a',
      '##[group]a',
      '::echo::off',
      '##[group]b',
      '::group::c',
      '##[group]c',
      '::echo::Off   ',
      '##[group]d'
    ])
    expect(runner.stepFailed).toBe(false)
    // Trimmed with .NET's white space: U+0085 and U+00A0 too.
    expect(emulateRunner(lines('::echo::\u0085on\u00a0', '::group::e')).displayed).toEqual([
      '::group::e',
      '##[group]e'
    ])
  })

  it('EchoProcessCommandInvalid (ActionCommandManagerL0.cs): an invalid or empty value fails the step, echo unchanged', () => {
    const runner = emulateRunner(lines('::echo::invalid', '::echo::', '::group::g'))
    expect(runner.stepFailed).toBe(true)
    expect(runner.abortedAtLine).toBeUndefined()
    expect(runner.errors).toEqual([
      "##[error]Unable to process command '::echo::invalid' successfully.",
      "##[error]Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: 'invalid'.",
      "##[error]Unable to process command '::echo::' successfully.",
      "##[error]Value cannot be null. (Parameter 'value')"
    ])
    expect(runner.displayed.at(-1)).toBe('##[group]g')
  })

  it('EchoProcessCommandDebugOn (ActionCommandManagerL0.cs): ACTIONS_STEP_DEBUG starts with echo on and shows debug lines', () => {
    const runner = emulateRunner(
      lines('::group::g', '::debug::a%0Ab', '::echo::off', '::group::h'),
      {
        stepDebug: true
      }
    )
    expect(runner.displayed).toEqual([
      '::group::g',
      '##[group]g',
      '##[debug]a',
      '##[debug]b',
      '::echo::off',
      "##[debug]Setting echo command value to 'off'",
      '##[group]h'
    ])
    expect(emulateRunner(lines('::debug::a')).displayed).toEqual([])
  })

  it('OmitEcho: add-mask, debug, error, warning and notice are never echoed; add-mask shows ::add-mask::***', () => {
    const runner = emulateRunner(
      lines(
        '::echo::on',
        '::add-mask::secret1',
        '::debug::d',
        '::error::e',
        '::warning::w',
        '::notice::n',
        '::endgroup::x'
      )
    )
    expect(runner.displayed).toEqual([
      '::add-mask::***',
      '##[error]e',
      '##[warning]w',
      '##[notice]n',
      '::endgroup::x',
      '##[endgroup]'
    ])
  })

  it('GroupingCommandExtension: ##[group]title and ##[endgroup] (its data dropped); not counted as raw viewer groups', () => {
    const runner = emulateRunner(lines('::group::Title %25', '::endgroup::ignored', '::endgroup::'))
    expect(runner.displayed).toEqual(['##[group]Title %', '##[endgroup]', '##[endgroup]'])
    expect(runner.viewerGroups).toBe(0)
    expect(runner.groupUnderflow).toBe(true)
  })

  it('The log viewer draws groups from ##[group] lines that no group command wrote (e.g. in an issue message)', () => {
    const runner = emulateRunner(
      lines('::warning::a%0A##[group]b', '::stop-commands::tokentoken', '##[group]c')
    )
    expect(runner.displayed).toEqual([
      '##[warning]a',
      '##[group]b',
      '::stop-commands::***',
      '##[group]c'
    ])
    expect(runner.viewerGroups).toBe(2)
    expect(runner.groupDepth).toBe(0)
  })

  it('Unable to process command: a failing command logs two errors, naming the line, and fails the step', () => {
    const runner = emulateRunner(lines('::set-output::x', '::save-state Name=::y'))
    expect(runner.stepFailed).toBe(true)
    expect(runner.errors.filter(e => e.startsWith('##[error]'))).toEqual([
      "##[error]Unable to process command '::set-output::x' successfully.",
      "##[error]Required field 'name' is missing in ##[set-output] command.",
      "##[error]Unable to process command '::save-state Name=::y' successfully.",
      "##[error]Required field 'name' is missing in ##[save-state] command."
    ])
    expect(runner.outputsSetByCommand).toEqual([])
  })

  it('SetOutputCommand / SaveStateCommand (ActionCommandManager.cs): deprecated, with a warning each time; the name read ignoring case', () => {
    const runner = emulateRunner(
      lines('::set-output NAME=a::1', '::set-output name=b::2', '::save-state name=s::3')
    )
    expect(runner.outputsSetByCommand).toEqual(['a', 'b'])
    expect(runner.errors.map(e => e.slice(0, 40))).toEqual([
      '##[warning]The `set-output` command is d',
      '##[warning]The `set-output` command is d',
      '##[warning]The `save-state` command is d'
    ])
    const quiet = emulateRunner(lines('::set-output name=a::1'), {
      deprecateStepOutputCommands: false
    })
    expect(quiet.errors).toEqual([])
  })

  it('SetEnv / AddPath (ActionCommandManager.cs): disabled unless ACTIONS_ALLOW_UNSECURE_COMMANDS; NODE_OPTIONS blocked', () => {
    const disabled = emulateRunner(lines('::set-env name=A::1', '::add-path::/x'))
    expect(disabled.stepFailed).toBe(true)
    expect(disabled.errors[1]).toMatch(/^##\[error\]The `set-env` command is disabled\./)
    expect(disabled.errors[3]).toMatch(/^##\[error\]The `add-path` command is disabled\./)
    const allowed = emulateRunner(lines('::set-env name=node_options::x', '::add-path::'), {
      allowUnsecureCommands: true
    })
    expect(allowed.errors).toEqual([
      "##[error]Can't update NODE_OPTIONS environment variable using ::set-env:: command.",
      "##[error]Unable to process command '::add-path::' successfully.",
      "##[error]Value cannot be null. (Parameter 'path')"
    ])
  })

  it('AddMatcher / RemoveMatcher (ActionCommandManager.cs): warnings for a missing file, or for both or neither of owner and file', () => {
    const runner = emulateRunner(
      lines(
        '::add-matcher::',
        '::add-matcher::m.json',
        '::remove-matcher owner=o::f',
        '::remove-matcher::'
      )
    )
    expect(runner.matchersAdded).toBe(1)
    expect(runner.errors).toEqual([
      '##[warning]File path must be specified.',
      '##[warning]Either specify an owner name or a file path in ##[remove-matcher] command. Both values cannot be set.',
      '##[warning]Either an owner name or a file path must be specified in ##[remove-matcher] command.'
    ])
  })

  it("Notice: without the server's EnhancedAnnotations the line is plain output (an exact, case-sensitive `notice`)", () => {
    const runner = emulateRunner(lines('::notice::n', '::NOTICE::N'), {
      enhancedAnnotations: false
    })
    expect(runner.displayed).toEqual(['::notice::n', '##[notice]N'])
    expect(runner.annotations.map(a => a.data)).toEqual(['N'])
  })
})

describe('ActionCommandManager.cs: add-mask', () => {
  it('AddMaskWithMultilineValue (ActionCommandManagerL0.cs): the whole value and each trimmed line are masked; blank lines are not', () => {
    const runner = emulateRunner(
      lines(
        '::add-mask::abc%0Ddef%0Aghi%0D%0Ajkl',
        '::add-mask:: %0D  %0A   %0D%0A    %0D',
        'abc def ghi jkl',
        ' ',
        '    '
      )
    )
    expect(runner.masks).toEqual(['abc\rdef\nghi\r\njkl', 'abc', 'def', 'ghi', 'jkl'])
    expect(runner.displayed).toEqual([runner.errors[0], '*** *** *** ***', ' ', '    '])
    expect(runner.errors).toEqual([
      "##[warning]Can't add secret mask for empty string in ##[add-mask] command."
    ])
  })

  it('AddMask: IsNullOrWhiteSpace data (U+0085 included) warns; U+FEFF is a value to mask', () => {
    const runner = emulateRunner(
      lines('::add-mask::\u0085', '::add-mask::', '::add-mask::\ufeff', 'a\ufeffb')
    )
    expect(runner.errors).toHaveLength(2)
    expect(runner.masks).toEqual(['\ufeff'])
    expect(runner.displayed).toEqual(runner.errors.concat('a***b'))
  })

  it('AddMask: a line is masked from the line after the add-mask on, and the command line itself is not shown', () => {
    const runner = emulateRunner(lines('s3cr3t before', '::add-mask::s3cr3t', 's3cr3t after'))
    expect(runner.displayed).toEqual(['s3cr3t before', '*** after'])
  })

  it('AddMask while stopped: not processed, the line shown as it is', () => {
    const runner = emulateRunner(
      lines('::stop-commands::stop-token', '::add-mask::hidden', 'hidden')
    )
    expect(runner.masks).toEqual([])
    expect(runner.displayed).toEqual(['::stop-commands::***', '::add-mask::hidden', 'hidden'])
  })
})

describe('ActionCommandManager.cs: issues', () => {
  it('IssueCommandInvalidColumns (ActionCommandManagerL0.cs): inconsistent lines and columns are dropped or copied', () => {
    const props = (line: string): Record<string, string> => {
      const [annotation] = emulateRunner(lines(line)).annotations
      return { ...annotation?.properties }
    }
    expect(props('::warning line=1,endLine=2,col=1,endColumn=2::w')).toEqual({
      line: '1',
      endLine: '2'
    })
    expect(props('::warning col=1,endColumn=2::w')).toEqual({})
    expect(props('::warning endLine=1::w')).toEqual({ endLine: '1', line: '1' })
    expect(props('::warning line=1,endColumn=2::w')).toEqual({
      line: '1',
      endColumn: '2',
      col: '2'
    })
    expect(props('::warning line=,endLine=3::w')).toEqual({ endLine: '3', line: '3' })
    expect(props('::warning line=4,endLine=3::w')).toEqual({})
    expect(props('::warning line=1,endLine=1,col=3,endColumn=2::w')).toEqual({
      line: '1',
      endLine: '1'
    })
    expect(props('::warning line=1,endLine=1,col=1,endColumn=2::w')).toEqual({
      line: '1',
      endLine: '1',
      col: '1',
      endColumn: '2'
    })
    expect(props('::warning line=1,col=1,file=test.txt::w')).toEqual({
      line: '1',
      col: '1',
      file: 'test.txt'
    })
  })

  it('AddIssue (ExecutionContext.cs): the message masked and cut to 4096 characters, logged only when not empty', () => {
    const runner = emulateRunner(
      lines('::add-mask::hidden', `::error::hidden ${'x'.repeat(5000)}`, '::warning::')
    )
    const [error, warning] = runner.issues
    expect(error?.message).toBe(`*** ${'x'.repeat(4092)}`)
    expect(warning?.message).toBe('')
    expect(runner.displayed).toEqual([`##[error]*** ${'x'.repeat(4092)}`])
  })

  it('AddIssue (ExecutionContext.cs): only the first 10 issues of each type are on the record; all are logged', () => {
    const errors = Array.from({ length: 12 }, (_, i) => `::error::e${i}`)
    const runner = emulateRunner(lines(...errors, '::warning::w'))
    expect(runner.issues.filter(i => i.recorded).map(i => i.message)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `e${i}`),
      'w'
    ])
    expect(runner.displayed).toHaveLength(13)
    expect(emulateRunner(lines('::error::x'), { embedded: true }).issues[0]?.recorded).toBe(false)
  })
})

describe('SecretMasker.cs, ValueEncoders.cs and HostContext.cs: masking', () => {
  it('DefaultSecretMaskers (HostContextL0.cs): the value and its encodings', () => {
    const masker = createHostSecretMasker()
    for (const secret of [
      'Password123!',
      'Pass"word"123!',
      'Pass word 123!',
      'Pass<word>123!',
      "Pass'word'123!",
      '"Password123!!"',
      '"short"'
    ])
      masker.addValue(secret)
    const b64 = (text: string): string => Buffer.from(text).toString('base64')
    expect(masker.maskSecrets('123Password123!123')).toBe('123***123')
    expect(masker.maskSecrets('password123')).toBe('password123')
    expect(masker.maskSecrets('123Pass\\"word\\"123!123')).toBe('123***123')
    expect(masker.maskSecrets('123Pass%20word%20123%21123')).toBe('123***123')
    expect(masker.maskSecrets('123Pass&lt;word&gt;123!123')).toBe('123***123')
    expect(masker.maskSecrets("123Pass''word''123!123")).toBe('123***123')
    expect(masker.maskSecrets(b64(':Password123!'))).toBe('OlBh***')
    expect(masker.maskSecrets(b64('a:Password123!'))).toBe('YTpQ***')
    expect(masker.maskSecrets(b64('ab:Password123!'))).toBe('YWI6***')
    expect(masker.maskSecrets(b64('abc:Password123!'))).toBe('YWJjOlBh***')
    expect(masker.maskSecrets(b64('abcd:Password123!'))).toBe('YWJjZDpQ***')
    expect(masker.maskSecrets(b64('abcde:Password123!'))).toBe('YWJjZGU6***')
    expect(masker.maskSecrets('123Password123!!123')).toBe('123***123')
    expect(masker.maskSecrets('123short123')).toBe('123short123')
    expect(masker.maskSecrets('123"short"123')).toBe('123***123')
  })

  // In C#, "\x0033" is the character '3' (\x takes up to four hex digits): the L0 strings
  // hold "3[96m", not an escape code.
  it.each([
    ['secret&secret&secret', 'secret&secret&3[96msecret3[0m', '***3[96m***3[0m'],
    ['secret&secret+secret', 'secret&3[96msecret+secret3[0m', '***3[96m***3[0m'],
    ['secret+secret&secret', 'secret+secret&3[96msecret3[0m', '***3[96m***3[0m'],
    ['secret&secret&+secretsecret', 'secret&secret&+3[96ms3[0mecretsecret', '***3[96ms3[0m***'],
    ['secret&+secret&secret', 'secret&+3[96ms3[0mecret&secret', '***3[96ms3[0m***'],
    ['secret&+secret&+secret', 'secret&+3[96ms3[0mecret&+secret', '***3[96ms3[0m***'],
    ['secret&+secret&secret&+secret', 'secret&+3[96ms3[0mecret&secret&+secret', '***3[96ms3[0m***'],
    ['secret&secret&+', 'secret&secret&+3[96m3[0m', '***3[96m3[0m']
  ])('SecretSectionMasking (HostContextL0.cs): %s', (secret, raw, masked) => {
    const masker = createHostSecretMasker()
    masker.addValue(secret)
    expect(masker.maskSecrets(raw)).toBe(masked)
  })

  it('MaskSecrets: overlapping and touching occurrences merge into one ***; no minimum length; ordinal', () => {
    const masker = new SecretMasker()
    for (const secret of ['abc', 'cde', 'fg', 'x']) masker.addValue(secret)
    expect(masker.maskSecrets('abcdefgh')).toBe('***h')
    expect(masker.maskSecrets('aXa x xx')).toBe('aXa *** ***')
    expect(masker.maskSecrets('ABC')).toBe('ABC')
    expect(masker.maskSecrets('')).toBe('')
  })

  it('ValueEncoders: JSON (Newtonsoft, lower-case \\u), URI data (RFC 3986 unreserved only), XML, quotes, expressions, command line', () => {
    expect(valueEncoders.jsonStringEscape('a"\\\b\t\n\f\r\v\u0000\u0085\u2028\u2029\'é')).toBe(
      'a\\"\\\\\\b\\t\\n\\f\\r\\u000b\\u0000\\u0085\\u2028\\u2029\'é'
    )
    expect(valueEncoders.uriDataEscape("a-._~!*'() é\ud800")).toBe(
      'a-._~%21%2A%27%28%29%20%C3%A9%EF%BF%BD'
    )
    expect(valueEncoders.xmlDataEscape(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;'
    )
    expect(valueEncoders.trimDoubleQuotes('"123456"')).toBe('')
    expect(valueEncoders.trimDoubleQuotes('"1234567"')).toBe('1234567')
    expect(valueEncoders.expressionStringEscape("it's")).toBe("it''s")
    expect(valueEncoders.commandLineArgumentEscape('say "hi"')).toBe('say \\"hi\\"')
    expect(valueEncoders.base64StringEscapeShift1('ab')).toBe('Yg==')
    expect(valueEncoders.base64StringEscapeShift2('ab')).toBe('YWI=')
  })

  it("ExecutionContext.Write: every shown line is masked, the runner's own and issue lines with their tag", () => {
    const runner = emulateRunner(
      lines('::add-mask::]boom', 'x]boom', '::error::boom', '::warning::]boom', '::group::boom'),
      { secrets: ['top'] }
    )
    expect(runner.displayed).toEqual(['x***', '##[error***', '##[warning]***', '##[group***'])
    expect(emulateRunner(lines('a top b'), { secrets: ['top'] }).displayed).toEqual(['a *** b'])
  })
})
