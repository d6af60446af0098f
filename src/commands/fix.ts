// kubectl istiocni fix: the smallest safe change per workload, as a unified diff; written back
// to the manifests (or printed as kustomize patches) only when asked (issue #5), through the one
// write gate (issue #12: dry-run modes, confirmation, preflight).
import type { Argv } from 'yargs'
import { existsSync, writeFileSync } from 'node:fs'
import * as yaml from 'js-yaml'
import { analyze, judgeAgain } from '../classify/index.js'
import type { WorkloadAnalysis } from '../classify/verdict/judge.js'
import { planFix, type Plan } from '../fix/plan.js'
import { applyToObject, strategicPatch } from '../fix/apply.js'
import { rewrite, type DocumentChange } from '../fix/files.js'
import { readAgain, stdinText } from '../cluster/files.js'
import { colourDiff, fileHeaders, objectDiff, piecewiseDiff } from '../render/diff.js'
import { classifyLive } from '../classify/group.js'
import { preconditionsFor, replacedByTemplate } from '../restart/plan.js'
import { type OfflineProgress, offlineProgress, type Streams } from '../render/streams.js'
import { EXIT, type InputArgs, inputFlagsText, inputOptions, loadInput, okOrIncomplete, reportErrors, STDIN_ARG, UserError } from './common.js'
import { clusterLines, confirmWrites, type DryRun, dryRunOf, missingAgentPods, type WriteArgs, writeOptions } from './gate.js'
import { type PlanArgs, planOptions, planSettings } from './plan-options.js'
import { parseTarget, resolveTarget } from './targets.js'
import { ownerTitle } from '../classify/owner/owner.js'
import { adviseOwner, refusal } from '../classify/owner/owner-advice.js'
import { isLiveInput, type LiveInput } from '../model/input.js'

export const command = 'fix [targets..]'
export const describe = 'Apply the smallest safe change to the workloads that break, shown as a diff'

interface FixArgs extends InputArgs, PlanArgs, WriteArgs {
  targets?: string[]
  namespace?: string
  force?: boolean
  output: 'diff' | 'patch'
}

export function builder(y: Argv) {
  return writeOptions(planOptions(inputOptions(y)), 'print the diffs')
    .positional('targets', { type: 'string', array: true, describe: '<kind>/<name> to fix (default: every workload whose verdict is breaks; name a review workload to fix it too)' })
    .option('namespace', { type: 'string', describe: 'Namespace of the targets' })
    .option('output', { alias: 'o', choices: ['diff', 'patch'] as const, default: 'diff' as const, describe: 'diff: unified diffs; patch: strategic-merge patches for kustomize (writes nothing)' })
    .option('force', { type: 'boolean', default: false, describe: 'Patch objects that Helm, Argo CD, Flux or an operator manage (the next sync undoes it), and patch on a cluster whose preflight fails (CNI node agent not ready where the pods run, revision without CNI)' })
    .example([
      ['$0 fix -f manifests/ --dry-run', 'Show the changes for every workload at risk'],
      ['$0 fix -f manifests/ deployment/orders -n shop --yes', 'Rewrite the manifest of one workload in place, without asking'],
      ['$0 fix -A --dry-run=server', 'Send every patch with dryRun=All: the API server validates it and stores nothing'],
      ['helm template x chart/ | $0 fix -f - | kubectl apply -f -', 'Fix a rendered chart in a pipeline: the whole stream is echoed, fixed'],
      ['helm template x chart/ | $0 fix -f - -o patch > istio-cni-patches.yaml', 'Kustomize patches for a GitOps repository'],
    ])
    .epilogue([
      'Writes: nothing is written with --dry-run (client: nothing sent; server: every PATCH with dryRun=All). Otherwise fix asks on a terminal (stdin and stderr) and, without one, writes only with --yes (exit 5). With -f - the whole stream is echoed on stdout, fixed or not. Files are never written when the input or the command line has an error.',
      'On a cluster, a pod template change rolls the pods of Deployments, StatefulSets and DaemonSets: fix first runs the preflight of restart (the CNI node agent ready on the nodes of those pods, their revision enabling CNI) and changes nothing that would roll while it fails (--force overrides, with a warning). After a 409 Conflict the object is read and planned again: nothing left is "already fixed"; a different change is shown and asked again (never written without a terminal, --yes or not).',
      'Exit codes: 0 every selected workload is fixed, or needed nothing; 3 some selected workload still breaks (no automatic fix: see the advice) or was refused (managed by Helm/Argo CD/Flux/an operator, an immutable Job or a Pod, a failed preflight, a changed plan not confirmed); 4 none of that, but the cluster read was partial; 5 not confirmed, nothing written; 1 errors (input, flags, API).',
    ].join('\n\n'))
}

/** The command a user runs to apply the fixes `explain` shows. */
export function fixCommandLine(a: WorkloadAnalysis, args: InputArgs & PlanArgs): string {
  return `kubectl istiocni fix ${a.workload.kind.toLowerCase()}/${a.workload.name} -n ${a.workload.namespace}${inputFlagsText(args)}${args.strategy ? ` --strategy ${args.strategy}` : ''} --dry-run`
}

const nameOf = (p: Plan) => { const w = p.workload.workload; return `${w.kind.toLowerCase()}/${w.name} (${w.namespace})` }

function describePlan(p: Plan): string[] {
  const name = nameOf(p)
  const lines = p.containers.filter((c) => c.chosen).map((c) => `${name}: ${c.container}: ${c.chosen!.strategy}: ${c.chosen!.why}`)
  for (const u of p.unfixed) lines.push(`${name}: ${u.container}: ${u.advice}`)
  return lines
}

/** A live input with its one check: the rows' analyses, the result the preflight reads. */
type LiveChecked = { input: LiveInput } & ReturnType<typeof classifyLive>

/** What happened to the plans: written (or, in a dry run, would be), already settled, refused; API failures. */
interface Applied { written: Plan[]; settled: Plan[]; refused: Plan[]; failed: number }

/**
 * `-f` takes every word after it (`-f DIR deployment/alpha`): a word that is no path but reads as
 * <kind>/<name> is a target, as the user meant, when at least one real path remains.
 */
function splitFilenames(args: FixArgs): { files: string[]; targets: string[] } {
  const all = args.filename ?? []
  const isTarget = (f: string) => { if (f === STDIN_ARG || existsSync(f)) return false; try { parseTarget(f); return true } catch { return false } }
  const files = all.filter((f) => !isTarget(f))
  return files.length ? { files, targets: all.filter(isTarget) } : { files: all, targets: [] }
}

/**
 * Applies the plans to the cluster (issue #5, #12): the preflight, kubectl-diff-style diffs, the
 * gate, then one PATCH per workload with its resourceVersion (applyPatch handles a 409). Objects
 * Helm, Argo CD, Flux or an operator manage are refused without --force (issue #9).
 */
async function applyLive(plans: Plan[], checked: LiveChecked, args: FixArgs, dryRun: DryRun, streams: Streams): Promise<Applied> {
  const { input, result, ctx } = checked
  const { notPatchable, connectTo, applyPatch, rollsPods } = await import('../cluster/apply.js')
  const out: Applied = { written: [], settled: [], refused: [], failed: 0 }
  let ready: Plan[] = []
  for (const p of plans.filter((p) => p.edits.length)) {
    const name = nameOf(p)
    const why = notPatchable(p.workload.workload.kind)
    if (why) { streams.err.write(`${name}: not changed: ${why}\n`); out.refused.push(p); continue }
    const o = p.workload.ownership
    if (o.reverted && !args.force) {
      streams.err.write(`${refusal(o)}\n`)
      const advice = adviseOwner(o, p.edits)
      for (const line of [...advice.steps, ...advice.limits]) streams.err.write(`  ${line}\n`)
      out.refused.push(p)
      continue
    }
    if (o.reverted) streams.err.write(`warning: ${name}: --force: ${ownerTitle(o)} will undo this change at its next sync\n`)
    ready.push(p)
  }
  if (!ready.length) return out
  const kube = await connectTo({ ...(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {}), ...(args.context ? { context: args.context } : {}), ...(args['request-timeout'] ? { requestTimeout: args['request-timeout'] } : {}) })
  try {
    // ref §8.1: a template change rolls the pods, like restart: the same preflight first.
    const rolling = ready.filter((p) => rollsPods(p.workload.workload.object))
    const replaced = rolling.flatMap((p) => result.workloads.filter((w) => w.kind === p.workload.workload.kind && w.namespace === p.workload.workload.namespace && w.name === p.workload.workload.name)).map((w) => replacedByTemplate(w, input.objects))
    let pre = preconditionsFor(result, input.objects, replaced)
    const agentPods = await missingAgentPods(result, input.objects, pre, kube)
    if (agentPods) pre = preconditionsFor(result, input.objects, replaced, agentPods)
    const failing = pre.filter((c) => !c.ok)
    for (const c of failing) streams.err.write(args.force ? `warning: --force: preflight failed: ${c.message}\n` : `preflight failed: ${c.message}\n`)
    if (failing.length && !args.force) {
      for (const p of rolling) streams.err.write(`${nameOf(p)}: not changed: its pods would roll while the preflight fails (--force overrides)\n`)
      out.refused.push(...rolling)
      ready = ready.filter((p) => !rolling.includes(p))
    }
    for (const p of ready) streams.out.write(colourDiff(objectDiff(p.workload.workload.object, applyToObject(p.workload.workload.object, p.edits)), streams.color))
    if (!ready.length || dryRun === 'client') return { ...out, written: ready }
    if (dryRun === 'none') {
      const lines = clusterLines({
        context: kube.context, server: kube.server, objects: ready.map(nameOf),
        namespaces: [...new Set(ready.map((p) => p.workload.workload.namespace))].sort(),
        rolls: ready.filter((p) => rollsPods(p.workload.workload.object)).map(nameOf),
      })
      await confirmWrites(`Patch ${ready.length} workload${ready.length > 1 ? 's' : ''} in context ${kube.context}?`, lines, args, streams)
    }
    const settings = planSettings(args, input)
    for (const p of ready) {
      const w = p.workload.workload
      const name = nameOf(p)
      let edits = p.edits
      // After a conflict the object changed: judge it again, plan again (it may not need a fix any more).
      const patchFor = (current: typeof w.object) => {
        if (current !== w.object) {
          const again = judgeAgain(ctx, { source: w.source, object: current })
          edits = again ? planFix(again, settings).edits : []
        }
        return edits.length ? strategicPatch(current, edits, current.metadata?.resourceVersion) : undefined
      }
      // What is written is what was shown: a different change is shown and asked again.
      const approve = async (current: typeof w.object) => {
        streams.err.write(`${name}: the object changed since it was read (409 Conflict), and the change planned again differs from the one shown:\n`)
        streams.out.write(colourDiff(objectDiff(current, applyToObject(current, edits)), streams.color))
        if (!streams.ask) { streams.err.write(`${name}: not patched: no terminal to confirm the new change (run fix again to review it)\n`); return false }
        return streams.ask(`Patch ${name} with this new change?`)
      }
      const r = await applyPatch(kube, w.object, patchFor, { dryRun: dryRun === 'server', approve })
      switch (r.status) {
        case 'patched':
          out.written.push(p)
          streams.err.write(dryRun === 'server' ? `${name}: the API server accepted the patch (dry run: nothing stored)\n` : `${name}: patched${r.conflict ? ' (after a conflict: re-read and re-planned)' : ''}\n`)
          break
        case 'unchanged': out.settled.push(p); streams.err.write(`${name}: unchanged: it already has this change (nothing written)\n`); break
        case 'already-fixed': out.settled.push(p); streams.err.write(`${name}: already fixed: read again after a conflict, it needs no change (nothing written)\n`); break
        case 'declined': out.refused.push(p); streams.err.write(`${name}: not patched: the new change was not confirmed\n`); break
        default: out.failed++; streams.err.write(`error: ${name}: ${r.message}\n`)
      }
    }
    return out
  } finally {
    kube.close()
  }
}

/**
 * Rewrites the manifests (or, for `-f -`, echoes the whole stream on stdout, fixed or not, so a
 * pipeline into kubectl apply keeps working). Nothing is written when the input has errors.
 */
async function applyFiles(changes: DocumentChange[], plans: Plan[], files: string[], args: FixArgs, dryRun: DryRun, hasErrors: boolean, streams: Streams, progress: OfflineProgress): Promise<Applied> {
  const echo = dryRun === 'none' && !hasErrors && files.includes(STDIN_ARG)
  let rewrites, diffs: string[] = []
  try {
    rewrites = rewrite(changes, readAgain, progress.tick)
    if (!echo) diffs = rewrites.map((r) => piecewiseDiff(r.pieces, ...fileHeaders(r.file), progress.tick))
  } finally { progress.stop() }
  for (const d of diffs) streams.out.write(colourDiff(d, streams.color))
  const changed = plans.filter((p) => p.edits.length)
  if (hasErrors) {
    if (dryRun === 'none' && rewrites.length) streams.err.write('Nothing written: the input has errors (above).\n')
    return { written: [], settled: [], refused: [], failed: 0 }
  }
  if (dryRun === 'none') {
    const onDisk = rewrites.filter((r) => r.file !== '<stdin>')
    if (onDisk.length) await confirmWrites(`Write ${onDisk.length} file${onDisk.length > 1 ? 's' : ''}?`, [`Rewrite in place: ${onDisk.map((r) => r.file).join(', ')}.`], args, streams)
    for (const r of onDisk) writeFileSync(r.file, r.after)
    if (echo) streams.out.write(rewrites.find((r) => r.file === '<stdin>')?.after ?? stdinText())
  }
  return { written: changed, settled: [], refused: [], failed: 0 }
}

/** validate: what the flags ask for, checked before anything is read (pure but for -f words that exist as paths). */
export function validate(args: FixArgs) {
  const dryRun = dryRunOf(args)
  const split = splitFilenames(args)
  if (split.files.length && dryRun === 'server') throw new UserError('--dry-run=server sends the writes to a cluster: with -f, use --dry-run (client)')
  return { dryRun, files: split.files, targets: [...(args.targets ?? []), ...split.targets].map(parseTarget) }
}

/** complete: reads the input, judges it (each analysis once) and plans the change of each selected workload. */
export async function complete(args: FixArgs, settings: ReturnType<typeof validate>, streams: Streams) {
  // -o patch is data, as -o json|yaml are for check: nothing else on the terminal.
  const progress = await offlineProgress(streams, args.output === 'patch')
  const input = await loadInput(args.filename === undefined ? args : { ...args, filename: settings.files }, streams, progress.tick).catch((e) => { progress.stop(); throw e })
  // On a cluster, a workload is its top-level owner: the template its pods come from.
  const checked = isLiveInput(input) ? { input, ...classifyLive(input) } : undefined
  const { errors, analyses, ctx } = checked ? { errors: checked.errors, analyses: checked.rows, ctx: checked.ctx } : analyze(input, true, progress.tick ? { progress: progress.tick } : {})
  progress.stop()
  reportErrors(errors, streams)
  const selected = settings.targets.length ? settings.targets.map((t) => resolveTarget(analyses, t, args.namespace))
    : analyses.filter((a) => (!args.namespace || a.workload.namespace === args.namespace) && a.result.verdict === 'breaks')
  const settingsOfPlan = planSettings(args, input)
  const plans = selected.map((a, n) => {
    progress.tick?.(() => `Planning: ${n.toLocaleString('en')} of ${selected.length.toLocaleString('en')} workloads`)
    return planFix(a, settingsOfPlan)
  })
  progress.stop()
  const changes: DocumentChange[] = plans.filter((p) => p.edits.length).map((p) => ({ source: p.workload.workload.source, object: p.workload.workload.object, edits: p.edits }))
  return { input, checked, errors, ctx, plans, changes, progress }
}

export async function run(args: FixArgs, streams: Streams): Promise<number> {
  const settings = validate(args)
  const { dryRun } = settings
  const { input, checked, errors, ctx, plans, changes, progress } = await complete(args, settings, streams)
  const live = checked !== undefined

  let applied: Applied
  if (args.output === 'patch') {
    streams.out.write(changes.map((c) => yaml.dump(strategicPatch(c.object, c.edits), { lineWidth: -1 })).join('---\n'))
    applied = { written: plans.filter((p) => p.edits.length), settled: [], refused: [], failed: 0 }
  } else if (live) {
    applied = await applyLive(plans, checked, args, dryRun, streams)
  } else if (args.kustomize !== undefined) {
    // What kubectl kustomize rendered is no file: the change goes into the kustomization as a patch.
    if (dryRun === 'none' && changes.length) throw new UserError(`-k: the rendered objects are not written anywhere: add the patches of \`kubectl istiocni fix -k ${args.kustomize} -o patch\` to the kustomization, or look with --dry-run`)
    for (const c of changes) streams.out.write(colourDiff(objectDiff(c.object, applyToObject(c.object, c.edits)), streams.color))
    applied = { written: plans.filter((p) => p.edits.length), settled: [], refused: [], failed: 0 }
  } else {
    applied = await applyFiles(changes, plans, settings.files, args, dryRun, errors.length > 0, streams, progress)
  }

  for (const line of plans.flatMap(describePlan)) streams.err.write(`${line}\n`)
  // A managed spec: the file is rewritten as asked, but the change belongs upstream (issue #9).
  for (const p of live ? [] : plans.filter((p) => p.edits.length && p.workload.ownership.reverted)) {
    streams.err.write(`${nameOf(p)}: managed by ${ownerTitle(p.workload.ownership)}:\n`)
    for (const s of adviseOwner(p.workload.ownership, p.edits).steps) streams.err.write(`  ${s}\n`)
  }
  // Check the result: a fixed workload must now pass (the fix is idempotent from then on).
  // Sets: a search of the lists for each plan costs their product at 10,000 workloads.
  const [written, settled] = [new Set(applied.written), new Set(applied.settled)]
  let judged = 0
  const after = (p: Plan) => {
    const w = p.workload.workload
    if (!written.has(p)) return p.workload.result.verdict
    const n = judged++
    progress.tick?.(() => `Checking the fixed workloads: ${n.toLocaleString('en')} of ${written.size.toLocaleString('en')}`)
    return judgeAgain(ctx, { source: w.source, object: applyToObject(w.object, p.edits) }, p.workload)?.result.verdict
  }
  const stillBreaking = plans.filter((p) => !settled.has(p) && after(p) === 'breaks')
  progress.stop()
  if (!plans.length) streams.err.write('Nothing to fix.\n')
  if (dryRun === 'client' && changes.length) streams.err.write('Dry run: nothing written.\n')
  if (dryRun === 'server' && changes.length) streams.err.write('Dry run (server): nothing stored.\n')
  if (errors.length || applied.failed) return EXIT.error
  return applied.refused.length || stillBreaking.length ? EXIT.found : okOrIncomplete(input)
}
