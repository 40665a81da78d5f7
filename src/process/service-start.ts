import { rmSync, writeFileSync } from 'node:fs'
import type { ServiceSpec } from '../graph/spec.js'
import type { Worker } from '../scheduler/worker.js'
import type { OutputSink } from './output-sink.js'
import { ProcessWorker } from './process-worker.js'
import type { SessionReaper } from './reaper.js'
import type { ReadyCheck } from './readiness.js'
import { checkOf, failedCheck, ServiceWorker } from './service-worker.js'
import { invocation, scriptContents, type ShellSpec } from './shell.js'
import type { StepFiles } from './step-files.js'

/** How the service itself was started: its `run:` check starts the same way. */
export interface ServiceStartContext {
  readonly shell: ShellSpec
  /** The shell's path; undefined when it was not found (the service itself fails then). */
  readonly command: string | undefined
  readonly os: NodeJS.Platform
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  readonly files: StepFiles
  readonly reaper: SessionReaper
  readonly wake: () => void
}

/**
 * What makes a step's attempt a service's, for ProcessWorkers: the sink that lets its
 * readiness see the output, and the worker around its process. The `run:` check runs
 * like the service (its shell, environment and directory) from a script of its own beside
 * the service's, in a session of its own that the reaper ends with everything it started.
 */
export function startService(
  spec: ServiceSpec,
  context: ServiceStartContext,
  onReady: () => void
): { watching(sink: OutputSink): OutputSink; worker(own: Worker): Worker } {
  let service: ServiceWorker | undefined
  // Beside the service's `<name>.script<ext>`: `<name>.ready-check<ext>`.
  const scriptSuffix = `.script${context.shell.extension}`
  const checkScript =
    context.files.script.slice(0, -scriptSuffix.length) + `.ready-check${context.shell.extension}`
  let written = false
  const startCheck = (): ReadyCheck => {
    const { shell, command, os } = context
    // Nothing here may throw into the scheduler's loop: a script that cannot be written
    // is a check that failed, tried again at the next interval.
    try {
      if (!written && spec.readyWhen.run !== undefined) {
        writeFileSync(checkScript, scriptContents(shell, spec.readyWhen.run, os))
        written = true
      }
    } catch (error) {
      return failedCheck(`its script could not be written: ${(error as Error).message}`)
    }
    const worker = new ProcessWorker({
      invocation:
        command === undefined
          ? { error: 'the shell was not found' }
          : invocation(shell, command, checkScript, os),
      cwd: context.cwd,
      env: context.env,
      output: () => DISCARD,
      reaper: context.reaper,
      wake: context.wake
    })
    return checkOf(worker)
  }
  return {
    watching: sink => ServiceWorker.watching(sink, () => service),
    worker: own => {
      service = new ServiceWorker(
        {
          poll: now => {
            const exit = own.poll(now)
            if (exit !== undefined && written) removeQuietly(checkScript)
            return exit
          },
          stop: (now, graceMs) => {
            own.stop(now, graceMs)
          },
          kill: () => {
            own.kill()
          },
          hasExited: () => own.hasExited?.() ?? false,
          nextDeadline: () => own.nextDeadline?.()
        },
        {
          readyWhen: spec.readyWhen,
          startCheck,
          wake: context.wake
        },
        onReady
      )
      return service
    }
  }
}

/** Removes the check's script; one that cannot be removed is left to the run's directory. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true })
  } catch {
    // The run's directories are removed after the run.
  }
}

/** A check's output goes nowhere: its exit code is all that counts. */
const DISCARD: OutputSink = {
  write: () => undefined,
  note: () => undefined,
  close: () => undefined
}
