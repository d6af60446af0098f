// Fixture objects from YAML files (multi-document; `kind: List` documents are flattened).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { loadAll } from 'js-yaml'

type KObj = Record<string, any>

function flatten(doc: unknown): object[] {
  if (typeof doc !== 'object' || doc === null) return []
  const obj = doc as KObj
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) return obj.items.flatMap(flatten)
  return [obj]
}

/** Objects from one YAML file. */
export function loadFixtureFile(path: string): object[] {
  return loadAll(readFileSync(path, 'utf8')).flatMap(flatten)
}

/** Objects from every `.yaml`/`.yml` file in `dir` (or from `dir` itself when it is a file), in file-name order. */
export function loadFixtures(dir: string): object[] {
  if (statSync(dir).isFile()) return loadFixtureFile(dir)
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => loadFixtureFile(join(dir, f)))
}
