// One edit model, three ways to apply it: to a plain object (for diffs and checks), as a
// strategic-merge patch (cluster PATCH, `-o patch` for kustomize), and to a YAML document
// (rewriting a file in place, keeping comments and key order).
import { parseDocument, type Document } from 'yaml'
import { spliceAll, spliceYaml } from './splice.js'
import type { KObject } from '../model/k8s.js'
import { templatePath } from '../model/kinds.js'
import type { Edit } from '../model/edit.js'

/** Where an edit lands, relative to the object. */
function editPath(obj: KObject, e: Edit): (string | number)[] {
  const t = templatePath(obj)
  if (e.kind === 'annotation') return [...t, 'metadata', 'annotations', e.key]
  let holder: any = obj
  for (const k of t) holder = holder?.[k]
  const index = (holder?.spec?.initContainers ?? []).findIndex((c: { name?: string }) => c?.name === e.container)
  return [...t, 'spec', 'initContainers', index, 'securityContext', 'runAsUser']
}

/** `o` with `path` set to `value`: a copy of the objects along the path, the rest shared. */
function setIn(o: any, path: (string | number)[], value: unknown): any {
  const [k, ...rest] = path
  const copy = Array.isArray(o) ? [...o] : { ...(o ?? {}) }
  copy[k!] = rest.length ? setIn(o?.[k!], rest, value) : value
  return copy
}

/**
 * The object after the edits. What they do not change is shared with `obj`, never copied: the
 * result is read (diffs, judged again: judge.ts keeps the analyses of what is shared), not changed.
 */
export function applyToObject(obj: KObject, edits: Edit[]): KObject {
  return edits.reduce((out, e) => setIn(out, editPath(out, e), e.value), obj)
}

/** A strategic-merge patch: init containers merge by name (kustomize and the API server both do). */
export function strategicPatch(obj: KObject, edits: Edit[], resourceVersion?: string): KObject {
  const t = templatePath(obj)
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

/** Edits of one object, which sits at `prefix` in its document (`items`, i, … in a List). */
export interface ObjectEdits { prefix: (string | number)[]; obj: KObject; edits: Edit[] }

/**
 * Applies edits to one YAML document's text. Each edit is spliced in at its place (splice.ts),
 * all from one parse when they are independent; only a document shaped in a way the splice does
 * not handle is re-serialized by `yaml`, which keeps comments and key order but not every spacing
 * choice.
 */
export function applyToYaml(text: string, objects: ObjectEdits[]): string {
  const edits = objects.flatMap((o) => o.edits.map((e) => ({ path: [...o.prefix, ...editPath(o.obj, e)], value: e.value })))
  return spliceAll(text, edits) ?? edits.reduce((out, e) => spliceYaml(out, e.path, e.value) ?? reserialize(out, e.path, e.value), text)
}

function reserialize(text: string, path: (string | number)[], value: string | number): string {
  const doc: Document = parseDocument(text)
  for (let i = 1; i < path.length; i++) if (doc.getIn(path.slice(0, i), true) == null) doc.setIn(path.slice(0, i), doc.createNode({}))
  doc.setIn(path, value)
  if (typeof value === 'string') (doc.getIn(path, true) as { type?: string }).type = 'QUOTE_DOUBLE'
  return doc.toString({ lineWidth: 0 })
}
