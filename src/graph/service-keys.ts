import type { Problem, SourcePosition } from './source.js'
import { DEFAULT_READY_TIMEOUT_MINUTES, type ReadyWhen, type ServiceSpec } from './spec.js'
import { readBoolean, readTimeoutMinutes } from './step-values.js'
import { closestMatch } from './suggest.js'
import type { TreeNode } from './yaml-tree.js'

/**
 * A step's `service`, `ready-when` and `ready-timeout-minutes`, read together once all its
 * keys are known, since each one's meaning depends on the others: `ready-when` and
 * `ready-timeout-minutes` belong to a service only, and `timeout-minutes` and `retries`
 * are refused on a service (it runs as long as the steps that need it, and
 * `ready-timeout-minutes` bounds its start; once ready, steps may have started against
 * it, so it is never run again). Problems are collected with their positions, never thrown.
 */

/** The keys this module reads, as parse.ts collects them: their key's position and value. */
export const SERVICE_KEYS = ['service', 'ready-when', 'ready-timeout-minutes'] as const
export type ServiceKey = (typeof SERVICE_KEYS)[number]

export interface WrittenKey {
  readonly position: SourcePosition
  readonly value: TreeNode
}

const READY_WHEN_KEYS = ['line', 'port', 'http', 'run'] as const
type ReadyWhenKey = (typeof READY_WHEN_KEYS)[number]

/**
 * The step's service, if it is one. `written` holds the service keys it has; `keyAt`
 * finds where any of its other keys is written (for `timeout-minutes`).
 */
export function readServiceKeys(
  id: string,
  written: ReadonlyMap<ServiceKey, WrittenKey>,
  keyAt: (key: string) => SourcePosition | undefined,
  problems: Problem[]
): ServiceSpec | undefined {
  const reader = new ServiceReader(id, problems)
  const serviceKey = written.get('service')
  const isService = serviceKey !== undefined && reader.flag(serviceKey.value, '`service`')
  if (!isService) {
    for (const key of ['ready-when', 'ready-timeout-minutes'] as const) {
      const entry = written.get(key)
      if (entry === undefined) continue
      problems.push({
        message:
          `\`${key}\` in step \`${id}\` is for a service only: add \`service: true\` ` +
          '(a step that keeps running while the steps that need it run), or remove it',
        position: entry.position
      })
    }
    return undefined
  }
  const timeout = keyAt('timeout-minutes')
  if (timeout !== undefined) {
    problems.push({
      message:
        `\`timeout-minutes\` in step \`${id}\`: a service runs as long as the steps that need ` +
        'it, and is stopped when they have finished; bound its start with ' +
        '`ready-timeout-minutes`, and give `timeout-minutes` to the steps that use it',
      position: timeout
    })
  }
  const retries = keyAt('retries')
  if (retries !== undefined) {
    problems.push({
      message:
        `\`retries\` in step \`${id}\`: a service is not run again (the steps that need it ` +
        'may already have started against it); retry inside its `run` if its start is flaky',
      position: retries
    })
  }
  const readyWhenKey = written.get('ready-when')
  const timeoutKey = written.get('ready-timeout-minutes')
  return {
    readyWhen: readyWhenKey ? reader.readyWhen(readyWhenKey.value) : {},
    readyTimeoutMinutes: timeoutKey
      ? (reader.minutes(timeoutKey.value) ?? DEFAULT_READY_TIMEOUT_MINUTES)
      : DEFAULT_READY_TIMEOUT_MINUTES
  }
}

class ServiceReader {
  constructor(
    private readonly id: string,
    private readonly problems: Problem[]
  ) {}

  flag(node: TreeNode, field: string): boolean {
    const text = this.text(node, `${field} of step \`${this.id}\``)
    if (text === undefined) return false
    const flag = readBoolean(text)
    if (flag.ok) return flag.value
    this.report(node, `${field} of step \`${this.id}\` ${flag.reason}`)
    return false
  }

  minutes(node: TreeNode): number | undefined {
    const field = `\`ready-timeout-minutes\` of step \`${this.id}\``
    const text = this.text(node, field)
    if (text === undefined) return undefined
    const minutes = readTimeoutMinutes(text)
    if (minutes.ok) return minutes.value
    this.report(
      node,
      `${field} ${minutes.reason.replace('timeout-minutes:', 'ready-timeout-minutes:')}`
    )
    return undefined
  }

  readyWhen(node: TreeNode): ReadyWhen {
    const field = `\`ready-when\` of step \`${this.id}\``
    if (node.kind !== 'mapping') {
      this.report(
        node,
        `${field} must be a mapping of one or more of ${keyList()}, e.g. \`ready-when: { port: 5432 }\``
      )
      return {}
    }
    if (node.entries.length === 0) {
      this.report(
        node,
        `${field} is empty: give one or more of ${keyList()}, or leave it out (the service is then ready once started)`
      )
      return {}
    }
    const readyWhen: { -readonly [K in keyof ReadyWhen]: ReadyWhen[K] } = {}
    for (const [keyNode, value] of node.entries) {
      const key = keyNode.kind === 'scalar' ? keyNode.text : ''
      if (!(READY_WHEN_KEYS as readonly string[]).includes(key)) {
        const close = closestMatch(key, READY_WHEN_KEYS)
        this.report(
          keyNode,
          `${field} has an unknown key \`${key}\`: it takes ${keyList()}` +
            (close !== undefined ? `; did you mean \`${close}\`?` : '')
        )
        continue
      }
      this.condition(
        readyWhen,
        key as ReadyWhenKey,
        value,
        `\`ready-when.${key}\` of step \`${this.id}\``
      )
    }
    return readyWhen
  }

  private condition(
    readyWhen: { -readonly [K in keyof ReadyWhen]: ReadyWhen[K] },
    key: ReadyWhenKey,
    node: TreeNode,
    field: string
  ): void {
    const text = this.text(node, field)
    if (text === undefined) return
    if (text.trim() === '') {
      this.report(node, `${field} is empty`)
      return
    }
    // A steps file's `${{ }}` is evaluated in `run`, `env`, `name` and `working-directory`
    // only; here it would be taken as written, and never hold.
    if (text.includes('${{')) {
      this.report(
        node,
        `${field} is not evaluated: \`\${{ }}\` stays as written here; ` +
          (key === 'run'
            ? 'the check runs with the service’s `env`: read the value from there'
            : 'write the value itself, or check with `run:`, which has the service’s `env`')
      )
      return
    }
    switch (key) {
      case 'line': {
        const problem = regexProblem(text)
        if (problem === undefined) readyWhen.line = text
        else this.report(node, `${field} is not a valid regular expression: ${problem}`)
        return
      }
      case 'port': {
        const port = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN
        if (port >= 1 && port <= 65535) readyWhen.port = port
        else this.report(node, `${field} must be a TCP port, 1 to 65535, got \`${text}\``)
        return
      }
      case 'http': {
        const problem = urlProblem(text.trim())
        if (problem === undefined) readyWhen.http = text.trim()
        else this.report(node, `${field} ${problem}`)
        return
      }
      case 'run':
        readyWhen.run = text
        return
    }
  }

  /** A scalar's text; a NUL is refused as everywhere in a step (no process can take one). */
  private text(node: TreeNode, field: string): string | undefined {
    if (node.kind !== 'scalar') {
      this.report(
        node,
        `${field} must be a string, got ${node.kind === 'mapping' ? 'a mapping' : 'a list'}`
      )
      return undefined
    }
    if (node.text.includes('\0')) {
      this.report(node, `${field} contains a NUL character (no process can be given one)`)
      return undefined
    }
    return node.text
  }

  private report(node: TreeNode, message: string): void {
    this.problems.push({ message, position: node.position })
  }
}

function keyList(): string {
  return READY_WHEN_KEYS.map(key => `\`${key}\``).join(', ')
}

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source)
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

function urlProblem(text: string): string | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return `must be a URL such as \`http://localhost:8080/health\`, got \`${text}\``
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `must be an http:// or https:// URL, got \`${text}\``
  }
  return undefined
}
