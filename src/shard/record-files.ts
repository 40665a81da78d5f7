import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * The results files a merge reads, from what the user named: files, directories (every
 * `.json` file under them, at any depth: actions/download-artifact puts each artifact in
 * a directory of its own), or globs (`*` and `?` within a name, `**` for any number of
 * directories). Sorted, without duplicates, so that a merge reads them in the same order
 * wherever it runs. Node 20 has no fs.glob, hence the small matcher.
 */
export function recordFiles(
  patterns: readonly string[],
  cwd: string
): { readonly files: readonly string[]; readonly problems: readonly string[] } {
  const files = new Set<string>()
  const problems: string[] = []
  for (const pattern of patterns) {
    const found = /[*?]/.test(pattern)
      ? globFiles(path.resolve(cwd, pattern))
      : pathFiles(path.resolve(cwd, pattern))
    if (found.length === 0)
      problems.push(
        `no results files at ${pattern}: did each shard job upload its \`results-file\` ` +
          '(actions/upload-artifact), and this job download them (actions/download-artifact)?'
      )
    for (const file of found) files.add(file)
  }
  return { files: [...files].sort(), problems }
}

function pathFiles(target: string): string[] {
  let stats
  try {
    stats = statSync(target)
  } catch {
    return []
  }
  return stats.isDirectory() ? jsonFilesUnder(target) : [target]
}

function jsonFilesUnder(directory: string): string[] {
  return walk(directory).filter(file => file.endsWith('.json'))
}

/** Every file under `directory`, at any depth (symbolic links are not followed). */
function walk(directory: string): string[] {
  const files: string[] = []
  const pending = [directory]
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) pending.push(full)
      else if (entry.isFile()) files.push(full)
    }
  }
  return files
}

/** The files under the pattern's fixed leading directories that the whole pattern matches. */
function globFiles(pattern: string): string[] {
  const parts = pattern.split(path.sep)
  const fixed = parts.findIndex(part => /[*?]/.test(part))
  const root = parts.slice(0, fixed).join(path.sep) || path.sep
  const rest = parts.slice(fixed)
  // `dir/**` means every file under dir.
  const matcher = globRegExp(rest.at(-1) === '**' ? [...rest, '*'] : rest)
  return walk(root).filter(file =>
    matcher.test(path.relative(root, file).split(path.sep).join('/'))
  )
}

/** `**` any directories (or none), `*` any characters but `/`, `?` one of them. */
function globRegExp(parts: readonly string[]): RegExp {
  const source = parts
    .map(part =>
      part === '**'
        ? '(?:[^/]+/)*'
        : `${part
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]')}/`
    )
    .join('')
    .replace(/\/$/, '')
  return new RegExp(`^${source}$`)
}
