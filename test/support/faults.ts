// Injected failures: a fault matches requests by method and path and answers with the Status a
// real server sends for that code (403 RBAC denial, 410 expired continue, 429 with Retry-After...).
import type { ResourceRequest } from './request.js'
import { failure, reasonFor, StatusError, type StatusDetails } from './status.js'
import { disruptionBudgetStatus } from './write.js'
import { expiredStatus } from './list.js'

export interface Fault {
  /** HTTP method; any when absent. */
  method?: string
  /** Exact pathname (or pathname+query), or a RegExp tested against both. */
  path: RegExp | string
  /** Status code to answer with; a code below 400 only delays (`delayMs`) and lets the request through. */
  status: number
  /** Only the first `times` matching requests fail; every one when absent. */
  times?: number
  reason?: string
  message?: string
  /** Wait this long before answering (timeout tests). */
  delayMs?: number
  /** Never answer: the connection stays open, silent, until the client gives up or the server closes (a hung apiserver or proxy). */
  hang?: boolean
  /**
   * Retry-After for 429 (default 1 second; none for evictions, as the real server); on a 5xx only
   * when set (an API server shutting down, or priority and fairness, sends one).
   */
  retryAfterSeconds?: number
}

export const SERVICE_ACCOUNT_USER = 'system:serviceaccount:default:test'

export class FaultSet {
  private readonly faults: { fault: Fault; used: number }[] = []

  add(fault: Fault): void {
    this.faults.push({ fault, used: 0 })
  }

  /** The first fault matching the request that has uses left, counting this use. */
  take(method: string, pathname: string, pathWithQuery: string): Fault | undefined {
    const entry = this.faults.find(
      ({ fault, used }) =>
        (fault.times === undefined || used < fault.times) &&
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        pathMatches(fault.path, pathname, pathWithQuery),
    )
    if (entry) entry.used++
    return entry?.fault
  }
}

function pathMatches(path: RegExp | string, pathname: string, pathWithQuery: string): boolean {
  if (typeof path === 'string') return path === pathname || path === pathWithQuery
  return path.test(pathname) || path.test(pathWithQuery)
}

function qualified(req: ResourceRequest): string {
  return req.rt.group ? `${req.rt.plural}.${req.rt.group}` : req.rt.plural
}

function forbiddenMessage(req: ResourceRequest): string {
  const resource = req.subresource ? `${req.rt.plural}/${req.subresource}` : req.rt.plural
  const subject = req.name ? `${qualified(req)} "${req.name}"` : qualified(req)
  const scope = req.namespace ? `in the namespace "${req.namespace}"` : 'at the cluster scope'
  return `${subject} is forbidden: User "${SERVICE_ACCOUNT_USER}" cannot ${req.verb} resource "${resource}" in API group "${req.rt.group}" ${scope}`
}

function defaultMessage(code: number, req: ResourceRequest | undefined): string {
  const name = req?.name ?? ''
  switch (code) {
    case 403:
      return req ? forbiddenMessage(req) : 'forbidden: User "' + SERVICE_ACCOUNT_USER + '" cannot get path'
    case 404:
      return req && name ? `${qualified(req)} "${name}" not found` : 'the server could not find the requested resource'
    case 409:
      return req && name
        ? `Operation cannot be fulfilled on ${qualified(req)} "${name}": the object has been modified; please apply your changes to the latest version and try again`
        : 'the server reported a conflict'
    case 429:
      return 'Too many requests, please try again later.'
    case 500:
      return 'Internal error occurred: injected fault'
    case 503:
      return 'the server is currently unable to handle the request'
    default:
      return `injected ${code} ${reasonFor(code)}`
  }
}

function details(req: ResourceRequest | undefined): StatusDetails | undefined {
  if (!req) return undefined
  const d: StatusDetails = { kind: req.rt.plural }
  if (req.name) d.name = req.name
  if (req.rt.group) d.group = req.rt.group
  return d
}

function tooManyRequests(fault: Fault, req: ResourceRequest | undefined): StatusError {
  if (req?.subresource === 'eviction' && !fault.message) {
    const err = disruptionBudgetStatus(undefined)
    if (fault.retryAfterSeconds === undefined) return err
    return new StatusError(err.status, { 'Retry-After': String(fault.retryAfterSeconds) })
  }
  const retry = fault.retryAfterSeconds ?? 1
  const status = failure(429, fault.message ?? defaultMessage(429, req), fault.reason ?? 'TooManyRequests', {
    ...details(req),
    retryAfterSeconds: retry,
  })
  return new StatusError(status, { 'Retry-After': String(retry) })
}

/** The error a fault answers with, shaped for the request it hit. */
export function faultError(fault: Fault, req: ResourceRequest | undefined): StatusError {
  if (fault.status === 429) return tooManyRequests(fault, req)
  if (fault.status === 410 && !fault.message) return expiredStatus()
  const status = failure(fault.status, fault.message ?? defaultMessage(fault.status, req), fault.reason ?? reasonFor(fault.status), details(req))
  if (fault.status >= 500 && fault.retryAfterSeconds !== undefined) {
    status.details = { ...status.details, retryAfterSeconds: fault.retryAfterSeconds }
    return new StatusError(status, { 'Retry-After': String(fault.retryAfterSeconds) })
  }
  return new StatusError(status)
}
