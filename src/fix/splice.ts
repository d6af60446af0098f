// Text-level YAML edits: find the place with the `yaml` parser's source ranges, then splice
// text in at the siblings' indentation. Every byte outside the edit stays as it was, whatever
// mix of styles the file has (Helm output often indents one sequence and not the next).
// A parse of a whole workload costs more than judging it (issue #14): `yaml` parses only the lines
// that hold an edit (narrow.ts), once for all the edits of a document when they are independent.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml'
import { documentEvents, narrow } from './narrow.js'

type Key = string | number
type Value = string | number

/** `text` in place of [from, to); `reads`: the span of the document the change was computed from. */
interface Splice { from: number; to: number; text: string; reads: readonly [number, number] }

const render = (v: Value) => (typeof v === 'number' ? String(v) : JSON.stringify(v))

/** `a: {b: v}` for the keys still missing below a flow map. */
const flow = (keys: string[], v: Value): string => (keys.length === 1 ? `${keys[0]}: ${render(v)}` : `${keys[0]}: {${flow(keys.slice(1), v)}}`)

/** Block lines for the keys still missing below a block map, starting at `indent`. */
function block(keys: string[], v: Value, indent: number, step: number): string {
  return keys.map((k, i) => `${' '.repeat(indent + i * step)}${k}:${i === keys.length - 1 ? ` ${render(v)}` : ''}`).join('\n')
}

const column = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1)

/** End of the last line that has content before `offset`. */
function endOfContent(text: string, offset: number): number {
  let p = offset
  while (p > 0 && /\s/.test(text[p - 1]!)) p--
  const nl = text.indexOf('\n', p)
  return nl < 0 ? text.length : nl
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1

/** The indentation step the file uses (2 when it cannot tell), and where the text it was read from ends. */
function step(text: string): { step: number; readTo: number } {
  const m = /^( *)\S.*:\s*\n( +)\S/m.exec(text)
  return { step: m && m[2]!.length > m[1]!.length ? m[2]!.length - m[1]!.length : 2, readTo: m ? m.index + m[0].length : Infinity }
}

/** Source ranges of a parse of the text from `base` on. */
interface Parsed { doc: Document.Parsed; base: number }
const range = (p: Parsed, n: Node) => n.range!.map((x) => x + p.base) as [number, number, number]

/**
 * The splice that sets `path` to `value` in `text`, from a parse of it (or of the part that holds
 * the path, `path` then starting there); undefined when it is not shaped for one.
 */
function spliceAt(p: Parsed, text: string, path: Key[], value: Value, indent: number): Splice | undefined {
  let node = p.doc.contents as Node | null
  let i = 0
  for (; i < path.length; i++) {
    const k = path[i]!
    if (typeof k === 'number') {
      if (!isSeq(node) || !node.items[k]) return undefined
      node = node.items[k] as Node
      continue
    }
    if (!isMap(node)) return undefined
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === k) as Pair<Node, Node | null> | undefined
    if (!pair) break
    const v = pair.value
    if (i === path.length - 1) {
      if (!isScalar(v) || !v.range) return undefined
      const [from, to] = range(p, v)
      return { from, to, text: render(value), reads: [from, to] }
    }
    // `annotations:` with nothing under it: the rest goes on the lines below its key.
    if (v === null || (isScalar(v) && v.value === null)) {
      const keyRange = range(p, pair.key as Node)
      const at = endOfContent(text, keyRange[1] + 1)
      const rest = path.slice(i + 1)
      if (rest.some((x) => typeof x === 'number')) return undefined
      return { from: at, to: at, text: `\n${block(rest as string[], value, column(text, keyRange[0]) + indent, indent)}`, reads: [lineStart(text, keyRange[0]), at] }
    }
    node = v
  }
  const rest = path.slice(i)
  if (!isMap(node) || !node.range || rest.some((x) => typeof x === 'number')) return undefined
  const keys = rest as string[]
  const [start, end] = range(p, node)
  if (node.flow) {
    const close = text.lastIndexOf('}', end)
    if (close < 0) return undefined
    return { from: close, to: close, text: `${node.items.length ? ', ' : ''}${flow(keys, value)}`, reads: [Math.min(close, start), Math.max(close, end)] }
  }
  const first = node.items[0]?.key as Node | undefined
  if (!first?.range) return undefined
  const [key] = range(p, first)
  const at = endOfContent(text, end)
  return { from: at, to: at, text: `\n${block(keys, value, column(text, key), indent)}`, reads: [lineStart(text, Math.min(start, key)), Math.max(at, end)] }
}

const splice = (text: string, s: Splice) => text.slice(0, s.from) + s.text + text.slice(s.to)

/** Sets `path` to `value` in YAML text, or undefined when the text is not shaped for a splice. */
export function spliceYaml(text: string, path: Key[], value: Value): string | undefined {
  const doc = parseDocument(text)
  if (doc.errors.length) return undefined
  const s = spliceAt({ doc, base: 0 }, text, path, value, step(text).step)
  return s && splice(text, s)
}

/**
 * Sets every path of a document, each from a parse of the lines that hold it (the whole document
 * when they cannot be told), and puts the splices in back to front, so each one's offsets stay
 * valid. That is the text edit by edit would give (a parse after each) only when no splice
 * changes what another read: their spans are apart, and none comes before the lines the
 * indentation step is read from. Undefined otherwise, or when a path is not shaped for a splice.
 */
export function spliceAll(text: string, edits: { path: Key[]; value: Value }[]): string | undefined {
  let whole: Parsed | undefined | null
  const wholeDocument = () => { if (whole === undefined) { const doc = parseDocument(text); whole = doc.errors.length ? null : { doc, base: 0 } } return whole }
  const { step: indent, readTo } = step(text)
  const events = documentEvents(text)
  const splices: Splice[] = []
  for (const e of edits) {
    const part = events && narrow(text, events, e.path)
    const doc = part && parseDocument(part.text)
    const s = doc && !doc.errors.length ? spliceAt({ doc, base: part.start }, text, part.path, e.value, indent) : wholeDocument() && spliceAt(whole!, text, e.path, e.value, indent)
    if (!s) return undefined
    splices.push(s)
  }
  splices.sort((a, b) => b.reads[0] - a.reads[0])
  if (splices.length > 1 && splices.some((s, i) => s.from <= readTo || (i > 0 && s.reads[1] >= splices[i - 1]!.reads[0]))) return undefined
  return splices.reduce(splice, text)
}
