// Will the pod get a sidecar, from which revision, in which mode (ref §1.7, §1.5, §1.6)?
import type { KObject } from '../../model/k8s.js'
import type { Workload } from '../../model/workloads.js'
import { type LabelSelector, type Mesh, revisionSettings } from '../../model/mesh.js'
import { annotation, label, labelOrAnnotation, parseBool } from '../../model/meta.js'
import { ambientRedirection, injectionStatus, isInjected } from '../../model/istio.js'
import { DATAPLANE_MODE, IGNORED_NAMESPACES, INJECT, INJECTION_NS, NATIVE_SIDECAR, REV } from '../../model/keys.js'
import { type Finding } from '../result/result.js'
import { finding } from '../result/messages.js'

export type Injection =
  | { meshed: true; revision: string; why: string; live: boolean; native: boolean; nativeWhy: string }
  | { meshed: false; ambient: boolean; why: string }

function matchesSelector(labels: Record<string, string>, sel: LabelSelector): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in labels
    const v = labels[e.key]
    const ok = e.operator === 'In' ? has && (e.values ?? []).includes(v!) : e.operator === 'NotIn' ? !has || !(e.values ?? []).includes(v!)
      : e.operator === 'Exists' ? has : e.operator === 'DoesNotExist' ? !has : false
    if (!ok) return false
  }
  return true
}

/** Native sidecar for a pod the injector has not seen yet: pod annotation, then flag, then istiod env (ref §1.5). */
function nativeDecision(w: Workload, mesh: Mesh, revision: string): { native: boolean; why: string } {
  const pod = parseBool(annotation(w.pod.meta, NATIVE_SIDECAR))
  if (pod !== undefined) return { native: pod, why: `annotation ${NATIVE_SIDECAR}: "${pod}"` }
  if (mesh.flags.nativeSidecars !== undefined) return { native: mesh.flags.nativeSidecars, why: `--native-sidecars=${mesh.flags.nativeSidecars}` }
  const env = revisionSettings(mesh, revision).nativeSidecars
  if (env === true) return { native: true, why: 'ENABLE_NATIVE_SIDECARS=true in the injector values' }
  return { native: false, why: env === 'auto' ? 'ENABLE_NATIVE_SIDECARS=auto cannot be confirmed offline (needs every node ≥ 1.33): judged as classic' : 'nothing asks for native sidecars' }
}

/**
 * The webhook selection and istiod's own policy, in that order (ref §1.7). With no Namespace
 * object for the workload, its namespace is assumed injected (issue #3).
 */
export function decideInjection(w: Workload, namespace: KObject | undefined, mesh: Mesh, findings: Finding[]): Injection {
  const meta = w.pod.meta
  const podLabels = (meta.labels ?? {}) as Record<string, string>
  if (isInjected(w.pod)) {
    const status = injectionStatus(w.pod)
    const revision = status?.revision ?? annotation(meta, REV) ?? 'default'
    return { meshed: true, revision, why: `already injected by revision ${revision} (sidecar.istio.io/status)`, live: true, native: false, nativeWhy: '' }
  }
  const ambient = ambientRedirection(w.pod)
  if (ambient === 'enabled' || ambient === 'pending') return { meshed: false, ambient: true, why: `ambient: ${ambient === 'enabled' ? 'enrolled' : 'being enrolled'} (ambient.istio.io/redirection: ${ambient})` }
  if (w.pod.spec.hostNetwork === true) return { meshed: false, ambient: false, why: 'hostNetwork pods are never injected' }
  if (IGNORED_NAMESPACES.has(w.namespace)) return { meshed: false, ambient: false, why: `istiod never injects namespace ${w.namespace}` }

  const explicit = labelOrAnnotation(meta, INJECT)
  const explicitBool = parseBool(explicit?.value)
  if (explicit && explicitBool === undefined) findings.push(finding('ICNI0212', { from: explicit.from, value: JSON.stringify(explicit.value) }))
  if (explicitBool === false) return { meshed: false, ambient: false, why: `opted out with ${explicit!.from} ${INJECT}: "${explicit!.value}"` }

  const podMode = label(meta, DATAPLANE_MODE)
  const nsLabels = (namespace?.metadata?.labels ?? {}) as Record<string, string>
  const nsName = `namespace ${w.namespace}`
  let revision: string | undefined
  let why = ''
  if (namespace) {
    const injection = nsLabels[INJECTION_NS]
    const nsRev = nsLabels[REV]
    const injectLabel = label(meta, INJECT)
    if (injection !== undefined) {
      if (injection === 'enabled') { revision = 'default'; why = `${nsName} has ${INJECTION_NS}=enabled` }
      else return { meshed: false, ambient: false, why: `${nsName} has ${INJECTION_NS}=${injection}` }
    } else if (nsRev !== undefined) {
      revision = nsRev; why = `${nsName} has ${REV}=${nsRev}`
    } else if (label(meta, REV) !== undefined) {
      revision = label(meta, REV)!; why = `pod label ${REV}=${revision}`
    } else if (parseBool(injectLabel) === true) {
      revision = 'default'; why = `pod label ${INJECT}=true`
    } else if (nsLabels[DATAPLANE_MODE] === 'ambient' || podMode === 'ambient') {
      if (podMode === 'none') return { meshed: false, ambient: false, why: `pod label ${DATAPLANE_MODE}=none opts out of ambient` }
      return { meshed: false, ambient: true, why: `ambient mode (${podMode === 'ambient' ? 'pod' : nsName} label ${DATAPLANE_MODE}=ambient)` }
    } else if (revisionSettings(mesh, 'default').enableNamespacesByDefault) {
      revision = 'default'; why = 'enableNamespacesByDefault injects every unlabelled namespace'
    } else {
      return { meshed: false, ambient: false, why: `${nsName} has no injection label and the pod does not ask for injection` }
    }
  } else {
    if (podMode === 'ambient') return { meshed: false, ambient: true, why: `ambient mode (pod label ${DATAPLANE_MODE}=ambient)` }
    revision = label(meta, REV) ?? 'default'
    why = `${nsName} is not in the input: assumed injected${revision !== 'default' ? ` by revision ${revision}` : ''}`
  }

  // istiod's own policy after the webhook matched (ref §1.7 steps 4-5).
  const settings = revisionSettings(mesh, revision)
  if (explicitBool !== true) {
    if (settings.neverInjectSelector?.some((s) => matchesSelector(podLabels, s))) return { meshed: false, ambient: false, why: 'the injector neverInjectSelector matches the pod' }
    const always = settings.alwaysInjectSelector?.some((s) => matchesSelector(podLabels, s))
    if (!always && settings.policy === 'disabled') return { meshed: false, ambient: false, why: 'injector policy is disabled and the pod does not ask for injection' }
  }
  const { native, why: nativeWhy } = nativeDecision(w, mesh, revision)
  return { meshed: true, revision, why, live: false, native, nativeWhy }
}
