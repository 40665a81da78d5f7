import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BLOCK_SIZE } from '../../src/report/output-buffer.js'
import { MAX_HELD_LINE } from '../../src/report/output-filter.js'
import { runCli, terminalCommand, Tmux } from '../helpers/cli.js'
import { skipWithout } from '../helpers/skip-without.js'

const REPLACEMENT_CHARACTER = Buffer.from('\ufffd')
const C1_CSI = Buffer.from('\u009b')

/** `count` bytes of 16-byte lines of x, the last one cut short: printed before a sequence. */
function filler(count: number): string {
  return `yes xxxxxxxxxxxxxxx | head -c ${count}`
}

describe('step output in a pipe', () => {
  it('has no escape sequence at all and keeps every character, however the output is cut', async () => {
    // Grouped output is kept in blocks and written out block by block: each step puts a
    // sequence or a character across the end of the first block. Another is cut between
    // two reads of the pipe.
    const graph = [
      'escape:',
      '  run: |',
      `    ${filler(BLOCK_SIZE - 2)}`,
      "    printf '\\033[2Jafter the escape\\n'",
      'character:',
      '  run: |',
      `    ${filler(BLOCK_SIZE - 1)}`,
      // The colour after it has the block read as text by a filter that decodes blocks.
      "    printf '\\303\\251 after the character \\033[1mbold\\033[0m\\n'",
      'c1:',
      '  run: |',
      `    ${filler(BLOCK_SIZE - 1)}`,
      "    printf '\\302\\2332J after the C1 control\\n'",
      'reads:',
      '  run: |',
      "    printf 'before \\033'; sleep 0.2; printf ']52;c;cHduZWQ=\\007 caf\\303'; sleep 0.2",
      "    printf '\\251 after the reads\\n'"
    ].join('\n')
    const run = await runCli(['run', 'g.yml', '-j', '4'], { 'g.yml': graph })
    expect(run.code).toBe(0)
    expect(run.stdoutBytes.includes(0x1b)).toBe(false)
    expect(run.stdoutBytes.includes(C1_CSI)).toBe(false)
    expect(run.stdoutBytes.includes(REPLACEMENT_CHARACTER)).toBe(false)
    expect(run.stdout).toContain('xxxxxxxxxxxxxxafter the escape\n')
    expect(run.stdout).toContain('xxxxxxxxxxxxxxé after the character bold\n')
    expect(run.stdout).toContain('xxxxxxxxxxxxxxx after the C1 control\n')
    expect(run.stdout).toContain('before  café after the reads\n')
  })
})

describe.skipIf(skipWithout('tmux'))('step output on a terminal', () => {
  it('passes colours, and nothing that moves the cursor, clears the screen, sets the title or the clipboard', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-tty-'))
    const graph = [
      'hostile:',
      '  run: |',
      "    printf 'kept line\\n'",
      "    printf '\\033[2J\\033[H'",
      "    printf '\\033[5A\\033[2Kmoved\\n'",
      "    printf '\\033]52;c;cHduZWQ=\\007'",
      "    printf '\\033]2;pwned-title\\033\\\\'",
      "    printf '\\033[?1049h'",
      "    printf '\\302\\2332J\\033[1;1H'",
      "    printf '\\033[31mred\\033[0m caf\\303'; sleep 0.3; printf '\\251\\n'"
    ].join('\n')
    writeFileSync(path.join(directory, 'g.yml'), graph)
    // tmux lets programs set its clipboard (OSC 52) only when told to.
    const tmux = new Tmux(terminalCommand(), directory, ['set -g set-clipboard on'])
    try {
      const end = await tmux.waitFor(/EXIT=\d+/)
      expect(end).toContain('EXIT=0')
      // Nothing was cleared or overwritten: every line is there, in order, then the table.
      expect(end).toMatch(
        /▶ hostile started in slot 1\n[^\n]*✓ hostile · \d+ms\nkept line\nmoved\nred café\n/
      )
      expect(end).toMatch(/✓ success {2}hostile/)
      expect(tmux.display('#{alternate_on}')).toBe('0')
      expect(tmux.display('#{pane_title}')).not.toBe('pwned-title')
      expect(tmux.buffers()).toBe('')
      expect(tmux.screen(true)).toContain('\u001b[31mred')
    } finally {
      tmux.kill()
    }
  })

  it('does not draw the live view inside a line, where erasing it would erase the line', async () => {
    // A line too long to hold is passed on in pieces as it comes: while it is open, the
    // live view would start on its last row, and erasing it later erased that row.
    const directory = mkdtempSync(path.join(tmpdir(), 'stepgraph-tty-'))
    const graph = [
      'long:',
      '  run: |',
      `    head -c ${MAX_HELD_LINE + 100_000} /dev/zero | tr '\\0' x`,
      "    printf 'TAIL-MARKER'; sleep 1; printf '\\nEND\\n'"
    ].join('\n')
    writeFileSync(path.join(directory, 'g.yml'), graph)
    const tmux = new Tmux(
      terminalCommand().replace('run g.yml', 'run g.yml --output stream'),
      directory
    )
    try {
      const end = await tmux.waitFor(/EXIT=\d+/)
      expect(end).toContain('EXIT=0')
      expect(end).toMatch(/xTAIL-MARKER\n\[long\] END\n/)
    } finally {
      tmux.kill()
    }
  })
})
