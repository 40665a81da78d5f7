/** Types of scripts/chromium.mjs, for the TypeScript tests that import it. */

/** The Chromium executable: STEPGRAPH_CHROMIUM, else Debian's /usr/bin/chromium. */
export declare const chromiumExecutable: string
