/**
 * Reading what a step printed out of a log, for steps that print numbered lines
 * (`seq 1 N`): how many came whole and in order, and what followed them.
 */

/** The lines after the first line matching `header`, up to the end of the log. */
export function linesAfter(log: string, header: RegExp): string[] {
  const lines = log.split('\n')
  const at = lines.findIndex(line => header.test(line))
  if (at < 0) throw new Error(`no line matches ${String(header)} in the log`)
  // The action wraps step output in ::stop-commands::; those lines are not the step's.
  return lines.slice(at + 1).filter(line => !line.startsWith('::stop-commands::'))
}

/**
 * How many lines at the start of `lines` are 1, 2, 3 ... each whole, and the line that
 * came next (a note of stepgraph's own, or the end of the step's output).
 */
export function numberedRun(lines: readonly string[]): { count: number; next: string | undefined } {
  let count = 0
  while (lines[count] === String(count + 1)) count++
  return { count, next: lines[count] }
}
