// The catalog's lookups: program names (and aliases) and image repositories to their entry. Every
// lookup is a Map get; nothing scans the entries or their specs per call. The generated keys say
// which family holds a name or an image, and a family is built and indexed on its first lookup.
import { type Rule, local } from './effect.js'
import { compileEffect } from './engine.js'
import { families } from './entries/index.js'
import { KEYS } from './entries/keys.js'
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

/** Names of `imageOnly` entries, by image key (see imageKey), then name. */
const byImage = new Map<string, Map<string, Known>>()

/** How an ImageSpec matches: the whole repository (`/` + repo), or its last path segment (see ImageSpec.repo). */
export const imageKey = (image: ImageSpec) => (image.exact || image.repo.includes('/') ? `/${image.repo}` : image.repo)

const NAMES = new Map(Object.entries(KEYS.names))
const IMAGES = new Map(Object.entries(KEYS.images))
const SCOPED = new Map(Object.entries(KEYS.scoped))
const loaded = new Set<number>()

/** Registers family i's entries for the names and images the keys give it (earlier families win a duplicate). */
function load(i: number | undefined): void {
  if (i === undefined || loaded.has(i)) return
  loaded.add(i)
  for (const entry of families[i]!()) {
    const k = known(entry)
    for (const image of entry.images ?? []) {
      const key = imageKey(image)
      const map = key.startsWith('/') ? byRepo : byLastSegment
      if (IMAGES.get(key) === i && !map.has(image.repo)) map.set(image.repo, image)
      if (!entry.imageOnly) continue
      const names = byImage.get(key) ?? new Map<string, Known>()
      for (const name of entry.names) if (!names.has(name)) names.set(name, k)
      byImage.set(key, names)
    }
    if (!entry.imageOnly) for (const name of entry.names) if (NAMES.get(name) === i && !byName.has(name)) byName.set(name, k)
  }
}

/** The entry of a name, building its family first. */
const named = (name: string) => { load(NAMES.get(name)); return byName.get(name) }

/** A name as given, then without a script suffix (`wait-for-it.sh`). */
const spellings = (program: string) => [program, program.replace(/\.(sh|py|rb|js|pl)$/, '')]

/** The `imageOnly` entry of a program in this image, if any. */
function inImage(program: string, image: string | undefined): Known | undefined {
  if (!image) return undefined
  const repo = imageRepository(image)
  const keys = [`/${repo}`, repo.slice(repo.lastIndexOf('/') + 1)]
  for (const key of keys) SCOPED.get(key)?.forEach(load)
  const names = byImage.get(keys[0]!) ?? byImage.get(keys[1]!)
  return names ? spellings(program).map((n) => names.get(n)).find(Boolean) : undefined
}

/**
 * The catalog entry of a program: the image's own program of that name (ProgramEntry.imageOnly), else by name,
 * then without a script suffix (`wait-for-it.sh`), and any `python3.x`.
 */
export function lookupProgram(program: string, image?: string): Known | undefined {
  return inImage(program, image) ?? spellings(program).map(named).find(Boolean) ?? (program.startsWith('python') ? named('python') : undefined)
}

/**
 * The entry of a script a shell or interpreter runs when the input lacks the file, named with its suffix
 * (`copy-lib.sh`, `wait-on.js`: `migrate.js` is not golang-migrate), except system utilities' common names.
 */
export function lookupScript(path: string, image?: string): Known | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1)
  const hit = inImage(base, image) ?? named(base)
  return hit?.entry.commonName ? undefined : hit
}

/** A catalog program the image is known not to ship (ImageSpec.only): a command starting with it cannot run there. */
export function absentFrom(image: string | undefined, program: string): boolean {
  const only = imageInfo(image)?.only
  const known = only && !only.includes(program) ? lookupProgram(program) : undefined
  // A runner (`retry_while`) is a shell function the script defines, not a program of the image.
  return known !== undefined && !known.entry.runner
}

/** Whether a program only works as root (the fix planner must not run it as the proxy UID). */
export const needsRoot = (program: string) => named(program)?.entry.needsRoot === true

/** Whether a shell function of this name runs its first argument (see ProgramEntry.runner). */
export const isRunner = (name: string) => named(name)?.entry.runner === true

/** The last image asked about and its repository: a container's image is asked about once per command word. */
let lastImage: string | undefined
let lastRepository = ''

/** Repository of an image reference: registry, `library/`, tag and digest removed. */
export function imageRepository(image: string): string {
  if (image !== lastImage) { lastRepository = repositoryOf(image); lastImage = image }
  return lastRepository
}

function repositoryOf(image: string): string {
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
  const segment = repo.slice(repo.lastIndexOf('/') + 1)
  load(IMAGES.get(`/${repo}`))
  if (byRepo.has(repo)) return byRepo.get(repo)
  load(IMAGES.get(segment))
  return byLastSegment.get(segment)
}
