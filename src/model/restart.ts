// The shapes a restart is planned and reported in (issue #6): shared by restart/ (the plan and the
// report), cluster/rollout.ts (which runs it) and render/ (which prints it).
import type { Mode } from './istio.js'
import type { KObject } from './k8s.js'

export type Action = 'rollout' | 'restart-at' | 'evict' | 'delete'

export interface WorkloadRef {
  kind: string
  namespace: string
  name: string
}

export interface PlannedRestart extends WorkloadRef {
  /** 1-based position in the rollout order. */
  order: number
  /** rollout: patch the template's restartedAt; restart-at: set an Argo Rollout's spec.restartAt; evict: evict the pods one at a time; delete: delete a bare pod. */
  action: Action
  /** Why it is restarted, in one line. */
  reason: string
  /** Pods of the workload now, and those the restart replaces (all of them for a rollout). */
  pods: { total: number; replace: string[] }
  /** Nodes the replaced pods run on now. */
  nodes: string[]
  revision?: string
  /** The mode new pods get. */
  newMode: Mode
  /** How the action behaves for this workload (update strategy, PDBs). */
  notes: string[]
  /** Set when --force overrode a refusal: what the user risks. */
  forced?: string
  /** Its last rollout was still in progress when read: it is waited on, not restarted again. */
  resume?: true
}

/** planned: a dry run (with --dry-run=server, the API server accepted the writes). */
export type ResultStatus = 'restarted' | 'deleted' | 'failed' | 'interrupted' | 'not-started' | 'planned'

/** What happened to one planned workload. */
export interface Outcome extends WorkloadRef {
  order: number
  action: Action
  result: ResultStatus
  /** One line: what happened, or why it failed (the pod and the reason). */
  detail: string
  durationMs: number
  /** The failure was an API error (forbidden, not found…), not a rollout whose pods failed. */
  error?: boolean
}

/** A pod's Ready condition (else: running with every container ready). */
export const isPodReady = (p: KObject): boolean => {
  const ready = (p.status?.conditions ?? []).find((c: any) => c?.type === 'Ready')
  if (ready) return ready.status === 'True'
  const cs: any[] = p.status?.containerStatuses ?? []
  return p.status?.phase === 'Running' && cs.length > 0 && cs.every((c) => c?.ready === true)
}

