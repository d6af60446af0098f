// Machine-readable output: exactly the result shape (issue #3), as JSON or YAML.
import * as yaml from 'js-yaml'

const YAML_OPTIONS = { noRefs: true, lineWidth: -1, sortKeys: false }

export const renderJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
export const renderYaml = (value: unknown) => yaml.dump(value, YAML_OPTIONS)

/** Elements of a large array rendered and written at a time. */
const BATCH = 500

type Write = (s: string) => unknown

const indent = (text: string, by: string) => text.replace(/\n(?=.)/g, `\n${by}`)

/**
 * Writes what renderJson(value) returns, byte for byte, with each array property rendered in
 * batches of elements: the text of 50,000 workloads is never one string (issue #17: peak RSS).
 * A property, or a batch of its elements, is stringified under its own key in an object of its
 * own: indented as in the whole, so its text is cut out of that object's, never re-indented.
 */
export function writeJson(value: object, write: Write): void {
  const fields = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function')
  if (!fields.length) return void write('{}\n')
  write('{\n')
  fields.forEach(([key, v], i) => {
    const end = i < fields.length - 1 ? ',\n' : '\n'
    // `{\n  "key": <v>\n}`
    if (!Array.isArray(v) || !v.length) return void write(`${JSON.stringify({ [key]: v }, null, 2).slice(2, -2)}${end}`)
    const open = `  ${JSON.stringify(key)}: [\n`
    write(open)
    for (let at = 0; at < v.length; at += BATCH) {
      // `{\n  "key": [\n<elements>\n  ]\n}`
      const text = JSON.stringify({ [key]: v.slice(at, at + BATCH) }, null, 2)
      write(`${text.slice(open.length + 2, -6)}${at + BATCH < v.length ? ',\n' : '\n'}`)
    }
    write(`  ]${end}`)
  })
  write('}\n')
}

/**
 * Writes what renderYaml(value) returns, byte for byte, with each non-empty array property dumped
 * in batches. js-yaml indents a sequence under its key by two spaces and leaves the empty lines of
 * block scalars unindented: the same indentation added to every non-empty line of a batch.
 */
export function writeYaml(value: object, write: Write): void {
  const fields = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function')
  if (!fields.some(([, v]) => Array.isArray(v) && v.length)) return void write(renderYaml(value))
  for (const [key, v] of fields) {
    if (!Array.isArray(v) || !v.length) {
      write(yaml.dump({ [key]: v }, YAML_OPTIONS))
      continue
    }
    write(yaml.dump({ [key]: [] }, YAML_OPTIONS).replace(/ \[\]\n$/, '\n'))
    for (let at = 0; at < v.length; at += BATCH) write(`  ${indent(yaml.dump(v.slice(at, at + BATCH), YAML_OPTIONS), '  ')}`)
  }
}
