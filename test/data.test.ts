// -o json|yaml written in batches (issue #17: peak RSS) is byte for byte the text of the whole.
import t from 'tap'
import { renderJson, renderYaml, writeJson, writeYaml } from '../src/render/data.js'

const collect = (write: (value: object, w: (s: string) => unknown) => void, value: object) => {
  const parts: string[] = []
  write(value, (s) => parts.push(s))
  return parts.join('')
}

/** More elements than one batch, nested values, strings with newlines, empty arrays and skipped fields. */
const value = {
  workloads: Array.from({ length: 1234 }, (_, i) => ({
    name: `app-${i}`, n: i, nested: { list: [1, { deep: [] }], empty: {} }, text: i % 7 ? 'plain' : 'two\nlines\n\n  indented',
    ...(i % 5 ? {} : { missing: undefined }),
  })),
  'odd "key"': [null, 'x'],
  empty: [],
  summary: { breaks: 1, ok: 2, nested: [{ a: [] }] },
  skipped: undefined,
  fn: () => 1,
}

t.test('writeJson writes what renderJson returns', async (t) => {
  t.equal(collect(writeJson, value), renderJson(value))
  t.equal(collect(writeJson, { a: 1 }), renderJson({ a: 1 }))
  t.equal(collect(writeJson, {}), renderJson({}))
})

t.test('writeYaml writes what renderYaml returns', async (t) => {
  const plain = JSON.parse(JSON.stringify(value))
  t.equal(collect(writeYaml, plain), renderYaml(plain))
})
