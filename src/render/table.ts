// kubectl-style tables: upper-case headers, columns padded with three spaces.
import { type CheckResult, summarize, type Verdict, type WorkloadResult } from '../classify/result/result.js'
import { type Colour, paint } from './streams.js'
import { suppressionOf } from '../classify/result/threshold.js'

const VERDICT_COLOUR: Record<Verdict, Colour> = { breaks: 'red', review: 'yellow', ok: 'green', 'not-meshed': 'dim' }

/** Lays out rows; `colour` may wrap a cell after its width is measured. */
export function layout(header: string[], rows: string[][], colour: (row: number, col: number, s: string) => string = (_r, _c, s) => s): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[], r: number) => cells.map((c, i) => (i === cells.length - 1 ? colour(r, i, c) : colour(r, i, c) + ' '.repeat(widths[i]! - c.length + 3))).join('').trimEnd()
  return [line(header, -1), ...rows.map((r, i) => line(r, i))].join('\n') + '\n'
}

/** The default table fits this many columns; `-o wide` prints every cell whole. */
const WIDTH = 120

const cut = (c: string, room: number) => (c.length > room ? `${c.slice(0, room - 1)}…` : c)

/**
 * Cuts the INIT CONTAINERS cells (to at most 40% of the room left) and then the last cell (the
 * reason) so the lines fit WIDTH; each keeps at least 16 and 20 characters.
 */
export function fitWidth(header: string[], rows: string[][]): string[][] {
  const natural = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const init = header.indexOf('INIT CONTAINERS')
  const last = header.length - 1
  const fixed = natural.reduce((sum, w, i) => (i === init || i === last ? sum : sum + w + 3), 0)
  const room = WIDTH - fixed
  const initRoom = init < 0 ? 0 : Math.min(natural[init]!, Math.max(16, Math.floor(room * 0.4)))
  const lastRoom = Math.max(20, room - (init < 0 ? 0 : initRoom + 3))
  return rows.map((r) => r.map((c, i) => (i === init ? cut(c, initRoom) : i === last ? cut(c, lastRoom) : c)))
}

/** `--no-headers`: the rows of a laid-out table only. */
export const withoutHeader = (table: string) => table.slice(table.indexOf('\n') + 1)

/** The finding that explains the verdict: the first ICNI01xx reason. */
export function verdictReason(w: WorkloadResult): string {
  const reasons = w.findings.filter((f) => f.code.startsWith('ICNI01') && !suppressionOf(f))
  return (reasons.find((f) => f.severity !== 'info') ?? reasons[0])?.message ?? ''
}

const initCell = (w: WorkloadResult) => (w.initContainers.length ? w.initContainers.map((c) => `${c.name}(${c.network}${c.exempt ? `, ${c.exempt.split(':')[0]}` : ''})`).join(' ') : '<none>')

export function renderTable(result: CheckResult, wide: boolean, color: boolean, headers = true): string {
  const p = paint(color)
  const header = ['NAMESPACE', 'WORKLOAD', 'VERDICT', 'INIT CONTAINERS', 'WHY', ...(wide ? ['SOURCE', 'EVIDENCE'] : [])]
  const rows = result.workloads.map((w) => [
    w.namespace, `${w.kind.toLowerCase()}/${w.name}`, w.verdict, initCell(w), verdictReason(w),
    ...(wide ? [w.source, w.initContainers.filter((c) => c.network !== 'none').map((c) => `${c.name}: ${c.evidence.join('; ')}`).join(' | ') || '-'] : []),
  ])
  const table = layout(header, wide ? rows : fitWidth(header, rows), (r, c, s) => (r >= 0 && c === 2 ? p(VERDICT_COLOUR[s as Verdict], s) : s))
  if (!headers) return withoutHeader(table)
  return `${table}\n${summaryLine(result, color)}\n`
}

/**
 * The counts of the rows printed, and how many --show hid: the result's summary counts the whole
 * run (what --fail-on judges), the rows may be fewer.
 */
export function summaryLine(result: CheckResult, color: boolean): string {
  const p = paint(color)
  const s = summarize(result.workloads)
  const n = result.workloads.length
  const hidden = Object.values(result.summary).reduce((a, b) => a + b, 0) - n
  return `${n} workload${n === 1 ? '' : 's'}: ${p('red', `${s.breaks} breaks`)}, ${p('yellow', `${s.review} review`)}, ${p('green', `${s.ok} ok`)}, ${s['not-meshed']} not-meshed${hidden > 0 ? ` (${hidden} hidden by --show)` : ''}`
}
