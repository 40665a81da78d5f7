import { Lexer, Parser, type Expr } from '@actions/expressions'
import { compileExpression, type ExpressionScope } from './expression-compile.js'
import { conditionText, splitTemplate, type TemplatePart } from './expression-text.js'
import type { StatusFunction } from './expression-text.js'
import type { ParsedStep } from './parse.js'
import type { Problem, SourcePosition } from './source.js'
import type { MappingNode, ScalarNode, TreeNode } from './yaml-tree.js'

/**
 * The expressions of a graph, parsed and checked before anything runs (loaded with
 * import() by load.ts, only for a graph that has any): every problem with the line and
 * column of the character it is about. What they evaluate to is decided when each step
 * is ready (src/run/step-expressions.ts).
 */

/** A value with `${{ }}`: its text and its parsed expressions, in order. */
export type Template = readonly (string | Expr)[]

export interface CompiledCondition {
  readonly expression: Expr
  /** The status functions it calls: none means `success() && (...)`, as for jobs. */
  readonly calls: ReadonlySet<StatusFunction>
}

/** A step's expressions; a templated value is absent when it has no `${{`. */
export interface StepExpressions {
  readonly condition: CompiledCondition
  readonly run?: Template
  readonly name?: Template
  readonly workingDirectory?: Template
  /** The `env` values with `${{ }}`, by variable name. */
  readonly env: ReadonlyMap<string, Template>
}

/** expressions[v]: step v's. */
export type GraphExpressions = readonly StepExpressions[]

/**
 * Parses and checks every step's `if` and templated values. Matrix instances, written
 * once, share their mapping: each value written is compiled once (so a problem is
 * reported once), against the keys of all of them: `matrix.x` is a problem only when no
 * instance has `x` (an `include` may add a key to some, as in workflows).
 */
export function compileGraphExpressions(
  steps: readonly ParsedStep[],
  options: { readonly inline: boolean },
  problems: Problem[]
): GraphExpressions {
  const stepIds = steps.map(step => step.spec.id)
  const matrixKeys = matrixKeysByNode(steps)
  const report = (problem: Problem): void => {
    problems.push(problem)
  }
  const compiledByNode = new Map<MappingNode, Map<string, unknown>>()
  const compiledOf = (node: MappingNode | undefined): Map<string, unknown> | undefined => {
    if (node === undefined) return undefined
    const known = compiledByNode.get(node) ?? new Map<string, unknown>()
    compiledByNode.set(node, known)
    return known
  }
  return steps.map(step => {
    const keys = step.node ? matrixKeys.get(step.node) : undefined
    const scope = (statusFunctions: boolean): ExpressionScope => ({
      statusFunctions,
      stepId: step.spec.id,
      needs: step.spec.needs,
      stepIds,
      matrixKeys: keys
    })
    return new StepCompiler(step, scope, report, options.inline, compiledOf(step.node)).compile()
  })
}

/** Each written step's matrix keys, over all its instances (they share its mapping). */
function matrixKeysByNode(steps: readonly ParsedStep[]): Map<MappingNode, Set<string>> {
  const keys = new Map<MappingNode, Set<string>>()
  for (const { node, spec } of steps) {
    if (node === undefined || spec.matrix === undefined) continue
    const known = keys.get(node) ?? new Set<string>()
    for (const key of Object.keys(spec.matrix)) known.add(key)
    keys.set(node, known)
  }
  return keys
}

class StepCompiler {
  constructor(
    private readonly step: ParsedStep,
    private readonly scope: (statusFunctions: boolean) => ExpressionScope,
    private readonly report: (problem: Problem) => void,
    private readonly inline: boolean,
    /** What was compiled of the same mapping (another instance), by key and text. */
    private readonly compiled: Map<string, unknown> | undefined
  ) {}

  /** `compile()` for this key and text, or what an earlier instance got for them. */
  private once<T>(key: string, text: string, compile: () => T): T {
    const memo = `${key}\0${text}`
    if (this.compiled?.has(memo)) return this.compiled.get(memo) as T
    const result = compile()
    this.compiled?.set(memo, result)
    return result
  }

  compile(): StepExpressions {
    const { spec } = this.step
    const env = new Map<string, Template>()
    for (const [name, value] of spec.env) {
      const template = this.template(value, `\`${name}\` in \`env\``, this.envNode(name))
      if (template) env.set(name, template)
    }
    const run = this.template(spec.run, '`run`', this.scalar('run'))
    const name = this.template(spec.name, '`name`', this.scalar('name'))
    const workingDirectory =
      spec.workingDirectory === undefined
        ? undefined
        : this.template(
            spec.workingDirectory,
            '`working-directory`',
            this.scalar('working-directory')
          )
    return {
      condition: this.condition(),
      env,
      ...(run && { run }),
      ...(name && { name }),
      ...(workingDirectory && { workingDirectory })
    }
  }

  private condition(): CompiledCondition {
    return this.once('if', this.step.spec.if, () => this.compileCondition())
  }

  /** The `if`; on a problem, one that holds nothing (the graph will not run). */
  private compileCondition(): CompiledCondition {
    const { spec } = this.step
    const node = this.scalar('if')
    const written = conditionText(node?.text ?? spec.if)
    const offset = 'error' in written ? 0 : written.offset
    const where = `\`if\` of step \`${spec.id}\``
    if (this.inline && /^(true|false)$/i.test(spec.if)) {
      this.report({
        message:
          `${where} is \`${spec.if}\`: the runner expanded \`\${{ }}\` in the \`steps\` input ` +
          'before stepgraph read it; write the expression without `${{ }}` (`if: failure()`)',
        position: this.locate(node, offset)
      })
    }
    const compiled = compileExpression(spec.if, this.scope(true))
    if ('expression' in compiled) return compiled
    for (const problem of compiled.problems) {
      this.report({
        message: `${where}: ${problem.message}`,
        position: this.locate(node, offset + problem.offset)
      })
    }
    return { expression: PLACEHOLDER, calls: new Set() }
  }

  private template(
    value: string,
    field: string,
    node: ScalarNode | undefined
  ): Template | undefined {
    return this.once(field, value, () => this.compileTemplate(value, field, node))
  }

  /** A value's text and expressions; undefined when it has no `${{`. */
  private compileTemplate(
    value: string,
    field: string,
    node: ScalarNode | undefined
  ): Template | undefined {
    const parts = splitTemplate(value)
    const where = `${field} of step \`${this.step.spec.id}\``
    if ('error' in parts) {
      this.report({
        message: `${where}: ${parts.error}`,
        position: this.locate(node, parts.offset)
      })
      return undefined
    }
    if (!parts.some(part => part.kind === 'expression')) return undefined
    return parts.map(part => this.templatePart(part, where, node))
  }

  private templatePart(
    part: TemplatePart,
    where: string,
    node: ScalarNode | undefined
  ): string | Expr {
    if (part.kind === 'text') return part.text
    const compiled = compileExpression(part.text, this.scope(false))
    if ('expression' in compiled) return compiled.expression
    for (const problem of compiled.problems) {
      this.report({
        message: `${where}: ${problem.message}`,
        position: this.locate(node, part.offset + problem.offset)
      })
    }
    return ''
  }

  /** The scalar written for a key of the step, when it is one. */
  private scalar(key: string): ScalarNode | undefined {
    return asScalar(
      this.step.node?.entries.find(([k]) => k.kind === 'scalar' && k.text === key)?.[1]
    )
  }

  /** The scalar written for an `env` value; the last one, as the value read. */
  private envNode(name: string): ScalarNode | undefined {
    const env = this.step.node?.entries.find(([k]) => k.kind === 'scalar' && k.text === 'env')?.[1]
    if (env?.kind !== 'mapping') return undefined
    return asScalar(env.entries.findLast(([k]) => k.kind === 'scalar' && k.text === name)?.[1])
  }

  private locate(node: ScalarNode | undefined, offset: number): SourcePosition {
    return node?.locate?.(offset) ?? node?.position ?? this.step.position
  }
}

function asScalar(node: TreeNode | undefined): ScalarNode | undefined {
  return node?.kind === 'scalar' ? node : undefined
}

/** Stands for an expression that has a problem: such a graph never runs. */
const PLACEHOLDER: Expr = new Parser(new Lexer('false').lex().tokens, [], []).parse()
