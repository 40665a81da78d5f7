/** A 1-based line and column in the YAML text of a step graph. */
export interface SourcePosition {
  readonly line: number
  readonly column: number
}

/** The YAML text of a step graph and where it came from. */
export interface GraphSource {
  readonly text: string
  /**
   * The file the text was read from, as shown in messages and annotations (relative to the
   * workspace when it lies inside it); undefined when the graph came from the `steps` input.
   */
  readonly file?: string
}

/** One thing wrong with a step graph, found before anything runs. */
export interface Problem {
  readonly message: string
  readonly position: SourcePosition
}

/** `file:line:column: message`, the form editors and problem matchers understand. */
export function formatProblem(problem: Problem, source: GraphSource): string {
  const { line, column } = problem.position
  return `${source.file ?? 'steps'}:${line}:${column}: ${problem.message}`
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.position.line - b.position.line || a.position.column - b.position.column
}

/**
 * A message quoting the graph's text, with every control character written as an escape
 * (`\0`, `\n`, `\x1b`): a problem is one line, and a NUL or an escape code from the
 * text must not reach the log or an annotation as itself.
 */
export function visibleControls(message: string): string {
  return message.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f]/g,
    char => CONTROL_ESCAPES[char] ?? hexEscape(char)
  )
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t'
}

function hexEscape(char: string): string {
  return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`
}
