// One command line to effects (ref §8 step 6, §7): a catalog program runs its entry's rule; an
// unknown program is opaque, but the URLs, host:port pairs and Kubernetes objects it is given count.
import { destination, hostPort } from '../syntax/destinations.js'
import { type Effect, type ToolContext, apiServer, connect, databaseEffects, likely, local, urlEffects } from '../catalog/effect.js'
import { absentFrom, lookupProgram } from '../catalog/registry.js'

/** Flags naming Kubernetes objects (`--config-secret-name`, `--configmap`, `--kubeconfig`). */
const K8S_OBJECT_FLAG = /(configmap|config-map|secret-name|serviceaccount|kubeconfig)/i

/** Library function names that say they reach a remote service (Bitnami's `*_wait_for_db_connection`). */
const REMOTE_FUNCTION = /wait_for|connect|migrat|download|fetch|clone|curl|http|remote|upload/

const SYSTEM_BIN = /^\/(usr\/(local\/)?)?s?bin\/[^/]+$/

/** The program of a command line: its base name. */
export const programName = (word: string) => word.split('/').pop() ?? word

/** `/app/bin/sync` is the application's own program, not coreutils' sync. */
const ownProgram = (word: string) => word.includes('/') && !SYSTEM_BIN.test(word)

/** JVM launcher options whose value is the next word. */
const JAVA_VALUED = new Set(['-cp', '-classpath', '--class-path', '-p', '--module-path', '--add-modules', '--add-opens', '--add-exports', '--add-reads', '--upgrade-module-path'])

/**
 * The command line a JVM runs, when the catalog knows the program: `java -jar /opt/keycloak-config-cli-6.1.jar`
 * is keycloak-config-cli (the jar's name without version and packaging suffixes), `java -cp … org.flywaydb.commandline.Main`
 * is the entry naming that class. Otherwise undefined, and the JVM is read like any program we do not know.
 */
function launchedByJava(args: string[], image: string | undefined): string[] | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '-jar') {
      const name = programName(args[i + 1] ?? '').replace(/\.jar$/, '').replace(/-(all|shaded|standalone|uber|fat|jar-with-dependencies)$/, '').replace(/-v?\d[\w.-]*$/, '')
      return name && lookupProgram(name, image) ? [name, ...args.slice(i + 2)] : undefined
    }
    if (JAVA_VALUED.has(a)) { i++; continue }
    if (!a.startsWith('-')) return lookupProgram(a, image) ? args.slice(i) : undefined
  }
  return undefined
}

/** Effects of one command line; an unknown program is opaque, but URLs and host:port it is given still count. */
export function classifyProgram(words: string[], ctx: ToolContext): Effect[] {
  if (!words.length) return []
  // The tail of a `[[ … || … ]]` test the reader split at `||`: an expression, not a program.
  if (words.includes(']]')) return local('[[')
  const program = programName(words[0]!)
  // `curl` in a busybox image, `sh` in a distroless one: not found, so no connection whatever CNI does.
  if (!ownProgram(words[0]!) && absentFrom(ctx.image, program)) return [{ kind: 'absent', program }]
  const jvm = program === 'java' ? launchedByJava(words.slice(1), ctx.image) : undefined
  if (jvm) return classifyProgram(jvm, ctx)
  const known = lookupProgram(program, ctx.image)
  if (known && !(ownProgram(words[0]!) && known.entry.commonName)) return known.rule(words.slice(1), ctx, program)
  // From here on the program is unknown: what it is given is evidence, not knowledge (issue 13 item 4).
  if (ctx.libraries && /^[a-z_][a-z0-9_]*$/.test(program) && !words[0]!.includes('/')) {
    return [likely(REMOTE_FUNCTION.test(program) ? connect(destination(undefined, undefined), `${program}, a function of a sourced library, reaches a remote service`) : { kind: 'local', program })]
  }
  const args = words.slice(1)
  const named = args.flatMap((a) => {
    const value = a.replace(/^--?[\w.-]+=/, '')
    const urls = urlEffects(value, `${program} is given`, true)
    if (urls.length) return urls
    const hp = hostPort(value)
    return hp && hp.port !== undefined ? [connect(hp, `${program} is given ${a}`, true)] : []
  })
  // Told the name of a Secret or ConfigMap to read: it reads it through the API server.
  const told = args.find((a) => /^--?[\w.-]+/.test(a) && K8S_OBJECT_FLAG.test(a.split('=')[0]!))
  if (told) named.push(...apiServer(undefined, program, `reads ${told}`))
  if (/migrat/i.test(program) || /^(db:)?migrat/i.test(words[1] ?? '')) return [...named, ...(named.length ? [] : databaseEffects(words, ctx, `${program} runs database migrations`, true))].map(likely)
  if (named.length) return named.map(likely)
  // A program given by path may be a script mounted from a ConfigMap.
  return [words[0]!.includes('/') ? { kind: 'file', path: words[0]!, interpreter: 'exec' } : { kind: 'opaque', program, why: `runs ${words[0]}`, nameOnly: true }]
}
