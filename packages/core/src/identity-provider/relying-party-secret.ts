import { toBase64Url } from '../kernel/base64url.js';
import type { Ids } from '../kernel/ports.js';
import { relyingPartyLimits } from './model.js';

/**
 * A fresh client secret: 256 bits from the Ids port, base64url (43 characters), well above the
 * entropy RFC 6749 §10.10 asks of generated credentials.
 */
export function newRelyingPartySecret(ids: Ids): string {
  return toBase64Url(ids.randomBytes(relyingPartyLimits.secretBytes));
}
