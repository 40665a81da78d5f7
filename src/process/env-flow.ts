import type { Dag } from '../graph/dag.js'

/** A value exported through GITHUB_ENV, and which step wrote it. */
interface Export {
  readonly value: string
  readonly writer: number
}

/** A directory added through GITHUB_PATH: by which step, at which place in its file. */
interface PathEntry {
  readonly directory: string
  readonly writer: number
  /** The directory's last line in the writer's GITHUB_PATH (the line that counts). */
  readonly line: number
}

/**
 * What a step sees from the steps before it: variables from GITHUB_ENV, directories from
 * GITHUB_PATH. Views are shared, not copied, until two needs bring different ones
 * together, so a long chain of steps that export nothing costs nothing.
 */
interface View {
  readonly vars: ReadonlyMap<string, Export>
  /**
   * The runner's `PrependPath` list: each directory once, in the order it was last added
   * (the newest goes first in PATH).
   */
  readonly path: readonly PathEntry[]
}

const EMPTY_VIEW: View = { vars: new Map(), path: [] }

/**
 * Carries GITHUB_ENV and GITHUB_PATH from each step to every step that depends on it,
 * directly or not, as sequential workflow steps would. Where two needs bring one
 * variable with different values, the step that depends on the other wins; two steps
 * with no order between them disagreeing is a conflict: the later one wins and the run
 * warns.
 */
export class EnvFlow {
  /** views[v]: what v exported, on top of what it inherited; set when v finishes. */
  private readonly views: (View | undefined)[]
  /** Steps that exported anything, in the order they finished. */
  private readonly writers: number[] = []
  /** finishOrder[v]: position of v among finished steps. */
  private readonly finishOrder: Int32Array
  private finished = 0
  private readonly ancestorCache = new Map<string, boolean>()
  private readonly conflictWarnings = new Map<string, string>()

  constructor(
    private readonly dag: Dag,
    private readonly ids: readonly string[]
  ) {
    this.views = new Array<View | undefined>(dag.size).fill(undefined)
    this.finishOrder = new Int32Array(dag.size).fill(-1)
  }

  /** What step v inherits from the steps it needs (they have all finished). */
  inherited(step: number): {
    readonly vars: ReadonlyMap<string, string>
    readonly path: readonly string[]
  } {
    const view = this.mergeNeeds(step)
    return {
      vars: new Map([...view.vars].map(([name, { value }]) => [name, value])),
      path: view.path.map(entry => entry.directory)
    }
  }

  /**
   * Records what a finished step exported (its last attempt's files): `vars` in file
   * order, `path` the GITHUB_PATH lines as written (a directory may come more than once).
   */
  record(
    step: number,
    vars: readonly (readonly [string, string])[],
    path: readonly string[]
  ): void {
    this.finishOrder[step] = this.finished++
    const inherited = this.mergeNeeds(step)
    if (vars.length === 0 && path.length === 0) {
      this.views[step] = inherited
      return
    }
    this.writers.push(step)
    const merged = new Map(inherited.vars)
    for (const [name, value] of vars) merged.set(name, { value, writer: step })
    this.views[step] = { vars: merged, path: prependPath(inherited.path, path, step) }
  }

  /**
   * Everything every finished step exported, for the job's own GITHUB_ENV and GITHUB_PATH:
   * later steps in the workflow see them as after ordinary `run:` steps.
   */
  everything(): { readonly vars: ReadonlyMap<string, string>; readonly path: readonly string[] } {
    const sinks = this.writers.map(writer => this.views[writer] ?? EMPTY_VIEW)
    const view = this.merge(sinks)
    return {
      vars: new Map([...view.vars].map(([name, { value }]) => [name, value])),
      path: view.path.map(entry => entry.directory)
    }
  }

  /** One line per variable set differently by steps with no order between them. */
  conflicts(): string[] {
    this.everything()
    return [...this.conflictWarnings.values()]
  }

  private mergeNeeds(step: number): View {
    const needs = this.dag.predecessors[step] ?? []
    return this.merge(needs.map(need => this.viewOf(need)))
  }

  /**
   * What a finished step passes on: its view once it ran; for a step that never ran
   * (skipped, or it could not start), what it inherited, so that it does not cut the
   * steps after it (`if: always()`) off from those before it, as a skipped workflow step
   * cuts nothing off. Called only for steps whose dependents start or finish, which have
   * all ended, so a view worked out here is final. Iterative: a long chain of skipped
   * steps must not overflow the stack.
   */
  private viewOf(step: number): View {
    const stack = [step]
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as number
      if (this.views[top] !== undefined) {
        stack.pop()
        continue
      }
      const needs = this.dag.predecessors[top] ?? []
      const missing = needs.filter(need => this.views[need] === undefined)
      if (missing.length > 0) stack.push(...missing)
      else {
        stack.pop()
        this.views[top] = this.merge(needs.map(need => this.views[need] ?? EMPTY_VIEW))
      }
    }
    return this.views[step] ?? EMPTY_VIEW
  }

  private merge(views: readonly View[]): View {
    const distinct = [...new Set(views)].filter(view => view !== EMPTY_VIEW)
    if (distinct.length === 0) return EMPTY_VIEW
    if (distinct.length === 1) return distinct[0] as View
    const vars = new Map<string, Export>()
    // Oldest writers first, so later ones override and their directories come last.
    const byAge = (a: { writer: number }, b: { writer: number }): number =>
      (this.finishOrder[a.writer] as number) - (this.finishOrder[b.writer] as number)
    const exports = distinct.flatMap(view =>
      [...view.vars].map(([name, entry]) => ({ name, ...entry }))
    )
    for (const entry of exports.sort(byAge)) {
      const current = vars.get(entry.name)
      if (current && current.writer !== entry.writer && current.value !== entry.value) {
        if (!this.isAncestor(current.writer, entry.writer))
          this.noteConflict(entry.name, current, entry)
      }
      if (!current || current.writer !== entry.writer) vars.set(entry.name, entry)
    }
    // As if every writer's GITHUB_PATH had been applied in the order the writers
    // finished, each line with the runner's RemoveAll + Add: a directory is placed by the
    // last time it was added, so one added again by a later step moves to the front.
    const latest = new Map<string, PathEntry>()
    const byAddition = (a: PathEntry, b: PathEntry): number => byAge(a, b) || a.line - b.line
    for (const entry of distinct.flatMap(view => view.path)) {
      const current = latest.get(entry.directory)
      if (!current || byAddition(current, entry) < 0) latest.set(entry.directory, entry)
    }
    return { vars, path: [...latest.values()].sort(byAddition) }
  }

  private noteConflict(name: string, earlier: Export, later: Export): void {
    const first = this.ids[earlier.writer] ?? '?'
    const second = this.ids[later.writer] ?? '?'
    this.conflictWarnings.set(
      `${name}\0${first}\0${second}`,
      `${name} was set to different values by \`${first}\` and \`${second}\`, which do not depend on ` +
        `each other; the value from \`${second}\`, which finished later, was kept`
    )
  }

  /** Whether `ancestor` must finish before `step` (a path of needs between them). */
  private isAncestor(ancestor: number, step: number): boolean {
    const key = `${ancestor}>${step}`
    const cached = this.ancestorCache.get(key)
    if (cached !== undefined) return cached
    const seen = new Uint8Array(this.dag.size)
    const stack = [step]
    let found = false
    while (stack.length > 0 && !found) {
      for (const need of this.dag.predecessors[stack.pop() as number] ?? []) {
        if (need === ancestor) found = true
        if (!seen[need]) {
          seen[need] = 1
          stack.push(need)
        }
      }
    }
    this.ancestorCache.set(key, found)
    return found
  }
}

/**
 * A step's GITHUB_PATH lines applied to the list it inherited, as AddPathFileCommand does
 * for each line: `PrependPath.RemoveAll(x => x == line)` then `PrependPath.Add(line)`. A
 * directory added again, by this step or by one before it, moves to the end of the list,
 * which is the front of PATH. Directories are compared exactly (the runner compares with
 * StringComparison.CurrentCulture, which also equates canonically equivalent Unicode
 * spellings; no real directory differs only that way).
 */
function prependPath(
  inherited: readonly PathEntry[],
  added: readonly string[],
  writer: number
): PathEntry[] {
  const last = new Map<string, number>()
  added.forEach((directory, line) => last.set(directory, line))
  const own = [...last].map(([directory, line]) => ({ directory, writer, line }))
  own.sort((a, b) => a.line - b.line)
  return [...inherited.filter(entry => !last.has(entry.directory)), ...own]
}
