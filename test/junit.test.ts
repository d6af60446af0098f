// -o junit: one testsuite, one testcase per workload; failures follow --fail-on so the report and
// the exit code agree; not-meshed workloads are skipped; everything escaped.
import { resolve } from 'node:path'
import t from 'tap'
import { classifyLive } from '../src/classify/group.js'
import { classify } from '../src/classify/index.js'
import type { CheckResult, WorkloadResult } from '../src/classify/result/result.js'
import { applySuppressions } from '../src/classify/result/suppress.js'
import { readFiles } from '../src/cluster/files.js'
import { renderJunit, xml } from '../src/render/junit.js'

const ROOT = resolve(import.meta.dirname, '..')

function load(paths: string[]): CheckResult {
  const read = readFiles(paths.map((p) => resolve(ROOT, p)))
  const { result } = classify({ objects: read.objects, errors: read.errors, flags: {} })
  return applySuppressions(result, read.objects, []).result
}

/** A minimal XML well-formedness check: balanced tags, no raw `<` or `&` in text or attributes. */
function wellFormed(doc: string): string | undefined {
  const body = doc.replace(/^<\?xml [^?]*\?>\n/, '')
  const stack: string[] = []
  const re = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/gy
  let m: RegExpExecArray | null
  let at = 0
  while ((m = re.exec(body))) {
    at = re.lastIndex
    if (m[5] !== undefined) {
      if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(m[5])) return `raw & in text: ${m[5]}`
      continue
    }
    if (m[1]) { if (stack.pop() !== m[2]) return `unbalanced </${m[2]}>` } else if (!m[4]) stack.push(m[2]!)
  }
  if (at !== body.length) return `unparsable at ${at}: ${body.slice(at, at + 40)}`
  return stack.length ? `unclosed ${stack.join(',')}` : undefined
}

const testcases = (doc: string) => [...doc.matchAll(/<testcase classname="([^"]*)" name="([^"]*)">\n {6}<(failure|skipped|system-out)/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`)

t.test('one testcase per workload; breaks fail, not-meshed are skipped', async (t) => {
  const doc = renderJunit(load(['test/fixtures/sarif/multi.yaml', 'test/codes/ICNI0107/raise.yaml']))
  t.equal(wellFormed(doc), undefined, 'well-formed XML')
  t.match(doc, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="kubectl-istiocni" tests="5" failures="1" errors="0" skipped="1">\n {2}<testsuite name="kubectl-istiocni check" tests="5" failures="1" errors="0" skipped="1">\n/)
  t.equal(doc.match(/<testsuite /g)?.length, 1, 'one testsuite')
  t.same(testcases(doc), [
    'gitea Deployment/gitea failure',
    'gitea StatefulSet/gitea-redis system-out',
    'gitea Job/gitea-backup system-out',
    'gitea Pod/gitea-test-connection system-out',
    'billing CronJob/postgresql-pgdumpall skipped',
  ])
  t.match(doc, /<failure message="init container wait-for-postgres connects to gitea-postgresql:5432 before istio-proxy starts[^"]*" type="breaks">ICNI0101 error: [^\n]*\n {2}fix: Use a native sidecar/)
  t.match(doc, /<skipped message="no sidecar: opted out with label sidecar\.istio\.io\/inject: &quot;false&quot;"\/>/)
  t.match(doc, /ICNI0201 warning: pod-level runAsUser 1337 is the proxy UID[^\n]*\n {2}suppressed by annotation: backup job talks only to object storage outside the mesh/, 'suppressed findings are listed, marked')
})

t.test('failures follow --fail-on', async (t) => {
  const result = load(['test/fixtures/sarif/multi.yaml', 'test/codes/ICNI0107/raise.yaml'])
  const review = renderJunit(result, 'review')
  t.match(review, /tests="5" failures="2" errors="0" skipped="1"/)
  t.match(review, /<testcase classname="gitea" name="Pod\/gitea-test-connection">\n {6}<failure message="init container bootstrap: the spec does not say[^"]*" type="review">/)
  const warning = renderJunit(load(['test/codes/ICNI0201/raise.yaml', 'test/codes/ICNI0108/raise.yaml']), 'warning')
  t.match(warning, /tests="2" failures="1" errors="0" skipped="0"/)
  t.match(warning, /name="Job\/model-prefetch">\n {6}<failure message="pod-level runAsUser 1337 is the proxy UID: [^"]*" type="warning">ICNI0201 warning: /, 'an ok workload fails on its warning')
  t.equal(wellFormed(warning), undefined)
})

t.test('escaping', async (t) => {
  t.equal(xml(`a & b <c> "d" 'e'`), 'a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;')
  t.equal(xml('bell\u0007 and \u0000 out; tab\tkept\nnewline kept; emoji 🙂 kept'), 'bell\uFFFD and \uFFFD out; tab\tkept\nnewline kept; emoji 🙂 kept')
  const w: WorkloadResult = {
    kind: 'Deployment', namespace: 'a&b', name: 'x<y>', source: 'f.yaml:0', verdict: 'breaks', initContainers: [],
    findings: [{ severity: 'error', code: 'ICNI0101', message: 'init container "c" connects to http://h/?a=1&b=2 <before> istio-proxy\u001b[31m', params: {}, container: 'c' }],
  }
  const doc = renderJunit({ workloads: [w], summary: { breaks: 1, ok: 0, 'not-meshed': 0, review: 0 } })
  t.equal(wellFormed(doc), undefined, doc)
  t.match(doc, /classname="a&amp;b" name="Deployment\/x&lt;y&gt;"/)
  t.match(doc, /message="init container &quot;c&quot; connects to http:\/\/h\/\?a=1&amp;b=2 &lt;before&gt; istio-proxy\uFFFD\[31m"/)
})

t.test('an empty result is a valid empty suite', async (t) => {
  const doc = renderJunit({ workloads: [], summary: { breaks: 0, ok: 0, 'not-meshed': 0, review: 0 } })
  t.equal(wellFormed(doc), undefined)
  t.match(doc, /tests="0" failures="0" errors="0" skipped="0"/)
})

t.test('a live check adds one testcase for the cluster findings', async (t) => {
  const read = readFiles([resolve(ROOT, 'test/codes/ICNI0304/raise.yaml')])
  const live = { context: 'prod-eu', scope: { allNamespaces: true }, skippedNamespaces: [], warnings: [], nodesRead: true }
  const { result } = classifyLive({ objects: read.objects, errors: read.errors, flags: {}, live })
  const breaks = renderJunit(result)
  t.equal(wellFormed(breaks), undefined)
  t.match(breaks, /<testcase classname="cluster" name="prod-eu">\n {6}<system-out>ICNI0304 warning: the CNI node agent kube-system\/istio-cni-node is scheduled on 2 of 3 Linux nodes/, 'a warning passes at --fail-on breaks')
  t.match(breaks, /tests="4" failures="0"/)
  const warning = renderJunit(result, 'warning')
  t.match(warning, /<testcase classname="cluster" name="prod-eu">\n {6}<failure message="the CNI node agent kube-system\/istio-cni-node is scheduled on 2 of 3 Linux nodes[^"]*" type="cluster">ICNI0304 warning: /)
  t.match(warning, /tests="4" failures="1"/)
})
