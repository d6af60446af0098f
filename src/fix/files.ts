// Rewrites manifests in place: only the documents a fix touches are re-serialized (by `yaml`,
// which keeps comments and key order); every other byte of the file stays as it was.
import { readFileSync } from 'node:fs'
import type { KObject } from '../model/k8s.js'
import { splitDocuments, STDIN, stdinText } from '../cluster/files.js'
import { applyToYaml } from './apply.js'
import type { Edit } from './plan.js'

export interface DocumentChange {
  /** `file:doc` or `file:doc/items/i`, as the reader named the object. */
  source: string
  object: KObject
  edits: Edit[]
}

export interface FileRewrite { file: string; before: string; after: string }

function parseSource(source: string): { file: string; doc: number; items: number[] } {
  const m = /^(.*):(\d+)((?:\/items\/\d+)*)$/.exec(source)
  if (!m) throw new Error(`cannot locate ${source}`)
  return { file: m[1]!, doc: Number(m[2]), items: [...m[3]!.matchAll(/\/items\/(\d+)/g)].map((x) => Number(x[1])) }
}

/** Text of a file the reader read: stdin was read once already. */
const readAgain = (file: string) => (file === STDIN ? stdinText() : readFileSync(file, 'utf8'))

/** New text of every file the changes touch. */
export function rewrite(changes: DocumentChange[], read: (file: string) => string = readAgain): FileRewrite[] {
  const byFile = new Map<string, DocumentChange[]>()
  for (const c of changes) {
    const { file } = parseSource(c.source)
    byFile.set(file, [...(byFile.get(file) ?? []), c])
  }
  const out: FileRewrite[] = []
  for (const [file, list] of byFile) {
    const before = read(file === '<stdin>' ? STDIN : file)
    if (file.endsWith('.json')) {
      out.push({ file, before, after: rewriteJson(before, list) })
      continue
    }
    const docs = splitDocuments(before)
    const replaced = new Map<number, string>()
    for (const c of list) {
      const { doc, items } = parseSource(c.source)
      const text = replaced.get(doc) ?? docs[doc]!.text
      const prefix = items.flatMap((i) => ['items', i])
      replaced.set(doc, applyToYaml(text, prefix, c.object, c.edits))
    }
    let after = before.slice(0, docs[0]?.start ?? 0)
    docs.forEach((d, i) => {
      const end = i + 1 < docs.length ? docs[i + 1]!.start : before.length
      const original = before.slice(d.start, end)
      const changed = replaced.get(i)
      // Keep the separator that follows the document text exactly as it was.
      after += changed === undefined ? original : changed.replace(/\n?$/, '\n') + original.slice(d.text.length)
    })
    out.push({ file, before, after })
  }
  return out
}

function rewriteJson(before: string, list: DocumentChange[]): string {
  const indent = /\n(\s+)"/.exec(before)?.[1]?.length ?? 2
  // A JSON file holds one document; the objects given are already edited copies.
  const value = JSON.parse(before)
  for (const c of list) {
    const { items } = parseSource(c.source)
    if (!items.length) return `${JSON.stringify(c.object, null, indent)}\n`
    let holder = value
    for (const i of items.slice(0, -1)) holder = holder.items[i]
    holder.items[items.at(-1)!] = c.object
  }
  return `${JSON.stringify(value, null, indent)}\n`
}
