import { rmSync, truncateSync } from 'node:fs'
import path from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { BLOCK_SIZE, OutputBuffer } from '../../src/report/output-buffer.js'
import { QueuedWriter } from '../../src/report/queued-writer.js'
import { formatBytes, replayOutput } from '../../src/report/replay.js'
import { cleanUpTempDirectories, tempDirectory } from '../helpers/files.js'

cleanUpTempDirectories()

/** `first\n` ... `last\n`, as a step printing numbered lines would. */
function numberedLines(first: number, last: number): Buffer {
  const lines: string[] = []
  for (let n = first; n <= last; n++) lines.push(`${n}\n`)
  return Buffer.from(lines.join(''))
}

/** Appends in pipe-sized chunks. */
function appendAll(buffer: OutputBuffer, data: Buffer): void {
  for (let at = 0; at < data.length; at += 65536) buffer.append([data.subarray(at, at + 65536)])
}

/** What a replay writes, notes included, as the log would get it. */
async function replayed(buffer: OutputBuffer): Promise<string> {
  const pieces: Buffer[] = []
  await replayOutput(buffer, {
    write: written => {
      pieces.push(...written.map(piece => Buffer.from(piece)))
      return Promise.resolve()
    },
    note: text => {
      pieces.push(Buffer.from(`${text}\n`))
      return Promise.resolve()
    },
    stopped: undefined,
    hurried: false
  })
  return Buffer.concat(pieces).toString()
}

/** The numbered lines at the start of `text`, checking that they are 1, 2, 3 ... and whole. */
function leadingNumbers(text: string): number {
  const lines = text.split('\n')
  let n = 0
  while (lines[n] === String(n + 1)) n++
  return n
}

describe('output kept through I/O faults', () => {
  it('keeps all the output when the directory is removed after the spill began', async () => {
    const directory = tempDirectory()
    const buffer = new OutputBuffer(directory, 'a.1')
    const all = numberedLines(1, 400_000)
    appendAll(buffer, all.subarray(0, 1_000_000))
    rmSync(directory, { recursive: true, force: true })
    appendAll(buffer, all.subarray(1_000_000))
    expect(await replayed(buffer)).toBe(all.toString())
  })

  it('keeps the first block when the spill file cannot be created, whole lines only, and says why', async () => {
    const missing = path.join(tempDirectory(), 'gone')
    const buffer = new OutputBuffer(missing, 'a.1')
    const all = numberedLines(1, 200_000)
    expect(() => {
      appendAll(buffer, all)
    }).not.toThrow()
    const text = await replayed(buffer)
    const shown = leadingNumbers(text)
    const kept = all.subarray(0, BLOCK_SIZE)
    // Up to the last whole line of the first block, then the note on a line of its own.
    expect(text.slice(0, text.indexOf('stepgraph:'))).toBe(
      kept.subarray(0, kept.lastIndexOf(0x0a) + 1).toString()
    )
    const lost = all.length - kept.lastIndexOf(0x0a) - 1
    expect(text.split('\n')[shown]).toBe(
      `stepgraph: the rest of this output (${formatBytes(lost)}) was lost: ` +
        `its file in the temp directory could not be created (ENOENT: no such file or directory, open '${missing}/a.1.log')`
    )
    expect(text.endsWith('\n')).toBe(true)
  })

  it('says so when the spill file was shortened before it was read back', async () => {
    const directory = tempDirectory()
    const buffer = new OutputBuffer(directory, 'a.1')
    const all = numberedLines(1, 300_000)
    appendAll(buffer, all)
    // Every block in its file, then the file cut short behind stepgraph's back.
    await buffer.contents()
    truncateSync(path.join(directory, 'a.1.log'), 100_000)
    const text = await replayed(buffer)
    const shown = leadingNumbers(text)
    expect(text.split('\n').slice(shown)).toEqual([
      expect.stringMatching(
        /^stepgraph: the rest of this output \(.* MiB\) was lost: its file in the temp directory was shortened by another process$/
      ),
      ''
    ])
    // The memory block and the file's first 100,000 bytes, to their last whole line.
    expect(shown).toBeGreaterThan(40_000)
  })
})

describe('sizes in notes', () => {
  it('are given in bytes, KiB, MiB or GiB', () => {
    expect([12, 4096, 1_026_768, 2.5 * 2 ** 20, 3 * 2 ** 30].map(formatBytes)).toEqual([
      '12 bytes',
      '4.0 KiB',
      '1002.7 KiB',
      '2.5 MiB',
      '3.0 GiB'
    ])
  })
})

describe('the log queue', () => {
  it('goes on after a job fails, saying what was lost on a line of its own', async () => {
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (chunk: Buffer) => chunks.push(chunk))
    const writer = new QueuedWriter(out)
    writer.output(Buffer.from('partial'))
    writer.job(() => Promise.reject(new Error('the disk went away')))
    writer.startLine()
    writer.write('after\n')
    await writer.flush()
    expect(Buffer.concat(chunks).toString()).toBe(
      'partial\nstepgraph: part of the log was lost: the disk went away\nafter\n'
    )
  })

  it('cut at its deadline: step output is left out with a note on a line of its own, and stepgraph’s own lines still go out', async () => {
    // A reader taking 800 KB/s (20 ms for each 16 KiB): 7 MB would take 9 s.
    const received: Buffer[] = []
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        // A copy, as a pipe takes one: the replay reuses its buffers once a write is done.
        received.push(Buffer.from(chunk))
        setTimeout(done, Math.ceil(chunk.length / 16384) * 20)
      }
    })
    const writer = new QueuedWriter(slow)
    const buffer = new OutputBuffer(tempDirectory(), 'big.1')
    const all = numberedLines(1, 1_000_000)
    appendAll(buffer, all)
    writer.write('before\n')
    writer.job(target => replayOutput(buffer, target))
    writer.output(Buffer.from('a streamed line\n'))
    writer.startLine()
    writer.write('after\n')
    writer.cutAfter(300, 'time ran out')
    // Runs just after the cut (timers due at once run in the order they were set).
    let receivedAtCut = 0
    setTimeout(() => {
      receivedAtCut = Buffer.concat(received).length
    }, 300)
    await writer.flush()
    await new Promise<void>(resolve => slow.end(resolve))
    // After a stop signal the replay goes in small pieces: what was already handed to the
    // stream when the log was cut is little (at most two pieces of 64 KiB, plus notes).
    const afterCut = Buffer.concat(received).length - receivedAtCut
    expect(afterCut).toBeLessThan(160 * 1024)

    const text = Buffer.concat(received).toString()
    expect(text.startsWith('before\n')).toBe(true)
    const replay = text.slice('before\n'.length)
    const shown = leadingNumbers(replay)
    const notShown = all.length - numberedLines(1, shown).length
    expect(replay.split('\n').slice(shown)).toEqual([
      `stepgraph: the rest of this output (${formatBytes(notShown)}) was not shown: time ran out`,
      'stepgraph: step output from here on is not shown: time ran out',
      'after',
      ''
    ])
    expect(shown).toBeGreaterThan(0)
  })
})
