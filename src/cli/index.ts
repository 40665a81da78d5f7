#!/usr/bin/env node
import { exitWithoutTeardown } from '../run/stop-signals.js'
import { keepYoungGenerationSmall } from '../run/young-generation.js'
import { main } from './main.js'

keepYoungGenerationSmall() // before the graph is read: every spawn forks what it leaves
try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`stepgraph: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
// A stop signal while Node tears down would still kill a finished run.
exitWithoutTeardown()
