// Rewrites manifests in place: only the documents a fix touches are re-serialized (by `yaml`,
// which keeps comments and key order); every other byte of the file stays as it was. JSON stays
// JSON (a single object or a List), CRLF line endings stay CRLF.
import type { KObject } from '../model/k8s.js'
import type { Progress } from '../model/input.js'
import { readableText, splitDocuments, STDIN } from '../cluster/files.js'
import { applyToObject, applyToYaml, type ObjectEdits } from './apply.js'
import type { Edit } from '../model/edit.js'

export interface DocumentChange {
  /** `file:line` or `file:line/items/i`, as the reader named the object (line: where its document starts). */
  source: string
  object: KObject
  edits: Edit[]
}

/** A file's text cut at document starts: the pieces' `before`s join to the old text, their `after`s to the new. */
export interface Piece { before: string; after: string }

/** `pieces`: the file cut at document starts, each piece as it was and as it is now (render/diff.ts). */
interface FileRewrite { file: string; before: string; after: string; pieces: Piece[] }

function parseSource(source: string): { file: string; line: number; items: number[] } {
  const m = /^(.*):(\d+)((?:\/items\/\d+)*)$/.exec(source)
  if (!m) throw new Error(`cannot locate ${source}`)
  return { file: m[1]!, line: Number(m[2]), items: [...m[3]!.matchAll(/\/items\/(\d+)/g)].map((x) => Number(x[1])) }
}

/** New text of every file the changes touch; `read` gives a file's text (fix/ never reads the disk itself). */
export function rewrite(changes: DocumentChange[], read: (file: string) => string, progress?: Progress): FileRewrite[] {
  const byFile = new Map<string, DocumentChange[]>()
  for (const c of changes) {
    const { file } = parseSource(c.source)
    const list = byFile.get(file)
    if (list) list.push(c)
    else byFile.set(file, [c])
  }
  const out: FileRewrite[] = []
  for (const [file, list] of byFile) {
    const before = read(file === '<stdin>' ? STDIN : file)
    const json = rewriteJson(file, before, list)
    if (json !== undefined) {
      out.push({ file, before, after: json, pieces: [{ before, after: json }] })
      continue
    }
    // Lines are edited as LF, then put back as CRLF when every line of the file ended so.
    const crlf = before.includes('\r\n') && !/(^|[^\r])\n/.test(before)
    const text = crlf ? before.replace(/\r\n/g, '\n') : before
    const docs = splitDocuments(text)
    const byLine = new Map(docs.map((d, i) => [d.line, i]))
    // A document's edits (a List's items have one change each) are applied together: one parse.
    const edits = new Map<number, ObjectEdits[]>()
    for (const c of list) {
      const { line, items } = parseSource(c.source)
      const doc = byLine.get(line)
      if (doc === undefined) throw new Error(`cannot locate ${c.source}`)
      const objects = edits.get(doc) ?? edits.set(doc, []).get(doc)!
      objects.push({ prefix: items.flatMap((i) => ['items', i]), obj: c.object, edits: c.edits })
    }
    const replaced = new Map<number, string>()
    let n = 0
    for (const [doc, objects] of edits) {
      progress?.(() => `Rewriting ${file}: ${n.toLocaleString('en')} of ${edits.size.toLocaleString('en')} documents`)
      n++
      replaced.set(doc, applyToYamlAsRead(docs[doc]!.text, objects))
    }
    const lines = (t: string) => (crlf ? t.replace(/\n/g, '\r\n') : t)
    const head = text.slice(0, docs[0]?.start ?? 0)
    const pieces: Piece[] = [{ before: lines(head), after: lines(head) }]
    docs.forEach((d, i) => {
      const end = i + 1 < docs.length ? docs[i + 1]!.start : text.length
      const original = lines(text.slice(d.start, end))
      const changed = replaced.get(i)
      // Keep the separator that follows the document text exactly as it was.
      pieces.push({ before: original, after: changed === undefined ? original : lines(changed.replace(/\n?$/, '\n') + text.slice(d.start + d.text.length, end)) })
    })
    out.push({ file, before, after: pieces.map((p) => p.after).join(''), pieces })
  }
  return out
}

/**
 * `applyToYaml`, and for a document the `yaml` library rejects where the reader reindented it (a
 * quoted scalar left of its key, as Helm renders some charts), the same on the reindented text: only
 * those continuation lines move, and the diff shows them.
 */
function applyToYamlAsRead(text: string, objects: ObjectEdits[]): string {
  try {
    return applyToYaml(text, objects)
  } catch (e) {
    const readable = readableText(text)
    if (readable === text) throw e
    return applyToYaml(readable, objects)
  }
}

/**
 * A JSON file (by name, or text that parses as JSON: `-f -` from kubectl get -o json) holds one
 * document, an object or a List: it is written back as JSON with its indentation (compact stays
 * compact). Undefined for YAML.
 */
function rewriteJson(file: string, before: string, list: DocumentChange[]): string | undefined {
  if (!file.endsWith('.json') && !/^\s*[{[]/.test(before)) return undefined
  let value: any
  try { value = JSON.parse(before) } catch { return undefined }
  const indent = /\n([ \t]+)"/.exec(before)?.[1]
  const newline = /\r?\n$/.exec(before)?.[0] ?? ''
  const text = (v: unknown) => `${JSON.stringify(v, null, indent)}${newline}`.replace(/\n/g, newline === '\r\n' ? '\r\n' : '\n')
  for (const c of list) {
    const { items } = parseSource(c.source)
    const edited = applyToObject(c.object, c.edits)
    if (!items.length) return text(edited)
    let holder = value
    for (const i of items.slice(0, -1)) holder = holder.items[i]
    holder.items[items.at(-1)!] = edited
  }
  return text(value)
}
