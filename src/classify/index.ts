// The pod-classification core: one input snapshot in, one result out. No CLI, no network.
import type { Input, InputError, Progress, Sourced } from '../model/input.js'
import type { KObject } from '../model/k8s.js'
import { type Mesh, readMesh } from '../model/mesh.js'
import { ShapeError, toWorkload } from '../model/workloads.js'
import { workloadKind } from '../model/kinds.js'
import { type CheckResult, type InstallSection, summarize, type WorkloadResult } from './result/result.js'
import { agentSettings, type ControlPlane, declaredInstall, preflight } from './cluster/cni-install.js'
import { controlPlanes, declaredPlatform, isCniAgent, istiodRevisions } from './cluster/cluster.js'
import { detectPlatform } from './cluster/platform.js'
import { analyzeWorkload, type Context, type WorkloadAnalysis } from './verdict/judge.js'
import { indexObjects } from './owner/owner.js'
import { webhookNames } from './mesh/vault.js'
import { indexRbac } from './network/identity.js'

export interface Classified {
  result: CheckResult
  errors: InputError[]
}

interface Analyzed {
  analyses: WorkloadAnalysis[]
  errors: InputError[]
  /** What the analyses were judged with: `judgeAgain` judges a changed object the same way. */
  ctx: Context
}

function buildContext(input: Input, errors: InputError[], detail: boolean): Context {
  const namespaces = new Map<string, KObject>()
  const configMaps = new Map<string, Record<string, string>>()
  for (const { object: o } of input.objects) {
    if (o.kind === 'Namespace' && o.metadata?.name) namespaces.set(o.metadata.name, o)
    if (o.kind === 'ConfigMap' && o.metadata?.name && o.data && typeof o.data === 'object')
      configMaps.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, o.data)
  }
  const all = input.objects.map((s) => s.object)
  return {
    mesh: readMesh(input.objects, input.flags, errors),
    namespaces,
    configMaps: (ns, name) => configMaps.get(`${ns}/${name}`),
    rbac: indexRbac(all),
    owners: indexObjects(all),
    webhooks: webhookNames(all),
    detail,
  }
}

/**
 * Every workload of the input with its reasoning, each handed to `each` as it is judged; `detail`
 * keeps every exemption considered (explain); `progress` is told as workloads are judged (a
 * spinner on a terminal).
 */
function eachAnalysis(input: Input, detail: boolean, progress: Progress | undefined, each: (a: WorkloadAnalysis) => void): Omit<Analyzed, 'analyses'> {
  const errors = [...input.errors]
  const ctx = buildContext(input, errors, detail)
  let judged = 0
  for (const s of input.objects) {
    if (!workloadKind(s.object)) continue
    progress?.(() => `Checking: ${judged.toLocaleString('en')} workloads`)
    try {
      each(analyzeWorkload(toWorkload(s), ctx))
      judged++
    } catch (e) {
      // One object never stops the others; a bug shows as an error naming the object.
      const what = `${s.object.kind} ${s.object.metadata?.namespace ?? 'default'}/${s.object.metadata?.name}`
      errors.push({ source: s.source, message: e instanceof ShapeError ? e.message : `internal error while checking ${what}: ${(e as Error).message}` })
    }
  }
  return { errors, ctx }
}

/** Every workload of the input with its reasoning (explain, fix): see eachAnalysis. */
export function analyze(input: Input, detail = true, o: { progress?: Progress } = {}): Analyzed {
  const analyses: WorkloadAnalysis[] = []
  const { errors, ctx } = eachAnalysis(input, detail, o.progress, (a) => analyses.push(a))
  return { analyses, errors, ctx }
}

/**
 * One object judged again with the context of an earlier analysis of the same input: `fix` checks
 * its own edits, and plans again after a conflict, without analysing the whole input again;
 * `before`, the object's analysis before the edits, spares the network analyses they leave as
 * they were. Undefined when the object is no workload it can read.
 */
export function judgeAgain(ctx: Context, s: Sourced, before?: WorkloadAnalysis): WorkloadAnalysis | undefined {
  try {
    return analyzeWorkload(toWorkload(s), ctx, before)
  } catch {
    return undefined
  }
}

export function classify(input: Input, progress?: Progress): Classified {
  // Only the results are kept: each analysis (pod view, capture, verdicts) dies young, so the
  // collector never copies it and peak memory holds no analysis (issue #17).
  const workloads: WorkloadResult[] = []
  const { errors, ctx } = eachAnalysis(input, false, progress, (a) => workloads.push(a.result))
  const install = installSection(input, ctx.mesh)
  return { result: { workloads, summary: summarize(workloads), ...(install ? { install } : {}) }, errors }
}

/** The version and untaint setting an install resource gives its revision (ref §4.5). */
function declaredControlPlane(o: KObject): ControlPlane | undefined {
  const values = o.spec?.values ?? {}
  const revision = String(o.spec?.revision || values.revision || 'default')
  if (o.kind === 'IstioOperator') return { revision, version: typeof o.spec?.tag === 'string' ? o.spec.tag : null, untaint: values.pilot?.taint?.enabled === true }
  if (o.kind === 'Istio' && /^sailoperator\.io\//.test(String(o.apiVersion))) return { revision, version: typeof o.spec?.version === 'string' ? o.spec.version.replace(/^v/, '') : null, untaint: values.pilot?.taint?.enabled === true }
  return undefined
}

/**
 * Offline preflight (issue #15): when the input holds the CNI install (the istio-cni chart's
 * DaemonSet, or an IstioOperator/IstioCNI resource), its settings checked against the platform
 * (`--platform`, else what the input declares), with the mesh settings the analysis read.
 */
function installSection(input: Input, mesh: Mesh): InstallSection | undefined {
  const objects = input.objects.map((s) => s.object)
  const ds = objects.find(isCniAgent)
  const declared = ds ? undefined : objects.map(declaredInstall).find((d) => d !== undefined)
  const agent = ds ? agentSettings(ds, objects) : declared?.agent
  if (!agent) return undefined
  const all = [...objects, ...(declared?.renders ?? [])]
  const istiods = istiodRevisions(input.objects)
  const planes = [...controlPlanes(istiods), ...objects.map(declaredControlPlane).filter((c): c is ControlPlane => c !== undefined && !istiods.has(c.revision))]
  const platform = detectPlatform(objects, {
    ...(input.flags.platform ? { flag: input.flags.platform } : {}),
    ...(declared?.platform ? { declared: declared.platform } : declaredPlatform(mesh)),
  })
  return { platform, cni: agent.settings, findings: preflight({ objects: all, platform, agent, mesh, controlPlanes: planes, unread: new Set() }) }
}
