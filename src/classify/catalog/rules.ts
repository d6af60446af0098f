// Named rules: behaviour no effect template expresses, each a small function of its entry's
// params returning the Rule it applies (entries name them as `{ rule: 'dbTool', params: {…} }`).
// Factories with params replace the copy-pasted lambdas of one family; the rest are bespoke.
import { afterDashDash, flag, has, hasShort, positionals } from '../syntax/args.js'
import { destination, hostPort, looksLikeHost, portOf } from '../syntax/destinations.js'
import { UNKNOWN_RE } from '../syntax/shell.js'
import { type Effect, type Rule, apiServer, connect, databaseEffects, local, loopback, opaque, resolve, urlEffects } from './effect.js'

type Params = Record<string, unknown>
type NamedRule = (params: Params) => Rule

const strings = (p: Params, key: string): string[] => (p[key] as string[] | undefined) ?? []
const text = (p: Params, key: string): string => p[key] as string
const num = (p: Params, key: string): number => p[key] as number

/** Words after options (`valued` take a value) and `positional` further words: `timeout 30 cmd`, `su-exec user cmd`. */
export function skipOptions(args: string[], valued: string[], positional = 0): number {
  let i = 0
  while (i < args.length && args[i]!.startsWith('-')) { if (args[i] === '--') return i + 1 + positional; if (valued.includes(args[i]!)) i++; i++ }
  return i + positional
}

/** `--server` / `-s`, the Kubernetes clients' way to name another API server. */
const server = (args: string[]) => flag(args, ['--server', '-s'])

/** Destinations of a database client: a URL, `host=` conninfo, `-h host -p port`, env, else the client's default. */
const dbTool: NamedRule = (p) => (args, ctx, program) => {
  const env = strings(p, 'env')
  const urls = args.flatMap((a) => urlEffects(a, program))
  if (urls.length) return urls
  const conninfo = args.map((a) => /\bhost=(\S+)/.exec(a)?.[1]).find(Boolean)
  const host = flag(args, strings(p, 'host')) ?? conninfo ?? (env[0] ? ctx.env(env[0]) : undefined)
  const port = portOf(flag(args, strings(p, 'port')) ?? (env[1] ? ctx.env(env[1]) : undefined)) ?? num(p, 'defaultPort')
  if (!host) return p.socketDefault ? [loopback(`${program} (local socket)`, true)] : [connect(destination('localhost', port), program)]
  return [connect(destination(host, port), `${program} ${host}:${port}`)]
}

/** The API a client names only by a flag or env var (Vault, Consul, etcd); a config file may name it instead. */
const addressTool: NamedRule = (p) => (args, ctx, program) => {
  const sub = positionals(args)[0]
  if ((sub && strings(p, 'localSubs').includes(sub)) || has(args, '-v', '--version', '-h', '--help', 'version')) return local(program)
  const configured = flag(args, ['-config', '--config', '-c'])
  const addr = flag(args, strings(p, 'flags')) ?? ctx.env(text(p, 'env')) ?? (configured ? undefined : text(p, 'default'))
  if (addr === undefined) return [connect(destination(undefined, undefined), `${program} ${sub ?? ''} uses the address in ${configured}`.replace(/\s+/g, ' '), true)]
  const urls = urlEffects(addr, `${program} at`)
  return urls.length ? urls : [connect(hostPort(addr) ?? destination(addr, undefined), `${program} at ${addr}`)]
}

const KUBECTL_VALUED = ['-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--token', '--cluster', '--user', '-l', '--selector', '-o', '--output', '--request-timeout', '--as', '-f', '--filename', '-c', '--container', '--for', '--timeout', '--field-selector', '-p', '--patch', '--type', '--image', '-i', '--replicas', '--from-literal', '--from-file', '-k']
const kubectl: NamedRule = () => (args, _ctx, program) => {
  const sub = positionals(args, KUBECTL_VALUED)[0]
  if (!sub || ['config', 'completion', 'kustomize', 'help', 'plugin', 'options'].includes(sub) || has(args, '--help', '-h')) return local(program)
  if (sub === 'version' && has(args, '--client')) return local(program)
  if (has(args, '--dry-run=client', '--local')) return local(program)
  return apiServer(server(args), program, sub)
}

const helm: NamedRule = () => (args, _ctx, program) => {
  const pos = positionals(args, ['-n', '--namespace', '-f', '--values', '--set', '--version', '--kube-context', '--repo', '-o', '--output'])
  const sub = pos[0]
  if (!sub || ['template', 'lint', 'package', 'version', 'create', 'env', 'completion', 'help'].includes(sub)) {
    const repo = flag(args, ['--repo'])
    return repo ? urlEffects(repo, `${program} ${sub ?? ''} --repo`) : local(program)
  }
  const urls = pos.flatMap((x) => urlEffects(x, `${program} ${sub}`))
  return urls.length ? urls : apiServer(server(args), program, sub)
}

const git: NamedRule = () => (args, _ctx, program) => {
  const pos = positionals(args, ['-C', '-c', '--git-dir', '--work-tree', '-b', '--branch', '--depth', '-o', '--origin', '--reference', '-j', '--jobs', '--config', '--filter', '--separate-git-dir'])
  const sub = pos[0]
  if (!sub || !['clone', 'fetch', 'pull', 'push', 'ls-remote', 'submodule', 'remote', 'archive'].includes(sub)) return local(program)
  if (sub === 'remote' && pos[1] !== 'update') return local(program)
  if (sub === 'submodule' && !['update', 'sync', 'foreach'].includes(pos[1] ?? '')) return local(program)
  const remote = pos.slice(1).find((x) => x.includes('://') || /^[\w.-]+@[\w.-]+:/.test(x))
  if (remote) {
    const scp = /^[\w.-]+@([\w.-]+):/.exec(remote)
    if (scp) return [connect(destination(scp[1], 22), `${program} ${sub} over ssh ${remote}`)]
    const urls = urlEffects(remote, `${program} ${sub}`)
    if (urls.length) return urls
  }
  // A literal path without a scheme is a local clone; a value the spec does not give is, as charts use it, the remote.
  if (sub === 'clone' && pos[1] && !pos[1].includes(':') && !UNKNOWN_RE.test(pos[1])) return local(program)
  return [connect(destination(undefined, undefined), `${program} ${sub} from a remote the spec does not name`, true)]
}

const netcat: NamedRule = () => (args, _ctx, program) => {
  if (hasShort(args, 'l') || has(args, '--listen')) return [loopback(`${program} listens`, true)]
  const pos = positionals(args, ['-w', '-i', '-p', '-s', '-q', '-W', '-e', '-c', '-x', '-X', '-O', '-I', '-T', '-V', '-G', '-g', '--wait'])
  const [host, port] = pos
  const udp = hasShort(args, 'u') || has(args, '--udp')
  if (!host) return opaque(program, `${program} without a destination`)
  // UDP is never redirected; only the lookup of a name can be (ref §2.4).
  if (udp) return resolve(host, `${program} -u ${host}`)
  return [connect(destination(host, portOf(port) ?? portOf(port?.split(/[-,]/)[0]) ?? (program === 'telnet' ? 23 : undefined)), `${program} ${host}${port ? ` ${port}` : ''}`)]
}

/** curl/wget-style clients: every URL (or `host:port/path`) they are given; a proxy replaces the destination. */
const httpClient: NamedRule = (p) => (args, _ctx, program) => {
  if (flag(args, ['--unix-socket', '--abstract-unix-socket'])) return [loopback(`${program} over a Unix socket`, true)]
  const proxy = flag(args, ['-x', '--proxy'])
  const targets = [...positionals(args, strings(p, 'valued')), ...[flag(args, ['--url'])].filter((u): u is string => !!u)]
  const out: Effect[] = []
  for (const t of targets) {
    const spec = t.includes('://') ? t : looksLikeHost(t.split(/[/:]/)[0] ?? '') && /[.:\u27E8]|^localhost/.test(t) ? `http://${t}` : undefined
    if (spec) out.push(...urlEffects(spec, program))
  }
  if (proxy && out.some((e) => e.kind === 'connect')) return urlEffects(proxy.includes('://') ? proxy : `http://${proxy}`, `${program} via proxy`)
  return out.length ? out : opaque(program, `${program} with a URL the spec does not give`)
}

/** ICMP is never redirected: only resolving the name can be captured (ref §2.4). */
const ping: NamedRule = () => (args, _ctx, program) => {
  const host = positionals(args, ['-c', '-i', '-W', '-w', '-s', '-t', '-I', '-p', '-Q', '-l', '-m']).at(-1)
  return resolve(host, `${program} ${host ?? ''}`.trim())
}

const lookup: NamedRule = () => (args, _ctx, program) => {
  const pos = positionals(args, ['-type', '-t', '-c', '-p', '-q', '-W', '-port', '-timeout', '-class', '-x', '-f', '-k', '-y', '-b', '-4', '-6'])
    .filter((x) => !x.startsWith('@') && !x.startsWith('+'))
  if (program === 'getent' && !['hosts', 'ahosts', 'ahostsv4', 'ahostsv6'].includes(pos[0] ?? '')) return local(program)
  const name = program === 'getent' ? pos[1] : pos[0]
  return resolve(name, `${program} ${name ?? ''}`.trim())
}

/** `wait-for-it host:port`, `wait-for host:port -- cmd`, `dockerize -wait tcp://…`. */
const waiter: NamedRule = () => (args, _ctx, program) => {
  const out: Effect[] = []
  for (const a of args.slice(0, afterDashDash(args) ? args.indexOf('--') : args.length)) {
    const urls = urlEffects(a, program)
    if (urls.length) { out.push(...urls); continue }
    const hp = hostPort(a.replace(/^-(?:h|-host)=?/, ''))
    if (hp) out.push(connect(hp, `${program} ${a}`))
  }
  const host = flag(args, ['-h', '--host'])
  if (host) out.push(connect(destination(host, portOf(flag(args, ['-p', '--port']))), `${program} ${host}`))
  const then = afterDashDash(args)
  if (then?.length) out.push({ kind: 'run', words: then })
  if (program === 'dockerize' && !out.length) return local(program)
  return out.length ? out : opaque(program, `${program} with a target the spec does not give`)
}

/** Migration and schema tools connect to the database named by args or env; some subcommands stay local. */
const migrationTool: NamedRule = (p) => (args, ctx, program) => {
  const sub = positionals(args)[0] ?? ''
  const networkSubs = p.networkSubs as string[] | undefined
  if (has(args, '-v', '--version', 'version', '-h', '--help', 'help') || strings(p, 'localSubs').includes(sub)) return local(program)
  if (networkSubs && !networkSubs.some((s) => sub.startsWith(s))) return opaque(program, `${program} ${sub}`)
  return databaseEffects(args, ctx, `${program} ${sub}`.trim())
}

/** `rails db:migrate`, `manage.py migrate`, `artisan migrate`: only database tasks connect. */
const appTasks: NamedRule = (p) => {
  const network = new RegExp(text(p, 'network'))
  const localTasks = new RegExp(text(p, 'local'))
  return (args, ctx, program) => {
    const task = positionals(args).find((x) => network.test(x) || localTasks.test(x))
    if (!task) {
      const urls = args.flatMap((a) => urlEffects(a.replace(/^[\w-]+=/, ''), `${program} ${positionals(args)[0] ?? ''}`.trim()))
      return urls.length ? urls : opaque(program, `${program} ${positionals(args).join(' ')}`.trim())
    }
    return localTasks.test(task) ? local(program) : databaseEffects(args, ctx, `${program} ${task}`)
  }
}

/** Package managers download from their registry (or the index a flag names) for the subcommands that fetch. */
const packageManager: NamedRule = (p) => (args, _ctx, program) => {
  const host = text(p, 'host')
  const sub = positionals(args, ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--target', '-t', '--prefix', '--root', '-X', '--repository'])[0]
  if (!sub || !strings(p, 'subs').includes(sub) || has(args, '--no-index', '--offline', '--no-network')) return local(program)
  const index = flag(args, ['-i', '--index-url', '--registry', '-X', '--repository'])
  return index ? urlEffects(index, `${program} ${sub} from`) : [connect(destination(host, num(p, 'port')), `${program} ${sub} downloads from ${host}`, true)]
}

/** `npm run <script>`: a migration or seed script connects to the database; the rest is a package manager. */
const npm: NamedRule = (p) => {
  const pm = packageManager(p)
  const script = (name: string, args: string[], ctx: Parameters<Rule>[1], program: string) =>
    (/migrat|seed|db:/.test(name) ? databaseEffects(args, ctx, `${program} run ${name}`) : opaque(program, `${program} run ${name}`))
  // Yarn and pnpm run a script or an installed binary named by a word that is not one of their commands
  // (`pnpm db:push`, `yarn prisma migrate deploy`); `exec` runs a binary of node_modules/.bin.
  const commands = new Set(p.ownCommands as string[] | undefined)
  return (args, ctx, program) => {
    const [sub = '', next = ''] = positionals(args)
    if (sub === 'run' || sub === 'run-script') return script(next, args, ctx, program)
    // Bare `yarn` (options only) is `yarn install`.
    if (!sub && p.bareInstalls) return pm(['install', ...args], ctx, program)
    if (!p.ownCommands || !sub || commands.has(sub)) return pm(args, ctx, program)
    if (sub === 'exec') return [{ kind: 'run', words: args.slice(args.indexOf(sub) + 1) }]
    return /migrat|seed|db:/.test(sub) ? script(sub, args, ctx, program) : [{ kind: 'run', words: args.slice(args.indexOf(sub)) }]
  }
}

/** `bundle exec cmd` runs cmd; the rest downloads gems. */
const bundle: NamedRule = (p) => {
  const pm = packageManager(p)
  return (args, ctx, program) => (args[0] === 'exec' ? [{ kind: 'run', words: args.slice(1) }] : pm(args, ctx, program))
}

/** Cloud CLIs: every call but local configuration goes to the provider's API. */
const cloudCli: NamedRule = (p) => (args, _ctx, program) => {
  const host = text(p, 'host')
  const pos = positionals(args, ['--region', '--profile', '--endpoint-url', '--project', '-o', '--output', '--subscription', '--config'])
  if (!pos.length || strings(p, 'localSubs').includes(pos[0]!) || has(args, '--version', 'version', '--help', 'help')) return local(program)
  if (pos[0] === 'configure' || (pos[0] === 'config' && pos[1] !== 'get')) return local(program)
  const endpoint = flag(args, ['--endpoint-url', '--endpoint'])
  if (endpoint) return urlEffects(endpoint, `${program} ${pos[0]}`)
  return [connect(destination(host, 443), `${program} ${pos.slice(0, 2).join(' ')} calls ${host}`, true)]
}

/** Object-store copy tools: a remote side (`s3://`, `remote:path`, an `mc` alias) means a download or upload. */
const copyTool: NamedRule = (p) => (args, ctx, program) => {
  const pos = positionals(args, ['--config', '-C', '--transfers', '--checkers', '--include', '--exclude', '--filter'])
  if (!pos.length || strings(p, 'localSubs').includes(pos[0]!) || has(args, '--version', 'version', '--help')) return local(program)
  if (p.aliases && pos[0] === 'alias' && pos[1] === 'set' && pos[3]) {
    ctx.aliases.set(pos[2]!, pos[3])
    return urlEffects(pos[3], `${program} alias set`)
  }
  const urls = pos.flatMap((x) => urlEffects(x, program)).filter((e) => e.kind !== 'local')
  if (urls.length) return urls
  // mc targets are `alias/bucket`: the alias was set earlier or comes from MC_HOST_<alias>.
  for (const target of p.aliases ? pos.slice(1) : []) {
    const alias = target.split('/')[0]!
    const url = ctx.aliases.get(alias) ?? ctx.env(`MC_HOST_${alias}`)
    if (url) return urlEffects(url, `${program} ${pos[0]} ${target}`)
  }
  const remote = pos.slice(1).find((x) => /^[\w.-]+:/.test(x) && !x.startsWith('/'))
  if (remote || pos.length <= 1) {
    const endpoint = ctx.env('MC_HOST') ?? ctx.env('AWS_ENDPOINT_URL') ?? ctx.env('RCLONE_S3_ENDPOINT')
    if (endpoint) return urlEffects(endpoint, `${program} ${pos[0]} ${remote ?? ''}`.trim())
    return [connect(destination(undefined, 443), `${program} ${pos[0]} ${remote ?? ''}`.trim())]
  }
  return local(program)
}

const openssl: NamedRule = () => (args, _ctx, program) => {
  if (args[0] !== 's_client') return local(program)
  const hp = flag(args, ['-connect']) ?? 'localhost:4433'
  return [connect(hostPort(hp) ?? destination(hp, 443), `${program} s_client -connect ${hp}`)]
}

/** ssh and ssh-keyscan take a host; scp, sftp and rsync a `[user@]host:path` or a URL. */
const ssh: NamedRule = () => (args, _ctx, program) => {
  const port = portOf(flag(args, ['-p', '-P', '--port']))
  if (program === 'ssh' || program === 'ssh-keyscan') {
    const host = positionals(args, ['-p', '-i', '-o', '-l', '-F', '-J', '-L', '-R', '-D', '-t', '-T', '-f'])[0]
    return host ? [connect(destination(host.replace(/^.*@/, ''), port ?? 22), `${program} ${host}`)] : local(program)
  }
  const remote = args.find((a) => /^(?:[\w.-]+@)?[\w.-]+:/.test(a) && !a.startsWith('-'))
  const urls = args.flatMap((a) => urlEffects(a, program))
  if (urls.length) return urls
  return remote ? [connect(destination(remote.replace(/^.*@/, '').split(':')[0], port ?? 22), `${program} ${remote}`)] : local(program)
}

const grpc: NamedRule = () => (args, _ctx, program) => {
  const addr = flag(args, ['-addr', '--addr']) ?? positionals(args, ['-d', '-H', '-import-path', '-proto', '-connect-timeout', '-max-time', '-authority', '-service', '-rpc-header'])[0]
  const dest = addr ? hostPort(addr) ?? destination(addr, undefined) : undefined
  return dest ? [connect(dest, `${program} ${addr}`)] : opaque(program, `${program} without an address`)
}

/** Kafka and ZooKeeper tools: every server of the bootstrap list. */
const kafka: NamedRule = () => (args, _ctx, program) => {
  const list = flag(args, ['--bootstrap-server', '--broker-list', '-b', '--zookeeper', '-server'])
  if (!list) return opaque(program, `${program} without a server list`)
  return list.split(',').map((hp) => connect(hostPort(hp) ?? destination(hp, undefined), `${program} ${hp}`))
}

/** `sh -c '…'`, `sh script.sh`, `bash -ec '…'`. */
const shell: NamedRule = () => (args, _ctx, program) => {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '-o' || a === '+o') { i++; continue }
    // `sh -c -- 'script'`: `--` ends the options, the script follows (cilium's mount-bpf-fs, ROCm's test-runner example).
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) return [{ kind: 'shell', text: (args[i + 1] === '--' ? args[i + 2] : args[i + 1]) ?? '' }]
    if (a.startsWith('-') || a.startsWith('+')) continue
    return [{ kind: 'file', path: a, interpreter: program, args: args.slice(i + 1) }]
  }
  return local(program)
}

const INLINE_CODE_FLAGS: Record<string, string[]> = { python: ['-c'], node: ['-e', '--eval', '-p', '--print'], perl: ['-e', '-E'], ruby: ['-e'], php: ['-r'] }
/**
 * Each interpreter's options that take a separate value, so the script is the first word after them:
 * `php -d memory_limit=-1 bin/magento` (php -d/-c/-z), `node -r dotenv/config app.js`; python's -I takes none.
 */
const VALUED_OPTIONS: Record<string, string[]> = { python: ['-W', '-X'], node: ['--require', '-r', '--import'], php: ['-d', '-c', '-z'], ruby: ['-I', '-r'] }

/** `python -c`, `python -m mod`, `node script.js`: inline code, a module run as a program, or a script file. */
const interpreter: NamedRule = () => (args, _ctx, program) => {
  const language = program.replace(/[\d.]+$/, '')
  const code = flag(args, INLINE_CODE_FLAGS[language] ?? [])
  if (code !== undefined) return [{ kind: 'code', text: code, language }]
  const mod = language === 'python' ? flag(args, ['-m']) : undefined
  if (mod) return [{ kind: 'run', words: [mod, ...args.slice(args.indexOf(mod) + 1)] }]
  const file = positionals(args, VALUED_OPTIONS[language] ?? [])[0]
  if (!file) return local(program)
  const rest = args.slice(args.indexOf(file) + 1)
  const base = file.split('/').pop()!
  // `python manage.py migrate`, `php artisan migrate`: tasks we know.
  if (base === 'manage.py' || base === 'artisan') return [{ kind: 'run', words: [base, ...rest] }]
  return [{ kind: 'file', path: file, interpreter: language, args: rest }, ...rest.flatMap((a) => urlEffects(a, `${program} ${base}`))]
}

/** Shell text in the arguments: `eval` reads all of them, a runner such as Bitnami's `retry_while` its first. */
const shellText: NamedRule = (p) => (args) => [{ kind: 'shell', text: p.first ? args[0] ?? '' : args.join(' ') }]

/** `source lib.sh` / `. lib.sh`: a library, read when it is in the input. */
const sourceFile: NamedRule = () => (args) => [{ kind: 'file', path: args[0] ?? '', interpreter: 'sh', optional: true }]

const su: NamedRule = () => (args, _ctx, program) => { const c = flag(args, ['-c', '--command']); return c ? [{ kind: 'shell', text: c }] : local(program) }

/** `command -v x` asks where x is; `command x` runs it. */
const command: NamedRule = () => (args, _ctx, program) => (args[0] === '-v' || args[0] === '-V' ? local(program) : [{ kind: 'run', words: args }])

/** `env [-u X] A=b cmd`: assignments and options, then the command. */
const env: NamedRule = () => (args, _ctx, program) => {
  let i = 0
  while (i < args.length && (args[i]!.startsWith('-') || /^[A-Za-z_]\w*=/.test(args[i]!))) { if (['-u', '--unset', '-C', '--chdir', '-S'].includes(args[i]!)) i++; i++ }
  return i < args.length ? [{ kind: 'run', words: args.slice(i) }] : local(program)
}

/** cqlsh takes host and port as arguments, else CQLSH_HOST / CQLSH_PORT, else localhost:9042. */
const cqlsh: NamedRule = () => (args, ctx, program) => {
  const [h, port] = positionals(args, ['-u', '-p', '-k', '-f', '-e', '--cqlversion', '--request-timeout', '--connect-timeout'])
  const host = h ?? ctx.env('CQLSH_HOST') ?? 'localhost'
  return [connect(destination(host, portOf(port ?? ctx.env('CQLSH_PORT')) ?? 9042), `${program} ${host}`)]
}

/** `sqlcmd -S [tcp:]host[,port]`. */
const sqlcmd: NamedRule = () => (args, _ctx, program) => {
  const s = flag(args, ['-S']) ?? 'localhost'
  const [h, port] = s.replace(/^tcp:/, '').split(',')
  return [connect(destination(h, portOf(port) ?? 1433), `${program} -S ${s}`)]
}

/** A storage URI as the first argument (KServe's `<storage URI> <local dir>`); `pvc://` stays in the pod. */
const storageUri: NamedRule = () => (args, _ctx, program) => {
  const urls = urlEffects(args[0] ?? '', program)
  return urls.length ? urls : opaque(program, `${program} ${args[0] ?? ''}`.trim())
}

/** Bitnami's `wait-for-port [--host h] port`. */
const waitForPort: NamedRule = () => (args, _ctx, program) => {
  const host = flag(args, ['--host']) ?? 'localhost'
  const port = portOf(positionals(args, ['--timeout', '--host', '--state'])[0])
  return [connect(destination(host, port), `${program} ${host}`)]
}

/** `<tool>-plugin install <name>` downloads from the vendor's artifact host unless given a `file:` URL. */
const pluginInstall: NamedRule = (p) => (args, _ctx, program) => {
  const host = text(p, 'host')
  return args[0] === 'install' && !/^file:/.test(positionals(args)[1] ?? '') ? [connect(destination(host, 443), `${program} install downloads the plugin`, true)] : local(program)
}

/** An operator binary whose listed subcommands only prepare files; any other is undecided from the command line. */
const localSubcommands: NamedRule = (p) => (args, _ctx, program) =>
  strings(p, 'local').includes(args[0] ?? '') ? local(program) : opaque(program, `runs ${program} ${args[0] ?? ''}`.trim())

/** Pulsar: `pulsar tokens …` works on local keys; the rest reaches the cluster's stores. */
const pulsar: NamedRule = () => (args, ctx, program) => (args[0] === 'tokens' ? local(program) : databaseEffects(args, ctx, `${program} ${args[0] ?? ''}`.trim()))

const bookkeeper: NamedRule = () => (args, _ctx, program) =>
  args[0] === 'shell' ? [connect(destination(undefined, undefined), `${program} shell reads the cluster metadata (ZooKeeper or the metadata store)`)] : opaque(program, `runs ${program} ${args[0] ?? ''}`.trim())

const pulsarAdmin: NamedRule = () => (args, ctx, program) => {
  const url = flag(args, ['--admin-url']) ?? ctx.env('webServiceUrl')
  return url ? urlEffects(url, program) : [connect(destination(undefined, 8080), `${program} calls the Pulsar admin API`, true)]
}

/** falcoctl installs drivers and artifacts: downloads, except listing and info. */
const falcoctl: NamedRule = () => (args, _ctx, program) =>
  ['artifact', 'driver', 'registry', 'index'].includes(args[0] ?? '') && !has(args, 'list', 'info', '--help')
    ? [connect(destination('download.falco.org', 443), `${program} ${args.slice(0, 2).join(' ')} downloads`, true)]
    : local(program)

/** Argo Workflows' `argoexec init` loads the input artifacts named in ARGO_TEMPLATE. */
const argoexec: NamedRule = () => (args, ctx, program) => {
  if (args[0] !== 'init') return opaque(program, `runs ${program} ${args[0] ?? ''}`.trim())
  const template = ctx.env('ARGO_TEMPLATE') ?? ''
  const kinds = /"(s3|git|http|gcs|oss|hdfs|azure|artifactory)"\s*:/.exec(template)
  return kinds ? [connect(destination(undefined, undefined), `${program} init loads a ${kinds[1]} input artifact (ARGO_TEMPLATE)`)] : local(program)
}

/** gomplate reads local files unless given remote datasources. */
const gomplate: NamedRule = () => (args, _ctx, program) => {
  const ds = args.flatMap((a) => urlEffects(a.replace(/^[\w-]+=/, ''), `${program} datasource`))
  return ds.length ? ds : local(program)
}

/**
 * A download from an OCI registry named by a reference (`mirror.gcr.io/aquasec/trivy-db`): TCP to the registry
 * host, Docker Hub when the reference names none (distribution/reference: the first part is a host when it has a
 * dot, a port or is localhost). Params: `flags` holding the reference, `default` reference.
 */
const ociRegistry: NamedRule = (p) => (args, _ctx, program) => {
  const ref = flag(args, strings(p, 'flags')) ?? text(p, 'default')
  const first = ref.replace(/^oci:\/\//, '').split('/')[0]!
  const host = /[.:]/.test(first) || first === 'localhost' ? first : 'registry-1.docker.io'
  return [connect(hostPort(host) ?? destination(host, 443), `${program} downloads ${ref}`, true)]
}

/**
 * socat joins two addresses: `TCP:host:port` (and TCP4/TCP6/OPENSSL/SSL/PROXY) connects, `UDP:host:port` only
 * resolves the name; listeners, files, pipes and EXEC stay in the pod (man 1 socat, ADDRESS TYPES).
 */
const socat: NamedRule = () => (args, _ctx, program) => {
  const effects = positionals(args, ['-d', '-lf', '-T', '-t', '-b']).slice(0, 2).flatMap((a): Effect[] => {
    const m = /^(tcp[46]?|tcp-connect|openssl(?:-connect)?|ssl|proxy)[^:]*:([^:,]+):(\d+)/i.exec(a)
    if (m) return [connect(destination(m[2], portOf(m[3])), `${program} ${a}`)]
    const u = /^udp[46]?(?:-sendto|-connect)?:([^:,]+):\d+/i.exec(a)
    return u ? resolve(u[1], `${program} ${a}`) : []
  })
  return effects.length ? effects : local(program)
}

/** Cloud backends of a restic repository that name no host: the provider's API endpoint. */
const RESTIC_CLOUD: Record<string, string> = { b2: 'api.backblazeb2.com', gs: 'storage.googleapis.com', azure: 'blob.core.windows.net', s3: 's3.amazonaws.com' }
const RESTIC_LOCAL = new Set(['version', 'help', 'generate', 'cache', 'completion', 'features', 'options'])

/**
 * restic: the repository (`-r`, RESTIC_REPOSITORY) is a local path, `local:` or `rclone:` (a local program), else a
 * backend reached over the network: `rest:URL`, `sftp:user@host:/path`, `s3:host/bucket`, `b2:`/`gs:`/`azure:`.
 * restic/restic:internal/backend/location/registry.go, internal/backend/s3/config.go
 */
const restic: NamedRule = () => (args, ctx, program) => {
  if (RESTIC_LOCAL.has(positionals(args, ['-r', '--repo', '--repository-file', '-p', '--password-file', '--cache-dir'])[0] ?? '')) return local(program)
  const repo = flag(args, ['-r', '--repo']) ?? ctx.env('RESTIC_REPOSITORY')
  if (repo === undefined) return opaque(program, `${program}: the repository comes from a file`)
  const m = /^(\w+):(.*)$/.exec(repo)
  if (!m || m[1] === 'local' || m[1] === 'rclone' || repo.startsWith('/')) return local(program)
  const [, scheme, rest] = m as unknown as [string, string, string]
  const what = `${program} repository ${repo}`
  const urls = urlEffects(rest, what)
  if (urls.length) return urls
  if (scheme === 'sftp') return [connect(destination(rest.replace(/^[^@]*@/, '').split(/[:/]/)[0], 22), what)]
  const host = rest.split('/')[0]!
  if (scheme === 's3' && (hostPort(host) || looksLikeHost(host))) return [connect(hostPort(host) ?? destination(host, 443), what)]
  return [connect(destination(RESTIC_CLOUD[scheme], RESTIC_CLOUD[scheme] ? 443 : undefined), what)]
}

/** confd reads env or files locally; other backends (etcd by default) at `-node`. */
const confd: NamedRule = (p) => {
  const backend = addressTool(p)
  return (args, ctx, program) => (['env', 'file'].includes(flag(args, ['-backend', '--backend']) ?? 'etcd') ? local(program) : backend(args, ctx, program))
}

const step: NamedRule = () => (args, _ctx, program) =>
  ['ca', 'ssh'].includes(args[0] ?? '') || has(args, '--ca-url') ? [connect(destination(flag(args, ['--ca-url']) ?? undefined, 443), `${program} ${args[0]}`)] : local(program)

const docker: NamedRule = () => (args, _ctx, program) =>
  ['pull', 'push', 'login', 'run', 'build'].includes(positionals(args, ['-H', '--host'])[0] ?? '') ? [connect(destination(undefined, 443), `${program} ${args[0]} talks to a registry`, true)] : local(program)

/** Every named rule, by the name entries use. */
export const RULES: Record<string, NamedRule> = {
  dbTool, addressTool, kubectl, helm, git, netcat, httpClient, ping, lookup, waiter, migrationTool, appTasks,
  restic, socat, ociRegistry, packageManager, npm, bundle, cloudCli, copyTool, openssl, ssh, grpc, kafka, shell, interpreter, shellText,
  sourceFile, su, command, env, cqlsh, sqlcmd, storageUri, waitForPort, pluginInstall, localSubcommands, pulsar,
  bookkeeper, pulsarAdmin, falcoctl, argoexec, gomplate, confd, step, docker,
}
