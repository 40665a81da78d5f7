import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  expectedDuration,
  HISTORY,
  NO_TIMINGS,
  readTimings,
  updatedTimings,
  writeTimings
} from '../../src/timings/timings-file.js'

const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-timings-'))
const file = (name: string): string => path.join(directory, name)

describe('the timings file', () => {
  it('round-trips, keeping the last runs of each step, and expects their median', () => {
    let timings = NO_TIMINGS
    for (const build of [100, 110, 5000, 105, 95, 120, 98])
      timings = updatedTimings(timings, ['build', 'test'], new Map([['build', build]]))
    expect(timings.steps.get('build')).toHaveLength(HISTORY)
    expect(writeTimings(file('t.json'), timings)).toBeUndefined()
    const read = readTimings(file('t.json'))
    expect(read.warning).toBeUndefined()
    expect([...read.timings.steps]).toEqual([['build', [5000, 105, 95, 120, 98]]])
    // One slow run among five moves nothing.
    expect(expectedDuration(read.timings, 'build')).toBe(105)
    expect(expectedDuration(read.timings, 'test')).toBeUndefined()
  })

  it('drops steps the graph no longer has, keeps those that did not run', () => {
    const before = updatedTimings(
      NO_TIMINGS,
      ['a', 'b'],
      new Map([
        ['a', 1],
        ['b', 2]
      ])
    )
    const after = updatedTimings(before, ['a', 'renamed'], new Map([['renamed', 3]]))
    expect([...after.steps]).toEqual([
      ['a', [1]],
      ['renamed', [3]]
    ])
  })

  it('a missing file is no timings, silently; a corrupt or foreign one is a warning', () => {
    expect(readTimings(file('missing.json'))).toEqual({ timings: NO_TIMINGS })
    writeFileSync(file('corrupt.json'), '{"version": 1, "steps": ')
    expect(readTimings(file('corrupt.json')).warning).toMatch(/ignored: it is not JSON/)
    writeFileSync(file('v9.json'), '{"version": 9, "steps": {}}')
    expect(readTimings(file('v9.json')).warning).toMatch(/not a version 1 timings file/)
    writeFileSync(
      file('odd.json'),
      '{"version": 1, "steps": {"a": {"durations-ms": [1, "x", -2, 3]}, "b": 4}}'
    )
    expect([...readTimings(file('odd.json')).timings.steps]).toEqual([['a', [1, 3]]])
    expect(readTimings(directory).warning).toMatch(/ignored/)
  })

  it('never reads a FIFO (which would wait for a writer) nor a file beyond 32 MiB', () => {
    const fifo = file('fifo')
    execFileSync('mkfifo', [fifo])
    expect(readTimings(fifo).warning).toMatch(/ignored: it /)
    const huge = file('huge.json')
    // Sparse: 33 MiB of NULs that take no room on the disk.
    writeFileSync(huge, '{')
    truncateSync(huge, 33 * 1024 * 1024)
    expect(readTimings(huge).warning).toMatch(/ignored: it is larger than 32 MiB/)
  })

  it('creates its directory (a cache that missed restores none), and writes whole files', () => {
    const nested = path.join(directory, 'fresh/dir/t.json')
    expect(writeTimings(nested, NO_TIMINGS)).toBeUndefined()
    expect(JSON.parse(readFileSync(nested, 'utf8'))).toEqual({ version: 1, steps: {} })
  })

  it('gives a .stepgraph directory it creates a .gitignore, and no other directory', () => {
    const made = path.join(directory, 'checkout/.stepgraph')
    expect(writeTimings(path.join(made, 'g.yml.timings.json'), NO_TIMINGS)).toBeUndefined()
    expect(readFileSync(path.join(made, '.gitignore'), 'utf8')).toMatch(/^\*$/m)
    // The user's own .stepgraph keeps what it has; other directories get nothing.
    const own = path.join(directory, 'own/.stepgraph')
    mkdirSync(own, { recursive: true })
    writeTimings(path.join(own, 't.json'), NO_TIMINGS)
    expect(readdirSync(own)).toEqual(['t.json'])
    writeTimings(path.join(directory, 'cache/t.json'), NO_TIMINGS)
    expect(readdirSync(path.join(directory, 'cache'))).toEqual(['t.json'])
  })

  it('says why it could not be written, and leaves no temporary file behind', () => {
    // A regular file where its directory should be: the directory cannot be made.
    writeFileSync(file('plain'), 'x')
    expect(writeTimings(path.join(directory, 'plain/t.json'), NO_TIMINGS)).toMatch(
      /could not be written: EEXIST/
    )
    // A directory where the file should be: the temporary file is written, and the
    // rename over the directory fails; the temporary file goes.
    const occupied = file('occupied')
    mkdirSync(path.join(occupied, 'inside'), { recursive: true })
    expect(writeTimings(occupied, NO_TIMINGS)).toMatch(/could not be written: (EISDIR|ENOTEMPTY)/)
    expect(readdirSync(directory).filter(name => name.endsWith('.tmp'))).toEqual([])
  })
})
