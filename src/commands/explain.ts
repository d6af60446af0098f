// kubectl istiocni explain <kind>/<name>: the full reasoning for one workload (issue #5).
import type { Argv } from 'yargs'
import { analyze } from '../classify/index.js'
import { planFix } from '../fix/plan.js'
import { explanation, renderExplainText } from '../render/explain.js'
import { renderJson, renderYaml } from '../render/data.js'
import type { Streams } from '../render/streams.js'
import { type InputArgs, inputOptions, loadInput, okOrIncomplete, readNotes, reportErrors, UserError } from './common.js'
import { type PlanArgs, planOptions, planSettings } from './plan-options.js'
import { parseTarget, resolveTarget } from './targets.js'
import { fixCommandLine } from './fix.js'
import { codeList, renderCode, renderCodeList } from '../render/codes.js'
import { isLiveInput } from '../classify/cluster/cluster.js'
import { classifyLive, groupRows } from '../classify/group.js'

export const command = 'explain [target] [name]'
export const describe = 'Explain why a workload breaks (or not) under the CNI plugin, and how to fix it'

interface ExplainArgs extends InputArgs, PlanArgs {
  target?: string
  name?: string
  list?: boolean
  namespace?: string
  output: 'text' | 'json' | 'yaml'
}

export function builder(y: Argv) {
  return planOptions(inputOptions(y))
    .positional('target', { type: 'string', describe: '<kind>/<name> (or TYPE NAME, as kubectl), or a finding code such as ICNI0101' })
    .positional('name', { type: 'string', describe: 'The name, when the kind is given alone (explain deployment orders)' })
    .option('list', { alias: 'list-codes', type: 'boolean', describe: 'List every finding code with its level and name' })
    .option('namespace', { type: 'string', describe: 'Namespace of the workload' })
    .option('output', { alias: 'o', choices: ['text', 'json', 'yaml'] as const, default: 'text' as const, describe: 'Output format' })
    .example([
      ['$0 explain deployment/orders -n shop -f manifests/', 'Why orders breaks, and the fixes ranked'],
      ['$0 explain sts search -f app.yaml -o json', 'The same, structured (TYPE NAME)'],
      ['$0 explain --list', 'Every finding code'],
    ])
    .epilogue('Exit codes: 0 explained; 4 explained, but the cluster read was partial (-o json carries incomplete: true and the warnings); 1 errors.')
}

export async function run(args: ExplainArgs, streams: Streams): Promise<number> {
  if (args.list) {
    streams.out.write(args.output === 'json' ? renderJson(codeList()) : args.output === 'yaml' ? renderYaml(codeList()) : renderCodeList())
    return 0
  }
  if (!args.target) throw new UserError('explain needs a workload (<kind>/<name>, or TYPE NAME) or a code such as ICNI0101; --list lists the codes')
  // `explain ICNI0101`: the long description of a code (issue #8); needs no input.
  if (/^icni\d{4}$/i.test(args.target)) {
    const text = renderCode(args.target)
    if (!text) throw new UserError(`unknown code ${args.target.toUpperCase()}: the codes are listed in docs/codes.md`)
    streams.out.write(text)
    return 0
  }
  const target = parseTarget(args.name === undefined ? args.target : `${args.target}/${args.name}`)
  const input = await loadInput(args, streams)
  const analyzed = analyze(input)
  const errors = analyzed.errors
  reportErrors(errors, streams)
  // On a cluster the workload is its template; its pods give the live facts (issue #4).
  const liveInput = isLiveInput(input)
  const a = resolveTarget(liveInput ? groupRows(analyzed.analyses).map((r) => r.a) : analyzed.analyses, target, args.namespace)
  const facts = liveInput ? classifyLive(input).result.workloads.find((w) => w.kind === a.workload.kind && w.namespace === a.workload.namespace && w.name === a.workload.name)?.live : undefined
  const plan = planFix(a, planSettings(args, input))
  const e = explanation(a, plan, fixCommandLine(a, args), facts)
  const data = { ...e, ...readNotes(input) }
  streams.out.write(args.output === 'json' ? renderJson(data) : args.output === 'yaml' ? renderYaml(data) : renderExplainText(e, streams.color))
  if (errors.length) throw new UserError(`${errors.length} input error${errors.length > 1 ? 's' : ''} (above)`)
  return okOrIncomplete(input)
}
