import { describe, expect, it } from 'vitest'
import { Dag } from '../../src/graph/dag.js'
import { mermaidText, toDot, toMermaid } from '../../src/graph/render.js'

const dag = new Dag([[], [0], [0, 1]])
const names = ['Build', 'Unit "tests"', 'a|b<c>:%\n</details>']

describe('toMermaid', () => {
  it('draws nodes, edges and the highlighted path', () => {
    expect(toMermaid(dag, { label: v => names[v] ?? '', highlight: new Set([0, 2]) })).toBe(
      [
        'flowchart LR',
        '  s0["Build"]',
        '  s1["Unit #34;tests#34;"]',
        '  s2["a#124;b#60;c#62;#58;#37; #60;/details#62;"]',
        '  s0 --> s1',
        '  s0 --> s2',
        '  s1 --> s2',
        '  classDef critical stroke:#d1242f,stroke-width:3px',
        '  class s0,s2 critical'
      ].join('\n')
    )
  })

  it('escapes everything that could end a label or open markup', () => {
    expect(mermaidText('"]; click s0 call x()`<b>#')).toBe(
      '#34;#93;#59; click s0 call x()#96;#60;b#62;#35;'
    )
  })
})

describe('toDot', () => {
  it('quotes ids and labels', () => {
    expect(toDot(dag, ['build', 'unit', 'weird'], { label: v => names[v] ?? '' })).toBe(
      [
        'digraph stepgraph {',
        '  rankdir=LR;',
        '  node [shape=box];',
        '  "build" [label="Build"];',
        '  "unit" [label="Unit \\"tests\\""];',
        '  "weird" [label="a|b<c>:%\\n</details>"];',
        '  "build" -> "unit";',
        '  "build" -> "weird";',
        '  "unit" -> "weird";',
        '}'
      ].join('\n')
    )
  })
})
