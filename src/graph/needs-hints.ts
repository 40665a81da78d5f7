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
  return suggest ? unknown + meantStepHint(need, indexOf, steps) : unknown
}

/**
 * What an unknown id most likely meant, to follow "... is not a step": a step whose display
 * name it is (`needs` and the CLI take ids), or the closest id; '' when none is close.
 */
export function meantStepHint(
  text: string,
  indexOf: ReadonlyMap<string, number>,
  steps: readonly StepSpec[]
): string {
  const lowered = text.trim().toLowerCase()
  const named = steps.find(
    step => step.name !== step.id && step.name.trim().toLowerCase() === lowered
  )
  if (named) return `: it is the name of step \`${named.id}\`; give its id`
  const suggestion = closestMatch(text, indexOf.keys())
  return suggestion ? `; did you mean \`${suggestion}\`?` : ''
}
