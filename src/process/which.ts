import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { hostPlatform, variable, type Platform } from './platform.js'

/** WhichUtil's PATHEXT when the variable is unset or empty ("XP's system default value"). */
const DEFAULT_PATHEXT = '.com;.exe;.bat;.cmd;.vbs;.vbe;.js;.jse;.wsf;.wsh'

/**
 * Where the runner finds `command`: WhichUtil.Which (src/Runner.Sdk/Util/WhichUtil.cs)
 * without `require` (undefined when nothing is found). `searchPath` is the PATH to search:
 * ScriptHandler passes the GITHUB_PATH additions as `prependPath`, so callers pass the
 * PATH the step will have. Synchronous, once per attempt: on POSIX one `stat` per PATH
 * entry until found (about 20 µs for a runner's PATH); on Windows a directory listing.
 *
 * The rules, each from Which:
 * - a fully qualified path that names a file is returned as it is; any other rooted path
 *   is not searched for (.NET refuses it as a search pattern);
 * - PATH is split at the platform's separator, empty entries dropped, and `%NAME%` in each
 *   entry expanded (Environment.ExpandEnvironmentVariables);
 * - POSIX: the first entry holding a file of that exact name. The execute bit is not
 *   checked, as the runner does not check it: a file that cannot run fails the step;
 * - Windows: see `findInWindowsDirectory` (PATHEXT, extension, case);
 * - a symbolic link counts only if its target exists (IsPathValid).
 */
export function findOnPath(
  command: string,
  searchPath: string | undefined,
  platform: Platform = hostPlatform()
): string | undefined {
  const windows = platform.os === 'win32'
  if (isRooted(command, windows)) {
    return isFullyQualified(command, windows) && isFile(command) ? command : undefined
  }
  const extensions = windows ? pathExtensions(platform) : []
  for (const entry of (searchPath ?? '').split(windows ? ';' : ':')) {
    if (entry === '') continue
    const directory = expandVariables(entry, platform)
    if (directory === '') continue
    const found = windows
      ? findInWindowsDirectory(directory, command, extensions)
      : findInPosixDirectory(directory, command)
    if (found !== undefined) return found
  }
  return undefined
}

function findInPosixDirectory(directory: string, command: string): string | undefined {
  const candidate = path.resolve(directory, command)
  return isFile(candidate) ? candidate : undefined
}

/**
 * Which's Windows branch for one PATH entry. Names compare case-insensitively, as on
 * NTFS, and files are taken in the order the directory lists them: NTFS lists by
 * upper-cased name, so the entries are sorted that way (the same order on every host,
 * which lets the tests on Linux check it).
 * - `command` already ends with a PATHEXT extension (`pwsh.exe`): the file of that name,
 *   spelled as the directory spells it.
 * - otherwise: the first listed file named `command` plus a PATHEXT extension, whatever
 *   the extensions' order in PATHEXT (`pwsh.cmd` lists before `pwsh.exe`), returned as
 *   `command` plus the extension as PATHEXT spells it (`pwsh.EXE`). A file named just
 *   `command`, without an extension, is never taken.
 */
function findInWindowsDirectory(
  directory: string,
  command: string,
  extensions: readonly string[]
): string | undefined {
  // A command with a directory part (`tools\pwsh`) is looked for in that subdirectory.
  const target = path.resolve(directory, command)
  const folder = path.dirname(target)
  const name = path.basename(target)
  const entries = listByUpperCaseName(folder)
  if (extensions.some(extension => endsWithIgnoringCase(command, extension))) {
    for (const entry of entries) {
      const file = path.join(folder, entry)
      if (equalsIgnoringCase(entry, name) && isFile(file)) return file
    }
    return undefined
  }
  for (const entry of entries) {
    for (const extension of extensions) {
      // Checked as the directory spells it (the same file on Windows; on a case-sensitive
      // test host, the only spelling that exists), returned as the runner spells it.
      if (equalsIgnoringCase(entry, name + extension) && isFile(path.join(folder, entry))) {
        return path.join(folder, name + extension)
      }
    }
  }
  return undefined
}

function pathExtensions(platform: Platform): string[] {
  const value = variable(platform, 'PATHEXT')
  return (value === undefined || value === '' ? DEFAULT_PATHEXT : value)
    .split(';')
    .filter(extension => extension !== '')
}

/**
 * Environment.ExpandEnvironmentVariables as .NET implements it on Unix: `%NAME%` becomes
 * the variable's value when it is set and stays as written otherwise. Windows'
 * ExpandEnvironmentStrings agrees on such names (compared case-insensitively there).
 */
export function expandVariables(text: string, platform: Platform): string {
  if (!text.includes('%')) return text
  let result = ''
  let last = 0
  let next: number
  while (last < text.length && (next = text.indexOf('%', last + 1)) >= 0) {
    if (text[last] === '%') {
      const value = variable(platform, text.slice(last + 1, next))
      if (value !== undefined) {
        result += value
        last = next + 1
        continue
      }
    }
    result += text.slice(last, next)
    last = next
  }
  return result + text.slice(last)
}

/** Path.IsPathRooted: `/x`, and on Windows `\x`, `C:x` and `C:\x` too. */
function isRooted(command: string, windows: boolean): boolean {
  if (!windows) return command.startsWith('/')
  return /^[\\/]/.test(command) || /^[A-Za-z]:/.test(command)
}

/** Path.IsPathFullyQualified: on Windows `C:\x` or a UNC / device path (`\\server\x`). */
function isFullyQualified(command: string, windows: boolean): boolean {
  if (!windows) return command.startsWith('/')
  return /^[A-Za-z]:[\\/]/.test(command) || /^[\\/]{2}/.test(command)
}

/**
 * A file, not a directory, after following symbolic links: what Directory.EnumerateFiles
 * lists and IsPathValid accepts (a link whose target is missing is refused).
 */
function isFile(file: string): boolean {
  try {
    const stats = statSync(file, { throwIfNoEntry: false })
    return stats !== undefined && !stats.isDirectory()
  } catch {
    return false // ENOTDIR, EACCES, a loop of links
  }
}

function listByUpperCaseName(directory: string): string[] {
  let entries: string[]
  try {
    entries = readdirSync(directory)
  } catch {
    return [] // a missing directory, or one Which may not read (UnauthorizedAccess)
  }
  const keyed = entries.map(entry => ({ entry, key: entry.toUpperCase() }))
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return keyed.map(({ entry }) => entry)
}

function equalsIgnoringCase(a: string, b: string): boolean {
  return a.length === b.length && a.toUpperCase() === b.toUpperCase()
}

function endsWithIgnoringCase(text: string, suffix: string): boolean {
  return text.toUpperCase().endsWith(suffix.toUpperCase())
}
