// What the capture rules will be for a pod under CNI (ref §2.3, §3.2): pod annotations (present,
// even empty, replaces), then `istio-init`/`istio-validation` args for an injected pod, then the
// mesh-wide injector values, then Istio's defaults.
import type { PodView } from '../../model/workloads.js'
import { type Mesh, DEFAULT_PROXY_GID, DEFAULT_PROXY_UID, type Revision } from '../../model/mesh.js'
import { annotation } from '../../model/meta.js'
import { envValue, type IptablesArgs, type LiveMode, parseIptablesArgs } from '../../model/istio.js'
import { EXCLUDE_IP_RANGES, EXCLUDE_OUTBOUND_PORTS, INCLUDE_IP_RANGES, INCLUDE_OUTBOUND_PORTS, INTERCEPTION_MODE, OPENSHIFT_SUPPLEMENTAL_GROUPS, OPENSHIFT_UID_RANGE, PROXY_CONFIG } from '../../model/keys.js'
import type { KObject } from '../../model/k8s.js'
import { toInt } from '../../model/security.js'
import * as yaml from 'js-yaml'

interface Setting<T> { value: T; from: string }

export interface Capture {
  uids: Setting<number[]>
  gids: Setting<number[]>
  includeIPRanges: Setting<string>
  excludeIPRanges: Setting<string>
  includeOutboundPorts: Setting<string>
  excludeOutboundPorts: Setting<string>
  dnsCapture: Setting<boolean>
  interceptionMode: Setting<string>
  holdApplication: boolean
}

const LISTS = [
  ['includeIPRanges', INCLUDE_IP_RANGES, 'includeIPRanges', '*'],
  ['excludeIPRanges', EXCLUDE_IP_RANGES, 'excludeIPRanges', ''],
  ['includeOutboundPorts', INCLUDE_OUTBOUND_PORTS, 'includeOutboundPorts', ''],
  ['excludeOutboundPorts', EXCLUDE_OUTBOUND_PORTS, 'excludeOutboundPorts', ''],
] as const

/** `proxy.istio.io/config` on the pod: JSON or YAML ProxyConfig (ref §3.1). */
function podProxyConfig(pod: PodView): Record<string, any> | undefined {
  const raw = annotation(pod.meta, PROXY_CONFIG)
  if (!raw) return undefined
  try {
    const v = yaml.load(raw)
    return typeof v === 'object' && v !== null ? (v as Record<string, any>) : undefined
  } catch {
    return undefined
  }
}

/** OpenShift: the proxy runs as the top of the namespace's UID range (ref §6.1). */
function openshiftIds(namespace: KObject | undefined): { uid?: number; gid?: number } {
  const top = (range: string | undefined) => {
    const m = /^(\d+)(?:\/(\d+)|-(\d+))/.exec(range ?? '')
    if (!m) return undefined
    return m[2] ? Number(m[1]) + Number(m[2]) - 1 : Number(m[3])
  }
  const ann = namespace?.metadata?.annotations ?? {}
  const uid = top(ann[OPENSHIFT_UID_RANGE])
  const gid = top((ann[OPENSHIFT_SUPPLEMENTAL_GROUPS] ?? '').split(',')[0]) ?? uid
  return { ...(uid !== undefined ? { uid } : {}), ...(gid !== undefined ? { gid } : {}) }
}

export function effectiveCapture(pod: PodView, mesh: Mesh, revision: Revision, live: LiveMode | undefined, namespace: KObject | undefined): Capture {
  const args: IptablesArgs = live?.iptables ? parseIptablesArgs(live.iptables) : {}
  const argName = live?.iptables?.name ?? ''
  const pick = (field: (typeof LISTS)[number][0], key: string, meshKey: (typeof LISTS)[number][2], dflt: string): Setting<string> => {
    const a = annotation(pod.meta, key)
    if (a !== undefined) return { value: a, from: `annotation ${key}` }
    if (args[field] !== undefined) return { value: args[field]!, from: `${argName} args` }
    const m = revision.capture[meshKey]
    if (m !== undefined) return { value: m, from: `mesh-wide values.global.proxy.${meshKey}` }
    return { value: dflt, from: 'Istio default' }
  }
  const lists = Object.fromEntries(LISTS.map(([field, key, meshKey, dflt]) => [field, pick(field, key, meshKey, dflt)])) as Pick<Capture, (typeof LISTS)[number][0]>

  // Proxy UID/GID: args, then the proxy's securityContext (CNI reads it, ref §2.3), then flags/platform/default.
  const proxySc = live?.proxy?.securityContext
  const os = revision.platform === 'openshift' ? openshiftIds(namespace) : {}
  const uidFlag = mesh.flags.proxyUid
  const gidFlag = mesh.flags.proxyGid
  const proxyUid = toInt(proxySc?.runAsUser)
  const proxyGid = toInt(proxySc?.runAsGroup)
  const uids: Setting<number[]> = args.uids?.length ? { value: args.uids, from: `${argName} -u` }
    : proxyUid ? { value: [proxyUid], from: 'istio-proxy runAsUser' }
    : uidFlag !== undefined ? { value: [uidFlag], from: '--proxy-uid' }
    : os.uid !== undefined ? { value: [os.uid], from: `OpenShift namespace ${OPENSHIFT_UID_RANGE}` }
    : { value: [DEFAULT_PROXY_UID], from: 'Istio default' }
  // istio-iptables: -g defaults to the -u value (ref §1.4).
  const gids: Setting<number[]> = args.gids?.length ? { value: args.gids, from: `${argName} -g` }
    : proxyGid ? { value: [proxyGid], from: 'istio-proxy runAsGroup' }
    : gidFlag !== undefined ? { value: [gidFlag], from: '--proxy-gid' }
    : args.uids?.length && live?.redirection === 'istio-init' ? { value: args.uids, from: `${argName} -u (no -g)` }
    : os.gid !== undefined ? { value: [os.gid], from: `OpenShift namespace ${OPENSHIFT_SUPPLEMENTAL_GROUPS}` }
    : { value: [DEFAULT_PROXY_GID], from: 'Istio default' }

  const podConfig = podProxyConfig(pod)
  const podDns = podConfig?.proxyMetadata?.ISTIO_META_DNS_CAPTURE
  const proxyDns = live?.proxy ? envValue(live.proxy, 'ISTIO_META_DNS_CAPTURE') : undefined
  const dnsCapture: Setting<boolean> = proxyDns !== undefined ? { value: proxyDns === 'true', from: 'istio-proxy env ISTIO_META_DNS_CAPTURE' }
    : live?.proxy ? { value: args.redirectDns === true, from: 'istio-proxy env (no ISTIO_META_DNS_CAPTURE)' }
    : podDns !== undefined ? { value: String(podDns) === 'true', from: `annotation ${PROXY_CONFIG} proxyMetadata` }
    : mesh.flags.dnsCapture !== undefined ? { value: mesh.flags.dnsCapture, from: '--dns-capture' }
    : revision.dnsCapture !== undefined ? { value: revision.dnsCapture, from: 'mesh config defaultConfig.proxyMetadata' }
    : { value: false, from: 'Istio default' }

  const modeAnn = annotation(pod.meta, INTERCEPTION_MODE)
  const interceptionMode: Setting<string> = modeAnn !== undefined ? { value: modeAnn, from: `annotation ${INTERCEPTION_MODE}` }
    : podConfig?.interceptionMode ? { value: String(podConfig.interceptionMode), from: `annotation ${PROXY_CONFIG}` }
    : revision.interceptionMode ? { value: revision.interceptionMode, from: 'mesh config' }
    : { value: 'REDIRECT', from: 'Istio default' }
  const hold = podConfig?.holdApplicationUntilProxyStarts ?? revision.holdApplicationUntilProxyStarts ?? false
  // Not a spread-first literal: those get a hidden class each on Node 20 (issue #17).
  return Object.assign(lists, { uids, gids, dnsCapture, interceptionMode, holdApplication: hold === true || hold === 'true' })
}

const toNum = (s: string) => (/^\s*\d{1,5}\s*$/.test(s) ? Number(s) : undefined)

/** Port list values: comma-separated integers, whitespace tolerated (ref §3.1). */
export function ports(list: string): number[] {
  return list.split(',').map(toNum).filter((n): n is number => n !== undefined)
}

export function cidrs(list: string): string[] {
  return list.split(',').filter((s) => s !== '')
}
