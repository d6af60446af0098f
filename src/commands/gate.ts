// The one gate every write goes through (`fix` on a cluster or on files, `restart`): the dry-run
// mode as kubectl spells it, then the confirmation. A command never writes around it.
//
// Confirmation: asked when stdin and stderr are both terminals (stdout may be a pipe: `| tee log`
// still asks). `--yes` is the only way to write without being asked: without a terminal and
// without --yes nothing is written (exit 5). Naming the workloads is not consent: a script that
// means to write says --yes.
import type { Argv } from 'yargs'
import type { Streams } from '../render/streams.js'
import type { CheckResult } from '../classify/result/result.js'
import type { Sourced } from '../model/input.js'
import type { KObject } from '../model/k8s.js'
import type { Kube } from '../cluster/kube.js'
import { agentPodsIn, type Precondition } from '../restart/plan.js'
import { NotConfirmed, UserError } from './common.js'

const DRY_RUN = ['none', 'client', 'server'] as const
export type DryRun = (typeof DRY_RUN)[number]

export interface WriteArgs {
  'dry-run'?: string | boolean
  yes?: boolean
}

/**
 * A bare `--dry-run` means `client`, as in kubectl (its NoOptDefVal): yargs would otherwise take
 * the next word as the value, so the argv is rewritten before parsing (cli.ts).
 */
export const bareDryRun = (argv: string[]): string[] => {
  const end = argv.indexOf('--')
  return argv.map((a, i) => (a === '--dry-run' && (end < 0 || i < end) ? '--dry-run=client' : a))
}

// kubectl still takes Go booleans (deprecated): true is client, false is none
// (kubernetes/kubectl:pkg/cmd/util/helpers.go GetDryRunStrategy).
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True'])
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False'])

/** The dry-run mode of the flags; any other value is a usage error (exit 1). */
export function dryRunOf(a: WriteArgs): DryRun {
  const v = a['dry-run']
  if (v === undefined || v === false) return 'none'
  if (v === true || v === '') return 'client'
  if ((DRY_RUN as readonly string[]).includes(v)) return v as DryRun
  if (TRUE.has(v)) return 'client'
  if (FALSE.has(v)) return 'none'
  throw new UserError(`invalid --dry-run value "${v}": use none, client or server`)
}

export function writeOptions<T>(y: Argv<T>, client: string) {
  return y
    .option('dry-run', { type: 'string', describe: `none: write; client (or a bare --dry-run): ${client}, send nothing; server: send every write with dryRun=All, so the API server validates it and stores nothing` })
    .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Write without asking. Without it the command asks when stdin and stderr are a terminal, and otherwise refuses to write (exit 5)' })
}

/** What a cluster write touches, for the prompt: the context and server, the namespaces, the objects, which pods roll. */
interface ClusterWrites {
  context: string
  server: string
  /** `deployment/web (shop)` per object. */
  objects: string[]
  namespaces: string[]
  /** Objects whose pod template changes: every one of their pods is replaced. */
  rolls: string[]
  /** Argo Rollouts whose spec.restartAt is set: their controller evicts every pod. */
  restartAt?: string[]
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function clusterLines(w: ClusterWrites): string[] {
  return [
    `Context ${w.context} (cluster ${w.server}), namespace${w.namespaces.length === 1 ? '' : 's'} ${w.namespaces.join(', ')}: ${plural(w.objects.length, 'object')}: ${w.objects.join(', ')}.`,
    ...(w.rolls.length ? [`The pod template of ${w.rolls.join(', ')} changes: the controller replaces every pod of ${w.rolls.length === 1 ? 'it' : 'each'} (a rolling update).`] : []),
    ...(w.restartAt?.length ? [`spec.restartAt of ${w.restartAt.join(', ')} is set to now: the Argo Rollouts controller evicts every pod of ${w.restartAt.length === 1 ? 'it' : 'each'}, maxUnavailable at a time.`] : []),
  ]
}

/**
 * Lets the writes through or throws: `--yes` passes; a terminal is asked (the lines above the
 * question say what is written where); otherwise nothing is written and the exit code is 5.
 */
export async function confirmWrites(question: string, lines: string[], a: { yes?: boolean }, streams: Streams, ask = streams.ask, aborted = 'aborted: nothing written'): Promise<void> {
  if (a.yes) return
  if (!ask) throw new NotConfirmed('refusing to write without confirmation: stdin and stderr are not a terminal to ask on; pass --yes to write, or --dry-run to only show the changes')
  for (const l of lines) streams.err.write(`${l}\n`)
  if (!(await ask(question))) throw new NotConfirmed(aborted)
}

/**
 * The pods of the CNI node agent when the preconditions need them per node and the read scope
 * left them out (ref §8.1: ready on the nodes of the pods replaced); undefined when not needed.
 */
export async function missingAgentPods(result: CheckResult, objects: Sourced[], preconditions: Precondition[], kube: Kube): Promise<KObject[] | undefined> {
  const cni = result.cluster?.cni
  if (!cni || !preconditions.some((p) => p.check === 'cni-agent') || agentPodsIn(objects.map((s) => s.object), cni).length) return undefined
  const { readAgentPods } = await import('../cluster/rollout.js')
  return readAgentPods(kube, cni)
}
