import { describe, expect, it } from 'vitest'
import { LEFT_OUT_KEY, resultsOutput } from '../../src/report/results-output.js'
import type { RunRecord, StepRecord } from '../../src/report/run-record.js'
import type { StepStatus } from '../../src/scheduler/results.js'

function step(id: string, status: StepStatus, outputs: Record<string, string> = {}): StepRecord {
  return {
    id,
    name: id,
    needs: [],
    'continue-on-error': false,
    status,
    reason: null,
    'skipped-because-of': null,
    'exit-code': status === 'success' ? 0 : 1,
    signal: null,
    'started-at': '2024-01-01T00:00:00.000Z',
    'duration-ms': 5,
    'queue-wait-ms': 0,
    'ready-ms': 0,
    attempts: [],
    outputs,
    'last-lines': [],
    summary: null
  }
}

function record(steps: StepRecord[]): RunRecord {
  return {
    format: 'stepgraph-run-record',
    version: 1,
    status: 'success',
    cancelled: false,
    'started-at': '2024-01-01T00:00:00.000Z',
    'duration-ms': 10,
    slots: 2,
    failed: [],
    steps,
    annotations: [],
    'annotations-left-out': 0
  }
}

describe('the `results` output', () => {
  it('is the steps keyed by id, in declaration order, with their outputs', () => {
    const { json, leftOut } = resultsOutput(
      record([step('b', 'success', { v: '1' }), step('a', 'failure')])
    )
    expect(leftOut).toEqual({ outputs: 0, steps: 0 })
    expect(Object.keys(JSON.parse(json) as object)).toEqual(['b', 'a'])
    expect(JSON.parse(json)).toEqual({
      b: {
        name: 'b',
        status: 'success',
        'exit-code': 0,
        signal: null,
        attempts: 0,
        'started-at': '2024-01-01T00:00:00.000Z',
        'duration-ms': 5,
        outputs: { v: '1' }
      },
      a: {
        name: 'a',
        status: 'failure',
        'exit-code': 1,
        signal: null,
        attempts: 0,
        'started-at': '2024-01-01T00:00:00.000Z',
        'duration-ms': 5,
        outputs: {}
      }
    })
  })

  it('keeps ids and output names such as __proto__ as ordinary keys', () => {
    const outputs = Object.fromEntries([
      ['__proto__', 'p'],
      ['constructor', 'c']
    ])
    const { json } = resultsOutput(
      record([step('__proto__', 'success', outputs), step('toString', 'success')])
    )
    const parsed = JSON.parse(json) as Record<string, { outputs: Record<string, string> }>
    expect(Object.keys(parsed)).toEqual(['__proto__', 'toString'])
    expect(Object.entries(parsed.__proto__?.outputs ?? {})).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c']
    ])
  })

  it('leaves out the largest output values first to stay within the limit, and says how many', () => {
    const steps = [
      step('a', 'success', { small: 'x', big: 'y'.repeat(600) }),
      step('b', 'success', { bigger: 'z'.repeat(700) })
    ]
    const { json, leftOut } = resultsOutput(record(steps), 700)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(700)
    expect(leftOut).toEqual({ outputs: 2, steps: 0 })
    const parsed = JSON.parse(json) as Record<string, { outputs?: object; 'left-out'?: object }>
    expect(parsed.a?.outputs).toEqual({ small: 'x' })
    expect(parsed.b?.outputs).toEqual({})
    expect(parsed[LEFT_OUT_KEY]).toEqual({ 'left-out': { outputs: 2, steps: 0 } })
  })

  it('then leaves out whole steps, those that succeeded first and the last declared first', () => {
    const steps = [
      step('failed', 'failure'),
      ...Array.from({ length: 20 }, (_, i) => step(`ok${i}`, 'success', { v: 'x'.repeat(50) }))
    ]
    const { json, leftOut } = resultsOutput(record(steps), 1500)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(1500)
    const ids = Object.keys(JSON.parse(json) as object)
    expect(ids[0]).toBe('failed')
    expect(ids.at(-1)).toBe(LEFT_OUT_KEY)
    const kept = ids.slice(1, -1)
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => `ok${i}`))
    expect(leftOut).toEqual({ outputs: 20, steps: 20 - kept.length })
  })

  it('fits any record in the limit, to the byte, the same JSON every time', () => {
    for (const limit of [200, 333, 1000, 4096]) {
      const steps = Array.from({ length: 30 }, (_, i) =>
        step(`s${i}`, i % 3 === 0 ? 'failure' : 'success', {
          [`o${i}`]: 'é'.repeat((i * 37) % 101),
          other: '"'.repeat(i)
        })
      )
      const first = resultsOutput(record(steps), limit)
      expect(Buffer.byteLength(first.json)).toBeLessThanOrEqual(limit)
      expect(() => JSON.parse(first.json) as unknown).not.toThrow()
      expect(resultsOutput(record(steps), limit).json).toBe(first.json)
    }
  })
})
