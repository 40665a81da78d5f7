import { describe, expect, it } from 'vitest'
import type { OutputSink } from '../../src/process/output-sink.js'
import { ProcessWorkers } from '../../src/process/process-workers.js'
import type { WorkerExit } from '../../src/scheduler/worker.js'
import { cleanUpTempDirectories, executable, tempDirectory } from '../helpers/files.js'
import { graphOf } from '../helpers/processes.js'

// Steps started by ProcessWorkers with the Windows rules injected, on Linux: the shell
// found on PATH through PATHEXT, the script written as on Windows, and the arguments
// passed as one verbatim command line. The "shells" are stand-ins that print what they
// were given; what Windows itself would do with the command line is not tested here.
cleanUpTempDirectories()

const PATHEXT = '.COM;.EXE;.BAT;.CMD'

/** A stand-in shell: prints its name, its arguments and the script file's text. */
function standIn(directory: string, name: string): void {
  executable(
    directory,
    name,
    `#!${process.execPath}
const fs = require('node:fs')
const args = process.argv.slice(2)
const script = /(\\/[^'"]+\\.(?:ps1|cmd))/.exec(args.join(' '))?.[1]
const bytes = script === undefined ? Buffer.alloc(0) : fs.readFileSync(script)
console.log(JSON.stringify({
  program: require('node:path').basename(process.argv[1]),
  args,
  script: bytes.toString('utf8'),
  bom: bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))
}))
`
  )
}

interface StepRun {
  readonly exit: WorkerExit
  readonly stdout: string
}

/** Runs each step of `yaml` in turn with the win32 platform, from a PATH of `bin` only. */
async function runOnWindowsRules(yaml: string, bin: string): Promise<Record<string, StepRun>> {
  const graph = await graphOf(yaml)
  const baseEnv = { PATH: bin, PATHEXT, ComSpec: 'C:\\Windows\\cmd-from-comspec.exe' }
  const output = new Map<number, Buffer[]>()
  const workers = new ProcessWorkers({
    graph,
    defaultShell: undefined,
    workingDirectory: tempDirectory(),
    controlDirectories: { disk: tempDirectory() },
    baseEnv,
    platform: { os: 'win32', env: baseEnv },
    outputFor: placement => {
      const chunks: Buffer[] = []
      output.set(placement.step, chunks)
      const sink: OutputSink = {
        write: (_stream, chunk) => chunks.push(chunk),
        note: () => undefined,
        close: () => undefined
      }
      return sink
    },
    wake: () => undefined
  })
  const runs: Record<string, StepRun> = {}
  for (const [step, spec] of graph.steps.entries()) {
    const worker = workers.start({ step, slot: 1, attempt: 1 })
    let exit: WorkerExit | undefined
    while ((exit = worker.poll(performance.now())) === undefined) {
      await new Promise(resolve => setTimeout(resolve, 10))
    }
    runs[spec.id] = { exit, stdout: Buffer.concat(output.get(step) ?? []).toString('utf8') }
  }
  await workers.reaper.settle()
  return runs
}

function printed(run: StepRun | undefined): Record<string, unknown> {
  return JSON.parse(run?.stdout ?? '') as Record<string, unknown>
}

describe('steps on the Windows rules (platform injected, run on Linux)', () => {
  it('runs the default shell and cmd as the runner starts them on Windows', async () => {
    const bin = tempDirectory()
    standIn(bin, 'powershell.EXE')
    standIn(bin, 'cmd.EXE')
    const runs = await runOnWindowsRules(
      [
        'ps:\n  run: |\n    Write-Output one\n    Write-Output two',
        'batch:\n  shell: cmd\n  run: |\n    echo one\n    echo two',
        'py: {shell: python, run: "print(1)"}'
      ].join('\n'),
      bin
    )
    // No pwsh on PATH: powershell, found through PATHEXT; one verbatim argument string.
    expect(runs.ps?.exit).toEqual({ exitCode: 0, signal: null })
    expect(printed(runs.ps)).toEqual({
      program: 'powershell.EXE',
      args: [expect.stringMatching(/^-command "\. '\/.*\/ps\.1\.script\.ps1'"$/)],
      script:
        "$ErrorActionPreference = 'stop'\r\nWrite-Output one\r\nWrite-Output two\r\n\r\n" +
        'if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }',
      bom: false
    })
    // cmd is found on PATH, not taken from %ComSpec%.
    expect(printed(runs.batch)).toEqual({
      program: 'cmd.EXE',
      args: [
        expect.stringMatching(/^\/D \/E:ON \/V:OFF \/S \/C "CALL "\/.*\/batch\.1\.script\.cmd""$/)
      ],
      script: '@echo off\r\necho one\r\necho two\r\n',
      bom: false
    })
    expect(runs.py?.exit).toEqual({
      exitCode: null,
      signal: null,
      error: 'the shell `python` was not found on PATH'
    })
  })

  it('prefers pwsh to powershell, and fails when neither is on PATH', async () => {
    const bin = tempDirectory()
    standIn(bin, 'powershell.EXE')
    standIn(bin, 'pwsh.EXE')
    const found = await runOnWindowsRules('a: {run: "Write-Output 1"}', bin)
    expect(printed(found.a).program).toBe('pwsh.EXE')
    const missing = await runOnWindowsRules('a: {run: "Write-Output 1"}', tempDirectory())
    expect(missing.a?.exit.error).toBe('the shell `powershell` was not found on PATH')
  })
})
