// The thin wrapper around the Kubernetes API: kubeconfig, context and credentials resolved like
// kubectl (through @kubernetes/client-node, loaded lazily), then plain GETs over node:http(s) with
// one keep-alive agent, gzip, and a time budget per request that its bounded retries share.
//
// Why not the generated API clients: they turn every list item into typed model objects (dates
// parsed, keys renamed), which for 10,000 pods costs more than the network. The core reads plain
// JSON anyway, so only the kubeconfig and auth plumbing of the client is used (measured in
// bench/live.ts).
import http from 'node:http'
import https from 'node:https'
import { gunzipSync } from 'node:zlib'
import { parseDuration } from '../model/duration.js'
import { KubeError } from './kube-error.js'
import { applyExecCredential, resolveKubeconfig } from './kubeconfig.js'

export { KubeError }

export interface ConnectOptions {
  kubeconfig?: string
  context?: string
  /** Budget of each request in milliseconds, its retries and the waits between them included; 0 waits forever. Also bounds an exec credential plugin. */
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
  const k = { ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}), ...(o.context ? { context: o.context } : {}), env, execTimeoutMs: o.timeoutMs }
  const { kc, contextName, namespace, server, skipTLSVerify, proxyUrl, user } = await resolveKubeconfig(k)
  const plainHttp = server.startsWith('http:')

  // Credentials and TLS material, exactly as the client applies them (tokens, client certs,
  // auth-provider plugins; exec plugins under a deadline, kubeconfig.ts). Like kubectl, nothing
  // is sent to an http:// server unless the kubeconfig insists on skipping TLS verification.
  const opts: https.RequestOptions = {}
  let headers: Record<string, string> = {}
  if (!plainHttp || skipTLSVerify) {
    if (user) await applyExecCredential(kc, user, k)
    try {
      await kc.applyToHTTPSOptions(opts)
    } catch (e) {
      throw new KubeError(`cannot load credentials for context "${contextName}": ${(e as Error).message.split('\n')[0]}`)
    }
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string' || typeof v === 'number') headers[k] = String(v)
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`
  }
  const agent: http.Agent = proxyUrl && opts.agent instanceof http.Agent ? opts.agent
    : plainHttp ? new http.Agent({ keepAlive: true, maxSockets: 16 })
    : new https.Agent({ keepAlive: true, maxSockets: 16, ca: opts.ca, cert: opts.cert, key: opts.key, servername: opts.servername, ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}) })
  headers = { ...headers, Accept: 'application/json', 'Accept-Encoding': 'gzip', 'User-Agent': o.userAgent ?? 'kubectl-istiocni' }
  const lib = plainHttp ? http : https
  const retries = o.retries ?? 3
  const backoff = o.backoffMs ?? 250
  let requests = 0

  const once = (method: string, url: string, timeoutMs: number, payload?: { body: string; type: string }): Promise<Reply> => new Promise((resolve, reject) => {
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
    const timer = timeoutMs < Infinity ? setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT', timeout: true })), timeoutMs) : undefined
    req.on('error', (e) => { clearTimeout(timer); reject(e) })
    req.end(payload?.body)
  })

  /**
   * One request within its budget: `--request-timeout` bounds the whole call, every retry and
   * every wait between them included, as client-go's one context.WithTimeout around its retry loop
   * (kubernetes/client-go:rest/request.go, request()). A Retry-After is honoured while it fits in
   * what is left of the budget; one that does not fails at once rather than after a useless wait.
   */
  async function call(method: string, path: string, query: Record<string, string | undefined> = {}, payload?: { body: string; type: string }): Promise<any> {
    const qs = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, v)
    const url = `${server}${path}${qs.toString() ? `?${qs}` : ''}`
    const deadline = o.timeoutMs > 0 ? Date.now() + o.timeoutMs : Infinity
    const budget = `${o.timeoutMs / 1000}s`
    const fail = (attempts: number, why: string, reason?: string) =>
      new KubeError(`${method} ${path} on ${server} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${why}`, undefined, reason)
    let last = ''
    for (let attempt = 0; ; attempt++) {
      let wait = backoff * 2 ** attempt
      let asked = false
      try {
        const r = await once(method, url, deadline - Date.now(), payload)
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
          if (Number.isFinite(after) && after >= 0) { wait = after * 1000; asked = true }
        } else {
          if (r.status === 401) throw new KubeError(`the API server at ${server} refused the credentials of context "${contextName}" (401 Unauthorized)`, 401, 'Unauthorized', status)
          throw new KubeError(message, r.status, status?.reason, status)
        }
      } catch (e) {
        if (e instanceof KubeError) throw e
        const err = e as NodeJS.ErrnoException & { timeout?: boolean }
        if (err.timeout) throw fail(attempt + 1, `no answer within ${budget}, the --request-timeout${last ? ` (before: ${last})` : ''}`)
        if (err.code && RETRYABLE_CODES.has(err.code) || /socket hang up/.test(err.message)) last = err.message
        else throw new KubeError(describeNetworkError(err, server))
      }
      const reason = /^429/.test(last) ? 'TooManyRequests' : undefined
      if (attempt >= retries) throw fail(attempt + 1, last, reason)
      if (Date.now() + wait >= deadline) {
        throw fail(attempt + 1, asked
          ? `${last}; the server asks to retry after ${wait / 1000}s, past the --request-timeout of ${budget}`
          : `${last}; no time left for a retry within the --request-timeout of ${budget}`, reason)
      }
      await sleep(wait)
    }
  }

  return {
    context: contextName,
    server,
    namespace,
    get: (path, query) => call('GET', path, query),
    patch: (path, body, type, query) => call('PATCH', path, query, { body: JSON.stringify(body), type }),
    post: (path, body, query) => call('POST', path, query, { body: JSON.stringify(body), type: 'application/json' }),
    delete: (path, query) => call('DELETE', path, query),
    get requests() { return requests },
    close: () => agent.destroy(),
  }
}
