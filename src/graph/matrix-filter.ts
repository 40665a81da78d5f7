import { getIgnoringCase, isOrderedMapping, type OrderedValue } from './matrix-values.js'

/**
 * An `include` or `exclude` entry as GitHub's MatrixBuilder applies it: each scalar leaf
 * of the entry becomes the expression `matrix[path] == leaf`, and the entry matches a
 * combination when all of them hold. So an entry matches partially (`os: linux` matches
 * every combination with that `os`), a nested mapping or list matches leaf by leaf, and
 * an entry whose values are empty mappings or lists matches everything.
 */
export class MatrixFilter {
  private readonly leaves: readonly Leaf[]

  constructor(entries: Iterable<readonly [string, OrderedValue]>) {
    const leaves: Leaf[] = []
    for (const [key, value] of entries) collectLeaves(value, [key], leaves)
    this.leaves = leaves
  }

  matches(combination: ReadonlyMap<string, OrderedValue>): boolean {
    return this.leaves.every(leaf => looseEquals(lookup(combination, leaf.path), leaf.value))
  }
}

type Scalar = string | number | boolean | null

interface Leaf {
  /** Keys and list indexes from the top of the combination. */
  readonly path: readonly (string | number)[]
  readonly value: Scalar
}

function collectLeaves(value: OrderedValue, path: (string | number)[], out: Leaf[]): void {
  if (Array.isArray(value)) {
    value.forEach((item: OrderedValue, i) => {
      collectLeaves(item, [...path, i], out)
    })
  } else if (isOrderedMapping(value)) {
    for (const [key, item] of value) collectLeaves(item, [...path, key], out)
  } else {
    out.push({ path, value: value as Scalar })
  }
}

/** `matrix[a][b]...` as an expression reads it: null where there is nothing. */
function lookup(
  combination: ReadonlyMap<string, OrderedValue>,
  path: readonly (string | number)[]
): OrderedValue {
  let current: OrderedValue = combination
  for (const step of path) {
    const next: OrderedValue | undefined =
      typeof step === 'number'
        ? Array.isArray(current)
          ? (current as readonly OrderedValue[])[step]
          : undefined
        : isOrderedMapping(current)
          ? getIgnoringCase(current, step)
          : undefined
    if (next === undefined) return null
    current = next
  }
  return current
}

/**
 * `==` of GitHub expressions, as @actions/expressions implements it (coerceTypes and
 * equals): values of different types compare as numbers (null is 0, true 1, a string its
 * `Number()`), strings without case, NaN equals nothing, mappings and lists only themselves.
 */
export function looseEquals(left: OrderedValue, right: OrderedValue): boolean {
  const [l, r] = coerce(left, right)
  if (kind(l) !== kind(r)) return false
  if (typeof l === 'number') return !Number.isNaN(l) && l === r
  if (typeof l === 'string') return upperSpecial(l) === upperSpecial(r as string)
  return l === r
}

type Kind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'mapping'

function kind(value: OrderedValue): Kind {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (isOrderedMapping(value)) return 'mapping'
  return typeof value as 'boolean' | 'number' | 'string'
}

function toNumber(value: OrderedValue): number {
  if (value === null) return 0
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number') return value
  if (typeof value === 'string') return Number(value)
  return NaN
}

function coerce(left: OrderedValue, right: OrderedValue): [OrderedValue, OrderedValue] {
  const lk = kind(left)
  const rk = kind(right)
  if (lk === rk) return [left, right]
  if (lk === 'number' && rk === 'string') return [left, toNumber(right)]
  if (lk === 'string' && rk === 'number') return [toNumber(left), right]
  if (lk === 'null' || lk === 'boolean') return coerce(toNumber(left), right)
  if (rk === 'null' || rk === 'boolean') return coerce(left, toNumber(right))
  return [left, right]
}

/** Upper case, except the dotless `ı`, which .NET's invariant upper case leaves alone. */
function upperSpecial(text: string): string {
  return text
    .split('ı')
    .map(part => part.toUpperCase())
    .join('ı')
}
