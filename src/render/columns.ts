// `check -o custom-columns=HEADER:JSONPATH,…` and `-o custom-columns-file=FILE`, as kubectl prints
// them (k8s.io/cli-runtime pkg/printers/customcolumn.go): one row per workload, each column a
// JSONPath over the workload's JSON (render/jsonpath.ts), several values joined with `,`, none `<none>`.
import type { CheckResult } from '../classify/result/result.js'
import { compileJsonPath, JsonPathError } from './jsonpath.js'
import { layout, withoutHeader } from './table.js'

export interface Column {
  header: string
  values: (data: unknown) => string[]
}

const column = (header: string, expr: string): Column => {
  try {
    return { header, values: compileJsonPath(expr) }
  } catch (e) {
    if (e instanceof JsonPathError) throw new JsonPathError(`column ${header}: ${e.message}`)
    throw e
  }
}

/** `HEADER:.path,HEADER:.path`; a malformed spec throws JsonPathError (kubectl's wording). */
export function parseColumns(spec: string): Column[] {
  if (!spec.trim()) throw new JsonPathError('custom-columns format specified but no custom columns given')
  return spec.split(',').map((part) => {
    const at = part.indexOf(':')
    if (at <= 0 || at === part.length - 1) throw new JsonPathError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`)
    return column(part.slice(0, at), part.slice(at + 1))
  })
}

/** A custom-columns file: a line of headers, then a line of as many JSONPath expressions (blank lines skipped). */
export function parseColumnsFile(text: string): Column[] {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  if (lines.length !== 2) throw new JsonPathError(`expected 2 lines (headers, then JSONPath expressions), found ${lines.length}`)
  const [headers, exprs] = lines.map((l) => l.split(/\s+/)) as [string[], string[]]
  if (headers.length !== exprs.length) throw new JsonPathError(`${headers.length} headers but ${exprs.length} JSONPath expressions`)
  return headers.map((h, i) => column(h, exprs[i]!))
}

export function renderColumns(columns: Column[], result: CheckResult, headers: boolean): string {
  const rows = result.workloads.map((w) => columns.map((c) => c.values(w).join(',') || '<none>'))
  const table = layout(columns.map((c) => c.header), rows)
  return headers ? table : withoutHeader(table)
}
