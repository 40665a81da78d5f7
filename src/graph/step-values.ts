import type { Parsed } from '../options.js'

/**
 * Readers of a step's scalar values that are more than a string: each accepts what a
 * workflow accepts and, for what a workflow author commonly writes instead (a timeout with
 * units, YAML 1.1's `yes`), says what to write.
 */

/** Units an author may add to a number of minutes, and what one of each is in minutes. */
const MINUTES_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['s', 1 / 60],
  ['sec', 1 / 60],
  ['secs', 1 / 60],
  ['second', 1 / 60],
  ['seconds', 1 / 60],
  ['m', 1],
  ['min', 1],
  ['mins', 1],
  ['minute', 1],
  ['minutes', 1],
  ['h', 60],
  ['hr', 60],
  ['hrs', 60],
  ['hour', 60],
  ['hours', 60]
])

const NUMBER = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/

/**
 * `timeout-minutes`: a positive number of minutes. A number with units (`10m`, `1h30m`,
 * `90 seconds`) is refused with the number of minutes it meant, as a workflow refuses it.
 */
export function readTimeoutMinutes(text: string): Parsed<number> {
  const minutes = NUMBER.test(text) ? Number(text) : NaN
  if (minutes > 0) return { ok: true, value: minutes }
  const meant = minutesWithUnits(text)
  return {
    ok: false,
    reason:
      `must be a positive number of minutes, got \`${text}\`` +
      (meant !== undefined && meant > 0
        ? `; write the number of minutes alone: \`timeout-minutes: ${formatMinutes(meant)}\``
        : '')
  }
}

/** `1h30m`, `10 min`, `90s`: the minutes they add up to, or undefined. */
function minutesWithUnits(text: string): number | undefined {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)\s*/gi)]
  if (parts.length === 0 || parts.map(part => part[0]).join('') !== text.trim()) return undefined
  let total = 0
  for (const [, amount, unit] of parts) {
    const perUnit = MINUTES_PER_UNIT.get((unit ?? '').toLowerCase())
    if (perUnit === undefined) return undefined
    total += Number(amount) * perUnit
  }
  return total
}

function formatMinutes(minutes: number): string {
  return String(Math.round(minutes * 1000) / 1000)
}

const BOOLEAN_VALUES: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false]
])

/**
 * YAML 1.1's other booleans: a workflow (YAML 1.2's core schema) reads them as strings,
 * so `continue-on-error: yes` is an error there too.
 */
const YAML_1_1_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['yes', true],
  ['y', true],
  ['on', true],
  ['no', false],
  ['n', false],
  ['off', false]
])

/** `true` or `false` as a workflow spells them; `yes`, `on`... get the spelling they meant. */
export function readBoolean(text: string): Parsed<boolean> {
  const flag = BOOLEAN_VALUES.get(text.trim())
  if (flag !== undefined) return { ok: true, value: flag }
  const meant = YAML_1_1_BOOLEANS.get(text.trim().toLowerCase())
  return {
    ok: false,
    reason:
      `must be \`true\` or \`false\`, got \`${text}\`` +
      (meant === undefined
        ? ''
        : `; \`${text.trim()}\` is a string in workflow YAML, write \`${String(meant)}\``)
  }
}
