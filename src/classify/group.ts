// Live mode (issue #4): one row per workload. Pods are grouped under their top-level owner by
// ownerReferences (Pod → ReplicaSet → Deployment, Job → CronJob; StatefulSet, DaemonSet);
// the owner row keeps the verdict of its template and gains `live` facts from its pods: the mode
// each runs now, the mode a new pod would get, pods that need a restart, pods broken now.
// Bare pods (or pods whose owner is not in the input) stay rows of their own. Pure.
import type { KObject } from '../model/k8s.js'
import { type Mesh, revisionSettings } from '../model/mesh.js'
import { ambientRedirection, type Mode, MODES } from '../model/istio.js'
import { annotation, parseBool } from '../model/meta.js'
import { NATIVE_SIDECAR } from '../model/keys.js'
import { KINDS, kindName, workloadKind } from '../model/kinds.js'
import { analyze, type Classified } from './index.js'
import { ownerChain } from './owner/owner.js'
import type { Context, WorkloadAnalysis } from './verdict/judge.js'
import { finding } from './result/messages.js'
import { type BrokenPod, type LiveFacts, summarize, type WorkloadResult } from './result/result.js'
import { clusterSection, istiodRevisions, revisionTags } from './cluster/cluster.js'
import { ISTIO_SOURCE, type LiveInput } from '../model/input.js'

const KIND_ORDER = ['Deployment', ...KINDS.filter((k) => k.origin === 'custom').map((k) => k.name), 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'ReplicaSet', 'ReplicationController', 'Pod']
/** Broken pods named one by one on a row; the rest are counted. */
const MAX_BROKEN_FINDINGS = 5

const key = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`
const keyOf = (a: WorkloadAnalysis) => key(a.workload.kind, a.workload.namespace, a.workload.name)

interface Revisions {
  mesh: Mesh
  tags: Map<string, string>
  istiodNative: Map<string, boolean | 'auto' | null>
}

/** CNI for new pods of a revision: its injector values; Istio's default (off) when the values omit it; unknown without values. */
function cniFor(r: Revisions, revision: string): boolean | undefined {
  const s = revisionSettings(r.mesh, r.tags.get(revision) ?? revision)
  if (s.cniEnabled !== undefined) return s.cniEnabled
  return s.sources.some((x) => x.endsWith('data.values')) ? false : undefined
}

/** The mode a live pod runs in now (ref §1.3, §1.6). */
function currentMode(a: WorkloadAnalysis): Mode {
  if (a.injection.meshed && a.live) {
    if (a.live.native) return 'native'
    return a.live.redirection === 'istio-init' ? 'legacy' : a.live.redirection === 'cni' ? 'cni' : 'none'
  }
  const ambient = ambientRedirection(a.workload.pod)
  return ambient === 'enabled' || ambient === 'pending' ? 'ambient' : 'none'
}

/**
 * The mode a pod created now would get: the template's injection decision, that revision's CNI
 * setting (ref §4.1) and native-sidecar decision (ref §1.5; the istiod env counts when neither
 * the pod nor the flags decide). Unknown CNI (no injector values read) counts as CNI, the offline
 * default the verdict is judged with.
 */
function newMode(a: WorkloadAnalysis, r: Revisions): { mode: Mode; revision?: string } {
  const inj = a.injection
  if (!inj.meshed) return { mode: inj.ambient ? 'ambient' : 'none' }
  const revision = r.tags.get(inj.revision) ?? inj.revision
  // A kube-injected template keeps its containers; a bare pod would be injected again by its revision.
  if (inj.live && a.workload.kind !== 'Pod') return { mode: currentMode(a), revision }
  const podChoice = parseBool(annotation(a.workload.pod.meta, NATIVE_SIDECAR))
  const native = inj.live
    ? podChoice ?? r.mesh.flags.nativeSidecars ?? (revisionSettings(r.mesh, revision).nativeSidecars === true || r.istiodNative.get(revision) === true)
    : a.native || (podChoice === undefined && r.mesh.flags.nativeSidecars === undefined && revisionSettings(r.mesh, revision).nativeSidecars === undefined && r.istiodNative.get(revision) === true)
  if (native) return { mode: 'native', revision }
  return { mode: cniFor(r, revision) === false ? 'legacy' : 'cni', revision }
}

/** `FailedCreatePodSandBox` events that name istio-cni, by pod (ref §2.7). */
function sandboxFailures(objects: { object: KObject }[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const { object: e } of objects) {
    if (e.kind !== 'Event' || e.reason !== 'FailedCreatePodSandBox') continue
    const msg = typeof e.message === 'string' ? e.message : ''
    const io = (e.involvedObject ?? {}) as { kind?: string; namespace?: string; name?: string }
    if (!/istio-cni/i.test(msg) || io.kind !== 'Pod' || !io.name) continue
    const first = msg.split('\n')[0]!
    out.set(key('Pod', io.namespace ?? e.metadata?.namespace ?? 'default', io.name), `FailedCreatePodSandBox: ${first.length > 200 ? `${first.slice(0, 199)}…` : first}`)
  }
  return out
}

interface Row {
  a: WorkloadAnalysis
  pods: WorkloadAnalysis[]
}

/** The key a row is known by: `Kind/namespace/name`. */
export const rowKey = (w: { kind: string; namespace: string; name: string }) => key(w.kind, w.namespace, w.name)

/**
 * The top-level owner of each object: the last owner on its chain (owner.ts `ownerChain`, the
 * walker ownership uses too) that `lookup` knows; an owner not in the input ends the chain.
 */
function topOwners(lookup: (k: string) => KObject | undefined): (k: string) => string {
  // A Rollout's ReplicaSets name `argoproj.io/v1alpha1 Rollout`; an OpenKruise StatefulSet is not apps/v1's.
  const keyOfRef = (ref: { apiVersion?: unknown; kind: string; name: string }, namespace: string) => key(kindName(ref.apiVersion, ref.kind), namespace, ref.name)
  const tops = new Map<string, string>()
  return (k: string): string => {
    const known = tops.get(k)
    if (known) return known
    const top = ownerChain(lookup(k)!, (ref, namespace) => lookup(keyOfRef(ref, namespace))).filter((step) => step.owner).pop()
    const found = top ? keyOfRef(top.ref, top.namespace) : k
    tops.set(k, found)
    return found
  }
}

/** The Pod objects of the input by the key of the row they are grouped under (see groupRows). */
export function podsByRow(objects: { object: KObject }[]): Map<string, KObject[]> {
  const byKey = new Map<string, KObject>()
  for (const { object: o } of objects) {
    const k = workloadKind(o)
    if (k && o.metadata?.name) byKey.set(key(k.name, o.metadata.namespace || 'default', o.metadata.name), o)
  }
  const topOf = topOwners((k) => byKey.get(k))
  const out = new Map<string, KObject[]>()
  for (const [k, o] of byKey) {
    if (o.kind !== 'Pod') continue
    const top = topOf(k)
    out.set(top, [...(out.get(top) ?? []), o])
  }
  return out
}

/** Groups the analyses into rows: top-level owners present in the input, each with its pods. */
function groupRows(analyses: WorkloadAnalysis[]): Row[] {
  const byKey = new Map<string, WorkloadAnalysis>()
  for (const a of analyses) {
    // The reader lists each object once; the scoped copy wins over the one read to find Istio.
    const k = keyOf(a)
    if (!byKey.has(k) || byKey.get(k)!.workload.source === ISTIO_SOURCE) byKey.set(k, a)
  }
  const topOf = topOwners((k) => byKey.get(k)?.workload.object)
  const rows = new Map<string, Row>()
  for (const [k, a] of byKey) {
    if (a.workload.source === ISTIO_SOURCE) continue
    const top = topOf(k)
    let row = rows.get(top)
    if (!row) rows.set(top, (row = { a: byKey.get(top)!, pods: [] }))
    if (a.workload.kind === 'Pod') row.pods.push(a)
  }
  const rank = (kind: string) => (KIND_ORDER.indexOf(kind) + 1 || KIND_ORDER.length + 1)
  return [...rows.values()].sort((x, y) => {
    const a = x.a.workload
    const b = y.a.workload
    return a.namespace.localeCompare(b.namespace) || rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name)
  })
}

function liveRow(row: Row, r: Revisions, sandbox: Map<string, string>): WorkloadResult {
  const modes = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>
  const needsRestart: string[] = []
  const brokenNow: BrokenPod[] = []
  const next = newMode(row.a, r)
  // ref §8.1: an istio-init pod moves to CNI only when it is recreated, and only if the revision
  // that injects the workload's new pods enables CNI (its own revision, or the one it moved to).
  const restartGetsCni = (next.mode === 'cni' || next.mode === 'native') && next.revision !== undefined && cniFor(r, next.revision) === true
  for (const p of row.pods) {
    const mode = currentMode(p)
    modes[mode]++
    if (mode === 'legacy' && restartGetsCni) needsRestart.push(p.workload.name)
    const judged = p.result.findings.find((f) => f.code === 'ICNI0106')
    const why = judged ? String(judged.params.why) : sandbox.get(keyOf(p))
    if (why) brokenNow.push({ pod: p.workload.name, why })
  }
  const live: LiveFacts = { pods: row.pods.length, modes, newMode: next.mode, ...(next.revision ? { revision: next.revision } : {}), needsRestart, brokenNow }

  const base = row.a.result
  let verdict = base.verdict
  let findings = [...base.findings]
  const isPod = row.a.workload.kind === 'Pod'
  // A bare pod was judged with its own status already; only sandbox events are new for it.
  const added = isPod && findings.some((f) => f.code === 'ICNI0106') ? [] : brokenNow
  if (added.length) {
    const named = added.slice(0, MAX_BROKEN_FINDINGS).map((b) => finding('ICNI0106', { why: isPod ? b.why : `${b.pod}: ${b.why}` }))
    if (added.length > MAX_BROKEN_FINDINGS) named.push(finding('ICNI0106', { why: `and ${added.length - MAX_BROKEN_FINDINGS} more pods` }))
    // "Nothing at risk" no longer holds once a pod is broken.
    if (verdict === 'ok') findings = findings.filter((f) => f.code !== 'ICNI0108')
    findings = [...named, ...findings]
    if (verdict !== 'breaks' && !isPod) live.templateVerdict = verdict
    verdict = 'breaks'
  }
  if (needsRestart.length) findings.push(finding('ICNI0301', { count: needsRestart.length, total: row.pods.length, revision: next.revision! }))
  return { ...base, verdict, findings, live }
}

/** A live check, with what `explain` and `fix` go on from: each row's analysis (its template). */
interface ClassifiedLive extends Classified {
  /** `rows[i]` is the analysis `result.workloads[i]` was judged from. */
  rows: WorkloadAnalysis[]
  ctx: Context
}

/** The whole live check: the same core as offline, grouped by owner, plus the cluster section. */
export function classifyLive(input: LiveInput): ClassifiedLive {
  const { analyses, errors, ctx } = analyze(input)
  const istiods = istiodRevisions(input.objects)
  const r: Revisions = {
    mesh: ctx.mesh,
    tags: revisionTags(input.objects),
    istiodNative: new Map([...istiods].map(([rev, i]) => [rev, i.native])),
  }
  const sandbox = sandboxFailures(input.objects)
  const rows = groupRows(analyses)
  const workloads = rows.map((row) => liveRow(row, r, sandbox))
  return { result: { workloads, summary: summarize(workloads), cluster: clusterSection(input, ctx.mesh) }, errors, rows: rows.map((row) => row.a), ctx }
}
