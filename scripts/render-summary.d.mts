/**
 * Types of scripts/render-summary.mjs, for the TypeScript tests that import it. Keep in
 * step with the JSDoc there.
 */

/**
 * What became of one ```mermaid block: `kind` is the diagram's first word (`gantt`,
 * `flowchart`, ...); `svgBytes` the size of the SVG mermaid produced, and `error`
 * mermaid's message when the diagram failed to parse or render.
 */
export type DiagramResult =
  | { readonly kind: string; readonly ok: true; readonly svgBytes: number }
  | { readonly kind: string; readonly ok: false; readonly error: string; readonly svgBytes: 0 }

/**
 * Where to write screenshots, each optional: `page` is the whole page, `timeline` only the
 * SVG of the first gantt diagram (which must then exist and render).
 */
export interface Screenshots {
  readonly page?: string
  readonly timeline?: string
}

/** One entry per ```mermaid block, in order, and the rendered HTML (diagrams as inline SVG). */
export interface RenderedSummary {
  readonly diagrams: readonly DiagramResult[]
  readonly html: string
}

/**
 * Renders a job summary's Markdown as GitHub shows it and draws its Mermaid diagrams with
 * the real mermaid library in headless Chromium (one browser, closed before returning).
 */
export function renderSummary(
  markdown: string,
  options?: { readonly screenshots?: Screenshots }
): Promise<RenderedSummary>

/**
 * The summary of a real run of examples/demo.yml through dist/index.js with 3 slots; with
 * `fail`, the demo's type check fails and the action exits 1, as expected.
 */
export function summaryOfDemoRun(options: { readonly fail: boolean }): Promise<string>

/** The summary of a dry run of examples/demo.yml: levels and a `flowchart LR`. */
export function summaryOfDryRun(): Promise<string>
