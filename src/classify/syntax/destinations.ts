// Destinations an init container connects to: URLs, host:port pairs, and whether reaching them
// needs a DNS lookup or stays on loopback (ref §2.5, §2.6).
import { UNKNOWN_RE } from './shell.js'

export interface Destination {
  /** Undefined when the spec does not give it. */
  host?: string
  port?: number
  /** A DNS lookup happens first (a host name, or a host the spec does not give). */
  resolves: boolean
}

/** Default ports of URL schemes seen in init containers. */
const SCHEME_PORTS: Record<string, number> = {
  http: 80, https: 443, ws: 80, wss: 443, ftp: 21, ftps: 990, sftp: 22, ssh: 22, git: 9418, 'git+ssh': 22,
  postgres: 5432, postgresql: 5432, mysql: 3306, mariadb: 3306, redis: 6379, rediss: 6379, mongodb: 27017,
  'mongodb+srv': 27017, amqp: 5672, amqps: 5671, nats: 4222, kafka: 9092, ldap: 389, ldaps: 636,
  smtp: 25, memcached: 11211, cassandra: 9042, sqlserver: 1433, mssql: 1433, oracle: 1521, clickhouse: 9000,
  s3: 443, gs: 443, gcs: 443, wasbs: 443, abfss: 443, hdfs: 8020, etcd: 2379, zookeeper: 2181, tcp: NaN, grpc: NaN,
}
/** Schemes that never leave the pod. */
const LOCAL_SCHEMES = new Set(['file', 'pvc', 'unix', 'local', 'sqlite', 'sqlite3', 'vault'])

/** A URL whose scheme never leaves the pod, host or not (`sqlite:////data/app.db`, `file:///x`). */
export const isLocalUrl = (s: string) => LOCAL_SCHEMES.has(/^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1]?.toLowerCase() ?? '')

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/
export const isIPv4 = (h: string) => IPV4.test(h) && h.split('.').every((o) => Number(o) <= 255)
export const isIPv6 = (h: string) => h.includes(':') && /^[0-9a-f:.]+$/i.test(h) && !h.includes(':::')
export const isIP = (h: string) => isIPv4(h) || isIPv6(h)

/** Loopback, including the pod's own IP, which routes over `lo` (ref §2.5). */
export const POD_IP = '⟨pod IP⟩'
export function isLoopback(host: string): boolean {
  if (host === POD_IP) return true
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain' || h === 'ip6-localhost' ||
    /^127\./.test(h) || h === '::1' || h === '0.0.0.0' || h === '::'
}

/** A port number, or undefined for a placeholder or garbage. */
export function portOf(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d{1,5}$/.test(s)) return undefined
  const n = Number(s)
  return n >= 0 && n <= 65535 ? n : undefined
}

export function destination(host: string | undefined, port: number | undefined): Destination {
  const h = host && !/^\u27E8[^\u27E9]*\u27E9$/.test(host) ? host.replace(/^\[|\]$/g, '') : undefined
  const shown = h || host || undefined
  const resolves = h ? !isIP(h) : true
  // Whole literals: one that starts with a spread gets a hidden class of its own on every call
  // (Node 20), and destinations are made for every word that names one (issue #17).
  if (port === undefined || Number.isNaN(port)) return shown ? { host: shown, resolves } : { resolves }
  return shown ? { host: shown, port, resolves } : { port, resolves }
}

// Hosts may hold placeholders for values the spec does not give (`⟨$(…)⟩`), parentheses included.
const URL_RE = /\b((?:jdbc:)?([a-z][a-z0-9+.-]*)):\/\/(?:[^@/\s'"]*@)?(\[[^\]\s]+\]|(?:\u27E8[^\u27E9]*\u27E9|[^:/?#\s'",;)\u27E8])+)(?::(\d+|\u27E8[^\u27E9]*\u27E9))?/gi

interface FoundUrl { scheme: string; dest: Destination; text: string; local: boolean }

/** Every URL in a piece of text (a word, an env value, a script line). */
export function findUrls(text: string): FoundUrl[] {
  const out: FoundUrl[] = []
  for (const m of text.matchAll(URL_RE)) {
    const scheme = m[2]!.toLowerCase()
    const host = m[3]!
    if (scheme === 'jdbc') continue
    const local = LOCAL_SCHEMES.has(scheme) || (scheme === 'file')
    const port = portOf(m[4]) ?? SCHEME_PORTS[scheme]
    out.push({ scheme, dest: destination(host, port), text: m[0], local })
  }
  return out
}

/** `host:port` (not a URL), as in `nc`-style waiters and `--bootstrap-server`. */
export function hostPort(s: string): Destination | undefined {
  const m = /^(\[[^\]]+\]|[A-Za-z0-9\u27E8][^:/\s]*):(\d{1,5}|\u27E8[^\u27E9]*\u27E9)$/.exec(s)
  if (!m) return undefined
  return destination(m[1], portOf(m[2]))
}

export function looksLikeHost(s: string): boolean {
  return isIP(s) || UNKNOWN_RE.test(s) || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(s)
}

/** A destination in words: placeholders read as the variables they stand for. */
export function describe(d: Destination): string {
  if (d.host === '⟨KUBERNETES_SERVICE_HOST⟩') return `the Kubernetes API server ($KUBERNETES_SERVICE_HOST:${d.port ?? 443})`
  const host = d.host ? d.host.replace(/\u27E8(\$\(\u2026\)|`\u2026`)\u27E9/g, '$1').replace(/\u27E8([^\u27E9]*)\u27E9/g, '$$$1') : 'an address the spec does not give'
  return d.port !== undefined ? `${host}:${d.port}` : host
}
