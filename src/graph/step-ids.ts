import { STEP_ID_PATTERN } from './spec.js'
import type { MappingNode } from './yaml-tree.js'

/**
 * Why a step id is refused, with an id to write instead. A workflow author often keys a
 * step by its display name (`Build app:`): the suggestion is an id made from it
 * (`build-app`) with the name kept as `name:`, as a workflow's jobs are written.
 */
export function invalidIdMessage(
  id: string,
  step: MappingNode | undefined,
  form: 'mapping' | 'list'
): string | undefined {
  if (STEP_ID_PATTERN.test(id)) return undefined
  const rule =
    `invalid step id \`${id}\`: an id starts with a letter or \`_\` and holds only ` +
    'letters, digits, `_` and `-`'
  const suggestion = idFrom(id)
  if (suggestion === undefined) return rule
  const write = form === 'mapping' ? `\`${suggestion}:\`` : `\`id: ${suggestion}\``
  // The name keeps what the id cannot hold, when there is more to keep than a leading digit.
  const keepsName =
    !hasKey(step, 'name') &&
    // eslint-disable-next-line no-control-regex -- a name with control characters is no name
    !/[\u0000-\u001f\u007f-\u009f]/.test(id) &&
    /[^A-Za-z0-9_-]/.test(id)
  return `${rule}; write ${write}${keepsName ? ` with \`name: ${id.trim()}\`` : ''}`
}

/**
 * An id made from `text`: accents dropped, every run of other characters a `-`, lower
 * case, and `_` in front when it would start with a digit; undefined when nothing is left.
 */
export function idFrom(text: string): string | undefined {
  const id = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
  if (id === '') return undefined
  return /^[0-9-]/.test(id) ? `_${id}` : id
}

function hasKey(step: MappingNode | undefined, key: string): boolean {
  return step?.entries.some(([node]) => node.kind === 'scalar' && node.text === key) ?? false
}
