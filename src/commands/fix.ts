// kubectl istiocni fix: the smallest safe change per workload, as a unified diff; written back
// to the manifests (or printed as kustomize patches) only when asked (issue #5).
import type { Argv } from 'yargs'
import { writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import * as yaml from 'js-yaml'
import { analyze } from '../classify/index.js'
import type { WorkloadAnalysis } from '../classify/judge.js'
import { planFix, type Plan } from '../fix/plan.js'
import { applyToObject, strategicPatch } from '../fix/apply.js'
import { rewrite, type DocumentChange } from '../fix/files.js'
import { colourDiff, fileHeaders, objectDiff, unifiedDiff } from '../render/diff.js'
import { isLiveInput } from '../classify/cluster.js'
import { groupRows } from '../classify/group.js'
import type { Input } from '../model/input.js'
import type { Streams } from '../render/streams.js'
import { EXIT, type InputArgs, inputFlagsText, inputOptions, loadInput, reportErrors, UserError } from './common.js'
import { type PlanArgs, planOptions, planSettings } from './plan-options.js'
import { parseTarget, resolveTarget } from './targets.js'
import { ownerTitle } from '../classify/owner.js'
import { adviseOwner, refusal } from '../classify/owner-advice.js'

export const command = 'fix [targets..]'
export const describe = 'Apply the smallest safe change to the workloads that break, shown as a diff'

interface FixArgs extends InputArgs, PlanArgs {
  targets?: string[]
  namespace?: string
  'dry-run'?: boolean
  yes?: boolean
  force?: boolean
  output: 'diff' | 'patch'
}

export function builder(y: Argv) {
  return planOptions(inputOptions(y))
    .positional('targets', { type: 'string', array: true, describe: '<kind>/<name> to fix (default: every workload whose verdict is breaks; name a review workload to fix it too)' })
    .option('namespace', { type: 'string', describe: 'Namespace of the targets' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'Print the diffs and write nothing' })
    .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask for confirmation on a terminal' })
    .option('output', { alias: 'o', choices: ['diff', 'patch'] as const, default: 'diff' as const, describe: 'diff: unified diffs; patch: strategic-merge patches for kustomize (writes nothing)' })
    .option('force', { type: 'boolean', default: false, describe: 'Apply to objects that Helm, Argo CD, Flux or an operator manage (the next sync undoes it)' })
    .example([
      ['$0 fix -f manifests/ --dry-run', 'Show the changes for every workload at risk'],
      ['$0 fix deployment/orders -n shop -f manifests/', 'Rewrite the manifest of one workload in place'],
      ['helm template x chart/ | $0 fix -f - -o patch > istio-cni-patches.yaml', 'Kustomize patches for a GitOps repository'],
    ])
    .epilogue('Exit codes: 0 every selected workload is fixed (or nothing to do); 3 some still break (no automatic fix: see the advice); 1 errors.')
}

/** The command a user runs to apply the fixes `explain` shows. */
export function fixCommandLine(a: WorkloadAnalysis, args: InputArgs & PlanArgs): string {
  return `kubectl istiocni fix ${a.workload.kind.toLowerCase()}/${a.workload.name} -n ${a.workload.namespace}${inputFlagsText(args)}${args.strategy ? ` --strategy ${args.strategy}` : ''} --dry-run`
}

function describePlan(p: Plan): string[] {
  const w = p.workload.workload
  const name = `${w.kind.toLowerCase()}/${w.name} (${w.namespace})`
  const lines = p.containers.filter((c) => c.chosen).map((c) => `${name}: ${c.container}: ${c.chosen!.strategy}: ${c.chosen!.why}`)
  for (const u of p.unfixed) lines.push(`${name}: ${u.container}: ${u.advice}`)
  return lines
}

/**
 * Applies the plans to the cluster (issue #5): kubectl-diff-style diffs first, then, unless
 * --dry-run, one PATCH per workload with its resourceVersion; a 409 re-reads and re-plans once.
 * Objects Helm, Argo CD, Flux or an operator manage are refused without --force (issue #9).
 * Returns how many patches failed.
 */
async function applyLive(plans: Plan[], input: Input, args: FixArgs, streams: Streams): Promise<number> {
  const { notPatchable, connectTo, applyPatch } = await import('../cluster/apply.js')
  const ready: Plan[] = []
  for (const p of plans.filter((p) => p.edits.length)) {
    const w = p.workload.workload
    const name = `${w.kind.toLowerCase()}/${w.name} (${w.namespace})`
    const why = notPatchable(w.kind)
    if (why) { streams.err.write(`${name}: not changed: ${why}\n`); continue }
    const o = p.workload.ownership
    if (o.reverted && !args.force) {
      streams.err.write(`${refusal(o)}\n`)
      const advice = adviseOwner(o, p.edits)
      for (const line of [...advice.steps, ...advice.limits]) streams.err.write(`  ${line}\n`)
      continue
    }
    if (o.reverted) streams.err.write(`warning: ${name}: --force: ${ownerTitle(o)} will undo this change at its next sync\n`)
    streams.out.write(colourDiff(objectDiff(w.object, applyToObject(w.object, p.edits)), streams.color))
    ready.push(p)
  }
  if (args['dry-run'] || !ready.length) return 0
  if (streams.isTTY && !args.yes && !(await confirm(`Patch ${ready.length} workload${ready.length > 1 ? 's' : ''} in the cluster?`))) throw new UserError('aborted: nothing written')
  const kube = await connectTo({ ...(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {}), ...(args.context ? { context: args.context } : {}), ...(args['request-timeout'] ? { requestTimeout: args['request-timeout'] } : {}) })
  let failed = 0
  try {
    for (const p of ready) {
      const w = p.workload.workload
      const name = `${w.kind.toLowerCase()}/${w.name} (${w.namespace})`
      // After a conflict the object changed: judge it again, plan again (it may not need a fix any more).
      const patchFor = (current: typeof w.object) => {
        if (current === w.object) return strategicPatch(current, p.edits, current.metadata?.resourceVersion)
        const again = analyze({ ...input, objects: input.objects.map((s) => (s.object === w.object ? { ...s, object: current } : s)) }).analyses.find((a) => a.workload.object === current)
        const edits = again ? planFix(again, planSettings(args, input)).edits : []
        return edits.length ? strategicPatch(current, edits, current.metadata?.resourceVersion) : undefined
      }
      const r = await applyPatch(kube, w.object, patchFor)
      if (r.status === 'applied') streams.err.write(`${name}: patched${r.retried ? ' (after a conflict: re-read and re-planned)' : ''}\n`)
      else { failed++; streams.err.write(`error: ${name}: ${r.message}\n`) }
    }
  } finally {
    kube.close()
  }
  return failed
}

/** Asks on the terminal (prompt on stderr, so stdout stays data). */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  const answer = await rl.question(`${question} [y/N] `)
  rl.close()
  return /^y(es)?$/i.test(answer.trim())
}

export async function run(args: FixArgs, streams: Streams): Promise<number> {
  const targets = (args.targets ?? []).map(parseTarget)
  const input = await loadInput(args, streams)
  const live = isLiveInput(input)
  const analyzed = analyze(input)
  const errors = analyzed.errors
  // On a cluster, a workload is its top-level owner: the template its pods come from.
  const analyses = live ? groupRows(analyzed.analyses).map((r) => r.a) : analyzed.analyses
  reportErrors(errors, streams)
  const selected = targets.length ? targets.map((t) => resolveTarget(analyses, t, args.namespace))
    : analyses.filter((a) => (!args.namespace || a.workload.namespace === args.namespace) && a.result.verdict === 'breaks')
  const plans = selected.map((a) => planFix(a, planSettings(args, input)))
  const changes: DocumentChange[] = plans.filter((p) => p.edits.length).map((p) => ({ source: p.workload.workload.source, object: p.workload.workload.object, edits: p.edits }))

  if (args.output === 'patch') {
    streams.out.write(changes.map((c) => yaml.dump(strategicPatch(c.object, c.edits), { lineWidth: -1 })).join('---\n'))
  } else if (live) {
    const failed = await applyLive(plans, input, args, streams)
    if (failed) return EXIT.error
  } else if (args.kustomize !== undefined) {
    // What kubectl kustomize rendered is no file: the change goes into the kustomization as a patch.
    if (!args['dry-run'] && changes.length) throw new UserError(`-k: the rendered objects are not written anywhere: add the patches of \`kubectl istiocni fix -k ${args.kustomize} -o patch\` to the kustomization, or look with --dry-run`)
    for (const c of changes) streams.out.write(colourDiff(objectDiff(c.object, applyToObject(c.object, c.edits)), streams.color))
  } else {
    const rewrites = rewrite(changes)
    const toStdout = !args['dry-run'] && rewrites.some((r) => r.file === '<stdin>')
    if (!toStdout) for (const r of rewrites) streams.out.write(colourDiff(unifiedDiff(r.before, r.after, ...fileHeaders(r.file)), streams.color))
    if (!args['dry-run'] && rewrites.length) {
      if (streams.isTTY && !args.yes && !(await confirm(`Write ${rewrites.length} file${rewrites.length > 1 ? 's' : ''}?`))) throw new UserError('aborted: nothing written')
      for (const r of rewrites) {
        if (r.file === '<stdin>') streams.out.write(r.after)
        else writeFileSync(r.file, r.after)
      }
    }
  }

  for (const line of plans.flatMap(describePlan)) streams.err.write(`${line}\n`)
  // A managed spec: the file is rewritten as asked, but the change belongs upstream (issue #9).
  for (const p of live ? [] : plans.filter((p) => p.edits.length && p.workload.ownership.reverted)) {
    const w = p.workload.workload
    streams.err.write(`${w.kind.toLowerCase()}/${w.name} (${w.namespace}): managed by ${ownerTitle(p.workload.ownership)}:\n`)
    for (const s of adviseOwner(p.workload.ownership, p.edits).steps) streams.err.write(`  ${s}\n`)
  }
  // Check the result: a fixed workload must now pass (the fix is idempotent from then on).
  const edited = new Map(changes.map((c) => [c.source, applyToObject(c.object, c.edits)]))
  const after = analyze({ ...input, objects: input.objects.map((s) => (edited.has(s.source) ? { ...s, object: edited.get(s.source)! } : s)) }).analyses
  const stillBreaking = plans.filter((p) => after.find((a) => a.workload.source === p.workload.workload.source)?.result.verdict === 'breaks')
  if (!plans.length) streams.err.write('Nothing to fix.\n')
  if (args['dry-run'] && changes.length) streams.err.write('Dry run: nothing written.\n')
  if (errors.length) return EXIT.error
  return stillBreaking.length ? EXIT.found : EXIT.ok
}
