import { describe, expect, it } from 'vitest'
import { performance } from 'node:perf_hooks'
import { commandLines, runAction } from '../helpers/action.js'
import { graphYaml, randomDag } from '../helpers/graphs.js'

const graph = `
lint: {run: npm run lint}
build: {run: make}
unit:
  needs: build
  run: make test
e2e:
  needs: [build, unit]
  name: End-to-end "tests"
  run: make e2e
`

describe('dry run through dist/index.js', () => {
  it('prints the plan, writes the Mermaid graph to the summary and succeeds', async () => {
    const run = await runAction({ steps: graph, 'dry-run': 'true', 'max-parallel': '3' })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('stepgraph dry run: 4 steps, 3 needs, 3 levels, max-parallel 3')
    expect(run.stdout).toContain('  1. lint, build\n  2. unit\n  3. e2e\n')
    expect(run.stdout).toContain('Critical path (3 steps): build -> unit -> e2e')
    expect(run.summary).toContain('```mermaid\nflowchart LR\n')
    expect(run.summary).toContain('s3["End-to-end #34;tests#34;"]')
    expect(run.summary).toContain('class s1,s2,s3 critical')
    expect(run.outputs.get('status')).toBe('success')
    expect(run.outputs.get('results')).toBe('{}')
    expect(run.outputs.get('failed')).toBe('[]')
  })

  it('reads the graph from steps-file', async () => {
    const run = await runAction(
      { 'steps-file': 'ci/steps.yml', 'dry-run': 'true' },
      { files: { 'ci/steps.yml': graph } }
    )
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('stepgraph dry run: 4 steps')
  })

  it('plans a 10,000-step, 30,000-edge graph without drawing it', async () => {
    const started = performance.now()
    const run = await runAction(
      { 'steps-file': 'big.yml', 'dry-run': 'true' },
      { files: { 'big.yml': graphYaml(randomDag(10_000, 3, 1)) } }
    )
    const elapsed = performance.now() - started
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('stepgraph dry run: 10,000 steps, 29,994 needs')
    expect(run.summary).toContain('too large to draw')
    expect(run.summary).not.toContain('```mermaid')
    // Generous: the figure itself is measured by the benchmarks, not asserted here.
    expect(elapsed).toBeLessThan(20_000)
  })
})

describe('an invalid graph through dist/index.js', () => {
  const broken =
    'build:\n  run: make\ntest:\n  neds: build\n  run: make test\nlint:\n  needs: [biuld]\n  run: x\n'

  it('fails with one error annotation per problem pointing into the steps file, running nothing', async () => {
    const run = await runAction(
      { 'steps-file': 'ci/steps.yml' },
      { files: { 'ci/steps.yml': broken + 'marker:\n  run: touch ran\n' } }
    )
    expect(run.exitCode).toBe(1)
    expect(commandLines(run.stdout, 'error')).toEqual([
      '::error title=stepgraph%3A invalid step graph,file=ci/steps.yml,line=4,col=3::unknown key `neds` in step `test`; did you mean `needs`?',
      '::error title=stepgraph%3A invalid step graph,file=ci/steps.yml,line=7,col=11::step `lint` needs `biuld`, which is not a step; did you mean `build`?',
      '::error::stepgraph: the step graph has 2 problems; nothing was run'
    ])
    expect(run.stdout).toContain(
      'stepgraph: the step graph (ci/steps.yml) has 2 problems; nothing was run:\n' +
        '  ci/steps.yml:4:3: unknown key `neds` in step `test`; did you mean `needs`?\n' +
        '  ci/steps.yml:7:11: step `lint` needs `biuld`, which is not a step; did you mean `build`?\n'
    )
    expect(run.outputs.size).toBe(0)
  })

  it('places problems of the steps input by line and column in the message', async () => {
    const run = await runAction({ steps: broken })
    expect(run.exitCode).toBe(1)
    expect(commandLines(run.stdout, 'error')[0]).toBe(
      '::error title=stepgraph%3A invalid step graph::steps:4:3: unknown key `neds` in step `test`; did you mean `needs`?'
    )
  })

  it('keeps within the annotation budget and says how many more are in the log', async () => {
    const many = Array.from({ length: 15 }, (_, i) => `s${i}: {run: x, retries: no}`).join('\n')
    const run = await runAction({ steps: many })
    expect(commandLines(run.stdout, 'error')).toHaveLength(10)
    expect(commandLines(run.stdout, 'notice')).toEqual([
      '::notice::6 more problems listed in the log'
    ])
    expect(run.stdout.match(/^ {2}steps:\d+:\d+: /gm)).toHaveLength(15)
  })
})

describe('bad inputs through dist/index.js', () => {
  it.each([
    [
      { steps: 'a: {run: x}', 'max-parallel': 'abc' },
      'Input `max-parallel`: expected a positive whole number or a percentage of the CPUs such as 50%, got "abc"'
    ],
    [
      { steps: 'a: {run: x}', 'max-parallel': '0' },
      'Input `max-parallel`: expected a positive whole number'
    ],
    [
      { steps: 'a: {run: x}', 'max-parallel': '150%' },
      'Input `max-parallel`: a percentage must be above 0% and at most 100% of the CPUs'
    ],
    [
      { steps: 'a: {run: x}', output: 'loud' },
      'Input `output`: expected grouped or stream, got "loud"'
    ],
    [
      { steps: 'a: {run: x}', 'fail-fast': 'yes' },
      'Input `fail-fast`: expected true or false, got "yes"'
    ],
    [
      { steps: 'a: {run: x}', shell: 'fish' },
      'Input `shell`: expected bash, sh, pwsh, powershell, cmd, python or a command template containing {0}, got "fish"'
    ],
    [
      { steps: 'a: {run: x}', 'steps-file': 'x.yml' },
      'Inputs `steps` and `steps-file` were both given: use one of them'
    ],
    [{}, 'Input `steps` or `steps-file` is required'],
    [{ 'steps-file': 'missing.yml' }, 'Input `steps-file`: missing.yml does not exist'],
    [
      { steps: 'a: {run: x}', 'working-directory': 'nowhere' },
      'Input `working-directory`: nowhere does not exist'
    ]
  ])('%j fails naming the input', async (inputs, message) => {
    const run = await runAction(inputs)
    expect(run.exitCode).toBe(1)
    const errors = commandLines(run.stdout, 'error').join('\n')
    expect(errors).toContain(message.replace(/%/g, '%25'))
    expect(errors).toContain('title=stepgraph%3A invalid input')
  })

  it('reports every bad input at once', async () => {
    const run = await runAction({
      steps: 'a: {run: x}',
      'max-parallel': '-1',
      output: 'x',
      'dry-run': 'maybe'
    })
    expect(commandLines(run.stdout, 'error')).toHaveLength(3)
  })
})
