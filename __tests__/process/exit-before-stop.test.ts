import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { OutputSink } from '../../src/process/output-sink.js'
import { ProcessWorkers } from '../../src/process/process-workers.js'
import type { WorkerExit } from '../../src/scheduler/worker.js'
import { cleanUpTempDirectories, tempDirectory } from '../helpers/files.js'
import { graphOf } from '../helpers/processes.js'

cleanUpTempDirectories()

describe('a step that ended before the run stopped it', () => {
  it.runIf(process.platform === 'linux')(
    'is known to have exited before Node is told (the process table has it)',
    async () => {
      const graph = await graphOf('a: {run: "exit 2"}')
      const sink: OutputSink = {
        write: () => undefined,
        note: () => undefined,
        close: () => undefined
      }
      const workers = new ProcessWorkers({
        graph,
        defaultShell: undefined,
        workingDirectory: tempDirectory(),
        controlDirectories: { disk: tempDirectory() },
        baseEnv: process.env,
        outputFor: () => sink,
        wake: () => undefined
      })
      const worker = workers.start({ step: 0, slot: 1, attempt: 1 })
      // The event loop does not turn: the shell exits, and Node has not reaped it yet.
      spawnSync('sleep', ['0.5'])
      expect(worker.hasExited?.()).toBe(true)
      let exit: WorkerExit | undefined
      while ((exit = worker.poll(performance.now())) === undefined)
        await new Promise(resolve => setTimeout(resolve, 10))
      expect(exit.exitCode).toBe(2)
      await workers.reaper.settle()
    }
  )
})
