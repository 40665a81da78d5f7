import type { Dag } from './dag.js'

/** What a diagram needs to know about each step besides the edges. */
export interface DiagramOptions {
  /** Display label of step v (its name). */
  readonly label: (v: number) => string
  /** Steps to draw emphasised (the critical path). */
  readonly highlight?: ReadonlySet<number>
}

/**
 * Mermaid's own escape for label text, `#<code>;`, for every character that could close
 * the label or be read as markup; node ids are `s<index>`, so no step name reaches the
 * diagram syntax unescaped.
 */
export function mermaidText(text: string): string {
  let out = ''
  // Control characters (line breaks included) become spaces: a label is one line.
  // eslint-disable-next-line no-control-regex
  for (const char of text.replace(/[\u0000-\u001f\u007f]+/g, ' ')) {
    out += /[A-Za-z0-9 _.,()/+-]/.test(char) ? char : `#${char.codePointAt(0) ?? 32};`
  }
  return out
}

/** A left-to-right Mermaid flowchart: an arrow from each step to each step that needs it. */
export function toMermaid(dag: Dag, options: DiagramOptions): string {
  const lines = ['flowchart LR']
  for (let v = 0; v < dag.size; v++) lines.push(`  s${v}["${mermaidText(options.label(v))}"]`)
  for (let v = 0; v < dag.size; v++) {
    for (const s of dag.successors[v] ?? []) lines.push(`  s${v} --> s${s}`)
  }
  const highlighted = [...(options.highlight ?? [])].sort((a, b) => a - b)
  if (highlighted.length > 0) {
    lines.push('  classDef critical stroke:#d1242f,stroke-width:3px')
    lines.push(`  class ${highlighted.map(v => `s${v}`).join(',')} critical`)
  }
  return lines.join('\n')
}

/** A DOT string literal: backslashes, quotes and line breaks escaped. */
function dotString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, '\\n')}"`
}

/** Graphviz DOT, with ids as node names and names as labels. */
export function toDot(dag: Dag, ids: readonly string[], options: DiagramOptions): string {
  const lines = ['digraph stepgraph {', '  rankdir=LR;', '  node [shape=box];']
  for (let v = 0; v < dag.size; v++) {
    const style = options.highlight?.has(v) ? ', color=red, penwidth=2' : ''
    lines.push(`  ${dotString(ids[v] ?? '')} [label=${dotString(options.label(v))}${style}];`)
  }
  for (let v = 0; v < dag.size; v++) {
    for (const s of dag.successors[v] ?? []) {
      lines.push(`  ${dotString(ids[v] ?? '')} -> ${dotString(ids[s] ?? '')};`)
    }
  }
  lines.push('}')
  return lines.join('\n')
}
