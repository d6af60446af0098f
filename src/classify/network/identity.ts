// What the pod's own context says about an init container whose program the core does not know
// (issue 13 item 4): the credentials it is handed. A kubeconfig or a ServiceAccount token mounted
// into this container is a statement about this container; the pod's ServiceAccount and the RBAC
// bound to it belong to every container of the pod (the application's first of all), so they are
// shown beside the verdict but decide nothing on their own.
import type { Container, KObject, PodSpec } from '../../model/k8s.js'

/** The ServiceAccounts, bindings and roles of the input (or read from the cluster). */
export interface Rbac {
  /** `namespace/name` → automountServiceAccountToken of the ServiceAccount, when it is in the input. */
  accounts: Map<string, boolean | undefined>
  /** `namespace/name` of a ServiceAccount → what binds it. */
  bindings: Map<string, { binding: string; role: string }[]>
  /** `Role namespace/name` or `ClusterRole name` → a summary of its rules. */
  roles: Map<string, string[]>
}

/** `get,list pods,secrets` for each rule; non-resource URLs as they are. */
function rules(o: KObject): string[] {
  const list = Array.isArray(o.rules) ? (o.rules as any[]) : []
  return list.map((r) => {
    const verbs = Array.isArray(r?.verbs) ? r.verbs.join(',') : '?'
    const what = [...(Array.isArray(r?.resources) ? r.resources : []), ...(Array.isArray(r?.nonResourceURLs) ? r.nonResourceURLs : [])]
    return `${verbs} ${what.join(',') || '?'}`
  })
}

/** The RBAC objects among `objects`; undefined when there are none (nothing can be said). */
export function indexRbac(objects: KObject[]): Rbac | undefined {
  const rbac: Rbac = { accounts: new Map(), bindings: new Map(), roles: new Map() }
  let any = false
  for (const o of objects) {
    const name = o.metadata?.name
    if (!name) continue
    const ns = o.metadata?.namespace ?? 'default'
    if (o.kind === 'ServiceAccount') {
      any = true
      rbac.accounts.set(`${ns}/${name}`, typeof o.automountServiceAccountToken === 'boolean' ? o.automountServiceAccountToken : undefined)
    } else if (o.kind === 'Role' || o.kind === 'ClusterRole') {
      any = true
      rbac.roles.set(o.kind === 'Role' ? `Role ${ns}/${name}` : `ClusterRole ${name}`, rules(o))
    } else if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      any = true
      const ref = o.roleRef as { kind?: string; name?: string } | undefined
      if (!ref?.name) continue
      // A RoleBinding may grant a ClusterRole, within its own namespace.
      const role = ref.kind === 'ClusterRole' ? `ClusterRole ${ref.name}` : `Role ${ns}/${ref.name}`
      for (const s of Array.isArray(o.subjects) ? (o.subjects as any[]) : []) {
        if (s?.kind !== 'ServiceAccount' || !s.name) continue
        const key = `${s.namespace ?? (o.kind === 'RoleBinding' ? ns : 'default')}/${s.name}`
        rbac.bindings.set(key, [...(rbac.bindings.get(key) ?? []), { binding: `${o.kind} ${o.kind === 'RoleBinding' ? `${ns}/` : ''}${name}`, role }])
      }
    }
  }
  return any ? rbac : undefined
}

interface PodIdentity {
  /** `namespace/name` of the pod's ServiceAccount. */
  account: string
  /** The token is mounted into every container (automountServiceAccountToken, pod then ServiceAccount level). */
  automount: boolean
  automountFrom: string
  /** What the bindings grant, one line each: `ClusterRole x (ClusterRoleBinding y): get,list pods`. */
  grants: string[]
}

/** The pod's ServiceAccount, whether its token is mounted, and the RBAC bound to it (Kubernetes' own defaults). */
export function podIdentity(spec: PodSpec, namespace: string, rbac: Rbac): PodIdentity {
  const name = spec.serviceAccountName || spec.serviceAccount || 'default'
  const account = `${namespace}/${name}`
  const saLevel = rbac.accounts.get(account)
  const [automount, automountFrom] = typeof spec.automountServiceAccountToken === 'boolean' ? [spec.automountServiceAccountToken, 'pod spec']
    : typeof saLevel === 'boolean' ? [saLevel, `ServiceAccount ${account}`] : [true, 'the default']
  const grants = (rbac.bindings.get(account) ?? []).map(({ binding, role }) => {
    const r = rbac.roles.get(role)
    const shown = r ? `: ${r.slice(0, 3).join('; ')}${r.length > 3 ? `; … (${r.length} rules)` : ''}` : ' (not in the input)'
    return `${role} (${binding})${shown}`
  })
  return { account, automount, automountFrom, grants }
}

/** One line of evidence on the pod's identity, for a program that stays unknown. */
export function identityEvidence(id: PodIdentity): string {
  const token = id.automount ? `its token is mounted into every container (automountServiceAccountToken: ${id.automountFrom})` : `its token is not mounted (automountServiceAccountToken: false in the ${id.automountFrom})`
  const bound = id.grants.length ? `is bound to ${id.grants.join(', ')}` : 'has no RBAC binding in the input'
  return `ServiceAccount ${id.account} ${bound}; ${token}. A ServiceAccount belongs to the whole pod, so this alone does not say the init container calls the API`
}

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount'
const KUBECONFIG = /kube-?config|\.kube(\/config)?$/i
/** The API audience tokens are issued for by default (a projected token with no audience). */
const API_AUDIENCES = /^(https:\/\/)?kubernetes(\.default(\.svc(\.cluster\.local)?)?)?$/

export type Credential =
  | { kind: 'kubeconfig'; where: string; path?: string }
  | { kind: 'token'; where: string; audience?: string }

/**
 * A kubeconfig or a ServiceAccount token handed to this container: KUBECONFIG in its env, a
 * mount that names a kubeconfig, or a token volume mounted here but not into every application
 * container (the admission plugin's `kube-api-access-*` and identity webhooks' token volumes go to
 * every container, like automount).
 */
export function credentials(c: Container, spec: PodSpec, env: Map<string, string | undefined>): Credential[] {
  const out: Credential[] = []
  // An empty KUBECONFIG is unset: client-go falls back to the in-cluster config (NVIDIA's config-manager-init sets "").
  const kubeconfig = env.get('KUBECONFIG')
  if (env.has('KUBECONFIG') && kubeconfig !== '') out.push({ kind: 'kubeconfig', where: `env KUBECONFIG=${kubeconfig ?? '(from a Secret)'}`, ...(kubeconfig ? { path: kubeconfig } : {}) })
  const apps = spec.containers ?? []
  for (const m of c.volumeMounts ?? []) {
    if (!m?.name || !m.mountPath) continue
    const vol = (spec.volumes ?? []).find((v) => v?.name === m.name)
    const keys = [vol?.secret?.secretName, ...(vol?.secret?.items ?? []).flatMap((i) => [i?.key, i?.path]), ...(vol?.configMap?.items ?? []).flatMap((i) => [i?.key, i?.path]),
      ...(vol?.projected?.sources ?? []).flatMap((s) => [s?.secret?.name, ...(s?.secret?.items ?? []).flatMap((i) => [i?.key, i?.path])])]
    const where = `volume ${m.name} at ${m.mountPath}${m.subPath ? ` (subPath ${m.subPath})` : ''}`
    if (!out.some((x) => x.kind === 'kubeconfig') && [m.name, m.mountPath, m.subPath, ...keys].some((k) => typeof k === 'string' && KUBECONFIG.test(k))) {
      out.push({ kind: 'kubeconfig', where, path: m.mountPath })
      continue
    }
    const token = vol?.projected?.sources?.find((s) => s?.serviceAccountToken)?.serviceAccountToken
    if (!token && m.mountPath.replace(/\/+$/, '') !== TOKEN_PATH) continue
    if (/^kube-api-access-/.test(m.name) || (apps.length && apps.every((a) => a?.volumeMounts?.some((x) => x?.name === m.name)))) continue
    out.push({ kind: 'token', where, ...(token?.audience ? { audience: token.audience } : {}) })
  }
  return out
}

/** Whom a token is for: the API server unless its audience names another service (Vault, a cloud STS). */
export const forApiServer = (audience: string | undefined) => audience === undefined || API_AUDIENCES.test(audience)
