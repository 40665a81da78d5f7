import { describe, expect, it } from 'vitest'
import {
  renderSummary,
  summaryOfDemoRun,
  summaryOfDryRun,
  type RenderedSummary
} from '../../scripts/render-summary.mjs'
import { runAction } from '../helpers/action.js'
import { skipWithout } from '../helpers/skip-without.js'

// Each test runs dist/index.js and then starts headless Chromium (Debian's
// /usr/bin/chromium) once to draw the summary's diagrams with the real mermaid library.
const timeout = 60_000

/** Skipped, with the reason said once for the run, where there is no Chromium. */
const withChromium = describe.skipIf(skipWithout('chromium'))

/** Below this, an SVG is mermaid's stylesheet and little else (a real one is 10 kB or more). */
const trivialSvgBytes = 5_000

/** The number of ```mermaid blocks in a summary, each of which must become one diagram. */
function mermaidBlocks(markdown: string): number {
  return markdown.match(/^```mermaid$/gm)?.length ?? 0
}

/** Every ```mermaid block became a diagram, and every diagram parsed and rendered. */
function expectEveryDiagramRendered(markdown: string, rendered: RenderedSummary): void {
  // As many diagrams as blocks: raw HTML in the summary swallowed none of them.
  expect(rendered.diagrams).toHaveLength(mermaidBlocks(markdown))
  // The failures themselves, so that mermaid's message is in the test's output.
  expect(rendered.diagrams.filter(diagram => !diagram.ok)).toEqual([])
  for (const diagram of rendered.diagrams) {
    expect(diagram.svgBytes).toBeGreaterThan(trivialSvgBytes)
  }
}

function kinds(rendered: RenderedSummary): string[] {
  return rendered.diagrams.map(diagram => diagram.kind)
}

withChromium('the job summary, rendered by marked and mermaid in Chromium', () => {
  it(
    "draws the timeline of the failing demo run's summary",
    async () => {
      const markdown = await summaryOfDemoRun({ fail: true })
      const rendered = await renderSummary(markdown)
      expect(rendered.diagrams.length).toBeGreaterThanOrEqual(1)
      expect(kinds(rendered)).toContain('gantt')
      expectEveryDiagramRendered(markdown, rendered)
      // The bars carry their step ids, the failed one marked.
      expect(rendered.html).toContain('✗ typecheck')
      expect(rendered.html).toContain('✓ build')
      // The demo's test server: a service, drawn apart with its ready moment.
      expect(rendered.html).toContain('Services')
      expect(rendered.html).toContain('✓ server')
    },
    timeout
  )

  it(
    "draws the dry run's graph",
    async () => {
      const markdown = await summaryOfDryRun()
      const rendered = await renderSummary(markdown)
      expect(kinds(rendered)).toEqual(['flowchart'])
      expectEveryDiagramRendered(markdown, rendered)
      expect(rendered.html).toContain('Integration test')
    },
    timeout
  )
})

withChromium('a graph whose ids are Mermaid keywords and whose names hold its syntax', () => {
  // Ids that mean something to a gantt or a flowchart; names with quotes, brackets,
  // `;`, `:`, `#`, `%`, `|`, HTML (one that would close the failure's <details>) and a
  // newline. YAML double-quoted strings, so `\"` and `\n` are YAML's escapes.
  const graph = String.raw`
title:
  name: "Title \"quoted\" ]; key: value"
  run: "true"
section:
  name: "Section # 100% | pipe"
  needs: title
  run: "true"
dateFormat:
  name: "Line one\nline two %% not a comment"
  needs: title
  run: "true"
end:
  name: "end ] --> injected[\"x\"]; classDef"
  needs: [section, dateFormat]
  run: "true"
click:
  name: "<b>bold</b> </details> #35; | a:b"
  needs: end
  run: "exit 1"
subgraph:
  name: "subgraph %% ; : # | \""
  run: "true"
`

  it(
    'draws the dry run graph',
    async () => {
      const run = await runAction({ steps: graph, 'dry-run': 'true' })
      expect(run.exitCode).toBe(0)
      const rendered = await renderSummary(run.summary)
      expect(kinds(rendered)).toEqual(['flowchart'])
      expectEveryDiagramRendered(run.summary, rendered)
    },
    timeout
  )

  it(
    "draws the run's timeline",
    async () => {
      const run = await runAction({ steps: graph })
      // `click` fails, as it should: the summary then has a failure section too.
      expect(run.exitCode).toBe(1)
      const rendered = await renderSummary(run.summary)
      expect(kinds(rendered)).toContain('gantt')
      expectEveryDiagramRendered(run.summary, rendered)
      // Every step that ran has its bar, labelled with its id.
      for (const id of ['title', 'section', 'dateFormat', 'end', 'click', 'subgraph']) {
        expect(rendered.html).toMatch(new RegExp(`>[✓✗] ${id}\\s*</text>`))
      }
    },
    timeout
  )
})

describe('matrix instances, whose ids hold their values', () => {
  // Values with what a gantt bar's label must not contain (`:` ends it, `#` and `;` are
  // entity syntax, `%%` a comment) and what a table cell must not (`|`, a backtick).
  const graph =
    String.raw`
test:
  run: "true"
  matrix:
    v: ["a:b", "#35; x", "p|q", "tick` +
    '`' +
    String.raw`s", "%% c", "<b>x</b>"]
`

  it(
    "draws the run's timeline with a bar for each instance",
    async () => {
      const run = await runAction({ steps: graph })
      expect(run.exitCode).toBe(0)
      const rendered = await renderSummary(run.summary)
      expect(kinds(rendered)).toContain('gantt')
      expectEveryDiagramRendered(run.summary, rendered)
      for (const value of ['a:b', '#35; x', 'p|q', 'tick`s', '%% c']) {
        expect(rendered.html).toContain(`✓ test (${value})`)
      }
      // Each instance's row in the table, its id shown whole.
      for (const value of ['a:b', 'p|q', 'tick`s', '&lt;b&gt;x&lt;/b&gt;']) {
        expect(rendered.html).toContain(`<code>test (${value})</code>`)
      }
    },
    timeout
  )
})
