import { nodeFlags } from './stop-signal-set.js'

/**
 * Node opens its inspector (a debugger on 127.0.0.1:9229 that can run any code in the
 * process) when it receives SIGUSR1. Once stepgraph listens for SIGUSR1, Node's handler
 * is replaced and the signal is a stop like any other (Node 20 and 24 alike); but a
 * SIGUSR1 in the first tens of milliseconds, while Node is still loading stepgraph,
 * reaches Node's handler and the inspector opens. This closes such an inspector; the
 * caller then treats it as the SIGUSR1 it was.
 *
 * An inspector someone asked for is left alone: `--inspect...`, or code loaded ahead of
 * stepgraph (`--require`, `--import`: an editor's auto-attach opens it that way).
 *
 * Returns true when it closed one.
 */
export function closeUnaskedInspector(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS
): boolean {
  if (!process.features.inspector || inspectorMayBeWanted(nodeFlags(execArgv, nodeOptions)))
    return false
  const inspector = process.getBuiltinModule('node:inspector')
  if (inspector.url() === undefined) return false
  inspector.close()
  return true
}

const WANTED = [
  '--inspect',
  '--inspect-brk',
  '--inspect-wait',
  '--require',
  '-r',
  '--import',
  '--loader',
  '--experimental-loader'
]

function inspectorMayBeWanted(flags: ReadonlySet<string>): boolean {
  return WANTED.some(flag => flags.has(flag))
}
