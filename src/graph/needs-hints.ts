import type { StepSpec } from './spec.js'
import { closestMatch } from './suggest.js'

/**
 * The message for an entry of `needs` that is not a step id, saying what was likely meant:
 * several ids written as one string (`needs: build, lint`, where YAML reads one string:
 * a list is `[build, lint]`), a step's display name instead of its id, or a typo of an id.
 */
export function unknownNeedMessage(
  stepId: string,
  need: string,
  indexOf: ReadonlyMap<string, number>,
  steps: readonly StepSpec[],
  suggest: boolean
): string {
  const unknown = `step \`${stepId}\` needs \`${need}\`, which is not a step`
  const parts = need.split(/[\s,]+/).filter(part => part !== '')
  // A comma says "several" on its own; spaces only when every word is a step.
  if (parts.length > 1 && (need.includes(',') || parts.every(part => indexOf.has(part)))) {
    return (
      `${unknown}: \`needs\` is one string here; for several needs write a list, ` +
      `\`needs: [${parts.join(', ')}]\``
    )
  }
  if (!suggest) return unknown
  const byName = steps.find(
    step => step.name !== step.id && step.name.trim().toLowerCase() === need.trim().toLowerCase()
  )
  if (byName) return `${unknown}: it is the name of step \`${byName.id}\`; \`needs\` takes ids`
  const suggestion = closestMatch(need, indexOf.keys())
  return suggestion ? `${unknown}; did you mean \`${suggestion}\`?` : unknown
}
