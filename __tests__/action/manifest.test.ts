import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repositoryRoot } from '../helpers/action.js'

describe('action.yml', () => {
  it('has no `${{` in a description: the runner evaluates it there, and fails to load the action', () => {
    const manifest = parse(readFileSync(path.join(repositoryRoot, 'action.yml'), 'utf8')) as {
      description: string
      inputs: Record<string, { description: string }>
      outputs: Record<string, { description: string }>
    }
    const descriptions = [
      manifest.description,
      ...Object.values(manifest.inputs).map(input => input.description),
      ...Object.values(manifest.outputs).map(output => output.description)
    ]
    expect(descriptions.filter(text => text.includes('${{'))).toEqual([])
    expect(manifest.inputs.steps?.description).toContain('STEPGRAPH_NEEDS')
  })
})
