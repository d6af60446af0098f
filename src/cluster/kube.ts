// The thin wrapper around the Kubernetes API: kubeconfig, context and credentials resolved like
// kubectl (through @kubernetes/client-node, loaded lazily), then plain GETs over node:http(s) with
// one keep-alive agent, gzip, a per-request timeout and bounded retries.
//
// Why not the generated API clients: they turn every list item into typed model objects (dates
// parsed, keys renamed), which for 10,000 pods costs more than the network. The core reads plain
// JSON anyway, so only the kubeconfig and auth plumbing of the client is used (measured in
// bench/live.ts).
import { existsSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parseDuration } from '../model/duration.js'

/** A failure talking to the API server, already worded for a user (`error: <message>`). */
export class KubeError extends Error {
  constructor(
    message: string,
    /** HTTP status; undefined for network failures and timeouts. */
    readonly status?: number,
    /** The Status reason (`Forbidden`, `Expired`, …). */
    readonly reason?: string,
    /** The Status body, when the server sent one (a 410 carries a continue token in it). */
    readonly body?: any,
  ) {
    super(message)
  }
}

export interface ConnectOptions {
  kubeconfig?: string
  context?: string
  /** Per-request timeout in milliseconds; 0 waits forever. */
  timeoutMs: number
  /** Retries after the first attempt for 5xx, 429, resets and timeouts. Default 3. */
  retries?: number
  /** First backoff in milliseconds, doubled per retry. Default 250. */
  backoffMs?: number
  env?: NodeJS.ProcessEnv
  userAgent?: string
}

export interface Kube {
  context: string
  server: string
  /** The context's namespace, `default` when it sets none (kubectl's rule). */
  namespace: string
  /** GET a path; resolves to the parsed JSON body, rejects with a KubeError. */
  get(path: string, query?: Record<string, string | undefined>): Promise<any>
  /** PATCH with the given content type (strategic-merge, merge or JSON patch); `dryRun=All` in query writes nothing. */
  patch(path: string, body: unknown, contentType: string, query?: Record<string, string | undefined>): Promise<any>
  /** POST a body (an Eviction, say). */
  post(path: string, body: unknown, query?: Record<string, string | undefined>): Promise<any>
  delete(path: string, query?: Record<string, string | undefined>): Promise<any>
  /** Requests sent so far (retries included). */
  readonly requests: number
  close(): void
}

const DEFAULT_TIMEOUT_MS = 30_000

/**
 * kubectl's `--request-timeout`: `0` means no timeout, a bare integer is seconds, otherwise a
 * Go duration (`500ms`, `30s`, `1m30s`). Absent: 30 s per request (kubectl has none; a hung
 * server should not hang a check).
 */
export function parseRequestTimeout(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_TIMEOUT_MS
  const ms = parseDuration(value)
  if (ms === undefined) throw new KubeError(`invalid --request-timeout "${value}": use a duration such as 30s, 2m or 0 (no timeout)`)
  return ms
}

type KubeConfigT = import('@kubernetes/client-node').KubeConfig

/** Files kubectl would read: --kubeconfig, else every existing file in KUBECONFIG, else ~/.kube/config. */
function configFiles(o: ConnectOptions, env: NodeJS.ProcessEnv): string[] | 'in-cluster' {
  if (o.kubeconfig) {
    if (!existsSync(o.kubeconfig)) throw new KubeError(`kubeconfig ${o.kubeconfig}: no such file`)
    return [o.kubeconfig]
  }
  if (env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(delimiter).filter((f) => f && existsSync(f))
    if (files.length) return files
  }
  const home = join(env.HOME || homedir(), '.kube', 'config')
  if (existsSync(home)) return [home]
  if (env.KUBERNETES_SERVICE_HOST && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')) return 'in-cluster'
  throw new KubeError('no kubeconfig found: set KUBECONFIG or pass --kubeconfig (or check manifests offline with -f)')
}

/** Loads and merges like kubectl: the first file to define a name wins, and the first current-context. */
async function loadConfig(o: ConnectOptions, env: NodeJS.ProcessEnv): Promise<KubeConfigT> {
  const { KubeConfig } = await import('@kubernetes/client-node')
  const files = configFiles(o, env)
  const kc = new KubeConfig()
  if (files === 'in-cluster') {
    kc.loadFromCluster()
    return kc
  }
  const merged = { clusters: [] as any[], users: [] as any[], contexts: [] as any[], currentContext: '' }
  for (const file of files) {
    const one = new KubeConfig()
    try {
      one.loadFromFile(file, { onInvalidEntry: 'filter' as any })
    } catch (e) {
      throw new KubeError(`kubeconfig ${file}: ${(e as Error).message.split('\n')[0]}`)
    }
    const add = (list: any[], items: any[]) => {
      for (const i of items ?? []) if (!list.some((x) => x.name === i.name)) list.push(i)
    }
    add(merged.clusters, one.clusters)
    add(merged.users, one.users)
    add(merged.contexts, one.contexts)
    if (!merged.currentContext && one.currentContext) merged.currentContext = one.currentContext
  }
  kc.loadFromOptions(merged)
  return kc
}

const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET'])

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

function describeNetworkError(e: NodeJS.ErrnoException, server: string): string {
  switch (e.code) {
    case 'ECONNREFUSED': return `cannot reach the Kubernetes API server at ${server}: connection refused`
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return `cannot reach the Kubernetes API server at ${server}: host not found`
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': return `cannot reach the Kubernetes API server at ${server}: no route to host`
    default:
      if (/certificate|self.signed|SSL|TLS/i.test(e.message)) return `TLS handshake with ${server} failed: ${e.message}`
      return `request to ${server} failed: ${e.message}`
  }
}

export async function connect(o: ConnectOptions): Promise<Kube> {
  const env = o.env ?? process.env
  const kc = await loadConfig(o, env)
  if (o.context) {
    if (!kc.getContextObject(o.context)) throw new KubeError(`context "${o.context}" does not exist in the kubeconfig`)
    kc.setCurrentContext(o.context)
  }
  const contextName = kc.getCurrentContext()
  const context = contextName ? kc.getContextObject(contextName) : null
  if (!context) throw new KubeError(contextName ? `context "${contextName}" does not exist in the kubeconfig` : 'the kubeconfig sets no current-context: pass --context')
  const cluster = kc.getCurrentCluster()
  if (!cluster?.server) throw new KubeError(`context "${contextName}" names no cluster with a server address`)
  const server = cluster.server.replace(/\/+$/, '')
  const plainHttp = server.startsWith('http:')

  // Credentials and TLS material, exactly as the client applies them (tokens, client certs,
  // exec and auth-provider plugins). Like kubectl, nothing is sent to an http:// server unless
  // the kubeconfig insists on skipping TLS verification.
  const opts: https.RequestOptions = {}
  let headers: Record<string, string> = {}
  if (!plainHttp || cluster.skipTLSVerify) {
    try {
      await kc.applyToHTTPSOptions(opts)
    } catch (e) {
      throw new KubeError(`cannot load credentials for context "${contextName}": ${(e as Error).message.split('\n')[0]}`)
    }
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string' || typeof v === 'number') headers[k] = String(v)
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`
  }
  const agent: http.Agent = cluster.proxyUrl && opts.agent instanceof http.Agent ? opts.agent
    : plainHttp ? new http.Agent({ keepAlive: true, maxSockets: 16 })
    : new https.Agent({ keepAlive: true, maxSockets: 16, ca: opts.ca, cert: opts.cert, key: opts.key, servername: opts.servername, ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}) })
  headers = { ...headers, Accept: 'application/json', 'Accept-Encoding': 'gzip', 'User-Agent': o.userAgent ?? 'kubectl-istiocni' }
  const lib = plainHttp ? http : https
  const retries = o.retries ?? 3
  const backoff = o.backoffMs ?? 250
  let requests = 0

  const once = (method: string, url: string, payload?: { body: string; type: string }): Promise<Reply> => new Promise((resolve, reject) => {
    requests++
    const h = payload ? { ...headers, 'Content-Type': payload.type, 'Content-Length': String(Buffer.byteLength(payload.body)) } : headers
    const req = lib.request(url, { agent, headers: h, method }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        clearTimeout(timer)
        let body = Buffer.concat(chunks)
        if (res.headers['content-encoding'] === 'gzip') {
          try { body = gunzipSync(body) } catch (e) { reject(e); return }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
      })
      res.on('error', (e) => { clearTimeout(timer); reject(e) })
    })
    const timer = o.timeoutMs > 0 ? setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT', timeout: true })), o.timeoutMs) : undefined
    req.on('error', (e) => { clearTimeout(timer); reject(e) })
    req.end(payload?.body)
  })

  async function call(method: string, path: string, query: Record<string, string | undefined> = {}, payload?: { body: string; type: string }): Promise<any> {
    const qs = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, v)
    const url = `${server}${path}${qs.toString() ? `?${qs}` : ''}`
    let last = ''
    for (let attempt = 0; ; attempt++) {
      let wait = backoff * 2 ** attempt
      try {
        const r = await once(method, url, payload)
        if (r.status >= 200 && r.status < 300) {
          try {
            return JSON.parse(r.body.toString('utf8'))
          } catch {
            throw new KubeError(`${method} ${path}: the server answered with something that is not JSON`)
          }
        }
        let status: any
        try { status = JSON.parse(r.body.toString('utf8')) } catch { status = undefined }
        const message = typeof status?.message === 'string' ? status.message : `${r.status} ${http.STATUS_CODES[r.status] ?? ''}`.trim()
        if (r.status === 429 || r.status >= 500) {
          last = `${r.status}: ${message}`
          const after = Number(r.headers['retry-after'])
          if (Number.isFinite(after) && after > 0) wait = Math.min(after * 1000, 10_000)
        } else {
          if (r.status === 401) throw new KubeError(`the API server at ${server} refused the credentials of context "${contextName}" (401 Unauthorized)`, 401, 'Unauthorized', status)
          throw new KubeError(message, r.status, status?.reason, status)
        }
      } catch (e) {
        if (e instanceof KubeError) throw e
        const err = e as NodeJS.ErrnoException & { timeout?: boolean }
        if (err.timeout) last = `no answer within ${o.timeoutMs / 1000}s`
        else if (err.code && RETRYABLE_CODES.has(err.code) || /socket hang up/.test(err.message)) last = err.message
        else throw new KubeError(describeNetworkError(err, server))
      }
      if (attempt >= retries) {
        throw new KubeError(`${method} ${path} on ${server} failed after ${attempt + 1} attempts: ${last}${/within/.test(last) ? ' (raise --request-timeout?)' : ''}`, undefined, /^429/.test(last) ? 'TooManyRequests' : undefined)
      }
      await sleep(wait)
    }
  }

  return {
    context: contextName,
    server,
    namespace: context.namespace || 'default',
    get: (path, query) => call('GET', path, query),
    patch: (path, body, type, query) => call('PATCH', path, query, { body: JSON.stringify(body), type }),
    post: (path, body, query) => call('POST', path, query, { body: JSON.stringify(body), type: 'application/json' }),
    delete: (path, query) => call('DELETE', path, query),
    get requests() { return requests },
    close: () => agent.destroy(),
  }
}
