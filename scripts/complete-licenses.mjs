// Completes an ncc build's licenses.txt: ncc leaves out packages whose modules webpack
// concatenated into another module (js-yaml here), though their code is in the bundle.
// Every package named in the bundle's module markers gets its licence, in ncc's format
// (name, licence type, licence text), sorted by name.
// Usage: node scripts/complete-licenses.mjs DIST_DIRECTORY
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const directory = process.argv[2] ?? 'dist'
const licenses = path.join(directory, 'licenses.txt')
const text = existsSync(licenses) ? readFileSync(licenses, 'utf8') : ''
/** @type {Map<string, string>} name -> its block in licenses.txt */
const blocks = new Map()
for (const block of text.split(/\n\n\n/).filter(b => b.trim() !== '')) {
  blocks.set(block.split('\n')[0] ?? '', block.trimEnd())
}

/** @type {Set<string>} */
const bundled = new Set()
for (const file of readdirSync(directory).filter(f => f.endsWith('.js'))) {
  const code = readFileSync(path.join(directory, file), 'utf8')
  for (const [, name] of code.matchAll(/\.\/node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\//g))
    if (name) bundled.add(name)
}

for (const name of bundled) {
  if (blocks.has(name)) continue
  const packageDirectory = path.join('node_modules', name)
  /** @type {unknown} */
  const parsed = JSON.parse(readFileSync(path.join(packageDirectory, 'package.json'), 'utf8'))
  const manifest = /** @type {{ license?: string }} */ (parsed)
  const licenseFile = readdirSync(packageDirectory).find(f => /^licen[cs]e/i.test(f))
  const licenseText = licenseFile
    ? readFileSync(path.join(packageDirectory, licenseFile), 'utf8').trim()
    : ''
  blocks.set(name, `${name}\n${manifest.license ?? 'UNKNOWN'}\n${licenseText}`)
}

const sorted = [...blocks.keys()].sort().map(name => blocks.get(name))
writeFileSync(licenses, `${sorted.join('\n\n\n')}\n`)
