// What `restart` reports (issue #6): the plan with each workload's result, as one shape for the
// table, `-o json` and `-o yaml`; and the exit code it implies. Pure.
import { type Action, type PlannedRestart, type Precondition, type RestartPlan, SKIP_KIND, type SkippedRestart, type WorkloadRef } from './plan.js'

export type ResultStatus = 'restarted' | 'deleted' | 'failed' | 'interrupted' | 'not-started'

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

export interface ReportedRestart extends PlannedRestart {
  /** `planned` in a dry run. */
  result: ResultStatus | 'planned'
  detail?: string
  durationMs?: number
  error?: boolean
}

export interface RestartReport {
  context: string
  dryRun: boolean
  /** Every precondition holds; otherwise nothing was restarted. */
  ready: boolean
  preconditions: Precondition[]
  /** The workloads selected, in order, with what happened to each. */
  restart: ReportedRestart[]
  /** Left alone: refused for safety (`safety: true`) or nothing to do here. */
  skipped: SkippedRestart[]
  summary: { planned: number; restarted: number; deleted: number; failed: number; interrupted: number; notStarted: number; refused: number; manual: number; skipped: number }
}

export function buildReport(plan: RestartPlan, outcomes: Outcome[] | undefined): RestartReport {
  const restart = plan.restart.map((e): ReportedRestart => {
    const o = outcomes?.find((x) => x.order === e.order)
    if (!o) return { ...e, result: outcomes ? 'not-started' : 'planned', ...(outcomes ? { detail: 'not started' } : {}) }
    return { ...e, result: o.result, detail: o.detail, durationMs: o.durationMs, ...(o.error ? { error: true } : {}) }
  })
  const count = (r: ReportedRestart['result']) => restart.filter((x) => x.result === r).length
  return {
    context: plan.context,
    dryRun: outcomes === undefined,
    ready: plan.ready,
    preconditions: plan.preconditions,
    restart,
    skipped: plan.skipped,
    summary: {
      planned: count('planned'), restarted: count('restarted'), deleted: count('deleted'), failed: count('failed'),
      interrupted: count('interrupted'), notStarted: count('not-started'),
      refused: plan.skipped.filter((s) => SKIP_KIND[s.skip] === 'refused').length,
      manual: plan.skipped.filter((s) => SKIP_KIND[s.skip] === 'manual').length,
      skipped: plan.skipped.filter((s) => SKIP_KIND[s.skip] === 'skip').length,
    },
  }
}

export const EXIT_INTERRUPTED = 130

/**
 * 0: every selected workload restarted, or nothing to do; 3: something refused or skipped for
 * safety, a precondition unmet, a rollout failed or not started; 1: an API error; 130: Ctrl-C.
 */
export function exitCodeOf(r: RestartReport, interrupted: boolean): number {
  if (r.restart.some((x) => x.error)) return 1
  if (interrupted) return EXIT_INTERRUPTED
  const s = r.summary
  return !r.ready || s.failed || s.notStarted || s.interrupted || s.refused || s.manual ? 3 : 0
}
