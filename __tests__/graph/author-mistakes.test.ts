import { describe, expect, it } from 'vitest'
import { loadStepGraph } from '../../src/graph/load.js'
import { idFrom } from '../../src/graph/step-ids.js'
import { parseShell } from '../../src/options.js'
import { AUTHOR_MISTAKES } from '../helpers/author-mistakes.js'

/** Every problem of a graph as `line:column: message`. */
async function problemsOf(text: string): Promise<string[]> {
  const result = await loadStepGraph({ text })
  if (result.ok) return []
  return result.problems.map(p => `${p.position.line}:${p.position.column}: ${p.message}`)
}

describe('mistakes a workflow author makes', () => {
  it.each(AUTHOR_MISTAKES)(
    '$name: one problem, saying what to write',
    async ({ yaml, expected }) => {
      expect(await problemsOf(yaml)).toEqual(expected)
    }
  )

  it('still reads a job-shaped mapping of steps whose keys are step ids', async () => {
    // `steps` holding a list beside real steps is a step with a bad value, not a pasted job.
    expect(await problemsOf('build: {run: make}\nsteps:\n  - run: x\n')).toEqual([
      '3:3: step `steps` must be a mapping of step keys, e.g. `steps: { run: make }`'
    ])
  })

  it('keeps a list under a key with no value, which is valid YAML, out of the mixed-forms check', async () => {
    // The YAML error here is the unclosed quote, not a mix of forms.
    const problems = await problemsOf('env:\n- run: "x\nbuild: {run: make}\n')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^\d+:\d+: invalid YAML: /)
  })

  it('accepts what a workflow accepts for the same keys', async () => {
    const result = await loadStepGraph({
      text: 'a: {run: x, timeout-minutes: 1.5, continue-on-error: True, shell: "zsh {0}"}\n'
    })
    expect(result.ok && result.graph.steps[0]).toMatchObject({
      timeoutMinutes: 1.5,
      continueOnError: true,
      shell: 'zsh {0}'
    })
  })

  it('makes ids from display names', () => {
    expect(idFrom('Build app')).toBe('build-app')
    expect(idFrom('  Unit tests (Node 20)  ')).toBe('unit-tests-node-20')
    expect(idFrom('20 node')).toBe('_20-node')
    expect(idFrom('🚀')).toBeUndefined()
  })

  it('gives the same shell hints for the shell setting and the --shell flag', () => {
    expect(parseShell('zsh')).toEqual({
      ok: false,
      reason:
        'expected bash, sh, pwsh, powershell, cmd, python or a command template containing {0}, got "zsh"; to run the script with zsh, write "zsh {0}"'
    })
    const typo = parseShell('bsah')
    expect(!typo.ok && typo.reason).toContain(
      '; did you mean "bash"? Or, to run the script with bsah, write "bsah {0}"'
    )
  })
})
