// Bad input never stops the rest: clear one-line errors naming the file and document (issue #3).
import t from 'tap'
import { mkdtempSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFiles, splitDocuments } from '../src/cluster/files.js'
import { classify } from '../src/classify/index.js'

const dir = mkdtempSync(join(tmpdir(), 'istiocni-input-'))
const file = (name: string, text: string | Buffer) => { const p = join(dir, name); writeFileSync(p, text); return p }
const deploy = (name: string, extra = '') => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: x}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: nginx}]${extra}\n`

function check(paths: string[]) {
  const read = readFiles(paths)
  return classify({ objects: read.objects, errors: read.errors, flags: {} })
}

t.test('malformed YAML: the error names file, document and line; the other documents are checked', async (t) => {
  const p = file('bad.yaml', `${deploy('before')}---\nkind: Deployment\nmetadata: {name: broken\n---\n${deploy('after')}`)
  const { result, errors } = check([p])
  t.same(result.workloads.map((w) => w.name), ['before', 'after'])
  t.equal(errors.length, 1)
  t.match(errors[0]!.source, /bad\.yaml:1$/)
  t.match(errors[0]!.message, /^malformed YAML at line \d+: /)
  t.notMatch(errors[0]!.message, /\n/, 'one line')
})

t.test('non-object documents, objects without kind, Lists', async (t) => {
  const p = file('shapes.yaml', `- a\n- list\n---\njust a string\n---\n42\n---\nmetadata: {name: nokind}\n---\n---\n# only a comment\n---\nkind: List\nitems:\n- ${deploy('in-list').split('\n').join('\n  ')}`)
  const { result, errors } = check([p])
  t.same(result.workloads.map((w) => w.name), ['in-list'])
  t.same(errors.map((e) => e.message), [
    'document is a list, not a Kubernetes object',
    'document is string "just a string", not a Kubernetes object',
    'document is number 42, not a Kubernetes object',
    'object has no kind (metadata.name nokind)',
  ])
})

t.test('missing spec and wrong types name the object and the field', async (t) => {
  const p = file('types.yaml', [
    'kind: Deployment\nmetadata: {name: nospec}',
    'kind: Deployment\nmetadata: {name: strspec}\nspec:\n  template: {spec: "oops"}',
    'kind: Pod\nmetadata: {name: badinit}\nspec:\n  initContainers: {name: x}',
    'kind: Pod\nmetadata: {name: badcmd}\nspec:\n  initContainers: [{name: x, command: "nc -z db 5432"}]',
    'kind: CronJob\nmetadata: {name: nojob}\nspec: {schedule: "* * * * *"}',
    'kind: Pod\nmetadata: {namespace: x}\nspec: {containers: []}',
    deploy('good'),
  ].join('\n---\n'))
  const { result, errors } = check([p])
  t.same(result.workloads.map((w) => w.name), ['good'])
  t.same(errors.map((e) => e.message), [
    'Deployment default/nospec has no spec.template',
    'Deployment default/strspec: spec.template.spec must be an object, got string "oops"',
    'Pod default/badinit: spec.initContainers must be a list, got an object',
    'Pod default/badcmd: spec.initContainers[0].command must be a list of strings',
    'CronJob default/nojob has no spec.jobTemplate.spec.template',
    'Pod has no metadata.name',
  ])
})

t.test('binary junk, invalid UTF-8, huge files, missing paths', async (t) => {
  const bin = file('junk.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]))
  const latin = file('latin1.yaml', Buffer.from('kind: Pod\nmetadata: {name: caf\xe9}\n', 'latin1'))
  const huge = file('huge.yaml', '')
  truncateSync(huge, 300 * 1024 * 1024) // sparse: never read
  const good = file('good.yaml', deploy('fine'))
  const { result, errors } = check([bin, latin, huge, join(dir, 'missing.yaml'), good])
  t.same(result.workloads.map((w) => w.name), ['fine'])
  t.same(errors.map((e) => e.message), ['no such file or directory', 'not a text file (binary data)', 'not valid UTF-8 text', 'file is 300 MiB, over the 256 MiB limit'])
})

t.test('directories: their top level, every level with -R (as kubectl), manifests only, in sorted order', async (t) => {
  const d = join(dir, 'tree')
  mkdirSync(join(d, 'sub'), { recursive: true })
  writeFileSync(join(d, 'b.yaml'), deploy('b'))
  writeFileSync(join(d, 'sub', 'a.yml'), deploy('a'))
  writeFileSync(join(d, 'c.json'), JSON.stringify({ kind: 'Pod', metadata: { name: 'c' }, spec: { containers: [] } }))
  writeFileSync(join(d, 'README.md'), '# not a manifest')
  t.same(check([d]).result.workloads.map((w) => w.name), ['b', 'c'], 'without -R: no subdirectory')
  const r = readFiles([d], { recursive: true })
  t.same(r.errors, [])
  t.same(classify({ objects: r.objects, errors: [], flags: {} }).result.workloads.map((w) => w.name), ['b', 'c', 'a'])
})

t.test('document lines: each document starts after its separator', async (t) => {
  t.same(splitDocuments('a: 1\n---\nb: 2\n--- # c\nc: 3\n').map((d) => d.line), [1, 3, 5])
  t.same(splitDocuments('---\na: 1\n').map((d) => d.line), [2])
})

t.test('10,000 workloads in one file parse and classify without error', async (t) => {
  const big = Array.from({ length: 10000 }, (_, i) => deploy(`w${i}`)).join('---\n')
  const { result, errors } = check([file('big.yaml', big)])
  t.equal(errors.length, 0)
  t.equal(result.workloads.length, 10000)
})
