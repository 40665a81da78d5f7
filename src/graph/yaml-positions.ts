import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type ParsedNode,
  type Scalar,
  type YAMLMap,
  type YAMLSeq
} from 'yaml'
import { mixedFormsProblem } from './mixed-forms.js'
import { sourceOffset } from './scalar-offsets.js'
import type { SourcePosition } from './source.js'
import type { ListNode, MappingNode, ScalarNode, TreeNode, YamlTree } from './yaml-tree.js'

/**
 * The positioned reader (`yaml` with a LineCounter), in a module of its own: it is loaded
 * only when a graph has a problem, which spares every valid run the library's start-up.
 */

const UNKNOWN_POSITION: SourcePosition = { line: 1, column: 1 }

/** `yaml`'s tree, with every node's line and column. */
export function positionedTree(text: string): YamlTree {
  const lines = new LineCounter()
  const doc = parseDocument(text, {
    lineCounter: lines,
    schema: 'failsafe',
    // Duplicate ids and keys are reported by the validator, with both positions.
    uniqueKeys: false
  })
  if (doc.errors.length > 0) {
    // Both forms at the top level: one problem with the cause, not the parser's several.
    const mixed = mixedFormsProblem(text)
    if (mixed) return { root: undefined, errors: [mixed], positioned: true }
    const errors = doc.errors.map(error => ({
      message:
        error.code === 'MULTIPLE_DOCS'
          ? 'invalid YAML: a step graph is one YAML document; remove the `---` separator'
          : `invalid YAML: ${firstLine(error.message)}`,
      position: error.linePos
        ? { line: error.linePos[0].line, column: error.linePos[0].col }
        : UNKNOWN_POSITION
    }))
    return { root: undefined, errors, positioned: true }
  }
  const root =
    doc.contents === null
      ? undefined
      : positionedNode({ doc, lines, text }, doc.contents, UNKNOWN_POSITION)
  return { root, errors: [], positioned: true }
}

/** `fallback` positions a missing node (a key with no value) at its key. */
function positionedNode(
  context: PositionContext,
  node: ParsedNode | null,
  fallback: SourcePosition
): TreeNode {
  // An alias stands for its anchor's node; an unknown anchor is already a YAML error.
  const target = isAlias(node)
    ? ((node.resolve(context.doc) as ParsedNode | undefined) ?? null)
    : node
  // A key with nothing after it is an empty plain scalar: YAML's null.
  if (target === null) return { kind: 'scalar', text: '', position: fallback, plain: true }
  const { line, col } = context.lines.linePos(target.range[0])
  const position = { line, column: col }
  if (isMap(target)) return new PositionedMapping(context, target, position)
  if (isSeq(target)) return new PositionedList(context, target, position)
  if (isScalar(target) && typeof target.value === 'string') {
    const plain = target.type === 'PLAIN' && target.tag !== STRING_TAG
    return new PositionedScalar(context, target, target.value, position, plain)
  }
  return { kind: 'scalar', text: '', position, plain: false }
}

/** `!!str`: a plain scalar with this tag is a string whatever its text. */
const STRING_TAG = 'tag:yaml.org,2002:str'

interface PositionContext {
  readonly doc: Document.Parsed
  readonly lines: LineCounter
  /** The YAML text, for locating characters inside scalars. */
  readonly text: string
}

class PositionedScalar implements ScalarNode {
  readonly kind = 'scalar'

  constructor(
    private readonly context: PositionContext,
    private readonly node: Scalar.Parsed,
    readonly text: string,
    readonly position: SourcePosition,
    readonly plain: boolean
  ) {}

  locate(offset: number): SourcePosition {
    const { lines, text } = this.context
    const at = sourceOffset(text, this.node.type, this.node.range[0], this.text, offset)
    if (at === undefined) return this.position
    const { line, col } = lines.linePos(at)
    return { line, column: col }
  }
}

class PositionedList implements ListNode {
  readonly kind = 'list'
  private converted: readonly TreeNode[] | undefined

  constructor(
    private readonly context: PositionContext,
    private readonly node: YAMLSeq.Parsed,
    readonly position: SourcePosition
  ) {}

  get items(): readonly TreeNode[] {
    return (this.converted ??= this.node.items.map(item =>
      positionedNode(this.context, item, this.position)
    ))
  }
}

class PositionedMapping implements MappingNode {
  readonly kind = 'mapping'
  private converted: MappingNode['entries'] | undefined

  constructor(
    private readonly context: PositionContext,
    private readonly node: YAMLMap.Parsed,
    readonly position: SourcePosition
  ) {}

  get entries(): MappingNode['entries'] {
    return (this.converted ??= this.node.items.map(pair => {
      const key = positionedNode(this.context, pair.key, this.position)
      return [key, positionedNode(this.context, pair.value, key.position)] as const
    }))
  }
}

/** The yaml library's message without its own position and source excerpt. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')
}
