// Admin, cert, bootstrap, init and migrate subcommands of server CLIs, and the tools application
// charts run in init containers. Each effect is decided from the program's own source (cited).
import type { EffectSpec, ProgramEntry, ValueFrom } from '../types.js'
import { LOCAL } from './shared.js'

/** influxd 1.x backup/restore talk to the server's RPC bind address (influxdata/influxdb:cmd/influxd/backup/backup.go@1.8). */
const INFLUXD_RPC: EffectSpec = { template: 'connect', address: { flags: ['-host', '--host'], default: 'localhost:8088' }, what: 'asks the InfluxDB RPC service' }

// Kafka's admin tools all reach the cluster through --bootstrap-server (KRaft tools also accept
// --bootstrap-controller); apache/kafka:bin/*.sh exec kafka-run-class.sh with the tool's class.
const KAFKA_BOOTSTRAP: ValueFrom = { flags: ['--bootstrap-server', '--bootstrap-controller', '--broker-list'] }
const KAFKA_ADMIN: EffectSpec = { template: 'connect', address: KAFKA_BOOTSTRAP, what: 'calls the Kafka admin API', explains: true }

function kafkaTool(script: string, className: string, summary: string, args: string[]): ProgramEntry {
  return {
    names: [`${script}.sh`, script],
    effect: KAFKA_ADMIN,
    summary,
    source: `apache/kafka:bin/${script}.sh (${className})`,
    examples: [{ command: [`${script}.sh`, '--bootstrap-server', 'kafka:9092', ...args], need: 'required', dest: 'kafka:9092' }],
  }
}

// nats-io/natscli:nats/main.go: --server/-s, env NATS_URL; unset, the selected context names the server
// (`nats context save … --select` earlier in a script), so no loopback default is assumed.
const NATS_SERVER: ValueFrom = { flags: ['-s', '--server'], env: ['NATS_URL'] }
// hashicorp/nomad:api/api.go DefaultConfig: NOMAD_ADDR or -address, default http://127.0.0.1:4646.
const NOMAD_ADDR: ValueFrom = { flags: ['-address'], env: ['NOMAD_ADDR'], default: 'http://127.0.0.1:4646' }
// hashicorp/boundary:api/client.go: BOUNDARY_ADDR or -addr, default http://127.0.0.1:9200.
const BOUNDARY_ADDR: ValueFrom = { flags: ['-addr'], env: ['BOUNDARY_ADDR'], default: 'http://127.0.0.1:9200' }
// openbao/openbao:api/client.go: BAO_ADDR or -address, default https://127.0.0.1:8200.
const BAO_ADDR: ValueFrom = { flags: ['-address'], env: ['BAO_ADDR'], default: 'https://127.0.0.1:8200' }

// Ory servers read their database from a positional URL or, with -e, the DSN env var
// (ory/hydra:cmd/migrate_sql.go `sql [database_url]`, --read-from-env).
const ORY_DSN: ValueFrom = { positional: 0, env: ['DSN'] }
const ORY_MIGRATE: EffectSpec = { template: 'connect', url: ORY_DSN, what: 'migrates the SQL database named by the DSN', explains: true }
const ORY_SERVE: EffectSpec = { template: 'opaque', why: 'runs the server, whose database and upstreams come from its configuration' }
// ory/hydra:cmd/cliclient: admin commands take -e/--endpoint, else ORY_SDK_URL.
const ORY_ENDPOINT = (env: string): ValueFrom => ({ flags: ['-e', '--endpoint'], env: ['ORY_SDK_URL', env] })

// Temporal's schema tools and the Cadence ones they were forked from: --endpoint/--ep and --port/-p, each
// also read from env vars that differ per tool (temporalio/temporal:tools/sql/main.go, uber/cadence:tools/sql/main.go).
function schemaTool(hostEnv: string[], portEnv: string[], port: string, what: string): EffectSpec {
  return { template: 'connect', host: { flags: ['--endpoint', '--ep'], env: hostEnv, default: '127.0.0.1' }, port: { flags: ['--port', '-p'], env: portEnv, default: port }, what }
}
/** `--version`/`-v` at the top only prints (the SQL tools; the Cassandra tools' `-v` is setup-schema's version). */
const printsVersion = (spec: EffectSpec): EffectSpec => ({ template: 'flags', cases: [{ has: ['--version', '-v'], then: LOCAL }], default: spec })

// libpq clients: -h/--host and -p/--port, else PGHOST/PGPORT; unset, libpq uses the Unix socket
// (`localhost` stands for it here: in the pod either way). postgres/postgres:src/interfaces/libpq/fe-connect.c
const PG_CONNECT: EffectSpec = {
  template: 'connect',
  host: { flags: ['-h', '--host'], env: ['PGHOST'], default: 'localhost' },
  port: { flags: ['-p', '--port'], env: ['PGPORT'], default: '5432' },
  what: 'connects to PostgreSQL',
}

function pgClient(name: string, path: string, summary: string, args: string[]): ProgramEntry {
  return {
    names: [name],
    effect: PG_CONNECT,
    summary,
    source: `postgres/postgres:${path}`,
    examples: [
      { command: [name, '-h', 'postgres', '-U', 'postgres', ...args], need: 'required', dest: 'postgres:5432' },
      { command: [name, ...args], need: 'none' },
    ],
  }
}

function pgLocal(name: string, path: string, summary: string, args: string[]): ProgramEntry {
  return { names: [name], effect: LOCAL, summary, source: `postgres/postgres:${path}`, examples: [{ command: [name, ...args], need: 'none' }] }
}

// Barman's cloud clients always read or write an object store (S3, Azure Blob, GCS); the source
// URL names a bucket, not a host, so only --endpoint-url gives the destination
// (EnterpriseDB/barman:barman/clients/cloud_cli.py).
const BARMAN_CLOUD: EffectSpec = { template: 'connect', url: { flags: ['--endpoint-url'] }, what: 'reads or writes the cloud object store' }

function barmanCloud(name: string, module: string, summary: string, args: string[]): ProgramEntry {
  return {
    names: [name],
    effect: BARMAN_CLOUD,
    summary,
    source: `EnterpriseDB/barman:barman/clients/${module}.py`,
    examples: [
      { command: [name, ...args], need: 'required' },
      { command: [name, '--endpoint-url', 'http://minio:9000', ...args], need: 'required', dest: 'minio:9000' },
    ],
  }
}

// Pgpool-II's PCP clients: -h (unset: the Unix socket) and -p, default 9898
// (pgpool/pgpool2:src/tools/pcp/pcp_frontend_client.c).
const PCP_CONNECT: EffectSpec = {
  template: 'connect',
  host: { flags: ['-h', '--host'], default: 'localhost' },
  port: { flags: ['-p', '--port'], default: '9898' },
  what: 'calls the Pgpool-II PCP port',
  explains: true,
}

function pcpTool(name: string, summary: string, args: string[]): ProgramEntry {
  return {
    names: [name],
    effect: PCP_CONNECT,
    summary,
    source: 'pgpool/pgpool2:src/tools/pcp/pcp_frontend_client.c',
    examples: [
      { command: [name, '-h', 'pgpool', '-p', '9898', '-U', 'admin', '-w', ...args], need: 'required', dest: 'pgpool:9898' },
      { command: [name, '-U', 'admin', '-w', ...args], need: 'none' },
    ],
  }
}

// MySQL and MariaDB clients: -h/--host and -P/--port, else MYSQL_HOST/MYSQL_TCP_PORT; unset, the
// client library uses the Unix socket (`localhost`). mysql/mysql-server:libmysql/libmysql.cc
const MYSQL_CONNECT: EffectSpec = {
  template: 'connect',
  host: { flags: ['-h', '--host'], env: ['MYSQL_HOST'], default: 'localhost' },
  port: { flags: ['-P', '--port'], env: ['MYSQL_TCP_PORT'], default: '3306' },
  what: 'connects to MySQL',
}

function mysqlClient(names: string[], source: string, summary: string, args: string[]): ProgramEntry {
  return {
    names,
    effect: MYSQL_CONNECT,
    summary,
    source,
    examples: [
      { command: [names[0]!, '-h', 'mysql', '-uroot', ...args], need: 'required', dest: 'mysql:3306' },
      { command: [names[0]!, '-uroot', ...args], need: 'none' },
    ],
  }
}

// mysqlbinlog reads binlog files unless told to read from a server.
const BINLOG: EffectSpec = { template: 'flags', cases: [{ has: ['-R', '--read-from-remote-server', '--read-from-remote-master', '--read-from-remote-source'], then: MYSQL_CONNECT }], default: LOCAL }
// xtrabackup/mariabackup: --backup connects to the running server (by default its socket);
// --prepare, --copy-back and --move-back only touch files.
const HOT_BACKUP: EffectSpec = { template: 'flags', cases: [{ has: ['--backup'], then: MYSQL_CONNECT }], default: LOCAL }

// Elasticsearch's security CLIs call the local node: the URL flag, else the node's own publish address
// and http.port from elasticsearch.yml (the pod's IP or 127.0.0.1, so in the pod either way)
// (elastic/elasticsearch:x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/security/CommandLineHttpClient.java getDefaultURL).
// setup-passwords spells it -u/--url; reset-password and create-enrollment-token use -u for the user.
const esNode = (flags: string[]): EffectSpec => ({ template: 'connect', url: { flags, default: 'http://localhost:9200' }, what: 'calls the Elasticsearch node', explains: true })

function esTool(name: string, effect: EffectSpec, summary: string, examples: ProgramEntry['examples']): ProgramEntry {
  return { names: [name], effect, summary, source: `elastic/elasticsearch:x-pack/plugin/security/src/main/bin/${name}`, examples }
}

// RabbitMQ's CLI tools reach a node over Erlang distribution (epmd 4369, then the node's
// distribution port): -n/--node or RABBITMQ_NODENAME names it; unset it is rabbit@<this host>, the pod's own node
// (rabbitmq/rabbitmq-server:deps/rabbitmq_cli/lib/rabbitmq/cli/core/distribution.ex).
const RABBIT_NODE: EffectSpec = {
  template: 'flags',
  cases: [{ has: ['-n', '--node'], env: ['RABBITMQ_NODENAME'], then: { template: 'connect', what: 'contacts the named RabbitMQ node over Erlang distribution (epmd 4369)' } }],
  default: { template: 'loopback', what: 'contacts the pod\'s own RabbitMQ node' },
}

function rabbitTool(name: string, dir: string, summary: string, args: string[], local?: Record<string, EffectSpec>): ProgramEntry {
  return {
    names: [name],
    effect: local ? { template: 'subcommands', valued: ['-n', '--node', '-q', '-t', '--timeout'], cases: local, default: RABBIT_NODE } : RABBIT_NODE,
    summary,
    source: `rabbitmq/rabbitmq-server:deps/rabbitmq_cli/lib/rabbitmq/cli/${dir}`,
    examples: [
      { command: [name, ...args], need: 'none' },
      { command: [name, '-n', 'rabbit@rabbitmq-0.rabbitmq-headless', ...args], need: 'required' },
    ],
  }
}

// MongoDB Database Tools: --uri, else --host/-h and --port, else localhost:27017
// (mongodb/mongo-tools:common/options/options.go).
const MONGO_TOOL: EffectSpec = {
  template: 'connect',
  url: { flags: ['--uri'] },
  host: { flags: ['--host', '-h'], default: 'localhost' },
  port: { flags: ['--port'], default: '27017' },
  what: 'connects to MongoDB',
}

function mongoTool(name: string, summary: string, args: string[]): ProgramEntry {
  return {
    names: [name],
    effect: MONGO_TOOL,
    summary,
    source: `mongodb/mongo-tools:${name}/options.go`,
    examples: [
      { command: [name, '--uri', 'mongodb://root:secret@mongodb:27017/app?authSource=admin', ...args], need: 'required', dest: 'mongodb:27017' },
      { command: [name, '--host', 'mongodb-0.mongodb-headless', ...args], need: 'required', dest: 'mongodb-0.mongodb-headless:27017' },
    ],
  }
}

// Redis-protocol CLIs: -u URI, else -h (default 127.0.0.1) and -p (default 6379); --cluster
// subcommands contact the node addresses given as arguments (valkey-io/valkey:src/valkey-cli.c).
const REDIS_CLI: EffectSpec = {
  template: 'flags',
  cases: [
    { has: ['-u'], then: { template: 'connect', url: { flags: ['-u'] }, what: 'connects to the server' } },
    { has: ['-h'], then: { template: 'connect', host: { flags: ['-h'] }, port: { flags: ['-p'], default: '6379' }, what: 'connects to the server' } },
    { has: ['--cluster'], then: { template: 'connect', what: 'contacts the cluster nodes given as arguments' } },
    { has: ['-v', '--version'], then: LOCAL },
  ],
  default: { template: 'connect', host: { default: '127.0.0.1' }, port: { flags: ['-p'], default: '6379' }, what: 'connects to the local server' },
}

// cockroachdb/cockroach:pkg/cli/cliflags/flags.go: --url (COCKROACH_URL), else --host (COCKROACH_HOST,
// host[:port]) and --port (COCKROACH_PORT), default localhost:26257.
const COCKROACH_SERVER: EffectSpec = {
  template: 'connect',
  url: { flags: ['--url'], env: ['COCKROACH_URL'] },
  host: { flags: ['--host'], env: ['COCKROACH_HOST'], default: 'localhost' },
  port: { flags: ['--port', '-p'], env: ['COCKROACH_PORT'], default: '26257' },
  what: 'connects to a CockroachDB node',
}
// Altinity/clickhouse-backup:pkg/config/config.go: CLICKHOUSE_HOST/CLICKHOUSE_PORT, default localhost:9000.
const CLICKHOUSE_LOCAL_SERVER: EffectSpec = { template: 'connect', host: { env: ['CLICKHOUSE_HOST'], default: 'localhost' }, port: { env: ['CLICKHOUSE_PORT'], default: '9000' }, what: 'talks to the ClickHouse server', explains: true }
const CLICKHOUSE_REMOTE_STORAGE: EffectSpec = { template: 'connect', url: { env: ['S3_ENDPOINT', 'GCS_ENDPOINT', 'AZBLOB_ENDPOINT_SUFFIX', 'FTP_ADDRESS', 'SFTP_ADDRESS'] }, what: 'moves backups to or from the remote storage in its configuration', explains: true }

// Web applications' own CLIs reach the database their configuration file names (wp-config.php,
// settings.php, config.php, app.ini, superset_config.py): a connection the spec does not name, so
// the evidence says so (explains).
const APP_DB = (what: string): EffectSpec => ({ template: 'connect', what, explains: true })

// grafana/grafana:pkg/cmd/grafana-cli/commands/commands.go: plugin commands download from --repo
// (GF_PLUGIN_REPO), default https://grafana.com/api/plugins; admin commands open grafana.ini's database.
const GRAFANA_REPO: EffectSpec = { template: 'connect', url: { flags: ['--pluginUrl', '--repo'], env: ['GF_PLUGIN_URL', 'GF_PLUGIN_REPO'], default: 'https://grafana.com/api/plugins' }, what: 'downloads from the plugin repository', explains: true }
const GRAFANA_CLI: EffectSpec = {
  template: 'subcommands',
  valued: ['--homepath', '--config', '--pluginsDir', '--repo', '--pluginUrl'],
  cases: {
    'plugins install': GRAFANA_REPO,
    'plugins update': GRAFANA_REPO,
    'plugins update-all': GRAFANA_REPO,
    'plugins list-remote': GRAFANA_REPO,
    admin: { template: 'opaque', why: 'opens the database grafana.ini names (the default sqlite3 is a local file)' },
  },
  default: LOCAL,
}
// Zitadel reads its database from ZITADEL_DATABASE_POSTGRES_HOST/PORT (or the config file).
const ZITADEL_DB: EffectSpec = { template: 'connect', host: { env: ['ZITADEL_DATABASE_POSTGRES_HOST', 'ZITADEL_DATABASE_COCKROACH_HOST'] }, port: { env: ['ZITADEL_DATABASE_POSTGRES_PORT', 'ZITADEL_DATABASE_COCKROACH_PORT'] }, what: 'initialises or migrates the Zitadel database', explains: true }

// The clickhouse multi-call binary and its clickhouse-<tool> links: the client and keeper client
// connect (--host, default localhost), the local engine and the formatter only touch files
// (ClickHouse/ClickHouse:programs/main.cpp).
const CLICKHOUSE_CLIENT: EffectSpec = { template: 'connect', host: { flags: ['--host', '-h'], default: 'localhost' }, port: { flags: ['--port'], default: '9000' }, what: 'connects to ClickHouse' }
const CLICKHOUSE_KEEPER_CLIENT: EffectSpec = { template: 'connect', host: { flags: ['--host', '-h'], default: 'localhost' }, port: { flags: ['--port', '-p'], default: '9181' }, what: 'connects to ClickHouse Keeper' }

function sstableTool(name: string, file: string, summary: string, args: string[]): ProgramEntry {
  return { names: [name], effect: LOCAL, summary, source: `apache/cassandra:src/java/org/apache/cassandra/tools/${file}`, examples: [{ command: [name, ...args], need: 'none' }] }
}

function debianPgCluster(name: string, summary: string, args: string[]): ProgramEntry {
  return { names: [name], effect: LOCAL, summary, source: `man 1 ${name}`, examples: [{ command: [name, ...args], need: 'none' }] }
}

// Keycloak's database: --db-url (KC_DB_URL), else --db-url-host/--db-url-port
// (keycloak/keycloak:quarkus/runtime/src/main/java/org/keycloak/quarkus/runtime/configuration/mappers/DatabasePropertyMappers.java).
const KC_DB: EffectSpec = { template: 'connect', url: { flags: ['--db-url'], env: ['KC_DB_URL'] }, host: { flags: ['--db-url-host'], env: ['KC_DB_URL_HOST'] }, port: { flags: ['--db-url-port'], env: ['KC_DB_URL_PORT'] }, what: 'uses the Keycloak database', explains: true }
const GITEA_INTERNAL: EffectSpec = { template: 'loopback', what: 'calls the running server\'s internal API (LOCAL_ROOT_URL)', explains: true }
const WORDPRESS_ORG: EffectSpec = { template: 'connect', url: { default: 'https://downloads.wordpress.org' }, what: 'downloads from wordpress.org', explains: true }
const PG_AUTOCTL_MONITOR: EffectSpec = { template: 'connect', url: { flags: ['--monitor'], env: ['PG_AUTOCTL_MONITOR'] }, what: 'registers the node with the monitor' }
const KETO_WRITE: EffectSpec = { template: 'connect', address: { flags: ['--write-remote'], env: ['KETO_WRITE_REMOTE'], default: '127.0.0.1:4467' }, what: 'writes relation tuples over gRPC' }
const RUBYGEMS: EffectSpec = { template: 'connect', url: { default: 'https://rubygems.org' }, what: 'resolves plugin gems from rubygems.org' }
const RPK_ADMIN: EffectSpec = { template: 'connect', what: 'calls the Redpanda admin API (-X admin.hosts, RPK_ADMIN_HOSTS or the profile)', explains: true }

const SOLR_ZK: EffectSpec = { template: 'connect', address: { flags: ['-z', '--zk-host', '-zkHost'], env: ['ZK_HOST'] }, what: 'reads or writes ZooKeeper' }

export const CLIS = (): ProgramEntry[] => [
  {
    names: ['nats'],
    effect: {
      template: 'subcommands',
      valued: ['-s', '--server', '--context', '--creds', '--user', '--password', '--tlscert', '--tlskey', '--tlsca', '--timeout'],
      cases: {
        context: LOCAL,
        'server passwd': LOCAL,
        'server mkpasswd': LOCAL,
        auth: LOCAL,
        schema: LOCAL,
        completion: LOCAL,
      },
      default: { template: 'connect', url: NATS_SERVER, what: 'connects to the NATS server' },
    },
    summary: 'NATS CLI: publishes, subscribes and manages streams on a NATS server; `context`, `auth` and `server passwd` only touch local files.',
    source: 'nats-io/natscli:nats/main.go',
    examples: [
      { command: ['nats', '-s', 'nats://nats:4222', 'stream', 'add', 'ORDERS', '--subjects', 'orders.*'], need: 'required', dest: 'nats:4222' },
      { command: ['nats', 'context', 'save', 'local', '--server', 'nats://nats:4222'], need: 'none' },
      { command: ['nats', 'server', 'passwd', '-p', 'secret'], need: 'none' },
    ],
  },
  {
    names: ['nsc'],
    effect: {
      template: 'subcommands',
      cases: {
        push: { template: 'connect', url: { flags: ['-u', '--account-jwt-server-url', '--system-account'] }, what: 'pushes account JWTs to the account server' },
        pull: { template: 'connect', url: { flags: ['-u', '--account-jwt-server-url'] }, what: 'pulls JWTs from the account server' },
        tool: { template: 'connect', url: { flags: ['--nats'], env: ['NATS_URL'] }, what: 'publishes or subscribes on NATS' },
      },
      default: LOCAL,
    },
    summary: 'NATS account and key manager: edits the local JWT/nkey store; `push`, `pull` and `tool` reach a server.',
    source: 'nats-io/nsc:cmd/push.go',
    examples: [
      { command: ['nsc', 'add', 'operator', '--generate-signing-key', '--sys', '--name', 'local'], need: 'none' },
      { command: ['nsc', 'generate', 'config', '--nats-resolver', '--config-file', '/etc/nats/resolver.conf'], need: 'none' },
      { command: ['nsc', 'push', '-A', '-u', 'nats://nats:4222'], need: 'required', dest: 'nats:4222' },
    ],
  },
  {
    names: ['nomad'],
    // hashicorp/nomad:Dockerfile: /docker-entrypoint.sh runs `nomad "$@"`, CMD ["help"].
    images: [{ repo: 'hashicorp/nomad', entrypoint: ['nomad'], cmd: ['help'] }],
    effect: {
      template: 'subcommands',
      valued: ['-address', '-region', '-namespace', '-token', '-ca-cert', '-client-cert', '-client-key'],
      cases: {
        version: LOCAL,
        help: LOCAL,
        fmt: LOCAL,
        'config validate': LOCAL,
        'job init': LOCAL,
        init: LOCAL,
        'node pool init': LOCAL,
        tls: LOCAL,
        'operator gossip keyring generate': LOCAL,
        'operator keygen': LOCAL,
        'operator raft info': LOCAL,
        'operator raft logs': LOCAL,
        'operator raft state': LOCAL,
        'operator snapshot inspect': LOCAL,
        'operator snapshot state': LOCAL,
        'operator snapshot redact': LOCAL,
        agent: { template: 'opaque', why: 'runs a Nomad agent, whose peers come from its configuration' },
      },
      default: { template: 'connect', url: NOMAD_ADDR, what: 'calls the Nomad HTTP API', explains: true },
    },
    summary: 'Nomad CLI: job, ACL and operator commands call the Nomad API; `tls`, `operator keygen`, `job init` and `fmt` only write or read local files.',
    source: 'hashicorp/nomad:command/commands.go',
    examples: [
      { command: ['nomad', 'acl', 'bootstrap'], env: { NOMAD_ADDR: 'http://nomad-server:4646' }, need: 'required', dest: 'nomad-server:4646' },
      { command: ['nomad', 'tls', 'cert', 'create', '-server', '-region', 'global'], need: 'none' },
      { command: ['nomad', 'job', 'status'], need: 'none' },
    ],
  },
  {
    names: ['boundary'],
    // hashicorp/boundary:Dockerfile: docker-entrypoint.sh runs `boundary "$@"`.
    images: [{ repo: 'hashicorp/boundary', entrypoint: ['boundary'], cmd: ['server', '-config', '/boundary/config.hcl'] }],
    effect: {
      template: 'subcommands',
      valued: ['-addr', '-token', '-config', '-format'],
      cases: {
        version: LOCAL,
        'config autocomplete': LOCAL,
        database: { template: 'connect', what: 'migrates the controller database named in the config file', explains: true },
        server: { template: 'opaque', why: 'runs a Boundary controller or worker, whose peers come from its configuration' },
        dev: LOCAL,
      },
      default: { template: 'connect', url: BOUNDARY_ADDR, what: 'calls the Boundary controller API', explains: true },
    },
    summary: 'Boundary CLI: `database init|migrate` connects to the controller database; resource commands call the controller API.',
    source: 'hashicorp/boundary:internal/cmd/commands.go',
    examples: [
      { command: ['boundary', 'database', 'init', '-config', '/boundary/boundary-config.hcl'], need: 'required' },
      { command: ['boundary', 'scopes', 'list'], env: { BOUNDARY_ADDR: 'http://boundary-controller:9200' }, need: 'required', dest: 'boundary-controller:9200' },
      { command: ['boundary', 'version'], need: 'none' },
    ],
  },
  {
    names: ['bao'],
    // openbao/openbao:Dockerfile: docker-entrypoint.sh runs `bao "$@"`.
    images: [{ repo: 'openbao/openbao', entrypoint: ['bao'], cmd: ['server', '-dev', '-dev-no-store-token'] }],
    effect: {
      template: 'subcommands',
      valued: ['-address', '-namespace', '-ca-cert', '-client-cert', '-client-key', '-format'],
      cases: {
        version: LOCAL,
        server: { template: 'opaque', why: 'runs the OpenBao server, whose storage and seal come from its configuration' },
        'operator migrate': { template: 'opaque', why: 'copies between the storage backends named in its configuration file' },
      },
      default: { template: 'connect', url: BAO_ADDR, what: 'calls the OpenBao API', explains: true },
    },
    summary: 'OpenBao CLI (a Vault fork): every client command, `operator init` and `operator unseal` included, calls the OpenBao API.',
    source: 'openbao/openbao:api/client.go',
    examples: [
      { command: ['bao', 'operator', 'init', '-key-shares=1', '-key-threshold=1'], env: { BAO_ADDR: 'http://openbao:8200' }, need: 'required', dest: 'openbao:8200' },
      { command: ['bao', 'status'], need: 'none' },
      { command: ['bao', 'version'], need: 'none' },
    ],
  },
  {
    names: ['cub'],
    effect: {
      template: 'subcommands',
      cases: {
        'zk-ready': { template: 'connect', address: { positional: 0 }, what: 'waits for ZooKeeper' },
        'kafka-ready': { template: 'connect', address: { flags: ['-b', '--bootstrap_broker_list', '-z', '--zookeeper_connect'] }, what: 'waits for the Kafka brokers' },
        'sr-ready': { template: 'connect', host: { positional: 0 }, port: { positional: 1 }, what: 'waits for Schema Registry' },
        'kr-ready': { template: 'connect', host: { positional: 0 }, port: { positional: 1 }, what: 'waits for the REST Proxy' },
        'connect-ready': { template: 'connect', host: { positional: 0 }, port: { positional: 1 }, what: 'waits for Kafka Connect' },
        'ksql-server-ready': { template: 'connect', host: { positional: 0 }, port: { positional: 1 }, what: 'waits for ksqlDB' },
        'control-center-ready': { template: 'connect', host: { positional: 0 }, port: { positional: 1 }, what: 'waits for Control Center' },
        'ensure-topic': { template: 'connect', what: 'creates topics on the brokers named in the client config file' },
        listeners: LOCAL,
      },
      default: LOCAL,
    },
    summary: 'Confluent utility belt in the cp-* images: readiness waits for ZooKeeper, Kafka and the Confluent services; `listeners` only rewrites a string.',
    source: 'confluentinc/confluent-docker-utils:confluent/docker_utils/cub.py',
    examples: [
      { command: ['cub', 'kafka-ready', '-b', 'kafka:9092', '1', '300'], need: 'required', dest: 'kafka:9092' },
      { command: ['cub', 'sr-ready', 'schema-registry', '8081', '120'], need: 'required', dest: 'schema-registry:8081' },
      { command: ['cub', 'listeners', 'PLAINTEXT://kafka-0.kafka:9092'], need: 'none' },
    ],
  },
  {
    names: ['kafka-storage.sh', 'kafka-storage'],
    effect: LOCAL,
    summary: 'Kafka KRaft storage tool: `format`, `info` and `random-uuid` write or read the local log directories.',
    source: 'apache/kafka:core/src/main/scala/kafka/tools/StorageTool.scala',
    examples: [
      { command: ['kafka-storage.sh', 'format', '-t', 'MkU3OEVBNTcwNTJENDM2Qk', '-c', '/opt/kafka/config/kraft/server.properties'], need: 'none' },
      { command: ['kafka-storage', 'random-uuid'], need: 'none' },
    ],
  },
  {
    names: ['kafka-dump-log.sh', 'kafka-dump-log'],
    effect: LOCAL,
    summary: 'Kafka log segment dumper: reads segment files on disk.',
    source: 'apache/kafka:core/src/main/scala/kafka/tools/DumpLogSegments.scala',
    examples: [{ command: ['kafka-dump-log.sh', '--files', '/var/lib/kafka/data/__cluster_metadata-0/00000000000000000000.log'], need: 'none' }],
  },
  {
    names: ['kafka-metadata-shell.sh', 'kafka-metadata-shell'],
    effect: LOCAL,
    summary: 'Kafka metadata shell: browses a KRaft metadata snapshot file.',
    source: 'apache/kafka:shell/src/main/java/org/apache/kafka/shell/MetadataShell.java',
    examples: [{ command: ['kafka-metadata-shell.sh', '--snapshot', '/var/lib/kafka/__cluster_metadata-0/00000000000000000000.log'], need: 'none' }],
  },
  kafkaTool('kafka-acls', 'kafka.admin.AclCommand', 'Kafka ACL admin: lists, adds and removes ACLs through the brokers.', ['--add', '--allow-principal', 'User:app', '--operation', 'Read', '--topic', 'orders']),
  kafkaTool('kafka-consumer-groups', 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', 'Kafka consumer group admin: describes groups and resets offsets through the brokers.', ['--describe', '--group', 'app']),
  kafkaTool('kafka-reassign-partitions', 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand', 'Kafka partition reassignment: generates, executes and verifies replica moves through the brokers.', ['--execute', '--reassignment-json-file', '/tmp/plan.json']),
  kafkaTool('kafka-features', 'org.apache.kafka.tools.FeatureCommand', 'Kafka feature flags: describes and upgrades metadata.version through the cluster.', ['describe']),
  kafkaTool('kafka-get-offsets', 'org.apache.kafka.tools.GetOffsetShell', 'Kafka offset reader: lists topic partition offsets from the brokers.', ['--topic', 'orders']),
  kafkaTool('kafka-leader-election', 'org.apache.kafka.tools.LeaderElectionCommand', 'Kafka leader election: triggers preferred or unclean elections through the brokers.', ['--election-type', 'preferred', '--all-topic-partitions']),
  kafkaTool('kafka-log-dirs', 'org.apache.kafka.tools.LogDirsCommand', 'Kafka log directory report: queries brokers for their log directories.', ['--describe']),
  kafkaTool('kafka-delete-records', 'org.apache.kafka.tools.DeleteRecordsCommand', 'Kafka record deletion: truncates partitions up to an offset through the brokers.', ['--offset-json-file', '/tmp/offsets.json']),
  kafkaTool('kafka-transactions', 'org.apache.kafka.tools.TransactionsCommand', 'Kafka transactions admin: lists and aborts transactions through the brokers.', ['list']),
  kafkaTool('kafka-cluster', 'org.apache.kafka.tools.ClusterTool', 'Kafka cluster tool: reads the cluster id and unregisters brokers through the cluster.', ['cluster-id']),
  kafkaTool('kafka-client-metrics', 'org.apache.kafka.tools.ClientMetricsCommand', 'Kafka client metrics admin: manages client metrics subscriptions through the brokers.', ['--list']),
  kafkaTool('kafka-delegation-tokens', 'org.apache.kafka.tools.DelegationTokenCommand', 'Kafka delegation tokens: creates and describes tokens through the brokers.', ['--describe']),
  kafkaTool('kafka-streams-application-reset', 'org.apache.kafka.tools.StreamsResetter', 'Kafka Streams reset: rewinds an application\'s input offsets and deletes its internal topics.', ['--application-id', 'app']),
  {
    names: ['kafka-producer-perf-test.sh', 'kafka-producer-perf-test'],
    effect: { template: 'connect', what: 'produces to the brokers named in --producer-props bootstrap.servers' },
    summary: 'Kafka producer benchmark: produces records to a topic on the brokers its producer properties name.',
    source: 'apache/kafka:tools/src/main/java/org/apache/kafka/tools/ProducerPerformance.java',
    examples: [{ command: ['kafka-producer-perf-test.sh', '--topic', 'perf', '--num-records', '1000', '--record-size', '100', '--throughput', '-1', '--producer-props', 'bootstrap.servers=kafka:9092'], need: 'required' }],
  },
  {
    names: ['kafka-metadata-quorum.sh', 'kafka-metadata-quorum'],
    effect: {
      template: 'subcommands',
      valued: ['--bootstrap-server', '--bootstrap-controller', '--command-config'],
      cases: { version: LOCAL },
      default: KAFKA_ADMIN,
    },
    summary: 'Kafka KRaft quorum tool: describes the controller quorum and adds or removes controllers through a broker or controller.',
    source: 'apache/kafka:tools/src/main/java/org/apache/kafka/tools/MetadataQuorumCommand.java',
    examples: [
      { command: ['kafka-metadata-quorum.sh', '--bootstrap-controller', 'kafka-controller-0.kafka-controller:9093', 'describe', '--status'], need: 'required', dest: 'kafka-controller-0.kafka-controller:9093' },
      { command: ['kafka-metadata-quorum.sh', '--bootstrap-server', 'kafka:9092', 'describe', '--replication'], need: 'required', dest: 'kafka:9092' },
    ],
  },
  {
    names: ['zookeeper-shell.sh', 'zookeeper-shell'],
    effect: { template: 'connect', address: { positional: 0 }, what: 'opens a ZooKeeper session' },
    summary: 'ZooKeeper shell bundled with Kafka: the first argument is the ensemble connect string.',
    source: 'apache/kafka:bin/zookeeper-shell.sh',
    examples: [
      { command: ['zookeeper-shell.sh', 'zookeeper:2181', 'ls', '/brokers/ids'], need: 'required', dest: 'zookeeper:2181' },
      { command: ['zookeeper-shell', 'localhost:2181', 'get', '/controller'], need: 'none' },
    ],
  },
  {
    names: ['hydra'],
    images: [{ repo: 'oryd/hydra', entrypoint: ['hydra'], cmd: ['serve', 'all'] }],
    effect: {
      template: 'subcommands',
      cases: {
        'migrate sql': ORY_MIGRATE,
        'migrate status': ORY_MIGRATE,
        janitor: { template: 'connect', url: ORY_DSN, what: 'deletes expired tokens from the SQL database', explains: true },
        serve: ORY_SERVE,
        version: LOCAL,
      },
      default: { template: 'connect', url: ORY_ENDPOINT('HYDRA_ADMIN_URL'), what: 'calls the Hydra admin API', explains: true },
    },
    summary: 'Ory Hydra: `migrate sql` and `janitor` connect to the SQL database from the DSN; client and JWK commands call the admin API.',
    source: 'ory/hydra:cmd/migrate_sql.go',
    examples: [
      { command: ['hydra', 'migrate', 'sql', '-e', '--yes'], env: { DSN: 'postgres://hydra:secret@postgres:5432/hydra?sslmode=disable' }, need: 'required', dest: 'postgres:5432' },
      { image: 'oryd/hydra:v2.2.0', args: ['create', 'client', '--endpoint', 'http://hydra-admin:4445', '--grant-type', 'client_credentials'], need: 'required', dest: 'hydra-admin:4445' },
    ],
  },
  {
    names: ['kratos'],
    images: [{ repo: 'oryd/kratos', entrypoint: ['kratos'], cmd: ['serve'] }],
    effect: {
      template: 'subcommands',
      cases: {
        'migrate sql': ORY_MIGRATE,
        'cleanup sql': { template: 'connect', url: ORY_DSN, what: 'deletes expired flows from the SQL database', explains: true },
        serve: ORY_SERVE,
        'courier watch': ORY_SERVE,
        hashers: LOCAL,
        jsonnet: LOCAL,
        version: LOCAL,
      },
      default: { template: 'connect', url: ORY_ENDPOINT('KRATOS_ADMIN_URL'), what: 'calls the Kratos admin API', explains: true },
    },
    summary: 'Ory Kratos: `migrate sql` connects to the SQL database from the DSN; identity commands call the admin API; `hashers` and `jsonnet` are local.',
    source: 'ory/kratos:cmd/migrate/sql.go',
    examples: [
      { image: 'oryd/kratos:v1.1.0', args: ['migrate', 'sql', '-e', '--yes', '--config', '/etc/config/kratos.yaml'], env: { DSN: 'postgres://kratos:secret@kratos-db:5432/kratos' }, need: 'required', dest: 'kratos-db:5432' },
      { command: ['kratos', 'identities', 'import', '/seed/users.json', '--endpoint', 'http://kratos-admin:4434'], need: 'required', dest: 'kratos-admin:4434' },
      { command: ['kratos', 'hashers', 'argon2', 'calibrate', '1s'], need: 'none' },
    ],
  },
  {
    names: ['keto'],
    images: [{ repo: 'oryd/keto', entrypoint: ['keto'], cmd: ['serve'] }],
    effect: {
      template: 'subcommands',
      cases: {
        migrate: { template: 'connect', url: { env: ['DSN'] }, what: 'migrates the SQL database named by the DSN', explains: true },
        serve: ORY_SERVE,
        'namespace validate': LOCAL,
        'relation-tuple parse': LOCAL,
        version: LOCAL,
        'relation-tuple create': KETO_WRITE,
        'relation-tuple delete': KETO_WRITE,
      },
      default: { template: 'connect', address: { flags: ['--read-remote'], env: ['KETO_READ_REMOTE'], default: '127.0.0.1:4466' }, what: 'queries the Keto read API over gRPC' },
    },
    summary: 'Ory Keto: `migrate up` connects to the SQL database from the DSN; tuple and check commands call the gRPC APIs (default 127.0.0.1).',
    source: 'ory/keto:cmd/client/grpc_client.go',
    examples: [
      { command: ['keto', 'migrate', 'up', '--yes'], env: { DSN: 'mysql://keto:secret@tcp(mysql:3306)/keto' }, need: 'required' },
      { command: ['keto', 'relation-tuple', 'create', '/tuples'], env: { KETO_WRITE_REMOTE: 'keto-write:4467' }, need: 'required', dest: 'keto-write:4467' },
      { command: ['keto', 'namespace', 'validate', '/etc/keto/namespaces.ts'], need: 'none' },
    ],
  },
  {
    names: ['oathkeeper'],
    images: [{ repo: 'oryd/oathkeeper', entrypoint: ['oathkeeper'], cmd: ['serve'] }],
    effect: {
      template: 'subcommands',
      cases: {
        'credentials generate': LOCAL,
        version: LOCAL,
        serve: ORY_SERVE,
      },
      default: { template: 'connect', url: { flags: ['-e', '--endpoint'] }, what: 'calls the Oathkeeper API', explains: true },
    },
    summary: 'Ory Oathkeeper: `credentials generate` writes a JSON Web Key Set locally; `health` and `rules` call the API endpoint.',
    source: 'ory/oathkeeper:cmd/credentials_generate.go',
    examples: [
      { image: 'oryd/oathkeeper:v0.40.6', args: ['credentials', 'generate', '--alg', 'RS256'], need: 'none' },
      { command: ['oathkeeper', 'health', 'ready', '--endpoint', 'http://oathkeeper-api:4456'], need: 'required', dest: 'oathkeeper-api:4456' },
    ],
  },
  {
    names: ['temporal-sql-tool'],
    effect: printsVersion(schemaTool(['SQL_HOST', 'MYSQL_SEEDS'], ['SQL_PORT', 'MYSQL_PORT'], '3306', 'creates or updates the Temporal SQL schema')),
    summary: 'Temporal SQL schema tool: `create-database`, `setup-schema` and `update-schema` run against MySQL or PostgreSQL.',
    source: 'temporalio/temporal:tools/sql/main.go',
    examples: [
      { command: ['temporal-sql-tool', '--plugin', 'postgres12', '--ep', 'postgres', '-p', '5432', '--db', 'temporal', 'create-database'], need: 'required', dest: 'postgres:5432' },
      { command: ['temporal-sql-tool', 'update-schema', '-d', '/etc/temporal/schema/mysql/v8/temporal/versioned'], env: { SQL_HOST: 'mysql', SQL_PORT: '3306' }, need: 'required', dest: 'mysql:3306' },
    ],
  },
  {
    names: ['temporal-cassandra-tool'],
    effect: schemaTool(['CASSANDRA_HOST', 'CASSANDRA_SEEDS'], ['CASSANDRA_PORT'], '9042', 'creates or updates the Temporal Cassandra keyspace'),
    summary: 'Temporal Cassandra schema tool: creates keyspaces and applies schema versions over CQL.',
    source: 'temporalio/temporal:tools/cassandra/main.go',
    examples: [
      { command: ['temporal-cassandra-tool', '--ep', 'cassandra', 'create', '-k', 'temporal', '--rf', '1'], need: 'required', dest: 'cassandra:9042' },
      { command: ['temporal-cassandra-tool', 'setup-schema', '-v', '0.0'], env: { CASSANDRA_HOST: 'cassandra.db', CASSANDRA_PORT: '9042' }, need: 'required', dest: 'cassandra.db:9042' },
    ],
  },
  {
    names: ['cadence-sql-tool'],
    effect: printsVersion(schemaTool(['SQL_HOST'], ['SQL_PORT'], '3306', 'creates or updates the Cadence SQL schema')),
    summary: 'Cadence SQL schema tool: `create-database`, `setup-schema` and `update-schema` run against MySQL or PostgreSQL at --ep / SQL_HOST (default 127.0.0.1:3306).',
    source: 'uber/cadence:tools/sql/main.go',
    examples: [{ command: ['cadence-sql-tool', '--ep', 'mysql', 'create', '--db', 'cadence'], need: 'required', dest: 'mysql:3306' }],
  },
  {
    names: ['cadence-cassandra-tool'],
    effect: schemaTool(['CASSANDRA_HOST'], ['CASSANDRA_DB_PORT'], '9042', 'creates or updates the Cadence Cassandra keyspace'),
    summary: 'Cadence Cassandra schema tool: creates the keyspace and applies schema versions over CQL at --ep / CASSANDRA_HOST (port CASSANDRA_DB_PORT, default 9042).',
    source: 'uber/cadence:tools/cassandra/main.go',
    examples: [{ command: ['cadence-cassandra-tool', 'setup-schema', '-v', '0.0'], env: { CASSANDRA_HOST: 'cassandra' }, need: 'required', dest: 'cassandra:9042' }],
  },
  {
    names: ['cadence'],
    effect: { template: 'connect', address: { flags: ['--address', '--ad'], env: ['CADENCE_CLI_ADDRESS'], default: '127.0.0.1:7933' }, what: 'calls the Cadence frontend' },
    summary: 'Cadence CLI: `domain register`, `workflow` and `admin` commands call the frontend at --address / CADENCE_CLI_ADDRESS (the client\'s default is the local frontend, 127.0.0.1:7933).',
    source: 'uber/cadence:tools/cli/app.go',
    examples: [{ command: ['cadence', '--do', 'samples-domain', 'domain', 'register', '--rd', '1'], env: { CADENCE_CLI_ADDRESS: 'cadence-frontend:7933' }, need: 'required', dest: 'cadence-frontend:7933' }],
  },
  {
    names: ['temporal-elasticsearch-tool'],
    effect: { template: 'connect', url: { flags: ['--endpoint', '--ep'], env: ['ES_SERVER'], default: 'http://127.0.0.1:9200' }, what: 'creates the Temporal visibility index and template' },
    summary: 'Temporal Elasticsearch tool: sets up index templates and visibility indices over HTTP.',
    source: 'temporalio/temporal:tools/elasticsearch/main.go',
    examples: [
      { command: ['temporal-elasticsearch-tool', '--ep', 'http://elasticsearch:9200', 'setup-schema'], need: 'required', dest: 'elasticsearch:9200' },
    ],
  },
  {
    names: ['temporal'],
    effect: {
      template: 'subcommands',
      valued: ['--address', '--namespace', '-n', '--env', '--tls-cert-path', '--tls-key-path', '--tls-ca-path', '--command-timeout'],
      cases: {
        'server start-dev': LOCAL,
        env: LOCAL,
        config: LOCAL,
        completion: LOCAL,
        help: LOCAL,
        version: LOCAL,
      },
      default: {
        template: 'flags',
        cases: [{ has: ['--env'], env: ['TEMPORAL_ENV'], then: { template: 'connect', address: { flags: ['--address'], env: ['TEMPORAL_ADDRESS'] }, what: 'calls the frontend the saved environment names', explains: true } }],
        default: { template: 'connect', address: { flags: ['--address'], env: ['TEMPORAL_ADDRESS'], default: 'localhost:7233' }, what: 'calls the Temporal frontend over gRPC', explains: true },
      },
    },
    summary: 'Temporal CLI: namespace, workflow and operator commands call the frontend (TEMPORAL_ADDRESS); `server start-dev` runs an in-pod dev server.',
    source: 'temporalio/cli:cliext/flags.gen.go',
    examples: [
      { command: ['temporal', 'operator', 'namespace', 'create', '--namespace', 'default', '--retention', '3d'], env: { TEMPORAL_ADDRESS: 'temporal-frontend:7233' }, need: 'required', dest: 'temporal-frontend:7233' },
      { command: ['temporal', 'operator', 'namespace', 'describe', '-n', 'default'], need: 'none' },
      { command: ['temporal', 'env', 'set', '--env', 'prod', '-k', 'address', '-v', 'x:7233'], need: 'none' },
    ],
  },
  {
    names: ['tctl'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--version', '-v'], then: LOCAL }],
      default: { template: 'connect', address: { flags: ['--address', '--ad'], env: ['TEMPORAL_CLI_ADDRESS'], default: '127.0.0.1:7233' }, what: 'calls the Temporal frontend over gRPC', explains: true },
    },
    summary: 'Legacy Temporal CLI: namespace and admin commands call the frontend (TEMPORAL_CLI_ADDRESS, default 127.0.0.1:7233).',
    source: 'temporalio/tctl:cli/app.go',
    examples: [
      { command: ['tctl', '--ns', 'default', 'namespace', 'register', '--rd', '3'], env: { TEMPORAL_CLI_ADDRESS: 'temporal-frontend:7233' }, need: 'required', dest: 'temporal-frontend:7233' },
      { command: ['tctl', 'cluster', 'health'], need: 'none' },
    ],
  },
  pgClient('pg_dumpall', 'src/bin/pg_dump/pg_dumpall.c', 'Dumps every database and the global objects of a PostgreSQL cluster.', ['--globals-only', '-f', '/backup/globals.sql']),
  pgClient('dropdb', 'src/bin/scripts/dropdb.c', 'Drops a PostgreSQL database (a DROP DATABASE over libpq).', ['--if-exists', 'app']),
  pgClient('dropuser', 'src/bin/scripts/dropuser.c', 'Drops a PostgreSQL role (a DROP ROLE over libpq).', ['--if-exists', 'app']),
  pgClient('vacuumdb', 'src/bin/scripts/vacuumdb.c', 'Vacuums and analyzes PostgreSQL databases over libpq.', ['--all', '--analyze-in-stages']),
  pgClient('reindexdb', 'src/bin/scripts/reindexdb.c', 'Rebuilds PostgreSQL indexes over libpq.', ['--all']),
  pgClient('clusterdb', 'src/bin/scripts/clusterdb.c', 'Re-clusters PostgreSQL tables over libpq.', ['--all']),
  pgClient('pgbench', 'src/bin/pgbench/pgbench.c', 'PostgreSQL benchmark: `-i` creates and fills its tables, otherwise it runs transactions; both over libpq.', ['-i', '-s', '10', 'bench']),
  pgClient('pg_receivewal', 'src/bin/pg_basebackup/pg_receivewal.c', 'Streams write-ahead log from a PostgreSQL server over a replication connection.', ['-D', '/wal', '--slot', 'archiver']),
  pgClient('pg_recvlogical', 'src/bin/pg_basebackup/pg_recvlogical.c', 'Creates logical replication slots and streams logical decoding output.', ['-d', 'app', '--slot', 'cdc', '--create-slot', '-P', 'pgoutput']),
  pgClient('pg_amcheck', 'src/bin/pg_amcheck/pg_amcheck.c', 'Checks PostgreSQL tables and indexes for corruption over libpq.', ['--all']),
  {
    names: ['pg_rewind'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--source-server'], then: { template: 'connect', url: { flags: ['--source-server'] }, what: 'reads the new primary\'s files over libpq' } }],
      default: LOCAL,
    },
    summary: 'Resynchronises a PostgreSQL data directory with a new primary: over libpq with --source-server, from a local directory with --source-pgdata.',
    source: 'postgres/postgres:src/bin/pg_rewind/pg_rewind.c',
    examples: [
      { command: ['pg_rewind', '--target-pgdata=/var/lib/postgresql/data', '--source-server=postgresql://postgres@pg-0.pg:5432/postgres'], need: 'required', dest: 'pg-0.pg:5432' },
      { command: ['pg_rewind', '-D', '/data/new', '--source-pgdata=/data/old'], need: 'none' },
    ],
  },
  {
    names: ['pg_upgrade'],
    effect: { template: 'loopback', what: 'starts the old and new servers on a socket in the working directory', explains: true },
    summary: 'Upgrades a PostgreSQL data directory in place: it starts both clusters itself and talks to them over a local socket.',
    source: 'postgres/postgres:src/bin/pg_upgrade/server.c',
    examples: [{ command: ['pg_upgrade', '-b', '/usr/lib/postgresql/15/bin', '-B', '/usr/lib/postgresql/16/bin', '-d', '/data/15', '-D', '/data/16', '--link'], need: 'none' }],
  },
  pgLocal('pg_resetwal', 'src/bin/pg_resetwal/pg_resetwal.c', 'Resets a stopped PostgreSQL cluster\'s write-ahead log and control file.', ['-f', '/var/lib/postgresql/data']),
  pgLocal('pg_controldata', 'src/bin/pg_controldata/pg_controldata.c', 'Prints a data directory\'s control file.', ['/var/lib/postgresql/data']),
  pgLocal('pg_waldump', 'src/bin/pg_waldump/pg_waldump.c', 'Decodes write-ahead log segment files.', ['-p', '/var/lib/postgresql/data/pg_wal', '000000010000000000000001']),
  pgLocal('pg_checksums', 'src/bin/pg_checksums/pg_checksums.c', 'Enables, disables or verifies data checksums in a stopped cluster\'s files.', ['--enable', '-D', '/var/lib/postgresql/data']),
  pgLocal('pg_archivecleanup', 'src/bin/pg_archivecleanup/pg_archivecleanup.c', 'Removes archived WAL files older than a given segment.', ['/archive', '000000010000000000000010']),
  pgLocal('pg_verifybackup', 'src/bin/pg_verifybackup/pg_verifybackup.c', 'Verifies a base backup against its manifest.', ['/backup/base']),
  pgLocal('pg_config', 'src/bin/pg_config/pg_config.c', 'Prints the build configuration of the installed PostgreSQL.', ['--sharedir']),
  barmanCloud('barman-cloud-backup', 'cloud_backup', 'Takes a PostgreSQL base backup (from the local server) and uploads it to an object store.', ['s3://backups/pg', 'pg-main']),
  barmanCloud('barman-cloud-restore', 'cloud_restore', 'Downloads a base backup from an object store into a data directory.', ['s3://backups/pg', 'pg-main', 'latest', '/var/lib/postgresql/data']),
  barmanCloud('barman-cloud-wal-archive', 'cloud_walarchive', 'Uploads one WAL segment to an object store (archive_command).', ['s3://backups/pg', 'pg-main', 'pg_wal/000000010000000000000001']),
  barmanCloud('barman-cloud-wal-restore', 'cloud_walrestore', 'Downloads one WAL segment from an object store (restore_command).', ['s3://backups/pg', 'pg-main', '000000010000000000000001', '/tmp/wal']),
  barmanCloud('barman-cloud-backup-list', 'cloud_backup_list', 'Lists the base backups kept in an object store.', ['s3://backups/pg', 'pg-main']),
  barmanCloud('barman-cloud-backup-delete', 'cloud_backup_delete', 'Deletes base backups from an object store by id or retention policy.', ['--retention-policy', 'RECOVERY WINDOW OF 7 DAYS', 's3://backups/pg', 'pg-main']),
  barmanCloud('barman-cloud-backup-show', 'cloud_backup_show', 'Shows the metadata of one backup in an object store.', ['s3://backups/pg', 'pg-main', 'latest']),
  barmanCloud('barman-cloud-backup-keep', 'cloud_backup_keep', 'Marks a backup in an object store as kept.', ['--target', 'full', 's3://backups/pg', 'pg-main', 'latest']),
  barmanCloud('barman-cloud-check-wal-archive', 'cloud_check_wal_archive', 'Checks that an object store prefix is empty or compatible before archiving to it.', ['s3://backups/pg', 'pg-main']),
  {
    names: ['wal-g'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['--version', '-v', '--help', '-h'], then: LOCAL },
        { env: ['WALG_S3_PREFIX', 'WALE_S3_PREFIX', 'WALG_GS_PREFIX', 'WALG_AZ_PREFIX', 'WALG_SWIFT_PREFIX', 'WALG_SSH_PREFIX'], then: { template: 'connect', url: { env: ['AWS_ENDPOINT'] }, what: 'reads or writes the object storage named by WALG_*_PREFIX' } },
        { env: ['WALG_FILE_PREFIX'], then: LOCAL },
      ],
      default: { template: 'connect', what: 'reads or writes the storage named in its configuration file' },
    },
    summary: 'WAL-G: backup-push/fetch and wal-push/fetch move backups to and from the storage WALG_*_PREFIX selects (WALG_FILE_PREFIX: a local directory).',
    source: 'wal-g/wal-g:internal/config/config.go',
    examples: [
      { command: ['wal-g', 'backup-fetch', '/var/lib/postgresql/data', 'LATEST'], env: { WALG_S3_PREFIX: 's3://backups/pg' }, need: 'required' },
      { command: ['wal-g', 'wal-fetch', '000000010000000000000001', '/tmp/wal'], env: { WALG_S3_PREFIX: 's3://backups/pg', AWS_ENDPOINT: 'http://minio:9000' }, need: 'required', dest: 'minio:9000' },
      { command: ['wal-g', 'backup-fetch', '/data', 'LATEST'], env: { WALG_FILE_PREFIX: '/backups' }, need: 'none' },
    ],
  },
  {
    names: ['wal-e'],
    effect: { template: 'connect', what: 'reads or writes the backup storage named by WALE_*_PREFIX' },
    summary: 'WAL-E (WAL-G\'s predecessor): backup-fetch, backup-push, wal-fetch and wal-push use S3, GCS, Azure or Swift.',
    source: 'wal-e/wal-e:wal_e/cmd.py',
    examples: [{ command: ['wal-e', 'backup-fetch', '/var/lib/postgresql/data', 'LATEST'], env: { WALE_S3_PREFIX: 's3://backups/pg' }, need: 'required' }],
  },
  {
    names: ['pgbackrest'],
    effect: {
      template: 'subcommands',
      cases: { version: LOCAL, help: LOCAL },
      default: {
        template: 'value',
        from: { flags: ['--repo1-type'], env: ['PGBACKREST_REPO1_TYPE'] },
        cases: {
          s3: { template: 'connect', host: { flags: ['--repo1-s3-endpoint'], env: ['PGBACKREST_REPO1_S3_ENDPOINT'] }, what: 'uses the S3 repository', explains: true },
          gcs: { template: 'connect', host: { flags: ['--repo1-gcs-endpoint'], env: ['PGBACKREST_REPO1_GCS_ENDPOINT'], default: 'storage.googleapis.com' }, port: { default: '443' }, what: 'uses the GCS repository', explains: true },
          azure: { template: 'connect', what: 'uses the Azure Blob repository', explains: true },
          sftp: { template: 'connect', host: { flags: ['--repo1-sftp-host'], env: ['PGBACKREST_REPO1_SFTP_HOST'] }, port: { default: '22' }, what: 'uses the SFTP repository', explains: true },
          posix: { template: 'flags', cases: [{ has: ['--repo1-host'], env: ['PGBACKREST_REPO1_HOST'], then: { template: 'connect', host: { flags: ['--repo1-host'], env: ['PGBACKREST_REPO1_HOST'] }, what: 'uses the repository host', explains: true } }], default: LOCAL },
        },
        default: { template: 'opaque', why: 'the repository (local path, S3, GCS, Azure, SFTP or a repository host) comes from pgbackrest.conf' },
      },
    },
    summary: 'pgBackRest: backup, restore, archive-push/get and stanza-create use the repository --repo1-type / PGBACKREST_REPO1_TYPE selects, else the one pgbackrest.conf names.',
    source: 'pgbackrest/pgbackrest:build/config.yaml',
    examples: [
      { command: ['pgbackrest', '--stanza=db', 'restore', '--delta'], need: 'either' },
      { command: ['pgbackrest', '--stanza=db', 'restore'], env: { PGBACKREST_REPO1_TYPE: 's3', PGBACKREST_REPO1_S3_ENDPOINT: 'minio.backup' }, need: 'required' },
      { command: ['pgbackrest', '--stanza=db', '--repo1-type=posix', '--repo1-path=/backups', 'restore'], need: 'none' },
      { command: ['pgbackrest', 'version'], need: 'none' },
    ],
  },
  {
    names: ['patronictl'],
    effect: {
      template: 'subcommands',
      valued: ['-c', '--config-file', '-d', '--dcs-url', '--dcs'],
      cases: { version: { template: 'connect', url: { flags: ['-d', '--dcs-url', '--dcs'] }, what: 'asks the DCS and the members for their versions' } },
      default: { template: 'connect', url: { flags: ['-d', '--dcs-url', '--dcs'] }, what: 'reads and writes the cluster state in the DCS (etcd, Consul, ZooKeeper or Kubernetes) and calls members\' REST API', explains: true },
    },
    summary: 'Patroni control: list, switchover, reinit and edit-config read the cluster from its DCS and call the members\' Patroni REST API.',
    source: 'patroni/patroni:patroni/ctl.py',
    examples: [
      { command: ['patronictl', '-c', '/etc/patroni.yml', 'list'], need: 'required' },
      { command: ['patronictl', '--dcs-url', 'etcd://etcd:2379', 'list', 'pg'], need: 'required', dest: 'etcd:2379' },
    ],
  },
  {
    names: ['repmgr'],
    effect: {
      template: 'subcommands',
      valued: ['-f', '--config-file', '-h', '--host', '-p', '--port', '-U', '--username', '-d', '--dbname', '-D', '--pgdata', '--upstream-node-id', '--node-id'],
      cases: {
        'standby clone': { template: 'connect', host: { flags: ['-h', '--host'] }, port: { flags: ['-p', '--port'], default: '5432' }, what: 'clones the primary over a replication connection' },
      },
      default: { template: 'opaque', why: 'connects with the conninfo from repmgr.conf, which may be the local node or an upstream' },
    },
    summary: 'repmgr: `standby clone` copies the primary named with -h; register, follow and status use the conninfo in repmgr.conf.',
    source: 'EnterpriseDB/repmgr:repmgr-client.c',
    examples: [
      { command: ['repmgr', '-h', 'pg-0.pg-headless', '-U', 'repmgr', '-d', 'repmgr', '-D', '/data', '-f', '/etc/repmgr.conf', 'standby', 'clone', '--fast-checkpoint'], need: 'required', dest: 'pg-0.pg-headless:5432' },
      { command: ['repmgr', '-f', '/etc/repmgr.conf', 'primary', 'register'], need: 'either' },
    ],
  },
  pcpTool('pcp_attach_node', 'Pgpool-II: attaches a backend node back to the pool through the PCP port.', ['-n', '1']),
  pcpTool('pcp_detach_node', 'Pgpool-II: detaches a backend node from the pool through the PCP port.', ['-n', '1']),
  pcpTool('pcp_node_info', 'Pgpool-II: shows a backend node\'s status through the PCP port.', ['-n', '0']),
  pcpTool('pcp_node_count', 'Pgpool-II: counts the configured backend nodes through the PCP port.', []),
  pcpTool('pcp_watchdog_info', 'Pgpool-II: shows the watchdog cluster status through the PCP port.', []),
  pcpTool('pcp_recovery_node', 'Pgpool-II: runs online recovery of a backend node through the PCP port.', ['-n', '1']),
  pcpTool('pcp_promote_node', 'Pgpool-II: promotes a backend node to primary through the PCP port.', ['-n', '1']),
  {
    names: ['pg_md5', 'pg_enc'],
    effect: LOCAL,
    summary: 'Pgpool-II password tools: hash or encrypt a password into pool_passwd or pcp.conf.',
    source: 'pgpool/pgpool2:src/tools/pgmd5/pg_md5.c',
    examples: [
      { command: ['pg_md5', '--md5auth', '--username=app', 'secret'], need: 'none' },
      { command: ['pg_enc', '-m', '-k', '/opt/pgpool/.pgpoolkey', '-u', 'app', 'secret'], need: 'none' },
    ],
  },
  mysqlClient(['mysqlimport', 'mariadb-import'], 'mysql/mysql-server:client/mysqlimport.cc', 'Loads text files into MySQL tables (LOAD DATA over the client protocol).', ['--local', 'app', '/seed/users.txt']),
  mysqlClient(['mysqlshow', 'mariadb-show'], 'mysql/mysql-server:client/mysqlshow.cc', 'Lists MySQL databases, tables and columns.', ['app']),
  mysqlClient(['mysqlslap', 'mariadb-slap'], 'mysql/mysql-server:client/mysqlslap.cc', 'MySQL load emulator: runs queries against a server.', ['--auto-generate-sql', '--concurrency=10']),
  mysqlClient(['mysqlpump'], 'mysql/mysql-server:client/dump/program.cc', 'Parallel logical dump of MySQL databases.', ['--all-databases', '--result-file=/backup/all.sql']),
  mysqlClient(['mysql_upgrade'], 'mysql/mysql-server:client/upgrade/program.cc', 'Upgrades the MySQL system tables of a running server (before 8.0.16).', ['--force']),
  mysqlClient(['mariadb-upgrade'], 'MariaDB/server:client/mysql_upgrade.c', 'Upgrades the MariaDB system tables of a running server (runs mariadb-check and the SQL fixes through the client).', ['--force']),
  mysqlClient(['mariadb-dump'], 'MariaDB/server:client/mysqldump.c', 'MariaDB logical dump of databases or tables.', ['--all-databases', '--single-transaction']),
  mysqlClient(['mariadb-check'], 'MariaDB/server:client/mysqlcheck.c', 'Checks, repairs and analyzes MariaDB tables on a running server.', ['--all-databases', '--check-upgrade']),
  {
    names: ['mysqlbinlog', 'mariadb-binlog'],
    effect: BINLOG,
    summary: 'Decodes binary logs: from local files, or from a server with --read-from-remote-server.',
    source: 'mysql/mysql-server:client/mysqlbinlog.cc',
    examples: [
      { command: ['mysqlbinlog', '/var/lib/mysql/binlog.000042'], need: 'none' },
      { command: ['mysqlbinlog', '--read-from-remote-server', '--host=mysql-primary', '--raw', 'binlog.000042'], need: 'required', dest: 'mysql-primary:3306' },
    ],
  },
  {
    names: ['mysql_tzinfo_to_sql', 'mariadb-tzinfo-to-sql'],
    effect: LOCAL,
    summary: 'Turns the zoneinfo directory into SQL statements on stdout (the caller pipes them into a client).',
    source: 'mysql/mysql-server:sql/tztime.cc',
    examples: [{ command: ['mysql_tzinfo_to_sql', '/usr/share/zoneinfo'], need: 'none' }],
  },
  {
    names: ['mysql_ssl_rsa_setup'],
    effect: LOCAL,
    summary: 'Generates the TLS certificates and RSA key pair of a MySQL data directory with openssl.',
    source: 'mysql/mysql-server:client/mysql_ssl_rsa_setup.cc',
    examples: [{ command: ['mysql_ssl_rsa_setup', '--datadir=/var/lib/mysql'], need: 'none' }],
  },
  {
    names: ['xtrabackup'],
    effect: HOT_BACKUP,
    summary: 'Percona XtraBackup: --backup copies a running server\'s files and talks to it for locks; --prepare and --copy-back are file operations.',
    source: 'percona/percona-xtrabackup:storage/innobase/xtrabackup/src/xtrabackup.cc',
    examples: [
      { command: ['xtrabackup', '--prepare', '--target-dir=/backup'], need: 'none' },
      { command: ['xtrabackup', '--backup', '--host=mysql-0.mysql', '--user=root', '--target-dir=/backup'], need: 'required', dest: 'mysql-0.mysql:3306' },
    ],
  },
  {
    names: ['mariadb-backup', 'mariabackup'],
    effect: HOT_BACKUP,
    summary: 'MariaDB Backup: --backup copies a running server\'s files and talks to it; --prepare and --copy-back are file operations.',
    source: 'MariaDB/server:extra/mariabackup/xtrabackup.cc',
    examples: [
      { command: ['mariabackup', '--prepare', '--target-dir=/backup'], need: 'none' },
      { command: ['mariadb-backup', '--backup', '--user=root', '--stream=xbstream'], need: 'none' },
    ],
  },
  {
    names: ['xbstream', 'mbstream'],
    effect: LOCAL,
    summary: 'Packs or unpacks an xbstream backup stream between stdin/stdout and files.',
    source: 'percona/percona-xtrabackup:storage/innobase/xtrabackup/src/xbstream.cc',
    examples: [{ command: ['xbstream', '-x', '-C', '/var/lib/mysql'], need: 'none' }],
  },
  {
    names: ['xbcloud'],
    effect: { template: 'connect', url: { flags: ['--s3-endpoint', '--swift-url', '--google-endpoint', '--azure-endpoint'] }, what: 'uploads or downloads backup chunks from object storage', explains: true },
    summary: 'XtraBackup cloud helper: `put`, `get` and `delete` move xbstream backups to and from S3, GCS, Azure or Swift.',
    source: 'percona/percona-xtrabackup:storage/innobase/xtrabackup/src/xbcloud/xbcloud.cc',
    examples: [
      { command: ['xbcloud', 'get', '--storage=s3', '--s3-endpoint=http://minio:9000', '--s3-bucket=backups', 'full-2024'], need: 'required', dest: 'minio:9000' },
      { command: ['xbcloud', 'get', '--storage=s3', '--s3-bucket=backups', 'full-2024'], need: 'required' },
    ],
  },
  {
    names: ['mydumper'],
    effect: MYSQL_CONNECT,
    summary: 'Parallel logical dump of MySQL or MariaDB databases into per-table files.',
    source: 'mydumper/mydumper:src/connection.c',
    examples: [
      { command: ['mydumper', '--host', 'mysql', '--user', 'root', '--outputdir', '/backup', '--threads', '4'], need: 'required', dest: 'mysql:3306' },
    ],
  },
  {
    names: ['myloader'],
    effect: MYSQL_CONNECT,
    summary: 'Loads a mydumper backup directory into MySQL or MariaDB in parallel.',
    source: 'mydumper/mydumper:src/connection.c',
    examples: [
      { command: ['myloader', '-h', 'mysql', '-u', 'root', '-d', '/backup', '--overwrite-tables'], need: 'required', dest: 'mysql:3306' },
    ],
  },
  {
    names: ['gh-ost'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--version', '-version'], then: LOCAL }],
      default: { template: 'connect', host: { flags: ['--host', '-host'], default: '127.0.0.1' }, port: { flags: ['--port', '-port'], default: '3306' }, what: 'inspects the replica and migrates the table' },
    },
    summary: 'GitHub\'s online schema migration for MySQL: connects to the inspected replica (default 127.0.0.1:3306) and the primary it discovers.',
    source: 'github/gh-ost:go/cmd/gh-ost/main.go',
    examples: [
      { command: ['gh-ost', '--host=mysql-replica', '--database=app', '--table=users', '--alter=ADD COLUMN x INT', '--execute'], need: 'required', dest: 'mysql-replica:3306' },
      { command: ['gh-ost', '--version'], need: 'none' },
    ],
  },
  {
    names: ['pt-online-schema-change', 'pt-table-checksum', 'pt-heartbeat', 'pt-kill', 'pt-archiver'],
    effect: { template: 'connect', host: { flags: ['-h', '--host'] }, port: { flags: ['-P', '--port'], default: '3306' }, what: 'connects to MySQL (host from --host or the DSN)' },
    summary: 'Percona Toolkit MySQL tools: connect to the server named by --host or the h= part of the DSN argument.',
    source: 'percona/percona-toolkit:bin/pt-online-schema-change',
    examples: [
      { command: ['pt-online-schema-change', '--host', 'mysql', '--alter', 'ADD COLUMN x INT', 'D=app,t=users', '--execute'], need: 'required', dest: 'mysql:3306' },
      { command: ['pt-heartbeat', '--update', 'h=mysql-primary,u=root', '--database', 'percona'], need: 'required' },
    ],
  },
  {
    names: ['skeema'],
    effect: {
      template: 'subcommands',
      valued: ['--host', '-h', '--port', '-P', '--user', '-u', '--dir', '--workspace'],
      cases: { version: LOCAL, help: LOCAL, 'add-environment': LOCAL, 'add-env': LOCAL },
      default: { template: 'connect', host: { flags: ['--host', '-h'] }, port: { flags: ['--port', '-P'], default: '3306' }, what: 'reads or changes schemas on the MySQL host named in .skeema files or --host' },
    },
    summary: 'Skeema declarative MySQL schema tool: init, pull, diff, push, lint and format connect to the host its .skeema files name (and a workspace schema); add-environment only edits the option file.',
    source: 'skeema/skeema:cmd_push.go',
    examples: [
      { command: ['skeema', 'push', 'production', '--allow-unsafe'], need: 'required' },
      { command: ['skeema', 'init', '--host', 'mysql', '-u', 'root', '--dir', '/schemas'], need: 'required', dest: 'mysql:3306' },
      { command: ['skeema', 'add-environment', 'staging', '--host', 'mysql-staging'], need: 'none' },
    ],
  },
  {
    names: ['mysqlrouter'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['-B', '--bootstrap'], then: { template: 'connect', url: { flags: ['-B', '--bootstrap'] }, what: 'reads the InnoDB Cluster metadata from the named server' } },
        { has: ['--version', '-V', '--help'], then: LOCAL },
      ],
      default: { template: 'opaque', why: 'runs the router, whose destinations come from its configuration file' },
    },
    summary: 'MySQL Router: --bootstrap contacts a cluster member to read its metadata and writes the configuration; otherwise it runs the router.',
    source: 'mysql/mysql-server:router/src/router/src/router_app.cc',
    examples: [
      { command: ['mysqlrouter', '--bootstrap', 'root@mysql-0.mysql:3306', '--directory', '/tmp/router', '--conf-use-sockets'], need: 'required' },
      { command: ['mysqlrouter', '--version'], need: 'none' },
    ],
  },
  {
    names: ['mysqlsh'],
    effect: {
      template: 'flags',
      cases: [
        // The MySQL Operator's own entrypoints run inside mysqlsh (mysql/mysql-operator:mysqloperator/__main__.py).
        { has: ['--pym'], then: {
          template: 'value',
          from: { flags: ['--pym'] },
          cases: { mysqloperator: { template: 'subcommands', cases: { sleep: LOCAL }, default: { template: 'kube-api', what: 'reads its Pod and InnoDBCluster (MySQL Operator init, sidecar, backup)' } } },
          default: { template: 'opaque', why: 'a Python module run by MySQL Shell' },
        } },
        { has: ['--uri'], then: { template: 'connect', url: { flags: ['--uri'] }, what: 'connects to MySQL' } },
        { has: ['-h', '--host'], then: { template: 'connect', host: { flags: ['-h', '--host'] }, port: { flags: ['-P', '--port'], default: '3306' }, what: 'connects to MySQL' } },
        { has: ['--version', '-V'], then: LOCAL },
      ],
      default: { template: 'opaque', why: 'the server is a positional user@host:port URI or chosen by the script it runs' },
    },
    summary: 'MySQL Shell: runs SQL, JS or Python against the server given by --uri, --host or a positional URI (dba.* admin commands included); `--pym mysqloperator init|sidecar` is the MySQL Operator reading its Pod and cluster from the API server.',
    source: 'mysql/mysql-shell:mysqlshdk/shellcore/shell_options.cc',
    examples: [
      { command: ['mysqlsh', '--host', 'mysql', '-uroot', '--sql', '-e', 'SELECT 1'], need: 'required', dest: 'mysql:3306' },
      { command: ['mysqlsh', '--version'], need: 'none' },
      { command: ['mysqlsh', '--log-level=@INFO', '--pym', 'mysqloperator', 'init', '--pod-name', '$(POD_NAME)', '--pod-namespace', '$(POD_NAMESPACE)', '--datadir', '/var/lib/mysql'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
    ],
  },
  {
    names: ['orchestrator-client'],
    effect: { template: 'connect', url: { env: ['ORCHESTRATOR_API'], default: 'http://localhost:3000' }, what: 'calls the orchestrator HTTP API', explains: true },
    summary: 'Shell client for the orchestrator MySQL topology manager: every command is an HTTP call to ORCHESTRATOR_API.',
    source: 'openark/orchestrator:resources/bin/orchestrator-client',
    examples: [
      { command: ['orchestrator-client', '-c', 'discover', '-i', 'mysql-0.mysql:3306'], env: { ORCHESTRATOR_API: 'http://orchestrator:3000/api' }, need: 'required', dest: 'orchestrator:3000' },
    ],
  },
  {
    names: ['garbd'],
    effect: { template: 'connect', url: { flags: ['-a', '--address'], positional: 0 }, what: 'joins the Galera cluster as an arbitrator' },
    summary: 'Galera arbitrator: joins the cluster at the gcomm:// address as a voting member without data.',
    source: 'codership/galera:garb/garb_config.cpp',
    examples: [{ command: ['garbd', '--address', 'gcomm://galera-0.galera:4567', '--group', 'my_wsrep_cluster'], need: 'required', dest: 'galera-0.galera:4567' }],
  },
  esTool('elasticsearch-certutil', LOCAL, 'Generates a CA, node certificates or CSRs for Elasticsearch TLS into local files.', [
    { command: ['elasticsearch-certutil', 'cert', '--silent', '--pem', '--in', 'config/certs/instances.yml', '-out', 'config/certs/certs.zip', '--ca-cert', 'config/certs/ca/ca.crt', '--ca-key', 'config/certs/ca/ca.key'], need: 'none' },
  ]),
  esTool('elasticsearch-users', LOCAL, 'Manages users of the file realm (config/users and users_roles) on the local node.', [
    { command: ['elasticsearch-users', 'useradd', 'monitor', '-p', 'secret', '-r', 'remote_monitoring_agent'], need: 'none' },
  ]),
  esTool('elasticsearch-service-tokens', LOCAL, 'Creates or deletes service account tokens in the local service_tokens file.', [
    { command: ['elasticsearch-service-tokens', 'create', 'elastic/kibana', 'kibana-token'], need: 'none' },
  ]),
  esTool('elasticsearch-syskeygen', LOCAL, 'Generates the system key file for message authentication.', [{ command: ['elasticsearch-syskeygen'], need: 'none' }]),
  esTool('elasticsearch-saml-metadata', LOCAL, 'Writes SAML service provider metadata from the node\'s realm settings.', [{ command: ['elasticsearch-saml-metadata', '--realm', 'saml1'], need: 'none' }]),
  esTool('elasticsearch-setup-passwords', esNode(['-u', '--url']), 'Sets the built-in users\' passwords through the security API of the local node (or --url).', [
    { command: ['elasticsearch-setup-passwords', 'auto', '--batch'], need: 'none' },
    { command: ['elasticsearch-setup-passwords', 'auto', '-b', '-u', 'https://elasticsearch-master:9200'], need: 'required', dest: 'elasticsearch-master:9200' },
  ]),
  esTool('elasticsearch-reset-password', esNode(['--url']), 'Resets a native or built-in user\'s password through the security API of the local node (or --url).', [
    { command: ['elasticsearch-reset-password', '-u', 'elastic', '-b'], need: 'none' },
    { command: ['elasticsearch-reset-password', '--username', 'kibana_system', '--url', 'https://es-master:9200', '-b'], need: 'required', dest: 'es-master:9200' },
  ]),
  esTool('elasticsearch-create-enrollment-token', esNode(['--url']), 'Creates a Kibana or node enrollment token through the local node\'s API (or --url).', [
    { command: ['elasticsearch-create-enrollment-token', '-s', 'kibana'], need: 'none' },
    { command: ['elasticsearch-create-enrollment-token', '-s', 'node', '--url', 'https://es-0.es:9200'], need: 'required', dest: 'es-0.es:9200' },
  ]),
  {
    names: ['elasticsearch-node'],
    effect: LOCAL,
    summary: 'Offline node repair: detaches, unsafe-bootstraps or repurposes a stopped node\'s data path.',
    source: 'elastic/elasticsearch:server/src/main/java/org/elasticsearch/cluster/coordination/NodeToolCli.java',
    examples: [{ command: ['elasticsearch-node', 'repurpose', '-v'], need: 'none' }],
  },
  {
    names: ['securityadmin.sh'],
    effect: {
      template: 'flags',
      cases: [{ has: ['-vc', '--validate-configs'], then: LOCAL }],
      default: { template: 'connect', host: { flags: ['-h', '--hostname'], default: 'localhost' }, port: { flags: ['-p', '--port'], default: '9200' }, what: 'uploads the security configuration to the cluster' },
    },
    summary: 'OpenSearch Security admin tool: pushes or backs up the security index of the cluster at -h/-p (default localhost:9200); -vc only validates files.',
    source: 'opensearch-project/security:src/main/java/org/opensearch/security/tools/SecurityAdmin.java',
    examples: [
      { command: ['/usr/share/opensearch/plugins/opensearch-security/tools/securityadmin.sh', '-cd', '/usr/share/opensearch/config/opensearch-security', '-icl', '-nhnv', '-cacert', 'root-ca.pem', '-cert', 'admin.pem', '-key', 'admin-key.pem', '-h', 'opensearch-cluster-master'], need: 'required', dest: 'opensearch-cluster-master:9200' },
      { command: ['securityadmin.sh', '-cd', '/config', '-icl', '-nhnv', '-cacert', 'ca.pem', '-cert', 'admin.pem', '-key', 'admin-key.pem'], need: 'none' },
      { command: ['securityadmin.sh', '-vc', '-cd', '/config'], need: 'none' },
    ],
  },
  {
    names: ['hash.sh'],
    effect: LOCAL,
    summary: 'OpenSearch Security password hasher: prints a BCrypt hash for internal_users.yml.',
    source: 'opensearch-project/security:tools/hash.sh',
    examples: [{ command: ['/usr/share/opensearch/plugins/opensearch-security/tools/hash.sh', '-p', 'secret'], need: 'none' }],
  },
  {
    names: ['elasticdump', 'multielasticdump'],
    // elasticsearch-dump/elasticsearch-dump:docker-entrypoint.sh prepends `elasticdump` when the first argument is an option.
    images: [{ repo: 'elasticdump/elasticsearch-dump', entrypoint: ['elasticdump'] }],
    effect: { template: 'connect', url: { flags: ['--input', '--output'] }, what: 'copies indices between Elasticsearch/OpenSearch URLs and files' },
    summary: 'Copies mappings and documents between Elasticsearch or OpenSearch clusters and files; a URL input or output is an HTTP connection.',
    source: 'elasticsearch-dump/elasticsearch-dump:bin/elasticdump',
    examples: [
      { command: ['elasticdump', '--input=http://elasticsearch:9200/logs', '--output=/backup/logs.json', '--type=data'], need: 'required', dest: 'elasticsearch:9200' },
      { image: 'elasticdump/elasticsearch-dump:v6.110.0', args: ['--input=/seed/mapping.json', '--output=http://opensearch:9200/app', '--type=mapping'], need: 'required' },
    ],
  },
  rabbitTool('rabbitmqctl', 'ctl/commands', 'RabbitMQ control: users, vhosts, permissions, cluster membership and node state, on the node named by -n (default: this pod\'s node).', ['add_user', 'app', 'secret'], {
    encode: LOCAL, decode: LOCAL, encrypt_conf_value: LOCAL, decrypt_conf_value: LOCAL, hash_password: LOCAL, list_ciphers: LOCAL, list_hashes: LOCAL, help: LOCAL, version: LOCAL, autocomplete: LOCAL,
  }),
  rabbitTool('rabbitmq-diagnostics', 'diagnostics/commands', 'RabbitMQ health checks and diagnostics against the node named by -n (default: this pod\'s node).', ['check_port_connectivity'], {
    erlang_cookie_sources: LOCAL, help: LOCAL, version: LOCAL,
  }),
  rabbitTool('rabbitmq-queues', 'queues/commands', 'RabbitMQ quorum and stream queue membership commands, run against a node.', ['rebalance', 'quorum']),
  rabbitTool('rabbitmq-upgrade', 'upgrade/commands', 'RabbitMQ upgrade helpers (drain, revive, await quorum) run against a node.', ['await_online_quorum_plus_one']),
  {
    names: ['rabbitmq-plugins'],
    effect: { template: 'flags', cases: [{ has: ['--offline'], then: LOCAL }], default: RABBIT_NODE },
    summary: 'RabbitMQ plugin manager: --offline only rewrites the enabled_plugins file; otherwise it also asks the node to apply the change.',
    source: 'rabbitmq/rabbitmq-server:deps/rabbitmq_cli/lib/rabbitmq/cli/plugins/commands/enable_command.ex',
    examples: [
      { command: ['rabbitmq-plugins', 'enable', '--offline', 'rabbitmq_peer_discovery_k8s'], need: 'none' },
      { command: ['rabbitmq-plugins', 'enable', 'rabbitmq_management'], need: 'none' },
      { command: ['rabbitmq-plugins', '-n', 'rabbit@rabbitmq-0.rabbitmq-nodes', 'list'], need: 'required' },
    ],
  },
  mongoTool('mongoimport', 'Imports JSON, CSV or TSV documents into a MongoDB collection.', ['--db', 'app', '--collection', 'users', '--file', '/seed/users.json']),
  mongoTool('mongoexport', 'Exports a MongoDB collection to JSON or CSV.', ['--db', 'app', '--collection', 'users', '--out', '/backup/users.json']),
  mongoTool('mongofiles', 'Puts and gets files in MongoDB GridFS.', ['--db', 'app', 'put', '/seed/logo.png']),
  mongoTool('mongostat', 'Polls MongoDB server status counters.', ['--rowcount', '1']),
  mongoTool('mongotop', 'Reports per-collection read and write time from MongoDB.', ['1']),
  {
    names: ['bsondump'],
    effect: LOCAL,
    summary: 'Converts a BSON dump file to JSON.',
    source: 'mongodb/mongo-tools:bsondump/bsondump.go',
    examples: [{ command: ['bsondump', '--outFile', '/tmp/users.json', '/backup/app/users.bson'], need: 'none' }],
  },
  {
    names: ['valkey-cli', 'keydb-cli'],
    effect: REDIS_CLI,
    summary: 'Valkey (and KeyDB) command-line client: -h/-p or -u name the server, default 127.0.0.1:6379; --cluster create/fix contact the listed nodes.',
    source: 'valkey-io/valkey:src/valkey-cli.c',
    examples: [
      { command: ['valkey-cli', '-h', 'valkey-primary', '-p', '6379', 'PING'], need: 'required', dest: 'valkey-primary:6379' },
      { command: ['valkey-cli', '--cluster', 'create', 'valkey-0.valkey:6379', 'valkey-1.valkey:6379', 'valkey-2.valkey:6379', '--cluster-yes'], need: 'required' },
      { command: ['valkey-cli', 'CONFIG', 'SET', 'save', ''], need: 'none' },
    ],
  },
  {
    names: ['redis-benchmark', 'valkey-benchmark'],
    effect: REDIS_CLI,
    summary: 'Redis/Valkey benchmark: runs commands against -h (default 127.0.0.1) port -p.',
    source: 'valkey-io/valkey:src/valkey-benchmark.c',
    examples: [
      { command: ['redis-benchmark', '-h', 'redis-master', '-q', '-n', '1000'], need: 'required', dest: 'redis-master:6379' },
    ],
  },
  {
    names: ['redis-check-aof', 'redis-check-rdb', 'valkey-check-aof', 'valkey-check-rdb'],
    effect: LOCAL,
    summary: 'Checks and repairs Redis/Valkey AOF and RDB files on disk.',
    source: 'valkey-io/valkey:src/valkey-check-aof.c',
    examples: [{ command: ['redis-check-aof', '--fix', '/data/appendonlydir/appendonly.aof.1.incr.aof'], need: 'none' }],
  },
  {
    names: ['cockroach'],
    // cockroachdb/cockroach:build/deploy/cockroach.sh execs `cockroach "$@"`.
    images: [{ repo: 'cockroachdb/cockroach', entrypoint: ['cockroach'] }],
    effect: {
      template: 'subcommands',
      valued: ['--host', '--port', '-p', '--url', '--certs-dir', '--cluster-name', '--user', '-u', '--database', '-d', '--execute', '-e', '--format', '--ca-key', '--store', '-s'],
      cases: {
        cert: LOCAL,
        gen: LOCAL,
        version: LOCAL,
        demo: LOCAL,
        'debug keys': LOCAL,
        'debug pebble': LOCAL,
        'debug check-store': LOCAL,
        'debug range-data': LOCAL,
        'debug range-descriptors': LOCAL,
        start: { template: 'opaque', why: 'runs a CockroachDB node, which joins the peers named by --join' },
        'start-single-node': LOCAL,
        mt: { template: 'opaque', why: 'runs a multi-tenant SQL proxy or server' },
      },
      default: COCKROACH_SERVER,
    },
    summary: 'CockroachDB binary: `cert create-*` and `gen` write local files; `init`, `sql`, `node` and `debug zip` connect to a node (--host, COCKROACH_HOST, default localhost:26257).',
    source: 'cockroachdb/cockroach:pkg/cli/cert.go',
    examples: [
      { command: ['/cockroach/cockroach', 'init', '--certs-dir=/cockroach-certs/', '--cluster-name=crdb', '--host=cockroachdb-0.cockroachdb:26257'], need: 'required', dest: 'cockroachdb-0.cockroachdb:26257' },
      { command: ['cockroach', 'cert', 'create-node', 'localhost', 'cockroachdb-public', '--certs-dir=/cockroach-certs', '--ca-key=/cockroach-key/ca.key'], need: 'none' },
      { command: ['/cockroach/cockroach', 'sql', '--insecure', '--host', 'cockroachdb-public', '-e', 'CREATE DATABASE app'], need: 'required', dest: 'cockroachdb-public:26257' },
    ],
  },
  {
    names: ['etcdutl'],
    effect: LOCAL,
    summary: 'Offline etcd data tool: snapshot restore and status, defrag, hashkv and migrate work on a data directory or snapshot file.',
    source: 'etcd-io/etcd:etcdutl/etcdutl/snapshot_command.go',
    examples: [
      { command: ['etcdutl', 'snapshot', 'restore', '/backup/snapshot.db', '--data-dir', '/var/lib/etcd', '--name', 'etcd-0'], need: 'none' },
      { command: ['etcdutl', 'defrag', '--data-dir', '/var/lib/etcd'], need: 'none' },
    ],
  },
  {
    names: ['influx'],
    effect: {
      template: 'subcommands',
      valued: ['--host', '-t', '--token', '-o', '--org', '--configs-path', '-c', '--active-config'],
      cases: { config: LOCAL, completion: LOCAL, version: LOCAL },
      // Without --host or INFLUX_HOST the active config (`influx config create --active`) names the server.
      default: { template: 'connect', url: { flags: ['--host'], env: ['INFLUX_HOST'] }, what: 'calls the InfluxDB HTTP API', explains: true },
    },
    summary: 'InfluxDB 2 CLI: `setup`, bucket, auth and write commands call the server (--host, INFLUX_HOST, else the active config); `config` only edits local profiles.',
    source: 'influxdata/influx-cli:cmd/influx/global.go',
    examples: [
      { command: ['influx', 'setup', '--host', 'http://influxdb:8086', '--org', 'acme', '--bucket', 'metrics', '--username', 'admin', '--password', 'secret', '--force'], need: 'required', dest: 'influxdb:8086' },
      { command: ['influx', 'bucket', 'list'], env: { INFLUX_HOST: 'http://influxdb2:8086' }, need: 'required', dest: 'influxdb2:8086' },
      { command: ['influx', 'bucket', 'create', '-n', 'metrics'], need: 'required' },
      { command: ['influx', 'config', 'create', '--config-name', 'default', '--host-url', 'http://influxdb:8086', '--active'], need: 'none' },
    ],
  },
  {
    names: ['clickhouse-backup'],
    // Altinity/clickhouse-backup:entrypoint.sh runs `clickhouse-backup "$@"` unless the first argument is an executable.
    images: [{ repo: 'altinity/clickhouse-backup', entrypoint: ['clickhouse-backup'], cmd: ['--help'] }],
    effect: {
      template: 'subcommands',
      valued: ['-c', '--config', '--env', '--environment-override'],
      cases: {
        create: CLICKHOUSE_LOCAL_SERVER,
        restore: CLICKHOUSE_LOCAL_SERVER,
        tables: CLICKHOUSE_LOCAL_SERVER,
        upload: CLICKHOUSE_REMOTE_STORAGE,
        download: CLICKHOUSE_REMOTE_STORAGE,
        create_remote: CLICKHOUSE_REMOTE_STORAGE,
        restore_remote: CLICKHOUSE_REMOTE_STORAGE,
        'list remote': CLICKHOUSE_REMOTE_STORAGE,
        'delete remote': CLICKHOUSE_REMOTE_STORAGE,
        'default-config': LOCAL,
        'print-config': LOCAL,
        server: { template: 'opaque', why: 'runs the backup REST API, which acts on later requests' },
      },
      default: LOCAL,
    },
    summary: 'Altinity ClickHouse backup tool: create/restore talk to the ClickHouse server (CLICKHOUSE_HOST, default localhost); upload, download and *_remote use the remote storage.',
    source: 'Altinity/clickhouse-backup:cmd/clickhouse-backup/main.go',
    examples: [
      { command: ['clickhouse-backup', 'restore_remote', 'daily-2024-01-01'], env: { REMOTE_STORAGE: 's3', S3_ENDPOINT: 'http://minio:9000' }, need: 'required', dest: 'minio:9000' },
      { command: ['clickhouse-backup', 'create', 'before-upgrade'], need: 'none' },
      { command: ['clickhouse-backup', 'default-config'], need: 'none' },
    ],
  },
  {
    names: ['medusa'],
    effect: {
      template: 'subcommands',
      cases: {},
      default: { template: 'opaque', why: 'the backup storage (local path, S3, GCS, Azure) and the Cassandra hosts come from medusa.ini' },
    },
    summary: 'Cassandra Medusa: backup, restore-node and purge move SSTables to or from the storage named in medusa.ini.',
    source: 'thelastpickle/cassandra-medusa:medusa/medusacli.py',
    examples: [{ command: ['medusa', 'restore-node', '--backup-name', 'daily', '--in-place'], need: 'either' }],
  },
  {
    names: ['nodetool'],
    effect: {
      template: 'connect',
      host: { flags: ['-h', '--host'], default: '127.0.0.1' },
      port: { flags: ['-p', '--port'], default: '7199' },
      what: 'calls the Cassandra node over JMX',
      explains: true,
    },
    summary: 'Cassandra node admin over JMX: status, drain, repair and decommission go to -h (default 127.0.0.1) port 7199.',
    source: 'apache/cassandra:src/java/org/apache/cassandra/tools/NodeTool.java',
    examples: [
      { command: ['nodetool', 'status'], need: 'none' },
      { command: ['nodetool', '-h', 'cassandra-0.cassandra', 'describecluster'], need: 'required', dest: 'cassandra-0.cassandra:7199' },
    ],
  },
  {
    names: ['sstableloader'],
    effect: { template: 'connect', address: { flags: ['-d', '--nodes'] }, port: { flags: ['-p', '--port'], default: '9042' }, what: 'streams SSTables to the cluster' },
    summary: 'Cassandra bulk loader: streams local SSTable directories into the cluster reached through the -d initial hosts.',
    source: 'apache/cassandra:src/java/org/apache/cassandra/tools/BulkLoader.java',
    examples: [{ command: ['sstableloader', '-d', 'cassandra-0.cassandra', '/restore/app/users'], need: 'required' }],
  },
  {
    names: ['cypher-shell'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--version', '-v', '--help', '--driver-version'], then: LOCAL }],
      default: { template: 'connect', url: { flags: ['-a', '--address', '--uri'], env: ['NEO4J_ADDRESS', 'NEO4J_URI'], default: 'neo4j://localhost:7687' }, what: 'connects to Neo4j over Bolt' },
    },
    summary: 'Neo4j Cypher shell: runs Cypher over Bolt against -a (default neo4j://localhost:7687).',
    source: 'neo4j/neo4j:community/cypher-shell/cypher-shell/src/main/java/org/neo4j/shell/cli/CliArgHelper.java',
    examples: [
      { command: ['cypher-shell', '-a', 'neo4j://neo4j:7687', '-u', 'neo4j', '-p', 'secret', '-f', '/seed/init.cypher'], need: 'required', dest: 'neo4j:7687' },
      { command: ['cypher-shell', '-u', 'neo4j', '-p', 'secret', 'RETURN 1'], need: 'none' },
    ],
  },
  {
    names: ['neo4j-admin'],
    effect: {
      template: 'subcommands',
      cases: {
        'database backup': { template: 'connect', address: { flags: ['--from'] }, what: 'pulls an online backup from a running server', explains: true },
        backup: { template: 'connect', address: { flags: ['--from'] }, what: 'pulls an online backup from a running server', explains: true },
      },
      default: LOCAL,
    },
    summary: 'Neo4j offline admin: set-initial-password, load, dump, import and copy work on local files; only `database backup --from` contacts a server.',
    source: 'neo4j/neo4j:community/neo4j-admin/src/main/java/org/neo4j/cli/AdminTool.java',
    examples: [
      { command: ['neo4j-admin', 'dbms', 'set-initial-password', 'secret'], need: 'none' },
      { command: ['neo4j-admin', 'database', 'load', 'neo4j', '--from-path=/backup', '--overwrite-destination=true'], need: 'none' },
      { command: ['neo4j-admin', 'database', 'backup', '--from=neo4j-core-0.neo4j:6362', '--to-path=/backups', 'neo4j'], need: 'required', dest: 'neo4j-core-0.neo4j:6362' },
    ],
  },
  {
    names: ['entrypoint.sh'],
    imageOnly: true,
    // The image's own ENTRYPOINT is Spark's; charts run this script through args (elixierco/elixier:images/core/Containerfile).
    images: [{ repo: 'abyres/releases/elixier' }],
    effect: {
      template: 'subcommands',
      cases: { 'first-init': APP_DB('migrates the Airflow metadata database and creates the admin user (`airflow db upgrade`, `airflow users create`)') },
      default: { template: 'opaque', why: 'starts an Airflow service (start, worker, scheduler) or runs `airflow` with its arguments' },
    },
    summary: 'Elixier image\'s Airflow entrypoint: `first-init` migrates the metadata database and creates the admin user; start, worker and scheduler run the services; anything else goes to `airflow`.',
    source: 'elixierco/elixier:images/core/entrypoints/airflow.sh',
    examples: [
      { image: 'registry.gitlab.com/abyres/releases/elixier:1.0.3-20230531.42', args: ['/opt/elixier/airflow/bin/entrypoint.sh', 'first-init'], need: 'required' },
      { image: 'registry.gitlab.com/abyres/releases/elixier:1.0.3-20230531.42', args: ['/opt/elixier/airflow/bin/entrypoint.sh', 'scheduler'], need: 'either' },
    ],
  },
  {
    names: ['airflow'],
    effect: {
      template: 'subcommands',
      valued: ['-v', '--verbose', '-o', '--output'],
      cases: {
        version: LOCAL,
        config: LOCAL,
        info: LOCAL,
        'cheat-sheet': LOCAL,
        'dags list-import-errors': APP_DB('reads import errors from the metadata database'),
        'celery worker': { template: 'opaque', why: 'runs a Celery worker, whose broker comes from the configuration' },
        scheduler: { template: 'opaque', why: 'runs the scheduler service' },
        webserver: { template: 'opaque', why: 'runs the web server' },
        'api-server': { template: 'opaque', why: 'runs the API server' },
        triggerer: { template: 'opaque', why: 'runs the triggerer service' },
      },
      default: { template: 'connect', url: { env: ['AIRFLOW__DATABASE__SQL_ALCHEMY_CONN', 'AIRFLOW__CORE__SQL_ALCHEMY_CONN'] }, what: 'uses the Airflow metadata database', explains: true },
    },
    summary: 'Airflow CLI: `db migrate|check|check-migrations`, `users create` and `connections` use the metadata database (AIRFLOW__DATABASE__SQL_ALCHEMY_CONN); `version` and `config` are local.',
    source: 'apache/airflow:airflow-core/src/airflow/cli/cli_config.py',
    examples: [
      { command: ['airflow', 'db', 'check-migrations', '--migration-wait-timeout=60'], need: 'required' },
      { command: ['airflow', 'db', 'migrate'], env: { AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: 'postgresql://airflow:secret@airflow-postgresql:5432/airflow' }, need: 'required', dest: 'airflow-postgresql:5432' },
      { command: ['airflow', 'config', 'get-value', 'core', 'executor'], need: 'none' },
    ],
  },
  {
    names: ['superset'],
    effect: {
      template: 'subcommands',
      cases: { version: LOCAL, 'fab version': LOCAL },
      default: { template: 'connect', host: { env: ['DB_HOST'] }, port: { env: ['DB_PORT'] }, what: 'uses the Superset metadata database (SQLALCHEMY_DATABASE_URI)', explains: true },
    },
    summary: 'Superset CLI: `db upgrade`, `init`, `fab create-admin` and `load-examples` work on the metadata database that superset_config.py names (the Helm chart builds it from DB_HOST/DB_PORT).',
    source: 'apache/superset:superset/cli/main.py',
    examples: [
      { command: ['superset', 'db', 'upgrade'], env: { DB_HOST: 'superset-postgresql', DB_PORT: '5432' }, need: 'required', dest: 'superset-postgresql:5432' },
      { command: ['superset', 'fab', 'create-admin', '--username', 'admin', '--firstname', 'S', '--lastname', 'A', '--email', 'a@b.c', '--password', 'x'], need: 'required' },
    ],
  },
  {
    names: ['flask'],
    effect: {
      template: 'subcommands',
      valued: ['-A', '--app', '-e', '--env-file'],
      cases: {
        'db upgrade': APP_DB('migrates the application database (SQLALCHEMY_DATABASE_URI)'),
        'db downgrade': APP_DB('migrates the application database (SQLALCHEMY_DATABASE_URI)'),
        'db stamp': APP_DB('writes the revision table'),
        'db current': APP_DB('reads the revision table'),
        'db check': APP_DB('compares models with the database'),
        'db migrate': APP_DB('autogenerates a revision by comparing models with the database'),
        'db init': LOCAL,
        'db revision': LOCAL,
        'db heads': LOCAL,
        'db history': LOCAL,
        'db branches': LOCAL,
        'db show': LOCAL,
        routes: LOCAL,
        run: { template: 'opaque', why: 'runs the development server' },
      },
      default: { template: 'opaque', why: 'runs an application-defined command' },
    },
    summary: 'Flask CLI with Flask-Migrate: `db upgrade` and friends use the application database; revision bookkeeping is local; other commands are the app\'s own.',
    source: 'miguelgrinberg/Flask-Migrate:src/flask_migrate/cli.py',
    examples: [
      { command: ['flask', 'db', 'upgrade'], need: 'required' },
      { command: ['flask', 'db', 'history'], need: 'none' },
      { command: ['flask', 'seed-users'], need: 'either' },
    ],
  },
  {
    names: ['wp'],
    effect: {
      template: 'subcommands',
      valued: ['--path', '--url', '--user', '--ssh', '--http'],
      cases: {
        'core download': WORDPRESS_ORG,
        'core version': LOCAL,
        'cli': LOCAL,
        'config create': APP_DB('checks the database credentials (unless --skip-check)'),
        'config set': LOCAL,
        'config get': LOCAL,
        'config shuffle-salts': LOCAL,
        'plugin install': WORDPRESS_ORG,
        'theme install': WORDPRESS_ORG,
      },
      default: APP_DB('loads WordPress, which connects to the database in wp-config.php'),
    },
    summary: 'WP-CLI: core install, options, users and plugin activation load WordPress and its database; `core download` and `plugin install` fetch from wordpress.org.',
    source: 'wp-cli/wp-cli:php/WP_CLI/Runner.php',
    examples: [
      { command: ['wp', 'core', 'install', '--url=https://blog.example.com', '--title=Blog', '--admin_user=admin', '--admin_email=a@b.c', '--skip-email'], need: 'required' },
      { command: ['wp', 'core', 'download', '--path=/var/www/html'], need: 'required', dest: 'downloads.wordpress.org:443' },
      { command: ['wp', 'config', 'set', 'WP_DEBUG', 'false', '--raw'], need: 'none' },
    ],
  },
  {
    names: ['drush'],
    effect: {
      template: 'subcommands',
      valued: ['-r', '--root', '-l', '--uri'],
      cases: { version: LOCAL, 'core:status': APP_DB('bootstraps Drupal against its database') },
      default: APP_DB('bootstraps Drupal, which connects to the database in settings.php'),
    },
    summary: 'Drush: site:install, updatedb, config:import, cache:rebuild and deploy bootstrap Drupal and use its database.',
    source: 'drush-ops/drush:src/Commands/core/UpdateDBCommands.php',
    examples: [
      { command: ['drush', 'updatedb', '-y'], need: 'required' },
      { command: ['drush', 'site:install', 'standard', '--db-url=mysql://drupal:secret@mariadb:3306/drupal', '-y'], need: 'required' },
    ],
  },
  {
    names: ['occ'],
    effect: {
      template: 'subcommands',
      cases: { 'app:install': { template: 'connect', url: { default: 'https://apps.nextcloud.com' }, what: 'downloads the app from the Nextcloud app store', explains: true } },
      default: APP_DB('runs Nextcloud, which connects to the database in config.php'),
    },
    summary: 'Nextcloud occ: maintenance:install, upgrade, config and user commands use the Nextcloud database; app:install downloads from the app store.',
    source: 'nextcloud/server:core/Command/Maintenance/Install.php',
    examples: [
      { command: ['php', 'occ', 'maintenance:install', '--database=pgsql', '--database-host=postgres', '--admin-user=admin', '--admin-pass=secret'], need: 'required' },
      { command: ['occ', 'upgrade'], need: 'required' },
      { command: ['occ', 'app:install', 'calendar'], need: 'required', dest: 'apps.nextcloud.com:443' },
    ],
  },
  {
    names: ['kc.sh'],
    // keycloak/keycloak:quarkus/container/Dockerfile: ENTRYPOINT ["/opt/keycloak/bin/kc.sh"].
    images: [{ repo: 'keycloak/keycloak', entrypoint: ['/opt/keycloak/bin/kc.sh'] }],
    effect: {
      template: 'subcommands',
      cases: {
        build: LOCAL,
        'show-config': LOCAL,
        tools: LOCAL,
        export: KC_DB,
        import: KC_DB,
        'bootstrap-admin': KC_DB,
      },
      default: { template: 'opaque', why: 'runs the Keycloak server (start, start-dev), whose database and cluster peers come from its configuration' },
    },
    summary: 'Keycloak launcher: `build` only optimises the local installation; `export`/`import` connect to the database (KC_DB_URL); `start` runs the server.',
    source: 'keycloak/keycloak:quarkus/runtime/src/main/java/org/keycloak/quarkus/runtime/cli/command/Build.java',
    examples: [
      { command: ['/opt/keycloak/bin/kc.sh', 'build', '--db=postgres', '--health-enabled=true'], need: 'none' },
      { command: ['/opt/keycloak/bin/kc.sh', 'import', '--dir', '/realms'], env: { KC_DB_URL: 'jdbc:postgresql://keycloak-db:5432/keycloak' }, need: 'required', dest: 'keycloak-db:5432' },
      { image: 'quay.io/keycloak/keycloak:26.0', args: ['build'], need: 'none' },
    ],
  },
  {
    names: ['kcadm.sh'],
    effect: {
      template: 'subcommands',
      cases: { 'config truststore': LOCAL },
      default: { template: 'connect', url: { flags: ['--server'] }, what: 'calls the Keycloak admin REST API (--server, else the server saved by `config credentials`)', explains: true },
    },
    summary: 'Keycloak admin CLI: `config credentials --server` logs in and every other command calls the admin REST API.',
    source: 'keycloak/keycloak:integration/admin-cli/src/main/java/org/keycloak/client/admin/cli/KcAdmMain.java',
    examples: [
      { command: ['/opt/keycloak/bin/kcadm.sh', 'config', 'credentials', '--server', 'http://keycloak:8080', '--realm', 'master', '--user', 'admin', '--password', 'secret'], need: 'required', dest: 'keycloak:8080' },
      { command: ['kcadm.sh', 'create', 'realms', '-s', 'realm=app', '-s', 'enabled=true'], need: 'required' },
    ],
  },
  {
    names: ['grafana'],
    effect: {
      template: 'subcommands',
      valued: ['--homepath', '--config'],
      cases: { cli: GRAFANA_CLI, server: { template: 'opaque', why: 'runs the Grafana server' } },
      default: LOCAL,
    },
    summary: 'Grafana binary: `grafana cli plugins install|update` download from grafana.com (or --repo / GF_PLUGIN_REPO); `grafana cli admin` opens Grafana\'s database; `grafana server` runs the server.',
    source: 'grafana/grafana:pkg/cmd/grafana/main.go',
    examples: [
      { command: ['grafana', 'cli', 'plugins', 'install', 'redis-datasource'], need: 'required', dest: 'grafana.com:443' },
      { command: ['grafana', 'cli', 'plugins', 'ls'], need: 'none' },
      { command: ['grafana', 'cli', 'admin', 'reset-admin-password', 'secret'], need: 'either' },
    ],
  },
  {
    names: ['grafana-cli'],
    effect: GRAFANA_CLI,
    summary: 'The standalone grafana-cli (older images, the Grafana chart\'s plugin installs): `plugins install|update` download from grafana.com (or --repo); `admin` opens Grafana\'s database.',
    source: 'grafana/grafana:pkg/cmd/grafana-cli/commands/commands.go',
    examples: [{ command: ['grafana-cli', '--pluginsDir', '/var/lib/grafana/plugins', 'plugins', 'install', 'grafana-piechart-panel'], need: 'required', dest: 'grafana.com:443' }, { command: ['grafana-cli', 'plugins', 'ls'], need: 'none' }],
  },
  {
    names: ['gitea', 'forgejo'],
    effect: {
      template: 'subcommands',
      valued: ['-c', '--config', '-C', '--custom-path', '-w', '--work-path'],
      cases: {
        generate: LOCAL,
        cert: LOCAL,
        help: LOCAL,
        web: { template: 'opaque', why: 'runs the Gitea server' },
        hook: GITEA_INTERNAL,
        serv: GITEA_INTERNAL,
        keys: GITEA_INTERNAL,
        manager: GITEA_INTERNAL,
      },
      default: {
        template: 'value',
        from: { env: ['GITEA__database__DB_TYPE', 'GITEA__DATABASE__DB_TYPE', 'FORGEJO__database__DB_TYPE'] },
        cases: { sqlite3: LOCAL },
        default: { template: 'connect', address: { env: ['GITEA__database__HOST', 'GITEA__DATABASE__HOST', 'FORGEJO__database__HOST'] }, what: 'opens the database app.ini names (migrate, admin, doctor, dump)', explains: true },
      },
    },
    summary: 'Gitea/Forgejo binary: `migrate`, `admin user create` and `doctor` open the database from app.ini (GITEA__database__HOST); `generate secret` and `cert` are local.',
    source: 'go-gitea/gitea:cmd/migrate.go',
    examples: [
      { command: ['gitea', 'migrate'], env: { GITEA__database__HOST: 'gitea-postgresql:5432' }, need: 'required', dest: 'gitea-postgresql:5432' },
      { command: ['gitea', 'admin', 'user', 'create', '--admin', '--username', 'root', '--password', 'x', '--email', 'r@example.com'], need: 'required' },
      { command: ['gitea', 'generate', 'secret', 'INTERNAL_TOKEN'], need: 'none' },
      { command: ['gitea', 'migrate'], env: { GITEA__database__DB_TYPE: 'sqlite3' }, need: 'none' },
    ],
  },
  {
    names: ['mmctl'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--local'], env: ['MMCTL_LOCAL'], then: { template: 'loopback', what: 'talks to the server over its local-mode Unix socket', explains: true } }],
      default: { template: 'connect', what: 'calls the Mattermost API at the URL saved by `mmctl auth login`', explains: true },
    },
    summary: 'Mattermost admin CLI: with --local it uses the server\'s Unix socket; otherwise it calls the API of the server it logged in to.',
    source: 'mattermost/mmctl:commands/init.go',
    examples: [
      { command: ['mmctl', '--local', 'user', 'create', '--email', 'a@b.c', '--username', 'admin', '--password', 'x', '--system-admin'], need: 'none' },
      { command: ['mmctl', 'team', 'create', '--name', 'eng', '--display-name', 'Engineering'], need: 'required' },
    ],
  },
  {
    names: ['sentry'],
    effect: {
      template: 'subcommands',
      valued: ['--config'],
      cases: {
        init: LOCAL,
        'config generate-secret-key': LOCAL,
        help: LOCAL,
        run: { template: 'opaque', why: 'runs a Sentry service (web, worker, consumer)' },
      },
      default: APP_DB('uses the PostgreSQL database (and caches) that sentry.conf.py names'),
    },
    summary: 'Sentry CLI: `upgrade`, `createuser` and `django migrate` work on the Sentry database from sentry.conf.py; `init` and `config generate-secret-key` are local.',
    source: 'getsentry/sentry:src/sentry/runner/commands/upgrade.py',
    examples: [
      { command: ['sentry', 'upgrade', '--noinput'], need: 'required' },
      { command: ['sentry', 'config', 'generate-secret-key'], need: 'none' },
    ],
  },
  {
    names: ['snuba'],
    effect: {
      template: 'subcommands',
      cases: {
        api: { template: 'opaque', why: 'runs the Snuba API service' },
        consumer: { template: 'opaque', why: 'runs a Kafka consumer' },
        'rust-consumer': { template: 'opaque', why: 'runs a Kafka consumer' },
      },
      default: { template: 'connect', host: { env: ['CLICKHOUSE_HOST'] }, port: { env: ['CLICKHOUSE_PORT'], default: '9000' }, what: 'runs ClickHouse migrations (bootstrap also creates Kafka topics)' },
    },
    summary: 'Snuba CLI: `bootstrap` and `migrations migrate` reach ClickHouse (CLICKHOUSE_HOST) and, for bootstrap, Kafka (DEFAULT_BROKERS).',
    source: 'getsentry/snuba:snuba/cli/bootstrap.py',
    examples: [
      { command: ['snuba', 'bootstrap', '--no-migrate', '--force'], env: { CLICKHOUSE_HOST: 'sentry-clickhouse', CLICKHOUSE_PORT: '9000' }, need: 'required', dest: 'sentry-clickhouse:9000' },
      { command: ['snuba', 'migrations', 'migrate', '--force'], need: 'required' },
    ],
  },
  {
    names: ['zitadel'],
    effect: {
      template: 'subcommands',
      valued: ['--config', '--steps', '--masterkey', '--masterkeyFile'],
      cases: { ready: { template: 'loopback', what: 'checks the local server\'s health endpoint' } },
      default: ZITADEL_DB,
    },
    summary: 'Zitadel binary: `init`, `setup` and `start-from-init` connect to the database (ZITADEL_DATABASE_POSTGRES_HOST or the config file); `ready` probes the local server.',
    source: 'zitadel/zitadel:cmd/admin/initialise/init.go',
    examples: [
      { command: ['zitadel', 'init', '--config', '/config/zitadel-config.yaml'], env: { ZITADEL_DATABASE_POSTGRES_HOST: 'zitadel-db', ZITADEL_DATABASE_POSTGRES_PORT: '5432' }, need: 'required', dest: 'zitadel-db:5432' },
      { command: ['/app/zitadel', 'setup', '--masterkeyFromEnv', '--config', '/config/zitadel-config.yaml'], need: 'required' },
    ],
  },
  {
    names: ['solr'],
    effect: {
      template: 'subcommands',
      cases: {
        zk: SOLR_ZK,
        start: { template: 'opaque', why: 'runs the Solr server' },
        version: LOCAL,
      },
      // `auth enable -z` and `create -z` write to ZooKeeper rather than a node.
      default: {
        template: 'flags',
        cases: [{ has: ['-z', '--zk-host', '-zkHost'], env: ['ZK_HOST'], then: SOLR_ZK }],
        default: { template: 'connect', url: { flags: ['--solr-url', '-solrUrl', '-url'], default: 'http://localhost:8983' }, what: 'calls the Solr API', explains: true },
      },
    },
    summary: 'Solr control script: `zk upconfig|cp|mkroot` talk to ZooKeeper (-z, ZK_HOST); `create`, `healthcheck` and `auth` call a Solr node (default localhost:8983).',
    source: 'apache/solr:solr/bin/solr',
    examples: [
      { command: ['solr', 'zk', 'cp', 'file:/tmp/solr.xml', 'zk:/solr.xml', '-z', 'zookeeper:2181'], need: 'required', dest: 'zookeeper:2181' },
      { command: ['/opt/solr/bin/solr', 'create', '-c', 'products'], need: 'none' },
      { command: ['solr', 'auth', 'enable', '--type', 'basicAuth', '--credentials', 'admin:secret', '-z', 'zk-0.zk:2181'], need: 'required', dest: 'zk-0.zk:2181' },
    ],
  },
  {
    names: ['zkcli.sh'],
    effect: { template: 'connect', address: { flags: ['-zkhost', '-z'] }, what: 'uploads or reads configuration in ZooKeeper' },
    summary: 'Solr\'s ZooKeeper CLI (server/scripts/cloud-scripts): upconfig, linkconfig, putfile and clusterprop against -zkhost.',
    source: 'apache/solr:solr/server/scripts/cloud-scripts/zkcli.sh',
    examples: [{ command: ['/opt/solr/server/scripts/cloud-scripts/zkcli.sh', '-zkhost', 'zookeeper:2181', '-cmd', 'upconfig', '-confdir', '/conf', '-confname', 'app'], need: 'required', dest: 'zookeeper:2181' }],
  },
  {
    names: ['couchbase-cli'],
    effect: { template: 'connect', url: { flags: ['-c', '--cluster'] }, what: 'calls the Couchbase cluster\'s REST API', explains: true },
    summary: 'Couchbase cluster admin: cluster-init, bucket-create, server-add and rebalance call the node given by -c.',
    source: 'couchbase/couchbase-cli:cbmgr.py',
    examples: [{ command: ['couchbase-cli', 'cluster-init', '-c', 'couchbase://couchbase-0.couchbase:8091', '--cluster-username', 'admin', '--cluster-password', 'secret'], need: 'required', dest: 'couchbase-0.couchbase:8091' }],
  },
  {
    names: ['ysqlsh'],
    effect: { template: 'connect', host: { flags: ['-h', '--host'], env: ['PGHOST'], default: 'localhost' }, port: { flags: ['-p', '--port'], env: ['PGPORT'], default: '5433' }, what: 'connects to YSQL' },
    summary: 'YugabyteDB\'s psql (YSQL shell): libpq options, default port 5433.',
    source: 'yugabyte/yugabyte-db:bin/ysqlsh',
    examples: [
      { command: ['ysqlsh', '-h', 'yb-tservers', '-c', 'CREATE DATABASE app'], need: 'required', dest: 'yb-tservers:5433' },
      { command: ['ysqlsh', '-c', 'select 1'], need: 'none' },
    ],
  },
  {
    names: ['ycqlsh'],
    effect: { template: 'connect', host: { positional: 0, env: ['CQLSH_HOST'], default: '127.0.0.1' }, port: { positional: 1, env: ['CQLSH_PORT'], default: '9042' }, what: 'connects to YCQL' },
    summary: 'YugabyteDB\'s cqlsh (YCQL shell): host and port arguments, default 127.0.0.1:9042.',
    source: 'yugabyte/yugabyte-db:bin/ycqlsh',
    examples: [{ command: ['ycqlsh', 'yb-tservers', '9042', '-e', 'DESCRIBE KEYSPACES'], need: 'required', dest: 'yb-tservers:9042' }],
  },
  {
    names: ['yb-admin'],
    effect: { template: 'connect', address: { flags: ['--master_addresses', '-master_addresses'], default: 'localhost:7100' }, what: 'calls the YB-Master RPC service', explains: true },
    summary: 'YugabyteDB admin: cluster, tablet and replication commands call the masters in --master_addresses (default localhost:7100).',
    source: 'yugabyte/yugabyte-db:src/yb/tools/yb-admin_cli.cc',
    examples: [{ command: ['yb-admin', '--master_addresses', 'yb-master-0.yb-masters:7100', 'list_all_tablet_servers'], need: 'required', dest: 'yb-master-0.yb-masters:7100' }],
  },
  {
    names: ['zkServer-initialize.sh'],
    effect: LOCAL,
    summary: 'ZooKeeper data directory initialiser: writes myid and creates the data directories.',
    source: 'apache/zookeeper:bin/zkServer-initialize.sh',
    examples: [{ command: ['/apache-zookeeper/bin/zkServer-initialize.sh', '--force', '--myid=1'], need: 'none' }],
  },
  {
    names: ['zkServer.sh'],
    effect: {
      template: 'subcommands',
      cases: {
        status: { template: 'loopback', what: 'asks the local server (clientPortAddress, default localhost) for its mode' },
        stop: LOCAL,
        version: LOCAL,
        'print-cmd': LOCAL,
      },
      default: { template: 'opaque', why: 'runs the ZooKeeper server, which joins the ensemble in zoo.cfg' },
    },
    summary: 'ZooKeeper control script: `status` queries the local server, `stop` signals it, `start`/`start-foreground` run the server.',
    source: 'apache/zookeeper:bin/zkServer.sh',
    examples: [
      { command: ['zkServer.sh', 'status'], need: 'none' },
      { command: ['zkServer.sh', 'print-cmd'], need: 'none' },
    ],
  },
  {
    names: ['zkCleanup.sh', 'zkTxnLogToolkit.sh', 'zkSnapShotToolkit.sh', 'zkSnapshotComparer.sh'],
    effect: LOCAL,
    summary: 'ZooKeeper offline tools: purge old snapshots and logs, dump or compare snapshot and transaction log files.',
    source: 'apache/zookeeper:bin/zkCleanup.sh',
    examples: [{ command: ['zkCleanup.sh', '-n', '3'], need: 'none' }],
  },
  {
    names: ['nk'],
    effect: LOCAL,
    summary: 'NATS nkey tool: generates, signs and verifies ed25519 nkeys offline.',
    source: 'nats-io/nkeys:nk/main.go',
    examples: [{ command: ['nk', '-gen', 'user', '-pubout'], need: 'none' }],
  },
  {
    names: ['litestream'],
    images: [{ repo: 'litestream/litestream', entrypoint: ['/usr/local/bin/litestream'] }],
    effect: {
      template: 'subcommands',
      valued: ['-config', '-o', '-timestamp', '-integrity-check'],
      cases: { version: LOCAL, databases: LOCAL },
      default: { template: 'connect', what: 'reads or writes the SQLite replica (S3, GCS, Azure, SFTP) named by the URL or litestream.yml' },
    },
    summary: 'Litestream: `restore` fetches a SQLite database from its replica and `replicate` streams WAL to it, typically object storage.',
    source: 'benbjohnson/litestream:cmd/litestream/restore.go',
    examples: [
      { command: ['litestream', 'restore', '-if-db-not-exists', '-if-replica-exists', '/data/app.db'], need: 'required' },
      { image: 'litestream/litestream:0.3.13', args: ['restore', '-o', '/data/app.db', 's3://backups/app.db'], need: 'required' },
      { command: ['litestream', 'version'], need: 'none' },
    ],
  },
  {
    names: ['artemis'],
    effect: {
      template: 'subcommands',
      valued: ['--user', '--password', '--url', '--name'],
      cases: {
        create: LOCAL,
        upgrade: LOCAL,
        'mask': LOCAL,
        data: LOCAL,
        run: { template: 'opaque', why: 'runs the broker' },
        stop: { template: 'loopback', what: 'stops the local broker' },
      },
      default: { template: 'connect', url: { flags: ['--url'], default: 'tcp://localhost:61616' }, what: 'talks to the broker', explains: true },
    },
    summary: 'ActiveMQ Artemis CLI: `create` writes a broker instance and `mask` hashes passwords locally; queue, address and producer commands talk to the broker (--url, default tcp://localhost:61616).',
    source: 'apache/activemq-artemis:artemis-cli/src/main/java/org/apache/activemq/artemis/cli/commands/Create.java',
    examples: [
      { command: ['/opt/amq/bin/artemis', 'create', '/var/lib/artemis-instance', '--user', 'admin', '--password', 'secret', '--require-login'], need: 'none' },
      { command: ['artemis', 'queue', 'create', '--name', 'orders', '--url', 'tcp://artemis-0.artemis:61616', '--auto-create-address', '--anycast'], need: 'required', dest: 'artemis-0.artemis:61616' },
    ],
  },
  {
    names: ['mosquitto_passwd'],
    effect: LOCAL,
    summary: 'Mosquitto password file tool: adds, deletes and hashes users in a local password file.',
    source: 'eclipse/mosquitto:apps/mosquitto_passwd/mosquitto_passwd.c',
    examples: [{ command: ['mosquitto_passwd', '-b', '-c', '/mosquitto/config/passwd', 'app', 'secret'], need: 'none' }],
  },
  {
    names: ['mosquitto_pub', 'mosquitto_sub', 'mosquitto_rr'],
    effect: {
      template: 'flags',
      cases: [{ has: ['-L', '--url'], then: { template: 'connect', url: { flags: ['-L', '--url'] }, what: 'connects to the MQTT broker' } }],
      default: { template: 'connect', host: { flags: ['-h', '--host'], default: 'localhost' }, port: { flags: ['-p', '--port'], default: '1883' }, what: 'connects to the MQTT broker' },
    },
    summary: 'Mosquitto MQTT clients: publish, subscribe or request/response against -h/-p (default localhost:1883) or an -L URL.',
    source: 'eclipse/mosquitto:client/client_shared.c',
    examples: [
      { command: ['mosquitto_pub', '-h', 'mosquitto', '-t', 'init/ready', '-m', '1'], need: 'required', dest: 'mosquitto:1883' },
      { command: ['mosquitto_sub', '-L', 'mqtt://broker.iot:1883/status', '-C', '1'], need: 'required', dest: 'broker.iot:1883' },
    ],
  },
  {
    names: ['mosquitto_ctrl'],
    effect: {
      template: 'subcommands',
      valued: ['-h', '-p', '-u', '-P', '-o', '-L', '--cafile', '--cert', '--key'],
      cases: { 'dynsec init': LOCAL },
      default: { template: 'connect', host: { flags: ['-h'], default: 'localhost' }, port: { flags: ['-p'], default: '1883' }, what: 'sends dynamic-security commands to the broker' },
    },
    summary: 'Mosquitto dynamic security control: `dynsec init` writes a local config file; other commands go to the broker over MQTT.',
    source: 'eclipse/mosquitto:apps/mosquitto_ctrl/mosquitto_ctrl.c',
    examples: [
      { command: ['mosquitto_ctrl', 'dynsec', 'init', '/mosquitto/config/dynamic-security.json', 'admin', 'secret'], need: 'none' },
      { command: ['mosquitto_ctrl', '-h', 'mosquitto', '-u', 'admin', '-P', 'secret', 'dynsec', 'createClient', 'app'], need: 'required', dest: 'mosquitto:1883' },
    ],
  },
  {
    names: ['rpk'],
    effect: {
      template: 'subcommands',
      valued: ['-X', '--config', '--profile', '--brokers', '--api-urls'],
      cases: {
        'redpanda config': LOCAL,
        'redpanda tune': LOCAL,
        'redpanda mode': LOCAL,
        'redpanda start': { template: 'opaque', why: 'runs the Redpanda broker' },
        profile: LOCAL,
        version: LOCAL,
        generate: LOCAL,
        cluster: RPK_ADMIN,
        security: RPK_ADMIN,
      },
      default: { template: 'connect', address: { flags: ['--brokers'], env: ['RPK_BROKERS'] }, what: 'calls the Kafka API (-X brokers, RPK_BROKERS or the profile)', explains: true },
    },
    summary: 'Redpanda CLI: `redpanda config bootstrap|set`, `tune` and `profile` only edit local files and kernel settings; topic and group commands call the Kafka API, cluster commands the admin API.',
    source: 'redpanda-data/redpanda:src/go/rpk/pkg/config/params.go',
    examples: [
      { command: ['rpk', 'redpanda', 'config', 'bootstrap', '--self', '10.0.0.5', '--advertised-kafka', 'redpanda-0.redpanda:9093'], need: 'none' },
      { command: ['rpk', 'topic', 'create', 'orders', '-p', '6'], env: { RPK_BROKERS: 'redpanda-0.redpanda:9093' }, need: 'required', dest: 'redpanda-0.redpanda:9093' },
      { command: ['rpk', 'cluster', 'config', 'set', 'auto_create_topics_enabled', 'false'], need: 'required' },
    ],
  },
  {
    names: ['logstash-plugin'],
    effect: {
      template: 'subcommands',
      cases: {
        install: { template: 'flags', cases: [{ has: ['--local'], then: LOCAL }], default: RUBYGEMS },
        update: { template: 'flags', cases: [{ has: ['--local'], then: LOCAL }], default: RUBYGEMS },
        'prepare-offline-pack': RUBYGEMS,
      },
      default: LOCAL,
    },
    summary: 'Logstash plugin manager: `install`/`update` resolve gems from rubygems.org (unless --local or a file:// pack); `list` and `remove` are local.',
    source: 'elastic/logstash:lib/pluginmanager/install.rb',
    examples: [
      { command: ['logstash-plugin', 'install', 'logstash-output-opensearch'], need: 'required', dest: 'rubygems.org:443' },
      { command: ['logstash-plugin', 'list', '--verbose'], need: 'none' },
      { command: ['/usr/share/logstash/bin/logstash-plugin', 'install', '--local', 'logstash-filter-foo'], need: 'none' },
    ],
  },
  {
    names: ['logstash-keystore', 'kibana-keystore', 'opensearch-dashboards-keystore'],
    effect: LOCAL,
    summary: 'Logstash and Kibana secure settings keystores: create, add and remove entries in a local file.',
    source: 'elastic/logstash:bin/logstash-keystore',
    examples: [
      { command: ['logstash-keystore', '--path.settings', '/usr/share/logstash/config', 'create'], need: 'none' },
      { command: ['kibana-keystore', 'add', 'elasticsearch.password', '--stdin'], need: 'none' },
    ],
  },
  {
    names: ['kibana-plugin', 'opensearch-dashboards-plugin'],
    effect: {
      template: 'subcommands',
      cases: { install: { template: 'connect', url: { positional: 0 }, what: 'downloads the plugin archive', explains: true } },
      default: LOCAL,
    },
    summary: 'Kibana / OpenSearch Dashboards plugin manager: `install <url>` downloads the archive (a file:// URL is local); `list` and `remove` are local.',
    source: 'elastic/kibana:src/dev/build/tasks/bin/scripts/kibana-plugin',
    examples: [
      { command: ['/usr/share/kibana/bin/kibana-plugin', 'install', 'https://github.com/acme/kbn-plugin/releases/download/v1/plugin.zip'], need: 'required', dest: 'github.com:443' },
      { command: ['opensearch-dashboards-plugin', 'list'], need: 'none' },
    ],
  },
  {
    names: ['kibana-encryption-keys', 'kibana-verification-code'],
    effect: LOCAL,
    summary: 'Kibana helpers: generate encryption keys, or print the interactive-setup verification code from the data directory.',
    source: 'elastic/kibana:src/dev/build/tasks/bin/scripts/kibana-encryption-keys',
    examples: [{ command: ['kibana-encryption-keys', 'generate', '-q'], need: 'none' }],
  },
  {
    names: ['kibana-setup'],
    effect: { template: 'connect', what: 'enrolls with the Elasticsearch cluster whose addresses the enrollment token carries' },
    summary: 'Kibana enrollment: exchanges an enrollment token with Elasticsearch and writes the connection settings.',
    source: 'elastic/kibana:src/dev/build/tasks/bin/scripts/kibana-setup',
    examples: [{ command: ['kibana-setup', '--enrollment-token', 'eyJ2ZXIiOiI4LjE0LjAiLCJhZHIiOlsiMTAuMC4wLjU6OTIwMCJdfQ=='], need: 'required' }],
  },
  {
    names: ['filebeat', 'metricbeat', 'heartbeat', 'auditbeat', 'packetbeat'],
    effect: {
      template: 'subcommands',
      valued: ['-c', '-E', '--path.config', '--path.data', '--path.home', '--strict.perms'],
      cases: {
        setup: { template: 'connect', what: 'loads index templates and dashboards into the Elasticsearch and Kibana its configuration names' },
        'test output': { template: 'connect', what: 'connects to the configured output' },
        'test config': LOCAL,
        keystore: LOCAL,
        export: LOCAL,
        version: LOCAL,
        modules: LOCAL,
      },
      default: { template: 'opaque', why: 'runs the Beat, which ships to the output its configuration names' },
    },
    summary: 'Elastic Beats: `setup` loads templates and dashboards into Elasticsearch/Kibana; `keystore`, `modules`, `export` and `test config` are local; otherwise the Beat runs.',
    source: 'elastic/beats:libbeat/cmd/setup.go',
    examples: [
      { command: ['filebeat', 'setup', '--index-management', '-E', 'output.elasticsearch.hosts=["es:9200"]'], need: 'required' },
      { command: ['metricbeat', 'modules', 'enable', 'kubernetes'], need: 'none' },
      { command: ['filebeat', 'keystore', 'add', 'ES_PWD', '--stdin', '--force'], need: 'none' },
    ],
  },
  {
    names: ['clickhouse'],
    effect: {
      template: 'subcommands',
      cases: {
        client: CLICKHOUSE_CLIENT,
        benchmark: CLICKHOUSE_CLIENT,
        'keeper-client': CLICKHOUSE_KEEPER_CLIENT,
        local: LOCAL,
        format: LOCAL,
        compressor: LOCAL,
        'extract-from-config': LOCAL,
        obfuscator: LOCAL,
        disks: LOCAL,
        install: LOCAL,
        server: { template: 'opaque', why: 'runs the ClickHouse server' },
        keeper: { template: 'opaque', why: 'runs ClickHouse Keeper, which joins the raft peers in its configuration' },
      },
      default: LOCAL,
    },
    summary: 'ClickHouse multi-call binary: `clickhouse client` and `keeper-client` connect (default localhost); `local`, `format` and `extract-from-config` only read files.',
    source: 'ClickHouse/ClickHouse:programs/main.cpp',
    examples: [
      { command: ['clickhouse', 'client', '--host', 'clickhouse-shard0', '--query', 'SELECT 1'], need: 'required', dest: 'clickhouse-shard0:9000' },
      { command: ['clickhouse', 'extract-from-config', '--config-file', '/etc/clickhouse-server/config.xml', '--key', 'path'], need: 'none' },
      { command: ['clickhouse', 'local', '--query', 'SELECT 1'], need: 'none' },
    ],
  },
  {
    names: ['clickhouse-local', 'clickhouse-format', 'clickhouse-compressor', 'clickhouse-extract-from-config', 'clickhouse-obfuscator'],
    effect: LOCAL,
    summary: 'ClickHouse file-only tools: the local engine, query formatter, compressor and config reader.',
    source: 'ClickHouse/ClickHouse:programs/local/LocalServer.cpp',
    examples: [{ command: ['clickhouse-local', '--query', "SELECT count() FROM file('/data/x.csv')"], need: 'none' }],
  },
  {
    names: ['clickhouse-keeper-client'],
    effect: CLICKHOUSE_KEEPER_CLIENT,
    summary: 'ClickHouse Keeper client: reads and writes znodes on --host (default localhost:9181).',
    source: 'ClickHouse/ClickHouse:programs/keeper-client/KeeperClient.cpp',
    examples: [{ command: ['clickhouse-keeper-client', '--host', 'keeper-0.keeper', '-q', 'ls /'], need: 'required', dest: 'keeper-0.keeper:9181' }],
  },
  {
    names: ['clickhouse-benchmark'],
    effect: CLICKHOUSE_CLIENT,
    summary: 'ClickHouse benchmark: sends queries to --host (default localhost:9000).',
    source: 'ClickHouse/ClickHouse:programs/benchmark/Benchmark.cpp',
    examples: [{ command: ['clickhouse-benchmark', '--host', 'clickhouse', '-i', '10'], need: 'required', dest: 'clickhouse:9000' }],
  },
  {
    names: ['influxd'],
    effect: {
      template: 'subcommands',
      cases: {
        upgrade: LOCAL, inspect: LOCAL, recovery: LOCAL, 'print-config': LOCAL, version: LOCAL, downgrade: LOCAL,
        // 1.x: both talk to the server's RPC bind address (-host, default localhost:8088); restore only with
        // -portable or -online, otherwise it unpacks into -metadir/-datadir (influxdata/influxdb:cmd/influxd/restore/restore.go@1.8).
        backup: INFLUXD_RPC,
        restore: { template: 'flags', cases: [{ has: ['-portable', '--portable', '-online', '--online'], then: INFLUXD_RPC }], default: LOCAL },
      },
      default: { template: 'opaque', why: 'runs the InfluxDB server' },
    },
    summary: 'InfluxDB server binary: 2.x `upgrade` converts 1.x data and config on disk, `inspect` and `recovery` work on the local engine files; 1.x `backup` and online `restore` use the server\'s RPC port; `run` is the server.',
    source: 'influxdata/influxdb:cmd/influxd/upgrade/upgrade.go@main-2.x, influxdata/influxdb:cmd/influxd/backup/backup.go@1.8',
    examples: [
      { command: ['influxd', 'upgrade', '--v1-dir', '/var/lib/influxdb', '--force'], need: 'none' },
      { command: ['influxd', 'recovery', 'user', 'list', '--bolt-path', '/var/lib/influxdb2/influxd.bolt'], need: 'none' },
      { command: ['influxd', 'backup', '-host', 'influxdb.monitoring.svc:8088', '-portable', '/backup/20240101'], need: 'required', dest: 'influxdb.monitoring.svc:8088' },
      { command: ['influxd', 'restore', '-portable', '-host', 'influxdb:8088', '/backup/20240101'], need: 'required', dest: 'influxdb:8088' },
      { command: ['influxd', 'restore', '-metadir', '/var/lib/influxdb/meta', '/backup'], need: 'none' },
    ],
  },
  {
    names: ['dremio-admin'],
    effect: {
      template: 'subcommands',
      // Each opens the KV store under the data directory through CmdUtils.getKVStoreProvider (LocalKVStoreProvider).
      cases: { upgrade: LOCAL, clean: LOCAL, restore: LOCAL, 'set-password': LOCAL, 'reset-catalog-search': LOCAL, encrypt: LOCAL },
      default: { template: 'opaque', why: 'backup and export-profiles call the running coordinator\'s REST API (or attach to its local JVM with -l)' },
    },
    summary: 'Dremio admin tool: upgrade, clean, restore, set-password and reset-catalog-search work on the local KV store in the data directory; backup and export-profiles ask a running coordinator.',
    source: 'dremio/dremio-oss:dac/daemon/src/main/java/com/dremio/dac/cmd/upgrade/Upgrade.java',
    examples: [
      { command: ['/opt/dremio/bin/dremio-admin', 'upgrade'], need: 'none' },
      { command: ['dremio-admin', 'clean', '-o'], need: 'none' },
      { command: ['dremio-admin', 'backup', '-d', '/backup', '-u', 'admin', '-p', 'secret'], need: 'either' },
    ],
  },
  {
    names: ['sqlite3', 'sqlite'],
    effect: LOCAL,
    summary: 'SQLite shell: reads and writes a local database file.',
    source: 'sqlite/sqlite:src/shell.c.in',
    examples: [{ command: ['sqlite3', '/data/app.db', 'PRAGMA journal_mode=WAL;'], need: 'none' }],
  },
  {
    names: ['pgloader'],
    effect: { template: 'connect', url: { positional: 0 }, what: 'reads the source database or file and loads PostgreSQL', explains: true },
    summary: 'pgloader: migrates a source (MySQL, SQLite, MS SQL, CSV) into PostgreSQL, given as two connection strings or a command file.',
    source: 'dimitri/pgloader:src/main.lisp',
    examples: [
      { command: ['pgloader', 'mysql://root:secret@mysql:3306/app', 'postgresql://postgres@postgres:5432/app'], need: 'required', dest: 'mysql:3306' },
      { command: ['pgloader', '/migrate/app.load'], need: 'required' },
    ],
  },
  {
    names: ['pg_autoctl'],
    effect: {
      template: 'subcommands',
      valued: ['--pgdata', '--monitor', '--hostname', '--pgport', '--formation', '--name', '--auth', '--ssl-mode'],
      cases: {
        'create monitor': LOCAL,
        'create postgres': PG_AUTOCTL_MONITOR,
        'create coordinator': PG_AUTOCTL_MONITOR,
        'create worker': PG_AUTOCTL_MONITOR,
        version: LOCAL,
        'config get': LOCAL,
        'config set': LOCAL,
      },
      default: { template: 'opaque', why: 'talks to the monitor whose URI is in the node\'s pg_autoctl.cfg' },
    },
    summary: 'pg_auto_failover: `create monitor` sets up a local monitor; `create postgres` registers with the monitor at --monitor / PG_AUTOCTL_MONITOR; state commands ask the monitor.',
    source: 'hapostgres/pg_auto_failover:src/bin/pg_autoctl/cli_create_node.c',
    examples: [
      { command: ['pg_autoctl', 'create', 'postgres', '--pgdata', '/data', '--monitor', 'postgres://autoctl_node@monitor:5432/pg_auto_failover', '--auth', 'trust'], need: 'required', dest: 'monitor:5432' },
      { command: ['pg_autoctl', 'create', 'monitor', '--pgdata', '/data/monitor', '--auth', 'trust'], need: 'none' },
    ],
  },
  {
    names: ['ksql'],
    effect: { template: 'connect', url: { positional: 0, default: 'http://localhost:8088' }, what: 'calls the ksqlDB server', explains: true },
    summary: 'ksqlDB CLI: runs statements (or a -f file) against the server URL argument, default http://localhost:8088.',
    source: 'confluentinc/ksql:ksqldb-cli/src/main/java/io/confluent/ksql/cli/Options.java',
    examples: [{ command: ['ksql', 'http://ksqldb-server:8088', '-f', '/scripts/streams.sql'], need: 'required', dest: 'ksqldb-server:8088' }],
  },
  sstableTool('sstableupgrade', 'StandaloneUpgrader.java', 'Rewrites a stopped Cassandra node\'s SSTables in the current format.', ['app', 'users']),
  sstableTool('sstablescrub', 'StandaloneScrubber.java', 'Scrubs (validates and rewrites) a stopped Cassandra node\'s SSTables.', ['app', 'users']),
  sstableTool('sstabledump', 'SSTableExport.java', 'Dumps an SSTable file as JSON.', ['/var/lib/cassandra/data/app/users/nb-1-big-Data.db']),
  debianPgCluster('pg_createcluster', 'Debian postgresql-common: creates a PostgreSQL cluster directory and its configuration.', ['16', 'main', '--start']),
  debianPgCluster('pg_ctlcluster', 'Debian postgresql-common: starts, stops or reloads a local PostgreSQL cluster.', ['16', 'main', 'start']),
  debianPgCluster('pg_dropcluster', 'Debian postgresql-common: removes a local PostgreSQL cluster.', ['16', 'main', '--stop']),
  debianPgCluster('pg_upgradecluster', 'Debian postgresql-common: upgrades a local cluster to a newer major version (dump/restore or pg_upgrade on local sockets).', ['15', 'main']),
  debianPgCluster('pg_lsclusters', 'Debian postgresql-common: lists local PostgreSQL clusters.', []),
  debianPgCluster('pg_conftool', 'Debian postgresql-common: reads or sets a cluster\'s configuration parameters.', ['16', 'main', 'set', 'max_connections', '200']),
  pgClient('vacuumlo', 'contrib/vacuumlo/vacuumlo.c', 'Removes orphaned large objects from a PostgreSQL database over libpq.', ['app']),
  pgClient('oid2name', 'contrib/oid2name/oid2name.c', 'Maps PostgreSQL OIDs and filenodes to names over libpq.', ['-d', 'app']),
  {
    names: ['pg_test_fsync', 'pg_test_timing'],
    effect: LOCAL,
    summary: 'PostgreSQL benchmarks of the local disk\'s fsync methods and the clock.',
    source: 'postgres/postgres:src/bin/pg_test_fsync/pg_test_fsync.c',
    examples: [{ command: ['pg_test_fsync', '-f', '/var/lib/postgresql/data/fsync.test'], need: 'none' }],
  },
  {
    names: ['pg_repack'],
    effect: PG_CONNECT,
    summary: 'pg_repack client: rebuilds bloated tables and indexes online through the extension, over libpq.',
    source: 'reorg/pg_repack:bin/pg_repack.c',
    examples: [
      { command: ['pg_repack', '-h', 'postgres', '-U', 'postgres', '-d', 'app', '--table', 'events'], need: 'required', dest: 'postgres:5432' },
      { command: ['pg_repack', '-d', 'app', '--all'], need: 'none' },
    ],
  },
  {
    names: ['pgcli'],
    effect: {
      template: 'flags',
      cases: [{ has: ['-h', '--host'], env: ['PGHOST'], then: PG_CONNECT }],
      default: { template: 'connect', url: { positional: 0 }, what: 'connects to PostgreSQL (a URL argument, else the local socket)', explains: true },
    },
    summary: 'pgcli interactive PostgreSQL client: libpq host options or a postgres:// URL argument.',
    source: 'dbcli/pgcli:pgcli/main.py',
    examples: [
      { command: ['pgcli', 'postgresql://app:secret@postgres:5432/app'], need: 'required', dest: 'postgres:5432' },
      { command: ['pgcli', '-h', 'pg-primary', '-U', 'app', 'app'], need: 'required', dest: 'pg-primary:5432' },
    ],
  },
  {
    names: ['pgcopydb'],
    effect: {
      template: 'subcommands',
      cases: { help: LOCAL, version: LOCAL },
      default: { template: 'connect', url: { flags: ['--source'], env: ['PGCOPYDB_SOURCE_PGURI'] }, what: 'copies from the source PostgreSQL to the target' },
    },
    summary: 'pgcopydb: copies a PostgreSQL database from --source (PGCOPYDB_SOURCE_PGURI) to --target (PGCOPYDB_TARGET_PGURI).',
    source: 'dimitri/pgcopydb:src/bin/pgcopydb/cli_common.c',
    examples: [{ command: ['pgcopydb', 'clone', '--source', 'postgres://app@old-db:5432/app', '--target', 'postgres://app@new-db:5432/app'], need: 'required', dest: 'old-db:5432' }],
  },
  {
    names: ['pgroll'],
    effect: {
      template: 'subcommands',
      valued: ['--postgres-url', '--schema', '--pgroll-schema', '--lock-timeout', '--role'],
      cases: { create: LOCAL, convert: LOCAL, completion: LOCAL },
      default: { template: 'connect', url: { flags: ['--postgres-url'], env: ['PGROLL_PG_URL'], default: 'postgres://postgres:postgres@localhost' }, what: 'runs the zero-downtime migration on PostgreSQL' },
    },
    summary: 'pgroll zero-downtime PostgreSQL migrations: init, start, complete and migrate use --postgres-url (PGROLL_PG_URL, default localhost); create and convert write files.',
    source: 'xataio/pgroll:cmd/root.go',
    examples: [
      { command: ['pgroll', 'migrate', '/migrations', '--complete', '--postgres-url', 'postgres://app:secret@postgres:5432/app'], need: 'required', dest: 'postgres:5432' },
      { command: ['pgroll', 'create', '--name', '02_add_column'], need: 'none' },
    ],
  },
  {
    names: ['pd-ctl'],
    effect: { template: 'connect', url: { flags: ['-u', '--pd'], default: 'http://127.0.0.1:2379' }, what: 'calls the TiDB Placement Driver API', explains: true },
    summary: 'TiDB PD control: store, region, config and member commands call the PD at -u (default 127.0.0.1:2379).',
    source: 'tikv/pd:tools/pd-ctl/pdctl/ctl.go',
    examples: [
      { command: ['pd-ctl', '-u', 'http://basic-pd:2379', 'store'], need: 'required', dest: 'basic-pd:2379' },
      { command: ['pd-ctl', 'member'], need: 'none' },
    ],
  },
  {
    names: ['trino', 'trino-cli', 'presto', 'presto-cli'],
    effect: { template: 'connect', url: { flags: ['--server'], default: 'http://localhost:8080' }, what: 'runs statements on the coordinator' },
    summary: 'Trino/Presto CLI: runs --execute or -f statements against --server (default localhost:8080).',
    source: 'trinodb/trino:client/trino-cli/src/main/java/io/trino/cli/ClientOptions.java',
    examples: [
      { command: ['trino', '--server', 'http://trino:8080', '--execute', 'CREATE SCHEMA IF NOT EXISTS hive.raw'], need: 'required', dest: 'trino:8080' },
      { command: ['trino', '--execute', 'SELECT 1'], need: 'none' },
    ],
  },
  {
    names: ['beeline'],
    effect: { template: 'connect', url: { flags: ['-u'] }, what: 'connects to HiveServer2 over JDBC' },
    summary: 'Hive Beeline: runs HiveQL against the HiveServer2 JDBC URL given by -u.',
    source: 'apache/hive:beeline/src/java/org/apache/hive/beeline/BeeLine.java',
    examples: [{ command: ['beeline', '-u', 'jdbc:hive2://hive-server:10000/default', '-e', 'SHOW DATABASES'], need: 'required', dest: 'hive-server:10000' }],
  },
  {
    names: ['schematool'],
    effect: { template: 'connect', url: { flags: ['-url'] }, what: 'initialises or upgrades the metastore database (hive-site.xml names it)', explains: true },
    summary: 'Hive metastore schema tool: -initSchema, -upgradeSchema and -validate run against the metastore database from hive-site.xml or -url.',
    source: 'apache/hive:beeline/src/java/org/apache/hive/beeline/schematool/HiveSchemaTool.java',
    examples: [
      { command: ['/opt/hive/bin/schematool', '-dbType', 'postgres', '-initSchemaTo', '3.1.0'], need: 'required' },
      { command: ['schematool', '-dbType', 'mysql', '-initSchema', '-url', 'jdbc:mysql://metastore-db:3306/metastore'], need: 'required', dest: 'metastore-db:3306' },
    ],
  },
  {
    names: ['hdfs'],
    effect: {
      template: 'subcommands',
      cases: {
        namenode: {
          template: 'flags',
          cases: [
            { has: ['-format'], then: LOCAL },
            { has: ['-bootstrapStandby'], then: { template: 'connect', what: 'copies the namespace from the active NameNode' } },
          ],
          default: { template: 'opaque', why: 'runs a NameNode' },
        },
        'journalnode': { template: 'opaque', why: 'runs a JournalNode' },
        datanode: { template: 'opaque', why: 'runs a DataNode' },
        getconf: LOCAL,
        oiv: LOCAL,
        oev: LOCAL,
        version: LOCAL,
        classpath: LOCAL,
      },
      default: { template: 'connect', what: 'calls the NameNode named by fs.defaultFS in core-site.xml', explains: true },
    },
    summary: 'HDFS command: `namenode -format`, getconf and the image viewers are local; dfs, dfsadmin and haadmin call the NameNode from fs.defaultFS.',
    source: 'apache/hadoop:hadoop-hdfs-project/hadoop-hdfs/src/main/bin/hdfs',
    examples: [
      { command: ['hdfs', 'dfs', '-mkdir', '-p', '/user/spark'], need: 'required' },
      { command: ['hdfs', 'getconf', '-confKey', 'fs.defaultFS'], need: 'none' },
      { command: ['hdfs', 'namenode', '-format', '-nonInteractive', '-force'], need: 'none' },
      { command: ['hdfs', 'dfsadmin', '-safemode', 'wait'], need: 'required' },
    ],
  },
  mysqlClient(['mysql_secure_installation', 'mariadb-secure-installation'], 'MariaDB/server:scripts/mysql_secure_installation.sh', 'Sets the root password and removes test users and databases of a running server, through the client.', ['--use-default']),
  {
    names: ['mysql_config_editor', 'my_print_defaults'],
    effect: LOCAL,
    summary: 'MySQL option-file helpers: write an obfuscated login path, or print the options the config files set.',
    source: 'mysql/mysql-server:client/mysql_config_editor.cc',
    examples: [
      { command: ['my_print_defaults', 'mysqld', '--defaults-file=/etc/mysql/my.cnf'], need: 'none' },
      { command: ['mysql_config_editor', 'set', '--login-path=backup', '--host=localhost', '--user=backup'], need: 'none' },
    ],
  },
  {
    names: ['resolveip'],
    effect: { template: 'dns', host: { positional: 0 }, what: 'resolves a host name' },
    summary: 'MariaDB helper that resolves a host name to its IP addresses (used by install scripts).',
    source: 'MariaDB/server:extra/resolveip.c',
    examples: [{ command: ['resolveip', '-s', 'galera-0.galera'], need: 'required', dest: 'dns:galera-0.galera' }],
  },
  {
    names: ['innochecksum', 'myisamchk', 'aria_chk', 'myisampack'],
    effect: LOCAL,
    summary: 'MySQL/MariaDB offline table-file checkers: verify page checksums or repair MyISAM/Aria files on disk.',
    source: 'mysql/mysql-server:extra/innochecksum.cc',
    examples: [{ command: ['innochecksum', '/var/lib/mysql/ibdata1'], need: 'none' }],
  },
  {
    names: ['wait-for-deps'],
    effect: { template: 'all', of: [APP_DB('asks the GitLab database for its schema version (rake db:version)'), { template: 'run' }] },
    summary: 'GitLab CNG dependency wait: runs `rake db:version` against the Rails database until the schema is current, then runs its arguments.',
    // A copy of gitlab-org/build/CNG's script (GitLab-hosted).
    source: 'wangpengtai/docker:gitlab-rails/scripts/wait-for-deps',
    examples: [
      { command: ['/scripts/wait-for-deps'], need: 'required' },
      { command: ['/scripts/wait-for-deps', 'true'], env: { BYPASS_SCHEMA_VERSION: 'true' }, need: 'required' },
    ],
  },
  kafkaTool('kafka-consumer-perf-test', 'org.apache.kafka.tools.ConsumerPerformance', 'Kafka consumer benchmark: consumes a topic from the brokers.', ['--topic', 'perf', '--messages', '1000']),
  kafkaTool('kafka-verifiable-producer', 'org.apache.kafka.tools.VerifiableProducer', 'Kafka system-test producer: produces sequenced records and reports acks.', ['--topic', 'verify', '--max-messages', '100']),
  kafkaTool('kafka-verifiable-consumer', 'org.apache.kafka.tools.VerifiableConsumer', 'Kafka system-test consumer: consumes a topic in a group and reports offsets.', ['--topic', 'verify', '--group-id', 'verify']),
  kafkaTool('kafka-console-share-consumer', 'org.apache.kafka.tools.consumer.ConsoleShareConsumer', 'Kafka share-group console consumer.', ['--topic', 'orders', '--group', 'share-app']),
  kafkaTool('kafka-share-groups', 'org.apache.kafka.tools.consumer.group.ShareGroupCommand', 'Kafka share group admin: lists and describes share groups through the brokers.', ['--list']),
  {
    names: ['kafka-replica-verification.sh', 'kafka-replica-verification'],
    effect: KAFKA_ADMIN,
    summary: 'Kafka replica checker: fetches from every replica listed by --broker-list and compares the data.',
    source: 'apache/kafka:tools/src/main/java/org/apache/kafka/tools/ReplicaVerificationTool.java',
    examples: [{ command: ['kafka-replica-verification.sh', '--broker-list', 'kafka:9092', '--topics-include', 'orders'], need: 'required', dest: 'kafka:9092' }],
  },
  {
    names: ['kafka-e2e-latency.sh', 'kafka-e2e-latency'],
    effect: { template: 'connect', address: { positional: 0 }, what: 'produces and consumes through the brokers' },
    summary: 'Kafka end-to-end latency test: the first argument is the broker list.',
    source: 'apache/kafka:bin/kafka-e2e-latency.sh (org.apache.kafka.tools.EndToEndLatency)',
    examples: [{ command: ['kafka-e2e-latency.sh', 'kafka:9092', 'latency', '1000', 'all', '100'], need: 'required', dest: 'kafka:9092' }],
  },
  {
    names: ['kafka-jmx.sh', 'kafka-jmx'],
    effect: { template: 'connect', what: 'polls the JMX endpoint named by --jmx-url' },
    summary: 'Kafka JMX poller: reads MBeans from the --jmx-url service (default a local RMI registry).',
    source: 'apache/kafka:tools/src/main/java/org/apache/kafka/tools/JmxTool.java',
    examples: [{ command: ['kafka-jmx.sh', '--jmx-url', 'service:jmx:rmi:///jndi/rmi://kafka-0.kafka:9999/jmxrmi', '--one-time', 'true'], need: 'required' }],
  },
  {
    names: ['zookeeper-security-migration.sh', 'zookeeper-security-migration'],
    effect: { template: 'connect', address: { flags: ['--zookeeper.connect'] }, what: 'rewrites the ACLs of Kafka\'s znodes' },
    summary: 'Kafka ZooKeeper ACL migration: sets or removes secure ACLs on Kafka\'s znodes at --zookeeper.connect.',
    source: 'apache/kafka:bin/zookeeper-security-migration.sh (kafka.admin.ZkSecurityMigrator)',
    examples: [{ command: ['zookeeper-security-migration.sh', '--zookeeper.acl=secure', '--zookeeper.connect=zookeeper:2181'], need: 'required', dest: 'zookeeper:2181' }],
  },
  {
    names: ['kafka-server-stop.sh', 'kafka-server-stop', 'zookeeper-server-stop.sh'],
    effect: LOCAL,
    summary: 'Kafka and ZooKeeper stop scripts: find the local server process and signal it.',
    source: 'apache/kafka:bin/kafka-server-stop.sh',
    examples: [{ command: ['kafka-server-stop.sh'], need: 'none' }],
  },
  rabbitTool('rabbitmq-streams', 'streams/commands', 'RabbitMQ stream replica and coordinator commands, run against a node.', ['coordinator_status']),
  {
    names: ['weed'],
    effect: {
      template: 'subcommands',
      // Offline volume tools read and write .dat/.idx files in -dir; the clients talk to a master or filer.
      cases: {
        fix: LOCAL, compact: LOCAL, export: LOCAL, scaffold: LOCAL, version: LOCAL,
        // weed/command/shell.go: -master, default localhost:9333.
        shell: { template: 'connect', address: { flags: ['-master'], default: 'localhost:9333' }, what: 'runs admin commands against the master' },
      },
      default: { template: 'opaque', why: 'the servers and the other clients (master, volume, filer, upload, backup…) reach a SeaweedFS master or filer' },
    },
    summary: 'SeaweedFS\'s `weed`: `fix`, `compact`, `export` and `scaffold` work on local files only; the other commands serve or reach a master or filer.',
    source: 'seaweedfs/seaweedfs:weed/command/fix.go',
    examples: [
      { command: ['weed', 'fix', '-dir=/data', '-volumeId=3'], need: 'none' },
      { command: ['weed', 'shell', '-master=seaweedfs-master:9333'], need: 'required', dest: 'seaweedfs-master:9333' },
      { command: ['weed', 'volume', '-mserver=seaweedfs-master:9333'], need: 'either' },
    ],
  },
]
