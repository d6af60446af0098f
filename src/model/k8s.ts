// Loose views of the Kubernetes objects the core reads. Inputs come from untrusted YAML,
// so every field is optional and readers check types before use.

export interface ObjectMeta {
  name?: string
  namespace?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: { apiVersion?: string; kind?: string; name?: string; uid?: string; controller?: boolean }[]
  uid?: string
  resourceVersion?: string
}

export interface KObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  spec?: any
  status?: any
  data?: Record<string, string>
  items?: unknown[]
  [key: string]: unknown
}

interface SecurityContext {
  runAsUser?: number
  runAsGroup?: number
  runAsNonRoot?: boolean
}

interface EnvVar {
  name?: string
  value?: string
  valueFrom?: {
    configMapKeyRef?: { name?: string; key?: string }
    secretKeyRef?: { name?: string; key?: string }
    fieldRef?: { fieldPath?: string }
  }
}

export interface Container {
  name?: string
  image?: string
  command?: string[]
  args?: string[]
  env?: EnvVar[]
  envFrom?: { configMapRef?: { name?: string }; secretRef?: { name?: string }; prefix?: string }[]
  volumeMounts?: { name?: string; mountPath?: string; subPath?: string }[]
  securityContext?: SecurityContext
  restartPolicy?: string
}

interface KeyItems { items?: { key?: string; path?: string }[] }

interface Volume {
  name?: string
  configMap?: { name?: string } & KeyItems
  secret?: { secretName?: string } & KeyItems
  projected?: { sources?: { configMap?: { name?: string } & KeyItems; secret?: { name?: string } & KeyItems; serviceAccountToken?: { audience?: string; path?: string } }[] }
}

export interface PodSpec {
  initContainers?: Container[]
  containers?: Container[]
  volumes?: Volume[]
  securityContext?: SecurityContext
  hostNetwork?: boolean
  nodeName?: string
  serviceAccountName?: string
  /** Deprecated alias of serviceAccountName, still honoured by the API server. */
  serviceAccount?: string
  automountServiceAccountToken?: boolean
}

interface ContainerStatus {
  name?: string
  restartCount?: number
  state?: { waiting?: { reason?: string }; terminated?: { exitCode?: number; reason?: string }; running?: object }
  lastState?: { terminated?: { exitCode?: number; reason?: string } }
}

export interface PodStatus {
  phase?: string
  initContainerStatuses?: ContainerStatus[]
  containerStatuses?: ContainerStatus[]
}
