import { parseArgs } from 'node:util'
import {
  parseMaxParallel,
  parseOutputMode,
  parseShell,
  type OutputMode,
  type Parsed
} from '../options.js'

export const HELP = `stepgraph: run a graph of shell steps in parallel, as the GitHub Action does

Usage:
  stepgraph run FILE [ID...] [options]       run the step graph in FILE; with IDs, only
                                             those steps and the steps they need
  stepgraph graph FILE [ID...] [--format F]  print the graph (F: mermaid, the default, or dot)
  stepgraph --help | --version

Options for run:
  -j, --max-parallel N|P%      slots: most steps at once (default: the CPU count)
      --fail-fast              on the first failure, start nothing new, cancel the rest
      --dry-run                validate and print the plan; run nothing
      --output grouped|stream  each step's output when it ends (default), or lines as they come
      --shell SHELL            shell for steps that name none (bash, sh, pwsh, ..., or "cmd {0}")
  -C, --working-directory DIR  directory for steps that name none (default: the current one)
      --summary-file PATH      write the job summary's Markdown to PATH
      --results-file PATH      write the run record (JSON: every step's result) to PATH
      --timings FILE           the timings file: each step's last durations, read before the
                               run (to start the longest work first, to estimate the time
                               left) and updated after it (default: .stepgraph/NAME.timings.json
                               beside the graph file NAME, created on the first run)
      --no-timings             keep no timings

Exit codes: 0 success, 1 a step failed, 2 invalid input, 130 interrupted.
`

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'graph'
      readonly file: string
      readonly targets: readonly string[]
      readonly format: 'mermaid' | 'dot'
    }
  | {
      readonly kind: 'run'
      readonly file: string
      /** Step ids to run with what they need; empty: every step. */
      readonly targets: readonly string[]
      readonly flags: RunFlags
    }

/** The run flags, checked; what was not given is undefined (the defaults apply later). */
export interface RunFlags {
  readonly maxParallel?: number
  readonly failFast: boolean
  readonly dryRun: boolean
  readonly output: OutputMode
  readonly shell?: string
  readonly workingDirectory?: string
  readonly summaryFile?: string
  readonly resultsFile?: string
  /** `--timings FILE`: undefined for the default beside the graph file, false for `--no-timings`. */
  readonly timings?: string | false
}

/** A mistake on the command line: the message says which argument, and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

const OPTIONS = {
  'max-parallel': { type: 'string', short: 'j' },
  'fail-fast': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  output: { type: 'string' },
  shell: { type: 'string' },
  'working-directory': { type: 'string', short: 'C' },
  'summary-file': { type: 'string' },
  'results-file': { type: 'string' },
  timings: { type: 'string' },
  'no-timings': { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' }
} as const

const RUN_ONLY = [
  'max-parallel',
  'fail-fast',
  'dry-run',
  'output',
  'shell',
  'working-directory',
  'summary-file',
  'results-file',
  'timings',
  'no-timings'
]

export function parseCliArgs(argv: readonly string[], cpuCount: number): CliCommand {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    // parseArgs names the argument: "Unknown option '--x'", "Option '-j' argument missing".
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const [command, file, ...targets] = positionals
  if (command === undefined) throw new UsageError('a command is required: run or graph')
  if (command !== 'run' && command !== 'graph') {
    throw new UsageError(`unknown command '${command}': use run or graph`)
  }
  if (file === undefined) throw new UsageError(`${command} needs a FILE: the step graph's YAML`)

  if (command === 'graph') {
    const given = RUN_ONLY.find(name => values[name as keyof typeof values] !== undefined)
    if (given) throw new UsageError(`--${given} is an option of run, not of graph`)
    const format = values.format ?? 'mermaid'
    if (format !== 'mermaid' && format !== 'dot') {
      throw new UsageError(`--format: expected mermaid or dot, got "${format}"`)
    }
    return { kind: 'graph', file, targets, format }
  }

  if (values.format !== undefined)
    throw new UsageError('--format is an option of graph, not of run')
  const flag = <T>(
    name: string,
    text: string | undefined,
    parse: (text: string) => Parsed<T>
  ): T | undefined => {
    if (text === undefined) return undefined
    const result = parse(text)
    if (!result.ok) throw new UsageError(`--${name}: ${result.reason}`)
    return result.value
  }
  const maxParallel = flag('max-parallel', values['max-parallel'], text =>
    parseMaxParallel(text, cpuCount)
  )
  const output = flag('output', values.output, parseOutputMode) ?? 'grouped'
  const shell = flag('shell', values.shell, parseShell)
  const summaryFile = values['summary-file']
  const workingDirectory = values['working-directory']
  const resultsFile = values['results-file']
  if (summaryFile === '') throw new UsageError('--summary-file: expected a path')
  if (resultsFile === '') throw new UsageError('--results-file: expected a path')
  if (workingDirectory === '') throw new UsageError('--working-directory: expected a directory')
  const timingsFile = values.timings
  if (timingsFile === '') throw new UsageError('--timings: expected a path')
  if (timingsFile !== undefined && values['no-timings'])
    throw new UsageError('--timings and --no-timings were both given: use one of them')
  const timings = values['no-timings'] ? false : timingsFile
  return {
    kind: 'run',
    file,
    targets,
    flags: {
      failFast: values['fail-fast'] ?? false,
      dryRun: values['dry-run'] ?? false,
      output,
      ...(maxParallel !== undefined && { maxParallel }),
      ...(shell !== undefined && { shell }),
      ...(workingDirectory !== undefined && { workingDirectory }),
      ...(summaryFile !== undefined && { summaryFile }),
      ...(resultsFile !== undefined && { resultsFile }),
      ...(timings !== undefined && { timings })
    }
  }
}
