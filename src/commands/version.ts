// kubectl istiocni version [-o json|yaml]: the version and the git commit the bundle was built from.
import type { Argv } from 'yargs'
import { formats } from '../render/formats.js'
import type { Streams } from '../render/streams.js'
import { EXIT } from '../model/exit.js'

declare const __VERSION__: string
declare const __COMMIT__: string
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'
const COMMIT = typeof __COMMIT__ === 'string' ? __COMMIT__ : 'unknown'

export const command = 'version'
export const describe = 'Print the plugin version'

const FORMATS = formats<{ version: string; gitCommit: string }, undefined, 'text'>({ text: (info, s) => s.out.write(`${info.version}\n`) })

export function builder(y: Argv) {
  return y.option('output', { alias: 'o', choices: ['json', 'yaml'] as const, describe: 'json or yaml: the version and the git commit' })
}

export async function run(args: { output?: 'json' | 'yaml' }, streams: Streams): Promise<number> {
  FORMATS[args.output ?? 'text']({ version: VERSION, gitCommit: COMMIT }, streams, undefined)
  return EXIT.ok
}
