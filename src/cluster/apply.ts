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

/** A change of the pod template makes the controller replace the pods (OnDelete waits for deletions). */
export function rollsPods(o: KObject): boolean {
  return ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind ?? '') && o.spec?.updateStrategy?.type !== 'OnDelete'
}

export type PatchOutcome =
  /** The server changed the object (or, in a dry run, would have). */
  | { status: 'patched'; object: KObject; conflict: boolean }
  /** The server stored nothing: the object already had the change. */
  | { status: 'unchanged' }
  /** After a conflict, the object read again needs no change. */
  | { status: 'already-fixed' }
  /** After a conflict, the change planned again differs from the one shown, and was not approved. */
  | { status: 'declined' }
  | { status: 'failed'; message: string }

export interface PatchOptions {
  /** --dry-run=server: the PATCH carries dryRun=All. */
  dryRun?: boolean
  /** Asked when the change planned after a conflict is not the one that was shown. */
  approve(current: KObject, body: KObject): Promise<boolean>
}

const generation = (o: KObject | undefined) => (o?.metadata as { generation?: number } | undefined)?.generation
/** A patch body without the resourceVersion it was planned on. */
const sameChange = (a: KObject, b: KObject) => JSON.stringify({ ...a, metadata: { ...a.metadata, resourceVersion: undefined } }) === JSON.stringify({ ...b, metadata: { ...b.metadata, resourceVersion: undefined } })

/**
 * PATCHes `patchFor(object)`, carrying the resourceVersion it was planned on. On a 409 (someone
 * changed the object since it was read) it reads the object again and plans again: nothing left
 * to do is "already fixed"; a different change is written only if `approve` says so (what is
 * written is what was shown); a second conflict is a failure.
 */
export async function applyPatch(kube: Kube, object: KObject, patchFor: (current: KObject) => KObject | undefined, o: PatchOptions): Promise<PatchOutcome> {
  const shown = patchFor(object)
  if (!shown) return { status: 'already-fixed' }
  let current = object
  let body = shown
  let conflict = false
  for (;;) {
    try {
      const result: KObject = await kube.patch(objectPath(current), body, STRATEGIC, o.dryRun ? { dryRun: 'All' } : undefined)
      const same = result.metadata?.resourceVersion === current.metadata?.resourceVersion && generation(result) === generation(current)
      return same ? { status: 'unchanged' } : { status: 'patched', object: result, conflict }
    } catch (e) {
      if (!(e instanceof KubeError)) throw e
      if (e.status !== 409 || conflict) return { status: 'failed', message: e.message }
    }
    conflict = true
    try {
      current = { apiVersion: object.apiVersion, kind: object.kind, ...(await kube.get(objectPath(object))) }
    } catch (e) {
      if (e instanceof KubeError) return { status: 'failed', message: e.message }
      throw e
    }
    const again = patchFor(current)
    if (!again) return { status: 'already-fixed' }
    if (!sameChange(again, shown) && !(await o.approve(current, again))) return { status: 'declined' }
    body = again
  }
}

export { KubeError }
