// A test Kubernetes API server: real HTTP on 127.0.0.1, the REST paths and JSON shapes of the
// resources the plugin reads and writes, state loaded from fixture objects, every request recorded.
// Clients reach it through a generated kubeconfig, exactly as they reach a real cluster.
//
//   const server = await startApiServer({ objects: loadFixtures('test/fixtures/cluster') })
//   t.teardown(() => server.close())
//   // run the plugin with --kubeconfig server.kubeconfigPath, then inspect server.writes
//
// Not implemented: watch, deletecollection, Table output (kubectl falls back to NAME/AGE),
// aggregated discovery (clients fall back to /api/v1 and /apis/<group>/<version>), server-side apply.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dump } from 'js-yaml'
import { DEFAULT_VERSION, discoveryDocument, type VersionInfo } from './discovery.js'
import { faultError, FaultSet, type Fault } from './faults.js'
import { listObjects } from './list.js'
import { parseResourcePath, type ResourceRequest } from './request.js'
import { fail, failure, notFound, StatusError } from './status.js'
import { clone, ObjectStore, typeOf, type KObj } from './store.js'
import { handleWrite, toScale, type WriteEvent } from './write.js'

export type { Fault } from './faults.js'
export type { WriteEvent } from './write.js'
export type { KObj, ObjectRef } from './store.js'
export { ObjectStore } from './store.js'
export { loadFixtures } from './fixtures.js'
export { generateCluster, type GenerateOptions } from './generate.js'

export interface ApiServerOptions {
  /** Initial state. Namespaces a real cluster has (default, kube-system, ...) and namespaces the objects live in are added when missing. */
  objects: object[]
  faults?: Fault[]
  /** The server returns at most this many items per list page, whatever `limit` asks. */
  pageSizeCap?: number
  version?: VersionInfo
  /** Bearer token the server accepts (and writes into the kubeconfig). Default `test-token`. */
  token?: string
}

export interface RecordedRequest {
  method: string
  /** Pathname, without the query. */
  path: string
  query: Record<string, string>
  /** Content-Type without parameters. */
  contentType?: string
  /** Parsed JSON body (the raw text when it is not JSON). */
  body?: unknown
  accept?: string
  /** Status code answered. */
  status?: number
}

/** Runs after each write that changed state (not dry runs), before the response is sent. */
export type WriteHook = (event: WriteEvent, store: ObjectStore) => void | Promise<void>

export interface TestApiServer {
  url: string
  /** A kubeconfig in a temp dir (removed by close): context `test`, namespace `default`. */
  kubeconfigPath: string
  requests: RecordedRequest[]
  /** POST/PUT/PATCH/DELETE requests that changed state. */
  writes: RecordedRequest[]
  /** Mutating requests with dryRun=All that succeeded; never in `writes`. */
  dryRuns: RecordedRequest[]
  /** The live state, for tests and controller hooks (its writes are not recorded). */
  store: ObjectStore
  /** Copies of all objects now stored. */
  objects(): object[]
  addFault(f: Fault): void
  /** Adds a hook (e.g. a controller simulation); returns a function that removes it. */
  afterWrite(hook: WriteHook): () => void
  /** Expires every continue token issued so far (like an etcd compaction): they then get 410 Expired. */
  expireContinueTokens(): void
  close(): Promise<void>
}

const DEFAULT_TOKEN = 'test-token'
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

interface Reply {
  code: number
  body: string
  contentType: string
  headers?: Record<string, string>
}

function jsonReply(code: number, body: unknown, headers?: Record<string, string>): Reply {
  return { code, body: JSON.stringify(body), contentType: 'application/json', headers }
}

function errorReply(e: unknown): Reply {
  if (e instanceof StatusError) return jsonReply(e.status.code, e.status, e.headers)
  const message = e instanceof Error ? e.message : String(e)
  return jsonReply(500, failure(500, `Internal error occurred: ${message}`))
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function mediaType(header: string | undefined): string | undefined {
  return header?.split(';')[0].trim().toLowerCase() || undefined
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined
  if (contentType && !contentType.includes('json')) return raw
  try {
    return JSON.parse(raw)
  } catch (e) {
    return fail(400, `the body of the request could not be decoded: ${(e as Error).message}`)
  }
}

function isDryRun(query: Record<string, string>, body: unknown): boolean {
  if (query.dryRun !== undefined && query.dryRun !== 'All') fail(400, `dryRun: Unsupported value: "${query.dryRun}": supported values: "All"`)
  const b = body as KObj | undefined
  const bodyDryRun: unknown = b?.dryRun ?? b?.deleteOptions?.dryRun
  return query.dryRun === 'All' || (Array.isArray(bodyDryRun) && bodyDryRun.includes('All'))
}

/** Namespaces a real cluster has, plus any that fixture objects live in. */
function withNamespaces(objects: object[]): object[] {
  const declared = new Set(objects.filter((o) => (o as KObj).kind === 'Namespace').map((o) => (o as KObj).metadata?.name))
  const needed = new Set(SYSTEM_NAMESPACES)
  for (const o of objects as KObj[]) if (typeOf(o).namespaced) needed.add(o.metadata?.namespace ?? 'default')
  const missing = [...needed].filter((n) => !declared.has(n))
  return [...missing.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })), ...objects]
}

class ApiServer implements TestApiServer {
  url = ''
  kubeconfigPath = ''
  readonly requests: RecordedRequest[] = []
  readonly writes: RecordedRequest[] = []
  readonly dryRuns: RecordedRequest[] = []
  readonly store: ObjectStore
  private readonly faults = new FaultSet()
  private readonly hooks = new Set<WriteHook>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly http: http.Server
  private readonly dir = mkdtempSync(join(tmpdir(), 'istiocni-apiserver-'))
  private readonly version: VersionInfo
  private readonly token: string
  private compactedRevision = 0
  private closed = () => {}
  /** Resolves when close() starts: a hung request waits for it, then finds its socket gone. */
  private readonly closing = new Promise<void>((resolve) => (this.closed = resolve))

  constructor(private readonly opts: ApiServerOptions) {
    this.store = new ObjectStore(withNamespaces(opts.objects))
    for (const f of opts.faults ?? []) this.faults.add(f)
    this.version = opts.version ?? DEFAULT_VERSION
    this.token = opts.token ?? DEFAULT_TOKEN
    this.http = http.createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()))
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve))
    const { port } = this.http.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}`
    this.kubeconfigPath = writeKubeconfig(this.url, { dir: this.dir, token: this.token })
  }

  objects(): object[] {
    return this.store.all()
  }

  addFault(f: Fault): void {
    this.faults.add(f)
  }

  afterWrite(hook: WriteHook): () => void {
    this.hooks.add(hook)
    return () => this.hooks.delete(hook)
  }

  expireContinueTokens(): void {
    this.compactedRevision = Number(this.store.nextResourceVersion())
  }

  async close(): Promise<void> {
    this.closed()
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()))
    this.http.closeAllConnections()
    await closed
    rmSync(this.dir, { recursive: true, force: true })
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const raw = await readBody(req)
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: mediaType(req.headers['content-type']),
      accept: req.headers.accept,
    }
    if (raw !== '') record.body = raw
    this.requests.push(record)
    const reply = await this.respond(req, url, record, raw).catch(errorReply)
    record.status = reply.code
    if (res.destroyed || res.writableEnded) return
    res.writeHead(reply.code, { 'Content-Type': reply.contentType, ...reply.headers })
    res.end(reply.body)
  }

  private async respond(req: http.IncomingMessage, url: URL, record: RecordedRequest, raw: string): Promise<Reply> {
    record.body = parseBody(raw, record.contentType)
    this.authenticate(req.headers.authorization)
    const parsed = parseResourcePath(record.method, url.pathname, record.query)
    await this.injectFault(record.method, url, parsed?.verb ? (parsed as ResourceRequest) : undefined)
    const doc = discoveryDocument(url.pathname, this.version, url.host)
    if (doc) return jsonReply(200, doc)
    if (['/healthz', '/livez', '/readyz'].includes(url.pathname)) return { code: 200, body: 'ok', contentType: 'text/plain' }
    if (!parsed) return fail(404, 'the server could not find the requested resource', {})
    if (!parsed.verb) return fail(405, 'the server does not allow this method on the requested resource')
    return this.resource(parsed as ResourceRequest, record)
  }

  /**
   * A wrong token is refused. No token is let through: kubectl (client-go) never sends
   * credentials to an http:// server, so only @kubernetes/client-node presents one here.
   */
  private authenticate(authorization: string | undefined): void {
    if (authorization !== undefined && authorization !== `Bearer ${this.token}`) fail(401, 'Unauthorized')
  }

  private async injectFault(method: string, url: URL, req: ResourceRequest | undefined): Promise<void> {
    const fault = this.faults.take(method, url.pathname, url.pathname + url.search)
    if (!fault) return
    if (fault.hang) await this.closing
    if (fault.delayMs) await this.sleep(fault.delayMs)
    if (fault.status >= 400) throw faultError(fault, req)
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }

  private async resource(req: ResourceRequest, record: RecordedRequest): Promise<Reply> {
    switch (req.verb) {
      case 'list':
        return jsonReply(200, listObjects(this.store, req, record.query, { compactedRevision: this.compactedRevision, pageSizeCap: this.opts.pageSizeCap }))
      case 'get':
        return jsonReply(200, this.get(req))
      case 'watch':
      case 'deletecollection':
        return fail(405, `${req.verb} is not supported by the test API server`)
      default:
        return this.write(req, record)
    }
  }

  private get(req: ResourceRequest): KObj {
    const obj = this.store.lookup(req.rt, req.namespace, req.name as string)
    if (!obj) return notFound(req.rt.plural, req.rt.group, req.name as string)
    if (req.subresource === 'eviction') return fail(405, 'the server does not allow this method on the requested resource')
    return req.subresource === 'scale' ? toScale(obj) : obj
  }

  private async write(req: ResourceRequest, record: RecordedRequest): Promise<Reply> {
    const dryRun = isDryRun(record.query, record.body)
    const call = { req, query: record.query, contentType: record.contentType ?? '', body: record.body, dryRun }
    const result = handleWrite(this.store, call)
    const reply = jsonReply(result.code, result.body)
    if (dryRun) this.dryRuns.push(record)
    else if (result.event) {
      this.writes.push(record)
      await this.runHooks(result.event)
    }
    return reply
  }

  private async runHooks(event: WriteEvent): Promise<void> {
    for (const hook of this.hooks) await hook(clone(event), this.store)
  }
}

export async function startApiServer(opts: ApiServerOptions): Promise<TestApiServer> {
  const server = new ApiServer(opts)
  await server.listen()
  return server
}

export interface KubeconfigOptions {
  namespace?: string
  context?: string
  token?: string
  /** Directory to write `kubeconfig` into; a new temp dir when absent. */
  dir?: string
}

/**
 * Writes a kubeconfig for a plain-HTTP server. `insecure-skip-tls-verify` is set because
 * @kubernetes/client-node refuses http:// servers without it. Returns the file's path.
 */
export function writeKubeconfig(url: string, opts: KubeconfigOptions = {}): string {
  const context = opts.context ?? 'test'
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: context, cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: context, user: { token: opts.token ?? DEFAULT_TOKEN } }],
    contexts: [{ name: context, context: { cluster: context, user: context, namespace: opts.namespace ?? 'default' } }],
    'current-context': context,
    preferences: {},
  }
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'istiocni-kubeconfig-'))
  const path = join(dir, 'kubeconfig')
  writeFileSync(path, dump(config), { mode: 0o600 })
  return path
}
