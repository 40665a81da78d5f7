import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Platform } from '../../src/process/platform.js'
import {
  findShell,
  invocation,
  scriptContents,
  shellSpec,
  splitArguments,
  type ShellSpec
} from '../../src/process/shell.js'
import { cleanUpTempDirectories, executable, tempDirectory } from '../helpers/files.js'

// ScriptHandler.RunAsync and ScriptHandlerHelpers (src/Runner.Worker/Handlers/), with the
// platform injected: the Windows rules run here on Linux, against real files.
cleanUpTempDirectories()

const linux: Platform = { os: 'linux', env: {} }
const windows: Platform = {
  os: 'win32',
  env: { PATHEXT: '.COM;.EXE;.BAT;.CMD', ComSpec: 'C:\\Elsewhere\\cmd.exe' }
}
const POWERSHELL_EXIT =
  'if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }'

describe('shellSpec', () => {
  it('defaults to sh’s format run by bash or sh, except on Windows: pwsh, else powershell', () => {
    for (const os of ['linux', 'darwin'] as const) {
      expect(shellSpec(undefined, os)).toEqual({
        type: 'sh',
        candidates: ['bash', 'sh'],
        argumentFormat: '-e {0}',
        extension: '.sh'
      })
    }
    expect(shellSpec(' ', 'win32')).toEqual({
      type: 'pwsh',
      candidates: ['pwsh', 'powershell'],
      argumentFormat: `-command ". '{0}'"`,
      extension: '.ps1'
    })
  })

  it('gives each known shell its format and extension, whatever the OS', () => {
    const formats = Object.fromEntries(
      ['bash', 'sh', 'pwsh', 'powershell', 'cmd', 'python'].map(name => {
        const spec = shellSpec(name, 'win32')
        expect(spec).toEqual({ ...shellSpec(name, 'linux'), candidates: [name], type: name })
        return [name, `${spec.argumentFormat} (${spec.extension})`]
      })
    )
    expect(formats).toEqual({
      bash: '--noprofile --norc -e -o pipefail {0} (.sh)',
      sh: '-e {0} (.sh)',
      pwsh: `-command ". '{0}'" (.ps1)`,
      powershell: `-command ". '{0}'" (.ps1)`,
      cmd: '/D /E:ON /V:OFF /S /C "CALL "{0}"" (.cmd)',
      python: '{0} (.py)'
    })
  })

  it('splits COMMAND ARGS at the first space, and finds formats and extensions in any case', () => {
    expect(shellSpec('node  --title x {0}', 'linux')).toEqual({
      type: 'node',
      candidates: ['node'],
      argumentFormat: '--title x {0}',
      extension: ''
    })
    // The runner's dictionaries ignore case: PWSH's script is still a .ps1 file.
    expect(shellSpec('PWSH -File {0}', 'win32')).toMatchObject({
      type: 'PWSH',
      argumentFormat: '-File {0}',
      extension: '.ps1'
    })
    expect(shellSpec('Bash', 'linux').argumentFormat).toBe('--noprofile --norc -e -o pipefail {0}')
  })

  it('knows nothing of a command named like a property of Object.prototype', () => {
    for (const command of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(shellSpec(`${command} {0}`, 'linux')).toEqual({
        type: command,
        candidates: [command],
        argumentFormat: '{0}',
        extension: ''
      })
      expect(shellSpec(command, 'linux').argumentFormat).toBe('')
    }
  })
})

describe('findShell', () => {
  it('POSIX default: bash if on PATH, else sh, else nothing', () => {
    const [a, b] = [tempDirectory(), tempDirectory()]
    const sh = executable(a, 'sh')
    const spec = shellSpec(undefined, 'linux')
    expect(findShell(spec, a, linux)).toBe(sh)
    const bash = executable(b, 'bash')
    expect(findShell(spec, `${a}:${b}`, linux)).toBe(bash)
    expect(findShell(spec, tempDirectory(), linux)).toBeUndefined()
  })

  it('Windows default: pwsh if on PATH, else powershell, else nothing', () => {
    const [a, b] = [tempDirectory(), tempDirectory()]
    executable(a, 'powershell.exe')
    const spec = shellSpec(undefined, 'win32')
    expect(findShell(spec, a, windows)).toBe(path.join(a, 'powershell.EXE'))
    executable(b, 'pwsh.exe')
    expect(findShell(spec, `${a};${b}`, windows)).toBe(path.join(b, 'pwsh.EXE'))
    expect(findShell(spec, tempDirectory(), windows)).toBeUndefined()
  })

  it('searches the step’s PATH: a GITHUB_PATH addition comes first and wins', () => {
    const [base, added] = [tempDirectory(), tempDirectory()]
    executable(base, 'bash')
    executable(base, 'pwsh.exe')
    const bash = executable(added, 'bash')
    executable(added, 'pwsh.exe')
    expect(findShell(shellSpec(undefined, 'linux'), `${added}:${base}`, linux)).toBe(bash)
    expect(findShell(shellSpec('bash', 'linux'), `${added}:${base}`, linux)).toBe(bash)
    expect(findShell(shellSpec(undefined, 'win32'), `${added};${base}`, windows)).toBe(
      path.join(added, 'pwsh.EXE')
    )
  })

  it('finds cmd on PATH as the runner does, not through %ComSpec%', () => {
    const system32 = tempDirectory()
    executable(system32, 'cmd.exe')
    expect(findShell(shellSpec('cmd', 'win32'), system32, windows)).toBe(
      path.join(system32, 'cmd.EXE')
    )
    expect(findShell(shellSpec('cmd', 'win32'), tempDirectory(), windows)).toBeUndefined()
  })
})

describe('invocation', () => {
  it('POSIX: the formatted arguments split as .NET splits them, quotes in the path escaped', () => {
    const bash = shellSpec('bash', 'linux')
    expect(invocation(bash, '/usr/bin/bash', '/tmp/a b/s.sh', 'linux')).toEqual({
      command: '/usr/bin/bash',
      args: ['--noprofile', '--norc', '-e', '-o', 'pipefail', '/tmp/a', 'b/s.sh'],
      verbatimArguments: false
    })
    const custom = shellSpec('node --eval "x" "{0}"', 'linux')
    expect(invocation(custom, '/bin/node', '/tmp/a"b/s', 'linux').args).toEqual([
      '--eval',
      'x',
      '/tmp/a"b/s'
    ])
  })

  it('Windows: `"<path>" <arguments>`, the arguments exactly as formatted', () => {
    const pwsh = 'C:\\Program Files\\PowerShell\\7\\pwsh.EXE'
    expect(invocation(shellSpec(undefined, 'win32'), pwsh, 'D:\\a\\_temp\\s.ps1', 'win32')).toEqual(
      {
        command: pwsh,
        args: [`-command ". 'D:\\a\\_temp\\s.ps1'"`],
        argv0: `"${pwsh}"`,
        verbatimArguments: true
      }
    )
    const cmd = invocation(shellSpec('cmd', 'win32'), 'C:\\W\\cmd.EXE', 'D:\\t\\s.cmd', 'win32')
    expect([cmd.argv0, ...cmd.args]).toEqual([
      '"C:\\W\\cmd.EXE"',
      '/D /E:ON /V:OFF /S /C "CALL "D:\\t\\s.cmd""'
    ])
    const python = invocation(shellSpec('python', 'win32'), '"C:\\py.EXE"', 'D:\\s.py', 'win32')
    expect([python.argv0, ...python.args]).toEqual(['"C:\\py.EXE"', 'D:\\s.py'])
  })
})

describe('scriptContents', () => {
  const spec = (shell: string): ShellSpec => shellSpec(shell, 'linux')

  it('POSIX: the fix-ups joined with LF, the script itself untouched', () => {
    expect(scriptContents(spec('cmd'), 'echo 1\r\necho 2', 'linux')).toBe(
      '@echo off\necho 1\r\necho 2'
    )
    expect(scriptContents(spec('pwsh'), 'Write-Output 1', 'darwin')).toBe(
      `$ErrorActionPreference = 'stop'\nWrite-Output 1\n${POWERSHELL_EXIT}`
    )
    expect(scriptContents(spec('bash'), 'a\r\nb\n', 'linux')).toBe('a\r\nb\n')
  })

  it('Windows: the fix-ups joined with CRLF, then every line break made CRLF', () => {
    expect(scriptContents(spec('cmd'), 'echo 1\necho 2\r\n', 'win32')).toBe(
      '@echo off\r\necho 1\r\necho 2\r\n'
    )
    expect(scriptContents(spec('powershell'), 'a\nb', 'win32')).toBe(
      `$ErrorActionPreference = 'stop'\r\na\r\nb\r\n${POWERSHELL_EXIT}`
    )
    // Every script, bash's included; a lone CR stays as it is.
    expect(scriptContents(spec('bash'), 'a\nb\r\nc\rd\n\n', 'win32')).toBe('a\r\nb\r\nc\rd\r\n\r\n')
  })

  it('matches the fix-ups’ type case-sensitively, as FixUpScriptContents does', () => {
    expect(scriptContents(spec('PWSH -File {0}'), 'a\nb', 'win32')).toBe('a\r\nb')
    expect(scriptContents(spec('CMD /c {0}'), 'a', 'win32')).toBe('a')
  })
})

describe('splitArguments (.NET on Unix: ParseArgumentsIntoList)', () => {
  it('separates at spaces and tabs only, and groups in double quotes', () => {
    expect(splitArguments('  a  b\tc ')).toEqual(['a', 'b', 'c'])
    expect(splitArguments('"a b" c"d e"f ""')).toEqual(['a b', 'cd ef', ''])
    expect(splitArguments('a\nb')).toEqual(['a\nb'])
    expect(splitArguments('"a""b" "unclosed x')).toEqual(['a"b', 'unclosed x'])
  })

  it('keeps backslashes unless a quote follows: then pairs halve and an odd one escapes it', () => {
    expect(splitArguments('a\\b c\\\\')).toEqual(['a\\b', 'c\\\\'])
    expect(splitArguments('a\\"b')).toEqual(['a"b'])
    expect(splitArguments('a\\\\"b c"')).toEqual(['a\\b c'])
    expect(splitArguments('a\\\\\\"b')).toEqual(['a\\"b'])
  })
})
