import type { EscapePolicy } from './escape-filter.js'

/**
 * Steps write to pipes, so a tool that colours only on a terminal writes plain text even
 * when the CLI shows it on one. When the CLI's own output is a colour terminal, and its
 * escape filter lets colours through, the steps are told so in the two ways most tools
 * honour:
 *
 * - `FORCE_COLOR`, at the terminal's depth (1: 16 colours, 2: 256, 3: 16 million), the
 *   levels Node's `tty.getColorDepth` reads: chalk and supports-color (Jest), picocolors
 *   and tinyrainbow (Vitest) honour it, and in Python pytest (6.0 and later), rich and
 *   CPython 3.13's own tracebacks;
 * - `CLICOLOR_FORCE=1`, the bixense.com/clicolors convention: CMake, Ninja, Rust programs
 *   that colour through anstream (clap's help and errors), BSD `ls` with `CLICOLOR`.
 *
 * `TERM` and `COLORTERM` pass on unchanged with the rest of the environment, so a tool
 * still learns what the terminal can show. Nothing else is set: git has no variable for
 * it (only `-c color.ui=always`, which would colour its output inside `$(...)` as well),
 * and tool-specific ones (`CARGO_TERM_COLOR`, `PY_COLORS`, `npm_config_color`) would
 * override a project's own settings. A variable already in the environment is kept as it
 * is (the user's `FORCE_COLOR=0` stays), and a step's own `env:` overrides these.
 *
 * Never in plain mode: in a pipe, in CI's log, with `NO_COLOR`, or on a terminal without
 * colours, nothing is added. The action never adds anything: its output is a log file.
 */
export function stepColourEnvironment(
  stream: NodeJS.WriteStream,
  policy: EscapePolicy,
  env: NodeJS.ProcessEnv
): Record<string, string> {
  if (policy !== 'colour' || (env.NO_COLOR ?? '') !== '') return {}
  const depth = stream.getColorDepth(env)
  const added: Record<string, string> = {}
  if (env.FORCE_COLOR === undefined) added.FORCE_COLOR = depth >= 24 ? '3' : depth >= 8 ? '2' : '1'
  if (env.CLICOLOR_FORCE === undefined) added.CLICOLOR_FORCE = '1'
  return added
}
