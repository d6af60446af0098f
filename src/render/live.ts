// The table of a live check (issue #4): the offline columns plus what the pods run now, what new
// pods would get and how many need a restart; then the cluster section and its migration blockers.
import type { CheckResult, ClusterSection, LiveFacts, Mode } from '../classify/result/result.js'
import { MODES } from '../classify/result/result.js'
import { checkTable, summaryLine } from './table.js'
import { findingLines, platformLine, settingsLine } from './preflight.js'

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
  const header = ['NAMESPACE', 'WORKLOAD', 'VERDICT', 'PODS', 'RESTART', 'AT RISK', 'WHY', ...(wide ? ['MODE NOW→NEW', 'INIT CONTAINERS', 'EVIDENCE'] : [])]
  const table = result.workloads.length ? checkTable(result, header, (w) => ({ PODS: podsCell(w.live), RESTART: restartCell(w.live), 'MODE NOW→NEW': modeCell(w.live) }), wide, color, headers) : ''
  if (!headers) return table
  const restart = result.workloads.filter((w) => w.live?.needsRestart.length).length
  const broken = result.workloads.reduce((sum, w) => sum + (w.live?.brokenNow.length ?? 0), 0)
  const summary = `${summaryLine(result, color)}; ${broken} pod${broken === 1 ? '' : 's'} broken now, ${restart} workload${restart === 1 ? '' : 's'} to restart\n`
  const cluster = result.cluster ? renderCluster(result.cluster, color) : ''
  // Preflight blockers stop the migration as a whole: they come before the workload rows.
  if (result.cluster?.findings.some((f) => f.blocking)) return `${cluster}\n${table}${table ? '\n' : ''}${summary}`
  return `${table}${table ? '\n' : ''}${summary}${cluster ? `\n${cluster}` : ''}`
}
