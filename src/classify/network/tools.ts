// One command line to effects (ref §8 step 6, §7): a catalog program runs its entry's rule; an
// unknown program is opaque, but the URLs, host:port pairs and Kubernetes objects it is given count.
import { destination, hostPort } from '../syntax/destinations.js'
import { type Effect, type ToolContext, apiServer, connect, databaseEffects, local, urlEffects } from '../catalog/effect.js'
import { lookupProgram } from '../catalog/registry.js'

/** Flags naming Kubernetes objects (`--config-secret-name`, `--configmap`, `--kubeconfig`). */
const K8S_OBJECT_FLAG = /(configmap|config-map|secret-name|serviceaccount|kubeconfig)/i

/** Library function names that say they reach a remote service (Bitnami's `*_wait_for_db_connection`). */
const REMOTE_FUNCTION = /wait_for|connect|migrat|download|fetch|clone|curl|http|remote|upload/

const SYSTEM_BIN = /^\/(usr\/(local\/)?)?s?bin\/[^/]+$/

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
  if (ctx.libraries && /^[a-z_][a-z0-9_]*$/.test(program) && !words[0]!.includes('/')) {
    return REMOTE_FUNCTION.test(program) ? [connect(destination(undefined, undefined), `${program}, a function of a sourced library, reaches a remote service`)] : local(program)
  }
  const named = words.slice(1).flatMap((a) => {
    const value = a.replace(/^--?[\w.-]+=/, '')
    const urls = urlEffects(value, `${program} is given`)
    if (urls.length) return urls
    const hp = hostPort(value)
    return hp && hp.port !== undefined ? [connect(hp, `${program} is given ${a}`)] : []
  })
  // Told the name of a Secret or ConfigMap to read: it reads it through the API server.
  const told = words.slice(1).find((a) => /^--?[\w.-]+/.test(a) && K8S_OBJECT_FLAG.test(a.split('=')[0]!))
  if (told) named.push(...apiServer(undefined, program, `reads ${told}`))
  if (/migrat/i.test(program) || /^(db:)?migrat/i.test(words[1] ?? '')) return [...named, ...(named.length ? [] : databaseEffects(words, ctx, `${program} runs database migrations`))]
  if (named.length) return named
  // A program given by path may be a script mounted from a ConfigMap.
  return [words[0]!.includes('/') ? { kind: 'file', path: words[0]!, interpreter: 'exec' } : { kind: 'opaque', program, why: `runs ${words[0]}` }]
}
