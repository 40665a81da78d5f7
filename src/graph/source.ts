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
