// kubectl istiocni check: every workload, its verdict, and each application init container's
// network need with evidence and the exemption that saves it (issue #3).
import type { Argv } from 'yargs'
import { classify } from '../classify/index.js'
import { classifyLive } from '../classify/group.js'
import { isLiveInput } from '../classify/cluster/cluster.js'
import { renderLiveTable } from '../render/live.js'
import type { CheckResult } from '../classify/result/result.js'
import { writeJson, writeYaml } from '../render/data.js'
import { renderTable } from '../render/table.js'
import { renderInstall } from '../render/preflight.js'
import { PLATFORM_NAMES } from '../classify/cluster/platform.js'
import type { Streams } from '../render/streams.js'
import type { Sourced } from '../model/input.js'
import { applySuppressions, IgnoreSyntaxError, parseIgnores } from '../classify/result/suppress.js'
import { FAIL_ON, type FailOn, failing, SHOW, type Show, shown } from '../classify/result/threshold.js'
import { fileLocator, renderSarif } from '../render/sarif.js'
import { renderJunit } from '../render/junit.js'
import { VERSION } from './version.js'
import { JsonPathError, renderJsonPath } from '../render/jsonpath.js'
import { KINDS } from '../model/kinds.js'
import { EXIT, type InputArgs, inputFlagsText, inputOptions, loadInput, okOrIncomplete, readNotes, reportErrors, UserError } from './common.js'

export const command = 'check'
export const describe = 'Find the workloads whose init containers break when the mesh moves to the Istio CNI plugin'

const EXAMPLES: [string, string][] = [
  ['$0 check -f manifests/', 'Check every manifest under a directory, offline'],
  ['helm template my-release chart/ | $0 check -f -', 'Check a rendered Helm chart'],
  ['$0 check -f app.yaml -o json --dns-capture', 'JSON result for a mesh that captures DNS'],
  ['helm template istio-cni istio/cni -n kube-system | $0 check -f - --platform gke', 'Preflight a CNI install offline against its platform'],
]

const OUTPUTS = ['table', 'wide', 'json', 'yaml', 'name', 'sarif', 'junit'] as const
/** A format of OUTPUTS, or `jsonpath=TEMPLATE` (render/jsonpath.ts). */
type Output = (typeof OUTPUTS)[number] | `jsonpath=${string}`

/** istioctl analyze's levels (--failure-threshold, --output-threshold) on our thresholds. */
const ISTIOCTL_FAIL: Record<string, FailOn> = { error: 'breaks', warning: 'warning', info: 'warning' }
const ISTIOCTL_SHOW: Record<string, Show> = { error: 'breaks', warning: 'warning', info: 'all' }

interface CheckArgs extends InputArgs {
  output: Output
  'fail-on': FailOn | 'none'
  'failure-threshold'?: string
  'output-threshold'?: string
  headers?: boolean
  show?: Show
  'show-suppressed'?: boolean
  ignore?: string[]
  platform?: string
}

export function builder(y: Argv) {
  return inputOptions(y)
    .option('output', { alias: 'o', type: 'string', default: 'table' as Output, describe: `Output format: ${OUTPUTS.join(', ')}, or jsonpath=TEMPLATE (e.g. jsonpath='{.workloads[*].name}')` })
    // yargs reads --no-headers as headers=false.
    .option('headers', { type: 'boolean', default: true, describe: 'table and wide: --no-headers prints the rows only (no header, no summary)' })
    .option('fail-on', { choices: [...FAIL_ON, 'none'] as const, default: 'breaks' as FailOn, describe: 'What makes the exit code 3: breaks; review (breaks too); warning (also any warning or error finding); none (never: only errors fail)' })
    .option('failure-threshold', { choices: ['Error', 'Warning', 'Info'], describe: 'istioctl analyze\'s spelling of --fail-on (wins over it): Error = breaks, Warning and Info = warning' })
    .option('show', { choices: SHOW, default: 'all' as Show, describe: 'Which workloads to print: all, or those at a level' })
    .option('output-threshold', { choices: ['Error', 'Warning', 'Info'], describe: 'istioctl analyze\'s spelling of --show (wins over it): Error = breaks, Warning = warning, Info = all' })
    .option('show-suppressed', { type: 'boolean', default: false, describe: 'List suppressed findings too (they are always counted)' })
    .option('platform', { choices: PLATFORM_NAMES, describe: 'The platform the CNI install is checked against (Istio\'s platform names; default: detected from the cluster, or what the install declares)' })
    .option('ignore', { type: 'string', array: true, requiresArg: true, describe: 'Suppress a reviewed finding: CODE=kind/namespace/name (* wildcards)' })
    .example(EXAMPLES)
    .epilogue('Exit codes: 0 nothing reaches --fail-on; 3 something does (default breaks; review adds review verdicts; warning adds any warning or error finding); in a live check a cluster error (CNI agent missing or not ready) gives 3 at every level, a cluster warning from --fail-on warning (the same for the preflight findings on a CNI install given with -f); 4 nothing reaches --fail-on, but the cluster read was partial (forbidden namespaces, truncated lists: -o json carries incomplete: true and the warnings); 1 errors (unreadable or malformed input: the rest is still checked; a 404 from something that is no API server). Suppress reviewed findings with the pod-template annotations istiocni.io/ignore: "<code>[,<code>]" or "*" and istiocni.io/ignore-reason, or --ignore.')
}

/** kubectl's `-o name`: `resource.group/name`, one a line. */
function renderNames(result: CheckResult): string {
  return result.workloads.map((w) => {
    const k = KINDS.find((x) => x.name === w.kind)
    return `${(k?.kind ?? w.kind).toLowerCase()}${k?.group ? `.${k.group}` : ''}/${w.name}\n`
  }).join('')
}

/** Writes the result to stdout; JSON and YAML in batches of workloads (issue #17: peak RSS). */
export function render(result: CheckResult, args: CheckArgs, streams: Streams, objects: Sourced[], failOn: FailOn): void {
  const write = (s: string) => streams.out.write(s)
  if (args.output.startsWith('jsonpath=')) return void write(renderJsonPath(args.output.slice('jsonpath='.length), result))
  const headers = args.headers !== false
  switch (args.output) {
    case 'json': return writeJson(result, write)
    case 'yaml': return writeYaml(result, write)
    case 'name': return void write(renderNames(result))
    case 'sarif': return void write(renderSarif(result, fileLocator(objects, process.cwd()), VERSION))
    case 'junit': return void write(renderJunit(result, failOn))
    default: {
      if (result.cluster) return void write(renderLiveTable(result, args.output === 'wide', streams.color, headers))
      const table = renderTable(result, args.output === 'wide', streams.color, headers)
      if (!result.install) return void write(table)
      const install = renderInstall(result.install, streams.color)
      return void write(result.workloads.length ? `${table}\n${install}` : install)
    }
  }
}

/** After a table where something breaks: the commands to run next (stderr: stdout stays the table). */
function nextSteps(result: CheckResult, args: CheckArgs): string | undefined {
  const first = result.workloads.find((w) => w.verdict === 'breaks')
  if (!first) return undefined
  const input = inputFlagsText(args)
  const scope = args['all-namespaces'] ? ' -A' : args.namespace ? ` -n ${args.namespace}` : ''
  const steps = [`kubectl istiocni explain ${first.kind.toLowerCase()}/${first.name} -n ${first.namespace}${input}`, `kubectl istiocni fix${scope}${input} --dry-run`]
  if (result.cluster) steps.push(`kubectl istiocni restart${scope}${input} --dry-run`)
  return `Next: ${steps.join('; ')}\n`
}

/** The output format, checked before anything is read (kubectl's message for an unknown one). */
function checkOutput(o: string): void {
  if ((OUTPUTS as readonly string[]).includes(o)) return
  if (!o.startsWith('jsonpath=')) throw new UserError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${OUTPUTS.join(',')},jsonpath=TEMPLATE`)
  try { renderJsonPath(o.slice('jsonpath='.length), {}) } catch (e) { if (e instanceof JsonPathError) throw new UserError(`-o ${o}: ${e.message}`); throw e }
}

export async function run(args: CheckArgs, streams: Streams): Promise<number> {
  checkOutput(args.output)
  const failOn: FailOn | 'none' = args['failure-threshold'] ? ISTIOCTL_FAIL[args['failure-threshold'].toLowerCase()]! : args['fail-on']
  const show: Show = args['output-threshold'] ? ISTIOCTL_SHOW[args['output-threshold'].toLowerCase()]! : args.show ?? 'all'
  let ignores
  try { ignores = parseIgnores(args.ignore ?? []) } catch (e) { if (e instanceof IgnoreSyntaxError) throw new UserError(e.message); throw e }
  const loaded = await loadInput(args, streams)
  const input = args.platform ? { ...loaded, flags: { ...loaded.flags, platform: args.platform } } : loaded
  const classified = isLiveInput(input) ? classifyLive(input) : classify(input)
  const { result, warnings } = applySuppressions(classified.result, input.objects, ignores)
  for (const w of warnings) streams.err.write(`warning: ${w.source}: ${w.message}\n`)
  // SARIF always carries suppressed findings (as `suppressions`; code-scanning services hide them).
  const view = shown(result, show, args['show-suppressed'] === true || args.output === 'sarif')
  if (!result.workloads.length && !result.install && (args.output === 'table' || args.output === 'wide')) streams.err.write('No workloads found in the input.\n')
  // A partial cluster read says so in the data too: `incomplete: true` and the warnings.
  else render({ ...view, ...readNotes(input) }, args, streams, input.objects, failOn === 'none' ? 'breaks' : failOn)
  if (args.output === 'table' || args.output === 'wide') { const next = nextSteps(result, args); if (next) streams.err.write(next) }
  reportErrors(classified.errors, streams)
  // What fails is decided on the full result: --show never changes it; a partial read is never 0.
  return classified.errors.length ? EXIT.error : failOn !== 'none' && failing(result, failOn) ? EXIT.found : okOrIncomplete(input)
}
