import { describe, expect, it } from 'vitest'
import { commandLines, runAction } from '../helpers/action.js'
import { emulateRunner } from '../helpers/runner-emulator.js'
import { tableText } from '../helpers/summary-text.js'

/** A step that tries every way of reaching the runner through its output. */
const hostile = String.raw`
attacker:
  run: |
    echo "::set-output name=status::hacked"
    echo "##[set-output name=status;]hacked"
    echo "text before ##[set-output name=results;]{} mid-line"
    echo "::add-mask::s3cr3t-value"
    echo "the secret is s3cr3t-value"
    echo "::stop-commands::abc"
    echo "::endgroup::"
    echo "##[endgroup]"
    echo "##[group]fake group"
    echo "  ::group::indented fake group"
    echo "::add-matcher::/tmp/matcher.json"
    echo "::error::inert: the step stopped commands itself"
    echo "::add-mask::inert-mask"
    echo "::abc::"
    echo "::error file=src/app.ts,line=3,col=7,title=Bad thing::something is wrong"
    echo "::warning::careful"
    echo "::notice title=FYI::for your information"
    exit 1
after:
  needs: attacker
  if: always()
  run: echo "after ran"
`

describe('a step cannot reach the runner through its output', () => {
  it.each(['grouped', 'stream'])('in %s mode', async output => {
    const run = await runAction({ steps: hostile, output })
    const runner = emulateRunner(run.stdout)

    // Outputs come only from GITHUB_OUTPUT, and are stepgraph's.
    expect(runner.outputsSetByCommand).toEqual([])
    expect(run.outputs.get('status')).toBe('failure')
    expect(JSON.parse(run.outputs.get('results') ?? '{}')).toHaveProperty('after')

    // Groups are balanced and only stepgraph's; the viewer draws none from raw markup.
    expect(runner.groupUnderflow).toBe(false)
    expect(runner.groupDepth).toBe(0)
    expect(runner.viewerGroups).toBe(0)
    expect(runner.matchersAdded).toBe(0)

    // The step's mask is honoured, before the line that holds the secret.
    expect(runner.masks).toEqual(['s3cr3t-value'])
    const maskAt = run.stdout.indexOf('::add-mask::s3cr3t-value')
    expect(maskAt).toBeGreaterThanOrEqual(0)
    expect(maskAt).toBeLessThan(run.stdout.indexOf('the secret is s3cr3t-value'))

    // The step's annotations are re-emitted, attributed to it; the action's own still work.
    const annotations = runner.annotations.map(a => [
      a.name,
      a.properties.title,
      a.properties.file,
      a.data
    ])
    expect(annotations).toContainEqual([
      'error',
      'attacker: Bad thing',
      'src/app.ts',
      'something is wrong'
    ])
    expect(annotations).toContainEqual(['warning', 'attacker', undefined, 'careful'])
    expect(annotations).toContainEqual([
      'notice',
      'attacker: FYI',
      undefined,
      'for your information'
    ])
    expect(annotations[0]).toEqual([
      'error',
      'attacker failed',
      undefined,
      expect.stringContaining('exit code 1')
    ])
    expect(annotations.at(-1)).toEqual([
      'error',
      undefined,
      undefined,
      'stepgraph: 1 step failed: attacker'
    ])
    // Between its own ::stop-commands::abc and ::abc::, as in a run: step, nothing acts.
    expect(annotations.map(a => a[3])).not.toContain('inert: the step stopped commands itself')
    expect(runner.masks).not.toContain('inert-mask')
    expect(run.stdout).toContain('after ran')
  })

  it('escapes hostile step names in the log, the annotations and the summary', async () => {
    const name = '::set-output name=status::x | <b>bold</b> %0A, </details> ##[group]x\nsecond line'
    const run = await runAction({
      steps: `evil:\n  name: ${JSON.stringify(name)}\n  run: "echo hi; exit 3"\ngood: {run: "true"}`
    })
    const runner = emulateRunner(run.stdout)
    expect(runner.outputsSetByCommand).toEqual([])
    expect(runner.viewerGroups).toBe(0)
    expect(runner.groupUnderflow).toBe(false)
    // One line per name, wherever it is shown.
    expect(run.stdout).not.toContain('\nsecond line')
    const error = commandLines(run.stdout, 'error')[0] ?? ''
    expect(error).toContain(
      'title=%3A%3Aset-output name=status%3A%3Ax | <b>bold</b> %250A%2C </details> ##[group]x second line failed'
    )
    // In the summary the name is escaped: no tag, no cell break, no raw markup.
    expect(tableText(run.summary)).toContain(
      '| ::set\\-output name=status::x \\| &lt;b&gt;bold&lt;/b&gt; %0A, &lt;/details&gt; \\#\\#\\[group\\]x second line (`evil`) |'
    )
    expect(run.summary).not.toContain('<b>')
    expect(run.summary).not.toMatch(/[^;]<\/details>(?!\n)/)
  })
})
