import { FAILSAFE_SCHEMA, load } from 'js-yaml'
import type { Problem, SourcePosition } from './source.js'

/**
 * The YAML of a step graph as the validator reads it: mappings, lists and scalars, every
 * scalar as the string written (the failsafe schema, as the runner reads workflow files:
 * `VERSION: 1.10` stays "1.10"), aliases already resolved.
 *
 * Two readers produce it. `fastTree` (js-yaml) knows no positions and is used first: on a
 * 10,000-step graph it parses about ten times faster than `yaml`. When the fast tree has
 * any problem, or js-yaml rejects the text, `positionedTree` (yaml-positions.ts: `yaml`
 * with a LineCounter, loaded only then)
 * reads it again, so every reported problem comes with its line and column.
 */
export type TreeNode = MappingNode | ListNode | ScalarNode

interface NodeBase {
  /** 1-based line and column where the node starts; unknown (1:1) in the fast tree. */
  readonly position: SourcePosition
}
export interface MappingNode extends NodeBase {
  readonly kind: 'mapping'
  readonly entries: readonly (readonly [key: TreeNode, value: TreeNode])[]
}
export interface ListNode extends NodeBase {
  readonly kind: 'list'
  readonly items: readonly TreeNode[]
}
export interface ScalarNode extends NodeBase {
  readonly kind: 'scalar'
  /** The text as written; '' for an empty value (`run:` with nothing after it). */
  readonly text: string
  /**
   * Whether it was written plain (no quotes, no block, no `!!str`), which YAML's core
   * schema types by its text (`20` a number, `"20"` a string): only matrix values are
   * typed so (matrix.ts). Known to the positioned reader only; undefined in the fast tree.
   */
  readonly plain?: boolean
  /**
   * Where character `offset` of `text` is written, for a problem inside the value; only
   * in the positioned tree (absent: the scalar's position).
   */
  locate?(offset: number): SourcePosition
}

export interface YamlTree {
  /** undefined for a document with no content (empty, or only comments). */
  readonly root: TreeNode | undefined
  /** Syntax errors; when there are any, `root` is undefined. */
  readonly errors: readonly Problem[]
  /** Whether positions are real (the `yaml` reader) or placeholders (js-yaml). */
  readonly positioned: boolean
}

/** Where the fast tree's nodes are: unknown. */
const UNKNOWN_POSITION: SourcePosition = { line: 1, column: 1 }

/** js-yaml's tree, or undefined when js-yaml rejects the text (the positioned reader explains). */
export function fastTree(text: string): YamlTree | undefined {
  let value: unknown
  try {
    value = load(text, { schema: FAILSAFE_SCHEMA })
  } catch {
    return undefined
  }
  // js-yaml orders integer-like keys first, as JS objects do; step ids and step keys are
  // never integer-like when valid, and an invalid one sends the graph to the positioned reader.
  return { root: value == null ? undefined : plainNode(value), errors: [], positioned: false }
}

/*
 * Children are converted when first read, never eagerly: both parsers share an aliased
 * node instead of copying it, and an eager walk would expand an alias bomb (a billion
 * laughs) exponentially. The validator reads only a step's keys, its `needs` list and its
 * `env` values, so its work stays bounded by the text's size.
 */

function plainNode(value: unknown): TreeNode {
  if (Array.isArray(value)) return new PlainList(value)
  if (value !== null && typeof value === 'object') return new PlainMapping(value)
  return {
    kind: 'scalar',
    text: typeof value === 'string' ? value : '',
    position: UNKNOWN_POSITION
  }
}

// Classes with prototype getters: object literals with their own getters are several times
// slower to create, and a 10,000-step graph creates tens of thousands of these.

class PlainList implements ListNode {
  readonly kind = 'list'
  readonly position = UNKNOWN_POSITION
  private converted: readonly TreeNode[] | undefined

  constructor(private readonly value: readonly unknown[]) {}

  get items(): readonly TreeNode[] {
    return (this.converted ??= this.value.map(plainNode))
  }
}

class PlainMapping implements MappingNode {
  readonly kind = 'mapping'
  readonly position = UNKNOWN_POSITION
  private converted: MappingNode['entries'] | undefined

  constructor(private readonly value: object) {}

  get entries(): MappingNode['entries'] {
    return (this.converted ??= Object.entries(this.value).map(([key, item]) => [
      { kind: 'scalar', text: key, position: UNKNOWN_POSITION },
      plainNode(item)
    ]))
  }
}
