import type { OutputBuffer } from './output-buffer.js'

/**
 * Where the log relay writes: the runner's log (ActionLog, with workflow commands) or a
 * terminal (the CLI). Everything goes out in the order it is called.
 */
export interface Log {
  /** A line of stepgraph's own: it can never act as a workflow command. */
  line(text: string): void
  /** Whole lines of a step's output (filtered, each ending in LF). */
  output(chunks: readonly Buffer[]): void
  /** A step's buffered output, in order. */
  outputBuffer(buffer: OutputBuffer): void
  startGroup(title: string): void
  endGroup(): void
  /** A secret a step registered: masked from here on. */
  mask(value: string): void
  /** Whether the log keeps up; when not, producers pause until `onDrain`. */
  readonly wantsMore: boolean
  onDrain(listener: () => void): void
  /** Resolves once everything written so far has gone out (or was cut). */
  flush(): Promise<void>
  /**
   * A stop signal came: `delayMs` from now (at once for 0), step output the log has not
   * written yet is cut, with a note; stepgraph's own lines and commands still go out.
   */
  cutAfter(delayMs: number): void
}
