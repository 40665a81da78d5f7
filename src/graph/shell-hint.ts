import { SHELL_NAMES } from './spec.js'
import { closestMatch } from './suggest.js'

/**
 * What to write instead of a `shell:` value the runner refuses. The runner knows six shell
 * names; any other program runs the script through a template holding `{0}` (the script's
 * path), so `shell: zsh` means `zsh {0}`. A near miss of a known name (`bsah`) is more
 * likely a typo, but a program people really use as a shell is never "corrected" to a
 * known name (`zsh` is not a typo of `sh`).
 */

/** Shells and interpreters people name in `shell:`, which only a `{0}` template runs. */
const KNOWN_PROGRAMS = new Set([
  'zsh',
  'fish',
  'ksh',
  'mksh',
  'dash',
  'ash',
  'csh',
  'tcsh',
  'yash',
  'nu',
  'elvish',
  'xonsh',
  'busybox',
  'python3',
  'python2',
  'node',
  'deno',
  'bun',
  'perl',
  'ruby',
  'php',
  'lua',
  'Rscript',
  'pwsh-preview'
])

/** One word that can name a program or its path: `zsh`, `/usr/bin/fish`, `python3.12`. */
const PROGRAM = /^[\w.+/\\:-]+$/

/**
 * The hint after "must be bash, sh, ... or a command template containing {0}, got X":
 * starts with `; ` when there is one, empty when there is none. `quote` formats a value
 * as the message's reader expects (backticks in the graph's problems, quotes for flags).
 */
export function shellHint(shell: string, quote: (text: string) => string): string {
  const written = shell.trim()
  if (written === '') return ''
  if (!/\s/.test(written)) {
    if (!PROGRAM.test(written)) return ''
    const template = `to run the script with ${written}, write ${quote(`${written} {0}`)}`
    const suggestion = KNOWN_PROGRAMS.has(baseName(written))
      ? undefined
      : closestMatch(written, SHELL_NAMES)
    return suggestion ? `; did you mean ${quote(suggestion)}? Or, ${template}` : `; ${template}`
  }
  // Several words: a command line without the place of the script.
  return `; a template says where the script's path goes with ${quote('{0}')}: ${quote(`${written} {0}`)}`
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
}
