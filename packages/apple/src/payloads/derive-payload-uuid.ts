import { createHash } from 'node:crypto';

/**
 * A payload UUID derived from `seed`: the first 16 bytes of SHA-256(seed), stamped as an RFC 9562
 * version 8 (custom) UUID and written in upper case as Apple's tools write them. The same seed
 * gives the same UUID on every server, so a re-rendered but unchanged profile keeps its
 * PayloadUUID, and a changed one (a new item hash in the seed) gets a new UUID: Apple then treats
 * it as a new version of the payload with the same PayloadIdentifier (CommonPayloadKeys).
 */
export function derivePayloadUuid(seed: string): string {
  const bytes = createHash('sha256').update(seed, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
