import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadStepGraph, type StepGraph } from '../../src/graph/load.js'
import { looseEquals } from '../../src/graph/matrix-filter.js'
import { formatG15 } from '../../src/graph/matrix-name.js'
import type { OrderedValue } from '../../src/graph/matrix-values.js'
import { matrixVariables } from '../../src/graph/matrix.js'
import { fileStem, type StepSpec } from '../../src/graph/spec.js'
import { repositoryRoot } from '../helpers/action.js'

async function graphOf(text: string): Promise<StepGraph> {
  const result = await loadStepGraph({ text })
  if (!result.ok) throw new Error(result.problems.map(p => p.message).join('\n'))
  return result.graph
}

/** Every problem as `line:column: message`. */
async function problemsOf(text: string): Promise<string[]> {
  const result = await loadStepGraph({ text })
  if (result.ok) return []
  return result.problems.map(p => `${p.position.line}:${p.position.column}: ${p.message}`)
}

/** A step `test` with this matrix (YAML lines, indented under `matrix:`). */
function matrixStep(...lines: string[]): string {
  return ['test:', '  run: make test', '  matrix:', ...lines.map(line => `    ${line}`), ''].join(
    '\n'
  )
}

/** Each instance's values, as plain objects for comparison. */
function combinations(graph: StepGraph): Record<string, unknown>[] {
  return graph.steps.filter(step => step.matrix).map(step => ({ ...step.matrix }))
}

function ids(graph: StepGraph): string[] {
  return graph.steps.map(step => step.id)
}

// The examples of GitHub's documentation ("Running variations of jobs in a workflow"),
// with the combinations and the order the documentation gives.
describe("GitHub's documented matrix examples", () => {
  it('a cross product, first key slowest', async () => {
    const graph = await graphOf(
      matrixStep('version: [10, 12, 14]', 'os: [ubuntu-latest, windows-latest]')
    )
    expect(combinations(graph)).toEqual([
      { version: 10, os: 'ubuntu-latest' },
      { version: 10, os: 'windows-latest' },
      { version: 12, os: 'ubuntu-latest' },
      { version: 12, os: 'windows-latest' },
      { version: 14, os: 'ubuntu-latest' },
      { version: 14, os: 'windows-latest' }
    ])
    expect(ids(graph)).toEqual([
      'test (10, ubuntu-latest)',
      'test (10, windows-latest)',
      'test (12, ubuntu-latest)',
      'test (12, windows-latest)',
      'test (14, ubuntu-latest)',
      'test (14, windows-latest)'
    ])
  })

  it('include: adds to the combinations it does not overwrite, else is a combination of its own', async () => {
    const graph = await graphOf(
      matrixStep(
        'fruit: [apple, pear]',
        'animal: [cat, dog]',
        'include:',
        '  - color: green',
        '  - color: pink',
        '    animal: cat',
        '  - fruit: apple',
        '    shape: circle',
        '  - fruit: banana',
        '  - fruit: banana',
        '    animal: cat'
      )
    )
    expect(combinations(graph)).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' }
    ])
    // Named by the values of the cross product, not those include added (as GitHub does).
    expect(ids(graph)).toEqual([
      'test (apple, cat)',
      'test (apple, dog)',
      'test (pear, cat)',
      'test (pear, dog)',
      'test (banana)',
      'test (banana, cat)'
    ])
  })

  it('include: extends one combination with a new key', async () => {
    const graph = await graphOf(
      matrixStep(
        'os: [windows-latest, ubuntu-latest]',
        'node: [14, 16]',
        'include:',
        '  - os: windows-latest',
        '    node: 16',
        '    npm: 6'
      )
    )
    expect(combinations(graph)).toEqual([
      { os: 'windows-latest', node: 14 },
      { os: 'windows-latest', node: 16, npm: 6 },
      { os: 'ubuntu-latest', node: 14 },
      { os: 'ubuntu-latest', node: 16 }
    ])
  })

  it('include: adds a combination the cross product lacks', async () => {
    const graph = await graphOf(
      matrixStep(
        'os: [macos-latest, windows-latest, ubuntu-latest]',
        'version: [12, 14, 16]',
        'include:',
        '  - os: windows-latest',
        '    version: 17'
      )
    )
    expect(graph.steps).toHaveLength(10)
    expect(ids(graph).at(-1)).toBe('test (windows-latest, 17)')
  })

  it('include only: every entry is a combination', async () => {
    const graph = await graphOf(
      matrixStep(
        'include:',
        '  - site: "production"',
        '    datacenter: "site-a"',
        '  - site: "staging"',
        '    datacenter: "site-b"'
      )
    )
    expect(combinations(graph)).toEqual([
      { site: 'production', datacenter: 'site-a' },
      { site: 'staging', datacenter: 'site-b' }
    ])
    expect(ids(graph)).toEqual(['test (production, site-a)', 'test (staging, site-b)'])
  })

  it('exclude: removes every combination an entry matches, partially', async () => {
    const graph = await graphOf(
      matrixStep(
        'os: [macos-latest, windows-latest]',
        'version: [12, 14, 16]',
        'environment: [staging, production]',
        'exclude:',
        '  - os: macos-latest',
        '    version: 12',
        '    environment: production',
        '  - os: windows-latest',
        '    version: 16'
      )
    )
    // 12 combinations, one excluded by the first entry, two by the second.
    expect(combinations(graph)).toEqual([
      { os: 'macos-latest', version: 12, environment: 'staging' },
      { os: 'macos-latest', version: 14, environment: 'staging' },
      { os: 'macos-latest', version: 14, environment: 'production' },
      { os: 'macos-latest', version: 16, environment: 'staging' },
      { os: 'macos-latest', version: 16, environment: 'production' },
      { os: 'windows-latest', version: 12, environment: 'staging' },
      { os: 'windows-latest', version: 12, environment: 'production' },
      { os: 'windows-latest', version: 14, environment: 'staging' },
      { os: 'windows-latest', version: 14, environment: 'production' }
    ])
  })

  it('exclude before include: an include entry can add back what exclude removed', async () => {
    const graph = await graphOf(
      matrixStep(
        'os: [linux, mac]',
        'node: [20, 22]',
        'exclude:',
        '  - os: mac',
        'include:',
        '  - os: mac',
        '    node: 22',
        '    experimental: true'
      )
    )
    expect(ids(graph)).toEqual(['test (linux, 20)', 'test (linux, 22)', 'test (mac, 22, true)'])
  })
})

describe("the README's example", () => {
  it('gives the instances and values the README describes', async () => {
    const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8')
    const example = /### A matrix\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
    const graph = await graphOf(`build: {run: make}\n${example}`)
    expect(graph.steps.map(step => [step.id, { ...step.matrix }])).toEqual([
      ['build', {}],
      ['test (20, linux)', { node: 20, os: 'linux' }],
      ['test (22, linux)', { node: 22, os: 'linux' }],
      ['test (22, mac)', { node: 22, os: 'mac', arch: 'arm64' }],
      ['test (24, linux)', { node: 24, os: 'linux' }],
      ['deploy', {}]
    ])
    expect(graph.dag.predecessors[5]).toEqual([1, 2, 3, 4])
  })
})

describe('matrix values', () => {
  it('are typed as the runner types a workflow: plain scalars by YAML 1.2, quoted ones are strings', async () => {
    const graph = await graphOf(
      matrixStep(
        'v: [20, "20", 1.10, "1.10", true, "true", False, null, ~, 0x1F, 0o17, -3, +4, 1e3, .5, .inf, -.Inf, yes, 012, !!str 7]'
      )
    )
    expect(graph.steps.map(step => step.matrix?.v)).toEqual([
      20,
      '20',
      1.1,
      '1.10',
      true,
      'true',
      false,
      null,
      null,
      31,
      15,
      -3,
      4,
      1000,
      0.5,
      Infinity,
      -Infinity,
      'yes',
      12,
      '7'
    ])
    // Null adds nothing to the name; a number is written as .NET writes it.
    expect(ids(graph).slice(0, 9)).toEqual([
      'test (20)',
      'test (20) #2',
      'test (1.1)',
      'test (1.10)',
      'test (true)',
      'test (true) #6',
      'test (false)',
      'test',
      'test #9'
    ])
  })

  it('may be lists and mappings: the name has their scalars, depth first', async () => {
    const graph = await graphOf(
      matrixStep(
        'config:',
        '  - { node: 20, os: linux, flags: [--a, --b], empty: "" }',
        '  - [x, { y: z }]',
        'arch: [arm64]'
      )
    )
    expect(combinations(graph)).toEqual([
      { config: { node: 20, os: 'linux', flags: ['--a', '--b'], empty: '' }, arch: 'arm64' },
      { config: ['x', { y: 'z' }], arch: 'arm64' }
    ])
    expect(ids(graph)).toEqual(['test (20, linux, --a, --b, arm64)', 'test (x, z, arm64)'])
  })

  it('keep the order written, integer-like keys too', async () => {
    const graph = await graphOf(matrixStep('v: [{ b: 1, 10: 2, a: 3 }]', 'x: [4]'))
    expect(ids(graph)).toEqual(['test (1, 2, 3, 4)'])
  })

  it('`__proto__` and `constructor` are ordinary keys', async () => {
    const graph = await graphOf(
      matrixStep('__proto__: [a]', 'constructor: [b]', 'exclude:', '  - constructor: c')
    )
    const matrix = graph.steps[0]?.matrix
    expect(Object.keys(matrix ?? {})).toEqual(['__proto__', 'constructor'])
    expect(JSON.stringify(matrix)).toBe('{"__proto__":"a","constructor":"b"}')
  })

  it('a step with `name:` gets the values appended; a name with an expression does not', async () => {
    const graph = await graphOf(
      [
        'test:',
        '  name: Unit tests',
        '  run: x',
        '  matrix: { node: [20] }',
        'lint:',
        '  name: Lint ${{ matrix.node }}',
        '  run: x',
        '  matrix: { node: [20, 22] }'
      ].join('\n')
    )
    expect(graph.steps.map(step => [step.id, step.name])).toEqual([
      ['test (20)', 'Unit tests (20)'],
      ['lint (20)', 'Lint ${{ matrix.node }}'],
      ['lint (22)', 'Lint ${{ matrix.node }}']
    ])
  })

  it('a name over 100 characters is cut as GitHub cuts it, and the id made unique', async () => {
    const long = 'x'.repeat(120)
    const graph = await graphOf(matrixStep(`v: [${long}, short]`))
    const [first, second] = graph.steps as [StepSpec, StepSpec]
    expect(first.name).toBe(`test (${'x'.repeat(91)}...`)
    expect(first.name).toHaveLength(100)
    expect(first.id).toBe(`${first.name} #1`)
    expect(second.id).toBe('test (short)')
  })

  it('control characters are escapes in ids and names, kept in the values', async () => {
    const graph = await graphOf(matrixStep('v: ["a\\nb", "c\\td"]'))
    expect(ids(graph)).toEqual(['test (a\\nb)', 'test (c\\td)'])
    expect(graph.steps[0]?.matrix?.v).toBe('a\nb')
  })

  it('filters compare as `==` in expressions: without case, numbers with strings, leaf by leaf', async () => {
    const graph = await graphOf(
      matrixStep(
        'os: [linux, mac]',
        'node: [20, 22]',
        'cfg: [{ arch: x64, libc: gnu }, { arch: arm64, libc: musl }]',
        'exclude:',
        '  - os: LINUX',
        '    node: "20"',
        '  - cfg: { libc: musl }',
        '    os: mac'
      )
    )
    expect(ids(graph)).toEqual([
      'test (linux, 22, x64, gnu)',
      'test (linux, 22, arm64, musl)',
      'test (mac, 20, x64, gnu)',
      'test (mac, 22, x64, gnu)'
    ])
  })

  it('an include entry naming no matrix key adds to every combination', async () => {
    const graph = await graphOf(matrixStep('os: [a, b]', 'include:', '  - shared: yes'))
    expect(combinations(graph)).toEqual([
      { os: 'a', shared: 'yes' },
      { os: 'b', shared: 'yes' }
    ])
  })
})

describe('instances in the graph', () => {
  const text = [
    'build:',
    '  run: make',
    'test:',
    '  needs: build',
    '  run: make test',
    '  matrix:',
    '    node: [20, 22]',
    '    os: [linux, mac]',
    '    exclude: [{ node: 20, os: mac }]',
    '    include: [{ node: 24, os: linux }]',
    'deploy:',
    '  needs: [test]',
    '  run: make deploy'
  ].join('\n')

  it('replace their step in place, each needing what it needs, and `needs: test` waits for all', async () => {
    const graph = await graphOf(text)
    expect(ids(graph)).toEqual([
      'build',
      'test (20, linux)',
      'test (22, linux)',
      'test (22, mac)',
      'test (24, linux)',
      'deploy'
    ])
    expect(graph.dag.predecessors).toEqual([[], [0], [0], [0], [0], [1, 2, 3, 4]])
    expect([...graph.stepsOf]).toEqual([
      ['build', [0]],
      ['test', [1, 2, 3, 4]],
      ['deploy', [5]]
    ])
    expect(graph.indexOf.get('test (22, mac)')).toBe(3)
    // Needs as written: the summary shows `test`, the scheduler waits for the four.
    expect(graph.steps[5]?.needs).toEqual(['test'])
    expect(graph.steps.slice(1, 5).map(step => [step.instanceOf, step.instanceNumber])).toEqual([
      ['test', 1],
      ['test', 2],
      ['test', 3],
      ['test', 4]
    ])
  })

  it('files are named after the declared id and the instance number', async () => {
    const graph = await graphOf(matrixStep('path: [a/b, ../c]'))
    expect(graph.steps.map(fileStem)).toEqual(['test@1', 'test@2'])
    const plain = await graphOf('build: {run: make}')
    expect(plain.steps.map(fileStem)).toEqual(['build'])
  })

  it('a cycle through a matrix step names the steps as declared, where the need is written', async () => {
    expect(
      await problemsOf(
        [
          'a:',
          '  needs: test',
          '  run: x',
          'test:',
          '  needs: a',
          '  run: y',
          '  matrix: { v: [1, 2] }'
        ].join('\n')
      )
    ).toEqual(['2:10: needs form a cycle: a -> test -> a (each step needs the next)'])
    expect(
      await problemsOf(['test:', '  needs: test', '  run: y', '  matrix: { v: [1, 2] }'].join('\n'))
    ).toEqual(['2:10: needs form a cycle: test -> test (a step cannot need itself)'])
  })

  it('an unknown need of a matrix step is reported once, with the declared ids to suggest', async () => {
    expect(
      await problemsOf(
        ['build: {run: x}', 'test:', '  needs: biuld', '  run: y', '  matrix: { v: [1, 2] }'].join(
          '\n'
        )
      )
    ).toEqual(['3:10: step `test` needs `biuld`, which is not a step; did you mean `build`?'])
    expect(
      await problemsOf(
        ['test:', '  run: y', '  matrix: { v: [1, 2] }', 'b: {needs: tset, run: x}'].join('\n')
      )
    ).toEqual(['4:12: step `b` needs `tset`, which is not a step; did you mean `test`?'])
  })
})

describe('matrix problems, each at its place', () => {
  const cases: { name: string; matrix: string[]; expected: string[] }[] = [
    {
      name: 'a matrix that is not a mapping',
      matrix: ['[20, 22]'],
      expected: [
        '4:5: `matrix` of step `test` must be a mapping of keys to lists of values, e.g. `matrix: { node: [20, 22] }`'
      ]
    },
    {
      name: 'a matrix computed by an expression',
      matrix: ['${{ fromJSON(needs.plan.outputs.matrix) }}'],
      expected: [
        '4:5: `matrix` of step `test` must be a mapping of keys to lists of values, e.g. `matrix: { node: [20, 22] }`; a matrix computed by an expression is not supported: stepgraph expands matrices before any step runs'
      ]
    },
    {
      name: 'an empty matrix',
      matrix: ['{}'],
      expected: [
        '4:5: the matrix of step `test` is empty: give at least one key with a list of values, or `include`'
      ]
    },
    {
      name: 'only exclude',
      matrix: ['exclude: [{ os: a }]'],
      expected: [
        '4:5: the matrix of step `test` is empty: give at least one key with a list of values, or `include`',
        '4:17: `exclude` in the matrix of step `test` names `os`, which is not a key of the matrix'
      ]
    },
    {
      name: 'an empty include and nothing else',
      matrix: ['include: []'],
      expected: [
        '4:14: the matrix of step `test` is empty: give at least one key with a list of values, or `include`'
      ]
    },
    {
      name: 'a key that is not a list',
      matrix: ['node: 20', 'os: { a: b }'],
      expected: [
        '4:11: `node` in the matrix of step `test` must be a list of values, e.g. `node: [20]`',
        '5:9: `os` in the matrix of step `test` must be a list of values, e.g. `os: [a, b]`'
      ]
    },
    {
      name: 'an empty list',
      matrix: ['node: []'],
      expected: [
        '4:11: `node` in the matrix of step `test` is an empty list: give it at least one value'
      ]
    },
    {
      name: 'a key twice, or twice but for case',
      matrix: ['node: [1]', 'node: [2]', 'OS: [a]', 'os: [b]'],
      expected: [
        '5:5: the matrix of step `test` has `node` twice',
        '7:5: the matrix of step `test` has `OS` and `os`: `matrix` keys are compared without case'
      ]
    },
    {
      name: 'include and exclude that are not lists of mappings',
      matrix: ['os: [a]', 'include: { os: b }', 'exclude: [a, {}]'],
      expected: [
        '5:14: `include` in the matrix of step `test` must be a list of mappings, e.g. `include: [{ os: linux }]`',
        '6:15: entry 1 of `exclude` in the matrix of step `test` must be a mapping of matrix keys to values',
        '6:18: entry 2 of `exclude` in the matrix of step `test` is empty: give it at least one key and value'
      ]
    },
    {
      name: 'an exclude key that is not a matrix key',
      matrix: ['os: [linux]', 'node: [20]', 'exclude:', '  - oss: linux', '  - arch: x64'],
      expected: [
        '7:9: `exclude` in the matrix of step `test` names `oss`, which is not a key of the matrix; did you mean `os`?',
        '8:9: `exclude` in the matrix of step `test` names `arch`, which is not a key of the matrix; its keys are `os`, `node`'
      ]
    },
    {
      name: 'everything excluded',
      matrix: ['os: [linux]', 'exclude:', '  - os: linux'],
      expected: [
        '6:7: `exclude` in the matrix of step `test` excludes every combination: the step would never run'
      ]
    },
    {
      name: 'a NUL in a value or a key',
      matrix: ['os: ["a\\0b"]', '"k\\0": [1]'],
      expected: [
        '4:10: `os` in the matrix of step `test` contains a NUL character (no process can be given one)',
        '5:5: the matrix of step `test` has a key with a NUL character (no process can be given one)'
      ]
    },
    {
      name: 'a key that is not a string',
      matrix: ['[a, b]: [1]', 'os: [{ [x]: 1 }]'],
      expected: [
        '4:5: the matrix of step `test` has a key that is not a plain string',
        '5:12: `os` in the matrix of step `test` has a key that is not a plain string'
      ]
    },
    {
      name: 'a key twice in a value',
      matrix: ['cfg: [{ a: 1, A: 2 }]'],
      expected: [
        '4:19: `cfg` in the matrix of step `test` has `a` and `A`: keys are compared without case'
      ]
    },
    {
      name: 'a hexadecimal number past 32 bits',
      matrix: ['v: [0x100000000]'],
      expected: [
        '4:9: `v` in the matrix of step `test`: `0x100000000` is out of range for a 32-bit integer'
      ]
    }
  ]

  for (const { name, matrix, expected } of cases) {
    it(name, async () => {
      expect(await problemsOf(matrixStep(...matrix))).toEqual(expected)
    })
  }

  it('more than 256 combinations: GitHub’s limit for a job’s matrix', async () => {
    const values = Array.from({ length: 17 }, (_, i) => i).join(', ')
    expect(await problemsOf(matrixStep(`a: [${values}]`, `b: [${values}]`))).toEqual([
      "4:5: the matrix of step `test` has 289 combinations; at most 256 are allowed, as for a job's matrix: split it into steps"
    ])
    // Exactly 256 is fine, and so is a larger cross product that exclude brings within it.
    const sixteen = Array.from({ length: 16 }, (_, i) => i).join(', ')
    expect((await graphOf(matrixStep(`a: [${sixteen}]`, `b: [${sixteen}]`))).steps).toHaveLength(
      256
    )
    expect(
      (
        await graphOf(
          matrixStep(`a: [${values}]`, `b: [${values}]`, 'exclude: [{ a: 0 }, { b: 1 }]')
        )
      ).steps
    ).toHaveLength(289 - 17 - 16)
  })

  it('a cross product past what a graph may examine, without building it', async () => {
    const values = Array.from({ length: 100 }, (_, i) => i).join(', ')
    expect(
      await problemsOf(matrixStep(`a: [${values}]`, `b: [${values}]`, `c: [${values}]`))
    ).toEqual([
      '4:5: the matrix of step `test` has 1,000,000 combinations before `exclude`; at most 65,536 are built, and 256 kept: split it into steps'
    ])
    // Counted by multiplying, never past 2^32: ten keys of ten values.
    const keys = Array.from({ length: 10 }, (_, i) => `k${i}: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]`)
    expect(await problemsOf(matrixStep(...keys))).toEqual([
      '4:5: the matrix of step `test` has over 4 billion combinations before `exclude`; at most 65,536 are built, and 256 kept: split it into steps'
    ])
  })

  it('the combinations of all matrices of a graph share one budget, aliases included', async () => {
    // 300 steps repeat one 256-combination matrix through an alias.
    const lines = [
      'base: &m',
      '  run: x',
      '  matrix:',
      '    a: [0, 1, 2, 3]',
      '    b: [0, 1, 2, 3]'
    ]
    lines.push('    c: [0, 1, 2, 3]', '    d: [0, 1, 2, 3]')
    for (let i = 0; i < 300; i++) lines.push(`s${i}: *m`)
    const problems = await problemsOf(lines.join('\n'))
    // 256 matrices of 256 fit; the 257th is refused, and so is each one after it.
    expect(problems).toHaveLength(300 + 1 - 256)
    expect(problems[0]).toBe(
      '4:5: the matrices of the graph have more than 65,536 combinations before `exclude` in all: the 256 of step `s255` are past that (0 were left)'
    )
  })

  it('values past the graph’s budget: an alias bomb is never expanded', async () => {
    const levels = ['&a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++)
      levels.push(
        `&a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`
      )
    const problems = await problemsOf(matrixStep(`v: [[${levels.join(', ')}]]`))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(
      /^4:\d+: the matrices of the graph hold more than 65,536 values \(an alias counts each time it is used\)$/
    )
  })

  it('values nested too deep', async () => {
    const problems = await problemsOf(matrixStep(`v: [${'['.repeat(70)}${']'.repeat(70)}]`))
    expect(problems).toEqual([
      '4:72: `v` in the matrix of step `test` nests more than 64 levels deep'
    ])
  })
})

describe('matrixVariables', () => {
  it('gives STEPGRAPH_MATRIX_<KEY> for each value, as `${{ matrix.key }}` writes it', async () => {
    const graph = await graphOf(
      matrixStep(
        'node-version: [20]',
        'os: [linux]',
        'flag: [true]',
        'none: [null]',
        'ratio: [0.1]',
        'cfg: [{ a: [1, "2"] }]',
        'Node_Version: [x]'
      )
    )
    expect(matrixVariables(graph.steps[0] as StepSpec)).toEqual([
      ['STEPGRAPH_MATRIX_OS', 'linux'],
      ['STEPGRAPH_MATRIX_FLAG', 'true'],
      ['STEPGRAPH_MATRIX_NONE', ''],
      ['STEPGRAPH_MATRIX_RATIO', '0.1'],
      ['STEPGRAPH_MATRIX_CFG', '{"a":[1,"2"]}']
    ])
    expect(matrixVariables({ ...(graph.steps[0] as StepSpec), matrix: undefined })).toEqual([])
  })
})

describe('the pieces GitHub’s rules are made of', () => {
  it('formats numbers as .NET’s G15', () => {
    const cases: [number, string][] = [
      [20, '20'],
      [1.1, '1.1'],
      [0.1 + 0.2, '0.3'],
      [-3.5, '-3.5'],
      [123456789012345, '123456789012345'],
      [1e15, '1E+15'],
      [1234567890123456, '1.23456789012346E+15'],
      [0.0001, '0.0001'],
      [0.00001, '1E-05'],
      [1.5e-7, '1.5E-07'],
      [1e100, '1E+100'],
      [0, '0'],
      [-0, '-0'],
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity']
    ]
    for (const [value, text] of cases) expect([value, formatG15(value)]).toEqual([value, text])
  })

  it('compares as `==` does in @actions/expressions', () => {
    const list: OrderedValue = [1]
    const cases: [OrderedValue, OrderedValue, boolean][] = [
      ['Linux', 'linux', true],
      ['ı', 'I', false],
      [20, '20', true],
      [20, ' 20 ', true],
      ['0x10', 16, true],
      [null, null, true],
      [null, 0, true],
      [null, '', true],
      [true, 1, true],
      [true, 'true', false],
      [false, '', true],
      [NaN, NaN, false],
      [list, list, true],
      [list, [1], false],
      [list, 1, false],
      [new Map(), new Map(), false]
    ]
    for (const [left, right, equal] of cases) {
      expect([left, right, looseEquals(left, right)]).toEqual([left, right, equal])
      expect([right, left, looseEquals(right, left)]).toEqual([right, left, equal])
    }
  })
})

describe('random matrices', () => {
  // JSON is YAML's flow style: random matrices written as JSON, with keys that collide in
  // case, scalars of every type, nested values, include and exclude entries.
  const key = fc.constantFrom('os', 'OS', 'node', 'extra', 'include', 'exclude', '__proto__')
  const scalar = fc.oneof(
    fc.constantFrom('linux', 'Linux', '20', '', 'a:b', 'x|y'),
    fc.integer({ min: -3, max: 30 }),
    fc.boolean(),
    fc.constant(null)
  )
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(key, scalar))
  const entry = fc.dictionary(key, value, { minKeys: 1, maxKeys: 3 })
  // Mostly well formed (vectors, then entries that name them), sometimes anything.
  const wellFormed = fc
    .record({
      os: fc.array(value, { minLength: 1, maxLength: 4 }),
      node: fc.array(value, { minLength: 1, maxLength: 4 }),
      include: fc.array(
        fc.dictionary(fc.constantFrom('os', 'node', 'extra', 'more'), value, { minKeys: 1 }),
        { maxLength: 3 }
      ),
      exclude: fc.array(fc.dictionary(fc.constantFrom('os', 'node'), value, { minKeys: 1 }), {
        maxLength: 3
      })
    })
    .chain(full =>
      fc
        .subarray(['os', 'node', 'include', 'exclude'] as const)
        .map(keys => Object.fromEntries(keys.map(k => [k, full[k]])))
    )
  const matrix = fc.oneof(
    { weight: 4, arbitrary: wellFormed },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        key,
        fc.oneof(fc.array(value, { maxLength: 4 }), value, fc.array(entry))
      )
    },
    { weight: 1, arbitrary: value }
  )

  it('end as instances with unique ids, at most 256, or positioned problems', async () => {
    await fc.assert(
      fc.asyncProperty(matrix, async m => {
        const text = `test:\n  run: x\n  matrix: ${JSON.stringify(m)}\nafter: {needs: test, run: y}\n`
        const result = await loadStepGraph({ text })
        if (!result.ok) {
          for (const problem of result.problems) expect(problem.position.line).toBeGreaterThan(0)
          return
        }
        const instances = result.graph.steps.filter(step => step.instanceOf === 'test')
        expect(instances.length).toBeGreaterThan(0)
        expect(instances.length).toBeLessThanOrEqual(256)
        expect(new Set(result.graph.steps.map(step => step.id)).size).toBe(
          result.graph.steps.length
        )
        expect(result.graph.dag.predecessors.at(-1)).toHaveLength(instances.length)
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) }
    )
  })
})
