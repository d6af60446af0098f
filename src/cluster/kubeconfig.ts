// The kubeconfig, resolved like kubectl: which files, how they merge, which context, and the
// context's cluster and user, each missing piece a one-line error (kubectl's wording where it has
// one). Credentials from an exec plugin (`users[].user.exec`) are fetched here, under a deadline:
// @kubernetes/client-node runs the plugin with no timeout, so a plugin waiting on a browser or a
// network that never answers would hang the command for good (issue 14).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import * as yaml from 'js-yaml'
import { KubeError } from './kube-error.js'

type KubeConfigT = import('@kubernetes/client-node').KubeConfig
type User = import('@kubernetes/client-node').User

interface KubeconfigOptions {
  kubeconfig?: string
  context?: string
  env: NodeJS.ProcessEnv
  /** Deadline of an exec credential plugin in milliseconds; 0 waits forever. */
  execTimeoutMs: number
}

/** Files kubectl would read: --kubeconfig, else every existing file in KUBECONFIG, else ~/.kube/config. */
function configFiles(o: KubeconfigOptions): string[] | 'in-cluster' {
  const env = o.env
  if (o.kubeconfig) {
    if (!existsSync(o.kubeconfig)) throw new KubeError(`kubeconfig ${o.kubeconfig}: no such file`)
    return [o.kubeconfig]
  }
  if (env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(delimiter).filter((f) => f && existsSync(f))
    if (files.length) return files
  }
  const home = join(env.HOME || homedir(), '.kube', 'config')
  if (existsSync(home)) return [home]
  if (env.KUBERNETES_SERVICE_HOST && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')) return 'in-cluster'
  throw new KubeError('no kubeconfig found: set KUBECONFIG or pass --kubeconfig (or check manifests offline with -f)')
}

/**
 * One file's text as the client reads it. An empty file (or one of comments only) is an empty
 * kubeconfig, as for kubectl, instead of the client's "Cannot read properties of undefined".
 */
function readOne(file: string): string | undefined {
  const text = readFileSync(file, 'utf8')
  if (text.replace(/^\s*#.*$/gm, '').trim() === '') return undefined
  let doc: unknown
  try {
    doc = yaml.load(text)
  } catch (e) {
    throw new KubeError(`kubeconfig ${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`)
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new KubeError(`kubeconfig ${file}: not a kubeconfig (expected a mapping with clusters, users and contexts)`)
  return text
}

/** Loads and merges like kubectl: the first file to define a name wins, and the first current-context. */
async function loadConfig(o: KubeconfigOptions): Promise<{ kc: KubeConfigT; files: string[] }> {
  const { KubeConfig } = await import('@kubernetes/client-node')
  const files = configFiles(o)
  const kc = new KubeConfig()
  if (files === 'in-cluster') {
    kc.loadFromCluster()
    return { kc, files: [] }
  }
  const merged = { clusters: [] as any[], users: [] as any[], contexts: [] as any[], currentContext: '' }
  for (const file of files) {
    const one = new KubeConfig()
    try {
      const text = readOne(file)
      if (text === undefined) continue
      one.loadFromString(text, { onInvalidEntry: 'filter' as any })
    } catch (e) {
      if (e instanceof KubeError) throw e
      throw new KubeError(`kubeconfig ${file}: ${(e as Error).message.split('\n')[0]}`)
    }
    const add = (list: any[], items: any[]) => {
      for (const i of items ?? []) if (!list.some((x) => x.name === i.name)) list.push(i)
    }
    add(merged.clusters, one.clusters)
    add(merged.users, one.users)
    add(merged.contexts, one.contexts)
    if (!merged.currentContext && one.currentContext) merged.currentContext = one.currentContext
  }
  kc.loadFromOptions(merged)
  return { kc, files }
}

interface Resolved {
  kc: KubeConfigT
  contextName: string
  user?: User
  /** The context's namespace, `default` when it sets none (kubectl's rule). */
  namespace: string
  server: string
  skipTLSVerify: boolean
  proxyUrl?: string
}

/**
 * The context to use, its cluster and its user, checked like kubectl's config validation
 * (kubernetes/client-go:tools/clientcmd/validation.go): a missing piece is one line naming it.
 * An exec plugin is not run here: only when credentials are sent (applyExecCredential).
 */
export async function resolveKubeconfig(o: KubeconfigOptions): Promise<Resolved> {
  const { kc, files } = await loadConfig(o)
  const where = files.length === 1 ? `kubeconfig ${files[0]}` : 'the kubeconfig'
  if (o.context) {
    if (!kc.getContextObject(o.context)) throw new KubeError(`context "${o.context}" does not exist in ${where}`)
    kc.setCurrentContext(o.context)
  }
  const contextName = kc.getCurrentContext()
  if (!contextName) {
    const empty = !kc.getContexts().length && !kc.getClusters().length && !kc.getUsers().length
    throw new KubeError(empty ? `${where} is empty: it defines no cluster, user or context` : `current-context is not set in ${where}: pass --context (${kc.getContexts().map((c) => c.name).join(', ') || 'it defines no context'})`)
  }
  const context = kc.getContextObject(contextName)
  if (!context) throw new KubeError(`context "${contextName}" does not exist in ${where}`)
  const cluster = kc.getCluster(context.cluster)
  if (!cluster) throw new KubeError(`cannot locate cluster "${context.cluster}" of context "${contextName}" in ${where}`)
  if (!cluster.server) throw new KubeError(`cluster "${cluster.name}" of context "${contextName}" has no server address`)
  const user = context.user ? kc.getUser(context.user) : null
  if (context.user && !user) throw new KubeError(`cannot locate user "${context.user}" of context "${contextName}" in ${where}`)
  return {
    kc, contextName, ...(user ? { user } : {}), namespace: context.namespace || 'default',
    server: cluster.server.replace(/\/+$/, ''), skipTLSVerify: Boolean(cluster.skipTLSVerify),
    ...(cluster.proxyUrl ? { proxyUrl: cluster.proxyUrl } : {}),
  }
}

/**
 * Runs the user's exec plugin as client-go does (kubernetes/client-go:plugin/pkg/client/auth/exec/exec.go:
 * KUBERNETES_EXEC_INFO, non-interactive, the ExecCredential's token or certificate pair), under a
 * deadline, then hands the client the credential in place of the plugin.
 */
export async function applyExecCredential(kc: KubeConfigT, user: User, o: KubeconfigOptions): Promise<void> {
  if (!user.exec) return
  const exec = user.exec as { command?: string; args?: string[]; env?: { name: string; value: string }[]; apiVersion?: string }
  const command = exec.command ?? ''
  const plugin = `credential plugin "${[command, ...(exec.args ?? [])].join(' ')}" of user "${user.name}"`
  if (!command) throw new KubeError(`user "${user.name}": its exec credential plugin names no command`)
  const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1'
  const env: NodeJS.ProcessEnv = { ...o.env, KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion, kind: 'ExecCredential', spec: { interactive: false } }) }
  for (const e of exec.env ?? []) env[e.name] = e.value
  const stdout = await runPlugin(command, exec.args ?? [], env, o.execTimeoutMs, plugin)
  let status: any
  try {
    status = JSON.parse(stdout)?.status
  } catch {
    throw new KubeError(`the ${plugin} printed something that is not an ExecCredential (JSON)`)
  }
  const token = typeof status?.token === 'string' ? status.token : ''
  const cert = typeof status?.clientCertificateData === 'string' ? status.clientCertificateData : ''
  const key = typeof status?.clientKeyData === 'string' ? status.clientKeyData : ''
  if (!token && !cert && !key) throw new KubeError(`the ${plugin} returned neither a token nor a client certificate`)
  if (!cert !== !key) throw new KubeError(`the ${plugin} returned only a client certificate or only its key, not both`)
  const { exec: _exec, ...rest } = user
  const replaced: User = { ...rest, ...(token ? { token } : {}), ...(cert ? { certData: Buffer.from(cert).toString('base64'), keyData: Buffer.from(key).toString('base64') } : {}) }
  kc.loadFromOptions({ clusters: kc.getClusters(), contexts: kc.getContexts(), users: kc.getUsers().map((u) => (u.name === user.name ? replaced : u)), currentContext: kc.getCurrentContext() })
}

function runPlugin(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, plugin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that a deadline kills what the plugin started too (a shell
    // script's children would otherwise keep the pipes, and this process, alive).
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    const timer = timeoutMs > 0 ? setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL') } catch { child.kill('SIGKILL') }
      child.stdout.destroy()
      child.stderr.destroy()
      reject(new KubeError(`the ${plugin} gave no credential within ${timeoutMs / 1000}s (raise --request-timeout, or run it by hand to see what it waits for)`))
    }, timeoutMs) : undefined
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(new KubeError(e.code === 'ENOENT' ? `the ${plugin} is not installed: ${command} not found` : `the ${plugin} could not run: ${e.message}`))
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      const last = Buffer.concat(err).toString('utf8').trim().split('\n').at(-1)
      if (code !== 0) reject(new KubeError(`the ${plugin} failed (exit ${code ?? 'by a signal'})${last ? `: ${last}` : ''}`))
      else resolve(Buffer.concat(out).toString('utf8'))
    })
  })
}
