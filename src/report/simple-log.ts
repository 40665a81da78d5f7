import type { StepGraph } from '../graph/load.js'
import type { OutputSink } from '../process/output-sink.js'
import type { RunReporters } from '../run/run-graph.js'
import type { AttemptEnd, AttemptStart } from '../scheduler/scheduler.js'
import type { Placement } from '../scheduler/worker.js'

/** Writes to the log: workflow commands and plain lines. */
export interface LogWriter {
  line(text: string): void
  startGroup(title: string): void
  endGroup(): void
}

/**
 * The log while steps run: a line when a step starts, and when an attempt ends, its whole
 * output as one group titled with status, name and duration.
 */
export function simpleLog(graph: StepGraph, log: LogWriter): RunReporters {
  const outputs = new Map<string, Buffer[]>()
  const key = (placement: Placement): string => `${placement.step}/${placement.attempt}`
  const name = (step: number): string => graph.steps[step]?.name ?? '?'
  return {
    outputFor: placement => {
      const chunks: Buffer[] = []
      outputs.set(key(placement), chunks)
      const sink: OutputSink = {
        write: (_stream, chunk) => chunks.push(chunk),
        note: message => chunks.push(Buffer.from(`stepgraph: ${message}\n`)),
        close: () => undefined
      }
      return sink
    },
    observer: {
      attemptStarted: (event: AttemptStart) => {
        const attempt = event.attempt > 1 ? ` (attempt ${event.attempt})` : ''
        log.line(`▶ ${name(event.step)}${attempt} started in slot ${event.slot}`)
      },
      attemptEnded: (event: AttemptEnd) => {
        const chunks = outputs.get(key(event)) ?? []
        outputs.delete(key(event))
        log.startGroup(`${event.status} ${name(event.step)}`)
        const text = Buffer.concat(chunks).toString('utf8')
        for (const line of text.split(/\r?\n/).slice(0, text.endsWith('\n') ? -1 : undefined))
          log.line(line)
        log.endGroup()
      }
    }
  }
}
