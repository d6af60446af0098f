// CIDR and port-list syntax as the injector validates it (ref §3.1 value rules), and matching.
import { isIPv4, isIPv6 } from './destinations.js'

function v4(ip: string): bigint {
  return ip.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n)
}

function v6(ip: string): bigint | undefined {
  let s = ip.toLowerCase()
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s)
  if (tail) { const n = v4(tail[1]!); s = s.slice(0, -tail[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}` }
  const halves = s.split('::')
  if (halves.length > 2) return undefined
  const head = halves[0] ? halves[0].split(':') : []
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : []
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0
  const groups = [...head, ...Array(Math.max(fill, 0)).fill('0'), ...rest]
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n)
}

/** A valid CIDR (prefix length required), or a reason it is not. */
function checkCidr(c: string): string | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(c)
  if (!m) return c.includes('/') ? `"${c}" is not a CIDR` : `"${c}" has no prefix length (use /32 or /128)`
  const [ip, len] = [m[1]!, Number(m[2])]
  if (isIPv4(ip)) return len <= 32 ? undefined : `"${c}" has a prefix length over 32`
  if (v6(ip) !== undefined) return len <= 128 ? undefined : `"${c}" has a prefix length over 128`
  return `"${c}" is not a CIDR`
}

export function ipInCidr(ip: string, cidr: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr)
  if (!m) return false
  const len = Number(m[2])
  if (isIPv4(ip) && isIPv4(m[1]!)) {
    const mask = len === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - len)) - 1n)
    return (v4(ip) & mask) === (v4(m[1]!) & mask)
  }
  const a = isIPv6(ip) ? v6(ip) : undefined
  const b = v6(m[1]!)
  if (a === undefined || b === undefined) return false
  const mask = len === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - len)) - 1n)
  return (a & mask) === (b & mask)
}

/** Problems with a CIDR list annotation: split on `,` with no trimming (ref §3.1). */
export function checkCidrList(list: string, allowStar: boolean): string | undefined {
  if (list === '' || (allowStar && list === '*')) return undefined
  for (const item of list.split(',')) {
    if (item === '*') return allowStar ? '"*" must be the whole value' : '"*" is allowed only in include lists'
    if (/\s/.test(item)) return `"${item}" contains a space`
    const bad = checkCidr(item)
    if (bad) return bad
  }
  return undefined
}

/** Problems with a port list annotation: integers 0-65535, no ranges (ref §3.1). */
export function checkPortList(list: string, allowStar: boolean): string | undefined {
  if (list.trim() === '' || (allowStar && list.trim() === '*')) return undefined
  for (const item of list.split(',')) {
    const t = item.trim()
    if (/^\d+-\d+$/.test(t)) return `"${t}" is a range; list each port`
    if (!/^\d{1,5}$/.test(t) || Number(t) > 65535) return `"${t}" is not a port`
  }
  return undefined
}
