// Init containers other mutating webhooks add at admission: not in the spec, part of the picture
// (ref §1.3 caveat, §7 Vault and KServe rows).
import type { PodView } from '../model/workloads.js'
import { annotation, parseBool } from '../model/meta.js'
import { toInt, type EffectiveIds } from '../model/security.js'
import { destination, findUrls } from './destinations.js'
import type { Traffic } from './network.js'

export interface WebhookContainer {
  webhook: string
  name: string
  /** `first`: prepended before every init container; `last`: appended after Istio's; `before-istio`: in the spec Istio sees. */
  position: 'first' | 'last' | 'before-istio'
  traffic: Traffic[]
  /** What it does on the network, as a verb phrase. */
  does: string
  ids: EffectiveIds
  /** The vendor's own knobs, for the remediation. */
  fix: string
}

const VAULT = 'vault.hashicorp.com/'

function vault(pod: PodView): WebhookContainer | undefined {
  const a = (k: string) => annotation(pod.meta, VAULT + k)
  if (parseBool(a('agent-inject')) !== true) return undefined
  if (parseBool(a('agent-pre-populate')) === false) return undefined
  const service = a('service')
  const url = service ? findUrls(service)[0] : undefined
  const dest = url?.dest ?? destination(undefined, 8200)
  const user = toInt(a('agent-run-as-user')) ?? 100
  const group = toInt(a('agent-run-as-group')) ?? 1000
  return {
    webhook: 'the Vault agent injector',
    name: 'vault-agent-init',
    // The Vault webhook runs after Istio's (configurations are called in name order), so it appends.
    position: parseBool(a('agent-init-first')) === true ? 'first' : 'last',
    traffic: [{ dest, proto: 'tcp', evidence: `annotation ${VAULT}agent-inject: "true" → TCP to Vault at ${service ?? 'the injector\'s default address'}` }],
    does: `logs in to Vault at ${service ?? "the injector's default address (port 8200)"}`,
    ids: { user, userFrom: 'container', group, groupFrom: 'container' },
    fix: `Set ${VAULT}agent-run-as-user: "<proxy UID>", or ${VAULT}agent-pre-populate: "false" (no init container), or exclude the Vault port.`,
  }
}

const KSERVE_URI = 'serving.kserve.io/storage-initializer-sourceuri'

function kserve(pod: PodView): WebhookContainer | undefined {
  const uri = annotation(pod.meta, KSERVE_URI)
  if (!uri) return undefined
  const url = findUrls(uri)[0]
  if (!url || url.local) return undefined
  return {
    webhook: "KServe's storage initializer",
    name: 'storage-initializer',
    position: 'before-istio',
    traffic: [{ dest: url.dest, proto: 'tcp', evidence: `annotation ${KSERVE_URI}: ${uri} → TCP to ${url.text}` }],
    does: `downloads the model from ${uri}`,
    ids: {},
    fix: 'Run the storage initializer as the proxy UID (KServe storageInitializer config), or use a native sidecar.',
  }
}

export function webhookContainers(pod: PodView): WebhookContainer[] {
  return [vault(pod), kserve(pod)].filter((w): w is WebhookContainer => w !== undefined)
}
