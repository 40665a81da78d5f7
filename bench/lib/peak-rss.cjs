// Preloaded (node -r) into a measured process: at exit, its peak RSS (the kernel's VmHWM)
// goes to the file named by STEPGRAPH_BENCH_RSS_FILE.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a preload (node -r) is CommonJS
const { readFileSync, writeFileSync } = require('node:fs')

process.on('exit', () => {
  const file = process.env.STEPGRAPH_BENCH_RSS_FILE
  if (!file) return
  const status = readFileSync('/proc/self/status', 'utf8')
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
  writeFileSync(file, String(kib))
})
