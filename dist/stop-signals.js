import { constants } from "node:os";

// src/run/stop-signal-set.ts
const STOP = { stop: true };
const FAULT = "a fault in the action's own code (memory, arithmetic, illegal instruction, breakpoint, forbidden system call): a listener that returns resumes the faulting code, which then hangs instead of crashing (Node's docs), and SIGSEGV is V8's WebAssembly trap handler";
const KERNEL = "no process can catch it";
const NODE_IGNORES = "Node ignores it from its start: the write fails with EPIPE or EFBIG instead, an I/O error";
const IGNORED = "its default is to ignore it";
const SUSPENDS = "its default suspends the process (SIGCONT resumes it); it does not end it";
const SIGNAL_DECISIONS = {
	SIGHUP: STOP,
	SIGINT: STOP,
	SIGQUIT: STOP,
	SIGABRT: STOP,
	SIGIOT: STOP,
	SIGUSR1: STOP,
	SIGUSR2: STOP,
	SIGALRM: STOP,
	SIGTERM: STOP,
	SIGVTALRM: STOP,
	SIGPROF: STOP,
	SIGXCPU: STOP,
	SIGIO: {
		stop: true,
		onlyOn: "linux"
	},
	SIGPOLL: {
		stop: true,
		onlyOn: "linux"
	},
	SIGPWR: STOP,
	SIGSTKFLT: STOP,
	SIGLOST: STOP,
	SIGBREAK: STOP,
	SIGKILL: {
		stop: false,
		because: KERNEL
	},
	SIGSTOP: {
		stop: false,
		because: KERNEL
	},
	SIGSEGV: {
		stop: false,
		because: FAULT
	},
	SIGBUS: {
		stop: false,
		because: FAULT
	},
	SIGFPE: {
		stop: false,
		because: FAULT
	},
	SIGILL: {
		stop: false,
		because: FAULT
	},
	SIGTRAP: {
		stop: false,
		because: FAULT
	},
	SIGSYS: {
		stop: false,
		because: FAULT
	},
	SIGUNUSED: {
		stop: false,
		because: FAULT
	},
	SIGPIPE: {
		stop: false,
		because: NODE_IGNORES
	},
	SIGXFSZ: {
		stop: false,
		because: NODE_IGNORES
	},
	SIGCHLD: {
		stop: false,
		because: IGNORED
	},
	SIGURG: {
		stop: false,
		because: IGNORED
	},
	SIGWINCH: {
		stop: false,
		because: IGNORED
	},
	SIGINFO: {
		stop: false,
		because: IGNORED
	},
	SIGCONT: {
		stop: false,
		because: IGNORED
	},
	SIGTSTP: {
		stop: false,
		because: SUSPENDS
	},
	SIGTTIN: {
		stop: false,
		because: SUSPENDS
	},
	SIGTTOU: {
		stop: false,
		because: SUSPENDS
	}
};
/**
* The stop signals on a host, one name per signal number (SIGIO and SIGPOLL are one
* signal: listening to both would deliver each SIGIO twice, a stop then a kill).
* Real-time signals (SIGRTMIN to SIGRTMAX on Linux) also end a process by default, but
* Node gives them no name and JavaScript cannot listen to them.
*/
function stopSignals(host) {
	const numbers = /* @__PURE__ */ new Set();
	const stops = [];
	for (const [name, decision] of Object.entries(SIGNAL_DECISIONS)) {
		const number = host.numbers[name];
		if (number === void 0 || numbers.has(number) || !decision.stop) continue;
		if (decision.onlyOn !== void 0 && decision.onlyOn !== host.platform) continue;
		if (name === "SIGPROF" && host.profiling) continue;
		numbers.add(number);
		stops.push(name);
	}
	return stops;
}
/** Node's own flags, from its command line and NODE_OPTIONS, without their values. */
function nodeFlags(execArgv, nodeOptions = "") {
	const words = [...execArgv, ...nodeOptions.split(/\s+/)];
	return new Set(words.filter((word) => word.startsWith("-")).map((word) => word.split("=")[0] ?? ""));
}
/**
* V8's sampling profiler (`--cpu-prof`, `--prof`, or one started through the inspector)
* sends the main thread a SIGPROF every millisecond; a listener takes those ticks from it
* (no profile is written) and Node refuses one while a debugger may be attached.
*/
function profilerOwnsSigprof(flags) {
	return [
		"--cpu-prof",
		"--prof",
		"--inspect",
		"--inspect-brk",
		"--inspect-wait"
	].some((flag) => flags.has(flag));
}

// src/run/inspector-guard.ts
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
function closeUnaskedInspector(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS) {
	if (!process.features.inspector || inspectorMayBeWanted(nodeFlags(execArgv, nodeOptions))) return false;
	const inspector = process.getBuiltinModule("node:inspector");
	if (inspector.url() === void 0) return false;
	inspector.close();
	return true;
}
const WANTED = [
	"--inspect",
	"--inspect-brk",
	"--inspect-wait",
	"--require",
	"-r",
	"--import",
	"--loader",
	"--experimental-loader"
];
function inspectorMayBeWanted(flags) {
	return WANTED.some((flag) => flags.has(flag));
}

// src/run/stop-signals.ts
const received = [];
let listener;
let catching = false;
function receive(signal) {
	received.push(signal);
	listener?.(signal);
}
/** The stop signals of this host and this Node process. */
function hostStopSignals() {
	return stopSignals({
		platform: process.platform,
		numbers: constants.signals,
		profiling: profilerOwnsSigprof(nodeFlags(process.execArgv, process.env.NODE_OPTIONS))
	});
}
/** Catches every stop signal from now on; idempotent. */
function catchStopSignals() {
	if (catching) return;
	catching = true;
	for (const signal of hostStopSignals()) try {
		process.on(signal, receive);
	} catch {}
}
/**
* A SIGUSR1 that came before the listener opened the inspector: close it, and stop.
* Checked before the first spawn only: loading `node:inspector` costs milliseconds, and
* the inspector opens at an interrupt or loop turn after the signal, not at once.
*/
function noticeEarlySigusr1() {
	if (!closeUnaskedInspector()) return;
	process.stderr.write("stepgraph: a SIGUSR1 opened Node's inspector before stepgraph caught it; closed it, and the run stops\n");
	receive("SIGUSR1");
}
/**
* Resolves once every signal already delivered to the process has reached `receive`.
* Listeners run only when the event loop polls: libuv's handler writes the signal to a
* pipe, read in the poll phase. While the graph is parsed (synchronously) nothing is
* read, so the run must let the loop turn before its first spawn. One `setImmediate` is
* not enough: called from a poll-phase callback (an fs or pipe completion), it runs in the
* same iteration's check phase, before the next poll. After a second one, a full poll
* phase has run since this was called. A SIGUSR1 that Node took for its inspector before
* stepgraph listened is noticed here too: the inspector starts at the main thread's next
* interrupt or loop turn.
*/
async function stopSignalsDelivered() {
	await loopTurn();
	await loopTurn();
	noticeEarlySigusr1();
}
function loopTurn() {
	return new Promise((resolve) => setImmediate(resolve));
}
/**
* Keeps stop signals caught until the process is gone; call it once the program's work is
* done. When the event loop empties, Node tears its environment down before exiting, and
* closing the signal listeners gives each signal back its default: a stop signal in that
* moment (the runner's second one, a step's leftover) killed the finished program, a
* death by signal instead of its exit code. `process.exit` from the 'exit' event ends the
* process without that teardown; the loop is empty by then, so nothing is left unwritten.
* Registered last, it lets every other 'exit' listener run first.
*/
function exitWithoutTeardown() {
	process.once("exit", (code) => {
		process.exit(code);
	});
}
/**
* Routes stop signals to a run until the returned function is called: the first to
* `cancel`, later ones to `killNow`. Signals received before the call are delivered at once.
*/
function onStopSignals(cancel, killNow) {
	catchStopSignals();
	let delivered = 0;
	const deliver = (signal) => {
		delivered++;
		if (delivered === 1) cancel(signal);
		else killNow(signal);
	};
	for (const signal of received) deliver(signal);
	listener = deliver;
	return () => {
		if (listener === deliver) listener = void 0;
	};
}

export { stopSignalsDelivered as i, exitWithoutTeardown as n, onStopSignals as r, catchStopSignals as t };