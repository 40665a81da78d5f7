/** A graph with one mistake and its problems, each as `line:column: message`. */
export interface AuthorMistake {
  readonly name: string
  readonly yaml: string
  readonly expected: readonly string[]
}

const ID_RULE = 'an id starts with a letter or `_` and holds only letters, digits, `_` and `-`'

/**
 * What a workflow author writes when moving a job's steps into a step graph: each is one
 * problem, at its place, saying what to write instead.
 */
export const AUTHOR_MISTAKES: readonly AuthorMistake[] = [
  {
    name: 'the list wrapped in `steps:`, as pasted from a job',
    yaml: 'steps:\n  - name: Build\n    run: make\n  - name: Test\n    run: make test\n',
    expected: [
      '1:1: the step graph is wrapped in `steps:`, as in a workflow job: remove the `steps:` line and give the list itself (or a mapping of step ids)'
    ]
  },
  {
    name: 'a whole job, its steps read for their own problems',
    yaml: 'runs-on: ubuntu-latest\nsteps:\n  - uses: actions/checkout@v4\n    with: {fetch-depth: 0}\n  - run: make\n',
    expected: [
      "2:1: the step graph is a workflow job (`runs-on`, `steps`): give only the list under `steps:`, without `steps:` and the job's other keys (they belong to the job that runs stepgraph)",
      '3:5: `uses:` in step `step-1` is not supported: stepgraph runs shell commands; run actions (and their `with:`) as ordinary workflow steps before or after the stepgraph step'
    ]
  },
  {
    name: 'a whole workflow',
    yaml: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
    expected: [
      '2:1: this is a whole workflow (`jobs:`), not a step graph: give the steps of one job, without `jobs:`, the job and its `steps:` (a list of steps, or a mapping of step ids)'
    ]
  },
  {
    name: 'a list item after steps keyed by id',
    yaml: 'build:\n  run: make\n- id: test\n  run: make test\n',
    expected: [
      "3:1: the step graph mixes its two forms: it starts as a mapping of step ids at line 1, and line 3 is a list item; write every step in one form: `test:` with the step's keys indented beneath it, in place of `- id: test`"
    ]
  },
  {
    name: 'a step keyed by id after list items',
    yaml: '---\n# steps\n- id: test\n  run: make test\n\nbuild:\n  run: make\n',
    expected: [
      "6:1: the step graph mixes its two forms: it starts as a list of steps at line 3, and line 6 is a step id; write every step in one form: `- id: build` with the step's keys beneath it, in place of `build:`"
    ]
  },
  {
    name: 'a list item without an id after a flow-style step',
    yaml: 'build: {run: make}\n- run: make test\n',
    expected: [
      "2:1: the step graph mixes its two forms: it starts as a mapping of step ids at line 1, and line 2 is a list item; write every step in one form: `ID:` with the step's keys indented beneath it, in place of `- `"
    ]
  },
  {
    name: 'an id with spaces',
    yaml: 'Build app:\n  run: make\n',
    expected: [
      `1:1: invalid step id \`Build app\`: ${ID_RULE}; write \`build-app:\` with \`name: Build app\``
    ]
  },
  {
    name: 'an id with spaces in a step that has a name',
    yaml: '- id: Build app\n  name: Build\n  run: make\n',
    expected: [`1:7: invalid step id \`Build app\`: ${ID_RULE}; write \`id: build-app\``]
  },
  {
    name: 'an id with dots and accents',
    yaml: 'Tëst node.js:\n  run: make\n',
    expected: [
      `1:1: invalid step id \`Tëst node.js\`: ${ID_RULE}; write \`test-node-js:\` with \`name: Tëst node.js\``
    ]
  },
  {
    name: 'several needs written as one string',
    yaml: 'build: {run: make}\nlint: {run: x}\ntest:\n  needs: build, lint\n  run: x\n',
    expected: [
      '4:10: step `test` needs `build, lint`, which is not a step: `needs` is one string here; for several needs write a list, `needs: [build, lint]`'
    ]
  },
  {
    name: 'several needs separated by spaces',
    yaml: 'build: {run: make}\nlint: {run: x}\ntest: {needs: build lint, run: x}\n',
    expected: [
      '3:15: step `test` needs `build lint`, which is not a step: `needs` is one string here; for several needs write a list, `needs: [build, lint]`'
    ]
  },
  {
    name: "a need written as the step's name",
    yaml: 'build: {name: Build app, run: make}\ntest: {needs: [Build App], run: x}\n',
    expected: [
      '2:16: step `test` needs `Build App`, which is not a step: it is the name of step `build`; give its id'
    ]
  },
  {
    name: 'a shell that is a program without `{0}`',
    yaml: 'a:\n  shell: zsh\n  run: x\n',
    expected: [
      '2:10: `shell` of step `a` must be bash, sh, pwsh, powershell, cmd, python or a command template containing `{0}`, got `zsh`; to run the script with zsh, write `zsh {0}`'
    ]
  },
  {
    name: 'a shell command line without `{0}`',
    yaml: 'a:\n  shell: bash -e\n  run: x\n',
    expected: [
      "2:10: `shell` of step `a` must be bash, sh, pwsh, powershell, cmd, python or a command template containing `{0}`, got `bash -e`; a template says where the script's path goes with `{0}`: `bash -e {0}`"
    ]
  },
  {
    name: '`uses:` with `with:`, once',
    yaml: 'checkout:\n  with:\n    fetch-depth: 0\n  uses: actions/checkout@v4\n',
    expected: [
      '4:3: `uses:` in step `checkout` is not supported: stepgraph runs shell commands; run actions (and their `with:`) as ordinary workflow steps before or after the stepgraph step'
    ]
  },
  {
    name: '`with:` without `uses:`',
    yaml: 'a:\n  run: x\n  with:\n    x: 1\n',
    expected: [
      '3:3: `with` in step `a` gives inputs to an action (`uses:`), which a step of the graph is not; pass values to the script through `env:`'
    ]
  },
  {
    name: '`runs-on` on a step',
    yaml: 'a:\n  runs-on: ubuntu-latest\n  run: x\n',
    expected: [
      '2:3: `runs-on` in step `a` is a job key: every step of the graph runs in the job that runs stepgraph; set `runs-on` on that job and remove it here'
    ]
  },
  {
    name: '`steps` inside a step',
    yaml: 'a:\n  steps:\n    - run: x\n',
    expected: [
      "2:3: step `a` holds `steps:`, a job's list of steps: in a step graph each of them is a step of its own; write them at the top level and order them with `needs:`"
    ]
  },
  {
    name: '`strategy` on a step',
    yaml: 'a:\n  run: x\n  strategy:\n    matrix: {node: [20, 22]}\n',
    expected: [
      "3:3: `strategy` in step `a` is a job key: give the step its matrix directly, as `matrix:` (for `fail-fast` and `max-parallel`, use stepgraph's own settings of those names)"
    ]
  },
  {
    name: '`secrets` on a step',
    yaml: 'a:\n  run: x\n  secrets: inherit\n',
    expected: [
      "3:3: `secrets` in step `a` is a job key (for reusable workflows): give the secret to the stepgraph step's `env:` in the workflow (`TOKEN: ${{ secrets.TOKEN }}`); every step of the graph inherits it"
    ]
  },
  {
    name: '`outputs` on a step',
    yaml: 'a:\n  run: x\n  outputs:\n    v: x\n',
    expected: [
      '3:3: `outputs` in step `a` is a job key: a step\'s outputs are the lines it writes to `$GITHUB_OUTPUT` (`echo "name=value" >> "$GITHUB_OUTPUT"`), and reach `results`'
    ]
  },
  {
    name: '`defaults` on a step',
    yaml: 'a:\n  run: x\n  defaults:\n    run: {shell: bash}\n',
    expected: [
      "3:3: `defaults` in step `a` is a job key: give the step `shell:` or `working-directory:` itself, or set stepgraph's `shell` and `working-directory` for every step"
    ]
  },
  {
    name: 'a timeout with units',
    yaml: 'a:\n  run: x\n  timeout-minutes: 1h 30m\n',
    expected: [
      '3:20: `timeout-minutes` of step `a` must be a positive number of minutes, got `1h 30m`; write the number of minutes alone: `timeout-minutes: 90`'
    ]
  },
  {
    name: 'a timeout in seconds',
    yaml: 'a:\n  run: x\n  timeout-minutes: 90s\n',
    expected: [
      '3:20: `timeout-minutes` of step `a` must be a positive number of minutes, got `90s`; write the number of minutes alone: `timeout-minutes: 1.5`'
    ]
  },
  {
    name: 'continue-on-error: yes',
    yaml: 'a:\n  run: x\n  continue-on-error: yes\n',
    expected: [
      '3:22: `continue-on-error` of step `a` must be `true` or `false`, got `yes`; `yes` is a string in workflow YAML, write `true`'
    ]
  },
  {
    name: 'env as a list of NAME=value',
    yaml: 'a:\n  run: x\n  env:\n    - A=1\n',
    expected: [
      '4:5: `env` of step `a` must be a mapping of variable names to values, not a list: write each variable as `NAME: value` on a line of its own'
    ]
  }
]
