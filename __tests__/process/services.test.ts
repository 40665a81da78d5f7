import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resultsOutput } from '../../src/report/results-output.js'
import { makeRunRecord } from '../../src/report/run-record.js'
import { outputOf, processesWithEnvironment, runReal, type RealRun } from '../helpers/processes.js'

// Services as real processes: small node servers started by the graph, readiness tried
// against them for real, and the process table read afterwards, independently of
// stepgraph, for anything the run left behind.

/** A TCP port free now: the kernel's choice, released at once for the service to take. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, 'localhost', resolve))
  const address = server.address()
  await new Promise(resolve => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** A marker in every process the run starts (they all inherit the action's environment). */
function marker(): string {
  return `STEPGRAPH_SERVICE_TEST=${process.pid}-${Math.random()}`
}

/** Runs `yaml` with `mark` and PORT=`port` in every step's environment. */
async function run(yaml: string, mark: string, port = 0, maxParallel = 4): Promise<RealRun> {
  const [name, value] = mark.split('=') as [string, string]
  return runReal(yaml, { maxParallel, stepEnvironment: { [name]: value, PORT: String(port) } })
}

/** An HTTP server on $PORT that says so once it listens; `exitAfter`: it crashes then. */
function server(exitAfterMs?: number): string {
  const crash =
    exitAfterMs === undefined ? '' : `setTimeout(() => process.exit(3), ${exitAfterMs});`
  return (
    `node -e "require('http').createServer((q, s) => s.end('hello from ' + q.url))` +
    `.listen(process.env.PORT, 'localhost', () => console.log('listening on ' + process.env.PORT));${crash}"`
  )
}

/** A step that fetches $PORT's `/<id>` and prints the answer. */
function client(id: string, needs: string): string {
  return [
    `${id}:`,
    `  needs: ${needs}`,
    '  run: |',
    `    node -e "fetch('http://localhost:' + process.env.PORT + '/${id}').then(r => r.text()).then(console.log)"`
  ].join('\n')
}

describe('services as real processes', () => {
  it('starts a server once, runs its dependents against it in parallel, and stops it', async () => {
    const port = await freePort()
    const mark = marker()
    const result = await run(
      [
        'server:',
        '  service: true',
        '  run: |',
        `    ${server()}`,
        '  ready-when:',
        '    line: ^listening on \\d+$',
        `    port: ${port}`,
        `    http: http://localhost:${port}/health`,
        '    run: |',
        `      node -e "fetch('http://localhost:${port}/check').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"`,
        client('a', 'server'),
        client('b', 'server')
      ].join('\n'),
      mark,
      port
    )
    expect(result.statuses).toEqual({ server: 'success', a: 'success', b: 'success' })
    expect(outputOf(result, 'a')).toEqual(['hello from /a'])
    expect(outputOf(result, 'b')).toEqual(['hello from /b'])
    const serverResult = result.result.results[0]
    expect(serverResult?.serviceReadyAt).toEqual(expect.any(Number))
    expect(serverResult?.attempts[0]?.slot).toBe(0)
    // The log says when it started, when it was ready and after how long, when it stopped.
    // `results` gives the service's ready time, from its start; not the other steps'.
    const record = makeRunRecord(result, {
      slots: 4,
      lastLines: () => [],
      annotations: [],
      annotationsLeftOut: 0
    })
    const readyMs = record.steps[0]?.['service-ready-ms']
    expect(readyMs).toEqual(expect.any(Number))
    expect(readyMs).toBeLessThanOrEqual(record.steps[0]?.['duration-ms'] ?? 0)
    expect(record.steps[1]).not.toHaveProperty('service-ready-ms')
    const results = JSON.parse(resultsOutput(record).json) as Record<
      string,
      { 'service-ready-ms'?: number }
    >
    expect(results.server?.['service-ready-ms']).toBe(readyMs)
    const own = result.log.lines.join('\n')
    expect(own).toMatch(/▶ server started \(service\)/)
    expect(own).toMatch(/● server ready after \d/)
    expect(own).toMatch(/■ server stopping: no step needs it any more/)
    expect(processesWithEnvironment(mark)).toEqual([])
  })

  it('fails a service never ready in time, skips its dependents, and leaves nothing', async () => {
    const port = await freePort()
    const mark = marker()
    const result = await run(
      [
        'db:',
        '  service: true',
        '  run: echo starting; sleep 1000',
        `  ready-when: {port: ${port}}`,
        '  ready-timeout-minutes: 0.02',
        'test: {needs: db, run: touch test-ran}'
      ].join('\n'),
      mark
    )
    expect(result.statuses).toEqual({ db: 'failure', test: 'skipped' })
    const reason = `not ready within 0.02 minutes: port ${port} never accepted a connection (ECONNREFUSED)`
    expect(result.result.results[0]?.reason).toBe(reason)
    expect(result.result.results[1]?.reason).toBe(`needs \`db\`, which failed (${reason})`)
    expect(existsSync(path.join(result.workingDirectory, 'test-ran'))).toBe(false)
    expect(processesWithEnvironment(mark)).toEqual([])
  })

  it('a server that crashes while a dependent runs fails; the dependent not started is skipped', async () => {
    const port = await freePort()
    const mark = marker()
    const result = await run(
      [
        'server:',
        '  service: true',
        '  run: |',
        `    ${server(1500)}`,
        `  ready-when: {port: ${port}}`,
        'long: {needs: server, run: sleep 4}',
        'later: {needs: server, run: touch later-ran}'
      ].join('\n'),
      mark,
      port,
      1
    )
    expect(result.statuses).toEqual({ server: 'failure', long: 'success', later: 'skipped' })
    expect(result.result.results[0]?.reason).toBe('exited (exit code 3) while `long` needed it')
    expect(result.result.results[2]?.reason).toContain('needs `server`, which failed (exited')
    expect(existsSync(path.join(result.workingDirectory, 'later-ran'))).toBe(false)
    expect(processesWithEnvironment(mark)).toEqual([])
  })

  it('a `run:` check that never succeeds is ended with the service, and so is a service trapping SIGTERM', async () => {
    const mark = marker()
    const result = await run(
      [
        'db:',
        '  service: true',
        "  run: trap '' TERM; sleep 1000",
        '  ready-when: {run: "sleep 1000; exit 1"}',
        '  ready-timeout-minutes: 0.01',
        'test: {needs: db, run: "true"}'
      ].join('\n'),
      mark
    )
    expect(result.statuses).toEqual({ db: 'failure', test: 'skipped' })
    expect(result.result.results[0]?.reason).toBe(
      'not ready within 0.01 minutes: the check never succeeded'
    )
    expect(processesWithEnvironment(mark)).toEqual([])
  })

  it('gives its dependents its outputs and exports written before it was ready', async () => {
    const mark = marker()
    const result = await run(
      [
        'server:',
        '  service: true',
        '  run: |',
        '    echo "url=http://localhost:$PORT" >> "$GITHUB_OUTPUT"',
        '    echo "SERVER_URL=http://localhost:$PORT" >> "$GITHUB_ENV"',
        '    echo up; sleep 1000',
        '  ready-when: {line: up}',
        'use:',
        '  needs: server',
        '  run: |',
        '    echo "${{ needs.server.result }} ${{ needs.server.outputs.url }} $SERVER_URL"'
      ].join('\n'),
      mark,
      8080
    )
    expect(result.statuses).toEqual({ server: 'success', use: 'success' })
    expect(outputOf(result, 'use')).toEqual(['success http://localhost:8080 http://localhost:8080'])
    expect(processesWithEnvironment(mark)).toEqual([])
  })

  it('grouped: its output is one group when it stops, after its dependents’', async () => {
    const mark = marker()
    const [name, value] = mark.split('=') as [string, string]
    const result = await runReal(
      [
        'server:',
        '  service: true',
        '  run: |',
        '    echo up; trap "echo bye; exit 0" TERM; while :; do sleep 0.1; done',
        '  ready-when: {line: up}',
        'use: {needs: server, run: echo using}'
      ].join('\n'),
      { output: 'grouped', stepEnvironment: { [name]: value } }
    )
    expect(result.statuses).toEqual({ server: 'success', use: 'success' })
    const transcript = result.log.transcript.join('\n')
    const group = transcript.indexOf('::group::✓ server')
    expect(group).toBeGreaterThan(transcript.indexOf('::group::✓ use'))
    expect(transcript.slice(group)).toMatch(/up\n.*bye/s)
    expect(processesWithEnvironment(mark)).toEqual([])
  })

  it('fails a service that wrote a malformed GITHUB_OUTPUT, as any step', async () => {
    const mark = marker()
    const result = await run(
      [
        'server:',
        '  service: true',
        '  run: |',
        '    printf "broken<<EOF\\nno end\\n" >> "$GITHUB_OUTPUT"',
        '    echo up; sleep 1000',
        '  ready-when: {line: up}',
        'use: {needs: server, run: "true"}'
      ].join('\n'),
      mark
    )
    expect(result.statuses).toEqual({ server: 'failure', use: 'success' })
    expect(result.result.results[0]?.reason).toMatch(/^GITHUB_OUTPUT: /)
    expect(processesWithEnvironment(mark)).toEqual([])
  })

  // Last: a stop signal is remembered for the rest of the process.
  it('a cancel while a service runs stops it and its dependents, and leaves nothing', async () => {
    const port = await freePort()
    const mark = marker()
    const running = run(
      [
        'server:',
        '  service: true',
        '  run: |',
        `    ${server()}`,
        `  ready-when: {line: listening}`,
        'test: {needs: server, run: "touch test-started; sleep 1000"}'
      ].join('\n'),
      mark,
      port
    )
    // Cancel once the dependent runs (the service is then ready).
    for (let i = 0; i < 600; i++) {
      const found = processesWithEnvironment(mark).some(p => p.includes('sleep 1000'))
      if (found) break
      await new Promise(resolve => setTimeout(resolve, 50))
    }
    process.emit('SIGTERM', 'SIGTERM')
    const result = await running
    expect(result.statuses).toEqual({ server: 'success', test: 'cancelled' })
    expect(result.result.cancelled).toBe(true)
    expect(processesWithEnvironment(mark)).toEqual([])
  })
})
