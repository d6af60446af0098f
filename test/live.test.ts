// Live mode of `check` (issue #4) against the test API server: the reader (scope, paging, 410,
// 403 fallback, retries, timeouts, kubeconfig resolution), the grouping of pods under their owners
// with their live facts, the cluster section and its migration blockers, and the command itself.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { dump, loadAll } from 'js-yaml'
import t from 'tap'
import { FIXTURES, serve } from './support/serve.js'
import { classifyLive } from '../src/classify/group.js'
import { istiodRevisions } from '../src/classify/cluster/cluster.js'
import { readMesh, revisionSettings } from '../src/model/mesh.js'
import type { CheckResult, WorkloadResult } from '../src/classify/result/result.js'
import { KubeError, parseRequestTimeout } from '../src/cluster/kube.js'
import { type LiveOptions, readCluster } from '../src/cluster/live.js'
import { run as runCheck } from '../src/commands/check.js'
import { UserError } from '../src/commands/common.js'
import { writeKubeconfig, type KObj, type TestApiServer } from './support/apiserver.js'

const ROOT = new URL('..', import.meta.url).pathname


/** Reads and classifies like `check`, in-process; tests tune retries and backoff to stay fast. */
async function check(server: TestApiServer, o: Partial<LiveOptions> = {}) {
  const input = await readCluster({ kubeconfig: server.kubeconfigPath, allNamespaces: true, flags: {}, backoffMs: 5, env: {}, ...o })
  const { result, errors } = classifyLive(input)
  return { input, result, errors }
}

const row = (r: CheckResult, kind: string, ns: string, name: string): WorkloadResult => {
  const w = r.workloads.find((x) => x.kind === kind && x.namespace === ns && x.name === name)
  if (!w) throw new Error(`no row ${kind} ${ns}/${name}: ${r.workloads.map((x) => `${x.kind}/${x.namespace}/${x.name}`).join(', ')}`)
  return w
}
const rows = (r: CheckResult) => r.workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`)
const codes = (w: { findings: { code: string }[] }) => w.findings.map((f) => f.code)

/** A deep copy of the fixtures, changed by `edit`. */
function fixtures(edit: (objs: KObj[]) => KObj[] | void = () => {}): KObj[] {
  const objs = structuredClone(FIXTURES)
  return edit(objs) ?? objs
}
const find = (objs: KObj[], kind: string, name: string) => {
  const o = objs.find((x) => x.kind === kind && x.metadata?.name === name)
  if (!o) throw new Error(`fixture ${kind} ${name} missing`)
  return o
}

/** Streams that collect what a command writes. */
function buffers() {
  const out: string[] = []
  const err: string[] = []
  return { streams: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) }, color: false, isTTY: false }, out: () => out.join(''), err: () => err.join('') }
}

t.test('fixtures, all namespaces: one row per workload, pods grouped under their owners', async (t) => {
  const s = await serve(t)
  const { result, errors, input } = await check(s)
  t.same(errors, [])
  t.same(input.live.warnings, [])
  t.same(rows(result), [
    'Deployment ambient-demo/ratings',
    'Deployment istio-system/istiod',
    'DaemonSet istio-system/istio-cni-node',
    'CronJob reports/nightly-report',
    'Deployment shop/checkout',
    'Deployment shop/inventory',
    'Deployment shop/payments',
  ], 'no ReplicaSet, Job or Pod rows: they are grouped (Pod → ReplicaSet → Deployment, Job → CronJob)')

  const checkout = row(result, 'Deployment', 'shop', 'checkout')
  t.equal(checkout.verdict, 'breaks', 'judged from its template: wait-for-db needs the network under CNI')
  t.same(checkout.live, {
    pods: 2, modes: { legacy: 1, cni: 1, native: 0, ambient: 0, none: 0 }, newMode: 'cni', revision: 'default',
    needsRestart: ['checkout-7c9d8f6b5d-x2x4z'], brokenNow: [],
  })
  t.match(checkout.findings.find((f) => f.code === 'ICNI0301'), { severity: 'warning', message: /^1 of 2 pods still use istio-init although revision default enables CNI/ })

  const inventory = row(result, 'Deployment', 'shop', 'inventory')
  t.same(inventory.live?.brokenNow, [{ pod: 'inventory-6b8c9d7f5-m3n4p', why: 'istio-validation exited 126: the CNI plugin did not set up redirection for this pod' }])
  t.equal(inventory.verdict, 'breaks', 'a pod broken now makes the workload break, although its template is ok (proxy UID)')
  t.equal(codes(inventory)[0], 'ICNI0106')
  t.notOk(codes(inventory).includes('ICNI0108'), '"nothing at risk" is dropped once a pod is broken')

  const payments = row(result, 'Deployment', 'shop', 'payments')
  t.same(payments.live?.modes.native, 1)
  t.equal(payments.live?.newMode, 'cni', 'the template does not ask for a native sidecar and the revision does not enable it')

  const report = row(result, 'CronJob', 'reports', 'nightly-report')
  t.match(report.live, { pods: 1, modes: { legacy: 1 }, newMode: 'cni', needsRestart: ['nightly-report-28991520-k8v2x'] })
  const ratings = row(result, 'Deployment', 'ambient-demo', 'ratings')
  t.match(ratings, { verdict: 'not-meshed', live: { pods: 1, modes: { ambient: 1 }, newMode: 'ambient', needsRestart: [] } })
  t.notOk('revision' in ratings.live!, 'no revision for a workload that gets no sidecar')
  t.match(row(result, 'DaemonSet', 'istio-system', 'istio-cni-node').live, { pods: 2, modes: { none: 2 }, newMode: 'none' })
  t.same(result.summary, { breaks: 4, ok: 0, 'not-meshed': 3, review: 0 })

  const c = result.cluster!
  t.match(c, {
    context: 'test', scope: { allNamespaces: true }, skippedNamespaces: [],
    istio: { found: true, namespaces: ['istio-system'], forced: false },
    revisions: [{ name: 'default', cniEnabled: true, nativeSidecars: null, istiod: 'istio-system/istiod', tags: [] }],
    cni: { namespace: 'istio-system', name: 'istio-cni-node', desired: 2, ready: 1, nodes: 2, excludeNamespaces: [], excludeKey: 'EXCLUDED_NAMESPACES', repair: { enabled: true, repairPods: true, deletePods: false, labelPods: false }, version: '1.24.2' },
    webhooks: [{ name: 'istio-sidecar-injector', revision: 'default', tag: null }],
  })
  t.same(codes(c), ['ICNI0303', 'ICNI0307'], 'agent ready on 1 of 2 nodes; EXCLUDED_NAMESPACES is ignored (ref §1.8)')
  t.match(c.findings[0]!.message, /ready on 1 of 2 nodes/)
})

t.test('the requests: one list per resource, Istio found with labelled lists, nothing per pod', async (t) => {
  const s = await serve(t)
  await check(s)
  const paths = s.requests.map((r) => `${r.path}${r.query.labelSelector ? `?labelSelector=${r.query.labelSelector}` : ''}${r.query.fieldSelector ? `?fieldSelector=${r.query.fieldSelector}` : ''}`)
  t.same(paths.sort(), [
    '/api/v1/configmaps?labelSelector=istio.io/rev',
    '/api/v1/events?fieldSelector=reason=FailedCreatePodSandBox',
    '/api/v1/namespaces',
    '/api/v1/namespaces/istio-system/configmaps',
    '/api/v1/namespaces/istio-system/resourcequotas',
    '/api/v1/nodes',
    '/api/v1/pods',
    '/api/v1/serviceaccounts',
    '/apis',
    '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations',
    '/apis/apps/v1/daemonsets',
    '/apis/apps/v1/daemonsets?labelSelector=k8s-app=istio-cni-node',
    '/apis/apps/v1/deployments',
    '/apis/apps/v1/deployments?labelSelector=app=istiod',
    '/apis/apps/v1/replicasets',
    '/apis/apps/v1/statefulsets',
    '/apis/argoproj.io/v1alpha1/rollouts',
    '/apis/batch/v1/cronjobs',
    '/apis/batch/v1/jobs',
    '/apis/k8s.cni.cncf.io/v1/network-attachment-definitions',
    '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
    '/apis/rbac.authorization.k8s.io/v1/clusterroles',
    '/apis/rbac.authorization.k8s.io/v1/rolebindings',
    '/apis/rbac.authorization.k8s.io/v1/roles',
    '/version',
  ])
  t.ok(s.requests.every((r) => r.method === 'GET' && (r.path === '/version' || r.path === '/apis' || r.query.limit === '500')), 'read-only, paged lists (and the version and discovery reads)')
  t.same(s.writes, [])
})

t.test('namespace scope: -n, the context namespace, -l; Istio objects outside the scope are not rows', async (t) => {
  const s = await serve(t)
  const shop = await check(s, { allNamespaces: false, namespace: 'shop' })
  t.same(rows(shop.result), ['Deployment shop/checkout', 'Deployment shop/inventory', 'Deployment shop/payments'])
  t.match(shop.result.cluster, { scope: { allNamespaces: false, namespace: 'shop' }, istio: { found: true }, cni: { ready: 1 } }, 'Istio is still read where it lives')
  t.notOk(s.requests.some((r) => r.path === '/api/v1/pods'), 'no cluster-wide pod list for one namespace')

  const kubeconfig = writeKubeconfig(s.url, { namespace: 'reports' })
  t.teardown(() => rmSync(join(kubeconfig, '..'), { recursive: true, force: true }))
  const ctx = await check(s, { kubeconfig, allNamespaces: false })
  t.same(rows(ctx.result), ['CronJob reports/nightly-report'], "without -n the context's namespace, as kubectl")

  const selected = await check(s, { selector: 'app=checkout' })
  t.same(rows(selected.result), ['Deployment shop/checkout'])
  t.equal(selected.result.cluster?.scope.selector, 'app=checkout')
})

t.test('bare pods stay rows of their own; a pod whose owner is not in the input too', async (t) => {
  const objs = fixtures((o) => {
    const pod = structuredClone(find(o, 'Pod', 'checkout-7c9d8f6b5d-x2x4z'))
    pod.metadata.name = 'debug'
    delete pod.metadata.ownerReferences
    const orphan = structuredClone(find(o, 'Pod', 'checkout-7c9d8f6b5d-8kq2m'))
    orphan.metadata.name = 'orphan-1'
    orphan.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone-123', controller: true }]
    o.push(pod, orphan)
  })
  const s = await serve(t, { objects: objs })
  const { result } = await check(s, { allNamespaces: false, namespace: 'shop' })
  const bare = row(result, 'Pod', 'shop', 'debug')
  t.match(bare.live, { pods: 1, modes: { legacy: 1 }, newMode: 'cni', needsRestart: ['debug'] })
  t.ok(codes(bare).includes('ICNI0209') && codes(bare).includes('ICNI0301'))
  t.ok(row(result, 'Pod', 'shop', 'orphan-1'))
})

t.test('broken now: label, crash-looping init container, FailedCreatePodSandBox events (ref §2.7)', async (t) => {
  const objs = fixtures((o) => {
    const base = find(o, 'Pod', 'checkout-7c9d8f6b5d-8kq2m')
    const labelled = structuredClone(base)
    labelled.metadata.name = 'checkout-7c9d8f6b5d-lbl01'
    labelled.metadata.labels['cni.istio.io/uninitialized'] = 'true'
    const looping = structuredClone(base)
    looping.metadata.name = 'checkout-7c9d8f6b5d-loop1'
    looping.status.initContainerStatuses[1] = { name: 'wait-for-db', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }
    const sandbox = structuredClone(base)
    sandbox.metadata.name = 'checkout-7c9d8f6b5d-sbx01'
    sandbox.status = { phase: 'Pending', containerStatuses: [{ name: 'checkout', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }
    const event = (name: string, pod: string, message: string) => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'shop' }, type: 'Warning', reason: 'FailedCreatePodSandBox',
      involvedObject: { kind: 'Pod', namespace: 'shop', name: pod }, message,
    })
    o.push(labelled, looping, sandbox,
      event('sbx.1', 'checkout-7c9d8f6b5d-sbx01', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f2c": plugin type="istio-cni" name="istio-cni" failed (add): dial tcp 10.96.0.1:443: i/o timeout'),
      event('sbx.2', 'checkout-7c9d8f6b5d-8kq2m', 'Failed to create pod sandbox: plugin type="calico" failed: connection is unauthorized'))
  })
  const s = await serve(t, { objects: objs })
  const { result } = await check(s, { allNamespaces: false, namespace: 'shop' })
  const checkout = row(result, 'Deployment', 'shop', 'checkout')
  t.same(checkout.live?.brokenNow.map((b) => b.pod), ['checkout-7c9d8f6b5d-lbl01', 'checkout-7c9d8f6b5d-loop1', 'checkout-7c9d8f6b5d-sbx01'], 'an event that does not name istio-cni is not ours')
  t.match(checkout.live?.brokenNow, [
    { why: /^label cni\.istio\.io\/uninitialized=true/ },
    { why: /^init container wait-for-db is crash-looping \(5 restarts\) while istio-proxy waits in PodInitializing/ },
    { why: /^FailedCreatePodSandBox: .*istio-cni/ },
  ])
  t.equal(checkout.live?.pods, 5)
  t.same(codes(checkout).filter((c) => c === 'ICNI0106').length, 3, 'one verdict reason per broken pod')
  t.match(checkout.findings[0]!.message, /^pod is broken now: checkout-7c9d8f6b5d-lbl01: label/)
})

t.test('many broken pods are counted, not listed one by one', async (t) => {
  const objs = fixtures((o) => {
    const base = find(o, 'Pod', 'inventory-6b8c9d7f5-m3n4p')
    for (let i = 0; i < 8; i++) {
      const p = structuredClone(base)
      p.metadata.name = `inventory-6b8c9d7f5-x${i}`
      o.push(p)
    }
  })
  const s = await serve(t, { objects: objs })
  const inventory = row((await check(s, { allNamespaces: false, namespace: 'shop' })).result, 'Deployment', 'shop', 'inventory')
  t.equal(inventory.live?.brokenNow.length, 9)
  const reasons = inventory.findings.filter((f) => f.code === 'ICNI0106')
  t.equal(reasons.length, 6)
  t.equal(reasons.at(-1)!.message, 'pod is broken now: and 4 more pods')
})

t.test('migration blockers', async (t) => {
  t.test('no CNI node agent while a revision enables CNI', async (t) => {
    const s = await serve(t, { objects: fixtures((o) => o.filter((x) => !(x.kind === 'DaemonSet' || (x.kind === 'Pod' && x.metadata.name.startsWith('istio-cni-node'))))) })
    const c = (await check(s)).result.cluster!
    t.equal(c.cni, null)
    t.same(codes(c), ['ICNI0302'])
    t.match(c.findings[0]!.message, /yet revision default injects in CNI mode/)
  })
  t.test('a revision without CNI: new pods keep istio-init, nothing needs a restart', async (t) => {
    const s = await serve(t, { objects: fixtures((o) => {
      const cm = find(o, 'ConfigMap', 'istio-sidecar-injector')
      cm.data.values = cm.data.values.replace('"cni": {"enabled": true, "provider": "default"}', '"cni": {"enabled": false}')
    }) })
    const { result } = await check(s)
    t.match(result.cluster!.revisions, [{ name: 'default', cniEnabled: false }])
    t.ok(codes(result.cluster!).includes('ICNI0305'))
    t.match(row(result, 'Deployment', 'shop', 'checkout').live, { newMode: 'legacy', needsRestart: [] })
    t.ok(codes(row(result, 'Deployment', 'shop', 'checkout')).includes('ICNI0213'))
  })
  t.test('namespaces excluded by the agent (EXCLUDE_NAMESPACES), coverage and repair', async (t) => {
    const s = await serve(t, { objects: fixtures((o) => {
      const cm = find(o, 'ConfigMap', 'istio-cni-config')
      delete cm.data.EXCLUDED_NAMESPACES
      cm.data.EXCLUDE_NAMESPACES = 'kube-system,shop'
      cm.data.REPAIR_ENABLED = 'false'
      const extra = structuredClone(find(o, 'Node', 'node-b'))
      extra.metadata.name = 'node-c'
      const windows = structuredClone(find(o, 'Node', 'node-b'))
      windows.metadata.name = 'win-1'
      windows.metadata.labels['kubernetes.io/os'] = 'windows'
      o.push(extra, windows)
    }) })
    const c = (await check(s)).result.cluster!
    t.match(c.cni, { excludeNamespaces: ['kube-system', 'shop'], excludeKey: 'EXCLUDE_NAMESPACES', nodes: 3, repair: { enabled: false } })
    t.same(codes(c).sort(), ['ICNI0303', 'ICNI0304', 'ICNI0306', 'ICNI0309'])
    t.match(c.findings.find((f) => f.code === 'ICNI0306')!.message, /^namespace shop is injected but excluded/)
    t.match(c.findings.find((f) => f.code === 'ICNI0304')!.message, /scheduled on 2 of 3 Linux nodes/)
  })
  t.test('pre-1.23 agent config: exclude_namespaces in cni_network_config, repair env on the DaemonSet', async (t) => {
    const s = await serve(t, { objects: fixtures((o) => {
      const cm = find(o, 'ConfigMap', 'istio-cni-config')
      cm.data = { cni_network_config: '{"cniVersion": "0.3.1", "name": "istio-cni", "type": "istio-cni", "kubernetes": {"kubeconfig": "__KUBECONFIG_FILEPATH__", "cni_bin_dir": "/opt/cni/bin", "exclude_namespaces": [ "istio-system", "kube-system" ]}}' }
      find(o, 'DaemonSet', 'istio-cni-node').spec.template.spec.containers[0].env.push({ name: 'REPAIR_DELETE_PODS', value: 'true' })
    }) })
    const c = (await check(s)).result.cluster!
    t.match(c.cni, { excludeNamespaces: ['istio-system', 'kube-system'], excludeKey: 'cni_network_config', repair: { enabled: true, deletePods: true } })
  })
})

t.test('one istiod detector: the mesh settings and the cluster section find the same istiods (label app=istiod, or the name)', async (t) => {
  const istiod = (name: string, labels: Record<string, string>, env: Record<string, string>) => ({ object: {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'istio-system', labels },
    spec: { template: { spec: { containers: [{ name: 'discovery', image: 'docker.io/istio/pilot:1.24.2', env: Object.entries(env).map(([name, value]) => ({ name, value })) }] } } },
  }, source: 'cluster' })
  const objects = [
    istiod('istiod-canary', { 'istio.io/rev': 'canary' }, { REVISION: 'canary', ENABLE_NATIVE_SIDECARS: 'true' }),
    istiod('control-plane', { app: 'istiod' }, { ENABLE_NATIVE_SIDECARS: 'false' }),
    istiod('istiodoc', {}, { REVISION: 'docs', ENABLE_NATIVE_SIDECARS: 'true' }),
  ]
  const mesh = readMesh(objects, {}, [])
  t.same([...mesh.revisions.keys()].sort(), ['canary', 'default'], 'by name (no label) and by label; istiodoc is neither')
  t.equal(revisionSettings(mesh, 'canary').nativeSidecars, true)
  t.equal(revisionSettings(mesh, 'default').nativeSidecars, false)
  t.same([...istiodRevisions(objects).keys()].sort(), [...mesh.revisions.keys()].sort(), 'the cluster section sees the same ones')
})

t.test('revision tags resolve through the webhook; istiod env ENABLE_NATIVE_SIDECARS counts for new pods', async (t) => {
  const objs = fixtures((o) => {
    find(o, 'Namespace', 'shop').metadata.labels = { 'istio.io/rev': 'prod' }
    const canary = structuredClone(find(o, 'ConfigMap', 'istio-sidecar-injector'))
    canary.metadata.name = 'istio-sidecar-injector-canary'
    canary.metadata.labels['istio.io/rev'] = 'canary'
    canary.data.values = canary.data.values.replace('"cni": {"enabled": true, "provider": "default"}', '"cni": {"enabled": false}')
    const istiod = structuredClone(find(o, 'Deployment', 'istiod'))
    istiod.metadata.name = 'istiod-canary'
    istiod.metadata.labels['istio.io/rev'] = 'canary'
    istiod.spec.template.spec.containers[0].env = [{ name: 'REVISION', value: 'canary' }, { name: 'ENABLE_NATIVE_SIDECARS', value: 'false' }]
    find(o, 'Deployment', 'istiod').spec.template.spec.containers[0].env.push({ name: 'ENABLE_NATIVE_SIDECARS', value: 'true' })
    o.push(canary, istiod, {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'istio-revision-tag-prod', labels: { 'istio.io/tag': 'prod', 'istio.io/rev': 'canary' } },
      webhooks: [{ name: 'rev.namespace.sidecar-injector.istio.io', clientConfig: { service: { name: 'istiod-canary', namespace: 'istio-system', path: '/inject' } }, sideEffects: 'None', admissionReviewVersions: ['v1'], namespaceSelector: { matchExpressions: [{ key: 'istio.io/rev', operator: 'In', values: ['prod'] }] } }],
    })
  })
  const s = await serve(t, { objects: objs })
  const { result } = await check(s)
  t.match(row(result, 'Deployment', 'shop', 'checkout').live, { newMode: 'legacy', revision: 'canary' }, 'tag prod → revision canary, which has CNI off')
  t.match(result.cluster!.revisions, [
    { name: 'canary', cniEnabled: false, nativeSidecars: false, istiod: 'istio-system/istiod-canary', tags: ['prod'] },
    { name: 'default', cniEnabled: true, nativeSidecars: true, istiod: 'istio-system/istiod', tags: [] },
  ])
  t.match(row(result, 'CronJob', 'reports', 'nightly-report').live, { newMode: 'native', revision: 'default' }, 'istiod env ENABLE_NATIVE_SIDECARS=true (ref §4.3)')
})

t.test('a workload moved to a CNI revision: its istio-init pods of the old revision need a restart', async (t) => {
  const objs = fixtures((o) => {
    find(o, 'Namespace', 'shop').metadata.labels = { 'istio.io/rev': 'cni' }
    const old = find(o, 'ConfigMap', 'istio-sidecar-injector')
    const cni = structuredClone(old)
    old.data.values = old.data.values.replace('"cni": {"enabled": true, "provider": "default"}', '"cni": {"enabled": false}')
    cni.metadata.name = 'istio-sidecar-injector-cni'
    cni.metadata.labels['istio.io/rev'] = 'cni'
    o.push(cni)
  })
  const s = await serve(t, { objects: objs })
  const { result } = await check(s)
  const checkout = row(result, 'Deployment', 'shop', 'checkout')
  t.match(checkout.live, { newMode: 'cni', revision: 'cni', needsRestart: ['checkout-7c9d8f6b5d-x2x4z'] })
  t.match(checkout.findings.find((f) => f.code === 'ICNI0301')?.message, /although revision cni enables CNI/)
  t.match(row(result, 'CronJob', 'reports', 'nightly-report').live, { newMode: 'legacy', revision: 'default', needsRestart: [] }, 'its revision keeps istio-init: a restart changes nothing')
})

t.test('Istio elsewhere, forced, or absent', async (t) => {
  const moved = fixtures((o) => {
    for (const x of o) {
      if (x.metadata?.namespace === 'istio-system') x.metadata.namespace = 'mesh-system'
      if (x.kind === 'Namespace' && x.metadata.name === 'istio-system') x.metadata.name = 'mesh-system'
      for (const w of x.webhooks ?? []) if (w.clientConfig?.service) w.clientConfig.service.namespace = 'mesh-system'
    }
  })
  t.test('found by its labels in another namespace', async (t) => {
    const s = await serve(t, { objects: moved })
    const { result } = await check(s, { allNamespaces: false, namespace: 'shop' })
    t.match(result.cluster!.istio, { found: true, namespaces: ['mesh-system'], forced: false })
    t.match(result.cluster!.cni, { namespace: 'mesh-system', ready: 1 })
  })
  t.test('unlabelled and forbidden cluster-wide: --istio-namespace points at it', async (t) => {
    // No labels, no webhook naming the namespace: nothing leads the search to mesh-system.
    const unlabelled = structuredClone(moved).filter((x) => x.kind !== 'MutatingWebhookConfiguration').map((x) => (x.metadata?.namespace === 'mesh-system' ? { ...x, metadata: { ...x.metadata, labels: {} } } : x))
    const s = await serve(t, { objects: unlabelled, faults: [{ path: /^\/apis\/apps\/v1\/deployments$/, status: 403 }] })
    const lost = await check(s, { allNamespaces: false, namespace: 'shop' })
    t.match(lost.result.cluster!.istio, { found: false })
    t.match(lost.input.live.warnings, [/no Istio control plane found/])
    const forced = await check(s, { allNamespaces: false, namespace: 'shop', istioNamespace: 'mesh-system' })
    t.match(forced.result.cluster!.istio, { found: true, namespaces: ['mesh-system'], forced: true })
    t.match(forced.result.cluster!.revisions, [{ name: 'default', cniEnabled: true }])
    t.match(forced.result.cluster!.cni, { namespace: 'mesh-system', name: 'istio-cni-node', ready: 1 }, 'the agent found by its name')
    t.same(forced.input.live.warnings, [])
  })
  t.test('no Istio at all: said plainly, judged with the offline defaults', async (t) => {
    const s = await serve(t, { objects: fixtures((o) => o.filter((x) => x.metadata?.namespace !== 'istio-system' && x.kind !== 'MutatingWebhookConfiguration')) })
    const { result, input } = await check(s)
    t.match(input.live.warnings, ['no Istio control plane found (no istiod Deployment, no istio-sidecar-injector ConfigMap): judging with the offline defaults (pass --istio-namespace if it is installed)'])
    t.same(codes(result.cluster!), ['ICNI0308'])
    t.match(result.cluster, { istio: { found: false, namespaces: [] }, revisions: [], cni: null })
    const checkout = row(result, 'Deployment', 'shop', 'checkout')
    t.equal(checkout.verdict, 'breaks', 'the template is still judged (offline defaults: CNI)')
    t.match(checkout.live, { newMode: 'cni', needsRestart: [] }, 'no revision known to enable CNI: nothing is claimed to need a restart')
  })
})

t.test('403 on cluster-wide lists: per-namespace fallback, skipped namespaces reported', async (t) => {
  const clusterWide = /^\/api(s\/(apps|batch)\/v1|\/v1)\/(pods|deployments|statefulsets|daemonsets|replicasets|jobs|cronjobs|events)$/
  const rollouts = /^\/apis\/argoproj\.io\/v1alpha1\/(namespaces\/reports\/)?rollouts$/
  const s = await serve(t, { faults: [{ path: clusterWide, status: 403 }, { path: /^\/api(s\/(apps|batch))?\/v1\/namespaces\/reports\//, status: 403 }, { path: rollouts, status: 403 }] })
  const { result, input } = await check(s)
  t.same(input.live.skippedNamespaces, ['reports'])
  t.same(result.cluster!.skippedNamespaces, ['reports'])
  t.same(input.live.warnings, ['namespace reports skipped: cannot list pods or workloads there (forbidden)'], 'no events warning for a namespace skipped anyway')
  t.notOk(result.workloads.some((w) => w.namespace === 'reports'))
  t.ok(row(result, 'Deployment', 'shop', 'checkout').live?.needsRestart.length, 'the readable namespaces are complete')
  t.ok(s.requests.some((r) => r.path === '/api/v1/namespaces/shop/pods' && r.status === 200), 'pods listed per namespace')
  t.equal(result.cluster!.cni?.ready, 1, 'Istio read as usual')
})

t.test('403 on a few kinds in one namespace: partly skipped', async (t) => {
  const s = await serve(t, { faults: [{ path: '/apis/batch/v1/cronjobs', status: 403 }, { path: '/apis/batch/v1/namespaces/reports/cronjobs', status: 403 }] })
  const { result, input } = await check(s)
  t.same(input.live.skippedNamespaces, ['reports'])
  t.match(input.live.warnings, ['namespace reports partly skipped: cannot list cronjobs there (forbidden)'])
  t.ok(row(result, 'Job', 'reports', 'nightly-report-28991520'), 'the Job becomes the row when its CronJob cannot be read')
})

t.test('403 on cluster-wide events only: one warning, no per-namespace lists', async (t) => {
  const s = await serve(t, { faults: [{ path: '/api/v1/events', status: 403 }] })
  const { input } = await check(s)
  t.same(input.live.warnings, ['cannot list events cluster-wide (forbidden): FailedCreatePodSandBox events are not checked'])
  t.notOk(s.requests.some((r) => /\/namespaces\/[^/]+\/events$/.test(r.path)))
})

t.test('403 everywhere (and on namespaces): nothing could be read is an error', async (t) => {
  const s = await serve(t, { faults: [{ path: /^\/api(s\/(apps|batch))?\/v1\/(namespaces|pods|deployments|statefulsets|daemonsets|replicasets|jobs|cronjobs|events)/, status: 403 }, { path: /rollouts$/, status: 403 }] })
  await t.rejects(check(s), new KubeError('cannot list pods or workloads in any namespace: forbidden (check your RBAC permissions, or pick a namespace with -n)'))
  await t.rejects(check(s, { allNamespaces: false, namespace: 'shop' }), { message: 'cannot list pods or workloads in namespace shop: forbidden' })
})

t.test('the pod\'s ServiceAccount and its RBAC, read as evidence for an unknown init program; a 403 or 5xx is a warning', async (t) => {
  // ROCm/gpu-operator:example/testrunner/pre_start_job_check.yaml, its Deployment and RBAC in the cluster.
  const rocm = (loadAll(readFileSync(join(ROOT, 'test/fixtures/evidence/rocm-test-runner-pre-start-job-check.yaml'), 'utf8')) as KObj[]).filter((o) => o.kind !== 'Secret' && o.kind !== 'ConfigMap')
  const objects = fixtures((objs) => [...objs, ...rocm])
  const runner = (r: CheckResult) => row(r, 'Deployment', 'default', 'pytorch-gpu-deployment').initContainers[0]!
  const s = await serve(t, { objects })
  const read = await check(s)
  t.match(runner(read.result), { network: 'required', confidence: 'likely' })
  t.match(runner(read.result).evidence.join('\n'), /ServiceAccount default\/test-run is bound to ClusterRole test-run-cluster-role/)
  t.same(read.input.live.warnings, [])
  const ns = await check(s, { allNamespaces: false, namespace: 'default' })
  t.match(runner(ns.result), { confidence: 'likely' }, '-n reads the namespace\'s ServiceAccounts and bindings, and the cluster-wide ones')
  t.ok(s.requests.some((r) => r.path === '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings'))

  for (const [status, why] of [[403, 'forbidden'], [503, 'GET /apis/rbac.authorization.k8s.io/v1/clusterrolebindings on .* failed after 1 attempt: 503']] as const) {
    const denied = await serve(t, { objects, faults: [{ path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', status }] })
    const partial = await check(denied, { retries: 0 })
    t.match(runner(partial.result), { network: 'either', confidence: 'unknown' }, `${status}: judged without the bindings`)
    t.match(partial.input.live.warnings, [new RegExp(`^cannot list clusterrolebindings \\(${why}.*\\): ServiceAccount permissions are not used as evidence for unknown init programs$`)])
    t.notOk(partial.input.live.incomplete, 'no workload is missing: not an incomplete read')
  }
})

t.test('paging across several pages gives the same result as one page', async (t) => {
  const s = await serve(t, { pageSizeCap: 2 })
  const paged = await check(s, { pageSize: 2 })
  const pages = s.requests.filter((r) => r.path === '/api/v1/pods')
  t.equal(pages.length, 4, '8 pods in pages of 2')
  t.ok(pages.slice(1).every((r) => r.query.continue), 'continue tokens follow')
  const s2 = await serve(t)
  const whole = await check(s2)
  t.same(paged.result, whole.result)
})

t.test('410 Expired while paging: the list restarts once, then a warning', async (t) => {
  const s = await serve(t, { faults: [{ path: /^\/api\/v1\/pods\?.*continue=/, status: 410, times: 1 }] })
  const once = await check(s, { pageSize: 3 })
  t.same(once.input.live.warnings, [], 'one restart is silent')
  const podCalls = s.requests.filter((r) => r.path === '/api/v1/pods')
  t.same(podCalls.map((r) => [r.status, Boolean(r.query.continue)]), [[200, false], [410, true], [200, false], [200, true], [200, true]])
  t.equal(row(once.result, 'Deployment', 'shop', 'checkout').live?.pods, 2, 'no pod counted twice after the restart')

  const s2 = await serve(t, { faults: [{ path: /^\/api\/v1\/pods\?.*continue=/, status: 410, times: 2 }] })
  const twice = await check(s2, { pageSize: 3 })
  t.match(twice.input.live.warnings, ['the list of pods expired twice while paging (410): it may be incomplete'])
})

t.test('5xx and 429 are retried a bounded number of times', async (t) => {
  const s = await serve(t, { faults: [{ path: '/api/v1/pods', status: 503, times: 2 }, { path: '/api/v1/namespaces', status: 429, times: 1, retryAfterSeconds: 0 }] })
  const { result } = await check(s)
  t.ok(row(result, 'Deployment', 'shop', 'checkout'))
  t.same(s.requests.filter((r) => r.path === '/api/v1/pods').map((r) => r.status), [503, 503, 200])

  const broken = await serve(t, { faults: [{ path: '/apis/apps/v1/deployments', status: 500 }] })
  await t.rejects(check(broken, { retries: 2 }), { message: /^GET \/apis\/apps\/v1\/deployments on http:\/\/127\.0\.0\.1:\d+ failed after 3 attempts: 500: Internal error occurred: injected fault$/ })
})

t.test('a timeout ends the request: --request-timeout is its whole budget (request-budget.test.ts)', async (t) => {
  const s = await serve(t, { faults: [{ path: '/api/v1/pods', status: 200, delayMs: 1000 }] })
  await t.rejects(check(s, { requestTimeout: '100ms', retries: 1 }), { message: /failed after 1 attempt: no answer within 0\.1s, the --request-timeout$/ })
  const slow = await serve(t, { faults: [{ path: '/api/v1/pods', status: 200, delayMs: 100, times: 1 }] })
  t.ok((await check(slow, { requestTimeout: '5s' })).result.workloads.length, 'a slow answer within the budget is taken')
})

t.test('kubeconfig resolution like kubectl: --kubeconfig, KUBECONFIG (merged), --context', async (t) => {
  const s = await serve(t)
  const dir = mkdtempSync(join(tmpdir(), 'istiocni-live-kc-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const a = join(dir, 'a')
  const b = join(dir, 'b')
  writeFileSync(a, dump({ apiVersion: 'v1', kind: 'Config', 'current-context': 'dead', clusters: [{ name: 'dead', cluster: { server: 'http://127.0.0.1:9', 'insecure-skip-tls-verify': true } }], users: [{ name: 'u', user: {} }], contexts: [{ name: 'dead', context: { cluster: 'dead', user: 'u' } }] }))
  writeFileSync(b, dump({ apiVersion: 'v1', kind: 'Config', 'current-context': 'live', clusters: [{ name: 'live', cluster: { server: s.url, 'insecure-skip-tls-verify': true } }], users: [{ name: 'u', user: { token: 'test-token' } }], contexts: [{ name: 'live', context: { cluster: 'live', user: 'u', namespace: 'shop' } }] }))
  const env = { KUBECONFIG: `${join(dir, 'missing')}:${a}:${b}` }
  await t.rejects(readCluster({ env, flags: {}, retries: 0 }), { message: /^cannot reach the Kubernetes API server at http:\/\/127\.0\.0\.1:9: connection refused$/ }, 'the first current-context wins')
  const live = await readCluster({ env, context: 'live', flags: {} })
  t.match(live.live, { context: 'live', scope: { allNamespaces: false, namespace: 'shop' } }, 'a context from the second file, with its namespace')
  await t.rejects(readCluster({ env, context: 'nope', flags: {} }), { message: 'context "nope" does not exist in the kubeconfig' })
  await t.rejects(readCluster({ kubeconfig: join(dir, 'missing'), flags: {} }), { message: `kubeconfig ${join(dir, 'missing')}: no such file` })
  await t.rejects(readCluster({ env: { HOME: dir }, flags: {} }), { message: /^no kubeconfig found/ })
})

t.test('--request-timeout parsing', async (t) => {
  t.equal(parseRequestTimeout(undefined), 30_000)
  t.equal(parseRequestTimeout('0'), 0)
  t.equal(parseRequestTimeout('5'), 5000)
  t.equal(parseRequestTimeout('1m30s'), 90_000)
  t.equal(parseRequestTimeout('250ms'), 250)
  t.throws(() => parseRequestTimeout('soon'), /invalid --request-timeout "soon"/)
})

t.test('the command: table, json, warnings on stderr, exit codes', async (t) => {
  const s = await serve(t)
  const base = { 'fail-on': 'breaks' as const, show: 'all' as const, 'show-suppressed': false, kubeconfig: s.kubeconfigPath }
  const table = buffers()
  t.equal(await runCheck({ ...base, output: 'table', 'all-namespaces': true }, table.streams), 3, 'exit 3: a workload breaks')
  const k = ` --kubeconfig ${s.kubeconfigPath}`
  t.equal(table.err(), `Next: kubectl istiocni explain cronjob/nightly-report -n reports${k}; kubectl istiocni fix -A${k} --dry-run; kubectl istiocni restart -A${k} --dry-run\n`, 'the next steps, on stderr')
  const lines = table.out().split('\n')
  t.match(lines[0], /^NAMESPACE +WORKLOAD +VERDICT +PODS +RESTART +AT RISK +WHY$/)
  t.match(table.out(), /\nshop +deployment\/checkout +breaks +2 +1 +wait-for-db +connects to postgres/)
  const rowLines = table.out().split('\n\n')[0]!.split('\n')
  t.same(rowLines.filter((l) => l.length > 120), [], 'the rows fit 120 columns')
  t.match(table.out(), /\nshop +deployment\/inventory +breaks +1 \(1 broken\) +- +- +pod is broken now/)
  t.match(table.out(), /\n7 workloads: 4 breaks, 0 review, 0 ok, 3 not-meshed; 1 pod broken now, 2 workloads to restart\n/)
  t.match(table.out(), /\nCluster: context test, all namespaces; Istio in istio-system\n {2}platform unknown \(name it with --platform\); primary CNI not found\n {2}revision default: CNI on, native sidecars unset, istiod istio-system\/istiod\n {2}CNI node agent istio-system\/istio-cni-node 1\.24\.2: ready on 1 of 2 nodes \(2 Linux nodes\); excludes no namespace \(EXCLUDED_NAMESPACES is ignored\); repair: repair pods\n {4}bin \/opt\/cni\/bin, conf \/etc\/cni\/net\.d, netns -; chained, ambient\nMigration blockers and notes:\n {2}error +ICNI0303 +the CNI node agent/)

  const json = buffers()
  await runCheck({ ...base, output: 'json', namespace: 'shop' }, json.streams)
  const parsed = JSON.parse(json.out())
  t.same(Object.keys(parsed), ['workloads', 'summary', 'cluster'], 'the offline shape plus the cluster section')
  t.same(Object.keys(parsed.workloads[0]), ['kind', 'namespace', 'name', 'source', 'verdict', 'initContainers', 'findings', 'live'])

  const denied = await serve(t, { faults: [{ path: /\/namespaces\/shop\/(pods|deployments)$/, status: 403 }] })
  const warned = buffers()
  t.equal(await runCheck({ ...base, kubeconfig: denied.kubeconfigPath, output: 'table', namespace: 'shop' }, warned.streams), 3)
  t.equal(warned.err(), `warning: namespace shop partly skipped: cannot list pods, deployments there (forbidden)\n${warned.err().split('\n')[1]}\n`)
  t.match(warned.err().split('\n')[1], /^Next: kubectl istiocni explain \S+ -n shop --kubeconfig \S+; kubectl istiocni fix -n shop --kubeconfig \S+ --dry-run; kubectl istiocni restart -n shop --kubeconfig \S+ --dry-run$/)

  await t.rejects(runCheck({ ...base, output: 'table', filename: ['x.yaml'], 'all-namespaces': true }, buffers().streams), new UserError('-f checks manifests offline; --all-namespaces, --kubeconfig read a cluster: use one or the other'))
})

t.test('an unreachable server: one error line, exit 1, no stack trace', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'istiocni-live-down-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const kubeconfig = writeKubeconfig('http://127.0.0.1:9', { dir })
  const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'check', '-A', '--kubeconfig', kubeconfig], { cwd: ROOT, env: { ...process.env, KUBECONFIG: '' } }).then(() => ({ code: 0, stdout: '', stderr: '' }), (e) => e)
  t.equal(r.code, 1)
  t.equal(r.stdout, '')
  t.equal(r.stderr, 'error: cannot reach the Kubernetes API server at http://127.0.0.1:9: connection refused\n')
})
