import { r as bareStatusCall } from "./expression-text.js";

// src/scheduler/policy.ts
function verdictOf(result, spec) {
	switch (result.status) {
		case "success": return "succeeded";
		case "failure":
		case "timed-out": return spec.continueOnError ? "succeeded" : "failed";
		case "skipped": return result.skippedBecauseOf === void 0 ? "not-run" : "failed";
		case "cancelled": return "not-run";
	}
}
/**
* Whether a step counts as failed: it ended `failure` or `timed-out`, without
* `continue-on-error`. The one definition behind fail-fast, the action's failure message,
* the `failed` output and the error annotations, so that they all name the same steps.
*/
function countsAsFailed(status, spec) {
	return (status === "failure" || status === "timed-out") && !spec.continueOnError;
}
/** Whether a final status fails the action: a step that counts as failed, or a cancelled one. */
function failsTheRun(status, spec) {
	return countsAsFailed(status, spec) || status === "cancelled" && !spec.continueOnError;
}
function statusValues(needs, stopping) {
	return {
		success: !stopping && needs.every((need) => need.verdict === "succeeded"),
		failure: needs.some((need) => need.verdict === "failed"),
		cancelled: stopping
	};
}
/**
* Decides a ready step. `holds` evaluates its `if` with the status functions' values; it
* is not called when an `if` without status functions already fails its implied
* `success()`.
*/
function decide(condition, needs, stopping, holds) {
	const values = statusValues(needs, stopping);
	if (!condition.callsStatus && !values.success) return notSucceeded(needs);
	const outcome = holds(values);
	if (typeof outcome === "object") return {
		run: false,
		failed: true,
		reason: `\`if: ${condition.text}\` could not be evaluated: ${outcome.error}`
	};
	if (outcome) return { run: true };
	switch (bareStatusCall(condition.text)) {
		case "success": return notSucceeded(needs);
		case "failure": return {
			run: false,
			reason: `\`if: ${condition.text}\` and no step it needs failed`
		};
		case "cancelled": return {
			run: false,
			reason: `\`if: ${condition.text}\` and the run was not cancelled`
		};
	}
	const failed = needs.find((need) => need.verdict === "failed");
	return {
		run: false,
		reason: `\`if: ${condition.text}\` is false`,
		...failed?.rootFailure !== void 0 && { because: failed.rootFailure }
	};
}
/** `success()` is false: which need failed, and which failure caused it. */
function notSucceeded(needs) {
	const failed = needs.find((need) => need.verdict === "failed");
	if (failed) {
		const how = failed.status === "skipped" ? "was skipped after a failure" : describeFailure(failed.status);
		return {
			run: false,
			reason: `needs \`${failed.id}\`, which ${how}${failed.reason ? ` (${failed.reason})` : ""}`,
			...failed.rootFailure !== void 0 && { because: failed.rootFailure }
		};
	}
	const notRun = needs.find((need) => need.verdict !== "succeeded");
	return notRun ? {
		run: false,
		reason: `needs \`${notRun.id}\`, which was ${notRun.status}`
	} : {
		run: false,
		reason: "the run is stopping"
	};
}
/** `timed out` or `failed`, for a step that counts as failed. */
function describeFailure(status) {
	return status === "timed-out" ? "timed out" : "failed";
}

// src/run/needs-context.ts
/**
* Keyed by the needs' ids, in the order written; objects without a prototype, so that
* an id or output named `__proto__` is an ordinary key (in the JSON too). A matrix step
* is one need, as a matrix job is: its result is `failure` if an instance failed, else
* `cancelled` if one was, else `skipped` if all were, else `success`; its outputs are
* every instance's, a later instance's value winning (GitHub leaves which one wins
* unspecified; here it is the last in the matrix's order).
*/
function needsContext(graph, step, finished) {
	const results = /* @__PURE__ */ new Map();
	const outputsOf = /* @__PURE__ */ new Map();
	for (const need of graph.dag.predecessors[step] ?? []) {
		const spec = graph.steps[need];
		if (spec === void 0) continue;
		const id = spec.instanceOf ?? spec.id;
		const outputs = outputsOf.get(id) ?? Object.create(null);
		for (const [name, value] of finished.outputs(need)) outputs[name] = value;
		outputsOf.set(id, outputs);
		results.set(id, [...results.get(id) ?? [], resultOf(finished.status(need), spec.continueOnError)]);
	}
	const context = Object.create(null);
	for (const [id, instances] of results) context[id] = {
		result: combined(instances),
		outputs: outputsOf.get(id) ?? {}
	};
	return context;
}
/** A matrix step's result from its instances' (a step without a matrix: its own). */
function combined(results) {
	if (results.includes("failure")) return "failure";
	if (results.includes("cancelled")) return "cancelled";
	if (results.every((result) => result === "skipped")) return "skipped";
	return "success";
}
/**
* A job's result: `timed-out` is a failure, and a failure with `continue-on-error` is a
* success, as the steps that need it treat it.
*/
function resultOf(status, continueOnError) {
	switch (status) {
		case "success": return "success";
		case "failure":
		case "timed-out": return continueOnError ? "success" : "failure";
		case "skipped": return "skipped";
		default: return "cancelled";
	}
}
/** STEPGRAPH_NEEDS: exactly what `toJSON(needs)` gives. */
function needsJson(context) {
	return JSON.stringify(context, null, 2);
}

export { describeFailure as a, decide as i, needsJson as n, failsTheRun as o, countsAsFailed as r, verdictOf as s, needsContext as t };