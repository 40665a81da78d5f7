import { describe, expect, it } from 'vitest'
import { LiveView } from '../../src/cli/live-view.js'
import { finalTable } from '../../src/cli/final-table.js'
import type { Paint } from '../../src/cli/terminal.js'
import { graphOf } from '../helpers/processes.js'

const plain: Paint = {
  enabled: false,
  green: text => text,
  red: text => text,
  yellow: text => text,
  dim: text => text,
  bold: text => text
}

describe('the live region with services', () => {
  it('lists running services apart from running steps, with their state', async () => {
    const graph = await graphOf(
      'db: {run: x, service: true}\napi: {run: x, service: true}\nt: {needs: [db, api], run: x}'
    )
    let now = 0
    const view = new LiveView(graph, () => now, plain, 0)
    const { observer } = view
    observer.attemptStarted?.({ step: 0, slot: 0, attempt: 1, at: 0, wallTime: 0 })
    observer.attemptStarted?.({ step: 1, slot: 0, attempt: 1, at: 0, wallTime: 0 })
    now = 1500
    observer.serviceReady?.({ step: 0, at: 1500, startedAt: 0 })
    observer.attemptStarted?.({ step: 2, slot: 1, attempt: 1, at: 1500, wallTime: 0 })
    now = 3000
    expect(view.render().split('\n').slice(1)).toEqual([
      '  [1] t 1.5s',
      '  services: db ready 3.0s, api starting 3.0s'
    ])
    // The header counts running steps only.
    expect(view.render()).toMatch(/ 1 running · 0\/3 done/)
    observer.serviceStopping?.({ step: 0, at: 3000, reason: 'no step needs it any more' })
    observer.attemptEnded?.({
      step: 1,
      slot: 0,
      attempt: 1,
      at: 3000,
      status: 'failure',
      exit: { exitCode: 1, signal: null }
    })
    expect(view.render().split('\n').at(-1)).toBe('  services: db stopping 3.0s')
  })
})

describe('the final table with a service', () => {
  it('counts a service in the step time only until it was ready, and shows svc as its slot', async () => {
    const graph = await graphOf('db: {run: x, service: true}\nt: {needs: db, run: x}')
    const attempt = (slot: number, startedAt: number, endedAt: number) => ({
      attempt: 1,
      slot,
      startedAt,
      endedAt,
      startedAtWall: 0,
      status: 'success' as const,
      exit: { exitCode: 0, signal: null }
    })
    const table = finalTable(
      graph,
      {
        results: [
          {
            step: 0,
            status: 'success',
            readyAt: 0,
            serviceReadyAt: 500,
            attempts: [attempt(0, 0, 4000)]
          },
          { step: 1, status: 'success', readyAt: 500, attempts: [attempt(1, 500, 3500)] }
        ],
        startedAt: 0,
        endedAt: 4000,
        startedAtWall: 0,
        cancelled: false
      },
      plain
    )
    expect(table).toMatch(/✓ success {2}db +4\.0s +svc +1/)
    // 500 ms until the server was ready, then 3 s of `t`: no speed-up claimed from serving.
    expect(table).toContain('4.0s wall, 3.5s of steps')
    expect(table).not.toContain('× parallel')
  })
})
