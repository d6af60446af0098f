// Turns a request path into what it addresses: resource type, namespace, name, subresource, verb.
import { findByPlural, type ResourceType } from './resources.js'

export type Verb = 'list' | 'watch' | 'get' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection'

export interface ResourceRequest {
  rt: ResourceType
  namespace?: string
  name?: string
  subresource?: string
  verb: Verb
}

/** `/api/v1/...` or `/apis/<group>/<version>/...` split into group, version and the rest. */
function splitGroupVersion(segments: string[]): { group: string; version: string; rest: string[] } | undefined {
  if (segments[0] === 'api' && segments.length >= 2) return { group: '', version: segments[1], rest: segments.slice(2) }
  if (segments[0] === 'apis' && segments.length >= 3) return { group: segments[1], version: segments[2], rest: segments.slice(3) }
  return undefined
}

/** `namespaces/<ns>/<plural>/...`, but not the namespace's own `namespaces/<name>/status`. */
function isNamespacedPath(group: string, rest: string[]): boolean {
  if (rest[0] !== 'namespaces' || rest.length < 3) return false
  return !(group === '' && (rest[2] === 'status' || rest[2] === 'finalize'))
}

function verbFor(method: string, name: string | undefined, watch: boolean): Verb | undefined {
  switch (method) {
    case 'GET':
      if (watch) return 'watch'
      return name ? 'get' : 'list'
    case 'POST':
      return 'create'
    case 'PUT':
      return name ? 'update' : undefined
    case 'PATCH':
      return name ? 'patch' : undefined
    case 'DELETE':
      return name ? 'delete' : 'deletecollection'
    default:
      return undefined
  }
}

/**
 * Parses a resource path. Returns undefined for paths that are not resource requests (discovery,
 * health) or that name no resource the server knows; `verb` is undefined for unsupported methods.
 */
export function parseResourcePath(
  method: string,
  pathname: string,
  query: Record<string, string>,
): (Omit<ResourceRequest, 'verb'> & { verb?: Verb }) | undefined {
  const gv = splitGroupVersion(pathname.split('/').filter((s) => s !== ''))
  if (!gv || gv.rest.length === 0) return undefined
  let rest = gv.rest
  let namespace: string | undefined
  if (isNamespacedPath(gv.group, rest)) {
    namespace = rest[1]
    rest = rest.slice(2)
  }
  const [plural, name, subresource, ...extra] = rest
  const rt = findByPlural(gv.group, gv.version, plural)
  if (!rt || extra.length > 0) return undefined
  if (namespace !== undefined && !rt.namespaced) return undefined
  if (rt.namespaced && namespace === undefined && name !== undefined) return undefined
  if (subresource !== undefined && !(rt.subresources as string[]).includes(subresource)) return undefined
  const watch = query.watch === 'true' || query.watch === '1'
  return { rt, namespace, name, subresource, verb: verbFor(method, name, watch) }
}
