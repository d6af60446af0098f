// `npm run package` end to end: the archives and their sha256, the manifest checked with Krew's
// rules against the real archives, then each archive installed the way Krew installs it
// (KREW_ROOT/store/istiocni/v<version>/, KREW_ROOT/bin/kubectl-istiocni) and run through the
// real kubectl: `kubectl istiocni version`, `kubectl plugin list`, `kubectl istiocni check -f`.
// Builds into a temporary directory: dist/ and krew/istiocni.yaml, which other tests use, are
// left alone.
import t, { type Test } from 'tap'
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import YAML from 'yaml'
import { hasLicenseFile, install, sha256, validateManifest, type Plugin } from '../scripts/krew.mjs'
import { readTarGz } from '../scripts/tar.mjs'

const ROOT = new URL('..', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
const VERSION = pkg.version
const TAG = `v${VERSION}`
const SEA = process.platform === 'linux' && process.arch === 'x64'
const NODE_ARCHIVE = `kubectl-istiocni-${TAG}-node.tar.gz`
const SEA_ARCHIVE = `kubectl-istiocni-${TAG}-linux-amd64.tar.gz`

function which(cmd: string, path = process.env.PATH ?? ''): string | undefined {
  return path.split(delimiter).map((d) => join(d, cmd)).find((p) => existsSync(p))
}
const KUBECTL = which('kubectl')

const tmp = mkdtempSync(join(tmpdir(), 'istiocni-package-'))
t.teardown(() => rmSync(tmp, { recursive: true, force: true }))
const out = join(tmp, 'dist')
const manifestPath = join(tmp, 'istiocni.yaml')

const started = Date.now()
const packaged = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--out', out, '--manifest', manifestPath, ...(SEA ? [] : ['--no-sea'])], { cwd: ROOT, encoding: 'utf8' })
if (packaged.status !== 0) {
  t.fail(`npm run package failed:\n${packaged.stdout}${packaged.stderr}`)
  process.exit(1)
}
t.comment(`package: ${((Date.now() - started) / 1000).toFixed(1)} s`)

const entries = (file: string) => readTarGz(readFileSync(join(out, file)))

// The reference `explain` and SARIF cite (§N) and the code list travel with the plugin (issue #14);
// docs/programs.md only when it was generated before packaging.
const DOCS = ['docs/reference.md', 'docs/codes.md', ...(existsSync(join(ROOT, 'docs/programs.md')) ? ['docs/programs.md'] : [])]

function hasDocs(t: Test, list: { name: string; data: Buffer }[]) {
  for (const doc of DOCS) {
    t.equal(list.find((e) => e.name === doc)?.data.toString(), readFileSync(join(ROOT, doc), 'utf8'), `${doc} inside, as in the repository`)
  }
}

t.test('archives and their sha256 files', async (t) => {
  for (const file of [NODE_ARCHIVE, ...(SEA ? [SEA_ARCHIVE] : [])]) {
    const buf = readFileSync(join(out, file))
    t.equal(readFileSync(join(out, `${file}.sha256`), 'utf8'), `${sha256(buf)}  ${file}\n`, `${file}.sha256 (sha256sum format)`)
    const tar = spawnSync('tar', ['-tzf', join(out, file)], { encoding: 'utf8' })
    if (!tar.error) t.equal(tar.status, 0, `${file}: GNU/BSD tar reads it too`)
  }
})

t.test('the Node bundle archive', async (t) => {
  const list = entries(NODE_ARCHIVE)
  const names = list.map((e) => e.name)
  t.same(names, ['kubectl-istiocni', 'kubectl-istiocni.map', 'LICENSE', 'THIRD_PARTY_LICENSES', ...DOCS].sort((a, b) => a.localeCompare(b)), 'one bundle, its source map, the licence, the notices, the docs')
  hasDocs(t, list)
  t.notOk(JSON.parse(list.find((e) => e.name === 'kubectl-istiocni.map')!.data.toString()).sourcesContent, 'the map carries mappings, not the sources')
  const bin = list.find((e) => e.name === 'kubectl-istiocni')!
  t.equal(bin.mode, 0o755, 'executable')
  t.match(bin.data.toString(), /^#!\/usr\/bin\/env node\n'use strict';/, 'one CommonJS file with a node shebang')
  t.equal(list.find((e) => e.name === 'LICENSE')!.data.toString(), readFileSync(join(ROOT, 'LICENSE'), 'utf8'), 'LICENSE is the project licence')
  t.match(list.find((e) => e.name === 'LICENSE')!.data.toString(), /Apache License\s+Version 2\.0, January 2004/)
  t.match(list.find((e) => e.name === 'THIRD_PARTY_LICENSES')!.data.toString(), /yargs@/)
  t.notOk(existsSync(join(out, 'node_modules')), 'nothing from node_modules')
})

t.test('the single executable archive (linux/amd64)', { skip: !SEA && 'SEA is built on linux-x64 only' }, async (t) => {
  const list = entries(SEA_ARCHIVE)
  t.same(list.map((e) => e.name), ['kubectl-istiocni', 'kubectl-istiocni.map', 'LICENSE', 'THIRD_PARTY_LICENSES', ...DOCS].sort((a, b) => a.localeCompare(b)))
  hasDocs(t, list)
  const bin = list.find((e) => e.name === 'kubectl-istiocni')!
  t.equal(bin.mode, 0o755)
  t.equal(bin.data.subarray(0, 4).toString('latin1'), '\x7fELF', 'an ELF executable')
  t.comment(`SEA executable: ${(bin.data.length / 1e6).toFixed(1)} MB, archive ${(readFileSync(join(out, SEA_ARCHIVE)).length / 1e6).toFixed(1)} MB`)
  t.match(list.find((e) => e.name === 'THIRD_PARTY_LICENSES')!.data.toString(), /node@\d+\.\d+\.\d+/, 'Node.js licence included')
})

const manifest = YAML.parse(readFileSync(manifestPath, 'utf8')) as Plugin

t.test('the manifest, checked with Krew rules against the real archives', async (t) => {
  const chosen = validateManifest('istiocni.yaml', manifest)
  t.equal(manifest.spec.version, TAG)
  for (const [osArch, i] of Object.entries(chosen)) {
    const p = manifest.spec.platforms[i]!
    const file = p.uri.split('/').pop()!
    t.equal(p.sha256, sha256(readFileSync(join(out, file))), `${osArch}: sha256 of ${file}`)
    t.equal(file, osArch === 'linux/amd64' && SEA ? SEA_ARCHIVE : NODE_ARCHIVE, `${osArch}: archive`)
  }
})

/** Installs like `kubectl krew install --manifest --archive` with KREW_OS/KREW_ARCH set. */
function krewInstall(os: string, arch: string) {
  const root = join(tmp, `krew-${os}-${arch}`)
  const p = manifest.spec.platforms.find((x) => x.selector?.matchLabels?.os === os && x.selector?.matchLabels?.arch === arch)!
  const r = install({ root, manifest, archive: join(out, p.uri.split('/').pop()!), env: { os, arch } })
  return { root, ...r }
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(file, args, { encoding: 'utf8', env, cwd: ROOT, timeout: 60_000 })
}

/** A manifest from examples/ for `check -f`, or undefined while examples/ is empty. */
function example(): string | undefined {
  const dir = join(ROOT, 'examples')
  if (!existsSync(dir)) return undefined
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).sort()
  return files.length ? join(dir, files[0]!) : undefined
}

async function kubectlChecks(t: Test, env: NodeJS.ProcessEnv, binLink: string) {
  const version = run(KUBECTL!, ['istiocni', 'version'], env)
  t.equal(version.stdout, `${VERSION}\n`, `kubectl istiocni version (stderr: ${version.stderr.trim()})`)
  t.equal(run(KUBECTL!, ['istiocni', '--version'], env).stdout, `${VERSION}\n`, 'kubectl istiocni --version')
  const list = run(KUBECTL!, ['plugin', 'list'], env)
  t.match(list.stdout, binLink, 'kubectl plugin list shows it')

  const file = example()
  const help = run(KUBECTL!, ['istiocni', 'check', '--help'], env)
  const skip = help.status !== 0
    ? `the check command is not implemented yet (${help.stderr.trim().split('\n')[0]})`
    : !file && 'examples/ has no manifest yet'
  await t.test('kubectl istiocni check -f examples/…', { skip }, async (t) => {
    const check = run(KUBECTL!, ['istiocni', 'check', '-f', file!], env)
    t.ok([0, 3].includes(check.status!), `check -f ${file!.slice(ROOT.length)} exits 0 or 3 (got ${check.status}: ${check.stderr.trim()})`)
    t.match(check.stdout, /WORKLOAD/, 'prints the result table')
  })
}

t.test('install the Node bundle as Krew does (darwin/arm64 layout) and run it through kubectl', { skip: !KUBECTL && 'kubectl is not on PATH' }, async (t) => {
  const { root, installDir, binLink, binTarget } = krewInstall('darwin', 'arm64')
  t.equal(installDir, join(root, 'store', 'istiocni', TAG), 'store/istiocni/v<version>/')
  t.equal(binLink, join(root, 'bin', 'kubectl-istiocni'), 'bin/kubectl-istiocni')
  t.equal(binTarget, join(installDir, 'kubectl-istiocni'))
  t.ok(hasLicenseFile(installDir), 'LICENSE installed')
  t.equal(readFileSync(join(installDir, 'docs', 'reference.md'), 'utf8'), readFileSync(join(ROOT, 'docs/reference.md'), 'utf8'), 'docs/reference.md installed where the caveats say')
  const env = { ...process.env, PATH: `${join(root, 'bin')}${delimiter}${process.env.PATH}` }
  await kubectlChecks(t, env, binLink)
  const forced = run(process.execPath, ['--require', join(ROOT, 'test/fixtures/force-error.cjs'), binLink, 'check', '-f', join(ROOT, 'examples'), '--debug'], env)
  t.match(forced.stderr, /^TypeError: forced internal error\n[^]*\(src\/commands\/check\.ts:\d+:\d+\)/, '--debug: the installed map names the TypeScript sources')

  // Offline work never evaluates the Kubernetes client: corrupt its embedded copy and run again.
  const copy = join(tmp, 'no-k8s-client')
  cpSync(installDir, copy, { recursive: true })
  const bundle = join(copy, 'kubectl-istiocni')
  const text = readFileSync(bundle, 'utf8')
  const embedded = [...text.matchAll(/Buffer\.from\(\\"([A-Za-z0-9+/=]{1000,})\\",\s*\\"base64\\"\)/g)]
  t.ok(embedded.length >= 1, 'the lazy packages are embedded in the bundle')
  writeFileSync(bundle, embedded.reduce((s, m) => s.replace(m[1]!, 'AAAA'), text))
  const file = example()
  const args = file ? ['check', '-f', file] : ['--help']
  const r = run(process.execPath, [bundle, ...args], { ...process.env, KUBECTL_ISTIOCNI_NO_CACHE: '1' })
  t.ok([0, 3].includes(r.status!), `${args.join(' ')} runs with the embedded client corrupted: ${r.stderr.trim()}`)
})

t.test('install the single executable (linux/amd64) and run it with no Node.js on PATH', { skip: (!SEA && 'SEA is built on linux-x64 only') || (!KUBECTL && 'kubectl is not on PATH') }, async (t) => {
  const { root, binLink, installDir } = krewInstall('linux', 'amd64')
  t.ok(existsSync(join(installDir, 'docs', 'reference.md')), 'docs/reference.md installed')
  // Only the krew bin directory on PATH: the SEA must not need `node`.
  const env = { PATH: `${join(root, 'bin')}${delimiter}/nonexistent`, HOME: tmp }
  t.notOk(which('node', env.PATH), 'no node on PATH')
  const direct = run(binLink, ['version'], env)
  t.equal(direct.stdout, `${VERSION}\n`, `the executable alone prints the version ${direct.stderr.trim()}`)
  t.equal(direct.stderr, '', 'no warning on stderr')
  await kubectlChecks(t, env, binLink)
})
