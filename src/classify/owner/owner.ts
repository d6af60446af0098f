// Who owns a workload's spec and where a change must be made instead (issue #9). A fix applied to
// an object that Helm renders, that Argo CD or Flux syncs, or that an operator generates is undone
// at the next upgrade, sync or reconcile; the place to change is the release values, the Git
// source, or the custom resource. Pure: reads metadata and ownerReferences of one input snapshot.
//
// Keys and formats, from the tools' own sources:
// - Helm: label `app.kubernetes.io/managed-by: Helm`, annotations `meta.helm.sh/release-name` and
//   `meta.helm.sh/release-namespace`, written at install/upgrade (helm/helm `pkg/action/validate.go`,
//   `setMetadataVisitor`); `helm template` output has only what the chart renders: by convention
//   `app.kubernetes.io/managed-by: {{ .Release.Service }}`, `app.kubernetes.io/instance: {{ .Release.Name }}`,
//   `helm.sh/chart: <name>-<version>` (grafana/helm-charts `charts/grafana/templates/_helpers.tpl`), or the
//   older `heritage`/`release`/`chart` labels (argoproj/argocd-example-apps `helm-guestbook/templates/deployment.yaml`).
// - Argo CD: annotation `argocd.argoproj.io/tracking-id` = `<app>:<group>/<kind>:<namespace>/<name>`
//   (argoproj/argo-cd `common/common.go` AnnotationKeyAppInstance, `util/argo/resource_tracking.go`
//   BuildAppInstanceValue/ParseAppInstanceValue); `<app>` is `<namespace>_<name>` for an Application outside
//   Argo CD's namespace (`pkg/apis/application/v1alpha1/types.go` InstanceName). The instance label
//   defaults to `app.kubernetes.io/instance` (LabelKeyAppInstance), which Helm charts also set, so it only
//   counts beside a tracking id; `argocd.argoproj.io/instance` is the customised key the Argo CD docs
//   recommend (`docs/user-guide/resource_tracking.md`); `applications.argoproj.io/app-name` is the legacy one.
//   A tracking id that names another object is "non self-referencing" and not tracked (same doc).
// - Flux: `<group>/name` and `<group>/namespace` labels, group `kustomize.toolkit.fluxcd.io`
//   (fluxcd/kustomize-controller `internal/controller/kustomization_controller.go`, SetOwnerLabels) or
//   `helm.toolkit.fluxcd.io` (fluxcd/helm-controller `internal/postrender/origin_labels.go`).
// - kustomize: `buildMetadata: [originAnnotations]` writes `config.kubernetes.io/origin` (path, repo, ref,
//   configuredIn, configuredBy), `[transformerAnnotations]` writes `alpha.config.kubernetes.io/transformations`
//   (kubernetes-sigs/kustomize `api/internal/utils/annotations.go`, `api/resource/origin.go`), and
//   `[managedByLabel]` sets `app.kubernetes.io/managed-by: kustomize-<version>` (`api/krusty/kustomizer.go`).
// - ownerReferences: the owner with `controller: true`; Strimzi marks its StrimziPodSet → KafkaNodePool/Kafka
//   references `controller: false` (strimzi/strimzi-kafka-operator ModelUtils.createOwnerReference), so a
//   single non-controller reference is followed too.
import type { KObject, ObjectMeta } from '../../model/k8s.js'
import { annotation, label } from '../../model/meta.js'

interface OwnerLink {
  kind: string
  name: string
  apiVersion?: string
  namespace?: string
  /** Not in the input: named by an ownerReference, or (Deployment of a ReplicaSet) by the pod-template-hash. */
  missing?: true
}

export type Manager = 'helm' | 'argocd' | 'flux-kustomize' | 'flux-helm' | 'kustomize' | 'operator' | 'none'

interface HelmOwner {
  release: string
  namespace: string
  chart?: string
  /** The release name came from `meta.helm.sh/release-name` (an installed release), not from chart labels. */
  installed: boolean
}

interface ArgoOwner {
  /** Application name; `namespace` is set when the tracking id qualifies it (`<ns>_<name>`). */
  application: string
  namespace?: string
  trackedBy: 'annotation' | 'label'
}

interface FluxOwner {
  kind: 'Kustomization' | 'HelmRelease'
  name: string
  namespace: string
}

interface KustomizeOrigin {
  path?: string
  repo?: string
  ref?: string
  configuredIn?: string
  /** Kind of the generator that made it (e.g. HelmChartInflationGenerator). */
  configuredBy?: string
}

export interface Ownership {
  manager: Manager
  /** The object first, then each owner up to the top; an owner not in the input ends the chain (marked `missing`). */
  chain: OwnerLink[]
  /** Where the change must be made instead, in words a platform engineer acts on. */
  changeAt: string
  /** The labels, annotations and ownerReferences that say so. */
  evidence: string[]
  /** Applying to the cluster would be undone (or lost) by the next upgrade, sync or reconcile. */
  reverted: boolean
  /** What undoes a cluster-only change, when `reverted`. */
  undoneBy?: string
  helm?: HelmOwner
  argocd?: ArgoOwner
  flux?: FluxOwner
  kustomize?: KustomizeOrigin
  /** The custom resource the operator renders the object from (manager `operator`). */
  resource?: OwnerLink
  /** How the place to change is itself managed: the custom resource's or the HelmRelease's own owner, when it is in the input. */
  upstream?: Ownership
}

/** Look-ups into the input snapshot. */
type ByUid = (uid: string) => KObject | undefined
type ByRef = (kind: string, namespace: string | undefined, name: string) => KObject | undefined

const KEYS = {
  managedBy: 'app.kubernetes.io/managed-by',
  instance: 'app.kubernetes.io/instance',
  helmChart: 'helm.sh/chart',
  helmRelease: 'meta.helm.sh/release-name',
  helmReleaseNamespace: 'meta.helm.sh/release-namespace',
  argoTracking: 'argocd.argoproj.io/tracking-id',
  argoInstance: 'argocd.argoproj.io/instance',
  argoLegacy: 'applications.argoproj.io/app-name',
  argoInstallation: 'argocd.argoproj.io/installation-id',
  fluxKsName: 'kustomize.toolkit.fluxcd.io/name',
  fluxKsNamespace: 'kustomize.toolkit.fluxcd.io/namespace',
  fluxHrName: 'helm.toolkit.fluxcd.io/name',
  fluxHrNamespace: 'helm.toolkit.fluxcd.io/namespace',
  kustomizeOrigin: 'config.kubernetes.io/origin',
  kustomizeTransformations: 'alpha.config.kubernetes.io/transformations',
  kyamlInternal: 'internal.config.kubernetes.io/',
} as const

/** API groups whose controllers are Kubernetes' own: anything else owning a pod is an operator. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'extensions'])
const BUILT_IN_KINDS = new Set(['Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'])

const meta = (o: KObject): ObjectMeta => (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {})
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined)

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``), or undefined when unknown. */
function groupOf(apiVersion: string | undefined): string | undefined {
  if (!apiVersion) return undefined
  const slash = apiVersion.indexOf('/')
  return slash < 0 ? '' : apiVersion.slice(0, slash)
}

/** A link whose kind a Kubernetes controller (not an operator) reconciles. */
function isBuiltIn(link: OwnerLink): boolean {
  const group = groupOf(link.apiVersion)
  return group === undefined ? BUILT_IN_KINDS.has(link.kind) : BUILT_IN_GROUPS.has(group)
}

export const describeLink = (l: OwnerLink) => `${l.kind} ${l.namespace ? `${l.namespace}/` : ''}${l.name}`

function linkOf(o: KObject, namespace: string | undefined): OwnerLink {
  const m = meta(o)
  const ns = str(m.namespace) ?? namespace
  return { kind: str(o.kind) ?? '?', name: str(m.name) ?? '?', ...(str(o.apiVersion) ? { apiVersion: o.apiVersion as string } : {}), ...(ns ? { namespace: ns } : {}) }
}

interface RawRef { apiVersion?: unknown; kind?: unknown; name?: unknown; uid?: unknown; controller?: unknown }
/** A reference that names its owner: a kind and a name. */
type OwnerRef = RawRef & { kind: string; name: string }

/**
 * The one owner rule: the reference with `controller: true`, as Kubernetes marks the object's
 * managing controller (at most one; kubernetes/apimachinery:pkg/apis/meta/v1/controller_ref.go
 * GetControllerOf, which the garbage collector and kubectl follow); a lone non-controller
 * reference counts too (Strimzi writes `controller: false`). Several references with no
 * controller among them name no owner: no single one is in charge.
 */
function ownerRef(o: KObject): OwnerRef | undefined {
  const refs = (meta(o).ownerReferences ?? []) as unknown
  if (!Array.isArray(refs)) return undefined
  const valid = refs.filter((r): r is OwnerRef => typeof r === 'object' && r !== null && !!str((r as RawRef).kind) && !!str((r as RawRef).name))
  return valid.find((r) => r.controller === true) ?? (valid.length === 1 ? valid[0] : undefined)
}

/** One hop up an owner chain: the reference followed, the namespace it is looked up in, the owner found. */
interface OwnerStep {
  ref: OwnerRef
  namespace: string
  /** Undefined on the last step when `find` does not know the owner, or it is not the object named, or it closes a cycle. */
  owner?: KObject
}

/** Real chains are Pod → ReplicaSet → Deployment → a custom resource or two; more is a loop `find` cannot see. */
const MAX_HOPS = 16

/**
 * The one owner-chain walker (ownership here, live rows in group.ts): follows `ownerRef` from the
 * object up through `find`, which looks an owner up in the namespace of the object below it (an
 * owner without one, as in files, stays in that namespace; none at all: `default`).
 */
export function ownerChain(object: KObject, find: (ref: OwnerRef, namespace: string) => KObject | undefined): OwnerStep[] {
  const steps: OwnerStep[] = []
  const seen = new Set<KObject>([object])
  let cur = object
  let namespace = str(meta(object).namespace) ?? 'default'
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const ref = ownerRef(cur)
    if (!ref) break
    const found = find(ref, namespace)
    if (!found || found.kind !== ref.kind || meta(found).name !== ref.name || seen.has(found)) {
      steps.push({ ref, namespace })
      break
    }
    steps.push({ ref, namespace, owner: found })
    seen.add(found)
    namespace = str(meta(found).namespace) ?? namespace
    cur = found
  }
  return steps
}

/** `objects[i]` is the input object of `links[i]`, undefined for a link not in the input. */
interface Chain { links: OwnerLink[]; objects: (KObject | undefined)[]; evidence: string[] }

/** The ownership chain from the object up, with the references that say so; an owner not in the input ends it. */
function walk(object: KObject, byUid: ByUid, byRef: ByRef): Chain {
  const first = linkOf(object, 'default')
  const chain: Chain = { links: [first], objects: [object], evidence: [] }
  const find = (ref: OwnerRef, ns: string) => (str(ref.uid) ? byUid(ref.uid as string) : undefined) ?? byRef(ref.kind, ns, ref.name) ?? byRef(ref.kind, undefined, ref.name)
  for (const { ref, namespace, owner } of ownerChain(object, find)) {
    const from = describeLink(chain.links[chain.links.length - 1]!)
    const apiVersion = str(ref.apiVersion)
    chain.evidence.push(`ownerReferences of ${from}: ${apiVersion ? `${apiVersion} ` : ''}${ref.kind} ${ref.name}${ref.controller === true ? ' (controller)' : ''}`)
    chain.links.push(owner ? linkOf(owner, namespace) : { kind: ref.kind, name: ref.name, ...(apiVersion ? { apiVersion } : {}), namespace, missing: true })
    chain.objects.push(owner)
  }
  inferDeployment(chain, byUid, byRef)
  return chain
}

/**
 * A ReplicaSet that is not in the input but whose name is `<deployment>-<pod-template-hash>` belongs to
 * that Deployment (the Deployment controller names it so); continue from the Deployment if it is in the input.
 */
function inferDeployment(chain: Chain, byUid: ByUid, byRef: ByRef): void {
  const last = chain.links[chain.links.length - 1]!
  if (!last.missing || last.kind !== 'ReplicaSet') return
  const child = chain.objects[chain.objects.length - 2]
  const hash = child ? label(meta(child), 'pod-template-hash') : undefined
  if (!hash || !last.name.endsWith(`-${hash}`)) return
  const name = last.name.slice(0, -hash.length - 1)
  const found = byRef('Deployment', last.namespace, name)
  chain.evidence.push(`label pod-template-hash=${hash}: ReplicaSet ${last.name} belongs to Deployment ${name}`)
  if (!found) {
    chain.links.push({ kind: 'Deployment', apiVersion: 'apps/v1', name, ...(last.namespace ? { namespace: last.namespace } : {}), missing: true })
    chain.objects.push(undefined)
    return
  }
  chain.links.push(linkOf(found, last.namespace))
  chain.objects.push(found)
  const rest = walk(found, byUid, byRef)
  chain.links.push(...rest.links.slice(1))
  chain.objects.push(...rest.objects.slice(1))
  chain.evidence.push(...rest.evidence)
}

/** Parses the few `key: value` lines of an origin annotation (a YAML mapping kustomize writes). */
function parseOrigin(text: string): KustomizeOrigin {
  const out: KustomizeOrigin = {}
  let inBy = false
  for (const line of text.split('\n')) {
    const m = /^(\s*)([A-Za-z]+):\s*(.*)$/.exec(line)
    if (!m) continue
    const [, indent, key, raw] = m
    const value = raw!.replace(/^["']|["']$/g, '')
    if (!indent) inBy = key === 'configuredBy'
    if (indent && inBy && key === 'kind') out.configuredBy = value
    else if (!indent && (key === 'path' || key === 'repo' || key === 'ref' || key === 'configuredIn') && value) out[key] = value
  }
  return out
}

interface Signals {
  object: KObject
  evidence: string[]
  argocd?: ArgoOwner
  fluxHelm?: FluxOwner
  fluxKustomize?: FluxOwner
  helm?: HelmOwner
  kustomize?: KustomizeOrigin
}

/** Every management signal in one object's metadata. */
function signals(o: KObject, fallbackNs: string | undefined): Signals {
  const m = meta(o)
  const ns = str(m.namespace) ?? fallbackNs ?? 'default'
  const what = describeLink(linkOf(o, fallbackNs))
  const s: Signals = { object: o, evidence: [] }
  const l = (k: string) => label(m, k)
  const a = (k: string) => annotation(m, k)
  const say = (where: 'label' | 'annotation', k: string, v: string) => s.evidence.push(`${where} ${k}=${v.includes('\n') ? JSON.stringify(v) : v} (${what})`)

  // Argo CD (ref: argoproj/argo-cd common/common.go, util/argo/resource_tracking.go)
  const tracking = a(KEYS.argoTracking)
  if (tracking) {
    const t = /^([^:]+):([^/:]*)\/([^:]+):([^/]*)\/(.+)$/.exec(tracking)
    if (!t) s.evidence.push(`annotation ${KEYS.argoTracking}=${tracking} (${what}) is not <app>:<group>/<kind>:<namespace>/<name>: ignored`)
    else {
      const [, app, group, kind, tns, tname] = t
      const selfRef = kind === o.kind && tname === m.name && (group ?? '') === (groupOf(str(o.apiVersion)) ?? group) && (!tns || tns === ns)
      if (!selfRef) s.evidence.push(`annotation ${KEYS.argoTracking}=${tracking} (${what}) names another object: Argo CD does not track this one (copied metadata)`)
      else {
        say('annotation', KEYS.argoTracking, tracking)
        const [appNs, appName] = app!.includes('_') ? [app!.slice(0, app!.indexOf('_')), app!.slice(app!.indexOf('_') + 1)] : [undefined, app!]
        s.argocd = { application: appName, ...(appNs ? { namespace: appNs } : {}), trackedBy: 'annotation' }
        const inst = l(KEYS.instance)
        if (inst) say('label', KEYS.instance, inst)
      }
    }
  }
  for (const key of [KEYS.argoInstance, KEYS.argoLegacy]) {
    const v = l(key)
    if (!v) continue
    say('label', key, v)
    s.argocd ??= { application: v, trackedBy: 'label' }
  }
  const installation = a(KEYS.argoInstallation)
  if (s.argocd && installation) say('annotation', KEYS.argoInstallation, installation)

  // Flux (ref: fluxcd/kustomize-controller SetOwnerLabels, fluxcd/helm-controller internal/postrender/origin_labels.go)
  for (const [kind, nameKey, nsKey] of [['HelmRelease', KEYS.fluxHrName, KEYS.fluxHrNamespace], ['Kustomization', KEYS.fluxKsName, KEYS.fluxKsNamespace]] as const) {
    const name = l(nameKey)
    if (!name) continue
    const fns = l(nsKey)
    say('label', nameKey, name)
    if (fns) say('label', nsKey, fns)
    const owner: FluxOwner = { kind, name, namespace: fns ?? ns }
    if (kind === 'HelmRelease') s.fluxHelm = owner
    else s.fluxKustomize = owner
  }

  // Helm (ref: helm/helm pkg/action/validate.go; chart label conventions)
  const managedBy = l(KEYS.managedBy)
  const heritage = l('heritage')
  const release = a(KEYS.helmRelease)
  const chart = l(KEYS.helmChart) ?? l('chart')
  const helmManaged = managedBy === 'Helm' || heritage === 'Helm' || heritage === 'Tiller' || !!release || !!l(KEYS.helmChart)
  if (helmManaged) {
    if (managedBy === 'Helm') say('label', KEYS.managedBy, managedBy)
    if (heritage === 'Helm' || heritage === 'Tiller') say('label', 'heritage', heritage)
    if (release) say('annotation', KEYS.helmRelease, release)
    const rns = a(KEYS.helmReleaseNamespace)
    if (rns) say('annotation', KEYS.helmReleaseNamespace, rns)
    if (chart) say('label', l(KEYS.helmChart) ? KEYS.helmChart : 'chart', chart)
    const name = release ?? l(KEYS.instance) ?? l('release')
    if (!release && name) say('label', l(KEYS.instance) ? KEYS.instance : 'release', name)
    if (name) s.helm = { release: name, namespace: rns ?? ns, ...(chart ? { chart } : {}), installed: !!release }
  }

  // kustomize (ref: kubernetes-sigs/kustomize api/internal/utils/annotations.go, api/krusty/kustomizer.go)
  const origin = a(KEYS.kustomizeOrigin)
  const transformations = a(KEYS.kustomizeTransformations)
  const internal = Object.keys(m.annotations ?? {}).filter((k) => k.startsWith(KEYS.kyamlInternal))
  const kustomizeLabel = managedBy?.startsWith('kustomize') ? managedBy : undefined
  if (origin || transformations || internal.length || kustomizeLabel) {
    if (kustomizeLabel) say('label', KEYS.managedBy, kustomizeLabel)
    if (origin) say('annotation', KEYS.kustomizeOrigin, origin.trim())
    if (transformations) s.evidence.push(`annotation ${KEYS.kustomizeTransformations} (${what})`)
    for (const k of internal) say('annotation', k, annotation(m, k) ?? '')
    s.kustomize = origin ? parseOrigin(origin) : {}
    const path = annotation(m, `${KEYS.kyamlInternal}path`)
    if (!s.kustomize.path && path) s.kustomize.path = path
  }
  return s
}

const detected = (s: Signals) => !!(s.argocd || s.fluxHelm || s.fluxKustomize || s.helm || s.kustomize)

/** Known operators: where their custom resource takes pod annotations and an init container's securityContext. */
interface OperatorFields {
  operator: string
  annotations?: string
  /** Field for the securityContext of the init container(s) it renders; null: the resource has none. */
  initSecurityContext?: string | null
  note?: string
  /** The resource is itself generated from another one. */
  generatedFrom?: string
}

const OPERATORS: Record<string, OperatorFields> = {
  // cloudnative-pg/cloudnative-pg pkg/specs/pods.go: pods are owned by the Cluster; bootstrap-controller only copies the manager binary.
  'postgresql.cnpg.io/Cluster': { operator: 'CloudNativePG', annotations: 'spec.inheritedMetadata.annotations', initSecurityContext: null, note: 'the Cluster has no field for an init container\'s securityContext (its own bootstrap-controller only copies the instance manager, no network)' },
  // strimzi/strimzi-kafka-operator KafkaCluster.createInitContainer: kafka-init (rack awareness, node ports) takes template.initContainer.
  'kafka.strimzi.io/Kafka': { operator: 'Strimzi', annotations: 'spec.kafka.template.pod.metadata.annotations', initSecurityContext: 'spec.kafka.template.initContainer.securityContext' },
  'kafka.strimzi.io/KafkaNodePool': { operator: 'Strimzi', annotations: 'spec.template.pod.metadata.annotations', initSecurityContext: 'spec.template.initContainer.securityContext' },
  'kafka.strimzi.io/KafkaConnect': { operator: 'Strimzi', annotations: 'spec.template.pod.metadata.annotations', initSecurityContext: 'spec.template.initContainer.securityContext' },
  'core.strimzi.io/StrimziPodSet': { operator: 'Strimzi', generatedFrom: 'the Kafka, KafkaNodePool, KafkaConnect or KafkaMirrorMaker2 resource named in its ownerReferences' },
  // KServe ComponentExtensionSpec.annotations; the storage initializer comes from a ClusterStorageContainer (KServe ≥ 0.11).
  'serving.kserve.io/InferenceService': { operator: 'KServe', annotations: 'spec.predictor.annotations', initSecurityContext: null, note: 'the storage-initializer is added by KServe\'s pod webhook, not from the InferenceService: its container spec is the cluster-wide ClusterStorageContainer (KServe ≥ 0.11)' },
  'argoproj.io/Rollout': { operator: 'Argo Rollouts', annotations: 'spec.template.metadata.annotations', initSecurityContext: 'spec.template.spec.initContainers[name=<container>].securityContext' },
  'serving.knative.dev/Service': { operator: 'Knative Serving', annotations: 'spec.template.metadata.annotations', initSecurityContext: 'spec.template.spec.initContainers[name=<container>].securityContext' },
  'serving.knative.dev/Revision': { operator: 'Knative Serving', generatedFrom: 'the Knative Configuration and Service that own it' },
  'serving.knative.dev/Configuration': { operator: 'Knative Serving', generatedFrom: 'the Knative Service that owns it' },
}

export const operatorFields = (l: OwnerLink): OperatorFields | undefined => OPERATORS[`${groupOf(l.apiVersion) ?? ''}/${l.kind}`]

/** The owner in a few words: `Helm release shop/orders (chart orders-1.4.2)`, `Argo CD Application shop`, … */
export function ownerTitle(o: Ownership): string {
  switch (o.manager) {
    case 'argocd': return `Argo CD Application ${o.argocd!.namespace ? `${o.argocd!.namespace}/` : ''}${o.argocd!.application}`
    case 'flux-helm': case 'flux-kustomize': return `Flux ${o.flux!.kind} ${o.flux!.namespace}/${o.flux!.name}`
    case 'helm': return helmText(o.helm!)
    case 'kustomize': return `kustomize${kustomizeText(o.kustomize)}`
    case 'operator': return `${o.resource!.kind} ${o.resource!.namespace ? `${o.resource!.namespace}/` : ''}${o.resource!.name}${operatorFields(o.resource!) ? ` (${operatorFields(o.resource!)!.operator})` : ''}`
    default: return describeLink(o.chain[o.chain.length - 1]!)
  }
}

function helmText(h: HelmOwner): string {
  return `Helm release ${h.namespace}/${h.release}${h.chart ? ` (chart ${h.chart})` : ''}`
}

function kustomizeText(k: KustomizeOrigin | undefined): string {
  if (!k) return ''
  const at = k.path ?? k.configuredIn
  if (!at) return ''
  return ` ${k.path ? 'from' : 'generated in'} ${at}${k.repo ? ` of ${k.repo}${k.ref ? `@${k.ref}` : ''}` : ''}${k.configuredBy ? ` by ${k.configuredBy}` : ''}`
}

function templateField(kind: string): string {
  return kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : kind === 'Pod' ? 'spec' : 'spec.template'
}

/**
 * Who owns the object's spec. Precedence: an ownerReferences chain that reaches a custom resource (its
 * operator re-renders everything below it, GitOps labels copied down included) → Argo CD → Flux
 * HelmRelease → Flux Kustomization → Helm → kustomize → none. GitOps and Helm metadata is read from the
 * top of the chain down (the Deployment before its Pods).
 */
export function ownership(object: KObject, byUid: ByUid, byRef: ByRef): Ownership {
  const chain = walk(object, byUid, byRef)
  const links = chain.links
  const evidence = [...chain.evidence]

  // Operator: the highest link that is a custom resource.
  let crIndex = -1
  for (let i = links.length - 1; i > 0 && crIndex < 0; i--) if (!isBuiltIn(links[i]!)) crIndex = i
  if (crIndex > 0) {
    const resource = links[crIndex]!
    const cr = chain.objects[crIndex]
    const upstream = cr ? managedBy(cr, byUid, byRef) : undefined
    const f = operatorFields(resource)
    return {
      manager: 'operator', chain: links, evidence, reverted: true, resource,
      undoneBy: `${f ? f.operator : 'the operator'} overwrites a change to the ${object.kind} at its next reconcile`,
      changeAt: operatorChangeAt(object, resource, upstream),
      ...(upstream ? { upstream } : {}),
    }
  }

  // GitOps / Helm / kustomize: first object from the top that carries any of their metadata.
  const all = chain.objects.flatMap((o, i) => (o ? [signals(o, links[i]!.namespace)] : [])).reverse()
  const s = all.find(detected)
  const others = all.filter((x) => x !== s).flatMap((x) => x.evidence)
  if (!s) {
    evidence.push(...others)
    return { manager: 'none', chain: links, evidence, reverted: false, changeAt: noneChangeAt(object, links) }
  }
  evidence.push(...s.evidence)
  return fromSignals(s, links, evidence, byUid, byRef)
}

/** The GitOps/Helm/kustomize manager of one object (used for the custom resource or HelmRelease above a workload). */
function managedBy(o: KObject, byUid: ByUid, byRef: ByRef): Ownership | undefined {
  const s = signals(o, undefined)
  return detected(s) ? fromSignals(s, [linkOf(o, undefined)], [...s.evidence], byUid, byRef) : undefined
}

function fromSignals(s: Signals, chain: OwnerLink[], evidence: string[], byUid: ByUid, byRef: ByRef): Ownership {
  const obj = chain[chain.length - 1]!
  const base = { chain, evidence, ...(s.helm ? { helm: s.helm } : {}), ...(s.kustomize ? { kustomize: s.kustomize } : {}) }
  if (s.argocd) {
    const a = s.argocd
    const app = `Argo CD Application ${a.namespace ? `${a.namespace}/` : ''}${a.application}`
    const source = s.helm
      ? ` (Helm chart ${s.helm.chart ?? s.helm.release}): change the values in its spec.source.helm (valuesObject, values or valueFiles)`
      : s.kustomize ? `: change its source in Git, the manifest${kustomizeText(s.kustomize)}` : `: change its source in Git (the manifest of ${describeLink(obj)})`
    const undoneBy = 'a cluster-only change is reverted by the next sync (at once with automated self-heal)'
    return { ...base, manager: 'argocd', argocd: a, reverted: true, undoneBy, changeAt: `${app}${source}; ${undoneBy}` }
  }
  if (s.fluxHelm) {
    const f = s.fluxHelm
    const hr = byRef('HelmRelease', f.namespace, f.name)
    const upstream = hr ? managedBy(hr, byUid, byRef) : undefined
    const via = upstream ? `; the HelmRelease itself comes from ${ownerTitle(upstream)}: commit the change there` : ''
    const undoneBy = 'the next upgrade undoes a cluster-only change (at once with spec.driftDetection.mode: enabled)'
    return {
      ...base, manager: 'flux-helm', flux: f, reverted: true, undoneBy, ...(upstream ? { upstream } : {}),
      changeAt: `Flux HelmRelease ${f.namespace}/${f.name}${s.helm ? `, ${helmText(s.helm)}` : ''}: spec.values (pod annotations usually under podAnnotations), or spec.postRenderers[].kustomize.patches for what the chart has no value for; ${undoneBy}${via}`,
    }
  }
  if (s.fluxKustomize) {
    const f = s.fluxKustomize
    const rendered = s.helm ? ` (manifests rendered from chart ${s.helm.chart ?? s.helm.release})` : ''
    const undoneBy = 'kustomize-controller re-applies Git at every reconcile'
    return {
      ...base, manager: 'flux-kustomize', flux: f, reverted: true, undoneBy,
      changeAt: `Flux Kustomization ${f.namespace}/${f.name}: commit the change to the manifests at its source path${kustomizeText(s.kustomize)}${rendered}, or add a patch to its spec.patches; ${undoneBy}`,
    }
  }
  if (s.helm) {
    const undoneBy = 'a cluster-only change is lost at the next upgrade or rollback'
    return {
      ...base, manager: 'helm', reverted: true, undoneBy,
      changeAt: `${helmText(s.helm)}: change the release values (pod annotations usually under podAnnotations; an init container's securityContext under a chart-specific key) and run helm upgrade; ${undoneBy}`,
    }
  }
  return {
    ...base, manager: 'kustomize', reverted: false,
    changeAt: `the kustomization that builds ${describeLink(obj)}${kustomizeText(s.kustomize)}: add the change (a patch under patches:) there and re-apply`,
  }
}

function operatorChangeAt(object: KObject, r: OwnerLink, upstream: Ownership | undefined): string {
  const f = operatorFields(r)
  const what = `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} (${r.apiVersion ?? 'custom resource'}${r.missing ? '; not in the input' : ''})`
  const by = f ? `${f.operator} ` : 'its operator '
  let text: string
  if (f?.generatedFrom) text = `${what}, which ${by}generates from ${f.generatedFrom}: change that resource`
  else if (f) {
    const fields = [f.annotations ? `pod annotations in ${f.annotations}` : undefined, f.initSecurityContext ? `an init container's securityContext in ${f.initSecurityContext}` : undefined].filter(Boolean).join(', ')
    text = `${what}: ${fields}${f.initSecurityContext === null && f.note ? `; ${f.note}` : ''}`
  } else text = `${what}: the custom resource ${by}renders this ${object.kind} from; set the pod annotations or init container settings in its spec (see its CRD)`
  text += `; ${by}overwrites a change to the ${object.kind} at its next reconcile`
  if (upstream) text += `; the ${r.kind} itself comes from ${ownerTitle(upstream)}: change it there`
  return text
}

function noneChangeAt(object: KObject, links: OwnerLink[]): string {
  const top = links[links.length - 1]!
  if (links.length > 1) {
    const known = top.missing ? ` (not in the input)` : ''
    return `${describeLink(top)}${known}, which creates this ${object.kind}: change its ${templateField(top.kind)}; no Helm, GitOps, kustomize or operator metadata was found`
  }
  if (top.kind === 'Pod') return `this Pod itself: no Helm, GitOps, kustomize or operator metadata was found, but a Pod's init containers cannot be changed in place: change the manifest it was created from and recreate it`
  return `this ${object.kind} itself (${templateField(top.kind)}): no Helm, GitOps, kustomize or operator metadata was found, so the change can be applied directly`
}

/** An index over the input for `ownership`: by uid, and by kind/namespace/name (cluster-scoped under ``). */
export interface ObjectIndex { byUid: ByUid; byRef: ByRef }

export function indexObjects(objects: Iterable<KObject>): ObjectIndex {
  const uids = new Map<string, KObject>()
  const refs = new Map<string, KObject>()
  for (const o of objects) {
    const m = meta(o)
    const kind = str(o.kind)
    const name = str(m.name)
    if (str(m.uid)) uids.set(m.uid as string, o)
    if (kind && name) refs.set(`${kind}/${str(m.namespace) ?? ''}/${name}`, o)
  }
  return {
    byUid: (uid) => uids.get(uid),
    // An object without metadata.namespace in a manifest lands in `default` (or the -n namespace) when applied.
    byRef: (kind, namespace, name) => refs.get(`${kind}/${namespace ?? ''}/${name}`) ?? (namespace === 'default' || namespace === undefined ? refs.get(`${kind}//${name}`) : undefined),
  }
}

/** Convenience: ownership against an index. */
export const ownershipIn = (index: ObjectIndex, object: KObject) => ownership(object, index.byUid, index.byRef)
