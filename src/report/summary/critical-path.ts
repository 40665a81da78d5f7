import { count } from '../plan.js'
import { runCriticalPath, type CriticalLink, type PathStep } from '../run-critical-path.js'
import { code, formatDuration } from '../text.js'
import type { SummaryModel, SummaryStep } from './model.js'
import { slotName } from './model.js'

/** The critical path of the run as it went, as the table and the timeline mark it. */
export interface RunPath {
  /** From the start of the run to its end. */
  readonly links: readonly CriticalLink[]
  /** Indices of the steps on it. */
  readonly steps: ReadonlySet<number>
  /** The attempts on it, as `step/attempt`. */
  readonly attempts: ReadonlySet<string>
  /** For each step on it that waited for a slot: how long. */
  readonly slotWaits: ReadonlyMap<number, number>
}

/** The key of an attempt in RunPath.attempts. */
export function attemptKey(step: number, attempt: number): string {
  return `${step}/${attempt}`
}

/**
 * The chain of events that set the wall time (runCriticalPath), from the model: a step's
 * needs are the steps of the same shard with that id, or instances of it.
 */
export function runPathOf(model: SummaryModel): RunPath {
  const byName = stepsByName(model.steps)
  const links = runCriticalPath(model.steps.map(step => pathStep(byName, step)))
  const slotWaits = new Map<number, number>()
  for (const link of links) {
    if (link.heldBy.kind === 'slot') slotWaits.set(link.step, link.heldBy.waitedMs)
  }
  return {
    links,
    steps: new Set(links.map(link => link.step)),
    attempts: new Set(links.map(link => attemptKey(link.step, link.attempt))),
    slotWaits
  }
}

/** A name `needs` may give, within a shard: a step's id, or a matrix step's for its instances. */
function nameKey(shard: number | undefined, id: string): string {
  return `${shard ?? 0}\u0000${id}`
}

function stepsByName(steps: readonly SummaryStep[]): Map<string, number[]> {
  const byName = new Map<string, number[]>()
  const add = (key: string, index: number): void => {
    byName.set(key, [...(byName.get(key) ?? []), index])
  }
  steps.forEach((step, index) => {
    add(nameKey(step.shard, step.id), index)
    if (step.instanceOf !== undefined) add(nameKey(step.shard, step.instanceOf), index)
  })
  return byName
}

function pathStep(byName: ReadonlyMap<string, readonly number[]>, step: SummaryStep): PathStep {
  return {
    needs: step.needs.flatMap(need => byName.get(nameKey(step.shard, need)) ?? []),
    readyAt: step.readyAt,
    attempts: step.attempts.map(attempt => ({
      slot: slotNumber(step, attempt.slot),
      startedAt: attempt.startedAt,
      endedAt: attempt.endedAt,
      cancelled: attempt.status === 'cancelled'
    })),
    ...(step.serviceReadyAt !== undefined && { serviceReadyAt: step.serviceReadyAt })
  }
}

/** Slots of different shards are different slots: numbered apart for the path. */
function slotNumber(step: SummaryStep, slot: number): number {
  return (step.shard ?? 0) * 1_000_000 + slot
}

/**
 * The critical path in words, from the start: each link after the first says what let
 * it start — the need that ended (→), a retry, or the slot it waited for (⇢, with the
 * wait), since those are where more slots would have helped.
 */
export function criticalPathSection(model: SummaryModel, path: RunPath): string | null {
  if (path.links.length === 0) return null
  const words = path.links.map((link, i) => {
    const step = model.steps[link.step] as SummaryStep
    const id = code(step.id)
    if (link.attempt === 0) return `${i === 0 ? '' : '→ '}${id} (skipped)`
    const retry = link.attempt > 1 ? ` attempt ${link.attempt}` : ''
    const held = link.heldBy
    switch (held.kind) {
      case 'start':
        return `${id}${retry}`
      case 'need':
        return `→ ${id}${retry}`
      case 'retry':
        return `→ ${id}${retry} (a retry)`
      case 'slot':
        // The step before it on the chain is the one that left the slot.
        return (
          `⇢ ${id}${retry} (**waited ${formatDuration(held.waitedMs)}** for ` +
          `${slotName(step, step.attempts[link.attempt - 1]?.slot ?? 0).toLowerCase()})`
        )
    }
  })
  const waits = [...path.slotWaits.values()]
  const lines = [
    `**Critical path**: what set the ${formatDuration(model.wallMs)} of wall-clock time, ` +
      `from the start: ${words.join(' ')}`
  ]
  if (waits.length > 0) {
    const total = waits.reduce((sum, wait) => sum + wait, 0)
    lines.push(
      '',
      `${count(waits.length, 'wait')} for a slot on it (${formatDuration(total)} in all, ⇢): ` +
        'more slots could have shortened the run there.'
    )
  }
  return lines.join('\n')
}
