// Krew's own rules for a plugin manifest, and Krew's install layout, ported from
// kubernetes-sigs/krew (Apache-2.0) so the manifest is checked without Go or the krew plugin:
//   internal/index/validation/validate.go   ValidatePlugin, validatePlatform, validateFiles,
//                                           validateSelector, IsSafePluginName
//   internal/installation/semver/version.go version = "v" + strict semver, parsed by
//     + k8s.io/apimachinery pkg/util/version  ParseSemantic (no zero-prefixed components)
//   cmd/validate-krew-manifest/main.go      every platform selects a supported <os,arch>, no
//                                           <os,arch> is selected twice, a LICENSE is installed
//   cmd/krew/cmd/search.go                  `krew search` cuts shortDescription at 50 chars
//   internal/installation/platform.go       the first platform whose selector matches wins
//   internal/download/downloader.go         sha256 of the archive, tar.gz extraction rules
//   internal/installation/install.go, move.go, internal/environment/environment.go
//                                           files (from/to) moves, store/<name>/<version>/,
//                                           bin/kubectl-<name> symlink
import { createHash } from 'node:crypto'
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, isAbsolute, join, posix, relative, resolve } from 'node:path'
import { readTarGz } from './tar.mjs'

export const CURRENT_API_VERSION = 'krew.googlecontainertools.github.com/v1alpha2'
export const PLUGIN_KIND = 'Plugin'
export const SEARCH_SHORT_DESCRIPTION_WIDTH = 50

// validate-krew-manifest's allPlatforms(): the <os,arch> pairs Krew is released for.
export const KREW_PLATFORMS = [
  ['windows', '386'], ['windows', 'amd64'], ['windows', 'arm64'],
  ['linux', '386'], ['linux', 'amd64'], ['linux', 'arm'], ['linux', 'arm64'], ['linux', 'ppc64le'],
  ['darwin', '386'], ['darwin', 'amd64'], ['darwin', 'arm64'],
].map(([os, arch]) => ({ os, arch }))

const WINDOWS_FORBIDDEN = ['CON', 'PRN', 'AUX', 'NUL', 'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9', 'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9']

export function isSafePluginName(name) {
  // Go's \w is ASCII-only, like JS without the u flag.
  return /^[\w-]+$/.test(name) && !WINDOWS_FORBIDDEN.some((f) => f.toLowerCase() === name.toLowerCase())
}

/** semver.Parse: a leading "v", then apimachinery's ParseSemantic. Throws on a bad version. */
export function parseVersion(s) {
  if (!s.startsWith('v')) throw new Error(`version string "${s}" not starting with 'v'`)
  const parts = /^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)$/.exec(s)
  if (!parts) throw new Error(`could not parse "${s}" as version`)
  const [, numbers, extra] = parts
  const components = numbers.split('.')
  if (components.length !== 3) throw new Error(`illegal version string "${s}"`)
  for (const c of components) {
    if (c.startsWith('0') && c !== '0') throw new Error(`illegal zero-prefixed version component "${c}" in "${s}"`)
  }
  let preRelease = ''
  if (extra !== '') {
    const m = /^(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?\s*$/.exec(extra)
    if (!m) throw new Error(`could not parse pre-release/metadata (${extra}) in version "${s}"`)
    preRelease = m[1] ?? ''
    for (const c of preRelease.split('.')) {
      if (/^[0-9]+$/.test(c) && c.startsWith('0') && c !== '0') throw new Error(`illegal zero-prefixed version component "${c}" in "${s}"`)
    }
  }
  return { components: components.map(Number), preRelease }
}

/** ValidatePlugin(name, p): structural validity, the checks `krew install` runs on every manifest. */
export function validatePlugin(name, p) {
  if (p?.apiVersion !== CURRENT_API_VERSION) throw new Error(`plugin manifest has apiVersion="${p?.apiVersion}", not supported in this version of krew`)
  if (p.kind !== PLUGIN_KIND) throw new Error(`plugin manifest has kind="${p.kind}", but only "${PLUGIN_KIND}" is supported`)
  if (!isSafePluginName(name)) throw new Error(`the plugin name "${name}" is not allowed, must match "^[\\w-]+$"`)
  if (p.metadata?.name !== name) throw new Error(`plugin should be named "${name}", not "${p.metadata?.name}"`)
  const spec = p.spec ?? {}
  if (!spec.shortDescription) throw new Error('should have a short description')
  if (/[\r\n]/.test(spec.shortDescription)) throw new Error('should not have line breaks in short description')
  if (!spec.platforms?.length) throw new Error('should have a platform specified')
  if (!spec.version) throw new Error('should have a version specified')
  try {
    parseVersion(spec.version)
  } catch (e) {
    throw new Error(`failed to parse plugin version: ${e.message}`)
  }
  spec.platforms.forEach((pl, i) => {
    try {
      validatePlatform(pl)
    } catch (e) {
      throw new Error(`platform[${i}] is badly constructed: ${e.message}`)
    }
  })
}

export function validatePlatform(p) {
  if (!p.uri) throw new Error('`uri` has to be set')
  if (!p.sha256) throw new Error('`sha256` sum has to be set')
  if (!/^[a-f0-9]{64}$/.test(p.sha256)) throw new Error(`\`sha256\` value ${p.sha256} is not valid, must match pattern ^[a-f0-9]{64}$`)
  if (!p.bin) throw new Error('`bin` has to be set')
  try {
    validateFiles(p.files)
  } catch (e) {
    throw new Error(`\`files\` is invalid: ${e.message}`)
  }
  try {
    validateSelector(p.selector)
  } catch (e) {
    throw new Error(`invalid platform selector: ${e.message}`)
  }
}

export function validateFiles(fops) {
  if (fops === undefined || fops === null) return
  if (fops.length === 0) throw new Error('`files` has to be unspecified or non-empty')
  for (const op of fops) {
    if (!op.from) throw new Error('`from` field has to be set')
    if (!op.to) throw new Error('`to` field has to be set')
  }
}

export function validateSelector(sel) {
  if (sel === undefined || sel === null) throw new Error('nil selector is not supported')
  const { matchLabels, matchExpressions } = sel
  if (matchLabels == null && !matchExpressions?.length) throw new Error('empty selector is not supported')
  const keys = [...Object.keys(matchLabels ?? {}), ...(matchExpressions ?? []).map((e) => e.key)]
  for (const k of keys) if (k !== 'os' && k !== 'arch') throw new Error(`key "${k}" not supported`)
  if (matchLabels != null && Object.keys(matchLabels).length === 0) throw new Error('`matchLabels` specified but empty')
  if (matchExpressions != null && matchExpressions.length === 0) throw new Error('`matchExpressions` specified but empty')
}

/** metav1.LabelSelectorAsSelector(sel).Matches({os, arch}). Throws on an invalid requirement. */
export function selectorMatches(sel, env) {
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (env[k] !== v) return false
  for (const { key, operator, values = [] } of sel?.matchExpressions ?? []) {
    const has = Object.hasOwn(env, key)
    switch (operator) {
      case 'In':
      case 'NotIn':
        if (!values.length) throw new Error(`${key}: for '${operator}' operator, values set can't be empty`)
        if (operator === 'In' ? !(has && values.includes(env[key])) : has && values.includes(env[key])) return false
        break
      case 'Exists':
      case 'DoesNotExist':
        if (values.length) throw new Error(`${key}: values set must be empty for '${operator}'`)
        if (operator === 'Exists' ? !has : has) return false
        break
      default:
        throw new Error(`"${operator}" is not a valid label selector operator`)
    }
  }
  return true
}

/** GetMatchingPlatform: the first platform whose selector matches. */
export function matchPlatform(platforms, env) {
  return platforms.find((p) => selectorMatches(p.selector, env))
}

/**
 * What validate-krew-manifest checks before installing: ValidatePlugin, the file name, every
 * platform used, no overlap. Adds the `krew search` width for shortDescription.
 * Returns { os/arch → platform index } for the supported platforms.
 */
export function validateManifest(fileName, p) {
  if (!fileName.endsWith('.yaml')) throw new Error(`expected manifest extension ".yaml" but found "${fileName}"`)
  validatePlugin(basename(fileName, '.yaml'), p)
  if (p.spec.shortDescription.length > SEARCH_SHORT_DESCRIPTION_WIDTH) {
    throw new Error(`shortDescription is ${p.spec.shortDescription.length} chars; \`kubectl krew search\` cuts it at ${SEARCH_SHORT_DESCRIPTION_WIDTH}`)
  }
  p.spec.platforms.forEach((pl, i) => {
    if (!KREW_PLATFORMS.some((env) => selectorMatches(pl.selector, env))) {
      throw new Error(`spec.platform[${i}]'s selector (${JSON.stringify(pl.selector)}) doesn't match any supported platforms`)
    }
  })
  const chosen = {}
  for (const env of KREW_PLATFORMS) {
    const idx = p.spec.platforms.flatMap((pl, i) => (selectorMatches(pl.selector, env) ? [i] : []))
    if (idx.length > 1) throw new Error(`multiple spec.platforms (at indexes ${idx}) have overlapping selectors that select ${env.os}/${env.arch}`)
    if (idx.length === 1) chosen[`${env.os}/${env.arch}`] = idx[0]
  }
  return chosen
}

export function sha256(buf) {
  return createHash('sha256').update(buf).digest('hex')
}

/** Go's filepath.Match for one path element: *, ?, [...] (no separators). */
function globElement(pattern) {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2)
      if (end === -1) throw new Error(`syntax error in pattern ${pattern}`)
      let cls = pattern.slice(i + 1, end)
      if (cls.startsWith('^')) cls = `^${cls.slice(1)}`
      re += `[${cls.replace(/\\/g, '\\\\')}]`
      i = end
    } else if (c === '\\') re += `\\${pattern[++i] ?? '\\'}`
    else re += c.replace(/[.+^${}()|\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

/** filepath.Glob over real directories (results sorted per level, like Go). */
function glob(pattern) {
  const parts = pattern.split('/').filter(Boolean)
  let paths = [pattern.startsWith('/') ? '/' : '.']
  for (const part of parts) {
    const next = []
    for (const p of paths) {
      if (!/[*?[\\]/.test(part)) {
        if (existsSync(join(p, part))) next.push(join(p, part))
        continue
      }
      let names = []
      try {
        names = readdirSync(p).sort()
      } catch {}
      const re = globElement(part)
      for (const n of names) if (re.test(n)) next.push(join(p, n))
    }
    paths = next
  }
  return paths
}

function isSubPath(base, sub) {
  const rel = relative(base, sub)
  return !rel.startsWith('..') && !isAbsolute(rel)
}

/** Go's filepath.Clean for slash paths. */
function goClean(p) {
  const n = posix.normalize(p)
  return n === '/' ? n : n.replace(/\/+$/, '') || '.'
}

/** findMoveTargets + moveFiles (move.go) for one FileOperation. */
function moveFiles(fromDir, toDir, fo) {
  if (fo.to !== goClean(fo.to)) throw new Error(`the provided path is not clean, "${fo.to}" should be "${goClean(fo.to)}"`)
  fromDir = resolve(fromDir)
  toDir = resolve(toDir)
  let moves
  const direct = resolve(fromDir, fo.from)
  if (existsSync(direct)) {
    // getDirectMove: an existing path (file or directory) is moved as a whole.
    const to = resolve(toDir, fo.to === '.' ? basename(direct) : fo.to)
    moves = [{ from: direct, to }]
  } else {
    const newDir = resolve(toDir, fo.to)
    const matches = glob(join(fromDir, fo.from))
    if (!matches.length) throw new Error(`no files in the plugin archive matched the glob pattern=${fo.from}`)
    moves = matches.map((m) => ({ from: m, to: join(newDir, basename(m)) }))
  }
  for (const m of moves) {
    if (!isSubPath(fromDir, m.from) || !isSubPath(toDir, m.to)) throw new Error(`can't move, move target ${JSON.stringify(m)} is out of bounds`)
    mkdirSync(dirname(m.to), { recursive: true })
    rmSync(m.to, { recursive: true, force: true })
    renameSync(m.from, m.to)
  }
}

/** extractTARGZ (downloader.go): refuses absolute paths and "..", keeps the modes. */
export function extractArchive(buf, targetDir) {
  for (const e of readTarGz(buf)) {
    if (e.name === 'pax_global_header') continue
    if (e.name.includes('..')) throw new Error(`refusing to unpack archive with suspicious entry "${e.name}"`)
    if (e.name.startsWith('/') || e.name.startsWith('\\')) throw new Error(`refusing to unpack archive with absolute entry "${e.name}"`)
    const path = join(targetDir, e.name)
    if (e.type === 'dir') mkdirSync(path, { recursive: true, mode: e.mode })
    else if (e.type === 'file') {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, e.data, { mode: e.mode })
    } else throw new Error(`unable to handle file type of ${e.name}`)
  }
}

/** pluginNameToBin (install.go): dashes become underscores. */
export function pluginBinName(name) {
  return `kubectl-${name.replace(/-/g, '_')}`
}

/**
 * `kubectl krew install --manifest=<m> --archive=<a>` into KREW_ROOT=root for env {os, arch}:
 * root/store/<name>/<version>/ holds the files, root/bin/kubectl-<name> links to `bin`.
 * Returns { platform, installDir, binLink, binTarget }.
 */
export function install({ root, manifest, archive, env }) {
  const platform = matchPlatform(manifest.spec.platforms, env)
  if (!platform) throw new Error(`plugin "${manifest.metadata.name}" does not offer installation for this platform (${env.os}/${env.arch})`)
  const buf = readFileSync(archive)
  const got = sha256(buf)
  if (got !== platform.sha256) throw new Error(`checksum does not match, want: ${platform.sha256}, got ${got}`)

  const staging = mkdtempSync(join(tmpdir(), 'krew-downloads'))
  const tmp = mkdtempSync(join(tmpdir(), 'krew-temp-move'))
  try {
    extractArchive(buf, staging)
    const files = platform.files ?? [{ from: '*', to: '.' }] // applyDefaults
    for (const fo of files) moveFiles(staging, tmp, fo)
    const installDir = join(root, 'store', manifest.metadata.name, manifest.spec.version)
    mkdirSync(dirname(installDir), { recursive: true })
    rmSync(installDir, { recursive: true, force: true })
    renameOrCopy(tmp, installDir)
    const binTarget = join(installDir, ...platform.bin.split('/'))
    if (!isSubPath(resolve(installDir), resolve(binTarget))) throw new Error(`the fullPath "${binTarget}" does not extend the sub-fullPath "${installDir}"`)
    if (!existsSync(binTarget)) throw new Error(`can't create symbolic link, source binary (${binTarget}) cannot be found in extracted archive`)
    const binLink = join(root, 'bin', pluginBinName(manifest.metadata.name))
    mkdirSync(dirname(binLink), { recursive: true })
    try {
      if (lstatSync(binLink).isSymbolicLink()) rmSync(binLink)
    } catch {}
    symlinkSync(binTarget, binLink)
    return { platform, installDir, binLink, binTarget }
  } finally {
    rmSync(staging, { recursive: true, force: true })
    rmSync(tmp, { recursive: true, force: true })
  }
}

function renameOrCopy(from, to) {
  try {
    renameSync(from, to)
  } catch (e) {
    if (e.code !== 'EXDEV') throw e
    copyTree(from, to)
  }
}

function copyTree(from, to) {
  const st = statSync(from)
  if (st.isDirectory()) {
    mkdirSync(to, { recursive: true, mode: st.mode })
    for (const n of readdirSync(from)) copyTree(join(from, n), join(to, n))
  } else writeFileSync(to, readFileSync(from), { mode: st.mode })
}

const LICENSE_FILES = new Set(['license', 'license.txt', 'license.md', 'licenses', 'licenses.txt', 'licenses.md', 'copying', 'copying.txt'])

/** validateLicenseFileExists (validate-krew-manifest): a LICENSE among the installed files. */
export function hasLicenseFile(dir) {
  const walk = (d) => readdirSync(d, { withFileTypes: true }).some((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.isFile() && LICENSE_FILES.has(e.name.toLowerCase())))
  return walk(dir)
}

