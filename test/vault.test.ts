// The Vault Agent Injector model (issue #9): whether vault-agent-init is added, where it lands relative
// to Istio's containers, its UID/GID and address, and the vendor fixes. Pods are modelled on HashiCorp's
// tutorial "Injecting secrets into Kubernetes pods via Vault Agent containers" (Deployment orgchart,
// role internal-app, secret internal/data/database/config) and the annotations of hashicorp/vault-k8s
// agent-inject/agent/annotations.go; the containers are then judged like any other init container.
import t from 'tap'
import { parseManifests } from '../src/cluster/files.js'
import { analyze } from '../src/classify/index.js'
import { judgeContainer } from '../src/classify/verdict/exemptions.js'
import { toWorkload, type PodView } from '../src/model/workloads.js'
import type { InputError } from '../src/model/input.js'
import { VAULT_INIT, VAULT_KEYS, vaultInjection, vaultWebhookContainer, webhookNames, type VaultOptions } from '../src/classify/mesh/vault.js'

const BASE = {
  'vault.hashicorp.com/agent-inject': 'true',
  'vault.hashicorp.com/role': 'internal-app',
  'vault.hashicorp.com/agent-inject-secret-database-config.txt': 'internal/data/database/config',
}

/** The tutorial's orgchart Deployment in an injected namespace, with extra pod annotations and container securityContext. */
function orgchart(extra: Record<string, string> = {}, opts: { appUser?: number; podUser?: number } = {}): string {
  const ann = Object.entries({ ...BASE, ...extra }).map(([k, v]) => `        ${k}: ${JSON.stringify(v)}\n`).join('')
  return `apiVersion: v1
kind: Namespace
metadata:
  name: vault-demo
  labels: {istio-injection: enabled}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orgchart
  namespace: vault-demo
  labels: {app: orgchart}
spec:
  selector:
    matchLabels: {app: orgchart}
  replicas: 1
  template:
    metadata:
      labels: {app: orgchart}
      annotations:
${ann}    spec:
      serviceAccountName: internal-app
${opts.podUser !== undefined ? `      securityContext: {runAsUser: ${opts.podUser}}\n` : ''}      containers:
        - name: orgchart
          image: jweissig/app:0.0.1
${opts.appUser !== undefined ? `          securityContext: {runAsUser: ${opts.appUser}}\n` : ''}`
}

function load(yaml: string) {
  const errors: InputError[] = []
  const objects = parseManifests(yaml, 'orgchart.yaml', errors)
  if (errors.length) throw new Error(`the manifest does not read: ${JSON.stringify(errors)}`)
  const dep = objects.find((o) => o.object.kind === 'Deployment')!
  return { objects, errors, pod: toWorkload(dep).pod }
}

const pod = (extra: Record<string, string> = {}, o: { appUser?: number; podUser?: number } = {}): PodView => load(orgchart(extra, o)).pod

/** The verdict for vault-agent-init, judged with the workload's own capture settings. */
function judged(extra: Record<string, string>, opts: VaultOptions = {}) {
  const { objects, errors } = load(orgchart(extra))
  const a = analyze({ objects, errors, flags: {} }).analyses[0]!
  const wc = vaultWebhookContainer(a.workload.pod, { ...opts, proxyUid: a.capture!.uids.value[0] })!
  const v = vaultInjection(a.workload.pod, opts)!
  return judgeContainer(wc.name, 'required', wc.traffic, wc.ids, a.capture!, { afterNativeProxy: v.afterNativeProxy, nativeWhy: 'test' })
}

t.test('plain: agent-inject only - init container appended after Istio\'s, UID 100/GID 1000, default address', async (t) => {
  const v = vaultInjection(pod())!
  t.equal(v.requested, true)
  t.equal(v.initContainer, true, 'pre-populate defaults to true')
  t.equal(v.sidecar, true)
  t.equal(v.position, 'last', 'appended: vault-agent-injector-cfg sorts after istio-sidecar-injector')
  t.match(v.order.why, /istio-sidecar-injector before vault-agent-injector-cfg \(assumed/)
  t.equal(v.afterNativeProxy, false)
  t.match(v.withIstioInit, /captured today too.*not a regression/)
  t.same(v.ids, { user: 100, userFrom: 'container', group: 1000, groupFrom: 'container' })
  t.equal(v.securityContext, true)
  t.equal(v.address.from, 'injector default')
  t.same(v.address.dest, { port: 8200, resolves: true })
  t.same(v.traffic.map((x) => x.proto), ['tcp'])
  t.same(v.fixes.map((f) => [f.edits.map((e) => `${e.key}=${e.value}`).join(' '), f.applicable]), [
    ['vault.hashicorp.com/agent-run-as-user=1337', true],
    ['vault.hashicorp.com/agent-init-json-patch=[{"op":"add","path":"/securityContext/runAsUser","value":1337}]', true],
    ['vault.hashicorp.com/agent-pre-populate=false', true],
  ])
  t.ok(v.fixes[0]!.caveats.some((c) => /applies to the vault-agent sidecar too/.test(c)), 'run-as-user also moves the sidecar')
  t.ok(v.fixes[2]!.caveats.some((c) => /tolerate the secrets appearing after it starts/.test(c)), 'pre-populate false: secrets arrive later')
  const wc = vaultWebhookContainer(pod())!
  t.equal(wc.name, VAULT_INIT)
  t.equal(wc.position, 'last')
  t.match(wc.fix, /agent-run-as-user: "1337"/)
  t.equal(judged({}).risk, 'breaks', 'judged like any init container: TCP to Vault before the proxy listens')
})

t.test('agent-pre-populate: "false" - no init container, sidecar only', async (t) => {
  const v = vaultInjection(pod({ [VAULT_KEYS.prePopulate]: 'false' }))!
  t.equal(v.initContainer, false)
  t.equal(v.sidecar, true)
  t.same(v.traffic, [])
  t.same(v.fixes, [])
  t.equal(vaultWebhookContainer(pod({ [VAULT_KEYS.prePopulate]: 'false' })), undefined, 'nothing to judge')
})

t.test('agent-pre-populate-only: "true" - the init container only; dropping it would leave no agent', async (t) => {
  const v = vaultInjection(pod({ [VAULT_KEYS.prePopulateOnly]: 'true' }))!
  t.equal(v.initContainer, true)
  t.equal(v.sidecar, false)
  t.notOk(v.fixes[0]!.caveats.some((c) => /sidecar too/.test(c)), 'no sidecar to move along')
  const drop = v.fixes.find((f) => f.edits[0]!.key === VAULT_KEYS.prePopulate)!
  t.equal(drop.applicable, false)
  t.match(drop.why, /no agent at all/)
  const both = vaultInjection(pod({ [VAULT_KEYS.prePopulateOnly]: 'true', [VAULT_KEYS.prePopulate]: 'false' }))!
  t.equal(both.initContainer, false)
  t.equal(both.sidecar, false)
  t.match(both.problems.join(), /adds no agent at all/)
})

t.test('agent-init-first without native sidecars: first, before istio-validation - a CNI regression', async (t) => {
  const v = vaultInjection(pod({ [VAULT_KEYS.initFirst]: 'true' }))!
  t.equal(v.position, 'first')
  t.equal(v.afterNativeProxy, false)
  t.match(v.withIstioInit, /runs before istio-init writes the rules.*breaks it/)
  const order = v.fixes.find((f) => f.edits[0]!.key === VAULT_KEYS.initFirst)!
  t.equal(order.applicable, false, 'reordering alone does not help a classic sidecar')
  t.ok(v.fixes.find((f) => f.edits[0]!.key === VAULT_KEYS.prePopulate)!.caveats.some((c) => /agent-init-first is set/.test(c)))
  t.equal(judged({ [VAULT_KEYS.initFirst]: 'true' }).risk, 'breaks')
})

t.test('agent-init-first with native sidecars: still before istio-proxy, still broken; dropping init-first fixes it', async (t) => {
  const v = vaultInjection(pod({ [VAULT_KEYS.initFirst]: 'true' }), { native: true })!
  t.equal(v.position, 'first')
  t.equal(v.afterNativeProxy, false, 'a native proxy does not help what runs before it (ref §5.2)')
  t.equal(judged({ [VAULT_KEYS.initFirst]: 'true' }, { native: true }).risk, 'breaks')
  const order = v.fixes.find((f) => f.edits[0]!.key === VAULT_KEYS.initFirst)!
  t.equal(order.applicable, true)
  t.same(order.edits, [{ kind: 'annotation', key: VAULT_KEYS.initFirst, value: 'false' }])
  // Without init-first, under native sidecars: after istio-proxy, saved.
  const plain = vaultInjection(pod(), { native: true })!
  t.equal(plain.afterNativeProxy, true)
  t.equal(judged({}, { native: true }).exemptToken, 'native-sidecar')
})

t.test('agent-run-as-user: "1337" - the proxy UID, exempt', async (t) => {
  const v = vaultInjection(pod({ [VAULT_KEYS.runAsUser]: '1337' }))!
  t.same(v.ids, { user: 1337, userFrom: 'container', group: 1000, groupFrom: 'container' })
  t.equal(judged({ [VAULT_KEYS.runAsUser]: '1337' }).exemptToken, 'proxy-uid')
  // Explicitly off: the injector writes no securityContext, the annotation does nothing; the fix turns it back on.
  const off = vaultInjection(pod({ [VAULT_KEYS.runAsUser]: '1337', [VAULT_KEYS.setSecurityContext]: 'false' }, { podUser: 1000 }))!
  t.equal(off.securityContext, false)
  t.same(off.ids, { user: 1000, userFrom: 'pod' })
  t.same(off.fixes[0]!.edits.map((e) => e.key), [VAULT_KEYS.runAsUser, VAULT_KEYS.setSecurityContext])
  t.equal(off.fixes[1]!.edits[0]!.value, '[{"op":"add","path":"/securityContext","value":{"runAsUser":1337}}]', 'the JSON patch creates the securityContext')
})

t.test('agent-run-as-same-user copies the first container\'s runAsUser; without one the injector rejects the pod', async (t) => {
  const same = vaultInjection(pod({ [VAULT_KEYS.runAsSameUser]: 'true' }, { appUser: 1000 }))!
  t.equal(same.ids.user, 1000)
  t.same(same.fixes[0]!.edits.map((e) => `${e.key}=${e.value}`), [`${VAULT_KEYS.runAsUser}=1337`, `${VAULT_KEYS.runAsSameUser}=false`])
  const bad = vaultInjection(pod({ [VAULT_KEYS.runAsSameUser]: 'true' }))!
  t.equal(bad.initContainer, false)
  t.match(bad.skipped, /containers\[0\]\.securityContext\.runAsUser/)
})

t.test('agent-init-json-patch sets the init container\'s UID only', async (t) => {
  const patch = '[{"op":"replace","path":"/securityContext/runAsUser","value":1337}]'
  const v = vaultInjection(pod({ [VAULT_KEYS.initJsonPatch]: patch }))!
  t.equal(v.ids.user, 1337)
  t.equal(v.fixes[0]!.applicable, false, 'run-as-user would be overridden by the patch')
  t.equal(judged({ [VAULT_KEYS.initJsonPatch]: patch }).exemptToken, 'proxy-uid')
  const broken = vaultInjection(pod({ [VAULT_KEYS.initJsonPatch]: '{"op":"add"}' }))!
  t.equal(broken.initContainer, false)
  t.match(broken.skipped, /not a JSON patch/)
})

t.test('vault.hashicorp.com/service and proxy-address name the destination', async (t) => {
  const inCluster = vaultInjection(pod({ [VAULT_KEYS.service]: 'https://vault.vault.svc:8200' }))!
  t.equal(inCluster.address.from, 'annotation')
  t.same(inCluster.address.dest, { host: 'vault.vault.svc', port: 8200, resolves: true })
  t.match(inCluster.traffic[0]!.evidence, /logs in to Vault at https:\/\/vault\.vault\.svc:8200/)
  const external = vaultInjection(pod({ [VAULT_KEYS.service]: 'https://vault.example.com' }))!
  t.same(external.address.dest, { host: 'vault.example.com', port: 443, resolves: true })
  const ip = vaultInjection(pod({ [VAULT_KEYS.service]: 'http://10.96.12.7:8200' }))!
  t.same(ip.address.dest, { host: '10.96.12.7', port: 8200, resolves: false })
  const proxied = vaultInjection(pod({ [VAULT_KEYS.service]: 'https://vault.example.com', [VAULT_KEYS.proxyAddress]: 'http://squid.proxy.svc:3128' }))!
  t.equal(proxied.address.from, 'proxy-address')
  t.same(proxied.address.dest, { host: 'squid.proxy.svc', port: 3128, resolves: true })
})

t.test('webhook order: a Vault configuration that sorts before Istio\'s lands among the app\'s init containers', async (t) => {
  const opts = { webhooks: { vault: 'hashicorp-vault-agent-injector-cfg' } }
  const v = vaultInjection(pod(), opts)!
  t.equal(v.order.vaultFirst, true)
  t.equal(v.position, 'before-istio')
  t.match(v.withIstioInit, /breaks it/, 'before istio-init today, captured with CNI')
  t.equal(vaultInjection(pod({ [VAULT_KEYS.initFirst]: 'true' }), opts)!.position, 'before-istio', 'Istio puts its own containers in front afterwards')
  t.equal(vaultInjection(pod({ [VAULT_KEYS.initFirst]: 'true' }), { ...opts, native: true })!.afterNativeProxy, true)
})

t.test('no injection: missing, "false", already injected, or a value the injector rejects', async (t) => {
  const none = load(orgchart()).pod
  t.equal(vaultInjection({ ...none, meta: { ...none.meta, annotations: {} } }), undefined)
  const off = vaultInjection(pod({ [VAULT_KEYS.inject]: 'false' }))!
  t.equal(off.requested, false)
  t.equal(off.initContainer, false)
  t.equal(vaultInjection(pod({ [VAULT_KEYS.status]: 'injected' }))!.initContainer, false)
  const junk = vaultInjection(pod({ [VAULT_KEYS.prePopulate]: 'maybe' }))!
  t.equal(junk.initContainer, false)
  t.match(junk.skipped, /injector rejects the pod/)
  // Unquoted YAML booleans are read as strings by meta.annotation.
  t.equal(vaultInjection(pod({ [VAULT_KEYS.inject]: 'True' }))!.initContainer, true, 'Go ParseBool accepts True')
})

t.test('webhook names come from the MutatingWebhookConfigurations in the input', async (t) => {
  // vault-helm injector-mutating-webhook.yaml for a release named "hashicorp-vault"; Istio's revisioned injector and default tag.
  const { objects } = load(`apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: hashicorp-vault-agent-injector-cfg}
webhooks:
  - name: vault.hashicorp.com
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector-1-24}
webhooks:
  - name: rev.namespace.sidecar-injector.istio.io
  - name: rev.object.sidecar-injector.istio.io
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: istio-revision-tag-default}
webhooks:
  - name: rev.namespace.sidecar-injector.istio.io
---
${orgchart()}`)
  const names = webhookNames(objects.map((o) => o.object))
  t.same(names, { vault: 'hashicorp-vault-agent-injector-cfg', istio: 'istio-revision-tag-default' })
  const v = vaultInjection(pod(), { webhooks: names })!
  t.equal(v.position, 'before-istio')
  t.equal(v.order.why, 'the API server calls mutating webhook configurations in name order: hashicorp-vault-agent-injector-cfg before istio-revision-tag-default')
})
