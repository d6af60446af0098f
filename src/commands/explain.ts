// kubectl istiocni explain <kind>/<name>: the full reasoning for one workload (issue #5).
import type { Argv } from 'yargs'
import { analyze } from '../classify/index.js'
import { planFix } from '../fix/plan.js'
import { type Explanation, explanation, renderExplainText } from '../render/explain.js'
import { formats } from '../render/formats.js'
import { EXIT } from '../model/exit.js'
import type { Streams } from '../render/streams.js'
import { type InputArgs, inputOptions, loadInput, okOrIncomplete, readNotes, reportErrors, UserError } from './common.js'
import { type PlanArgs, planOptions, planSettings } from './plan-options.js'
import { parseTarget, resolveTarget, type Target } from './targets.js'
import { fixCommandLine } from './fix.js'
import { codeList, renderCode, renderCodeList } from '../render/codes.js'
import { classifyLive } from '../classify/group.js'
import { type Input, type InputError, isLiveInput } from '../model/input.js'

export const command = 'explain [target] [name]'
export const describe = 'Explain why a workload breaks (or not) under the CNI plugin, and how to fix it'

interface ExplainArgs extends InputArgs, PlanArgs {
  target?: string
  name?: string
  list?: boolean
  namespace?: string
  output: 'text' | 'json' | 'yaml'
}

/** -o of a workload's explanation, and of `--list`. */
const FORMATS = formats<Explanation, undefined, 'text'>({ text: (e, s) => s.out.write(renderExplainText(e, s.color)) })
const LIST_FORMATS = formats<ReturnType<typeof codeList>, undefined, 'text'>({ text: (_list, s) => s.out.write(renderCodeList()) })

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

/** What explain is asked, from the flags alone: the code list, one code, or a workload. */
type Asked = { list: true } | { code: string } | { target: Target }

/** validate: what is asked, checked before anything is read: the code list, one code, or a workload. */
export function validate(args: ExplainArgs): Asked {
  if (args.list) return { list: true }
  if (!args.target) throw new UserError('explain needs a workload (<kind>/<name>, or TYPE NAME) or a code such as ICNI0101; --list lists the codes')
  // `explain ICNI0101`: the long description of a code (issue #8); needs no input.
  if (/^icni\d{4}$/i.test(args.target)) return { code: args.target }
  return { target: parseTarget(args.name === undefined ? args.target : `${args.target}/${args.name}`) }
}

/** What run writes: the code list, one code's text, or a workload's explanation with the input it came from. */
type Explained =
  | { list: ReturnType<typeof codeList> }
  | { text: string }
  | { explanation: Explanation & ReturnType<typeof readNotes>; input: Input; errors: InputError[] }

/**
 * complete: resolves what is asked: a code's text (an unknown code is a usage error), or reads the
 * input, judges it once and explains the workload, with its fixes and, on a cluster, its pods' facts.
 */
export async function complete(args: ExplainArgs, asked: Asked, streams: Streams): Promise<Explained> {
  if ('list' in asked) return { list: codeList() }
  if ('code' in asked) {
    const text = renderCode(asked.code)
    if (!text) throw new UserError(`unknown code ${asked.code.toUpperCase()}: the codes are listed in docs/codes.md`)
    return { text }
  }
  const input = await loadInput(args, streams)
  // On a cluster the workload is its template; its pods give the live facts (issue #4).
  const live = isLiveInput(input) ? classifyLive(input) : undefined
  const { errors, analyses } = live ? { errors: live.errors, analyses: live.rows } : analyze(input)
  reportErrors(errors, streams)
  const a = resolveTarget(analyses, asked.target, args.namespace)
  const facts = live?.result.workloads[live.rows.indexOf(a)]?.live
  const plan = planFix(a, planSettings(args, input))
  return { explanation: { ...explanation(a, plan, fixCommandLine(a, args), facts), ...readNotes(input) }, input, errors }
}

export async function run(args: ExplainArgs, streams: Streams): Promise<number> {
  const done = await complete(args, validate(args), streams)
  if ('list' in done) LIST_FORMATS[args.output](done.list, streams, undefined)
  else if ('text' in done) streams.out.write(done.text)
  else {
    FORMATS[args.output](done.explanation, streams, undefined)
    if (done.errors.length) throw new UserError(`${done.errors.length} input error${done.errors.length > 1 ? 's' : ''} (above)`)
    return okOrIncomplete(done.input)
  }
  return EXIT.ok
}
