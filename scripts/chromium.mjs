// @ts-check
/**
 * The Chromium that draws job summaries (render-summary.mjs and __tests__/render): Debian's
 * /usr/bin/chromium (`apt-get install chromium`), never a downloaded browser.
 * STEPGRAPH_CHROMIUM names another one: a Chromium elsewhere, or a missing file to check
 * that the tests needing it are skipped, and say why, where there is none.
 */
export const chromiumExecutable = process.env.STEPGRAPH_CHROMIUM || '/usr/bin/chromium'
