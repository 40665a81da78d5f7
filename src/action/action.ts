import * as core from '@actions/core'
import { runAction } from './main.js'

/** The action; whatever goes wrong, the job sees a failure with the reason, not a bare stack trace. */
export async function runActionToTheEnd(): Promise<void> {
  try {
    await runAction()
  } catch (error) {
    core.setFailed(`stepgraph: ${error instanceof Error ? error.message : String(error)}`)
    if (error instanceof Error && error.stack) core.debug(error.stack)
  }
}
