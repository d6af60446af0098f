// One message table: every finding and verdict reason has a stable code, a level, a one-line
// template and a remediation. Codes are never reused; retire a code by leaving it here with
// `retired: true`. (Shape after Istio's pkg/config/analysis/msg/messages.yaml.)
import type { Finding, Severity } from './result.js'

/**
 * What a code is for; renderers and thresholds read this, never the code's digits.
 * reason: decides the verdict (error → breaks, warning → review, info explains ok/not-meshed);
 * side: a side problem of the workload, never changes the verdict;
 * cluster: read from the cluster or a CNI install (the mesh and the node agent), no verdict;
 * input: no finding at all, an input problem printed as an `error:` line.
 */
export type Role = 'reason' | 'side' | 'cluster' | 'input'

export interface Message {
  code: string
  severity: Severity
  role: Role
  /** Short name, used as the SARIF rule name. */
  name: string
  /** One line; `{key}` placeholders are filled from the finding's parameters. */
  template: string
  remediation: string
  /** Reference section(s) the rule comes from. */
  ref: string
  /** A few sentences for `explain <CODE>` and docs/codes.md, drawn from the reference (ref sections cited inline). */
  description?: string
  /** A migration preflight blocker (issue #15): `restart` and a cluster `fix` refuse while one stands, unless --force. */
  blocks?: true
  /** No longer raised: kept so that the code is never reused (SARIF disables its rule). */
  retired?: true
}

const table = [
  // Verdict reasons (ICNI01xx).
  { code: 'ICNI0101', severity: 'error', role: 'reason', name: 'InitContainerNeedsNetwork', ref: '§0, §2.6',
    description: 'Under the Istio CNI plugin the pod\'s capture rules are written when the sandbox is created, before any init container runs; under istio-init they were written last, so earlier init containers had unrestricted egress (ref §0). An application init container that opens a TCP connection to a captured destination is redirected to 127.0.0.1:15001, where nothing listens because istio-proxy starts only after the init containers, so the connection is refused at once and the error names the original address, e.g. `dial tcp 10.96.0.1:443: connect: connection refused` (ref §2.6). The pod then stays in `Init:` while istio-proxy waits in PodInitializing. holdApplicationUntilProxyStarts and reordering init containers do not help (ref §5.3).',
    template: 'init container {container} {what} before istio-proxy starts: under CNI the connection is redirected to 127.0.0.1:15001, where nothing listens yet',
    remediation: 'Use a native sidecar, run the init container as the proxy UID/GID, or exclude its ports/CIDRs (`kubectl istiocni explain` ranks them).' },
  { code: 'ICNI0102', severity: 'error', role: 'reason', name: 'InitContainerNeedsDnsUnderCapture', ref: '§2.6, §5.1, §8 step 7',
    description: 'With DNS capture on (`ISTIO_META_DNS_CAPTURE=true`) the CNI plugin redirects every TCP and UDP port-53 packet of the pod to the agent\'s DNS proxy on 15053 (capture-all-DNS, ref §2.3, §2.4 step 6). Before istio-proxy starts nothing listens there, so lookups time out or are refused (`Could not resolve host`, apk `temporary error`), ref §2.6. The lookup fails before any connection is made, so excluding the destination\'s IP ranges or ports does not help (ref §5.1 (2)); only the proxy UID/GID, a native sidecar, excluding port 53, or disabling DNS capture for the pod do (ref §5.1, §5.2, §8 step 7). This is the failure behind istio/istio#36453 and the 1.10 to 1.11 upgrade breakages (ref §7).',
    template: 'init container {container} resolves {host} while DNS capture is on: DNS is redirected to 15053, where nothing listens yet, so port and CIDR exclusions do not help',
    remediation: 'Run the init container as the proxy UID/GID, use a native sidecar, or disable DNS capture for this pod.' },
  { code: 'ICNI0103', severity: 'warning', role: 'reason', name: 'InitContainerNetworkUnknown', ref: '§8 step 6',
    description: 'Whether an init container uses the network is read from its image, command, arguments and environment; nothing exact is possible (ref §8 step 6). This code marks an init container that runs a program whose behaviour the spec does not show (an application binary, an opaque script or entrypoint) and that no exemption would cover if it did connect out. The workload gets the verdict review: someone who knows the container decides. If it never connects out, suppress this code with `istiocni.io/ignore` and a reason; if it does, apply one of the fixes of ICNI0101.',
    template: 'init container {container}: the spec does not say whether it uses the network ({why})',
    remediation: 'Check what the container does; if it connects out, apply a fix; if it does not, suppress this finding with a reason.' },
  { code: 'ICNI0104', severity: 'warning', role: 'reason', name: 'ExclusionUnconfirmed', ref: '§5.1 (2), (3)',
    description: 'The pod excludes ports or IP ranges from capture and one of them may cover the init container\'s traffic, but the spec does not show enough to be sure: the destination is a host name while the exclusion is a CIDR, or the port is not written in the spec (ref §5.1 (2), (3)). CIDR exclusions must list the address seen inside the pod network namespace, usually the Service ClusterIP, because kube-proxy translates it only later on the host (ref §5.1 (2)). Confirm the addresses and ports the container really uses, or prefer the proxy UID/GID exemption, which covers any destination.',
    template: 'init container {container}: {exclusion} may cover its traffic, but {why}',
    remediation: 'Confirm the destination addresses and ports, or use a proxy UID/GID exemption instead.' },
  { code: 'ICNI0105', severity: 'warning', role: 'reason', name: 'WebhookInitContainer', ref: '§1.3 caveat, §7',
    description: 'Some mutating webhooks add init containers at admission, so they are not in the manifest: the Vault agent injector adds vault-agent-init, which logs in to Vault (port 8200), and KServe adds storage-initializer, which downloads the model (ref §7). A webhook that runs after Istio\'s appends its container after istio-init, so it is already captured today (ref §1.3 caveat); one that prepends (Vault `agent-init-first`) runs before the proxy even with a native sidecar (ref §5.2). The vendor\'s own settings are usually the cleanest fix, e.g. `vault.hashicorp.com/agent-run-as-user` or `agent-pre-populate: "false"` (ref §5.1 (1)).',
    template: '{webhook} adds init container {container} at admission ({position}); it {what} before istio-proxy starts',
    // The webhook's own setting is per webhook: `explain` names it (the vendor strategy of the fix plan).
    remediation: 'Use the webhook\'s own setting for its init container (Vault: `vault.hashicorp.com/agent-run-as-user` set to the proxy UID, or `agent-pre-populate: "false"`; KServe: run the storage initializer as the proxy UID), or a native sidecar; `kubectl istiocni explain` names the setting for this workload.' },
  { code: 'ICNI0106', severity: 'error', role: 'reason', name: 'PodBrokenNow', ref: '§2.7, §1.9',
    description: 'A live pod shows a failure surface the checker can read from the API (ref §2.7): istio-validation exited 126 because the CNI plugin did not program redirection, the repair controller labelled the pod `cni.istio.io/uninitialized=true` (ref §1.9), or an application init container is crash-looping while istio-proxy waits in PodInitializing under CNI redirection. The pod is broken now, whatever the manifest analysis says. Fix the cause (the CNI node agent, the init container\'s network access) and recreate the pod.',
    template: 'pod is broken now: {why}',
    remediation: 'Fix the cause (CNI node agent, init container network access), then recreate the pod.' },
  { code: 'ICNI0107', severity: 'info', role: 'reason', name: 'NotMeshed', ref: '§1.7, §1.6',
    description: 'The workload gets no sidecar, so the move from istio-init to the CNI plugin does not touch it: hostNetwork pods and namespaces istiod ignores are never injected, the pod or its namespace opts out, no webhook selects it, or the injector policy is disabled (ref §1.7). Ambient pods have no sidecar either; since Istio 1.21 their init containers get mesh connectivity from their first packet because the CNI ADD waits for ztunnel (ref §1.6).',
    template: 'no sidecar: {why}',
    remediation: 'Nothing to do for the CNI migration.' },
  { code: 'ICNI0108', severity: 'info', role: 'reason', name: 'NothingAtRisk', ref: '§0',
    description: 'The workload is meshed, but none of its application init containers is at risk: either none of them uses the network, or each one that does is covered by an exemption (native sidecar, proxy UID/GID, excluded port or CIDR, outbound capture disabled, DNS-only traffic while DNS capture is off), ref §0, §5.1. Nothing to do for the migration.',
    template: '{why}',
    remediation: 'Nothing to do.' },
  // Side problems a careful reviewer flags (ICNI02xx).
  { code: 'ICNI0201', severity: 'warning', role: 'side', name: 'PodRunsAsProxyUid', ref: '§5.1 (1), IST0144',
    description: 'The pod-level securityContext or an application container runs as the proxy UID (1337 by default). The capture rules return all traffic of that UID, so the application\'s traffic bypasses the sidecar: no mTLS, no policy, no telemetry (ref §5.1 (1)). Istio\'s own analyzer raises IST0144 InvalidApplicationUID for the same setting. The proxy UID belongs on the init container that needs the network, never at pod level.',
    template: '{where} runAsUser {uid} is the proxy UID: the application traffic bypasses the sidecar',
    remediation: 'Set runAsUser to the proxy UID on the init container only, never at pod level or on application containers.' },
  { code: 'ICNI0202', severity: 'warning', role: 'side', name: 'PodRunsAsProxyGid', ref: '§5.1 (1b)',
    description: 'The pod-level securityContext runs with the proxy GID (1337 by default) as primary group. The capture rules also match `--gid-owner` for the proxy GID, so every container of the pod leaves the mesh, and no Istio analyzer warns about it (ref §5.1 (1b)). Only the primary group counts: fsGroup and supplementalGroups of 1337 do not. Set runAsGroup to the proxy GID only on the init container that needs it.',
    template: '{where} runAsGroup {gid} is the proxy GID: the application traffic bypasses the sidecar',
    remediation: 'Set runAsGroup to the proxy GID on the init container only.' },
  { code: 'ICNI0203', severity: 'error', role: 'side', name: 'InvalidTrafficAnnotation', ref: '§3.1 value rules',
    description: 'A capture annotation breaks the injector\'s value rules: CIDR lists are split on commas with no trimming, so a space after a comma is invalid; a bare IP needs a prefix length (/32 or /128); `*` is allowed only in include lists; ports are single integers 0-65535 with no ranges (ref §3.1 value rules). The injector webhook denies the pod, and the CNI plugin fails the sandbox on invalid values too (`FailedCreatePodSandBox`, ref §2.1 step 12).',
    template: 'annotation {key}: {why}; the injector rejects the pod',
    remediation: 'Comma-separated values with no spaces; CIDRs need a prefix length (/32, /128); ports are single integers 0-65535.' },
  { code: 'ICNI0204', severity: 'warning', role: 'side', name: 'AnnotationReplacesMeshValue', ref: '§3.2',
    description: 'A pod annotation that is present, even empty, replaces the mesh-wide value of the same setting (`values.global.proxy.*` in the injector ConfigMap); nothing is merged (ref §3.2). Adding `excludeOutboundIPRanges` to a pod, for example, silently drops a mesh-wide metadata-server exclusion. Copy the mesh-wide entries into the annotation.',
    template: 'annotation {key} replaces the mesh-wide value {value} ({setting}) instead of adding to it',
    remediation: 'Copy the mesh-wide entries into the annotation.' },
  { code: 'ICNI0205', severity: 'warning', role: 'side', name: 'OutboundCaptureDisabled', ref: '§5.1 (2)',
    description: 'Excluding `0.0.0.0/0` (or `::/0`) from outbound capture takes every outbound connection of the pod out of the mesh, the application\'s included: no mTLS, no egress policy, no telemetry (ref §5.1 (2), istio/istio#39799). It makes the init container work but defeats the sidecar. Exclude only the CIDRs the init container needs (/32 for one address), or use the proxy UID on that container.',
    template: '{key} {value} takes all outbound traffic of the pod out of the mesh',
    remediation: 'Exclude only the CIDRs the init container needs (/32 for one address).' },
  { code: 'ICNI0206', severity: 'info', role: 'side', name: 'PlaintextExemption', ref: '§5.1',
    description: 'The init container works under CNI because its traffic is not redirected (proxy UID/GID, excluded port or CIDR, capture disabled). That traffic leaves the pod in plaintext, without mesh identity, past egress gateways and AuthorizationPolicies (ref §5.1). Against a destination in the mesh that requires STRICT mTLS it still fails, in any mode except native sidecars (ref §2.6, §7 cloudfoundry/capi-k8s-release#12).',
    template: 'init container {container} is exempt ({token}): its traffic leaves in plaintext without mesh identity, and fails against destinations that require STRICT mTLS',
    remediation: 'Make sure the destinations accept plaintext (PERMISSIVE) or use a native sidecar.' },
  { code: 'ICNI0207', severity: 'info', role: 'side', name: 'HoldApplicationDoesNotHelp', ref: '§0, §5.3',
    description: '`holdApplicationUntilProxyStarts` only makes regular containers wait for the proxy (it reorders containers and adds a postStart hook); init containers still run before istio-proxy, so it does not fix a workload whose init containers break (ref §0, §5.3).',
    template: 'holdApplicationUntilProxyStarts is set, but it only orders regular containers; init containers still run before istio-proxy',
    remediation: 'Use a native sidecar or another fix for the init containers.' },
  { code: 'ICNI0208', severity: 'info', role: 'side', name: 'DnsPortExcluded', ref: '§5.1 (3)',
    description: '`excludeOutboundPorts` contains 53. The excluded-port rules come before the DNS redirect and match TCP and UDP, so DNS is not captured for the whole pod: the same as disabling DNS proxying for it (ref §5.1 (3), §2.4 step 1). Intended only if the pod does not need the DNS proxy\'s features (e.g. ServiceEntry address allocation).',
    template: 'excludeOutboundPorts contains 53: DNS is not captured for the whole pod',
    remediation: 'Intended only if DNS proxying is not needed for this pod.' },
  { code: 'ICNI0209', severity: 'info', role: 'side', name: 'LegacyPodNeedsRestart', ref: '§8.1',
    description: 'The live pod still has istio-init, so its redirection was written by istio-init and the CNI plugin skips it (ref §2.1 step 6). Existing pods are never converted in place: the pod moves to CNI, and its init containers meet the problem, only when it is recreated (ref §8.1).',
    template: 'pod still uses istio-init; it moves to CNI only when it is recreated',
    remediation: 'Restart the workload after the fixes (`kubectl istiocni restart`).' },
  { code: 'ICNI0210', severity: 'warning', role: 'side', name: 'InterceptionModeNone', ref: '§10 q1, §2.1',
    description: 'The pod asks for interception mode NONE. The CNI plugin parses only REDIRECT and TPROXY, so by code reading a sidecar pod with mode NONE would make the CNI ADD fail and the pod would not start (ref §2.3, §10 question 1). This is not confirmed by an issue or a test: try the workload on a test cluster with CNI before migrating it.',
    template: 'interceptionMode NONE: the CNI plugin accepts only REDIRECT and TPROXY and may fail to set up the pod',
    remediation: 'Verify on a test cluster before migrating this workload.' },
  { code: 'ICNI0211', severity: 'info', role: 'side', name: 'AlreadyCapturedToday', ref: '§1.3 caveat',
    description: 'Another mutating webhook placed this init container after istio-init, so it already runs with redirection in place and already fails or is already handled today (ref §1.3 caveat, hashicorp/vault-helm#160). Moving to the CNI plugin is not a regression for it, but it still needs a fix to work.',
    template: 'init container {container} runs after istio-init, so it is already captured today: not a regression of the migration',
    remediation: 'Fix it like any other init container that needs the network.' },
  { code: 'ICNI0212', severity: 'warning', role: 'side', name: 'InvalidInjectValue', ref: '§1.7 step 3',
    description: '`sidecar.istio.io/inject` (label, else the deprecated annotation of the same key) decides injection only when it is "true" or "false"; any other value is ignored by istiod with a warning, and the injection policy decides instead (ref §1.7 step 3). Use "true" or "false".',
    template: '{from} sidecar.istio.io/inject has value {value}: only "true" and "false" decide; istiod ignores it',
    remediation: 'Use "true" or "false".' },
  { code: 'ICNI0213', severity: 'info', role: 'side', name: 'RevisionWithoutCni', ref: '§4.1',
    description: 'The injector values of this revision do not enable CNI (`pilot.cni.enabled`, or `istio_cni.enabled` before 1.24), so it keeps injecting istio-init even when the CNI DaemonSet is installed; each revision has to enable it itself (ref §4.1, istio.io "Handling init container injection for revisions"). The workload is not affected until that revision is switched.',
    template: 'revision {revision} does not enable CNI in its injector values: new pods still get istio-init',
    remediation: 'Set values.pilot.cni.enabled=true for that revision when you migrate it.' },
  { code: 'ICNI0214', severity: 'warning', role: 'side', name: 'KubeInjectedTemplate', ref: '§1.1, §8.1',
    description: 'The pod template already contains Istio\'s injected containers and the status annotation: it was produced by `istioctl kube-inject` (ref §1.1). It keeps istio-init (or its old injected containers) until it is injected again: the webhook re-injects it only if it also selects the pod, otherwise re-run kube-inject with the CNI-enabled configuration (ref §8.1).',
    template: 'the pod template already contains injected Istio containers (istioctl kube-inject): it keeps {init} until it is injected again',
    remediation: 'Re-run istioctl kube-inject with the CNI-enabled configuration, or let the webhook inject it.' },
  { code: 'ICNI0215', severity: 'error', role: 'input', name: 'InputError', ref: '',
    description: 'The input could not be used: a file is missing or unreadable, a YAML or JSON document is malformed, an object has no kind or name, a workload\'s pod spec has the wrong shape, or an Istio ConfigMap holds invalid data. Each problem is reported as one `error:` line naming the file and document; the rest of the input is still checked and the exit code is 1.',
    template: '{why}',
    remediation: 'Fix the manifest.' },
  { code: 'ICNI0216', severity: 'info', role: 'side', name: 'ManagedSpec', ref: 'issue #9',
    description: 'The workload\'s pod template is rendered or reconciled by something else: a Helm release, an Argo CD Application, a Flux Kustomization or HelmRelease, or an operator through its custom resource. A fix applied to the object in the cluster is undone at the next upgrade, sync or reconcile, so the change belongs where the spec comes from: the chart values, the GitOps source, or the custom resource. `kubectl istiocni explain` names the owner chain and the place to change; `fix` refuses to apply such changes to the cluster unless --force, and `fix -o patch` still produces the patch for a GitOps repository.',
    template: '{owner} manages this spec: change it at {changeAt}',
    remediation: 'Make the change where the spec comes from (`kubectl istiocni explain` says where); `fix -o patch` gives the patch.' },
  // Live cluster facts and migration blockers (ICNI03xx, issue #4): raised only by `check` against a cluster.
  { code: 'ICNI0301', severity: 'warning', role: 'cluster', name: 'PodsNeedRestart', ref: '§8.1, §2.1 step 6',
    description: 'Live pods of the workload still have istio-init although the revision that injected them now enables CNI (`pilot.cni.enabled`). The CNI plugin skips pods that carry istio-init, and existing pods are never converted in place: they move to CNI, and their application init containers meet the new ordering, only when they are recreated (ref §8.1). Fix the workload first if its verdict is breaks, then restart it (`kubectl istiocni restart`, or `kubectl rollout restart`).',
    template: '{count} of {total} pods still use istio-init although revision {revision} enables CNI: they move to CNI only when recreated',
    remediation: 'Fix the init containers first if the workload breaks, then restart it.' },
  { code: 'ICNI0302', severity: 'error', role: 'cluster', name: 'CniAgentMissing', ref: '§4.4, §1.8',
    description: 'No Istio CNI node agent was found: no DaemonSet `istio-cni-node` (label `k8s-app=istio-cni-node`) in any namespace the credentials can read. Without it no node has the istio-cni plugin chained into its CNI configuration, so a pod injected in CNI mode gets no redirection and its istio-validation init container fails with exit 126 (ref §1.8, §2.7). Install the agent (Helm chart `istio/cni` or `istioctl install --set components.cni.enabled=true`) and wait until it is ready on every node before enabling CNI for a revision (ref §4.1, §4.4).',
    template: 'no Istio CNI node agent (DaemonSet istio-cni-node) found{consequence}',
    remediation: 'Install the Istio CNI node agent and wait until it is ready on every node before enabling CNI for a revision.' },
  { code: 'ICNI0303', severity: 'error', role: 'cluster', name: 'CniAgentNotReady', ref: '§4.4, §1.9, §2.7',
    description: 'The CNI node agent DaemonSet is not ready on every node it is scheduled on (`status.numberReady` below `desiredNumberScheduled`, ref §4.4). On those nodes new pods in CNI mode get no redirection: istio-validation exits 126 and the pod loops in `Init:CrashLoopBackOff`, unless the repair controller re-programs it later (ref §1.9, §2.7). Fix the agent (its pod logs, host paths, the chained CNI configuration) before migrating or restarting workloads.',
    template: 'the CNI node agent {daemonSet} is ready on {ready} of {desired} nodes: CNI-mode pods scheduled on the others fail istio-validation',
    remediation: 'Fix the agent pods that are not ready (kubectl -n <ns> get pods -l k8s-app=istio-cni-node), then migrate.' },
  { code: 'ICNI0304', severity: 'warning', role: 'cluster', name: 'CniAgentNotOnAllNodes', ref: '§4.4',
    description: 'The CNI node agent DaemonSet is scheduled on fewer Linux nodes than the cluster has: its nodeSelector, affinity or tolerations leave some nodes out (for example tainted or dedicated node pools). Sidecar pods scheduled there in CNI mode never get redirection and fail istio-validation (ref §4.4, §2.7). Let the DaemonSet tolerate every taint (the chart default), or keep meshed workloads off those nodes.',
    template: 'the CNI node agent {daemonSet} is scheduled on {desired} of {nodes} Linux nodes: CNI-mode pods on the others get no redirection',
    remediation: 'Make the DaemonSet tolerate every node taint (the chart default), or keep meshed workloads off the nodes it skips.' },
  { code: 'ICNI0305', severity: 'warning', role: 'cluster', name: 'RevisionCniDisabled', ref: '§4.1',
    description: 'The injector values of this revision do not enable CNI (`values.pilot.cni.enabled`, or `values.istio_cni.enabled` before 1.24), so it keeps injecting istio-init even when the CNI node agent is installed. Every revision has to enable it itself: a separately installed revision does not inherit it (ref §4.1, istio.io "Handling init container injection for revisions"). This is the switch that starts the migration for the workloads of that revision.',
    template: 'revision {revision} does not enable CNI in its injector values: pods it injects keep istio-init',
    remediation: 'Set values.pilot.cni.enabled=true for the revision when its workloads are ready to migrate.' },
  { code: 'ICNI0306', severity: 'warning', role: 'cluster', name: 'NamespaceExcludedByCni', ref: '§1.8',
    description: 'The namespace is in the CNI node agent\'s exclusion list (`EXCLUDE_NAMESPACES`, or `kubernetes.exclude_namespaces` in `cni_network_config` before 1.23), yet it is injected with sidecars. The plugin skips excluded namespaces before it looks at the pod, so a CNI-mode sidecar pod there gets no redirection and istio-validation fails with exit 126 (ref §1.8). Remove the namespace from the list, or keep its pods out of CNI mode.',
    template: 'namespace {namespace} is injected but excluded by the CNI node agent ({key}): CNI-mode sidecar pods there get no redirection',
    remediation: 'Remove the namespace from values.cni.excludeNamespaces, or do not inject it in CNI mode.' },
  { code: 'ICNI0307', severity: 'warning', role: 'cluster', name: 'ExcludedNamespacesKeyIgnored', ref: '§1.8',
    description: 'The CNI agent ConfigMap sets `EXCLUDED_NAMESPACES`, a key the agent never reads: charts 1.23.0 to 1.24.4 and 1.25.0 to 1.25.1 wrote it instead of `EXCLUDE_NAMESPACES`, so the exclusion list is silently empty and the agent acts on every namespace, kube-system included (ref §1.8, istio/istio#55304). Upgrade the chart (1.24.5, 1.25.2, 1.26.0 or later) or set `EXCLUDE_NAMESPACES` through `values.cni.env`.',
    template: 'ConfigMap {configMap} sets EXCLUDED_NAMESPACES={value}, a key the agent ignores: no namespace is excluded',
    remediation: 'Upgrade the istio-cni chart (1.24.5, 1.25.2, 1.26.0 or later), or set EXCLUDE_NAMESPACES via values.cni.env.' },
  { code: 'ICNI0308', severity: 'info', role: 'cluster', name: 'IstioNotFound', ref: '§4',
    description: 'No Istio control plane was found in the cluster: no istiod Deployment (label `app=istiod`) and no `istio-sidecar-injector` ConfigMap in any namespace the credentials can read (ref §4.1, §4.3). The workloads are judged with the offline defaults: CNI mode, proxy UID/GID 1337, no DNS capture, classic sidecars, every namespace assumed injected where no Namespace says otherwise. Point at Istio with `--istio-namespace` when it lives somewhere the search cannot see.',
    template: 'no Istio control plane found ({why}): judged with the offline defaults',
    remediation: 'Pass --istio-namespace <ns> if Istio is installed, or grant read access to its namespace.' },
  { code: 'ICNI0309', severity: 'warning', role: 'cluster', name: 'CniRepairDisabled', ref: '§1.9',
    description: 'Nothing protects the race at node start-up: the CNI agent\'s repair controller is off (`REPAIR_ENABLED=false`, or none of its actions, re-program, delete or label, is on) and istiod\'s untaint controller is not enabled (`PILOT_ENABLE_NODE_UNTAINT_CONTROLLERS`, values `taint.enabled`, which removes the `cni.istio.io/not-ready` taint your node provisioner sets once the agent is ready). A pod scheduled on a new or rebooted node before the agent is ready there gets no redirection and stays broken until someone deletes it (ref §1.9). Keep the repair controller on during the migration (the default since 1.21 re-programs running pods), or taint new nodes and enable the untaint controller.',
    template: '{what}, and istiod\'s untaint controller is off: pods that start on a node before the agent is ready there stay broken',
    remediation: 'Enable values.cni.repair.enabled (default true) with one of its actions, or taint new nodes with cni.istio.io/not-ready and enable the untaint controller (values.pilot.taint.enabled).' },
  // Migration preflight (issue #15): the CNI install checked against the platform; `blocks` ones stop restart and a cluster fix.
  { code: 'ICNI0310', severity: 'error', role: 'cluster', name: 'CniHostPathNotPlatform', ref: '§4.4, §6', blocks: true,
    description: 'The CNI node agent mounts a host directory that is not where this platform keeps its CNI files. The agent copies the istio-cni binary into `cni-bin-dir` and writes its plugin configuration into `cni-net-dir`; the container runtime looks only in the platform\'s own directories, so with a wrong path the plugin is never called and every CNI-mode pod fails istio-validation (ref §4.4). The expected paths come from Istio\'s platform profiles (istio/istio `manifests/helm-profiles/platform-*.yaml`): GKE keeps binaries in `/home/kubernetes/bin`, OpenShift uses `/var/lib/cni/bin` and the Multus directory `/etc/cni/multus/net.d`, k3s, k3d and microk8s use paths under their own data directories, minikube its Docker netns directory (the netns path matters only with ambient), and the others the chart defaults (ref §6). Install with the platform profile (`--set global.platform=<name>`), or set `cni.cniBinDir`/`cni.cniConfDir` to the path named.',
    template: 'the CNI node agent {agent} mounts {volume} from {path}, but {platform} keeps it in {expected}: the runtime never calls the istio-cni plugin and CNI-mode pods fail istio-validation',
    remediation: 'Reinstall the CNI chart with the platform profile (--set global.platform=<name>) or set the named directory (values.cni.cniBinDir / cniConfDir / cniNetnsDir).' },
  { code: 'ICNI0311', severity: 'error', role: 'cluster', name: 'MultusAttachmentMissing', ref: '§6.1, §4.4', blocks: true,
    description: 'The CNI node agent runs with Multus (a standalone plugin configuration, `CHAINED_CNI_PLUGIN=false`, as on OpenShift), but there is no NetworkAttachmentDefinition `istio-cni` in namespace `default`. With Multus the istio-cni plugin runs only for pods that ask for it through the attachment; the chart renders it when `cni.provider=multus` (1.19 and later; older charts needed one per application namespace), ref §4.4, §6.1. Without it pods that reference `default/istio-cni` fail to start, and the rest get no redirection.',
    template: 'the CNI node agent {agent} is installed for Multus, but the NetworkAttachmentDefinition default/istio-cni {why}: CNI-mode pods get no redirection',
    remediation: 'Install the CNI chart with cni.provider=multus (the openshift platform profile does), which creates default/istio-cni.' },
  { code: 'ICNI0312', severity: 'error', role: 'cluster', name: 'MultusNetworkAnnotationMissing', ref: '§6.1, §4.1', blocks: true,
    description: 'Under Multus a pod gets the istio-cni plugin only when its `k8s.v1.cni.cncf.io/networks` annotation names the attachment (`default/istio-cni` since 1.19, `istio-cni` before). The injector adds it when the revision sets `pilot.cni.provider=multus` (`istio_cni.provider` or `istio_cni.chained=false` before 1.24), ref §4.1, §6.1. A revision that enables CNI without it, or a CNI-mode pod without the annotation, gets no redirection and its istio-validation init container fails.',
    template: '{what} under Multus: without the k8s.v1.cni.cncf.io/networks annotation naming default/istio-cni, pods get no redirection',
    remediation: 'Set values.pilot.cni.provider=multus for the revision (the openshift platform profile does), then recreate the pods.' },
  { code: 'ICNI0313', severity: 'error', role: 'cluster', name: 'CiliumExclusiveConfig', ref: '§6.3', blocks: true,
    description: 'Cilium is the primary CNI and its ConfigMap does not set `cni-exclusive: "false"` (Helm value `cni.exclusive=false`). By default Cilium takes the node\'s CNI configuration directory for itself and removes other plugins\' configuration, including the istio-cni entry chained into its conflist, so pods lose redirection at the next agent restart and fail istio-validation (ref §6.3, Istio\'s platform prerequisites).',
    template: 'Cilium ({daemonSet}) is the primary CNI and {configMap} {why}: Cilium removes the chained istio-cni configuration',
    remediation: 'Set cni.exclusive=false in Cilium\'s Helm values (cni-exclusive: "false" in cilium-config) and restart Cilium.' },
  { code: 'ICNI0314', severity: 'error', role: 'cluster', name: 'GkeCriticalPodQuotaMissing', ref: '§6.2', blocks: true,
    description: 'On GKE, pods with priority class `system-node-critical` are admitted only in `kube-system` or in a namespace whose ResourceQuota allows that priority class. The CNI node agent runs with that class; outside `kube-system` it needs the quota the chart renders with `resourceQuotas.enabled=true` (the gke platform profile sets it; istioctl instead moves the agent to `kube-system`), otherwise its pods are never created (ref §6.2).',
    template: 'GKE admits system-node-critical pods outside kube-system only under a ResourceQuota, and namespace {namespace} of the CNI node agent has none for that priority class: its pods are not created',
    remediation: 'Install the CNI chart with the gke platform profile (resourceQuotas.enabled=true) or into kube-system.' },
  { code: 'ICNI0315', severity: 'error', role: 'cluster', name: 'CniNamespaceNotPrivileged', ref: '§6.4', blocks: true,
    description: 'The namespace of the CNI node agent enforces Pod Security `baseline` or `restricted` (`pod-security.kubernetes.io/enforce`). The agent needs host paths and added capabilities (NET_ADMIN, NET_RAW, SYS_ADMIN...), which only `privileged` admits, so its pods are rejected (ref §6.4).',
    template: 'namespace {namespace} of the CNI node agent enforces Pod Security {level}: the agent\'s host paths and capabilities are rejected there',
    remediation: 'Label the namespace pod-security.kubernetes.io/enforce=privileged, or install the agent into kube-system.' },
  { code: 'ICNI0316', severity: 'warning', role: 'cluster', name: 'SystemNamespaceNotExcluded', ref: '§1.8',
    description: 'The CNI node agent\'s exclusion list does not hold a system namespace (the chart default is `kube-system`). The plugin then looks up every pod created there through the API server while the sandbox is set up, so the cluster\'s own add-ons (DNS, the primary CNI, the API server\'s helpers) depend on the istio-cni plugin and the API server being reachable at node start-up (ref §1.8).',
    template: 'the CNI node agent does not exclude {namespaces} ({key}): system pods there depend on the istio-cni plugin at start-up',
    remediation: 'Keep kube-system in values.cni.excludeNamespaces (the chart default).' },
  { code: 'ICNI0317', severity: 'error', role: 'cluster', name: 'CniControlPlaneSkew', ref: '§4.6', blocks: true,
    description: 'The CNI node agent and a control-plane revision are more than one minor version apart. Istio supports a CNI agent `1.x` with control planes `1.x-1` to `1.x+1`; the agent is a cluster singleton, so upgrade it on its own, between revisions, and keep every revision within one minor of it (ref §4.6).',
    template: 'the CNI node agent is {cni} and revision {revision} is {istiod}: more than one minor version apart',
    remediation: 'Upgrade the CNI chart (or the revision) so that every revision is within one minor version of the agent.' },
  { code: 'ICNI0318', severity: 'info', role: 'cluster', name: 'PodSecurityRejectsIstioInit', ref: '§6.4',
    description: 'The namespace enforces Pod Security `baseline` or `restricted`, and its revision still injects istio-init, which adds NET_ADMIN and NET_RAW. Pod Security admission checks the pod after the injection webhook, so these pods are rejected today (`FailedCreate` events naming istio-init), ref §6.4. Pods injected in CNI mode need neither capability: this namespace is a reason to migrate.',
    template: 'namespace {namespace} enforces Pod Security {level}: pods injected with istio-init (NET_ADMIN, NET_RAW) are rejected there, CNI-mode pods are not',
    remediation: 'Migrate the revision of this namespace to CNI (values.pilot.cni.enabled=true).' },
  { code: 'ICNI0319', severity: 'warning', role: 'cluster', name: 'RestrictedProxyWithoutSeccomp', ref: '§6.4',
    description: 'The namespace enforces Pod Security `restricted`, which also requires a seccomp profile on every container. The injected istio-validation and istio-proxy containers get one only from `values.global.proxy.seccompProfile` or from a pod-level `securityContext.seccompProfile`; neither is set for the pods named, so they are rejected even in CNI mode (ref §6.4).',
    template: 'namespace {namespace} enforces Pod Security restricted, but {workloads} and revision {revision} set no seccomp profile for the injected Istio containers: the pods are rejected',
    remediation: 'Set values.global.proxy.seccompProfile (e.g. {type: RuntimeDefault}) for the revision, or a pod-level seccompProfile.' },
] as const satisfies readonly Message[]

type Code = (typeof table)[number]['code']
export const MESSAGES: ReadonlyMap<string, Message> = new Map(table.map((m) => [m.code, m]))

/** A template with its `{key}` placeholders filled from `params` (a missing one stays as is). */
export const fill = (template: string, params: Finding['params']): string => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`))

/** Builds a finding from its code and parameters: the only way the core reports one. */
export function finding(code: Code, params: Record<string, string | number> = {}, container?: string): Finding {
  const m = MESSAGES.get(code)!
  const message = fill(m.template, params)
  return { severity: m.severity, code, message, params, ...(container ? { container } : {}), ...(m.blocks ? { blocking: true as const } : {}) }
}

/** The role of a finding's code (see Role); a code outside the table has none. */
export const roleOf = (f: Finding): Role | undefined => MESSAGES.get(f.code)?.role
