// The smallest safe change per workload, ranked as ref §8 step 8: native sidecar (only where the
// cluster is known to support it) → container-level runAsUser = proxy UID (never pod-level) →
// narrow excludeOutboundIPRanges / excludeOutboundPorts merged with what already applies →
// nothing automatic ("restructure"). Pure: plans are data; appliers live beside this file.
import type { ContainerAnalysis, WorkloadAnalysis } from '../classify/verdict/judge.js'
import { cidrs, ports } from '../classify/mesh/capture.js'
import { checkCidrList, checkPortList } from '../classify/syntax/cidr.js'
import { isIPv4, isIP } from '../classify/syntax/destinations.js'
import { EXCLUDE_IP_RANGES, EXCLUDE_OUTBOUND_PORTS, NATIVE_SIDECAR } from '../model/keys.js'
import { annotation } from '../model/meta.js'
import { VAULT_INIT, vaultInjection } from '../classify/mesh/vault.js'
import { needsRoot } from '../classify/catalog/registry.js'

export const STRATEGIES = ['native', 'uid', 'exclude-ip-ranges', 'exclude-ports'] as const
export type Strategy = (typeof STRATEGIES)[number]

/** One change to a pod template: an annotation, or a field of an init container's securityContext. */
export type Edit =
  | { kind: 'annotation'; key: string; value: string }
  | { kind: 'runAsUser'; container: string; value: number }

export interface FixOption {
  strategy: Strategy | 'vendor'
  /** Containers it saves. */
  containers: string[]
  applicable: boolean
  why: string
  edits: Edit[]
  caveats: string[]
}

interface ContainerPlan {
  container: string
  options: FixOption[]
  chosen?: FixOption
}

export interface Plan {
  workload: WorkloadAnalysis
  /** Workload-wide option (native sidecar), ranked first. */
  native?: FixOption
  containers: ContainerPlan[]
  edits: Edit[]
  /** Containers nothing automatic can save, with what to do instead. */
  unfixed: { container: string; advice: string }[]
}

export interface PlanSettings {
  strategy?: Strategy
  /** Versions the cluster is known to run; native sidecars need both (ref §5.2). */
  istioVersion?: string
  kubernetesVersion?: string
}

const CAVEATS = {
  native: 'Native sidecars need Kubernetes SidecarContainers (beta, on by default, from 1.29) and Istio ≥ 1.24 for the annotation; the init containers then go through Envoy with full mesh policy (mTLS, REGISTRY_ONLY) (ref §5.2).',
  plaintext: 'Traffic from this container leaves in plaintext without mesh identity: it fails against destinations that require STRICT mTLS and bypasses egress gateways, AuthorizationPolicies and telemetry (ref §5.1).',
  root: 'Images that need root (package installs, chown, writes to root-owned paths) break as UID {uid}; volumes may need fsGroup (istio/istio#53150).',
  policy: 'Admission policies may forbid UID {uid} (OpenShift SCC restricted-v2 allows only the namespace range; Gatekeeper/Kyverno allowedUsers) (ref §5.1).',
  podWide: 'Exclusions are pod-wide: the application traffic to the same {what} bypasses the sidecar too (ref §5.1 (2), (3)).',
  replaces: 'The annotation replaces the mesh-wide value; its entries were copied in (ref §3.2).',
}

const version = (v?: string) => { const m = /(\d+)\.(\d+)/.exec(v ?? ''); return m ? [Number(m[1]), Number(m[2])] as const : undefined }
const atLeast = (v: readonly [number, number] | undefined, major: number, minor: number) => !!v && (v[0] > major || (v[0] === major && v[1] >= minor))

function nativeOption(a: WorkloadAnalysis, atRisk: ContainerAnalysis[], s: PlanSettings): FixOption {
  const istio = version(s.istioVersion)
  const kube = version(s.kubernetesVersion)
  const saved = atRisk.filter((c) => c.webhook?.position !== 'first').map((c) => c.name)
  const base = { strategy: 'native' as const, containers: saved, edits: [{ kind: 'annotation' as const, key: NATIVE_SIDECAR, value: 'true' }], caveats: [CAVEATS.native] }
  if (annotation(a.workload.pod.meta, NATIVE_SIDECAR) === 'false') return { ...base, applicable: false, why: `the pod sets ${NATIVE_SIDECAR}: "false" on purpose` }
  if (!istio || !kube) return { ...base, applicable: false, why: 'the Istio and Kubernetes versions are not known (pass --istio-version and --kubernetes-version, or run against the cluster)' }
  if (!atLeast(istio, 1, 24)) return { ...base, applicable: false, why: `Istio ${s.istioVersion} is older than 1.24, which introduced the ${NATIVE_SIDECAR} annotation` }
  if (!atLeast(kube, 1, 29)) return { ...base, applicable: false, why: `Kubernetes ${s.kubernetesVersion} is older than 1.29, where SidecarContainers is on by default` }
  if (!saved.length) return { ...base, applicable: false, why: 'the containers at risk run before istio-proxy even in native mode' }
  return { ...base, applicable: true, why: `Istio ${s.istioVersion} and Kubernetes ${s.kubernetesVersion} support native sidecars: istio-proxy starts before the init containers` }
}

/** A webhook's own knobs (issue #9): the Vault injector's annotations, ranked by vault.ts. */
function vendorOptions(a: WorkloadAnalysis, c: ContainerAnalysis): FixOption[] {
  const vault = c.webhook?.name === VAULT_INIT ? vaultInjection(a.workload.pod, { native: a.native, proxyUid: a.capture!.uids.value[0]! }) : undefined
  if (!vault) return [{ strategy: 'vendor', containers: [c.name], applicable: false, why: `${c.webhook!.webhook} has no per-pod knob for its user`, edits: [], caveats: [] }]
  return vault.fixes.map((f) => ({ strategy: 'vendor', containers: [c.name], applicable: f.applicable, why: `${f.what}: ${f.why}`, edits: f.edits, caveats: f.caveats }))
}

function uidOption(a: WorkloadAnalysis, c: ContainerAnalysis): FixOption {
  const uid = a.capture!.uids.value[0]!
  const caveats = [CAVEATS.plaintext, CAVEATS.root.replace('{uid}', String(uid)), CAVEATS.policy.replace('{uid}', String(uid))]
  const root = (c.network.programs ?? []).filter(needsRoot)
  const explicitRoot = c.ids.user === 0 && c.ids.userFrom === 'container'
  const base = { strategy: 'uid' as const, containers: [c.name], edits: [{ kind: 'runAsUser' as const, container: c.name, value: uid }], caveats }
  if (root.length) return { ...base, applicable: false, why: `it runs ${root.join(', ')}, which need root` }
  if (explicitRoot) return { ...base, applicable: false, why: 'it runs as root on purpose (runAsUser: 0)' }
  return { ...base, applicable: true, why: `runAsUser ${uid} on this init container only: the capture rules never redirect the proxy UID (${a.capture!.uids.from})` }
}

/** The annotation value after adding `items`: the pod's value if present, else a copy of the mesh-wide one (ref §3.2). */
function merged(a: WorkloadAnalysis, key: string, current: { value: string; from: string }, items: string[], split: (s: string) => string[]): { value: string; copied: boolean } {
  const pod = annotation(a.workload.pod.meta, key)
  const base = pod !== undefined ? split(pod) : current.from.startsWith('mesh-wide') ? split(current.value) : []
  const all = [...base]
  for (const i of items) if (!all.includes(i)) all.push(i)
  return { value: all.join(','), copied: pod === undefined && base.length > 0 }
}

function exclusionOption(a: WorkloadAnalysis, c: ContainerAnalysis, strategy: 'exclude-ports' | 'exclude-ip-ranges'): FixOption {
  const capture = a.capture!
  const tcp = c.network.traffic.filter((t) => t.proto === 'tcp')
  const base = { strategy, containers: [c.name], edits: [] as Edit[], caveats: [] as string[] }
  if (c.network.need !== 'required') return { ...base, applicable: false, why: 'its destinations are not in the spec' }
  const dnsCaptured = capture.dnsCapture.value && !ports(capture.excludeOutboundPorts.value).includes(53)
  if (dnsCaptured && c.network.traffic.some((t) => t.dest.resolves)) return { ...base, applicable: false, why: 'DNS capture is on and it resolves names: the lookup is redirected before any exclusion applies (ref §5.1)' }
  if (c.webhook && c.webhook.position === 'first' && strategy === 'exclude-ip-ranges') return { ...base, applicable: false, why: 'the Vault address is a name' }
  if (strategy === 'exclude-ports') {
    const unknown = tcp.filter((t) => t.dest.port === undefined)
    if (!tcp.length || unknown.length) return { ...base, applicable: false, why: 'the port of some destination is not in the spec' }
    const wanted = [...new Set(tcp.map((t) => String(t.dest.port)))]
    const m = merged(a, EXCLUDE_OUTBOUND_PORTS, capture.excludeOutboundPorts, wanted, (s) => ports(s).map(String))
    const bad = checkPortList(m.value, false)
    if (bad) return { ...base, applicable: false, why: bad }
    return { ...base, applicable: true, why: `exclude port${wanted.length > 1 ? 's' : ''} ${wanted.join(', ')} from capture`, edits: [{ kind: 'annotation', key: EXCLUDE_OUTBOUND_PORTS, value: m.value }], caveats: [CAVEATS.podWide.replace('{what}', `port${wanted.length > 1 ? 's' : ''} ${wanted.join(', ')}`), ...(m.copied ? [CAVEATS.replaces] : []), CAVEATS.plaintext] }
  }
  const hosts = tcp.map((t) => t.dest.host)
  if (!tcp.length || hosts.some((h) => !h || !isIP(h))) return { ...base, applicable: false, why: 'its destinations are names, not IP addresses (a ClusterIP is not in the spec)' }
  const wanted = [...new Set(hosts.map((h) => (isIPv4(h!) ? `${h}/32` : `${h}/128`)))]
  const m = merged(a, EXCLUDE_IP_RANGES, capture.excludeIPRanges, wanted, cidrs)
  const bad = checkCidrList(m.value, false)
  if (bad) return { ...base, applicable: false, why: bad }
  return { ...base, applicable: true, why: `exclude ${wanted.join(', ')} from capture`, edits: [{ kind: 'annotation', key: EXCLUDE_IP_RANGES, value: m.value }], caveats: [CAVEATS.podWide.replace('{what}', 'addresses'), ...(m.copied ? [CAVEATS.replaces] : []), CAVEATS.plaintext] }
}

const RESTRUCTURE = 'No automatic fix: move the network step into the main container (with holdApplicationUntilProxyStarts), into a separate Job, or use a native sidecar once the cluster supports it (ref §5.2).'

/** Joins edits: annotation values of the same key were each computed from the current value, so union them. */
function combine(edits: Edit[]): Edit[] {
  const out: Edit[] = []
  for (const e of edits) {
    const same = out.findIndex((o) => o.kind === e.kind && (o.kind === 'annotation' ? o.key === (e as { key: string }).key : o.container === (e as { container: string }).container))
    if (same < 0) { out.push(e); continue }
    const prev = out[same]!
    if (prev.kind === 'annotation' && e.kind === 'annotation') {
      const items = [...prev.value.split(','), ...e.value.split(',')].filter((x, i, all) => x && all.indexOf(x) === i)
      out[same] = { ...prev, value: items.join(',') }
    }
  }
  return out
}

export function planFix(a: WorkloadAnalysis, s: PlanSettings = {}): Plan {
  const atRisk = [...a.containers, ...a.webhooks].filter((c) => c.verdict.risk !== 'safe')
  const plan: Plan = { workload: a, containers: [], edits: [], unfixed: [] }
  // A pod broken now is fixed at its cause, then recreated (ref §2.7, §8.1).
  const broken = a.result.findings.find((f) => f.code === 'ICNI0106')
  if (broken) plan.unfixed.push({ container: '(pod)', advice: `${broken.message}: fix the cause (CNI node agent, init container), then recreate the pod (\`kubectl istiocni restart\`).` })
  if (!atRisk.length || !a.capture) return plan
  const native = nativeOption(a, atRisk, s)
  plan.native = native
  const useNative = native.applicable && (!s.strategy || s.strategy === 'native')
  for (const c of atRisk) {
    const options = [...(c.webhook ? vendorOptions(a, c) : [uidOption(a, c)]), exclusionOption(a, c, 'exclude-ip-ranges'), exclusionOption(a, c, 'exclude-ports')]
    const cp: ContainerPlan = { container: c.name, options }
    if (useNative && native.containers.includes(c.name)) cp.chosen = native
    else if (s.strategy === 'native') cp.chosen = undefined
    else cp.chosen = options.find((o) => o.applicable && (!s.strategy || o.strategy === s.strategy || (o.strategy === 'vendor' && s.strategy === 'uid')))
    plan.containers.push(cp)
    if (!cp.chosen) {
      const forced = s.strategy ? [native, ...options].find((o) => o.strategy === s.strategy) : undefined
      plan.unfixed.push({ container: c.name, advice: forced ? `--strategy ${s.strategy} cannot work: ${forced.why}` : RESTRUCTURE })
    }
  }
  plan.edits = combine(plan.containers.flatMap((c) => c.chosen?.edits ?? []))
  return plan
}
