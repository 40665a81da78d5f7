// Seeded graph generators, shared by the benchmarks and the tests.

/**
 * mulberry32: a small, fast, seedable PRNG (deterministic across runs and machines).
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function seededRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A random DAG: each step after the first needs up to `needsPerStep` distinct earlier
 * steps from a window of recent ones (so the graph is deep as well as wide).
 * @param {number} size
 * @param {number} needsPerStep
 * @param {number} seed
 * @param {number} [window]
 * @returns {number[][]} needs[v]: the steps v needs
 */
export function randomDag(size, needsPerStep, seed, window = 200) {
  const random = seededRandom(seed)
  /** @type {number[][]} */
  const needs = []
  for (let v = 0; v < size; v++) {
    /** @type {Set<number>} */
    const chosen = new Set()
    const lowest = Math.max(0, v - window)
    const wanted = Math.min(needsPerStep, v - lowest)
    while (chosen.size < wanted) chosen.add(lowest + Math.floor(random() * (v - lowest)))
    needs.push([...chosen].sort((a, b) => a - b))
  }
  return needs
}

/**
 * The mapping-form YAML of a graph; step v runs `run(v)` (default `true`).
 * @param {readonly (readonly number[])[]} needs
 * @param {string | ((v: number) => string)} [run]
 * @returns {string}
 */
export function graphYaml(needs, run = 'true') {
  const command = typeof run === 'function' ? run : () => run
  return needs
    .map((list, v) => {
      const needsLine = list.length > 0 ? `\n  needs: [${list.map(p => `s${p}`).join(', ')}]` : ''
      return `s${v}:${needsLine}\n  run: ${JSON.stringify(command(v))}`
    })
    .join('\n')
}
