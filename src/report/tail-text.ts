import { oneLine, stripAnsi } from './text.js'
import { foldCase, parseCommand } from './workflow-commands.js'

/** What to make of a step's own annotation commands in its last lines. */
export type AnnotationLines =
  /** As the runner's log shows them: `Error: message` (the summary, whose tail is the only place). */
  | 'as-text'
  /** Left out: shown elsewhere as annotations of their own (stepgraph's failure annotation). */
  | 'omit'

const LEVEL_WORD: Readonly<Record<string, string>> = {
  error: 'Error',
  warning: 'Warning',
  notice: 'Notice'
}

/**
 * A step's last lines as a reader should see them: what the runner would have shown of
 * them in a plain `run:` step, not the workflow commands it would have acted on. The
 * lines kept (the run record's `last-lines`) are the output as the step printed it:
 * `::error file=a.ts::Bad` is an annotation, `::endgroup::` and `::set-output` show
 * nothing, `::group::Build` is a heading. While the step had stopped commands
 * (`::stop-commands::TOKEN` within these lines, until `::TOKEN::`), every line is text.
 * Escape codes are removed; blank lines at either end, which a `<pre>` would swallow or
 * show as nothing, are dropped, so that a count of the lines is the count a reader sees.
 */
export function readableTail(lines: readonly string[], annotations: AnnotationLines): string[] {
  const shown: string[] = []
  let stopToken: string | undefined
  for (const line of lines) {
    const command = parseCommand(line, stopToken)
    if (stopToken !== undefined) {
      if (command?.name === foldCase(stopToken)) stopToken = undefined
      else shown.push(stripAnsi(line))
      continue
    }
    if (!command) {
      shown.push(stripAnsi(line))
      continue
    }
    if (command.name === 'stop-commands') {
      if (command.data !== '') stopToken = command.data
      continue
    }
    const level = LEVEL_WORD[command.name]
    if (level !== undefined) {
      if (annotations === 'as-text') shown.push(annotationText(level, command))
      continue
    }
    if (command.name === 'group') shown.push(`▸ ${oneLine(command.data)}`)
    // Every other command (endgroup, debug, set-output, echo...) shows nothing.
  }
  return trimBlankEnds(shown)
}

function annotationText(
  level: string,
  command: { readonly properties: Readonly<Record<string, string>>; readonly data: string }
): string {
  const { file, line, col, title } = command.properties
  const where = file ? ` ${oneLine(file)}${line ? `:${line}${col ? `:${col}` : ''}` : ''}` : ''
  const heading = title ? ` ${oneLine(title)}` : ''
  return `${level}${where}${heading}: ${oneLine(command.data)}`
}

function trimBlankEnds(lines: string[]): string[] {
  let start = 0
  let end = lines.length
  while (start < end && (lines[start] ?? '').trim() === '') start++
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--
  return lines.slice(start, end)
}
