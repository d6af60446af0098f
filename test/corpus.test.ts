// Every corpus case: real manifests in, the expected verdict, network needs and exemption tokens out.
import t from 'tap'
import { classify } from '../src/classify/index.js'
import { readFiles } from '../src/cluster/files.js'
import { flagsOf, loadCorpus } from './support/corpus.js'

for (const c of loadCorpus()) {
  t.test(c.name, async (t) => {
    const read = readFiles([c.file])
    const { result, errors } = classify({ objects: read.objects, errors: read.errors, flags: flagsOf(c.flags) })
    t.same(errors, [], 'no input errors')
    const got = new Map(result.workloads.map((w) => [`${w.kind}/${w.namespace}/${w.name}`, w]))
    t.same([...got.keys()].sort(), c.workloads.map((w) => w.workload).sort(), 'the same workloads')
    for (const want of c.workloads) {
      const w = got.get(want.workload)
      if (!w) continue
      const why = w.findings.map((f) => `${f.code} ${f.message}`).join('\n')
      t.equal(w.verdict, want.verdict, `${want.workload} verdict (${want.why ?? ''})\n${why}`)
      const actual = w.initContainers.map((ic) => ({ name: ic.name, network: ic.network, exempt: ic.exemptToken }))
      if (want.initContainers) t.same(actual, want.initContainers.map((ic) => ({ name: ic.name, network: ic.network, exempt: ic.exempt ?? null })), `${want.workload} init containers\n${w.initContainers.map((ic) => `${ic.name}: ${ic.evidence.join(' | ')}`).join('\n')}`)
    }
  })
}
