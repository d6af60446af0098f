// What `restart` reports (issue #6): the plan with each workload's result, as one shape for the
// table, `-o json` and `-o yaml`; and the exit code it implies. Pure.
import { EXIT, SIGNAL_EXIT, type StopSignal } from '../model/exit.js'
import { type Precondition, type RestartPlan, SKIP_KIND, type SkippedRestart } from './plan.js'
import type { Outcome, PlannedRestart, ResultStatus } from '../model/restart.js'

export interface ReportedRestart extends PlannedRestart {
  /** `planned` in a dry run. */
  result: ResultStatus
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

/** `dryRun`: no outcomes (--dry-run=client), or outcomes of writes the server only validated (--dry-run=server). */
export function buildReport(plan: RestartPlan, outcomes: Outcome[] | undefined, dryRun = outcomes === undefined): RestartReport {
  const restart = plan.restart.map((e): ReportedRestart => {
    const o = outcomes?.find((x) => x.order === e.order)
    if (!o) return { ...e, result: outcomes ? 'not-started' : 'planned', ...(outcomes ? { detail: 'not started' } : {}) }
    return { ...e, result: o.result, detail: o.detail, durationMs: o.durationMs, ...(o.error ? { error: true } : {}) }
  })
  const count = (r: ReportedRestart['result']) => restart.filter((x) => x.result === r).length
  return {
    context: plan.context,
    dryRun,
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

/**
 * From the table (model/exit.ts): 1 an API error; 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP;
 * 3 something refused or skipped for safety, a precondition unmet, a rollout failed or not
 * started; 4 nothing of that, but the read was partial; 0 every selected workload restarted, or
 * nothing to do.
 */
export function exitCodeOf(r: RestartReport, stopped: StopSignal | false | undefined, incomplete = false): number {
  if (r.restart.some((x) => x.error)) return EXIT.error
  if (stopped) return SIGNAL_EXIT[stopped]
  const s = r.summary
  if (!r.ready || s.failed || s.notStarted || s.interrupted || s.refused || s.manual) return EXIT.found
  return incomplete ? EXIT.incomplete : EXIT.ok
}
