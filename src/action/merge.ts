import type { RunOptions } from '../options.js'

export async function mergeAsAction(_merge: string, _options: RunOptions): Promise<void> {}
