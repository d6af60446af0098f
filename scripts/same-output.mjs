// Compares what two builds print for the corpus: `check` on each case as JSON, and on all cases
// together in every output format and through stdin; stdout, stderr and exit code, byte for byte.
// For work that must not change behaviour (issue #17). Outputs of the base are saved once:
//
//   git worktree add /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/ && (cd /tmp/base && npm run build)
//   node scripts/same-output.mjs --bin /tmp/base/dist/kubectl-istiocni --save /tmp/before
//   npm run build && node scripts/same-output.mjs --against /tmp/before
//
// --bin defaults to this checkout's dist/ build; extra arguments are more manifest files (e.g. a
// large generated one). Exit 0 when everything is identical.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import * as yaml from 'js-yaml'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CORPUS = join(ROOT, 'test', 'corpus')
const OUTPUTS = ['json', 'yaml', 'table', 'wide', 'sarif', 'junit']

const { values, positionals: extra } = parseArgs({ options: { save: { type: 'string' }, against: { type: 'string' }, bin: { type: 'string' } }, allowPositionals: true })
const dir = values.save ?? values.against
if (!dir || (values.save && values.against)) {
  console.error('usage: node scripts/same-output.mjs [--bin BUILD] --save DIR | --against DIR [manifest…]')
  process.exit(2)
}
const bin = resolve(values.bin ?? join(ROOT, 'dist', 'kubectl-istiocni'))

const cases = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.expected.yaml'))
  .sort()
  .map((f) => ({ file: join(CORPUS, f.replace(/\.expected\.yaml$/, '.yaml')), flags: yaml.load(readFileSync(join(CORPUS, f), 'utf8')).flags ?? [] }))
for (const file of extra) cases.push({ file: resolve(file), flags: [] })

let runs = 0
const differing = []
function compare(args, input) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 30 })
  const got = `exit ${r.status}\n--- stderr\n${r.stderr}\n--- stdout\n${r.stdout}`
  const file = join(dir, `${String(runs++).padStart(4, '0')}.txt`)
  if (values.save) return writeFileSync(file, got)
  const want = readFileSync(file, 'utf8')
  if (want === got) return
  const a = want.split('\n')
  const b = got.split('\n')
  const i = a.findIndex((line, n) => line !== b[n])
  differing.push(`${args.join(' ')}${input ? ' < stdin' : ''}\n  line ${i + 1}:\n  - ${a[i]}\n  + ${b[i]}`)
}
if (values.save) mkdirSync(dir, { recursive: true })
// Each case alone, as JSON.
for (const c of cases) compare(['check', '-f', c.file, '-o', 'json', ...c.flags])
// Every format, and stdin, once per set of flags over all its cases together.
const groups = new Map()
for (const c of cases) groups.set(c.flags.join(' '), [...(groups.get(c.flags.join(' ')) ?? []), c])
for (const group of groups.values()) {
  const files = group.flatMap((c) => ['-f', c.file])
  for (const o of OUTPUTS) compare(['check', ...files, '-o', o, ...group[0].flags])
  const stdin = group.map((c) => `${readFileSync(c.file, 'utf8').replace(/\n?$/, '\n')}---\n`).join('')
  compare(['check', '-f', '-', '-o', 'json', ...group[0].flags], stdin)
}
if (values.save) {
  console.log(`${runs} outputs saved in ${dir}`)
  process.exit(0)
}
for (const d of differing) console.log(d)
console.log(`${runs} runs over ${cases.length} inputs: ${differing.length ? `${differing.length} differ` : 'all identical'}`)
process.exitCode = differing.length ? 1 : 0
