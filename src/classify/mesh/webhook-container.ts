// The shape of an init container another mutating webhook adds at admission (ref §1.3 caveat):
// shared by webhooks.ts and each vendor's model (vault.ts), so neither imports the other's type.
import type { EffectiveIds } from '../../model/security.js'
import type { Traffic } from '../network/network.js'

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
