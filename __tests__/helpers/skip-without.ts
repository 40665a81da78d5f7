import { inject } from 'vitest'
import type { SystemTool } from './system-tools.js'

/**
 * Whether the tests needing `tool` are skipped in this run: decided once by the global
 * setup, which says so in the run's output, so that every file agrees with what it said.
 * Use as `describe.skipIf(skipWithout('tmux'))(...)`.
 */
export function skipWithout(tool: SystemTool): boolean {
  return inject('missingSystemTools')[tool] !== undefined
}
