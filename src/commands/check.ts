// kubectl istiocni check: every workload, its verdict, and each application init container's
// network need with evidence and the exemption that saves it (issue #3).
import type { Argv } from 'yargs'
import { classify } from '../classify/index.js'
import { classifyLive } from '../classify/group.js'
import { renderLiveTable } from '../render/live.js'
import type { CheckResult } from '../classify/result/result.js'
import { type Format, formats } from '../render/formats.js'
import { renderTable } from '../render/table.js'
import { renderInstall } from '../render/preflight.js'
import { PLATFORM_NAMES } from '../classify/cluster/platform.js'
import { offlineProgress, type Streams } from '../render/streams.js'
import { type Sourced, isLiveInput } from '../model/input.js'
import { applySuppressions, IgnoreSyntaxError, parseIgnores } from '../classify/result/suppress.js'
import { FAIL_ON, type FailOn, failing, SHOW, type Show, shown } from '../classify/result/threshold.js'
import { fileLocator, renderSarif } from '../render/sarif.js'
import { renderJunit } from '../render/junit.js'
import { VERSION } from './version.js'
import { JsonPathError, renderJsonPath } from '../render/jsonpath.js'
import { type Column, parseColumns, parseColumnsFile, renderColumns } from '../render/columns.js'
import { readFileSync } from 'node:fs'
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
    .option('output', { alias: 'o', type: 'string', default: 'table' as Output, describe: `Output format: ${OUTPUTS.join(', ')}, or ${TEMPLATED.join(', ')} (e.g. jsonpath='{.workloads[*].name}', custom-columns=NAME:.name,VERDICT:.verdict)` })
    // yargs reads --no-headers as headers=false.
    .option('headers', { type: 'boolean', default: true, describe: 'table, wide and custom-columns: --no-headers prints the rows only (no header, no summary)' })
    .option('fail-on', { choices: [...FAIL_ON, 'none'] as const, default: 'breaks' as FailOn, describe: 'What makes the exit code 3: breaks; review (breaks too); warning (also any warning or error finding); none (never: only errors fail)' })
    .option('failure-threshold', { choices: ['Error', 'Warning', 'Info'], describe: 'istioctl analyze\'s spelling of --fail-on (wins over it): Error = breaks, Warning and Info = warning' })
    .option('show', { choices: SHOW, default: 'all' as Show, describe: 'Which workloads to print: all, or those at a level' })
    .option('output-threshold', { choices: ['Error', 'Warning', 'Info'], describe: 'istioctl analyze\'s spelling of --show (wins over it): Error = breaks, Warning = warning, Info = all' })
    .option('show-suppressed', { type: 'boolean', default: false, describe: 'List suppressed findings too: a suppressed row under each workload in the tables, marked in -o json|yaml (they are always counted)' })
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

/** What the formats need beyond the result. */
interface View { headers: boolean; objects: Sourced[]; failOn: FailOn }

/** The table of a live check, or of the workloads and the CNI install of an offline one. */
const table = (wide: boolean): Format<CheckResult, View> => (result, s, v) => {
  if (result.cluster) return void s.out.write(renderLiveTable(result, wide, s.color, v.headers))
  const rows = renderTable(result, wide, s.color, v.headers)
  if (!result.install) return void s.out.write(rows)
  const install = renderInstall(result.install, s.color)
  s.out.write(result.workloads.length ? `${rows}\n${install}` : install)
}

/** The -o formats; json and yaml are written in batches of workloads (issue #17: peak RSS). */
const FORMATS = formats<CheckResult, View, 'table' | 'wide' | 'name' | 'sarif' | 'junit'>({
  table: table(false),
  wide: table(true),
  name: (result, s) => s.out.write(renderNames(result)),
  sarif: (result, s, v) => s.out.write(renderSarif(result, fileLocator(v.objects, process.cwd()), VERSION)),
  junit: (result, s, v) => s.out.write(renderJunit(result, v.failOn)),
})
const OUTPUTS = ['table', 'wide', 'json', 'yaml', 'name', 'sarif', 'junit'] as const satisfies readonly (keyof typeof FORMATS)[]
/** The formats that carry their own argument (render/jsonpath.ts, render/columns.ts). */
const TEMPLATED = ['jsonpath=TEMPLATE', 'custom-columns=SPEC', 'custom-columns-file=FILE'] as const
/** A format of OUTPUTS, or one of TEMPLATED. */
type Output = (typeof OUTPUTS)[number] | `${'jsonpath' | 'custom-columns' | 'custom-columns-file'}=${string}`

/** Writes the result to stdout in the format of -o. */
function render(result: CheckResult, args: CheckArgs, streams: Streams, objects: Sourced[], failOn: FailOn): void {
  const headers = args.headers !== false
  if (args.output.startsWith('jsonpath=')) return void streams.out.write(renderJsonPath(args.output.slice('jsonpath='.length), result))
  if (args.output.startsWith('custom-columns')) return void streams.out.write(renderColumns(customColumns(args.output), result, headers))
  FORMATS[args.output as (typeof OUTPUTS)[number]](result, streams, { headers, objects, failOn })
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
  if (o.startsWith('custom-columns')) return void customColumns(o)
  if (!o.startsWith('jsonpath=')) throw new UserError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${[...OUTPUTS, ...TEMPLATED].join(',')}`)
  try { renderJsonPath(o.slice('jsonpath='.length), {}) } catch (e) { if (e instanceof JsonPathError) throw new UserError(`-o ${o}: ${e.message}`); throw e }
}

/** The columns of `-o custom-columns=SPEC` or `-o custom-columns-file=FILE`; a bad spec or file is a one-line error. */
function customColumns(o: string): Column[] {
  const [format, value] = [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)]
  try {
    if (format === 'custom-columns') return parseColumns(value)
    if (format !== 'custom-columns-file') throw new UserError(`unable to match a printer suitable for the output format "${o}": use custom-columns=SPEC or custom-columns-file=FILE`)
    let text: string
    try { text = readFileSync(value, 'utf8') } catch (e) { throw new UserError(`-o ${o}: cannot read ${value}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`) }
    return parseColumnsFile(text)
  } catch (e) {
    if (e instanceof JsonPathError) throw new UserError(`-o ${o}: ${e.message}`)
    throw e
  }
}

/** validate: what the flags ask for, checked before anything is read (pure). */
export function validate(args: CheckArgs) {
  checkOutput(args.output)
  const failOn: FailOn | 'none' = args['failure-threshold'] ? ISTIOCTL_FAIL[args['failure-threshold'].toLowerCase()]! : args['fail-on']
  const show: Show = args['output-threshold'] ? ISTIOCTL_SHOW[args['output-threshold'].toLowerCase()]! : args.show ?? 'all'
  try { return { failOn, show, ignores: parseIgnores(args.ignore ?? []) } } catch (e) { if (e instanceof IgnoreSyntaxError) throw new UserError(e.message); throw e }
}

/** complete: reads the input (files, or the cluster) and classifies it. */
export async function complete(args: CheckArgs, streams: Streams) {
  const progress = await offlineProgress(streams, args.output === 'json' || args.output === 'yaml')
  try {
    const loaded = await loadInput(args, streams, progress.tick)
    const input = args.platform ? { ...loaded, flags: { ...loaded.flags, platform: args.platform } } : loaded
    return { input, classified: isLiveInput(input) ? classifyLive(input) : classify(input, progress.tick) }
  } finally {
    progress.stop()
  }
}

export async function run(args: CheckArgs, streams: Streams): Promise<number> {
  const { failOn, show, ignores } = validate(args)
  const { input, classified } = await complete(args, streams)
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
