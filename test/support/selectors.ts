// labelSelector and fieldSelector query parameters, parsed into predicates.
import { fail } from './status.js'
import type { KObj } from './store.js'

type Labels = Record<string, string>
export type Predicate = (obj: KObj) => boolean

interface Requirement {
  key: string
  op: 'in' | 'notin' | 'exists' | '!exists'
  values: string[]
}

/** Splits on commas outside parentheses: `a in (x,y),b` -> [`a in (x,y)`, `b`]. */
function splitTerms(selector: string): string[] {
  const terms: string[] = []
  let depth = 0
  let current = ''
  for (const ch of selector) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      terms.push(current)
      current = ''
    } else current += ch
  }
  terms.push(current)
  return terms.map((t) => t.trim()).filter((t) => t !== '')
}

const KEY = String.raw`[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?`
const VALUE = String.raw`([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?`
const SET_RE = new RegExp(String.raw`^(${KEY})\s+(in|notin)\s+\(([^)]*)\)$`)
const EQ_RE = new RegExp(String.raw`^(${KEY})\s*(==|=|!=)\s*(${VALUE})$`)
const EXISTS_RE = new RegExp(String.raw`^(!?)\s*(${KEY})$`)

function parseTerm(term: string, selector: string): Requirement {
  const set = SET_RE.exec(term)
  if (set) {
    const values = set[4].split(',').map((v) => v.trim())
    return { key: set[1], op: set[3] as 'in' | 'notin', values }
  }
  const eq = EQ_RE.exec(term)
  if (eq) return { key: eq[1], op: eq[3] === '!=' ? 'notin' : 'in', values: [eq[4]] }
  const exists = EXISTS_RE.exec(term)
  if (exists) return { key: exists[2], op: exists[1] ? '!exists' : 'exists', values: [] }
  return fail(400, `unable to parse requirement: found '${term}' in label selector "${selector}"`)
}

function matches(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key)
  switch (r.op) {
    case 'exists':
      return has
    case '!exists':
      return !has
    case 'in':
      return has && r.values.includes(labels[r.key])
    case 'notin':
      return !has || !r.values.includes(labels[r.key])
  }
}

export function parseLabelSelector(selector: string): Predicate {
  const requirements = splitTerms(selector).map((t) => parseTerm(t, selector))
  return (obj) => {
    const labels: Labels = obj.metadata?.labels ?? {}
    return requirements.every((r) => matches(r, labels))
  }
}

/** Does a `{matchLabels, matchExpressions}` LabelSelector select these labels? (PDBs, workloads.) */
export function selectorMatches(selector: KObj | undefined, labels: Labels): boolean {
  if (!selector) return false
  const fromLabels = Object.entries(selector.matchLabels ?? {}).map(([key, v]) => ({ key, op: 'in', values: [v] }))
  const fromExpressions = (selector.matchExpressions ?? []).map((e: KObj) => ({
    key: e.key,
    op: ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' } as const)[e.operator as string],
    values: e.values ?? [],
  }))
  return [...fromLabels, ...fromExpressions].every((r) => matches(r as Requirement, labels))
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace']
const FIELDS: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'type'],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
}

function fieldValue(obj: KObj, path: string): string {
  let v: any = obj
  for (const part of path.split('.')) v = v?.[part]
  return v === undefined || v === null ? '' : String(v)
}

const FIELD_RE = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/

/** Field selectors support `=`, `==`, `!=` on the fields the real server indexes for the kind. */
export function parseFieldSelector(selector: string, kind: string): Predicate {
  const allowed = [...COMMON_FIELDS, ...(FIELDS[kind] ?? [])]
  const terms = splitTerms(selector).map((term) => {
    const m = FIELD_RE.exec(term)
    if (!m) return fail(400, `invalid selector: '${selector}'; can't understand '${term}'`)
    if (!allowed.includes(m[1])) return fail(400, `field label not supported: ${m[1]}`)
    return { path: m[1], negate: m[2] === '!=', value: m[3] }
  })
  return (obj) => terms.every((t) => (fieldValue(obj, t.path) === t.value) !== t.negate)
}
