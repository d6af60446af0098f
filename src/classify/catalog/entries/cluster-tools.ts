// Kubernetes clients, secret stores and service registries, and the init binaries of operators
// and charts the corpus met (ref §7 kubectl and Vault rows).
import type { ProgramEntry } from '../types.js'
import { LOCAL } from './shared.js'

const SERVER = { flags: ['--server', '-s'] }

export const CLUSTER_TOOLS = (): ProgramEntry[] => [
  {
    names: ['kubectl', 'oc', 'kubectl.sh'], versionIsRemote: true,
    images: [
      ...['kubectl', 'k8s-kubectl', 'kubernetes-kubectl', 'k8s'].map((repo) => ({ repo, entrypoint: ['kubectl'] })),
      // Gatekeeper's CRD upgrade hook image: kubectl alone (open-policy-agent/gatekeeper:crd.Dockerfile).
      { repo: 'openpolicyagent/gatekeeper-crds', entrypoint: ['/kubectl'] },
    ],
    effect: { rule: 'kubectl' },
    summary: 'Kubernetes CLI: every call but `config`, `completion`, `kustomize` and client-side dry runs goes to the API server at $KUBERNETES_SERVICE_HOST:443 (an IP: no DNS).',
    source: 'kubernetes/client-go:rest/config.go',
    examples: [
      { command: ['sh', '-c', 'kubectl wait --for=condition=complete job/migrate --timeout=300s'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
      { command: ['kubectl', 'config', 'set-cluster', 'local', '--server=https://x'], need: 'none' },
      { image: 'bitnami/kubectl:1.30', args: ['get', 'secret', 'db'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
      { command: ['kubectl', 'version'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
      { image: 'openpolicyagent/gatekeeper-crds:v3.17.0', args: ['apply', '-f', 'crds/'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
    ],
  },
  {
    names: ['helm'],
    images: [{ repo: 'helm', entrypoint: ['helm'] }],
    effect: { rule: 'helm' },
    summary: 'Helm: `template`/`lint` are local unless `--repo`; `repo add` downloads the index; releases go to the API server.',
    source: 'helm/helm:pkg/cmd/root.go',
    examples: [
      { command: ['helm', 'template', 'x', '/chart'], need: 'none' },
      { command: ['helm', 'repo', 'add', 'bitnami', 'https://charts.bitnami.com/bitnami'], need: 'required', dest: 'charts.bitnami.com:443' },
      { command: ['helm', 'upgrade', '--install', 'crds', '/charts/crds'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' },
    ],
  },
  {
    names: ['git'],
    images: [{ repo: 'alpine/git', entrypoint: ['git'] }, { repo: 'bitnami/git', entrypoint: ['git'] }],
    effect: { rule: 'git' },
    summary: 'git: `clone`, `fetch`, `pull`, `push`, `ls-remote` reach the remote (ssh for scp-style remotes); the rest is local.',
    source: 'git/git:builtin/clone.c',
    examples: [
      { command: ['git', 'clone', '--depth', '1', 'https://github.com/acme/config.git', '/work'], need: 'required', dest: 'github.com:443' },
      { command: ['git', 'clone', 'git@gitlab.example.com:acme/config.git', '/work'], need: 'required', dest: 'gitlab.example.com:22' },
      { image: 'alpine/git', args: ['init', '/work'], need: 'none' },
      // datatok/helm-charts zeppelin: `git clone ${REPO_URL} .` with the URL from a Secret
      { command: ['sh', '-c', 'git clone ${REPO_URL} .'], need: 'required' },
    ],
  },
  {
    names: ['git-sync'],
    images: [{ repo: 'git-sync', entrypoint: ['git-sync'] }],
    effect: { template: 'connect', url: { flags: ['--repo'], env: ['GITSYNC_REPO', 'GIT_SYNC_REPO'] }, what: 'pulls a repository' },
    summary: 'git-sync: clones `--repo` (or GITSYNC_REPO) once or in a loop.',
    source: 'kubernetes/git-sync:main.go',
    examples: [
      { image: 'registry.k8s.io/git-sync/git-sync:v4.2.1', args: ['--repo=https://github.com/acme/dags', '--one-time'], need: 'required', dest: 'github.com:443' },
      { image: 'registry.k8s.io/git-sync/git-sync:v4.2.1', args: ['--one-time'], env: { GITSYNC_REPO: 'https://gitlab.acme/dags.git' }, need: 'required', dest: 'gitlab.acme:443' },
    ],
  },
  {
    names: ['wait_for.sh', 'k8s-wait-for'],
    images: [{ repo: 'k8s-wait-for', entrypoint: ['wait_for.sh'] }],
    effect: { template: 'kube-api', server: SERVER },
    summary: 'groundnuty/k8s-wait-for: polls pods, jobs or services through kubectl until ready.',
    source: 'groundnuty/k8s-wait-for:wait_for.sh',
    examples: [{ image: 'groundnuty/k8s-wait-for:v2.0', args: ['job', 'migrate'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' }],
  },
  {
    names: ['kafka_init_run.sh'],
    effect: { template: 'kube-api', server: SERVER, what: 'reads the node labels' },
    summary: 'Strimzi\'s Kafka init: reads the node\'s rack label from the Kubernetes API.',
    source: 'strimzi/strimzi-kafka-operator:kafka-init/scripts/kafka_init_run.sh',
    examples: [{ command: ['/opt/strimzi/bin/kafka_init_run.sh'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' }],
  },
  {
    names: ['k8s-sidecar'],
    images: [{ repo: 'k8s-sidecar', entrypoint: ['k8s-sidecar'] }],
    effect: { template: 'kube-api', server: SERVER, what: 'lists ConfigMaps/Secrets' },
    summary: 'kiwigrid/k8s-sidecar: lists or watches labelled ConfigMaps and Secrets and writes them to files.',
    source: 'kiwigrid/k8s-sidecar:src/sidecar.py',
    examples: [{ image: 'quay.io/kiwigrid/k8s-sidecar:1.27.4', env: { METHOD: 'LIST', LABEL: 'grafana_dashboard' }, need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' }],
  },
  {
    names: ['consul-k8s-control-plane'],
    images: [{ repo: 'consul-k8s-control-plane', entrypoint: ['consul-k8s-control-plane'] }],
    effect: { template: 'flags', cases: [{ has: ['version', '-version', '--version'], then: LOCAL }], default: { template: 'kube-api', server: SERVER } },
    summary: 'Consul on Kubernetes: `acl-init`, `connect-init` and the other subcommands call the Kubernetes API.',
    source: 'hashicorp/consul-k8s:control-plane/subcommand/connect-init/command.go',
    examples: [{ command: ['consul-k8s-control-plane', 'connect-init', '-pod-name=web', '-pod-namespace=shop'], need: 'required', dest: '$KUBERNETES_SERVICE_HOST:443' }],
  },
  {
    names: ['vault'],
    images: [{ repo: 'vault', entrypoint: ['vault'], cmd: ['server', '-dev'] }],
    effect: { rule: 'addressTool', params: { flags: ['-address', '--address'], env: 'VAULT_ADDR', default: 'https://127.0.0.1:8200', localSubs: ['version'] } },
    summary: 'Vault CLI and agent: `-address` or VAULT_ADDR (default https://127.0.0.1:8200); an agent `-config` file names it instead.',
    source: 'hashicorp/vault:api/client.go',
    examples: [
      { command: ['vault', 'kv', 'get', '-field=password', 'secret/db'], env: { VAULT_ADDR: 'http://vault.vault:8200' }, need: 'required', dest: 'vault.vault:8200' },
      { command: ['vault', 'agent', '-config=/etc/vault/agent.hcl', '-exit-after-auth'], need: 'required' },
      { image: 'hashicorp/vault:1.17', need: 'none' },
    ],
  },
  {
    names: ['vault-env'],
    effect: { rule: 'addressTool', params: { flags: [], env: 'VAULT_ADDR', default: 'https://127.0.0.1:8200', localSubs: [] } },
    summary: 'Bank-Vaults\' vault-env: resolves `vault:` env references at VAULT_ADDR before exec-ing the app.',
    source: 'bank-vaults/vault-env:main.go',
    examples: [{ command: ['vault-env', 'app'], env: { VAULT_ADDR: 'https://vault.vault:8200' }, need: 'required', dest: 'vault.vault:8200' }],
  },
  {
    names: ['consul'],
    effect: { rule: 'addressTool', params: { flags: ['-http-addr'], env: 'CONSUL_HTTP_ADDR', default: '127.0.0.1:8500', localSubs: ['version', 'keygen', 'tls'] } },
    summary: 'Consul CLI: `-http-addr` or CONSUL_HTTP_ADDR (default the local agent); `keygen` and `tls` are local.',
    source: 'hashicorp/consul:api/api.go',
    examples: [{ command: ['consul', 'kv', 'get', 'config/app'], env: { CONSUL_HTTP_ADDR: 'consul-server:8500' }, need: 'required', dest: 'consul-server:8500' }, { command: ['consul', 'tls', 'ca', 'create'], need: 'none' }],
  },
  {
    names: ['envconsul', 'consul-template'],
    effect: { rule: 'addressTool', params: { flags: ['-consul-addr', '-vault-addr'], env: 'CONSUL_HTTP_ADDR', default: '127.0.0.1:8500', localSubs: [] } },
    summary: 'HashiCorp\'s templating daemons: render from Consul (or Vault) at `-consul-addr` or CONSUL_HTTP_ADDR.',
    source: 'hashicorp/consul-template:cli.go',
    examples: [{ command: ['consul-template', '-consul-addr=consul:8500', '-template', '/t/app.ctmpl:/etc/app.conf', '-once'], need: 'required', dest: 'consul:8500' }],
  },
  {
    names: ['etcdctl'],
    effect: { rule: 'addressTool', params: { flags: ['--endpoints'], env: 'ETCDCTL_ENDPOINTS', default: '127.0.0.1:2379', localSubs: ['version'] } },
    summary: 'etcd client: `--endpoints` or ETCDCTL_ENDPOINTS, default 127.0.0.1:2379.',
    source: 'etcd-io/etcd:etcdctl/ctlv3/command/global.go',
    examples: [{ command: ['etcdctl', '--endpoints=http://etcd-0.etcd:2379', 'endpoint', 'health'], need: 'required', dest: 'etcd-0.etcd:2379' }],
  },
  {
    names: ['confd'],
    effect: { rule: 'confd', params: { flags: ['-node', '--node'], env: 'CONFD_NODE', default: 'http://127.0.0.1:2379', localSubs: [] } },
    summary: 'confd: `-backend env|file` is local; other backends (etcd by default) at `-node`.',
    source: 'kelseyhightower/confd:config.go',
    examples: [{ command: ['confd', '-onetime', '-backend', 'env'], need: 'none' }, { command: ['confd', '-onetime', '-backend', 'etcd', '-node', 'http://etcd:2379'], need: 'required', dest: 'etcd:2379' }],
  },
  {
    names: ['gomplate'],
    effect: { rule: 'gomplate' },
    summary: 'gomplate: renders local templates; remote datasources (`-d name=https://…`) are fetched.',
    source: 'hairyhenderson/gomplate:internal/cmd/main.go',
    examples: [{ command: ['gomplate', '-f', '/t/app.tmpl', '-o', '/etc/app.conf'], need: 'none' }, { command: ['gomplate', '-d', 'cfg=https://config.acme/app.json', '-f', '/t/a.tmpl'], need: 'required', dest: 'config.acme:443' }],
  },
  {
    names: ['render-template', 'ini-file'],
    effect: LOCAL,
    summary: 'Bitnami\'s file helpers: render a template from env, edit an INI file.',
    source: 'bitnami/render-template:main.go',
    examples: [{ command: ['sh', '-c', 'render-template /tmpl/app.tpl > /opt/app/app.conf && ini-file set -s db -k host -v db /opt/app/app.ini'], need: 'none' }],
  },
  {
    names: ['elasticsearch-keystore', 'opensearch-keystore'],
    effect: LOCAL,
    summary: 'Elasticsearch/OpenSearch keystore tools: edit the local keystore file.',
    source: 'elastic/elasticsearch:distribution/tools/keystore-cli/src/main/java/org/elasticsearch/cli/keystore/KeyStoreCli.java',
    examples: [{ command: ['sh', '-c', 'elasticsearch-keystore create && echo "$PASS" | elasticsearch-keystore add -x bootstrap.password'], need: 'none' }],
  },
  {
    names: ['cp-tool'],
    effect: LOCAL,
    summary: 'MetalLB\'s copy helper: copies scripts into a shared volume.',
    source: 'metallb/metallb:frr-tools/cp-tool/cp-tool.go',
    examples: [{ command: ['/cp-tool', '/frr-reloader.sh', '/etc/frr_reloader/frr-reloader.sh'], need: 'none' }],
  },
  {
    names: ['entrypoint'],
    effect: { rule: 'localSubcommands', params: { local: ['init', 'decode-script', 'cp'] } },
    summary: 'Tekton\'s entrypoint: `init` copies the binary, `decode-script` decodes step scripts.',
    source: 'tektoncd/pipeline:cmd/entrypoint/main.go',
    examples: [{ command: ['/ko-app/entrypoint', 'init', '/ko-app/entrypoint', '/tekton/bin/entrypoint', 'step-build'], need: 'none' }],
  },
  {
    names: ['manager'],
    effect: { rule: 'localSubcommands', params: { local: ['bootstrap'] } },
    summary: 'CloudNativePG\'s manager: `bootstrap` copies the instance manager into a shared volume.',
    source: 'cloudnative-pg/cloudnative-pg:internal/cmd/manager/bootstrap/cmd.go',
    examples: [{ command: ['/manager', 'bootstrap', '/controller/manager'], need: 'none' }],
  },
  {
    names: ['ceph-mon'],
    effect: { template: 'flags', cases: [{ has: ['--mkfs'], then: LOCAL }], default: { template: 'connect', port: { default: '3300' }, what: 'joins the monitors' } },
    summary: 'Ceph monitor: `--mkfs` builds the monitor store on disk; otherwise the daemon joins its peers.',
    source: 'ceph/ceph:src/ceph_mon.cc',
    examples: [{ command: ['ceph-mon', '--mkfs', '-i', 'a', '--monmap', '/etc/ceph/monmap', '--keyring', '/etc/ceph/keyring'], need: 'none' }],
  },
  {
    names: ['argoexec'],
    images: [{ repo: 'argoexec', entrypoint: ['argoexec'] }],
    effect: { rule: 'argoexec' },
    summary: 'Argo Workflows\' executor: `init` loads the input artifacts of ARGO_TEMPLATE (S3, git, HTTP…); none means local.',
    source: 'argoproj/argo-workflows:cmd/argoexec/commands/init.go',
    examples: [
      { image: 'quay.io/argoproj/argoexec:v3.5.5', args: ['init'], env: { ARGO_TEMPLATE: '{"inputs":{"artifacts":[{"name":"src","s3":{"key":"a"}}]}}' }, need: 'required' },
      { image: 'quay.io/argoproj/argoexec:v3.5.5', args: ['init'], env: { ARGO_TEMPLATE: '{"inputs":{}}' }, need: 'none' },
    ],
  },
]
