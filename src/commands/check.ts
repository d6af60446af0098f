// kubectl istiocni check: every workload, its verdict, and each application init container's
// network need with evidence and the exemption that saves it (issue #3).
import type { Argv } from 'yargs'
import { classify } from '../classify/index.js'
import { classifyLive } from '../classify/group.js'
import { isLiveInput } from '../classify/cluster.js'
import { renderLiveTable } from '../render/live.js'
import type { CheckResult } from '../classify/result.js'
import { renderJson, renderYaml } from '../render/data.js'
import { renderTable } from '../render/table.js'
import type { Streams } from '../render/streams.js'
import { EXIT, type InputArgs, inputOptions, loadInput, reportErrors } from './common.js'

export const command = 'check'
export const describe = 'Find the workloads whose init containers break when the mesh moves to the Istio CNI plugin'

const EXAMPLES: [string, string][] = [
  ['$0 check -f manifests/', 'Check every manifest under a directory, offline'],
  ['helm template my-release chart/ | $0 check -f -', 'Check a rendered Helm chart'],
  ['$0 check -f app.yaml -o json --dns-capture', 'JSON result for a mesh that captures DNS'],
]

export const OUTPUTS = ['table', 'wide', 'json', 'yaml'] as const
type Output = (typeof OUTPUTS)[number]

interface CheckArgs extends InputArgs {
  output: Output
  'fail-on': 'breaks' | 'review'
}

export function builder(y: Argv) {
  return inputOptions(y)
    .option('output', { alias: 'o', choices: OUTPUTS, default: 'table' as Output, describe: 'Output format' })
    .option('fail-on', { choices: ['breaks', 'review'] as const, default: 'breaks' as const, describe: 'Exit 3 when a workload has this verdict (review includes breaks)' })
    .example(EXAMPLES)
    .epilogue('Exit codes: 0 nothing breaks; 3 a workload breaks (or needs review, with --fail-on review); 1 errors (unreadable or malformed input: the rest is still checked).')
}

export function render(result: CheckResult, output: Output, streams: Streams): string {
  switch (output) {
    case 'json': return renderJson(result)
    case 'yaml': return renderYaml(result)
    default: return result.cluster ? renderLiveTable(result, output === 'wide', streams.color) : renderTable(result, output === 'wide', streams.color)
  }
}

export function exitCode(result: CheckResult, failOn: 'breaks' | 'review', errors: number): number {
  if (errors) return EXIT.error
  const s = result.summary
  return s.breaks > 0 || (failOn === 'review' && s.review > 0) ? EXIT.found : EXIT.ok
}

export async function run(args: CheckArgs, streams: Streams): Promise<number> {
  const input = await loadInput(args, streams)
  const { result, errors } = isLiveInput(input) ? classifyLive(input) : classify(input)
  if (!result.workloads.length && (args.output === 'table' || args.output === 'wide')) streams.err.write('No workloads found in the input.\n')
  else streams.out.write(render(result, args.output, streams))
  reportErrors(errors, streams)
  return exitCode(result, args['fail-on'], errors.length)
}
