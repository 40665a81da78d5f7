import { wellKnownFunctions } from '@actions/expressions'
import type { FunctionInfo } from '@actions/expressions/funcs/info'
import { TokenType, type Token } from '@actions/expressions/lexer'
import type { ExpressionScope } from './expression-compile.js'
import { STATUS_FUNCTIONS } from './expression-text.js'
import { closestMatch } from './suggest.js'

/**
 * The names an expression may use: the contexts of a step and the functions, with what
 * to write instead of those a workflow has and a step graph does not.
 */

/** The contexts a step's expressions can read (src/run/expression-contexts.ts). */
export const CONTEXTS = ['needs', 'env', 'matrix', 'github', 'runner'] as const

/** Contexts a workflow has and a step graph does not, and what to write instead. */
const MISSING_CONTEXTS: ReadonlyMap<string, string> = new Map([
  [
    'secrets',
    'the runner never gives an action the `secrets` context: pass the secret in the `env:` ' +
      'of the workflow step that runs stepgraph, and read it from the environment'
  ],
  ['steps', 'a step graph has no `steps` context: read `needs.<id>.outputs.<name>`'],
  ['inputs', 'the runner gives an action no `inputs` context: pass values through `env:`'],
  ['vars', 'the runner gives an action no `vars` context: pass values through `env:`'],
  ['job', 'the runner gives an action no `job` context'],
  ['jobs', 'the runner gives an action no `jobs` context'],
  ['strategy', 'the runner gives an action no `strategy` context']
])

/** Functions a workflow has and a step graph does not. */
const MISSING_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['hashfiles', '`hashFiles()` is not available in a step graph: hash the files in the step']
])

/** The built-in functions, spelt as GitHub's documentation spells them. */
const BUILT_IN_NAMES = [
  'contains',
  'startsWith',
  'endsWith',
  'format',
  'join',
  'toJSON',
  'fromJSON',
  'case'
]

const STATUS_INFO: readonly FunctionInfo[] = STATUS_FUNCTIONS.map(name => ({
  name,
  minArgs: 0,
  maxArgs: 0
}))

/**
 * The names the parser accepts: the contexts, and the status functions where they may be
 * called; also, once a name has been reported, every name the expression uses, any
 * function with any number of arguments.
 */
export function namesToAccept(
  tokens: readonly Token[],
  reported: boolean,
  scope: ExpressionScope
): { contexts: string[]; functions: FunctionInfo[] } {
  const contexts: string[] = [...CONTEXTS]
  const functions: FunctionInfo[] = scope.statusFunctions ? [...STATUS_INFO] : []
  if (!reported) return { contexts, functions }
  tokens.forEach((token, i) => {
    if (token.type !== TokenType.IDENTIFIER || tokens[i - 1]?.type === TokenType.DOT) return
    if (tokens[i + 1]?.type !== TokenType.LEFT_PAREN) contexts.push(token.lexeme)
    else functions.push({ name: token.lexeme, minArgs: 0, maxArgs: Number.MAX_SAFE_INTEGER })
  })
  return { contexts, functions }
}

/** A context or function name that does not exist, as token i. */
export function nameProblem(
  tokens: readonly Token[],
  i: number,
  scope: ExpressionScope
): string | undefined {
  const token = tokens[i]
  if (token?.type !== TokenType.IDENTIFIER || tokens[i - 1]?.type === TokenType.DOT)
    return undefined
  const name = token.lexeme
  const lower = name.toLowerCase()
  if (tokens[i + 1]?.type === TokenType.LEFT_PAREN) {
    const isStatus = (STATUS_FUNCTIONS as readonly string[]).includes(lower)
    if (isStatus && !scope.statusFunctions)
      return `\`${name}()\` is a status function: it can be used only in \`if\``
    // Own properties only: `constructor(` must not find Object's.
    if (isStatus || Object.hasOwn(wellKnownFunctions, lower)) return undefined
    const missing = MISSING_FUNCTIONS.get(lower)
    if (missing) return missing
    const names = scope.statusFunctions ? [...BUILT_IN_NAMES, ...STATUS_FUNCTIONS] : BUILT_IN_NAMES
    // Few short names: allow more slack than for keys (`failed()` -> `failure()`).
    const suggestion = closestMatch(name, names, Math.ceil(name.length / 2))
    return `unknown function \`${name}()\`${suggestion ? `; did you mean \`${suggestion}()\`?` : `; the functions are ${names.join(', ')}`}`
  }
  if ((CONTEXTS as readonly string[]).includes(lower)) return undefined
  const missing = MISSING_CONTEXTS.get(lower)
  if (missing) return missing
  const suggestion = closestMatch(name, CONTEXTS)
  return `unknown context \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`?` : `; the contexts are ${CONTEXTS.join(', ')}`}`
}
