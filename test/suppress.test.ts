// Suppression by pod-template annotation and by --ignore (issue #8): suppressed findings stay in the
// result, marked; verdicts are recomputed; the summary still counts them.
import t from 'tap'
import { classify } from '../src/classify/index.js'
import type { CheckResult, WorkloadResult } from '../src/classify/result/result.js'
import { applySuppressions, type Ignore, IgnoreSyntaxError, parseIgnore, parseIgnores } from '../src/classify/result/suppress.js'
import { shown, suppressionOf } from '../src/classify/result/threshold.js'
import { parseManifests } from '../src/cluster/files.js'
import type { InputError } from '../src/model/input.js'

function check(yaml: string, ignores: Ignore[] = []) {
  const errors: InputError[] = []
  const objects = parseManifests(yaml, 'app.yaml', errors)
  const classified = classify({ objects, errors, flags: {} })
  t.same(classified.errors, [], 'the manifest reads cleanly')
  return { before: classified.result, ...applySuppressions(classified.result, objects, ignores) }
}

const one = (r: CheckResult, name: string): WorkloadResult => r.workloads.find((w) => w.name === name)!
const codes = (w: WorkloadResult) => w.findings.map((f) => `${f.code}${suppressionOf(f) ? `~${suppressionOf(f)!.by}` : ''}`)

/** Deployment with a pod-template annotation block; init containers as given. */
function deployment(name: string, annotations: Record<string, string>, inits: string, extra = ''): string {
  const ann = Object.entries(annotations).map(([k, v]) => `        ${k}: ${JSON.stringify(v)}\n`).join('')
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
${extra}spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
${ann ? `      annotations:\n${ann}` : ''}    spec:
      initContainers:
${inits}      containers:
      - name: app
        image: ghcr.io/acme/${name}:1.0.0
`
}

// An opaque bootstrap image (ICNI0103, review) and a pg_isready wait loop (ICNI0101, breaks).
const OPAQUE = `      - name: bootstrap
        image: ghcr.io/acme/flag-bootstrap:0.4.0
`
const WAIT_DB = `      - name: wait-for-db
        image: postgres:16-alpine
        command: ["sh", "-c", "until pg_isready -h orders-postgresql -p 5432; do sleep 2; done"]
`

t.test('annotation: a reviewed code turns review into ok', async (t) => {
  const { before, result, warnings } = check(deployment('flags', { 'istiocni.io/ignore': 'ICNI0103', 'istiocni.io/ignore-reason': 'bootstrap only copies files from the image (reviewed 2024-05, PLAT-142)' }, OPAQUE))
  t.equal(one(before, 'flags').verdict, 'review')
  const w = one(result, 'flags')
  t.equal(w.verdict, 'ok')
  t.same(codes(w), ['ICNI0108', 'ICNI0103~annotation'], 'the finding stays, marked; an ok reason is added')
  t.match(w.findings[0]!.message, /every risk is suppressed \(ICNI0103\)/)
  t.same(suppressionOf(w.findings[1]!), { by: 'annotation', reason: 'bootstrap only copies files from the image (reviewed 2024-05, PLAT-142)' })
  t.same(result.summary, { breaks: 0, ok: 1, 'not-meshed': 0, review: 0, suppressed: 1 })
  t.same(warnings, [])
  t.same(before.summary, { breaks: 0, ok: 0, 'not-meshed': 0, review: 1 }, 'the input result is not changed')
})

t.test('annotation "*" suppresses every problem, never the verdict explanations', async (t) => {
  const { result } = check(deployment('orders', { 'istiocni.io/ignore': '*', 'istiocni.io/ignore-reason': 'the database is reached through a local proxy in production' }, WAIT_DB))
  const w = one(result, 'orders')
  t.equal(w.verdict, 'ok')
  t.same(codes(w), ['ICNI0108', 'ICNI0101~annotation'])
  const ok = check(deployment('static', { 'istiocni.io/ignore': '*', 'istiocni.io/ignore-reason': 'x' }, `      - name: chmod
        image: busybox:1.36
        command: ["sh", "-c", "chmod 0700 /data"]
`))
  t.same(codes(one(ok.result, 'static')), ['ICNI0108'], 'ICNI0108 is not a problem: not suppressed')
  t.equal((ok.result.summary as Record<string, number>).suppressed, undefined, 'no suppressed key when nothing was suppressed')
})

t.test('suppressing one reason leaves the others to decide the verdict', async (t) => {
  const { result } = check(deployment('mixed', { 'istiocni.io/ignore': 'ICNI0101', 'istiocni.io/ignore-reason': 'orders-postgresql is outside the mesh, port excluded at the node' }, WAIT_DB + OPAQUE))
  const w = one(result, 'mixed')
  t.equal(w.verdict, 'review', 'breaks → review: the ICNI0103 reason is left')
  t.same(codes(w), ['ICNI0101~annotation', 'ICNI0103'])
})

t.test('a side finding is suppressed without touching the verdict', async (t) => {
  const yaml = deployment('gsutil', { 'istiocni.io/ignore': 'ICNI0201', 'istiocni.io/ignore-reason': 'batch job with no mesh traffic; mTLS not required' }, `      - name: fetch
        image: google/cloud-sdk:482.0.0-slim
        command: ["gsutil", "cp", "gs://acme-models/v7/model.bin", "/mnt/models/"]
`).replace('    spec:\n      initContainers', '    spec:\n      securityContext:\n        runAsUser: 1337\n      initContainers')
  const { before, result } = check(yaml)
  const w = one(result, 'gsutil')
  t.equal(w.verdict, one(before, 'gsutil').verdict)
  t.ok(codes(w).includes('ICNI0201~annotation'))
})

t.test('the annotation is read from the pod template (or a Pod), not the workload metadata', async (t) => {
  const onDeployment = deployment('orders', {}, WAIT_DB, '  annotations:\n    istiocni.io/ignore: "ICNI0101"\n    istiocni.io/ignore-reason: "x"\n')
  t.equal(one(check(onDeployment).result, 'orders').verdict, 'breaks', 'Deployment metadata does not count')
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
  annotations:
    istiocni.io/ignore: ICNI0101
    istiocni.io/ignore-reason: one-off debugging pod
spec:
  initContainers:
  - name: wait
    image: busybox:1.36
    command: ["sh", "-c", "until nc -z orders 8080; do sleep 1; done"]
  containers:
  - name: shell
    image: busybox:1.36
`
  t.equal(one(check(pod).result, 'debug').verdict, 'ok', "a Pod's own metadata counts")
})

t.test('annotation mistakes are warnings, not silence', async (t) => {
  const { result, warnings } = check(deployment('orders', { 'istiocni.io/ignore': 'ICNI0101, ICNI9999' }, WAIT_DB))
  t.equal(one(result, 'orders').verdict, 'ok', 'known codes still apply, the list may have spaces')
  t.same(suppressionOf(one(result, 'orders').findings[1]!), { by: 'annotation' }, 'no reason given')
  t.match(warnings, [
    { source: 'app.yaml:0', message: /unknown code "ICNI9999", ignored/ },
    { source: 'app.yaml:0', message: /has no istiocni\.io\/ignore-reason/ },
  ])
  t.match(check(deployment('orders', { 'istiocni.io/ignore': ' ' }, WAIT_DB)).warnings, [{ message: /is empty/ }])
})

t.test('--ignore syntax', async (t) => {
  t.same(parseIgnore('ICNI0101=deploy/shop/orders'), { code: 'ICNI0101', kind: 'Deployment', namespace: 'shop', name: 'orders' })
  t.same(parseIgnore('icni0101=Deployments/shop/orders'), { code: 'ICNI0101', kind: 'Deployment', namespace: 'shop', name: 'orders' }, 'case-insensitive code and kind, plural')
  t.same(parseIgnore('*=sts/data/*'), { code: '*', kind: 'StatefulSet', namespace: 'data', name: '*' })
  t.same(parseIgnore('ICNI02*=*/*/batch-*'), { code: 'ICNI02*', kind: '*', namespace: '*', name: 'batch-*' })
  t.same(parseIgnore('ICNI0103=cronjob/ops/backup').kind, 'CronJob')
  t.same(parseIgnore('ICNI0103=po/ops/x').kind, 'Pod')
  const bad: [string, RegExp][] = [
    ['ICNI0101', /--ignore "ICNI0101": expected CODE=kind\/namespace\/name, e\.g\. ICNI0101=deployment\/shop\/api/],
    ['ICNI0101=deploy/orders', /expected CODE=kind\/namespace\/name/],
    ['ICNI0101=deploy/shop/orders/x', /expected CODE=kind\/namespace\/name/],
    ['ICNI0101=deploy//orders', /expected CODE=kind\/namespace\/name/],
    ['=deploy/shop/orders', /no code before "="/],
    ['ICNI9999=deploy/shop/orders', /unknown code ICNI9999 \(the codes are listed in docs\/codes\.md/],
    ['IST0144=deploy/shop/orders', /unknown code IST0144/],
    ['ICNI0101=service/shop/orders', /unknown kind "service": use one of deployment, .*, pod, rollout, .*, service.serving.knative.dev, .* or \*$/],
  ]
  for (const [spec, message] of bad) t.throws(() => parseIgnore(spec), { message }, spec)
  t.throws(() => parseIgnores(['ICNI0101=deploy/a/b', 'nope']), IgnoreSyntaxError, 'parseIgnores throws on the first bad one')
  t.same(parseIgnores([]), [])
})

t.test('--ignore suppresses by flag, matching kind, namespace and name', async (t) => {
  const yaml = [deployment('orders', {}, WAIT_DB), deployment('billing', {}, WAIT_DB)].join('---\n')
  const { result, warnings } = check(yaml, parseIgnores(['ICNI0101=deploy/shop/orders', 'ICNI0101=statefulset/shop/billing', 'ICNI0103=deploy/other/*']))
  t.equal(one(result, 'orders').verdict, 'ok')
  t.same(suppressionOf(one(result, 'orders').findings[1]!), { by: 'flag', reason: '--ignore ICNI0101=deployment/shop/orders' })
  t.equal(one(result, 'billing').verdict, 'breaks', 'kind must match')
  t.same(result.summary, { breaks: 1, ok: 1, 'not-meshed': 0, review: 0, suppressed: 1 })
  t.same(warnings, [
    { source: '--ignore', message: 'ICNI0101=statefulset/shop/billing matched no finding' },
    { source: '--ignore', message: 'ICNI0103=deployment/other/* matched no finding' },
  ], 'stale ignores are reported')
  const wild = check(yaml, parseIgnores(['*=*/shop/*']))
  t.same(wild.result.summary, { breaks: 0, ok: 2, 'not-meshed': 0, review: 0, suppressed: 2 })
})

t.test('an annotation wins over a flag for the same finding (it carries the reason)', async (t) => {
  const { result, warnings } = check(deployment('orders', { 'istiocni.io/ignore': 'ICNI0101', 'istiocni.io/ignore-reason': 'reviewed' }, WAIT_DB), parseIgnores(['ICNI0101=deploy/shop/orders']))
  t.same(suppressionOf(one(result, 'orders').findings[1]!), { by: 'annotation', reason: 'reviewed' })
  t.match(warnings, [{ message: /matched no finding/ }])
})

t.test('shown() hides suppressed findings unless --show-suppressed; counts stay', async (t) => {
  const { result } = check(deployment('orders', { 'istiocni.io/ignore': 'ICNI0101', 'istiocni.io/ignore-reason': 'reviewed' }, WAIT_DB))
  t.same(codes(one(shown(result, 'all'), 'orders')), ['ICNI0108'])
  t.same(codes(one(shown(result, 'all', true), 'orders')), ['ICNI0108', 'ICNI0101~annotation'])
  t.same(shown(result, 'all').summary, result.summary)
  t.same(shown(result, 'breaks').workloads, [], 'no longer at the breaks level')
})

t.test('a lookup function works in place of the objects', async (t) => {
  const errors: InputError[] = []
  const objects = parseManifests(deployment('orders', {}, WAIT_DB), 'app.yaml', errors)
  const { result } = classify({ objects, errors, flags: {} })
  const out = applySuppressions(result, () => ({ 'istiocni.io/ignore': 'ICNI0101', 'istiocni.io/ignore-reason': 'from a live cluster read' }), [])
  t.equal(out.result.workloads[0]!.verdict, 'ok')
})
