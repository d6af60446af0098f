// The rollouts of `restart` (issue #6, ref §8.1), against the cluster: a restartedAt patch for
// workloads with rolling updates (what `kubectl rollout restart` does), spec.restartAt for an Argo
// Rollout (what `kubectl argo rollouts restart` does), evictions one pod at a time
// for OnDelete strategies and bare ReplicaSets (PodDisruptionBudgets respected: a 429 waits and
// retries), deletion of bare pods when asked. Each workload is watched by polling it and its pods
// until the rollout completes (observedGeneration ≥ generation; updated = ready = available =
// desired), fails (a new pod crash-looping or stuck in `Init:` with restarts, ref §2.7), or times
// out. The first failure stops everything not yet started; an abort (Ctrl-C) stops starting new
// work and stops waiting once the writes in flight are done.
//
// Resumable: a workload whose rollout is still in progress (a run interrupted after its patch, or
// someone else's change) is waited on, never patched again; an eviction run first waits until no
// pod of the workload is missing or not ready, so a replacement still coming from an earlier run
// is neither a second pod down nor mistaken for the replacement of the next eviction.
// With `dryRun` (--dry-run=server) every write carries dryRun=All and nothing is waited on.
import type { KObject } from '../model/k8s.js'
import { liveMode } from '../model/istio.js'
import { ISTIO_VALIDATION } from '../model/keys.js'
import { KINDS } from '../model/kinds.js'
import type { ClusterCni } from '../classify/result/result.js'
import { type Kube, KubeError } from './kube.js'
import { formatDuration } from '../model/duration.js'
import { isPodReady, type PlannedRestart, type WorkloadRef, type Outcome } from '../model/restart.js'

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt'
const STRATEGIC = 'application/strategic-merge-patch+json'
const MERGE = 'application/merge-patch+json'
/** Attempts of the restartedAt patch when the server answers 409 Conflict. */
const PATCH_ATTEMPTS = 3

export type RolloutEvent =
  | { type: 'start'; entry: PlannedRestart; text: string }
  | { type: 'progress'; entry: PlannedRestart; text: string }
  | { type: 'done'; entry: PlannedRestart; outcome: Outcome }

export interface Clock {
  now(): number
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve() }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  }),
}

export interface RolloutOptions {
  kube: Kube
  /** Workloads restarted at the same time. */
  maxConcurrent: number
  /** Per workload, from its first write. */
  timeoutMs: number
  /** How often a workload and its pods are read while it rolls. */
  intervalMs: number
  /** Aborting stops starting new work and stops waiting (writes in flight finish). */
  signal?: AbortSignal
  clock?: Clock
  onEvent?: (e: RolloutEvent) => void
  /** --dry-run=server: writes carry dryRun=All; the answer is reported, nothing is waited on. */
  dryRun?: boolean
}

const DRY_RUN = { dryRun: 'All' }

const API: Record<string, [string, string]> = {
  Deployment: ['apps/v1', 'deployments'], StatefulSet: ['apps/v1', 'statefulsets'], DaemonSet: ['apps/v1', 'daemonsets'],
  ReplicaSet: ['apps/v1', 'replicasets'], ReplicationController: ['v1', 'replicationcontrollers'], Pod: ['v1', 'pods'],
}

function objectPath(kind: string, namespace: string, name: string): string {
  const custom = KINDS.find((k) => k.name === kind && k.origin === 'custom')
  const [gv, plural] = API[kind] ?? (custom ? [`${custom.group}/${custom.versions[0]}`, custom.plural] : ['v1', `${kind.toLowerCase()}s`])
  return `${gv === 'v1' ? '/api/v1' : `/apis/${gv}`}/namespaces/${encodeURIComponent(namespace)}/${plural}/${encodeURIComponent(name)}`
}
const podsPath = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`

/** A label selector object as the `labelSelector` query parameter. */
export function selectorString(sel: any): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`)
  for (const e of sel?.matchExpressions ?? []) {
    const values = (e?.values ?? []).join(',')
    if (e?.operator === 'In') parts.push(`${e.key} in (${values})`)
    else if (e?.operator === 'NotIn') parts.push(`${e.key} notin (${values})`)
    else if (e?.operator === 'Exists') parts.push(String(e.key))
    else if (e?.operator === 'DoesNotExist') parts.push(`!${e.key}`)
  }
  return parts.join(',')
}

/** Why a new pod has failed (ref §2.7): crash-looping, or stuck in `Init:` with restarts. */
export function podFailure(p: KObject): string | undefined {
  const inits: any[] = p.status?.initContainerStatuses ?? []
  const validation = inits.find((s) => s?.name === ISTIO_VALIDATION)
  if ((validation?.lastState?.terminated?.exitCode ?? validation?.state?.terminated?.exitCode) === 126) return 'istio-validation exited 126: the CNI plugin did not set up redirection for this pod'
  for (const s of inits) {
    const restarts = Number(s?.restartCount ?? 0)
    if (s?.state?.waiting?.reason === 'CrashLoopBackOff') return `init container ${s.name} is crash-looping (Init:CrashLoopBackOff, ${restarts} restart${restarts === 1 ? '' : 's'})`
    if (restarts > 0 && p.status?.phase === 'Pending' && !s?.state?.terminated && !s?.state?.running) return `init container ${s.name} restarted ${restarts} time${restarts === 1 ? '' : 's'} (Init:Error)`
  }
  for (const s of (p.status?.containerStatuses ?? []) as any[]) {
    if (s?.state?.waiting?.reason === 'CrashLoopBackOff') return `container ${s.name} is crash-looping (CrashLoopBackOff, ${s.restartCount ?? 0} restarts)`
  }
  return undefined
}

interface State { done: boolean; text: string; failed?: string }

/** Where a rollout stands, after `kubectl rollout status` (plus ready = available = desired). */
export function rolloutState(kind: string, o: KObject, generation: number): State {
  const s = o.status ?? {}
  if (Number(s.observedGeneration ?? 0) < generation) return { done: false, text: 'waiting for the controller to see the change' }
  if (kind === 'Deployment') {
    const progressing = (s.conditions ?? []).find((c: any) => c?.type === 'Progressing')
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { done: false, text: 'progress deadline exceeded', failed: `the Deployment exceeded its progress deadline${progressing.message ? `: ${progressing.message}` : ''}` }
  }
  const desired = kind === 'DaemonSet' ? Number(s.desiredNumberScheduled ?? 0) : Number(o.spec?.replicas ?? 1)
  const updated = Number((kind === 'DaemonSet' ? s.updatedNumberScheduled : s.updatedReplicas) ?? 0)
  const ready = Number((kind === 'DaemonSet' ? s.numberReady : s.readyReplicas) ?? 0)
  const available = Number((kind === 'DaemonSet' ? s.numberAvailable : s.availableReplicas ?? s.readyReplicas) ?? 0)
  const total = Number((kind === 'DaemonSet' ? s.currentNumberScheduled : s.replicas) ?? desired)
  const old = Math.max(0, total - updated)
  const revisions = kind !== 'StatefulSet' || !s.updateRevision || s.currentRevision === s.updateRevision
  const text = `${updated}/${desired} updated, ${ready}/${desired} ready${old ? `, ${old} old pod${old === 1 ? '' : 's'} left` : ''}`
  return { done: updated === desired && ready === desired && available === desired && old === 0 && revisions, text }
}

/**
 * A rollout still in progress: the controller has not seen the last change, old pods are still
 * being replaced, or, within `recentMs` of the template's restartedAt, the new pods are not all
 * ready yet. Pods that are updated but broken (nothing rolling, no recent restart) are not: they
 * need the restart. A workload never reconciled (no status) or past its deadline is not either.
 */
export function rolloutInProgress(kind: string, o: KObject, now: number, recentMs: number): boolean {
  if (kind === 'Rollout') return restartAtPending(o, now)
  const s = o.status ?? {}
  if (s.observedGeneration === undefined) return false
  const state = rolloutState(kind, o, Number((o.metadata as { generation?: number } | undefined)?.generation ?? 0))
  if (state.done || state.failed) return false
  if (Number(s.observedGeneration) < Number((o.metadata as { generation?: number } | undefined)?.generation ?? 0)) return true
  const ds = kind === 'DaemonSet'
  const desired = ds ? Number(s.desiredNumberScheduled ?? 0) : Number(o.spec?.replicas ?? 1)
  const updated = Number((ds ? s.updatedNumberScheduled : s.updatedReplicas) ?? 0)
  const total = Number((ds ? s.currentNumberScheduled : s.replicas) ?? desired)
  if (total > updated || updated < desired || (kind === 'StatefulSet' && s.updateRevision && s.currentRevision !== s.updateRevision)) return true
  const stamp = Date.parse(o.spec?.template?.metadata?.annotations?.[RESTARTED_AT] ?? '')
  return Number.isFinite(stamp) && now - stamp < recentMs
}

/**
 * An Argo Rollout restart not finished: spec.restartAt is due and its controller has not yet set
 * status.restartedAt to it, which it does once no pod is older (argoproj/argo-rollouts:
 * utils/replicaset/replicaset.go NeedsRestart, rollout/restart.go).
 */
function restartAtPending(o: KObject, now: number): boolean {
  const at = o.spec?.restartAt
  return typeof at === 'string' && Date.parse(at) <= now && o.status?.restartedAt !== at
}

/** RFC 3339 in UTC to the second, as `kubectl argo rollouts restart` writes it (and later than `after`). */
function restartStamp(now: number, after: unknown): string {
  const previous = typeof after === 'string' ? Date.parse(after) : NaN
  const at = Number.isFinite(previous) && previous >= Math.floor(now / 1000) * 1000 ? previous + 1000 : now
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const label = (e: WorkloadRef) => `${e.kind.toLowerCase()}/${e.name}`
const isTooMany = (e: unknown) => e instanceof KubeError && (e.status === 429 || e.reason === 'TooManyRequests')
const terminating = (p: KObject) => Boolean((p.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp)

class Interrupted extends Error {}
class Failed extends Error {}

/** Restarts one planned workload; resolves to its outcome (never rejects). */
class One {
  private readonly started: number
  private lastText = ''
  /** What an interruption leaves behind, as the stages go by; undefined while nothing is written. */
  private left: string | undefined

  constructor(private readonly e: PlannedRestart, private readonly o: RolloutOptions, private readonly clock: Clock) {
    this.started = clock.now()
  }

  private elapsed(): number { return this.clock.now() - this.started }

  private outcome(result: Outcome['result'], detail: string, error?: boolean): Outcome {
    const e = this.e
    return { kind: e.kind, namespace: e.namespace, name: e.name, order: e.order, action: e.action, result, detail, durationMs: this.elapsed(), ...(error ? { error: true } : {}) }
  }

  private progress(text: string): void {
    if (text === this.lastText) return
    this.lastText = text
    this.o.onEvent?.({ type: 'progress', entry: this.e, text })
  }

  /** Waits one interval; throws Interrupted on abort and Failed past the timeout. */
  private async tick(what: string): Promise<void> {
    if (this.elapsed() >= this.o.timeoutMs) throw new Failed(`timed out after ${formatDuration(this.o.timeoutMs)} ${what}${this.lastText ? ` (${this.lastText})` : ''}`)
    await this.clock.sleep(Math.min(this.o.intervalMs, Math.max(1, this.o.timeoutMs - this.elapsed())), this.o.signal)
    if (this.o.signal?.aborted) throw new Interrupted()
  }

  async run(): Promise<Outcome> {
    const e = this.e
    try {
      if (e.action === 'delete') return await this.deletePod()
      if (e.action === 'evict') return await this.evict()
      if (e.action === 'restart-at') return await this.restartAt()
      return await this.rollout()
    } catch (err) {
      if (err instanceof Interrupted) return this.left ? this.outcome('interrupted', this.left) : this.outcome('not-started', 'not started: interrupted')
      if (err instanceof Failed) return this.outcome('failed', err.message)
      if (err instanceof KubeError) return this.outcome('failed', err.message, true)
      throw err
    }
  }

  private async deletePod(): Promise<Outcome> {
    const e = this.e
    this.o.onEvent?.({ type: 'start', entry: e, text: 'deleting the bare pod' })
    try {
      await this.o.kube.delete(objectPath('Pod', e.namespace, e.name), this.o.dryRun ? DRY_RUN : undefined)
    } catch (err) {
      if (!(err instanceof KubeError) || err.status !== 404) throw err
    }
    if (this.o.dryRun) return this.outcome('planned', 'the API server accepted the deletion (dry run: nothing deleted)')
    return this.outcome('deleted', 'deleted: create it again from its manifest')
  }

  /** Pods the workload's selector matches now. */
  private async pods(o: KObject): Promise<KObject[]> {
    const list = await this.o.kube.get(podsPath(this.e.namespace), { labelSelector: selectorString(o.spec?.selector) })
    return Array.isArray(list?.items) ? list.items : []
  }

  /** ref §8.1: new pods must have left istio-init. */
  private checkMode(pods: KObject[]): void {
    if (this.e.newMode !== 'cni' && this.e.newMode !== 'native') return
    const legacy = pods.filter((p) => liveMode(p.spec ?? {}).redirection === 'istio-init')
    if (legacy.length) throw new Failed(`new pod ${legacy[0]!.metadata?.name} still runs istio-init: is the namespace injected by a revision with CNI enabled, and is the template free of istio-init (istioctl kube-inject)?`)
  }

  private failing(pods: KObject[]): void {
    for (const p of pods) {
      const why = podFailure(p)
      if (why) throw new Failed(`new pod ${p.metadata?.name}: ${why}`)
    }
  }

  private async rollout(): Promise<Outcome> {
    const e = this.e
    const path = objectPath(e.kind, e.namespace, e.name)
    const current = await this.o.kube.get(path)
    if (!this.o.dryRun && (e.resume || rolloutInProgress(e.kind, current, this.clock.now(), this.o.timeoutMs))) {
      // Resume: patching again would start a second rollout on top of the first.
      const stamp: string | undefined = current.spec?.template?.metadata?.annotations?.[RESTARTED_AT]
      this.left = `interrupted: the rollout goes on unwatched (kubectl rollout status ${label(e)} -n ${e.namespace})`
      this.o.onEvent?.({ type: 'start', entry: e, text: `a rollout is already in progress${stamp ? ` (${RESTARTED_AT}=${stamp})` : ''}: waiting for it, not restarting again` })
      return this.watch(path, Number(current.metadata?.generation ?? 0), stamp, 'already rolling, waited on (not restarted again): ')
    }
    // Milliseconds keep two restarts in the same second apart; any RFC 3339 time is accepted.
    const stamp = new Date(this.clock.now()).toISOString()
    const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: stamp } } } } }
    let patched: KObject | undefined
    for (let attempt = 1; !patched; attempt++) {
      if (this.o.signal?.aborted) throw new Interrupted()
      try {
        patched = await this.o.kube.patch(path, body, STRATEGIC, this.o.dryRun ? DRY_RUN : undefined)
      } catch (err) {
        if (!(err instanceof KubeError) || err.status !== 409 || attempt >= PATCH_ATTEMPTS) throw err
        this.progress(`conflict (409) on the patch, retrying (${attempt}/${PATCH_ATTEMPTS - 1})`)
        await this.clock.sleep(this.o.intervalMs, this.o.signal)
      }
    }
    if (this.o.dryRun) return this.outcome('planned', `the API server accepted the restartedAt patch (dry run: nothing changed; it would be generation ${(patched.metadata as { generation?: number } | undefined)?.generation ?? '?'})`)
    this.left = `interrupted: the rollout goes on unwatched (kubectl rollout status ${label(e)} -n ${e.namespace})`
    this.o.onEvent?.({ type: 'start', entry: e, text: `rollout restart (${RESTARTED_AT}=${stamp})` })
    return this.watch(path, Number((patched.metadata as { generation?: number } | undefined)?.generation ?? 0), stamp, '')
  }

  /** Watches a rollout to its end; new pods are those with `stamp` (all of them at the end without one). */
  private async watch(path: string, generation: number, stamp: string | undefined, prefix: string): Promise<Outcome> {
    const e = this.e
    for (;;) {
      await this.tick('waiting for the rollout')
      const o = await this.o.kube.get(path)
      const fresh = (await this.pods(o)).filter((p) => (stamp === undefined || p.metadata?.annotations?.[RESTARTED_AT] === stamp) && !terminating(p))
      this.failing(fresh)
      const state = rolloutState(e.kind, o, generation)
      if (state.failed) throw new Failed(state.failed)
      this.progress(state.text)
      if (state.done) {
        this.checkMode(fresh)
        return this.outcome('restarted', `${prefix}${fresh.length} pod${fresh.length === 1 ? '' : 's'} replaced`)
      }
    }
  }

  /**
   * An Argo Rollout: spec.restartAt set by a merge patch, as `kubectl argo rollouts restart` does
   * (argoproj/argo-rollouts:pkg/kubectl-argo-rollouts/cmd/restart/restart.go); a restart already
   * due and unfinished is waited on, never set again.
   */
  private async restartAt(): Promise<Outcome> {
    const e = this.e
    const path = objectPath(e.kind, e.namespace, e.name)
    const current = await this.o.kube.get(path)
    this.left = `interrupted: the restart goes on unwatched (kubectl argo rollouts get rollout ${e.name} -n ${e.namespace})`
    if (!this.o.dryRun && (e.resume || restartAtPending(current, this.clock.now()))) {
      const stamp: string = current.spec?.restartAt
      this.o.onEvent?.({ type: 'start', entry: e, text: `a restart is already in progress (spec.restartAt=${stamp}): waiting for it, not restarting again` })
      return this.watchRestartAt(path, stamp, 'already restarting, waited on (not restarted again): ')
    }
    const stamp = restartStamp(this.clock.now(), current.spec?.restartAt)
    const patched: KObject = await this.o.kube.patch(path, { spec: { restartAt: stamp } }, MERGE, this.o.dryRun ? DRY_RUN : undefined)
    if (this.o.dryRun) return this.outcome('planned', `the API server accepted the spec.restartAt patch (dry run: nothing changed; restartAt would be ${patched.spec?.restartAt ?? stamp})`)
    this.o.onEvent?.({ type: 'start', entry: e, text: `restart (spec.restartAt=${stamp})` })
    return this.watchRestartAt(path, stamp, '')
  }

  /** Done when the controller has recorded the restart (status.restartedAt) and every pod is newer than it and ready. */
  private async watchRestartAt(path: string, stamp: string, prefix: string): Promise<Outcome> {
    const since = Date.parse(stamp)
    for (;;) {
      await this.tick('waiting for the restart')
      const o = await this.o.kube.get(path)
      // Without a selector there is nothing to list the pods by (a workloadRef): the status alone tells.
      const pods = o.spec?.selector ? (await this.pods(o)).filter((p) => !terminating(p)) : []
      const fresh = pods.filter((p) => Date.parse((p.metadata as { creationTimestamp?: string } | undefined)?.creationTimestamp ?? '') >= since)
      this.failing(fresh)
      const desired = this.desired(o)
      const ready = o.spec?.selector ? fresh.filter(isPodReady).length : Number(o.status?.readyReplicas ?? 0)
      const old = pods.length - fresh.length
      this.progress(`${fresh.length}/${desired} restarted, ${ready}/${desired} ready${old ? `, ${old} old pod${old === 1 ? '' : 's'} left` : ''}`)
      if (o.status?.restartedAt === stamp && old === 0 && ready >= desired) {
        this.checkMode(fresh)
        return this.outcome('restarted', `${prefix}${fresh.length} pod${fresh.length === 1 ? '' : 's'} replaced`)
      }
    }
  }

  /** How many pods the workload should run now. */
  private desired(o: KObject): number {
    return this.e.kind === 'DaemonSet' ? Number(o.status?.desiredNumberScheduled ?? 0) : Number(o.spec?.replicas ?? 1)
  }

  /** Waits until no pod of the workload is missing, not ready or terminating (an earlier eviction's replacement, say). */
  private async settled(path: string): Promise<{ owner: KObject; pods: KObject[] }> {
    for (;;) {
      const owner = await this.o.kube.get(path)
      const pods = await this.pods(owner)
      const up = pods.filter((p) => isPodReady(p) && !terminating(p)).length
      const missing = Math.max(0, this.desired(owner) - up)
      if (this.o.dryRun || (!missing && !pods.some(terminating))) return { owner, pods }
      this.progress(`waiting for ${missing || 'a terminating'} missing or not-ready pod${missing === 1 ? '' : 's'} before the next eviction`)
      await this.tick('waiting for the pods of the workload to be ready before the next eviction')
    }
  }

  private async evict(): Promise<Outcome> {
    const e = this.e
    const path = objectPath(e.kind, e.namespace, e.name)
    const n = e.pods.replace.length
    this.o.onEvent?.({ type: 'start', entry: e, text: `evicting ${n} pod${n === 1 ? '' : 's'} one at a time` })
    let done = 0
    for (const name of e.pods.replace) {
      if (this.o.signal?.aborted) throw new Interrupted()
      const { owner, pods: before } = await this.settled(path)
      const pod = before.find((p) => p.metadata?.name === name)
      if (!pod) { done++; continue }
      const uid = pod.metadata?.uid
      const known = new Set(before.map((p) => p.metadata?.uid))
      const readyBefore = before.filter((p) => isPodReady(p) && !terminating(p)).length
      // ref §8.1: PodDisruptionBudgets are respected; the API answers 429 while one allows no disruption.
      if (done) this.left = `interrupted after ${done} of ${n} pods were replaced`
      for (;;) {
        try {
          await this.o.kube.post(`${podsPath(e.namespace)}/${encodeURIComponent(name)}/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: e.namespace } }, this.o.dryRun ? DRY_RUN : undefined)
          break
        } catch (err) {
          if (err instanceof KubeError && err.status === 404) break
          if (!isTooMany(err)) throw err
          if (this.o.dryRun) throw new Failed(`pod ${name}: a PodDisruptionBudget allows no disruption now (the API server refused the dry-run eviction)`)
          this.progress(`pod ${name}: the eviction is refused for now (PodDisruptionBudget), retrying`)
          await this.tick(`evicting pod ${name}: a PodDisruptionBudget allows no disruption`)
        }
      }
      if (this.o.dryRun) { done++; continue }
      this.left = `interrupted after pod ${name} was evicted (${done} of ${n} replaced before it): its controller recreates it unwatched`
      this.progress(`pod ${name} evicted (${done + 1}/${n}), waiting for its replacement`)
      for (;;) {
        await this.tick(`waiting for the replacement of pod ${name}`)
        const now = (await this.pods(owner)).filter((p) => !terminating(p))
        const fresh = now.filter((p) => !known.has(p.metadata?.uid))
        this.failing(fresh)
        const ready = now.filter(isPodReady).length
        if (!now.some((p) => p.metadata?.uid === uid) && fresh.some(isPodReady) && ready >= readyBefore) {
          this.checkMode(fresh)
          break
        }
      }
      done++
      this.progress(`${done}/${n} pods replaced`)
    }
    if (this.o.dryRun) return this.outcome('planned', `the API server accepted the eviction of ${done} pod${done === 1 ? '' : 's'} (dry run: nothing evicted)`)
    return this.outcome('restarted', `${done} pod${done === 1 ? '' : 's'} evicted and replaced`)
  }
}

/**
 * Restarts the planned workloads in order, at most `maxConcurrent` at a time. Stops starting new
 * ones after the first failure or an abort; what was not started is reported as such.
 */
export async function runRestarts(entries: PlannedRestart[], o: RolloutOptions): Promise<Outcome[]> {
  const clock = o.clock ?? realClock
  const out: (Outcome | undefined)[] = new Array(entries.length)
  let next = 0
  let failure: Outcome | undefined
  const worker = async () => {
    while (next < entries.length && !failure && !o.signal?.aborted) {
      const i = next++
      const outcome = await new One(entries[i]!, o, clock).run()
      out[i] = outcome
      o.onEvent?.({ type: 'done', entry: entries[i]!, outcome })
      if (outcome.result === 'failed') failure ??= outcome
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.maxConcurrent, entries.length)) }, worker))
  return entries.map((e, i) => out[i] ?? {
    kind: e.kind, namespace: e.namespace, name: e.name, order: e.order, action: e.action, result: 'not-started' as const, durationMs: 0,
    detail: failure ? `not started: stopped after ${label(failure)} (${failure.namespace}) failed` : 'not started: interrupted',
  })
}

/** The pods of the CNI node agent (for the per-node precondition), when the read scope left them out. */
export async function readAgentPods(kube: Kube, cni: ClusterCni): Promise<KObject[]> {
  try {
    const ds = await kube.get(`/apis/apps/v1/namespaces/${encodeURIComponent(cni.namespace)}/daemonsets/${encodeURIComponent(cni.name)}`)
    const list = await kube.get(podsPath(cni.namespace), { labelSelector: selectorString(ds?.spec?.selector) || 'k8s-app=istio-cni-node' })
    return (Array.isArray(list?.items) ? list.items : []).map((p: KObject) => ({ ...p, kind: 'Pod', apiVersion: 'v1' }))
  } catch (err) {
    // Forbidden or gone: the plan falls back to the DaemonSet's ready count.
    if (err instanceof KubeError && (err.status === 403 || err.status === 404)) return []
    throw err
  }
}
