// The migration preflight (issue #15): the CNI node agent's effective settings, read from its
// DaemonSet and ConfigMap (a cluster, or `helm template` output of the istio-cni chart) or from an
// install resource (IstioOperator, Sail's IstioCNI), checked against the platform (ref §1.8, §1.9,
// §4.4-§4.6, §6). Pure: reads the input snapshot only.
import type { KObject } from '../../model/k8s.js'
import { envValue } from '../../model/istio.js'
import { INJECTION_NS, ISTIO_VALIDATION, REV } from '../../model/keys.js'
import { type Mesh, revisionSettings } from '../../model/mesh.js'
import { parseBool } from '../../model/meta.js'
import { templatePath, workloadKind } from '../../model/kinds.js'
import { finding } from '../result/messages.js'
import { CHART_DEFAULTS, PLATFORMS } from './platform.js'
import type { ClusterSection, CniSettings, Finding, PlatformInfo } from '../result/result.js'
import { suppressionOf } from '../result/threshold.js'

const refOf = (o: KObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`
const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined)

/** The named container of a pod-template owner, else its first. */
export function containerNamed(o: KObject, name: string): any {
  const cs: any[] = o.spec?.template?.spec?.containers ?? []
  return cs.find((c) => c?.name === name) ?? cs[0]
}

/** `1.24.3`, `1.24-dev`, `v1.24.3-distroless` → 24; anything else (latest, a digest) → null. */
function minorOf(version: string | null | undefined): number | null {
  const m = /^v?1\.(\d+)(?:[.-]|$)/.exec(version ?? '')
  return m ? Number(m[1]) : null
}

/** The agent as read from its DaemonSet, with the ConfigMap it reads and that ConfigMap's data. */
export interface Agent {
  settings: CniSettings
  configMap: string
  data: Record<string, string>
}

/** A setting of the agent: its container env first (values.cni.env, ≤1.22 repair env), then its ConfigMap (ref §4.4). */
function agentSetting(container: any, data: Record<string, string>, key: string): string | undefined {
  return envValue(container, key) ?? (typeof data[key] === 'string' ? data[key] : undefined)
}

/** The agent's effective settings from its DaemonSet and the ConfigMaps among `objects` (ref §4.4, §1.8, §1.9). */
export function agentSettings(ds: KObject, objects: KObject[]): Agent {
  const ns = ds.metadata?.namespace ?? ''
  const container = containerNamed(ds, 'install-cni')
  const refs: string[] = (container?.envFrom ?? []).map((e: any) => e?.configMapRef?.name).filter(Boolean)
  const cmNames = refs.length ? refs : ['istio-cni-config']
  const cms = objects.filter((o) => o.kind === 'ConfigMap' && o.metadata?.namespace === ns && cmNames.includes(o.metadata?.name ?? ''))
  const data: Record<string, string> = Object.assign({}, ...cms.map((c) => c.data ?? {}))
  const configMap = `${ns}/${cms[0]?.metadata?.name ?? cmNames[0]}`
  const setting = (key: string) => agentSetting(container, data, key)

  // ref §1.8: EXCLUDE_NAMESPACES is read; EXCLUDED_NAMESPACES (chart bug) is not; ≤1.22 used the JSON template.
  let excludeNamespaces: string[] = []
  let excludeKey: CniSettings['excludeKey'] = null
  const exclude = setting('EXCLUDE_NAMESPACES')
  if (exclude !== undefined) {
    excludeNamespaces = list(exclude)
    excludeKey = 'EXCLUDE_NAMESPACES'
  } else if (typeof data.EXCLUDED_NAMESPACES === 'string') {
    excludeKey = 'EXCLUDED_NAMESPACES'
  } else if (typeof data.cni_network_config === 'string') {
    const m = /"exclude_namespaces"\s*:\s*\[([^\]]*)\]/.exec(data.cni_network_config)
    if (m) {
      excludeNamespaces = [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!)
      excludeKey = 'cni_network_config'
    }
  }
  // Defaults of cni/pkg/cmd/root.go (istio/istio) and the chart since 1.21 (ref §1.9).
  const flag = (key: string, dflt: boolean) => parseBool(setting(key)) ?? dflt
  const volumes: any[] = ds.spec?.template?.spec?.volumes ?? []
  const hostPath = (name: string) => str(volumes.find((v) => v?.name === name)?.hostPath?.path) ?? null
  const image = str(container?.image) ?? null
  return {
    configMap,
    data,
    settings: {
      from: refOf(ds),
      namespace: ns,
      // istio/istio:manifests/charts/istio-cni/templates/daemonset.yaml names the volumes.
      binDir: hostPath('cni-bin-dir'),
      confDir: hostPath('cni-net-dir'),
      netnsDir: hostPath('cni-netns-dir'),
      chained: flag('CHAINED_CNI_PLUGIN', true),
      confName: str(setting('CNI_CONF_NAME')) ?? null,
      provider: null,
      ambient: flag('AMBIENT_ENABLED', false),
      excludeNamespaces,
      excludeKey,
      repair: { enabled: flag('REPAIR_ENABLED', true), repairPods: flag('REPAIR_REPAIR_PODS', true), deletePods: flag('REPAIR_DELETE_PODS', false), labelPods: flag('REPAIR_LABEL_PODS', false) },
      version: data.CURRENT_AGENT_VERSION ?? (/:([\w.-]+)$/.exec(image ?? '')?.[1] ?? null),
      image,
    },
  }
}

/** What an install resource declares: the agent's settings, and what the chart renders beside it. */
interface DeclaredInstall {
  agent: Agent
  /** The NetworkAttachmentDefinition and ResourceQuota the chart renders from these values. */
  renders: KObject[]
  platform?: string
}

const isSail = (o: KObject) => /^sailoperator\.io\//.test(String(o.apiVersion ?? ''))

/**
 * An IstioOperator with `components.cni.enabled`, or a Sail `IstioCNI` (ref §4.5): chart defaults,
 * then the platform profile its values name, then its own `values.cni` (the chart copies `.cni.*`
 * to the top: istio/istio:manifests/charts/istio-cni/templates/zzy_descope_legacy.yaml).
 */
export function declaredInstall(o: KObject): DeclaredInstall | undefined {
  const iop = o.kind === 'IstioOperator' && o.spec?.components?.cni?.enabled === true
  if (!iop && !(o.kind === 'IstioCNI' && isSail(o))) return undefined
  const values = o.spec?.values ?? {}
  const cni = { ...(values.cni ?? {}) } as Record<string, any>
  const platform = str(values.global?.platform) ?? (PLATFORMS[o.spec?.profile] ? o.spec.profile : undefined)
  const profile = platform ? PLATFORMS[platform] : undefined
  const namespace = str(iop ? o.spec.components.cni.namespace : o.spec?.namespace) ?? (iop ? 'istio-system' : 'istio-cni')
  const pick = <T>(v: unknown, fallback: T): T => (v === undefined || v === '' ? fallback : (v as T))
  const repair = cni.repair ?? {}
  const provider = pick(cni.provider, profile?.provider ?? 'default')
  const version = str(o.spec?.version)?.replace(/^v/, '') ?? str(o.spec?.tag) ?? str(cni.tag) ?? null
  const settings: CniSettings = {
    from: `${o.kind} ${refOf(o)}`,
    namespace,
    // Without an explicit cniBinDir the chart picks GKE's at install time (null: decided then).
    binDir: pick(cni.cniBinDir, profile?.binDir ?? null),
    confDir: pick(cni.cniConfDir, profile?.confDir ?? CHART_DEFAULTS.confDir),
    netnsDir: pick(cni.cniNetnsDir, profile?.netnsDir ?? CHART_DEFAULTS.netnsDir),
    chained: pick(cni.chained, profile?.chained ?? true),
    confName: str(cni.cniConfFileName) ?? null,
    provider,
    ambient: cni.ambient?.enabled === true,
    excludeNamespaces: Array.isArray(cni.excludeNamespaces) ? cni.excludeNamespaces.map(String) : ['kube-system'],
    excludeKey: 'values',
    repair: { enabled: pick(repair.enabled, true), repairPods: pick(repair.repairPods, true), deletePods: pick(repair.deletePods, false), labelPods: pick(repair.labelPods, false) },
    version,
    image: null,
  }
  const renders: KObject[] = []
  // istio/istio:manifests/charts/istio-cni/templates/{network-attachment-definition,resourcequota}.yaml
  if (provider === 'multus') renders.push({ kind: 'NetworkAttachmentDefinition', metadata: { name: 'istio-cni', namespace: 'default' } })
  if (pick(cni.resourceQuotas?.enabled, profile?.resourceQuotas ?? false)) {
    renders.push({ kind: 'ResourceQuota', metadata: { name: 'istio-cni-resource-quota', namespace }, spec: { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-node-critical'] }] } } })
  }
  return { agent: { settings, configMap: settings.from, data: {} }, renders, ...(platform ? { platform } : {}) }
}

/** A control-plane revision as the preflight needs it: its version and whether it untaints nodes. */
export interface ControlPlane {
  revision: string
  version: string | null
  /** istiod's untaint controller (values.pilot.taint.enabled → PILOT_ENABLE_NODE_UNTAINT_CONTROLLERS). */
  untaint: boolean
}

interface PreflightInput {
  objects: KObject[]
  platform: PlatformInfo
  /** The CNI node agent; null when none was found (only the cluster-wide rules run). */
  agent: Agent | null
  mesh: Mesh
  controlPlanes: ControlPlane[]
  /** Kinds the reader could not list (forbidden): the rules that need them stay silent. */
  unread: ReadonlySet<string>
}

const POD_SECURITY = 'pod-security.kubernetes.io/enforce'
const enforced = (o: KObject | undefined) => {
  const v = o?.metadata?.labels?.[POD_SECURITY]
  return v === 'baseline' || v === 'restricted' ? v : undefined
}

/** ref §4.4, §6: each host directory against the platform's profile. */
function hostPaths(p: PreflightInput, s: CniSettings): Finding[] {
  const name = p.platform.name
  const profile = name ? PLATFORMS[name] : undefined
  if (!name || !profile) return []
  // k3s/k3d paths hold only with their embedded flannel; with an external CNI the runtime uses that CNI's paths.
  if ((name === 'k3s' || name === 'k3d') && p.platform.primaryCni) return []
  const dirs = [
    { volume: 'cni-bin-dir', actual: s.binDir ?? (name === 'gke' ? profile.binDir : CHART_DEFAULTS.binDir), expected: profile.binDir ?? CHART_DEFAULTS.binDir },
    { volume: 'cni-net-dir', actual: s.confDir, expected: profile.confDir ?? CHART_DEFAULTS.confDir },
    // The chart mounts the netns directory only with ambient (templates/daemonset.yaml).
    ...(s.ambient ? [{ volume: 'cni-netns-dir', actual: s.netnsDir, expected: profile.netnsDir ?? CHART_DEFAULTS.netnsDir }] : []),
  ]
  const norm = (v: string) => v.replace(/\/+$/, '')
  return dirs.filter((d) => d.actual && norm(d.actual) !== norm(d.expected!)).map((d) =>
    finding('ICNI0310', { agent: s.from, volume: d.volume, path: d.actual!, platform: profile.label, expected: d.expected! }))
}

/** ref §6.1, §4.4: Multus needs default/istio-cni, and pods that name it. */
function multus(p: PreflightInput, s: CniSettings): Finding[] {
  const viaMultus = !s.chained || s.provider === 'multus' || p.platform.name === 'openshift'
  if (!viaMultus) return []
  const out: Finding[] = []
  const nad = p.objects.some((o) => o.kind === 'NetworkAttachmentDefinition' && o.metadata?.name === 'istio-cni' && (o.metadata?.namespace ?? 'default') === 'default')
  if (!nad && !p.unread.has('NetworkAttachmentDefinition')) out.push(finding('ICNI0311', { agent: s.from, why: 'does not exist' }))
  for (const r of p.mesh.revisions.values()) {
    if (r.cniEnabled === true && r.cniProvider !== 'multus') out.push(finding('ICNI0312', { what: `revision ${r.name} enables CNI without pilot.cni.provider=multus` }))
  }
  const bare = p.objects.filter((o) => o.kind === 'Pod' && (o.spec?.initContainers ?? []).some((c: any) => c?.name === ISTIO_VALIDATION) &&
    !/(^|[\s,/"])istio-cni\b/.test(String(o.metadata?.annotations?.['k8s.v1.cni.cncf.io/networks'] ?? '')))
  if (bare.length) {
    const named = bare.slice(0, 3).map(refOf).join(', ')
    out.push(finding('ICNI0312', { what: `${bare.length} CNI-mode pod${bare.length === 1 ? ' lacks' : 's lack'} the annotation (${named}${bare.length > 3 ? ', …' : ''})` }))
  }
  return out
}

/** ref §6.3: Cilium as primary CNI must not be exclusive. */
function cilium(p: PreflightInput): Finding[] {
  const primary = p.platform.primaryCni
  if (primary?.name !== 'Cilium' || p.unread.has('cilium-config')) return []
  const ns = primary.daemonSet.split('/')[0]
  const cm = p.objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.namespace === ns && o.metadata?.name === 'cilium-config')
  const value = cm?.data?.['cni-exclusive']
  if (value === 'false') return []
  const why = !cm ? 'is missing (Cilium is exclusive by default)' : value === undefined ? 'does not set cni-exclusive: "false" (Cilium is exclusive by default)' : `sets cni-exclusive: ${JSON.stringify(value)}`
  return [finding('ICNI0313', { daemonSet: primary.daemonSet, configMap: `${ns}/cilium-config`, why })]
}

/** ref §6.2: outside kube-system, GKE wants a ResourceQuota for system-node-critical. */
function gkeQuota(p: PreflightInput, s: CniSettings): Finding[] {
  if (p.platform.name !== 'gke' || s.namespace === 'kube-system' || p.unread.has('ResourceQuota')) return []
  const ok = p.objects.some((o) => o.kind === 'ResourceQuota' && o.metadata?.namespace === s.namespace &&
    (o.spec?.scopeSelector?.matchExpressions ?? []).some((e: any) => e?.scopeName === 'PriorityClass' && e?.operator === 'In' && (e?.values ?? []).includes('system-node-critical')))
  return ok ? [] : [finding('ICNI0314', { namespace: s.namespace })]
}

/** ref §1.9: the repair controller, or the not-ready taint with istiod's untaint controller. */
function startupRace(p: PreflightInput, a: Agent): Finding[] {
  const r = a.settings.repair
  if (r.enabled && (r.repairPods || r.deletePods || r.labelPods)) return []
  if (p.controlPlanes.some((c) => c.untaint)) return []
  return [finding('ICNI0309', { what: r.enabled ? `the CNI repair controller in ${a.configMap} has every action off` : `the CNI repair controller is disabled in ${a.configMap}` })]
}

/** ref §1.8: the agent's exclusion list. */
function exclusions(a: Agent): Finding[] {
  const s = a.settings
  if (s.excludeKey === 'EXCLUDED_NAMESPACES') return [finding('ICNI0307', { configMap: a.configMap, value: JSON.stringify(a.data.EXCLUDED_NAMESPACES) })]
  if (s.excludeKey === null || s.excludeNamespaces.includes('kube-system')) return []
  return [finding('ICNI0316', { namespaces: 'kube-system', key: s.excludeKey === 'cni_network_config' ? 'kubernetes.exclude_namespaces' : s.excludeKey === 'values' ? 'values.cni.excludeNamespaces' : s.excludeKey })]
}

/** ref §4.6: CNI 1.x works with control planes 1.x-1 to 1.x+1. */
function skew(p: PreflightInput, s: CniSettings): Finding[] {
  const cni = minorOf(s.version)
  if (cni === null) return []
  return p.controlPlanes.filter((c) => {
    const m = minorOf(c.version)
    return m !== null && Math.abs(m - cni) > 1
  }).map((c) => finding('ICNI0317', { cni: s.version!, revision: c.revision, istiod: c.version! }))
}

/** The pod spec of each top-level workload (owned objects are their owner's business). */
function podSpecsIn(objects: KObject[], namespace: string): { ref: string; spec: any }[] {
  return objects.filter((o) => workloadKind(o) !== undefined && (o.metadata?.namespace ?? 'default') === namespace && !(o.metadata?.ownerReferences ?? []).length)
    .map((o) => ({ ref: `${String(o.kind).toLowerCase()}/${o.metadata?.name}`, spec: templatePath(o).reduce((x: any, k) => x?.[k], o)?.spec ?? (o.kind === 'Pod' ? o.spec : undefined) }))
}

/** ref §6.4: Pod Security on the agent's namespace, and on the injected ones. */
function podSecurity(p: PreflightInput, s: CniSettings | undefined): Finding[] {
  const out: Finding[] = []
  const namespaces = p.objects.filter((o) => o.kind === 'Namespace')
  if (s) {
    const level = enforced(namespaces.find((n) => n.metadata?.name === s.namespace))
    if (level) out.push(finding('ICNI0315', { namespace: s.namespace, level }))
  }
  for (const ns of namespaces) {
    const level = enforced(ns)
    const labels = ns.metadata?.labels ?? {}
    const rev = labels[INJECTION_NS] === 'enabled' ? 'default' : labels[REV]
    if (!level || !rev || ns.metadata?.name === s?.namespace) continue
    const revision = revisionSettings(p.mesh, p.mesh.tags.get(rev) ?? rev)
    const name = ns.metadata?.name ?? ''
    if (revision.cniEnabled !== true) out.push(finding('ICNI0318', { namespace: name, level }))
    if (level !== 'restricted' || revision.proxySeccomp === true) continue
    const bare = podSpecsIn(p.objects, name).filter((w) => !w.spec?.securityContext?.seccompProfile).map((w) => w.ref)
    if (bare.length) out.push(finding('ICNI0319', { namespace: name, workloads: `${bare.slice(0, 3).join(', ')}${bare.length > 3 ? ` and ${bare.length - 3} more` : ''}`, revision: revision.name }))
  }
  return out
}

/** Every preflight finding, blockers first (ref §1.8, §1.9, §4.4-§4.6, §6). */
export function preflight(p: PreflightInput): Finding[] {
  const a = p.agent
  const s = a?.settings
  const out = [
    ...(a && s ? [...hostPaths(p, s), ...multus(p, s), ...gkeQuota(p, s), ...skew(p, s), ...exclusions(a), ...startupRace(p, a)] : []),
    ...cilium(p),
    ...podSecurity(p, s),
  ]
  return rankBlockers(out)
}

/** Blocking findings first, otherwise in order (stable). */
export const rankBlockers = (findings: Finding[]): Finding[] => [...findings.filter((f) => f.blocking), ...findings.filter((f) => !f.blocking)]

/** The preflight blockers standing in a live check's cluster section: `restart` and a cluster `fix` refuse while any does (unless --force). */
export function blockers(cluster: ClusterSection | undefined): Finding[] {
  return (cluster?.findings ?? []).filter((f) => f.blocking && !suppressionOf(f))
}
