// The restart plan (issue #6): which workloads `restart` recreates, in which order, how, and why;
// which it leaves alone and why; and the preconditions that must hold before anything is touched
// (ref §8.1). Pure: reads the classified live result and the objects of the same snapshot.
//
// Selection: a workload whose pods still run istio-init while their revision now enables CNI, or
// whose pods are broken now while its template no longer breaks. Never one whose template breaks
// (its new pods would crash-loop under CNI) unless forced; a `review` workload only when named.
import type { Sourced } from '../model/input.js'
import type { KObject } from '../model/k8s.js'
import type { CheckResult, ClusterCni, Verdict, WorkloadResult } from '../classify/result/result.js'
import { isReason } from '../classify/result/threshold.js'
import { podsByRow, rowKey } from '../classify/group.js'
import { blockers } from '../classify/cluster/cni-install.js'
import { KINDS, type WorkloadKind } from '../model/kinds.js'
import type { Mode } from '../model/istio.js'
import { type Action, isPodReady, type PlannedRestart, type WorkloadRef } from '../model/restart.js'

type SkipReason = 'breaks' | 'review' | 'paused' | 'bare-pod' | 'job' | 'up-to-date' | 'controller'

/** refused: left alone for safety; manual: the user must act (a bare pod); skip: nothing to do here. */
export const SKIP_KIND: Record<SkipReason, 'refused' | 'manual' | 'skip'> = {
  breaks: 'refused', review: 'refused', paused: 'refused', 'bare-pod': 'manual', job: 'skip', 'up-to-date': 'skip', controller: 'manual',
}

export interface SkippedRestart extends WorkloadRef {
  skip: SkipReason
  /** Left alone for safety, or waiting for the user (both make exit code 3); false: nothing to do here. */
  safety: boolean
  reason: string
  /** What the user should do instead. */
  hint?: string
}

export interface Precondition {
  check: 'cni-agent' | 'revision-cni' | 'preflight'
  ok: boolean
  message: string
  /** Holds for the selected pods, but not everywhere (new pods may be scheduled elsewhere). */
  warnings: string[]
}

export interface RestartPlan {
  context: string
  /** Checked before anything is written (ref §8.1); when one fails nothing is restarted. */
  preconditions: Precondition[]
  /** Every precondition holds. */
  ready: boolean
  restart: PlannedRestart[]
  skipped: SkippedRestart[]
}

export interface PlanOptions {
  /** Named workloads (already resolved against the rows), in the order given; default: every row. */
  targets?: WorkloadRef[]
  force?: boolean
  deleteBarePods?: boolean
  /** Pods of the CNI node agent read besides the input, when the scope did not include them. */
  agentPods?: KObject[]
}

const CNI_MODES: Mode[] = ['cni', 'native', 'ambient']
const ref = (w: WorkloadRef) => `${w.kind.toLowerCase()}/${w.name} -n ${w.namespace}`
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** How to restart a kind whose controller the plugin does not drive (model/kinds.ts), as a command. */
function controllerHint(k: WorkloadKind | undefined): string {
  return `trigger a rollout the way its controller documents (a change to its pod template, e.g. an annotation under ${k?.template.join('.') ?? 'spec.template'}.metadata.annotations)`
}

/**
 * Argo Rollouts restarts through its own field (argoproj/argo-rollouts:rollout/restart.go): its
 * controller evicts every pod created before spec.restartAt, maxUnavailable (at least one) at a
 * time, through the eviction API; the template and its ReplicaSet stay as they are.
 */
const RESTART_AT_NOTE = 'Argo Rollouts\' own restart (spec.restartAt): its controller evicts the pods created before it, maxUnavailable at a time (PodDisruptionBudgets respected)'

/** The finding that makes the template break or need review (a verdict reason, not a live pod's breakage). */
function templateReason(w: WorkloadResult): string | undefined {
  const reasons = w.findings.filter((f) => isReason(f) && f.code !== 'ICNI0106' && f.severity !== 'info')
  return (reasons.find((f) => f.severity === 'error') ?? reasons[0])?.message
}

/** Why a named workload needs no restart. */
function upToDate(w: WorkloadResult): string {
  const l = w.live
  if (!l || l.newMode === 'none') return 'no sidecar: the move to CNI does not touch it'
  if (l.newMode === 'ambient') return 'ambient: no sidecar, nothing to move'
  if (l.newMode === 'legacy' && l.modes.legacy > 0) {
    // ref §8.1: a kube-injected template carries istio-init itself; a restart keeps it.
    return l.revision ? `new pods would still get istio-init (revision ${l.revision} does not enable CNI, or the template itself carries istio-init from istioctl kube-inject)` : 'new pods would still get istio-init'
  }
  return `already on ${l.newMode === 'native' ? 'native sidecars' : 'CNI'}: nothing to restart`
}

function reasonFor(w: WorkloadResult, templateVerdict: Verdict): string {
  const l = w.live!
  const parts: string[] = []
  if (l.needsRestart.length) {
    parts.push(`still on istio-init: ${l.needsRestart.length} of ${plural(l.pods, 'pod')}; revision ${l.revision} now enables CNI${l.newMode === 'native' ? ' (new pods get a native sidecar)' : ''}`)
  }
  if (l.brokenNow.length) {
    const first = l.brokenNow[0]!
    const now = w.kind === 'Pod' ? `broken now: ${first.why}` : `${plural(l.brokenNow.length, 'pod')} broken now (${first.pod}: ${first.why})`
    parts.push(w.kind === 'Pod' ? now : `${now}; the template ${templateVerdict === 'ok' ? 'no longer breaks' : `is ${templateVerdict}`}`)
  }
  return parts.join('; ')
}

const strategyOf = (o: KObject | undefined): string | undefined => o?.spec?.updateStrategy?.type ?? o?.spec?.strategy?.type

function actionFor(w: WorkloadResult, o: KObject | undefined): { action: Action; notes: string[] } {
  const strategy = strategyOf(o)
  switch (w.kind) {
    case 'Deployment':
      return { action: 'rollout', notes: strategy === 'Recreate' ? ['strategy Recreate: every pod stops before the new ones start'] : [] }
    case 'StatefulSet': {
      const partition = Number(o?.spec?.updateStrategy?.rollingUpdate?.partition ?? 0)
      if (strategy === 'OnDelete') return { action: 'evict', notes: ['updateStrategy OnDelete: its pods are evicted one at a time (PodDisruptionBudgets respected)'] }
      if (partition > 0) return { action: 'evict', notes: [`rollingUpdate partition ${partition}: its pods are evicted one at a time (PodDisruptionBudgets respected)`] }
      return { action: 'rollout', notes: [] }
    }
    case 'DaemonSet':
      if (strategy === 'OnDelete') return { action: 'evict', notes: ['updateStrategy OnDelete: its pods are evicted one at a time (PodDisruptionBudgets respected)'] }
      return { action: 'rollout', notes: [] }
    default:
      // ReplicaSet or ReplicationController without a Deployment: no rollout; the controller recreates evicted pods.
      return { action: 'evict', notes: [`a ${w.kind} has no rolling update: its pods are evicted one at a time (PodDisruptionBudgets respected)`] }
  }
}

/** The pods of the CNI node agent among `objects` (present when the read scope included its namespace). */
export function agentPodsIn(objects: KObject[], cni: ClusterCni): KObject[] {
  const byName = new Map<string, KObject>()
  for (const p of objects) {
    const owned = p.kind === 'Pod' && p.metadata?.namespace === cni.namespace && (p.metadata?.ownerReferences ?? []).some((r) => r?.kind === 'DaemonSet' && r.name === cni.name)
    if (owned && p.metadata?.name) byName.set(p.metadata.name, p)
  }
  return [...byName.values()]
}

/** A workload whose pods are about to be replaced, as the preconditions see it. */
type Replaced = Pick<PlannedRestart, 'namespace' | 'name' | 'nodes' | 'newMode' | 'revision'>

/** ref §8.1, §4.4: the agent is ready on every node that runs the pods to be replaced. */
function agentCheck(result: CheckResult, objects: Sourced[], planned: Replaced[], extra: KObject[]): Precondition {
  const cni = result.cluster?.cni
  const check = 'cni-agent' as const
  if (!cni) return { check, ok: false, message: 'no CNI node agent (DaemonSet istio-cni-node) found: new pods would fail istio-validation', warnings: [] }
  const name = `${cni.namespace}/${cni.name}`
  const agents = agentPodsIn([...objects.map((s) => s.object), ...extra], cni)
  if (!agents.length) {
    if (cni.desired > 0 && cni.ready >= cni.desired) return { check, ok: true, message: `the CNI node agent ${name} is ready on ${cni.ready} of ${cni.desired} nodes`, warnings: [] }
    return { check, ok: false, message: `the CNI node agent ${name} is ready on ${cni.ready} of ${cni.desired} nodes, and its pods could not be read to tell which`, warnings: [] }
  }
  const readyOn = new Set(agents.filter(isPodReady).map((p) => p.spec?.nodeName).filter(Boolean))
  const runsOn = new Set(agents.map((p) => p.spec?.nodeName).filter(Boolean))
  const needed = new Map<string, string[]>()
  for (const e of planned) for (const n of e.nodes) needed.set(n, [...(needed.get(n) ?? []), `${e.namespace}/${e.name}`])
  const bad = [...needed.keys()].sort().filter((n) => !readyOn.has(n))
  if (bad.length) {
    const what = bad.map((n) => `${n}${runsOn.has(n) ? '' : ' (no agent pod there)'}, where ${needed.get(n)!.join(', ')} run${needed.get(n)!.length === 1 ? 's' : ''}`).join('; ')
    return { check, ok: false, message: `the CNI node agent ${name} is not ready on ${what}: new pods there would fail istio-validation`, warnings: [] }
  }
  const elsewhere = [...runsOn].filter((n) => !readyOn.has(n)).sort()
  const warnings = elsewhere.length ? [`the CNI node agent is not ready on ${elsewhere.join(', ')}: a new pod scheduled there fails istio-validation until it is`] : []
  const nodes = [...needed.keys()].sort()
  return { check, ok: true, message: `the CNI node agent ${name} is ready on ${nodes.length ? nodes.join(', ') : 'every node'}${nodes.length ? `, where the selected pods run` : ''}`, warnings }
}

/** ref §8.1, §4.1: the revision that injects the new pods enables CNI. */
function revisionChecks(result: CheckResult, planned: Replaced[]): Precondition[] {
  const revisions = [...new Set(planned.filter((e) => e.newMode === 'cni' || e.newMode === 'native').map((e) => e.revision ?? ''))].sort()
  return revisions.map((name): Precondition => {
    const r = result.cluster?.revisions.find((x) => x.name === name)
    const check = 'revision-cni' as const
    if (!name) return { check, ok: false, message: 'the revision that injects the new pods is unknown', warnings: [] }
    if (r?.cniEnabled === true) return { check, ok: true, message: `revision ${name} enables CNI (pilot.cni.enabled)`, warnings: [] }
    const why = r?.cniEnabled === false ? 'does not enable CNI' : 'may not enable CNI: its injector values could not be read'
    return { check, ok: false, message: `revision ${name} ${why}: new pods would not move to CNI`, warnings: [] }
  })
}

/** issue #15: the cluster's preflight blockers (a CNI install wrong for its platform) stop every move to CNI; --force overrides. */
function preflightCheck(result: CheckResult, force: boolean): Precondition[] {
  const found = blockers(result.cluster)
  if (!found.length) return []
  const what = `${found[0]!.code} ${found[0]!.message}${found.length > 1 ? ` (and ${found.length - 1} more: ${found.slice(1).map((f) => f.code).join(', ')})` : ''}`
  return [force
    ? { check: 'preflight', ok: true, message: 'preflight blockers overridden by --force', warnings: [what] }
    : { check: 'preflight', ok: false, message: `the CNI install blocks the migration: ${what}; fix it, or pass --force`, warnings: [] }]
}

export function planRestart(result: CheckResult, objects: Sourced[], o: PlanOptions = {}): RestartPlan {
  const byKey = new Map(objects.map((s) => [rowKey({ kind: String(s.object.kind), namespace: s.object.metadata?.namespace || 'default', name: s.object.metadata?.name ?? '' }), s.object]))
  const pods = podsByRow(objects)
  const rows = o.targets
    ? o.targets.map((t) => result.workloads.find((w) => rowKey(w) === rowKey(t))).filter((w): w is WorkloadResult => w !== undefined)
    : result.workloads
  const named = o.targets !== undefined
  const restart: PlannedRestart[] = []
  const skipped: SkippedRestart[] = []
  const skip = (w: WorkloadResult, s: Omit<SkippedRestart, 'kind' | 'namespace' | 'name'>) => skipped.push({ kind: w.kind, namespace: w.namespace, name: w.name, ...s })

  for (const w of rows) {
    const l = w.live
    if (!l || (!l.needsRestart.length && !l.brokenNow.length)) {
      if (named) skip(w, { skip: 'up-to-date', safety: false, reason: upToDate(w) })
      continue
    }
    const object = byKey.get(rowKey(w))
    const templateVerdict: Verdict = w.kind === 'Pod' ? (l.brokenNow.length ? 'ok' : w.verdict) : l.templateVerdict ?? w.verdict
    const reason = reasonFor(w, templateVerdict)
    if (w.kind === 'CronJob' || w.kind === 'Job') {
      // ref §8.1: Jobs pick up the change on their next run.
      skip(w, { skip: 'job', safety: false, reason: `${reason}; ${w.kind === 'CronJob' ? 'its next run gets CNI' : 'a Job is not restarted: its pods run to completion, and a re-run gets CNI'}` })
      continue
    }
    let forced: string | undefined
    if (templateVerdict === 'breaks' || (templateVerdict === 'review' && !named)) {
      const why = templateVerdict === 'breaks'
        ? `verdict breaks: ${templateReason(w) ?? 'its pod spec breaks under CNI'}`
        : `verdict review: ${templateReason(w) ?? 'its init containers may need the network'}`
      if (!o.force) {
        skip(w, templateVerdict === 'breaks'
          ? { skip: 'breaks', safety: true, reason: `${why}; its new pods would fail under CNI`, hint: `fix it first (kubectl istiocni explain ${ref(w)}), then restart it` }
          : { skip: 'review', safety: true, reason: why, hint: `check it (kubectl istiocni explain ${ref(w)}); name it to restart it: kubectl istiocni restart ${w.kind.toLowerCase()}/${w.name} -n ${w.namespace}` })
        continue
      }
      forced = templateVerdict === 'breaks' ? `${why}: its new pods will likely crash-loop under CNI` : why
    }
    if (w.kind === 'Deployment' && object?.spec?.paused === true) {
      skip(w, { skip: 'paused', safety: true, reason: `${reason}; the Deployment is paused: a restart would not roll`, hint: `kubectl rollout resume deployment/${w.name} -n ${w.namespace}` })
      continue
    }
    const kind = KINDS.find((k) => k.name === w.kind)
    if (!kind || kind.restart === 'manual') {
      skip(w, { skip: 'controller', safety: true, reason: `${reason}; restart does not drive a ${w.kind}'s controller`, hint: controllerHint(kind) })
      continue
    }
    const rowPods = pods.get(rowKey(w)) ?? []
    const toReplace = [...new Set([...l.needsRestart, ...l.brokenNow.map((b) => b.pod)])]
    if (w.kind === 'Pod') {
      if (!o.deleteBarePods) {
        skip(w, { skip: 'bare-pod', safety: true, reason: `${reason}; a bare pod is not recreated by anyone`, hint: `delete it and create it again from its manifest (or pass --delete-bare-pods: kubectl istiocni restart pod/${w.name} -n ${w.namespace} --delete-bare-pods)` })
        continue
      }
    }
    const { action, notes } = w.kind === 'Pod' ? { action: 'delete' as const, notes: ['a bare pod: it is deleted; create it again from its manifest'] }
      : kind.restart === 'restart-at' ? { action: 'restart-at' as const, notes: [RESTART_AT_NOTE] }
      : actionFor(w, object)
    const replace = action === 'rollout' || action === 'restart-at' ? rowPods.map((p) => p.metadata?.name ?? '').filter(Boolean).sort() : toReplace
    const nodes = [...new Set(rowPods.filter((p) => replace.includes(p.metadata?.name ?? '')).map((p) => p.spec?.nodeName).filter((n): n is string => typeof n === 'string' && n !== ''))].sort()
    restart.push({
      order: restart.length + 1, kind: w.kind, namespace: w.namespace, name: w.name, action, reason,
      pods: { total: l.pods, replace }, nodes, ...(l.revision ? { revision: l.revision } : {}), newMode: l.newMode, notes,
      ...(forced ? { forced } : {}),
    })
  }

  const preconditions = preconditionsFor(result, objects, restart, o.agentPods, o.force === true)
  return { context: result.cluster?.context ?? '', preconditions, ready: preconditions.every((p) => p.ok), restart, skipped }
}

/**
 * What must hold before pods are replaced (ref §8.1): for those whose new pods get CNI, the agent
 * is ready on their nodes, their revision enables CNI and no preflight finding blocks the CNI
 * install (`force` turns that last one into a warning). `restart` checks it, and so does `fix`
 * on a cluster, whose template change rolls the pods just the same.
 */
export function preconditionsFor(result: CheckResult, objects: Sourced[], replaced: Replaced[], agentPods: KObject[] = [], force = false): Precondition[] {
  const cniBound = replaced.filter((e) => CNI_MODES.includes(e.newMode))
  return cniBound.length ? [agentCheck(result, objects, cniBound, agentPods), ...revisionChecks(result, cniBound), ...preflightCheck(result, force)] : []
}

/** Every pod of a row is replaced when its template changes. */
export function replacedByTemplate(w: WorkloadResult, objects: Sourced[]): Replaced {
  const nodes = (podsByRow(objects).get(rowKey(w)) ?? []).map((p) => p.spec?.nodeName).filter((n): n is string => typeof n === 'string' && n !== '')
  return { namespace: w.namespace, name: w.name, nodes: [...new Set(nodes)].sort(), newMode: w.live?.newMode ?? 'none', ...(w.live?.revision ? { revision: w.live.revision } : {}) }
}
