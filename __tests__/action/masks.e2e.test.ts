import { describe, expect, it } from 'vitest'
import { runAction } from '../helpers/action.js'
import { emulateRunner } from '../helpers/runner-emulator.js'

/**
 * Masks as the runner honours them in a plain `run:` step, judged by the runner model:
 * every form, every length, and at any moment, including while another step's long line
 * is being passed on in pieces.
 */

/** No line of the log, as the runner shows it, has any of `secrets` in clear. */
function neverShown(displayed: readonly string[], secrets: readonly string[]): void {
  for (const secret of secrets) expect(displayed.filter(line => line.includes(secret))).toEqual([])
}

describe('every form of add-mask the runner honours', () => {
  const steps = String.raw`
masks:
  run: |
    printf '\302\240\302\205::add-mask::nbsp-secret\n'
    echo "log line ##[add-mask]legacy-secret"
    echo "::add-mask::first-line%0Asecond-line"
    echo "::ADD-MASK::upper-secret"
    echo "shown: nbsp-secret legacy-secret first-line second-line upper-secret"
`
  it.each(['grouped', 'stream'])('in %s mode, before the lines that follow', async output => {
    const run = await runAction({ steps, output })
    expect(run.exitCode).toBe(0)
    const runner = emulateRunner(run.stdout)
    expect(runner.masks).toEqual(
      expect.arrayContaining([
        'nbsp-secret',
        'legacy-secret',
        'first-line\nsecond-line',
        'upper-secret'
      ])
    )
    const secrets = ['nbsp-secret', 'legacy-secret', 'first-line', 'second-line', 'upper-secret']
    neverShown(runner.displayed, secrets)
    expect(runner.displayed).toContainEqual(
      expect.stringMatching(/shown: \*\*\* \*\*\* \*\*\* \*\*\* \*\*\*$/)
    )
    // The command lines themselves never reach the log.
    expect(run.stdout).not.toContain('##[add-mask]')
    expect(run.stdout).not.toContain('::ADD-MASK::')
  })
})

describe('a mask while another step is in the middle of a long line', () => {
  // `long` prints one 3 MiB line in pieces over about a second and a half; `masker`
  // registers a secret meanwhile, prints it and fails.
  const steps = String.raw`
long:
  run: |
    for i in $(seq 30); do head -c 102400 /dev/zero | tr '\0' x; sleep 0.05; done
    echo " end of the long line"
masker:
  run: |
    sleep 1
    echo "::add-mask::mid-line-secret"
    echo "printed: mid-line-secret"
    exit 1
`
  it.each(['stream', 'grouped'])(
    'in %s mode the mask and the failure still reach the runner',
    async output => {
      const run = await runAction({ steps, output, 'max-parallel': '2' })
      expect(run.exitCode).toBe(1)
      const runner = emulateRunner(run.stdout)
      expect(runner.masks).toContain('mid-line-secret')
      neverShown(runner.displayed, ['mid-line-secret'])
      expect(runner.displayed).toContainEqual(expect.stringMatching(/printed: \*\*\*$/))
      // The action's own failure annotation is read, so commands were live again.
      expect(runner.annotations.map(a => a.data)).toContain('stepgraph: 1 step failed: masker')
      // The long line arrives whole in grouped mode; in stream mode in pieces, all of them.
      const xs = run.stdout.match(/x{100,}/g)?.join('') ?? ''
      expect(xs.length).toBe(30 * 102400)
    }
  )

  it('a mask longer than the relay holds is honoured whole', async () => {
    const run = await runAction({
      steps: String.raw`
big:
  run: |
    printf '::add-mask::'; head -c 3145728 /dev/zero | tr '\0' s; echo
    echo done
`
    })
    const runner = emulateRunner(run.stdout)
    expect(runner.masks).toContain('s'.repeat(3145728))
    neverShown(runner.displayed, ['s'.repeat(100)])
  })
})

describe('nothing stepgraph prints from the graph can act on the runner', () => {
  const hostile = [
    '\u0085::set-output name=status::pwned',
    '\u00a0::add-mask::stepgraph',
    'x ##[set-output name=failed;]pwned',
    '::stop-commands::pwned'
  ]

  it('keys, values and names quoted from an invalid graph', async () => {
    const steps = hostile
      .map(
        (text, i) =>
          `s${i}:\n  run: x\n  name: ${JSON.stringify(text)}\n  ${JSON.stringify(text)}: 1`
      )
      .join('\n')
    const run = await runAction({ steps })
    expect(run.exitCode).toBe(1)
    const runner = emulateRunner(run.stdout)
    expect(runner.outputsSetByCommand).toEqual([])
    expect(runner.masks).toEqual([])
    expect(runner.processed.map(c => c.name)).not.toContain('stop-commands')
    expect(runner.annotations.at(-1)?.data).toMatch(/^stepgraph: the step graph has 4 problems/)
  })

  it('step names in a dry run and in a run', async () => {
    const steps = hostile
      .map((text, i) => `s${i}:\n  run: "true"\n  name: ${JSON.stringify(text)}`)
      .join('\n')
    const inputsOfRuns: Record<string, string>[] = [{ steps, 'dry-run': 'true' }, { steps }]
    for (const inputs of inputsOfRuns) {
      const run = await runAction(inputs)
      expect(run.exitCode).toBe(0)
      const runner = emulateRunner(run.stdout)
      expect(runner.outputsSetByCommand).toEqual([])
      expect(runner.masks).toEqual([])
    }
  })
})

describe('masks that depend on how the runner reads a step', () => {
  it.each(['stream', 'grouped'])(
    'in %s mode, a mask on stderr covers stdout printed right after (stderr lines first)',
    async output => {
      const steps = Array.from(
        { length: 5 },
        (_, i) => `s${i}: {run: 'echo "::add-mask::errsecret${i}" >&2; echo "value errsecret${i}"'}`
      ).join('\n')
      const run = await runAction({ steps, output, 'max-parallel': '5' })
      const runner = emulateRunner(run.stdout)
      neverShown(
        runner.displayed,
        [0, 1, 2, 3, 4].map(i => `errsecret${i}`)
      )
    }
  )

  it('a byte-order mark before the first line does not hide its mask', async () => {
    const run = await runAction({
      steps: String.raw`
a:
  run: |
    printf '\357\273\277::add-mask::bomsecret\n'
    echo "value: bomsecret"
`
    })
    const runner = emulateRunner(run.stdout)
    expect(runner.masks).toContain('bomsecret')
    neverShown(runner.displayed, ['bomsecret'])
  })

  it("a step's own stop token is masked, as the runner masks every token", async () => {
    const run = await runAction({
      steps: String.raw`
a:
  run: |
    echo "::stop-commands::mytoken1234"
    echo "the token is mytoken1234"
    echo "::mytoken1234::"
`
    })
    neverShown(emulateRunner(run.stdout).displayed, ['mytoken1234'])
  })
})
