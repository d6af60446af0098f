// Mesh-wide settings: Istio's injector and mesh ConfigMaps when the input has them (ref §4.1,
// §4.2), then the command-line flags, then Istio's defaults.
import * as yaml from 'js-yaml'
import type { KObject } from './k8s.js'
import type { InputError, MeshFlags, Sourced } from './input.js'
import { isObject } from './workloads.js'
import { parseBool } from './meta.js'
import { isIstiod } from './istio.js'

export const DEFAULT_PROXY_UID = 1337
export const DEFAULT_PROXY_GID = 1337

/** `values.global.proxy.*` capture lists, as strings exactly as Istio stores them (ref §3.2). */
interface MeshCaptureValues {
  includeIPRanges?: string
  excludeIPRanges?: string
  includeOutboundPorts?: string
  excludeOutboundPorts?: string
}

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
}

export interface Revision {
  name: string
  /** Where its values came from, for explanations. */
  sources: string[]
  capture: MeshCaptureValues
  cniEnabled?: boolean
  nativeSidecars?: boolean | 'auto'
  platform?: string
  /** `pilot.cni.provider` (`istio_cni.provider` before 1.24): `multus` makes the injector add the network annotation (ref §4.1). */
  cniProvider?: string
  /** `global.proxy.seccompProfile` is set: the injected Istio containers get a seccomp profile (ref §6.4). */
  proxySeccomp?: boolean
  policy?: 'enabled' | 'disabled'
  neverInjectSelector?: LabelSelector[]
  alwaysInjectSelector?: LabelSelector[]
  enableNamespacesByDefault?: boolean
  dnsCapture?: boolean
  holdApplicationUntilProxyStarts?: boolean
  interceptionMode?: string
}

export interface Mesh {
  flags: MeshFlags
  revisions: Map<string, Revision>
  /** Revision tags (`istio-revision-tag-<tag>` webhook configurations, ref §1.7): tag → revision. */
  tags: Map<string, string>
}

const INJECTOR = /^istio-sidecar-injector(?:-(.+))?$/
const MESH = /^istio(?:-(.+))?$/

function revisionNamed(mesh: Mesh, name: string): Revision {
  let r = mesh.revisions.get(name)
  if (!r) mesh.revisions.set(name, (r = { name, sources: [], capture: {} }))
  return r
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined)

function readInjectorValues(r: Revision, values: Record<string, any>): void {
  const proxy = values.global?.proxy ?? {}
  for (const key of ['includeIPRanges', 'excludeIPRanges', 'includeOutboundPorts', 'excludeOutboundPorts'] as const) {
    const v = str(proxy[key])
    if (v !== undefined) r.capture[key] = v
  }
  if (proxy.autoInject === 'disabled' || proxy.autoInject === 'enabled') r.policy = proxy.autoInject
  // ref §4.1: `pilot.cni.enabled` (1.22+) or `istio_cni.enabled` (≤1.23).
  const cni = values.pilot?.cni?.enabled ?? values.istio_cni?.enabled
  if (typeof cni === 'boolean') r.cniEnabled = cni
  const native = str(values.pilot?.env?.ENABLE_NATIVE_SIDECARS)
  if (native !== undefined) r.nativeSidecars = native === 'auto' ? 'auto' : parseBool(native) ?? false
  const platform = str(values.global?.platform)
  if (platform) r.platform = platform
  const provider = str(values.pilot?.cni?.provider ?? values.istio_cni?.provider)
  if (provider) r.cniProvider = provider
  // istio/istio:manifests/charts/istio-control/istio-discovery/files/injection-template.yaml
  if (proxy.seccompProfile && typeof proxy.seccompProfile === 'object') r.proxySeccomp = Object.keys(proxy.seccompProfile).length > 0
  if (typeof values.sidecarInjectorWebhook?.enableNamespacesByDefault === 'boolean')
    r.enableNamespacesByDefault = values.sidecarInjectorWebhook.enableNamespacesByDefault
}

function readInjectorConfig(r: Revision, config: Record<string, any>): void {
  if (config.policy === 'disabled' || config.policy === 'enabled') r.policy = config.policy
  if (Array.isArray(config.neverInjectSelector)) r.neverInjectSelector = config.neverInjectSelector
  if (Array.isArray(config.alwaysInjectSelector)) r.alwaysInjectSelector = config.alwaysInjectSelector
}

function readMeshConfig(r: Revision, mesh: Record<string, any>): void {
  const dc = isObject(mesh.defaultConfig) ? mesh.defaultConfig : {}
  const dns = parseBool(str(dc.proxyMetadata?.ISTIO_META_DNS_CAPTURE))
  if (dns !== undefined) r.dnsCapture = dns
  if (typeof dc.holdApplicationUntilProxyStarts === 'boolean') r.holdApplicationUntilProxyStarts = dc.holdApplicationUntilProxyStarts
  if (typeof dc.interceptionMode === 'string') r.interceptionMode = dc.interceptionMode
}

function parseData(text: string, as: 'json' | 'yaml'): Record<string, any> {
  const v = as === 'json' ? JSON.parse(text) : yaml.load(text)
  if (!isObject(v)) throw new Error('is not an object')
  return v
}

/** Is this ConfigMap one of Istio's? Injector ConfigMaps carry `values`/`config`, mesh ones `mesh`. */
export function meshConfigMapRole(o: KObject): { role: 'injector' | 'mesh'; revision: string } | undefined {
  if (o.kind !== 'ConfigMap' || !isObject(o.data)) return undefined
  const name = o.metadata?.name ?? ''
  const inj = INJECTOR.exec(name)
  if (inj && ('values' in o.data || 'config' in o.data)) return { role: 'injector', revision: inj[1] ?? 'default' }
  const m = MESH.exec(name)
  if (m && 'mesh' in o.data) return { role: 'mesh', revision: m[1] ?? 'default' }
  return undefined
}

/** istiod's `discovery` container env (ref §4.3): native sidecars and the platform, per revision. */
function readIstiod(mesh: Mesh, o: KObject): void {
  const discovery = (o.spec?.template?.spec?.containers ?? []).find((c: { name?: string }) => c?.name === 'discovery')
  if (!discovery) return
  const env = new Map<string, string>((discovery.env ?? []).filter((e: { value?: unknown }) => typeof e?.value === 'string').map((e: { name: string; value: string }) => [e.name, e.value]))
  const r = revisionNamed(mesh, env.get('REVISION') || o.metadata?.labels?.['istio.io/rev'] || 'default')
  const native = env.get('ENABLE_NATIVE_SIDECARS')
  // The injector values (1.26+) win: they are what the template reads.
  if (native !== undefined && r.nativeSidecars === undefined) r.nativeSidecars = native === 'auto' ? 'auto' : parseBool(native) ?? false
  if (env.get('PLATFORM') && !r.platform) r.platform = env.get('PLATFORM')!
  r.sources.push(`Deployment ${o.metadata?.namespace}/${o.metadata?.name} env`)
}

/** Reads every Istio ConfigMap of the input into per-revision settings; bad data is an input error. */
export function readMesh(objects: Sourced[], flags: MeshFlags, errors: InputError[]): Mesh {
  const mesh: Mesh = { flags, revisions: new Map(), tags: new Map() }
  for (const { object: o } of objects) {
    if (isIstiod(o)) readIstiod(mesh, o)
    const tag = o.kind === 'MutatingWebhookConfiguration' ? o.metadata?.labels?.['istio.io/tag'] : undefined
    if (tag && o.metadata?.labels?.['istio.io/rev']) mesh.tags.set(tag, o.metadata.labels['istio.io/rev'])
  }
  for (const s of objects) {
    const role = meshConfigMapRole(s.object)
    if (!role) continue
    const r = revisionNamed(mesh, role.revision)
    const data = s.object.data!
    const name = `ConfigMap ${s.object.metadata?.namespace ?? 'default'}/${s.object.metadata?.name}`
    const parts: [string, 'json' | 'yaml', (r: Revision, v: Record<string, any>) => void][] =
      role.role === 'injector' ? [['values', 'json', readInjectorValues], ['config', 'yaml', readInjectorConfig]] : [['mesh', 'yaml', readMeshConfig]]
    for (const [key, as, read] of parts) {
      if (typeof data[key] !== 'string') continue
      try {
        read(r, parseData(data[key], as))
        r.sources.push(`${name} data.${key}`)
      } catch (e) {
        errors.push({ source: s.source, message: `${name}: data.${key} ${e instanceof SyntaxError || (e as Error).name === 'YAMLException' ? `is not valid ${as.toUpperCase()}` : (e as Error).message}` })
      }
    }
  }
  return mesh
}

/** Settings of a revision; a revision (or tag) the input says nothing about uses the default one's. */
export function revisionSettings(mesh: Mesh, name: string): Revision {
  const revision = mesh.tags.get(name) ?? name
  return mesh.revisions.get(revision) ?? mesh.revisions.get('default') ?? { name: revision, sources: [], capture: {} }
}
