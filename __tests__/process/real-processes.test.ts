import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { outputOf, processesMatching, runReal, uniqueSleep } from '../helpers/processes.js'

describe('steps as real processes', () => {
  it('reports exit codes, and success only for exit 0', async () => {
    const run = await runReal(
      'ok: {run: "exit 0"}\nbad: {run: "exit 3"}\nhandled: {run: "false || true"}'
    )
    expect(run.statuses).toEqual({ ok: 'success', bad: 'failure', handled: 'success' })
    expect(run.result.results[1]?.attempts[0]?.exit).toEqual({ exitCode: 3, signal: null })
  })

  it('runs with the runner’s default shell: bash -e, without pipefail', async () => {
    const run = await runReal(
      'a:\n  run: |\n    false | true\n    echo "$0 $-"\n    false\n    echo never'
    )
    expect(run.statuses.a).toBe('failure')
    const [line] = outputOf(run, 'a')
    expect(line).toMatch(/script\.sh .*e/)
    expect(outputOf(run, 'a')).not.toContain('never')
  })

  it('runs shell: bash with pipefail, and sh, python and custom {0} templates', async () => {
    const run = await runReal(
      [
        'bash: {shell: bash, run: "false | true"}',
        'sh: {shell: sh, run: "echo from sh; exit 4"}',
        'custom: {shell: "node {0}", run: "console.log(\'from node\', process.argv[1].endsWith(\'script\'))"}',
        'template: {shell: "bash --noprofile --norc {0}", run: "false | true; echo $BASH_VERSION | cut -c1"}'
      ].join('\n')
    )
    expect(run.statuses).toEqual({
      bash: 'failure',
      sh: 'failure',
      custom: 'success',
      template: 'success'
    })
    expect(run.result.results[1]?.attempts[0]?.exit.exitCode).toBe(4)
    expect(outputOf(run, 'custom')).toEqual(['from node true'])
  })

  it('finds each step’s shell on its own PATH, GITHUB_PATH additions first', async () => {
    const run = await runReal(
      [
        'setup:',
        '  run: |',
        '    mkdir shims && printf \'#!/bin/sh\\necho "shim $(basename "$0"): $1"\\n\' > shims/bash',
        '    cp shims/bash shims/mytool && chmod +x shims/bash shims/mytool',
        '    echo "$PWD/shims" >> "$GITHUB_PATH"',
        'default: {needs: setup, run: "echo real"}',
        'named: {needs: setup, shell: bash, run: "echo real"}',
        'custom: {needs: setup, shell: "mytool {0}", run: "echo real"}',
        'before: {run: "echo real"}'
      ].join('\n'),
      { maxParallel: 1 }
    )
    expect(outputOf(run, 'default')).toEqual(['shim bash: -e'])
    expect(outputOf(run, 'named')).toEqual(['shim bash: --noprofile'])
    expect(outputOf(run, 'custom')).toEqual([expect.stringMatching(/^shim mytool: \/.*script$/)])
    expect(outputOf(run, 'before')).toEqual(['real'])
  })

  it('reports death by signal as such', async () => {
    const run = await runReal('killed: {run: "kill -9 $$"}\nsegv: {run: "kill -SEGV $$"}')
    expect(run.statuses).toEqual({ killed: 'failure', segv: 'failure' })
    expect(run.result.results[0]?.attempts[0]?.exit).toEqual({ exitCode: null, signal: 'SIGKILL' })
    expect(run.result.results[1]?.attempts[0]?.exit).toEqual({ exitCode: null, signal: 'SIGSEGV' })
  })

  it('times out a step and kills its grandchildren with it', async () => {
    const sleep = uniqueSleep()
    const run = await runReal(
      `slow:\n  timeout-minutes: 0.01\n  run: |\n    ${sleep} &\n    ${sleep}\n`
    )
    expect(run.statuses.slow).toBe('timed-out')
    expect(run.result.results[0]?.attempts[0]?.exit.signal).toBe('SIGTERM')
    expect(processesMatching(sleep)).toEqual([])
  })

  it('does not hang on a background job holding the pipes, and ends it', async () => {
    const sleep = uniqueSleep()
    const started = performance.now()
    const run = await runReal(`server:\n  run: |\n    ${sleep} &\n    echo started\n`)
    expect(run.statuses.server).toBe('success')
    expect(outputOf(run, 'server')).toEqual(['started'])
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(processesMatching(sleep)).toEqual([])
  })

  it('ends background jobs that closed their output too', async () => {
    const sleep = uniqueSleep()
    const run = await runReal(`quiet:\n  run: |\n    ${sleep} >/dev/null 2>&1 &\n    echo done\n`)
    expect(run.statuses.quiet).toBe('success')
    expect(processesMatching(sleep)).toEqual([])
  })

  it('gives steps a closed stdin: reads get end-of-file at once', async () => {
    const run = await runReal(
      'reader:\n  timeout-minutes: 0.2\n  run: |\n    if read -r line; then echo "read $line"; else echo eof; fi\n    cat\n    echo after'
    )
    expect(run.statuses.reader).toBe('success')
    expect(outputOf(run, 'reader')).toEqual(['eof', 'after'])
  })

  it('fails clearly when the shell is missing, without hanging', async () => {
    const run = await runReal(
      'a: {shell: "no-such-shell-xyz {0}", run: x}\nb: {needs: a, run: x}\nc: {run: "echo fine"}'
    )
    expect(run.statuses).toEqual({ a: 'failure', b: 'skipped', c: 'success' })
    expect(run.result.results[0]?.attempts[0]?.exit.error).toBe(
      'the shell `no-such-shell-xyz` was not found on PATH'
    )
  })

  it('fails clearly when the working directory is missing', async () => {
    const run = await runReal('a: {working-directory: nowhere, run: "echo hi"}')
    expect(run.statuses.a).toBe('failure')
    expect(run.result.results[0]?.attempts[0]?.exit.error).toMatch(
      /^the working directory .*nowhere does not exist$/
    )
  })

  it('runs a nonexistent command as the shell does: exit 127, stderr shown, others go on', async () => {
    const run = await runReal(
      'a: {run: "no-such-command-xyz"}\nb: {needs: a, run: x}\nc: {run: "echo fine"}'
    )
    expect(run.statuses).toEqual({ a: 'failure', b: 'skipped', c: 'success' })
    expect(run.result.results[0]?.attempts[0]?.exit.exitCode).toBe(127)
    expect(outputOf(run, 'a').join('\n')).toContain('no-such-command-xyz: command not found')
  })

  it('runs in the step’s working directory, relative to the run’s', async () => {
    const run = await runReal(
      'mk: {run: "mkdir -p sub/dir"}\nin: {needs: mk, working-directory: sub/dir, run: pwd}'
    )
    expect(outputOf(run, 'in')).toEqual([path.join(run.workingDirectory, 'sub/dir')])
  })

  it('gives each step its id, slot and attempt', async () => {
    const run = await runReal(
      'a:\n  retries: 1\n  run: |\n    echo "$STEPGRAPH_STEP_ID $STEPGRAPH_SLOT $STEPGRAPH_ATTEMPT"\n    [ "$STEPGRAPH_ATTEMPT" = 2 ]',
      { maxParallel: 1 }
    )
    expect(run.statuses.a).toBe('success')
    expect(outputOf(run, 'a')).toEqual(['a 1 1', 'a 1 2'])
    expect(run.result.results[0]?.attempts).toHaveLength(2)
  })

  it('reads outputs in both forms into the step’s results', async () => {
    const run = await runReal(
      'a:\n  run: |\n    echo "simple=1" >> "$GITHUB_OUTPUT"\n    printf "multi<<EOF\\nline 1\\nline 2\\nEOF\\n" >> "$GITHUB_OUTPUT"'
    )
    expect(Object.fromEntries(run.files[0]?.outputs.entries ?? [])).toEqual({
      simple: '1',
      multi: 'line 1\nline 2'
    })
  })

  it('fails a step whose GITHUB_OUTPUT is malformed, as the runner does', async () => {
    const run = await runReal('a: {run: "echo oops >> \\"$GITHUB_OUTPUT\\""}')
    expect(run.statuses.a).toBe('failure')
    expect(run.result.results[0]?.attempts[0]?.exit.error).toBe(
      "GITHUB_OUTPUT: Invalid format 'oops'"
    )
  })

  it('carries GITHUB_ENV and GITHUB_PATH to every step that depends on the writer', async () => {
    const run = await runReal(
      [
        'setup:',
        '  run: |',
        '    echo "FROM_SETUP=one" >> "$GITHUB_ENV"',
        '    mkdir -p bin && printf "#!/bin/sh\\necho tool ran\\n" > bin/mytool && chmod +x bin/mytool',
        '    echo "$PWD/bin" >> "$GITHUB_PATH"',
        'middle: {needs: setup, run: "echo \\"MIDDLE=$FROM_SETUP-two\\" >> \\"$GITHUB_ENV\\""}',
        'last: {needs: middle, run: "echo \\"$FROM_SETUP $MIDDLE\\"; mytool"}',
        'unrelated: {run: "echo \\"[${FROM_SETUP:-unset}]\\""}',
        'overridden: {needs: setup, env: {FROM_SETUP: mine}, run: "echo $FROM_SETUP"}'
      ].join('\n'),
      { maxParallel: 1 }
    )
    expect(outputOf(run, 'last')).toEqual(['one one-two', 'tool ran'])
    expect(outputOf(run, 'unrelated')).toEqual(['[unset]'])
    expect(outputOf(run, 'overridden')).toEqual(['mine'])
    expect([...run.exported.vars]).toEqual([
      ['FROM_SETUP', 'one'],
      ['MIDDLE', 'one-two']
    ])
    expect(run.exported.path).toEqual([path.join(run.workingDirectory, 'bin')])
  })

  it('passes GITHUB_ENV on through a skipped step to a step that runs always()', async () => {
    const run = await runReal(
      [
        'a: {run: "echo V=1 >> $GITHUB_ENV"}',
        'b: {needs: a, run: "exit 1"}',
        'c: {needs: b, run: "true"}',
        'd: {needs: c, if: always(), run: "echo [$V]"}'
      ].join('\n')
    )
    expect(run.statuses).toEqual({ a: 'success', b: 'failure', c: 'skipped', d: 'success' })
    expect(outputOf(run, 'd')).toEqual(['[1]'])
  })

  it('refuses NODE_OPTIONS from GITHUB_ENV as the runner does: not passed on, reported, the step not failed', async () => {
    const run = await runReal(
      [
        'a:',
        '  run: |',
        '    echo "node_options=--require=/tmp/x" >> "$GITHUB_ENV"',
        '    echo "KEPT=1" >> "$GITHUB_ENV"',
        'b:',
        '  needs: a',
        '  run: echo "[${node_options-unset}] [${NODE_OPTIONS-unset}] $KEPT"'
      ].join('\n')
    )
    expect(run.statuses).toEqual({ a: 'success', b: 'success' })
    const [line] = outputOf(run, 'b')
    expect(line).toMatch(/^\[unset\] \[.*\] 1$/)
    expect(line).not.toContain('/tmp/x')
    expect([...run.exported.vars]).toEqual([['KEPT', '1']])
    expect(run.files[0]?.refused).toEqual([
      {
        step: 'a',
        file: 'GITHUB_ENV',
        name: 'node_options',
        message: "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command."
      }
    ])
  })

  it('moves a directory added to GITHUB_PATH again to the front of PATH', async () => {
    // c, started beside b, adds /x again (its line ends with a lone CR) after b has
    // finished: d, which needs both, sees /x first, then b's /z, then a's /y; so does the job.
    const run = await runReal(
      [
        'a: {run: "echo /x >> $GITHUB_PATH; echo /y >> $GITHUB_PATH"}',
        // b after a: steps' additions reach PATH in the order the steps finished.
        'b: {needs: a, run: "echo /z >> $GITHUB_PATH; echo $$ > b.pid"}',
        'c:',
        '  needs: a',
        '  timeout-minutes: 0.5',
        '  run: |',
        // Until b's shell has exited (not only written its line), then time for stepgraph
        // to take in its end: a loaded machine may take a while to reap it.
        '    until [ -s b.pid ]; do sleep 0.01; done',
        '    while kill -0 "$(cat b.pid)" 2>/dev/null; do sleep 0.01; done; sleep 1',
        "    printf '/x\\r' >> $GITHUB_PATH",
        'd: {needs: [b, c], run: "echo $PATH | cut -d: -f1-3"}'
      ].join('\n'),
      { maxParallel: 3 }
    )
    expect(outputOf(run, 'd')).toEqual(['/x:/z:/y'])
    expect(run.exported.path).toEqual(['/y', '/z', '/x'])
  })

  it('lets the step that depends on another win a variable, and warns about unordered conflicts', async () => {
    const run = await runReal(
      [
        'a: {run: "echo V=a >> $GITHUB_ENV"}',
        'b: {needs: a, run: "echo V=b >> $GITHUB_ENV"}',
        'c: {needs: a, run: "true"}',
        'd: {needs: [c, b], run: "echo $V"}',
        'x: {run: "echo W=x >> $GITHUB_ENV"}',
        'y: {needs: x, run: "sleep 0.2; echo W=y >> $GITHUB_ENV"}',
        'z: {run: "sleep 0.1; echo W=z >> $GITHUB_ENV"}'
      ].join('\n'),
      { maxParallel: 4 }
    )
    expect(outputOf(run, 'd')).toEqual(['b'])
    expect(run.exported.vars.get('V')).toBe('b')
    expect(run.conflicts).toEqual([
      'W was set to different values by `x` and `z`, which do not depend on each other; the value from `z`, which finished later, was kept',
      'W was set to different values by `z` and `y`, which do not depend on each other; the value from `y`, which finished later, was kept'
    ])
    expect(run.exported.vars.get('W')).toBe('y')
  })

  it('keeps parallel writes to the command files apart', async () => {
    const writers = Array.from(
      { length: 8 },
      (_, i) =>
        `w${i}:\n  run: |\n    for n in $(seq 200); do echo "k$n=w${i}-$n" >> "$GITHUB_OUTPUT"; echo "V${i}_$n=$n" >> "$GITHUB_ENV"; done`
    ).join('\n')
    const run = await runReal(writers, { maxParallel: 8 })
    expect(Object.values(run.statuses)).toEqual(Array(8).fill('success'))
    run.files.forEach((files, i) => {
      const outputs = Object.fromEntries(files?.outputs.entries ?? [])
      expect(Object.keys(outputs)).toHaveLength(200)
      expect(outputs.k200).toBe(`w${i}-200`)
    })
    expect(run.exported.vars.size).toBe(1600)
  })

  it('cleans up its temp directory even when a step deletes its own files', async () => {
    const run = await runReal(
      'a: {run: "rm -f \\"$GITHUB_OUTPUT\\" \\"$GITHUB_ENV\\" \\"$0\\"; echo gone"}\nb: {needs: a, run: "echo after"}'
    )
    expect(run.statuses).toEqual({ a: 'success', b: 'success' })
    expect(outputOf(run, 'b')).toEqual(['after'])
  })

  it('runs many steps at once within the slot limit', async () => {
    const steps = Array.from(
      { length: 40 },
      (_, i) => `s${i}: {run: "echo $STEPGRAPH_SLOT >> slots.txt"}`
    ).join('\n')
    const run = await runReal(steps, { maxParallel: 3 })
    expect(Object.values(run.statuses).every(s => s === 'success')).toBe(true)
    const slots = new Set(
      readFileSync(path.join(run.workingDirectory, 'slots.txt'), 'utf8').trim().split('\n')
    )
    expect([...slots].sort()).toEqual(['1', '2', '3'])
    expect(existsSync(run.workingDirectory)).toBe(true)
    mkdirSync(path.join(run.workingDirectory, 'x'))
  })
})
