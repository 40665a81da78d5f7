/** The seeded graph generators the benchmarks use, for the tests too. */
export { graphYaml, randomDag, seededRandom } from '../../bench/lib/graphs.mjs'
