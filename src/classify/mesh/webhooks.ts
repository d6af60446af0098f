// Init containers other mutating webhooks add at admission: not in the spec, part of the picture
// (ref §1.3 caveat, §7 Vault and KServe rows).
import type { PodView } from '../../model/workloads.js'
import { annotation } from '../../model/meta.js'
import { findUrls } from '../syntax/destinations.js'
import { vaultWebhookContainer, type VaultOptions } from './vault.js'
import type { WebhookContainer } from './webhook-container.js'

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

export function webhookContainers(pod: PodView, opts: VaultOptions = {}): WebhookContainer[] {
  return [vaultWebhookContainer(pod, opts), kserve(pod)].filter((w): w is WebhookContainer => w !== undefined)
}
