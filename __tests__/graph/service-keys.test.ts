import { describe, expect, it } from 'vitest'
import { loadStepGraph } from '../../src/graph/load.js'
import { DEFAULT_READY_TIMEOUT_MINUTES } from '../../src/graph/spec.js'

async function problemsOf(text: string): Promise<string[]> {
  const result = await loadStepGraph({ text })
  if (result.ok) return []
  return result.problems.map(p => `${p.position.line}:${p.position.column}: ${p.message}`)
}

describe('service keys', () => {
  it('reads a service with every readiness condition and its timeout', async () => {
    const loaded = await loadStepGraph({
      text: [
        'db:',
        '  run: postgres',
        '  service: true',
        '  ready-when:',
        '    line: "ready to accept"',
        '    port: 5432',
        '    http: http://localhost:8080/health',
        '    run: pg_isready',
        '  ready-timeout-minutes: 2',
        'test: {run: x, needs: db}'
      ].join('\n')
    })
    if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
    expect(loaded.graph.steps[0]?.service).toEqual({
      readyWhen: {
        line: 'ready to accept',
        port: 5432,
        http: 'http://localhost:8080/health',
        run: 'pg_isready'
      },
      readyTimeoutMinutes: 2
    })
    expect(loaded.graph.steps[1]?.service).toBeUndefined()
  })

  it('gives a service without ready-when the default timeout', async () => {
    const loaded = await loadStepGraph({ text: 'db: {run: x, service: true}' })
    if (!loaded.ok) throw new Error('not ok')
    expect(loaded.graph.steps[0]?.service).toEqual({
      readyWhen: {},
      readyTimeoutMinutes: DEFAULT_READY_TIMEOUT_MINUTES
    })
    expect(DEFAULT_READY_TIMEOUT_MINUTES).toBe(5)
  })

  it.each([
    {
      name: 'ready-when on a step that is not a service',
      yaml: 'a:\n  run: x\n  ready-when: {port: 80}\n',
      expected: [
        '3:3: `ready-when` in step `a` is for a service only: add `service: true` (a step that keeps running while the steps that need it run), or remove it'
      ]
    },
    {
      name: 'timeout-minutes and retries on a service',
      yaml: 'a:\n  run: x\n  service: true\n  timeout-minutes: 5\n  retries: 2\n',
      expected: [
        '4:3: `timeout-minutes` in step `a`: a service runs as long as the steps that need it, and is stopped when they have finished; bound its start with `ready-timeout-minutes`, and give `timeout-minutes` to the steps that use it',
        '5:3: `retries` in step `a`: a service is not run again (the steps that need it may already have started against it); retry inside its `run` if its start is flaky'
      ]
    },
    {
      name: 'an unknown readiness key',
      yaml: 'a:\n  run: x\n  service: true\n  ready-when:\n    prot: 80\n',
      expected: [
        '5:5: `ready-when` of step `a` has an unknown key `prot`: it takes `line`, `port`, `http`, `run`; did you mean `port`?'
      ]
    },
    {
      name: 'a port out of range, a bad URL, a bad regular expression',
      yaml: 'a:\n  run: x\n  service: true\n  ready-when:\n    port: 70000\n    http: ftp://x\n    line: "("\n',
      expected: [
        '5:11: `ready-when.port` of step `a` must be a TCP port, 1 to 65535, got `70000`',
        '6:11: `ready-when.http` of step `a` must be an http:// or https:// URL, got `ftp://x`',
        '7:11: `ready-when.line` of step `a` is not a valid regular expression: Invalid regular expression: /(/: Unterminated group'
      ]
    },
    {
      name: 'a bad ready-timeout-minutes and service',
      yaml: 'a:\n  run: x\n  service: yes please\n  ready-timeout-minutes: 0\n',
      expected: [
        '3:12: `service` of step `a` must be `true` or `false`, got `yes please`',
        '4:3: `ready-timeout-minutes` in step `a` is for a service only: add `service: true` (a step that keeps running while the steps that need it run), or remove it'
      ]
    },
    {
      name: 'an empty ready-when',
      yaml: 'a:\n  run: x\n  service: true\n  ready-when: {}\n',
      expected: [
        '4:15: `ready-when` of step `a` is empty: give one or more of `line`, `port`, `http`, `run`, or leave it out (the service is then ready once started)'
      ]
    },
    {
      name: 'an expression in a readiness condition',
      yaml: 'a:\n  run: x\n  service: true\n  ready-when:\n    port: ${{ env.PORT }}\n',
      expected: [
        '5:11: `ready-when.port` of step `a` is not evaluated: `${{ }}` stays as written here; write the value itself, or check with `run:`, which has the service’s `env`'
      ]
    }
  ])('refuses $name with its position', async ({ yaml, expected }) => {
    expect(await problemsOf(yaml)).toEqual(expected)
  })

  it('suggests the key for what peers call a service', async () => {
    expect(await problemsOf('a:\n  run: x\n  background: true\n')).toEqual([
      '3:3: unknown key `background` in step `a`; did you mean `service`?'
    ])
  })
})
