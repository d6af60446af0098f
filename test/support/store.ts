// The test API server's state: objects per resource type, kept in etcd key order, with a
// cluster-wide resourceVersion counter.
import { createHash } from 'node:crypto'
import { findByKind, type ResourceType } from './resources.js'

export type KObj = Record<string, any>

export interface ObjectRef {
  apiVersion: string
  kind: string
  namespace?: string
  name: string
}

/** Deep copy of JSON data (faster than structuredClone for API objects). */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

export function typeOf(obj: KObj): ResourceType {
  const rt = findByKind(String(obj.apiVersion), String(obj.kind))
  if (!rt) throw new Error(`test API server does not serve ${obj.apiVersion} ${obj.kind} (${obj.metadata?.name ?? '?'})`)
  return rt
}

/** etcd-style key inside one resource type: `namespace/name`, or `name` when cluster-scoped. */
export function keyFor(rt: ResourceType, namespace: string | undefined, name: string): string {
  return rt.namespaced ? `${namespace ?? 'default'}/${name}` : name
}

function uidFor(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z')
}

/** What the API server adds to every namespace. */
function completeNamespace(ns: KObj): void {
  ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name }
  ns.spec ??= { finalizers: ['kubernetes'] }
  ns.status ??= { phase: 'Active' }
}

/** Byte-order compare, as etcd sorts keys. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** First index in sorted `keys` whose key is >= `key`. */
export function lowerBound(keys: string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (keys[mid] < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

export class ObjectStore {
  private readonly tables = new Map<ResourceType, Map<string, KObj>>()
  private readonly sortedKeys = new Map<ResourceType, string[]>()
  private revision = 1000

  constructor(objects: object[] = []) {
    for (const obj of objects) {
      const rt = typeOf(obj as KObj)
      this.save(rt, this.complete(rt, obj as KObj))
    }
    this.resolveOwnerUids()
  }

  /** The latest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.revision
  }

  nextResourceVersion(): string {
    return String(++this.revision)
  }

  // --- by resource type (used by the server) ---

  lookup(rt: ResourceType, namespace: string | undefined, name: string): KObj | undefined {
    return this.table(rt).get(keyFor(rt, namespace, name))
  }

  /** Keys in etcd order, optionally only those of one namespace. */
  keys(rt: ResourceType, namespace?: string): string[] {
    let keys = this.sortedKeys.get(rt)
    if (!keys) {
      keys = [...this.table(rt).keys()].sort(compare)
      this.sortedKeys.set(rt, keys)
    }
    if (!rt.namespaced || namespace === undefined) return keys
    return keys.slice(lowerBound(keys, `${namespace}/`), lowerBound(keys, `${namespace}0`))
  }

  at(rt: ResourceType, key: string): KObj | undefined {
    return this.table(rt).get(key)
  }

  /** Stores `obj` (already complete) under its key, bumping its resourceVersion. */
  save(rt: ResourceType, obj: KObj): KObj {
    obj.metadata.resourceVersion = this.nextResourceVersion()
    const table = this.table(rt)
    const key = keyFor(rt, obj.metadata.namespace, obj.metadata.name)
    if (!table.has(key)) this.sortedKeys.delete(rt)
    table.set(key, obj)
    return obj
  }

  remove(rt: ResourceType, namespace: string | undefined, name: string): KObj | undefined {
    const key = keyFor(rt, namespace, name)
    const obj = this.table(rt).get(key)
    if (obj) {
      this.table(rt).delete(key)
      this.sortedKeys.delete(rt)
      this.nextResourceVersion()
    }
    return obj
  }

  /**
   * Fills what the server sets on create: namespace, uid, creationTimestamp, generation. When the
   * object already exists, its uid and creationTimestamp are kept.
   */
  complete(rt: ResourceType, input: KObj): KObj {
    const obj = clone(input)
    obj.apiVersion = rt.apiVersion
    obj.kind = rt.kind
    const meta = (obj.metadata ??= {})
    if (!meta.name) throw new Error(`${rt.kind} without metadata.name`)
    if (rt.namespaced) meta.namespace ??= 'default'
    else delete meta.namespace
    const existing = this.lookup(rt, meta.namespace, meta.name)?.metadata
    meta.uid ??= existing?.uid ?? uidFor(`${rt.apiVersion}/${rt.kind}/${meta.namespace ?? ''}/${meta.name}/${this.revision}`)
    meta.creationTimestamp ??= existing?.creationTimestamp ?? timestamp()
    if (rt.generation) meta.generation ??= existing?.generation ?? 1
    if (rt.kind === 'Namespace') completeNamespace(obj)
    return obj
  }

  // --- by object reference (for tests and controller hooks); these return copies ---

  get(ref: ObjectRef): KObj | undefined {
    const obj = this.lookup(typeOf(ref), ref.namespace, ref.name)
    return obj && clone(obj)
  }

  list(apiVersion: string, kind: string, namespace?: string): KObj[] {
    const rt = typeOf({ apiVersion, kind })
    return this.keys(rt, namespace).map((k) => clone(this.at(rt, k) as KObj))
  }

  /** Creates or replaces an object, filling server-set fields. Returns the stored copy. */
  put(input: object): KObj {
    const rt = typeOf(input as KObj)
    return clone(this.save(rt, this.complete(rt, input as KObj)))
  }

  delete(ref: ObjectRef): boolean {
    return this.remove(typeOf(ref), ref.namespace, ref.name) !== undefined
  }

  all(): KObj[] {
    return [...this.tables.entries()].flatMap(([rt]) => this.keys(rt).map((k) => clone(this.at(rt, k) as KObj)))
  }

  private table(rt: ResourceType): Map<string, KObj> {
    let table = this.tables.get(rt)
    if (!table) {
      table = new Map()
      this.tables.set(rt, table)
    }
    return table
  }

  /** Fixtures name owners by kind and name; fill in `ownerReferences[].uid` from the owners loaded. */
  private resolveOwnerUids(): void {
    for (const table of this.tables.values()) {
      for (const obj of table.values()) {
        for (const ref of obj.metadata.ownerReferences ?? []) {
          const owner = ref.uid ? undefined : this.findOwner(ref, obj.metadata.namespace)
          if (owner) ref.uid = owner.metadata.uid
        }
      }
    }
  }

  private findOwner(ref: KObj, namespace: string | undefined): KObj | undefined {
    const rt = findByKind(String(ref.apiVersion), String(ref.kind))
    return rt && this.lookup(rt, namespace, String(ref.name))
  }
}
