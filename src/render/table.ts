// kubectl-style tables: upper-case headers, columns padded with three spaces.
import { type CheckResult, type Finding, summarize, type Summary, type Suppression, type Verdict, type WorkloadResult } from '../classify/result/result.js'
import { fill, MESSAGES } from '../classify/result/messages.js'
import { type Colour, paint } from './streams.js'
import { isReason, reasonVerdict, suppressionOf } from '../classify/result/threshold.js'

const VERDICT_COLOUR: Record<Verdict | 'suppressed', Colour> = { breaks: 'red', review: 'yellow', ok: 'green', 'not-meshed': 'dim', suppressed: 'dim' }

/** Lays out rows; `colour` may wrap a cell after its width is measured. */
export function layout(header: string[], rows: string[][], colour: (row: number, col: number, s: string) => string = (_r, _c, s) => s): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[], r: number) => cells.map((c, i) => (i === cells.length - 1 ? colour(r, i, c) : colour(r, i, c) + ' '.repeat(widths[i]! - c.length + 3))).join('').trimEnd()
  return [line(header, -1), ...rows.map((r, i) => line(r, i))].join('\n') + '\n'
}

/** The default table fits this many columns; `-o wide` prints every cell whole. */
const WIDTH = 120

/** A column the default table may cut, down to `min` characters, at the end or (names) in the middle. */
interface Cut { header: string; min: number; middle?: true }

/**
 * The cuts, in the order they are tried until the rows fit WIDTH: first the reason and the
 * init containers, then the names (kept whole as long as possible: they are what one types
 * next), then everything down to its last resort. A column never gets narrower than its header.
 */
const CUTS: Cut[] = [
  { header: 'WHY', min: 40 }, { header: 'AT RISK', min: 24 },
  { header: 'WORKLOAD', min: 32, middle: true }, { header: 'NAMESPACE', min: 20, middle: true },
  { header: 'WHY', min: 20 }, { header: 'AT RISK', min: 12 },
  { header: 'WORKLOAD', min: 20, middle: true }, { header: 'NAMESPACE', min: 12, middle: true },
]

/** `c` in at most `room` characters: `…` at the end, or in the middle (a name keeps its start and its distinctive end). */
function cut(c: string, room: number, middle = false): string {
  if (c.length <= room) return c
  if (!middle) return `${c.slice(0, room - 1)}…`
  const head = Math.ceil((room - 1) / 2)
  return `${c.slice(0, head)}…${c.slice(c.length - (room - 1 - head))}`
}

/** Cuts the cells of the columns in CUTS so that the laid-out lines fit WIDTH. */
function fitWidth(header: string[], rows: string[][]): string[][] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const total = () => widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1)
  const middle = new Set<number>()
  for (const c of CUTS) {
    const i = header.indexOf(c.header)
    if (i < 0 || total() <= WIDTH) continue
    widths[i] = Math.min(widths[i]!, Math.max(c.min, header[i]!.length, widths[i]! - (total() - WIDTH)))
    if (c.middle) middle.add(i)
  }
  return rows.map((r) => r.map((c, i) => cut(c, widths[i]!, middle.has(i))))
}

/** `--no-headers`: the rows of a laid-out table only. */
export const withoutHeader = (table: string) => table.slice(table.indexOf('\n') + 1)

/** The finding that explains the verdict: the first verdict reason. */
function verdictReason(w: WorkloadResult): Finding | undefined {
  const reasons = w.findings.filter((f) => isReason(f) && !suppressionOf(f))
  return reasons.find((f) => f.severity !== 'info') ?? reasons[0]
}

/**
 * The default table's WHY: the message without the `init container NAME` its template starts
 * with, since AT RISK names the container (-o wide prints the whole message).
 */
function shortReason(f: Finding | undefined): string {
  if (!f) return ''
  const template = MESSAGES.get(f.code)?.template ?? ''
  const lead = /^init container \{container\}:? /.exec(template)?.[0]
  return lead ? fill(template.slice(lead.length), f.params) : f.message
}

/** The init containers a breaks or review verdict is about (its unsuppressed reasons name them). */
function atRisk(w: WorkloadResult): string {
  const names = w.findings.filter((f) => f.container && reasonVerdict(f) && !suppressionOf(f)).map((f) => f.container!)
  return [...new Set(names)].join(',') || '-'
}

/** Every application init container with its network need and exemption (-o wide). */
const initCell = (w: WorkloadResult) => (w.initContainers.length ? w.initContainers.map((c) => `${c.name}(${c.network}${c.exemptToken ? `, ${c.exemptToken}` : ''})`).join(' ') : '<none>')

/** What each init container that may use the network does (-o wide). */
const evidenceCell = (w: WorkloadResult) => w.initContainers.filter((c) => c.network !== 'none').map((c) => `${c.name}: ${c.evidence.join('; ')}`).join(' | ') || '-'

/** Where a suppression comes from: the annotation (with its reason) or `--ignore` (-o wide: the one that matched). */
function suppressedBy(s: Suppression, wide: boolean): string {
  return s.by === 'flag' ? (wide ? s.reason! : '--ignore') : `istiocni.io/ignore${s.reason ? `: ${s.reason}` : ''}`
}

/** The cells a check table has beyond the ones every workload has (the live columns), by header. */
type Extra = (w: WorkloadResult) => Record<string, string>

/**
 * The rows of a check table: one per workload, then (present only with --show-suppressed, see
 * threshold.ts `shown`) one per suppressed finding, marked `suppressed`, saying where the
 * suppression comes from (-o wide: and the finding's message); `-` in the columns about the
 * workload's containers and pods.
 * The default table is cut to WIDTH; -o wide prints every cell whole.
 */
export function checkTable(result: CheckResult, header: string[], extra: Extra, wide: boolean, color: boolean, headers: boolean): string {
  const p = paint(color)
  const rows = result.workloads.flatMap((w) => {
    const id = { NAMESPACE: w.namespace, WORKLOAD: `${w.kind.toLowerCase()}/${w.name}`, SOURCE: w.source }
    const cells: Record<string, string>[] = [Object.assign({}, id, { VERDICT: w.verdict, 'AT RISK': atRisk(w), WHY: wide ? verdictReason(w)?.message ?? '' : shortReason(verdictReason(w)), 'INIT CONTAINERS': initCell(w), EVIDENCE: evidenceCell(w), ...extra(w) })]
    for (const f of w.findings) {
      const s = suppressionOf(f)
      if (s) cells.push(Object.assign({}, id, { VERDICT: 'suppressed', 'AT RISK': f.container ?? '-', WHY: `${f.code} (${suppressedBy(s, wide)})${wide ? ` ${f.message}` : ''}` }))
    }
    return cells.map((c) => header.map((h) => c[h] ?? '-'))
  })
  const table = layout(header, wide ? rows : fitWidth(header, rows), (r, c, s) => (r >= 0 && c === 2 ? p(VERDICT_COLOUR[s as Verdict | 'suppressed'], s) : s))
  return headers ? table : withoutHeader(table)
}

const HEADER = ['NAMESPACE', 'WORKLOAD', 'VERDICT', 'AT RISK', 'WHY']

/** The offline table: -o wide adds every init container, the source and the evidence. */
export function renderTable(result: CheckResult, wide: boolean, color: boolean, headers = true): string {
  const table = checkTable(result, [...HEADER, ...(wide ? ['INIT CONTAINERS', 'SOURCE', 'EVIDENCE'] : [])], () => ({}), wide, color, headers)
  return headers ? `${table}\n${summaryLine(result, color)}\n` : table
}

/**
 * The counts of the rows printed, and how many --show hid: the result's summary counts the whole
 * run (what --fail-on judges), the rows may be fewer.
 */
export function summaryLine(result: CheckResult, color: boolean): string {
  const p = paint(color)
  const s = summarize(result.workloads)
  const n = result.workloads.length
  const all = result.summary as Summary & { suppressed?: number }
  const hidden = all.breaks + all.review + all.ok + all['not-meshed'] - n
  const notes = [...(hidden > 0 ? [`${hidden} hidden by --show`] : []), ...(all.suppressed ? [`${all.suppressed} finding${all.suppressed === 1 ? '' : 's'} suppressed`] : [])]
  return `${n} workload${n === 1 ? '' : 's'}: ${p('red', `${s.breaks} breaks`)}, ${p('yellow', `${s.review} review`)}, ${p('green', `${s.ok} ok`)}, ${s['not-meshed']} not-meshed${notes.length ? ` (${notes.join(', ')})` : ''}`
}
