import { wellKnownFunctions } from '@actions/expressions'
import {
  ContextAccess,
  Expr,
  FunctionCall,
  Grouping,
  IndexAccess,
  Literal,
  Logical,
  Binary,
  Unary
} from '@actions/expressions/ast'
import { ExpressionError } from '@actions/expressions/errors'
import type { FunctionInfo } from '@actions/expressions/funcs/info'
import { Lexer, TokenType, type Token } from '@actions/expressions/lexer'
import { Parser } from '@actions/expressions/parser'
import { STATUS_FUNCTIONS, type StatusFunction } from './expression-text.js'
import { closestMatch } from './suggest.js'

/**
 * One GitHub Actions expression, parsed by `@actions/expressions` (GitHub's own parser)
 * and checked against what a step of the graph can read, every problem with its offset in
 * the expression's text. No evaluation here: that is src/run/, when the step is ready.
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

/** What an expression may refer to, where it is written. */
export interface ExpressionScope {
  /** Whether status functions may be called: only in `if`. */
  readonly statusFunctions: boolean
  /** The step's id, for messages. */
  readonly stepId: string
  /** The step's `needs`, as written: the keys of its `needs` context. */
  readonly needs: readonly string[]
  /** Every step id of the graph, for "not a step" and its suggestion. */
  readonly stepIds: Iterable<string>
  /** The matrix keys of the step (of any instance); undefined: it has no matrix. */
  readonly matrixKeys: ReadonlySet<string> | undefined
}

export interface ExpressionProblem {
  readonly message: string
  /** Where in the expression's text. */
  readonly offset: number
}

export interface CompiledExpression {
  readonly expression: Expr
  /** The status functions it calls: none means `success() && (...)`, as for jobs. */
  readonly calls: ReadonlySet<StatusFunction>
}

const STATUS_INFO: readonly FunctionInfo[] = STATUS_FUNCTIONS.map(name => ({
  name,
  minArgs: 0,
  maxArgs: 0
}))

export function compileExpression(
  text: string,
  scope: ExpressionScope
): CompiledExpression | { readonly problems: readonly ExpressionProblem[] } {
  const offsets = lineOffsets(text)
  const at = (token: Token): number =>
    (offsets[token.range.start.line] ?? 0) + token.range.start.column
  let tokens: Token[]
  try {
    tokens = new Lexer(text).lex().tokens
  } catch (error) {
    return { problems: [lexerProblem(error)] }
  }
  // Names first, all of them, each with its place: the parser would stop at the first.
  // It then reads the expression with those names allowed, so that what else is wrong
  // (syntax, `needs.<id>`) is reported too.
  const problems = tokens.flatMap((token, i) => {
    const message = nameProblem(tokens, i, scope)
    return message === undefined ? [] : [{ message, offset: at(token) }]
  })
  const { contexts, functions } = namesToAccept(tokens, problems.length > 0, scope)
  let expression: Expr
  try {
    expression = new Parser(tokens, contexts, functions).parse()
  } catch (error) {
    const problem =
      error instanceof ExpressionError
        ? {
            message: parserText(error.message),
            offset: (offsets[error.pos.line] ?? 0) + error.pos.column
          }
        : lexerProblem(error)
    return { problems: [...problems, problem] }
  }
  const calls = new Set<StatusFunction>()
  walk(expression, node => {
    if (node instanceof FunctionCall) {
      const name = node.functionName.lexeme.toLowerCase()
      const status = STATUS_FUNCTIONS.find(known => known === name)
      if (status) calls.add(status)
    }
    if (node instanceof IndexAccess) {
      const message = accessProblem(node, scope)
      if (message !== undefined) problems.push({ message: message.text, offset: at(message.token) })
    }
  })
  return problems.length > 0 ? { problems } : { expression, calls }
}

/**
 * The names the parser accepts: the contexts, and the status functions where they may be
 * called; also, once a name has been reported, every name the expression uses, any
 * function with any number of arguments.
 */
function namesToAccept(
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
function nameProblem(
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

/**
 * `needs.<id>` must be one of the step's needs, `needs.<id>.<key>` its `result` or
 * `outputs`, `matrix.<key>` a key of its matrix. Keys ignore case, as the contexts do; a
 * key computed at run time (`needs[format(...)]`) is not checked.
 */
function accessProblem(
  node: IndexAccess,
  scope: ExpressionScope
): { text: string; token: Token } | undefined {
  const path = literalPath(node)
  if (path === undefined) return undefined
  const [root, ...keys] = path
  const key = keys[keys.length - 1]
  if (root === undefined || key === undefined) return undefined
  const context = root.lexeme.toLowerCase()
  const written = [root, ...keys].map(token => tokenText(token)).join('.')
  if (context === 'needs' && keys.length === 1) {
    const id = tokenText(key)
    if (scope.needs.some(need => need.toLowerCase() === id.toLowerCase())) return undefined
    const isStep = [...scope.stepIds].some(step => step.toLowerCase() === id.toLowerCase())
    if (isStep) {
      return {
        text: `\`${written}\`: step \`${scope.stepId}\` does not need \`${id}\`; add it to its \`needs\``,
        token: key
      }
    }
    const suggestion = closestMatch(id, scope.needs) ?? closestMatch(id, scope.stepIds)
    return {
      text: `\`${written}\`: \`${id}\` is not a step${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
      token: key
    }
  }
  if (context === 'needs' && keys.length === 2) {
    const field = tokenText(key)
    if (['result', 'outputs'].includes(field.toLowerCase())) return undefined
    const suggestion = closestMatch(field, ['result', 'outputs'])
    return {
      text: `\`${written}\`: a need has \`result\` and \`outputs\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
      token: key
    }
  }
  if (context === 'matrix' && keys.length === 1) {
    const name = tokenText(key)
    if (scope.matrixKeys === undefined) {
      return { text: `\`${written}\`: step \`${scope.stepId}\` has no \`matrix\``, token: key }
    }
    const names = [...scope.matrixKeys]
    if (names.some(known => known.toLowerCase() === name.toLowerCase())) return undefined
    const suggestion = closestMatch(name, names)
    return {
      text:
        `\`${written}\`: the matrix has no key \`${name}\`` +
        (suggestion ? `; did you mean \`${suggestion}\`?` : `; its keys are ${names.join(', ')}`),
      token: key
    }
  }
  return undefined
}

/** `needs.build.outputs` as its tokens, root first; undefined when a key is computed. */
function literalPath(node: Expr): Token[] | undefined {
  if (node instanceof ContextAccess) return [node.name]
  if (!(node instanceof IndexAccess) || !(node.index instanceof Literal)) return undefined
  const inner = literalPath(node.expr)
  return inner && [...inner, node.index.token]
}

/** A property's name, or a string index's value (`needs['build']`). */
function tokenText(token: Token): string {
  return typeof token.value === 'string' ? token.value : token.lexeme
}

function walk(node: Expr, visit: (node: Expr) => void): void {
  visit(node)
  const children: Expr[] =
    node instanceof Unary
      ? [node.expr]
      : node instanceof Binary
        ? [node.left, node.right]
        : node instanceof Logical
          ? node.args
          : node instanceof Grouping
            ? [node.group]
            : node instanceof IndexAccess
              ? [node.expr, node.index]
              : node instanceof FunctionCall
                ? node.args
                : []
  for (const child of children) walk(child, visit)
}

/** The lexer throws plain errors: "Unexpected symbol: 'x'. Located at position 3 within expression: ...". */
function lexerProblem(error: unknown): ExpressionProblem {
  const message = error instanceof Error ? error.message : String(error)
  if (message === 'ErrorExceededMaxLength') {
    return { message: 'an expression is at most 21,000 characters long', offset: 0 }
  }
  const located = /^(.*?)\. Located at position (\d+) within expression/s.exec(message)
  return {
    message: parserText(located?.[1] ?? message),
    offset: located ? Number(located[2]) - 1 : 0
  }
}

/** "Unexpected symbol: ')'" -> "unexpected symbol `)`". */
function parserText(message: string): string {
  const described = /^(.*?): '(.*)'$/s.exec(message)
  const text = described ? `${described[1] ?? ''} \`${described[2] ?? ''}\`` : message
  return `invalid expression: ${text.charAt(0).toLowerCase()}${text.slice(1)}`
}

/** The offset of each line's start in `text`. */
function lineOffsets(text: string): number[] {
  const offsets = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) offsets.push(i + 1)
  return offsets
}
