import { EOL } from 'node:os'

/**
 * How a step's script is run, exactly as the runner builds it for a workflow `run:` step
 * (ScriptHandler / ScriptHandlerHelpers): the script goes to a file, and `{0}` in the
 * shell's argument format is that file's path.
 */
export interface ShellInvocation {
  /** The program: a name found on PATH, or the path the default shell resolved to. */
  readonly command: string
  /** Arguments, the script path already in place. */
  readonly args: readonly string[]
  /** Windows `cmd` needs its arguments passed verbatim. */
  readonly verbatimArguments: boolean
}

/** The runner's argument formats for the shells it knows. */
const ARGUMENT_FORMATS: Readonly<Record<string, string>> = {
  bash: '--noprofile --norc -e -o pipefail {0}',
  sh: '-e {0}',
  pwsh: `-command ". '{0}'"`,
  powershell: `-command ". '{0}'"`,
  cmd: '/D /E:ON /V:OFF /S /C "CALL "{0}""',
  python: '{0}'
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  bash: '.sh',
  sh: '.sh',
  pwsh: '.ps1',
  powershell: '.ps1',
  cmd: '.cmd',
  python: '.py'
}

/** A step's shell, resolved: what to write and how to run it. */
export interface ResolvedShell {
  /** The runner's script type: the shell's name (bash, sh, pwsh, ..., or a custom command). */
  readonly type: string
  readonly command: string
  readonly argumentFormat: string
  /** Extension of the script file, by type. */
  readonly extension: string
}

/**
 * Resolves a `shell:` value. With none, the runner runs `bash -e {0}` when bash is on PATH
 * (the `sh` argument format with the bash binary: no pipefail) and `sh -e {0}` otherwise.
 * A value is `COMMAND [ARGS]`, split at the first space; with no ARGS, a known shell's
 * own format applies.
 */
export function resolveShell(
  shell: string | undefined,
  bashPath: string | undefined
): ResolvedShell {
  if (shell === undefined || shell.trim() === '') {
    return {
      type: 'sh',
      command: bashPath ?? 'sh',
      argumentFormat: ARGUMENT_FORMATS.sh ?? '',
      extension: '.sh'
    }
  }
  const trimmed = shell.trim()
  const space = trimmed.indexOf(' ')
  const command = space < 0 ? trimmed : trimmed.slice(0, space)
  const given = space < 0 ? '' : trimmed.slice(space + 1).trimStart()
  return {
    type: command,
    command: command === 'cmd' ? (process.env.ComSpec ?? 'cmd.exe') : command,
    argumentFormat: given === '' ? (ARGUMENT_FORMATS[command] ?? '') : given,
    extension: EXTENSIONS[command] ?? ''
  }
}

/** The command line for a script file, as `string.Format(argFormat, path)` then split. */
export function invocation(shell: ResolvedShell, scriptPath: string): ShellInvocation {
  const formatted = shell.argumentFormat.split('{0}').join(scriptPath.replace(/"/g, '\\"'))
  if (shell.type === 'cmd') {
    return { command: shell.command, args: [formatted], verbatimArguments: true }
  }
  return { command: shell.command, args: splitArguments(formatted), verbatimArguments: false }
}

/** The runner's fix-ups: `@echo off` for cmd, stop-on-error and exit code for PowerShell. */
export function scriptContents(shell: ResolvedShell, run: string): string {
  if (shell.type === 'cmd') return `@echo off${EOL}${run}`
  if (shell.type === 'pwsh' || shell.type === 'powershell') {
    return (
      `$ErrorActionPreference = 'stop'${EOL}${run}${EOL}` +
      'if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }'
    )
  }
  return run
}

/**
 * Splits an argument string the way .NET does on Unix when the runner starts a process:
 * whitespace separates, double quotes group (and are removed), `\"` is a literal quote.
 */
export function splitArguments(text: string): string[] {
  const args: string[] = []
  let current = ''
  let inArgument = false
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    if (char === '\\' && text[i + 1] === '"') {
      current += '"'
      inArgument = true
      i++
    } else if (char === '"') {
      quoted = !quoted
      inArgument = true
    } else if (!quoted && /\s/.test(char)) {
      if (inArgument) args.push(current)
      current = ''
      inArgument = false
    } else {
      current += char
      inArgument = true
    }
  }
  if (inArgument) args.push(current)
  return args
}
