// fix on manifests (issue #12): only the named workloads change (`-f DIR kind/name`), nothing is
// written when the command line or the input has an error, JSON stays JSON, CRLF stays CRLF,
// `-f -` echoes the whole stream, and an alias bomb fails fast as in check.
import t from 'tap'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run as fix } from '../src/commands/fix.js'
import { readFiles } from '../src/cluster/files.js'
import type { Streams } from '../src/render/streams.js'
import { ensureBuilt, run as cli } from './support/cli.js'

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      initContainers:
      - name: wait-for-db
        image: busybox
        command: [sh, -c, "until nc -z db 5432; do sleep 1; done"]
      containers:
      - name: app
        image: nginx
`

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'istiocni-fix-files-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true })
    writeFileSync(join(d, name), text)
  }
  return d
}

function io() {
  const out: string[] = []
  const err: string[] = []
  const s: Streams = { out: { write: (x: string) => out.push(x) }, err: { write: (x: string) => err.push(x) }, color: false, isTTY: false }
  return { s, out: () => out.join(''), err: () => err.join('') }
}

const run = (args: Record<string, unknown>, s: Streams) => fix({ output: 'diff', strategy: 'uid', yes: true, ...args } as never, s)
const read = (d: string, f: string) => readFileSync(join(d, f), 'utf8')

t.test('fix -f DIR kind/name changes only the named workload; an unknown name or an input error writes nothing', async (t) => {
  const d = dir({ 'alpha.yaml': deployment('alpha'), 'beta.yaml': deployment('beta') })
  // -f takes every word after it: `-f DIR deployment/alpha` reaches the command as two filenames.
  const r = io()
  t.equal(await run({ filename: [d, 'deployment/alpha'] }, r.s), 0, r.err())
  t.match(read(d, 'alpha.yaml'), /runAsUser: 1337/)
  t.equal(read(d, 'beta.yaml'), deployment('beta'), 'beta untouched')

  const d2 = dir({ 'alpha.yaml': deployment('alpha'), 'beta.yaml': deployment('beta') })
  await t.rejects(run({ filename: [d2, 'deployment/gamma'] }, io().s), /deployment\/gamma not found; closest: deployment\/alpha -n shop/)
  await t.rejects(run({ filename: [d2], targets: ['deployment'] }, io().s), /"deployment" is not a workload/)
  t.equal(read(d2, 'alpha.yaml') + read(d2, 'beta.yaml'), deployment('alpha') + deployment('beta'), 'a command-line error writes nothing')

  const d3 = dir({ 'alpha.yaml': deployment('alpha'), 'broken.yaml': 'kind: Deployment\nmetadata: {name: [}\n' })
  const bad = io()
  t.equal(await run({ filename: [d3] }, bad.s), 1)
  t.match(bad.err(), /Nothing written: the input has errors \(above\)\./)
  t.equal(read(d3, 'alpha.yaml'), deployment('alpha'), 'an input error writes nothing')
})

t.test('JSON manifests stay JSON (an object, a List, compact or indented); CRLF stays CRLF', async (t) => {
  const obj = JSON.parse(JSON.stringify((await import('js-yaml')).load(deployment('alpha'))))
  const d = dir({ 'one.json': `${JSON.stringify(obj, null, 4)}\n`, 'list.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [obj] }), 'crlf.yaml': deployment('crlf').replace(/\n/g, '\r\n') })
  t.equal(await run({ filename: [d] }, io().s), 0)
  const one = read(d, 'one.json')
  t.equal(JSON.parse(one).spec.template.spec.initContainers[0].securityContext.runAsUser, 1337)
  t.match(one, /^\{\n {4}"apiVersion"/, 'its indentation')
  const list = read(d, 'list.json')
  t.equal(JSON.parse(list).items[0].spec.template.spec.initContainers[0].securityContext.runAsUser, 1337)
  t.notMatch(list, /\n/, 'compact stays compact')
  const crlf = read(d, 'crlf.yaml')
  t.match(crlf, /runAsUser: 1337\r\n/)
  t.notMatch(crlf, /[^\r]\n/, 'every line still ends in CRLF')
  t.equal((await run({ filename: [d] }, io().s)), 0, 'a second fix changes nothing')
  t.equal(read(d, 'crlf.yaml'), crlf)
})

t.test('-f - echoes the whole stream, fixed or not; an alias bomb fails fast in check and fix alike', async (t) => {
  ensureBuilt()
  const ok = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: shop}\ndata: {a: b}\n'
  const same = cli(['fix', '-f', '-'], { input: ok })
  t.equal(same.code, 0)
  t.equal(same.stdout, ok, 'nothing to fix: the stream is echoed as it came')
  const fixed = cli(['fix', '-f', '-', '--strategy', 'uid'], { input: `${ok}---\n${deployment('alpha')}` })
  t.equal(fixed.code, 0, fixed.stderr)
  t.match(fixed.stdout, /^apiVersion: v1\nkind: ConfigMap\n[^]*\n---\n[^]*runAsUser: 1337\n/)

  const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)]
  const bomb = `apiVersion: v1\nkind: Pod\nmetadata: {name: bomb, namespace: x}\n${levels.join('\n')}\nspec:\n  initContainers: [{name: w, image: busybox, command: [nc, db, '5432']}]\n  containers: [{name: app, image: nginx}]\n  extra: *a8\n`
  t.ok(bomb.length < 1200, 'about 1 KB')
  const d = dir({ 'bomb.yaml': bomb })
  const started = Date.now()
  t.match(readFiles([join(d, 'bomb.yaml')]).errors, [{ message: /expands its YAML aliases to more than 1,000,000 nodes/ }])
  const r = cli(['fix', '-f', join(d, 'bomb.yaml'), '--dry-run'])
  t.equal(r.code, 1)
  t.ok(Date.now() - started < 5000, 'fails fast')
})
