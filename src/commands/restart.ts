// kubectl istiocni restart: recreate the pods that still run istio-init under a CNI-enabled
// revision (and the pods broken now whose template no longer breaks), one workload at a time,
// refusing what would cause an outage (issue #6, ref §8.1).
import type { Argv } from 'yargs'
import { createInterface } from 'node:readline/promises'
import { classifyLive } from '../classify/group.js'
import { isLiveInput } from '../classify/cluster.js'
import { agentPodsIn, type PlanOptions, planRestart, type RestartPlan } from '../restart/plan.js'
import { buildReport, EXIT_INTERRUPTED, exitCodeOf, type Outcome } from '../restart/report.js'
import { formatDuration, parseDuration } from '../restart/duration.js'
import { progress, renderPlan, renderSummary, type Spinner, title } from '../render/restart.js'
import { renderJson, renderYaml } from '../render/data.js'
import type { Streams } from '../render/streams.js'
import type { RolloutEvent } from '../cluster/rollout.js'
import type { Kube } from '../cluster/kube.js'
import { EXIT, type InputArgs, inputOptions, loadInput, reportErrors, UserError } from './common.js'
import { parseTarget, resolveNamed, type Target } from './targets.js'

export const command = 'restart [targets..]'
export const describe = 'Recreate the pods that still run istio-init (or are broken) so they move to the CNI plugin, safely'

const EXAMPLES: [string, string][] = [
  ['$0 restart -A --dry-run', 'Show what would be restarted across the cluster, in order, and what is refused'],
  ['$0 restart -n shop', 'Restart the workloads of namespace shop that still run istio-init, one at a time'],
  ['$0 restart deployment/orders -n shop --yes', 'Restart one workload without asking'],
  ['$0 restart -A --max-concurrent 3 --timeout 10m -o json', 'Three rollouts at a time; the report as JSON'],
]

const OUTPUTS = ['table', 'json', 'yaml'] as const

export interface RestartArgs extends InputArgs {
  targets?: string[]
  'dry-run'?: boolean
  yes?: boolean
  force?: boolean
  'delete-bare-pods'?: boolean
  'max-concurrent'?: number
  timeout?: string
  'poll-interval'?: string
  output?: (typeof OUTPUTS)[number]
}

export function builder(y: Argv) {
  return inputOptions(y)
    .hide('filename').hide('recursive').hide('kustomize')
    .positional('targets', { type: 'string', array: true, describe: '<kind>/<name> to restart (default: every workload that needs it in the scope of -n, -A, -l)' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'Print the plan (order, reason, what is refused) and write nothing' })
    .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask for confirmation on a terminal' })
    .option('force', { type: 'boolean', default: false, describe: 'Restart workloads whose verdict is breaks (their new pods will likely crash-loop) or review; preconditions still apply' })
    .option('delete-bare-pods', { type: 'boolean', default: false, describe: 'Delete bare pods that need a restart (nobody recreates them: create them again yourself)' })
    .option('max-concurrent', { type: 'number', default: 1, describe: 'Workloads restarted at the same time', requiresArg: true })
    .option('timeout', { type: 'string', default: '5m', describe: 'How long each workload may take to roll out', requiresArg: true })
    .option('poll-interval', { type: 'string', default: '2s', hidden: true, requiresArg: true })
    .option('output', { alias: 'o', choices: OUTPUTS, default: 'table' as const, describe: 'table: the plan, then a summary; json or yaml: the report at the end' })
    .group(['dry-run', 'yes', 'force', 'delete-bare-pods', 'max-concurrent', 'timeout', 'output'], 'Restart:')
    .example(EXAMPLES)
    .epilogue('Selected: workloads whose pods still run istio-init while their revision enables CNI, and workloads whose pods are broken now while their template no longer breaks. Never restarted: a workload whose verdict is breaks (fix it first; --force overrides), a review workload unless named, Jobs and CronJobs (their next run gets CNI), bare pods (unless --delete-bare-pods). Nothing is restarted unless the CNI node agent is ready on the nodes of the selected pods and their revision enables CNI. Deployments, StatefulSets and DaemonSets with rolling updates get a restartedAt patch (as kubectl rollout restart); OnDelete strategies have their pods evicted one at a time (PodDisruptionBudgets respected). The run stops at the first workload whose new pods fail. A second run skips what is already on CNI. Ctrl-C stops starting new work and prints what was done.\n\nExit codes: 0 every selected workload restarted, or nothing to do; 3 something was refused or skipped for safety, a precondition is not met, or a rollout failed (the rest was not started); 1 errors; 130 interrupted.')
}

/** What the flags ask for, checked before anything is read. */
interface Settings {
  targets: Target[]
  timeoutMs: number
  intervalMs: number
  maxConcurrent: number
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
    targets: (args.targets ?? []).map(parseTarget),
    timeoutMs: duration('timeout', args.timeout, 300_000),
    intervalMs: duration('poll-interval', args['poll-interval'], 2000),
    maxConcurrent: max,
  }
}

/** What tests replace: the prompt, Ctrl-C, the spinner, API retries. */
export interface RestartDeps {
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

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}

async function terminalSpinner(streams: Streams): Promise<Spinner | undefined> {
  const err = streams.err as { isTTY?: boolean; columns?: number }
  if (err.isTTY !== true || (err.columns ?? 0) <= 0 || process.env.CI) return undefined
  const mod: any = await import('ora')
  const ora = typeof mod.default === 'function' ? mod.default : mod.default?.default ?? mod
  return ora({ stream: streams.err as NodeJS.WritableStream, discardStdin: false })
}

function print(streams: Streams, args: RestartArgs, text: () => string, data: () => unknown): void {
  if (args.output === 'json') streams.out.write(renderJson(data()))
  else if (args.output === 'yaml') streams.out.write(renderYaml(data()))
  else streams.out.write(text())
}

/** complete: reads the cluster, classifies it, resolves the targets, connects for the writes. */
async function complete(args: RestartArgs, settings: Settings, streams: Streams, deps: RestartDeps) {
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
async function makePlan(c: Awaited<ReturnType<typeof complete>>, options: PlanOptions): Promise<RestartPlan> {
  const plan = planRestart(c.result, c.input.objects, options)
  const cni = c.result.cluster?.cni
  if (!cni || !plan.preconditions.some((p) => p.check === 'cni-agent') || agentPodsIn(c.input.objects.map((s) => s.object), cni).length) return plan
  const { readAgentPods } = await import('../cluster/rollout.js')
  return planRestart(c.result, c.input.objects, { ...options, agentPods: await readAgentPods(c.kube, cni) })
}

/** The rollouts, with progress on stderr; Ctrl-C (or deps.signal) stops starting new work. */
async function rollOut(plan: RestartPlan, settings: Settings, kube: Kube, streams: Streams, deps: RestartDeps): Promise<{ outcomes: Outcome[]; interrupted: boolean }> {
  const { runRestarts } = await import('../cluster/rollout.js')
  const abort = new AbortController()
  const spinner = deps.spinner === null ? undefined : deps.spinner ?? (await terminalSpinner(streams))
  const show = progress(streams, spinner)
  let interrupted = false
  const stop = () => {
    if (interrupted) return
    interrupted = true
    abort.abort()
    show.line('Interrupted: no new restarts; waiting for the writes in flight (Ctrl-C again quits at once).')
  }
  // A second Ctrl-C quits at once, as users expect.
  const onSigint = () => (interrupted ? process.exit(EXIT_INTERRUPTED) : stop())
  process.on('SIGINT', onSigint)
  deps.signal?.addEventListener('abort', stop, { once: true })
  if (deps.signal?.aborted) stop()
  try {
    const outcomes = await runRestarts(plan.restart, {
      kube, maxConcurrent: settings.maxConcurrent, timeoutMs: settings.timeoutMs, intervalMs: settings.intervalMs, signal: abort.signal,
      onEvent: (e) => { show.event(e); deps.onEvent?.(e) },
    })
    return { outcomes, interrupted }
  } finally {
    show.stop()
    process.off('SIGINT', onSigint)
    deps.signal?.removeEventListener('abort', stop)
  }
}

export async function run(args: RestartArgs, streams: Streams, deps: RestartDeps = {}): Promise<number> {
  const settings = validate(args)
  const c = await complete(args, settings, streams, deps)
  try {
    const plan = await makePlan(c, { ...(c.targets.length ? { targets: c.targets } : {}), force: args.force === true, deleteBarePods: args['delete-bare-pods'] === true })
    for (const e of plan.restart) if (e.forced) streams.err.write(`warning: --force: ${title(e)}: ${e.forced}\n`)
    const errorCode = c.errors.length ? EXIT.error : undefined

    if (args['dry-run'] || !plan.restart.length || !plan.ready) {
      const report = buildReport(plan, args['dry-run'] ? undefined : plan.restart.map((e): Outcome => ({
        kind: e.kind, namespace: e.namespace, name: e.name, order: e.order, action: e.action, result: 'not-started', durationMs: 0, detail: 'not started: a precondition is not met',
      })))
      print(streams, args, () => renderPlan({ ...report, dryRun: args['dry-run'] === true }, streams.color), () => report)
      if (!plan.ready && !args['dry-run']) streams.err.write('Nothing restarted: a precondition is not met.\n')
      if (args['dry-run']) streams.err.write('Dry run: nothing written.\n')
      return errorCode ?? exitCodeOf(report, false)
    }

    if (args.output === 'table' || args.output === undefined) streams.out.write(`${renderPlan({ ...buildReport(plan, undefined), dryRun: false }, streams.color)}\n`)
    if (streams.isTTY && !args.yes) {
      const n = plan.restart.length
      const ok = await (deps.confirm ?? askOnTerminal)(`Restart ${n} workload${n === 1 ? '' : 's'} in context ${plan.context}?`)
      if (!ok) throw new UserError('aborted: nothing restarted')
    }
    const started = Date.now()
    const { outcomes, interrupted } = await rollOut(plan, settings, c.kube, streams, deps)
    const report = buildReport(plan, outcomes)
    print(streams, args, () => renderSummary(report, streams.color), () => report)
    streams.err.write(`${interrupted ? 'Interrupted' : 'Done'} after ${formatDuration(Date.now() - started)}.\n`)
    return errorCode ?? exitCodeOf(report, interrupted)
  } finally {
    c.kube.close()
  }
}
