// What every command shares: the flags that select the input and the mesh, loading the input,
// and how errors become one line and an exit code.
import type { Argv } from 'yargs'
import { EXIT } from '../model/exit.js'
import type { Input, MeshFlags, LiveInput } from '../model/input.js'
import type { InputError, Progress } from '../model/input.js'
import { type Streams, terminalSpinner } from '../render/streams.js'

/** yargs reads a lone `-` as an unknown flag; cli.ts swaps `-f -` for this before parsing. */
export const STDIN_ARG = '\u0000stdin'

/** A known error: printed as one `error: …` line, exit code 1. */
export class UserError extends Error {}

/** A write that was not confirmed (answered no, or no terminal and no --yes): exit code 5. */
export class NotConfirmed extends UserError {}

export { EXIT }

export interface InputArgs {
  filename?: string[]
  recursive?: boolean
  kustomize?: string
  'proxy-uid'?: string | number
  'proxy-gid'?: string | number
  'dns-capture'?: boolean
  'native-sidecars'?: boolean
  'all-namespaces'?: boolean
  namespace?: string
  selector?: string
  context?: string
  kubeconfig?: string
  'request-timeout'?: string
  'istio-namespace'?: string
}

/** The flags that read a live cluster instead of files (issue #4). */
const LIVE_FLAGS = ['all-namespaces', 'namespace', 'selector', 'context', 'kubeconfig', 'request-timeout', 'istio-namespace'] as const

export function inputOptions<T>(y: Argv<T>) {
  return y
    // No requiresArg: yargs would then refuse `-f -` (stdin); loadInput refuses an empty -f.
    .option('filename', { alias: 'f', type: 'string', array: true, describe: 'Manifests to check offline: files, directories, comma lists, or - for stdin (repeatable)' })
    .option('recursive', { alias: 'R', type: 'boolean', describe: 'Read the directories of -f and their subdirectories (default: their top level, as kubectl)' })
    .option('kustomize', { alias: 'k', type: 'string', requiresArg: true, describe: 'A kustomization directory, rendered with kubectl kustomize' })
    // Strings, checked in meshFlags: yargs turns `abc` into NaN.
    .option('proxy-uid', { type: 'string', requiresArg: true, describe: 'Proxy UID whose traffic is never captured (default 1337, or what the input says)' })
    .option('proxy-gid', { type: 'string', requiresArg: true, describe: 'Proxy GID whose traffic is never captured (default 1337, or what the input says)' })
    .option('dns-capture', { type: 'boolean', describe: 'The mesh captures DNS (ISTIO_META_DNS_CAPTURE); default: off, or what the input says' })
    .option('native-sidecars', { type: 'boolean', describe: 'The mesh injects native sidecars (ENABLE_NATIVE_SIDECARS); default: classic' })
    .option('all-namespaces', { alias: 'A', type: 'boolean', describe: 'Live: check every namespace of the cluster' })
    .option('namespace', { alias: 'n', type: 'string', describe: 'Live: the namespace to check (default: the context\'s)', requiresArg: true })
    .option('selector', { alias: 'l', type: 'string', describe: 'Live: label selector for pods and workloads, e.g. app=web', requiresArg: true })
    .option('context', { type: 'string', describe: 'Live: the kubeconfig context to use', requiresArg: true })
    .option('kubeconfig', { type: 'string', describe: 'Live: path to the kubeconfig file (default: KUBECONFIG, then ~/.kube/config)', requiresArg: true })
    .option('request-timeout', { type: 'string', describe: 'Live: timeout of each API request (0 = none; default 30s)', requiresArg: true })
    .option('istio-namespace', { type: 'string', describe: 'Live: where Istio\'s control plane lives (default: found by looking for istiod)', requiresArg: true })
    .group(['filename', 'recursive', 'kustomize', 'proxy-uid', 'proxy-gid', 'dns-capture', 'native-sidecars'], 'Input:')
    .group([...LIVE_FLAGS], 'Cluster (without -f):')
}

/** The input flags to repeat in a suggested command line (` -f a.yaml -R`, ` -k dir`, ` --context c`). */
export function inputFlagsText(a: InputArgs): string {
  const files = (a.filename ?? []).map((f) => ` -f ${f === STDIN_ARG ? '-' : f}`).join('')
  const cluster = `${a.context !== undefined ? ` --context ${a.context}` : ''}${a.kubeconfig !== undefined ? ` --kubeconfig ${a.kubeconfig}` : ''}`
  return `${files}${a.recursive ? ' -R' : ''}${a.kustomize !== undefined ? ` -k ${a.kustomize}` : ''}${cluster}`
}

export function meshFlags(a: InputArgs): MeshFlags {
  const flags: MeshFlags = {}
  for (const [key, name] of [['proxyUid', 'proxy-uid'], ['proxyGid', 'proxy-gid']] as const) {
    const v = a[name]
    if (v === undefined) continue
    if (!/^\d+$/.test(String(v).trim())) throw new UserError(`--${name} must be a non-negative integer, got ${JSON.stringify(String(v))}`)
    flags[key] = Number(v)
  }
  if (a['dns-capture'] !== undefined) flags.dnsCapture = a['dns-capture']
  if (a['native-sidecars'] !== undefined) flags.nativeSidecars = a['native-sidecars']
  return flags
}

/**
 * Builds the input: from files with -f, otherwise from the cluster the kubeconfig points at
 * (issue #4). Live reads show a spinner on a terminal and print their warnings to stderr.
 */
export async function loadInput(a: InputArgs, streams?: Streams, progress?: Progress): Promise<Input | LiveInput> {
  const flags = meshFlags(a)
  const files = filenames(a)
  if (!files.length && a.kustomize === undefined) return loadLive(a, flags, streams)
  // -n stays allowed: explain and fix name their targets' namespace with it, offline too.
  const live = LIVE_FLAGS.filter((f) => f !== 'namespace' && a[f] !== undefined && a[f] !== false)
  if (live.length) throw new UserError(`-f checks manifests offline; ${live.map((f) => `--${f}`).join(', ')} read${live.length === 1 ? 's' : ''} a cluster: use one or the other`)
  if (a.kustomize !== undefined) {
    const { readKustomization, KustomizeUnavailable } = await import('../cluster/kustomize.js')
    try {
      return { ...readKustomization(a.kustomize), flags }
    } catch (e) {
      if (e instanceof KustomizeUnavailable) throw new UserError(e.message)
      throw e
    }
  }
  const { readFiles } = await import('../cluster/files.js')
  const read = readFiles(files, { recursive: a.recursive === true, ...(progress ? { progress } : {}) })
  for (const h of read.hints) streams?.err.write(`hint: ${h}\n`)
  return { objects: read.objects, errors: read.errors, flags }
}

/** -f as kubectl reads it: repeatable, comma lists; a -f without a value is a usage error, never a live read. */
function filenames(a: InputArgs): string[] {
  if (a.filename === undefined) return []
  const files = a.filename.flatMap((f) => (f === STDIN_ARG ? ['-'] : String(f).split(',')))
  if (!files.length || files.some((f) => f === '')) throw new UserError('flag needs an argument: -f (a file, a directory, or - for stdin)')
  if (a.kustomize !== undefined) throw new UserError('only one of -f or -k can be specified')
  return files
}

async function loadLive(a: InputArgs, flags: MeshFlags, streams?: Streams): Promise<LiveInput> {
  const { readCluster, KubeError } = await import('../cluster/live.js')
  const spinner = streams ? await terminalSpinner(streams, 'Reading the cluster') : undefined
  spinner?.start()
  try {
    const input = await readCluster({
      flags,
      ...(a['all-namespaces'] ? { allNamespaces: true } : {}),
      ...(a.namespace !== undefined ? { namespace: a.namespace } : {}),
      ...(a.selector !== undefined ? { selector: a.selector } : {}),
      ...(a.context !== undefined ? { context: a.context } : {}),
      ...(a.kubeconfig !== undefined ? { kubeconfig: a.kubeconfig } : {}),
      ...(a['request-timeout'] !== undefined ? { requestTimeout: a['request-timeout'] } : {}),
      ...(a['istio-namespace'] !== undefined ? { istioNamespace: a['istio-namespace'] } : {}),
      ...(spinner ? { progress: (text: string) => { spinner!.text = text } } : {}),
    })
    spinner?.stop()
    for (const w of input.live.warnings) streams?.err.write(`warning: ${w}\n`)
    return input
  } catch (e) {
    spinner?.stop()
    if (e instanceof KubeError) throw new UserError(e.message)
    throw e
  }
}

/**
 * What a cluster read that missed something adds to `-o json|yaml` (never "all clear" on a partial
 * read): `incomplete: true` with the reader's warnings; on a complete read with warnings, the
 * warnings alone; nothing otherwise (files, or a clean read).
 */
export function readNotes(input: Input): { incomplete?: true; warnings?: string[] } {
  const live = 'live' in input ? (input as LiveInput).live : undefined
  if (!live?.warnings.length && !live?.incomplete) return {}
  return { ...(live.incomplete ? { incomplete: true as const } : {}), warnings: live.warnings }
}

/** The exit code when nothing else decided it: 4 after a partial read, else 0. */
export const okOrIncomplete = (input: Input): number => (readNotes(input).incomplete ? EXIT.incomplete : EXIT.ok)

export function reportErrors(errors: InputError[], streams: Streams): void {
  for (const e of errors) streams.err.write(`error: ${e.source}: ${e.message}\n`)
}
