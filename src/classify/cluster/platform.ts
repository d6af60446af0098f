// Which platform and which primary CNI a cluster runs (issue #15, ref §6): read from what the API
// shows (node labels, providerIDs, kubelet and server versions, well-known namespaces and
// DaemonSets), or named with `--platform`. Pure: reads the input snapshot only.
import type { KObject } from '../../model/k8s.js'
import type { PlatformInfo } from '../result/result.js'

/** What a platform's CNI install differs in from the chart defaults. */
interface PlatformProfile {
  label: string
  binDir?: string
  confDir?: string
  netnsDir?: string
  /** The chart's `cni.chained` and `cni.provider` under this platform's profile. */
  chained?: boolean
  provider?: string
  /** The profile enables the agent's ResourceQuota for system-node-critical pods. */
  resourceQuotas?: boolean
  /** Istio ships no `platform-<name>` profile: the chart defaults apply. */
  noProfile?: true
}

// Paths and values from istio/istio:manifests/helm-profiles/platform-*.yaml; the chart defaults
// (/opt/cni/bin, /etc/cni/net.d, /var/run/netns) from manifests/charts/istio-cni/values.yaml.
export const CHART_DEFAULTS = { binDir: '/opt/cni/bin', confDir: '/etc/cni/net.d', netnsDir: '/var/run/netns' } as const
export const PLATFORMS: Record<string, PlatformProfile> = {
  // The gke profile leaves cniBinDir unset: templates/daemonset.yaml picks /home/kubernetes/bin when
  // the server version contains "-gke" (operator/pkg/render/manifest.go does the same for istioctl).
  gke: { label: 'GKE', binDir: '/home/kubernetes/bin', resourceQuotas: true },
  eks: { label: 'EKS', noProfile: true },
  aks: { label: 'AKS', noProfile: true },
  openshift: { label: 'OpenShift', binDir: '/var/lib/cni/bin', confDir: '/etc/cni/multus/net.d', chained: false, provider: 'multus' },
  k3d: { label: 'k3d', binDir: '/bin', confDir: '/var/lib/rancher/k3s/agent/etc/cni/net.d' },
  k3s: { label: 'k3s', binDir: '/var/lib/rancher/k3s/data/cni', confDir: '/var/lib/rancher/k3s/agent/etc/cni/net.d' },
  rke2: { label: 'RKE2', noProfile: true },
  microk8s: { label: 'microk8s', binDir: '/var/snap/microk8s/current/opt/cni/bin', confDir: '/var/snap/microk8s/current/args/cni-network' },
  minikube: { label: 'minikube', netnsDir: '/var/run/docker/netns' },
  kind: { label: 'kind', noProfile: true },
}
export const PLATFORM_NAMES = Object.keys(PLATFORMS)

const labelOf = (o: KObject, key: string) => o.metadata?.labels?.[key]
const nodeSignal = (n: KObject) => ({
  name: n.metadata?.name ?? '',
  providerID: String(n.spec?.providerID ?? ''),
  kubelet: String(n.status?.nodeInfo?.kubeletVersion ?? ''),
})

/**
 * Detection rules, first match wins: distributions before clouds (OpenShift on AWS reports an
 * `aws://` providerID, k3s runs on any cloud). Each returns the evidence it matched.
 */
const RULES: { platform: string; test: (o: KObject[], server: string) => string | undefined }[] = [
  { platform: 'openshift', test: (objs) => {
    const ns = objs.find((o) => o.kind === 'Namespace' && /^openshift-(apiserver|multus|ovn-kubernetes|sdn)$/.test(o.metadata?.name ?? ''))
    if (ns) return `namespace ${ns.metadata!.name}`
    const n = objs.find((o) => o.kind === 'Node' && labelOf(o, 'node.openshift.io/os_id'))
    return n ? `node label node.openshift.io/os_id on ${n.metadata?.name}` : undefined
  } },
  // k3d names its nodes k3d-<cluster>-server-0 / -agent-0 and runs k3s in them.
  { platform: 'k3d', test: (objs) => nodeWhere(objs, (n) => n.kubelet.includes('+k3s') && n.name.startsWith('k3d-'), (n) => `kubelet ${n.kubelet} on node ${n.name}`) },
  { platform: 'k3s', test: (objs) => nodeWhere(objs, (n) => n.kubelet.includes('+k3s') || n.providerID.startsWith('k3s://'), (n) => `kubelet ${n.kubelet || n.providerID} on node ${n.name}`) },
  { platform: 'rke2', test: (objs) => nodeWhere(objs, (n) => n.kubelet.includes('+rke2'), (n) => `kubelet ${n.kubelet} on node ${n.name}`) },
  { platform: 'microk8s', test: (objs) => labelled(objs, 'microk8s.io/cluster') },
  { platform: 'minikube', test: (objs) => labelled(objs, 'minikube.k8s.io/name') },
  { platform: 'kind', test: (objs) => provider(objs, 'kind://') },
  { platform: 'gke', test: (objs, server) => (server.includes('-gke') ? `server version ${server}` : undefined) ?? labelled(objs, 'cloud.google.com/gke-nodepool') ?? provider(objs, 'gce://') },
  { platform: 'eks', test: (objs) => labelled(objs, 'eks.amazonaws.com/nodegroup') ?? labelled(objs, 'eks.amazonaws.com/compute-type') ?? provider(objs, 'aws://') },
  { platform: 'aks', test: (objs) => labelled(objs, 'kubernetes.azure.com/cluster') ?? provider(objs, 'azure://') },
]

type NodeSignal = ReturnType<typeof nodeSignal>
function nodeWhere(objs: KObject[], test: (n: NodeSignal) => boolean, what: (n: NodeSignal) => string): string | undefined {
  const n = objs.filter((o) => o.kind === 'Node').map(nodeSignal).find(test)
  return n ? what(n) : undefined
}
function labelled(objs: KObject[], key: string): string | undefined {
  const n = objs.find((o) => o.kind === 'Node' && labelOf(o, key) !== undefined)
  return n ? `node label ${key} on ${n.metadata?.name}` : undefined
}
const provider = (objs: KObject[], prefix: string) => nodeWhere(objs, (n) => n.providerID.startsWith(prefix), (n) => `providerID ${n.providerID}`)

/** Primary CNIs by DaemonSet name, the first found wins (Cilium chained onto the AWS or Azure CNI still owns the conf dir). */
const CNI_DAEMONSETS: { name: string; match: RegExp }[] = [
  { name: 'Cilium', match: /^cilium$/ },
  { name: 'AWS VPC CNI', match: /^aws-node$/ },
  { name: 'Azure CNI', match: /^azure-(cns|cni)$/ },
  { name: 'OVN-Kubernetes', match: /^ovnkube-node$/ },
  { name: 'Calico', match: /^calico-node$/ },
  { name: 'Flannel', match: /^(kube-flannel-ds|kube-flannel|flannel)$/ },
]
const MULTUS = /^(multus|kube-multus-ds(-amd64)?)$/

const refOf = (o: KObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`

/** Is this DaemonSet a primary CNI or Multus? (the live reader keeps only these). */
export const isPlatformDaemonSet = (o: KObject) => o.kind === 'DaemonSet' && (MULTUS.test(o.metadata?.name ?? '') || CNI_DAEMONSETS.some((c) => c.match.test(o.metadata?.name ?? '')))

/**
 * The platform: `--platform` first, then the detection rules, then what the install itself
 * says (`values.global.platform` of a revision or an install resource).
 */
export function detectPlatform(objects: KObject[], o: { flag?: string; serverVersion?: string; declared?: string }): PlatformInfo {
  const daemonSets = objects.filter((x) => x.kind === 'DaemonSet')
  let primaryCni: PlatformInfo['primaryCni'] = null
  for (const c of CNI_DAEMONSETS) {
    const ds = daemonSets.find((x) => c.match.test(x.metadata?.name ?? ''))
    if (ds) { primaryCni = { name: c.name, daemonSet: refOf(ds) }; break }
  }
  const multusDs = daemonSets.find((x) => MULTUS.test(x.metadata?.name ?? ''))
  const multus = multusDs ? refOf(multusDs) : null
  const base = { primaryCni, multus }
  if (o.flag) return { name: o.flag, from: '--platform', ...base }
  for (const r of RULES) {
    const why = r.test(objects, o.serverVersion ?? '')
    if (why) return { name: r.platform, from: why, ...base }
  }
  if (o.declared && PLATFORMS[o.declared]) return { name: o.declared, from: `values.global.platform=${o.declared}`, ...base }
  return { name: null, from: null, ...base }
}
