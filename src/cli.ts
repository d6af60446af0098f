// Entry point: thin wiring of the command modules; one place turns errors into `error: …` + exit code.
import { processStreams, type Streams } from './render/streams.js'
import { NotConfirmed, UserError, EXIT, STDIN_ARG } from './commands/common.js'
import * as version from './commands/version.js'
import { bareDryRun } from './commands/gate.js'

interface CommandModule {
  command: string
  describe: string
  builder?: (y: any) => any
  run(args: any, streams: Streams): Promise<number>
}

/** Short flags that take a value: kubectl accepts it attached (`-ojson`, `-nshop`, `-o=json`). */
const VALUED_SHORT = /^-([fknlo])=?(.+)$/

/**
 * kubectl's spellings yargs does not read: `help <command>`, `codes` (explain --list), attached
 * short values, and `-f -` (yargs reads a lone `-` as an unknown flag).
 */
function kubectlArgv(args: string[]): string[] {
  const first = args[0]
  const words = first === 'help' ? [...args.slice(1), '--help'] : first === 'codes' ? ['explain', '--list', ...args.slice(1)] : args
  const out: string[] = []
  let flagsOnly = true
  for (const a of words) {
    if (a === '--') flagsOnly = false
    const m = flagsOnly ? VALUED_SHORT.exec(a) : null
    if (m) out.push(`-${m[1]}`, m[1] === 'f' && m[2] === '-' ? STDIN_ARG : m[2]!)
    else out.push(a === '-' && /^(-f|--filename)$/.test(out.at(-1) ?? '') ? STDIN_ARG : a)
  }
  return out
}

async function main(args: string[], streams: Streams): Promise<number> {
  const argv = bareDryRun(kubectlArgv(args))
  const [{ default: yargs }, check, explain, fix, restart, completion] = await Promise.all([import('yargs'), import('./commands/check.js'), import('./commands/explain.js'), import('./commands/fix.js'), import('./commands/restart.js'), import('./commands/completion.js')])
  const commands: CommandModule[] = [check, explain, fix, restart, version, completion]
  let code: number = EXIT.ok
  const debug = argv.includes('--debug')
  if (debug) Error.stackTraceLimit = 50
  let y = yargs(argv)
    .scriptName('kubectl istiocni')
    .usage('kubectl istiocni: find and fix the init containers that break when Istio moves from istio-init to the CNI plugin.\n\nUsage: kubectl istiocni <command> [flags]')
    .version(version.VERSION)
    .option('debug', { type: 'boolean', hidden: true })
    .help('help').alias('help', 'h')
    // kubectl: a flag given twice takes the last value (-n a -n b is b); list flags (-f, --ignore) add up.
    .middleware(((a: Record<string, unknown>, y: { getOptions(): { array: string[] } }) => {
      const lists = new Set(y.getOptions().array)
      for (const k of Object.keys(a)) if (k !== '_' && Array.isArray(a[k]) && !lists.has(k)) a[k] = (a[k] as unknown[]).at(-1)
    }) as any, true)
    .demandCommand(1, 'error: a command is required')
    .recommendCommands()
    .strict()
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err) throw err
      throw new UserError(`${msg}\nSee 'kubectl istiocni --help'.`)
    })
  for (const c of commands) {
    y = y.command(c.command, c.describe, c.builder ?? ((x: unknown) => x), async (args: unknown) => { code = await c.run(args, streams) })
  }
  try {
    await y.parseAsync()
  } catch (e) {
    if (e instanceof UserError) {
      streams.err.write(`error: ${e.message.replace(/^error: /, '')}\n`)
      return e instanceof NotConfirmed ? EXIT.notConfirmed : EXIT.error
    }
    // --debug: the whole stack, in the TypeScript sources (render/stack.ts).
    if (debug) {
      const { mapStack } = await import('./render/stack.js')
      streams.err.write(`${mapStack((e as Error).stack ?? String(e))}\n`)
      return EXIT.error
    }
    streams.err.write(`error: ${(e as Error).message} (run with --debug for details)\n`)
    return EXIT.error
  }
  return code
}

// A reader that stops early (`| head`) closes the pipe: stop quietly, as kubectl does.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok); else throw e })

// No top-level await: the bundle (and the single executable's main script) is CommonJS.
const streams = processStreams()
void main(process.argv.slice(2), streams).then((code) => { process.exitCode = code })
