// npm run bench: every benchmark of the project, printed as ratios from one run.
import { runClassifyBench } from './classify.js'

const r2 = (n: number) => n.toFixed(2)
const c = runClassifyBench(10000)
console.log(`Offline classification, ${c.workloads} workloads in one ${(c.bytes / 1048576).toFixed(1)} MiB file`)
console.log(`  classify: ${r2(c.classifySeconds)} s = ${r2(c.classifySeconds / 1)}× the 1 s budget (${r2((c.classifySeconds * 1e6) / c.workloads)} µs per workload)`)
console.log(`  parse (js-yaml): ${r2(c.parseSeconds)} s = ${r2(c.parseSeconds / c.classifySeconds)}× classify`)
console.log(`  parse + classify: ${r2(c.totalSeconds)} s = ${r2(c.totalSeconds / 1)}× the 1 s budget`)
