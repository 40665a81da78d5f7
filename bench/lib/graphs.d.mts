export function seededRandom(seed: number): () => number
export function randomDag(
  size: number,
  needsPerStep: number,
  seed: number,
  window?: number
): number[][]
export function graphYaml(
  needs: readonly (readonly number[])[],
  run?: string | ((v: number) => string)
): string
