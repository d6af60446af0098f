import type { KObject, ObjectMeta, PodSpec, PodStatus } from './k8s.js'
import type { Sourced } from './input.js'
import { workloadKind } from './kinds.js'

/** A pod spec as the core sees it: a workload's template, or a Pod itself. */
export interface PodView {
  meta: ObjectMeta
  spec: PodSpec
  /** Present only for Pod objects read with their status. */
  status?: PodStatus
}

export interface Workload {
  kind: string
  namespace: string
  name: string
  source: string
  line?: number
  object: KObject
  pod: PodView
  /** Judged by its shape alone: a kind outside the registry (model/kinds.ts) with a pod template. */
  generic?: true
}

export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Thrown for a workload whose shape is wrong; the reader turns it into a one-line input error. */
export class ShapeError extends Error {}

function dig(obj: unknown, path: string[]): unknown {
  let cur = obj
  for (const key of path) {
    if (!isObject(cur)) return undefined
    cur = cur[key]
  }
  return cur
}

function checkList(spec: Record<string, any>, field: 'containers' | 'initContainers', where: string): void {
  const list = spec[field]
  if (list === undefined || list === null) return
  if (!Array.isArray(list)) throw new ShapeError(`${where}.${field} must be a list, got ${typeName(list)}`)
  list.forEach((c, i) => {
    if (!isObject(c)) throw new ShapeError(`${where}.${field}[${i}] must be an object, got ${typeName(c)}`)
    for (const key of ['command', 'args'] as const) {
      const v = c[key]
      if (v !== undefined && v !== null && (!Array.isArray(v) || v.some((x) => typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean')))
        throw new ShapeError(`${where}.${field}[${i}].${key} must be a list of strings`)
    }
  })
}

export function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`
}

/** A workload's namespace and name as its result names it (namespace `default` when unset). */
export function workloadId(o: KObject): { namespace: string; name: string } {
  const meta = isObject(o.metadata) ? (o.metadata as ObjectMeta) : {}
  return {
    namespace: typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default',
    name: typeof meta.name === 'string' ? meta.name : '',
  }
}

/** The pod annotations of a workload object (its template's, or a Pod's own), without building its pod view. */
export function podAnnotations(o: KObject, template: string[]): unknown {
  const meta = template.length ? dig(o, [...template, 'metadata']) : o.metadata
  return isObject(meta) ? meta.annotations : undefined
}

/** The pod view of a workload object, or a ShapeError saying what is wrong with it. */
export function toWorkload(s: Sourced): Workload {
  const o = s.object
  const k = workloadKind(o)
  if (!k) throw new ShapeError(`${String(o.kind)} is not a workload kind`)
  const kind = k.name
  const { namespace, name } = workloadId(o)
  if (!name) throw new ShapeError(`${kind} has no metadata.name`)
  const meta = isObject(o.metadata) ? (o.metadata as ObjectMeta) : {}
  const path = k.template.length ? k.template : undefined
  const where = path ? path.join('.') : 'spec'
  const holder = path ? dig(o, path) : o
  if (!isObject(holder)) throw new ShapeError(`${kind} ${namespace}/${name} has no ${where}`)
  const spec = holder.spec
  const specWhere = path ? `${where}.spec` : 'spec'
  if (!isObject(spec)) throw new ShapeError(`${kind} ${namespace}/${name}: ${specWhere} ${spec === undefined ? 'is missing' : `must be an object, got ${typeName(spec)}`}`)
  try {
    checkList(spec, 'initContainers', specWhere)
    checkList(spec, 'containers', specWhere)
  } catch (e) {
    throw new ShapeError(`${kind} ${namespace}/${name}: ${(e as Error).message}`)
  }
  const podMeta = path ? (isObject(holder.metadata) ? holder.metadata : {}) : meta
  // Object.assign keeps one hidden class for all the copies (a spread-first literal gets one of its
  // own each time on Node 20); but it sets a manifest's own `__proto__` key as the prototype, where
  // a spread keeps it data.
  const viewMeta = Object.hasOwn(podMeta, '__proto__') ? { ...podMeta, namespace } : Object.assign({}, podMeta, { namespace })
  const pod: PodView = { meta: viewMeta, spec: spec as PodSpec }
  if (!path && isObject(o.status)) pod.status = o.status as PodStatus
  const w: Workload = { kind, namespace, name, source: s.source, object: o, pod }
  if (s.line) w.line = s.line
  if (k.origin === 'generic') w.generic = true
  return w
}
