import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import { selectSteps } from '../../src/graph/select.js'

async function graphOf(text: string, file?: string): Promise<StepGraph> {
  const result = await loadStepGraph({ text, ...(file !== undefined && { file }) })
  if (!result.ok) throw new Error(result.problems.map(p => p.message).join('\n'))
  return result.graph
}

const text = `
lint: {run: x}
build: {run: x}
unit: {needs: build, run: x}
e2e: {needs: [unit, build], run: x}
docs: {name: Build docs, run: x}
`

describe('selecting steps by id, with what they need', () => {
  it('keeps the targets and every step they need, directly or not, in declaration order', async () => {
    const selection = selectSteps(await graphOf(text), ['e2e'])
    if (!selection.ok) throw new Error('refused')
    const { graph } = selection
    expect(graph.steps.map(step => step.id)).toEqual(['build', 'unit', 'e2e'])
    // Edges renumbered to the kept steps: build -> unit, build -> e2e, unit -> e2e.
    expect(graph.dag.predecessors).toEqual([[], [0], [1, 0]])
    expect(graph.dag.edgeCount).toBe(3)
    expect(graph.indexOf.get('e2e')).toBe(2)
  })

  it('leaves out the steps that need a target, and unrelated ones', async () => {
    const selection = selectSteps(await graphOf(text), ['build', 'docs'])
    expect(selection.ok && selection.graph.steps.map(step => step.id)).toEqual(['build', 'docs'])
  })

  it('returns the graph itself when every step is selected', async () => {
    const graph = await graphOf(text)
    const selection = selectSteps(graph, ['lint', 'e2e', 'docs'])
    expect(selection.ok && selection.graph).toBe(graph)
  })

  it('refuses unknown ids, each with what it likely meant', async () => {
    const selection = selectSteps(await graphOf(text, 'ci/steps.yml'), [
      'unit',
      'biuld',
      'Build docs',
      'nothing-close'
    ])
    expect(selection).toEqual({
      ok: false,
      problems: [
        'no step `biuld` in ci/steps.yml; did you mean `build`?',
        'no step `Build docs` in ci/steps.yml: it is the name of step `docs`; give its id',
        'no step `nothing-close` in ci/steps.yml'
      ]
    })
  })
})
