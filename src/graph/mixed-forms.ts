import type { Problem } from './source.js'

/**
 * A graph that mixes its two forms at the top level, steps keyed by id (`build:`) and list
 * items (`- id: test`), is not YAML: the parser reports several errors about implicit keys
 * and unexpected tokens, none of which names the cause. This reads the top-level lines
 * (those starting in column 1) to recognise that one mistake, so that it is reported once,
 * where the second form starts, with the line to write in its place. It is called only
 * when the YAML parser has already failed, so a valid graph never pays for it.
 *
 * A list in column 1 right under a key with no value (`steps:` then `- run: x`) is that
 * key's value, valid YAML: such items are not counted as the list form.
 */
export function mixedFormsProblem(text: string): Problem | undefined {
  const lines = text.split(/\r\n|\r|\n/)
  let keyFirst: TopLine | undefined
  let itemFirst: TopLine | undefined
  let first: 'key' | 'item' | undefined
  // Whether a list item here would be the value of the key above it.
  let attachable = false
  let last: 'key' | 'attached' | undefined
  for (const [index, line] of lines.entries()) {
    if (/^\s*(#.*)?$/.test(line)) continue
    if (/^\s/.test(line)) {
      // Indented content: a key followed by it has its value; more items cannot attach.
      if (last === 'key') attachable = false
      continue
    }
    // A directive or `---` before any content starts the one document; after it, another.
    if (/^(---|\.\.\.)(\s|$)/.test(line) || line.startsWith('%')) {
      if (first === undefined && !line.startsWith('...')) continue
      return undefined
    }
    const top = { line: index + 1, text: line }
    if (/^-(\s|$)/.test(line)) {
      if (attachable) {
        last = 'attached'
        continue
      }
      itemFirst ??= top
      first ??= 'item'
      last = undefined
      attachable = false
      continue
    }
    if (!/:(\s|$)/.test(line)) continue
    keyFirst ??= top
    first ??= 'key'
    last = 'key'
    attachable = /:\s*(#.*)?$/.test(line)
  }
  if (!keyFirst || !itemFirst) return undefined
  const switchAt = first === 'key' ? itemFirst : keyFirst
  const startedAt = first === 'key' ? keyFirst : itemFirst
  const startedAs = first === 'key' ? 'a mapping of step ids' : 'a list of steps'
  return {
    message:
      `the step graph mixes its two forms: it starts as ${startedAs} at line ${startedAt.line}, ` +
      `and line ${switchAt.line} is ${first === 'key' ? 'a list item' : 'a step id'}; ` +
      `write every step in one form: ${replacement(switchAt.text, first === 'key' ? 'mapping' : 'list')}`,
    position: { line: switchAt.line, column: 1 }
  }
}

interface TopLine {
  readonly line: number
  readonly text: string
}

/** What to write in place of the line in the other form. */
function replacement(line: string, form: 'mapping' | 'list'): string {
  if (form === 'mapping') {
    const id = /^-\s+id:\s*([A-Za-z_][\w-]*)\s*(#.*)?$/.exec(line)?.[1]
    return id
      ? `\`${id}:\` with the step's keys indented beneath it, in place of \`- id: ${id}\``
      : "`ID:` with the step's keys indented beneath it, in place of `- `"
  }
  const id = /^([A-Za-z_][\w-]*):\s*(#.*)?$/.exec(line)?.[1]
  return id
    ? `\`- id: ${id}\` with the step's keys beneath it, in place of \`${id}:\``
    : "`- id: ID` with the step's keys beneath it, in place of the step id"
}
