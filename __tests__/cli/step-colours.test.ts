import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repositoryRoot } from '../helpers/action.js'
import { runCli, terminalCommand, Tmux } from '../helpers/cli.js'
import { skipWithout } from '../helpers/skip-without.js'

// A step reports the colour variables it got; another colours with picocolors, a real
// library that colours on a pipe only when told to (FORCE_COLOR, or CI: unset below); a
// third sets FORCE_COLOR itself.
const picocolors = path.join(repositoryRoot, 'node_modules/picocolors')
const graph = `
vars: {run: 'echo "FC=\${FORCE_COLOR-unset} CF=\${CLICOLOR_FORCE-unset}"'}
pico:
  run: ${process.execPath} -e 'console.log(require("${picocolors}").red("red text"))'
own: {env: {FORCE_COLOR: "0"}, run: 'echo "own=$FORCE_COLOR"'}
`

/** Red, as tmux redraws it: the colour, maybe other attributes, then the text. */
// eslint-disable-next-line no-control-regex -- an escape sequence is what is looked for
const RED_TEXT = /\u001b\[31m(\u001b\[\d+m)*red text/

/** The terminal's own settings are the test's: none of these comes from the test runner. */
const CLEAN = 'env -u CI -u FORCE_COLOR -u CLICOLOR_FORCE -u NO_COLOR'

function session(env: string): Tmux {
  const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-colours-'))
  writeFileSync(path.join(directory, 'g.yml'), graph)
  return new Tmux(terminalCommand(`${CLEAN} ${env}`), directory)
}

describe.skipIf(skipWithout('tmux'))('steps on a colour terminal', () => {
  it('are told to colour: FORCE_COLOR at the terminal depth and CLICOLOR_FORCE', async () => {
    const tmux = session('')
    try {
      const screen = await tmux.waitFor(/EXIT=\d+/)
      expect(screen).toContain('EXIT=0')
      expect(screen).toMatch(/FC=[123] CF=1/)
      // A step's own env wins.
      expect(screen).toContain('own=0')
      expect(tmux.screen(true)).toMatch(RED_TEXT)
    } finally {
      tmux.kill()
    }
  })

  it('are told nothing with NO_COLOR, and colour nothing', async () => {
    const tmux = session('NO_COLOR=1')
    try {
      const screen = await tmux.waitFor(/EXIT=\d+/)
      expect(screen).toContain('FC=unset CF=unset')
      expect(tmux.screen(true)).not.toMatch(RED_TEXT)
    } finally {
      tmux.kill()
    }
  })

  it("keep the user's own setting", async () => {
    const tmux = session('CLICOLOR_FORCE=0')
    try {
      expect(await tmux.waitFor(/EXIT=\d+/)).toMatch(/FC=[123] CF=0/)
    } finally {
      tmux.kill()
    }
  })
})

describe('steps of a run in a pipe', () => {
  it('are told nothing', async () => {
    const run = await runCli(['run', 'g.yml'], { 'g.yml': graph }, undefined, {
      env: { CLICOLOR_FORCE: '', NO_COLOR: '' }
    })
    expect(run.code).toBe(0)
    // runCli removes FORCE_COLOR; an empty CLICOLOR_FORCE stays empty, never set to 1.
    expect(run.stdout).toContain('FC=unset CF=\n')
  })
})
