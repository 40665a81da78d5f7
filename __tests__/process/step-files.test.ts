import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  COMMAND_FILE_LIMIT,
  commandFilesError,
  createStepFiles,
  readStepFiles,
  type StepFiles
} from '../../src/process/step-files.js'

const BOM = '\uFEFF'

describe('readStepFiles: what the runner’s FileCommandManager would make of a step’s files', () => {
  let directory: string
  let files: StepFiles
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-step-files-'))
    files = createStepFiles(directory, 'a.1', '.sh', 'true')
  })
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true })
  })

  it('reads every file past a byte-order mark, whatever the encoding it announces', () => {
    // PowerShell 5's `>>` / Out-File writes UTF-16 LE with a BOM.
    writeFileSync(files.env, Buffer.from(`${BOM}NAME=välue\n`, 'utf16le'))
    writeFileSync(files.output, `${BOM}out=1\n`)
    writeFileSync(files.path, `${BOM}/opt/bin\n`)
    const contents = readStepFiles(files, 'a', 'linux')
    expect(contents.env.entries).toEqual([['NAME', 'välue']])
    expect(contents.outputs.entries).toEqual([['out', '1']])
    expect(contents.path).toEqual(['/opt/bin'])
  })

  it('reads GITHUB_PATH as ReadAllLines on every OS: CR, LF and CRLF end a line, empty lines skipped', () => {
    writeFileSync(files.path, '/a\r\n\r\n/b\r/c\n\n/d')
    for (const platform of ['linux', 'win32'] as const)
      expect(readStepFiles(files, 'a', platform).path).toEqual(['/a', '/b', '/c', '/d'])
  })

  it('splits GITHUB_ENV and GITHUB_OUTPUT lines by the platform’s rule', () => {
    writeFileSync(files.env, 'A=1\r\n')
    writeFileSync(files.output, 'B<<EOF\r\nx\r\ny\r\nEOF\r\n')
    const linux = readStepFiles(files, 'a', 'linux')
    expect(linux.env.entries).toEqual([['A', '1\r']])
    expect(linux.outputs.entries).toEqual([['B', 'x\r\ny\r']])
    const windows = readStepFiles(files, 'a', 'win32')
    expect(windows.env.entries).toEqual([['A', '1']])
    expect(windows.outputs.entries).toEqual([['B', 'x\r\ny']])
  })

  it('refuses NODE_OPTIONS in GITHUB_ENV, naming the step, without an error', () => {
    writeFileSync(files.env, 'A=1\nnode_options=--require=/tmp/x\nNODE_OPTIONS<<EOF\nx\nEOF\n')
    writeFileSync(files.output, 'NODE_OPTIONS=kept\n')
    const contents = readStepFiles(files, 'a', 'linux')
    expect(contents.env).toEqual({ entries: [['A', '1']] })
    expect(contents.outputs.entries).toEqual([['NODE_OPTIONS', 'kept']])
    const message = "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command."
    expect(contents.refused).toEqual([
      { step: 'a', file: 'GITHUB_ENV', name: 'node_options', message },
      { step: 'a', file: 'GITHUB_ENV', name: 'NODE_OPTIONS', message }
    ])
  })

  it('reads files the step deleted as empty', () => {
    for (const file of [files.env, files.output, files.path, files.summary]) unlinkSync(file)
    expect(readStepFiles(files, 'a', 'linux')).toEqual({
      outputs: { entries: [] },
      env: { entries: [] },
      path: [],
      refused: []
    })
  })

  it('reads no more than 1 MiB of a command file: a larger one fails the step, unused', () => {
    writeFileSync(files.output, `big=${'x'.repeat(COMMAND_FILE_LIMIT)}\n`)
    writeFileSync(files.env, 'A=1\n')
    const contents = readStepFiles(files, 'a', 'linux')
    expect(contents.outputs.entries).toEqual([])
    expect(contents.env.entries).toEqual([['A', '1']])
    expect(commandFilesError(contents)).toBe(
      'GITHUB_OUTPUT: the file is 1,048,581 bytes, more than the 1 MiB (1,048,576 bytes) stepgraph reads of a command file; stepgraph did not use it'
    )
  })

  it('never waits on a FIFO nor reads a device put in place of a command file', () => {
    unlinkSync(files.output)
    execFileSync('mkfifo', [files.output])
    unlinkSync(files.env)
    symlinkSync('/dev/zero', files.env)
    unlinkSync(files.path)
    symlinkSync('/proc/self/pagemap', files.path)
    const contents = readStepFiles(files, 'a', 'linux')
    expect(contents.outputs.error).toBe(
      'the file is a named pipe (FIFO), not a file; stepgraph did not use it'
    )
    expect(contents.env.error).toBe(
      'the file is a character device, not a file; stepgraph did not use it'
    )
    // A /proc file says it is empty and reads as gigabytes: 1 MiB of it at most.
    expect(contents.pathError).toMatch(
      /^the file (is 1,048,576 bytes, more than|could not be read)/
    )
    expect(commandFilesError(contents)).toMatch(/^GITHUB_OUTPUT: the file is a named pipe/)
  })

  it('stops GITHUB_ENV and GITHUB_PATH at a NUL, which no process can be given', () => {
    writeFileSync(files.env, 'A=1\nB=x\0y\nC=3\n')
    writeFileSync(files.path, '/a\n/b\0c\n/d\n')
    const contents = readStepFiles(files, 'a', 'linux')
    expect(contents.env).toEqual({
      entries: [['A', '1']],
      error:
        'the value of B (entry 2) holds a NUL character, which no process can be given; nothing from there on was used'
    })
    expect(contents.path).toEqual(['/a'])
    expect(contents.pathError).toBe(
      'a directory (entry 2) holds a NUL character, which no process can be given; nothing from there on was used'
    )
  })
})
