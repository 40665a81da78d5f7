/** Shell names the runner knows; anything else must be a template containing `{0}`. */
export const SHELL_NAMES = ['bash', 'sh', 'pwsh', 'powershell', 'cmd', 'python'] as const

/** Whether a `shell:` value is one the runner accepts: a known name or a `{0}` template. */
export function isValidShell(shell: string): boolean {
  return (SHELL_NAMES as readonly string[]).includes(shell.trim()) || shell.includes('{0}')
}

/** Step ids are used in `needs`, in results and in environment values: keep them plain. */
export const STEP_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/

/** Every key a step may have (the list form adds `id`). */
export const STEP_KEYS = [
  'run',
  'name',
  'needs',
  'if',
  'shell',
  'env',
  'working-directory',
  'timeout-minutes',
  'continue-on-error',
  'retries',
  'matrix',
  'shards',
  'service',
  'ready-when',
  'ready-timeout-minutes'
] as const
export type StepKey = (typeof STEP_KEYS)[number]

/** One step of the graph, validated, in the form the scheduler and reporters use. */
export interface StepSpec {
  readonly id: string
  /** Display name; the id when none was given. */
  readonly name: string
  readonly run: string
  /** Ids of the steps this one needs, deduplicated, in the order written. */
  readonly needs: readonly string[]
  /**
   * The `if:` expression as written, without an enclosing `${{ }}` and trimmed; `success()`
   * when none was written. Checked by expressions.ts, decided by the scheduler's
   * `StepConditions`.
   */
  readonly if: string
  /** The step's own `shell:`; undefined means the action's default. */
  readonly shell?: string
  /** Variable names to values, in the order written (a Map: any name is just a key). */
  readonly env: ReadonlyMap<string, string>
  /** The step's own `working-directory:`; undefined means the action's default. */
  readonly workingDirectory?: string
  readonly timeoutMinutes?: number
  readonly continueOnError: boolean
  readonly retries: number
  /**
   * With `shard: I/N`: `first` runs the step once, in shard 1 (with everything that needs
   * it); `all` runs it, and what it needs, in every shard. Undefined: where the balance
   * puts it (src/shard/assign.ts).
   */
  readonly shards?: ShardPin
  /**
   * Only on an instance of a matrix step: the values of its combination, by key. Scalars
   * are typed as YAML types them in a workflow (matrix.ts): `20` a number, `"20"` a string.
   */
  readonly matrix?: Readonly<Record<string, MatrixValue>>
  /** Only on an instance of a matrix step: the id of the step declared with the matrix. */
  readonly instanceOf?: string
  /** Only on an instance: its combination's 1-based number among the step's instances. */
  readonly instanceNumber?: number
  /** Only on a service (`service: true`): when it is ready, how long it may take. */
  readonly service?: ServiceSpec
}

/** The values of a step's `shards:` key. */
export const SHARD_PINS = ['first', 'all'] as const
export type ShardPin = (typeof SHARD_PINS)[number]

/**
 * A service: a step that keeps running while the steps that need it run. They start when
 * it is ready; it is stopped when they have all finished (src/scheduler/services.ts).
 */
export interface ServiceSpec {
  /** What must hold for it to be ready; with none, it is ready once started. */
  readonly readyWhen: ReadyWhen
  /** Not ready within this long: it is stopped, and fails. */
  readonly readyTimeoutMinutes: number
}

/** `ready-when:`: every condition given must have held once (src/process/readiness.ts). */
export interface ReadyWhen {
  /** A regular expression (JavaScript's) matched against each line of its output. */
  readonly line?: string
  /** A TCP port on localhost that accepts a connection. */
  readonly port?: number
  /** An http(s) URL that answers with a 2xx status. */
  readonly http?: string
  /** A check command, run with the service's shell, environment and directory: exit 0. */
  readonly run?: string
}

/** `ready-timeout-minutes` when none is given. */
export const DEFAULT_READY_TIMEOUT_MINUTES = 5

/** A value of a matrix, as the `matrix` context holds it. */
export type MatrixValue =
  | string
  | number
  | boolean
  | null
  | readonly MatrixValue[]
  | { readonly [key: string]: MatrixValue }

/**
 * The name an attempt's files (script, command files, spilled output) start with: the id
 * when it is a plain id; an instance's id may hold any character (`/`, or more than a
 * file name's 255 bytes), so instances use the declared id and their number: `test@2`.
 * `@` is in no plain id, so the two forms never meet.
 */
export function fileStem(spec: StepSpec): string {
  if (spec.instanceOf === undefined) return spec.id
  return `${spec.instanceOf}@${spec.instanceNumber ?? 0}`
}
