import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { chromiumExecutable } from '../../scripts/chromium.mjs'

/**
 * The system programs some tests drive, which `npm ci` does not install: tmux (the CLI in
 * a real terminal) and Debian's Chromium (the job summary rendered). On a machine without
 * them those tests are skipped, and the run says so once, with why and how to install
 * them (global-setup.ts); where STEPGRAPH_REQUIRE_SYSTEM_TOOLS=1 (.ci/run sets it, after
 * installing both) a missing one fails the run instead.
 */
export const SYSTEM_TOOLS = ['tmux', 'chromium'] as const
export type SystemTool = (typeof SYSTEM_TOOLS)[number]

/** The environment variable under which a missing tool fails the run. */
export const REQUIRE_SYSTEM_TOOLS = 'STEPGRAPH_REQUIRE_SYSTEM_TOOLS'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why each missing tool is missing; a tool that is there has no entry. */
    missingSystemTools: Partial<Record<SystemTool, string>>
  }
}

/** What each tool is for and how to get it, for the message that says tests were skipped. */
export const TOOL_USES: Readonly<Record<SystemTool, { tests: string; install: string }>> = {
  tmux: {
    tests: 'the tests that drive the CLI in a real terminal (__tests__/cli)',
    install: 'apt-get install tmux'
  },
  chromium: {
    tests: "the tests that render the job summary's diagrams (__tests__/render)",
    install: 'apt-get install chromium, or STEPGRAPH_CHROMIUM=/path/to/chromium'
  }
}

/** Why `tool` cannot be used here, or undefined when it can. */
export function whyMissing(tool: SystemTool): string | undefined {
  if (tool === 'chromium') {
    try {
      accessSync(chromiumExecutable, constants.X_OK)
      return undefined
    } catch {
      return `${chromiumExecutable} is not an executable file`
    }
  }
  // Run it: found on PATH and able to start.
  const probe = spawnSync('tmux', ['-V'], { stdio: 'ignore' })
  if (probe.error)
    return `tmux is not on PATH (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})`
  return probe.status === 0
    ? undefined
    : `tmux -V exited with ${probe.status ?? probe.signal ?? '?'}`
}
