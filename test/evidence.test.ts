// Evidence for init programs the core does not know (issue 13 item 4) and the edges of item 5,
// each on the real upstream manifest it comes from.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as yaml from 'js-yaml'
import { analyze, classify } from '../src/classify/index.js'
import { readFiles } from '../src/cluster/files.js'
import { analyzeNetwork } from '../src/classify/network/network.js'
import { HINTS, matchHint } from '../src/classify/network/hints.js'
import { credentials, indexRbac, podIdentity } from '../src/classify/network/identity.js'
import { explanation, renderExplainText } from '../src/render/explain.js'
import { planFix } from '../src/fix/plan.js'
import type { Container, KObject } from '../src/model/k8s.js'
import type { WorkloadResult } from '../src/classify/result/result.js'
import { flagsOf } from './support/corpus.js'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'evidence')
const CORPUS = join(import.meta.dirname, 'corpus')

/** The workloads of real files, as `check -o json` has them. */
function check(files: string[], flags: string[] = [], edit?: (o: KObject) => void) {
  const read = readFiles(files)
  if (edit) for (const s of read.objects) edit(s.object)
  const { result, errors } = classify({ objects: read.objects, errors: read.errors, flags: flagsOf(flags) })
  return { workloads: result.workloads, errors, read }
}
const init = (w: WorkloadResult, name: string) => w.initContainers.find((c) => c.name === name)!

t.test('ROCm/gpu-operator:example/testrunner/pre_start_job_check.yaml: the ServiceAccount serves the init container, since the app only sleeps', async (t) => {
  // The test runner reports results as events and labels the node (ClusterRole test-run-cluster-role:
  // create events, patch nodes); the application container is busybox `sleep 6000`.
  const { workloads, errors } = check([join(FIXTURES, 'rocm-test-runner-pre-start-job-check.yaml')])
  t.same(errors, [])
  const w = workloads.find((x) => x.name === 'pytorch-gpu-deployment')!
  const c = init(w, 'init-test-runner')
  t.match(c, { network: 'required', confidence: 'likely' })
  t.equal(w.verdict, 'breaks', 'a likely need is judged like a decided one')
  t.match(c.evidence.join('\n'), /likely TCP to the Kubernetes API server.*ServiceAccount default\/test-run is bound to ClusterRole test-run-cluster-role \(ClusterRoleBinding test-run-rb\): get,list,watch,create,update events; patch nodes.*every application container runs known local programs/)
  t.match(w.findings.find((f) => f.code === 'ICNI0101')?.message, /init container init-test-runner likely connects to/)

  // The same pod with the token not mounted (pod level, then ServiceAccount level): the grants cannot be used.
  for (const where of ['pod', 'serviceaccount'] as const) {
    const off = check([join(FIXTURES, 'rocm-test-runner-pre-start-job-check.yaml')], [], (o) => {
      if (where === 'pod' && o.kind === 'Deployment') o.spec.template.spec.automountServiceAccountToken = false
      if (where === 'serviceaccount' && o.kind === 'ServiceAccount') o.automountServiceAccountToken = false
    })
    const oc = init(off.workloads.find((x) => x.name === 'pytorch-gpu-deployment')!, 'init-test-runner')
    t.match(oc, { network: 'either', confidence: 'unknown' }, `token off at ${where} level`)
    t.match(oc.evidence.join('\n'), /its token is not mounted \(automountServiceAccountToken: false in the (pod spec|ServiceAccount default\/test-run)\)/)
  }
  // Without the RBAC objects (the Deployment alone) nothing is known about the ServiceAccount.
  const text = readFileSync(join(FIXTURES, 'rocm-test-runner-pre-start-job-check.yaml'), 'utf8')
  const alone = yaml.loadAll(text).filter((d: any) => d?.kind === 'Deployment')[0] as KObject
  const a = analyze({ objects: [{ object: alone, source: 'alone' }], errors: [], flags: {} }).analyses[0]!
  t.match(a.containers[0]!.network, { need: 'either', confidence: 'unknown' })
  t.notMatch(a.containers[0]!.network.evidence.join('\n'), /ServiceAccount/)
})

t.test('projectcalico/calico:manifests/tigera-operator-ocp-upgrade.yaml: an operator\'s own init binary with RBAC stays unknown', async (t) => {
  // tigera/operator:main.go -bootstrap-crds creates the CRDs through the API, but the pod's
  // ServiceAccount is also the operator's (its application container runs the same unknown
  // `operator`), so the grants cannot be told apart: shown, not decisive.
  const { workloads, errors } = check([join(FIXTURES, 'tigera-operator-bootstrap-crds.yaml')])
  t.same(errors, [])
  const c = init(workloads.find((x) => x.name === 'tigera-operator')!, 'bootstrap-crds')
  t.match(c, { network: 'either', confidence: 'unknown' })
  t.match(c.evidence.join('\n'), /ServiceAccount tigera-operator\/tigera-operator is bound to .*ClusterRole tigera-operator \(ClusterRoleBinding tigera-operator\).*its token is mounted into every container \(automountServiceAccountToken: the default\)\. A ServiceAccount belongs to the whole pod/)
})

t.test('NVIDIA/gpu-operator:assets/state-device-plugin: the RBAC bound to a ServiceAccount, and an empty KUBECONFIG', async (t) => {
  const { read } = check([join(FIXTURES, 'gpu-operator-device-plugin.yaml')])
  const objects = read.objects.map((s) => s.object)
  const rbac = indexRbac(objects)!
  const ds = objects.find((o) => o.kind === 'DaemonSet')!
  const spec = ds.spec.template.spec
  const id = podIdentity(spec, 'FILLED BY THE OPERATOR', rbac)
  t.equal(id.account, 'FILLED BY THE OPERATOR/nvidia-device-plugin')
  t.match(id.grants, [/^Role FILLED BY THE OPERATOR\/nvidia-device-plugin \(RoleBinding FILLED BY THE OPERATOR\/nvidia-device-plugin\): /, /^ClusterRole nvidia-device-plugin \(ClusterRoleBinding nvidia-device-plugin\): get,list,watch nodes/])
  t.same(indexRbac([ds]), undefined, 'no RBAC objects: nothing to say')
  // config-manager-init sets KUBECONFIG "": client-go reads that as unset and uses the in-cluster config.
  const cm = spec.initContainers.find((c: Container) => c.name === 'config-manager-init') as Container
  const env = new Map((cm.env ?? []).map((e) => [e.name!, e.value] as [string, string | undefined]))
  t.same(credentials(cm, spec, env), [])
  t.same(credentials(cm, spec, new Map([['KUBECONFIG', '/etc/kubernetes/kubeconfig']])).map((c) => c.kind), ['kubeconfig'], 'a set KUBECONFIG is a kubeconfig handed to it')
})

t.test('credentials handed to one container, not to the whole pod', async (t) => {
  // Shapes of real pods: a live pod's admission-added kube-api-access-* volume (every container),
  // and Vault's agent-style projected token mounted into one init container (ref §7 vault row).
  const token = (name: string, audience?: string) => ({ name, projected: { sources: [{ serviceAccountToken: { path: 'token', ...(audience ? { audience } : {}) } }] } })
  const spec = {
    volumes: [token('kube-api-access-x7q2b'), token('vault-token', 'vault'), token('api-token')],
    containers: [{ name: 'app', volumeMounts: [{ name: 'kube-api-access-x7q2b', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }],
  }
  const c = (mounts: string[]): Container => ({ name: 'init', image: 'acme/init:1', volumeMounts: mounts.map((m) => ({ name: m, mountPath: `/var/run/secrets/${m}` })) })
  t.same(credentials(c(['kube-api-access-x7q2b']), spec, new Map()), [], 'the admission plugin\'s token volume is automount')
  const ctx = { namespace: 'ns', spec, configMaps: () => undefined }
  const vault = analyzeNetwork(c(['vault-token']), ctx)
  t.match(vault, { need: 'required', confidence: 'likely' })
  t.match(vault.evidence[0], /a ServiceAccount token for audience vault is mounted into it/)
  const api = analyzeNetwork(c(['api-token']), ctx)
  t.match(api.traffic[0]?.dest, { host: '⟨KUBERNETES_SERVICE_HOST⟩', port: 443, resolves: false })
})

t.test('a kubeconfig mounted from a ConfigMap names its own API server', async (t) => {
  // No init container of the corpus repositories mounts a kubeconfig for an unknown program (NVIDIA's
  // config-manager-init above sets KUBECONFIG ""): this is the rule's shape, a kubeconfig for another
  // cluster kept in a ConfigMap, as multi-cluster tools mount them.
  const ctx = {
    namespace: 'kube-system',
    spec: { volumes: [{ name: 'kubeconfig', configMap: { name: 'remote-kubeconfig' } }] },
    configMaps: (_: string, name: string) => (name === 'remote-kubeconfig' ? { config: 'apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.20.0.1:6443\n  name: remote\n' } : undefined),
  }
  const a = analyzeNetwork({ name: 'sync', image: 'acme/sync:1', command: ['/sync'], volumeMounts: [{ name: 'kubeconfig', mountPath: '/etc/remote' }] }, ctx)
  t.match(a, { need: 'required', confidence: 'likely' })
  t.match(a.traffic[0]?.dest, { host: '10.20.0.1', port: 6443 })
})

t.test('hint table: every row is exercised, and its matches are likely, never decided', async (t) => {
  // Real cases: 112 openproject wait-for-db (name), 003 bitnami volume-permissions (files),
  // 012 git-sync image (image); the code rows are the old NET_CODE alternatives, data now.
  const examples: Record<string, [on: 'code' | 'name' | 'image', text: string]> = {
    'python-socket': ['code', 'import socket; socket.create_connection(("db", 5432))'],
    'python-http': ['code', 'import requests; requests.get(url)'],
    'python-database': ['code', 'conn = psycopg2.connect(dsn)'],
    'cloud-sdk': ['code', 'import boto3'],
    'kubernetes-client': ['code', 'config.load_incluster_config()'],
    'node-network': ['code', "const axios = require('axios')"],
    'perl-ruby-network': ['code', 'use LWP::UserAgent;'],
    'mail-ftp-ssh': ['code', 'import paramiko'],
    'php-network': ['code', '$db = new PDO($dsn, $user, $password);'],
    'name-remote': ['name', 'wait-for-db'],
    'name-files': ['name', 'volume-permissions'],
    'image-network-tool': ['image', 'git-sync'],
  }
  t.same(Object.keys(examples).sort(), HINTS.map((h) => h.id).sort(), 'one example per row')
  for (const h of HINTS) t.equal(matchHint(examples[h.id]![0], h.says, examples[h.id]![1])?.hint.id, h.id, h.id)
  t.equal(matchHint('name', 'network', 'prewait'), undefined, 'names match between separators')
  const code = analyzeNetwork({ name: 'p', image: 'python:3.12', command: ['python', '-c', 'import requests; requests.get(URL)'] }, { namespace: 'ns', spec: {}, configMaps: () => undefined })
  t.match(code, { need: 'required', confidence: 'likely' })
  t.match(code.evidence[0], /hint python-http/)
  const named = check([join(CORPUS, '112-openproject-web-wait-for-db.yaml')]).workloads[0]!
  t.match(init(named, 'wait-for-db'), { network: 'required', confidence: 'likely' })
  t.match(init(named, 'wait-for-db').evidence[0], /\(hint name-remote: wait\)/)
})

t.test('confidence in check -o json and explain: decided, likely, unknown', async (t) => {
  const decided = check([join(CORPUS, '004-bitnami-wait-for-db-function.yaml')]).workloads[0]!
  t.equal(decided.initContainers[0]!.confidence, 'decided')
  const unknownCase = join(CORPUS, '110-sentry-relay-credentials-generate.yaml')
  const w = check([unknownCase]).workloads[0]!
  t.match(w.initContainers[0], { network: 'either', confidence: 'unknown' })
  const a = analyze({ ...readFiles([unknownCase]), flags: {} }).analyses[0]!
  const text = renderExplainText(explanation(a, planFix(a)), false)
  t.match(text, /sentry-relay-init: network either\n(.*\n)*? {4}confidence: unknown: the core does not know this program/)
  const likely = analyze({ ...readFiles([join(FIXTURES, 'rocm-test-runner-pre-start-job-check.yaml')]), flags: {} }).analyses.find((x) => x.workload.name === 'pytorch-gpu-deployment')!
  t.match(renderExplainText(explanation(likely, planFix(likely)), false), / {4}confidence: likely: the core does not know this program; the evidence above/)
})

t.test('a failure made harmless (|| true) is shown, and changes neither the need nor the verdict', async (t) => {
  // PostHog's migrate Job runs `python manage.py notify_helm_install || true` (corpus 210, its main
  // container); as an init step the same line is a program the core does not know. A refused
  // connection fails it at once (nothing listens on 15001, ref §2.6), so the pod starts without it;
  // the corpus labels such lost work a required need (334 otel java-init), hence no change.
  const ctx = { namespace: 'ns', spec: {}, configMaps: () => undefined }
  const opaque = analyzeNetwork({ name: 'notify', image: 'posthog/posthog:latest', command: ['/bin/sh', '-c', 'set -e\npython manage.py notify_helm_install || true'] }, ctx)
  t.match(opaque, { need: 'either', confidence: 'unknown' })
  t.match(opaque.evidence.join('\n'), /its failure is ignored/)
  const curl = analyzeNetwork({ name: 'ping', image: 'curlimages/curl', command: ['sh', '-c', 'curl -fsS https://app.posthog.com/capture || :'] }, ctx)
  t.match(curl, { need: 'required', confidence: 'decided' })
  t.match(curl.evidence[0], /TCP to app\.posthog\.com:443 \[its failure is ignored/)
  for (const s of ['curl -fsS https://app.posthog.com/capture && true', 'curl -fsS https://app.posthog.com/capture || exit 1', 'curl -fsS https://app.posthog.com/capture; true'])
    t.notMatch(analyzeNetwork({ name: 'ping', image: 'curlimages/curl', command: ['sh', '-c', s] }, ctx).evidence.join(''), /ignored/, s)
})

t.test('edges (issue 13 item 5), checked against Istio\'s code', async (t) => {
  // istio/istio:cni/pkg/plugin/testdata/dns.txt.golden: ISTIO_REDIRECT matches `-p tcp` only, and
  // ISTIO_OUTPUT_DNS redirects udp/tcp port 53 only; ICMP and other UDP fall through, never redirected.
  const ctx = { namespace: 'ns', spec: {}, configMaps: () => undefined }
  const busybox = (s: string): Container => ({ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', s] })
  t.match(analyzeNetwork(busybox('ping -c 1 10.96.0.10'), ctx), { need: 'none' }, 'ICMP to an IP')
  t.match(analyzeNetwork(busybox('echo "<14>hello" | nc -u -w1 10.0.0.5 514'), ctx), { need: 'none' }, 'UDP to an IP (syslog)')
  t.same(analyzeNetwork(busybox('nc -zu syslog.logging 514'), ctx).traffic.map((x) => x.proto), ['dns'], 'UDP to a name: only the lookup can be captured')

  // istio/istio:pkg/kube/inject/webhook.go reorderPod: with native sidecars istio-proxy is moved
  // first among init containers, so an application native sidecar (031's cloud-sql-proxy) starts after it.
  const native = check([join(CORPUS, '031-cloud-sql-proxy-native-plus-loopback.yaml')], ['--native-sidecars']).workloads[0]!
  t.equal(native.verdict, 'ok')
  t.match(init(native, 'cloud-sql-proxy'), { network: 'required', exempt: /^native-sidecar:/ })

  // A program its image does not ship never runs: distroless has no shell (GoogleContainerTools/distroless).
  const gone = analyzeNetwork({ name: 'init', image: 'gcr.io/distroless/static-debian12', command: ['sh', '-c', 'curl -sf http://config:8080/ > /cfg/app.json'] }, ctx)
  t.match(gone, { need: 'none', confidence: 'decided' })
  t.match(gone.evidence[0], /has no sh, so the command cannot run/)
})
