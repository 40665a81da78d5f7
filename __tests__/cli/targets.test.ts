import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from '../../src/cli/args.js'
import { runCli } from '../helpers/cli.js'

/** Each step leaves a file named after itself, so that what ran can be seen afterwards. */
const graph = `
lint: {run: touch lint.ran}
build: {run: touch build.ran}
unit: {needs: build, run: touch unit.ran}
e2e: {needs: [build, unit], run: touch e2e.ran}
docs: {name: Build docs, run: touch docs.ran}
`
const files = { 'g.yml': graph }

function ran(directory: string): string[] {
  return ['lint', 'build', 'unit', 'e2e', 'docs'].filter(id =>
    existsSync(path.join(directory, `${id}.ran`))
  )
}

describe('stepgraph run FILE ID...', () => {
  it('reads the ids after FILE, for run and graph', () => {
    expect(parseCliArgs(['run', 'g.yml', 'unit', 'docs', '-j', '2'], 4)).toMatchObject({
      kind: 'run',
      file: 'g.yml',
      targets: ['unit', 'docs']
    })
    expect(parseCliArgs(['graph', 'g.yml', 'e2e'], 4)).toMatchObject({ targets: ['e2e'] })
  })

  it('runs those steps and what they need, nothing else', async () => {
    const run = await runCli(['run', 'g.yml', 'unit', '--results-file', 'r.json'], files)
    expect(run.code).toBe(0)
    expect(ran(run.directory)).toEqual(['build', 'unit'])
    expect(run.stdout.split('\n')[0]).toBe('stepgraph: unit with what it needs: 2 steps of 5')
    expect(run.stdout).toContain('2 steps: ✓ 2 success')
    const record = JSON.parse(readFileSync(path.join(run.directory, 'r.json'), 'utf8')) as {
      steps: { id: string }[]
    }
    expect(record.steps.map(step => step.id)).toEqual(['build', 'unit'])
  })

  it('runs several targets, each with what it needs', async () => {
    const run = await runCli(['run', 'g.yml', 'e2e', 'docs'], files)
    expect(run.code).toBe(0)
    expect(ran(run.directory)).toEqual(['build', 'unit', 'e2e', 'docs'])
    expect(run.stdout.split('\n')[0]).toBe('stepgraph: e2e, docs with what they need: 4 steps of 5')
  })

  it('plans only the selection in a dry run, and draws only it', async () => {
    const dry = await runCli(['run', 'g.yml', 'e2e', '--dry-run'], files)
    expect(dry.code).toBe(0)
    expect(ran(dry.directory)).toEqual([])
    expect(dry.stdout).toContain(
      'stepgraph: e2e with what it needs: 3 steps of 5\n' +
        'stepgraph dry run: 3 steps, 3 needs, 3 levels'
    )
    const drawn = await runCli(['graph', 'g.yml', 'unit'], files)
    expect(drawn.stdout).toBe(
      'flowchart LR\n  s0["build"]\n  s1["unit"]\n  s0 --> s1\n  classDef critical stroke:#d1242f,stroke-width:3px\n  class s0,s1 critical\n'
    )
  })

  it('refuses an unknown id with exit 2 and a did-you-mean, running nothing', async () => {
    const run = await runCli(['run', 'g.yml', 'unit', 'biuld', 'Build docs'], files)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      'stepgraph: no step `biuld` in g.yml; did you mean `build`?\n' +
        'stepgraph: no step `Build docs` in g.yml: it is the name of step `docs`; give its id\n'
    )
    expect(ran(run.directory)).toEqual([])
    const drawn = await runCli(['graph', 'g.yml', 'tset'], files)
    expect(drawn.code).toBe(2)
    expect(drawn.stderr).toBe('stepgraph: no step `tset` in g.yml\n')
  })
})
