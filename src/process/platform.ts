/**
 * The platform whose rules stepgraph follows when it finds, writes and starts a step's
 * shell. It is passed in, defaulting to the host's, so that the Windows rules run in tests
 * on Linux; the file system they look at is always the host's.
 */
export interface Platform {
  /** A `process.platform` value: `win32` selects the runner's Windows rules. */
  readonly os: NodeJS.Platform
  /**
   * The environment WhichUtil reads besides the PATH it is given: PATHEXT, and the
   * variables in `%NAME%` inside PATH entries. The runner reads its own; stepgraph's
   * (the action's environment) is the nearest there is.
   */
  readonly env: Readonly<Record<string, string | undefined>>
}

/** The host's platform, reading `env` (the action's environment by default). */
export function hostPlatform(
  env: Readonly<Record<string, string | undefined>> = process.env
): Platform {
  return { os: process.platform, env }
}

/** A variable of `platform.env`: on Windows names are compared case-insensitively. */
export function variable(platform: Platform, name: string): string | undefined {
  // Own variables only: `%constructor%` in a PATH entry names no variable, not Object's.
  const exact = Object.hasOwn(platform.env, name) ? platform.env[name] : undefined
  if (exact !== undefined || platform.os !== 'win32') return exact
  const upper = name.toUpperCase()
  const key = Object.keys(platform.env).find(candidate => candidate.toUpperCase() === upper)
  return key === undefined ? undefined : platform.env[key]
}
