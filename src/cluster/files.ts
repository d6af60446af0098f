// Reads `-f` inputs (files, directories, `-` for stdin) into the one input shape. Each document
// is parsed on its own, so one malformed document never hides the others.
import { readFileSync, readSync, readdirSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import * as yaml from 'js-yaml'
import { parseDocument } from 'yaml'
import type { InputError, Progress, Sourced } from '../model/input.js'
import { isObject, typeName } from '../model/workloads.js'

const MAX_BYTES = 256 * 1024 * 1024
/** Nodes a document may expand to through YAML aliases: a 1 KB alias bomb expands to billions. */
const MAX_EXPANDED_NODES = 1_000_000
const MANIFEST = new Set(['.yaml', '.yml', '.json'])
export const STDIN = '-'

export interface ReadResult {
  objects: Sourced[]
  errors: InputError[]
  /** Advice for inputs that should be given another way (a kustomize directory, a Helm chart). */
  hints: string[]
  files: number
}

/**
 * A directory rendered by a tool before it is applied (issue #14): a kustomization (its
 * kustomization file is no manifest; -k renders it) or a Helm chart (Go templates: nothing is read).
 */
function renderedDirectory(dir: string, names: string[]): { hint: string; skip: (name: string) => boolean } | undefined {
  const kustomization = names.find((n) => /^(kustomization\.ya?ml|Kustomization)$/.test(n))
  if (kustomization) return { hint: `${dir} is a kustomize directory: check what it renders with -k ${dir} (${kustomization} is not read as a manifest)`, skip: (n) => n === kustomization }
  if (names.includes('Chart.yaml')) return { hint: `${dir} is a Helm chart: check what it renders: helm template <release> ${dir} | kubectl istiocni check -f -`, skip: () => true }
  return undefined
}

/**
 * Files named on the command line, with directories expanded in sorted order: their top level only,
 * every level with -R (kubectl's --recursive). A kustomize or Helm directory gets a hint instead.
 */
function expand(path: string, errors: InputError[], hints: string[], recursive: boolean, top = true): string[] {
  if (path === STDIN) return [path]
  let st
  try {
    st = statSync(path)
  } catch (e) {
    errors.push({ source: path, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message })
    return []
  }
  if (!st.isDirectory()) return top || MANIFEST.has(extname(path).toLowerCase()) ? [path] : []
  if (!top && !recursive) return []
  const names = readdirSync(path).sort()
  const rendered = renderedDirectory(path, names)
  if (rendered) hints.push(rendered.hint)
  return names.filter((name) => !rendered?.skip(name)).flatMap((name) => expand(join(path, name), errors, hints, recursive, false))
}

// `\r?`: a CRLF file has the same documents. Tried only where `---` starts a line (sticky, at a
// position indexOf found): a multiline regex run over a whole stream tests every line of it.
const SEPARATOR = /---(?:[ \t][^\r\n]*)?\r?$/my
/** Where `^` of a multiline regex matches: the start, or after a line terminator. */
const LINE_START = new Set(['\n', '\r', '\u2028', '\u2029'])

export interface DocumentText { text: string; line: number; start: number }

/** Splits a YAML stream into documents with the 1-based line and the offset each starts at. */
export function splitDocuments(text: string): DocumentText[] {
  const docs: DocumentText[] = []
  let start = 0
  let line = 1
  for (let at = text.indexOf('---'); at !== -1; at = text.indexOf('---', at + 1)) {
    if (at > 0 && !LINE_START.has(text[at - 1]!)) continue
    SEPARATOR.lastIndex = at
    const m = SEPARATOR.exec(text)
    if (!m) continue
    docs.push({ text: text.slice(start, at), line, start })
    // The next document starts on the line after the separator.
    const end = Math.min(at + m[0].length + 1, text.length)
    line += countLines(text, start, end)
    start = end
    at = end - 1
  }
  docs.push({ text: text.slice(start), line, start })
  // A stream that starts with `---` has an empty first document: not a document at all.
  return docs.filter((d, i) => i > 0 || d.text.trim() !== '' || docs.length === 1)
}

function countLines(text: string, from: number, to: number): number {
  let n = 0
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++
  return n
}

const tooLarge = (bytes: number) => `file is ${Math.round(bytes / 1048576)} MiB, over the ${MAX_BYTES / 1048576} MiB limit`

function decode(buf: Buffer, name: string): string | InputError {
  if (buf.length > MAX_BYTES) return { source: name, message: tooLarge(buf.length) }
  if (buf.subarray(0, 8192).includes(0)) return { source: name, message: 'not a text file (binary data)' }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf)
  } catch {
    return { source: name, message: 'not valid UTF-8 text' }
  }
}

/** Objects of one parsed document: a `List` contributes its items (ref issue #3). */
function objectsOf(value: unknown, source: string, line: number, errors: InputError[]): Sourced[] {
  if (value === null || value === undefined) return []
  if (!isObject(value)) {
    errors.push({ source, message: `document is ${typeName(value)}, not a Kubernetes object` })
    return []
  }
  if (typeof value.kind !== 'string' || !value.kind) {
    errors.push({ source, message: `object has no kind${value.metadata?.name ? ` (metadata.name ${value.metadata.name})` : ''}` })
    return []
  }
  if (value.kind === 'List' || (value.kind.endsWith('List') && Array.isArray(value.items))) {
    if (!Array.isArray(value.items)) {
      errors.push({ source, message: `${value.kind} has no items list` })
      return []
    }
    return value.items.flatMap((item, i) => objectsOf(item, `${source}/items/${i}`, line, errors))
  }
  return [{ object: value, source, line }]
}

/** Nodes of a value with its aliases expanded, counted once per shared node; stops past `limit`. */
function expandedSize(value: unknown, limit: number): number {
  const memo = new Map<object, number>()
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1
    const known = memo.get(v)
    if (known !== undefined) return known
    memo.set(v, 1)
    let n = 1
    for (const c of Array.isArray(v) ? v : Object.values(v)) {
      n += size(c)
      if (n > limit) break
    }
    memo.set(v, n)
    return n
  }
  return size(value)
}

/**
 * Kinds no rule reads and no pod is owned by (ref: every `kind` test under src/classify and
 * src/model; owner chains may end in any other kind, custom resources included). A document of
 * one of these kinds, found by a peek at its top-level `kind:` line, is only checked for YAML
 * syntax (so a malformed one is still reported), never built into an object.
 */
export const UNREAD_KINDS = new Set([
  'Service', 'Endpoints', 'EndpointSlice', 'Ingress', 'IngressClass', 'NetworkPolicy',
  // ServiceAccounts and RBAC are read: evidence for programs the core does not know (classify/identity.ts).
  'Secret',
  'PersistentVolume', 'PersistentVolumeClaim', 'StorageClass', 'PriorityClass', 'LimitRange',
  'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'CustomResourceDefinition', 'ValidatingWebhookConfiguration',
  'VirtualService', 'DestinationRule', 'ServiceEntry', 'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication',
])

const KIND_LINE = /^kind:[ \t]*(["']?)([A-Za-z][A-Za-z0-9]*)\1[ \t]*(?:#.*)?$/gm

const API_VERSION_LINE = /^apiVersion:[ \t]*(["']?)([\w.-]+\/)?[\w.-]+\1[ \t]*(?:#.*)?$/m

/**
 * The document is of a kind no rule reads: exactly one top-level `kind:` line naming one, under a
 * Kubernetes or Istio API group (Knative's `Service` in serving.knative.dev is a workload).
 */
function unreadKind(text: string): boolean {
  KIND_LINE.lastIndex = 0
  const first = KIND_LINE.exec(text)
  if (!first || !UNREAD_KINDS.has(first[2]!)) return false
  const group = API_VERSION_LINE.exec(text)?.[2]?.slice(0, -1) ?? ''
  if (group.includes('.') && !group.endsWith('.k8s.io') && !group.endsWith('.istio.io')) return false
  // A second top-level `kind:` is a duplicate key: load the document, which reports it.
  return KIND_LINE.exec(text) === null
}

/** JSON text (a `kubectl get -o json` on stdin, a .json file): the whole text, else undefined. */
function parseJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The objects of a manifest stream, appended to `out` (a spread of a large array overflows the stack). */
export function parseManifests(text: string, name: string, errors: InputError[], out: Sourced[] = [], progress?: Progress): Sourced[] {
  const json = name.endsWith('.json')
  // JSON.parse is several times faster than a YAML parser on the same text; YAML that is not
  // JSON (or JSON js-yaml would read differently: more than one document) falls through.
  const asJson = json ? undefined : parseJson(text)
  if (asJson !== undefined) return append(out, objectsOf(asJson, `${name}:1`, 1, errors))
  const docs = json ? [{ text, line: 1, start: 0 }] : splitDocuments(text)
  let read = 0
  for (const doc of docs) {
    progress?.(() => `Reading ${name}: ${read.toLocaleString('en')} of ${docs.length.toLocaleString('en')} documents`)
    read++
    // file:line of the document's first line (issue #14), as an editor or SARIF points at it.
    const source = `${name}:${doc.line}`
    // Blank and comment-only documents are not documents (js-yaml 5 rejects them).
    if (!/^[ \t]*[^#\s]/m.test(doc.text)) continue
    let value: unknown
    try {
      if (json) value = JSON.parse(doc.text)
      else if (unreadKind(doc.text)) { yaml.parseEvents(doc.text, { filename: name }); continue }
      else value = yaml.load(doc.text, { filename: name })
    } catch (e) {
      // js-yaml is stricter than Kubernetes' own parser in a few places (a flow sequence closed at
      // its key's indentation, as some charts render): the slower \`yaml\` parser gets a second look.
      const reread = json ? undefined : reindented(doc.text, e, name)
      const lenient = json || reread !== undefined ? undefined : parseDocument(doc.text)
      if (reread !== undefined) value = reread.value
      else if (lenient && !lenient.errors.length) value = lenient.toJS()
      else {
        const err = e as { reason?: string; mark?: { line: number }; message: string }
        const where = err.mark ? ` at line ${doc.line + err.mark.line}` : ''
        errors.push({ source, message: `malformed ${json ? 'JSON' : 'YAML'}${where}: ${err.reason ?? err.message.split('\n')[0]}` })
        continue
      }
    }
    // Aliases are shared, not copied, until something serializes the object (fix, -o json). An
    // alias needs an anchor in its document: without `&`, there is nothing to expand.
    if (doc.text.includes('*') && doc.text.includes('&') && expandedSize(value, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
      errors.push({ source, message: `document expands its YAML aliases to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes (an alias bomb?)` })
      continue
    }
    append(out, objectsOf(value, source, doc.line, errors))
  }
  return out
}

type YamlError = { reason?: string; mark?: { line: number } }

/** Parses tried before giving up on one document's under-indented lines. */
const MAX_REINDENT_TRIES = 400

/**
 * A quoted scalar or flow collection whose continuation lines sit left of its key (Helm renders
 * `- 'until nc -z db 5432; do\n  sleep 1; done'` that way from some charts): js-yaml rejects it as
 * "deficient indentation", Kubernetes' go-yaml reads it. js-yaml raises that error only inside flow
 * context, where a continuation line's leading spaces are folded away (YAML 1.2, "flow scalar line folding"), so indenting
 * the line it names changes no value. Undefined when the error is another one.
 */
function reindented(text: string, first: unknown, name: string): { text: string; value: unknown } | undefined {
  let err = first as YamlError
  let lines: string[] | undefined
  let pad = 2
  for (let tries = 0; tries < MAX_REINDENT_TRIES && err.reason === 'deficient indentation' && err.mark; tries++) {
    lines ??= text.split('\n')
    const at = err.mark.line
    const before = lines[at]!
    lines[at] = ' '.repeat(pad) + before
    try {
      const fixed = lines.join('\n')
      return { text: fixed, value: yaml.load(fixed, { filename: name }) }
    } catch (e) {
      err = e as YamlError
      // The same line still too far left: indent it further; the next line starts from this depth.
      if (err.mark?.line === at) { lines[at] = before; pad += 2 }
    }
  }
  return undefined
}

/**
 * A document's text as the reader read it: reindented where js-yaml needed it (see `reindented`), so
 * that a rewrite (fix) parses the same text; the text itself when it reads as it is.
 */
export function readableText(text: string): string {
  try {
    yaml.load(text)
    return text
  } catch (e) {
    return reindented(text, e, '')?.text ?? text
  }
}

function append<T>(to: T[], items: readonly T[]): T[] {
  for (const item of items) to.push(item)
  return to
}

let stdinCache: string | undefined

/** The text read from stdin, for commands that rewrite what they read (stdin is read once). */
export const stdinText = () => stdinCache ?? ''

/** Text of a file the reader read, for a rewrite: stdin was read once already. */
export const readAgain = (file: string) => (file === STDIN ? stdinText() : readFileSync(file, 'utf8'))

function readStdin(): Buffer {
  const chunks: Buffer[] = []
  const chunk = Buffer.allocUnsafe(1 << 20)
  for (;;) {
    let n: number
    try {
      n = readSync(0, chunk, 0, chunk.length, null)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      // A non-blocking pipe whose writer is still working: wait for it. Reading that as empty input
      // would report "no workloads" with exit 0, an all-clear for input never seen.
      // The reader is synchronous: sleep the thread 5 ms (only here, never on the start-up path).
      if (code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); continue }
      if (code === 'EOF') break
      throw e
    }
    if (n === 0) break
    chunks.push(Buffer.from(chunk.subarray(0, n)))
  }
  return Buffer.concat(chunks)
}

export function readFiles(paths: string[], o: { recursive?: boolean; progress?: Progress } = {}): ReadResult {
  const errors: InputError[] = []
  const hints: string[] = []
  const objects: Sourced[] = []
  const files = paths.flatMap((p) => expand(p, errors, hints, o.recursive === true))
  for (const file of files) {
    const name = file === STDIN ? '<stdin>' : file
    let buf: Buffer
    try {
      const size = file === STDIN ? 0 : statSync(file).size
      if (size > MAX_BYTES) { errors.push({ source: name, message: tooLarge(size) }); continue }
      buf = file === STDIN ? readStdin() : readFileSync(file)
    } catch (e) {
      errors.push({ source: name, message: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message })
      continue
    }
    const text = decode(buf, name)
    if (typeof text !== 'string') { errors.push(text); continue }
    if (file === STDIN) stdinCache = text
    // As kubectl: nothing on stdin is an error, so `helm template … | check -f -` after a failed render is not an all-clear.
    if (file === STDIN && !text.trim()) { errors.push({ source: name, message: 'no objects passed on stdin' }); continue }
    parseManifests(text, name, errors, objects, o.progress)
  }
  return { objects, errors, hints, files: files.length }
}
