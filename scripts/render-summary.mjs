// @ts-check
/**
 * Looks at stepgraph's job summary the way a user does: the summary's Markdown is turned
 * into HTML as GitHub does (GFM, GitHub's stylesheet, light theme, about 1000 px wide) and
 * every ```mermaid block is drawn by the real `mermaid` library, in headless Chromium.
 *
 *   node scripts/render-summary.mjs    (or: npm run render-summary)
 *
 * renders the summary of a demo run with one failed step and the summary of a dry run,
 * writes docs/summary.png, docs/summary-timeline.png and docs/plan.png, prints what
 * became of each diagram and exits 1 if any of them failed to parse or render.
 *
 * The functions are exported for __tests__/render/summary-render.test.ts; their types are
 * declared in render-summary.d.mts, which must be kept in step with the JSDoc here.
 *
 * Chromium is Debian's (/usr/bin/chromium, `apt-get install chromium`; another one with
 * STEPGRAPH_CHROMIUM, see chromium.mjs), driven by playwright-core; no browser is ever
 * downloaded. The machine's network is closed, so the browser is started with everything
 * that would phone home turned off, and the page loads nothing over the network: the
 * stylesheet and mermaid are injected from node_modules.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { Marked } from 'marked'
import { chromium } from 'playwright-core'
import { chromiumExecutable } from './chromium.mjs'

/* global document -- drawDiagrams runs in the page, where `document` is defined */

/**
 * What became of one ```mermaid block: `kind` is the diagram's first word (`gantt`,
 * `flowchart`, ...); `svgBytes` is the size of the SVG mermaid produced (0 on failure) and
 * `error` mermaid's message when the diagram failed to parse or render.
 * @typedef {{ readonly kind: string, readonly ok: true, readonly svgBytes: number }
 *   | { readonly kind: string, readonly ok: false, readonly error: string, readonly svgBytes: 0 }
 * } DiagramResult
 */

/**
 * Where to write screenshots, each optional: `page` is the whole page, `timeline` only the
 * SVG of the first gantt diagram (which must then exist and render).
 * @typedef {{ readonly page?: string, readonly timeline?: string }} Screenshots
 */

/**
 * The result of renderSummary: one entry per ```mermaid block, in order, and the rendered
 * HTML of the summary (the article's inner HTML, diagrams included as inline SVG).
 * @typedef {{ readonly diagrams: readonly DiagramResult[], readonly html: string }} RenderedSummary
 */

const require = createRequire(import.meta.url)

/** The repository root: this file is scripts/render-summary.mjs. */
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const actionEntry = path.join(repositoryRoot, 'dist/index.js')
const demoGraph = path.join(repositoryRoot, 'examples/demo.yml')

/** The browser bundle of mermaid (defines `globalThis.mermaid`) and GitHub's light stylesheet. */
const mermaidBundle = require.resolve('mermaid/dist/mermaid.min.js')
const markdownStylesheet = require.resolve('github-markdown-css/github-markdown-light.css')

/**
 * Headless, no sandbox (we run as root in a container), and nothing that reaches for the
 * network on its own. Playwright adds the fresh, empty --user-data-dir itself, as the
 * profile directory given to launchPersistentContext (it refuses the flag in `args`).
 */
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/** GitHub's Markdown column is 980 px wide at most; the window is a little wider. */
const viewport = { width: 1000, height: 800 }

/**
 * The page around the summary: GitHub's `.markdown-body` in a centred column, light theme.
 * github-markdown-css sets `.markdown-body { margin: 0 }`, so the column is a wrapper.
 */
const pageStyle = `
  :root { color-scheme: light; }
  body { margin: 0; background: #ffffff; }
  .page { box-sizing: border-box; max-width: 980px; margin: 0 auto; padding: 24px 32px; }
  .diagram { margin-bottom: 16px; }
  .diagram > svg { display: block; margin: 0 auto; }
  .diagram-error { border: 2px solid #d1242f; border-radius: 6px; padding: 8px 16px; }
  .diagram-error > p { color: #d1242f; font-weight: 600; white-space: pre-wrap; }
  .diagram-error > p { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; }
`

/**
 * The first word of a diagram, which names its kind: a leading front matter block
 * (`---` ... `---`), `%%` comments and directives, and blank lines are skipped.
 * @param {string} source
 * @returns {string}
 */
function diagramKind(source) {
  const lines = source.split(/\r?\n/)
  let index = 0
  if (lines[0]?.trim() === '---') {
    index = lines.findIndex((line, at) => at > 0 && line.trim() === '---') + 1
  }
  for (const line of lines.slice(index)) {
    const text = line.trim()
    if (text === '' || text.startsWith('%%')) continue
    return text.split(/\s+/)[0] ?? ''
  }
  return ''
}

/**
 * Turns the summary's Markdown into HTML with marked (GFM, raw HTML kept, as GitHub keeps
 * `<details>` and `<pre>`). Each ```mermaid block becomes an empty placeholder
 * `<div class="diagram" data-diagram="N">` and its source is returned at index N.
 * @param {string} markdown
 * @returns {{ body: string, sources: string[] }}
 */
function markdownToHtml(markdown) {
  /** @type {string[]} */
  const sources = []
  const marked = new Marked({
    gfm: true,
    async: false,
    renderer: {
      code(token) {
        // The info string's first word is the language, as in ```mermaid or ```mermaid x.
        if (token.lang?.trim().split(/\s+/)[0] !== 'mermaid') return false
        const index = sources.push(token.text) - 1
        return `<div class="diagram" data-diagram="${index}"></div>\n`
      }
    }
  })
  return { body: marked.parse(markdown, { async: false }), sources }
}

/**
 * Runs inside the page (Playwright serialises it: it may use nothing from this module).
 * Draws each source into its placeholder with the mermaid bundle injected before: parse,
 * then render. A failure leaves mermaid's message and the source in the placeholder, so
 * a screenshot shows it too.
 * @param {string[]} sources
 * @returns {Promise<{ ok: boolean, error: string, svgBytes: number }[]>}
 */
async function drawDiagrams(sources) {
  // `mermaid` is the page's global, defined by the bundle injected before.
  const { mermaid } = /** @type {typeof globalThis & { mermaid: import('mermaid').Mermaid }} */ (
    globalThis
  )
  // GitHub draws with the default theme on a light page; `strict` keeps labels as text
  // and ignores `click`, as a hostile step name must not get any further than that.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' })
  /** @type {{ ok: boolean, error: string, svgBytes: number }[]} */
  const results = []
  for (const [index, source] of sources.entries()) {
    const container = document.querySelector(`[data-diagram="${index}"]`)
    if (container === null) throw new Error(`no placeholder for diagram ${index}`)
    try {
      await mermaid.parse(source)
      // Rendered inside its placeholder, so a gantt takes the width of the column.
      const { svg } = await mermaid.render(`stepgraph-diagram-${index}`, source, container)
      container.innerHTML = svg
      results.push({ ok: true, error: '', svgBytes: new TextEncoder().encode(svg).length })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const heading = document.createElement('p')
      heading.textContent = `Mermaid failed: ${message}`
      const code = document.createElement('pre')
      code.textContent = source
      container.replaceChildren(heading, code)
      container.classList.add('diagram-error')
      results.push({ ok: false, error: message, svgBytes: 0 })
    }
  }
  return results
}

/**
 * Renders a job summary as GitHub shows it and draws its Mermaid diagrams with the real
 * mermaid library in headless Chromium. One browser, one page; the browser is always
 * closed and its profile directory removed.
 * @param {string} markdown the summary's Markdown, as written to GITHUB_STEP_SUMMARY
 * @param {{ readonly screenshots?: Screenshots }} [options]
 * @returns {Promise<RenderedSummary>}
 */
export async function renderSummary(markdown, { screenshots = {} } = {}) {
  const { body, sources } = markdownToHtml(markdown)
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<title>stepgraph job summary</title><style>${pageStyle}</style></head>` +
    `<body><div class="page"><article class="markdown-body">${body}</article></div></body></html>`

  const profile = await mkdtemp(path.join(tmpdir(), 'stepgraph-chromium-'))
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumExecutable,
      headless: true,
      args: chromiumFlags,
      viewport,
      deviceScaleFactor: 1,
      colorScheme: 'light',
      offline: true
    })
    try {
      return await drawSummary(context, html, sources, screenshots)
    } finally {
      await context.close()
    }
  } finally {
    await rm(profile, { recursive: true, force: true })
  }
}

/**
 * renderSummary's work inside the browser: loads the page, draws the diagrams, takes the
 * screenshots asked for.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} html the whole page, diagrams still placeholders
 * @param {string[]} sources the diagrams' sources, by placeholder number
 * @param {Screenshots} screenshots
 * @returns {Promise<RenderedSummary>}
 */
async function drawSummary(context, html, sources, screenshots) {
  // Nothing may come from the network: refuse every request, and say so, since a
  // summary that needs one would look different on GitHub.
  await context.route('**/*', route => {
    process.stderr.write(`render-summary: blocked a request for ${route.request().url()}\n`)
    return route.abort()
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', error => {
    process.stderr.write(`render-summary: error in the page: ${error.message}\n`)
  })
  await page.setContent(html)
  await page.addStyleTag({ path: markdownStylesheet })
  await page.addScriptTag({ path: mermaidBundle })
  const drawn = await page.evaluate(drawDiagrams, sources)

  /** @type {DiagramResult[]} */
  const diagrams = drawn.map(({ ok, error, svgBytes }, index) => {
    const kind = diagramKind(sources[index] ?? '')
    return ok ? { kind, ok: true, svgBytes } : { kind, ok: false, error, svgBytes: 0 }
  })

  if (screenshots.page !== undefined) {
    await mkdir(path.dirname(screenshots.page), { recursive: true })
    await page.screenshot({ path: screenshots.page, fullPage: true })
  }
  if (screenshots.timeline !== undefined) {
    const gantt = diagrams.findIndex(diagram => diagram.kind === 'gantt' && diagram.ok)
    if (gantt === -1) throw new Error('no gantt diagram rendered: nothing to screenshot')
    await mkdir(path.dirname(screenshots.timeline), { recursive: true })
    await page.locator(`[data-diagram="${gantt}"] > svg`).screenshot({
      path: screenshots.timeline
    })
  }
  const rendered = await page.locator('article.markdown-body').innerHTML()
  return { diagrams, html: rendered }
}

/**
 * Runs `node dist/index.js` as the runner would, in a fresh temporary workspace, with
 * `inputs` as INPUT_* variables, and returns what it wrote to GITHUB_STEP_SUMMARY. The
 * inherited INPUT_*, GITHUB_* and RUNNER_* variables (and DEMO_FAIL) are dropped first,
 * so only what is asked for reaches the action. Throws when the action does not exit
 * with `expectedExitCode` or writes no summary.
 * @param {Readonly<Record<string, string>>} inputs by input name, e.g. `{ 'dry-run': 'true' }`
 * @param {Readonly<Record<string, string>>} extraEnv
 * @param {number} expectedExitCode
 * @returns {Promise<string>}
 */
async function summaryOfAction(inputs, extraEnv, expectedExitCode) {
  const root = await mkdtemp(path.join(tmpdir(), 'stepgraph-render-'))
  try {
    const workspace = path.join(root, 'workspace')
    await mkdir(workspace)
    const summaryFile = path.join(root, 'step-summary')
    const outputFile = path.join(root, 'github-output')
    await writeFile(summaryFile, '')
    await writeFile(outputFile, '')

    /** @type {NodeJS.ProcessEnv} */
    const env = {}
    for (const [name, value] of Object.entries(process.env)) {
      if (!/^(INPUT_|GITHUB_|RUNNER_)/.test(name) && name !== 'DEMO_FAIL') env[name] = value
    }
    for (const [name, value] of Object.entries(inputs)) {
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
    }
    Object.assign(env, extraEnv, {
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile
    })

    const child = spawn(process.execPath, [actionEntry], {
      cwd: workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (/** @type {string} */ chunk) => {
      output += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (/** @type {string} */ chunk) => {
      output += chunk
    })
    /** @type {number | null} */
    const exitCode = await new Promise((resolve, reject) => {
      child.on('error', reject)
      child.on('close', code => {
        resolve(code)
      })
    })
    const summary = await readFile(summaryFile, 'utf8')
    if (exitCode !== expectedExitCode || summary === '') {
      throw new Error(
        `node dist/index.js exited with ${String(exitCode)} (expected ${expectedExitCode})` +
          ` and wrote ${summary.length} characters of summary; its output:\n${output}`
      )
    }
    return summary
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

/**
 * The summary of a real run of examples/demo.yml with 3 slots. With `fail`, the demo's
 * type check fails (DEMO_FAIL=typecheck) and the action exits 1, as expected.
 * @param {{ readonly fail: boolean }} options
 * @returns {Promise<string>}
 */
export function summaryOfDemoRun({ fail }) {
  return summaryOfAction(
    { 'steps-file': demoGraph, 'max-parallel': '3' },
    fail ? { DEMO_FAIL: 'typecheck' } : {},
    fail ? 1 : 0
  )
}

/**
 * The summary of a dry run of examples/demo.yml with 3 slots: the levels and a
 * `flowchart LR` with the critical path marked.
 * @returns {Promise<string>}
 */
export function summaryOfDryRun() {
  return summaryOfAction({ 'steps-file': demoGraph, 'max-parallel': '3', 'dry-run': 'true' }, {}, 0)
}

/**
 * One line per diagram, e.g. `  1. gantt: ok, 28,140 bytes of SVG`.
 * @param {readonly DiagramResult[]} diagrams
 * @returns {string}
 */
function describeDiagrams(diagrams) {
  if (diagrams.length === 0) return '  (no diagrams)\n'
  return diagrams
    .map((diagram, index) => {
      const what = diagram.ok
        ? `ok, ${diagram.svgBytes.toLocaleString('en-US')} bytes of SVG`
        : `FAILED: ${diagram.error}`
      return `  ${index + 1}. ${diagram.kind || '(empty)'}: ${what}\n`
    })
    .join('')
}

/** Renders the failing demo run and the dry run, writes the screenshots under docs/. */
async function main() {
  const docs = path.join(repositoryRoot, 'docs')
  const shots = {
    page: path.join(docs, 'summary.png'),
    timeline: path.join(docs, 'summary-timeline.png'),
    plan: path.join(docs, 'plan.png')
  }

  const run = await renderSummary(await summaryOfDemoRun({ fail: true }), {
    screenshots: { page: shots.page, timeline: shots.timeline }
  })
  process.stdout.write(`Demo run with a failed step (${path.relative(repositoryRoot, shots.page)}`)
  process.stdout.write(`, ${path.relative(repositoryRoot, shots.timeline)}):\n`)
  process.stdout.write(describeDiagrams(run.diagrams))

  const plan = await renderSummary(await summaryOfDryRun(), { screenshots: { page: shots.plan } })
  process.stdout.write(`Dry run (${path.relative(repositoryRoot, shots.plan)}):\n`)
  process.stdout.write(describeDiagrams(plan.diagrams))

  const failed = [...run.diagrams, ...plan.diagrams].filter(diagram => !diagram.ok).length
  if (failed > 0) {
    process.stderr.write(`${failed} ${failed === 1 ? 'diagram' : 'diagrams'} failed to render\n`)
    process.exitCode = 1
  }
}

// Run main() only when started as `node scripts/render-summary.mjs`, not when imported.
if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await main()
}
