import type { ObjectMeta } from './k8s.js'

function read(map: unknown, key: string): string | undefined {
  if (typeof map !== 'object' || map === null) return undefined
  const v = (map as Record<string, unknown>)[key]
  // Unquoted YAML booleans and numbers are common in hand-written manifests.
  return typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'number' ? String(v) : undefined
}

export const label = (meta: ObjectMeta | undefined, key: string) => read(meta?.labels, key)
export const annotation = (meta: ObjectMeta | undefined, key: string) => read(meta?.annotations, key)

/** The label, else the annotation of the same key; label first (ref §1.7 step 3, §3.2). */
export function labelOrAnnotation(meta: ObjectMeta | undefined, key: string): { value: string; from: 'label' | 'annotation' } | undefined {
  const l = label(meta, key)
  if (l !== undefined) return { value: l, from: 'label' }
  const a = annotation(meta, key)
  return a !== undefined ? { value: a, from: 'annotation' } : undefined
}

/** Go's strconv.ParseBool, which istiod and the CNI plugin use for these values. */
export function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false
  return undefined
}
