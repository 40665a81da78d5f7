import type { TreeNode } from './yaml-tree.js'

/**
 * A matrix value as read from YAML, in the order written: mappings are Maps, because a
 * JavaScript object puts integer-like keys first and the order of a matrix's values names
 * its instances (`test (20, linux)`). matrix.ts turns them into `MatrixValue`s for specs.
 */
export type OrderedValue =
  string | number | boolean | null | readonly OrderedValue[] | OrderedMapping
export type OrderedMapping = ReadonlyMap<string, OrderedValue>

/**
 * The most YAML nodes the matrices of one graph may hold, aliases counted at each use: an
 * alias can repeat a value exponentially (a billion laughs), and every value is read
 * whole, so the count bounds the time and memory a graph's text can cost.
 */
export const MAX_MATRIX_VALUE_NODES = 65_536
/** How deep a matrix value may nest: reading and comparing values recurse. */
export const MAX_MATRIX_DEPTH = 64

/** Why a NUL is refused in a matrix as in any string of a step. */
const NUL_REASON = 'no process can be given one'

/** 65536 -> "65,536" (not toLocaleString: loading ICU costs more than reading a graph). */
export function withCommas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',')
}

export function isOrderedMapping(value: OrderedValue): value is OrderedMapping {
  return value instanceof Map
}

/**
 * A key of a mapping as the `matrix` context looks it up: expressions compare keys without
 * case (as @actions/expressions' Dictionary does, by `toLowerCase`).
 */
export function keyFold(key: string): string {
  return key.toLowerCase()
}

/** The value under `key`, compared without case; undefined when there is none. */
export function getIgnoringCase(map: OrderedMapping, key: string): OrderedValue | undefined {
  const exact = map.get(key)
  if (exact !== undefined) return exact
  const folded = keyFold(key)
  for (const [candidate, value] of map) if (keyFold(candidate) === folded) return value
  return undefined
}

/**
 * Reads matrix values from the YAML tree, with one budget of nodes for a whole graph.
 * Problems go to `report`; a value with a problem reads as undefined.
 */
export class MatrixValueReader {
  private nodesLeft = MAX_MATRIX_VALUE_NODES
  private overBudgetReported = false

  constructor(private readonly report: (node: TreeNode, message: string) => void) {}

  /** `field` names the value in messages: "`os` in the matrix of step `test`". */
  read(node: TreeNode, field: string, depth = 0): OrderedValue | undefined {
    if (--this.nodesLeft < 0) {
      if (!this.overBudgetReported) {
        this.overBudgetReported = true
        this.report(
          node,
          `the matrices of the graph hold more than ${withCommas(MAX_MATRIX_VALUE_NODES)} ` +
            'values (an alias counts each time it is used)'
        )
      }
      return undefined
    }
    if (depth > MAX_MATRIX_DEPTH) {
      this.report(node, `${field} nests more than ${MAX_MATRIX_DEPTH} levels deep`)
      return undefined
    }
    switch (node.kind) {
      case 'scalar':
        if (node.text.includes('\0')) {
          this.report(node, `${field} contains a NUL character (${NUL_REASON})`)
          return undefined
        }
        return node.plain === true ? this.typed(node, node.text, field) : node.text
      case 'list': {
        const items = node.items.map(item => this.read(item, field, depth + 1))
        return items.every(item => item !== undefined) ? items : undefined
      }
      case 'mapping':
        return this.readMapping(node, field, depth)
    }
  }

  /** Keys in the order written; two keys that differ only in case are one key to `matrix`. */
  readMapping(
    node: Extract<TreeNode, { kind: 'mapping' }>,
    field: string,
    depth: number
  ): OrderedMapping | undefined {
    const map = new Map<string, OrderedValue>()
    const seen = new Map<string, string>()
    let ok = true
    for (const [keyNode, valueNode] of node.entries) {
      if (keyNode.kind !== 'scalar') {
        this.report(keyNode, `${field} has a key that is not a plain string`)
        ok = false
        continue
      }
      const key = keyNode.text
      if (key.includes('\0')) {
        this.report(keyNode, `${field} has a key with a NUL character (${NUL_REASON})`)
        ok = false
        continue
      }
      const earlier = seen.get(keyFold(key))
      if (earlier !== undefined) {
        this.report(
          keyNode,
          earlier === key
            ? `${field} has \`${key}\` twice`
            : `${field} has \`${earlier}\` and \`${key}\`: keys are compared without case`
        )
        ok = false
        continue
      }
      seen.set(keyFold(key), key)
      const value = this.read(valueNode, `\`${key}\` in ${field}`, depth + 1)
      if (value === undefined) ok = false
      else map.set(key, value)
    }
    return ok ? map : undefined
  }

  /**
   * A plain scalar typed by YAML 1.2's core schema, exactly as the runner's YamlObjectReader
   * types workflow files: null, booleans in three spellings, decimal, `0x` and `0o`
   * integers, floats, `.inf` and `.nan`; anything else is a string.
   */
  private typed(node: TreeNode, text: string, field: string): OrderedValue | undefined {
    if (NULLS.has(text)) return null
    const boolean = BOOLEANS.get(text)
    if (boolean !== undefined) return boolean
    if (/^[-+]?[0-9]+$/.test(text)) return Number(text)
    const radix = /^0x[0-9a-fA-F]+$/.test(text) ? 16 : /^0o[0-7]+$/.test(text) ? 8 : undefined
    if (radix !== undefined) {
      // Parsed as a 32-bit integer (Int32 in .NET), two's complement as it reads them.
      const value = parseInt(text.slice(2), radix)
      if (value <= 0xffffffff) return value | 0
      this.report(node, `${field}: \`${text}\` is out of range for a 32-bit integer`)
      return undefined
    }
    const special = SPECIAL_FLOATS.get(text)
    if (special !== undefined) return special
    if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text)
    return text
  }
}

const NULLS: ReadonlySet<string> = new Set(['', 'null', 'Null', 'NULL', '~'])
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false]
])
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(text => [text, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map(text => [text, -Infinity] as const),
  ...['.nan', '.NaN', '.NAN'].map(text => [text, NaN] as const)
])
