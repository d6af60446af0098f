// Reads a live cluster into the one input shape (issue #4): the namespaces, pods and workloads in
// scope (-A, -n, -l), and, wherever Istio lives, its injector and mesh ConfigMaps, istiod, the
// injection webhooks, the CNI node agent and the nodes (ref §4). Lists are paged (limit/continue);
// a 410 on continue restarts that list once; a 403 on a cluster-wide list falls back to one list
// per namespace the user may read; 5xx and timeouts are retried within the request's budget
// (kube.ts). Pods and workloads are essential: a failure there fails the read. Lists that only add
// detail (nodes, webhooks, events) degrade to a warning; a failing server there marks the read
// incomplete (exit 4), a 403 does not (it is how this user sees the cluster).
// Then what the migration preflight needs (issue #15): the server version, the primary CNI's
// DaemonSets and Cilium's ConfigMap, the agent namespace's ResourceQuotas and labels, and the
// NetworkAttachmentDefinitions (a CRD: 404 is "none"). Each of these is optional: a 403 or a
// failing server degrades to a warning (the latter marking the read incomplete), and the rules
// that need it stay silent.
// Nothing here judges anything: the core gets the objects.
import { isCniAgent } from '../classify/cluster/cluster.js'
import { isPlatformDaemonSet } from '../classify/cluster/platform.js'
import { type MeshFlags, type Sourced, CLUSTER_SOURCE, ISTIO_SOURCE, type LiveInput, type LiveMeta } from '../model/input.js'
import type { KObject } from '../model/k8s.js'
import { meshConfigMapRole } from '../model/mesh.js'
import { KINDS } from '../model/kinds.js'
import { ISTIO_CONTAINERS } from '../model/keys.js'
import { connect, type Kube, KubeError, parseRequestTimeout } from './kube.js'

export { KubeError } from './kube.js'

export interface LiveOptions {
  kubeconfig?: string
  context?: string
  namespace?: string
  allNamespaces?: boolean
  selector?: string
  requestTimeout?: string
  istioNamespace?: string
  flags: MeshFlags
  /** Called with a short status line while lists load (the spinner). */
  progress?: (text: string) => void
  env?: NodeJS.ProcessEnv
  /** Items per list page (kubectl's --chunk-size default). */
  pageSize?: number
  /** Parallel per-namespace lists after a 403. */
  concurrency?: number
  retries?: number
  backoffMs?: number
}

export interface LiveRead extends LiveInput {
  /** Requests sent to the API server, retries included. */
  requests: number
}

interface Resource {
  kind: string
  apiVersion: string
  plural: string
  namespaced: boolean
}

const core = (kind: string, plural: string, namespaced = true): Resource => ({ kind, apiVersion: 'v1', plural, namespaced })
const group = (g: string, kind: string, plural: string, namespaced = true): Resource => ({ kind, apiVersion: `${g}/v1`, plural, namespaced })

const NAMESPACES = core('Namespace', 'namespaces', false)
const PODS = core('Pod', 'pods')
const CONFIGMAPS = core('ConfigMap', 'configmaps')
const EVENTS = core('Event', 'events')
const NODES = core('Node', 'nodes', false)
const DEPLOYMENTS = group('apps', 'Deployment', 'deployments')
const DAEMONSETS = group('apps', 'DaemonSet', 'daemonsets')
const RESOURCE_QUOTAS = core('ResourceQuota', 'resourcequotas')
const NADS = group('k8s.cni.cncf.io', 'NetworkAttachmentDefinition', 'network-attachment-definitions')
/** The pod's identity, evidence for init programs the core does not know (classify/network/identity.ts). */
const RBAC = 'rbac.authorization.k8s.io'
const IDENTITY: Resource[] = [
  core('ServiceAccount', 'serviceaccounts'), group(RBAC, 'Role', 'roles'), group(RBAC, 'RoleBinding', 'rolebindings'),
  group(RBAC, 'ClusterRole', 'clusterroles', false), group(RBAC, 'ClusterRoleBinding', 'clusterrolebindings', false),
]
/** Where primary CNIs and Multus put their DaemonSets, read one by one when a cluster-wide list is forbidden. */
const CNI_NAMESPACES = ['kube-system', 'calico-system', 'kube-flannel', 'openshift-multus', 'openshift-ovn-kubernetes']
const WEBHOOKS = group('admissionregistration.k8s.io', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false)
/** What a row is made of (the issue's list), in the order kubectl prints them. */
const WORKLOADS: Resource[] = [
  PODS, DEPLOYMENTS, group('apps', 'StatefulSet', 'statefulsets'), DAEMONSETS,
  group('apps', 'ReplicaSet', 'replicasets'), group('batch', 'Job', 'jobs'), group('batch', 'CronJob', 'cronjobs'),
]
const SANDBOX_EVENTS = { fieldSelector: 'reason=FailedCreatePodSandBox' }
const ISTIOD = { labelSelector: 'app=istiod' }
const CNI_AGENT = { labelSelector: 'k8s-app=istio-cni-node' }

/**
 * The pod-template custom resources of the registry this cluster serves (model/kinds.ts), from the
 * legacy discovery document /apis: one request. A group it does not serve is not an error.
 */
function servedCustomKinds(groups: unknown): Resource[] {
  const served = new Map<string, string[]>()
  for (const g of Array.isArray((groups as any)?.groups) ? (groups as any).groups : []) {
    if (typeof g?.name === 'string' && Array.isArray(g.versions)) served.set(g.name, g.versions.map((v: any) => v?.version))
  }
  return KINDS.filter((k) => k.origin === 'custom' && k.live).flatMap((k) => {
    const version = k.versions.find((v) => served.get(k.group)?.includes(v))
    return version ? [{ kind: k.kind, apiVersion: `${k.group}/${version}`, plural: k.plural, namespaced: true }] : []
  })
}

function path(r: Resource, namespace?: string): string {
  const base = r.apiVersion === 'v1' ? '/api/v1' : `/apis/${r.apiVersion}`
  return namespace && r.namespaced ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.plural}` : `${base}/${r.plural}`
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

/** List items carry no kind; managedFields and last-applied copies are dead weight for the core. */
function item(r: Resource, o: KObject): KObject {
  if (r === NODES) {
    return {
      kind: 'Node', apiVersion: 'v1', metadata: { name: o.metadata?.name, labels: o.metadata?.labels ?? {} },
      ...(o.spec?.providerID ? { spec: { providerID: o.spec.providerID } } : {}),
      status: { nodeInfo: { kubeletVersion: o.status?.nodeInfo?.kubeletVersion } },
    }
  }
  const m = o.metadata as (KObject['metadata'] & { managedFields?: unknown }) | undefined
  if (m) {
    delete m.managedFields
    if (m.annotations && LAST_APPLIED in m.annotations) delete m.annotations[LAST_APPLIED]
  }
  o.kind = r.kind
  o.apiVersion = r.apiVersion
  return o
}

const isForbidden = (e: unknown) => e instanceof KubeError && e.status === 403
const isNotFound = (e: unknown) => e instanceof KubeError && e.status === 404

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T, U>(items: T[], limit: number, fn: (t: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

class Reader {
  readonly warnings: string[] = []
  /** Set by a warning that means workloads may be missing from the read. */
  incomplete = false
  private readonly counts = new Map<string, number>()
  private phase = 'Reading the cluster'
  /** The built-in workload kinds and the custom ones the cluster serves (discover()). */
  private workloads: Resource[] = WORKLOADS

  constructor(private readonly kube: Kube, private readonly o: LiveOptions) {}

  /** Adds the registry's custom kinds the cluster serves; without discovery, only the built-in kinds are read. */
  async discover(): Promise<void> {
    try {
      this.workloads = [...WORKLOADS, ...servedCustomKinds(await this.kube.get('/apis'))]
    } catch (e) {
      if (!(e instanceof KubeError)) throw e
      // Forbidden is how this user sees the cluster; a failing server may hide Rollouts that exist.
      this.warn(`cannot read API discovery (${isForbidden(e) ? 'forbidden' : e.message}): custom workload kinds (Argo Rollouts, OpenKruise) are not listed`, !isForbidden(e))
    }
  }

  /** `missing`: what the warning says was not read may hide workloads (the read is incomplete). */
  warn(text: string, missing = false): void {
    if (!this.warnings.includes(text)) this.warnings.push(text)
    if (missing) this.incomplete = true
  }

  private report(r: Resource, n: number): void {
    if (!this.o.progress) return
    this.counts.set(r.plural, (this.counts.get(r.plural) ?? 0) + n)
    const parts = this.workloads.map((w) => (this.counts.get(w.plural) ? `${this.counts.get(w.plural)} ${w.plural}` : '')).filter(Boolean)
    this.o.progress(`${this.phase}${parts.length ? `: ${parts.join(', ')}` : ''}`)
  }

  /**
   * Every item of a list, page by page. A 410 (the continue token expired while paging) restarts
   * the list once from the first page; a second one is a warning, and the rest is read with the
   * inconsistent-continue token the server hands back, if any.
   */
  async list(r: Resource, namespace?: string, query: Record<string, string> = {}, counted = true): Promise<KObject[]> {
    const report = (n: number) => counted && this.report(r, n)
    const limit = String(this.o.pageSize ?? 500)
    let items: KObject[] = []
    let token: string | undefined
    let restarted = false
    let inconsistent = false
    for (;;) {
      let page: any
      try {
        page = await this.kube.get(path(r, namespace), { ...query, limit, continue: token })
      } catch (e) {
        if (!(e instanceof KubeError) || e.status !== 410 || !token) throw e
        const where = namespace ? ` in namespace ${namespace}` : ''
        if (!restarted) {
          restarted = true
          report(-items.length)
          items = []
          token = undefined
          continue
        }
        const next = e.body?.metadata?.continue
        if (typeof next === 'string' && next && !inconsistent) {
          inconsistent = true
          this.warn(`the list of ${r.plural}${where} expired twice while paging (410): the rest was read without a consistent snapshot`)
          token = next
          continue
        }
        this.warn(`the list of ${r.plural}${where} expired twice while paging (410): it may be incomplete`, true)
        break
      }
      const got: KObject[] = Array.isArray(page?.items) ? page.items.map((o: KObject) => item(r, o)) : []
      for (const o of got) items.push(o)
      report(got.length)
      token = typeof page?.metadata?.continue === 'string' && page.metadata.continue ? page.metadata.continue : undefined
      if (!token) break
    }
    return items
  }

  /** A list that may be forbidden (null) or not served by this cluster (empty). */
  async tryList(r: Resource, namespace?: string, query: Record<string, string> = {}, counted = true): Promise<KObject[] | null> {
    try {
      return await this.list(r, namespace, query, counted)
    } catch (e) {
      if (isForbidden(e)) return null
      // A resource this cluster does not serve (an old API version) is simply empty; but every API
      // server serves namespaces and pods: a 404 there is a wrong address or a proxy (kubectl exits 1).
      if (isNotFound(e)) {
        if (r === PODS || r === NAMESPACES) throw new KubeError(`the server at ${this.kube.server} answered 404 Not Found to ${path(r, namespace)}: it does not look like a Kubernetes API server (check the server address of context "${this.kube.context}" and any proxy in between)`, 404, 'NotFound')
        return []
      }
      throw e
    }
  }

  /** A list read to find Istio: not counted in the progress line. */
  quietList(r: Resource, namespace?: string, query: Record<string, string> = {}): Promise<KObject[] | null> {
    return this.tryList(r, namespace, query, false)
  }

  /**
   * A list that only adds detail (nodes, webhooks, events): whatever stops it, a 403 or a server
   * that keeps failing, is a warning saying what goes unchecked, and null. A failing server makes
   * the read incomplete (exit 4: the next run may see more); a 403 is how this user sees the cluster.
   */
  async detail(r: Resource, namespace: string | undefined, query: Record<string, string>, what: string, unchecked: string): Promise<KObject[] | null> {
    try {
      const got = await this.tryList(r, namespace, query, false)
      if (got === null) this.warn(`cannot list ${what} (forbidden): ${unchecked}`)
      return got
    } catch (e) {
      if (!(e instanceof KubeError)) throw e
      this.warn(`cannot list ${what} (${e.message}): ${unchecked}`, true)
      return null
    }
  }

  /** FailedCreatePodSandBox events: a 403 is null (scoped() words it); a failing server, a warning and none. */
  private events(namespace?: string): Promise<KObject[] | null> {
    return this.tryList(EVENTS, namespace, SANDBOX_EVENTS).catch((e) => {
      if (!(e instanceof KubeError)) throw e
      this.warn(`cannot list events ${namespace ? `in namespace ${namespace}` : 'cluster-wide'} (${e.message}): FailedCreatePodSandBox events ${namespace ? 'there ' : ''}are not checked`, true)
      return []
    })
  }

  /** Namespaces, pods and workloads in the requested scope, with the 403 fallback. */
  async scoped(): Promise<{ objects: KObject[]; skipped: string[] }> {
    const o = this.o
    const sel: Record<string, string> = o.selector ? { labelSelector: o.selector } : {}
    const kinds = [...this.workloads, EVENTS]
    const listOf = (r: Resource, ns?: string) => (r === EVENTS ? this.events(ns) : this.tryList(r, ns, sel))
    const forbidden = new Map<string, string[]>()
    const noEvents: string[] = []
    const deny = (ns: string, r: Resource) => {
      if (r === EVENTS) noEvents.push(ns)
      else forbidden.set(ns, [...(forbidden.get(ns) ?? []), r.plural])
    }
    const objects: KObject[] = []
    let readSomething = false

    if (!o.allNamespaces) {
      const ns = o.namespace ?? this.kube.namespace
      const [nsObj, ...lists] = await Promise.all([this.getNamespace(ns), ...kinds.map((r) => listOf(r, ns))])
      if (nsObj) objects.push(nsObj)
      kinds.forEach((r, i) => {
        const items = lists[i]
        if (items === null) deny(ns, r)
        else {
          if (r !== EVENTS) readSomething = true
          for (const o of items!) objects.push(o)
        }
      })
      if (!readSomething) throw new KubeError(`cannot list pods or workloads in namespace ${ns}: forbidden`)
      return { objects, skipped: this.reportSkipped(forbidden, noEvents) }
    }

    const [namespaces, ...lists] = await Promise.all([this.tryList(NAMESPACES), ...kinds.map((r) => listOf(r))])
    for (const o of namespaces ?? []) objects.push(o)
    let fallback: Resource[] = []
    kinds.forEach((r, i) => {
      const items = lists[i]
      if (items === null) fallback.push(r)
      else {
        if (r !== EVENTS) readSomething = true
        for (const o of items!) objects.push(o)
      }
    })
    // Events are auxiliary: read per namespace only along with pods or workloads, never alone.
    if (fallback.length === 1 && fallback[0] === EVENTS) {
      fallback = []
      this.warn('cannot list events cluster-wide (forbidden): FailedCreatePodSandBox events are not checked')
    }
    if (fallback.length) {
      let names = (namespaces ?? []).map((n) => n.metadata?.name ?? '').filter(Boolean)
      if (!namespaces) {
        names = [this.kube.namespace]
        this.warn(`cannot list namespaces (forbidden): reading only namespace ${this.kube.namespace}, the context's`, true)
      }
      this.phase = `Reading ${names.length} namespace${names.length === 1 ? '' : 's'} one by one (cluster-wide lists are forbidden)`
      const jobs = names.flatMap((ns) => fallback.map((r) => ({ ns, r })))
      const results = await pool(jobs, this.o.concurrency ?? 8, async ({ ns, r }) => listOf(r, ns))
      jobs.forEach(({ ns, r }, i) => {
        const items = results[i]
        if (items === null) deny(ns, r)
        else {
          if (r !== EVENTS) readSomething = true
          for (const o of items!) objects.push(o)
        }
      })
    }
    if (!readSomething) throw new KubeError('cannot list pods or workloads in any namespace: forbidden (check your RBAC permissions, or pick a namespace with -n)')
    return { objects, skipped: this.reportSkipped(forbidden, noEvents) }
  }

  private reportSkipped(forbidden: Map<string, string[]>, noEvents: string[]): string[] {
    const skipped = [...forbidden.keys()].sort()
    for (const ns of skipped) {
      const kinds = forbidden.get(ns)!
      const all = kinds.length === this.workloads.length
      this.warn(`namespace ${ns} ${all ? 'skipped' : 'partly skipped'}: cannot list ${all ? 'pods or workloads' : kinds.join(', ')} there (forbidden)`, true)
    }
    // Events matter only where pods were read.
    const events = noEvents.filter((ns) => forbidden.get(ns)?.length !== this.workloads.length).sort()
    if (events.length) this.warn(`cannot list events in namespace${events.length === 1 ? '' : 's'} ${events.join(', ')} (forbidden): FailedCreatePodSandBox events there are not checked`)
    return skipped
  }

  private async getNamespace(name: string): Promise<KObject | undefined> {
    try {
      const ns = await this.kube.get(`/api/v1/namespaces/${encodeURIComponent(name)}`)
      return item(NAMESPACES, ns)
    } catch (e) {
      if (isForbidden(e)) this.warn(`cannot read namespace ${name} (forbidden): its injection labels are unknown, so it is assumed injected`)
      else if (isNotFound(e)) this.warn(`namespace ${name} not found`)
      else throw e
      return undefined
    }
  }

  /** Istio's objects wherever they live (ref §4): istiod, injector/mesh ConfigMaps, webhooks, the CNI agent, nodes. */
  async istio(): Promise<{ objects: KObject[]; nodesRead: boolean }> {
    const forced = this.o.istioNamespace
    const [istiods, labelled, agents, webhooks, nodes] = await Promise.all([
      forced ? this.quietList(DEPLOYMENTS, forced, ISTIOD) : this.quietList(DEPLOYMENTS, undefined, ISTIOD),
      forced ? Promise.resolve([] as KObject[]) : this.quietList(CONFIGMAPS, undefined, { labelSelector: 'istio.io/rev' }),
      this.quietList(DAEMONSETS, undefined, CNI_AGENT),
      this.detail(WEBHOOKS, undefined, {}, 'MutatingWebhookConfigurations', 'revision tags are not resolved'),
      this.detail(NODES, undefined, {}, 'nodes', 'whether the CNI node agent covers every node is not checked'),
    ])

    const namespaces = new Set<string>()
    if (forced) namespaces.add(forced)
    for (const d of istiods ?? []) namespaces.add(d.metadata?.namespace ?? '')
    for (const c of labelled ?? []) if (meshConfigMapRole(c)) namespaces.add(c.metadata?.namespace ?? '')
    for (const w of webhooks ?? []) {
      if (!/^istio-(sidecar-injector|revision-tag-)/.test(w.metadata?.name ?? '')) continue
      for (const h of (w.webhooks as any[]) ?? []) if (h?.clientConfig?.service?.namespace) namespaces.add(h.clientConfig.service.namespace)
    }
    namespaces.delete('')
    if (!namespaces.size) namespaces.add('istio-system')
    const agentNamespaces = new Set((agents ?? []).map((a) => a.metadata?.namespace ?? ''))
    // Without the cluster-wide view, look where the charts put the agent (ref §4.4); by name, for
    // agents that lost their labels, in a namespace named with --istio-namespace.
    const agentCandidates = agents === null ? [...new Set([...namespaces, 'kube-system', 'istio-cni'])] : forced && !agentNamespaces.size ? [forced] : []
    const cmNamespaces = [...new Set([...namespaces, ...agentNamespaces])]

    const [perNs, istiodsNs, agentsNs] = await Promise.all([
      pool(cmNamespaces, 4, (ns) => this.quietList(CONFIGMAPS, ns)),
      istiods === null && !forced ? pool([...namespaces], 4, (ns) => this.quietList(DEPLOYMENTS, ns, ISTIOD)) : Promise.resolve([]),
      pool(agentCandidates, 4, (ns) => this.quietList(DAEMONSETS, ns)),
    ])
    const foundAgents = [...(agents ?? []), ...agentsNs.flatMap((x) => x ?? [])].filter(isCniAgent)
    const agentConfigs = new Set(['istio-cni-config', ...foundAgents.flatMap((a) =>
      (a.spec?.template?.spec?.containers ?? []).flatMap((c: any) => (c?.envFrom ?? []).map((e: any) => e?.configMapRef?.name)).filter(Boolean))])
    // Istio's ConfigMaps only: the others are not the core's business (and can be large).
    const wanted = (c: KObject) => meshConfigMapRole(c) !== undefined || agentConfigs.has(c.metadata?.name ?? '')
    const configMaps = [...(labelled ?? []), ...perNs.flatMap((x) => x ?? [])].filter(wanted)
    cmNamespaces.forEach((ns, i) => {
      if (perNs[i] === null && (namespaces.has(ns) && (forced === ns || istiods?.some((d) => d.metadata?.namespace === ns))))
        this.warn(`cannot list ConfigMaps in namespace ${ns} (forbidden): the mesh settings there are unknown`)
    })
    const allIstiods = [...(istiods ?? []), ...istiodsNs.flatMap((x) => x ?? [])]
    const found = allIstiods.length > 0 || configMaps.some((c) => meshConfigMapRole(c)?.role === 'injector')
    if (!found) {
      this.warn(forced
        ? `no Istio control plane found in namespace ${forced}: judging with the offline defaults`
        : 'no Istio control plane found (no istiod Deployment, no istio-sidecar-injector ConfigMap): judging with the offline defaults (pass --istio-namespace if it is installed)')
    }
    return { objects: [...configMaps, ...allIstiods, ...foundAgents, ...(webhooks ?? []), ...(nodes ?? [])], nodesRead: nodes !== null }
  }
}

/** What the preflight read beside the objects. */
interface PreflightRead {
  objects: KObject[]
  serverVersion?: string
  unread: string[]
}

/** The migration preflight's extra reads (issue #15), all optional. */
async function readPreflight(reader: Reader, kube: Kube, o: LiveOptions, known: KObject[]): Promise<PreflightRead> {
  const unread: string[] = []
  /** A read whose failure (403, 5xx, timeout) is a warning: the rules needing it stay silent. */
  const optional = async <T>(what: string, kind: string, read: () => Promise<T | null>): Promise<T | null> => {
    try {
      const got = await read()
      if (got === null) { unread.push(kind); reader.warn(`cannot read ${what} (forbidden): the preflight checks that need them are skipped`) }
      return got
    } catch (e) {
      if (!(e instanceof KubeError)) throw e
      unread.push(kind)
      reader.warn(`cannot read ${what} (${e.message}): the preflight checks that need them are skipped`, true)
      return null
    }
  }
  const agent = known.find(isCniAgent)
  const agentNs = agent?.metadata?.namespace
  const hasNs = (ns: string) => known.some((x) => x.kind === 'Namespace' && x.metadata?.name === ns)
  // With -A every DaemonSet was listed already; otherwise list them (per well-known namespace after a 403).
  const daemonSets = o.allNamespaces ? known.filter(isPlatformDaemonSet) : await optional('DaemonSets', 'DaemonSet', async () => {
    const all = await reader.quietList(DAEMONSETS)
    if (all) return all
    const per = await pool(CNI_NAMESPACES, 4, (ns) => reader.quietList(DAEMONSETS, ns))
    return per.every((x) => x === null) ? null : per.flatMap((x) => x ?? [])
  })
  const platformDs = (daemonSets ?? []).filter(isPlatformDaemonSet)
  const ciliumNs = platformDs.find((d) => d.metadata?.name === 'cilium')?.metadata?.namespace
  const getOptional = async (path: string): Promise<KObject | undefined | null> => {
    try { return await kube.get(path) } catch (e) {
      if (e instanceof KubeError && e.status === 404) return undefined
      if (e instanceof KubeError && e.status === 403) return null
      throw e
    }
  }
  const [version, nads, quotas, cilium, ns] = await Promise.all([
    optional('the server version', 'version', async () => (await kube.get('/version')) as { gitVersion?: string }),
    optional('NetworkAttachmentDefinitions', 'NetworkAttachmentDefinition', async () => (await reader.quietList(NADS)) ?? reader.quietList(NADS, 'default')),
    agentNs ? optional(`ResourceQuotas in namespace ${agentNs}`, 'ResourceQuota', () => reader.quietList(RESOURCE_QUOTAS, agentNs)) : Promise.resolve([]),
    ciliumNs ? optional(`ConfigMap ${ciliumNs}/cilium-config`, 'cilium-config', () => getOptional(`/api/v1/namespaces/${encodeURIComponent(ciliumNs)}/configmaps/cilium-config`)) : Promise.resolve(undefined),
    agentNs && !hasNs(agentNs) ? optional(`namespace ${agentNs}`, 'Namespace', () => getOptional(`/api/v1/namespaces/${encodeURIComponent(agentNs)}`)) : Promise.resolve(undefined),
  ])
  const objects = [
    ...platformDs, ...(nads ?? []), ...(quotas ?? []),
    ...(cilium ? [item(CONFIGMAPS, cilium)] : []), ...(ns ? [item(NAMESPACES, ns)] : []),
  ]
  return { objects, ...(typeof version?.gitVersion === 'string' ? { serverVersion: version.gitVersion } : {}), unread }
}

/** An application init container among the objects read (Istio's own do not count). */
const hasAppInit = (objects: KObject[]) => objects.some((o) => {
  const spec = o.kind === 'Pod' ? o.spec : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec
  return Array.isArray(spec?.initContainers) && spec.initContainers.some((c: { name?: string }) => !ISTIO_CONTAINERS.has(c?.name ?? ''))
})

/**
 * ServiceAccounts and the RBAC bound to them, in the scope read, when some application init
 * container could need them. Optional: a 403 or a failing server is a warning, and unknown
 * init programs are judged without them.
 */
async function readIdentity(reader: Reader, o: LiveOptions, namespace: string, scoped: KObject[]): Promise<KObject[]> {
  if (!hasAppInit(scoped)) return []
  const lists = await Promise.all(IDENTITY.map(async (r) => {
    const why = (e: string) => reader.warn(`cannot list ${r.plural}${r.namespaced && !o.allNamespaces ? ` in namespace ${namespace}` : ''} (${e}): ServiceAccount permissions are not used as evidence for unknown init programs`)
    try {
      const got = await reader.quietList(r, o.allNamespaces ? undefined : namespace)
      if (got === null) why('forbidden')
      return got ?? []
    } catch (e) {
      if (!(e instanceof KubeError)) throw e
      why(e.message)
      return []
    }
  }))
  return lists.flat()
}

/** Reads the cluster the kubeconfig and flags point at. Throws KubeError with a one-line message. */
export async function readCluster(o: LiveOptions): Promise<LiveRead> {
  const timeoutMs = parseRequestTimeout(o.requestTimeout)
  const kube = await connect({
    timeoutMs,
    ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
    ...(o.context ? { context: o.context } : {}),
    ...(o.env ? { env: o.env } : {}),
    ...(o.retries !== undefined ? { retries: o.retries } : {}),
    ...(o.backoffMs !== undefined ? { backoffMs: o.backoffMs } : {}),
  })
  try {
    const reader = new Reader(kube, o)
    o.progress?.('Reading the cluster')
    await reader.discover()
    const [scoped, istio] = await Promise.all([reader.scoped(), reader.istio()])
    const seen = new Set<string>()
    const objects: Sourced[] = []
    const add = (list: KObject[], source: string) => {
      for (const object of list) {
        const k = `${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`
        if (seen.has(k)) continue
        seen.add(k)
        objects.push({ object, source })
      }
    }
    add(scoped.objects, CLUSTER_SOURCE)
    add(istio.objects, ISTIO_SOURCE)
    const [extra, identity] = await Promise.all([
      readPreflight(reader, kube, o, objects.map((x) => x.object)),
      readIdentity(reader, o, o.namespace ?? kube.namespace, scoped.objects),
    ])
    add(extra.objects, ISTIO_SOURCE)
    add(identity, CLUSTER_SOURCE)
    const meta: LiveMeta = {
      context: kube.context,
      scope: { allNamespaces: o.allNamespaces === true, ...(o.allNamespaces ? {} : { namespace: o.namespace ?? kube.namespace }), ...(o.selector ? { selector: o.selector } : {}) },
      ...(o.istioNamespace ? { istioNamespace: o.istioNamespace } : {}),
      skippedNamespaces: scoped.skipped,
      warnings: reader.warnings,
      ...(reader.incomplete ? { incomplete: true } : {}),
      nodesRead: istio.nodesRead,
      ...(extra.serverVersion ? { serverVersion: extra.serverVersion } : {}),
      ...(extra.unread.length ? { unread: extra.unread } : {}),
    }
    return { objects, errors: [], flags: o.flags, live: meta, requests: kube.requests }
  } finally {
    kube.close()
  }
}
