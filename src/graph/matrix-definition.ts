import { MatrixFilter } from './matrix-filter.js'
import {
  keyFold,
  type MatrixValueReader,
  type OrderedMapping,
  type OrderedValue
} from './matrix-values.js'
import { closestMatch } from './suggest.js'
import type { TreeNode } from './yaml-tree.js'

/** An `include` entry, split as GitHub splits it: matrix keys filter, other keys add. */
export interface IncludeEntry {
  readonly filter: MatrixFilter
  readonly filterEntries: readonly (readonly [string, OrderedValue])[]
  readonly extra: readonly (readonly [string, OrderedValue])[]
}

/** A step's `matrix:`, read and checked: what matrix.ts combines. */
export interface MatrixDefinition {
  /** Each key but `include` and `exclude`, with its values, in the order written. */
  readonly vectors: readonly (readonly [string, readonly OrderedValue[]])[]
  readonly include: readonly IncludeEntry[]
  readonly exclude: readonly MatrixFilter[]
  /** Where `exclude` is written, for "every combination is excluded". */
  readonly excludeNode: TreeNode | undefined
}

/**
 * Reads a step's `matrix:` with GitHub's checks (ConvertToStrategy and MatrixBuilder): a
 * mapping; each key but `include` and `exclude` a non-empty list; `include` and `exclude`
 * lists of non-empty mappings, `exclude` naming matrix keys only; at least one key or
 * `include` entry. Keys are compared without case, as the `matrix` context compares them.
 * Every problem is reported; undefined when there was any.
 */
export class MatrixDefinitionReader {
  constructor(
    private readonly values: MatrixValueReader,
    private readonly report: (node: TreeNode, message: string) => void
  ) {}

  read(id: string, node: TreeNode): MatrixDefinition | undefined {
    const field = `the matrix of step \`${id}\``
    if (node.kind !== 'mapping') {
      const computed = node.kind === 'scalar' && node.text.includes('${{')
      this.report(
        node,
        `\`matrix\` of step \`${id}\` must be a mapping of keys to lists of values, ` +
          'e.g. `matrix: { node: [20, 22] }`' +
          (computed
            ? '; a matrix computed by an expression is not supported: stepgraph expands ' +
              'matrices before any step runs'
            : '')
      )
      return undefined
    }
    const vectors: [string, readonly OrderedValue[]][] = []
    let includeNode: TreeNode | undefined
    let excludeNode: TreeNode | undefined
    let hasVector = false
    const seen = new Map<string, string>()
    for (const [keyNode, valueNode] of node.entries) {
      if (keyNode.kind !== 'scalar' || keyNode.text.includes('\0')) {
        this.report(
          keyNode,
          keyNode.kind !== 'scalar'
            ? `${field} has a key that is not a plain string`
            : `${field} has a key with a NUL character (no process can be given one)`
        )
        continue
      }
      const key = keyNode.text
      const earlier = seen.get(keyFold(key))
      if (earlier !== undefined) {
        this.report(
          keyNode,
          earlier === key
            ? `${field} has \`${key}\` twice`
            : `${field} has \`${earlier}\` and \`${key}\`: \`matrix\` keys are compared without case`
        )
        continue
      }
      seen.set(keyFold(key), key)
      if (key === 'include') includeNode = valueNode
      else if (key === 'exclude') excludeNode = valueNode
      else {
        hasVector = true
        const vector = this.readVector(key, valueNode, field)
        if (vector !== undefined) vectors.push([key, vector])
      }
    }
    const include = includeNode && this.readInclude(includeNode, field, vectors)
    const exclude = excludeNode && this.readExclude(excludeNode, field, vectors)
    const noInclude =
      includeNode === undefined || (includeNode.kind === 'list' && includeNode.items.length === 0)
    if (!hasVector && noInclude) {
      this.report(
        includeNode ?? node,
        `${field} is empty: give at least one key with a list of values, or \`include\``
      )
      return undefined
    }
    return { vectors, include: include ?? [], exclude: exclude ?? [], excludeNode }
  }

  private readVector(
    key: string,
    node: TreeNode,
    field: string
  ): readonly OrderedValue[] | undefined {
    const where = `\`${key}\` in ${field}`
    if (node.kind !== 'list') {
      const example = node.kind === 'scalar' && node.text !== '' ? node.text : 'a, b'
      this.report(node, `${where} must be a list of values, e.g. \`${key}: [${example}]\``)
      return undefined
    }
    if (node.items.length === 0) {
      this.report(node, `${where} is an empty list: give it at least one value`)
      return undefined
    }
    const values = this.values.read(node, where, 1)
    return Array.isArray(values) ? (values as readonly OrderedValue[]) : undefined
  }

  private readInclude(
    node: TreeNode,
    field: string,
    vectors: readonly (readonly [string, unknown])[]
  ): IncludeEntry[] | undefined {
    const entries = this.readEntries(node, 'include', field)
    if (entries === undefined) return undefined
    const vectorKeys = new Set(vectors.map(([key]) => keyFold(key)))
    return entries.map(entry => {
      const filterEntries = [...entry].filter(([key]) => vectorKeys.has(keyFold(key)))
      const extra = [...entry].filter(([key]) => !vectorKeys.has(keyFold(key)))
      return { filter: new MatrixFilter(filterEntries), filterEntries, extra }
    })
  }

  private readExclude(
    node: TreeNode,
    field: string,
    vectors: readonly (readonly [string, unknown])[]
  ): MatrixFilter[] | undefined {
    const entries = this.readEntries(node, 'exclude', field)
    if (entries === undefined) return undefined
    const keys = vectors.map(([key]) => key)
    const vectorKeys = new Set(keys.map(keyFold))
    entries.forEach((entry, i) => {
      const entryNode = node.kind === 'list' ? node.items[i] : undefined
      for (const [key] of entry) {
        if (vectorKeys.has(keyFold(key))) continue
        const keyNode =
          entryNode?.kind === 'mapping'
            ? entryNode.entries.find(([k]) => k.kind === 'scalar' && k.text === key)?.[0]
            : undefined
        const suggestion = closestMatch(key, keys)
        this.report(
          keyNode ?? node,
          `\`exclude\` in ${field} names \`${key}\`, which is not a key of the matrix` +
            (suggestion
              ? `; did you mean \`${suggestion}\`?`
              : keys.length > 0
                ? `; its keys are ${keys.map(k => `\`${k}\``).join(', ')}`
                : '')
        )
      }
    })
    return entries.map(entry => new MatrixFilter(entry))
  }

  /** `include` or `exclude`: a list of non-empty mappings. */
  private readEntries(
    node: TreeNode,
    which: 'include' | 'exclude',
    field: string
  ): OrderedMapping[] | undefined {
    const where = `\`${which}\` in ${field}`
    if (node.kind !== 'list') {
      this.report(node, `${where} must be a list of mappings, e.g. \`${which}: [{ os: linux }]\``)
      return undefined
    }
    const entries: OrderedMapping[] = []
    node.items.forEach((item, i) => {
      const entry = `entry ${i + 1} of ${where}`
      if (item.kind !== 'mapping') {
        this.report(item, `${entry} must be a mapping of matrix keys to values`)
        return
      }
      if (item.entries.length === 0) {
        this.report(item, `${entry} is empty: give it at least one key and value`)
        return
      }
      const mapping = this.values.readMapping(item, entry, 1)
      if (mapping !== undefined) entries.push(mapping)
    })
    return entries.length === node.items.length ? entries : undefined
  }
}
