// The workload registry (issue #14): every kind whose objects carry a pod template, where the
// template sits, how kubectl names it, and what `fix` and `restart` can do for it. The offline
// reader, the live reader, targets, --ignore, fix and restart all read this one table.
import type { KObject } from './k8s.js'

/**
 * How `restart` replaces a kind's pods: a rolling update of the template (kubectl rollout
 * restart), `spec.restartAt` (Argo Rollouts' own restart), evicting the pods one at a time, a Job's
 * next run, deleting a bare pod; `manual` when the plugin has no safe way for that kind.
 */
type RestartVia = 'rollout' | 'restart-at' | 'evict' | 'next-run' | 'delete' | 'manual'

export interface WorkloadKind {
  /** How rows, targets and --ignore spell the kind: the kind, or `Kind.group` where a built-in kind has that name. */
  name: string
  kind: string
  /** API group ('' for core); versions known to serve it, preferred first. */
  group: string
  versions: string[]
  plural: string
  /** kubectl's short names, besides the kind and its plural. */
  short: string[]
  /** Path from the object to its pod template ([] for a Pod: its own metadata and spec). */
  template: string[]
  restart: RestartVia
  /**
   * Why a live `fix` cannot PATCH it, when it cannot. Custom resources take no strategic-merge
   * patch, and a JSON merge patch would replace the whole initContainers list.
   */
  noLivePatch?: string
  /** Listed by a live check when the cluster serves it (Knative's pods come from Deployments it owns: those are listed). */
  live: boolean
  /** A spec field that stands in for the template (an Argo Rollout's workloadRef names a Deployment, judged on its own). */
  templateRef?: string
  /** built-in: Kubernetes' own; custom: a known pod-template CRD; generic: any other object with a pod template's shape. */
  origin: 'built-in' | 'custom' | 'generic'
}

/** Groups whose workload kinds Kubernetes itself serves (extensions: pre-1.16 manifests). */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'extensions', 'batch'])
const BUILT_IN_NAMES = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod', 'Service'])

/** kubectl's `kind.group` for a kind that shares its name with a built-in one of another group. */
function qualified(kind: string, group: string): string {
  return BUILT_IN_NAMES.has(kind) && !BUILT_IN_GROUPS.has(group) ? `${kind}.${group}` : kind
}

const CUSTOM_PATCH = 'a custom resource takes no strategic-merge patch: fix the manifest (fix -f) or the chart or kustomization that renders it'

function entry(kind: string, group: string, versions: string[], plural: string, short: string[], restart: RestartVia, o: Partial<WorkloadKind> = {}): WorkloadKind {
  return { name: kind, kind, group, versions, plural, short, template: ['spec', 'template'], restart, origin: 'built-in', live: true, ...o }
}

function custom(kind: string, group: string, versions: string[], plural: string, short: string[], restart: RestartVia, o: Partial<WorkloadKind> = {}): WorkloadKind {
  return entry(kind, group, versions, plural, short, restart, { origin: 'custom', noLivePatch: CUSTOM_PATCH, ...o })
}

export const KINDS: readonly WorkloadKind[] = [
  entry('Deployment', 'apps', ['v1'], 'deployments', ['deploy'], 'rollout'),
  entry('StatefulSet', 'apps', ['v1'], 'statefulsets', ['sts'], 'rollout'),
  entry('DaemonSet', 'apps', ['v1'], 'daemonsets', ['ds'], 'rollout'),
  entry('ReplicaSet', 'apps', ['v1'], 'replicasets', ['rs'], 'evict'),
  entry('ReplicationController', '', ['v1'], 'replicationcontrollers', ['rc'], 'evict'),
  entry('Job', 'batch', ['v1'], 'jobs', [], 'next-run', { noLivePatch: 'a Job\'s pod template is immutable: fix the CronJob or the manifest, then recreate the Job' }),
  entry('CronJob', 'batch', ['v1'], 'cronjobs', ['cj'], 'next-run', { template: ['spec', 'jobTemplate', 'spec', 'template'] }),
  entry('Pod', '', ['v1'], 'pods', ['po'], 'delete', { template: [], noLivePatch: 'a Pod\'s init containers cannot be changed in place: fix its owner, or the manifest it was created from' }),
  // argoproj/argo-rollouts:pkg/apis/rollouts/v1alpha1/types.go (RolloutSpec.Template, RestartAt)
  custom('Rollout', 'argoproj.io', ['v1alpha1'], 'rollouts', ['ro'], 'restart-at', { templateRef: 'workloadRef' }),
  // openkruise/kruise:apis/apps/v1beta1 (CloneSet, Advanced StatefulSet, Advanced DaemonSet: spec.template)
  custom('CloneSet', 'apps.kruise.io', ['v1beta1', 'v1alpha1'], 'clonesets', ['clone'], 'manual'),
  custom('StatefulSet', 'apps.kruise.io', ['v1beta1', 'v1alpha1'], 'statefulsets', ['asts'], 'manual'),
  custom('DaemonSet', 'apps.kruise.io', ['v1beta1', 'v1alpha1'], 'daemonsets', ['daemon', 'ads'], 'manual'),
  // knative/serving:pkg/apis/serving/v1 (spec.template is a RevisionTemplateSpec: containers under spec.template.spec)
  custom('Service', 'serving.knative.dev', ['v1'], 'services', ['ksvc'], 'manual', { live: false }),
  custom('Configuration', 'serving.knative.dev', ['v1'], 'configurations', ['config', 'cfg'], 'manual', { live: false }),
].map((k) => ({ ...k, name: qualified(k.kind, k.group) }))

const groupOfVersion = (apiVersion: unknown): string | undefined =>
  typeof apiVersion !== 'string' || !apiVersion ? undefined : apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''

const byName = new Map(KINDS.map((k) => [k.name, k]))

/** The registry entry for an apiVersion and kind; a manifest without apiVersion means the built-in kind. */
function knownKind(apiVersion: unknown, kind: unknown): WorkloadKind | undefined {
  if (typeof kind !== 'string') return undefined
  const group = groupOfVersion(apiVersion)
  if (group === undefined || BUILT_IN_GROUPS.has(group)) {
    const k = byName.get(kind)
    return k?.origin === 'built-in' ? k : undefined
  }
  return KINDS.find((k) => k.kind === kind && k.group === group)
}

/** The name rows and owner keys use for an apiVersion and kind (known or not). */
export function kindName(apiVersion: unknown, kind: string): string {
  return knownKind(apiVersion, kind)?.name ?? qualified(kind, groupOfVersion(apiVersion) ?? '')
}

const isRecord = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The workload kind of an object, or undefined when it carries no pod template. Anything outside the
 * registry whose `spec.template.spec.containers` is a list is judged too, as a generic kind.
 */
export function workloadKind(o: KObject): WorkloadKind | undefined {
  const known = knownKind(o.apiVersion, o.kind)
  if (known) return known.templateRef && isRecord(o.spec) && o.spec.template === undefined && o.spec[known.templateRef] !== undefined ? undefined : known
  if (typeof o.kind !== 'string' || !o.kind || (typeof o.apiVersion === 'string' && BUILT_IN_GROUPS.has(groupOfVersion(o.apiVersion)!))) return undefined
  if (!isRecord(o.spec) || !isRecord(o.spec.template) || !isRecord(o.spec.template.spec) || !Array.isArray(o.spec.template.spec.containers)) return undefined
  const group = groupOfVersion(o.apiVersion) ?? ''
  return { name: qualified(o.kind, group), kind: o.kind, group, versions: [], plural: '', short: [], template: ['spec', 'template'], restart: 'manual', noLivePatch: CUSTOM_PATCH, origin: 'generic', live: false }
}

/** Path from the object to its pod template. */
export const templatePath = (o: KObject): string[] => workloadKind(o)?.template ?? []

/** A kind as a user types it (kubectl's names: `deploy`, `deployments`, `rollout`, `statefulset.apps.kruise.io`, `asts`), case-insensitive. */
export function kindByAlias(text: string): WorkloadKind | undefined {
  const t = text.toLowerCase()
  const dot = t.indexOf('.')
  const base = dot < 0 ? t : t.slice(0, dot)
  const group = dot < 0 ? undefined : t.slice(dot + 1)
  // A kind that shares its name with a built-in one (Knative's Service) needs its group or short name, as in kubectl.
  return KINDS.find((k) => (group === undefined ? k.name === k.kind || k.short.includes(base) : k.group === group || (group === 'apps' && k.origin === 'built-in'))
    && [k.kind.toLowerCase(), k.plural, ...k.short].includes(base))
}
