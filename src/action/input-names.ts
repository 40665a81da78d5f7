/** The action's inputs and outputs by name, as declared in action.yml. */
export const Input = {
  steps: 'steps',
  stepsFile: 'steps-file',
  maxParallel: 'max-parallel',
  failFast: 'fail-fast',
  shell: 'shell',
  workingDirectory: 'working-directory',
  output: 'output',
  summary: 'summary',
  annotations: 'annotations',
  dryRun: 'dry-run',
  timingsFile: 'timings-file'
} as const

export const Output = {
  status: 'status',
  results: 'results',
  failed: 'failed',
  resultsFile: 'results-file'
} as const
