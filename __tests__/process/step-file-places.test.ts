import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createStepFilesIn,
  freeBytes,
  TMPFS_MIN_FREE_BYTES
} from '../../src/process/step-file-places.js'
import type { StepFiles } from '../../src/process/step-files.js'
import { cleanUpTempDirectories, tempDirectory } from '../helpers/files.js'

// Where each attempt's files go: the tmpfs while it has room to spare, the disk otherwise,
// and the other place whenever creating them fails. Real directories; the tmpfs's free
// space is injected here (a real small or full tmpfs: __tests__/action/shm.e2e.test.ts).
cleanUpTempDirectories()

const roomy = (): number => TMPFS_MIN_FREE_BYTES
const cramped = (): number => TMPFS_MIN_FREE_BYTES - 1

function create(places: { tmpfs?: string; disk: string }, free: (d: string) => number): StepFiles {
  return createStepFilesIn(places, 'a.1', '.sh', 'echo hi\n', free)
}

function directoriesOf(files: StepFiles): { script: string; commands: string[] } {
  const { script, ...commands } = files
  return {
    script: path.dirname(script),
    commands: [...new Set(Object.values(commands).map(file => path.dirname(file)))]
  }
}

describe('createStepFilesIn', () => {
  it('puts every file on the tmpfs while it has room to spare', () => {
    const tmpfs = tempDirectory()
    const files = create({ tmpfs, disk: tempDirectory() }, roomy)
    expect(directoriesOf(files)).toEqual({ script: tmpfs, commands: [tmpfs] })
    expect(readdirSync(tmpfs)).toHaveLength(6)
  })

  it('puts the files the step writes on disk when the tmpfs is short of room', () => {
    const tmpfs = tempDirectory()
    const disk = tempDirectory()
    expect(directoriesOf(create({ tmpfs, disk }, cramped))).toEqual({
      script: tmpfs,
      commands: [disk]
    })
  })

  it('puts them all on disk without a tmpfs, or when creating them there fails', () => {
    const disk = tempDirectory()
    expect(directoriesOf(create({ disk }, roomy))).toEqual({ script: disk, commands: [disk] })
    // The tmpfs directory removed under the run.
    const gone = path.join(tempDirectory(), 'removed')
    const files = createStepFilesIn({ tmpfs: gone, disk }, 'b.1', '.sh', 'true', roomy)
    expect(directoriesOf(files)).toEqual({ script: disk, commands: [disk] })
  })

  it('falls back to the tmpfs, however small, when the disk fails', () => {
    const tmpfs = tempDirectory()
    const disk = path.join(tempDirectory(), 'removed')
    expect(directoriesOf(create({ tmpfs, disk }, cramped))).toEqual({
      script: tmpfs,
      commands: [tmpfs]
    })
  })

  it('fails with every reason when no place works, leaving nothing behind', () => {
    const disk = path.join(tempDirectory(), 'removed')
    const tmpfs = tempDirectory()
    // The script can be created on the tmpfs, its GITHUB_OUTPUT cannot (a directory is in
    // the way): each try that wrote the script removes it again.
    mkdirSync(path.join(tmpfs, 'a.1.github_output'))
    expect(() => create({ tmpfs, disk }, cramped)).toThrow(
      new RegExp(`^ENOENT.*${disk}.*; ENOENT.*${disk}.*; EISDIR.*${tmpfs}`)
    )
    expect(readdirSync(tmpfs)).toEqual(['a.1.github_output'])
  })

  it('measures free space with statfs; a missing directory has none', () => {
    expect(freeBytes(tempDirectory())).toBeGreaterThan(0)
    expect(freeBytes(path.join(tempDirectory(), 'missing'))).toBe(0)
    expect(existsSync('/dev/shm') ? freeBytes('/dev/shm') : 1).toBeGreaterThan(0)
  })
})
