import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandLines, repositoryRoot, runAction } from '../helpers/action.js'

const cli = path.join(repositoryRoot, 'dist/cli/index.js')

/** `node dist/cli/index.js ARGS` in `directory`: its exit code and stderr. */
function runCli(
  args: readonly string[],
  directory: string
): { code: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: directory,
    encoding: 'utf8',
    timeout: 60_000
  })
  return { code: run.status, stderr: run.stderr }
}

function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), 'stepgraph-bounds-'))
}

describe('absurd slot counts are refused at once', () => {
  it.each(['1000000000', String(2 ** 53 - 1)])(
    'max-parallel %s: the action fails naming the input, and the CLI naming the flag',
    async count => {
      const run = await runAction({ steps: 'a: {run: echo ran}', 'max-parallel': count })
      expect(run.exitCode).toBe(1)
      expect(commandLines(run.stdout, 'error').join('\n')).toContain(
        `Input \`max-parallel\`: expected at most 100000 slots (more processes than one machine runs at once), got "${count}"`
      )
      expect(run.stdout).not.toContain('ran')

      const directory = scratch()
      writeFileSync(path.join(directory, 'steps.yml'), 'a: {run: echo ran}\n')
      const cliRun = runCli(['run', 'steps.yml', '-j', count], directory)
      expect(cliRun.code).toBe(2)
      expect(cliRun.stderr).toContain(`stepgraph: --max-parallel: expected at most 100000 slots`)
    }
  )
})

describe('a steps file must be an ordinary file', () => {
  const fifo = path.join(scratch(), 'fifo.yml')
  execFileSync('mkfifo', [fifo])
  it.each([
    [fifo, `${fifo} is a named pipe (FIFO), not a file`],
    ['/dev/zero', '/dev/zero is a character device, not a file'],
    ['/proc/self/pagemap', '/proc/self/pagemap is a file of /proc, not a step graph'],
    ['/proc/kmsg', '/proc/kmsg is a file of /proc, not a step graph']
  ])('%s: a clear error at once, from the action and the CLI', async (file, message) => {
    const run = await runAction({ 'steps-file': file })
    expect(run.exitCode).toBe(1)
    expect(commandLines(run.stdout, 'error').join('\n')).toContain(
      `Input \`steps-file\`: ${message}`
    )

    const cliRun = runCli(['run', file], scratch())
    expect(cliRun.code).toBe(2)
    expect(cliRun.stderr).toBe(`stepgraph: ${message}\n`)
  })

  it.skipIf(process.getuid?.() !== 0)(
    'reads no more than the limit of a file whatever its size says (a /proc file mounted elsewhere)',
    () => {
      // Bound over an ordinary path, the shell's /proc/PID/pagemap (the shell then becomes
      // node, keeping its PID) says 0 bytes and reads as gigabytes: only the bound on the
      // read itself stops it.
      const directory = scratch()
      const file = path.join(directory, 'steps.yml')
      writeFileSync(file, '')
      const run = spawnSync(
        'unshare',
        [
          '-m',
          'sh',
          '-c',
          `mount --bind /proc/$$/pagemap "$1" && exec "$2" "$3" run "$1"`,
          'sh',
          file,
          process.execPath,
          cli
        ],
        { cwd: directory, encoding: 'utf8', timeout: 60_000 }
      )
      // It says 0 bytes and holds more: refused, or stopped by the kernel's refusal of a
      // read that is not a multiple of 8 bytes; either way at once, at most 8 MiB read.
      expect(run.stderr).toMatch(
        /^stepgraph: steps.yml (changed while it was read, or is not an ordinary file \(it said 0 bytes\)|cannot be read: EINVAL: invalid argument, read)\n$/
      )
      expect(run.status).toBe(2)
    }
  )
})

describe('a NUL in a step is a graph problem before anything runs', () => {
  it('an env value, a name and a script with a NUL: positioned problems, shown escaped, nothing run', async () => {
    const steps = [
      'first: {run: touch ran}',
      'second:',
      '  run: touch ran',
      '  env:',
      '    A: "x\\0y"',
      '    "B\\0": z',
      'third: {run: "echo \\0", name: "Third\\0"}'
    ].join('\n')
    const run = await runAction({ steps })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).not.toContain('\0')
    expect(run.stdout).toContain('the step graph (input `steps`) has 4 problems; nothing was run')
    expect(run.stdout).toContain(
      'steps:5:8: `A` in `env` of step `second` contains a NUL character (no process can be given one)'
    )
    expect(run.stdout).toContain(
      'steps:6:5: `env` of step `second` has a variable name with a NUL character (no process can be given one)'
    )
    expect(run.stdout).toContain('steps:7:14: `run` of step `third` contains a NUL character')
    expect(run.stdout).toContain('steps:7:31: `name` of step `third` contains a NUL character')
    expect(existsSync(path.join(run.workspace, 'ran'))).toBe(false)
  })
})
