// The cluster section of a live check (issue #4): which Istio revisions inject with CNI, the CNI
// node agent's health and exclusions, the injection webhooks, and the migration blockers they
// imply (ref §4, §1.8, §1.9). Pure: reads the objects the reader put into the input.
import type { LiveInput } from '../../model/input.js'
import type { KObject } from '../../model/k8s.js'
import { type Mesh, meshConfigMapRole } from '../../model/mesh.js'
import { envValue, isIstiod } from '../../model/istio.js'
import { INJECTION_NS, REV, STATUS } from '../../model/keys.js'
import { parseBool } from '../../model/meta.js'
import { type Agent, agentSettings, containerNamed, type ControlPlane, preflight, rankBlockers } from './cni-install.js'
import { finding } from '../result/messages.js'
import { detectPlatform } from './platform.js'
import type { ClusterCni, ClusterRevision, ClusterSection, ClusterWebhook, Finding } from '../result/result.js'

const labelOf = (o: KObject, key: string): string | undefined => {
  const v = o.metadata?.labels?.[key]
  return typeof v === 'string' ? v : undefined
}
const ref = (o: KObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`

export const isCniAgent = (o: KObject) => o.kind === 'DaemonSet' && (labelOf(o, 'k8s-app') === 'istio-cni-node' || o.metadata?.name === 'istio-cni-node')
const isIstioWebhook = (o: KObject) => o.kind === 'MutatingWebhookConfiguration' && (
  /^istio-(sidecar-injector|revision-tag-)/.test(o.metadata?.name ?? '') ||
  (Array.isArray(o.webhooks) && o.webhooks.some((w: any) => /sidecar-injector\.istio\.io$/.test(w?.name ?? ''))))

interface Istiod {
  ref: string
  native: boolean | 'auto' | null
  /** The `discovery` image tag (ref §4.6). */
  version: string | null
  /** Its untaint controller is on (ref §1.9; istio/istio:manifests/charts/istio-control/istio-discovery/templates/deployment.yaml). */
  untaint: boolean
}

/** istiod Deployments by revision: `REVISION` env, else the `istio.io/rev` label (ref §4.3). */
export function istiodRevisions(objects: { object: KObject }[]): Map<string, Istiod> {
  const out = new Map<string, Istiod>()
  for (const { object: o } of objects) {
    if (!isIstiod(o)) continue
    const c = containerNamed(o, 'discovery')
    const rev = envValue(c, 'REVISION') || labelOf(o, REV) || 'default'
    const env = envValue(c, 'ENABLE_NATIVE_SIDECARS')
    const native = env === undefined ? null : env === 'auto' ? 'auto' : parseBool(env) ?? null
    const version = /:([\w.-]+)$/.exec(typeof c?.image === 'string' ? c.image : '')?.[1] ?? null
    if (!out.has(rev)) out.set(rev, { ref: ref(o), native, version, untaint: parseBool(envValue(c, 'PILOT_ENABLE_NODE_UNTAINT_CONTROLLERS')) === true })
  }
  return out
}

/** The revisions as the preflight sees them (ref §4.6, §1.9). */
export const controlPlanes = (istiods: Map<string, Istiod>): ControlPlane[] =>
  [...istiods].map(([revision, i]) => ({ revision, version: i.version, untaint: i.untaint }))

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

function readAgent(agent: Agent, ds: KObject, nodes: number | null): ClusterCni {
  const status = ds.status ?? {}
  return {
    ...agent.settings,
    name: ds.metadata?.name ?? '',
    desired: Number(status.desiredNumberScheduled ?? 0),
    ready: Number(status.numberReady ?? 0),
    nodes,
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
  const all = objects.map((s) => s.object)
  const ds = all.find(isCniAgent)
  const agent = ds ? agentSettings(ds, all) : null
  const cni = ds && agent ? readAgent(agent, ds, nodes) : null
  const platform = detectPlatform(all, {
    ...(input.flags.platform ? { flag: input.flags.platform } : {}),
    ...(live.serverVersion ? { serverVersion: live.serverVersion } : {}),
    ...declaredPlatform(mesh),
  })

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
  findings.push(...preflight({ objects: all, platform, agent, mesh, controlPlanes: controlPlanes(istiods), unread: new Set(live.unread ?? []) }))

  return {
    context: live.context,
    scope: live.scope,
    skippedNamespaces: live.skippedNamespaces,
    istio: { found, namespaces: [...istioNamespaces].sort(), forced: live.istioNamespace !== undefined },
    platform,
    revisions,
    cni,
    webhooks: webhooks(objects),
    findings: rankBlockers(findings),
  }
}

/** The platform a revision's values name (`global.platform`, or istiod's PLATFORM env). */
export function declaredPlatform(mesh: Mesh): { declared?: string } {
  const declared = [...mesh.revisions.values()].map((r) => r.platform).find((p) => p !== undefined)
  return declared ? { declared } : {}
}
