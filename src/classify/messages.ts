// One message table: every finding and verdict reason has a stable code, a level, a one-line
// template and a remediation. Codes are never reused; retire a code by leaving it here with
// `retired: true`. (Shape after Istio's pkg/config/analysis/msg/messages.yaml.)
import type { Finding, Severity } from './result.js'

export interface Message {
  code: string
  severity: Severity
  /** Short name, used as the SARIF rule name. */
  name: string
  /** One line; `{key}` placeholders are filled from the finding's parameters. */
  template: string
  remediation: string
  /** Reference section(s) the rule comes from. */
  ref: string
}

const table = [
  // Verdict reasons (ICNI01xx).
  { code: 'ICNI0101', severity: 'error', name: 'InitContainerNeedsNetwork', ref: '§0, §2.6',
    template: 'init container {container} {what} before istio-proxy starts: under CNI the connection is redirected to 127.0.0.1:15001, where nothing listens yet',
    remediation: 'Use a native sidecar, run the init container as the proxy UID/GID, or exclude its ports/CIDRs (`kubectl istiocni explain` ranks them).' },
  { code: 'ICNI0102', severity: 'error', name: 'InitContainerNeedsDnsUnderCapture', ref: '§2.6, §5.1, §8 step 7',
    template: 'init container {container} resolves {host} while DNS capture is on: DNS is redirected to 15053, where nothing listens yet, so port and CIDR exclusions do not help',
    remediation: 'Run the init container as the proxy UID/GID, use a native sidecar, or disable DNS capture for this pod.' },
  { code: 'ICNI0103', severity: 'warning', name: 'InitContainerNetworkUnknown', ref: '§8 step 6',
    template: 'init container {container}: the spec does not say whether it uses the network ({why})',
    remediation: 'Check what the container does; if it connects out, apply a fix; if it does not, suppress this finding with a reason.' },
  { code: 'ICNI0104', severity: 'warning', name: 'ExclusionUnconfirmed', ref: '§5.1 (2), (3)',
    template: 'init container {container}: {exclusion} may cover its traffic, but {why}',
    remediation: 'Confirm the destination addresses and ports, or use a proxy UID/GID exemption instead.' },
  { code: 'ICNI0105', severity: 'warning', name: 'WebhookInitContainer', ref: '§1.3 caveat, §7',
    template: '{webhook} adds init container {container} at admission ({position}); it {what} before istio-proxy starts',
    remediation: '{fix}' },
  { code: 'ICNI0106', severity: 'error', name: 'PodBrokenNow', ref: '§2.7, §1.9',
    template: 'pod is broken now: {why}',
    remediation: 'Fix the cause (CNI node agent, init container network access), then recreate the pod.' },
  { code: 'ICNI0107', severity: 'info', name: 'NotMeshed', ref: '§1.7, §1.6',
    template: 'no sidecar: {why}',
    remediation: 'Nothing to do for the CNI migration.' },
  { code: 'ICNI0108', severity: 'info', name: 'NothingAtRisk', ref: '§0',
    template: '{why}',
    remediation: 'Nothing to do.' },
  // Side problems a careful reviewer flags (ICNI02xx).
  { code: 'ICNI0201', severity: 'warning', name: 'PodRunsAsProxyUid', ref: '§5.1 (1), IST0144',
    template: '{where} runAsUser {uid} is the proxy UID: the application traffic bypasses the sidecar',
    remediation: 'Set runAsUser to the proxy UID on the init container only, never at pod level or on application containers.' },
  { code: 'ICNI0202', severity: 'warning', name: 'PodRunsAsProxyGid', ref: '§5.1 (1b)',
    template: '{where} runAsGroup {gid} is the proxy GID: the application traffic bypasses the sidecar',
    remediation: 'Set runAsGroup to the proxy GID on the init container only.' },
  { code: 'ICNI0203', severity: 'error', name: 'InvalidTrafficAnnotation', ref: '§3.1 value rules',
    template: 'annotation {key}: {why}; the injector rejects the pod',
    remediation: 'Comma-separated values with no spaces; CIDRs need a prefix length (/32, /128); ports are single integers 0-65535.' },
  { code: 'ICNI0204', severity: 'warning', name: 'AnnotationReplacesMeshValue', ref: '§3.2',
    template: 'annotation {key} replaces the mesh-wide value {value} ({setting}) instead of adding to it',
    remediation: 'Copy the mesh-wide entries into the annotation.' },
  { code: 'ICNI0205', severity: 'warning', name: 'OutboundCaptureDisabled', ref: '§5.1 (2)',
    template: '{key} {value} takes all outbound traffic of the pod out of the mesh',
    remediation: 'Exclude only the CIDRs the init container needs (/32 for one address).' },
  { code: 'ICNI0206', severity: 'info', name: 'PlaintextExemption', ref: '§5.1',
    template: 'init container {container} is exempt ({token}): its traffic leaves in plaintext without mesh identity, and fails against destinations that require STRICT mTLS',
    remediation: 'Make sure the destinations accept plaintext (PERMISSIVE) or use a native sidecar.' },
  { code: 'ICNI0207', severity: 'info', name: 'HoldApplicationDoesNotHelp', ref: '§0, §5.3',
    template: 'holdApplicationUntilProxyStarts is set, but it only orders regular containers; init containers still run before istio-proxy',
    remediation: 'Use a native sidecar or another fix for the init containers.' },
  { code: 'ICNI0208', severity: 'info', name: 'DnsPortExcluded', ref: '§5.1 (3)',
    template: 'excludeOutboundPorts contains 53: DNS is not captured for the whole pod',
    remediation: 'Intended only if DNS proxying is not needed for this pod.' },
  { code: 'ICNI0209', severity: 'info', name: 'LegacyPodNeedsRestart', ref: '§8.1',
    template: 'pod still uses istio-init; it moves to CNI only when it is recreated',
    remediation: 'Restart the workload after the fixes (`kubectl istiocni restart`).' },
  { code: 'ICNI0210', severity: 'warning', name: 'InterceptionModeNone', ref: '§10 q1, §2.1',
    template: 'interceptionMode NONE: the CNI plugin accepts only REDIRECT and TPROXY and may fail to set up the pod',
    remediation: 'Verify on a test cluster before migrating this workload.' },
  { code: 'ICNI0211', severity: 'info', name: 'AlreadyCapturedToday', ref: '§1.3 caveat',
    template: 'init container {container} runs after istio-init, so it is already captured today: not a regression of the migration',
    remediation: 'Fix it like any other init container that needs the network.' },
  { code: 'ICNI0212', severity: 'warning', name: 'InvalidInjectValue', ref: '§1.7 step 3',
    template: '{from} sidecar.istio.io/inject has value {value}: only "true" and "false" decide; istiod ignores it',
    remediation: 'Use "true" or "false".' },
  { code: 'ICNI0213', severity: 'info', name: 'RevisionWithoutCni', ref: '§4.1',
    template: 'revision {revision} does not enable CNI in its injector values: new pods still get istio-init',
    remediation: 'Set values.pilot.cni.enabled=true for that revision when you migrate it.' },
  { code: 'ICNI0214', severity: 'warning', name: 'KubeInjectedTemplate', ref: '§1.1, §8.1',
    template: 'the pod template already contains injected Istio containers (istioctl kube-inject): it keeps {init} until it is injected again',
    remediation: 'Re-run istioctl kube-inject with the CNI-enabled configuration, or let the webhook inject it.' },
  { code: 'ICNI0215', severity: 'error', name: 'InputError', ref: '',
    template: '{why}',
    remediation: 'Fix the manifest.' },
] as const satisfies readonly Message[]

export type Code = (typeof table)[number]['code']
export const MESSAGES: ReadonlyMap<string, Message> = new Map(table.map((m) => [m.code, m]))

/** Builds a finding from its code and parameters: the only way the core reports one. */
export function finding(code: Code, params: Record<string, string | number> = {}, container?: string): Finding {
  const m = MESSAGES.get(code)!
  const message = m.template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`))
  return { severity: m.severity, code, message, ...(container ? { container } : {}) }
}
