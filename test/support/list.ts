// List requests: selectors, limit/continue paging with opaque tokens, and token expiry (410).
import { parseFieldSelector, parseLabelSelector, type Predicate } from './selectors.js'
import { fail, failure, StatusError } from './status.js'
import { lowerBound, type KObj, type ObjectStore } from './store.js'
import type { ResourceRequest } from './request.js'

interface ContinueToken {
  v: 'meta.k8s.io/v1'
  /** resourceVersion of the first page; -1 for the "inconsistent" token a 410 hands back. */
  rv: number
  /** Key to resume from (inclusive). */
  start: string
}

export function encodeContinue(rv: number, start: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start }
  return Buffer.from(JSON.stringify(token)).toString('base64url')
}

function decodeContinue(value: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as ContinueToken
    if (token.v === 'meta.k8s.io/v1' && typeof token.rv === 'number' && typeof token.start === 'string') return token
  } catch {
    // fall through
  }
  return fail(400, `continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`)
}

const EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'

/** The 410 a real server sends for a compacted continue token, with an inconsistent-continue token. */
export function expiredStatus(start = ''): StatusError {
  const status = failure(410, EXPIRED_MESSAGE, 'Expired')
  if (start) status.metadata = { continue: encodeContinue(-1, start) }
  return new StatusError(status)
}

export interface ListOptions {
  /** Tokens issued before this resourceVersion are expired (as after an etcd compaction). */
  compactedRevision: number
  pageSizeCap?: number
}

function parseLimit(value: string | undefined, cap: number | undefined): number | undefined {
  const limit = value === undefined || value === '' ? 0 : Number(value)
  if (!Number.isInteger(limit) || limit < 0) fail(400, `invalid limit: ${value}`)
  if (cap !== undefined && (limit === 0 || limit > cap)) return cap
  return limit === 0 ? undefined : limit
}

function predicates(query: Record<string, string>, kind: string): Predicate[] {
  const out: Predicate[] = []
  if (query.labelSelector) out.push(parseLabelSelector(query.labelSelector))
  if (query.fieldSelector) out.push(parseFieldSelector(query.fieldSelector, kind))
  return out
}

/** A real server leaves `kind` and `apiVersion` out of list items. */
function asItem(obj: KObj): KObj {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj
  return rest
}

export function listObjects(store: ObjectStore, req: ResourceRequest, query: Record<string, string>, opts: ListOptions): KObj {
  const token = query.continue ? decodeContinue(query.continue) : undefined
  if (token && token.rv !== -1 && token.rv < opts.compactedRevision) throw expiredStatus(token.start)
  const limit = parseLimit(query.limit, opts.pageSizeCap)
  const filters = predicates(query, req.rt.kind)
  const keys = store.keys(req.rt, req.namespace)
  const items: KObj[] = []
  let i = token ? lowerBound(keys, token.start) : 0
  for (; i < keys.length && (limit === undefined || items.length < limit); i++) {
    const obj = store.at(req.rt, keys[i]) as KObj
    if (filters.every((f) => f(obj))) items.push(asItem(obj))
  }
  const rv = token && token.rv > 0 ? token.rv : store.resourceVersion
  const metadata: KObj = { resourceVersion: String(rv) }
  if (i < keys.length) {
    metadata.continue = encodeContinue(rv, `${keys[i - 1]}\u0000`)
    if (filters.length === 0) metadata.remainingItemCount = keys.length - i
  }
  return { kind: `${req.rt.kind}List`, apiVersion: req.rt.apiVersion, metadata, items }
}
