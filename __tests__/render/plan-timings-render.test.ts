import { describe, expect, it } from 'vitest'
import { renderSummary } from '../../scripts/render-summary.mjs'
import { runAction } from '../helpers/action.js'
import { skipWithout } from '../helpers/skip-without.js'

// Runs dist/index.js, then headless Chromium (Debian's) draws the summary with mermaid.
const timeout = 60_000

describe.skipIf(skipWithout('chromium'))('the dry run with timings, rendered', () => {
  // Ids that are gantt keywords, and a matrix instance whose id holds a colon (which ends
  // a bar's label) and entity syntax; it has no record, so its bar is the median's.
  const graph = [
    'title: {run: "true"}',
    'section: {needs: title, run: "true"}',
    'm: {matrix: {v: ["a:b #35;"]}, run: "true"}',
    'long: {run: "true"}'
  ].join('\n')
  const recorded = JSON.stringify({
    version: 1,
    steps: {
      title: { 'durations-ms': [1500] },
      section: { 'durations-ms': [2500] },
      long: { 'durations-ms': [6200] }
    }
  })

  it(
    'draws the expected schedule with an axis that reads as seconds',
    async () => {
      const run = await runAction(
        { steps: graph, 'dry-run': 'true', 'max-parallel': '2', 'timings-file': 't.json' },
        { files: { 't.json': recorded } }
      )
      expect(run.exitCode).toBe(0)
      const rendered = await renderSummary(run.summary)
      expect(rendered.diagrams.map(diagram => diagram.kind)).toEqual(['gantt', 'flowchart'])
      expect(rendered.diagrams.filter(diagram => !diagram.ok)).toEqual([])
      for (const id of ['title', 'section', 'long'])
        expect(rendered.html).toMatch(new RegExp(`>▸ ${id}\\s*</text>`))
      expect(rendered.html).toMatch(/>▸ m \(a[^<]*b #35;\)\s*<\/text>/)
      // Whole seconds (6.5 s expected), never the zero-padded "02.000s".
      const ticks = [...rendered.html.matchAll(/class="tick"[^>]*>.*?<text[^>]*>([^<]*)</g)]
      expect(ticks.map(([, text]) => text)).toEqual(['0s', '1s', '2s', '3s', '4s', '5s', '6s'])
    },
    timeout
  )
})
