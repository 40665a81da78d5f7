import { catchStopSignals, exitWithoutTeardown } from './run/stop-signals.js'
import { keepYoungGenerationSmall } from './run/young-generation.js'

// From the first moment: a cancelled job must still get its results and summary. Signals
// are caught before the rest of stepgraph is even compiled (it is loaded below with
// import()), so only while Node itself starts can a stop signal end the process unreported.
catchStopSignals()
keepYoungGenerationSmall() // before the graph is read: every spawn forks what it leaves
const { runActionToTheEnd } = await import('./action/action.js')
await runActionToTheEnd()
// ... and to the last moment.
exitWithoutTeardown()
