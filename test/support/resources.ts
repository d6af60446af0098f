// The resource types the test API server serves: what discovery lists and what the store keys on.

export type Subresource = 'status' | 'scale' | 'eviction'

export interface ResourceType {
  group: string
  version: string
  /** `v1` or `apps/v1`. */
  apiVersion: string
  kind: string
  plural: string
  singular: string
  namespaced: boolean
  shortNames: string[]
  categories: string[]
  subresources: Subresource[]
  /** Whether the server keeps `metadata.generation` (bumped on spec changes). */
  generation: boolean
  /** Served from a CustomResourceDefinition: no strategic-merge patch (no Go struct to read patch strategies from). */
  custom?: boolean
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

interface Spec {
  plural: string
  namespaced?: boolean
  short?: string[]
  all?: boolean
  sub?: Subresource[]
  generation?: boolean
  custom?: boolean
}

function define(group: string, version: string, kind: string, s: Spec): ResourceType {
  return {
    group,
    version,
    apiVersion: group ? `${group}/${version}` : version,
    kind,
    plural: s.plural,
    singular: kind.toLowerCase(),
    namespaced: s.namespaced ?? true,
    shortNames: s.short ?? [],
    categories: s.all ? ['all'] : [],
    subresources: s.sub ?? [],
    generation: s.generation ?? false,
    ...(s.custom ? { custom: true } : {}),
  }
}

export const RESOURCES: readonly ResourceType[] = [
  define('', 'v1', 'Namespace', { plural: 'namespaces', namespaced: false, short: ['ns'], sub: ['status'] }),
  define('', 'v1', 'Pod', { plural: 'pods', short: ['po'], all: true, sub: ['status', 'eviction'] }),
  define('', 'v1', 'ConfigMap', { plural: 'configmaps', short: ['cm'] }),
  define('', 'v1', 'Event', { plural: 'events', short: ['ev'] }),
  define('', 'v1', 'Node', { plural: 'nodes', namespaced: false, short: ['no'], sub: ['status'] }),
  define('', 'v1', 'Service', { plural: 'services', short: ['svc'], all: true, sub: ['status'] }),
  define('', 'v1', 'Secret', { plural: 'secrets' }),
  define('', 'v1', 'ResourceQuota', { plural: 'resourcequotas', short: ['quota'], sub: ['status'] }),
  define('', 'v1', 'ServiceAccount', { plural: 'serviceaccounts', short: ['sa'] }),
  define('apps', 'v1', 'Deployment', { plural: 'deployments', short: ['deploy'], all: true, sub: ['status', 'scale'], generation: true }),
  define('apps', 'v1', 'StatefulSet', { plural: 'statefulsets', short: ['sts'], all: true, sub: ['status', 'scale'], generation: true }),
  define('apps', 'v1', 'DaemonSet', { plural: 'daemonsets', short: ['ds'], all: true, sub: ['status'], generation: true }),
  define('apps', 'v1', 'ReplicaSet', { plural: 'replicasets', short: ['rs'], all: true, sub: ['status', 'scale'], generation: true }),
  define('batch', 'v1', 'Job', { plural: 'jobs', all: true, sub: ['status'], generation: true }),
  define('batch', 'v1', 'CronJob', { plural: 'cronjobs', short: ['cj'], all: true, sub: ['status'], generation: true }),
  define('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', {
    plural: 'mutatingwebhookconfigurations',
    namespaced: false,
    generation: true,
  }),
  // Multus's CRD (the preflight reads it, issue #15); a cluster without it answers 404, tested with a fault.
  define('k8s.cni.cncf.io', 'v1', 'NetworkAttachmentDefinition', { plural: 'network-attachment-definitions', short: ['net-attach-def'], generation: true, custom: true }),
  // A pod-template custom resource (Argo Rollouts), served as if its CRD were installed.
  define('argoproj.io', 'v1alpha1', 'Rollout', { plural: 'rollouts', short: ['ro'], all: true, sub: ['status', 'scale'], generation: true, custom: true }),
  // What the live read lists as evidence for unknown init programs (the pod's ServiceAccount and its RBAC).
  define('rbac.authorization.k8s.io', 'v1', 'Role', { plural: 'roles' }),
  define('rbac.authorization.k8s.io', 'v1', 'RoleBinding', { plural: 'rolebindings' }),
  define('rbac.authorization.k8s.io', 'v1', 'ClusterRole', { plural: 'clusterroles', namespaced: false }),
  define('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', { plural: 'clusterrolebindings', namespaced: false }),
  define('policy', 'v1', 'PodDisruptionBudget', { plural: 'poddisruptionbudgets', short: ['pdb'], sub: ['status'], generation: true }),
]

/** Group names in the order `/apis` lists them (core is served at `/api`). */
export function apiGroups(): string[] {
  return [...new Set(RESOURCES.map((r) => r.group).filter((g) => g !== ''))]
}

export function resourcesIn(group: string, version: string): ResourceType[] {
  return RESOURCES.filter((r) => r.group === group && r.version === version)
}

export function findByPlural(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural)
}

export function findByKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.apiVersion === apiVersion && r.kind === kind)
}

/** One entry of an APIResourceList, for the resource itself. */
function resourceEntry(r: ResourceType): object {
  const entry: Record<string, unknown> = {
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: VERBS,
  }
  if (r.shortNames.length > 0) entry.shortNames = r.shortNames
  if (r.categories.length > 0) entry.categories = r.categories
  return entry
}

function subresourceEntry(r: ResourceType, sub: Subresource): object {
  const base = { name: `${r.plural}/${sub}`, singularName: '', namespaced: r.namespaced }
  switch (sub) {
    case 'status':
      return { ...base, kind: r.kind, verbs: ['get', 'patch', 'update'] }
    case 'scale':
      return { ...base, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }
    case 'eviction':
      return { ...base, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] }
  }
}

export function apiResourceList(group: string, version: string): object {
  const resources = resourcesIn(group, version).flatMap((r) => [
    resourceEntry(r),
    ...r.subresources.map((s) => subresourceEntry(r, s)),
  ])
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources }
}

export function apiGroup(name: string): object {
  const versions = [...new Set(RESOURCES.filter((r) => r.group === name).map((r) => r.version))].map((version) => ({
    groupVersion: `${name}/${version}`,
    version,
  }))
  return { name, versions, preferredVersion: versions[0] }
}

export function apiGroupList(): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups().map(apiGroup) }
}
