// Text-level YAML edits: find the place with the `yaml` parser's source ranges, then splice
// text in at the siblings' indentation. Every byte outside the edit stays as it was, whatever
// mix of styles the file has (Helm output often indents one sequence and not the next).
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml'

type Key = string | number
type Value = string | number

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

/** The indentation step the file uses (2 when it cannot tell). */
function step(text: string): number {
  const m = /^( *)\S.*:\s*\n( +)\S/m.exec(text)
  return m && m[2]!.length > m[1]!.length ? m[2]!.length - m[1]!.length : 2
}

/** Sets `path` to `value` in YAML text, or undefined when the text is not shaped for a splice. */
export function spliceYaml(text: string, path: Key[], value: Value): string | undefined {
  const doc = parseDocument(text)
  if (doc.errors.length) return undefined
  let node = doc.contents as Node | null
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
      return text.slice(0, v.range[0]) + render(value) + text.slice(v.range[1])
    }
    // `annotations:` with nothing under it: the rest goes on the lines below its key.
    if (v === null || (isScalar(v) && v.value === null)) {
      const keyRange = (pair.key as Node).range!
      const at = endOfContent(text, keyRange[1] + 1)
      const rest = path.slice(i + 1)
      if (rest.some((x) => typeof x === 'number')) return undefined
      return `${text.slice(0, at)}\n${block(rest as string[], value, column(text, keyRange[0]) + step(text), step(text))}${text.slice(at)}`
    }
    node = v
  }
  const rest = path.slice(i)
  if (!isMap(node) || !node.range || rest.some((x) => typeof x === 'number')) return undefined
  const keys = rest as string[]
  if (node.flow) {
    const close = text.lastIndexOf('}', node.range[1])
    if (close < 0) return undefined
    return `${text.slice(0, close)}${node.items.length ? ', ' : ''}${flow(keys, value)}${text.slice(close)}`
  }
  const first = node.items[0]?.key as Node | undefined
  if (!first?.range) return undefined
  const at = endOfContent(text, node.range[1])
  return `${text.slice(0, at)}\n${block(keys, value, column(text, first.range[0]), step(text))}${text.slice(at)}`
}
