export type StreamName = 'stdout' | 'stderr'

/** Where a worker sends what its process prints. */
export interface OutputSink {
  /** A chunk of stdout or stderr, as read from the pipe. */
  write(stream: StreamName, chunk: Buffer): void
  /** A line from stepgraph itself about this attempt (shown in the step's log). */
  note(message: string): void
  /** Both pipes have closed or were abandoned: no more output. */
  close(): void
}

/** How a sink slows a worker down: pausing and resuming the reads of its pipes. */
export interface FlowControl {
  pause(): void
  resume(): void
}
