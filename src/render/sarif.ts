// SARIF 2.1.0 (OASIS errata01) for code-scanning services: one run, the message table as rules,
// one result per finding, located at the file and line where the workload's YAML document starts.
import { relative, resolve, sep } from 'node:path'
import { type Message, MESSAGES, type Role } from '../classify/result/messages.js'
import type { CheckResult, Finding, Severity, WorkloadResult } from '../classify/result/result.js'
import { isExplanation, suppressionOf } from '../classify/result/threshold.js'
import type { Sourced } from '../model/input.js'
import { refNote } from './codes.js'

export const HOMEPAGE = 'https://github.com/kubectl-istiocni/kubectl-istiocni'
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
const DOCS = `${HOMEPAGE}/blob/main/docs/codes.md`

/** Where a workload's source (`<file>:<line>`) is: a URI relative to the working directory, and its line. */
type Locate = (source: string) => { uri: string; line?: number } | undefined

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' }
const TAG: Record<Role, string> = { reason: 'verdict-reason', cluster: 'live-check', side: 'side-finding', input: 'side-finding' }

/** `<file>:<line>` or `<file>:<line>/items/<i>` (a List's item) → `<file>`. */
const fileOf = (source: string) => source.replace(/:\d+(?:\/items\/\d+)*$/, '')

/** The locator for objects read by `readFiles`: stdin and live objects have no file to point at. */
export function fileLocator(objects: readonly Sourced[], cwd: string): Locate {
  const lines = new Map(objects.map((o) => [o.source, o.line]))
  return (source) => {
    if (!lines.has(source)) return undefined
    const file = fileOf(source)
    if (file === source || file === '<stdin>') return undefined
    const uri = relative(cwd, resolve(cwd, file)).split(sep).map(encodeURIComponent).join('/')
    const line = lines.get(source)
    return { uri, ...(line ? { line } : {}) }
  }
}

function rule(m: Message) {
  const description = m.description ?? m.template
  const ref = m.ref ? `Reference: ${refNote(m.ref)}.` : ''
  return {
    id: m.code,
    name: m.name,
    shortDescription: { text: m.template.replace(/\{(\w+)\}/g, '<$1>') },
    fullDescription: { text: description },
    helpUri: `${DOCS}#${m.code.toLowerCase()}`,
    help: {
      text: [description, `Remediation: ${m.remediation}`, ref].filter(Boolean).join('\n\n'),
      markdown: [description, `**Remediation:** ${m.remediation}`, ref, `[${m.code} in docs/codes.md](${DOCS}#${m.code.toLowerCase()})`].filter(Boolean).join('\n\n'),
    },
    defaultConfiguration: { level: LEVEL[m.severity], ...(m.retired ? { enabled: false } : {}) },
    properties: { tags: ['kubernetes', 'istio', TAG[m.role]] },
  }
}

/** Where a result is: the workload's file and line when known, and its logical name. */
interface Where {
  physical?: { uri: string; line?: number }
  logical: { name: string; fullyQualifiedName: string; kind: string }
}

function sarifResult(f: Finding, text: string, where: Where, ruleIndex: number, fingerprint: string) {
  const suppressed = suppressionOf(f)
  const p = where.physical
  return {
    ruleId: f.code,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text },
    locations: [{
      ...(p ? { physicalLocation: { artifactLocation: { uri: p.uri }, ...(p.line ? { region: { startLine: p.line } } : {}) } } : {}),
      logicalLocations: [where.logical],
    }],
    // Stable across runs, so a service tracks the same alert when lines move.
    partialFingerprints: { 'istiocniFinding/v1': fingerprint },
    ...(suppressed ? {
      suppressions: [{
        // The annotation lives in the manifest itself; a flag is outside it.
        kind: suppressed.by === 'annotation' ? 'inSource' : 'external',
        status: 'accepted',
        ...(suppressed.reason ? { justification: suppressed.reason } : {}),
      }],
    } : {}),
  }
}

/** Numbers repeated fingerprints (`#2`, `#3`) so each result keeps its own. */
function fingerprints(): (base: string) => string {
  const seen = new Map<string, number>()
  return (base) => {
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return n > 1 ? `${base}#${n}` : base
  }
}

/** The SARIF log as a JSON string. Findings that only explain an ok/not-meshed verdict are not results. */
export function renderSarif(result: CheckResult, locate: Locate, version: string): string {
  const messages = [...MESSAGES.values()]
  const index = new Map(messages.map((m, i) => [m.code, i]))
  const fingerprint = fingerprints()
  const ruleIndex = (f: Finding) => index.get(f.code) ?? -1
  const results = result.workloads.flatMap((w: WorkloadResult) => {
    const physical = locate(w.source)
    const logical = { name: w.name, fullyQualifiedName: `${w.kind}/${w.namespace}/${w.name}`, kind: 'resource' }
    const where: Where = physical ? { physical, logical } : { logical }
    return w.findings.filter((f) => !isExplanation(f)).map((f) =>
      sarifResult(f, `${w.kind} ${w.namespace}/${w.name}: ${f.message}`, where, ruleIndex(f), fingerprint(`${w.kind}/${w.namespace}/${w.name}/${f.code}/${f.container ?? ''}`)))
  })
  // A live check's cluster findings (ICNI03xx) belong to no workload: located at the cluster context.
  const cluster = result.cluster
  if (cluster) {
    const where: Where = { logical: { name: cluster.context, fullyQualifiedName: `cluster/${cluster.context}`, kind: 'resource' } }
    for (const f of cluster.findings) results.push(sarifResult(f, `cluster ${cluster.context}: ${f.message}`, where, ruleIndex(f), fingerprint(`cluster/${cluster.context}/${f.code}`)))
  }
  // Offline, an install's preflight findings (issue #15) are located at what the settings were read from.
  const install = result.install
  if (install) {
    const where: Where = { logical: { name: install.cni.from, fullyQualifiedName: `install/${install.cni.from}`, kind: 'resource' } }
    for (const f of install.findings) results.push(sarifResult(f, `CNI install ${install.cni.from}: ${f.message}`, where, ruleIndex(f), fingerprint(`install/${install.cni.from}/${f.code}`)))
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'kubectl-istiocni', version, informationUri: HOMEPAGE, rules: messages.map(rule) } },
      results,
    }],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
