// The program catalog (issue 13): every entry is data that proves itself. Each one needs a summary,
// a source and examples; every example runs through the real analysis (analyzeNetwork on a container
// built from it) and must give its need and first destination; no two entries claim a name or an
// image; every template and named rule is used; docs/programs.md is generated from it.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { compileEffect, TEMPLATES } from '../src/classify/catalog/engine.js'
import { ENTRIES } from '../src/classify/catalog/entries/index.js'
import { imageInfo, imageRepository, isRunner, lookupProgram, needsRoot } from '../src/classify/catalog/registry.js'
import { RULES } from '../src/classify/catalog/rules.js'
import type { EffectSpec, Example, ProgramEntry } from '../src/classify/catalog/types.js'
import { analyzeNetwork } from '../src/classify/network/network.js'
import type { Container } from '../src/model/k8s.js'
import { renderProgramsMarkdown } from '../src/render/programs.js'

const ROOT = join(import.meta.dirname, '..')
const nameOf = (e: ProgramEntry) => e.names[0] ?? e.images?.[0]?.repo ?? '(no name)'

/** The first destination in the network grid's notation; `?` for what the spec does not give. */
function firstDest(c: Container): string | undefined {
  const d = analyzeNetwork(c, { namespace: 'ns', spec: {}, configMaps: () => undefined }).traffic[0]
  if (!d) return undefined
  const host = d.dest.host?.replace(/⟨(\$\(…\))⟩/g, '$1').replace(/⟨([^⟩]*)⟩/g, '$$$1') ?? '?'
  return d.proto === 'dns' ? `dns:${host}` : `${host}:${d.dest.port ?? '?'}`
}

const container = (e: Example): Container => ({
  name: 'init',
  ...(e.image ? { image: e.image } : {}),
  ...(e.command ? { command: e.command } : {}),
  ...(e.args ? { args: e.args } : {}),
  ...(e.env ? { env: Object.entries(e.env).map(([name, value]) => ({ name, value })) } : {}),
})

t.test('every entry has a summary, a source and examples, and every example holds', async (t) => {
  for (const entry of ENTRIES) {
    const name = nameOf(entry)
    t.ok(entry.names.length || entry.images?.length, `${name}: names a program or an image`)
    t.ok(entry.summary?.trim(), `${name}: has a summary`)
    t.match(entry.source ?? '', /^([\w.-]+\/[\w.-]+:\S+|man \d\w* \S+)/, `${name}: cites a source (owner/repo:path or a man page)`)
    t.ok(entry.examples?.length, `${name}: has at least one example`)
    for (const [i, e] of (entry.examples ?? []).entries()) {
      const label = `${name} example ${i + 1} (${[e.image, ...(e.command ?? []), ...(e.args ?? [])].filter(Boolean).join(' ')})`
      t.ok(e.command?.length || e.image, `${label}: has a command or an image`)
      // The example exercises this entry: it names one of its programs or runs one of its images.
      const text = [...(e.command ?? []), ...(e.args ?? [])].join(' ')
      const image = e.image ? imageInfo(e.image) : undefined
      t.ok(entry.names.some((n) => text.includes(n)) || (image && entry.images?.includes(image)), `${label}: runs ${name}`)
      const a = analyzeNetwork(container(e), { namespace: 'ns', spec: {}, configMaps: () => undefined })
      t.equal(a.need, e.need, `${label}: need\n${a.evidence.join('\n')}`)
      if (e.dest !== undefined) t.equal(firstDest(container(e)), e.dest, `${label}: first destination`)
    }
  }
})

t.test('no two entries claim a program name or an image repository', async (t) => {
  const names = new Map<string, string>()
  const repos = new Map<string, string>()
  for (const entry of ENTRIES) {
    for (const n of entry.names) {
      const other = names.get(n)
      t.notOk(other, `program ${n} is in ${other} and ${nameOf(entry)}`)
      if (!other) names.set(n, nameOf(entry))
    }
    for (const i of entry.images ?? []) {
      const key = `${i.exact || i.repo.includes('/') ? 'repo' : 'segment'} ${i.repo}`
      const other = repos.get(key)
      t.notOk(other, `image ${i.repo} is in ${other} and ${nameOf(entry)}`)
      if (!other) repos.set(key, nameOf(entry))
    }
  }
})

t.test('every template and every named rule is used by an entry', async (t) => {
  const templates = new Set<string>()
  const rules = new Set<string>()
  const walk = (s: EffectSpec): void => {
    if ('rule' in s) { rules.add(s.rule); return }
    templates.add(s.template)
    if (s.template === 'subcommands') { Object.values(s.cases).forEach(walk); walk(s.default) }
    if (s.template === 'flags') { s.cases.forEach((c) => walk(c.then)); walk(s.default) }
    if (s.template === 'all') s.of.forEach(walk)
  }
  for (const e of ENTRIES) walk(e.effect)
  for (const name of TEMPLATES) t.ok(templates.has(name), `template ${name} is used`)
  for (const name of Object.keys(RULES)) t.ok(rules.has(name), `rule ${name} is used`)
})

t.test('docs/programs.md is generated from the catalog', async (t) => {
  const file = join(ROOT, 'docs', 'programs.md')
  t.equal(existsSync(file) ? readFileSync(file, 'utf8') : '', renderProgramsMarkdown(), 'docs/programs.md is stale: run node --import tsx scripts/gen-codes-doc.ts')
})

// The lookups the analysis and the fix planner rely on (issue 13: Maps built once, no scans).
t.test('lookups', async (t) => {
  t.equal(lookupProgram('wait-for-it.sh')?.entry, lookupProgram('wait-for-it')?.entry, 'a script suffix is dropped')
  t.equal(lookupProgram('python3.12')?.entry, lookupProgram('python')?.entry, 'any python3.x is python')
  t.equal(lookupProgram('no-such-program'), undefined, 'unknown programs are not found')
  t.ok(needsRoot('apk') && needsRoot('chown') && !needsRoot('cp') && !needsRoot('no-such-program'), 'needsRoot comes from the entries')
  t.ok(isRunner('retry_while') && !isRunner('curl'), 'retry_while is a runner')
  t.equal(imageRepository('docker.io/library/busybox:1.36@sha256:abc'), 'busybox', 'registry, library/, tag and digest go')
  t.same(imageInfo('registry.k8s.io/kubectl:v1.30.0')?.entrypoint, ['kubectl'], 'a repository without / matches the last segment')
  t.same(imageInfo('bitnami/kubectl')?.entrypoint, ['kubectl'], '… under any organisation')
  t.ok(imageInfo('debian:12'), 'an exact official image matches itself')
  t.equal(imageInfo('acme/debian'), undefined, '… and not under an organisation')
  t.same(imageInfo('minio/mc')?.entrypoint, ['mc'], 'a repository with / matches exactly')
  t.equal(imageInfo('acme/minio/mc'), undefined, '… and nothing else')
})

// Template semantics, as documented on catalog/types.ts: a small spec per rule of the engine.
t.test('templates', async (t) => {
  const ctx = (env: Record<string, string> = {}) => ({ env: (n: string) => env[n], aliases: new Map<string, string>(), libraries: false })
  const run = (spec: EffectSpec, args: string[], env?: Record<string, string>) => compileEffect(spec)(args, ctx(env), 'tool')
  const dest = (spec: EffectSpec, args: string[], env?: Record<string, string>) => run(spec, args, env).map((e) => ('dest' in e ? `${e.kind} ${e.dest.host ?? '?'}:${e.dest.port ?? '?'}` : e.kind))
  const host = { flags: ['--host'], env: ['TOOL_HOST'], positional: 0, default: 'fallback' }
  const connect: EffectSpec = { template: 'connect', host, port: { default: '7000' } }
  t.same(dest(connect, ['--host', 'a', 'b'], { TOOL_HOST: 'c' }), ['connect a:7000'], 'ValueFrom: a flag first')
  t.same(dest(connect, ['b'], { TOOL_HOST: 'c' }), ['connect c:7000'], 'then env')
  t.same(dest(connect, ['b']), ['connect b:7000'], 'then a positional')
  t.same(dest(connect, []), ['connect fallback:7000'], 'then the default')
  const urlFirst: EffectSpec = { template: 'connect', url: { flags: ['--url'] }, address: { flags: ['--addr'] }, host: { flags: ['--host'] }, port: { flags: ['--port'] } }
  t.same(dest(urlFirst, ['--url', 'https://u.acme', '--addr', 'a:1', '--host', 'h']), ['connect u.acme:443'], 'connect: url before address')
  t.same(dest(urlFirst, ['--addr', 'a:1,b:2', '--host', 'h']), ['connect a:1', 'connect b:2'], 'address (a comma list) before host')
  t.same(dest(urlFirst, ['--host', 'h', '--port', '9']), ['connect h:9'], 'host + port')
  t.same(dest(urlFirst, []), ['connect ?:?'], 'nothing named: still a connection')
  t.same(dest(urlFirst, ['--host', 'localhost']), ['loopback'], 'loopback stays in the pod')
  t.same(dest(urlFirst, ['--url', 'sqlite:////mlruns/mlflow.db']), ['local'], 'a URL of a local scheme stays in the pod (mlflow db upgrade)')
  t.same(dest({ template: 'dns', host: { positional: 0 } }, ['peers.svc']), ['resolve peers.svc:?'], 'dns: a lookup only')
  t.same(dest({ template: 'kube-api' }, ['sync']), ['connect ⟨KUBERNETES_SERVICE_HOST⟩:443'], 'kube-api: the API server IP')
  t.same(dest({ template: 'kube-api', server: { flags: ['--server'] } }, ['--server', 'https://api.acme:6443']), ['connect api.acme:6443'], 'kube-api: --server')
  t.same(run({ template: 'run', valued: ['-n'], skip: 1 }, ['-n', '5', 'user', 'nc', '-z', 'db', '1']), [{ kind: 'run', words: ['nc', '-z', 'db', '1'] }], 'run: options, values and skipped words go')
  t.same(run({ template: 'opaque', why: 'reads its mode from a file' }, ['x']), [{ kind: 'opaque', program: 'tool', why: 'runs tool: reads its mode from a file' }], 'opaque: the reason')
  const subs: EffectSpec = {
    template: 'subcommands', valued: ['--config'],
    cases: { admin: { template: 'local' }, 'admin cert': { template: 'kube-api' }, migrate: { template: 'connect', host: { positional: 0 }, port: { default: '5432' } } },
    default: { template: 'loopback' },
  }
  t.same(dest(subs, ['--config', 'admin', 'admin', 'cert', 'issue']), ['connect ⟨KUBERNETES_SERVICE_HOST⟩:443'], 'subcommands: the longest match, valued flags skipped')
  t.same(dest(subs, ['admin', 'users']), ['local'], 'a shorter match')
  t.same(dest(subs, ['migrate', 'db.acme']), ['connect db.acme:5432'], 'positionals count after the subcommand words')
  t.same(dest(subs, ['serve']), ['loopback'], 'the default')
  const flags: EffectSpec = { template: 'flags', cases: [{ has: ['-l', '--listen'], then: { template: 'loopback' } }], default: { template: 'connect' } }
  t.same(dest(flags, ['-lk']), ['loopback'], 'flags: a letter in a short cluster')
  t.same(dest(flags, ['--listen=:80']), ['loopback'], 'flags: --flag=value')
  t.same(dest(flags, ['x']), ['connect ?:?'], 'flags: the default')
  t.same(dest({ template: 'all', of: [{ template: 'kube-api' }, { template: 'connect', host: { default: 'dl.acme' }, port: { default: '443' } }] }, []), ['connect ⟨KUBERNETES_SERVICE_HOST⟩:443', 'connect dl.acme:443'], 'all: every part')
  t.throws(() => compileEffect({ rule: 'no-such-rule' }), /no rule named no-such-rule/, 'an unknown rule fails at load')
})

t.test('help and version calls are local unless the entry says otherwise', async (t) => {
  const need = (command: string[]) => analyzeNetwork({ name: 'init', command }, { namespace: 'ns', spec: {}, configMaps: () => undefined }).need
  t.equal(need(['psql', '--version']), 'none', 'psql --version')
  t.equal(need(['host', '-h']), 'none', 'host -h')
  t.equal(need(['vault', 'version']), 'none', 'vault version')
  t.equal(need(['kubectl', 'version']), 'required', 'kubectl version asks the server (versionIsRemote)')
})
