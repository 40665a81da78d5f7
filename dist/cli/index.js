#!/usr/bin/env node
import { availableParallelism, constants, tmpdir } from "node:os";
import { setFlagsFromString } from "node:v8";
import { closeSync, constants as constants$1, fstatSync, lstatSync, mkdirSync, mkdtempSync, openSync, read, readFileSync, readSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, statfsSync, unlinkSync, write, writeFileSync } from "node:fs";
import path from "node:path";
import { n as suggestStepKey, t as closestMatch } from "./suggest.js";
import { i as conditionText, o as usesExpressions, r as bareStatusCall, t as DEFAULT_CONDITION } from "./expression-text.js";
import { a as describeFailure, i as decide, n as needsJson, o as failsTheRun, r as countsAsFailed, s as verdictOf, t as needsContext } from "./needs-context.js";
import { runInNewContext } from "node:vm";
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { Writable } from "node:stream";
import { isUtf8 } from "node:buffer";

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

// package.json
var version = "0.1.0";

// src/graph/cycles.ts
/**
* Cycles among `needs`, found with Tarjan's strongly connected components (iterative, so a
* 10,000-step chain cannot overflow the stack). One cycle is reported per component that
* has one, which keeps the report short however tangled the graph: fix it and run again.
*/
/**
* Each cycle as the steps along it in `needs` order: `[a, b, c]` means a needs b, b needs
* c and c needs a. A cycle starts at its earliest-declared step; cycles come out in the
* order of those first steps. `needs[v]` lists the steps v needs.
*/
function findCycles(needs) {
	return stronglyConnectedComponents(needs).filter((component) => component.length > 1 || selfLoop(needs, component[0] ?? -1)).map((component) => shortestCycleThrough(needs, component)).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}
function selfLoop(needs, v) {
	return needs[v]?.includes(v) ?? false;
}
function stronglyConnectedComponents(edges) {
	const n = edges.length;
	const index = new Int32Array(n).fill(-1);
	const low = new Int32Array(n);
	const onStack = new Uint8Array(n);
	const stack = [];
	const components = [];
	let counter = 0;
	for (let root = 0; root < n; root++) {
		if (index[root] !== -1) continue;
		const path = [root];
		const followed = [0];
		index[root] = low[root] = counter++;
		stack.push(root);
		onStack[root] = 1;
		while (path.length > 0) {
			const top = path.length - 1;
			const v = path[top];
			const out = edges[v] ?? [];
			const i = followed[top];
			if (i < out.length) {
				followed[top] = i + 1;
				const w = out[i];
				if (index[w] === -1) {
					index[w] = low[w] = counter++;
					stack.push(w);
					onStack[w] = 1;
					path.push(w);
					followed.push(0);
				} else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
				continue;
			}
			path.pop();
			followed.pop();
			const parent = path[path.length - 1];
			if (parent !== void 0) low[parent] = Math.min(low[parent], low[v]);
			if (low[v] === index[v]) {
				const component = [];
				let w;
				do {
					w = stack.pop();
					onStack[w] = 0;
					component.push(w);
				} while (w !== v);
				components.push(component);
			}
		}
	}
	return components;
}
/** The shortest cycle inside a strongly connected component through its lowest vertex. */
function shortestCycleThrough(edges, component) {
	const start = Math.min(...component);
	const inComponent = new Set(component);
	const cameFrom = /* @__PURE__ */ new Map();
	const queue = [start];
	for (let head = 0; head < queue.length; head++) {
		const v = queue[head];
		for (const w of edges[v] ?? []) {
			if (w === start) return [...walkBack(cameFrom, v, start)];
			if (!inComponent.has(w) || cameFrom.has(w)) continue;
			cameFrom.set(w, v);
			queue.push(w);
		}
	}
	return [start];
}
function walkBack(cameFrom, last, start) {
	const cycle = [last];
	let v = last;
	while (v !== start) {
		v = cameFrom.get(v);
		cycle.push(v);
	}
	return cycle.reverse();
}

// src/graph/dag.ts
/**
* The step graph as the scheduler and reporters see it: vertices are step indexes in
* declaration order, an edge runs from a step to each step that needs it.
*
* Unlike e3's DAGIterator, which rescans every unvisited vertex on each `next()`, finding
* the steps a finished step releases costs only its own successor list: with predecessor
* counts, a whole run is O(V + E).
*/
var Dag = class {
	/** Number of steps. */
	size;
	/** Number of distinct `needs` edges. */
	edgeCount;
	/** successors[v]: the steps that need v, in declaration order. */
	successors;
	/** predecessors[v]: the steps v needs, without duplicates. */
	predecessors;
	/** Every step after all the steps it needs. */
	topologicalOrder;
	/** `needs[v]` lists the steps v needs; the graph must be acyclic (see findCycles). */
	constructor(needs) {
		this.size = needs.length;
		const predecessors = needs.map((list) => [...new Set(list)]);
		const successors = predecessors.map(() => []);
		let edgeCount = 0;
		predecessors.forEach((list, v) => {
			for (const p of list) {
				if (p < 0 || p >= this.size) throw new RangeError(`step ${v} needs unknown step ${p}`);
				successors[p]?.push(v);
				edgeCount++;
			}
		});
		this.predecessors = predecessors;
		this.successors = successors;
		this.edgeCount = edgeCount;
		this.topologicalOrder = kahnOrder(predecessors, successors);
	}
	/** The number of steps v needs: the count a scheduler decrements as they finish. */
	predecessorCount(v) {
		return this.predecessors[v]?.length ?? 0;
	}
	/**
	* Steps grouped by depth: level 0 needs nothing, a step in level k needs at least one
	* step of level k-1 and nothing deeper. With unlimited slots, each level could start as
	* soon as the previous one ended.
	*/
	levels() {
		const depth = new Int32Array(this.size);
		const levels = [];
		for (const v of this.topologicalOrder) {
			let d = 0;
			for (const p of this.predecessors[v] ?? []) d = Math.max(d, depth[p] + 1);
			depth[v] = d;
			(levels[d] ??= []).push(v);
		}
		for (const level of levels) level.sort((a, b) => a - b);
		return levels;
	}
	/**
	* For each step, the heaviest chain from it to the end of the graph, its own weight
	* included. With unit weights this is the number of steps still to run in sequence; the
	* scheduler starts the ready step with the largest value first.
	*/
	remainingPath(weight = () => 1) {
		const remaining = new Float64Array(this.size);
		for (let i = this.size - 1; i >= 0; i--) {
			const v = this.topologicalOrder[i];
			let longest = 0;
			for (const s of this.successors[v] ?? []) longest = Math.max(longest, remaining[s]);
			remaining[v] = weight(v) + longest;
		}
		return remaining;
	}
	/**
	* The chain of steps that bounds the wall time however many slots there are: the
	* heaviest path, by step count or by the given weights (durations). Ties go to the
	* earlier-declared step.
	*/
	criticalPath(weight = () => 1) {
		if (this.size === 0) return {
			steps: [],
			length: 0
		};
		const remaining = this.remainingPath(weight);
		let current = -1;
		for (let v = 0; v < this.size; v++) {
			if (this.predecessorCount(v) !== 0) continue;
			if (current === -1 || remaining[v] > remaining[current]) current = v;
		}
		const steps = [];
		const length = remaining[current];
		while (current !== -1) {
			steps.push(current);
			let next = -1;
			for (const s of this.successors[current] ?? []) if (next === -1 || remaining[s] > remaining[next]) next = s;
			current = next;
		}
		return {
			steps,
			length
		};
	}
};
function kahnOrder(predecessors, successors) {
	const waiting = Int32Array.from(predecessors, (list) => list.length);
	const order = [];
	waiting.forEach((count, v) => {
		if (count === 0) order.push(v);
	});
	for (let head = 0; head < order.length; head++) for (const s of successors[order[head]] ?? []) {
		waiting[s] = waiting[s] - 1;
		if (waiting[s] === 0) order.push(s);
	}
	if (order.length !== predecessors.length) throw new Error("the step graph has a cycle");
	return order;
}

// src/graph/matrix-values.ts
/**
* The most YAML nodes the matrices of one graph may hold, aliases counted at each use: an
* alias can repeat a value exponentially (a billion laughs), and every value is read
* whole, so the count bounds the time and memory a graph's text can cost.
*/
const MAX_MATRIX_VALUE_NODES = 65536;
/** How deep a matrix value may nest: reading and comparing values recurse. */
const MAX_MATRIX_DEPTH = 64;
/** Why a NUL is refused in a matrix as in any string of a step. */
const NUL_REASON$1 = "no process can be given one";
/** 65536 -> "65,536" (not toLocaleString: loading ICU costs more than reading a graph). */
function withCommas(n) {
	return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}
function isOrderedMapping(value) {
	return value instanceof Map;
}
/**
* A key of a mapping as the `matrix` context looks it up: expressions compare keys without
* case (as @actions/expressions' Dictionary does, by `toLowerCase`).
*/
function keyFold(key) {
	return key.toLowerCase();
}
/** The value under `key`, compared without case; undefined when there is none. */
function getIgnoringCase(map, key) {
	const exact = map.get(key);
	if (exact !== void 0) return exact;
	const folded = keyFold(key);
	for (const [candidate, value] of map) if (keyFold(candidate) === folded) return value;
}
/**
* Reads matrix values from the YAML tree, with one budget of nodes for a whole graph.
* Problems go to `report`; a value with a problem reads as undefined.
*/
var MatrixValueReader = class {
	report;
	nodesLeft = MAX_MATRIX_VALUE_NODES;
	overBudgetReported = false;
	constructor(report) {
		this.report = report;
	}
	/** `field` names the value in messages: "`os` in the matrix of step `test`". */
	read(node, field, depth = 0) {
		if (--this.nodesLeft < 0) {
			if (!this.overBudgetReported) {
				this.overBudgetReported = true;
				this.report(node, `the matrices of the graph hold more than ${withCommas(MAX_MATRIX_VALUE_NODES)} values (an alias counts each time it is used)`);
			}
			return;
		}
		if (depth > 64) {
			this.report(node, `${field} nests more than ${64} levels deep`);
			return;
		}
		switch (node.kind) {
			case "scalar":
				if (node.text.includes("\0")) {
					this.report(node, `${field} contains a NUL character (${NUL_REASON$1})`);
					return;
				}
				return node.plain === true ? this.typed(node, node.text, field) : node.text;
			case "list": {
				const items = node.items.map((item) => this.read(item, field, depth + 1));
				return items.every((item) => item !== void 0) ? items : void 0;
			}
			case "mapping": return this.readMapping(node, field, depth);
		}
	}
	/** Keys in the order written; two keys that differ only in case are one key to `matrix`. */
	readMapping(node, field, depth) {
		const map = /* @__PURE__ */ new Map();
		const seen = /* @__PURE__ */ new Map();
		let ok = true;
		for (const [keyNode, valueNode] of node.entries) {
			if (keyNode.kind !== "scalar") {
				this.report(keyNode, `${field} has a key that is not a plain string`);
				ok = false;
				continue;
			}
			const key = keyNode.text;
			if (key.includes("\0")) {
				this.report(keyNode, `${field} has a key with a NUL character (${NUL_REASON$1})`);
				ok = false;
				continue;
			}
			const earlier = seen.get(keyFold(key));
			if (earlier !== void 0) {
				this.report(keyNode, earlier === key ? `${field} has \`${key}\` twice` : `${field} has \`${earlier}\` and \`${key}\`: keys are compared without case`);
				ok = false;
				continue;
			}
			seen.set(keyFold(key), key);
			const value = this.read(valueNode, `\`${key}\` in ${field}`, depth + 1);
			if (value === void 0) ok = false;
			else map.set(key, value);
		}
		return ok ? map : void 0;
	}
	/**
	* A plain scalar typed by YAML 1.2's core schema, exactly as the runner's YamlObjectReader
	* types workflow files: null, booleans in three spellings, decimal, `0x` and `0o`
	* integers, floats, `.inf` and `.nan`; anything else is a string.
	*/
	typed(node, text, field) {
		if (NULLS.has(text)) return null;
		const boolean = BOOLEANS.get(text);
		if (boolean !== void 0) return boolean;
		if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
		const radix = /^0x[0-9a-fA-F]+$/.test(text) ? 16 : /^0o[0-7]+$/.test(text) ? 8 : void 0;
		if (radix !== void 0) {
			const value = parseInt(text.slice(2), radix);
			if (value <= 0xffffffff) return value | 0;
			this.report(node, `${field}: \`${text}\` is out of range for a 32-bit integer`);
			return;
		}
		const special = SPECIAL_FLOATS.get(text);
		if (special !== void 0) return special;
		if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
		return text;
	}
};
const NULLS = /* @__PURE__ */ new Set([
	"",
	"null",
	"Null",
	"NULL",
	"~"
]);
const BOOLEANS = /* @__PURE__ */ new Map([
	["true", true],
	["True", true],
	["TRUE", true],
	["false", false],
	["False", false],
	["FALSE", false]
]);
const SPECIAL_FLOATS = new Map([
	...[
		".inf",
		".Inf",
		".INF",
		"+.inf",
		"+.Inf",
		"+.INF"
	].map((text) => [text, 1e400]),
	...[
		"-.inf",
		"-.Inf",
		"-.INF"
	].map((text) => [text, -1e400]),
	...[
		".nan",
		".NaN",
		".NAN"
	].map((text) => [text, NaN])
]);

// src/graph/matrix-filter.ts
/**
* An `include` or `exclude` entry as GitHub's MatrixBuilder applies it: each scalar leaf
* of the entry becomes the expression `matrix[path] == leaf`, and the entry matches a
* combination when all of them hold. So an entry matches partially (`os: linux` matches
* every combination with that `os`), a nested mapping or list matches leaf by leaf, and
* an entry whose values are empty mappings or lists matches everything.
*/
var MatrixFilter = class {
	leaves;
	constructor(entries) {
		const leaves = [];
		for (const [key, value] of entries) collectLeaves(value, [key], leaves);
		this.leaves = leaves;
	}
	matches(combination) {
		return this.leaves.every((leaf) => looseEquals(lookup(combination, leaf.path), leaf.value));
	}
};
function collectLeaves(value, path, out) {
	if (Array.isArray(value)) value.forEach((item, i) => {
		collectLeaves(item, [...path, i], out);
	});
	else if (isOrderedMapping(value)) for (const [key, item] of value) collectLeaves(item, [...path, key], out);
	else out.push({
		path,
		value
	});
}
/** `matrix[a][b]...` as an expression reads it: null where there is nothing. */
function lookup(combination, path) {
	let current = combination;
	for (const step of path) {
		const next = typeof step === "number" ? Array.isArray(current) ? current[step] : void 0 : isOrderedMapping(current) ? getIgnoringCase(current, step) : void 0;
		if (next === void 0) return null;
		current = next;
	}
	return current;
}
/**
* `==` of GitHub expressions, as @actions/expressions implements it (coerceTypes and
* equals): values of different types compare as numbers (null is 0, true 1, a string its
* `Number()`), strings without case, NaN equals nothing, mappings and lists only themselves.
*/
function looseEquals(left, right) {
	const [l, r] = coerce(left, right);
	if (kind(l) !== kind(r)) return false;
	if (typeof l === "number") return !Number.isNaN(l) && l === r;
	if (typeof l === "string") return upperSpecial(l) === upperSpecial(r);
	return l === r;
}
function kind(value) {
	if (value === null) return "null";
	if (Array.isArray(value)) return "array";
	if (isOrderedMapping(value)) return "mapping";
	return typeof value;
}
function toNumber(value) {
	if (value === null) return 0;
	if (typeof value === "boolean") return value ? 1 : 0;
	if (typeof value === "number") return value;
	if (typeof value === "string") return Number(value);
	return NaN;
}
function coerce(left, right) {
	const lk = kind(left);
	const rk = kind(right);
	if (lk === rk) return [left, right];
	if (lk === "number" && rk === "string") return [left, toNumber(right)];
	if (lk === "string" && rk === "number") return [toNumber(left), right];
	if (lk === "null" || lk === "boolean") return coerce(toNumber(left), right);
	if (rk === "null" || rk === "boolean") return coerce(left, toNumber(right));
	return [left, right];
}
/** Upper case, except the dotless `ı`, which .NET's invariant upper case leaves alone. */
function upperSpecial(text) {
	return text.split("ı").map((part) => part.toUpperCase()).join("ı");
}

// src/graph/matrix-definition.ts
/**
* Reads a step's `matrix:` with GitHub's checks (ConvertToStrategy and MatrixBuilder): a
* mapping; each key but `include` and `exclude` a non-empty list; `include` and `exclude`
* lists of non-empty mappings, `exclude` naming matrix keys only; at least one key or
* `include` entry. Keys are compared without case, as the `matrix` context compares them.
* Every problem is reported; undefined when there was any.
*/
var MatrixDefinitionReader = class {
	values;
	report;
	constructor(values, report) {
		this.values = values;
		this.report = report;
	}
	read(id, node) {
		const field = `the matrix of step \`${id}\``;
		if (node.kind !== "mapping") {
			const computed = node.kind === "scalar" && node.text.includes("${{");
			this.report(node, `\`matrix\` of step \`${id}\` must be a mapping of keys to lists of values, e.g. \`matrix: { node: [20, 22] }\`` + (computed ? "; a matrix computed by an expression is not supported: stepgraph expands matrices before any step runs" : ""));
			return;
		}
		const vectors = [];
		let includeNode;
		let excludeNode;
		let hasVector = false;
		const seen = /* @__PURE__ */ new Map();
		for (const [keyNode, valueNode] of node.entries) {
			if (keyNode.kind !== "scalar" || keyNode.text.includes("\0")) {
				this.report(keyNode, keyNode.kind !== "scalar" ? `${field} has a key that is not a plain string` : `${field} has a key with a NUL character (no process can be given one)`);
				continue;
			}
			const key = keyNode.text;
			const earlier = seen.get(keyFold(key));
			if (earlier !== void 0) {
				this.report(keyNode, earlier === key ? `${field} has \`${key}\` twice` : `${field} has \`${earlier}\` and \`${key}\`: \`matrix\` keys are compared without case`);
				continue;
			}
			seen.set(keyFold(key), key);
			if (key === "include") includeNode = valueNode;
			else if (key === "exclude") excludeNode = valueNode;
			else {
				hasVector = true;
				const vector = this.readVector(key, valueNode, field);
				if (vector !== void 0) vectors.push([key, vector]);
			}
		}
		const include = includeNode && this.readInclude(includeNode, field, vectors);
		const exclude = excludeNode && this.readExclude(excludeNode, field, vectors);
		const noInclude = includeNode === void 0 || includeNode.kind === "list" && includeNode.items.length === 0;
		if (!hasVector && noInclude) {
			this.report(includeNode ?? node, `${field} is empty: give at least one key with a list of values, or \`include\``);
			return;
		}
		return {
			vectors,
			include: include ?? [],
			exclude: exclude ?? [],
			excludeNode
		};
	}
	readVector(key, node, field) {
		const where = `\`${key}\` in ${field}`;
		if (node.kind !== "list") {
			const example = node.kind === "scalar" && node.text !== "" ? node.text : "a, b";
			this.report(node, `${where} must be a list of values, e.g. \`${key}: [${example}]\``);
			return;
		}
		if (node.items.length === 0) {
			this.report(node, `${where} is an empty list: give it at least one value`);
			return;
		}
		const values = this.values.read(node, where, 1);
		return Array.isArray(values) ? values : void 0;
	}
	readInclude(node, field, vectors) {
		const entries = this.readEntries(node, "include", field);
		if (entries === void 0) return void 0;
		const vectorKeys = new Set(vectors.map(([key]) => keyFold(key)));
		return entries.map((entry) => {
			const filterEntries = [...entry].filter(([key]) => vectorKeys.has(keyFold(key)));
			const extra = [...entry].filter(([key]) => !vectorKeys.has(keyFold(key)));
			return {
				filter: new MatrixFilter(filterEntries),
				filterEntries,
				extra
			};
		});
	}
	readExclude(node, field, vectors) {
		const entries = this.readEntries(node, "exclude", field);
		if (entries === void 0) return void 0;
		const keys = vectors.map(([key]) => key);
		const vectorKeys = new Set(keys.map(keyFold));
		entries.forEach((entry, i) => {
			const entryNode = node.kind === "list" ? node.items[i] : void 0;
			for (const [key] of entry) {
				if (vectorKeys.has(keyFold(key))) continue;
				const keyNode = entryNode?.kind === "mapping" ? entryNode.entries.find(([k]) => k.kind === "scalar" && k.text === key)?.[0] : void 0;
				const suggestion = closestMatch(key, keys);
				this.report(keyNode ?? node, `\`exclude\` in ${field} names \`${key}\`, which is not a key of the matrix` + (suggestion ? `; did you mean \`${suggestion}\`?` : keys.length > 0 ? `; its keys are ${keys.map((k) => `\`${k}\``).join(", ")}` : ""));
			}
		});
		return entries.map((entry) => new MatrixFilter(entry));
	}
	/** `include` or `exclude`: a list of non-empty mappings. */
	readEntries(node, which, field) {
		const where = `\`${which}\` in ${field}`;
		if (node.kind !== "list") {
			this.report(node, `${where} must be a list of mappings, e.g. \`${which}: [{ os: linux }]\``);
			return;
		}
		const entries = [];
		node.items.forEach((item, i) => {
			const entry = `entry ${i + 1} of ${where}`;
			if (item.kind !== "mapping") {
				this.report(item, `${entry} must be a mapping of matrix keys to values`);
				return;
			}
			if (item.entries.length === 0) {
				this.report(item, `${entry} is empty: give it at least one key and value`);
				return;
			}
			const mapping = this.values.readMapping(item, entry, 1);
			if (mapping !== void 0) entries.push(mapping);
		});
		return entries.length === node.items.length ? entries : void 0;
	}
};

// src/graph/source.ts
/** `file:line:column: message`, the form editors and problem matchers understand. */
function formatProblem(problem, source) {
	const { line, column } = problem.position;
	return `${source.file ?? "steps"}:${line}:${column}: ${problem.message}`;
}
function compareProblems(a, b) {
	return a.position.line - b.position.line || a.position.column - b.position.column;
}
/**
* A message quoting the graph's text, with every control character written as an escape
* (`\0`, `\n`, `\x1b`): a problem is one line, and a NUL or an escape code from the
* text must not reach the log or an annotation as itself.
*/
function visibleControls(message) {
	return message.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => CONTROL_ESCAPES[char] ?? hexEscape(char));
}
const CONTROL_ESCAPES = {
	"\0": "\\0",
	"\n": "\\n",
	"\r": "\\r",
	"	": "\\t"
};
function hexEscape(char) {
	return `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

// src/graph/matrix-name.ts
/** GitHub cuts a matrix job's display name here, ending it with `...` (JobNameBuilder). */
const MAX_DISPLAY_NAME = 100;
/**
* The segments GitHub puts in parentheses after a matrix job's name (MatrixBuilder): every
* scalar of the values, depth first in the order written, mapping keys left out; null and
* empty strings add nothing; numbers as .NET writes them ("G15"). Control characters are
* written as escapes (`\n`): a name and an id are one line.
*/
function nameSegments(values) {
	const segments = [];
	const visit = (value) => {
		if (Array.isArray(value)) for (const item of value) visit(item);
		else if (isOrderedMapping(value)) for (const item of value.values()) visit(item);
		else if (typeof value === "number") segments.push(formatG15(value));
		else if (typeof value === "boolean") segments.push(value ? "true" : "false");
		else if (typeof value === "string" && value !== "") segments.push(visibleControls(value));
	};
	for (const value of values) visit(value);
	return segments;
}
/** `test (20, linux)`; the base alone when there are no segments. */
function withSegments(base, segments) {
	return segments.length === 0 ? base : `${base} (${segments.join(", ")})`;
}
/** A display name as GitHub builds it: cut to 100 characters, the last three `...`. */
function displayName(base, segments) {
	const name = withSegments(base, segments);
	return name.length > 100 ? `${name.slice(0, 97)}...` : name;
}
/**
* A number as .NET's `ToString("G15", InvariantCulture)` writes it, which is how GitHub
* names matrix jobs: 15 significant digits, trailing zeros dropped, scientific notation
* (`1E+15`, `1E-05`) when the exponent is below -4 or above 14.
*/
function formatG15(value) {
	if (Number.isNaN(value)) return "NaN";
	if (value === 1e400) return "Infinity";
	if (value === -1e400) return "-Infinity";
	if (value === 0) return Object.is(value, -0) ? "-0" : "0";
	const shortest = String(value);
	const magnitude = Math.abs(value);
	if (magnitude >= 1e-4 && magnitude < 1e15 && shortest.replace(/^[-0.]+|\./g, "").length <= 15) return shortest;
	const sign = value < 0 ? "-" : "";
	const [mantissa = "", exponentText = "0"] = Math.abs(value).toExponential(14).split("e");
	const exponent = Number(exponentText);
	const digits = mantissa.replace(".", "").replace(/0+$/, "");
	if (exponent <= -5 || exponent >= 15) {
		const fraction = digits.slice(1);
		const power = String(Math.abs(exponent)).padStart(2, "0");
		return `${sign}${digits[0] ?? ""}${fraction ? `.${fraction}` : ""}E${exponent < 0 ? "-" : "+"}${power}`;
	}
	if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
	const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
	const fraction = digits.slice(exponent + 1);
	return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

// src/graph/matrix.ts
/**
* `matrix:` on a step, as `strategy.matrix` on a job, following GitHub's MatrixBuilder:
* the cross product of the keys' lists, first key slowest; `exclude` entries remove the
* combinations they match (partially: every key an entry gives must match); then each
* `include` entry adds its other keys to every combination its matrix keys match (an entry
* with none matches all; a later entry overwrites what an earlier one added, never an
* original value), or, matching none, becomes a combination of its own, after the others.
* Each combination becomes a step of its own (an instance), named as GitHub names matrix
* jobs: `test (20, linux)`, from the values of the cross product (not those `include`
* adds), or all the values of a combination `include` added.
*/
/** GitHub's limit: "A matrix will generate a maximum of 256 jobs per workflow run." */
const MAX_MATRIX_COMBINATIONS = 256;
/**
* The most combinations the matrices of one graph may have before `exclude` (their cross
* products, plus their `include` entries): each is built and compared, and an alias can
* repeat a matrix on thousands of steps, so this bounds the time a graph's text can cost.
*/
const MAX_EXAMINED_COMBINATIONS = 65536;
/**
* Every step with a `matrix` replaced by its instances, in place (instances of one step
* are consecutive, in the order of their combinations). A step whose matrix has a problem
* stays as declared, so that its id still resolves in other steps' `needs`; the problem
* is reported and the graph never runs. Positions must be real (the positioned tree):
* whether a value is `20` or `"20"` decides its type.
*/
function expandMatrices(steps, problems) {
	const expander = new MatrixExpander(problems);
	return steps.flatMap((step) => step.matrix === void 0 ? [step] : expander.expand(step));
}
var MatrixExpander = class {
	problems;
	/** One reader for the graph: the values of all its matrices share one budget. */
	definitions;
	examinedLeft = MAX_EXAMINED_COMBINATIONS;
	/** Each distinct list or mapping converted once, whatever the number of instances. */
	converted = /* @__PURE__ */ new WeakMap();
	constructor(problems) {
		this.problems = problems;
		const report = (node, message) => {
			this.report(node, message);
		};
		this.definitions = new MatrixDefinitionReader(new MatrixValueReader(report), report);
	}
	expand(step) {
		const node = step.matrix;
		const before = this.problems.length;
		const definition = this.definitions.read(step.spec.id, node);
		if (definition === void 0 || this.problems.length > before) return [step];
		const combinations = this.combine(step.spec.id, node, definition);
		if (combinations === void 0) return [step];
		return this.instances(step, combinations);
	}
	/** The combinations, exactly as GitHub's MatrixBuilder.Build orders them. */
	combine(id, node, definition) {
		const { vectors, include, exclude } = definition;
		const field = `the matrix of step \`${id}\``;
		let product = vectors.length === 0 ? 0 : 1;
		for (const [, values] of vectors) product = Math.min(product * values.length, 2 ** 32);
		const examined = product + include.length;
		if (examined > this.examinedLeft) {
			const shown = product >= 2 ** 32 ? "over 4 billion" : withCommas(product);
			const limit = withCommas(MAX_EXAMINED_COMBINATIONS);
			this.report(node, examined > 65536 ? `${field} has ${shown} combinations before \`exclude\`; at most ${limit} are built, and ${256} kept: split it into steps` : `the matrices of the graph have more than ${limit} combinations before \`exclude\` in all: the ${withCommas(examined)} of step \`${id}\` are past that (${withCommas(this.examinedLeft)} were left)`);
			return;
		}
		this.examinedLeft -= examined;
		const combinations = [];
		const matched = include.map(() => false);
		for (let index = 0; index < product; index++) {
			const values = /* @__PURE__ */ new Map();
			let block = product;
			for (const [key, vector] of vectors) {
				block /= vector.length;
				values.set(key, vector[Math.floor(index / block) % vector.length]);
			}
			if (exclude.some((filter) => filter.matches(values))) continue;
			const naming = [...values.values()];
			const extra = /* @__PURE__ */ new Map();
			include.forEach((entry, i) => {
				if (!entry.filter.matches(values)) return;
				matched[i] = true;
				for (const [key, value] of entry.extra) setIgnoringCase(extra, key, value);
			});
			for (const [key, value] of extra) values.set(key, value);
			combinations.push({
				values,
				naming
			});
		}
		include.forEach((entry, i) => {
			if (matched[i]) return;
			const values = new Map([...entry.filterEntries, ...entry.extra]);
			combinations.push({
				values,
				naming: [...values.values()]
			});
		});
		if (combinations.length === 0) {
			this.report(definition.excludeNode ?? node, `\`exclude\` in ${field} excludes every combination: the step would never run`);
			return;
		}
		if (combinations.length > 256) {
			this.report(node, `${field} has ${withCommas(combinations.length)} combinations; at most ${256} are allowed, as for a job's matrix: split it into steps`);
			return;
		}
		return combinations;
	}
	/**
	* One step per combination. Its id is its display name (`test (20, linux)`), made from
	* the declared id; when GitHub would cut that name (over 100 characters) or another
	* instance already has it, ` #N` (N the combination's number) keeps it unique: no plain
	* id has a space, so no instance id is another step's.
	*/
	instances(step, combinations) {
		const { spec } = step;
		const ids = /* @__PURE__ */ new Set();
		return combinations.map((combination, i) => {
			const number = i + 1;
			const segments = nameSegments(combination.naming);
			let id = displayName(spec.id, segments);
			if (id.endsWith("...") || ids.has(id)) id = `${id} #${number}`;
			ids.add(id);
			const name = spec.name.includes("${{") ? spec.name : displayName(spec.name, segments);
			const instance = {
				...spec,
				id,
				name,
				matrix: this.record(combination.values),
				instanceOf: spec.id,
				instanceNumber: number
			};
			return {
				...step,
				spec: instance
			};
		});
	}
	/** The values as the spec holds them: objects without a prototype, any key a key. */
	record(values) {
		const record = Object.create(null);
		for (const [key, value] of values) record[key] = this.matrixValue(value);
		return record;
	}
	matrixValue(value) {
		if (value === null || typeof value !== "object") return value;
		const cached = this.converted.get(value);
		if (cached !== void 0) return cached;
		const converted = isOrderedMapping(value) ? this.record(value) : value.map((item) => this.matrixValue(item));
		this.converted.set(value, converted);
		return converted;
	}
	report(node, message) {
		this.problems.push({
			message,
			position: node.position
		});
	}
};
/** Sets `key`, or the key already there that differs only in case (which keeps its spelling). */
function setIgnoringCase(map, key, value) {
	const folded = keyFold(key);
	for (const existing of map.keys()) if (keyFold(existing) === folded) {
		map.set(existing, value);
		return;
	}
	map.set(key, value);
}
/**
* `STEPGRAPH_MATRIX_<KEY>` for each of an instance's values, for graphs where `${{ }}` is
* not stepgraph's to evaluate (inline `steps:`, which the runner expands with the job's
* own `matrix`): the key upper-cased, every character but letters, digits and `_` made
* `_`; the value as `${{ matrix.<key> }}` writes it (a string as is, a number as
* @actions/expressions writes it, `true`/`false`, null empty), a list or mapping as JSON.
* Two keys that give one name give none (STEPGRAPH_MATRIX, the JSON, has both).
*/
function matrixVariables(spec) {
	const byName = /* @__PURE__ */ new Map();
	for (const [key, value] of Object.entries(spec.matrix ?? {})) {
		const name = `STEPGRAPH_MATRIX_${key.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`;
		byName.set(name, byName.has(name) ? void 0 : variableText(value));
	}
	return [...byName].filter((entry) => entry[1] !== void 0);
}
function variableText(value) {
	if (value === null) return "";
	if (typeof value === "string") return value;
	if (typeof value === "boolean") return value ? "true" : "false";
	if (typeof value === "number") return value === 0 ? "0" : String(+value.toFixed(15));
	return JSON.stringify(value);
}

// src/graph/spec.ts
/** Shell names the runner knows; anything else must be a template containing `{0}`. */
const SHELL_NAMES = [
	"bash",
	"sh",
	"pwsh",
	"powershell",
	"cmd",
	"python"
];
/** Whether a `shell:` value is one the runner accepts: a known name or a `{0}` template. */
function isValidShell(shell) {
	return SHELL_NAMES.includes(shell.trim()) || shell.includes("{0}");
}
/** Step ids are used in `needs`, in results and in environment values: keep them plain. */
const STEP_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Every key a step may have (the list form adds `id`). */
const STEP_KEYS = [
	"run",
	"name",
	"needs",
	"if",
	"shell",
	"env",
	"working-directory",
	"timeout-minutes",
	"continue-on-error",
	"retries",
	"matrix",
	"shards",
	"service",
	"ready-when",
	"ready-timeout-minutes"
];
/** The values of a step's `shards:` key. */
const SHARD_PINS = ["first", "all"];
/**
* The name an attempt's files (script, command files, spilled output) start with: the id
* when it is a plain id; an instance's id may hold any character (`/`, or more than a
* file name's 255 bytes), so instances use the declared id and their number: `test@2`.
* `@` is in no plain id, so the two forms never meet.
*/
function fileStem(spec) {
	if (spec.instanceOf === void 0) return spec.id;
	return `${spec.instanceOf}@${spec.instanceNumber ?? 0}`;
}

// src/graph/author-mistakes.ts
/**
* What a workflow author brings along when moving a job's steps into a step graph, and
* what to write instead. A step of the graph is a workflow `run:` step with `needs:`: the
* job's own keys belong to the job that runs stepgraph, and `uses:` steps (with their
* `with:`) are not run by stepgraph at all. Every message says what went wrong and what
* to write; none of them is a bare "unknown key".
*/
/**
* Keys of a workflow job (`jobs.<id>.*`) that a step does not take. The job keys a step
* shares (`name`, `needs`, `if`, `env`, `timeout-minutes`, `continue-on-error`) are step
* keys; `environment` is left to the "did you mean `env`" of suggest.ts.
*/
const JOB_ONLY_KEYS = /* @__PURE__ */ new Set([
	"runs-on",
	"steps",
	"strategy",
	"container",
	"services",
	"permissions",
	"concurrency",
	"outputs",
	"defaults",
	"snapshot",
	"secrets"
]);
/** The keys a workflow job may have, for recognising a pasted job. */
const WORKFLOW_JOB_KEYS = /* @__PURE__ */ new Set([
	...JOB_ONLY_KEYS,
	"name",
	"needs",
	"if",
	"env",
	"environment",
	"timeout-minutes",
	"continue-on-error",
	"uses",
	"with"
]);
/** Job keys whose place is the job that runs stepgraph, as they are. */
const JOB_SETTINGS = /* @__PURE__ */ new Set([
	"runs-on",
	"container",
	"services",
	"permissions",
	"concurrency",
	"snapshot"
]);
/**
* The message for a key that is not a step key, given the step's other keys; undefined
* when nothing needs saying (the `with:` of a `uses:` step: `uses:` says it for both).
*/
function unknownKeyMessage(key, id, stepKeys) {
	const at = `\`${key}\` in step \`${id}\``;
	if (key === "uses") return usesMessage(id);
	if (key === "with") {
		if (stepKeys.has("uses")) return void 0;
		return `${at} gives inputs to an action (\`uses:\`), which a step of the graph is not; pass values to the script through \`env:\``;
	}
	if (JOB_SETTINGS.has(key)) return `${at} is a job key: every step of the graph runs in the job that runs stepgraph; set \`${key}\` on that job and remove it here`;
	switch (key) {
		case "steps": return `step \`${id}\` holds \`steps:\`, a job's list of steps: in a step graph each of them is a step of its own; write them at the top level and order them with \`needs:\``;
		case "strategy": return `${at} is a job key: ` + (STEP_KEYS.includes("matrix") ? "give the step its matrix directly, as `matrix:`" : "a step has no matrix; write one step per combination") + " (for `fail-fast` and `max-parallel`, use stepgraph's own settings of those names)";
		case "defaults": return `${at} is a job key: give the step \`shell:\` or \`working-directory:\` itself, or set stepgraph's \`shell\` and \`working-directory\` for every step`;
		case "secrets": return `${at} is a job key (for reusable workflows): give the secret to the stepgraph step's \`env:\` in the workflow (\`TOKEN: \${{ secrets.TOKEN }}\`); every step of the graph inherits it`;
		case "outputs": return `${at} is a job key: a step's outputs are the lines it writes to \`\$GITHUB_OUTPUT\` (\`echo "name=value" >> "\$GITHUB_OUTPUT"\`), and reach \`results\``;
	}
	const suggestion = suggestStepKey(key, STEP_KEYS);
	return `unknown key \`${key}\` in step \`${id}\`` + (suggestion ? `; did you mean \`${suggestion}\`?` : `; step keys are ${STEP_KEYS.join(", ")}`);
}
/**
* Whether a step with these keys lacks a `run:` that nothing else explains: the message
* for `uses:` (an action's step) or `steps:` (a job's steps) already says why there is
* none, and "has no `run`" would repeat the same mistake.
*/
function lacksRun(keys) {
	return ![
		"run",
		"uses",
		"steps"
	].some((key) => keys.has(key));
}
/** `uses:` names an action; stepgraph runs shell commands only. */
function usesMessage(id) {
	return `\`uses:\` in step \`${id}\` is not supported: stepgraph runs shell commands; run actions (and their \`with:\`) as ordinary workflow steps before or after the stepgraph step`;
}
/**
* A value of the wrong shape that a workflow author is likely to write, with what to write
* instead; undefined when the value's shape is not one of these (the key's own reader then
* checks it).
*/
function valueShapeMessage(key, field, value) {
	if (key === "run" && value.kind === "list") return `${field} is a list: a step runs one script; write its commands as a block, \`run: |\` with one command a line beneath`;
	if (key === "env" && value.kind === "list") return `${field} must be a mapping of variable names to values, not a list: write each variable as \`NAME: value\` on a line of its own`;
}

// src/graph/step-values.ts
/**
* Readers of a step's scalar values that are more than a string: each accepts what a
* workflow accepts and, for what a workflow author commonly writes instead (a timeout with
* units, YAML 1.1's `yes`), says what to write.
*/
/** Units an author may add to a number of minutes, and what one of each is in minutes. */
const MINUTES_PER_UNIT = /* @__PURE__ */ new Map([
	["s", 1 / 60],
	["sec", 1 / 60],
	["secs", 1 / 60],
	["second", 1 / 60],
	["seconds", 1 / 60],
	["m", 1],
	["min", 1],
	["mins", 1],
	["minute", 1],
	["minutes", 1],
	["h", 60],
	["hr", 60],
	["hrs", 60],
	["hour", 60],
	["hours", 60]
]);
const NUMBER = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/;
/**
* `timeout-minutes`: a positive number of minutes. A number with units (`10m`, `1h30m`,
* `90 seconds`) is refused with the number of minutes it meant, as a workflow refuses it.
*/
function readTimeoutMinutes(text) {
	const minutes = NUMBER.test(text) ? Number(text) : NaN;
	if (minutes > 0) return {
		ok: true,
		value: minutes
	};
	const meant = minutesWithUnits(text);
	return {
		ok: false,
		reason: `must be a positive number of minutes, got \`${text}\`` + (meant !== void 0 && meant > 0 ? `; write the number of minutes alone: \`timeout-minutes: ${formatMinutes$1(meant)}\`` : "")
	};
}
/** `1h30m`, `10 min`, `90s`: the minutes they add up to, or undefined. */
function minutesWithUnits(text) {
	const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)\s*/gi)];
	if (parts.length === 0 || parts.map((part) => part[0]).join("") !== text.trim()) return void 0;
	let total = 0;
	for (const [, amount, unit] of parts) {
		const perUnit = MINUTES_PER_UNIT.get((unit ?? "").toLowerCase());
		if (perUnit === void 0) return void 0;
		total += Number(amount) * perUnit;
	}
	return total;
}
function formatMinutes$1(minutes) {
	return String(Math.round(minutes * 1e3) / 1e3);
}
const BOOLEAN_VALUES = /* @__PURE__ */ new Map([
	["true", true],
	["True", true],
	["TRUE", true],
	["false", false],
	["False", false],
	["FALSE", false]
]);
/**
* YAML 1.1's other booleans: a workflow (YAML 1.2's core schema) reads them as strings,
* so `continue-on-error: yes` is an error there too.
*/
const YAML_1_1_BOOLEANS = /* @__PURE__ */ new Map([
	["yes", true],
	["y", true],
	["on", true],
	["no", false],
	["n", false],
	["off", false]
]);
/** `true` or `false` as a workflow spells them; `yes`, `on`... get the spelling they meant. */
function readBoolean(text) {
	const flag = BOOLEAN_VALUES.get(text.trim());
	if (flag !== void 0) return {
		ok: true,
		value: flag
	};
	const meant = YAML_1_1_BOOLEANS.get(text.trim().toLowerCase());
	return {
		ok: false,
		reason: `must be \`true\` or \`false\`, got \`${text}\`` + (meant === void 0 ? "" : `; \`${text.trim()}\` is a string in workflow YAML, write \`${String(meant)}\``)
	};
}

// src/graph/service-keys.ts
const READY_WHEN_KEYS = [
	"line",
	"port",
	"http",
	"run"
];
/**
* The step's service, if it is one. `written` holds the service keys it has; `keyAt`
* finds where any of its other keys is written (for `timeout-minutes`).
*/
function readServiceKeys(id, written, keyAt, problems) {
	const reader = new ServiceReader(id, problems);
	const serviceKey = written.get("service");
	if (!(serviceKey !== void 0 && reader.flag(serviceKey.value, "`service`"))) {
		for (const key of ["ready-when", "ready-timeout-minutes"]) {
			const entry = written.get(key);
			if (entry === void 0) continue;
			problems.push({
				message: `\`${key}\` in step \`${id}\` is for a service only: add \`service: true\` (a step that keeps running while the steps that need it run), or remove it`,
				position: entry.position
			});
		}
		return;
	}
	const timeout = keyAt("timeout-minutes");
	if (timeout !== void 0) problems.push({
		message: `\`timeout-minutes\` in step \`${id}\`: a service runs as long as the steps that need it, and is stopped when they have finished; bound its start with \`ready-timeout-minutes\`, and give \`timeout-minutes\` to the steps that use it`,
		position: timeout
	});
	const retries = keyAt("retries");
	if (retries !== void 0) problems.push({
		message: `\`retries\` in step \`${id}\`: a service is not run again (the steps that need it may already have started against it); retry inside its \`run\` if its start is flaky`,
		position: retries
	});
	const readyWhenKey = written.get("ready-when");
	const timeoutKey = written.get("ready-timeout-minutes");
	return {
		readyWhen: readyWhenKey ? reader.readyWhen(readyWhenKey.value) : {},
		readyTimeoutMinutes: timeoutKey ? reader.minutes(timeoutKey.value) ?? 5 : 5
	};
}
var ServiceReader = class {
	id;
	problems;
	constructor(id, problems) {
		this.id = id;
		this.problems = problems;
	}
	flag(node, field) {
		const text = this.text(node, `${field} of step \`${this.id}\``);
		if (text === void 0) return false;
		const flag = readBoolean(text);
		if (flag.ok) return flag.value;
		this.report(node, `${field} of step \`${this.id}\` ${flag.reason}`);
		return false;
	}
	minutes(node) {
		const field = `\`ready-timeout-minutes\` of step \`${this.id}\``;
		const text = this.text(node, field);
		if (text === void 0) return void 0;
		const minutes = readTimeoutMinutes(text);
		if (minutes.ok) return minutes.value;
		this.report(node, `${field} ${minutes.reason.replace("timeout-minutes:", "ready-timeout-minutes:")}`);
	}
	readyWhen(node) {
		const field = `\`ready-when\` of step \`${this.id}\``;
		if (node.kind !== "mapping") {
			this.report(node, `${field} must be a mapping of one or more of ${keyList()}, e.g. \`ready-when: { port: 5432 }\``);
			return {};
		}
		if (node.entries.length === 0) {
			this.report(node, `${field} is empty: give one or more of ${keyList()}, or leave it out (the service is then ready once started)`);
			return {};
		}
		const readyWhen = {};
		for (const [keyNode, value] of node.entries) {
			const key = keyNode.kind === "scalar" ? keyNode.text : "";
			if (!READY_WHEN_KEYS.includes(key)) {
				const close = closestMatch(key, READY_WHEN_KEYS);
				this.report(keyNode, `${field} has an unknown key \`${key}\`: it takes ${keyList()}` + (close !== void 0 ? `; did you mean \`${close}\`?` : ""));
				continue;
			}
			this.condition(readyWhen, key, value, `\`ready-when.${key}\` of step \`${this.id}\``);
		}
		return readyWhen;
	}
	condition(readyWhen, key, node, field) {
		const text = this.text(node, field);
		if (text === void 0) return;
		if (text.trim() === "") {
			this.report(node, `${field} is empty`);
			return;
		}
		if (text.includes("${{")) {
			this.report(node, `${field} is not evaluated: \`\${{ }}\` stays as written here; ` + (key === "run" ? "the check runs with the service’s `env`: read the value from there" : "write the value itself, or check with `run:`, which has the service’s `env`"));
			return;
		}
		switch (key) {
			case "line": {
				const problem = regexProblem(text);
				if (problem === void 0) readyWhen.line = text;
				else this.report(node, `${field} is not a valid regular expression: ${problem}`);
				return;
			}
			case "port": {
				const port = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
				if (port >= 1 && port <= 65535) readyWhen.port = port;
				else this.report(node, `${field} must be a TCP port, 1 to 65535, got \`${text}\``);
				return;
			}
			case "http": {
				const problem = urlProblem(text.trim());
				if (problem === void 0) readyWhen.http = text.trim();
				else this.report(node, `${field} ${problem}`);
				return;
			}
			case "run":
				readyWhen.run = text;
				return;
		}
	}
	/** A scalar's text; a NUL is refused as everywhere in a step (no process can take one). */
	text(node, field) {
		if (node.kind !== "scalar") {
			this.report(node, `${field} must be a string, got ${node.kind === "mapping" ? "a mapping" : "a list"}`);
			return;
		}
		if (node.text.includes("\0")) {
			this.report(node, `${field} contains a NUL character (no process can be given one)`);
			return;
		}
		return node.text;
	}
	report(node, message) {
		this.problems.push({
			message,
			position: node.position
		});
	}
};
function keyList() {
	return READY_WHEN_KEYS.map((key) => `\`${key}\``).join(", ");
}
function regexProblem(source) {
	try {
		new RegExp(source);
		return;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}
function urlProblem(text) {
	let url;
	try {
		url = new URL(text);
	} catch {
		return `must be a URL such as \`http://localhost:8080/health\`, got \`${text}\``;
	}
	if (url.protocol !== "http:" && url.protocol !== "https:") return `must be an http:// or https:// URL, got \`${text}\``;
}

// src/graph/shell-hint.ts
/**
* What to write instead of a `shell:` value the runner refuses. The runner knows six shell
* names; any other program runs the script through a template holding `{0}` (the script's
* path), so `shell: zsh` means `zsh {0}`. A near miss of a known name (`bsah`) is more
* likely a typo, but a program people really use as a shell is never "corrected" to a
* known name (`zsh` is not a typo of `sh`).
*/
/** Shells and interpreters people name in `shell:`, which only a `{0}` template runs. */
const KNOWN_PROGRAMS = /* @__PURE__ */ new Set([
	"zsh",
	"fish",
	"ksh",
	"mksh",
	"dash",
	"ash",
	"csh",
	"tcsh",
	"yash",
	"nu",
	"elvish",
	"xonsh",
	"busybox",
	"python3",
	"python2",
	"node",
	"deno",
	"bun",
	"perl",
	"ruby",
	"php",
	"lua",
	"Rscript",
	"pwsh-preview"
]);
/** One word that can name a program or its path: `zsh`, `/usr/bin/fish`, `python3.12`. */
const PROGRAM = /^[\w.+/\\:-]+$/;
/**
* The hint after "must be bash, sh, ... or a command template containing {0}, got X":
* starts with `; ` when there is one, empty when there is none. `quote` formats a value
* as the message's reader expects (backticks in the graph's problems, quotes for flags).
*/
function shellHint(shell, quote) {
	const written = shell.trim();
	if (written === "") return "";
	if (!/\s/.test(written)) {
		if (!PROGRAM.test(written)) return "";
		const template = `to run the script with ${written}, write ${quote(`${written} {0}`)}`;
		const suggestion = KNOWN_PROGRAMS.has(baseName(written)) ? void 0 : closestMatch(written, SHELL_NAMES);
		return suggestion ? `; did you mean ${quote(suggestion)}? Or, ${template}` : `; ${template}`;
	}
	return `; a template says where the script's path goes with ${quote("{0}")}: ${quote(`${written} {0}`)}`;
}
function baseName(path) {
	return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

// src/graph/step-ids.ts
/**
* Why a step id is refused, with an id to write instead. A workflow author often keys a
* step by its display name (`Build app:`): the suggestion is an id made from it
* (`build-app`) with the name kept as `name:`, as a workflow's jobs are written.
*/
function invalidIdMessage(id, step, form) {
	if (STEP_ID_PATTERN.test(id)) return void 0;
	const rule = `invalid step id \`${id}\`: an id starts with a letter or \`_\` and holds only letters, digits, \`_\` and \`-\``;
	const suggestion = idFrom(id);
	if (suggestion === void 0) return rule;
	return `${rule}; write ${form === "mapping" ? `\`${suggestion}:\`` : `\`id: ${suggestion}\``}${!hasKey(step, "name") && !/[\u0000-\u001f\u007f-\u009f]/.test(id) && /[^A-Za-z0-9_-]/.test(id) ? ` with \`name: ${id.trim()}\`` : ""}`;
}
/**
* An id made from `text`: accents dropped, every run of other characters a `-`, lower
* case, and `_` in front when it would start with a digit; undefined when nothing is left.
*/
function idFrom(text) {
	const id = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase();
	if (id === "") return void 0;
	return /^[0-9-]/.test(id) ? `_${id}` : id;
}
function hasKey(step, key) {
	return step?.entries.some(([node]) => node.kind === "scalar" && node.text === key) ?? false;
}

// src/graph/workflow-shape.ts
function pastedWorkflow(root) {
	if (!root.entries.some(([key]) => key.kind === "scalar" && (key.text === "jobs" || key.text === "steps"))) return void 0;
	const keys = root.entries.flatMap(([key, value]) => key.kind === "scalar" ? [{
		name: key.text,
		key,
		value
	}] : []);
	if (keys.length !== root.entries.length) return void 0;
	const jobs = keys.find((entry) => entry.name === "jobs");
	if (jobs && isWorkflowJobs(jobs.value)) return { problem: {
		message: "this is a whole workflow (`jobs:`), not a step graph: give the steps of one job, without `jobs:`, the job and its `steps:` (a list of steps, or a mapping of step ids)",
		position: jobs.key.position
	} };
	const steps = keys.find((entry) => entry.name === "steps");
	if (steps?.value.kind !== "list") return void 0;
	const others = keys.filter((entry) => entry !== steps).map((entry) => entry.name);
	if (!others.every((name) => WORKFLOW_JOB_KEYS.has(name))) return void 0;
	return {
		problem: {
			message: others.length === 0 ? "the step graph is wrapped in `steps:`, as in a workflow job: remove the `steps:` line and give the list itself (or a mapping of step ids)" : `the step graph is a workflow job (${[...others, "steps"].map((name) => `\`${name}\``).join(", ")}): give only the list under \`steps:\`, without \`steps:\` and the job's other keys (they belong to the job that runs stepgraph)`,
			position: steps.key.position
		},
		steps: steps.value
	};
}
/** `jobs:` as a workflow writes it: job ids to mappings with `steps`, `runs-on` or `uses`. */
function isWorkflowJobs(value) {
	return value.kind === "mapping" && value.entries.some(([, job]) => job.kind === "mapping" && job.entries.some(([key]) => key.kind === "scalar" && [
		"steps",
		"runs-on",
		"uses"
	].includes(key.text)));
}

// src/graph/parse.ts
/** Why a NUL (`"\0"` in a double-quoted YAML string) is refused wherever it is written. */
const NUL_REASON = "no process can be given one";
/**
* Reads a step graph's YAML tree into step specs. Problems are collected, never thrown, so
* one pass reports all of them.
*/
function readStepTree(tree) {
	return new GraphReader(tree).read();
}
var GraphReader = class {
	tree;
	problems = [];
	constructor(tree) {
		this.tree = tree;
	}
	read() {
		return {
			steps: this.readSteps(),
			problems: this.problems
		};
	}
	readSteps() {
		this.problems.push(...this.tree.errors);
		if (this.tree.errors.length > 0) return [];
		const root = this.tree.root;
		if (root === void 0 || isEmptyScalar(root) || isEmptyCollection(root)) {
			this.problems.push({
				message: "the step graph is empty: give at least one step with a `run`",
				position: root?.position ?? {
					line: 1,
					column: 1
				}
			});
			return [];
		}
		const pasted = root.kind === "mapping" ? pastedWorkflow(root) : void 0;
		if (pasted) {
			this.problems.push(pasted.problem);
			return pasted.steps ? this.readListForm(pasted.steps.items) : [];
		}
		if (root.kind === "mapping") return this.readMappingForm(root);
		if (root.kind === "list") return this.readListForm(root.items);
		this.report(root, "the step graph must be a mapping of step ids to steps, or a list of steps");
		return [];
	}
	/** `build: { run: make }`: the key is the id, declaration order is kept. */
	readMappingForm(root) {
		return root.entries.map(([key, value]) => {
			const id = key.kind === "scalar" ? key.text : "";
			if (key.kind !== "scalar") this.report(key, "step ids must be plain strings");
			else this.checkId(id, key.position, value.kind === "mapping" ? value : void 0, "mapping");
			if (value.kind !== "mapping") this.report(isEmptyScalar(value) ? key : value, isEmptyScalar(value) ? `step \`${id}\` is empty: give it a \`run\`` : `step \`${id}\` must be a mapping of step keys, e.g. \`${id}: { run: make }\``);
			return this.readStep(value.kind === "mapping" ? value : void 0, id, key.position, "mapping");
		});
	}
	/** `- id: build\n  run: make`: ids are optional and default to `step-N`. */
	readListForm(items) {
		return items.map((item, index) => {
			const mapping = item.kind === "mapping" ? item : void 0;
			if (!mapping) this.report(item, `step ${index + 1} of the list must be a mapping of step keys, e.g. \`- run: make\``);
			let id = `step-${index + 1}`;
			const idNode = mapping?.entries.find(([key]) => key.kind === "scalar" && key.text === "id")?.[1];
			if (idNode) {
				const written = this.readString(idNode, "`id`");
				if (written !== void 0) {
					id = written;
					this.checkId(id, idNode.position, mapping, "list");
				}
			}
			return this.readStep(mapping, id, item.position, "list");
		});
	}
	/**
	* A step is returned even when it has problems, so that its id still resolves in other
	* steps' `needs` (one mistake, one message); a graph with problems never runs.
	* `step` is undefined when it was not a mapping at all (already reported).
	*/
	readStep(step, id, position, form) {
		const draft = {
			needs: [],
			needsPositions: [],
			if: DEFAULT_CONDITION,
			env: /* @__PURE__ */ new Map(),
			continueOnError: false,
			retries: 0,
			serviceKeys: /* @__PURE__ */ new Map(),
			keys: new Set(step?.entries.flatMap(([key]) => key.kind === "scalar" ? [key.text] : []))
		};
		const seenKeys = /* @__PURE__ */ new Map();
		for (const [keyNode, value] of step?.entries ?? []) {
			if (keyNode.kind !== "scalar") {
				this.report(keyNode, `step \`${id}\` has a key that is not a plain string`);
				continue;
			}
			const key = keyNode.text;
			const keyPosition = keyNode.position;
			const earlier = seenKeys.get(key);
			if (earlier) {
				this.problems.push({
					message: `step \`${id}\` has \`${key}\` twice (first at ${earlier.line}:${earlier.column})`,
					position: keyPosition
				});
				continue;
			}
			seenKeys.set(key, keyPosition);
			if (key === "id" && form === "list") continue;
			this.readKey(draft, id, key, keyPosition, value);
		}
		if (step !== void 0 && lacksRun(seenKeys)) this.problems.push({
			message: `step \`${id}\` has no \`run\``,
			position
		});
		const service = readServiceKeys(id, draft.serviceKeys, (key) => seenKeys.get(key), this.problems);
		return {
			spec: {
				id,
				name: draft.name ?? id,
				run: draft.run ?? "",
				needs: draft.needs,
				if: draft.if,
				env: draft.env,
				continueOnError: draft.continueOnError,
				retries: draft.retries,
				...draft.shell !== void 0 && { shell: draft.shell },
				...draft.workingDirectory !== void 0 && { workingDirectory: draft.workingDirectory },
				...draft.timeoutMinutes !== void 0 && { timeoutMinutes: draft.timeoutMinutes },
				...draft.shards !== void 0 && { shards: draft.shards },
				...service !== void 0 && { service }
			},
			position,
			needsPositions: draft.needsPositions,
			...draft.matrix !== void 0 && { matrix: draft.matrix },
			...step !== void 0 && { node: step }
		};
	}
	readKey(draft, id, key, keyPosition, value) {
		const field = `\`${key}\` of step \`${id}\``;
		const shapeMistake = valueShapeMessage(key, field, value);
		if (shapeMistake !== void 0) {
			this.report(value, shapeMistake);
			return;
		}
		switch (key) {
			case "run": {
				const run = this.readString(value, field);
				if (run !== void 0 && run.trim() === "") this.report(value, `step \`${id}\` has an empty \`run\``);
				else draft.run = run;
				return;
			}
			case "name": {
				const name = this.readString(value, field);
				if (name !== void 0 && name.trim() === "") this.report(value, `${field} is empty`);
				else draft.name = name;
				return;
			}
			case "needs":
				this.readNeeds(draft, value, field);
				return;
			case "if":
				this.readIf(draft, value, field);
				return;
			case "shell":
				this.readShell(draft, value, field);
				return;
			case "env":
				this.readEnv(draft, value, field);
				return;
			case "working-directory": {
				const directory = this.readString(value, field);
				if (directory !== void 0 && directory.trim() === "") this.report(value, `${field} is empty`);
				else draft.workingDirectory = directory;
				return;
			}
			case "timeout-minutes": {
				const text = this.readString(value, field);
				if (text === void 0) return;
				const minutes = readTimeoutMinutes(text);
				if (minutes.ok) draft.timeoutMinutes = minutes.value;
				else this.report(value, `${field} ${minutes.reason}`);
				return;
			}
			case "continue-on-error": {
				const text = this.readString(value, field);
				if (text === void 0) return;
				const flag = readBoolean(text);
				if (flag.ok) draft.continueOnError = flag.value;
				else this.report(value, `${field} ${flag.reason}`);
				return;
			}
			case "retries": {
				const text = this.readString(value, field);
				if (text === void 0) return;
				if (/^\s*\d+\s*$/.test(text)) draft.retries = Number(text);
				else this.report(value, `${field} must be a whole number of retries (0 or more), got \`${text}\``);
				return;
			}
			case "matrix":
				draft.matrix = value;
				return;
			case "shards": {
				const text = this.readString(value, field);
				if (text === void 0) return;
				const pin = SHARD_PINS.find((known) => known === text.trim());
				if (pin !== void 0) draft.shards = pin;
				else this.report(value, `${field} must be \`first\` (once, in shard 1) or \`all\` (in every shard), got \`${text}\``);
				return;
			}
			case "service":
			case "ready-when":
			case "ready-timeout-minutes":
				draft.serviceKeys.set(key, {
					position: keyPosition,
					value
				});
				return;
			case "id":
				this.problems.push({
					message: `\`id\` in step \`${id}\`: in the mapping form the key (\`${id}\`) is the id; remove \`id\``,
					position: keyPosition
				});
				return;
			case "<<":
				this.problems.push({
					message: `step \`${id}\`: YAML merge keys (\`<<\`) are not supported, as in workflow files`,
					position: keyPosition
				});
				return;
			default: {
				const message = unknownKeyMessage(key, id, draft.keys);
				if (message !== void 0) this.problems.push({
					message,
					position: keyPosition
				});
			}
		}
	}
	readNeeds(draft, value, field) {
		const entries = value.kind === "list" ? value.items : [value];
		const seen = new Set(draft.needs);
		for (const entry of entries) {
			const need = this.readString(entry, `an entry of ${field}`);
			if (need === void 0) continue;
			if (need.trim() === "") {
				this.report(entry, `${field} has an empty entry`);
				continue;
			}
			if (seen.has(need)) continue;
			seen.add(need);
			draft.needs.push(need);
			draft.needsPositions.push(entry.position);
		}
	}
	/** Only its form: what it says is checked with the other expressions (expressions.ts). */
	readIf(draft, value, field) {
		const text = this.readString(value, field);
		if (text === void 0) return;
		const condition = conditionText(text);
		if ("error" in condition) this.report(value, `${field} ${condition.error}`);
		else draft.if = condition.text;
	}
	readShell(draft, value, field) {
		const shell = this.readString(value, field);
		if (shell === void 0) return;
		if (isValidShell(shell)) {
			draft.shell = shell.trim();
			return;
		}
		this.report(value, `${field} must be ${SHELL_NAMES.join(", ")} or a command template containing \`{0}\`, got \`${shell}\`` + shellHint(shell, (text) => `\`${text}\``));
	}
	readEnv(draft, value, field) {
		if (value.kind !== "mapping") {
			this.report(value, `${field} must be a mapping of variable names to values`);
			return;
		}
		for (const [keyNode, valueNode] of value.entries) {
			const name = keyNode.kind === "scalar" ? keyNode.text : "";
			const invalid = name === "" ? "an empty variable name" : name.includes("\0") ? `a variable name with a NUL character (${NUL_REASON})` : name.includes("=") ? `an invalid variable name \`${name}\`: a name cannot contain \`=\`` : void 0;
			if (invalid !== void 0) {
				this.report(keyNode, `${field} has ${invalid}`);
				continue;
			}
			const text = this.readString(valueNode, `\`${name}\` in ${field}`);
			if (text !== void 0) draft.env.set(name, text);
		}
	}
	/**
	* The string a scalar holds; anything else is reported as a wrong type. Every string of
	* a step may reach a process (its script, shell, directory, environment, name and id
	* travel in arguments, files and environment variables), and none can carry a NUL.
	*/
	readString(node, field) {
		if (node.kind === "scalar") {
			if (!node.text.includes("\0")) return node.text;
			this.report(node, `${field} contains a NUL character (${NUL_REASON})`);
			return;
		}
		this.report(node, `${field} must be a string, got ${node.kind === "mapping" ? "a mapping" : "a list"}`);
	}
	checkId(id, position, step, form) {
		const message = invalidIdMessage(id, step, form);
		if (message !== void 0) this.problems.push({
			message,
			position
		});
	}
	report(node, message) {
		this.problems.push({
			message,
			position: node.position
		});
	}
};
function isEmptyScalar(node) {
	return node.kind === "scalar" && node.text === "";
}
function isEmptyCollection(node) {
	return node.kind === "mapping" && node.entries.length === 0 || node.kind === "list" && node.items.length === 0;
}

// src/graph/needs-hints.ts
/**
* The message for an entry of `needs` that is not a step id, saying what was likely meant:
* several ids written as one string (`needs: build, lint`, where YAML reads one string:
* a list is `[build, lint]`), a step's display name instead of its id, or a typo of an id.
*/
function unknownNeedMessage(stepId, need, indexOf, steps, suggest) {
	const unknown = `step \`${stepId}\` needs \`${need}\`, which is not a step`;
	const parts = need.split(/[\s,]+/).filter((part) => part !== "");
	if (parts.length > 1 && (need.includes(",") || parts.every((part) => indexOf.has(part)))) return `${unknown}: \`needs\` is one string here; for several needs write a list, \`needs: [${parts.join(", ")}]\``;
	return suggest ? unknown + meantStepHint(need, indexOf, steps) : unknown;
}
/**
* What an unknown id most likely meant, to follow "... is not a step": a step whose display
* name it is (`needs` and the CLI take ids), or the closest id; '' when none is close.
*/
function meantStepHint(text, indexOf, steps) {
	const lowered = text.trim().toLowerCase();
	const named = steps.find((step) => step.name !== step.id && step.name.trim().toLowerCase() === lowered);
	if (named) return `: it is the name of step \`${named.id}\`; give its id`;
	const suggestion = closestMatch(text, indexOf.keys());
	return suggestion ? `; did you mean \`${suggestion}\`?` : "";
}

// node_modules/js-yaml/dist/js-yaml.mjs
/*! js-yaml 5.5.0 https://github.com/nodeca/js-yaml @license MIT */
/**
* Returned by a scalar resolver when the source does not match its tag.
*
* @category Tags
*/
var NOT_RESOLVED = Symbol("NOT_RESOLVED");
/**
* Create a normalized scalar tag definition.
*
* @category Tags
*/
function defineScalarTag(tagName, options) {
	return {
		tagName,
		nodeKind: "scalar",
		implicit: options.implicit ?? false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		implicitFirstChars: options.implicitFirstChars ?? null,
		resolve: options.resolve,
		identify: options.identify,
		represent: options.represent ?? ((data) => String(data)),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized sequence tag definition.
*
* @category Tags
*/
function defineSequenceTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "sequence",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addItem: options.addItem,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized mapping tag definition.
*
* @category Tags
*/
function defineMappingTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "mapping",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addPair: options.addPair,
		has: options.has,
		keys: options.keys,
		get: options.get,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/** @category Tags */
var strTag = defineScalarTag("tag:yaml.org,2002:str", {
	resolve: (source) => source,
	identify: (data) => typeof data === "string"
});
var NULL_VALUES$1 = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullCoreTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES$1.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
/** @category Tags */
var nullJsonTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: ["n"],
	resolve: (source, isExplicit) => {
		if (source === "null" || isExplicit && source === "") return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
var NULL_VALUES = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullYaml11Tag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
var TRUE_VALUES$2 = [
	"true",
	"True",
	"TRUE"
];
var FALSE_VALUES$2 = [
	"false",
	"False",
	"FALSE"
];
/** @category Tags */
var boolCoreTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"t",
		"T",
		"f",
		"F"
	],
	resolve: (source) => {
		if (TRUE_VALUES$2.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$2.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
var TRUE_VALUES$1 = ["true"];
var FALSE_VALUES$1 = ["false"];
/** @category Tags */
var boolJsonTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: ["t", "f"],
	resolve: (source) => {
		if (TRUE_VALUES$1.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$1.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
var TRUE_VALUES = [
	"true",
	"True",
	"TRUE",
	"y",
	"Y",
	"yes",
	"Yes",
	"YES",
	"on",
	"On",
	"ON"
];
var FALSE_VALUES = [
	"false",
	"False",
	"FALSE",
	"n",
	"N",
	"no",
	"No",
	"NO",
	"off",
	"Off",
	"OFF"
];
/** @category Tags */
var boolYaml11Tag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"y",
		"Y",
		"n",
		"N",
		"t",
		"T",
		"f",
		"F",
		"o",
		"O"
	],
	resolve: (source) => {
		if (TRUE_VALUES.indexOf(source) !== -1) return true;
		if (FALSE_VALUES.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
var YAML_INTEGER_IMPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
var YAML_INTEGER_EXPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$2(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$2(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$2(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intCoreTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger$2,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
var YAML_INTEGER_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)$");
var YAML_INTEGER_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$1(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$1(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intJsonTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlInteger$1,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
var YAML_INTEGER_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?(?:0|[1-9][0-9_]*))$");
function parseYamlInteger(source) {
	let value = source.replace(/_/g, "");
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	if (value.includes(":")) {
		let result = 0;
		for (const part of value.split(":")) result = result * 60 + Number(part);
		return sign * result;
	}
	if (value !== "0" && value[0] === "0") return sign * parseInt(value, 8);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger(source) {
	if (!YAML_INTEGER_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intYaml11Tag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
var YAML_FLOAT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$2(source) {
	if (!YAML_FLOAT_PATTERN$1.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase();
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	const result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN$1.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$2(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatCoreTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat$2,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$2
});
var YAML_FLOAT_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$");
var YAML_FLOAT_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_FLOAT_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
		let value = source.toLowerCase();
		const sign = value[0] === "-" ? -1 : 1;
		if ("+-".includes(value[0])) value = value.slice(1);
		if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
		if (value === ".nan") return NaN;
		const result = sign * parseFloat(value);
		return Number.isFinite(result) ? result : NOT_RESOLVED;
	}
	if (!YAML_FLOAT_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = Number(source);
	if (Number.isFinite(result)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$1(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatJsonTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlFloat$1,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$1
});
var YAML_FLOAT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?(?:(?:[0-9][0-9_]*)?\\.[0-9_]*)(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat(source) {
	if (!YAML_FLOAT_PATTERN.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase().replace(/_/g, "");
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	let result = 0;
	if (value.includes(":")) {
		for (const part of value.split(":")) result = result * 60 + Number(part);
		result *= sign;
	} else result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatYaml11Tag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat
});
/**
* Enables merge keys in {@link CORE_SCHEMA} when added with
* {@link Schema.withTags}.
*
* @category Tags
*/
var mergeTag = defineScalarTag("tag:yaml.org,2002:merge", {
	implicit: true,
	implicitFirstChars: ["<"],
	resolve: (source, isExplicit) => {
		if (source === "<<" || isExplicit && source === "") return "<<";
		return NOT_RESOLVED;
	},
	identify: () => false
});
var BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
function resolveYamlBinary(source) {
	const input = source.replace(/\s/g, "");
	if (input.length % 4 !== 0 || !BASE64_PATTERN.test(input)) return NOT_RESOLVED;
	const binary = atob(input);
	const result = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index++) result[index] = binary.charCodeAt(index);
	return result;
}
function representYamlBinary(object) {
	let binary = "";
	for (let index = 0; index < object.length; index++) binary += String.fromCharCode(object[index]);
	return btoa(binary);
}
/**
* The `!!binary` tag, represented as a `Uint8Array`.
*
* @category Tags
*/
var binaryTag = defineScalarTag("tag:yaml.org,2002:binary", {
	resolve: resolveYamlBinary,
	identify: (object) => Object.prototype.toString.call(object) === "[object Uint8Array]",
	represent: representYamlBinary
});
var YAML_DATE_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$");
var YAML_TIMESTAMP_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$");
function makeUtcDate(year, month, day, hour = 0, minute = 0, second = 0, fraction = 0) {
	const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
	date.setUTCFullYear(year, month, day);
	return date;
}
function resolveYamlTimestamp(source) {
	let match = YAML_DATE_REGEXP.exec(source);
	if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(source);
	if (match === null) return NOT_RESOLVED;
	const year = +match[1];
	const month = +match[2] - 1;
	const day = +match[3];
	if (!match[4]) {
		const date = makeUtcDate(year, month, day);
		if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
		return date;
	}
	const hour = +match[4];
	const minute = +match[5];
	const second = +match[6];
	let fraction = 0;
	if (hour > 23 || minute > 59 || second > 59) return NOT_RESOLVED;
	if (match[7]) {
		let value = match[7].slice(0, 3);
		while (value.length < 3) value += "0";
		fraction = +value;
	}
	const date = makeUtcDate(year, month, day, hour, minute, second, fraction);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
	if (match[9]) {
		const offsetHour = +match[10];
		const offsetMinute = +(match[11] || 0);
		if (offsetHour > 23 || offsetMinute > 59) return NOT_RESOLVED;
		const offset = (offsetHour * 60 + offsetMinute) * 6e4;
		date.setTime(date.getTime() - (match[9] === "-" ? -offset : offset));
	}
	return date;
}
/**
* The YAML 1.1 `!!timestamp` tag, represented as a JavaScript `Date`.
*
* @category Tags
*/
var timestampTag = defineScalarTag("tag:yaml.org,2002:timestamp", {
	implicit: true,
	implicitFirstChars: [..."0123456789"],
	resolve: resolveYamlTimestamp,
	identify: (object) => object instanceof Date,
	represent: (object) => object.toISOString()
});
/** @category Tags */
var seqTag = defineSequenceTag("tag:yaml.org,2002:seq", {
	create: () => [],
	addItem: (container, item) => {
		container.push(item);
	},
	identify: Array.isArray
});
function isPlainObject(data) {
	if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
	const prototype = Object.getPrototypeOf(data);
	return prototype === null || prototype === Object.prototype;
}
function pick(object, keys) {
	const result = {};
	for (const key of keys) if (object[key] !== void 0) result[key] = object[key];
	return result;
}
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!omap
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   { one: 1 },
*   { two: 2 }
* ]
* ```
*
* @category Tags
*/
var omapTag = defineSequenceTag("tag:yaml.org,2002:omap", {
	create: () => ({
		list: [],
		seen: /* @__PURE__ */ new Set()
	}),
	addItem: (carrier, item) => {
		let key;
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve an ordered map item";
			key = item.keys().next().value;
		} else if (isPlainObject(item)) {
			const itemKeys = Object.keys(item);
			if (itemKeys.length !== 1) return "cannot resolve an ordered map item";
			key = itemKeys[0];
		} else return "cannot resolve an ordered map item";
		if (carrier.seen.has(key)) return "duplicate key in ordered map";
		carrier.seen.add(key);
		carrier.list.push(item);
		return "";
	},
	finalize: (carrier) => carrier.list,
	identify: () => false
});
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!pairs
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   ['one', 1],
*   ['two', 2]
* ]
* ```
*
* @category Tags
*/
var pairsTag = defineSequenceTag("tag:yaml.org,2002:pairs", {
	create: () => [],
	addItem: (container, item) => {
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve a pairs item";
			container.push(item.entries().next().value);
			return "";
		}
		if (Object.prototype.toString.call(item) !== "[object Object]") return "cannot resolve a pairs item";
		const object = item;
		const keys = Object.keys(object);
		if (keys.length !== 1) return "cannot resolve a pairs item";
		container.push([keys[0], object[keys[0]]]);
		return "";
	},
	identify: () => false
});
/**
* This is the default mapping implementation. It uses `{}` objects and has only
* partial functionality due to language limitations. This choice was made
* because users expect to get JavaScript objects, and it was left unchanged to
* avoid too many breaking changes in the v5 release.
*
* Side effects:
*
* - `Object.hasOwn()` checks or `for...of` loops are required for safe use (to
*   avoid falling through to prototypes).
* - Only scalar string keys are supported properly.
* - Other scalar keys, such as `null` and numbers, are converted to strings.
*   This is historical behaviour, and it can cause side effects such as
*   problems with `!!merge`.
*
* Note that non-string scalar keys may be deprecated in future versions.
*
* Ideally, use {@link realMapTag} instead.
*
* @category Tags
*/
var mapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		if (key !== null && typeof key === "object") return "object-based map does not support complex keys";
		const normalizedKey = String(key);
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		if (key !== null && typeof key === "object") return false;
		return Object.prototype.hasOwnProperty.call(container, String(key));
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
/**
* The YAML 1.1 `!!set` tag, represented as a JavaScript `Set`.
*
* @category Tags
*/
var setTag = defineMappingTag("tag:yaml.org,2002:set", {
	create: () => /* @__PURE__ */ new Set(),
	identify: (data) => data instanceof Set,
	represent: (data) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of data) map.set(key, null);
		return map;
	},
	addPair: (container, key, value) => {
		if (value !== null) return "cannot resolve a set item";
		container.add(key);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: () => null
});
function createTagDefinitionMap() {
	return {
		scalar: Object.create(null),
		sequence: Object.create(null),
		mapping: Object.create(null)
	};
}
function createTagDefinitionListMap() {
	return {
		scalar: [],
		sequence: [],
		mapping: []
	};
}
function compileTags(tags) {
	const result = [];
	for (const tag of tags) {
		let index = result.length;
		for (let previousIndex = 0; previousIndex < result.length; previousIndex++) {
			const previous = result[previousIndex];
			if (previous.nodeKind === tag.nodeKind && previous.tagName === tag.tagName && previous.matchByTagPrefix === tag.matchByTagPrefix) {
				index = previousIndex;
				break;
			}
		}
		result[index] = tag;
	}
	return result;
}
/**
* Controls tag resolution when loading and type selection when dumping.
*
* @category Schemas
*/
var Schema = class Schema {
	tags;
	/** @internal */
	implicitScalarTags;
	/**
	* Dispatch implicit scalar resolvers by `source.charAt(0)`. Each bucket holds
	* the resolvers that may match that key, in schema order; a key absent from
	* the map uses
	* {@link Schema.implicitScalarAnyFirstChar}
	* (resolvers that declared no first-char constraint, so they apply to any
	* first character).
	*/
	implicitScalarByFirstChar;
	implicitScalarAnyFirstChar;
	/**
	* The default scalar tag (`!!str`), resolved once so the composer's fallback
	* for unresolved plain scalars avoids a keyed lookup per scalar.
	*
	* @internal
	*/
	defaultScalarTag;
	/**
	* The default container tags (`!!seq` / `!!map`), used by the dumper: when a
	* value is identified by its default tag, the tag is implicit and not
	* printed. Undefined if the schema does not define them (then such values
	* can't be dumped).
	*
	* @internal
	*/
	defaultSequenceTag;
	/** @internal */
	defaultMappingTag;
	exact;
	prefix;
	constructor(tags) {
		const compiledTags = compileTags(tags);
		const implicitScalarTags = [];
		const exact = createTagDefinitionMap();
		const prefix = createTagDefinitionListMap();
		for (const tag of compiledTags) {
			if (tag.nodeKind === "scalar" && tag.implicit) {
				if (tag.matchByTagPrefix) throw new Error("Implicit scalar tags cannot match by tag prefix");
				implicitScalarTags.push(tag);
			}
			switch (tag.nodeKind) {
				case "scalar":
					if (tag.matchByTagPrefix) prefix.scalar.push(tag);
					else exact.scalar[tag.tagName] = tag;
					break;
				case "sequence":
					if (tag.matchByTagPrefix) prefix.sequence.push(tag);
					else exact.sequence[tag.tagName] = tag;
					break;
				case "mapping": if (tag.matchByTagPrefix) prefix.mapping.push(tag);
				else exact.mapping[tag.tagName] = tag;
			}
		}
		const implicitScalarAnyFirstChar = implicitScalarTags.filter((tag) => tag.implicitFirstChars === null);
		const keys = /* @__PURE__ */ new Set();
		for (const tag of implicitScalarTags) if (tag.implicitFirstChars !== null) for (const key of tag.implicitFirstChars) keys.add(key);
		const implicitScalarByFirstChar = /* @__PURE__ */ new Map();
		for (const key of keys) implicitScalarByFirstChar.set(key, implicitScalarTags.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.indexOf(key) !== -1));
		const defaultScalarTag = exact.scalar["tag:yaml.org,2002:str"];
		if (!defaultScalarTag) throw new Error("schema does not define the default scalar tag (tag:yaml.org,2002:str)");
		this.tags = compiledTags;
		this.implicitScalarTags = implicitScalarTags;
		this.implicitScalarByFirstChar = implicitScalarByFirstChar;
		this.implicitScalarAnyFirstChar = implicitScalarAnyFirstChar;
		this.defaultScalarTag = defaultScalarTag;
		this.defaultSequenceTag = exact.sequence["tag:yaml.org,2002:seq"];
		this.defaultMappingTag = exact.mapping["tag:yaml.org,2002:map"];
		this.exact = exact;
		this.prefix = prefix;
	}
	/** @internal */
	lookupScalarTag(tagName) {
		const exactTag = this.exact.scalar[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.scalar) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupSequenceTag(tagName) {
		const exactTag = this.exact.sequence[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.sequence) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupMappingTag(tagName) {
		const exactTag = this.exact.mapping[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.mapping) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	resolveImplicitScalarTag(source) {
		const candidates = this.implicitScalarByFirstChar.get(source.charAt(0)) ?? this.implicitScalarAnyFirstChar;
		for (const tag of candidates) {
			const value = tag.resolve(source, false, tag.tagName);
			if (value !== NOT_RESOLVED) return {
				value,
				tag
			};
		}
		const tag = this.defaultScalarTag;
		return {
			value: tag.resolve(source, false, tag.tagName),
			tag
		};
	}
	/**
	* Creates a new schema with the specified tags added. If a tag already
	* exists, it is replaced by the specified tag.
	*
	* @example
	*
	* ```javascript
	* import { CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
	*
	* const schema = CORE_SCHEMA.withTags(mergeTag, realMapTag)
	* ```
	*/
	withTags(...tags) {
		let flatTags = [];
		for (const tag of tags) flatTags = flatTags.concat(tag);
		return new Schema([...this.tags, ...flatTags]);
	}
};
/**
* The YAML 1.2 Failsafe Schema: strings, sequences, and mappings.
*
* @category Schemas
*/
var FAILSAFE_SCHEMA = new Schema([
	strTag,
	seqTag,
	mapTag
]);
/**
* The YAML 1.2 JSON Schema. It uses JSON scalar forms while retaining YAML
* collection syntax.
*
* @category Schemas
*/
var JSON_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullJsonTag,
	boolJsonTag,
	intJsonTag,
	floatJsonTag
]);
/**
* The default schema for the loaders. Note, {@link CORE_SCHEMA} comes
* without the `!!merge` tag. You can easily enable it if needed.
*
* @example
* Enable {@link mergeTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Schemas
*/
var CORE_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullCoreTag,
	boolCoreTag,
	intCoreTag,
	floatCoreTag
]);
/**
* YAML 1.1-compatible schema.
*
* @category Schemas
*/
var YAML11_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullYaml11Tag,
	boolYaml11Tag,
	intYaml11Tag,
	floatYaml11Tag,
	timestampTag,
	mergeTag,
	binaryTag,
	omapTag,
	pairsTag,
	setTag
]);
/**
* The dumper schema for maximum compatibility. It combines all supported type
* variants from YAML 1.1 and YAML 1.2 so strings matching any of them are
* quoted. This makes the generated YAML more compatible with other parsers.
*
* The schema is based on YAML 1.1, but extends `!!int` and `!!float` to accept
* both YAML 1.1 and Core Schema forms, since Core Schema supports some forms
* that YAML 1.1 does not.
*
* @category Schemas
*/
var DUMP_SCHEMA = YAML11_SCHEMA.withTags({
	...intYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = intYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? intCoreTag.resolve(source, isExplicit, tagName) : result;
	}
}, {
	...floatYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = floatYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? floatCoreTag.resolve(source, isExplicit, tagName) : result;
	}
});
/**
* Recommended when non-string keys are actually needed. It uses native
* JavaScript `Map` objects, so keys keep their constructed types instead of
* being converted to strings.
*
* It is not the default to avoid widespread breaking changes in existing
* projects. `Map` has a different access API and does not pass deep equality
* checks against `{}`-based fixtures. Alongside the other changes in v5,
* making it the default was considered too disruptive.
*
* If these differences are acceptable for your project, we recommend using
* {@link realMapTag} to guarantee the absence of problems and side effects.
*
* @example
* Enable {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Tags
*/
var realMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => /* @__PURE__ */ new Map(),
	addPair: (container, key, value) => {
		container.set(key, value);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: (container, key) => container.get(key),
	identify: (data) => data instanceof Map || isPlainObject(data),
	represent: (data) => {
		if (data instanceof Map) return data;
		const map = /* @__PURE__ */ new Map();
		const obj = data;
		for (const key of Object.keys(obj)) map.set(key, obj[key]);
		return map;
	}
});
function normalizeKey(key) {
	if (Array.isArray(key)) {
		const array = Array.prototype.slice.call(key);
		for (let index = 0; index < array.length; index++) {
			if (Array.isArray(array[index])) return null;
			if (typeof array[index] === "object" && Object.prototype.toString.call(array[index]) === "[object Object]") array[index] = "[object Object]";
		}
		return String(array);
	}
	if (typeof key === "object" && Object.prototype.toString.call(key) === "[object Object]") return "[object Object]";
	return String(key);
}
/**
* This implementation exists solely to reproduce v4 behavior exactly. Its use
* is strongly discouraged. If complex or non-string keys are needed, use
* {@link realMapTag} instead.
*
* @category Tags
*/
var legacyMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		const normalizedKey = normalizeKey(key);
		if (normalizedKey === null) return "nested arrays are not supported inside keys";
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		const normalizedKey = normalizeKey(key);
		return normalizedKey !== null && Object.prototype.hasOwnProperty.call(container, normalizedKey);
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
var DEFAULT_SNIPPET_OPTIONS = {
	maxLength: 79,
	indent: 1,
	linesBefore: 3,
	linesAfter: 2
};
function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
	let head = "";
	let tail = "";
	const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
	if (position - lineStart > maxHalfLength) {
		head = " ... ";
		lineStart = position - maxHalfLength + head.length;
	}
	if (lineEnd - position > maxHalfLength) {
		tail = " ...";
		lineEnd = position + maxHalfLength - tail.length;
	}
	return {
		str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
		pos: position - lineStart + head.length
	};
}
function padStart(string, max) {
	return " ".repeat(Math.max(max - string.length, 0)) + string;
}
function makeSnippet(mark, options) {
	if (!mark.buffer) return null;
	const opts = {
		...DEFAULT_SNIPPET_OPTIONS,
		...options
	};
	const re = /\r?\n|\r|\0/g;
	const lineStarts = [0];
	const lineEnds = [];
	let match;
	let foundLineNo = -1;
	while (match = re.exec(mark.buffer)) {
		lineEnds.push(match.index);
		lineStarts.push(match.index + match[0].length);
		if (mark.position <= match.index && foundLineNo < 0) foundLineNo = lineStarts.length - 2;
	}
	if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
	let result = "";
	const lineNoLength = Math.min(mark.line + opts.linesAfter, lineEnds.length).toString().length;
	const maxLineLength = opts.maxLength - (opts.indent + lineNoLength + 3);
	for (let i = 1; i <= opts.linesBefore; i++) {
		if (foundLineNo - i < 0) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo - i], lineEnds[foundLineNo - i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]), maxLineLength);
		result = `${" ".repeat(opts.indent)}${padStart((mark.line - i + 1).toString(), lineNoLength)} | ${line.str}\n${result}`;
	}
	const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
	result += `${" ".repeat(opts.indent)}${padStart((mark.line + 1).toString(), lineNoLength)} | ${line.str}\n`;
	result += `${"-".repeat(opts.indent + lineNoLength + 3 + line.pos)}^\n`;
	for (let i = 1; i <= opts.linesAfter; i++) {
		if (foundLineNo + i >= lineEnds.length) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo + i], lineEnds[foundLineNo + i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]), maxLineLength);
		result += `${" ".repeat(opts.indent)}${padStart((mark.line + i + 1).toString(), lineNoLength)} | ${line.str}\n`;
	}
	return result.replace(/\n$/, "");
}
function formatError(exception, compact) {
	let where = "";
	if (!exception.mark) return exception.reason;
	if (exception.mark.name) where += `in "${exception.mark.name}" `;
	where += `(${exception.mark.line + 1}:${exception.mark.column + 1})`;
	if (!compact && exception.mark.snippet) where += `\n\n${exception.mark.snippet}`;
	return `${exception.reason} ${where}`;
}
/**
* A YAML error. Unlike an ordinary `Error`, it adds a source snippet showing
* the location of the problem to the error message, when available.
*
* @category Main
*/
var YAMLException = class YAMLException extends Error {
	reason;
	mark;
	/**
	* Optional `mark` contains source snippet data. Usually, use
	* {@link YAMLException.throwAt} instead of passing it directly.
	*/
	constructor(reason, mark) {
		super();
		this.name = "YAMLException";
		this.reason = reason;
		this.mark = mark;
		this.message = formatError(this, false);
		if (Error.captureStackTrace) Error.captureStackTrace(this, this.constructor);
	}
	/**
	* Returns the formatted error, omitting the source snippet in compact mode.
	*/
	toString(compact) {
		return `${this.name}: ${formatError(this, compact)}`;
	}
	/**
	* Builds a YAMLException with a source snippet and throws it. `source` is
	* the raw input text; `position` is an offset into it.
	*/
	static throwAt(source, position, message, filename = "") {
		let line = 0;
		let lineStart = 0;
		for (let index = 0; index < position; index++) {
			const ch = source.charCodeAt(index);
			if (ch === 10) {
				line++;
				lineStart = index + 1;
			} else if (ch === 13) {
				line++;
				if (source.charCodeAt(index + 1) === 10) index++;
				lineStart = index + 1;
			}
		}
		const mark = {
			name: filename,
			buffer: source,
			position,
			line,
			column: position - lineStart
		};
		mark.snippet = makeSnippet(mark);
		throw new YAMLException(message, mark);
	}
};
/** @category Events */
var EVENT_ID = {
	DOCUMENT: 1,
	SEQUENCE: 2,
	MAPPING: 3,
	SCALAR: 4,
	ALIAS: 5,
	POP: 6
};
/** @category Nodes */
var SCALAR_STYLE = {
	PLAIN: 1,
	SINGLE_QUOTED: 2,
	DOUBLE_QUOTED: 3,
	LITERAL_BLOCK: 4,
	FOLDED_BLOCK: 5
};
/** @category Nodes */
var COLLECTION_STYLE = {
	BLOCK: 1,
	FLOW: 2
};
/** @category Nodes */
var CHOMPING_MODE = {
	CLIP: 1,
	STRIP: 2,
	KEEP: 3
};
var NO_RANGE$3 = -1;
function simpleEscapeSequence(c) {
	switch (c) {
		case 48: return "\0";
		case 97: return "\x07";
		case 98: return "\b";
		case 116: return "	";
		case 9: return "	";
		case 110: return "\n";
		case 118: return "\v";
		case 102: return "\f";
		case 114: return "\r";
		case 101: return "\x1B";
		case 32: return " ";
		case 34: return "\"";
		case 47: return "/";
		case 92: return "\\";
		case 78: return "";
		case 95: return "\xA0";
		case 76: return "\u2028";
		case 80: return "\u2029";
		default: return "";
	}
}
var simpleEscapeCheck = new Array(256);
var simpleEscapeMap = new Array(256);
for (let i = 0; i < 256; i++) {
	simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
	simpleEscapeMap[i] = simpleEscapeSequence(i);
}
function charFromCodepoint(c) {
	if (c <= 65535) return String.fromCharCode(c);
	return String.fromCharCode((c - 65536 >> 10) + 55296, (c - 65536 & 1023) + 56320);
}
function fromHexCode$1(c) {
	if (c >= 48 && c <= 57) return c - 48;
	return (c | 32) - 97 + 10;
}
function escapedHexLen$1(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	return 8;
}
function skipFoldedBreaks(input, position, end) {
	let breaks = 0;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10) {
			breaks++;
			position++;
		} else if (ch === 13) {
			breaks++;
			position++;
			if (input.charCodeAt(position) === 10) position++;
		} else if (ch === 32 || ch === 9) position++;
		else break;
	}
	return {
		position,
		breaks
	};
}
function foldedBreaks(count) {
	if (count === 1) return " ";
	return "\n".repeat(count - 1);
}
function getPlainValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, captureEnd);
}
function getSingleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 39) {
			result += input.slice(captureStart, position) + "'";
			position += 2;
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getDoubleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 92) {
			result += input.slice(captureStart, position);
			position++;
			const escaped = input.charCodeAt(position);
			if (escaped === 10 || escaped === 13) position = skipFoldedBreaks(input, position, end).position;
			else if (escaped < 256 && simpleEscapeCheck[escaped]) {
				result += simpleEscapeMap[escaped];
				position++;
			} else {
				let hexLength = escapedHexLen$1(escaped);
				let hexResult = 0;
				for (; hexLength > 0; hexLength--) {
					position++;
					const digit = fromHexCode$1(input.charCodeAt(position));
					hexResult = (hexResult << 4) + digit;
				}
				result += charFromCodepoint(hexResult);
				position++;
			}
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getBlockValue(input, start, end, indent, chomping, folded) {
	const textIndent = indent < 0 ? 0 : indent;
	const region = input.slice(start, end).replace(/\r\n?/g, "\n");
	const lines = region === "" ? [] : (region.endsWith("\n") ? region.slice(0, -1) : region).split("\n");
	let result = "";
	let didReadContent = false;
	let emptyLines = 0;
	let atMoreIndented = false;
	for (const line of lines) {
		let column = 0;
		while (column < textIndent && line.charCodeAt(column) === 32) column++;
		if (indent < 0 || column >= line.length) {
			emptyLines++;
			continue;
		}
		const content = line.slice(textIndent);
		const first = content.charCodeAt(0);
		if (folded) {
			if (first === 32 || first === 9) {
				atMoreIndented = true;
				result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
			} else if (atMoreIndented) {
				atMoreIndented = false;
				result += "\n".repeat(emptyLines + 1);
			} else if (emptyLines === 0) {
				if (didReadContent) result += " ";
			} else result += "\n".repeat(emptyLines);
		} else result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
		result += content;
		didReadContent = true;
		emptyLines = 0;
	}
	if (chomping === CHOMPING_MODE.KEEP) result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
	else if (chomping !== CHOMPING_MODE.STRIP) {
		if (didReadContent) result += "\n";
	}
	return result;
}
/**
* Decodes the scalar referenced by event offsets in `input`.
*
* @category Events
*/
function getScalarValue(input, scalar) {
	if (scalar.valueStart === NO_RANGE$3) return "";
	const { valueStart, valueEnd } = scalar;
	if (scalar.fast) return input.slice(valueStart, valueEnd);
	switch (scalar.style) {
		case SCALAR_STYLE.SINGLE_QUOTED: return getSingleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.DOUBLE_QUOTED: return getDoubleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.LITERAL_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, false);
		case SCALAR_STYLE.FOLDED_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, true);
		default: return getPlainValue(input, valueStart, valueEnd);
	}
}
var DEFAULT_TAG_HANDLERS = Object.assign(Object.create(null), {
	"!": "!",
	"!!": "tag:yaml.org,2002:"
});
var TAG_SUFFIX_CHARS = "-#;/?:@&=+$_.~*'()";
var TAG_URI_CHARS = TAG_SUFFIX_CHARS + "!,[]";
function tagPercentDecode(source) {
	let result = "";
	let index = 0;
	while (index < source.length) {
		if (source.charCodeAt(index) !== 37) {
			result += source[index++];
			continue;
		}
		let ch = parseInt(source.slice(index + 1, index + 3), 16);
		index += 3;
		if (ch >= 192) {
			let remaining = ch < 224 ? 1 : ch < 240 ? 2 : 3;
			ch &= (1 << 6 - remaining) - 1;
			while (remaining-- > 0) {
				ch = ch << 6 | parseInt(source.slice(index + 1, index + 3), 16) & 63;
				index += 3;
			}
		}
		if (ch < 65536) result += String.fromCharCode(ch);
		else {
			ch -= 65536;
			result += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
		}
	}
	return result;
}
function tagNameFull(rawTag, tagHandlers) {
	if (rawTag.startsWith("!<") && rawTag.endsWith(">")) return tagPercentDecode(rawTag.slice(2, -1));
	const handleEnd = rawTag.indexOf("!", 1);
	const handle = handleEnd === -1 ? "!" : rawTag.slice(0, handleEnd + 1);
	return tagPercentDecode(tagHandlers?.[handle] ?? DEFAULT_TAG_HANDLERS[handle] ?? handle) + tagPercentDecode(rawTag.slice(handle.length));
}
var NO_RANGE$2 = -1;
var MERGE_TAG_NAME = "tag:yaml.org,2002:merge";
var DEFAULT_CONSTRUCTOR_OPTIONS = {
	filename: "",
	schema: CORE_SCHEMA,
	json: false,
	maxTotalMergeKeys: 1e4,
	maxAliases: -1
};
function eventPosition$1(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE$2) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE$2) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE$2) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function throwError$1(state, message) {
	YAMLException.throwAt(state.source, state.position, message, state.filename);
}
function finalizeCollection(state, position, tag, carrier) {
	try {
		return tag.finalize(carrier);
	} catch (error) {
		if (error instanceof YAMLException) throw error;
		YAMLException.throwAt(state.source, position, error instanceof Error ? error.message : String(error), state.filename);
	}
}
function constructScalar(state, event) {
	const source = getScalarValue(state.source, event);
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	const strTag = state.schema.defaultScalarTag;
	if (rawTag !== "") {
		if (rawTag === "!") return {
			value: source,
			tag: strTag
		};
		const tagName = tagNameFull(rawTag, state.tagHandlers);
		const scalarTag = state.schema.lookupScalarTag(tagName);
		if (scalarTag) {
			const result = scalarTag.resolve(source, true, tagName);
			if (result === NOT_RESOLVED) throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			return {
				value: result,
				tag: scalarTag
			};
		}
		const collectionTagDef = state.schema.lookupMappingTag(tagName) ?? state.schema.lookupSequenceTag(tagName);
		if (collectionTagDef) {
			if (source !== "") throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			const carrier = collectionTagDef.create(tagName);
			return {
				value: collectionTagDef.carrierIsResult ? carrier : finalizeCollection(state, state.position, collectionTagDef, carrier),
				tag: collectionTagDef
			};
		}
		throwError$1(state, `unknown scalar tag !<${tagName}>`);
	}
	if (event.style === SCALAR_STYLE.PLAIN) return state.schema.resolveImplicitScalarTag(source);
	return {
		value: strTag.resolve(source, false, strTag.tagName),
		tag: strTag
	};
}
function collectionTagName(state, event, defaultTagName) {
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	return rawTag === "" || rawTag === "!" ? defaultTagName : tagNameFull(rawTag, state.tagHandlers);
}
function isMappingTag(tag) {
	return tag.nodeKind === "mapping";
}
function chargeMergeWork(state) {
	state.totalMergeKeys++;
	if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) throwError$1(state, `merge keys exceeded maxTotalMergeKeys (${state.maxTotalMergeKeys})`);
}
function mergeKeys(state, frame, source, sourceTag) {
	chargeMergeWork(state);
	for (const sourceKey of sourceTag.keys(source)) {
		chargeMergeWork(state);
		if (frame.tag.has(frame.value, sourceKey)) continue;
		const err = frame.tag.addPair(frame.value, sourceKey, sourceTag.get(source, sourceKey));
		if (err) throwError$1(state, err);
		frame.overridable ??= /* @__PURE__ */ new Set();
		frame.overridable.add(sourceKey);
	}
}
function mergeSource(state, frame, source, sourceTag) {
	state.position = frame.keyPosition;
	if (isMappingTag(sourceTag)) mergeKeys(state, frame, source, sourceTag);
	else if (sourceTag.nodeKind === "sequence" && Array.isArray(source)) {
		if (source.length > 100) throwError$1(state, "abnormal merge sequence size");
		for (const element of source) {
			const elementTag = state.nodeTags.get(element);
			if (!elementTag) throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
			mergeKeys(state, frame, element, elementTag);
		}
	} else throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
}
function addMappingValue(state, frame, key, value, tag) {
	state.position = frame.keyPosition;
	if (frame.keyIsMerge) {
		mergeSource(state, frame, value, tag);
		return;
	}
	if (!state.json && frame.tag.has(frame.value, key) && !frame.overridable?.has(key)) throwError$1(state, "duplicated mapping key");
	const err = frame.tag.addPair(frame.value, key, value);
	if (err) throwError$1(state, err);
	frame.overridable?.delete(key);
}
function addValue(state, value, tag) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") {
		frame.value = value;
		frame.hasValue = true;
	} else if (frame.kind === "sequence") {
		if (isMappingTag(tag)) state.nodeTags.set(value, tag);
		const err = frame.tag.addItem(frame.value, value, frame.index++);
		if (err) throwError$1(state, err);
	} else if (frame.hasKey) {
		const key = frame.key;
		frame.key = void 0;
		frame.hasKey = false;
		addMappingValue(state, frame, key, value, tag);
	} else {
		frame.key = value;
		frame.keyPosition = state.position;
		frame.hasKey = true;
		frame.keyIsMerge = tag.tagName === MERGE_TAG_NAME;
	}
}
function storeAnchor(state, event, value, tag, isValueFinal) {
	if (event.anchorStart !== NO_RANGE$2) {
		const anchor = {
			value,
			tag,
			isValueFinal
		};
		state.anchors.set(state.source.slice(event.anchorStart, event.anchorEnd), anchor);
		return anchor;
	}
	return null;
}
/**
* Constructs JavaScript documents directly from parser events, without an
* intermediate AST.
*
* @category Events
*/
function constructFromEvents(events, options) {
	const state = {
		...DEFAULT_CONSTRUCTOR_OPTIONS,
		...options,
		events,
		documents: [],
		eventIndex: 0,
		position: 0,
		frames: [],
		anchors: /* @__PURE__ */ new Map(),
		nodeTags: /* @__PURE__ */ new Map(),
		tagHandlers: Object.create(null),
		totalMergeKeys: 0,
		aliasCount: 0
	};
	while (state.eventIndex < state.events.length) {
		const event = state.events[state.eventIndex++];
		state.position = eventPosition$1(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT:
				state.anchors = /* @__PURE__ */ new Map();
				state.nodeTags = /* @__PURE__ */ new Map();
				state.aliasCount = 0;
				state.tagHandlers = Object.create(null);
				for (const directive of event.directives) if (directive.kind === "tag") state.tagHandlers[directive.handle] = directive.prefix;
				state.frames.push({
					kind: "document",
					position: state.position,
					value: void 0,
					hasValue: false
				});
				break;
			case EVENT_ID.SCALAR: {
				const { value, tag } = constructScalar(state, event);
				storeAnchor(state, event, value, tag, true);
				addValue(state, value, tag);
				break;
			}
			case EVENT_ID.SEQUENCE: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:seq");
				const tag = state.schema.lookupSequenceTag(tagName);
				if (!tag) throwError$1(state, `unknown sequence tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "sequence",
					position: state.position,
					value,
					tag,
					anchor,
					index: 0
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:map");
				const tag = state.schema.lookupMappingTag(tagName);
				if (!tag) throwError$1(state, `unknown mapping tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "mapping",
					position: state.position,
					value,
					tag,
					anchor,
					key: void 0,
					keyPosition: state.position,
					hasKey: false,
					keyIsMerge: false,
					overridable: null
				});
				break;
			}
			case EVENT_ID.ALIAS: {
				if (state.maxAliases !== -1 && ++state.aliasCount > state.maxAliases) throwError$1(state, `aliases exceeded maxAliases (${state.maxAliases})`);
				const name = state.source.slice(event.anchorStart, event.anchorEnd);
				const anchor = state.anchors.get(name);
				if (!anchor) throwError$1(state, `unidentified alias "${name}"`);
				if (!anchor.isValueFinal) throwError$1(state, `recursive alias "${name}" is not supported for tag ${anchor.tag.tagName} because it uses finalize()`);
				addValue(state, anchor.value, anchor.tag);
				break;
			}
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.hasKey) {
					state.position = frame.keyPosition;
					throwError$1(state, "incomplete mapping pair in event stream");
				}
				if (frame.kind === "document") state.documents.push(frame.value);
				else {
					const value = frame.tag.carrierIsResult ? frame.value : finalizeCollection(state, frame.position, frame.tag, frame.value);
					if (frame.anchor) {
						frame.anchor.value = value;
						frame.anchor.isValueFinal = true;
					}
					addValue(state, value, frame.tag);
				}
				break;
			}
		}
	}
	return state.documents;
}
var NO_RANGE$1 = -1;
var HAS_OWN = Object.prototype.hasOwnProperty;
var CONTEXT_FLOW_IN = 1;
var CONTEXT_FLOW_OUT = 2;
var CONTEXT_BLOCK_IN = 3;
var CONTEXT_BLOCK_OUT = 4;
var PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
var PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
var PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
var NS_URI_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$,_.!~*'()\[\]])`;
var NS_TAG_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$.~*'()_])`;
var PATTERN_TAG_URI = new RegExp(`^(?:${NS_URI_CHAR})*$`);
var PATTERN_TAG_SUFFIX = new RegExp(`^(?:${NS_TAG_CHAR})+$`);
var PATTERN_TAG_PREFIX = new RegExp(`^(?:!(?:${NS_URI_CHAR})*|${NS_TAG_CHAR}(?:${NS_URI_CHAR})*)$`);
var DEFAULT_PARSER_OPTIONS = {
	filename: "",
	maxDepth: 100
};
function addDocumentEvent(state, explicitStart, explicitEnd) {
	state.events.push({
		type: EVENT_ID.DOCUMENT,
		explicitStart,
		explicitEnd,
		directives: state.directives
	});
}
function addSequenceEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.SEQUENCE,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function addMappingEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.MAPPING,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function insertFlowPairMappingEvent(state, snapshot) {
	state.events.splice(snapshot.eventsLength, 0, {
		type: EVENT_ID.MAPPING,
		start: snapshot.position,
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1,
		style: COLLECTION_STYLE.FLOW
	});
}
function addScalarEvent(state, valueStart, valueEnd, anchorStart, anchorEnd, tagStart, tagEnd, style, chomping = CHOMPING_MODE.CLIP, indent = -1, fast = false) {
	state.events.push({
		type: EVENT_ID.SCALAR,
		valueStart,
		valueEnd,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style,
		chomping,
		indent,
		fast
	});
}
function addAliasEvent(state, anchorStart, anchorEnd) {
	state.events.push({
		type: EVENT_ID.ALIAS,
		anchorStart,
		anchorEnd
	});
}
function addPopEvent(state) {
	state.events.push({ type: EVENT_ID.POP });
}
function addEmptyScalarEvent(state) {
	addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, SCALAR_STYLE.PLAIN);
}
function emptyProperties() {
	return {
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1
	};
}
function snapshotState(state) {
	return {
		position: state.position,
		line: state.line,
		lineStart: state.lineStart,
		lineIndent: state.lineIndent,
		firstTabInLine: state.firstTabInLine,
		eventsLength: state.events.length
	};
}
function restoreState(state, snapshot) {
	state.position = snapshot.position;
	state.line = snapshot.line;
	state.lineStart = snapshot.lineStart;
	state.lineIndent = snapshot.lineIndent;
	state.firstTabInLine = snapshot.firstTabInLine;
	state.events.length = snapshot.eventsLength;
}
function throwError(state, message) {
	YAMLException.throwAt(state.input.slice(0, state.length), state.position, message, state.filename);
}
function isEol(c) {
	return c === 10 || c === 13;
}
function isWhiteSpace(c) {
	return c === 9 || c === 32;
}
function isWsOrEol(c) {
	return isWhiteSpace(c) || isEol(c);
}
function isWsOrEolOrEnd(c) {
	return c === 0 || isWsOrEol(c);
}
function isFlowIndicator(c) {
	return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
function fromDecimalCode(c) {
	return c >= 48 && c <= 57 ? c - 48 : -1;
}
function fromHexCode(c) {
	if (c >= 48 && c <= 57) return c - 48;
	const lc = c | 32;
	if (lc >= 97 && lc <= 102) return lc - 97 + 10;
	return -1;
}
function escapedHexLen(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	if (c === 85) return 8;
	return 0;
}
function isSimpleEscape(c) {
	return c === 48 || c === 97 || c === 98 || c === 116 || c === 9 || c === 110 || c === 118 || c === 102 || c === 114 || c === 101 || c === 32 || c === 34 || c === 47 || c === 92 || c === 78 || c === 95 || c === 76 || c === 80;
}
function consumeLineBreak(state) {
	if (state.input.charCodeAt(state.position) === 10) state.position++;
	else {
		state.position++;
		if (state.input.charCodeAt(state.position) === 10) state.position++;
	}
	state.line++;
	state.lineStart = state.position;
	state.lineIndent = 0;
	state.firstTabInLine = -1;
}
function skipSeparationSpace(state, allowComments) {
	let lineBreaks = 0;
	let ch = state.input.charCodeAt(state.position);
	let hasSeparation = state.position === state.lineStart || isWsOrEol(state.input.charCodeAt(state.position - 1));
	while (ch !== 0) {
		while (isWhiteSpace(ch)) {
			hasSeparation = true;
			if (ch === 9 && state.firstTabInLine === -1) state.firstTabInLine = state.position;
			ch = state.input.charCodeAt(++state.position);
		}
		if (allowComments && hasSeparation && ch === 35) do
			ch = state.input.charCodeAt(++state.position);
		while (!isEol(ch) && ch !== 0);
		if (!isEol(ch)) break;
		consumeLineBreak(state);
		lineBreaks++;
		hasSeparation = true;
		ch = state.input.charCodeAt(state.position);
		while (ch === 32) {
			state.lineIndent++;
			ch = state.input.charCodeAt(++state.position);
		}
	}
	return lineBreaks;
}
function testDocumentSeparator(state, position = state.position) {
	const ch = state.input.charCodeAt(position);
	if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(position + 1) && ch === state.input.charCodeAt(position + 2)) {
		const following = state.input.charCodeAt(position + 3);
		return following === 0 || isWsOrEol(following);
	}
	return false;
}
function skipByteOrderMark(state) {
	if (state.position === state.lineStart && state.input.charCodeAt(state.position) === 65279) {
		state.position++;
		state.lineStart = state.position;
	}
}
function testDocumentBoundary(state) {
	if (state.position !== state.lineStart) return false;
	if (testDocumentSeparator(state)) return true;
	if (state.input.charCodeAt(state.position) !== 65279) return false;
	const snapshot = snapshotState(state);
	skipByteOrderMark(state);
	skipSeparationSpace(state, true);
	const ch = state.input.charCodeAt(state.position);
	const result = state.position === state.lineStart && (ch === 37 || ch === 45 && testDocumentSeparator(state));
	restoreState(state, snapshot);
	return result;
}
function skipUntilLineEnd(state) {
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0 && !isEol(ch)) ch = state.input.charCodeAt(++state.position);
}
function checkPrintable(state, start, end) {
	const match = PATTERN_NON_PRINTABLE.exec(state.input.slice(start, end));
	if (match !== null) {
		state.position = start + match.index + match[0].length - 1;
		throwError(state, "the stream contains non-printable characters");
	}
}
function readTagProperty(state, props, inFlow) {
	if (state.input.charCodeAt(state.position) !== 33) return false;
	if (props.tagStart !== NO_RANGE$1) throwError(state, "duplication of a tag property");
	const start = state.position;
	let isVerbatim = false;
	let isNamed = false;
	let tagHandle = "!";
	let ch = state.input.charCodeAt(++state.position);
	if (ch === 60) {
		isVerbatim = true;
		ch = state.input.charCodeAt(++state.position);
	} else if (ch === 33) {
		isNamed = true;
		tagHandle = "!!";
		ch = state.input.charCodeAt(++state.position);
	}
	let suffixStart = state.position;
	let tagName;
	if (isVerbatim) {
		while (ch !== 0 && ch !== 62) ch = state.input.charCodeAt(++state.position);
		if (ch !== 62) throwError(state, "unexpected end of the stream within a verbatim tag");
		tagName = state.input.slice(suffixStart, state.position);
		state.position++;
	} else {
		while (ch !== 0 && !isWsOrEol(ch) && !(inFlow && isFlowIndicator(ch))) {
			if (ch === 33) {
				if (!isNamed) {
					tagHandle = state.input.slice(suffixStart - 1, state.position + 1);
					if (!PATTERN_TAG_HANDLE.test(tagHandle)) throwError(state, "named tag handle cannot contain such characters");
					isNamed = true;
					suffixStart = state.position + 1;
				} else throwError(state, "tag suffix cannot contain exclamation marks");
			}
			ch = state.input.charCodeAt(++state.position);
		}
		tagName = state.input.slice(suffixStart, state.position);
		if (PATTERN_FLOW_INDICATORS.test(tagName)) throwError(state, "tag suffix cannot contain flow indicator characters");
	}
	if (tagName && !(isVerbatim ? PATTERN_TAG_URI.test(tagName) : PATTERN_TAG_SUFFIX.test(tagName))) throwError(state, `tag name cannot contain such characters: ${tagName}`);
	if (!isVerbatim && tagHandle !== "!" && tagHandle !== "!!" && !HAS_OWN.call(state.tagHandlers, tagHandle)) throwError(state, `undeclared tag handle "${tagHandle}"`);
	props.tagStart = start;
	props.tagEnd = state.position;
	return true;
}
function readAnchorProperty(state, props) {
	if (state.input.charCodeAt(state.position) !== 38) return false;
	if (props.anchorStart !== NO_RANGE$1) throwError(state, "duplication of an anchor property");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an anchor node must contain at least one character");
	props.anchorStart = start;
	props.anchorEnd = state.position;
	return true;
}
function readAlias(state, props) {
	if (state.input.charCodeAt(state.position) !== 42) return false;
	if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) throwError(state, "alias node should not have any properties");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an alias node must contain at least one character");
	addAliasEvent(state, start, state.position);
	return true;
}
function readFlowScalarBreak(state, nodeIndent) {
	skipSeparationSpace(state, false);
	if (state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readSingleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 39) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 39) {
			if (state.input.charCodeAt(state.position + 1) === 39) {
				simple = false;
				state.position += 2;
				continue;
			}
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.SINGLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a single quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a single quoted scalar");
}
function readDoubleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 34) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 34) {
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.DOUBLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (ch === 92) {
			simple = false;
			const escaped = state.input.charCodeAt(++state.position);
			if (isEol(escaped)) readFlowScalarBreak(state, nodeIndent);
			else if (isSimpleEscape(escaped)) state.position++;
			else {
				let hexLength = escapedHexLen(escaped);
				if (hexLength === 0) throwError(state, "unknown escape sequence");
				while (hexLength-- > 0) {
					state.position++;
					if (fromHexCode(state.input.charCodeAt(state.position)) < 0) throwError(state, "expected hexadecimal character");
				}
				state.position++;
			}
		} else if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a double quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a double quoted scalar");
}
function readBlockScalar(state, parentIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	let chomping = CHOMPING_MODE.CLIP;
	let indent = -1;
	let detectedIndent = false;
	if (ch !== 124 && ch !== 62) return false;
	const style = ch === 124 ? SCALAR_STYLE.LITERAL_BLOCK : SCALAR_STYLE.FOLDED_BLOCK;
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		const current = state.input.charCodeAt(state.position);
		const digit = fromDecimalCode(current);
		if (current === 43 || current === 45) {
			if (chomping !== CHOMPING_MODE.CLIP) throwError(state, "repeat of a chomping mode identifier");
			chomping = current === 43 ? CHOMPING_MODE.KEEP : CHOMPING_MODE.STRIP;
			state.position++;
		} else if (digit >= 0) {
			if (digit === 0) throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
			if (detectedIndent) throwError(state, "repeat of an indentation width identifier");
			indent = parentIndent + digit - 1;
			detectedIndent = true;
			state.position++;
		} else break;
	}
	let hadWhitespace = false;
	while (isWhiteSpace(state.input.charCodeAt(state.position))) {
		hadWhitespace = true;
		state.position++;
	}
	if (hadWhitespace && state.input.charCodeAt(state.position) === 35) skipUntilLineEnd(state);
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	else if (state.input.charCodeAt(state.position) !== 0) throwError(state, "a line break is expected");
	let contentIndent = detectedIndent ? indent : -1;
	let maxLeadingIndent = 0;
	const valueStart = state.position;
	let valueEnd = state.position;
	while (state.input.charCodeAt(state.position) !== 0) {
		const linePosition = state.position;
		let column = 0;
		while (state.input.charCodeAt(linePosition + column) === 32) column++;
		const first = state.input.charCodeAt(linePosition + column);
		if (first === 0) {
			if (contentIndent >= 0) {
				if (column > contentIndent) valueEnd = linePosition + column;
			} else if (column > 0) valueEnd = linePosition + column;
			break;
		}
		if (testDocumentBoundary(state)) break;
		if (!detectedIndent && contentIndent === -1 && isEol(first)) maxLeadingIndent = Math.max(maxLeadingIndent, column);
		if (!detectedIndent && contentIndent === -1 && !isEol(first)) {
			if (first === 9 && column < parentIndent) {
				state.position = linePosition + column;
				throwError(state, "tab characters must not be used in indentation");
			}
			if (column >= parentIndent && column < maxLeadingIndent) {
				state.position = linePosition + column;
				throwError(state, "bad indentation of a mapping entry");
			}
		}
		if (contentIndent === -1 && first !== 0 && !isEol(first) && column < parentIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		if (!detectedIndent && first !== 0 && !isEol(first) && contentIndent === -1) contentIndent = column;
		const requiredIndent = contentIndent === -1 ? parentIndent + 1 : contentIndent;
		if (first !== 0 && !isEol(first) && column < requiredIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		skipUntilLineEnd(state);
		valueEnd = state.position;
		if (isEol(state.input.charCodeAt(state.position))) {
			consumeLineBreak(state);
			valueEnd = state.position;
		}
	}
	checkPrintable(state, valueStart, valueEnd);
	addScalarEvent(state, valueStart, valueEnd, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, style, chomping, contentIndent);
	return true;
}
function canStartPlainScalar(state, nodeContext) {
	const ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	if (ch === 0 || isWsOrEol(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96 || isFlowIndicator(ch)) return false;
	if (ch === 63 || ch === 45) {
		const following = state.input.charCodeAt(state.position + 1);
		if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) return false;
	}
	return true;
}
function readPlainScalar(state, nodeIndent, nodeContext, props) {
	if (!canStartPlainScalar(state, nodeContext)) return false;
	const start = state.position;
	let end = state.position;
	let ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	let multiline = false;
	while (ch !== 0) {
		if (testDocumentBoundary(state)) break;
		if (ch === 58) {
			const following = state.input.charCodeAt(state.position + 1);
			if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) break;
		} else if (ch === 35) {
			if (isWsOrEol(state.input.charCodeAt(state.position - 1))) break;
		} else if (inFlow && isFlowIndicator(ch)) break;
		else if (isEol(ch)) {
			const savedPosition = state.position;
			const savedLine = state.line;
			const savedLineStart = state.lineStart;
			const savedLineIndent = state.lineIndent;
			skipSeparationSpace(state, false);
			if (state.lineIndent >= nodeIndent) {
				multiline = true;
				ch = state.input.charCodeAt(state.position);
				continue;
			}
			state.position = savedPosition;
			state.line = savedLine;
			state.lineStart = savedLineStart;
			state.lineIndent = savedLineIndent;
			break;
		}
		if (!isWhiteSpace(ch)) end = state.position + 1;
		ch = state.input.charCodeAt(++state.position);
	}
	if (end === start) return false;
	checkPrintable(state, start, end);
	addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN, CHOMPING_MODE.CLIP, -1, !multiline);
	return true;
}
function skipFlowSeparationSpace(state, nodeIndent) {
	const startLine = state.line;
	skipSeparationSpace(state, true);
	if (state.line > startLine && state.lineIndent < nodeIndent || state.firstTabInLine !== -1 && state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readFlowCollection(state, nodeIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	const isMapping = ch === 123;
	const start = state.position;
	let readNext = true;
	if (ch !== 91 && ch !== 123) return false;
	const terminator = isMapping ? 125 : 93;
	if (isMapping) addMappingEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	else addSequenceEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		skipFlowSeparationSpace(state, nodeIndent);
		let ch = state.input.charCodeAt(state.position);
		if (ch === terminator) {
			state.position++;
			addPopEvent(state);
			return true;
		} else if (!readNext) throwError(state, "missed comma between flow collection entries");
		else if (ch === 44) throwError(state, "expected the node content, but found ','");
		let isPair = false;
		let isExplicitPair = false;
		if (ch === 63 && isWsOrEol(state.input.charCodeAt(state.position + 1))) {
			isPair = isExplicitPair = true;
			state.position += 1;
			skipFlowSeparationSpace(state, nodeIndent);
		}
		const entryLine = state.line;
		const entryStart = snapshotState(state);
		const keyWasRead = parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
		skipFlowSeparationSpace(state, nodeIndent);
		ch = state.input.charCodeAt(state.position);
		if ((isMapping || isExplicitPair || state.line === entryLine) && ch === 58) {
			isPair = true;
			state.position++;
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) {
				insertFlowPairMappingEvent(state, entryStart);
				if (!keyWasRead) addEmptyScalarEvent(state);
			} else if (!keyWasRead) addEmptyScalarEvent(state);
			if (!parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true)) addEmptyScalarEvent(state);
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) addPopEvent(state);
		} else if (isMapping && isPair) {
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
		} else if (isMapping) addEmptyScalarEvent(state);
		else if (isPair) {
			insertFlowPairMappingEvent(state, entryStart);
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
			addPopEvent(state);
		}
		ch = state.input.charCodeAt(state.position);
		if (ch === 44) {
			readNext = true;
			state.position++;
		} else readNext = false;
	}
	throwError(state, "unexpected end of the stream within a flow collection");
}
function readBlockSequence(state, nodeIndent, props) {
	if (state.firstTabInLine !== -1 || state.input.charCodeAt(state.position) !== 45 || !isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) return false;
	addSequenceEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
	while (state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) {
		if (state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const entryLine = state.line;
		state.position++;
		const hadBreak = skipSeparationSpace(state, true) > 0;
		if (state.firstTabInLine !== -1 && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
		if (hadBreak && state.lineIndent <= nodeIndent) addEmptyScalarEvent(state);
		else parseNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
		skipSeparationSpace(state, true);
		if (state.lineIndent < nodeIndent || state.position >= state.length) break;
		if (state.lineIndent > nodeIndent) throwError(state, "bad indentation of a sequence entry");
		if (state.line === entryLine && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
	}
	addPopEvent(state);
	return true;
}
function readBlockMapping(state, nodeIndent, flowIndent, props) {
	let atExplicitKey = false;
	let detected = false;
	let mappingOpened = false;
	let pendingExplicitKey = false;
	if (state.firstTabInLine !== -1) return false;
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0) {
		if (!atExplicitKey && state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const following = state.input.charCodeAt(state.position + 1);
		const entryLine = state.line;
		if ((ch === 63 || ch === 58) && isWsOrEolOrEnd(following)) {
			if (!mappingOpened) {
				addMappingEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
				mappingOpened = true;
			}
			if (ch === 63) {
				if (atExplicitKey) addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = true;
			} else if (atExplicitKey) atExplicitKey = false;
			else {
				addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = false;
			}
			state.position += 1;
			pendingExplicitKey = true;
		} else {
			if (atExplicitKey) {
				addEmptyScalarEvent(state);
				atExplicitKey = false;
			}
			const beforeKey = snapshotState(state);
			if (!parseNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) break;
			if (state.line === entryLine) {
				ch = state.input.charCodeAt(state.position);
				while (isWhiteSpace(ch)) ch = state.input.charCodeAt(++state.position);
				if (ch === 58) {
					ch = state.input.charCodeAt(++state.position);
					if (!isWsOrEolOrEnd(ch)) throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
					if (!mappingOpened) {
						state.events.splice(beforeKey.eventsLength, 0, {
							type: EVENT_ID.MAPPING,
							start: beforeKey.position,
							anchorStart: props.anchorStart,
							anchorEnd: props.anchorEnd,
							tagStart: props.tagStart,
							tagEnd: props.tagEnd,
							style: COLLECTION_STYLE.BLOCK
						});
						mappingOpened = true;
					}
					detected = true;
					atExplicitKey = false;
					pendingExplicitKey = false;
				} else if (detected) throwError(state, "expected ':' after a mapping key");
				else {
					if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
						restoreState(state, beforeKey);
						return false;
					}
					return true;
				}
			} else if (detected) throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
			else {
				if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
					restoreState(state, beforeKey);
					return false;
				}
				return true;
			}
		}
		if (parseNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, pendingExplicitKey)) pendingExplicitKey = false;
		if (!atExplicitKey) {
			if (pendingExplicitKey) {
				addEmptyScalarEvent(state);
				pendingExplicitKey = false;
			}
		}
		skipSeparationSpace(state, true);
		ch = state.input.charCodeAt(state.position);
		if ((state.line === entryLine || state.lineIndent > nodeIndent) && ch !== 0) throwError(state, "bad indentation of a mapping entry");
		else if (state.lineIndent < nodeIndent) break;
	}
	if (!detected) return false;
	if (atExplicitKey) addEmptyScalarEvent(state);
	if (mappingOpened) addPopEvent(state);
	return true;
}
function parseNode(state, parentIndent, nodeContext, allowToSeek, allowCompact, allowPropertyMapping = true) {
	if (state.depth >= state.maxDepth) throwError(state, `nesting exceeded maxDepth (${state.maxDepth})`);
	state.depth++;
	let indentStatus = 1;
	let atNewLine = false;
	let hasContent = false;
	let propertyStart = null;
	const props = emptyProperties();
	let allowBlockScalars = nodeContext === CONTEXT_BLOCK_OUT || nodeContext === CONTEXT_BLOCK_IN;
	let allowBlockCollections = allowBlockScalars;
	const allowBlockStyles = allowBlockScalars;
	if (allowToSeek && skipSeparationSpace(state, true)) {
		atNewLine = true;
		if (state.lineIndent > parentIndent) indentStatus = 1;
		else if (state.lineIndent === parentIndent) indentStatus = 0;
		else indentStatus = -1;
	}
	if (indentStatus === 1) while (true) {
		const ch = state.input.charCodeAt(state.position);
		const propertyState = snapshotState(state);
		if (atNewLine && indentStatus !== 1 && (ch === 33 || ch === 38)) break;
		if (atNewLine && allowBlockStyles && (props.tagStart !== NO_RANGE$1 || props.anchorStart !== NO_RANGE$1) && (ch === 33 || ch === 38)) {
			const fallbackState = snapshotState(state);
			const flowIndent = parentIndent + 1;
			if (readBlockMapping(state, state.position - state.lineStart, flowIndent, props) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) {
				state.depth--;
				return true;
			}
			restoreState(state, fallbackState);
		}
		if (atNewLine && (ch === 33 && props.tagStart !== NO_RANGE$1 || ch === 38 && props.anchorStart !== NO_RANGE$1)) break;
		if (!readTagProperty(state, props, nodeContext === CONTEXT_FLOW_IN) && !readAnchorProperty(state, props)) break;
		if (propertyStart === null) propertyStart = propertyState;
		if (skipSeparationSpace(state, true)) {
			atNewLine = true;
			allowBlockCollections = allowBlockStyles;
			if (state.lineIndent > parentIndent) indentStatus = 1;
			else if (state.lineIndent === parentIndent) indentStatus = 0;
			else indentStatus = -1;
		} else allowBlockCollections = false;
	}
	if (allowBlockCollections) allowBlockCollections = atNewLine || allowCompact;
	if (indentStatus === 1 || nodeContext === CONTEXT_BLOCK_OUT) {
		const flowIndent = nodeContext === CONTEXT_FLOW_IN || nodeContext === CONTEXT_FLOW_OUT ? parentIndent : parentIndent + 1;
		const blockIndent = state.position - state.lineStart;
		if (indentStatus === 1) {
			if (allowBlockCollections && (readBlockSequence(state, blockIndent, props) || readBlockMapping(state, blockIndent, flowIndent, props)) || readFlowCollection(state, flowIndent, props)) hasContent = true;
			else {
				const ch = state.input.charCodeAt(state.position);
				if (propertyStart !== null && allowPropertyMapping && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62) {
					const fallbackState = snapshotState(state);
					const propertyIndent = propertyStart.position - propertyStart.lineStart;
					restoreState(state, propertyStart);
					if (readBlockMapping(state, propertyIndent, flowIndent, emptyProperties()) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) hasContent = true;
					else restoreState(state, fallbackState);
				}
				if (!hasContent && (allowBlockScalars && readBlockScalar(state, flowIndent, props) || readSingleQuotedScalar(state, flowIndent, props) || readDoubleQuotedScalar(state, flowIndent, props) || readAlias(state, props) || readPlainScalar(state, flowIndent, nodeContext, props))) hasContent = true;
			}
		} else if (indentStatus === 0) hasContent = allowBlockCollections && readBlockSequence(state, blockIndent, props);
	}
	allowBlockScalars = allowBlockScalars && !hasContent;
	if (!hasContent && (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1 || allowBlockScalars)) {
		addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN);
		hasContent = true;
	}
	state.depth--;
	return hasContent || props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1;
}
function readDirective(state) {
	if (state.lineIndent > 0 || state.input.charCodeAt(state.position) !== 37) return false;
	state.position++;
	const nameStart = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
	const name = state.input.slice(nameStart, state.position);
	const args = [];
	if (name.length === 0) throwError(state, "directive name must not be less than one character in length");
	while (state.input.charCodeAt(state.position) !== 0 && !isEol(state.input.charCodeAt(state.position))) {
		while (isWhiteSpace(state.input.charCodeAt(state.position))) state.position++;
		if (state.input.charCodeAt(state.position) === 35 || isEol(state.input.charCodeAt(state.position)) || state.input.charCodeAt(state.position) === 0) break;
		const start = state.position;
		while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
		args.push(state.input.slice(start, state.position));
	}
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	if (name === "YAML") {
		if (state.directives.some((directive) => directive.kind === "yaml")) throwError(state, "duplication of %YAML directive");
		if (args.length !== 1) throwError(state, "YAML directive accepts exactly one argument");
		const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
		if (match === null) throwError(state, "ill-formed argument of the YAML directive");
		if (parseInt(match[1], 10) !== 1) throwError(state, "unacceptable YAML version of the document");
		state.directives.push({
			kind: "yaml",
			version: args[0]
		});
	} else if (name === "TAG") {
		if (args.length !== 2) throwError(state, "TAG directive accepts exactly two arguments");
		const [handle, prefix] = args;
		if (!PATTERN_TAG_HANDLE.test(handle)) throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
		if (HAS_OWN.call(state.tagHandlers, handle)) throwError(state, `there is a previously declared suffix for "${handle}" tag handle`);
		if (!PATTERN_TAG_PREFIX.test(prefix)) throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
		state.tagHandlers[handle] = prefix;
		state.directives.push({
			kind: "tag",
			handle,
			prefix
		});
	}
	return true;
}
function readDocument(state) {
	state.directives = [];
	state.tagHandlers = Object.create(null);
	let hasDirectives = false;
	skipSeparationSpace(state, true);
	while (readDirective(state)) {
		hasDirectives = true;
		skipSeparationSpace(state, true);
	}
	let explicitStart = false;
	let explicitEnd = false;
	let allowCompact = true;
	if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 3))) {
		explicitStart = true;
		const markerLine = state.line;
		state.position += 3;
		skipSeparationSpace(state, true);
		allowCompact = state.line > markerLine;
	} else if (hasDirectives) throwError(state, "directives end mark is expected");
	const documentEventIndex = state.events.length;
	if (!explicitStart && state.position === state.lineStart && state.input.charCodeAt(state.position) === 46 && testDocumentSeparator(state)) {
		state.position += 3;
		skipSeparationSpace(state, true);
		return;
	}
	addDocumentEvent(state, explicitStart, false);
	if (!parseNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, allowCompact, allowCompact)) addEmptyScalarEvent(state);
	skipSeparationSpace(state, true);
	if (state.position === state.lineStart && testDocumentSeparator(state)) {
		explicitEnd = state.input.charCodeAt(state.position) === 46;
		if (explicitEnd) {
			const markerLine = state.line;
			state.position += 3;
			skipSeparationSpace(state, true);
			if (state.line === markerLine && state.position < state.length) throwError(state, "end of the stream or a document separator is expected");
		}
	}
	const documentEvent = state.events[documentEventIndex];
	if (documentEvent?.type === EVENT_ID.DOCUMENT) documentEvent.explicitEnd = explicitEnd;
	addPopEvent(state);
	if (!explicitEnd && state.position < state.length && !testDocumentBoundary(state)) throwError(state, "end of the stream or a document separator is expected");
}
/**
* Parses YAML into a flat event stream referencing source text by offsets.
*
* @category Events
*/
function parseEvents(input, options) {
	const length = input.length;
	const state = {
		...DEFAULT_PARSER_OPTIONS,
		...options,
		input: `${input}\0`,
		length,
		position: 0,
		line: 0,
		lineStart: 0,
		lineIndent: 0,
		firstTabInLine: -1,
		depth: 0,
		directives: [],
		tagHandlers: Object.create(null),
		events: []
	};
	const nullpos = input.indexOf("\0");
	if (nullpos !== -1) YAMLException.throwAt(input, nullpos, "null byte is not allowed in input", state.filename);
	while (state.position < state.length) {
		skipByteOrderMark(state);
		skipSeparationSpace(state, true);
		if (state.position >= state.length) break;
		const documentStart = state.position;
		readDocument(state);
		if (state.position === documentStart)
 /* c8 ignore next */
		throwError(state, "can not read a document");
	}
	return state.events;
}
var DEFAULT_LOAD_OPTIONS = {
	...DEFAULT_PARSER_OPTIONS,
	...DEFAULT_CONSTRUCTOR_OPTIONS
};
function loadDocuments(input, options = {}) {
	const opts = {
		...DEFAULT_LOAD_OPTIONS,
		...options
	};
	const source = String(input);
	const PARSER_OPT_KEYS = Object.keys(DEFAULT_PARSER_OPTIONS);
	const CONSTRUCTOR_OPT_KEYS = Object.keys(DEFAULT_CONSTRUCTOR_OPTIONS);
	return constructFromEvents(parseEvents(source, pick(opts, PARSER_OPT_KEYS)), {
		...pick(opts, CONSTRUCTOR_OPT_KEYS),
		source
	});
}
/**
* Parses `string` as a single YAML document. Throws {@link YAMLException} on
* error. This function does not understand multi-document or empty sources; it
* throws an exception on those.
*
* > [!NOTE]
* > 1. When processing untrusted input, see the
* >    [security considerations](../docs/safety.md).
* > 2. All exceptions MUST be caught, not just {@link YAMLException}.
* > 3. The default {@link CORE_SCHEMA} comes without the `!!merge` tag. You can
* >    easily enable it if needed.
* > 4. The default {@link mapTag} is `{}`-object based, with known limitations
* >    (see description). For full compatibility use {@link realMapTag}
* >    instead (it uses native JS `Map`).
*
* @example
* Enable {@link mergeTag} and {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag, realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Main
*/
function load(input, options) {
	const documents = loadDocuments(input, options);
	if (documents.length === 0) throw new YAMLException("expected a document, but the input is empty");
	if (documents.length === 1) return documents[0];
	throw new YAMLException("expected a single document in the stream, but found more");
}
function hasBit(mask, bit) {
	return (mask & 1 << bit) !== 0;
}
/**
* Default scalar styling rules in application order.
* See [Scalar styling](../../docs/scalar_styling.md) for usage details.
*
* @category AST
*/
var DEFAULT_SCALAR_STYLE_RULES = {
	applyQuoteFlowKeysOption,
	doubleQuoteForInvisibles,
	doubleQuoteWhitespaceOnly,
	applyForceQuotesOption,
	tryLongOrMultilineAsBlock,
	quoteInvalidPlain,
	fallbackToDoubleQuoted
};
function _preferredQuotedStyle(layout) {
	if (layout.presenterOptions.quoteStyle === "single" && hasBit(layout.allowedStylesMask, SCALAR_STYLE.SINGLE_QUOTED)) return SCALAR_STYLE.SINGLE_QUOTED;
	return SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyQuoteFlowKeysOption(layout) {
	if (!layout.presenterOptions.quoteFlowKeys) return;
	if (!layout.isKey || !layout.flowOnly || layout.style !== SCALAR_STYLE.PLAIN) return;
	layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteForInvisibles(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /[\t\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteWhitespaceOnly(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /^\s+$/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyForceQuotesOption(layout) {
	if (!layout.presenterOptions.forceQuotes) return;
	if (layout.isKey || layout.style !== SCALAR_STYLE.PLAIN) return;
	if (layout.node.tag !== layout.presenterOptions.schema.defaultScalarTag.tagName) return;
	layout.style = layout.node.value.includes("\n") ? SCALAR_STYLE.DOUBLE_QUOTED : _preferredQuotedStyle(layout);
}
function tryLongOrMultilineAsBlock(layout) {
	if (layout.style !== SCALAR_STYLE.PLAIN || layout.isKey) return;
	const value = layout.node.value;
	const multiline = value.indexOf("\n") !== -1;
	if (!hasBit(layout.allowedStylesMask, SCALAR_STYLE.LITERAL_BLOCK)) {
		if (multiline) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
		return;
	}
	const w = layout.presenterOptions.lineWidth;
	if (w === -1) {
		if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
		return;
	}
	const availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	let position = 0;
	let shouldFold = false;
	while (position <= value.length) {
		let lineEnd = value.length;
		const nextLineBreak = value.indexOf("\n", position);
		if (nextLineBreak !== -1) lineEnd = nextLineBreak;
		const line = value.slice(position, lineEnd);
		if (line.length > availableWidth && line[0] !== " " && / [^ \t]/.test(line)) shouldFold = true;
		if (nextLineBreak === -1) break;
		position = nextLineBreak + 1;
	}
	if (shouldFold) layout.style = SCALAR_STYLE.FOLDED_BLOCK;
	else if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
}
function quoteInvalidPlain(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && !hasBit(layout.allowedStylesMask, SCALAR_STYLE.PLAIN)) layout.style = _preferredQuotedStyle(layout);
}
function fallbackToDoubleQuoted(layout) {
	if (!hasBit(layout.allowedStylesMask, layout.style)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
var SRC_C_PRINTABLE = "[\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]";
var SRC_B_CHAR = "[\\n\\r]";
var SRC_C_BYTE_ORDER_MARK = "\\uFEFF";
var SRC_S_WHITE = "[ \\t]";
var SRC_NB_CHAR = `(?:(?!(?:${SRC_B_CHAR}|${SRC_C_BYTE_ORDER_MARK}))${SRC_C_PRINTABLE})`;
var SRC_NS_CHAR = `(?:(?!${SRC_S_WHITE})${SRC_NB_CHAR})`;
var SRC_NB_JSON = "[\\x09\\x20-\\uD7FF\\uE000-\\uFFFF\\u{10000}-\\u{10FFFF}]";
var SRC_C_INDICATOR = "[-?:,\\[\\]{}#&*!|>'\"%@`]";
var SRC_C_FLOW_INDICATOR = "[,\\[\\]{}]";
var SRC_NS_PLAIN_SAFE_FLOW_OUT = SRC_NS_CHAR;
var SRC_NS_PLAIN_SAFE_FLOW_IN = `(?:(?!${SRC_C_FLOW_INDICATOR})${SRC_NS_CHAR})`;
var SRC_NS_PLAIN_FIRST_FLOW_OUT = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))`;
var SRC_NS_PLAIN_FIRST_FLOW_IN = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))`;
var SRC_NS_PLAIN_CHAR_FLOW_OUT = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_OUT})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))#*`;
var SRC_NS_PLAIN_CHAR_FLOW_IN = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_IN})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))#*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_OUT})*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_IN})*`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_OUT = `${SRC_NS_PLAIN_FIRST_FLOW_OUT}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_IN = `${SRC_NS_PLAIN_FIRST_FLOW_IN}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_OUT;
var SRC_NS_PLAIN_ONE_LINE_FLOW_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_IN;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_OUT}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_IN}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT = `${SRC_NS_PLAIN_ONE_LINE_FLOW_OUT}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT})*`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_IN = `${SRC_NS_PLAIN_ONE_LINE_FLOW_IN}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN})*`;
var NS_PLAIN_FLOW_OUT = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT})$`, "u");
var NS_PLAIN_FLOW_IN = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_IN})$`, "u");
var NS_PLAIN_BLOCK_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY})$`, "u");
var NS_PLAIN_FLOW_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_FLOW_KEY})$`, "u");
var NB_SINGLE_ONE_LINE = new RegExp(`^(?:${SRC_NB_JSON})*$`, "u");
var NB_SINGLE_MULTI_LINE = new RegExp(`^(?:${SRC_NB_JSON}|\\n)*$`, "u");
var BLOCK_SCALAR_CONTENT = new RegExp(`^(?:${SRC_NB_CHAR}|\\n)*$`, "u");
var DEFAULT_PRESENTER_OPTIONS = {
	indent: 2,
	seqNoIndent: false,
	seqInlineFirst: true,
	lineWidth: 80,
	flowBracketPadding: false,
	flowSkipCommaSpace: false,
	flowSkipColonSpace: false,
	quoteFlowKeys: false,
	quoteStyle: "single",
	forceQuotes: false,
	scalarStyleRules: Object.keys(DEFAULT_SCALAR_STYLE_RULES).map((name) => Reflect.get(DEFAULT_SCALAR_STYLE_RULES, name)),
	tagBeforeAnchor: false
};
var DEFAULT_DUMP_OPTIONS = {
	...DEFAULT_PRESENTER_OPTIONS,
	schema: DUMP_SCHEMA,
	skipInvalid: false,
	noRefs: false,
	flowLevel: -1,
	sortKeys: false,
	transform: () => {}
};
/** @deprecated Use `EVENT_ID.DOCUMENT` instead. @internal */
var EVENT_DOCUMENT = EVENT_ID.DOCUMENT;
/** @deprecated Use `EVENT_ID.SEQUENCE` instead. @internal */
var EVENT_SEQUENCE = EVENT_ID.SEQUENCE;
/** @deprecated Use `EVENT_ID.MAPPING` instead. @internal */
var EVENT_MAPPING = EVENT_ID.MAPPING;
/** @deprecated Use `EVENT_ID.SCALAR` instead. @internal */
var EVENT_SCALAR = EVENT_ID.SCALAR;
/** @deprecated Use `EVENT_ID.ALIAS` instead. @internal */
var EVENT_ALIAS = EVENT_ID.ALIAS;
/** @deprecated Use `EVENT_ID.POP` instead. @internal */
var EVENT_POP = EVENT_ID.POP;
/** @deprecated Use `SCALAR_STYLE.PLAIN` instead. @internal */
var SCALAR_STYLE_PLAIN = SCALAR_STYLE.PLAIN;
/** @deprecated Use `SCALAR_STYLE.SINGLE_QUOTED` instead. @internal */
var SCALAR_STYLE_SINGLE_QUOTED = SCALAR_STYLE.SINGLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.DOUBLE_QUOTED` instead. @internal */
var SCALAR_STYLE_DOUBLE_QUOTED = SCALAR_STYLE.DOUBLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.LITERAL_BLOCK` instead. @internal */
var SCALAR_STYLE_LITERAL_BLOCK = SCALAR_STYLE.LITERAL_BLOCK;
/** @deprecated Use `SCALAR_STYLE.FOLDED_BLOCK` instead. @internal */
var SCALAR_STYLE_FOLDED_BLOCK = SCALAR_STYLE.FOLDED_BLOCK;
/** @deprecated Use `COLLECTION_STYLE.BLOCK` instead. @internal */
var COLLECTION_STYLE_BLOCK = COLLECTION_STYLE.BLOCK;
/** @deprecated Use `COLLECTION_STYLE.FLOW` instead. @internal */
var COLLECTION_STYLE_FLOW = COLLECTION_STYLE.FLOW;
/** @deprecated Use `CHOMPING_MODE.CLIP` instead. @internal */
var CHOMPING_CLIP = CHOMPING_MODE.CLIP;
/** @deprecated Use `CHOMPING_MODE.STRIP` instead. @internal */
var CHOMPING_STRIP = CHOMPING_MODE.STRIP;
/** @deprecated Use `CHOMPING_MODE.KEEP` instead. @internal */
var CHOMPING_KEEP = CHOMPING_MODE.KEEP;

// src/graph/yaml-tree.ts
/** Where the fast tree's nodes are: unknown. */
const UNKNOWN_POSITION = {
	line: 1,
	column: 1
};
/** js-yaml's tree, or undefined when js-yaml rejects the text (the positioned reader explains). */
function fastTree(text) {
	let value;
	try {
		value = load(text, { schema: FAILSAFE_SCHEMA });
	} catch {
		return;
	}
	return {
		root: value == null ? void 0 : plainNode(value),
		errors: [],
		positioned: false
	};
}
function plainNode(value) {
	if (Array.isArray(value)) return new PlainList(value);
	if (value !== null && typeof value === "object") return new PlainMapping(value);
	return {
		kind: "scalar",
		text: typeof value === "string" ? value : "",
		position: UNKNOWN_POSITION
	};
}
var PlainList = class {
	value;
	kind = "list";
	position = UNKNOWN_POSITION;
	converted;
	constructor(value) {
		this.value = value;
	}
	get items() {
		return this.converted ??= this.value.map(plainNode);
	}
};
var PlainMapping = class {
	value;
	kind = "mapping";
	position = UNKNOWN_POSITION;
	converted;
	constructor(value) {
		this.value = value;
	}
	get entries() {
		return this.converted ??= Object.entries(this.value).map(([key, item]) => [{
			kind: "scalar",
			text: key,
			position: UNKNOWN_POSITION
		}, plainNode(item)]);
	}
};

// src/graph/load.ts
/**
* Unknown ids in `needs` get a "did you mean" from the closest id or a step's name. Edit distance against
* every id is O(steps) per lookup, so a generated graph with thousands of broken references
* gets suggestions for the first ones only.
*/
const MAX_SUGGESTED_UNKNOWN_NEEDS = 100;
/**
* Parses and validates a step graph: the graph ready to plan and run, or every problem at
* once, sorted by position. A valid graph is read once, from the fast tree; a graph with
* any problem is read again from the positioned tree, so each problem has its place. So
* is a graph with a matrix: only that reader knows `20` from `"20"`, which types the value.
*/
async function loadStepGraph(source) {
	const fast = fastTree(source.text);
	const fromFast = fast && await validate(fast, source);
	if (fromFast?.ok) return fromFast;
	const { positionedTree } = await import("./yaml-positions.js");
	return await validate(positionedTree(source.text), source);
}
/** The steps each declared id stands for: the step, or each instance of a matrix step. */
function stepsByDeclaredId(steps) {
	const stepsOf = /* @__PURE__ */ new Map();
	steps.forEach((step, index) => {
		const id = step.instanceOf ?? step.id;
		const indexes = stepsOf.get(id);
		if (indexes) indexes.push(index);
		else stepsOf.set(id, [index]);
	});
	return stepsOf;
}
/**
* The spec step v runs with, its `${{ }}` evaluated (src/run/step-expressions.ts), in
* place of the one written: the only change a loaded graph ever sees.
*/
function recordStartedSpec(graph, step, spec) {
	const steps = stepLists.get(graph);
	if (steps === void 0 || steps[step] === void 0) throw new RangeError(`no step ${step}`);
	steps[step] = spec;
}
/** Each loaded graph's own list of specs, for `recordStartedSpec`. */
const stepLists = /* @__PURE__ */ new WeakMap();
/**
* The graph of the steps `kept` (indexes in `graph`, in order) and the needs among them:
* a graph of its own, as loaded, its steps renumbered.
*/
function subGraph(graph, kept) {
	const renumbered = new Map(kept.map((v, index) => [v, index]));
	const specs = kept.map((v) => graph.steps[v]).filter((step) => step !== void 0);
	const needs = kept.map((v) => (graph.dag.predecessors[v] ?? []).flatMap((p) => renumbered.get(p) ?? []));
	const expressions = graph.expressions;
	const sub = {
		source: graph.source,
		steps: specs,
		dag: new Dag(needs),
		indexOf: new Map(specs.map((step, index) => [step.id, index])),
		stepsOf: stepsByDeclaredId(specs),
		whole: graph.whole ?? graph,
		...expressions && { expressions: kept.flatMap((v) => {
			const compiled = expressions[v];
			return compiled === void 0 ? [] : [compiled];
		}) }
	};
	stepLists.set(sub, specs);
	return sub;
}
/** undefined: the tree cannot tell (a matrix in the fast tree); read the positioned one. */
async function validate(tree, source) {
	const parsed = readStepTree(tree);
	const problems = [...parsed.problems];
	const declared = keepFirstOfEachId(parsed.steps, problems);
	if (!tree.positioned && declared.some((step) => step.matrix !== void 0)) return void 0;
	const steps = expandMatrices(declared, problems);
	const indexOf = new Map(steps.map((step, index) => [step.spec.id, index]));
	const stepsOf = stepsByDeclaredId(steps.map((step) => step.spec));
	const needs = resolveNeeds(steps, stepsOf, problems);
	for (const cycle of findCycles(needs)) problems.push(describeCycle(cycle, steps));
	const expressions = await compileExpressions(steps, source, problems);
	if (problems.length > 0) return {
		ok: false,
		problems: problems.map((problem) => ({
			...problem,
			message: visibleControls(problem.message)
		})).sort(compareProblems)
	};
	const specs = steps.map((step) => step.spec);
	const graph = {
		source,
		steps: specs,
		dag: new Dag(needs),
		indexOf,
		stepsOf,
		...expressions && { expressions }
	};
	stepLists.set(graph, specs);
	return {
		ok: true,
		graph
	};
}
/**
* Parses and checks the steps' expressions, with `@actions/expressions` loaded only when
* a step has one (an `if` other than a bare status call, or `${{` in a templated value):
* a graph without any never pays the library's start-up.
*/
async function compileExpressions(steps, source, problems) {
	if (!steps.some((step) => usesExpressions(step.spec))) return void 0;
	const { compileGraphExpressions } = await import("./expressions.js");
	return compileGraphExpressions(steps, { inline: source.file === void 0 }, problems);
}
function keepFirstOfEachId(steps, problems) {
	const first = /* @__PURE__ */ new Map();
	for (const step of steps) {
		const earlier = first.get(step.spec.id);
		if (earlier === void 0) {
			first.set(step.spec.id, step);
			continue;
		}
		const { line, column } = earlier.position;
		problems.push({
			message: `duplicate step id \`${step.spec.id}\` (first declared at ${line}:${column})`,
			position: step.position
		});
	}
	return [...first.values()];
}
/**
* Each step's needs as indexes (a matrix step's: all its instances); unknown ids are
* reported and left out, once per declared step (its instances share its `needs`).
*/
function resolveNeeds(steps, stepsOf, problems) {
	let suggestionsLeft = MAX_SUGGESTED_UNKNOWN_NEEDS;
	let specs;
	/** Declared ids (a matrix step's, not its instances'), for the messages. */
	let declared;
	return steps.map(({ spec, position, needsPositions }) => {
		const resolved = [];
		const reports = spec.instanceNumber === void 0 || spec.instanceNumber === 1;
		spec.needs.forEach((need, i) => {
			const indexes = stepsOf.get(need);
			if (indexes !== void 0) {
				resolved.push(...indexes);
				return;
			}
			if (!reports) return;
			specs ??= steps.map((step) => step.spec);
			declared ??= new Map([...stepsOf].map(([id, indexes]) => [id, indexes[0] ?? 0]));
			problems.push({
				message: unknownNeedMessage(spec.instanceOf ?? spec.id, need, declared, specs, suggestionsLeft-- > 0),
				position: needsPositions[i] ?? position
			});
		});
		return resolved;
	});
}
/**
* Reported where the cycle's first step names the next one in its `needs`. Needs are
* written between declared steps, so the path names them (`a -> test -> a`), not the
* instances the cycle went through: instances of one step share its needs, so two in a
* row are a step that needs itself.
*/
function describeCycle(cycle, steps) {
	const declared = (v) => {
		const spec = steps[v]?.spec;
		return spec?.instanceOf ?? spec?.id ?? "?";
	};
	const ids = cycle.map(declared).filter((id, i, all) => id !== all[(i + 1) % all.length]);
	if (ids.length === 0) ids.push(declared(cycle[0] ?? 0));
	const first = steps[cycle[0] ?? 0];
	const at = first?.spec.needs.indexOf(declared(cycle[1] ?? cycle[0] ?? 0)) ?? -1;
	return {
		message: `needs form a cycle: ${[...ids, ids[0]].join(" -> ")} (${ids.length === 1 ? "a step cannot need itself" : "each step needs the next"})`,
		position: first?.needsPositions[at] ?? first?.position ?? {
			line: 1,
			column: 1
		}
	};
}

// src/bounded-file.ts
/** A file that is not an ordinary one (a FIFO, a device, a directory): never read. */
var NotAFileError = class extends Error {
	kind;
	name = "NotAFileError";
	constructor(kind) {
		super(`is ${kind}, not a file`);
		this.kind = kind;
	}
};
const NON_BLOCKING = constants$1.O_NONBLOCK ?? 0;
/**
* Reads at most `limit` bytes of an ordinary file, whatever its size says and whatever
* writes to it meanwhile: memory is bounded by `limit`, not by the file. A FIFO, a device,
* a directory or a socket throws NotAFileError at once; `check` sees the file's stat
* before anything is read (to refuse it for its size). Other errors (ENOENT, EACCES,
* EAGAIN) are thrown as they are.
*/
function readFilePrefix(file, limit, check) {
	const fd = openSync(file, constants$1.O_RDONLY | NON_BLOCKING);
	try {
		const stat = fstatSync(fd);
		if (!stat.isFile()) throw new NotAFileError(kindOf(stat));
		check?.(stat);
		return {
			bytes: readUpTo(fd, limit, stat.size + 1),
			size: stat.size
		};
	} finally {
		closeSync(fd);
	}
}
/**
* Whether `file` is missing or, by one `lstat`, an ordinary file of no bytes: what nearly
* every step's command files are when it ends. Such a file reads as empty without being
* opened, which spares four system calls and a 64 KiB read buffer each (`readFilePrefix`
* must read a file whose size says 0, a pseudo-file's, in one large read). Anything else
* answers false and is read as usual: a symbolic link (its target may be a pseudo-file
* whose size says 0), a FIFO, a device, a file with bytes, an error other than ENOENT.
*/
function isMissingOrEmptyFile(file) {
	try {
		const stat = lstatSync(file, { throwIfNoEntry: false });
		return stat === void 0 || stat.isFile() && stat.size === 0;
	} catch {
		return false;
	}
}
/** The first read's size at least: some pseudo-files refuse reads of a byte or two. */
const MIN_READ = 65536;
/**
* Up to `limit` bytes, to the end of the file: into a buffer of `expected` bytes first
* (the size plus one, so the end is seen in one read), grown by doubling, never past
* `limit`, when the file holds more than it said. The bytes come back in a buffer of
* their own size, so a caller that keeps them keeps nothing more.
*/
function readUpTo(fd, limit, expected) {
	let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(expected, MIN_READ)));
	let length = 0;
	for (;;) {
		if (length === buffer.length) {
			if (length >= limit) break;
			const bigger = Buffer.allocUnsafe(Math.min(limit, length * 2));
			buffer.copy(bigger, 0, 0, length);
			buffer = bigger;
		}
		const n = readSync(fd, buffer, length, buffer.length - length, null);
		if (n === 0) break;
		length += n;
	}
	return length === buffer.length ? buffer : Buffer.from(buffer.subarray(0, length));
}
/** What a file is, in words: "a named pipe (FIFO)", "a character device" ... */
function kindOf(stat) {
	if (stat.isDirectory()) return "a directory";
	if (stat.isFIFO()) return "a named pipe (FIFO)";
	if (stat.isCharacterDevice()) return "a character device";
	if (stat.isBlockDevice()) return "a block device";
	if (stat.isSocket()) return "a socket";
	return "not an ordinary file";
}

// src/graph/read-file.ts
/**
* The largest step graph read, in bytes. A 10,000-step graph is about 0.5 MB; beyond a few
* MB the text is almost certainly a mistake (a binary, a log), and reading it would only
* delay the error.
*/
const MAX_GRAPH_BYTES = 8388608;
/**
* Linux's pseudo-file systems: their files say they are regular, with a size that is not
* their content's (0 for /proc/self/pagemap, which reads as gigabytes; /proc/kmsg blocks
* until the kernel logs something). A step graph is never one of them.
*/
const PSEUDO_FILE_SYSTEMS = ["/proc", "/sys"];
/**
* Reads a step graph file. `file` is taken relative to `base`; messages and annotations
* name it relative to `base` when it lies inside. Throws an Error saying what went wrong.
*
* Only an ordinary file is read, and never more than MAX_GRAPH_BYTES of it, whatever its
* size says: a device, a FIFO or a /proc file is refused at once, without waiting for a
* writer and without reading what it would produce.
*/
function readGraphFile(file, base) {
	const absolute = path.resolve(base, file);
	const relative = path.relative(base, absolute);
	const shown = relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
	let text;
	try {
		text = readOrdinaryFile(absolute, shown);
	} catch (error) {
		throw new Error(describeFsError(error, shown), { cause: error });
	}
	return {
		text,
		file: shown.split(path.sep).join("/")
	};
}
function readOrdinaryFile(absolute, shown) {
	const pseudo = pseudoFileSystem(absolute);
	if (pseudo) throw new Error(`${shown} is a file of ${pseudo}, not a step graph`);
	const tooLarge = (size) => /* @__PURE__ */ new Error(`${shown} is ${formatMiB(size)}; step graphs are limited to ${formatMiB(MAX_GRAPH_BYTES)}`);
	const { bytes, size } = readFilePrefix(absolute, 8388609, (stat) => {
		if (stat.size > 8388608) throw tooLarge(stat.size);
	});
	if (bytes.length > size) throw new Error(`${shown} changed while it was read, or is not an ordinary file (it said ${size} ${size === 1 ? "byte" : "bytes"})`);
	return bytes.toString("utf8");
}
/** The pseudo-file system `file` lies in, after following links; undefined for others. */
function pseudoFileSystem(file) {
	if (process.platform !== "linux") return void 0;
	let real;
	try {
		real = realpathSync(file);
	} catch {
		return;
	}
	return PSEUDO_FILE_SYSTEMS.find((root) => real === root || real.startsWith(`${root}/`));
}
function formatMiB(bytes) {
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
function describeFsError(error, shown) {
	const code = error.code;
	if (code === "ENOENT") return `${shown} does not exist`;
	if (code === "EACCES") return `${shown} cannot be read (permission denied)`;
	if (code === "ENXIO") return `${shown} is a socket, not a file`;
	if (code === "EAGAIN") return `${shown} cannot be read without waiting: not an ordinary file`;
	if (error instanceof NotAFileError) return `${shown} ${error.message}`;
	if (code === void 0 && error instanceof Error) return error.message;
	return `${shown} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}

// src/graph/render.ts
/**
* Mermaid's own escape for label text, `#<code>;`, for every character that could close
* the label or be read as markup; node ids are `s<index>`, so no step name reaches the
* diagram syntax unescaped.
*/
function mermaidText(text) {
	let out = "";
	for (const char of text.replace(/[\u0000-\u001f\u007f]+/g, " ")) out += /[A-Za-z0-9 _.,()/+-]/.test(char) ? char : `#${char.codePointAt(0) ?? 32};`;
	return out;
}
/** A left-to-right Mermaid flowchart: an arrow from each step to each step that needs it. */
function toMermaid(dag, options) {
	const lines = ["flowchart LR"];
	for (let v = 0; v < dag.size; v++) lines.push(`  s${v}["${mermaidText(options.label(v))}"]`);
	for (let v = 0; v < dag.size; v++) for (const s of dag.successors[v] ?? []) lines.push(`  s${v} --> s${s}`);
	const highlighted = [...options.highlight ?? []].sort((a, b) => a - b);
	if (highlighted.length > 0) {
		lines.push("  classDef critical stroke:#d1242f,stroke-width:3px");
		lines.push(`  class ${highlighted.map((v) => `s${v}`).join(",")} critical`);
	}
	return lines.join("\n");
}
/** A DOT string literal: backslashes, quotes and line breaks escaped. */
function dotString(text) {
	return `"${text.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\r?\n|\r/g, "\\n")}"`;
}
/** Graphviz DOT, with ids as node names and names as labels. */
function toDot(dag, ids, options) {
	const lines = [
		"digraph stepgraph {",
		"  rankdir=LR;",
		"  node [shape=box];"
	];
	for (let v = 0; v < dag.size; v++) {
		const style = options.highlight?.has(v) ? ", color=red, penwidth=2" : "";
		lines.push(`  ${dotString(ids[v] ?? "")} [label=${dotString(options.label(v))}${style}];`);
	}
	for (let v = 0; v < dag.size; v++) for (const s of dag.successors[v] ?? []) lines.push(`  ${dotString(ids[v] ?? "")} -> ${dotString(ids[s] ?? "")};`);
	lines.push("}");
	return lines.join("\n");
}

// src/scheduler/heap.ts
/** A binary min-heap of numbers under a comparison; push and pop are O(log n). */
var Heap = class {
	before;
	items = [];
	constructor(before) {
		this.before = before;
	}
	get size() {
		return this.items.length;
	}
	push(item) {
		const items = this.items;
		items.push(item);
		let i = items.length - 1;
		while (i > 0) {
			const parent = i - 1 >> 1;
			if (!this.before(item, items[parent])) break;
			items[i] = items[parent];
			i = parent;
		}
		items[i] = item;
	}
	pop() {
		const items = this.items;
		const top = items[0];
		const last = items.pop();
		if (items.length === 0 || last === void 0) return top;
		let i = 0;
		for (;;) {
			const left = 2 * i + 1;
			if (left >= items.length) break;
			const right = left + 1;
			const child = right < items.length && this.before(items[right], items[left]) ? right : left;
			if (!this.before(items[child], last)) break;
			items[i] = items[child];
			i = child;
		}
		items[i] = last;
		return top;
	}
};

// src/timings/simulate.ts
/**
* The run as the scheduler would go through it if every step took its expected time and
* succeeded: ready steps start by `priorities` (higher first, ties to the earlier step,
* as the scheduler's heap orders them), each in the lowest free slot, and the steps that
* end at one moment release their dependents before any slot is filled again, as one of
* the scheduler's poll rounds does. O((V + E) log V).
*
* From the start (the dry run's plan), or from `state` (what is left while a run goes on:
* its running steps keep their slots until their expected end; those slots are numbered
* from 1 in no particular order).
*/
function simulateSchedule(dag, durations, priorities, slots, state) {
	const usable = Math.max(1, Math.min(slots, dag.size));
	const waiting = new Int32Array(dag.size);
	const ready = new Heap((a, b) => {
		const pa = priorities[a];
		const pb = priorities[b];
		return pa > pb || pa === pb && a < b;
	});
	const endOf = new Float64Array(dag.size);
	const slotOf = new Int32Array(dag.size);
	const running = new Heap((a, b) => endOf[a] < endOf[b] || endOf[a] === endOf[b] && a < b);
	const freeSlots = new Heap((a, b) => a < b);
	const bars = [];
	const finished = (v) => state?.finished[v] === true;
	let slot = 0;
	for (const [step, remaining] of state?.running ?? []) {
		endOf[step] = Math.max(0, remaining);
		slotOf[step] = ++slot;
		running.push(step);
	}
	for (let s = slot + 1; s <= usable; s++) freeSlots.push(s);
	for (let v = 0; v < dag.size; v++) {
		if (finished(v) || state?.running.has(v) === true) continue;
		for (const p of dag.predecessors[v] ?? []) if (!finished(p)) waiting[v] = waiting[v] + 1;
		if (waiting[v] === 0) ready.push(v);
	}
	let now = 0;
	const fill = () => {
		while (freeSlots.size > 0 && ready.size > 0) {
			const step = ready.pop();
			const free = freeSlots.pop();
			const end = now + Math.max(0, durations[step]);
			endOf[step] = end;
			slotOf[step] = free;
			running.push(step);
			bars.push({
				step,
				slot: free,
				start: now,
				end
			});
		}
	};
	fill();
	while (running.size > 0) {
		const first = running.pop();
		now = endOf[first];
		const ended = [first];
		for (;;) {
			const next = running.pop();
			if (next === void 0) break;
			if (endOf[next] !== now) {
				running.push(next);
				break;
			}
			ended.push(next);
		}
		for (const step of ended) {
			freeSlots.push(slotOf[step]);
			for (const s of dag.successors[step] ?? []) {
				if (finished(s)) continue;
				const left = waiting[s] - 1;
				waiting[s] = left;
				if (left === 0) ready.push(s);
			}
		}
		fill();
	}
	return {
		wallMs: now,
		bars
	};
}

// src/report/text.ts
/**
* Making text from steps safe wherever it is shown. Step names, output lines and child
* annotations are all written by the steps: none may break the log, the summary's
* Markdown or HTML, or a Mermaid diagram.
*/
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const LINE_BREAKS_AND_CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
function stripAnsi(text) {
	return text.replace(ANSI, "");
}
/** A name on one line: control characters (line breaks included) become spaces. */
function oneLine(text) {
	return stripAnsi(text).replace(LINE_BREAKS_AND_CONTROL, " ").replace(/ {2,}/g, " ").trim();
}
/** For HTML, including inside `<pre>`: no tag can open or close. */
function escapeHtml(text) {
	return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
/** Output lines for a `<pre>` block: ANSI and control characters removed, HTML escaped. */
function preText(text) {
	return escapeHtml(stripAnsi(text).replace(CONTROL, ""));
}
/**
* Inline Markdown text (a table cell, a heading): one line, HTML escaped, and every
* character Markdown gives a meaning to escaped, so `|` cannot end a cell and `*`, `_`,
* `` ` ``, `[` cannot format.
*/
function markdownText(text) {
	return escapeHtml(oneLine(text)).replace(/[\\`*_{}[\]()#+\-.!|~]/g, (char) => `\\${char}`);
}
/**
* An id in a code span. A declared id is plain ([A-Za-z0-9_-]), but a matrix instance's
* holds its values (`test (a|b)`): a code span shows any character as itself except a
* backtick, which would end it, and `|`, which ends a table cell even inside one; an id
* with either is written as escaped Markdown text in a `<code>` element instead.
*/
function code(id) {
	return /[`|]/.test(id) ? `<code>${markdownText(id)}</code>` : `\`${id}\``;
}
/** 1234 ms -> "1.2s", 75_000 -> "1m 15s", 3_700_000 -> "1h 1m". */
function formatDuration(ms) {
	if (ms < 1e3) return `${Math.round(ms)}ms`;
	if (ms < 6e4) return `${(ms / 1e3).toFixed(1)}s`;
	const seconds = Math.round(ms / 1e3);
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
	return `${Math.floor(seconds / 3600)}h ${Math.floor(seconds % 3600 / 60)}m`;
}

// src/report/plan-timings.ts
/** Slots listed one by one in the plan; more are counted (each is a line or a row). */
const MAX_LISTED_SLOTS = 32;
/** Steps named on a slot's line in the log; the rest are counted. */
const MAX_STEPS_PER_SLOT_LINE = 8;
/** A chart of more bars says little, and Mermaid refuses large diagrams. */
const MAX_CHART_BARS = 200;
/** Steps without a record named in the plan; the rest are counted. */
const MAX_NAMED_ESTIMATES = 10;
/**
* The run as the scheduler would go through it with every step taking its expected time:
* the same priorities (longest expected time to the end first) and the same slots.
*/
function expectedPlan(graph, slots, expected) {
	const id = (v) => graph.steps[v]?.id ?? "?";
	const schedule = simulateSchedule(graph.dag, expected.durations, expected.priorities, slots);
	const bySlot = /* @__PURE__ */ new Map();
	for (const bar of schedule.bars) {
		const list = bySlot.get(bar.slot) ?? [];
		list.push({
			id: id(bar.step),
			start: bar.start,
			end: bar.end
		});
		bySlot.set(bar.slot, list);
	}
	const critical = graph.dag.criticalPath((v) => expected.durations[v]);
	return {
		wallMs: schedule.wallMs,
		criticalPath: critical.steps.map(id),
		criticalPathMs: critical.length,
		slots: [...bySlot].sort(([a], [b]) => a - b).map(([slot, bars]) => ({
			slot,
			busyMs: bars.reduce((sum, bar) => sum + (bar.end - bar.start), 0),
			bars
		})),
		steps: graph.steps.length,
		recorded: expected.recorded,
		estimated: graph.steps.flatMap((step, v) => expected.sources[v] === "recorded" ? [] : [step.id]),
		bySiblings: expected.sources.includes("siblings"),
		unknownStepMs: expected.unknownStepMs
	};
}
/** The expected schedule for the log. */
function expectedPlanLines(plan) {
	const lines = [
		`Expected by the recorded durations (${recordedWords(plan, (id) => id)}):`,
		`  wall time: ${formatDuration(plan.wallMs)} with ${plan.slots.length} busy ${plan.slots.length === 1 ? "slot" : "slots"}`,
		`  critical path (${formatDuration(plan.criticalPathMs)}): ${plan.criticalPath.join(" -> ")}`
	];
	for (const { slot, busyMs, bars } of plan.slots.slice(0, MAX_LISTED_SLOTS)) {
		const shown = bars.slice(0, MAX_STEPS_PER_SLOT_LINE).map((bar) => `${bar.id} ${span(bar)}`).join(", ");
		const more = bars.length - MAX_STEPS_PER_SLOT_LINE;
		lines.push(`  slot ${slot}: busy ${formatDuration(busyMs)}: ${shown}${more > 0 ? `, and ${more} more` : ""}`);
	}
	const moreSlots = plan.slots.length - MAX_LISTED_SLOTS;
	if (moreSlots > 0) lines.push(`  and ${moreSlots} more slots`);
	return lines;
}
/** The expected schedule for the job summary: the facts, a table of slots and a chart. */
function expectedPlanMarkdown(plan) {
	const parts = [
		"### Expected by the recorded durations",
		"",
		`**${formatDuration(plan.wallMs)}** of wall-clock time with ${plan.slots.length} busy ${plan.slots.length === 1 ? "slot" : "slots"}; expected critical path (${formatDuration(plan.criticalPathMs)}): ${plan.criticalPath.map(code).join(" → ")}. ${capitalised(recordedWords(plan, code))}.`,
		"",
		"| Slot | Busy | Steps | Busy from | Until |",
		"| --: | --: | --: | --: | --: |",
		...plan.slots.slice(0, MAX_LISTED_SLOTS).map(({ slot, busyMs, bars }) => `| ${slot} | ${formatDuration(busyMs)} | ${bars.length} | ${offset(bars[0]?.start ?? 0)} | ${offset(bars.at(-1)?.end ?? 0)} |`),
		""
	];
	const moreSlots = plan.slots.length - MAX_LISTED_SLOTS;
	if (moreSlots > 0) parts.push(`_and ${moreSlots} more slots_`, "");
	if (plan.slots.reduce((total, slot) => total + slot.bars.length, 0) <= MAX_CHART_BARS) {
		parts.push("```mermaid", "gantt", "  dateFormat x", ...axis(plan.wallMs), "  todayMarker off");
		for (const { slot, bars: slotBars } of plan.slots) {
			parts.push(`  section Slot ${slot}`);
			for (const bar of slotBars) {
				const start = Math.round(bar.start);
				const end = Math.max(start + 1, Math.round(bar.end));
				parts.push(`  ▸ ${mermaidText(bar.id)} :${start}, ${end}`);
			}
		}
		parts.push("```", "");
	}
	return parts;
}
/** Which steps the plan estimates, and how: an estimate is always said to be one. */
function recordedWords(plan, show) {
	if (plan.recorded === plan.steps) return `every step has a record`;
	const named = plan.estimated.slice(0, MAX_NAMED_ESTIMATES).map(show).join(", ");
	const more = plan.estimated.length - MAX_NAMED_ESTIMATES;
	const list = more > 0 ? `${named} and ${more} more` : named;
	return `${plan.recorded} of ${plan.steps} steps have a record; without one, ${list} ${plan.estimated.length === 1 ? "is" : "are each"} expected to take ${formatDuration(plan.unknownStepMs)}, the median of the recorded steps` + (plan.bySiblings ? ", or a matrix instance the median of its recorded siblings" : "");
}
/**
* Ticks that read as durations ("5s", "2m30s"), never the zero-padded "05.000s". Under
* 10 s, mermaid would tick every half second: ticks every second keep whole seconds (a
* run under 2 s, with a tick or two, is told to the millisecond).
*/
function axis(wallMs) {
	if (wallMs < 2e3) return ["  axisFormat %-S.%Ls"];
	if (wallMs < 1e4) return ["  tickInterval 1second", "  axisFormat %-Ss"];
	if (wallMs < 6e4) return ["  axisFormat %-Ss"];
	return [`  axisFormat ${wallMs < 36e5 ? "%-Mm%Ss" : "%-Hh%Mm"}`];
}
function capitalised(text) {
	return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
/** "+1.2s", "+0s". */
function offset(ms) {
	return ms === 0 ? "+0s" : `+${formatDuration(ms)}`;
}
function span(bar) {
	return `${offset(bar.start)}..${offset(bar.end)}`;
}

// src/report/plan.ts
/**
* Mermaid refuses diagrams past a size (500 edges and 50,000 characters by default), and a
* graph of hundreds of boxes explains nothing: larger graphs get the levels table only.
*/
const MAX_DRAWN_STEPS = 150;
const MAX_DRAWN_EDGES = 400;
/** `expected`: the recorded durations (`loadRunTimings`), for the expected schedule. */
function makePlan(graph, slots, expected) {
	const id = (v) => graph.steps[v]?.id ?? "?";
	return {
		levels: graph.dag.levels().map((level) => level.map(id)),
		criticalPath: graph.dag.criticalPath().steps.map(id),
		slots,
		...expected && { expected: expectedPlan(graph, slots, expected) }
	};
}
/** The plan for the log: one line per level, then the critical path. */
function planLines(graph, plan) {
	const { size, edgeCount } = graph.dag;
	return [
		`stepgraph dry run: ${count(size, "step")}, ${count(edgeCount, "need")}, ${count(plan.levels.length, "level")}, max-parallel ${plan.slots}`,
		"Levels (each can start once the one before it has finished):",
		...plan.levels.map((level, i) => `  ${i + 1}. ${level.join(", ")}`),
		`Critical path (${count(plan.criticalPath.length, "step")}): ${plan.criticalPath.join(" -> ")}`,
		...plan.expected ? expectedPlanLines(plan.expected) : [],
		"Nothing was run (dry-run)."
	];
}
/** The plan for the job summary: the same facts, a table and a Mermaid graph. */
function planMarkdown(graph, plan) {
	const { size, edgeCount } = graph.dag;
	const parts = [
		"## stepgraph plan (dry run)",
		"",
		`${count(size, "step")} · ${count(edgeCount, "need")} · ${count(plan.levels.length, "level")} · max-parallel ${plan.slots}. Nothing was run.`,
		"",
		`**Critical path** (${count(plan.criticalPath.length, "step")}): ${plan.criticalPath.map(code).join(" → ")}`,
		"",
		"| Level | Steps |",
		"| ---: | --- |",
		...plan.levels.map((level, i) => `| ${i + 1} | ${level.map(code).join(", ")} |`),
		"",
		...plan.expected ? expectedPlanMarkdown(plan.expected) : []
	];
	if (size <= 150 && edgeCount <= 400) {
		const critical = new Set(plan.criticalPath.map((id) => graph.indexOf.get(id) ?? -1));
		const diagram = toMermaid(graph.dag, {
			label: (v) => graph.steps[v]?.name ?? "",
			highlight: critical
		});
		parts.push("```mermaid", diagram, "```", "");
	} else parts.push(`_The graph is too large to draw here (${count(size, "step")}); \`stepgraph graph FILE --format dot\` renders it with Graphviz._`, "");
	return parts.join("\n");
}
function count(n, noun) {
	return `${String(n).replace(/\B(?=(\d{3})+$)/g, ",")} ${noun}${n === 1 ? "" : "s"}`;
}

// src/report/step-text.ts
/** One mark per status, the same in the log, the summary and the CLI. */
const STATUS_MARK = {
	success: "✓",
	failure: "✗",
	"timed-out": "⏱",
	skipped: "↷",
	cancelled: "⊘"
};
/**
* How an attempt ended, in words: "exit code 7", "killed by SIGSEGV", "timed out",
* "cancelled after 3.2s (ended by SIGTERM)". A cancelled attempt had started: it says for
* how long it ran, which tells it from a step that never started.
*/
function describeAttempt(attempt) {
	const { status, exit } = attempt;
	if (status === "success") return "succeeded";
	if (status === "timed-out") return exit.signal ? `timed out (ended by ${exit.signal})` : "timed out";
	if (status === "cancelled") return `cancelled ${ranFor(attempt)}`;
	if (exit.error !== void 0) return exit.exitCode === null ? exit.error : `exit code ${exit.exitCode}, but ${exit.error}`;
	if (exit.signal) return `killed by ${exit.signal}`;
	return `exit code ${exit.exitCode ?? "?"}`;
}
/** "after 3.2s", and how the process ended when it says more: "(ended by SIGKILL)". */
function ranFor(attempt) {
	return `after ${formatDuration(attempt.endedAt - attempt.startedAt)}${howItEnded(attempt.exit)}`;
}
function howItEnded(exit) {
	if (exit.signal) return ` (ended by ${exit.signal})`;
	if (exit.exitCode !== null) return ` (exit code ${exit.exitCode})`;
	return "";
}
/**
* How a step ended: its last attempt's end, or, for a step that never ran, why
* (`skipped` and never-started `cancelled` steps carry their reason, "not started: ...").
*/
function describeStep(result) {
	const last = result.attempts[result.attempts.length - 1];
	if (last && result.serviceReadyAt !== void 0 && result.status === "failure" && result.reason) return `failed: ${result.reason}`;
	if (last) return describeAttempt(last);
	return result.reason ?? (result.status === "cancelled" ? "not started" : result.status);
}
/** A cancelled step that never started: the only kind that may be called "not started". */
function neverStarted(result) {
	return result.status === "cancelled" && result.attempts.length === 0;
}
/** Why a step never started: its reason without the "not started: " the scheduler puts first. */
function whyNotStarted(result) {
	const why = result.reason?.replace(/^not started(: )?/, "");
	return why === "" ? void 0 : why;
}
/**
* Why the times of a run are partial, when they are: steps were cancelled (by a signal or
* by fail-fast), so the step time is not what the work takes, and a speed-up computed from
* it would claim what did not happen. Undefined for a run that ran everything it could.
*/
function partialBecause(run) {
	if (run.cancelled) return "the run was cancelled";
	if (run.results.some((result) => result.status === "cancelled")) return "fail-fast cancelled the rest of the run";
}
/**
* What a step adds to the step time: its attempts; a service, only until it was ready (it
* then runs beside the steps that use it: one after another, they would run while it
* serves, not after it).
*/
function stepTime(step) {
	const ran = step.attempts.reduce((sum, a) => sum + (a.endedAt - a.startedAt), 0);
	const first = step.attempts[0];
	return step.serviceReadyAt != null && first ? step.serviceReadyAt - first.startedAt : ran;
}

// src/report/runner-whitespace.ts
/**
* The whitespace the runner trims before it looks for a workflow command: .NET's
* `Char.IsWhiteSpace`, which `String.TrimStart()` uses (ActionCommand.TryParseV2). It is
* not JavaScript's `\s`: it has U+0085 (NEL) and lacks U+FEFF (the BOM). A line that
* starts with any of these before `::` is a command to the runner, so stepgraph must see
* it as one too (to honour a mask, and to never print one of its own by accident).
*/
const RUNNER_WHITESPACE = "	\n\v\f\r \xA0            \u2028\u2029  　";
const WHITESPACE = new Set(Array.from(RUNNER_WHITESPACE, (char) => char.charCodeAt(0)));
/** `text.TrimStart()` as .NET does it. */
function trimRunnerWhitespace(text) {
	let start = 0;
	while (start < text.length && WHITESPACE.has(text.charCodeAt(start))) start++;
	return text.slice(start);
}
/** `text.Trim()` as .NET does it. */
function trimRunnerWhitespaceBothEnds(text) {
	let end = text.length;
	while (end > 0 && WHITESPACE.has(text.charCodeAt(end - 1))) end--;
	return trimRunnerWhitespace(text.slice(0, end));
}
const COMMAND_LINE_START = new RegExp(`(?:^|[\\r\\n])[${RUNNER_WHITESPACE}]*::`, "u");
/**
* How many bytes of UTF-8 at `from` are runner whitespace (the line's bytes are never
* decoded to find out). Multi-byte spaces are matched by their encodings.
*/
function runnerWhitespaceBytes(line, from = 0) {
	let i = from;
	for (;;) {
		const byte = line[i];
		if (byte === void 0) break;
		if (byte === 32 || byte >= 9 && byte <= 13) i += 1;
		else if (byte === 194 && (line[i + 1] === 133 || line[i + 1] === 160)) i += 2;
		else if (byte >= 225 && byte <= 227 && isThreeByteSpace(line, i)) i += 3;
		else break;
	}
	return i - from;
}
/** U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F and U+3000 in UTF-8. */
function isThreeByteSpace(line, i) {
	const [a, b, c] = [
		line[i],
		line[i + 1],
		line[i + 2]
	];
	if (b === void 0 || c === void 0) return false;
	if (a === 225) return b === 154 && c === 128;
	if (a === 227) return b === 128 && c === 128;
	if (b === 128) return c >= 128 && c <= 138 || c === 168 || c === 169 || c === 175;
	return b === 129 && c === 159;
}

// src/report/workflow-commands.ts
/** The commands the runner has an extension for (its registered set). */
const REGISTERED = /* @__PURE__ */ new Set([
	"add-mask",
	"add-matcher",
	"add-path",
	"debug",
	"echo",
	"endgroup",
	"error",
	"group",
	"notice",
	"remove-matcher",
	"save-state",
	"set-env",
	"set-output",
	"stop-commands",
	"warning"
]);
/** Whether the runner has a command of this name (it ignores case). */
function isRegistered(name) {
	return REGISTERED.has(foldCase(name));
}
/**
* Lower case for ASCII letters only. The runner compares names with OrdinalIgnoreCase,
* under which no other character equals an ASCII letter (JavaScript's toLowerCase would
* turn the Kelvin sign into `k`).
*/
function foldCase(text) {
	return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
/** The runner's unescape tables, applied in order with ordinal, case-sensitive Replace. */
const V2_DATA = [
	["%0D", "\r"],
	["%0A", "\n"],
	["%25", "%"]
];
const V2_PROPERTY = [
	["%0D", "\r"],
	["%0A", "\n"],
	["%3A", ":"],
	["%2C", ","],
	["%25", "%"]
];
const LEGACY$1 = [
	["%3B", ";"],
	["%0D", "\r"],
	["%0A", "\n"],
	["%5D", "]"],
	["%25", "%"]
];
function unescape(text, table) {
	let result = text;
	for (const [escaped, plain] of table) if (result.includes(escaped)) result = result.split(escaped).join(plain);
	return result;
}
/**
* The command on a line, as the runner's TryProcessCommand finds it: the `::name
* props::data` form after leading whitespace first, else the legacy `##[name props]data`
* form at the first `##[` of the line. Undefined when the runner would print the line.
* `extraName`: a name registered for the moment (a step's stop token, while stopped).
*/
function parseCommand(line, extraName) {
	const known = (name) => REGISTERED.has(name) || extraName !== void 0 && name === foldCase(extraName);
	return parseV2(line, known) ?? parseLegacy(line, known);
}
/** ActionCommand.TryParseV2. */
function parseV2(line, known) {
	const text = trimRunnerWhitespace(line);
	if (!text.startsWith("::")) return void 0;
	const end = text.indexOf("::", 2);
	if (end < 0) return void 0;
	const info = text.slice(2, end);
	const space = info.indexOf(" ");
	const name = foldCase(space < 0 ? info : info.slice(0, space));
	if (!known(name)) return void 0;
	return {
		name,
		properties: space > 0 ? readProperties(trimRunnerWhitespaceBothEnds(info.slice(space + 1)), ",", V2_PROPERTY) : noProperties(),
		data: unescape(text.slice(end + 2), V2_DATA)
	};
}
/** ActionCommand.TryParse: only the first `##[` of a line counts. */
function parseLegacy(line, known) {
	const prefix = line.indexOf("##[");
	if (prefix < 0) return void 0;
	const close = line.indexOf("]", prefix);
	if (close < 0) return void 0;
	const info = line.slice(prefix + 3, close);
	const space = info.indexOf(" ");
	const name = foldCase(space < 0 ? info : info.slice(0, space));
	if (!known(name)) return void 0;
	return {
		name,
		properties: space > 0 ? readProperties(info.slice(space + 1), ";", LEGACY$1) : noProperties(),
		data: unescape(line.slice(close + 1), LEGACY$1)
	};
}
/**
* `key=value` pairs split on `separator`, empty entries dropped, each pair as .NET's
* `Split('=', 2, RemoveEmptyEntries)` splits it: empty entries before the key and between
* the key and the value are skipped (`=a==b` is `a` = `b`); kept only with both parts.
*/
function readProperties(text, separator, table) {
	const properties = noProperties();
	for (const pair of text.split(separator)) {
		const entry = pair.replace(/^=+/, "");
		const equals = entry.indexOf("=");
		if (equals < 0) continue;
		const value = entry.slice(equals + 1).replace(/^=+/, "");
		if (value !== "") properties[foldCase(entry.slice(0, equals))] = unescape(value, table);
	}
	return properties;
}
/** The keys are the step's: no prototype, so `__proto__` is just a key. */
function noProperties() {
	return Object.create(null);
}

// src/report/tail-text.ts
const LEVEL_WORD = {
	error: "Error",
	warning: "Warning",
	notice: "Notice"
};
/**
* A step's last lines as a reader should see them: what the runner would have shown of
* them in a plain `run:` step, not the workflow commands it would have acted on. The
* lines kept (the run record's `last-lines`) are the output as the step printed it:
* `::error file=a.ts::Bad` is an annotation, `::endgroup::` and `::set-output` show
* nothing, `::group::Build` is a heading. While the step had stopped commands
* (`::stop-commands::TOKEN` within these lines, until `::TOKEN::`), every line is text.
* Escape codes are removed; blank lines at either end, which a `<pre>` would swallow or
* show as nothing, are dropped, so that a count of the lines is the count a reader sees.
*/
function readableTail(lines, annotations) {
	const shown = [];
	let stopToken;
	for (const line of lines) {
		const command = parseCommand(line, stopToken);
		if (stopToken !== void 0) {
			if (command?.name === foldCase(stopToken)) stopToken = void 0;
			else shown.push(stripAnsi(line));
			continue;
		}
		if (!command) {
			shown.push(stripAnsi(line));
			continue;
		}
		if (command.name === "stop-commands") {
			if (command.data !== "") stopToken = command.data;
			continue;
		}
		const level = LEVEL_WORD[command.name];
		if (level !== void 0) {
			if (annotations === "as-text") shown.push(annotationText(level, command));
			continue;
		}
		if (command.name === "group") shown.push(`▸ ${oneLine(command.data)}`);
	}
	return trimBlankEnds(shown);
}
function annotationText(level, command) {
	const { file, line, col, title } = command.properties;
	return `${level}${file ? ` ${oneLine(file)}${line ? `:${line}${col ? `:${col}` : ""}` : ""}` : ""}${title ? ` ${oneLine(title)}` : ""}: ${oneLine(command.data)}`;
}
function trimBlankEnds(lines) {
	let start = 0;
	let end = lines.length;
	while (start < end && (lines[start] ?? "").trim() === "") start++;
	while (end > start && (lines[end - 1] ?? "").trim() === "") end--;
	return lines.slice(start, end);
}

// src/report/annotations.ts
/**
* The steps' own annotations kept, at most: the runner shows 10 of each kind, the job
* summary lists the others, and it could not hold many more. Beyond this they are only
* counted, so that a step printing millions of `::warning::` lines costs no memory.
*/
const MAX_CHILD_ANNOTATIONS = 1e3;
/**
* The runner cuts an annotation's message at this many characters (ExecutionContext's
* `_maxIssueMessageLength`); its properties are cut there too, to bound what is kept.
*/
const RUNNER_MESSAGE_LIMIT = 4096;
/** `::error`, `::warning` and `::notice` lines the steps printed, in the order they came. */
var ChildAnnotations = class {
	list = [];
	counted = 0;
	/** The first MAX_CHILD_ANNOTATIONS, in the order they came. */
	get all() {
		return this.list;
	}
	/** How many came after those: counted, not kept. */
	get notKept() {
		return this.counted;
	}
	/** Records a child's command if it is an annotation; says whether it was one. */
	add(spec, command) {
		if (command.name !== "error" && command.name !== "warning" && command.name !== "notice") return false;
		if (this.list.length >= 1e3) {
			this.counted++;
			return true;
		}
		const properties = command.properties;
		const [title, file, line, endLine, col, endColumn] = [
			properties.title,
			properties.file,
			properties.line,
			properties.endline,
			properties.col,
			properties.endcolumn
		].map((value) => value?.slice(0, RUNNER_MESSAGE_LIMIT));
		const name = oneLine(spec.name);
		this.list.push({
			level: command.name,
			message: command.data.slice(0, RUNNER_MESSAGE_LIMIT),
			title: title ? `${name}: ${oneLine(title)}` : name,
			step: spec.id,
			...file !== void 0 && { file },
			...line !== void 0 && { line },
			...endLine !== void 0 && { endLine },
			...col !== void 0 && { col },
			...endColumn !== void 0 && { endColumn }
		});
		return true;
	}
};

// src/timings/estimate.ts
/**
* How long the run still has, by the recorded durations: what is left of the schedule is
* simulated (`simulateSchedule`) from where the run stands, each running step expected to
* run for what is left of its expected time (nothing once it has run longer: then the
* estimate can only be short, never made up), each step not started yet for all of it.
* Fed by the scheduler's events through `observer`; steps that ended, were skipped or
* cancelled hold nothing back.
*
* A simulation costs O((V + E) log V): it is computed again only when a step starts or
* ends, or after `refreshMs` (the running steps' remaining times shrink meanwhile, and
* an estimate a second old is exact enough to show).
*/
var RunEstimate = class {
	dag;
	durations;
	priorities;
	slots;
	refreshMs;
	observer;
	/** Monotonic start of each running step's current attempt. */
	running = /* @__PURE__ */ new Map();
	finished;
	/** The last simulation: when it was made, and the end it gave. */
	cached;
	constructor(dag, durations, priorities, slots, refreshMs = 1e3) {
		this.dag = dag;
		this.durations = durations;
		this.priorities = priorities;
		this.slots = slots;
		this.refreshMs = refreshMs;
		this.finished = new Uint8Array(dag.size);
		this.observer = {
			attemptStarted: (event) => {
				this.running.set(event.step, event.at);
				this.cached = void 0;
			},
			attemptEnded: (event) => {
				this.running.delete(event.step);
				if (event.retryAt === void 0) this.finished[event.step] = 1;
				this.cached = void 0;
			},
			stepFinished: (result) => {
				this.finished[result.step] = 1;
				this.running.delete(result.step);
				this.cached = void 0;
			}
		};
	}
	remaining(now) {
		if (this.cached === void 0 || now - this.cached.at >= this.refreshMs) {
			const running = /* @__PURE__ */ new Map();
			for (const [step, startedAt] of this.running) {
				const expected = this.durations[step];
				running.set(step, Math.max(0, expected - (now - startedAt)));
			}
			const finished = Array.from(this.finished, (done) => done === 1);
			const schedule = simulateSchedule(this.dag, this.durations, this.priorities, this.slots, {
				finished,
				running
			});
			this.cached = {
				at: now,
				endsAt: now + schedule.wallMs
			};
		}
		const ms = Math.max(0, this.cached.endsAt - now);
		const overrun = [...this.running].some(([step, startedAt]) => now - startedAt > this.durations[step]);
		return {
			ms,
			overdue: ms < 1e3 && overrun
		};
	}
};
/** The estimate as the progress line and the live view say it: "about 1m 20s left". */
function remainingText({ ms, overdue }) {
	if (overdue) return "longer than the recorded runs";
	return ms >= 1e3 ? `about ${formatDuration(ms)} left` : "less than 1s left";
}

// src/report/spill-file.ts
/**
* The file an attempt's output spills to. It is read back through the descriptor it was
* written with, never reopened by name: a step that removes the run's directory
* (`rm -rf "$RUNNER_TEMP"/*`), or a descriptor limit reached meanwhile, cannot take back
* what was already written. Every fault reaches the caller as an error in a callback or a
* rejected promise, never as a throw out of a stream's event.
*/
var SpillFile = class SpillFile {
	path;
	fd;
	closed = false;
	constructor(path, fd) {
		this.path = path;
		this.fd = fd;
	}
	/**
	* Creates the file (never an existing one: the name is the attempt's own, so anything
	* there was planted). Throws what the system said: ENOENT, EMFILE, ENOSPC...
	*/
	static create(file) {
		return new SpillFile(file, openSync(file, "wx+", 384));
	}
	/**
	* Writes all of `block` at `position`. `done` gets how many bytes of the block reached
	* the file before an error (a full file often takes part of a write, then refuses).
	*/
	write(block, position, done) {
		const from = (offset) => {
			write(this.fd, block, offset, block.length - offset, position + offset, (error, n) => {
				if (error) done(error, offset);
				else if (n === 0) done(/* @__PURE__ */ new Error("the file took no more bytes"), offset);
				else if (offset + n < block.length) from(offset + n);
				else done(null, block.length);
			});
		};
		from(0);
	}
	/** Reads up to `length` bytes at `position` into the start of `buffer`: 0 at the end. */
	read(buffer, length, position) {
		return new Promise((resolve, reject) => {
			read(this.fd, buffer, 0, length, position, (error, n) => {
				if (error) reject(error);
				else resolve(n);
			});
		});
	}
	/**
	* Closes and deletes the file; call when no write is in flight. Never throws: what cannot
	* be removed now goes with the run's directory (or the runner's temp directory).
	*/
	remove() {
		if (this.closed) return;
		this.closed = true;
		try {
			closeSync(this.fd);
		} catch {}
		try {
			rmSync(this.path, { force: true });
		} catch {}
	}
};

// src/report/output-buffer.ts
/** Output is copied into blocks of this size; the first stays in memory. */
const BLOCK_SIZE = 262144;
/** Blocks on their way to the file at most; past this, the step's pipes are paused. */
const MAX_BLOCKS_IN_FLIGHT = 4;
/** Output of one attempt that reaches the log; beyond it, bytes are counted, not kept. */
const STEP_LOG_CAP = 0x40000000;
/** How much of the end of the output is kept for the summary and annotations. */
const TAIL_BYTES = 65536;
/**
* Everything one attempt printed, in order, with memory bounded and nearly constant.
* Output is copied at once into blocks stepgraph owns, so the pipe's read buffers die
* young (held longer, they reach the old generation and pile up until V8's 64 MB
* external-memory limit forces a full collection: 187 MiB peaks were measured that way).
* The first block stays in memory; the blocks after it go to a file in the run's
* directory (under RUNNER_TEMP on a runner) by positioned asynchronous writes, so the
* disk works while the pipe is read, and the step's pipes pause while four blocks are in
* flight. Past STEP_LOG_CAP, bytes are only counted.
*
* A file that cannot be created or written (the directory removed, EMFILE, ENOSPC) costs
* this attempt the output from that point on, and nothing else: what came before it is
* kept, the rest is counted, and `contents` says what was lost and why. Nothing here
* throws into the step's pipe events.
*/
var OutputBuffer = class {
	directory;
	name;
	cap;
	/** The first full block: kept in memory whatever happens to the file. */
	head;
	current;
	currentLength = 0;
	spare = [];
	spill;
	/** Bytes handed to the file so far (each write at its own position). */
	fileBytes = 0;
	inFlight = 0;
	/** The first byte of the output that could not be kept, and why. */
	fault;
	drainListeners = [];
	idleListeners = [];
	/** Bytes within the cap (kept, or lost to a fault). */
	keptBytes = 0;
	/** Bytes printed past the cap. */
	cutBytes = 0;
	/** The end of the output, for "last lines". */
	tail = new OutputTail();
	constructor(directory, name, cap = STEP_LOG_CAP) {
		this.directory = directory;
		this.name = name;
		this.cap = cap;
	}
	/** Bytes past the cap, not shown. */
	get cut() {
		return this.cutBytes;
	}
	get size() {
		return this.keptBytes;
	}
	/**
	* Adds output. Returns false while too many blocks are on their way to the file: the
	* caller pauses the step's pipes until `onDrain`.
	*/
	append(chunks) {
		for (const whole of chunks) {
			if (whole.length === 0) continue;
			this.tail.push(whole);
			const room = this.cap - this.keptBytes;
			const chunk = whole.length > room ? whole.subarray(0, room) : whole;
			this.cutBytes += whole.length - chunk.length;
			this.keptBytes += chunk.length;
			for (let copied = 0; copied < chunk.length && !this.fault;) {
				this.current ??= this.spare.pop() ?? Buffer.allocUnsafe(262144);
				const n = chunk.copy(this.current, this.currentLength, copied);
				copied += n;
				this.currentLength += n;
				if (this.currentLength === 262144) this.blockFilled();
			}
		}
		return this.inFlight < MAX_BLOCKS_IN_FLIGHT;
	}
	/** Calls `listener` once the file has caught up after `append` returned false. */
	onDrain(listener) {
		if (this.inFlight < MAX_BLOCKS_IN_FLIGHT) listener();
		else this.drainListeners.push(listener);
	}
	/**
	* The kept output, once every byte of it is in its file. Call after the last append
	* (again if need be: the same answer), then `dispose` once done with it. Never rejects.
	*/
	async contents() {
		const last = this.current?.subarray(0, this.currentLength);
		this.current = void 0;
		if (this.spill && last) this.writeBlock(last);
		if (this.inFlight > 0) await new Promise((resolve) => this.idleListeners.push(resolve));
		const memory = [this.head, this.spill ? void 0 : last].filter((block) => block !== void 0 && block.length > 0);
		const spill = this.spill;
		const memoryBytes = memory.reduce((sum, block) => sum + block.length, 0);
		const fileBytes = Math.min(this.fileBytes, (this.fault?.at ?? 1e400) - memoryBytes);
		const lostBytes = this.keptBytes - memoryBytes - (spill ? fileBytes : 0);
		return {
			memory,
			...spill && { file: {
				bytes: fileBytes,
				read: (buffer, length, position) => spill.read(buffer, length, position)
			} },
			...this.fault && lostBytes > 0 && { lost: {
				bytes: lostBytes,
				reason: this.fault.reason
			} }
		};
	}
	/** Removes the file, if the output went to one. Call after `contents` has resolved. */
	dispose() {
		this.spill?.remove();
		this.spill = void 0;
	}
	blockFilled() {
		const block = this.current;
		this.current = void 0;
		this.currentLength = 0;
		if (!this.head) {
			this.head = block;
			return;
		}
		if (!this.spill) {
			const file = path.join(this.directory, `${this.name}.log`);
			try {
				this.spill = SpillFile.create(file);
			} catch (error) {
				this.lose(BLOCK_SIZE, `its file in the temp directory could not be created (${message$1(error)})`);
				this.spare.push(block);
				return;
			}
		}
		this.writeBlock(block);
	}
	writeBlock(block) {
		const spill = this.spill;
		const position = this.fileBytes;
		this.fileBytes += block.length;
		this.inFlight++;
		spill.write(block, position, (error, written) => {
			if (error) {
				const at = BLOCK_SIZE + position + written;
				this.lose(at, `its file in the temp directory could not be written (${message$1(error)})`);
			}
			this.inFlight--;
			if (block.length === 262144 && this.spare.length < MAX_BLOCKS_IN_FLIGHT) this.spare.push(block);
			if (this.inFlight < MAX_BLOCKS_IN_FLIGHT) for (const listener of this.drainListeners.splice(0)) listener();
			if (this.inFlight === 0) for (const listener of this.idleListeners.splice(0)) listener();
		});
	}
	/** Output from byte `at` on is not kept; the earliest fault is the one reported. */
	lose(at, reason) {
		if (this.fault && this.fault.at <= at) return;
		this.fault = {
			at,
			reason
		};
		this.current = void 0;
		this.currentLength = 0;
	}
};
function message$1(error) {
	return error instanceof Error ? error.message : String(error);
}
/** Lines of an ended attempt's output kept for the summary, annotations and run record. */
const LAST_LINES_KEPT = 30;
/** At most this many bytes of them (after each line is cut to LAST_LINE_CHARS). */
const LAST_LINES_BYTES = 8192;
/**
* The summary shows 1,000 characters of a line, once escape codes are removed: twice that
* is kept, room for the codes.
*/
const LAST_LINE_CHARS = 2e3;
/**
* The end of an output, for its last lines: the last TAIL_BYTES or so while the attempt
* runs; once it has ended, `compact` keeps only its last lines, so that a run of many
* steps holds a few KiB per step, not 64 KiB.
*/
var OutputTail = class {
	/** The newest is a reference to the caller's chunk; older ones are copies. */
	chunks = [];
	bytes = 0;
	/** Once compacted: the last lines, whole (no partial first line), and no chunks. */
	compacted;
	push(chunk) {
		if (this.compacted) return;
		const piece = chunk.length > 65536 ? chunk.subarray(chunk.length - TAIL_BYTES) : chunk;
		this.chunks.push(piece);
		this.bytes += piece.length;
		while (this.chunks.length > 1 && this.bytes - (this.chunks[0]?.length ?? 0) >= 65536) this.bytes -= this.chunks.shift()?.length ?? 0;
		const previous = this.chunks.length - 2;
		if (previous >= 0) this.chunks[previous] = Buffer.from(this.chunks[previous]);
	}
	/** Bytes held: up to TAIL_BYTES (and a chunk) while running, a few KiB once compacted. */
	get heldBytes() {
		return this.compacted ? this.compacted.reduce((total, line) => total + Buffer.byteLength(line) + 1, 0) : this.chunks.reduce((total, chunk) => total + chunk.length, 0);
	}
	/** The last `count` lines, as text. */
	lastLines(count) {
		if (this.compacted) return count > 0 ? this.compacted.slice(-count) : [];
		const lines = Buffer.concat(this.chunks).toString("utf8").split("\n");
		if (lines[lines.length - 1] === "") lines.pop();
		if (this.bytes >= 65536 && lines.length > 1) lines.shift();
		return count > 0 ? lines.slice(-count) : [];
	}
	/**
	* The attempt has ended: keep its last `lines` lines, each cut to LAST_LINE_CHARS, and
	* of those only as many of the last as fit in LAST_LINES_BYTES (0 lines: nothing).
	*/
	compact(lines = 30) {
		const kept = [];
		let bytes = 0;
		for (const line of this.lastLines(lines).reverse()) {
			const cut = line.length > 2e3 ? line.slice(0, LAST_LINE_CHARS) : line;
			bytes += Buffer.byteLength(cut) + 1;
			if (bytes > 8192) break;
			kept.push(cut);
		}
		this.compacted = kept.reverse();
		this.chunks = [];
		this.bytes = 0;
	}
};

// src/report/long-line.ts
/**
* Longest add-mask command held to be honoured. A longer one is neither honoured nor shown
* (its value is not printed), and the step's log says so: no secret is that long.
*/
const MAX_MASK_LINE = 67108864;
const LEGACY = Buffer.from("##[");
const EMPTY$1 = Buffer.alloc(0);
const ADD_MASK = "add-mask";
/**
* A line longer than the filter holds, passed on in pieces as it arrives, except that an
* add-mask command is never passed on: the runner would honour it whatever its length, so
* stepgraph holds it (up to MAX_MASK_LINE) and hands it over when the line ends. The
* runner's rules decide what is a mask (ActionCommand.cs): a line that starts, after
* whitespace, with `::add-mask`; else one whose first `##[` opens `add-mask` (everything
* before that is shown, everything from it is held).
*/
var LongLine = class {
	onCommand;
	/**
	* 'start': nothing seen yet; 'plain': relay everything; 'scanning': look for the first
	* `##[`; 'name': hold it until its name is known; 'mask': hold the whole command.
	*/
	state = "start";
	/** Held bytes: the `##[...` being decided, or the whole mask command. */
	held = [];
	heldBytes = 0;
	/** The last bytes scanned, so a `##[` split across pieces is found. */
	carry = EMPTY$1;
	overflow = 0;
	/** Whether any byte of this line was relayed: the log has a line open. */
	relayedAny = false;
	/** `onCommand` decides on the mask when the line ends (a step may have stopped commands). */
	constructor(onCommand) {
		this.onCommand = onCommand;
	}
	/** The next piece of the line (the first is its start): what to relay goes onto `out`. */
	take(piece, out) {
		if (this.state === "start") this.state = startsAsMask(piece) ? "mask" : "scanning";
		if (this.state === "plain") this.relay(piece, out);
		else if (this.state === "scanning") this.scan(piece, out);
		else {
			this.hold(piece);
			if (this.state === "name") this.decideName(out);
		}
	}
	/**
	* The log is about to break this line: the bytes kept back to find a split `##[` go
	* out now, in their place (a `##[` split exactly there is not looked for).
	*/
	release() {
		if (this.state !== "scanning" || this.carry.length === 0) return [];
		const carry = this.carry;
		this.carry = EMPTY$1;
		return [carry];
	}
	/** The line ended: a mask is handed over, anything still held is relayed. */
	end(out) {
		if (this.overflow > 0) {
			out.push(Buffer.from(`${this.relayedAny ? "\n" : ""}stepgraph: an add-mask command of ${this.heldBytes + this.overflow} bytes is longer than ${MAX_MASK_LINE / 1024 / 1024} MiB: it was not honoured and is not shown`));
			this.relayedAny = true;
			return;
		}
		if (this.state === "scanning") this.relay(this.carry, out);
		if (this.state !== "mask" && this.state !== "name") return;
		const text = Buffer.concat(this.held).toString("utf8");
		const command = parseCommand(text);
		if (command?.name !== ADD_MASK || this.onCommand(command) === "relay") this.relay(Buffer.concat(this.held), out);
		this.held = [];
	}
	relay(piece, out) {
		if (piece.length === 0) return;
		out.push(piece);
		this.relayedAny = true;
	}
	hold(piece) {
		if (this.overflow > 0 || this.heldBytes + piece.length > 67108864) {
			this.overflow += piece.length;
			this.held = [];
			return;
		}
		this.held.push(Buffer.from(piece));
		this.heldBytes += piece.length;
	}
	/**
	* Relays up to the first `##[`, from which bytes are held until its name is known. The
	* last bytes of a piece wait (in `carry`, not yet relayed) in case `##[` is split
	* across pieces.
	*/
	scan(piece, out) {
		const window = this.carry.length > 0 ? Buffer.concat([this.carry, piece]) : piece;
		const at = window.indexOf(LEGACY);
		if (at < 0) {
			const keep = Math.min(window.length, LEGACY.length - 1);
			this.relay(window.subarray(0, window.length - keep), out);
			this.carry = Buffer.from(window.subarray(window.length - keep));
			return;
		}
		this.relay(window.subarray(0, at), out);
		this.carry = EMPTY$1;
		this.state = "name";
		this.hold(window.subarray(at));
		this.decideName(out);
	}
	/** `##[add-mask` followed by a space or `]` makes the line a mask; anything else, plain. */
	decideName(out) {
		const needed = LEGACY.length + 8 + 1;
		if (this.heldBytes < needed) return;
		const head = Buffer.concat(this.held).subarray(LEGACY.length, needed).toString("latin1");
		if (foldCase(head.slice(0, -1)) === ADD_MASK && (head.endsWith(" ") || head.endsWith("]"))) {
			this.state = "mask";
			return;
		}
		this.state = "plain";
		for (const piece of this.held) this.relay(piece, out);
		this.held = [];
		this.heldBytes = 0;
	}
};
/** `::add-mask` after whitespace, then a space (properties) or `::` (the value). */
function startsAsMask(start) {
	const at = runnerWhitespaceBytes(start);
	const head = start.subarray(at, at + 2 + 8 + 2).toString("latin1");
	if (!head.startsWith("::") || foldCase(head.slice(2, 10)) !== ADD_MASK) return false;
	const after = head.slice(10);
	return after.startsWith(" ") || after === "::";
}

// src/report/young-garbage.ts
/** Output relayed between two minor collections. */
const BYTES_PER_COLLECTION = 8388608;
let collect = null;
/**
* Relaying output allocates a 64 KiB buffer per pipe read and almost no JavaScript
* objects, so young-generation collections rarely run and dead read buffers pile up
* until V8's 64 MB external-memory limit forces a full one: on Node 24 the action's peak
* RSS reached 146-187 MiB relaying 1 GiB. A minor collection every 8 MiB relayed frees
* them while they are young (measured relaying 1 GiB, peak RSS grouped / stream: Node 24
* 107 / 110 MiB, Node 20 88 / 105 MiB, and no slower). Node has no API for this; exposing
* `gc` at run time is the documented way. Without it, this does nothing.
*/
function outputRelayed(bytes) {
	relayedSinceCollection += bytes;
	if (relayedSinceCollection < BYTES_PER_COLLECTION) return;
	relayedSinceCollection = 0;
	if (collect === null) collect = exposeGc();
	collect?.({ type: "minor" });
}
let relayedSinceCollection = 0;
/**
* What reading one command line leaves behind (its text decoded, the parsed command):
* counted as this many bytes relayed. A step printing millions of `::warning::` lines
* relays little but allocates much; without this, Node 24's young generation (64 MB,
* against Node 20's 16 MB) grew the action to 200 MiB on two million such lines.
*/
const BYTES_PER_COMMAND_READ = 2048;
/** A command line was read: its garbage counts toward the next minor collection. */
function commandRead() {
	outputRelayed(BYTES_PER_COMMAND_READ);
}
function exposeGc() {
	try {
		setFlagsFromString("--expose-gc");
		const gc = runInNewContext("gc");
		return typeof gc === "function" ? gc : void 0;
	} catch {
		return;
	}
}

// src/report/output-filter.ts
const LF$3 = 10;
const CR$2 = 13;
const ESC$2 = 27;
const EMPTY = Buffer.alloc(0);
const BYTE_ORDER_MARK = Buffer.from([
	239,
	187,
	191
]);
const NEWLINE = Buffer.from("\n");
const RESET_NEWLINE = Buffer.from("\x1B[0m\n");
/** Put before `##[` at the start of a line: the log viewer no longer reads it as markup. */
const ZERO_WIDTH_SPACE = Buffer.from("​");
const LEGACY_COMMAND = Buffer.from("##[");
const COMMAND = Buffer.from("::");
/**
* Longest line start held back while waiting for its end. A longer line is passed on in
* pieces (each still in order, never mixed with another step's output) so that memory
* stays bounded whatever a step prints; of the commands on such a line, only an add-mask
* is honoured (see LongLine).
*/
const MAX_HELD_LINE = 1048576;
/**
* One output stream of one step, from raw bytes to what may reach the log:
* - line breaks normalized: CRLF and lone CR become LF, so every line the runner sees is a
*   line stepgraph saw (the runner masks secrets line by line);
* - a line that starts with `##[` (the log viewer's markup) gets a zero-width space first;
* - a line that carries escape codes gets an ANSI reset at its end;
* - command lines, as the runner finds them (`::name` after whitespace, or `##[name]`
*   anywhere), are handed to `onCommand` (annotations, masks) and relayed or dropped.
* Bytes are never decoded except for command lines, and lines are only split at ASCII
* line breaks, so UTF-8 (and invalid UTF-8, NULs) pass through intact across chunks.
* Chunks without any of CR, ESC, `::` or `##[` take a fast path and are not copied.
*/
var OutputFilter = class {
	onCommand;
	resumeName;
	/** The start of a line whose end has not come yet (at most MAX_HELD_LINE bytes). */
	held = [];
	heldBytes = 0;
	/** A line longer than MAX_HELD_LINE, being passed on in pieces. */
	long;
	/** Whether the part of the long line in the log carries an escape code. */
	longHasEscape = false;
	/** The long line's display was broken: its next piece starts a line in the log. */
	longAtLineStart = false;
	/** The last chunk ended with CR: an LF starting the next one belongs to it. */
	afterCR = false;
	/**
	* The stream's first bytes while they could still be a UTF-8 byte-order mark, which
	* the runner's StreamReader drops (a mask on the first line must still be one);
	* undefined once past the start.
	*/
	streamStart = EMPTY;
	/**
	* `onCommand` gets each command line; `resumeName` is a name that is a command for the
	* moment (the step's own stop token, while it has stopped commands).
	*/
	constructor(onCommand, resumeName = () => void 0) {
		this.onCommand = onCommand;
		this.resumeName = resumeName;
	}
	push(raw) {
		let data = this.normalizeLineBreaks(this.dropByteOrderMark(raw));
		const out = [];
		if (this.long) {
			const lf = data.indexOf(LF$3);
			this.takeLong(lf < 0 ? data : data.subarray(0, lf), out);
			if (lf < 0) return {
				chunks: out,
				endsMidLine: this.long.relayedAny
			};
			this.endLong(out);
			data = data.subarray(lf + 1);
		}
		if (this.heldBytes > 0) {
			const lf = data.indexOf(LF$3);
			if (lf < 0) return this.hold(data, out);
			const line = Buffer.concat([...this.held, data.subarray(0, lf + 1)]);
			this.held = [];
			this.heldBytes = 0;
			out.push(...this.filterLines(line));
			data = data.subarray(lf + 1);
		}
		const lastLF = data.lastIndexOf(LF$3);
		if (lastLF >= 0) out.push(...this.filterLines(data.subarray(0, lastLF + 1)));
		return this.hold(data.subarray(lastLF + 1), out);
	}
	/**
	* The relay had to end the over-long line being passed on (another stream or step
	* printed meanwhile): returns what ends it in the log (nothing when no line is open):
	* the bytes it was still holding back, and a line break. The line goes on being read as
	* one line, as the runner would read it; in the log its next piece starts a new line.
	*/
	breakLine() {
		const long = this.long;
		if (!long?.relayedAny || this.longAtLineStart) return [];
		const out = [];
		this.relayLong(long.release(), out);
		out.push(this.longHasEscape ? RESET_NEWLINE : NEWLINE);
		this.longHasEscape = false;
		this.longAtLineStart = true;
		return out;
	}
	/** The end of the stream: a last line without a line break is completed. */
	end() {
		const start = this.streamStart;
		this.streamStart = void 0;
		if (start && start.length > 0) return [...this.push(start).chunks, ...this.end()];
		if (this.long) {
			const out = [];
			this.endLong(out);
			return out;
		}
		if (this.heldBytes === 0) return [];
		const line = Buffer.concat([...this.held, NEWLINE]);
		this.held = [];
		this.heldBytes = 0;
		return this.filterLines(line);
	}
	/** Keeps an incomplete line, or starts passing it on when it is too long to keep. */
	hold(rest, out) {
		if (rest.length === 0) return {
			chunks: out,
			endsMidLine: false
		};
		this.held.push(Buffer.from(rest));
		this.heldBytes += rest.length;
		if (this.heldBytes <= 1048576) return {
			chunks: out,
			endsMidLine: false
		};
		const start = Buffer.concat(this.held);
		this.held = [];
		this.heldBytes = 0;
		this.longHasEscape = false;
		this.longAtLineStart = true;
		const pieces = [];
		this.long = new LongLine((command) => this.onCommand(command));
		this.long.take(start, pieces);
		this.relayLong(pieces, out);
		return {
			chunks: out,
			endsMidLine: this.long.relayedAny
		};
	}
	takeLong(piece, out) {
		const pieces = [];
		this.long?.take(piece, pieces);
		this.relayLong(pieces, out);
	}
	/** The long line ended: its end, and a line break if any of it is in the log. */
	endLong(out) {
		const long = this.long;
		if (!long) return;
		this.long = void 0;
		const pieces = [];
		long.end(pieces);
		this.relayLong(pieces, out);
		if (long.relayedAny && !this.longAtLineStart) out.push(this.longHasEscape ? RESET_NEWLINE : NEWLINE);
	}
	relayLong(pieces, out) {
		for (const piece of pieces) {
			if (piece.length === 0) continue;
			if (piece.includes(ESC$2)) this.longHasEscape = true;
			out.push(...this.longAtLineStart ? neutralizeLineStart(piece) : [piece]);
			this.longAtLineStart = false;
		}
	}
	/** Whole lines, each ending in LF. */
	filterLines(block) {
		if (!block.includes(ESC$2) && !block.includes(COMMAND) && !block.includes(LEGACY_COMMAND)) return [block];
		const out = [];
		for (let start = 0; start < block.length;) {
			const end = block.indexOf(LF$3, start);
			const line = block.subarray(start, end);
			start = end + 1;
			if (mightBeCommand(line)) {
				const command = parseCommand(line.toString("utf8"), this.resumeName());
				commandRead();
				if (command && this.onCommand(command) === "drop") continue;
			}
			out.push(...neutralizeLineStart(line));
			out.push(line.includes(ESC$2) ? RESET_NEWLINE : NEWLINE);
		}
		return out;
	}
	dropByteOrderMark(chunk) {
		if (this.streamStart === void 0) return chunk;
		const head = this.streamStart.length > 0 ? Buffer.concat([this.streamStart, chunk]) : chunk;
		if (head.length < BYTE_ORDER_MARK.length && BYTE_ORDER_MARK.subarray(0, head.length).equals(head)) {
			this.streamStart = Buffer.from(head);
			return EMPTY;
		}
		this.streamStart = void 0;
		return startsWithAt(head, 0, BYTE_ORDER_MARK) ? head.subarray(BYTE_ORDER_MARK.length) : head;
	}
	/** CRLF and lone CR become LF, including a CRLF split across chunks. */
	normalizeLineBreaks(chunk) {
		let data = chunk;
		if (this.afterCR && data[0] === LF$3) data = data.subarray(1);
		this.afterCR = false;
		if (!data.includes(CR$2)) return data;
		const out = Buffer.allocUnsafe(data.length);
		let length = 0;
		for (let i = 0; i < data.length; i++) {
			const byte = data[i];
			if (byte !== CR$2) {
				out[length++] = byte;
				continue;
			}
			out[length++] = LF$3;
			if (i + 1 === data.length) this.afterCR = true;
			else if (data[i + 1] === LF$3) i++;
		}
		return out.subarray(0, length);
	}
};
/** `::` after the runner's whitespace, or `##[` anywhere: the runner tries to parse it. */
function mightBeCommand(line) {
	return startsWithAt(line, runnerWhitespaceBytes(line), COMMAND) || line.includes(LEGACY_COMMAND);
}
/** Spaces and tabs: where the log viewer still reads `##[` as markup. */
function firstNonBlank(line) {
	let i = 0;
	while (i < line.length && (line[i] === 32 || line[i] === 9)) i++;
	return i;
}
function startsWithAt(line, at, prefix) {
	return line.length - at >= prefix.length && line.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;
}
/** A line (or the start of one) in which `##[` at the start gets a zero-width space. */
function neutralizeLineStart(start) {
	const first = firstNonBlank(start);
	if (!startsWithAt(start, first, LEGACY_COMMAND)) return [start];
	return [
		start.subarray(0, first),
		ZERO_WIDTH_SPACE,
		start.subarray(first)
	];
}

// src/report/line-prefix.ts
/**
* Stream mode's `[id] ` before every line of a chunk, in one allocation and with no object
* per line: a line of output is often 100 bytes, so per-line costs decide the relay's speed.
* The chunk is copied once to the end of the result, then each line moved down into place
* behind its prefix with `copyWithin` (a memmove); this measured twice as fast as copying
* each line from the chunk with `Buffer.copy`, whose binding costs more than the bytes.
*/
function prefixLines(chunk, prefix, state) {
	let starts = state.atLineStart && chunk.length > 0 ? 1 : 0;
	for (let lf = chunk.indexOf(10); lf >= 0 && lf < chunk.length - 1; lf = chunk.indexOf(10, lf + 1)) starts++;
	const out = Buffer.allocUnsafe(chunk.length + starts * prefix.length);
	const shift = out.length - chunk.length;
	out.set(chunk, shift);
	let at = 0;
	for (let start = 0; start < chunk.length;) {
		if (state.atLineStart) {
			out.set(prefix, at);
			at += prefix.length;
		}
		const lf = chunk.indexOf(10, start);
		const end = lf < 0 ? chunk.length : lf + 1;
		out.copyWithin(at, shift + start, shift + end);
		at += end - start;
		state.atLineStart = lf >= 0;
		start = end;
	}
	return out;
}

// src/report/step-commands.ts
/**
* One attempt's workflow commands, both streams together, as the runner takes them in a
* plain `run:` step (one ActionCommandManager per step): `honour` gets each command,
* except while the step has stopped commands itself with `::stop-commands::TOKEN`; then
* every line is only text until a command named TOKEN (in any case) resumes them. A token
* longer than 6 characters is masked, as the runner masks it.
*/
var StepCommands = class {
	honour;
	/** The step's own stop token while its commands are stopped. */
	stopToken;
	constructor(honour) {
		this.honour = honour;
	}
	/** While stopped, the token is a command name too: the line that resumes. */
	get resumeName() {
		return this.stopToken;
	}
	handle = (command) => {
		if (this.stopToken !== void 0) {
			if (command.name === foldCase(this.stopToken)) this.stopToken = void 0;
			return "relay";
		}
		if (command.name === "stop-commands") {
			if (!isValidStopToken(command.data)) return "relay";
			if (command.data.length > 6) this.honour({
				...command,
				name: "add-mask"
			});
			this.stopToken = command.data;
			return "relay";
		}
		return this.honour(command);
	};
};
/**
* ActionCommandManager.ValidateStopToken: not empty, not a command's name, not
* `pause-logging`. (The runner then fails the step; stepgraph only ignores the stop.)
*/
function isValidStopToken(token) {
	return token !== "" && !isRegistered(token) && foldCase(token) !== "pause-logging";
}

// src/report/log-relay.ts
/** A progress line comes after this long without a step ending. */
const PROGRESS_EVERY_MS = 3e4;
/**
* How long after the first stop signal the log may take to catch up. The runner kills
* the action 7.5 s after its SIGINT (sometimes 10 s): by 5 s the steps are dead (their
* grace is 2.5 s) and the outputs and summary are written, since they never wait for the
* log; what the log has not written by then is cut, leaving time for the little that
* follows (the notes, the annotations) to reach the runner.
*/
const LOG_DEADLINE_AFTER_STOP_MS = 5e3;
const RED = "\x1B[1;31m";
const RESET = "\x1B[0m";
/**
* The log while steps run. `grouped` (default): a line when a step starts; when an
* attempt ends, its whole output as one group titled with a status mark, the name and the
* duration; a failure that fails the run is printed outside any group, under a header, so
* it is seen without a click. `stream`: every line as it comes, prefixed with the step id.
* Both: a progress line when nothing has ended for a while, a line for each skipped step.
*/
var LogRelay = class {
	options;
	observer;
	attempts = /* @__PURE__ */ new Map();
	/** tails[v]: the end of step v's last attempt's output. */
	tails = /* @__PURE__ */ new Map();
	running = /* @__PURE__ */ new Map();
	lastEnd;
	finished = 0;
	/** Stream mode: the attempt whose over-long line is open in the log, if any. */
	openLine;
	paused = /* @__PURE__ */ new Set();
	constructor(options) {
		this.options = options;
		this.lastEnd = options.now();
		options.log.onDrain(() => {
			for (const flow of this.paused) flow.resume();
			this.paused.clear();
		});
		this.observer = {
			attemptStarted: (event) => {
				this.attemptStarted(event);
			},
			attemptEnded: (event) => {
				this.attemptEnded(event);
			},
			stepFinished: (result) => {
				this.stepFinished(result);
			},
			serviceReady: (event) => {
				const after = formatDuration(event.at - event.startedAt);
				this.ownLine(event.step, `● ${oneLine(this.spec(event.step).name)} ready after ${after}`);
			},
			serviceStopping: (event) => {
				const name = oneLine(this.spec(event.step).name);
				this.ownLine(event.step, `■ ${name} stopping: ${event.reason}`);
			},
			pollRound: (now) => {
				this.maybeProgress(now);
			}
		};
	}
	/** After the run: everything relayed is out (spilled output replayed) before files go. */
	finish() {
		return this.options.log.flush();
	}
	/** A stop signal: the log gets a deadline; a second signal cuts it at once. */
	stopping(_signal, killing) {
		this.options.log.cutAfter(killing ? 0 : LOG_DEADLINE_AFTER_STOP_MS);
	}
	/** The last lines step v printed (its last attempt), for the summary and annotations. */
	lastLines(step, count) {
		return this.tails.get(step)?.lastLines(count) ?? [];
	}
	outputFor(placement, flow) {
		const spec = this.spec(placement.step);
		const onCommand = (command) => {
			if (command.name === "add-mask") {
				this.closeOpenLine();
				this.options.log.mask(command.data);
				return "drop";
			}
			if (command.name === "debug") return this.options.showDebug === false ? "drop" : "relay";
			this.options.annotations.add(spec, command);
			return "relay";
		};
		const commands = new StepCommands(onCommand);
		const buffer = this.options.mode === "grouped" ? new OutputBuffer(this.options.spillDirectory, `${fileStem(spec)}.${placement.attempt}`) : void 0;
		const attempt = {
			placement,
			filters: {
				stdout: new OutputFilter(commands.handle, () => commands.resumeName),
				stderr: new OutputFilter(commands.handle, () => commands.resumeName)
			},
			buffer,
			tail: buffer?.tail ?? new OutputTail(),
			relayed: 0,
			cut: 0,
			atLineStart: true,
			prefix: Buffer.from(`[${spec.id}] `)
		};
		this.attempts.set(key(placement), attempt);
		this.tails.set(placement.step, attempt.tail);
		let midLine;
		const take = (stream, filtered) => {
			const other = stream === "stdout" ? "stderr" : "stdout";
			if (filtered.chunks.length > 0 && midLine === other) {
				this.deliver(attempt, attempt.filters[other].breakLine(), flow);
				midLine = void 0;
			}
			this.deliver(attempt, filtered.chunks, flow);
			if (filtered.endsMidLine) midLine = stream;
			else if (midLine === stream) midLine = void 0;
		};
		let waitingStdout = [];
		const takeWaitingStdout = () => {
			const chunks = waitingStdout;
			waitingStdout = [];
			for (const chunk of chunks) take("stdout", attempt.filters.stdout.push(chunk));
		};
		return {
			write: (stream, chunk) => {
				if (this.options.mode === "stream" && stream === "stdout") {
					if (waitingStdout.push(chunk) === 1) setImmediate(takeWaitingStdout);
					return;
				}
				take(stream, attempt.filters[stream].push(chunk));
			},
			note: (message) => {
				takeWaitingStdout();
				take("stderr", {
					chunks: [Buffer.from(`stepgraph: ${oneLine(message)}\n`)],
					endsMidLine: false
				});
			},
			close: () => {
				takeWaitingStdout();
				take("stdout", {
					chunks: attempt.filters.stdout.end(),
					endsMidLine: false
				});
				take("stderr", {
					chunks: attempt.filters.stderr.end(),
					endsMidLine: false
				});
			}
		};
	}
	/** Grouped: into the attempt's buffer. Stream: to the log at once, each line prefixed. */
	deliver(attempt, chunks, flow) {
		for (const chunk of chunks) outputRelayed(chunk.length);
		const buffer = attempt.buffer;
		if (buffer) {
			if (!buffer.append(chunks) && !this.paused.has(flow)) {
				this.paused.add(flow);
				flow.pause();
				buffer.onDrain(() => {
					this.paused.delete(flow);
					flow.resume();
				});
			}
			return;
		}
		for (const chunk of chunks) attempt.tail.push(chunk);
		const log = this.options.log;
		if (this.openLine && this.openLine !== attempt) this.closeOpenLine();
		for (const chunk of chunks) {
			if (chunk.length === 0) continue;
			const room = STEP_LOG_CAP - attempt.relayed;
			const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
			attempt.cut += chunk.length - kept.length;
			if (kept.length === 0) continue;
			attempt.relayed += kept.length;
			log.output([prefixLines(kept, attempt.prefix, attempt)]);
		}
		this.openLine = attempt.atLineStart ? void 0 : attempt;
		if (!log.wantsMore && !this.paused.has(flow)) {
			this.paused.add(flow);
			flow.pause();
		}
	}
	/** Stream mode: ends the over-long line another attempt left open, before anything else. */
	closeOpenLine() {
		const open = this.openLine;
		if (!open) return;
		this.openLine = void 0;
		this.options.log.output([...open.filters.stdout.breakLine(), ...open.filters.stderr.breakLine()]);
		open.atLineStart = true;
	}
	attemptStarted(event) {
		this.running.set(key(event), {
			step: event.step,
			startedAt: event.at
		});
		const spec = this.spec(event.step);
		const attempt = event.attempt > 1 ? ` (attempt ${event.attempt} of ${spec.retries + 1})` : "";
		const where = event.slot === 0 ? "(service)" : `in slot ${event.slot}`;
		this.ownLine(event.step, `▶ ${oneLine(spec.name)}${attempt} started ${where}`);
	}
	attemptEnded(event) {
		const startedAt = this.running.get(key(event))?.startedAt ?? event.at;
		this.running.delete(key(event));
		this.lastEnd = event.at;
		const attempt = this.attempts.get(key(event));
		this.attempts.delete(key(event));
		attempt?.tail.compact(event.status === "success" ? 0 : 30);
		const spec = this.spec(event.step);
		const ended = describeAttempt({
			...event,
			startedAt,
			endedAt: event.at
		});
		const duration = event.status === "cancelled" ? "" : ` · ${formatDuration(event.at - startedAt)}`;
		const name = oneLine(spec.name);
		const mark = STATUS_MARK[event.status];
		const attemptText = event.retryAt !== void 0 || event.attempt > 1 ? ` (attempt ${event.attempt} of ${spec.retries + 1})` : "";
		const retrying = event.retryAt !== void 0 ? ` · retrying in ${formatDuration(event.retryAt - event.at)}` : "";
		const cut = (attempt?.buffer?.cut ?? 0) + (attempt?.cut ?? 0);
		const cutNote = cut > 0 ? `stepgraph: the output above was cut at 1 GiB; ${cut} more bytes were not shown` : "";
		if (!attempt?.buffer) {
			if (this.openLine === attempt) this.closeOpenLine();
			if (cutNote) this.ownLine(event.step, cutNote);
			const status = event.status === "success" ? `${mark} ${name}` : `${mark} ${name}: ${ended}`;
			this.ownLine(event.step, `${status}${attemptText}${duration}${retrying}`);
			return;
		}
		const log = this.options.log;
		if (event.retryAt === void 0 && countsAsFailed(event.status, spec)) {
			log.line(`${RED}${mark} ${name}: ${ended}${attemptText}${duration}${RESET}`);
			this.writeOutput(attempt.buffer);
			if (cutNote) log.line(cutNote);
			log.line(`${RED}── end of ${name} ──${RESET}`);
			return;
		}
		const title = event.status === "success" ? `${mark} ${name}${attemptText}${duration}` : `${mark} ${name}: ${ended}${attemptText}${duration}${retrying}`;
		log.startGroup(title);
		this.writeOutput(attempt.buffer);
		if (cutNote) log.line(cutNote);
		log.endGroup();
	}
	writeOutput(buffer) {
		if (buffer.size === 0) this.options.log.line("(no output)");
		else this.options.log.outputBuffer(buffer);
	}
	stepFinished(result) {
		this.finished++;
		if (result.reason === void 0) return;
		const spec = this.spec(result.step);
		this.ownLine(result.step, `${STATUS_MARK[result.status]} ${oneLine(spec.name)} ${result.status}: ${result.reason}`);
	}
	/** A progress line when nothing has ended for a while: what runs, for how long, what waits. */
	maybeProgress(now) {
		const every = this.options.progressEveryMs ?? 3e4;
		if (now - this.lastEnd < every || this.running.size === 0) return;
		this.lastEnd = now;
		const running = [...this.running.values()].map(({ step, startedAt }) => `${oneLine(this.spec(step).name)} (${formatDuration(now - startedAt)})`).join(", ");
		const total = this.options.graph.dag.size;
		const waiting = total - this.finished - this.running.size;
		const estimate = this.options.estimate;
		const left = estimate ? ` · ${remainingText(estimate.remaining(now))}` : "";
		this.options.log.line(`⏳ running: ${running} · waiting: ${waiting} · done: ${this.finished} of ${total}${left}`);
	}
	/** A line of stepgraph's own; in stream mode, prefixed like the step's lines. */
	ownLine(step, text) {
		if (this.options.mode === "stream") {
			if (this.openLine) this.closeOpenLine();
			this.options.log.line(`[${this.spec(step).id}] ${text}`);
		} else this.options.log.line(text);
	}
	spec(step) {
		return this.options.graph.steps[step];
	}
};
function key(placement) {
	return `${placement.step}/${placement.attempt}`;
}

// src/report/results.ts
/** The action's `status`: cancelled from outside, else failure when a step fails the run. */
function runStatus(graph, result) {
	if (result.cancelled) return "cancelled";
	return result.results.some((r) => failsTheRun(r.status, graph.steps[r.step])) ? "failure" : "success";
}
/**
* The steps that failed: ended `failure` or `timed-out`, without `continue-on-error`
* (`countsAsFailed`). The `failed` output, the action's failure message and the error
* annotations all name these, in declaration order.
*/
function failedIds(graph, result) {
	return result.results.filter((r) => countsAsFailed(r.status, graph.steps[r.step])).map((r) => graph.steps[r.step]?.id ?? "?");
}

// src/scheduler/results.ts
function lastAttempt(result) {
	return result.attempts[result.attempts.length - 1];
}
/** From the first attempt's start to the last attempt's end (backoff included). */
function stepDuration$1(result) {
	const first = result.attempts[0];
	const last = lastAttempt(result);
	return first && last ? last.endedAt - first.startedAt : null;
}

// src/report/run-record.ts
/**
* The version of the run record's format: a reader (a merge of shards' records) refuses
* versions it does not know. Raised when a field changes meaning or goes; a new field
* does not raise it (readers ignore fields they do not know).
*/
const RUN_RECORD_VERSION = 1;
const RUN_RECORD_FORMAT = "stepgraph-run-record";
function makeRunRecord(run, extras) {
	const { graph, result } = run;
	return {
		format: RUN_RECORD_FORMAT,
		version: 1,
		status: runStatus(graph, result),
		cancelled: result.cancelled,
		"started-at": new Date(result.startedAtWall).toISOString(),
		"duration-ms": whole(result.endedAt - result.startedAt),
		slots: extras.slots,
		failed: failedIds(graph, result),
		steps: result.results.map((stepResult) => {
			const spec = graph.steps[stepResult.step];
			const last = lastAttempt(stepResult);
			const first = stepResult.attempts[0];
			const duration = stepDuration$1(stepResult);
			const summary = run.summaries.text(stepResult.step);
			const because = stepResult.skippedBecauseOf;
			return {
				id: spec.id,
				name: spec.name,
				...spec.instanceOf !== void 0 && { "instance-of": spec.instanceOf },
				...spec.matrix !== void 0 && { matrix: spec.matrix },
				needs: spec.needs,
				"continue-on-error": spec.continueOnError,
				status: stepResult.status,
				reason: stepResult.reason ?? null,
				"skipped-because-of": because === void 0 ? null : graph.steps[because]?.id ?? null,
				"exit-code": last?.exit.exitCode ?? null,
				signal: last?.exit.signal ?? null,
				"started-at": first ? new Date(first.startedAtWall).toISOString() : null,
				"duration-ms": duration === null ? null : whole(duration),
				"queue-wait-ms": first && stepResult.readyAt !== null ? whole(first.startedAt - stepResult.readyAt) : null,
				"ready-ms": stepResult.readyAt === null ? null : whole(stepResult.readyAt - result.startedAt),
				attempts: stepResult.attempts.map((attempt) => ({
					attempt: attempt.attempt,
					slot: attempt.slot,
					status: attempt.status,
					"exit-code": attempt.exit.exitCode,
					signal: attempt.exit.signal,
					error: attempt.exit.error ?? null,
					"start-ms": whole(attempt.startedAt - result.startedAt),
					"duration-ms": whole(attempt.endedAt - attempt.startedAt)
				})),
				...spec.service !== void 0 && { "service-ready-ms": first && stepResult.serviceReadyAt != null ? whole(stepResult.serviceReadyAt - first.startedAt) : null },
				outputs: Object.fromEntries(run.files[stepResult.step]?.outputs.entries ?? []),
				"last-lines": stepResult.status === "success" || stepResult.attempts.length === 0 ? [] : [...extras.lastLines(stepResult.step, 30)],
				summary: summary === "" ? null : summary
			};
		}),
		annotations: extras.annotations.map(annotationRecord),
		"annotations-left-out": extras.annotationsLeftOut,
		...extras.shard && { shard: extras.shard }
	};
}
/** An annotation as the record holds it: every property present, null when not set. */
function annotationRecord(annotation) {
	return {
		step: annotation.step ?? null,
		level: annotation.level,
		title: annotation.title ?? null,
		message: annotation.message,
		file: annotation.file ?? null,
		line: annotation.line ?? null,
		"end-line": annotation.endLine ?? null,
		col: annotation.col ?? null,
		"end-column": annotation.endColumn ?? null
	};
}
/** Whole milliseconds, never negative (clocks are monotonic, rounding is not). */
function whole(ms) {
	return Math.max(0, Math.round(ms));
}
/** The record as the results file holds it: one JSON object and a line break. */
function runRecordJson(record) {
	return `${JSON.stringify(record)}\n`;
}

// src/report/summary/annotations-left-out.ts
/** The annotations that did not fit the runner's allowance: the first `limit`, then a count. */
function annotationsLeftOutSection(model, limit) {
	const { listed, unlisted } = model.annotationsLeftOut;
	if (listed.length === 0 && unlisted === 0) return null;
	const lines = ["### Annotations that did not fit the runner’s limit", ""];
	for (const annotation of listed.slice(0, limit)) {
		const where = annotation.file ? ` (${markdownText(annotation.file)}${annotation.line ? `:${markdownText(annotation.line)}` : ""})` : "";
		const message = markdownText(annotation.message);
		lines.push(`- **${annotation.level}**${where} ${markdownText(annotation.title ?? "")}: ` + (message.length > 500 ? `${message.slice(0, 500)}…` : message));
	}
	const more = Math.max(0, listed.length - limit) + unlisted;
	if (more > 0) lines.push(`- _and ${count(more, "more annotation")}_`);
	return lines.join("\n");
}

// src/report/run-critical-path.ts
/**
* How far apart two moments may be and still count as one: the scheduler starts a ready
* step in the poll round that released it, so a need's end and the start it allows are
* the same reading of the clock, but a run record rounds each to whole milliseconds.
*/
const SAME_MOMENT_MS = 5;
/**
* The chain of events that set the run's wall time, from the start to the end: from the
* attempt that ended last (one that a stop did not end, if any did: a cancelled step's end
* is when the stop came), back to the start, each link is what held back the start of
* the one after it:
* - a retry is held by the attempt before it;
* - a step whose ready moment came while every slot was busy is held by the attempt that
*   left the slot it took (a wait for a slot: more slots would have helped there);
* - otherwise by the need released last: the need's last attempt, or, for a need that
*   never ran (skipped because a step before it failed), that need itself, at the moment
*   it was released, and on through what released it;
* - a step without needs, ready with the run, in a free slot, starts the chain.
* Not the longest chain of `needs`: a step that waited for a slot is on the path through
* that slot's previous occupant. Empty when nothing ran.
*/
function runCriticalPath(steps) {
	const placed = steps.flatMap((step, index) => step.attempts.map((attempt, i) => ({
		step: index,
		attempt: i + 1,
		...attempt
	})));
	const last = lastEnded(steps, placed);
	if (!last) return [];
	const bySlot = /* @__PURE__ */ new Map();
	for (const attempt of placed) {
		const list = bySlot.get(attempt.slot) ?? [];
		list.push(attempt);
		bySlot.set(attempt.slot, list);
	}
	const chain = [];
	const seen = /* @__PURE__ */ new Set();
	let current = last;
	while (current && !seen.has(`${current.step}/${current.attempt}`)) {
		seen.add(`${current.step}/${current.attempt}`);
		const link = linkOf(steps, bySlot, current.step, current.attempt);
		if (!link) break;
		chain.push(link);
		current = previousLink(steps, link);
	}
	return chain.reverse();
}
/** The attempt that ended last, preferring one that a stop did not end. */
function lastEnded(steps, placed) {
	const cancelled = (p) => steps[p.step]?.attempts[p.attempt - 1]?.cancelled ?? false;
	const work = placed.some((p) => !isService(steps[p.step])) ? placed.filter((p) => !isService(steps[p.step])) : placed;
	return (work.some((p) => !cancelled(p)) ? work.filter((p) => !cancelled(p)) : work).reduce((latest, p) => latest === void 0 || p.endedAt > latest.endedAt ? p : latest, void 0);
}
function linkOf(steps, bySlot, step, attempt) {
	const spec = steps[step];
	if (!spec) return void 0;
	if (attempt === 0) {
		const at = spec.readyAt ?? 0;
		return {
			step,
			attempt,
			startedAt: at,
			endedAt: at,
			heldBy: releasedBy(steps, step)
		};
	}
	const own = spec.attempts[attempt - 1];
	if (!own) return void 0;
	const base = {
		step,
		attempt,
		startedAt: own.startedAt,
		endedAt: releasedAt(spec) ?? own.endedAt
	};
	if (attempt > 1) return {
		...base,
		heldBy: { kind: "retry" }
	};
	if (isService(spec)) return {
		...base,
		heldBy: releasedBy(steps, step)
	};
	const readyAt = spec.readyAt ?? 0;
	const occupant = previousOccupant(bySlot.get(own.slot) ?? [], step, own.startedAt);
	if (occupant && own.startedAt - readyAt > SAME_MOMENT_MS && occupant.endedAt > readyAt + SAME_MOMENT_MS) return {
		...base,
		heldBy: {
			kind: "slot",
			step: occupant.step,
			attempt: occupant.attempt,
			waitedMs: own.startedAt - readyAt
		}
	};
	return {
		...base,
		heldBy: releasedBy(steps, step)
	};
}
/** The attempt that left `slot` last before `startedAt` (attempts in a slot never overlap). */
function previousOccupant(inSlot, step, startedAt) {
	let found;
	for (const p of inSlot) {
		if (p.step === step) continue;
		if (p.endedAt > startedAt + SAME_MOMENT_MS) continue;
		if (!found || p.endedAt > found.endedAt || p.endedAt === found.endedAt && p.startedAt > found.startedAt) found = p;
	}
	return found;
}
/** The need released last, or the start of the run for a step without needs. */
function releasedBy(steps, step) {
	let latest;
	let latestAt = -1e400;
	for (const need of steps[step]?.needs ?? []) {
		const at = releasedAt(steps[need]);
		if (at !== void 0 && at > latestAt) {
			latest = need;
			latestAt = at;
		}
	}
	return latest === void 0 ? { kind: "start" } : {
		kind: "need",
		step: latest
	};
}
/**
* When a step let the steps that need it go: a service when it was ready, any other step
* at its last end, or, one that never ran, when it was decided.
*/
function releasedAt(step) {
	if (!step) return void 0;
	if (step.serviceReadyAt != null) return step.serviceReadyAt;
	const last = step.attempts[step.attempts.length - 1];
	return last ? last.endedAt : step.readyAt ?? void 0;
}
/** The link before `link` on the chain, or undefined at the start. */
function previousLink(steps, link) {
	const held = link.heldBy;
	switch (held.kind) {
		case "start": return;
		case "retry": return {
			step: link.step,
			attempt: link.attempt - 1
		};
		case "slot": return {
			step: held.step,
			attempt: held.attempt
		};
		case "need": return {
			step: held.step,
			attempt: steps[held.step]?.attempts.length ?? 0
		};
	}
}
function isService(step) {
	return step?.serviceReadyAt !== void 0;
}

// src/report/summary/model.ts
/**
* The model of one run, from its run record alone (what the `results-file` holds).
* `annotationsLeftOut` comes from the caller: which annotations fit the runner's allowance
* is decided when they are emitted, for one run or for the merge as a whole.
*/
function summaryModelOf(record, annotationsLeftOut = {
	listed: [],
	unlisted: 0
}, place) {
	const offset = place?.offsetMs ?? 0;
	return {
		wallMs: offset + record["duration-ms"],
		slots: record.slots,
		cancelled: record.cancelled,
		steps: record.steps.map((step) => stepOf(step, offset, place?.shard)),
		annotationsLeftOut
	};
}
function stepOf(step, offset, shard) {
	return {
		id: step.id,
		name: step.name,
		needs: step.needs,
		...step["instance-of"] !== void 0 && { instanceOf: step["instance-of"] },
		continueOnError: step["continue-on-error"],
		status: step.status,
		...step.reason !== null && { reason: step.reason },
		...step["skipped-because-of"] !== null && { skippedBecauseOf: step["skipped-because-of"] },
		readyAt: step["ready-ms"] === null ? null : offset + step["ready-ms"],
		attempts: step.attempts.map((attempt) => ({
			attempt: attempt.attempt,
			slot: attempt.slot,
			status: attempt.status,
			exit: {
				exitCode: attempt["exit-code"],
				signal: attempt.signal,
				...attempt.error !== null && { error: attempt.error }
			},
			startedAt: offset + attempt["start-ms"],
			endedAt: offset + attempt["start-ms"] + attempt["duration-ms"]
		})),
		...step["service-ready-ms"] !== void 0 && { serviceReadyAt: serviceReadyAt(step, offset) },
		lastLines: step["last-lines"],
		ownSummary: step.summary ?? "",
		...shard !== void 0 && { shard }
	};
}
/** A service's ready moment on the model's clock, from its first start and `service-ready-ms`. */
function serviceReadyAt(step, offset) {
	const first = step.attempts[0];
	const readyMs = step["service-ready-ms"];
	return first === void 0 || readyMs == null ? null : offset + first["start-ms"] + readyMs;
}
/**
* The model of a merge: each shard's model (made with its ShardPlace) joined into one.
* The wall time ends with the last shard; slots add up; a step that ran in several shards
* (a setup step each of them needed) appears once per shard.
*/
function joinShards(shards, annotationsLeftOut) {
	return {
		wallMs: Math.max(0, ...shards.map((shard) => shard.wallMs)),
		slots: shards.reduce((total, shard) => total + shard.slots, 0),
		cancelled: shards.some((shard) => shard.cancelled),
		steps: shards.flatMap((shard) => shard.steps),
		annotationsLeftOut
	};
}
/** Where a step's attempt ran: its slot, and in a merge its shard's too. */
function slotName(step, slot) {
	return step.shard === void 0 ? `Slot ${slot}` : `Shard ${step.shard} slot ${slot}`;
}
/** From the first attempt's start to the last one's end; null when it never ran. */
function stepDuration(step) {
	const first = step.attempts[0];
	const last = step.attempts[step.attempts.length - 1];
	return first && last ? last.endedAt - first.startedAt : null;
}

// src/report/summary/critical-path.ts
/** The key of an attempt in RunPath.attempts. */
function attemptKey(step, attempt) {
	return `${step}/${attempt}`;
}
/**
* The chain of events that set the wall time (runCriticalPath), from the model: a step's
* needs are the steps of the same shard with that id, or instances of it.
*/
function runPathOf(model) {
	const byName = stepsByName(model.steps);
	const links = runCriticalPath(model.steps.map((step) => pathStep(byName, step)));
	const slotWaits = /* @__PURE__ */ new Map();
	for (const link of links) if (link.heldBy.kind === "slot") slotWaits.set(link.step, link.heldBy.waitedMs);
	return {
		links,
		steps: new Set(links.map((link) => link.step)),
		attempts: new Set(links.map((link) => attemptKey(link.step, link.attempt))),
		slotWaits
	};
}
/** A name `needs` may give, within a shard: a step's id, or a matrix step's for its instances. */
function nameKey(shard, id) {
	return `${shard ?? 0}\u0000${id}`;
}
function stepsByName(steps) {
	const byName = /* @__PURE__ */ new Map();
	const add = (key, index) => {
		byName.set(key, [...byName.get(key) ?? [], index]);
	};
	steps.forEach((step, index) => {
		add(nameKey(step.shard, step.id), index);
		if (step.instanceOf !== void 0) add(nameKey(step.shard, step.instanceOf), index);
	});
	return byName;
}
function pathStep(byName, step) {
	return {
		needs: step.needs.flatMap((need) => byName.get(nameKey(step.shard, need)) ?? []),
		readyAt: step.readyAt,
		attempts: step.attempts.map((attempt) => ({
			slot: slotNumber(step, attempt.slot),
			startedAt: attempt.startedAt,
			endedAt: attempt.endedAt,
			cancelled: attempt.status === "cancelled"
		})),
		...step.serviceReadyAt !== void 0 && { serviceReadyAt: step.serviceReadyAt }
	};
}
/** Slots of different shards are different slots: numbered apart for the path. */
function slotNumber(step, slot) {
	return (step.shard ?? 0) * 1e6 + slot;
}
/**
* The critical path in words, from the start: each link after the first says what let
* it start — the need that ended (→), a retry, or the slot it waited for (⇢, with the
* wait), since those are where more slots would have helped.
*/
function criticalPathSection(model, path) {
	if (path.links.length === 0) return null;
	const words = path.links.map((link, i) => {
		const step = model.steps[link.step];
		const id = code(step.id);
		if (link.attempt === 0) return `${i === 0 ? "" : "→ "}${id} (skipped)`;
		const retry = link.attempt > 1 ? ` attempt ${link.attempt}` : "";
		const held = link.heldBy;
		switch (held.kind) {
			case "start": return `${id}${retry}`;
			case "need": return `→ ${id}${retry}`;
			case "retry": return `→ ${id}${retry} (a retry)`;
			case "slot": return `⇢ ${id}${retry} (**waited ${formatDuration(held.waitedMs)}** for ${slotName(step, step.attempts[link.attempt - 1]?.slot ?? 0).toLowerCase()})`;
		}
	});
	const waits = [...path.slotWaits.values()];
	const lines = [`**Critical path**: what set the ${formatDuration(model.wallMs)} of wall-clock time, from the start: ${words.join(" ")}`];
	if (waits.length > 0) {
		const total = waits.reduce((sum, wait) => sum + wait, 0);
		lines.push("", `${count(waits.length, "wait")} for a slot on it (${formatDuration(total)} in all, ⇢): more slots could have shortened the run there.`);
	}
	return lines.join("\n");
}

// src/report/summary/step-label.ts
/** "Build (`build`)": the name escaped, the id when it differs. */
function stepLabel(step) {
	return step.name === step.id ? code(step.id) : `${markdownText(step.name)} (${code(step.id)})`;
}

// src/report/summary/failures.ts
/** The fullest rendering shows this many of a failure's last lines; shorter ones fewer. */
const FAILURE_TAIL_LINES = [
	30,
	10,
	0
];
const TAIL_LINE_CHARS = 1e3;
/**
* Failures first: each failed or timed-out step with how it ended, the steps skipped
* because of it and its last `tailLines` lines, open (no click to see why a run failed);
* then the cancelled steps, those that ran (and for how long) apart from those that never
* started. Null when nothing failed or was cancelled.
*/
function failuresSection(model, tailLines) {
	const failed = model.steps.filter((s) => s.status === "failure" || s.status === "timed-out");
	const cancelled = model.steps.filter((s) => s.status === "cancelled");
	if (failed.length === 0 && cancelled.length === 0) return null;
	const parts = failed.length > 0 ? ["### Failures"] : [];
	for (const step of failed) parts.push(failure(model, step, tailLines));
	const stopped = cancelled.filter((s) => !neverStarted(s));
	if (stopped.length > 0) {
		const each = stopped.map((s) => {
			const last = s.attempts[s.attempts.length - 1];
			return `${code(s.id)} ${last ? markdownText(ranFor(last)) : ""}`.trim();
		});
		parts.push(`**Cancelled while running:** ${each.join(", ")}`);
	}
	const notStarted = /* @__PURE__ */ new Map();
	for (const step of cancelled.filter(neverStarted)) {
		const why = whyNotStarted(step) ?? "";
		notStarted.set(why, [...notStarted.get(why) ?? [], code(step.id)]);
	}
	for (const [why, ids] of notStarted) parts.push(`**Not started:** ${ids.join(", ")}${why ? ` (${markdownText(why)})` : ""}`);
	return parts.join("\n\n");
}
function failure(model, step, tailLines) {
	const duration = stepDuration(step);
	const lines = [`#### ${STATUS_MARK[step.status]} ${stepLabel(step)}: ${markdownText(describeStep(step))}` + (duration !== null ? ` after ${formatDuration(duration)}` : "") + (step.attempts.length > 1 ? `, ${count(step.attempts.length, "attempt")}` : "") + (step.continueOnError ? " (continue-on-error)" : "")];
	const victims = model.steps.filter((other) => other.skippedBecauseOf === step.id && other.shard === step.shard);
	if (victims.length > 0) lines.push("", `Skipped because of it: ${victims.map((v) => code(v.id)).join(", ")}`);
	if (tailLines > 0) {
		const tail = readableTail(step.lastLines, "as-text").slice(-tailLines).map((line) => truncate(line, TAIL_LINE_CHARS));
		if (tail.length > 0) lines.push("", `Last ${count(tail.length, "line")} of output:`, "", `<pre>${tail.map((line) => preText(line)).join("\n")}</pre>`);
	}
	return lines.join("\n");
}
function truncate(text, limit) {
	return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

// src/report/summary/headline.ts
const ORDER = [
	"failure",
	"timed-out",
	"cancelled",
	"success",
	"skipped"
];
const WORDS = {
	failure: "failed",
	"timed-out": "timed out",
	cancelled: "cancelled",
	success: "succeeded",
	skipped: "skipped"
};
/**
* How many steps ended how; the wall-clock time against the sum of the steps' times (the
* speed-up, unless steps were cancelled: their times are partial, and so would it be).
*/
function headlineSection(model) {
	const counts = /* @__PURE__ */ new Map();
	for (const step of model.steps) counts.set(step.status, (counts.get(step.status) ?? 0) + 1);
	const notStarted = model.steps.filter(neverStarted).length;
	const parts = ORDER.filter((status) => (counts.get(status) ?? 0) > 0).map((status) => `${STATUS_MARK[status]} ${counts.get(status) ?? 0} ${WORDS[status]}` + (status === "cancelled" && notStarted > 0 ? ` (${notStarted} never started)` : ""));
	const wall = model.wallMs;
	const work = model.steps.reduce((total, step) => total + stepTime(step), 0);
	const partial = partialBecause({
		cancelled: model.cancelled,
		results: model.steps
	});
	const speedup = wall > 0 && partial === void 0 ? work / wall : 0;
	const lines = [
		`## stepgraph: ${parts.join(" · ")}`,
		"",
		`**${formatDuration(wall)}** of wall-clock time for **${formatDuration(work)}** of step time` + (speedup >= 1.05 ? `: **${speedup.toFixed(1)}× faster** than one after another` : "") + `, with ${count(model.slots, "slot")} (at most ${peakConcurrency(model)} running at once).`
	];
	if (model.cancelled) lines.push("", "**The run was cancelled**: unfinished steps are marked cancelled, and the times above are partial.");
	else if (partial !== void 0) lines.push("", `**Steps were cancelled** (${partial}): the times above are partial.`);
	return lines.join("\n");
}
/**
* The most attempts running at one moment in the slots (an end and a start at the same
* moment: not both); services hold no slot and are not counted.
*/
function peakConcurrency(model) {
	const events = model.steps.filter((step) => step.serviceReadyAt === void 0).flatMap((step) => step.attempts).flatMap((a) => [{
		at: a.startedAt,
		delta: 1
	}, {
		at: a.endedAt,
		delta: -1
	}]).sort((a, b) => a.at - b.at || a.delta - b.delta);
	let running = 0;
	let peak = 0;
	for (const { delta } of events) {
		running += delta;
		peak = Math.max(peak, running);
	}
	return peak;
}

// src/report/summary/step-summaries.ts
/**
* Each step's own GITHUB_STEP_SUMMARY under its name: Markdown, as the step meant it
* (a table stays a table), with escape codes removed, each cut to `limit` characters.
* Last in the summary, so that an unclosed tag in one can only affect what follows it,
* never stepgraph's own sections.
*/
function stepSummariesSection(model, limit) {
	const parts = [];
	for (const step of model.steps) {
		const text = stripAnsi(step.ownSummary).trim();
		if (text === "") continue;
		const shown = text.length > limit ? `${text.slice(0, limit)}\n\n_… cut: ${count(text.length - limit, "more character")}._` : text;
		parts.push(`### From ${stepLabel(step)}\n\n${shown}`);
	}
	return parts.length > 0 ? parts.join("\n\n") : null;
}

// src/report/summary/table.ts
/**
* A no-break space: a cell's status ("✓ success") or time ("+1m 05s") is one unit, and a
* table wider than the page breaks its cells at spaces (GitHub fits a table to the
* page); the step's name and its needs wrap instead.
*/
const NBSP = "\xA0";
function unbroken(text) {
	return text.replace(/ /g, NBSP);
}
function time(ms) {
	return unbroken(formatDuration(ms));
}
/**
* Every step (or, shortened, every step that did not succeed): status, name, needs, start,
* duration, queue wait, slot, attempts; in a merge, the shard too. The steps on the
* critical path are marked ◆, and a wait for a slot on it ⇢.
*/
function tableSection(model, path, onlyUnsuccessful) {
	const sharded = model.steps.some((step) => step.shard !== void 0);
	const rows = model.steps.map((step, index) => ({
		step,
		index
	})).filter(({ step }) => !onlyUnsuccessful || step.status !== "success");
	const head = [
		"Status",
		"Step",
		"Needs",
		...sharded ? ["Shard"] : [],
		"Start",
		"Duration"
	];
	const tail = [
		"Queue wait",
		"Slot",
		"Attempts"
	];
	const lines = [
		"### Steps",
		"",
		`| ${[...head, ...tail].join(" | ")} |`,
		`| :-- | :-- | :-- | ${[
			...sharded ? ["--:"] : [],
			"--:",
			"--:",
			"--:",
			"--:",
			"--:"
		].join(" | ")} |`
	];
	for (const { step, index } of rows) lines.push(row(model, path, step, index, sharded));
	const notes = [];
	if (onlyUnsuccessful && rows.length < model.steps.length) notes.push(`${count(model.steps.length - rows.length, "successful step")} not listed.`);
	if (path.steps.size > 0) notes.push("◆ on the critical path" + (path.slotWaits.size > 0 ? "; ⇢ a wait for a slot on it (more slots could have helped)" : "") + ".");
	if (notes.length > 0) lines.push("", `_${notes.join(" ")}_`);
	return lines.join("\n");
}
function row(model, path, step, index, sharded) {
	const first = step.attempts[0];
	const duration = stepDuration(step);
	const slots = [...new Set(step.attempts.map((a) => a.slot))].join(", ");
	const wait = first && step.readyAt !== null ? Math.max(0, first.startedAt - step.readyAt) : null;
	const slotWait = path.slotWaits.get(index);
	const waitCell = slotWait !== void 0 ? `**⇢${NBSP}${time(slotWait)}**` : wait !== null ? time(wait) : "—";
	const status = step.status === "cancelled" && !first ? "not started" : unbroken(step.status.replace("-", " "));
	return `| ${[
		`${STATUS_MARK[step.status]}${NBSP}${unbroken(status)}`,
		`${path.steps.has(index) ? `◆${NBSP}` : ""}${stepLabel(step)}`,
		step.needs.map(code).join(", ") || "—",
		...sharded ? [step.shard === void 0 ? "—" : String(step.shard)] : [],
		first ? `+${time(first.startedAt)}` : "—",
		duration !== null ? time(duration) : "—",
		waitCell,
		slots || "—",
		String(step.attempts.length)
	].join(" | ")} |`;
}

// src/report/summary/timeline.ts
/** Mermaid refuses diagrams over 50,000 characters by default; a chart of more bars says little. */
const MAX_GANTT_BARS = 200;
/** A tick every 1, 2, 5... units: at most this many, so that each label reads at a glance. */
const MAX_TICKS = 8;
const STEPS_MS = [
	100,
	200,
	250,
	500
];
const STEPS_OF_UNITS = [
	1,
	2,
	5,
	10,
	15,
	20,
	30,
	60,
	120,
	300,
	600
];
function ganttAxis(wallMs) {
	const wall = Math.max(1, wallMs);
	if (wall < 4e3) return {
		msPerUnit: 1,
		tickInterval: `${STEPS_MS.find((ms) => wall / ms <= MAX_TICKS) ?? 500}millisecond`,
		axisFormat: "%Qms"
	};
	const [msPerUnit, suffix] = wall <= 3e5 ? [1, "s"] : wall <= 18e6 ? [60, "min"] : [3600, "h"];
	const units = wall / msPerUnit / 1e3;
	return {
		msPerUnit,
		tickInterval: `${STEPS_OF_UNITS.find((n) => units / n <= MAX_TICKS) ?? 600}second`,
		axisFormat: `%s${suffix}`
	};
}
/**
* A section's name: the slot, and in a merge the shard on a line above it (Mermaid gives
* the names a fixed margin, which one line of "Shard 2 slot 1" overruns).
*/
function sectionName(step, slot) {
	const name = step.serviceReadyAt !== void 0 ? "Services" : `Slot ${slot}`;
	return step.shard === void 0 ? name : `Shard ${step.shard}<br>${name.toLowerCase()}`;
}
/**
* A Mermaid gantt: a section per slot (per shard and slot in a merge), a bar per attempt;
* failures red (`crit`), the critical path highlighted (`active`), and, when the path
* waited for a slot, each such wait as a bar of its own, where more slots would have helped.
*/
function timelineSection(model, path) {
	const bars = model.steps.flatMap((step, index) => step.attempts.map((attempt) => ({
		step,
		index,
		attempt
	})));
	if (bars.length === 0) return null;
	if (bars.length + path.slotWaits.size > 200) return `### Timeline\n\n_${count(bars.length, "attempt")}: too many to draw._`;
	const axis = ganttAxis(model.wallMs);
	const at = (ms) => Math.round(ms / axis.msPerUnit);
	const bySlot = /* @__PURE__ */ new Map();
	for (const bar of bars) {
		const name = sectionName(bar.step, bar.attempt.slot);
		bySlot.set(name, [...bySlot.get(name) ?? [], bar]);
	}
	const lines = [
		"### Timeline",
		"",
		"```mermaid",
		"gantt",
		"  dateFormat x",
		`  axisFormat ${axis.axisFormat}`,
		`  tickInterval ${axis.tickInterval}`,
		"  todayMarker off"
	];
	const order = (a) => [a.step.shard ?? 0, a.attempt.slot];
	const sections = [...bySlot.entries()].sort(([, a], [, b]) => {
		const [shardA, slotA] = order(a[0]);
		const [shardB, slotB] = order(b[0]);
		return shardA - shardB || slotA - slotB;
	});
	for (const [name, inSlot] of sections) {
		lines.push(`  section ${name}`);
		for (const { step, index, attempt } of inSlot.sort((a, b) => a.attempt.startedAt - b.attempt.startedAt)) {
			const tag = attempt.status === "failure" || attempt.status === "timed-out" ? "crit" : path.attempts.has(attemptKey(index, attempt.attempt)) ? "active" : "done";
			let start = at(attempt.startedAt);
			const end = Math.max(start + 1, at(attempt.endedAt));
			if (step.serviceReadyAt != null) {
				const ready = Math.min(end - 1, Math.max(start, at(step.serviceReadyAt)));
				if (ready > start) lines.push(`  ◔ ${mermaidText(step.id)} starting :done, ${start}, ${ready}`);
				start = ready;
			}
			const retry = attempt.attempt > 1 ? ` #${attempt.attempt}` : "";
			lines.push(`  ${STATUS_MARK[attempt.status]} ${mermaidText(step.id)}${retry} :${tag}, ${start}, ${end}`);
		}
	}
	const waits = path.links.filter((link) => link.heldBy.kind === "slot");
	if (waits.length > 0) {
		lines.push("  section Slot waits");
		for (const link of waits) {
			const step = model.steps[link.step];
			const start = at(step.readyAt ?? 0);
			const end = Math.max(start + 1, at(link.startedAt));
			lines.push(`  ⇢ ${mermaidText(step.id)} waits :${start}, ${end}`);
		}
	}
	lines.push("```", "", "_Red: failed or timed out. Highlighted: the critical path" + (waits.length > 0 ? "; its waits for a slot are drawn apart" : "") + "._");
	return lines.join("\n");
}

// src/report/summary.ts
/**
* GitHub drops a job summary over 1 MiB entirely: stay under it with room to spare for
* the note that says what was cut.
*/
const SUMMARY_BUDGET = 0xff000;
const STEP_SUMMARY_CHARS = 2e4;
/**
* The job summary, in order: a headline; failures first, each with its last lines and the
* steps skipped because of it; the critical path; the table of all steps; a Mermaid gantt
* timeline, one section per slot; any extra sections (the comparison with recorded runs,
* `summary-timings.ts`); annotations that did not fit; each
* step's own summary. Each section is a module of ./summary/ drawn from the model alone
* (one run's record, or a merge of shards' records). Text from steps is escaped
* everywhere. When the whole would pass GitHub's 1 MiB limit, the least important parts
* are shortened or left out first, and a note says so.
*/
function buildSummary(model, options = {}) {
	const path = runPathOf(model);
	return withinBudget([
		{
			name: "headline",
			priority: 100,
			renderings: [() => headlineSection(model)]
		},
		{
			name: "the last lines of failed steps",
			priority: 90,
			renderings: FAILURE_TAIL_LINES.map((lines) => () => failuresSection(model, lines))
		},
		{
			name: "the critical path",
			priority: 80,
			renderings: [() => criticalPathSection(model, path)]
		},
		{
			name: "rows of the table",
			priority: 70,
			renderings: [
				() => tableSection(model, path, false),
				() => tableSection(model, path, true),
				() => null
			]
		},
		{
			name: "the timeline",
			priority: 60,
			renderings: [() => timelineSection(model, path), () => null]
		},
		...options.extraSections ?? [],
		{
			name: "annotations that did not fit",
			priority: 50,
			renderings: [
				() => annotationsLeftOutSection(model, 1e400),
				() => annotationsLeftOutSection(model, 20),
				() => null
			]
		},
		{
			name: "the steps’ own summaries",
			priority: 40,
			renderings: [
				() => stepSummariesSection(model, 1e400),
				() => stepSummariesSection(model, STEP_SUMMARY_CHARS),
				() => null
			]
		}
	], options.debugLines ?? []);
}
/** The sections joined, the least important shortened first until the whole fits. */
function withinBudget(sections, debugLines) {
	const level = sections.map(() => 0);
	const render = (i) => sections[i]?.renderings[level[i] ?? 0]?.() ?? "";
	const texts = sections.map((_, i) => render(i));
	const size = () => texts.reduce((total, text) => total + Buffer.byteLength(text, "utf8"), 0);
	const shortened = [];
	while (size() > SUMMARY_BUDGET) {
		const next = sections.map((section, i) => ({
			section,
			i
		})).filter(({ section, i }) => (level[i] ?? 0) < section.renderings.length - 1).sort((a, b) => a.section.priority - b.section.priority)[0];
		if (!next) break;
		level[next.i] = (level[next.i] ?? 0) + 1;
		texts[next.i] = render(next.i);
		if (!shortened.includes(next.section.name)) shortened.push(next.section.name);
	}
	const parts = texts.filter((text) => text !== "");
	const debug = debugLines.filter((line) => line !== "");
	if (debug.length > 0) parts.push(debug.join("\n"));
	if (shortened.length > 0) parts.push(`_This summary was shortened to fit GitHub's 1 MiB limit: ${shortened.join(", ")} were cut or left out. The full output of every step is in the log._`);
	return `${parts.join("\n\n")}\n`;
}

// src/timings/timings-file.ts
/**
* The timings file: how long each step took in the last few runs, kept between runs (with
* actions/cache on a runner, in the working directory locally) so that the next run can
* order ready steps by expected time and estimate when it will end.
*
* ```json
* { "version": 1, "steps": { "build": { "durations-ms": [61200, 59800, 60400] } } }
* ```
*
* Newest last, at most HISTORY runs per step, successful attempts only (a failure ends at
* an arbitrary moment). A step's expected duration is the median of its history: one slow
* run among five moves nothing.
*/
const TIMINGS_VERSION = 1;
/**
* The largest timings file read: about 100 bytes per step, so 32 MiB is far beyond any
* graph (8 MiB of YAML at most); a larger file is not one stepgraph wrote.
*/
const MAX_TIMINGS_BYTES = 33554432;
const NO_TIMINGS = { steps: /* @__PURE__ */ new Map() };
/**
* The timings in `file`. A missing, unreadable, corrupt or future-version file is never an
* error: the run goes on without timings, and `warning` says why (nothing for a missing
* file: the first run has none).
*/
function readTimings(file) {
	let text;
	try {
		const { bytes } = readFilePrefix(file, 33554433);
		if (bytes.length > 33554432) return ignored(file, "it is larger than 32 MiB");
		text = bytes.toString("utf8");
	} catch (error) {
		if (error.code === "ENOENT") return { timings: NO_TIMINGS };
		if (error instanceof NotAFileError) return ignored(file, `it ${error.message}`);
		return ignored(file, error.message);
	}
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		return ignored(file, "it is not JSON");
	}
	if (!isObject$1(parsed) || parsed.version !== 1 || !isObject$1(parsed.steps)) return ignored(file, `it is not a version ${1} timings file`);
	const steps = /* @__PURE__ */ new Map();
	for (const [id, entry] of Object.entries(parsed.steps)) {
		const durations = isObject$1(entry) ? entry["durations-ms"] : void 0;
		if (!Array.isArray(durations)) continue;
		const valid = durations.filter((value) => typeof value === "number" && Number.isFinite(value) && value >= 0);
		if (valid.length > 0) steps.set(id, valid.slice(-5));
	}
	return { timings: { steps } };
}
/**
* The timings after a run: each step that succeeded adds its duration to its history;
* steps of the graph that did not run (skipped, failed, not among the targets) keep
* theirs. Entries of ids the graph no longer has (a step removed, or renamed: its new id
* starts a history of its own) are dropped, so the file never grows beyond the graph.
*/
function updatedTimings(previous, graphIds, measured) {
	const steps = /* @__PURE__ */ new Map();
	for (const id of graphIds) {
		const history = previous.steps.get(id) ?? [];
		const duration = measured.get(id);
		const next = duration === void 0 ? history : [...history, Math.round(duration)];
		if (next.length > 0) steps.set(id, next.slice(-5));
	}
	return { steps };
}
/**
* stepgraph's own directory (the CLI's default place for timings, beside the graph file).
* When a write creates it, it gets a `.gitignore` of `*`, as pytest does for its cache, so
* that a run in a checkout never leaves files for `git add .` to pick up; a directory of
* that name the user made keeps whatever it has.
*/
const STATE_DIRECTORY = ".stepgraph";
const STATE_GITIGNORE = "# Created by stepgraph: its timings, kept between runs on this machine.\n*\n";
/**
* Writes the timings, creating the file's directory (a cache that missed restores
* nothing; `STATE_DIRECTORY` gets its `.gitignore`). The text goes to a temporary file renamed into place, so that a run killed
* meanwhile, or a disk that fills, never leaves half a file: the previous one stays until
* the new one is whole, and the temporary file is removed when it could not be. Returns
* why it could not be written, rather than throwing.
*/
function writeTimings(file, timings) {
	const directory = path.dirname(file);
	const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.tmp`);
	try {
		if (mkdirSync(directory, { recursive: true }) !== void 0 && path.basename(directory) === ".stepgraph") writeFileSync(path.join(directory, ".gitignore"), STATE_GITIGNORE);
		writeFileSync(temporary, timingsJson(timings));
		renameSync(temporary, file);
		return;
	} catch (error) {
		try {
			rmSync(temporary, { force: true });
		} catch {}
		return `the timings file ${file} could not be written: ${error.message}`;
	}
}
/** The file's text: one step a line, so that a change to it reads as a change to those steps. */
function timingsJson(timings) {
	const steps = [...timings.steps].map(([id, durations]) => `    ${JSON.stringify(id)}: { "durations-ms": ${JSON.stringify(durations).replace(/,/g, ", ")} }`);
	const body = steps.length > 0 ? `{\n${steps.join(",\n")}\n  }` : "{}";
	return `{\n  "version": ${1},\n  "steps": ${body}\n}\n`;
}
/** A step's expected duration: the median of its history; undefined when it has none. */
function expectedDuration(timings, id) {
	const history = timings.steps.get(id);
	return history && history.length > 0 ? median(history) : void 0;
}
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
function ignored(file, why) {
	return {
		timings: NO_TIMINGS,
		warning: `the timings file ${file} was ignored: ${why}`
	};
}
function isObject$1(value) {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/timings/expected-durations.ts
/**
* Each step's expected duration, for the order of ready steps, the dry run's plan, the
* estimates while a run goes on and the balance of shards. A step's own record gives it
* (the median of its last runs); a step without one (added, or renamed: the file knows it
* by its old id) is estimated: a matrix instance by the median of its step's other
* instances that have a record (a new combination of a matrix runs the same script),
* anything else by the median of the steps that have one. Undefined when no step of the
* graph has a record: then nothing is expected, and steps are ordered by the longest
* chain of steps, as without a timings file.
*/
function expectedDurations(steps, timings) {
	const own = steps.map((step) => expectedDuration(timings, step.id));
	const known = own.filter((ms) => ms !== void 0);
	if (known.length === 0) return void 0;
	const unknownStepMs = median(known);
	const byMatrixStep = /* @__PURE__ */ new Map();
	steps.forEach((step, v) => {
		const ms = own[v];
		if (step.instanceOf === void 0 || ms === void 0) return;
		const siblings = byMatrixStep.get(step.instanceOf) ?? [];
		siblings.push(ms);
		byMatrixStep.set(step.instanceOf, siblings);
	});
	const durations = new Float64Array(steps.length);
	const sources = [];
	steps.forEach((step, v) => {
		const recorded = own[v];
		const siblings = step.instanceOf === void 0 ? void 0 : byMatrixStep.get(step.instanceOf);
		if (recorded !== void 0) {
			durations[v] = recorded;
			sources.push("recorded");
		} else if (siblings !== void 0) {
			durations[v] = median(siblings);
			sources.push("siblings");
		} else {
			durations[v] = unknownStepMs;
			sources.push("median");
		}
	});
	return {
		durations,
		sources,
		recorded: known.length,
		unknownStepMs
	};
}
/**
* The scheduler's priorities by expected time: for each step, the longest expected time
* from its start to the end of the graph (the critical path by duration, as ninja orders
* ready edges). A step counts at least 1 ms, so that among steps recorded as instant the
* longer chain still goes first.
*/
function timePriorities(dag, durations) {
	return dag.remainingPath((v) => Math.max(1, durations[v]));
}

// src/report/summary-timings.ts
/**
* A step's duration is notably off its record when it is more than half its median away
* and more than 2 s: the ratio alone would flag every 200 ms step that took 400 ms (noise
* of a busy runner), the seconds alone every long step that varies by a few percent.
*/
const NOTABLE_RATIO = .5;
const NOTABLE_MS = 2e3;
/** Rows listed in each of the slower and faster tables; the rest are counted. */
const MAX_ROWS = 20;
/** The comparison as a section of the job summary, cut before the timeline when space runs out. */
function timingsComparisonSection(input) {
	return {
		name: "the comparison with recorded runs",
		priority: 55,
		renderings: [() => timingsComparison(input), () => null]
	};
}
/** Whether `ms` is notably slower or faster than `medianMs` (see NOTABLE_RATIO). */
function notablyOff(ms, medianMs) {
	const off = ms - medianMs;
	if (Math.abs(off) <= 2e3 || Math.abs(off) <= .5 * medianMs) return void 0;
	return off > 0 ? "slower" : "faster";
}
/**
* The summary's section "Against the recorded runs": the wall time against what the
* recorded durations expected with as many slots, and the steps that were notably slower
* or faster than their record (their successful attempt against the median of their last
* runs). Null when no step of the graph has a record (a first run, or no timings file).
*/
function timingsComparison(input) {
	const { graph, run, recorded } = input;
	if (recorded === void 0) return null;
	const expected = expectedDurations(graph.steps, recorded);
	if (expected === void 0) return null;
	const schedule = simulateSchedule(graph.dag, expected.durations, timePriorities(graph.dag, expected.durations), input.slots);
	const wall = run.endedAt - run.startedAt;
	const complete = run.results.every((result) => result.status === "success");
	const lines = [
		"### Against the recorded runs",
		"",
		`This run took **${formatDuration(wall)}**; the recorded durations expected **${formatDuration(schedule.wallMs)}** with ${count(input.slots, "slot")}` + (complete ? "." : " (not every step succeeded in this run, so its time is not comparable).")
	];
	const unknown = graph.steps.length - expected.recorded;
	if (unknown > 0) {
		const unrecorded = graph.steps.flatMap((step, v) => expected.sources[v] === "recorded" ? [] : [code(step.id)]);
		lines.push("", `No record yet for ${count(unknown, "step")} (${listed(unrecorded)}): ${unknown === 1 ? "it was" : "each was"} expected to take ${formatDuration(expected.unknownStepMs)}, the median of the recorded steps` + (expected.sources.includes("siblings") ? ", or a matrix instance the median of its recorded siblings." : "."));
	}
	const compared = [];
	for (const result of run.results) {
		const last = result.attempts.at(-1);
		const id = graph.steps[result.step]?.id;
		if (result.status !== "success" || last === void 0 || id === void 0) continue;
		const medianMs = expectedDuration(recorded, id);
		const runs = recorded.steps.get(id)?.length ?? 0;
		if (medianMs !== void 0) compared.push({
			step: result.step,
			ms: last.endedAt - last.startedAt,
			medianMs,
			runs
		});
	}
	const slower = compared.filter((c) => notablyOff(c.ms, c.medianMs) === "slower");
	const faster = compared.filter((c) => notablyOff(c.ms, c.medianMs) === "faster");
	const rule = `more than ${NOTABLE_RATIO * 100}% and ${formatDuration(NOTABLE_MS)}`;
	if (slower.length === 0 && faster.length === 0) lines.push("", `No step was notably slower or faster than its record (${rule} off the median of its last runs; ${count(compared.length, "step")} compared).`);
	if (slower.length > 0) lines.push("", `**Notably slower** (${rule} over the median of its last runs):`, "");
	if (slower.length > 0) lines.push(...comparisonTable(graph, slower));
	if (faster.length > 0) lines.push("", `**Notably faster** (${rule} under the median of its last runs):`, "");
	if (faster.length > 0) lines.push(...comparisonTable(graph, faster));
	return lines.join("\n");
}
/** The rows furthest off their record first. */
function comparisonTable(graph, rows) {
	const sorted = [...rows].sort((a, b) => Math.abs(b.ms - b.medianMs) - Math.abs(a.ms - a.medianMs) || a.step - b.step);
	const lines = ["| Step | This run | Recorded median | Runs recorded |", "| :-- | --: | --: | --: |"];
	for (const { step, ms, medianMs, runs } of sorted.slice(0, MAX_ROWS)) {
		const ratio = medianMs > 0 ? ` (${(ms / medianMs).toFixed(1)}×)` : "";
		lines.push(`| ${code(graph.steps[step]?.id ?? "?")} | ${formatDuration(ms)}${ratio} | ${formatDuration(medianMs)} | ${runs} |`);
	}
	if (sorted.length > MAX_ROWS) lines.push("", `_and ${count(sorted.length - MAX_ROWS, "more step")}_`);
	return lines;
}
/** Ids in a sentence: the first few, then how many more. */
function listed(ids, shown = 10) {
	const more = ids.length - shown;
	return more > 0 ? `${ids.slice(0, shown).join(", ")} and ${count(more, "more")}` : ids.join(", ");
}

// src/process/env-flow.ts
const EMPTY_VIEW = {
	vars: /* @__PURE__ */ new Map(),
	path: []
};
/**
* Carries GITHUB_ENV and GITHUB_PATH from each step to every step that depends on it,
* directly or not, as sequential workflow steps would. Where two needs bring one
* variable with different values, the step that depends on the other wins; two steps
* with no order between them disagreeing is a conflict: the later one wins and the run
* warns.
*/
var EnvFlow = class {
	dag;
	ids;
	/** views[v]: what v exported, on top of what it inherited; set when v finishes. */
	views;
	/** Steps that exported anything, in the order they finished. */
	writers = [];
	/** finishOrder[v]: position of v among finished steps. */
	finishOrder;
	finished = 0;
	ancestorCache = /* @__PURE__ */ new Map();
	conflictWarnings = /* @__PURE__ */ new Map();
	constructor(dag, ids) {
		this.dag = dag;
		this.ids = ids;
		this.views = new Array(dag.size).fill(void 0);
		this.finishOrder = new Int32Array(dag.size).fill(-1);
	}
	/** What step v inherits from the steps it needs (they have all finished). */
	inherited(step) {
		const view = this.mergeNeeds(step);
		return {
			vars: new Map([...view.vars].map(([name, { value }]) => [name, value])),
			path: view.path.map((entry) => entry.directory)
		};
	}
	/**
	* Records what a finished step exported (its last attempt's files): `vars` in file
	* order, `path` the GITHUB_PATH lines as written (a directory may come more than once).
	*/
	record(step, vars, path) {
		this.finishOrder[step] = this.finished++;
		const inherited = this.mergeNeeds(step);
		if (vars.length === 0 && path.length === 0) {
			this.views[step] = inherited;
			return;
		}
		this.writers.push(step);
		const merged = new Map(inherited.vars);
		for (const [name, value] of vars) merged.set(name, {
			value,
			writer: step
		});
		this.views[step] = {
			vars: merged,
			path: prependPath(inherited.path, path, step)
		};
	}
	/**
	* Everything every finished step exported, for the job's own GITHUB_ENV and GITHUB_PATH:
	* later steps in the workflow see them as after ordinary `run:` steps.
	*/
	everything() {
		const sinks = this.writers.map((writer) => this.views[writer] ?? EMPTY_VIEW);
		const view = this.merge(sinks);
		return {
			vars: new Map([...view.vars].map(([name, { value }]) => [name, value])),
			path: view.path.map((entry) => entry.directory)
		};
	}
	/** One line per variable set differently by steps with no order between them. */
	conflicts() {
		this.everything();
		return [...this.conflictWarnings.values()];
	}
	mergeNeeds(step) {
		const needs = this.dag.predecessors[step] ?? [];
		return this.merge(needs.map((need) => this.viewOf(need)));
	}
	/**
	* What a finished step passes on: its view once it ran; for a step that never ran
	* (skipped, or it could not start), what it inherited, so that it does not cut the
	* steps after it (`if: always()`) off from those before it, as a skipped workflow step
	* cuts nothing off. Called only for steps whose dependents start or finish, which have
	* all ended, so a view worked out here is final. Iterative: a long chain of skipped
	* steps must not overflow the stack.
	*/
	viewOf(step) {
		const stack = [step];
		while (stack.length > 0) {
			const top = stack[stack.length - 1];
			if (this.views[top] !== void 0) {
				stack.pop();
				continue;
			}
			const needs = this.dag.predecessors[top] ?? [];
			const missing = needs.filter((need) => this.views[need] === void 0);
			if (missing.length > 0) stack.push(...missing);
			else {
				stack.pop();
				this.views[top] = this.merge(needs.map((need) => this.views[need] ?? EMPTY_VIEW));
			}
		}
		return this.views[step] ?? EMPTY_VIEW;
	}
	merge(views) {
		const distinct = [...new Set(views)].filter((view) => view !== EMPTY_VIEW);
		if (distinct.length === 0) return EMPTY_VIEW;
		if (distinct.length === 1) return distinct[0];
		const vars = /* @__PURE__ */ new Map();
		const byAge = (a, b) => this.finishOrder[a.writer] - this.finishOrder[b.writer];
		const exports = distinct.flatMap((view) => [...view.vars].map(([name, entry]) => ({
			name,
			...entry
		})));
		for (const entry of exports.sort(byAge)) {
			const current = vars.get(entry.name);
			if (current && current.writer !== entry.writer && current.value !== entry.value) {
				if (!this.isAncestor(current.writer, entry.writer)) this.noteConflict(entry.name, current, entry);
			}
			if (!current || current.writer !== entry.writer) vars.set(entry.name, entry);
		}
		const latest = /* @__PURE__ */ new Map();
		const byAddition = (a, b) => byAge(a, b) || a.line - b.line;
		for (const entry of distinct.flatMap((view) => view.path)) {
			const current = latest.get(entry.directory);
			if (!current || byAddition(current, entry) < 0) latest.set(entry.directory, entry);
		}
		return {
			vars,
			path: [...latest.values()].sort(byAddition)
		};
	}
	noteConflict(name, earlier, later) {
		const first = this.ids[earlier.writer] ?? "?";
		const second = this.ids[later.writer] ?? "?";
		this.conflictWarnings.set(`${name}\0${first}\0${second}`, `${name} was set to different values by \`${first}\` and \`${second}\`, which do not depend on each other; the value from \`${second}\`, which finished later, was kept`);
	}
	/** Whether `ancestor` must finish before `step` (a path of needs between them). */
	isAncestor(ancestor, step) {
		const key = `${ancestor}>${step}`;
		const cached = this.ancestorCache.get(key);
		if (cached !== void 0) return cached;
		const seen = new Uint8Array(this.dag.size);
		const stack = [step];
		let found = false;
		while (stack.length > 0 && !found) for (const need of this.dag.predecessors[stack.pop()] ?? []) {
			if (need === ancestor) found = true;
			if (!seen[need]) {
				seen[need] = 1;
				stack.push(need);
			}
		}
		this.ancestorCache.set(key, found);
		return found;
	}
};
/**
* A step's GITHUB_PATH lines applied to the list it inherited, as AddPathFileCommand does
* for each line: `PrependPath.RemoveAll(x => x == line)` then `PrependPath.Add(line)`. A
* directory added again, by this step or by one before it, moves to the end of the list,
* which is the front of PATH. Directories are compared exactly (the runner compares with
* StringComparison.CurrentCulture, which also equates canonically equivalent Unicode
* spellings; no real directory differs only that way).
*/
function prependPath(inherited, added, writer) {
	const last = /* @__PURE__ */ new Map();
	added.forEach((directory, line) => last.set(directory, line));
	const own = [...last].map(([directory, line]) => ({
		directory,
		writer,
		line
	}));
	own.sort((a, b) => a.line - b.line);
	return [...inherited.filter((entry) => !last.has(entry.directory)), ...own];
}

// src/process/process-table.ts
/**
* Linux's process table. Other systems (macOS) have no /proc, or one in another format
* (FreeBSD's procfs), so they read none.
*/
const PROC_ROOT = process.platform === "linux" ? "/proc" : void 0;
/**
* "pid (comm) state ppid pgrp session ...": 512 bytes reach the session field whatever
* the command's name (comm is at most 64 bytes, escaped).
*/
const STAT_BYTES = 512;
const statBuffer = Buffer.allocUnsafe(STAT_BYTES);
/**
* One scan of the process table at `procRoot` (PROC_ROOT, or one made for a test): for each session in `sessions`, the pids
* of its members that are not zombies (field 6 of /proc/PID/stat is the session id).
*
* A session outlives its leader, and every process its members start stays in it unless
* it calls setsid itself: moving to another process group (job control, GNU `timeout`)
* keeps the session. A zombie runs nothing and holds no pipe: a killed background job is
* reparented to PID 1, which may reap it late or, in a container without an init, never.
*
* Costs one open, read and close per process on the machine (about 10 µs each here),
* so callers scan once for every session they want, not once per session. Undefined
* when there is no process table to read (not mounted, or not Linux's).
*/
function readSessionMembers(sessions, procRoot) {
	if (procRoot === void 0) return void 0;
	let entries;
	try {
		entries = readdirSync(procRoot);
	} catch {
		return;
	}
	const members = /* @__PURE__ */ new Map();
	for (const session of sessions) members.set(session, []);
	for (const entry of entries) {
		const first = entry.charCodeAt(0);
		if (first < 48 || first > 57) continue;
		const stat = readStat(`${procRoot}/${entry}/stat`);
		if (stat === void 0) continue;
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ", 4);
		const state = fields[0];
		if (state === "Z" || state === "X") continue;
		members.get(Number(fields[3]))?.push(Number(entry));
	}
	return members;
}
/**
* Whether `pid` has exited and waits to be reaped (a zombie, state Z). Node learns of a
* child's exit only when the event loop turns; the process table knows at once. False
* when unknown (no process table).
*/
function isZombie(pid, procRoot = PROC_ROOT) {
	if (procRoot === void 0) return false;
	const stat = readStat(`${procRoot}/${pid}/stat`);
	return stat !== void 0 && stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
}
/** The start of a stat file, through one shared buffer (the scan allocates nothing per process). */
function readStat(file) {
	let descriptor;
	try {
		descriptor = openSync(file, "r");
	} catch {
		return;
	}
	try {
		return statBuffer.toString("latin1", 0, readSync(descriptor, statBuffer, 0, STAT_BYTES, null));
	} catch {
		return;
	} finally {
		closeSync(descriptor);
	}
}

// src/process/process-worker.ts
/** After the shell exits, how long its pipes may stay open before its session is ended. */
const DRAIN_MS = 100;
/** After that SIGTERM (or a leftover's), how long before SIGKILL. */
const LEFTOVER_GRACE_MS = 1e3;
/** After the SIGKILL, how long to wait for pipes held by processes outside the session. */
const ABANDON_MS = 250;
/**
* One attempt of a step as a real process: the shell leading its own session and process
* group (so a signal reaches everything it started, through the reaper), stdin closed
* (reads get end-of-file at once), stdout and stderr piped to the sink.
*
* The attempt is over when the shell has exited and both pipes have closed. A background
* job that keeps the pipes open (`server &`) must not hang the run: after a short drain
* the session gets SIGTERM, then SIGKILL, and if a process outside it (a setsid daemon)
* still holds the pipes, stepgraph stops reading them and says so.
*/
var ProcessWorker = class {
	options;
	child;
	/** Why the process could not start, once known. */
	startError;
	/** How the shell ended, once it has. */
	exitStatus;
	openStreams = 2;
	/** Set when the shell's exit is first seen: the pipes may drain until then. */
	drainUntil;
	/** When to SIGKILL the session (a stop's grace, or the drain's). */
	killAt;
	/** After the drain's SIGKILL: when to stop waiting for the pipes. */
	abandonAt;
	signalledAfterExit = false;
	result;
	output;
	constructor(options) {
		this.options = options;
		this.output = options.output(this);
		const { invocation } = options;
		if ("error" in invocation) {
			this.startError = invocation.error;
			this.child = void 0;
			return;
		}
		const problem = missingDirectory(options.cwd);
		if (problem) {
			this.startError = problem;
			this.child = void 0;
			return;
		}
		let child;
		try {
			child = spawn(invocation.command, invocation.args, {
				cwd: options.cwd,
				env: options.env,
				stdio: [
					"ignore",
					"pipe",
					"pipe"
				],
				detached: process.platform !== "win32",
				windowsHide: true,
				windowsVerbatimArguments: invocation.verbatimArguments,
				...invocation.argv0 !== void 0 && { argv0: invocation.argv0 }
			});
		} catch (error) {
			this.startError = `could not start \`${invocation.command}\`: ${error.message}`;
			this.child = void 0;
			return;
		}
		this.child = child;
		if (child.pid !== void 0) options.reaper.started(child.pid);
		child.on("error", (error) => {
			if (child.pid === void 0) this.startError = describeSpawnError(invocation.command, error);
			options.wake();
		});
		child.on("exit", (code, signal) => {
			this.exitStatus = {
				code,
				signal
			};
			options.wake();
		});
		this.pipe("stdout", child);
		this.pipe("stderr", child);
	}
	poll(now) {
		if (this.result) return this.result;
		if (this.startError !== void 0) return this.finish({
			exitCode: null,
			signal: null,
			error: this.startError
		});
		const pid = this.child?.pid;
		if (this.exitStatus === void 0 || pid === void 0) {
			if (pid !== void 0 && this.killAt !== void 0 && now >= this.killAt) {
				this.options.reaper.signal(pid, "SIGKILL");
				this.killAt = void 0;
			}
			return;
		}
		const exit = {
			exitCode: this.exitStatus.code,
			signal: this.exitStatus.signal
		};
		if (this.openStreams === 0) {
			this.options.reaper.add(pid, now, LEFTOVER_GRACE_MS);
			return this.finish(exit);
		}
		this.drainUntil ??= now + 100;
		if (now < this.drainUntil) return void 0;
		if (!this.signalledAfterExit) {
			this.signalledAfterExit = true;
			this.options.reaper.signal(pid, "SIGTERM");
			this.killAt = now + LEFTOVER_GRACE_MS;
		} else if (this.killAt !== void 0 && now >= this.killAt) {
			this.options.reaper.signal(pid, "SIGKILL");
			this.killAt = void 0;
			this.abandonAt = now + 250;
		} else if (this.abandonAt !== void 0 && now >= this.abandonAt) {
			this.output.note(`a process outside the step’s ${this.options.reaper.reach} (started with setsid, or a daemon) still holds its output open; stepgraph stopped reading it and could not end that process`);
			this.child?.stdout?.destroy();
			this.child?.stderr?.destroy();
			this.options.reaper.add(pid, now, LEFTOVER_GRACE_MS);
			return this.finish(exit);
		}
	}
	stop(now, graceMs) {
		const pid = this.child?.pid;
		if (pid === void 0 || this.result) return;
		this.options.reaper.signal(pid, "SIGTERM");
		this.killAt = Math.min(this.killAt ?? 1e400, now + graceMs);
	}
	kill() {
		const pid = this.child?.pid;
		if (pid === void 0 || this.result) return;
		this.options.reaper.signal(pid, "SIGKILL");
		this.killAt = void 0;
	}
	/**
	* The shell has exited (or could not start), though its pipes may still be draining.
	* Asked when the run stops the step: an exit Node has not been told of yet (it learns
	* of it when the event loop turns) is found in the process table, so a step that had
	* already ended on its own keeps its own status.
	*/
	hasExited() {
		if (this.result !== void 0 || this.exitStatus !== void 0) return true;
		if (this.startError !== void 0) return true;
		const pid = this.child?.pid;
		return pid !== void 0 && isZombie(pid);
	}
	nextDeadline() {
		const set = [
			this.killAt,
			this.abandonAt,
			this.exitStatus ? this.drainUntil : void 0
		].filter((d) => d !== void 0);
		return set.length > 0 ? Math.min(...set) : void 0;
	}
	/** Stops reading the pipes until `resume` (the log cannot keep up). */
	pause() {
		this.child?.stdout?.pause();
		this.child?.stderr?.pause();
	}
	resume() {
		this.child?.stdout?.resume();
		this.child?.stderr?.resume();
	}
	/** Whether anything of this attempt's session may still be running (for tests). */
	get sessionAlive() {
		const pid = this.child?.pid;
		return pid !== void 0 && this.options.reaper.isAlive(pid);
	}
	pipe(name, child) {
		const stream = name === "stdout" ? child.stdout : child.stderr;
		if (!stream) {
			this.openStreams--;
			return;
		}
		stream.on("data", (chunk) => {
			this.output.write(name, chunk);
		});
		stream.on("error", () => void 0);
		stream.once("close", () => {
			this.openStreams--;
			if (this.openStreams === 0) this.options.wake();
		});
	}
	finish(exit) {
		this.result = exit;
		this.output.close();
		return exit;
	}
};
function missingDirectory(directory) {
	try {
		return statSync(directory).isDirectory() ? void 0 : `the working directory ${directory} is not a directory`;
	} catch {
		return `the working directory ${directory} does not exist`;
	}
}
function describeSpawnError(command, error) {
	const code = error.code;
	if (code === "ENOENT") return `the shell \`${command}\` was not found on PATH`;
	if (code === "EACCES") return `the shell \`${command}\` is not executable`;
	return `could not start \`${command}\`: ${error.message}`;
}

// src/process/readiness.ts
/** How often a `port`, `http` or `run` condition that has not held is tried again. */
const READY_PROBE_INTERVAL_MS = 250;
/** How long one `port` or `http` try may take before it counts as not holding. */
const READY_PROBE_TIMEOUT_MS = 2e3;
/** The longest line `line:` is matched against: a longer one is matched by its start. */
const READY_LINE_MAX_CHARS = 65536;
/**
* Whether a service's `ready-when` conditions have all held, each at least once. It is
* driven by the scheduler's poll rounds: `isReady(now)` starts the tries that are due and
* reads those that ended; `nextDeadline` tells the loop when the next try is due. A
* condition that held stays held (a server that answered once is up: later failures are
* its dependents' to see). `line` is matched against the service's output as it comes,
* with one partial line per stream kept, bounded by READY_LINE_MAX_CHARS.
*/
var Readiness = class {
	options;
	pending = /* @__PURE__ */ new Set();
	line;
	partial = {
		stdout: "",
		stderr: ""
	};
	decoders = {
		stdout: new TextDecoder(),
		stderr: new TextDecoder()
	};
	/** When each probed condition may be tried again; absent while a try is under way. */
	dueAt = /* @__PURE__ */ new Map();
	check;
	inFlight = /* @__PURE__ */ new Set();
	lastFailure = /* @__PURE__ */ new Map();
	aborts = /* @__PURE__ */ new Set();
	closed = false;
	constructor(options) {
		this.options = options;
		const { readyWhen } = options;
		if (readyWhen.line !== void 0) {
			this.line = new RegExp(readyWhen.line);
			this.pending.add("line");
		}
		for (const condition of [
			"port",
			"http",
			"run"
		]) if (readyWhen[condition] !== void 0) {
			this.pending.add(condition);
			this.dueAt.set(condition, -1e400);
		}
	}
	/** Output of the service, as read from its pipes. */
	observe(stream, chunk) {
		if (!this.pending.has("line") || this.line === void 0) return;
		const lines = (this.partial[stream] + this.decoders[stream].decode(chunk, { stream: true })).split("\n");
		const rest = lines.pop() ?? "";
		for (const line of lines) if (this.line.test(line.replace(/\r$/, ""))) {
			this.held("line");
			return;
		}
		this.partial[stream] = rest.slice(0, READY_LINE_MAX_CHARS);
		if (this.partial[stream] !== "" && this.line.test(this.partial[stream])) this.held("line");
	}
	isReady(now) {
		if (this.check !== void 0) {
			const end = this.check.poll(now);
			if (end !== void 0) {
				this.check = void 0;
				if (end.ok) this.held("run");
				else this.failed("run", end.why, now);
			}
		}
		for (const [condition, due] of this.dueAt) {
			if (this.inFlight.has(condition) || now < due || !this.pending.has(condition)) continue;
			this.dueAt.delete(condition);
			this.inFlight.add(condition);
			this.probe(condition, now);
		}
		return this.pending.size === 0;
	}
	/** When a try falls due, if one is waiting. */
	nextDeadline() {
		let next;
		for (const due of this.dueAt.values()) next = Math.min(next ?? due, due);
		return next;
	}
	/** Which conditions never held, and how their last try failed. */
	notReadyBecause() {
		if (this.pending.size === 0) return void 0;
		const readyWhen = this.options.readyWhen;
		return [...this.pending].map((condition) => {
			const last = this.lastFailure.get(condition);
			switch (condition) {
				case "line": return `no line matched \`${readyWhen.line ?? ""}\``;
				case "port": return `port ${readyWhen.port ?? ""} never accepted a connection` + (last ? ` (${last})` : "");
				case "http": return `${readyWhen.http ?? ""} never answered 2xx` + (last ? ` (${last})` : "");
				case "run": return `the check never succeeded` + (last ? ` (${last})` : "");
			}
		}).join("; ");
	}
	/** The service is stopping: no more tries; a check still running is ended (once). */
	close(now) {
		if (this.closed) return;
		this.closed = true;
		this.dueAt.clear();
		for (const abort of this.aborts) abort.abort();
		this.check?.stop(now);
	}
	/** A second interrupt: a check still running is killed at once. */
	kill(now) {
		this.close(now);
		this.check?.kill();
	}
	/** Polls a check still running after `close`; true once none is left. */
	settled(now) {
		if (this.check !== void 0 && this.check.poll(now) !== void 0) this.check = void 0;
		return this.check === void 0;
	}
	probe(condition, now) {
		const { readyWhen } = this.options;
		if (condition === "run") {
			this.check = this.options.startCheck();
			return;
		}
		const abort = new AbortController();
		this.aborts.add(abort);
		(condition === "port" ? portAccepts(readyWhen.port ?? 0, abort.signal) : httpAnswers(readyWhen.http ?? "", abort.signal)).then((failure) => {
			this.aborts.delete(abort);
			if (this.closed) return;
			if (failure === void 0) this.held(condition);
			else this.failed(condition, failure, now);
			this.options.wake();
		});
	}
	held(condition) {
		this.inFlight.delete(condition);
		this.pending.delete(condition);
		this.dueAt.delete(condition);
		this.options.wake();
	}
	failed(condition, why, startedAt) {
		this.inFlight.delete(condition);
		this.lastFailure.set(condition, why);
		if (!this.closed) this.dueAt.set(condition, Math.max(startedAt, performance.now()) + 250);
	}
};
/** Undefined when a TCP connection to the port on localhost is accepted; else why not. */
function portAccepts(port, signal) {
	return new Promise((resolve) => {
		const socket = connect({
			host: "localhost",
			port,
			timeout: READY_PROBE_TIMEOUT_MS,
			signal
		});
		socket.once("connect", () => {
			socket.destroy();
			resolve(void 0);
		});
		socket.once("timeout", () => {
			socket.destroy();
			resolve("the connection timed out");
		});
		socket.once("error", (error) => {
			socket.destroy();
			resolve(error.code ?? error.message);
		});
	});
}
/** Undefined when the URL answers with a 2xx status; else why not. */
async function httpAnswers(url, signal) {
	try {
		const response = await fetch(url, {
			redirect: "manual",
			signal: AbortSignal.any([signal, AbortSignal.timeout(READY_PROBE_TIMEOUT_MS)])
		});
		await response.body?.cancel();
		return response.status >= 200 && response.status < 300 ? void 0 : `it answered ${response.status}`;
	} catch (error) {
		return error.cause?.code ?? (error instanceof Error ? error.message : String(error));
	}
}

// src/process/service-worker.ts
/**
* A service's worker: its process (an ordinary step's worker) with its readiness. The
* readiness sees the output as it comes (`observe`, for `line:`), and its `run:` check
* is a process of its own, ended with the service: the attempt is over only once both
* have ended, so a check started just before the stop is not left behind.
*/
var ServiceWorker = class {
	process;
	onReady;
	readiness;
	wasReady = false;
	/** The process's exit, once seen: it is read (its command files too) only once. */
	exit;
	constructor(process, options, onReady) {
		this.process = process;
		this.onReady = onReady;
		this.readiness = new Readiness(options);
	}
	/** What the readiness needs to see of the output: wraps the sink the output goes to. */
	static watching(sink, readiness) {
		return {
			write: (stream, chunk) => {
				readiness()?.readiness.observe(stream, chunk);
				sink.write(stream, chunk);
			},
			note: (message) => {
				sink.note(message);
			},
			close: () => {
				sink.close();
			}
		};
	}
	poll(now) {
		this.exit ??= this.process.poll(now);
		const exit = this.exit;
		if (exit === void 0) return void 0;
		this.readiness.close(now);
		return this.readiness.settled(now) ? exit : void 0;
	}
	isReady(now) {
		if (this.wasReady) return true;
		if (!this.readiness.isReady(now)) return false;
		this.wasReady = true;
		this.onReady();
		return true;
	}
	notReadyBecause() {
		return this.readiness.notReadyBecause();
	}
	stop(now, graceMs) {
		this.readiness.close(now);
		this.process.stop(now, graceMs);
	}
	kill() {
		this.readiness.kill(performance.now());
		this.process.kill();
	}
	hasExited() {
		return this.process.hasExited();
	}
	nextDeadline() {
		const set = [this.process.nextDeadline?.(), this.readiness.nextDeadline()].filter((d) => d !== void 0);
		return set.length > 0 ? Math.min(...set) : void 0;
	}
};
/** A `run:` check as a step's worker runs it: how it ended, the session ended with it. */
function checkOf(worker) {
	return {
		poll: (now) => {
			const exit = worker.poll(now);
			if (exit === void 0) return void 0;
			if (exit.error !== void 0) return {
				ok: false,
				why: exit.error
			};
			if (exit.signal !== null) return {
				ok: false,
				why: `it was ended by ${exit.signal}`
			};
			return exit.exitCode === 0 ? { ok: true } : {
				ok: false,
				why: `it exited with ${exit.exitCode ?? "?"}`
			};
		},
		stop: (now) => {
			worker.stop(now, LEFTOVER_GRACE_MS);
		},
		kill: () => {
			worker.kill();
		}
	};
}
/**
* A check that could not start (its script could not be written: EMFILE, ENOSPC): it
* fails with the reason, and is tried again at the next interval like any failed check.
*/
function failedCheck(why) {
	return {
		poll: () => ({
			ok: false,
			why
		}),
		stop: () => void 0,
		kill: () => void 0
	};
}

// src/process/platform.ts
/** The host's platform, reading `env` (the action's environment by default). */
function hostPlatform(env = process.env) {
	return {
		os: process.platform,
		env
	};
}
/** A variable of `platform.env`: on Windows names are compared case-insensitively. */
function variable(platform, name) {
	const exact = Object.hasOwn(platform.env, name) ? platform.env[name] : void 0;
	if (exact !== void 0 || platform.os !== "win32") return exact;
	const upper = name.toUpperCase();
	const key = Object.keys(platform.env).find((candidate) => candidate.toUpperCase() === upper);
	return key === void 0 ? void 0 : platform.env[key];
}

// src/process/which.ts
/** WhichUtil's PATHEXT when the variable is unset or empty ("XP's system default value"). */
const DEFAULT_PATHEXT = ".com;.exe;.bat;.cmd;.vbs;.vbe;.js;.jse;.wsf;.wsh";
/**
* Where the runner finds `command`: WhichUtil.Which (src/Runner.Sdk/Util/WhichUtil.cs)
* without `require` (undefined when nothing is found). `searchPath` is the PATH to search:
* ScriptHandler passes the GITHUB_PATH additions as `prependPath`, so callers pass the
* PATH the step will have. Synchronous, once per attempt: on POSIX one `stat` per PATH
* entry until found (about 20 µs for a runner's PATH); on Windows a directory listing.
*
* The rules, each from Which:
* - a fully qualified path that names a file is returned as it is; any other rooted path
*   is not searched for (.NET refuses it as a search pattern);
* - PATH is split at the platform's separator, empty entries dropped, and `%NAME%` in each
*   entry expanded (Environment.ExpandEnvironmentVariables);
* - POSIX: the first entry holding a file of that exact name. The execute bit is not
*   checked, as the runner does not check it: a file that cannot run fails the step;
* - Windows: see `findInWindowsDirectory` (PATHEXT, extension, case);
* - a symbolic link counts only if its target exists (IsPathValid).
*/
function findOnPath(command, searchPath, platform = hostPlatform()) {
	const windows = platform.os === "win32";
	if (isRooted(command, windows)) return isFullyQualified(command, windows) && isFile(command) ? command : void 0;
	const extensions = windows ? pathExtensions(platform) : [];
	for (const entry of (searchPath ?? "").split(windows ? ";" : ":")) {
		if (entry === "") continue;
		const directory = expandVariables(entry, platform);
		if (directory === "") continue;
		const found = windows ? findInWindowsDirectory(directory, command, extensions) : findInPosixDirectory(directory, command);
		if (found !== void 0) return found;
	}
}
function findInPosixDirectory(directory, command) {
	const candidate = path.resolve(directory, command);
	return isFile(candidate) ? candidate : void 0;
}
/**
* Which's Windows branch for one PATH entry. Names compare case-insensitively, as on
* NTFS, and files are taken in the order the directory lists them: NTFS lists by
* upper-cased name, so the entries are sorted that way (the same order on every host,
* which lets the tests on Linux check it).
* - `command` already ends with a PATHEXT extension (`pwsh.exe`): the file of that name,
*   spelled as the directory spells it.
* - otherwise: the first listed file named `command` plus a PATHEXT extension, whatever
*   the extensions' order in PATHEXT (`pwsh.cmd` lists before `pwsh.exe`), returned as
*   `command` plus the extension as PATHEXT spells it (`pwsh.EXE`). A file named just
*   `command`, without an extension, is never taken.
*/
function findInWindowsDirectory(directory, command, extensions) {
	const target = path.resolve(directory, command);
	const folder = path.dirname(target);
	const name = path.basename(target);
	const entries = listByUpperCaseName(folder);
	if (extensions.some((extension) => endsWithIgnoringCase(command, extension))) {
		for (const entry of entries) {
			const file = path.join(folder, entry);
			if (equalsIgnoringCase(entry, name) && isFile(file)) return file;
		}
		return;
	}
	for (const entry of entries) for (const extension of extensions) if (equalsIgnoringCase(entry, name + extension) && isFile(path.join(folder, entry))) return path.join(folder, name + extension);
}
function pathExtensions(platform) {
	const value = variable(platform, "PATHEXT");
	return (value === void 0 || value === "" ? DEFAULT_PATHEXT : value).split(";").filter((extension) => extension !== "");
}
/**
* Environment.ExpandEnvironmentVariables as .NET implements it on Unix: `%NAME%` becomes
* the variable's value when it is set and stays as written otherwise. Windows'
* ExpandEnvironmentStrings agrees on such names (compared case-insensitively there).
*/
function expandVariables(text, platform) {
	if (!text.includes("%")) return text;
	let result = "";
	let last = 0;
	let next;
	while (last < text.length && (next = text.indexOf("%", last + 1)) >= 0) {
		if (text[last] === "%") {
			const value = variable(platform, text.slice(last + 1, next));
			if (value !== void 0) {
				result += value;
				last = next + 1;
				continue;
			}
		}
		result += text.slice(last, next);
		last = next;
	}
	return result + text.slice(last);
}
/** Path.IsPathRooted: `/x`, and on Windows `\x`, `C:x` and `C:\x` too. */
function isRooted(command, windows) {
	if (!windows) return command.startsWith("/");
	return /^[\\/]/.test(command) || /^[A-Za-z]:/.test(command);
}
/** Path.IsPathFullyQualified: on Windows `C:\x` or a UNC / device path (`\\server\x`). */
function isFullyQualified(command, windows) {
	if (!windows) return command.startsWith("/");
	return /^[A-Za-z]:[\\/]/.test(command) || /^[\\/]{2}/.test(command);
}
/**
* A file, not a directory, after following symbolic links: what Directory.EnumerateFiles
* lists and IsPathValid accepts (a link whose target is missing is refused).
*/
function isFile(file) {
	try {
		const stats = statSync(file, { throwIfNoEntry: false });
		return stats !== void 0 && !stats.isDirectory();
	} catch {
		return false;
	}
}
function listByUpperCaseName(directory) {
	let entries;
	try {
		entries = readdirSync(directory);
	} catch {
		return [];
	}
	const keyed = entries.map((entry) => ({
		entry,
		key: entry.toUpperCase()
	}));
	keyed.sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
	return keyed.map(({ entry }) => entry);
}
function equalsIgnoringCase(a, b) {
	return a.length === b.length && a.toUpperCase() === b.toUpperCase();
}
function endsWithIgnoringCase(text, suffix) {
	return text.toUpperCase().endsWith(suffix.toUpperCase());
}

// src/process/shell.ts
/**
* The runner's argument formats and script extensions by shell name
* (ScriptHandlerHelpers._defaultArguments, _extensions): both dictionaries compare
* names case-insensitively, so keys are lower case and lookups lower-cased. Maps: a
* `shell: "constructor {0}"` looks up `constructor`, which must find nothing.
*/
const ARGUMENT_FORMATS = /* @__PURE__ */ new Map([
	["bash", "--noprofile --norc -e -o pipefail {0}"],
	["sh", "-e {0}"],
	["pwsh", `-command ". '{0}'"`],
	["powershell", `-command ". '{0}'"`],
	["cmd", "/D /E:ON /V:OFF /S /C \"CALL \"{0}\"\""],
	["python", "{0}"]
]);
const EXTENSIONS = /* @__PURE__ */ new Map([
	["bash", ".sh"],
	["sh", ".sh"],
	["pwsh", ".ps1"],
	["powershell", ".ps1"],
	["cmd", ".cmd"],
	["python", ".py"]
]);
/**
* Reads a `shell:` value as ScriptHandler.RunAsync does. None: on Windows `pwsh` if it is
* on PATH, else `powershell`; elsewhere the `sh` format (`-e {0}`, no pipefail) run by
* bash if it is on PATH, else by sh. A value is `COMMAND [ARGS]`, split at the first
* space (ParseShellOptionString); with no ARGS, a known shell's own format applies.
*/
function shellSpec(shell, os) {
	if (shell === void 0 || shell.trim() === "") {
		const type = os === "win32" ? "pwsh" : "sh";
		return {
			type,
			candidates: os === "win32" ? ["pwsh", "powershell"] : ["bash", "sh"],
			argumentFormat: ARGUMENT_FORMATS.get(type) ?? "",
			extension: EXTENSIONS.get(type) ?? ""
		};
	}
	const trimmed = shell.trim();
	const space = trimmed.indexOf(" ");
	const command = space < 0 ? trimmed : trimmed.slice(0, space);
	const given = space < 0 ? "" : trimmed.slice(space + 1).trimStart();
	const known = command.toLowerCase();
	return {
		type: command,
		candidates: [command],
		argumentFormat: given === "" ? ARGUMENT_FORMATS.get(known) ?? "" : given,
		extension: EXTENSIONS.get(known) ?? ""
	};
}
/**
* The shell's path, as ScriptHandler finds it: each candidate with WhichUtil against the
* PATH the step will have (its GITHUB_PATH additions first). `cmd` too is found on PATH
* (as `cmd.exe` in System32), not taken from %ComSpec%. Undefined when nothing is found.
*/
function findShell(spec, searchPath, platform) {
	for (const candidate of spec.candidates) {
		const found = findOnPath(candidate, searchPath, platform);
		if (found !== void 0) return found;
	}
}
/**
* The command line for a script file: `string.Format(argFormat, path)`, the path's double
* quotes escaped as ScriptHandler escapes them.
* - Windows: .NET gives CreateProcess the command line `"<path>" <arguments>` with the
*   arguments exactly as formatted (Process.Windows.cs, BuildCommandLine): nothing is
*   split or quoted again.
* - Elsewhere: .NET splits the arguments into argv (Process.Unix.cs, ParseArgumentsIntoList).
*/
function invocation(spec, command, scriptPath, os) {
	const formatted = spec.argumentFormat.split("{0}").join(scriptPath.replace(/"/g, "\\\""));
	if (os === "win32") {
		const quoted = command.startsWith("\"") && command.endsWith("\"");
		return {
			command,
			args: [formatted],
			argv0: quoted ? command : `"${command}"`,
			verbatimArguments: true
		};
	}
	return {
		command,
		args: splitArguments(formatted),
		verbatimArguments: false
	};
}
/**
* The script file's text. ScriptHandlerHelpers.FixUpScriptContents adds `@echo off` for
* cmd, and stop-on-error and the exit code for PowerShell, joined with
* Environment.NewLine (CRLF on Windows); it matches the type case-sensitively, unlike the
* format and extension. Then on Windows ScriptHandler.RunAsync turns every line break
* into CRLF (`Replace("\r\n", "\n").Replace("\n", "\r\n")`: a lone CR stays). Written as
* UTF-8 without a BOM, on every OS (Retain_Default_Encoding is false on Windows).
*/
function scriptContents(spec, run, os) {
	const newline = os === "win32" ? "\r\n" : "\n";
	let contents = run;
	if (spec.type === "cmd") contents = `@echo off${newline}${run}`;
	if (spec.type === "pwsh" || spec.type === "powershell") contents = `$ErrorActionPreference = 'stop'${newline}${run}${newline}if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit \$LASTEXITCODE }`;
	return os === "win32" ? contents.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n") : contents;
}
/**
* Splits an argument string into argv as .NET does on Unix when the runner starts a
* process (Process.Unix.cs, ParseArgumentsIntoList and GetNextArgument): spaces and tabs
* separate; double quotes group and are removed, and `""` inside quotes is a literal
* quote; backslashes are literal unless a quote follows them: then each pair gives one
* backslash, and an odd one left over makes the quote literal.
*/
function splitArguments(text) {
	const args = [];
	let i = 0;
	for (;;) {
		while (text[i] === " " || text[i] === "	") i++;
		if (i >= text.length) return args;
		let current = "";
		let quoted = false;
		while (i < text.length) {
			let backslashes = 0;
			while (text[i] === "\\") {
				i++;
				backslashes++;
			}
			if (backslashes > 0) {
				if (text[i] !== "\"") current += "\\".repeat(backslashes);
				else {
					current += "\\".repeat(Math.floor(backslashes / 2));
					if (backslashes % 2 !== 0) {
						current += "\"";
						i++;
					}
				}
				continue;
			}
			const char = text[i];
			if (char === "\"") {
				if (quoted && text[i + 1] === "\"") {
					current += "\"";
					i++;
				} else quoted = !quoted;
				i++;
				continue;
			}
			if ((char === " " || char === "	") && !quoted) break;
			current += char;
			i++;
		}
		args.push(current);
	}
}

// src/process/service-start.ts
/**
* What makes a step's attempt a service's, for ProcessWorkers: the sink that lets its
* readiness see the output, and the worker around its process. The `run:` check runs
* like the service (its shell, environment and directory) from a script of its own beside
* the service's, in a session of its own that the reaper ends with everything it started.
*/
function startService(spec, context, onReady) {
	let service;
	const scriptSuffix = `.script${context.shell.extension}`;
	const checkScript = context.files.script.slice(0, -scriptSuffix.length) + `.ready-check${context.shell.extension}`;
	let written = false;
	const startCheck = () => {
		const { shell, command, os } = context;
		try {
			if (!written && spec.readyWhen.run !== void 0) {
				writeFileSync(checkScript, scriptContents(shell, spec.readyWhen.run, os));
				written = true;
			}
		} catch (error) {
			return failedCheck(`its script could not be written: ${error.message}`);
		}
		const worker = new ProcessWorker({
			invocation: command === void 0 ? { error: "the shell was not found" } : invocation(shell, command, checkScript, os),
			cwd: context.cwd,
			env: context.env,
			output: () => DISCARD,
			reaper: context.reaper,
			wake: context.wake
		});
		return checkOf(worker);
	};
	return {
		watching: (sink) => ServiceWorker.watching(sink, () => service),
		worker: (own) => {
			service = new ServiceWorker({
				poll: (now) => {
					const exit = own.poll(now);
					if (exit !== void 0 && written) removeQuietly(checkScript);
					return exit;
				},
				stop: (now, graceMs) => {
					own.stop(now, graceMs);
				},
				kill: () => {
					own.kill();
				},
				hasExited: () => own.hasExited?.() ?? false,
				nextDeadline: () => own.nextDeadline?.()
			}, {
				readyWhen: spec.readyWhen,
				startCheck,
				wake: context.wake
			}, onReady);
			return service;
		}
	};
}
/** Removes the check's script; one that cannot be removed is left to the run's directory. */
function removeQuietly(file) {
	try {
		rmSync(file, { force: true });
	} catch {}
}
/** A check's output goes nowhere: its exit code is all that counts. */
const DISCARD = {
	write: () => void 0,
	note: () => void 0,
	close: () => void 0
};

// src/process/process-group.ts
/**
* Signals a step's process group: the step's shell leads it (spawned detached: setsid),
* so a negative pid reaches the shell and everything it started that stayed in its group,
* atomically. What moved to another group of the step's session (job control, GNU
* `timeout`) is reached through the process table (`SessionReaper`). On Windows there are
* no groups: `taskkill /T /F` ends the tree, and both signals mean "end now" (untested in
* CI: see the README).
*/
function signalGroup(pid, signal) {
	if (process.platform === "win32") {
		spawn("taskkill", [
			"/T",
			"/F",
			"/PID",
			String(pid)
		], {
			stdio: "ignore",
			windowsHide: true
		}).on("error", () => void 0);
		return;
	}
	signalWithoutStack(-pid, signal);
}
/** Signals each of `pids`, found by a scan of the process table; one that has gone is skipped. */
function signalProcesses(pids, signal) {
	for (const pid of pids) signalWithoutStack(pid, signal);
}
/**
* Whether `kill(-pgid, 0)` finds any member of the group, zombies included. What decides
* whether a step's leftovers live where there is no process table (macOS); never on
* Windows, which has no groups.
*/
function groupExists(pid) {
	if (process.platform === "win32") return false;
	const error = signalWithoutStack(-pid, 0);
	return error === void 0 || error === "EPERM";
}
/**
* `process.kill`, answering the error's code instead of throwing it. Every step's end
* signals its group, which is nearly always empty by then (ESRCH): the exception's stack
* trace is most of the cost of that system call, so none is captured.
*/
function signalWithoutStack(pid, signal) {
	const limit = Error.stackTraceLimit;
	Error.stackTraceLimit = 0;
	try {
		process.kill(pid, signal);
		return;
	} catch (error) {
		return error.code ?? "unknown";
	} finally {
		Error.stackTraceLimit = limit;
	}
}

// src/process/reaper.ts
/**
* At most how often the process table is scanned only to watch ended steps' leftovers: a
* scan reads every process on the machine (about 1 ms here for 90 processes), and a busy
* run ends steps hundreds of times a second. Slower scans are spaced further apart
* (SCAN_SHARE), so that watching leftovers never takes more than 1% of the time.
*/
const LEFTOVER_SCAN_MS = 100;
/** The share of the time scans that only watch leftovers may take: 1 in 100. */
const SCAN_SHARE = 100;
/** At the end of a run, how often to look whether the last leftovers have gone. */
const SETTLE_POLL_MS = 20;
/**
* Ends steps' sessions. Each step's shell leads a session of its own (it is spawned
* detached: setsid), and everything it starts stays in that session unless it calls setsid
* itself, including what job control (`set -m`) or GNU `timeout` moved to a process group
* of its own, which a signal to the step's group misses. So on Linux every member of the
* session is signalled, found by its session id in /proc; without a process table (macOS)
* the step's group is, as nothing lists a session there.
*
* The leader's group is signalled at once (one system call, atomic); the session's other
* members at the next `poll`, which the scheduler runs in the same poll round, with one
* scan of /proc for every session that needs one. Invariant: a session id stays valid
* while any member lives (Linux does not reuse a pid that is some process's session id),
* so a tracked session is never another step's.
*
* Sessions whose step has ended but where something may still run (background jobs that
* closed their output, processes that trapped SIGTERM) get SIGTERM, then SIGKILL once
* their grace has passed, and the run does not end while any is left, so no step's process
* outlives stepgraph. Only a process that starts a session of its own (setsid, a daemon's
* double fork) escapes.
*/
var SessionReaper = class {
	/** Sessions of attempts still running: ended too if stepgraph exits first. */
	running = /* @__PURE__ */ new Set();
	/** Sessions of ended attempts that may hold leftovers. */
	leftovers = /* @__PURE__ */ new Map();
	/** Signals for the members outside each leader's group, sent by the next scan. */
	pending = /* @__PURE__ */ new Map();
	/** When leftovers may be watched again (a signal to send scans at once). */
	watchAgainAt = -1e400;
	/** Last resort if stepgraph itself dies (an exception, process.exit): leave nothing behind. */
	killAllOnExit = () => {
		this.killEverything();
	};
	procRoot;
	/** `procRoot`: the process table to read sessions from; none (macOS): groups only. */
	constructor(options = { procRoot: PROC_ROOT }) {
		this.procRoot = options.procRoot;
		process.once("exit", this.killAllOnExit);
	}
	/** What a signal reaches: the whole session where the process table can list it. */
	get reach() {
		return this.readsSessions ? "session" : "process group";
	}
	/** An attempt's shell started, leading session `session`. */
	started(session) {
		this.running.add(session);
	}
	/** Signals a step's session: its leader's group now, its other members at the next poll. */
	signal(session, signal) {
		signalGroup(session, signal);
		if (this.readsSessions && this.pending.get(session) !== "SIGKILL") this.pending.set(session, signal);
	}
	/**
	* An attempt is over: SIGTERM whatever it left running (its group now, the rest of its
	* session by the next scan) and SIGKILL it at `now + graceMs` if anything is left.
	*/
	add(session, now, graceMs) {
		this.running.delete(session);
		if (!this.readsSessions && !groupExists(session)) return;
		signalGroup(session, "SIGTERM");
		this.leftovers.set(session, {
			killAt: now + graceMs,
			warned: false
		});
	}
	/**
	* Called on poll rounds: sends the pending signals, escalates overdue leftovers, forgets
	* sessions with nothing left. Scans /proc when a signal is pending, or every
	* LEFTOVER_SCAN_MS or more while leftovers are watched; otherwise costs nothing.
	*/
	poll(now) {
		const watch = this.leftovers.size > 0 && now >= this.watchAgainAt;
		if (this.pending.size === 0 && !watch) return;
		const scanStarted = performance.now();
		const members = this.readMembers(/* @__PURE__ */ new Set([...this.pending.keys(), ...this.leftovers.keys()]));
		const scanMs = performance.now() - scanStarted;
		this.watchAgainAt = now + Math.max(100, scanMs * SCAN_SHARE);
		for (const [session, signal] of this.pending) signalProcesses(members?.get(session) ?? [], signal);
		this.pending.clear();
		for (const [session, leftovers] of this.leftovers) {
			const live = members === void 0 ? void 0 : members.get(session) ?? [];
			if (live === void 0 ? !groupExists(session) : live.length === 0) this.leftovers.delete(session);
			else if (now >= leftovers.killAt) {
				signalGroup(session, "SIGKILL");
				signalProcesses(live ?? [], "SIGKILL");
			} else if (!leftovers.warned) {
				leftovers.warned = true;
				signalProcesses(live ?? [], "SIGTERM");
			}
		}
	}
	/**
	* SIGKILL to every session known, running steps' included: what runs when stepgraph exits
	* with any left. Synchronous, as an 'exit' listener must be.
	*/
	killEverything() {
		const sessions = /* @__PURE__ */ new Set([
			...this.running,
			...this.leftovers.keys(),
			...this.pending.keys()
		]);
		for (const session of sessions) signalGroup(session, "SIGKILL");
		const members = this.readMembers(sessions);
		for (const pids of members?.values() ?? []) signalProcesses(pids, "SIGKILL");
	}
	/** Whether anything of the session lives (zombies aside where /proc tells them apart). */
	isAlive(session) {
		const members = this.readMembers(/* @__PURE__ */ new Set([session]));
		return members === void 0 ? groupExists(session) : (members.get(session)?.length ?? 0) > 0;
	}
	/** At the end of the run: SIGKILL whatever is left and wait (at most `timeoutMs`) for it to go. */
	async settle(timeoutMs = 2e3) {
		const deadline = performance.now() + timeoutMs;
		for (const [session, leftovers] of this.leftovers) this.leftovers.set(session, {
			...leftovers,
			killAt: -1e400
		});
		for (;;) {
			this.watchAgainAt = -1e400;
			this.poll(performance.now());
			if (this.leftovers.size === 0 || performance.now() >= deadline) break;
			await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
		}
		if (this.leftovers.size === 0 && this.running.size === 0) process.off("exit", this.killAllOnExit);
	}
	get readsSessions() {
		return this.procRoot !== void 0 && process.platform !== "win32";
	}
	/** One scan for all of `sessions`; undefined without a process table (groups decide). */
	readMembers(sessions) {
		if (sessions.size === 0 || !this.readsSessions) return void 0;
		return readSessionMembers(sessions, this.procRoot);
	}
};

// src/process/command-files.ts
/**
* Reads `NAME=value` lines (when `=` comes before any `<<`) and `NAME<<DELIMITER` heredocs,
* skipping empty lines. A heredoc's value is the original text between its first line and
* the delimiter line, without the line break before the delimiter, so line breaks inside
* the value are kept exactly as written. `platform` decides what ends a line (see
* `LineReader`); it is a parameter so the Windows rules can be tested anywhere.
*/
function parseCommandFile(text, platform = process.platform) {
	const entries = [];
	const reader = new LineReader(text, platform === "win32");
	for (let line = reader.next(); line !== void 0; line = reader.next()) {
		if (line === "") continue;
		const equals = line.indexOf("=");
		const heredoc = line.indexOf("<<");
		if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
			const name = line.slice(0, equals);
			if (name === "") return {
				entries,
				error: `Invalid format '${line}'. Name must not be empty`
			};
			entries.push([name, line.slice(equals + 1)]);
		} else if (heredoc >= 0) {
			const name = line.slice(0, heredoc);
			const delimiter = line.slice(heredoc + 2);
			if (name === "" || delimiter === "") return {
				entries,
				error: `Invalid format '${line}'. Name must not be empty and delimiter must not be empty`
			};
			const value = readHeredoc(reader, delimiter);
			if (value.error !== void 0) return {
				entries,
				error: value.error
			};
			entries.push([name, value.text]);
		} else return {
			entries,
			error: `Invalid format '${line}'`
		};
	}
	return { entries };
}
/**
* `SetEnvFileCommand._setEnvBlockList`: names a step may not set through `GITHUB_ENV`,
* compared with `StringComparison.OrdinalIgnoreCase`. NODE_OPTIONS would let a step
* inject code (`--require`) into every later JavaScript action.
*/
const SET_ENV_BLOCK_LIST = ["NODE_OPTIONS"];
/**
* Splits `GITHUB_ENV` entries as `SetEnvFileCommand.ProcessCommand` does: a blocked name
* is skipped and reported (the runner adds an error issue but does not fail the step);
* every other entry is applied.
*/
function refuseBlockedEnv(entries) {
	const accepted = [];
	const refused = [];
	for (const entry of entries) {
		const blocked = SET_ENV_BLOCK_LIST.find((name) => equalsOrdinalIgnoreCase(name, entry[0]));
		if (blocked === void 0) accepted.push(entry);
		else {
			const message = `Can't store ${blocked} output parameter using '$GITHUB_ENV' command.`;
			refused.push({
				name: entry[0],
				message
			});
		}
	}
	return {
		accepted,
		refused
	};
}
/**
* .NET's OrdinalIgnoreCase against an upper-case ASCII name: only ASCII letters fold to
* ASCII letters. .NET's ordinal casing table keeps U+0131 `ı` and U+017F `ſ` apart from
* `I` and `S` (dotnet/runtime, GlobalizationNative_InitOrdinalCasingPage), where
* JavaScript's toUpperCase would fold them.
*/
function equalsOrdinalIgnoreCase(ascii, name) {
	return name.length === ascii.length && name.replace(/[a-z]+/g, upper) === ascii;
}
function upper(letters) {
	return letters.toUpperCase();
}
/** The heredoc's value: the text from after its `NAME<<DELIMITER` line to the delimiter. */
function readHeredoc(reader, delimiter) {
	const start = reader.index;
	let end = start;
	let line = reader.next();
	while (line !== delimiter) {
		if (line === void 0) return { error: `Invalid value. Matching delimiter not found '${delimiter}'` };
		if (reader.newline === void 0) return { error: "Invalid value. EOF marker missing new line." };
		end = reader.index - reader.newline.length;
		line = reader.next();
	}
	return { text: end > start ? reader.text.slice(start, end) : "" };
}
/**
* `EnvFileKeyValuePairs.ReadLine`: on Linux and macOS only LF ends a line (a CR before it
* stays in the line, and so in a `NAME=value` value); on Windows (`#if OS_WINDOWS`) CRLF
* or LF does. A last line without a line break is a line, with no `newline`.
*/
var LineReader = class {
	text;
	windows;
	/** Where the next line starts. */
	index = 0;
	/** The line break that ended the last line read, if any. */
	newline;
	constructor(text, windows) {
		this.text = text;
		this.windows = windows;
	}
	next() {
		const { text } = this;
		const start = this.index;
		if (start >= text.length) {
			this.newline = void 0;
			return;
		}
		const lf = text.indexOf("\n", start);
		if (lf < 0) {
			this.index = text.length;
			this.newline = void 0;
			return text.slice(start);
		}
		if (this.windows && lf > start && text[lf - 1] === "\r") {
			this.index = lf + 1;
			this.newline = "\r\n";
			return text.slice(start, lf - 1);
		}
		this.index = lf + 1;
		this.newline = "\n";
		return text.slice(start, lf);
	}
};

// src/process/dotnet-text.ts
/**
* Text as the runner reads its command files: `File.ReadAllText(path)` and
* `File.ReadAllLines(path, Encoding.UTF8)` both go through a .NET `StreamReader` with UTF-8
* as the default and byte-order-mark detection on (`StreamReader.DetectEncoding`). A file
* written by PowerShell 5 (`Out-File` is UTF-16 LE with a BOM) or by an editor that adds
* a UTF-8 BOM therefore reads as its text, not with U+FEFF glued to the first name.
*/
const REPLACEMENT = "�";
/**
* Decodes a file's bytes as `StreamReader` does: the BOMs it checks, in its order
* (`FE FF` UTF-16 BE; `FF FE 00 00` UTF-32 LE, else `FF FE` UTF-16 LE; `EF BB BF` UTF-8;
* `00 00 FE FF` UTF-32 BE) are dropped and select the decoding; without one, UTF-8.
* Invalid sequences become U+FFFD, as with .NET's replacement fallback (both follow
* Unicode's "maximal subpart" practice for UTF-8). Only the first BOM is dropped: a
* second one is text, as in .NET.
*/
function decodeText(bytes) {
	const [b0, b1, b2, b3] = bytes;
	if (b0 === 254 && b1 === 255) return decodeUtf16(bytes.subarray(2), "be");
	if (b0 === 255 && b1 === 254) {
		if (bytes.length >= 4 && b2 === 0 && b3 === 0) return decodeUtf32(bytes.subarray(4), "le");
		return decodeUtf16(bytes.subarray(2), "le");
	}
	if (b0 === 239 && b1 === 187 && b2 === 191) return utf8.decode(bytes.subarray(3));
	if (b0 === 0 && b1 === 0 && b2 === 254 && b3 === 255) return decodeUtf32(bytes.subarray(4), "be");
	return utf8.decode(bytes);
}
/**
* The lines of a text as `File.ReadAllLines` returns them (`TextReader.ReadLine`): CR, LF
* and CRLF each end a line, on every OS; a terminator at the very end adds no empty line.
*/
function readAllLines(text) {
	if (text === "") return [];
	const lines = text.split(/\r\n|\r|\n/);
	if (lines[lines.length - 1] === "") lines.pop();
	return lines;
}
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const utf16le = new TextDecoder("utf-16le", { ignoreBOM: true });
function decodeUtf16(bytes, order) {
	if (order === "le") return utf16le.decode(bytes);
	const swapped = Uint8Array.from(bytes);
	for (let i = 0; i + 1 < swapped.length; i += 2) {
		swapped[i] = bytes[i + 1];
		swapped[i + 1] = bytes[i];
	}
	return utf16le.decode(swapped);
}
/** UTF-32 (TextDecoder has none): surrogates and values past U+10FFFF become U+FFFD. */
function decodeUtf32(bytes, order) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const parts = [];
	const whole = bytes.length - bytes.length % 4;
	for (let i = 0; i < whole; i += 4) {
		const code = view.getUint32(i, order === "le");
		const valid = code <= 1114111 && (code < 55296 || code > 57343);
		parts.push(valid ? String.fromCodePoint(code) : REPLACEMENT);
	}
	if (whole < bytes.length) parts.push(REPLACEMENT);
	return parts.join("");
}

// src/process/step-files.ts
/**
* Creates an attempt's script (in `directory`, with the needs' JSON when given) and empty command files (in
* `commandDirectory`, the same by default), named after the attempt: each step writes its
* own files, so parallel steps never interleave in one file. No directory per attempt:
* creating directories is slow on disks. On failure (ENOSPC, EMFILE...) nothing is left
* behind and the error is thrown.
*/
function createStepFiles(directory, name, scriptExtension, script, commandDirectory = directory, needsJson) {
	const files = {
		...needsJson !== void 0 && { needs: path.join(directory, `${name}.needs.json`) },
		script: path.join(directory, `${name}.script${scriptExtension}`),
		output: path.join(commandDirectory, `${name}.github_output`),
		env: path.join(commandDirectory, `${name}.github_env`),
		path: path.join(commandDirectory, `${name}.github_path`),
		summary: path.join(commandDirectory, `${name}.step_summary`),
		state: path.join(commandDirectory, `${name}.github_state`)
	};
	try {
		writeFileSync(files.script, script);
		if (files.needs !== void 0) writeFileSync(files.needs, needsJson ?? "");
		for (const file of commandFiles(files)) writeFileSync(file, "");
	} catch (error) {
		removeStepFiles(files);
		throw error;
	}
	return files;
}
function commandFiles(files) {
	return [
		files.output,
		files.env,
		files.path,
		files.summary,
		files.state
	];
}
/** Deletes an attempt's files once read; a file the step deleted is fine. */
function removeStepFiles(files) {
	for (const file of [
		files.script,
		...commandFiles(files),
		...files.needs === void 0 ? [] : [files.needs]
	]) try {
		unlinkSync(file);
	} catch {}
}
/**
* The most of GITHUB_OUTPUT, GITHUB_ENV or GITHUB_PATH read, each: more could not be used
* (an output passes GitHub's 1 MB limit, an environment Linux's 2 MiB for a command line
* and its environment), and reading it whole would let one step's file fill memory.
*/
const COMMAND_FILE_LIMIT = 1048576;
/**
* Reads an attempt's command files as the runner's FileCommandManager does (a file the
* step deleted reads as empty):
* - every file decoded as .NET reads text: a BOM selects the encoding and is dropped;
* - GITHUB_OUTPUT and GITHUB_ENV by EnvFileKeyValuePairs' rules for `platform`, and
*   GITHUB_ENV through SetEnvFileCommand's block list (what it refuses goes to `refused`);
* - GITHUB_PATH as AddPathFileCommand reads it (`File.ReadAllLines`: CR, LF and CRLF end
*   a line on every OS), empty lines skipped.
* Where stepgraph differs, it is to stay bounded and never pass on what no process can
* take: a file over COMMAND_FILE_LIMIT, or one that is not an ordinary file (a FIFO, a
* device), is not read, and a NUL in a variable or a directory stops the file there; each
* is an error that fails the step. (The summary is read apart: StepSummaries.)
*/
function readStepFiles(files, step, platform = process.platform) {
	const envFile = readCommandFile(files.env);
	const env = withoutNul("error" in envFile ? {
		entries: [],
		error: envFile.error
	} : parseCommandFile(envFile.text, platform));
	const { accepted, refused } = refuseBlockedEnv(env.entries);
	const outputFile = readCommandFile(files.output);
	const pathFile = readCommandFile(files.path);
	const path = "error" in pathFile ? [] : readAllLines(pathFile.text).filter((line) => line !== "");
	const nul = path.findIndex((line) => line.includes("\0"));
	const pathError = "error" in pathFile ? pathFile.error : nul >= 0 ? nulError("a directory", nul) : void 0;
	return {
		outputs: "error" in outputFile ? {
			entries: [],
			error: outputFile.error
		} : parseCommandFile(outputFile.text, platform),
		env: {
			...env,
			entries: accepted
		},
		path: nul >= 0 ? path.slice(0, nul) : path,
		...pathError !== void 0 && { pathError },
		refused: refused.map(({ name, message }) => ({
			step,
			file: "GITHUB_ENV",
			name,
			message
		}))
	};
}
/** What fails the step in its command files, named after the file, if anything. */
function commandFilesError(contents) {
	if (contents.outputs.error !== void 0) return `GITHUB_OUTPUT: ${contents.outputs.error}`;
	if (contents.env.error !== void 0) return `GITHUB_ENV: ${contents.env.error}`;
	if (contents.pathError !== void 0) return `GITHUB_PATH: ${contents.pathError}`;
}
/** GITHUB_ENV up to its first entry with a NUL, which no process can be given. */
function withoutNul(file) {
	if (file.error !== void 0) return file;
	const nul = file.entries.findIndex(([name, value]) => name.includes("\0") || value.includes("\0"));
	if (nul < 0) return file;
	const [name = ""] = file.entries[nul] ?? [];
	const what = name.includes("\0") ? "a variable name" : `the value of ${name}`;
	return {
		entries: file.entries.slice(0, nul),
		error: nulError(what, nul)
	};
}
function nulError(what, index) {
	return `${what} (entry ${index + 1}) holds a NUL character, which no process can be given; nothing from there on was used`;
}
/** A command file's text, or why it was not read; a file the step deleted is empty. */
function readCommandFile(file) {
	if (isMissingOrEmptyFile(file)) return { text: "" };
	try {
		const { bytes } = readFilePrefix(file, COMMAND_FILE_LIMIT, (stat) => {
			if (stat.size > 1048576) throw new TooLargeError(stat.size);
		});
		if (bytes.length >= 1048576) throw new TooLargeError(bytes.length);
		return { text: decodeText(bytes) };
	} catch (error) {
		if (error.code === "ENOENT") return { text: "" };
		if (error instanceof TooLargeError || error instanceof NotAFileError) return { error: `the file ${error.message}; stepgraph did not use it` };
		return { error: `the file could not be read: ${error.message}` };
	}
}
var TooLargeError = class extends Error {
	constructor(size) {
		super(`is ${size.toLocaleString("en-US")} bytes, more than the 1 MiB (${COMMAND_FILE_LIMIT.toLocaleString("en-US")} bytes) stepgraph reads of a command file`);
	}
};

// src/process/step-file-places.ts
/**
* How much free space the tmpfs must have for an attempt's command files to go there: the
* step writes into them, and nothing bounds what it writes. Docker's 64 MiB /dev/shm (and
* Kubernetes') is too small for that, and a full one is useless; a runner's (half of its
* memory: gigabytes) has room to spare.
*/
const TMPFS_MIN_FREE_BYTES = 1024 ** 3;
/** Free space for an unprivileged writer, in bytes; 0 when unknown (counts as no room). */
function freeBytes(directory) {
	try {
		const stats = statfsSync(directory);
		return stats.bavail * stats.bsize;
	} catch {
		return 0;
	}
}
/**
* Creates an attempt's files where they fit, checked anew for each attempt (a tmpfs fills
* up and empties during a run):
* - the script, which stepgraph writes (a known size), on the tmpfs;
* - the command files, which the step writes, on the tmpfs only while it has
*   TMPFS_MIN_FREE_BYTES free, otherwise on disk, so a small or full tmpfs never limits
*   what a step can write to GITHUB_OUTPUT or GITHUB_STEP_SUMMARY.
* When creating them fails (ENOSPC, EDQUOT, EMFILE, a directory removed...), the other
* place is tried, all on disk first; the error names every place tried.
*/
function createStepFilesIn(places, name, scriptExtension, script, free = freeBytes, needsJson) {
	const { tmpfs, disk } = places;
	const tries = [];
	if (tmpfs === void 0) tries.push([disk, disk]);
	else if (free(tmpfs) >= TMPFS_MIN_FREE_BYTES) tries.push([tmpfs, tmpfs], [disk, disk]);
	else tries.push([tmpfs, disk], [disk, disk], [tmpfs, tmpfs]);
	const failures = [];
	for (const [scriptDirectory, commandDirectory] of tries) try {
		return createStepFiles(scriptDirectory, name, scriptExtension, script, commandDirectory, needsJson);
	} catch (error) {
		failures.push(error.message);
	}
	throw new Error(failures.join("; "));
}

// src/process/step-environment.ts
/**
* The environment of a `run:` step, worked out from the runner's handlers (actions/runner
* 2.336). stepgraph is a JavaScript action, and the runner gives an action more than it
* gives a `run:` step; a step of the graph must see only what a `run:` step would.
*/
/**
* Given by NodeScriptActionHandler to actions only: with them any program a step runs
* could write to the job's cache and artifacts. (`ACTIONS_ID_TOKEN_REQUEST_*` and
* `ACTIONS_ORCHESTRATION_ID` are given to `run:` steps too, by ScriptHandler.)
*/
const ACTION_ONLY = /* @__PURE__ */ new Set([
	"ACTIONS_RUNTIME_TOKEN",
	"ACTIONS_RUNTIME_URL",
	"ACTIONS_CACHE_URL",
	"ACTIONS_RESULTS_URL",
	"ACTIONS_CACHE_SERVICE_V2",
	"ACTIONS_CACHE_MODE",
	"GITHUB_ACTION_REPOSITORY",
	"GITHUB_ACTION_REF"
]);
/** Handler.AddInputsToEnvironment: the action's inputs. */
const INPUT_PREFIX = "INPUT_";
/**
* The github and runner context keys the runner sets as GITHUB_<KEY> and RUNNER_<KEY> for
* every step (GitHubContext's allow-list, RunnerContext), after the step's own `env` and
* what GITHUB_ENV exported: a step cannot change them, and neither can a graph step.
*/
const GITHUB_CONTEXT_KEYS = [
	"action_path",
	"action_ref",
	"action_repository",
	"action",
	"actor",
	"actor_id",
	"api_url",
	"artifacts",
	"artifacts_list",
	"base_ref",
	"env",
	"event_name",
	"event_path",
	"graphql_url",
	"head_ref",
	"job",
	"output",
	"path",
	"ref_name",
	"ref_protected",
	"ref_type",
	"ref",
	"repository",
	"repository_id",
	"repository_owner",
	"repository_owner_id",
	"retention_days",
	"run_attempt",
	"run_id",
	"run_number",
	"server_url",
	"sha",
	"state",
	"step_summary",
	"triggering_actor",
	"workflow",
	"workflow_ref",
	"workflow_sha",
	"workspace"
];
const RUNNER_CONTEXT_KEYS = [
	"arch",
	"debug",
	"environment",
	"name",
	"os",
	"temp",
	"tool_cache",
	"workspace"
];
/** GITHUB_* and RUNNER_* names the runner sets for each step itself, in upper case. */
const RUNNER_SET_NAMES = /* @__PURE__ */ new Set([...GITHUB_CONTEXT_KEYS.map((key) => `GITHUB_${key.toUpperCase()}`), ...RUNNER_CONTEXT_KEYS.map((key) => `RUNNER_${key.toUpperCase()}`)]);
/** Whether the runner sets `name` for every step, whatever a step exports or declares. */
function isRunnerSet(name) {
	return RUNNER_SET_NAMES.has(name.toUpperCase());
}
/**
* What every step starts from: the action's environment without what only actions get.
* Names are compared in upper case: on Windows the environment ignores case.
*/
function runStepEnvironment(actionEnv) {
	const env = Object.create(null);
	for (const [name, value] of Object.entries(actionEnv)) {
		const upper = name.toUpperCase();
		if (ACTION_ONLY.has(upper) || upper.startsWith(INPUT_PREFIX)) continue;
		env[name] = value;
	}
	return env;
}
/**
* The runner's own GITHUB_* and RUNNER_* values, as the action received them: put back
* last in every step's environment, over its `env` and what its needs exported.
*/
function runnerSetValues(actionEnv) {
	const values = /* @__PURE__ */ new Map();
	for (const [name, value] of Object.entries(actionEnv)) if (value !== void 0 && isRunnerSet(name) && !ACTION_ONLY.has(name.toUpperCase())) values.set(name, value);
	return values;
}
/**
* A step's environment, built on the shared base environment (its prototype: no copy of
* a hundred variables per step). Where names ignore case (Windows), setting a name
* replaces the variable under any other spelling, as the runner's environment dictionary
* does; Node would otherwise pass both spellings and keep whichever sorts first.
*/
var EnvironmentBuilder = class {
	env;
	/** Upper-cased name -> the spelling in use, when names ignore case. */
	spelling;
	constructor(base, baseSpelling) {
		this.env = Object.create(base);
		this.spelling = baseSpelling && new Map(baseSpelling);
	}
	/** The spelling of each name in `env`, for builders where names ignore case. */
	static spellingOf(env) {
		return new Map(Object.keys(env).map((name) => [name.toUpperCase(), name]));
	}
	get(name) {
		return this.env[this.spelling?.get(name.toUpperCase()) ?? name];
	}
	set(name, value) {
		if (this.spelling) {
			const upper = name.toUpperCase();
			const previous = this.spelling.get(upper);
			if (previous !== void 0 && previous !== name) this.env[previous] = void 0;
			this.spelling.set(upper, name);
		}
		this.env[name] = value;
	}
};

// src/process/step-summaries.ts
/**
* The bytes of the steps' own GITHUB_STEP_SUMMARY files kept, all steps together: the job
* summary cannot pass GitHub's 1 MiB, so more could never be shown.
*/
const STEP_SUMMARIES_BUDGET = 1048576;
const NO_BYTES = Buffer.alloc(0);
/**
* What each step wrote to its GITHUB_STEP_SUMMARY, within one budget for all of them, so
* that memory stays bounded however many steps write however much.
*
* The budget is shared like water poured into vessels: each summary keeps
* min(its size, level), the level being the highest at which everything fits. Small
* summaries are kept whole, large ones are cut to the same length. Steps end in any order:
* each is read up to the level of the steps recorded so far, and every later record can
* only lower the level and cut more, so what is finally kept does not depend on that
* order (a retried step counts with the largest summary any of its attempts wrote).
* A cut summary ends with a note saying so; none is ever dropped without one.
*/
var StepSummaries = class {
	budget;
	/** summaries[v]: step v's last attempt's summary, once it has ended. */
	summaries;
	/** wanted[v]: the most step v may want (its largest summary, at most the budget). */
	wanted;
	/** The wanted sizes above 0, ascending, and their sum: the level's inputs. */
	sorted = [];
	totalWanted = 0;
	/** No summary keeps more bytes than this. Only ever goes down. */
	level = 1e400;
	constructor(steps, budget = STEP_SUMMARIES_BUDGET) {
		this.budget = budget;
		this.summaries = new Array(steps).fill(void 0);
		this.wanted = new Array(steps).fill(0);
	}
	/** Reads an ended attempt's summary file (a file the step deleted reads as empty). */
	record(step, file) {
		if (isMissingOrEmptyFile(file)) {
			this.summaries[step] = {
				bytes: NO_BYTES,
				size: 0
			};
			return;
		}
		try {
			this.summaries[step] = this.read(step, file);
		} catch (error) {
			const problem = describeProblem(error);
			this.summaries[step] = {
				bytes: Buffer.alloc(0),
				size: 0,
				...problem && { problem }
			};
		}
	}
	/**
	* Step v's summary as Markdown text, with a note when it was cut or could not be read;
	* '' when it wrote none.
	*/
	text(step) {
		const summary = this.summaries[step];
		if (!summary) return "";
		if (summary.problem) return `_stepgraph did not read this step's summary: ${summary.problem}._`;
		const text = decodeText(summary.bytes);
		if (summary.bytes.length >= summary.size) return text;
		const whole = text.replace(/\uFFFD$/, "");
		const note = `_stepgraph kept the first ${formatBytes$1(summary.bytes.length)} of the ${formatBytes$1(summary.size)} this step wrote: the steps' own summaries share ${formatBytes$1(this.budget)}, as much as a job summary can hold._`;
		return whole.trim() === "" ? note : `${note}\n\n${whole}`;
	}
	/** Bytes held, all summaries together (at most the budget). */
	get heldBytes() {
		return this.summaries.reduce((total, summary) => total + (summary?.bytes.length ?? 0), 0);
	}
	/** Step v's file, read up to the level its size leaves it; the others cut to that level. */
	read(step, file) {
		let size = 0;
		const { bytes } = readFilePrefix(file, this.budget, (stat) => {
			size = stat.size;
			this.want(step, Math.min(stat.size, this.budget));
		});
		const allowed = Math.min(this.level, size);
		return {
			bytes: bytes.length > allowed ? Buffer.from(bytes.subarray(0, allowed)) : bytes,
			size: Math.max(size, bytes.length)
		};
	}
	/** Step v may want `size` bytes: the level goes down if that no longer fits. */
	want(step, size) {
		const before = this.wanted[step] ?? 0;
		if (size <= before) return;
		this.wanted[step] = size;
		if (before > 0) this.sorted.splice(insertionPoint(this.sorted, before), 1);
		this.sorted.splice(insertionPoint(this.sorted, size), 0, size);
		this.totalWanted += size - before;
		if (this.totalWanted <= this.budget) return;
		const level = waterLevel(this.sorted, this.budget);
		if (level >= this.level) return;
		this.level = level;
		for (const summary of this.summaries) if (summary && summary.bytes.length > level) summary.bytes = Buffer.from(summary.bytes.subarray(0, level));
	}
};
/**
* The highest level L at which Σ min(size, L) over `ascending` fits in `budget`; Infinity
* when all of it fits.
*/
function waterLevel(ascending, budget) {
	let left = budget;
	for (let i = 0; i < ascending.length; i++) {
		const size = ascending[i];
		const sharing = ascending.length - i;
		if (size * sharing > left) return Math.floor(left / sharing);
		left -= size;
	}
	return 1e400;
}
/** The first index of `sorted` (ascending) whose value is not below `value`. */
function insertionPoint(sorted, value) {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = low + high >>> 1;
		if (sorted[middle] < value) low = middle + 1;
		else high = middle;
	}
	return low;
}
function describeProblem(error) {
	if (error.code === "ENOENT") return void 0;
	if (error instanceof NotAFileError) return `GITHUB_STEP_SUMMARY ${error.message}`;
	return `GITHUB_STEP_SUMMARY could not be read (${error instanceof Error ? error.message : String(error)})`;
}
function formatBytes$1(bytes) {
	if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
	if (bytes < 1048576) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

// src/process/process-workers.ts
/**
* Starts steps as real processes, exactly as the runner would start a `run:` step, with
* what the steps before them exported through GITHUB_ENV and GITHUB_PATH.
*/
var ProcessWorkers = class {
	options;
	envFlow;
	reaper = new SessionReaper();
	/** files[v]: what step v's last attempt wrote to its command files. */
	files;
	/** What the steps wrote to GITHUB_STEP_SUMMARY, within one budget for all. */
	summaries;
	platform;
	pathKey;
	/** A snapshot of the base environment: the prototype of every step's (never frozen: a
	* read-only inherited key could not be set on a step's own environment). It has no
	* prototype itself, so any variable name, `__proto__` included, is an ordinary key. */
	baseEnv;
	/** The runner's GITHUB_* and RUNNER_* values, which no step can change. */
	runnerSet;
	/** Windows: the spelling of each base variable's name (names ignore case there). */
	baseSpelling;
	/** Services whose exports were recorded when they were ready, for the steps that need them. */
	exportedWhenReady = /* @__PURE__ */ new Set();
	constructor(options) {
		this.options = options;
		const { graph, baseEnv } = options;
		this.envFlow = new EnvFlow(graph.dag, graph.steps.map((step) => step.id));
		this.files = new Array(graph.dag.size).fill(void 0);
		this.summaries = new StepSummaries(graph.dag.size);
		this.pathKey = Object.keys(baseEnv).find((key) => key.toUpperCase() === "PATH") ?? "PATH";
		this.platform = options.platform ?? hostPlatform(baseEnv);
		this.baseEnv = runStepEnvironment(baseEnv);
		this.runnerSet = runnerSetValues(baseEnv);
		this.baseSpelling = this.platform.os === "win32" ? EnvironmentBuilder.spellingOf(this.baseEnv) : void 0;
	}
	start(placement) {
		const written = this.options.graph.steps[placement.step];
		const starting = this.starting(placement.step);
		const spec = this.options.starter?.expand(placement.step, starting.builder.env) ?? written;
		if ("error" in spec) return failedToStart(spec.error, this.options, placement);
		const { os } = this.platform;
		const shell = shellSpec(spec.shell ?? this.options.defaultShell, os);
		const needs = this.options.starter?.needsJson(placement.step);
		const needsInFile = needs !== void 0 && Buffer.byteLength(needs) > 65536;
		let files;
		try {
			files = createStepFilesIn(this.options.controlDirectories, `${fileStem(spec)}.${placement.attempt}`, shell.extension, scriptContents(shell, spec.run, os), void 0, needsInFile ? needs : void 0);
		} catch (error) {
			return failedToStart(`could not create the step's script and command files: ${error.message}`, this.options, placement);
		}
		const { env, shellPath } = this.environment(starting, spec, placement, files, needs);
		const command = findShell(shell, shellPath, this.platform);
		const cwd = path.resolve(this.options.workingDirectory, spec.workingDirectory ?? ".");
		const service = spec.service && startService(spec.service, {
			shell,
			command,
			os,
			cwd,
			env,
			files,
			reaper: this.reaper,
			wake: this.options.wake
		}, () => {
			this.exportsWhenReady(placement, files);
		});
		const worker = new ProcessWorker({
			invocation: command === void 0 ? { error: `the shell \`${shell.candidates.at(-1) ?? ""}\` was not found on PATH` } : invocation(shell, command, files.script, os),
			cwd,
			env,
			output: (flow) => {
				const sink = this.options.outputFor(placement, flow);
				if (needsInFile) sink.note(needsInFileNote(needs));
				return service ? service.watching(sink) : sink;
			},
			reaper: this.reaper,
			wake: this.options.wake
		});
		const own = {
			poll: (at) => {
				const exit = worker.poll(at);
				return exit && this.collect(placement, files, exit);
			},
			stop: (at, graceMs) => {
				worker.stop(at, graceMs);
			},
			kill: () => {
				worker.kill();
			},
			hasExited: () => worker.hasExited(),
			nextDeadline: () => worker.nextDeadline()
		};
		return service ? service.worker(own) : own;
	}
	/**
	* A service is ready: what it wrote to its command files so far is what the steps that
	* need it get (its outputs, and its GITHUB_ENV and GITHUB_PATH, recorded once: a
	* dependent's view must not change under it). Its outputs are read again when it stops.
	*/
	exportsWhenReady(placement, files) {
		const contents = readStepFiles(files, this.options.graph.steps[placement.step]?.id ?? "?", this.platform.os);
		this.files[placement.step] = contents;
		this.envFlow.record(placement.step, contents.env.entries, contents.path);
		this.exportedWhenReady.add(placement.step);
	}
	/** Reads the attempt's command files before its dependents can start. */
	collect(placement, files, exit) {
		const contents = readStepFiles(files, this.options.graph.steps[placement.step]?.id ?? "?", this.platform.os);
		this.summaries.record(placement.step, files.summary);
		removeStepFiles(files);
		this.files[placement.step] = contents;
		if (!this.exportedWhenReady.has(placement.step)) this.envFlow.record(placement.step, contents.env.entries, contents.path);
		const problem = commandFilesError(contents);
		if (problem === void 0 || exit.error !== void 0) return exit;
		return {
			...exit,
			error: problem
		};
	}
	/**
	* The environment step v starts from, before its own `env`: the job's (the action's,
	* without what only actions get) and what its needs exported. The `env` context of its
	* `if` and of its `env` values.
	*/
	startingEnvironment(step) {
		return this.starting(step).builder.env;
	}
	/** The environment step v starts from, and the directories its needs added to PATH. */
	starting(step) {
		const builder = new EnvironmentBuilder(this.baseEnv, this.baseSpelling);
		const inherited = this.envFlow.inherited(step);
		for (const [name, value] of inherited.vars) builder.set(name, value);
		return {
			builder,
			path: inherited.path
		};
	}
	/**
	* A step's environment, in the runner's order for a `run:` step (ScriptHandler): the
	* job's and what its needs exported (`starting`), its `env`; PATH
	* with the GITHUB_PATH additions in front; the runner's own GITHUB_* and RUNNER_*
	* values over all of that; then stepgraph's variables and the step's private command
	* files. Also where its shell is looked up: the runner's own PATH with the additions in
	* front (`prependPath`), whatever PATH the step's env sets.
	*/
	environment(starting, spec, placement, files, needs) {
		const step = starting.builder;
		for (const [name, value] of spec.env) step.set(name, value);
		const separator = this.platform.os === "win32" ? ";" : ":";
		const added = [...starting.path].reverse().join(separator);
		const prepend = (path) => added === "" ? path : path ? `${added}${separator}${path}` : added;
		const stepPath = prepend(step.get("PATH"));
		if (stepPath !== void 0) step.set(this.pathKey, stepPath);
		for (const [name, value] of this.runnerSet) step.set(name, value);
		step.set("STEPGRAPH_STEP_ID", spec.id);
		step.set("STEPGRAPH_SLOT", String(placement.slot));
		step.set("STEPGRAPH_ATTEMPT", String(placement.attempt));
		if (files.needs !== void 0) step.set("STEPGRAPH_NEEDS_FILE", files.needs);
		else if (needs !== void 0) step.set("STEPGRAPH_NEEDS", needs);
		if (spec.matrix !== void 0) {
			step.set("STEPGRAPH_MATRIX", JSON.stringify(spec.matrix, null, 2));
			for (const [name, value] of matrixVariables(spec)) step.set(name, value);
		}
		step.set("GITHUB_OUTPUT", files.output);
		step.set("GITHUB_ENV", files.env);
		step.set("GITHUB_PATH", files.path);
		step.set("GITHUB_STEP_SUMMARY", files.summary);
		step.set("GITHUB_STATE", files.state);
		return {
			env: step.env,
			shellPath: prepend(this.baseEnv[this.pathKey])
		};
	}
};
/**
* The largest STEPGRAPH_NEEDS put in the environment, in bytes. Linux takes at most
* 128 KiB in one variable (MAX_ARG_STRLEN) and 2 MiB for all of them with the arguments:
* needs that wrote large outputs (each may write up to 1 MiB) would keep the step from
* starting (E2BIG). A larger one is written to a file, STEPGRAPH_NEEDS_FILE.
*/
const NEEDS_IN_ENVIRONMENT_LIMIT = 65536;
function needsInFileNote(needs) {
	return `STEPGRAPH_NEEDS would be ${Buffer.byteLength(needs).toLocaleString("en-US")} bytes, more than the environment is given (64 KiB): it is in the file named by STEPGRAPH_NEEDS_FILE`;
}
/** A worker for an attempt that failed before a process could exist. */
function failedToStart(error, options, placement) {
	const output = options.outputFor(placement, {
		pause: () => void 0,
		resume: () => void 0
	});
	let closed = false;
	return {
		poll: () => {
			if (!closed) {
				closed = true;
				output.close();
			}
			return {
				exitCode: null,
				signal: null,
				error
			};
		},
		stop: () => void 0,
		kill: () => void 0
	};
}

// src/scheduler/clock.ts
var SystemClock = class {
	/** Ends the sleep in progress; undefined when not sleeping. */
	endSleep;
	/** Set by a wake that came while not sleeping: the next sleep returns at once. */
	wokenEarly = false;
	now() {
		return performance.now();
	}
	wallTime() {
		return Date.now();
	}
	sleep(ms) {
		if (this.wokenEarly) {
			this.wokenEarly = false;
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			const finish = () => {
				clearTimeout(timer);
				this.endSleep = void 0;
				resolve();
			};
			const timer = setTimeout(finish, Math.max(0, ms));
			this.endSleep = finish;
		});
	}
	wake() {
		if (this.endSleep) this.endSleep();
		else this.wokenEarly = true;
	}
};

// src/scheduler/observer.ts
/**
* One observer that tells each of `observers` of every event, in the order given (so an
* estimate can learn of an event before the reporter that shows it).
*/
function observeAll(...observers) {
	const present = observers.filter((observer) => observer !== void 0);
	return {
		attemptStarted: (event) => {
			for (const observer of present) observer.attemptStarted?.(event);
		},
		attemptEnded: (event) => {
			for (const observer of present) observer.attemptEnded?.(event);
		},
		stepFinished: (result) => {
			for (const observer of present) observer.stepFinished?.(result);
		},
		serviceReady: (event) => {
			for (const observer of present) observer.serviceReady?.(event);
		},
		serviceStopping: (event) => {
			for (const observer of present) observer.serviceStopping?.(event);
		},
		pollRound: (now) => {
			for (const observer of present) observer.pollRound?.(now);
		}
	};
}

// src/scheduler/conditions.ts
/** `if:` that is a bare status call: `success()`, `failure()`, `always()`, `cancelled()`. */
var StatusConditions = class {
	steps;
	calls;
	constructor(steps) {
		this.steps = steps;
		this.calls = steps.map((spec) => {
			const call = bareStatusCall(spec.if);
			if (call === void 0) throw new Error(`step \`${spec.id}\`: \`if: ${spec.if}\` needs the expression evaluator`);
			return call;
		});
	}
	startsWhenStopping(step) {
		return this.calls[step] === "cancelled";
	}
	decide(step, needs, stopping) {
		const call = this.calls[step] ?? "success";
		const text = this.steps[step]?.if ?? "success()";
		return decide({
			text,
			callsStatus: true
		}, needs, stopping, (values) => call === "always" ? true : values[call]);
	}
};

// src/scheduler/dag-iterator.ts
/**
* e3's DAGIterator with its busy state: `next()` hands out a ready step and marks it busy,
* `leave()` marks a busy step visited and releases the steps that were waiting only for
* it. Unlike e3's, which rescans every unvisited vertex on each `next()`, readiness is
* kept as predecessor counts and a heap of ready steps: a whole run is O((V + E) log V).
*
* Among ready steps, the one with the longest chain of steps still ahead of it goes first
* (declaration order breaks ties): on wide graphs with few slots, starting the long chains
* early shortens the wall time.
*
* Services (`isService`) are kept apart and handed out by `nextService()`: they hold no
* slot, so the loop starts them as soon as they are ready, even while every slot is busy.
*/
var DagIterator = class {
	dag;
	isService;
	/** waiting[v]: how many of v's predecessors have not been left yet. */
	waiting;
	/** Steps whose predecessors have all been left and that were not handed out yet. */
	ready;
	/** Services whose predecessors have all been left, in declaration order. */
	readyServices = [];
	/** Steps left (visited) so far; `next()` is 'done' when this reaches the graph's size. */
	visitedCount = 0;
	constructor(dag, priority, isService = () => false) {
		this.dag = dag;
		this.isService = isService;
		this.waiting = Int32Array.from({ length: dag.size }, (_, v) => dag.predecessorCount(v));
		this.ready = new Heap((a, b) => {
			const pa = priority[a];
			const pb = priority[b];
			return pa > pb || pa === pb && a < b;
		});
		for (let v = 0; v < dag.size; v++) if (this.waiting[v] === 0) this.push(v);
	}
	/** A ready service, marked busy; undefined when none is ready. */
	nextService() {
		return this.readyServices.shift();
	}
	get hasReadyService() {
		return this.readyServices.length > 0;
	}
	next() {
		const step = this.ready.pop();
		if (step !== void 0) return step;
		return this.visitedCount === this.dag.size ? "done" : "busy";
	}
	/** Steps with no needs: ready from the start. */
	initiallyReady() {
		const ready = [];
		this.waiting.forEach((count, v) => {
			if (count === 0) ready.push(v);
		});
		return ready;
	}
	/**
	* Marks a busy step visited; its successors become ready once all their needs are left.
	* Returns the steps this made ready.
	*/
	leave(step) {
		this.visitedCount++;
		const released = [];
		for (const s of this.dag.successors[step] ?? []) {
			const left = this.waiting[s] - 1;
			this.waiting[s] = left;
			if (left === 0) {
				this.push(s);
				released.push(s);
			}
		}
		return released;
	}
	push(step) {
		if (this.isService(step)) this.readyServices.push(step);
		else this.ready.push(step);
	}
};

// src/scheduler/ready-steps.ts
/** A ready step the stopping run does not start: `cancelled`, with the stop's reason. */
function notStartedWhileStopping(step, now, { ledger, stop }) {
	return {
		start: false,
		result: {
			step,
			status: "cancelled",
			attempts: [],
			readyAt: ledger.readyAtOf(step) ?? now,
			reason: `not started: ${stop.reason ?? "the run stopped"}`
		}
	};
}
/**
* Decides a ready step: its `if` with how its needs ended. Once the run is stopping, only
* a step whose `if` calls `cancelled()` is decided; the others are cancelled as they
* become ready, which releases the steps after them. An `if` that could not be evaluated
* fails the step, which may fail fast.
*/
function decideReadyStep(step, now, context) {
	const { ledger, stop } = context;
	if (stop.stopping && !context.conditions.startsWhenStopping(step)) return notStartedWhileStopping(step, now, context);
	const readyAt = ledger.readyAtOf(step) ?? now;
	const decision = context.conditions.decide(step, ledger.needStates(step), stop.stopping);
	if (decision.run) return { start: true };
	const { reason, because } = decision;
	const result = {
		step,
		status: decision.failed ? "failure" : "skipped",
		attempts: [],
		readyAt,
		reason,
		...because !== void 0 && !decision.failed && { skippedBecauseOf: because }
	};
	const spec = context.steps[step];
	const failsFast = decision.failed && context.failFast && countsAsFailed("failure", spec) ? `fail-fast: \`${spec.id}\` failed` : void 0;
	return {
		start: false,
		result,
		...failsFast !== void 0 && { failsFast }
	};
}

// src/scheduler/poll-interval.ts
/**
* e3's `compute_next_dyn_poll`: after more than 8 scans of a wait, poll less often (×1.25,
* up to 1 s); otherwise poll more often (×0.75, down to 0.1 ms). Polling too often wastes
* the CPU the steps need; too rarely, and timeouts and progress lag.
*/
function computeNextDynPoll(pollCounter, pollIntervalMs) {
	if (pollCounter > 8 && pollIntervalMs < 1e3) return pollIntervalMs * 1.25;
	if (pollIntervalMs > .1) return pollIntervalMs * .75;
	return pollIntervalMs;
}

// src/scheduler/retries.ts
/** Short backoff: 1 s, 2 s, 4 s, ... at most 10 s. */
const DEFAULT_RETRY_BACKOFF_MS = (failedAttempt) => Math.min(1e4, 1e3 * 2 ** (failedAttempt - 1));
/** Whether an attempt that ended with `status` may run again under the step's `retries`. */
function retriable(status, attempt, spec) {
	return (status === "failure" || status === "timed-out") && attempt <= spec.retries;
}
/**
* Failed attempts waiting for their backoff, earliest first. Their steps stay busy in the
* DAG iterator meanwhile, so nothing that needs them starts; they hold no slot.
*/
var RetryQueue = class {
	backoffMs;
	queue = [];
	constructor(backoffMs) {
		this.backoffMs = backoffMs;
	}
	/** Schedules the next attempt of `step` after `failedAttempt`; returns when it is due. */
	schedule(step, failedAttempt, now) {
		const dueAt = now + this.backoffMs(failedAttempt);
		let i = this.queue.length;
		while (i > 0 && this.queue[i - 1].dueAt > dueAt) i--;
		this.queue.splice(i, 0, {
			step,
			attempt: failedAttempt + 1,
			dueAt
		});
		return dueAt;
	}
	isDue(now) {
		const first = this.queue[0];
		return first !== void 0 && first.dueAt <= now;
	}
	/** The earliest retry if it is due, taken off the queue. */
	takeDue(now) {
		return this.isDue(now) ? this.queue.shift() : void 0;
	}
	/** When the earliest retry falls due, if any waits. */
	get nextDueAt() {
		return this.queue[0]?.dueAt;
	}
	/** Takes every waiting retry away (the run is stopping). */
	drain() {
		return this.queue.splice(0);
	}
};

// src/scheduler/run-stop.ts
/**
* After a cancellation's SIGTERM (fail-fast, a signal to stepgraph), how long before
* SIGKILL. Short enough that a cancelled run is over within about 3 s, inside the runner's 7.5 s.
*/
const DEFAULT_CANCEL_GRACE_MS = 2500;
/**
* Whether the run is stopping, and why: fail-fast (a step failed the run) or a
* cancellation from outside (a signal to stepgraph). Once stopping, it stays stopping; a
* cancellation after fail-fast still marks the run cancelled.
*/
var RunStop = class {
	state;
	get stopping() {
		return this.state !== void 0;
	}
	/** Why the run stopped; undefined while it has not. */
	get reason() {
		return this.state?.reason;
	}
	/** Whether it was cancelled from outside (a signal), as opposed to fail-fast. */
	get cancelled() {
		return this.state?.cancelled ?? false;
	}
	/** Stops the run; true the first time only (the caller then asks running steps to end). */
	begin(reason, cancelled) {
		if (this.state) {
			if (cancelled && !this.state.cancelled) this.state = {
				reason: this.state.reason,
				cancelled
			};
			return false;
		}
		this.state = {
			reason,
			cancelled
		};
		return true;
	}
};
/**
* Fail-fast over the exits of one scan, decided before any of them is recorded: every step
* that failed in it for good (no retry left) is named, so that the outcome does not depend
* on which slot came first. Undefined when none failed the run.
*/
function failFastReason(judged, steps) {
	const failed = judged.filter(({ step, attempt, status }) => {
		const spec = steps[step];
		return countsAsFailed(status, spec) && attempt > spec.retries;
	}).sort((a, b) => a.step - b.step);
	if (failed.length === 0) return void 0;
	return `fail-fast: ${failed.map(({ step, status }) => `\`${steps[step].id}\` ${describeFailure(status)}`).join(", ")}`;
}

// src/scheduler/running-attempt.ts
/**
* Asks a running attempt to end, noting whether its process had already ended on its
* own: if it had, the stop changes nothing about how it ended (`attemptStatus`).
*/
function stopAttempt(running, reason, now, graceMs) {
	running.stopReason = reason;
	running.exitedBeforeStop = running.worker.hasExited?.() ?? false;
	running.worker.stop(now, graceMs);
}
/**
* How an attempt ended. A real exit always wins: a timeout or a cancellation gives the
* status only when it was asked for before the process ended; a process that had already
* ended keeps the status of its exit.
*/
function attemptStatus(running, exit) {
	if (stoppedBeforeExit(running)) return running.stopReason === "timeout" ? "timed-out" : "cancelled";
	return exitSucceeded(exit) ? "success" : "failure";
}
/** Whether the scheduler's stop came before the process ended on its own. */
function stoppedBeforeExit(running) {
	return running.stopReason !== void 0 && !running.exitedBeforeStop;
}
function exitSucceeded(exit) {
	return exit.error === void 0 && exit.exitCode === 0 && exit.signal === null;
}
/** The attempt as the results keep it, ended at `now` with `status`. */
function endedAttempt(running, exit, status, now) {
	return {
		attempt: running.attempt,
		slot: running.slot,
		startedAt: running.startedAt,
		endedAt: now,
		startedAtWall: running.startedAtWall,
		status,
		exit
	};
}

// src/scheduler/services.ts
/**
* After a service's SIGTERM when no step needs it any more (or it was not ready in time),
* how long before SIGKILL: long enough for a database to shut down cleanly.
*/
const DEFAULT_SERVICE_STOP_GRACE_MS = 5e3;
/**
* The life cycle of services (`service: true`), in one place. A service starts like any
* step but holds no slot: slots bound the work running at once, and a database idling
* while four test steps use four slots must not take a fifth step's place. Then:
*
* 1. starting: the worker is asked each round whether every `ready-when` condition has
*    held (`Worker.isReady`); not ready by `ready-timeout-minutes`, it is stopped and
*    fails, and the steps that need it are skipped with that reason;
* 2. ready: the steps that need it are released (`StepLedger.releaseService`) and see it
*    as succeeded; it runs until every one of them has finished (`dependentFinished`),
*    then gets SIGTERM to its whole tree and SIGKILL after the grace;
* 3. ended: being stopped is its normal end (`success`). Ending on its own before it was
*    ready, or while a step that needs it has not finished, is a `failure` with its exit;
*    the steps that needed it and had not started are then skipped with that reason.
*
* A stop of the run (fail-fast, a signal) stops every service: one that was ready ends
* `success`, one that was not is `cancelled`. Invariant: the run's loop does not end
* while a service runs, so none outlives the run.
*/
var Services = class {
	dag;
	steps;
	factory;
	ledger;
	observer;
	stopGraceMs;
	running = /* @__PURE__ */ new Map();
	constructor(dag, steps, factory, ledger, observer, stopGraceMs) {
		this.dag = dag;
		this.steps = steps;
		this.factory = factory;
		this.ledger = ledger;
		this.observer = observer;
		this.stopGraceMs = stopGraceMs;
	}
	/** How many services are running (starting, ready or stopping). */
	get count() {
		return this.running.size;
	}
	start(step, now, wallTime) {
		const placement = {
			step,
			slot: 0,
			attempt: 1
		};
		const minutes = this.steps[step]?.service?.readyTimeoutMinutes ?? 1e400;
		this.running.set(step, {
			step,
			worker: this.factory.start(placement, now),
			startedAt: now,
			startedAtWall: wallTime,
			readyBy: now + minutes * 6e4,
			neededBy: /* @__PURE__ */ new Set()
		});
		this.observer.attemptStarted?.({
			...placement,
			at: now,
			wallTime
		});
	}
	/** One poll round: services that ended, that became ready, that were not ready in time. */
	poll(now) {
		const finished = [];
		let released = false;
		for (const service of [...this.running.values()]) {
			const exit = service.worker.poll(now);
			if (exit !== void 0) {
				this.running.delete(service.step);
				finished.push(this.ended(service, exit, now));
			} else if (service.readyAt === void 0 && service.stop === void 0) {
				if (service.worker.isReady?.(now) ?? true) {
					this.ready(service, now);
					released = true;
				} else if (now >= service.readyBy) this.stop(service, "ready-timeout", now, this.stopGraceMs, this.notReadyReason(service));
			}
		}
		return {
			finished,
			released
		};
	}
	/** A step has its final result: a ready service it needed may no longer be needed. */
	dependentFinished(step, now) {
		for (const need of this.dag.predecessors[step] ?? []) {
			const service = this.running.get(need);
			if (service?.readyAt === void 0 || !service.neededBy.delete(step)) continue;
			if (service.neededBy.size === 0 && service.stop === void 0) this.stop(service, "unneeded", now, this.stopGraceMs, "no step needs it any more");
		}
	}
	/** The run is stopping (fail-fast, a signal): every service is asked to end. */
	stopAll(reason, now, graceMs) {
		for (const service of this.running.values()) if (service.stop === void 0) {
			service.stopReason = reason;
			this.stop(service, "run-stop", now, graceMs, reason);
		}
	}
	/** Ends every service at once (a second interrupt). */
	killAll() {
		for (const service of this.running.values()) service.worker.kill();
	}
	/** The earliest moment a round is needed: a ready timeout, a worker's own deadline. */
	nextDeadline() {
		let next;
		for (const service of this.running.values()) {
			const deadlines = [service.readyAt === void 0 && service.stop === void 0 ? service.readyBy : void 0, service.worker.nextDeadline?.()];
			for (const deadline of deadlines) if (deadline !== void 0) next = Math.min(next ?? deadline, deadline);
		}
		return next;
	}
	ready(service, now) {
		service.readyAt = now;
		for (const dependent of this.dag.successors[service.step] ?? []) service.neededBy.add(dependent);
		this.ledger.releaseService(service.step, now);
		this.observer.serviceReady?.({
			step: service.step,
			at: now,
			startedAt: service.startedAt
		});
		if (service.neededBy.size === 0) this.stop(service, "unneeded", now, this.stopGraceMs, "no step needs it");
	}
	stop(service, stop, now, graceMs, reason) {
		service.stop = stop;
		service.exitedBeforeStop = service.worker.hasExited?.() ?? false;
		this.observer.serviceStopping?.({
			step: service.step,
			at: now,
			reason
		});
		service.worker.stop(now, graceMs);
	}
	/** The service's final result, recorded with its one attempt. */
	ended(service, exit, now) {
		const { step } = service;
		const { status, reason } = this.judge(service, exit);
		const attempt = {
			attempt: 1,
			slot: 0,
			startedAt: service.startedAt,
			endedAt: now,
			startedAtWall: service.startedAtWall,
			status,
			exit
		};
		this.ledger.recordAttempt(step, attempt);
		this.observer.attemptEnded?.({
			step,
			attempt: 1,
			slot: 0,
			at: now,
			status,
			exit
		});
		return {
			step,
			status,
			attempts: this.ledger.attemptsOf(step),
			readyAt: this.ledger.readyAtOf(step),
			serviceReadyAt: service.readyAt ?? null,
			...reason !== void 0 && { reason }
		};
	}
	/** How a service ended: a stop asked for before it exited is its normal end. */
	judge(service, exit) {
		const stoppedFirst = service.stop !== void 0 && !service.exitedBeforeStop;
		if (service.readyAt === void 0) {
			if (stoppedFirst && service.stop === "ready-timeout") return {
				status: "failure",
				reason: this.notReadyReason(service)
			};
			if (stoppedFirst) return {
				status: "cancelled",
				reason: `stopped before it was ready: ${service.stopReason ?? "the run stopped"}`
			};
			return {
				status: "failure",
				reason: exit.error ?? `exited before it was ready (${describeExit(exit)})`
			};
		}
		if (stoppedFirst) return exit.error === void 0 ? { status: "success" } : {
			status: "failure",
			reason: exit.error
		};
		const needing = [...service.neededBy].sort((a, b) => a - b)[0];
		if (needing !== void 0) {
			const id = this.steps[needing]?.id ?? "?";
			return {
				status: "failure",
				reason: `exited (${describeExit(exit)}) while \`${id}\` needed it`
			};
		}
		return exitSucceeded(exit) ? { status: "success" } : { status: "failure" };
	}
	notReadyReason(service) {
		const minutes = this.steps[service.step]?.service?.readyTimeoutMinutes ?? 0;
		const pending = service.worker.notReadyBecause?.();
		return `not ready within ${formatMinutes(minutes)}` + (pending ? `: ${pending}` : "");
	}
};
function formatMinutes(minutes) {
	return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
function describeExit(exit) {
	if (exit.error !== void 0) return exit.error;
	if (exit.signal !== null) return `signal ${exit.signal}`;
	return `exit code ${exit.exitCode ?? "?"}`;
}

// src/scheduler/step-ledger.ts
/**
* What the scheduler knows of each step: its attempts so far, when it became ready, and
* its final result. Finishing a step is the one place where the steps waiting for it are
* released (the DAG iterator's `leave`) and reporters hear of it: exactly once per step.
*/
var StepLedger = class {
	dag;
	steps;
	iterator;
	observer;
	/** results[v]: step v's final result, once it has one. */
	results;
	/** Attempts of each step so far. */
	attempts;
	/** When each step's needs had all finished: the start of its queue wait. */
	readyAt;
	/**
	* Services that are ready: their dependents were released then (the DAG iterator has
	* left them), and see them as succeeded until their final result says otherwise.
	*/
	releasedEarly = /* @__PURE__ */ new Set();
	constructor(dag, steps, iterator, observer) {
		this.dag = dag;
		this.steps = steps;
		this.iterator = iterator;
		this.observer = observer;
		this.results = new Array(dag.size).fill(void 0);
		this.attempts = Array.from({ length: dag.size }, () => []);
		this.readyAt = new Array(dag.size).fill(void 0);
	}
	/** The steps with no needs are ready at the start of the run. */
	start(now) {
		for (const v of this.iterator.initiallyReady()) this.readyAt[v] = now;
	}
	isFinished(step) {
		return this.results[step] !== void 0;
	}
	recordAttempt(step, attempt) {
		this.attempts[step]?.push(attempt);
	}
	attemptsOf(step) {
		return this.attempts[step] ?? [];
	}
	lastAttemptOf(step) {
		return this.attempts[step]?.at(-1);
	}
	readyAtOf(step) {
		return this.readyAt[step] ?? null;
	}
	/**
	* Records a step's final result and releases the steps waiting for it, ready at `now`:
	* the time of the round that decided it. A fresh reading of the clock would be later
	* than the `now` a released step may be started with in the same round, and its queue
	* wait would come out negative.
	*/
	finish(result, now) {
		this.results[result.step] = result;
		if (!this.releasedEarly.has(result.step)) this.release(result.step, now);
		this.observer.stepFinished?.(result);
	}
	/**
	* A service is ready: the steps that need it are released now, before it has a result;
	* `finish` will not release them again.
	*/
	releaseService(step, now) {
		this.releasedEarly.add(step);
		this.release(step, now);
	}
	release(step, now) {
		for (const released of this.iterator.leave(step)) this.readyAt[released] = now;
	}
	/** How each of a ready step's needs ended, as its `if` sees them. */
	needStates(step) {
		return (this.dag.predecessors[step] ?? []).map((need) => {
			const result = this.results[need] ?? {
				...READY_SERVICE,
				step: need
			};
			const spec = this.steps[need];
			const verdict = verdictOf(result, spec);
			const rootFailure = verdict !== "failed" ? void 0 : result.status === "skipped" ? result.skippedBecauseOf : need;
			return {
				step: need,
				id: spec.id,
				verdict,
				status: result.status,
				...rootFailure !== void 0 && { rootFailure },
				...spec.service !== void 0 && result.reason !== void 0 && verdict === "failed" && { reason: result.reason }
			};
		});
	}
	/** Steps not finished yet, in declaration order. */
	*unfinished() {
		for (let v = 0; v < this.dag.size; v++) if (this.results[v] === void 0) yield v;
	}
	/**
	* After the loop: steps never started end `cancelled`. A step still waiting for a retry
	* did run, and its last attempt ended with a real exit: it keeps that attempt's status
	* (`failure` or `timed-out`), the retry that never came being the reason.
	*/
	finishUnended(reason, now) {
		for (const v of this.unfinished()) {
			const attempts = this.attemptsOf(v);
			const last = attempts.at(-1);
			this.finish({
				step: v,
				status: last?.status ?? "cancelled",
				attempts,
				readyAt: this.readyAtOf(v),
				reason: last ? `not retried: ${reason}` : `not started: ${reason}`
			}, now);
		}
	}
	/** Every step's final result, by index. */
	finalResults() {
		return this.results.map((result, step) => result ?? {
			step,
			status: "cancelled",
			attempts: [],
			readyAt: null,
			reason: "not started"
		});
	}
};
/** How a need that is a ready, still running service looks to the steps that need it. */
const READY_SERVICE = {
	status: "success",
	attempts: [],
	readyAt: null
};

// src/scheduler/timeouts.ts
/** After a timeout's SIGTERM, how long before SIGKILL. */
const DEFAULT_TIMEOUT_GRACE_MS = 5e3;
/** When an attempt of `spec` started at `now` times out: undefined for no `timeout-minutes`. */
function deadlineOf(spec, now) {
	const minutes = spec?.timeoutMinutes;
	return minutes === void 0 ? void 0 : now + minutes * 6e4;
}
/** Whether a running attempt has passed its deadline and was not asked to end yet. */
function hasTimedOut(running, now) {
	return running.deadline !== void 0 && running.stopReason === void 0 && now >= running.deadline;
}
/** The deadline the poll loop must wake for, if the attempt still has one pending. */
function pendingDeadline(running) {
	return running.stopReason === void 0 ? running.deadline : void 0;
}

// src/scheduler/scheduler.ts
/**
* A port of e3-testsuite's MultiprocessScheduler: a fixed set of slots, a DAG iterator
* with a busy state, and a poll loop whose interval adapts with e3's rule. Two changes
* where Node allows better: the wait between poll rounds ends the moment a child exits
* (the worker factory wakes the clock), so a dependent starts at once; and the rounds
* also drive timeouts, kill escalation, retries and progress.
*
* This file is the loop only; what it decides about steps lives beside it, each in one
* module it calls: `step-ledger.ts` (results, and releasing a finished step's dependents),
* `retries.ts`, `timeouts.ts`, `run-stop.ts` (fail-fast and cancellation),
* `running-attempt.ts` (how an attempt ended: a real exit always wins), `services.ts`
* (the life cycle of a service, which holds no slot), `ready-steps.ts`
* with `conditions.ts` and `policy.ts` (`if:`, and what a need's end means to its
* dependents).
*/
var MultiprocessScheduler = class {
	dag;
	steps;
	factory;
	clock;
	options;
	observer;
	/**
	* workers[slot - 1]: the attempt running in that slot, undefined when the slot is free.
	* Slots are numbered 1..slots, so running attempts always have distinct slots.
	*/
	workers;
	/** Equivalent to the number of defined entries in `workers`. */
	activeWorkers = 0;
	/** Hands out ready steps, longest remaining chain first. */
	iterator;
	/** Milliseconds to wait between poll rounds when no child wakes the loop. */
	pollInterval = 100;
	/** True when every step not yet started waits for a running one: e3's `no_free_item`. */
	noFreeItem = false;
	/** True when nothing more will start: all steps handed out, or the run is stopping. */
	noWorkLeft = false;
	ledger;
	retries;
	stop = new RunStop();
	conditions;
	readyStepContext;
	services;
	constructor(dag, steps, factory, clock, options, observer = {}) {
		this.dag = dag;
		this.steps = steps;
		this.factory = factory;
		this.clock = clock;
		this.options = options;
		this.observer = observer;
		if (!(options.slots >= 1)) throw new RangeError("a scheduler needs at least one slot");
		const usable = Math.max(1, Math.min(options.slots, dag.size));
		this.workers = new Array(usable).fill(void 0);
		this.iterator = new DagIterator(dag, options.priorities ?? dag.remainingPath(), (v) => steps[v]?.service !== void 0);
		this.ledger = new StepLedger(dag, steps, this.iterator, observer);
		this.services = new Services(dag, steps, factory, this.ledger, observer, options.serviceStopGraceMs ?? 5e3);
		this.retries = new RetryQueue(options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS);
		this.conditions = options.conditions ?? new StatusConditions(steps);
		this.readyStepContext = {
			steps,
			ledger: this.ledger,
			conditions: this.conditions,
			stop: this.stop,
			failFast: options.failFast
		};
	}
	get hasFreeSlots() {
		return this.activeWorkers < this.workers.length;
	}
	/** Runs every step to a final status. */
	async run() {
		const startedAt = this.clock.now();
		const startedAtWall = this.clock.wallTime();
		this.ledger.start(startedAt);
		while (this.activeWorkers > 0 || this.services.count > 0 || !this.noWorkLeft) await this.poll();
		this.ledger.finishUnended(this.stop.reason ?? "the run stopped", this.clock.now());
		return {
			results: this.ledger.finalResults(),
			startedAt,
			endedAt: this.clock.now(),
			startedAtWall,
			cancelled: this.stop.cancelled
		};
	}
	/**
	* Stops the run from outside (SIGINT, SIGTERM): nothing new starts, running steps get
	* SIGTERM and, after the cancel grace, SIGKILL. `run()` then returns with them cancelled.
	*/
	cancel(reason = "the run was cancelled") {
		this.stopStarting(reason, true);
		this.clock.wake();
	}
	/** Ends every running attempt at once with SIGKILL (a second interrupt). */
	killNow() {
		this.cancel();
		this.noWorkLeft = true;
		for (const running of this.workers) running?.worker.kill();
		this.services.killAll();
		this.clock.wake();
	}
	/** One round of e3's loop: fill the free slots, then wait until one frees up. */
	async poll() {
		let now = this.clock.now();
		if (!this.noWorkLeft) this.startReadyServices(now);
		if (!this.noWorkLeft && this.hasFreeSlots && (!this.noFreeItem || this.retries.isDue(now))) this.fillFreeSlots(now);
		let pollCounter = 0;
		while (this.mustWait(now)) {
			pollCounter++;
			this.scan(now);
			this.observer.pollRound?.(now);
			if (!this.mustWait(now)) break;
			await this.clock.sleep(this.sleepFor(now));
			now = this.clock.now();
			if (pollCounter > 8) this.pollInterval = computeNextDynPoll(pollCounter, this.pollInterval);
		}
		if (pollCounter <= 8) this.pollInterval = computeNextDynPoll(pollCounter, this.pollInterval);
	}
	/** e3's linear scan for free slots, giving each the next step that may start. */
	fillFreeSlots(now) {
		for (let index = 0; index < this.workers.length && this.hasFreeSlots && !this.noWorkLeft; index++) {
			if (this.workers[index] !== void 0) continue;
			const next = this.nextToStart(now);
			if (next === "done") {
				this.noWorkLeft = true;
				break;
			}
			if (next === "busy") {
				this.noFreeItem = true;
				break;
			}
			this.spawnWorker({
				...next,
				slot: index + 1
			}, now);
		}
	}
	/**
	* A due retry first, then the iterator's next ready step whose `if` holds
	* (`ready-steps.ts`); a step that does not start is finished as it is handed out.
	*/
	nextToStart(now) {
		const retry = this.retries.takeDue(now);
		if (retry) return {
			step: retry.step,
			attempt: retry.attempt
		};
		for (;;) {
			const next = this.iterator.next();
			if (next === "busy" || next === "done") return next;
			const outcome = decideReadyStep(next, now, this.readyStepContext);
			if (outcome.start) return {
				step: next,
				attempt: 1
			};
			this.finish(outcome.result, now);
			if (outcome.failsFast !== void 0) this.stopStarting(outcome.failsFast, false);
		}
	}
	/**
	* Ready services start at once, whatever the slots: they hold none. Once the run is
	* stopping none starts, even with `if: cancelled()`: a service only ends when the steps
	* that need it have, or at its ready timeout, which a cancelled run cannot wait for.
	*/
	startReadyServices(now) {
		for (let step = this.iterator.nextService(); step !== void 0;) {
			const outcome = this.stop.stopping ? notStartedWhileStopping(step, now, this.readyStepContext) : decideReadyStep(step, now, this.readyStepContext);
			if (outcome.start) this.services.start(step, now, this.clock.wallTime());
			else {
				this.finish(outcome.result, now);
				if (outcome.failsFast !== void 0) this.stopStarting(outcome.failsFast, false);
			}
			step = this.noWorkLeft ? void 0 : this.iterator.nextService();
		}
	}
	spawnWorker(placement, now) {
		const index = placement.slot - 1;
		if (this.workers[index] !== void 0) throw new Error(`slot ${placement.slot} is busy`);
		const running = {
			...placement,
			worker: this.factory.start(placement, now),
			startedAt: now,
			startedAtWall: this.clock.wallTime(),
			deadline: deadlineOf(this.steps[placement.step], now)
		};
		this.workers[index] = running;
		this.activeWorkers++;
		this.observer.attemptStarted?.({
			...placement,
			at: now,
			wallTime: running.startedAtWall
		});
	}
	releaseWorker(slot) {
		if (this.workers[slot - 1] === void 0) throw new Error(`slot ${slot} is already free`);
		this.workers[slot - 1] = void 0;
		this.activeWorkers--;
	}
	/** Whether to keep waiting rather than go back to filling slots. */
	mustWait(now) {
		const running = this.activeWorkers + this.services.count;
		if (running === 0 && this.noWorkLeft) return false;
		if (!this.noWorkLeft && this.iterator.hasReadyService) return false;
		if (!this.hasFreeSlots) return true;
		if (this.noWorkLeft) return running > 0;
		return this.noFreeItem && !this.retries.isDue(now);
	}
	/**
	* The poll interval, cut to the nearest deadline: a timeout, a worker's own (a kill to
	* escalate), or a retry falling due while a slot is free to take it. A due retry with no
	* free slot must not cut the sleep to zero: that would spin until a slot frees up.
	*/
	sleepFor(now) {
		let until = this.pollInterval;
		for (const running of this.workers) {
			if (running === void 0) continue;
			const timeout = pendingDeadline(running);
			if (timeout !== void 0) until = Math.min(until, timeout - now);
			const workerDeadline = running.worker.nextDeadline?.();
			if (workerDeadline !== void 0) until = Math.min(until, workerDeadline - now);
		}
		const serviceDeadline = this.services.nextDeadline();
		if (serviceDeadline !== void 0) until = Math.min(until, serviceDeadline - now);
		const retryAt = this.retries.nextDueAt;
		if (retryAt !== void 0 && !this.noWorkLeft && this.hasFreeSlots) until = Math.min(until, retryAt - now);
		return Math.max(0, until);
	}
	/**
	* e3's scan of the slots, in three steps so that slot order decides nothing:
	* 1. collect: every attempt whose worker reports its exit leaves its slot;
	* 2. time out the attempts still running whose deadline has passed;
	* 3. judge the exits collected in 1, which may fail fast.
	* Fail-fast cancels only what is still running after 1 and 2: an attempt that ended in
	* this same scan, or that had reached its deadline, keeps `success`, `failure` or
	* `timed-out`. Judging each exit as it was collected would cancel a step that ended in
	* a later slot of the same scan as the first failure.
	*/
	scan(now) {
		const ended = this.collectFinished(now);
		this.enforceTimeouts(now);
		this.judge(ended, now);
		this.serviceRound(now);
	}
	/** Services that ended (which may fail fast), and that became ready (steps released). */
	serviceRound(now) {
		const { finished, released } = this.services.poll(now);
		if (released) this.noFreeItem = false;
		if (this.options.failFast && !this.stop.stopping) {
			const judged = finished.map(({ step, status }) => ({
				step,
				attempt: 1,
				status: status === "skipped" ? "cancelled" : status
			}));
			const reason = failFastReason(judged, this.steps);
			if (reason !== void 0) this.stopStarting(reason, false);
		}
		for (const result of finished) this.finish(result, now);
	}
	collectFinished(now) {
		const ended = [];
		for (const running of this.workers) {
			if (running === void 0) continue;
			const exit = running.worker.poll(now);
			if (exit === void 0) continue;
			this.releaseWorker(running.slot);
			ended.push({
				running,
				exit
			});
		}
		return ended;
	}
	enforceTimeouts(now) {
		const grace = this.options.timeoutGraceMs ?? 5e3;
		for (const running of this.workers) if (running && hasTimedOut(running, now)) stopAttempt(running, "timeout", now, grace);
	}
	/** Judges the exits of one scan; fail-fast is decided for the scan as a whole first. */
	judge(ended, now) {
		const judged = ended.map(({ running, exit }) => ({
			running,
			exit,
			step: running.step,
			attempt: running.attempt,
			status: attemptStatus(running, exit)
		}));
		if (this.options.failFast && !this.stop.stopping) {
			const reason = failFastReason(judged, this.steps);
			if (reason !== void 0) this.stopStarting(reason, false);
		}
		for (const { running, exit, status } of judged) this.attemptEnded(running, exit, status, now);
	}
	attemptEnded(running, exit, status, now) {
		const { step, attempt, slot } = running;
		this.ledger.recordAttempt(step, endedAttempt(running, exit, status, now));
		const again = retriable(status, attempt, this.steps[step]);
		if (again && !this.stop.stopping) {
			const retryAt = this.retries.schedule(step, attempt, now);
			this.observer.attemptEnded?.({
				step,
				attempt,
				slot,
				at: now,
				status,
				exit,
				retryAt
			});
			return;
		}
		this.observer.attemptEnded?.({
			step,
			attempt,
			slot,
			at: now,
			status,
			exit
		});
		this.finish({
			step,
			status,
			attempts: this.ledger.attemptsOf(step),
			readyAt: this.ledger.readyAtOf(step),
			...again && { reason: `not retried: ${this.stop.reason ?? "the run stopped"}` }
		}, now);
	}
	/** A step's final result: its dependents are released, and the slots may be filled again. */
	finish(result, now) {
		this.ledger.finish(result, now);
		this.services.dependentFinished(result.step, now);
		this.noFreeItem = false;
	}
	/** Fail-fast or cancellation: start nothing more and ask every running step to end. */
	stopStarting(reason, cancelled) {
		if (!this.stop.begin(reason, cancelled)) return;
		const now = this.clock.now();
		this.noWorkLeft = !this.mayStartWhenStopping();
		if (!this.noWorkLeft) this.endPendingRetries(now);
		const grace = this.options.cancelGraceMs ?? 2500;
		for (const running of this.workers) {
			if (running === void 0 || running.stopReason !== void 0) continue;
			stopAttempt(running, "cancel", now, grace);
		}
		this.services.stopAll(reason, now, grace);
	}
	/** Whether a step not finished yet has an `if` that calls `cancelled()`. */
	mayStartWhenStopping() {
		for (const v of this.ledger.unfinished()) if (this.conditions.startsWhenStopping(v)) return true;
		return false;
	}
	/**
	* A stop takes away the retries still waiting: their steps end now with their last
	* attempt's status, so that the steps after them are released (and cancelled, or
	* decided if they call `cancelled()`).
	*/
	endPendingRetries(now) {
		const reason = `not retried: ${this.stop.reason ?? "the run stopped"}`;
		for (const { step } of this.retries.drain()) {
			const attempts = this.ledger.attemptsOf(step);
			const status = attempts.at(-1)?.status ?? "cancelled";
			this.finish({
				step,
				status,
				attempts,
				readyAt: this.ledger.readyAtOf(step),
				reason
			}, now);
		}
	}
};

// src/run/stale-directories.ts
/**
* A run's directory on a tmpfs is named after its owner: `stepgraph-PID-NS-XXXXXX`, with
* the owner's pid, the inode of its pid namespace (what makes the pid mean something:
* containers sharing /dev/shm have namespaces of their own) and mkdtemp's random suffix.
*/
const OWNED_NAME = /^stepgraph-(\d+)-(\d+)-[A-Za-z0-9]{6}$/;
/**
* How long a dead owner's directory must have been left untouched before it is removed:
* belt and braces on top of the pid check (a run's directory changes whenever a step
* starts or ends in it).
*/
const STALE_AFTER_MS = 6e4;
/** Linux's highest pid_max (2^22): a larger number in a name is no pid. */
const MAX_PID = 4194304;
/** The prefix for mkdtemp of a directory this process owns. */
function ownedPrefix(pidNamespace = ownPidNamespace()) {
	return `stepgraph-${process.pid}-${pidNamespace}-`;
}
/**
* The inode number of this process's pid namespace ("pid:[4026531836]"), or "0" where
* none can be read (no /proc: macOS): then no directory is ever judged stale.
*/
function ownPidNamespace(procRoot = "/proc") {
	try {
		return /\[(\d+)\]/.exec(readlinkSync(`${procRoot}/self/ns/pid`))?.[1] ?? "0";
	} catch {
		return "0";
	}
}
/**
* Removes the run directories in `base` that a killed run left behind: named after an
* owner of this pid namespace that is no longer alive, and untouched for STALE_AFTER_MS.
* A live run's directory is never removed: its owner's pid answers `kill(pid, 0)` (EPERM
* counts: alive, another user's), a recycled pid only keeps a stale one longer, and a
* directory of another namespace (a container sharing /dev/shm), whose owner cannot be
* checked from here, is left alone. Best effort: anything unreadable is skipped.
*/
function removeStaleDirectories(base, pidNamespace = ownPidNamespace(), now = Date.now()) {
	if (pidNamespace === "0") return [];
	let entries;
	try {
		entries = readdirSync(base);
	} catch {
		return [];
	}
	const removed = [];
	for (const entry of entries) {
		const owner = OWNED_NAME.exec(entry);
		if (!owner || owner[2] !== pidNamespace || isAlive(Number(owner[1]))) continue;
		const directory = path.join(base, entry);
		try {
			if (now - statSync(directory).mtimeMs < 6e4) continue;
			rmSync(directory, {
				recursive: true,
				force: true
			});
			removed.push(directory);
		} catch {}
	}
	return removed;
}
/** Whether `pid` names a live process; anything that is not a plain pid counts as alive. */
function isAlive(pid) {
	if (!Number.isSafeInteger(pid) || pid <= 1 || pid > MAX_PID) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === "EPERM";
	}
}

// src/run/run-directory.ts
/**
* /dev/shm on Linux only: it is a tmpfs there. macOS has no /dev/shm (its shared memory
* has no path), and on other systems nothing says it would be a tmpfs.
*/
function defaultTempLocations() {
	return {
		tmpfs: process.platform === "linux" ? ["/dev/shm"] : [],
		temp: [process.env.RUNNER_TEMP, tmpdir()]
	};
}
/**
* Fresh directories for one run. The output one is under RUNNER_TEMP on a runner
* (cleaned with the job), else the system's temp directory; RUNNER_TEMP unusable, the
* system's. Throws with every reason when no directory is writable.
*
* A tmpfs outlives a killed run and is not cleaned with the job (a self-hosted runner's
* /dev/shm lasts until a reboot), so what killed runs left there is removed first.
*/
function makeRunDirectories(locations = defaultTempLocations()) {
	const output = makeTempDirectory(locations.temp, "stepgraph-");
	let tmpfs;
	if (locations.tmpfs.length > 0) {
		for (const base of locations.tmpfs) removeStaleDirectories(base);
		try {
			tmpfs = makeTempDirectory(locations.tmpfs, ownedPrefix());
		} catch {}
	}
	return {
		tmpfs,
		output
	};
}
function removeRunDirectories({ tmpfs, output }) {
	if (tmpfs !== void 0) rmSync(tmpfs, {
		recursive: true,
		force: true
	});
	rmSync(output, {
		recursive: true,
		force: true
	});
}
function makeTempDirectory(bases, prefix) {
	const failures = [];
	for (const base of bases) {
		if (!base) continue;
		try {
			return mkdtempSync(path.join(base, prefix));
		} catch (error) {
			failures.push(`${base}: ${error.message}`);
		}
	}
	throw new Error(`no temp directory is writable (${failures.join("; ")})`);
}

// src/run/run-timings.ts
/**
* Reads the timings file before a run (or a dry run). Never fails: a missing file is no
* timings, anything else wrong with it is a warning to show and no timings.
*/
function loadRunTimings(file, graph) {
	if (file === void 0) return { recorded: NO_TIMINGS };
	const read = readTimings(file);
	const { timings } = read;
	const warning = read.warning ?? staleWarning(file, timings, graph.whole ?? graph);
	const expected = expectedDurations(graph.steps, timings);
	return {
		file,
		recorded: timings,
		...expected && { expected: {
			...expected,
			priorities: timePriorities(graph.dag, expected.durations)
		} },
		...warning !== void 0 && { warning }
	};
}
/**
* After a run: each step that succeeded adds the duration of its successful attempt (a
* retry's backoff and failed attempts are no part of what the step takes; a service's,
* up to its ready moment) to its record,
* a matrix instance under its own id. Entries are kept for every step of the graph as
* declared, also when this run ran only part of it (the CLI's targets): only steps the
* graph no longer has are dropped. Returns why the file could not be written.
*/
function saveRunTimings(timings, graph, result) {
	if (timings.file === void 0) return void 0;
	const measured = /* @__PURE__ */ new Map();
	for (const step of result.results) {
		const last = step.attempts.at(-1);
		const id = graph.steps[step.step]?.id;
		if (step.status !== "success" || last === void 0 || id === void 0) continue;
		const endedAt = step.serviceReadyAt ?? last.endedAt;
		measured.set(id, endedAt - last.startedAt);
	}
	if (measured.size === 0 && timings.recorded.steps.size === 0) return void 0;
	const declared = (graph.whole ?? graph).steps.map((step) => step.id);
	return writeTimings(timings.file, updatedTimings(timings.recorded, declared, measured));
}
/**
* A file that records steps, none of them in the graph, is stale: kept for another graph
* (a `timings-file` shared by two jobs), or from before every step was renamed. Its steps
* are dropped at the end of the run, as any step the graph no longer has; the warning says
* why nothing was expected of this run. Some steps unknown to the file is the ordinary case
* of steps added or renamed, and goes without a word here (the plan and summary name them).
*/
function staleWarning(file, timings, graph) {
	if (timings.steps.size === 0) return void 0;
	if (graph.steps.some((step) => timings.steps.has(step.id))) return void 0;
	return `the timings file ${file} records none of this graph's steps (it is stale, or kept for another graph): steps are ordered by the longest chain of steps, and the file will record this run`;
}

// src/run/step-start.ts
/**
* Every step gets STEPGRAPH_NEEDS; a graph with expressions also gets their evaluation,
* loaded with import() only then (the library was loaded with the graph already).
* `startingEnvironment` is the workers': the environment a step starts from.
*/
async function stepStart(graph, finished, startingEnvironment, actionEnv) {
	const needs = (step) => needsJson(needsContext(graph, step, finished));
	if (graph.expressions === void 0) return { starter: {
		expand: (step) => graph.steps[step],
		needsJson: needs
	} };
	const { expressionEvaluation } = await import("./step-expressions.js");
	const { conditions, templates } = expressionEvaluation(graph, {
		finished,
		runnerSet: runnerSetValues(actionEnv),
		startingEnvironment,
		started: (step, spec) => {
			recordStartedSpec(graph, step, spec);
		}
	});
	return {
		starter: {
			expand: (step, env) => templates.expand(step, env),
			needsJson: needs
		},
		conditions
	};
}

// src/run/run-graph.ts
/**
* Runs a validated graph with real processes. A stop signal (SIGINT, SIGTERM, SIGHUP ...:
* `stop-signal-set.ts`) cancels it, a second one kills every step at once; either way it
* returns with every step's status, after every process it started is gone. A signal that
* came before the run, even while the graph was parsed, cancels it before any step starts.
* `report` is called as soon as every step has ended, before the log is flushed: what it
* writes to files (outputs, summary) never waits for a slow log, and stop signals still
* reach the reporters while the log is flushed.
*/
async function runGraph(graph, options, makeReporters, report) {
	const finished = [];
	const readyServices = /* @__PURE__ */ new Set();
	const start = await stepStart(graph, {
		status: (step) => finished[step]?.status ?? (readyServices.has(step) ? "success" : void 0),
		outputs: (step) => workers.files[step]?.outputs.entries ?? []
	}, (step) => workers.startingEnvironment(step), process.env);
	const directories = makeRunDirectories();
	const timings = loadRunTimings(options.timingsFile, graph);
	const expected = timings.expected;
	const estimate = expected && new RunEstimate(graph.dag, expected.durations, expected.priorities, options.maxParallel);
	const reporters = makeReporters({
		outputDirectory: directories.output,
		timings,
		...estimate && { estimate }
	});
	const clock = new SystemClock();
	const workers = new ProcessWorkers({
		graph,
		defaultShell: options.shell,
		workingDirectory: options.workingDirectory,
		controlDirectories: {
			tmpfs: directories.tmpfs,
			disk: directories.output
		},
		baseEnv: options.stepEnvironment ? {
			...process.env,
			...options.stepEnvironment
		} : process.env,
		outputFor: (placement, flow) => reporters.outputFor(placement, flow),
		wake: () => {
			clock.wake();
		},
		starter: start.starter
	});
	const scheduler = new MultiprocessScheduler(graph.dag, graph.steps, workers, clock, {
		slots: options.maxParallel,
		failFast: options.failFast,
		...start.conditions && { conditions: start.conditions },
		...expected && { priorities: expected.priorities }
	}, observeAll({
		stepFinished: (result) => {
			finished[result.step] = result;
		},
		serviceReady: (event) => {
			readyServices.add(event.step);
		},
		pollRound: (now) => {
			workers.reaper.poll(now);
		}
	}, estimate?.observer, reporters.observer));
	let stoppedBy;
	const stopListening = onStopSignals((signal) => {
		stoppedBy = signal;
		reporters.stopping?.(signal, false);
		scheduler.cancel(`the run was cancelled (${signal})`);
	}, (signal) => {
		reporters.stopping?.(signal, true);
		scheduler.killNow();
	});
	try {
		await stopSignalsDelivered();
		const result = await scheduler.run();
		await workers.reaper.settle();
		const timingsProblem = options.shard === void 0 ? saveRunTimings(timings, graph, result) : void 0;
		const run = {
			graph,
			result,
			files: workers.files,
			summaries: workers.summaries,
			exported: workers.envFlow.everything(),
			conflicts: workers.envFlow.conflicts(),
			refused: workers.files.flatMap((files) => files?.refused ?? []),
			...stoppedBy !== void 0 && { stoppedBy },
			timings,
			...timingsProblem !== void 0 && { timingsProblem }
		};
		await report?.(run);
		await reporters.finish?.();
		return run;
	} finally {
		stopListening();
		try {
			removeRunDirectories(directories);
		} catch {}
	}
}
/** Lines for the log about what the steps exported: conflicts, and what was refused. */
function runNotes(run) {
	return [...run.refused.map(({ step, message }) => `✖ ${step}: ${message}`), ...run.conflicts.map((conflict) => `⚠ ${conflict}`)];
}

// src/shard/assign.ts
/**
* Spreads a graph over `count` shards, the same way in every process given the same graph
* and weights (no randomness, no locale, no iteration over hashed keys): every shard of a
* matrix computes its own share without talking to the others.
*
* - The balanced work is the steps nothing needs (they end a branch) and matrix instances.
*   Each runs in exactly one shard. Balanced steps one of which needs another (a matrix
*   instance a leaf needs) go together: a shard cannot wait for another shard's step.
* - A shard also runs every step its balanced work needs, directly or not (an install):
*   such a step runs in each shard that needs it, as in hand-made matrix jobs.
* - `shards: all` runs the step and what it needs in every shard; `shards: first` runs it
*   once, in shard 1, with everything that needs it (which could not run elsewhere).
* - Balance: longest processing time first. Groups of balanced work, heaviest first (ties:
*   the smallest id, compared by code units), each go to the shard whose expected time is
*   lowest once the group and the steps it needs that the shard lacks are added (ties: the
*   lowest shard). This bounds the slowest shard by 4/3 of the best possible split of
*   the same groups (Graham, 1969), and needs one pass.
*
* `weight(v)` is step v's expected duration (src/shard/weights.ts). O(U·(V + E) + G·N·C)
* for U balanced steps, G groups, N shards and C steps a group needs.
*/
function assignShards(graph, count, weight) {
	const { dag, steps } = graph;
	const size = dag.size;
	const everywhere = stepsNeededByAll(graph);
	const afterFirst = stepsAfterFirst(graph);
	const conflicts = pinConflicts(graph, afterFirst);
	const balanced = (v) => !everywhere[v] && ((dag.successors[v]?.length ?? 0) === 0 || steps[v]?.instanceOf !== void 0);
	const groups = groupBalancedWork(dag, balanced, everywhere);
	const present = Array.from({ length: count }, () => new Uint8Array(size));
	const load = new Float64Array(count);
	const given = Array.from({ length: count }, () => []);
	for (let v = 0; v < size; v++) {
		if (!everywhere[v]) continue;
		for (let k = 0; k < count; k++) {
			present[k][v] = 1;
			load[k] = load[k] + weight(v);
		}
	}
	const place = (group, k) => {
		const has = present[k];
		for (const v of group.closure) {
			if (has[v]) continue;
			has[v] = 1;
			load[k] = load[k] + weight(v);
		}
		given[k].push(...group.members);
	};
	const ordered = groups.map((group) => ({
		...group,
		weight: group.members.reduce((sum, v) => sum + weight(v), 0),
		key: group.members.map((v) => steps[v]?.id ?? "").reduce(minByCodeUnits)
	})).sort((a, b) => b.weight - a.weight || compareCodeUnits(a.key, b.key));
	for (const group of ordered) {
		if (group.members.some((v) => afterFirst[v])) {
			place(group, 0);
			continue;
		}
		let best = 0;
		let bestLoad = 1e400;
		for (let k = 0; k < count; k++) {
			const has = present[k];
			let after = load[k];
			for (const v of group.closure) if (!has[v]) after += weight(v);
			if (after < bestLoad) {
				best = k;
				bestLoad = after;
			}
		}
		place(group, best);
	}
	return {
		shares: present.map((has, k) => ({
			steps: indexesOf(has),
			balanced: [...given[k]].sort((a, b) => a - b),
			expected: load[k]
		})),
		conflicts
	};
}
/**
* Balanced steps joined when one needs another, directly or through steps that are not
* balanced (union-find over an upward search from each balanced step, which stops at
* balanced steps: their own searches go on from there).
*/
function groupBalancedWork(dag, balanced, everywhere) {
	const parent = Int32Array.from({ length: dag.size }, (_, v) => v);
	const root = (v) => {
		while (parent[v] !== v) {
			parent[v] = parent[parent[v]];
			v = parent[v];
		}
		return v;
	};
	const seen = new Int32Array(dag.size).fill(-1);
	for (let w = 0; w < dag.size; w++) {
		if (!balanced(w)) continue;
		const pending = [...dag.predecessors[w] ?? []];
		for (let v = pending.pop(); v !== void 0; v = pending.pop()) {
			if (seen[v] === w || everywhere[v]) continue;
			seen[v] = w;
			if (balanced(v)) {
				const [a, b] = [root(v), root(w)];
				if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
				continue;
			}
			for (const p of dag.predecessors[v] ?? []) pending.push(p);
		}
	}
	const membersOf = /* @__PURE__ */ new Map();
	for (let v = 0; v < dag.size; v++) {
		if (!balanced(v)) continue;
		const r = root(v);
		const members = membersOf.get(r);
		if (members) members.push(v);
		else membersOf.set(r, [v]);
	}
	const inClosure = new Int32Array(dag.size).fill(-1);
	return [...membersOf.values()].map((members, g) => {
		const closure = [];
		const pending = [...members];
		for (let v = pending.pop(); v !== void 0; v = pending.pop()) {
			if (inClosure[v] === g || everywhere[v]) continue;
			inClosure[v] = g;
			closure.push(v);
			for (const p of dag.predecessors[v] ?? []) pending.push(p);
		}
		return {
			members,
			closure: closure.sort((a, b) => a - b)
		};
	});
}
/** `shards: all` steps and every step they need: each shard runs them. */
function stepsNeededByAll({ dag, steps }) {
	const marked = new Uint8Array(dag.size);
	const pending = steps.flatMap((step, v) => step.shards === "all" ? [v] : []);
	for (let v = pending.pop(); v !== void 0; v = pending.pop()) {
		if (marked[v]) continue;
		marked[v] = 1;
		for (const p of dag.predecessors[v] ?? []) pending.push(p);
	}
	return marked;
}
/** `shards: first` steps and every step that needs one, directly or not: shard 1's alone. */
function stepsAfterFirst({ dag, steps }) {
	const marked = new Uint8Array(dag.size);
	for (const v of dag.topologicalOrder) if (steps[v]?.shards === "first" || (dag.predecessors[v] ?? []).some((p) => marked[p])) marked[v] = 1;
	return marked;
}
/** A `shards: all` step after a `shards: first` one would run that step in every shard. */
function pinConflicts({ dag, steps }, afterFirst) {
	const conflicts = [];
	steps.forEach((step, v) => {
		if (step.shards !== "all" || !afterFirst[v]) return;
		const first = pinnedFirstAncestor(dag, steps, v);
		conflicts.push(`step \`${step.id}\` has \`shards: all\` but needs \`${first}\`, which has \`shards: first\` (it runs once, in shard 1): remove one of the two pins`);
	});
	return conflicts;
}
function pinnedFirstAncestor(dag, steps, from) {
	const seen = new Uint8Array(dag.size);
	const pending = [from];
	for (let v = pending.shift(); v !== void 0; v = pending.shift()) {
		if (seen[v]) continue;
		seen[v] = 1;
		if (v !== from && steps[v]?.shards === "first") return steps[v]?.id ?? "?";
		pending.push(...dag.predecessors[v] ?? []);
	}
	return steps[from]?.id ?? "?";
}
function indexesOf(marks) {
	const indexes = [];
	marks.forEach((mark, v) => {
		if (mark) indexes.push(v);
	});
	return indexes;
}
/** Ids compared by UTF-16 code units: the same in every process, whatever its locale. */
function compareCodeUnits(a, b) {
	return a < b ? -1 : a > b ? 1 : 0;
}
function minByCodeUnits(a, b) {
	return compareCodeUnits(a, b) <= 0 ? a : b;
}

// src/shard/fingerprint.ts
/**
* What identifies a graph across the shards' jobs: every step's id, name, script, needs,
* condition and pin, in order. Two shards with the same fingerprint ran the same graph; a
* merge refuses records whose fingerprints differ (a shard of another commit, a re-run
* after the graph changed). 16 hex digits of SHA-256: a name, not a secret.
*/
function graphFingerprint(graph) {
	const hash = createHash("sha256");
	graph.steps.forEach((step, v) => {
		hash.update(JSON.stringify([
			step.id,
			step.name,
			step.run,
			step.if,
			step.shards ?? null,
			graph.dag.predecessors[v] ?? []
		]));
		hash.update("\n");
	});
	return hash.digest("hex").slice(0, 16);
}
/**
* What identifies an assignment: which shard runs each step. Shards that read different
* timings (a cache restored in one job and not another) would split the graph differently
* and together leave steps out or run them twice; a merge refuses them.
*/
function assignmentFingerprint(assignment) {
	const hash = createHash("sha256");
	for (const share of assignment.shares) hash.update(`${share.steps.join(",")}\n`);
	return hash.digest("hex").slice(0, 16);
}

// src/shard/shard-of.ts
/**
* The most shards a graph is spread over: a workflow's matrix makes at most 256 jobs, so a
* larger count can only be a mistake.
*/
const MAX_SHARDS = 256;
/** `I/N` as shard and matrix jobs write it (`2/4`): whole numbers, 1 <= I <= N <= 256. */
function parseShard(text) {
	const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
	if (!match) return {
		ok: false,
		reason: `expected I/N, this job's shard and the number of shards (such as 2/4), got "${text}"`
	};
	const index = Number(match[1]);
	const count = Number(match[2]);
	if (count < 1 || count > 256) return {
		ok: false,
		reason: `the number of shards must be 1 to ${256} (a matrix makes at most ${256} jobs), got "${text}"`
	};
	if (index < 1 || index > count) return {
		ok: false,
		reason: `the shard must be 1 to ${count} (shards are numbered from 1), got "${text}"`
	};
	return {
		ok: true,
		value: {
			index,
			count
		}
	};
}
function shardText(shard) {
	return `${shard.index}/${shard.count}`;
}

// src/shard/weights.ts
/**
* Each step's weight in the balance: its expected duration from the timings file
* (src/timings/expected-durations.ts: its own record, else its matrix siblings', else the
* median step's; never zero for a step merely new, which would pile new steps on one
* shard). Without any timings every step counts as one, so the shards get equal numbers
* of steps. The declared `timeout-minutes` is not used: it is a bound, set generously,
* not an estimate.
*/
function shardWeights(size, expected) {
	if (expected === void 0) return {
		weights: new Float64Array(size).fill(1),
		basis: "step-count"
	};
	return {
		weights: expected.durations,
		basis: expected.recorded === size ? "timings" : "some-timings"
	};
}

// src/shard/shard-plan.ts
function planShard(whole, shard, expected) {
	const weights = shardWeights(whole.steps.length, expected);
	const assignment = assignShards(whole, shard.count, (v) => weights.weights[v] ?? 1);
	if (assignment.conflicts.length > 0) return {
		ok: false,
		problems: assignment.conflicts
	};
	const share = assignment.shares[shard.index - 1];
	if (share === void 0) throw new RangeError(`no shard ${shardText(shard)}`);
	const id = (v) => whole.steps[v]?.id ?? "?";
	return {
		ok: true,
		plan: {
			shard,
			whole,
			assignment,
			weights,
			graph: subGraph(whole, share.steps),
			record: {
				index: shard.index,
				count: shard.count,
				graph: graphFingerprint(whole),
				assignment: assignmentFingerprint(assignment),
				"graph-steps": whole.steps.length,
				"graph-indexes": share.steps,
				balanced: share.balanced.map(id),
				"expected-ms": weights.basis === "step-count" ? null : Math.round(share.expected)
			}
		}
	};
}
/** The plan of `shard`, its balance from the timings file (read again by the shard's run). */
function planShardWithTimings(whole, shard, timingsFile) {
	return planShard(whole, shard, loadRunTimings(timingsFile, whole).expected);
}

// src/shard/shard-plan-text.ts
/** A shard's expected time: a duration from timings, or a number of steps without them. */
function expected(plan, ms) {
	return plan.weights.basis === "step-count" ? count(Math.round(ms), "step") : formatDuration(ms);
}
/** What the balance was based on, in words. */
function basisText(plan) {
	switch (plan.weights.basis) {
		case "timings": return "expected durations from the timings file";
		case "some-timings": return "expected durations from the timings file (steps without any: the median step)";
		case "step-count": return "no timings: each step counts as one";
	}
}
/** The first line of a shard's run: what it runs of the whole graph. */
function shardNote(plan) {
	const share = plan.assignment.shares[plan.shard.index - 1];
	const balanced = share?.balanced.length ?? 0;
	const needed = plan.graph.steps.length - balanced;
	return `stepgraph: shard ${shardText(plan.shard)}: ${count(plan.graph.steps.length, "step")} of ${plan.whole.steps.length} (${balanced} balanced, ${needed} they need), expected ${expected(plan, share?.expected ?? 0)} (${basisText(plan)})`;
}
/** The dry run's account of every shard: its steps and expected time. */
function shardPlanLines(plan) {
	const { count: shards } = plan.shard;
	return [`Shards (${basisText(plan)}):`, ...plan.assignment.shares.map((share, k) => {
		const here = k + 1 === plan.shard.index ? " (this one)" : "";
		const ids = share.steps.map((v) => plan.whole.steps[v]?.id ?? "?");
		return `  ${k + 1}/${shards}${here}: expected ${expected(plan, share.expected)}, ${count(ids.length, "step")}${ids.length > 0 ? `: ${ids.join(", ")}` : ""}`;
	})];
}
function shardPlanMarkdown(plan) {
	const { count: shards } = plan.shard;
	return [
		`### Shards`,
		"",
		`${count(shards, "shard")}, balanced by ${basisText(plan)}.`,
		"",
		"| Shard | Expected | Steps |",
		"| ---: | ---: | --- |",
		...plan.assignment.shares.map((share, k) => {
			const here = k + 1 === plan.shard.index ? " (this one)" : "";
			const ids = share.steps.map((v) => code(plan.whole.steps[v]?.id ?? "?"));
			return `| ${k + 1}/${shards}${here} | ${expected(plan, share.expected)} | ${ids.join(", ")} |`;
		}),
		""
	].join("\n");
}

// src/shard/balance.ts
function balanceOf(merged) {
	const shards = merged.shards.map((shard, k) => {
		if (shard === void 0) return {
			index: k + 1,
			status: null,
			wallMs: null,
			stepMs: null,
			expectedMs: null,
			steps: null
		};
		const { record } = shard;
		return {
			index: k + 1,
			status: record.status,
			wallMs: record["duration-ms"],
			stepMs: record.steps.reduce((sum, step) => sum + (step["duration-ms"] ?? 0), 0),
			expectedMs: record.shard["expected-ms"],
			steps: record.steps.length
		};
	});
	const walls = shards.flatMap((shard) => shard.wallMs === null ? [] : [shard.wallMs]);
	const mean = walls.reduce((a, b) => a + b, 0) / Math.max(1, walls.length);
	return {
		shards,
		wallMs: merged.record["duration-ms"],
		machineMs: shards.reduce((sum, shard) => sum + (shard.stepMs ?? 0), 0),
		ratio: walls.length === 0 || mean === 0 ? null : Math.max(...walls) / mean
	};
}
/** The job summary's account of the shards: wall time against machine time, and balance. */
function balanceSection(balance) {
	const { shards } = balance;
	const ratio = balance.ratio === null ? "—" : balance.ratio.toFixed(2);
	const cell = (ms) => ms === null ? "—" : formatDuration(ms);
	return [
		"### Shards",
		"",
		`${count(shards.length, "shard")} · wall time ${formatDuration(balance.wallMs)} (first start to last end) · machine time ${formatDuration(balance.machineMs)} (step time summed over the shards) · balance ${ratio} (slowest shard ÷ mean; 1 is even)`,
		"",
		"| Shard | Status | Wall time | Step time | Expected | Steps |",
		"| ---: | --- | ---: | ---: | ---: | ---: |",
		...shards.map((shard) => `| ${shard.index}/${shards.length} | ${shard.status ?? "**missing**"} | ${cell(shard.wallMs)} | ${cell(shard.stepMs)} | ${cell(shard.expectedMs)} | ${shard.steps ?? "—"} |`),
		""
	].join("\n");
}
/** The log's account of the same, one line per shard. */
function balanceLines(balance) {
	const cell = (ms) => ms === null ? "—" : formatDuration(ms);
	return [`stepgraph merge: ${count(balance.shards.length, "shard")}, wall ${formatDuration(balance.wallMs)}, machine ${formatDuration(balance.machineMs)}, balance ${balance.ratio === null ? "—" : balance.ratio.toFixed(2)} (slowest shard ÷ mean)`, ...balance.shards.map((shard) => `  ${shard.index}/${balance.shards.length}: ${shard.status ?? "missing"}, wall ${cell(shard.wallMs)}, steps ${cell(shard.stepMs)}${shard.expectedMs === null ? "" : `, expected ${cell(shard.expectedMs)}`}`)];
}

// src/shard/merge-summary.ts
/** Shards' problems shown above the summary (at most ~300 bytes each). */
const SHOWN_PROBLEMS = 10;
/**
* The merge's job summary, drawn by the sections of one run's summary (src/report/
* summary/) from the shards' records joined: failures first across all shards, the
* critical path, one table with a shard column, a timeline per shard and slot. Before
* them, what is wrong with the shards themselves (missing, failed, cancelled); after the
* timeline, the shards' balance: wall time against machine time, and each shard's time.
*/
function mergeSummary(outcome, annotationsLeftOut = {
	listed: [],
	unlisted: 0
}) {
	const { merged, failing, balance } = outcome;
	const models = merged.shards.flatMap((shard, k) => shard === void 0 ? [] : [summaryModelOf(shard.record, void 0, {
		shard: k + 1,
		offsetMs: merged.offsets[k] ?? 0
	})]);
	const summary = buildSummary(joinShards(models, annotationsLeftOut), { extraSections: [{
		name: "the shards’ balance",
		priority: 85,
		renderings: [() => balanceSection(balance)]
	}] });
	if (failing.length === 0) return summary;
	const shown = failing.slice(0, SHOWN_PROBLEMS).map((line) => `> ❌ ${markdownText(line)}`);
	if (failing.length > SHOWN_PROBLEMS) shown.push(`> and ${failing.length - SHOWN_PROBLEMS} more shards: see the log`);
	return `${shown.join("\n>\n")}\n\n${summary}`;
}

// src/shard/check-shards.ts
const named = (shard) => `${path.basename(shard.file)} (shard ${shard.record.shard.index}/${shard.record.shard.count})`;
/**
* Checks that the files are the shards of one run of one graph, each once, and says of
* each shard that failed, was cancelled or is missing which one it is and what to do.
*/
function checkShards(shards) {
	const refused = [];
	const failing = [];
	const first = shards[0];
	if (first === void 0) return {
		refused: ["no shard results files to merge"],
		failing
	};
	const { count } = first.record.shard;
	const counts = /* @__PURE__ */ new Map();
	for (const shard of shards) {
		const same = counts.get(shard.record.shard.count) ?? [];
		same.push(shard);
		counts.set(shard.record.shard.count, same);
	}
	if (counts.size > 1) {
		const sizes = [...counts].map(([n, files]) => `${files.map(named).join(", ")} of ${n}`);
		refused.push(`the results files come from different numbers of shards: ${sizes.join("; ")}. Merge one workflow run's files: download only its artifacts (one matrix size)`);
		return {
			refused,
			failing
		};
	}
	for (const shard of shards) if (shard.record.shard.graph !== first.record.shard.graph) refused.push(`${named(shard)} ran a different step graph from ${named(first)}: the shards ran different commits or graphs. Merge one workflow run's files, or re-run all its shards`);
	else if (shard.record.shard.assignment !== first.record.shard.assignment) refused.push(`${named(shard)} split the graph differently from ${named(first)}: they read different timings, so steps would be missing or run twice. Give every shard the same timings file (restore one cache key in all of them, as in the README), and re-run the shards`);
	const byIndex = /* @__PURE__ */ new Map();
	for (const shard of shards) {
		const same = byIndex.get(shard.record.shard.index) ?? [];
		same.push(shard);
		byIndex.set(shard.record.shard.index, same);
	}
	for (const [index, files] of byIndex) if (files.length > 1) refused.push(`shard ${index}/${count} has ${files.length} results files (${files.map((f) => f.file).join(", ")}): download the artifacts of one workflow run only, one file per shard`);
	if (refused.length > 0) return {
		refused,
		failing
	};
	for (let index = 1; index <= count; index++) {
		const shard = byIndex.get(index)?.[0];
		if (shard === void 0) failing.push(`shard ${index}/${count} has no results file: its job failed or was cancelled before writing it, or did not upload it. Re-run the failed jobs of the workflow run, then this merge`);
		else if (shard.record.status === "failure") {
			const ids = shard.record.failed.map((id) => `\`${id}\``).join(", ");
			failing.push(`shard ${index}/${count} failed${ids ? `: ${ids}` : ""} (see Failures in the summary)`);
		} else if (shard.record.status === "cancelled") failing.push(`shard ${index}/${count} was cancelled: its unfinished steps are marked cancelled. Re-run it, then this merge`);
	}
	return {
		refused,
		failing
	};
}

// src/shard/merged-record.ts
/** How bad a step's ending is, to pick among the runs of a step several shards ran. */
const SEVERITY = {
	success: 0,
	skipped: 1,
	cancelled: 2,
	"timed-out": 3,
	failure: 4
};
/**
* Joins checked shard files (checkShards: one graph, one count, one split, each shard
* once). A shard without a file fails the whole graph: its steps are simply absent.
*/
function mergeShardRecords(files) {
	const count = files[0]?.record.shard.count ?? 0;
	const shards = Array.from({ length: count }, () => void 0);
	for (const file of files) shards[file.record.shard.index - 1] = file;
	const present = shards.filter((shard) => shard !== void 0);
	const starts = present.map((shard) => Date.parse(shard.record["started-at"]));
	const start = Math.min(...starts);
	const end = Math.max(...present.map((shard, i) => starts[i] + shard.record["duration-ms"]));
	const byIndex = /* @__PURE__ */ new Map();
	for (const { record } of present) record.steps.forEach((step, i) => {
		const at = record.shard["graph-indexes"][i] ?? -1;
		const earlier = byIndex.get(at);
		if (earlier === void 0 || SEVERITY[step.status] > SEVERITY[earlier.status]) byIndex.set(at, step);
	});
	const steps = [...byIndex].sort(([a], [b]) => a - b).map(([, step]) => step);
	const failed = new Set(present.flatMap((shard) => shard.record.failed));
	const missing = present.length < count;
	const cancelled = present.some((shard) => shard.record.cancelled);
	const anyFailed = missing || present.some((shard) => shard.record.status === "failure");
	return {
		record: {
			format: present[0]?.record.format ?? "stepgraph-run-record",
			version: present[0]?.record.version ?? 1,
			status: anyFailed ? "failure" : present.some((shard) => shard.record.status === "cancelled") ? "cancelled" : "success",
			cancelled,
			"started-at": new Date(start).toISOString(),
			"duration-ms": Math.max(0, end - start),
			slots: present.reduce((sum, shard) => sum + shard.record.slots, 0),
			failed: steps.filter((step) => failed.has(step.id)).map((step) => step.id),
			steps,
			annotations: present.flatMap((shard) => shard.record.annotations),
			"annotations-left-out": present.reduce((sum, shard) => sum + shard.record["annotations-left-out"], 0)
		},
		shards,
		offsets: shards.map((shard) => shard === void 0 ? 0 : Date.parse(shard.record["started-at"]) - start)
	};
}
/** Each step's duration in its successful run, for the timings file (any shard's). */
function measuredDurations(merged) {
	const measured = /* @__PURE__ */ new Map();
	for (const shard of merged.shards) for (const step of shard?.record.steps ?? []) {
		const last = step.attempts.at(-1);
		if (step.status === "success" && last !== void 0 && !measured.has(step.id)) measured.set(step.id, last["duration-ms"]);
	}
	return measured;
}

// src/shard/read-records.ts
/**
* The largest results file a merge reads: a record holds at most 1 MiB of step summaries,
* 30 last lines per step and 1,000 annotations, so anything near this is not a record.
*/
const MAX_RECORD_BYTES = 268435456;
/**
* Reads each file as a shard's run record. Files that are JSON but not shards' records
* (other artifacts downloaded into the same directory, the record of a run without
* `shard`) are skipped and listed; a record of another version is a problem that names
* the file.
*/
function readShardFiles(files) {
	const shards = [];
	const skipped = [];
	const problems = [];
	for (const file of files) {
		let parsed;
		try {
			const text = readFileSync(file, "utf8");
			if (text.length > 268435456) throw new Error("it is too large for a run record");
			parsed = JSON.parse(text);
		} catch (error) {
			problems.push(`${file} could not be read: ${error.message}`);
			continue;
		}
		if (!isObject(parsed) || parsed.format !== "stepgraph-run-record") {
			skipped.push(file);
			continue;
		}
		if (parsed.version !== 1) {
			problems.push(`${file} is a version ${String(parsed.version)} run record; this stepgraph reads version ${1}: run the shards and the merge with the same stepgraph version`);
			continue;
		}
		if (!isShardRecord(parsed.shard) || !Array.isArray(parsed.steps)) {
			skipped.push(file);
			continue;
		}
		shards.push({
			file,
			record: parsed
		});
	}
	return {
		shards,
		skipped,
		problems
	};
}
function isShardRecord(value) {
	return isObject(value) && Number.isInteger(value.index) && Number.isInteger(value.count) && typeof value.graph === "string" && typeof value.assignment === "string" && Number.isInteger(value["graph-steps"]) && Array.isArray(value["graph-indexes"]);
}
function isObject(value) {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/shard/record-files.ts
/**
* The results files a merge reads, from what the user named: files, directories (every
* `.json` file under them, at any depth: actions/download-artifact puts each artifact in
* a directory of its own), or globs (`*` and `?` within a name, `**` for any number of
* directories). Sorted, without duplicates, so that a merge reads them in the same order
* wherever it runs. Node 20 has no fs.glob, hence the small matcher.
*/
function recordFiles(patterns, cwd) {
	const files = /* @__PURE__ */ new Set();
	const problems = [];
	for (const pattern of patterns) {
		const found = /[*?]/.test(pattern) ? globFiles(path.resolve(cwd, pattern)) : pathFiles(path.resolve(cwd, pattern));
		if (found.length === 0) problems.push(`no results files at ${pattern}: did each shard job upload its \`results-file\` (actions/upload-artifact), and this job download them (actions/download-artifact)?`);
		for (const file of found) files.add(file);
	}
	return {
		files: [...files].sort(),
		problems
	};
}
function pathFiles(target) {
	let stats;
	try {
		stats = statSync(target);
	} catch {
		return [];
	}
	return stats.isDirectory() ? jsonFilesUnder(target) : [target];
}
function jsonFilesUnder(directory) {
	return walk(directory).filter((file) => file.endsWith(".json"));
}
/** Every file under `directory`, at any depth (symbolic links are not followed). */
function walk(directory) {
	const files = [];
	const pending = [directory];
	for (let dir = pending.pop(); dir !== void 0; dir = pending.pop()) {
		let entries;
		try {
			entries = readdirSync(dir, { withFileTypes: true });
		} catch {
			continue;
		}
		for (const entry of entries) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) pending.push(full);
			else if (entry.isFile()) files.push(full);
		}
	}
	return files;
}
/** The files under the pattern's fixed leading directories that the whole pattern matches. */
function globFiles(pattern) {
	const parts = pattern.split(path.sep);
	const fixed = parts.findIndex((part) => /[*?]/.test(part));
	const root = parts.slice(0, fixed).join(path.sep) || path.sep;
	const rest = parts.slice(fixed);
	const matcher = globRegExp(rest.at(-1) === "**" ? [...rest, "*"] : rest);
	return walk(root).filter((file) => matcher.test(path.relative(root, file).split(path.sep).join("/")));
}
/** `**` any directories (or none), `*` any characters but `/`, `?` one of them. */
function globRegExp(parts) {
	const source = parts.map((part) => part === "**" ? "(?:[^/]+/)*" : `${part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}/`).join("").replace(/\/$/, "");
	return new RegExp(`^${source}$`);
}

// src/shard/merge.ts
/** Finds, reads, checks and joins the shards' results files. Runs nothing. */
function mergeResults(patterns, cwd) {
	const found = recordFiles(patterns, cwd);
	if (found.problems.length > 0) return {
		ok: false,
		refused: found.problems
	};
	const read = readShardFiles(found.files);
	if (read.problems.length > 0) return {
		ok: false,
		refused: read.problems
	};
	if (read.shards.length === 0) return {
		ok: false,
		refused: [`none of the JSON files found is a shard's results file (${read.skipped.join(", ")}): run each shard job with \`shard: I/N\` (or --shard I/N), upload its \`results-file\`, and download them all here`]
	};
	const check = checkShards(read.shards);
	if (check.refused.length > 0) return {
		ok: false,
		refused: check.refused
	};
	const merged = mergeShardRecords(read.shards);
	return {
		ok: true,
		merged,
		balance: balanceOf(merged),
		failing: check.failing,
		skipped: read.skipped
	};
}
/**
* The timings file after a merge: every step that succeeded in some shard adds its
* duration, so the next run's shards balance on this one. Returns why it could not be
* written. A corrupt previous file is started afresh (its warning is returned too).
*/
function saveMergedTimings(file, merged) {
	const previous = readTimings(file);
	const ids = merged.record.steps.map((step) => step.id);
	return writeTimings(file, updatedTimings(previous.timings, ids, measuredDurations(merged))) ?? previous.warning;
}

// src/cli/merge.ts
/**
* `stepgraph merge FILES|DIR|GLOB...`: the shards' results files reported as one run, as
* the action's `merge` input does. Exit 2 when they cannot be merged, 1 when the whole
* graph failed (a shard missing, failed or cancelled), 0 otherwise.
*/
function mergeCommand$1(command, terminal) {
	const { stdout, stderr, cwd } = terminal;
	const outcome = mergeResults(command.sources, cwd);
	if (!outcome.ok) {
		for (const problem of outcome.refused) stderr.write(`stepgraph merge: ${problem}\n`);
		return 2;
	}
	const { merged, failing } = outcome;
	const lines = [
		...outcome.skipped.map((file) => `stepgraph merge: ${file} is not a shard's results file: left alone`),
		...balanceLines(outcome.balance),
		...failing.map((line) => `✖ ${line}`)
	];
	if (merged.record.failed.length > 0) lines.push(`✖ failed: ${merged.record.failed.join(", ")}`);
	lines.push(`status: ${merged.record.status}`);
	stdout.write(`${lines.join("\n")}\n`);
	const write = (flag, file, text) => {
		try {
			writeFileSync(path.resolve(cwd, file), text);
		} catch (error) {
			stderr.write(`stepgraph merge: ${flag}: ${error.message}\n`);
		}
	};
	if (command.summaryFile) write("--summary-file", command.summaryFile, mergeSummary(outcome));
	if (command.resultsFile) write("--results-file", command.resultsFile, runRecordJson(merged.record));
	if (command.timings) {
		const problem = saveMergedTimings(path.resolve(cwd, command.timings), merged);
		if (problem !== void 0) stderr.write(`stepgraph merge: ${problem}\n`);
	}
	return merged.record.status === "success" ? 0 : 1;
}

// src/options.ts
/** How step output reaches the log. */
const OUTPUT_MODES = ["grouped", "stream"];
const ok = (value) => ({
	ok: true,
	value
});
const refuse = (reason) => ({
	ok: false,
	reason
});
/**
* The most slots a run may ask for. A run never uses more slots than it has steps (the
* scheduler's slot table is sized by both), so a large count costs nothing; beyond this
* one it is a mistake (a mistyped number, 2^53-1 for "unlimited") and is refused at once.
*/
const MAX_SLOTS = 1e5;
/**
* `4` or `50%` (of the CPUs, rounded down, at least 1). Percentages above 100% are refused:
* more slots than CPUs is a deliberate choice, so it is asked for with a number.
*/
function parseMaxParallel(text, cpuCount) {
	const trimmed = text.trim();
	const percent = /^(\d+(?:\.\d+)?)%$/.exec(trimmed);
	if (percent) {
		const share = Number(percent[1]);
		if (share <= 0 || share > 100) return refuse(`a percentage must be above 0% and at most 100% of the CPUs, got "${text}"; for more slots than CPUs, give a number`);
		return ok(Math.max(1, Math.floor(cpuCount * share / 100)));
	}
	if (/^\d+$/.test(trimmed)) {
		const slots = Number(trimmed);
		if (slots < 1) return refuse(`expected a positive whole number, got "${text}"`);
		if (slots > 1e5) return refuse(`expected at most ${MAX_SLOTS} slots (more processes than one machine runs at once), got "${text}"`);
		return ok(slots);
	}
	return refuse(`expected a positive whole number or a percentage of the CPUs such as 50%, got "${text}"`);
}
function parseOutputMode(text) {
	const mode = OUTPUT_MODES.find((known) => known === text.trim());
	return mode ? ok(mode) : refuse(`expected ${OUTPUT_MODES.join(" or ")}, got "${text}"`);
}
function parseShell(text) {
	return isValidShell(text) ? ok(text.trim()) : refuse(`expected ${SHELL_NAMES.join(", ")} or a command template containing {0}, got "${text}"` + shellHint(text, (template) => `"${template}"`));
}

// src/cli/args.ts
const HELP = `stepgraph: run a graph of shell steps in parallel, as the GitHub Action does

Usage:
  stepgraph run FILE [ID...] [options]       run the step graph in FILE; with IDs, only
                                             those steps and the steps they need
  stepgraph graph FILE [ID...] [--format F]  print the graph (F: mermaid, the default, or dot)
  stepgraph merge FILE|DIR|GLOB... [--summary-file P] [--results-file P] [--timings F]
                                             run nothing: report the whole graph from the
                                             shards' results files (--shard runs)
  stepgraph --help | --version

Options for run:
  -j, --max-parallel N|P%      slots: most steps at once (default: the CPU count)
      --fail-fast              on the first failure, start nothing new, cancel the rest
      --dry-run                validate and print the plan; run nothing
      --output grouped|stream  each step's output when it ends (default), or lines as they come
      --shell SHELL            shell for steps that name none (bash, sh, pwsh, ..., or "cmd {0}")
  -C, --working-directory DIR  directory for steps that name none (default: the current one)
      --summary-file PATH      write the job summary's Markdown to PATH
      --results-file PATH      write the run record (JSON: every step's result) to PATH
      --timings FILE           the timings file: each step's last durations, read before the
                               run (to start the longest work first, to estimate the time
                               left) and updated after it (default: .stepgraph/NAME.timings.json
                               beside the graph file NAME, created on the first run)
      --no-timings             keep no timings
      --shard I/N              run shard I of N: its share of the graph, balanced by the
                               timings, with the steps it needs (merge the shards' records)

Exit codes: 0 success, 1 a step failed (merge: or a shard is missing, failed or was
cancelled), 2 invalid input (merge: files that cannot be merged), 130 interrupted.
`;
/** A mistake on the command line: the message says which argument, and the exit code is 2. */
var UsageError = class extends Error {
	name = "UsageError";
};
const OPTIONS = {
	"max-parallel": {
		type: "string",
		short: "j"
	},
	"fail-fast": { type: "boolean" },
	"dry-run": { type: "boolean" },
	output: { type: "string" },
	shell: { type: "string" },
	"working-directory": {
		type: "string",
		short: "C"
	},
	"summary-file": { type: "string" },
	"results-file": { type: "string" },
	timings: { type: "string" },
	"no-timings": { type: "boolean" },
	shard: { type: "string" },
	format: { type: "string" },
	help: {
		type: "boolean",
		short: "h"
	},
	version: {
		type: "boolean",
		short: "V"
	}
};
const RUN_ONLY = [
	"max-parallel",
	"fail-fast",
	"dry-run",
	"output",
	"shell",
	"working-directory",
	"summary-file",
	"results-file",
	"timings",
	"no-timings",
	"shard"
];
function parseCliArgs(argv, cpuCount) {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			options: OPTIONS,
			allowPositionals: true,
			strict: true
		});
	} catch (error) {
		throw new UsageError(error.message);
	}
	const { values, positionals } = parsed;
	if (values.help) return { kind: "help" };
	if (values.version) return { kind: "version" };
	const [command, file, ...targets] = positionals;
	if (command === void 0) throw new UsageError("a command is required: run, graph or merge");
	if (command === "merge") return mergeCommand(values, positionals.slice(1));
	if (command !== "run" && command !== "graph") throw new UsageError(`unknown command '${command}': use run, graph or merge`);
	if (file === void 0) throw new UsageError(`${command} needs a FILE: the step graph's YAML`);
	if (command === "graph") {
		const given = RUN_ONLY.find((name) => values[name] !== void 0);
		if (given) throw new UsageError(`--${given} is an option of run, not of graph`);
		const format = values.format ?? "mermaid";
		if (format !== "mermaid" && format !== "dot") throw new UsageError(`--format: expected mermaid or dot, got "${format}"`);
		return {
			kind: "graph",
			file,
			targets,
			format
		};
	}
	if (values.format !== void 0) throw new UsageError("--format is an option of graph, not of run");
	const flag = (name, text, parse) => {
		if (text === void 0) return void 0;
		const result = parse(text);
		if (!result.ok) throw new UsageError(`--${name}: ${result.reason}`);
		return result.value;
	};
	const maxParallel = flag("max-parallel", values["max-parallel"], (text) => parseMaxParallel(text, cpuCount));
	const output = flag("output", values.output, parseOutputMode) ?? "grouped";
	const shell = flag("shell", values.shell, parseShell);
	const shard = flag("shard", values.shard, parseShard);
	const summaryFile = values["summary-file"];
	const workingDirectory = values["working-directory"];
	const resultsFile = values["results-file"];
	if (summaryFile === "") throw new UsageError("--summary-file: expected a path");
	if (resultsFile === "") throw new UsageError("--results-file: expected a path");
	if (workingDirectory === "") throw new UsageError("--working-directory: expected a directory");
	const timingsFile = values.timings;
	if (timingsFile === "") throw new UsageError("--timings: expected a path");
	if (timingsFile !== void 0 && values["no-timings"]) throw new UsageError("--timings and --no-timings were both given: use one of them");
	const timings = values["no-timings"] ? false : timingsFile;
	return {
		kind: "run",
		file,
		targets,
		flags: {
			failFast: values["fail-fast"] ?? false,
			dryRun: values["dry-run"] ?? false,
			output,
			...maxParallel !== void 0 && { maxParallel },
			...shell !== void 0 && { shell },
			...workingDirectory !== void 0 && { workingDirectory },
			...summaryFile !== void 0 && { summaryFile },
			...resultsFile !== void 0 && { resultsFile },
			...timings !== void 0 && { timings },
			...shard !== void 0 && { shard }
		}
	};
}
/** Flags a merge takes: where to write the summary, the merged record and the timings. */
const MERGE_FLAGS = [
	"summary-file",
	"results-file",
	"timings"
];
function mergeCommand(values, sources) {
	const given = Object.keys(values).find((name) => values[name] !== void 0 && !MERGE_FLAGS.includes(name));
	if (given) throw new UsageError(`--${given} is not an option of merge`);
	if (sources.length === 0) throw new UsageError("merge needs the shards' results files: files, directories or globs");
	const text = (name) => {
		const value = values[name];
		if (value === "") throw new UsageError(`--${name}: expected a path`);
		return typeof value === "string" ? value : void 0;
	};
	const summaryFile = text("summary-file");
	const resultsFile = text("results-file");
	const timings = text("timings");
	return {
		kind: "merge",
		sources,
		...summaryFile !== void 0 && { summaryFile },
		...resultsFile !== void 0 && { resultsFile },
		...timings !== void 0 && { timings }
	};
}

// src/cli/final-table.ts
/** The table after a run: every step, how it ended, how long, where; then the totals. */
function finalTable(graph, run, paint) {
	const colour = (status, text) => status === "success" ? paint.green(text) : status === "failure" || status === "timed-out" ? paint.red(text) : status === "cancelled" ? paint.yellow(text) : paint.dim(text);
	const rows = run.results.map((result) => {
		const spec = graph.steps[result.step];
		const last = lastAttempt(result);
		const duration = stepDuration$1(result);
		const detail = result.status === "success" ? "" : describeStep(result);
		return {
			status: result.status,
			cells: [
				`${STATUS_MARK[result.status]} ${result.status}`,
				oneLine(spec?.name ?? "?"),
				duration === null ? "—" : formatDuration(duration),
				last ? last.slot === 0 ? "svc" : String(last.slot) : "—",
				String(result.attempts.length),
				oneLine(detail)
			]
		};
	});
	const header = [
		"status",
		"step",
		"time",
		"slot",
		"tries",
		""
	];
	const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => Array.from(row.cells[i] ?? "").length)));
	const pad = (cells) => cells.map((cell, i) => cell + " ".repeat(Math.max(0, (widths[i] ?? 0) - Array.from(cell).length))).join("  ").trimEnd();
	const lines = [paint.dim(pad(header))];
	for (const row of rows) {
		const [first = "", ...rest] = row.cells;
		const text = pad([first, ...rest]);
		lines.push(colour(row.status, text.slice(0, first.length)) + text.slice(first.length));
	}
	const counts = /* @__PURE__ */ new Map();
	for (const result of run.results) counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
	const wall = run.endedAt - run.startedAt;
	const work = run.results.reduce((sum, result) => sum + stepTime(result), 0);
	const notStarted = run.results.filter(neverStarted).length;
	const parts = [...counts].map(([status, n]) => colour(status, `${STATUS_MARK[status]} ${n} ${status}` + (status === "cancelled" && notStarted > 0 ? ` (${notStarted} never started)` : "")));
	const partial = partialBecause(run);
	const parallel = partial !== void 0 ? ` (partial: ${partial})` : wall > 0 && work / wall >= 1.05 ? ` (${(work / wall).toFixed(1)}× parallel)` : "";
	lines.push("", `${count(run.results.length, "step")}: ${parts.join(" · ")} · ${formatDuration(wall)} wall, ${formatDuration(work)} of steps${parallel}`);
	return lines.join("\n");
}
/** Lines of each failed step shown again under the table, so the failure is in view. */
const FAILURE_LINES = 10;
/** Each failed step's last lines, under the table: what went wrong without scrolling back. */
function failuresInView(graph, run, lastLines, paint) {
	const parts = [];
	for (const result of run.results) {
		if (result.status !== "failure" && result.status !== "timed-out") continue;
		const name = oneLine(graph.steps[result.step]?.name ?? "?");
		parts.push(paint.red(`${STATUS_MARK[result.status]} ${name}: ${describeStep(result)}`));
		for (const line of lastLines(result.step, FAILURE_LINES)) parts.push(`  ${paint.enabled ? line : stripAnsi(line)}`);
	}
	return parts.join("\n");
}

// src/cli/running-services.ts
/**
* The services running, for the CLI's live region: listed apart from the running steps
* (they hold no slot, and run as long as the steps that need them), each starting, ready
* or stopping, and for how long.
*/
var RunningServices = class {
	graph;
	services = /* @__PURE__ */ new Map();
	constructor(graph) {
		this.graph = graph;
	}
	/** Observes the run; the events of steps that are not services are ignored. */
	observer = {
		attemptStarted: (event) => {
			if (event.slot === 0) this.services.set(event.step, {
				startedAt: event.at,
				state: "starting"
			});
		},
		serviceReady: (event) => {
			const service = this.services.get(event.step);
			if (service) service.state = "ready";
		},
		serviceStopping: (event) => {
			const service = this.services.get(event.step);
			if (service) service.state = "stopping";
		},
		attemptEnded: (event) => {
			if (event.slot === 0) this.services.delete(event.step);
		}
	};
	/** One line, or none when no service runs. */
	line(now, paint) {
		if (this.services.size === 0) return [];
		const listed = [...this.services].map(([step, { startedAt, state }]) => {
			return `${oneLine(this.graph.steps[step]?.name ?? "?")} ${paint.dim(`${state} ${formatDuration(now - startedAt)}`)}`;
		});
		return [`${paint.dim("  services:")} ${listed.join(", ")}`];
	}
};

// src/cli/live-view.ts
const SPINNER = [
	"⠋",
	"⠙",
	"⠹",
	"⠸",
	"⠼",
	"⠴",
	"⠦",
	"⠧",
	"⠇",
	"⠏"
];
/** Running steps listed at most; the rest are counted. */
const MAX_LISTED = 8;
/**
* What the live region shows while a run goes on: each running step with its slot and
* elapsed time, how many are done of how many, failures so far, and with recorded
* durations, how long the run has left.
*/
var LiveView = class {
	graph;
	now;
	paint;
	startedAt;
	observer;
	running = /* @__PURE__ */ new Map();
	done = 0;
	failed = 0;
	frame = 0;
	stopMessages = [];
	estimate;
	services;
	constructor(graph, now, paint, startedAt = now()) {
		this.graph = graph;
		this.now = now;
		this.paint = paint;
		this.startedAt = startedAt;
		this.services = new RunningServices(graph);
		this.observer = {
			...this.services.observer,
			attemptStarted: (event) => {
				this.services.observer.attemptStarted?.(event);
				if (event.slot === 0) return;
				this.running.set(`${event.step}/${event.attempt}`, {
					step: event.step,
					slot: event.slot,
					startedAt: event.at
				});
			},
			attemptEnded: (event) => {
				this.services.observer.attemptEnded?.(event);
				this.running.delete(`${event.step}/${event.attempt}`);
			},
			stepFinished: (result) => {
				this.done++;
				if (result.status === "failure" || result.status === "timed-out") this.failed++;
			}
		};
	}
	/** With recorded durations: the time left is shown beside the time spent. */
	showRemaining(estimate) {
		this.estimate = estimate;
	}
	/** Shown in the region once the run is being stopped (a first Ctrl-C), the latest last. */
	setStopping(message) {
		this.stopMessages.push(message);
	}
	/**
	* Every stop message shown, in order: the region is erased at the end, so the command
	* prints them as lines of the log before its final table.
	*/
	get stoppedWith() {
		return this.stopMessages;
	}
	render() {
		const now = this.now();
		const total = this.graph.dag.size;
		const spinner = SPINNER[this.frame++ % SPINNER.length] ?? "";
		const failures = this.failed > 0 ? ` · ${this.paint.red(`${this.failed} failed`)}` : "";
		const left = this.estimate ? ` · ${remainingText(this.estimate.remaining(now))}` : "";
		const lines = [`${spinner} ${this.running.size} running · ${this.done}/${total} done${failures} · ${formatDuration(now - this.startedAt)}${left}`];
		const running = [...this.running.values()].sort((a, b) => a.slot - b.slot);
		for (const { step, slot, startedAt } of running.slice(0, MAX_LISTED)) {
			const name = oneLine(this.graph.steps[step]?.name ?? "?");
			lines.push(this.paint.dim(`  [${slot}] `) + `${name} ${this.paint.dim(formatDuration(now - startedAt))}`);
		}
		if (running.length > MAX_LISTED) lines.push(this.paint.dim(`  … and ${running.length - MAX_LISTED} more`));
		lines.push(...this.services.line(now, this.paint));
		const stopping = this.stopMessages.at(-1);
		if (stopping) lines.push(this.paint.yellow(stopping));
		return lines.join("\n");
	}
};

// src/cli/terminal.ts
function paintFor(stream) {
	const enabled = stream.isTTY && stream.hasColors();
	const wrap = (open, close) => (text) => enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
	return {
		enabled,
		green: wrap(32, 39),
		red: wrap(31, 39),
		yellow: wrap(33, 39),
		dim: wrap(2, 22),
		bold: wrap(1, 22)
	};
}
/** What step output may put on `stream`: colours only on a terminal that shows them. */
function escapePolicyFor(stream, paint) {
	if (!stream.isTTY) return "plain";
	return paint.enabled ? "colour" : "terminal";
}
/** How long output may pass before the live region comes back. */
const REDRAW_AFTER_OUTPUT_MS = 50;
/**
* The live lines at the bottom of a terminal, redrawn in place. Anything written through
* `stream` goes above them: the region is erased first and drawn again shortly after, so
* step output is never cut by it and never mixed into it. It is not drawn while what was
* written last ends inside a line (a line too long to hold, passed on in pieces): it would
* start on that line, and erasing it would erase the line's end.
*
* Everything the command prints goes through `stream`, the final table too: the stream
* buffers writes while the terminal is busy, so a write straight to the terminal could
* overtake output still queued here.
*/
var LiveRegion = class LiveRegion {
	render;
	stream;
	update;
	timer;
	pending;
	stopped = false;
	atLineStart = true;
	/**
	* log-update is loaded here, only on a terminal: importing it costs about 110 ms,
	* which a run in CI or a pipe has no use for.
	*/
	static async create(terminal, render) {
		const { createLogUpdate: create } = await import("./log-update.js");
		return new LiveRegion(terminal, render, create);
	}
	constructor(terminal, render, create) {
		this.render = render;
		this.update = create(terminal);
		this.stream = new Writable({ write: (chunk, _encoding, done) => {
			this.update.clear();
			if (chunk.length > 0) this.atLineStart = chunk[chunk.length - 1] === 10;
			terminal.write(chunk, done);
			this.drawSoon();
		} });
	}
	start(everyMs = 100) {
		this.timer = setInterval(() => {
			this.draw();
		}, everyMs);
		this.timer.unref();
		this.draw();
	}
	draw() {
		if (!this.stopped && this.atLineStart) this.update(this.render());
	}
	/**
	* Erases the region for good (before the final table); `stream` then writes straight
	* on, in order after what it still holds.
	*/
	stop() {
		this.stopped = true;
		clearInterval(this.timer);
		clearTimeout(this.pending);
		this.update.clear();
		this.update.done();
	}
	drawSoon() {
		if (this.pending || this.stopped) return;
		this.pending = setTimeout(() => {
			this.pending = void 0;
			this.draw();
		}, REDRAW_AFTER_OUTPUT_MS);
		this.pending.unref();
	}
};

// src/cli/step-colours.ts
/**
* Steps write to pipes, so a tool that colours only on a terminal writes plain text even
* when the CLI shows it on one. When the CLI's own output is a colour terminal, and its
* escape filter lets colours through, the steps are told so in the two ways most tools
* honour:
*
* - `FORCE_COLOR`, at the terminal's depth (1: 16 colours, 2: 256, 3: 16 million), the
*   levels Node's `tty.getColorDepth` reads: chalk and supports-color (Jest), picocolors
*   and tinyrainbow (Vitest) honour it, and in Python pytest (6.0 and later), rich and
*   CPython 3.13's own tracebacks;
* - `CLICOLOR_FORCE=1`, the bixense.com/clicolors convention: CMake, Ninja, Rust programs
*   that colour through anstream (clap's help and errors), BSD `ls` with `CLICOLOR`.
*
* `TERM` and `COLORTERM` pass on unchanged with the rest of the environment, so a tool
* still learns what the terminal can show. Nothing else is set: git has no variable for
* it (only `-c color.ui=always`, which would colour its output inside `$(...)` as well),
* and tool-specific ones (`CARGO_TERM_COLOR`, `PY_COLORS`, `npm_config_color`) would
* override a project's own settings. A variable already in the environment is kept as it
* is (the user's `FORCE_COLOR=0` stays), and a step's own `env:` overrides these.
*
* Never in plain mode: in a pipe, in CI's log, with `NO_COLOR`, or on a terminal without
* colours, nothing is added. The action never adds anything: its output is a log file.
*/
function stepColourEnvironment(stream, policy, env) {
	if (policy !== "colour" || (env.NO_COLOR ?? "") !== "") return {};
	const depth = stream.getColorDepth(env);
	const added = {};
	if (env.FORCE_COLOR === void 0) added.FORCE_COLOR = depth >= 24 ? "3" : depth >= 8 ? "2" : "1";
	if (env.CLICOLOR_FORCE === void 0) added.CLICOLOR_FORCE = "1";
	return added;
}

// src/graph/select.ts
/**
* The steps `targets` names and every step they need, directly or not, as a graph of its
* own, in declaration order: what `make TARGET` or `turbo run TASK` would run. A matrix
* step's id names all its instances; an instance's own id, that one. Steps that need a
* target are left out. Unknown ids are refused, each with what it likely meant. O(V + E)
* over the steps kept.
*/
function selectSteps(graph, targets) {
	const stepsOf = (target) => {
		const index = graph.indexOf.get(target);
		return graph.stepsOf.get(target) ?? (index === void 0 ? void 0 : [index]);
	};
	const problems = targets.filter((target) => stepsOf(target) === void 0).map((target) => `no step \`${target}\` in ${graph.source.file ?? "the step graph"}` + meantStepHint(target, graph.indexOf, graph.steps));
	if (problems.length > 0) return {
		ok: false,
		problems
	};
	const kept = new Uint8Array(graph.dag.size);
	const pending = targets.flatMap((target) => stepsOf(target) ?? []);
	for (let v = pending.pop(); v !== void 0; v = pending.pop()) {
		if (kept[v]) continue;
		kept[v] = 1;
		for (const p of graph.dag.predecessors[v] ?? []) pending.push(p);
	}
	const old = graph.steps.flatMap((_, v) => kept[v] ? [v] : []);
	if (old.length === graph.steps.length) return {
		ok: true,
		graph
	};
	return {
		ok: true,
		graph: subGraph(graph, old)
	};
}

// src/cli/targets.ts
/**
* `stepgraph run FILE ID...`: the steps named and the steps they need, as `make TARGET`
* builds a target's prerequisites. An unknown id is a usage error (exit 2), each one said
* on stderr with what it likely meant.
*/
function selectTargets(graph, targets, stderr) {
	if (targets.length === 0) return { graph };
	const selection = selectSteps(graph, targets);
	if (!selection.ok) {
		for (const problem of selection.problems) stderr.write(`stepgraph: ${problem}\n`);
		return;
	}
	const named = [...new Set(targets)];
	const selected = selection.graph.steps.length;
	const needed = selected > named.length ? ` with what ${named.length === 1 ? "it needs" : "they need"}` : "";
	return {
		graph: selection.graph,
		note: `stepgraph: ${named.join(", ")}${needed}: ${count(selected, "step")} of ${graph.steps.length}`
	};
}

// src/report/queued-writer.ts
/** Queued bytes above which writers are asked to slow down (their pipes are paused). */
const HIGH_WATER = 2097152;
/**
* Everything written to stdout goes through one queue, in order. Writes honour the
* stream's backpressure (stdout is asynchronous for pipes on POSIX: a slow reader would
* otherwise grow our memory), files are replayed in chunks, and `flush` resolves only when
* every byte has been handed to the stream.
*
* After a stop signal the log gets a deadline (`cutAfter`): past it, step output still
* queued or being replayed is left out with a note, and the rest (stepgraph's own lines
* and commands) is handed to the stream without waiting for the reader, so the report is
* never held up by a slow log.
*/
var QueuedWriter = class {
	out;
	jobs = [];
	head = 0;
	pumping = false;
	queuedBytes = 0;
	broken = false;
	/** Why the log was cut, once it was. */
	cutReason;
	cutTimer;
	cutDeadline = 1e400;
	hurry = false;
	/** Whether the note for step output left out after the cut was written. */
	outputCutNoted = false;
	/** Whether the last byte handed to the stream ended a line. */
	atLineStart = true;
	/** Whether what is queued so far ends a line: known for bytes, unknown after a job. */
	queueEndsLine = true;
	idleWaiters = [];
	drainListeners = [];
	/** Waits on the stream that the cut ends at once. */
	cutWaiters = /* @__PURE__ */ new Set();
	constructor(out) {
		this.out = out;
		out.on("error", () => {
			this.broken = true;
		});
	}
	/** Whether the queue is short enough to take more without pausing the producers. */
	get wantsMore() {
		return this.cutReason !== void 0 || this.queuedBytes < 2097152;
	}
	/** stepgraph's own text: written even after the log is cut. */
	write(text) {
		this.queue(text);
	}
	/** A step's output: left out (with a note) once the log is cut. */
	output(data) {
		this.queue(data);
	}
	/**
	* Makes what comes next start a line: a line break is written first if the bytes before
	* it (whatever wrote them: a write, a replayed file) ended inside a line. Workflow
	* commands are only read at the start of a line, so everything of stepgraph's own is
	* queued after this.
	*/
	startLine() {
		if (this.queueEndsLine === true) return;
		if (this.queueEndsLine === false) {
			this.write("\n");
			return;
		}
		this.queueEndsLine = true;
		this.enqueue(() => this.ensureLineStart());
	}
	/**
	* Queues a call that writes whole lines to the stream itself (@actions/core's
	* commands), so that it comes out at this point of the order.
	*/
	external(call) {
		this.queueEndsLine = true;
		this.enqueue(() => {
			if (!this.broken) call();
			this.atLineStart = true;
			return Promise.resolve();
		});
	}
	/** Queues work that writes asynchronously (replaying a step's output) at this point of the order. */
	job(work) {
		this.queueEndsLine = void 0;
		this.enqueue(() => work(this.target));
	}
	/** Called once each time the queue falls back below the high-water mark. */
	onDrain(listener) {
		this.drainListeners.push(listener);
	}
	/** Resolves when everything queued so far has been handed to the stream. */
	async flush() {
		if (!this.pumping && this.head === this.jobs.length) return;
		await new Promise((resolve) => this.idleWaiters.push(resolve));
	}
	/**
	* A stop signal came: from now on output is replayed in small pieces, and `delayMs`
	* from now (at once for 0) the log is cut, `reason` saying why. The earliest deadline
	* holds.
	*/
	cutAfter(delayMs, reason) {
		this.hurry = true;
		if (this.cutReason !== void 0 || Date.now() + delayMs >= this.cutDeadline) return;
		this.cutDeadline = Date.now() + delayMs;
		clearTimeout(this.cutTimer);
		if (delayMs <= 0) {
			this.cut(reason);
			return;
		}
		this.cutTimer = setTimeout(() => {
			this.cut(reason);
		}, delayMs);
		this.cutTimer.unref();
	}
	/** What a replay job writes through. */
	target = (() => {
		const stopped = () => this.stopReason;
		const hurried = () => this.hurry;
		return {
			write: (pieces) => this.handOver(pieces),
			note: async (text) => {
				await this.ensureLineStart();
				await this.writeNow(`${text}\n`);
			},
			get stopped() {
				return stopped();
			},
			get hurried() {
				return hurried();
			}
		};
	})();
	/** Why step output is no longer written, if it is not. */
	get stopReason() {
		return this.cutReason ?? (this.broken ? "nobody reads the log any more" : void 0);
	}
	cut(reason) {
		if (this.cutReason !== void 0) return;
		this.cutReason = reason;
		for (const wake of [...this.cutWaiters]) wake();
		for (const listener of this.drainListeners) listener();
	}
	queue(data) {
		if (data.length === 0) return;
		this.queuedBytes += data.length;
		this.queueEndsLine = endsLine(data);
		this.enqueue(data);
	}
	enqueue(job) {
		this.jobs.push(job);
		if (!this.pumping) this.pump();
	}
	async pump() {
		this.pumping = true;
		while (this.head < this.jobs.length) {
			const job = this.jobs[this.head];
			this.jobs[this.head++] = "";
			if (this.head > 1024 && this.head * 2 > this.jobs.length) {
				this.jobs.splice(0, this.head);
				this.head = 0;
			}
			if (typeof job === "function") {
				await this.run(job);
				continue;
			}
			const before = this.queuedBytes;
			this.queuedBytes -= job.length;
			if (before >= 2097152 && this.queuedBytes < 2097152) for (const listener of this.drainListeners) listener();
			if (this.cutReason === void 0) await this.writeNow(job);
			else await this.writeAfterCut(job);
		}
		this.pumping = false;
		for (const resolve of this.idleWaiters.splice(0)) resolve();
	}
	/**
	* Runs a queued job. Jobs handle their own faults; should one throw all the same, the
	* queue goes on (a stalled queue would hold the report) and the log says what was lost.
	*/
	async run(job) {
		try {
			await job();
		} catch (error) {
			await this.ensureLineStart();
			const text = error instanceof Error ? error.message : String(error);
			await this.writeNow(`stepgraph: part of the log was lost: ${text}\n`);
		}
	}
	/** After the cut: own text goes out on lines of its own, step output is left out. */
	async writeAfterCut(job) {
		if (typeof job === "string") {
			if (job !== "\n") await this.ensureLineStart();
			await this.writeNow(job);
			return;
		}
		if (this.outputCutNoted) return;
		this.outputCutNoted = true;
		await this.ensureLineStart();
		await this.writeNow(`stepgraph: step output from here on is not shown: ${this.cutReason ?? ""}\n`);
	}
	async ensureLineStart() {
		if (!this.atLineStart) await this.writeNow("\n");
	}
	/**
	* Hands pieces to the stream together; resolves once the stream is done with them (their
	* buffers may be reused), or at the cut.
	*/
	handOver(pieces) {
		if (this.stopReason !== void 0) return Promise.resolve();
		let last;
		for (const piece of pieces) {
			if (piece.length === 0) continue;
			if (last) this.out.write(last);
			last = piece;
		}
		if (!last) return Promise.resolve();
		const final = last;
		this.atLineStart = endsLine(final);
		return this.untilCut((done) => {
			this.out.write(final, done);
			return () => void 0;
		});
	}
	/** Hands data to the stream; waits for the stream to drain, unless the log is cut. */
	async writeNow(data) {
		if (this.broken) return;
		this.atLineStart = endsLine(data);
		if (this.out.write(data) || this.cutReason !== void 0) return;
		await this.untilCut((done) => {
			this.out.on("drain", done);
			this.out.on("error", done);
			this.out.on("close", done);
			return () => {
				this.out.off("drain", done);
				this.out.off("error", done);
				this.out.off("close", done);
			};
		});
	}
	/**
	* Waits for what `start` starts (it calls `done` once, and returns how to stop
	* listening), or for the cut, whichever comes first.
	*/
	untilCut(start) {
		if (this.cutReason !== void 0) return Promise.resolve();
		return new Promise((resolve) => {
			const listening = {};
			const done = () => {
				if (!this.cutWaiters.delete(done)) return;
				listening.stop?.();
				resolve();
			};
			this.cutWaiters.add(done);
			listening.stop = start(done);
		});
	}
};
function endsLine(data) {
	return typeof data === "string" ? data.endsWith("\n") : data[data.length - 1] === 10;
}

// src/report/replay.ts
const CHUNK = 1048576;
const HURRIED_CHUNK = 65536;
const LF$2 = 10;
/**
* Writes a buffered output to the log, then disposes of it. Never rejects: a spill file
* that cannot be read back, or output that could not be kept, ends the output with a
* note saying how much was lost and why; a log cut at its deadline ends it with a note
* saying how much was not shown. Either note comes after whole lines only: the runner
* masks secrets line by line, so the part of a line before a loss or a cut is never shown.
*/
async function replayOutput(buffer, target, transform = (data) => data) {
	try {
		const output = await buffer.contents();
		const memoryBytes = output.memory.reduce((sum, block) => sum + block.length, 0);
		if (!output.file && !output.lost) {
			if (target.stopped) await cutNote(target, 0, memoryBytes);
			else await target.write(output.memory.map(transform));
			return;
		}
		await replayKept(output, memoryBytes, target, transform);
	} finally {
		buffer.dispose();
	}
}
/**
* The kept bytes in chunks read in turn into two buffers (one is read while the other is
* written), each chunk ending at a line break so that a cut falls between lines; a line
* longer than a chunk is passed on in pieces, as the output filter passed it.
*/
async function replayKept(output, memoryBytes, target, transform) {
	let end = memoryBytes + (output.file?.bytes ?? 0);
	let lost = output.lost?.bytes ?? 0;
	let reason = output.lost?.reason;
	const size = Math.max(1, Math.min(CHUNK, end));
	const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
	const writes = [Promise.resolve(), Promise.resolve()];
	const read = readKept(output, memoryBytes);
	let position = 0;
	let atLineStart = true;
	for (let turn = 0; position < end; turn = turn === 0 ? 1 : 0) {
		await writes[turn];
		if (target.stopped) {
			await Promise.all(writes);
			await cutNote(target, position, end - position + lost);
			return;
		}
		const want = Math.min(target.hurried ? HURRIED_CHUNK : size, end - position);
		const buffer = buffers[turn];
		let n;
		try {
			n = await read(buffer, want, position);
		} catch (error) {
			lost += end - position;
			reason = `its file in the temp directory could not be read back (${message(error)})`;
			break;
		}
		if (n < want) {
			lost += end - position - n;
			reason = "its file in the temp directory was shortened by another process";
			end = position + n;
		}
		const last = position + n === end;
		const chunk = buffer.subarray(0, n);
		let take = n;
		if (!last || reason !== void 0) {
			const lineEnd = chunk.lastIndexOf(LF$2) + 1;
			if (lineEnd > 0) take = lineEnd;
			else if (last && atLineStart) take = 0;
		}
		if (take > 0) {
			const piece = chunk.subarray(0, take);
			atLineStart = piece[take - 1] === LF$2;
			writes[turn] = target.write([transform(piece)]);
		}
		if (last) {
			lost += end - position - take;
			break;
		}
		position += take;
	}
	await Promise.all(writes);
	if (reason !== void 0 && lost > 0) await target.note(`stepgraph: the rest of this output (${formatBytes(lost)}) was lost: ${reason}`);
}
/** Reads the kept bytes as one file: the memory blocks, then the spill file. */
function readKept(output, memoryBytes) {
	return async (buffer, length, position) => {
		let n = 0;
		let offset = 0;
		for (const block of output.memory) {
			if (n === length) break;
			const from = position + n - offset;
			if (from < block.length) n += block.copy(buffer, n, from, Math.min(block.length, from + length - n));
			offset += block.length;
		}
		if (n < length && output.file) n += await output.file.read(buffer.subarray(n), length - n, position + n - memoryBytes);
		return n;
	};
}
function cutNote(target, shown, notShown) {
	const what = shown === 0 ? "this output" : "the rest of this output";
	return target.note(`stepgraph: ${what} (${formatBytes(notShown)}) was not shown: ${target.stopped ?? ""}`);
}
/** 12 bytes, 4.0 KiB, 2.5 MiB, 1.2 GiB. */
function formatBytes(bytes) {
	if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
	const units = [
		"KiB",
		"MiB",
		"GiB"
	];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value.toFixed(1)} ${units[unit] ?? ""}`;
}
function message(error) {
	return error instanceof Error ? error.message : String(error);
}

// src/cli/escape-scan.ts
/**
* Where, in a chunk of step output, the bytes are that the escape filter's state machine
* must see: everything else is text, copied span by span.
*/
const TAB$1 = 9;
const LF$1 = 10;
const CR$1 = 13;
const ESC$1 = 27;
const DEL$1 = 127;
/** The lead byte UTF-8 gives U+0080-U+00BF, the C1 controls among them. */
const C1_LEAD = 194;
/** C0 controls but TAB, LF and CR (ESC among them), and DEL. */
function controlBytes() {
	const bytes = [DEL$1];
	for (let byte = 0; byte < 32; byte++) if (byte !== TAB$1 && byte !== LF$1 && byte !== CR$1) bytes.push(byte);
	return bytes;
}
/** A 256-entry table: 1 for the bytes given and for every byte from `from` up. */
function byteTable(bytes, from = 256) {
	const table = /* @__PURE__ */ new Uint8Array(256);
	for (const byte of bytes) table[byte] = 1;
	table.fill(1, from);
	return table;
}
/** On a terminal, C0 controls count; in bytes that are not valid UTF-8, every byte from 0x80. */
const IN_TERMINAL = {
	utf8: byteTable([...controlBytes(), C1_LEAD]),
	bytes: byteTable(controlBytes(), 128)
};
const SPECIAL = {
	plain: {
		utf8: byteTable([ESC$1, C1_LEAD]),
		bytes: byteTable([ESC$1], 128)
	},
	terminal: IN_TERMINAL,
	colour: IN_TERMINAL
};
/**
* A search for the next byte at or after a position in [from, to) that needs the state
* machine (`to` when none). In valid UTF-8 under `plain`, only ESC and the lead of a C1
* control (C2 80-C2 9F) do, both found by the native `indexOf`: a large log costs two
* memchr. Otherwise bytes are looked up in a table.
*/
function specialByteSearch(chunk, from, to, policy) {
	const valid = isUtf8(chunk.subarray(from, to));
	if (valid && policy === "plain") {
		let escape = -1;
		let c1Lead = -1;
		return (at) => {
			if (escape < at) escape = indexOrEnd(chunk.indexOf(ESC$1, at), to);
			if (c1Lead < at) c1Lead = indexOrEnd(chunk.indexOf(C1_LEAD, at), to);
			return Math.min(escape, c1Lead, to);
		};
	}
	const table = SPECIAL[policy][valid ? "utf8" : "bytes"];
	return (at) => {
		let i = at;
		while (i < to && table[chunk[i]] === 0) i++;
		return i;
	};
}
function indexOrEnd(index, end) {
	return index < 0 ? end : index;
}
/**
* Where the last character of `chunk` starts if it is incomplete (a lead byte without all
* its continuation bytes), else the chunk's length.
*/
function characterBoundary(chunk) {
	for (let back = 1; back <= 3 && back <= chunk.length; back++) {
		const byte = chunk[chunk.length - back];
		if (byte < 128) return chunk.length;
		if (byte >= 192) return (byte >= 240 ? 4 : byte >= 224 ? 3 : 2) > back ? chunk.length - back : chunk.length;
	}
	return chunk.length;
}

// src/cli/utf8-decoder.ts
/**
* A streaming UTF-8 decoder that never makes a string: it only tells, byte by byte, where
* characters are, so a character cut across chunks is whole once its last byte comes, and
* no byte is ever replaced. The ranges are those of the Unicode standard's table 3-7
* (no overlong forms, no surrogates, nothing above U+10FFFF).
*/
var Utf8Decoder = class {
	events;
	/** The bytes of a character begun but not complete (at most 3). */
	partial = [];
	/** Continuation bytes still needed by `partial`, and the range the next one must be in. */
	needed = 0;
	lower = 128;
	upper = 191;
	constructor(events) {
		this.events = events;
	}
	/** Whether a character has begun and not ended. */
	get midCharacter() {
		return this.needed > 0;
	}
	byte(byte) {
		if (this.needed > 0) {
			if (byte >= this.lower && byte <= this.upper) {
				this.partial.push(byte);
				this.lower = 128;
				this.upper = 191;
				if (--this.needed === 0) this.events.character(this.partial.splice(0));
				return;
			}
			this.end();
		}
		if (byte < 128) this.events.ascii(byte);
		else if (byte >= 194 && byte <= 223) this.begin(byte, 1, 128, 191);
		else if (byte === 224) this.begin(byte, 2, 160, 191);
		else if (byte === 237) this.begin(byte, 2, 128, 159);
		else if (byte >= 225 && byte <= 239) this.begin(byte, 2, 128, 191);
		else if (byte === 240) this.begin(byte, 3, 144, 191);
		else if (byte >= 241 && byte <= 243) this.begin(byte, 3, 128, 191);
		else if (byte === 244) this.begin(byte, 3, 128, 143);
		else this.events.invalid(byte);
	}
	/** No more bytes for the character begun (the stream ended, or a byte broke it): invalid. */
	end() {
		this.needed = 0;
		this.lower = 128;
		this.upper = 191;
		for (const byte of this.partial.splice(0)) this.events.invalid(byte);
	}
	begin(lead, needed, lower, upper) {
		this.partial.push(lead);
		this.needed = needed;
		this.lower = lower;
		this.upper = upper;
	}
};

// src/cli/escape-filter.ts
const TAB = 9;
const LF = 10;
const CR = 13;
const BEL = 7;
const CAN = 24;
const SUB = 26;
const ESC = 27;
const DEL = 127;
const LEFT_BRACKET = 91;
const BACKSLASH = 92;
const LETTER_M = 109;
/** C1's string terminator, U+009C. */
const ST = 156;
/** C1's control sequence introducer, U+009B: ESC [. */
const C1_CSI = 155;
const GROUND = 0;
/** After ESC (or a C1 control other than a CSI or a string's start). */
const ESCAPE = 1;
/** After ESC [ or U+009B: parameters, intermediates, then a final byte. */
const CSI = 2;
/** OSC, DCS, SOS, PM, APC: discarded up to their terminator. */
const STRING = 3;
/** An ESC inside a string: `\` ends the string, anything else starts a new sequence. */
const STRING_ESCAPE = 4;
/** Parameters of a colour longer than this are not a colour anyone means: dropped. */
const MAX_COLOUR_PARAMETERS = 256;
/** Enough room for what a chunk can release besides its own bytes: a held colour, a character. */
const HELD_ROOM = 264;
/**
* A streaming filter for one output stream of one attempt: escape sequences are removed
* (`colour`: all but SGR) whatever the chunking, since the state carries over from one
* chunk to the next; bytes are never decoded to a string, so UTF-8 split across chunks
* stays intact, and text comes out byte for byte.
*
* It follows the shape of ECMA-48 and of the DEC parser terminals use: ESC sequences,
* CSI, and the strings OSC, DCS, SOS, PM and APC, ended by ST (`ESC \` or U+009C), BEL,
* CAN or SUB. The C1 controls count in both their forms: 7-bit (ESC [) and UTF-8
* (U+009B); a byte 0x80-0x9F outside a valid UTF-8 character is an 8-bit C1 control to
* a terminal that is not in UTF-8 mode, and is dropped. C0 controls: see EscapePolicy.
*
* Invariant: nothing is ever emitted from inside a sequence, so wherever a sequence is
* cut (a chunk, the end of the stream, a line break) none of it reaches the output. A
* sequence never spans a line: LF or CR ends it, so a stray ESC hides at most the rest of
* its line, never the rest of the output.
*/
var EscapeFilter = class {
	policy;
	state = GROUND;
	/** ESC was followed by an intermediate byte (0x20-0x2F): `[` `]` ... are finals then. */
	escapeIntermediate = false;
	/** `colour`: the parameters of a CSI that may still be a colour; undefined when it cannot. */
	colour;
	/** Where the characters are: the state machine sees ASCII, C1 controls and text. */
	utf8 = new Utf8Decoder({
		ascii: (byte) => {
			this.ascii(byte);
		},
		character: (bytes) => {
			this.character(bytes);
		},
		invalid: (byte) => {
			this.invalid(byte);
		}
	});
	out = Buffer.alloc(0);
	length = 0;
	constructor(policy) {
		this.policy = policy;
	}
	/** The bytes of `chunk` that may be shown, in order (a prefix may be held for the next). */
	push(chunk) {
		let i = 0;
		if (this.state === GROUND && !this.utf8.midCharacter) {
			const boundary = characterBoundary(chunk);
			if (boundary === chunk.length && specialByteSearch(chunk, 0, boundary, this.policy)(0) === boundary) return chunk;
		}
		this.out = Buffer.allocUnsafe(chunk.length + HELD_ROOM);
		this.length = 0;
		while (i < chunk.length && this.utf8.midCharacter) this.utf8.byte(chunk[i++]);
		const boundary = Math.max(i, characterBoundary(chunk));
		const special = specialByteSearch(chunk, i, boundary, this.policy);
		while (i < boundary) {
			if (this.state === GROUND && !this.utf8.midCharacter) {
				const end = special(i);
				this.length += chunk.copy(this.out, this.length, i, end);
				i = end;
				if (i === boundary) break;
			}
			this.utf8.byte(chunk[i++]);
		}
		while (i < chunk.length) this.utf8.byte(chunk[i++]);
		return this.take();
	}
	/**
	* The end of the stream: an unfinished character is passed on as it is (its bytes
	* 0x80-0x9F dropped, as anywhere outside a character); an unfinished sequence is dropped.
	*/
	end() {
		this.out = Buffer.allocUnsafe(HELD_ROOM);
		this.length = 0;
		this.utf8.end();
		this.state = GROUND;
		this.colour = void 0;
		return this.take();
	}
	take() {
		const out = this.out.subarray(0, this.length);
		this.out = Buffer.alloc(0);
		return out;
	}
	/** A whole UTF-8 character of two or more bytes: a C1 control (U+0080-U+009F) or text. */
	character(bytes) {
		const [lead, second] = bytes;
		if (lead === 194 && second <= 159) {
			this.c1(second);
			return;
		}
		if (!this.leaveSequenceForText()) return;
		for (const byte of bytes) this.emit(byte);
	}
	/** A byte that is not part of any character: dropped in 0x80-0x9F (8-bit C1), else kept. */
	invalid(byte) {
		if (!this.leaveSequenceForText()) return;
		if (byte < 128 || byte > 159) this.emit(byte);
	}
	/**
	* Text arrived: inside an ESC sequence or a CSI it ends the sequence (which is dropped)
	* and is shown; inside a string it is the string's content, discarded. Returns whether
	* the text is to be shown.
	*/
	leaveSequenceForText() {
		if (this.state === STRING) return false;
		this.state = GROUND;
		this.colour = void 0;
		return true;
	}
	/** A C1 control, U+0080-U+009F: the same as ESC followed by (code - 0x40). */
	c1(code) {
		if (this.state === STRING && code === ST) {
			this.state = GROUND;
			return;
		}
		this.state = ESCAPE;
		this.escapeIntermediate = false;
		this.colour = void 0;
		if (code === C1_CSI || isStringStart(code - 64)) this.escape(code - 64);
		else this.state = GROUND;
	}
	ascii(byte) {
		switch (this.state) {
			case GROUND:
				this.ground(byte);
				return;
			case ESCAPE:
				this.escape(byte);
				return;
			case CSI:
				this.csi(byte);
				return;
			case STRING:
				this.string(byte);
				return;
			case STRING_ESCAPE:
				if (byte === BACKSLASH) {
					this.state = GROUND;
					return;
				}
				this.state = ESCAPE;
				this.escapeIntermediate = false;
				this.escape(byte);
		}
	}
	ground(byte) {
		if (byte === ESC) this.startEscape();
		else this.control(byte);
	}
	startEscape() {
		this.state = ESCAPE;
		this.escapeIntermediate = false;
		this.colour = void 0;
	}
	/**
	* A byte in ground state, or a C0 control met inside a sequence (terminals execute
	* those). `plain` keeps C0 controls; on a terminal, only TAB, LF and CR pass.
	*/
	control(byte) {
		if (this.policy === "plain" || byte >= 32 && byte < DEL) this.emit(byte);
		else if (byte === TAB || byte === LF || byte === CR) this.emit(byte);
	}
	/** Common to every sequence: what ends it early, and the C0 controls inside it. */
	interrupted(byte) {
		if (byte === ESC) {
			this.startEscape();
			return true;
		}
		if (byte === CAN || byte === SUB) {
			this.state = GROUND;
			this.colour = void 0;
			return true;
		}
		if (byte === LF || byte === CR) {
			this.state = GROUND;
			this.colour = void 0;
			this.emit(byte);
			return true;
		}
		if (byte < 32 || byte === DEL) {
			this.control(byte);
			return true;
		}
		return false;
	}
	escape(byte) {
		if (this.interrupted(byte)) return;
		if (byte < 48) {
			this.escapeIntermediate = true;
			return;
		}
		if (!this.escapeIntermediate && byte === LEFT_BRACKET) {
			this.state = CSI;
			this.colour = this.policy === "colour" ? [] : void 0;
			return;
		}
		this.state = !this.escapeIntermediate && isStringStart(byte) ? STRING : GROUND;
	}
	csi(byte) {
		if (this.interrupted(byte)) return;
		if (byte < 64) {
			if (this.colour && isColourParameter(byte) && this.colour.length < MAX_COLOUR_PARAMETERS) this.colour.push(byte);
			else this.colour = void 0;
			return;
		}
		if (byte === LETTER_M && this.colour) {
			this.emit(ESC);
			this.emit(LEFT_BRACKET);
			for (const parameter of this.colour) this.emit(parameter);
			this.emit(LETTER_M);
		}
		this.state = GROUND;
		this.colour = void 0;
	}
	string(byte) {
		if (byte === BEL) this.state = GROUND;
		else if (byte === ESC) this.state = STRING_ESCAPE;
		else if (byte === CAN || byte === SUB) this.state = GROUND;
		else if (byte === LF || byte === CR) {
			this.state = GROUND;
			this.emit(byte);
		}
	}
	emit(byte) {
		this.out[this.length++] = byte;
	}
};
/** `]` OSC, `P` DCS, `X` SOS, `^` PM, `_` APC: the finals that open a string. */
function isStringStart(byte) {
	return byte === 93 || byte === 80 || byte === 88 || byte === 94 || byte === 95;
}
function isColourParameter(byte) {
	return byte >= 48 && byte <= 57 || byte === 59 || byte === 58;
}
/** A whole text of stepgraph's own (a line, the final table), filtered the same way. */
function filterText(text, policy) {
	const filter = new EscapeFilter(policy);
	const bytes = Buffer.from(text, "utf8");
	return Buffer.concat([filter.push(bytes), filter.end()]).toString("utf8");
}

// src/cli/terminal-log.ts
/**
* The log on a developer's terminal or in a pipe: the same relay as the action, without
* workflow commands. A group is a header line.
*
* Nothing reaches the output but what `policy` allows (see EscapePolicy): step output is
* filtered as it comes, per attempt and stream, by the sink `stepOutput` wraps (a
* sequence cut across reads, or across the chunks of a replayed file, is still whole
* there); stepgraph's own lines, which quote names and error messages, are filtered whole.
*/
var TerminalLog = class {
	paint;
	policy;
	writer;
	constructor(out, paint, policy) {
		this.paint = paint;
		this.policy = policy;
		this.writer = new QueuedWriter(out);
	}
	/** Where an attempt's output goes before the relay: filtered per stream, state kept across reads. */
	stepOutput(sink) {
		const filters = {
			stdout: new EscapeFilter(this.policy),
			stderr: new EscapeFilter(this.policy)
		};
		const pass = (stream, bytes) => {
			if (bytes.length > 0) sink.write(stream, bytes);
		};
		return {
			write: (stream, chunk) => {
				pass(stream, filters[stream].push(chunk));
			},
			note: (message) => {
				sink.note(message);
			},
			close: () => {
				pass("stdout", filters.stdout.end());
				pass("stderr", filters.stderr.end());
				sink.close();
			}
		};
	}
	line(text) {
		this.writer.write(`${filterText(text, this.policy)}\n`);
	}
	/** Step output, already filtered by `stepOutput`. */
	output(chunks) {
		for (const chunk of chunks) this.writer.output(chunk);
	}
	/** Step output, already filtered by `stepOutput` before it was buffered. */
	outputBuffer(buffer) {
		this.writer.job((target) => replayOutput(buffer, target));
	}
	startGroup(title) {
		this.writer.write(`${this.paint.bold(filterText(title, this.policy))}\n`);
	}
	endGroup() {}
	mask() {}
	get wantsMore() {
		return this.writer.wantsMore;
	}
	onDrain(listener) {
		this.writer.onDrain(listener);
	}
	cutAfter(delayMs) {
		this.writer.cutAfter(delayMs, "the run was interrupted, and the terminal could not keep up");
	}
	flush() {
		return this.writer.flush();
	}
};

// src/cli/timings-place.ts
/**
* The timings file a run uses: `--timings FILE` (from the current directory), none with
* `--no-timings`, by default `.stepgraph/NAME.timings.json` beside the graph file NAME:
* one per graph file, so that two graphs in one directory never drop each other's steps.
*/
function timingsFileFor(flag, graphFile, cwd) {
	if (flag === false) return void 0;
	if (flag !== void 0) return path.resolve(cwd, flag);
	const graph = path.resolve(cwd, graphFile);
	return path.join(path.dirname(graph), STATE_DIRECTORY, `${path.basename(graph)}.timings.json`);
}

// src/cli/main.ts
/** Exit codes, as SPEC.md says; a run stopped by signal N exits 128 + N (`interrupted`). */
const EXIT = {
	success: 0,
	failure: 1,
	invalid: 2,
	interrupted: 130
};
/** 128 + the signal's number, as a shell reports a command the signal ended: 130 for SIGINT. */
function interruptedExit(signal) {
	const number = signal === void 0 ? void 0 : constants.signals[signal];
	return number === void 0 ? EXIT.interrupted : 128 + number;
}
/** The `stepgraph` command: returns the exit code. */
async function main(argv, terminal = {
	stdout: process.stdout,
	stderr: process.stderr,
	cwd: process.cwd()
}) {
	const { stdout, stderr } = terminal;
	let command;
	try {
		command = parseCliArgs(argv, availableParallelism());
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		stderr.write(`stepgraph: ${error.message}\nRun 'stepgraph --help' for usage.\n`);
		return EXIT.invalid;
	}
	if (command.kind === "help") {
		stdout.write(HELP);
		return EXIT.success;
	}
	if (command.kind === "version") {
		stdout.write(`${version}\n`);
		return EXIT.success;
	}
	if (command.kind === "merge") return mergeCommand$1(command, terminal);
	if (command.kind === "run" && !command.flags.dryRun) catchStopSignals();
	const loaded = await loadGraph(command.file, terminal);
	const targeted = loaded && selectTargets(loaded, command.targets, stderr);
	if (!targeted) return EXIT.invalid;
	const { graph, note } = targeted;
	if (command.kind === "graph") {
		const options = {
			label: (v) => graph.steps[v]?.name ?? "",
			highlight: new Set(graph.dag.criticalPath().steps)
		};
		const ids = graph.steps.map((step) => step.id);
		stdout.write(`${command.format === "dot" ? toDot(graph.dag, ids, options) : toMermaid(graph.dag, options)}\n`);
		return EXIT.success;
	}
	const options = runOptions(command.file, command.flags, terminal);
	if (!options) return EXIT.invalid;
	const planned = options.shard && planShardWithTimings(graph, options.shard, options.timingsFile);
	if (planned && !planned.ok) {
		for (const problem of planned.problems) stderr.write(`stepgraph: --shard: ${problem}\n`);
		return EXIT.invalid;
	}
	const shard = planned?.plan;
	const notes = [...note ? [note] : [], ...shard ? [shardNote(shard)] : []];
	const share = shard?.graph ?? graph;
	if (options.dryRun) {
		const timings = loadRunTimings(options.timingsFile, share);
		if (timings.warning !== void 0) stderr.write(`stepgraph: ${timings.warning}\n`);
		const plan = makePlan(share, options.maxParallel, timings.expected);
		const lines = [
			...notes,
			...planLines(share, plan),
			...shard ? shardPlanLines(shard) : []
		];
		stdout.write(`${lines.join("\n")}\n`);
		if (command.flags.summaryFile) {
			const markdown = planMarkdown(share, plan) + (shard ? `\n${shardPlanMarkdown(shard)}` : "");
			writeSummary(command.flags.summaryFile, markdown, terminal);
		}
		return EXIT.success;
	}
	return run(share, options, command.flags, terminal, notes, shard);
}
async function loadGraph(file, { stderr, cwd }) {
	let source;
	try {
		source = readGraphFile(file, cwd);
	} catch (error) {
		stderr.write(`stepgraph: ${error.message}\n`);
		return;
	}
	const loaded = await loadStepGraph(source);
	if (loaded.ok) return loaded.graph;
	for (const problem of loaded.problems) stderr.write(`${formatProblem(problem, source)}\n`);
	stderr.write(`stepgraph: ${source.file ?? file} has ${count(loaded.problems.length, "problem")}; nothing was run\n`);
}
function runOptions(graphFile, flags, { stderr, cwd }) {
	const workingDirectory = path.resolve(cwd, flags.workingDirectory ?? ".");
	try {
		if (!statIsDirectory(workingDirectory)) throw new Error("not a directory");
	} catch {
		stderr.write(`stepgraph: --working-directory: ${workingDirectory} is not a directory\n`);
		return;
	}
	const timingsFile = timingsFileFor(flags.timings, graphFile, cwd);
	return {
		maxParallel: flags.maxParallel ?? availableParallelism(),
		failFast: flags.failFast,
		workingDirectory,
		output: flags.output,
		summary: flags.summaryFile !== void 0,
		annotations: false,
		dryRun: flags.dryRun,
		...flags.shell !== void 0 && { shell: flags.shell },
		...timingsFile !== void 0 && { timingsFile },
		...flags.shard !== void 0 && { shard: flags.shard }
	};
}
async function run(graph, runOptions, { summaryFile, resultsFile }, terminal, notes, shard) {
	const { stdout } = terminal;
	const paint = paintFor(stdout);
	const policy = escapePolicyFor(stdout, paint);
	const options = {
		...runOptions,
		stepEnvironment: stepColourEnvironment(stdout, policy, process.env)
	};
	const now = () => performance.now();
	const live = stdout.isTTY ? new LiveView(graph, now, paint) : void 0;
	const region = live ? await LiveRegion.create(stdout, () => live.render()) : void 0;
	const log = new TerminalLog(region?.stream ?? stdout, paint, policy);
	for (const note of notes) log.line(note);
	let relay;
	const annotations = new ChildAnnotations();
	region?.start();
	const outcome = await runGraph(graph, options, ({ outputDirectory, timings, estimate }) => {
		if (timings.warning !== void 0) log.line(`stepgraph: ${timings.warning}`);
		if (estimate) live?.showRemaining(estimate);
		const created = new LogRelay({
			graph,
			mode: options.output,
			log,
			spillDirectory: outputDirectory,
			annotations,
			now,
			...estimate && { estimate }
		});
		relay = created;
		return {
			observer: observeAll(created.observer, live?.observer),
			outputFor: (placement, flow) => log.stepOutput(created.outputFor(placement, flow)),
			finish: () => created.finish(),
			stopping: (signal, killing) => {
				created.stopping(signal, killing);
				const message = killing ? `${signal}: killing every step now` : `${signal}: stopping (steps get SIGTERM, then SIGKILL); press Ctrl-C again to kill at once`;
				if (live) live.setStopping(message);
				else log.line(`stepgraph: ${message}`);
			}
		};
	});
	region?.stop();
	for (const message of live?.stoppedWith ?? []) log.line(`stepgraph: ${message}`);
	for (const line of runNotes(outcome)) log.line(line);
	if (outcome.timingsProblem !== void 0) log.line(`stepgraph: ${outcome.timingsProblem}`);
	log.line(`\n${finalTable(graph, outcome.result, paint)}`);
	const failures = failuresInView(graph, outcome.result, (step, n) => relay?.lastLines(step, n) ?? [], paint);
	if (failures) log.line(`\n${failures}`);
	await log.flush();
	if (summaryFile || resultsFile) {
		const record = makeRunRecord(outcome, {
			slots: options.maxParallel,
			lastLines: (step, lines) => relay?.lastLines(step, lines) ?? [],
			annotations: annotations.all,
			annotationsLeftOut: annotations.notKept,
			...shard && { shard: shard.record }
		});
		if (summaryFile) {
			const comparison = timingsComparisonSection({
				graph,
				run: outcome.result,
				slots: options.maxParallel,
				recorded: outcome.timings.recorded
			});
			writeSummary(summaryFile, buildSummary(summaryModelOf(record), { extraSections: [comparison] }), terminal);
		}
		if (resultsFile) writeOutputFile("--results-file", resultsFile, runRecordJson(record), terminal);
	}
	const status = runStatus(graph, outcome.result);
	return status === "cancelled" ? interruptedExit(outcome.stoppedBy) : status === "failure" ? EXIT.failure : EXIT.success;
}
function writeSummary(file, markdown, terminal) {
	writeOutputFile("--summary-file", file, markdown, terminal);
}
function writeOutputFile(flag, file, text, { stderr, cwd }) {
	try {
		writeFileSync(path.resolve(cwd, file), text);
	} catch (error) {
		stderr.write(`stepgraph: ${flag}: ${error.message}\n`);
	}
}
function statIsDirectory(directory) {
	return statSync(directory).isDirectory();
}

// src/cli/index.ts
keepYoungGenerationSmall();
try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	process.stderr.write(`stepgraph: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
}
exitWithoutTeardown();

export {  };