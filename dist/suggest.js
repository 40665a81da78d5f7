// src/graph/suggest.ts
/**
* "Did you mean" suggestions: the closest candidate by edit distance (optimal string
* alignment, so a swapped pair of letters costs one), compared without case.
*/
/** Words people write for a step key that are too far from it to be caught as typos. */
const KEY_SYNONYMS = new Map(Object.entries({
	"depends-on": "needs",
	depends_on: "needs",
	dependson: "needs",
	depends: "needs",
	dependencies: "needs",
	requires: "needs",
	after: "needs",
	command: "run",
	cmd: "run",
	script: "run",
	exec: "run",
	timeout: "timeout-minutes",
	retry: "retries",
	attempts: "retries",
	cwd: "working-directory",
	dir: "working-directory",
	workdir: "working-directory",
	environment: "env",
	variables: "env",
	"allow-failure": "continue-on-error",
	allow_failure: "continue-on-error",
	when: "if",
	condition: "if",
	title: "name",
	background: "service",
	persistent: "service",
	readywhen: "ready-when",
	healthcheck: "ready-when",
	"wait-for": "ready-when",
	"ready-timeout": "ready-timeout-minutes"
}));
function editDistance(a, b) {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d = new Array(rows * cols).fill(0);
	for (let i = 0; i < rows; i++) d[i * cols] = i;
	for (let j = 0; j < cols; j++) d[j] = j;
	for (let i = 1; i < rows; i++) for (let j = 1; j < cols; j++) {
		const cost = a[i - 1] === b[j - 1] ? 0 : 1;
		let best = Math.min((d[(i - 1) * cols + j] ?? 0) + 1, (d[i * cols + j - 1] ?? 0) + 1, (d[(i - 1) * cols + j - 1] ?? 0) + cost);
		if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
		d[i * cols + j] = best;
	}
	return d[rows * cols - 1] ?? 0;
}
/**
* The candidate closest to `word`, if it is close enough to be a likely typo: by default at
* most a third of the word's length away (and at least one edit allowed).
*/
function closestMatch(word, candidates, allowed = Math.max(1, Math.floor(word.length / 3))) {
	const lowered = word.toLowerCase();
	let best;
	let bestDistance = allowed + 1;
	for (const candidate of candidates) {
		if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
		const distance = editDistance(lowered, candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}
/** The step key a mistyped or borrowed key most likely meant. */
function suggestStepKey(word, keys) {
	const lowered = word.toLowerCase();
	return KEY_SYNONYMS.get(lowered) ?? KEY_SYNONYMS.get(lowered.replace(/_/g, "-")) ?? closestMatch(word, keys);
}

export { suggestStepKey as n, closestMatch as t };