// Turns the edits `fix` would make to a workload into instructions for whoever owns its spec
// (issue #9): the Helm values, the Argo CD Application or Flux source, the kustomization, or the
// custom resource's own field. Pure: strings from an Ownership and a list of edits.
import type { Ownership } from './owner.js'
import { describeLink, operatorFields, ownerTitle } from './owner.js'

/**
 * One change to a pod template, structurally the same as `Edit` in src/fix/plan.ts (not imported:
 * classify must not depend on fix).
 */
export type OwnerEdit =
  | { kind: 'annotation'; key: string; value: string }
  | { kind: 'runAsUser'; container: string; value: number }

interface OwnerAdvice {
  /** Who owns the spec, in a few words. */
  owner: string
  /** Why a cluster-only change does not last (empty when it does). */
  why: string
  /** One instruction per edit, naming the field at the owner. */
  steps: string[]
  /** How the strategic-merge patch of `fix -o patch` can be used at the owner, when it can. */
  patch?: string
  /** What the owner cannot express. */
  limits: string[]
}

const POD_LEVEL = 'Never move it to the pod-level securityContext (podSecurityContext in most charts): that takes every container out of the mesh (ref §5.1).'

const ann = (e: { key: string; value: string }) => `${e.key}: ${JSON.stringify(e.value)}`

function templatePath(kind: string): string {
  return kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : kind === 'Pod' ? '' : 'spec.template'
}

function directPath(kind: string, e: OwnerEdit): string {
  const t = templatePath(kind)
  const pre = t ? `${t}.` : ''
  return e.kind === 'annotation'
    ? `${pre}metadata.annotations: ${ann(e)}`
    : `${pre}spec.initContainers[name=${e.container}].securityContext.runAsUser: ${e.value}`
}

/** Where each edit goes at the owner, and what the owner cannot express. */
export function adviseOwner(o: Ownership, edits: OwnerEdit[]): OwnerAdvice {
  const self = o.chain[0]!
  const workload = describeLink(self)
  const source = o.chain.length > 1 && o.manager === 'none' ? o.chain[o.chain.length - 1]! : self
  const kind = source.kind
  const limits: string[] = []
  const steps: string[] = []
  let patch: string | undefined
  const owner = ownerTitle(o)
  const why = o.undoneBy ?? ''

  switch (o.manager) {
    case 'helm':
    case 'flux-helm': {
      const where = o.manager === 'helm' ? `the values of ${owner}` : `spec.values of ${owner}`
      for (const e of edits) {
        if (e.kind === 'annotation') steps.push(`Add ${ann(e)} to the pod annotations in ${where} (most charts: podAnnotations, or <component>.podAnnotations; check the chart's values.yaml).`)
        else steps.push(`Set runAsUser: ${e.value} for init container ${e.container} in ${where}: the key is chart-specific (e.g. initContainers, <component>.initContainers or a securityContext value for that container). ${POD_LEVEL}`)
      }
      patch = o.manager === 'helm'
        ? 'If the chart has no value for it, apply the patch from `fix -o patch` with `helm upgrade --post-renderer` (a kustomize post-renderer).'
        : 'If the chart has no value for it, put the patch from `fix -o patch` under spec.postRenderers[].kustomize.patches of the HelmRelease.'
      if (o.upstream) steps.push(`Commit the HelmRelease change through ${ownerTitle(o.upstream)}.`)
      break
    }
    case 'argocd': {
      const app = owner
      if (o.helm) {
        for (const e of edits) {
          if (e.kind === 'annotation') steps.push(`In ${app}'s Helm values (spec.source.helm.valuesObject, values, or a file in valueFiles): add ${ann(e)} to the pod annotations (most charts: podAnnotations).`)
          else steps.push(`In ${app}'s Helm values: set runAsUser: ${e.value} for init container ${e.container} under the chart's key for it. ${POD_LEVEL}`)
        }
        limits.push(`Argo CD renders the chart with helm template and cannot post-render it: if the chart has no value for a change, wrap the chart in a kustomization (helmCharts, with kustomize.buildOptions --enable-helm) and add the patch from \`fix -o patch\` there.`)
      } else {
        const file = o.kustomize?.path ? ` (${o.kustomize.path}${o.kustomize.repo ? ` in ${o.kustomize.repo}` : ''})` : ''
        for (const e of edits) steps.push(`In ${app}'s Git source, ${workload}${file}: ${directPath(kind, e)}.`)
        patch = 'The patch from `fix -o patch` is a strategic-merge patch: add it under patches: of the kustomization the Application points to.'
      }
      break
    }
    case 'flux-kustomize': {
      const file = o.kustomize?.path ? ` (${o.kustomize.path})` : ''
      for (const e of edits) steps.push(`In the Git source of ${owner}, ${workload}${file}: ${directPath(kind, e)}.`)
      patch = `Or add the patch from \`fix -o patch\` to spec.patches of ${owner} (or to the kustomization.yaml at its path).`
      if (o.helm) limits.push(`The manifests were rendered from Helm chart ${o.helm.chart ?? o.helm.release} before being committed: render them again with the change in the values, or the next render drops it.`)
      break
    }
    case 'kustomize': {
      const at = o.kustomize?.path ?? o.kustomize?.configuredIn
      for (const e of edits) steps.push(`In the kustomization that builds ${workload}${at ? ` (resource ${at}${o.kustomize?.repo ? ` from ${o.kustomize.repo}` : ''})` : ''}: ${directPath(kind, e)}.`)
      patch = 'The patch from `fix -o patch` is a strategic-merge patch: add it under patches: of the overlay.'
      if (o.kustomize?.repo) limits.push(`The resource comes from the remote base ${o.kustomize.repo}${o.kustomize.ref ? `@${o.kustomize.ref}` : ''}: patch it in your overlay rather than editing the base.`)
      if (o.kustomize?.configuredBy === 'HelmChartInflationGenerator') limits.push('It is inflated from a Helm chart (helmCharts): prefer the chart\'s values (valuesInline) where the chart has one.')
      break
    }
    case 'operator': {
      const r = o.resource!
      const f = operatorFields(r)
      const crd = `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`
      for (const e of edits) {
        if (f?.generatedFrom) { steps.push(`${crd} is generated from ${f.generatedFrom}: make the change there.`); break }
        if (e.kind === 'annotation') steps.push(f?.annotations ? `In ${crd}: ${f.annotations}: ${ann(e)}.` : `In ${crd}: the field its operator copies into the pod annotations (see the ${r.apiVersion ?? r.kind} CRD): ${ann(e)}.`)
        else if (f?.initSecurityContext) steps.push(`In ${crd}: ${f.initSecurityContext.replace('<container>', e.container)}.runAsUser: ${e.value}.`)
        else if (f && f.initSecurityContext === null) limits.push(`${crd}: ${f.note ?? `no field for the securityContext of init container ${e.container}`}; use an annotation-based fix instead (exclusions or a native sidecar).`)
        else steps.push(`In ${crd}: the field for init container ${e.container}'s securityContext, if its CRD has one: runAsUser: ${e.value}.`)
      }
      limits.push(`A patch to ${workload} is overwritten by ${f?.operator ?? 'the operator'}; \`fix -o patch\` output does not apply here.`)
      if (o.upstream) steps.push(`${crd} itself comes from ${ownerTitle(o.upstream)}: commit the change there.`)
      break
    }
    default: {
      const target = o.chain.length > 1 ? `${describeLink(source)}${source.missing ? ' (not in the input)' : ''}` : workload
      for (const e of edits) steps.push(`${target}: ${directPath(kind, e)}.`)
      if (self.kind === 'Pod') limits.push('A Pod\'s init containers cannot be changed in place: change the object that creates it, or recreate the Pod.')
      break
    }
  }
  return { owner, why, steps, ...(patch ? { patch } : {}), limits }
}

/**
 * Whether `fix` may apply to the cluster without --force: nothing re-renders the object. A kustomize
 * build with no controller behind it is allowed (nothing reverts it), with the advice as a warning.
 */
export const applyAllowed = (o: Ownership) => !o.reverted

/** The refusal `fix` prints for a managed object (stderr, one paragraph). */
export function refusal(o: Ownership): string {
  const refs = o.evidence.filter((e) => e.startsWith('ownerReferences'))
  const reason = o.manager === 'operator' ? refs[refs.length - 1] : o.evidence.find((e) => !e.startsWith('ownerReferences') && !e.startsWith('label pod-template-hash'))
  return `refusing to change ${describeLink(o.chain[0]!)} in the cluster: it is managed by ${ownerTitle(o)}${reason ? ` (${reason})` : ''}. Change it at ${o.changeAt}. Use --force to apply anyway, or -o patch for the repository.`
}
