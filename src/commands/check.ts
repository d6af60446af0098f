// kubectl istiocni check: every workload, its verdict, and each application init container's
// network need with evidence and the exemption that saves it (issue #3).
import type { Argv } from 'yargs'
import { classify } from '../classify/index.js'
import { classifyLive } from '../classify/group.js'
import { isLiveInput } from '../classify/cluster.js'
import { renderLiveTable } from '../render/live.js'
import type { CheckResult } from '../classify/result.js'
import { writeJson, writeYaml } from '../render/data.js'
import { renderTable } from '../render/table.js'
import { renderInstall } from '../render/preflight.js'
import { PLATFORM_NAMES } from '../classify/platform.js'
import type { Streams } from '../render/streams.js'
import type { Sourced } from '../model/input.js'
import { applySuppressions, IgnoreSyntaxError, parseIgnores } from '../classify/suppress.js'
import { FAIL_ON, type FailOn, failing, SHOW, type Show, shown } from '../classify/threshold.js'
import { fileLocator, renderSarif } from '../render/sarif.js'
import { renderJunit } from '../render/junit.js'
import { VERSION } from './version.js'
import { EXIT, type InputArgs, inputOptions, loadInput, okOrIncomplete, readNotes, reportErrors, UserError } from './common.js'

export const command = 'check'
export const describe = 'Find the workloads whose init containers break when the mesh moves to the Istio CNI plugin'

const EXAMPLES: [string, string][] = [
  ['$0 check -f manifests/', 'Check every manifest under a directory, offline'],
  ['helm template my-release chart/ | $0 check -f -', 'Check a rendered Helm chart'],
  ['$0 check -f app.yaml -o json --dns-capture', 'JSON result for a mesh that captures DNS'],
  ['helm template istio-cni istio/cni -n kube-system | $0 check -f - --platform gke', 'Preflight a CNI install offline against its platform'],
]

export const OUTPUTS = ['table', 'wide', 'json', 'yaml', 'sarif', 'junit'] as const
type Output = (typeof OUTPUTS)[number]

interface CheckArgs extends InputArgs {
  output: Output
  'fail-on': FailOn
  show?: Show
  'show-suppressed'?: boolean
  ignore?: string[]
  platform?: string
}

export function builder(y: Argv) {
  return inputOptions(y)
    .option('output', { alias: 'o', choices: OUTPUTS, default: 'table' as Output, describe: 'Output format' })
    .option('fail-on', { choices: FAIL_ON, default: 'breaks' as FailOn, describe: 'What makes the exit code 3: breaks; review (breaks too); warning (also any warning or error finding)' })
    .option('show', { choices: SHOW, default: 'all' as Show, describe: 'Which workloads to print: all, or those at a level' })
    .option('show-suppressed', { type: 'boolean', default: false, describe: 'List suppressed findings too (they are always counted)' })
    .option('platform', { choices: PLATFORM_NAMES, describe: 'The platform the CNI install is checked against (Istio\'s platform names; default: detected from the cluster, or what the install declares)' })
    .option('ignore', { type: 'string', array: true, requiresArg: true, describe: 'Suppress a reviewed finding: CODE=kind/namespace/name (* wildcards)' })
    .example(EXAMPLES)
    .epilogue('Exit codes: 0 nothing reaches --fail-on; 3 something does (default breaks; review adds review verdicts; warning adds any warning or error finding); in a live check a cluster error (CNI agent missing or not ready) gives 3 at every level, a cluster warning from --fail-on warning (the same for the preflight findings on a CNI install given with -f); 4 nothing reaches --fail-on, but the cluster read was partial (forbidden namespaces, truncated lists: -o json carries incomplete: true and the warnings); 1 errors (unreadable or malformed input: the rest is still checked; a 404 from something that is no API server). Suppress reviewed findings with the pod-template annotations istiocni.io/ignore: "<code>[,<code>]" or "*" and istiocni.io/ignore-reason, or --ignore.')
}

/** Writes the result to stdout; JSON and YAML in batches of workloads (issue #17: peak RSS). */
export function render(result: CheckResult, args: CheckArgs, streams: Streams, objects: Sourced[]): void {
  const write = (s: string) => streams.out.write(s)
  switch (args.output) {
    case 'json': return writeJson(result, write)
    case 'yaml': return writeYaml(result, write)
    case 'sarif': return void write(renderSarif(result, fileLocator(objects, process.cwd()), VERSION))
    case 'junit': return void write(renderJunit(result, args['fail-on']))
    default: {
      if (result.cluster) return void write(renderLiveTable(result, args.output === 'wide', streams.color))
      if (!result.install) return void write(renderTable(result, args.output === 'wide', streams.color))
      const install = renderInstall(result.install, streams.color)
      return void write(result.workloads.length ? `${renderTable(result, args.output === 'wide', streams.color)}\n${install}` : install)
    }
  }
}

export async function run(args: CheckArgs, streams: Streams): Promise<number> {
  let ignores
  try { ignores = parseIgnores(args.ignore ?? []) } catch (e) { if (e instanceof IgnoreSyntaxError) throw new UserError(e.message); throw e }
  const loaded = await loadInput(args, streams)
  const input = args.platform ? { ...loaded, flags: { ...loaded.flags, platform: args.platform } } : loaded
  const classified = isLiveInput(input) ? classifyLive(input) : classify(input)
  const { result, warnings } = applySuppressions(classified.result, input.objects, ignores)
  for (const w of warnings) streams.err.write(`warning: ${w.source}: ${w.message}\n`)
  // SARIF always carries suppressed findings (as `suppressions`; code-scanning services hide them).
  const view = shown(result, args.show ?? 'all', args['show-suppressed'] === true || args.output === 'sarif')
  if (!result.workloads.length && !result.install && (args.output === 'table' || args.output === 'wide')) streams.err.write('No workloads found in the input.\n')
  // A partial cluster read says so in the data too: `incomplete: true` and the warnings.
  else render({ ...view, ...readNotes(input) }, args, streams, input.objects)
  reportErrors(classified.errors, streams)
  // What fails is decided on the full result: --show never changes it; a partial read is never 0.
  return classified.errors.length ? EXIT.error : failing(result, args['fail-on']) ? EXIT.found : okOrIncomplete(input)
}
