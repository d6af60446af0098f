// Who owns a workload's spec and where a fix must go instead (issue #9): one grid over manifests
// modelled on real charts, GitOps setups and operators (test/fixtures/owners/*.yaml, each citing its
// source), plus the advice for each owner kind.
import t, { type Test } from 'tap'
import { join } from 'node:path'
import { readFiles } from '../src/cluster/files.js'
import type { KObject } from '../src/model/k8s.js'
import { indexObjects, ownerChain, ownership, ownershipIn, type Manager, type Ownership } from '../src/classify/owner/owner.js'
import { podsByRow } from '../src/classify/group.js'
import { adviseOwner, applyAllowed, refusal } from '../src/classify/owner/owner-advice.js'
import type { Edit } from '../src/model/edit.js'

const DIR = join(import.meta.dirname, 'fixtures', 'owners')
const read = readFiles([DIR])
t.same(read.errors, [], 'the fixtures read cleanly')
const all = read.objects.map((s) => s.object)
const index = indexObjects(all)

function find(kind: string, namespace: string | undefined, name: string): KObject {
  const o = all.find((x) => x.kind === kind && x.metadata?.name === name && (namespace === undefined || (x.metadata?.namespace ?? 'default') === namespace))
  if (!o) throw new Error(`fixture ${kind} ${namespace}/${name} not found`)
  return o
}

const chainOf = (o: Ownership) => o.chain.map((l) => `${l.kind}/${l.name}${l.missing ? '?' : ''}`)

interface Case {
  name: string
  object: [kind: string, namespace: string | undefined, name: string]
  manager: Manager
  chain: string[]
  changeAt: string[]
  reverted: boolean
  evidence?: string[]
  check?: (t: Test, o: Ownership) => void
}

const CASES: Case[] = [
  {
    name: 'Helm: installed grafana release (meta.helm.sh annotations)',
    object: ['Deployment', 'monitoring', 'grafana'],
    manager: 'helm', chain: ['Deployment/grafana'], reverted: true,
    changeAt: ['Helm release monitoring/grafana', 'chart grafana-10.5.14', 'podAnnotations', 'helm upgrade'],
    evidence: ['annotation meta.helm.sh/release-name=grafana (Deployment monitoring/grafana)', 'label app.kubernetes.io/managed-by=Helm (Deployment monitoring/grafana)'],
    check: (t, o) => t.same(o.helm, { release: 'grafana', namespace: 'monitoring', chart: 'grafana-10.5.14', installed: true }),
  },
  {
    name: 'Helm: a grafana Pod walks Pod → ReplicaSet → Deployment and reads the Deployment',
    object: ['Pod', 'monitoring', 'grafana-7d9c5b8f6c-x2kqp'],
    manager: 'helm', chain: ['Pod/grafana-7d9c5b8f6c-x2kqp', 'ReplicaSet/grafana-7d9c5b8f6c', 'Deployment/grafana'], reverted: true,
    changeAt: ['Helm release monitoring/grafana'],
    evidence: ['ownerReferences of Pod monitoring/grafana-7d9c5b8f6c-x2kqp: apps/v1 ReplicaSet grafana-7d9c5b8f6c (controller)', 'ownerReferences of ReplicaSet monitoring/grafana-7d9c5b8f6c: apps/v1 Deployment grafana (controller)'],
  },
  {
    name: 'Helm: helm template output of bitnami/postgresql (no meta.helm.sh: release from app.kubernetes.io/instance)',
    object: ['StatefulSet', 'shop', 'my-db-postgresql'],
    manager: 'helm', chain: ['StatefulSet/my-db-postgresql'], reverted: true,
    changeAt: ['Helm release shop/my-db', 'chart postgresql-15.5.38'],
    evidence: ['label app.kubernetes.io/instance=my-db (StatefulSet shop/my-db-postgresql)'],
    check: (t, o) => t.equal(o.helm?.installed, false, 'a rendered chart, not an installed release'),
  },
  {
    name: 'Argo CD: Helm source (helm-guestbook, tracking-id and heritage labels)',
    object: ['Deployment', 'guestbook', 'helm-guestbook'],
    manager: 'argocd', chain: ['Deployment/helm-guestbook'], reverted: true,
    changeAt: ['Argo CD Application helm-guestbook (Helm chart helm-guestbook-0.1.0): change the values in its spec.source.helm', 'self-heal'],
    evidence: ['annotation argocd.argoproj.io/tracking-id=helm-guestbook:apps/Deployment:guestbook/helm-guestbook (Deployment guestbook/helm-guestbook)', 'label heritage=Helm (Deployment guestbook/helm-guestbook)'],
    check: (t, o) => {
      t.same(o.argocd, { application: 'helm-guestbook', trackedBy: 'annotation' })
      t.equal(o.helm?.release, 'helm-guestbook', 'the Helm side is kept for the advice')
    },
  },
  {
    name: 'Argo CD: custom instance label and an Application outside the argocd namespace (<ns>_<name>)',
    object: ['Deployment', 'team-a', 'kustomize-guestbook-ui'],
    manager: 'argocd', chain: ['Deployment/kustomize-guestbook-ui'], reverted: true,
    changeAt: ['Argo CD Application team-a/kustomize-guestbook'],
    check: (t, o) => t.same(o.argocd, { application: 'kustomize-guestbook', namespace: 'team-a', trackedBy: 'annotation' }),
  },
  {
    name: 'Argo CD: a copied, non self-referencing tracking id is not ownership',
    object: ['Deployment', 'team-b', 'copied-guestbook-ui'],
    manager: 'none', chain: ['Deployment/copied-guestbook-ui'], reverted: false,
    changeAt: ['this Deployment itself'],
    evidence: ['annotation argocd.argoproj.io/tracking-id=team-a_kustomize-guestbook:apps/Deployment:team-a/kustomize-guestbook-ui (Deployment team-b/copied-guestbook-ui) names another object: Argo CD does not track this one (copied metadata)'],
  },
  {
    name: 'Argo CD: the default instance label alone is not Argo CD',
    object: ['Deployment', 'team-b', 'instance-label-only'],
    manager: 'none', chain: ['Deployment/instance-label-only'], reverted: false,
    changeAt: ['applied directly'],
  },
  {
    name: 'Flux Kustomization: podinfo from the Get Started guide',
    object: ['Deployment', 'default', 'podinfo'],
    manager: 'flux-kustomize', chain: ['Deployment/podinfo'], reverted: true,
    changeAt: ['Flux Kustomization flux-system/podinfo', 'spec.patches'],
    evidence: ['label kustomize.toolkit.fluxcd.io/name=podinfo (Deployment default/podinfo)', 'label kustomize.toolkit.fluxcd.io/namespace=flux-system (Deployment default/podinfo)'],
    check: (t, o) => t.same(o.flux, { kind: 'Kustomization', name: 'podinfo', namespace: 'flux-system' }),
  },
  {
    name: 'Flux HelmRelease: podinfo from flux2-kustomize-helm-example, itself applied by Kustomization apps',
    object: ['Deployment', 'podinfo', 'podinfo'],
    manager: 'flux-helm', chain: ['Deployment/podinfo'], reverted: true,
    changeAt: ['Flux HelmRelease podinfo/podinfo, Helm release podinfo/podinfo (chart podinfo-6.7.1): spec.values', 'spec.postRenderers', 'Flux Kustomization flux-system/apps'],
    check: (t, o) => {
      t.same(o.flux, { kind: 'HelmRelease', name: 'podinfo', namespace: 'podinfo' })
      t.same(o.helm, { release: 'podinfo', namespace: 'podinfo', chart: 'podinfo-6.7.1', installed: true })
      t.equal(o.upstream?.manager, 'flux-kustomize', 'the HelmRelease is applied by a Kustomization')
      t.same(o.upstream?.flux, { kind: 'Kustomization', name: 'apps', namespace: 'flux-system' })
    },
  },
  {
    name: 'kustomize: examples/wordpress built with originAnnotations',
    object: ['Deployment', undefined, 'demo-wordpress'],
    manager: 'kustomize', chain: ['Deployment/demo-wordpress'], reverted: false,
    changeAt: ['kustomization that builds Deployment default/demo-wordpress', 'from wordpress/deployment.yaml', 'patches:'],
    check: (t, o) => t.same(o.kustomize, { path: 'wordpress/deployment.yaml' }),
  },
  {
    name: 'kustomize: remote base with managedByLabel',
    object: ['Deployment', 'web', 'podinfo'],
    manager: 'kustomize', chain: ['Deployment/podinfo'], reverted: false,
    changeAt: ['from kustomize/deployment.yaml of https://github.com/stefanprodan/podinfo@6.7.1'],
    evidence: ['label app.kubernetes.io/managed-by=kustomize-v5.4.3 (Deployment web/podinfo)'],
    check: (t, o) => t.same(o.kustomize, { path: 'kustomize/deployment.yaml', repo: 'https://github.com/stefanprodan/podinfo', ref: '6.7.1' }),
  },
  {
    name: 'Operator: CloudNativePG Pod owned by its Cluster, the Cluster synced by Argo CD',
    object: ['Pod', 'db', 'cluster-example-1'],
    manager: 'operator', chain: ['Pod/cluster-example-1', 'Cluster/cluster-example'], reverted: true,
    changeAt: ['Cluster db/cluster-example (postgresql.cnpg.io/v1)', 'spec.inheritedMetadata.annotations', "no field for an init container's securityContext", 'Argo CD Application databases'],
    check: (t, o) => {
      t.same(o.resource, { kind: 'Cluster', name: 'cluster-example', apiVersion: 'postgresql.cnpg.io/v1', namespace: 'db' })
      t.equal(o.upstream?.manager, 'argocd')
    },
  },
  {
    name: 'Operator: Strimzi broker Pod → StrimziPodSet → KafkaNodePool (controller: false followed); copied Argo CD label ignored',
    object: ['Pod', 'kafka', 'my-cluster-broker-0'],
    manager: 'operator', chain: ['Pod/my-cluster-broker-0', 'StrimziPodSet/my-cluster-broker', 'KafkaNodePool/broker'], reverted: true,
    changeAt: ['KafkaNodePool kafka/broker', 'spec.template.initContainer.securityContext', 'spec.template.pod.metadata.annotations', 'Argo CD Application kafka'],
    check: (t, o) => t.equal(o.resource?.kind, 'KafkaNodePool'),
  },
  {
    name: 'Operator: Strimzi before node pools, StrimziPodSet owned by the Kafka resource',
    object: ['Pod', 'kafka', 'old-cluster-kafka-0'],
    manager: 'operator', chain: ['Pod/old-cluster-kafka-0', 'StrimziPodSet/old-cluster-kafka', 'Kafka/old-cluster'], reverted: true,
    changeAt: ['Kafka kafka/old-cluster', 'spec.kafka.template.initContainer.securityContext'],
  },
  {
    name: 'Operator: KServe predictor Deployment owned by its InferenceService; copied Flux/Helm metadata is the InferenceService\'s',
    object: ['Deployment', 'models', 'sklearn-iris-predictor'],
    manager: 'operator', chain: ['Deployment/sklearn-iris-predictor', 'InferenceService/sklearn-iris'], reverted: true,
    changeAt: ['InferenceService models/sklearn-iris', 'spec.predictor.annotations', 'ClusterStorageContainer', 'Flux HelmRelease models/sklearn-iris'],
    check: (t, o) => t.equal(o.upstream?.manager, 'flux-helm', 'the InferenceService comes from a HelmRelease'),
  },
  {
    name: 'Operator: a KServe predictor Pod whose ReplicaSet is not in the input (pod-template-hash → Deployment → InferenceService)',
    object: ['Pod', 'models', 'sklearn-iris-predictor-6d6d7f5bdf-6gvwn'],
    manager: 'operator', chain: ['Pod/sklearn-iris-predictor-6d6d7f5bdf-6gvwn', 'ReplicaSet/sklearn-iris-predictor-6d6d7f5bdf?', 'Deployment/sklearn-iris-predictor', 'InferenceService/sklearn-iris'], reverted: true,
    changeAt: ['InferenceService models/sklearn-iris', 'KServe overwrites a change to the Pod', 'Flux HelmRelease models/sklearn-iris'],
    evidence: ['label pod-template-hash=6d6d7f5bdf: ReplicaSet sklearn-iris-predictor-6d6d7f5bdf belongs to Deployment sklearn-iris-predictor'],
    check: (t, o) => t.equal(o.upstream?.manager, 'flux-helm'),
  },
  {
    name: 'None: plain Deployment',
    object: ['Deployment', 'default', 'myapp'],
    manager: 'none', chain: ['Deployment/myapp'], reverted: false,
    changeAt: ['this Deployment itself (spec.template)', 'applied directly'],
  },
  {
    name: 'None: a CronJob\'s Pod walks Pod → Job → CronJob',
    object: ['Pod', 'default', 'hello-28914920-7xk2p'],
    manager: 'none', chain: ['Pod/hello-28914920-7xk2p', 'Job/hello-28914920', 'CronJob/hello'], reverted: false,
    changeAt: ['CronJob default/hello, which creates this Pod', 'spec.jobTemplate.spec.template'],
  },
  {
    name: 'None: a bare Pod',
    object: ['Pod', 'default', 'myapp-pod'],
    manager: 'none', chain: ['Pod/myapp-pod'], reverted: false,
    changeAt: ['this Pod itself', 'cannot be changed in place', 'recreate it'],
  },
]

for (const c of CASES) {
  t.test(c.name, async (t) => {
    const o = ownershipIn(index, find(...c.object))
    t.equal(o.manager, c.manager, 'manager')
    t.same(chainOf(o), c.chain, 'owner chain')
    t.equal(o.reverted, c.reverted, 'reverted')
    for (const s of c.changeAt) t.ok(o.changeAt.includes(s), `changeAt names ${JSON.stringify(s)}: ${o.changeAt}`)
    for (const e of c.evidence ?? []) t.ok(o.evidence.includes(e), `evidence ${JSON.stringify(e)} in ${JSON.stringify(o.evidence)}`)
    t.equal(applyAllowed(o), !c.reverted, 'applying to the cluster is allowed only when nothing reverts it')
    c.check?.(t, o)
  })
}

t.test('chain: an owner not in the input ends the chain, with what ownerReferences says', async (t) => {
  const pod = find('Pod', 'monitoring', 'grafana-7d9c5b8f6c-x2kqp')
  // Without the ReplicaSet: its name and the pod-template-hash lead to the Deployment, which is in the input.
  const noRs = indexObjects(all.filter((o) => o.kind !== 'ReplicaSet'))
  const o = ownershipIn(noRs, pod)
  t.same(chainOf(o), ['Pod/grafana-7d9c5b8f6c-x2kqp', 'ReplicaSet/grafana-7d9c5b8f6c?', 'Deployment/grafana'])
  t.equal(o.manager, 'helm')
  t.ok(o.evidence.includes('label pod-template-hash=7d9c5b8f6c: ReplicaSet grafana-7d9c5b8f6c belongs to Deployment grafana'))
  // With nothing but the Pod: the chain stops at the inferred Deployment, the pod's own labels decide.
  const alone = ownership(pod, () => undefined, () => undefined)
  t.same(chainOf(alone), ['Pod/grafana-7d9c5b8f6c-x2kqp', 'ReplicaSet/grafana-7d9c5b8f6c?', 'Deployment/grafana?'])
  t.equal(alone.manager, 'none', 'the grafana chart puts no Helm labels on its pods')
  t.match(alone.changeAt, /Deployment monitoring\/grafana \(not in the input\), which creates this Pod/)
  // A custom-resource owner not in the input is still an operator.
  const broker = find('Pod', 'kafka', 'my-cluster-broker-0')
  const o2 = ownership(broker, () => undefined, () => undefined)
  t.same(chainOf(o2), ['Pod/my-cluster-broker-0', 'StrimziPodSet/my-cluster-broker?'])
  t.equal(o2.manager, 'operator')
  t.match(o2.changeAt, /^StrimziPodSet kafka\/my-cluster-broker \(core\.strimzi\.io\/v1beta2; not in the input\), which Strimzi generates from the Kafka, KafkaNodePool/)
})

t.test('chain: cycles and garbage ownerReferences do not hang or throw', async (t) => {
  const a: KObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'a', namespace: 'x', uid: '1', ownerReferences: [{ kind: 'ReplicaSet', name: 'b', controller: true, uid: '2' } as never] } }
  const b: KObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'b', namespace: 'x', uid: '2', ownerReferences: [{ kind: 'ReplicaSet', name: 'a', controller: true, uid: '1' } as never] } }
  const o = ownershipIn(indexObjects([a, b]), a)
  t.same(chainOf(o), ['ReplicaSet/a', 'ReplicaSet/b', 'ReplicaSet/a?'])
  const junk: KObject = { kind: 'Deployment', metadata: { name: 'j', ownerReferences: 'nope' as never, labels: 7 as never } }
  t.equal(ownershipIn(indexObjects([junk]), junk).manager, 'none')
})

t.test('one owner rule for ownership and live rows: the controller reference first, else a sole one, never the first of several', async (t) => {
  const ref = (kind: string, name: string, controller?: boolean) => ({ apiVersion: 'apps/v1', kind, name, ...(controller === undefined ? {} : { controller }) })
  const rs: KObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'x', ownerReferences: [ref('Deployment', 'web', true)] } }
  const dep: KObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'x' } }
  const other: KObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'other', namespace: 'x' } }
  const pod = (name: string, refs: object[]): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'x', ownerReferences: refs as never }, spec: { containers: [{ name: 'c', image: 'nginx' }] } })
  // The controller reference comes second: Kubernetes' garbage collector and kubectl follow it, not the first.
  const ctl = pod('ctl', [ref('StatefulSet', 'other', false), ref('ReplicaSet', 'web-1', true)])
  const sole = pod('sole', [ref('ReplicaSet', 'web-1', false)])
  const several = pod('several', [ref('StatefulSet', 'other'), ref('ReplicaSet', 'web-1')])
  const objects = [rs, dep, other, ctl, sole, several]
  const byName = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata?.name === name)
  const hops = (o: KObject) => ownerChain(o, (r) => byName(r.kind, r.name)).map((s) => `${s.ref.kind}/${s.ref.name}${s.owner ? '' : '?'}`)
  t.same(hops(ctl), ['ReplicaSet/web-1', 'Deployment/web'])
  t.same(hops(sole), ['ReplicaSet/web-1', 'Deployment/web'], 'a lone non-controller reference is followed (Strimzi)')
  t.same(hops(several), [], 'several references, none the controller: no owner')
  t.same(hops(pod('gone', [ref('ReplicaSet', 'gone-1', true)])), ['ReplicaSet/gone-1?'], 'an owner not found ends the chain, marked')
  // Both users of the walker agree: ownership's chain and the live rows the pods are grouped under.
  const index = indexObjects(objects)
  t.same(chainOf(ownershipIn(index, ctl)), ['Pod/ctl', 'ReplicaSet/web-1', 'Deployment/web'])
  t.same(chainOf(ownershipIn(index, several)), ['Pod/several'])
  const rows = podsByRow(objects.map((object) => ({ object })))
  t.same(rows.get('Deployment/x/web')?.map((p) => p.metadata?.name), ['ctl', 'sole'])
  t.same(rows.get('Pod/x/several')?.map((p) => p.metadata?.name), ['several'], 'a pod with no single owner is a row of its own')
})

const RUN_AS: Edit = { kind: 'runAsUser', container: 'download-dashboards', value: 1337 }
const EXCLUDE: Edit = { kind: 'annotation', key: 'traffic.sidecar.istio.io/excludeOutboundPorts', value: '443' }

interface AdviceCase { name: string; object: [string, string | undefined, string]; edits: Edit[]; steps: string[]; patch?: RegExp; limits?: RegExp[] }

const ADVICE: AdviceCase[] = [
  {
    name: 'Helm: values (podAnnotations; the chart\'s key for the init container) and a post-renderer',
    object: ['Deployment', 'monitoring', 'grafana'], edits: [EXCLUDE, RUN_AS],
    steps: ['Add traffic.sidecar.istio.io/excludeOutboundPorts: "443" to the pod annotations in the values of Helm release monitoring/grafana (chart grafana-10.5.14) (most charts: podAnnotations',
      'Set runAsUser: 1337 for init container download-dashboards in the values of Helm release monitoring/grafana'],
    patch: /helm upgrade --post-renderer/,
  },
  {
    name: 'Argo CD with a Helm source: the Application\'s Helm values; no post-rendering',
    object: ['Deployment', 'guestbook', 'helm-guestbook'], edits: [EXCLUDE],
    steps: ['In Argo CD Application helm-guestbook\'s Helm values (spec.source.helm.valuesObject, values, or a file in valueFiles): add traffic.sidecar.istio.io/excludeOutboundPorts: "443"'],
    limits: [/helmCharts/],
  },
  {
    name: 'Argo CD with a kustomize/plain source: the manifest in Git, the patch under patches:',
    object: ['Deployment', 'team-a', 'kustomize-guestbook-ui'], edits: [EXCLUDE],
    steps: ['In Argo CD Application team-a/kustomize-guestbook\'s Git source, Deployment team-a/kustomize-guestbook-ui: spec.template.metadata.annotations: traffic.sidecar.istio.io/excludeOutboundPorts: "443".'],
    patch: /patches:/,
  },
  {
    name: 'Flux Kustomization: the Git source or spec.patches',
    object: ['Deployment', 'default', 'podinfo'], edits: [RUN_AS],
    steps: ['In the Git source of Flux Kustomization flux-system/podinfo, Deployment default/podinfo: spec.template.spec.initContainers[name=download-dashboards].securityContext.runAsUser: 1337.'],
    patch: /spec\.patches of Flux Kustomization flux-system\/podinfo/,
  },
  {
    name: 'Flux HelmRelease: spec.values, postRenderers, and the Kustomization that applies it',
    object: ['Deployment', 'podinfo', 'podinfo'], edits: [EXCLUDE],
    steps: ['Add traffic.sidecar.istio.io/excludeOutboundPorts: "443" to the pod annotations in spec.values of Flux HelmRelease podinfo/podinfo',
      'Commit the HelmRelease change through Flux Kustomization flux-system/apps.'],
    patch: /spec\.postRenderers\[\]\.kustomize\.patches/,
  },
  {
    name: 'kustomize: the overlay',
    object: ['Deployment', undefined, 'demo-wordpress'], edits: [{ kind: 'runAsUser', container: 'init-command', value: 1337 }],
    steps: ['In the kustomization that builds Deployment default/demo-wordpress (resource wordpress/deployment.yaml): spec.template.spec.initContainers[name=init-command].securityContext.runAsUser: 1337.'],
    patch: /under patches: of the overlay/,
  },
  {
    name: 'kustomize: a remote base is patched in the overlay',
    object: ['Deployment', 'web', 'podinfo'], edits: [EXCLUDE],
    steps: ['In the kustomization that builds Deployment web/podinfo (resource kustomize/deployment.yaml from https://github.com/stefanprodan/podinfo)'],
    limits: [/remote base https:\/\/github.com\/stefanprodan\/podinfo@6.7.1/],
  },
  {
    name: 'CloudNativePG: annotations via inheritedMetadata; no init container knob',
    object: ['Pod', 'db', 'cluster-example-1'], edits: [EXCLUDE, { kind: 'runAsUser', container: 'bootstrap-controller', value: 1337 }],
    steps: ['In Cluster db/cluster-example: spec.inheritedMetadata.annotations: traffic.sidecar.istio.io/excludeOutboundPorts: "443".',
      'Cluster db/cluster-example itself comes from Argo CD Application databases: commit the change there.'],
    limits: [/Cluster db\/cluster-example: the Cluster has no field for an init container's securityContext/, /overwritten by CloudNativePG/],
  },
  {
    name: 'Strimzi: the KafkaNodePool\'s template.initContainer',
    object: ['Pod', 'kafka', 'my-cluster-broker-0'], edits: [{ kind: 'runAsUser', container: 'kafka-init', value: 1337 }],
    steps: ['In KafkaNodePool kafka/broker: spec.template.initContainer.securityContext.runAsUser: 1337.'],
  },
  {
    name: 'KServe: spec.predictor.annotations; the storage initializer is cluster-wide',
    object: ['Deployment', 'models', 'sklearn-iris-predictor'], edits: [EXCLUDE, { kind: 'runAsUser', container: 'storage-initializer', value: 1337 }],
    steps: ['In InferenceService models/sklearn-iris: spec.predictor.annotations: traffic.sidecar.istio.io/excludeOutboundPorts: "443".'],
    limits: [/ClusterStorageContainer/],
  },
  {
    name: 'None: the object itself, or the CronJob that makes the Pod',
    object: ['Pod', 'default', 'hello-28914920-7xk2p'], edits: [EXCLUDE],
    steps: ['CronJob default/hello: spec.jobTemplate.spec.template.metadata.annotations: traffic.sidecar.istio.io/excludeOutboundPorts: "443".'],
    limits: [/cannot be changed in place/],
  },
]

for (const c of ADVICE) {
  t.test(`advice: ${c.name}`, async (t) => {
    const o = ownershipIn(index, find(...c.object))
    const a = adviseOwner(o, c.edits)
    for (const s of c.steps) t.ok(a.steps.some((x) => x.startsWith(s) || x === s), `a step starts with ${JSON.stringify(s)}:\n${a.steps.join('\n')}`)
    if (c.patch) t.match(a.patch ?? '', c.patch, 'patch usage')
    for (const l of c.limits ?? []) t.ok(a.limits.some((x) => l.test(x)), `a limit matches ${l}: ${JSON.stringify(a.limits)}`)
    t.notOk(a.steps.some((x) => /podSecurityContext: |pod-level securityContext: /.test(x)), 'never advises the pod-level securityContext')
  })
}

t.test('refusal names the owner, the evidence and where to change instead', async (t) => {
  const o = ownershipIn(index, find('Deployment', 'monitoring', 'grafana'))
  const text = refusal(o)
  t.match(text, /^refusing to change Deployment monitoring\/grafana in the cluster: it is managed by Helm release monitoring\/grafana \(chart grafana-10\.5\.14\)/)
  t.match(text, /--force/)
  t.match(text, /-o patch/)
  t.match(text, /\(label app\.kubernetes\.io\/managed-by=Helm \(Deployment monitoring\/grafana\)\)/, 'the evidence that decided')
  t.equal(adviseOwner(o, [EXCLUDE]).why, 'a cluster-only change is lost at the next upgrade or rollback')
  const kafka = refusal(ownershipIn(index, find('Pod', 'kafka', 'my-cluster-broker-0')))
  t.match(kafka, /managed by KafkaNodePool kafka\/broker \(Strimzi\) \(ownerReferences of StrimziPodSet kafka\/my-cluster-broker: kafka\.strimzi\.io\/v1beta2 KafkaNodePool broker\)/)
})
