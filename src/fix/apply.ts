// One edit model, three ways to apply it: to a plain object (for diffs and checks), as a
// strategic-merge patch (cluster PATCH, `-o patch` for kustomize), and to a YAML document
// (rewriting a file in place, keeping comments and key order).
import { parseDocument, type Document } from 'yaml'
import { diffArrays } from 'diff'
import type { KObject } from '../model/k8s.js'
import { templatePath } from '../model/workloads.js'
import type { Edit } from './plan.js'

/** Where an edit lands, relative to the object. */
function editPath(kind: string, obj: KObject, e: Edit): (string | number)[] {
  const t = templatePath(kind)
  if (e.kind === 'annotation') return [...t, 'metadata', 'annotations', e.key]
  let holder: any = obj
  for (const k of t) holder = holder?.[k]
  const index = (holder?.spec?.initContainers ?? []).findIndex((c: { name?: string }) => c?.name === e.container)
  return [...t, 'spec', 'initContainers', index, 'securityContext', 'runAsUser']
}

const value = (e: Edit) => e.value

export function applyToObject(obj: KObject, edits: Edit[]): KObject {
  const out = JSON.parse(JSON.stringify(obj)) as KObject
  for (const e of edits) {
    const path = editPath(out.kind!, out, e)
    let cur: any = out
    for (const k of path.slice(0, -1)) cur = cur[k] ??= {}
    cur[path.at(-1)!] = value(e)
  }
  return out
}

/** A strategic-merge patch: init containers merge by name (kustomize and the API server both do). */
export function strategicPatch(obj: KObject, edits: Edit[], resourceVersion?: string): KObject {
  const t = templatePath(obj.kind!)
  const template: any = {}
  for (const e of edits) {
    if (e.kind === 'annotation') ((template.metadata ??= {}).annotations ??= {})[e.key] = e.value
    else {
      const list: any[] = ((template.spec ??= {}).initContainers ??= [])
      let c = list.find((x) => x.name === e.container)
      if (!c) list.push((c = { name: e.container }))
      ;(c.securityContext ??= {}).runAsUser = e.value
    }
  }
  const patch: any = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata?.name, ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}), ...(resourceVersion ? { resourceVersion } : {}) } }
  if (!t.length) {
    if (template.metadata) patch.metadata.annotations = template.metadata.annotations
    if (template.spec) patch.spec = template.spec
    return patch
  }
  let cur = patch
  for (const k of t.slice(0, -1)) cur = cur[k] = {}
  cur[t.at(-1)!] = template
  return patch
}

/** Applies edits to one YAML document's text; the rest of the text keeps its formatting and comments. */
export function applyToYaml(text: string, prefix: (string | number)[], obj: KObject, edits: Edit[]): string {
  const doc: Document = parseDocument(text, { keepSourceTokens: false })
  for (const e of edits) {
    const path = [...prefix, ...editPath(obj.kind!, obj, e)]
    // Missing maps (no annotations yet, no securityContext) are created empty first.
    for (let i = 1; i < path.length; i++) {
      const node = doc.getIn(path.slice(0, i), true)
      if (node === undefined || node === null) doc.setIn(path.slice(0, i), doc.createNode({}))
    }
    doc.setIn(path, e.kind === 'annotation' ? doc.createNode(e.value) : e.value)
    if (e.kind === 'annotation') {
      const scalar = doc.getIn(path, true) as { type?: string } | undefined
      if (scalar) scalar.type = 'QUOTE_DOUBLE'
    }
  }
  return keepOriginalLines(text, doc.toString({ lineWidth: 0, ...styleOf(text) }))
}

/** Lines that differ only in spacing (the serializer's, not the change's) keep their original bytes. */
function keepOriginalLines(before: string, after: string): string {
  const norm = (l: string) => l.replace(/\s+#/, ' #').replace(/\s+/g, ' ').replace(/([[{]) | ([\]}])/g, '$1$2').trimEnd()
  const a = before.split('\n')
  const b = after.split('\n')
  const out: string[] = []
  let i = 0
  for (const part of diffArrays(a, b, { comparator: (x, y) => norm(x) === norm(y) })) {
    const n = part.count ?? part.value.length
    if (part.removed) { i += n; continue }
    if (part.added) { out.push(...part.value); continue }
    out.push(...a.slice(i, i + n))
    i += n
  }
  return out.join('\n')
}

/** The file's own style, so re-serialized lines look like the ones around them. */
function styleOf(text: string): { indentSeq: boolean; flowCollectionPadding: boolean; indent: number } {
  // `key:\n- item` at the key's indentation: sequences are not indented (kubectl's style).
  const seq = /^( *)[\w.\/-]+:[ \t]*\n( *)- /m.exec(text)
  const indent = /^( +)\S/m.exec(text)?.[1]?.length ?? 2
  return { indentSeq: seq ? seq[2]!.length > seq[1]!.length : true, flowCollectionPadding: /[{[] \S/.test(text), indent }
}
