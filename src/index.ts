import * as core from '@actions/core'
import { runAction } from './action/main.js'
import { catchStopSignals } from './run/stop-signals.js'

// From the first moment: a cancelled job must still get its results and summary.
catchStopSignals()
try {
  await runAction()
} catch (error) {
  // Whatever went wrong, the job sees a failure with the reason, not a bare stack trace.
  core.setFailed(`stepgraph: ${error instanceof Error ? error.message : String(error)}`)
  if (error instanceof Error && error.stack) core.debug(error.stack)
}
