import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, terminalCommand, Tmux } from '../helpers/cli.js'
import { processesMatching, uniqueSleep } from '../helpers/processes.js'
import { skipWithout } from '../helpers/skip-without.js'

/** Two steps that run until stopped, and one that needs the first: it never starts. */
function cancellable(sleep: string): string {
  return `long: {run: "${sleep}"}\nalso: {run: "${sleep}"}\nwaiting: {needs: long, run: "true"}`
}

/** The lines from the final table's header to the end. */
function fromTheTable(text: string): string[] {
  const lines = text.split('\n')
  return lines.slice(lines.findIndex(line => /^status +step +time/.test(line)))
}

describe('a cancelled run, in a pipe', () => {
  it('prints the stop first, then the table; started steps say for how long they ran; no speed-up', async () => {
    const sleep = uniqueSleep()
    let sent = false
    const run = await runCli(
      ['run', 'g.yml', '-j', '2', '--summary-file', 'summary.md'],
      { 'g.yml': cancellable(sleep) },
      child => {
        let seen = ''
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString()
          if (!sent && (seen.match(/ started in slot /g) ?? []).length === 2) {
            sent = true
            setTimeout(() => child.kill('SIGINT'), 300)
          }
        })
      }
    )
    expect(run.code).toBe(130)
    const stop = run.stdout.indexOf('stepgraph: SIGINT: stopping')
    const table = run.stdout.search(/^status +step +time/m)
    expect(stop).toBeGreaterThanOrEqual(0)
    expect(table).toBeGreaterThan(stop)
    // The log: the steps that ran say so, with how long; only the other "not started".
    expect(run.stdout).toMatch(/⊘ long: cancelled after \d[\d.]*m?s \(ended by SIGTERM\)\n/)
    expect(run.stdout).toContain('⊘ waiting cancelled: not started: the run was cancelled (SIGINT)')
    // The table, and nothing after it but the totals.
    const end = fromTheTable(run.stdout)
    expect(end.find(line => /^⊘ cancelled +long /.test(line))).toMatch(
      /cancelled after \d[\d.]*m?s \(ended by SIGTERM\)$/
    )
    expect(end.find(line => /^⊘ cancelled +waiting /.test(line))).toMatch(
      /not started: the run was cancelled \(SIGINT\)$/
    )
    expect(end.slice(-2)).toEqual([
      expect.stringMatching(
        /^3 steps: ⊘ 3 cancelled \(1 never started\) · .* of steps \(partial: the run was cancelled\)$/
      ),
      ''
    ])
    expect(run.stdout).not.toMatch(/× parallel/)
    const summary = readFileSync(path.join(run.directory, 'summary.md'), 'utf8')
    expect(summary).not.toMatch(/faster|×/)
    expect(summary).toContain('**Not started:** `waiting`')
    expect(processesMatching(sleep)).toEqual([])
  })
})

describe.skipIf(skipWithout('tmux'))('a cancelled run, on a terminal', () => {
  it('prints the stop and every step’s end before the final table, nothing after it', async () => {
    const sleep = uniqueSleep()
    const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-tty-'))
    writeFileSync(path.join(directory, 'g.yml'), cancellable(sleep))
    const tmux = new Tmux(terminalCommand(), directory)
    try {
      await tmux.waitFor(/\[2\] also/)
      tmux.keys('C-c')
      const screen = await tmux.waitFor(/EXIT=\d+/)
      expect(screen).toContain('EXIT=130')
      const lines = screen.split('\n')
      const table = lines.findIndex(line => /^status +step +time/.test(line))
      const before = lines.slice(0, table).join('\n')
      expect(before).toContain('stepgraph: SIGINT: stopping')
      expect(before).toMatch(/⊘ long: cancelled after \d/)
      expect(before).toContain('⊘ waiting cancelled: not started')
      // After the table: its rows and the totals, then the shell's EXIT line; nothing of the log.
      const after = lines.slice(table)
      const rest = after
        .slice(
          1,
          after.findIndex(line => line.startsWith('EXIT='))
        )
        .join('\n')
      expect(rest).toMatch(/^⊘ cancelled +long /)
      expect(rest).toMatch(/3 steps: ⊘ 3 cancelled \(1 never started\) · /)
      expect(rest).not.toMatch(/no output|started in slot|stopping|: cancelled after/)
      expect(processesMatching(sleep)).toEqual([])
    } finally {
      tmux.kill()
    }
  })
})
