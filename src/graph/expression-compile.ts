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
import { Lexer, type Token } from '@actions/expressions/lexer'
import { Parser } from '@actions/expressions/parser'
import { namesToAccept, nameProblem } from './expression-names.js'
import { STATUS_FUNCTIONS, type StatusFunction } from './expression-text.js'
import { closestMatch } from './suggest.js'

/**
 * One GitHub Actions expression, parsed by `@actions/expressions` (GitHub's own parser)
 * and checked against what a step of the graph can read, every problem with its offset in
 * the expression's text. No evaluation here: that is src/run/, when the step is ready.
 */

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
