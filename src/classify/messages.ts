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
  /** A few sentences for `explain <CODE>` and docs/codes.md, drawn from the reference (ref sections cited inline). */
  description?: string
}

const table = [
  // Verdict reasons (ICNI01xx).
  { code: 'ICNI0101', severity: 'error', name: 'InitContainerNeedsNetwork', ref: '§0, §2.6',
    description: 'Under the Istio CNI plugin the pod\'s capture rules are written when the sandbox is created, before any init container runs; under istio-init they were written last, so earlier init containers had unrestricted egress (ref §0). An application init container that opens a TCP connection to a captured destination is redirected to 127.0.0.1:15001, where nothing listens because istio-proxy starts only after the init containers, so the connection is refused at once and the error names the original address, e.g. `dial tcp 10.96.0.1:443: connect: connection refused` (ref §2.6). The pod then stays in `Init:` while istio-proxy waits in PodInitializing. holdApplicationUntilProxyStarts and reordering init containers do not help (ref §5.3).',
    template: 'init container {container} {what} before istio-proxy starts: under CNI the connection is redirected to 127.0.0.1:15001, where nothing listens yet',
    remediation: 'Use a native sidecar, run the init container as the proxy UID/GID, or exclude its ports/CIDRs (`kubectl istiocni explain` ranks them).' },
  { code: 'ICNI0102', severity: 'error', name: 'InitContainerNeedsDnsUnderCapture', ref: '§2.6, §5.1, §8 step 7',
    description: 'With DNS capture on (`ISTIO_META_DNS_CAPTURE=true`) the CNI plugin redirects every TCP and UDP port-53 packet of the pod to the agent\'s DNS proxy on 15053 (capture-all-DNS, ref §2.3, §2.4 step 6). Before istio-proxy starts nothing listens there, so lookups time out or are refused (`Could not resolve host`, apk `temporary error`), ref §2.6. The lookup fails before any connection is made, so excluding the destination\'s IP ranges or ports does not help (ref §5.1 (2)); only the proxy UID/GID, a native sidecar, excluding port 53, or disabling DNS capture for the pod do (ref §5.1, §5.2, §8 step 7). This is the failure behind istio/istio#36453 and the 1.10 to 1.11 upgrade breakages (ref §7).',
    template: 'init container {container} resolves {host} while DNS capture is on: DNS is redirected to 15053, where nothing listens yet, so port and CIDR exclusions do not help',
    remediation: 'Run the init container as the proxy UID/GID, use a native sidecar, or disable DNS capture for this pod.' },
  { code: 'ICNI0103', severity: 'warning', name: 'InitContainerNetworkUnknown', ref: '§8 step 6',
    description: 'Whether an init container uses the network is read from its image, command, arguments and environment; nothing exact is possible (ref §8 step 6). This code marks an init container that runs a program whose behaviour the spec does not show (an application binary, an opaque script or entrypoint) and that no exemption would cover if it did connect out. The workload gets the verdict review: someone who knows the container decides. If it never connects out, suppress this code with `istiocni.io/ignore` and a reason; if it does, apply one of the fixes of ICNI0101.',
    template: 'init container {container}: the spec does not say whether it uses the network ({why})',
    remediation: 'Check what the container does; if it connects out, apply a fix; if it does not, suppress this finding with a reason.' },
  { code: 'ICNI0104', severity: 'warning', name: 'ExclusionUnconfirmed', ref: '§5.1 (2), (3)',
    description: 'The pod excludes ports or IP ranges from capture and one of them may cover the init container\'s traffic, but the spec does not show enough to be sure: the destination is a host name while the exclusion is a CIDR, or the port is not written in the spec (ref §5.1 (2), (3)). CIDR exclusions must list the address seen inside the pod network namespace, usually the Service ClusterIP, because kube-proxy translates it only later on the host (ref §5.1 (2)). Confirm the addresses and ports the container really uses, or prefer the proxy UID/GID exemption, which covers any destination.',
    template: 'init container {container}: {exclusion} may cover its traffic, but {why}',
    remediation: 'Confirm the destination addresses and ports, or use a proxy UID/GID exemption instead.' },
  { code: 'ICNI0105', severity: 'warning', name: 'WebhookInitContainer', ref: '§1.3 caveat, §7',
    description: 'Some mutating webhooks add init containers at admission, so they are not in the manifest: the Vault agent injector adds vault-agent-init, which logs in to Vault (port 8200), and KServe adds storage-initializer, which downloads the model (ref §7). A webhook that runs after Istio\'s appends its container after istio-init, so it is already captured today (ref §1.3 caveat); one that prepends (Vault `agent-init-first`) runs before the proxy even with a native sidecar (ref §5.2). The vendor\'s own settings are usually the cleanest fix, e.g. `vault.hashicorp.com/agent-run-as-user` or `agent-pre-populate: "false"` (ref §5.1 (1)).',
    template: '{webhook} adds init container {container} at admission ({position}); it {what} before istio-proxy starts',
    remediation: '{fix}' },
  { code: 'ICNI0106', severity: 'error', name: 'PodBrokenNow', ref: '§2.7, §1.9',
    description: 'A live pod shows a failure surface the checker can read from the API (ref §2.7): istio-validation exited 126 because the CNI plugin did not program redirection, the repair controller labelled the pod `cni.istio.io/uninitialized=true` (ref §1.9), or an application init container is crash-looping while istio-proxy waits in PodInitializing under CNI redirection. The pod is broken now, whatever the manifest analysis says. Fix the cause (the CNI node agent, the init container\'s network access) and recreate the pod.',
    template: 'pod is broken now: {why}',
    remediation: 'Fix the cause (CNI node agent, init container network access), then recreate the pod.' },
  { code: 'ICNI0107', severity: 'info', name: 'NotMeshed', ref: '§1.7, §1.6',
    description: 'The workload gets no sidecar, so the move from istio-init to the CNI plugin does not touch it: hostNetwork pods and namespaces istiod ignores are never injected, the pod or its namespace opts out, no webhook selects it, or the injector policy is disabled (ref §1.7). Ambient pods have no sidecar either; since Istio 1.21 their init containers get mesh connectivity from their first packet because the CNI ADD waits for ztunnel (ref §1.6).',
    template: 'no sidecar: {why}',
    remediation: 'Nothing to do for the CNI migration.' },
  { code: 'ICNI0108', severity: 'info', name: 'NothingAtRisk', ref: '§0',
    description: 'The workload is meshed, but none of its application init containers is at risk: either none of them uses the network, or each one that does is covered by an exemption (native sidecar, proxy UID/GID, excluded port or CIDR, outbound capture disabled, DNS-only traffic while DNS capture is off), ref §0, §5.1. Nothing to do for the migration.',
    template: '{why}',
    remediation: 'Nothing to do.' },
  // Side problems a careful reviewer flags (ICNI02xx).
  { code: 'ICNI0201', severity: 'warning', name: 'PodRunsAsProxyUid', ref: '§5.1 (1), IST0144',
    description: 'The pod-level securityContext or an application container runs as the proxy UID (1337 by default). The capture rules return all traffic of that UID, so the application\'s traffic bypasses the sidecar: no mTLS, no policy, no telemetry (ref §5.1 (1)). Istio\'s own analyzer raises IST0144 InvalidApplicationUID for the same setting. The proxy UID belongs on the init container that needs the network, never at pod level.',
    template: '{where} runAsUser {uid} is the proxy UID: the application traffic bypasses the sidecar',
    remediation: 'Set runAsUser to the proxy UID on the init container only, never at pod level or on application containers.' },
  { code: 'ICNI0202', severity: 'warning', name: 'PodRunsAsProxyGid', ref: '§5.1 (1b)',
    description: 'The pod-level securityContext runs with the proxy GID (1337 by default) as primary group. The capture rules also match `--gid-owner` for the proxy GID, so every container of the pod leaves the mesh, and no Istio analyzer warns about it (ref §5.1 (1b)). Only the primary group counts: fsGroup and supplementalGroups of 1337 do not. Set runAsGroup to the proxy GID only on the init container that needs it.',
    template: '{where} runAsGroup {gid} is the proxy GID: the application traffic bypasses the sidecar',
    remediation: 'Set runAsGroup to the proxy GID on the init container only.' },
  { code: 'ICNI0203', severity: 'error', name: 'InvalidTrafficAnnotation', ref: '§3.1 value rules',
    description: 'A capture annotation breaks the injector\'s value rules: CIDR lists are split on commas with no trimming, so a space after a comma is invalid; a bare IP needs a prefix length (/32 or /128); `*` is allowed only in include lists; ports are single integers 0-65535 with no ranges (ref §3.1 value rules). The injector webhook denies the pod, and the CNI plugin fails the sandbox on invalid values too (`FailedCreatePodSandBox`, ref §2.1 step 12).',
    template: 'annotation {key}: {why}; the injector rejects the pod',
    remediation: 'Comma-separated values with no spaces; CIDRs need a prefix length (/32, /128); ports are single integers 0-65535.' },
  { code: 'ICNI0204', severity: 'warning', name: 'AnnotationReplacesMeshValue', ref: '§3.2',
    description: 'A pod annotation that is present, even empty, replaces the mesh-wide value of the same setting (`values.global.proxy.*` in the injector ConfigMap); nothing is merged (ref §3.2). Adding `excludeOutboundIPRanges` to a pod, for example, silently drops a mesh-wide metadata-server exclusion. Copy the mesh-wide entries into the annotation.',
    template: 'annotation {key} replaces the mesh-wide value {value} ({setting}) instead of adding to it',
    remediation: 'Copy the mesh-wide entries into the annotation.' },
  { code: 'ICNI0205', severity: 'warning', name: 'OutboundCaptureDisabled', ref: '§5.1 (2)',
    description: 'Excluding `0.0.0.0/0` (or `::/0`) from outbound capture takes every outbound connection of the pod out of the mesh, the application\'s included: no mTLS, no egress policy, no telemetry (ref §5.1 (2), istio/istio#39799). It makes the init container work but defeats the sidecar. Exclude only the CIDRs the init container needs (/32 for one address), or use the proxy UID on that container.',
    template: '{key} {value} takes all outbound traffic of the pod out of the mesh',
    remediation: 'Exclude only the CIDRs the init container needs (/32 for one address).' },
  { code: 'ICNI0206', severity: 'info', name: 'PlaintextExemption', ref: '§5.1',
    description: 'The init container works under CNI because its traffic is not redirected (proxy UID/GID, excluded port or CIDR, capture disabled). That traffic leaves the pod in plaintext, without mesh identity, past egress gateways and AuthorizationPolicies (ref §5.1). Against a destination in the mesh that requires STRICT mTLS it still fails, in any mode except native sidecars (ref §2.6, §7 cloudfoundry/capi-k8s-release#12).',
    template: 'init container {container} is exempt ({token}): its traffic leaves in plaintext without mesh identity, and fails against destinations that require STRICT mTLS',
    remediation: 'Make sure the destinations accept plaintext (PERMISSIVE) or use a native sidecar.' },
  { code: 'ICNI0207', severity: 'info', name: 'HoldApplicationDoesNotHelp', ref: '§0, §5.3',
    description: '`holdApplicationUntilProxyStarts` only makes regular containers wait for the proxy (it reorders containers and adds a postStart hook); init containers still run before istio-proxy, so it does not fix a workload whose init containers break (ref §0, §5.3).',
    template: 'holdApplicationUntilProxyStarts is set, but it only orders regular containers; init containers still run before istio-proxy',
    remediation: 'Use a native sidecar or another fix for the init containers.' },
  { code: 'ICNI0208', severity: 'info', name: 'DnsPortExcluded', ref: '§5.1 (3)',
    description: '`excludeOutboundPorts` contains 53. The excluded-port rules come before the DNS redirect and match TCP and UDP, so DNS is not captured for the whole pod: the same as disabling DNS proxying for it (ref §5.1 (3), §2.4 step 1). Intended only if the pod does not need the DNS proxy\'s features (e.g. ServiceEntry address allocation).',
    template: 'excludeOutboundPorts contains 53: DNS is not captured for the whole pod',
    remediation: 'Intended only if DNS proxying is not needed for this pod.' },
  { code: 'ICNI0209', severity: 'info', name: 'LegacyPodNeedsRestart', ref: '§8.1',
    description: 'The live pod still has istio-init, so its redirection was written by istio-init and the CNI plugin skips it (ref §2.1 step 6). Existing pods are never converted in place: the pod moves to CNI, and its init containers meet the problem, only when it is recreated (ref §8.1).',
    template: 'pod still uses istio-init; it moves to CNI only when it is recreated',
    remediation: 'Restart the workload after the fixes (`kubectl istiocni restart`).' },
  { code: 'ICNI0210', severity: 'warning', name: 'InterceptionModeNone', ref: '§10 q1, §2.1',
    description: 'The pod asks for interception mode NONE. The CNI plugin parses only REDIRECT and TPROXY, so by code reading a sidecar pod with mode NONE would make the CNI ADD fail and the pod would not start (ref §2.3, §10 question 1). This is not confirmed by an issue or a test: try the workload on a test cluster with CNI before migrating it.',
    template: 'interceptionMode NONE: the CNI plugin accepts only REDIRECT and TPROXY and may fail to set up the pod',
    remediation: 'Verify on a test cluster before migrating this workload.' },
  { code: 'ICNI0211', severity: 'info', name: 'AlreadyCapturedToday', ref: '§1.3 caveat',
    description: 'Another mutating webhook placed this init container after istio-init, so it already runs with redirection in place and already fails or is already handled today (ref §1.3 caveat, hashicorp/vault-helm#160). Moving to the CNI plugin is not a regression for it, but it still needs a fix to work.',
    template: 'init container {container} runs after istio-init, so it is already captured today: not a regression of the migration',
    remediation: 'Fix it like any other init container that needs the network.' },
  { code: 'ICNI0212', severity: 'warning', name: 'InvalidInjectValue', ref: '§1.7 step 3',
    description: '`sidecar.istio.io/inject` (label, else the deprecated annotation of the same key) decides injection only when it is "true" or "false"; any other value is ignored by istiod with a warning, and the injection policy decides instead (ref §1.7 step 3). Use "true" or "false".',
    template: '{from} sidecar.istio.io/inject has value {value}: only "true" and "false" decide; istiod ignores it',
    remediation: 'Use "true" or "false".' },
  { code: 'ICNI0213', severity: 'info', name: 'RevisionWithoutCni', ref: '§4.1',
    description: 'The injector values of this revision do not enable CNI (`pilot.cni.enabled`, or `istio_cni.enabled` before 1.24), so it keeps injecting istio-init even when the CNI DaemonSet is installed; each revision has to enable it itself (ref §4.1, istio.io "Handling init container injection for revisions"). The workload is not affected until that revision is switched.',
    template: 'revision {revision} does not enable CNI in its injector values: new pods still get istio-init',
    remediation: 'Set values.pilot.cni.enabled=true for that revision when you migrate it.' },
  { code: 'ICNI0214', severity: 'warning', name: 'KubeInjectedTemplate', ref: '§1.1, §8.1',
    description: 'The pod template already contains Istio\'s injected containers and the status annotation: it was produced by `istioctl kube-inject` (ref §1.1). It keeps istio-init (or its old injected containers) until it is injected again: the webhook re-injects it only if it also selects the pod, otherwise re-run kube-inject with the CNI-enabled configuration (ref §8.1).',
    template: 'the pod template already contains injected Istio containers (istioctl kube-inject): it keeps {init} until it is injected again',
    remediation: 'Re-run istioctl kube-inject with the CNI-enabled configuration, or let the webhook inject it.' },
  { code: 'ICNI0215', severity: 'error', name: 'InputError', ref: '',
    description: 'The input could not be used: a file is missing or unreadable, a YAML or JSON document is malformed, an object has no kind or name, a workload\'s pod spec has the wrong shape, or an Istio ConfigMap holds invalid data. Each problem is reported as one `error:` line naming the file and document; the rest of the input is still checked and the exit code is 1.',
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
