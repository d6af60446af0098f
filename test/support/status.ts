// metav1.Status bodies as a real API server sends them for failures.

export interface StatusDetails {
  name?: string
  group?: string
  kind?: string
  uid?: string
  causes?: { reason?: string; message?: string; field?: string }[]
  retryAfterSeconds?: number
}

export interface Status {
  kind: 'Status'
  apiVersion: 'v1'
  metadata: Record<string, unknown>
  status: 'Success' | 'Failure'
  message?: string
  reason?: string
  details?: StatusDetails
  code: number
}

/** An error a handler throws to answer with a Status; `headers` are added to the response. */
export class StatusError extends Error {
  constructor(
    readonly status: Status,
    readonly headers: Record<string, string> = {},
  ) {
    super(status.message)
  }
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
}

export function reasonFor(code: number): string {
  return REASONS[code] ?? 'Unknown'
}

export function failure(code: number, message: string, reason = reasonFor(code), details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }
  if (details) s.details = details
  return s
}

export function success(code: number, details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code }
  if (details) s.details = details
  return s
}

export function fail(code: number, message: string, details?: StatusDetails, reason?: string): never {
  throw new StatusError(failure(code, message, reason ?? reasonFor(code), details))
}

/** `group` is only named in details for non-core groups, as the real server does. */
function groupDetail(group: string): { group?: string } {
  return group ? { group } : {}
}

export function notFound(plural: string, group: string, name: string): never {
  const qualified = group ? `${plural}.${group}` : plural
  return fail(404, `${qualified} "${name}" not found`, { name, ...groupDetail(group), kind: plural })
}

export function conflict(plural: string, group: string, name: string): never {
  const qualified = group ? `${plural}.${group}` : plural
  return fail(
    409,
    `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, ...groupDetail(group), kind: plural },
  )
}

export function alreadyExists(plural: string, group: string, name: string): never {
  const qualified = group ? `${plural}.${group}` : plural
  return fail(409, `${qualified} "${name}" already exists`, { name, ...groupDetail(group), kind: plural }, 'AlreadyExists')
}

export function invalid(kind: string, group: string, name: string, field: string, message: string): never {
  const qualified = group ? `${kind}.${group}` : kind
  return fail(422, `${qualified} "${name}" is invalid: ${field}: ${message}`, {
    name,
    ...groupDetail(group),
    kind,
    causes: [{ reason: 'FieldValueInvalid', message, field }],
  })
}
