import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Where the command keeps what outlives a run, beside the graph file. */
export const STATE_DIRECTORY = '.stepgraph'

/**
 * The timings file a run uses: `--timings FILE` (from the current directory), none with
 * `--no-timings`, by default `.stepgraph/NAME.timings.json` beside the graph file NAME:
 * one per graph file, so that two graphs in one directory never prune each other's steps.
 */
export function timingsFileFor(
  flag: string | false | undefined,
  graphFile: string,
  cwd: string
): string | undefined {
  if (flag === false) return undefined
  if (flag !== undefined) return path.resolve(cwd, flag)
  const graph = path.resolve(cwd, graphFile)
  return path.join(path.dirname(graph), STATE_DIRECTORY, `${path.basename(graph)}.timings.json`)
}

/**
 * Creates the default timings file's directory (`STATE_DIRECTORY`) with a `.gitignore` of `*`, as pytest does
 * for its cache, so that a run in a checkout never leaves files for `git add .` to pick
 * up. Only a directory this creates gets one; any failure is left to the write of the file
 * after the run, which says what went wrong.
 */
export function prepareStateDirectory(timingsFile: string): void {
  const directory = path.dirname(timingsFile)
  try {
    mkdirSync(directory)
    writeFileSync(
      path.join(directory, '.gitignore'),
      '# Created by stepgraph: its timings, kept between runs on this machine.\n*\n'
    )
  } catch {
    // It exists already (EEXIST), or cannot be made: the write after the run says why.
  }
}
