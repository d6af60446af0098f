// JUnit XML for CI test reports: one testsuite, one testcase per workload.
// A testcase fails when its workload reaches the `--fail-on` level (classify/result/threshold.ts), so the
// report and the exit code always agree: with the default `breaks`, a `review` workload passes
// (its findings are in <system-out>); with `--fail-on review` it fails. `not-meshed` workloads are
// <skipped> (the migration does not touch them) unless they reach the level (`--fail-on warning`).
// A live check adds one testcase for its cluster findings (classname `cluster`, name the context).
import { MESSAGES } from '../classify/result/messages.js'
import type { CheckResult, Finding, WorkloadResult } from '../classify/result/result.js'
import { clusterReaches, type FailOn, isExplanation, isReason, reaches, reasonVerdict, suppressionOf } from '../classify/result/threshold.js'

// XML 1.0 allows no other control characters, not even escaped.
const INVALID = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
export const xml = (s: string) => s.replace(INVALID, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]!)

function line(f: Finding): string {
  const s = suppressionOf(f)
  const head = `${f.code} ${f.severity}: ${f.message}`
  if (s) return `${head}\n  suppressed by ${s.by}${s.reason ? `: ${s.reason}` : ''}`
  const fix = MESSAGES.get(f.code)?.remediation
  return fix ? `${head}\n  fix: ${fix}` : head
}

/** The finding that explains the verdict: the first unsuppressed reason of that verdict. */
function why(w: WorkloadResult): string {
  const live = w.findings.filter((f) => !suppressionOf(f))
  return (live.find((f) => reasonVerdict(f) === w.verdict) ?? live.find(isReason) ?? live.find((f) => f.severity !== 'info'))?.message ?? w.verdict
}

function testcase(w: WorkloadResult, failOn: FailOn): string {
  const attrs = `classname="${xml(w.namespace)}" name="${xml(`${w.kind}/${w.name}`)}"`
  const problems = w.findings.filter((f) => !isExplanation(f) && !suppressionOf(f) && f.severity !== 'info')
  const rest = w.findings.filter((f) => !problems.includes(f) && !isExplanation(f))
  const inner: string[] = []
  if (reaches(w, failOn)) {
    const type = w.verdict === 'breaks' || w.verdict === 'review' ? w.verdict : 'warning'
    const message = type === 'warning' ? problems[0]?.message ?? why(w) : why(w)
    inner.push(`<failure message="${xml(message)}" type="${type}">${xml(problems.map(line).join('\n'))}</failure>`)
  } else {
    if (w.verdict === 'not-meshed') inner.push(`<skipped message="${xml(why(w))}"/>`)
    rest.unshift(...problems)
  }
  const out = [`verdict: ${w.verdict}: ${why(w)}`, `source: ${w.source}`, ...rest.map(line)]
  inner.push(`<system-out>${xml(out.join('\n'))}</system-out>`)
  return `    <testcase ${attrs}>\n${inner.map((s) => `      ${s}`).join('\n')}\n    </testcase>`
}

/** A live check's cluster findings (ICNI03xx) as one more testcase, `classname="cluster"`; offline, an install's preflight as `classname="install"`. */
function clusterCase(result: CheckResult, failOn: FailOn): string | undefined {
  const c = result.cluster ? { kind: 'cluster', name: result.cluster.context, findings: result.cluster.findings }
    : result.install ? { kind: 'install', name: result.install.cni.from, findings: result.install.findings } : undefined
  if (!c) return undefined
  const live = c.findings.filter((f) => !suppressionOf(f))
  const inner: string[] = []
  if (clusterReaches(result, failOn)) {
    const failing = live.filter((f) => f.severity === 'error' || (f.severity === 'warning' && failOn === 'warning'))
    inner.push(`<failure message="${xml(failing[0]!.message)}" type="${c.kind}">${xml(failing.map(line).join('\n'))}</failure>`)
  }
  inner.push(`<system-out>${xml(c.findings.map(line).join('\n') || `no ${c.kind} findings`)}</system-out>`)
  return `    <testcase classname="${c.kind}" name="${xml(c.name)}">\n${inner.map((s) => `      ${s}`).join('\n')}\n    </testcase>`
}

/** JUnit XML of the result; `failOn` decides which workloads are failures (default `breaks`). */
export function renderJunit(result: CheckResult, failOn: FailOn = 'breaks'): string {
  const ws = result.workloads
  const cluster = clusterCase(result, failOn)
  const failures = ws.filter((w) => reaches(w, failOn)).length + (clusterReaches(result, failOn) ? 1 : 0)
  const skipped = ws.filter((w) => w.verdict === 'not-meshed' && !reaches(w, failOn)).length
  const counts = `tests="${ws.length + (cluster ? 1 : 0)}" failures="${failures}" errors="0" skipped="${skipped}"`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kubectl-istiocni" ${counts}>`,
    `  <testsuite name="kubectl-istiocni check" ${counts}>`,
    ...ws.map((w) => testcase(w, failOn)),
    ...(cluster ? [cluster] : []),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
