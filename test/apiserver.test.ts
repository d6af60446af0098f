// The test API server, exercised over real HTTP with @kubernetes/client-node, fetch and kubectl.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Pod,
} from '@kubernetes/client-node'
import t from 'tap'
import { serve } from './support/serve.js'
import {
  generateCluster,
  startApiServer,
  writeKubeconfig,
  type KObj,
  type TestApiServer,
} from './support/apiserver.js'
import { jsonPatch, mergePatch, strategicMergePatch } from './support/patch.js'

const run = promisify(execFile)


function clients(server: TestApiServer) {
  const kc = new KubeConfig()
  kc.loadFromFile(server.kubeconfigPath)
  return { core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) }
}

async function get(server: TestApiServer, path: string, init: RequestInit = {}): Promise<{ status: number; body: KObj; headers: Headers }> {
  const res = await fetch(server.url + path, { ...init, headers: { authorization: 'Bearer test-token', ...init.headers } })
  return { status: res.status, body: (await res.json()) as KObj, headers: res.headers }
}

function send(server: TestApiServer, method: string, path: string, contentType: string, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return get(server, path, { method, body: text, headers: { 'content-type': contentType } })
}

/** The Status body of a failed client-node call. */
async function statusOf(call: Promise<unknown>): Promise<KObj> {
  try {
    await call
  } catch (e) {
    if (e instanceof ApiException) return { ...JSON.parse(String(e.body)), httpCode: e.code, headers: e.headers }
    throw e
  }
  throw new Error('expected the call to fail')
}

const names = (items: { metadata?: { name?: string } }[]) => items.map((i) => i.metadata?.name)

t.test('discovery documents', async (t) => {
  const s = await serve(t, { version: { major: '1', minor: '31', gitVersion: 'v1.31.4' } })
  t.equal((await get(s, '/version')).body.gitVersion, 'v1.31.4')
  t.same((await get(s, '/api')).body.versions, ['v1'])
  const groups = (await get(s, '/apis')).body
  t.equal(groups.kind, 'APIGroupList')
  t.same(groups.groups.map((g: KObj) => g.name), ['apps', 'batch', 'admissionregistration.k8s.io', 'k8s.cni.cncf.io', 'argoproj.io', 'rbac.authorization.k8s.io', 'policy'])
  const core = (await get(s, '/api/v1')).body
  const pods = core.resources.find((r: KObj) => r.name === 'pods')
  t.match(pods, { kind: 'Pod', namespaced: true, shortNames: ['po'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] })
  t.match(core.resources.find((r: KObj) => r.name === 'pods/eviction'), { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] })
  t.match(core.resources.find((r: KObj) => r.name === 'namespaces'), { namespaced: false })
  const apps = (await get(s, '/apis/apps/v1')).body
  t.same(apps.resources.map((r: KObj) => r.name), [
    'deployments', 'deployments/status', 'deployments/scale',
    'statefulsets', 'statefulsets/status', 'statefulsets/scale',
    'daemonsets', 'daemonsets/status',
    'replicasets', 'replicasets/status', 'replicasets/scale',
  ])
  t.equal((await get(s, '/apis/admissionregistration.k8s.io/v1')).body.resources[0].namespaced, false)
  t.equal((await get(s, '/apis/apiextensions.k8s.io/v1')).status, 404)
  const aggregated = await fetch(s.url + '/apis', { headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } })
  t.equal(aggregated.headers.get('content-type'), 'application/json', 'aggregated discovery falls back to the legacy document')
  await aggregated.body?.cancel()
})

t.test('fixtures: namespaces, server-set metadata, owner uids, list items without kind', async (t) => {
  const s = await serve(t)
  const { core, apps } = clients(s)
  const namespaces = names((await core.listNamespace()).items)
  t.same(namespaces, ['ambient-demo', 'default', 'istio-system', 'kube-node-lease', 'kube-public', 'kube-system', 'reports', 'shop'])
  const pod = await core.readNamespacedPod({ name: 'checkout-7c9d8f6b5d-x2x4z', namespace: 'shop' })
  t.match(pod.metadata, { uid: /^[0-9a-f-]{36}$/, resourceVersion: /^\d+$/ })
  t.ok(pod.metadata?.creationTimestamp instanceof Date)
  const rs = await apps.readNamespacedReplicaSet({ name: 'checkout-7c9d8f6b5d', namespace: 'shop' })
  t.equal(pod.metadata?.ownerReferences?.[0].uid, rs.metadata?.uid, 'ownerReferences[].uid filled from the owner')
  t.equal(rs.metadata?.generation, 1)
  const list = (await get(s, '/api/v1/namespaces/shop/pods')).body
  t.match(list, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: /^\d+$/ } })
  t.notOk('kind' in list.items[0] || 'apiVersion' in list.items[0], 'items carry no kind/apiVersion')
  const single = (await get(s, '/api/v1/namespaces/shop/pods/checkout-7c9d8f6b5d-x2x4z')).body
  t.match(single, { kind: 'Pod', apiVersion: 'v1' })
  t.equal((await get(s, '/api/v1/namespaces/shop/configmaps')).body.items.length, 0)
  t.equal((await get(s, '/apis/apps/v1/namespaces/istio-system/daemonsets/istio-cni-node')).body.status.numberReady, 1)
})

t.test('paging with limit and continue across several pages', async (t) => {
  const s = await serve(t)
  const { core } = clients(s)
  const all = names((await core.listPodForAllNamespaces()).items)
  t.equal(all.length, 8)
  const seen: (string | undefined)[] = []
  let token: string | undefined
  let pages = 0
  do {
    const page = await core.listPodForAllNamespaces({ limit: 2, _continue: token })
    t.ok(page.items.length <= 2)
    seen.push(...names(page.items))
    token = page.metadata?._continue
    if (token) t.equal(page.metadata?.remainingItemCount, all.length - seen.length)
    pages++
  } while (token)
  t.equal(pages, 4)
  t.same(seen, all, 'pages concatenate to the full list, in namespace/name order')
  t.same(
    all.slice(0, 2),
    ['ratings-58cb7bf5d6-zr6wn', 'istio-cni-node-4xkzt'],
    'sorted by namespace then name',
  )
  const bad = await get(s, '/api/v1/pods?limit=1&continue=not-a-token')
  t.match(bad, { status: 400, body: { reason: 'BadRequest' } })
})

t.test('pageSizeCap pages even without a limit', async (t) => {
  const s = await serve(t, { pageSizeCap: 4 })
  const first = (await get(s, '/api/v1/pods')).body
  t.equal(first.items.length, 4)
  t.ok(first.metadata.continue)
  const second = (await get(s, `/api/v1/pods?continue=${first.metadata.continue}`)).body
  t.equal(second.items.length, 4)
})

t.test('expired continue token answers 410 Expired with an inconsistent-continue token', async (t) => {
  const s = await serve(t)
  const first = (await get(s, '/api/v1/pods?limit=3')).body
  s.expireContinueTokens()
  const expired = await get(s, `/api/v1/pods?limit=3&continue=${first.metadata.continue}`)
  t.match(expired, { status: 410, body: { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410, message: /too old/ } })
  const resumed = (await get(s, `/api/v1/pods?limit=3&continue=${expired.body.metadata.continue}`)).body
  t.same(names(resumed.items), ['nightly-report-28991520-k8v2x', 'checkout-7c9d8f6b5d-8kq2m', 'checkout-7c9d8f6b5d-x2x4z'])
  const fresh = (await get(s, '/api/v1/pods?limit=3')).body
  t.equal((await get(s, `/api/v1/pods?limit=3&continue=${fresh.metadata.continue}`)).status, 200, 'new tokens are valid')
})

t.test('label and field selectors', async (t) => {
  const s = await serve(t)
  const { core, apps } = clients(s)
  const pods = async (labelSelector?: string, fieldSelector?: string) =>
    names((await core.listPodForAllNamespaces({ labelSelector, fieldSelector })).items)
  t.same(await pods('app=checkout'), ['checkout-7c9d8f6b5d-8kq2m', 'checkout-7c9d8f6b5d-x2x4z'])
  t.same(await pods('app==payments'), ['payments-5f6d7c8b9-q7w2e'])
  t.same(await pods('app in (ratings, inventory)'), ['ratings-58cb7bf5d6-zr6wn', 'inventory-6b8c9d7f5-m3n4p'])
  t.same(await pods('security.istio.io/tlsMode,app notin (checkout,nightly-report)'), ['inventory-6b8c9d7f5-m3n4p', 'payments-5f6d7c8b9-q7w2e'])
  t.same(await pods('!security.istio.io/tlsMode,!k8s-app'), ['ratings-58cb7bf5d6-zr6wn'])
  t.same(await pods('app!=checkout,pod-template-hash'), ['ratings-58cb7bf5d6-zr6wn', 'inventory-6b8c9d7f5-m3n4p', 'payments-5f6d7c8b9-q7w2e'])
  t.same(await pods(undefined, 'spec.nodeName=node-b'), ['istio-cni-node-9wq7d', 'inventory-6b8c9d7f5-m3n4p'])
  t.same(await pods('app=checkout', 'metadata.name!=checkout-7c9d8f6b5d-x2x4z,status.phase=Pending'), ['checkout-7c9d8f6b5d-8kq2m'])
  t.same(names((await core.listNamespace({ labelSelector: 'istio-injection=enabled' })).items), ['reports', 'shop'])
  t.same(names((await apps.listDeploymentForAllNamespaces({ fieldSelector: 'metadata.namespace=istio-system' })).items), ['istiod'])
  const paged = (await get(s, '/api/v1/pods?labelSelector=security.istio.io%2FtlsMode%3Distio&limit=2')).body
  t.equal(paged.items.length, 2)
  t.notOk('remainingItemCount' in paged.metadata, 'no remainingItemCount with selectors')
  t.match(await statusOf(core.listPodForAllNamespaces({ labelSelector: 'app in (x' })), { httpCode: 400, reason: 'BadRequest' })
  t.match(await statusOf(core.listPodForAllNamespaces({ fieldSelector: 'spec.containers=x' })), {
    httpCode: 400,
    message: 'field label not supported: spec.containers',
  })
})

t.test('get of a missing object: 404 Status', async (t) => {
  const s = await serve(t)
  const res = await get(s, '/api/v1/namespaces/shop/pods/nope')
  t.same(res.body, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'pods "nope" not found',
    reason: 'NotFound',
    details: { name: 'nope', kind: 'pods' },
    code: 404,
  })
  const { apps } = clients(s)
  t.match(await statusOf(apps.readNamespacedDeployment({ name: 'nope', namespace: 'shop' })), {
    httpCode: 404,
    message: 'deployments.apps "nope" not found',
    details: { name: 'nope', group: 'apps', kind: 'deployments' },
  })
  t.equal((await get(s, '/api/v1/namespaces/shop/widgets')).status, 404)
  t.equal((await get(s, '/api/v1/pods/checkout-7c9d8f6b5d-x2x4z')).status, 404, 'namespaced object needs its namespace')
})

t.test('faults: 403, 500, times, 429 with Retry-After, delay', async (t) => {
  const s = await serve(t, { faults: [{ method: 'GET', path: '/api/v1/pods', status: 403 }] })
  const { core } = clients(s)
  t.match(await statusOf(core.listPodForAllNamespaces()), {
    httpCode: 403,
    reason: 'Forbidden',
    message: 'pods is forbidden: User "system:serviceaccount:default:test" cannot list resource "pods" in API group "" at the cluster scope',
    details: { kind: 'pods' },
  })
  t.equal((await core.listNamespacedPod({ namespace: 'shop' })).items.length, 4, 'namespaced list is not affected')

  s.addFault({ path: /\/namespaces\/shop\/pods$/, status: 403 })
  t.match(await statusOf(core.listNamespacedPod({ namespace: 'shop' })), { message: /cannot list resource "pods" in API group "" in the namespace "shop"$/ })

  s.addFault({ path: /^\/apis\/apps\/v1\/deployments/, status: 500, times: 1 })
  t.match(await statusOf(clients(s).apps.listDeploymentForAllNamespaces()), { httpCode: 500, reason: 'InternalError' })
  t.equal((await clients(s).apps.listDeploymentForAllNamespaces()).items.length, 5, 'only the first request fails')

  s.addFault({ path: '/api/v1/namespaces', status: 429, times: 1, retryAfterSeconds: 2 })
  const limited = await get(s, '/api/v1/namespaces')
  t.equal(limited.status, 429)
  t.equal(limited.headers.get('retry-after'), '2')
  t.match(limited.body, { reason: 'TooManyRequests', details: { retryAfterSeconds: 2 } })

  s.addFault({ path: /configmaps\?.*labelSelector=slow/, status: 200, delayMs: 2000 })
  const aborted = await fetch(`${s.url}/api/v1/configmaps?labelSelector=slow`, { signal: AbortSignal.timeout(100) }).catch((e: Error) => e)
  t.match(aborted, { name: 'TimeoutError' }, 'a delayed request times out on the client')
  s.addFault({ path: '/api/v1/namespaces/shop/configmaps', status: 200, delayMs: 50, times: 1 })
  const started = Date.now()
  t.equal((await get(s, '/api/v1/namespaces/shop/configmaps')).status, 200)
  t.ok(Date.now() - started >= 45, 'a fault below 400 only delays')
  s.addFault({ method: 'PATCH', path: /deployments\/checkout$/, status: 409, times: 1 })
  t.match(await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout', 'application/merge-patch+json', {}), {
    status: 409,
    body: { reason: 'Conflict', message: /Operation cannot be fulfilled on deployments.apps "checkout"/ },
  })
  s.addFault({ path: '/api/v1/nodes', status: 410 })
  t.match(await get(s, '/api/v1/nodes'), { status: 410, body: { reason: 'Expired' } })
  t.equal(s.writes.length, 0)
})

t.test('a wrong token is refused', async (t) => {
  const s = await serve(t)
  const dir = mkdtempSync(join(tmpdir(), 'kc-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const kc = new KubeConfig()
  kc.loadFromFile(writeKubeconfig(s.url, { dir, token: 'wrong', context: 'other', namespace: 'shop' }))
  t.equal(kc.getCurrentContext(), 'other')
  const err = await kc.makeApiClient(CoreV1Api).listNamespace().catch((e: unknown) => e)
  t.match(err, { code: 401 })
  t.match(s.requests.at(-1), { path: '/api/v1/namespaces', status: 401 })
})

t.test('strategic merge patch merges containers and env by name', async (t) => {
  const s = await serve(t)
  const { apps } = clients(s)
  const before = await apps.readNamespacedDeployment({ name: 'checkout', namespace: 'shop' })
  const patched = await apps.patchNamespacedDeployment(
    {
      name: 'checkout',
      namespace: 'shop',
      body: {
        spec: {
          template: {
            metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-03-03T10:00:00Z' } },
            spec: {
              initContainers: [
                { name: 'wait-for-db', securityContext: { runAsUser: 1337 }, env: [{ name: 'DB_HOST', value: 'postgres' }] },
                { name: 'setup', image: 'busybox:1.36' },
              ],
            },
          },
        },
      },
    },
    setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
  )
  const init = patched.spec?.template.spec?.initContainers ?? []
  t.same(init.map((c) => c.name), ['wait-for-db', 'setup'])
  t.equal(init[0].image, 'busybox:1.36', 'merged, not replaced')
  t.same(init[0].command?.[0], 'sh')
  t.equal(init[0].securityContext?.runAsUser, 1337)
  t.same(patched.spec?.template.spec?.containers.map((c) => c.name), ['checkout'], 'untouched list kept')
  t.equal(patched.metadata?.generation, 2, 'spec change bumps generation')
  t.ok(Number(patched.metadata?.resourceVersion) > Number(before.metadata?.resourceVersion))
  t.same(patched.status, before.status, 'status is not changed through the main resource')
  t.equal(s.writes.length, 1)
  t.match(s.writes[0], { method: 'PATCH', path: '/apis/apps/v1/namespaces/shop/deployments/checkout', contentType: 'application/strategic-merge-patch+json' })

  const again = await apps.patchNamespacedDeployment(
    { name: 'checkout', namespace: 'shop', body: { spec: { template: { spec: { initContainers: [{ name: 'setup', $patch: 'delete' }] } } } } },
    setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
  )
  t.same(again.spec?.template.spec?.initContainers?.map((c) => c.name), ['wait-for-db'], '$patch: delete removes by key')
})

t.test('JSON merge patch replaces lists and removes nulls', async (t) => {
  const s = await serve(t)
  const { core } = clients(s)
  const patched = await core.patchNamespacedPod(
    {
      name: 'checkout-7c9d8f6b5d-x2x4z',
      namespace: 'shop',
      body: { metadata: { labels: { 'cni.istio.io/uninitialized': 'true', version: null } } },
    },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  )
  t.equal(patched.metadata?.labels?.['cni.istio.io/uninitialized'], 'true')
  t.notOk(patched.metadata?.labels && 'version' in patched.metadata.labels)
  t.equal(patched.metadata?.generation, undefined, 'pods have no generation')
  const cm = await send(s, 'PATCH', '/api/v1/namespaces/istio-system/configmaps/istio-cni-config', 'application/merge-patch+json', {
    data: { REPAIR_ENABLED: 'false', AMBIENT_IPV6: null },
  })
  t.equal(cm.body.data.REPAIR_ENABLED, 'false')
  t.notOk('AMBIENT_IPV6' in cm.body.data)
  t.equal(s.writes.length, 2)
})

t.test('JSON patch operations, test failures and unsupported patch types', async (t) => {
  const s = await serve(t)
  const { apps } = clients(s)
  const patched = await apps.patchNamespacedDeployment({
    name: 'payments',
    namespace: 'shop',
    body: [
      { op: 'test', path: '/spec/template/spec/initContainers/0/name', value: 'migrate' },
      { op: 'add', path: '/spec/template/metadata/annotations', value: {} },
      { op: 'add', path: '/spec/template/metadata/annotations/traffic.sidecar.istio.io~1excludeOutboundPorts', value: '5432' },
      { op: 'replace', path: '/spec/replicas', value: 2 },
      { op: 'remove', path: '/metadata/labels/app' },
    ],
  })
  t.equal(patched.spec?.template.metadata?.annotations?.['traffic.sidecar.istio.io/excludeOutboundPorts'], '5432')
  t.equal(patched.spec?.replicas, 2)
  t.same(patched.metadata?.labels, {})
  t.equal(s.requests.at(-1)?.contentType, 'application/json-patch+json', 'client-node default patch type')

  const failed = await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/payments', 'application/json-patch+json', [
    { op: 'test', path: '/spec/replicas', value: 7 },
    { op: 'replace', path: '/spec/replicas', value: 9 },
  ])
  t.match(failed, { status: 422, body: { reason: 'Invalid', message: /test failed/ } })
  const missing = await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/payments', 'application/json-patch+json', [
    { op: 'replace', path: '/spec/nothing/here', value: 1 },
  ])
  t.equal(missing.status, 422)
  const apply = await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/payments', 'application/apply-patch+yaml', 'spec:\n  replicas: 3\n')
  t.match(apply, { status: 415, body: { reason: 'UnsupportedMediaType' } })
  t.equal(s.writes.length, 1)
})

t.test('resourceVersion conflicts: patch and replace', async (t) => {
  const s = await serve(t)
  const { apps } = clients(s)
  const current = await apps.readNamespacedDeployment({ name: 'inventory', namespace: 'shop' })
  const rv = current.metadata?.resourceVersion as string
  const stale = await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/inventory', 'application/merge-patch+json', {
    metadata: { resourceVersion: '1' },
    spec: { replicas: 3 },
  })
  t.match(stale.body, {
    kind: 'Status',
    reason: 'Conflict',
    code: 409,
    message: 'Operation cannot be fulfilled on deployments.apps "inventory": the object has been modified; please apply your changes to the latest version and try again',
  })
  const ok = await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/inventory', 'application/merge-patch+json', {
    metadata: { resourceVersion: rv },
    spec: { replicas: 3 },
  })
  t.equal(ok.status, 200)
  current.spec!.replicas = 5
  t.match(await statusOf(apps.replaceNamespacedDeployment({ name: 'inventory', namespace: 'shop', body: current })), { httpCode: 409, reason: 'Conflict' })
  const fresh = await apps.readNamespacedDeployment({ name: 'inventory', namespace: 'shop' })
  fresh.spec!.replicas = 5
  const replaced = await apps.replaceNamespacedDeployment({ name: 'inventory', namespace: 'shop', body: fresh })
  t.equal(replaced.spec?.replicas, 5)
  t.equal(replaced.metadata?.generation, 3)
  t.equal(replaced.metadata?.uid, current.metadata?.uid)
  t.equal(s.writes.length, 2)
  const noop = await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/inventory', 'application/merge-patch+json', { spec: { replicas: 5 } })
  t.equal(noop.body.metadata.resourceVersion, replaced.metadata?.resourceVersion, 'a no-op patch changes nothing')
  t.equal(s.writes.length, 2, 'and is not a write')
})

t.test('validation: pod spec and selectors are immutable', async (t) => {
  const s = await serve(t)
  const pod = '/api/v1/namespaces/shop/pods/checkout-7c9d8f6b5d-8kq2m'
  const addInit = await send(s, 'PATCH', pod, 'application/strategic-merge-patch+json', {
    spec: { initContainers: [{ name: 'extra', image: 'busybox' }] },
  })
  t.match(addInit, { status: 422, body: { reason: 'Invalid', message: /Pod "checkout-7c9d8f6b5d-8kq2m" is invalid: spec: Forbidden: pod updates may not change fields/ } })
  const image = await send(s, 'PATCH', pod, 'application/strategic-merge-patch+json', {
    spec: { initContainers: [{ name: 'wait-for-db', image: 'busybox:1.37' }] },
  })
  t.equal(image.status, 200, 'images may change')
  const selector = await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout', 'application/merge-patch+json', {
    spec: { selector: { matchLabels: { app: 'other' } } },
  })
  t.match(selector, { status: 422, body: { message: /spec.selector: Invalid value: .*field is immutable/ } })
  const job = await send(s, 'PATCH', '/apis/batch/v1/namespaces/reports/jobs/nightly-report-28991520', 'application/merge-patch+json', {
    spec: { template: { metadata: { annotations: { a: 'b' } } } },
  })
  t.match(job, { status: 422, body: { message: /spec.template: Invalid value: field is immutable/ } })
})

t.test('dryRun=All validates and returns the would-be object, changing nothing', async (t) => {
  const s = await serve(t)
  const { apps, core } = clients(s)
  const before = s.objects()
  const patched = await apps.patchNamespacedDeployment(
    { name: 'checkout', namespace: 'shop', dryRun: 'All', body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': 'now' } } } } } },
    setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
  )
  t.equal(patched.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'], 'now')
  t.equal(patched.metadata?.generation, 2)
  await core.deleteNamespacedPod({ name: 'checkout-7c9d8f6b5d-x2x4z', namespace: 'shop', dryRun: 'All' })
  await core.createNamespacedPodEviction({
    name: 'checkout-7c9d8f6b5d-8kq2m',
    namespace: 'shop',
    dryRun: 'All',
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'checkout-7c9d8f6b5d-8kq2m', namespace: 'shop' } },
  })
  const created = await core.createNamespacedConfigMap({ namespace: 'shop', dryRun: 'All', body: { metadata: { name: 'x' }, data: { a: 'b' } } })
  t.equal(created.metadata?.name, 'x')
  const invalid = await send(s, 'PATCH', '/api/v1/namespaces/shop/pods/checkout-7c9d8f6b5d-8kq2m?dryRun=All', 'application/merge-patch+json', {
    spec: { nodeName: 'node-b' },
  })
  t.equal(invalid.status, 422, 'dry runs are validated')
  t.equal(s.writes.length, 0)
  t.same(s.dryRuns.map((r) => r.method), ['PATCH', 'DELETE', 'POST', 'POST'])
  t.same(s.objects(), before, 'state unchanged')
})

t.test('eviction: deletes the pod, honours PDBs and injected 429s', async (t) => {
  const s = await serve(t)
  const { core } = clients(s)
  const evict = (name: string) =>
    core.createNamespacedPodEviction({ name, namespace: 'shop', body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'shop' } } })
  await evict('checkout-7c9d8f6b5d-x2x4z')
  t.match(s.requests.at(-1), { method: 'POST', path: '/api/v1/namespaces/shop/pods/checkout-7c9d8f6b5d-x2x4z/eviction', status: 201 })
  t.match(await statusOf(core.readNamespacedPod({ name: 'checkout-7c9d8f6b5d-x2x4z', namespace: 'shop' })), { httpCode: 404 })
  t.match(await statusOf(evict('payments-5f6d7c8b9-q7w2e')), {
    httpCode: 429,
    reason: 'TooManyRequests',
    message: "Cannot evict pod as it would violate the pod's disruption budget.",
    details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget payments needs 1 healthy pods and has 1 currently' }] },
  })
  s.addFault({ method: 'POST', path: /\/eviction$/, status: 429, times: 1, retryAfterSeconds: 1 })
  const faulted = await statusOf(evict('inventory-6b8c9d7f5-m3n4p'))
  t.match(faulted, { httpCode: 429, details: { causes: [{ reason: 'DisruptionBudget' }] } })
  t.equal(faulted.headers['retry-after'], '1')
  await evict('inventory-6b8c9d7f5-m3n4p')
  t.match(await statusOf(evict('gone')), { httpCode: 404 })
  t.same(s.writes.map((w) => w.path), [
    '/api/v1/namespaces/shop/pods/checkout-7c9d8f6b5d-x2x4z/eviction',
    '/api/v1/namespaces/shop/pods/inventory-6b8c9d7f5-m3n4p/eviction',
  ])
})

t.test('delete of a pod returns it with a deletionTimestamp; preconditions', async (t) => {
  const s = await serve(t)
  const { core } = clients(s)
  const pod = await core.readNamespacedPod({ name: 'ratings-58cb7bf5d6-zr6wn', namespace: 'ambient-demo' })
  t.match(await statusOf(core.deleteNamespacedPod({ name: 'ratings-58cb7bf5d6-zr6wn', namespace: 'ambient-demo', body: { preconditions: { uid: 'other' } } })), {
    httpCode: 409,
    message: /Precondition failed: UID in precondition: other/,
  })
  const deleted = (await core.deleteNamespacedPod({ name: 'ratings-58cb7bf5d6-zr6wn', namespace: 'ambient-demo' })) as V1Pod
  t.ok(deleted.metadata?.deletionTimestamp)
  t.equal(deleted.metadata?.uid, pod.metadata?.uid)
  t.equal((await core.listNamespacedPod({ namespace: 'ambient-demo' })).items.length, 0)
  const cm = await send(s, 'DELETE', '/api/v1/namespaces/istio-system/configmaps/istio', 'application/json', {})
  t.match(cm.body, { kind: 'Status', status: 'Success', details: { name: 'istio', kind: 'configmaps' } })
  t.equal(s.writes.length, 2)
})

t.test('create, status and scale subresources', async (t) => {
  const s = await serve(t)
  const { core, apps } = clients(s)
  const cm = await core.createNamespacedConfigMap({ namespace: 'shop', body: { metadata: { generateName: 'cfg-' }, data: { a: '1' } } })
  t.match(cm.metadata?.name, /^cfg-[a-z0-9]{5}$/)
  t.match(await statusOf(core.createNamespacedConfigMap({ namespace: 'shop', body: { metadata: { name: cm.metadata!.name } } })), { httpCode: 409, reason: 'AlreadyExists' })
  t.match(await statusOf(core.createNamespacedConfigMap({ namespace: 'missing', body: { metadata: { name: 'x' } } })), { httpCode: 404, message: 'namespaces "missing" not found' })
  const status = await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout/status', 'application/merge-patch+json', {
    spec: { replicas: 9 },
    status: { readyReplicas: 2 },
  })
  t.equal(status.body.status.readyReplicas, 2)
  t.equal(status.body.spec.replicas, 2, 'the status subresource ignores spec')
  t.equal(status.body.metadata.generation, 1)
  const scale = await apps.readNamespacedDeploymentScale({ name: 'checkout', namespace: 'shop' })
  t.match(scale, { spec: { replicas: 2 }, status: { replicas: 2, selector: 'app=checkout' } })
  const scaled = await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout/scale', 'application/merge-patch+json', { spec: { replicas: 0 } })
  t.match(scaled.body, { kind: 'Scale', spec: { replicas: 0 } })
  t.equal((await apps.readNamespacedDeployment({ name: 'checkout', namespace: 'shop' })).spec?.replicas, 0)
})

t.test('afterWrite hooks see each write and can change state (controller simulation)', async (t) => {
  const s = await serve(t)
  const events: string[] = []
  const remove = s.afterWrite((event, store) => {
    events.push(`${event.type} ${event.object.kind} ${event.object.metadata.name}`)
    if (event.object.kind === 'Deployment' && event.object.metadata.generation > (event.oldObject?.metadata.generation ?? 0)) {
      const { name, namespace } = event.object.metadata
      store.put({ ...event.object, status: { ...event.object.status, observedGeneration: event.object.metadata.generation } })
      store.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}-restarted`, namespace, labels: { app: name } }, spec: { containers: [] } })
    }
  })
  await send(s, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout', 'application/strategic-merge-patch+json', {
    spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': 'now' } } } },
  })
  t.same(events, ['MODIFIED Deployment checkout'])
  t.equal((await get(s, '/apis/apps/v1/namespaces/shop/deployments/checkout')).body.status.observedGeneration, 2)
  t.same(names((await get(s, '/api/v1/namespaces/shop/pods?labelSelector=app%3Dcheckout')).body.items), [
    'checkout-7c9d8f6b5d-8kq2m',
    'checkout-7c9d8f6b5d-x2x4z',
    'checkout-restarted',
  ])
  t.equal(s.writes.length, 1, 'store writes from hooks are not recorded')
  remove()
  await send(s, 'DELETE', '/api/v1/namespaces/shop/pods/checkout-restarted', 'application/json', {})
  t.equal(events.length, 1)
})

t.test('patch helpers', async (t) => {
  t.same(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: [1] } }), { a: 1, b: { d: 3, e: [1] } })
  t.same(
    strategicMergePatch({ containers: [{ name: 'a', image: '1' }, { name: 'b', image: '2' }] }, { containers: [{ name: 'b', image: '3' }, { name: 'c' }] }),
    { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '3' }, { name: 'c' }] },
  )
  t.same(strategicMergePatch({ containers: [{ name: 'a' }] }, { containers: [{ name: 'new' }] }), { containers: [{ name: 'new' }, { name: 'a' }] }, 'new items go first, as kubectl patch shows')
  t.same(strategicMergePatch({ env: [{ name: 'X', value: '1' }] }, { env: [{ $patch: 'replace' }, { name: 'Y' }] }), { env: [{ name: 'Y' }] })
  t.same(strategicMergePatch({ args: ['a', 'b'] }, { args: ['c'] }), { args: ['c'] }, 'lists without a merge key are replaced')
  t.same(jsonPatch({ a: [1, 2] }, [{ op: 'add', path: '/a/-', value: 3 }, { op: 'move', from: '/a', path: '/b' }, { op: 'copy', from: '/b/0', path: '/c' }]), { b: [1, 2, 3], c: 1 })
})

t.test('generateCluster: realistic injected workloads, served and paged', async (t) => {
  const objects = generateCluster({ pods: 1000, workloads: 200 }) as KObj[]
  const count = (kind: string) => objects.filter((o) => o.kind === kind).length
  t.equal(count('Pod'), 1000)
  t.equal(count('Deployment'), 200)
  t.equal(count('ReplicaSet'), 200)
  t.same(generateCluster({ pods: 20, workloads: 5 }), generateCluster({ pods: 20, workloads: 5 }), 'deterministic')
  const pods = objects.filter((o) => o.kind === 'Pod')
  const initNames = new Set(pods.flatMap((p) => (p.spec.initContainers ?? []).map((c: KObj) => c.name)))
  for (const n of ['istio-init', 'istio-validation', 'istio-proxy', 'wait-for-db', 'migrate']) t.ok(initNames.has(n), `has ${n} init containers`)
  const s = await serve(t, { objects })
  const { core } = clients(s)
  let token: string | undefined
  let total = 0
  do {
    const page = await core.listPodForAllNamespaces({ limit: 500, _continue: token })
    total += page.items.length
    token = page.metadata?._continue
  } while (token)
  t.equal(total, 1000)
  const owner = pods[0].metadata.ownerReferences[0]
  const rs = (await get(s, `/apis/apps/v1/namespaces/${pods[0].metadata.namespace}/replicasets/${owner.name}`)).body
  t.equal((await get(s, `/api/v1/namespaces/${pods[0].metadata.namespace}/pods/${pods[0].metadata.name}`)).body.metadata.ownerReferences[0].uid, rs.metadata.uid)
})

const hasKubectl = (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, 'kubectl')))

t.test('real kubectl against the server', { skip: hasKubectl ? false : 'kubectl is not on PATH' }, async (t) => {
  const s = await serve(t)
  const cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'))
  t.teardown(() => rmSync(cache, { recursive: true, force: true }))
  const kubectl = async (...args: string[]) => (await run('kubectl', ['--kubeconfig', s.kubeconfigPath, '--cache-dir', cache, ...args], { env: { ...process.env, KUBECONFIG: '' } })).stdout

  const list = JSON.parse(await kubectl('get', 'ns,pods,deploy,sts,ds,rs,jobs,cronjobs', '-A', '-o', 'json'))
  t.equal(list.kind, 'List')
  const got = list.items.map((o: KObj) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort()
  const kinds = ['Namespace', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']
  const want = (s.objects() as KObj[]).filter((o) => kinds.includes(o.kind)).map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort()
  t.same(got, want, 'every fixture object of those kinds, and only those')
  t.ok(list.items.every((o: KObj) => o.apiVersion && o.metadata.uid), 'kubectl fills kind/apiVersion into list items')
  const discovery = s.requests.filter((r) => r.path === '/api' || r.path === '/apis')
  t.match(discovery[0]?.accept, /as=APIGroupDiscoveryList/, 'kubectl asked for aggregated discovery first')
  t.ok(s.requests.some((r) => r.path === '/apis/batch/v1'), 'and fell back to per-group discovery')

  const table = await kubectl('get', 'pods', '-n', 'shop')
  t.match(table, /^NAME +AGE\n/)
  t.match(table, /checkout-7c9d8f6b5d-x2x4z/)
  t.ok(s.requests.some((r) => r.path === '/api/v1/namespaces/shop/pods' && /as=Table/.test(r.accept ?? '')), 'kubectl asked for a Table, got a list')
  t.match(await kubectl('get', 'deploy', '-l', 'app=checkout', '-A'), /shop +checkout/)
  t.equal(s.requests.at(-1)?.query.labelSelector, 'app=checkout')

  await kubectl('rollout', 'restart', 'deployment/checkout', '-n', 'shop')
  const restart = s.writes.at(-1)
  t.match(restart, { method: 'PATCH', contentType: 'application/strategic-merge-patch+json' })
  t.match((await get(s, '/apis/apps/v1/namespaces/shop/deployments/checkout')).body.spec.template.metadata.annotations, { 'kubectl.kubernetes.io/restartedAt': /^\d{4}-/ })
  await kubectl('delete', 'pod', 'checkout-7c9d8f6b5d-8kq2m', '-n', 'shop')
  t.equal((await get(s, '/api/v1/namespaces/shop/pods/checkout-7c9d8f6b5d-8kq2m')).status, 404)
  t.equal(existsSync(s.kubeconfigPath), true)
})

t.test('close removes the kubeconfig and frees the port', async (t) => {
  const s = await startApiServer({ objects: [] })
  await fetch(`${s.url}/api/v1/namespaces`).then((r) => r.text())
  await s.close()
  t.notOk(existsSync(s.kubeconfigPath))
  t.match(await fetch(`${s.url}/version`).catch((e: Error) => e), { name: 'TypeError' })
})
