// `explain`: the full reasoning for one workload, in words a platform engineer can act on.
// Built once as data (`-o json`), then laid out as text; nothing here re-derives a fact.
import type { ContainerAnalysis, WorkloadAnalysis } from '../classify/verdict/judge.js'
import type { Confidence, Finding, LiveFacts } from '../classify/result/result.js'
import type { Consideration } from '../classify/verdict/exemptions.js'
import type { FixOption, Plan } from '../fix/plan.js'
import { ISTIO_CONTAINERS } from '../model/keys.js'
import { paint } from './streams.js'
import { describeLink, ownerTitle } from '../classify/owner/owner.js'
import { adviseOwner } from '../classify/owner/owner-advice.js'

export interface Explanation {
  workload: { kind: string; namespace: string; name: string; source: string }
  verdict: string
  owner?: { manager: string; title: string; chain: string[]; changeAt: string; evidence: string[]; reverted: boolean; advice: string[] }
  injection: { meshed: boolean; why: string; revision?: string }
  mode: { now: string; after: string }
  order: string[]
  initContainers: {
    name: string
    network: string
    confidence: Confidence
    addedBy?: string
    evidence: string[]
    exemptions: Consideration[]
    exempt: string | null
    exemptToken: string | null
    risk: string
  }[]
  findings: Finding[]
  fixes: { rank: number; strategy: string; containers: string[]; applicable: boolean; why: string; caveats: string[] }[]
  unfixed: { container: string; advice: string }[]
  command?: string
}

function modes(a: WorkloadAnalysis): { now: string; after: string } {
  const inj = a.injection
  if (!inj.meshed) return { now: inj.ambient ? 'ambient (no sidecar)' : 'no sidecar', after: inj.ambient ? 'ambient (no sidecar)' : 'no sidecar' }
  const proxy = a.native ? 'native sidecar' : 'classic sidecar'
  if (!a.live) return { now: 'not running (a template: modes apply to the pods it creates)', after: `${proxy} with the CNI plugin (${inj.nativeWhy})` }
  const now = a.live.redirection === 'istio-init' ? `${proxy}, redirection by istio-init (legacy)` : a.live.redirection === 'cni' ? `${proxy}, redirection by the CNI plugin` : `${proxy}, no redirection`
  return { now, after: `${proxy} with the CNI plugin${a.live.redirection === 'istio-init' ? ' once the pod is recreated' : ''}` }
}

const risky = (c: ContainerAnalysis) => (c.verdict.risk === 'safe' ? '' : c.verdict.risk === 'breaks' ? ' ← needs the network before the proxy listens' : ' ← may need the network before the proxy listens')

/** The order of events inside the pod (ref §0 table), with the application's init containers placed. */
function order(a: WorkloadAnalysis): string[] {
  const app = (c: ContainerAnalysis) => `${c.name} (${c.network.need})${risky(c)}`
  const byName = new Map(a.containers.map((c) => [c.name, c]))
  const first = a.webhooks.filter((w) => w.webhook?.position === 'first')
  const beforeIstio = a.webhooks.filter((w) => w.webhook?.position === 'before-istio')
  const last = a.webhooks.filter((w) => w.webhook?.position === 'last')
  const steps = ['the pod sandbox gets its IP address']
  if (!a.injection.meshed) {
    if (a.injection.ambient) steps.push('the node agent and ztunnel set up redirection (the CNI ADD waits for them, ref §1.6)')
    steps.push(...a.containers.map((c) => `${c.name} (${c.network.need})`), 'the application containers start')
    return steps
  }
  if (a.live) {
    // A live pod: its init containers in spec order, as they really run today.
    for (const c of a.workload.pod.spec.initContainers ?? []) {
      if (c.name === 'istio-init') steps.push('istio-init writes the redirection rules (legacy: everything before it ran unredirected)')
      else if (c.name === 'istio-validation') steps.push('(the istio-cni plugin wrote the rules before any container) istio-validation checks them')
      else if (c.name === 'istio-proxy') steps.push('istio-proxy starts as a native sidecar and must pass its startup probe')
      else if (!ISTIO_CONTAINERS.has(c.name ?? '') && byName.has(c.name ?? '')) steps.push(app(byName.get(c.name!)!))
    }
    steps.push(a.native ? 'the application containers start' : 'istio-proxy and the application containers start')
    return steps
  }
  steps.push(...first.map(app), 'the istio-cni plugin writes the redirection rules into the pod network namespace', 'istio-validation checks them')
  if (a.native) steps.push('istio-proxy starts as a native sidecar and must pass its startup probe')
  steps.push(...beforeIstio.map(app), ...a.containers.map(app), ...last.map(app))
  steps.push(a.native ? 'the application containers start' : 'istio-proxy and the application containers start (only now does anything listen on 15001)')
  return steps
}

function ownerView(a: WorkloadAnalysis, plan: Plan): NonNullable<Explanation['owner']> {
  const o = a.ownership
  return { manager: o.manager, title: ownerTitle(o), chain: o.chain.map(describeLink), changeAt: o.changeAt, evidence: o.evidence, reverted: o.reverted, advice: plan.edits.length ? adviseOwner(o, plan.edits).steps : [] }
}

/** What the live pods of a workload run now, when `explain` reads a cluster (issue #4 facts). */
function liveModes(live: LiveFacts): { now: string; after: string } {
  const counts = Object.entries(live.modes).filter(([, n]) => n > 0).map(([m, n]) => `${n} ${m}`)
  const now = live.pods ? `${live.pods} pod${live.pods > 1 ? 's' : ''}: ${counts.join(', ')}` : 'no pods running'
  const restart = live.needsRestart.length ? `; ${live.needsRestart.length} pod${live.needsRestart.length > 1 ? 's' : ''} still on istio-init move only when recreated (kubectl istiocni restart)` : ''
  const broken = live.brokenNow.length ? `; broken now: ${live.brokenNow.map((b) => `${b.pod} (${b.why})`).join(', ')}` : ''
  return { now: `${now}${broken}`, after: `new pods get: ${live.newMode}${live.revision ? ` (revision ${live.revision})` : ''}${restart}` }
}

export function explanation(a: WorkloadAnalysis, plan: Plan, command?: string, live?: LiveFacts): Explanation {
  const w = a.workload
  const containers = [...a.webhooks.filter((c) => c.webhook?.position === 'first'), ...a.containers, ...a.webhooks.filter((c) => c.webhook?.position !== 'first')]
  const options: FixOption[] = [...(plan.native ? [plan.native] : []), ...plan.containers.flatMap((c) => c.options)]
  const seen = new Set<string>()
  const fixes = options
    .filter((o) => { const k = `${o.strategy}:${o.containers.join(',')}`; if (seen.has(k)) return false; seen.add(k); return true })
    .map((o, i) => ({ rank: i + 1, strategy: o.strategy, containers: o.containers, applicable: o.applicable, why: o.why, caveats: o.caveats }))
  return {
    workload: { kind: w.kind, namespace: w.namespace, name: w.name, source: w.source },
    verdict: a.result.verdict,
    ...(a.ownership.manager !== 'none' ? { owner: ownerView(a, plan) } : {}),
    injection: { meshed: a.injection.meshed, why: a.injection.why, ...(a.injection.meshed ? { revision: a.injection.revision } : {}) },
    mode: live ? liveModes(live) : modes(a),
    order: order(a),
    initContainers: containers.map((c) => ({
      name: c.name, network: c.network.need, confidence: c.network.confidence, ...(c.webhook ? { addedBy: c.webhook.webhook } : {}),
      evidence: c.network.evidence, exemptions: c.verdict.considered, exempt: c.verdict.exempt, exemptToken: c.verdict.exemptToken, risk: c.verdict.risk,
    })),
    findings: a.result.findings,
    fixes,
    unfixed: plan.unfixed,
    ...(command && plan.edits.length ? { command } : {}),
  }
}

/** What a need that is not decided from the program's known behaviour rests on (issue 13 item 4). */
const CONFIDENCE = {
  likely: 'likely: the core does not know this program; the evidence above (what it is given, what is mounted into it, its name or image) decides its need, judged as if known',
  unknown: 'unknown: the core does not know this program and nothing in the pod says what it does; someone who knows it decides',
} as const

const VERDICT_COLOUR = { breaks: 'red', review: 'yellow', ok: 'green', 'not-meshed': 'dim' } as const

export function renderExplainText(e: Explanation, color: boolean): string {
  const p = paint(color)
  const out: string[] = []
  const w = e.workload
  out.push(`${p('bold', `${w.kind} ${w.namespace}/${w.name}`)}  (${w.source})`)
  out.push(`Verdict: ${p(VERDICT_COLOUR[e.verdict as keyof typeof VERDICT_COLOUR] ?? 'bold', e.verdict.toUpperCase())}`, '')
  if (e.owner) {
    out.push(p('bold', 'Owner'), `  ${e.owner.chain.join(' → ')}`, `  Managed by ${e.owner.title}${e.owner.reverted ? ': a change applied to the cluster is undone at the next sync' : ''}`, `  Change at: ${e.owner.changeAt}`)
    for (const ev of e.owner.evidence) out.push(`    evidence: ${ev}`)
    for (const s of e.owner.advice) out.push(`  → ${s}`)
    out.push('')
  }
  out.push(p('bold', 'Injection'))
  out.push(`  ${e.injection.meshed ? `Injected by revision ${e.injection.revision}` : 'Not injected'}: ${e.injection.why}.`)
  out.push(`  Mode now:   ${e.mode.now}`, `  Mode after: ${e.mode.after}`, '')
  out.push(p('bold', 'Order of events in the pod (ref §0)'))
  e.order.forEach((s, i) => out.push(`  ${i + 1}. ${s}`))
  out.push('')
  if (e.initContainers.length) {
    out.push(p('bold', 'Application init containers'))
    for (const c of e.initContainers) {
      out.push(`  ${p('bold', c.name)}${c.addedBy ? ` (added by ${c.addedBy} at admission)` : ''}: network ${c.network}`)
      for (const ev of c.evidence) out.push(`    evidence: ${ev}`)
      if (c.confidence !== 'decided') out.push(`    confidence: ${CONFIDENCE[c.confidence]}`)
      for (const x of c.exemptions) out.push(`    ${x.applies ? p('green', '✓') : '✗'} ${x.exemption}: ${x.why}`)
      out.push(`    → ${c.risk === 'safe' ? (c.exemptToken ? `safe (${c.exemptToken})` : 'safe') : c.risk === 'breaks' ? p('red', 'breaks') : p('yellow', 'needs review')}`)
    }
    out.push('')
  }
  if (e.findings.length) {
    out.push(p('bold', 'Findings'))
    for (const f of e.findings) out.push(`  ${f.severity.padEnd(7)} ${f.code}  ${f.message}`)
    out.push('')
  }
  if (e.fixes.length) {
    out.push(p('bold', 'Fixes, best first (ref §5, §8 step 8)'))
    for (const f of e.fixes) {
      out.push(`  ${f.rank}. ${f.strategy} for ${f.containers.join(', ') || '-'}: ${f.applicable ? f.why : `not possible: ${f.why}`}`)
      if (f.applicable) for (const c of f.caveats) out.push(`     caveat: ${c}`)
    }
    for (const u of e.unfixed) out.push(`  ${u.container}: ${u.advice}`)
    out.push('')
  }
  if (e.command) out.push(`Apply: ${e.command}`)
  return `${out.join('\n').trimEnd()}\n`
}
