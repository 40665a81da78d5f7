import { d as Null, f as BooleanData, h as Kind, i as truthy, l as StringData, m as Dictionary, n as Evaluator, o as ExpressionEvaluationError, p as Array$1, u as NumberData } from "./expressions-library.js";
import { i as decide, t as needsContext } from "./needs-context.js";

// src/run/expression-data.ts
/** A Dictionary (keys ignore case, the first spelling is kept) indexed by a Map. */
var SafeDictionary = class extends Dictionary {
	byKey = /* @__PURE__ */ new Map();
	constructor(pairs = []) {
		super();
		for (const [key, value] of pairs) this.add(key, value);
	}
	add(key, value) {
		const lower = key.toLowerCase();
		if (!this.byKey.has(lower)) this.byKey.set(lower, {
			key,
			value
		});
	}
	get(key) {
		return this.byKey.get(key.toLowerCase())?.value;
	}
	values() {
		return [...this.byKey.values()].map((pair) => pair.value);
	}
	pairs() {
		return [...this.byKey.values()];
	}
};
function toData(value) {
	if (value === null) return new Null();
	if (typeof value === "string") return new StringData(value);
	if (typeof value === "number") return new NumberData(value);
	if (typeof value === "boolean") return new BooleanData(value);
	if (isList(value)) return new Array$1(...value.map(toData));
	return new SafeDictionary(Object.entries(value).map(([key, item]) => [key, toData(item)]));
}
function isList(value) {
	return Array.isArray(value);
}
/** As JSON sees it; objects have no prototype, so `__proto__` is an ordinary key. */
function toPlain(value) {
	switch (value.kind) {
		case Kind.Null: return null;
		case Kind.String:
		case Kind.Number:
		case Kind.Boolean: return value.value;
		case Kind.Array: return value.values().map(toPlain);
		default: {
			const object = Object.create(null);
			for (const { key, value: item } of value.pairs()) object[key] = toPlain(item);
			return object;
		}
	}
}
/** What `toJSON(value)` gives, as GitHub formats it (two-space indentation). */
function jsonOf(value) {
	return JSON.stringify(value, null, 2);
}
const toJson = {
	name: "toJSON",
	minArgs: 1,
	maxArgs: 1,
	call: (value) => new StringData(jsonOf(toPlain(value)))
};
const fromJson = {
	name: "fromJSON",
	minArgs: 1,
	maxArgs: 1,
	call: (value) => {
		const text = value.coerceString();
		if (text.trim() === "") throw new ExpressionEvaluationError("fromJSON: empty input");
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch (error) {
			throw new ExpressionEvaluationError(`fromJSON: ${error.message}`);
		}
		return toData(parsed);
	}
};
/**
* The functions an evaluation gets besides the built-in ones: the two replacements, and
* the status functions' values when the expression is an `if`.
*/
function functionsFor(status) {
	const functions = /* @__PURE__ */ new Map([["tojson", toJson], ["fromjson", fromJson]]);
	if (status) {
		const constant = (name, result) => ({
			name,
			minArgs: 0,
			maxArgs: 0,
			call: () => new BooleanData(result)
		});
		functions.set("success", constant("success", status.success));
		functions.set("failure", constant("failure", status.failure));
		functions.set("cancelled", constant("cancelled", status.cancelled));
		functions.set("always", constant("always", true));
	}
	return functions;
}

// src/run/expression-contexts.ts
/**
* The contexts a step's expressions read, when it is ready:
* - `needs`: its needs' `result` and `outputs` (needs-context.ts);
* - `env`: the environment it starts from (the job's, and what its needs exported to
*   GITHUB_ENV), with its own `env` for its run, name and working directory;
* - `matrix`: a matrix instance's values;
* - `github` and `runner`: the GITHUB_* and RUNNER_* values the runner sets for every
*   step, lower-cased without the prefix (`github.sha`, `runner.os`), except a step's own
*   command files (`github.output`...), which are not the action's.
*/
/** github.* keys that name a step's own files: each step of the graph has private ones. */
const OWN_FILES = /* @__PURE__ */ new Set([
	"env",
	"path",
	"output",
	"state",
	"step_summary"
]);
var ExpressionContexts = class {
	graph;
	finished;
	github;
	runner;
	constructor(graph, finished, runnerSet) {
		this.graph = graph;
		this.finished = finished;
		const github = [];
		const runner = [];
		for (const [name, value] of runnerSet) {
			const upper = name.toUpperCase();
			const key = upper.replace(/^(GITHUB|RUNNER)_/, "").toLowerCase();
			if (upper.startsWith("GITHUB_") && !OWN_FILES.has(key)) github.push([key, new StringData(value)]);
			if (upper.startsWith("RUNNER_")) runner.push([key, new StringData(value)]);
		}
		this.github = new SafeDictionary(github);
		this.runner = new SafeDictionary(runner);
	}
	/**
	* Step v's contexts. `env` is the environment it starts from; `own` (its evaluated
	* `env`) goes over it when given.
	*/
	of(step, env, own) {
		const matrix = this.graph.steps[step]?.matrix;
		return new SafeDictionary([
			["needs", toData(this.needs(step))],
			["env", environment(env, own)],
			["matrix", matrix === void 0 ? new Null() : toData(matrix)],
			["github", this.github],
			["runner", this.runner]
		]);
	}
	needs(step) {
		return needsContext(this.graph, step, this.finished);
	}
};
/** Own values first: a dictionary keeps the first of a name (in any case). */
function environment(env, own) {
	const dictionary = new SafeDictionary();
	for (const [name, value] of own ?? []) dictionary.add(name, new StringData(value));
	for (const name in env) {
		const value = env[name];
		if (value !== void 0) dictionary.add(name, new StringData(value));
	}
	return dictionary;
}

// src/run/step-expressions.ts
function expressionEvaluation(graph, sources) {
	const contexts = new ExpressionContexts(graph, sources.finished, sources.runnerSet);
	return {
		conditions: new ExpressionConditions(graph, contexts, sources.startingEnvironment),
		templates: new StepTemplates(graph, contexts, sources.started)
	};
}
var ExpressionConditions = class {
	graph;
	contexts;
	startingEnvironment;
	constructor(graph, contexts, startingEnvironment) {
		this.graph = graph;
		this.contexts = contexts;
		this.startingEnvironment = startingEnvironment;
	}
	startsWhenStopping(step) {
		return this.graph.expressions?.[step]?.condition.calls.has("cancelled") ?? false;
	}
	decide(step, needs, stopping) {
		const condition = this.graph.expressions?.[step]?.condition;
		const text = this.graph.steps[step]?.if ?? "";
		if (condition === void 0) throw new Error(`step ${step} has no parsed condition`);
		return decide({
			text,
			callsStatus: condition.calls.size > 0
		}, needs, stopping, (values) => {
			try {
				return truthy(this.evaluate(condition.expression, step, values));
			} catch (error) {
				return { error: messageOf(error) };
			}
		});
	}
	evaluate(expression, step, values) {
		const contexts = this.contexts.of(step, this.startingEnvironment(step));
		return new Evaluator(expression, contexts, functionsFor(values)).evaluate();
	}
};
/** The `${{ }}` of a step's env, name, run and working directory, when it starts. */
var StepTemplates = class {
	graph;
	contexts;
	started;
	/** The specs as written: `graph.steps` takes each one's evaluated spec when it starts. */
	written;
	/** Each step's evaluated spec, for its retries: evaluated once, as a job's step is. */
	evaluated = /* @__PURE__ */ new Map();
	constructor(graph, contexts, started) {
		this.graph = graph;
		this.contexts = contexts;
		this.started = started;
		this.written = [...graph.steps];
	}
	expand(step, env) {
		const known = this.evaluated.get(step);
		if (known !== void 0) return known;
		const evaluated = this.evaluate(step, env);
		this.evaluated.set(step, evaluated);
		if (!("error" in evaluated) && evaluated !== this.written[step]) this.started(step, evaluated);
		return evaluated;
	}
	evaluate(step, env) {
		const spec = this.written[step];
		const templates = this.graph.expressions?.[step];
		if (templates === void 0) return spec;
		const { run, name, workingDirectory } = templates;
		if (templates.env.size === 0 && !run && !name && !workingDirectory) return spec;
		let field = "`env`";
		try {
			const before = this.contexts.of(step, env);
			const ownEnv = new Map(spec.env);
			for (const [variable, template] of templates.env) {
				field = `\`${variable}\` in \`env\``;
				ownEnv.set(variable, text(template, before));
			}
			const contexts = this.contexts.of(step, env, ownEnv);
			field = "`name`";
			const evaluatedName = name ? text(name, contexts) : spec.name;
			field = "`run`";
			const evaluatedRun = run ? text(run, contexts) : spec.run;
			field = "`working-directory`";
			const directory = workingDirectory ? text(workingDirectory, contexts) : spec.workingDirectory;
			return {
				...spec,
				name: evaluatedName,
				run: evaluatedRun,
				env: ownEnv,
				...directory !== void 0 && { workingDirectory: directory }
			};
		} catch (error) {
			return { error: `could not evaluate \`\${{ }}\` in ${field}: ${messageOf(error)}` };
		}
	}
};
/**
* A template's text, each expression's value as a string (null is ''). A NUL is refused,
* as in every string of a step: no process can be given one.
*/
function text(template, contexts) {
	const value = template.map((part) => typeof part === "string" ? part : new Evaluator(part, contexts, functionsFor()).evaluate().coerceString()).join("");
	if (value.includes("\0")) throw new Error("it gives a NUL character (no process can be given one)");
	return value;
}
function messageOf(error) {
	return error instanceof Error ? error.message : String(error);
}

export { expressionEvaluation };