// Label and annotation keys the core reads (ref §9 glossary, §3.1).

export const INJECT = 'sidecar.istio.io/inject'
export const STATUS = 'sidecar.istio.io/status'
export const NATIVE_SIDECAR = 'sidecar.istio.io/nativeSidecar'
export const INTERCEPTION_MODE = 'sidecar.istio.io/interceptionMode'
export const PROXY_CONFIG = 'proxy.istio.io/config'
export const REV = 'istio.io/rev'
export const INJECTION_NS = 'istio-injection'
export const DATAPLANE_MODE = 'istio.io/dataplane-mode'
export const AMBIENT_REDIRECTION = 'ambient.istio.io/redirection'
export const CNI_UNINITIALIZED = 'cni.istio.io/uninitialized'

export const INCLUDE_IP_RANGES = 'traffic.sidecar.istio.io/includeOutboundIPRanges'
export const EXCLUDE_IP_RANGES = 'traffic.sidecar.istio.io/excludeOutboundIPRanges'
export const INCLUDE_OUTBOUND_PORTS = 'traffic.sidecar.istio.io/includeOutboundPorts'
export const EXCLUDE_OUTBOUND_PORTS = 'traffic.sidecar.istio.io/excludeOutboundPorts'

export const OPENSHIFT_UID_RANGE = 'openshift.io/sa.scc.uid-range'
export const OPENSHIFT_SUPPLEMENTAL_GROUPS = 'openshift.io/sa.scc.supplemental-groups'

/** Istio's own init containers: never application containers (ref §1.3, §9). */
export const ISTIO_INIT = 'istio-init'
export const ISTIO_VALIDATION = 'istio-validation'
export const ISTIO_PROXY = 'istio-proxy'
export const ISTIO_CONTAINERS = new Set([ISTIO_INIT, ISTIO_VALIDATION, ISTIO_PROXY, 'enable-core-dump'])

/** Namespaces istiod never injects (ref §1.7, `IgnoredNamespaces`). */
export const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage'])
