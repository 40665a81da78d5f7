import { execFileSync } from 'node:child_process'
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_GRAPH_BYTES, readGraphFile } from '../../src/graph/read-file.js'

const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-read-file-'))

describe('readGraphFile: only an ordinary file, read with a hard bound', () => {
  it('reads an ordinary file, named relative to the base', () => {
    writeFileSync(path.join(directory, 'steps.yml'), 'a: {run: x}\n')
    expect(readGraphFile('steps.yml', directory)).toEqual({
      text: 'a: {run: x}\n',
      file: 'steps.yml'
    })
  })

  it('refuses a named pipe at once, without waiting for a writer', () => {
    const fifo = path.join(directory, 'fifo.yml')
    execFileSync('mkfifo', [fifo])
    expect(() => readGraphFile('fifo.yml', directory)).toThrow(
      'fifo.yml is a named pipe (FIFO), not a file'
    )
  })

  it.each([
    ['/dev/zero', '/dev/zero is a character device, not a file'],
    ['/dev/null', '/dev/null is a character device, not a file'],
    ['/tmp', '/tmp is a directory, not a file']
  ])('refuses %s', (file, message) => {
    expect(() => readGraphFile(file, directory)).toThrow(message)
  })

  // /proc files say they are regular and empty: pagemap then reads as gigabytes, kmsg
  // blocks until the kernel logs something.
  it.each(['/proc/self/pagemap', '/proc/kmsg', '/proc/self/environ', '/sys/kernel/mm'])(
    'refuses %s, a file of a pseudo-file system',
    file => {
      expect(() => readGraphFile(file, directory)).toThrow(
        /is a file of \/(proc|sys), not a step graph$/
      )
    }
  )

  it('refuses a link to a /proc file, whatever its name', () => {
    symlinkSync('/proc/self/pagemap', path.join(directory, 'linked.yml'))
    expect(() => readGraphFile('linked.yml', directory)).toThrow(
      'linked.yml is a file of /proc, not a step graph'
    )
  })

  it('refuses a file over the limit before reading it', () => {
    writeFileSync(path.join(directory, 'big.yml'), Buffer.alloc(MAX_GRAPH_BYTES + 1, 0x20))
    expect(() => readGraphFile('big.yml', directory)).toThrow(
      'big.yml is 8.0 MiB; step graphs are limited to 8.0 MiB'
    )
  })
})
