// Network need of one application init container (ref §8 step 6): read its command line, the
// scripts it runs (inline or mounted from a ConfigMap in the input), its env, and what
// well-known tools and images do. Every decision keeps the words that led to it as evidence.
import type { Container, PodSpec } from '../../model/k8s.js'
import type { NetworkNeed } from '../result/result.js'
import { type Destination, POD_IP, describe, destination, findUrls, hostPort, isLoopback, looksLikeHost, portOf } from '../syntax/destinations.js'
import { type Effect, type ToolContext, connect } from '../catalog/effect.js'
import { imageInfo, imageRepository, isRunner, lookupProgram, lookupScript } from '../catalog/registry.js'
import { type Functions, NAMESPACE, parseShell, unknown } from '../syntax/shell.js'
import { classifyProgram, ownProgram, programName } from './tools.js'

export interface Traffic {
  dest: Destination
  /** TCP connection, or a DNS lookup only. */
  proto: 'tcp' | 'dns'
  evidence: string
}

export interface NetworkAnalysis {
  need: NetworkNeed
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

const NET_CODE = /\b(socket\.(socket|create_connection|connect)|create_connection|urlopen|requests\.(get|post|put|head|delete|patch|Session|request)|httpx\.|urllib\.request|urllib3|http\.client|psycopg2?\.connect|pymysql\.connect|MySQLdb\.connect|mysql\.connector|redis\.(Redis|StrictRedis|from_url)|MongoClient|boto3|google\.cloud|KafkaProducer|KafkaConsumer|fetch\(|https?\.(get|request)\(|net\.(connect|createConnection)|axios|mongoose\.connect|new (Pool|Client)\(|IO::Socket|LWP::|Net::HTTP|TCPSocket|open-uri|gethostbyname|getaddrinfo|smtplib|ftplib|paramiko|create_engine\(|hvac\.Client|kubernetes\.client|load_incluster_config)/
const LOCAL_MODULES = new Set(['os', 'sys', 'json', 'shutil', 'pathlib', 'yaml', 're', 'base64', 'hashlib', 'glob', 'string', 'time', 'datetime', 'stat', 'tempfile', 'textwrap', 'fs', 'path', 'crypto', 'util', 'jinja2', 'secrets', 'uuid', 'random', 'configparser', 'argparse', 'subprocess', 'fs/promises', 'node:fs', 'node:path', 'child_process'])

/** Inline code (`python -c`) or a mounted program file: network APIs, else local if it imports only local modules. */
function codeEffects(text: string, language: string): Effect[] {
  const api = NET_CODE.exec(text)
  if (api) {
    const urls = findUrls(text).filter((u) => !u.local).map((u) => connect(u.dest, `${language} code opens ${u.text}`))
    const pairs = [...text.matchAll(/['"(]\s*['"]?([A-Za-z0-9.-]+)['"]?\s*,\s*(\d{2,5})\s*\)/g)].map((m) => connect(destination(m[1], portOf(m[2])), `${language} code connects to ${m[1]}:${m[2]}`))
    const found = [...urls, ...pairs]
    return found.length ? found : [connect(destination(undefined, undefined), `${language} code uses ${api[0]}`)]
  }
  const modules = [...text.matchAll(/^\s*(?:import\s+([\w.]+)|from\s+([\w.]+)\s+import)|require\(\s*['"]([^'"]+)['"]\s*\)|from\s+['"]([^'"]+)['"]/gm)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4])!.split('.')[0]!)
  const foreign = modules.filter((m) => !LOCAL_MODULES.has(m))
  return foreign.length ? [{ kind: 'opaque', program: language, why: `${language} code imports ${foreign.join(', ')}` }] : [{ kind: 'local', program: language }]
}

const ENV_HOST_NAME = /(^|_)(HOST|HOSTNAME|URL|URI|ADDR|ADDRESS|ENDPOINT|SERVER|SERVERS|DSN|BROKERS?|BOOTSTRAP_SERVERS)$/
/** Env or flags naming Kubernetes objects: a program told which ConfigMap, Secret or ServiceAccount to use reads it through the API. */
const K8S_OBJECT_NAME = /(CONFIG_?MAP|SECRET_NAME|SERVICE_?ACCOUNT|ROLE_NAME|configmap|config-map|secret-name|serviceaccount|kubeconfig)/
/** Program names that say they only prepare the filesystem (copy binaries, permissions, keystores). */
const LOCAL_NAME = /(^|[-_])(fs|filesystem|perms?|permissions|chown|chmod|mkdir|dirs|copy|cp|keystore|keygen)([-_.]|$)/i
const NAME_HINT = /(^|[-_])(wait|migrat\w*|download\w*|fetch\w*|clone|vault|kubectl|db-?init|init-?db|create-?db|check-?db)([-_]|$)/i
const IMAGE_HINT = /(^|[-_])(wait-?for|kubectl|curl|git|migrat\w*|flyway|liquibase|vault|download\w*|fetch\w*|rclone|gsutil)([-_]|$)/i

/** Network hints for an opaque program: env naming a remote endpoint, the container's name or image. */
function hints(c: Container, env: Map<string, string | undefined>, opaquePrograms: string[]): Effect[] {
  const out: Effect[] = []
  for (const [name, value] of env) {
    if (value === undefined) {
      if (ENV_HOST_NAME.test(name)) out.push(connect(destination(undefined, portOf(env.get(name.replace(ENV_HOST_NAME, '$1PORT')) ?? '')), `env ${name} (from a Secret or the downward API) names an endpoint`))
      continue
    }
    const urls = findUrls(value).filter((u) => !u.local)
    if (urls.length) { out.push(...urls.map((u) => connect(u.dest, `env ${name}=${value}`))); continue }
    if (ENV_HOST_NAME.test(name) && looksLikeHost(value.split(':')[0]!) && !/^\d+$/.test(value)) {
      const hp = hostPort(value)
      out.push(connect(hp ?? destination(value, portOf(env.get(name.replace(ENV_HOST_NAME, '$1PORT')))), `env ${name}=${value}`))
    }
  }
  if (out.length) return out
  const told = [...env.keys()].find((n) => K8S_OBJECT_NAME.test(n)) ?? [...(c.command ?? []), ...(c.args ?? [])].map(String).find((a) => /^--?[\w.-]+=?/.test(a) && K8S_OBJECT_NAME.test(a.split('=')[0]!))
  if (told) return [{ kind: 'connect', dest: { host: unknown('KUBERNETES_SERVICE_HOST'), port: 443, resolves: false }, what: `${told} names a Kubernetes object, read through the API server` }]
  const name = c.name ?? ''
  if (NAME_HINT.test(name)) return [connect(destination(undefined, undefined), `its name "${name}" says it needs a remote service`)]
  const program = opaquePrograms.find((p) => NAME_HINT.test(p))
  if (program) return [connect(destination(undefined, undefined), `the program name "${program}" says it needs a remote service`)]
  const image = imageRepository(c.image ?? '').split('/').pop()!
  if (IMAGE_HINT.test(image)) return [connect(destination(undefined, undefined), `image ${image} is a network tool`)]
  return []
}

/** The argv the container really runs: command, else the image's entrypoint + args (ref: Docker/Kubernetes semantics). */
function argv(c: Container, env: Map<string, string | undefined>): { words: string[]; from: string } | { opaque: string } {
  const command = (c.command ?? []).map((w) => expandK8s(String(w), env))
  const args = (c.args ?? []).map((w) => expandK8s(String(w), env))
  if (command.length) return { words: [...command, ...args], from: 'command' }
  const info = imageInfo(c.image)
  if (info?.entrypoint) return { words: [...info.entrypoint, ...(args.length ? args : info.cmd ?? [])], from: `image ${imageRepository(c.image!)} entrypoint` }
  // Unknown images mostly exec their args (`"$@"` entrypoints): a known program or a path is the command.
  if (args.length && (info || lookupProgram(programName(args[0]!)) || /^\.?\//.test(args[0]!))) return { words: args, from: 'args' }
  if (!args.length && info) return { words: info.cmd ?? [], from: `image ${imageRepository(c.image!)} default command` }
  // The image's own entrypoint, given these args: what the args name (URLs, host:port) still counts.
  if (args.length) return { words: [`${imageRepository(c.image ?? '').split('/').pop()}-entrypoint`, ...args], from: `image ${imageRepository(c.image ?? '')} entrypoint` }
  return { opaque: `runs the entrypoint of image ${c.image ?? '(none)'}` }
}

/** A well-known program the container's image is known not to ship (ImageSpec.only), if its command starts with one. */
function missingProgram(image: string | undefined, words: string[]): string | undefined {
  const only = imageInfo(image)?.only
  const program = words[0] !== undefined && !ownProgram(words[0]) ? programName(words[0]) : undefined
  return only && program && lookupProgram(program) && !only.includes(program) ? program : undefined
}

const MAX_DEPTH = 12

/** A command line on one line, cut to `n` characters. */
const clip = (s: string, n: number) => { const one = s.replace(/\s+/g, ' '); return one.length > n ? `${one.slice(0, n - 1)}…` : one }

/** What a tool rule adds beyond the command line itself: only explanations, not echoes. */
const note = (what: string) => (/talks to|calls|downloads|env |uses |resolved|says|network tool|logs in|is given|does not|remote|database|code|listens|socket|agent/.test(what) ? ` (${what})` : '')

/** Walks every effect of the container's command line, into shells, wrappers and scripts. */
export function analyzeNetwork(c: Container, ctx: PodContext): NetworkAnalysis {
  const env = containerEnv(c, ctx)
  const lookup = (n: string) => (n === NAMESPACE ? ctx.namespace : env.get(n))
  const tools: ToolContext = { env: lookup, aliases: new Map(), libraries: false }
  const traffic: Traffic[] = []
  const localPrograms = new Set<string>()
  const loopback: string[] = []
  const opaque: string[] = []
  const seen = new Set<string>()
  const functions: Functions = { bodies: new Map(), runner: isRunner }

  const walk = (effects: Effect[], text: string, depth: number): void => {
    if (depth > MAX_DEPTH) return
    for (const e of effects) {
      switch (e.kind) {
        case 'connect': traffic.push({ dest: e.dest, proto: 'tcp', evidence: `${text} → TCP to ${describe(e.dest)}${note(e.what)}` }); break
        case 'resolve': traffic.push({ dest: e.dest, proto: 'dns', evidence: `${text} → DNS lookup of ${describe({ ...e.dest, port: undefined } as Destination)}` }); break
        case 'loopback': loopback.push(`${text} → stays on loopback${note(e.what)}`); break
        case 'local': localPrograms.add(e.program); break
        case 'opaque': opaque.push(`${text} → ${e.why}`); break
        case 'run': walk(classifyProgram(e.words, tools), text, depth + 1); break
        // A script inside a command: `sh -c: …` at the top, `<the command> → …` below it.
        case 'shell': shell(e.text, text.endsWith(':') ? text : `${clip(text, 80)} →`, depth + 1); break
        case 'code': walk(codeEffects(e.text, e.language), text, depth + 1); break
        case 'file': {
          const body = mountedFile(e.path, c, ctx)
          if (body === undefined) {
            // A script a shell or interpreter runs by name (`sh copy-lib.sh`) may be a catalog program.
            const script = e.optional || e.interpreter === 'exec' ? undefined : lookupScript(e.path)
            if (script) walk(script.rule(e.args ?? [], tools, programName(e.path)), text, depth + 1)
            else if (e.optional) tools.libraries = true
            else opaque.push(`${text} → runs ${e.path}${e.interpreter === 'exec' ? '' : ', which is not in the input'}`)
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
      if (functions.bodies.has(cmd.words[0]!) && !isRunner(cmd.words[0]!)) { localPrograms.add(cmd.words[0]!); continue }
      walk(classifyProgram(cmd.words, tools), shown, depth)
    }
  }

  const run = argv(c, env)
  // A program the image does not ship (`sh` in a distroless image) never starts: no connection, whatever CNI does.
  const missing = 'words' in run ? missingProgram(c.image, run.words) : undefined
  if (missing && 'words' in run) return { need: 'none', traffic: [], evidence: [`${run.from}: ${clip(run.words.join(' '), 160)} → image ${imageRepository(c.image!)} has no ${missing}, so the command cannot run`], programs: [] }
  if ('opaque' in run) opaque.push(run.opaque)
  else {
    // `sh -c '<script>'`: label the script's commands with the shell, not the whole script.
    const inline = run.words.length > 2 && /^-\w*c\w*$/.test(run.words[1]!) && lookupProgram(programName(run.words[0]!)) !== undefined
    walk(classifyProgram(run.words, tools), inline ? `${programName(run.words[0]!)} -c:` : `${run.from}: ${clip(run.words.join(' '), 160)}`, 0)
  }

  // Bank-Vaults rewrites containers whose env holds `vault:` references to run vault-env first.
  for (const [name, value] of env) {
    if (value?.startsWith('vault:')) walk([connect(destination(env.get('VAULT_ADDR') ? undefined : 'vault', 8200), `env ${name}=${value} is resolved by Bank-Vaults' vault-env at start`)], 'env', 0)
  }

  const programs = [...localPrograms]
  if (traffic.length) return { need: 'required', traffic, evidence: traffic.map((t) => t.evidence), programs }
  if (opaque.length) {
    const names = opaque.map((o) => /runs (\S+)/.exec(o)?.[1]?.split('/').pop() ?? '')
    const hinted = hints(c, env, names)
    if (hinted.length) {
      walk(hinted, opaque[0]!, 0)
      return { need: 'required', traffic, evidence: traffic.map((t) => t.evidence), programs }
    }
    if (names.every((n) => LOCAL_NAME.test(n))) return { need: 'none', traffic, evidence: [...opaque.map((o) => `${o} (its name says it prepares files)`)], programs }
    return { need: 'either', traffic, evidence: opaque, programs }
  }
  const evidence = [...loopback]
  if (localPrograms.size) evidence.push(`only local commands: ${[...localPrograms].join(', ')}`)
  if (!evidence.length) evidence.push('runs nothing that uses the network')
  return { need: 'none', traffic, evidence, programs }
}
