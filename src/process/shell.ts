import type { Platform } from './platform.js'
import { findOnPath } from './which.js'

/**
 * How a step's script is run, exactly as the runner builds it for a workflow `run:` step
 * (src/Runner.Worker/Handlers/ScriptHandler.cs and ScriptHandlerHelpers.cs): the script
 * goes to a file, and `{0}` in the shell's argument format is that file's path.
 */
export interface ShellInvocation {
  /** The program: the path WhichUtil found (ScriptHandler runs `commandPath`). */
  readonly command: string
  /** Arguments, the script path already in place. */
  readonly args: readonly string[]
  /** Windows: the command line's first word, the program's path in quotes. */
  readonly argv0?: string
  /** Windows: the arguments go into the command line as they are. */
  readonly verbatimArguments: boolean
}

/**
 * The runner's argument formats and script extensions by shell name
 * (ScriptHandlerHelpers._defaultArguments, _extensions): both dictionaries compare
 * names case-insensitively, so keys are lower case and lookups lower-cased. Maps: a
 * `shell: "constructor {0}"` looks up `constructor`, which must find nothing.
 */
const ARGUMENT_FORMATS: ReadonlyMap<string, string> = new Map([
  ['bash', '--noprofile --norc -e -o pipefail {0}'],
  ['sh', '-e {0}'],
  ['pwsh', `-command ". '{0}'"`],
  ['powershell', `-command ". '{0}'"`],
  ['cmd', '/D /E:ON /V:OFF /S /C "CALL "{0}""'],
  ['python', '{0}']
])

const EXTENSIONS: ReadonlyMap<string, string> = new Map([
  ['bash', '.sh'],
  ['sh', '.sh'],
  ['pwsh', '.ps1'],
  ['powershell', '.ps1'],
  ['cmd', '.cmd'],
  ['python', '.py']
])

/** What a `shell:` value means, before anything is looked up on PATH. */
export interface ShellSpec {
  /**
   * The runner's `shellCommand`: `sh` for the POSIX default (whichever of bash and sh
   * runs it), `pwsh` for the Windows default (the runner says `powershell` when it falls
   * back to it, which has the same format, extension and fix-ups), else the command.
   */
  readonly type: string
  /** Looked up in this order; the last one is required (Which with `require: true`). */
  readonly candidates: readonly string[]
  readonly argumentFormat: string
  /** Extension of the script file. */
  readonly extension: string
}

/**
 * Reads a `shell:` value as ScriptHandler.RunAsync does. None: on Windows `pwsh` if it is
 * on PATH, else `powershell`; elsewhere the `sh` format (`-e {0}`, no pipefail) run by
 * bash if it is on PATH, else by sh. A value is `COMMAND [ARGS]`, split at the first
 * space (ParseShellOptionString); with no ARGS, a known shell's own format applies.
 */
export function shellSpec(shell: string | undefined, os: NodeJS.Platform): ShellSpec {
  if (shell === undefined || shell.trim() === '') {
    const type = os === 'win32' ? 'pwsh' : 'sh'
    return {
      type,
      candidates: os === 'win32' ? ['pwsh', 'powershell'] : ['bash', 'sh'],
      argumentFormat: ARGUMENT_FORMATS.get(type) ?? '',
      extension: EXTENSIONS.get(type) ?? ''
    }
  }
  const trimmed = shell.trim()
  const space = trimmed.indexOf(' ')
  const command = space < 0 ? trimmed : trimmed.slice(0, space)
  const given = space < 0 ? '' : trimmed.slice(space + 1).trimStart()
  const known = command.toLowerCase()
  return {
    type: command,
    candidates: [command],
    argumentFormat: given === '' ? (ARGUMENT_FORMATS.get(known) ?? '') : given,
    extension: EXTENSIONS.get(known) ?? ''
  }
}

/**
 * The shell's path, as ScriptHandler finds it: each candidate with WhichUtil against the
 * PATH the step will have (its GITHUB_PATH additions first). `cmd` too is found on PATH
 * (as `cmd.exe` in System32), not taken from %ComSpec%. Undefined when nothing is found.
 */
export function findShell(
  spec: ShellSpec,
  searchPath: string | undefined,
  platform: Platform
): string | undefined {
  for (const candidate of spec.candidates) {
    const found = findOnPath(candidate, searchPath, platform)
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * The command line for a script file: `string.Format(argFormat, path)`, the path's double
 * quotes escaped as ScriptHandler escapes them.
 * - Windows: .NET gives CreateProcess the command line `"<path>" <arguments>` with the
 *   arguments exactly as formatted (Process.Windows.cs, BuildCommandLine): nothing is
 *   split or quoted again.
 * - Elsewhere: .NET splits the arguments into argv (Process.Unix.cs, ParseArgumentsIntoList).
 */
export function invocation(
  spec: ShellSpec,
  command: string,
  scriptPath: string,
  os: NodeJS.Platform
): ShellInvocation {
  const formatted = spec.argumentFormat.split('{0}').join(scriptPath.replace(/"/g, '\\"'))
  if (os === 'win32') {
    const quoted = command.startsWith('"') && command.endsWith('"')
    return {
      command,
      args: [formatted],
      argv0: quoted ? command : `"${command}"`,
      verbatimArguments: true
    }
  }
  return { command, args: splitArguments(formatted), verbatimArguments: false }
}

/**
 * The script file's text. ScriptHandlerHelpers.FixUpScriptContents adds `@echo off` for
 * cmd, and stop-on-error and the exit code for PowerShell, joined with
 * Environment.NewLine (CRLF on Windows); it matches the type case-sensitively, unlike the
 * format and extension. Then on Windows ScriptHandler.RunAsync turns every line break
 * into CRLF (`Replace("\r\n", "\n").Replace("\n", "\r\n")`: a lone CR stays). Written as
 * UTF-8 without a BOM, on every OS (Retain_Default_Encoding is false on Windows).
 */
export function scriptContents(spec: ShellSpec, run: string, os: NodeJS.Platform): string {
  const newline = os === 'win32' ? '\r\n' : '\n'
  let contents = run
  if (spec.type === 'cmd') contents = `@echo off${newline}${run}`
  if (spec.type === 'pwsh' || spec.type === 'powershell') {
    contents =
      `$ErrorActionPreference = 'stop'${newline}${run}${newline}` +
      'if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }'
  }
  return os === 'win32' ? contents.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n') : contents
}

/**
 * Splits an argument string into argv as .NET does on Unix when the runner starts a
 * process (Process.Unix.cs, ParseArgumentsIntoList and GetNextArgument): spaces and tabs
 * separate; double quotes group and are removed, and `""` inside quotes is a literal
 * quote; backslashes are literal unless a quote follows them: then each pair gives one
 * backslash, and an odd one left over makes the quote literal.
 */
export function splitArguments(text: string): string[] {
  const args: string[] = []
  let i = 0
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++
    if (i >= text.length) return args
    let current = ''
    let quoted = false
    while (i < text.length) {
      let backslashes = 0
      while (text[i] === '\\') {
        i++
        backslashes++
      }
      if (backslashes > 0) {
        if (text[i] !== '"') {
          current += '\\'.repeat(backslashes)
        } else {
          current += '\\'.repeat(Math.floor(backslashes / 2))
          if (backslashes % 2 !== 0) {
            current += '"'
            i++
          }
        }
        continue
      }
      const char = text[i] as string
      if (char === '"') {
        if (quoted && text[i + 1] === '"') {
          current += '"'
          i++
        } else {
          quoted = !quoted
        }
        i++
        continue
      }
      if ((char === ' ' || char === '\t') && !quoted) break
      current += char
      i++
    }
    args.push(current)
  }
}
