import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ChildAnnotations } from '../../src/report/annotations.js'
import { LogRelay } from '../../src/report/log-relay.js'
import { graphOf, MemoryLog, outputOf, runReal } from '../helpers/processes.js'

describe('the log relay with real steps', () => {
  it('never mixes two steps printing without newlines into one line', async () => {
    const run = await runReal(
      [
        'a: {run: "printf aaaa; sleep 0.2; printf bbbb; sleep 0.2; printf cccc"}',
        'b: {run: "sleep 0.1; printf 1111; sleep 0.2; printf 2222"}'
      ].join('\n'),
      { maxParallel: 2, output: 'stream' }
    )
    expect(outputOf(run, 'a')).toEqual(['aaaabbbbcccc'])
    expect(outputOf(run, 'b')).toEqual(['11112222'])
  })

  // Lines of both pipes that arrive together go stderr first, as the runner handles them
  // (ProcessInvoker.ProcessOutput): the steps here leave time between them.
  it('keeps stdout and stderr lines whole and in the order they came', async () => {
    const run = await runReal(
      'a:\n  run: |\n    echo one\n    sleep 0.05\n    echo two >&2\n    sleep 0.05\n    printf "thr"\n    printf "ee\\n"\n    sleep 0.05\n    echo four >&2',
      { output: 'stream' }
    )
    expect(outputOf(run, 'a')).toEqual(['one', 'two', 'three', 'four'])
  })

  it('groups each step’s output and shows a failure outside any group', async () => {
    const run = await runReal(
      'ok: {run: "echo fine"}\nbad: {needs: ok, run: "echo broken; exit 4"}',
      {
        output: 'grouped'
      }
    )
    const transcript = run.log.transcript.join('')
    expect(transcript).toMatch(/::group::✓ ok · \d+ms\nfine\n::endgroup::\n/)
    const [red, reset] = ['\u001b[1;31m', '\u001b[0m']
    const failure = transcript.slice(transcript.indexOf(`${red}✗ bad`))
    expect(failure).toMatch(/^.{7}✗ bad: exit code 4 · \d+ms.{4}\nbroken\n/)
    expect(failure).toContain(`${reset}\nbroken\n${red}── end of bad ──${reset}`)
  })

  it('says when a step was skipped, and why', async () => {
    const run = await runReal('a: {run: "exit 1"}\nb: {needs: a, run: "true"}')
    expect(run.log.lines).toContain('[b] ↷ b skipped: needs `a`, which failed')
  })

  it('prints a progress line while nothing ends', async () => {
    const run = await runReal(
      'slow: {run: "sleep 0.6"}\nwaits: {needs: slow, run: "true"}',
      {},
      { progressEveryMs: 200 }
    )
    expect(
      run.log.lines.some(line =>
        /^⏳ running: slow \(\d+ms\) · waiting: 1 · done: 0 of 2$/.test(line)
      )
    ).toBe(true)
  })

  it('relays the step’s ::add-mask:: as a mask and drops the command line', async () => {
    const run = await runReal('a: {run: "echo ::add-mask::hunter2; echo the password is hunter2"}')
    expect(run.log.masks).toEqual(['hunter2'])
    expect(outputOf(run, 'a')).toEqual(['the password is hunter2'])
  })
})

describe('the log relay’s times', () => {
  /** A relay whose own clock reads far later than the scheduler's events. */
  async function relayWithLateClock(mode: 'stream' | 'grouped'): Promise<{
    relay: LogRelay
    log: MemoryLog
  }> {
    const graph = await graphOf('a: {run: x}')
    const log = new MemoryLog()
    const relay = new LogRelay({
      graph,
      mode,
      log,
      spillDirectory: mkdtempSync(path.join(tmpdir(), 'stepgraph-relay-')),
      annotations: new ChildAnnotations(),
      now: () => 1_000_000
    })
    return { relay, log }
  }
  const flow = { pause: () => undefined, resume: () => undefined }
  const placement = { step: 0, attempt: 1, slot: 1 }

  it.each(['stream', 'grouped'] as const)(
    'times an attempt by the scheduler’s events alone, never negative (%s)',
    async mode => {
      // A step that could not start ends in the round that started it: the relay's own
      // reading of the clock, taken when its output was set up, came after that round.
      const { relay, log } = await relayWithLateClock(mode)
      relay.outputFor(placement, flow).close()
      relay.observer.attemptStarted?.({ ...placement, at: 100, wallTime: 0 })
      relay.observer.attemptEnded?.({
        ...placement,
        at: 150,
        status: 'failure',
        exit: { exitCode: null, signal: null, error: 'the working directory /x does not exist' }
      })
      await log.flush()
      const text = log.transcript.join('')
      expect(text).toContain('✗ a: the working directory /x does not exist · 50ms')
      expect(text).not.toMatch(/· -/)
    }
  )

  it.each(['stream', 'grouped'] as const)(
    'says a cancelled attempt was cancelled, and after how long (%s)',
    async mode => {
      const { relay, log } = await relayWithLateClock(mode)
      relay.outputFor(placement, flow).close()
      relay.observer.attemptStarted?.({ ...placement, at: 1000, wallTime: 0 })
      relay.observer.attemptEnded?.({
        ...placement,
        at: 4200,
        status: 'cancelled',
        exit: { exitCode: null, signal: 'SIGTERM' }
      })
      await log.flush()
      expect(log.transcript.join('')).toContain('⊘ a: cancelled after 3.2s (ended by SIGTERM)\n')
    }
  )
})
