// `restart` (issue #6): the pure planner (selection, the `breaks` refusal, preconditions, order,
// each workload kind), then real rollouts against the test API server with its controller
// simulation: each kind, stop on failure, PDB 429s, a 409 on the patch, timeouts, dry run,
// resumability, interruption, and the command's output and exit codes.
import t, { type Test } from 'tap'
import { classifyLive } from '../src/classify/group.js'
import { planRestart, type PlanOptions } from '../src/restart/plan.js'
import { buildReport, exitCodeOf, type RestartReport } from '../src/restart/report.js'
import { podFailure, rolloutState, selectorString } from '../src/cluster/rollout.js'
import { renderPlan } from '../src/render/restart.js'
import { complete, run, type RestartArgs, type RestartDeps, validate } from '../src/commands/restart.js'
import { NotConfirmed, UserError } from '../src/commands/common.js'
import { loadFixtures, ObjectStore, startApiServer, type KObj, type TestApiServer } from './support/apiserver.js'
import { type PodFault, restartedAt, seed, type SeedMode, simulateControllers } from './support/controller.js'
import { ISTIO_SOURCE, type LiveInput } from '../src/model/input.js'
import { formatDuration, parseDuration } from '../src/model/duration.js'
import { isPodReady as podReady } from '../src/model/restart.js'

const FIXTURES = [...loadFixtures(new URL('./fixtures/cluster', import.meta.url).pathname), ...loadFixtures(new URL('./fixtures/restart', import.meta.url).pathname)] as KObj[]

type Seed = [kind: string, name: string, mode: SeedMode, nodes?: string[]]
/** Every workload of namespace store, with its pods still on istio-init (healed: broken now, exit 126). */
const ALL: Seed[] = [
  ['Deployment', 'web', 'legacy'], ['Deployment', 'api', 'legacy'], ['StatefulSet', 'cache', 'legacy'], ['StatefulSet', 'db', 'legacy'],
  ['DaemonSet', 'log-agent', 'legacy'], ['ReplicaSet', 'batch', 'legacy'], ['Pod', 'debug', 'legacy'], ['Deployment', 'healed', 'broken'],
  ['Deployment', 'report-ui', 'legacy'], ['Deployment', 'legacy-app', 'legacy'],
]

interface Setup {
  /** The CNI agent is ready on node-b too (the fixture has it crash-looping there). */
  agentReady?: boolean
  edit?: (objs: KObj[]) => void
}

const find = (objs: KObj[], kind: string, name: string) => {
  const o = objs.find((x) => x.kind === kind && x.metadata?.name === name)
  if (!o) throw new Error(`fixture ${kind} ${name} missing`)
  return o
}

function makeAgentReady(objs: KObj[]): void {
  Object.assign(find(objs, 'DaemonSet', 'istio-cni-node').status, { numberReady: 2, numberAvailable: 2, numberUnavailable: 0 })
  find(objs, 'Pod', 'istio-cni-node-9wq7d').status.containerStatuses = [{ name: 'install-cni', ready: true, restartCount: 7, started: true, state: { running: {} } }]
}

/** The fixtures with the store workloads' pods, as a cluster holds them mid-migration. */
function snapshot(seeds: Seed[], o: Setup = {}): KObj[] {
  const objs = structuredClone(FIXTURES)
  if (o.agentReady) makeAgentReady(objs)
  o.edit?.(objs)
  const store = new ObjectStore(objs)
  for (const [kind, name, mode, nodes] of seeds) seed(store, { kind, namespace: 'store', name }, mode, nodes ?? (kind === 'DaemonSet' ? undefined : ['node-a']))
  return store.all()
}

const LIVE = { context: 'test', skippedNamespaces: [], warnings: [], nodesRead: true }

/** What the reader would return for -n <namespace> (or -A): the scope, plus Istio's objects. */
function liveInput(objs: KObj[], namespace?: string): LiveInput {
  const inScope = (o: KObj) => !namespace || o.metadata?.namespace === namespace || (o.kind === 'Namespace' && o.metadata?.name === namespace)
  const istio = (o: KObj) => ['Node', 'MutatingWebhookConfiguration'].includes(o.kind) || (o.metadata?.namespace === 'istio-system' && ['ConfigMap', 'Deployment', 'DaemonSet'].includes(o.kind))
  return {
    objects: [...objs.filter(inScope).map((object) => ({ object, source: 'cluster' })), ...objs.filter((x) => !inScope(x) && istio(x)).map((object) => ({ object, source: ISTIO_SOURCE }))],
    errors: [], flags: {},
    live: { ...LIVE, scope: namespace ? { allNamespaces: false, namespace } : { allNamespaces: true } },
  }
}

function plan(objs: KObj[], o: PlanOptions = {}, namespace?: string) {
  const input = liveInput(objs, namespace)
  const { result } = classifyLive(input)
  return planRestart(result, input.objects, o)
}

const names = (xs: { kind: string; name: string }[]) => xs.map((x) => `${x.kind.toLowerCase()}/${x.name}`)
const ref = (kind: string, name: string, namespace = 'store') => ({ kind, namespace, name })

t.test('planner: default selection across the cluster, in order, with a reason each; breaks refused; preconditions', async (t) => {
  const p = plan(snapshot(ALL))
  t.same(names(p.restart), [
    'deployment/inventory', 'deployment/api', 'deployment/healed', 'deployment/web', 'statefulset/cache', 'statefulset/db', 'daemonset/log-agent', 'replicaset/batch',
  ], 'pods on istio-init under a CNI revision, and pods broken now whose template no longer breaks; row order')
  t.same(p.restart.map((e) => e.order), [1, 2, 3, 4, 5, 6, 7, 8])
  t.same(p.restart.map((e) => e.action), ['rollout', 'rollout', 'rollout', 'rollout', 'rollout', 'evict', 'rollout', 'evict'])
  const web = p.restart.find((e) => e.name === 'web')!
  t.match(web, { reason: 'still on istio-init: 2 of 2 pods; revision default now enables CNI', revision: 'default', newMode: 'cni', nodes: ['node-a'], pods: { total: 2 } })
  t.equal(web.pods.replace.length, 2, 'a rollout replaces every pod')
  t.match(p.restart.find((e) => e.name === 'healed')!.reason, /^1 pod broken now \(healed-\S+: istio-validation exited 126: .*\); the template no longer breaks$/)
  t.match(p.restart.find((e) => e.name === 'db')!.notes, [/updateStrategy OnDelete: its pods are evicted one at a time/])

  t.same(p.skipped.map((s) => [s.kind, s.name, s.skip, s.safety]), [
    ['CronJob', 'nightly-report', 'job', false],
    ['Deployment', 'checkout', 'breaks', true],
    ['Deployment', 'legacy-app', 'breaks', true],
    ['Deployment', 'report-ui', 'review', true],
    ['Pod', 'debug', 'bare-pod', true],
  ])
  const legacy = p.skipped.find((s) => s.name === 'legacy-app')!
  t.match(legacy.reason, /^verdict breaks: init container wait-for-db connects to db\.store\.svc\.cluster\.local:5432 .*; its new pods would fail under CNI$/)
  t.match(legacy.hint, /kubectl istiocni explain deployment\/legacy-app -n store/)
  t.match(p.skipped.find((s) => s.name === 'nightly-report')!.reason, /its next run gets CNI$/)
  t.match(p.skipped.find((s) => s.name === 'debug')!.hint, /--delete-bare-pods/)

  t.equal(p.ready, false, 'the agent is not ready on node-b, where inventory and a log-agent pod run')
  t.same(p.preconditions.map((c) => [c.check, c.ok]), [['cni-agent', false], ['revision-cni', true]])
  t.match(p.preconditions[0]!.message, /is not ready on node-b, where shop\/inventory, store\/log-agent run: new pods there would fail istio-validation/)
  t.equal(exitCodeOf(buildReport(p, undefined), false), 3)
})

t.test('planner: the agent precondition counts only the nodes of the selected pods, and warns about the others', async (t) => {
  const p = plan(snapshot(ALL), { targets: [ref('Deployment', 'web'), ref('StatefulSet', 'cache')] })
  t.equal(p.ready, true)
  t.match(p.preconditions[0], { check: 'cni-agent', ok: true, message: /ready on node-a, where the selected pods run/, warnings: [/not ready on node-b: a new pod scheduled there fails istio-validation/] })
  t.same(plan(snapshot(ALL, { agentReady: true })).preconditions.map((c) => c.ok), [true, true], 'agent ready everywhere: every selected workload may go')

  const noPods = plan(snapshot(ALL), { targets: [ref('Deployment', 'web')] }, 'store')
  t.match(noPods.preconditions[0], { ok: false, message: /ready on 1 of 2 nodes, and its pods could not be read/ }, 'without the agent pods only the DaemonSet status counts')
  const agentPods = FIXTURES.filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'istio-system')
  t.equal(plan(snapshot(ALL), { targets: [ref('Deployment', 'web')], agentPods }, 'store').ready, true, 'the command reads them and plans again')

  const noAgent = plan(snapshot(ALL, { edit: (objs) => objs.splice(objs.indexOf(find(objs, 'DaemonSet', 'istio-cni-node')), 1) }), { targets: [ref('Deployment', 'web')] })
  t.match(noAgent.preconditions[0], { ok: false, message: /no CNI node agent/ })
})

t.test('planner: a revision whose CNI setting is unknown blocks the restart of its broken pods', async (t) => {
  const objs = snapshot([['Deployment', 'healed', 'broken']], { agentReady: true, edit: (o) => { delete find(o, 'ConfigMap', 'istio-sidecar-injector').data.values } })
  const p = plan(objs, {}, 'store')
  t.same(names(p.restart), ['deployment/healed'])
  t.match(p.preconditions.find((c) => c.check === 'revision-cni'), { ok: false, message: /revision default may not enable CNI: its injector values could not be read/ })
  t.equal(p.ready, false)
})

t.test('planner: named targets, --force, bare pods, paused Deployments, partitions, up-to-date', async (t) => {
  const objs = snapshot(ALL.map((s): Seed => (s[1] === 'web' ? ['Deployment', 'web', 'cni'] : s)), { agentReady: true })
  const named = plan(objs, { targets: [ref('Deployment', 'report-ui'), ref('Deployment', 'legacy-app'), ref('Deployment', 'web'), ref('Pod', 'debug')] })
  t.same(names(named.restart), ['deployment/report-ui'], 'a review workload goes when named; targets keep their order')
  t.same(named.skipped.map((s) => [s.name, s.skip]), [['legacy-app', 'breaks'], ['web', 'up-to-date'], ['debug', 'bare-pod']])
  t.equal(named.skipped.find((s) => s.name === 'web')!.reason, 'already on CNI: nothing to restart')

  const forced = plan(objs, { targets: [ref('Deployment', 'legacy-app'), ref('Pod', 'debug')], force: true, deleteBarePods: true })
  t.same(names(forced.restart), ['deployment/legacy-app', 'pod/debug'])
  t.match(forced.restart[0]!.forced, /^verdict breaks: init container wait-for-db .*: its new pods will likely crash-loop under CNI$/)
  t.match(forced.restart[1], { action: 'delete', pods: { replace: ['debug'] } })
  t.same(names(plan(objs, { force: true }).skipped), ['cronjob/nightly-report', 'pod/debug'], '--force takes breaks and review workloads, never Jobs, nor bare pods without --delete-bare-pods')

  const paused = snapshot([['Deployment', 'api', 'legacy']], { agentReady: true, edit: (o) => { find(o, 'Deployment', 'api').spec.paused = true } })
  t.match(plan(paused, {}, 'store').skipped, [{ name: 'api', skip: 'paused', safety: true, hint: 'kubectl rollout resume deployment/api -n store' }])

  const partitioned = snapshot([['StatefulSet', 'cache', 'legacy']], { agentReady: true, edit: (o) => { find(o, 'StatefulSet', 'cache').spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } } })
  t.match(plan(partitioned, {}, 'store').restart, [{ name: 'cache', action: 'evict', notes: [/partition 1/] }])

  const ambient = plan(snapshot([], { agentReady: true }), { targets: [ref('Deployment', 'ratings', 'ambient-demo'), ref('Deployment', 'payments', 'shop')] })
  t.same(ambient.skipped.map((s) => [s.name, s.reason]), [['ratings', 'ambient: no sidecar, nothing to move'], ['payments', 'already on CNI: nothing to restart']])
  t.same(plan(snapshot([], { agentReady: true }), {}, 'store'), { context: 'test', preconditions: [], ready: true, restart: [], skipped: [] }, 'nothing to do: no preconditions either')
})

t.test('rollout helpers: selectors, pod failures, rollout state, durations', async (t) => {
  t.equal(selectorString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'x', operator: 'DoesNotExist' }] }), 'app=web,tier in (a,b),!x')
  t.equal(podFailure({ status: { phase: 'Pending', initContainerStatuses: [{ name: 'wait', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } }), 'init container wait is crash-looping (Init:CrashLoopBackOff, 3 restarts)')
  t.equal(podFailure({ status: { phase: 'Pending', initContainerStatuses: [{ name: 'wait', restartCount: 1, state: { waiting: { reason: 'PodInitializing' } } }] } }), 'init container wait restarted 1 time (Init:Error)')
  t.match(podFailure({ status: { initContainerStatuses: [{ name: 'istio-validation', lastState: { terminated: { exitCode: 126 } } }] } }), /exited 126/)
  t.equal(podFailure({ status: { phase: 'Running', initContainerStatuses: [{ name: 'x', restartCount: 2, state: { terminated: { exitCode: 0 } } }] } }), undefined, 'restarts that ended in success are no failure')
  const dep = (status: KObj) => ({ spec: { replicas: 2 }, status })
  t.match(rolloutState('Deployment', dep({ observedGeneration: 1 }), 2), { done: false, text: /waiting for the controller/ })
  t.match(rolloutState('Deployment', dep({ observedGeneration: 2, replicas: 3, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }), 2), { done: false, text: '2/2 updated, 2/2 ready, 1 old pod left' })
  t.match(rolloutState('Deployment', dep({ observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }), 2), { done: true })
  t.match(rolloutState('Deployment', dep({ observedGeneration: 2, conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }] }), 2), { failed: /progress deadline/ })
  t.match(rolloutState('StatefulSet', { spec: { replicas: 1 }, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, currentRevision: 'a', updateRevision: 'b' } }, 2), { done: false })
  t.match(rolloutState('DaemonSet', { status: { observedGeneration: 2, desiredNumberScheduled: 2, currentNumberScheduled: 2, updatedNumberScheduled: 2, numberReady: 2, numberAvailable: 2 } }, 2), { done: true })
  t.same([parseDuration('5m'), parseDuration('1m30s'), parseDuration('250ms'), parseDuration('12'), parseDuration('soon')], [300_000, 90_000, 250, 12_000, undefined])
  t.same([formatDuration(850), formatDuration(12_400), formatDuration(65_000), formatDuration(7_500_000)], ['850ms', '12s', '1m5s', '2h5m'])
})

// --- against the test API server, with the controller simulation ---

interface Cluster { server: TestApiServer; fail(name: string, fault: PodFault | undefined): void }

async function cluster(t: { teardown(fn: () => unknown): void }, seeds: Seed[], o: Setup = {}): Promise<Cluster> {
  const server = await startApiServer({ objects: snapshot(seeds, o) })
  const ctl = simulateControllers(server, { tickMs: 5 })
  t.teardown(() => server.close())
  return { server, fail: (name, fault) => ctl.failNewPods('store', name, fault) }
}

function buffers(isTTY = false) {
  const out: string[] = []
  const err: string[] = []
  return { streams: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) }, color: false, isTTY }, out: () => out.join(''), err: () => err.join('') }
}

async function restart(s: TestApiServer, args: Partial<RestartArgs>, deps: RestartDeps = {}, isTTY = false) {
  const b = buffers(isTTY)
  // --yes unless the test answers the prompt: without a terminal, writing needs it (issue #12).
  const code = await run({ kubeconfig: s.kubeconfigPath, namespace: 'store', 'poll-interval': '5ms', timeout: '5s', output: 'table', yes: deps.confirm === undefined, ...args }, b.streams, { spinner: null, retries: 1, backoffMs: 2, env: {}, ...deps })
  return { code, out: b.out(), err: b.err() }
}

async function json(s: TestApiServer, args: Partial<RestartArgs>, deps: RestartDeps = {}) {
  const r = await restart(s, { ...args, output: 'json' }, deps)
  return { ...r, report: JSON.parse(r.out) as RestartReport }
}

const writes = (s: TestApiServer) => s.writes.map((w) => `${w.method} ${w.path.replace('/namespaces/store', '')}`)
const pods = (s: TestApiServer, app: string) => s.store.list('v1', 'Pod', 'store').filter((p) => p.metadata.labels?.app === app)
const inits = (p: KObj) => (p.spec.initContainers ?? []).map((c: KObj) => c.name)
const results = (r: RestartReport) => [...r.restart.map((e) => [e.name, e.result]), ...r.skipped.map((e) => [e.name, e.skip])]

t.test('the controller simulation injects as the core decides (classify/mesh/injection.ts), not by a rule of its own', async (t) => {
  const objs = structuredClone(FIXTURES)
  // hostNetwork pods are never injected, even in an istio-injection=enabled namespace (ref §1.7).
  find(objs, 'Deployment', 'web').spec.template.spec.hostNetwork = true
  // A pod label istio.io/rev in a namespace without injection labels selects that revision's webhook.
  objs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'plain' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'tagged', namespace: 'plain' }, spec: { replicas: 1, selector: { matchLabels: { app: 'tagged' } }, template: { metadata: { labels: { app: 'tagged', 'istio.io/rev': 'canary' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } } })
  const store = new ObjectStore(objs)
  seed(store, ref('Deployment', 'web'), 'legacy', ['node-a'])
  seed(store, ref('Deployment', 'tagged', 'plain'), 'cni', ['node-a'])
  const web = store.list('v1', 'Pod', 'store').filter((p) => p.metadata.labels?.app === 'web')
  t.equal(web.length, 2)
  t.same(web.map(inits), [['perms'], ['perms']], 'hostNetwork: no istio-init')
  const [tagged] = store.list('v1', 'Pod', 'plain')
  t.same(inits(tagged!), ['istio-validation'])
  t.equal(tagged!.metadata.annotations['istio.io/rev'], 'canary')
})

t.test('validate then complete (kubectl\'s shape, issue 16): flags checked before any read; complete reads, judges, resolves the targets and connects, writing nothing', async (t) => {
  t.throws(() => validate({ timeout: 'soon' }), new UserError('invalid --timeout "soon": use a duration such as 30s or 5m'))
  t.throws(() => validate({ filename: ['app.yaml'] }), new UserError('restart works on a cluster: -f is not supported (use check -f for manifests)'))
  const c = await cluster(t, [['Deployment', 'web', 'legacy'], ['Deployment', 'api', 'legacy']])
  const args: RestartArgs = { kubeconfig: c.server.kubeconfigPath, namespace: 'store', targets: ['deploy/web'] }
  const settings = validate(args)
  t.match(settings, { dryRun: 'none', targets: [{ kind: 'Deployment', name: 'web' }], timeoutMs: 300_000, maxConcurrent: 1 })
  const b = buffers()
  const done = await complete(args, settings, b.streams, { retries: 1, backoffMs: 2, env: {} })
  t.teardown(() => done.kube.close())
  t.same(done.errors, [])
  t.same(done.targets.map((w) => `${w.kind}/${w.namespace}/${w.name}`), ['Deployment/store/web'])
  t.ok(done.result.workloads.some((w) => w.name === 'api'), 'the whole scope is judged, not only the targets')
  t.same(c.server.writes, [], 'nothing written')
  t.equal(b.out(), '')
})

t.test('Deployment: a restartedAt patch, the rollout watched to the end; new pods on CNI; a second run does nothing', async (t) => {
  const c = await cluster(t, [['Deployment', 'web', 'legacy'], ['Deployment', 'api', 'legacy']])
  const r = await restart(c.server, { targets: ['deployment/web'] })
  t.equal(r.code, 0)
  t.same(writes(c.server), ['PATCH /apis/apps/v1/deployments/web'])
  const patch = c.server.writes[0]!
  t.equal(patch.contentType, 'application/strategic-merge-patch+json')
  t.match(patch.body, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': /^\d{4}-\d\d-\d\dT/ } } } } })
  t.same(Object.keys((patch.body as KObj).spec.template.metadata.annotations), ['kubectl.kubernetes.io/restartedAt'], 'nothing else is patched')
  const now = pods(c.server, 'web')
  t.equal(now.length, 2)
  t.ok(now.every((p) => inits(p)[0] === 'istio-validation' && !inits(p).includes('istio-init')), 'recreated with istio-validation first')
  t.ok(now.every((p) => p.metadata.annotations['kubectl.kubernetes.io/restartedAt'] === restartedAt(c.server.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'store', name: 'web' }))))
  t.match(r.out, /^Preconditions:\n {2}ok +the CNI node agent istio-system\/istio-cni-node is ready on node-a, where the selected pods run\n/)
  t.match(r.out, /\n1 +store +deployment\/web +rollout +2 +still on istio-init: 2 of 2 pods; revision default now enables CNI\n/)
  t.match(r.out, /\nNAMESPACE +WORKLOAD +RESULT +TIME +DETAIL\nstore +deployment\/web +restarted +\d+m?s +2 pods replaced\n\n1 restarted\n$/)
  t.match(r.err, /^deployment\/web \(store\): rollout restart \(kubectl\.kubernetes\.io\/restartedAt=.*\)\n/)
  t.match(r.err, /\ndeployment\/web \(store\): restarted in \d+m?s: 2 pods replaced\n/)
  t.notMatch(r.out + r.err, /\x1b\[/, 'no colour off a terminal')
  t.equal(pods(c.server, 'api').filter((p) => inits(p).includes('istio-init')).length, 1, 'what was not named is untouched')

  const again = await restart(c.server, { targets: ['deployment/web'] })
  t.equal(again.code, 0, 'resumable: already on CNI')
  t.match(again.out, /deployment\/web +skip +- +already on CNI: nothing to restart/)
  t.equal(c.server.writes.length, 1, 'no second write')
})

t.test('default selection in a scope (-l) restarts what needs it, then a second run has nothing to do', async (t) => {
  const c = await cluster(t, ALL, { agentReady: true })
  const first = await json(c.server, { selector: 'app in (web,api,healed,legacy-app)' })
  t.equal(first.code, 3, 'legacy-app is refused')
  t.same(results(first.report), [['api', 'restarted'], ['healed', 'restarted'], ['web', 'restarted'], ['legacy-app', 'breaks']])
  t.same(writes(c.server), ['PATCH /apis/apps/v1/deployments/api', 'PATCH /apis/apps/v1/deployments/healed', 'PATCH /apis/apps/v1/deployments/web'])
  t.same(first.report.summary, { planned: 0, restarted: 3, deleted: 0, failed: 0, interrupted: 0, notStarted: 0, refused: 1, manual: 0, skipped: 0 })
  t.same(Object.keys(first.report), ['context', 'dryRun', 'ready', 'preconditions', 'restart', 'skipped', 'summary'])
  t.same(Object.keys(first.report.restart[0]!), ['order', 'kind', 'namespace', 'name', 'action', 'reason', 'pods', 'nodes', 'revision', 'newMode', 'notes', 'result', 'detail', 'durationMs'])
  t.ok(pods(c.server, 'healed').every((p) => !podFailure(p)), 'the broken pod was replaced by a healthy one')

  const second = await json(c.server, { selector: 'app in (web,api,healed,legacy-app)' })
  t.same(results(second.report), [['legacy-app', 'breaks']], 'resumable: the restarted ones are on CNI now')
  t.equal(c.server.writes.length, 3)
})

t.test('StatefulSet and DaemonSet rolling updates, two at a time (--max-concurrent 2)', async (t) => {
  const c = await cluster(t, [['StatefulSet', 'cache', 'legacy'], ['DaemonSet', 'log-agent', 'legacy']], { agentReady: true })
  const r = await json(c.server, { 'max-concurrent': 2 })
  t.equal(r.code, 0)
  t.same(results(r.report), [['cache', 'restarted'], ['log-agent', 'restarted']])
  t.same(writes(c.server).sort(), ['PATCH /apis/apps/v1/daemonsets/log-agent', 'PATCH /apis/apps/v1/statefulsets/cache'])
  t.same(pods(c.server, 'cache').map((p) => [p.metadata.name, inits(p)[0]]).sort(), [['cache-0', 'istio-validation'], ['cache-1', 'istio-validation']], 'same names, new pods')
  t.same(pods(c.server, 'log-agent').map((p) => [p.spec.nodeName, inits(p)[0]]).sort(), [['node-a', 'istio-validation'], ['node-b', 'istio-validation']], 'one per node')
  const sts = c.server.store.get({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'store', name: 'cache' })!
  t.equal(sts.status.currentRevision, sts.status.updateRevision)
})

t.test('OnDelete StatefulSet and a bare ReplicaSet: pods evicted one at a time; a 429 waits and retries', async (t) => {
  const c = await cluster(t, [['StatefulSet', 'db', 'legacy'], ['ReplicaSet', 'batch', 'legacy']])
  c.server.addFault({ method: 'POST', path: /\/pods\/db-0\/eviction$/, status: 429, times: 2 })
  let db0WhenDb1Went: KObj | undefined
  c.server.afterWrite((e, store) => { if (e.type === 'DELETED' && e.object.metadata.name === 'db-1') db0WhenDb1Went = store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'store', name: 'db-0' }) })
  const r = await restart(c.server, { targets: ['sts/db', 'rs/batch'] }, { retries: 0 })
  t.equal(r.code, 0, 'exit 0')
  const batchPod = writes(c.server).at(-1)!
  t.same(writes(c.server), ['POST /api/v1/pods/db-0/eviction', 'POST /api/v1/pods/db-1/eviction', batchPod])
  t.match(batchPod, /^POST \/api\/v1\/pods\/batch-\w+\/eviction$/)
  t.equal(c.server.requests.filter((q) => q.path.endsWith('/db-0/eviction')).length, 3, 'two 429s, then the eviction')
  t.match(r.err, /statefulset\/db \(store\): pod db-0: the eviction is refused for now \(PodDisruptionBudget\), retrying\n/)
  t.ok(db0WhenDb1Went && podReady(db0WhenDb1Went) && inits(db0WhenDb1Went)[0] === 'istio-validation', 'db-1 is evicted only once the new db-0 is ready')
  t.same(pods(c.server, 'db').map((p) => [p.metadata.name, inits(p)]).sort(), [['db-0', ['istio-validation', 'prep-dir']], ['db-1', ['istio-validation', 'prep-dir']]])
  t.ok(pods(c.server, 'batch').every((p) => inits(p)[0] === 'istio-validation'))
  t.notOk(c.server.writes.some((w) => w.method === 'PATCH'), 'OnDelete: the template is not patched')
  t.match(r.out, /statefulset\/db +restarted +\d+m?s +2 pods evicted and replaced/)
})

t.test('a PodDisruptionBudget that allows no disruption: the eviction waits until the timeout, then stops', async (t) => {
  const c = await cluster(t, [['StatefulSet', 'db', 'legacy'], ['ReplicaSet', 'batch', 'legacy']], { edit: (o) => { find(o, 'PodDisruptionBudget', 'db').spec = { minAvailable: 2, selector: { matchLabels: { app: 'db' } } } } })
  const r = await json(c.server, { targets: ['sts/db', 'rs/batch'], timeout: '150ms' }, { retries: 0 })
  t.equal(r.code, 3)
  t.match(r.report.restart[0], { name: 'db', result: 'failed', detail: /^timed out after 150ms evicting pod db-0: a PodDisruptionBudget allows no disruption/ })
  t.match(r.report.restart[1], { name: 'batch', result: 'not-started', detail: 'not started: stopped after statefulset/db (store) failed' })
  t.same(c.server.writes, [], 'every eviction was refused')
  t.ok(c.server.requests.filter((q) => q.path.endsWith('/eviction')).length >= 2, 'it retried')
})

t.test('stop at the first workload whose new pods fail: nothing further is touched', async (t) => {
  const c = await cluster(t, [['Deployment', 'web', 'legacy'], ['Deployment', 'api', 'legacy']])
  c.fail('web', 'init-crashloop')
  const r = await restart(c.server, { targets: ['deployment/web', 'deployment/api'] })
  t.equal(r.code, 3)
  t.same(writes(c.server), ['PATCH /apis/apps/v1/deployments/web'])
  t.match(r.out, /\nstore +deployment\/web +failed +\d+m?s +new pod web-\w+-\w+: init container perms is crash-looping \(Init:CrashLoopBackOff, \d+ restarts?\)\n/)
  t.match(r.out, /\nstore +deployment\/api +not-started +- +not started: stopped after deployment\/web \(store\) failed\n/)
  t.match(r.out, /\n0 restarted, 1 failed, 1 not started\n$/)
  t.match(r.err, /deployment\/web \(store\): failed after \d+m?s: new pod web-/)
  t.equal(pods(c.server, 'web').filter((p) => inits(p).includes('istio-init')).length, 2, 'the old pods still serve: the new one never became ready')
})

t.test('--force restarts a workload that breaks, with a warning (and its new pods crash-loop)', async (t) => {
  const c = await cluster(t, [['Deployment', 'legacy-app', 'legacy']])
  const refused = await restart(c.server, { targets: ['deployment/legacy-app'] })
  t.equal(refused.code, 3)
  t.same(c.server.writes, [])
  t.match(refused.out, /deployment\/legacy-app +refused +- +verdict breaks: init container wait-for-db/)
  t.match(refused.out, /Plan: nothing to restart; 1 refused\.\n$/)
  c.fail('legacy-app', 'init-crashloop')
  const forced = await restart(c.server, { targets: ['deployment/legacy-app'], force: true })
  t.match(forced.err, /^warning: --force: deployment\/legacy-app \(store\): verdict breaks: init container wait-for-db .*: its new pods will likely crash-loop under CNI\n/)
  t.equal(forced.code, 3)
  t.match(forced.out, /deployment\/legacy-app +failed .*init container wait-for-db is crash-looping/)
})

t.test('a 409 on the patch is retried; one that persists fails the workload', async (t) => {
  const c = await cluster(t, [['Deployment', 'web', 'legacy'], ['Deployment', 'api', 'legacy']])
  c.server.addFault({ method: 'PATCH', path: '/apis/apps/v1/namespaces/store/deployments/web', status: 409, times: 1 })
  c.server.addFault({ method: 'PATCH', path: '/apis/apps/v1/namespaces/store/deployments/api', status: 409 })
  const r = await json(c.server, { targets: ['deployment/web', 'deployment/api'] })
  t.same(results(r.report), [['web', 'restarted'], ['api', 'failed']])
  t.equal(c.server.requests.filter((q) => q.method === 'PATCH' && q.path.endsWith('/web')).length, 2)
  t.equal(c.server.requests.filter((q) => q.method === 'PATCH' && q.path.endsWith('/api')).length, 3, 'three attempts')
  t.match(r.report.restart[1], { detail: /Operation cannot be fulfilled on deployments\.apps "api"/, error: true })
  t.equal(r.code, 1, 'an API error')
})

t.test('a rollout that does not finish in --timeout fails', async (t) => {
  const c = await cluster(t, [['Deployment', 'api', 'legacy']])
  c.fail('api', 'never-ready')
  const r = await json(c.server, { targets: ['deployment/api'], timeout: '120ms' })
  t.equal(r.code, 3)
  t.match(r.report.restart[0], { result: 'failed', detail: 'timed out after 120ms waiting for the rollout (1/1 updated, 1/1 ready, 1 old pod left)' })
})

t.test('bare pods: left to the user, or deleted with --delete-bare-pods', async (t) => {
  const c = await cluster(t, [['Pod', 'debug', 'legacy']])
  const left = await restart(c.server, {})
  t.equal(left.code, 3)
  t.match(left.out, /pod\/debug +manual +- +still on istio-init: 1 of 1 pod; .*a bare pod is not recreated by anyone → delete it and create it again from its manifest/)
  t.same(c.server.writes, [])
  const deleted = await json(c.server, { 'delete-bare-pods': true })
  t.equal(deleted.code, 0)
  t.same(writes(c.server), ['DELETE /api/v1/pods/debug'])
  t.match(deleted.report.restart[0], { action: 'delete', result: 'deleted', detail: 'deleted: create it again from its manifest' })
})

t.test('preconditions not met: nothing is written, exit 3', async (t) => {
  const c = await cluster(t, [['DaemonSet', 'log-agent', 'legacy'], ['Deployment', 'web', 'legacy']])
  const r = await restart(c.server, {})
  t.equal(r.code, 3)
  t.same(c.server.writes, [])
  t.match(r.out, /^Preconditions:\n {2}failed +the CNI node agent istio-system\/istio-cni-node is not ready on node-b, where store\/log-agent runs: new pods there would fail istio-validation\n/)
  t.match(r.out, /Plan: 2 workloads selected, but nothing is restarted: a precondition is not met\.\n$/)
  t.equal(r.err, 'Nothing restarted: a precondition is not met.\n')
  t.ok(c.server.requests.some((q) => q.path === '/api/v1/namespaces/istio-system/pods' && q.query.labelSelector === 'k8s-app=istio-cni-node'), 'the agent pods were read to check each node')
})

t.test('--dry-run prints the plan and writes nothing', async (t) => {
  const c = await cluster(t, ALL, { agentReady: true })
  const r = await restart(c.server, { 'dry-run': true })
  t.equal(r.code, 3, 'something would be refused')
  t.same(c.server.writes, [])
  t.same(c.server.dryRuns, [])
  t.ok(c.server.requests.every((q) => q.method === 'GET'), 'only reads')
  t.match(r.out, /\nORDER +NAMESPACE +WORKLOAD +ACTION +PODS +REASON\n1 +store +deployment\/api +rollout +1 +still on istio-init/)
  t.match(r.out, /\n- +store +deployment\/legacy-app +refused +- +verdict breaks/)
  t.match(r.out, /\nDry run: 7 workloads to restart; 2 refused, 1 left to you\.\n$/)
  t.equal(r.err, 'Dry run: nothing written.\n')
  const j = await json(c.server, { 'dry-run': true })
  t.match(j.report, { dryRun: true, ready: true, summary: { planned: 7, restarted: 0, refused: 2, manual: 1 } })
  t.ok(j.report.restart.every((e) => e.result === 'planned'))
})

t.test('interruption: the write in flight finishes, nothing new starts, the summary says what was done', async (t) => {
  const c = await cluster(t, [['Deployment', 'web', 'legacy'], ['Deployment', 'api', 'legacy']])
  const abort = new AbortController()
  const r = await restart(c.server, { targets: ['deployment/web', 'deployment/api'] }, { signal: abort.signal, onEvent: (e) => { if (e.type === 'start') abort.abort() } })
  t.equal(r.code, 130)
  t.same(writes(c.server), ['PATCH /apis/apps/v1/deployments/web'])
  t.match(r.out, /\nstore +deployment\/web +interrupted +\S+ +interrupted: the rollout goes on unwatched \(kubectl rollout status deployment\/web -n store\)\n/)
  t.match(r.out, /\nstore +deployment\/api +not-started +- +not started: interrupted\n/)
  t.match(r.err, /Interrupted: no new restarts; waiting for the writes in flight \(Ctrl-C again quits at once\)\.\n/)
  t.match(r.err, /Interrupted after \d+m?s\.\n$/)

  const before = await restart(c.server, { targets: ['deployment/api'] }, { signal: AbortSignal.abort() })
  t.equal(before.code, 130)
  t.equal(c.server.writes.length, 1, 'aborted before the first write: nothing written')
  t.match(before.out, /deployment\/api +not-started +- +not started: interrupted/)
})

t.test('the command: confirmation on a terminal, bad flags, unknown targets, -f', async (t) => {
  const c = await cluster(t, [['Deployment', 'web', 'legacy']])
  let asked = ''
  await t.rejects(restart(c.server, {}, { confirm: async (q) => { asked = q; return false } }, true), new UserError('aborted: nothing restarted'))
  t.equal(asked, 'Restart 1 workload in context test?')
  t.same(c.server.writes, [])
  const yes = await restart(c.server, { yes: true }, { confirm: async () => { throw new Error('not asked with --yes') } }, true)
  t.equal(yes.code, 0)

  await t.rejects(restart(c.server, { targets: ['deployment/wbe'] }), /deployment\/wbe not found in namespace store; closest: deployment\/web -n store/)
  await t.rejects(restart(c.server, { filename: ['x.yaml'] }), /restart works on a cluster: -f is not supported/)
  await t.rejects(restart(c.server, { 'max-concurrent': 0 }), /--max-concurrent must be a positive integer/)
  await t.rejects(restart(c.server, { timeout: 'soon' }), /invalid --timeout "soon"/)
})

t.test('the plan renders the same from the report, in colour only when asked', async (t) => {
  const p = plan(snapshot(ALL, { agentReady: true }), {}, 'store')
  const plain = renderPlan(buildReport(p, undefined), false)
  t.notMatch(plain, /\x1b\[/)
  t.match(renderPlan(buildReport(p, undefined), true), /\x1b\[33mrefused\x1b\[0m/)
  t.equal(renderPlan(buildReport(planRestart({ workloads: [], summary: { breaks: 0, ok: 0, 'not-meshed': 0, review: 0 } }, []), undefined), false), 'Nothing to restart: no pod still runs istio-init under a CNI-enabled revision, and none is broken.\n')
})

t.test('on a terminal: one spinner shows the workloads in flight, a line persists for each one done', async (t) => {
  const c = await cluster(t, [['Deployment', 'web', 'legacy'], ['Deployment', 'api', 'legacy']])
  const calls: string[] = []
  const spinner = {
    text: '',
    start() { calls.push(`start ${this.text}`) },
    stop() { calls.push('stop') },
    stopAndPersist(o: { symbol: string; text: string }) { calls.push(`persist ${o.symbol} ${o.text}`) },
  }
  const r = await restart(c.server, { targets: ['deployment/web', 'deployment/api'], yes: true }, { spinner }, true)
  t.equal(r.code, 0)
  t.equal(r.err, `Done after ${/Done after (\S+)\./.exec(r.err)?.[1]}.\n`, 'no plain progress lines next to the spinner')
  t.ok(calls.includes('start deployment/web (store): 1/2 updated, 2/2 ready, 2 old pods left'), 'the spinner follows the rollout')
  t.match(calls.filter((x) => x.startsWith('persist')), [/^persist ✔ deployment\/web \(store\): restarted in \S+: 2 pods replaced$/, /^persist ✔ deployment\/api \(store\): restarted in \S+: 1 pod replaced$/])
  t.equal(calls.at(-1), 'stop')
})

// --- issue #12: the write gate, resume, signals ---

t.test('--dry-run=server: every write goes with dryRun=All (patches and evictions), nothing is stored or waited on, nothing asked', async (t) => {
  const c = await cluster(t, [['Deployment', 'web', 'legacy'], ['StatefulSet', 'db', 'legacy']], { agentReady: true })
  const before = pods(c.server, 'db').map((p) => p.metadata.uid)
  const r = await json(c.server, { targets: ['deployment/web', 'sts/db'], 'dry-run': 'server' }, { confirm: async () => { throw new Error('a server dry run stores nothing: no question') } })
  t.equal(r.code, 0, r.err)
  t.same(c.server.writes, [], 'nothing stored')
  t.same(c.server.dryRuns.map((q) => `${q.method} ${q.path.replace('/namespaces/store', '')} ${q.query.dryRun}`), ['PATCH /apis/apps/v1/deployments/web All', 'POST /api/v1/pods/db-0/eviction All', 'POST /api/v1/pods/db-1/eviction All'])
  t.same(pods(c.server, 'db').map((p) => p.metadata.uid), before, 'no pod evicted')
  t.match(r.report, { dryRun: true, restart: [{ name: 'web', result: 'planned', detail: /the API server accepted the restartedAt patch \(dry run: nothing changed/ }, { name: 'db', result: 'planned', detail: 'the API server accepted the eviction of 2 pods (dry run: nothing evicted)' }] })
  t.match(r.err, /Dry run \(server\): nothing stored\.\n$/)
  await t.rejects(restart(c.server, { 'dry-run': 'yes' }), /invalid --dry-run value "yes": use none, client or server/)
  const refused = await restart(c.server, { targets: ['deployment/web'], yes: false }).catch((e) => e)
  t.type(refused, NotConfirmed, 'no terminal and no --yes: nothing written (exit 5)')
  t.same(c.server.writes, [])
})

t.test('resume: a workload whose rollout is still in progress is waited on, never restarted a second time', async (t) => {
  const c = await cluster(t, [['Deployment', 'web', 'legacy']])
  c.fail('web', 'never-ready')
  const abort = new AbortController()
  const first = await restart(c.server, { targets: ['deployment/web'] }, { signal: abort.signal, onEvent: (e) => { if (e.type === 'start') abort.abort() } })
  t.equal(first.code, 130)
  t.same(writes(c.server), ['PATCH /apis/apps/v1/deployments/web'])
  // The pods get ready only once the second run is waiting: before, it would find nothing to resume.
  const again = await json(c.server, { targets: ['deployment/web'] }, { onEvent: (e) => { if (e.type === 'start') c.fail('web', undefined) } })
  t.equal(again.code, 0, again.err)
  t.same(writes(c.server), ['PATCH /apis/apps/v1/deployments/web'], 'no second restart')
  t.match(again.err, /deployment\/web \(store\): a rollout is already in progress \(kubectl\.kubernetes\.io\/restartedAt=\S+\): waiting for it, not restarting again\n/)
  t.match(again.report.restart[0], { result: 'restarted', detail: /^already rolling, waited on \(not restarted again\): 2 pods replaced$/ })
  t.ok(pods(c.server, 'web').every((p) => inits(p)[0] === 'istio-validation'))
})

t.test('resume of an eviction run: it waits for the pod evicted before (not ready yet), and never counts that pod as the next one\'s replacement', async (t) => {
  // No PodDisruptionBudget: the wait must come from restart itself, not from the API server.
  const c = await cluster(t, [['StatefulSet', 'db', 'legacy']], { edit: (o) => { o.splice(o.indexOf(find(o, 'PodDisruptionBudget', 'db')), 1) } })
  c.fail('db', 'never-ready')
  const abort = new AbortController()
  const first = await restart(c.server, { targets: ['sts/db'] }, { signal: abort.signal, onEvent: (e) => { if (e.type === 'progress' && /pod db-0 evicted/.test(e.text)) abort.abort() } })
  t.equal(first.code, 130)
  t.same(writes(c.server), ['POST /api/v1/pods/db-0/eviction'])
  let db0WhenDb1Went: KObj | undefined
  c.server.afterWrite((e, store) => { if (e.type === 'DELETED' && e.object.metadata.name === 'db-1') db0WhenDb1Went = store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'store', name: 'db-0' }) })
  // The earlier replacement of db-0 becomes ready only once restart waits for it.
  const again = await restart(c.server, { targets: ['sts/db'] }, { onEvent: (e) => { if (e.type === 'progress' && /before the next eviction/.test(e.text)) c.fail('db', undefined) } })
  t.equal(again.code, 0, again.err)
  t.same(writes(c.server), ['POST /api/v1/pods/db-0/eviction', 'POST /api/v1/pods/db-1/eviction'])
  t.match(again.err, /statefulset\/db \(store\): waiting for 1 missing or not-ready pod before the next eviction\n/)
  t.ok(db0WhenDb1Went && podReady(db0WhenDb1Went), 'db-1 was evicted only once the earlier replacement of db-0 was ready: never two down')
  t.match(again.out, /statefulset\/db +restarted +\S+ +1 pod evicted and replaced/)
  t.ok(pods(c.server, 'db').every((p) => inits(p)[0] === 'istio-validation'))
})

// --- Argo Rollouts: a restart through spec.restartAt (issue 14) ---

/** A Rollout of namespace store whose template is ok under CNI, its pods on istio-init. */
const CANARY: KObj = {
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout',
  metadata: { name: 'canary', namespace: 'store', labels: { app: 'canary' } },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'canary' } },
    strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } },
    template: { metadata: { labels: { app: 'canary' } }, spec: { containers: [{ name: 'canary', image: 'registry.example.com/store/canary:1.0.0' }] } },
  },
}
const ROLLOUT_PATH = '/apis/argoproj.io/v1alpha1/rollouts/canary'
const rollout = (s: TestApiServer) => s.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', namespace: 'store', name: 'canary' })!

/** The store cluster with the Rollout, its pods created long before any restart. */
async function rolloutCluster(t: Test) {
  const c = await cluster(t, [['Rollout', 'canary', 'legacy']], { agentReady: true, edit: (objs) => { objs.push(structuredClone(CANARY)) } })
  // The store keeps the creationTimestamp of an object it has: replaced, so the old one sticks.
  for (const p of pods(c.server, 'canary')) {
    c.server.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'store', name: p.metadata.name })
    c.server.store.put({ ...p, metadata: { ...p.metadata, creationTimestamp: '2025-03-01T09:00:00Z' } })
  }
  t.ok(pods(c.server, 'canary').every((p) => p.metadata.creationTimestamp === '2025-03-01T09:00:00Z'))
  return c
}

t.test('Rollout: spec.restartAt set by a merge patch, as kubectl argo rollouts restart does; its controller evicts the pods; watched to the end', async (t) => {
  const c = await rolloutCluster(t)
  const rsBefore = c.server.store.list('apps/v1', 'ReplicaSet', 'store').map((rs) => rs.metadata.name)
  const templateBefore = structuredClone(rollout(c.server).spec.template)
  const r = await restart(c.server, { targets: ['rollout/canary'] })
  t.equal(r.code, 0, r.err)
  t.same(writes(c.server), [`PATCH ${ROLLOUT_PATH}`], 'one write: the restartAt patch (the evictions are the controller\'s)')
  const patch = c.server.writes[0]!
  t.equal(patch.contentType, 'application/merge-patch+json', 'a custom resource takes no strategic-merge patch')
  t.same(Object.keys(patch.body as KObj), ['spec'])
  t.same(Object.keys((patch.body as KObj).spec), ['restartAt'], 'nothing else is patched')
  const stamp: string = (patch.body as KObj).spec.restartAt
  t.match(stamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'RFC 3339 in UTC to the second, like the argo plugin')
  t.ok(Math.abs(Date.parse(stamp) - Date.now()) < 10_000, 'now')
  t.equal(rollout(c.server).status.restartedAt, stamp, 'the controller recorded the restart')
  t.same(rollout(c.server).spec.template, templateBefore, 'the template is untouched')
  t.same(c.server.store.list('apps/v1', 'ReplicaSet', 'store').map((rs) => rs.metadata.name), rsBefore, 'no new ReplicaSet: the same one recreates the pods')
  const now = pods(c.server, 'canary')
  t.equal(now.length, 2)
  t.ok(now.every((p) => Date.parse(p.metadata.creationTimestamp) >= Date.parse(stamp)), 'every pod is newer than restartAt')
  t.ok(now.every((p) => inits(p)[0] === 'istio-validation' && !inits(p).includes('istio-init')), 'recreated on CNI')
  t.match(r.out, /\n1 +store +rollout\/canary +restart-at +2 +still on istio-init: 2 of 2 pods; revision default now enables CNI; Argo Rollouts' own restart \(spec\.restartAt\)/)
  t.match(r.err, /^rollout\/canary \(store\): restart \(spec\.restartAt=\S+Z\)\n/)
  t.match(r.out, /\nstore +rollout\/canary +restarted +\d+m?s +2 pods replaced\n/)

  const again = await restart(c.server, { targets: ['rollout/canary'] })
  t.equal(again.code, 0)
  t.match(again.out, /rollout\/canary +skip +- +already on CNI: nothing to restart/)
  t.equal(c.server.writes.length, 1, 'no second write')
})

t.test('Rollout through the write gate: --dry-run writes nothing, --dry-run=server sends dryRun=All, no --yes off a terminal asks nothing and writes nothing', async (t) => {
  const c = await rolloutCluster(t)
  for (const spelling of ['client', 'true'] as const) {
    const dry = await restart(c.server, { targets: ['rollout/canary'], 'dry-run': spelling })
    t.equal(dry.code, 0, `--dry-run=${spelling}`)
    t.match(dry.out, /rollout\/canary +restart-at/)
    t.match(dry.err, /Dry run: nothing written\.\n$/)
  }
  const server = await json(c.server, { targets: ['rollout/canary'], 'dry-run': 'server' }, { confirm: async () => { throw new Error('a server dry run stores nothing: no question') } })
  t.equal(server.code, 0, server.err)
  t.same(c.server.dryRuns.map((q) => `${q.method} ${q.path.replace('/namespaces/store', '')} ${q.query.dryRun} ${q.contentType}`), [`PATCH ${ROLLOUT_PATH} All application/merge-patch+json`])
  t.match(server.report.restart[0], { name: 'canary', result: 'planned', detail: /^the API server accepted the spec\.restartAt patch \(dry run: nothing changed; restartAt would be \S+Z\)$/ })

  const refused = await restart(c.server, { targets: ['rollout/canary'], yes: false }).catch((e) => e)
  t.type(refused, NotConfirmed, 'no terminal and no --yes: exit 5')
  const asked: string[] = []
  const no = await restart(c.server, { targets: ['rollout/canary'], yes: false }, { confirm: async (q) => { asked.push(q); return false } }).catch((e) => e)
  t.type(no, NotConfirmed, 'answered no')
  t.same(asked, ['Restart 1 workload in context test?'])
  t.same(c.server.writes, [], 'nothing written')
  t.equal(rollout(c.server).spec.restartAt, undefined)
})

t.test('Rollout resume: a restart already due is waited on, never set a second time', async (t) => {
  const c = await rolloutCluster(t)
  c.fail('canary', 'never-ready')
  const abort = new AbortController()
  const first = await restart(c.server, { targets: ['rollout/canary'] }, { signal: abort.signal, onEvent: (e) => { if (e.type === 'start') abort.abort() } })
  t.equal(first.code, 130)
  t.same(writes(c.server), [`PATCH ${ROLLOUT_PATH}`])
  const stamp = rollout(c.server).spec.restartAt
  t.not(rollout(c.server).status.restartedAt, stamp, 'the restart is not finished')
  // The pods get ready only once the second run is waiting: before, it would find nothing to resume.
  const again = await json(c.server, { targets: ['rollout/canary'] }, { onEvent: (e) => { if (e.type === 'start') c.fail('canary', undefined) } })
  t.equal(again.code, 0, again.err)
  t.same(writes(c.server), [`PATCH ${ROLLOUT_PATH}`], 'no second restart')
  t.equal(rollout(c.server).spec.restartAt, stamp)
  t.match(again.err, new RegExp(`rollout/canary \\(store\\): a restart is already in progress \\(spec\\.restartAt=${stamp}\\): waiting for it, not restarting again\\n`))
  t.match(again.report.restart[0], { result: 'restarted', detail: /^already restarting, waited on \(not restarted again\): 2 pods replaced$/ })
  t.equal(rollout(c.server).status.restartedAt, stamp)
})
