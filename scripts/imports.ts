// The import graph of src/ (issue 16): which room imports which, drawn into docs/imports.md, and
// the rules it must keep. Layers run one way, commands → render/fix/restart → cluster → classify →
// model (an import may go down or sideways, never up); no two files and no two rooms import each
// other, even through others; only cluster/ loads @kubernetes/client-node, and the pure core and
// the planners (model/, classify/, fix/, restart/) never load node:fs or the network.
// `node --import tsx scripts/imports.ts` exits 1 on a violation or a stale drawing; `--write`
// writes the drawing. test/imports.test.ts runs it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const root = join(import.meta.dirname, '..')
const src = join(root, 'src')
const DOC = join(root, 'docs', 'imports.md')

/** Layer of each top-level room, lowest first. */
const LAYERS: Record<string, number> = { model: 0, classify: 1, cluster: 2, fix: 3, restart: 3, render: 3, commands: 4, cli: 5 }
/** Which layers may load a module that reaches outside: the API client only cluster/; the disk, the network and processes never the pure core nor the planners. */
const OUTSIDE: { module: RegExp; allowed: (layer: string) => boolean; why: string }[] = [
  { module: /^@kubernetes\/client-node$/, allowed: (l) => l === 'cluster', why: 'only cluster/ talks to the API server' },
  { module: /^node:(fs|net|http|https|child_process)(\/|$)/, allowed: (l) => !['model', 'classify', 'fix', 'restart'].includes(l), why: 'model/, classify/, fix/ and restart/ get their inputs and never reach the disk or the network' },
]

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))

/** `classify/mesh` for a file in a classify sub-folder, else its top-level folder (`cli` for src/cli.ts). */
function roomOf(file: string): string {
  const parts = relative(src, file).split('/')
  if (parts.length === 1) return parts[0]!.replace(/\.ts$/, '')
  return parts[0] === 'classify' && parts.length > 2 ? `classify/${parts[1]}` : parts[0]!
}
const layerOf = (room: string) => LAYERS[room.split('/')[0]!]!

/** Every `from '…'` and `import('…')` of a file. */
const specifiers = (text: string) => [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'([^']+)'/gm)].map((m) => m[1]!)

/** The cycles of a graph, each once, as `a → b → a`. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const out: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (n: string) => {
    state.set(n, 'open')
    stack.push(n)
    for (const m of [...(graph.get(n) ?? [])].sort()) {
      if (state.get(m) === 'open') out.push([...stack.slice(stack.indexOf(m)), m].join(' → '))
      else if (!state.has(m)) visit(m)
    }
    stack.pop()
    state.set(n, 'done')
  }
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n)
  return out
}

const add = (g: Map<string, Set<string>>, a: string, b: string) => g.set(a, (g.get(a) ?? new Set()).add(b))

const fileGraph = new Map<string, Set<string>>()
const roomGraph = new Map<string, Set<string>>()
const problems: string[] = []
for (const file of files(src).sort()) {
  const name = relative(root, file)
  const room = roomOf(file)
  fileGraph.set(name, fileGraph.get(name) ?? new Set())
  for (const spec of specifiers(readFileSync(file, 'utf8'))) {
    if (!spec.startsWith('.')) {
      for (const o of OUTSIDE) if (o.module.test(spec) && !o.allowed(room.split('/')[0]!)) problems.push(`${name} imports ${spec}: ${o.why}`)
      continue
    }
    const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'))
    const to = roomOf(target)
    add(fileGraph, name, relative(root, target))
    if (to === room) continue
    add(roomGraph, room, to)
    if (layerOf(to) > layerOf(room)) problems.push(`${name} imports ${relative(root, target)}: ${room} is below ${to} (commands → render/fix/restart → cluster → classify → model)`)
  }
}
for (const c of cycles(fileGraph)) problems.push(`import loop: ${c}`)
for (const c of cycles(roomGraph)) problems.push(`room loop: ${c}`)

const rooms = [...new Set([...fileGraph.keys()].map((f) => roomOf(join(root, f))))].sort((a, b) => layerOf(b) - layerOf(a) || a.localeCompare(b))
const id = (room: string) => room.replace('/', '_')
const edges = rooms.flatMap((a) => [...(roomGraph.get(a) ?? [])].sort().map((b) => [a, b] as const))
const byLayer = new Map<number, string[]>()
for (const r of rooms) byLayer.set(layerOf(r), [...(byLayer.get(layerOf(r)) ?? []), r])
const LAYER_NAMES = ['model', 'classify', 'cluster', 'render / fix / restart', 'commands', 'cli']
const doc = [
  '<!-- Generated from the imports of src/ by `node --import tsx scripts/imports.ts --write`; do not edit. test/imports.test.ts fails when it is stale or when an import goes against the layers. -->',
  '# Imports',
  '',
  'Rooms of `src/`, top layer first. An import goes down or sideways, never up; no two rooms import each other, even through others.',
  '',
  '```mermaid',
  'flowchart TD',
  ...[...byLayer].map(([layer, rs]) => [`  subgraph L${layer}["${LAYER_NAMES[layer]}"]`, ...rs.map((r) => `    ${id(r)}["${r}"]`), '  end']).flat(),
  ...edges.map(([a, b]) => `  ${id(a)} --> ${id(b)}`),
  '```',
  '',
  '| room | imports |',
  '| --- | --- |',
  ...rooms.map((r) => `| ${r} | ${[...(roomGraph.get(r) ?? [])].sort().join(', ') || '—'} |`),
  '',
].join('\n')

if (process.argv.includes('--write')) writeFileSync(DOC, doc)
else if (readFileSync(DOC, 'utf8') !== doc) problems.push('docs/imports.md is stale: run `node --import tsx scripts/imports.ts --write`')
for (const p of problems) console.log(p)
console.log(`${problems.length} import problem${problems.length === 1 ? '' : 's'}`)
process.exitCode = problems.length ? 1 : 0
