// npm run agreement -- DIR: how far the core agrees with a labelled corpus-format folder
// (NNN-slug.yaml + NNN-slug.expected.yaml). Used for blind figures: label a held-out set from the
// programs' source first, then run this once and report what it prints.
import { classify } from '../src/classify/index.js'
import { readFiles } from '../src/cluster/files.js'
import { CORPUS, flagsOf, loadCorpus } from '../test/support/corpus.js'

const dir = process.argv[2] ?? CORPUS
const verdicts = new Map<string, number>()
const needs = new Map<string, number>()
const misses: string[] = []
let workloads = 0, verdictHits = 0, containers = 0, needHits = 0, exemptHits = 0
const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)

for (const c of loadCorpus(dir)) {
  const read = readFiles([c.file])
  const { result } = classify({ objects: read.objects, errors: read.errors, flags: flagsOf(c.flags) })
  const got = new Map(result.workloads.map((w) => [`${w.kind}/${w.namespace}/${w.name}`, w]))
  for (const want of c.workloads) {
    const w = got.get(want.workload)
    workloads++
    count(verdicts, `${want.verdict} → ${w?.verdict ?? 'missing'}`)
    if (w?.verdict === want.verdict) verdictHits++
    else misses.push(`${c.name} ${want.workload}: verdict ${want.verdict}, got ${w?.verdict ?? 'missing'}`)
    for (const ic of want.initContainers ?? []) {
      const g = w?.initContainers.find((x) => x.name === ic.name)
      containers++
      count(needs, `${ic.network} → ${g?.network ?? 'missing'}`)
      if (g?.network === ic.network) needHits++
      else misses.push(`${c.name} ${want.workload} ${ic.name}: need ${ic.network}, got ${g?.network ?? 'missing'} (${g?.evidence.join(' | ') ?? ''})`)
      if ((g?.exemptToken ?? null) === (ic.exempt ?? null)) exemptHits++
    }
  }
}

const pct = (a: number, b: number) => `${a}/${b} = ${b ? ((100 * a) / b).toFixed(1) : '-'} %`
const table = (m: Map<string, number>) => [...m].sort().map(([k, n]) => `    ${k}: ${n}`).join('\n')
console.log(`${dir}`)
console.log(`  verdicts: ${pct(verdictHits, workloads)}\n${table(verdicts)}`)
console.log(`  init-container needs: ${pct(needHits, containers)}\n${table(needs)}`)
console.log(`  exemption tokens: ${pct(exemptHits, containers)}`)
if (misses.length) console.log(`  misses:\n${misses.map((m) => `    ${m}`).join('\n')}`)
