import { describe, expect, it } from 'vitest'
import { compileGraphExpressions } from '../../src/graph/expressions.js'
import { loadStepGraph } from '../../src/graph/load.js'
import { readStepTree, type ParsedStep } from '../../src/graph/parse.js'
import { sourceOffset } from '../../src/graph/scalar-offsets.js'
import type { Problem } from '../../src/graph/source.js'
import { positionedTree } from '../../src/graph/yaml-positions.js'

/** Every problem of a steps file as `line:column: message`. */
async function problemsOf(text: string, file: string | null = 'graph.yml'): Promise<string[]> {
  const result = await loadStepGraph({ text, ...(file !== null && { file }) })
  if (result.ok) return []
  return result.problems.map(p => `${p.position.line}:${p.position.column}: ${p.message}`)
}

const cases: { name: string; yaml: string; expected: string[] }[] = [
  {
    name: 'a syntax error',
    yaml: 'a:\n  if: success() &&\n  run: x\n',
    expected: ['2:17: `if` of step `a`: invalid expression: unexpected end of expression `&&`']
  },
  {
    name: 'a symbol the lexer refuses',
    yaml: 'a:\n  if: success() & true\n  run: x\n',
    expected: ['2:17: `if` of step `a`: invalid expression: unexpected symbol `&`']
  },
  {
    name: '`${{ }}` around part of an `if`',
    yaml: 'a:\n  if: ${{ success() }} && true\n  run: x\n',
    expected: [
      '2:7: `if` of step `a` is one expression: write it without `${{ }}`, or put all of it inside one `${{ }}`'
    ]
  },
  {
    name: 'an empty `if`',
    yaml: 'a:\n  if: " "\n  run: x\n',
    expected: ['2:7: `if` of step `a` is empty']
  },
  {
    name: 'an unknown context, with a suggestion',
    yaml: 'a:\n  if: ENV.x == 1 && nedds.b.result\n  run: x\nb: {run: x}\n',
    expected: ['2:21: `if` of step `a`: unknown context `nedds`; did you mean `needs`?']
  },
  {
    name: 'an unknown context, with the list',
    yaml: 'a:\n  run: echo ${{ foo.bar }}\n',
    expected: [
      '2:17: `run` of step `a`: unknown context `foo`; the contexts are needs, env, matrix, github, runner'
    ]
  },
  {
    name: 'the secrets and steps contexts, with what to write instead',
    yaml: 'a:\n  env:\n    T: ${{ secrets.T }}\n  run: echo ${{ steps.x.outputs.y }}\n',
    expected: [
      '3:12: `T` in `env` of step `a`: the runner never gives an action the `secrets` context: pass the secret in the `env:` of the workflow step that runs stepgraph, and read it from the environment',
      '4:17: `run` of step `a`: a step graph has no `steps` context: read `needs.<id>.outputs.<name>`'
    ]
  },
  {
    name: 'unknown functions, hashFiles and a status function outside `if`',
    yaml: "a:\n  if: startwith('a', 'b')\n  name: ${{ hashFiles('x') }}\n  run: echo ${{ always() }}\n",
    expected: [
      '2:7: `if` of step `a`: unknown function `startwith()`; did you mean `startsWith()`?',
      '3:13: `name` of step `a`: `hashFiles()` is not available in a step graph: hash the files in the step',
      '4:17: `run` of step `a`: `always()` is a status function: it can be used only in `if`'
    ]
  },
  {
    name: 'a function Object.prototype has',
    yaml: 'a:\n  if: constructor(1)\n  run: x\n',
    expected: [
      '2:7: `if` of step `a`: unknown function `constructor()`; the functions are contains, startsWith, endsWith, format, join, toJSON, fromJSON, case, success, failure, always, cancelled'
    ]
  },
  {
    name: 'too many arguments',
    yaml: "a:\n  run: echo ${{ contains('a', 'b', 'c') }}\n",
    expected: [
      '2:17: `run` of step `a`: invalid expression: too many parameters supplied `contains`'
    ]
  },
  {
    name: 'needs: not a step, not a need, not a field of a need',
    yaml: [
      'build: {run: x}',
      'lint: {run: x}',
      'test:',
      '  needs: build',
      "  if: needs.biuld.result == 'success' && needs.lint.result",
      '  run: echo ${{ needs.build.output.v }}'
    ].join('\n'),
    expected: [
      '5:13: `if` of step `test`: `needs.biuld`: `biuld` is not a step; did you mean `build`?',
      '5:48: `if` of step `test`: `needs.lint`: step `test` does not need `lint`; add it to its `needs`',
      '6:29: `run` of step `test`: `needs.build.output`: a need has `result` and `outputs`; did you mean `outputs`?'
    ]
  },
  {
    name: 'a matrix key in a step without a matrix',
    yaml: 'a:\n  run: echo ${{ matrix.node }}\n',
    expected: ['2:24: `run` of step `a`: `matrix.node`: step `a` has no `matrix`']
  },
  {
    name: 'an unclosed `${{` and an empty one',
    yaml: 'a:\n  env:\n    X: a ${{ env.Y\n  working-directory: "${{ }}"\n  run: x\n',
    expected: [
      '3:10: `X` in `env` of step `a`: `${{` is never closed with `}}`',
      '4:23: `working-directory` of step `a`: `${{ }}` holds no expression'
    ]
  }
]

describe('expressions in a step graph', () => {
  it.each(cases)('reports $name where it is written', async ({ yaml, expected }) => {
    expect(await problemsOf(yaml)).toEqual(expected)
  })

  it('points at the character in quoted and literal scalars, at the scalar where lines are folded', async () => {
    const yaml = [
      'build: {run: x}',
      'a:',
      '  needs: build',
      "  if: 'needs.build.result == ''x'' && needs.bild'",
      '  name: "\\t\\x41 ${{ needs.bild }}"',
      '  env:',
      '    F: >',
      '      folded ${{ needs.bild }}',
      '  run: |',
      '    echo one',
      '      echo ${{ needs.bild }}'
    ].join('\n')
    const bild = '`needs.bild`: `bild` is not a step; did you mean `build`?'
    expect(await problemsOf(yaml)).toEqual([
      `4:45: \`if\` of step \`a\`: ${bild}`,
      `5:27: \`name\` of step \`a\`: ${bild}`,
      `7:8: \`F\` in \`env\` of step \`a\`: ${bild}`,
      `11:22: \`run\` of step \`a\`: ${bild}`
    ])
  })

  it('takes `${{ }}` around a whole `if`, names in any case, and string indexes', async () => {
    const loaded = await loadStepGraph({
      text: [
        'build: {run: x}',
        'a:',
        '  needs: build',
        "  if: ${{ FAILURE() || NEEDS.Build.Result == 'success' || needs['build'].outputs.x }}",
        "  run: echo ${{ needs[format('{0}', github.job)].result }}"
      ].join('\n'),
      file: 'graph.yml'
    })
    expect(loaded.ok).toBe(true)
    if (!loaded.ok) return
    expect(loaded.graph.steps[1]?.if).toBe(
      "FAILURE() || NEEDS.Build.Result == 'success' || needs['build'].outputs.x"
    )
    expect(loaded.graph.expressions?.[1]?.condition.calls).toEqual(new Set(['failure']))
    expect(loaded.graph.expressions?.[1]?.run).toHaveLength(2)
  })

  it('leaves the expression library out of a graph that has no expression', async () => {
    const loaded = await loadStepGraph({
      text: 'a: {run: echo "$X"}\nb: {needs: a, if: failure(), run: "echo {}"}\n'
    })
    expect(loaded.ok && loaded.graph.expressions).toBe(undefined)
  })

  it('an inline `if: true`/`false` is a `${{ }}` the runner expanded; in a file it is a condition', async () => {
    const yaml = 'a:\n  if: false\n  run: x\n'
    expect(await problemsOf(yaml, null)).toEqual([
      '2:7: `if` of step `a` is `false`: the runner expanded `${{ }}` in the `steps` input before stepgraph read it; write the expression without `${{ }}` (`if: failure()`)'
    ])
    expect(await problemsOf(yaml)).toEqual([])
  })

  it('checks `matrix.<key>` once per written step, against the keys of all its instances', () => {
    const tree = positionedTree(
      'test:\n  run: echo ${{ matrix.os }} ${{ matrix.extra }} ${{ matrix.nod }}\n'
    )
    const [written] = readStepTree(tree).steps as [ParsedStep]
    const instance = (id: string, matrix: Record<string, string>): ParsedStep => ({
      ...written,
      spec: { ...written.spec, id, matrix }
    })
    const problems: Problem[] = []
    compileGraphExpressions(
      [
        instance('test-1', { node: '20', os: 'linux' }),
        instance('test-2', { node: '22', os: 'linux', extra: 'yes' })
      ],
      { inline: false },
      problems
    )
    expect(problems).toEqual([
      {
        message:
          '`run` of step `test-1`: `matrix.nod`: the matrix has no key `nod`; did you mean `node`?',
        position: { line: 2, column: 61 }
      }
    ])
  })
})

describe('a character of a scalar, in the source', () => {
  it.each([
    ['PLAIN', 'x: ab${{ c', 3, 'ab${{ c', 3, 6],
    ['QUOTE_SINGLE', "x: 'it''s ${{'", 3, "it's ${{", 5, 10],
    ['QUOTE_DOUBLE', 'x: "\\u00e9\\U0001F600!"', 3, 'é😀!', 3, 20],
    ['QUOTE_DOUBLE', 'x: "\\u00e9\\U0001F600!"', 3, 'é😀!', 2, 10],
    ['BLOCK_LITERAL', 'x: |\n  a\n    b${{\n', 3, 'a\n  b${{\n', 5, 14]
  ] as const)('%s: %j', (form, source, start, value, offset, expected) => {
    expect(sourceOffset(source, form, start, value, offset)).toBe(expected)
  })

  it('has no answer for folded forms or a source that does not match', () => {
    expect(sourceOffset('x: >\n  a\n  b', 'BLOCK_FOLDED', 3, 'a b', 2)).toBeUndefined()
    expect(sourceOffset('x: "a\n  b"', 'QUOTE_DOUBLE', 3, 'a b', 2)).toBeUndefined()
    expect(sourceOffset('x: a\n  b', 'PLAIN', 3, 'a b', 2)).toBeUndefined()
  })
})
