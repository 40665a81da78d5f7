import path from 'node:path'
import { STATE_DIRECTORY } from '../timings/timings-file.js'

/**
 * The timings file a run uses: `--timings FILE` (from the current directory), none with
 * `--no-timings`, by default `.stepgraph/NAME.timings.json` beside the graph file NAME:
 * one per graph file, so that two graphs in one directory never drop each other's steps.
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
