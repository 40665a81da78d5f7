import { isOrderedMapping, type OrderedValue } from './matrix-values.js'
import { visibleControls } from './source.js'

/** GitHub cuts a matrix job's display name here, ending it with `...` (JobNameBuilder). */
export const MAX_DISPLAY_NAME = 100

/**
 * The segments GitHub puts in parentheses after a matrix job's name (MatrixBuilder): every
 * scalar of the values, depth first in the order written, mapping keys left out; null and
 * empty strings add nothing; numbers as .NET writes them ("G15"). Control characters are
 * written as escapes (`\n`): a name and an id are one line.
 */
export function nameSegments(values: readonly OrderedValue[]): string[] {
  const segments: string[] = []
  const visit = (value: OrderedValue): void => {
    if (Array.isArray(value)) for (const item of value as readonly OrderedValue[]) visit(item)
    else if (isOrderedMapping(value)) for (const item of value.values()) visit(item)
    else if (typeof value === 'number') segments.push(formatG15(value))
    else if (typeof value === 'boolean') segments.push(value ? 'true' : 'false')
    else if (typeof value === 'string' && value !== '') segments.push(visibleControls(value))
  }
  for (const value of values) visit(value)
  return segments
}

/** `test (20, linux)`; the base alone when there are no segments. */
export function withSegments(base: string, segments: readonly string[]): string {
  return segments.length === 0 ? base : `${base} (${segments.join(', ')})`
}

/** A display name as GitHub builds it: cut to 100 characters, the last three `...`. */
export function displayName(base: string, segments: readonly string[]): string {
  const name = withSegments(base, segments)
  return name.length > MAX_DISPLAY_NAME ? `${name.slice(0, MAX_DISPLAY_NAME - 3)}...` : name
}

/**
 * A number as .NET's `ToString("G15", InvariantCulture)` writes it, which is how GitHub
 * names matrix jobs: 15 significant digits, trailing zeros dropped, scientific notation
 * (`1E+15`, `1E-05`) when the exponent is below -4 or above 14.
 */
export function formatG15(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  if (value === 0) return Object.is(value, -0) ? '-0' : '0'
  // JavaScript's shortest form is G15's when it has at most 15 digits and both write it
  // without an exponent (from 1E-04 to 1E+15): the common case, and much faster.
  const shortest = String(value)
  const magnitude = Math.abs(value)
  if (magnitude >= 1e-4 && magnitude < 1e15 && shortest.replace(/^[-0.]+|\./g, '').length <= 15)
    return shortest
  const sign = value < 0 ? '-' : ''
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential(14).split('e')
  const exponent = Number(exponentText)
  const digits = mantissa.replace('.', '').replace(/0+$/, '')
  if (exponent <= -5 || exponent >= 15) {
    const fraction = digits.slice(1)
    const power = String(Math.abs(exponent)).padStart(2, '0')
    return `${sign}${digits[0] ?? ''}${fraction ? `.${fraction}` : ''}E${exponent < 0 ? '-' : '+'}${power}`
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
  const fraction = digits.slice(exponent + 1)
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`
}
