// What fails the run (`--fail-on`) and what is shown (`--show`): two separate thresholds over the
// same levels, as in Istio's analyzers (output level apart from failure level). Pure functions.
//
// Levels, each including the ones before it:
//   breaks   a workload whose verdict is `breaks`;
//   review   … or whose verdict is `review`;
//   warning  … or that has an unsuppressed finding of level warning or error (side findings
//            such as ICNI0201 PodRunsAsProxyUid or ICNI0203 InvalidTrafficAnnotation).
// `--show all` (the default) shows every workload, `ok` and `not-meshed` included.
// Suppressed findings never count toward a level (their verdict is recomputed by suppress.ts).
// Cluster findings of a live check (ICNI03xx, `result.cluster.findings`) have no verdict: an
// error-level one (the CNI agent is missing or not ready: CNI-mode pods break) fails the run at
// every level, a warning-level one from `warning` on. The same holds offline for the findings on
// a CNI install in the input (`result.install.findings`, issue #15).
import type { CheckResult, Finding, Suppression, WorkloadResult } from './result.js'
import { roleOf } from './messages.js'

export const FAIL_ON = ['breaks', 'review', 'warning'] as const
export type FailOn = (typeof FAIL_ON)[number]
export const SHOW = ['all', ...FAIL_ON] as const
export type Show = (typeof SHOW)[number]

/** The suppression a finding carries, if any (set by `applySuppressions`). */
export const suppressionOf = (f: Finding): Suppression | undefined => (f as Finding & { suppressed?: Suppression }).suppressed

/** A verdict reason (role `reason` in the message table, the ICNI01xx codes). */
export const isReason = (f: Finding): boolean => roleOf(f) === 'reason'

/**
 * An error-level verdict reason makes the workload break, a warning-level one puts it in review;
 * info-level ones (ICNI0107, ICNI0108) only explain an `ok` or `not-meshed` verdict and are never problems.
 */
export function reasonVerdict(f: Finding): 'breaks' | 'review' | undefined {
  if (!isReason(f)) return undefined
  return f.severity === 'error' ? 'breaks' : f.severity === 'warning' ? 'review' : undefined
}

/** A finding that only explains an `ok`/`not-meshed` verdict: nothing to fix, suppress or report. */
export const isExplanation = (f: Finding): boolean => isReason(f) && f.severity === 'info'

/** Does the workload reach the level? */
export function reaches(w: WorkloadResult, level: FailOn): boolean {
  if (w.verdict === 'breaks') return true
  if (level === 'breaks') return false
  if (w.verdict === 'review') return true
  if (level === 'review') return false
  return w.findings.some((f) => f.severity !== 'info' && !suppressionOf(f))
}

/** Does a live check's cluster section (or, offline, the install's preflight) reach the level? */
export function clusterReaches(result: CheckResult, level: FailOn): boolean {
  return [...(result.cluster?.findings ?? []), ...(result.install?.findings ?? [])].some((f) => !suppressionOf(f) && (f.severity === 'error' || (f.severity === 'warning' && level === 'warning')))
}

/** Should the run exit non-zero (exit code 3, "found something")? */
export function failing(result: CheckResult, failOn: FailOn): boolean {
  return result.workloads.some((w) => reaches(w, failOn)) || clusterReaches(result, failOn)
}

/**
 * The part of the result to print: workloads at the `show` level, without their suppressed
 * findings unless `showSuppressed`. The summary stays the count of the whole run, so hidden and
 * suppressed items are still counted.
 */
export function shown(result: CheckResult, show: Show, showSuppressed = false): CheckResult {
  const workloads = result.workloads
    .filter((w) => show === 'all' || reaches(w, show))
    .map((w) => (showSuppressed || !w.findings.some(suppressionOf) ? w : Object.assign({}, w, { findings: w.findings.filter((f) => !suppressionOf(f)) })))
  return { ...result, workloads }
}
