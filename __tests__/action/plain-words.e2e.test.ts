import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { RunRecord } from '../../src/report/run-record.js'
import { runAction } from '../helpers/action.js'
import { tableText } from '../helpers/summary-text.js'

/**
 * Ids, output names and variable names that are also names of Object.prototype: each is
 * an ordinary name everywhere (a plain object keyed by them would lose `__proto__` and
 * read `constructor` as a function).
 */
const steps = `
__proto__:
  env:
    __proto__: declared
    constructor: declared too
  run: |
    echo "__proto__=p" >> $GITHUB_OUTPUT
    echo "constructor=c" >> $GITHUB_OUTPUT
    echo "own=$(printenv __proto__)|$(printenv constructor)" >> $GITHUB_OUTPUT
    echo "__proto__=exported" >> $GITHUB_ENV
    echo "hasOwnProperty=h" >> $GITHUB_ENV
constructor:
  needs: __proto__
  run: echo "seen=$(printenv __proto__)|$(printenv hasOwnProperty)|$(printenv toString)" >> $GITHUB_OUTPUT
  env:
    toString: t
toString:
  needs: constructor
  run: exit 3
hasOwnProperty:
  needs: toString
  if: failure()
  run: echo "valueOf=v" >> $GITHUB_OUTPUT
`

describe('ids and names such as __proto__ are ordinary names', () => {
  it('in results, the results-file, the summary and the environment', async () => {
    const run = await runAction({ steps })
    expect(run.exitCode).toBe(1)
    const results = JSON.parse(run.outputs.get('results') ?? '') as Record<
      string,
      { status: string; outputs: Record<string, string> }
    >
    expect(Object.keys(results)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
    expect(Object.entries(results).map(([id, step]) => [id, step.status])).toEqual([
      ['__proto__', 'success'],
      ['constructor', 'success'],
      ['toString', 'failure'],
      ['hasOwnProperty', 'success']
    ])
    // Read through a Map: on a plain object, `.constructor` would find Object's own.
    const byId = new Map(Object.entries(results))
    expect(Object.entries(byId.get('__proto__')?.outputs ?? {})).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['own', 'declared|declared too']
    ])
    expect(byId.get('constructor')?.outputs).toEqual({ seen: 'exported|h|t' })
    expect(byId.get('hasOwnProperty')?.outputs).toEqual({ valueOf: 'v' })
    expect(run.outputs.get('failed')).toBe('["toString"]')

    const record = JSON.parse(
      readFileSync(run.outputs.get('results-file') ?? '', 'utf8')
    ) as RunRecord
    expect(record.steps.map(step => step.id)).toEqual(Object.keys(results))

    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(tableText(run.summary)).toContain(`| \`${id}\` |`)
    expect(run.summary).toContain('#### ✗ `toString`: exit code 3')
    // Handed on to the job as after ordinary run: steps.
    expect(run.jobEnv).toMatch(/^__proto__<<ghadelimiter_[\w-]+\nexported\n/m)
    expect(run.jobEnv).toMatch(/^hasOwnProperty<<ghadelimiter_[\w-]+\nh\n/m)
  })
})
