// The three patch formats the API server accepts: JSON merge patch (RFC 7386), strategic merge
// patch (merge patch, but some lists merge by a key), and JSON patch (RFC 6902).

type Obj = Record<string, unknown>

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T))

/** A patch that is well-formed but cannot be applied (the server answers 422). */
export class PatchError extends Error {}

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
  if (!isObject(a) || !isObject(b)) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
}

// --- JSON merge patch (RFC 7386) ---

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch
  const result: Obj = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key]
    else result[key] = mergePatch(result[key], value)
  }
  return result
}

// --- Strategic merge patch ---

/** Lists merged by key instead of replaced (patchMergeKey in the Kubernetes API types). */
const MERGE_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  imagePullSecrets: ['name'],
  webhooks: ['name'],
  volumeMounts: ['mountPath'],
  ports: ['containerPort', 'port'],
  conditions: ['type'],
  ownerReferences: ['uid'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey'],
}

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  const candidates = MERGE_KEYS[field] ?? []
  return candidates.find((k) => items.some((i) => isObject(i) && Object.hasOwn(i, k))) ?? candidates[0]
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives)
  if (!isObject(value)) return value
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, stripDirectives(v)]))
}

export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch
  return smpObject(isObject(target) ? target : undefined, patch) ?? {}
}

function smpObject(target: Obj | undefined, patch: Obj): Obj | undefined {
  if (patch.$patch === 'delete') return undefined
  if (patch.$patch === 'replace') return stripDirectives(patch) as Obj
  const result: Obj = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue
    const merged = value === null ? undefined : smpField(key, result[key], value)
    if (merged === undefined) delete result[key]
    else result[key] = merged
  }
  return result
}

function smpField(key: string, target: unknown, patch: unknown): unknown {
  if (isObject(patch)) return smpObject(isObject(target) ? target : undefined, patch)
  if (!Array.isArray(patch)) return patch
  const mergeKey = mergeKeyFor(key, patch)
  if (!mergeKey) return stripDirectives(patch)
  return mergeList(Array.isArray(target) ? target : [], patch, mergeKey)
}

const keyOf = (item: unknown, key: string): unknown => (isObject(item) ? item[key] : undefined)

function mergeList(target: unknown[], patch: unknown[], key: string): unknown[] {
  const items = patch.filter((i) => !(isObject(i) && i.$patch === 'replace' && Object.keys(i).length === 1))
  if (items.length !== patch.length) return stripDirectives(items) as unknown[]
  const touched = new Set(patch.map((i) => keyOf(i, key)))
  const merged = items
    .filter((i) => !(isObject(i) && i.$patch === 'delete'))
    .map((i) => {
      const existing = target.find((t) => keyOf(t, key) === keyOf(i, key))
      return isObject(existing) && isObject(i) ? smpObject(existing, i) : stripDirectives(i)
    })
  const serverOnly = target.filter((t) => !touched.has(keyOf(t, key)))
  return mergeSorted(serverOnly, merged, target, key)
}

/**
 * Interleaves server-only items and patched items the way apimachinery's mergeSortedSlice does:
 * items keep their original relative order; new items come before the server-only items after them.
 */
function mergeSorted(serverOnly: unknown[], patched: unknown[], original: unknown[], key: string): unknown[] {
  const position = (item: unknown) => original.findIndex((o) => keyOf(o, key) === keyOf(item, key))
  const out: unknown[] = []
  let i = 0
  let j = 0
  while (i < serverOnly.length || j < patched.length) {
    if (j >= patched.length) out.push(serverOnly[i++])
    else if (i >= serverOnly.length) out.push(patched[j++])
    else {
      const li = position(serverOnly[i])
      const ri = position(patched[j])
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++])
      else out.push(patched[j++])
    }
  }
  return out
}

// --- JSON patch (RFC 6902) ---

interface Operation {
  op: string
  path: string
  from?: string
  value?: unknown
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer: "${pointer}"`)
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function child(container: unknown, token: string, pointer: string): unknown {
  if (Array.isArray(container)) {
    const index = Number(token)
    if (!/^\d+$/.test(token) || index >= container.length) throw new PatchError(`doc is missing path: "${pointer}"`)
    return container[index]
  }
  if (isObject(container) && Object.hasOwn(container, token)) return container[token]
  throw new PatchError(`doc is missing path: "${pointer}": missing value`)
}

function resolve(doc: unknown, tokens: string[], pointer: string): unknown {
  return tokens.reduce((node, token) => child(node, token, pointer), doc)
}

function arrayIndex(arr: unknown[], token: string, pointer: string, allowEnd: boolean): number {
  if (token === '-' && allowEnd) return arr.length
  const index = Number(token)
  const max = allowEnd ? arr.length : arr.length - 1
  if (!/^\d+$/.test(token) || index > max) throw new PatchError(`unable to access invalid index: ${token} in "${pointer}"`)
  return index
}

function addAt(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer)
  if (tokens.length === 0) return value
  const last = tokens.pop() as string
  const parent = resolve(doc, tokens, pointer)
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, pointer, true), 0, value)
  else if (isObject(parent)) parent[last] = value
  else throw new PatchError(`add operation does not apply: doc is missing path: "${pointer}"`)
  return doc
}

function removeAt(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer)
  const last = tokens.pop()
  if (last === undefined) throw new PatchError('cannot remove the document root')
  const parent = resolve(doc, tokens, pointer)
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, pointer, false), 1)
  else if (isObject(parent) && Object.hasOwn(parent, last)) delete parent[last]
  else throw new PatchError(`remove operation does not apply: doc is missing path: "${pointer}"`)
  return doc
}

function replaceAt(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer)
  const last = tokens.pop()
  if (last === undefined) return value
  const parent = resolve(doc, tokens, pointer)
  if (Array.isArray(parent)) parent[arrayIndex(parent, last, pointer, false)] = value
  else if (isObject(parent) && Object.hasOwn(parent, last)) parent[last] = value
  else throw new PatchError(`replace operation does not apply: doc is missing key: ${pointer}`)
  return doc
}

function valueAt(doc: unknown, pointer: string): unknown {
  return resolve(doc, parsePointer(pointer), pointer)
}

function applyOperation(doc: unknown, op: Operation): unknown {
  if (typeof op.path !== 'string') throw new PatchError(`operation missing "path": ${JSON.stringify(op)}`)
  switch (op.op) {
    case 'add':
      return addAt(doc, op.path, clone(op.value))
    case 'remove':
      return removeAt(doc, op.path)
    case 'replace':
      return replaceAt(doc, op.path, clone(op.value))
    case 'test':
      if (!deepEqual(valueAt(doc, op.path), op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`)
      return doc
    case 'move': {
      const moved = valueAt(doc, op.from ?? '')
      return addAt(removeAt(doc, op.from ?? ''), op.path, moved)
    }
    case 'copy':
      return addAt(doc, op.path, clone(valueAt(doc, op.from ?? '')))
    default:
      throw new PatchError(`Unexpected kind: ${String(op.op)}`)
  }
}

/** Applies RFC 6902 operations to `doc` (mutated; pass a copy) and returns the result. */
export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json patch must be an array of operations')
  return ops.reduce((current: unknown, op: Operation) => applyOperation(current, op), doc)
}
