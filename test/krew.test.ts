// Krew's own rules, run on Krew's own test cases, then on krew/istiocni.yaml.
// The rules are ported in scripts/krew.mjs (package.mjs checks the manifest with them before it
// writes it); the cases below are Krew's, file by file:
//   internal/index/validation/validate_test.go     names, apiVersion, plugin, platform, selector
//   internal/installation/semver/version_test.go   versions
//   cmd/validate-krew-manifest/main_test.go        file name, supported and overlapping platforms
//   internal/installation/move_test.go, install.go files (from/to) and bin after the moves
// test/package.test.ts checks the sha256 of the real archives and installs them.
import t from 'tap'
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import YAML from 'yaml'
import {
  CURRENT_API_VERSION, hasLicenseFile, install, isSafePluginName, matchPlatform, parseVersion,
  pluginBinName, selectorMatches, sha256, validateManifest, validatePlatform, validatePlugin, validateSelector,
  type Platform, type Plugin,
} from '../scripts/krew.mjs'
import { createTarGz } from '../scripts/tar.mjs'

const ROOT = new URL('..', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
const base = YAML.parse(readFileSync(join(ROOT, 'test/fixtures/krew/test-plugin.yaml'), 'utf8')) as Plugin
const plugin = (edit: (p: Plugin) => void = () => {}): Plugin => {
  const p = structuredClone(base)
  edit(p)
  return p
}
const platform = (edit: (p: Platform) => void = () => {}): Platform => {
  const p = structuredClone(base.spec.platforms[0]!)
  edit(p)
  return p
}

t.test('IsSafePluginName', async (t) => {
  for (const [name, want] of [['foo-bar', true], ['/foo-bar', false], ['..foo-bar', false], ['nul', false], ['LPT1', false], ['foo_bar2', true], ['istiocni', true]] as const) {
    t.equal(isSafePluginName(name), want, name)
  }
})

t.test('ValidatePlugin', async (t) => {
  const cases: [string, string, Plugin, boolean][] = [
    ['success', 'test-plugin', plugin(), false],
    ['file name mismatch', 'orange', plugin((p) => { p.metadata.name = 'apple' }), true],
    ['bad api version', 'test-plugin', plugin((p) => { p.apiVersion = 'core/v1' }), true],
    ['wrong kind', 'test-plugin', plugin((p) => { p.kind = 'NotPlugin' }), true],
    ['shortDescription unspecified', 'test-plugin', plugin((p) => { p.spec.shortDescription = '' }), true],
    ['version unspecified', 'test-plugin', plugin((p) => { p.spec.version = '' }), true],
    ['version malformed', 'test-plugin', plugin((p) => { p.spec.version = 'v01.02.3-a' }), true],
    ['no platform specified', 'test-plugin', plugin((p) => { p.spec.platforms = [] }), true],
    ['empty file operations', 'test-plugin', plugin((p) => { p.spec.platforms[0]!.files = [] }), true],
    ['unsafe plugin name', '../foo', plugin((p) => { p.metadata.name = '../foo' }), true],
    ['short description with line break', 'test-plugin', plugin((p) => { p.spec.shortDescription = 'just foo\n' }), true],
    ['short description with carriage return', 'test-plugin', plugin((p) => { p.spec.shortDescription = 'just foo\r' }), true],
    ['short description with CRLF', 'test-plugin', plugin((p) => { p.spec.shortDescription = 'just\r\nfoo' }), true],
  ]
  for (const [name, pluginName, p, wantErr] of cases) {
    if (wantErr) t.throws(() => validatePlugin(pluginName, p), name)
    else t.doesNotThrow(() => validatePlugin(pluginName, p), name)
  }
  for (const v of ['krew.googlecontainertools.github.com', 'krew.googlecontainertools.github.com/v1alpha1', 'krew.googlecontainertools.github.com/v1alpha3', 'krew.googlecontainertools.github.com/v1', 'networking.k8s.io/v1']) {
    t.throws(() => validatePlugin('test-plugin', plugin((p) => { p.apiVersion = v })), `apiVersion ${v}`)
  }
  t.equal(CURRENT_API_VERSION, 'krew.googlecontainertools.github.com/v1alpha2')
})

t.test('validatePlatform', async (t) => {
  t.doesNotThrow(() => validatePlatform(platform()), 'success')
  const bad: [string, Platform][] = [
    ['missing url', platform((p) => { p.uri = '' })],
    ['missing sha256', platform((p) => { p.sha256 = '' })],
    ['upper-case sha256', platform((p) => { p.sha256 = p.sha256.toUpperCase() })],
    ['short sha256', platform((p) => { p.sha256 = 'deadbeef' })],
    ['empty file operations', platform((p) => { p.files = [] })],
    ['file operation without to', platform((p) => { p.files = [{ from: 'a', to: '' }] })],
    ['no bin field', platform((p) => { p.bin = '' })],
    ['invalid platform selector', platform((p) => { p.selector = { matchLabels: { 'unsupported-field': 'orange' } } })],
  ]
  for (const [name, p] of bad) t.throws(() => validatePlatform(p), name)
  t.doesNotThrow(() => validatePlatform(platform((p) => { delete p.files })), 'files unspecified is fine')
})

t.test('validateSelector', async (t) => {
  const cases: [string, Parameters<typeof validateSelector>[0], boolean][] = [
    ['nil selector', null, true],
    ['empty (wildcard) selector', {}, true],
    ['valid matchLabels', { matchLabels: { os: 'foo', arch: 'bar' } }, false],
    ['valid matchExpressions', { matchExpressions: [{ key: 'os', operator: 'In', values: ['apple', 'orange'] }] }, false],
    ['empty matchLabels', { matchLabels: {} }, true],
    ['empty matchExpressions', { matchExpressions: [] }, true],
    ['unsupported key', { matchLabels: { os: 'linux', distro: 'debian' } }, true],
  ]
  for (const [name, sel, wantErr] of cases) {
    if (wantErr) t.throws(() => validateSelector(sel), name)
    else t.doesNotThrow(() => validateSelector(sel), name)
  }
})

t.test('semver.Parse', async (t) => {
  const ok = ['v0.0.0', 'v1.2.3', 'v1.2.3-beta.2+foo.bar', 'v1.0.0-test.1', `v${pkg.version}`]
  const bad = ['', '1.0.0', 'v 1.0.0', 'v1', 'v1.2', 'v1.0.1-', 'v1.0.1+', 'v-1.2.3', 'v1.-2.3', 'v1.2.-3', 'v01.2.3', 'v1.02.3', 'v1.2.03', 'v0a.0.0', 'v0.0a.0', 'v0.0.0a', 'v1.0.0-alpha.01']
  for (const v of ok) t.doesNotThrow(() => parseVersion(v), v)
  for (const v of bad) t.throws(() => parseVersion(v), JSON.stringify(v))
})

t.test('selectors and platforms (validate-krew-manifest)', async (t) => {
  t.notOk(selectorMatches({ matchLabels: { os: 'darwin' } }, { os: 'windows', arch: 'amd64' }), 'label - no match')
  t.ok(selectorMatches({ matchLabels: { os: 'darwin' } }, { os: 'darwin', arch: 'amd64' }), 'label - match')
  t.notOk(selectorMatches({ matchExpressions: [{ key: 'os', operator: 'In', values: ['darwin', 'linux'] }] }, { os: 'windows', arch: 'amd64' }), 'expression - no match')
  t.ok(selectorMatches({ matchExpressions: [{ key: 'os', operator: 'In', values: ['darwin', 'linux'] }] }, { os: 'linux', arch: 'arm' }), 'expression - match')
  t.ok(selectorMatches({ matchExpressions: [{ key: 'arch', operator: 'NotIn', values: ['arm'] }] }, { os: 'linux', arch: 'amd64' }), 'NotIn')
  t.throws(() => selectorMatches({ matchExpressions: [{ key: 'os', operator: 'In', values: [] }] }, { os: 'linux', arch: 'amd64' }), 'In needs values')

  t.throws(() => validateManifest('test.yml', plugin((p) => { p.metadata.name = 'test' })), /expected manifest extension/)
  t.throws(() => validateManifest('foo.yaml', plugin((p) => { p.metadata.name = 'not-foo' })), /should be named "foo"/)
  t.throws(() => validateManifest('test.yaml', plugin((p) => {
    p.metadata.name = 'test'
    p.spec.platforms = [platform((x) => { x.selector = { matchLabels: { os: 'darwin', arch: 'arm' } } })]
  })), /doesn't match any supported platforms/)
  t.throws(() => validateManifest('test.yaml', plugin((p) => {
    p.metadata.name = 'test'
    p.spec.platforms = [platform((x) => { x.selector = { matchLabels: { os: 'linux' } } }), platform()]
  })), /overlapping selectors/)
  t.throws(() => validateManifest('test-plugin.yaml', plugin((p) => { p.spec.shortDescription = 'x'.repeat(51) })), /krew search/)
  t.same(validateManifest('test-plugin.yaml', plugin()), { 'linux/amd64': 0 })
  t.equal(matchPlatform(base.spec.platforms, { os: 'darwin', arch: 'arm64' }), undefined, 'first match or none')
  t.equal(pluginBinName('foo-bar'), 'kubectl-foo_bar')
})

t.test('install: files (from/to) and bin, as Krew lays them out', async (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'krew-test-'))
  t.teardown(() => rmSync(tmp, { recursive: true, force: true }))
  const archive = join(tmp, 'a.tar.gz')
  writeFileSync(archive, createTarGz([
    { name: 'LICENSE', data: Buffer.from('license text\n') },
    { name: 'dir/', dir: true },
    { name: 'dir/a.sh', data: Buffer.from('#!/bin/sh\necho a\n'), mode: 0o755 },
    { name: 'dir/b.sh', data: Buffer.from('#!/bin/sh\necho b\n'), mode: 0o755 },
    { name: 'dir/readme', data: Buffer.from('x') },
  ]))
  const sum = sha256(readFileSync(archive))
  const manifest = (files: Platform['files'], bin: string): Plugin => plugin((p) => {
    p.metadata.name = 'foo-bar'
    p.spec.platforms = [platform((x) => { x.sha256 = sum; x.files = files; x.bin = bin })]
  })
  const env = { os: 'linux', arch: 'amd64' }
  let n = 0
  const root = () => join(tmp, `root${n++}`)

  const r1 = install({ root: root(), env, archive, manifest: manifest([{ from: 'dir/*.sh', to: 'bin' }, { from: 'LICENSE', to: '.' }], 'bin/a.sh') })
  t.match(r1.installDir, /store\/foo-bar\/v1\.0\.0-test\.1$/)
  t.equal(readlinkSync(r1.binLink), r1.binTarget, 'bin/kubectl-foo_bar links to the bin')
  t.match(r1.binLink, /bin\/kubectl-foo_bar$/)
  t.equal(statSync(join(r1.installDir, 'bin/b.sh')).mode & 0o777, 0o755, 'modes kept')
  t.ok(hasLicenseFile(r1.installDir))
  t.throws(() => statSync(join(r1.installDir, 'readme')), 'files not matched are left out')

  const r2 = install({ root: root(), env, archive, manifest: manifest(null, 'dir/a.sh') })
  t.ok(statSync(join(r2.installDir, 'dir/readme')).isFile(), 'files unspecified: everything, from "*" to "."')

  const r3 = install({ root: root(), env, archive, manifest: manifest([{ from: 'dir', to: '.' }], 'dir/b.sh') })
  t.ok(statSync(join(r3.installDir, 'dir/b.sh')).isFile(), 'a directory is moved whole')

  t.throws(() => install({ root: root(), env, archive, manifest: manifest([{ from: 'LICENSE', to: '.' }], 'dir/a.sh') }), /cannot be found/, 'bin must exist after the moves')
  t.throws(() => install({ root: root(), env, archive, manifest: manifest([{ from: 'dir/*', to: './x/' }], 'x/a.sh') }), /not clean/)
  t.throws(() => install({ root: root(), env, archive, manifest: manifest([{ from: 'nothing*', to: '.' }], 'a') }), /matched the glob/)
  t.throws(() => install({ root: root(), env, archive, manifest: manifest(null, '../../etc/passwd') }), /does not extend/)
  t.throws(() => install({ root: root(), env: { os: 'darwin', arch: 'arm64' }, archive, manifest: manifest(null, 'dir/a.sh') }), /does not offer installation/)
  t.throws(() => install({ root: root(), env, archive, manifest: plugin((p) => { p.spec.platforms[0]!.sha256 = 'a'.repeat(64) }) }), /checksum does not match/)

  const evil = join(tmp, 'evil.tar.gz')
  writeFileSync(evil, createTarGz([{ name: '../escape', data: Buffer.from('x') }]))
  t.throws(() => install({ root: root(), env, archive: evil, manifest: plugin((p) => { p.spec.platforms[0]!.sha256 = sha256(readFileSync(evil)) }) }), /suspicious entry/)
})

t.test('krew/istiocni.yaml follows Krew and this package', async (t) => {
  const file = join(ROOT, 'krew/istiocni.yaml')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    t.fail('krew/istiocni.yaml is missing: run npm run package')
    return
  }
  const m = YAML.parse(text) as Plugin
  const chosen = validateManifest('istiocni.yaml', m)
  t.equal(m.spec.version, `v${pkg.version}`, 'version is package.json version with v')
  t.equal(m.spec.homepage, 'https://github.com/kubectl-istiocni/kubectl-istiocni')
  t.ok(m.spec.description && m.spec.caveats, 'description and caveats')
  t.match(m.spec.caveats!, /Node\.js >= 20/, 'caveats: what it needs')
  t.match(m.spec.caveats!, /check, explain: list on namespaces, pods/, 'caveats: RBAC verbs for reading')
  t.match(m.spec.caveats!, /fix \(without --dry-run\): the above, plus patch on deployments/, 'caveats: RBAC verbs for fix')
  t.match(m.spec.caveats!, /create on pods\/eviction/, 'caveats: RBAC verbs for restart')
  t.match(m.spec.caveats!, /store\/istiocni\/<version>\/docs\/[\s\S]*docs\/reference\.md/, 'caveats: where the reference is installed')
  for (const p of m.spec.platforms) t.ok(p.files?.some((f) => f.from === 'docs' && f.to === '.'), `${JSON.stringify(p.selector)}: docs/ installed`)
  for (const p of ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64']) t.type(chosen[p], 'number', `a platform for ${p}`)
  t.equal(Object.keys(chosen).length, 4, 'no other platform')
  const uri = (p: string) => m.spec.platforms[chosen[p]!]!.uri
  const release = `https://github.com/kubectl-istiocni/kubectl-istiocni/releases/download/v${pkg.version}/`
  t.equal(uri('linux/amd64'), `${release}kubectl-istiocni-v${pkg.version}-linux-amd64.tar.gz`, 'linux/amd64: the single executable')
  for (const p of ['linux/arm64', 'darwin/amd64', 'darwin/arm64']) t.equal(uri(p), `${release}kubectl-istiocni-v${pkg.version}-node.tar.gz`, `${p}: the Node bundle`)
  for (const p of m.spec.platforms) {
    t.equal(p.bin, 'kubectl-istiocni')
    t.ok(p.files?.some((f) => f.from === p.bin), 'bin is among the files moved')
    t.ok(p.files?.some((f) => f.from === 'LICENSE'), 'LICENSE is installed')
  }
})
