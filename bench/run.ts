// npm run bench: every benchmark of the project, printed from one run.
//   offline check vs kubectl's local dry-run (issues #3, #17) and fix at 10k vs check and kubectl (issue 14),
//   start-up (issue #7), live check vs kubectl get (issue #4), live check at 20k vs 200k pods (issue 14)
import { formatOfflineBench, runOfflineBench } from './offline.js'
import { formatReport, startupReport } from './startup.js'
import { formatLiveBench, formatScaleBench, runLiveBench, runScaleBench } from './live.js'

// Each part says how long it took: the whole run is meant to stay within about 3 minutes.
const started = performance.now()
let last = started
const took = (from: number) => `${((performance.now() - from) / 1000).toFixed(0)} s`
const part = async (text: () => Promise<string> | string) => {
  console.log(`${await text()}\n  (${took(last)})\n`)
  last = performance.now()
}
await part(async () => formatOfflineBench(await runOfflineBench()))
await part(() => formatReport(startupReport({ runs: 11 })))
// One timed run after the warm-up: kubectl get alone takes ~20 s a run at 10k pods, and the ratio is far from its aim.
await part(async () => formatLiveBench(await runLiveBench({ runs: 1 })))
await part(async () => formatScaleBench(await runScaleBench()))
console.log(`npm run bench: ${took(started)} in all`)
