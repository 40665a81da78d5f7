import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../helpers/action.js'
import { emulateRunner } from '../helpers/runner-emulator.js'
import { processesMatching, uniqueSleep } from '../helpers/processes.js'
import { tableText } from '../helpers/summary-text.js'

/**
 * Runs the action on `graph` and sends it `signal` once `started` steps have started (or
 * never, without a signal).
 */
async function runAndSignal(
  inputs: Readonly<Record<string, string>>,
  started: number,
  signal?: NodeJS.Signals
): Promise<ActionRun> {
  return runAction(inputs, {
    onSpawn: (child: ChildProcess) => {
      if (!signal) return
      let seen = ''
      let sent = false
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString()
        if (!sent && (seen.match(/ started in slot /g) ?? []).length === started) {
          sent = true
          setTimeout(() => child.kill(signal), 300)
        }
      })
    }
  })
}

describe('reports that tell the truth', () => {
  it('a cancelled run: started steps say for how long they ran, only the others "not started", no speed-up', async () => {
    const sleep = uniqueSleep()
    const run = await runAndSignal(
      {
        steps: `long: {run: "${sleep}"}\nalso: {run: "${sleep}"}\nwaiting: {needs: long, run: "true"}`,
        'max-parallel': '2'
      },
      2,
      'SIGTERM'
    )
    expect(run.outputs.get('status')).toBe('cancelled')
    // The log: each step that ran says it was cancelled, and after how long.
    expect(run.stdout).toMatch(/⊘ long: cancelled after \d[\d.]*m?s \(ended by SIGTERM\)/)
    expect(run.stdout).toMatch(/⊘ also: cancelled after \d[\d.]*m?s \(ended by SIGTERM\)/)
    expect(run.stdout).toContain(
      '⊘ waiting cancelled: not started: the run was cancelled (SIGTERM)'
    )
    expect(run.stdout).not.toMatch(/(long|also)[^\n]*not started/)
    // The summary: the headline claims no speed-up; the table and the list tell them apart.
    expect(run.summary).toContain('## stepgraph: ⊘ 3 cancelled (1 never started)')
    expect(run.summary).not.toMatch(/faster|×/)
    expect(run.summary).toContain('the times above are partial')
    expect(run.summary).toMatch(/\*\*Cancelled while running:\*\* `long` after \d/)
    expect(run.summary).toContain(
      '**Not started:** `waiting` (the run was cancelled \\(SIGTERM\\))'
    )
    // In the table, the status alone (the list above says how each ended).
    expect(tableText(run.summary)).toMatch(/\| ⊘ cancelled \| `long` \| — \| \+\d/)
    expect(tableText(run.summary)).toContain('| ⊘ not started | `waiting` | `long` | — |')
    expect(run.summary).not.toMatch(/`(long|also)`[^\n]*not started/)
    expect(processesMatching(sleep)).toEqual([])
  })

  it('a run that fail-fast stopped claims no speed-up either', async () => {
    const sleep = uniqueSleep()
    const run = await runAndSignal(
      {
        steps: `slow: {run: "${sleep}"}\nother: {run: "${sleep}"}\nbad: {run: "sleep 0.5; exit 3"}`,
        'max-parallel': '3',
        'fail-fast': 'true'
      },
      3
    )
    expect(run.outputs.get('status')).toBe('failure')
    expect(run.stdout).toMatch(/⊘ slow: cancelled after \d/)
    expect(run.summary).not.toMatch(/faster|×/)
    expect(run.summary).toContain(
      '**Steps were cancelled** (fail-fast cancelled the rest of the run): the times above are partial.'
    )
  })

  it('names a wait for a slot on the critical path, where more slots would have helped', async () => {
    // One slot: whichever of the two runs second waits for the first to leave the slot.
    const run = await runAction({
      steps: 'a: {run: "sleep 0.3"}\nb: {run: "sleep 0.3"}',
      'max-parallel': '1'
    })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toMatch(
      /\*\*Critical path\*\*: what set the [\d.]+m?s of wall-clock time, from the start: `[ab]` ⇢ `[ab]` \(\*\*waited \d[\d.]*m?s\*\* for slot 1\)/
    )
    expect(run.summary).toMatch(/\| \*\*⇢\u00a0\d[\d.]*m?s\*\* \| 1 \| 1 \|/)
    expect(run.summary).toMatch(/ {2}section Slot waits\n {2}⇢ [ab] waits :\d+, \d+\n```/)
  })

  it('shows a step’s own ::error once: its annotation, and as the log shows it in the summary', async () => {
    const run = await runAction({
      steps: 't: {run: "echo one; echo \'::error file=a.ts,line=3::Bad type\'; echo two; exit 2"}'
    })
    expect(run.exitCode).toBe(1)
    // The annotations as the runner makes them from the log: the step's own, once, and
    // stepgraph's about the failure, whose last lines leave it out.
    const errors = emulateRunner(run.stdout)
      .annotations.filter(annotation => annotation.name === 'error')
      .map(annotation => annotation.data)
    expect(errors.filter(message => message.includes('Bad type'))).toEqual(['Bad type'])
    expect(errors).toContain('exit code 2. Last lines:\none\ntwo')
    expect(run.summary).toContain(
      'Last 3 lines of output:\n\n<pre>one\nError a.ts:3: Bad type\ntwo</pre>'
    )
  })

  it('never shows a negative duration, even for steps that could not start', async () => {
    // Steps that fail to start end in the round that started them.
    const run = await runAction({
      steps: Array.from(
        { length: 4 },
        (_, i) => `s${i}: {run: "true", working-directory: missing-${i}}`
      ).join('\n'),
      'max-parallel': '4'
    })
    expect(run.stdout).toMatch(/✗ s0: the working directory \S+ does not exist · \d+ms/)
    expect(run.stdout).not.toMatch(/· -\d/)
    expect(run.summary).not.toMatch(/\| [+]?-\d/)
    expect(run.summary).not.toMatch(/ -\d+(ms|\.\d+s)/)
  })
})
