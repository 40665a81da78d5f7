import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isMissingOrEmptyFile } from '../../src/bounded-file.js'

// Nearly every step leaves its command files empty: those are taken as read without being
// opened. Anything that might read as more than nothing must still be opened and read.
describe('isMissingOrEmptyFile', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stepgraph-empty-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers true for a missing file and an ordinary file of no bytes', () => {
    expect(isMissingOrEmptyFile(path.join(dir, 'deleted'))).toBe(true)
    writeFileSync(path.join(dir, 'empty'), '')
    expect(isMissingOrEmptyFile(path.join(dir, 'empty'))).toBe(true)
  })

  it('answers false for whatever must be opened: bytes, links, FIFOs, directories', () => {
    writeFileSync(path.join(dir, 'bytes'), 'x')
    expect(isMissingOrEmptyFile(path.join(dir, 'bytes'))).toBe(false)
    // /proc files say they are empty and read as more: a link to one is read as usual.
    symlinkSync('/proc/self/status', path.join(dir, 'pseudo'))
    expect(isMissingOrEmptyFile(path.join(dir, 'pseudo'))).toBe(false)
    writeFileSync(path.join(dir, 'empty'), '')
    symlinkSync(path.join(dir, 'empty'), path.join(dir, 'link-to-empty'))
    expect(isMissingOrEmptyFile(path.join(dir, 'link-to-empty'))).toBe(false)
    execFileSync('mkfifo', [path.join(dir, 'fifo')])
    expect(isMissingOrEmptyFile(path.join(dir, 'fifo'))).toBe(false)
    mkdirSync(path.join(dir, 'directory'))
    expect(isMissingOrEmptyFile(path.join(dir, 'directory'))).toBe(false)
    // ENOTDIR is not "missing": the read says what is wrong.
    expect(isMissingOrEmptyFile(path.join(dir, 'bytes', 'below'))).toBe(false)
  })
})
