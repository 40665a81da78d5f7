import { n as exitWithoutTeardown, t as catchStopSignals } from "./stop-signals.js";

// src/index.ts
catchStopSignals();
const { runActionToTheEnd } = await import("./action.js");
await runActionToTheEnd();
exitWithoutTeardown();

export {  };