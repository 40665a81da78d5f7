import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadStepGraph } from '../../src/graph/load.js'
import { STEP_KEYS } from '../../src/graph/spec.js'
import { graphYaml, randomDag } from '../helpers/graphs.js'

/** Inputs per property: bounded in CI; `npm run fuzz` raises it. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400)
/**
 * Loads the text and checks the one promise: a valid graph, or problems each with a
 * line and column inside the text. Never an exception; a hang fails the test by its
 * timeout (no timed assertion: this machine is shared and noisy).
 */
async function check(text: string): Promise<void> {
  const result = await loadStepGraph({ text })
  if (result.ok) {
    expect(result.graph.steps.length).toBeGreaterThan(0)
    expect(result.graph.dag.size).toBe(result.graph.steps.length)
    for (const step of result.graph.steps) expect(step.run.trim()).not.toBe('')
    return
  }
  expect(result.problems.length).toBeGreaterThan(0)
  const lines = text.split(/\r\n|\r|\n/).length
  for (const problem of result.problems) {
    expect(problem.message).not.toBe('')
    expect(problem.position.line).toBeGreaterThanOrEqual(1)
    expect(problem.position.line).toBeLessThanOrEqual(lines + 1)
    expect(problem.position.column).toBeGreaterThanOrEqual(1)
  }
}

/** Pieces YAML and step graphs are made of, so random text is often nearly valid. */
const token = fc.constantFrom(
  ...STEP_KEYS,
  'include',
  'exclude',
  '[1, 2]',
  'id',
  'uses',
  ':',
  ': ',
  '- ',
  '\n',
  '\n  ',
  '\n    ',
  '  ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '|',
  '>',
  '&a ',
  '*a',
  '<<: ',
  '!!str ',
  '#',
  '---\n',
  '...',
  'a',
  'b',
  'build',
  'step-1',
  'true',
  'false',
  'success()',
  'failure()',
  '1',
  '-1',
  '0.5',
  '{0}',
  '\t',
  '\u0000',
  '\ufeff',
  '\\',
  '%',
  '${{ x }}',
  // Expressions: in `if`, and inside `${{ }}` in run, env, name and working-directory.
  '${{ ',
  ' }}',
  "'",
  'needs.a.outputs.x',
  'needs.b.result',
  'matrix.x',
  "fromJSON('",
  ' && ',
  ' || ',
  '!',
  '(',
  ')',
  'cancelled()',
  'secrets.t'
)

/** A valid graph, then random edits: insertions, deletions and replacements. */
const mutated = fc
  .record({ size: fc.integer({ min: 1, max: 12 }), seed: fc.integer() })
  .chain(({ size, seed }) => {
    const valid = graphYaml(randomDag(size, 2, seed, 5), v =>
      v % 3 === 0 ? 'echo "x: y"' : 'make'
    )
    return fc
      .array(
        fc.record({
          at: fc.nat(valid.length),
          remove: fc.nat(4),
          insert: fc.oneof(token, fc.string({ maxLength: 3 }))
        }),
        { minLength: 1, maxLength: 6 }
      )
      .map(edits =>
        edits.reduce(
          (text, e) => text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove),
          valid
        )
      )
  })

describe('fuzzing the step-graph language', () => {
  it('random token soup ends as a valid graph or positioned problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 60 }), async tokens => {
        await check(tokens.join(''))
      }),
      { numRuns: RUNS }
    )
  })

  it('arbitrary unicode text ends as a valid graph or positioned problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async text => {
        await check(text)
      }),
      { numRuns: RUNS }
    )
  })

  it('mutated valid graphs end as a valid graph or positioned problems', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async text => {
        await check(text)
      }),
      { numRuns: RUNS }
    )
  })

  it('deep nesting and long lines do not hang or overflow the stack', async () => {
    await check(`${'['.repeat(5000)}${']'.repeat(5000)}`)
    await check(`a:\n  run: ${'x'.repeat(1_000_000)}`)
    await check(`${'- '.repeat(2000)}run: x`)
    await check(
      Array.from({ length: 2000 }, (_, i) => `s${i}: {needs: [s${(i + 1) % 2000}], run: x}`).join(
        '\n'
      )
    )
  })
})
