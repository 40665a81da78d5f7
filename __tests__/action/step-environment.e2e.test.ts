import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandLines, runAction } from '../helpers/action.js'
import { emulateRunner } from '../helpers/runner-emulator.js'

/**
 * A step sees what a `run:` step sees (actions/runner: NodeScriptActionHandler gives
 * actions more than ScriptHandler gives scripts; GitHubContext and RunnerContext values
 * are set for every step over its env), and cannot redirect the job's files.
 */
describe("a step's environment is a run: step's", () => {
  const actionOnly = {
    ACTIONS_RUNTIME_TOKEN: 'runtime-token',
    ACTIONS_RUNTIME_URL: 'https://runtime.invalid/',
    ACTIONS_CACHE_URL: 'https://cache.invalid/',
    ACTIONS_RESULTS_URL: 'https://results.invalid/',
    ACTIONS_CACHE_SERVICE_V2: 'True',
    ACTIONS_CACHE_MODE: 'read-write',
    GITHUB_ACTION_REPOSITORY: 'owner/stepgraph',
    GITHUB_ACTION_REF: 'v1'
  }
  const forEveryStep = {
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.invalid/',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'id-token',
    GITHUB_SHA: 'real-sha',
    RUNNER_OS: 'Linux',
    GITHUB_STATE: '/the/actions/own/state',
    MY_JOB_VARIABLE: 'job'
  }

  it('without what only actions get, with what every step gets', async () => {
    const run = await runAction(
      { steps: 'dump: {run: "env > ../step-env"}' },
      { env: { ...actionOnly, ...forEveryStep } }
    )
    expect(run.exitCode).toBe(0)
    const seen = new Map(
      readFileSync(path.join(run.workspace, '../step-env'), 'utf8')
        .split('\n')
        .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
    )
    for (const name of Object.keys(actionOnly)) expect(seen.has(name), name).toBe(false)
    expect([...seen.keys()].filter(name => name.startsWith('INPUT_'))).toEqual([])
    for (const name of [
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'GITHUB_SHA',
      'RUNNER_OS',
      'MY_JOB_VARIABLE'
    ])
      expect(seen.get(name), name).toBe(forEveryStep[name as keyof typeof forEveryStep])
    // Its own state file, as the runner gives every step, never the action's.
    expect(seen.get('GITHUB_STATE')).toMatch(/github_state$/)
  })

  it('GITHUB_* and RUNNER_* the runner sets cannot be changed by env or GITHUB_ENV', async () => {
    const run = await runAction(
      {
        steps: String.raw`
first:
  env: { GITHUB_SHA: from-env, RUNNER_OS: from-env }
  run: |
    echo "first: $GITHUB_SHA $RUNNER_OS"
    echo "GITHUB_SHA=exported" >> "$GITHUB_ENV"
    echo "GITHUB_OUTPUT=/tmp/redirected-output" >> "$GITHUB_ENV"
    echo "MINE=kept" >> "$GITHUB_ENV"
second:
  needs: first
  run: |
    echo "second: $GITHUB_SHA $MINE $GITHUB_OUTPUT"
`
      },
      { env: forEveryStep }
    )
    expect(run.stdout).toContain('first: real-sha Linux')
    expect(run.stdout).toMatch(/second: real-sha kept \S+github_output/)
  })
})

describe("a step's shell", () => {
  it("is looked up on the runner's PATH, whatever PATH the step's env sets", async () => {
    const run = await runAction({
      steps: 'a: {env: {PATH: /nonexistent}, run: "echo hi from $PATH"}'
    })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('hi from /nonexistent')
  })
})

describe("the job's own files", () => {
  it('a step exporting GITHUB_ENV, GITHUB_PATH or GITHUB_OUTPUT redirects nothing', async () => {
    const decoy = path.join('/tmp', `stepgraph-decoy-${process.pid}`)
    writeFileSync(decoy, '')
    const run = await runAction({
      steps: String.raw`
a:
  run: |
    for name in GITHUB_ENV GITHUB_PATH GITHUB_OUTPUT GITHUB_STEP_SUMMARY github_env; do
      echo "$name=${decoy}" >> "$GITHUB_ENV"
    done
    echo "AFTER=1" >> "$GITHUB_ENV"
    echo "/opt/tool" >> "$GITHUB_PATH"
`
    })
    expect(run.exitCode).toBe(0)
    expect(readFileSync(decoy, 'utf8')).toBe('')
    expect(run.jobEnv).toContain('AFTER<<')
    expect(run.jobEnv).not.toMatch(/^GITHUB_(ENV|PATH|OUTPUT|STEP_SUMMARY)<</m)
    expect(run.jobPath).toBe('/opt/tool\n')
    expect(run.outputs.get('status')).toBe('success')
    expect(run.summary).toContain('a')
  })

  it('NODE_OPTIONS in GITHUB_ENV, in any case, is refused with the runner\u2019s error', async () => {
    const run = await runAction({
      steps: String.raw`
a:
  run: |
    echo "node_options=--require=/tmp/evil.js" >> "$GITHUB_ENV"
    echo "NODE_OPTIONS=--inspect" >> "$GITHUB_ENV"
b:
  needs: a
  run: echo "b sees [$NODE_OPTIONS] [$node_options]"
`
    })
    // The runner reports it and does not fail the step.
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('b sees [] []')
    expect(run.jobEnv.toUpperCase()).not.toContain('NODE_OPTIONS')
    const errors = emulateRunner(run.stdout).annotations.filter(a => a.name === 'error')
    expect(errors.map(a => a.data)).toEqual([
      "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.",
      "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command."
    ])
    expect(commandLines(run.stdout, 'error')).toHaveLength(2)
  })
})
