import { describe, expect, it } from 'vitest'
import {
  EnvironmentBuilder,
  isRunnerSet,
  runnerSetValues,
  runStepEnvironment
} from '../../src/process/step-environment.js'

/** What spawn passes to the child: every key, inherited ones included, but undefined. */
function spawned(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key in env) {
    const value = env[key]
    if (value !== undefined) out[key] = value
  }
  return out
}

describe('the environment of a run: step', () => {
  it('leaves out what the runner gives only to actions, in any letter case', () => {
    const env = runStepEnvironment({
      ACTIONS_RUNTIME_TOKEN: 't',
      actions_cache_url: 'u',
      INPUT_STEPS: 's',
      Input_Other: 'o',
      GITHUB_ACTION_REPOSITORY: 'r',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'kept',
      HOME: '/home'
    })
    expect(env).toEqual({ ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'kept', HOME: '/home' })
  })

  it("knows the runner's GITHUB_* and RUNNER_* context names, and only those", () => {
    expect(
      ['GITHUB_SHA', 'github_env', 'RUNNER_TEMP', 'GITHUB_STEP_SUMMARY'].every(isRunnerSet)
    ).toBe(true)
    expect(['GITHUB_TOKEN', 'RUNNER_TRACKING_ID', 'MY_VAR'].some(isRunnerSet)).toBe(false)
    expect([...runnerSetValues({ GITHUB_SHA: 'x', GITHUB_ACTION_REF: 'v1', HOME: 'h' })]).toEqual([
      ['GITHUB_SHA', 'x']
    ])
  })
})

describe('EnvironmentBuilder', () => {
  it('where names ignore case, one spelling reaches the child: the last one set', () => {
    const base = { Path: 'C:\\bin', TEMP: 'C:\\temp', HOME: 'h' }
    const step = new EnvironmentBuilder(base, EnvironmentBuilder.spellingOf(base))
    step.set('temp', 'D:\\tmp')
    step.set('PATH', 'D:\\tools')
    expect(step.get('path')).toBe('D:\\tools')
    expect(spawned(step.env)).toEqual({ PATH: 'D:\\tools', temp: 'D:\\tmp', HOME: 'h' })
  })

  it('where names keep their case, spellings are different variables', () => {
    const base = { PATH: '/bin' }
    const step = new EnvironmentBuilder(base, undefined)
    step.set('Path', 'other')
    expect(spawned(step.env)).toEqual({ PATH: '/bin', Path: 'other' })
  })
})
