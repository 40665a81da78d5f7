// One graph of `sleep` steps written as each tool's input: stepgraph's YAML, a Makefile,
// a ninja file, a Turborepo monorepo, and a list of command lines for the tools that know
// no dependencies (xargs, GNU parallel, concurrently: a chain becomes one `&&` line).
// Every tool runs a step as stepgraph does: a script file under `bash -e`.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * @typedef {object} TimedGraph
 * @property {string[]} names   declaration order
 * @property {number[][]} needs needs[v]: the steps v needs
 * @property {number[]} seconds each step's `sleep`
 */

/** Writes each step's script into `dir`; answers the command that runs step v. */
function scripts(/** @type {TimedGraph} */ graph, /** @type {string} */ dir) {
  mkdirSync(dir, { recursive: true })
  return graph.names.map((name, v) => {
    const file = path.join(dir, `${name}.sh`)
    writeFileSync(file, `sleep ${graph.seconds[v]}\n`)
    return `bash -e ${file}`
  })
}

/** The bound on any schedule with `slots` slots: max(critical path, total work ÷ slots). */
export function bound(/** @type {TimedGraph} */ graph, /** @type {number} */ slots) {
  /** @type {number[]} */
  const finish = []
  // Needs come before their dependents in every graph written here.
  graph.needs.forEach((list, v) => {
    finish[v] = (graph.seconds[v] ?? 0) + Math.max(0, ...list.map(p => finish[p] ?? 0))
  })
  const total = graph.seconds.reduce((a, b) => a + b, 0)
  return Math.max(Math.max(...finish), total / slots)
}

export function stepgraphYaml(/** @type {TimedGraph} */ graph, /** @type {string} */ file) {
  const text = graph.names.map((name, v) => {
    const needs = graph.needs[v] ?? []
    const needsLine =
      needs.length > 0 ? `\n  needs: [${needs.map(p => graph.names[p]).join(', ')}]` : ''
    return `${name}:${needsLine}\n  run: sleep ${graph.seconds[v]}`
  })
  writeFileSync(file, `${text.join('\n')}\n`)
  return file
}

export function makefile(/** @type {TimedGraph} */ graph, /** @type {string} */ dir) {
  const commands = scripts(graph, dir)
  const all = graph.names.join(' ')
  const rules = graph.names.map(
    (name, v) =>
      `${name}: ${(graph.needs[v] ?? []).map(p => graph.names[p]).join(' ')}\n\t@${commands[v]}\n`
  )
  const file = path.join(dir, 'Makefile')
  writeFileSync(file, `all: ${all}\n${rules.join('')}.PHONY: all ${all}\n`)
  return file
}

/** Outputs that are never written: every step runs on every build, in dependency order. */
export function ninjaFile(/** @type {TimedGraph} */ graph, /** @type {string} */ dir) {
  const commands = scripts(graph, dir)
  const edges = graph.names.map(
    (name, v) =>
      `build ${name}: step ${(graph.needs[v] ?? []).map(p => graph.names[p]).join(' ')}\n  cmd = ${commands[v]}\n`
  )
  const file = path.join(dir, 'build.ninja')
  writeFileSync(
    file,
    `rule step\n  command = $cmd\n${edges.join('')}default ${graph.names.join(' ')}\n`
  )
  return file
}

/**
 * A monorepo of one package per step, its needs as dependencies, and one task that
 * depends on the same task of the dependencies (`^step`), uncached.
 */
export function turboRepo(/** @type {TimedGraph} */ graph, /** @type {string} */ dir) {
  const commands = scripts(graph, dir)
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'bench',
      private: true,
      workspaces: ['p/*'],
      packageManager: 'npm@10.9.0'
    })
  )
  writeFileSync(
    path.join(dir, 'turbo.json'),
    JSON.stringify({ tasks: { step: { dependsOn: ['^step'], cache: false } } })
  )
  graph.names.forEach((name, v) => {
    /** @type {Record<string, string>} */
    const dependencies = {}
    for (const p of graph.needs[v] ?? []) dependencies[graph.names[p] ?? ''] = '*'
    mkdirSync(path.join(dir, 'p', name), { recursive: true })
    writeFileSync(
      path.join(dir, 'p', name, 'package.json'),
      JSON.stringify({ name, version: '0.0.0', scripts: { step: commands[v] ?? '' }, dependencies })
    )
  })
  return dir
}

/**
 * Command lines for tools without dependencies: each chain of single needs (a → b → c,
 * nothing else needing a or b) becomes one `&&` line, in declaration order. Undefined
 * when the graph has any other shape.
 */
export function commandLines(/** @type {TimedGraph} */ graph, /** @type {string} */ dir) {
  const commands = scripts(graph, dir)
  const neededBy = graph.names.map(() => /** @type {number[]} */ ([]))
  graph.needs.forEach((list, v) => {
    for (const p of list) neededBy[p]?.push(v)
  })
  /** @type {string[]} */
  const lines = []
  for (let v = 0; v < graph.names.length; v++) {
    const needs = graph.needs[v] ?? []
    if (needs.length > 1) return undefined
    if (needs.length === 1) continue // written with the head of its chain
    let line = commands[v] ?? ''
    for (let next = neededBy[v] ?? []; next.length > 0; next = neededBy[next[0] ?? 0] ?? []) {
      if (next.length > 1) return undefined
      line += ` && ${commands[next[0] ?? 0]}`
    }
    lines.push(line)
  }
  return lines
}
