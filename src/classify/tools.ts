// One command line to effects (ref §8 step 6, §7): a catalog program runs its entry's rule; an
// unknown program is opaque, but the URLs, host:port pairs and Kubernetes objects it is given count.
import { destination, hostPort, looksLikeHost, portOf } from './destinations.js'
import { type Effect, type ToolContext, apiServer, connect, databaseEffects, likely, local, urlEffects } from './catalog/effect.js'
import { flag } from './args.js'
import { lookupProgram } from './catalog/registry.js'

/** Flags naming Kubernetes objects (`--config-secret-name`, `--configmap`, `--kubeconfig`). */
const K8S_OBJECT_FLAG = /(configmap|config-map|secret-name|serviceaccount|kubeconfig)/i

/** Library function names that say they reach a remote service (Bitnami's `*_wait_for_db_connection`). */
const REMOTE_FUNCTION = /wait_for|connect|migrat|download|fetch|clone|curl|http|remote|upload/

const SYSTEM_BIN = /^\/(usr\/(local\/)?)?s?bin\/[^/]+$/

/** Flags that name a host to reach (`--db-host`, `--server`, `--endpoint`), and their port siblings. */
const HOST_FLAG = /^--?([\w.-]*?[-_.]?)(host|hostname|addr|address|endpoint|server|servers|broker|brokers)$/i
const NOT_A_HOST = /^(true|false|yes|no|none|null|on|off|\d+)$/i
/** Addresses a program serves on or announces, not ones it reaches. */
const OWN_ADDRESS = /bind|listen|metrics|health|probe|advertise|serve|pprof|debug|webhook|local/i

/** `--db-host db --db-port 5432` (or `=`): a connection to a host an unknown program is given. */
function hostFlag(args: string[], i: number, program: string): Effect[] {
  const a = args[i]!
  const eq = a.indexOf('=')
  const m = HOST_FLAG.exec(eq > 0 ? a.slice(0, eq) : a)
  const value = eq > 0 ? a.slice(eq + 1) : args[i + 1]
  if (!m || OWN_ADDRESS.test(m[1]!) || value === undefined || /^[-:]/.test(value) || NOT_A_HOST.test(value) || !looksLikeHost(value)) return []
  const port = flag(args, [`--${m[1]}port`, `-${m[1]}port`])
  return [connect(destination(value, portOf(port)), `${program} is given ${eq > 0 ? a : `${a} ${value}`}`)]
}

/** The program of a command line: its base name. */
export const programName = (word: string) => word.split('/').pop() ?? word

/** `/app/bin/sync` is the application's own program, not coreutils' sync. */
export const ownProgram = (word: string) => word.includes('/') && !SYSTEM_BIN.test(word)

/** Effects of one command line; an unknown program is opaque, but URLs and host:port it is given still count. */
export function classifyProgram(words: string[], ctx: ToolContext): Effect[] {
  if (!words.length) return []
  // The tail of a `[[ … || … ]]` test the reader split at `||`: an expression, not a program.
  if (words.includes(']]')) return local('[[')
  const program = programName(words[0]!)
  const known = lookupProgram(program)
  if (known && !(ownProgram(words[0]!) && known.entry.commonName)) return known.rule(words.slice(1), ctx, program)
  // From here on the program is unknown: what it is given is evidence, not knowledge (issue 13 item 4).
  if (ctx.libraries && /^[a-z_][a-z0-9_]*$/.test(program) && !words[0]!.includes('/')) {
    return [likely(REMOTE_FUNCTION.test(program) ? connect(destination(undefined, undefined), `${program}, a function of a sourced library, reaches a remote service`) : { kind: 'local', program })]
  }
  const args = words.slice(1)
  const named = args.flatMap((a, i) => {
    const value = a.replace(/^--?[\w.-]+=/, '')
    const urls = urlEffects(value, `${program} is given`)
    if (urls.length) return urls
    const hp = hostPort(value)
    if (hp && hp.port !== undefined) return [connect(hp, `${program} is given ${a}`)]
    return hostFlag(args, i, program)
  })
  // Told the name of a Secret or ConfigMap to read: it reads it through the API server.
  const told = args.find((a) => /^--?[\w.-]+/.test(a) && K8S_OBJECT_FLAG.test(a.split('=')[0]!))
  if (told) named.push(...apiServer(undefined, program, `reads ${told}`))
  if (/migrat/i.test(program) || /^(db:)?migrat/i.test(words[1] ?? '')) return [...named, ...(named.length ? [] : databaseEffects(words, ctx, `${program} runs database migrations`))].map(likely)
  if (named.length) return named.map(likely)
  // A program given by path may be a script mounted from a ConfigMap.
  return [words[0]!.includes('/') ? { kind: 'file', path: words[0]!, interpreter: 'exec' } : { kind: 'opaque', program, why: `runs ${words[0]}` }]
}
