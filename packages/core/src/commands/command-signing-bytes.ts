import { canonicalJson } from '../audit/canonical-json.js';

/**
 * The bytes a command's signature covers: canonical JSON (keys sorted) of its id, device id, type,
 * payload and expiry as ISO text. `@ward/agent-protocol`'s `commandSigningInput` builds the same
 * bytes on the device; a test holds the two together.
 */
export function commandSigningBytes(fields: { readonly id: string; readonly deviceId: string; readonly type: string; readonly payload: Readonly<Record<string, unknown>>; readonly expiresAt: Date }): Uint8Array {
  return new TextEncoder().encode(canonicalJson({ id: fields.id, deviceId: fields.deviceId, type: fields.type, payload: fields.payload, expiresAt: fields.expiresAt.toISOString() }));
}
