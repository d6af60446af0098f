// Suppression of findings a team has reviewed (issue #8): the pod-template annotation
// `istiocni.io/ignore: "<code>[,<code>…]"` or `"*"` (why: `istiocni.io/ignore-reason`), and
// `--ignore CODE=kind/namespace/name` on the command line. Suppressed findings stay in the result,
// marked, and the verdict is recomputed from the verdict reasons that are left. Pure functions.
import type { InputError, Sourced } from '../../model/input.js'
import { annotation } from '../../model/meta.js'
import { podAnnotations, workloadId } from '../../model/workloads.js'
import { KINDS, kindByAlias, workloadKind } from '../../model/kinds.js'
import { finding, MESSAGES } from './messages.js'
import { type CheckResult, type Finding, type Summary, summarize, type Suppression, type Verdict, type WorkloadResult } from './result.js'
import { isExplanation, reasonVerdict, suppressionOf } from './threshold.js'

const IGNORE = 'istiocni.io/ignore'
const IGNORE_REASON = 'istiocni.io/ignore-reason'

type SuppressibleFinding = Finding & { suppressed?: Suppression }

/** One `--ignore`: `*` (alone or inside a word) matches anything in every part. */
export interface Ignore {
  code: string
  /** Canonical kind (`Deployment`) or `*`. */
  kind: string
  namespace: string
  name: string
}

/** A malformed `--ignore`; the message is one line, fit for `error: …`. */
export class IgnoreSyntaxError extends Error {
  override name = 'IgnoreSyntaxError'
}

const FORMAT = 'expected CODE=kind/namespace/name, e.g. ICNI0101=deployment/shop/api'

function glob(pattern: string, flags = ''): RegExp {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, flags)
}

/** The known codes a code pattern selects (`ICNI0101`, `icni02*`, `*`). */
function codesMatching(pattern: string): string[] {
  const re = glob(pattern, 'i')
  return [...MESSAGES.keys()].filter((c) => re.test(c))
}

function formatIgnore(i: Ignore): string {
  return `${i.code}=${i.kind === '*' ? '*' : i.kind.toLowerCase()}/${i.namespace}/${i.name}`
}

/** Parses one `--ignore CODE=kind/namespace/name`; kind is case-insensitive (`deploy`, `Deployment`). */
export function parseIgnore(spec: string): Ignore {
  const bad = (why: string) => new IgnoreSyntaxError(`--ignore ${JSON.stringify(spec)}: ${why}`)
  const eq = spec.indexOf('=')
  if (eq < 0) throw bad(FORMAT)
  const code = spec.slice(0, eq).trim().toUpperCase()
  const parts = spec.slice(eq + 1).trim().split('/')
  if (!code) throw bad(`no code before "=" (${FORMAT})`)
  if (!/^[A-Z0-9*]+$/.test(code) || !codesMatching(code).length)
    throw bad(`unknown code ${code} (the codes are listed in docs/codes.md; \`kubectl istiocni explain <CODE>\` describes one)`)
  if (parts.length !== 3 || parts.some((p) => p === '')) throw bad(FORMAT)
  const [kindText, namespace, name] = parts as [string, string, string]
  const kind = kindText === '*' ? '*' : kindByAlias(kindText)?.name
  if (!kind) throw bad(`unknown kind ${JSON.stringify(kindText)}: use one of ${KINDS.map((k) => k.name.toLowerCase()).join(', ')} or *`)
  return { code, kind, namespace, name }
}

/** Parses every `--ignore`; the first malformed one throws. */
export function parseIgnores(specs: readonly string[]): Ignore[] {
  return specs.map(parseIgnore)
}

const ignoreMatches = (i: Ignore, w: WorkloadResult, f: Finding) =>
  glob(i.code, 'i').test(f.code) && (i.kind === '*' || i.kind === w.kind) && glob(i.namespace).test(w.namespace) && glob(i.name).test(w.name)

/** Reads a workload's annotations: the pod template's metadata, or a Pod's own. */
type AnnotationLookup = (w: WorkloadResult) => Record<string, unknown> | undefined

const key = (source: string, kind: string, namespace: string, name: string) => `${source}\0${kind}\0${namespace}\0${name}`

/**
 * The lookup for workloads classified from these objects: the annotations of the pod view the core
 * judged, read straight from each object (a malformed workload has no result to look up).
 */
function annotationsFrom(objects: readonly Sourced[]): AnnotationLookup {
  const byWorkload = new Map<string, Record<string, unknown>>()
  for (const s of objects) {
    const k = workloadKind(s.object)
    if (!k) continue
    const a = podAnnotations(s.object, k.template)
    if (!a || typeof a !== 'object') continue
    const id = workloadId(s.object)
    byWorkload.set(key(s.source, k.name, id.namespace, id.name), a as Record<string, unknown>)
  }
  return (w) => byWorkload.get(key(w.source, w.kind, w.namespace, w.name))
}

interface AnnotationIgnore {
  codes: RegExp[]
  reason?: string
}

/** The workload's `istiocni.io/ignore`, with a warning for each unknown code or a missing reason. */
function annotationIgnore(w: WorkloadResult, annotations: Record<string, unknown> | undefined, warnings: InputError[]): AnnotationIgnore | undefined {
  const meta = { annotations: annotations as Record<string, string> | undefined }
  const value = annotation(meta, IGNORE)
  if (value === undefined) return undefined
  const where = `${w.kind} ${w.namespace}/${w.name}: annotation ${IGNORE}`
  const items = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean)
  if (!items.length) warnings.push({ source: w.source, message: `${where} is empty: list codes, or "*" for all` })
  const codes: RegExp[] = []
  for (const item of items) {
    if (/^[A-Z0-9*]+$/.test(item) && codesMatching(item).length) codes.push(glob(item, 'i'))
    else warnings.push({ source: w.source, message: `${where}: unknown code ${JSON.stringify(item)}, ignored` })
  }
  const reason = annotation(meta, IGNORE_REASON)?.trim()
  if (codes.length && !reason) warnings.push({ source: w.source, message: `${where} has no ${IGNORE_REASON}: say why the team accepted it` })
  return { codes, ...(reason ? { reason } : {}) }
}

/** The verdict from the verdict reasons left unsuppressed (ref: threshold.ts `reasonVerdict`). */
function recomputeVerdict(w: WorkloadResult, findings: SuppressibleFinding[]): Verdict {
  if (w.verdict !== 'breaks' && w.verdict !== 'review') return w.verdict
  const reasons = findings.filter((f) => reasonVerdict(f))
  if (!reasons.some((f) => f.suppressed)) return w.verdict
  const left = reasons.filter((f) => !f.suppressed).map(reasonVerdict)
  return left.includes('breaks') ? 'breaks' : left.includes('review') ? 'review' : 'ok'
}

interface Suppressed {
  result: CheckResult
  /** Unknown codes, missing reasons, `--ignore`s that matched nothing: print as `warning: …`. */
  warnings: InputError[]
}

/**
 * Marks the suppressed findings and recomputes each verdict: a workload whose only `breaks` or
 * `review` reasons are suppressed becomes `ok`. Findings that only explain an `ok`/`not-meshed`
 * verdict are never suppressed. The summary gains `suppressed` (the number of suppressed findings) when it is not 0.
 */
export function applySuppressions(result: CheckResult, annotations: AnnotationLookup | readonly Sourced[], ignores: readonly Ignore[]): Suppressed {
  const lookup = typeof annotations === 'function' ? annotations : annotationsFrom(annotations)
  const warnings: InputError[] = []
  const used = new Set<Ignore>()
  let count = 0
  const workloads = result.workloads.map((w): WorkloadResult => {
    const byAnnotation = annotationIgnore(w, lookup(w), warnings)
    // Nothing to match: the workload as it is (no copy of 10,000 results, issue #17).
    if (!byAnnotation && !ignores.length && !w.findings.some(suppressionOf)) return w
    const findings = w.findings.map((f): SuppressibleFinding => {
      if (isExplanation(f) || suppressionOf(f)) return f
      if (byAnnotation?.codes.some((re) => re.test(f.code))) {
        count++
        return Object.assign({}, f, { suppressed: byAnnotation.reason ? { by: 'annotation' as const, reason: byAnnotation.reason } : { by: 'annotation' as const } })
      }
      const flag = ignores.find((i) => ignoreMatches(i, w, f))
      if (!flag) return f
      used.add(flag)
      count++
      return Object.assign({}, f, { suppressed: { by: 'flag' as const, reason: `--ignore ${formatIgnore(flag)}` } })
    })
    const verdict = recomputeVerdict(w, findings)
    if (verdict === 'ok' && w.verdict !== 'ok') {
      const reasons = [...new Set(findings.filter((f) => f.suppressed && reasonVerdict(f)).map((f) => f.code))].join(', ')
      findings.unshift(finding('ICNI0108', { why: `every risk is suppressed (${reasons}): reviewed, nothing left to do` }))
    }
    return Object.assign({}, w, { verdict, findings })
  })
  for (const i of ignores) if (!used.has(i)) warnings.push({ source: '--ignore', message: `${formatIgnore(i)} matched no finding` })
  // The summary keeps issue #3's shape; `suppressed` appears only when something was.
  const summary: Summary & { suppressed?: number } = { ...summarize(workloads), ...(count ? { suppressed: count } : {}) }
  return { result: { ...result, workloads, summary }, warnings }
}
