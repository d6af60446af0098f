// `check -o jsonpath=TEMPLATE` (issue #14): the part of kubectl's JSONPath people use, over the
// JSON result (`{.workloads[*].name}`). Supported: literal text; `{…}` expressions made of
// `.field`, `['field']`, `[n]` (negative from the end), `[*]`, `..field` (recursive descent);
// `{range EXPR}…{end}`; quoted literals such as `{"\n"}`. Several matches of one expression print
// space-separated; objects and lists print as JSON. Not supported: filters `[?()]`, slices `[a:b]`, unions.

type Step = { field: string } | { index: number } | { all: true } | { descend: string }
type Node = { text: string } | { path: Step[] } | { range: Step[]; body: Node[] }

export class JsonPathError extends Error {}

function parsePath(expr: string): Step[] {
  const steps: Step[] = []
  let s = expr.trim()
  if (s.startsWith('$')) s = s.slice(1)
  while (s) {
    let m: RegExpExecArray | null
    if ((m = /^\.\.([\w-]+)/.exec(s))) steps.push({ descend: m[1]! })
    else if ((m = /^\.([\w-]+)/.exec(s))) steps.push({ field: m[1]! })
    else if ((m = /^\[\*\]/.exec(s)) || (m = /^\.\*/.exec(s))) steps.push({ all: true })
    else if ((m = /^\[(-?\d+)\]/.exec(s))) steps.push({ index: Number(m[1]) })
    else if ((m = /^\[['"]([^'"]*)['"]\]/.exec(s))) steps.push({ field: m[1]! })
    else if (s === '.') m = /^\./.exec(s)
    else throw new JsonPathError(`unsupported JSONPath at "${s}" in {${expr}} (supported: .field, ['field'], [n], [*], ..field, range/end)`)
    s = s.slice(m![0].length)
  }
  return steps
}

/** Splits a template into literal text and `{…}` expressions, nesting range … end. */
function parseTemplate(template: string): Node[] {
  const root: Node[] = []
  const stack: Node[][] = [root]
  const re = /\{((?:"(?:[^"\\]|\\.)*"|[^}])*)\}/g
  let last = 0
  for (const m of template.matchAll(re)) {
    const top = stack.at(-1)!
    if (m.index! > last) top.push({ text: template.slice(last, m.index) })
    last = m.index! + m[0].length
    const body = m[1]!.trim()
    if (/^"(.*)"$/s.test(body)) top.push({ text: JSON.parse(body) as string })
    else if (body.startsWith('range ')) {
      const node: Node = { range: parsePath(body.slice(6)), body: [] }
      top.push(node)
      stack.push(node.body)
    } else if (body === 'end') {
      if (stack.length === 1) throw new JsonPathError('{end} without {range}')
      stack.pop()
    } else top.push({ path: parsePath(body) })
  }
  if (stack.length > 1) throw new JsonPathError('{range} without {end}')
  if (last < template.length) root.push({ text: template.slice(last) })
  return root
}

function descend(v: unknown, field: string, out: unknown[]): void {
  if (Array.isArray(v)) for (const x of v) descend(x, field, out)
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === field) out.push(x)
      descend(x, field, out)
    }
  }
}

function evaluate(steps: Step[], root: unknown): unknown[] {
  let cur: unknown[] = [root]
  for (const step of steps) {
    const next: unknown[] = []
    for (const v of cur) {
      if ('field' in step) { if (v && typeof v === 'object' && !Array.isArray(v) && step.field in v) next.push((v as Record<string, unknown>)[step.field]) }
      else if ('index' in step) { if (Array.isArray(v)) { const x = v.at(step.index); if (x !== undefined) next.push(x) } }
      // A loop, not push(...v): a spread of 100k+ rows overflows the stack.
      else if ('all' in step) { for (const x of Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []) next.push(x) }
      else descend(v, step.descend, next)
    }
    cur = next
  }
  return cur
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

function render(nodes: Node[], data: unknown): string {
  return nodes.map((n) => {
    if ('text' in n) return n.text
    if ('path' in n) return evaluate(n.path, data).map(show).join(' ')
    return evaluate(n.range, data).map((item) => render(n.body, item)).join('')
  }).join('')
}

/** Renders `template` (the text after `jsonpath=`) over `data`, with no newline added (as kubectl); a malformed template throws JsonPathError. */
export function renderJsonPath(template: string, data: unknown): string {
  return render(parseTemplate(template), JSON.parse(JSON.stringify(data)))
}

/**
 * One expression in kubectl's relaxed form (custom-columns: `.a.b`, `a.b`, `{.a.b}`), compiled:
 * the strings it selects in an object. A malformed expression throws JsonPathError at once.
 */
export function compileJsonPath(expr: string): (data: unknown) => string[] {
  const inner = expr.trim().replace(/^\{(.*)\}$/s, '$1').trim()
  if (!inner) throw new JsonPathError('empty JSONPath expression')
  const steps = parsePath(/^[.$[]/.test(inner) ? inner : `.${inner}`)
  return (data) => evaluate(steps, data).map(show)
}
