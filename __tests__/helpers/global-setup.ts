import type { TestProject } from 'vitest/node'
import {
  REQUIRE_SYSTEM_TOOLS,
  SYSTEM_TOOLS,
  TOOL_USES,
  whyMissing,
  type SystemTool
} from './system-tools.js'

/**
 * Looks for the system programs some tests need, once per run. A missing one skips the
 * tests that need it, said at the start and again at the end of the run (the reporter
 * shows skipped tests only as a count); under STEPGRAPH_REQUIRE_SYSTEM_TOOLS=1 it fails
 * the run before any test.
 */
export default function setup(project: TestProject): () => void {
  const missing: Partial<Record<SystemTool, string>> = {}
  for (const tool of SYSTEM_TOOLS) {
    const reason = whyMissing(tool)
    if (reason !== undefined) missing[tool] = reason
  }
  const lines = Object.entries(missing).map(([tool, reason]) => {
    const uses = TOOL_USES[tool as SystemTool]
    return `  - ${uses.tests}: ${reason}; install: ${uses.install}`
  })
  if (lines.length > 0 && process.env[REQUIRE_SYSTEM_TOOLS] === '1') {
    throw new Error(
      `${REQUIRE_SYSTEM_TOOLS}=1 and a system program the tests need is missing:\n${lines.join('\n')}`
    )
  }
  project.provide('missingSystemTools', missing)
  const notice =
    lines.length === 0
      ? ''
      : `\nSKIPPED (a system program is missing; .ci/run installs it and requires these tests):\n${lines.join('\n')}\n`
  if (notice) process.stdout.write(notice)
  return () => {
    if (notice) process.stdout.write(notice)
  }
}
