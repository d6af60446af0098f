// Reads `-f` inputs (files, directories, `-` for stdin) into the one input shape. Each document
// is parsed on its own, so one malformed document never hides the others.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import * as yaml from 'js-yaml'
import { parseDocument } from 'yaml'
import type { InputError, Sourced } from '../model/input.js'
import { isObject, typeName } from '../model/workloads.js'

const MAX_BYTES = 256 * 1024 * 1024
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

const SEPARATOR = /^---(?:[ \t].*)?$/gm

export interface DocumentText { text: string; line: number; start: number }

/** Splits a YAML stream into documents with the 1-based line and the offset each starts at. */
export function splitDocuments(text: string): DocumentText[] {
  const docs: DocumentText[] = []
  let start = 0
  let line = 1
  for (const m of text.matchAll(SEPARATOR)) {
    docs.push({ text: text.slice(start, m.index), line, start })
    // The next document starts on the line after the separator.
    const end = Math.min(m.index! + m[0].length + 1, text.length)
    line += countLines(text, start, end)
    start = end
  }
  docs.push({ text: text.slice(start), line, start })
  // A stream that starts with `---` has an empty first document: not a document at all.
  return docs.filter((d, i) => i > 0 || d.text.trim() !== '' || docs.length === 1)
}

function countLines(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++
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

export function parseManifests(text: string, name: string, errors: InputError[]): Sourced[] {
  const out: Sourced[] = []
  const json = name.endsWith('.json')
  const docs = json ? [{ text, line: 1, start: 0 }] : splitDocuments(text)
  docs.forEach((doc, i) => {
    const source = `${name}:${i}`
    // Blank and comment-only documents are not documents (js-yaml 5 rejects them).
    if (!/^[ \t]*[^#\s]/m.test(doc.text)) return
    let value: unknown
    try {
      value = json ? JSON.parse(doc.text) : yaml.load(doc.text, { filename: name })
    } catch (e) {
      // js-yaml is stricter than Kubernetes' own parser in a few places (a flow sequence closed at
      // its key's indentation, as some charts render): the slower \`yaml\` parser gets a second look.
      const lenient = json ? undefined : parseDocument(doc.text)
      if (lenient && !lenient.errors.length) value = lenient.toJS()
      else {
        const err = e as { reason?: string; mark?: { line: number }; message: string }
        const where = err.mark ? ` at line ${doc.line + err.mark.line}` : ''
        errors.push({ source, message: `malformed ${json ? 'JSON' : 'YAML'}${where}: ${err.reason ?? err.message.split('\n')[0]}` })
        return
      }
    }
    out.push(...objectsOf(value, source, doc.line, errors))
  })
  return out
}

let stdinCache: string | undefined

/** The text read from stdin, for commands that rewrite what they read (stdin is read once). */
export const stdinText = () => stdinCache ?? ''

function readStdin(): Buffer {
  try {
    return readFileSync(0)
  } catch (e) {
    // An empty or closed stdin reads as nothing.
    if ((e as NodeJS.ErrnoException).code === 'EAGAIN' || (e as NodeJS.ErrnoException).code === 'EOF') return Buffer.alloc(0)
    throw e
  }
}

export function readFiles(paths: string[], o: { recursive?: boolean } = {}): ReadResult {
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
    objects.push(...parseManifests(text, name, errors))
  }
  return { objects, errors, hints, files: files.length }
}
