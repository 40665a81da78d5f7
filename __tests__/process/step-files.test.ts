import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createStepFiles, readStepFiles, type StepFiles } from '../../src/process/step-files.js'

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
    writeFileSync(files.summary, `${BOM}# Title\n`)
    const contents = readStepFiles(files, 'a', 'linux')
    expect(contents.env.entries).toEqual([['NAME', 'välue']])
    expect(contents.outputs.entries).toEqual([['out', '1']])
    expect(contents.path).toEqual(['/opt/bin'])
    expect(contents.summary).toBe('# Title\n')
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
      summary: '',
      refused: []
    })
  })
})
