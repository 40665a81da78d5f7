import { count } from '../report/plan.js'
import { code, formatDuration } from '../report/text.js'
import type { ShardPlan } from './shard-plan.js'
import { shardText } from './shard-of.js'

/** A shard's expected time: a duration from timings, or a number of steps without them. */
function expected(plan: ShardPlan, ms: number): string {
  return plan.weights.basis === 'step-count' ? count(Math.round(ms), 'step') : formatDuration(ms)
}

/** What the balance was based on, in words. */
export function basisText(plan: ShardPlan): string {
  switch (plan.weights.basis) {
    case 'timings':
      return 'expected durations from the timings file'
    case 'some-timings':
      return 'expected durations from the timings file (steps without any: the median step)'
    case 'step-count':
      return 'no timings: each step counts as one'
  }
}

/** The first line of a shard's run: what it runs of the whole graph. */
export function shardNote(plan: ShardPlan): string {
  const share = plan.assignment.shares[plan.shard.index - 1]
  const balanced = share?.balanced.length ?? 0
  const needed = plan.graph.steps.length - balanced
  return (
    `stepgraph: shard ${shardText(plan.shard)}: ${count(plan.graph.steps.length, 'step')} of ` +
    `${plan.whole.steps.length} (${balanced} balanced, ${needed} they need), ` +
    `expected ${expected(plan, share?.expected ?? 0)} (${basisText(plan)})`
  )
}

/** The dry run's account of every shard: its steps and expected time. */
export function shardPlanLines(plan: ShardPlan): string[] {
  const { count: shards } = plan.shard
  return [
    `Shards (${basisText(plan)}):`,
    ...plan.assignment.shares.map((share, k) => {
      const here = k + 1 === plan.shard.index ? ' (this one)' : ''
      const ids = share.steps.map(v => plan.whole.steps[v]?.id ?? '?')
      return (
        `  ${k + 1}/${shards}${here}: expected ${expected(plan, share.expected)}, ` +
        `${count(ids.length, 'step')}${ids.length > 0 ? `: ${ids.join(', ')}` : ''}`
      )
    })
  ]
}

export function shardPlanMarkdown(plan: ShardPlan): string {
  const { count: shards } = plan.shard
  return [
    `### Shards`,
    '',
    `${count(shards, 'shard')}, balanced by ${basisText(plan)}.`,
    '',
    '| Shard | Expected | Steps |',
    '| ---: | ---: | --- |',
    ...plan.assignment.shares.map((share, k) => {
      const here = k + 1 === plan.shard.index ? ' (this one)' : ''
      const ids = share.steps.map(v => code(plan.whole.steps[v]?.id ?? '?'))
      return `| ${k + 1}/${shards}${here} | ${expected(plan, share.expected)} | ${ids.join(', ')} |`
    }),
    ''
  ].join('\n')
}
