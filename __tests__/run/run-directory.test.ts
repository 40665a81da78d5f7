import { chmodSync, existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  defaultTempLocations,
  makeRunDirectories,
  removeRunDirectories,
  type TempLocations
} from '../../src/run/run-directory.js'
import { cleanUpTempDirectories, tempDirectory, writeFile } from '../helpers/files.js'

// The control files go to a tmpfs (/dev/shm on Linux) when one is usable, else with the
// output. The candidates are injected to check each fallback, as on macOS (no /dev/shm).
cleanUpTempDirectories()

function directoriesWith(tmpfs: readonly string[]): { control: string; output: string } {
  const temp = tempDirectory()
  const locations: TempLocations = { tmpfs, temp: [undefined, temp] }
  const directories = makeRunDirectories(locations)
  expect(path.dirname(directories.output)).toBe(temp)
  removeRunDirectories(directories)
  expect(existsSync(directories.control)).toBe(false)
  expect(existsSync(directories.output)).toBe(false)
  return directories
}

describe('makeRunDirectories', () => {
  it('uses /dev/shm on Linux only, RUNNER_TEMP first, then the temp directory', () => {
    const locations = defaultTempLocations()
    expect(locations.tmpfs).toEqual(process.platform === 'linux' ? ['/dev/shm'] : [])
    expect(locations.temp.at(0)).toBe(process.env.RUNNER_TEMP)
  })

  it('puts the control files on the tmpfs when it is writable', () => {
    const tmpfs = tempDirectory()
    const { control, output } = directoriesWith([tmpfs])
    expect(path.dirname(control)).toBe(tmpfs)
    expect(control).not.toBe(output)
  })

  it('puts them with the output without a tmpfs: none (macOS), missing, not a directory', () => {
    for (const tmpfs of [
      [],
      [path.join(tempDirectory(), 'no-shm')],
      [writeFile(tempDirectory(), 'shm', 'a file')]
    ]) {
      const { control, output } = directoriesWith(tmpfs)
      expect(control).toBe(output)
    }
  })

  it('puts them with the output when the tmpfs is not writable', () => {
    // /proc exists and no one, root included, may create a directory in it.
    const { control, output } = directoriesWith(['/proc'])
    expect(control).toBe(output)
  })

  it.skipIf(process.getuid?.() === 0)(
    'puts them with the output when the tmpfs is read-only to this user',
    () => {
      const readOnly = tempDirectory()
      chmodSync(readOnly, 0o555)
      const { control, output } = directoriesWith([readOnly])
      expect(control).toBe(output)
      chmodSync(readOnly, 0o755)
    }
  )

  it('tries the next temp location, and fails with every reason when none is writable', () => {
    const missing = path.join(tempDirectory(), 'missing')
    const temp = tempDirectory()
    const directories = makeRunDirectories({ tmpfs: [], temp: [missing, temp] })
    expect(path.dirname(directories.output)).toBe(temp)
    removeRunDirectories(directories)
    const file = writeFile(tempDirectory(), 'file')
    expect(() => makeRunDirectories({ tmpfs: [], temp: [undefined, missing, file] })).toThrow(
      new RegExp(`^no temp directory is writable \\(${missing}: .*; ${file}: .*\\)$`)
    )
  })
})
