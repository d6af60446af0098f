// The migration preflight's lines (issue #15): the platform, the CNI agent's effective settings and
// the findings, for the cluster section of a live check and the install section offline.
import type { CniSettings, Finding, InstallSection, PlatformInfo, Severity } from '../classify/result/result.js'
import { PLATFORMS } from '../classify/cluster/platform.js'
import { type Colour, paint } from './streams.js'
import { layout } from './table.js'

const SEVERITY_COLOUR: Record<Severity, Colour> = { error: 'red', warning: 'yellow', info: 'dim' }

/** `platform GKE (providerID gce://…); primary CNI Calico (kube-system/calico-node)`. */
export function platformLine(p: PlatformInfo): string {
  const name = p.name ? `platform ${PLATFORMS[p.name]?.label ?? p.name} (${p.from})` : 'platform unknown (name it with --platform)'
  const cni = p.primaryCni ? `primary CNI ${p.primaryCni.name} (${p.primaryCni.daemonSet})` : 'primary CNI not found'
  return `${name}; ${cni}${p.multus ? `; Multus (${p.multus})` : ''}`
}

/** `bin /opt/cni/bin, conf /etc/cni/net.d; chained`. */
export function settingsLine(s: CniSettings): string {
  const dirs = [`bin ${s.binDir ?? '-'}`, `conf ${s.confDir ?? '-'}`, ...(s.ambient ? [`netns ${s.netnsDir ?? '-'}`] : [])].join(', ')
  const mode = s.chained ? 'chained' : `standalone${s.confName ? ` ${s.confName}` : ''}`
  return `${dirs}; ${mode}${s.provider && s.provider !== 'default' ? `, provider ${s.provider}` : ''}${s.ambient ? ', ambient' : ''}`
}

/** The findings as an indented severity/code/message table, blockers marked. */
export function findingLines(findings: Finding[], color: boolean): string {
  const p = paint(color)
  const rows = findings.map((f) => [f.blocking ? `${f.severity}!` : f.severity, f.code, f.message])
  return layout(['', '', ''], rows, (r, col, s) => (r >= 0 && col === 0 ? p(SEVERITY_COLOUR[s.replace('!', '') as Severity], s) : s)).split('\n').slice(1).map((l) => (l ? `  ${l}` : l)).join('\n').trimEnd()
}

/** Offline: the install found in the input. */
export function renderInstall(i: InstallSection, color: boolean): string {
  const s = i.cni
  const lines = [
    `CNI install: ${s.from} in namespace ${s.namespace}${s.version ? ` ${s.version}` : ''}; ${platformLine(i.platform)}`,
    `  ${settingsLine(s)}`,
    i.findings.length ? `Preflight (! blocks the migration):\n${findingLines(i.findings, color)}` : 'Preflight: nothing found',
  ]
  return `${lines.join('\n')}\n`
}
