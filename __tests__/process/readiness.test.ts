import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'
import {
  Readiness,
  READY_LINE_MAX_CHARS,
  READY_PROBE_INTERVAL_MS
} from '../../src/process/readiness.js'
import { SessionReaper } from '../../src/process/reaper.js'
import { startService } from '../../src/process/service-start.js'
import { shellSpec } from '../../src/process/shell.js'
import type { StepFiles } from '../../src/process/step-files.js'

function readiness(readyWhen: ConstructorParameters<typeof Readiness>[0]['readyWhen']): {
  readiness: Readiness
  woken: () => Promise<void>
} {
  let wake: () => void = () => undefined
  const r = new Readiness({
    readyWhen,
    startCheck: () => {
      throw new Error('no check here')
    },
    wake: () => {
      wake()
    }
  })
  return {
    readiness: r,
    woken: () =>
      new Promise(resolve => {
        wake = resolve
      })
  }
}

describe('readiness', () => {
  it('matches `line` across chunks, per stream, and a last line without a newline', () => {
    const { readiness: r } = readiness({ line: '^listening on \\d+$' })
    r.observe('stdout', Buffer.from('starting\nlisten'))
    r.observe('stderr', Buffer.from('ing on 80 (not this stream)\n'))
    expect(r.isReady(0)).toBe(false)
    expect(r.notReadyBecause()).toBe('no line matched `^listening on \\d+$`')
    r.observe('stdout', Buffer.from('ing on 80'))
    expect(r.isReady(0)).toBe(true)
    expect(r.notReadyBecause()).toBeUndefined()
  })

  it('keeps at most READY_LINE_MAX_CHARS of a line without a newline', () => {
    const { readiness: r } = readiness({ line: 'x$' })
    const chunk = Buffer.alloc(1024 * 1024, 'a')
    for (let i = 0; i < 64; i++) r.observe('stdout', chunk)
    // The kept part is bounded: a match after it is not found, and memory stays small.
    r.observe('stdout', Buffer.from('x'))
    expect(r.isReady(0)).toBe(false)
    expect(READY_LINE_MAX_CHARS).toBe(65536)
    r.observe('stdout', Buffer.from('\nthen x'))
    expect(r.isReady(0)).toBe(true)
  })

  it('`http` holds only on a 2xx answer, tried again until then', async () => {
    let status = 503
    const server = createServer((_request, response) => {
      response.statusCode = status
      response.end('body')
    })
    await new Promise<void>(resolve => server.listen(0, 'localhost', resolve))
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    const url = `http://localhost:${address.port}/health`
    try {
      const { readiness: r, woken } = readiness({ http: url })
      let woke = woken()
      expect(r.isReady(performance.now())).toBe(false)
      await woke
      expect(r.isReady(performance.now())).toBe(false)
      expect(r.notReadyBecause()).toBe(`${url} never answered 2xx (it answered 503)`)
      // The next try is due after the interval, not at once.
      expect(r.nextDeadline()).toBeGreaterThan(performance.now())
      status = 204
      woke = woken()
      await new Promise(resolve => setTimeout(resolve, 300))
      r.isReady(performance.now())
      await woke
      expect(r.isReady(performance.now())).toBe(true)
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  })

  it('`port` says why it did not hold; all conditions given must hold', async () => {
    const { readiness: r, woken } = readiness({ port: 1, line: 'up' })
    r.observe('stdout', Buffer.from('up\n'))
    const woke = woken()
    expect(r.isReady(performance.now())).toBe(false)
    await woke
    r.isReady(performance.now())
    expect(r.notReadyBecause()).toBe('port 1 never accepted a connection (ECONNREFUSED)')
    r.close(performance.now())
    expect(r.nextDeadline()).toBeUndefined()
  })
})

describe('a `run:` check that cannot start', () => {
  it('fails with the reason and is tried again, never throwing into the loop', () => {
    const reaper = new SessionReaper()
    const service = startService(
      { readyWhen: { run: 'true' }, readyTimeoutMinutes: 1 },
      {
        shell: shellSpec('bash', 'linux'),
        command: '/bin/bash',
        os: 'linux',
        cwd: '/',
        env: {},
        // A directory that does not exist: writing the check's script fails (as EMFILE
        // or ENOSPC would).
        files: { script: '/nonexistent-stepgraph-dir/db.1.script.sh' } as StepFiles,
        reaper,
        wake: () => undefined
      },
      () => undefined
    )
    const worker = service.worker({
      poll: () => undefined,
      stop: () => undefined,
      kill: () => undefined,
      hasExited: () => false
    })
    expect(worker.isReady?.(0)).toBe(false)
    expect(worker.isReady?.(1)).toBe(false)
    expect(worker.notReadyBecause?.()).toMatch(
      /^the check never succeeded \(its script could not be written: ENOENT: no such file or directory, open '\/nonexistent-stepgraph-dir\/db\.1\.ready-check\.sh'\)$/
    )
    // Tried again after the interval.
    expect(worker.nextDeadline?.()).toBeGreaterThanOrEqual(1 + READY_PROBE_INTERVAL_MS)
  })
})
