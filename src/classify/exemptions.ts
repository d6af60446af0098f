// Which exemption, if any, saves an init container that needs the network (ref §5.1, §2.4 rule
// order, §8 step 5). Order of the checks follows the rule order in the pod's OUTPUT chain.
import type { EffectiveIds } from '../model/security.js'
import type { Finding, NetworkNeed } from './result.js'
import type { Capture } from './capture.js'
import { cidrs, ports } from './capture.js'
import { ipInCidr } from './cidr.js'
import { isIP } from './destinations.js'
import { describe } from './destinations.js'
import type { Traffic } from './network.js'
import { finding } from './messages.js'

export interface Placement {
  /** istio-proxy is a native sidecar that starts before this container. */
  afterNativeProxy: boolean
  nativeWhy: string
}

export interface ContainerVerdict {
  exempt: string | null
  risk: 'breaks' | 'review' | 'safe'
  findings: Finding[]
}

const sc = (ids: EffectiveIds, which: 'user' | 'group') => (ids[`${which}From`] === 'pod' ? 'pod securityContext' : 'securityContext')

/** What saves the container, whatever it connects to: native sidecar, proxy UID/GID. */
function identityExemption(name: string, ids: EffectiveIds, capture: Capture, placement: Placement): string | undefined {
  if (placement.afterNativeProxy) return `native-sidecar: istio-proxy runs as a native sidecar and is ready before ${name} starts (${placement.nativeWhy})`
  if (ids.user !== undefined && capture.uids.value.includes(ids.user))
    return `proxy-uid: runs as UID ${ids.user} (${sc(ids, 'user')}), the proxy UID (${capture.uids.from}), whose traffic is never redirected`
  if (ids.group !== undefined && capture.gids.value.includes(ids.group))
    return `proxy-gid: runs with primary GID ${ids.group} (${sc(ids, 'group')}), the proxy GID (${capture.gids.from}), whose traffic is never redirected`
  return undefined
}

export function judgeContainer(name: string, need: NetworkNeed, traffic: Traffic[], ids: EffectiveIds, capture: Capture, placement: Placement): ContainerVerdict {
  if (need === 'none') return { exempt: null, risk: 'safe', findings: [] }
  const identity = identityExemption(name, ids, capture, placement)
  if (identity) return { exempt: identity, risk: 'safe', findings: [] }

  const excludedPorts = ports(capture.excludeOutboundPorts.value)
  // Excluded ports are matched for TCP and UDP before the DNS redirect (ref §2.4 step 1, §5.1 (3)).
  const dnsCaptured = capture.dnsCapture.value && !excludedPorts.includes(53)
  const resolves = need === 'either' || traffic.some((t) => t.dest.resolves)
  const dnsBlocked = dnsCaptured && resolves
  const include = capture.includeIPRanges.value
  // Included ports are redirected whatever the destination, before the include CIDRs (ref §2.4 steps 9-10).
  const includedPorts = ports(capture.includeOutboundPorts.value)

  if (include === '' && !includedPorts.length && !dnsBlocked)
    return { exempt: `outbound-capture-disabled: ${capture.includeIPRanges.from} sets includeOutboundIPRanges to "", so no outbound TCP is captured`, risk: 'safe', findings: [] }
  if (need === 'either')
    return { exempt: null, risk: 'review', findings: [finding('ICNI0103', { container: name, why: 'an opaque program' }, name)] }

  if (dnsBlocked) {
    const host = traffic.find((t) => t.dest.resolves)?.dest.host ?? 'a name'
    return { exempt: null, risk: 'breaks', findings: [finding('ICNI0102', { container: name, host }, name)] }
  }
  const tcp = traffic.filter((t) => t.proto === 'tcp')
  if (!tcp.length) {
    if (capture.dnsCapture.value) return { exempt: `excluded-port: it only looks up names, and port 53 is in excludeOutboundPorts (${capture.excludeOutboundPorts.from}), so DNS is not captured`, risk: 'safe', findings: [] }
    return { exempt: `dns-not-captured: it only looks up names, and DNS capture is off (${capture.dnsCapture.from})`, risk: 'safe', findings: [] }
  }

  const excludedCidrs = cidrs(capture.excludeIPRanges.value)
  const includeAll = include === '*' || include.split(',').includes('*')
  const includedCidrs = includeAll ? [] : cidrs(include)
  const tokens: string[] = []
  const uncovered: Traffic[] = []
  const unconfirmed: string[] = []
  for (const t of tcp) {
    const { host, port } = t.dest
    const ip = host !== undefined && isIP(host) ? host : undefined
    if (port !== undefined && excludedPorts.includes(port)) { tokens.push(`excluded-port: port ${port} is in excludeOutboundPorts "${capture.excludeOutboundPorts.value}" (${capture.excludeOutboundPorts.from})`); continue }
    if (ip && excludedCidrs.some((c) => ipInCidr(ip, c))) { tokens.push(`excluded-ip-range: ${ip} is in excludeOutboundIPRanges "${capture.excludeIPRanges.value}" (${capture.excludeIPRanges.from})`); continue }
    const portIncluded = port !== undefined ? includedPorts.includes(port) : includedPorts.length > 0
    if (!includeAll && !portIncluded && (include === '' || (ip && !includedCidrs.some((c) => ipInCidr(ip, c))))) {
      tokens.push(`outbound-capture-disabled: ${include === '' ? 'includeOutboundIPRanges is ""' : `${ip} is outside includeOutboundIPRanges "${include}"`} (${capture.includeIPRanges.from}), and its port is not in includeOutboundPorts`)
      continue
    }
    uncovered.push(t)
    if (port === undefined && excludedPorts.length) unconfirmed.push(`excludeOutboundPorts "${capture.excludeOutboundPorts.value}"|the port of ${describe(t.dest)} is not in the spec`)
    if (!ip && (excludedCidrs.length || (!includeAll && include !== ''))) unconfirmed.push(`${excludedCidrs.length ? `excludeOutboundIPRanges "${capture.excludeIPRanges.value}"` : `includeOutboundIPRanges "${include}"`}|${describe(t.dest)} is not an IP address, so the CIDR cannot be checked`)
  }
  if (!uncovered.length) return { exempt: tokens[0]!, risk: 'safe', findings: [] }
  if (unconfirmed.length) {
    const [exclusion, why] = unconfirmed[0]!.split('|')
    return { exempt: null, risk: 'review', findings: [finding('ICNI0104', { container: name, exclusion: exclusion!, why: why! }, name)] }
  }
  const first = uncovered[0]!
  return { exempt: null, risk: 'breaks', findings: [finding('ICNI0101', { container: name, what: `connects to ${describe(first.dest)}` }, name)] }
}
