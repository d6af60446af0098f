// kubectl istiocni restart: recreate the pods that still run istio-init under a CNI-enabled
// revision (and the pods broken now whose template no longer breaks), one workload at a time,
// refusing what would cause an outage (issue #6, ref §8.1).
import type { Argv } from 'yargs'
import { classifyLive } from '../classify/group.js'
import { type PlanOptions, planRestart, type RestartPlan } from '../restart/plan.js'
import { buildReport, exitCodeOf, type RestartReport } from '../restart/report.js'
import { progress, renderPlan, renderSummary, title } from '../render/restart.js'
import { formats } from '../render/formats.js'
import { type Spinner, type Streams, terminalSpinner } from '../render/streams.js'
import type { RolloutEvent } from '../cluster/rollout.js'
import type { Kube } from '../cluster/kube.js'
import { EXIT, type InputArgs, inputOptions, loadInput, readNotes, reportErrors, UserError } from './common.js'
import { clusterLines, confirmWrites, type DryRun, dryRunOf, missingAgentPods, type WriteArgs, writeOptions } from './gate.js'
import { SIGNAL_EXIT, type StopSignal } from '../model/exit.js'
import { parseTarget, resolveNamed, type Target } from './targets.js'
import { isLiveInput } from '../model/input.js'
import { formatDuration, parseDuration } from '../model/duration.js'
import type { Outcome } from '../model/restart.js'

export const command = 'restart [targets..]'
export const describe = 'Recreate the pods that still run istio-init (or are broken) so they move to the CNI plugin, safely'

const EXAMPLES: [string, string][] = [
  ['$0 restart -A --dry-run', 'Show what would be restarted across the cluster, in order, and what is refused'],
  ['$0 restart -n shop --dry-run=server', 'Send every write with dryRun=All: the API server validates them (RBAC, PodDisruptionBudgets) and stores nothing'],
  ['$0 restart -n shop', 'Restart the workloads of namespace shop that still run istio-init, one at a time'],
  ['$0 restart deployment/orders -n shop --yes', 'Restart one workload without asking'],
  ['$0 restart -A --max-concurrent 3 --timeout 10m -o json', 'Three rollouts at a time; the report as JSON'],
]

/** -o: the table is the plan before the run and the summary after it; json and yaml the report. */
const formatsWith = (table: (r: RestartReport, color: boolean) => string) => formats<RestartReport, undefined, 'table'>({ table: (r, s) => s.out.write(table(r, s.color)) })
const PLAN_FORMATS = formatsWith(renderPlan)
const SUMMARY_FORMATS = formatsWith(renderSummary)
const OUTPUTS = ['table', 'json', 'yaml'] as const satisfies readonly (keyof typeof PLAN_FORMATS)[]

export interface RestartArgs extends InputArgs, WriteArgs {
  targets?: string[]
  force?: boolean
  'delete-bare-pods'?: boolean
  'max-concurrent'?: number
  timeout?: string
  'poll-interval'?: string
  output?: (typeof OUTPUTS)[number]
}

export function builder(y: Argv) {
  return writeOptions(inputOptions(y), 'print the plan (order, reason, what is refused)')
    .hide('filename').hide('recursive').hide('kustomize')
    .positional('targets', { type: 'string', array: true, describe: '<kind>/<name> to restart (default: every workload that needs it in the scope of -n, -A, -l)' })
    .option('force', { type: 'boolean', default: false, describe: 'Restart workloads whose verdict is breaks (their new pods will likely crash-loop) or review, and go on despite a blocking preflight finding of the CNI install (ICNI031x); the agent and revision preconditions still apply' })
    .option('delete-bare-pods', { type: 'boolean', default: false, describe: 'Delete bare pods that need a restart (nobody recreates them: create them again yourself)' })
    .option('max-concurrent', { type: 'number', default: 1, describe: 'Workloads restarted at the same time', requiresArg: true })
    .option('timeout', { type: 'string', default: '5m', describe: 'How long each workload may take to roll out', requiresArg: true })
    .option('poll-interval', { type: 'string', default: '2s', hidden: true, requiresArg: true })
    .option('output', { alias: 'o', choices: OUTPUTS, default: 'table' as const, describe: 'table: the plan, then a summary; json or yaml: the report at the end' })
    .group(['dry-run', 'yes', 'force', 'delete-bare-pods', 'max-concurrent', 'timeout', 'output'], 'Restart:')
    .example(EXAMPLES)
    .epilogue('Selected: workloads whose pods still run istio-init while their revision enables CNI, and workloads whose pods are broken now while their template no longer breaks. Never restarted: a workload whose verdict is breaks (fix it first; --force overrides), a review workload unless named, Jobs and CronJobs (their next run gets CNI), bare pods (unless --delete-bare-pods). Nothing is restarted unless the CNI node agent is ready on the nodes of the selected pods, their revision enables CNI and no preflight finding blocks the CNI install. Deployments, StatefulSets and DaemonSets with rolling updates get a restartedAt patch (as kubectl rollout restart); OnDelete strategies have their pods evicted one at a time (PodDisruptionBudgets respected). The run stops at the first workload whose new pods fail. Before writing it asks on a terminal (stdin and stderr); without one it writes only with --yes.\n\nResume: run the same command again after an interruption or a failure. What is already on CNI is skipped; a workload whose rollout is still in progress (after an interrupted run, or any other change) is waited on, never restarted a second time; an eviction run first waits until no pod of the workload is missing or not ready. Ctrl-C, SIGTERM and SIGHUP stop starting new work, let the write in flight finish, and print what was done.\n\nExit codes: 0 every selected workload restarted, or nothing to do; 3 something was refused or skipped for safety, a precondition is not met, or a rollout failed (the rest was not started); 4 nothing of that, but the cluster read was partial (see the warnings); 5 not confirmed, nothing written; 1 errors (API errors, a bad flag, a 404 from something that is no API server); 130 SIGINT, 143 SIGTERM, 129 SIGHUP.')
}

/** What the flags ask for, checked before anything is read. */
interface Settings {
  targets: Target[]
  timeoutMs: number
  intervalMs: number
  maxConcurrent: number
  dryRun: DryRun
}

export function validate(args: RestartArgs): Settings {
  if (args.filename?.length) throw new UserError('restart works on a cluster: -f is not supported (use check -f for manifests)')
  const duration = (flag: string, value: string | undefined, dflt: number) => {
    if (value === undefined) return dflt
    const ms = parseDuration(value)
    if (ms === undefined || ms <= 0) throw new UserError(`invalid --${flag} "${value}": use a duration such as 30s or 5m`)
    return ms
  }
  const max = args['max-concurrent'] ?? 1
  if (!Number.isInteger(max) || max < 1) throw new UserError(`--max-concurrent must be a positive integer, got ${max}`)
  return {
    dryRun: dryRunOf(args),
    targets: (args.targets ?? []).map(parseTarget),
    timeoutMs: duration('timeout', args.timeout, 300_000),
    intervalMs: duration('poll-interval', args['poll-interval'], 2000),
    maxConcurrent: max,
  }
}

/** What tests replace: the prompt, Ctrl-C, the spinner, API retries. */
export interface RestartDeps {
  /** The terminal's yes/no question (default: streams.ask, present when stdin and stderr are a terminal). */
  confirm?: (question: string) => Promise<boolean>
  /** Aborting it acts as a Ctrl-C. */
  signal?: AbortSignal
  /** null: plain progress lines even on a terminal. */
  spinner?: Spinner | null
  onEvent?: (e: RolloutEvent) => void
  retries?: number
  backoffMs?: number
  env?: NodeJS.ProcessEnv
}

/** complete: reads the cluster, classifies it, resolves the targets, connects for the writes. */
export async function complete(args: RestartArgs, settings: Settings, streams: Streams, deps: RestartDeps = {}) {
  const input = await loadInput(args, streams)
  if (!isLiveInput(input)) throw new UserError('restart works on a cluster')
  const { result, errors } = classifyLive(input)
  reportErrors(errors, streams)
  const scope = result.cluster?.scope
  const namespace = scope?.allNamespaces ? undefined : scope?.namespace
  const targets = settings.targets.map((t) => resolveNamed(result.workloads, (w) => w, t, namespace))
  const { connect, KubeError, parseRequestTimeout } = await import('../cluster/kube.js')
  try {
    const kube = await connect({
      timeoutMs: parseRequestTimeout(args['request-timeout']),
      ...(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {}),
      ...(args.context ? { context: args.context } : {}),
      ...(deps.env ? { env: deps.env } : {}),
      ...(deps.retries !== undefined ? { retries: deps.retries } : {}),
      ...(deps.backoffMs !== undefined ? { backoffMs: deps.backoffMs } : {}),
    })
    return { input, result, errors, targets, kube }
  } catch (e) {
    if (e instanceof KubeError) throw new UserError(e.message)
    throw e
  }
}

/** The plan; the CNI agent's pods are read when the scope left them out (ref §8.1: ready on the nodes of the selected pods). */
async function makePlan(c: Awaited<ReturnType<typeof complete>>, options: PlanOptions, timeoutMs: number): Promise<RestartPlan> {
  const first = planRestart(c.result, c.input.objects, options)
  const agentPods = await missingAgentPods(c.result, c.input.objects, first.preconditions, c.kube)
  const plan = agentPods ? planRestart(c.result, c.input.objects, { ...options, agentPods }) : first
  // Resume: a rollout still in progress in what was read (an interrupted run, say) is waited on.
  const { rolloutInProgress } = await import('../cluster/rollout.js')
  const now = Date.now()
  for (const e of plan.restart) {
    const o = c.input.objects.find((s) => s.object.kind === e.kind && s.object.metadata?.namespace === e.namespace && s.object.metadata?.name === e.name)?.object
    if ((e.action === 'rollout' || e.action === 'restart-at') && o && rolloutInProgress(e.kind, o, now, timeoutMs)) {
      e.resume = true
      e.notes.push('its last rollout is still in progress: it is waited on, not restarted again')
    }
  }
  return plan
}

const STOP_SIGNALS: StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * The rollouts, with progress on stderr. SIGINT, SIGTERM and SIGHUP (or deps.signal) stop starting
 * new work and stop waiting; the write in flight finishes and the report is printed. A second
 * signal quits at once.
 */
async function rollOut(plan: RestartPlan, settings: Settings, kube: Kube, streams: Streams, deps: RestartDeps): Promise<{ outcomes: Outcome[]; stopped?: StopSignal }> {
  const { runRestarts } = await import('../cluster/rollout.js')
  const abort = new AbortController()
  const spinner = deps.spinner === null ? undefined : deps.spinner ?? (await terminalSpinner(streams))
  const show = progress(streams, spinner)
  let stopped: StopSignal | undefined
  const stop = (signal: StopSignal) => {
    if (stopped) return
    stopped = signal
    abort.abort()
    show.line(signal === 'SIGINT'
      ? 'Interrupted: no new restarts; waiting for the writes in flight (Ctrl-C again quits at once).'
      : `${signal}: no new restarts; waiting for the writes in flight (a second signal quits at once).`)
  }
  const handlers = STOP_SIGNALS.map((signal) => [signal, () => (stopped ? process.exit(SIGNAL_EXIT[stopped]) : stop(signal))] as const)
  for (const [signal, h] of handlers) process.on(signal, h)
  const onAbort = () => stop('SIGINT')
  deps.signal?.addEventListener('abort', onAbort, { once: true })
  if (deps.signal?.aborted) onAbort()
  try {
    const outcomes = await runRestarts(plan.restart, {
      kube, maxConcurrent: settings.maxConcurrent, timeoutMs: settings.timeoutMs, intervalMs: settings.intervalMs, signal: abort.signal,
      ...(settings.dryRun === 'server' ? { dryRun: true } : {}),
      onEvent: (e) => { show.event(e); deps.onEvent?.(e) },
    })
    return { outcomes, ...(stopped ? { stopped } : {}) }
  } finally {
    show.stop()
    for (const [signal, h] of handlers) process.off(signal, h)
    deps.signal?.removeEventListener('abort', onAbort)
  }
}

export async function run(args: RestartArgs, streams: Streams, deps: RestartDeps = {}): Promise<number> {
  const settings = validate(args)
  const c = await complete(args, settings, streams, deps)
  try {
    const plan = await makePlan(c, { ...(c.targets.length ? { targets: c.targets } : {}), force: args.force === true, deleteBarePods: args['delete-bare-pods'] === true }, settings.timeoutMs)
    for (const e of plan.restart) if (e.forced) streams.err.write(`warning: --force: ${title(e)}: ${e.forced}\n`)
    const errorCode = c.errors.length ? EXIT.error : undefined
    const notes = readNotes(c.input)
    const client = settings.dryRun === 'client'

    if (client || !plan.restart.length || !plan.ready) {
      const report = buildReport(plan, client ? undefined : plan.restart.map((e): Outcome => ({
        kind: e.kind, namespace: e.namespace, name: e.name, order: e.order, action: e.action, result: 'not-started', durationMs: 0, detail: 'not started: a precondition is not met',
      })), client || settings.dryRun === 'server')
      PLAN_FORMATS[args.output ?? 'table']({ ...report, ...notes }, streams, undefined)
      if (!plan.ready && !client) streams.err.write('Nothing restarted: a precondition is not met.\n')
      if (settings.dryRun !== 'none') streams.err.write('Dry run: nothing written.\n')
      return errorCode ?? exitCodeOf(report, false, notes.incomplete)
    }

    if (args.output === 'table' || args.output === undefined) streams.out.write(`${renderPlan({ ...buildReport(plan, undefined), dryRun: false }, streams.color)}\n`)
    // A server-side dry run stores nothing: no question to ask.
    if (settings.dryRun === 'none') {
      const n = plan.restart.length
      const lines = clusterLines({
        context: plan.context, server: c.kube.server, objects: plan.restart.map(title),
        namespaces: [...new Set(plan.restart.map((e) => e.namespace))].sort(),
        rolls: plan.restart.filter((e) => e.action === 'rollout').map(title),
        restartAt: plan.restart.filter((e) => e.action === 'restart-at').map(title),
      })
      await confirmWrites(`Restart ${n} workload${n === 1 ? '' : 's'} in context ${plan.context}?`, lines, args, streams, deps.confirm ?? streams.ask, 'aborted: nothing restarted')
    }
    const started = Date.now()
    const { outcomes, stopped } = await rollOut(plan, settings, c.kube, streams, deps)
    const report = buildReport(plan, outcomes, settings.dryRun === 'server')
    SUMMARY_FORMATS[args.output ?? 'table']({ ...report, ...notes }, streams, undefined)
    if (settings.dryRun === 'server') streams.err.write('Dry run (server): nothing stored.\n')
    else streams.err.write(`${stopped ? 'Interrupted' : 'Done'} after ${formatDuration(Date.now() - started)}.\n`)
    return errorCode ?? exitCodeOf(report, stopped, notes.incomplete)
  } finally {
    c.kube.close()
  }
}
