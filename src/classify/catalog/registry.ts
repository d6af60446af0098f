// The catalog, indexed once at load: program names (and aliases) and image repositories to their
// entry. Every lookup is a Map get; nothing scans the entries or their specs per call.
import { type Rule, local } from './effect.js'
import { compileEffect } from './engine.js'
import { ENTRIES } from './entries/index.js'
import type { ImageSpec, ProgramEntry } from './types.js'

interface Known {
  entry: ProgramEntry
  rule: Rule
}

/** Help and version calls print text and exit: local for every program unless its entry says otherwise. */
const HELP = new Set(['--help', '-h', '--version', 'version'])

const byName = new Map<string, Known>()
/** Repositories with a `/`, and official images marked `exact`, as written. */
const byRepo = new Map<string, ImageSpec>()
/** Repositories without a `/`: the last path segment under any registry or organisation. */
const byLastSegment = new Map<string, ImageSpec>()

/** An entry's rule, compiled on its first use: a run pays only for the programs it meets. */
function known(entry: ProgramEntry): Known {
  let rule: Rule | undefined
  const build = (): Rule => {
    const effect = compileEffect(entry.effect)
    return (args, ctx, program) =>
      args.length === 1 && HELP.has(args[0]!) && !(entry.versionIsRemote && args[0] === 'version') ? local(program) : effect(args, ctx, program)
  }
  return { entry, get rule() { return (rule ??= build()) } }
}

// Earlier entries win a duplicate name or repository (test/catalog.test.ts fails on any).
for (const entry of ENTRIES) {
  const k = known(entry)
  for (const name of entry.names) if (!byName.has(name)) byName.set(name, k)
  for (const image of entry.images ?? []) {
    const map = image.exact || image.repo.includes('/') ? byRepo : byLastSegment
    if (!map.has(image.repo)) map.set(image.repo, image)
  }
}

/** The catalog entry of a program: by name, then without a script suffix (`wait-for-it.sh`), and any `python3.x`. */
export function lookupProgram(program: string): Known | undefined {
  return byName.get(program) ?? byName.get(program.replace(/\.(sh|py|rb|js|pl)$/, '')) ?? (program.startsWith('python') ? byName.get('python') : undefined)
}

/** The entry of a script a shell or interpreter runs, named with its suffix (`copy-lib.sh`), when the input lacks the file. */
export function lookupScript(path: string): Known | undefined {
  const hit = byName.get(path.slice(path.lastIndexOf('/') + 1))
  return hit?.entry.commonName ? undefined : hit
}

/** Whether a program only works as root (the fix planner must not run it as the proxy UID). */
export const needsRoot = (program: string) => byName.get(program)?.entry.needsRoot === true

/** Whether a shell function of this name runs its first argument (see ProgramEntry.runner). */
export const isRunner = (name: string) => byName.get(name)?.entry.runner === true

/** Repository of an image reference: registry, `library/`, tag and digest removed. */
export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase().replace(/@sha256:.*$/, '')
  const slash = ref.lastIndexOf('/')
  const colon = ref.lastIndexOf(':')
  if (colon > slash) ref = ref.slice(0, colon)
  const parts = ref.split('/')
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) parts.shift()
  if (parts[0] === 'library') parts.shift()
  return parts.join('/')
}

/** What a known image runs when the spec gives no command. */
export function imageInfo(image: string | undefined): ImageSpec | undefined {
  if (!image) return undefined
  const repo = imageRepository(image)
  return byRepo.get(repo) ?? byLastSegment.get(repo.slice(repo.lastIndexOf('/') + 1))
}
