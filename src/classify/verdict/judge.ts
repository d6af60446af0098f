// The verdict of one workload: injection, future mode, each application init container's need
// and exemption, webhook-added containers, live breakage, and side findings (ref §8 steps 1-7).
import type { Container, KObject } from '../../model/k8s.js'
import type { Workload } from '../../model/workloads.js'
import { type Mesh, revisionSettings } from '../../model/mesh.js'
import { annotation, label } from '../../model/meta.js'
import { liveMode, type LiveMode } from '../../model/istio.js'
import { CNI_UNINITIALIZED, EXCLUDE_IP_RANGES, EXCLUDE_OUTBOUND_PORTS, INCLUDE_IP_RANGES, INCLUDE_OUTBOUND_PORTS, ISTIO_CONTAINERS, ISTIO_PROXY, ISTIO_VALIDATION } from '../../model/keys.js'
import { effectiveIds } from '../../model/security.js'
import type { Finding, InitContainerResult, Verdict, WorkloadResult } from '../result/result.js'
import { finding } from '../result/messages.js'
import { decideInjection } from '../mesh/injection.js'
import { type Capture, cidrs, effectiveCapture, ports } from '../mesh/capture.js'
import { checkCidrList, checkPortList } from '../syntax/cidr.js'
import { analyzeNetwork, type ConfigMaps } from '../network/network.js'
import type { Rbac } from '../network/identity.js'
import { judgeContainer, type ContainerVerdict } from './exemptions.js'
import { webhookContainers } from '../mesh/webhooks.js'
import type { WebhookContainer } from '../mesh/webhook-container.js'
import type { NetworkAnalysis } from '../network/network.js'
import type { EffectiveIds } from '../../model/security.js'
import type { Revision } from '../../model/mesh.js'
import type { Injection } from '../mesh/injection.js'
import { type ObjectIndex, type Ownership, ownershipIn, ownerTitle } from '../owner/owner.js'

export interface Context {
  mesh: Mesh
  namespaces: Map<string, KObject>
  configMaps: ConfigMaps
  /** ServiceAccounts and RBAC of the input, when it has any (evidence for unknown programs). */
  rbac?: Rbac | undefined
  /** Every object of the input, for owner chains (issue #9). */
  owners: ObjectIndex
  /** MutatingWebhookConfiguration names in the input: they decide the order webhooks run in. */
  webhooks: { vault?: string; istio?: string }
  /** Keep every exemption considered, with its reason (explain); check does not read them. */
  detail?: boolean
}

/** Exemptions that leave the container's traffic unredirected: it goes out in plaintext (ref §5.1). */
const PLAINTEXT = new Set(['proxy-uid', 'proxy-gid', 'excluded-port', 'excluded-ip-range', 'outbound-capture-disabled'])

/** Side problems of the capture annotations (ref §3.1 value rules, §3.2, §5.1). */
function annotationFindings(w: Workload, mesh: Mesh, revision: string, capture: Capture): Finding[] {
  const out: Finding[] = []
  const checks: [string, (v: string) => string | undefined][] = [
    [INCLUDE_IP_RANGES, (v) => checkCidrList(v, true)], [EXCLUDE_IP_RANGES, (v) => checkCidrList(v, false)],
    [INCLUDE_OUTBOUND_PORTS, (v) => checkPortList(v, true)], [EXCLUDE_OUTBOUND_PORTS, (v) => checkPortList(v, false)],
  ]
  for (const [key, check] of checks) {
    const v = annotation(w.pod.meta, key)
    const bad = v === undefined ? undefined : check(v)
    if (bad) out.push(finding('ICNI0203', { key, why: bad }))
  }
  const meshValues = revisionSettings(mesh, revision).capture
  for (const [key, meshKey, list] of [[EXCLUDE_IP_RANGES, 'excludeIPRanges', cidrs], [EXCLUDE_OUTBOUND_PORTS, 'excludeOutboundPorts', (s: string) => ports(s).map(String)]] as const) {
    const pod = annotation(w.pod.meta, key)
    const meshValue = meshValues[meshKey]
    if (pod === undefined || !meshValue) continue
    const podItems = new Set<string>(list(pod))
    if (list(meshValue).some((m) => !podItems.has(m))) out.push(finding('ICNI0204', { key, value: JSON.stringify(meshValue), setting: `values.global.proxy.${meshKey}` }))
  }
  const wide = cidrs(capture.excludeIPRanges.value).find((c) => c === '0.0.0.0/0' || c === '::/0')
  if (wide) out.push(finding('ICNI0205', { key: 'excludeOutboundIPRanges', value: wide }))
  if (ports(capture.excludeOutboundPorts.value).includes(53)) out.push(finding('ICNI0208'))
  if (capture.interceptionMode.value === 'NONE') out.push(finding('ICNI0210'))
  return out
}

/** Pod-level or application-container UID/GID equal to the proxy's (ref §5.1, IST0144). */
function identityFindings(w: Workload, capture: Capture): Finding[] {
  const out: Finding[] = []
  const pod = w.pod.spec.securityContext ?? {}
  const uid = capture.uids.value
  const gid = capture.gids.value
  if (typeof pod.runAsUser === 'number' && uid.includes(pod.runAsUser)) out.push(finding('ICNI0201', { where: 'pod-level', uid: pod.runAsUser }))
  if (typeof pod.runAsGroup === 'number' && gid.includes(pod.runAsGroup)) out.push(finding('ICNI0202', { where: 'pod-level', gid: pod.runAsGroup }))
  for (const c of w.pod.spec.containers ?? []) {
    if (!c || c.name === ISTIO_PROXY) continue
    const u = c.securityContext?.runAsUser
    if (typeof u === 'number' && uid.includes(u)) out.push(finding('ICNI0201', { where: `container ${c.name}`, uid: u }))
  }
  return out
}

/** A live pod that is broken today (ref §2.7, §1.9). */
function brokenNow(w: Workload, live: LiveMode): string | undefined {
  if (label(w.pod.meta, CNI_UNINITIALIZED) === 'true') return `label ${CNI_UNINITIALIZED}=true: the CNI repair controller found istio-validation failing`
  const inits = w.pod.status?.initContainerStatuses ?? []
  const validation = inits.find((s) => s?.name === ISTIO_VALIDATION)
  const code = validation?.lastState?.terminated?.exitCode ?? validation?.state?.terminated?.exitCode
  if (code === 126) return 'istio-validation exited 126: the CNI plugin did not set up redirection for this pod'
  const proxyWaiting = [...(w.pod.status?.containerStatuses ?? []), ...inits].find((s) => s?.name === ISTIO_PROXY)?.state?.waiting?.reason === 'PodInitializing'
  if (live.redirection !== 'cni' || !proxyWaiting) return undefined
  const looping = inits.find((s) => s?.name && !ISTIO_CONTAINERS.has(s.name) && ((s.restartCount ?? 0) > 0 || s.state?.waiting?.reason === 'CrashLoopBackOff'))
  return looping ? `init container ${looping.name} is crash-looping (${looping.restartCount ?? 0} restarts) while istio-proxy waits in PodInitializing` : undefined
}

export interface ContainerAnalysis {
  name: string
  /** Index in spec.initContainers; -1 for a container a webhook adds. */
  index: number
  network: NetworkAnalysis
  ids: EffectiveIds
  verdict: ContainerVerdict
  webhook?: WebhookContainer
}

/** Everything the core found about one workload: what `explain` tells and what `fix` plans from. */
export interface WorkloadAnalysis {
  workload: Workload
  /** Who owns the spec, and where a change must go (issue #9). */
  ownership: Ownership
  injection: Injection
  live?: LiveMode
  revision?: Revision
  capture?: Capture
  native: boolean
  containers: ContainerAnalysis[]
  webhooks: ContainerAnalysis[]
  result: WorkloadResult
}

/** `a` and `b` hold the very same values (shared, not equal) but for `key`. */
function sameBut(a: object, b: object, key: string): boolean {
  if (a === b) return true
  const ka = Object.keys(a).filter((k) => k !== key)
  return ka.length === Object.keys(b).filter((k) => k !== key).length && ka.every((k) => Object.hasOwn(b, k) && (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
}

/**
 * `before`: an analysis of the same workload before a change (fix checks its own edits). The
 * network analysis of an init container reads the container and the pod spec, never a
 * securityContext (where fix sets runAsUser) nor the pod's metadata (its annotations): where the
 * rest is the same objects (fix's edits copy only what they change), it is kept, not redone.
 */
export function analyzeWorkload(w: Workload, ctx: Context, before?: WorkloadAnalysis): WorkloadAnalysis {
  const findings: Finding[] = []
  const namespace = ctx.namespaces.get(w.namespace)
  const injection = decideInjection(w, namespace, ctx.mesh, findings)
  const spec = w.pod.spec
  const base = { namespace: w.namespace, spec, configMaps: ctx.configMaps, rbac: ctx.rbac }
  let appsLocal: boolean | undefined
  // Read only when an unknown init program meets RBAC in the input: the application containers are analysed then.
  const podCtx = Object.assign({}, base, { appsLocal: () => (appsLocal ??= (spec.containers ?? []).filter((c) => c?.name !== ISTIO_PROXY).every((c) => { const a = analyzeNetwork(c, base); return a.need === 'none' && a.confidence === 'decided' })) })
  const apps = (spec.initContainers ?? []).map((c, index) => ({ c, index })).filter(({ c }) => !ISTIO_CONTAINERS.has(c.name ?? ''))
  const kept = before && before.workload.namespace === w.namespace && sameBut(before.workload.pod.spec, spec, 'initContainers') ? before : undefined
  const keptNetwork = (c: Container, index: number) => {
    const was = kept?.workload.pod.spec.initContainers?.[index]
    return was && sameBut(was, c, 'securityContext') ? kept!.containers.find((x) => x.index === index)?.network : undefined
  }
  const analyses = apps.map(({ c, index }) => keptNetwork(c, index) ?? analyzeNetwork(c, podCtx))
  const result = (verdict: Verdict, verdicts: Pick<ContainerVerdict, 'exempt' | 'exemptToken'>[]): WorkloadResult => ({
    kind: w.kind, namespace: w.namespace, name: w.name, source: w.source, ...(w.generic ? { generic: true as const } : {}), verdict,
    initContainers: apps.map(({ c }, i): InitContainerResult => ({ name: c.name ?? `#${apps[i]!.index}`, network: analyses[i]!.need, confidence: analyses[i]!.confidence, exempt: verdicts[i]!.exempt, exemptToken: verdicts[i]!.exemptToken, evidence: analyses[i]!.evidence })),
    findings,
  })

  const ids = apps.map(({ c }) => effectiveIds(c, spec))
  if (!injection.meshed) {
    const token = injection.ambient ? 'ambient' : 'not-meshed'
    findings.push(finding('ICNI0107', { why: injection.why }))
    const verdicts = analyses.map((a): ContainerVerdict => (a.need === 'none'
      ? { exempt: null, exemptToken: null, risk: 'safe', findings: [], considered: [] }
      : { exempt: `${token}: ${injection.why}`, exemptToken: token, risk: 'safe', findings: [], considered: [{ exemption: token, applies: true, why: injection.why }] }))
    const containers = apps.map(({ c, index }, i): ContainerAnalysis => ({ name: c.name ?? `#${index}`, index, network: analyses[i]!, ids: ids[i]!, verdict: verdicts[i]! }))
    return withOwnership({ workload: w, injection, native: false, containers, webhooks: [], result: result('not-meshed', verdicts) }, ctx)
  }

  const live = injection.live ? liveMode(spec) : undefined
  const revision = revisionSettings(ctx.mesh, injection.revision)
  const capture = effectiveCapture(w.pod, ctx.mesh, revision, live, namespace)
  const native = live ? live.native : injection.native
  const nativeWhy = live ? 'istio-proxy is in initContainers with restartPolicy: Always' : injection.nativeWhy
  const verdicts: ContainerVerdict[] = apps.map(({ c, index }, i) => {
    const placement = { afterNativeProxy: native && (!live || index > live.proxyIndex), nativeWhy }
    const v = judgeContainer(c.name ?? `#${index}`, analyses[i]!.need, analyses[i]!.traffic, ids[i]!, capture, placement, ctx.detail !== false)
    if (v.risk !== 'safe' && live && live.istioInitIndex >= 0 && index > live.istioInitIndex) v.findings.push(finding('ICNI0211', { container: c.name ?? '' }, c.name))
    if (v.exemptToken && PLAINTEXT.has(v.exemptToken) && analyses[i]!.need === 'required')
      v.findings.push(finding('ICNI0206', { container: c.name ?? '', token: v.exemptToken }, c.name))
    return v
  })
  for (const v of verdicts) findings.push(...v.findings)

  let webhookRisk: ContainerVerdict['risk'] = 'safe'
  const webhooks: ContainerAnalysis[] = []
  if (!live) {
    for (const wc of webhookContainers(w.pod, { native, proxyUid: capture.uids.value[0]!, webhooks: ctx.webhooks })) {
      const placement = { afterNativeProxy: native && wc.position !== 'first', nativeWhy }
      const v = judgeContainer(wc.name, 'required', wc.traffic, wc.ids, capture, placement, ctx.detail !== false)
      webhooks.push({ name: wc.name, index: -1, network: { need: 'required', confidence: 'decided', traffic: wc.traffic, evidence: wc.traffic.map((t) => t.evidence) }, ids: wc.ids, verdict: v, webhook: wc })
      if (v.risk === 'safe') continue
      webhookRisk = 'review'
      const position = wc.position === 'first' ? 'before every other init container, the proxy included' : wc.position === 'last' ? 'after Istio\'s containers' : 'among the application init containers'
      findings.push(finding('ICNI0105', { webhook: wc.webhook, container: wc.name, position, what: wc.does, fix: wc.fix }, wc.name))
    }
  }

  const broken = live ? brokenNow(w, live) : undefined
  if (broken) findings.push(finding('ICNI0106', { why: broken }))
  const risks = [...verdicts.map((v) => v.risk), webhookRisk]
  const verdict: Verdict = broken || risks.includes('breaks') ? 'breaks' : risks.includes('review') ? 'review' : 'ok'

  if (verdict === 'ok') {
    const exempted = verdicts.filter((v) => v.exempt).length
    const why = !apps.length ? `meshed (${injection.why}); no application init containers`
      : `meshed (${injection.why}); ${apps.length} application init container${apps.length > 1 ? 's' : ''}, none at risk${exempted ? ` (${exempted} exempt)` : ''}`
    findings.unshift(finding('ICNI0108', { why }))
  }
  if (verdict === 'breaks' && capture.holdApplication) findings.push(finding('ICNI0207'))
  if (live?.redirection === 'istio-init') findings.push(finding('ICNI0209'))
  if (live && w.kind !== 'Pod') findings.push(finding('ICNI0214', { init: live.redirection === 'istio-init' ? 'istio-init' : 'its injected containers' }))
  if (revision.cniEnabled === false) findings.push(finding('ICNI0213', { revision: revision.name }))
  findings.push(...annotationFindings(w, ctx.mesh, injection.revision, capture), ...identityFindings(w, capture))
  const analysis = withOwnership({ workload: w, injection, ...(live ? { live } : {}), revision, capture, native, containers: [] as ContainerAnalysis[], webhooks, result: undefined as unknown as WorkloadResult }, ctx)
  if (verdict !== 'ok' && analysis.ownership.reverted) findings.push(finding('ICNI0216', { owner: ownerTitle(analysis.ownership), changeAt: analysis.ownership.changeAt }))
  const containers = apps.map(({ c, index }, i): ContainerAnalysis => ({ name: c.name ?? `#${index}`, index, network: analyses[i]!, ids: ids[i]!, verdict: verdicts[i]! }))
  analysis.containers = containers
  analysis.result = result(verdict, verdicts)
  return analysis
}

/** Ownership is read only by explain, fix and non-ok rows: worked out on first read. */
function withOwnership(a: Omit<WorkloadAnalysis, 'ownership'>, ctx: Context): WorkloadAnalysis {
  let owner: Ownership | undefined
  return Object.defineProperty(a, 'ownership', { get: () => (owner ??= ownershipIn(ctx.owners, a.workload.object)), enumerable: true }) as WorkloadAnalysis
}
