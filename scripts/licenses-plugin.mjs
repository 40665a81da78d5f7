// @ts-check
// A bundler plugin that writes licenses.txt beside a bundle: every package whose code is
// in one of the bundle's chunks, with its licence type and text, sorted by name. It
// reads the modules the bundler really kept, so a package that tree-shaking removed is
// not listed and one that was inlined is. Also writes a package.json that marks the
// bundle's .js files as ES modules wherever the directory is copied.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** @returns {import('rolldown').Plugin} */
export function licensesPlugin() {
  return {
    name: 'stepgraph-licenses',
    generateBundle(_options, bundle) {
      /** @type {Map<string, string>} package name -> its directory */
      const packages = new Map()
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue
        for (const id of output.moduleIds) {
          const found = packageOf(id)
          if (found) packages.set(found.name, found.directory)
        }
      }
      const blocks = [...packages.keys()]
        .sort()
        .map(name => licenseBlock(name, /** @type {string} */ (packages.get(name))))
      this.emitFile({
        type: 'asset',
        fileName: 'licenses.txt',
        source: `${blocks.join('\n\n\n')}\n`
      })
      this.emitFile({
        type: 'asset',
        fileName: 'package.json',
        source: '{\n  "type": "module"\n}\n'
      })
    }
  }
}

/**
 * The package a module belongs to: the path segment(s) after its last `node_modules`.
 * @param {string} id
 * @returns {{ name: string, directory: string } | undefined}
 */
function packageOf(id) {
  const parts = id.split(/[\\/]/)
  const at = parts.lastIndexOf('node_modules')
  if (at < 0 || at + 1 >= parts.length) return undefined
  const scoped = (parts[at + 1] ?? '').startsWith('@')
  const nameParts = parts.slice(at + 1, at + (scoped ? 3 : 2))
  return {
    name: nameParts.join('/'),
    directory: [...parts.slice(0, at + 1), ...nameParts].join(path.sep)
  }
}

/**
 * ncc's format: name, licence type, licence text.
 * @param {string} name
 * @param {string} directory
 */
function licenseBlock(name, directory) {
  /** @type {unknown} */
  const parsed = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'))
  const manifest = /** @type {{ license?: string }} */ (parsed)
  const file = existsSync(directory)
    ? readdirSync(directory).find(entry => /^licen[cs]e/i.test(entry))
    : undefined
  const text = file ? readFileSync(path.join(directory, file), 'utf8').trim() : ''
  return `${name}\n${manifest.license ?? 'UNKNOWN'}\n${text}`
}
