// The workload registry (issue #14): pod-template CRDs and generic pod-template kinds are judged
// exactly like the equivalent Deployment; fix rewrites their manifests at the right path; restart
// and a live fix say what they cannot do for them.
import t from 'tap'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { readFiles } from '../src/cluster/files.js'
import { analyze, classify } from '../src/classify/index.js'
import { planFix } from '../src/fix/plan.js'
import { applyToObject } from '../src/fix/apply.js'
import { rewrite } from '../src/fix/files.js'
import { kindByAlias, kindName, workloadKind } from '../src/model/kinds.js'
import { notPatchable } from '../src/cluster/apply.js'
import { parseTarget } from '../src/commands/targets.js'
import { parseIgnore } from '../src/classify/result/suppress.js'
import { readCluster } from '../src/cluster/live.js'
import { classifyLive } from '../src/classify/group.js'
import { planRestart } from '../src/restart/plan.js'
import { FIXTURES, serve } from './support/serve.js'

const DIR = join(import.meta.dirname, 'fixtures', 'kinds')
const read = (name: string) => { const r = readFiles([join(DIR, `${name}.yaml`)]); return { objects: r.objects, errors: r.errors, flags: {} } }
const judged = (name: string) => {
  const { result, errors } = classify(read(name))
  return { errors, rows: result.workloads.map(({ source: _s, kind: _k, generic: _g, ...rest }) => rest), kinds: result.workloads.map((w) => w.kind), generic: result.workloads.map((w) => w.generic === true) }
}

t.test('the orders wait-for-db as every pod-template kind: the verdict of the Deployment', async (t) => {
  const deployment = judged('deployment')
  t.equal(deployment.rows[0]!.verdict, 'breaks')
  const cases: [string, string, boolean][] = [
    ['rollout', 'Rollout', false],
    ['cloneset', 'CloneSet', false],
    ['kruise-statefulset', 'StatefulSet.apps.kruise.io', false],
    ['kruise-daemonset', 'DaemonSet.apps.kruise.io', false],
    ['knative-service', 'Service.serving.knative.dev', false],
    ['knative-configuration', 'Configuration', false],
    ['generic', 'Worker', true],
  ]
  for (const [file, kind, generic] of cases) {
    const got = judged(file)
    t.same(got.errors, [], `${file}: no input error`)
    t.same(got.kinds, [kind], `${file}: one workload, named ${kind}`)
    t.same(got.generic, [generic], `${file}: generic ${generic}`)
    t.same(got.rows, deployment.rows, `${file}: same verdict, init containers and findings as the Deployment`)
  }
})

t.test('not workloads: a Rollout with workloadRef, a core Service, a CRD without a pod template', async (t) => {
  t.same(judged('rollout-workloadref').rows, [])
  const { objects } = readFiles([join(import.meta.dirname, '..', 'examples', 'shop.yaml')])
  t.notOk(objects.some((s) => s.object.kind === 'Service' && workloadKind(s.object)), 'a v1 Service is not a workload')
  t.equal(workloadKind({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', spec: { secretName: 'x' } }), undefined)
  t.equal(workloadKind({ apiVersion: 'acme.io/v1', kind: 'Thing', spec: { template: { spec: { containers: 'no' } } } }), undefined, 'containers must be a list')
  t.equal(workloadKind({ apiVersion: 'apps/v1', kind: 'ControllerRevision', spec: { template: { spec: { containers: [] } } } }), undefined, 'built-in groups are never generic')
  t.equal(workloadKind({ kind: 'Deployment', spec: {} })?.name, 'Deployment', 'no apiVersion: the built-in kind')
  t.equal(workloadKind({ apiVersion: 'extensions/v1beta1', kind: 'Deployment' })?.name, 'Deployment', 'pre-1.16 group')
})

t.test('kubectl names: short names, plurals, kind.group', async (t) => {
  t.equal(kindByAlias('ro')?.name, 'Rollout')
  t.equal(kindByAlias('rollouts')?.name, 'Rollout')
  t.equal(kindByAlias('rollout.argoproj.io')?.name, 'Rollout')
  t.equal(kindByAlias('sts')?.name, 'StatefulSet', 'the built-in kind first')
  t.equal(kindByAlias('statefulset.apps')?.name, 'StatefulSet')
  t.equal(kindByAlias('asts')?.name, 'StatefulSet.apps.kruise.io')
  t.equal(kindByAlias('statefulsets.apps.kruise.io')?.name, 'StatefulSet.apps.kruise.io')
  t.equal(kindByAlias('ksvc')?.name, 'Service.serving.knative.dev')
  t.equal(kindByAlias('service'), undefined, 'a core Service is not a workload')
  t.same(parseTarget('rollout/orders'), { kind: 'Rollout', name: 'orders' })
  t.same(parseTarget('clone/orders'), { kind: 'CloneSet', name: 'orders' })
  t.equal(parseIgnore('ICNI0101=ro/shop/orders').kind, 'Rollout')
  t.equal(kindName('argoproj.io/v1alpha1', 'Rollout'), 'Rollout')
  t.equal(kindName('apps.kruise.io/v1beta1', 'StatefulSet'), 'StatefulSet.apps.kruise.io')
  t.equal(kindName('apps/v1', 'ReplicaSet'), 'ReplicaSet')
})

t.test('fix: the edits land in the CRD template, the manifest is rewritten at the same place', async (t) => {
  for (const file of ['rollout', 'knative-service', 'generic']) {
    const input = read(file)
    const a = analyze(input).analyses[0]!
    const plan = planFix(a, {})
    t.ok(plan.edits.length, `${file}: a fix is planned`)
    const fixed = applyToObject(a.workload.object, plan.edits)
    t.equal(classify({ objects: [input.objects[0]!, { object: fixed, source: 'x:1' }], errors: [], flags: {} }).result.workloads[0]!.verdict, 'ok', `${file}: fixed`)
    const [out] = rewrite([{ source: a.workload.source, object: a.workload.object, edits: plan.edits }], (f) => readFileSync(f, 'utf8'))
    const d = analyze(read('deployment')).analyses[0]!.workload
    const deployment = rewrite([{ source: d.source, object: d.object, edits: plan.edits }], (f) => readFileSync(f, 'utf8'))[0]!
    const body = (s: string) => s.slice(s.indexOf('spec:'))
    t.equal(body(out!.after), body(deployment.after), `${file}: the same change as the Deployment's`)
  }
})

t.test('a live fix names why a custom or generic kind is not patched', async (t) => {
  t.match(notPatchable('Rollout'), /custom resource takes no strategic-merge patch/)
  t.match(notPatchable('Worker'), /fix its manifest/)
  t.equal(notPatchable('Deployment'), undefined)
  t.match(notPatchable('Job'), /immutable/)
})

t.test('live: the cluster serves Rollouts; a Rollout and its ReplicaSet\'s pods make one row, like the Deployment', async (t) => {
  // The checkout Deployment of the cluster fixtures, moved to namespace canary as an Argo Rollout.
  const canary = structuredClone(FIXTURES.filter((o) => o.metadata?.namespace === 'shop' && /^checkout/.test(o.metadata?.name ?? '') && ['Deployment', 'ReplicaSet', 'Pod'].includes(o.kind!)))
  t.equal(canary.length, 4, 'the Deployment, its ReplicaSet and two pods')
  for (const o of canary) {
    o.metadata!.namespace = 'canary'
    if (o.kind === 'Deployment') Object.assign(o, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' })
    for (const r of o.metadata!.ownerReferences ?? []) if (r.kind === 'Deployment') Object.assign(r, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' })
  }
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'canary', labels: { 'istio-injection': 'enabled' } } }
  const s = await serve(t, { objects: [...FIXTURES, ns, ...canary] })
  const input = await readCluster({ kubeconfig: s.kubeconfigPath, allNamespaces: true, flags: {}, env: {} })
  const { result } = classifyLive(input)
  const row = (kind: string, ns: string) => result.workloads.find((w) => w.kind === kind && w.namespace === ns && w.name === 'checkout')
  const rollout = row('Rollout', 'canary')
  const deployment = row('Deployment', 'shop')
  t.ok(rollout, 'the Rollout is a row')
  t.notOk(result.workloads.some((w) => w.namespace === 'canary' && w.kind !== 'Rollout'), 'its ReplicaSet and pods are grouped under it')
  const facts = (w: typeof rollout) => ({ verdict: w!.verdict, init: w!.initContainers, codes: w!.findings.map((f) => f.code), pods: w!.live!.pods, modes: w!.live!.modes, restart: w!.live!.needsRestart, broken: w!.live!.brokenNow.map((b) => b.pod) })
  t.same(facts(rollout), facts(deployment), 'same verdict and live facts as the Deployment')
  t.ok(s.requests.some((r) => r.path === '/apis/argoproj.io/v1alpha1/rollouts' && r.status === 200), 'listed cluster-wide')

  const plan = planRestart(result, input.objects, { force: true, targets: [{ kind: 'Rollout', namespace: 'canary', name: 'checkout' }] })
  t.match(plan.restart, [{ kind: 'Rollout', action: 'restart-at', notes: [/spec\.restartAt/] }], 'a Rollout restarts through its own spec.restartAt (restart.test.ts)')
  t.same(plan.skipped, [])
})

t.test('live: a forbidden discovery read is a warning, and no custom kind is listed', async (t) => {
  const s = await serve(t, { faults: [{ method: 'GET', path: '/apis', status: 403 }] })
  const input = await readCluster({ kubeconfig: s.kubeconfigPath, allNamespaces: true, flags: {}, env: {} })
  t.notOk(s.requests.some((r) => r.path.includes('rollouts')))
  t.match(input.live.warnings, [/cannot read API discovery.*Argo Rollouts/])
})
