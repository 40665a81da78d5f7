import { n as exitWithoutTeardown, t as catchStopSignals } from "./stop-signals.js";
import { setFlagsFromString } from "node:v8";

// src/run/young-generation.ts
/**
* Keeps V8's young generation at the size it starts with (1 MiB on Node 20 and 24).
*
* Every step is spawned by `fork`, which copies the page tables of every page the parent
* has touched, so each MiB the action holds makes every spawn dearer (a bare Node pool
* with 25 MiB more touched memory measured about 0.6 ms more system time per spawn). V8
* doubles its young generation each time enough objects survive it, and loading a large
* graph, then keeping each step's result, makes it grow to 16 MiB (both semi-spaces are
* touched in turn): 37 against 25 MiB of anonymous memory in the middle of a 2,000-step
* run, 1.4 against 0.9 MiB of page tables, and a peak RSS 15-20 MiB higher. What the
* young generation would hold is either short-lived (a chunk of output, a poll's
* temporaries: as cheap to collect in a small space) or kept to the end (results:
* promoted to the old generation all the same).
*
* The growth factor is read each time V8 would grow the space, so it takes effect when
* set at start. Should a Node freeze V8's flags, this does nothing and stepgraph runs as
* before.
*/
function keepYoungGenerationSmall() {
	try {
		setFlagsFromString("--semi-space-growth-factor=1");
	} catch {}
}

// src/index.ts
catchStopSignals();
keepYoungGenerationSmall();
const { runActionToTheEnd } = await import("./action.js");
await runActionToTheEnd();
exitWithoutTeardown();

export {  };