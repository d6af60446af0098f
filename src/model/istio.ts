// Istio signatures on a pod spec: what the injector wrote and what it means (ref §1.1–§1.5).
import type { Container, KObject, PodSpec } from './k8s.js'
import type { PodView } from './workloads.js'
import { annotation } from './meta.js'
import { ISTIO_INIT, ISTIO_PROXY, ISTIO_VALIDATION, STATUS, AMBIENT_REDIRECTION } from './keys.js'
import { toInt } from './security.js'

interface InjectionStatus {
  revision?: string
  initContainers: string[]
}

/** `sidecar.istio.io/status`, parsed defensively: arrays may be null, JSON may be bad (ref §1.2). */
export function injectionStatus(pod: PodView): InjectionStatus | undefined {
  const raw = annotation(pod.meta, STATUS)
  if (raw === undefined) return undefined
  try {
    const v = JSON.parse(raw)
    const initContainers = Array.isArray(v?.initContainers) ? v.initContainers.filter((x: unknown) => typeof x === 'string') : []
    return typeof v?.revision === 'string' ? { revision: v.revision, initContainers } : { initContainers }
  } catch {
    return { initContainers: [] }
  }
}

/** What `istio-init` / `istio-validation` args say (ref §1.4 flag table). */
export interface IptablesArgs {
  uids?: number[]
  gids?: number[]
  includeIPRanges?: string
  excludeIPRanges?: string
  includeOutboundPorts?: string
  excludeOutboundPorts?: string
  interceptionMode?: string
  redirectDns?: boolean
}

const FLAG_FIELDS: Record<string, keyof IptablesArgs> = {
  '-u': 'uids', '--proxy-uid': 'uids',
  '-g': 'gids', '--proxy-gid': 'gids',
  '-i': 'includeIPRanges', '--istio-service-cidr': 'includeIPRanges',
  '-x': 'excludeIPRanges', '--istio-service-exclude-cidr': 'excludeIPRanges',
  '-q': 'includeOutboundPorts', '--istio-outbound-ports': 'includeOutboundPorts',
  '-o': 'excludeOutboundPorts', '--istio-local-outbound-ports-exclude': 'excludeOutboundPorts',
  '-m': 'interceptionMode', '--istio-inbound-interception-mode': 'interceptionMode',
}

const ids = (v: string) => v.split(',').map((x) => toInt(x.trim())).filter((x): x is number => x !== undefined)

export function parseIptablesArgs(c: Container): IptablesArgs {
  const words = [...(c.command ?? []), ...(c.args ?? [])].map(String)
  const out: IptablesArgs = {}
  for (let i = 0; i < words.length; i++) {
    let flag = words[i]!
    let value: string | undefined
    const eq = flag.indexOf('=')
    if (flag.startsWith('--') && eq > 0) { value = flag.slice(eq + 1); flag = flag.slice(0, eq) }
    if (flag === '--redirect-dns') { out.redirectDns = value === undefined || value === 'true'; continue }
    const field = FLAG_FIELDS[flag]
    if (!field) continue
    if (value === undefined) value = words[++i] ?? ''
    value = value.replace(/^'(.*)'$/, '$1')
    if (field === 'uids' || field === 'gids') out[field] = ids(value)
    else (out as Record<string, string>)[field] = value
  }
  return out
}

type Redirection = 'istio-init' | 'cni' | 'none'

/** How redirection is programmed for a pod that is already injected (ref §1.3 decision table). */
export interface LiveMode {
  redirection: Redirection
  native: boolean
  /** Index in spec.initContainers, or -1. */
  istioInitIndex: number
  proxyIndex: number
  proxy?: Container
  iptables?: Container
}

function findProxy(spec: PodSpec): { proxy?: Container; native: boolean; index: number } {
  const inits = spec.initContainers ?? []
  const index = inits.findIndex((c) => c?.name === ISTIO_PROXY)
  if (index >= 0) return { proxy: inits[index], native: inits[index]!.restartPolicy === 'Always', index }
  const proxy = (spec.containers ?? []).find((c) => c?.name === ISTIO_PROXY)
  return proxy ? { proxy, native: false, index: -1 } : { native: false, index: -1 }
}

export function liveMode(spec: PodSpec): LiveMode {
  const inits = spec.initContainers ?? []
  const istioInitIndex = inits.findIndex((c) => c?.name === ISTIO_INIT)
  const validation = inits.find((c) => c?.name === ISTIO_VALIDATION)
  const { proxy, native, index } = findProxy(spec)
  const iptables = istioInitIndex >= 0 ? inits[istioInitIndex] : validation
  const mode: LiveMode = {
    redirection: istioInitIndex >= 0 ? 'istio-init' : validation || proxy ? 'cni' : 'none',
    native,
    istioInitIndex,
    proxyIndex: native ? index : -1,
  }
  if (proxy) mode.proxy = proxy
  if (iptables) mode.iptables = iptables
  return mode
}

export function envValue(c: Container | undefined, name: string): string | undefined {
  const e = (c?.env ?? []).find((x) => x?.name === name)
  return typeof e?.value === 'string' ? e.value : undefined
}

/**
 * istiod, the one rule for every reader (mesh settings, the cluster section, the plan's versions):
 * a Deployment labelled `app=istiod` as Istio's charts label it, or named `istiod` / `istiod-<revision>`
 * when a customised install dropped the label (ref §4.3).
 */
export const isIstiod = (o: KObject): boolean => o.kind === 'Deployment' && (o.metadata?.labels?.app === 'istiod' || /^istiod(-|$)/.test(o.metadata?.name ?? ''))

/** A pod (or kube-injected template) the injector already processed (ref §1.1 strong signals). */
export function isInjected(pod: PodView): boolean {
  if (annotation(pod.meta, STATUS) !== undefined) return true
  const { proxy } = findProxy(pod.spec)
  const args = proxy?.args ?? []
  return args[0] === 'proxy' && args[1] === 'sidecar'
}

export function ambientRedirection(pod: PodView): string | undefined {
  return annotation(pod.meta, AMBIENT_REDIRECTION)
}

/** How redirection is programmed for a pod (ref §1.3): istio-init, CNI, native sidecar, ambient, none. */
export const MODES = ['legacy', 'cni', 'native', 'ambient', 'none'] as const
export type Mode = (typeof MODES)[number]
