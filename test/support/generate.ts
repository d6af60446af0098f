// A large synthetic cluster for benchmarks: namespaces, Deployments -> ReplicaSets -> Pods whose
// specs look like what Istio's injector produces (istio-init, istio-validation, native sidecars),
// some with application init containers. Deterministic for a given seed.

type KObj = Record<string, any>

export interface GenerateOptions {
  /** Application pods in total (mesh components add none). */
  pods: number
  /** Deployments (each with one ReplicaSet); pods are spread evenly over them. */
  workloads: number
  /** Application namespaces; default one per 40 workloads. */
  namespaces?: number
  /** Also add istio-system: istiod, injector and mesh ConfigMaps, CNI DaemonSet, webhook. Default true. */
  mesh?: boolean
  seed?: number
}

type Flavour = 'istio-init' | 'cni' | 'native-sidecar' | 'none'

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789'
const PROXY_IMAGE = 'docker.io/istio/proxyv2:1.24.2'
const CREATED = '2025-03-01T09:00:00Z'
const NODES = 50

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function suffix(rand: () => number, length: number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += NAME_CHARS[Math.floor(rand() * NAME_CHARS.length)]
  return s
}

function pick<T>(rand: () => number, weighted: [T, number][]): T {
  let r = rand() * weighted.reduce((sum, [, w]) => sum + w, 0)
  for (const [value, weight] of weighted) if ((r -= weight) < 0) return value
  return weighted[weighted.length - 1][0]
}

// --- containers the injector adds ---

function proxyEnv(app: string, ns: string): KObj[] {
  const field = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } })
  return [
    { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
    { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
    field('POD_NAME', 'metadata.name'),
    field('POD_NAMESPACE', 'metadata.namespace'),
    field('INSTANCE_IP', 'status.podIP'),
    field('SERVICE_ACCOUNT', 'spec.serviceAccountName'),
    field('HOST_IP', 'status.hostIP'),
    { name: 'ISTIO_CPU_LIMIT', valueFrom: { resourceFieldRef: { divisor: '0', resource: 'limits.cpu' } } },
    { name: 'PROXY_CONFIG', value: '{}\n' },
    { name: 'ISTIO_META_POD_PORTS', value: '[\n    {"name":"http","containerPort":8080,"protocol":"TCP"}\n]' },
    { name: 'ISTIO_META_APP_CONTAINERS', value: app },
    { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' },
    { name: 'ISTIO_META_NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    { name: 'ISTIO_META_INTERCEPTION_MODE', value: 'REDIRECT' },
    { name: 'ISTIO_META_WORKLOAD_NAME', value: app },
    { name: 'ISTIO_META_OWNER', value: `kubernetes://apis/apps/v1/namespaces/${ns}/deployments/${app}` },
    { name: 'ISTIO_META_MESH_ID', value: 'cluster.local' },
    { name: 'TRUST_DOMAIN', value: 'cluster.local' },
  ]
}

/** The proxy's securityContext as the injection template writes it (istio-proxy and istio-validation). */
const PROXY_SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsGroup: 1337,
  runAsNonRoot: true,
  runAsUser: 1337,
}

function proxyContainer(app: string, ns: string, native: boolean): KObj {
  const c: KObj = {
    name: 'istio-proxy',
    image: PROXY_IMAGE,
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
    env: proxyEnv(app, ns),
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    readinessProbe: { failureThreshold: 4, httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, periodSeconds: 15, timeoutSeconds: 3 },
    startupProbe: { failureThreshold: 600, httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, periodSeconds: 1, timeoutSeconds: 3 },
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
    securityContext: PROXY_SECURITY,
    volumeMounts: [
      { mountPath: '/var/run/secrets/workload-spiffe-uds', name: 'workload-socket' },
      { mountPath: '/var/run/secrets/istio', name: 'istiod-ca-cert' },
      { mountPath: '/var/lib/istio/data', name: 'istio-data' },
      { mountPath: '/etc/istio/proxy', name: 'istio-envoy' },
      { mountPath: '/var/run/secrets/tokens', name: 'istio-token' },
      { mountPath: '/etc/istio/pod', name: 'istio-podinfo' },
    ],
  }
  if (native) c.restartPolicy = 'Always'
  return c
}

const IPTABLES_ARGS = ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info']

function istioInit(): KObj {
  return {
    name: 'istio-init',
    image: PROXY_IMAGE,
    args: IPTABLES_ARGS,
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsGroup: 0,
      runAsNonRoot: false,
      runAsUser: 0,
    },
  }
}

function istioValidation(): KObj {
  return {
    ...istioInit(),
    name: 'istio-validation',
    args: [...IPTABLES_ARGS, '--run-validation', '--skip-rule-apply'],
    securityContext: PROXY_SECURITY,
  }
}

const ISTIO_VOLUMES: KObj[] = [
  { emptyDir: {}, name: 'workload-socket' },
  { emptyDir: { medium: 'Memory' }, name: 'istio-envoy' },
  { emptyDir: {}, name: 'istio-data' },
  {
    downwardAPI: {
      items: [
        { fieldRef: { fieldPath: 'metadata.labels' }, path: 'labels' },
        { fieldRef: { fieldPath: 'metadata.annotations' }, path: 'annotations' },
      ],
    },
    name: 'istio-podinfo',
  },
  { name: 'istio-token', projected: { sources: [{ serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } }] } },
  { configMap: { name: 'istio-ca-root-cert' }, name: 'istiod-ca-cert' },
]

// --- application containers ---

function appInitContainer(rand: () => number, app: string, ns: string): KObj | undefined {
  const kind = pick(rand, [['none', 65], ['wait-for-db', 15], ['migrate', 10], ['fetch-config', 6], ['chown', 4]])
  switch (kind) {
    case 'wait-for-db':
      return { name: 'wait-for-db', image: 'busybox:1.36', command: ['sh', '-c', `until nc -z postgres.${ns}.svc.cluster.local 5432; do sleep 2; done`] }
    case 'migrate':
      return {
        name: 'migrate',
        image: `registry.example.com/${app}:1.4.2`,
        command: ['./manage.py', 'migrate', '--noinput'],
        env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${app}-db`, key: 'url' } } }],
        securityContext: { runAsUser: 1000, runAsNonRoot: true },
      }
    case 'fetch-config':
      return {
        name: 'fetch-config',
        image: 'curlimages/curl:8.5.0',
        args: ['-sf', `http://config-server.platform.svc.cluster.local/config/${app}`, '-o', '/config/app.yaml'],
        securityContext: { runAsUser: 1337 },
        volumeMounts: [{ name: 'config', mountPath: '/config' }],
      }
    case 'chown':
      return { name: 'fix-permissions', image: 'busybox:1.36', command: ['sh', '-c', 'chown -R 1000:1000 /data'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }
    default:
      return undefined
  }
}

function appContainer(app: string): KObj {
  return {
    name: app,
    image: `registry.example.com/${app}:1.4.2`,
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10 },
    resources: { requests: { cpu: '50m', memory: '64Mi' } },
    securityContext: { runAsUser: 1000, runAsNonRoot: true },
  }
}

interface Workload {
  app: string
  ns: string
  ambient: boolean
  flavour: Flavour
  initContainers: KObj[]
  hash: string
  replicas: number
}

/** The pod template as the user wrote it (before injection). */
function templateSpec(w: Workload): KObj {
  const spec: KObj = { containers: [appContainer(w.app)], serviceAccountName: w.app, terminationGracePeriodSeconds: 30 }
  if (w.initContainers.length > 0) spec.initContainers = w.initContainers
  if (w.initContainers.some((c) => c.volumeMounts)) spec.volumes = [{ name: 'config', emptyDir: {} }, { name: 'data', emptyDir: {} }]
  return spec
}

function injectedInitContainers(w: Workload): KObj[] {
  switch (w.flavour) {
    case 'istio-init':
      return [...w.initContainers, istioInit()]
    case 'cni':
      return [istioValidation(), ...w.initContainers]
    case 'native-sidecar':
      return [istioValidation(), proxyContainer(w.app, w.ns, true), ...w.initContainers]
    case 'none':
      return w.initContainers
  }
}

function sidecarStatus(w: Workload): string {
  const init = w.flavour === 'istio-init' ? ['istio-init'] : w.flavour === 'native-sidecar' ? ['istio-validation', 'istio-proxy'] : ['istio-validation']
  const containers = w.flavour === 'native-sidecar' ? null : ['istio-proxy']
  return JSON.stringify({ initContainers: init, containers, volumes: ISTIO_VOLUMES.map((v) => v.name), imagePullSecrets: null, revision: 'default' })
}

function injectedSpec(w: Workload, node: string): KObj {
  const spec = templateSpec(w)
  const initContainers = injectedInitContainers(w)
  if (initContainers.length > 0) spec.initContainers = initContainers
  if (w.flavour === 'istio-init' || w.flavour === 'cni') spec.containers = [...spec.containers, proxyContainer(w.app, w.ns, false)]
  if (w.flavour !== 'none') spec.volumes = [...(spec.volumes ?? []), ...ISTIO_VOLUMES]
  return { ...spec, nodeName: node, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' }
}

function podMetadata(w: Workload): KObj {
  const labels: KObj = { app: w.app, 'pod-template-hash': w.hash }
  const annotations: KObj = {}
  if (w.flavour !== 'none') {
    Object.assign(labels, {
      'security.istio.io/tlsMode': 'istio',
      'service.istio.io/canonical-name': w.app,
      'service.istio.io/canonical-revision': 'latest',
    })
    Object.assign(annotations, {
      'istio.io/rev': 'default',
      'kubectl.kubernetes.io/default-container': w.app,
      'kubectl.kubernetes.io/default-logs-container': w.app,
      'prometheus.io/path': '/stats/prometheus',
      'prometheus.io/port': '15020',
      'prometheus.io/scrape': 'true',
      'sidecar.istio.io/status': sidecarStatus(w),
    })
    if (w.flavour !== 'istio-init') annotations['sidecar.istio.io/interceptionMode'] = 'REDIRECT'
  }
  if (w.ambient) annotations['ambient.istio.io/redirection'] = 'enabled'
  return { labels, annotations }
}

function containerStatuses(containers: KObj[], init: boolean): KObj[] {
  return containers.map((c) => {
    const sidecar = init && c.restartPolicy === 'Always'
    const state = init && !sidecar ? { terminated: { exitCode: 0, reason: 'Completed', startedAt: CREATED, finishedAt: CREATED } } : { running: { startedAt: CREATED } }
    return { name: c.name, image: c.image, imageID: '', ready: !init || sidecar, restartCount: 0, started: !init || sidecar, state }
  })
}

function pod(w: Workload, rand: () => number, node: string, ip: string): KObj {
  const spec = injectedSpec(w, node)
  const status: KObj = {
    phase: 'Running',
    hostIP: '10.0.0.10',
    podIP: ip,
    qosClass: 'Burstable',
    startTime: CREATED,
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: CREATED })),
    containerStatuses: containerStatuses(spec.containers, false),
  }
  if (spec.initContainers) status.initContainerStatuses = containerStatuses(spec.initContainers, true)
  const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${w.app}-${w.hash}`, controller: true, blockOwnerDeletion: true }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${w.app}-${w.hash}-${suffix(rand, 5)}`, namespace: w.ns, ...podMetadata(w), ownerReferences: [owner] },
    spec,
    status,
  }
}

function template(w: Workload): KObj {
  return { metadata: { labels: { app: w.app } }, spec: templateSpec(w) }
}

function deployment(w: Workload): KObj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.app, namespace: w.ns, labels: { app: w.app }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: { replicas: w.replicas, selector: { matchLabels: { app: w.app } }, template: template(w) },
    status: { observedGeneration: 1, replicas: w.replicas, readyReplicas: w.replicas, availableReplicas: w.replicas, updatedReplicas: w.replicas },
  }
}

function replicaSet(w: Workload): KObj {
  const labels = { app: w.app, 'pod-template-hash': w.hash }
  const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: w.app, controller: true, blockOwnerDeletion: true }
  const tpl = template(w)
  tpl.metadata.labels = labels
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${w.app}-${w.hash}`, namespace: w.ns, labels, ownerReferences: [owner], annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: { replicas: w.replicas, selector: { matchLabels: labels }, template: tpl },
    status: { observedGeneration: 1, replicas: w.replicas, readyReplicas: w.replicas, availableReplicas: w.replicas, fullyLabeledReplicas: w.replicas },
  }
}

type NamespaceMode = 'sidecar' | 'ambient' | 'none'

function namespaceObject(name: string, mode: NamespaceMode): KObj {
  const labels: KObj = {}
  if (mode === 'sidecar') labels['istio-injection'] = 'enabled'
  if (mode === 'ambient') labels['istio.io/dataplane-mode'] = 'ambient'
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }
}

function flavourFor(rand: () => number, mode: NamespaceMode): Flavour {
  if (mode !== 'sidecar') return 'none'
  return pick<Flavour>(rand, [['istio-init', 50], ['cni', 35], ['native-sidecar', 15]])
}

function node(name: string): KObj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
  }
}

function meshObjects(nodes: number): KObj[] {
  const ns = 'istio-system'
  const values = { global: { proxy: { image: 'proxyv2', privileged: false, autoInject: 'enabled' }, hub: 'docker.io/istio', tag: '1.24.2' }, pilot: { cni: { enabled: true, chained: true } } }
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-sidecar-injector', namespace: ns }, data: { values: JSON.stringify(values, null, 2), config: 'policy: enabled\n' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: ns }, data: { mesh: 'defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\ntrustDomain: cluster.local\n' } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'istio-cni-node', namespace: ns, labels: { 'k8s-app': 'istio-cni-node' } },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'istio-cni-node' } },
        template: { metadata: { labels: { 'k8s-app': 'istio-cni-node' } }, spec: { containers: [{ name: 'install-cni', image: 'docker.io/istio/install-cni:1.24.2' }] } },
      },
      status: { desiredNumberScheduled: nodes, currentNumberScheduled: nodes, numberReady: nodes, numberAvailable: nodes, updatedNumberScheduled: nodes, observedGeneration: 1 },
    },
  ]
}

/** Builds `pods` application pods over `workloads` Deployments (each with a ReplicaSet). */
export function generateCluster(opts: GenerateOptions): object[] {
  const rand = random(opts.seed ?? 42)
  const namespaceCount = Math.max(1, opts.namespaces ?? Math.ceil(opts.workloads / 40))
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => ({
    name: `team-${String(i).padStart(3, '0')}`,
    mode: pick<NamespaceMode>(rand, [['sidecar', 80], ['ambient', 10], ['none', 10]]),
  }))
  const nodeCount = Math.max(1, Math.min(NODES, opts.pods))
  const out: KObj[] = Array.from({ length: nodeCount }, (_, i) => node(`node-${i}`))
  if (opts.mesh !== false) out.push(...meshObjects(nodeCount))
  out.push(...namespaces.map((n) => namespaceObject(n.name, n.mode)))
  const base = Math.floor(opts.pods / Math.max(1, opts.workloads))
  const extra = opts.pods % Math.max(1, opts.workloads)
  let podIndex = 0
  for (let i = 0; i < opts.workloads; i++) {
    const ns = namespaces[i % namespaceCount]
    const app = `svc-${String(i).padStart(5, '0')}`
    const init = appInitContainer(rand, app, ns.name)
    const w: Workload = {
      app,
      ns: ns.name,
      ambient: ns.mode === 'ambient',
      flavour: flavourFor(rand, ns.mode),
      initContainers: init ? [init] : [],
      hash: suffix(rand, 10),
      replicas: base + (i < extra ? 1 : 0),
    }
    out.push(deployment(w), replicaSet(w))
    for (let r = 0; r < w.replicas; r++, podIndex++) {
      out.push(pod(w, rand, `node-${podIndex % nodeCount}`, `10.244.${(podIndex >> 8) & 255}.${podIndex & 255}`))
    }
  }
  return out
}
