import { appendFile } from 'node:fs/promises'

/**
 * Appends Markdown to the job summary file. Returns why it could not, rather than
 * throwing: a missing summary must never cost the run its results.
 */
export async function appendJobSummary(
  markdown: string,
  file = process.env.GITHUB_STEP_SUMMARY
): Promise<string | undefined> {
  if (!file) return 'GITHUB_STEP_SUMMARY is not set, so no job summary was written'
  try {
    await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, { flag: 'a' })
    return undefined
  } catch (error) {
    return `the job summary could not be written to ${file}: ${(error as Error).message}`
  }
}
