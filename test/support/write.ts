// Mutating requests: create, replace (PUT), patch, delete, pod eviction, status and scale subresources.
import { deepEqual, isObject, jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch.js'
import { findByKind, type ResourceType } from './resources.js'
import type { ResourceRequest } from './request.js'
import { selectorMatches } from './selectors.js'
import { alreadyExists, conflict, fail, failure, invalid, notFound, StatusError, success } from './status.js'
import { clone, timestamp, type KObj, type ObjectStore } from './store.js'

export interface WriteEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED'
  object: KObj
  oldObject?: KObj
}

export interface WriteCall {
  req: ResourceRequest
  query: Record<string, string>
  contentType: string
  body: unknown
  dryRun: boolean
}

export interface WriteResult {
  code: number
  body: unknown
  /** Set when the state changed (or, under dryRun, would have). */
  event?: WriteEvent
}

export function handleWrite(store: ObjectStore, call: WriteCall): WriteResult {
  const { verb, name, subresource } = call.req
  if (verb === 'create' && subresource === 'eviction') return evict(store, call)
  if (verb === 'create' && name === undefined) return create(store, call)
  if (verb === 'update') return update(store, call)
  if (verb === 'patch') return patch(store, call)
  if (verb === 'delete' && subresource === undefined) return remove(store, call)
  return fail(405, 'the server does not allow this method on the requested resource')
}

// --- helpers ---

function requireBody(body: unknown): KObj {
  if (!isObject(body)) fail(400, 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml')
  return body
}

function checkTypeMeta(rt: ResourceType, body: KObj, expectKind = rt.kind, expectVersion = rt.apiVersion): void {
  if ((body.kind && body.kind !== expectKind) || (body.apiVersion && body.apiVersion !== expectVersion)) {
    fail(400, `${body.apiVersion ?? ''}, Kind=${body.kind ?? ''} in the request body cannot be handled as ${expectVersion}, Kind=${expectKind}`)
  }
}

function existing(store: ObjectStore, req: ResourceRequest): KObj {
  const obj = store.lookup(req.rt, req.namespace, req.name as string)
  return obj ?? notFound(req.rt.plural, req.rt.group, req.name as string)
}

function requireNamespace(store: ObjectStore, namespace: string | undefined): void {
  const nsType = findByKind('v1', 'Namespace') as ResourceType
  if (!store.lookup(nsType, undefined, namespace ?? 'default')) notFound('namespaces', '', namespace ?? 'default')
}

function withoutUndefined(obj: KObj): KObj {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined))
}

const SUFFIX_CHARS = 'bcdfghjklmnpqrstvwxz2456789'

function generatedName(prefix: string, seed: number): string {
  let n = seed * 2654435761
  let suffix = ''
  for (let i = 0; i < 5; i++, n = Math.floor(n / SUFFIX_CHARS.length)) suffix += SUFFIX_CHARS[n % SUFFIX_CHARS.length]
  return prefix + suffix
}

// --- create ---

function create(store: ObjectStore, call: WriteCall): WriteResult {
  const { rt, namespace } = call.req
  const body = requireBody(call.body)
  checkTypeMeta(rt, body)
  const meta: KObj = { ...body.metadata }
  if (namespace !== undefined && meta.namespace && meta.namespace !== namespace) {
    fail(400, 'the namespace of the provided object does not match the namespace sent on the request')
  }
  if (rt.namespaced) requireNamespace(store, namespace)
  const name = meta.name || (meta.generateName ? generatedName(meta.generateName, store.resourceVersion) : '')
  if (!name) invalid(rt.kind, rt.group, '', 'metadata.name', 'Required value: name or generateName is required')
  if (store.lookup(rt, namespace, name)) alreadyExists(rt.plural, rt.group, name)
  for (const serverSet of ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'deletionTimestamp']) delete meta[serverSet]
  const obj = store.complete(rt, { ...body, metadata: { ...meta, name, namespace } })
  if (!call.dryRun) store.save(rt, obj)
  return { code: 201, body: obj, event: { type: 'ADDED', object: obj } }
}

// --- update and patch ---

function checkResourceVersion(rt: ResourceType, current: KObj, requested: unknown): void {
  if (requested !== undefined && requested !== '' && requested !== current.metadata.resourceVersion) {
    conflict(rt.plural, rt.group, current.metadata.name)
  }
}

function update(store: ObjectStore, call: WriteCall): WriteResult {
  const current = existing(store, call.req)
  const body = requireBody(call.body)
  const scale = call.req.subresource === 'scale'
  if (scale) checkTypeMeta(call.req.rt, body, 'Scale', 'autoscaling/v1')
  else checkTypeMeta(call.req.rt, body)
  if (body.metadata?.name && body.metadata.name !== call.req.name) {
    fail(400, `the name of the object (${body.metadata.name}) does not match the name on the URL (${call.req.name})`)
  }
  checkResourceVersion(call.req.rt, current, body.metadata?.resourceVersion)
  return commit(store, call, current, scale ? fromScale(current, body) : body)
}

export function applyPatch(contentType: string, target: KObj, patchBody: unknown): unknown {
  try {
    switch (contentType) {
      case 'application/merge-patch+json':
        return mergePatch(target, requireBody(patchBody))
      case 'application/strategic-merge-patch+json':
        return strategicMergePatch(target, requireBody(patchBody))
      case 'application/json-patch+json':
        return jsonPatch(target, patchBody)
      default:
        return fail(415, `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`)
    }
  } catch (e) {
    if (e instanceof PatchError) return fail(422, e.message)
    throw e
  }
}

function patch(store: ObjectStore, call: WriteCall): WriteResult {
  const current = existing(store, call.req)
  const scale = call.req.subresource === 'scale'
  const base = scale ? toScale(current) : clone(current)
  // kubernetes/apiextensions-apiserver: a custom resource takes merge and JSON patches only.
  if (call.req.rt.custom && call.contentType === 'application/strategic-merge-patch+json') {
    fail(415, 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml')
  }
  const patched = applyPatch(call.contentType, base, call.body)
  if (!isObject(patched)) return fail(422, 'the patch did not produce an object')
  checkResourceVersion(call.req.rt, current, (patched.metadata as KObj | undefined)?.resourceVersion)
  return commit(store, call, current, scale ? fromScale(current, patched) : patched)
}

/** Builds the object an update would store, keeping what clients cannot change. */
function nextObject(req: ResourceRequest, current: KObj, candidate: KObj): KObj {
  const { rt, subresource } = req
  if (subresource === 'status') return withoutUndefined({ ...clone(current), status: candidate.status })
  const keepStatus = rt.subresources.includes('status')
  const meta: KObj = candidate.metadata ?? {}
  if ((meta.name ?? current.metadata.name) !== current.metadata.name) {
    invalid(rt.kind, rt.group, current.metadata.name, 'metadata.name', 'Invalid value: field is immutable')
  }
  const metadata = withoutUndefined({
    ...meta,
    name: current.metadata.name,
    namespace: current.metadata.namespace,
    uid: current.metadata.uid,
    creationTimestamp: current.metadata.creationTimestamp,
    resourceVersion: current.metadata.resourceVersion,
    generation: current.metadata.generation,
    deletionTimestamp: current.metadata.deletionTimestamp,
  })
  return withoutUndefined({
    ...candidate,
    apiVersion: rt.apiVersion,
    kind: rt.kind,
    metadata,
    status: keepStatus ? clone(current.status) : candidate.status,
  })
}

function commit(store: ObjectStore, call: WriteCall, current: KObj, candidate: KObj): WriteResult {
  const { rt, subresource } = call.req
  const next = nextObject(call.req, current, candidate)
  validateUpdate(rt, current, next)
  const view = (obj: KObj) => (subresource === 'scale' ? toScale(obj) : obj)
  if (deepEqual(next, current)) return { code: 200, body: view(current) }
  if (rt.generation && !deepEqual(next.spec, current.spec)) next.metadata.generation = (current.metadata.generation ?? 1) + 1
  if (!call.dryRun) store.save(rt, next)
  return { code: 200, body: view(next), event: { type: 'MODIFIED', object: next, oldObject: current } }
}

// --- validation of updates ---

const POD_UPDATABLE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)'

/** A pod spec with the fields an update may change blanked out. */
function podSpecImmutablePart(spec: KObj | undefined): KObj {
  const s = clone(spec ?? {})
  for (const list of [s.containers, s.initContainers]) for (const c of list ?? []) delete c.image
  delete s.activeDeadlineSeconds
  delete s.tolerations
  return s
}

function validateUpdate(rt: ResourceType, current: KObj, next: KObj): void {
  const name = current.metadata.name
  if (rt.kind === 'Pod' && !deepEqual(podSpecImmutablePart(current.spec), podSpecImmutablePart(next.spec))) {
    invalid('Pod', '', name, 'spec', `Forbidden: ${POD_UPDATABLE}`)
  }
  const hasSelector = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(rt.kind)
  if (hasSelector && !deepEqual(current.spec?.selector, next.spec?.selector)) {
    invalid(rt.kind, rt.group, name, 'spec.selector', `Invalid value: ${JSON.stringify(next.spec?.selector)}: field is immutable`)
  }
  if (rt.kind === 'Job' && !deepEqual(current.spec?.template, next.spec?.template)) {
    invalid(rt.kind, rt.group, name, 'spec.template', 'Invalid value: field is immutable')
  }
}

// --- scale subresource ---

function selectorString(selector: KObj | undefined): string {
  return Object.entries(selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
}

export function toScale(obj: KObj): KObj {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: withoutUndefined({ name, namespace, uid, resourceVersion, creationTimestamp }),
    spec: { replicas: obj.spec?.replicas ?? 1 },
    status: { replicas: obj.status?.replicas ?? 0, selector: selectorString(obj.spec?.selector) },
  }
}

function fromScale(current: KObj, scale: KObj): KObj {
  const next = clone(current)
  next.spec = { ...next.spec, replicas: scale.spec?.replicas }
  return next
}

// --- delete and eviction ---

function checkPreconditions(rt: ResourceType, current: KObj, options: KObj): void {
  const pre: KObj = options.preconditions ?? {}
  const meta = current.metadata
  const details = { name: meta.name, group: rt.group || undefined, kind: rt.plural }
  if (pre.uid && pre.uid !== meta.uid) {
    fail(409, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid}`, details)
  }
  if (pre.resourceVersion && pre.resourceVersion !== meta.resourceVersion) {
    fail(409, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`, details)
  }
}

function remove(store: ObjectStore, call: WriteCall): WriteResult {
  const { rt } = call.req
  const current = existing(store, call.req)
  const options = isObject(call.body) ? call.body : {}
  checkPreconditions(rt, current, options)
  if (!call.dryRun) store.remove(rt, current.metadata.namespace, current.metadata.name)
  const event: WriteEvent = { type: 'DELETED', object: current }
  if (rt.kind !== 'Pod') {
    const details = { name: current.metadata.name, group: rt.group || undefined, kind: rt.plural, uid: current.metadata.uid }
    return { code: 200, body: success(200, withoutUndefined(details)), event }
  }
  const grace = options.gracePeriodSeconds ?? current.spec?.terminationGracePeriodSeconds ?? 30
  const metadata = { ...current.metadata, deletionTimestamp: timestamp(), deletionGracePeriodSeconds: grace }
  return { code: 200, body: { ...current, metadata }, event }
}

function budgetsFor(store: ObjectStore, pod: KObj): KObj[] {
  const pdbType = findByKind('policy/v1', 'PodDisruptionBudget') as ResourceType
  const labels = pod.metadata.labels ?? {}
  return store
    .keys(pdbType, pod.metadata.namespace)
    .map((k) => store.at(pdbType, k) as KObj)
    .filter((pdb) => selectorMatches(pdb.spec?.selector, labels))
}

export function disruptionBudgetStatus(budget: KObj | undefined): StatusError {
  const message = budget
    ? `The disruption budget ${budget.metadata.name} needs ${budget.status?.desiredHealthy ?? 0} healthy pods and has ${budget.status?.currentHealthy ?? 0} currently`
    : 'The disruption budget is still being processed by the server.'
  const status = failure(429, "Cannot evict pod as it would violate the pod's disruption budget.", 'TooManyRequests', {
    causes: [{ reason: 'DisruptionBudget', message }],
  })
  return new StatusError(status)
}

/** The PDB an eviction would consume, or a 429/500 when eviction is not allowed. */
function budgetToConsume(store: ObjectStore, pod: KObj): KObj | undefined {
  if (['Succeeded', 'Failed'].includes(pod.status?.phase)) return undefined
  const budgets = budgetsFor(store, pod)
  if (budgets.length > 1) fail(500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.')
  const budget = budgets[0]
  if (budget && (budget.status?.disruptionsAllowed ?? 0) <= 0) throw disruptionBudgetStatus(budget)
  return budget
}

function evict(store: ObjectStore, call: WriteCall): WriteResult {
  const pod = existing(store, call.req)
  const body = requireBody(call.body)
  checkTypeMeta(call.req.rt, body, 'Eviction', body.apiVersion === 'policy/v1beta1' ? 'policy/v1beta1' : 'policy/v1')
  if (body.metadata?.name && body.metadata.name !== pod.metadata.name) fail(400, 'name in URL does not match name in Eviction object')
  checkPreconditions(call.req.rt, pod, body.deleteOptions ?? {})
  const budget = budgetToConsume(store, pod)
  if (!call.dryRun) {
    store.remove(call.req.rt, pod.metadata.namespace, pod.metadata.name)
    if (budget) consume(store, budget)
  }
  return { code: 201, body: success(201), event: { type: 'DELETED', object: pod } }
}

function consume(store: ObjectStore, budget: KObj): void {
  const pdbType = findByKind('policy/v1', 'PodDisruptionBudget') as ResourceType
  const next = clone(budget)
  next.status = { ...next.status, disruptionsAllowed: (next.status?.disruptionsAllowed ?? 1) - 1 }
  store.save(pdbType, next)
}
