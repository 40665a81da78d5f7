import { MatrixDefinitionReader, type MatrixDefinition } from './matrix-definition.js'
import { displayName, nameSegments } from './matrix-name.js'
import {
  isOrderedMapping,
  keyFold,
  MatrixValueReader,
  withCommas,
  type OrderedMapping,
  type OrderedValue
} from './matrix-values.js'
import type { ParsedStep } from './parse.js'
import type { Problem } from './source.js'
import type { MatrixValue, StepSpec } from './spec.js'
import type { TreeNode } from './yaml-tree.js'

/**
 * `matrix:` on a step, as `strategy.matrix` on a job, following GitHub's MatrixBuilder:
 * the cross product of the keys' lists, first key slowest; `exclude` entries remove the
 * combinations they match (partially: every key an entry gives must match); then each
 * `include` entry adds its other keys to every combination its matrix keys match (an entry
 * with none matches all; a later entry overwrites what an earlier one added, never an
 * original value), or, matching none, becomes a combination of its own, after the others.
 * Each combination becomes a step of its own (an instance), named as GitHub names matrix
 * jobs: `test (20, linux)`, from the values of the cross product (not those `include`
 * adds), or all the values of a combination `include` added.
 */

/** GitHub's limit: "A matrix will generate a maximum of 256 jobs per workflow run." */
export const MAX_MATRIX_COMBINATIONS = 256
/**
 * The most combinations the matrices of one graph may have before `exclude` (their cross
 * products, plus their `include` entries): each is built and compared, and an alias can
 * repeat a matrix on thousands of steps, so this bounds the time a graph's text can cost.
 */
export const MAX_EXAMINED_COMBINATIONS = 65_536

/** One combination: its values in order, and those that name it. */
interface Combination {
  readonly values: OrderedMapping
  readonly naming: readonly OrderedValue[]
}

/**
 * Every step with a `matrix` replaced by its instances, in place (instances of one step
 * are consecutive, in the order of their combinations). A step whose matrix has a problem
 * stays as declared, so that its id still resolves in other steps' `needs`; the problem
 * is reported and the graph never runs. Positions must be real (the positioned tree):
 * whether a value is `20` or `"20"` decides its type.
 */
export function expandMatrices(steps: readonly ParsedStep[], problems: Problem[]): ParsedStep[] {
  const expander = new MatrixExpander(problems)
  return steps.flatMap(step => (step.matrix === undefined ? [step] : expander.expand(step)))
}

class MatrixExpander {
  /** One reader for the graph: the values of all its matrices share one budget. */
  private readonly definitions: MatrixDefinitionReader
  private examinedLeft = MAX_EXAMINED_COMBINATIONS
  /** Each distinct list or mapping converted once, whatever the number of instances. */
  private readonly converted = new WeakMap<object, MatrixValue>()

  constructor(private readonly problems: Problem[]) {
    const report = (node: TreeNode, message: string): void => {
      this.report(node, message)
    }
    this.definitions = new MatrixDefinitionReader(new MatrixValueReader(report), report)
  }

  expand(step: ParsedStep): ParsedStep[] {
    const node = step.matrix as TreeNode
    const before = this.problems.length
    const definition = this.definitions.read(step.spec.id, node)
    if (definition === undefined || this.problems.length > before) return [step]
    const combinations = this.combine(step.spec.id, node, definition)
    if (combinations === undefined) return [step]
    return this.instances(step, combinations)
  }

  /** The combinations, exactly as GitHub's MatrixBuilder.Build orders them. */
  private combine(
    id: string,
    node: TreeNode,
    definition: MatrixDefinition
  ): Combination[] | undefined {
    const { vectors, include, exclude } = definition
    const field = `the matrix of step \`${id}\``
    // The cross product's size, never past what could be allowed (no overflow, no waste).
    let product = vectors.length === 0 ? 0 : 1
    for (const [, values] of vectors) product = Math.min(product * values.length, 2 ** 32)
    const examined = product + include.length
    if (examined > this.examinedLeft) {
      const shown = product >= 2 ** 32 ? 'over 4 billion' : withCommas(product)
      const limit = withCommas(MAX_EXAMINED_COMBINATIONS)
      this.report(
        node,
        examined > MAX_EXAMINED_COMBINATIONS
          ? `${field} has ${shown} combinations before \`exclude\`; at most ${limit} are ` +
              `built, and ${MAX_MATRIX_COMBINATIONS} kept: split it into steps`
          : `the matrices of the graph have more than ${limit} combinations before ` +
              `\`exclude\` in all: the ${withCommas(examined)} of step \`${id}\` are past ` +
              `that (${withCommas(this.examinedLeft)} were left)`
      )
      return undefined
    }
    this.examinedLeft -= examined
    const combinations: Combination[] = []
    const matched = include.map(() => false)
    for (let index = 0; index < product; index++) {
      const values = new Map<string, OrderedValue>()
      let block = product
      for (const [key, vector] of vectors) {
        block /= vector.length
        values.set(key, vector[Math.floor(index / block) % vector.length] as OrderedValue)
      }
      if (exclude.some(filter => filter.matches(values))) continue
      const naming = [...values.values()]
      const extra = new Map<string, OrderedValue>()
      include.forEach((entry, i) => {
        if (!entry.filter.matches(values)) return
        matched[i] = true
        for (const [key, value] of entry.extra) setIgnoringCase(extra, key, value)
      })
      for (const [key, value] of extra) values.set(key, value)
      combinations.push({ values, naming })
    }
    include.forEach((entry, i) => {
      if (matched[i]) return
      const values = new Map<string, OrderedValue>([...entry.filterEntries, ...entry.extra])
      combinations.push({ values, naming: [...values.values()] })
    })
    if (combinations.length === 0) {
      this.report(
        definition.excludeNode ?? node,
        `\`exclude\` in ${field} excludes every combination: the step would never run`
      )
      return undefined
    }
    if (combinations.length > MAX_MATRIX_COMBINATIONS) {
      this.report(
        node,
        `${field} has ${withCommas(combinations.length)} combinations; at most ` +
          `${MAX_MATRIX_COMBINATIONS} are allowed, as for a job's matrix: split it into steps`
      )
      return undefined
    }
    return combinations
  }

  /**
   * One step per combination. Its id is its display name (`test (20, linux)`), made from
   * the declared id; when GitHub would cut that name (over 100 characters) or another
   * instance already has it, ` #N` (N the combination's number) keeps it unique: no plain
   * id has a space, so no instance id is another step's.
   */
  private instances(step: ParsedStep, combinations: readonly Combination[]): ParsedStep[] {
    const { spec } = step
    const ids = new Set<string>()
    return combinations.map((combination, i) => {
      const number = i + 1
      const segments = nameSegments(combination.naming)
      let id = displayName(spec.id, segments)
      if (id.endsWith('...') || ids.has(id)) id = `${id} #${number}`
      ids.add(id)
      // A name with an expression is evaluated per instance when it starts (GitHub then
      // appends nothing, as for a job's `name: Test ${{ matrix.node }}`).
      const name = spec.name.includes('${{') ? spec.name : displayName(spec.name, segments)
      const instance: StepSpec = {
        ...spec,
        id,
        name,
        matrix: this.record(combination.values),
        instanceOf: spec.id,
        instanceNumber: number
      }
      // The rest of the step as written (its mapping: expressions.ts compiles each value
      // written once for all the instances) goes with every instance.
      return { ...step, spec: instance }
    })
  }

  /** The values as the spec holds them: objects without a prototype, any key a key. */
  private record(values: OrderedMapping): Readonly<Record<string, MatrixValue>> {
    const record = Object.create(null) as Record<string, MatrixValue>
    for (const [key, value] of values) record[key] = this.matrixValue(value)
    return record
  }

  private matrixValue(value: OrderedValue): MatrixValue {
    if (value === null || typeof value !== 'object') return value
    const cached = this.converted.get(value)
    if (cached !== undefined) return cached
    const converted: MatrixValue = isOrderedMapping(value)
      ? this.record(value)
      : value.map(item => this.matrixValue(item))
    this.converted.set(value, converted)
    return converted
  }

  private report(node: TreeNode, message: string): void {
    this.problems.push({ message, position: node.position })
  }
}

/** Sets `key`, or the key already there that differs only in case (which keeps its spelling). */
function setIgnoringCase(map: Map<string, OrderedValue>, key: string, value: OrderedValue): void {
  const folded = keyFold(key)
  for (const existing of map.keys()) {
    if (keyFold(existing) === folded) {
      map.set(existing, value)
      return
    }
  }
  map.set(key, value)
}

/**
 * `STEPGRAPH_MATRIX_<KEY>` for each of an instance's values, for graphs where `${{ }}` is
 * not stepgraph's to evaluate (inline `steps:`, which the runner expands with the job's
 * own `matrix`): the key upper-cased, every character but letters, digits and `_` made
 * `_`; the value as `${{ matrix.<key> }}` writes it (a string as is, a number as
 * @actions/expressions writes it, `true`/`false`, null empty), a list or mapping as JSON.
 * Two keys that give one name give none (STEPGRAPH_MATRIX, the JSON, has both).
 */
export function matrixVariables(spec: StepSpec): [name: string, value: string][] {
  const byName = new Map<string, string | undefined>()
  for (const [key, value] of Object.entries(spec.matrix ?? {})) {
    const name = `STEPGRAPH_MATRIX_${key.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`
    byName.set(name, byName.has(name) ? undefined : variableText(value))
  }
  return [...byName].filter((entry): entry is [string, string] => entry[1] !== undefined)
}

function variableText(value: MatrixValue): string {
  if (value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return value === 0 ? '0' : String(+value.toFixed(15))
  return JSON.stringify(value)
}
