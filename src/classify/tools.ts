// What well-known programs do on the network (ref §8 step 6, §7): one rule per program family,
// each turning an argument list into effects. Unknown programs are "opaque".
import { afterDashDash, flag, has, hasShort, positionals } from './args.js'
import { type Destination, destination, findUrls, hostPort, isIP, isLoopback, looksLikeHost, portOf } from './destinations.js'
import { unknown } from './shell.js'

export type Effect =
  /** A TCP connection (DNS first when the host is a name). */
  | { kind: 'connect'; dest: Destination; what: string }
  /** A DNS lookup only (nslookup, ping by name, UDP to a name). */
  | { kind: 'resolve'; dest: Destination; what: string }
  | { kind: 'loopback'; what: string }
  | { kind: 'local'; program: string }
  | { kind: 'opaque'; program: string; why: string }
  /** Another command line to classify (wrappers such as `timeout`, `xargs`). */
  | { kind: 'run'; words: string[] }
  /** Shell text to read (`sh -c`, `eval`). */
  | { kind: 'shell'; text: string }
  /** A file to read: a script mounted from a ConfigMap, run by `interpreter`. */
  | { kind: 'file'; path: string; interpreter: string; optional?: boolean }
  /** Program code given inline (`python -c`). */
  | { kind: 'code'; text: string; language: string }

export interface ToolContext {
  env: (name: string) => string | undefined
  /** What earlier commands of the same container set up, e.g. `mc alias set` (name → URL). */
  aliases: Map<string, string>
  /** The script sourced a library that is not in the input: unknown names are its functions. */
  libraries: boolean
}

/** Flags naming Kubernetes objects (`--config-secret-name`, `--configmap`, `--kubeconfig`). */
const K8S_OBJECT_FLAG = /(configmap|config-map|secret-name|serviceaccount|kubeconfig)/i

/** Library function names that say they reach a remote service (Bitnami's `*_wait_for_db_connection`). */
const REMOTE_FUNCTION = /wait_for|connect|migrat|download|fetch|clone|curl|http|remote|upload/

type Rule = (args: string[], ctx: ToolContext, program: string) => Effect[]

/** A connection, or loopback when the destination never leaves the pod (ref §2.5). */
export function connect(dest: Destination, what: string): Effect {
  return dest.host && isLoopback(dest.host) ? { kind: 'loopback', what } : { kind: 'connect', dest, what }
}

function resolve(host: string | undefined, what: string): Effect[] {
  if (!host) return [{ kind: 'resolve', dest: destination(undefined, 53), what }]
  if (isLoopback(host)) return [{ kind: 'loopback', what }]
  return isIP(host) ? [] : [{ kind: 'resolve', dest: { host, resolves: true }, what }]
}

const local = (program: string): Effect[] => [{ kind: 'local', program }]
const urlEffects = (text: string, what: string): Effect[] =>
  findUrls(text).map((u) => (u.local ? { kind: 'local' as const, program: u.scheme } : connect(u.dest, `${what} ${u.text}`)))

/** Destinations of a database tool: a URL, `-h host -p port`, env, else the tool's default. */
function dbTool(opts: { host: string[]; port: string[]; env?: [string, string]; port0: number; socketDefault: boolean }): Rule {
  return (args, ctx, program) => {
    const urls = args.flatMap((a) => urlEffects(a, program))
    if (urls.length) return urls
    const conninfo = args.map((a) => /\bhost=(\S+)/.exec(a)?.[1]).find(Boolean)
    const host = flag(args, opts.host) ?? conninfo ?? (opts.env ? ctx.env(opts.env[0]) : undefined)
    const port = portOf(flag(args, opts.port) ?? (opts.env ? ctx.env(opts.env[1]) : undefined)) ?? opts.port0
    if (!host) return opts.socketDefault ? [{ kind: 'loopback', what: `${program} (local socket)` }] : [connect(destination('localhost', port), program)]
    return [connect(destination(host, port), `${program} ${host}:${port}`)]
  }
}

/** The destination of an API the spec names only by an env var or flag (Vault, Consul, etcd). */
function addressTool(flags: string[], envName: string, fallback: string, localSubs: string[]): Rule {
  return (args, ctx, program) => {
    const sub = positionals(args)[0]
    if ((sub && localSubs.includes(sub)) || has(args, '-v', '--version', '-h', '--help', 'version')) return local(program)
    const configured = flag(args, ['-config', '--config', '-c'])
    const addr = flag(args, flags) ?? ctx.env(envName) ?? (configured ? undefined : fallback)
    if (addr === undefined) return [connect(destination(undefined, undefined), `${program} ${sub ?? ''} uses the address in ${configured}`.replace(/\s+/g, ' '))]
    const urls = urlEffects(addr, `${program} at`)
    return urls.length ? urls : [connect(hostPort(addr) ?? destination(addr, undefined), `${program} at ${addr}`)]
  }
}

/** In-pod clients reach the API server at $KUBERNETES_SERVICE_HOST:443, an IP: no DNS lookup. */
function apiServer(args: string[], program: string, what: string): Effect[] {
  const server = flag(args, ['--server', '-s'])
  if (server) return urlEffects(server.includes('://') ? server : `https://${server}`, `${program} ${what} via`)
  return [{ kind: 'connect', dest: { host: unknown('KUBERNETES_SERVICE_HOST'), port: 443, resolves: false }, what: `${program} ${what} talks to the Kubernetes API server` }]
}

const KUBECTL_VALUED = ['-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--token', '--cluster', '--user', '-l', '--selector', '-o', '--output', '--request-timeout', '--as', '-f', '--filename', '-c', '--container', '--for', '--timeout', '--field-selector', '-p', '--patch', '--type', '--image', '-i', '--replicas', '--from-literal', '--from-file', '-k']
const kubectl: Rule = (args, _ctx, program) => {
  const sub = positionals(args, KUBECTL_VALUED)[0]
  if (!sub || ['config', 'completion', 'kustomize', 'help', 'plugin', 'options'].includes(sub) || has(args, '--help', '-h')) return local(program)
  if (sub === 'version' && has(args, '--client')) return local(program)
  if (has(args, '--dry-run=client', '--local')) return local(program)
  return apiServer(args, program, sub)
}

const helm: Rule = (args, _ctx, program) => {
  const pos = positionals(args, ['-n', '--namespace', '-f', '--values', '--set', '--version', '--kube-context', '--repo', '-o', '--output'])
  const sub = pos[0]
  if (!sub || ['template', 'lint', 'package', 'version', 'create', 'env', 'completion', 'help'].includes(sub)) {
    const repo = flag(args, ['--repo'])
    return repo ? urlEffects(repo, `${program} ${sub ?? ''} --repo`) : local(program)
  }
  const urls = pos.flatMap((p) => urlEffects(p, `${program} ${sub}`))
  return urls.length ? urls : apiServer(args, program, sub)
}

const git: Rule = (args, _ctx, program) => {
  const pos = positionals(args, ['-C', '-c', '--git-dir', '--work-tree', '-b', '--branch', '--depth', '-o', '--origin', '--reference', '-j', '--jobs', '--config', '--filter', '--separate-git-dir'])
  const sub = pos[0]
  if (!sub || !['clone', 'fetch', 'pull', 'push', 'ls-remote', 'submodule', 'remote', 'archive'].includes(sub)) return local(program)
  if (sub === 'remote' && pos[1] !== 'update') return local(program)
  if (sub === 'submodule' && !['update', 'sync', 'foreach'].includes(pos[1] ?? '')) return local(program)
  const remote = pos.slice(1).find((p) => p.includes('://') || /^[\w.-]+@[\w.-]+:/.test(p))
  if (remote) {
    const scp = /^[\w.-]+@([\w.-]+):/.exec(remote)
    if (scp) return [connect(destination(scp[1], 22), `${program} ${sub} over ssh ${remote}`)]
    const urls = urlEffects(remote, `${program} ${sub}`)
    if (urls.length) return urls
  }
  if (sub === 'clone' && pos[1] && !pos[1].includes(':')) return local(program) // a local path
  return [connect(destination(undefined, undefined), `${program} ${sub} from a remote the spec does not name`)]
}

const netcat: Rule = (args, _ctx, program) => {
  if (hasShort(args, 'l') || has(args, '--listen')) return [{ kind: 'loopback', what: `${program} listens` }]
  const pos = positionals(args, ['-w', '-i', '-p', '-s', '-q', '-W', '-e', '-c', '-x', '-X', '-O', '-I', '-T', '-V', '-G', '-g', '--wait'])
  const [host, port] = pos
  const udp = hasShort(args, 'u') || has(args, '--udp')
  if (!host) return [{ kind: 'opaque', program, why: `${program} without a destination` }]
  // UDP is never redirected; only the lookup of a name can be (ref §2.4).
  if (udp) return resolve(host, `${program} -u ${host}`)
  return [connect(destination(host, portOf(port) ?? portOf(port?.split(/[-,]/)[0]) ?? (program === 'telnet' ? 23 : undefined)), `${program} ${host}${port ? ` ${port}` : ''}`)]
}

const CURL_VALUED = ['-o', '--output', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-u', '--user', '-X', '--request', '-A', '--user-agent', '-e', '--referer', '-m', '--max-time', '--connect-timeout', '--retry', '--retry-delay', '--retry-max-time', '-w', '--write-out', '--cacert', '--capath', '--cert', '--key', '-T', '--upload-file', '-F', '--form', '-K', '--config', '-b', '--cookie', '-c', '--cookie-jar', '--resolve', '-r', '--range', '-E', '-C', '--limit-rate', '--max-filesize', '-Y', '-y', '-z', '--noproxy', '--interface', '--dns-servers', '--oauth2-bearer', '-x', '--proxy', '--unix-socket', '--abstract-unix-socket', '--url', '--output-dir', '--cert-type', '--key-type', '--ciphers', '--connect-to', '--create-file-mode', '--expect100-timeout', '--happy-eyeballs-timeout-ms', '--keepalive-time', '--max-redirs', '--proto', '--proto-redir', '--speed-limit', '--speed-time', '-t', '--telnet-option', '--tls-max', '--trace', '--trace-ascii', '--aws-sigv4', '--json']
const WGET_VALUED = ['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-P', '--directory-prefix', '-T', '--timeout', '-t', '--tries', '-U', '--user-agent', '--header', '--user', '--password', '-e', '--execute', '--post-data', '--body-data', '-i', '--input-file', '-w', '--wait', '--ca-certificate', '--certificate', '--private-key', '-Y', '--limit-rate', '-Q', '--quota', '-l', '--level', '-A', '-R', '-D', '--dns-timeout', '--connect-timeout', '--read-timeout', '--method', '--retry-on-http-error']

function httpClient(valued: string[]): Rule {
  return (args, _ctx, program) => {
    if (flag(args, ['--unix-socket', '--abstract-unix-socket'])) return [{ kind: 'loopback', what: `${program} over a Unix socket` }]
    const proxy = flag(args, ['-x', '--proxy'])
    const targets = [...positionals(args, valued), ...[flag(args, ['--url'])].filter((u): u is string => !!u)]
    const out: Effect[] = []
    for (const t of targets) {
      const spec = t.includes('://') ? t : looksLikeHost(t.split(/[/:]/)[0] ?? '') && /[.:⟨]|^localhost/.test(t) ? `http://${t}` : undefined
      if (spec) out.push(...urlEffects(spec, program))
    }
    if (proxy && out.some((e) => e.kind === 'connect')) return urlEffects(proxy.includes('://') ? proxy : `http://${proxy}`, `${program} via proxy`)
    return out.length ? out : [{ kind: 'opaque', program, why: `${program} with a URL the spec does not give` }]
  }
}

const ping: Rule = (args, _ctx, program) => {
  const host = positionals(args, ['-c', '-i', '-W', '-w', '-s', '-t', '-I', '-p', '-Q', '-l', '-m']).at(-1)
  // ICMP is never redirected: only resolving a name can fail (ref §2.4).
  return resolve(host, `${program} ${host ?? ''}`.trim())
}

const lookup: Rule = (args, _ctx, program) => {
  const pos = positionals(args, ['-type', '-t', '-c', '-p', '-q', '-W', '-port', '-timeout', '-class', '-x', '-f', '-k', '-y', '-b', '-4', '-6'])
    .filter((p) => !p.startsWith('@') && !p.startsWith('+'))
  if (program === 'getent' && !['hosts', 'ahosts', 'ahostsv4', 'ahostsv6'].includes(pos[0] ?? '')) return local(program)
  const name = program === 'getent' ? pos[1] : pos[0]
  return resolve(name, `${program} ${name ?? ''}`.trim())
}

/** `wait-for-it host:port`, `wait-for host:port -- cmd`, `dockerize -wait tcp://…`. */
const waiter: Rule = (args, _ctx, program) => {
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
  return out.length ? out : [{ kind: 'opaque', program, why: `${program} with a target the spec does not give` }]
}

/** Migration and schema tools: they connect to the database named by args or env. */
const DB_URL_ENV = ['DATABASE_URL', 'DB_URL', 'DB_DSN', 'DATABASE_DSN', 'FLYWAY_URL', 'LIQUIBASE_COMMAND_URL', 'LIQUIBASE_URL', 'SPRING_DATASOURCE_URL', 'QUARKUS_DATASOURCE_JDBC_URL', 'GOOSE_DBSTRING', 'POSTGRES_URL', 'MYSQL_URL', 'MONGO_URL', 'MONGODB_URI', 'REDIS_URL']
const DB_HOST_ENV: [string, string][] = [['DB_HOST', 'DB_PORT'], ['DATABASE_HOST', 'DATABASE_PORT'], ['POSTGRES_HOST', 'POSTGRES_PORT'], ['POSTGRESQL_HOST', 'POSTGRESQL_PORT'], ['PGHOST', 'PGPORT'], ['MYSQL_HOST', 'MYSQL_PORT'], ['MARIADB_HOST', 'MARIADB_PORT'], ['MONGO_HOST', 'MONGO_PORT'], ['REDIS_HOST', 'REDIS_PORT']]

export function databaseEffects(args: string[], ctx: ToolContext, what: string): Effect[] {
  const fromArgs = args.flatMap((a) => urlEffects(a.replace(/^jdbc:/, ''), what))
  if (fromArgs.length) return fromArgs
  for (const name of DB_URL_ENV) {
    const v = ctx.env(name)
    const urls = v ? urlEffects(v.replace(/^jdbc:/, ''), `${what} (env ${name})`) : []
    if (urls.length) return urls
  }
  for (const [h, p] of DB_HOST_ENV) {
    const host = ctx.env(h)
    if (host) return [connect(destination(host, portOf(ctx.env(p))), `${what} (env ${h}=${host})`)]
  }
  return [connect(destination(undefined, undefined), `${what} connects to a database the spec does not name`)]
}

function migrationTool(localSubs: string[] = [], networkSubs?: string[]): Rule {
  return (args, ctx, program) => {
    const sub = positionals(args)[0] ?? ''
    if (has(args, '-v', '--version', 'version', '-h', '--help', 'help') || localSubs.includes(sub)) return local(program)
    if (networkSubs && !networkSubs.some((s) => sub.startsWith(s))) return [{ kind: 'opaque', program, why: `${program} ${sub}` }]
    return databaseEffects(args, ctx, `${program} ${sub}`.trim())
  }
}

/** `rails db:migrate`, `manage.py migrate`, `artisan migrate`: only database tasks connect. */
function appTasks(network: RegExp, localTasks: RegExp): Rule {
  return (args, ctx, program) => {
    const task = positionals(args).find((p) => network.test(p) || localTasks.test(p))
    if (!task) {
      const urls = args.flatMap((a) => urlEffects(a.replace(/^[\w-]+=/, ''), `${program} ${positionals(args)[0] ?? ''}`.trim()))
      return urls.length ? urls : [{ kind: 'opaque', program, why: `${program} ${positionals(args).join(' ')}`.trim() }]
    }
    return localTasks.test(task) ? local(program) : databaseEffects(args, ctx, `${program} ${task}`)
  }
}

/** Package managers download from their registries. */
function packageManager(host: string, port: number, networkSubs: string[]): Rule {
  return (args, _ctx, program) => {
    const sub = positionals(args, ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--target', '-t', '--prefix', '--root', '-X', '--repository'])[0]
    if (!sub || !networkSubs.includes(sub) || has(args, '--no-index', '--offline', '--no-network')) return local(program)
    const index = flag(args, ['-i', '--index-url', '--registry', '-X', '--repository'])
    return index ? urlEffects(index, `${program} ${sub} from`) : [connect(destination(host, port), `${program} ${sub} downloads from ${host}`)]
  }
}

/** Cloud CLIs: every call but local configuration goes to the provider's API. */
function cloudCli(host: string, localSubs: string[]): Rule {
  return (args, _ctx, program) => {
    const pos = positionals(args, ['--region', '--profile', '--endpoint-url', '--project', '-o', '--output', '--subscription', '--config'])
    if (!pos.length || localSubs.includes(pos[0]!) || has(args, '--version', 'version', '--help', 'help')) return local(program)
    if (pos[0] === 'configure' || (pos[0] === 'config' && pos[1] !== 'get')) return local(program)
    const endpoint = flag(args, ['--endpoint-url', '--endpoint'])
    if (endpoint) return urlEffects(endpoint, `${program} ${pos[0]}`)
    return [connect(destination(host, 443), `${program} ${pos.slice(0, 2).join(' ')} calls ${host}`)]
  }
}

/** Object-store copy tools: a remote side (`s3://`, `remote:path`) means a download or upload. */
function copyTool(defaultHost: string, localSubs: string[]): Rule {
  return (args, ctx, program) => {
    const pos = positionals(args, ['--config', '-C', '--transfers', '--checkers', '--include', '--exclude', '--filter'])
    if (!pos.length || localSubs.includes(pos[0]!) || has(args, '--version', 'version', '--help')) return local(program)
    if (program === 'mc' && pos[0] === 'alias' && pos[1] === 'set' && pos[3]) {
      ctx.aliases.set(pos[2]!, pos[3])
      return urlEffects(pos[3], `${program} alias set`)
    }
    const urls = pos.flatMap((p) => urlEffects(p, program)).filter((e) => e.kind !== 'local')
    if (urls.length) return urls
    // mc targets are `alias/bucket`: the alias was set earlier or comes from MC_HOST_<alias>.
    for (const target of program === 'mc' ? pos.slice(1) : []) {
      const alias = target.split('/')[0]!
      const url = ctx.aliases.get(alias) ?? ctx.env(`MC_HOST_${alias}`)
      if (url) return urlEffects(url, `${program} ${pos[0]} ${target}`)
    }
    const remote = pos.slice(1).find((p) => /^[\w.-]+:/.test(p) && !p.startsWith('/'))
    if (remote || pos.length <= 1) {
      const endpoint = ctx.env('MC_HOST') ?? ctx.env('AWS_ENDPOINT_URL') ?? ctx.env('RCLONE_S3_ENDPOINT')
      if (endpoint) return urlEffects(endpoint, `${program} ${pos[0]} ${remote ?? ''}`.trim())
      return [connect(destination(defaultHost === '' ? undefined : defaultHost, 443), `${program} ${pos[0]} ${remote ?? ''}`.trim())]
    }
    return local(program)
  }
}

const openssl: Rule = (args, _ctx, program) => {
  if (args[0] !== 's_client') return local(program)
  const hp = flag(args, ['-connect']) ?? 'localhost:4433'
  return [connect(hostPort(hp) ?? destination(hp, 443), `${program} s_client -connect ${hp}`)]
}

const ssh: Rule = (args, _ctx, program) => {
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

const grpc: Rule = (args, _ctx, program) => {
  const addr = flag(args, ['-addr', '--addr']) ?? positionals(args, ['-d', '-H', '-import-path', '-proto', '-connect-timeout', '-max-time', '-authority', '-service', '-rpc-header'])[0]
  const dest = addr ? hostPort(addr) ?? destination(addr, undefined) : undefined
  return dest ? [connect(dest, `${program} ${addr}`)] : [{ kind: 'opaque', program, why: `${program} without an address` }]
}

const kafka: Rule = (args, _ctx, program) => {
  const list = flag(args, ['--bootstrap-server', '--broker-list', '-b', '--zookeeper', '-server'])
  if (!list) return [{ kind: 'opaque', program, why: `${program} without a server list` }]
  return list.split(',').map((hp) => connect(hostPort(hp) ?? destination(hp, undefined), `${program} ${hp}`))
}

/** `sh -c '…'`, `sh script.sh`, `bash -ec '…'`. */
const shell: Rule = (args, _ctx, program) => {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '-o' || a === '+o') { i++; continue }
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) return [{ kind: 'shell', text: args[i + 1] ?? '' }]
    if (a.startsWith('-') || a.startsWith('+')) continue
    return [{ kind: 'file', path: a, interpreter: program }]
  }
  return local(program)
}

const INLINE_CODE_FLAGS: Record<string, string[]> = { python: ['-c'], node: ['-e', '--eval', '-p', '--print'], perl: ['-e', '-E'], ruby: ['-e'], php: ['-r'] }

const interpreter: Rule = (args, ctx, program) => {
  const language = program.replace(/[\d.]+$/, '')
  const code = flag(args, INLINE_CODE_FLAGS[language] ?? [])
  if (code !== undefined) return [{ kind: 'code', text: code, language }]
  const mod = language === 'python' ? flag(args, ['-m']) : undefined
  if (mod) return classifyProgram([mod, ...args.slice(args.indexOf(mod) + 1)], ctx)
  const file = positionals(args, ['-W', '-X', '--require', '-r', '-I'])[0]
  if (!file) return local(program)
  const rest = args.slice(args.indexOf(file) + 1)
  const base = file.split('/').pop()!
  // `python manage.py migrate`, `php artisan migrate`: tasks we know.
  if (base === 'manage.py' || base === 'artisan') return classifyProgram([base, ...rest], ctx)
  return [{ kind: 'file', path: file, interpreter: language }, ...rest.flatMap((a) => urlEffects(a, `${program} ${base}`))]
}

/** Wrappers that run another command: `timeout 30 cmd`, `env A=b cmd`, `su-exec user cmd`. */
function wrapper(skip: (args: string[]) => number): Rule {
  return (args) => {
    const n = skip(args)
    return n < args.length ? [{ kind: 'run', words: args.slice(n) }] : local('wrapper')
  }
}
const skipOptions = (valued: string[], positional = 0) => (args: string[]) => {
  let i = 0
  while (i < args.length && args[i]!.startsWith('-')) { if (args[i] === '--') return i + 1 + positional; if (valued.includes(args[i]!)) i++; i++ }
  return i + positional
}
const skipEnv = (args: string[]) => {
  let i = 0
  while (i < args.length && (args[i]!.startsWith('-') || /^[A-Za-z_]\w*=/.test(args[i]!))) { if (['-u', '--unset', '-C', '--chdir', '-S'].includes(args[i]!)) i++; i++ }
  return i
}

const LOCAL = `cp mv rm mkdir rmdir chmod chown chgrp ln ls cat echo printf touch sed awk gawk mawk grep egrep fgrep tr cut head tail
tar gzip gunzip zcat bzip2 bunzip2 bzcat xz unxz xzcat lz4 zstd unzstd unzip zip find sleep test [ [[ true false exit return export set unset shift id whoami
date base64 sha1sum sha256sum sha512sum md5sum cksum envsubst install dd stat readlink realpath basename dirname wc sort uniq tee jq yq
sysctl ulimit umask cd pwd read trap wait kill printenv hostname nproc uname df du mkfifo mktemp seq expr let : column diff cmp patch
rev file fold split comm join paste nl od xxd hexdump iconv uuidgen keytool ssh-keygen htpasswd cfssl cfssljson mkcert
update-ca-certificates c_rehash trust usermod useradd adduser addgroup groupadd chpasswd passwd setfacl getfacl restorecon chcon
sync tree locale ldconfig logger pushd popd yes truncate fallocate tput clear shopt source . type which alias unalias getopts break continue
pgrep ps free top vmstat lsblk blkid mkfs mkfs.ext4 resize2fs e2fsck fsck losetup tune2fs xfs_growfs chattr lsattr setcap getcap
ip ifconfig route iptables ip6tables nft modprobe lsmod dmesg dos2unix unix2dos envtpl j2 tpl mustache xmllint xmlstarlet
yamllint mysqld mysql_install_db mariadb-install-db initdb pg_ctl postgres redis-server mongod nginx httpd`
  .split(/\s+/)

const POSTGRES = dbTool({ host: ['-h', '--host'], port: ['-p', '--port'], env: ['PGHOST', 'PGPORT'], port0: 5432, socketDefault: true })
const MYSQL = dbTool({ host: ['-h', '--host'], port: ['-P', '--port'], env: ['MYSQL_HOST', 'MYSQL_TCP_PORT'], port0: 3306, socketDefault: true })

const RULES: Record<string, Rule> = {
  nc: netcat, ncat: netcat, netcat: netcat, telnet: netcat,
  curl: httpClient(CURL_VALUED), wget: httpClient(WGET_VALUED), http: httpClient([]), https: httpClient([]), xh: httpClient([]), aria2c: httpClient([]),
  ping: ping, ping6: ping,
  nslookup: lookup, dig: lookup, host: lookup, drill: lookup, getent: lookup,
  git: git,
  'git-sync': (args, ctx) => {
    const repo = flag(args, ['--repo']) ?? ctx.env('GITSYNC_REPO') ?? ctx.env('GIT_SYNC_REPO')
    return repo ? urlEffects(repo, 'git-sync') : [connect(destination(undefined, undefined), 'git-sync pulls a repository')]
  },
  kubectl, oc: kubectl, 'kubectl.sh': kubectl,
  // groundnuty/k8s-wait-for: `wait_for.sh pod|job|service …` polls the API server with kubectl.
  'wait_for.sh': (args, _ctx, p) => apiServer(args, p, args[0] ?? 'wait'), 'k8s-wait-for': (args, _ctx, p) => apiServer(args, p, args[0] ?? 'wait'),
  helm,
  vault: addressTool(['-address', '--address'], 'VAULT_ADDR', 'https://127.0.0.1:8200', ['version']),
  'vault-env': addressTool([], 'VAULT_ADDR', 'https://127.0.0.1:8200', []),
  consul: addressTool(['-http-addr'], 'CONSUL_HTTP_ADDR', '127.0.0.1:8500', ['version', 'keygen', 'tls']),
  envconsul: addressTool(['-consul-addr', '-vault-addr'], 'CONSUL_HTTP_ADDR', '127.0.0.1:8500', []),
  'consul-template': addressTool(['-consul-addr', '-vault-addr'], 'CONSUL_HTTP_ADDR', '127.0.0.1:8500', []),
  etcdctl: addressTool(['--endpoints'], 'ETCDCTL_ENDPOINTS', '127.0.0.1:2379', ['version']),
  // PostgreSQL and MySQL clients share their flags and env within each family.
  psql: POSTGRES, pg_isready: POSTGRES, pg_dump: POSTGRES, pg_restore: POSTGRES, pg_basebackup: POSTGRES, createdb: POSTGRES, createuser: POSTGRES,
  mysql: MYSQL, mysqladmin: MYSQL, mysqldump: MYSQL, mysqlcheck: MYSQL, mariadb: MYSQL, 'mariadb-admin': MYSQL,
  mongo: dbTool({ host: ['--host'], port: ['--port'], port0: 27017, socketDefault: false }),
  mongosh: dbTool({ host: ['--host'], port: ['--port'], port0: 27017, socketDefault: false }),
  mongodump: dbTool({ host: ['--host', '-h'], port: ['--port'], port0: 27017, socketDefault: false }),
  mongorestore: dbTool({ host: ['--host', '-h'], port: ['--port'], port0: 27017, socketDefault: false }),
  'redis-cli': dbTool({ host: ['-h'], port: ['-p'], env: ['REDIS_HOST', 'REDIS_PORT'], port0: 6379, socketDefault: false }),
  // cqlsh takes host and port as arguments, else CQLSH_HOST / CQLSH_PORT, else localhost:9042.
  cqlsh: (args, ctx, p) => { const [h, port] = positionals(args, ['-u', '-p', '-k', '-f', '-e', '--cqlversion', '--request-timeout', '--connect-timeout']); const host = h ?? ctx.env('CQLSH_HOST') ?? 'localhost'; return [connect(destination(host, portOf(port ?? ctx.env('CQLSH_PORT')) ?? 9042), `${p} ${host}`)] },
  sqlcmd: (args, _ctx, p) => { const s = flag(args, ['-S']) ?? 'localhost'; const [h, port] = s.replace(/^tcp:/, '').split(','); return [connect(destination(h, portOf(port) ?? 1433), `${p} -S ${s}`)] },
  'clickhouse-client': dbTool({ host: ['--host', '-h'], port: ['--port'], port0: 9000, socketDefault: false }),
  rabbitmqadmin: dbTool({ host: ['-H', '--host'], port: ['-P', '--port'], port0: 15672, socketDefault: false }),
  ldapsearch: dbTool({ host: ['-H', '-h'], port: ['-p'], port0: 389, socketDefault: false }),
  ldapadd: dbTool({ host: ['-H', '-h'], port: ['-p'], port0: 389, socketDefault: false }),
  ldapmodify: dbTool({ host: ['-H', '-h'], port: ['-p'], port0: 389, socketDefault: false }),
  'kafka-topics': kafka, 'kafka-topics.sh': kafka, 'kafka-configs': kafka, 'kafka-configs.sh': kafka, 'kafka-broker-api-versions': kafka,
  'kafka-broker-api-versions.sh': kafka, 'kafka-console-producer.sh': kafka, 'kafka-console-consumer.sh': kafka, kcat: kafka, kafkacat: kafka, 'zkCli.sh': kafka,
  openssl, ssh, scp: ssh, sftp: ssh, rsync: ssh, 'ssh-keyscan': ssh,
  grpcurl: grpc, grpc_health_probe: grpc,
  dockerize: waiter, 'wait-for-it': waiter, 'wait-for-it.sh': waiter, 'wait-for': waiter, 'wait-for.sh': waiter, 'wait4x': waiter,
  'jenkins-plugin-cli': (args, _ctx, p) => (has(args, '--version', '-v', '--help', '-h') ? local(p) : [connect(destination('updates.jenkins.io', 443), `${p} downloads plugins from updates.jenkins.io`)]),
  'install-plugins.sh': (_args, _ctx, p) => [connect(destination('updates.jenkins.io', 443), `${p} downloads plugins from updates.jenkins.io`)],
  apk: packageManager('dl-cdn.alpinelinux.org', 443, ['add', 'update', 'upgrade', 'fetch']),
  'apt-get': packageManager('deb.debian.org', 80, ['update', 'install', 'upgrade', 'dist-upgrade', 'download', 'source', 'build-dep']),
  apt: packageManager('deb.debian.org', 80, ['update', 'install', 'upgrade', 'full-upgrade', 'download']),
  yum: packageManager('mirrorlist.centos.org', 443, ['install', 'update', 'upgrade', 'makecache', 'groupinstall']),
  dnf: packageManager('mirrors.fedoraproject.org', 443, ['install', 'update', 'upgrade', 'makecache']),
  microdnf: packageManager('cdn.redhat.com', 443, ['install', 'update', 'upgrade']),
  zypper: packageManager('download.opensuse.org', 443, ['install', 'in', 'update', 'up', 'refresh', 'ref']),
  pip: packageManager('pypi.org', 443, ['install', 'download', 'wheel']), pip3: packageManager('pypi.org', 443, ['install', 'download', 'wheel']),
  npm: (args, ctx, p) => {
    const sub = positionals(args)[0]
    if (sub === 'run' || sub === 'run-script') { const script = positionals(args)[1] ?? ''; return /migrat|seed|db:/.test(script) ? databaseEffects(args, ctx, `${p} run ${script}`) : [{ kind: 'opaque', program: p, why: `${p} run ${script}` }] }
    return packageManager('registry.npmjs.org', 443, ['install', 'i', 'ci', 'add', 'update', 'exec', 'x'])(args, ctx, p)
  },
  yarn: packageManager('registry.yarnpkg.com', 443, ['install', 'add', 'upgrade', 'dlx']),
  pnpm: packageManager('registry.npmjs.org', 443, ['install', 'i', 'add', 'update', 'dlx']),
  gem: packageManager('rubygems.org', 443, ['install', 'update', 'fetch']),
  bundle: (args, ctx, p) => (args[0] === 'exec' ? [{ kind: 'run', words: args.slice(1) }] : packageManager('rubygems.org', 443, ['install', 'update', 'package'])(args, ctx, p)),
  composer: packageManager('repo.packagist.org', 443, ['install', 'require', 'update', 'create-project']),
  go: packageManager('proxy.golang.org', 443, ['get', 'install', 'mod']),
  cargo: packageManager('index.crates.io', 443, ['install', 'fetch', 'build', 'update']),
  mvn: () => [connect(destination('repo.maven.apache.org', 443), 'mvn resolves dependencies from repo.maven.apache.org')],
  conda: packageManager('conda.anaconda.org', 443, ['install', 'create', 'update']),
  poetry: packageManager('pypi.org', 443, ['install', 'add', 'update']),
  uv: packageManager('pypi.org', 443, ['sync', 'pip', 'add', 'tool', 'run']),
  aws: cloudCli('the AWS API', []),
  gcloud: cloudCli('the Google Cloud API', ['info']),
  az: cloudCli('the Azure API', []),
  gsutil: cloudCli('storage.googleapis.com', []),
  s3cmd: cloudCli('the S3 endpoint', []), s5cmd: cloudCli('the S3 endpoint', []), azcopy: cloudCli('the Azure Storage endpoint', ['env']),
  rclone: copyTool('', ['config', 'genautocomplete', 'listremotes', 'obscure']),
  mc: copyTool('', ['config', '--autocompletion']),
  oras: cloudCli('the registry', []), crane: cloudCli('the registry', []), skopeo: cloudCli('the registry', []),
  // KServe's storage initializer: `<storage URI> <local dir>`; pvc:// stays in the pod.
  'storage-initializer': (args, _ctx, p) => { const urls = urlEffects(args[0] ?? '', p); return urls.length ? urls : [{ kind: 'opaque', program: p, why: `${p} ${args[0] ?? ''}`.trim() }] },
  'cp-tool': (_args, _ctx, p) => local(p),
  'cloud-sql-proxy': () => [connect(destination('sqladmin.googleapis.com', 443), 'cloud-sql-proxy calls the Cloud SQL Admin API')],
  cloud_sql_proxy: () => [connect(destination('sqladmin.googleapis.com', 443), 'cloud_sql_proxy calls the Cloud SQL Admin API')],
  certbot: () => [connect(destination('acme-v02.api.letsencrypt.org', 443), 'certbot talks to the ACME server')],
  flyway: migrationTool(['-v']),
  liquibase: migrationTool(['--version']),
  migrate: migrationTool(['-version']),
  goose: migrationTool(['create', 'fix']),
  dbmate: migrationTool(['new']),
  atlas: migrationTool(['version'], ['migrate', 'schema']),
  sqitch: migrationTool(),
  alembic: migrationTool(['revision', 'history', 'heads', 'branches', 'init', 'list_templates']),
  prisma: migrationTool(['generate', 'format', 'validate', 'init']),
  sequelize: migrationTool(['init', 'model:generate', 'migration:generate', 'seed:generate']),
  'sequelize-cli': migrationTool(['init', 'model:generate', 'migration:generate', 'seed:generate']),
  knex: migrationTool(['init', 'migrate:make', 'seed:make']),
  typeorm: migrationTool(['migration:create', 'migration:generate', 'entity:create', 'init']),
  diesel: migrationTool(['migration generate', 'completions'], ['migration', 'database', 'setup']),
  sqlx: migrationTool(['prepare'], ['migrate', 'database']),
  'dotnet-ef': migrationTool(['migrations']),
  rails: appTasks(/^db:/, /^(assets:|tmp:|log:|secret|credentials)/),
  rake: appTasks(/^db:/, /^(assets:|tmp:|log:)/),
  'manage.py': appTasks(/^(migrate|wait_for_db|wait_for_database|createsuperuser|loaddata|dbshell|createcachetable|flush|check_db|ensure_adminuser)$/, /^(collectstatic|compilemessages|compress|makemigrations)$/),
  artisan: appTasks(/^(migrate|db:)/, /^(config:|route:|view:|key:generate|storage:link|optimize|event:cache)/),
  mix: appTasks(/^ecto\.(migrate|create|setup|reset)/, /^(compile|deps\.compile|phx\.digest)$/),
  python: interpreter, python3: interpreter, 'python2': interpreter, node: interpreter, perl: interpreter, ruby: interpreter, php: interpreter,
  sh: shell, bash: shell, ash: shell, dash: shell, zsh: shell, ksh: shell,
  eval: (args) => [{ kind: 'shell', text: args.join(' ') }],
  // Bitnami's libos.sh: `retry_while "<command>" [retries] [sleep]` evaluates its first argument.
  retry_while: (args) => [{ kind: 'shell', text: args[0] ?? '' }],
  // Bitnami's helpers: install_packages wraps apt-get; wait-for-port polls a TCP port; render-template and ini-file edit files.
  install_packages: (_args, _ctx, p) => [connect(destination('deb.debian.org', 80), `${p} installs Debian packages`)],
  'wait-for-port': (args, _ctx, p) => { const host = flag(args, ['--host']) ?? 'localhost'; const port = portOf(positionals(args, ['--timeout', '--host', '--state'])[0]); return [connect(destination(host, port), `${p} ${host}`)] },
  'render-template': (_args, _ctx, p) => local(p), 'ini-file': (_args, _ctx, p) => local(p),
  // Strimzi's kafka_init_run.sh reads the node's rack label from the Kubernetes API.
  'kafka_init_run.sh': (args, _ctx, p) => apiServer(args, p, 'reads the node labels'),
  // elasticsearch-keystore edits a local file; elasticsearch-plugin install downloads.
  'elasticsearch-keystore': (_args, _ctx, p) => local(p),
  'elasticsearch-plugin': (args, _ctx, p) => (args[0] === 'install' && !/^file:/.test(positionals(args)[1] ?? '') ? [connect(destination('artifacts.elastic.co', 443), `${p} install downloads the plugin`)] : local(p)),
  'opensearch-keystore': (_args, _ctx, p) => local(p),
  'opensearch-plugin': (args, _ctx, p) => (args[0] === 'install' && !/^file:/.test(positionals(args)[1] ?? '') ? [connect(destination('artifacts.opensearch.org', 443), `${p} install downloads the plugin`)] : local(p)),
  // Tekton's entrypoint: `init` copies the binary, `decode-script` decodes a script file.
  entrypoint: (args, _ctx, p) => (['init', 'decode-script', 'cp'].includes(args[0] ?? '') ? local(p) : [{ kind: 'opaque', program: p, why: `runs ${p} ${args[0] ?? ''}`.trim() }]),
  // CloudNativePG's manager: `bootstrap` copies the instance manager into the shared volume.
  manager: (args, _ctx, p) => (args[0] === 'bootstrap' ? local(p) : [{ kind: 'opaque', program: p, why: `runs ${p} ${args[0] ?? ''}`.trim() }]),
  // Pulsar: `pulsar tokens …` works on local keys; BookKeeper's shell and pulsar-admin talk to the cluster.
  pulsar: (args, ctx, p) => (args[0] === 'tokens' ? local(p) : databaseEffects(args, ctx, `${p} ${args[0] ?? ''}`.trim())),
  bookkeeper: (args, _ctx, p) => (args[0] === 'shell' ? [connect(destination(undefined, undefined), `${p} shell reads the cluster metadata (ZooKeeper or the metadata store)`)] : [{ kind: 'opaque', program: p, why: `runs ${p} ${args[0] ?? ''}`.trim() }]),
  'pulsar-admin': (args, ctx, p) => { const url = flag(args, ['--admin-url']) ?? ctx.env('webServiceUrl'); return url ? urlEffects(url, p) : [connect(destination(undefined, 8080), `${p} calls the Pulsar admin API`)] },
  // ceph-mon --mkfs builds the monitor store on disk; otherwise it is the monitor daemon.
  'ceph-mon': (args, _ctx, p) => (has(args, '--mkfs') ? local(p) : [connect(destination(undefined, 3300), `${p} joins the monitors`)]),
  // falcoctl installs drivers and artifacts: downloads.
  falcoctl: (args, _ctx, p) => (['artifact', 'driver', 'registry', 'index'].includes(args[0] ?? '') && !has(args, 'list', 'info', '--help') ? [connect(destination('download.falco.org', 443), `${p} ${args.slice(0, 2).join(' ')} downloads`)] : local(p)),
  // Argo Workflows' argoexec init loads input artifacts named in ARGO_TEMPLATE.
  argoexec: (args, ctx, p) => {
    if (args[0] !== 'init') return [{ kind: 'opaque', program: p, why: `runs ${p} ${args[0] ?? ''}`.trim() }]
    const template = ctx.env('ARGO_TEMPLATE') ?? ''
    const kinds = /"(s3|git|http|gcs|oss|hdfs|azure|artifactory)"\s*:/.exec(template)
    return kinds ? [connect(destination(undefined, undefined), `${p} init loads a ${kinds[1]} input artifact (ARGO_TEMPLATE)`)] : local(p)
  },
  // prometheus-config-reloader as an init container renders the configuration once (--watch-interval=0).
  'prometheus-config-reloader': (_args, _ctx, p) => local(p),
  // Consul's control plane subcommands (acl-init, connect-init, fetch-server-region…) call the Kubernetes API.
  'consul-k8s-control-plane': (args, _ctx, p) => (has(args, 'version', '-version', '--version') ? local(p) : apiServer(args, p, args[0] ?? '')),
  // kiwigrid/k8s-sidecar lists or watches ConfigMaps and Secrets through the Kubernetes API.
  'k8s-sidecar': (args, _ctx, p) => apiServer(args, p, 'lists ConfigMaps/Secrets'),
  source: (args) => [{ kind: 'file', path: args[0] ?? '', interpreter: 'sh', optional: true }],
  '.': (args) => [{ kind: 'file', path: args[0] ?? '', interpreter: 'sh', optional: true }],
  su: (args) => { const c = flag(args, ['-c', '--command']); return c ? [{ kind: 'shell', text: c }] : local('su') },
  exec: wrapper(skipOptions(['-a'])), nohup: wrapper(() => 0), time: wrapper(skipOptions([])), command: (args) => (args[0] === '-v' || args[0] === '-V' ? local('command') : [{ kind: 'run', words: args }]),
  timeout: wrapper(skipOptions(['-s', '--signal', '-k', '--kill-after'], 1)), nice: wrapper(skipOptions(['-n'])), ionice: wrapper(skipOptions(['-c', '-n', '-p'])),
  env: wrapper(skipEnv), sudo: wrapper(skipOptions(['-u', '-g', '-C', '-h', '-p', '-U'])), 'su-exec': wrapper(() => 1), gosu: wrapper(() => 1), chroot: wrapper(skipOptions([], 1)),
  tini: wrapper(skipOptions(['-e', '-p'])), 'dumb-init': wrapper(skipOptions(['-r', '--rewrite'])), stdbuf: wrapper(skipOptions(['-i', '-o', '-e'])),
  xargs: wrapper(skipOptions(['-I', '-n', '-P', '-L', '-d', '-s', '-E', '-a'])), watch: wrapper(skipOptions(['-n', '--interval'])),
  flock: wrapper(skipOptions(['-w', '-E'], 1)), taskset: wrapper(skipOptions([], 1)), setpriv: wrapper(skipOptions(['--reuid', '--regid', '--groups'])),
  runuser: wrapper(skipOptions(['-u', '-g', '-G'])), sshpass: wrapper(skipOptions(['-p', '-f', '-d', '-e'])), retry: wrapper(skipOptions(['-t', '--times', '-d', '--delay', '-m', '--max-time'])),
  busybox: (args) => (args.length ? [{ kind: 'run', words: args }] : local('busybox')),
  // gomplate / confd read local files unless given remote datasources or backends.
  gomplate: (args, _ctx, p) => { const ds = args.flatMap((a) => urlEffects(a.replace(/^[\w-]+=/, ''), `${p} datasource`)); return ds.length ? ds : local(p) },
  confd: (args, ctx, p) => { const b = flag(args, ['-backend', '--backend']) ?? 'etcd'; return ['env', 'file'].includes(b) ? local(p) : addressTool(['-node', '--node'], 'CONFD_NODE', 'http://127.0.0.1:2379', [])(args, ctx, p) },
  step: (args, _ctx, p) => (['ca', 'ssh'].includes(args[0] ?? '') || has(args, '--ca-url') ? [connect(destination(flag(args, ['--ca-url']) ?? undefined, 443), `${p} ${args[0]}`)] : local(p)),
  docker: (args, _ctx, p) => (['pull', 'push', 'login', 'run', 'build'].includes(positionals(args, ['-H', '--host'])[0] ?? '') ? [connect(destination(undefined, 443), `${p} ${args[0]} talks to a registry`)] : local(p)),
}

const LOCAL_RULE: Rule = (_args, _ctx, program) => local(program)
for (const p of LOCAL) if (!(p in RULES)) RULES[p] = LOCAL_RULE
const SYSTEM_BIN = /^\/(usr\/(local\/)?)?s?bin\/[^/]+$/

/** The program of a command line: its base name. */
export const programName = (word: string) => word.split('/').pop() ?? word

export function ruleFor(program: string): Rule | undefined {
  return RULES[program] ?? RULES[program.replace(/\.(sh|py|rb|js|pl)$/, '')] ?? (program.startsWith('python') ? interpreter : undefined)
}

/** Effects of one command line; an unknown program is opaque, but URLs and host:port it is given still count. */
export function classifyProgram(words: string[], ctx: ToolContext): Effect[] {
  if (!words.length) return []
  // The tail of a `[[ … || … ]]` test the reader split at `||`: an expression, not a program.
  if (words.includes(']]')) return local('[[')
  const program = programName(words[0]!)
  const rule = ruleFor(program)
  // `/app/bin/sync` is the application's own program, not coreutils' sync.
  const ownProgram = words[0]!.includes('/') && !SYSTEM_BIN.test(words[0]!)
  if (rule && !(ownProgram && rule === LOCAL_RULE)) return rule(words.slice(1), ctx, program)
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
  if (told) named.push(...apiServer([], program, `reads ${told}`))
  if (/migrat/i.test(program) || /^(db:)?migrat/i.test(words[1] ?? '')) return [...named, ...(named.length ? [] : databaseEffects(words, ctx, `${program} runs database migrations`))]
  if (named.length) return named
  // A program given by path may be a script mounted from a ConfigMap.
  return [words[0]!.includes('/') ? { kind: 'file', path: words[0]!, interpreter: 'exec' } : { kind: 'opaque', program, why: `runs ${words[0]}` }]
}
