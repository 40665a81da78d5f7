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
export function findCycles(needs: readonly (readonly number[])[]): number[][] {
  const cycles = stronglyConnectedComponents(needs)
    .filter(component => component.length > 1 || selfLoop(needs, component[0] ?? -1))
    .map(component => shortestCycleThrough(needs, component))
  return cycles.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))
}

function selfLoop(needs: readonly (readonly number[])[], v: number): boolean {
  return needs[v]?.includes(v) ?? false
}

function stronglyConnectedComponents(edges: readonly (readonly number[])[]): number[][] {
  const n = edges.length
  const index = new Int32Array(n).fill(-1)
  const low = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const stack: number[] = []
  const components: number[][] = []
  let counter = 0

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue
    // Explicit call stack: the vertex and how many of its edges have been followed.
    const path: number[] = [root]
    const followed: number[] = [0]
    index[root] = low[root] = counter++
    stack.push(root)
    onStack[root] = 1
    while (path.length > 0) {
      const top = path.length - 1
      const v = path[top] as number
      const out = edges[v] ?? []
      const i = followed[top] as number
      if (i < out.length) {
        followed[top] = i + 1
        const w = out[i] as number
        if (index[w] === -1) {
          index[w] = low[w] = counter++
          stack.push(w)
          onStack[w] = 1
          path.push(w)
          followed.push(0)
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number)
        }
        continue
      }
      path.pop()
      followed.pop()
      const parent = path[path.length - 1]
      if (parent !== undefined) low[parent] = Math.min(low[parent] as number, low[v] as number)
      if (low[v] === index[v]) {
        const component: number[] = []
        let w: number
        do {
          w = stack.pop() as number
          onStack[w] = 0
          component.push(w)
        } while (w !== v)
        components.push(component)
      }
    }
  }
  return components
}

/** The shortest cycle inside a strongly connected component through its lowest vertex. */
function shortestCycleThrough(
  edges: readonly (readonly number[])[],
  component: number[]
): number[] {
  const start = Math.min(...component)
  const inComponent = new Set(component)
  const cameFrom = new Map<number, number>()
  const queue = [start]
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head] as number
    for (const w of edges[v] ?? []) {
      if (w === start) return [...walkBack(cameFrom, v, start)]
      if (!inComponent.has(w) || cameFrom.has(w)) continue
      cameFrom.set(w, v)
      queue.push(w)
    }
  }
  return [start] // unreachable for a strongly connected component
}

function walkBack(cameFrom: ReadonlyMap<number, number>, last: number, start: number): number[] {
  const cycle = [last]
  let v = last
  while (v !== start) {
    v = cameFrom.get(v) as number
    cycle.push(v)
  }
  return cycle.reverse()
}
