import { lacksRun, unknownKeyMessage, valueShapeMessage } from './author-mistakes.js'
import { conditionText, DEFAULT_CONDITION } from './expression-text.js'
import { readServiceKeys, type ServiceKey, type WrittenKey } from './service-keys.js'
import { shellHint } from './shell-hint.js'
import type { Problem, SourcePosition } from './source.js'
import {
  isValidShell,
  SHARD_PINS,
  SHELL_NAMES,
  type ShardPin,
  type StepKey,
  type StepSpec
} from './spec.js'
import { invalidIdMessage } from './step-ids.js'
import { readBoolean, readTimeoutMinutes } from './step-values.js'
import { pastedWorkflow } from './workflow-shape.js'
import type { MappingNode, TreeNode, YamlTree } from './yaml-tree.js'

/** A step as written: its spec, with `needs` not yet checked against the other ids. */
export interface ParsedStep {
  readonly spec: StepSpec
  /** Where the step is declared: its key in the mapping form, its item in the list form. */
  readonly position: SourcePosition
  /** Where each entry of `spec.needs` is written, index for index. */
  readonly needsPositions: readonly SourcePosition[]
  /** The step's `matrix:` as written; load.ts has matrix.ts expand it into instances. */
  readonly matrix?: TreeNode
  /** The step's mapping as written: expressions.ts finds where its expressions are. */
  readonly node?: MappingNode
}

export interface ParsedGraph {
  readonly steps: readonly ParsedStep[]
  readonly problems: readonly Problem[]
}

/** The mutable fields a step collects while its keys are read. */
interface StepDraft {
  run?: string
  name?: string
  needs: string[]
  needsPositions: SourcePosition[]
  if: string
  shell?: string
  env: Map<string, string>
  workingDirectory?: string
  timeoutMinutes?: number
  continueOnError: boolean
  retries: number
  shards?: ShardPin
  /** Every key the step has, for messages that depend on its other keys. */
  keys: ReadonlySet<string>
  matrix?: TreeNode
  /** `service`, `ready-when`, `ready-timeout-minutes` as written: service-keys.ts reads them. */
  serviceKeys: Map<ServiceKey, WrittenKey>
}

/** Why a NUL (`"\0"` in a double-quoted YAML string) is refused wherever it is written. */
const NUL_REASON = 'no process can be given one'

/**
 * Reads a step graph's YAML tree into step specs. Problems are collected, never thrown, so
 * one pass reports all of them.
 */
export function readStepTree(tree: YamlTree): ParsedGraph {
  return new GraphReader(tree).read()
}

class GraphReader {
  private readonly problems: Problem[] = []

  constructor(private readonly tree: YamlTree) {}

  read(): ParsedGraph {
    return { steps: this.readSteps(), problems: this.problems }
  }

  private readSteps(): ParsedStep[] {
    this.problems.push(...this.tree.errors)
    if (this.tree.errors.length > 0) return []
    const root = this.tree.root
    if (root === undefined || isEmptyScalar(root) || isEmptyCollection(root)) {
      this.problems.push({
        message: 'the step graph is empty: give at least one step with a `run`',
        position: root?.position ?? { line: 1, column: 1 }
      })
      return []
    }
    const pasted = root.kind === 'mapping' ? pastedWorkflow(root) : undefined
    if (pasted) {
      this.problems.push(pasted.problem)
      return pasted.steps ? this.readListForm(pasted.steps.items) : []
    }
    if (root.kind === 'mapping') return this.readMappingForm(root)
    if (root.kind === 'list') return this.readListForm(root.items)
    this.report(root, 'the step graph must be a mapping of step ids to steps, or a list of steps')
    return []
  }

  /** `build: { run: make }`: the key is the id, declaration order is kept. */
  private readMappingForm(root: MappingNode): ParsedStep[] {
    return root.entries.map(([key, value]) => {
      const id = key.kind === 'scalar' ? key.text : ''
      if (key.kind !== 'scalar') this.report(key, 'step ids must be plain strings')
      else this.checkId(id, key.position, value.kind === 'mapping' ? value : undefined, 'mapping')
      if (value.kind !== 'mapping') {
        this.report(
          isEmptyScalar(value) ? key : value,
          isEmptyScalar(value)
            ? `step \`${id}\` is empty: give it a \`run\``
            : `step \`${id}\` must be a mapping of step keys, e.g. \`${id}: { run: make }\``
        )
      }
      return this.readStep(
        value.kind === 'mapping' ? value : undefined,
        id,
        key.position,
        'mapping'
      )
    })
  }

  /** `- id: build\n  run: make`: ids are optional and default to `step-N`. */
  private readListForm(items: readonly TreeNode[]): ParsedStep[] {
    return items.map((item, index) => {
      const mapping = item.kind === 'mapping' ? item : undefined
      if (!mapping) {
        this.report(
          item,
          `step ${index + 1} of the list must be a mapping of step keys, e.g. \`- run: make\``
        )
      }
      let id = `step-${index + 1}`
      const idNode = mapping?.entries.find(
        ([key]) => key.kind === 'scalar' && key.text === 'id'
      )?.[1]
      if (idNode) {
        const written = this.readString(idNode, '`id`')
        if (written !== undefined) {
          id = written
          this.checkId(id, idNode.position, mapping, 'list')
        }
      }
      return this.readStep(mapping, id, item.position, 'list')
    })
  }

  /**
   * A step is returned even when it has problems, so that its id still resolves in other
   * steps' `needs` (one mistake, one message); a graph with problems never runs.
   * `step` is undefined when it was not a mapping at all (already reported).
   */
  private readStep(
    step: MappingNode | undefined,
    id: string,
    position: SourcePosition,
    form: 'mapping' | 'list'
  ): ParsedStep {
    const draft: StepDraft = {
      needs: [],
      needsPositions: [],
      if: DEFAULT_CONDITION,
      env: new Map(),
      continueOnError: false,
      retries: 0,
      serviceKeys: new Map(),
      keys: new Set(step?.entries.flatMap(([key]) => (key.kind === 'scalar' ? [key.text] : [])))
    }
    const seenKeys = new Map<string, SourcePosition>()
    for (const [keyNode, value] of step?.entries ?? []) {
      if (keyNode.kind !== 'scalar') {
        this.report(keyNode, `step \`${id}\` has a key that is not a plain string`)
        continue
      }
      const key = keyNode.text
      const keyPosition = keyNode.position
      const earlier = seenKeys.get(key)
      if (earlier) {
        this.problems.push({
          message: `step \`${id}\` has \`${key}\` twice (first at ${earlier.line}:${earlier.column})`,
          position: keyPosition
        })
        continue
      }
      seenKeys.set(key, keyPosition)
      if (key === 'id' && form === 'list') continue
      this.readKey(draft, id, key, keyPosition, value)
    }
    if (step !== undefined && lacksRun(seenKeys)) {
      this.problems.push({ message: `step \`${id}\` has no \`run\``, position })
    }
    const service = readServiceKeys(id, draft.serviceKeys, key => seenKeys.get(key), this.problems)
    const spec: StepSpec = {
      id,
      name: draft.name ?? id,
      run: draft.run ?? '',
      needs: draft.needs,
      if: draft.if,
      env: draft.env,
      continueOnError: draft.continueOnError,
      retries: draft.retries,
      ...(draft.shell !== undefined && { shell: draft.shell }),
      ...(draft.workingDirectory !== undefined && { workingDirectory: draft.workingDirectory }),
      ...(draft.timeoutMinutes !== undefined && { timeoutMinutes: draft.timeoutMinutes }),
      ...(draft.shards !== undefined && { shards: draft.shards }),
      ...(service !== undefined && { service })
    }
    return {
      spec,
      position,
      needsPositions: draft.needsPositions,
      ...(draft.matrix !== undefined && { matrix: draft.matrix }),
      ...(step !== undefined && { node: step })
    }
  }

  private readKey(
    draft: StepDraft,
    id: string,
    key: string,
    keyPosition: SourcePosition,
    value: TreeNode
  ): void {
    const field = `\`${key}\` of step \`${id}\``
    const shapeMistake = valueShapeMessage(key, field, value)
    if (shapeMistake !== undefined) {
      this.report(value, shapeMistake)
      return
    }
    switch (key as StepKey | 'uses' | 'id' | '<<') {
      case 'run': {
        const run = this.readString(value, field)
        if (run !== undefined && run.trim() === '')
          this.report(value, `step \`${id}\` has an empty \`run\``)
        else draft.run = run
        return
      }
      case 'name': {
        const name = this.readString(value, field)
        if (name !== undefined && name.trim() === '') this.report(value, `${field} is empty`)
        else draft.name = name
        return
      }
      case 'needs':
        this.readNeeds(draft, value, field)
        return
      case 'if':
        this.readIf(draft, value, field)
        return
      case 'shell':
        this.readShell(draft, value, field)
        return
      case 'env':
        this.readEnv(draft, value, field)
        return
      case 'working-directory': {
        const directory = this.readString(value, field)
        if (directory !== undefined && directory.trim() === '')
          this.report(value, `${field} is empty`)
        else draft.workingDirectory = directory
        return
      }
      case 'timeout-minutes': {
        const text = this.readString(value, field)
        if (text === undefined) return
        const minutes = readTimeoutMinutes(text)
        if (minutes.ok) draft.timeoutMinutes = minutes.value
        else this.report(value, `${field} ${minutes.reason}`)
        return
      }
      case 'continue-on-error': {
        const text = this.readString(value, field)
        if (text === undefined) return
        const flag = readBoolean(text)
        if (flag.ok) draft.continueOnError = flag.value
        else this.report(value, `${field} ${flag.reason}`)
        return
      }
      case 'retries': {
        const text = this.readString(value, field)
        if (text === undefined) return
        if (/^\s*\d+\s*$/.test(text)) draft.retries = Number(text)
        else
          this.report(
            value,
            `${field} must be a whole number of retries (0 or more), got \`${text}\``
          )
        return
      }
      case 'matrix':
        draft.matrix = value
        return
      case 'shards': {
        const text = this.readString(value, field)
        if (text === undefined) return
        const pin = SHARD_PINS.find(known => known === text.trim())
        if (pin !== undefined) draft.shards = pin
        else
          this.report(
            value,
            `${field} must be \`first\` (once, in shard 1) or \`all\` (in every shard), got \`${text}\``
          )
        return
      }
      case 'service':
      case 'ready-when':
      case 'ready-timeout-minutes':
        draft.serviceKeys.set(key as ServiceKey, { position: keyPosition, value })
        return
      case 'id':
        this.problems.push({
          message: `\`id\` in step \`${id}\`: in the mapping form the key (\`${id}\`) is the id; remove \`id\``,
          position: keyPosition
        })
        return
      case '<<':
        this.problems.push({
          message: `step \`${id}\`: YAML merge keys (\`<<\`) are not supported, as in workflow files`,
          position: keyPosition
        })
        return
      default: {
        const message = unknownKeyMessage(key, id, draft.keys)
        if (message !== undefined) this.problems.push({ message, position: keyPosition })
      }
    }
  }

  private readNeeds(draft: StepDraft, value: TreeNode, field: string): void {
    const entries = value.kind === 'list' ? value.items : [value]
    const seen = new Set(draft.needs)
    for (const entry of entries) {
      const need = this.readString(entry, `an entry of ${field}`)
      if (need === undefined) continue
      if (need.trim() === '') {
        this.report(entry, `${field} has an empty entry`)
        continue
      }
      if (seen.has(need)) continue
      seen.add(need)
      draft.needs.push(need)
      draft.needsPositions.push(entry.position)
    }
  }

  /** Only its form: what it says is checked with the other expressions (expressions.ts). */
  private readIf(draft: StepDraft, value: TreeNode, field: string): void {
    const text = this.readString(value, field)
    if (text === undefined) return
    const condition = conditionText(text)
    if ('error' in condition) this.report(value, `${field} ${condition.error}`)
    else draft.if = condition.text
  }

  private readShell(draft: StepDraft, value: TreeNode, field: string): void {
    const shell = this.readString(value, field)
    if (shell === undefined) return
    if (isValidShell(shell)) {
      draft.shell = shell.trim()
      return
    }
    this.report(
      value,
      `${field} must be ${SHELL_NAMES.join(', ')} or a command template containing \`{0}\`, got \`${shell}\`` +
        shellHint(shell, text => `\`${text}\``)
    )
  }

  private readEnv(draft: StepDraft, value: TreeNode, field: string): void {
    if (value.kind !== 'mapping') {
      this.report(value, `${field} must be a mapping of variable names to values`)
      return
    }
    for (const [keyNode, valueNode] of value.entries) {
      const name = keyNode.kind === 'scalar' ? keyNode.text : ''
      const invalid =
        name === ''
          ? 'an empty variable name'
          : name.includes('\0')
            ? `a variable name with a NUL character (${NUL_REASON})`
            : name.includes('=')
              ? `an invalid variable name \`${name}\`: a name cannot contain \`=\``
              : undefined
      if (invalid !== undefined) {
        this.report(keyNode, `${field} has ${invalid}`)
        continue
      }
      // `FOO:` with nothing after it is an empty value, as in a workflow's `env:`.
      const text = this.readString(valueNode, `\`${name}\` in ${field}`)
      if (text !== undefined) draft.env.set(name, text)
    }
  }

  /**
   * The string a scalar holds; anything else is reported as a wrong type. Every string of
   * a step may reach a process (its script, shell, directory, environment, name and id
   * travel in arguments, files and environment variables), and none can carry a NUL.
   */
  private readString(node: TreeNode, field: string): string | undefined {
    if (node.kind === 'scalar') {
      if (!node.text.includes('\0')) return node.text
      this.report(node, `${field} contains a NUL character (${NUL_REASON})`)
      return undefined
    }
    this.report(
      node,
      `${field} must be a string, got ${node.kind === 'mapping' ? 'a mapping' : 'a list'}`
    )
    return undefined
  }

  private checkId(
    id: string,
    position: SourcePosition,
    step: MappingNode | undefined,
    form: 'mapping' | 'list'
  ): void {
    const message = invalidIdMessage(id, step, form)
    if (message !== undefined) this.problems.push({ message, position })
  }

  private report(node: TreeNode, message: string): void {
    this.problems.push({ message, position: node.position })
  }
}

function isEmptyScalar(node: TreeNode): boolean {
  return node.kind === 'scalar' && node.text === ''
}

function isEmptyCollection(node: TreeNode): boolean {
  return (
    (node.kind === 'mapping' && node.entries.length === 0) ||
    (node.kind === 'list' && node.items.length === 0)
  )
}
