// What `restart` prints (issue #6): the plan (order, action, reason; what is refused and why; the
// preconditions), progress while it rolls (a spinner on a terminal, plain lines otherwise, both
// on stderr), and the summary table at the end.
import { type Precondition, SKIP_KIND, type SkippedRestart } from '../restart/plan.js'
import type { ReportedRestart, RestartReport } from '../restart/report.js'
import type { RolloutEvent } from '../cluster/rollout.js'
import { type Colour, paint, type Spinner, type Streams } from './streams.js'
import { layout } from './table.js'
import { formatDuration } from '../model/duration.js'
import type { PlannedRestart } from '../model/restart.js'

const RESULT_COLOUR: Record<string, Colour> = {
  restarted: 'green', deleted: 'green', planned: 'cyan', failed: 'red', refused: 'yellow', manual: 'yellow', interrupted: 'yellow', 'not-started': 'dim', skipped: 'dim', skip: 'dim',
}

const workload = (w: { kind: string; name: string }) => `${w.kind.toLowerCase()}/${w.name}`
export const title = (w: { kind: string; name: string; namespace: string }) => `${workload(w)} (${w.namespace})`
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const podsCell = (e: PlannedRestart) => (e.pods.replace.length === e.pods.total ? String(e.pods.total) : `${e.pods.replace.length}/${e.pods.total}`)
const skippedWhy = (s: SkippedRestart) => `${s.reason}${s.hint ? ` → ${s.hint}` : ''}`

function renderPreconditions(ps: Precondition[], color: boolean): string {
  if (!ps.length) return ''
  const p = paint(color)
  const rows = ps.flatMap((c) => [[c.ok ? 'ok' : 'failed', c.message], ...c.warnings.map((w) => ['warning', w])])
  const table = layout(['', ''], rows, (r, col, s) => (r >= 0 && col === 0 ? p(s === 'ok' ? 'green' : s === 'failed' ? 'red' : 'yellow', s) : s))
  return `Preconditions:\n${table.split('\n').slice(1).filter(Boolean).map((l) => `  ${l}`).join('\n')}\n`
}

/** The plan: what would be restarted, in order, and what is left alone. */
export function renderPlan(r: RestartReport, color: boolean): string {
  const p = paint(color)
  if (!r.restart.length && !r.skipped.length) return 'Nothing to restart: no pod still runs istio-init under a CNI-enabled revision, and none is broken.\n'
  const rows = [
    ...r.restart.map((e) => [String(e.order), e.namespace, workload(e), e.action, podsCell(e), [e.reason, ...e.notes].join('; ')]),
    ...r.skipped.map((s) => ['-', s.namespace, workload(s), SKIP_KIND[s.skip], '-', skippedWhy(s)]),
  ]
  const table = layout(['ORDER', 'NAMESPACE', 'WORKLOAD', 'ACTION', 'PODS', 'REASON'], rows, (row, col, s) => (row >= 0 && col === 3 && row >= r.restart.length ? p(RESULT_COLOUR[s] ?? 'dim', s) : s))
  const s = r.summary
  const verdict = !r.restart.length ? 'nothing to restart'
    : !r.ready ? `${plural(r.restart.length, 'workload')} selected, but nothing is restarted: a precondition is not met`
    : `${plural(r.restart.length, 'workload')} to restart`
  const tail = [s.refused ? `${s.refused} refused` : '', s.manual ? `${s.manual} left to you` : '', s.skipped ? `${s.skipped} skipped` : ''].filter(Boolean).join(', ')
  return `${renderPreconditions(r.preconditions, color)}${r.preconditions.length ? '\n' : ''}${table}\n${r.dryRun ? 'Dry run: ' : 'Plan: '}${verdict}${tail ? `; ${tail}` : ''}.\n`
}

const resultCell = (e: ReportedRestart) => e.result

/** The table at the end of a run: every workload with its result. */
export function renderSummary(r: RestartReport, color: boolean): string {
  const p = paint(color)
  const rows = [
    ...r.restart.map((e) => [e.namespace, workload(e), resultCell(e), e.durationMs ? formatDuration(e.durationMs) : '-', e.detail ?? '']),
    ...r.skipped.map((s) => [s.namespace, workload(s), SKIP_KIND[s.skip] === 'skip' ? 'skipped' : SKIP_KIND[s.skip], '-', skippedWhy(s)]),
  ]
  const s = r.summary
  const counts = [
    `${s.restarted} restarted`, s.deleted ? `${s.deleted} deleted` : '', s.failed ? `${s.failed} failed` : '', s.interrupted ? `${s.interrupted} interrupted` : '',
    s.notStarted ? `${s.notStarted} not started` : '', s.refused ? `${s.refused} refused` : '', s.manual ? `${s.manual} left to you` : '', s.skipped ? `${s.skipped} skipped` : '',
  ].filter(Boolean).join(', ')
  if (!rows.length) return `${counts}\n`
  const table = layout(['NAMESPACE', 'WORKLOAD', 'RESULT', 'TIME', 'DETAIL'], rows, (row, col, v) => (row >= 0 && col === 2 ? p(RESULT_COLOUR[v] ?? 'dim', v) : v))
  return `${table}\n${counts}\n`
}


interface Progress {
  event(e: RolloutEvent): void
  /** One line of its own (a warning), without breaking the spinner. */
  line(text: string): void
  stop(): void
}

function doneLine(e: RolloutEvent & { type: 'done' }): string {
  const o = e.outcome
  const t = formatDuration(o.durationMs)
  switch (o.result) {
    case 'restarted': return `${title(o)}: restarted in ${t}: ${o.detail}`
    case 'deleted': return `${title(o)}: ${o.detail}`
    case 'failed': return `${title(o)}: failed after ${t}: ${o.detail}`
    default: return `${title(o)}: ${o.detail}`
  }
}

/** Progress on stderr: one spinner listing the workloads in flight on a terminal, plain lines otherwise. */
export function progress(streams: Streams, spinner?: Spinner): Progress {
  const p = paint(streams.color)
  if (!spinner) {
    const write = (s: string) => streams.err.write(`${s}\n`)
    return {
      event(e) { write(e.type === 'done' ? doneLine(e) : `${title(e.entry)}: ${e.text}`) },
      line: write,
      stop() {},
    }
  }
  const inFlight = new Map<number, string>()
  const redraw = () => {
    if (!inFlight.size) { spinner.stop(); return }
    spinner.text = [...inFlight.values()].join(' · ')
    spinner.start()
  }
  return {
    event(e) {
      if (e.type === 'done') {
        inFlight.delete(e.entry.order)
        const ok = e.outcome.result === 'restarted' || e.outcome.result === 'deleted'
        spinner.stopAndPersist({ symbol: ok ? p('green', '✔') : e.outcome.result === 'failed' ? p('red', '✖') : p('yellow', '!'), text: doneLine(e) })
      } else {
        inFlight.set(e.entry.order, `${title(e.entry)}: ${e.text}`)
      }
      redraw()
    },
    line(text) {
      spinner.stop()
      streams.err.write(`${text}\n`)
      redraw()
    },
    stop() { spinner.stop() },
  }
}
