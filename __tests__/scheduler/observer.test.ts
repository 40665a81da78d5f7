import { describe, expect, it } from 'vitest'
import { observeAll, type SchedulerObserver } from '../../src/scheduler/observer.js'

describe('observeAll', () => {
  it('tells each observer of every event, in the order given, skipping the absent', () => {
    const heard: string[] = []
    const named = (name: string): SchedulerObserver => ({
      attemptStarted: event => heard.push(`${name} started ${event.step}`),
      serviceStopping: event => heard.push(`${name} stopping ${event.step}`),
      pollRound: now => heard.push(`${name} round ${now}`)
    })
    const all = observeAll(named('estimate'), undefined, named('reporter'))
    all.attemptStarted?.({ step: 3, slot: 1, attempt: 1, at: 0, wallTime: 0 })
    all.serviceStopping?.({ step: 0, at: 5, reason: 'no step needs it any more' })
    all.attemptEnded?.({
      step: 3,
      slot: 1,
      attempt: 1,
      at: 9,
      status: 'success',
      exit: { exitCode: 0, signal: null }
    })
    all.pollRound?.(10)
    expect(heard).toEqual([
      'estimate started 3',
      'reporter started 3',
      'estimate stopping 0',
      'reporter stopping 0',
      'estimate round 10',
      'reporter round 10'
    ])
  })
})
