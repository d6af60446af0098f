// Programs and images that application Helm charts and vendor install bundles run in init containers
// (mined in session 3: see /work/notes/mining-s3.md), each decided from its own source: chart helper
// scripts, images whose entrypoint does the work, and the applications' own setup commands.
import type { EffectSpec, ProgramEntry } from '../types.js'

const local: EffectSpec = { template: 'local' }

/** Images whose entrypoint is an /install.sh that only copies files the image carries into a shared volume. */
const copyInstaller = (repo: string): ProgramEntry['images'] => [{ repo, entrypoint: ['/install.sh'] }]

export const CHARTS: ProgramEntry[] = [
  // ── peer-discovery installers: copy peer-finder and its scripts, the lookup happens later ─────────
  {
    names: ['install.sh'],
    imageOnly: true,
    images: copyInstaller('nacos/nacos-peer-finder-plugin'),
    effect: local,
    summary: 'Nacos\' peer-finder plugin image: its /install.sh copies peer-finder and the on-start/on-change scripts into the mounted plugin directory.',
    source: 'nacos-group/nacos-k8s:plugin/install.sh',
    examples: [{ image: 'nacos/nacos-peer-finder-plugin:1.1', need: 'none' }],
  },
  {
    names: ['install.sh'],
    imageOnly: true,
    images: copyInstaller('unguiculus/mongodb-install'),
    effect: local,
    summary: 'The stable/mongodb-replicaset chart\'s install image: /install.sh copies peer-finder and the replica-set scripts into --work-dir.',
    source: 'helm/charts:stable/mongodb-replicaset/install/install.sh',
    examples: [{ image: 'unguiculus/mongodb-install:0.7', args: ['--work-dir=/work-dir'], need: 'none' }],
  },
  // ── configuration generators ───────────────────────────────────────────────────────────────────
  {
    names: ['timescaledb-tune'],
    effect: local,
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
      cases: { generate: local, migrate_config: local },
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
    effect: { template: 'flags', cases: [{ has: ['--start'], then: { template: 'opaque', why: 'then starts the Synapse homeserver (/start.py)' } }], default: local },
    summary: 'Rocket.Chat chart\'s Synapse helper: splices the extra config into homeserver.yaml with awk and sed; only `--start` goes on to run the homeserver.',
    source: 'RocketChat/helm-charts:rocketchat/templates/scripts-configmap.yaml',
    examples: [{ command: ['bash', '/scripts/updateSynapseHomeserverConfig.sh'], need: 'none' }],
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
