// The migration preflight (issue #15): the platform detected from what the API shows, the CNI
// agent's settings checked against Istio's platform profiles, against the test API server with a
// correct install per platform (test/fixtures/platforms) broken one setting at a time; the reads
// degrade to warnings; offline from `helm template` output and install resources; restart refuses.
import { join } from 'node:path'
import t from 'tap'
import { dump } from 'js-yaml'
import { classify } from '../src/classify/index.js'
import { classifyLive } from '../src/classify/group.js'
import { detectPlatform } from '../src/classify/cluster/platform.js'
import type { CheckResult } from '../src/classify/result/result.js'
import { parseManifests } from '../src/cluster/files.js'
import { type LiveOptions, readCluster } from '../src/cluster/live.js'
import { run as runCheck } from '../src/commands/check.js'
import { planRestart } from '../src/restart/plan.js'
import type { KObject } from '../src/model/k8s.js'
import type { InputError } from '../src/model/input.js'
import { loadFixtures, startApiServer, type KObj, type TestApiServer } from './support/apiserver.js'
import type { Fault } from './support/faults.js'

const PLATFORMS = join(import.meta.dirname, 'fixtures', 'platforms')
const PREFLIGHT = /^ICNI03(09|1\d)$/

/** A platform's correct install, changed by `edit`. */
function platform(name: string, edit: (objs: KObj[]) => void = () => {}): KObj[] {
  const objs = loadFixtures(join(PLATFORMS, `${name}.yaml`)) as KObj[]
  edit(objs)
  return objs
}
const find = (objs: KObj[], kind: string, name: string) => {
  const o = objs.find((x) => x.kind === kind && x.metadata?.name === name)
  if (!o) throw new Error(`fixture ${kind} ${name} missing`)
  return o
}
const hostPath = (objs: KObj[], volume: string, path: string) => {
  find(objs, 'DaemonSet', 'istio-cni-node').spec.template.spec.volumes.find((v: KObj) => v.name === volume).hostPath.path = path
}

async function serve(t: { teardown(fn: () => unknown): void }, objects: KObj[], faults: Fault[] = []): Promise<TestApiServer> {
  const s = await startApiServer({ objects, faults })
  t.teardown(() => s.close())
  return s
}
async function check(s: TestApiServer, o: Partial<LiveOptions> = {}) {
  const input = await readCluster({ kubeconfig: s.kubeconfigPath, allNamespaces: true, flags: {}, backoffMs: 2, retries: 1, env: {}, ...o })
  return { input, ...classifyLive(input) }
}
const preflightCodes = (r: CheckResult) => (r.cluster?.findings ?? r.install?.findings ?? []).map((f) => f.code).filter((c) => PREFLIGHT.test(c))

function buffers() {
  const out: string[] = []
  const err: string[] = []
  return { streams: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) }, color: false, isTTY: false }, out: () => out.join(''), err: () => err.join('') }
}
const CHECK = { 'fail-on': 'breaks' as const, show: 'all' as const, 'show-suppressed': false }

t.test('a correct install per platform: detected, nothing to report', async (t) => {
  const cases: [string, string, string | null, RegExp][] = [
    ['gke', 'gke', 'Calico', /^node label cloud\.google\.com\/gke-nodepool/],
    ['openshift-multus', 'openshift', 'OVN-Kubernetes', /^namespace openshift-multus$/],
    ['k3s', 'k3s', null, /^kubelet v1\.30\.6\+k3s1 on node k3s-agent-0$/],
    ['cilium', null as unknown as string, 'Cilium', /./],
  ]
  for (const [file, name, cni, from] of cases) {
    const s = await serve(t, platform(file))
    const { result, input } = await check(s)
    const p = result.cluster!.platform
    t.equal(p.name, name ?? null, `${file}: platform`)
    if (name) t.match(p.from, from, `${file}: evidence`)
    t.equal(p.primaryCni?.name ?? null, cni, `${file}: primary CNI`)
    t.same(preflightCodes(result), [], `${file}: no preflight finding`)
    t.same(input.live.warnings, [], `${file}: every preflight read succeeded`)
  }
  const ocp = (await check(await serve(t, platform('openshift-multus')))).result.cluster!
  t.match(ocp.platform, { multus: 'openshift-multus/multus' })
  t.match(ocp.cni, { binDir: '/var/lib/cni/bin', confDir: '/etc/cni/multus/net.d', chained: false, confName: 'istio-cni.conf', namespace: 'kube-system', version: '1.24.3' })
})

t.test('GKE: check -A -o json reports an agent mounting /opt/cni/bin and names /home/kubernetes/bin', async (t) => {
  // istio/istio:manifests/charts/istio-cni/README.md: `helm template` cannot see the -gke server version.
  const s = await serve(t, platform('gke', (o) => hostPath(o, 'cni-bin-dir', '/opt/cni/bin')))
  const json = buffers()
  t.equal(await runCheck({ ...CHECK, output: 'json', 'all-namespaces': true, kubeconfig: s.kubeconfigPath }, json.streams), 3, 'a blocker fails the run at every level')
  t.equal(json.err(), '')
  const cluster = JSON.parse(json.out()).cluster
  t.match(cluster.platform, { name: 'gke', primaryCni: { name: 'Calico', daemonSet: 'kube-system/calico-node' } })
  t.match(cluster.cni, { binDir: '/opt/cni/bin', confDir: '/etc/cni/net.d' })
  t.match(cluster.findings[0], { code: 'ICNI0310', severity: 'error', blocking: true })
  t.match(cluster.findings[0].message, /mounts cni-bin-dir from \/opt\/cni\/bin, but GKE keeps it in \/home\/kubernetes\/bin/)

  const table = buffers()
  await runCheck({ ...CHECK, output: 'table', 'all-namespaces': true, kubeconfig: s.kubeconfigPath }, table.streams)
  t.match(table.out(), /^Cluster: context test, all namespaces; Istio in istio-system\n {2}platform GKE \(node label cloud\.google\.com\/gke-nodepool on gke-prod-pool-1-a1b2\); primary CNI Calico \(kube-system\/calico-node\)\n/, 'blockers put the cluster section before the rows')
  t.match(table.out(), /\n {4}bin \/opt\/cni\/bin, conf \/etc\/cni\/net\.d; chained\nMigration blockers and notes \(! blocks restart and fix until resolved\):\n {2}error! +ICNI0310 /)
  t.match(table.out(), /\nNAMESPACE +WORKLOAD +VERDICT/)
})

t.test('GKE: the agent outside kube-system needs the ResourceQuota for system-node-critical', async (t) => {
  const moved = (o: KObj[]) => {
    for (const x of o) if (['istio-cni-node', 'istio-cni-config'].includes(x.metadata?.name)) x.metadata.namespace = 'istio-system'
  }
  const { result } = await check(await serve(t, platform('gke', moved)))
  t.same(preflightCodes(result), ['ICNI0314'])
  t.match(result.cluster!.findings.find((f) => f.code === 'ICNI0314')!.message, /namespace istio-system of the CNI node agent has none/)
  const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'istio-cni-resource-quota', namespace: 'istio-system' }, spec: { hard: { pods: '5000' }, scopeSelector: { matchExpressions: [{ operator: 'In', scopeName: 'PriorityClass', values: ['system-node-critical'] }] } } }
  t.same(preflightCodes((await check(await serve(t, [...platform('gke', moved), quota]))).result), [], 'the gke profile\'s quota')
  const denied = await check(await serve(t, platform('gke', moved), [{ path: '/api/v1/namespaces/istio-system/resourcequotas', status: 403 }]))
  t.same(preflightCodes(denied.result), [], 'quotas unreadable: the rule stays silent')
  t.same(denied.input.live.warnings, ['cannot read ResourceQuotas in namespace istio-system (forbidden): the preflight checks that need them are skipped'])
  const failing = await check(await serve(t, platform('gke', moved), [{ path: '/api/v1/namespaces/istio-system/resourcequotas', status: 503 }]))
  t.match(failing.input.live.warnings, [/^cannot read ResourceQuotas in namespace istio-system \(.*\): the preflight checks that need them are skipped$/], 'a failing list degrades to a warning, the check goes on')
})

t.test('OpenShift with Multus: the attachment and the network annotation', async (t) => {
  const noNad = await check(await serve(t, platform('openshift-multus', (o) => o.splice(o.indexOf(find(o, 'NetworkAttachmentDefinition', 'istio-cni')), 1))))
  t.same(preflightCodes(noNad.result), ['ICNI0311'])
  t.match(noNad.result.cluster!.findings[0]!.message, /NetworkAttachmentDefinition default\/istio-cni does not exist/)

  // A cluster without Multus's CRD answers 404: no attachment, not an error.
  const noCrd = await check(await serve(t, platform('openshift-multus'), [{ path: '/apis/k8s.cni.cncf.io/v1/network-attachment-definitions', status: 404 }]))
  t.same(preflightCodes(noCrd.result), ['ICNI0311'])
  t.same(noCrd.input.live.warnings, [])
  const forbidden = await check(await serve(t, platform('openshift-multus'), [{ path: /network-attachment-definitions$/, status: 403 }]))
  t.same(preflightCodes(forbidden.result), [], 'unreadable: silent, with a warning')
  t.same(forbidden.input.live.warnings, ['cannot read NetworkAttachmentDefinitions (forbidden): the preflight checks that need them are skipped'])

  const pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cart-0', namespace: 'shop', annotations: { 'sidecar.istio.io/status': '{"initContainers":["istio-validation"],"containers":["istio-proxy"]}' } },
    spec: { initContainers: [{ name: 'istio-validation', image: 'docker.io/istio/proxyv2:1.24.3' }], containers: [{ name: 'cart', image: 'ghcr.io/acme/cart:3.4.0' }, { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.3' }] },
    status: { phase: 'Running' },
  }
  const bare = await check(await serve(t, [...platform('openshift-multus'), pod]))
  t.same(preflightCodes(bare.result), ['ICNI0312'])
  t.match(bare.result.cluster!.findings[0]!.message, /^1 CNI-mode pod lacks the annotation \(shop\/cart-0\) under Multus/)
  const annotated = structuredClone(pod)
  ;(annotated.metadata.annotations as Record<string, string>)['k8s.v1.cni.cncf.io/networks'] = 'default/istio-cni'
  t.same(preflightCodes((await check(await serve(t, [...platform('openshift-multus'), annotated]))).result), [])
})

t.test('k3s: the paths under its data directory (embedded flannel)', async (t) => {
  const { result } = await check(await serve(t, platform('k3s', (o) => { hostPath(o, 'cni-bin-dir', '/opt/cni/bin'); hostPath(o, 'cni-net-dir', '/etc/cni/net.d') })))
  t.same(preflightCodes(result), ['ICNI0310', 'ICNI0310'])
  t.match(result.cluster!.findings.map((f) => f.message), [/cni-bin-dir from \/opt\/cni\/bin, but k3s keeps it in \/var\/lib\/rancher\/k3s\/data\/cni/, /cni-net-dir from \/etc\/cni\/net\.d, but k3s keeps it in \/var\/lib\/rancher\/k3s\/agent\/etc\/cni\/net\.d/])
  // With an external CNI on k3s the runtime follows that CNI's paths: not judged.
  const calico = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'calico-node', namespace: 'calico-system' }, spec: { selector: { matchLabels: { k: 'calico-node' } }, template: { metadata: { labels: { k: 'calico-node' } }, spec: { containers: [{ name: 'calico-node', image: 'docker.io/calico/node:v3.28.2' }] } } } }
  const external = await check(await serve(t, [...platform('k3s', (o) => hostPath(o, 'cni-bin-dir', '/opt/cni/bin')), calico]))
  t.same(preflightCodes(external.result), [])
})

t.test('Cilium as primary CNI: cni-exclusive must be "false"', async (t) => {
  const { result } = await check(await serve(t, platform('cilium', (o) => { delete find(o, 'ConfigMap', 'cilium-config').data['cni-exclusive'] })))
  t.same(preflightCodes(result), ['ICNI0313'])
  t.match(result.cluster!.findings[0]!.message, /Cilium \(kube-system\/cilium\) is the primary CNI and kube-system\/cilium-config does not set cni-exclusive: "false"/)
  const { input } = await check(await serve(t, platform('cilium'), [{ path: '/api/v1/namespaces/kube-system/configmaps/cilium-config', status: 403 }]))
  t.same(input.live.warnings, ['cannot read ConfigMap kube-system/cilium-config (forbidden): the preflight checks that need them are skipped'])
})

t.test('--platform overrides detection; one namespace reads the preflight objects too', async (t) => {
  const s = await serve(t, platform('cilium'))
  const { result } = await check(s, { flags: { platform: 'openshift' } })
  t.match(result.cluster!.platform, { name: 'openshift', from: '--platform' })
  t.ok(preflightCodes(result).includes('ICNI0310'), 'the chart defaults are not OpenShift\'s paths')
  const scoped = await check(s, { allNamespaces: false, namespace: 'shop' })
  t.match(scoped.result.cluster!.platform, { primaryCni: { name: 'Cilium' } }, 'DaemonSets listed cluster-wide for the preflight')
  t.same(scoped.result.workloads.map((w) => w.name), ['cart'], 'and never rows')
})

t.test('repair or the not-ready taint protects the node start-up race (ICNI0309)', async (t) => {
  const noRepair = (o: KObj[]) => { find(o, 'ConfigMap', 'istio-cni-config').data.REPAIR_ENABLED = 'false' }
  t.same(preflightCodes((await check(await serve(t, platform('cilium', noRepair)))).result), ['ICNI0309'])
  const tainted = (o: KObj[]) => {
    noRepair(o)
    find(o, 'Deployment', 'istiod').spec.template.spec.containers[0].env.push({ name: 'PILOT_ENABLE_NODE_UNTAINT_CONTROLLERS', value: 'true' })
  }
  t.same(preflightCodes((await check(await serve(t, platform('cilium', tainted)))).result), [], 'istiod removes cni.istio.io/not-ready once the agent is ready')
  const noAction = (o: KObj[]) => { find(o, 'ConfigMap', 'istio-cni-config').data.REPAIR_REPAIR_PODS = 'false' }
  const r = (await check(await serve(t, platform('cilium', noAction)))).result
  t.match(r.cluster!.findings.find((f) => f.code === 'ICNI0309')!.message, /has every action off/)
})

t.test('platform detection rules', async (t) => {
  const node = (labels: Record<string, string>, providerID = '', kubelet = 'v1.30.5', name = 'n1'): KObject => ({ kind: 'Node', metadata: { name, labels }, spec: { providerID }, status: { nodeInfo: { kubeletVersion: kubelet } } })
  const cases: [string, KObject[], string | null][] = [
    ['EKS managed node group', [node({ 'eks.amazonaws.com/nodegroup': 'ng-1' }, 'aws:///eu-west-1a/i-0abc', 'v1.30.4-eks-a737599')], 'eks'],
    ['AKS', [node({ 'kubernetes.azure.com/cluster': 'MC_rg_aks_westeurope' }, 'azure:///subscriptions/x/vmss/0')], 'aks'],
    ['kind', [node({}, 'kind://docker/kind/kind-control-plane', 'v1.31.0', 'kind-control-plane')], 'kind'],
    ['minikube', [node({ 'minikube.k8s.io/name': 'minikube' })], 'minikube'],
    ['microk8s', [node({ 'microk8s.io/cluster': 'true' })], 'microk8s'],
    ['RKE2', [node({}, '', 'v1.30.5+rke2r1')], 'rke2'],
    ['k3d', [node({}, 'k3s://k3d-dev-server-0', 'v1.30.6+k3s1', 'k3d-dev-server-0')], 'k3d'],
    ['OpenShift on AWS (ROSA)', [node({ 'node.openshift.io/os_id': 'rhcos' }, 'aws:///eu-west-1a/i-0abc')], 'openshift'],
    ['plain kubeadm', [node({})], null],
  ]
  for (const [what, objs, name] of cases) t.equal(detectPlatform(objs, {}).name, name, what)
  t.match(detectPlatform([], { serverVersion: 'v1.30.5-gke.1014001' }), { name: 'gke', from: 'server version v1.30.5-gke.1014001' })
  t.match(detectPlatform([], { declared: 'openshift' }), { name: 'openshift', from: 'values.global.platform=openshift' })
})

function offline(yaml: string, platform?: string) {
  const errors: InputError[] = []
  const objects = parseManifests(yaml, 'install.yaml', errors)
  return classify({ objects, errors, flags: platform ? { platform } : {} })
}

t.test('offline: helm template output of the istio-cni chart and install resources', async (t) => {
  // `helm template` renders /opt/cni/bin: it cannot see a -gke server (istio/istio:manifests/charts/istio-cni/README.md).
  const rendered = platform('gke').filter((o) => ['istio-cni-node', 'istio-cni-config'].includes(o.metadata?.name))
  hostPath(rendered, 'cni-bin-dir', '/opt/cni/bin')
  const helm = rendered.map((o) => dump(o)).join('---\n')
  const gke = offline(helm, 'gke')
  t.same(preflightCodes(gke.result), ['ICNI0310'])
  t.match(gke.result.install, { platform: { name: 'gke', from: '--platform' }, cni: { from: 'kube-system/istio-cni-node', binDir: '/opt/cni/bin' } })
  t.same(offline(helm).result.install!.findings, [], 'no platform known: nothing to compare')

  const iop = (values: string) => `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: installed-state, namespace: istio-system}\nspec:\n  tag: 1.24.3\n  components:\n    cni: {enabled: true, namespace: kube-system}\n  values:\n${values}`
  t.same(offline(iop('    global: {platform: openshift}\n')).result.install!.findings, [], 'the openshift profile sets the paths, chained=false and the NetworkAttachmentDefinition')
  const plain = offline(iop('    cni: {excludeNamespaces: [istio-system]}\n'), 'openshift')
  t.same(preflightCodes(plain.result), ['ICNI0310', 'ICNI0310', 'ICNI0311', 'ICNI0316'])
  t.match(plain.result.install!.cni, { from: 'IstioOperator istio-system/installed-state', binDir: null, confDir: '/etc/cni/net.d', chained: true, provider: 'default' })
  const sail = 'apiVersion: sailoperator.io/v1\nkind: IstioCNI\nmetadata: {name: default}\nspec:\n  version: v1.24.3\n  namespace: istio-cni\n  values:\n    cni: {cniBinDir: /opt/cni/bin}\n---\napiVersion: sailoperator.io/v1\nkind: Istio\nmetadata: {name: default}\nspec:\n  version: v1.22.6\n  namespace: istio-system\n'
  const sailed = offline(sail, 'gke')
  t.same(preflightCodes(sailed.result), ['ICNI0310', 'ICNI0314', 'ICNI0317'], 'bin dir, no quota outside kube-system, 1.24 agent with a 1.22 control plane')

  const out = buffers()
  const file = join(t.testdirName, 'iop.yaml')
  const { mkdirSync, writeFileSync } = await import('node:fs')
  mkdirSync(t.testdirName, { recursive: true })
  writeFileSync(file, iop('    cni: {excludeNamespaces: [istio-system]}\n'))
  t.equal(await runCheck({ ...CHECK, output: 'table', filename: [file], platform: 'openshift' }, out.streams), 3, 'an offline blocker fails the run')
  t.match(out.out(), /^CNI install: IstioOperator istio-system\/installed-state in namespace kube-system 1\.24\.3; platform OpenShift \(--platform\); primary CNI not found\n {2}bin -, conf \/etc\/cni\/net\.d; chained\nPreflight \(! blocks the migration\):\n {2}error! +ICNI0310 /)
  t.equal(out.err(), '')
  const junit = buffers()
  await runCheck({ ...CHECK, output: 'junit', filename: [file], platform: 'openshift' }, junit.streams)
  t.match(junit.out(), /<testsuites name="kubectl-istiocni" tests="1" failures="1" /)
  t.match(junit.out(), /<testcase classname="install" name="IstioOperator istio-system\/installed-state">\n {6}<failure message="the CNI node agent IstioOperator istio-system\/installed-state mounts cni-bin-dir/)
  const sarif = buffers()
  await runCheck({ ...CHECK, output: 'sarif', filename: [file], platform: 'openshift' }, sarif.streams)
  t.same(JSON.parse(sarif.out()).runs[0].results.map((r: KObj) => r.ruleId), ['ICNI0310', 'ICNI0310', 'ICNI0311', 'ICNI0316'])
})

t.test('restart refuses while a preflight blocker stands; --force overrides', async (t) => {
  const objs = platform('gke', (o) => hostPath(o, 'cni-bin-dir', '/opt/cni/bin'))
  const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'cart-7f9c8d6b4', controller: true }
  objs.push(
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'cart-7f9c8d6b4', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'cart', controller: true }] }, spec: { selector: { matchLabels: { app: 'cart' } }, template: find(objs, 'Deployment', 'cart').spec.template } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cart-7f9c8d6b4-m2x8z', namespace: 'shop', labels: { app: 'cart' }, ownerReferences: [owner], annotations: { 'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"],"revision":"default"}' } },
      spec: { nodeName: 'gke-prod-pool-1-a1b2', initContainers: [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.24.3' }], containers: [{ name: 'cart', image: 'ghcr.io/acme/cart:3.4.0' }, { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.3' }] }, status: { phase: 'Running' } },
  )
  const { input, result } = await check(await serve(t, objs))
  const plan = planRestart(result, input.objects)
  t.same(plan.restart.map((e) => e.name), ['cart'])
  t.match(plan.preconditions.find((p) => p.check === 'preflight'), { ok: false, message: /^the CNI install blocks the migration: ICNI0310 .*; fix it, or pass --force$/ })
  t.notOk(plan.ready)
  const forced = planRestart(result, input.objects, { force: true })
  t.match(forced.preconditions.find((p) => p.check === 'preflight'), { ok: true, warnings: [/^ICNI0310 /] })
})
