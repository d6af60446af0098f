// npm run bench: every benchmark of the project, printed as ratios from one run.
//   offline classification (issue #3), start-up (issue #7), live check vs kubectl get (issue #4)
import { runClassifyBench } from './classify.js'
import { formatReport, startupReport } from './startup.js'
import { formatLiveBench, runLiveBench } from './live.js'

const r2 = (n: number) => n.toFixed(2)
const c = runClassifyBench(10000)
console.log(`Offline classification, ${c.workloads} workloads in one ${(c.bytes / 1048576).toFixed(1)} MiB file (aim: classify < 1 s)`)
console.log(`  classify: ${r2(c.classifySeconds)} s = ${r2(c.classifySeconds / 1)}× the 1 s budget (${r2((c.classifySeconds * 1e6) / c.workloads)} µs per workload)`)
console.log(`  parse (js-yaml): ${r2(c.parseSeconds)} s = ${r2(c.parseSeconds / c.classifySeconds)}× classify`)
console.log(`  parse + classify: ${r2(c.totalSeconds)} s = ${r2(c.totalSeconds / 1)}× the 1 s budget`)
console.log()
console.log(formatReport(startupReport({ runs: 11 })))
console.log()
console.log(formatLiveBench(await runLiveBench()))
