// Bad input never stops the rest: clear one-line errors naming the file and document (issue #3).
import t from 'tap'
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFiles, splitDocuments } from '../src/cluster/files.js'
import { classify } from '../src/classify/index.js'
import { KINDS } from '../src/model/kinds.js'
import { spawn } from 'node:child_process'
import { BIN, ROOT, ensureBuilt, run } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'istiocni-input-'))
const file = (name: string, text: string | Buffer) => { const p = join(dir, name); writeFileSync(p, text); return p }
const deploy = (name: string, extra = '') => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: x}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: nginx}]${extra}\n`

function check(paths: string[]) {
  const read = readFiles(paths)
  return classify({ objects: read.objects, errors: read.errors, flags: {} })
}

t.test('malformed YAML: the error names file, document and line; the other documents are checked', async (t) => {
  const p = file('bad.yaml', `${deploy('before')}---\nkind: Deployment\nmetadata: {name: broken\n---\n${deploy('after')}`)
  const { result, errors } = check([p])
  t.same(result.workloads.map((w) => w.name), ['before', 'after'])
  t.equal(errors.length, 1)
  // file:line of the document's first line (issue #14): `deploy` takes 7 lines, `---` is line 8.
  t.match(errors[0]!.source, /bad\.yaml:9$/)
  t.match(errors[0]!.message, /^malformed YAML at line \d+: /)
  t.notMatch(errors[0]!.message, /\n/, 'one line')
})

t.test('a quoted scalar whose lines sit left of its key reads as Kubernetes reads it (Helm output)', async (t) => {
  // openobserve/openobserve-helm-chart:charts/openobserve/templates/router-deployment.yaml renders its
  // check-nats command this way: go-yaml (kubectl) accepts it, js-yaml says "deficient indentation".
  const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: router, namespace: o2}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: check-nats\n          image: busybox:1.36.1\n          command: ['sh', '-c', '\n          until nc -zv o2-nats 4222; do\n            sleep 2;\n          done;\n        ']\n      containers: [{name: app, image: nginx}]\n`
  const { result, errors } = check([file('helm-flow.yaml', text)])
  t.same(errors, [])
  t.equal(result.workloads[0]?.verdict, 'breaks')
  t.equal(result.workloads[0]?.initContainers[0]?.network, 'required')
  // Only that error is forgiven: a mapping that is never closed is still reported, with its line.
  const bad = check([file('still-bad.yaml', `kind: Deployment\nmetadata: {name: x\n`)])
  t.match(bad.errors[0]?.message, /^malformed YAML at line \d+/)
})

t.test('non-object documents, objects without kind, Lists', async (t) => {
  const p = file('shapes.yaml', `- a\n- list\n---\njust a string\n---\n42\n---\nmetadata: {name: nokind}\n---\n---\n# only a comment\n---\nkind: List\nitems:\n- ${deploy('in-list').split('\n').join('\n  ')}`)
  const { result, errors } = check([p])
  t.same(result.workloads.map((w) => w.name), ['in-list'])
  t.same(errors.map((e) => e.message), [
    'document is a list, not a Kubernetes object',
    'document is string "just a string", not a Kubernetes object',
    'document is number 42, not a Kubernetes object',
    'object has no kind (metadata.name nokind)',
  ])
})

t.test('missing spec and wrong types name the object and the field', async (t) => {
  const p = file('types.yaml', [
    'kind: Deployment\nmetadata: {name: nospec}',
    'kind: Deployment\nmetadata: {name: strspec}\nspec:\n  template: {spec: "oops"}',
    'kind: Pod\nmetadata: {name: badinit}\nspec:\n  initContainers: {name: x}',
    'kind: Pod\nmetadata: {name: badcmd}\nspec:\n  initContainers: [{name: x, command: "nc -z db 5432"}]',
    'kind: CronJob\nmetadata: {name: nojob}\nspec: {schedule: "* * * * *"}',
    'kind: Pod\nmetadata: {namespace: x}\nspec: {containers: []}',
    deploy('good'),
  ].join('\n---\n'))
  const { result, errors } = check([p])
  t.same(result.workloads.map((w) => w.name), ['good'])
  t.same(errors.map((e) => e.message), [
    'Deployment default/nospec has no spec.template',
    'Deployment default/strspec: spec.template.spec must be an object, got string "oops"',
    'Pod default/badinit: spec.initContainers must be a list, got an object',
    'Pod default/badcmd: spec.initContainers[0].command must be a list of strings',
    'CronJob default/nojob has no spec.jobTemplate.spec.template',
    'Pod has no metadata.name',
  ])
})

t.test('binary junk, invalid UTF-8, huge files, missing paths', async (t) => {
  const bin = file('junk.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]))
  const latin = file('latin1.yaml', Buffer.from('kind: Pod\nmetadata: {name: caf\xe9}\n', 'latin1'))
  const huge = file('huge.yaml', '')
  truncateSync(huge, 300 * 1024 * 1024) // sparse: never read
  const good = file('good.yaml', deploy('fine'))
  const { result, errors } = check([bin, latin, huge, join(dir, 'missing.yaml'), good])
  t.same(result.workloads.map((w) => w.name), ['fine'])
  t.same(errors.map((e) => e.message), ['no such file or directory', 'not a text file (binary data)', 'not valid UTF-8 text', 'file is 300 MiB, over the 256 MiB limit'])
})

t.test('directories: their top level, every level with -R (as kubectl), manifests only, in sorted order', async (t) => {
  const d = join(dir, 'tree')
  mkdirSync(join(d, 'sub'), { recursive: true })
  writeFileSync(join(d, 'b.yaml'), deploy('b'))
  writeFileSync(join(d, 'sub', 'a.yml'), deploy('a'))
  writeFileSync(join(d, 'c.json'), JSON.stringify({ kind: 'Pod', metadata: { name: 'c' }, spec: { containers: [] } }))
  writeFileSync(join(d, 'README.md'), '# not a manifest')
  t.same(check([d]).result.workloads.map((w) => w.name), ['b', 'c'], 'without -R: no subdirectory')
  const r = readFiles([d], { recursive: true })
  t.same(r.errors, [])
  t.same(classify({ objects: r.objects, errors: [], flags: {} }).result.workloads.map((w) => w.name), ['b', 'c', 'a'])
})

t.test('document lines: each document starts after its separator', async (t) => {
  t.same(splitDocuments('a: 1\n---\nb: 2\n--- # c\nc: 3\n').map((d) => d.line), [1, 3, 5])
  t.same(splitDocuments('---\na: 1\n').map((d) => d.line), [2])
})

t.test('10,000 workloads in one file parse and classify without error', async (t) => {
  const big = Array.from({ length: 10000 }, (_, i) => deploy(`w${i}`)).join('---\n')
  const { result, errors } = check([file('big.yaml', big)])
  t.equal(errors.length, 0)
  t.equal(result.workloads.length, 10000)
})

// Issue #17: `kubectl get … -A -o json | istiocni check -f -` and `.yaml` files holding JSON are
// read with JSON.parse; what it cannot read goes to the YAML parser as before.
t.test('JSON text in a .yaml file or on stdin gives the same objects as YAML', async (t) => {
  const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'j', namespace: 'x' }, spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx' }] } } } }] }
  const json = check([file('list.yaml', JSON.stringify(list, null, 2))])
  const yamlText = check([file('list.yaml', `kind: List\napiVersion: v1\nitems:\n- ${deploy('j').split('\n').join('\n  ')}`)])
  t.same(json.result, yamlText.result)
  t.same(json.errors, [])
  // Two JSON documents are not one JSON text: the YAML path splits them.
  const two = check([file('two.yaml', `${JSON.stringify(list.items[0])}\n---\n${JSON.stringify({ ...list.items[0], metadata: { name: 'k', namespace: 'x' } })}\n`)])
  t.same(two.result.workloads.map((w) => w.name), ['j', 'k'])
})

// One file of 250,000 documents failed with "Maximum call stack size exceeded" (objects were
// spread into push()): 200,000 objects in one List are read.
t.test('a file of 200,000 objects is read', async (t) => {
  const items = Array.from({ length: 200_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'x' } }))
  const read = readFiles([file('big.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items }))])
  t.equal(read.objects.length, 200_000)
  t.equal(read.objects.at(-1)!.source.endsWith('big.json:1/items/199999'), true)
})

// Documents of kinds no rule reads are only checked for syntax (issue #17); every kind a rule
// compares against (`kind === 'X'` in src/classify and src/model), every owner an owner chain may
// end in (operators' custom resources) and the mesh's own objects must still reach classify.
t.test('the kind peek: read kinds reach classify, unread ones do not, a malformed one is reported', async (t) => {
  const src = join(import.meta.dirname, '..', 'src')
  const compared = new Set<string>()
  for (const d of ['classify', 'model']) {
    for (const f of readdirSync(join(src, d)).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(src, d, f), 'utf8').matchAll(/kind [!=]== '([A-Z][A-Za-z]+)'/g)) compared.add(m[1]!)
    }
  }
  t.ok(compared.has('MutatingWebhookConfiguration') && compared.has('Namespace') && compared.has('ConfigMap'), 'the scan finds the kinds rules compare')
  const read = [...compared, ...new Set(KINDS.map((k) => k.kind)), 'IstioOperator', 'HelmRelease', 'Kustomization', 'Application', 'Kafka', 'Cluster', 'InferenceService', 'Rollout']
  const doc = (kind: string, i: number) => `apiVersion: example.com/v1\nkind: ${kind}\nmetadata: {name: o${i}, namespace: x}\n`
  const got = readFiles([file('read-kinds.yaml', read.map(doc).join('---\n'))])
  t.same(got.objects.map((o) => o.object.kind), read, 'every read kind is an object')
  // Under their own API groups; the same kind in another group (Knative's Service) is read.
  const unread = [['v1', 'Service'], ['v1', 'Secret'], ['v1', 'Endpoints'], ['networking.k8s.io/v1', 'NetworkPolicy'], ['policy/v1', 'PodDisruptionBudget'], ['networking.istio.io/v1', 'VirtualService']]
  const typed = ([apiVersion, kind]: string[], i: number) => doc(kind!, i).replace('example.com/v1', apiVersion!)
  const skipped = readFiles([file('unread-kinds.yaml', [...unread.map(typed), deploy('kept')].join('---\n'))])
  t.same(skipped.objects.map((o) => o.object.kind), ['Deployment'], 'unread kinds are not built; the rest is')
  t.same(skipped.errors, [])
  const bad = check([file('bad-unread.yaml', `kind: Service\nmetadata: {name: broken\n---\n${deploy('after')}`)])
  t.same(bad.result.workloads.map((w) => w.name), ['after'])
  t.match(bad.errors, [{ source: /bad-unread\.yaml:1$/, message: /^malformed YAML at line \d+: / }])
  // A second top-level kind is a duplicate key: the document is loaded, and js-yaml reports it.
  const dup = readFiles([file('dup-kind.yaml', 'kind: Service\nkind: Deployment\nmetadata: {name: d}\n')])
  t.match(dup.errors, [{ message: /duplicated mapping key/ }])
})

t.test('stdin from a writer that is still working is waited for, never read as empty (found by the perf helper: a loaded machine printed an all-clear)', async (t) => {
  ensureBuilt()
  const shop = readFileSync(join(ROOT, 'examples', 'shop.yaml'))
  const child = spawn(process.execPath, [BIN, 'check', '-f', '-', '-o', 'json'], { stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => { out += d })
  setTimeout(() => { child.stdin.write(shop.subarray(0, 100)); setTimeout(() => child.stdin.end(shop.subarray(100)), 300) }, 500)
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  t.equal(code, 3, 'the example that breaks is found')
  t.same(JSON.parse(out).summary, { breaks: 1, ok: 1, 'not-meshed': 1, review: 1 })
})

t.test('nothing on stdin is an error, as in kubectl: a failed render piped in is not an all-clear', async (t) => {
  for (const input of ['', '\n  \n']) {
    const r = run(['check', '-f', '-', '-o', 'json'], { input })
    t.equal(r.code, 1, JSON.stringify(input))
    t.equal(r.stderr, 'error: <stdin>: no objects passed on stdin\n')
  }
})
