import * as core from '@actions/core'

/**
 * Appends Markdown to the job summary with @actions/core. Returns why it could not,
 * rather than throwing: a missing summary must never cost the run its results.
 */
export async function appendJobSummary(markdown: string): Promise<string | undefined> {
  try {
    await core.summary.addRaw(markdown, !markdown.endsWith('\n')).write()
    return undefined
  } catch (error) {
    core.summary.emptyBuffer()
    return `stepgraph: the job summary could not be written: ${(error as Error).message}`
  }
}
