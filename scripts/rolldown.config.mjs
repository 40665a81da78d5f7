// @ts-check
// The committed bundles users run: dist/index.js (the action, as action.yml's `main`)
// and dist/cli/index.js (the `stepgraph` command). Each is one ES module plus the chunks
// of what is loaded with import() only when needed (yaml for positioned problems,
// log-update for the live view, @actions/expressions and stepgraph's use of it for a graph
// with expressions), the small modules those share with the rest, and the licences of
// every bundled package. The action's entry is tiny: it catches stop signals, then loads
// the rest (action.js) with import().
import { defineConfig } from 'rolldown'
import { licensesPlugin } from './licenses-plugin.mjs'

/**
 * @actions/core imports its OIDC client (@actions/http-client, which loads undici and
 * tunnel) and its `platform` helpers (@actions/exec, @actions/io) at the top of its entry
 * module. stepgraph uses neither getIDToken nor platform, but a bundler must keep a
 * module it cannot prove free of side effects, and evaluating undici cost every run
 * 35-40 ms of start-up and 12 MiB on Node 24 (docs/benchmarks.md, "Start-up"). These
 * packages do nothing when imported but define things, so they are declared free of side
 * effects: what stepgraph does not call is left out. Anything of theirs that is called
 * is still bundled whole.
 */
const sideEffectFree =
  /[\\/]node_modules[\\/](?:undici|tunnel|@actions[\\/](?:http-client|exec|io))[\\/]/

/** @param {string} input @param {string} dir */
function bundle(input, dir) {
  return defineConfig({
    input,
    platform: 'node',
    treeshake: { moduleSideEffects: [{ test: sideEffectFree, sideEffects: false }] },
    plugins: [licensesPlugin()],
    output: {
      dir,
      format: 'esm',
      entryFileNames: 'index.js',
      chunkFileNames: '[name].js',
      // The expression library in a chunk named after it (by default: `dist.js`, after
      // the package's folder).
      codeSplitting: {
        groups: [
          {
            name: 'expressions-library',
            test: /[\\/]node_modules[\\/]@actions[\\/]expressions[\\/]/
          }
        ]
      },
      // Readable output: a user may read what runs in their job.
      minify: false
    }
  })
}

export default [bundle('src/index.ts', 'dist'), bundle('src/cli/index.ts', 'dist/cli')]
