import { MASTER_KEY_LENGTH } from './assert-master-key.js';
import { decodeBase64 } from './decode-base64.js';
import { PkiError } from './pki-error.js';

/**
 * Reads a master key from configuration text: 64 hex digits, or base64/base64url (padding optional)
 * of exactly 32 bytes. Surrounding whitespace is ignored.
 *
 * @throws PkiError `MASTER_KEY_INVALID` for anything else; the message never echoes the text, which
 * may be a nearly-right secret.
 */
export function parseMasterKey(text: string): Uint8Array {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return new Uint8Array(Buffer.from(trimmed, 'hex'));
  const decoded = decodeBase64(trimmed);
  if (decoded?.length === MASTER_KEY_LENGTH) return decoded;
  throw new PkiError(
    'MASTER_KEY_INVALID',
    `the master key must be ${MASTER_KEY_LENGTH} bytes written as base64 (44 characters) or hex (64 characters); got ${trimmed.length} characters that are neither`,
  );
}
