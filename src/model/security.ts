import type { Container, PodSpec } from './k8s.js'

export interface EffectiveIds {
  user?: number
  userFrom?: 'container' | 'pod'
  group?: number
  groupFrom?: 'container' | 'pod'
}

const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined)

/**
 * runAsUser / runAsGroup a container really runs with: the container's securityContext
 * overrides the pod's. fsGroup and supplementalGroups are not the primary GID, and the
 * iptables `--gid-owner` match only sees the primary one (ref §5.1 (1b)).
 */
export function effectiveIds(c: Container, spec: PodSpec): EffectiveIds {
  const cs = c.securityContext ?? {}
  const ps = spec.securityContext ?? {}
  const out: EffectiveIds = {}
  const cu = num(cs.runAsUser), pu = num(ps.runAsUser)
  if (cu !== undefined) { out.user = cu; out.userFrom = 'container' } else if (pu !== undefined) { out.user = pu; out.userFrom = 'pod' }
  const cg = num(cs.runAsGroup), pg = num(ps.runAsGroup)
  if (cg !== undefined) { out.group = cg; out.groupFrom = 'container' } else if (pg !== undefined) { out.group = pg; out.groupFrom = 'pod' }
  return out
}

export { num as toInt }
