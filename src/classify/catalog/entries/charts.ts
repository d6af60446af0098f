// Programs and images that application Helm charts and vendor install bundles run in init containers
// (mined in session 3: see /work/notes/mining-s3.md), each decided from its own source: chart helper
// scripts, images whose entrypoint does the work, and the applications' own setup commands.
import type { EffectSpec, ProgramEntry } from '../types.js'
import { LOCAL } from './shared.js'

/** An entrypoint's final `exec "$@"`: its arguments are the command. */
const RUN_ARGS: EffectSpec = { template: 'run', valued: [] }

/** MaxMind's GeoIP database download: GEOIPUPDATE_HOST (a URL or a bare host) or updates.maxmind.com. */
const GEOIP: EffectSpec = { template: 'connect', url: { env: ['GEOIPUPDATE_HOST'], default: 'https://updates.maxmind.com' }, address: { env: ['GEOIPUPDATE_HOST'] }, port: { default: '443' }, what: 'downloads GeoIP databases', explains: true }

/** A kopia backend reached at a host given by a flag (or the backend's public endpoint). */
const kopiaBackend = (flags: string[], fallback: string, port: string): EffectSpec => ({ template: 'connect', host: { flags, default: fallback }, port: { flags: ['--port'], default: port }, what: 'opens the repository' })
const KOPIA_REPO: Record<string, EffectSpec> = {
  filesystem: LOCAL,
  s3: kopiaBackend(['--endpoint'], 's3.amazonaws.com', '443'),
  gcs: kopiaBackend([], 'storage.googleapis.com', '443'),
  b2: kopiaBackend([], 'api.backblazeb2.com', '443'),
  sftp: kopiaBackend(['--host'], '', '22'),
  webdav: { template: 'connect', url: { flags: ['--url'] }, what: 'opens the repository' },
  server: { template: 'connect', url: { flags: ['--url'] }, what: 'opens the repository server' },
}

/** Images whose entrypoint is an /install.sh that only copies files the image carries into a shared volume. */
const copyInstaller = (repo: string): ProgramEntry['images'] => [{ repo, entrypoint: ['/install.sh'] }]

export const CHARTS = (): ProgramEntry[] => [
  // ── peer-discovery installers: copy peer-finder and its scripts, the lookup happens later ─────────
  {
    names: ['install.sh'],
    imageOnly: true,
    images: copyInstaller('nacos/nacos-peer-finder-plugin'),
    effect: LOCAL,
    summary: 'Nacos\' peer-finder plugin image: its /install.sh copies peer-finder and the on-start/on-change scripts into the mounted plugin directory.',
    source: 'nacos-group/nacos-k8s:plugin/install.sh',
    examples: [{ image: 'nacos/nacos-peer-finder-plugin:1.1', need: 'none' }],
  },
  {
    names: ['install.sh'],
    imageOnly: true,
    images: copyInstaller('unguiculus/mongodb-install'),
    effect: LOCAL,
    summary: 'The stable/mongodb-replicaset chart\'s install image: /install.sh copies peer-finder and the replica-set scripts into --work-dir.',
    source: 'helm/charts:stable/mongodb-replicaset/install/install.sh',
    examples: [{ image: 'unguiculus/mongodb-install:0.7', args: ['--work-dir=/work-dir'], need: 'none' }],
  },
  {
    names: ['docker-entrypoint.sh'],
    imageOnly: true,
    images: [{ repo: 'networktocode/nautobot', entrypoint: ['/docker-entrypoint.sh'] }, { repo: 'nautobot/nautobot', entrypoint: ['/docker-entrypoint.sh'] }],
    effect: {
      template: 'value',
      from: { env: ['NAUTOBOT_DOCKER_SKIP_INIT'], default: 'false' },
      cases: { true: RUN_ARGS, True: RUN_ARGS, TRUE: RUN_ARGS },
      default: {
        template: 'all',
        // nautobot/nautobot:nautobot/core/settings.py: NAUTOBOT_DB_HOST defaults to localhost, the port to the engine's (PostgreSQL).
        of: [{ template: 'connect', host: { env: ['NAUTOBOT_DB_HOST'], default: 'localhost' }, port: { env: ['NAUTOBOT_DB_PORT'], default: '5432' }, what: 'runs `nautobot-server post_upgrade` (database migrations) until the database answers', explains: true }, RUN_ARGS],
      },
    },
    summary: 'Nautobot image\'s /docker-entrypoint.sh: unless NAUTOBOT_DOCKER_SKIP_INIT is true it migrates the database (`nautobot-server post_upgrade`, retried), then checks the deployment and execs its arguments.',
    source: 'nautobot/nautobot:docker/docker-entrypoint.sh',
    examples: [
      { image: 'networktocode/nautobot:3.0-py3.13', args: ['echo', 'Nautobot Initialization Done'], env: { NAUTOBOT_DB_HOST: 'nautobot-postgresql', NAUTOBOT_DB_PORT: '5432' }, need: 'required', dest: 'nautobot-postgresql:5432' },
      { image: 'ghcr.io/nautobot/nautobot:2.4', args: ['echo', 'done'], env: { NAUTOBOT_DOCKER_SKIP_INIT: 'true' }, need: 'none' },
    ],
  },
  // ── configuration generators ───────────────────────────────────────────────────────────────────
  {
    names: ['timescaledb-tune'],
    effect: LOCAL,
    summary: 'TimescaleDB\'s tuner: reads the CPU and memory it is given and rewrites postgresql.conf; no socket.',
    source: 'timescale/timescaledb-tune:cmd/timescaledb-tune/main.go',
    examples: [{ command: ['sh', '-c', 'timescaledb-tune -quiet -conf-path "$TSTUNE_FILE" -cpus 2 -memory 4096MB -yes'], need: 'none' }],
  },
  {
    names: ['start.py'],
    imageOnly: true,
    images: [{ repo: 'matrixdotorg/synapse', entrypoint: ['/start.py'] }],
    effect: {
      template: 'subcommands',
      cases: { generate: LOCAL, migrate_config: LOCAL },
      default: { template: 'opaque', why: 'starts the Synapse homeserver, whose database and federation peers come from homeserver.yaml' },
    },
    summary: 'The Synapse image\'s /start.py: `generate` and `migrate_config` render homeserver.yaml, the log config and keys into /data; anything else starts the homeserver.',
    source: 'matrix-org/synapse:docker/start.py',
    examples: [
      { image: 'matrixdotorg/synapse:v1.84.1', command: ['/start.py', 'generate'], need: 'none' },
      { image: 'matrixdotorg/synapse:v1.84.1', need: 'either' },
    ],
  },
  {
    names: ['updateSynapseHomeserverConfig.sh'],
    effect: { template: 'flags', cases: [{ has: ['--start'], then: { template: 'opaque', why: 'then starts the Synapse homeserver (/start.py)' } }], default: LOCAL },
    summary: 'Rocket.Chat chart\'s Synapse helper: splices the extra config into homeserver.yaml with awk and sed; only `--start` goes on to run the homeserver.',
    source: 'RocketChat/helm-charts:rocketchat/templates/scripts-configmap.yaml',
    examples: [{ command: ['bash', '/scripts/updateSynapseHomeserverConfig.sh'], need: 'none' }],
  },
  // ── downloads and repositories ───────────────────────────────────────────────────────────────────
  {
    names: ['geoipupdate'],
    effect: GEOIP,
    summary: 'MaxMind\'s updater: downloads the GeoIP/GeoLite databases from updates.maxmind.com (or GEOIPUPDATE_HOST) into a volume.',
    source: 'maxmind/geoipupdate:internal/geoipupdate/config.go',
    // getsentry/self-hosted and sentry-kubernetes/charts run it before the relay and web containers
    examples: [{ command: ['geoipupdate', '-d', '/usr/share/GeoIP'], need: 'required', dest: 'updates.maxmind.com:443' }],
  },
  {
    names: ['entry.sh'],
    imageOnly: true,
    // Docker Hub publishes the same image as maxmindinc/geoipupdate (the project's README).
    images: [{ repo: 'maxmind/geoipupdate', entrypoint: ['/usr/bin/entry.sh'] }, { repo: 'maxmindinc/geoipupdate', entrypoint: ['/usr/bin/entry.sh'] }],
    effect: GEOIP,
    summary: 'The geoipupdate image\'s entry.sh: writes the config from env and runs geoipupdate once (or every GEOIPUPDATE_FREQUENCY hours).',
    source: 'maxmind/geoipupdate:docker/entry.sh',
    examples: [
      { image: 'ghcr.io/maxmind/geoipupdate:v7.1.0', env: { GEOIPUPDATE_HOST: 'updates.maxmind.com' }, need: 'required', dest: 'updates.maxmind.com:443' },
      { image: 'docker.io/maxmindinc/geoipupdate:latest', need: 'required', dest: 'updates.maxmind.com:443' },
    ],
  },
  {
    names: ['restic'],
    effect: { rule: 'restic' },
    summary: 'restic backups: a repository on a path or `local:` stays in the pod; `rest:`, `sftp:`, `s3:`, `b2:`, `gs:`, `azure:` repositories are reached over the network.',
    source: 'restic/restic:internal/backend/location/registry.go',
    examples: [
      { command: ['restic', '-r', 's3:minio.backup.svc:9000/bucket', 'snapshots'], need: 'required', dest: 'minio.backup.svc:9000' },
      { command: ['restic', 'restore', 'latest', '--target', '/data'], env: { RESTIC_REPOSITORY: 'rest:http://restic-server:8000/app' }, need: 'required', dest: 'restic-server:8000' },
      { command: ['restic', '-r', '/backup/repo', 'init'], need: 'none' },
    ],
  },
  {
    names: ['kopia'],
    images: [{ repo: 'kopia/kopia', entrypoint: ['/bin/kopia'] }],
    effect: {
      template: 'subcommands',
      cases: Object.fromEntries(Object.entries(KOPIA_REPO).flatMap(([backend, effect]) => [[`repository create ${backend}`, effect], [`repository connect ${backend}`, effect]])),
      default: { template: 'opaque', why: 'uses the repository its config file connects to' },
      valued: ['--config-file', '--password', '--bucket', '--prefix', '--path', '--container', '--storage-account', '--region'],
    },
    summary: 'kopia: `repository create|connect <backend>` opens a filesystem (local) or remote store (S3 endpoint, GCS, B2, SFTP, WebDAV, a kopia server); other commands use the repository in the config file.',
    source: 'kopia/kopia:cli/storage_s3.go',
    examples: [
      { command: ['kopia', 'repository', 'connect', 's3', '--bucket=backups', '--endpoint=minio:9000'], need: 'required', dest: 'minio:9000' },
      { command: ['kopia', 'repository', 'create', 'filesystem', '--path=/repo'], need: 'none' },
    ],
  },
  {
    names: ['trivy'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['--server'], then: { template: 'connect', url: { flags: ['--server'] }, what: 'asks the Trivy server' } },
        { has: ['--skip-db-update', '--offline-scan'], then: LOCAL },
      ],
      default: { rule: 'ociRegistry', params: { flags: ['--db-repository'], default: 'mirror.gcr.io/aquasec/trivy-db' } },
    },
    summary: 'Trivy: a scan (or `--download-db-only`, trivy-operator\'s init container) first downloads the vulnerability DB from an OCI registry; with --server it asks a Trivy server; --skip-db-update stays local.',
    source: 'aquasecurity/trivy-operator:pkg/plugins/trivy/filesystem.go',
    examples: [
      { command: ['trivy'], args: ['--cache-dir', '/var/trivyoperator/trivy-db', 'image', '--download-db-only', '--db-repository', 'mirror.gcr.io/aquasec/trivy-db'], need: 'required', dest: 'mirror.gcr.io:443' },
      { command: ['trivy', 'fs', '--skip-db-update', '--cache-dir', '/cache', '/app'], need: 'none' },
    ],
  },
  // ── waiters and one-shot helpers ───────────────────────────────────────────────────────────────
  {
    names: ['wait-for'],
    imageOnly: true,
    images: [{ repo: 'patrickdappollonio/wait-for', entrypoint: ['/wait-for'] }],
    effect: { template: 'connect', url: { flags: ['--host', '-s'] }, address: { flags: ['--host', '-s'] }, what: 'waits for the host to accept connections' },
    summary: 'patrickdappollonio/wait-for: waits until every `--host`/`-s` (host:port, or an http/postgres/mysql URL) accepts connections.',
    source: 'patrickdappollonio/wait-for:app.go',
    examples: [{ image: 'ghcr.io/patrickdappollonio/wait-for:v2', args: ['--host', 'postgres.db.svc:5432', '--timeout', '60s'], need: 'required', dest: 'postgres.db.svc:5432' }],
  },
  {
    names: ['entrypoint.sh'],
    imageOnly: true,
    images: [{ repo: 'home-operations/postgres-init', entrypoint: ['/usr/bin/catatonit', '--', '/entrypoint.sh'] }, { repo: 'onedr0p/postgres-init', entrypoint: ['/usr/bin/catatonit', '--', '/entrypoint.sh'] }],
    effect: { template: 'connect', host: { env: ['INIT_POSTGRES_HOST'] }, port: { env: ['INIT_POSTGRES_PORT'], default: '5432' }, what: 'waits for Postgres and creates the role and database', explains: true },
    summary: 'postgres-init image: waits for INIT_POSTGRES_HOST with pg_isready, then creates the application role and database with psql.',
    source: 'home-operations/containers:apps/postgres-init/entrypoint.sh',
    examples: [{ image: 'ghcr.io/home-operations/postgres-init:17', env: { INIT_POSTGRES_HOST: 'postgres-rw.database.svc.cluster.local', INIT_POSTGRES_DBNAME: 'app' }, need: 'required', dest: 'postgres-rw.database.svc.cluster.local:5432' }],
  },
  {
    names: ['catatonit'],
    effect: { template: 'run', valued: [] },
    summary: 'A minimal init (PID 1) that runs the command after its options and `--`.',
    source: 'openSUSE/catatonit:catatonit.c',
    examples: [{ command: ['/usr/bin/catatonit', '--', 'pg_isready', '-h', 'db'], need: 'required', dest: 'db:5432' }],
  },
  {
    names: ['prometheus-config-reloader'],
    images: [{ repo: 'prometheus-operator/prometheus-config-reloader', entrypoint: ['/bin/prometheus-config-reloader'] }],
    effect: {
      template: 'value',
      from: { flags: ['--watch-interval'] },
      cases: { '0': LOCAL, '0s': LOCAL },
      default: { template: 'connect', url: { flags: ['--reload-url'], default: 'http://127.0.0.1:9090/-/reload' }, what: 'asks the server next to it to reload' },
    },
    summary: 'prometheus-operator\'s config reloader: with --watch-interval=0 (the init container) it renders the config once and exits; as a sidecar it calls the reload URL on loopback.',
    source: 'prometheus-operator/prometheus-operator:cmd/prometheus-config-reloader/main.go',
    examples: [
      { image: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.80.0', args: ['--watch-interval=0', '--listen-address=:8081', '--config-file=/etc/prometheus/config/prometheus.yaml.gz', '--config-envsubst-file=/etc/prometheus/config_out/prometheus.env.yaml'], need: 'none' },
      { command: ['/bin/prometheus-config-reloader', '--reload-url=http://127.0.0.1:9090/-/reload'], need: 'none' },
    ],
  },
  {
    names: ['acme-secret-sync.py'],
    images: [{ repo: 'jupyterhub/k8s-secret-sync', entrypoint: ['/tini', '--', '/usr/local/bin/acme-secret-sync.py'] }],
    effect: { template: 'kube-api', what: 'reads (load) or writes (watch-save) the TLS Secret' },
    summary: 'JupyterHub\'s secret-sync: `load` copies acme.json out of a Kubernetes Secret before Traefik starts; `watch-save` writes it back. Both through the API server.',
    source: 'jupyterhub/zero-to-jupyterhub-k8s:images/secret-sync/acme-secret-sync.py',
    examples: [{ image: 'quay.io/jupyterhub/k8s-secret-sync:4.1.0', args: ['load', 'proxy-public-tls-acme', 'acme.json', '/etc/acme/acme.json'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' }],
  },
  // ── network plumbing ───────────────────────────────────────────────────────────────────────────
  {
    names: ['client_init.sh'],
    needsRoot: true,
    effect: { template: 'dns', host: { env: ['GATEWAY_NAME'] }, what: 'looks up the gateway with dig, then routes through a VXLAN (UDP) to it' },
    summary: 'pod-gateway client init (injected by its admission webhook): replaces the default route, resolves the gateway pod with dig, sets up a VXLAN and DHCP over it. No TCP.',
    source: 'angelnu/pod-gateway:bin/client_init.sh',
    examples: [{ command: ['/bin/client_init.sh'], env: { GATEWAY_NAME: 'vpn-gateway-pod-gateway.vpn.svc.cluster.local' }, need: 'required', dest: 'dns:vpn-gateway-pod-gateway.vpn.svc.cluster.local' }],
  },
  {
    names: ['firewall-init.sh'],
    needsRoot: true,
    effect: { template: 'dns', host: { env: ['SANDBOX_PROXY_HOST'] }, what: 'resolves the egress proxy with getent (an IP is used as is), then installs iptables rules that drop all other egress' },
    summary: 'Onyx sandbox init: installs the proxy CA with update-ca-certificates, resolves SANDBOX_PROXY_HOST (getent ahostsv4) and locks egress down to it with iptables/ip6tables; it inspects the rules rather than probing the network.',
    source: 'onyx-dot-app/onyx:backend/onyx/server/features/build/sandbox/image/firewall-init.sh',
    examples: [
      { command: ['/workspace/firewall-init.sh'], env: { SANDBOX_PROXY_HOST: 'onyx-sandbox-proxy.onyx.svc.cluster.local', SANDBOX_PROXY_PORT: '8080', SANDBOX_PROXY_BOOTSTRAP_MODE: 'initcontainer' }, need: 'required', dest: 'dns:onyx-sandbox-proxy.onyx.svc.cluster.local' },
      { command: ['/workspace/firewall-init.sh'], env: { SANDBOX_PROXY_HOST: '10.96.12.7', SANDBOX_PROXY_PORT: '8080', SANDBOX_PROXY_BOOTSTRAP_MODE: 'initcontainer' }, need: 'none' },
    ],
  },
  {
    names: ['gateway_init.sh'],
    needsRoot: true,
    effect: LOCAL,
    summary: 'pod-gateway gateway init: enables forwarding, creates the VXLAN and the NAT rules with ip, sysctl and iptables.',
    source: 'angelnu/pod-gateway:bin/gateway_init.sh',
    examples: [{ command: ['/bin/gateway_init.sh'], need: 'none' }],
  },
  {
    names: ['socat'],
    images: [{ repo: 'alpine/socat', entrypoint: ['socat'] }],
    effect: { rule: 'socat' },
    summary: 'socat relays between two addresses: a TCP/OpenSSL address connects, a UDP one only resolves; listeners and files stay in the pod.',
    source: 'man 1 socat',
    examples: [
      { command: ['socat', '-u', 'TCP:db:5432', 'STDOUT'], need: 'required', dest: 'db:5432' },
      { command: ['socat', 'TCP-LISTEN:8080,fork', 'UNIX-CONNECT:/run/app.sock'], need: 'none' },
    ],
  },
  {
    names: ['mount'],
    needsRoot: true,
    commonName: true,
    effect: {
      template: 'value',
      from: { flags: ['-t', '--types'] },
      cases: {
        nfs: { template: 'connect', port: { default: '2049' }, what: 'mounts an NFS export (the kernel connects from the pod)' },
        nfs4: { template: 'connect', port: { default: '2049' }, what: 'mounts an NFS export (the kernel connects from the pod)' },
        cifs: { template: 'connect', port: { default: '445' }, what: 'mounts an SMB share' },
      },
      default: LOCAL,
    },
    summary: 'mount: bind, tmpfs, bpf and block mounts are local; NFS and SMB mounts connect to their server from the pod.',
    source: 'man 8 mount',
    examples: [{ command: ['mount', '-t', 'bpf', 'bpffs', '/sys/fs/bpf'], need: 'none' }, { command: ['mount', '-t', 'nfs', 'nas:/export', '/mnt'], need: 'required', dest: '?:2049' }],
  },
  {
    names: ['kustomize'],
    effect: { rule: 'gomplate' },
    summary: 'kustomize renders manifests from local files; a remote base given as a URL is downloaded.',
    source: 'kubernetes-sigs/kustomize:kustomize/commands/build/build.go',
    examples: [{ command: ['sh', '-c', 'kustomize build /manifests > /out/all.yaml'], need: 'none' }, { command: ['kustomize', 'build', 'https://github.com/acme/deploy//base?ref=v1'], need: 'required', dest: 'github.com:443' }],
  },
  // ── JVM tools run as `java -jar` ─────────────────────────────────────────────────────────────────
  {
    names: ['keycloak-config-cli'],
    images: [{ repo: 'adorsys/keycloak-config-cli', entrypoint: ['java', '-jar', '/app/keycloak-config-cli.jar'] }],
    effect: { template: 'connect', url: { flags: ['--keycloak.url'], env: ['KEYCLOAK_URL'] }, what: 'imports realms through the Keycloak admin API' },
    summary: 'Imports realm configuration through the Keycloak admin REST API at --keycloak.url / KEYCLOAK_URL.',
    source: 'adorsys/keycloak-config-cli:README.md',
    examples: [
      { command: ['java', '-jar', '/opt/bitnami/keycloak-config-cli/keycloak-config-cli.jar'], env: { KEYCLOAK_URL: 'http://keycloak:8080/' }, need: 'required', dest: 'keycloak:8080' },
      { image: 'adorsys/keycloak-config-cli:6.1.6-26.0.5', args: ['--keycloak.url=http://keycloak-http:80', '--import.files.locations=/config/*'], need: 'required', dest: 'keycloak-http:80' },
    ],
  },
]
