/** Seeded graph generators shared by tests and benchmarks. */

/** mulberry32: a small, fast, seedable PRNG (deterministic across runs and machines). */
export function seededRandom(seed: number): () => number {
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
 * steps from a window of recent ones (so the graph is deep as well as wide). `needs[v]`
 * lists step v's predecessors.
 */
export function randomDag(
  size: number,
  needsPerStep: number,
  seed: number,
  window = 200
): number[][] {
  const random = seededRandom(seed)
  const needs: number[][] = []
  for (let v = 0; v < size; v++) {
    const chosen = new Set<number>()
    const lowest = Math.max(0, v - window)
    const wanted = Math.min(needsPerStep, v - lowest)
    while (chosen.size < wanted) chosen.add(lowest + Math.floor(random() * (v - lowest)))
    needs.push([...chosen].sort((a, b) => a - b))
  }
  return needs
}

/** The mapping-form YAML of a graph whose every step runs `run`. */
export function graphYaml(needs: readonly (readonly number[])[], run = 'true'): string {
  return needs
    .map((list, v) => {
      const needsLine = list.length > 0 ? `\n  needs: [${list.map(p => `s${p}`).join(', ')}]` : ''
      return `s${v}:${needsLine}\n  run: ${run}`
    })
    .join('\n')
}
