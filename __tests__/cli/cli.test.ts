import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCliArgs, UsageError } from '../../src/cli/args.js'
import { repositoryRoot } from '../helpers/action.js'
import { runCli, terminalCommand, Tmux } from '../helpers/cli.js'
import { processesMatching, uniqueSleep } from '../helpers/processes.js'
import { skipWithout } from '../helpers/skip-without.js'

describe('argument parsing', () => {
  it('reads run flags, short and long', () => {
    expect(
      parseCliArgs(['run', 'g.yml', '-j', '3', '--fail-fast', '--output', 'stream', '-C', 'sub'], 4)
    ).toEqual({
      kind: 'run',
      file: 'g.yml',
      targets: [],
      flags: {
        maxParallel: 3,
        failFast: true,
        dryRun: false,
        output: 'stream',
        workingDirectory: 'sub'
      }
    })
    expect(
      parseCliArgs(['run', 'g.yml', '--max-parallel=50%', '--dry-run', '--summary-file', 's.md'], 4)
    ).toMatchObject({
      flags: { maxParallel: 2, dryRun: true, summaryFile: 's.md' }
    })
    expect(parseCliArgs(['graph', 'g.yml', '--format', 'dot'], 4)).toEqual({
      kind: 'graph',
      file: 'g.yml',
      targets: [],
      format: 'dot'
    })
    expect(parseCliArgs(['--version'], 4)).toEqual({ kind: 'version' })
    expect(parseCliArgs(['run', 'x', '-h'], 4)).toEqual({ kind: 'help' })
  })

  it.each([
    [[], 'a command is required: run, graph or merge'],
    [['build'], "unknown command 'build': use run, graph or merge"],
    [['run'], 'run needs a FILE'],
    [['run', 'a.yml', '--bogus'], "Unknown option '--bogus'"],
    [['run', 'a.yml', '-j'], "Option '-j, --max-parallel <value>' argument missing"],
    [['run', 'a.yml', '-j', '0'], '--max-parallel: expected a positive whole number'],
    [['run', 'a.yml', '--output', 'loud'], '--output: expected grouped or stream, got "loud"'],
    [['run', 'a.yml', '--shell', 'fish'], '--shell: expected bash, sh'],
    [['run', 'a.yml', '--format', 'dot'], '--format is an option of graph, not of run'],
    [['graph', 'a.yml', '--fail-fast'], '--fail-fast is an option of run, not of graph'],
    [['graph', 'a.yml', '--format', 'svg'], '--format: expected mermaid or dot, got "svg"']
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseCliArgs(args, 4)).toThrow(UsageError)
    expect(() => parseCliArgs(args, 4)).toThrow(message)
  })
})

describe('stepgraph (not on a terminal)', () => {
  const graph =
    'a: {run: "echo from a"}\nb: {needs: a, run: "printf \'\\\\033[31mred\\\\033[0m\\\\n\'"}\n'

  it('exits 0 on success with plain lines, no escape sequences, and a final table', async () => {
    const run = await runCli(['run', 'g.yml'], { 'g.yml': graph })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('▶ a started in slot 1')
    expect(run.stdout).toContain('from a')
    expect(run.stdout).toContain('red\n')
    expect(run.stdout).toMatch(/✓ success {2}b {2}/)
    expect(run.stdout).toContain('2 steps: ✓ 2 success')
    expect(run.stdout).not.toContain('\u001b')
  })

  it('exits 1 when a step fails, with the failure in view at the end', async () => {
    const run = await runCli(['run', 'g.yml'], {
      'g.yml': 'bad: {run: "echo oh no >&2; exit 3"}\nok: {run: "true"}'
    })
    expect(run.code).toBe(1)
    expect(run.stdout.trimEnd().split('\n').slice(-2)).toEqual(['✗ bad: exit code 3', '  oh no'])
  })

  it('exits 2 for a bad flag, a missing file and an invalid graph, saying why on stderr', async () => {
    const flag = await runCli(['run', 'g.yml', '--nope'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain("stepgraph: Unknown option '--nope'")
    const missing = await runCli(['run', 'missing.yml'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe('stepgraph: missing.yml does not exist\n')
    const invalid = await runCli(['run', 'g.yml'], { 'g.yml': 'a: {neds: b, run: x}\n' })
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toContain(
      'g.yml:1:5: unknown key `neds` in step `a`; did you mean `needs`?'
    )
  })

  it('exits 130 when interrupted, ending every process and writing the summary', async () => {
    const sleep = uniqueSleep()
    const run = await runCli(
      ['run', 'g.yml', '--summary-file', 'summary.md'],
      { 'g.yml': `long: {run: "${sleep}"}` },
      child => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('started in slot'))
            setTimeout(() => child.kill('SIGINT'), 200)
        })
      }
    )
    expect(run.code).toBe(130)
    expect(run.stdout).toContain('SIGINT: stopping')
    expect(run.stdout).toContain('⊘ cancelled')
    expect(readFileSync(path.join(run.directory, 'summary.md'), 'utf8')).toContain(
      '**The run was cancelled**'
    )
    expect(processesMatching(sleep)).toEqual([])
  })

  it('writes the same Markdown summary as the action with --summary-file', async () => {
    const run = await runCli(['run', 'g.yml', '--summary-file', 'out/../summary.md'], {
      'g.yml': 'a: {run: "echo \'## from a\' >> $GITHUB_STEP_SUMMARY"}'
    })
    const summary = readFileSync(path.join(run.directory, 'summary.md'), 'utf8')
    expect(summary).toMatch(/^## stepgraph: ✓ 1 succeeded\n/)
    expect(summary).toContain('### Steps')
    expect(summary).toContain('```mermaid\ngantt')
    expect(summary).toContain('### From `a`\n\n## from a')
  })

  it('plans without running with --dry-run', async () => {
    const run = await runCli(['run', 'g.yml', '--dry-run', '-j', '1'], {
      'g.yml': 'a: {run: "touch ran"}'
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('stepgraph dry run: 1 step, 0 needs, 1 level, max-parallel 1')
    expect(() => readFileSync(path.join(run.directory, 'ran'))).toThrow()
  })

  it('prints the graph as Mermaid or DOT', async () => {
    const files = { 'g.yml': 'a: {run: x}\nb: {needs: a, run: x}' }
    const mermaid = await runCli(['graph', 'g.yml'], files)
    expect(mermaid.stdout).toBe(
      'flowchart LR\n  s0["a"]\n  s1["b"]\n  s0 --> s1\n  classDef critical stroke:#d1242f,stroke-width:3px\n  class s0,s1 critical\n'
    )
    const dot = await runCli(['graph', 'g.yml', '--format', 'dot'], files)
    expect(dot.stdout).toContain('"a" -> "b";')
  })

  it('answers --help and --version', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('stepgraph run FILE [ID...] [options]')
    const version = await runCli(['--version'])
    const packageVersion = (
      JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
        version: string
      }
    ).version
    expect(version.stdout).toBe(`${packageVersion}\n`)
  })
})

describe.skipIf(skipWithout('tmux'))('stepgraph on a terminal', () => {
  function session(graph: string, env = ''): { tmux: Tmux; directory: string } {
    const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-tty-'))
    writeFileSync(path.join(directory, 'g.yml'), graph)
    return { tmux: new Tmux(terminalCommand(env), directory), directory }
  }

  it('redraws live progress in place, then shows the final table', async () => {
    const { tmux } = session(
      'slow: {run: "sleep 1.5"}\nquick: {run: "sleep 0.3"}\nafter: {needs: quick, run: "true"}'
    )
    try {
      // The first frame may come before any step has started: wait for one with a step.
      const live = await tmux.waitFor(/\[\d\] slow \d+(ms|\.\ds)/)
      expect(live).toMatch(/[1-3] running · \d\/3 done/)
      const end = await tmux.waitFor(/EXIT=\d+/)
      expect(end).toContain('EXIT=0')
      expect(end).toMatch(/✓ success {2}slow/)
      // The live lines are gone once the run ends: redrawn in place, never left behind.
      expect(end).not.toMatch(/running · \d\/3 done/)
    } finally {
      tmux.kill()
    }
  })

  it('stops on Ctrl-C: steps signalled, summary written, exit 130; a second Ctrl-C kills at once', async () => {
    const sleep = uniqueSleep()
    const { tmux, directory } = session(
      `stubborn:\n  run: |\n    trap '' TERM INT\n    while true; do ${sleep}; done\n`
    )
    try {
      await tmux.waitFor(/\[1\] stubborn/)
      tmux.keys('C-c')
      await tmux.waitFor(/press Ctrl-C again to kill at once/)
      const started = Date.now()
      tmux.keys('C-c')
      const end = await tmux.waitFor(/EXIT=\d+/)
      expect(Date.now() - started).toBeLessThan(2000)
      expect(end).toContain('EXIT=130')
      expect(end).toContain('⊘ cancelled')
      expect(readFileSync(path.join(directory, 'summary.md'), 'utf8')).toContain(
        '**The run was cancelled**'
      )
      expect(processesMatching(sleep)).toEqual([])
    } finally {
      tmux.kill()
    }
  })

  it('uses colour on a terminal, and none with NO_COLOR', async () => {
    const graph = 'a: {run: "true"}'
    const coloured = session(graph)
    const plain = session(graph, 'NO_COLOR=1')
    try {
      await coloured.tmux.waitFor(/EXIT=0/)
      await plain.tmux.waitFor(/EXIT=0/)
      expect(coloured.tmux.screen(true)).toContain('\u001b[32m')
      const escapes = plain.tmux.screen(true)
      for (const colour of ['\u001b[31m', '\u001b[32m', '\u001b[33m'])
        expect(escapes).not.toContain(colour)
    } finally {
      coloured.tmux.kill()
      plain.tmux.kill()
    }
  })
})

describe('packaging', () => {
  it('installs from a package as a `stepgraph` command, with nothing else to fetch', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-pack-'))
    const [tarball] = execFileSync('npm', ['pack', '--silent', '--pack-destination', directory], {
      cwd: repositoryRoot,
      encoding: 'utf8'
    })
      .trim()
      .split('\n')
      .slice(-1)
    execFileSync(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', path.join(directory, tarball ?? '')],
      {
        cwd: directory,
        stdio: 'ignore'
      }
    )
    const version = execFileSync(
      path.join(directory, 'node_modules/.bin/stepgraph'),
      ['--version'],
      {
        encoding: 'utf8'
      }
    )
    expect(version).toMatch(/^\d+\.\d+\.\d+\n$/)
  }, 120_000)
})
