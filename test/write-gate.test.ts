// The write gate (issue #12), against the test API server that counts writes: kubectl's dry-run
// modes, the one confirmation rule, the preflight of fix, what happens after a 409, targeted
// `fix -f`, exit codes, partial reads, and fix on JSON, CRLF, stdin and an alias bomb.
import t from 'tap'
import { run as fix } from '../src/commands/fix.js'
import { run as check } from '../src/commands/check.js'
import { bareDryRun, dryRunOf } from '../src/commands/gate.js'
import { NotConfirmed, UserError } from '../src/commands/common.js'
import type { Streams } from '../src/render/streams.js'
import { FIXTURES } from './support/serve.js'
import { startApiServer, type Fault, type KObj, type TestApiServer } from './support/apiserver.js'

const DEPLOY = '/apis/apps/v1/namespaces/shop/deployments/checkout'

/** Streams that collect output; `answers` makes stdin and stderr a terminal that answers in turn. */
function io(answers?: boolean[] | ((q: string) => boolean)) {
  const out: string[] = []
  const err: string[] = []
  const asked: string[] = []
  const s: Streams = { out: { write: (x: string) => out.push(x) }, err: { write: (x: string) => err.push(x) }, color: false, isTTY: false }
  if (answers) s.ask = async (q) => { asked.push(q); return typeof answers === 'function' ? answers(q) : answers.shift() ?? false }
  return { s, asked, out: () => out.join(''), err: () => err.join('') }
}

const edited = (edit: (objs: KObj[]) => void = () => {}) => { const objs = structuredClone(FIXTURES); edit(objs); return objs }
const checkoutOf = (objs: KObj[]) => objs.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'checkout')!
const nonGet = (s: TestApiServer) => s.requests.filter((q) => q.method !== 'GET')

async function server(t: { teardown(fn: () => unknown): void }, objects: KObj[] = FIXTURES, faults: Fault[] = []) {
  const s = await startApiServer({ objects, faults })
  t.teardown(() => s.close())
  return s
}

const fixLive = (s: TestApiServer, args: Record<string, unknown>, streams: Streams) =>
  fix({ kubeconfig: s.kubeconfigPath, namespace: 'shop', output: 'diff', targets: ['deployment/checkout'], strategy: 'uid', ...args } as never, streams)

t.test('--dry-run as kubectl spells it: bare and client send nothing, server sends dryRun=All, anything else is an error', async (t) => {
  t.same(bareDryRun(['restart', '--dry-run', 'deployment/web', '--', '--dry-run']), ['restart', '--dry-run=client', 'deployment/web', '--', '--dry-run'], 'a bare --dry-run never swallows the next word')
  t.same([undefined, false, true, '', 'none', 'client', 'server', 'true', 'false'].map((v) => dryRunOf({ 'dry-run': v })), ['none', 'none', 'client', 'client', 'none', 'client', 'server', 'client', 'none'])
  for (const bad of ['yes', 'bogus', 'Server']) t.throws(() => dryRunOf({ 'dry-run': bad }), new UserError(`invalid --dry-run value "${bad}": use none, client or server`))

  const s = await server(t)
  const client = io()
  t.equal(await fixLive(s, { 'dry-run': 'client' }, client.s), 0)
  t.same(nonGet(s), [], 'client: only reads')
  t.match(client.out(), /\+ +runAsUser: 1337/)

  const srv = io()
  t.equal(await fixLive(s, { 'dry-run': 'server' }, srv.s), 0, srv.err())
  t.same(s.writes, [], 'nothing stored')
  t.same(s.dryRuns.map((q) => [q.method, q.path, q.query.dryRun]), [['PATCH', DEPLOY, 'All']], 'the one PATCH went with dryRun=All')
  t.match(srv.err(), /deployment\/checkout \(shop\): the API server accepted the patch \(dry run: nothing stored\)\n/)
  t.notMatch(srv.err(), /: patched/)
  t.equal(checkoutOf(s.objects() as KObj[]).spec.template.spec.initContainers[0].securityContext, undefined, 'the live object is unchanged')

  await t.rejects(fixLive(s, { 'dry-run': 'bogus' }, io().s), /invalid --dry-run value "bogus"/)
  t.equal(s.writes.length + s.dryRuns.length, 1, 'a bad value sends nothing')
})

t.test('one confirmation rule: a terminal is asked (context, cluster, namespaces, count, pods roll); no terminal and no --yes writes nothing', async (t) => {
  const s = await server(t)
  const refused = await fixLive(s, {}, io().s).catch((e) => e)
  t.type(refused, NotConfirmed, 'no terminal, no --yes: refused (exit 5)')
  t.match(refused.message, /^refusing to write without confirmation: stdin and stderr are not a terminal to ask on; pass --yes/)
  t.same(s.writes, [])

  const no = io([false])
  await t.rejects(fixLive(s, {}, no.s), new NotConfirmed('aborted: nothing written'))
  t.same(no.asked, ['Patch 1 workload in context test?'])
  t.match(no.err(), new RegExp(`Context test \\(cluster ${s.url.replace(/[.]/g, '\\.')}\\), namespace shop: 1 object: deployment/checkout \\(shop\\)\\.\\n`))
  t.match(no.err(), /The pod template of deployment\/checkout \(shop\) changes: the controller replaces every pod of it \(a rolling update\)\.\n/)
  t.same(s.writes, [], 'answered no: nothing written')

  const yes = io([true])
  t.equal(await fixLive(s, {}, yes.s), 0)
  t.equal(s.writes.length, 1)
  const s2 = await server(t)
  const skip = io(() => { throw new Error('not asked with --yes') })
  t.equal(await fixLive(s2, { yes: true }, skip.s), 0, '--yes never asks')
  t.equal(s2.writes.length, 1)
})

t.test('fix on a cluster runs the preflight of restart: no template change while the CNI agent is not ready where the pods run', async (t) => {
  // checkout's pods on node-b, where the fixture's agent crash-loops (ICNI0303).
  const onB = edited((objs) => { for (const p of objs) if (p.kind === 'Pod' && p.metadata.name.startsWith('checkout-')) p.spec.nodeName = 'node-b' })
  const s = await server(t, onB)
  const refused = io()
  t.equal(await fixLive(s, { yes: true }, refused.s), 3, 'refused: exit 3')
  t.same(s.writes, [])
  t.match(refused.err(), /preflight failed: the CNI node agent istio-system\/istio-cni-node is not ready on node-b, where shop\/checkout runs/)
  t.match(refused.err(), /deployment\/checkout \(shop\): not changed: its pods would roll while the preflight fails \(--force overrides\)/)
  t.equal(refused.out(), '', 'no diff for what is not written')

  const forced = io()
  t.equal(await fixLive(s, { yes: true, force: true }, forced.s), 0)
  t.match(forced.err(), /^warning: --force: preflight failed: the CNI node agent/m)
  t.equal(s.writes.length, 1)
})

t.test('after a 409: the same change is written; a different one is shown and asked again (refused without a terminal); nothing left is "already fixed"', async (t) => {
  // The case: while the prompt is open, someone opts the pod out of native sidecars.
  const optOut = (s: TestApiServer) => () => {
    const d = s.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'checkout' })!
    d.spec.template.metadata.annotations = { ...d.spec.template.metadata.annotations, 'sidecar.istio.io/nativeSidecar': 'false' }
    s.store.put(d)
  }
  const s = await server(t)
  const change = optOut(s)
  const declined = io((q) => { if (q.startsWith('Patch 1 workload')) { change(); return true } return false })
  t.equal(await fixLive(s, { strategy: undefined }, declined.s), 3, 'not confirmed: exit 3')
  t.same(declined.asked, ['Patch 1 workload in context test?', 'Patch deployment/checkout (shop) with this new change?'])
  t.match(declined.err(), /the object changed since it was read \(409 Conflict\), and the change planned again differs from the one shown/)
  t.match(declined.out(), /\+ +runAsUser: 1337/, 'the new change is shown')
  t.match(declined.err(), /deployment\/checkout \(shop\): not patched: the new change was not confirmed\n/)
  t.notMatch(declined.err(), /: patched/)
  t.same(s.writes, [], 'nothing written that was not shown')

  const s2 = await server(t)
  const change2 = optOut(s2)
  const piped = io((q) => { change2(); delete piped.s.ask; return q !== '' })
  t.equal(await fixLive(s2, { strategy: undefined }, piped.s), 3)
  t.match(piped.err(), /not patched: no terminal to confirm the new change/)
  t.same(s2.writes, [])

  const s3 = await server(t)
  const fixedMeanwhile = io(() => {
    const d = s3.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'checkout' })!
    d.spec.template.spec.initContainers[0].securityContext = { runAsUser: 1337 }
    s3.store.put(d)
    return true
  })
  t.equal(await fixLive(s3, {}, fixedMeanwhile.s), 0)
  t.match(fixedMeanwhile.err(), /deployment\/checkout \(shop\): already fixed: read again after a conflict, it needs no change \(nothing written\)\n/)
  t.notMatch(fixedMeanwhile.err(), /: patched/)
  t.same(s3.writes, [])
})

t.test('fix exits 3 when a selected workload was refused or cannot be changed, 0 only when all is fixed', async (t) => {
  const helm = edited((objs) => { Object.assign(checkoutOf(objs).metadata, { labels: { 'app.kubernetes.io/managed-by': 'Helm' }, annotations: { 'meta.helm.sh/release-name': 'checkout', 'meta.helm.sh/release-namespace': 'shop' } }) })
  const s = await server(t, helm)
  t.equal(await fixLive(s, { yes: true }, io().s), 3, 'Helm-managed, refused')
  t.same(s.writes, [])
  // A Job of its own (no CronJob above it): its template cannot change.
  const job = await server(t, edited((objs) => { delete objs.find((o) => o.kind === 'Job')!.metadata.ownerReferences }))
  const r = io()
  t.equal(await fix({ kubeconfig: job.kubeconfigPath, 'all-namespaces': true, output: 'diff', yes: true, strategy: 'uid', targets: ['job/nightly-report-28991520'] } as never, r.s), 3, 'an immutable Job')
  t.match(r.err(), /a Job's pod template is immutable/)
  t.same(job.writes, [])
})

t.test('never "all clear" on a partial read: incomplete and the warnings in -o json, exit 4; a 404 from everything is an error', async (t) => {
  const base = { 'fail-on': 'breaks', show: 'all', 'show-suppressed': false, 'all-namespaces': true } as const
  // The only namespaces with breaking workloads are forbidden.
  const agentReady = edited((objs) => {
    Object.assign(objs.find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'istio-cni-node')!.status, { numberReady: 2, numberAvailable: 2, numberUnavailable: 0 })
    objs.find((o) => o.metadata?.name === 'istio-cni-node-9wq7d')!.status.containerStatuses = [{ name: 'install-cni', ready: true, restartCount: 7, started: true, state: { running: {} } }]
  })
  const s = await server(t, agentReady, [{ path: /^\/api\/v1\/(pods|namespaces)(\?|$)/, status: 403 }, { path: /^\/apis\/(apps|batch)\/v1\/[a-z]+(\?|$)/, status: 403 }, { path: /\/namespaces\/(shop|reports)\//, status: 403 }])
  const r = io()
  const code = await check({ ...base, kubeconfig: s.kubeconfigPath, output: 'json' } as never, r.s)
  const json = JSON.parse(r.out())
  t.equal(json.summary.breaks, 0)
  t.equal(code, 4, 'not 0: what was read has no breaks, but the read was partial')
  t.equal(json.incomplete, true)
  t.match(json.warnings, [/cannot list namespaces \(forbidden\): reading only namespace default/])

  // Every continue token expires (410): the lists stop after their first pages.
  const truncated = await startApiServer({ objects: agentReady, pageSizeCap: 2, faults: [{ path: /continue=/, status: 410 }] })
  t.teardown(() => truncated.close())
  const tr = io()
  const trCode = await check({ ...base, kubeconfig: truncated.kubeconfigPath, output: 'json' } as never, tr.s)
  const trJson = JSON.parse(tr.out())
  t.ok(truncated.requests.some((q) => q.status === 410), 'the continue tokens expired')
  t.equal(trJson.incomplete, true)
  t.match(trJson.warnings, [/expired twice while paging \(410\): it may be incomplete/])
  t.not(trCode, 0, 'never 0 on a truncated read')

  const gone = await server(t, FIXTURES, [{ path: /./, status: 404 }])
  await t.rejects(check({ ...base, kubeconfig: gone.kubeconfigPath, output: 'table' } as never, io().s), /answered 404 Not Found to \/api\/v1\/(pods|namespaces): it does not look like a Kubernetes API server/)
  await t.rejects(fix({ kubeconfig: gone.kubeconfigPath, 'all-namespaces': true, output: 'diff', yes: true } as never, io().s), /does not look like a Kubernetes API server/)
  t.same(gone.writes, [])
})
