import { data, ExpressionEvaluationError } from '@actions/expressions'
import type { Pair } from '@actions/expressions/data/expressiondata'
import type { FunctionDefinition } from '@actions/expressions/funcs/info'
import type { StatusValues } from '../scheduler/policy.js'

/**
 * Values for `@actions/expressions`, with one repair. Its Dictionary indexes keys in a
 * plain object, so a key that Object.prototype has (`constructor`, `__proto__`,
 * `hasOwnProperty` in lower case...) is lost or misread, and so is a step id, an output
 * or a variable of that name; in stepgraph those are ordinary names everywhere. Every
 * dictionary here is a `SafeDictionary`, and `toJSON` and `fromJSON` are replaced by ones
 * that build and read only such dictionaries.
 */

/** A value as JSON has it: what contexts are built from, and what `toJSON` prints. */
export type PlainValue =
  string | number | boolean | null | readonly PlainValue[] | { readonly [key: string]: PlainValue }

/** A Dictionary (keys ignore case, the first spelling is kept) indexed by a Map. */
export class SafeDictionary extends data.Dictionary {
  private readonly byKey = new Map<string, Pair>()

  constructor(pairs: Iterable<readonly [string, data.ExpressionData]> = []) {
    // The base class adds its pairs before this class's fields exist: add them here.
    super()
    for (const [key, value] of pairs) this.add(key, value)
  }

  override add(key: string, value: data.ExpressionData): void {
    const lower = key.toLowerCase()
    if (!this.byKey.has(lower)) this.byKey.set(lower, { key, value })
  }

  override get(key: string): data.ExpressionData | undefined {
    return this.byKey.get(key.toLowerCase())?.value
  }

  override values(): data.ExpressionData[] {
    return [...this.byKey.values()].map(pair => pair.value)
  }

  override pairs(): Pair[] {
    return [...this.byKey.values()]
  }
}

export function toData(value: PlainValue): data.ExpressionData {
  if (value === null) return new data.Null()
  if (typeof value === 'string') return new data.StringData(value)
  if (typeof value === 'number') return new data.NumberData(value)
  if (typeof value === 'boolean') return new data.BooleanData(value)
  if (isList(value)) return new data.Array(...value.map(toData))
  return new SafeDictionary(Object.entries(value).map(([key, item]) => [key, toData(item)]))
}

function isList(value: PlainValue): value is readonly PlainValue[] {
  return Array.isArray(value)
}

/** As JSON sees it; objects have no prototype, so `__proto__` is an ordinary key. */
export function toPlain(value: data.ExpressionData): PlainValue {
  switch (value.kind) {
    case data.Kind.Null:
      return null
    case data.Kind.String:
    case data.Kind.Number:
    case data.Kind.Boolean:
      return value.value
    case data.Kind.Array:
      return value.values().map(toPlain)
    default: {
      const object = Object.create(null) as Record<string, PlainValue>
      for (const { key, value: item } of value.pairs()) object[key] = toPlain(item)
      return object
    }
  }
}

/** What `toJSON(value)` gives, as GitHub formats it (two-space indentation). */
export function jsonOf(value: PlainValue): string {
  return JSON.stringify(value, null, 2)
}

const toJson: FunctionDefinition = {
  name: 'toJSON',
  minArgs: 1,
  maxArgs: 1,
  call: value => new data.StringData(jsonOf(toPlain(value)))
}

const fromJson: FunctionDefinition = {
  name: 'fromJSON',
  minArgs: 1,
  maxArgs: 1,
  call: value => {
    const text = value.coerceString()
    if (text.trim() === '') throw new ExpressionEvaluationError('fromJSON: empty input')
    let parsed: PlainValue
    try {
      parsed = JSON.parse(text) as PlainValue
    } catch (error) {
      throw new ExpressionEvaluationError(`fromJSON: ${(error as Error).message}`)
    }
    return toData(parsed)
  }
}

/**
 * The functions an evaluation gets besides the built-in ones: the two replacements, and
 * the status functions' values when the expression is an `if`.
 */
export function functionsFor(status?: StatusValues): Map<string, FunctionDefinition> {
  const functions = new Map<string, FunctionDefinition>([
    ['tojson', toJson],
    ['fromjson', fromJson]
  ])
  if (status) {
    const constant = (name: string, result: boolean): FunctionDefinition => ({
      name,
      minArgs: 0,
      maxArgs: 0,
      call: () => new data.BooleanData(result)
    })
    functions.set('success', constant('success', status.success))
    functions.set('failure', constant('failure', status.failure))
    functions.set('cancelled', constant('cancelled', status.cancelled))
    functions.set('always', constant('always', true))
  }
  return functions
}
