// What every command shares: the flags that select the input and the mesh, loading the input,
// and how errors become one line and an exit code.
import type { Argv } from 'yargs'
import type { Input, MeshFlags } from '../model/input.js'
import type { InputError } from '../model/input.js'
import type { Streams } from '../render/streams.js'

/** A known error: printed as one `error: …` line, exit code 1. */
export class UserError extends Error {}

export const EXIT = { ok: 0, error: 1, found: 3 } as const

export interface InputArgs {
  filename?: string[]
  'proxy-uid'?: number
  'proxy-gid'?: number
  'dns-capture'?: boolean
  'native-sidecars'?: boolean
  'all-namespaces'?: boolean
  namespace?: string
  selector?: string
  context?: string
  kubeconfig?: string
  'request-timeout'?: string
}

export function inputOptions<T>(y: Argv<T>) {
  return y
    .option('filename', { alias: 'f', type: 'string', array: true, describe: 'Manifests to check offline: files, directories (recursive), or - for stdin', requiresArg: true })
    .option('proxy-uid', { type: 'number', describe: 'Proxy UID whose traffic is never captured (default 1337, or what the input says)' })
    .option('proxy-gid', { type: 'number', describe: 'Proxy GID whose traffic is never captured (default 1337, or what the input says)' })
    .option('dns-capture', { type: 'boolean', describe: 'The mesh captures DNS (ISTIO_META_DNS_CAPTURE); default: off, or what the input says' })
    .option('native-sidecars', { type: 'boolean', describe: 'The mesh injects native sidecars (ENABLE_NATIVE_SIDECARS); default: classic' })
    .group(['filename', 'proxy-uid', 'proxy-gid', 'dns-capture', 'native-sidecars'], 'Input:')
}

export function meshFlags(a: InputArgs): MeshFlags {
  const flags: MeshFlags = {}
  for (const [key, name] of [['proxyUid', 'proxy-uid'], ['proxyGid', 'proxy-gid']] as const) {
    const v = a[name]
    if (v === undefined) continue
    if (!Number.isInteger(v) || v < 0) throw new UserError(`--${name} must be a non-negative integer, got ${v}`)
    flags[key] = v
  }
  if (a['dns-capture'] !== undefined) flags.dnsCapture = a['dns-capture']
  if (a['native-sidecars'] !== undefined) flags.nativeSidecars = a['native-sidecars']
  return flags
}

/** Builds the input from files; reading a live cluster is not part of this build yet. */
export async function loadInput(a: InputArgs): Promise<Input> {
  const flags = meshFlags(a)
  if (!a.filename?.length) throw new UserError('no input: pass manifests with -f <file|dir|->')
  const { readFiles } = await import('../cluster/files.js')
  const read = readFiles(a.filename)
  return { objects: read.objects, errors: read.errors, flags }
}

export function reportErrors(errors: InputError[], streams: Streams): void {
  for (const e of errors) streams.err.write(`error: ${e.source}: ${e.message}\n`)
}
