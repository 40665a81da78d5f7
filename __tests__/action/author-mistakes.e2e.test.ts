import { describe, expect, it } from 'vitest'
import { commandLines, runAction } from '../helpers/action.js'
import { AUTHOR_MISTAKES } from '../helpers/author-mistakes.js'
import { runCli } from '../helpers/cli.js'

/** `3:1: message` as the action's error annotation for a steps file. */
function annotation(file: string, problem: string): string {
  const [, line, column, message] = /^(\d+):(\d+): (.*)$/.exec(problem) ?? []
  return `::error title=stepgraph%3A invalid step graph,file=${file},line=${line},col=${column}::${message}`
}

function problems(n: number): string {
  return n === 1 ? '1 problem' : `${n} problems`
}

// Every mistake of the table, through the bundle: nothing runs, each problem is reported
// once at its line and column, and the count reads as English.
describe('mistakes a workflow author makes, through dist/index.js', () => {
  it.each(AUTHOR_MISTAKES)('$name', async ({ yaml, expected }) => {
    const run = await runAction(
      { 'steps-file': 'ci/steps.yml' },
      { files: { 'ci/steps.yml': yaml } }
    )
    expect(run.exitCode).toBe(1)
    expect(commandLines(run.stdout, 'error')).toEqual([
      ...expected.map(problem => annotation('ci/steps.yml', problem)),
      `::error::stepgraph: the step graph has ${problems(expected.length)}; nothing was run`
    ])
    expect(run.stdout).toContain(
      `stepgraph: the step graph (ci/steps.yml) has ${problems(expected.length)}; nothing was run:\n` +
        expected.map(problem => `  ci/steps.yml:${problem}\n`).join('')
    )
  })
})

describe('mistakes a workflow author makes, through dist/cli/index.js', () => {
  it.each(AUTHOR_MISTAKES)('$name', async ({ yaml, expected }) => {
    const run = await runCli(['run', 'g.yml'], { 'g.yml': yaml })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      expected.map(problem => `g.yml:${problem}\n`).join('') +
        `stepgraph: g.yml has ${problems(expected.length)}; nothing was run\n`
    )
  })
})
