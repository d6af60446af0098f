// Platform programs: peer discovery, model and artifact fetchers, object-store and cloud CLIs,
// package installers, secret injectors, observability agent copiers, certificate and template
// tools. Each effect is decided from the program's own source, cited in `source`.
import type { EffectSpec, ProgramEntry } from '../types.js'
import { LOCAL, each } from './shared.js'

/** The same effect for several subcommand words. */

/** Only files, processes or the kernel. */

/** The public registries package tools fall back to (each tool's source names its own default). */
const NPM_REGISTRY = 'https://registry.npmjs.org'
const PYPI_SIMPLE = 'https://pypi.org/simple'
const LETS_ENCRYPT = 'https://acme-v02.api.letsencrypt.org/directory'

/** Secret injectors run the command after `--` (`doppler run --project p -- cmd`). */
const runAfterDashes: EffectSpec = { template: 'run', after: '--' }

/** JuiceFS subcommands whose first argument is the metadata engine URL (`redis://…`, `mysql://…`, `tikv://…`). */
const juicefsMeta: EffectSpec = { template: 'connect', url: { positional: 0 }, what: 'opens the metadata engine' }

/** Hugging Face Hub calls go to HF_ENDPOINT, else huggingface.co (huggingface_hub/constants.py). */
const HF_HUB: EffectSpec = { template: 'connect', url: { env: ['HF_ENDPOINT'], default: 'https://huggingface.co' }, what: 'calls the Hugging Face Hub', explains: true }

/** The Vault API address every Vault client library reads (VAULT_ADDR, else the local agent port). */
const VAULT_ADDR: EffectSpec = { template: 'connect', url: { env: ['VAULT_ADDR'], default: 'https://127.0.0.1:8200' }, what: 'calls Vault', explains: true }

/** OpenStack clients authenticate against Keystone first (--os-auth-url / OS_AUTH_URL). */
const KEYSTONE: EffectSpec = { template: 'connect', url: { flags: ['--os-auth-url', '-A', '--auth'], env: ['OS_AUTH_URL', 'ST_AUTH'] }, what: 'authenticates against Keystone, then calls the service endpoints', explains: true }

/** APM wrappers start the program with the agent loaded; the agent's reports are asynchronous and never block startup. */
const runProgram: EffectSpec = { template: 'run' }

/** OCI registry clients: every content command talks to the registry named in the image reference. */
const REGISTRY: EffectSpec = { template: 'connect', what: 'talks to the registry of the image reference', explains: true }

/** Terraform and OpenTofu share the command set: init downloads providers and modules and opens the state backend. */
function iacTool(registry: string): EffectSpec {
  return {
    template: 'subcommands',
    cases: {
      init: { template: 'connect', host: { default: registry }, port: { default: '443' }, what: 'downloads providers and modules and configures the state backend', explains: true },
      fmt: LOCAL, validate: LOCAL, version: LOCAL, 'workspace show': LOCAL, graph: LOCAL, console: LOCAL,
    },
    default: { template: 'opaque', why: 'plan, apply and output talk to the state backend and the providers of the configuration' },
  }
}

/** Conjur clients find the server in CONJUR_APPLIANCE_URL (or the .conjurrc it points to). */
const CONJUR: EffectSpec = { template: 'connect', url: { env: ['CONJUR_APPLIANCE_URL'] }, what: 'calls the Conjur API', explains: true }

/** Secret services' APIs, each from its flag, env var or the vendor's default (cited on the entries). */
const DOPPLER_API: EffectSpec = { template: 'connect', url: { flags: ['--api-host'], env: ['DOPPLER_API_HOST'], default: 'https://api.doppler.com' }, what: 'calls the Doppler API', explains: true }
const INFISICAL_API: EffectSpec = { template: 'connect', url: { flags: ['--domain'], env: ['INFISICAL_DOMAIN', 'INFISICAL_API_URL'], default: 'https://app.infisical.com/api' }, what: 'calls the Infisical API', explains: true }
const BWS_API: EffectSpec = { template: 'connect', url: { flags: ['--server-url'], env: ['BWS_SERVER_URL'], default: 'https://api.bitwarden.com' }, what: 'calls Bitwarden Secrets Manager', explains: true }

/** Bun resolves packages at BUN_CONFIG_REGISTRY (oven-sh/bun:src/install/npm.zig). */
const BUN_REGISTRY: EffectSpec = { template: 'connect', url: { env: ['BUN_CONFIG_REGISTRY', 'NPM_CONFIG_REGISTRY'], default: NPM_REGISTRY }, what: 'resolves and downloads packages', explains: true }

/** mise installs missing tool versions before running anything. */
const MISE_INSTALL: EffectSpec = { template: 'connect', what: 'installs missing tool versions' }

/** promtool's server commands default to the local Prometheus (prometheus/prometheus:cmd/promtool/main.go). */
const PROMETHEUS_URL = { flags: ['--url'], default: 'http://localhost:9090' }

/** CUE modules come from CUE_REGISTRY, else registry.cue.works (cue-lang/cue:mod/modconfig/modconfig.go). */
const CUE_REGISTRY: EffectSpec = { template: 'connect', url: { env: ['CUE_REGISTRY'], default: 'https://registry.cue.works' }, what: 'talks to the module registry', explains: true }

/** FUSE mounts need /dev/fuse and CAP_SYS_ADMIN: root in practice. */
const FUSE_ROOT = true

export const PLATFORM = (): ProgramEntry[] => [
  // ── peer discovery ──────────────────────────────────────────────────────────────────────────
  {
    names: ['peer-finder'],
    images: [
      { repo: 'peer-finder', entrypoint: ['/peer-finder'] },
      // cockroachdb/cockroach:cloud/kubernetes/init/Dockerfile: peer-finder with cockroach's on-start.sh
      { repo: 'cockroachdb/cockroach-k8s-init', entrypoint: ['/peer-finder'] },
      { repo: 'youdowell/k8s-galera-init', entrypoint: ['peer-finder', '-on-start=/opt/galera/on-start.sh'], cmd: ['-service=mysql'] },
    ],
    effect: {
      template: 'all',
      of: [
        { template: 'dns', host: { flags: ['-service', '--service'] }, what: 'polls the SRV records of the governing service' },
        { template: 'script', from: { flags: ['-on-start', '--on-start', '-on-change', '--on-change'] }, interpreter: 'bash' },
      ],
    },
    summary: 'Polls the SRV records of a headless service until it finds itself, then pipes the peer list to its -on-start/-on-change script.',
    source: 'kubernetes-retired/contrib:peer-finder/peer-finder.go',
    examples: [
      { command: ['/work-dir/peer-finder', '-on-start=/init/on-start.sh', '-service', 'mongodb-replicaset'], need: 'required', dest: 'dns:mongodb-replicaset' },
      { command: ['/peer-finder', '-on-start', '/opt/galera/on-start.sh', '-service', 'galera'], need: 'required', dest: 'dns:galera' },
      { image: 'youdowell/k8s-galera-init:latest', need: 'required', dest: 'dns:mysql' },
      { image: 'cockroachdb/cockroach-k8s-init:0.2', args: ['-on-start=/on-start.sh', '-service=cockroachdb'], need: 'required', dest: 'dns:cockroachdb' },
    ],
  },
  {
    names: ['zkGenConfig.sh'],
    effect: LOCAL,
    summary: 'Writes zoo.cfg, myid, log4j and java.env for a ZooKeeper StatefulSet member from env vars and the pod hostname.',
    source: 'kubernetes-retired/contrib:statefulsets/zookeeper/zkGenConfig.sh',
    examples: [{ command: ['zkGenConfig.sh'], need: 'none' }],
  },

  // ── secret injectors ───────────────────────────────────────────────────────────────────────
  {
    names: ['secrets-init'],
    images: [{ repo: 'doitintl/secrets-init', entrypoint: ['/secrets-init'], cmd: ['--version'] }],
    effect: {
      template: 'subcommands',
      cases: { copy: LOCAL },
      valued: ['--provider', '-p', '--google-project', '--log-format', '-l'],
      default: {
        template: 'flags',
        cases: [{ has: ['--version', '-v', '--help', '-h'], then: LOCAL }],
        default: {
          template: 'all',
          of: [
            { template: 'connect', what: 'resolves arn:aws:secretsmanager / gcp:secretmanager env values through the cloud API', explains: true },
            { template: 'run', valued: ['--provider', '-p', '--google-project', '--log-format', '-l'] },
          ],
        },
      },
    },
    summary: 'Replaces env values that reference AWS Secrets Manager/SSM or Google Secret Manager with the secrets, then execs the command; `copy` only copies itself.',
    source: 'doitintl/secrets-init:main.go',
    examples: [
      { command: ['secrets-init', 'copy', '/helper/bin/'], need: 'none' },
      { command: ['secrets-init', '--provider=google', 'sh', '-c', 'echo ok'], need: 'required' },
    ],
  },
  {
    names: ['chamber'],
    images: [{ repo: 'segment/chamber', entrypoint: ['/chamber'] }],
    effect: {
      template: 'subcommands',
      valued: ['-b', '--backend', '--backend-s3-bucket', '--kms-key-alias', '-r', '--retries'],
      cases: {
        version: LOCAL,
        exec: { template: 'all', of: [{ template: 'connect', what: 'reads the services from AWS SSM (or Secrets Manager/S3)' }, runAfterDashes] },
      },
      default: { template: 'connect', what: 'calls AWS SSM Parameter Store (or Secrets Manager/S3 by --backend)', explains: true },
    },
    summary: 'Reads and writes secrets in AWS SSM Parameter Store, Secrets Manager or S3; `exec` loads them into the env of a command.',
    source: 'segmentio/chamber:cmd/root.go',
    examples: [
      { command: ['chamber', 'exec', 'myapp', '--', 'env'], need: 'required' },
      { command: ['chamber', 'export', '--format', 'dotenv', '-o', '/env/app.env', 'myapp'], need: 'required' },
      { command: ['chamber', 'version'], need: 'none' },
    ],
  },
  {
    names: ['berglas'],
    images: [{ repo: 'berglas/berglas/berglas', entrypoint: ['/bin/berglas'] }],
    effect: {
      template: 'subcommands',
      cases: {
        completion: LOCAL,
        exec: { template: 'all', of: [{ template: 'connect', host: { default: 'secretmanager.googleapis.com' }, port: { default: '443' }, what: 'resolves berglas:// and sm:// env references', explains: true }, runAfterDashes] },
      },
      default: { template: 'connect', host: { default: 'secretmanager.googleapis.com' }, port: { default: '443' } },
    },
    summary: 'Reads and writes secrets in Google Secret Manager or Cloud Storage+KMS; `exec` resolves references in the env, then runs the command.',
    source: 'GoogleCloudPlatform/berglas:main.go',
    examples: [
      { command: ['berglas', 'exec', '--', '/app/server'], need: 'required', dest: 'secretmanager.googleapis.com:443' },
      { command: ['berglas', 'access', 'sm://my-project/db-pass'], need: 'required', dest: 'secretmanager.googleapis.com:443' },
    ],
  },
  {
    names: ['doppler'],
    effect: {
      template: 'subcommands',
      valued: ['--api-host', '-p', '--project', '-c', '--config', '--token', '--configuration', '--scope'],
      cases: {
        completion: LOCAL,
        version: LOCAL,
        configure: LOCAL,
        run: {
          template: 'flags',
          cases: [{ has: ['--fallback-only'], then: runAfterDashes }],
          default: { template: 'all', of: [DOPPLER_API, runAfterDashes] },
        },
      },
      default: DOPPLER_API,
    },
    summary: 'Doppler secrets CLI: `run` fetches the secrets from the Doppler API (unless --fallback-only) and runs the command; `secrets download` writes them to a file.',
    source: 'DopplerHQ/cli:pkg/cmd/root.go',
    examples: [
      { command: ['doppler', 'run', '--', 'npm', 'start'], need: 'required', dest: 'api.doppler.com:443' },
      { command: ['doppler', 'secrets', 'download', '--no-file', '--format', 'env'], need: 'required', dest: 'api.doppler.com:443' },
    ],
  },
  {
    names: ['sops'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['--keyservice'], then: { template: 'connect', url: { flags: ['--keyservice'] }, what: 'asks a remote key service for the data key', explains: true } },
        { has: ['-e', '--encrypt', '-d', '--decrypt', 'exec-env', 'exec-file', 'decrypt', 'encrypt'], then: { template: 'opaque', why: 'the file\'s own sops metadata names its keys: age/PGP stay local, AWS/GCP KMS, Azure Key Vault and Vault transit connect' } },
      ],
      default: { template: 'opaque', why: 'the file\'s own sops metadata names its keys: age/PGP stay local, KMS and Vault keys connect' },
    },
    summary: 'Encrypts and decrypts files with the master keys named in the file (age, PGP, cloud KMS, Vault transit); the key kind decides whether it connects.',
    source: 'getsops/sops:cmd/sops/main.go',
    examples: [
      { command: ['sops', '-d', '/secrets/app.enc.yaml'], need: 'either' },
      { command: ['sops', '--keyservice', 'tcp://keyservice:5000', '-d', 'app.enc.yaml'], need: 'required', dest: 'keyservice:5000' },
    ],
  },
  {
    names: ['vals'],
    effect: {
      template: 'subcommands',
      cases: {
        version: LOCAL,
        ksdecode: LOCAL,
        get: { template: 'connect', what: 'resolves the ref+<backend>:// expression it is given', explains: true },
      },
      default: { template: 'opaque', why: 'the ref+<backend>:// expressions are in the input file or env (Vault, AWS, GCP, SOPS, files…)' },
    },
    summary: 'Resolves ref+vault://, ref+awssecrets://, ref+sops:// … expressions in documents, env or a string; which backends it calls depends on the references.',
    source: 'helmfile/vals:cmd/vals/main.go',
    examples: [
      { command: ['vals', 'eval', '-f', '/config/values.yaml'], need: 'either' },
      { command: ['vals', 'get', 'ref+vault://secret/data/app#/password'], need: 'required' },
      { command: ['vals', 'ksdecode', '-f', 'secret.yaml'], need: 'none' },
    ],
  },
  {
    names: ['infisical'],
    effect: {
      template: 'subcommands',
      valued: ['--domain', '--token', '--projectId', '--env', '--path', '--format', '--output'],
      cases: {
        version: LOCAL,
        completion: LOCAL,
        run: { template: 'all', of: [INFISICAL_API, runAfterDashes] },
      },
      default: INFISICAL_API,
    },
    summary: 'Infisical secrets CLI: `run` and `export`/`secrets` fetch the secrets from the Infisical API (INFISICAL_DOMAIN, else app.infisical.com).',
    source: 'Infisical/cli:packages/cmd/root.go',
    examples: [
      { command: ['infisical', 'run', '--', 'node', 'server.js'], need: 'required', dest: 'app.infisical.com:443' },
      { command: ['infisical', 'export', '--format=dotenv'], env: { INFISICAL_DOMAIN: 'http://infisical.infisical:8080' }, need: 'required', dest: 'infisical.infisical:8080' },
    ],
  },
  {
    names: ['authenticator'],
    images: [{ repo: 'cyberark/conjur-authn-k8s-client', entrypoint: ['/usr/local/bin/authenticator'] }],
    effect: { template: 'connect', url: { env: ['CONJUR_AUTHN_URL', 'CONJUR_APPLIANCE_URL'] }, what: 'logs in to the Conjur authn-k8s authenticator', explains: true },
    summary: 'CyberArk Conjur authn-k8s client: authenticates the pod to Conjur (CONJUR_AUTHN_URL) and writes the access token to a shared file.',
    source: 'cyberark/conjur-authn-k8s-client:pkg/authenticator/config/configuration_factory.go',
    examples: [
      { image: 'cyberark/conjur-authn-k8s-client:0.26', env: { CONJUR_AUTHN_URL: 'https://conjur-oss.conjur.svc.cluster.local/authn-k8s/dev' }, need: 'required', dest: 'conjur-oss.conjur.svc.cluster.local:443' },
    ],
  },

  // ── generic waiters and templaters ─────────────────────────────────────────────────────────
  {
    names: ['kubernetes-entrypoint'],
    images: [{ repo: 'airshipit/kubernetes-entrypoint', entrypoint: ['/usr/local/bin/kubernetes-entrypoint'] }],
    effect: { template: 'kube-api', what: 'waits for the DEPENDENCY_* services, jobs, daemonsets, pods and custom resources' },
    summary: "OpenStack-Helm's dependency gate: polls the Kubernetes API until the services, jobs, pods and resources named in DEPENDENCY_* env vars are ready, then runs COMMAND.",
    source: 'airshipit/kubernetes-entrypoint:client/client.go',
    examples: [
      { command: ['kubernetes-entrypoint'], env: { DEPENDENCY_SERVICE: 'openstack:mariadb,openstack:rabbitmq', COMMAND: 'echo done' }, need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
      { image: 'quay.io/airshipit/kubernetes-entrypoint:latest-ubuntu_jammy', need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
    ],
  },

  // ── object stores and mounts ───────────────────────────────────────────────────────────────
  {
    names: ['juicefs'],
    effect: {
      template: 'subcommands',
      cases: {
        version: LOCAL,
        format: juicefsMeta, mount: juicefsMeta, status: juicefsMeta, dump: juicefsMeta, load: juicefsMeta, config: juicefsMeta,
        gc: juicefsMeta, fsck: juicefsMeta, destroy: juicefsMeta, quota: juicefsMeta, restore: juicefsMeta, gateway: juicefsMeta, webdav: juicefsMeta,
        sync: { template: 'connect', url: { positional: 0 }, what: 'copies between object stores' },
      },
      default: { template: 'opaque', why: 'works on a mounted path or an object store the spec may not name' },
    },
    summary: 'JuiceFS client: format, mount, dump/load, gc… open the metadata engine named by the META-URL argument (Redis, MySQL, TiKV…) and the object store it records.',
    source: 'juicedata/juicefs:cmd/format.go',
    examples: [
      { command: ['juicefs', 'format', '--storage=s3', '--bucket=https://bucket.s3.amazonaws.com', 'redis://redis.jfs:6379/1', 'myjfs'], need: 'required', dest: 'redis.jfs:6379' },
      { command: ['juicefs', 'version'], need: 'none' },
    ],
  },
  {
    names: ['b2'],
    effect: { rule: 'cloudCli', params: { host: 'api.backblazeb2.com', localSubs: ['version', 'install-autocomplete'] } },
    summary: 'Backblaze B2 CLI: authorizes against api.backblazeb2.com and reads or writes buckets.',
    source: 'Backblaze/B2_Command_Line_Tool:b2/_internal/console_tool.py',
    examples: [
      { command: ['b2', 'file', 'download', 'b2://models/model.bin', '/models/model.bin'], need: 'required', dest: 'api.backblazeb2.com:443' },
    ],
  },
  {
    names: ['goofys'],
    needsRoot: FUSE_ROOT,
    effect: { template: 'connect', url: { flags: ['--endpoint'] }, host: { default: 's3.amazonaws.com' }, port: { default: '443' }, what: 'mounts the bucket over FUSE' },
    summary: 'Mounts an S3 bucket over FUSE; every file operation is an S3 request to --endpoint (default AWS S3).',
    source: 'kahing/goofys:internal/flags.go',
    examples: [
      { command: ['goofys', '--endpoint', 'http://minio.storage:9000', 'models', '/mnt/models'], need: 'required', dest: 'minio.storage:9000' },
      { command: ['goofys', 'models', '/mnt/models'], need: 'required', dest: 's3.amazonaws.com:443' },
    ],
  },
  {
    names: ['s3fs'],
    needsRoot: FUSE_ROOT,
    effect: { template: 'connect', host: { default: 's3.amazonaws.com' }, port: { default: '443' }, what: 'mounts the bucket over FUSE (-o url=… names another endpoint)' },
    summary: 'Mounts an S3 bucket over FUSE with libcurl requests to the S3 endpoint (`-o url=`, default s3.amazonaws.com).',
    source: 's3fs-fuse/s3fs-fuse:src/s3fs.cpp',
    examples: [{ command: ['s3fs', 'mybucket', '/mnt/data', '-o', 'iam_role=auto'], need: 'required', dest: 's3.amazonaws.com:443' }],
  },

  // ── certificates ───────────────────────────────────────────────────────────────────────────
  {
    names: ['acme.sh'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['--issue', '--renew', '--renew-all', '--cron', '--register-account', '--revoke', '--signcsr', '--deactivate'], then: { template: 'connect', url: { flags: ['--server'], default: 'https://acme.zerossl.com/v2/DV90' }, what: 'talks to the ACME CA', explains: true } },
      ],
      default: LOCAL,
    },
    summary: 'ACME client in shell: --issue/--renew/--cron talk to the CA (ZeroSSL by default, --server to change); --install-cert and --list only touch files.',
    source: 'acmesh-official/acme.sh:acme.sh',
    examples: [
      { command: ['acme.sh', '--issue', '--dns', 'dns_cf', '-d', 'example.com', '--server', 'letsencrypt'], need: 'required' },
      { command: ['acme.sh', '--issue', '-d', 'example.com', '--standalone'], need: 'required', dest: 'acme.zerossl.com:443' },
      { command: ['acme.sh', '--install-cert', '-d', 'example.com', '--key-file', '/certs/key.pem'], need: 'none' },
    ],
  },
  {
    names: ['lego'],
    images: [{ repo: 'goacme/lego', entrypoint: ['/lego'] }],
    effect: {
      template: 'subcommands',
      valued: ['-s', '--server', '-d', '--domains', '--email', '-m', '--path', '--dns', '--key-type', '-k'],
      cases: { dnshelp: LOCAL, list: LOCAL, 'certificates list': LOCAL, 'accounts list': LOCAL, 'archives list': LOCAL },
      default: { template: 'connect', url: { flags: ['--server', '-s'], env: ['LEGO_SERVER'], default: LETS_ENCRYPT }, what: 'talks to the ACME CA', explains: true },
    },
    summary: "ACME client: run/renew/revoke talk to the CA (--server or LEGO_SERVER, default Let's Encrypt) and usually to a DNS provider API; list and dnshelp are local.",
    source: 'go-acme/lego:cmd/internal/flags/flags.go',
    examples: [
      { command: ['lego', '--email', 'ops@example.com', '--dns', 'route53', '-d', 'example.com', 'run'], need: 'required', dest: 'acme-v02.api.letsencrypt.org:443' },
      { command: ['lego', 'dnshelp'], need: 'none' },
    ],
  },
  {
    names: ['frep'],
    images: [{ repo: 'subchen/frep', entrypoint: ['/usr/local/bin/frep'], cmd: ['--help'] }],
    effect: LOCAL,
    summary: 'Renders Go templates from files, env vars and JSON/YAML/TOML files into config files: no network.',
    source: 'subchen/frep:main.go',
    examples: [{ command: ['frep', '/templates/nginx.conf.in:/etc/nginx/nginx.conf', '--overwrite'], need: 'none' }],
  },
  {
    names: ['remco'],
    effect: { template: 'opaque', why: 'the backends (etcd, Consul, Vault, Redis, env, file…) are listed in its config file (-config, default /etc/remco/config)' },
    summary: 'Renders templates from key-value backends named in its config file; env and file backends stay local, the others connect.',
    source: 'HeavyHorst/remco:cmd/remco/main.go',
    examples: [{ command: ['remco', '-config', '/etc/remco/config'], need: 'either' }],
  },
  {
    names: ['copy-lib.sh'],
    effect: LOCAL,
    summary: "Datadog's library-injection init images (dd-lib-*-init): copies the tracer into the shared volume given as the argument.",
    source: 'DataDog/dd-trace-js:lib-injection/copy-lib.sh',
    examples: [{ command: ['sh', '-c', 'copy-lib.sh /datadog-lib'], need: 'none' }],
  },

  // ── model fetchers and ML platform inits ───────────────────────────────────────────────────
  {
    names: ['aibrix.downloader'],
    effect: HF_HUB,
    summary: 'AIBrix model downloader (`python -m aibrix.downloader`): a --model-uri that is not s3:// or tos:// is a Hugging Face repo, fetched with huggingface_hub from HF_ENDPOINT or huggingface.co (s3:// and tos:// URIs go to those object stores instead).',
    source: 'vllm-project/aibrix:python/aibrix/aibrix/downloader/base.py',
    examples: [{ command: ['python', '-m', 'aibrix.downloader', '--model-uri', 'deepseek-ai/deepseek-coder-6.7b-instruct', '--local-dir', '/models/'], need: 'required', dest: 'huggingface.co:443' }],
  },
  {
    names: ['hf', 'huggingface-cli'],
    effect: {
      template: 'subcommands',
      cases: { env: LOCAL, version: LOCAL, cache: LOCAL, 'scan-cache': LOCAL, 'delete-cache': LOCAL, 'auth logout': LOCAL, logout: LOCAL, 'lfs-enable-largefiles': LOCAL },
      default: HF_HUB,
    },
    summary: 'Hugging Face Hub CLI: download, upload, login and repo commands call the Hub (HF_ENDPOINT, default huggingface.co); cache and env commands are local.',
    source: 'huggingface/huggingface_hub:src/huggingface_hub/constants.py',
    examples: [
      { command: ['huggingface-cli', 'download', 'meta-llama/Llama-3.1-8B', '--local-dir', '/models'], need: 'required', dest: 'huggingface.co:443' },
      { command: ['hf', 'download', 'org/model'], env: { HF_ENDPOINT: 'http://hf-mirror.mirrors:8080' }, need: 'required', dest: 'hf-mirror.mirrors:8080' },
      { command: ['hf', 'cache', 'scan'], need: 'none' },
    ],
  },
  {
    names: ['ollama'],
    images: [{ repo: 'ollama/ollama', entrypoint: ['/bin/ollama'], cmd: ['serve'] }],
    effect: {
      template: 'subcommands',
      cases: {
        serve: { template: 'connect', host: { default: 'registry.ollama.ai' }, port: { default: '443' }, what: 'the server pulls the models its clients ask for from the Ollama registry' },
        pull: { template: 'connect', url: { env: ['OLLAMA_HOST'], default: 'http://127.0.0.1:11434' }, what: 'asks the Ollama server to pull the model' },
      },
      default: { template: 'connect', url: { env: ['OLLAMA_HOST'], default: 'http://127.0.0.1:11434' }, what: 'calls the Ollama server', explains: true },
    },
    summary: 'Ollama: `serve` runs the model server, which downloads models from registry.ollama.ai; the client commands (pull, run, list…) call the server at OLLAMA_HOST (default 127.0.0.1:11434).',
    source: 'ollama/ollama:envconfig/config.go',
    examples: [
      { command: ['ollama', 'pull', 'llama3'], env: { OLLAMA_HOST: 'http://ollama.ai:11434' }, need: 'required', dest: 'ollama.ai:11434' },
      { command: ['ollama', 'list'], need: 'none' },
      { image: 'ollama/ollama:0.5.7', need: 'required', dest: 'registry.ollama.ai:443' },
    ],
  },
  {
    names: ['ray'],
    effect: {
      template: 'subcommands',
      valued: ['--address', '--port', '--num-cpus', '--num-gpus', '--block'],
      cases: {
        'health-check': { template: 'connect', address: { flags: ['--address'], env: ['RAY_ADDRESS'] }, what: 'checks the GCS server' },
        status: { template: 'connect', address: { flags: ['--address'], env: ['RAY_ADDRESS'] }, what: 'reads the cluster status from the GCS' },
        start: { template: 'flags', cases: [{ has: ['--head'], then: { template: 'loopback', what: 'starts the head node processes' } }], default: { template: 'connect', address: { flags: ['--address'], env: ['RAY_ADDRESS'] }, what: 'joins the head node' } },
        stop: LOCAL,
      },
      default: { template: 'opaque', why: 'job, submit and other commands talk to the address in their flags or the cluster config' },
    },
    summary: "Ray CLI: KubeRay's wait-gcs-ready init container polls `ray health-check --address head:6379` until the head's GCS answers; `start` without --head joins it.",
    source: 'ray-project/kuberay:ray-operator/controllers/ray/common/pod.go',
    examples: [
      { command: ['ray', 'health-check', '--address', 'raycluster-head-svc.default.svc.cluster.local:6379'], need: 'required', dest: 'raycluster-head-svc.default.svc.cluster.local:6379' },
      { command: ['ray', 'stop'], need: 'none' },
    ],
  },

  // ── cloud CLIs and mounts ──────────────────────────────────────────────────────────────────
  {
    names: ['doctl'],
    images: [{ repo: 'digitalocean/doctl', entrypoint: ['/app/doctl'] }],
    effect: {
      template: 'subcommands',
      valued: ['-u', '--api-url', '-t', '--access-token', '--context', '-o', '--output', '-c', '--config'],
      cases: { version: LOCAL, completion: LOCAL, 'auth list': LOCAL, 'auth switch': LOCAL },
      default: { template: 'connect', url: { flags: ['--api-url', '-u'], default: 'https://api.digitalocean.com' }, what: 'calls the DigitalOcean API', explains: true },
    },
    summary: 'DigitalOcean CLI: every resource command calls api.digitalocean.com (or --api-url).',
    source: 'digitalocean/doctl:commands/doit.go',
    examples: [
      { command: ['doctl', 'kubernetes', 'cluster', 'kubeconfig', 'save', 'prod'], need: 'required', dest: 'api.digitalocean.com:443' },
      { command: ['doctl', 'version'], need: 'none' },
    ],
  },
  {
    names: ['gcsfuse'],
    needsRoot: FUSE_ROOT,
    effect: { template: 'connect', url: { flags: ['--custom-endpoint'] }, host: { default: 'storage.googleapis.com' }, port: { default: '443' }, what: 'mounts the bucket over FUSE' },
    summary: 'Mounts a Cloud Storage bucket over FUSE; file operations become requests to storage.googleapis.com (or --custom-endpoint).',
    source: 'GoogleCloudPlatform/gcsfuse:cfg/config.go',
    examples: [{ command: ['gcsfuse', '--implicit-dirs', 'my-bucket', '/mnt/gcs'], need: 'required', dest: 'storage.googleapis.com:443' }],
  },

  // ── package and plugin installers ──────────────────────────────────────────────────────────
  {
    names: ['kubectl-krew', 'krew'],
    effect: {
      template: 'subcommands',
      cases: { version: LOCAL, list: LOCAL, info: LOCAL, uninstall: LOCAL, 'index list': LOCAL },
      default: { template: 'connect', host: { default: 'github.com' }, port: { default: '443' }, what: 'updates the krew-index git repository and downloads plugin archives', explains: true },
    },
    summary: 'kubectl plugin manager: install, update, upgrade and search clone or pull the krew index from GitHub and download plugin archives; list/info/uninstall are local.',
    source: 'kubernetes-sigs/krew:pkg/constants/constants.go',
    examples: [
      { command: ['kubectl-krew', 'install', 'ctx', 'ns'], need: 'required', dest: 'github.com:443' },
      { command: ['krew', 'list'], need: 'none' },
    ],
  },
  {
    names: ['micromamba', 'mamba'],
    effect: { rule: 'packageManager', params: { host: 'conda.anaconda.org', port: 443, subs: ['install', 'create', 'update', 'self-update', 'env'] } },
    summary: 'conda-compatible package managers: install/create/update download packages from the channels (conda.anaconda.org by default).',
    source: 'mamba-org/mamba:libmamba/src/core/context.cpp',
    examples: [
      { command: ['micromamba', 'install', '-y', '-n', 'base', '-f', '/tmp/env.yaml'], need: 'required', dest: 'conda.anaconda.org:443' },
      { command: ['micromamba', 'shell', 'init', '-s', 'bash'], need: 'none' },
    ],
  },

  // ── secret agents ──────────────────────────────────────────────────────────────────────────
  {
    names: ['bank-vaults'],
    images: [{ repo: 'bank-vaults/bank-vaults', entrypoint: ['bank-vaults'] }],
    effect: {
      template: 'subcommands',
      cases: { completion: LOCAL, 'gen-docs': LOCAL },
      default: { template: 'all', of: [VAULT_ADDR, { template: 'kube-api', what: 'keeps the unseal keys in a Secret (--mode k8s, the default)' }] },
    },
    summary: 'Vault operator helper: init, unseal and configure call Vault (VAULT_ADDR, usually the local Vault) and keep unseal keys in a Kubernetes Secret by default (other --mode values use a cloud KMS).',
    source: 'bank-vaults/bank-vaults:cmd/bank-vaults/main.go',
    examples: [
      { command: ['bank-vaults', 'unseal', '--init'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
    ],
  },
  {
    names: ['summon'],
    effect: {
      template: 'all',
      of: [
        {
          template: 'value',
          from: { flags: ['-p', '--provider'], env: ['SUMMON_PROVIDER'] },
          cases: { 'summon-conjur': CONJUR, 'summon-aws-secrets': { template: 'connect', what: 'the AWS provider reads Secrets Manager' } },
          default: { template: 'opaque', why: 'the provider (-p or SUMMON_PROVIDER: Conjur, AWS, keyring…) fetches each secret of secrets.yml' },
        },
        { template: 'run', valued: ['-p', '--provider', '-f', '-D', '--environment', '--up'] },
      ],
    },
    summary: 'Runs a command with secrets from secrets.yml fetched by a provider plugin; the provider decides where it connects.',
    source: 'cyberark/summon:pkg/command/action.go',
    examples: [
      { command: ['summon', '--provider', 'summon-conjur', 'env'], env: { CONJUR_APPLIANCE_URL: 'https://conjur.example.com' }, need: 'required', dest: 'conjur.example.com:443' },
      { command: ['summon', '-p', 'keyring.py', 'env'], need: 'either' },
    ],
  },
  {
    names: ['text-generation-server'],
    effect: {
      template: 'subcommands',
      cases: { 'download-weights': HF_HUB },
      default: { template: 'opaque', why: 'serve and quantize load weights that download-weights normally fetched first' },
    },
    summary: "Hugging Face TGI's Python server: `download-weights MODEL_ID` fetches the weights from the Hub (HF_ENDPOINT) into the cache; the launcher runs it before serving.",
    source: 'huggingface/text-generation-inference:server/text_generation_server/cli.py',
    examples: [{ command: ['text-generation-server', 'download-weights', 'bigscience/bloom-560m'], need: 'required', dest: 'huggingface.co:443' }],
  },
  {
    names: ['secrets-provider'],
    images: [{ repo: 'cyberark/secrets-provider-for-k8s', entrypoint: ['/usr/local/bin/secrets-provider'] }],
    effect: { template: 'connect', url: { env: ['CONJUR_AUTHN_URL', 'CONJUR_APPLIANCE_URL'] }, what: 'fetches the secrets from Conjur (and updates Kubernetes Secrets when SECRETS_DESTINATION=k8s_secrets)' },
    summary: 'CyberArk Secrets Provider: authenticates to Conjur, fetches the variables and writes them to Kubernetes Secrets or files in a shared volume.',
    source: 'cyberark/secrets-provider-for-k8s:pkg/secrets/config/config.go',
    examples: [
      { image: 'cyberark/secrets-provider-for-k8s:1.6', env: { CONJUR_APPLIANCE_URL: 'https://conjur-follower.conjur.svc.cluster.local', SECRETS_DESTINATION: 'file' }, need: 'required', dest: 'conjur-follower.conjur.svc.cluster.local:443' },
    ],
  },
  {
    names: ['mvnw'],
    effect: { template: 'connect', url: { env: ['MVNW_REPOURL'], default: 'https://repo.maven.apache.org/maven2' }, what: 'downloads Maven (first run) and resolves dependencies', explains: true },
    summary: 'Maven wrapper: downloads the Maven distribution named in .mvn/wrapper/maven-wrapper.properties (MVNW_REPOURL overrides the repository) and runs Maven, which resolves dependencies.',
    source: 'apache/maven-wrapper:maven-wrapper-distribution/src/resources/only-mvnw',
    examples: [{ command: ['./mvnw', '-B', 'dependency:go-offline'], need: 'required', dest: 'repo.maven.apache.org:443' }],
  },
  {
    names: ['pipx'],
    effect: { rule: 'packageManager', params: { host: 'pypi.org', port: 443, subs: ['install', 'install-all', 'run', 'inject', 'upgrade', 'upgrade-all', 'reinstall', 'reinstall-all'] } },
    summary: 'Installs or runs Python applications in their own virtualenvs: install, run, inject and upgrade download from the package index.',
    source: 'pypa/pipx:src/pipx/main.py',
    examples: [
      { command: ['pipx', 'install', 'poetry'], need: 'required', dest: 'pypi.org:443' },
      { command: ['pipx', 'list'], need: 'none' },
    ],
  },
  {
    names: ['aliyun'],
    effect: {
      template: 'subcommands',
      cases: { configure: LOCAL, version: LOCAL, 'auto-completion': LOCAL },
      default: { template: 'connect', what: 'calls the Alibaba Cloud <product>.<region>.aliyuncs.com API', explains: true },
    },
    summary: 'Alibaba Cloud CLI: every product command is an OpenAPI call to the product endpoint for the region; configure is local.',
    source: 'aliyun/aliyun-cli:openapi/commando.go',
    examples: [
      { command: ['aliyun', 'oss', 'cp', 'oss://models/bert', '/models', '-r'], need: 'required' },
      { command: ['aliyun', 'configure', 'set', '--mode', 'EcsRamRole'], need: 'none' },
    ],
  },
  {
    names: ['ossutil', 'ossutil64'],
    effect: {
      template: 'subcommands',
      valued: ['-e', '--endpoint', '-c', '--config-file', '-i', '--access-key-id', '-k', '--access-key-secret'],
      cases: { config: LOCAL, help: LOCAL },
      default: { template: 'connect', host: { flags: ['-e', '--endpoint'] }, port: { default: '443' }, what: 'calls the OSS endpoint (-e, else the config file)', explains: true },
    },
    summary: 'Alibaba Cloud OSS tool: cp, ls, sync… call the OSS endpoint from -e or its config file; `config` only writes the config file.',
    source: 'aliyun/ossutil:lib/const.go',
    examples: [
      { command: ['ossutil64', 'cp', '-r', 'oss://bucket/model/', '/models/', '-e', 'oss-cn-hangzhou-internal.aliyuncs.com'], need: 'required', dest: 'oss-cn-hangzhou-internal.aliyuncs.com:443' },
      { command: ['ossutil', 'config', '-e', 'oss-cn-beijing.aliyuncs.com', '-i', 'id', '-k', 'key'], need: 'none' },
    ],
  },
  {
    names: ['oci'],
    effect: {
      template: 'subcommands',
      cases: { setup: LOCAL, 'session validate': LOCAL },
      default: { template: 'connect', what: 'calls the Oracle Cloud <service>.<region>.oraclecloud.com API', explains: true },
    },
    summary: 'Oracle Cloud CLI: service commands (os object get, ce cluster create-kubeconfig…) call the regional OCI endpoints; `setup` writes local config.',
    source: 'oracle/oci-cli:src/oci_cli/cli_setup.py',
    examples: [
      { command: ['oci', 'os', 'object', 'bulk-download', '-bn', 'models', '--download-dir', '/models'], need: 'required' },
      { command: ['oci', 'setup', 'keys'], need: 'none' },
    ],
  },
  {
    names: ['await'],
    effect: { rule: 'waiter' },
    summary: 'Waits until every resource URL it is given answers (http(s), ws, tcp, postgres, mysql, amqp; file:// is local), then runs the command after `--`.',
    source: 'betalo-sweden/await:resource.go',
    examples: [
      { command: ['await', 'postgres://app@postgres:5432/app', '--', 'echo', 'ready'], need: 'required', dest: 'postgres:5432' },
    ],
  },
  {
    names: ['waitforit'],
    effect: { template: 'connect', url: { flags: ['-address', '--address'] }, host: { flags: ['-host', '--host'] }, port: { flags: ['-port', '--port'] }, what: 'waits for the address to answer' },
    summary: 'Waits until a TCP or HTTP address (-address, or -host/-port) accepts connections.',
    source: 'maxcnunes/waitforit:main.go',
    examples: [{ command: ['waitforit', '-address', 'tcp://mysql:3306', '-timeout', '60'], need: 'required', dest: 'mysql:3306' }],
  },
  {
    names: ['wait-on'],
    effect: { template: 'connect', url: { positional: 0 }, what: 'polls the resources (http://, tcp:host:port, socket:, file paths)', explains: true },
    summary: 'Node utility that polls files, HTTP(S) URLs, TCP ports and sockets until they are available.',
    source: 'jeffbski/wait-on:lib/wait-on.js',
    examples: [
      { command: ['wait-on', 'http://api:8080/health'], need: 'required', dest: 'api:8080' },
      { command: ['npx', 'wait-on', 'tcp:db:5432'], need: 'required' },
    ],
  },
  {
    names: ['sigil'],
    effect: LOCAL,
    summary: 'Renders Go templates with env vars and files (a template that calls the httpget builtin would fetch a URL).',
    source: 'gliderlabs/sigil:builtin/builtin.go',
    examples: [{ command: ['sigil', '-p', '-f', '/templates/app.conf.tmpl'], need: 'none' }],
  },
  {
    names: ['gucci'],
    effect: LOCAL,
    summary: 'Renders a Go template with env vars and variables files to stdout: no network.',
    source: 'noqcks/gucci:main.go',
    examples: [{ command: ['gucci', '-s', 'replicas=3', '/templates/config.tpl'], need: 'none' }],
  },
  {
    names: ['p2'],
    effect: LOCAL,
    summary: 'Pongo2 (Jinja-like) template renderer fed by env vars or JSON/YAML files: no network.',
    source: 'wrouesnel/p2cli:main.go',
    examples: [{ command: ['p2', '-t', '/templates/app.yml.j2', '-o', '/config/app.yml'], need: 'none' }],
  },
  {
    names: ['ep'],
    effect: LOCAL,
    summary: 'envplate: replaces ${VAR} placeholders in files in place, then optionally execs a command.',
    source: 'kreuzwerker/envplate:envplate.go',
    examples: [{ command: ['ep', '-v', '/etc/nginx/conf.d/*.conf'], need: 'none' }],
  },
  {
    names: ['tiller'],
    effect: { template: 'opaque', why: 'its data sources (environment, file, http, consul, vault, zookeeper) are listed in common.yaml' },
    summary: 'Ruby config generator: renders templates from the data sources configured in common.yaml; http, Consul, Vault and ZooKeeper sources connect.',
    source: 'markround/tiller:lib/tiller/data/http.rb',
    examples: [{ command: ['tiller', '-b', '/etc/tiller', '-v'], need: 'either' }],
  },
  {
    names: ['certificate-init-container'],
    images: [{ repo: 'kelseyhightower/certificate-init-container', entrypoint: ['/certificate-init-container'] }],
    effect: { template: 'kube-api', what: 'creates a CertificateSigningRequest and waits for its approval' },
    summary: 'Generates a key, submits a CertificateSigningRequest through the Kubernetes API and writes the issued certificate once approved.',
    source: 'kelseyhightower/certificate-init-container:main.go',
    examples: [
      { command: ['/certificate-init-container', '-namespace=default', '-pod-name=$(POD_NAME)', '-service-names=tls-app'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
    ],
  },
  {
    names: ['certstrap'],
    effect: LOCAL,
    summary: 'Creates a local CA, keys, CSRs and signs certificates on disk: no network.',
    source: 'square/certstrap:pkix/csr.go',
    examples: [{ command: ['certstrap', 'init', '--common-name', 'CertAuth', '--passphrase', ''], need: 'none' }],
  },
  {
    names: ['dehydrated'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--cron', '-c', '--signcsr', '-s', '--register', '--account', '--revoke', '-r', '--deactivate'], then: { template: 'connect', url: { flags: ['--ca'], default: LETS_ENCRYPT }, what: 'talks to the ACME CA', explains: true } }],
      default: LOCAL,
    },
    summary: "ACME client in bash: --cron, --signcsr and --register talk to the CA (Let's Encrypt unless --ca or the config names another); cleanup and --version are local.",
    source: 'dehydrated-io/dehydrated:dehydrated',
    examples: [
      { command: ['dehydrated', '--cron', '--accept-terms'], need: 'required', dest: 'acme-v02.api.letsencrypt.org:443' },
      { command: ['dehydrated', '--cleanup'], need: 'none' },
    ],
  },

  // ── cloud secret fetchers ──────────────────────────────────────────────────────────────────
  {
    names: ['ssm-env'],
    effect: { template: 'all', of: [{ template: 'connect', what: 'reads the ssm:// env values from AWS SSM Parameter Store', explains: true }, { template: 'run', valued: ['-template'] }] },
    summary: 'Replaces env values of the form ssm://name with AWS SSM parameters, then execs the command.',
    source: 'remind101/ssm-env:main.go',
    examples: [{ command: ['ssm-env', '-with-decryption', 'bundle', 'exec', 'puma'], need: 'required' }],
  },
  {
    names: ['aws-env'],
    effect: { template: 'connect', what: 'reads the parameters under AWS_ENV_PATH from AWS SSM', explains: true },
    summary: 'Prints export lines for every SSM parameter under AWS_ENV_PATH (does nothing without it).',
    source: 'Droplr/aws-env:aws-env.go',
    examples: [{ command: ['aws-env', '--format=dotenv'], env: { AWS_ENV_PATH: '/prod/app/' }, need: 'required' }],
  },
  {
    names: ['gcp-get-secret'],
    images: [{ repo: 'binxio/gcp-get-secret', entrypoint: ['/gcp-get-secret'] }],
    effect: { template: 'all', of: [{ template: 'connect', host: { default: 'secretmanager.googleapis.com' }, port: { default: '443' }, what: 'resolves gcp:/// env references', explains: true }, { template: 'run', valued: ['-project', '-name', '-umask'] }] },
    summary: 'Replaces gcp:/// env references with Google Secret Manager values (or prints one secret), then execs the command.',
    source: 'binxio/gcp-get-secret:main.go',
    examples: [{ command: ['/gcp-get-secret', '-use-default-credentials', '/app/server'], need: 'required', dest: 'secretmanager.googleapis.com:443' }],
  },
  {
    names: ['azure-keyvault-env'],
    effect: { template: 'all', of: [{ template: 'kube-api', what: 'reads the AzureKeyVaultSecret resources' }, { template: 'run' }] },
    summary: 'akv2k8s env injector: reads AzureKeyVaultSecret resources through the Kubernetes API, fetches the values from Azure Key Vault, then execs the original command.',
    source: 'SparebankenVest/azure-key-vault-to-kubernetes:cmd/azure-keyvault-env/main.go',
    examples: [{ command: ['/azure-keyvault/azure-keyvault-env', 'node', 'server.js'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' }],
  },
  {
    names: ['npx'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--no', '--no-install', '--offline'], then: { template: 'run', valued: ['-p', '--package', '-c', '--call'] } }],
      default: { template: 'all', of: [{ template: 'connect', url: { flags: ['--registry'], env: ['npm_config_registry', 'NPM_CONFIG_REGISTRY'], default: NPM_REGISTRY }, what: 'installs the package when it is not already in node_modules' }, { template: 'run', valued: ['-p', '--package', '-c', '--call', '--registry'] }] },
    },
    summary: 'Runs a package binary, downloading the package from the npm registry first when it is not installed locally (--no refuses to install).',
    source: 'npm/cli:workspaces/libnpmexec/lib/index.js',
    examples: [
      { command: ['npx', 'prisma', 'migrate', 'deploy'], env: { DATABASE_URL: 'postgresql://app@db:5432/app' }, need: 'required', dest: 'registry.npmjs.org:443' },
      { command: ['npx', '--no', 'wait-on', 'http://api:8080'], need: 'required', dest: 'api:8080' },
    ],
  },
  // ── data and model versioning ──────────────────────────────────────────────────────────────
  {
    names: ['dvc'],
    effect: {
      template: 'subcommands',
      cases: {
        ...each(['pull', 'push', 'fetch', 'get', 'get-url', 'import', 'import-url', 'update', 'ls', 'ls-url'], { template: 'connect', what: 'transfers data from the remote storage in .dvc/config or the given repository', explains: true }),
        ...each(['add', 'checkout', 'commit', 'init', 'config', 'remote', 'dag', 'version', 'cache', 'install', 'destroy', 'move', 'remove', 'unprotect', 'freeze', 'unfreeze', 'root', 'check-ignore'], LOCAL),
      },
      default: { template: 'opaque', why: 'repro, exp and status -c depend on the pipeline stages and remotes in the repository' },
    },
    summary: 'Data Version Control: pull/fetch/get/import move data between the workspace and the remote named in .dvc/config (S3, GCS, SSH…); checkout, add and config are local.',
    source: 'iterative/dvc:dvc/commands/data_sync.py',
    examples: [
      { command: ['dvc', 'pull', '-r', 'models', 'model.pkl.dvc'], need: 'required' },
      { command: ['dvc', 'checkout'], need: 'none' },
    ],
  },
  {
    names: ['git-lfs'],
    effect: {
      template: 'subcommands',
      cases: {
        ...each(['pull', 'fetch', 'push', 'clone', 'smudge', 'lock', 'locks', 'unlock', 'pre-push'], { template: 'connect', what: 'calls the LFS server of the remote', explains: true }),
        ...each(['install', 'uninstall', 'track', 'untrack', 'env', 'version', 'ls-files', 'status', 'pointer', 'clean', 'migrate', 'prune', 'fsck', 'update', 'logs', 'dedup', 'checkout'], LOCAL),
      },
      default: { template: 'opaque', why: 'an extension or hook command' },
    },
    summary: 'Git LFS: pull/fetch/smudge download large objects from the remote LFS server; install, track and checkout (from the local store) stay local.',
    source: 'git-lfs/git-lfs:commands/command_pull.go',
    examples: [
      { command: ['git-lfs', 'pull', 'origin', 'main'], need: 'required' },
      { command: ['git-lfs', 'install', '--skip-repo'], need: 'none' },
    ],
  },
  {
    names: ['mount-s3'],
    needsRoot: FUSE_ROOT,
    effect: { template: 'connect', url: { flags: ['--endpoint-url'] }, what: 'mounts the bucket (regional S3 endpoint unless --endpoint-url)' },
    summary: 'Mountpoint for Amazon S3: mounts a bucket over FUSE; reads and writes are S3 requests to the regional endpoint or --endpoint-url.',
    source: 'awslabs/mountpoint-s3:mountpoint-s3/src/cli.rs',
    examples: [
      { command: ['mount-s3', '--endpoint-url', 'http://minio.storage:9000', 'models', '/mnt/models'], need: 'required', dest: 'minio.storage:9000' },
      { command: ['mount-s3', 'my-bucket', '/mnt/s3', '--read-only'], need: 'required' },
    ],
  },
  {
    names: ['blobfuse2'],
    needsRoot: FUSE_ROOT,
    effect: {
      template: 'subcommands',
      cases: { version: LOCAL, secure: LOCAL, 'gen-config': LOCAL, unmount: LOCAL, 'mount list': LOCAL },
      default: { template: 'connect', what: 'mounts the container from <account>.blob.core.windows.net' },
    },
    summary: 'Azure Blob Storage FUSE driver: `mount` serves file operations from <account>.blob.core.windows.net (account from the config file or env); secure/gen-config are local.',
    source: 'Azure/azure-storage-fuse:component/azstorage/config.go',
    examples: [
      { command: ['blobfuse2', 'mount', '/mnt/blob', '--config-file=/etc/blobfuse2.yaml'], need: 'required' },
      { command: ['blobfuse2', 'secure', 'encrypt', '--config-file=/etc/blobfuse2.yaml', '--passphrase=x'], need: 'none' },
    ],
  },
  {
    names: ['geesefs'],
    needsRoot: FUSE_ROOT,
    effect: { template: 'connect', url: { flags: ['--endpoint'], default: 'https://storage.yandexcloud.net' }, what: 'mounts the bucket over FUSE' },
    summary: 'GeeseFS: mounts an S3-compatible bucket over FUSE against --endpoint (default Yandex Object Storage).',
    source: 'yandex-cloud/geesefs:core/cfg/flags.go',
    examples: [{ command: ['geesefs', '--endpoint', 'https://s3.eu-central-1.amazonaws.com', 'bucket', '/mnt/bucket'], need: 'required', dest: 's3.eu-central-1.amazonaws.com:443' }],
  },

  // ── more cloud CLIs ────────────────────────────────────────────────────────────────────────
  {
    names: ['hcloud'],
    effect: {
      template: 'subcommands',
      valued: ['--endpoint', '--context', '--config', '-o', '--output'],
      cases: { version: LOCAL, completion: LOCAL, context: LOCAL, config: LOCAL },
      default: { template: 'connect', url: { flags: ['--endpoint'], env: ['HCLOUD_ENDPOINT'], default: 'https://api.hetzner.cloud/v1' }, what: 'calls the Hetzner Cloud API', explains: true },
    },
    summary: 'Hetzner Cloud CLI: resource commands call api.hetzner.cloud (or --endpoint/HCLOUD_ENDPOINT); context and config are local.',
    source: 'hetznercloud/cli:docs/reference/manual/hcloud.md',
    examples: [
      { command: ['hcloud', 'server', 'list', '-o', 'noheader'], need: 'required', dest: 'api.hetzner.cloud:443' },
      { command: ['hcloud', 'context', 'list'], need: 'none' },
    ],
  },
  {
    names: ['scw'],
    effect: {
      template: 'subcommands',
      cases: { version: LOCAL, config: LOCAL, autocomplete: LOCAL },
      default: { template: 'connect', url: { env: ['SCW_API_URL'], default: 'https://api.scaleway.com' }, what: 'calls the Scaleway API', explains: true },
    },
    summary: 'Scaleway CLI: product commands call api.scaleway.com (SCW_API_URL overrides); config and autocomplete are local.',
    source: 'scaleway/scaleway-cli:core/errors.go',
    examples: [
      { command: ['scw', 'object', 'bucket', 'list'], need: 'required', dest: 'api.scaleway.com:443' },
      { command: ['scw', 'config', 'set', 'default-region=fr-par'], need: 'none' },
    ],
  },
  {
    names: ['linode-cli'],
    effect: {
      template: 'subcommands',
      cases: { completion: LOCAL },
      default: { template: 'connect', host: { env: ['LINODE_CLI_API_HOST'], default: 'api.linode.com' }, port: { default: '443' }, what: 'calls the Linode API', explains: true },
    },
    summary: 'Linode (Akamai) CLI: every command is a call to api.linode.com/v4 (LINODE_CLI_API_HOST overrides the host).',
    source: 'linode/linode-cli:linodecli/__init__.py',
    examples: [{ command: ['linode-cli', 'obj', 'get', 'models', 'model.bin'], need: 'required', dest: 'api.linode.com:443' }],
  },
  {
    names: ['exo'],
    effect: {
      template: 'subcommands',
      cases: { version: LOCAL, config: LOCAL, completion: LOCAL },
      default: { template: 'connect', url: { env: ['EXOSCALE_API_ENDPOINT'] }, what: 'calls the Exoscale API of the zone', explains: true },
    },
    summary: 'Exoscale CLI: compute, storage and DBaaS commands call the zone API (api-<zone>.exoscale.com or EXOSCALE_API_ENDPOINT).',
    source: 'exoscale/cli:cmd/config_resolution.go',
    examples: [
      { command: ['exo', 'storage', 'download', 'sos://models/model.bin', '/models/'], need: 'required' },
      { command: ['exo', 'config', 'show'], need: 'none' },
    ],
  },
  {
    names: ['coscli'],
    effect: {
      template: 'subcommands',
      valued: ['-e', '--endpoint', '-c', '--config-path', '-i', '--secret-id', '-k', '--secret-key'],
      cases: { config: LOCAL, help: LOCAL },
      default: { template: 'connect', host: { flags: ['-e', '--endpoint'] }, port: { default: '443' }, what: 'calls Tencent COS (cos.<region>.myqcloud.com)', explains: true },
    },
    summary: 'Tencent Cloud COS CLI: cp, sync, ls… call the COS endpoint (-e or the config file); config only writes the config.',
    source: 'tencentyun/coscli:cmd/config_init.go',
    examples: [
      { command: ['coscli', 'cp', 'cos://models-1250000000/bert', '/models', '-r', '-e', 'cos.ap-guangzhou.myqcloud.com'], need: 'required', dest: 'cos.ap-guangzhou.myqcloud.com:443' },
      { command: ['coscli', 'config', 'show'], need: 'none' },
    ],
  },
  {
    names: ['qshell'],
    effect: {
      template: 'subcommands',
      cases: { version: LOCAL, account: LOCAL, user: LOCAL, b64encode: LOCAL, b64decode: LOCAL, urlencode: LOCAL, urldecode: LOCAL, qetag: LOCAL },
      default: { template: 'connect', what: 'calls the Qiniu Kodo APIs (uc.qbox.me and the region hosts)', explains: true },
    },
    summary: 'Qiniu Kodo CLI: get, fput, sync, listbucket… call the Qiniu storage APIs; account and encoding helpers are local.',
    source: 'qiniu/qshell:iqshell/common/workspace/config.go',
    examples: [
      { command: ['qshell', 'get', 'models', 'bert.tar', '-o', '/models/bert.tar'], need: 'required' },
      { command: ['qshell', 'account', 'ak', 'sk', 'prod'], need: 'none' },
    ],
  },
  {
    names: ['jf', 'jfrog'],
    effect: {
      template: 'subcommands',
      cases: { config: LOCAL, c: LOCAL, completion: LOCAL, 'rt ping': { template: 'connect', url: { flags: ['--url'] }, what: 'pings Artifactory' } },
      default: { template: 'connect', url: { flags: ['--url'] }, what: 'calls the JFrog Platform configured with `jf c add` or --url', explains: true },
    },
    summary: 'JFrog CLI: rt download/upload, npm/mvn/pip resolution and scans call the JFrog Platform (--url or the configured server); `config` is local.',
    source: 'jfrog/jfrog-cli:main.go',
    examples: [
      { command: ['jf', 'rt', 'dl', 'models-local/bert/*', '/models/', '--url', 'https://acme.jfrog.io/artifactory'], need: 'required', dest: 'acme.jfrog.io:443' },
      { command: ['jf', 'config', 'show'], need: 'none' },
    ],
  },
  {
    names: ['aws-iam-authenticator'],
    effect: {
      template: 'subcommands',
      cases: { token: LOCAL, init: LOCAL, version: LOCAL, add: { template: 'kube-api', what: 'edits the aws-auth mapping' } },
      default: { template: 'opaque', why: 'server and verify serve or check tokens against AWS STS' },
    },
    summary: 'EKS IAM authenticator: `token` presigns an STS GetCallerIdentity URL locally (no call); `init` writes certificates and a kubeconfig.',
    source: 'kubernetes-sigs/aws-iam-authenticator:pkg/token/token.go',
    examples: [
      { command: ['aws-iam-authenticator', 'token', '-i', 'prod-cluster'], need: 'none' },
      { command: ['aws-iam-authenticator', 'init', '-i', 'prod-cluster'], need: 'none' },
    ],
  },

  // ── local certificate and template tools ───────────────────────────────────────────────────
  {
    names: ['minica'],
    effect: LOCAL,
    summary: 'Creates a local root CA on first use and signs leaf certificates for the given domains and IPs.',
    source: 'jsha/minica:main.go',
    examples: [{ command: ['minica', '--domains', 'api.example.svc'], need: 'none' }],
  },
  {
    names: ['easyrsa'],
    effect: LOCAL,
    summary: 'Easy-RSA: builds a PKI (CA, requests, signed certificates, CRL, DH params) in a directory with openssl.',
    source: 'OpenVPN/easy-rsa:easyrsa3/easyrsa',
    examples: [{ command: ['easyrsa', '--batch', 'build-ca', 'nopass'], need: 'none' }],
  },
  {
    names: ['jinja2'],
    effect: LOCAL,
    summary: 'jinja2-cli: renders a Jinja2 template with data from files, env or stdin.',
    source: 'mattrobenolt/jinja2-cli:jinja2cli/cli.py',
    examples: [{ command: ['jinja2', '/templates/app.conf.j2', '/config/values.yaml', '--format=yaml'], need: 'none' }],
  },
  {
    names: ['ytt'],
    // An -f that is an http(s) URL is downloaded (pkg/files/sources.go); files stay local.
    effect: { rule: 'gomplate' },
    summary: 'Carvel ytt: renders YAML templates and overlays from files; an -f that is an https:// URL is downloaded.',
    source: 'carvel-dev/ytt:pkg/files/sources.go',
    examples: [
      { command: ['ytt', '-f', '/config/', '--data-values-env', 'APP'], need: 'none' },
      { command: ['ytt', '-f', 'https://raw.githubusercontent.com/org/repo/main/config.yml'], need: 'required', dest: 'raw.githubusercontent.com:443' },
    ],
  },

  // ── more package managers ──────────────────────────────────────────────────────────────────
  {
    names: ['corepack'],
    effect: {
      template: 'subcommands',
      cases: { enable: LOCAL, disable: LOCAL, cache: LOCAL },
      default: { template: 'connect', url: { env: ['COREPACK_NPM_REGISTRY'], default: NPM_REGISTRY }, what: 'downloads the package manager release', explains: true },
    },
    summary: "Node's package-manager shim: enable/disable write shims; install, prepare, use and `corepack pnpm …` download the pinned yarn/pnpm release (COREPACK_NPM_REGISTRY).",
    source: 'nodejs/corepack:sources/npmRegistryUtils.ts',
    examples: [
      { command: ['corepack', 'prepare', 'pnpm@9.1.0', '--activate'], need: 'required', dest: 'registry.npmjs.org:443' },
      { command: ['corepack', 'enable'], need: 'none' },
    ],
  },
  {
    names: ['cpanm'],
    effect: { template: 'connect', url: { flags: ['--mirror', '--from', '-M'], default: 'http://cpanmetadb.plackperl.org/v1.0/' }, what: 'resolves modules on CPAN and downloads them', explains: true },
    summary: 'cpanminus: resolves module names through cpanmetadb and downloads the distributions from a CPAN mirror (--mirror/--from).',
    source: 'miyagawa/cpanminus:Menlo-Legacy/lib/Menlo/CLI/Compat.pm',
    examples: [{ command: ['cpanm', '--notest', '--installdeps', '.'], need: 'required', dest: 'cpanmetadb.plackperl.org:80' }],
  },
  {
    names: ['pdm'],
    effect: {
      template: 'subcommands',
      cases: {
        run: { template: 'run', skip: 1 },
        ...each(['install', 'sync', 'add', 'update', 'lock', 'outdated', 'search', 'publish'], { template: 'connect', url: { env: ['PDM_PYPI_URL'], default: PYPI_SIMPLE }, what: 'resolves and downloads packages', explains: true }),
      },
      default: LOCAL,
    },
    summary: 'PDM: install/sync/add/lock resolve and download from the index (PDM_PYPI_URL, default PyPI); `pdm run` runs a command in the project env.',
    source: 'pdm-project/pdm:src/pdm/cli/commands/install.py',
    examples: [
      { command: ['pdm', 'sync', '--prod', '--no-editable'], need: 'required', dest: 'pypi.org:443' },
      { command: ['pdm', 'run', 'python', 'manage.py', 'migrate'], env: { DATABASE_URL: 'postgres://app@db:5432/app' }, need: 'required', dest: 'db:5432' },
    ],
  },
  {
    names: ['feast'],
    effect: {
      template: 'subcommands',
      cases: { init: LOCAL, version: LOCAL, 'ui': { template: 'loopback', what: 'serves the UI' } },
      default: { template: 'opaque', why: 'apply, plan, materialize and teardown use the registry and stores in feature_store.yaml (a local file registry or SQL, S3, GCS, remote)' },
    },
    summary: "Feast feature store CLI: `init` writes a project template (the Feast operator's init container); apply/materialize reach the registry and stores that feature_store.yaml names.",
    source: 'feast-dev/feast:infra/feast-operator/internal/controller/services/services.go',
    examples: [
      { command: ['feast', 'init', '-m', 'credit_scoring'], need: 'none' },
      { command: ['feast', 'apply'], need: 'either' },
    ],
  },
  {
    names: ['dynatrace-operator'],
    images: [{ repo: 'dynatrace/dynatrace-operator', entrypoint: ['dynatrace-operator'] }],
    effect: {
      template: 'subcommands',
      cases: {
        bootstrap: {
          template: 'flags',
          cases: [{ has: ['--version'], then: { template: 'connect', url: { flags: ['--url'] }, what: 'downloads the OneAgent code modules from the tenant', explains: true } }],
          default: LOCAL,
        },
      },
      default: { template: 'kube-api', what: 'runs the operator, webhook or CSI driver' },
    },
    summary: "Dynatrace operator binary; the injected init container runs `bootstrap`: with --version it downloads the code modules from the tenant URL, otherwise it only configures the agent files from the CSI mount.",
    source: 'Dynatrace/dynatrace-operator:cmd/bootstrapper/cmd.go',
    examples: [
      { image: 'public.ecr.aws/dynatrace/dynatrace-operator:v1.6.0', args: ['bootstrap', '--source=/opt/dynatrace/oneagent', '--target=/mnt/bin', '--version', '1.311.0', '--url', 'https://abc123.live.dynatrace.com/api'], need: 'required', dest: 'abc123.live.dynatrace.com:443' },
      { image: 'public.ecr.aws/dynatrace/dynatrace-operator:v1.6.0', args: ['bootstrap', '--source=/opt/dynatrace/oneagent', '--target=/mnt/bin'], need: 'none' },
    ],
  },
  {
    names: ['mlflow'],
    effect: {
      template: 'subcommands',
      cases: {
        'artifacts download': {
          template: 'flags',
          cases: [
            { has: ['--artifact-uri', '-u'], then: { template: 'connect', url: { flags: ['--artifact-uri', '-u'] }, what: 'downloads from the artifact store', explains: true } },
            { env: ['MLFLOW_TRACKING_URI'], then: { template: 'connect', url: { env: ['MLFLOW_TRACKING_URI'] }, what: 'asks the tracking server for the run' } },
          ],
          default: LOCAL,
        },
        'db upgrade': { template: 'connect', url: { positional: 0 }, what: 'migrates the tracking database', explains: true },
        server: { template: 'opaque', why: 'a server; its stores are named by --backend-store-uri and --artifacts-destination' },
      },
      default: {
        template: 'flags',
        cases: [{ env: ['MLFLOW_TRACKING_URI'], then: { template: 'connect', url: { env: ['MLFLOW_TRACKING_URI'] }, what: 'calls the tracking server', explains: true } }],
        default: { template: 'opaque', why: 'without MLFLOW_TRACKING_URI the store is a local directory unless the command names a URI' },
      },
    },
    summary: 'MLflow CLI: `artifacts download -u <uri>` fetches from the artifact store (s3://, gs://, http…); with a run id it asks the tracking server in MLFLOW_TRACKING_URI (local ./mlruns without it); `db upgrade <url>` migrates the database.',
    source: 'mlflow/mlflow:mlflow/store/artifact/cli.py',
    examples: [
      { command: ['mlflow', 'artifacts', 'download', '-u', 's3://models/iris/1', '-d', '/models'], need: 'required' },
      { command: ['mlflow', 'artifacts', 'download', '-r', 'abc123', '-d', '/models'], env: { MLFLOW_TRACKING_URI: 'http://mlflow.mlops:5000' }, need: 'required', dest: 'mlflow.mlops:5000' },
      { command: ['mlflow', 'db', 'upgrade', 'postgresql://mlflow@postgres:5432/mlflow'], need: 'required', dest: 'postgres:5432' },
    ],
  },
  {
    names: ['pipenv'],
    effect: {
      template: 'subcommands',
      cases: {
        run: { template: 'run', skip: 1 },
        ...each(['install', 'sync', 'lock', 'update', 'upgrade', 'check', 'audit'], { template: 'connect', url: { env: ['PIPENV_PYPI_MIRROR', 'PIP_INDEX_URL'], default: PYPI_SIMPLE }, what: 'resolves and downloads from the Pipfile sources', explains: true }),
      },
      default: LOCAL,
    },
    summary: 'Pipenv: install/sync/lock download from the Pipfile sources (PyPI by default); `pipenv run` runs a command in the virtualenv; requirements, graph and --venv are local.',
    source: 'pypa/pipenv:pipenv/project.py',
    examples: [
      { command: ['pipenv', 'install', '--deploy', '--system'], need: 'required', dest: 'pypi.org:443' },
      { command: ['pipenv', 'run', 'python', 'manage.py', 'migrate'], env: { DATABASE_URL: 'postgres://app@db:5432/app' }, need: 'required', dest: 'db:5432' },
    ],
  },
  {
    names: ['pip-sync', 'pip-compile'],
    effect: { template: 'connect', url: { flags: ['-i', '--index-url'], env: ['PIP_INDEX_URL'], default: PYPI_SIMPLE }, what: 'resolves or installs the pinned requirements' },
    summary: 'pip-tools: pip-compile resolves requirements against the index; pip-sync installs and removes packages to match the lock file.',
    source: 'jazzband/pip-tools:piptools/scripts/sync.py',
    examples: [{ command: ['pip-sync', 'requirements.txt'], need: 'required', dest: 'pypi.org:443' }],
  },
  {
    names: ['uvx'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--offline'], then: { template: 'run', valued: ['--from', '--with', '-p', '--python', '--index-url', '--default-index'] } }],
      default: { template: 'all', of: [{ template: 'connect', url: { flags: ['--index-url', '--default-index'], env: ['UV_INDEX_URL', 'UV_DEFAULT_INDEX'], default: PYPI_SIMPLE }, what: 'installs the tool into a cached environment' }, { template: 'run', valued: ['--from', '--with', '-p', '--python', '--index-url', '--default-index'] }] },
    },
    summary: "uv's tool runner: installs the named tool from the index into a cached environment (unless --offline) and runs it.",
    source: 'astral-sh/uv:crates/uv/src/bin/uvx.rs',
    examples: [{ command: ['uvx', 'alembic', 'upgrade', 'head'], need: 'required', dest: 'pypi.org:443' }],
  },
  {
    names: ['pixi'],
    effect: {
      template: 'subcommands',
      cases: {
        ...each(['install', 'add', 'update', 'upgrade', 'run', 'shell', 'exec', 'global', 'search', 'lock', 'self-update'], { template: 'connect', host: { default: 'prefix.dev' }, port: { default: '443' }, what: 'solves and downloads conda packages from the channels', explains: true }),
      },
      default: LOCAL,
    },
    summary: 'pixi: install/run/add solve the environment and download conda packages from the channels (prefix.dev channel alias by default).',
    source: 'prefix-dev/pixi:crates/pixi_config/src/lib.rs',
    examples: [
      { command: ['pixi', 'install', '--locked'], need: 'required', dest: 'prefix.dev:443' },
      { command: ['pixi', 'info'], need: 'none' },
    ],
  },
  {
    names: ['luarocks'],
    effect: { rule: 'packageManager', params: { host: 'luarocks.org', port: 443, subs: ['install', 'download', 'build', 'search', 'upload'] } },
    summary: 'LuaRocks: install/download/build fetch rocks from the rocks servers (luarocks.org by default).',
    source: 'luarocks/luarocks:src/luarocks/core/cfg.lua',
    examples: [
      { command: ['luarocks', 'install', 'lua-resty-openidc'], need: 'required', dest: 'luarocks.org:443' },
      { command: ['luarocks', 'list'], need: 'none' },
    ],
  },
  {
    names: ['lakectl'],
    effect: {
      template: 'subcommands',
      cases: { config: LOCAL, completion: LOCAL, docs: LOCAL, version: LOCAL },
      default: { template: 'connect', url: { env: ['LAKECTL_SERVER_ENDPOINT_URL'], default: 'http://127.0.0.1:8000' }, what: 'calls the lakeFS server', explains: true },
    },
    summary: 'lakeFS CLI: fs download/upload, branch and commit commands call the lakeFS server (LAKECTL_SERVER_ENDPOINT_URL or the config file).',
    source: 'treeverse/lakeFS:cmd/lakectl/cmd/docs.go',
    examples: [
      { command: ['lakectl', 'fs', 'download', '--recursive', 'lakefs://data/main/models/', '/models'], env: { LAKECTL_SERVER_ENDPOINT_URL: 'http://lakefs.data:8000' }, need: 'required', dest: 'lakefs.data:8000' },
      { command: ['lakectl', 'config'], need: 'none' },
    ],
  },
  {
    names: ['jsonnet'],
    effect: LOCAL,
    summary: 'Evaluates Jsonnet files (imports are files on the library path) to JSON or YAML.',
    source: 'google/go-jsonnet:cmd/jsonnet/cmd.go',
    examples: [{ command: ['jsonnet', '-J', 'vendor', '-m', '/out', 'main.jsonnet'], need: 'none' }],
  },
  {
    names: ['mo'],
    effect: LOCAL,
    summary: 'Mustache templates in pure bash: fills {{VAR}} from env vars and sourced files.',
    source: 'tests-always-included/mo:mo',
    examples: [{ command: ['sh', '-c', 'mo /templates/app.conf.mo > /config/app.conf'], need: 'none' }],
  },
  {
    names: ['dpkg'],
    needsRoot: true,
    effect: LOCAL,
    summary: 'Installs, removes and queries .deb files already on disk; it never downloads (apt-get does).',
    source: 'man 1 dpkg',
    examples: [{ command: ['dpkg', '-i', '/tmp/agent.deb'], need: 'none' }],
  },
  {
    names: ['rpm'],
    needsRoot: true,
    // URLs among the arguments are downloaded, anything else is local: gomplate's datasource rule.
    effect: { rule: 'gomplate' },
    summary: 'Installs or queries RPM packages; a package given as an http(s)/ftp URL is downloaded first, a file path stays local.',
    source: 'man 8 rpm',
    examples: [
      { command: ['rpm', '-ivh', 'https://repo.example.com/agent.rpm'], need: 'required', dest: 'repo.example.com:443' },
      { command: ['rpm', '-qa'], need: 'none' },
    ],
  },
  // ── workload identity and sealed secrets ───────────────────────────────────────────────────
  {
    names: ['spiffe-helper'],
    images: [{ repo: 'spiffe/spiffe-helper', entrypoint: ['/spiffe-helper'] }],
    effect: { template: 'loopback', what: 'fetches SVIDs from the SPIRE agent Workload API socket', explains: true },
    summary: 'Fetches X.509/JWT SVIDs from the SPIFFE Workload API over the agent Unix socket (SPIFFE_ENDPOINT_SOCKET or agent_address) and writes them to files; as an init container it runs with daemon_mode = false.',
    source: 'spiffe/spiffe-helper:cmd/spiffe-helper/config/config.go',
    examples: [{ command: ['/spiffe-helper', '-config', '/etc/spiffe-helper/helper.conf'], need: 'none' }],
  },
  {
    names: ['kubeseal'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['--cert', '--recovery-unseal'], then: LOCAL },
      ],
      default: { template: 'kube-api', what: 'reaches the sealed-secrets controller through the API server service proxy' },
    },
    summary: 'Seals Secrets for the sealed-secrets controller: fetches the public certificate through the API server proxy unless --cert names a file (a URL there is fetched directly).',
    source: 'bitnami-labs/sealed-secrets:cmd/kubeseal/main.go',
    examples: [
      { command: ['kubeseal', '--fetch-cert', '--controller-namespace', 'kube-system'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
      { command: ['kubeseal', '--cert', '/certs/pub.pem', '-o', 'yaml'], need: 'none' },
    ],
  },
  {
    names: ['aws-vault'],
    effect: {
      template: 'subcommands',
      cases: {
        exec: { template: 'all', of: [{ template: 'connect', host: { default: 'sts.amazonaws.com' }, port: { default: '443' }, what: 'gets session credentials from AWS STS' }, runAfterDashes] },
        list: LOCAL, add: LOCAL, remove: LOCAL, clear: LOCAL,
      },
      default: { template: 'connect', host: { default: 'sts.amazonaws.com' }, port: { default: '443' }, what: 'calls AWS STS', explains: true },
    },
    summary: 'Keeps AWS keys in a keyring and runs commands with STS session credentials (`exec profile -- cmd`).',
    source: '99designs/aws-vault:cli/exec.go',
    examples: [{ command: ['aws-vault', 'exec', 'prod', '--', 'terraform', 'version'], need: 'required', dest: 'sts.amazonaws.com:443' }],
  },
  {
    names: ['dotenvx'],
    effect: {
      template: 'subcommands',
      cases: { run: runAfterDashes, login: { template: 'connect', what: 'logs in to dotenvx.com', explains: true }, logout: LOCAL },
      default: LOCAL,
    },
    summary: 'Loads (and decrypts with the local DOTENV_PRIVATE_KEY) .env files, then `run -- cmd` runs the command with them; get/set/encrypt are local.',
    source: 'dotenvx/dotenvx:src/cli/actions/run.js',
    examples: [
      { command: ['dotenvx', 'run', '-f', '.env.production', '--', 'node', 'migrate.js'], need: 'either' },
      { command: ['dotenvx', 'decrypt', '-f', '.env.production'], need: 'none' },
    ],
  },

  // ── APM agent wrappers ─────────────────────────────────────────────────────────────────────
  {
    names: ['ddtrace-run'],
    effect: runProgram,
    summary: "Datadog's Python wrapper: runs the program with ddtrace auto-instrumentation loaded; traces go to the agent asynchronously.",
    source: 'DataDog/dd-trace-py:pyproject.toml',
    examples: [{ command: ['ddtrace-run', 'python', 'manage.py', 'migrate'], env: { DATABASE_URL: 'postgres://app@db:5432/app' }, need: 'required', dest: 'db:5432' }],
  },
  {
    names: ['opentelemetry-instrument'],
    effect: { template: 'run', valued: ['--traces_exporter', '--metrics_exporter', '--logs_exporter', '--service_name', '--exporter_otlp_endpoint'] },
    summary: 'OpenTelemetry Python auto-instrumentation: runs the program with the instrumentations loaded; exports are asynchronous.',
    source: 'open-telemetry/opentelemetry-python-contrib:opentelemetry-instrumentation/pyproject.toml',
    examples: [{ command: ['opentelemetry-instrument', '--traces_exporter', 'otlp', 'python', 'seed.py'], need: 'either' }],
  },
  {
    names: ['newrelic-admin'],
    effect: { template: 'subcommands', cases: { 'run-program': { template: 'run', skip: 1 }, 'run-python': { template: 'run', skip: 1 }, 'validate-config': { template: 'connect', host: { default: 'collector.newrelic.com' }, port: { default: '443' }, what: 'test-connects to the collector' } }, default: LOCAL },
    summary: "New Relic's Python admin script: run-program/run-python start the program with the agent; validate-config connects to the collector; generate-config is local.",
    source: 'newrelic/newrelic-python-agent:newrelic/admin/run_program.py',
    examples: [
      { command: ['newrelic-admin', 'run-program', 'python', 'manage.py', 'migrate'], env: { DATABASE_URL: 'postgres://app@db:5432/app' }, need: 'required', dest: 'db:5432' },
      { command: ['newrelic-admin', 'generate-config', 'KEY', '/app/newrelic.ini'], need: 'none' },
    ],
  },

  // ── more object stores ─────────────────────────────────────────────────────────────────────
  {
    names: ['ossfs'],
    needsRoot: FUSE_ROOT,
    effect: { template: 'connect', what: 'mounts the OSS bucket over FUSE (-ourl=… names the endpoint)' },
    summary: 'Alibaba OSS FUSE mount (an s3fs fork): file operations are requests to the OSS endpoint given with -ourl.',
    source: 'aliyun/ossfs:src/s3fs.cpp',
    examples: [{ command: ['ossfs', 'models', '/mnt/oss', '-ourl=http://oss-cn-hangzhou-internal.aliyuncs.com'], need: 'required' }],
  },
  {
    names: ['cosfs'],
    needsRoot: FUSE_ROOT,
    effect: { template: 'connect', what: 'mounts the COS bucket over FUSE (-ourl=… names the endpoint)' },
    summary: 'Tencent COS FUSE mount (an s3fs fork): file operations are requests to the COS endpoint given with -ourl.',
    source: 'tencentyun/cosfs:src/s3fs.cpp',
    examples: [{ command: ['cosfs', 'models-1250000000', '/mnt/cos', '-ourl=http://cos.ap-guangzhou.myqcloud.com'], need: 'required' }],
  },
  {
    names: ['tccli'],
    effect: { template: 'subcommands', cases: { configure: LOCAL }, default: { template: 'connect', what: 'calls <product>.tencentcloudapi.com', explains: true } },
    summary: 'Tencent Cloud CLI: every product action is an API call to <product>.tencentcloudapi.com; configure is local.',
    source: 'TencentCloud/tencentcloud-cli:tccli/configure.py',
    examples: [
      { command: ['tccli', 'cvm', 'DescribeInstances', '--region', 'ap-guangzhou'], need: 'required' },
      { command: ['tccli', 'configure', 'set', 'region', 'ap-guangzhou'], need: 'none' },
    ],
  },
  {
    names: ['swift'],
    effect: KEYSTONE,
    summary: 'OpenStack Swift client: authenticates against Keystone (OS_AUTH_URL or ST_AUTH) and then downloads, uploads or lists objects.',
    source: 'openstack/python-swiftclient:swiftclient/shell.py',
    examples: [{ command: ['swift', 'download', 'models', '--prefix', 'bert/'], env: { OS_AUTH_URL: 'https://keystone.cloud.example:5000/v3' }, need: 'required', dest: 'keystone.cloud.example:5000' }],
  },
  {
    names: ['openstack'],
    effect: { template: 'subcommands', cases: { complete: LOCAL, 'module list': LOCAL }, default: KEYSTONE },
    summary: 'OpenStack unified client: authenticates against Keystone (--os-auth-url/OS_AUTH_URL) and calls the service endpoints of the catalog.',
    source: 'openstack/python-openstackclient:openstackclient/shell.py',
    examples: [
      { command: ['openstack', 'endpoint', 'list'], env: { OS_AUTH_URL: 'http://keystone-api.openstack.svc.cluster.local:5000/v3' }, need: 'required', dest: 'keystone-api.openstack.svc.cluster.local:5000' },
    ],
  },
  // ── Carvel and registry fetchers ───────────────────────────────────────────────────────────
  {
    names: ['vendir'],
    effect: { template: 'subcommands', cases: { version: LOCAL, tools: LOCAL }, default: { template: 'connect', what: 'fetches the git, http, helm chart, image and GitHub release sources of vendir.yml' } },
    summary: 'Carvel vendir: `sync` fetches the directories declared in vendir.yml (git, HTTP, Helm charts, images, GitHub releases) into the workspace.',
    source: 'carvel-dev/vendir:pkg/vendir/cmd/sync.go',
    examples: [{ command: ['vendir', 'sync', '--chdir', '/work'], need: 'required' }],
  },
  {
    names: ['imgpkg'],
    effect: { template: 'subcommands', cases: { version: LOCAL, completion: LOCAL }, default: REGISTRY },
    summary: 'Carvel imgpkg: pull, push, copy and tag move bundles and images to and from OCI registries.',
    source: 'carvel-dev/imgpkg:pkg/imgpkg/cmd/pull.go',
    examples: [{ command: ['imgpkg', 'pull', '-b', 'registry.example.com/bundles/app:1.0', '-o', '/bundle'], need: 'required' }],
  },
  {
    names: ['kbld'],
    effect: { template: 'subcommands', cases: { version: LOCAL, inspect: LOCAL }, default: { template: 'connect', what: 'resolves image tags to digests at the registries' } },
    summary: 'Carvel kbld: resolves image tags in manifests to digests (asking each registry), builds or relocates images.',
    source: 'carvel-dev/kbld:pkg/kbld/cmd/resolve.go',
    examples: [{ command: ['kbld', '-f', '/manifests/'], need: 'required' }],
  },
  {
    names: ['regctl'],
    effect: { template: 'subcommands', cases: { version: LOCAL, completion: LOCAL, config: LOCAL, 'registry config': LOCAL }, default: REGISTRY },
    summary: 'regclient CLI: image, manifest, blob, tag and artifact commands call the OCI registries; config commands are local.',
    source: 'regclient/regclient:cmd/regctl/image.go',
    examples: [
      { command: ['regctl', 'image', 'copy', 'ghcr.io/org/app:1.0', 'registry.local/app:1.0'], need: 'required' },
      { command: ['regctl', 'registry', 'config'], need: 'none' },
    ],
  },
  {
    names: ['kubelogin'],
    effect: {
      template: 'subcommands',
      cases: { 'convert-kubeconfig': LOCAL, 'remove-tokens': LOCAL, 'remove-cache-dir': LOCAL },
      default: { template: 'connect', host: { default: 'login.microsoftonline.com' }, port: { default: '443' }, what: 'gets an Entra ID token' },
    },
    summary: 'Azure kubelogin: `get-token` obtains an Entra ID (AAD) token (login.microsoftonline.com, or IMDS for managed identity); convert-kubeconfig only rewrites the kubeconfig.',
    source: 'Azure/kubelogin:pkg/cmd/token.go',
    examples: [
      { command: ['kubelogin', 'convert-kubeconfig', '-l', 'workloadidentity'], need: 'none' },
      { command: ['kubelogin', 'get-token', '--login', 'spn', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630'], need: 'required', dest: 'login.microsoftonline.com:443' },
    ],
  },
  {
    names: ['aws_signing_helper'],
    effect: {
      template: 'subcommands',
      cases: { 'sign-string': LOCAL, 'read-certificate-data': LOCAL, version: LOCAL },
      default: { template: 'connect', what: 'exchanges the X.509 certificate for credentials at IAM Roles Anywhere' },
    },
    summary: 'IAM Roles Anywhere credential helper: credential-process, update and serve call rolesanywhere.<region>.amazonaws.com with the certificate; sign-string is local.',
    source: 'aws/rolesanywhere-credential-helper:cmd/credential_process.go',
    examples: [{ command: ['aws_signing_helper', 'update', '--certificate', '/certs/tls.crt', '--private-key', '/certs/tls.key', '--trust-anchor-arn', 'arn:aws:rolesanywhere:eu-west-1:1:trust-anchor/x', '--profile-arn', 'arn:aws:rolesanywhere:eu-west-1:1:profile/y', '--role-arn', 'arn:aws:iam::1:role/z'], need: 'required' }],
  },
  {
    names: ['spire-agent'],
    effect: {
      template: 'subcommands',
      cases: {
        api: { template: 'loopback', what: 'calls the Workload API over the agent Unix socket', explains: true },
        healthcheck: { template: 'loopback', what: 'checks the agent over its Unix socket', explains: true },
        validate: LOCAL,
        run: { template: 'connect', what: 'attests to the SPIRE server named in its config', explains: true },
      },
      default: { template: 'loopback', what: 'talks to the agent admin socket', explains: true },
    },
    summary: 'SPIRE agent: `api fetch`/`watch` and `healthcheck` use the agent Unix socket (as init containers waiting for an SVID do); `run` is the agent, which connects to the SPIRE server.',
    source: 'spiffe/spire:cmd/spire-agent/cli/cli.go',
    examples: [
      { command: ['/opt/spire/bin/spire-agent', 'api', 'fetch', '-socketPath', '/run/spire/sockets/agent.sock'], need: 'none' },
      { command: ['spire-agent', 'run', '-config', '/run/spire/config/agent.conf'], need: 'required' },
    ],
  },
  {
    names: ['age', 'age-keygen'],
    effect: LOCAL,
    summary: 'Encrypts and decrypts files with age/SSH keys, and generates keys: no network.',
    source: 'FiloSottile/age:cmd/age/age.go',
    examples: [{ command: ['age', '-d', '-i', '/keys/key.txt', '-o', '/secrets/app.env', '/enc/app.env.age'], need: 'none' }],
  },
  {
    names: ['certutil', 'pk12util'],
    effect: LOCAL,
    summary: 'NSS tools: manage certificate and key databases and import or export PKCS#12 files on disk.',
    source: 'man 1 certutil',
    examples: [{ command: ['certutil', '-A', '-d', 'sql:/nssdb', '-n', 'ca', '-t', 'CT,,', '-i', '/certs/ca.crt'], need: 'none' }],
  },
  // ── infrastructure, configuration and cert bootstrap ───────────────────────────────────────
  {
    names: ['terraform'],
    effect: iacTool('registry.terraform.io'),
    summary: 'Terraform: `init` downloads providers and modules (registry.terraform.io by default) and configures the backend; plan/apply depend on the backend and providers; fmt and validate are local.',
    source: 'hashicorp/terraform:internal/addrs/provider.go',
    examples: [
      { command: ['terraform', 'init', '-input=false'], need: 'required', dest: 'registry.terraform.io:443' },
      { command: ['terraform', 'fmt', '-check'], need: 'none' },
      { command: ['terraform', 'apply', '-auto-approve'], need: 'either' },
    ],
  },
  {
    names: ['tofu'],
    effect: iacTool('registry.opentofu.org'),
    summary: 'OpenTofu: `init` downloads providers and modules (registry.opentofu.org by default) and configures the backend; plan/apply depend on the backend and providers.',
    source: 'opentofu/opentofu:internal/addrs/provider.go',
    examples: [
      { command: ['tofu', 'init'], need: 'required', dest: 'registry.opentofu.org:443' },
      { command: ['tofu', 'validate'], need: 'none' },
    ],
  },
  {
    names: ['ansible-galaxy'],
    effect: {
      template: 'subcommands',
      cases: { 'role init': LOCAL, 'collection init': LOCAL, 'role list': LOCAL, 'collection list': LOCAL, init: LOCAL, list: LOCAL, 'collection build': LOCAL },
      default: { template: 'connect', url: { flags: ['-s', '--server'], env: ['ANSIBLE_GALAXY_SERVER'], default: 'https://galaxy.ansible.com' }, what: 'downloads roles and collections', explains: true },
    },
    summary: 'Ansible Galaxy: install downloads roles and collections from the Galaxy server (ANSIBLE_GALAXY_SERVER, default galaxy.ansible.com); init, list and build are local.',
    source: 'ansible/ansible:lib/ansible/config/base.yml',
    examples: [
      { command: ['ansible-galaxy', 'collection', 'install', '-r', 'requirements.yml'], need: 'required', dest: 'galaxy.ansible.com:443' },
      { command: ['ansible-galaxy', 'role', 'init', 'myrole'], need: 'none' },
    ],
  },
  {
    names: ['ansible-playbook', 'ansible'],
    effect: { template: 'opaque', why: 'the hosts come from the inventory and the tasks from the playbook (a local connection never leaves the pod)' },
    summary: 'Runs Ansible plays against the inventory hosts (SSH, WinRM, APIs or the local connection).',
    source: 'ansible/ansible:lib/ansible/cli/playbook.py',
    examples: [{ command: ['ansible-playbook', '-i', 'localhost,', '-c', 'local', '/playbooks/setup.yml'], need: 'either' }],
  },
  {
    names: ['bootstrapper.sh'],
    images: [{ repo: 'smallstep/autocert-bootstrapper', cmd: ['/home/step/bootstrapper.sh'] }],
    effect: { template: 'connect', url: { env: ['STEP_CA_URL'] }, what: 'step ca certificate and step ca root ask the CA' },
    summary: "smallstep autocert's injected init container: requests a certificate and the root from step-ca (STEP_CA_URL) unless the files already exist.",
    source: 'smallstep/autocert:bootstrapper/bootstrapper.sh',
    examples: [
      { image: 'cr.smallstep.com/smallstep/autocert-bootstrapper:0.20.0', env: { STEP_CA_URL: 'https://ca.step.svc.cluster.local:4443', COMMON_NAME: 'hello.default.svc' }, need: 'required', dest: 'ca.step.svc.cluster.local:4443' },
    ],
  },
  {
    names: ['cmctl'],
    effect: {
      template: 'subcommands',
      cases: { completion: LOCAL, convert: LOCAL, 'create certificaterequest': { template: 'kube-api', what: 'creates a CertificateRequest' } },
      default: { template: 'kube-api', what: 'reads or changes cert-manager resources' },
    },
    summary: 'cert-manager CLI: `check api --wait` polls the API server until cert-manager answers; renew, approve, status and inspect work on resources; convert is local.',
    source: 'cert-manager/cmctl:pkg/check/check.go',
    examples: [
      { command: ['cmctl', 'check', 'api', '--wait=2m'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
      { command: ['cmctl', 'convert', '-f', 'cert.yaml', '--output-version', 'cert-manager.io/v1'], need: 'none' },
    ],
  },
  {
    names: ['gradlew'],
    effect: { template: 'connect', host: { default: 'services.gradle.org' }, port: { default: '443' }, what: 'downloads the Gradle distribution (first run), then Gradle resolves dependencies', explains: true },
    summary: 'Gradle wrapper: downloads the distribution named in gradle-wrapper.properties into the Gradle user home when missing and starts Gradle, which resolves the build dependencies.',
    source: 'gradle/gradle:platforms/core-runtime/wrapper-main/src/main/java/org/gradle/wrapper/GradleWrapperMain.java',
    examples: [{ command: ['./gradlew', '--no-daemon', 'flywayMigrate'], need: 'required', dest: 'services.gradle.org:443' }],
  },
  {
    names: ['kamus-init-container'],
    // The image runs `node index.js`; this entry names that script so an image-only spec is judged.
    images: [{ repo: 'soluto/kamus-init-container', entrypoint: ['kamus-init-container'] }],
    effect: { template: 'connect', url: { env: ['KAMUS_URL'] }, what: 'asks the Kamus decryptor API to decrypt the mounted secrets' },
    summary: 'Kamus init container: posts each encrypted value to the Kamus decrypt API (KAMUS_URL) with the pod token and writes the plain config file.',
    source: 'Soluto/kamus:init-container/index.js',
    examples: [
      { image: 'soluto/kamus-init-container:latest', args: ['-e', '/encrypted', '-d', '/decrypted', '-n', 'config.json'], env: { KAMUS_URL: 'http://kamus-decryptor.default.svc.cluster.local' }, need: 'required', dest: 'kamus-decryptor.default.svc.cluster.local:80' },
    ],
  },
  {
    names: ['ejson', 'ejson2env'],
    effect: LOCAL,
    summary: 'Shopify ejson: encrypts/decrypts JSON secrets with keys from the local keydir; ejson2env prints them as exports.',
    source: 'Shopify/ejson:cmd/ejson/actions.go',
    examples: [{ command: ['ejson', 'decrypt', '-o', '/secrets/app.json', '/config/app.ejson'], need: 'none' }],
  },
  {
    names: ['git-crypt'],
    effect: LOCAL,
    summary: 'Decrypts (unlock) or encrypts files of a git work tree with a symmetric key file or GPG: no network.',
    source: 'AGWA/git-crypt:git-crypt.cpp',
    examples: [{ command: ['git-crypt', 'unlock', '/keys/repo.key'], need: 'none' }],
  },
  {
    names: ['pacman'],
    needsRoot: true,
    effect: {
      template: 'flags',
      cases: [
        { has: ['-S', '--sync'], then: { template: 'connect', what: 'downloads from the mirrors in /etc/pacman.d/mirrorlist', explains: true } },
        { has: ['-U', '--upgrade'], then: { rule: 'gomplate' } },
      ],
      default: LOCAL,
    },
    summary: 'Arch Linux package manager: -S installs or refreshes from the mirrors, -U installs local files or URLs, -Q and -R are local.',
    source: 'man 8 pacman',
    examples: [
      { command: ['pacman', '-Syu', '--noconfirm', 'jq'], need: 'required' },
      { command: ['pacman', '-Qi', 'jq'], need: 'none' },
    ],
  },
  {
    names: ['bun'],
    effect: {
      template: 'subcommands',
      cases: {
        ...each(['install', 'i', 'add', 'a', 'update', 'upgrade', 'create', 'pm'], BUN_REGISTRY),
        x: { template: 'all', of: [BUN_REGISTRY, { template: 'run', skip: 1 }] },
        build: LOCAL, test: LOCAL,
      },
      default: { template: 'opaque', why: 'runs a script or file of the project' },
    },
    summary: 'Bun: install/add/update and `bun x` download from the npm registry (BUN_CONFIG_REGISTRY); `bun run`/`bun file.ts` run project code.',
    source: 'oven-sh/bun:src/install/npm.zig',
    examples: [
      { command: ['bun', 'install', '--frozen-lockfile'], need: 'required', dest: 'registry.npmjs.org:443' },
      { command: ['bun', 'build', './src/index.ts', '--outdir', './dist'], need: 'none' },
    ],
  },
  {
    names: ['bunx'],
    effect: { template: 'all', of: [BUN_REGISTRY, { template: 'run' }] },
    summary: 'bunx (`bun x`): runs a package\'s binary, installing the package from the registry when it is not in node_modules.',
    source: 'oven-sh/bun:src/cli/bunx_command.zig',
    examples: [{ command: ['bunx', 'prisma', 'migrate', 'deploy'], need: 'required', dest: 'registry.npmjs.org:443' }],
  },
  {
    names: ['opentelemetry-bootstrap'],
    effect: {
      template: 'value',
      from: { flags: ['-a', '--action'], default: 'requirements' },
      cases: { install: { template: 'connect', url: { env: ['PIP_INDEX_URL'], default: PYPI_SIMPLE }, what: 'pip-installs the instrumentation packages' } },
      default: LOCAL,
    },
    summary: 'Detects installed Python libraries; `-a install` pip-installs the matching OpenTelemetry instrumentations, the default prints them.',
    source: 'open-telemetry/opentelemetry-python-contrib:opentelemetry-instrumentation/src/opentelemetry/instrumentation/bootstrap.py',
    examples: [
      { command: ['opentelemetry-bootstrap', '-a', 'install'], need: 'required', dest: 'pypi.org:443' },
      { command: ['opentelemetry-bootstrap'], need: 'none' },
    ],
  },
  {
    names: ['code-server'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['--install-extension'], then: { template: 'connect', host: { default: 'open-vsx.org' }, port: { default: '443' }, what: 'downloads the extension from the gallery (EXTENSIONS_GALLERY overrides; a .vsix path is local)', explains: true } },
        { has: ['--list-extensions', '--uninstall-extension'], then: LOCAL },
      ],
      default: { template: 'loopback', what: 'serves the editor' },
    },
    summary: "VS Code in the browser: `--install-extension` downloads from the Open VSX gallery (the code-server chart's extraInitContainers example); without it, it is the server.",
    source: 'coder/code-server:ci/helm-chart/values.yaml',
    examples: [
      { command: ['sh', '-c', 'code-server --install-extension ms-python.python'], need: 'required', dest: 'open-vsx.org:443' },
      { command: ['code-server', '--list-extensions'], need: 'none' },
    ],
  },
  {
    names: ['wait-port'],
    effect: { template: 'connect', url: { positional: 0 }, address: { positional: 0 }, what: 'waits for the port (http:// targets also wait for an HTTP answer)' },
    summary: 'Node utility that waits until host:port (or an http:// URL) accepts connections, with --wait-for-dns for names not yet resolvable.',
    source: 'dwmkerr/wait-port:bin/wait-port.js',
    examples: [
      { command: ['npx', '--no', 'wait-port', 'rabbitmq:5672'], need: 'required', dest: 'rabbitmq:5672' },
      { command: ['wait-port', 'http://api:8080/health'], need: 'required', dest: 'api:8080' },
    ],
  },
  {
    names: ['bws'],
    effect: {
      template: 'subcommands',
      cases: { config: LOCAL, completions: LOCAL, run: { template: 'all', of: [BWS_API, runAfterDashes] } },
      default: BWS_API,
    },
    summary: 'Bitwarden Secrets Manager CLI: secret/project commands and `run -- cmd` call the Bitwarden API (BWS_SERVER_URL, default api.bitwarden.com).',
    source: 'bitwarden/sdk-sm:crates/bws/src/config.rs',
    examples: [
      { command: ['bws', 'run', '--', 'node', 'server.js'], need: 'required', dest: 'api.bitwarden.com:443' },
      { command: ['bws', 'secret', 'get', '0b2a…'], env: { BWS_SERVER_URL: 'https://vault.bitwarden.eu' }, need: 'required', dest: 'vault.bitwarden.eu:443' },
    ],
  },
  {
    names: ['mise'],
    effect: {
      template: 'subcommands',
      cases: {
        ...each(['install', 'i', 'use', 'u', 'upgrade', 'up', 'ls-remote', 'latest', 'outdated', 'self-update', 'plugins', 'sync'], { template: 'connect', what: 'downloads tool versions (GitHub releases, registries, plugin repositories)', explains: true }),
        exec: { template: 'all', of: [MISE_INSTALL, runAfterDashes] },
        x: { template: 'all', of: [MISE_INSTALL, runAfterDashes] },
        run: { template: 'opaque', why: 'runs a task from the project configuration' },
      },
      default: LOCAL,
    },
    summary: 'mise (polyglot version manager): install/use/upgrade download tool versions; exec installs what is missing and runs the command; env, ls, which and activate are local.',
    source: 'jdx/mise:src/cli/install.rs',
    examples: [
      { command: ['mise', 'install'], need: 'required' },
      { command: ['mise', 'ls'], need: 'none' },
    ],
  },
  {
    names: ['asdf'],
    effect: {
      template: 'subcommands',
      cases: { install: { template: 'connect', what: 'downloads the tool version through its plugin', explains: true }, 'plugin add': { template: 'connect', what: 'clones the plugin repository' }, 'plugin update': { template: 'connect', what: 'pulls the plugin repository' }, latest: { template: 'connect', what: 'lists remote versions', explains: true }, 'list all': { template: 'connect', what: 'lists remote versions', explains: true }, exec: { template: 'run', skip: 1 } },
      default: LOCAL,
    },
    summary: 'asdf version manager: install, plugin add/update and list all reach the network through the plugins; current, set, reshim and list are local.',
    source: 'asdf-vm/asdf:internal/cli/cli.go',
    examples: [
      { command: ['asdf', 'plugin', 'add', 'nodejs'], need: 'required' },
      { command: ['asdf', 'current'], need: 'none' },
    ],
  },
  {
    names: ['gpg', 'gpg2'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--recv-keys', '--receive-keys', '--refresh-keys', '--search-keys', '--fetch-keys', '--locate-keys', '--send-keys'], then: { template: 'connect', url: { flags: ['--keyserver'] }, what: 'talks to the keyserver (dirmngr)', explains: true } }],
      default: LOCAL,
    },
    summary: 'GnuPG: --recv-keys/--refresh-keys/--fetch-keys reach a keyserver or URL through dirmngr; import, verify, decrypt and sign are local.',
    source: 'man 1 gpg',
    examples: [
      { command: ['gpg', '--batch', '--keyserver', 'hkps://keys.openpgp.org', '--recv-keys', 'B42F6819007F00F88E364FD4036A9C25BF357DD4'], need: 'required' },
      { command: ['gpg', '--batch', '--verify', 'tini.asc', 'tini'], need: 'none' },
    ],
  },
  // ── observability maintenance and deploy tools ─────────────────────────────────────────────
  {
    names: ['es-rollover', 'jaeger-es-rollover'],
    images: [{ repo: 'jaegertracing/jaeger-es-rollover', entrypoint: ['/go/bin/es-rollover'] }],
    effect: { template: 'connect', url: { positional: 1 }, what: 'creates or rolls over the Jaeger indices and aliases in Elasticsearch' },
    summary: "Jaeger's Elasticsearch index manager: `init`, `rollover` and `lookback` take the Elasticsearch URL as their argument (the Jaeger chart runs `init` as a hook).",
    source: 'jaegertracing/jaeger:cmd/es-rollover/main.go',
    examples: [
      { image: 'jaegertracing/jaeger-es-rollover:1.57.0', args: ['init', 'http://elasticsearch-master:9200'], need: 'required', dest: 'elasticsearch-master:9200' },
    ],
  },
  {
    names: ['es-index-cleaner', 'es-index-cleaner-linux'],
    images: [{ repo: 'jaegertracing/jaeger-es-index-cleaner', entrypoint: ['/go/bin/es-index-cleaner-linux'] }],
    effect: { template: 'connect', url: { positional: 1 }, what: 'deletes Jaeger indices older than the given days' },
    summary: "Jaeger's index cleaner: `<days> <Elasticsearch URL>` deletes the older daily indices.",
    source: 'jaegertracing/jaeger:cmd/es-index-cleaner/main.go',
    examples: [{ image: 'jaegertracing/jaeger-es-index-cleaner:1.57.0', args: ['7', 'http://elasticsearch:9200'], need: 'required', dest: 'elasticsearch:9200' }],
  },
  {
    names: ['promtool'],
    effect: {
      template: 'subcommands',
      cases: {
        'check healthy': { template: 'connect', url: PROMETHEUS_URL, what: 'asks the Prometheus server' },
        'check ready': { template: 'connect', url: PROMETHEUS_URL, what: 'asks the Prometheus server' },
        query: { template: 'connect', url: { positional: 1 }, what: 'queries the Prometheus server given as argument' },
        'push metrics': { template: 'connect', url: { positional: 0 }, what: 'pushes to the remote-write URL', explains: true },
        'tsdb create-blocks-from rules': { template: 'connect', url: PROMETHEUS_URL, what: 'backfills from the Prometheus API' },
      },
      default: LOCAL,
    },
    summary: 'Prometheus tool: check config/rules/metrics, test rules and tsdb commands are local; check healthy/ready and query call a Prometheus server.',
    source: 'prometheus/prometheus:cmd/promtool/main.go',
    examples: [
      { command: ['promtool', 'check', 'config', '/etc/prometheus/prometheus.yml'], need: 'none' },
      { command: ['promtool', 'query', 'instant', 'http://prometheus:9090', 'up'], need: 'required', dest: 'prometheus:9090' },
    ],
  },
  {
    names: ['kapp'],
    effect: { template: 'subcommands', cases: { version: LOCAL, completion: LOCAL, tools: LOCAL }, default: { template: 'kube-api', what: 'deploys, inspects or deletes the app resources' } },
    summary: 'Carvel kapp: deploy, delete, inspect and list apply or read resources through the Kubernetes API.',
    source: 'carvel-dev/kapp:pkg/kapp/cmd/kapp.go',
    examples: [{ command: ['kapp', 'deploy', '-y', '-a', 'app', '-f', '/manifests/'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' }],
  },
  {
    names: ['helmfile'],
    effect: {
      template: 'subcommands',
      cases: {
        version: LOCAL, list: LOCAL, build: LOCAL, 'show-dag': LOCAL, 'print-env': LOCAL,
        ...each(['template', 'lint', 'write-values', 'fetch', 'deps', 'repos'], { template: 'connect', what: 'adds and updates the chart repositories of helmfile.yaml' }),
      },
      default: { template: 'kube-api', what: 'runs helm against the cluster' },
    },
    summary: 'helmfile: sync/apply/diff/destroy run helm against the cluster; template, deps and repos fetch the chart repositories; list and build are local.',
    source: 'helmfile/helmfile:cmd/sync.go',
    examples: [
      { command: ['helmfile', '-f', '/helmfile.yaml', 'sync'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
      { command: ['helmfile', 'list'], need: 'none' },
    ],
  },
  {
    names: ['kpt'],
    effect: {
      template: 'subcommands',
      cases: {
        'pkg get': { template: 'connect', url: { positional: 0 }, what: 'clones the package from git or an OCI registry' },
        'pkg update': { template: 'connect', what: 'fetches the upstream package' },
        'fn render': { template: 'opaque', why: 'runs the function images of the Kptfile pipeline' },
        'fn eval': { template: 'opaque', why: 'runs a function image' },
        live: { template: 'kube-api', what: 'applies or reads resources' },
      },
      default: LOCAL,
    },
    summary: 'kpt: `pkg get` clones a package (git/OCI), `live` applies through the Kubernetes API, `fn render` runs function containers; pkg tree/diff on local files is local.',
    source: 'kptdev/kpt:commands/commands.go',
    examples: [
      { command: ['kpt', 'pkg', 'get', 'https://github.com/kptdev/kpt.git/package-examples/nginx@v0.9', '/pkg'], need: 'required', dest: 'github.com:443' },
      { command: ['kpt', 'live', 'apply', '/pkg'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
    ],
  },
  {
    names: ['conjur'],
    effect: { template: 'subcommands', cases: { completion: LOCAL, logout: LOCAL }, default: CONJUR },
    summary: 'CyberArk Conjur CLI: init, login, variable get/set, policy load and whoami call the Conjur server (CONJUR_APPLIANCE_URL or .conjurrc).',
    source: 'cyberark/conjur-cli-go:pkg/cmd/variable.go',
    examples: [{ command: ['conjur', 'variable', 'get', '-i', 'prod/db/password'], env: { CONJUR_APPLIANCE_URL: 'https://conjur-follower.conjur.svc.cluster.local' }, need: 'required', dest: 'conjur-follower.conjur.svc.cluster.local:443' }],
  },
  {
    names: ['summon-conjur'],
    effect: CONJUR,
    summary: "Summon's Conjur provider: fetches the one variable it is given from Conjur (CONJUR_APPLIANCE_URL).",
    source: 'cyberark/summon-conjur:cmd/main.go',
    examples: [{ command: ['summon-conjur', 'prod/db/password'], env: { CONJUR_APPLIANCE_URL: 'https://conjur.example.com' }, need: 'required', dest: 'conjur.example.com:443' }],
  },
  {
    names: ['summon-aws-secrets'],
    effect: { template: 'connect', what: 'reads the secret from AWS Secrets Manager' },
    summary: "Summon's AWS provider: fetches the one secret it is given from AWS Secrets Manager.",
    source: 'cyberark/summon-aws-secrets:main.go',
    examples: [{ command: ['summon-aws-secrets', 'prod/db#password'], need: 'required' }],
  },
  {
    names: ['scap-driver-loader', 'sysdig-probe-loader'],
    needsRoot: true,
    effect: {
      template: 'flags',
      cases: [
        { has: ['--clean', '--source-only'], then: LOCAL },
        { has: ['--compile'], then: { template: 'flags', cases: [{ has: ['--download'], then: { template: 'connect', url: { env: ['DRIVERS_REPO'], default: 'https://download.sysdig.com/scap-drivers' }, what: 'downloads a prebuilt driver', explains: true } }], default: LOCAL } },
      ],
      default: { template: 'connect', url: { env: ['DRIVERS_REPO'], default: 'https://download.sysdig.com/scap-drivers' }, what: 'downloads a prebuilt kernel module or eBPF probe before compiling one', explains: true },
    },
    summary: "Sysdig's driver loader (the agent-kmodule init container): loads a cached module, else downloads a prebuilt one from DRIVERS_REPO, else compiles it; --compile alone never downloads. Runs as root.",
    source: 'draios/sysdig:scripts/scap-driver-loader.in',
    examples: [
      { command: ['scap-driver-loader'], need: 'required', dest: 'download.sysdig.com:443' },
      { command: ['sysdig-probe-loader', '--compile'], need: 'none' },
    ],
  },
  {
    names: ['alloydb-auth-proxy'],
    images: [{ repo: 'alloydb-auth-proxy', entrypoint: ['/alloydb-auth-proxy'] }],
    effect: { template: 'connect', url: { flags: ['--alloydbadmin-api-endpoint'], default: 'https://alloydb.googleapis.com' }, what: 'fetches instance metadata and client certificates from the AlloyDB Admin API' },
    summary: 'AlloyDB Auth Proxy (often a native sidecar): gets connection info and certificates from the AlloyDB Admin API, then proxies 127.0.0.1:5432 to the instance.',
    source: 'GoogleCloudPlatform/alloydb-auth-proxy:cmd/root.go',
    examples: [{ image: 'gcr.io/alloydb-connectors/alloydb-auth-proxy:1.10.0', args: ['projects/p/locations/europe-west1/clusters/c/instances/i'], need: 'required', dest: 'alloydb.googleapis.com:443' }],
  },
  {
    names: ['kdig', 'delv'],
    effect: { rule: 'lookup' },
    summary: "DNS query tools (Knot's kdig, BIND's delv): they only resolve the name they are given, as dig does.",
    source: 'man 1 kdig',
    examples: [{ command: ['kdig', '+short', 'etcd-0.etcd.default.svc.cluster.local'], need: 'required', dest: 'dns:etcd-0.etcd.default.svc.cluster.local' }],
  },
  {
    names: ['mr-storage-initializer'],
    images: [{ repo: 'kubeflow/model-registry-storage-initializer', entrypoint: ['/mr-storage-initializer'] }],
    effect: {
      template: 'all',
      of: [
        { template: 'connect', address: { env: ['MODEL_REGISTRY_BASE_URL'], default: 'localhost:8080' }, what: 'looks the model version up in the Kubeflow Model Registry' },
        { template: 'connect', what: "downloads the model version's artifact URI (S3, OCI, Hugging Face…)", explains: true },
      ],
    },
    summary: "Kubeflow Model Registry's KServe storage initializer: resolves `model-registry://` URIs through the registry API, then downloads the artifact it points to.",
    source: 'kubeflow/model-registry:cmd/csi/main.go',
    examples: [
      { image: 'kubeflow/model-registry-storage-initializer:v0.2.10', args: ['model-registry://iris/v1', '/mnt/models'], env: { MODEL_REGISTRY_BASE_URL: 'model-registry-service.kubeflow.svc.cluster.local:8080' }, need: 'required', dest: 'model-registry-service.kubeflow.svc.cluster.local:8080' },
    ],
  },
  {
    names: ['teller'],
    effect: {
      template: 'subcommands',
      cases: { new: LOCAL, redact: LOCAL, run: { template: 'all', of: [{ template: 'opaque', why: 'the providers (Vault, AWS, GCP, dotenv…) are listed in .teller.yml' }, runAfterDashes] } },
      default: { template: 'opaque', why: 'the providers (Vault, AWS, GCP, dotenv…) are listed in .teller.yml' },
    },
    summary: 'Teller: run/export/env/template pull secrets from the providers configured in .teller.yml (some local, most remote) and inject them.',
    source: 'tellerops/teller:teller-cli/src/cli.rs',
    examples: [{ command: ['teller', 'run', '--reset', '--', 'node', 'index.js'], need: 'either' }],
  },
  {
    names: ['ssm-parent'],
    effect: {
      template: 'subcommands',
      cases: { run: { template: 'all', of: [{ template: 'connect', what: 'reads the parameters from AWS SSM' }, runAfterDashes] } },
      default: { template: 'connect', what: 'reads the parameters from AWS SSM' },
    },
    summary: 'Reads AWS SSM parameters (by name or path) into the environment, then runs the command (`run`) or prints them (`print`, `dotenv`).',
    source: 'springload/ssm-parent:cmd/run.go',
    examples: [{ command: ['ssm-parent', 'run', '-p', '/prod/app/', '--', '/app/server'], need: 'required' }],
  },
  {
    names: ['cue'],
    effect: {
      template: 'subcommands',
      cases: { 'mod get': CUE_REGISTRY, 'mod tidy': CUE_REGISTRY, 'mod publish': CUE_REGISTRY },
      default: { template: 'opaque', why: 'export, eval and vet download missing module dependencies from the registry when cue.mod declares any' },
    },
    summary: 'CUE: export/eval/vet evaluate local files (fetching declared module dependencies from CUE_REGISTRY when missing); `mod get/tidy/publish` talk to the registry.',
    source: 'cue-lang/cue:cmd/cue/cmd/modget.go',
    examples: [
      { command: ['cue', 'mod', 'tidy'], need: 'required', dest: 'registry.cue.works:443' },
      { command: ['cue', 'export', './config', '--out', 'yaml'], need: 'either' },
    ],
  },
  {
    names: ['git-secret'],
    effect: LOCAL,
    summary: 'Reveals (decrypts) or hides files of a repository with the GPG keys in the local keyring.',
    source: 'sobolevn/git-secret:src/commands/git_secret_reveal.sh',
    examples: [{ command: ['git-secret', 'reveal', '-f'], need: 'none' }],
  },
  {
    names: ['update-ca-trust'],
    needsRoot: true,
    effect: LOCAL,
    summary: 'Rebuilds the consolidated CA bundles on RHEL-family systems from /etc/pki/ca-trust/source.',
    source: 'man 8 update-ca-trust',
    examples: [{ command: ['update-ca-trust', 'extract'], need: 'none' }],
  },
  {
    names: ['certtool'],
    effect: LOCAL,
    summary: 'GnuTLS certificate tool: generates keys, requests and certificates on disk.',
    source: 'man 1 certtool',
    examples: [{ command: ['certtool', '--generate-privkey', '--outfile', '/certs/key.pem'], need: 'none' }],
  },
  {
    names: ['apt-key'],
    needsRoot: true,
    effect: { template: 'flags', cases: [{ has: ['--recv-keys', '--recv', '--fetch-keys', 'net-update'], then: { template: 'connect', url: { flags: ['--keyserver'] }, what: 'fetches keys from the keyserver' } }], default: LOCAL },
    summary: 'Manages the legacy APT keyring: `add` reads a local file or stdin; `adv --recv-keys` and net-update reach a keyserver.',
    source: 'man 8 apt-key',
    examples: [
      { command: ['apt-key', 'add', '/tmp/repo.gpg'], need: 'none' },
      { command: ['apt-key', 'adv', '--keyserver', 'hkp://keyserver.ubuntu.com:80', '--recv-keys', '0xABCDEF'], need: 'required', dest: 'keyserver.ubuntu.com:80' },
    ],
  },
  {
    // Image-only: the operator always sets `cp …`; without a command these busybox-based images run sh (the apache one runs cat).
    names: [],
    images: [
      ...['java', 'nodejs', 'python', 'dotnet', 'php'].map((lang) => ({ repo: `open-telemetry/opentelemetry-operator/autoinstrumentation-${lang}`, cmd: ['sh'] })),
      { repo: 'open-telemetry/opentelemetry-operator/autoinstrumentation-apache-httpd', cmd: ['cat', 'Just delivering the Opentelemetry Apache/Nginx agent'] },
    ],
    effect: LOCAL,
    summary: "OpenTelemetry operator's auto-instrumentation images: agent files on a busybox base that the injected init container copies into a shared volume.",
    source: 'open-telemetry/opentelemetry-operator:autoinstrumentation/java/Dockerfile',
    examples: [
      { image: 'ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0', need: 'none' },
      { image: 'ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-python:0.64b0', command: ['cp', '-r', '/autoinstrumentation/.', '/otel-auto-instrumentation-python'], need: 'none' },
    ],
  },
  {
    names: ['docker-php-ext-install', 'docker-php-ext-configure', 'docker-php-ext-enable'],
    needsRoot: true,
    effect: LOCAL,
    summary: "Official PHP images' extension helpers: build bundled extensions from the source tarball inside the image (docker-php-source extract, make) and enable them: no download.",
    source: 'docker-library/php:docker-php-ext-install',
    examples: [{ command: ['docker-php-ext-install', 'pdo_mysql', 'opcache'], need: 'none' }],
  },
  {
    names: ['pecl'],
    needsRoot: true,
    effect: { rule: 'packageManager', params: { host: 'pecl.php.net', port: 443, subs: ['install', 'upgrade', 'download', 'channel-update', 'update-channels'] } },
    summary: 'PHP extension installer: install/upgrade/download fetch packages from pecl.php.net and compile them.',
    source: 'man 1 pecl',
    examples: [
      { command: ['pecl', 'install', 'redis-6.0.2'], need: 'required', dest: 'pecl.php.net:443' },
      { command: ['pecl', 'list'], need: 'none' },
    ],
  },
  {
    names: ['install-php-extensions'],
    needsRoot: true,
    effect: { template: 'connect', what: 'installs system packages and downloads PECL/GitHub sources for the extensions', explains: true },
    summary: 'mlocati/docker-php-extension-installer: installs the build dependencies with the distribution package manager and downloads extension sources (PECL, GitHub).',
    source: 'mlocati/docker-php-extension-installer:install-php-extensions',
    examples: [{ command: ['install-php-extensions', 'gd', 'xdebug'], need: 'required' }],
  },
  {
    names: ['amtool'],
    effect: {
      template: 'subcommands',
      cases: { 'check-config': LOCAL, 'template render': LOCAL },
      default: { template: 'connect', url: { flags: ['--alertmanager.url'] }, what: 'calls the Alertmanager API', explains: true },
    },
    summary: 'Alertmanager CLI: check-config and template render are local; alert, silence and cluster commands call --alertmanager.url.',
    source: 'prometheus/alertmanager:cli/root.go',
    examples: [
      { command: ['amtool', 'check-config', '/etc/alertmanager/alertmanager.yml'], need: 'none' },
      { command: ['amtool', 'silence', 'add', 'alertname=Watchdog', '--alertmanager.url=http://alertmanager:9093'], need: 'required', dest: 'alertmanager:9093' },
    ],
  },
]
