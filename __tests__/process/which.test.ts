import { mkdirSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Platform } from '../../src/process/platform.js'
import { expandVariables, findOnPath } from '../../src/process/which.js'
import { cleanUpTempDirectories, executable, tempDirectory, writeFile } from '../helpers/files.js'

// WhichUtil.Which (src/Runner.Sdk/Util/WhichUtil.cs), each rule on real files in real
// directories: the POSIX rules, then the Windows ones with the platform injected.
cleanUpTempDirectories()

const linux: Platform = { os: 'linux', env: {} }
const windows = (env: Record<string, string> = { PATHEXT: '.COM;.EXE;.BAT;.CMD' }): Platform => ({
  os: 'win32',
  env
})

describe('findOnPath, POSIX rules', () => {
  it('takes the first PATH entry holding the name, skipping empty entries', () => {
    const [a, b] = [tempDirectory(), tempDirectory()]
    executable(b, 'tool')
    const second = executable(a, 'tool')
    expect(findOnPath('tool', `::${b}:${a}`, linux)).toBe(path.join(b, 'tool'))
    expect(findOnPath('tool', `${a}:${b}`, linux)).toBe(second)
    expect(findOnPath('tool', '', linux)).toBeUndefined()
    expect(findOnPath('tool', undefined, linux)).toBeUndefined()
  })

  it('skips directories and links to nothing, and follows links to files', () => {
    const [a, b, c] = [tempDirectory(), tempDirectory(), tempDirectory()]
    mkdirSync(path.join(a, 'tool'))
    symlinkSync(path.join(b, 'missing'), path.join(b, 'tool'))
    const target = executable(c, 'real-tool')
    symlinkSync(target, path.join(c, 'tool'))
    expect(findOnPath('tool', [a, b, c].join(':'), linux)).toBe(path.join(c, 'tool'))
  })

  it('does not check the execute bit, as the runner does not', () => {
    const [a, b] = [tempDirectory(), tempDirectory()]
    const plain = writeFile(a, 'tool', 'not a program', 0o644)
    executable(b, 'tool')
    expect(findOnPath('tool', `${a}:${b}`, linux)).toBe(plain)
  })

  it('matches the exact name', () => {
    const a = tempDirectory()
    executable(a, 'tool')
    expect(findOnPath('Tool', a, linux)).toBeUndefined()
  })

  it('returns an absolute path that names a file as it is, and searches for no other', () => {
    const [a, b] = [tempDirectory(), tempDirectory()]
    const file = executable(a, 'tool')
    executable(b, 'tool')
    expect(findOnPath(file, b, linux)).toBe(file)
    expect(findOnPath(path.join(a, 'missing', 'tool'), b, linux)).toBeUndefined()
  })

  it('looks for a command with a directory part under each PATH entry, not in the cwd', () => {
    const [a, b] = [tempDirectory(), tempDirectory()]
    const nested = executable(b, 'sub/tool')
    expect(findOnPath('sub/tool', `${a}:${b}`, linux)).toBe(nested)
    expect(findOnPath('./sub/tool', `${a}:${b}`, linux)).toBe(nested)
  })

  it('expands %NAME% in PATH entries, leaving unknown names as written', () => {
    const a = tempDirectory()
    const tool = executable(a, 'bin/tool')
    const platform: Platform = { os: 'linux', env: { TOOLS: a } }
    expect(findOnPath('tool', '%TOOLS%/bin', platform)).toBe(tool)
    expect(findOnPath('tool', '%tools%/bin', platform)).toBeUndefined()
  })
})

describe('expandVariables (Environment.ExpandEnvironmentVariables)', () => {
  it('replaces set variables, keeps the rest, and compares names by the platform’s rule', () => {
    const env = { A: 'x', Empty: '' }
    expect(expandVariables('%A%/%B%/%A%%A%', { os: 'linux', env })).toBe('x/%B%/xx')
    expect(expandVariables('100%/%Empty%|%a%', { os: 'linux', env })).toBe('100%/|%a%')
    expect(expandVariables('%a%;%EMPTY%|', { os: 'win32', env })).toBe('x;|')
    expect(expandVariables('%%A%', { os: 'linux', env })).toBe('%x')
  })

  it('finds no variable in names such as %constructor% that are not set', () => {
    for (const os of ['linux', 'win32'] as const) {
      for (const env of [{ A: 'x' }, process.env]) {
        expect(expandVariables('%constructor%|%__proto__%|%toString%', { os, env })).toBe(
          '%constructor%|%__proto__%|%toString%'
        )
      }
    }
  })
})

describe('findOnPath, Windows rules (the platform injected)', () => {
  it('adds a PATHEXT extension, spelled as PATHEXT and the command spell it', () => {
    const a = tempDirectory()
    executable(a, 'pwsh.exe')
    expect(findOnPath('pwsh', a, windows())).toBe(path.join(a, 'pwsh.EXE'))
    expect(findOnPath('PWSH', a, windows())).toBe(path.join(a, 'PWSH.EXE'))
    expect(findOnPath('pwsh', a, windows({ PATHEXT: '.exe' }))).toBe(path.join(a, 'pwsh.exe'))
  })

  it('splits PATH at semicolons and never takes a file without an extension', () => {
    const [a, b] = [tempDirectory(), tempDirectory()]
    executable(a, 'tool')
    executable(a, 'tool.ps1')
    executable(b, 'tool.CMD')
    expect(findOnPath('tool', `;${a};;${b};`, windows())).toBe(path.join(b, 'tool.CMD'))
    expect(findOnPath('tool', `${a}:${b}`, windows())).toBeUndefined()
  })

  it('takes the first file the directory lists, whatever the order of PATHEXT', () => {
    const a = tempDirectory()
    executable(a, 'tool.exe')
    executable(a, 'tool.cmd')
    // NTFS lists TOOL.CMD before TOOL.EXE; PATHEXT's order does not matter.
    expect(findOnPath('tool', a, windows({ PATHEXT: '.EXE;.CMD' }))).toBe(path.join(a, 'tool.CMD'))
  })

  it('looks for a command with a PATHEXT extension as it is, spelled as the directory does', () => {
    const [a, b] = [tempDirectory(), tempDirectory()]
    executable(a, 'pwsh.exe.cmd')
    const file = executable(b, 'PWSH.EXE')
    expect(findOnPath('pwsh.exe', `${a};${b}`, windows())).toBe(file)
    // .ps1 is no PATHEXT extension: pwsh.ps1 gets one added, and no pwsh.ps1.* exists.
    executable(a, 'pwsh.ps1')
    expect(findOnPath('pwsh.ps1', a, windows())).toBeUndefined()
  })

  it('uses XP’s list when PATHEXT is unset or empty, and finds PATHEXT in any case', () => {
    const a = tempDirectory()
    executable(a, 'tool.js')
    expect(findOnPath('tool', a, windows({}))).toBe(path.join(a, 'tool.js'))
    expect(findOnPath('tool', a, windows({ PATHEXT: '' }))).toBe(path.join(a, 'tool.js'))
    expect(findOnPath('tool', a, windows({ PathExt: '.EXE' }))).toBeUndefined()
  })

  it('skips directories and links to nothing', () => {
    const [a, b] = [tempDirectory(), tempDirectory()]
    mkdirSync(path.join(a, 'tool.exe'))
    symlinkSync(path.join(a, 'missing'), path.join(a, 'tool.com'))
    executable(b, 'tool.exe')
    expect(findOnPath('tool', `${a};${b}`, windows())).toBe(path.join(b, 'tool.EXE'))
  })

  it('returns a fully qualified path only if it names a file, and searches for no rooted path', () => {
    const a = tempDirectory()
    executable(a, 'pwsh.exe')
    expect(findOnPath('C:\\nowhere\\pwsh.exe', a, windows())).toBeUndefined()
    expect(findOnPath('\\nowhere\\pwsh', a, windows())).toBeUndefined()
    expect(findOnPath('D:pwsh', a, windows())).toBeUndefined()
    expect(findOnPath('\\\\server\\share\\pwsh.exe', a, windows())).toBeUndefined()
  })

  it('expands %NAME% in PATH entries with Windows’ case-insensitive names', () => {
    const a = tempDirectory()
    executable(a, 'bin/tool.exe')
    const platform = windows({ PATHEXT: '.EXE', ToolsDir: a })
    expect(findOnPath('tool', '%TOOLSDIR%/bin', platform)).toBe(path.join(a, 'bin', 'tool.EXE'))
  })
})
