// fix against a cluster (issue #5): diffs, PATCH bodies and content types, --dry-run writes
// nothing, a 409 is re-read and re-planned once, managed objects are refused without --force.
import t from 'tap'
import { run } from '../src/commands/fix.js'
import type { Streams } from '../src/render/streams.js'
import { loadFixtures, startApiServer, type KObj } from './support/apiserver.js'

const FIXTURES = loadFixtures(new URL('./fixtures/cluster', import.meta.url).pathname) as KObj[]
const DEPLOY = '/apis/apps/v1/namespaces/shop/deployments/checkout'

function streams() {
  const out: string[] = []
  const err: string[] = []
  const s: Streams = { out: { write: (x: string) => out.push(x) }, err: { write: (x: string) => err.push(x) }, color: false, isTTY: false }
  return { s, out: () => out.join(''), err: () => err.join('') }
}

async function fix(objects: KObj[], args: Record<string, unknown>, faults: Parameters<typeof startApiServer>[0]['faults'] = []) {
  const server = await startApiServer({ objects, faults })
  const io = streams()
  try {
    // --yes: no terminal here, and writing without one needs it (issue #12).
    const code = await run({ kubeconfig: server.kubeconfigPath, namespace: 'shop', output: 'diff', targets: ['deployment/checkout'], yes: true, ...args } as never, io.s)
    return { code, out: io.out(), err: io.err(), writes: [...server.writes], dryRuns: [...server.dryRuns], requests: [...server.requests], after: server.objects() as KObj[] }
  } finally {
    await server.close()
  }
}

const checkout = (objs: KObj[]) => objs.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'checkout') as any

t.test('--dry-run prints a kubectl-diff-style diff and records zero writes', async (t) => {
  const r = await fix(FIXTURES, { 'dry-run': true, strategy: 'uid' })
  t.equal(r.code, 0, r.err)
  t.match(r.out, /^diff -u -N LIVE\/apps\.v1\.Deployment\.shop\.checkout MERGED\/apps\.v1\.Deployment\.shop\.checkout\n/)
  t.match(r.out, /\n\+ +runAsUser: 1337\n/)
  t.equal(r.writes.length, 0, 'no writes')
  t.equal(r.dryRuns.length, 0, 'not even server-side dry runs')
  t.notOk(r.requests.some((q) => q.method !== 'GET'), 'only reads')
})

t.test('on a cluster the versions it reports allow a native sidecar, the first-ranked fix (ref §8 step 8)', async (t) => {
  const r = await fix(FIXTURES, {})
  t.equal(r.code, 0, r.err)
  t.same((r.writes[0]!.body as any).spec.template.metadata.annotations, { 'sidecar.istio.io/nativeSidecar': 'true' }, 'istiod 1.24.2, kubelets 1.32')
  const old = await fix(FIXTURES, { 'kubernetes-version': '1.28' })
  t.match(old.writes[0]!.body, { spec: { template: { spec: { initContainers: [{ name: 'wait-for-db', securityContext: { runAsUser: 1337 } }] } } } }, 'a flag overrides what the cluster says')
})

t.test('applies one strategic-merge PATCH carrying the resourceVersion', async (t) => {
  const before = checkout(FIXTURES)
  const r = await fix(FIXTURES, { strategy: 'uid' })
  t.equal(r.code, 0, r.err)
  t.equal(r.writes.length, 1)
  const w = r.writes[0]!
  t.equal(w.method, 'PATCH')
  t.equal(w.path, DEPLOY)
  t.equal(w.contentType, 'application/strategic-merge-patch+json')
  const body = w.body as any
  t.ok(body.metadata.resourceVersion, 'carries the resourceVersion it was planned on')
  t.same(body.spec.template.spec.initContainers, [{ name: 'wait-for-db', securityContext: { runAsUser: 1337 } }])
  const after = checkout(r.after)
  t.equal(after.spec.template.spec.initContainers[0].securityContext.runAsUser, 1337, 'the server applied it')
  t.same(after.spec.template.spec.containers, before.spec.template.spec.containers, 'nothing else changed')
  t.match(r.err, /deployment\/checkout \(shop\): patched/)
})

t.test('a 409 re-reads the object, re-plans, and patches once more', async (t) => {
  const r = await fix(FIXTURES, { strategy: 'uid' }, [{ method: 'PATCH', path: DEPLOY, status: 409, times: 1, reason: 'Conflict', message: 'the object has been modified' }])
  t.equal(r.code, 0, r.err)
  const patches = r.requests.filter((q) => q.method === 'PATCH')
  t.equal(patches.length, 2, 'two PATCH attempts')
  const reread = r.requests.findIndex((q, i) => i > r.requests.indexOf(patches[0]!) && q.method === 'GET' && q.path === DEPLOY)
  t.ok(reread > 0, 'the object was read again between them')
  t.equal(r.writes.length, 1, 'one write landed')
  t.match(r.err, /patched \(after a conflict: re-read and re-planned\)/)
})

t.test('a second 409 is reported as an error, exit 1', async (t) => {
  const r = await fix(FIXTURES, {}, [{ method: 'PATCH', path: DEPLOY, status: 409, times: 2, reason: 'Conflict', message: 'the object has been modified' }])
  t.equal(r.code, 1)
  t.match(r.err, /^error: deployment\/checkout \(shop\): the object has been modified$/m)
  t.equal(r.writes.length, 0)
})

t.test('a Helm-managed Deployment is refused without --force, patched with it', async (t) => {
  const helm = FIXTURES.map((o) => (o.kind === 'Deployment' && o.metadata?.name === 'checkout' ? {
    ...o, metadata: { ...o.metadata, labels: { ...o.metadata?.labels, 'app.kubernetes.io/managed-by': 'Helm' }, annotations: { 'meta.helm.sh/release-name': 'checkout', 'meta.helm.sh/release-namespace': 'shop' } },
  } : o)) as KObj[]
  const refused = await fix(helm, {})
  t.equal(refused.writes.length, 0, 'nothing written')
  t.match(refused.err, /Helm release shop\/checkout/)
  t.match(refused.err, /--force/)
  const forced = await fix(helm, { force: true })
  t.equal(forced.writes.length, 1)
  t.match(forced.err, /warning: deployment\/checkout \(shop\): --force: Helm release/)
})

t.test('-o patch prints the strategic-merge patch and writes nothing', async (t) => {
  const r = await fix(FIXTURES, { output: 'patch', strategy: 'uid' })
  t.equal(r.writes.length, 0)
  t.match(r.out, /kind: Deployment\nmetadata:\n {2}name: checkout\n {2}namespace: shop\nspec:\n {2}template:\n {4}spec:\n {6}initContainers:\n {8}- name: wait-for-db\n {10}securityContext:\n {12}runAsUser: 1337\n/)
})

t.test('explain on a cluster: the template reasoning plus what its live pods run now', async (t) => {
  const { run: explain } = await import('../src/commands/explain.js')
  const server = await startApiServer({ objects: FIXTURES })
  const io = streams()
  try {
    const code = await explain({ kubeconfig: server.kubeconfigPath, namespace: 'shop', target: 'deployment/checkout', output: 'text' } as never, io.s)
    t.equal(code, 0, io.err())
    t.match(io.out(), /Mode now: {3}\d+ pods?: .*legacy/)
    t.match(io.out(), /Mode after: new pods get: cni/)
    // The suggested command reaches the same cluster: the kubeconfig given is repeated.
    t.match(io.out(), /Apply: kubectl istiocni fix deployment\/checkout -n shop --kubeconfig \S+ --dry-run/)
    t.notOk(server.requests.some((q) => q.method !== 'GET'), 'explain only reads')
  } finally {
    await server.close()
  }
})
