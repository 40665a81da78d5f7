import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StepResultJson } from '../../src/report/results.js'
import { runAction } from '../helpers/action.js'
import { cleanUpTempDirectories, tempDirectory } from '../helpers/files.js'
import { slowReader } from '../helpers/slow-reader.js'
import { linesAfter, numberedRun } from '../helpers/step-output.js'

cleanUpTempDirectories()

/** The runner's schedule on a cancel: SIGINT, then SIGTERM 7.5 s later. */
const RUNNER_GRACE_MS = 7500

describe('cancellation within the runner’s grace', () => {
  it('writes the outputs and the summary within 7.5 s of SIGINT while a long replay goes to a slow log, and cuts the replay with a note', async () => {
    const files = tempDirectory()
    const outputFile = path.join(files, 'github-output')
    const summaryFile = path.join(files, 'step-summary')
    writeFileSync(outputFile, '')
    writeFileSync(summaryFile, '')
    let graceEnded: Promise<{ outputs: string; summary: string }> | undefined
    const run = await runAction(
      {
        'max-parallel': '2',
        // `big` prints about 22 MB: at this log's pace, its replay would take 35 s.
        steps: 'big: {run: "seq 1 3000000"}\nslow: {run: "sleep 40"}'
      },
      {
        env: { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile },
        onSpawn: child => {
          const reader = slowReader(child)
          let seen = ''
          const watch = (chunk: Buffer | string): void => {
            const text = seen + chunk.toString()
            seen = text.slice(-100)
            if (!text.includes('::group::✓ big')) return
            child.stdout?.off('data', watch)
            // The replay of `big` has begun: the runner cancels, and 7.5 s later sends
            // SIGTERM (the action may have ended by then).
            child.kill('SIGINT')
            graceEnded = new Promise(resolve =>
              setTimeout(() => {
                resolve({
                  outputs: readFileSync(outputFile, 'utf8'),
                  summary: readFileSync(summaryFile, 'utf8')
                })
                if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
                reader.fast()
              }, RUNNER_GRACE_MS)
            )
          }
          child.stdout?.on('data', watch)
        }
      }
    )
    const atGrace = await graceEnded
    // What was there when the runner's grace ran out is the whole of it.
    expect(atGrace?.outputs).toBe(readFileSync(outputFile, 'utf8'))
    expect(atGrace?.summary).toBe(readFileSync(summaryFile, 'utf8'))
    expect(atGrace?.summary).toContain('cancelled')
    const outputs = atGrace?.outputs ?? ''
    expect(outputs).toMatch(/^status<<(\S+)\ncancelled\n\1$/m)
    const results = JSON.parse(/^results<<(\S+)\n(.*)\n\1$/m.exec(outputs)?.[2] ?? '{}') as Record<
      string,
      StepResultJson
    >
    expect(results.big?.status).toBe('success')
    expect(results.slow?.status).toBe('cancelled')

    // The replay was cut after whole lines, with a note saying so.
    const big = numberedRun(linesAfter(run.stdout, /^::group::✓ big · /))
    expect(big.count).toBeGreaterThan(0)
    expect(big.count).toBeLessThan(3_000_000)
    expect(big.next).toMatch(
      /^stepgraph: the rest of this output \(.* MiB\) was not shown: the run was cancelled, and the log could not keep up within the runner’s grace period$/
    )
    expect(run.exitCode).toBe(1)
  }, 60_000)
})
