// The one result shape: what `check -o json` prints (issue #3), and what every renderer reads.
import type { Mode } from '../../model/istio.js'

export type Verdict = 'breaks' | 'ok' | 'not-meshed' | 'review'
export type NetworkNeed = 'required' | 'none' | 'either'
/**
 * How the need was reached (issue 13 item 4): `decided` from the command line, the scripts it runs
 * and what the catalog knows of its programs (cited from their source); `likely` from evidence
 * about a program the core does not know (what it is given, what is mounted into it, its name or
 * image), judged like a decided need; `unknown` for real ignorance (need `either`).
 */
export type Confidence = 'decided' | 'likely' | 'unknown'
export type Severity = 'error' | 'warning' | 'info'

export interface InitContainerResult {
  name: string
  network: NetworkNeed
  confidence: Confidence
  /** `"<token>: <why>"` or null: for people. */
  exempt: string | null
  /** The exemption's token alone (`proxy-uid`, `native-sidecar`…) or null: for programs. */
  exemptToken: string | null
  evidence: string[]
}

export interface Finding {
  severity: Severity
  code: string
  message: string
  /** The values the code's template was filled with: read these, never the message. */
  params: Record<string, string | number>
  /** Init container the finding is about, when there is one. */
  container?: string
  /** A migration preflight blocker (issue #15): `restart` and a cluster `fix` refuse while it stands, unless --force. */
  blocking?: true
}

export interface WorkloadResult {
  kind: string
  namespace: string
  name: string
  source: string
  /** A kind outside the workload registry, judged because it has a pod template's shape (spec.template.spec.containers). */
  generic?: true
  verdict: Verdict
  initContainers: InitContainerResult[]
  findings: Finding[]
  /** Live mode only: what the workload's pods run now (issue #4). */
  live?: LiveFacts
}

export type Summary = Record<Verdict, number>

export interface CheckResult {
  workloads: WorkloadResult[]
  summary: Summary
  /** Live mode only: the mesh and the CNI node agent as read from the cluster (issue #4). */
  cluster?: ClusterSection
  /** Offline only, when the input holds the CNI install (issue #15): its settings checked against the platform. */
  install?: InstallSection
}

// --- Live mode (issue #4): facts read from a cluster, beside the template verdict. ---

export interface BrokenPod {
  pod: string
  why: string
}

export interface LiveFacts {
  /** Live pods of the workload (all of its ReplicaSets or Jobs). */
  pods: number
  /** Pods per current mode; every mode is present, zero when none. */
  modes: Record<Mode, number>
  /** The mode a pod created now would get (template injection decision + the revision's CNI setting). */
  newMode: Mode
  /** The revision that injects new pods (tags resolved), when meshed. */
  revision?: string
  /** Pods still running istio-init while their revision now enables CNI: they move only when recreated. */
  needsRestart: string[]
  /** Pods failing now (ref §2.7). */
  brokenNow: BrokenPod[]
  /**
   * The verdict of the template alone, present only when pods broken now made the row's verdict
   * `breaks`: recreating them from a template that does not break is what `restart` does (issue #6).
   */
  templateVerdict?: Verdict
}

export interface ClusterRevision {
  name: string
  /** `pilot.cni.enabled` (or `istio_cni.enabled`) in its injector values; null when unknown. */
  cniEnabled: boolean | null
  /** ENABLE_NATIVE_SIDECARS from the injector values or the istiod env; null when unset. */
  nativeSidecars: boolean | 'auto' | null
  dnsCapture: boolean | null
  /** `namespace/name` of its istiod Deployment, when found. */
  istiod: string | null
  /** Revision tags pointing at it. */
  tags: string[]
  sources: string[]
}

/** The platform the CNI install is checked against (issue #15, ref §6). */
export interface PlatformInfo {
  /** Istio's platform name (its `platform-<name>` profiles; `rke2` has none), null when unknown. */
  name: string | null
  /** What decided it: `--platform`, or the first signal the API showed (a node label, a providerID...). */
  from: string | null
  /** The primary CNI, from its DaemonSet. */
  primaryCni: { name: string; daemonSet: string } | null
  /** The Multus DaemonSet, when there is one. */
  multus: string | null
}

/** The CNI node agent's effective settings: its host paths, ConfigMap and env (ref §4.4, §1.8, §1.9). */
export interface CniSettings {
  /** `namespace/name` of what they were read from: the DaemonSet, or the install resource offline. */
  from: string
  namespace: string
  /** Host paths of the `cni-bin-dir`, `cni-net-dir` and `cni-netns-dir` volumes. */
  binDir: string | null
  confDir: string | null
  netnsDir: string | null
  /** CHAINED_CNI_PLUGIN: chained into the primary conflist, or a standalone file (Multus). */
  chained: boolean
  /** CNI_CONF_NAME, when set. */
  confName: string | null
  /** `cni.provider` where the install says it (`multus` renders the NetworkAttachmentDefinition); null when unknown. */
  provider: string | null
  ambient: boolean
  /** Namespaces the agent really skips. */
  excludeNamespaces: string[]
  /** Where the list came from; `EXCLUDED_NAMESPACES` is a key the agent ignores (ref §1.8). */
  excludeKey: 'EXCLUDE_NAMESPACES' | 'EXCLUDED_NAMESPACES' | 'cni_network_config' | 'values' | null
  repair: { enabled: boolean; repairPods: boolean; deletePods: boolean; labelPods: boolean }
  version: string | null
  image: string | null
}

export interface ClusterCni extends CniSettings {
  name: string
  /** DaemonSet status: nodes it should run on, and nodes where it is ready. */
  desired: number
  ready: number
  /** Linux nodes in the cluster, when they could be listed. */
  nodes: number | null
}

/** Offline: the CNI install found in the input, checked against the platform (issue #15). */
export interface InstallSection {
  platform: PlatformInfo
  cni: CniSettings
  findings: Finding[]
}

export interface ClusterWebhook {
  name: string
  revision: string | null
  tag: string | null
  webhooks: { name: string; namespaceSelector?: unknown; objectSelector?: unknown }[]
}

export interface ClusterSection {
  context: string
  scope: { allNamespaces: boolean; namespace?: string; selector?: string }
  /** Namespaces the credentials may not (fully) read. */
  skippedNamespaces: string[]
  istio: { found: boolean; namespaces: string[]; forced: boolean }
  platform: PlatformInfo
  revisions: ClusterRevision[]
  /** The CNI node agent; null when none was found. */
  cni: ClusterCni | null
  webhooks: ClusterWebhook[]
  /** Migration blockers (preflight blockers first) and cluster-level notes (ICNI03xx). */
  findings: Finding[]
}

/** Set on a suppressed finding. */
export interface Suppression {
  by: 'annotation' | 'flag'
  /** The annotation's `istiocni.io/ignore-reason`, or the `--ignore` flag that matched. */
  reason?: string
}

export function summarize(workloads: WorkloadResult[]): Summary {
  const summary: Summary = { breaks: 0, ok: 0, 'not-meshed': 0, review: 0 }
  for (const w of workloads) summary[w.verdict]++
  return summary
}
