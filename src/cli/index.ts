#!/usr/bin/env node
import { main } from './main.js'

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`stepgraph: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
