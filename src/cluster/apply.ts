// Writes fixes to a cluster: one strategic-merge PATCH per workload, carrying the object's
// resourceVersion so a concurrent change is a 409, never a silent overwrite.
import type { KObject } from '../model/k8s.js'
import { KINDS } from '../model/kinds.js'
import { connect, KubeError, parseRequestTimeout, type Kube } from './kube.js'

/** REST path of the kinds `fix` changes (their pod templates). */
const RESOURCES: Record<string, string> = {
  Deployment: '/apis/apps/v1/namespaces/{ns}/deployments/{name}',
  StatefulSet: '/apis/apps/v1/namespaces/{ns}/statefulsets/{name}',
  DaemonSet: '/apis/apps/v1/namespaces/{ns}/daemonsets/{name}',
  ReplicaSet: '/apis/apps/v1/namespaces/{ns}/replicasets/{name}',
  ReplicationController: '/api/v1/namespaces/{ns}/replicationcontrollers/{name}',
  CronJob: '/apis/batch/v1/namespaces/{ns}/cronjobs/{name}',
}

/** Why a kind's pod template cannot be patched in place, if it cannot. */
export function notPatchable(kind: string): string | undefined {
  const why = KINDS.find((k) => k.name === kind)?.noLivePatch
  return why ?? (RESOURCES[kind] ? undefined : `${kind} is not a kind fix can patch on a cluster: fix its manifest (fix -f) instead`)
}

export const objectPath = (o: KObject) => RESOURCES[o.kind!]!.replace('{ns}', encodeURIComponent(o.metadata?.namespace ?? 'default')).replace('{name}', encodeURIComponent(o.metadata?.name ?? ''))

export const STRATEGIC = 'application/strategic-merge-patch+json'

export interface Target { kubeconfig?: string; context?: string; requestTimeout?: string }

export async function connectTo(t: Target): Promise<Kube> {
  return connect({ timeoutMs: parseRequestTimeout(t.requestTimeout), ...(t.kubeconfig ? { kubeconfig: t.kubeconfig } : {}), ...(t.context ? { context: t.context } : {}) })
}

export type PatchOutcome = { status: 'applied'; object: KObject; retried: boolean } | { status: 'failed'; message: string }

/**
 * PATCHes `patchFor(current)`; on a 409 (someone changed the object since it was read) it reads
 * the object again, plans again with `patchFor`, and tries once more.
 */
export async function applyPatch(kube: Kube, object: KObject, patchFor: (current: KObject) => KObject | undefined): Promise<PatchOutcome> {
  let current = object
  for (let attempt = 0; attempt < 2; attempt++) {
    const body = patchFor(current)
    if (!body) return { status: 'applied', object: current, retried: attempt > 0 }
    try {
      return { status: 'applied', object: await kube.patch(objectPath(current), body, STRATEGIC), retried: attempt > 0 }
    } catch (e) {
      if (!(e instanceof KubeError)) throw e
      if (e.status !== 409 || attempt > 0) return { status: 'failed', message: e.message }
      current = { apiVersion: object.apiVersion, kind: object.kind, ...(await kube.get(objectPath(object))) }
    }
  }
  return { status: 'failed', message: 'conflict after a re-read' }
}

export { KubeError }
