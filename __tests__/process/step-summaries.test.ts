import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { StepSummaries, waterLevel } from '../../src/process/step-summaries.js'

const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-summaries-'))
let files = 0

/** A summary file holding `text`. */
function summaryFile(text: string | Buffer): string {
  const file = path.join(directory, `summary-${files++}.md`)
  writeFileSync(file, text)
  return file
}

describe('waterLevel', () => {
  it.each([
    [[10, 50, 100], 100, 45],
    [[10, 20], 100, Infinity],
    [[100, 100, 100], 90, 30],
    [[], 100, Infinity]
  ])('%j in %d bytes: every summary keeps at most %d', (sizes, budget, level) => {
    expect(waterLevel(sizes, budget)).toBe(level)
  })
})

describe('StepSummaries: the steps’ own summaries within one budget', () => {
  it('keeps small summaries whole', () => {
    const summaries = new StepSummaries(2)
    summaries.record(0, summaryFile('# Zero\n'))
    expect(summaries.text(0)).toBe('# Zero\n')
    expect(summaries.text(1)).toBe('')
  })

  it('shares the budget: small ones whole, large ones cut to one length, each cut with a note', () => {
    const summaries = new StepSummaries(3, 100)
    summaries.record(0, summaryFile('a'.repeat(200)))
    summaries.record(1, summaryFile('b'.repeat(10)))
    summaries.record(2, summaryFile('c'.repeat(50)))
    expect(summaries.text(1)).toBe('b'.repeat(10))
    for (const [step, letter] of [
      [0, 'a'],
      [2, 'c']
    ] as const) {
      const note = `_stepgraph kept the first 45 bytes of the ${step === 0 ? 200 : 50} bytes this step wrote: the steps' own summaries share 100 bytes, as much as a job summary can hold._`
      expect(summaries.text(step)).toBe(`${note}\n\n${letter.repeat(45)}`)
    }
    expect(summaries.heldBytes).toBe(100)
  })

  it('keeps the same bytes whatever order the steps end in', () => {
    const sizes = [5000, 10, 300, 2500, 0, 700, 40]
    const texts = sizes.map((size, i) => String.fromCharCode(97 + i).repeat(size))
    const paths = texts.map(text => summaryFile(text))
    const orders = [
      [0, 1, 2, 3, 4, 5, 6],
      [6, 5, 4, 3, 2, 1, 0],
      [3, 0, 6, 1, 5, 2, 4]
    ]
    const results = orders.map(order => {
      const summaries = new StepSummaries(sizes.length, 2000)
      for (const step of order) summaries.record(step, paths[step] as string)
      expect(summaries.heldBytes).toBeLessThanOrEqual(2000)
      return sizes.map((_, step) => summaries.text(step))
    })
    expect(results[1]).toEqual(results[0])
    expect(results[2]).toEqual(results[0])
  })

  it('holds at most the budget of six 50 MB summaries, each cut with a note', () => {
    const big = summaryFile(Buffer.alloc(50 * 1024 * 1024, 'x'))
    const summaries = new StepSummaries(6)
    for (let step = 0; step < 6; step++) summaries.record(step, big)
    expect(summaries.heldBytes).toBeLessThanOrEqual(1024 * 1024)
    for (let step = 0; step < 6; step++) {
      expect(summaries.text(step)).toMatch(
        /^_stepgraph kept the first 170\.7 KiB of the 50\.0 MiB this step wrote: .*_\n\nx{174762}$/
      )
    }
  })

  it('never cuts a character in two', () => {
    const summaries = new StepSummaries(1, 5)
    summaries.record(0, summaryFile('ééé'))
    expect(summaries.text(0)).toMatch(/^_stepgraph kept the first 5 bytes of the 6 bytes.*_\n\néé$/)
  })

  it('says why a summary that is not a file was not read, without waiting on it', () => {
    const fifo = path.join(directory, 'fifo.md')
    execFileSync('mkfifo', [fifo])
    const summaries = new StepSummaries(3)
    summaries.record(0, fifo)
    summaries.record(1, '/dev/zero')
    summaries.record(2, path.join(directory, 'deleted-by-the-step.md'))
    expect(summaries.text(0)).toBe(
      "_stepgraph did not read this step's summary: GITHUB_STEP_SUMMARY is a named pipe (FIFO), not a file._"
    )
    expect(summaries.text(1)).toBe(
      "_stepgraph did not read this step's summary: GITHUB_STEP_SUMMARY is a character device, not a file._"
    )
    expect(summaries.text(2)).toBe('')
  })

  it('counts a retried step by its largest summary, and shows its last one', () => {
    const summaries = new StepSummaries(2, 100)
    summaries.record(0, summaryFile('a'.repeat(100)))
    summaries.record(1, summaryFile('b'.repeat(100)))
    summaries.record(0, summaryFile('A'.repeat(20)))
    expect(summaries.text(0)).toBe('A'.repeat(20))
    expect(summaries.text(1)).toMatch(
      /^_stepgraph kept the first 50 bytes of the 100 bytes.*_\n\nb{50}$/
    )
  })
})
