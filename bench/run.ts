// npm run bench: every benchmark of the project, printed from one run.
//   offline check vs kubectl's local dry-run (issues #3, #17), start-up (issue #7), live check vs kubectl get (issue #4),
//   live check at 20k vs 200k pods (issue 14)
import { formatOfflineBench, runOfflineBench } from './offline.js'
import { formatReport, startupReport } from './startup.js'
import { formatLiveBench, formatScaleBench, runLiveBench, runScaleBench } from './live.js'

console.log(formatOfflineBench(await runOfflineBench()))
console.log()
console.log(formatReport(startupReport({ runs: 11 })))
console.log()
console.log(formatLiveBench(await runLiveBench()))
console.log()
console.log(formatScaleBench(await runScaleBench()))
