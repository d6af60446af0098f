// docs/programs.md, generated from the program catalog (src/classify/catalog/): what each known
// program or image does on the network, the source that proves it, and its examples.
import { allEntries, families } from '../classify/catalog/entries/index.js'
import { imageKey } from '../classify/catalog/registry.js'
import type { CatalogKeys, EffectSpec, Example, ProgramEntry, ValueFrom } from '../classify/catalog/types.js'

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** Where a value comes from, in the order the engine tries them. */
function from(v: ValueFrom | undefined): string | undefined {
  if (!v) return undefined
  const parts = [
    ...(v.flags?.length ? [v.flags.map(code).join('/')] : []),
    ...(v.env?.length ? [`env ${v.env.map(code).join('/')}`] : []),
    ...(v.positional !== undefined ? [`argument ${v.positional + 1}`] : []),
    ...(v.default !== undefined ? [`default ${code(v.default)}`] : []),
  ]
  return parts.join(', else ')
}

/** An effect spec in a few words. */
function describeEffect(spec: EffectSpec): string {
  if ('rule' in spec) return `rule ${code(spec.rule)}`
  switch (spec.template) {
    case 'local': return 'local only'
    case 'loopback': return 'loopback only (never redirected)'
    case 'kube-api': return spec.server ? `Kubernetes API server (${from(spec.server)})` : 'Kubernetes API server'
    case 'dns': return spec.host ? `DNS lookup only (${from(spec.host)})` : 'DNS lookup only'
    case 'connect': {
      const parts = [['URL', spec.url], ['address', spec.address], ['host', spec.host], ['port', spec.port]] as const
      const named = parts.filter(([, v]) => v).map(([k, v]) => `${k} from ${from(v)}`)
      return named.length ? `TCP (${named.join('; ')})` : 'TCP to a destination the command line does not name'
    }
    case 'run': return spec.after ? 'runs the command after `--`' : 'runs the command in its arguments'
    case 'script': return `runs the script file named by ${from(spec.from)}`
    case 'opaque': return `undecided: ${spec.why}`
    case 'subcommands': return [...Object.entries(spec.cases).map(([k, v]) => `${code(k)}: ${describeEffect(v)}`), `otherwise ${describeEffect(spec.default)}`].join('; ')
    case 'flags': return [...spec.cases.map((c) => `with ${[...(c.has ?? []).map(code), ...(c.env ?? []).map((e) => `env ${code(e)}`)].join('/')}: ${describeEffect(c.then)}`), `otherwise ${describeEffect(spec.default)}`].join('; ')
    case 'value': return [...Object.entries(spec.cases).map(([k, v]) => `${from(spec.from)} = ${code(k)}: ${describeEffect(v)}`), `otherwise ${describeEffect(spec.default)}`].join('; ')
    case 'all': return spec.of.map(describeEffect).join(' + ')
  }
}

function example(e: Example): string {
  const run = [...(e.image ? [`image ${code(e.image)}`] : []), ...(e.command ? [code(e.command.join(' '))] : []), ...(e.args ? [`args ${code(e.args.join(' '))}`] : [])]
  const env = e.env ? ` (env ${Object.entries(e.env).map(([k, v]) => code(`${k}=${v}`)).join(', ')})` : ''
  return `| ${cell(run.join(' '))}${cell(env)} | ${e.need} | ${e.dest ? code(e.dest) : ''} |`
}

/** An entry's title: its program names, or its images for an image-only entry. */
const title = (p: ProgramEntry) => (p.names.length ? p.names : (p.images ?? []).map((i) => i.repo))

function section(p: ProgramEntry): string {
  return [
    `### ${title(p).map(code).join(', ')}`,
    '',
    p.summary,
    '',
    ...(p.images?.length ? [`- **Images:** ${p.images.map((i) => code(i.repo) + (i.entrypoint ? ` → ${code([...i.entrypoint, ...(i.cmd ?? [])].join(' '))}` : i.cmd ? ` → ${code(i.cmd.join(' '))}` : '') + (i.only ? ` (ships ${i.only.length ? i.only.map(code).join(', ') : 'no catalog program'})` : '')).join(', ')}`] : []),
    `- **Network:** ${describeEffect(p.effect)}`,
    ...(p.needsRoot ? ['- **Needs root:** yes (the fix planner does not offer running it as the proxy UID)'] : []),
    `- **Source:** ${code(p.source)}`,
    '',
    '| Example | Need | First destination |',
    '|---|---|---|',
    ...p.examples.map(example),
    '',
  ].join('\n')
}

/** The whole of docs/programs.md. */
export function renderProgramsMarkdown(): string {
  const entries = [...allEntries()].sort((a, b) => title(a)[0]!.localeCompare(title(b)[0]!))
  return [
    '<!-- Generated from src/classify/catalog/ by `node --import tsx scripts/gen-codes-doc.ts`; do not edit. test/catalog.test.ts fails when it is stale. -->',
    '# Known programs',
    '',
    'What `kubectl istiocni` knows about the programs init containers run: for each program (or family of',
    'programs) and image, what it does on the network, whether it needs root, the upstream source that proves',
    'the behaviour, and examples that the test suite runs through the real analysis. A program not listed here',
    'is judged from what its command line names (URLs, `host:port`, Kubernetes objects) and otherwise reported',
    'as unknown (`either`).',
    '',
    '- A program given by a path outside the system bin directories is the application\'s own, not a system',
    '  utility of the same name. `--help`, `-h`, `--version` and `version` alone are local for every program',
    '  unless noted.',
    '- An image is matched by its repository (registry, tag and digest removed): a repository with a `/`',
    '  exactly, one without by its last path segment under any registry or organisation.',
    '- Destinations read `host:port`, `dns:host` (a lookup only) or `$KUBERNETES_SERVICE_HOST:443`.',
    '',
    `${entries.length} entries, ${entries.reduce((n, e) => n + e.names.length, 0)} program names, ${entries.reduce((n, e) => n + (e.images?.length ?? 0), 0)} images.`,
    '',
    ...entries.map(section),
  ].join('\n')
}

/**
 * src/classify/catalog/entries/keys.ts: which family holds each program name, image and image's own programs,
 * so the registry builds a family only when a run meets one of them (the first family wins, as in the registry).
 */
export function renderCatalogKeys(): string {
  const keys: CatalogKeys = { names: {}, images: {}, scoped: {} }
  families.forEach((family, i) => {
    for (const entry of family()) {
      if (!entry.imageOnly) for (const n of entry.names) keys.names[n] ??= i
      for (const image of entry.images ?? []) {
        const key = imageKey(image)
        keys.images[key] ??= i
        if (entry.imageOnly && !keys.scoped[key]?.includes(i)) (keys.scoped[key] ??= []).push(i)
      }
    }
  })
  return [
    '// Generated from the catalog by scripts/gen-codes-doc.ts (test/catalog.test.ts fails when it is stale): the',
    '// family (entries/index.ts order) of each program name, image key and image\'s own programs. Do not edit.',
    "import type { CatalogKeys } from '../types.js'",
    '',
    `export const KEYS: CatalogKeys = JSON.parse(${JSON.stringify(JSON.stringify(keys))})`,
    '',
  ].join('\n')
}
