// The pod-classification core: one input snapshot in, one result out. No CLI, no network.
import type { Input, InputError } from '../model/input.js'
import type { KObject } from '../model/k8s.js'
import { readMesh } from '../model/mesh.js'
import { ShapeError, toWorkload, WORKLOAD_KINDS } from '../model/workloads.js'
import type { CheckResult, Summary, WorkloadResult } from './result.js'
import { judgeWorkload, type Context } from './judge.js'

export interface Classified {
  result: CheckResult
  errors: InputError[]
}

export function summarize(workloads: WorkloadResult[]): Summary {
  const summary: Summary = { breaks: 0, ok: 0, 'not-meshed': 0, review: 0 }
  for (const w of workloads) summary[w.verdict]++
  return summary
}

export function buildContext(input: Input, errors: InputError[]): Context {
  const namespaces = new Map<string, KObject>()
  const configMaps = new Map<string, Record<string, string>>()
  for (const { object: o } of input.objects) {
    if (o.kind === 'Namespace' && o.metadata?.name) namespaces.set(o.metadata.name, o)
    if (o.kind === 'ConfigMap' && o.metadata?.name && o.data && typeof o.data === 'object')
      configMaps.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, o.data)
  }
  return {
    mesh: readMesh(input.objects, input.flags, errors),
    namespaces,
    configMaps: (ns, name) => configMaps.get(`${ns}/${name}`),
  }
}

export function classify(input: Input): Classified {
  const errors = [...input.errors]
  const ctx = buildContext(input, errors)
  const workloads: WorkloadResult[] = []
  for (const s of input.objects) {
    if (!WORKLOAD_KINDS.has(s.object.kind as string)) continue
    try {
      workloads.push(judgeWorkload(toWorkload(s), ctx))
    } catch (e) {
      // One object never stops the others; a bug shows as an error naming the object.
      const what = `${s.object.kind} ${s.object.metadata?.namespace ?? 'default'}/${s.object.metadata?.name}`
      errors.push({ source: s.source, message: e instanceof ShapeError ? e.message : `internal error while checking ${what}: ${(e as Error).message}` })
    }
  }
  return { result: { workloads, summary: summarize(workloads) }, errors }
}
