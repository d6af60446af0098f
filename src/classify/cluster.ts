// The cluster section of a live check (issue #4): which Istio revisions inject with CNI, the CNI
// node agent's health and exclusions, the injection webhooks, and the migration blockers they
// imply (ref §4, §1.8, §1.9). Pure: reads the objects the reader put into the input.
import type { Input } from '../model/input.js'
import type { KObject } from '../model/k8s.js'
import { type Mesh, meshConfigMapRole } from '../model/mesh.js'
import { envValue } from '../model/istio.js'
import { INJECTION_NS, REV, STATUS } from '../model/keys.js'
import { parseBool } from '../model/meta.js'
import { finding } from './messages.js'
import type { ClusterCni, ClusterRevision, ClusterSection, ClusterWebhook, Finding } from './result.js'

/** Source of the objects read only to find Istio (outside the requested scope): never rows. */
export const ISTIO_SOURCE = 'cluster:istio'
/** Source of everything else read from a cluster. */
export const CLUSTER_SOURCE = 'cluster'

/** What the reader knows beyond the objects: the scope asked for and what it could not read. */
export interface LiveMeta {
  context: string
  scope: { allNamespaces: boolean; namespace?: string; selector?: string }
  /** `--istio-namespace`, when given. */
  istioNamespace?: string
  skippedNamespaces: string[]
  warnings: string[]
  /** Some workloads may be missing: a namespace or kind could not be read, a list was cut short. */
  incomplete?: boolean
  /** Whether Node objects could be listed (the agent's coverage needs them). */
  nodesRead: boolean
}

/** The input of a live check: the one input shape, plus what the reader knows about the read. */
export type LiveInput = Input & { live: LiveMeta }

export const isLiveInput = (input: Input): input is LiveInput => 'live' in input && (input as LiveInput).live !== undefined

const labelOf = (o: KObject, key: string): string | undefined => {
  const v = o.metadata?.labels?.[key]
  return typeof v === 'string' ? v : undefined
}
const ref = (o: KObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`

export const isIstiod = (o: KObject) => o.kind === 'Deployment' && (labelOf(o, 'app') === 'istiod' || /^istiod(-|$)/.test(o.metadata?.name ?? ''))
export const isCniAgent = (o: KObject) => o.kind === 'DaemonSet' && (labelOf(o, 'k8s-app') === 'istio-cni-node' || o.metadata?.name === 'istio-cni-node')
const isIstioWebhook = (o: KObject) => o.kind === 'MutatingWebhookConfiguration' && (
  /^istio-(sidecar-injector|revision-tag-)/.test(o.metadata?.name ?? '') ||
  (Array.isArray(o.webhooks) && o.webhooks.some((w: any) => /sidecar-injector\.istio\.io$/.test(w?.name ?? ''))))

function containerNamed(o: KObject, name: string): any {
  const cs: any[] = o.spec?.template?.spec?.containers ?? []
  return cs.find((c) => c?.name === name) ?? cs[0]
}

/** istiod Deployments by revision: `REVISION` env, else the `istio.io/rev` label (ref §4.3). */
export function istiodRevisions(objects: { object: KObject }[]): Map<string, { ref: string; native: boolean | 'auto' | null }> {
  const out = new Map<string, { ref: string; native: boolean | 'auto' | null }>()
  for (const { object: o } of objects) {
    if (!isIstiod(o)) continue
    const c = containerNamed(o, 'discovery')
    const rev = envValue(c, 'REVISION') || labelOf(o, REV) || 'default'
    const env = envValue(c, 'ENABLE_NATIVE_SIDECARS')
    const native = env === undefined ? null : env === 'auto' ? 'auto' : parseBool(env) ?? null
    if (!out.has(rev)) out.set(rev, { ref: ref(o), native })
  }
  return out
}

/** Revision tags (`istio-revision-tag-<tag>` webhooks) → the revision they point at (ref §1.7). */
export function revisionTags(objects: { object: KObject }[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const { object: o } of objects) {
    if (o.kind !== 'MutatingWebhookConfiguration') continue
    const tag = labelOf(o, 'istio.io/tag')
    const rev = labelOf(o, REV)
    if (tag && rev && tag !== rev) out.set(tag, rev)
  }
  return out
}

function webhooks(objects: { object: KObject }[]): ClusterWebhook[] {
  return objects.map((s) => s.object).filter(isIstioWebhook).map((o) => ({
    name: o.metadata?.name ?? '',
    revision: labelOf(o, REV) ?? null,
    tag: labelOf(o, 'istio.io/tag') ?? null,
    webhooks: (Array.isArray(o.webhooks) ? o.webhooks : []).map((w: any) => ({
      name: String(w?.name ?? ''),
      ...(w?.namespaceSelector ? { namespaceSelector: w.namespaceSelector } : {}),
      ...(w?.objectSelector ? { objectSelector: w.objectSelector } : {}),
    })),
  }))
}

/** A setting of the agent: its container env first (values.cni.env, ≤1.22 repair env), then its ConfigMap (ref §4.4). */
function agentSetting(container: any, data: Record<string, string>, key: string): string | undefined {
  return envValue(container, key) ?? (typeof data[key] === 'string' ? data[key] : undefined)
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)

function readAgent(ds: KObject, objects: { object: KObject }[], nodes: number | null, findings: Finding[]): ClusterCni {
  const ns = ds.metadata?.namespace ?? ''
  const container = containerNamed(ds, 'install-cni')
  const refs: string[] = (container?.envFrom ?? []).map((e: any) => e?.configMapRef?.name).filter(Boolean)
  const cmNames = refs.length ? refs : ['istio-cni-config']
  const cms = objects.map((s) => s.object).filter((o) => o.kind === 'ConfigMap' && o.metadata?.namespace === ns && cmNames.includes(o.metadata?.name ?? ''))
  const cm = cms[0]
  const data: Record<string, string> = Object.assign({}, ...cms.map((c) => c.data ?? {}))
  const cmRef = cm ? `${ns}/${cm.metadata?.name}` : `${ns}/${cmNames[0]}`

  // ref §1.8: EXCLUDE_NAMESPACES is read; EXCLUDED_NAMESPACES (chart bug) is not; ≤1.22 used the JSON template.
  let excludeNamespaces: string[] = []
  let excludeKey: ClusterCni['excludeKey'] = null
  const exclude = agentSetting(container, data, 'EXCLUDE_NAMESPACES')
  if (exclude !== undefined) {
    excludeNamespaces = list(exclude)
    excludeKey = 'EXCLUDE_NAMESPACES'
  } else if (typeof data.EXCLUDED_NAMESPACES === 'string') {
    excludeKey = 'EXCLUDED_NAMESPACES'
    findings.push(finding('ICNI0307', { configMap: cmRef, value: JSON.stringify(data.EXCLUDED_NAMESPACES) }))
  } else if (typeof data.cni_network_config === 'string') {
    const m = /"exclude_namespaces"\s*:\s*\[([^\]]*)\]/.exec(data.cni_network_config)
    if (m) {
      excludeNamespaces = [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!)
      excludeKey = 'cni_network_config'
    }
  }

  // ref §1.9: defaults of 1.21+.
  const flag = (key: string, dflt: boolean) => parseBool(agentSetting(container, data, key)) ?? dflt
  const repair = { enabled: flag('REPAIR_ENABLED', true), repairPods: flag('REPAIR_REPAIR_PODS', true), deletePods: flag('REPAIR_DELETE_PODS', false), labelPods: flag('REPAIR_LABEL_PODS', false) }
  if (!repair.enabled) findings.push(finding('ICNI0309', { configMap: cmRef }))
  const image = typeof container?.image === 'string' ? container.image : ''
  const version = data.CURRENT_AGENT_VERSION ?? (/:([\w.-]+)$/.exec(image)?.[1] ?? null)
  const status = ds.status ?? {}
  return {
    namespace: ns,
    name: ds.metadata?.name ?? '',
    desired: Number(status.desiredNumberScheduled ?? 0),
    ready: Number(status.numberReady ?? 0),
    nodes,
    excludeNamespaces,
    excludeKey,
    repair,
    version,
  }
}

/** Namespaces that get sidecars: injection labels, or pods already injected there. */
function sidecarNamespaces(objects: { object: KObject }[]): Set<string> {
  const out = new Set<string>()
  for (const { object: o } of objects) {
    if (o.kind === 'Namespace' && (labelOf(o, INJECTION_NS) === 'enabled' || labelOf(o, REV) !== undefined)) out.add(o.metadata?.name ?? '')
    if (o.kind === 'Pod' && o.metadata?.annotations?.[STATUS] !== undefined) out.add(o.metadata?.namespace ?? 'default')
  }
  return out
}

export function clusterSection(input: LiveInput, mesh: Mesh): ClusterSection {
  const { objects, live } = input
  const findings: Finding[] = []
  const istiods = istiodRevisions(objects)
  const tags = revisionTags(objects)

  const istioNamespaces = new Set<string>()
  for (const { object: o } of objects) {
    if (isIstiod(o) || (o.kind === 'ConfigMap' && meshConfigMapRole(o)?.role === 'injector')) istioNamespaces.add(o.metadata?.namespace ?? '')
  }
  const found = istioNamespaces.size > 0
  if (live.istioNamespace) istioNamespaces.add(live.istioNamespace)

  const names = new Set<string>([...mesh.revisions.keys(), ...istiods.keys()])
  const revisions: ClusterRevision[] = [...names].sort().map((name) => {
    const r = mesh.revisions.get(name)
    const istiod = istiods.get(name)
    return {
      name,
      cniEnabled: r?.cniEnabled ?? (r?.sources.some((s) => s.endsWith('data.values')) ? false : null),
      nativeSidecars: r?.nativeSidecars ?? istiod?.native ?? null,
      dnsCapture: r?.dnsCapture ?? null,
      istiod: istiod?.ref ?? null,
      tags: [...tags].filter(([, rev]) => rev === name).map(([tag]) => tag).sort(),
      sources: r?.sources ?? [],
    }
  })

  const nodes = live.nodesRead
    ? objects.filter((s) => s.object.kind === 'Node' && labelOf(s.object, 'kubernetes.io/os') !== 'windows').length
    : null
  const ds = objects.map((s) => s.object).find(isCniAgent)
  const cni = ds ? readAgent(ds, objects, nodes, findings) : null

  if (!found) {
    const why = live.istioNamespace ? `nothing in namespace ${live.istioNamespace}` : 'no istiod Deployment and no istio-sidecar-injector ConfigMap readable'
    findings.unshift(finding('ICNI0308', { why }))
  } else {
    const cniRevisions = revisions.filter((r) => r.cniEnabled === true).map((r) => r.name)
    if (!cni) {
      const consequence = cniRevisions.length
        ? `, yet revision ${cniRevisions.join(', ')} injects in CNI mode: its new pods fail istio-validation`
        : ': install it before enabling CNI for a revision'
      findings.unshift(finding('ICNI0302', { consequence }))
    } else {
      const name = `${cni.namespace}/${cni.name}`
      if (cni.ready < cni.desired) findings.unshift(finding('ICNI0303', { daemonSet: name, ready: cni.ready, desired: cni.desired }))
      if (cni.nodes !== null && cni.desired < cni.nodes) findings.push(finding('ICNI0304', { daemonSet: name, desired: cni.desired, nodes: cni.nodes }))
      const sidecars = sidecarNamespaces(objects)
      for (const ns of cni.excludeNamespaces) {
        if (sidecars.has(ns)) findings.push(finding('ICNI0306', { namespace: ns, key: cni.excludeKey === 'cni_network_config' ? 'kubernetes.exclude_namespaces' : cni.excludeKey ?? '' }))
      }
    }
    for (const r of revisions) if (r.cniEnabled === false) findings.push(finding('ICNI0305', { revision: r.name }))
  }

  return {
    context: live.context,
    scope: live.scope,
    skippedNamespaces: live.skippedNamespaces,
    istio: { found, namespaces: [...istioNamespaces].sort(), forced: live.istioNamespace !== undefined },
    revisions,
    cni,
    webhooks: webhooks(objects),
    findings,
  }
}
