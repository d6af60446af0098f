// Vendor operators' and install bundles' own init binaries and entrypoint-only images: device
// plugins and GPU stacks, CNI installers, mesh and proxy bootstrap, storage and database
// operators. Each entry is decided from the program's own source, cited in `source`.
import type { EffectSpec, ProgramEntry } from '../types.js'

const KUBE = '$KUBERNETES_SERVICE_HOST:443'
/** In-cluster client-go: the usual shape of an operator's helper binary. */
const kubeApi = (what: string): EffectSpec => ({ template: 'kube-api', what })

/**
 * Kong's PostgreSQL: kong/templates/kong_defaults.lua sets database = postgres, pg_host = 127.0.0.1,
 * pg_port = 5432; KONG_DATABASE=off (DB-less) uses no database.
 */
const kongDatabase = (what: string, explains = false): EffectSpec => ({
  template: 'value',
  from: { env: ['KONG_DATABASE'], default: 'postgres' },
  cases: { off: { template: 'local' } },
  default: {
    template: 'connect',
    host: { env: ['KONG_PG_HOST'], default: '127.0.0.1' },
    port: { env: ['KONG_PG_PORT'], default: '5432' },
    what,
    ...(explains ? { explains: true as const } : {}),
  },
})

/** A MongoDB operator init image (`mongodb-<repo>`): its ENTRYPOINT copies files baked into it to a shared volume. */
const copyImage = (repo: string, ...files: string[]) => ({ repo: `mongodb-${repo}`, entrypoint: ['/bin/cp', '-f', '-r', ...files] })

/** SigNoz's migrator opens the ClickHouse DSN of --dsn (viper also reads it from the env var `env`). */
const signozMigrations = (env: string, fallback?: string): EffectSpec =>
  ({ template: 'connect', url: { flags: ['--dsn'], env: [env], ...(fallback ? { default: fallback } : {}) }, what: 'applies migrations to ClickHouse' })

/** apt on the host (nsenter --mount only: the pod's own network) after adding packages.microsoft.com. */
const blobfuseApt: EffectSpec = { template: 'connect', host: { default: 'packages.microsoft.com' }, port: { default: '443' }, what: 'apt-get installs blobfuse from the Microsoft repository' }

/** Redpanda's configurator reads its Node (zone labels, external address) in-cluster. */
const redpandaNode = kubeApi('reads its Node for the zone labels or the external address')

/** LINBIT's DRBD loader images, one per host distribution (LINBIT/drbd:docker/Dockerfile.<dist>). */
const DRBD_DISTS = ['bionic', 'focal', 'jammy', 'noble', 'bookworm', 'trixie', 'rhel7', 'rhel8', 'rhel9', 'rhel10', 'centos7', 'centos8', 'amzn2', 'flatcar', 'sles15']
/** The signing key first (https), then the module package from LINBIT's repository. */
const LINBIT_PACKAGES: EffectSpec = { template: 'connect', url: { default: 'https://packages.linbit.com/package-signing-pubkey.asc' }, what: 'fetches the signing key and the DRBD module package' }

/** Headlamp plugins come from Artifact Hub (a package URL, else the plugins named in --config). */
const ARTIFACT_HUB: EffectSpec = { template: 'connect', url: { positional: 0, default: 'https://artifacthub.io' }, what: 'fetches the plugin metadata and archive' }

export const OPERATORS = (): ProgramEntry[] => [
  {
    names: ['cni-install'],
    imageOnly: true,
    needsRoot: true,
    images: [{ repo: 'cloudnativelabs/kube-router', entrypoint: ['/usr/local/bin/kube-router'] }],
    effect: { template: 'local' },
    summary: 'kube-router image\'s cni-install: copies the bundled bridge, portmap, host-local and loopback plugins into the host\'s CNI bin directory (HOST_BIN_PATH, default /opt/cni/bin).',
    source: 'cloudnativelabs/kube-router:build/image-assets/cni-install',
    examples: [{ image: 'docker.io/cloudnativelabs/kube-router:v2.5.0', command: ['/bin/sh', '-c', 'if [ -x /usr/local/bin/cni-install ]; then /usr/local/bin/cni-install; fi'], need: 'none' }],
  },
  {
    names: ['compile.sh'],
    imageOnly: true,
    needsRoot: true,
    images: [{ repo: 'kubearmor/kubearmor-init', entrypoint: ['/KubeArmor/compile.sh'] }],
    effect: { template: 'local' },
    summary: 'kubearmor-init image\'s /KubeArmor/compile.sh: builds the eBPF objects with make against the host\'s kernel headers and copies them into /opt/kubearmor/BPF.',
    source: 'kubearmor/KubeArmor:KubeArmor/build/compile.sh',
    examples: [{ image: 'docker.io/kubearmor/kubearmor-init:stable', need: 'none' }],
  },
  {
    names: ['upgrader'],
    imageOnly: true,
    images: [{ repo: 'neuvector/controller', entrypoint: ['/usr/local/bin/monitor', '-c'] }],
    effect: kubeApi('takes a Lease lock and creates the certificate upgrader Job (create-upgrader-job), or rotates the internal certificates (upgrader-job)'),
    summary: 'NeuVector controller image\'s upgrader: both subcommands build a dynamic client from the in-cluster config (or --kube-config) and work through the API server.',
    source: 'neuvector/neuvector:upgrader/main.go',
    examples: [{ image: 'docker.io/neuvector/controller:5.6.0', command: ['/usr/local/bin/upgrader', 'create-upgrader-job'], need: 'required', dest: KUBE }],
  },
  {
    // Same name as CloudNativePG's own `manager` (cluster-tools.ts), which bootstraps locally: only the image tells them apart.
    names: ['manager'],
    imageOnly: true,
    images: ['cloudnative-pg/plugin-barman-cloud', 'cloudnative-pg/plugin-barman-cloud-sidecar'].map((repo) => ({ repo, entrypoint: ['/manager'] })),
    effect: {
      template: 'subcommands',
      cases: {
        instance: { template: 'all', of: [kubeApi('reads the ObjectStore and Cluster resources'), { template: 'connect', what: 'archives WAL and backups to the object store' }] },
        restore: { template: 'all', of: [kubeApi('reads the ObjectStore and Cluster resources'), { template: 'connect', what: 'restores from the object store' }] },
        healthcheck: { template: 'loopback', what: 'asks the plugin on its Unix socket', explains: true },
      },
      default: { template: 'opaque', why: 'operator mode serves CNPG-I to the CloudNativePG operator' },
    },
    summary: 'CloudNativePG\'s Barman Cloud plugin: `instance` (the sidecar next to Postgres) and `restore` read their ObjectStore through the API server and move WAL and backups to object storage.',
    source: 'cloudnative-pg/plugin-barman-cloud:internal/cnpgi/instance/manager.go',
    examples: [
      { image: 'ghcr.io/cloudnative-pg/plugin-barman-cloud-sidecar:v0.6.0', args: ['instance', '--log-level=info'], need: 'required', dest: KUBE },
      { image: 'ghcr.io/cloudnative-pg/plugin-barman-cloud-sidecar:v0.6.0', command: ['/manager', 'healthcheck', 'unix'], need: 'none' },
    ],
  },
  // ── NVIDIA GPU stack ──
  {
    names: ['nvidia-validator'],
    // Module checks (toolkit runs nvidia-smi; nvidia-fs, gdrcopy, nvidia-peermem read /proc) stay local;
    // the others list DaemonSets, read the Node's workload label or create workload Pods.
    effect: {
      template: 'value',
      from: { flags: ['--component', '-c'], env: ['COMPONENT'] },
      cases: Object.fromEntries(['toolkit', 'nvidia-fs', 'gdrcopy', 'nvidia-peermem'].map((c) => [c, { template: 'local' }])),
      default: kubeApi('validates a GPU stack component (driver, plugin, cuda…) against the Kubernetes API'),
    },
    needsRoot: true,
    summary: 'GPU Operator validator: checks the component named by COMPONENT and writes status files; driver, plugin, cuda and mofed query the API server, toolkit runs nvidia-smi.',
    source: 'NVIDIA/gpu-operator:cmd/nvidia-validator/main.go',
    examples: [
      { command: ['sh', '-c', 'nvidia-validator'], env: { WITH_WAIT: 'true', COMPONENT: 'driver' }, need: 'required', dest: KUBE },
      { command: ['sh', '-c', 'nvidia-validator'], env: { WITH_WAIT: 'false', COMPONENT: 'toolkit' }, need: 'none' },
    ],
  },
  {
    names: ['config-manager'],
    effect: kubeApi('reads the node label that selects the device plugin configuration'),
    summary: 'NVIDIA device plugin config manager: watches its Node label and links the selected configuration file (ONESHOT for the init container).',
    source: 'NVIDIA/k8s-device-plugin:cmd/config-manager/main.go',
    examples: [{ command: ['config-manager'], env: { ONESHOT: 'true', KUBECONFIG: '' }, need: 'required', dest: KUBE }],
  },
  {
    names: ['driver-manager'],
    images: [{ repo: 'k8s-driver-manager', entrypoint: ['driver-manager', 'preflight_check'] }],
    effect: kubeApi('labels the node and evicts GPU pods before unloading the driver'),
    needsRoot: true,
    summary: 'NVIDIA driver manager: cordons or drains the node, evicts GPU pods and unloads the kernel driver before a driver container starts.',
    source: 'NVIDIA/k8s-driver-manager:cmd/driver-manager/main.go',
    examples: [
      { command: ['driver-manager'], args: ['uninstall_driver'], need: 'required', dest: KUBE },
      { image: 'nvcr.io/nvidia/cloud-native/k8s-driver-manager:v0.8.0', need: 'required', dest: KUBE },
    ],
  },
  {
    names: ['mps-control-daemon'],
    effect: {
      template: 'subcommands',
      cases: { 'mount-shm': { template: 'local' } },
      default: kubeApi('watches its Node labels for the MPS configuration'),
    },
    needsRoot: true,
    summary: 'NVIDIA MPS control daemon; `mount-shm` only mounts a tmpfs for the MPS pipes.',
    source: 'NVIDIA/k8s-device-plugin:cmd/mps-control-daemon/mount/mount-shm.go',
    examples: [{ command: ['mps-control-daemon', 'mount-shm'], need: 'none' }],
  },
  {
    names: ['nvidia-container-cli'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'libnvidia-container\'s CLI: `info`, `list` and `configure` query the driver through NVML and set up a container\'s mounts and devices on the node.',
    source: 'NVIDIA/libnvidia-container:src/cli/main.c',
    examples: [{ command: ['sh', '-c', 'nvidia-container-cli --load-kmods info'], need: 'none' }],
  },
  {
    names: ['nvidia-modprobe', 'nvidia-persistenced'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Loads the NVIDIA kernel modules and creates /dev/nvidia* nodes (nvidia-modprobe); keeps the GPUs initialised (nvidia-persistenced, a local daemon).',
    source: 'NVIDIA/nvidia-modprobe:nvidia-modprobe.c',
    examples: [{ command: ['nvidia-modprobe', '-u', '-c=0'], need: 'none' }],
  },
  {
    names: ['nvidia-cdi-hook', 'nvidia-container-runtime-hook', 'nvidia-container-runtime'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'NVIDIA Container Toolkit hooks and runtime shim: create symlinks, update the ldcache and inject devices into a container\'s rootfs, then exec runc; files and the OCI spec only.',
    source: 'NVIDIA/nvidia-container-toolkit:cmd/nvidia-cdi-hook/main.go',
    examples: [{ command: ['nvidia-cdi-hook', 'update-ldcache', '--folder', '/usr/lib/x86_64-linux-gnu'], need: 'none' }],
  },
  // ── Calico ──
  {
    names: ['calico'],
    images: [{ repo: 'calico/calico', entrypoint: ['/usr/bin/calico'] }],
    effect: {
      template: 'subcommands',
      cases: {
        // cni-plugin/pkg/install: copies plugins, writes the CNI config and a kubeconfig whose token comes from a TokenRequest.
        'component cni install': kubeApi('requests a ServiceAccount token for the CNI kubeconfig'),
        // node/pkg/nodeinit: mounts bpffs and cgroup2, sets sysctls.
        'component node init': { template: 'local' },
        'component flexvol': { template: 'local' },
        // key-cert-provisioner/pkg/k8s: submits a CSR and waits for it to be signed.
        'component key-cert-provisioner': kubeApi('submits a CertificateSigningRequest and waits for the certificate'),
        version: { template: 'local' },
      },
      default: { template: 'opaque', why: 'a Calico component daemon' },
    },
    needsRoot: true,
    summary: 'Calico\'s single binary: `component cni install` installs the CNI plugin (TokenRequest); `component node init` prepares the host.',
    source: 'projectcalico/calico:cmd/calico/cni.go',
    examples: [
      { image: 'quay.io/calico/calico:v3.31.0', args: ['component', 'cni', 'install'], need: 'required', dest: KUBE },
      { command: ['calico', 'component', 'node', 'init', '--best-effort'], need: 'none' },
    ],
  },
  {
    // The coreutils name: only the calico/cni image's /opt/cni/bin/install is this one (calico.yaml's install-cni).
    names: ['install'],
    imageOnly: true,
    needsRoot: true,
    images: ['calico/cni', 'rancher/mirrored-calico-cni'].map((repo) => ({ repo })),
    effect: kubeApi('requests a ServiceAccount token (TokenRequest) for the CNI plugin\'s kubeconfig'),
    summary: 'Calico CNI installer (calico/cni image): copies the plugins to the host, and in a pod with a ServiceAccount token writes the plugin\'s kubeconfig with a token from the TokenRequest API, then the CNI config.',
    source: 'projectcalico/calico:cni-plugin/pkg/install/install.go',
    examples: [{ image: 'docker.io/calico/cni:v3.28.0', command: ['/opt/cni/bin/install'], env: { CNI_CONF_NAME: '10-calico.conflist' }, need: 'required', dest: KUBE }],
  },
  {
    names: ['calico-node'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['-init', '-hostpath-init', '-v'], then: { template: 'local' } },
        { has: ['-startup', '-allocate-tunnel-addrs', '-complete-startup', '-shutdown'], then: kubeApi('updates the Node and Calico node resources') },
      ],
      default: { template: 'opaque', why: 'a calico-node daemon mode' },
    },
    needsRoot: true,
    summary: 'Calico node agent before the single binary: `-init` mounts the BPF filesystem on the host; `-startup` registers the node.',
    source: 'projectcalico/calico:node/cmd/calico-node/main.go@d2d3cc4ecb',
    examples: [
      { command: ['calico-node', '-init', '--best-effort'], need: 'none' },
      { command: ['calico-node', '-startup'], need: 'required', dest: KUBE },
    ],
  },
  {
    names: ['calico-ipam'],
    effect: { template: 'opaque', why: 'converts host-local IPAM allocations through the datastore only when the node has a host-local allocation directory (a fresh node returns at once): node state, not the spec, decides' },
    summary: 'Calico IPAM plugin; with -upgrade in an init container it moves host-local allocations into the Calico datastore (the API server), and does nothing on a node without them.',
    source: 'projectcalico/calico:cni-plugin/pkg/upgrade/migrate.go',
    examples: [{ command: ['/usr/bin/calico-ipam', '-upgrade'], need: 'either' }],
  },
  {
    names: ['flexvol.sh'],
    images: [{ repo: 'calico/pod2daemon-flexvol', entrypoint: ['/usr/local/bin/flexvol.sh'] }],
    effect: { template: 'local' },
    summary: 'Calico\'s flexvolume installer: copies the uds driver binary to the host plugin directory.',
    source: 'projectcalico/calico:pod2daemon/flexvol/docker-image/flexvol.sh@d2d3cc4ecb',
    examples: [{ image: 'docker.io/calico/pod2daemon-flexvol:v3.27.0', need: 'none' }],
  },
  // ── Multus, Linkerd, Istio CNI ──
  {
    names: ['install_multus'],
    effect: { template: 'local' },
    summary: 'Multus installer: copies the multus (thin) or multus-shim (thick) binary into the host CNI bin directory.',
    source: 'k8snetworkplumbingwg/multus-cni:cmd/install_multus/main.go',
    examples: [{ command: ['/install_multus'], args: ['--type', 'thin'], need: 'none' }],
  },
  {
    names: ['thin_entrypoint'],
    effect: { template: 'local' },
    summary: 'Multus thin entrypoint: copies the plugin, writes a kubeconfig from the mounted ServiceAccount token and renders the Multus CNI config from the master config file.',
    source: 'k8snetworkplumbingwg/multus-cni:cmd/thin_entrypoint/main.go',
    examples: [{ command: ['/thin_entrypoint', '--multus-conf-file=auto', '--cleanup-config-on-exit=true'], need: 'none' }],
  },
  {
    names: ['kubeconfig_generator'],
    effect: kubeApi('submits a CertificateSigningRequest with the bootstrap kubeconfig'),
    summary: 'Multus per-node certificate helper: requests a client certificate through a CSR and writes the resulting kubeconfig.',
    source: 'k8snetworkplumbingwg/multus-cni:cmd/kubeconfig_generator/main.go',
    examples: [{ command: ['/usr/src/multus-cni/bin/kubeconfig_generator', '--certdir=/etc/cni/multus/certs', '--bootstrap-config=/etc/kubernetes/kubelet.conf'], need: 'required', dest: KUBE }],
  },
  {
    names: ['linkerd2-proxy-init', 'proxy-init'],
    images: [{ repo: 'linkerd/proxy-init', entrypoint: ['/usr/local/bin/proxy-init'] }],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Linkerd\'s iptables initializer: writes the redirect rules for the Linkerd proxy in the pod\'s network namespace.',
    source: 'linkerd/linkerd2-proxy-init:proxy-init/cmd/root.go',
    examples: [
      { command: ['/usr/lib/linkerd/linkerd2-proxy-init'], args: ['--incoming-proxy-port', '4143', '--outgoing-proxy-port', '4140', '--proxy-uid', '2102'], need: 'none' },
      { image: 'cr.l5d.io/linkerd/proxy-init:v2.4.1', args: ['--incoming-proxy-port', '4143'], need: 'none' },
    ],
  },
  {
    names: ['proxy_init.sh'],
    imageOnly: true,
    images: [{ repo: 'openpolicyagent/proxy_init', entrypoint: ['/proxy_init.sh'] }],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'OPA-Envoy\'s iptables initializer: adds the inbound and outbound redirect chains for its Envoy in the pod\'s network namespace.',
    source: 'open-policy-agent/opa-envoy-plugin:proxy_init/proxy_init.sh',
    examples: [{ image: 'openpolicyagent/proxy_init:v8', args: ['-p', '8000', '-u', '1111', '-w', '8282'], need: 'none' }],
  },
  {
    names: ['linkerd2-network-validator', 'linkerd-network-validator'],
    // It binds the proxy's outbound port and connects to an unroutable address, expecting the
    // CNI plugin's redirect to land it on its own listener.
    effect: { template: 'connect', address: { flags: ['--connect-addr'], default: '192.0.2.2:1404' }, what: 'probes that outbound TCP is redirected to the Linkerd proxy port' },
    summary: 'Linkerd CNI validator: opens an outbound TCP connection to a dummy address and checks that Linkerd\'s redirect caught it.',
    source: 'linkerd/linkerd2-proxy-init:validator/src/main.rs',
    examples: [{ command: ['/usr/lib/linkerd/linkerd2-network-validator'], args: ['--log-format', 'plain', '--log-level', 'debug', '--connect-addr', '1.1.1.1:20001', '--listen-addr', '0.0.0.0:4140', '--timeout', '10s'], need: 'required', dest: '1.1.1.1:20001' }],
  },
  {
    names: ['linkerd2-cni-install'],
    images: [{ repo: 'linkerd/cni-plugin', cmd: ['/usr/bin/linkerd2-cni-install'] }],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Linkerd CNI installer: copies the plugin and writes its config and kubeconfig (from the mounted token) on the host.',
    source: 'linkerd/linkerd2-proxy-init:cni-install/main.go',
    examples: [{ image: 'cr.l5d.io/linkerd/cni-plugin:v1.6.0', need: 'none' }],
  },
  {
    names: ['install-cni'],
    images: [{ repo: 'istio/install-cni', cmd: ['/usr/local/bin/install-cni'] }],
    effect: kubeApi('runs the CNI repair controller and, with ambient, the node agent'),
    needsRoot: true,
    summary: 'Istio CNI node agent: installs the plugin on the host, then watches pods through the API server (repair, ambient).',
    source: 'istio/istio:cni/pkg/cmd/root.go',
    examples: [{ image: 'docker.io/istio/install-cni:1.22.0', need: 'required', dest: KUBE }],
  },
  // ── Admission webhooks, policy ──
  {
    names: ['kube-webhook-certgen'],
    images: [{ repo: 'kube-webhook-certgen', entrypoint: ['/kube-webhook-certgen'] }],
    // `create` stores a generated CA and certificate in a Secret; `patch` writes the CA bundle into webhook configurations.
    effect: kubeApi('creates the webhook certificate Secret or patches the webhook CA bundle'),
    summary: 'Webhook certificate generator (ingress-nginx and many charts): creates a self-signed certificate Secret and patches webhook configurations with its CA.',
    source: 'kubernetes/ingress-nginx:images/kube-webhook-certgen/rootfs/cmd/create.go',
    examples: [
      { image: 'registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.1', args: ['create', '--host=ingress-nginx-controller-admission,ingress-nginx-controller-admission.$(POD_NAMESPACE).svc', '--namespace=$(POD_NAMESPACE)', '--secret-name=ingress-nginx-admission'], need: 'required', dest: KUBE },
      { command: ['/kube-webhook-certgen', 'patch', '--webhook-name=ingress-nginx-admission', '--namespace=ingress-nginx', '--patch-mutating=false', '--secret-name=ingress-nginx-admission'], need: 'required', dest: KUBE },
    ],
  },
  {
    names: ['init_module', 'init_module.sh'],
    images: [{ repo: 'ingress-nginx/opentelemetry', cmd: ['/init_module'] }],
    effect: { template: 'local' },
    summary: 'ingress-nginx module initializer: copies the OpenTelemetry nginx module into a shared volume.',
    source: 'kubernetes/ingress-nginx:images/opentelemetry/rootfs/init_module.go@f369ffb073',
    examples: [{ command: ['/init_module'], need: 'none' }, { command: ['sh', '-c', '/usr/local/bin/init_module.sh'], need: 'none' }],
  },
  {
    names: ['kyverno-init', 'kyvernopre'],
    images: [{ repo: 'kyverno/kyvernopre', entrypoint: ['/ko-app/kyverno-init'] }],
    effect: kubeApi('removes stale policy reports and webhook configurations'),
    summary: 'Kyverno pre-start: takes a lease and cleans up old reports and webhook configurations before the admission controller starts.',
    source: 'kyverno/kyverno:cmd/kyverno-init/main.go',
    examples: [{ image: 'ghcr.io/kyverno/kyvernopre:v1.12.0', args: ['--loggingFormat=text', '--v=2'], need: 'required', dest: KUBE }],
  },
  {
    names: ['readiness-checker'],
    images: [{ repo: 'kyverno/readiness-checker', entrypoint: ['/ko-app/readiness-checker'] }],
    effect: {
      template: 'subcommands',
      cases: {
        // http://<service-name>.<namespace>:<port>/<path>
        'check-http': { template: 'connect', host: { flags: ['--service-name'] }, port: { flags: ['--port'], default: '8000' }, what: 'polls a Service endpoint over HTTP' },
      },
      default: kubeApi('checks Endpoints, scales Deployments or deletes webhooks'),
    },
    summary: 'Kyverno helper: waits for a Service\'s Endpoints or HTTP endpoint, scales Deployments or deletes Kyverno webhooks.',
    source: 'kyverno/kyverno:cmd/readiness-checker/main.go',
    examples: [
      { image: 'ghcr.io/kyverno/readiness-checker:v1.15.0', args: ['check-endpoints', '--service-name=kyverno-reports-server', '--namespace=kyverno', '--timeout=5m'], need: 'required', dest: KUBE },
      { command: ['/ko-app/readiness-checker', 'check-http', '--service-name=kyverno-svc', '--namespace=kyverno', '--port=9443'], need: 'required' },
    ],
  },
  // ── Storage: Rook/Ceph, Longhorn ──
  {
    names: ['rook'],
    images: [{ repo: 'rook/ceph', entrypoint: ['/usr/local/bin/rook'] }],
    effect: {
      template: 'subcommands',
      cases: {
        'ceph config-init': { template: 'local' },
        'ceph osd init': { template: 'local' },
        // cmd/rook/secret.go: reads the OSD encryption key from the configured KMS (Vault, KMIP, a cloud KMS).
        'key-management': { template: 'connect', what: 'reads the encryption key from the key management service' },
      },
      default: kubeApi('provisions OSDs, watches the active mgr, cleans up or reports through ConfigMaps'),
    },
    summary: 'Rook\'s binary in Ceph pods: `ceph config-init` and `ceph osd init` write config files; `key-management get` reads a KMS; provisioning and cleanup use the API server.',
    source: 'rook/rook:cmd/rook/ceph/osd.go',
    examples: [
      { command: ['rook'], args: ['ceph', 'osd', 'init'], need: 'none' },
      { command: ['/rook/rook'], args: ['ceph', 'osd', 'provision'], need: 'required', dest: KUBE },
      { command: ['rook'], args: ['key-management', 'get', 'rook-ceph-osd-encryption-key-set1-data-0', '/etc/ceph/luks_key'], need: 'required' },
    ],
  },
  {
    names: ['ceph-bluestore-tool'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Ceph BlueStore offline tool: primes an OSD directory or expands BlueFS on a block device, without contacting the monitors.',
    source: 'ceph/ceph:src/os/bluestore/bluestore_tool.cc',
    examples: [{ command: ['ceph-bluestore-tool'], args: ['prime-osd-dir', '--dev', '/var/lib/ceph/osd/ceph-0/block', '--path', '/var/lib/ceph/osd/ceph-0', '--no-mon-config'], need: 'none' }],
  },
  {
    names: ['longhorn-manager'],
    images: [{ repo: 'longhornio/longhorn-manager', cmd: ['launch-manager'] }],
    effect: kubeApi('reconciles Longhorn resources (daemon, deploy-driver, pre-upgrade, uninstall…)'),
    summary: 'Longhorn manager: every subcommand (daemon, deploy-driver, pre-upgrade, post-upgrade, uninstall, recurring-job) works through the API server.',
    source: 'longhorn/longhorn-manager:app/pre_upgrade.go',
    examples: [{ command: ['longhorn-manager', 'pre-upgrade'], need: 'required', dest: KUBE }],
  },
  // ── Elastic (ECK) ──
  {
    names: ['prepare-fs.sh'],
    effect: { template: 'local' },
    summary: 'ECK\'s Elasticsearch filesystem preparation: links config, copies plugins and sets permissions in shared volumes.',
    source: 'elastic/cloud-on-k8s:pkg/controller/elasticsearch/initcontainer/prepare_fs_script.go',
    examples: [{ command: ['bash', '-c', '/mnt/elastic-internal/scripts/prepare-fs.sh'], need: 'none' }],
  },
  {
    names: ['suspend.sh'],
    effect: { template: 'local' },
    summary: 'ECK\'s suspend gate: loops while the pod\'s name is listed in a mounted file.',
    source: 'elastic/cloud-on-k8s:pkg/controller/elasticsearch/initcontainer/suspend.go',
    examples: [{ command: ['bash', '-c', '/mnt/elastic-internal/scripts/suspend.sh'], need: 'none' }],
  },
  // ── Velero ──
  {
    names: ['cp-plugin'],
    // velero-plugin-for-csi: the same ENTRYPOINT (vmware-tanzu/velero-plugin-for-csi:Dockerfile).
    images: ['aws', 'gcp', 'microsoft-azure', 'csi'].map((cloud) => ({
      repo: `velero/velero-plugin-for-${cloud}`,
      entrypoint: ['cp-plugin', `/plugins/velero-plugin-for-${cloud}`, `/target/velero-plugin-for-${cloud}`],
    })),
    effect: { template: 'local' },
    summary: 'Velero plugin image entrypoint: copies the plugin binary into the shared plugins volume.',
    source: 'vmware-tanzu/velero-plugin-for-aws:hack/cp-plugin/main.go',
    examples: [
      { image: 'velero/velero-plugin-for-aws:v1.10.0', need: 'none' },
      { image: 'docker.io/velero/velero-plugin-for-microsoft-azure:v1.10.0', need: 'none' },
      { image: 'velero/velero-plugin-for-csi:v0.7.1', need: 'none' },
    ],
  },
  {
    names: ['velero-restore-helper'],
    effect: { template: 'local' },
    summary: 'Velero restore gate: waits until the pod volume restores have written their done files under /restores.',
    source: 'vmware-tanzu/velero:cmd/velero-restore-helper/velero-restore-helper.go',
    examples: [{ command: ['/velero-restore-helper'], args: ['3b4c1b4e-5c3a-4f0c-9b9e-2f6d2d6f0a11'], need: 'none' }],
  },
  {
    names: ['velero-helper'],
    effect: { template: 'local' },
    summary: 'Velero helper for data-mover pods: pauses or copies files, no network.',
    source: 'vmware-tanzu/velero:cmd/velero-helper/velero-helper.go',
    examples: [{ command: ['/velero-helper', 'pause'], need: 'none' }],
  },
  // ── Argo CD ──
  {
    names: ['argocd'],
    effect: {
      template: 'subcommands',
      cases: {
        // `admin` commands work on the cluster directly (redis-initial-password creates the Redis Secret).
        admin: kubeApi('reads or writes Argo CD Secrets and ConfigMaps'),
      },
      default: {
        template: 'flags',
        cases: [{ has: ['--core'], then: kubeApi('runs in core mode against the cluster') }],
        default: { template: 'connect', address: { flags: ['--server'], env: ['ARGOCD_SERVER'] }, what: 'calls the Argo CD API server', explains: true },
      },
    },
    summary: 'Argo CD CLI: `admin …` (the redis-initial-password init container) talks to the API server; other commands call the Argo CD server.',
    source: 'argoproj/argo-cd:cmd/argocd/commands/admin/redis_initial_password.go',
    examples: [
      { command: ['argocd', 'admin', 'redis-initial-password'], image: 'quay.io/argoproj/argocd:v2.13.0', need: 'required', dest: KUBE },
      { command: ['argocd', 'app', 'sync', 'guestbook', '--server', 'argocd-server.argocd:443'], need: 'required', dest: 'argocd-server.argocd:443' },
    ],
  },
  // ── Percona operators: init containers copy the operator's scripts into a shared volume ──
  ...([
    [['pxc-init-entrypoint.sh'], 'XtraDB Cluster node', 'percona/percona-xtradb-cluster-operator:build/pxc-init-entrypoint.sh'],
    [['pitr-init-entrypoint.sh'], 'XtraDB Cluster point-in-time recovery collector', 'percona/percona-xtradb-cluster-operator:build/pitr-init-entrypoint.sh'],
    [['backup-init-entrypoint.sh'], 'XtraDB Cluster backup job', 'percona/percona-xtradb-cluster-operator:build/backup-init-entrypoint.sh'],
    [['haproxy-init-entrypoint.sh'], 'XtraDB Cluster HAProxy', 'percona/percona-xtradb-cluster-operator:build/haproxy-init-entrypoint.sh'],
    [['proxysql-init-entrypoint.sh'], 'XtraDB Cluster ProxySQL', 'percona/percona-xtradb-cluster-operator:build/proxysql-init-entrypoint.sh'],
    [['ps-init-entrypoint.sh'], 'Percona Server for MySQL', 'percona/percona-server-mysql-operator:build/ps-init-entrypoint.sh'],
    [['init-entrypoint.sh'], 'Percona Server for MongoDB and Percona PostgreSQL', 'percona/percona-server-mongodb-operator:build/init-entrypoint.sh'],
  ] as const).map(([names, pod, source]): ProgramEntry => ({
    names: [...names],
    effect: { template: 'local' },
    summary: `Percona operator init: installs the operator's entrypoint and check scripts for the ${pod} pod into a shared volume.`,
    source,
    examples: [{ command: [`/${names[0]}`], need: 'none' }],
  })),
  {
    names: ['install-extensions.sh', 'extension-installer'],
    effect: { template: 'connect', url: { flags: ['-endpoint'], env: ['STORAGE_ENDPOINT'] }, what: 'downloads PostgreSQL extension archives from object storage', explains: true },
    summary: 'Percona PostgreSQL extension installer: fetches extension archives from an S3 bucket into the data volume.',
    source: 'percona/percona-postgresql-operator:cmd/extension-installer/main.go',
    examples: [{ command: ['/usr/local/bin/install-extensions.sh'], env: { STORAGE_TYPE: 's3', STORAGE_ENDPOINT: 'https://minio.storage.svc:9000', INSTALL_EXTENSIONS: 'pg_cron' }, need: 'required', dest: 'minio.storage.svc:9000' }],
  },
  // ── Proxy and gateway bootstrap ──
  {
    names: ['contour'],
    effect: {
      template: 'subcommands',
      cases: {
        bootstrap: { template: 'local' },
        // cmd/contour/certgen.go: --kube (with --incluster) writes the Secrets, otherwise PEM or YAML files.
        certgen: { template: 'flags', cases: [{ has: ['--kube'], then: kubeApi('creates the xDS certificate Secrets') }], default: { template: 'local' } },
        'envoy shutdown': { template: 'loopback', what: 'asks the local Envoy to drain' },
        'envoy shutdown-manager': { template: 'loopback', what: 'serves the drain hook for the Envoy container' },
      },
      default: kubeApi('serves xDS from watched cluster resources'),
    },
    summary: 'Contour: `bootstrap` writes the Envoy bootstrap file (the Envoy pod\'s init container); `certgen --kube` stores certificates as Secrets; `serve` watches the cluster.',
    source: 'projectcontour/contour:cmd/contour/contour.go',
    examples: [
      { command: ['contour'], args: ['bootstrap', '/config/envoy.json', '--xds-address=contour', '--xds-port=8001', '--xds-resource-version=v3', '--resources-dir=/config/resources'], need: 'none' },
      { command: ['contour', 'certgen', '--kube', '--incluster', '--overwrite', '--secrets-format=compact', '--namespace=projectcontour'], need: 'required', dest: KUBE },
    ],
  },
  {
    names: ['envoy-gateway'],
    images: [{ repo: 'envoyproxy/gateway', entrypoint: ['/usr/local/bin/envoy-gateway'] }],
    effect: {
      template: 'subcommands',
      cases: {
        certgen: { template: 'flags', cases: [{ has: ['--local', '-l'], then: { template: 'local' } }], default: kubeApi('creates the control-plane and Envoy certificate Secrets') },
        envoy: { template: 'loopback', what: 'drives the local Envoy\'s shutdown' },
      },
      default: kubeApi('runs the Envoy Gateway controller'),
    },
    summary: 'Envoy Gateway: `certgen` creates certificate Secrets (or files with --local); `envoy shutdown…` talks to the local Envoy; `server` is the controller.',
    source: 'envoyproxy/gateway:internal/cmd/certgen.go',
    examples: [
      { command: ['envoy-gateway', 'certgen'], need: 'required', dest: KUBE },
      { command: ['envoy-gateway', 'certgen', '--local'], need: 'none' },
    ],
  },
  {
    names: ['kong'],
    effect: {
      template: 'subcommands',
      cases: {
        migrations: kongDatabase('runs database migrations on PostgreSQL', true),
        start: kongDatabase('starts Kong, which loads its configuration from PostgreSQL'),
        'config db_import': kongDatabase('imports declarative configuration into PostgreSQL'),
      },
      default: { template: 'local' },
    },
    summary: 'Kong gateway CLI: `migrations`, `start` and `config db_import` reach PostgreSQL (KONG_PG_HOST) unless KONG_DATABASE=off; `check`, `prepare`, `health`, `stop`, `hybrid gen_cert` stay local.',
    source: 'Kong/kong:kong/cmd/migrations.lua',
    examples: [
      { command: ['kong', 'migrations', 'bootstrap'], env: { KONG_PG_HOST: 'kong-postgresql', KONG_PG_PORT: '5432' }, need: 'required', dest: 'kong-postgresql:5432' },
      { command: ['kong', 'hybrid', 'gen_cert', '/certs/cluster.crt', '/certs/cluster.key'], need: 'none' },
      { command: ['kong', 'start'], env: { KONG_DATABASE: 'off', KONG_DECLARATIVE_CONFIG: '/kong/kong.yml' }, need: 'none' },
    ],
  },
  // ── Service-mesh inits ──
  {
    names: ['kumactl'],
    images: [{ repo: 'kumahq/kuma-init', entrypoint: ['/usr/bin/kumactl'], cmd: ['install', 'transparent-proxy'] }],
    effect: {
      template: 'subcommands',
      cases: {
        'install transparent-proxy': { template: 'local' },
        // pkg/transparentproxy/validate: listens on 127.0.0.1 and connects to 127.0.0.6 to check the redirect.
        'install transparent-proxy-validator': { template: 'loopback', what: 'checks the redirect with a connection inside the pod' },
        install: { template: 'local' },
      },
      default: { template: 'opaque', why: 'the control plane address comes from the kumactl config file' },
    },
    needsRoot: true,
    summary: 'Kuma CLI: `install transparent-proxy` writes the iptables rules (kuma-init); the validator connects to itself over loopback; `install …` renders manifests.',
    source: 'kumahq/kuma:app/kumactl/cmd/install/install_transparent_proxy.go',
    examples: [
      { command: ['/usr/bin/kumactl', 'install', 'transparent-proxy'], args: ['--config-file=/tmp/.kumactl', '--redirect-outbound-port', '15001'], need: 'none' },
      { command: ['/usr/bin/kumactl', 'install', 'transparent-proxy-validator'], args: ['--config-file=/tmp/.kumactl'], need: 'none' },
      { image: 'kumahq/kuma-init:2.9.0', need: 'none' },
    ],
  },
  {
    names: ['startupapicheck'],
    images: [{ repo: 'jetstack/cert-manager-startupapicheck', entrypoint: ['/startupapicheck'] }],
    effect: kubeApi('creates a dry-run Certificate until the cert-manager webhook answers'),
    summary: 'cert-manager start-up check: `check api` retries a dry-run create through the API server until the webhook is reachable.',
    source: 'cert-manager/cert-manager:cmd/startupapicheck/pkg/check/api/api.go',
    examples: [{ image: 'quay.io/jetstack/cert-manager-startupapicheck:v1.16.1', args: ['check', 'api', '--wait=1m', '-v'], need: 'required', dest: KUBE }],
  },
  {
    names: ['install-cni.sh'],
    // Scripts of this name differ: Kube-OVN's (called with --cni-conf-*) and Whereabouts' only copy
    // files; GKE netd's (GoogleCloudPlatform/netd:scripts/install-cni.sh) watches its Node with curl.
    effect: {
      template: 'flags',
      cases: [{ has: ['--cni-conf-dir', '--cni-conf-file', '--cni-conf-name'], then: { template: 'local' } }],
      default: { template: 'opaque', why: 'Whereabouts\' and Kube-OVN\'s scripts only write files, GKE netd\'s watches the Node through the API server' },
    },
    needsRoot: true,
    summary: 'CNI install scripts: Kube-OVN\'s copies plugin binaries, writes the CNI config and sets forwarding sysctls; same-named scripts of other projects differ.',
    source: 'kubeovn/kube-ovn:dist/images/install-cni.sh',
    examples: [
      { command: ['/kube-ovn/install-cni.sh', '--cni-conf-dir=/etc/cni/net.d', '--cni-conf-file=/kube-ovn/01-kube-ovn.conflist', '--cni-conf-name=01-kube-ovn.conflist'], need: 'none' },
      { command: ['/install-cni.sh'], need: 'either' },
    ],
  },
  // ── Intel device plugins: init images that configure devices through sysfs or copy NFD hooks ──
  {
    names: ['dlb-init.sh'],
    images: [{ repo: 'intel/intel-dlb-initcontainer', entrypoint: ['/usr/local/bin/dlb-init.sh'] }],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Intel DLB init: enables SR-IOV virtual functions of DLB devices through sysfs.',
    source: 'intel/intel-device-plugins-for-kubernetes:demo/dlb-init.sh',
    examples: [{ image: 'intel/intel-dlb-initcontainer:0.30.0', need: 'none' }],
  },
  {
    names: ['idxd-init.sh'],
    images: [{ repo: 'intel/intel-idxd-config-initcontainer', entrypoint: ['/usr/local/bin/idxd-init.sh'] }],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Intel DSA/IAA init: configures work queues with accel-config from a per-node config file.',
    source: 'intel/intel-device-plugins-for-kubernetes:demo/idxd-init.sh',
    examples: [{ image: 'intel/intel-idxd-config-initcontainer:0.30.0', env: { NODE_NAME: 'node-1' }, need: 'none' }],
  },
  {
    names: ['qat-init.sh', 'qat-autoreset.sh'],
    images: [{ repo: 'intel/intel-qat-initcontainer', entrypoint: ['bash', '-c', '/usr/local/bin/qat-init.sh && /usr/local/bin/qat-autoreset.sh'] }],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Intel QAT init: enables services, virtual functions and auto-reset of QAT devices through sysfs.',
    source: 'intel/intel-device-plugins-for-kubernetes:demo/qat-init.sh',
    examples: [{ image: 'intel/intel-qat-initcontainer:0.30.0', need: 'none' }],
  },
  {
    names: ['intel-gpu-nfdhook', 'intel-sgx-epchook', 'fpga_crihook'],
    // The init images only copy these hooks for node-feature-discovery; the hooks print labels from sysfs.
    images: [
      { repo: 'intel/intel-gpu-initcontainer', entrypoint: ['/usr/bin/sh', '-c', 'cp -a /usr/local/bin/gpu-sw/intel-gpu-nfdhook /etc/kubernetes/node-feature-discovery/source.d/'] },
      { repo: 'intel/intel-sgx-initcontainer', entrypoint: ['/usr/bin/sh', '-c', 'cp -a /usr/local/bin/sgx-sw/intel-sgx-epchook /etc/kubernetes/node-feature-discovery/source.d/'] },
      { repo: 'intel/intel-fpga-initcontainer', entrypoint: ['/usr/bin/sh', '-c', 'cp -a /usr/local/fpga-sw/* /opt/intel/fpga-sw/'] },
    ],
    effect: { template: 'local' },
    summary: 'Intel device hooks (GPU and SGX NFD hooks, FPGA CRI hook): read sysfs and print labels; their init images only copy them to the host.',
    source: 'intel/intel-device-plugins-for-kubernetes:cmd/gpu_nfdhook/main.go',
    examples: [
      { image: 'intel/intel-gpu-initcontainer:0.30.0', need: 'none' },
      { image: 'intel/intel-sgx-initcontainer:0.30.0', need: 'none' },
    ],
  },
  {
    names: ['install_cni'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Antrea CNI installer: copies the plugin binaries and config to the host and loads the openvswitch kernel module.',
    source: 'antrea-io/antrea:build/images/scripts/install_cni',
    examples: [{ command: ['install_cni'], image: 'antrea/antrea-agent-ubuntu:v2.1.0', need: 'none' }],
  },
  {
    names: ['aws-vpc-cni-init'],
    images: [{ repo: 'amazon-k8s-cni-init', cmd: ['/init/aws-vpc-cni-init'] }],
    // utils/imds: the aws-sdk IMDS client, http://169.254.169.254 (the primary interface's MAC).
    effect: { template: 'connect', address: { default: '169.254.169.254:80' }, what: 'reads the primary interface from the EC2 instance metadata service' },
    needsRoot: true,
    summary: 'Amazon VPC CNI init: copies the CNI plugins, reads the node\'s primary interface from the instance metadata service and sets sysctls.',
    source: 'aws/amazon-vpc-cni-k8s:cmd/aws-vpc-cni-init/main.go',
    examples: [{ image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.18.3', need: 'required', dest: '169.254.169.254:80' }],
  },
  {
    names: ['crossplane'],
    images: [{ repo: 'crossplane/crossplane', entrypoint: ['/bin/crossplane'] }],
    effect: {
      template: 'subcommands',
      cases: { render: { template: 'opaque', why: 'renders compositions by running function images' } },
      default: kubeApi('installs CRDs, webhook certificates and initial packages (core init, rbac init)'),
    },
    summary: 'Crossplane: the `core init` and `rbac init` init containers install CRDs, TLS Secrets and packages through the API server.',
    source: 'crossplane/crossplane:cmd/crossplane/core/init.go',
    examples: [{ image: 'xpkg.upbound.io/crossplane/crossplane:v1.17.0', args: ['core', 'init'], need: 'required', dest: KUBE }],
  },
  {
    names: ['init-iptables.sh'],
    images: [{ repo: 'oss/azure/workload-identity/proxy-init', entrypoint: ['./bin/init-iptables.sh'] }],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Azure Workload Identity proxy init: redirects the pod\'s instance-metadata traffic to the azwi proxy with iptables.',
    source: 'Azure/azure-workload-identity:init/init-iptables.sh',
    examples: [{ image: 'mcr.microsoft.com/oss/azure/workload-identity/proxy-init:v1.3.0', env: { PROXY_PORT: '8000' }, need: 'none' }],
  },
  {
    names: ['copyandmaybepause'],
    effect: { template: 'local' },
    summary: 'trust-manager package image: copies the bundled CA package into a shared volume (and pauses when asked to).',
    source: 'cert-manager/trust-manager:trust-packages/debian/main.go',
    examples: [{ command: ['/copyandmaybepause', '/debian-package', '/packages'], need: 'none' }],
  },
  {
    names: ['mariadb-operator'],
    images: [{ repo: 'mariadb-operator/mariadb-operator', entrypoint: ['/bin/mariadb-operator'] }],
    effect: {
      template: 'subcommands',
      cases: {
        // cmd/backup: --s3 uploads to --s3-endpoint (default s3.amazonaws.com); otherwise it manages local backup files.
        backup: {
          template: 'flags',
          cases: [{ has: ['--s3'], then: { template: 'connect', address: { flags: ['--s3-endpoint'], default: 's3.amazonaws.com' }, what: 'stores backups in S3' } }],
          default: { template: 'local' },
        },
      },
      default: kubeApi('reads the MariaDB resource and waits for peer Pods (init galera|replication) or runs a controller'),
    },
    summary: 'MariaDB operator binary: its `init` init container reads the MariaDB resource and previous Pods through the API server; `backup --s3` talks to S3.',
    source: 'mariadb-operator/mariadb-operator:cmd/init/galera.go',
    examples: [
      { image: 'docker-registry3.mariadb.com/mariadb-operator/mariadb-operator:0.36.0', args: ['init', 'galera', '--config-dir=/etc/mysql/mariadb.conf.d', '--state-dir=/var/lib/mysql'], need: 'required', dest: KUBE },
      { command: ['mariadb-operator', 'backup', '--path=/backup', '--target-file-path=/backup/0-backup-target.txt', '--max-retention=720h'], need: 'none' },
    ],
  },
  {
    names: ['scylla-operator'],
    images: [{ repo: 'scylladb/scylla-operator', entrypoint: ['/usr/bin/scylla-operator'] }],
    effect: kubeApi('waits for bootstrap preconditions or the node\'s Service (run-bootstrap-barrier, run-ignition, sidecar)'),
    summary: 'ScyllaDB operator binary: the `run-bootstrap-barrier` init container and `run-ignition` read status reports, Services and Pods through the API server.',
    source: 'scylladb/scylla-operator:pkg/cmd/operator/bootstrapbarrier/bootstrapbarrier.go',
    examples: [{ command: ['/mnt/shared/scylla-operator', 'run-bootstrap-barrier', '--service-name=$(SERVICE_NAME)', '--scylla-data-dir=/var/lib/scylla/data'], need: 'required', dest: KUBE }],
  },
  // ── Cilium agent init containers ──
  {
    names: ['cilium-dbg', 'cilium'],
    effect: {
      template: 'subcommands',
      cases: {
        // The `config` init container: reads cilium-config, CiliumNodeConfig and the Node from the API server into files.
        'build-config': kubeApi('reads cilium-config, CiliumNodeConfigs and the Node'),
        'post-uninstall-cleanup': { template: 'local' },
        cleanup: { template: 'local' },
      },
      default: { template: 'loopback', what: 'queries the Cilium agent over its Unix socket', explains: true },
    },
    summary: 'Cilium debug CLI: `build-config` (the agent\'s `config` init container) reads its configuration from the API server; `post-uninstall-cleanup` removes BPF state; other commands ask the local agent.',
    source: 'cilium/cilium:cilium-dbg/cmd/build-config.go',
    examples: [
      { command: ['cilium-dbg', 'build-config'], env: { K8S_NODE_NAME: 'node-1', CILIUM_K8S_NAMESPACE: 'kube-system' }, need: 'required', dest: KUBE },
      { command: ['cilium-dbg', 'post-uninstall-cleanup', '-f', '--bpf-state'], need: 'none' },
    ],
  },
  {
    names: ['init-container.sh'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Cilium\'s clean-cilium-state init: removes BPF or all agent state when the ConfigMap asks for it.',
    source: 'cilium/cilium:images/cilium/init-container.sh',
    examples: [{ command: ['/init-container.sh'], env: { CILIUM_BPF_STATE: 'false', CILIUM_ALL_STATE: 'false' }, need: 'none' }],
  },
  {
    names: ['install-plugin.sh'],
    effect: { template: 'local' },
    summary: 'Cilium\'s install-cni-binaries init: copies the cilium-cni plugin into the host CNI directory.',
    source: 'cilium/cilium:plugins/cilium-cni/install-plugin.sh',
    examples: [{ command: ['/install-plugin.sh'], need: 'none' }],
  },
  {
    names: ['cilium-mount', 'cilium-sysctlfix'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Cilium host helpers run through nsenter: mount the cgroup2 filesystem, write sysctl overrides for the host.',
    source: 'cilium/cilium:tools/mount/main.go',
    examples: [{ command: ['sh', '-ec', 'cp /usr/bin/cilium-mount /hostbin/cilium-mount; /hostbin/cilium-mount $CGROUP_ROOT; rm /hostbin/cilium-mount'], need: 'none' }],
  },
  {
    names: ['key-cert-provisioner'],
    images: [{ repo: 'calico/key-cert-provisioner', entrypoint: ['/usr/bin/key-cert-provisioner'] }],
    effect: kubeApi('submits a CertificateSigningRequest and waits for the certificate'),
    summary: 'Calico/Tigera certificate init: creates a key, submits a CSR through the API server and writes the signed certificate.',
    source: 'projectcalico/calico:key-cert-provisioner/pkg/k8s/certificate.go',
    examples: [{ image: 'quay.io/calico/key-cert-provisioner:v3.28.0', env: { SIGNER: 'tigera.io/operator-signer', CERTIFICATE_PATH: '/certs-share/' }, need: 'required', dest: KUBE }],
  },
  // ── MinIO, Tekton ──
  {
    names: ['minio-operator-sidecar'],
    images: [{ repo: 'minio/operator-sidecar', entrypoint: ['/minio-operator-sidecar'] }],
    effect: kubeApi('reads the Tenant and its configuration Secret'),
    summary: 'MinIO operator sidecar: `validate --tenant` (the validate-arguments init container) reads the Tenant and its config Secret and writes the MinIO environment file.',
    source: 'minio/operator:sidecar/pkg/validator/validator.go',
    examples: [{ image: 'quay.io/minio/operator-sidecar:v7.0.0', args: ['validate', '--tenant', 'myminio'], need: 'required', dest: KUBE }],
  },
  {
    names: ['workingdirinit'],
    effect: { template: 'local' },
    summary: 'Tekton working-dir initializer: creates the steps\' working directories.',
    source: 'tektoncd/pipeline:cmd/workingdirinit/main.go',
    examples: [{ command: ['/ko-app/workingdirinit', '/workspace/source'], need: 'none' }],
  },
  {
    names: ['sidecarlogresults'],
    effect: { template: 'local' },
    summary: 'Tekton results sidecar: prints the steps\' result files to its log.',
    source: 'tektoncd/pipeline:cmd/sidecarlogresults/main.go',
    examples: [{ command: ['/ko-app/sidecarlogresults', '-results-dir', '/tekton/results', '-result-names', 'digest', '-step-names', 'build'], need: 'none' }],
  },
  {
    names: ['git-init'],
    effect: { template: 'connect', url: { flags: ['-url', '--url'] }, what: 'fetches a Git repository' },
    summary: 'Tekton\'s git-init image: clones the repository given by -url into -path.',
    source: 'tektoncd/pipeline:cmd/git-init/main.go@a088215382',
    examples: [{ command: ['/ko-app/git-init', '-url', 'https://github.com/tektoncd/pipeline', '-revision', 'main', '-path', '/workspace/output'], need: 'required', dest: 'github.com:443' }],
  },
  // ── NVIDIA toolkit and MIG ──
  {
    names: ['nvidia-ctk-installer'],
    images: [{ repo: 'nvidia/k8s/container-toolkit', entrypoint: ['/work/nvidia-ctk-installer'] }],
    // Restarting the runtime is a signal or a systemd call on the host, never a TCP connection.
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'NVIDIA container toolkit installer: copies the toolkit to the host, configures containerd, CRI-O or Docker for the NVIDIA runtime and signals it.',
    source: 'NVIDIA/nvidia-container-toolkit:cmd/nvidia-ctk-installer/main.go',
    examples: [{ image: 'nvcr.io/nvidia/k8s/container-toolkit:v1.17.0-ubuntu20.04', args: ['/usr/local/nvidia'], need: 'none' }],
  },
  {
    names: ['nvidia-ctk'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'NVIDIA container toolkit CLI: generates CDI specs, edits runtime configs, creates device nodes.',
    source: 'NVIDIA/nvidia-container-toolkit:cmd/nvidia-ctk/main.go',
    examples: [{ command: ['nvidia-ctk', 'system', 'create-device-nodes', '--control-devices', '--load-kernel-modules'], need: 'none' }],
  },
  {
    names: ['nvidia-mig-manager'],
    images: [{ repo: 'nvidia/cloud-native/k8s-mig-manager', entrypoint: ['nvidia-mig-manager'] }],
    effect: kubeApi('watches its Node\'s MIG config label'),
    needsRoot: true,
    summary: 'NVIDIA MIG manager: watches the node\'s nvidia.com/mig.config label and applies the MIG layout.',
    source: 'NVIDIA/mig-parted:cmd/nvidia-mig-manager/main.go',
    examples: [{ image: 'nvcr.io/nvidia/cloud-native/k8s-mig-manager:v0.10.0-ubuntu20.04', need: 'required', dest: KUBE }],
  },
  {
    names: ['nvidia-mig-parted'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'NVIDIA MIG partition editor: applies or exports a MIG configuration through NVML.',
    source: 'NVIDIA/mig-parted:cmd/nvidia-mig-parted/main.go',
    examples: [{ command: ['nvidia-mig-parted', 'apply', '-f', '/mig-parted-config/config.yaml', '-c', 'all-1g.10gb'], need: 'none' }],
  },
  {
    names: ['network-operator-init-container'],
    images: [{ repo: 'mellanox/network-operator-init-container', entrypoint: ['/network-operator-init-container'] }],
    effect: kubeApi('reads its ConfigMap and waits for the node\'s driver-ready condition'),
    summary: 'NVIDIA Network Operator init: reads its ConfigMap through the API server and waits until the node\'s MOFED driver is safe to use.',
    source: 'Mellanox/network-operator-init-container:cmd/network-operator-init-container/app/app.go',
    examples: [{ image: 'ghcr.io/mellanox/network-operator-init-container:v0.0.2', args: ['--configmap-name', 'ofed-init-container-config', '--configmap-namespace', 'nvidia-network-operator', '--node-name', 'node-1'], need: 'required', dest: KUBE }],
  },
  // ── Database operators ──
  {
    names: ['arangodb_operator'],
    images: [{ repo: 'arangodb/kube-arangodb', entrypoint: ['/usr/bin/arangodb_operator'] }],
    effect: {
      template: 'subcommands',
      cases: {
        'lifecycle copy': { template: 'local' },
        uuid: { template: 'local' },
        'init-containers': { template: 'local' },
      },
      default: kubeApi('runs the ArangoDB operator or a sidecar'),
    },
    summary: 'ArangoDB operator binary: its init containers (`lifecycle copy`, `uuid`, `init-containers version-check`) copy itself or write and check files.',
    source: 'arangodb/kube-arangodb:cmd/uuid.go',
    examples: [
      { command: ['/usr/bin/arangodb_operator', 'lifecycle', 'copy', '--target', '/lifecycle/tools'], need: 'none' },
      { command: ['/usr/bin/arangodb_operator', 'uuid', '--uuid-path', '/data/UUID', '--engine', 'rocksdb', '--deployment-uid', 'abc', '--member-id', 'PRMR-1'], need: 'none' },
    ],
  },
  {
    names: ['kubectl-k8ssandra'],
    images: [{ repo: 'k8ssandra/k8ssandra-client', entrypoint: ['/kubectl-k8ssandra'] }],
    effect: {
      template: 'subcommands',
      cases: { 'config build': { template: 'local' } },
      default: kubeApi('manages CassandraDatacenters, users and CRDs'),
    },
    summary: 'k8ssandra client: `config build` (cass-operator\'s server-config-init) renders Cassandra configuration from env into files; other commands use the API server.',
    source: 'k8ssandra/k8ssandra-client:cmd/kubectl-k8ssandra/config/builder.go',
    examples: [
      { image: 'cr.k8ssandra.io/k8ssandra/k8ssandra-client:v0.5.0', args: ['config', 'build'], need: 'none' },
      { command: ['/kubectl-k8ssandra', 'helm', 'crds', 'upgrade', '--chartName', 'cass-operator'], need: 'required', dest: KUBE },
    ],
  },
  // ── Azure CNI, Linkerd await ──
  {
    names: ['dropgz'],
    images: [{ repo: 'containernetworking/azure-cni', entrypoint: ['/dropgz'] }],
    effect: { template: 'local' },
    summary: 'Azure CNI installer: unpacks the embedded CNI binaries and config into host directories.',
    source: 'Azure/azure-container-networking:dropgz/cmd/payload.go',
    examples: [{ image: 'mcr.microsoft.com/containernetworking/azure-cni:v1.6.5', args: ['deploy', 'azure-vnet', '-o', '/opt/cni/bin/azure-vnet', 'azure-vnet-ipam', '-o', '/opt/cni/bin/azure-vnet-ipam'], need: 'none' }],
  },
  {
    names: ['linkerd-await'],
    // Polls the proxy's admin port on localhost (--port, default 4191), then runs the command after `--`.
    effect: { template: 'all', of: [{ template: 'loopback', what: 'waits for the Linkerd proxy\'s readiness on localhost' }, { template: 'run', after: '--' }] },
    summary: 'Linkerd await: blocks until the local Linkerd proxy is ready, then runs the wrapped command.',
    source: 'olix0r/linkerd-await:src/main.rs',
    examples: [
      { command: ['/usr/lib/linkerd/linkerd-await', '--timeout=2m', '--', 'sh', '-c', 'sleep 1'], need: 'none' },
      { command: ['linkerd-await', '--shutdown', '--', 'curl', '-sf', 'http://api:8080/warm'], need: 'required', dest: 'api:8080' },
    ],
  },
  {
    names: ['nvidia-k8s-vgpu-dm'],
    images: [{ repo: 'nvidia/cloud-native/vgpu-device-manager', entrypoint: ['nvidia-k8s-vgpu-dm'] }],
    effect: kubeApi('watches its Node\'s vGPU config label'),
    needsRoot: true,
    summary: 'NVIDIA vGPU device manager: watches the node\'s nvidia.com/vgpu.config label and creates the vGPU devices.',
    source: 'NVIDIA/vgpu-device-manager:cmd/nvidia-k8s-vgpu-dm/main.go',
    examples: [{ image: 'nvcr.io/nvidia/cloud-native/vgpu-device-manager:v0.2.8', need: 'required', dest: KUBE }],
  },
  {
    names: ['nvidia-vgpu-dm'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'NVIDIA vGPU device tool: applies a vGPU layout through sysfs (mdev) on the node.',
    source: 'NVIDIA/vgpu-device-manager:cmd/nvidia-vgpu-dm/main.go',
    examples: [{ command: ['nvidia-vgpu-dm', 'apply', '-f', '/vgpu-config/config.yaml', '-c', 'default'], need: 'none' }],
  },
  {
    names: ['nvidia-device-plugin'],
    images: [{ repo: 'nvidia/k8s-device-plugin', entrypoint: ['nvidia-device-plugin'] }],
    effect: { template: 'loopback', what: 'registers with the kubelet over its Unix socket', explains: true },
    summary: 'NVIDIA device plugin: serves GPUs to the kubelet over the device-plugin Unix socket.',
    source: 'NVIDIA/k8s-device-plugin:cmd/nvidia-device-plugin/main.go',
    examples: [{ image: 'nvcr.io/nvidia/k8s-device-plugin:v0.17.0', need: 'none' }],
  },
  {
    names: ['gpu-feature-discovery'],
    // --use-node-feature-api (GFD_USE_NODE_FEATURE_API) defaults to true: labels go to a NodeFeature object.
    effect: kubeApi('writes the GPU labels as a NodeFeature object'),
    summary: 'NVIDIA GPU feature discovery: detects GPU properties and publishes them as node labels through the NodeFeature API.',
    source: 'NVIDIA/k8s-device-plugin:cmd/gpu-feature-discovery/main.go',
    examples: [{ command: ['gpu-feature-discovery', '--oneshot'], need: 'required', dest: KUBE }],
  },
  {
    names: ['launcher-v2'],
    images: [{ repo: 'kubeflow/kfp-launcher', entrypoint: ['/bin/launcher-v2'] }],
    effect: {
      template: 'flags',
      // The kfp-launcher init container only copies the binary into a shared volume.
      cases: [{ has: ['--copy'], then: { template: 'local' } }],
      default: {
        template: 'connect',
        host: { flags: ['--ml_pipeline_server_address'], default: 'ml-pipeline.kubeflow' },
        port: { flags: ['--ml_pipeline_server_port'], default: '8887' },
        what: 'reports the task to the pipeline API server and ML Metadata',
      },
    },
    summary: 'Kubeflow Pipelines launcher: `--copy` (the kfp-launcher init container) copies itself; as the step wrapper it talks to the pipeline API server and ML Metadata.',
    source: 'kubeflow/pipelines:backend/src/v2/cmd/launcher-v2/main.go',
    examples: [
      { image: 'ghcr.io/kubeflow/kfp-launcher:2.4.0', args: ['--copy', '/kfp-launcher/launch'], need: 'none' },
      { command: ['/bin/launcher-v2', '--pipeline_name', 'p', '--run_id', 'r', '--executor_type', 'container'], need: 'required', dest: 'ml-pipeline.kubeflow:8887' },
    ],
  },
  {
    names: ['generate_certificate.sh'],
    images: [{ repo: 'newrelic/k8s-webhook-cert-manager', cmd: ['./generate_certificate.sh'] }],
    effect: kubeApi('creates and approves a CSR, then stores the certificate in a Secret with kubectl'),
    summary: 'New Relic webhook certificate job: creates and approves a CertificateSigningRequest and patches the webhook with kubectl.',
    source: 'newrelic/k8s-webhook-cert-manager:generate_certificate.sh',
    examples: [{ image: 'newrelic/k8s-webhook-cert-manager:1.5.1', args: ['./generate_certificate.sh', '--service', 'nri-metadata-injection', '--webhook', 'nri-metadata-injection', '--secret', 'nri-metadata-injection', '--namespace', 'newrelic'], need: 'required', dest: KUBE }],
  },
  {
    names: ['traefik-mesh'],
    images: [{ repo: 'traefik/mesh', entrypoint: ['/app/traefik-mesh'] }],
    effect: kubeApi('checks and patches CoreDNS and the mesh resources (prepare, cleanup)'),
    summary: 'Traefik Mesh binary: the controller\'s `prepare` init container checks the cluster and patches CoreDNS through the API server.',
    source: 'traefik/mesh:cmd/prepare/prepare.go',
    examples: [{ image: 'traefik/mesh:v1.4.8', args: ['prepare', '--loglevel=error', '--clusterdomain=cluster.local', '--namespace=traefik-mesh'], need: 'required', dest: KUBE }],
  },
  {
    names: ['container-disk'],
    effect: { template: 'local' },
    summary: 'KubeVirt container-disk helper: with --no-op it exits at once; otherwise it serves a Unix socket marking the disk as in use.',
    source: 'kubevirt/kubevirt:cmd/container-disk-v2alpha/main.c',
    examples: [{ command: ['/container-disk-binary/usr/bin/container-disk', '--no-op'], need: 'none' }],
  },
  {
    names: ['certgen'],
    images: [{ repo: 'solo-io/certgen', entrypoint: ['/usr/local/bin/certgen'] }],
    effect: kubeApi('stores self-signed certificates in Secrets and patches webhook CA bundles'),
    summary: 'Gloo\'s certificate generator job: creates self-signed certificates and writes them to a Secret and the validating webhook\'s CA bundle.',
    source: 'solo-io/gloo:jobs/certgen/cmd/main.go',
    examples: [{ image: 'quay.io/solo-io/certgen:1.17.0', args: ['--secret-name=gateway-validation-certs', '--svc-name=gloo', '--validating-webhook-configuration-name=gloo-gateway-validation-webhook-gloo-system'], need: 'required', dest: KUBE }],
  },
  {
    names: ['flux'],
    images: [{ repo: 'fluxcd/flux-cli', entrypoint: ['flux'] }],
    effect: {
      template: 'subcommands',
      cases: {
        bootstrap: { template: 'all', of: [kubeApi('installs Flux'), { template: 'connect', what: 'pushes the manifests to the Git provider' }] },
      },
      default: {
        template: 'flags',
        // `flux install --export`, `flux create … --export` print YAML without touching the cluster.
        cases: [{ has: ['--export'], then: { template: 'local' } }],
        default: kubeApi('reads or changes Flux resources'),
      },
    },
    summary: 'Flux CLI: `install`, `reconcile`, `create`, `check` work through the API server; `--export` only prints YAML; `bootstrap` also pushes to Git.',
    source: 'fluxcd/flux2:cmd/flux/install.go',
    examples: [
      { image: 'ghcr.io/fluxcd/flux-cli:v2.4.0', args: ['reconcile', 'source', 'git', 'flux-system'], need: 'required', dest: KUBE },
      { command: ['flux', 'install', '--export'], need: 'none' },
    ],
  },
  // ── Ceph tools in Rook pods ──
  {
    names: ['ceph', 'rbd', 'radosgw-admin', 'rados'],
    // Monitors come from -m/--mon-host, else ceph.conf's mon_host: a destination the spec rarely names.
    effect: { template: 'connect', address: { flags: ['-m', '--mon-host'] }, what: 'talks to the Ceph monitors', explains: true },
    summary: 'Ceph cluster CLIs (ceph, rbd, rados, radosgw-admin): every command goes through the monitors, TCP 3300/6789.',
    source: 'man 8 ceph',
    examples: [
      { command: ['ceph', 'auth', 'get-or-create', 'client.csi', '-m', '10.96.0.20:6789'], need: 'required', dest: '10.96.0.20:6789' },
      { command: ['sh', '-c', 'rbd pool init replicapool'], need: 'required' },
    ],
  },
  {
    names: ['ceph-volume'],
    effect: {
      template: 'subcommands',
      // `prepare`, `create` and `batch` register the new OSD with the monitors (ceph osd new).
      cases: Object.fromEntries(['lvm prepare', 'lvm create', 'lvm batch', 'raw prepare'].map((c) => [c, { template: 'connect', what: 'registers the OSD with the monitors' }])),
      default: { template: 'local' },
    },
    needsRoot: true,
    summary: 'Ceph OSD device tool: `activate` and `list` (Rook\'s activate init container) work on local devices; `prepare`/`create`/`batch` register the OSD with the monitors.',
    source: 'man 8 ceph-volume',
    examples: [
      { command: ['ceph-volume', 'raw', 'activate', '--device', '/dev/sdb', '--no-systemd', '--no-tmpfs'], need: 'none' },
      { command: ['ceph-volume', 'lvm', 'prepare', '--bluestore', '--data', '/dev/sdc'], need: 'required' },
    ],
  },
  {
    names: ['ceph-authtool', 'monmaptool', 'crushtool', 'osdmaptool', 'ceph-conf'],
    effect: { template: 'local' },
    summary: 'Ceph offline tools: edit keyrings, monitor maps, CRUSH and OSD maps, read ceph.conf; no cluster connection.',
    source: 'man 8 ceph-authtool',
    examples: [{ command: ['ceph-authtool', '--create-keyring', '/etc/ceph/keyring', '--gen-key', '-n', 'mon.'], need: 'none' }],
  },
  {
    names: ['gpu-operator'],
    images: [{ repo: 'nvidia/gpu-operator', entrypoint: ['/usr/bin/gpu-operator'] }],
    effect: kubeApi('reconciles ClusterPolicy and NVIDIADriver resources'),
    summary: 'NVIDIA GPU Operator controller: the image\'s entrypoint; it reconciles the GPU stack through the API server.',
    source: 'NVIDIA/gpu-operator:cmd/gpu-operator/main.go',
    examples: [{ image: 'nvcr.io/nvidia/gpu-operator:v24.9.0', args: ['--leader-elect'], need: 'required', dest: KUBE }],
  },
  {
    names: ['manage-crds', 'cleanup-gpuclusters'],
    effect: kubeApi('applies or deletes the operator\'s CRDs and GPU cluster objects'),
    summary: 'GPU Operator Helm hooks: `manage-crds apply|delete` installs or removes the CRDs, `cleanup-gpuclusters` deletes leftover objects, through the API server.',
    source: 'NVIDIA/gpu-operator:cmd/manage-crds/main.go',
    examples: [{ command: ['/usr/bin/manage-crds'], args: ['apply', '--filepath=/opt/gpu-operator/nvidia.com_clusterpolicies.yaml'], need: 'required', dest: KUBE }],
  },
  {
    names: ['clustermesh-apiserver'],
    effect: {
      template: 'subcommands',
      // etcdinit starts etcd on localhost:2379 and writes the initial users and keys through it.
      cases: { etcdinit: { template: 'loopback', what: 'initialises a local etcd started on localhost' } },
      default: kubeApi('mirrors cluster state into the clustermesh etcd'),
    },
    summary: 'Cilium ClusterMesh API server: the `etcdinit` init container seeds a localhost-only etcd; the server itself watches the cluster.',
    source: 'cilium/cilium:clustermesh-apiserver/etcdinit/root.go',
    examples: [
      { command: ['/usr/bin/clustermesh-apiserver', 'etcdinit'], args: ['--etcd-cluster-name=clustermesh-apiserver', '--cluster-name=default'], need: 'none' },
      { command: ['/usr/bin/clustermesh-apiserver', 'clustermesh', '--cluster-name=default'], need: 'required', dest: KUBE },
    ],
  },
  {
    names: ['sriov-network-config-daemon'],
    images: [{ repo: 'sriov-network-config-daemon', cmd: ['/usr/bin/sriov-network-config-daemon'] }],
    effect: {
      template: 'subcommands',
      // `service` runs from systemd on the host and reads the node state from a file.
      cases: { service: { template: 'local' } },
      default: kubeApi('annotates its Pod and waits for the SriovNetworkNodeState (wait-for-config, start)'),
    },
    needsRoot: true,
    summary: 'SR-IOV network config daemon: its `wait-for-config` init container annotates the Pod and waits for the node state through the API server.',
    source: 'k8snetworkplumbingwg/sriov-network-operator:cmd/sriov-network-config-daemon/waitforconfig.go',
    examples: [
      { command: ['sriov-network-config-daemon'], args: ['wait-for-config', '--pod-name=$(POD_NAME)', '--pod-namespace=$(POD_NAMESPACE)'], need: 'required', dest: KUBE },
      { command: ['sriov-network-config-daemon', 'service', '--phase', 'pre'], need: 'none' },
    ],
  },
  // ── Istio's own agent ──
  {
    names: ['pilot-agent'],
    effect: {
      template: 'subcommands',
      cases: {
        'istio-iptables': { template: 'local' },
        // wait: GET --url (default http://localhost:15021/healthz/ready); request: the Envoy admin port on localhost.
        wait: { template: 'loopback', what: 'waits for the local Envoy to be ready', explains: true },
        request: { template: 'loopback', what: 'calls the local Envoy admin API', explains: true },
      },
      default: { template: 'connect', address: { default: 'istiod.istio-system.svc:15012' }, what: 'fetches certificates and configuration from istiod' },
    },
    summary: 'Istio\'s agent: `istio-iptables` writes the redirect rules, `wait` and `request` talk to the local Envoy, `proxy` connects to istiod.',
    source: 'istio/istio:pilot/cmd/pilot-agent/app/wait.go',
    examples: [
      { command: ['pilot-agent', 'wait', '--timeoutSeconds=120'], need: 'none' },
      { command: ['pilot-agent', 'request', 'POST', 'quitquitquit'], need: 'none' },
    ],
  },
  {
    names: ['istio-iptables', 'istio-clean-iptables'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Istio\'s iptables programs: write or remove the pod\'s redirect rules.',
    source: 'istio/istio:tools/istio-iptables/pkg/cmd/root.go',
    examples: [{ command: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-b', '*'], need: 'none' }],
  },
  // ── Mesh CLIs used in install jobs ──
  {
    names: ['istioctl'],
    versionIsRemote: true,
    effect: {
      template: 'subcommands',
      cases: {
        // operator/cmd/mesh/manifest-generate.go: the cluster is read only with --cluster-specific.
        'manifest generate': { template: 'flags', cases: [{ has: ['--cluster-specific'], then: kubeApi('detects cluster-specific settings') }], default: { template: 'local' } },
        'profile': { template: 'local' },
        completion: { template: 'local' },
      },
      default: kubeApi('installs, upgrades or inspects the mesh'),
    },
    summary: 'Istio CLI: `install`, `upgrade`, `x precheck`, `analyze` use the API server; `manifest generate` and `profile` only render YAML.',
    source: 'istio/istio:operator/cmd/mesh/manifest-generate.go',
    examples: [
      { command: ['istioctl', 'install', '-y', '--set', 'profile=minimal'], need: 'required', dest: KUBE },
      { command: ['istioctl', 'manifest', 'generate', '--set', 'profile=demo'], need: 'none' },
    ],
  },
  {
    names: ['linkerd'],
    versionIsRemote: true,
    effect: {
      template: 'flags',
      // cli/cmd/install.go: --ignore-cluster renders the manifests without reading the cluster.
      cases: [{ has: ['--ignore-cluster'], then: { template: 'local' } }],
      default: kubeApi('checks, installs or inspects Linkerd'),
    },
    summary: 'Linkerd CLI: `check`, `install`, `upgrade`, `viz …` read the cluster through the API server; `install --ignore-cluster` only renders YAML.',
    source: 'linkerd/linkerd2:cli/cmd/install.go',
    examples: [
      { command: ['linkerd', 'check', '--pre'], need: 'required', dest: KUBE },
      { command: ['linkerd', 'install', '--ignore-cluster'], need: 'none' },
    ],
  },
  // ── Node-level helpers ──
  {
    names: ['crictl', 'ctr'],
    // Image pulls are done by the runtime on the host network, not by this process.
    effect: { template: 'loopback', what: 'talks to the container runtime over its Unix socket', explains: true },
    needsRoot: true,
    summary: 'Container runtime CLIs (CRI crictl, containerd ctr): every call goes to the runtime\'s Unix socket; image pulls happen in the runtime, outside the pod.',
    source: 'kubernetes-sigs/cri-tools:cmd/crictl/main.go',
    examples: [{ command: ['crictl', '--runtime-endpoint', 'unix:///run/containerd/containerd.sock', 'pull', 'nvcr.io/nvidia/cuda:12.4.0-base-ubuntu22.04'], need: 'none' }],
  },
  {
    names: ['nsenter'],
    // The wrapped command is judged as if it ran in the pod, the conservative reading: with
    // --net=/proc/1/ns/net it actually runs in the host's network namespace.
    effect: { template: 'run', valued: ['-t', '--target', '-S', '--setuid', '-G', '--setgid'] },
    needsRoot: true,
    summary: 'Runs a command in other namespaces (often the host\'s, from node agents\' init containers); the wrapped command decides the need.',
    source: 'man 1 nsenter',
    examples: [
      { command: ['nsenter', '--cgroup=/hostproc/1/ns/cgroup', '--mount=/hostproc/1/ns/mnt', '/opt/cni/bin/cilium-mount', '/run/cilium/cgroupv2'], need: 'none' },
      { command: ['nsenter', '-t', '1', '-m', '-u', '-i', '-p', '--', 'curl', '-sf', 'http://10.0.0.10:8080/ready'], need: 'required', dest: '10.0.0.10:8080' },
    ],
  },
  {
    names: ['velero'],
    versionIsRemote: true,
    effect: kubeApi('creates or reads Velero resources (install, backup, restore, schedule)'),
    summary: 'Velero CLI: every command (install, backup create, restore, schedule) works on Velero resources through the API server.',
    source: 'vmware-tanzu/velero:cmd/velero/velero.go',
    examples: [{ command: ['/velero', 'backup', 'create', 'pre-upgrade', '--wait'], need: 'required', dest: KUBE }],
  },
  {
    names: ['kubectl-kyverno', 'kyverno'],
    effect: {
      template: 'subcommands',
      cases: {
        // commands/apply: --cluster (-c) reads resources from the cluster; otherwise files only.
        apply: { template: 'flags', cases: [{ has: ['--cluster', '-c'], then: kubeApi('applies policies to the cluster\'s resources') }], default: { template: 'local' } },
        migrate: kubeApi('migrates stored Kyverno resources'),
        oci: { template: 'connect', what: 'pushes or pulls policies to an OCI registry' },
      },
      default: { template: 'local' },
    },
    summary: 'Kyverno CLI: `apply` and `test` evaluate policies on files; `apply --cluster` and `migrate` use the API server; `oci` talks to a registry.',
    source: 'kyverno/kyverno:cmd/cli/kubectl-kyverno/commands/apply/command.go',
    examples: [
      { command: ['kyverno', 'apply', '/policies', '--resource', '/manifests/deploy.yaml'], need: 'none' },
      { command: ['kyverno', 'apply', '/policies', '--cluster'], need: 'required', dest: KUBE },
    ],
  },
  {
    names: ['azure-iptables-monitor'],
    effect: kubeApi('labels its Node when user iptables rules appear'),
    needsRoot: true,
    summary: 'Azure CNI iptables monitor: watches the node\'s iptables for user rules and labels the Node through the API server.',
    source: 'Azure/azure-container-networking:azure-iptables-monitor/iptables_monitor.go',
    examples: [{ command: ['/azure-iptables-monitor', '-v', '3', '-checkInterval', '600'], need: 'required', dest: KUBE }],
  },
  {
    names: ['azure-block-iptables'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Azure CNI helper: attaches a BPF program that blocks iptables changes on the node.',
    source: 'Azure/azure-container-networking:bpf-prog/azure-block-iptables/cmd/azure-block-iptables/main.go',
    examples: [{ command: ['/azure-block-iptables', '--mode=attach', '--overwrite'], need: 'none' }],
  },
  {
    names: ['coil-installer'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Coil CNI installer: copies the plugin and writes the CNI config on the host.',
    source: 'cybozu-go/coil:v2/cmd/coil-installer/sub/root.go',
    examples: [{ command: ['coil-installer'], need: 'none' }],
  },
  {
    names: ['calicoctl'],
    effect: {
      template: 'value',
      // libcalico-go/lib/apiconfig/load.go: an unset DATASTORE_TYPE means etcdv3.
      from: { env: ['DATASTORE_TYPE'], default: 'etcdv3' },
      cases: { kubernetes: kubeApi('reads and writes Calico resources stored as CRDs') },
      default: { template: 'connect', url: { env: ['ETCD_ENDPOINTS'], default: 'http://127.0.0.1:2379' }, what: 'reads and writes Calico resources in etcd' },
    },
    summary: 'Calico CLI: works on Calico resources in the datastore, the API server with DATASTORE_TYPE=kubernetes, else etcd (ETCD_ENDPOINTS).',
    source: 'projectcalico/calico:libcalico-go/lib/apiconfig/load.go',
    examples: [
      { command: ['calicoctl', 'apply', '-f', '/config/ippool.yaml'], env: { DATASTORE_TYPE: 'kubernetes' }, need: 'required', dest: KUBE },
      { command: ['calicoctl', 'get', 'nodes'], env: { ETCD_ENDPOINTS: 'http://etcd.kube-system:2379' }, need: 'required', dest: 'etcd.kube-system:2379' },
    ],
  },
  {
    names: ['haproxy_init.sh'],
    effect: { template: 'dns', what: 'resolves the Redis announce Services into the HAProxy config' },
    summary: 'redis-ha chart\'s HAProxy init (used by Argo CD HA): resolves each announce Service with getent and writes the addresses into haproxy.cfg.',
    source: 'argoproj/argo-cd:manifests/ha/base/redis-ha/chart/upstream.yaml',
    examples: [{ command: ['sh', '/readonly/haproxy_init.sh'], need: 'required' }],
  },
  {
    names: ['matrix-tools'],
    images: [{ repo: 'matrix-tools', entrypoint: ['/matrix-tools'] }],
    effect: {
      template: 'subcommands',
      cases: {
        'render-config': { template: 'local' },
        concat: { template: 'local' },
        tcpwait: { template: 'connect', address: { flags: ['-address'] }, what: 'waits until the address accepts TCP' },
      },
      default: kubeApi('generates Secrets or writes deployment markers'),
    },
    summary: 'Element ESS matrix-tools: init containers render configs (local), wait on the database with `tcpwait -address host:port`, or generate Secrets through the API server.',
    source: 'element-hq/ess-helm:matrix-tools/cmd/main.go',
    examples: [
      { image: 'ghcr.io/element-hq/ess-helm/matrix-tools:0.3.0', args: ['tcpwait', '-address', 'ess-postgres.ess.svc.cluster.local:5432'], need: 'required', dest: 'ess-postgres.ess.svc.cluster.local:5432' },
      { image: 'ghcr.io/element-hq/ess-helm/matrix-tools:0.3.0', args: ['render-config', '-output', '/conf/config.yaml', '/config-templates/config.yaml'], need: 'none' },
    ],
  },
  {
    names: ['vfio-manage'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'NVIDIA VFIO manager: binds or unbinds GPUs to the vfio-pci driver through sysfs.',
    source: 'NVIDIA/k8s-driver-manager:cmd/vfio-manage/bind.go',
    examples: [{ command: ['vfio-manage', 'bind', '--all'], need: 'none' }],
  },
  {
    names: ['antrea-sysctl-init'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Antrea sysctl init: sets the host gateway interface\'s sysctls before the agent starts.',
    source: 'antrea-io/antrea:cmd/antrea-sysctl-init/sysctl_init.go',
    examples: [{ command: ['antrea-sysctl-init'], args: ['--host-gateway-name=antrea-gw0'], need: 'none' }],
  },
  {
    names: ['migrate_cni'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Antrea CNI migration: sets the previous CNI configs aside, removes their iptables rules and restarts pods through the CRI socket.',
    source: 'antrea-io/antrea:build/images/scripts/migrate_cni',
    examples: [{ command: ['migrate_cni'], env: { RUNTIME_ENDPOINT: 'unix:///run/containerd/containerd.sock' }, need: 'none' }],
  },
  {
    names: ['traffic'],
    images: [{ repo: 'tel2', entrypoint: ['traffic'] }],
    effect: {
      template: 'subcommands',
      // agent-init (the injected tel-agent-init container) only writes iptables rules from its mounted config.
      cases: { 'agent-init': { template: 'local' }, manager: kubeApi('runs the traffic manager') },
      default: { template: 'connect', what: 'the traffic agent connects to the traffic manager', explains: true },
    },
    needsRoot: true,
    summary: 'Telepresence traffic binary: the injected `agent-init` init container writes iptables rules; `agent` connects to the traffic manager.',
    source: 'telepresenceio/telepresence:cmd/traffic/cmd/agentinit/agent_init.go',
    examples: [{ image: 'ghcr.io/telepresenceio/tel2:2.20.0', args: ['agent-init'], need: 'none' }],
  },
  {
    names: ['flyte-copilot'],
    effect: { template: 'connect', what: 'downloads task inputs from (or uploads outputs to) the blob store', explains: true },
    summary: 'Flyte co-pilot: the `download` init container fetches task inputs from object storage; `sidecar` uploads the outputs.',
    source: 'flyteorg/flyte:flytecopilot/cmd/download.go',
    examples: [{ command: ['/bin/flyte-copilot', '--storage.type=s3', '--storage.container=my-bucket', 'download', '--from-remote', 's3://my-bucket/inputs.pb', '--to-output-prefix', 's3://my-bucket/out', '--to-local-dir', '/var/flyte/inputs'], need: 'required' }],
  },
  // ── CI/CD cluster CLIs ──
  {
    names: ['argo'],
    images: [{ repo: 'argoproj/argocli', entrypoint: ['argo'] }],
    versionIsRemote: true,
    effect: {
      template: 'flags',
      // cmd/argo/commands/client/conn.go: --argo-server (or ARGO_SERVER) selects the Argo Server; otherwise the API server.
      cases: [{ has: ['--argo-server', '-s'], env: ['ARGO_SERVER'], then: { template: 'connect', address: { flags: ['--argo-server', '-s'], env: ['ARGO_SERVER'] }, what: 'calls the Argo Server', explains: true } }],
      default: kubeApi('submits or watches Workflows'),
    },
    summary: 'Argo Workflows CLI: talks to the API server, or to the Argo Server given by --argo-server / ARGO_SERVER.',
    source: 'argoproj/argo-workflows:cmd/argo/commands/client/conn.go',
    examples: [
      { command: ['argo', 'submit', '--wait', '/workflows/smoke.yaml'], need: 'required', dest: KUBE },
      { command: ['argo', 'list'], env: { ARGO_SERVER: 'argo-server.argo:2746' }, need: 'required', dest: 'argo-server.argo:2746' },
    ],
  },
  {
    names: ['tkn'],
    versionIsRemote: true,
    effect: kubeApi('starts or inspects Tekton runs'),
    summary: 'Tekton CLI: starts and follows TaskRuns and PipelineRuns through the API server.',
    source: 'tektoncd/cli:cmd/tkn/main.go',
    examples: [{ command: ['tkn', 'pipeline', 'start', 'build', '--showlog'], need: 'required', dest: KUBE }],
  },
  {
    names: ['kn'],
    versionIsRemote: true,
    effect: kubeApi('creates or inspects Knative Services'),
    summary: 'Knative CLI: manages Knative Services, revisions and sources through the API server.',
    source: 'knative/client:cmd/kn/main.go',
    examples: [{ command: ['kn', 'service', 'update', 'hello', '--image', 'ghcr.io/acme/hello:v2'], need: 'required', dest: KUBE }],
  },
  // ── Node tools that mesh, CNI and GPU init containers call ──
  {
    names: ['iptables-restore', 'ip6tables-restore', 'iptables-save', 'ip6tables-save', 'iptables-nft', 'ip6tables-nft', 'iptables-legacy', 'ip6tables-legacy', 'iptables-nft-save', 'ip6tables-nft-save', 'iptables-legacy-save', 'ip6tables-legacy-save', 'iptables-nft-restore', 'iptables-legacy-restore', 'ipset', 'ebtables', 'conntrack'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Netfilter tools (iptables back-ends, save/restore, ipset, conntrack): program the kernel\'s tables, no socket to a peer.',
    source: 'man 8 iptables-restore',
    examples: [
      { command: ['sh', '-c', 'iptables-restore --noflush < /tmp/rules.v4'], need: 'none' },
      { command: ['bash', '-c', 'until iptables-nft-save -t mangle | grep -q KUBE-IPTABLES-HINT; do sleep 1; done'], need: 'none' },
    ],
  },
  {
    names: ['nvidia-smi'],
    effect: { template: 'local' },
    summary: 'NVIDIA SMI: queries or configures the GPUs through the driver (NVML).',
    source: 'man 1 nvidia-smi',
    examples: [{ command: ['sh', '-c', 'until nvidia-smi; do echo waiting for driver; sleep 5; done'], need: 'none' }],
  },
  {
    names: ['relocate-extensions.sh'],
    effect: { template: 'local' },
    summary: 'Percona PostgreSQL extension relocator: copies the image\'s extension and library files into the data volume.',
    source: 'percona/percona-postgresql-operator:build/postgres-operator/relocate-extensions.sh',
    examples: [{ command: ['/usr/local/bin/relocate-extensions.sh'], env: { PG_VERSION: '16' }, need: 'none' }],
  },
  {
    names: ['install_cni_chaining'],
    effect: { template: 'local' },
    needsRoot: true,
    summary: 'Antrea CNI chaining installer: inserts Antrea into the primary CNI\'s config file and keeps it there as the file changes.',
    source: 'antrea-io/antrea:build/images/scripts/install_cni_chaining',
    examples: [{ command: ['install_cni_chaining'], args: ['--monitor'], need: 'none' }],
  },
  {
    names: ['token-watcher.sh'],
    effect: { template: 'local' },
    summary: 'Whereabouts token watcher: regenerates the plugin kubeconfig when the mounted ServiceAccount token or CA changes.',
    source: 'k8snetworkplumbingwg/whereabouts:script/token-watcher.sh',
    examples: [{ command: ['/bin/sh', '-c', '/token-watcher.sh'], need: 'none' }],
  },
  {
    names: ['consul-dataplane'],
    images: [{ repo: 'hashicorp/consul-dataplane', entrypoint: ['/usr/local/bin/dumb-init', '/usr/local/bin/consul-dataplane'] }],
    // cmd/consul-dataplane/main.go: -addresses / DP_CONSUL_ADDRESSES, -grpc-port / DP_CONSUL_GRPC_PORT (8502 in config.go).
    effect: {
      template: 'connect',
      host: { flags: ['-addresses'], env: ['DP_CONSUL_ADDRESSES'] },
      port: { flags: ['-grpc-port'], env: ['DP_CONSUL_GRPC_PORT'], default: '8502' },
      what: 'connects to the Consul servers over gRPC',
    },
    summary: 'Consul dataplane (injected as a native sidecar on recent Kubernetes): fetches Envoy configuration from the Consul servers over gRPC.',
    source: 'hashicorp/consul-dataplane:cmd/consul-dataplane/main.go',
    examples: [{ command: ['consul-dataplane', '-addresses', 'consul-server.consul.svc', '-grpc-port=8502', '-proxy-service-id-path=/consul/connect-inject/proxyid'], need: 'required', dest: 'consul-server.consul.svc:8502' }],
  },
  {
    names: ['nvidia-driver'],
    images: [{ repo: 'nvidia/driver', entrypoint: ['nvidia-driver', 'init'] }],
    effect: {
      template: 'subcommands',
      cases: { reload_nvidia_peermem: { template: 'local' } },
      default: { template: 'opaque', why: 'installs kernel headers with apt or dnf unless the image ships precompiled modules for the running kernel' },
    },
    needsRoot: true,
    summary: 'NVIDIA driver container: `init` builds or loads the kernel modules; without precompiled modules it downloads kernel packages first.',
    source: 'NVIDIA/gpu-driver-container:ubuntu22.04/nvidia-driver',
    examples: [{ image: 'nvcr.io/nvidia/driver:550.127.08-ubuntu22.04', need: 'either' }],
  },
  {
    names: ['virt-tail'],
    effect: { template: 'local' },
    summary: 'KubeVirt guest console log sidecar: tails the VM\'s serial console log file.',
    source: 'kubevirt/kubevirt:cmd/virt-tail/main.go',
    examples: [{ command: ['/usr/bin/virt-tail', '--logfile', '/var/run/kubevirt-private/abc/virt-serial0-log'], need: 'none' }],
  },
  {
    names: ['nop'],
    effect: { template: 'local' },
    summary: 'Tekton\'s nop image: prints a message and exits (or waits for a signal); replaces stopped sidecars.',
    source: 'tektoncd/pipeline:cmd/nop/main.go',
    examples: [{ command: ['/ko-app/nop'], need: 'none' }],
  },
  {
    names: ['ip-control-loop'],
    effect: kubeApi('reconciles IP pools against running Pods'),
    summary: 'Whereabouts reconciler: watches Pods and NetworkAttachmentDefinitions and frees leaked IP allocations through the API server.',
    source: 'k8snetworkplumbingwg/whereabouts:cmd/controlloop/controlloop.go',
    examples: [{ command: ['/bin/sh', '-c', 'SLEEP=false source /install-cni.sh && /ip-control-loop -log-level debug'], need: 'required' }],
  },
  // ── Session 4 mining: storage, monitoring, bare-metal and mesh install bundles ──
  {
    names: ['linstor-wait-until'],
    effect: {
      template: 'subcommands',
      cases: {
        'api-online': { template: 'connect', url: { env: ['LS_CONTROLLERS'] }, address: { default: 'localhost:3370' }, what: 'polls the LINSTOR controller\'s version endpoint' },
        'satellite-online': { template: 'connect', url: { env: ['LS_CONTROLLERS'] }, address: { default: 'localhost:3370' }, what: 'polls the LINSTOR controller for the node\'s connection status' },
      },
      default: { template: 'local' },
    },
    summary: 'LINBIT\'s wait helper (Piraeus CSI, HA controller): loops until the LINSTOR controller answers over HTTP; golinstor takes the first of LS_CONTROLLERS, else localhost:3370.',
    source: 'LINBIT/linstor-wait-until:main.go',
    examples: [
      { command: ['/linstor-wait-until', 'api-online'], env: { LS_CONTROLLERS: 'http://linstor-controller.piraeus-datastore.svc:3370' }, need: 'required', dest: 'linstor-controller.piraeus-datastore.svc:3370' },
      { command: ['/linstor-wait-until', 'satellite-online', '$(KUBE_NODE_NAME)'], env: { LS_CONTROLLERS: 'https://linstor-controller:3371' }, need: 'required', dest: 'linstor-controller:3371' },
    ],
  },
  {
    // init.sh is a common name: only Weave Net's image means this one.
    names: ['init.sh'],
    imageOnly: true,
    needsRoot: true,
    images: [{ repo: 'weave-kube' }],
    effect: { template: 'local' },
    summary: 'Weave Net\'s weave-init: loads br_netfilter and xt_set, tests ipset with iptables, sets bridge-nf-call-iptables and installs the CNI plugin with `weave --local setup-cni`.',
    source: 'weaveworks/weave:prog/weave-kube/init.sh',
    examples: [{ image: 'weaveworks/weave-kube:2.8.1', command: ['/home/weave/init.sh'], need: 'none' }],
  },
  {
    // Both the operator and its config-reloader ship as victoriametrics/operator (tags `v0.x` and `config-reloader-v0.x`)
    // with ENTRYPOINT /app; only the reloader runs as an init container (`config-init`, with --only-init-config).
    names: ['app'],
    imageOnly: true,
    images: [{ repo: 'victoriametrics/operator', entrypoint: ['/app'] }],
    effect: {
      template: 'flags',
      cases: [{ has: ['--config-secret-name', '-config-secret-name'], then: kubeApi('reads the configuration Secret (namespace/name) and writes it to --config-envsubst-file') }],
      default: { template: 'local' },
    },
    summary: 'VictoriaMetrics operator\'s config-reloader: with --config-secret-name it watches the Secret through the API server; with --config-file only it watches a file; --only-init-config writes the config once and exits.',
    source: 'VictoriaMetrics/operator:cmd/config-reloader/main.go',
    examples: [
      { image: 'victoriametrics/operator:config-reloader-v0.48.3', args: ['--reload-url=http://localhost:8429/-/reload', '--config-envsubst-file=/etc/vmagent/config_out/vmagent.env.yaml', '--config-secret-name=default/vmagent-agent', '--config-secret-key=vmagent.yaml.gz', '--only-init-config'], need: 'required', dest: KUBE },
      { image: 'victoriametrics/operator:config-reloader-v0.48.3', args: ['--config-file=/etc/alertmanager/config/alertmanager.yaml', '--only-init-config'], need: 'none' },
    ],
  },
  {
    // The image's /usr/local/bin/entrypoint execs run_configbuilder (java -jar the config builder).
    names: ['entrypoint', 'run_configbuilder'],
    imageOnly: true,
    images: [{ repo: 'datastax/cass-config-builder', entrypoint: ['/usr/local/bin/entrypoint'] }],
    effect: { template: 'local' },
    summary: 'cass-operator\'s server-config-init: renders cassandra.yaml and the JVM options from CONFIG_FILE_DATA, POD_IP and RACK_NAME with the bundled definitions into /config.',
    source: 'datastax/cass-config-builder:src/com/datastax/configbuilder/operator.clj',
    examples: [{ image: 'datastax/cass-config-builder:1.0-ubi8', need: 'none' }],
  },
  {
    names: ['migratecheckpoint'],
    effect: { template: 'local' },
    summary: 'Splunk OpenTelemetry Collector\'s migrate-checkpoint: converts Fluentd position files under /var/log into the collector\'s bbolt checkpoint files.',
    source: 'signalfx/splunk-otel-collector:cmd/migratecheckpoint/main.go',
    examples: [{ command: ['/migratecheckpoint'], env: { CONTAINER_LOG_PATH_FLUENTD: '/var/log/splunk-fluentd-containers.log.pos' }, need: 'none' }],
  },
  {
    names: ['get-resource.sh'],
    effect: { template: 'connect', url: { env: ['CACHEURL', 'IPA_BASEURI'], default: 'https://tarballs.opendev.org/openstack/ironic-python-agent/dib' }, what: 'downloads the ironic-python-agent kernel and ramdisk (CACHEURL first when set)' },
    summary: 'Metal3 ironic-ipa-downloader: curls the IPA tarball from IPA_BASEURI (tarballs.opendev.org by default), or its headers from CACHEURL, into the shared volume.',
    source: 'metal3-io/ironic-ipa-downloader:get-resource.sh',
    examples: [
      { image: 'quay.io/metal3-io/ironic-ipa-downloader:main', command: ['/usr/local/bin/get-resource.sh'], need: 'required', dest: 'tarballs.opendev.org:443' },
      { command: ['/usr/local/bin/get-resource.sh'], env: { CACHEURL: 'http://172.22.0.1/images' }, need: 'required', dest: '172.22.0.1:80' },
    ],
  },
  {
    names: ['node-labeller.sh'],
    needsRoot: true,
    effect: { template: 'local' },
    summary: 'KubeVirt virt-handler\'s node-labeller init: starts virtqemud and writes `virsh domcapabilities`, the CPU map and host capabilities to /var/lib/kubevirt-node-labeller.',
    source: 'kubevirt/kubevirt:cmd/virt-launcher/node-labeller/node-labeller.sh',
    examples: [{ image: 'quay.io/kubevirt/virt-launcher:v1.3.0', command: ['/bin/sh', '-c'], args: ['node-labeller.sh'], need: 'none' }],
  },
  {
    names: ['init-osm-controller'],
    effect: kubeApi('creates the default MeshConfig in --osm-namespace'),
    summary: 'Open Service Mesh controller\'s init: creates the osm-mesh-config MeshConfig through the API server unless it exists.',
    source: 'openservicemesh/osm:cmd/init-osm-controller/init-osm-controller.go',
    examples: [{ image: 'openservicemesh/init-osm-controller:v1.2.0', command: ['/init-osm-controller'], args: ['--verbosity', 'info', '--osm-namespace', 'osm-system'], need: 'required', dest: KUBE }],
  },
  {
    names: ['signoz-schema-migrator'],
    effect: signozMigrations('DSN'),
    summary: 'SigNoz\'s ClickHouse schema migrator: `sync` and `async` open the ClickHouse DSN given by --dsn and apply the migrations.',
    source: 'SigNoz/signoz-otel-collector:cmd/signozschemamigrator/main.go',
    examples: [{ command: ['signoz-schema-migrator', 'sync', '--dsn=tcp://signoz-clickhouse:9000', '--up='], need: 'required', dest: 'signoz-clickhouse:9000' }],
  },
  {
    // run.sh is a common name: only the schema migrator's image means this one.
    names: ['run.sh'],
    imageOnly: true,
    images: [{ repo: 'signoz/signoz-schema-migrator', entrypoint: ['/run.sh'], cmd: ['all'] }],
    effect: signozMigrations('DEFAULT_CLICKHOUSE_DSN', 'tcp://localhost:9000'),
    summary: 'SigNoz schema migrator image\'s entrypoint: runs signoz-schema-migrator sync and/or async with the given arguments, else `--dsn tcp://localhost:9000` (DEFAULT_CLICKHOUSE_DSN).',
    source: 'SigNoz/signoz-otel-collector:cmd/signozschemamigrator/run.sh',
    examples: [
      { image: 'docker.io/signoz/signoz-schema-migrator:v0.111.5', args: ['sync', '--dsn=tcp://my-release-clickhouse:9000', '--up='], need: 'required', dest: 'my-release-clickhouse:9000' },
      { image: 'docker.io/signoz/signoz-schema-migrator:v0.111.5', env: { DEFAULT_CLICKHOUSE_DSN: 'tcp://clickhouse:9000' }, need: 'required', dest: 'clickhouse:9000' },
    ],
  },
  {
    names: ['eks-pod-identity-agent'],
    needsRoot: true,
    effect: {
      template: 'subcommands',
      cases: { initialize: { template: 'local' } },
      default: { template: 'opaque', why: 'the agent server exchanges service account tokens with the EKS Auth API' },
    },
    summary: 'EKS Pod Identity Agent; `initialize` (the init container) adds a dummy link with the link-local agent addresses and its routes on the host.',
    source: 'aws/eks-pod-identity-agent:cmd/init.go',
    examples: [{ image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/eks-pod-identity-agent:0.1.10', command: ['/go-runner', '/eks-pod-identity-agent', 'initialize'], need: 'none' }],
  },
  {
    // Image-only: the MongoDB operators' init images copy their launcher scripts, probes and tools into /opt/scripts.
    names: [],
    images: [
      ...['enterprise-init-database', 'enterprise-init-database-ubi', 'kubernetes-init-database', 'enterprise-init-appdb', 'enterprise-init-appdb-ubi', 'kubernetes-init-appdb'].map((repo) =>
        copyImage(repo, '/scripts/agent-launcher.sh', '/scripts/agent-launcher-lib.sh', '/probes/readinessprobe', '/probes/probe.sh', '/tools', '/opt/scripts/')),
      ...['enterprise-init-ops-manager', 'enterprise-init-ops-manager-ubi', 'kubernetes-init-ops-manager'].map((repo) =>
        copyImage(repo, '/scripts/docker-entry-point.sh', '/scripts/mmsconfiguration', '/opt/scripts/')),
    ],
    effect: { template: 'local' },
    summary: 'MongoDB Enterprise / Kubernetes operator init images: the ENTRYPOINT copies the agent launcher, probes and database tools (or the Ops Manager scripts) into the shared scripts volume.',
    source: 'mongodb/mongodb-kubernetes:docker/mongodb-kubernetes-init-database/Dockerfile',
    examples: [
      { image: 'quay.io/mongodb/mongodb-enterprise-init-database-ubi:1.0.19', need: 'none' },
      { image: 'quay.io/mongodb/mongodb-kubernetes-init-ops-manager:1.1.0', need: 'none' },
    ],
  },
  {
    // init.sh is a common name: only the Blob CSI driver's image means this one (csi-blob-node's install-blobfuse-proxy).
    names: ['init.sh'],
    imageOnly: true,
    needsRoot: true,
    images: [{ repo: 'blob-csi' }],
    effect: {
      template: 'value',
      from: { env: ['INSTALL_BLOBFUSE2'] },
      cases: { true: blobfuseApt },
      default: { template: 'value', from: { env: ['INSTALL_BLOBFUSE'], default: 'true' }, cases: { false: { template: 'local' } }, default: blobfuseApt },
    },
    summary: 'Azure Blob CSI driver\'s install-blobfuse-proxy: with INSTALL_BLOBFUSE (default true) or INSTALL_BLOBFUSE2 it adds the Microsoft repository and apt-installs blobfuse on the host (nsenter into its mount namespace); then copies blobfuse-proxy and its systemd unit.',
    source: 'kubernetes-sigs/blob-csi-driver:pkg/blobfuse-proxy/init.sh',
    examples: [
      { image: 'mcr.microsoft.com/oss/kubernetes-csi/blob-csi:v1.24.2', command: ['/blobfuse-proxy/init.sh'], env: { INSTALL_BLOBFUSE: 'false', INSTALL_BLOBFUSE2: 'true', BLOBFUSE2_VERSION: '2.3.0' }, need: 'required', dest: 'packages.microsoft.com:443' },
      { image: 'mcr.microsoft.com/oss/kubernetes-csi/blob-csi:v1.21.4', command: ['/blobfuse-proxy/init.sh'], env: { INSTALL_BLOBFUSE: 'false', BLOBFUSE_VERSION: '1.4.4' }, need: 'none' },
    ],
  },
  {
    names: ['redpanda-operator'],
    effect: {
      template: 'subcommands',
      cases: {
        envsubst: { template: 'local' },
        bootstrap: { template: 'flags', cases: [{ has: ['--enable-cloud-secrets'], then: { template: 'connect', url: { flags: ['--cloud-secrets-azure-key-vault-uri'] }, what: 'expands secret references from the cloud secret store (AWS, GCP or Azure)' } }], default: { template: 'local' } },
        // Node lookups only for rack awareness, or external connectivity without a subdomain.
        configurator: {
          template: 'value',
          from: { env: ['RACK_AWARENESS'] },
          cases: { true: redpandaNode },
          default: { template: 'value', from: { env: ['EXTERNAL_CONNECTIVITY'] }, cases: { true: { template: 'value', from: { env: ['EXTERNAL_CONNECTIVITY_SUBDOMAIN'] }, cases: { '': redpandaNode }, default: { template: 'local' } } }, default: { template: 'local' } },
        },
      },
      default: { template: 'opaque', why: 'the operator, its sidecar or another controller' },
    },
    summary: 'Redpanda operator binary (the chart\'s sidecar image): `bootstrap` and `envsubst` template .bootstrap.yaml from env (cloud secret stores only with --enable-cloud-secrets); `configurator` reads the Node for rack awareness or external addresses.',
    source: 'redpanda-data/redpanda-operator:operator/cmd/bootstrap/bootstrap.go',
    examples: [
      { image: 'docker.redpanda.com/redpandadata/redpanda-operator:v25.1.3', command: ['/redpanda-operator', 'bootstrap', '--in-dir', '/tmp/base-config', '--out-dir', '/tmp/config'], need: 'none' },
      { command: ['/redpanda-operator', 'envsubst', '/tmp/base-config/bootstrap.yaml', '--output', '/tmp/config/.bootstrap.yaml'], need: 'none' },
      { command: ['/redpanda-operator', 'configurator'], env: { RACK_AWARENESS: 'true', EXTERNAL_CONNECTIVITY: 'false' }, need: 'required', dest: KUBE },
    ],
  },
  {
    // `gateway` is a common name: only NGINX Gateway Fabric's image means this one.
    names: ['gateway'],
    imageOnly: true,
    images: [{ repo: 'nginx-gateway-fabric', entrypoint: ['/usr/bin/gateway'] }],
    effect: {
      template: 'subcommands',
      cases: {
        initialize: { template: 'local' },
        copy: { template: 'local' },
        sleep: { template: 'local' },
        'generate-certs': kubeApi('creates or updates the control-plane and data-plane TLS Secrets'),
      },
      default: { template: 'opaque', why: 'the control plane or the endpoint picker serves' },
    },
    summary: 'NGINX Gateway Fabric binary: `copy` (1.x) and `initialize` (the data plane\'s init container) copy the agent and include files into emptyDirs and, for NGINX Plus, writes the deployment context from POD_UID and CLUSTER_UID env; `generate-certs` writes Secrets.',
    source: 'nginx/nginx-gateway-fabric:cmd/gateway/initialize.go',
    examples: [
      { image: 'ghcr.io/nginx/nginx-gateway-fabric:2.2.1', command: ['/usr/bin/gateway', 'initialize', '--source', '/agent/nginx-agent.conf', '--destination', '/etc/nginx-agent', '--source', '/includes/main.conf', '--destination', '/etc/nginx/main-includes'], need: 'none' },
      { image: 'ghcr.io/nginxinc/nginx-gateway-fabric:1.4.0', command: ['/usr/bin/gateway', 'copy', '--source', '/includes/main.conf', '--destination', '/etc/nginx/main-includes/main.conf'], need: 'none' },
      { image: 'ghcr.io/nginx/nginx-gateway-fabric:2.2.1', args: ['generate-certs', '--service', 'ngf-nginx-gateway-fabric', '--cluster-domain', 'cluster.local'], need: 'required', dest: KUBE },
    ],
  },
  {
    names: ['init-tls-certs'],
    effect: { template: 'local' },
    summary: 'StackRox (RHACS) sensor\'s init-tls-certs: waits until the legacy certificate files appear in the mounted Secret and copies them to the certificate directory.',
    source: 'stackrox/stackrox:sensor/init-tls-certs/main.go',
    examples: [{ image: 'quay.io/stackrox-io/main:4.6.0', command: ['/stackrox/bin/init-tls-certs'], args: ['--legacy=/run/secrets/stackrox.io/certs-legacy/', '--new=/run/secrets/stackrox.io/certs-new/', '--destination=/run/secrets/stackrox.io/certs/'], need: 'none' }],
  },
  {
    // entrypoint.sh is a common name: only the Aerospike operator's init image means this one (it runs akoinit).
    names: ['entrypoint.sh', 'akoinit'],
    imageOnly: true,
    needsRoot: true,
    images: [{ repo: 'aerospike/aerospike-kubernetes-init', entrypoint: ['/workdir/bin/entrypoint.sh'] }],
    effect: kubeApi('reads its AerospikeCluster and Pod, then records the initialised volumes in the cluster status'),
    summary: 'Aerospike Kubernetes Operator\'s init container: akoinit copies the config templates, renders aerospike.conf, initialises the storage devices and updates the AerospikeCluster status through the API server.',
    source: 'aerospike/aerospike-kubernetes-init:pkg/initialize.go',
    examples: [{ image: 'docker.io/aerospike/aerospike-kubernetes-init:2.2.4', need: 'required', dest: KUBE }],
  },
  {
    names: ['odiglet'],
    needsRoot: true,
    effect: {
      template: 'subcommands',
      cases: { init: kubeApi('labels its Node (and records NodeDetails) to prepare it for instrumentation') },
      default: { template: 'opaque', why: 'the node agent serves OpAMP and runs the eBPF instrumentation' },
    },
    summary: 'Odigos node agent; `init` (the DaemonSet\'s init container) copies the instrumentation agents to the host and prepares its Node through the API server.',
    source: 'odigos-io/odigos:odiglet/odiglet.go',
    examples: [{ image: 'registry.odigos.io/odigos-odiglet:v1.0.200', command: ['/root/odiglet'], args: ['init'], need: 'required', dest: KUBE }],
  },
  {
    // entry.sh is a common name: only LINBIT's DRBD module loader images mean this one (Piraeus' drbd-module-loader).
    names: ['entry.sh'],
    imageOnly: true,
    needsRoot: true,
    images: DRBD_DISTS.map((dist) => ({ repo: `drbd9-${dist}`, entrypoint: ['/entry.sh'] })),
    effect: {
      template: 'value',
      from: { env: ['LB_HOW'] },
      cases: { compile: { template: 'local' }, shipped_modules: { template: 'local' }, deps_only: { template: 'local' }, repo_file: LINBIT_PACKAGES, node_hash: LINBIT_PACKAGES },
      default: { template: 'flags', cases: [{ env: ['LB_HASH'], then: LINBIT_PACKAGES }], default: { template: 'local' } },
    },
    summary: 'DRBD kernel module loader: builds the module from the bundled source against the host\'s headers (compile), or loads shipped modules; only the repo_file/node_hash methods (LB_HASH) download packages from packages.linbit.com.',
    source: 'LINBIT/drbd:docker/entry.sh',
    examples: [
      { image: 'quay.io/piraeusdatastore/drbd9-jammy:v9.2.12', env: { LB_HOW: 'compile' }, need: 'none' },
      { image: 'quay.io/piraeusdatastore/drbd9-noble:v9.2.12', env: { LB_HASH: 'abc123', LB_DIST: 'noble' }, need: 'required', dest: 'packages.linbit.com:443' },
    ],
  },
  {
    names: ['stash'],
    images: ['stashed/stash', 'appscode/stash'].map((repo) => ({ repo, entrypoint: ['/stash'] })),
    effect: {
      template: 'subcommands',
      cases: { version: { template: 'local' } },
      default: { template: 'kube-api', server: { flags: ['--master'] }, what: 'reads its RestoreSession or BackupConfiguration, then runs restic against the backend' },
    },
    summary: 'Stash by AppsCode: `restore` (the stash-init container), `backup` and the other subcommands build a client from --master/--kubeconfig or the in-cluster config, read their session objects, then move data with restic.',
    source: 'stashed/stash:pkg/cmds/restore.go',
    examples: [{ image: 'stashed/stash:v0.34.0', args: ['restore', '--restore-session=sample-restore', '--secret-dir=/etc/stash/repository/secret', '--enable-cache=true'], need: 'required', dest: KUBE }],
  },
  {
    names: ['spegel'],
    images: [{ repo: 'spegel-org/spegel', entrypoint: ['./spegel'] }, { repo: 'xenitab/spegel', entrypoint: ['./spegel'] }],
    effect: {
      template: 'subcommands',
      cases: {
        configuration: { template: 'local' },
        cleanup: { template: 'local' },
        'cleanup-wait': { template: 'connect', url: { flags: ['--probe-endpoint'], env: ['PROBE_ENDPOINT'] }, what: 'probes the cleanup pods until they report done' },
      },
      default: { template: 'opaque', why: 'the registry mirror serves and finds its peers (bootstrap by the API server, DNS or HTTP)' },
    },
    summary: 'Spegel P2P registry mirror; `configuration` (the DaemonSet\'s init container) writes containerd hosts.toml mirror files for the listed registries; `cleanup-wait` probes --probe-endpoint.',
    source: 'spegel-org/spegel:main.go',
    examples: [{ image: 'ghcr.io/spegel-org/spegel:v0.0.28', args: ['configuration', '--log-level=INFO', '--containerd-registry-config-path=/etc/containerd/certs.d', '--mirror-registries', 'http://$(NODE_IP):30020', '--resolve-tags=true'], need: 'none' }],
  },
  {
    names: ['teleport'],
    effect: {
      template: 'subcommands',
      cases: {
        'wait no-resolve': { template: 'dns', host: { positional: 0 }, what: 'polls until the old auth Service name stops resolving' },
        'wait duration': { template: 'local' },
        configure: { template: 'local' },
      },
      default: { template: 'opaque', why: 'a Teleport service that joins its cluster' },
    },
    summary: 'Teleport binary; the teleport-cluster chart\'s wait-auth-update init runs `teleport wait no-resolve <auth service>`: DNS lookups until the name no longer resolves.',
    source: 'gravitational/teleport:tool/teleport/common/wait.go',
    examples: [
      { image: 'public.ecr.aws/gravitational/teleport-distroless:17.0.1', command: ['teleport', 'wait', 'no-resolve', 'teleport-auth-v16.teleport.svc.cluster.local'], need: 'required', dest: 'dns:teleport-auth-v16.teleport.svc.cluster.local' },
      { command: ['teleport', 'wait', 'duration', '30s'], need: 'none' },
    ],
  },
  {
    names: ['aws-s3-csi-driver-install', 'install-mp'],
    needsRoot: true,
    effect: { template: 'local' },
    summary: 'Mountpoint for Amazon S3 CSI driver\'s install-mountpoint init: copies the files of MOUNTPOINT_BIN_DIR (mount-s3) into MOUNTPOINT_INSTALL_DIR on the host.',
    source: 'awslabs/mountpoint-s3-csi-driver:cmd/install-mp/main.go',
    examples: [{ image: 'public.ecr.aws/mountpoint-s3-csi-driver/aws-mountpoint-s3-csi-driver:v1.14.1', command: ['/bin/aws-s3-csi-driver-install'], env: { MOUNTPOINT_BIN_DIR: '/mountpoint-s3/bin', MOUNTPOINT_INSTALL_DIR: '/target' }, need: 'none' }],
  },
  {
    names: ['drbd-shutdown-guard'],
    needsRoot: true,
    images: [{ repo: 'piraeusdatastore/drbd-shutdown-guard', cmd: ['/usr/local/sbin/drbd-shutdown-guard', 'install'] }],
    effect: { template: 'local' },
    summary: 'Piraeus satellite\'s drbd-shutdown-guard: `install` copies itself and drbdsetup to /run/drbd-shutdown-guard, writes a runtime systemd unit and starts it through systemctl (D-Bus); `execute` runs drbdsetup at shutdown.',
    source: 'piraeusdatastore/drbd-shutdown-guard:main.go',
    examples: [{ image: 'quay.io/piraeusdatastore/drbd-shutdown-guard:v1.0.0', need: 'none' }],
  },
  {
    names: ['kubelet-plugin-prestart.sh'],
    effect: { template: 'local' },
    summary: 'NVIDIA DRA GPU driver\'s kubelet-plugin init: links /driver-root to NVIDIA_DRIVER_ROOT and loops until nvidia-smi and libnvidia-ml are found there and nvidia-smi succeeds.',
    source: 'NVIDIA/k8s-dra-driver-gpu:hack/kubelet-plugin-prestart.sh',
    examples: [{ image: 'nvcr.io/nvidia/k8s-dra-driver-gpu:v25.8.0', command: ['bash', '/usr/bin/kubelet-plugin-prestart.sh'], env: { NVIDIA_DRIVER_ROOT: '/run/nvidia/driver' }, need: 'none' }],
  },
  {
    names: ['stackgres-cluster-controller.sh'],
    images: [{ repo: 'stackgres/cluster-controller', cmd: ['/app/stackgres-cluster-controller.sh'] }],
    effect: kubeApi('reads its SGCluster and Pod and reconciles the instance\'s configuration'),
    summary: 'StackGres cluster controller (the Patroni pod\'s cluster-reconciliation-cycle init, COMMAND=run-reconciliation-cycle): one reconciliation cycle of the SGCluster through the API server.',
    source: 'ongres/stackgres:stackgres-k8s/src/cluster-controller/src/main/docker/Dockerfile.jvm',
    examples: [{ image: 'quay.io/stackgres/cluster-controller:1.14.0', env: { COMMAND: 'run-reconciliation-cycle' }, need: 'required', dest: KUBE }],
  },
  {
    names: ['headlamp-plugin'],
    effect: {
      template: 'subcommands',
      cases: {
        install: ARTIFACT_HUB,
        update: ARTIFACT_HUB,
        list: { template: 'local' },
        uninstall: { template: 'local' },
      },
      default: { template: 'opaque', why: 'plugin development commands (create, build, start) run npm' },
      valued: ['--config', '--folder'],
    },
    summary: 'Headlamp\'s plugin tool: `install` and `update` fetch the plugin\'s metadata from the Artifact Hub API and download its archive (a URL, or every plugin of --config); `list` and `uninstall` work on the plugins folder.',
    source: 'kubernetes-sigs/headlamp:plugins/headlamp-plugin/bin/headlamp-plugin.js',
    examples: [
      { command: ['sh', '-c', 'npm install -g @kinvolk/headlamp-plugin && headlamp-plugin install --config /config/plugin.yml --folder /headlamp/plugins'], need: 'required', dest: 'registry.npmjs.org:443' },
      { command: ['headlamp-plugin', 'install', 'https://artifacthub.io/packages/headlamp/headlamp-plugins/headlamp_flux'], need: 'required', dest: 'artifacthub.io:443' },
      { command: ['headlamp-plugin', 'install', '--config', '/config/plugin.yml', '--folder', '/headlamp/plugins'], need: 'required', dest: 'artifacthub.io:443' },
      { command: ['headlamp-plugin', 'list', '--folder', '/headlamp/plugins'], need: 'none' },
    ],
  },
  {
    names: ['apisix'],
    effect: {
      template: 'subcommands',
      cases: {
        init: { template: 'local' },
        test: { template: 'local' },
        stop: { template: 'local' },
        quit: { template: 'local' },
        reload: { template: 'local' },
        init_etcd: { template: 'opaque', why: 'writes the initial keys to the etcd hosts of conf/config.yaml (deployment.etcd.host)' },
      },
      default: { template: 'opaque', why: 'starts the gateway (and runs init_etcd against the etcd hosts of conf/config.yaml unless the role is data_plane)' },
    },
    summary: 'Apache APISIX CLI: `init` validates conf/config.yaml and renders nginx.conf (reading /etc/resolv.conf, running `openresty -v`); `init_etcd` and `start` write to the etcd hosts the config file names.',
    source: 'apache/apisix:apisix/cli/ops.lua',
    examples: [
      { image: 'docker.io/bitnami/apisix:3.13.0-debian-12-r4', command: ['bash', '-ec', 'cp -r /usr/local/apisix/conf/. /tmp/conf/ && apisix init'], need: 'none' },
      { command: ['apisix', 'init_etcd'], need: 'either' },
    ],
  },
]
