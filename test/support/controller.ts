// A small simulation of the Kubernetes controllers and of Istio's injection webhook, for the test
// API server (issue #6): after a pod-template change of a Deployment, StatefulSet or DaemonSet,
// new pods replace the old ones over a few ticks and the workload's status follows (a new
// ReplicaSet with its pod-template-hash, controller-revision-hash for the others); after a new
// spec.restartAt of an Argo Rollout, its pods older than that are evicted one by one and
// status.restartedAt follows (issue 14); an evicted or deleted pod is recreated by its owner. Pods are injected when created, as the
// core decides injection (classify/mesh/injection.ts): `istio-validation` first when that
// revision enables CNI (its injector values), `istio-init` last otherwise; container shapes are
// copied from the injected fixture pods.
//
//   const server = await startApiServer({ objects })
//   const ctl = simulateControllers(server, { tickMs: 5 })
//   ctl.failNewPods('shop', 'web', 'init-crashloop')   // new pods of deployment web crash-loop
//
// `seed` fills a store with a workload's pods (and ReplicaSet), settled, in either mode: the
// starting state of a migration. Everything is bounded: a stuck rollout stops after `maxTicks`,
// and timers stop with the server.
import { createHash } from 'node:crypto'
import type { TestApiServer } from './apiserver.js'
import { deepEqual } from './patch.js'
import { selectorMatches } from './selectors.js'
import { clone, type KObj, type ObjectStore, timestamp } from './store.js'
import { decideInjection } from '../../src/classify/mesh/injection.js'
import { readMesh, revisionSettings } from '../../src/model/mesh.js'
import { toWorkload } from '../../src/model/workloads.js'

export type PodFault = 'init-crashloop' | 'never-ready'
export type SeedMode = 'legacy' | 'cni' | 'broken'

export interface ControllerOptions {
  /** Milliseconds between reconcile steps (default 10). */
  tickMs?: number
  /** Steps after which a workload that has not settled is left alone (default 400). */
  maxTicks?: number
}

export interface Controller {
  /** New pods of this workload (namespace, top-level owner name) fail this way from now on. */
  failNewPods(namespace: string, name: string, fault: PodFault | undefined): void
  /** `Kind namespace/name` of each workload a write set rolling, in order. */
  readonly started: string[]
  stop(): void
}

const APPS = 'apps/v1'
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt'
const ROLLING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet'])

// --- injection (ref §1.3, §1.4) ---

interface Shapes { validation: KObj; init: KObj; proxy: KObj }

const FALLBACK: Shapes = {
  validation: { name: 'istio-validation', image: 'docker.io/istio/proxyv2:1.24.2', args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--run-validation', '--skip-rule-apply'], securityContext: { runAsUser: 1337, runAsGroup: 1337 } },
  init: { name: 'istio-init', image: 'docker.io/istio/proxyv2:1.24.2', args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020'], securityContext: { runAsUser: 0, runAsGroup: 0, capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] } } },
  proxy: { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.2', args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local'], securityContext: { runAsUser: 1337, runAsGroup: 1337 } },
}

/** The injected containers of the fixture pods. */
function shapes(store: ObjectStore): Shapes {
  const found: Partial<Shapes> = {}
  for (const p of store.list('v1', 'Pod')) {
    for (const c of p.spec?.initContainers ?? []) {
      if (c.name === 'istio-validation') found.validation ??= c
      if (c.name === 'istio-init') found.init ??= c
    }
    for (const c of p.spec?.containers ?? []) if (c.name === 'istio-proxy') found.proxy ??= c
  }
  return { ...FALLBACK, ...found }
}

/**
 * The revision that injects a pod of `template` in `namespace` and whether it enables CNI, or
 * undefined: the core's own decision (classify/mesh/injection.ts, ref §1.7) over the store's
 * Namespace and Istio ConfigMaps, so the simulation and the judgement cannot drift apart.
 */
function injectionFor(store: ObjectStore, namespace: string, template: KObj): { revision: string; cni: boolean } | undefined {
  const pod = toWorkload({ source: 'controller', object: { apiVersion: 'v1', kind: 'Pod', metadata: { ...template.metadata, name: 'new', namespace }, spec: template.spec ?? {} } })
  const mesh = readMesh(store.all().map((object) => ({ object, source: 'store' })), {}, [])
  const inj = decideInjection(pod, store.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace }), mesh, [])
  return inj.meshed ? { revision: inj.revision, cni: revisionSettings(mesh, inj.revision).cniEnabled === true } : undefined
}

/** A pod made from a template as the webhook would inject it. */
function injected(store: ObjectStore, namespace: string, template: KObj, mode?: 'legacy' | 'cni'): { metadata: KObj; spec: KObj; mesh: 'legacy' | 'cni' | 'none' } {
  const meta = clone(template.metadata ?? {})
  const spec = clone(template.spec ?? {})
  const inj = injectionFor(store, namespace, template)
  if (!inj) return { metadata: meta, spec, mesh: 'none' }
  const { revision } = inj
  const s = shapes(store)
  const cni = mode ? mode === 'cni' : inj.cni
  const apps = (spec.initContainers ?? []).filter((c: KObj) => !['istio-init', 'istio-validation'].includes(c.name))
  spec.initContainers = cni ? [clone(s.validation), ...apps] : [...apps, clone(s.init)]
  spec.containers = [...(spec.containers ?? []).filter((c: KObj) => c.name !== 'istio-proxy'), clone(s.proxy)]
  spec.volumes = [...(spec.volumes ?? []).filter((v: KObj) => v.name !== 'istio-envoy'), { name: 'istio-envoy', emptyDir: { medium: 'Memory' } }]
  const app = meta.labels?.app ?? meta.labels?.['app.kubernetes.io/name']
  meta.labels = { ...meta.labels, 'security.istio.io/tlsMode': 'istio', ...(app ? { 'service.istio.io/canonical-name': app } : {}) }
  const status = { initContainers: [cni ? 'istio-validation' : 'istio-init'], containers: ['istio-proxy'], volumes: ['istio-envoy'], imagePullSecrets: null, revision }
  meta.annotations = { ...meta.annotations, 'istio.io/rev': revision, 'sidecar.istio.io/status': JSON.stringify(status), ...(cni ? { 'sidecar.istio.io/interceptionMode': 'REDIRECT' } : {}) }
  return { metadata: meta, spec, mesh: cni ? 'cni' : 'legacy' }
}

// --- pod status (ref §2.7) ---

type PodPhase = 'starting' | 'ready' | 'crashloop' | 'broken-126'

function podStatus(spec: KObj, phase: PodPhase, restarts = 0): KObj {
  const inits: KObj[] = spec.initContainers ?? []
  const containers: KObj[] = spec.containers ?? []
  const done = { terminated: { exitCode: 0, reason: 'Completed' } }
  const waiting = (reason: string) => ({ waiting: { reason } })
  const cond = (type: string, ok: boolean) => ({ type, status: ok ? 'True' : 'False' })
  if (phase === 'ready') {
    return {
      phase: 'Running', startTime: timestamp(),
      conditions: [cond('Initialized', true), cond('Ready', true), cond('ContainersReady', true), cond('PodScheduled', true)],
      initContainerStatuses: inits.map((c) => ({ name: c.name, ready: true, restartCount: 0, state: done })),
      containerStatuses: containers.map((c) => ({ name: c.name, ready: true, started: true, restartCount: 0, state: { running: { startedAt: timestamp() } } })),
    }
  }
  // The first application init container crash-loops (or, without one, the first container).
  const app = inits.findIndex((c) => !['istio-init', 'istio-validation'].includes(c.name))
  const initStatus = (c: KObj, i: number) => {
    if (phase === 'broken-126' && c.name === 'istio-validation') return { name: c.name, ready: false, restartCount: restarts, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 126, reason: 'Error' } } }
    if (phase === 'broken-126') return { name: c.name, ready: false, restartCount: 0, state: waiting('PodInitializing') }
    if (phase === 'crashloop' && i === app) return { name: c.name, ready: false, restartCount: restarts, state: waiting('CrashLoopBackOff'), lastState: { terminated: { exitCode: 1, reason: 'Error' } } }
    if (app >= 0 ? i < app : true) return { name: c.name, ready: true, restartCount: 0, state: phase === 'starting' && i === inits.length - 1 ? { running: {} } : done }
    return { name: c.name, ready: false, restartCount: 0, state: i === (app >= 0 ? app : 0) && phase === 'starting' ? { running: {} } : waiting('PodInitializing') }
  }
  const crashMain = phase === 'crashloop' && app < 0
  return {
    phase: crashMain ? 'Running' : 'Pending', startTime: timestamp(),
    conditions: [cond('Initialized', crashMain), cond('Ready', false), cond('ContainersReady', false), cond('PodScheduled', true)],
    initContainerStatuses: inits.map(initStatus),
    containerStatuses: containers.map((c, i) => (crashMain && i === 0
      ? { name: c.name, ready: false, restartCount: restarts, state: waiting('CrashLoopBackOff') }
      : { name: c.name, ready: false, restartCount: 0, state: waiting('PodInitializing') })),
  }
}

const isReady = (p: KObj) => (p.status?.conditions ?? []).some((c: KObj) => c.type === 'Ready' && c.status === 'True')

// --- helpers over the store ---

const get = (store: ObjectStore, apiVersion: string, kind: string, namespace: string, name: string) => store.get({ apiVersion, kind, namespace, name })
const podsOwnedBy = (store: ObjectStore, namespace: string, kind: string, name: string) =>
  store.list('v1', 'Pod', namespace).filter((p) => (p.metadata?.ownerReferences ?? []).some((r: KObj) => r.kind === kind && r.name === name))
const hashOf = (template: KObj) => createHash('sha1').update(JSON.stringify(template ?? {})).digest('hex').slice(0, 10)
const ownerRef = (o: KObj) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true })
const SUFFIX = 'bcdfghjklmnpqrstvwxz2456789'
let serial = 0
const suffix = () => { let n = ++serial * 7919 + 12345; let s = ''; for (let i = 0; i < 5; i++, n = Math.floor(n / SUFFIX.length)) s += SUFFIX[n % SUFFIX.length]; return s }

function nodeNames(store: ObjectStore, selector?: Record<string, string>): string[] {
  return store.list('v1', 'Node').filter((n) => Object.entries(selector ?? {}).every(([k, v]) => n.metadata?.labels?.[k] === v)).map((n) => n.metadata.name)
}

interface NewPod {
  namespace: string
  name: string
  template: KObj
  owner: KObj
  node: string
  labels?: Record<string, string>
  phase: PodPhase
  mode?: 'legacy' | 'cni'
}

function createPod(store: ObjectStore, p: NewPod): KObj {
  const inj = injected(store, p.namespace, p.template, p.mode)
  const metadata = { ...inj.metadata, name: p.name, namespace: p.namespace, labels: { ...inj.metadata.labels, ...p.labels }, ownerReferences: [ownerRef(p.owner)] }
  const spec = { ...inj.spec, nodeName: p.node }
  return store.put({ apiVersion: 'v1', kind: 'Pod', metadata, spec, status: podStatus(spec, p.phase) })
}

function setStatus(store: ObjectStore, o: KObj, status: KObj): void {
  const cur = store.get({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name })
  if (!cur || deepEqual(cur.status, { ...cur.status, ...status })) return
  store.put({ ...cur, status: { ...cur.status, ...status } })
}

/** PodDisruptionBudgets of a namespace, recomputed as the disruption controller would. */
function refreshBudgets(store: ObjectStore, namespace: string): void {
  const pods = store.list('v1', 'Pod', namespace)
  for (const pdb of store.list('policy/v1', 'PodDisruptionBudget', namespace)) {
    const matching = pods.filter((p) => selectorMatches(pdb.spec?.selector, p.metadata?.labels ?? {}))
    const healthy = matching.filter(isReady).length
    const expected = Math.max(Number(pdb.status?.expectedPods ?? 0), matching.length)
    const desired = pdb.spec?.minAvailable !== undefined ? Number(pdb.spec.minAvailable) : Math.max(0, expected - Number(pdb.spec?.maxUnavailable ?? 0))
    setStatus(store, pdb, { currentHealthy: healthy, desiredHealthy: desired, disruptionsAllowed: Math.max(0, healthy - desired), expectedPods: expected })
  }
}

// --- reconcilers: one step each; true when the workload has settled ---

interface Ctx {
  store: ObjectStore
  fault(namespace: string, name: string): PodFault | undefined
  /** Pods keep their status (seeding). */
  frozen?: boolean
}

/** Pending pods move on: ready, or crash-looping with one more restart, per the workload's fault. */
function advance(ctx: Ctx, pods: KObj[], top: string): boolean {
  let pending = false
  for (const p of pods) {
    if (isReady(p) || p.metadata?.deletionTimestamp) continue
    pending = true
    if (ctx.frozen) continue
    const fault = ctx.fault(p.metadata.namespace, top)
    if (fault === 'never-ready') continue
    const restarts = Number((p.status?.initContainerStatuses ?? []).concat(p.status?.containerStatuses ?? []).reduce((m: number, s: KObj) => Math.max(m, s.restartCount ?? 0), 0))
    const status = fault === 'init-crashloop' ? podStatus(p.spec, 'crashloop', restarts + 1) : podStatus(p.spec, 'ready')
    ctx.store.put({ ...p, status })
  }
  return pending
}

function reconcileDeployment(ctx: Ctx, ns: string, name: string): boolean {
  const { store } = ctx
  const dep = get(store, APPS, 'Deployment', ns, name)
  if (!dep) return true
  const desired = Number(dep.spec?.replicas ?? 1)
  const hash = hashOf(dep.spec?.template)
  const sets = store.list(APPS, 'ReplicaSet', ns).filter((rs) => (rs.metadata?.ownerReferences ?? []).some((r: KObj) => r.kind === 'Deployment' && r.name === name))
  let current = sets.find((rs) => rs.metadata?.labels?.['pod-template-hash'] === hash || deepEqual(withoutHash(rs.spec?.template), dep.spec?.template))
  if (!current) {
    const template = clone(dep.spec?.template ?? {})
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, 'pod-template-hash': hash } }
    const revision = Math.max(0, ...sets.map((s) => Number(s.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0))) + 1
    current = store.put({
      apiVersion: APPS, kind: 'ReplicaSet',
      metadata: { name: `${name}-${hash}`, namespace: ns, labels: { ...template.metadata.labels }, annotations: { 'deployment.kubernetes.io/revision': String(revision) }, ownerReferences: [ownerRef(dep)] },
      spec: { replicas: 0, selector: { matchLabels: { ...dep.spec?.selector?.matchLabels, 'pod-template-hash': hash } }, template },
      status: { replicas: 0, observedGeneration: 1 },
    })
  }
  const currentName = current.metadata.name
  const fresh = podsOwnedBy(store, ns, 'ReplicaSet', currentName)
  const old = sets.filter((s) => s.metadata.name !== currentName).flatMap((s) => podsOwnedBy(store, ns, 'ReplicaSet', s.metadata.name))
  const pending = advance(ctx, fresh, name)
  const freshNow = podsOwnedBy(store, ns, 'ReplicaSet', currentName)
  const readyFresh = freshNow.filter(isReady).length
  // maxSurge 1, maxUnavailable 0: an old pod goes only once a new one is ready in its place.
  if (old.length && readyFresh + old.length > desired) {
    const victim = old[0]!
    store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns, name: victim.metadata.name })
  } else if (freshNow.length < desired && freshNow.length + old.length <= desired) {
    createPod(store, { namespace: ns, name: `${currentName}-${suffix()}`, template: current.spec.template, owner: current, node: old[0]?.spec?.nodeName ?? nodeNames(store)[0] ?? 'node-a', phase: 'starting' })
  }
  const all = [...podsOwnedBy(store, ns, 'ReplicaSet', currentName), ...sets.filter((s) => s.metadata.name !== currentName).flatMap((s) => podsOwnedBy(store, ns, 'ReplicaSet', s.metadata.name))]
  const freshAfter = podsOwnedBy(store, ns, 'ReplicaSet', currentName)
  for (const s of sets) if (s.metadata.name !== currentName) {
    const left = podsOwnedBy(store, ns, 'ReplicaSet', s.metadata.name)
    const cur = get(store, APPS, 'ReplicaSet', ns, s.metadata.name)!
    store.put({ ...cur, spec: { ...cur.spec, replicas: left.length }, status: { ...cur.status, replicas: left.length, readyReplicas: left.filter(isReady).length, availableReplicas: left.filter(isReady).length } })
  }
  const cur = get(store, APPS, 'ReplicaSet', ns, currentName)!
  store.put({ ...cur, spec: { ...cur.spec, replicas: desired }, status: { ...cur.status, replicas: freshAfter.length, readyReplicas: freshAfter.filter(isReady).length, availableReplicas: freshAfter.filter(isReady).length } })
  const ready = all.filter(isReady).length
  setStatus(store, dep, {
    observedGeneration: dep.metadata.generation, replicas: all.length, updatedReplicas: freshAfter.length,
    readyReplicas: ready, availableReplicas: ready, unavailableReplicas: Math.max(0, all.length - ready),
  })
  return !pending && old.length === 0 && freshAfter.length === desired && freshAfter.every(isReady)
}

function withoutHash(template: KObj | undefined): KObj | undefined {
  if (!template) return template
  const t = clone(template)
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash']
  return t
}

function reconcileReplicaSet(ctx: Ctx, ns: string, name: string): boolean {
  const { store } = ctx
  const rs = get(store, APPS, 'ReplicaSet', ns, name)
  if (!rs) return true
  const top = (rs.metadata?.ownerReferences ?? []).find((r: KObj) => r.kind === 'Deployment' || r.kind === 'Rollout')?.name ?? name
  const desired = Number(rs.spec?.replicas ?? 1)
  const pods = podsOwnedBy(store, ns, 'ReplicaSet', name)
  const pending = advance(ctx, pods, top)
  if (pods.length < desired) createPod(store, { namespace: ns, name: `${name}-${suffix()}`, template: rs.spec.template, owner: rs, node: pods[0]?.spec?.nodeName ?? nodeNames(store)[0] ?? 'node-a', phase: 'starting' })
  const now = podsOwnedBy(store, ns, 'ReplicaSet', name)
  setStatus(store, rs, { replicas: now.length, readyReplicas: now.filter(isReady).length, availableReplicas: now.filter(isReady).length, observedGeneration: rs.metadata.generation })
  return !pending && now.length === desired && now.every(isReady)
}

function reconcileStatefulSet(ctx: Ctx, ns: string, name: string): boolean {
  const { store } = ctx
  const sts = get(store, APPS, 'StatefulSet', ns, name)
  if (!sts) return true
  const desired = Number(sts.spec?.replicas ?? 1)
  const revision = `${name}-${hashOf(sts.spec?.template)}`
  const onDelete = sts.spec?.updateStrategy?.type === 'OnDelete'
  const pods = podsOwnedBy(store, ns, 'StatefulSet', name)
  const pending = advance(ctx, pods, name)
  const byOrdinal = new Map(pods.map((p) => [Number(/-(\d+)$/.exec(p.metadata.name)?.[1] ?? -1), p]))
  const make = (i: number, node?: string) => createPod(store, {
    namespace: ns, name: `${name}-${i}`, template: sts.spec.template, owner: sts, node: node ?? nodeNames(store)[0] ?? 'node-a', phase: 'starting',
    labels: { 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': `${name}-${i}` },
  })
  if (!pending) {
    // OrderedReady: one pod at a time; a missing pod first, then the highest-ordinal outdated one.
    const missing = [...Array(desired).keys()].find((i) => !byOrdinal.has(i))
    if (missing !== undefined) make(missing)
    else if (!onDelete) {
      const outdated = [...byOrdinal.entries()].filter(([, p]) => p.metadata?.labels?.['controller-revision-hash'] !== revision).sort((a, b) => b[0] - a[0])[0]
      if (outdated) {
        store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns, name: outdated[1].metadata.name })
        make(outdated[0], outdated[1].spec?.nodeName)
      }
    }
  }
  const now = podsOwnedBy(store, ns, 'StatefulSet', name)
  const updated = now.filter((p) => p.metadata?.labels?.['controller-revision-hash'] === revision).length
  const ready = now.filter(isReady).length
  const settled = !pending && now.length === desired && now.every(isReady) && (onDelete || updated === desired)
  setStatus(store, sts, {
    observedGeneration: sts.metadata.generation, replicas: now.length, readyReplicas: ready, availableReplicas: ready, currentReplicas: updated, updatedReplicas: updated,
    updateRevision: revision, ...(settled && !onDelete ? { currentRevision: revision } : {}),
  })
  return settled
}

function reconcileDaemonSet(ctx: Ctx, ns: string, name: string): boolean {
  const { store } = ctx
  const ds = get(store, APPS, 'DaemonSet', ns, name)
  if (!ds) return true
  const revision = hashOf(ds.spec?.template)
  const onDelete = ds.spec?.updateStrategy?.type === 'OnDelete'
  const nodes = nodeNames(store, ds.spec?.template?.spec?.nodeSelector)
  const pods = podsOwnedBy(store, ns, 'DaemonSet', name)
  const pending = advance(ctx, pods, name)
  const make = (node: string) => createPod(store, {
    namespace: ns, name: `${name}-${suffix()}`, template: ds.spec.template, owner: ds, node, phase: 'starting', labels: { 'controller-revision-hash': revision },
  })
  if (!pending) {
    const missing = nodes.find((n) => !pods.some((p) => p.spec?.nodeName === n))
    if (missing) make(missing)
    else if (!onDelete) {
      const outdated = pods.find((p) => p.metadata?.labels?.['controller-revision-hash'] !== revision)
      if (outdated) {
        store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns, name: outdated.metadata.name })
        make(outdated.spec.nodeName)
      }
    }
  }
  const now = podsOwnedBy(store, ns, 'DaemonSet', name)
  const updated = now.filter((p) => p.metadata?.labels?.['controller-revision-hash'] === revision).length
  const ready = now.filter(isReady).length
  setStatus(store, ds, {
    observedGeneration: ds.metadata.generation, desiredNumberScheduled: nodes.length, currentNumberScheduled: now.length, updatedNumberScheduled: updated,
    numberReady: ready, numberAvailable: ready, numberUnavailable: Math.max(0, nodes.length - ready), numberMisscheduled: 0,
  })
  return !pending && now.length === nodes.length && now.every(isReady) && (onDelete || updated === nodes.length)
}

const ROLLOUTS = 'argoproj.io/v1alpha1'

/**
 * Argo Rollouts' restart (argoproj/argo-rollouts:rollout/restart.go): once spec.restartAt is due,
 * pods created before it are evicted, maxUnavailable (at least one) at a time and only while the
 * others are available; their ReplicaSet recreates them. When none is older, status.restartedAt
 * takes the value of spec.restartAt. The template, its ReplicaSet and its hash stay as they are.
 */
function reconcileRollout(ctx: Ctx, ns: string, name: string): boolean {
  const { store } = ctx
  const ro = get(store, ROLLOUTS, 'Rollout', ns, name)
  if (!ro) return true
  const sets = store.list(APPS, 'ReplicaSet', ns).filter((rs) => (rs.metadata?.ownerReferences ?? []).some((r: KObj) => r.kind === 'Rollout' && r.name === name))
  let pending = false
  for (const rs of sets) pending = !reconcileReplicaSet(ctx, ns, rs.metadata.name) || pending
  const pods = sets.flatMap((rs) => podsOwnedBy(store, ns, 'ReplicaSet', rs.metadata.name)).filter((p) => !p.metadata?.deletionTimestamp)
  const restartAt = ro.spec?.restartAt
  const due = typeof restartAt === 'string' && Date.parse(restartAt) <= Date.now() && ro.status?.restartedAt !== restartAt
  const old = due ? pods.filter((p) => Date.parse(p.metadata.creationTimestamp) < Date.parse(restartAt)) : []
  const desired = Number(ro.spec?.replicas ?? 1)
  const ready = pods.filter(isReady).length
  const concurrent = Math.max(1, Number(ro.spec?.strategy?.canary?.maxUnavailable ?? 0))
  if (old.length && !pending && ready - (desired - concurrent) > 0) {
    const victim = old[0]!
    store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns, name: victim.metadata.name })
    pending = true
  }
  setStatus(store, ro, {
    replicas: pods.length, updatedReplicas: pods.length, readyReplicas: ready, availableReplicas: ready,
    ...(due && !old.length && !pending ? { restartedAt: restartAt } : {}),
  })
  return !pending && !old.length && pods.length === desired && pods.every(isReady)
}

const RECONCILERS: Record<string, (ctx: Ctx, ns: string, name: string) => boolean> = {
  Deployment: reconcileDeployment, ReplicaSet: reconcileReplicaSet, StatefulSet: reconcileStatefulSet, DaemonSet: reconcileDaemonSet, Rollout: reconcileRollout,
}

export function simulateControllers(server: TestApiServer, o: ControllerOptions = {}): Controller {
  const tickMs = o.tickMs ?? 10
  const maxTicks = o.maxTicks ?? 400
  const faults = new Map<string, PodFault>()
  const active = new Map<string, { kind: string; ns: string; name: string; ticks: number }>()
  const started: string[] = []
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const ctx: Ctx = { store: server.store, fault: (ns, name) => faults.get(`${ns}/${name}`) }

  const tick = () => {
    timer = undefined
    if (stopped) return
    for (const [k, w] of active) {
      w.ticks++
      const settled = RECONCILERS[w.kind]!(ctx, w.ns, w.name)
      refreshBudgets(server.store, w.ns)
      if (settled || w.ticks >= maxTicks) active.delete(k)
    }
    if (active.size) timer = setTimeout(tick, tickMs)
  }
  const activate = (kind: string, ns: string, name: string) => {
    if (stopped || !RECONCILERS[kind]) return
    const k = `${kind}/${ns}/${name}`
    active.set(k, { kind, ns, name, ticks: 0 })
    timer ??= setTimeout(tick, tickMs)
  }

  const remove = server.afterWrite((event) => {
    const obj = event.object
    const ns = obj.metadata?.namespace ?? 'default'
    if (event.type === 'MODIFIED' && ROLLING_KINDS.has(obj.kind) && !deepEqual(obj.spec?.template, event.oldObject?.spec?.template)) {
      started.push(`${obj.kind} ${ns}/${obj.metadata.name}`)
      activate(obj.kind, ns, obj.metadata.name)
    }
    if (event.type === 'MODIFIED' && obj.kind === 'Rollout' && obj.spec?.restartAt !== event.oldObject?.spec?.restartAt) {
      started.push(`${obj.kind} ${ns}/${obj.metadata.name}`)
      activate(obj.kind, ns, obj.metadata.name)
    }
    if (event.type === 'DELETED' && obj.kind === 'Pod') {
      const owner = (obj.metadata?.ownerReferences ?? []).find((r: KObj) => r.controller) ?? obj.metadata?.ownerReferences?.[0]
      if (owner) activate(owner.kind, ns, owner.name)
    }
  })
  const stop = () => {
    stopped = true
    remove()
    if (timer) clearTimeout(timer)
    timer = undefined
  }
  // Stops with the server.
  const close = server.close.bind(server)
  server.close = async () => { stop(); await close() }
  return {
    failNewPods(namespace, name, fault) { if (fault) faults.set(`${namespace}/${name}`, fault); else faults.delete(`${namespace}/${name}`) },
    started,
    stop,
  }
}

// --- seeding: a workload's pods, settled, as they are before (or after) the migration ---

/**
 * Creates the pods (and, for a Deployment, the ReplicaSet) of a workload already in `store`, all
 * settled: injected with istio-init (`legacy`), with istio-validation (`cni`), or with
 * istio-validation failing with exit 126 (`broken`, ref §2.7). A bare Pod is injected in place.
 */
export function seed(store: ObjectStore, ref: { kind: string; namespace: string; name: string }, mode: SeedMode, nodes?: string[]): void {
  const { kind, namespace: ns, name } = ref
  const phase: PodPhase = mode === 'broken' ? 'broken-126' : 'ready'
  const inject = mode === 'legacy' ? 'legacy' : 'cni'
  const nodeAt = (i: number) => nodes?.[i % nodes.length] ?? nodeNames(store)[0] ?? 'node-a'
  const ctx: Ctx = { store, fault: () => undefined, frozen: true }
  if (kind === 'Pod') {
    const pod = get(store, 'v1', 'Pod', ns, name)!
    const inj = injected(store, ns, { metadata: pod.metadata, spec: pod.spec }, inject)
    const spec = { ...inj.spec, nodeName: pod.spec?.nodeName ?? nodeAt(0) }
    store.put({ ...pod, metadata: { ...pod.metadata, ...inj.metadata }, spec, status: podStatus(spec, phase) })
    return
  }
  const apiVersion = APPS
  const o = get(store, kind === 'Rollout' ? ROLLOUTS : apiVersion, kind, ns, name)!
  const make = (p: Omit<NewPod, 'phase' | 'mode'>) => createPod(store, { ...p, phase, mode: inject })
  if (kind === 'Deployment' || kind === 'Rollout') {
    const hash = hashOf(o.spec?.template)
    const template = clone(o.spec.template)
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, 'pod-template-hash': hash } }
    const replicas = Number(o.spec?.replicas ?? 1)
    const rs = store.put({
      apiVersion, kind: 'ReplicaSet',
      metadata: { name: `${name}-${hash}`, namespace: ns, labels: { ...template.metadata.labels }, annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: [ownerRef(o)] },
      spec: { replicas, selector: { matchLabels: { ...o.spec?.selector?.matchLabels, 'pod-template-hash': hash } }, template },
    })
    for (let i = 0; i < replicas; i++) make({ namespace: ns, name: `${name}-${hash}-${suffix()}`, template, owner: rs, node: nodeAt(i) })
    if (kind === 'Rollout') reconcileRollout(ctx, ns, name)
    else reconcileDeployment(ctx, ns, name)
  } else if (kind === 'StatefulSet') {
    const revision = `${name}-${hashOf(o.spec?.template)}`
    for (let i = 0; i < Number(o.spec?.replicas ?? 1); i++) {
      make({ namespace: ns, name: `${name}-${i}`, template: o.spec.template, owner: o, node: nodeAt(i), labels: { 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': `${name}-${i}` } })
    }
    reconcileStatefulSet(ctx, ns, name)
    const sts = get(store, apiVersion, kind, ns, name)!
    store.put({ ...sts, status: { ...sts.status, currentRevision: revision } })
  } else if (kind === 'DaemonSet') {
    const revision = hashOf(o.spec?.template)
    for (const node of nodes ?? nodeNames(store, o.spec?.template?.spec?.nodeSelector)) make({ namespace: ns, name: `${name}-${suffix()}`, template: o.spec.template, owner: o, node, labels: { 'controller-revision-hash': revision } })
    reconcileDaemonSet(ctx, ns, name)
  } else if (kind === 'ReplicaSet') {
    for (let i = 0; i < Number(o.spec?.replicas ?? 1); i++) make({ namespace: ns, name: `${name}-${suffix()}`, template: o.spec.template, owner: o, node: nodeAt(i) })
    reconcileReplicaSet(ctx, ns, name)
  }
  refreshBudgets(store, ns)
}

/** The restartedAt annotation a restart put on a workload's template, if any. */
export const restartedAt = (o: KObj | undefined): string | undefined => o?.spec?.template?.metadata?.annotations?.[RESTARTED_AT]
