import { C as Unary, S as Logical, _ as ContextAccess, a as ExpressionError, b as IndexAccess, c as TokenType, g as Binary, r as wellKnownFunctions, s as Lexer, t as Parser, v as FunctionCall, x as Literal, y as Grouping } from "./expressions-library.js";
import { a as splitTemplate, i as conditionText, n as STATUS_FUNCTIONS } from "./expression-text.js";
import { t as closestMatch } from "./suggest.js";

// src/graph/expression-names.ts
/**
* The names an expression may use: the contexts of a step and the functions, with what
* to write instead of those a workflow has and a step graph does not.
*/
/** The contexts a step's expressions can read (src/run/expression-contexts.ts). */
const CONTEXTS = [
	"needs",
	"env",
	"matrix",
	"github",
	"runner"
];
/** Contexts a workflow has and a step graph does not, and what to write instead. */
const MISSING_CONTEXTS = /* @__PURE__ */ new Map([
	["secrets", "the runner never gives an action the `secrets` context: pass the secret in the `env:` of the workflow step that runs stepgraph, and read it from the environment"],
	["steps", "a step graph has no `steps` context: read `needs.<id>.outputs.<name>`"],
	["inputs", "the runner gives an action no `inputs` context: pass values through `env:`"],
	["vars", "the runner gives an action no `vars` context: pass values through `env:`"],
	["job", "the runner gives an action no `job` context"],
	["jobs", "the runner gives an action no `jobs` context"],
	["strategy", "the runner gives an action no `strategy` context"]
]);
/** Functions a workflow has and a step graph does not. */
const MISSING_FUNCTIONS = /* @__PURE__ */ new Map([["hashfiles", "`hashFiles()` is not available in a step graph: hash the files in the step"]]);
/** The built-in functions, spelt as GitHub's documentation spells them. */
const BUILT_IN_NAMES = [
	"contains",
	"startsWith",
	"endsWith",
	"format",
	"join",
	"toJSON",
	"fromJSON",
	"case"
];
const STATUS_INFO = STATUS_FUNCTIONS.map((name) => ({
	name,
	minArgs: 0,
	maxArgs: 0
}));
/**
* The names the parser accepts: the contexts, and the status functions where they may be
* called; also, once a name has been reported, every name the expression uses, any
* function with any number of arguments.
*/
function namesToAccept(tokens, reported, scope) {
	const contexts = [...CONTEXTS];
	const functions = scope.statusFunctions ? [...STATUS_INFO] : [];
	if (!reported) return {
		contexts,
		functions
	};
	tokens.forEach((token, i) => {
		if (token.type !== TokenType.IDENTIFIER || tokens[i - 1]?.type === TokenType.DOT) return;
		if (tokens[i + 1]?.type !== TokenType.LEFT_PAREN) contexts.push(token.lexeme);
		else functions.push({
			name: token.lexeme,
			minArgs: 0,
			maxArgs: Number.MAX_SAFE_INTEGER
		});
	});
	return {
		contexts,
		functions
	};
}
/** A context or function name that does not exist, as token i. */
function nameProblem(tokens, i, scope) {
	const token = tokens[i];
	if (token?.type !== TokenType.IDENTIFIER || tokens[i - 1]?.type === TokenType.DOT) return void 0;
	const name = token.lexeme;
	const lower = name.toLowerCase();
	if (tokens[i + 1]?.type === TokenType.LEFT_PAREN) {
		const isStatus = STATUS_FUNCTIONS.includes(lower);
		if (isStatus && !scope.statusFunctions) return `\`${name}()\` is a status function: it can be used only in \`if\``;
		if (isStatus || Object.hasOwn(wellKnownFunctions, lower)) return void 0;
		const missing = MISSING_FUNCTIONS.get(lower);
		if (missing) return missing;
		const names = scope.statusFunctions ? [...BUILT_IN_NAMES, ...STATUS_FUNCTIONS] : BUILT_IN_NAMES;
		const suggestion = closestMatch(name, names, Math.ceil(name.length / 2));
		return `unknown function \`${name}()\`${suggestion ? `; did you mean \`${suggestion}()\`?` : `; the functions are ${names.join(", ")}`}`;
	}
	if (CONTEXTS.includes(lower)) return void 0;
	const missing = MISSING_CONTEXTS.get(lower);
	if (missing) return missing;
	const suggestion = closestMatch(name, CONTEXTS);
	return `unknown context \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`?` : `; the contexts are ${CONTEXTS.join(", ")}`}`;
}

// src/graph/expression-compile.ts
function compileExpression(text, scope) {
	const offsets = lineOffsets(text);
	const at = (token) => (offsets[token.range.start.line] ?? 0) + token.range.start.column;
	let tokens;
	try {
		tokens = new Lexer(text).lex().tokens;
	} catch (error) {
		return { problems: [lexerProblem(error)] };
	}
	const problems = tokens.flatMap((token, i) => {
		const message = nameProblem(tokens, i, scope);
		return message === void 0 ? [] : [{
			message,
			offset: at(token)
		}];
	});
	const { contexts, functions } = namesToAccept(tokens, problems.length > 0, scope);
	let expression;
	try {
		expression = new Parser(tokens, contexts, functions).parse();
	} catch (error) {
		const problem = error instanceof ExpressionError ? {
			message: parserText(error.message),
			offset: (offsets[error.pos.line] ?? 0) + error.pos.column
		} : lexerProblem(error);
		return { problems: [...problems, problem] };
	}
	const calls = /* @__PURE__ */ new Set();
	walk(expression, (node) => {
		if (node instanceof FunctionCall) {
			const name = node.functionName.lexeme.toLowerCase();
			const status = STATUS_FUNCTIONS.find((known) => known === name);
			if (status) calls.add(status);
		}
		if (node instanceof IndexAccess) {
			const message = accessProblem(node, scope);
			if (message !== void 0) problems.push({
				message: message.text,
				offset: at(message.token)
			});
		}
	});
	return problems.length > 0 ? { problems } : {
		expression,
		calls
	};
}
/**
* `needs.<id>` must be one of the step's needs, `needs.<id>.<key>` its `result` or
* `outputs`, `matrix.<key>` a key of its matrix. Keys ignore case, as the contexts do; a
* key computed at run time (`needs[format(...)]`) is not checked.
*/
function accessProblem(node, scope) {
	const path = literalPath(node);
	if (path === void 0) return void 0;
	const [root, ...keys] = path;
	const key = keys[keys.length - 1];
	if (root === void 0 || key === void 0) return void 0;
	const context = root.lexeme.toLowerCase();
	const written = [root, ...keys].map((token) => tokenText(token)).join(".");
	if (context === "needs" && keys.length === 1) {
		const id = tokenText(key);
		if (scope.needs.some((need) => need.toLowerCase() === id.toLowerCase())) return void 0;
		if ([...scope.stepIds].some((step) => step.toLowerCase() === id.toLowerCase())) return {
			text: `\`${written}\`: step \`${scope.stepId}\` does not need \`${id}\`; add it to its \`needs\``,
			token: key
		};
		const suggestion = closestMatch(id, scope.needs) ?? closestMatch(id, scope.stepIds);
		return {
			text: `\`${written}\`: \`${id}\` is not a step${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`,
			token: key
		};
	}
	if (context === "needs" && keys.length === 2) {
		const field = tokenText(key);
		if (["result", "outputs"].includes(field.toLowerCase())) return void 0;
		const suggestion = closestMatch(field, ["result", "outputs"]);
		return {
			text: `\`${written}\`: a need has \`result\` and \`outputs\`${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`,
			token: key
		};
	}
	if (context === "matrix" && keys.length === 1) {
		const name = tokenText(key);
		if (scope.matrixKeys === void 0) return {
			text: `\`${written}\`: step \`${scope.stepId}\` has no \`matrix\``,
			token: key
		};
		const names = [...scope.matrixKeys];
		if (names.some((known) => known.toLowerCase() === name.toLowerCase())) return void 0;
		const suggestion = closestMatch(name, names);
		return {
			text: `\`${written}\`: the matrix has no key \`${name}\`` + (suggestion ? `; did you mean \`${suggestion}\`?` : `; its keys are ${names.join(", ")}`),
			token: key
		};
	}
}
/** `needs.build.outputs` as its tokens, root first; undefined when a key is computed. */
function literalPath(node) {
	if (node instanceof ContextAccess) return [node.name];
	if (!(node instanceof IndexAccess) || !(node.index instanceof Literal)) return void 0;
	const inner = literalPath(node.expr);
	return inner && [...inner, node.index.token];
}
/** A property's name, or a string index's value (`needs['build']`). */
function tokenText(token) {
	return typeof token.value === "string" ? token.value : token.lexeme;
}
function walk(node, visit) {
	visit(node);
	const children = node instanceof Unary ? [node.expr] : node instanceof Binary ? [node.left, node.right] : node instanceof Logical ? node.args : node instanceof Grouping ? [node.group] : node instanceof IndexAccess ? [node.expr, node.index] : node instanceof FunctionCall ? node.args : [];
	for (const child of children) walk(child, visit);
}
/** The lexer throws plain errors: "Unexpected symbol: 'x'. Located at position 3 within expression: ...". */
function lexerProblem(error) {
	const message = error instanceof Error ? error.message : String(error);
	if (message === "ErrorExceededMaxLength") return {
		message: "an expression is at most 21,000 characters long",
		offset: 0
	};
	const located = /^(.*?)\. Located at position (\d+) within expression/s.exec(message);
	return {
		message: parserText(located?.[1] ?? message),
		offset: located ? Number(located[2]) - 1 : 0
	};
}
/** "Unexpected symbol: ')'" -> "unexpected symbol `)`". */
function parserText(message) {
	const described = /^(.*?): '(.*)'$/s.exec(message);
	const text = described ? `${described[1] ?? ""} \`${described[2] ?? ""}\`` : message;
	return `invalid expression: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
/** The offset of each line's start in `text`. */
function lineOffsets(text) {
	const offsets = [0];
	for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) offsets.push(i + 1);
	return offsets;
}

// src/graph/expressions.ts
/**
* Parses and checks every step's `if` and templated values. Matrix instances, written
* once, share their mapping: each value written is compiled once (so a problem is
* reported once), against the keys of all of them: `matrix.x` is a problem only when no
* instance has `x` (an `include` may add a key to some, as in workflows).
*/
function compileGraphExpressions(steps, options, problems) {
	const stepIds = steps.map((step) => step.spec.id);
	const matrixKeys = matrixKeysByNode(steps);
	const report = (problem) => {
		problems.push(problem);
	};
	const compiledByNode = /* @__PURE__ */ new Map();
	const compiledOf = (node) => {
		if (node === void 0) return void 0;
		const known = compiledByNode.get(node) ?? /* @__PURE__ */ new Map();
		compiledByNode.set(node, known);
		return known;
	};
	return steps.map((step) => {
		const keys = step.node ? matrixKeys.get(step.node) : void 0;
		const scope = (statusFunctions) => ({
			statusFunctions,
			stepId: step.spec.id,
			needs: step.spec.needs,
			stepIds,
			matrixKeys: keys
		});
		return new StepCompiler(step, scope, report, options.inline, compiledOf(step.node)).compile();
	});
}
/** Each written step's matrix keys, over all its instances (they share its mapping). */
function matrixKeysByNode(steps) {
	const keys = /* @__PURE__ */ new Map();
	for (const { node, spec } of steps) {
		if (node === void 0 || spec.matrix === void 0) continue;
		const known = keys.get(node) ?? /* @__PURE__ */ new Set();
		for (const key of Object.keys(spec.matrix)) known.add(key);
		keys.set(node, known);
	}
	return keys;
}
var StepCompiler = class {
	step;
	scope;
	report;
	inline;
	compiled;
	constructor(step, scope, report, inline, compiled) {
		this.step = step;
		this.scope = scope;
		this.report = report;
		this.inline = inline;
		this.compiled = compiled;
	}
	/** `compile()` for this key and text, or what an earlier instance got for them. */
	once(key, text, compile) {
		const memo = `${key}\0${text}`;
		if (this.compiled?.has(memo)) return this.compiled.get(memo);
		const result = compile();
		this.compiled?.set(memo, result);
		return result;
	}
	compile() {
		const { spec } = this.step;
		const env = /* @__PURE__ */ new Map();
		for (const [name, value] of spec.env) {
			const template = this.template(value, `\`${name}\` in \`env\``, this.envNode(name));
			if (template) env.set(name, template);
		}
		const run = this.template(spec.run, "`run`", this.scalar("run"));
		const name = this.template(spec.name, "`name`", this.scalar("name"));
		const workingDirectory = spec.workingDirectory === void 0 ? void 0 : this.template(spec.workingDirectory, "`working-directory`", this.scalar("working-directory"));
		return {
			condition: this.condition(),
			env,
			...run && { run },
			...name && { name },
			...workingDirectory && { workingDirectory }
		};
	}
	condition() {
		return this.once("if", this.step.spec.if, () => this.compileCondition());
	}
	/** The `if`; on a problem, one that holds nothing (the graph will not run). */
	compileCondition() {
		const { spec } = this.step;
		const node = this.scalar("if");
		const written = conditionText(node?.text ?? spec.if);
		const offset = "error" in written ? 0 : written.offset;
		const where = `\`if\` of step \`${spec.id}\``;
		if (this.inline && /^(true|false)$/i.test(spec.if)) this.report({
			message: `${where} is \`${spec.if}\`: the runner expanded \`\${{ }}\` in the \`steps\` input before stepgraph read it; write the expression without \`\${{ }}\` (\`if: failure()\`)`,
			position: this.locate(node, offset)
		});
		const compiled = compileExpression(spec.if, this.scope(true));
		if ("expression" in compiled) return compiled;
		for (const problem of compiled.problems) this.report({
			message: `${where}: ${problem.message}`,
			position: this.locate(node, offset + problem.offset)
		});
		return {
			expression: PLACEHOLDER,
			calls: /* @__PURE__ */ new Set()
		};
	}
	template(value, field, node) {
		return this.once(field, value, () => this.compileTemplate(value, field, node));
	}
	/** A value's text and expressions; undefined when it has no `${{`. */
	compileTemplate(value, field, node) {
		const parts = splitTemplate(value);
		const where = `${field} of step \`${this.step.spec.id}\``;
		if ("error" in parts) {
			this.report({
				message: `${where}: ${parts.error}`,
				position: this.locate(node, parts.offset)
			});
			return;
		}
		if (!parts.some((part) => part.kind === "expression")) return void 0;
		return parts.map((part) => this.templatePart(part, where, node));
	}
	templatePart(part, where, node) {
		if (part.kind === "text") return part.text;
		const compiled = compileExpression(part.text, this.scope(false));
		if ("expression" in compiled) return compiled.expression;
		for (const problem of compiled.problems) this.report({
			message: `${where}: ${problem.message}`,
			position: this.locate(node, part.offset + problem.offset)
		});
		return "";
	}
	/** The scalar written for a key of the step, when it is one. */
	scalar(key) {
		return asScalar(this.step.node?.entries.find(([k]) => k.kind === "scalar" && k.text === key)?.[1]);
	}
	/** The scalar written for an `env` value; the last one, as the value read. */
	envNode(name) {
		const env = this.step.node?.entries.find(([k]) => k.kind === "scalar" && k.text === "env")?.[1];
		if (env?.kind !== "mapping") return void 0;
		return asScalar(env.entries.findLast(([k]) => k.kind === "scalar" && k.text === name)?.[1]);
	}
	locate(node, offset) {
		return node?.locate?.(offset) ?? node?.position ?? this.step.position;
	}
};
function asScalar(node) {
	return node?.kind === "scalar" ? node : void 0;
}
/** Stands for an expression that has a problem: such a graph never runs. */
const PLACEHOLDER = new Parser(new Lexer("false").lex().tokens, [], []).parse();

export { compileGraphExpressions };