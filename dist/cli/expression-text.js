// src/graph/expression-text.ts
/**
* Where expressions are in a step's text, found without the expression library: the
* library (`@actions/expressions`) is loaded only for a graph that has an expression other
* than a bare status call, so the graphs that have none never pay its start-up.
*/
/** GitHub's status functions, lower case (function names ignore case). */
const STATUS_FUNCTIONS = [
	"success",
	"failure",
	"always",
	"cancelled"
];
/** A step's `if` when none is written, as for jobs. */
const DEFAULT_CONDITION = "success()";
const OPEN = "${{";
function hasTemplate(value) {
	return value.includes(OPEN);
}
/**
* Splits a value into text and `${{ }}` expressions, as the runner's template reader
* does: an expression ends at the first `}}` outside a string literal (`'...'`, where
* `''` is a quote), so `${{ format('{0}}}', x) }}` is one expression.
*/
function splitTemplate(value) {
	const parts = [];
	let from = 0;
	for (;;) {
		const open = value.indexOf(OPEN, from);
		if (open < 0) break;
		if (open > from) parts.push({
			kind: "text",
			text: value.slice(from, open)
		});
		const start = open + 3;
		const close = closingBraces(value, start);
		if (close < 0) return {
			error: "`${{` is never closed with `}}`",
			offset: open
		};
		const text = value.slice(start, close);
		if (text.trim() === "") return {
			error: "`${{ }}` holds no expression",
			offset: open
		};
		parts.push({
			kind: "expression",
			text,
			offset: start
		});
		from = close + 2;
	}
	if (from < value.length) parts.push({
		kind: "text",
		text: value.slice(from)
	});
	return parts;
}
/** The index of the `}}` that ends an expression starting at `start`, or -1. */
function closingBraces(value, start) {
	let inString = false;
	for (let i = start; i < value.length; i++) {
		const char = value[i];
		if (char === "'") inString = !inString;
		else if (!inString && char === "}" && value[i + 1] === "}") return i;
	}
	return -1;
}
/**
* The expression of an `if:`, with or without `${{ }}` as in workflows: `failure()` and
* `${{ failure() }}` are the same condition. `${{ }}` around part of it only is refused:
* the runner would make the whole condition a string, which is always true.
*/
function conditionText(written) {
	const leading = written.length - written.trimStart().length;
	const trimmed = written.trim();
	if (trimmed === "") return {
		error: "is empty",
		offset: 0
	};
	if (!hasTemplate(trimmed)) return {
		text: trimmed,
		offset: leading
	};
	const parts = splitTemplate(written);
	if ("error" in parts) return parts;
	const expressions = parts.filter((part) => part.kind === "expression");
	const onlyOne = expressions.length === 1 && parts.every((part) => part.kind === "expression" || part.text.trim() === "");
	const [expression] = expressions;
	if (!onlyOne || expression === void 0) return {
		error: "is one expression: write it without `${{ }}`, or put all of it inside one `${{ }}`",
		offset: written.indexOf(OPEN)
	};
	const inner = expression.text;
	return {
		text: inner.trim(),
		offset: expression.offset + inner.length - inner.trimStart().length
	};
}
/** `success()`, `Failure( )`...: the status function a condition only calls, if it is one. */
function bareStatusCall(condition) {
	const name = /^\s*([A-Za-z]+)\s*\(\s*\)\s*$/.exec(condition)?.[1]?.toLowerCase();
	return STATUS_FUNCTIONS.find((status) => status === name);
}
/**
* Whether a step needs the expression library: an `if` other than a bare status call, or
* `${{` in a templated value.
*/
function usesExpressions(spec) {
	return bareStatusCall(spec.if) === void 0 || hasTemplate(spec.run) || hasTemplate(spec.name) || spec.workingDirectory !== void 0 && hasTemplate(spec.workingDirectory) || [...spec.env.values()].some(hasTemplate);
}

export { splitTemplate as a, conditionText as i, STATUS_FUNCTIONS as n, usesExpressions as o, bareStatusCall as r, DEFAULT_CONDITION as t };