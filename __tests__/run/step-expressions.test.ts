import { describe, expect, it } from 'vitest'
import { compileGraphExpressions } from '../../src/graph/expressions.js'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import { readStepTree, type ParsedStep } from '../../src/graph/parse.js'
import type { StepSpec } from '../../src/graph/spec.js'
import { positionedTree } from '../../src/graph/yaml-positions.js'
import type { OutputSink } from '../../src/process/output-sink.js'
import { ProcessWorkers } from '../../src/process/process-workers.js'
import type { NeedState } from '../../src/scheduler/policy.js'
import type { StepStatus } from '../../src/scheduler/results.js'
import type { WorkerExit } from '../../src/scheduler/worker.js'
import type { FinishedSteps } from '../../src/run/needs-context.js'
import { expressionEvaluation } from '../../src/run/step-expressions.js'
import { stepStart } from '../../src/run/step-start.js'
import { cleanUpTempDirectories, tempDirectory } from '../helpers/files.js'

cleanUpTempDirectories()

async function graphOf(text: string): Promise<StepGraph> {
  const loaded = await loadStepGraph({ text, file: 'graph.yml' })
  if (!loaded.ok) throw new Error(loaded.problems.map(p => p.message).join('\n'))
  return loaded.graph
}

/** Finished steps as a test states them: status and outputs by step index. */
function finished(
  statuses: Record<number, StepStatus>,
  outputs: Record<number, [string, string][]> = {}
): FinishedSteps {
  return { status: step => statuses[step], outputs: step => outputs[step] ?? [] }
}

function envOf(values: Record<string, string>): NodeJS.ProcessEnv {
  return Object.assign(Object.create(null) as NodeJS.ProcessEnv, values)
}

function need(graph: StepGraph, id: string, verdict: NeedState['verdict']): NeedState {
  const step = graph.indexOf.get(id) ?? -1
  const status = verdict === 'succeeded' ? 'success' : verdict === 'failed' ? 'failure' : 'skipped'
  return { step, id, verdict, status, ...(verdict === 'failed' && { rootFailure: step }) }
}

describe('the expressions of a step, when it is ready', () => {
  it('reads needs named like Object.prototype’s keys, and STEPGRAPH_NEEDS is toJSON(needs)', async () => {
    const graph = await graphOf(`
__proto__:
  run: x
constructor:
  run: x
use:
  needs: [__proto__, constructor]
  if: needs.__proto__.outputs.constructor == 'a' && needs.constructor.result == 'success'
  run: |
    \${{ needs.constructor.outputs.__proto__ }}
    \${{ toJSON(needs) }}
    \${{ toJSON(fromJSON('{"__proto__": 1, "constructor": 2}')) }}
`)
    const start = await stepStart(
      graph,
      finished(
        { 0: 'success', 1: 'success' },
        { 0: [['constructor', 'a']], 1: [['__proto__', 'b']] }
      ),
      () => envOf({}),
      {}
    )
    const needs = [need(graph, '__proto__', 'succeeded'), need(graph, 'constructor', 'succeeded')]
    expect(start.conditions?.decide(2, needs, false)).toEqual({ run: true })
    const expanded = start.starter.expand(2, envOf({})) as StepSpec
    const json = start.starter.needsJson(2)
    expect(JSON.parse(json)).toEqual(
      JSON.parse(
        '{"__proto__":{"result":"success","outputs":{"constructor":"a"}},"constructor":{"result":"success","outputs":{"__proto__":"b"}}}'
      )
    )
    expect(expanded.run).toBe(
      `b\n${json}\n${JSON.stringify(JSON.parse('{"__proto__": 1, "constructor": 2}'), null, 2)}\n`
    )
    // What is reported about the step from then on shows what it ran with.
    expect(graph.steps[2]?.run).toBe(expanded.run)
  })

  it('env: the environment it starts from, its own env over it in run; github and runner from the runner', async () => {
    const graph = await graphOf(`
a:
  if: env.FROM_NEED == 'exported' && github.sha == 'abc' && runner.os == 'Linux' && github.output == ''
  env:
    OWN: own \${{ env.FROM_NEED }} \${{ env.OWN }}
  name: \${{ env.OWN }}
  run: echo "\${{ env.OWN }} \${{ github.ref }}"
`)
    const start = await stepStart(
      graph,
      finished({}),
      () => envOf({ FROM_NEED: 'exported', OWN: 'job' }),
      {
        GITHUB_SHA: 'abc',
        GITHUB_REF: 'refs/heads/main',
        RUNNER_OS: 'Linux',
        GITHUB_OUTPUT: '/x',
        OTHER: 'y'
      }
    )
    expect(start.conditions?.decide(0, [], false)).toEqual({ run: true })
    expect(start.starter.expand(0, envOf({ FROM_NEED: 'exported', OWN: 'job' }))).toMatchObject({
      env: new Map([['OWN', 'own exported job']]),
      name: 'own exported job',
      run: 'echo "own exported job refs/heads/main"'
    })
  })

  it('an `if` without status functions is `success() && (...)`; with them it is as written', async () => {
    const graph = await graphOf(`
build: {run: x}
plain:
  needs: build
  if: needs.build.outputs.deploy == 'true'
  run: x
written:
  needs: build
  if: always() && needs.build.result == 'failure'
  run: x
`)
    const start = await stepStart(graph, finished({ 0: 'failure' }), () => envOf({}), {})
    const failed = [need(graph, 'build', 'failed')]
    expect(start.conditions?.decide(1, failed, false)).toEqual({
      run: false,
      reason: 'needs `build`, which failed',
      because: 0
    })
    expect(start.conditions?.decide(2, failed, false)).toEqual({ run: true })
    const withOutputs = await stepStart(
      graph,
      finished({ 0: 'success' }, { 0: [['deploy', 'no']] }),
      () => envOf({}),
      {}
    )
    expect(withOutputs.conditions?.decide(1, [need(graph, 'build', 'succeeded')], false)).toEqual({
      run: false,
      reason: "`if: needs.build.outputs.deploy == 'true'` is false"
    })
  })

  it('evaluates each step once: a retry runs what the first attempt ran', async () => {
    const graph = await graphOf('a: {run: "echo ${{ env.N }}"}')
    const start = await stepStart(graph, finished({}), () => envOf({}), {})
    expect(start.starter.expand(0, envOf({ N: '1' }))).toMatchObject({ run: 'echo 1' })
    expect(start.starter.expand(0, envOf({ N: '2' }))).toMatchObject({ run: 'echo 1' })
  })

  it('an output holding `${{ }}` is text: it is never evaluated', async () => {
    const graph = await graphOf('a: {run: x}\nb: {needs: a, run: "echo ${{ needs.a.outputs.x }}"}')
    const start = await stepStart(
      graph,
      finished({ 0: 'success' }, { 0: [['x', '${{ github.sha }}']] }),
      () => envOf({}),
      { GITHUB_SHA: 'abc' }
    )
    expect(start.starter.expand(1, envOf({}))).toMatchObject({ run: 'echo ${{ github.sha }}' })
  })

  it('a value that cannot be evaluated, or gives a NUL, keeps the step from starting', async () => {
    const graph = await graphOf(
      'a: {env: {J: "${{ fromJSON(\'[\') }}"}, run: x}\nb: {run: "echo ${{ fromJSON(\'\\"\\\\u0000\\"\') }}"}'
    )
    const start = await stepStart(graph, finished({}), () => envOf({}), {})
    expect(start.starter.expand(0, envOf({}))).toEqual({
      error: expect.stringMatching(
        /^could not evaluate `\$\{\{ \}\}` in `J` in `env`: fromJSON: /
      ) as string
    })
    expect(start.starter.expand(1, envOf({}))).toEqual({
      error:
        'could not evaluate `${{ }}` in `run`: it gives a NUL character (no process can be given one)'
    })
  })

  it('a matrix instance reads its values as `matrix`, and gets them as STEPGRAPH_MATRIX', async () => {
    const [written] = readStepTree(
      positionedTree(
        'test:\n  run: echo "${{ matrix.node }} ${{ matrix.os.name }}"; printf %s "$STEPGRAPH_MATRIX"\n'
      )
    ).steps as [ParsedStep]
    const matrix = { node: 20, os: { name: 'linux' } }
    const parsed: ParsedStep = { ...written, spec: { ...written.spec, matrix } }
    const expressions = compileGraphExpressions([parsed], { inline: false }, [])
    const loaded = await graphOf('test: {run: x}')
    const graph: StepGraph = { ...loaded, steps: [parsed.spec], expressions }
    const started: StepSpec[] = []
    const { templates } = expressionEvaluation(graph, {
      finished: finished({}),
      runnerSet: new Map(),
      startingEnvironment: () => envOf({}),
      started: (_, spec) => started.push(spec)
    })
    const output: Buffer[] = []
    const sink: OutputSink = {
      write: (_, chunk) => output.push(chunk),
      note: () => undefined,
      close: () => undefined
    }
    const workers = new ProcessWorkers({
      graph,
      defaultShell: 'bash',
      workingDirectory: tempDirectory(),
      controlDirectories: { disk: tempDirectory() },
      baseEnv: process.env,
      outputFor: () => sink,
      wake: () => undefined,
      starter: { expand: (step, env) => templates.expand(step, env), needsJson: () => '{}' }
    })
    const worker = workers.start({ step: 0, slot: 1, attempt: 1 })
    let exit: WorkerExit | undefined
    while ((exit = worker.poll(performance.now())) === undefined)
      await new Promise(resolve => setTimeout(resolve, 10))
    await workers.reaper.settle()
    expect(exit.exitCode).toBe(0)
    expect(Buffer.concat(output).toString()).toBe(`20 linux\n${JSON.stringify(matrix, null, 2)}`)
    expect(started).toHaveLength(1)
  })
})
