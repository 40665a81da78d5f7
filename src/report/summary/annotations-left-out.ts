import { count } from '../plan.js'
import { markdownText } from '../text.js'
import type { SummaryModel } from './model.js'

/** The annotations that did not fit the runner's allowance: the first `limit`, then a count. */
export function annotationsLeftOutSection(model: SummaryModel, limit: number): string | null {
  const { listed, unlisted } = model.annotationsLeftOut
  if (listed.length === 0 && unlisted === 0) return null
  const lines = ['### Annotations that did not fit the runner’s limit', '']
  for (const annotation of listed.slice(0, limit)) {
    const where = annotation.file
      ? ` (${markdownText(annotation.file)}${annotation.line ? `:${markdownText(annotation.line)}` : ''})`
      : ''
    const message = markdownText(annotation.message)
    lines.push(
      `- **${annotation.level}**${where} ${markdownText(annotation.title ?? '')}: ` +
        (message.length > 500 ? `${message.slice(0, 500)}…` : message)
    )
  }
  const more = Math.max(0, listed.length - limit) + unlisted
  if (more > 0) lines.push(`- _and ${count(more, 'more annotation')}_`)
  return lines.join('\n')
}
