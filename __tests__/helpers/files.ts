import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []

/** Removes every directory `tempDirectory` made, after each test of the file that uses it. */
export function cleanUpTempDirectories(): void {
  afterEach(() => {
    for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true })
  })
}

/** A fresh, real directory (removed after the test when the file calls cleanUpTempDirectories). */
export function tempDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-files-'))
  made.push(directory)
  return directory
}

/** Writes `directory/name` (parents included) with `mode`; returns its path. */
export function writeFile(directory: string, name: string, text = '', mode = 0o644): string {
  const file = path.join(directory, name)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
  chmodSync(file, mode)
  return file
}

/** An executable shell script at `directory/name`. */
export function executable(directory: string, name: string, text = '#!/bin/sh\n'): string {
  return writeFile(directory, name, text, 0o755)
}
