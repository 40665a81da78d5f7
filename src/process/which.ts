import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'

/**
 * The first executable file named `command` in `searchPath` (a PATH value), as the runner's
 * WhichUtil finds shells. Synchronous: it runs once per run and per custom shell, not per
 * step. On Windows, PATHEXT extensions are tried too.
 */
export function findOnPath(command: string, searchPath: string | undefined): string | undefined {
  if (command.includes('/') || command.includes('\\'))
    return isExecutable(command) ? command : undefined
  const extensions =
    process.platform === 'win32'
      ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')]
      : ['']
  for (const directory of (searchPath ?? '').split(path.delimiter)) {
    if (directory === '') continue
    for (const extension of extensions) {
      const candidate = path.join(directory, command + extension)
      if (isExecutable(candidate)) return candidate
    }
  }
  return undefined
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}
