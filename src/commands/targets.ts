// `<kind>/<name>` targets, as kubectl spells them, resolved against the workloads of the input.
import type { WorkloadAnalysis } from '../classify/verdict/judge.js'
import { UserError } from './common.js'
import { KINDS, kindByAlias } from '../model/kinds.js'

export interface Target { kind: string; name: string }

export function parseTarget(text: string): Target {
  const m = /^([\w.-]+)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/i.exec(text)
  const kind = m ? kindByAlias(m[1]!)?.name : undefined
  if (!m || !kind) throw new UserError(`"${text}" is not a workload: use <kind>/<name>, e.g. deployment/orders (kinds: ${KINDS.map((k) => k.name).join(', ')})`)
  return { kind, name: m[2]! }
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!
    d[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = cur
    }
  }
  return d[b.length]!
}

interface Named { kind: string; namespace: string; name: string }
const label = (w: Named) => `${w.kind.toLowerCase()}/${w.name} -n ${w.namespace}`

/** The item a target names (check rows, say); an unknown one is an error that lists the closest names. */
export function resolveNamed<T>(all: T[], named: (x: T) => Named, t: Target, namespace?: string): T {
  const found = all.filter((x) => { const w = named(x); return w.kind === t.kind && w.name === t.name && (!namespace || w.namespace === namespace) })
  if (found.length === 1) return found[0]!
  if (found.length > 1) throw new UserError(`${t.kind.toLowerCase()}/${t.name} is in several namespaces (${found.map((f) => named(f).namespace).join(', ')}): pick one with -n`)
  const near = all
    .map((x) => ({ w: named(x), d: distance(`${named(x).kind}/${named(x).name}`.toLowerCase(), `${t.kind}/${t.name}`.toLowerCase()) }))
    .sort((x, y) => x.d - y.d)
    .slice(0, 3)
    .map((x) => label(x.w))
  throw new UserError(`${t.kind.toLowerCase()}/${t.name} not found${namespace ? ` in namespace ${namespace}` : ''}${near.length ? `; closest: ${near.join(', ')}` : ''}`)
}

/** The workloads a target names; an unknown one is an error that lists the closest names. */
export function resolveTarget(all: WorkloadAnalysis[], t: Target, namespace?: string): WorkloadAnalysis {
  return resolveNamed(all, (a) => a.workload, t, namespace)
}
