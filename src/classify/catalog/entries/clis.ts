// Admin, cert, bootstrap, init and migrate subcommands of server CLIs, and the tools application
// charts run in init containers. Each effect is decided from the program's own source (cited).
import type { EffectSpec, ProgramEntry, ValueFrom } from '../types.js'

const LOCAL: EffectSpec = { template: 'local' }

// Kafka's admin tools all reach the cluster through --bootstrap-server (KRaft tools also accept
// --bootstrap-controller); apache/kafka:bin/*.sh exec kafka-run-class.sh with the tool's class.
const KAFKA_BOOTSTRAP: ValueFrom = { flags: ['--bootstrap-server', '--bootstrap-controller', '--broker-list'] }
const KAFKA_ADMIN: EffectSpec = { template: 'connect', address: KAFKA_BOOTSTRAP, what: 'calls the Kafka admin API' }

function kafkaTool(script: string, className: string, summary: string, args: string[]): ProgramEntry {
  return {
    names: [`${script}.sh`, script],
    effect: KAFKA_ADMIN,
    summary,
    source: `apache/kafka:bin/${script}.sh (${className})`,
    examples: [{ command: [`${script}.sh`, '--bootstrap-server', 'kafka:9092', ...args], need: 'required', dest: 'kafka:9092' }],
  }
}

// nats-io/natscli:nats/main.go: --server/-s, env NATS_URL; unset, the context's default is nats.DefaultURL.
const NATS_SERVER: ValueFrom = { flags: ['-s', '--server'], env: ['NATS_URL'], default: 'nats://127.0.0.1:4222' }
// hashicorp/nomad:api/api.go DefaultConfig: NOMAD_ADDR or -address, default http://127.0.0.1:4646.
const NOMAD_ADDR: ValueFrom = { flags: ['-address'], env: ['NOMAD_ADDR'], default: 'http://127.0.0.1:4646' }
// hashicorp/boundary:api/client.go: BOUNDARY_ADDR or -addr, default http://127.0.0.1:9200.
const BOUNDARY_ADDR: ValueFrom = { flags: ['-addr'], env: ['BOUNDARY_ADDR'], default: 'http://127.0.0.1:9200' }
// openbao/openbao:api/client.go: BAO_ADDR or -address, default https://127.0.0.1:8200.
const BAO_ADDR: ValueFrom = { flags: ['-address'], env: ['BAO_ADDR'], default: 'https://127.0.0.1:8200' }

export const CLIS: ProgramEntry[] = [
  {
    names: ['nats'],
    images: [{ repo: 'natsio/nats-box' }],
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
    images: [{ repo: 'hashicorp/nomad', entrypoint: ['docker-entrypoint.sh'] }],
    effect: {
      template: 'subcommands',
      valued: ['-address', '-region', '-namespace', '-token', '-ca-cert', '-client-cert', '-client-key'],
      cases: {
        version: LOCAL,
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
      default: { template: 'connect', url: NOMAD_ADDR, what: 'calls the Nomad HTTP API' },
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
    images: [{ repo: 'hashicorp/boundary', entrypoint: ['docker-entrypoint.sh'], cmd: ['server', '-config', '/boundary/config.hcl'] }],
    effect: {
      template: 'subcommands',
      valued: ['-addr', '-token', '-config', '-format'],
      cases: {
        version: LOCAL,
        'config autocomplete': LOCAL,
        database: { template: 'connect', what: 'migrates the controller database named in the config file' },
        server: { template: 'opaque', why: 'runs a Boundary controller or worker, whose peers come from its configuration' },
        dev: LOCAL,
      },
      default: { template: 'connect', url: BOUNDARY_ADDR, what: 'calls the Boundary controller API' },
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
    images: [{ repo: 'openbao/openbao', entrypoint: ['docker-entrypoint.sh'], cmd: ['server', '-dev', '-dev-no-store-token'] }],
    effect: {
      template: 'subcommands',
      valued: ['-address', '-namespace', '-ca-cert', '-client-cert', '-client-key', '-format'],
      cases: {
        version: LOCAL,
        server: { template: 'opaque', why: 'runs the OpenBao server, whose storage and seal come from its configuration' },
        'operator migrate': { template: 'opaque', why: 'copies between the storage backends named in its configuration file' },
      },
      default: { template: 'connect', url: BAO_ADDR, what: 'calls the OpenBao API' },
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
  kafkaTool('kafka-producer-perf-test', 'org.apache.kafka.tools.ProducerPerformance', 'Kafka producer benchmark: produces records to a topic.', ['--topic', 'perf', '--num-records', '1000', '--record-size', '100', '--throughput', '-1']),
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
]
