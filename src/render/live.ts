// The table of a live check (issue #4): the offline columns plus what the pods run now, what new
// pods would get and how many need a restart; then the cluster section and its migration blockers.
import type { CheckResult, ClusterSection, LiveFacts, Mode, Verdict, WorkloadResult } from '../classify/result/result.js'
import { MODES } from '../classify/result/result.js'
import { type Colour, paint } from './streams.js'
import { fitWidth, layout, summaryLine, verdictReason, withoutHeader } from './table.js'
import { findingLines, platformLine, settingsLine } from './preflight.js'

const VERDICT_COLOUR: Record<Verdict, Colour> = { breaks: 'red', review: 'yellow', ok: 'green', 'not-meshed': 'dim' }

const initCell = (w: WorkloadResult) => (w.initContainers.length ? w.initContainers.map((c) => `${c.name}(${c.network}${c.exempt ? `, ${c.exempt.split(':')[0]}` : ''})`).join(' ') : '<none>')

/** `2` or `2 (1 broken)`. */
const podsCell = (l: LiveFacts | undefined) => (!l ? '-' : `${l.pods}${l.brokenNow.length ? ` (${l.brokenNow.length} broken)` : ''}`)

/** `legacy→cni`, `legacy:1+cni:1→cni` when the pods differ, `-→cni` without pods. */
function modeCell(l: LiveFacts | undefined): string {
  if (!l) return '-'
  const now = MODES.filter((m: Mode) => l.modes[m] > 0)
  const left = !now.length ? '-' : now.length === 1 ? now[0]! : now.map((m) => `${m}:${l.modes[m]}`).join('+')
  return `${left}→${l.newMode}`
}

const restartCell = (l: LiveFacts | undefined) => (l?.needsRestart.length ? String(l.needsRestart.length) : '-')

const yesNo = (v: boolean | string | null, on: string, off: string, unknown: string) => (v === null ? unknown : v === true ? on : v === false ? off : `${v}`)

function renderCluster(c: ClusterSection, color: boolean): string {
  const lines: string[] = []
  const scope = c.scope.allNamespaces ? 'all namespaces' : `namespace ${c.scope.namespace}`
  lines.push(`Cluster: context ${c.context}, ${scope}${c.scope.selector ? `, selector ${c.scope.selector}` : ''}; ${c.istio.found ? `Istio in ${c.istio.namespaces.join(', ')}` : 'no Istio found'}`)
  lines.push(`  ${platformLine(c.platform)}`)
  for (const r of c.revisions) {
    const bits = [
      `CNI ${yesNo(r.cniEnabled, 'on', 'off', 'unknown')}`,
      `native sidecars ${yesNo(r.nativeSidecars, 'on', 'off', 'unset')}`,
      ...(r.dnsCapture ? ['DNS capture on'] : []),
      ...(r.tags.length ? [`tags ${r.tags.join(', ')}`] : []),
      ...(r.istiod ? [`istiod ${r.istiod}`] : []),
    ]
    lines.push(`  revision ${r.name}: ${bits.join(', ')}`)
  }
  if (c.cni) {
    const a = c.cni
    const excluded = a.excludeKey === 'EXCLUDED_NAMESPACES' ? 'excludes no namespace (EXCLUDED_NAMESPACES is ignored)'
      : a.excludeNamespaces.length ? `excludes ${a.excludeNamespaces.join(', ')}` : 'excludes no namespace'
    const repair = !a.repair.enabled ? 'repair off' : `repair: ${[a.repair.repairPods && 'repair pods', a.repair.deletePods && 'delete pods', a.repair.labelPods && 'label pods'].filter(Boolean).join(', ') || 'on'}`
    lines.push(`  CNI node agent ${a.namespace}/${a.name}${a.version ? ` ${a.version}` : ''}: ready on ${a.ready} of ${a.desired} nodes${a.nodes !== null ? ` (${a.nodes} Linux nodes)` : ''}; ${excluded}; ${repair}`)
    lines.push(`    ${settingsLine(a)}`)
  } else if (c.istio.found) {
    lines.push('  CNI node agent: not found')
  }
  if (c.skippedNamespaces.length) lines.push(`  skipped (forbidden): ${c.skippedNamespaces.join(', ')}`)
  const blockers = c.findings
  if (!blockers.length) lines.push('Migration blockers: none')
  else {
    lines.push(`Migration blockers and notes${blockers.some((f) => f.blocking) ? ' (! blocks restart and fix until resolved)' : ''}:`)
    lines.push(findingLines(blockers, color))
  }
  return `${lines.join('\n')}\n`
}

export function renderLiveTable(result: CheckResult, wide: boolean, color: boolean, headers = true): string {
  const p = paint(color)
  const header = ['NAMESPACE', 'WORKLOAD', 'VERDICT', 'PODS', 'MODE NOW→NEW', 'RESTART', 'INIT CONTAINERS', 'WHY', ...(wide ? ['EVIDENCE'] : [])]
  const rows = result.workloads.map((w) => [
    w.namespace, `${w.kind.toLowerCase()}/${w.name}`, w.verdict, podsCell(w.live), modeCell(w.live), restartCell(w.live), initCell(w), verdictReason(w),
    ...(wide ? [w.initContainers.filter((c) => c.network !== 'none').map((c) => `${c.name}: ${c.evidence.join('; ')}`).join(' | ') || '-'] : []),
  ])
  const table = result.workloads.length ? layout(header, wide ? rows : fitWidth(header, rows), (r, c, s) => (r >= 0 && c === 2 ? p(VERDICT_COLOUR[s as Verdict], s) : s)) : ''
  if (!headers) return withoutHeader(table)
  const restart = result.workloads.filter((w) => w.live?.needsRestart.length).length
  const broken = result.workloads.reduce((sum, w) => sum + (w.live?.brokenNow.length ?? 0), 0)
  const summary = `${summaryLine(result, color)}; ${broken} pod${broken === 1 ? '' : 's'} broken now, ${restart} workload${restart === 1 ? '' : 's'} to restart\n`
  const cluster = result.cluster ? renderCluster(result.cluster, color) : ''
  // Preflight blockers stop the migration as a whole: they come before the workload rows.
  if (result.cluster?.findings.some((f) => f.blocking)) return `${cluster}\n${table}${table ? '\n' : ''}${summary}`
  return `${table}${table ? '\n' : ''}${summary}${cluster ? `\n${cluster}` : ''}`
}
