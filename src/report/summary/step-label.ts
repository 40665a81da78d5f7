import { code, markdownText } from '../text.js'

/** "Build (`build`)": the name escaped, the id when it differs. */
export function stepLabel(step: { readonly id: string; readonly name: string }): string {
  return step.name === step.id ? code(step.id) : `${markdownText(step.name)} (${code(step.id)})`
}
