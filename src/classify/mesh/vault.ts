// The Vault Agent Injector, modelled from its annotations (issue #9; ref §5.1 vendor knobs, §7 Vault
// row, §1.3 webhook-order caveat): whether `vault-agent-init` is added, where it lands relative to
// Istio's containers, which UID/GID it runs as, what address it dials, and the vendor's own fixes.
// A richer drop-in for `vault()` in webhooks.ts: `vaultWebhookContainer` returns the same shape.
//
// Source: hashicorp/vault-k8s (v1.7.x)
// - `agent-inject/agent/agent.go` ShouldInject: only `agent-inject` parsed true, and not when
//   `agent-inject-status: injected`; Patch: the init container only when PrePopulate, prepended with
//   every existing init container re-added after it when InitFirst, else appended; the sidecar unless
//   PrePopulateOnly. Defaults DefaultAgentRunAsUser 100, DefaultAgentRunAsGroup 1000,
//   DefaultAgentRunAsSameUser false, DefaultAgentSetSecurityContext true.
// - `agent-inject/agent/annotations.go`: prePopulate() defaults true, prePopulateOnly()/initFirst()
//   default false; run-as-user/group default to the injector's flags (AGENT_INJECT_RUN_AS_USER/GROUP);
//   when any of run-as-user/-group/-same-user is set and set-security-context is not, the security
//   context is switched on; runAsSameID copies spec.containers[0].securityContext.runAsUser (error when
//   unset or 0); `vault.hashicorp.com/service` defaults to AGENT_INJECT_VAULT_ADDR.
// - `agent-inject/agent/container_init_sidecar.go`: name `vault-agent-init`, securityContext only when
//   SetSecurityContext, then `agent-init-json-patch` (RFC 6902) applied to the container (vault-k8s ≥ 1.1.0,
//   hashicorp/vault-k8s#399). `container_sidecar.go` securityContext(): runAsUser/runAsGroup, runAsNonRoot
//   unless either is 0.
// - `deploy/injector-mutating-webhook.yaml`: configuration name `vault-agent-injector-cfg`. The API server
//   calls mutating webhook configurations sorted by name (kubernetes `staging/src/k8s.io/apiserver/pkg/
//   admission/configuration/mutating_webhook_manager.go`), so after `istio-sidecar-injector*` /
//   `istio-revision-tag-*`.
import type { Container, KObject } from '../../model/k8s.js'
import type { PodView } from '../../model/workloads.js'
import { annotation, parseBool } from '../../model/meta.js'
import { effectiveIds, toInt, type EffectiveIds } from '../../model/security.js'
import { type Destination, destination, findUrls } from '../syntax/destinations.js'
import type { Traffic } from '../network/network.js'
import type { WebhookContainer } from './webhook-container.js'

const VAULT_PREFIX = 'vault.hashicorp.com/'
export const VAULT_INIT = 'vault-agent-init'
export const VAULT_KEYS = {
  inject: `${VAULT_PREFIX}agent-inject`,
  status: `${VAULT_PREFIX}agent-inject-status`,
  prePopulate: `${VAULT_PREFIX}agent-pre-populate`,
  prePopulateOnly: `${VAULT_PREFIX}agent-pre-populate-only`,
  initFirst: `${VAULT_PREFIX}agent-init-first`,
  runAsUser: `${VAULT_PREFIX}agent-run-as-user`,
  runAsGroup: `${VAULT_PREFIX}agent-run-as-group`,
  runAsSameUser: `${VAULT_PREFIX}agent-run-as-same-user`,
  setSecurityContext: `${VAULT_PREFIX}agent-set-security-context`,
  initJsonPatch: `${VAULT_PREFIX}agent-init-json-patch`,
  service: `${VAULT_PREFIX}service`,
  proxyAddress: `${VAULT_PREFIX}proxy-address`,
} as const

/** vault-k8s defaults (agent.go); an injector can change them cluster-wide (AGENT_INJECT_RUN_AS_USER, …). */
const VAULT_DEFAULTS = { runAsUser: 100, runAsGroup: 1000, runAsSameUser: false, setSecurityContext: true, port: 8200 } as const
/** Default MutatingWebhookConfiguration names: the vault-k8s/vault-helm one, and Istio's (revision tags share the `istio-` prefix). */
const DEFAULT_WEBHOOK_NAMES = { vault: 'vault-agent-injector-cfg', istio: 'istio-sidecar-injector' } as const

export interface VaultOptions {
  /** The proxy UID/GID of the revision (ref §5.1: not always 1337). */
  proxyUid?: number
  /** istio-proxy will be a native sidecar (restartPolicy: Always in initContainers). */
  native?: boolean
  /** MutatingWebhookConfiguration names, when the input has them. */
  webhooks?: { vault?: string; istio?: string }
}

type AnnotationEdit = { kind: 'annotation'; key: string; value: string }

interface VaultFix {
  /** What it does, as a verb phrase. */
  what: string
  applicable: boolean
  why: string
  /** Pod-template annotations to set (same shape as src/fix/plan.ts annotation edits). */
  edits: AnnotationEdit[]
  caveats: string[]
}

interface VaultInjection {
  /** `agent-inject` parses true: the pod asks for injection. */
  requested: boolean
  /** Why the webhook adds nothing although asked (already injected, or an annotation it rejects). */
  skipped?: string
  /** `vault-agent-init` is added (pre-populate, the default). */
  initContainer: boolean
  /** The `vault-agent` sidecar is added (not with pre-populate-only). */
  sidecar: boolean
  /**
   * Where vault-agent-init runs: `first` before Istio's containers (istio-validation / istio-init and a native
   * istio-proxy), `last` after Istio's and the application's init containers, `before-istio` among the
   * application's init containers, after Istio's (the Vault webhook ran first and Istio put its own in front).
   */
  position: 'first' | 'last' | 'before-istio'
  /** The init container starts after a native istio-proxy is ready. */
  afterNativeProxy: boolean
  /** Which webhook configuration the API server calls first, and why we think so. */
  order: { vaultFirst: boolean; why: string }
  /** How it fares today with istio-init (legacy), for "is the move to CNI a regression". */
  withIstioInit: string
  ids: EffectiveIds
  /** The injector writes a securityContext (runAsUser/runAsGroup/runAsNonRoot) on its containers. */
  securityContext: boolean
  address: { text: string; dest: Destination; from: 'annotation' | 'proxy-address' | 'injector default' }
  traffic: Traffic[]
  evidence: string[]
  problems: string[]
  fixes: VaultFix[]
}

/**
 * The webhook configuration names from MutatingWebhookConfigurations in the input: the one holding the
 * `vault.hashicorp.com` webhook (vault-k8s deploy/injector-mutating-webhook.yaml), and the first by name
 * holding an Istio injector webhook (`*.sidecar-injector.istio.io`).
 */
export function webhookNames(objects: Iterable<KObject>): { vault?: string; istio?: string } {
  const out: { vault?: string; istio?: string } = {}
  for (const o of objects) {
    const name = o.metadata?.name
    const hooks = Array.isArray(o.webhooks) ? (o.webhooks as { name?: unknown }[]) : []
    if (o.kind !== 'MutatingWebhookConfiguration' || typeof name !== 'string') continue
    const names = hooks.map((h) => (typeof h?.name === 'string' ? h.name : ''))
    if (names.includes('vault.hashicorp.com') && (out.vault === undefined || name < out.vault)) out.vault = name
    if (names.some((n) => n.endsWith('sidecar-injector.istio.io')) && (out.istio === undefined || name < out.istio)) out.istio = name
  }
  return out
}

const quote = (k: string, v: string) => `${k}: ${JSON.stringify(v)}`

interface JsonOp { op?: unknown; path?: unknown; value?: unknown }

function parsePatch(text: string | undefined): JsonOp[] | undefined {
  if (text === undefined) return undefined
  try {
    const v = JSON.parse(text) as unknown
    return Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as JsonOp[]) : undefined
  } catch {
    return undefined
  }
}

/** The securityContext of vault-agent-init after `agent-init-json-patch`, for the fields that matter here. */
function patchedContext(base: Container['securityContext'] | undefined, ops: JsonOp[]): Container['securityContext'] | undefined {
  let sc = base ? { ...base } : undefined
  for (const o of ops) {
    const path = typeof o.path === 'string' ? o.path : ''
    if (o.op === 'remove' && path === '/securityContext') sc = undefined
    else if ((o.op === 'add' || o.op === 'replace') && path === '/securityContext' && typeof o.value === 'object' && o.value !== null) sc = { ...(o.value as object) }
    else if ((o.op === 'add' || o.op === 'replace') && sc && /^\/securityContext\/(runAsUser|runAsGroup|runAsNonRoot)$/.test(path)) (sc as Record<string, unknown>)[path.split('/')[2]!] = o.value
    else if (o.op === 'remove' && sc && /^\/securityContext\/(runAsUser|runAsGroup)$/.test(path)) delete (sc as Record<string, unknown>)[path.split('/')[2]!]
  }
  return sc
}

function webhookOrder(opts: VaultOptions): { vaultFirst: boolean; why: string } {
  const vault = opts.webhooks?.vault ?? DEFAULT_WEBHOOK_NAMES.vault
  const istio = opts.webhooks?.istio ?? DEFAULT_WEBHOOK_NAMES.istio
  const known = opts.webhooks?.vault !== undefined && opts.webhooks?.istio !== undefined
  const vaultFirst = vault < istio
  return {
    vaultFirst,
    why: `the API server calls mutating webhook configurations in name order: ${vaultFirst ? `${vault} before ${istio}` : `${istio} before ${vault}`}${known ? '' : ` (assumed where not in the input: ${DEFAULT_WEBHOOK_NAMES.vault} is the vault-helm default for a release named "vault", ${DEFAULT_WEBHOOK_NAMES.istio} Istio's)`}`,
  }
}

function addressOf(pod: PodView): VaultInjection['address'] {
  const proxy = annotation(pod.meta, VAULT_KEYS.proxyAddress)
  const proxyUrl = proxy ? findUrls(proxy)[0] : undefined
  if (proxy && proxyUrl) return { text: `the HTTP proxy ${proxy} (${VAULT_KEYS.proxyAddress})`, dest: proxyUrl.dest, from: 'proxy-address' }
  const service = annotation(pod.meta, VAULT_KEYS.service)
  const url = service ? findUrls(service)[0] : undefined
  if (service && url) return { text: service, dest: url.dest, from: 'annotation' }
  return { text: `the injector's default address (AGENT_INJECT_VAULT_ADDR, not in the input; port ${VAULT_DEFAULTS.port} assumed)`, dest: destination(undefined, VAULT_DEFAULTS.port), from: 'injector default' }
}

/** The Vault Agent Injector's effect on this pod, or undefined when the pod does not ask for it. */
export function vaultInjection(pod: PodView, opts: VaultOptions = {}): VaultInjection | undefined {
  const raw = (k: string) => annotation(pod.meta, k)
  const inject = raw(VAULT_KEYS.inject)
  if (inject === undefined) return undefined
  const evidence: string[] = [quote(VAULT_KEYS.inject, inject)]
  const problems: string[] = []
  const requested = parseBool(inject) === true
  const bool = (k: string, dflt: boolean): boolean => {
    const v = raw(k)
    if (v === undefined) return dflt
    const b = parseBool(v)
    if (b === undefined) { problems.push(`${quote(k, v)} is not a boolean: the injector rejects the pod (vault-k8s parseutil.ParseBool)`); return dflt }
    evidence.push(quote(k, v))
    return b
  }
  const prePopulate = bool(VAULT_KEYS.prePopulate, true)
  const prePopulateOnly = bool(VAULT_KEYS.prePopulateOnly, false)
  const initFirst = bool(VAULT_KEYS.initFirst, false)
  const sameUser = bool(VAULT_KEYS.runAsSameUser, VAULT_DEFAULTS.runAsSameUser)
  const scAnnotation = raw(VAULT_KEYS.setSecurityContext)
  const userAnn = raw(VAULT_KEYS.runAsUser)
  const groupAnn = raw(VAULT_KEYS.runAsGroup)
  // annotations.go: any of the id annotations switches the security context on unless it is set explicitly.
  const securityContext = scAnnotation !== undefined ? bool(VAULT_KEYS.setSecurityContext, true)
    : (userAnn !== undefined || groupAnn !== undefined || raw(VAULT_KEYS.runAsSameUser) !== undefined) ? true : VAULT_DEFAULTS.setSecurityContext

  let skipped: string | undefined
  if (!requested) skipped = `${quote(VAULT_KEYS.inject, inject)}: no injection`
  else if (raw(VAULT_KEYS.status) === 'injected') skipped = `${quote(VAULT_KEYS.status, 'injected')}: the injector leaves an already injected pod alone`

  let user = toInt(userAnn)
  let group = toInt(groupAnn)
  if (userAnn !== undefined) { if (user === undefined) problems.push(`${quote(VAULT_KEYS.runAsUser, userAnn)} is not a number`); else evidence.push(quote(VAULT_KEYS.runAsUser, userAnn)) }
  if (groupAnn !== undefined) { if (group === undefined) problems.push(`${quote(VAULT_KEYS.runAsGroup, groupAnn)} is not a number`); else evidence.push(quote(VAULT_KEYS.runAsGroup, groupAnn)) }
  user ??= VAULT_DEFAULTS.runAsUser
  group ??= VAULT_DEFAULTS.runAsGroup
  if (sameUser) {
    const first = toInt(pod.spec.containers?.[0]?.securityContext?.runAsUser)
    if (first === undefined || first === 0) {
      problems.push(`${quote(VAULT_KEYS.runAsSameUser, 'true')} needs spec.containers[0].securityContext.runAsUser set and not 0: the injector rejects the pod${first === 0 ? ' (root)' : ''}`)
      skipped ??= problems[problems.length - 1]
    } else user = first
  }
  // The init container's effective ids: its own securityContext (when written), after agent-init-json-patch.
  const ops = parsePatch(raw(VAULT_KEYS.initJsonPatch))
  if (raw(VAULT_KEYS.initJsonPatch) !== undefined) {
    if (!ops) problems.push(`${VAULT_KEYS.initJsonPatch} is not a JSON patch (a list of operations): the injector rejects the pod`)
    else evidence.push(`${VAULT_KEYS.initJsonPatch}: ${raw(VAULT_KEYS.initJsonPatch)}`)
  }
  if (problems.length && !skipped) skipped = `the injector rejects the pod: ${problems[0]} (with the vault-helm default failurePolicy: Ignore, the pod is created without Vault)`
  const written = securityContext ? { runAsUser: user, runAsGroup: group, runAsNonRoot: user !== 0 && group !== 0 } : undefined
  const sc = ops ? patchedContext(written, ops) : written
  const ids = effectiveIds({ securityContext: sc ?? {} } as Container, pod.spec)
  if (!securityContext && ids.user === undefined) evidence.push(`no securityContext written (${VAULT_KEYS.setSecurityContext}: "false"): the image's user (uid 100 in hashicorp/vault) or the pod's`)

  const initContainer = !skipped && prePopulate
  const sidecar = !skipped && !prePopulateOnly
  if (!skipped && !prePopulate && prePopulateOnly) problems.push(`${VAULT_KEYS.prePopulate}: "false" with ${VAULT_KEYS.prePopulateOnly}: "true" adds no agent at all`)

  const order = webhookOrder(opts)
  const position: VaultInjection['position'] = order.vaultFirst ? 'before-istio' : initFirst ? 'first' : 'last'
  const afterNativeProxy = !!opts.native && position !== 'first'
  const withIstioInit = position === 'last'
    ? 'with istio-init it already runs after the rules are written (appended after istio-init), so it is captured today too (hashicorp/vault-helm#160): not a regression of the move'
    : 'with istio-init it runs before istio-init writes the rules, unredirected: the move to the CNI plugin (rules exist before any container) breaks it'

  const address = addressOf(pod)
  const traffic: Traffic[] = initContainer
    ? [{ dest: address.dest, proto: 'tcp', evidence: `annotation ${VAULT_KEYS.inject}: "true" → ${VAULT_INIT} logs in to Vault at ${address.text}` }]
    : []

  const result: VaultInjection = {
    requested, ...(skipped ? { skipped } : {}), initContainer, sidecar, position, afterNativeProxy, order, withIstioInit,
    ids, securityContext, address, traffic, evidence, problems, fixes: [],
  }
  if (initContainer) result.fixes = vaultFixes(result, { prePopulateOnly, initFirst, sameUser, scAnnotation, ops }, opts)
  return result
}

function vaultFixes(v: VaultInjection, s: { prePopulateOnly: boolean; initFirst: boolean; sameUser: boolean; scAnnotation: string | undefined; ops: JsonOp[] | undefined }, opts: VaultOptions): VaultFix[] {
  const uid = opts.proxyUid ?? 1337
  const plaintext = `Vault traffic from the agent then leaves without mesh identity, in plaintext to the mesh: it fails if Vault sits in the mesh behind STRICT mTLS, and bypasses egress gateways and AuthorizationPolicies (ref §5.1).`
  const policy = `Admission policies may forbid UID ${uid} (OpenShift SCC restricted-v2 allows only the namespace range; Gatekeeper/Kyverno allowedUsers).`
  const fixes: VaultFix[] = []

  // 1. agent-run-as-user: the documented knob; both containers.
  const runAs: AnnotationEdit[] = [{ kind: 'annotation', key: VAULT_KEYS.runAsUser, value: String(uid) }]
  if (s.sameUser) runAs.push({ kind: 'annotation', key: VAULT_KEYS.runAsSameUser, value: 'false' })
  if (parseBool(s.scAnnotation) === false) runAs.push({ kind: 'annotation', key: VAULT_KEYS.setSecurityContext, value: 'true' })
  const patchOverrides = s.ops?.some((o) => typeof o.path === 'string' && /^\/securityContext(\/runAsUser)?$/.test(o.path))
  fixes.push({
    what: `run the Vault agent as the proxy UID ${uid} (${VAULT_KEYS.runAsUser})`,
    applicable: !patchOverrides,
    why: patchOverrides ? `${VAULT_KEYS.initJsonPatch} sets the init container's securityContext and wins over ${VAULT_KEYS.runAsUser}` : `the capture rules never redirect UID ${uid}`,
    edits: runAs,
    caveats: [
      ...(v.sidecar ? [`${VAULT_KEYS.runAsUser} applies to the vault-agent sidecar too: its renewals also bypass the sidecar.`] : []),
      ...(s.sameUser ? [`It turns ${VAULT_KEYS.runAsSameUser} off: the agent no longer shares the application's UID (file permissions of the rendered secrets may change).`] : []),
      plaintext, policy,
    ],
  })

  // 2. agent-init-json-patch: only the init container (vault-k8s ≥ 1.1.0).
  const op = v.securityContext || s.ops?.some((o) => o.path === '/securityContext' && o.op !== 'remove')
    ? { op: 'add', path: '/securityContext/runAsUser', value: uid }
    : { op: 'add', path: '/securityContext', value: { runAsUser: uid } }
  const merged = JSON.stringify([...(s.ops ?? []), op])
  fixes.push({
    what: `run only ${VAULT_INIT} as UID ${uid} (${VAULT_KEYS.initJsonPatch})`,
    applicable: true,
    why: `the JSON patch changes the init container only; the vault-agent sidecar keeps its UID`,
    edits: [{ kind: 'annotation', key: VAULT_KEYS.initJsonPatch, value: merged }],
    caveats: [`Needs vault-k8s ≥ 1.1.0 (hashicorp/vault-k8s#399); older injectors ignore the annotation.`, plaintext, policy],
  })

  // 3. agent-pre-populate: "false": no init container at all.
  fixes.push({
    what: `drop ${VAULT_INIT} (${VAULT_KEYS.prePopulate}: "false")`,
    applicable: !s.prePopulateOnly,
    why: s.prePopulateOnly ? `with ${VAULT_KEYS.prePopulateOnly}: "true" there would be no agent at all` : 'only the sidecar agent remains; it starts with istio-proxy',
    edits: [{ kind: 'annotation', key: VAULT_KEYS.prePopulate, value: 'false' }],
    caveats: [
      'The application must tolerate the secrets appearing after it starts (the sidecar renders them once it has logged in).',
      ...(s.initFirst ? [`${VAULT_KEYS.initFirst} is set, which usually means another init container reads the secrets: it would find none.`] : []),
      'Without holdApplicationUntilProxyStarts the sidecar agent may race istio-proxy and retry its first login.',
    ],
  })

  // 4. agent-init-first off: only helps with a native istio-proxy, which then starts first.
  if (v.position === 'first') {
    fixes.push({
      what: `let ${VAULT_INIT} run after istio-proxy (remove ${VAULT_KEYS.initFirst})`,
      applicable: !!opts.native,
      why: opts.native ? 'the native istio-proxy then starts before it' : 'without native sidecars the proxy starts after every init container: the order does not help',
      edits: [{ kind: 'annotation', key: VAULT_KEYS.initFirst, value: 'false' }],
      caveats: [`Init containers that need the secrets (the reason for ${VAULT_KEYS.initFirst}) then run before they exist.`],
    })
  }
  return fixes
}

/** Drop-in for webhooks.ts `vault()`: the container the injector adds, as the judge reads it. */
export function vaultWebhookContainer(pod: PodView, opts: VaultOptions = {}): WebhookContainer | undefined {
  const v = vaultInjection(pod, opts)
  if (!v?.initContainer) return undefined
  const usable = v.fixes.filter((f) => f.applicable)
  return {
    webhook: 'the Vault agent injector',
    name: VAULT_INIT,
    position: v.position,
    traffic: v.traffic,
    does: `logs in to Vault at ${v.address.text}`,
    ids: v.ids,
    fix: usable.length ? `Set ${usable.map((f) => f.edits.map((e) => quote(e.key, e.value)).join(' and ')).join(', or ')}.` : 'No Vault annotation helps here; exclude the Vault port or use a native sidecar.',
  }
}
