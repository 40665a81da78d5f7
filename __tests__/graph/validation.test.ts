import { describe, expect, it } from 'vitest'
import { loadStepGraph } from '../../src/graph/load.js'
import { readStepTree } from '../../src/graph/parse.js'
import { formatProblem, type GraphSource } from '../../src/graph/source.js'
import { positionedTree } from '../../src/graph/yaml-positions.js'
import { fastTree } from '../../src/graph/yaml-tree.js'
import { graphYaml, randomDag } from '../helpers/graphs.js'

/** Every problem of a graph as `line:column: message`. */
async function problemsOf(text: string): Promise<string[]> {
  const result = await loadStepGraph({ text })
  if (result.ok) return []
  return result.problems.map(p => `${p.position.line}:${p.position.column}: ${p.message}`)
}

const cases: { name: string; yaml: string; expected: string[] }[] = [
  {
    name: 'malformed YAML',
    yaml: 'build:\n  run: [make\n',
    expected: [
      '3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'
    ]
  },
  {
    name: 'several YAML documents',
    yaml: 'a: {run: x}\n---\nb: {run: y}\n',
    expected: ['2:1: invalid YAML: a step graph is one YAML document; remove the `---` separator']
  },
  {
    name: 'an empty graph',
    yaml: '# nothing here\n',
    expected: ['1:1: the step graph is empty: give at least one step with a `run`']
  },
  {
    name: 'an empty mapping',
    yaml: '{}\n',
    expected: ['1:1: the step graph is empty: give at least one step with a `run`']
  },
  {
    name: 'a scalar instead of steps',
    yaml: 'make all\n',
    expected: ['1:1: the step graph must be a mapping of step ids to steps, or a list of steps']
  },
  {
    name: 'a step that is not a mapping',
    yaml: 'lint: npm run lint\n',
    expected: ['1:7: step `lint` must be a mapping of step keys, e.g. `lint: { run: make }`']
  },
  {
    name: 'an empty step',
    yaml: 'lint:\nbuild: {run: make}\n',
    expected: ['1:1: step `lint` is empty: give it a `run`']
  },
  {
    name: 'a list item that is not a mapping',
    yaml: '- run: a\n- just text\n',
    expected: ['2:3: step 2 of the list must be a mapping of step keys, e.g. `- run: make`']
  },
  {
    name: 'an unknown key close to a known one',
    yaml: 'build:\n  run: make\ntest:\n  neds: build\n  run: make test\n',
    expected: ['4:3: unknown key `neds` in step `test`; did you mean `needs`?']
  },
  {
    name: 'an unknown key borrowed from another tool',
    yaml: 'a: {run: x}\nb:\n  depends_on: a\n  run: y\n',
    expected: ['3:3: unknown key `depends_on` in step `b`; did you mean `needs`?']
  },
  {
    name: 'an unknown key with nothing close',
    yaml: 'a:\n  run: x\n  zzzzzz: 1\n',
    expected: [
      '3:3: unknown key `zzzzzz` in step `a`; step keys are run, name, needs, if, shell, env, working-directory, timeout-minutes, continue-on-error, retries, matrix, shards, service, ready-when, ready-timeout-minutes'
    ]
  },
  {
    name: 'an unknown id in needs',
    yaml: 'build: {run: make}\ntest:\n  needs: [biuld]\n  run: make test\n',
    expected: ['3:11: step `test` needs `biuld`, which is not a step; did you mean `build`?']
  },
  {
    name: 'an unknown id in needs with nothing close',
    yaml: 'build: {run: make}\ntest: {needs: deploy, run: x}\n',
    expected: ['2:15: step `test` needs `deploy`, which is not a step']
  },
  {
    name: 'a duplicate id in the mapping form',
    yaml: 'build: {run: a}\ntest: {run: b}\nbuild: {run: c}\n',
    expected: ['3:1: duplicate step id `build` (first declared at 1:1)']
  },
  {
    name: 'a duplicate id in the list form',
    yaml: '- id: build\n  run: a\n- id: build\n  run: b\n',
    expected: ['3:3: duplicate step id `build` (first declared at 1:3)']
  },
  {
    name: 'an explicit id clashing with a default one',
    yaml: '- run: a\n- id: step-1\n  run: b\n',
    expected: ['2:3: duplicate step id `step-1` (first declared at 1:3)']
  },
  {
    name: 'a bad id format',
    yaml: '1build: {run: make}\n',
    expected: [
      '1:1: invalid step id `1build`: an id starts with a letter or `_` and holds only letters, digits, `_` and `-`; write `_1build:`'
    ]
  },
  {
    name: 'a bad id in the list form',
    yaml: '- id: has space\n  run: make\n',
    expected: [
      '1:7: invalid step id `has space`: an id starts with a letter or `_` and holds only letters, digits, `_` and `-`; write `id: has-space` with `name: has space`'
    ]
  },
  {
    name: 'an empty run',
    yaml: 'lint:\n  run: "  "\n',
    expected: ['2:8: step `lint` has an empty `run`']
  },
  {
    name: 'a missing run',
    yaml: 'lint:\n  name: Lint\n',
    expected: ['1:1: step `lint` has no `run`']
  },
  {
    name: 'a run that is a list',
    yaml: 'lint:\n  run: [a, b]\n',
    expected: [
      '2:8: `run` of step `lint` is a list: a step runs one script; write its commands as a block, `run: |` with one command a line beneath'
    ]
  },
  {
    name: 'a cycle',
    yaml: 'a: {needs: b, run: x}\nb: {needs: c, run: x}\nc: {needs: a, run: x}\n',
    expected: ['1:12: needs form a cycle: a -> b -> c -> a (each step needs the next)']
  },
  {
    name: 'a self-loop',
    yaml: 'a:\n  needs: [a]\n  run: x\n',
    expected: ['2:11: needs form a cycle: a -> a (a step cannot need itself)']
  },
  {
    name: 'two separate cycles, each reported once',
    yaml: 'a: {needs: b, run: x}\nb: {needs: a, run: x}\nc: {needs: d, run: x}\nd: {needs: c, run: x}\n',
    expected: [
      '1:12: needs form a cycle: a -> b -> a (each step needs the next)',
      '3:12: needs form a cycle: c -> d -> c (each step needs the next)'
    ]
  },
  {
    name: 'uses is unsupported',
    yaml: 'checkout:\n  uses: actions/checkout@v4\n',
    expected: [
      '2:3: `uses:` in step `checkout` is not supported: stepgraph runs shell commands; run actions (and their `with:`) as ordinary workflow steps before or after the stepgraph step'
    ]
  },
  {
    name: 'id in the mapping form',
    yaml: 'a:\n  id: b\n  run: x\n',
    expected: ['2:3: `id` in step `a`: in the mapping form the key (`a`) is the id; remove `id`']
  },
  {
    name: 'a key given twice',
    yaml: 'a:\n  run: x\n  run: y\n',
    expected: ['3:3: step `a` has `run` twice (first at 2:3)']
  },
  {
    name: 'a merge key',
    yaml: 'a:\n  <<: {run: x}\n  run: y\n',
    expected: ['2:3: step `a`: YAML merge keys (`<<`) are not supported, as in workflow files']
  },
  {
    name: 'a bad if',
    yaml: 'a:\n  if: failed()\n  run: x\n',
    expected: ['2:7: `if` of step `a`: unknown function `failed()`; did you mean `failure()`?']
  },
  {
    name: 'an if already expanded by the runner',
    yaml: 'a:\n  if: "false"\n  run: x\n',
    expected: [
      '2:8: `if` of step `a` is `false`: the runner expanded `${{ }}` in the `steps` input before stepgraph read it; write the expression without `${{ }}` (`if: failure()`)'
    ]
  },
  {
    name: 'an unknown shell',
    yaml: 'a:\n  shell: bsh\n  run: x\n',
    expected: [
      '2:10: `shell` of step `a` must be bash, sh, pwsh, powershell, cmd, python or a command template containing `{0}`, got `bsh`; did you mean `bash`? Or, to run the script with bsh, write `bsh {0}`'
    ]
  },
  {
    name: 'a non-numeric timeout',
    yaml: 'a:\n  timeout-minutes: soon\n  run: x\n',
    expected: [
      '2:20: `timeout-minutes` of step `a` must be a positive number of minutes, got `soon`'
    ]
  },
  {
    name: 'a zero timeout',
    yaml: 'a:\n  timeout-minutes: 0\n  run: x\n',
    expected: ['2:20: `timeout-minutes` of step `a` must be a positive number of minutes, got `0`']
  },
  {
    name: 'a non-boolean continue-on-error',
    yaml: 'a:\n  continue-on-error: maybe\n  run: x\n',
    expected: ['2:22: `continue-on-error` of step `a` must be `true` or `false`, got `maybe`']
  },
  {
    name: 'negative retries',
    yaml: 'a:\n  retries: -1\n  run: x\n',
    expected: [
      '2:12: `retries` of step `a` must be a whole number of retries (0 or more), got `-1`'
    ]
  },
  {
    name: 'env that is not a mapping',
    yaml: 'a:\n  env: [A=1]\n  run: x\n',
    expected: [
      '2:8: `env` of step `a` must be a mapping of variable names to values, not a list: write each variable as `NAME: value` on a line of its own'
    ]
  },
  {
    name: 'an env value that is a mapping',
    yaml: 'a:\n  env:\n    A: {b: c}\n  run: x\n',
    expected: ['3:8: `A` in `env` of step `a` must be a string, got a mapping']
  },
  {
    name: 'a needs entry that is a mapping',
    yaml: 'a: {run: x}\nb:\n  needs: [{a: 1}]\n  run: x\n',
    expected: ['3:11: an entry of `needs` of step `b` must be a string, got a mapping']
  },
  {
    name: 'an empty name',
    yaml: 'a:\n  name: ""\n  run: x\n',
    expected: ['2:9: `name` of step `a` is empty']
  }
]

describe('validation', () => {
  it.each(cases)('reports $name with its position', async ({ yaml, expected }) => {
    expect(await problemsOf(yaml)).toEqual(expected)
  })

  it('reports every problem at once, sorted by position', async () => {
    const yaml = [
      'lint:',
      '  runn: eslint .', // 2: unknown key; 1: no run
      'build:',
      '  run: make',
      '  retries: many', // 5
      'test:',
      '  needs: [build, lnt]', // 7: unknown id
      '  run: make test',
      'test:', // 9: duplicate
      '  run: again'
    ].join('\n')
    expect(await problemsOf(yaml)).toEqual([
      '1:1: step `lint` has no `run`',
      '2:3: unknown key `runn` in step `lint`; did you mean `run`?',
      '5:12: `retries` of step `build` must be a whole number of retries (0 or more), got `many`',
      '7:18: step `test` needs `lnt`, which is not a step; did you mean `lint`?',
      '9:1: duplicate step id `test` (first declared at 6:1)'
    ])
  })

  it('does not report a broken step again in the steps that need it', async () => {
    expect(await problemsOf('a: {neds: x}\nb: {needs: a, run: y}\n')).toEqual([
      '1:1: step `a` has no `run`',
      '1:5: unknown key `neds` in step `a`; did you mean `needs`?'
    ])
  })

  // `"\0"` in a double-quoted YAML string is a NUL: refused wherever it would reach a
  // process, before anything runs, and never printed as itself.
  it.each([
    [
      'an env value',
      'a:\n  run: x\n  env:\n    A: "x\\0y"\n',
      ['4:8: `A` in `env` of step `a` contains a NUL character (no process can be given one)']
    ],
    [
      'an env name',
      'a:\n  run: x\n  env:\n    "A\\0B": y\n',
      [
        '4:5: `env` of step `a` has a variable name with a NUL character (no process can be given one)'
      ]
    ],
    [
      'a run script',
      'a: {run: "echo \\0"}\n',
      ['1:10: `run` of step `a` contains a NUL character (no process can be given one)']
    ],
    [
      'a shell',
      'a: {run: x, shell: "bash\\0 {0}"}\n',
      ['1:20: `shell` of step `a` contains a NUL character (no process can be given one)']
    ],
    [
      'a working directory',
      'a: {run: x, working-directory: "d\\0"}\n',
      [
        '1:32: `working-directory` of step `a` contains a NUL character (no process can be given one)'
      ]
    ],
    [
      'a name',
      'a: {run: x, name: "A\\0"}\n',
      ['1:19: `name` of step `a` contains a NUL character (no process can be given one)']
    ],
    [
      'an id in the list form',
      '- id: "a\\0b"\n  run: x\n',
      ['1:7: `id` contains a NUL character (no process can be given one)']
    ],
    [
      'an id in the mapping form',
      '"a\\0b": {run: x}\n',
      [
        '1:1: invalid step id `a\\0b`: an id starts with a letter or `_` and holds only letters, digits, `_` and `-`; write `a-b:`'
      ]
    ]
  ])('refuses a NUL in %s, with its position', async (_, yaml, expected) => {
    const problems = await problemsOf(yaml)
    expect(problems).toEqual(expected)
    expect(problems.join('')).not.toContain('\0')
  })

  it('refuses `=` in an env name, naming it', async () => {
    expect(await problemsOf('a:\n  run: x\n  env:\n    A=B: y\n')).toEqual([
      '4:5: `env` of step `a` has an invalid variable name `A=B`: a name cannot contain `=`'
    ])
  })

  it('writes control characters of the text as escapes in a message', async () => {
    expect(await problemsOf('a: {run: x, timeout-minutes: "1\\n2\\u001b[31m"}\n')).toEqual([
      '1:30: `timeout-minutes` of step `a` must be a positive number of minutes, got `1\\n2\\x1b[31m`'
    ])
  })

  it('formats problems as file:line:column for files and steps:line:column for the input', () => {
    const problem = { message: 'm', position: { line: 3, column: 5 } }
    const fromFile: GraphSource = { text: '', file: 'ci/steps.yml' }
    expect(formatProblem(problem, fromFile)).toBe('ci/steps.yml:3:5: m')
    expect(formatProblem(problem, { text: '' })).toBe('steps:3:5: m')
  })
})

describe('the step language', () => {
  it('reads every key of the mapping form', async () => {
    const result = await loadStepGraph({
      text: [
        'build:',
        '  name: Build it',
        '  run: make',
        '  shell: sh',
        '  env: {VERSION: 1.10, EMPTY: , FLAG: true}',
        '  working-directory: sub',
        '  timeout-minutes: 1.5',
        '  continue-on-error: true',
        '  retries: 2',
        'test:',
        '  needs: build',
        '  if: always()',
        '  run: |',
        '    make test',
        '    echo done'
      ].join('\n')
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const [build, test] = result.graph.steps
    expect(build).toMatchObject({
      id: 'build',
      name: 'Build it',
      run: 'make',
      needs: [],
      if: 'success()',
      shell: 'sh',
      env: new Map([
        ['VERSION', '1.10'],
        ['EMPTY', ''],
        ['FLAG', 'true']
      ]),
      workingDirectory: 'sub',
      timeoutMinutes: 1.5,
      continueOnError: true,
      retries: 2
    })
    expect(test).toMatchObject({
      id: 'test',
      name: 'test',
      needs: ['build'],
      if: 'always()',
      run: 'make test\necho done\n',
      continueOnError: false,
      retries: 0
    })
    expect(test?.shell).toBeUndefined()
    expect(test?.timeoutMinutes).toBeUndefined()
  })

  it('reads the list form with default ids step-N', async () => {
    const result = await loadStepGraph({
      text: '- run: make\n- id: test\n  needs: step-1\n  run: make test\n- run: echo 3\n'
    })
    expect(result.ok && result.graph.steps.map(s => [s.id, s.needs])).toEqual([
      ['step-1', []],
      ['test', ['step-1']],
      ['step-3', []]
    ])
  })

  it('resolves YAML anchors and aliases', async () => {
    const result = await loadStepGraph({
      text: 'a:\n  env: &common {A: "1"}\n  run: x\nb:\n  env: *common\n  run: y\n'
    })
    expect(result.ok && result.graph.steps[1]?.env).toEqual(new Map([['A', '1']]))
  })

  it('accepts a custom shell template containing {0}', async () => {
    const result = await loadStepGraph({ text: 'a:\n  shell: perl {0}\n  run: print 1\n' })
    expect(result.ok && result.graph.steps[0]?.shell).toBe('perl {0}')
  })

  it('deduplicates repeated needs', async () => {
    const result = await loadStepGraph({ text: 'a: {run: x}\nb: {needs: [a, a], run: y}\n' })
    expect(result.ok && result.graph.steps[1]?.needs).toEqual(['a'])
    expect(result.ok && result.graph.dag.edgeCount).toBe(1)
  })
})

describe('the two YAML readers', () => {
  const validGraphs = [
    'a: {run: x}\nb: {needs: a, run: y, env: {V: 1.10}}\n',
    '- run: make\n- id: t\n  needs: [step-1]\n  if: always()\n  run: |\n    a\n    b\n',
    'a:\n  env: &e {K: v}\n  run: x\nb:\n  env: *e\n  retries: 2\n  timeout-minutes: .5\n  run: y\n',
    graphYaml(randomDag(300, 3, 5))
  ]

  it.each(validGraphs.map((text, i) => [i, text]))('agree on valid graph %i', (_, text) => {
    const fast = fastTree(text)
    expect(fast).toBeDefined()
    if (!fast) return
    expect(readStepTree(fast).steps.map(step => step.spec)).toEqual(
      readStepTree(positionedTree(text)).steps.map(step => step.spec)
    )
  })

  it('never expands an alias bomb', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`)
    }
    const text = `${levels.join('\n')}\nstep:\n  needs: *l\n  run: x\n`
    const started = performance.now()
    const result = await loadStepGraph({ text })
    expect(performance.now() - started).toBeLessThan(5_000) // 9^12 nodes if expanded
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.problems.map(p => p.message)).toContain(
        'an entry of `needs` of step `step` must be a string, got a list'
      )
    }
  })
})
