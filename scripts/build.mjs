// The one place that knows how the CLI is bundled.
//
// `node scripts/build.mjs` (npm run build) writes ONE file, dist/kubectl-istiocni: a CommonJS
// launcher with `#!/usr/bin/env node` that carries the minified application bundle as a string
// (see launcher() below), executable, needing no node_modules at run time;
// its source map sits beside it (kubectl-istiocni.map), and THIRD_PARTY_LICENSES lists the
// packages whose code it contains. The same file is the main script of the single executable
// application (scripts/package.mjs), which must be one CommonJS file.
//
// Packages only live-cluster commands use (@kubernetes/client-node: 3.5 MB minified; ora) are
// bundled on their own and embedded gzipped as base64 string literals, inflated and evaluated with
// `vm` on first import(): V8 only scans a string literal, so offline commands do not pay for
// parsing code they never run (parsing the client inline costs 60-90 ms on every start).
import { build } from 'esbuild'
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { execFileSync } from 'node:child_process'

/** The commit the bundle is built from, for `version`; `unknown` outside a git checkout. */
function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dirname(fileURLToPath(import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || 'unknown'
  } catch {
    return 'unknown'
  }
}

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const DIST = join(ROOT, 'dist')
export const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
export const BIN = 'kubectl-istiocni'
const ENTRY = 'src/cli.ts'
// CommonJS dependencies inside an ESM bundle still call require().

// string-width (used by yargs' cliui and by ora) builds `new Intl.Segmenter()` when the module is
// evaluated; the first one loads ICU break-iterator data, ~10 ms on every start, even when no
// help text or spinner is ever drawn. Build it on first use instead.
const lazySegmenter = {
  name: 'lazy-intl-segmenter',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8')
      const re = /const (\w+) = new Intl\.Segmenter\(\);/
      if (!re.test(src)) {
        return { contents: src, loader: 'js', warnings: [{ text: 'string-width no longer matches the lazy Intl.Segmenter patch (startup costs ~10 ms more)' }] }
      }
      return {
        contents: src.replace(re, 'let $1$lazy; const $1 = { segment: (s) => ($1$lazy ??= new Intl.Segmenter()).segment(s) };'),
        loader: 'js',
      }
    })
  },
}

/**
 * A plugin that rewrites the files matching `filter` that contain `from` with `patch(src, from)`;
 * when a new version no longer contains it, the build warns (`warning`) and keeps the file.
 */
function textPatch(name, filter, from, patch, warning) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, (args) => {
        const src = readFileSync(args.path, 'utf8')
        if (!src.includes(from)) return { contents: src, loader: 'js', warnings: [{ text: warning }] }
        return { contents: patch(src, from), loader: 'js' }
      })
    },
  }
}

// Before every command handler it runs, yargs renders the whole help text and keeps it, in case
// the handler fails and yargs' default failure handler wants to print it: 25-40 ms on every
// `check` here. The CLI's .fail() throws instead of printing help, and --help does not read this
// cache, so it is never read: skip filling it.
const yargsNoHelpCache = textPatch('yargs-no-help-cache', /[\\/]node_modules[\\/]yargs[\\/]build[\\/]lib[\\/]usage\.js$/, 'cachedHelpMessage = this.help();',
  (src, from) => src.replace(from, 'cachedHelpMessage = undefined; /* patched by scripts/build.mjs */'), 'yargs usage.js no longer matches the help-cache patch (startup costs ~30 ms more)')

// js-yaml's ESM build (what `import` resolves to) starts its parser and loader state objects
// with spreads (`{ ...DEFAULTS, ...options, … }`): on Node 20 nearly every such object gets its
// own hidden class, so every property access in the parser goes megamorphic, and per-document
// load() runs ~2.5× slower than the CommonJS build of the same version, whose transpiled
// `_objectSpread2` copies into one plain object. Only the project's own imports are redirected;
// the Kubernetes client keeps its nested copy.
// That helper itself (babel's, defining each property through descriptors) still costs ~7 % of a
// 10k-workload check, as js-yaml calls it for every document's parser and loader state: in this
// copy it becomes Object.assign, the same copy for its plain-data arguments (issue #17; parse
// −25 to −40 % measured).
const OBJECT_SPREAD = /function _objectSpread2\(e\) \{[\s\S]*?\n\}\n/
const jsYamlCommonJs = {
  name: 'js-yaml-commonjs',
  setup(b) {
    const cjs = createRequire(join(ROOT, 'package.json')).resolve('js-yaml')
    b.onResolve({ filter: /^js-yaml$/ }, (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.importer)) return undefined
      return { path: cjs }
    })
    b.onLoad({ filter: /[\\/]js-yaml\.cjs\.js$/ }, (args) => {
      if (args.path !== cjs) return undefined
      const src = readFileSync(args.path, 'utf8')
      if (!OBJECT_SPREAD.test(src)) return { contents: src, loader: 'js', warnings: [{ text: 'js-yaml no longer matches the _objectSpread2 patch (parsing costs ~30 % more)' }] }
      return { contents: src.replace(OBJECT_SPREAD, 'function _objectSpread2(e) {\n\treturn Object.assign.apply(Object, arguments); /* patched by scripts/build.mjs */\n}\n'), loader: 'js' }
    })
  },
}

// The `yaml` parser (fix's splices, the lenient second look at a document) reads
// process.env.LOG_TOKENS for every token it is given: a lookup in the environment each time, ~10 %
// of `fix` on 10,000 workloads (issue #14). It is read once, when the module loads.
const yamlLogTokensOnce = textPatch('yaml-log-tokens-once', /[\\/]node_modules[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/, 'if (node_process.env.LOG_TOKENS)',
  (src, from) => `const LOG_TOKENS = process.env.LOG_TOKENS; /* patched by scripts/build.mjs */\n${src.replace(from, 'if (LOG_TOKENS)')}`, 'yaml parser.js no longer matches the LOG_TOKENS patch (fix costs ~10 % more)')

// The program catalog's entries carry their documentation (summary, source, examples) for
// docs/programs.md and test/catalog.test.ts, which read the TypeScript sources. The bundle needs
// only what the engine reads: dropping the rest keeps start-up within its budget (issue 13).
const CATALOG_DOCS = new Set(['summary', 'source', 'examples'])
const catalogWithoutDocs = {
  name: 'catalog-without-docs',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]classify[\\/]catalog[\\/]entries[\\/][^\\/]+\.ts$/ }, async (args) => {
      const { default: ts } = await import('typescript')
      const file = ts.createSourceFile(args.path, readFileSync(args.path, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
      const strip = (ctx) => (root) => ts.visitNode(root, function visit(node) {
        if (ts.isObjectLiteralExpression(node)) {
          const kept = node.properties.filter((p) => !(ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && CATALOG_DOCS.has(p.name.text)))
          return ts.visitEachChild(ctx.factory.updateObjectLiteralExpression(node, kept), visit, ctx)
        }
        return ts.visitEachChild(node, visit, ctx)
      })
      const out = ts.transform(file, [strip]).transformed[0]
      return { contents: ts.createPrinter().printFile(out), loader: 'ts' }
    })
  },
}

function options() {
  return {
    absWorkingDir: ROOT,
    entryPoints: [{ in: ENTRY, out: BIN }],
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    // Keep regular-expression literals: esbuild rewrites those with \p{…} or the v flag into
    // `new RegExp(…)`, which V8 compiles when the module loads (string-width's RGI_Emoji set
    // alone costs ~8 ms); a literal is compiled on first use. Node 20 supports both.
    supported: { 'regexp-unicode-property-escapes': true, 'regexp-set-notation': true },
    define: { __VERSION__: JSON.stringify(pkg.version), __COMMIT__: JSON.stringify(gitCommit()) },
    // whatwg-url and tr46 (under node-fetch, under the Kubernetes client) require Node's
    // deprecated built-in punycode: Node >= 21 prints DEP0040 for code outside node_modules,
    // which bundled code is. Bundle the userland module instead.
    alias: { punycode: 'punycode/punycode.js' },
    plugins: [lazySegmenter, yargsNoHelpCache, jsYamlCommonJs, yamlLogTokensOnce, catalogWithoutDocs],
    metafile: true,
    write: false,
    logLevel: 'silent',
  }
}

function reportWarnings(result, what) {
  const warnings = result.warnings.map((w) => `${w.location ? `${w.location.file}:${w.location.line}: ` : ''}${w.text}`)
  if (warnings.length) console.warn(`${what}: esbuild warnings:\n  ${warnings.join('\n  ')}`)
}

/** Packages loaded only by live-cluster code, through a dynamic import(). */
const LAZY = ['@kubernetes/client-node', 'ora']
// ESM dependencies (yargs, the client) read import.meta.url when they load; CommonJS has no
// import.meta, so they get the file URL of the script (inside a SEA: of the executable).
const IMPORT_META = "var __importMetaUrl=require('node:url').pathToFileURL(__filename).href;"

/** One lazy package as a CommonJS bundle, as text. */
async function lazyBundle(name) {
  const base = options()
  const result = await build({
    ...base,
    entryPoints: undefined,
    stdin: { contents: `module.exports = require(${JSON.stringify(name)})`, resolveDir: ROOT, loader: 'js' },
    format: 'cjs',
    define: { ...base.define, 'import.meta.url': '__importMetaUrl' },
    banner: { js: IMPORT_META },
  })
  reportWarnings(result, name)
  return { text: result.outputFiles[0].text, metafile: result.metafile }
}

/** Resolves each lazy package to a module that evaluates its embedded bundle on first use. */
function embedLazy(bundles) {
  return {
    name: 'embed-lazy-packages',
    setup(b) {
      const filter = new RegExp(`^(${LAZY.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`)
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy' }))
      b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
        loader: 'js',
        // Stored gzipped (base64): the file stays small, and only live commands inflate it.
        contents: `const vm = require('node:vm');
const code = require('node:zlib').gunzipSync(Buffer.from(${JSON.stringify(gzipSync(bundles.get(args.path).text, { level: 9 }).toString('base64'))}, 'base64')).toString();
const fn = vm.runInThisContext('(function (module, exports, require, __filename, __dirname) {' + code + '\\n})', { filename: ${JSON.stringify(`${BIN}/embedded/${args.path}.js`)} });
const m = { exports: {} };
fn(m, m.exports, require, __filename, __dirname);
module.exports = m.exports;`,
      }))
    },
  }
}

/** The application (src/cli.ts and everything but the lazy packages) as CommonJS text. */
async function buildApp() {
  const bundles = new Map()
  for (const name of LAZY) bundles.set(name, await lazyBundle(name))
  const base = options()
  const result = await build({
    ...base,
    outfile: join(DIST, 'app.js'),
    format: 'cjs',
    // Shipped beside the launcher and read only by `--debug` (src/render/stack.ts): the mappings
    // without the sources' text.
    sourcemap: 'external',
    sourcesContent: false,
    define: { ...base.define, 'import.meta.url': '__importMetaUrl' },
    banner: { js: IMPORT_META },
    plugins: [...base.plugins, embedLazy(bundles)],
  }).catch((e) => {
    if (/top-level await/i.test(e.message)) e.message += '\n(the bundle is CommonJS: src/cli.ts must not use top-level await)'
    throw e
  })
  reportWarnings(result, 'bundle')
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'))
  return { js: js.text.replace(/\/\/# sourceMappingURL=\S+\s*$/, ''), map: map?.text, metafiles: [result.metafile, ...[...bundles.values()].map((b) => b.metafile)] }
}

/**
 * The file users run: answers --version by itself, and otherwise compiles the embedded
 * application with a V8 code cache (in $XDG_CACHE_HOME/kubectl-istiocni, like kubectl's
 * ~/.kube/cache; set KUBECTL_ISTIOCNI_NO_CACHE=1 to skip it), so a start compiles ~nothing.
 */
function launcher(app) {
  const key = createHash('sha256').update(app).digest('hex').slice(0, 16)
  return `'use strict';
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === 'version')) process.stdout.write(${JSON.stringify(`${pkg.version}\n`)});
else {
  const fs = require('node:fs'), path = require('node:path'), vm = require('node:vm');
  const env = process.env;
  const dir = env.KUBECTL_ISTIOCNI_NO_CACHE ? undefined : path.join(env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache'), 'kubectl-istiocni');
  const cacheFile = dir && path.join(dir, ${JSON.stringify(`${pkg.version}-${key}-`)} + process.version + '-' + process.arch + '.v8');
  let cachedData;
  try { if (cacheFile) cachedData = fs.readFileSync(cacheFile); } catch {}
  // The function header has a line of its own: line N of the script is line N-1 of the bundle (src/render/stack.ts).
  const script = new vm.Script('(function (module, exports, require, __filename, __dirname) {\\n' + ${JSON.stringify(app)} + '\\n})', { filename: path.join(__dirname, ${JSON.stringify(`${BIN}.app.js`)}), cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // Written once, after the run, so the functions this run compiled are in it.
    // Parents made one by one: Node's recursive mkdirSync never returns under /proc (where ENOENT
    // does not mean a missing parent), and an unwritable cache must never hang a run (issue 14).
    const mkdirs = (d, depth) => { try { fs.mkdirSync(d) } catch (e) { if (e.code === 'EEXIST') return; if (e.code !== 'ENOENT' || depth === 0 || path.dirname(d) === d) throw e; mkdirs(path.dirname(d), depth - 1); fs.mkdirSync(d) } };
    process.once('beforeExit', () => { try { mkdirs(dir, 8); const tmp = cacheFile + '.' + process.pid; fs.writeFileSync(tmp, script.createCachedData()); fs.renameSync(tmp, cacheFile); } catch {} });
  }
  const m = { exports: {} };
  script.runInThisContext()(m, m.exports, require, __filename, __dirname);
}
`
}

/** Builds dist/: the bundle, its source map, the licences. Returns the files written (relative to outdir). */
export async function buildBundle(outdir = DIST) {
  const out = join(outdir, BIN)
  const { js, map, metafiles } = await buildApp()
  mkdirSync(outdir, { recursive: true })
  rmSync(join(outdir, 'chunks'), { recursive: true, force: true })
  for (const stale of [`${BIN}.mjs`, `${BIN}.mjs.map`]) rmSync(join(outdir, stale), { force: true })
  // One non-ASCII character (esbuild keeps them in regex literals) makes V8 hold and scan the whole
  // 1.3 MB launcher as a two-byte string: ≈ 30 ms on every start. Write \uXXXX in the source instead.
  const wide = /[^\x00-\x7f]/.exec(js)
  if (wide) throw new Error(`non-ASCII ${JSON.stringify(wide[0])} in the bundle near ${JSON.stringify(js.slice(Math.max(0, wide.index - 40), wide.index + 10))}: escape it in the source (\\u${wide[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`)
  writeFileSync(out, `#!/usr/bin/env node\n${launcher(js)}`)
  chmodSync(out, 0o755)
  // The map is of the embedded application (${BIN}.app.js in stack traces).
  if (map) writeFileSync(join(outdir, `${BIN}.map`), map)
  // The repository's package.json says "type": "module"; an extensionless file below it would be
  // loaded as ESM. This one marks dist/ as CommonJS (installed copies have no package.json above).
  writeFileSync(join(outdir, 'package.json'), '{"type":"commonjs"}\n')
  writeFileSync(join(outdir, 'THIRD_PARTY_LICENSES'), thirdPartyLicenses(metafiles))
  return { files: [BIN, `${BIN}.map`, 'THIRD_PARTY_LICENSES'], metafiles }
}

/** The single executable's main script: the same launcher. Returns its path. */
export async function buildSeaScript(outfile = join(DIST, 'sea', `${BIN}.cjs`)) {
  const { js, metafiles } = await buildApp()
  mkdirSync(dirname(outfile), { recursive: true })
  writeFileSync(outfile, launcher(js))
  return { path: outfile, metafiles }
}

/** Packages whose code is in the output, each with its licence text (MIT and co. require the notice). */
export function thirdPartyLicenses(metafiles, extra = []) {
  const dirs = new Set()
  for (const out of metafiles.flatMap((m) => Object.values(m.outputs))) {
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      const m = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(input)
      if (m && bytesInOutput > 0) dirs.add(join(ROOT, m[1]))
    }
  }
  let entries = []
  for (const dir of dirs) {
    const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const lic = readdirSync(dir).find((f) => /^(licen[cs]e|copying)([-.][\w.-]+)?$/i.test(f))
    const text = lic ? readFileSync(join(dir, lic), 'utf8').trim() : `${p.license ?? 'UNKNOWN'} (no licence file in the package)`
    entries.push({ id: `${p.name}@${p.version}`, license: p.license ?? 'UNKNOWN', text })
  }
  entries.push(...extra)
  const seen = new Set()
  entries = entries.filter((e) => !seen.has(e.id) && seen.add(e.id))
  entries.sort((a, b) => a.id.localeCompare(b.id))
  const head = `${pkg.name} ${pkg.version} contains code from the following packages.\n`
  return head + entries.map((e) => `\n${'='.repeat(78)}\n${e.id} (${e.license})\n${'='.repeat(78)}\n\n${e.text}\n`).join('')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { files } = await buildBundle()
  for (const f of files.filter((f) => !f.endsWith('.map'))) console.log(`${String(statSync(join(DIST, f)).size).padStart(9)}  dist/${f}`)
}
