// kubectl istiocni version [-o json|yaml]: the version and the git commit the bundle was built from.
import type { Argv } from 'yargs'
import { renderJson, renderYaml } from '../render/data.js'

declare const __VERSION__: string
declare const __COMMIT__: string
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'
const COMMIT = typeof __COMMIT__ === 'string' ? __COMMIT__ : 'unknown'

export const command = 'version'
export const describe = 'Print the plugin version'

export function builder(y: Argv) {
  return y.option('output', { alias: 'o', choices: ['json', 'yaml'] as const, describe: 'json or yaml: the version and the git commit' })
}

export async function run(args: { output?: 'json' | 'yaml' }, streams: { out: { write(s: string): unknown } }): Promise<number> {
  const info = { version: VERSION, gitCommit: COMMIT }
  streams.out.write(args.output === 'json' ? renderJson(info) : args.output === 'yaml' ? renderYaml(info) : `${VERSION}\n`)
  return 0
}
