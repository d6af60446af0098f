// Network need of one application init container (ref §8 step 6): read its command line, the
// scripts it runs (inline or mounted from a ConfigMap in the input), its env, and what
// well-known tools and images do. Every decision keeps the words that led to it as evidence.
import type { Container, PodSpec } from '../../model/k8s.js'
import type { Confidence, NetworkNeed } from '../result/result.js'
import { type Destination, POD_IP, describe, destination, findUrls, hostPort, isLoopback, looksLikeHost, portOf } from '../syntax/destinations.js'
import { type Effect, type ToolContext, apiServer, connect, likely, urlEffects } from '../catalog/effect.js'
import { matchHint } from './hints.js'
import { type Credential, type Rbac, credentials, forApiServer, identityEvidence, podIdentity } from './identity.js'
import { imageInfo, imageRepository, isRunner, lookupProgram, lookupScript } from '../catalog/registry.js'
import { expandsCall, type Functions, NAMESPACE, parseShell, unknown } from '../syntax/shell.js'
import { classifyProgram, programName } from './tools.js'

export interface Traffic {
  dest: Destination
  /** TCP connection, or a DNS lookup only. */
  proto: 'tcp' | 'dns'
  evidence: string
  /** Inferred from evidence about a program the core does not know. */
  likely?: true
}

export interface NetworkAnalysis {
  need: NetworkNeed
  confidence: Confidence
  traffic: Traffic[]
  evidence: string[]
  /** Local programs it runs (a fix must know whether it needs root). */
  programs?: string[]
}

/** ConfigMap data in the input, by `namespace/name`. */
export type ConfigMaps = (namespace: string, name: string) => Record<string, string> | undefined

export interface PodContext {
  namespace: string
  spec: PodSpec
  configMaps: ConfigMaps
  /** ServiceAccounts and RBAC of the input or the cluster, when there are any. */
  rbac?: Rbac | undefined
  /** Every application container is known to use no network: the pod's API grants can only be its init containers'. */
  appsLocal?: () => boolean
}

/** Container env as the shell sees it; values from Secrets or the downward API are unknown. */
function containerEnv(c: Container, ctx: PodContext): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>()
  for (const from of c.envFrom ?? []) {
    const name = from?.configMapRef?.name
    const data = name ? ctx.configMaps(ctx.namespace, name) : undefined
    for (const [k, v] of Object.entries(data ?? {})) env.set(`${from.prefix ?? ''}${k}`, v)
  }
  for (const e of c.env ?? []) {
    if (!e?.name) continue
    if (typeof e.value === 'string' || typeof e.value === 'number') { env.set(e.name, expandK8s(String(e.value), env)); continue }
    const ref = e.valueFrom
    if (ref?.configMapKeyRef?.name && ref.configMapKeyRef.key) env.set(e.name, ctx.configMaps(ctx.namespace, ref.configMapKeyRef.name)?.[ref.configMapKeyRef.key])
    else if (ref?.fieldRef?.fieldPath === 'status.podIP' || ref?.fieldRef?.fieldPath === 'status.podIPs') env.set(e.name, POD_IP)
    else if (ref?.fieldRef?.fieldPath === 'metadata.namespace') env.set(e.name, ctx.namespace)
    else env.set(e.name, undefined)
  }
  return env
}

/** Kubernetes' own `$(VAR)` expansion in command, args and env values; `$$` escapes. */
function expandK8s(s: string, env: Map<string, string | undefined>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][\w.-]*)\)/g, (_m, name?: string) => {
    if (!name) return '$'
    return env.has(name) ? env.get(name) ?? unknown(name) : unknown(name)
  })
}

/** The text of a file a container reads from a ConfigMap volume, if the input has it. */
function mountedFile(path: string, c: Container, ctx: PodContext): string | undefined {
  for (const m of c.volumeMounts ?? []) {
    if (!m?.mountPath || !m.name) continue
    const mount = m.mountPath.replace(/\/+$/, '')
    const rel = m.subPath ? (path === mount ? m.subPath : undefined) : path.startsWith(`${mount}/`) ? path.slice(mount.length + 1) : undefined
    if (rel === undefined) continue
    const vol = (ctx.spec.volumes ?? []).find((v) => v?.name === m.name)
    const sources = [vol?.configMap, ...(vol?.projected?.sources ?? []).map((s) => s?.configMap)].filter((s) => s?.name)
    for (const cm of sources) {
      const data = ctx.configMaps(ctx.namespace, cm!.name!)
      const key = cm!.items?.find((i) => i?.path === rel)?.key ?? rel
      if (data && typeof data[key] === 'string') return data[key]
    }
  }
  return undefined
}

const LOCAL_MODULES = new Set(['os', 'sys', 'json', 'shutil', 'pathlib', 'yaml', 're', 'base64', 'hashlib', 'glob', 'string', 'time', 'datetime', 'stat', 'tempfile', 'textwrap', 'fs', 'path', 'crypto', 'util', 'jinja2', 'secrets', 'uuid', 'random', 'configparser', 'argparse', 'subprocess', 'fs/promises', 'node:fs', 'node:path', 'child_process'])

/** Inline code (`python -c`) or a mounted program file: network APIs, else local if it imports only local modules. */
function codeEffects(text: string, language: string): Effect[] {
  const api = matchHint('code', 'network', text)
  if (api) {
    const urls = findUrls(text).filter((u) => !u.local).map((u) => connect(u.dest, `${language} code opens ${u.text}`, true))
    const pairs = [...text.matchAll(/['"(]\s*['"]?([A-Za-z0-9.-]+)['"]?\s*,\s*(\d{2,5})\s*\)/g)].map((m) => connect(destination(m[1], portOf(m[2])), `${language} code connects to ${m[1]}:${m[2]}`, true))
    // A DSN or conninfo in the code: PDO's `mysql:host=db;port=3306`, libpq's `host=db port=5432`.
    const dsns = [...text.matchAll(/\bhost=([A-Za-z0-9.-]+)(?:[;\s]+(?:\w+=[^;\s'"]*[;\s]+)*?port=(\d{2,5}))?/g)].map((m) => connect(destination(m[1], portOf(m[2])), `${language} code connects to ${m[1]}${m[2] ? `:${m[2]}` : ''}`, true))
    const found = [...urls, ...pairs, ...dsns]
    // The code names where it connects: decided; only an API and no destination: likely.
    return found.length ? found : [likely(connect(destination(undefined, undefined), `${language} code uses ${api.word}, so it ${api.hint.why} (hint ${api.hint.id})`))]
  }
  const modules = [...text.matchAll(/^\s*(?:import\s+([\w.]+)|from\s+([\w.]+)\s+import)|require\(\s*['"]([^'"]+)['"]\s*\)|from\s+['"]([^'"]+)['"]/gm)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4])!.split('.')[0]!)
  const foreign = modules.filter((m) => !LOCAL_MODULES.has(m))
  return foreign.length ? [{ kind: 'opaque', program: language, why: `${language} code imports ${foreign.join(', ')}` }] : [{ kind: 'local', program: language }]
}

const ENV_HOST_NAME = /(^|_)(HOST|HOSTNAME|URL|URI|ADDR|ADDRESS|ENDPOINT|SERVER|SERVERS|DSN|BROKERS?|BOOTSTRAP_SERVERS)$/
/** Env or flags naming Kubernetes objects: a program told which ConfigMap, Secret or ServiceAccount to use reads it through the API. */
const K8S_OBJECT_NAME = /(CONFIG_?MAP|SECRET_NAME|SERVICE_?ACCOUNT|ROLE_NAME|configmap|config-map|secret-name|serviceaccount|kubeconfig)/
/**
 * Evidence for a program the core does not know, strongest first (issue 13 item 4): env naming a
 * remote endpoint; a kubeconfig or a ServiceAccount token handed to this container; env or flags
 * naming Kubernetes objects; then the hint table (names and images). All of it is `likely`.
 */
function hints(c: Container, ctx: PodContext, env: Map<string, string | undefined>, opaquePrograms: string[]): Effect[] {
  const out: Effect[] = []
  for (const [name, value] of env) {
    if (value === undefined) {
      if (ENV_HOST_NAME.test(name)) out.push(connect(destination(undefined, portOf(env.get(name.replace(ENV_HOST_NAME, '$1PORT')) ?? '')), `env ${name} (from a Secret or the downward API) names an endpoint`))
      continue
    }
    const urls = findUrls(value).filter((u) => !u.local)
    if (urls.length) { out.push(...urls.map((u) => connect(u.dest, `env ${name}=${value} names an endpoint`, true))); continue }
    if (ENV_HOST_NAME.test(name) && looksLikeHost(value.split(':')[0]!) && !/^\d+$/.test(value)) {
      const hp = hostPort(value)
      out.push(connect(hp ?? destination(value, portOf(env.get(name.replace(ENV_HOST_NAME, '$1PORT')))), `env ${name}=${value} names an endpoint`, true))
    }
  }
  if (out.length) return out.map(likely)
  const handed = credentials(c, ctx.spec, env)
  if (handed.length) return handed.map((h) => likely(credentialEffect(h, c, ctx)))
  const told = [...env.keys()].find((n) => K8S_OBJECT_NAME.test(n)) ?? [...(c.command ?? []), ...(c.args ?? [])].map(String).find((a) => /^--?[\w.-]+=?/.test(a) && K8S_OBJECT_NAME.test(a.split('=')[0]!))
  if (told) return apiServer(undefined, told, 'names a Kubernetes object, so it').map(likely)
  const id = ctx.rbac ? podIdentity(ctx.spec, ctx.namespace, ctx.rbac) : undefined
  if (id?.automount && id.grants.length && ctx.appsLocal?.()) return apiServer(undefined, 'it', `is in a pod whose ServiceAccount ${id.account} is bound to ${id.grants.join(', ')} with its token mounted, while every application container runs known local programs, so the grants are the init containers' and it`).map(likely)
  const name = c.name ?? ''
  const image = imageRepository(c.image ?? '').split('/').pop()!
  const hit = ([['its name', name], ...opaquePrograms.map((p) => ['the program name', p]), ['image', image]] as const)
    .map(([what, text]) => ({ what, text, m: matchHint(what === 'image' ? 'image' : 'name', 'network', text) })).find((x) => x.m)
  return hit ? [likely(connect(destination(undefined, undefined), `${hit.what} "${hit.text}" ${hit.m!.hint.why} (hint ${hit.m!.hint.id}: ${hit.m!.word})`))] : []
}

/** Where a handed credential is used: the API server (a kubeconfig's own server when the input has it), or the token's audience. */
function credentialEffect(h: Credential, c: Container, ctx: PodContext): Effect {
  if (h.kind === 'token') {
    if (!forApiServer(h.audience)) return connect(destination(undefined, undefined), `a ServiceAccount token for audience ${h.audience} is mounted into it (${h.where}), so it presents it to that service`)
    const id = ctx.rbac ? podIdentity(ctx.spec, ctx.namespace, ctx.rbac) : undefined
    const grants = id?.grants.length ? `; ${id.account} is bound to ${id.grants.join(', ')}` : ''
    return apiServer(undefined, 'it', `is given a ServiceAccount token of its own (${h.where})${grants}, so it`)[0]!
  }
  const text = h.path ? mountedFile(h.path, c, ctx) ?? mountedFile(`${h.path.replace(/\/+$/, '')}/config`, c, ctx) : undefined
  const server = text ? /^\s*server:\s*["']?([^"'\s]+)/m.exec(text)?.[1] : undefined
  const named = server ? urlEffects(server, `a kubeconfig (${h.where}) names the API server`)[0] : undefined
  return named ?? connect(destination(undefined, undefined), `a kubeconfig is handed to it (${h.where}), so it likely calls the API server that kubeconfig names`)
}

/** The argv the container really runs: command, else the image's entrypoint + args (ref: Docker/Kubernetes semantics). */
function argv(c: Container, env: Map<string, string | undefined>): { words: string[]; from: string } | { opaque: string } {
  const command = (c.command ?? []).map((w) => expandK8s(String(w), env))
  const args = (c.args ?? []).map((w) => expandK8s(String(w), env))
  if (command.length) return { words: [...command, ...args], from: 'command' }
  const info = imageInfo(c.image)
  if (info?.entrypoint) return { words: [...info.entrypoint, ...(args.length ? args : info.cmd ?? [])], from: `image ${imageRepository(c.image!)} entrypoint` }
  // Unknown images mostly exec their args (`"$@"` entrypoints): a known program or a path is the command.
  if (args.length && (info || lookupProgram(programName(args[0]!), c.image) || /^\.?\//.test(args[0]!))) return { words: args, from: 'args' }
  if (!args.length && info) return { words: info.cmd ?? [], from: `image ${imageRepository(c.image!)} default command` }
  // The image's own entrypoint, given these args: what the args name (URLs, host:port) still counts.
  if (args.length) return { words: [`${imageRepository(c.image ?? '').split('/').pop()}-entrypoint`, ...args], from: `image ${imageRepository(c.image ?? '')} entrypoint` }
  return { opaque: `runs the entrypoint of image ${c.image ?? '(none)'}` }
}

const MAX_DEPTH = 12

/**
 * `cmd || true`: under CNI a connection is refused at once (nothing listens on 15001, ref §2.6),
 * so such a step fails fast and the pod starts without what it does; a program that retries
 * inside still waits, so this changes neither the need nor the verdict.
 */
const IGNORED = 'its failure is ignored (|| true): a refused connection skips this step and the pod starts without it, unless the program retries on its own'

/** A command line on one line, cut to `n` characters. */
const clip = (s: string, n: number) => { const one = s.replace(/\s+/g, ' '); return one.length > n ? `${one.slice(0, n - 1)}…` : one }

/** What a rule adds beyond the command line itself: only explanations (Effect `explains`), not echoes. */
const note = (e: { what: string; explains?: true }) => (e.explains ? ` (${e.what})` : '')

/** Walks every effect of the container's command line, into shells, wrappers and scripts. */
export function analyzeNetwork(c: Container, ctx: PodContext): NetworkAnalysis {
  const env = containerEnv(c, ctx)
  const lookup = (n: string) => (n === NAMESPACE ? ctx.namespace : env.get(n))
  const tools: ToolContext = { env: lookup, aliases: new Map(), libraries: false, image: c.image }
  const traffic: Traffic[] = []
  const localPrograms = new Set<string>()
  const loopback: string[] = []
  /** Evidence lines of what the spec leaves undecided, each with the program whose name may hint at it ('' for none). */
  const opaque: { line: string; name: string }[] = []
  const absent: string[] = []
  /** A `none` that rests on what an unknown program is given (a loopback URL, a library function). */
  let guessed = false
  const seen = new Set<string>()
  const functions: Functions = { bodies: new Map(), runner: isRunner }

  const walk = (effects: Effect[], text: string, depth: number): void => {
    if (depth > MAX_DEPTH) return
    for (const e of effects) {
      switch (e.kind) {
        case 'connect': traffic.push({ dest: e.dest, proto: 'tcp', evidence: `${text} → ${e.likely ? 'likely ' : ''}TCP to ${describe(e.dest)}${e.likely ? ` (${e.what})` : note(e)}`, ...(e.likely ? { likely: true as const } : {}) }); break
        case 'resolve': traffic.push({ dest: e.dest, proto: 'dns', evidence: `${text} → ${e.likely ? 'likely ' : ''}DNS lookup of ${describe(e.dest.host === undefined ? { resolves: true } : { host: e.dest.host, resolves: true })}`, ...(e.likely ? { likely: true as const } : {}) }); break
        case 'loopback': loopback.push(`${text} → ${e.likely ? 'likely ' : ''}stays on loopback${note(e)}`); guessed ||= e.likely === true; break
        case 'local': localPrograms.add(e.program); guessed ||= e.likely === true; break
        case 'opaque': opaque.push({ line: `${text} → ${e.why}`, name: e.nameOnly ? e.program : '' }); break
        case 'absent': absent.push(`${text} → image ${imageRepository(c.image ?? '')} has no ${e.program}, so the command cannot run`); break
        case 'run': walk(classifyProgram(e.words, tools), text, depth + 1); break
        // A script inside a command: `sh -c: …` at the top, `<the command> → …` below it.
        case 'shell': shell(e.text, text.endsWith(':') ? text : `${clip(text, 80)} →`, depth + 1); break
        case 'code': walk(codeEffects(e.text, e.language), text, depth + 1); break
        case 'file': {
          const body = mountedFile(e.path, c, ctx)
          if (body === undefined) {
            // A script a shell or interpreter runs by name (`sh copy-lib.sh`) may be a catalog program.
            const script = e.optional || e.interpreter === 'exec' ? undefined : lookupScript(e.path, c.image)
            if (script) walk(script.rule(e.args ?? [], tools, programName(e.path)), text, depth + 1)
            else if (e.optional) tools.libraries = true
            else opaque.push({ line: `${text} → runs ${e.path}${e.interpreter === 'exec' ? '' : ', which is not in the input'}`, name: programName(e.path) })
            break
          }
          if (seen.has(e.path)) break
          seen.add(e.path)
          // An executed file without a shebang line is run by the shell.
          const shebang = /^#!\s*(?:\S*\/)?(?:env\s+(?:-\S+\s+)*)?(\w+)/.exec(body)?.[1]
          const language = e.interpreter === 'exec' ? shebang ?? 'sh' : e.interpreter
          if (['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox'].includes(language)) shell(body, `script ${e.path}:`, depth + 1)
          else walk(codeEffects(body, language.replace(/[\d.]+$/, '')), `script ${e.path}`, depth + 1)
          break
        }
      }
    }
  }

  const shell = (text: string, where: string, depth: number): void => {
    const script = parseShell(text, lookup, functions)
    for (const cmd of script.commands) {
      const shown = `${where} ${clip(cmd.text, 160)}`.trim()
      for (const r of cmd.redirects) {
        // bash's /dev/tcp and /dev/udp pseudo-files (ref §7 wait-for-db loops).
        const m = /^\/dev\/(tcp|udp)\/([^/]+)\/([^/]+)$/.exec(r.target)
        if (!m) continue
        const dest = destination(m[2], portOf(m[3]))
        walk([m[1] === 'tcp' ? connect(dest, `/dev/tcp/${m[2]}/${m[3]}`) : dest.resolves && !isLoopback(m[2]!) ? { kind: 'resolve', dest, what: `/dev/udp/${m[2]}` } : { kind: 'local', program: 'udp' }], shown, depth)
      }
      if (!cmd.words.length) continue
      if (expandsCall(functions, cmd.words[0]!)) { localPrograms.add(cmd.words[0]!); continue }
      const [t0, o0] = [traffic.length, opaque.length]
      walk(classifyProgram(cmd.words, tools), shown, depth)
      if (!cmd.failureIgnored) continue
      // The need stands (the step's work is lost, as the corpus labels it), but the pod is not stuck on it.
      for (const t of traffic.slice(t0)) t.evidence += ` [${IGNORED}]`
      for (let i = o0; i < opaque.length; i++) opaque[i]!.line += ` [${IGNORED}]`
    }
  }

  const run = argv(c, env)
  if ('opaque' in run) opaque.push({ line: run.opaque, name: '' })
  else {
    // `sh -c '<script>'`: label the script's commands with the shell, not the whole script.
    const inline = run.words.length > 2 && /^-\w*c\w*$/.test(run.words[1]!) && lookupProgram(programName(run.words[0]!)) !== undefined
    walk(classifyProgram(run.words, tools), inline ? `${programName(run.words[0]!)} -c:` : `${run.from}: ${clip(run.words.join(' '), 160)}`, 0)
  }

  // Bank-Vaults rewrites containers whose env holds `vault:` references to run vault-env first.
  for (const [name, value] of env) {
    if (value?.startsWith('vault:')) walk([connect(destination(env.get('VAULT_ADDR') ? undefined : 'vault', 8200), `env ${name}=${value} is resolved by Bank-Vaults' vault-env at start`, true)], 'env', 0)
  }

  const programs = [...localPrograms]
  const required = (): NetworkAnalysis => ({ need: 'required', confidence: traffic.some((t) => !t.likely) ? 'decided' : 'likely', traffic, evidence: traffic.map((t) => t.evidence), programs })
  if (traffic.length) return required()
  if (opaque.length) {
    const names = opaque.map((o) => o.name)
    const hinted = hints(c, ctx, env, names)
    if (hinted.length) {
      walk(hinted, opaque[0]!.line, 0)
      return required()
    }
    const files = names.map((n) => matchHint('name', 'local', n))
    if (files.every((m) => m)) return { need: 'none', confidence: 'likely', traffic, evidence: opaque.map((o, i) => `${o.line} (likely local: its name ${files[i]!.hint.why}, hint ${files[i]!.hint.id}: ${files[i]!.word})`), programs }
    // The pod's identity is shown, but a ServiceAccount is every container's: it decides nothing here.
    const identity = ctx.rbac ? [identityEvidence(podIdentity(ctx.spec, ctx.namespace, ctx.rbac))] : []
    return { need: 'either', confidence: 'unknown', traffic, evidence: [...opaque.map((o) => o.line), ...identity], programs }
  }
  const evidence = [...loopback, ...absent]
  if (localPrograms.size) evidence.push(`only local commands: ${[...localPrograms].join(', ')}`)
  if (!evidence.length) evidence.push('runs nothing that uses the network')
  return { need: 'none', confidence: guessed ? 'likely' : 'decided', traffic, evidence, programs }
}
