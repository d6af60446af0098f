// Which exemption, if any, saves an init container that needs the network (ref §5.1, §2.4 rule
// order, §8 step 5). Every exemption is considered in turn and the reason it does or does not
// apply is kept, so `explain` shows the same reasoning the verdict came from.
import type { EffectiveIds } from '../../model/security.js'
import type { Finding, NetworkNeed } from '../result/result.js'
import type { Capture } from '../mesh/capture.js'
import { cidrs, ports } from '../mesh/capture.js'
import { ipInCidr } from '../syntax/cidr.js'
import { describe, isIP } from '../syntax/destinations.js'
import type { Traffic } from '../network/network.js'
import { finding } from '../result/messages.js'

interface Placement {
  /** istio-proxy is a native sidecar that starts before this container. */
  afterNativeProxy: boolean
  nativeWhy: string
}

export interface Consideration {
  exemption: string
  applies: boolean
  why: string
}

export interface ContainerVerdict {
  /** `"<token>: <why>"` for people, or null. */
  exempt: string | null
  /** The exemption's token (`proxy-uid`, `excluded-port`…), or null. */
  exemptToken: string | null
  risk: 'breaks' | 'review' | 'safe'
  findings: Finding[]
  considered: Consideration[]
}

type Exemption = Pick<ContainerVerdict, 'exempt' | 'exemptToken'>
/** An exemption that applies: its token, and the sentence saying why. */
const exempt = (token: string, why: string): Exemption => ({ exempt: `${token}: ${why}`, exemptToken: token })
const notExempt: Exemption = { exempt: null, exemptToken: null }

const sc = (ids: EffectiveIds, which: 'user' | 'group') => (ids[`${which}From`] === 'pod' ? 'pod securityContext' : 'container securityContext')

export function judgeContainer(name: string, need: NetworkNeed, traffic: Traffic[], ids: EffectiveIds, capture: Capture, placement: Placement, detail = true): ContainerVerdict {
  const considered: Consideration[] = []
  // Reasons are sentences only `explain` reads: kept only when asked for, built when read
  // (check runs on thousands of workloads).
  const consider = (exemption: string, applies: boolean, why: () => string) => {
    if (!detail) return applies
    let text: string | undefined
    considered.push({ exemption, applies, get why() { return (text ??= why()) } })
    return applies
  }
  // One literal, one hidden class for every verdict (a spread-first literal gets its own each time on Node 20).
  const done = (e: Exemption, risk: ContainerVerdict['risk'], findings: Finding[]): ContainerVerdict =>
    ({ exempt: e.exempt, exemptToken: e.exemptToken, risk, findings, considered })
  if (need === 'none') return done(notExempt, 'safe', [])

  // Identity and ordering: they save the container whatever it connects to.
  if (consider('native-sidecar', placement.afterNativeProxy, () => placement.afterNativeProxy ? `istio-proxy runs as a native sidecar and is ready before ${name} starts (${placement.nativeWhy})` : `istio-proxy starts after the init containers (${placement.nativeWhy || 'classic sidecar'})`))
    return done(exempt('native-sidecar', `istio-proxy runs as a native sidecar and is ready before ${name} starts (${placement.nativeWhy})`), 'safe', [])
  const uid = ids.user !== undefined && capture.uids.value.includes(ids.user)
  if (consider('proxy-uid', uid, () => ids.user === undefined ? `runAsUser is not set: the image's user, not the proxy UID ${capture.uids.value.join(',')} (${capture.uids.from})` : uid ? `runs as UID ${ids.user} (${sc(ids, 'user')}), the proxy UID (${capture.uids.from}), whose traffic is never redirected` : `runs as UID ${ids.user} (${sc(ids, 'user')}), not the proxy UID ${capture.uids.value.join(',')}`))
    return done(exempt('proxy-uid', `runs as UID ${ids.user} (${sc(ids, 'user')}), the proxy UID (${capture.uids.from}), whose traffic is never redirected`), 'safe', [])
  const gid = ids.group !== undefined && capture.gids.value.includes(ids.group)
  if (consider('proxy-gid', gid, () => ids.group === undefined ? `runAsGroup is not set (fsGroup and supplementalGroups do not count)` : gid ? `runs with primary GID ${ids.group} (${sc(ids, 'group')}), the proxy GID (${capture.gids.from}), whose traffic is never redirected` : `runs with primary GID ${ids.group}, not the proxy GID ${capture.gids.value.join(',')}`))
    return done(exempt('proxy-gid', `runs with primary GID ${ids.group} (${sc(ids, 'group')}), the proxy GID (${capture.gids.from}), whose traffic is never redirected`), 'safe', [])

  const excludedPorts = ports(capture.excludeOutboundPorts.value)
  // Excluded ports are matched for TCP and UDP before the DNS redirect (ref §2.4 step 1, §5.1 (3)).
  const dnsCaptured = capture.dnsCapture.value && !excludedPorts.includes(53)
  const resolves = need === 'either' || traffic.some((t) => t.dest.resolves)
  const dnsBlocked = dnsCaptured && resolves
  const include = capture.includeIPRanges.value
  // Included ports are redirected whatever the destination, before the include CIDRs (ref §2.4 steps 9-10).
  const includedPorts = ports(capture.includeOutboundPorts.value)
  const dnsWhy = !capture.dnsCapture.value ? `DNS capture is off (${capture.dnsCapture.from})` : !dnsCaptured ? 'port 53 is excluded, so DNS is not captured' : resolves ? `DNS capture is on (${capture.dnsCapture.from}) and it resolves names, which are redirected to 15053 where nothing listens yet` : 'DNS capture is on, but it resolves no names'

  const captureOff = include === '' && !includedPorts.length && !dnsBlocked
  if (consider('outbound-capture-disabled', captureOff, () => include === '' ? (captureOff ? `includeOutboundIPRanges is "" (${capture.includeIPRanges.from}): no outbound TCP is captured` : includedPorts.length ? `includeOutboundIPRanges is "" but includeOutboundPorts "${capture.includeOutboundPorts.value}" is still captured` : `includeOutboundIPRanges is "" but ${dnsWhy}`) : `includeOutboundIPRanges is "${include}" (${capture.includeIPRanges.from})`))
    return done(exempt('outbound-capture-disabled', `includeOutboundIPRanges is "" (${capture.includeIPRanges.from}): no outbound TCP is captured`), 'safe', [])
  if (need === 'either') {
    consider('excluded-port / excluded-ip-range', false, () => 'its destinations are not in the spec, so exclusions cannot be checked')
    return done(notExempt, 'review', [finding('ICNI0103', { container: name, why: 'an opaque program' }, name)])
  }

  consider('dns-not-captured', !dnsBlocked, () => dnsWhy)
  if (dnsBlocked) {
    const host = traffic.find((t) => t.dest.resolves)?.dest.host ?? 'a name'
    consider('excluded-port / excluded-ip-range', false, () => 'exclusions cannot help: the DNS lookup is redirected first (ref §5.1)')
    return done(notExempt, 'breaks', [finding('ICNI0102', { container: name, host: describe({ host, resolves: true }) }, name)])
  }
  const tcp = traffic.filter((t) => t.proto === 'tcp')
  if (!tcp.length) {
    const why = capture.dnsCapture.value ? `it only looks up names, and port 53 is in excludeOutboundPorts (${capture.excludeOutboundPorts.from}), so DNS is not captured` : `it only looks up names, and ${dnsWhy}`
    return done(exempt(capture.dnsCapture.value ? 'excluded-port' : 'dns-not-captured', why), 'safe', [])
  }

  const excludedCidrs = cidrs(capture.excludeIPRanges.value)
  const includeAll = include === '*' || include.split(',').includes('*')
  const includedCidrs = includeAll ? [] : cidrs(include)
  const covered: ReturnType<typeof exempt>[] = []
  const uncovered: Traffic[] = []
  const unconfirmed: { exclusion: string; why: string }[] = []
  for (const t of tcp) {
    const { host, port } = t.dest
    const ip = host !== undefined && isIP(host) ? host : undefined
    const where = describe(t.dest)
    if (port !== undefined && excludedPorts.includes(port)) { covered.push(exempt('excluded-port', `port ${port} is in excludeOutboundPorts "${capture.excludeOutboundPorts.value}" (${capture.excludeOutboundPorts.from})`)); continue }
    if (ip && excludedCidrs.some((c) => ipInCidr(ip, c))) { covered.push(exempt('excluded-ip-range', `${ip} is in excludeOutboundIPRanges "${capture.excludeIPRanges.value}" (${capture.excludeIPRanges.from})`)); continue }
    const portIncluded = port !== undefined ? includedPorts.includes(port) : includedPorts.length > 0
    if (!includeAll && !portIncluded && (include === '' || (ip && !includedCidrs.some((c) => ipInCidr(ip, c))))) {
      covered.push(exempt('outbound-capture-disabled', `${include === '' ? 'includeOutboundIPRanges is ""' : `${ip} is outside includeOutboundIPRanges "${include}"`} (${capture.includeIPRanges.from}), and its port is not in includeOutboundPorts`))
      continue
    }
    uncovered.push(t)
    if (port === undefined && excludedPorts.length) unconfirmed.push({ exclusion: `excludeOutboundPorts "${capture.excludeOutboundPorts.value}"`, why: `the port of ${where} is not in the spec` })
    if (!ip && (excludedCidrs.length || (!includeAll && include !== ''))) unconfirmed.push({ exclusion: excludedCidrs.length ? `excludeOutboundIPRanges "${capture.excludeIPRanges.value}"` : `includeOutboundIPRanges "${include}"`, why: `${where} is not an IP address, so the CIDR cannot be checked` })
  }
  const missed = uncovered.map((t) => describe(t.dest)).join(', ')
  consider('excluded-port', !uncovered.length && covered.some((x) => x.exemptToken === 'excluded-port'), () => excludedPorts.length ? `excludeOutboundPorts "${capture.excludeOutboundPorts.value}" (${capture.excludeOutboundPorts.from})${uncovered.length ? ` does not cover ${missed}` : ''}` : `no outbound ports are excluded (${capture.excludeOutboundPorts.from})`)
  consider('excluded-ip-range', !uncovered.length && covered.some((x) => x.exemptToken === 'excluded-ip-range'), () => excludedCidrs.length ? `excludeOutboundIPRanges "${capture.excludeIPRanges.value}" (${capture.excludeIPRanges.from})${uncovered.length ? ` does not cover ${missed}` : ''}` : `no outbound IP ranges are excluded (${capture.excludeIPRanges.from})`)
  if (!uncovered.length) return done(covered[0]!, 'safe', [])
  if (unconfirmed.length) {
    return done(notExempt, 'review', [finding('ICNI0104', { container: name, ...unconfirmed[0]! }, name)])
  }
  return done(notExempt, 'breaks', [finding('ICNI0101', { container: name, what: `${uncovered[0]!.likely ? 'likely connects' : 'connects'} to ${describe(uncovered[0]!.dest)}` }, name)])
}
